"""Every chapter follows the book's skeleton (CONTRIBUTING.md) and its solution code runs."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from immunobook.build.toc import toc_files
from tests.conftest import ROOT
from tests.notebooks.chapters import chapter_notebooks, markdown, solution_code

CHAPTERS = chapter_notebooks()
SECTIONS = ["## Key terms", "## Summary", "## Exercises", "## Self-check", "## References"]


def test_every_notebook_under_book_is_in_the_table_of_contents():
    listed = {f"{name}.ipynb" for name in toc_files(ROOT)}
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "book").rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts}
    assert on_disk <= listed, on_disk - listed


def test_there_are_chapters():
    assert len(CHAPTERS) >= 1


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_skeleton(notebook):
    text = markdown(notebook)
    assert ":::{admonition} In this chapter" in text and "**You will learn to**" in text
    assert re.search(r"\*\*Last reviewed:\*\* \d{4}-\d{2}-\d{2}", text)
    assert "**Reading time:**" in text and "**Before you start:**" in text
    positions = [text.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), "sections missing or out of order"
    assert "{footbibliography}" in text


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda p: p.stem)
def test_exercises_have_solutions_and_self_checks_have_answers(notebook):
    text = markdown(notebook)
    exercises = re.findall(r"\{exercise\}.*\n:label: (\S+)", text)
    solutions = re.findall(r"\{solution\} (\S+)", text)
    assert len(exercises) >= 4 and sorted(exercises) == sorted(solutions)
    assert all(label.startswith(f"ex-{notebook.stem}-") for label in exercises)
    self_check = text[text.index("## Self-check"):text.index("## References")]
    assert self_check.count("{dropdown}") >= 5


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs(notebook):
    cells = nbformat.read(notebook, as_version=4).cells
    assert not any(cell.get("outputs") for cell in cells if cell.cell_type == "code")


SOLUTIONS = [(nb, code) for nb in CHAPTERS for code in solution_code(nb)]


@pytest.mark.parametrize("notebook,code", SOLUTIONS,
                         ids=[f"{nb.stem}-{i}" for i, (nb, _) in enumerate(SOLUTIONS)])
def test_solution_code_runs(notebook, code, tmp_path):
    """Run in an empty folder: solutions must not depend on the working directory."""
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
