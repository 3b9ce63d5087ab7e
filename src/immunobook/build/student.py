"""Make the student edition: a copy of the book's sources with every exercise solution removed.

``python -m immunobook.build.student OUT_DIR`` copies ``_config.yml``, ``_toc.yml``, ``book/`` and ``data/`` into
``OUT_DIR`` and deletes every ``{solution}`` directive (and any ``solution-start``/``solution-end``
block with the code cells between them) from the notebooks and pages, so that neither the HTML nor
the downloadable notebooks contain a solution. Build ``OUT_DIR`` as a book of its own. Its launch
buttons (Binder, Colab) open the repository's ``student`` branch, which the publish workflow fills
with these notebooks.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import nbformat

from immunobook.build import setup_cell

# A fenced {solution} directive, with three or more backticks or colons, up to its closing fence.
SOLUTION_DIRECTIVE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution\}.*?^(?P=fence)[ \t]*$\n?", re.M | re.S)
STUDENT_BRANCH = "student"
GATED_START = re.compile(r"^(`{3,}|:{3,})\{solution-start\}")
GATED_END = re.compile(r"^(`{3,}|:{3,})\{solution-end\}")


def strip_solutions(text: str) -> str:
    """Remove every {solution} directive from MyST text."""
    return SOLUTION_DIRECTIVE.sub("", text)


def strip_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove solutions from markdown cells, and whole cells inside gated solution blocks."""
    kept, inside_gate = [], False
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and GATED_START.search(cell.source):
            inside_gate = True
        if not inside_gate:
            if cell.cell_type == "markdown":
                cell.source = strip_solutions(cell.source)
            kept.append(cell)
        if cell.cell_type == "markdown" and GATED_END.search(cell.source):
            inside_gate = False
    notebook.cells = kept
    return notebook


# What `make book` needs besides the sources, for a copy that builds with the same make targets
MAKE_FILES = ("Makefile", "requirements.txt", "pyproject.toml", "package.json", "package-lock.json")
MAKE_WITHOUT_INSTALLING = ("-o", ".venv/.installed", "-o", "node_modules/.installed")


def copy_sources(book_root: Path, out_dir: Path, *, makeable: bool = False) -> None:
    """Copy what a book build reads (configuration, book/, data/, a link to node_modules) into
    ``out_dir``, keeping its ``_build`` (its own execution cache and doctrees). Files keep their
    modification times, so that Sphinx re-reads only what changed. A ``makeable`` copy also gets
    the Makefile and a link to the virtual environment, for ``make *MAKE_WITHOUT_INSTALLING book``
    (the benchmark and the tests)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if makeable:
        for name in MAKE_FILES:
            shutil.copy2(book_root / name, out_dir / name)
        if not (out_dir / ".venv").exists():
            (out_dir / ".venv").symlink_to(book_root / ".venv", target_is_directory=True)
    for name in ("book", "data"):
        if (out_dir / name).exists():
            shutil.rmtree(out_dir / name)
    shutil.copytree(book_root / "book", out_dir / "book")
    shutil.copytree(book_root / "data", out_dir / "data", ignore=shutil.ignore_patterns("_work"))
    if not (out_dir / "node_modules").exists():
        (out_dir / "node_modules").symlink_to(book_root / "node_modules", target_is_directory=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(book_root / name, out_dir / name)


def _rewrite(path: Path, text: str) -> None:
    """Write ``text`` to the copy ``path``, keeping the modification time of the copied original."""
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def make_student_copy(book_root: Path, out_dir: Path) -> None:
    """Copy the book sources into ``out_dir`` without solutions."""
    copy_sources(book_root, out_dir)
    config = (out_dir / "_config.yml").read_text(encoding="utf-8")
    config = re.sub(r'^title: "(.*)"$', r'title: "\1 (student edition)"', config, count=1, flags=re.M)
    # launch buttons open the notebooks of the student branch, which the publish workflow keeps
    config = re.sub(r"^  branch: main$", f"  branch: {STUDENT_BRANCH}", config, count=1, flags=re.M)
    _rewrite(out_dir / "_config.yml", config)
    repository, _ = setup_cell.edition(out_dir)
    for path in (out_dir / "book").rglob("*.ipynb"):
        notebook = strip_notebook(nbformat.read(path, as_version=4))
        setup_cell.retarget(notebook, repository, STUDENT_BRANCH)  # installs from the student branch
        _rewrite(path, nbformat.writes(notebook) + "\n")
    for path in (out_dir / "book").rglob("*.md"):
        _rewrite(path, strip_solutions(path.read_text(encoding="utf-8")))


if __name__ == "__main__":
    make_student_copy(Path(".").resolve(), Path(sys.argv[1]).resolve())
