"""Every figure for every reader, checked in Chromium on the built book with other hosts blocked:
a picture without plotly.js, live on demand, by touch, keyboard, print and in dark mode, with
its plotted data and picture to download."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from urllib.parse import urlparse

import numpy as np
import pytest

from immunobook.build.browser import SHOWN_PICTURES, chromium, serve
from immunobook.build.constants import BUDGET_READ_GZIP_BYTES, BUNDLE_FILE
from immunobook.build.static_figures import PHONE_WIDTH, plain
from tests.conftest import HTML_DIR

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
FIGURE_PAGES = sorted(p.relative_to(HTML_DIR).as_posix() for p in HTML_DIR.rglob("*.html")
                      if "immunobook-figure" in p.read_text(encoding="utf-8") and "_static" not in p.parts)
PAYLOAD = re.compile(r'<script type="application/json" data-plotly-for="[^"]+">(.*?)</script>', re.S)
CSV_LINK = re.compile(r'<a href="([^"]+\.csv)" download')
DARK_PAPER = "#14181e"

GO_LIVE = "async () => { await Promise.all(window.immunobookFigures.map(f => f.goLive())); }"
LIVE_STATE = """(index) => { const div = document.querySelectorAll('.immunobook-live')[index];
  return JSON.stringify([div.data.map(t => [t.visible, t.x, t.y]), div.layout.xaxis && div.layout.xaxis.range]); }"""


def offline_page(browser, base, **context_options):
    context = browser.new_context(**context_options)
    context.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).netloc
                  == urlparse(base).netloc else route.abort())
    return context, context.new_page()


def test_there_are_figure_pages():
    assert len(FIGURE_PAGES) >= 10, FIGURE_PAGES


@pytest.mark.parametrize("page_name", FIGURE_PAGES)
def test_reading_to_the_end_shows_every_figure_without_plotly_and_within_budget(page_name):
    with serve(HTML_DIR, compress=True) as base, chromium() as browser:
        context, page = offline_page(browser, base, viewport=PHONE)
        plotly, transferred = [], []
        page.on("request", lambda r: BUNDLE_FILE in r.url and plotly.append(r.url))
        page.on("requestfinished", lambda r: transferred.append(r.sizes()["responseBodySize"]))
        page.goto(f"{base}/{page_name}", wait_until="load")
        height = page.evaluate("document.documentElement.scrollHeight")
        for _ in range(0, height, PHONE["height"] // 2):
            page.mouse.wheel(0, PHONE["height"] // 2)
            page.wait_for_timeout(60)
        page.wait_for_function(f"() => ({SHOWN_PICTURES})().every(i => i.complete && i.naturalWidth > 0)",
                               timeout=15000)
        shown = page.evaluate(f"() => ({SHOWN_PICTURES})().length")
        figures = page.locator("figure.immunobook-figure").count()
        context.close()
    assert plotly == [], "plotly.js fetched by reading alone"
    assert shown == figures, "figures without a picture"
    assert sum(transferred) <= BUDGET_READ_GZIP_BYTES, f"{page_name}: {sum(transferred)} bytes read"


def test_a_swipe_over_a_figure_scrolls_the_page_before_and_after_it_goes_live(site):
    base, browser = site
    context, page = offline_page(browser, base, viewport=PHONE, has_touch=True, is_mobile=True)
    page.goto(f"{base}/book/types-of-immunotherapy.html", wait_until="load")
    cdp = context.new_cdp_session(page)
    chart = page.locator(".immunobook-chart").nth(1)
    for state in ("picture", "live"):
        chart.scroll_into_view_if_needed()
        if state == "live":
            chart.tap()
            page.wait_for_selector(".immunobook-figure.is-live", timeout=15000)
        box = chart.bounding_box()
        before = page.evaluate("window.scrollY")
        swipe_up(cdp, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert page.evaluate("window.scrollY") > before + 100, f"the {state} figure kept the swipe"
    context.close()


def swipe_up(cdp, x: float, y: float, distance: int = 250) -> None:
    """A finger's swipe upwards (to scroll down) that starts at ``(x, y)``, as raw touch events."""
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        point = {"x": x, "y": y - distance * step / 10}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.send("Runtime.evaluate", {"expression": "new Promise(r => setTimeout(r, 600))", "awaitPromise": True})


def tab_to(page, selector: str, limit: int = 600) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({json.dumps(selector)})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("kind, key", [("button[data-menu]:not([aria-pressed=true])", "Enter"),
                                       ("select[data-menu]", "ArrowDown"),
                                       ("input[data-slider]", "ArrowRight"),
                                       (".immunobook-legend button", "Enter")])
def test_the_keyboard_reaches_and_operates_each_kind_of_figure_control(site, kind, key):
    base, browser = site
    page_name = next(p for p in FIGURE_PAGES if re.search(
        {"button[data-menu]:not([aria-pressed=true])": r"<button type=\"button\" data-menu=\"\d+\" data-button=\"\d+\" "
         r"aria-pressed=\"false\"", "select[data-menu]": "<select data-menu", "input[data-slider]": "data-slider=",
         ".immunobook-legend button": "immunobook-legend"}[kind], (HTML_DIR / p).read_text(encoding="utf-8")))
    context, page = offline_page(browser, base, viewport=DESKTOP)
    page.goto(f"{base}/{page_name}", wait_until="load")
    selector = f"figure.immunobook-figure {kind}"
    figure_index = page.evaluate(f"""() => [...document.querySelectorAll('figure.immunobook-figure')]
        .findIndex(f => f.querySelector({json.dumps(kind)}))""")
    page.evaluate(f"() => window.immunobookFigures[{figure_index}].goLive()")
    page.wait_for_selector(".immunobook-live .main-svg", timeout=15000)
    before = page.evaluate(LIVE_STATE, 0)
    tab_to(page, selector)
    page.keyboard.press(key)
    page.wait_for_timeout(1500)  # animations and transitions end
    assert page.evaluate(LIVE_STATE, 0) != before, f"{kind} on {page_name} did not change the chart"
    context.close()


@pytest.mark.parametrize("page_name", FIGURE_PAGES)
def test_live_figures_have_no_toolbar_cloud_button_or_drag_and_follow_dark_mode(site, page_name):
    base, browser = site
    context, page = offline_page(browser, base, viewport=PHONE, color_scheme="dark")
    page.goto(f"{base}/{page_name}", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark", "the theme ignores the system"
    dark_pictures = page.evaluate(f"""() => ({SHOWN_PICTURES})().every(
        i => i.closest('.immunobook-static-dark'))""")
    heights = "() => [...document.querySelectorAll('.immunobook-chart')].map(c => c.getBoundingClientRect().height)"
    before = page.evaluate(heights)
    page.evaluate(GO_LIVE)
    after = page.evaluate(heights)
    charts = page.evaluate("""() => [...document.querySelectorAll('.immunobook-live')].map(d => ({
        paper: d._fullLayout.paper_bgcolor, drag: d._fullLayout.dragmode,
        modebar: d.querySelectorAll('.modebar-btn').length}))""")
    cloud = sum(page.get_by_role(role, name=re.compile(r"^(Share.*chart|Edit in Chart Studio|Chart Studio)", re.I))
                .count() for role in ("button", "link"))
    cloud += page.locator('[data-title*="Chart Studio"], [data-title*="Share"], .modebar').count()
    context.close()
    assert dark_pictures, "light pictures in dark mode"
    assert charts and all(c["paper"] == DARK_PAPER for c in charts), charts
    assert all(c["drag"] is False and c["modebar"] == 0 for c in charts), charts
    assert cloud == 0
    assert all(abs(a - b) <= 2 for a, b in zip(before, after, strict=True)), f"layout shift: {before} -> {after}"


@pytest.mark.parametrize("page_name", FIGURE_PAGES)
def test_printing_without_scrolling_shows_every_figure_as_its_light_picture(site, page_name):
    base, browser = site
    context, page = offline_page(browser, base, viewport=DESKTOP, color_scheme="dark")
    page.goto(f"{base}/{page_name}", wait_until="load")
    page.emulate_media(media="print")
    page.wait_for_function(f"() => ({SHOWN_PICTURES})().every(i => i.complete)", timeout=15000)
    printed = page.evaluate(f"""() => ({SHOWN_PICTURES})().map(i => [
        !!i.closest('.immunobook-static-light'), i.naturalWidth > 0])""")
    controls = page.evaluate(
        "() => [...document.querySelectorAll('.immunobook-controls')].filter(c => c.offsetParent).length")
    figures = page.locator("figure.immunobook-figure").count()
    context.close()
    assert len(printed) == figures and all(light and loaded for light, loaded in printed), printed
    assert controls == 0, "on-screen controls print"


def payloads(page_name: str) -> list[tuple[dict, str]]:
    text = (HTML_DIR / page_name).read_text(encoding="utf-8")
    return list(zip([json.loads(p) for p in PAYLOAD.findall(text)], CSV_LINK.findall(text), strict=True))


@pytest.mark.parametrize("page_name", FIGURE_PAGES)
def test_every_figure_offers_its_plotted_data_as_csv_and_its_picture_as_svg(page_name):
    text = (HTML_DIR / page_name).read_text(encoding="utf-8")
    figures = text.count('<figure class="immunobook-figure"')
    svg_links = re.findall(r'<a href="([^"]+\.svg)" download', text)
    assert len(svg_links) == figures and all((HTML_DIR / page_name).parent.joinpath(s).resolve().is_file()
                                             for s in svg_links)
    pairs = payloads(page_name)
    assert len(pairs) == figures
    for payload, link in pairs:
        rows = list(csv.reader(io.StringIO((HTML_DIR / page_name).parent.joinpath(link).resolve().read_text())))
        header, body = rows[0], rows[1:]
        taken: dict[str, int] = {}  # traces may share a name (a legend group): each takes the next rows
        for trace in payload["data"]:
            x, y = typed_array(trace.get("x")), typed_array(trace.get("y"))
            if not (isinstance(x, list) and isinstance(y, list)) or trace.get("type") == "heatmap" \
                    or trace.get("visible") is False:
                continue
            name = plain(trace.get("name") or "")
            plotted = [(_text(a), _text(b)) for a, b in zip(x, y, strict=True)]
            if not name:
                continue
            start = taken.get(name, 0)
            listed = [(r[1], r[2]) for r in body if r[0] == name][start: start + len(plotted)]
            taken[name] = start + len(plotted)
            assert listed == plotted, f"{page_name} {link}: series {name!r} differs from the chart"
        assert header[0] == "series"


def typed_array(value):
    """A plotly JSON array as a list: plotly writes numeric arrays as base64 data of a dtype."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist()
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(value)
    return plain(value) if isinstance(value, str) else str(value)


def test_no_figure_text_falls_outside_its_phone_picture(site):
    base, browser = site
    pictures = sorted((HTML_DIR / "_figures").glob("*-phone-light.svg"))
    assert pictures
    page = browser.new_page(viewport={"width": PHONE_WIDTH, "height": 900})
    outside = []
    for picture in pictures:
        page.goto(f"{base}/_figures/{picture.name}")
        outside += page.evaluate("""(name) => { const svg = document.documentElement;
            const w = svg.width.baseVal.value, h = svg.height.baseVal.value;
            return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
              const b = t.getBoundingClientRect();
              return (b.left < -1 || b.top < -1 || b.right > w + 1 || b.bottom > h + 1)
                ? `${name}: '${t.textContent}'` : null; }).filter(Boolean); }""", picture.name)
    page.close()
    assert outside == [], "figure text outside its canvas at phone width"
