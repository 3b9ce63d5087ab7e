"""The teacher guide's chapter table is generated from the chapters' own opening boxes.

book/teacher-guide.ipynb is a notebook only for this: a code cell (its input hidden) calls
``immunobook.chapters.chapter_table()`` when the book is built, and the notebook's
``immunobook.inputs`` metadata keys its cached output on the chapters, so that a changed chapter
re-runs it. These tests check that the summaries read back what each chapter shows, that the guide
holds no hand-typed copy that could drift, and, when the book has been built, that the rendered
table agrees with every chapter.
"""

from __future__ import annotations

import html
import re

import nbformat
import pytest

from immunobook.chapters import chapter_summaries, chapter_table
from tests.conftest import ROOT
from tests.notebooks.chapters import chapter_notebooks

GUIDE = ROOT / "book" / "teacher-guide.ipynb"
BUILT_GUIDE = ROOT / "_build" / "html" / "book" / "teacher-guide.html"
SUMMARIES = {summary["file"]: summary for summary in chapter_summaries(ROOT)}


def opening_box(notebook) -> str:
    """The chapter's markdown up to its "## Key terms" heading."""
    cells = nbformat.read(notebook, as_version=4).cells
    text = "\n\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    return text.partition("## Key terms")[0]


def test_every_chapter_is_summarised_in_order():
    assert list(SUMMARIES) == [notebook.name for notebook in chapter_notebooks()]


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_summary_matches_the_chapters_opening_box(notebook):
    summary, box = SUMMARIES[notebook.name], opening_box(notebook)
    flat = " ".join(box.split())
    assert box.startswith(f"# {summary['title']}")
    assert f"**Reading time:** {summary['reading_time']}" in flat
    assert summary["reading_minutes"] and f"{summary['reading_minutes']} min" in summary["reading_time"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", summary["last_reviewed"])
    assert f"**Last reviewed:** {summary['last_reviewed']}" in flat
    assert f"**Before you start:** {summary['before_you_start']}" in flat
    assert 3 <= len(summary["objectives"]) <= 6
    assert all(objective in flat for objective in summary["objectives"])


def test_the_guide_generates_its_table_and_types_none():
    guide = nbformat.read(GUIDE, as_version=4)
    code = [cell for cell in guide.cells if cell.cell_type == "code"]
    assert any("chapter_table()" in cell.source and "remove-input" in cell.metadata.get("tags", [])
               for cell in code)
    assert {"_toc.yml", "book/*.ipynb"} <= set(guide.metadata["immunobook"]["inputs"])
    text = "\n".join(cell.source for cell in guide.cells if cell.cell_type == "markdown")
    typed_rows = [line for line in text.splitlines() if re.match(r"\|\s*\[[^\]]+\]\([\w-]+\.ipynb\)", line)]
    assert not typed_rows, "a hand-typed chapter table would drift from the chapters"
    assert GUIDE.with_suffix(".ipynb").stem not in {nb.stem for nb in chapter_notebooks()}


def test_table_has_a_row_per_chapter():
    rows = [line for line in chapter_table(ROOT).splitlines()[2:]]
    assert len(rows) == len(SUMMARIES)
    for row, summary in zip(rows, SUMMARIES.values(), strict=True):
        assert f"]({summary['file']})" in row and summary["reading_time"] in row
        assert summary["last_reviewed"] in row


@pytest.mark.skipif(not BUILT_GUIDE.is_file(), reason="book not built (make book)")
def test_built_guide_shows_each_chapters_own_values():
    page = BUILT_GUIDE.read_text(encoding="utf-8")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)
    for name, summary in SUMMARIES.items():
        href = name.replace(".ipynb", ".html")
        row = next((r for r in rows if f'href="{href}"' in r), None)
        assert row, f"no row links to {href}"
        text = plain(html.unescape(re.sub(r"<[^>]+>", " ", row)))
        assert summary["reading_time"] in text and summary["last_reviewed"] in text
        for objective in summary["objectives"]:
            assert plain(re.sub(r"\{[a-z:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", objective)) in text


def plain(text: str) -> str:
    """Text without markup, typographic quotes or line breaks, for comparing source and page."""
    for curly, straight in {"’": "'", "‘": "'", "“": '"', "”": '"', "*": "", "`": ""}.items():
        text = text.replace(curly, straight)
    return " ".join(text.split())
