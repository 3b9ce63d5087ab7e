"""A change to the data reaches every figure and table of both editions, with the same `make`
targets a reader runs, whatever the execution caches hold.

The test works on a copy of the book whose `_build` is the real one (both editions built, caches
warm), changes one value that tables and figures show, runs `make book book-student` in the copy
and reads both editions' HTML.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from immunobook.build.student import MAKE_WITHOUT_INSTALLING, copy_sources
from tests.conftest import HTML_DIR, ROOT

STUDENT_HTML = Path("_build") / "student" / "_build" / "html"
MARKER = "a value changed by the freshness test"
PLOTLY_JSON = re.compile(r'<script type="application/json"[^>]*>(.*?)</script>', re.S)


def _shown_in_a_table_and_a_figure(page: str, text: str) -> bool:
    tables = "".join(re.findall(r"<table.*?</table>", page, re.S))
    figures = "".join(PLOTLY_JSON.findall(page))
    return html.escape(text) in tables and (text in figures or html.escape(text) in figures)


def _pages(html_dir: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (html_dir / "book").glob("*.html")}


def _a_value_shown_in_tables_and_figures(pages: dict[str, str]) -> tuple[str, list[str]]:
    """A brand name (or other cell) of approvals.csv that occurs once in the data and is shown in a
    table and a figure: (the value, the pages showing it)."""
    rows = list(csv.DictReader(io.StringIO((ROOT / "data" / "approvals.csv").read_text(encoding="utf-8"))))
    everything = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "data").glob("*.csv"))
    for column in ("brand", "first_indication", "target"):
        for row in rows:
            value = row[column]
            if len(value) < 6 or everything.count(value) != 1:
                continue
            showing = sorted(name for name, page in pages.items() if _shown_in_a_table_and_a_figure(page, value))
            if showing:
                return value, showing
    pytest.fail("no value of approvals.csv is shown in both a table and a figure of the book")


@pytest.fixture(scope="module")
def rebuilt_copy(tmp_path_factory) -> tuple[Path, str, list[str]]:
    old, pages = _a_value_shown_in_tables_and_figures(_pages(HTML_DIR))
    copy = tmp_path_factory.mktemp("freshness") / "book"
    shutil.copytree(ROOT / "_build", copy / "_build", symlinks=True)
    copy_sources(ROOT, copy, makeable=True)
    approvals = copy / "data" / "approvals.csv"
    text = approvals.read_text(encoding="utf-8")
    assert text.count(old) == 1
    approvals.write_text(text.replace(old, MARKER), encoding="utf-8")
    result = subprocess.run(
        ["make", *MAKE_WITHOUT_INSTALLING, "book", "book-student"],
        cwd=copy, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return copy, old, pages


@pytest.mark.parametrize("edition", [Path("_build") / "html", STUDENT_HTML], ids=["teacher", "student"])
def test_a_changed_value_replaces_the_old_one_in_tables_and_figures(rebuilt_copy, edition):
    copy, old, pages = rebuilt_copy
    for page in pages:
        rebuilt = (copy / edition / "book" / page).read_text(encoding="utf-8")
        assert _shown_in_a_table_and_a_figure(rebuilt, MARKER), page
        assert html.escape(old) not in rebuilt and old not in rebuilt, page
