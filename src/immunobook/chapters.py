"""What each chapter says about itself, read from its opening.

Every chapter notebook opens with its title and an "In this chapter" box that lists its objectives
("**You will learn to**"), what to read first ("**Before you start:**"), its reading time and its
review date (CONTRIBUTING.md). :func:`chapter_summaries` reads those back, so that the teacher
guide (book/teacher-guide.ipynb, whose hidden code cell calls ``chapter_table()``) can show them
without a second copy that could drift.

Only the standard library and nbformat are needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

# Notebooks of the table of contents that are not chapters (no objectives box, no exercises): the
# teacher guide is a notebook only so that it can build its chapter table from the chapters.
NOT_CHAPTERS = {"book/teacher-guide"}
# `- file: book/history` lines of _toc.yml, in order.
TOC_FILE = re.compile(r"^\s*(?:-\s*)?(?:file|root):\s*(\S+)\s*$", re.M)
FIELD = r"\*\*{name}:\*\*\s*(.*?)\s*(?=·\s*\*\*|\n:::|\Z)"
ROLE = re.compile(r"\{[a-z:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")


def book_root(start: Path | str | None = None) -> Path:
    """The folder holding ``_toc.yml``: ``start`` (default: the working folder) or a parent of it."""
    here = Path(start or ".").resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file():
            return folder
    raise FileNotFoundError(f"no _toc.yml in {here} or its parents")


def chapter_paths(root: Path | str | None = None) -> list[Path]:
    """The chapters: notebooks named in ``_toc.yml``, in table-of-contents order, except the pages
    in :data:`NOT_CHAPTERS`."""
    root = book_root(root)
    names = TOC_FILE.findall((root / "_toc.yml").read_text(encoding="utf-8"))
    return [root / f"{name}.ipynb" for name in names
            if name not in NOT_CHAPTERS and (root / f"{name}.ipynb").is_file()]


def _field(text: str, name: str) -> str:
    found = re.search(FIELD.format(name=re.escape(name)), text, re.S)
    return " ".join(found.group(1).split()).rstrip(" ·") if found else ""


def _objectives(text: str) -> list[str]:
    """The bullet points after "**You will learn to**", each joined onto one line."""
    start = text.find("**You will learn to**")
    if start < 0:
        return []
    items: list[str] = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif line.startswith("  ") and items:
            items[-1] += " " + line.strip()
        else:
            break
    return [item.rstrip(";.") for item in items]


def opening(notebook: Path) -> str:
    """The chapter's opening: its markdown cells before the one with "## Key terms" (the title, the
    introduction and the "In this chapter" box, in one cell or several)."""
    parts = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        before, found, _ = cell.source.partition("## Key terms")
        parts.append(before)
        if found:
            break
    return "\n\n".join(parts)


def summarise(notebook: Path) -> dict:
    """Title, objectives, prerequisites, reading time and review date of one chapter."""
    first = opening(notebook)
    title = next((line[2:].strip() for line in first.splitlines() if line.startswith("# ")), notebook.stem)
    reading = _field(first, "Reading time")
    minutes = re.search(r"(\d+)\s*min", reading)
    return {
        "file": notebook.name,
        "title": title,
        "objectives": _objectives(first),
        "before_you_start": _field(first, "Before you start"),
        "reading_time": reading,
        "reading_minutes": int(minutes.group(1)) if minutes else None,
        "last_reviewed": _field(first, "Last reviewed"),
    }


def chapter_summaries(root: Path | str | None = None) -> list[dict]:
    """:func:`summarise` for every chapter of the book at ``root`` (found from the working folder
    when not given), in table-of-contents order."""
    return [summarise(path) for path in chapter_paths(root)]


def _plain(markdown: str) -> str:
    """Markdown of one table cell: MyST roles reduced to their text, pipes escaped."""
    return ROLE.sub(r"\1", markdown).replace("|", "\\|")


def chapter_table(root: Path | str | None = None) -> str:
    """A Markdown table of every chapter: title, objectives, prerequisites, reading time, review."""
    rows = ["| Chapter | You will learn to | Before you start | Reading time | Last reviewed |",
            "|---|---|---|---|---|"]
    for chapter in chapter_summaries(root):
        objectives = "<br>".join(f"• {_plain(item)}" for item in chapter["objectives"])
        rows.append(f"| [{_plain(chapter['title'])}]({chapter['file']}) | {objectives} | "
                    f"{_plain(chapter['before_you_start'])} | {_plain(chapter['reading_time'])} | "
                    f"{chapter['last_reviewed']} |")
    return "\n".join(rows)


def total_minutes(root: Path | str | None = None) -> int:
    """The reading times of all chapters added up, in minutes."""
    return sum(chapter["reading_minutes"] or 0 for chapter in chapter_summaries(root))
