"""Print every chapter of a built book to PDF with headless Chromium.

``python -m immunobook.build.printing [BOOK_ROOT]`` writes ``_build/html/pdf/<chapter>.pdf`` for every
notebook chapter in ``_toc.yml``; each chapter page links to its PDF (see :mod:`immunobook.build.sphinx_ext`).
Figures are printed as their static SVG pictures (:mod:`immunobook.build.figure_images`).

A PDF is printed again only when what it shows changed: its page or the book's static files
(``_build/pdf-stamps.json`` keeps a digest of each). Its dates are ``$SOURCE_DATE_EPOCH`` (the time
of the last commit; see the Makefile) when that is set, so that two builds of one commit are
byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from pathlib import Path

from immunobook.build.browser import chromium, serve, wait_until_figures_shown
from immunobook.build.constants import PDF_DIR, STUDENT_DIR
from immunobook.build.toc import chapter_names

# The PDFs' links carry the address they were printed from: one fixed port per edition keeps two
# builds identical (`make test` prints both editions at once).
PRINT_PORTS = {"teacher": 8765, "student": 8766}
PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def _static_digest(html_dir: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted((html_dir / "_static").rglob("*")):
        if path.is_file():
            hasher.update(path.relative_to(html_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def _page_digest(html_dir: Path, name: str, static: str) -> str:
    return hashlib.sha256((html_dir / f"{name}.html").read_bytes() + static.encode()).hexdigest()


def fix_dates(pdf: bytes, epoch: str | None) -> bytes:
    """Set the PDF's creation and modification dates to ``epoch`` (seconds since 1970)."""
    if not epoch:
        return pdf
    stamp = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y%m%d%H%M%S")
    return PDF_DATES.sub(lambda m: b"/" + m[1] + b" (D:" + stamp.encode() + b"+00'00')", pdf)


def print_chapters(book_root: Path) -> list[Path]:
    """Print each chapter of ``book_root/_build/html`` whose page changed; return the PDFs written."""
    html_dir = book_root / "_build" / "html"
    stamps_file = book_root / "_build" / "pdf-stamps.json"
    stamps = json.loads(stamps_file.read_text(encoding="utf-8")) if stamps_file.is_file() else {}
    static = _static_digest(html_dir)
    targets = {name: html_dir / PDF_DIR / f"{name}.pdf" for name in chapter_names(book_root)}
    digests = {name: _page_digest(html_dir, name, static) for name in targets}
    stale = [name for name, target in targets.items() if not target.is_file() or stamps.get(name) != digests[name]]
    if not stale:
        return []
    written = []
    edition = "student" if book_root.resolve().as_posix().endswith(STUDENT_DIR.as_posix()) else "teacher"
    with serve(html_dir, port=PRINT_PORTS[edition]) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 900, "height": 1200})
        for name in stale:
            page.goto(f"{base}/{name}.html", wait_until="load")
            wait_until_figures_shown(page, timeout_ms=30000)
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=True,
                           margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            page.emulate_media(media="screen")
            targets[name].parent.mkdir(parents=True, exist_ok=True)
            targets[name].write_bytes(fix_dates(pdf, os.environ.get("SOURCE_DATE_EPOCH")))
            stamps[name] = digests[name]
            written.append(targets[name])
    stamps_file.write_text(json.dumps(stamps, indent=1, sort_keys=True), encoding="utf-8")
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    written = print_chapters(root)
    for pdf in written:
        print(f"wrote {pdf.relative_to(root)}")
    if not written:
        print("every chapter PDF is up to date")
