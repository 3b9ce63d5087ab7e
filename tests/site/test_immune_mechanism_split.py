"""Headline counts say how many agents act through the immune system, and the built pages show
the numbers of the data (approvals.csv's immune_mechanism column), not typed ones."""

from __future__ import annotations

import re

import pytest

from immunobook import load
from tests.conftest import HTML_DIR

SPLIT = re.compile(r"(\d+) agents, of which (\d+) act mainly through the immune system")
PAGES = ["book/what-is-immunotherapy.html", "book/types-of-immunotherapy.html"]


def _text(page: str) -> str:
    html = (HTML_DIR / page).read_text(encoding="utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


def test_every_agent_has_a_sourced_mechanism():
    approvals = load("approvals")
    assert approvals["immune_mechanism"].notna().all()
    assert set(approvals["immune_mechanism"].cat.categories) == {"through immune system", "partly", "mainly not"}
    assert approvals["immune_mechanism_reason"].notna().all() and approvals["immune_mechanism_source"].notna().all()


@pytest.mark.parametrize("page", PAGES)
def test_the_headline_count_is_split_by_mechanism(page, html_dir):
    approvals = load("approvals")
    through = int((approvals["immune_mechanism"] == "through immune system").sum())
    found = SPLIT.findall(_text(page))
    assert found, f"{page}: no 'N agents, of which M act mainly through the immune system'"
    assert (str(len(approvals)), str(through)) in found, found
