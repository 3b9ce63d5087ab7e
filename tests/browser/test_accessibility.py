"""The current axe-core on every page of the built book: WCAG 2.0/2.1/2.2 A and AA and axe's best
practices, at 390 px and 1280 px, in light and dark mode, with every fold opened. No serious or
critical finding anywhere; any other finding must be fixed or listed in ``tests.browser.axe.ACCEPTED``."""

from __future__ import annotations

import json
import re

import pytest

from immunobook.build.browser import chromium, serve
from tests.browser.axe import ACCEPTED, AXE_TAGS, BLOCKING_IMPACTS, SCHEMES, VIEWPORTS, axe_version, run_axe, unaccepted
from tests.conftest import HTML_DIR, PAGES, ROOT

READER_PAGES = [p for p in PAGES if 'http-equiv="Refresh"' not in (HTML_DIR / p).read_text(encoding="utf-8")]


def test_axe_is_the_pinned_current_release():
    package = json.loads((ROOT / "package.json").read_text())
    pinned = package["devDependencies"]["axe-core"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "axe-core is pinned to one exact version"
    assert axe_version() == pinned, "node_modules holds another axe-core than package.json pins: run npm ci"
    assert tuple(map(int, pinned.split("."))) >= (4, 14, 1)


def test_accepted_exceptions_are_minor_best_practices_with_reasons():
    for (rule, fragment), reason in ACCEPTED.items():
        assert rule and fragment and len(reason) > 20, (rule, fragment)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page", READER_PAGES)
def test_page_has_no_accessibility_violations(site, page, viewport, scheme):
    base, browser = site
    violations = run_axe(browser, base, page, viewport, scheme)
    assert unaccepted(violations) == []


LABEL_MISMATCH_PAGE = """<!doctype html><html lang="en" data-theme="light"><head><title>Broken</title></head>
<body><main><h1>Broken</h1>
<button aria-label="Search">Search… Ctrl+K</button>
<p style="color:#bbb;background:#fff">Pale text</p>
</main></body></html>"""


def test_the_check_catches_label_in_name_and_contrast_problems(tmp_path):
    (tmp_path / "index.html").write_text(LABEL_MISMATCH_PAGE)
    with serve(tmp_path) as base, chromium() as browser:
        violations = run_axe(browser, base, "index.html", "phone", "light")
    found = {v["id"]: v["impact"] for v in violations}
    assert found.get("label-content-name-mismatch") in BLOCKING_IMPACTS
    assert found.get("color-contrast") in BLOCKING_IMPACTS
    assert len(unaccepted(violations)) >= 2
    assert "wcag22aa" in AXE_TAGS
