"""Math is converted to MathML at build time by docutils' TeX to MathML converter."""

import json
import re

import pytest
from docutils import nodes

from immunobook.build.mathml import tex_source, tex_to_mathml
from tests.conftest import ROOT


def book_math() -> list[tuple[str, bool]]:
    """Every display ($$...$$) and inline ($...$) formula in the book's notebooks."""
    found = []
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
        found += [(m.strip(), True) for m in re.findall(r"\$\$(.+?)\$\$", text, re.S)]
        found += [(m.strip(), False) for m in re.findall(r"(?<![$\\])\$([^$\n]+?)\$(?!\$)", text)]
    return found


def test_display_and_inline_math_become_mathml():
    display, inline = tex_to_mathml([(r"\frac{dT}{dt} = a T", True), ("x^2", False)])
    assert display.startswith("<math") and 'display="block"' in display and "<mfrac>" in display
    assert inline.startswith("<math") and 'display="block"' not in inline and "<msup>" in inline


def test_a_tex_error_is_marked_in_the_mathml():
    (mathml,) = tex_to_mathml([(r"\nosuchcommand{a}", False)])
    assert "<merror" in mathml


@pytest.mark.parametrize("tex, display", book_math() or [("x", False)])
def test_the_books_math_converts(tex, display):
    (mathml,) = tex_to_mathml([(tex, display)])
    assert "<merror" not in mathml, tex


def test_aligned_equations_become_a_table():
    (mathml,) = tex_to_mathml([(r"\begin{aligned}a &= b \\ c &= d\end{aligned}", True)])
    assert mathml.count("<mtr>") == 2


def test_a_block_of_several_equations_is_aligned_as_sphinx_does():
    block = nodes.math_block("", "a &= b\n\nc &= d \\\\ e &= f")
    source = tex_source(block)
    assert source.startswith(r"\begin{aligned}") and r"\begin{aligned}c &= d" in source
    assert "<merror" not in tex_to_mathml([(source, True)])[0]
    assert tex_source(nodes.math("", "x")) == "x"
