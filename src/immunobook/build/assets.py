"""Serve every front-end asset from the book's own ``_static``, and keep it small.

* adds the book's static folder, templates and CSS (``templates/layout.html``: no search index
  outside the search page; theme components with accessible names) and sets up
  :mod:`immunobook.build.pages` (page styles and script, the A–Z glossary, searchable tables);
* once the HTML is written, builds the book's plotly.js bundle (:mod:`immunobook.build.plotly_bundle`)
  and trims the theme's CSS and icon fonts to what the pages use (:mod:`immunobook.build.slim`).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from immunobook.build import plotly_bundle, slim
from immunobook.build.constants import BUNDLE_FILE

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"


def node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def add_paths(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))
    config.templates_path.insert(0, str(TEMPLATES_DIR))


def finish_assets(app: Sphinx, exception: Exception | None) -> None:
    """Build the plotly.js bundle and trim the theme's CSS and icon fonts to what the pages use."""
    if exception is not None or app.builder.format != "html":
        return
    html_dir = Path(app.outdir)
    try:
        plotly_bundle.build(node_modules(app), html_dir / "_static" / BUNDLE_FILE)
        slim.slim_theme_assets(html_dir, node_modules(app))
    except (plotly_bundle.BundleError, slim.SlimError) as error:
        raise ExtensionError(str(error)) from error


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_paths)
    app.connect("build-finished", finish_assets, priority=900)  # after sphinx-exercise copies its CSS
    app.add_css_file("immunobook.css")
    app.setup_extension("immunobook.build.pages")  # page styles and script, A–Z glossary, searchable tables
    return {"parallel_read_safe": True, "parallel_write_safe": True}
