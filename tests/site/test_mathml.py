"""Math is MathML written at build time: no page loads a math script."""

import re

import pytest

from tests.conftest import HTML_DIR, PAGES


@pytest.mark.parametrize("page_name", PAGES)
def test_math_is_mathml_with_no_math_script(page_name):
    html = (HTML_DIR / page_name).read_text(encoding="utf-8")
    assert "mathjax" not in html.lower().replace("mathjax_ignore", ""), "a MathJax script or config"
    for math in re.findall(r'<(?:span|div) class="math notranslate nohighlight"[^>]*>(.*?)</(?:span|div)>', html, re.S):
        assert math.lstrip().startswith("<math") or '<span class="eqno">' in math, math[:80]
