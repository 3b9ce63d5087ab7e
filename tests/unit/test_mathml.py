"""Math is converted to MathML at build time by MathJax running in Node."""

from docutils import nodes

from immunobook.build.mathml import tex_source, tex_to_mathml
from tests.conftest import ROOT

NODE_MODULES = ROOT / "node_modules"


def test_display_and_inline_math_become_mathml():
    display, inline = tex_to_mathml([(r"\frac{dT}{dt} = a T", True), ("x^2", False)], NODE_MODULES)
    assert display.startswith("<math") and 'display="block"' in display and "<mfrac>" in display
    assert inline.startswith("<math") and 'display="block"' not in inline and "<msup>" in inline


def test_a_tex_error_is_marked_in_the_mathml():
    (mathml,) = tex_to_mathml([(r"\frac{a}{", False)], NODE_MODULES)
    assert "<merror" in mathml


def test_a_block_of_several_equations_is_aligned_as_sphinx_does():
    block = nodes.math_block("", "a &= b\n\nc &= d \\\\ e &= f")
    source = tex_source(block)
    assert source.startswith(r"\begin{aligned}") and r"\begin{split}c &= d" in source
    assert tex_source(nodes.math("", "x")) == "x"
