"""Load one page of the book in Chromium, offline, and report what a reader would meet."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from immunobook.build.browser import FIGURES, SHOWN_PICTURES, wait_until_figures_shown
from immunobook.build.constants import BUNDLE_FILE
from tests.conftest import HTML_DIR, PAGES  # noqa: F401  (PAGES: the browser tests' list)


@dataclass
class PageReport:
    """What one page load did: foreign requests, errors, figures, widgets, images (axe-core has its
    own test, test_accessibility.py)."""

    url: str
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    figures: int = 0
    figures_shown: int = 0
    plotly_script_tags: int = 0
    figure_script_tags: int = 0
    widget_placeholders: int = 0
    live_notes: int = 0
    bad_images: list[str] = field(default_factory=list)


def _is_local(url: str, base: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"data", "blob", "about"} or parsed.netloc == urlparse(base).netloc


def inspect_page(browser: Browser, base: str, url: str) -> PageReport:
    """Load ``url`` with every non-local request blocked and report what happened."""
    report = PageReport(url=url)
    context = browser.new_context(viewport={"width": 1200, "height": 900})

    def guard(route):
        if _is_local(route.request.url, base):
            route.continue_()
        else:
            report.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page: Page = context.new_page()
    page.on(
        "console",
        lambda m: m.type == "error"
        and not m.text.startswith("Failed to load resource")  # reported with its URL below
        and report.console_errors.append(m.text),
    )

    def record_failure(response):
        if response.status >= 400:
            report.failed_requests.append(f"{response.status} {response.url}")

    page.on("response", record_failure)
    page.on("pageerror", lambda e: report.console_errors.append(f"uncaught: {e}"))
    page.goto(url, wait_until="load")
    try:
        wait_until_figures_shown(page, timeout_ms=15000)
    except PlaywrightTimeout:
        pass  # the counts below show which figures did not show
    report.figures = page.locator(FIGURES).count()
    report.figures_shown = page.evaluate(f"() => ({SHOWN_PICTURES})().filter(i => i.naturalWidth > 0).length")
    page.wait_for_timeout(300)  # let late errors surface
    report.plotly_script_tags = page.locator(f'script[src*="{BUNDLE_FILE}"]').count()
    report.figure_script_tags = page.locator('script[src*="immunobook-figures.js"]').count()
    report.widget_placeholders = page.locator(
        'script[type="application/vnd.jupyter.widget-view+json"], .jupyter-widgets-disconnected'
    ).count()
    report.live_notes = page.locator(".immunobook-live-note").count()
    report.bad_images = page.evaluate(
        r"""() => [...document.images]
            .filter(i => !i.alt || !i.alt.trim() || /(^|\/)[^ ]+\.(png|jpe?g|gif|svg|webp)$/i.test(i.alt.trim()))
            .map(i => `${i.src} alt=${JSON.stringify(i.alt)}`)"""
    )
    context.close()
    return report
