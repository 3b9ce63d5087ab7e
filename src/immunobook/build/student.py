"""Make the student edition: a copy of the book's sources with every exercise solution removed.

``python -m immunobook.build.student OUT_DIR`` copies ``_config.yml``, ``_toc.yml``, ``book/`` and
``data/`` into ``OUT_DIR`` and removes every solution from the notebooks and pages, so that neither
the HTML nor the downloadable notebooks contain one:

* every solution sits in a markdown cell of its own tagged ``solution`` (a gated
  ``solution-start`` / ``solution-end`` block: every cell of it), and nbconvert's
  ``TagRemovePreprocessor`` drops those cells. A solution directive in an untagged cell, or in a
  Markdown page, stops the copy with an error (the chapter must be split, not the text cut);
* the copy's ``_config.yml`` (edited as YAML) sets sphinx-exercise's ``hide_solutions``, so a
  solution that slipped through is still not rendered; it also renames the book and points the
  launch buttons (Binder, Colab) at the repository's ``student`` branch, which the publish
  workflow fills with these notebooks.

Build ``OUT_DIR`` as a book of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import yaml
from nbconvert.preprocessors import TagRemovePreprocessor

from immunobook.build import setup_cell
from immunobook.build.constants import STUDENT_BRANCH

SOLUTION_TAG = "solution"
# The opening line of a {solution}, {solution-start} or {solution-end} directive (any fence).
SOLUTION_DIRECTIVE = re.compile(r"^(`{3,}|:{3,})\{solution(?P<gate>-start|-end)?\}", re.M)


def untagged_solutions(notebook: nbformat.NotebookNode) -> list[str]:
    """The ids of the cells that hold a solution directive, or lie inside a gated solution block,
    without the ``solution`` tag."""
    untagged, inside_gate = [], False
    for number, cell in enumerate(notebook.cells):
        directives = SOLUTION_DIRECTIVE.finditer(cell.source) if cell.cell_type == "markdown" else ()
        gates = [match["gate"] for match in directives]
        if "-start" in gates:
            inside_gate = True
        if (gates or inside_gate) and SOLUTION_TAG not in cell.get("metadata", {}).get("tags", []):
            untagged.append(cell.get("id", f"cell {number}"))
        if "-end" in gates:
            inside_gate = False
    return untagged


def strip_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove the cells tagged ``solution``; refuse a notebook with a solution in any other cell."""
    untagged = untagged_solutions(notebook)
    if untagged:
        raise ValueError(f"solution outside a cell tagged {SOLUTION_TAG!r} (cells {', '.join(untagged)}): "
                         "give each {solution} a markdown cell of its own with that tag")
    remover = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)
    notebook, _ = remover.preprocess(notebook, {})
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
        # requirements.txt installs the lock in requirements/ (the Makefile's $(INSTALLED) rule)
        shutil.copytree(book_root / "requirements", out_dir / "requirements", dirs_exist_ok=True)
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


def student_config(config: dict) -> dict:
    """The book's configuration for the student edition."""
    config["title"] = f"{config['title']} (student edition)"
    # launch buttons open the notebooks of the student branch, which the publish workflow keeps
    config.setdefault("repository", {})["branch"] = STUDENT_BRANCH
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["hide_solutions"] = True  # sphinx-exercise: render no {solution}
    return config


def make_student_copy(book_root: Path, out_dir: Path) -> None:
    """Copy the book sources into ``out_dir`` without solutions."""
    copy_sources(book_root, out_dir)
    config_file = out_dir / "_config.yml"
    config = student_config(yaml.safe_load(config_file.read_text(encoding="utf-8")))
    _rewrite(config_file, yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100))
    repository, _ = setup_cell.edition(out_dir)
    for path in (out_dir / "book").rglob("*.ipynb"):
        notebook = strip_notebook(nbformat.read(path, as_version=4))
        setup_cell.retarget(notebook, repository, STUDENT_BRANCH)  # installs from the student branch
        _rewrite(path, nbformat.writes(notebook) + "\n")
    for path in (out_dir / "book").rglob("*.md"):
        if SOLUTION_DIRECTIVE.search(path.read_text(encoding="utf-8")):
            raise ValueError(f"{path.relative_to(out_dir)}: a Markdown page cannot hide a solution; "
                             "put exercises with solutions in a notebook")


if __name__ == "__main__":
    make_student_copy(Path(".").resolve(), Path(sys.argv[1]).resolve())
