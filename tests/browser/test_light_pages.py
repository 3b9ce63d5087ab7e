"""What keeps the book light, checked in the browser on the built book: first views within the page
budget, plotly.js fetched only when the reader reaches for a figure, and once, icons still drawn by the trimmed
fonts, search without an index on every page."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fontTools.ttLib import TTFont

from immunobook.build.constants import BUDGET_PAGE_BYTES, BUNDLE_FILE
from immunobook.build.plotly_bundle import bundle_id
from immunobook.build.slim import ICON_FONTS
from immunobook.build.toc import chapter_names
from tests.conftest import HTML_DIR, ROOT

PHONE = {"width": 390, "height": 844}
CHAPTERS = [f"{name}.html" for name in chapter_names(ROOT)]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_first_view_is_within_budget_and_plotly_waits_for_the_reader(site, chapter):
    base, browser = site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    bodies, plotly_requests = [], []
    page.on("request", lambda r: r.url.split("?")[0].endswith(f"/{BUNDLE_FILE}") and plotly_requests.append(r.url))
    page.on("response", lambda r: bodies.append(len(r.body())) if r.status == 200 else None)
    page.goto(f"{base}/{chapter}", wait_until="load")
    page.wait_for_timeout(800)
    assert sum(bodies) <= BUDGET_PAGE_BYTES, f"first view of {chapter}: {sum(bodies)} bytes"
    assert plotly_requests == [], "plotly.js fetched before the reader reached for a figure"
    charts = page.locator(".immunobook-chart")
    for index in range(min(charts.count(), 2)):  # the first reach loads it; the second reuses it
        charts.nth(index).hover()
        page.locator(".immunobook-live .main-svg").nth(index).wait_for(timeout=20000)
    if charts.count():
        # one URL on every page, so the browser caches it; its version changes with the bundle
        assert plotly_requests == [f"{base}/_static/{BUNDLE_FILE}?v={quote(bundle_id())}"]
    context.close()


def font_codepoints() -> dict[str, set[int]]:
    """The codepoints each (trimmed) Font Awesome font of the build still has, by font family."""
    fonts = HTML_DIR / "_static" / ICON_FONTS
    return {"Font Awesome 6 Brands": set(TTFont(fonts / "fa-brands-400.woff2").getBestCmap()),
            "Font Awesome 6 Free": set(TTFont(fonts / "fa-solid-900.woff2").getBestCmap())
            | set(TTFont(fonts / "fa-regular-400.woff2").getBestCmap())}


ICONS_ON_PAGE = r"""() => {
  const icons = [];
  for (const element of document.querySelectorAll('*')) {
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      const match = style.content.match(/^"(.)"$/u);
      if (match && /Font Awesome/.test(style.fontFamily) && match[1].codePointAt(0) >= 0xE000)
        icons.push([style.fontFamily, match[1].codePointAt(0), element.className.toString()]);
    }
  }
  return icons;
}"""


@pytest.mark.parametrize("page_name", ["book/types-of-immunotherapy.html", "book/glossary.html", "search.html"])
def test_every_icon_on_the_page_has_its_glyph_in_the_trimmed_fonts(site, page_name):
    base, browser = site
    page = browser.new_page()
    page.goto(f"{base}/{page_name}", wait_until="load")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    icons = page.evaluate(ICONS_ON_PAGE)
    page.close()
    fonts = font_codepoints()
    assert len(icons) >= 5, "expected the theme's icons on the page"
    missing = [(family, hex(code), owner) for family, code, owner in icons
               if not any(name in family and code in glyphs for name, glyphs in fonts.items())]
    assert missing == [], "icons whose glyph the trimmed font lacks"


def test_search_finds_pages_although_only_the_search_page_loads_the_index(site):
    base, browser = site
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/search.html?q=checkpoint", wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0", timeout=15000)
    assert errors == []
    page.close()
    chapter = (HTML_DIR / CHAPTERS[0]).read_text(encoding="utf-8")
    assert "searchindex.js" not in chapter
