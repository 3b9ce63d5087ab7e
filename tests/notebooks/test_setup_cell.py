"""Every chapter's first code cell is the setup cell, exactly as generated from its one template
(`python -m immunobook.build.setup_cell` rewrites it), hidden from the HTML book."""

from __future__ import annotations

import copy
import re
import subprocess
import sys

import nbformat
import pytest

from immunobook.build import setup_cell
from tests.conftest import ROOT
from tests.notebooks.chapters import chapter_notebooks

REPOSITORY, BRANCH = setup_cell.edition(ROOT)


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_first_code_cell_is_the_setup_cell(notebook):
    cells = nbformat.read(notebook, as_version=4).cells
    code = [cell for cell in cells if cell.cell_type == "code"]
    assert code and setup_cell.is_setup_cell(code[0]), (
        f"{notebook.name}: run `python -m immunobook.build.setup_cell` to add the setup cell")
    assert code[0].source == setup_cell.source(REPOSITORY, BRANCH), (
        f"{notebook.name}: the setup cell differs from the template; run `python -m immunobook.build.setup_cell`")
    assert code[0].metadata["tags"] == setup_cell.TAGS
    assert sum(map(setup_cell.is_setup_cell, cells)) == 1


def test_the_command_changes_nothing_on_the_chapters():
    assert setup_cell.write_all(ROOT, check=True) == []


def test_apply_is_idempotent_and_repairs_a_moved_or_edited_cell():
    notebook = nbformat.read(chapter_notebooks()[0], as_version=4)
    broken = copy.deepcopy(notebook)
    cell = next(c for c in broken.cells if setup_cell.is_setup_cell(c))
    broken.cells.remove(cell)
    cell.source = "print('edited')"
    broken.cells.append(cell)  # now the last cell, and edited
    assert setup_cell.apply(broken, REPOSITORY, BRANCH)
    assert nbformat.writes(broken) == nbformat.writes(notebook)
    assert not setup_cell.apply(broken, REPOSITORY, BRANCH)


def test_a_notebook_without_the_cell_gets_it_before_its_first_code_cell():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A"),
                                               nbformat.v4.new_code_cell("x = 1")])
    assert setup_cell.apply(notebook, REPOSITORY, BRANCH)
    assert [c.cell_type for c in notebook.cells] == ["markdown", "code", "code"]
    assert setup_cell.is_setup_cell(notebook.cells[1]) and notebook.cells[2].source == "x = 1"


def test_the_student_edition_installs_from_the_student_branch():
    notebook = nbformat.read(chapter_notebooks()[0], as_version=4)
    setup_cell.retarget(notebook, REPOSITORY, "student")
    source = next(c.source for c in notebook.cells if setup_cell.is_setup_cell(c))
    assert '"IMMUNOBOOK_REF", "student"' in source and f'"IMMUNOBOOK_REPO", "{REPOSITORY}"' in source


def test_where_the_package_is_installed_the_cell_only_applies_the_book_style():
    check = (setup_cell.source(REPOSITORY, BRANCH)
             + "\nimport plotly.io as pio\nassert pio.templates.default == 'immunobook'\n")
    before = "import plotly.io as pio, immunobook\nassert pio.templates.default != 'immunobook'\n"
    done = subprocess.run([sys.executable, "-c", before + check], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Installing" not in done.stdout


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_every_solution_is_a_collapsed_dropdown(notebook):
    """`:class: dropdown` folds a solution in the HTML book (sphinx-exercise) and in JupyterLab
    (jupyterlab-myst), so that a learner sees it only on asking."""
    cells = nbformat.read(notebook, as_version=4).cells
    text = "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    openings = re.findall(r"^(`{3,}|:{3,})\{solution\}[^\n]*\n((?::[^\n]*\n)*)", text, re.M)
    assert openings
    assert all(":class: dropdown" in options for _, options in openings)
