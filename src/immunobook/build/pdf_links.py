"""Give every notebook chapter a link to its printable PDF (made by :mod:`immunobook.build.printing`
after the HTML build, into :data:`~immunobook.build.constants.PDF_DIR`). The PDFs are kept
(not the browser's own print) because they carry each figure as plotly's static vector image."""

from __future__ import annotations

from sphinx.application import Sphinx

from immunobook.build.constants import PDF_DIR


def link_chapter_pdf(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if context.get("page_source_suffix") != ".ipynb" or "body" not in context:
        return
    href = context["pathto"](f"{PDF_DIR}/{pagename}.pdf", 1)
    context["body"] = (
        f'<p class="immunobook-print-link"><a href="{href}">Printable PDF of this chapter</a></p>' + context["body"]
    )


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", link_chapter_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
