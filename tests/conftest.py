"""Shared fixtures: the built book's location."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML_DIR = ROOT / "_build" / "html"
CACHE_DIR = ROOT / "_build" / ".jupyter_cache"
# Every page of the built book, relative to its root (assets and notebook sources left out).
PAGES = sorted(p.relative_to(HTML_DIR).as_posix() for p in HTML_DIR.rglob("*.html")
               if "_static" not in p.parts and "_sources" not in p.parts)


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not (HTML_DIR / "index.html").is_file():
        pytest.fail(f"no built book in {HTML_DIR}: run `make book` first")
    return HTML_DIR



# `make test` runs each test file on one of two workers, in this order: the slowest files first, so
# that neither worker is left alone with one of them at the end.
SLOWEST_FIRST = [
    "tests/site/test_data_changes_reach_both_editions.py",
    "tests/browser/test_accessibility.py",
    "tests/browser/test_figures.py",
    "tests/data/test_corrupted_data.py",
]


def pytest_collection_modifyitems(items):
    rank = {path: i for i, path in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.relative_to(ROOT).as_posix(), len(rank)))
