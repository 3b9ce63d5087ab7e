"""The page checks must fail on a broken page: prove it on a page built to be broken."""

from immunobook.build.browser import chromium, serve
from tests.browser.site import inspect_page
from tests.site.test_links import broken_links

BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>Broken</title>
<script src="https://cdn.example.invalid/plotly.min.js"></script></head>
<body><main><h1>Broken</h1>
<figure class="immunobook-figure"><div class="immunobook-chart"><picture class="immunobook-static">
<img src="missing-figure.svg" alt="A figure"></picture></div></figure>
<script type="application/vnd.jupyter.widget-view+json">{"model_id": "x"}</script>
<img src="chart.png" alt="_images/chart.png">
<script src="missing.js"></script>
<a href="missing.html">gone</a> <a href="#nowhere">nowhere</a>
<script>console.error("boom")</script>
</main></body></html>"""


def test_a_broken_page_is_caught(tmp_path):
    (tmp_path / "index.html").write_text(BROKEN_PAGE)
    with serve(tmp_path) as base, chromium() as browser:
        report = inspect_page(browser, base, f"{base}/index.html")
    assert report.foreign_requests == ["https://cdn.example.invalid/plotly.min.js"]
    assert any("boom" in error for error in report.console_errors)
    assert sorted(f.split("/")[-1] for f in report.failed_requests) == ["chart.png", "missing-figure.svg", "missing.js"]
    assert (report.figures, report.figures_shown) == (1, 0)
    assert report.widget_placeholders == 1
    assert len(report.bad_images) == 1
    assert broken_links(tmp_path) == ["index.html -> missing.html", "index.html -> #nowhere (no such anchor)"]
