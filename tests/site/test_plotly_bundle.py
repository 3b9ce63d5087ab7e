"""The built book's plotly.js is the small bundle (only the book's trace types)."""

from immunobook.build.constants import BUNDLE_FILE
from tests.conftest import HTML_DIR


def test_the_built_bundle_is_the_small_one():
    size = (HTML_DIR / "_static" / BUNDLE_FILE).stat().st_size
    assert 500_000 < size < 2_000_000, size
