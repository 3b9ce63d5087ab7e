"""The book's plotly.js bundle: same version as plotly for Python, only the book's trace types."""

from immunobook.build.constants import BUNDLE_FILE
from immunobook.build.plotly_bundle import BOOK_TRACES, entry_source
from tests.conftest import HTML_DIR


def test_the_entry_registers_every_book_trace():
    source = entry_source()
    assert all(f"plotly.js/lib/{trace}'" in source for trace in BOOK_TRACES)


def test_the_built_bundle_is_the_small_one():
    size = (HTML_DIR / "_static" / BUNDLE_FILE).stat().st_size
    assert 500_000 < size < 2_000_000, size
