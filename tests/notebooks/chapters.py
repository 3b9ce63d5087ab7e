"""Read the chapter notebooks listed in _toc.yml."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from immunobook.build.toc import chapter_names
from immunobook.chapters import NOT_CHAPTERS
from tests.conftest import ROOT


def chapter_notebooks() -> list[Path]:
    """The chapters: notebooks listed in the table of contents, except the teacher guide
    (``immunobook.chapters.NOT_CHAPTERS``)."""
    return [ROOT / f"{name}.ipynb" for name in chapter_names(ROOT) if name not in NOT_CHAPTERS]


def markdown(notebook: Path) -> str:
    cells = nbformat.read(notebook, as_version=4).cells
    return "\n\n".join(cell.source for cell in cells if cell.cell_type == "markdown")


# A backtick-fenced {solution} directive: its fence, then its body up to the matching fence.
SOLUTION_BODY = re.compile(r"(`{3,})\{solution\}[^\n]*\n(.*?)\n\1", re.S)
PYTHON_BLOCK = re.compile(r"```python\n(.*?)\n```", re.S)


def solution_bodies(notebook: Path) -> list[str]:
    """The text of every {solution} directive in the notebook."""
    return [body for _, body in SOLUTION_BODY.findall(markdown(notebook))]


def solution_code(notebook: Path) -> list[str]:
    """The ```python blocks inside the notebook's {solution} directives."""
    return [code for body in solution_bodies(notebook) for code in PYTHON_BLOCK.findall(body)]
