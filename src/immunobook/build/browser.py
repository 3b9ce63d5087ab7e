"""Serve a built book on 127.0.0.1 and drive Debian's Chromium with Playwright.

Used by the PDF printer (:mod:`immunobook.build.printing`), the benchmark and the browser tests.
Playwright is a build and test dependency (requirements.txt), not a run-time one, so it is imported
here only.
"""

from __future__ import annotations

import functools
import gzip
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
FIGURES = "figure.immunobook-figure"
# The pictures a reader sees (light or dark ones, by the page's colour mode) and the live charts.
SHOWN_PICTURES = "() => [...document.querySelectorAll('.immunobook-static img')].filter(i => i.offsetParent)"
LIVE_CHARTS = ".immunobook-live .main-svg"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _GzipHandler(_QuietHandler):
    """Send text files gzip-compressed to clients that accept it, as static hosts do."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if not (path.is_file() and path.suffix in self.COMPRESSIBLE
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(folder: Path, compress: bool = False, port: int = 0):
    """Serve ``folder`` over HTTP on a loopback port (``port``, or a free one if it is 0 or taken);
    yield the base URL.

    With ``compress``, text files go out gzip-compressed, as GitHub Pages and other static hosts
    send them.
    """
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:
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


def wait_until_figures_shown(page: Page, timeout_ms: int) -> None:
    """Scroll to every figure on ``page``, as a reader would, and wait until each shows its picture.

    Raises Playwright's TimeoutError if a picture does not load in time.
    """
    figures = page.locator(FIGURES)
    for index in range(figures.count()):
        figures.nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        f"() => ({SHOWN_PICTURES})().every(i => i.complete && i.naturalWidth > 0)", timeout=timeout_ms
    )
    page.evaluate("window.scrollTo(0, 0)")
