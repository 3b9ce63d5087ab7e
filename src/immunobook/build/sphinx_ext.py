"""Sphinx extension for the book: serve every front-end asset from the book's own ``_static``.

* validates the data package before anything is built, whatever the execution cache holds (bad
  data fails the build with one line per problem; :mod:`immunobook.data`);
* keys every notebook's cached outputs on the data and code they depend on, and keeps each
  edition's cache apart (:mod:`immunobook.build.freshness`);
* builds the book's plotly.js bundle (:mod:`immunobook.build.plotly_bundle`) into ``_static``; math is
  MathML written at build time (:mod:`immunobook.build.mathml`);
* adds the book's CSS and the plotly loader script, and mends faults of the theme and docutils
  (a duplicated script, invalid ARIA roles on bibliographies; the theme's Font Awesome script is
  replaced by an empty one in ``static/scripts``);
* trims the theme's CSS and icon fonts to what the pages use (:mod:`immunobook.build.slim`);
* keeps pages light: no search index outside the search page (``templates/layout.html``), no
  widget state that no page uses, scripts deferred so they do not block the first paint;
* gives every link to a glossary term its definition as a hover text.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ExtensionError

from immunobook.build import plotly_bundle, slim
from immunobook.data import validate

PDF_DIR = "pdf"  # where immunobook.build.printing writes the chapter PDFs, inside the HTML output

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# Scripts that later scripts use at once (inline ones in <head>; searchtools.js on the search page
# calls doctools.js's _ready), so they cannot wait (be deferred).
SCRIPTS_NEEDED_AT_ONCE = ("documentation_options.js", "doctools.js")


def _node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def _check_data(app: Sphinx) -> None:
    problems = validate(Path(app.srcdir) / "data")
    if problems:
        lines = "\n".join(map(str, problems))
        raise ExtensionError(f"the data package has {len(problems)} problem(s):\n{lines}")


def _finish_assets(app: Sphinx, exception: Exception | None) -> None:
    """Build the plotly.js bundle and trim the theme's CSS and icon fonts to what the pages use."""
    if exception is not None or app.builder.format != "html":
        return
    html_dir = Path(app.outdir)
    try:
        plotly_bundle.build(_node_modules(app), html_dir / "_static" / "plotly.min.js")
        slim.slim_theme_assets(html_dir, _node_modules(app))
    except (plotly_bundle.BundleError, slim.SlimError) as error:
        raise ExtensionError(str(error)) from error


def _tidy_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Emit each script once, drop the unused widget state and defer every script file.

    * sphinx-thebe registers its inline config twice under Jupyter Book, which throws 'Identifier
      THEBE_JS_URL has already been declared' on every page;
    * myst-nb embeds the notebook's ipywidgets state (tens of KB), but the book shows no live widget
      (:class:`immunobook.build.mime.WidgetLiveNoteRenderer`);
    * a deferred script no longer blocks the first paint; deferred scripts still run in order.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, tidy = set(), []
    for script in scripts:
        # the same inline script is registered once with filename None and once with ''
        key = (script.filename or "", tuple(sorted(script.attributes.items())))
        if key in seen or script.attributes.get("type") == WIDGET_STATE:
            continue
        seen.add(key)
        attributes = dict(script.attributes)
        name = str(script.filename or "")
        if name and not name.endswith(SCRIPTS_NEEDED_AT_ONCE) and not {"async", "defer"} & attributes.keys():
            attributes["defer"] = "defer"
        tidy.append(_JavaScript(script.filename, priority=script.priority, **attributes))
    scripts[:] = tidy


def _fix_citation_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop the ARIA roles docutils puts on a bibliography: a role="list" whose children are
    role="doc-biblioentry" is invalid ARIA (axe: critical aria-required-children)."""
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">').replace(
            ' role="doc-biblioentry"', ""
        )


def _link_chapter_pdf(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Give every notebook chapter a link to its printable PDF (made by immunobook.build.printing)."""
    if context.get("page_source_suffix") != ".ipynb" or "body" not in context:
        return
    href = context["pathto"](f"{PDF_DIR}/{pagename}.pdf", 1)
    context["body"] = (
        f'<p class="immunobook-print-link"><a href="{href}">Printable PDF of this chapter</a></p>'
        + context["body"]
    )


def _glossary_definitions(app: Sphinx) -> dict[str, str]:
    """Map each glossary term's anchor (``term-...``) to its definition as plain text."""
    if not hasattr(app, "immunobook_glossary"):  # once per build, after every document is read
        definitions = {}
        for docname in app.env.found_docs:
            doctree = app.env.get_doctree(docname)
            for glossary in doctree.findall(addnodes.glossary):
                for item in glossary.findall(nodes.definition_list_item):
                    term = item.next_node(nodes.term)
                    definition = item.next_node(nodes.definition)
                    for anchor in term["ids"]:
                        definitions[anchor] = " ".join(definition.astext().split())
        app.immunobook_glossary = definitions
    return app.immunobook_glossary


def _term_hover_definitions(app: Sphinx, doctree, docname: str) -> None:
    """Show a glossary term's definition when the reader hovers over a link to it."""
    definitions = _glossary_definitions(app)
    for reference in doctree.findall(nodes.reference):
        anchor = reference.get("refuri", "").partition("#")[2]
        if anchor.startswith("term-") and anchor in definitions:
            reference["reftitle"] = definitions[anchor]


def _add_paths(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))
    config.templates_path.insert(0, str(TEMPLATES_DIR))


def _jupyterhub_from_environment(app: Sphinx, config) -> None:
    """``make book JUPYTERHUB_URL=https://hub.example.edu`` builds the book with a JupyterHub launch
    button (an nbgitpuller link into that hub) without editing ``_config.yml``."""
    hub = os.environ.get("JUPYTERHUB_URL", "").strip()
    if hub:
        config.html_theme_options.setdefault("launch_buttons", {})["jupyterhub_url"] = hub


def setup(app: Sphinx) -> dict:
    app.setup_extension("immunobook.build.mathml")
    app.setup_extension("immunobook.build.freshness")
    app.connect("config-inited", _add_paths)
    app.connect("config-inited", _jupyterhub_from_environment)
    app.connect("builder-inited", _check_data)
    app.connect("build-finished", _finish_assets, priority=900)  # after sphinx-exercise copies its CSS
    app.connect("doctree-resolved", _term_hover_definitions)
    app.connect("html-page-context", _tidy_scripts, priority=900)
    app.connect("html-page-context", _fix_citation_roles, priority=100)
    app.connect("html-page-context", _link_chapter_pdf)
    app.add_css_file("immunobook.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
