"""The book's Sphinx extension, the one entry in ``_config.yml``: it sets up one module per concern.

* :mod:`~immunobook.build.data_check`: the data package is validated before anything is built;
* :mod:`~immunobook.build.freshness`: notebook outputs keyed on the data and code they depend on,
  each edition with its own cache;
* :mod:`~immunobook.build.mathml`: math written as MathML at build time;
* :mod:`~immunobook.build.assets`: every front-end asset from the book's own ``_static``: the CSS,
  the plotly.js bundle, the theme's CSS and icon fonts trimmed to what the pages use;
* :mod:`~immunobook.build.figure_images`: every figure drawn as static SVG pictures at build time;
* :mod:`~immunobook.build.scripts`: each script once, no unused widget state, scripts deferred;
* :mod:`~immunobook.build.citations`: valid ARIA on bibliographies;
* :mod:`~immunobook.build.pdf_links`: each chapter links to its printable PDF;
* :mod:`~immunobook.build.launch`: a JupyterHub launch button from ``JUPYTERHUB_URL``;
* :mod:`~immunobook.build.glossary_hovers`: a glossary link shows the term's definition on hover.
"""

from __future__ import annotations

from sphinx.application import Sphinx

EXTENSIONS = (
    "immunobook.build.data_check",
    "immunobook.build.freshness",
    "immunobook.build.mathml",
    "immunobook.build.assets",
    "immunobook.build.figure_images",
    "immunobook.build.scripts",
    "immunobook.build.citations",
    "immunobook.build.pdf_links",
    "immunobook.build.launch",
    "immunobook.build.glossary_hovers",
)


def setup(app: Sphinx) -> dict:
    for extension in EXTENSIONS:
        app.setup_extension(extension)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
