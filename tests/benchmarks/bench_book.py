"""Measure the book against its budgets (a plain script, run by `make bench`; not a pytest file).

Prints four tables:

* page weight per page, in raw (uncompressed) bytes: the first view (what opening the page
  downloads, before any scrolling), the total once the reader has scrolled to the end (every
  figure's picture shown, no plotly.js) with its gzip size, and the total once every figure is live
  (plotly.js is fetched when the reader reaches for a figure), with the plotly.js loads of each;
* Lighthouse performance and accessibility scores of every chapter page (mobile preset, Debian's
  Chromium; the book served with gzip, as GitHub Pages and other static hosts serve it; Lighthouse
  comes from the npm registry through `npm exec`);
* build times (`make book` in a copy with an empty cache, then again with no change) and whether two
  clean builds are byte-identical;
* the execution time of each notebook from the build's execution cache.

Needs a built book (`make book`). The tables are printed and also written into README.md, between
the markers ``<!-- bench:start -->`` and ``<!-- bench:end -->`` (so the README shows the latest run).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_cache import get_cache

from immunobook.build.browser import CHROMIUM, CHROMIUM_ARGS, FIGURES, chromium, serve, wait_until_figures_shown
from immunobook.build.constants import (
    BUDGET_ACCESSIBILITY,
    BUDGET_COLD_BUILD_S,
    BUDGET_NOTEBOOK_S,
    BUDGET_PAGE_BYTES,
    BUDGET_PERFORMANCE,
    BUDGET_READ_GZIP_BYTES,
    BUDGET_REBUILD_S,
    BUNDLE_FILE,
)
from immunobook.build.student import MAKE_WITHOUT_INSTALLING, copy_sources

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SOURCE_DATE_EPOCH = 1_700_000_000  # any fixed time: both clean builds must then be byte-identical
LIGHTHOUSE = "lighthouse@12.8.2"
README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def page_weights() -> list[tuple[str, int, int, int, int, int, int]]:
    """For every page of the built book: (page, first-view bytes, bytes once read to the end, their
    gzip size, plotly.js loads while reading, bytes once every figure is live, plotly.js loads)."""
    pages = sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                   if "_static" not in p.parts and p != HTML / "index.html")  # that one only redirects
    rows = []
    with serve(HTML) as base, chromium() as browser:
        for page in pages:
            context = browser.new_context()
            bodies: list[bytes] = []
            plotly_loads = []
            tab = context.new_page()

            def record(response, bodies=bodies, plotly_loads=plotly_loads):
                try:
                    bodies.append(response.body())
                except Exception:  # redirects and aborted requests have no body
                    return
                if response.url.split("?")[0].endswith(BUNDLE_FILE):
                    plotly_loads.append(response.url)

            tab.on("response", record)
            tab.goto(f"{base}/{page}", wait_until="load")
            tab.wait_for_timeout(1500)
            first_view = sum(map(len, bodies))
            wait_until_figures_shown(tab, timeout_ms=30000)
            tab.wait_for_timeout(500)
            read, read_loads = sum(map(len, bodies)), len(plotly_loads)
            read_gzip = sum(len(gzip.compress(b)) for b in bodies)
            if tab.locator(FIGURES).count():
                tab.evaluate("async () => { await Promise.all(window.immunobookFigures.map(f => f.goLive())); }")
                tab.wait_for_timeout(500)
            rows.append((page, first_view, read, read_gzip, read_loads, sum(map(len, bodies)), len(plotly_loads)))
            context.close()
    return rows


def lighthouse_scores(pages: list[str]) -> list[tuple[str, float, float]]:
    """(page, performance, accessibility) from Lighthouse's mobile preset."""
    rows = []
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    with serve(HTML, compress=True) as base, tempfile.TemporaryDirectory() as scratch:
        for page in pages:
            report = Path(scratch) / "report.json"
            subprocess.run(
                ["npm", "exec", "--yes", f"--package={LIGHTHOUSE}", "--", "lighthouse", f"{base}/{page}",
                 "--quiet", "--only-categories=performance,accessibility", "--output=json",
                 f"--output-path={report}", f"--chrome-flags={flags}"],
                check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
            )
            categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
            rows.append((page, categories["performance"]["score"], categories["accessibility"]["score"]))
    return rows


def timed_make_book(folder: Path) -> float:
    """Seconds for `make book` in a copy of the book (execution, HTML and the chapter PDFs)."""
    start = time.perf_counter()
    subprocess.run(["make", "-s", *MAKE_WITHOUT_INSTALLING, "book"], check=True, stdout=subprocess.DEVNULL,
                   cwd=folder, env={**os.environ, "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)})
    return time.perf_counter() - start


def differing_files(first: Path, second: Path) -> list[str]:
    """The files of two builds that differ in name or content."""
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    one, two = files(first), files(second)
    return sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))


def build_times() -> tuple[float, float, list[str]]:
    """A cold `make book` of a copy with an empty cache, a `make book` with no change, and the
    files that differ between the HTML of two clean builds of the same sources (none: reproducible)."""
    with tempfile.TemporaryDirectory() as scratch:
        first, second = Path(scratch) / "first", Path(scratch) / "second"
        for copy in (first, second):
            copy_sources(ROOT, copy, makeable=True)
        cold = timed_make_book(first)
        no_change = timed_make_book(first)
        timed_make_book(second)
        return cold, no_change, differing_files(first / "_build" / "html", second / "_build" / "html")


def notebook_times() -> list[tuple[str, float]]:
    cache = get_cache(ROOT / "_build" / ".jupyter_cache")
    book = ROOT / "book"
    latest = {}  # the cache keeps a record per version of a notebook: the newest is the current one
    for record in sorted(cache.list_cache_records(), key=lambda r: r.created):
        if Path(record.uri).parent == book:
            latest[Path(record.uri).relative_to(ROOT).as_posix()] = record.data.get("execution_seconds", float("nan"))
    return sorted(latest.items())


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER"


def with_tables(readme: str, tables: str) -> str:
    """``readme`` with ``tables`` between its benchmark markers."""
    head, start, rest = readme.partition(START)
    _, end, tail = rest.partition(END)
    if not (start and end):
        raise SystemExit(f"README.md lacks the markers {START} ... {END}")
    return f"{head}{START}\n{tables.strip()}\n{END}{tail}"


def main() -> int:
    over = 0
    lines: list[str] = []

    def emit(text: str) -> None:  # each table to the console, and to the README at the end
        print(text)
        lines.append(text)

    emit("| page | first view KB | read to the end KB | (gzip KB) | plotly.js loads | every figure live KB "
         "| plotly.js loads | first view ≤ 1.5 MB | read ≤ 300 KB gzip |\n|---|---:|---:|---:|---:|---:|---:|---|---|")
    weights = page_weights()
    for page, first_view, read, read_gzip, read_loads, live, live_loads in weights:
        read_ok = read_gzip <= BUDGET_READ_GZIP_BYTES and read_loads == 0
        over += first_view > BUDGET_PAGE_BYTES or live > BUDGET_PAGE_BYTES or live_loads > 1 or not read_ok
        emit(f"| {page} | {first_view / 1000:.0f} | {read / 1000:.0f} | {read_gzip / 1000:.0f} | {read_loads} "
             f"| {live / 1000:.0f} | {live_loads} | {verdict(first_view <= BUDGET_PAGE_BYTES)} | {verdict(read_ok)} |")
    chapters = [page for page, *_ in weights if (ROOT / page).with_suffix(".ipynb").is_file()]
    emit("\n| chapter | Lighthouse performance | accessibility | ≥ 0.95 and 1.0 |\n|---|---:|---:|---|")
    for page, performance, accessibility in lighthouse_scores(chapters):
        ok = performance >= BUDGET_PERFORMANCE and accessibility >= BUDGET_ACCESSIBILITY
        over += not ok
        emit(f"| {page} | {performance:.2f} | {accessibility:.2f} | {verdict(ok)} |")
    cold, rebuild, differing = build_times()
    over += cold > BUDGET_COLD_BUILD_S or rebuild > BUDGET_REBUILD_S or bool(differing)
    emit(f"\n| `make book` | seconds | budget |\n|---|---:|---|\n| cold (every notebook executed, every PDF "
         f"printed) | {cold:.1f} | {verdict(cold <= BUDGET_COLD_BUILD_S)} ≤ {BUDGET_COLD_BUILD_S} |\n"
         f"| again, no change | {rebuild:.1f} | {verdict(rebuild <= BUDGET_REBUILD_S)} ≤ {BUDGET_REBUILD_S} |")
    emit(f"\nTwo clean builds of the same sources: {len(differing)} file(s) differ"
         + (":\n  " + "\n  ".join(differing[:20]) if differing else " (byte-identical)"))
    emit("\n| notebook | execution s | ≤ 10 s |\n|---|---:|---|")
    for notebook, seconds in notebook_times():
        over += seconds > BUDGET_NOTEBOOK_S
        emit(f"| {notebook} | {seconds:.1f} | {verdict(seconds <= BUDGET_NOTEBOOK_S)} |")
    emit(f"\n{over} measurement(s) over budget")
    README.write_text(with_tables(README.read_text(encoding="utf-8"), "\n".join(lines)), encoding="utf-8")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
