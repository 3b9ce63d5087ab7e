"""The current axe-core on every page of the built book: WCAG 2.0/2.1/2.2 A and AA and axe's best
practices, at 390 px and 1280 px, in light and dark mode, with every fold opened. No serious or
critical finding anywhere; any other finding must be fixed or listed in ``tests.browser.axe.ACCEPTED``."""

from __future__ import annotations

import json
import re

import pytest

from immunobook.build.browser import serve
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


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page", READER_PAGES)
def test_page_has_no_accessibility_violations(site, page, viewport):
    base, browser = site
    problems = {scheme: unaccepted(violations) for scheme, violations in run_axe(browser, base, page, viewport).items()}
    assert problems == {scheme: [] for scheme in SCHEMES}


def test_a_dark_page_is_checked_for_contrast_in_dark_colours(site, tmp_path):
    """Pale text that passes on white fails on the dark background: the switch to dark must be real."""
    _, browser = site
    (tmp_path / "index.html").write_text(DARK_ONLY_PROBLEM)
    with serve(tmp_path) as base:
        found = run_axe(browser, base, "index.html", "phone")
    assert [v["id"] for v in found["light"]] == []
    assert [v["id"] for v in found["dark"]] == ["color-contrast"]


LABEL_MISMATCH_PAGE = """<!doctype html><html lang="en" data-theme="light"><head><title>Broken</title></head>
<body><main><h1>Broken</h1>
<button aria-label="Search">Search… Ctrl+K</button>
<p style="color:#bbb;background:#fff">Pale text</p>
</main></body></html>"""


DARK_ONLY_PROBLEM = """<!doctype html><html lang="en" data-theme="light"><head><title>Dark</title><style>
html[data-theme="light"] body { background: #fff; color: #333; }
html[data-theme="dark"] body { background: #111; color: #333; }
</style></head><body><main><h1>Dark</h1><p>Dark grey text</p></main></body></html>"""


def test_the_check_catches_label_in_name_and_contrast_problems(site, tmp_path):
    _, browser = site  # one Playwright per session: a second one cannot start inside the first
    (tmp_path / "index.html").write_text(LABEL_MISMATCH_PAGE)
    with serve(tmp_path) as base:
        violations = run_axe(browser, base, "index.html", "phone", schemes=("light",))["light"]
    found = {v["id"]: v["impact"] for v in violations}
    assert found.get("label-content-name-mismatch") in BLOCKING_IMPACTS
    assert found.get("color-contrast") in BLOCKING_IMPACTS
    assert len(unaccepted(violations)) >= 2
    assert "wcag22aa" in AXE_TAGS
