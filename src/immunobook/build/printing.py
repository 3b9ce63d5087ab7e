"""Print every chapter of a built book to PDF with headless Chromium.

``python -m immunobook.build.printing [BOOK_ROOT]`` writes ``_build/html/pdf/<chapter>.pdf`` for every
notebook chapter in ``_toc.yml``; each chapter page links to its PDF (see :mod:`immunobook.build.sphinx_ext`).
Figures are printed as the static vector images plotly draws.
"""

from __future__ import annotations

import sys
from pathlib import Path

from immunobook.build.browser import chromium, serve, wait_until_drawn
from immunobook.build.sphinx_ext import PDF_DIR
from immunobook.build.toc import chapter_names


def print_chapters(book_root: Path) -> list[Path]:
    """Print each chapter of ``book_root/_build/html``; return the PDFs written."""
    html_dir = book_root / "_build" / "html"
    written = []
    with serve(html_dir) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 900, "height": 1200})
        for name in chapter_names(book_root):
            page.goto(f"{base}/{name}.html", wait_until="load")
            wait_until_drawn(page, timeout_ms=30000)
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
