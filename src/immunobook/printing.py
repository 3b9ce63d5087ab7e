"""Print every chapter of a built book to PDF with headless Chromium.

``python -m immunobook.printing [BOOK_ROOT]`` writes ``_build/html/pdf/<chapter>.pdf`` for every
notebook chapter in ``_toc.yml``; each chapter page links to its PDF (see :mod:`immunobook.sphinx_ext`).
Figures are printed as the static vector images plotly draws.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from immunobook.browser import RENDERED_PLOTLY, chromium, serve
from immunobook.sphinx_ext import PDF_DIR


def chapter_names(book_root: Path) -> list[str]:
    """Files of ``_toc.yml`` that are notebooks, e.g. ``book/history``."""
    toc = yaml.safe_load((book_root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return [name for name in names if (book_root / f"{name}.ipynb").is_file()]


def print_chapters(book_root: Path) -> list[Path]:
    """Print each chapter of ``book_root/_build/html``; return the PDFs written."""
    html_dir = book_root / "_build" / "html"
    written = []
    with serve(html_dir) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 900, "height": 1200})
        for name in chapter_names(book_root):
            page.goto(f"{base}/{name}.html", wait_until="load")
            figures = page.locator(".plotly-graph-div").count()
            page.wait_for_function(
                f"() => document.querySelectorAll('{RENDERED_PLOTLY}').length >= {figures}",
                timeout=30000,
            )
            page.evaluate("async () => { if (window.MathJax?.startup?.promise) await MathJax.startup.promise; }")
            target = html_dir / PDF_DIR / f"{name}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.emulate_media(media="print")
            page.pdf(path=str(target), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            page.emulate_media(media="screen")
            written.append(target)
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    for pdf in print_chapters(root):
        print(f"wrote {pdf.relative_to(root)}")
