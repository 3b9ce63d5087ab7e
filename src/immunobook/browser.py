"""Serve a built book on 127.0.0.1 and drive Debian's Chromium with Playwright.

Used by the PDF printer (:mod:`immunobook.printing`), the benchmark and the browser tests. Playwright is a build and
test dependency (requirements.txt), not a run-time one, so it is imported here only.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Headless, and quiet: no background connections to outside hosts (the network is closed).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A plotly figure has rendered once plotly.js has drawn its main SVG inside the figure div.
RENDERED_PLOTLY = ".plotly-graph-div > .plot-container svg.main-svg:first-child"
FIGURE_DIVS = ".plotly-graph-div"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on a free loopback port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    """A headless Debian Chromium (never a browser that Playwright downloads)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_drawn(page: Page, timeout_ms: int) -> None:
    """Wait for MathJax to typeset and for every plotly figure on ``page`` to draw.

    ("networkidle" never fires on pages with MathJax under request interception, so the page's
    own signals are awaited.) Raises Playwright's TimeoutError if a figure does not draw in time.
    """
    page.evaluate("async () => { if (window.MathJax?.startup?.promise) await MathJax.startup.promise; }")
    figures = page.locator(FIGURE_DIVS).count()
    if figures:
        page.wait_for_function(
            f"() => document.querySelectorAll('{RENDERED_PLOTLY}').length >= {figures}",
            timeout=timeout_ms,
        )
