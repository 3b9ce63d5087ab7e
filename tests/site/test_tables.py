"""Every table in the built book reads as a table for people: no missing-value markers, no
exponents, no code-style column names, a flat header; the searchable ones are marked."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from immunobook import load
from tests.conftest import HTML_DIR, PAGES

MISSING = {"nan", "NaN", "<NA>", "NaT"}
DATA_MISSING = MISSING | {"None", "null"}  # in data tables; a table written in prose may say "None"
# a number printed the way Python prints floats (1e+08, 1.21e+10); prose such as "per 1e9 cells" passes
EXPONENT = re.compile(r"(?<![\w.])\d+(\.\d+)?[eE][-+]\d+(?![\w.])")
CHAPTER_PAGES = [p for p in PAGES if p.startswith("book/")]


def article_tables(page: str):
    soup = BeautifulSoup((HTML_DIR / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup
    return article.find_all("table")


def bad_cells(page: str) -> list[str]:
    problems = []
    for number, table in enumerate(article_tables(page), 1):
        data = {"immunobook-table", "dataframe"} & set(table.get("class", []))
        for cell in table.find_all(["td", "th"]):
            text = cell.get_text(" ", strip=True)
            if text in (DATA_MISSING if data else MISSING) or EXPONENT.search(text):
                problems.append(f"{page} table {number}: {text!r}")
    return problems


@pytest.mark.parametrize("page", CHAPTER_PAGES)
def test_no_missing_markers_or_exponents_in_any_table(html_dir, page):
    assert bad_cells(page) == []


@pytest.mark.parametrize("page", CHAPTER_PAGES)
def test_data_tables_have_flat_human_headers(html_dir, page):
    for table in article_tables(page):
        if "immunobook-table" not in table.get("class", []):
            continue
        rows = table.find("thead").find_all("tr")
        assert len(rows) == 1, f"{page}: a multi-row header"
        labels = [th.get_text(strip=True) for th in rows[0].find_all("th")]
        assert all(labels), f"{page}: an empty column header in {labels}"
        assert not [label for label in labels if "_" in label], f"{page}: code-style column names {labels}"
        assert not table.find("tbody").find_all("th"), f"{page}: index cells as headers"


def test_the_checks_catch_raw_pandas_tables(tmp_path, monkeypatch):
    import pandas as pd

    frame = pd.DataFrame({"therapy_class": ["a", None], "n": [1.21e10, float("nan")]})
    raw = frame.set_index("therapy_class").to_html()
    (tmp_path / "raw.html").write_text(f"<article>{raw}</article>")
    monkeypatch.setattr("tests.site.test_tables.HTML_DIR", tmp_path)
    assert [p.split(": ", 1)[1] for p in bad_cells("raw.html")] == ["'1.210000e+10'", "'None'", "'NaN'"]


def test_the_agents_table_is_searchable_and_names_its_source(html_dir):
    soup = BeautifulSoup((HTML_DIR / "book/types-of-immunotherapy.html").read_text(encoding="utf-8"), "html.parser")
    searchable = soup.select("table[data-immunobook-searchable]")
    assert len(searchable) == 1
    table = searchable[0]
    labels = [th.get_text(strip=True) for th in table.select("thead th")]
    assert labels[:2] == ["Agent", "Brand"] and "First approval (year)" in labels
    assert len(table.select("tbody tr")) == len(load("approvals")), "one row per agent of the data"
    assert "Source:" in table.find_parent("details").get_text()
    assert (HTML_DIR / "_static/datatables/datatables.js").stat().st_size > 100_000
