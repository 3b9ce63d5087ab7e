"""The search page as a reader uses it, in Chromium, offline: the query is not hidden under the
magnifier, each glossary term shows once under its own name, the bibliography ranks last and no
chapter's snippet comes from its reference list, and a book opened from disk says why its results
have no snippets."""

from __future__ import annotations

import re

from tests.conftest import HTML_DIR

QUERY = "checkpoint"
FINISHED = "() => /Search finished|did not match/.test(document.querySelector('#search-results')?.innerText || '')"
RESULTS = """() => [...document.querySelectorAll('#search-results ul.search li')].map(li => ({
  href: li.querySelector('a').getAttribute('href'), title: li.querySelector('a').textContent,
  snippet: (li.querySelector('p.context') || {}).textContent || ''}))"""
# where the typed text starts, and where the magnifier icon ends, in each visible search field
FIELDS = """() => [...document.querySelectorAll('form.bd-search')].filter(f => f.offsetParent).map(form => {
  const input = form.querySelector('input'), icon = form.querySelector('i');
  return {text: input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft),
          icon: icon.getBoundingClientRect().right}; })"""
DOI = re.compile(r"doi\.org/|\bdoi:\s*10\.", re.IGNORECASE)


def search(page, url: str) -> list[dict]:
    page.goto(f"{url}?q={QUERY}", wait_until="load")
    page.wait_for_function(FINISHED, timeout=20000)
    page.wait_for_timeout(500)  # the last snippets arrive
    return page.evaluate(RESULTS)


def test_search_results_read_well(site):
    base, browser = site
    page = browser.new_page()
    results = search(page, f"{base}/search.html")
    fields = page.evaluate(FIELDS)
    page.keyboard.press("Control+K")  # the header's search dialog
    page.wait_for_timeout(200)
    fields += page.evaluate(FIELDS)
    page.close()
    titles = [result["title"] for result in results]
    assert len(results) >= 5, titles
    assert titles.count("Glossary") <= 1, titles
    terms = [title for title in titles if title.endswith("(glossary term)")]
    assert terms and len(set(terms)) == len(terms), titles  # each matching term once, under its name
    pages = [result["href"].split("#")[0] for result in results]
    bibliography = [i for i, href in enumerate(pages) if href.endswith("references.html")]
    assert bibliography == list(range(len(pages) - len(bibliography), len(pages))), "the bibliography ranks last"
    snippets = [r["snippet"] for r in results if not r["href"].startswith("book/references.html")]
    assert any(snippets) and not [s for s in snippets if DOI.search(s)], "snippets from reference lists"
    assert len(fields) == 2 and all(field["text"] >= field["icon"] for field in fields), fields


def test_search_opened_from_disk_explains_its_missing_snippets(site):
    _, browser = site
    page = browser.new_page()
    results = search(page, (HTML_DIR / "search.html").as_uri())
    note = page.locator(".immunobook-search-note")
    assert results and note.is_visible() and "disk" in note.inner_text()
    page.close()
