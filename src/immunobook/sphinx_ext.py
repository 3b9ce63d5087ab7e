"""Sphinx extension for the book: serve every front-end asset from the book's own ``_static``.

* validates the data package before anything is built (bad data fails the build);
* builds the book's plotly.js bundle (:mod:`immunobook.plotly_bundle`) and copies MathJax 3 from
  the npm ``mathjax`` package into ``_static``;
* adds the book's CSS and the plotly loader script, and mends faults of the theme and docutils
  (a duplicated script, invalid ARIA roles on bibliographies, MathJax on pages without math; the
  theme's Font Awesome script is replaced by an empty one in ``static/scripts``);
* gives every link to a glossary term its definition as a hover text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from immunobook import plotly_bundle
from immunobook.data import validate_package

PDF_DIR = "pdf"  # where immunobook.printing writes the chapter PDFs, inside the HTML output

STATIC_DIR = Path(__file__).parent / "static"
# The parts of MathJax's es5 build that tex-mml-chtml.js loads; the speech-rule engine and the SVG
# output are large and unused.
MATHJAX_PARTS = ("tex-mml-chtml.js", "input", "output/chtml", "ui", "a11y", "adaptors")


def _node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def _check_data(app: Sphinx) -> None:
    problems = validate_package()
    if problems:
        raise ExtensionError("the data package is invalid:\n  " + "\n  ".join(problems))


def _mathjax_source(app: Sphinx) -> Path:
    source = _node_modules(app) / "mathjax" / "es5"
    if not source.is_dir():
        raise ExtensionError(f"MathJax not found at {source}: run `npm ci` (make book does)")
    return source


def _copy_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    try:
        plotly_bundle.build(_node_modules(app), static / "plotly.min.js")
    except plotly_bundle.BundleError as error:
        raise ExtensionError(str(error)) from error
    source = _mathjax_source(app)
    for part in MATHJAX_PARTS:
        target = static / "mathjax" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if (source / part).is_dir():
            shutil.copytree(source / part, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source / part, target)


def _drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Emit each script once: sphinx-thebe registers its inline config twice under Jupyter Book,
    which throws 'Identifier THEBE_JS_URL has already been declared' on every page."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        # the same inline script is registered once with filename None and once with ''
        key = (script.filename or "", tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _load_mathjax_only_for_math(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Sphinx loads MathJax on a page that merely lists (in a toctree) pages with math, such as the
    book's front page; drop it (1.2 MB) where the page itself has no math."""
    scripts = context.get("script_files")
    if not scripts or doctree is None:
        return
    if doctree.next_node(nodes.math) is None and doctree.next_node(nodes.math_block) is None:
        scripts[:] = [s for s in scripts if "mathjax" not in str(s.filename or "")]


def _fix_citation_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop the ARIA roles docutils puts on a bibliography: a role="list" whose children are
    role="doc-biblioentry" is invalid ARIA (axe: critical aria-required-children)."""
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">').replace(
            ' role="doc-biblioentry"', ""
        )


def _link_chapter_pdf(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Give every notebook chapter a link to its printable PDF (made by immunobook.printing)."""
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


def _add_static_path(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _check_data)
    app.connect("build-finished", _copy_assets)
    app.connect("doctree-resolved", _term_hover_definitions)
    app.connect("html-page-context", _drop_duplicate_scripts, priority=100)
    app.connect("html-page-context", _fix_citation_roles, priority=100)
    app.connect("html-page-context", _link_chapter_pdf)
    app.connect("html-page-context", _load_mathjax_only_for_math, priority=900)
    app.add_css_file("immunobook.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
