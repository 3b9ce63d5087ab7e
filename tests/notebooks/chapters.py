"""Read the chapter notebooks listed in _toc.yml."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import yaml

from tests.conftest import ROOT


def toc_files() -> list[str]:
    """Every file named in _toc.yml, in order (without extension)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def chapter_notebooks() -> list[Path]:
    """The chapters: notebooks listed in the table of contents."""
    return [ROOT / f"{name}.ipynb" for name in toc_files() if (ROOT / f"{name}.ipynb").is_file()]


def markdown(notebook: Path) -> str:
    cells = nbformat.read(notebook, as_version=4).cells
    return "\n\n".join(cell.source for cell in cells if cell.cell_type == "markdown")


SOLUTION_CODE = re.compile(r"(`{4,})\{solution\}.*?\n(.*?)\n\1", re.S)
PYTHON_BLOCK = re.compile(r"```python\n(.*?)\n```", re.S)


def solution_code(notebook: Path) -> list[str]:
    """The ```python blocks inside the notebook's {solution} directives."""
    return [code for _, body in SOLUTION_CODE.findall(markdown(notebook))
            for code in PYTHON_BLOCK.findall(body)]
