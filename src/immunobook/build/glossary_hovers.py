"""Show a glossary term's definition when the reader hovers over a link to it (the link's title).

The definitions are collected per document as it is read and kept on the build environment
(``env.immunobook_glossary``: docname -> {anchor: definition}), purged when a document is re-read
and merged from parallel readers, so incremental and parallel builds see every glossary.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

ENV_KEY = "immunobook_glossary"


def _store(env) -> dict[str, dict[str, str]]:
    if not hasattr(env, ENV_KEY):
        setattr(env, ENV_KEY, {})
    return getattr(env, ENV_KEY)


def definitions_of(doctree) -> dict[str, str]:
    """Map each glossary term's anchor (``term-...``) in ``doctree`` to its definition as plain text."""
    definitions = {}
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            term = item.next_node(nodes.term)
            definition = item.next_node(nodes.definition)
            for anchor in term["ids"]:
                definitions[anchor] = " ".join(definition.astext().split())
    return definitions


def collect(app: Sphinx, doctree) -> None:
    found = definitions_of(doctree)
    if found:
        _store(app.env)[app.env.docname] = found


def purge(app: Sphinx, env, docname: str) -> None:
    _store(env).pop(docname, None)


def merge(app: Sphinx, env, docnames, other) -> None:
    theirs = _store(other)
    _store(env).update({name: theirs[name] for name in docnames if name in theirs})


def add_hover_definitions(app: Sphinx, doctree, docname: str) -> None:
    definitions = {anchor: text for found in _store(app.env).values() for anchor, text in found.items()}
    for reference in doctree.findall(nodes.reference):
        anchor = reference.get("refuri", "").partition("#")[2]
        if anchor.startswith("term-") and anchor in definitions:
            reference["reftitle"] = definitions[anchor]


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", collect)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("doctree-resolved", add_hover_definitions)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
