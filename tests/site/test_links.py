"""Every internal link and #anchor in the built book leads somewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(html_dir: Path) -> list[str]:
    """Internal links whose file or anchor does not exist, as 'page -> href'."""
    pages = {p: _parse(p) for p in html_dir.rglob("*.html") if "_static" not in p.parts}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links:
            if urlparse(href).scheme or href.startswith(("//", "mailto:")):
                continue
            target, fragment = urldefrag(href)
            target_path = (page.parent / unquote(target)).resolve() if target else page
            if target_path.is_dir():
                target_path = target_path / "index.html"
            if not target_path.exists():
                broken.append(f"{page.relative_to(html_dir)} -> {href}")
            elif fragment and target_path.suffix == ".html":
                ids = pages[target_path].ids if target_path in pages else _parse(target_path).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{page.relative_to(html_dir)} -> {href} (no such anchor)")
    return broken


def test_no_broken_internal_links(html_dir):
    assert broken_links(html_dir) == []


def test_glossary_links_show_their_definition_on_hover(html_dir):
    term_link = re.compile(r'<a [^>]*href="glossary\.html#term-[^"]*"[^>]*>')
    term_links = [(page.name, tag) for page in (html_dir / "book").glob("*.html")
                  for tag in term_link.findall(page.read_text(encoding="utf-8"))]
    assert len(term_links) > 50
    assert [link for link in term_links if ' title="' not in link[1]] == []
