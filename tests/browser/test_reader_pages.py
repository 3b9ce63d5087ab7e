"""What a reader meets on the built book's pages, in Chromium, offline: nothing widens a phone's
page, the agents table filters without a kernel, glossary definitions appear on focus and on tap,
header buttons show where the keyboard focus is."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from immunobook import load
from tests.browser.axe import OPEN_EVERYTHING
from tests.conftest import HTML_DIR, PAGES

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
READER_PAGES = [p for p in PAGES if 'http-equiv="Refresh"' not in (HTML_DIR / p).read_text(encoding="utf-8")]
AGENTS_PAGE = "book/types-of-immunotherapy.html"

# The elements that stick out of the viewport, outside any box that scrolls (for the failure message).
OVERFLOWING = r"""() => {
  const width = document.documentElement.clientWidth, found = [];
  const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p); if (/(auto|scroll|hidden)/.test(s.overflowX) && p !== document.body
          && p !== document.documentElement) return true; } return false; };
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect(), right = Math.max(r.right, r.left + e.scrollWidth);  // text that overflows
    if (r.width && right > width + 1 && !scrolls(e))
      found.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(right)}`);
  }
  return found.slice(0, 5);
}"""


def local_context(browser: Browser, base: str, **options):
    context = browser.new_context(**options)
    foreign: list[str] = []

    def guard(route):
        if route.request.url.startswith(base) or route.request.url.split(":", 1)[0] in {"data", "blob", "about"}:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context, foreign


@pytest.mark.parametrize("folds", ["closed", "opened"])
@pytest.mark.parametrize("page_path", READER_PAGES)
def test_no_page_scrolls_sideways_on_a_phone(site, page_path, folds):
    base, browser = site
    context, _ = local_context(browser, base, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/{page_path}", wait_until="load")
    if folds == "opened":
        page.evaluate(OPEN_EVERYTHING)
    page.wait_for_timeout(300)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    offenders = page.evaluate(OVERFLOWING)
    context.close()
    assert widths[0] <= widths[1], f"{page_path} is {widths[0]} px wide on a {widths[1]} px screen: {offenders}"


def test_the_agents_table_filters_offline_without_a_kernel(site):
    base, browser = site
    context, foreign = local_context(browser, base, viewport=PHONE)
    page = context.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(f"{base}/{AGENTS_PAGE}", wait_until="load")
    table = page.locator("table[data-immunobook-searchable]")
    total = table.locator("tbody tr").count()
    assert total == len(load("approvals")), "one row per agent of the data"
    table.locator("xpath=ancestor::details/summary").click()
    search = page.locator(".dt-search input")
    search.wait_for(timeout=15000)
    search.fill("CD19")
    page.wait_for_timeout(300)
    rows = table.locator("tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert 3 <= len(texts) < total, f"{len(texts)} rows left of {total}"
    assert all("cd19" in text.lower() for text in texts), texts
    # sorting: a click on the year header puts the years in order
    search.fill("")
    page.locator("table[data-immunobook-searchable] thead th", has_text="First approval (year)").click()
    page.wait_for_timeout(200)
    years = page.evaluate(
        """() => { const t = document.querySelector('table[data-immunobook-searchable]');
          const i = [...t.querySelectorAll('thead th')].findIndex(th => th.textContent.includes('First approval'));
          return [...t.querySelectorAll('tbody tr')].map(r => Number(r.children[i].textContent)); }"""
    )
    context.close()
    assert years == sorted(years) and len(years) == total
    assert foreign == [] and sockets == [], "the table needs no other host and no kernel"


def first_term_link_page() -> str:
    for page in READER_PAGES:
        if page.startswith("book/") and 'href="glossary.html#term-' in (HTML_DIR / page).read_text(encoding="utf-8"):
            return page
    raise AssertionError("no chapter links a glossary term")


def test_glossary_definitions_show_on_keyboard_focus(site):
    base, browser = site
    context, _ = local_context(browser, base, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{base}/{first_term_link_page()}", wait_until="load")
    link = page.locator("a.immunobook-term-link").first
    definition = link.get_attribute("data-definition")
    assert definition and link.get_attribute("title") is None
    described_by = link.get_attribute("aria-describedby")
    assert page.locator(f"#{described_by}").text_content() == definition, "screen readers get the definition"
    link.focus()
    tip = page.locator(".immunobook-term-tip")
    assert tip.is_visible() and definition in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    context.close()


def test_glossary_definitions_show_on_a_first_tap_and_a_second_tap_opens_the_glossary(site):
    base, browser = site
    context, _ = local_context(browser, base, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    url = f"{base}/{first_term_link_page()}"
    page.goto(url, wait_until="load")
    link = page.locator("a.immunobook-term-link").first
    link.scroll_into_view_if_needed()
    link.tap()
    tip = page.locator(".immunobook-term-tip")
    assert tip.is_visible() and link.get_attribute("data-definition") in tip.inner_text()
    assert page.url == url, "the first tap stays on the page"
    link.tap()
    page.wait_for_url("**/glossary.html#term-*", timeout=5000)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_header_buttons_show_a_focus_ring(site, scheme):
    base, browser = site
    context, _ = local_context(browser, base, viewport=DESKTOP, color_scheme=scheme)
    context.add_init_script(f"localStorage.setItem('mode', '{scheme}')")
    page = context.new_page()
    page.goto(f"{base}/{first_term_link_page()}", wait_until="load")
    rings = {}
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const e = document.activeElement;
              if (!e || !e.closest('.article-header-buttons')) return null;
              const s = getComputedStyle(e);
              const name = e.getAttribute('aria-label') || e.textContent.trim();
              return [name, s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
        )
        if state:
            rings[state[0]] = state[1:]
        elif rings:
            break
    context.close()
    assert len(rings) >= 2, f"expected the download, theme and other header buttons: {rings}"
    assert {name: ring for name, ring in rings.items() if ring[0] == "none" or ring[1] < 2} == {}
