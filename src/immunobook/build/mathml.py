"""Math as MathML written at build time: no math script on any page.

Sphinx's MathJax renderer makes each page with math download MathJax (1.2 MB) and typeset in the
reader's browser. Here docutils' own TeX to MathML converter (``docutils.utils.math.latex2mathml``,
which renders all of the book's math, ``aligned`` included) runs at build time, and the pages carry
MathML, which every current browser draws natively and screen readers read. A TeX error (an unknown
command or environment) is a build warning, hence an error.
"""

from __future__ import annotations

import re
from html import escape

from docutils import nodes
from docutils.utils.math import MathError
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

RENDERER = "immunobook_mathml"
logger = logging.getLogger(__name__)


def tex_source(node: nodes.Element) -> str:
    """The TeX of a math node; display blocks of several equations are aligned, as Sphinx does
    (with ``aligned`` where Sphinx writes ``split``, which docutils does not know; both align the
    lines of one equation at their ``&``)."""
    if isinstance(node, nodes.math):
        return node.astext()
    parts = [part.strip() for part in node.astext().split("\n\n") if part.strip()]
    parts = [rf"\begin{{aligned}}{part}\end{{aligned}}" if r"\\" in part and not part.startswith("\\begin{") else part
             for part in parts]
    if len(parts) > 1:
        return r"\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}"
    return parts[0] if parts else ""


def tex_to_mathml(items: list[tuple[str, bool]]) -> list[str]:
    """Convert ``(tex, display)`` pairs to compact MathML strings; a TeX error becomes ``<merror>``."""
    converted = []
    for tex, display in items:
        try:
            mathml = tex2mathml(tex, as_block=display)
        except MathError as error:
            mathml = f'<math xmlns="http://www.w3.org/1998/Math/MathML"><merror><mtext>{escape(str(error))}</mtext></merror></math>'
        converted.append(re.sub(r">\s+<", "><", mathml).strip())
    return converted


def convert_document_math(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give every math node of a document its MathML."""
    if app.builder.format != "html" or getattr(app.builder, "math_renderer_name", None) != RENDERER:
        return
    math_nodes = [node for node in doctree.findall(lambda node: isinstance(node, (nodes.math, nodes.math_block)))
                  if not node.get("nowrap")]
    if not math_nodes:
        return
    items = [(tex_source(node), isinstance(node, nodes.math_block)) for node in math_nodes]
    for node, (tex, _display), mathml in zip(math_nodes, items, tex_to_mathml(items), strict=True):
        if "<merror" in mathml:
            logger.warning(f"TeX error in math {tex!r}", location=node, type="immunobook", subtype="math")
        # keep the TeX as alternative text, for copying and for tools that do not read MathML
        node["mathml"] = mathml.replace("<math ", f'<math alttext="{_attribute(tex)}" ', 1)


def _attribute(text: str) -> str:
    return " ".join(text.split()).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(node["mathml"] + "</span>")
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(node.get("mathml") or self.encode(node.astext()))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _use_mathml(app: Sphinx, config) -> None:
    config.html_math_renderer = RENDERER


def setup(app: Sphinx) -> dict:
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
    app.connect("config-inited", _use_mathml)
    app.connect("doctree-resolved", convert_document_math)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
