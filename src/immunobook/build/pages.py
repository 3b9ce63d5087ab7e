"""What the reader meets on every page, beyond the theme: accessible names, the A–Z glossary, long
tables that search and sort offline, and the page script and styles that go with them.

* **Accessible names** (WCAG 2.5.3, label in name): myst-nb writes ``aria-label="Toggle hidden
  content"`` on each "Show code cell source" fold, a name that a voice-control user who says what
  they see cannot use; the fold is written here without it, so its name is its visible text. (The
  theme's search button gets the same fix in ``templates/search-button-field.html``.)
* **A–Z glossary**: the terms are written in ``book/glossary-parts/*.md`` (``{glossary}`` blocks,
  one file per part of the book, as CONTRIBUTING.md says); when Sphinx reads ``book/glossary``, the
  line ``% glossary-a-z`` is replaced by every term of every part in one A–Z list, one letter heading
  and ``{glossary}`` block per letter, and a letter index. Term anchors (``term-<Term>``) depend on
  the term only, so links from the chapters and the hover definitions keep working.
* **Searchable tables**: a table that :func:`immunobook.figures.table` marks
  ``data-immunobook-searchable`` is made searchable, sortable and filterable in the browser by
  DataTables, from the offline bundle that the ``itables`` package ships (its ES module, turned into
  a classic script by esbuild so that it also loads from ``file://``). It is written to
  ``_static/datatables/`` and fetched only on a page that has such a table, once the reader opens it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
PAGE_CSS, PAGE_JS, TABLES_JS = "immunobook-pages.css", "immunobook-pages.js", "immunobook-tables.js"
DATATABLES_DIR = "datatables"  # in _static
DATATABLES_JS, DATATABLES_CSS = "datatables.js", "datatables.css"
DATATABLES_GLOBAL = "ImmunobookDataTables"
SEARCHABLE_MARKER = "data-immunobook-searchable"

GLOSSARY_DOC = "book/glossary"
GLOSSARY_PARTS = "glossary-parts"  # beside the glossary page
GLOSSARY_MARKER = re.compile(r"^% glossary-a-z\b.*$", re.MULTILINE)
GLOSSARY_BLOCK = re.compile(r"^```\{glossary\}[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


# --- accessible names ---------------------------------------------------------------------------


def visit_hide_cell_input(self, node) -> None:
    """myst-nb's fold of a hidden code cell, with its visible text as its accessible name."""
    from html import escape

    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hide_cell_input(self, node) -> None:
    self.body.append("</details>\n")


# --- the A–Z glossary ---------------------------------------------------------------------------


def glossary_entries(text: str) -> list[str]:
    """Each entry (its term lines and indented definition) of every ``{glossary}`` block in ``text``."""
    entries: list[list[str]] = []
    for block in GLOSSARY_BLOCK.findall(text):
        current: list[str] = []
        in_body = False
        for line in block.splitlines():
            if line.startswith(":") and not current:
                continue  # a directive option (:sorted:)
            if line.strip() and not line[0].isspace():
                if in_body:
                    entries.append(current)
                    current, in_body = [], False
                current.append(line)
            elif current:
                in_body = in_body or bool(line.strip())
                current.append(line)
        if current:
            entries.append(current)
    return ["\n".join(entry).rstrip() for entry in entries]


def sort_key(entry: str) -> tuple[str, str]:
    term = entry.splitlines()[0]
    letters = re.sub(r"[^0-9a-z ]", "", term.casefold())
    return letters.strip(), term


def letter_of(entry: str) -> str:
    first = sort_key(entry)[0][:1].upper()
    return first if first.isalpha() else "0–9"


def letter_id(letter: str) -> str:
    return "glossary-letter-" + ("0-9" if letter == "0–9" else letter.lower())


def a_to_z(entries: list[str]) -> str:
    """MyST for one A–Z glossary: a letter index, then a heading and a ``{glossary}`` per letter."""
    by_letter: dict[str, list[str]] = {}
    for entry in sorted(entries, key=sort_key):
        by_letter.setdefault(letter_of(entry), []).append(entry)
    links = " ".join(f'<a href="#{letter_id(letter)}">{letter}</a>' for letter in by_letter)
    parts = [f'<nav class="glossary-letters" aria-label="Glossary letters">{links}</nav>\n']
    for letter, group in by_letter.items():
        body = "\n\n".join(group)
        parts.append(f"({letter_id(letter)})=\n## {letter}\n\n```{{glossary}}\n{body}\n```\n")
    return "\n".join(parts)


def merge_glossary(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != GLOSSARY_DOC or not GLOSSARY_MARKER.search(source[0]):
        return
    folder = Path(app.env.doc2path(docname)).parent / GLOSSARY_PARTS
    entries = []
    for part in sorted(folder.glob("*.md")):
        app.env.note_dependency(str(part))
        entries += glossary_entries(part.read_text(encoding="utf-8"))
    if not entries:
        raise ExtensionError(f"no glossary terms in {folder}")
    source[0] = GLOSSARY_MARKER.sub(lambda _: a_to_z(entries), source[0], count=1)


# --- searchable tables --------------------------------------------------------------------------


def add_table_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The table script only on pages with a searchable table (it fetches DataTables on demand)."""
    if SEARCHABLE_MARKER in context.get("body", ""):
        app.add_js_file(TABLES_JS, defer="defer")


def datatables_source() -> Path:
    import itables

    bundle = Path(itables.__file__).parent / "html" / "dt_bundle.js"
    if not bundle.is_file():
        raise ExtensionError(f"itables has no offline DataTables bundle at {bundle}")
    return bundle


def write_datatables(app: Sphinx, exception: Exception | None) -> None:
    """``_static/datatables/``: DataTables (itables' offline bundle) as a classic script, and its CSS.

    Also copies the book's own page CSS and scripts again, after the theme's CSS was trimmed, so
    that rules for states that only scripts create are kept."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for name in (PAGE_CSS, PAGE_JS, TABLES_JS):
        shutil.copyfile(STATIC_DIR / name, static / name)
    target = static / DATATABLES_DIR
    target.mkdir(exist_ok=True)
    bundle = datatables_source()
    shutil.copyfile(bundle.with_suffix(".css"), target / DATATABLES_CSS)
    esbuild = Path(app.srcdir) / "node_modules" / ".bin" / "esbuild"
    if not esbuild.is_file():
        raise ExtensionError(f"esbuild not found at {esbuild}: run `npm ci` (make book does)")
    result = subprocess.run(
        [
            str(esbuild),
            str(bundle),
            "--format=iife",
            f"--global-name={DATATABLES_GLOBAL}",
            "--minify",
            "--log-level=error",
            f"--outfile={target / DATATABLES_JS}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise ExtensionError(f"esbuild could not wrap the DataTables bundle: {result.stderr.strip()}")


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")
    from myst_nb.sphinx_ import HideCodeCellNode

    app.add_node(HideCodeCellNode, override=True, html=(visit_hide_cell_input, depart_hide_cell_input))
    app.connect("source-read", merge_glossary)
    app.connect("html-page-context", add_table_script)
    app.connect("build-finished", write_datatables, priority=950)  # after the CSS is trimmed (900)
    app.add_css_file(PAGE_CSS)
    app.add_js_file(PAGE_JS, defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
