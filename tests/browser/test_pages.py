"""Visit every page of the built book in Chromium, offline, and check what a reader would see."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache

from immunobook.build.freshness import add_input_digest
from tests.browser.site import PAGES, inspect_page
from tests.conftest import CACHE_DIR, HTML_DIR, ROOT

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@functools.cache
def executed_output_mimes(page: str) -> tuple[frozenset, ...]:
    """The mime types of each output of the executed notebook behind ``page`` (none for pages that
    are not notebooks), taken from the build's execution cache, not from the HTML."""
    source = ROOT / Path(page).with_suffix(".ipynb")
    if not source.is_file():
        return ()
    cache = get_cache(CACHE_DIR)
    notebook = nbformat.read(source, as_version=4)
    add_input_digest(notebook, ROOT)  # the key the build used: code plus data and helper code
    record = cache.match_cache_notebook(notebook)
    cells = cache.get_cache_bundle(record.pk).nb.cells
    return tuple(frozenset(output.get("data", {})) for cell in cells for output in cell.get("outputs", []))


def expected_outputs(page: str, mime: str) -> int:
    """How many outputs of ``mime`` the executed notebook behind ``page`` holds."""
    return sum(mime in mimes for mimes in executed_output_mimes(page))


def test_the_book_has_pages():
    assert "book/index.html" in PAGES and len(PAGES) >= 3, PAGES


def redirect_target(page: str) -> str | None:
    """The page a meta-refresh redirect page (like the root index.html) sends the reader to."""
    match = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', (HTML_DIR / page).read_text())
    return (Path(page).parent / match.group(1)).as_posix() if match else None


@pytest.mark.parametrize("page", PAGES)
def test_page(site, page):
    base, browser = site
    if target := redirect_target(page):
        assert target in PAGES, f"{page} redirects to a missing page"
        return
    report = inspect_page(browser, base, f"{base}/{page}")
    assert report.foreign_requests == [], "requests to other hosts"
    assert report.failed_requests == [], "requests that failed (404 and the like)"
    assert report.console_errors == [], "console or page errors"
    figures = expected_outputs(page, PLOTLY_MIME)
    assert report.figures == figures, "plotly figures in the HTML vs the notebook"
    assert report.figures_shown == figures, "figures whose picture did not show"
    assert report.figure_script_tags == (1 if figures else 0), "the figure script once, only where needed"
    assert report.plotly_script_tags == 0, "plotly.js fetched although the reader touched no figure"
    assert report.widget_placeholders == 0, "dead widget placeholders"
    assert report.live_notes == expected_outputs(page, WIDGET_MIME), "widgets without a live note"
    assert report.bad_images == [], "images without meaningful alt text"
