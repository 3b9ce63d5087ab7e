"""The student edition (make book-student) contains no solution, in HTML or notebooks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from immunobook.build.constants import STUDENT_HTML as STUDENT_HTML_PATH
from immunobook.build.student import SOLUTION_TAG, strip_notebook, student_config, untagged_solutions
from tests.conftest import HTML_DIR, ROOT
from tests.notebooks.chapters import PYTHON_BLOCK, chapter_notebooks, solution_bodies

STUDENT_HTML = ROOT / STUDENT_HTML_PATH
BOOK_DIR = ROOT / "book"


def solution_lines() -> list[str]:
    """From every solution in the book, its longest line of plain words (markup removed) that
    appears nowhere else in its notebook."""
    lines = []
    for notebook in chapter_notebooks():
        elsewhere = "\n".join(cell.source for cell in nbformat.read(notebook, as_version=4).cells
                              if SOLUTION_TAG not in cell.metadata.get("tags", []))
        for body in solution_bodies(notebook):
            prose = PYTHON_BLOCK.sub("", body)  # code lines such as `from immunobook import load` recur
            candidates = [line.strip() for line in prose.splitlines()
                          if not re.search(r"[`{}\[\]*:<>\"'&$\\]", line) and not line.startswith(":")
                          and line.strip() not in elsewhere]
            if candidates:
                lines.append(max(candidates, key=len))
    return [line for line in lines if len(line) >= 25]


def built_text(folder) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="ignore")
                     for path in folder.rglob("*") if path.suffix in {".html", ".ipynb", ".js", ".txt"})


@pytest.mark.parametrize("solution", ["```{solution} ex-a\n:class: dropdown\n\nA1\n```",
                                      "````{solution} ex-a\n```python\nprint(1)\n```\n````",
                                      ":::{solution} ex-a\nA3\n:::"])
def test_a_solution_in_a_cell_without_the_tag_stops_the_student_edition(solution):
    """No regex cuts solutions out of prose: a chapter whose solution shares a cell with other text,
    or sits in its own cell without the tag, is refused (every fence style)."""
    for cell in (nbformat.v4.new_markdown_cell(f"Q\n\n{solution}\n\nEnd"), nbformat.v4.new_markdown_cell(solution)):
        cell.id = "c1"
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Exercise"), cell])
        assert untagged_solutions(notebook) == ["c1"]
        with pytest.raises(ValueError, match="c1"):
            strip_notebook(notebook)


def test_every_solution_of_the_book_is_a_cell_of_its_own_tagged_solution():
    for path in sorted(BOOK_DIR.rglob("*.ipynb")):
        assert untagged_solutions(nbformat.read(path, as_version=4)) == [], path.name


def test_no_markdown_page_holds_a_solution():
    for path in sorted(BOOK_DIR.rglob("*.md")):
        assert "{solution" not in path.read_text(encoding="utf-8"), path.name


def test_gated_solution_blocks_lose_their_tagged_cells():
    tagged = {"tags": [SOLUTION_TAG]}
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Exercise"),
        nbformat.v4.new_markdown_cell("```{solution-start} ex-a\n```", metadata=tagged),
        nbformat.v4.new_code_cell("secret = 42", metadata=tagged),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```", metadata=tagged),
        nbformat.v4.new_markdown_cell("After"),
    ])
    assert [cell.source for cell in strip_notebook(notebook).cells] == ["Exercise", "After"]


def test_an_untagged_cell_inside_a_gated_solution_is_refused():
    tagged = {"tags": [SOLUTION_TAG]}
    secret = nbformat.v4.new_code_cell("secret = 42")
    secret.id = "secret"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("```{solution-start} ex-a\n```", metadata=tagged),
        secret,
        nbformat.v4.new_markdown_cell("```{solution-end}\n```", metadata=tagged),
    ])
    assert untagged_solutions(notebook) == ["secret"]


@pytest.fixture(scope="module")
def student_text():
    if not (STUDENT_HTML / "index.html").is_file():
        pytest.fail(f"no student edition in {STUDENT_HTML}: run `make book-student`")
    return built_text(STUDENT_HTML)


def test_the_student_edition_has_every_chapter_but_no_solution(student_text):
    lines = solution_lines()
    assert len(lines) >= 4 * len(chapter_notebooks())
    teacher_text = built_text(HTML_DIR)
    assert all(line in teacher_text for line in lines), "the check must find solutions in the teacher edition"
    assert [line for line in lines if line in student_text] == []
    promises = re.findall(r"exercises with (?:hidden|folded) solutions", student_text, flags=re.IGNORECASE)
    assert promises == [], "the student edition must not promise solutions it has removed"
    for notebook in chapter_notebooks():
        assert (STUDENT_HTML / notebook.relative_to(ROOT).with_suffix(".html")).is_file()
        assert (STUDENT_HTML / "pdf" / notebook.relative_to(ROOT).with_suffix(".pdf")).is_file()


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_the_student_branch_is_one_commit_without_solutions(tmp_path):
    """The publish workflow's script, run against a bare repository: the branch has no history
    (so `git show HEAD~1:...` finds no solution) and no solution in any file."""
    clone, remote = tmp_path / "clone", tmp_path / "remote.git"
    _git("clone", "--quiet", str(ROOT), str(clone), cwd=tmp_path)
    _git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    subprocess.run([str(ROOT / ".ci" / "publish-student-branch"), str(ROOT / "_build" / "student"), str(remote)],
                   cwd=clone, check=True, capture_output=True)
    assert _git("rev-list", "--count", "student", cwd=remote).strip() == "1"
    assert _git("log", "-1", "--format=%P", "student", cwd=remote).strip() == ""  # no parent
    files = _git("ls-tree", "-r", "--name-only", "student", cwd=remote).split()
    assert set(files) >= {"README.md", "_toc.yml", "data/datapackage.json"}
    notebooks = [name for name in files if name.startswith("book/") and name.endswith(".ipynb")]
    assert notebooks
    for name in notebooks + [name for name in files if name.startswith("book/") and name.endswith(".md")]:
        assert "{solution" not in _git("show", f"student:{name}", cwd=remote), name
    assert _git("status", "--porcelain", cwd=clone) == ""  # the checkout is untouched


def test_cells_tagged_solution_are_removed():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("```{exercise}\n:label: ex-a\nQ\n```"),
        nbformat.v4.new_markdown_cell("```{solution} ex-a\nA\n```", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("After"),
    ])
    assert [cell.source for cell in strip_notebook(notebook).cells] == ["```{exercise}\n:label: ex-a\nQ\n```", "After"]


def test_the_student_configuration_is_edited_as_yaml():
    config = student_config({"title": "Book", "repository": {"url": "u", "branch": "main"}, "sphinx": {"config": {}}})
    assert config == {"title": "Book (student edition)", "repository": {"url": "u", "branch": "student"},
                      "sphinx": {"config": {"hide_solutions": True}}}
