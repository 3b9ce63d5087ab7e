"""The glossary is one A–Z list with letter headings and a letter index, it holds every term of the
part files, and every link to a glossary term anywhere in the built book reaches its anchor."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urldefrag

from bs4 import BeautifulSoup

from immunobook.build.pages import a_to_z, glossary_entries, sort_key
from tests.conftest import HTML_DIR, ROOT

PARTS = sorted((ROOT / "book" / "glossary-parts").glob("*.md"))


def glossary_soup() -> BeautifulSoup:
    return BeautifulSoup((HTML_DIR / "book" / "glossary.html").read_text(encoding="utf-8"), "html.parser")


def term_text(dt) -> str:
    """A term as written, without its permalink sign."""
    return dt.get_text(" ", strip=True).removesuffix("#").removesuffix("¶").strip().replace("’", "'")


def part_terms() -> list[str]:
    return [entry.splitlines()[0] for part in PARTS for entry in glossary_entries(part.read_text(encoding="utf-8"))]


def test_the_glossary_runs_a_to_z_under_letter_headings(html_dir):
    soup = glossary_soup()
    terms = [term_text(dt) for dt in soup.select("dl.glossary dt")]
    assert sorted(terms) == sorted(part_terms()), "every term of every part, once"
    keys = [sort_key(term)[0] for term in terms]
    assert keys == sorted(keys), "the terms are not in A–Z order"
    for section in soup.select("article section section"):
        letter = section.find("h2").get_text(strip=True).removesuffix("#")
        first_letters = {sort_key(term_text(dt))[0][:1].upper() for dt in section.select("dl.glossary dt")}
        assert first_letters == {letter}, f"terms under the heading {letter}: {first_letters}"
    index = soup.select("nav.glossary-letters a")
    assert len(index) == len(soup.select("article section section")) >= 10
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    assert all(link["href"].lstrip("#") in ids for link in index), "letter index links that lead nowhere"


def test_every_glossary_anchor_used_anywhere_resolves(html_dir):
    ids = {tag["id"] for tag in glossary_soup().find_all(id=True)}
    used, broken = 0, []
    for page in HTML_DIR.rglob("*.html"):
        if "_static" in page.parts:
            continue
        for href in re.findall(r'href="([^"]*glossary\.html#[^"]*)"', page.read_text(encoding="utf-8")):
            path, fragment = urldefrag(href)
            if (page.parent / path).resolve() != (HTML_DIR / "book" / "glossary.html").resolve():
                continue
            used += 1
            if unquote(fragment) not in ids:
                broken.append(f"{page.relative_to(HTML_DIR)} -> {href}")
    assert used >= 50, "expected the chapters to link many glossary terms"
    assert broken == []


def test_merging_keeps_every_entry_and_its_text():
    text = Path(PARTS[0]).read_text(encoding="utf-8")
    entries = glossary_entries(text)
    extra = glossary_entries("```{glossary}\nZebra term\n  A made-up term.\n\n  Second paragraph.\n```\n")
    merged = a_to_z(entries + extra)
    assert "(glossary-letter-z)=\n## Z" in merged and "  Second paragraph." in merged
    for entry in entries:
        assert entry in merged
