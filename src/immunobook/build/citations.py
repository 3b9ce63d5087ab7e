"""Drop the ARIA roles docutils puts on a bibliography: a role="list" whose children are
role="doc-biblioentry" is invalid ARIA (axe: critical aria-required-children)."""

from __future__ import annotations

from sphinx.application import Sphinx


def fix_citation_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        body = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')
        context["body"] = body.replace(' role="doc-biblioentry"', "")


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", fix_citation_roles, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
