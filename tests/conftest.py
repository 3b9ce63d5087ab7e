"""Shared fixtures: the built book's location."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML_DIR = ROOT / "_build" / "html"
CACHE_DIR = ROOT / "_build" / ".jupyter_cache"
# Every page of the built book, relative to its root (assets and notebook sources left out).
PAGES = sorted(p.relative_to(HTML_DIR).as_posix() for p in HTML_DIR.rglob("*.html")
               if "_static" not in p.parts and "_sources" not in p.parts)


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not (HTML_DIR / "index.html").is_file():
        pytest.fail(f"no built book in {HTML_DIR}: run `make book` first")
    return HTML_DIR

