"""immunobook.figures.table: the one formatter of the book's tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from bs4 import BeautifulSoup

from immunobook.figures import column_label, format_cell, format_number, in_words, table


def cells(df: pd.DataFrame, **kwargs) -> tuple[list[str], list[list[str]]]:
    soup = BeautifulSoup(table(df, **kwargs).data, "html.parser")
    head = [th.get_text() for th in soup.select("thead th")]
    body = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")]
    return head, body


def test_numbers_read_as_numbers():
    assert format_number(1.21e10) == "12,100,000,000"
    assert format_number(12345.0) == "12,345"
    assert format_number(0.0000153) == "0.0000153"
    assert format_number(0.4567) == "0.457"
    assert format_number(3.14159) == "3.14"
    assert format_cell("1.21e+10") == "12,100,000,000"
    assert format_cell(2019, year=True) == "2019"
    assert format_cell(2019) == "2,019"


def test_missing_values_are_empty_cells():
    for missing in (None, float("nan"), pd.NA, pd.NaT, np.nan, "nan", "<NA>"):
        assert format_cell(missing) == ""


def test_labels_come_from_the_data_package_or_a_readable_name():
    assert column_label("first_approval_year") == "First approval (year)"
    assert column_label("therapy_class") == "Therapy class"
    assert column_label("arm name") == "Arm name"
    assert column_label("not_a_field_anywhere") == "Not a field anywhere"
    assert column_label(("family", "Cancer vaccines")) == "Family – Cancer vaccines"


def test_pivot_tables_get_one_flat_header_and_no_index_cells():
    frame = pd.DataFrame({"year": [2020, 2021], "family": ["a", "b"], "n": [1, 2]})
    pivot = frame.pivot(index="year", columns="family", values="n")
    head, body = cells(pivot)
    assert head == ["Year", "A", "B"]
    assert body == [["2020", "1", ""], ["2021", "", "2"]]
    html = table(pivot).data
    assert "<NA>" not in html and "nan" not in html and "<tbody><tr><th" not in html


def test_source_line_and_links():
    html = table(pd.DataFrame({"source": ["https://www.fda.gov/drugs/x"]}), source="https://doi.org/10.1/x; FDA").data
    assert '<a href="https://www.fda.gov/drugs/x">fda.gov</a>' in html
    assert 'Source: <a href="https://doi.org/10.1/x">doi.org</a>; FDA' in html


def test_counts_read_in_words_without_exponents():
    assert [in_words(n) for n in (8.19e6, 1.23e10, 3.2e12, 1e7, 950, 0.89)] == [
        "8.2 million", "12 billion", "3.2 trillion", "10 million", "950", "0.89"]
