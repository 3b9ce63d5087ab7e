"""The setup cell: the first code cell of every chapter, the same in all of them.

It makes a notebook work on its own wherever it is opened (Colab, a school JupyterHub, any Jupyter
with the book's requirements or without): where :mod:`immunobook` is importable (Binder, the book
build, a prepared hub) it only applies the book's figure style; elsewhere it first installs the
package, with its data, from this edition's repository and branch (``$IMMUNOBOOK_REPO`` and
``$IMMUNOBOOK_REF`` override both), in the running kernel, with no restart. On Colab it also turns
on Colab's custom widget manager, which ipywidgets needs there. The cell is tagged
``remove-cell`` (readers of the HTML book never see it) and ``immunobook-setup`` (how this module
finds it again).

``python -m immunobook.build.setup_cell [BOOK_ROOT]`` writes the cell into every chapter of the
table of contents: it replaces the tagged cell (keeping its id) or inserts it before the first code
cell, and moves it there if other cells came first. Running it again changes nothing.
``--check`` only reports the chapters whose cell differs (exit status 1). The repository comes
from ``repository.url`` in ``_config.yml``, the branch from ``repository.branch`` (the student
edition, :mod:`immunobook.build.student`, writes ``student``).
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import nbformat
import yaml

from immunobook.build.toc import chapter_names

TAG = "immunobook-setup"
TAGS = ["remove-cell", TAG]

TEMPLATE = '''\
# Setup: makes this notebook work wherever it runs (Colab, a JupyterHub, your own Jupyter).
# It installs the book's helper package only if it is missing. Run it first.
import importlib
import os
import site
import subprocess
import sys

try:
    import immunobook
except ModuleNotFoundError:
    _repo = os.environ.get("IMMUNOBOOK_REPO", "{repository}")
    _ref = os.environ.get("IMMUNOBOOK_REF", "{branch}")
    _source = f"immunobook @ git+{{_repo}}@{{_ref}}"
    print("Installing the book's helper package (about a minute)...")
    _pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", _source],
                          capture_output=True, text=True)
    if _pip.returncode:
        raise RuntimeError("could not install " + _source + ":\\n" + _pip.stderr[-3000:]) from None
    importlib.invalidate_caches()
    if os.path.isdir(site.getusersitepackages()):  # pip's choice when site-packages is read-only
        site.addsitedir(site.getusersitepackages())
    import immunobook
    print("Done.")

try:  # Colab shows ipywidgets only through its custom widget manager
    from google.colab import output
    output.enable_custom_widget_manager()
except ImportError:
    pass

immunobook.use_book_style()'''


def edition(book_root: Path) -> tuple[str, str]:
    """The repository URL and branch of the edition in ``book_root`` (its ``_config.yml``)."""
    config = yaml.safe_load((book_root / "_config.yml").read_text(encoding="utf-8"))
    repository = config["repository"]
    return repository["url"], repository.get("branch", "main")


def source(repository: str, branch: str) -> str:
    return TEMPLATE.format(repository=repository, branch=branch)


def is_setup_cell(cell) -> bool:
    return cell.cell_type == "code" and TAG in cell.get("metadata", {}).get("tags", [])


def apply(notebook: nbformat.NotebookNode, repository: str, branch: str) -> bool:
    """Make the notebook's first code cell the setup cell; return whether anything changed."""
    before = nbformat.writes(notebook)
    found = [cell for cell in notebook.cells if is_setup_cell(cell)]
    cell = found[0] if found else nbformat.v4.new_code_cell(id=uuid.uuid4().hex[:8])
    notebook.cells = [c for c in notebook.cells if not is_setup_cell(c)]
    cell.source = source(repository, branch)
    cell.outputs, cell.execution_count = [], None
    cell.metadata = {**{k: v for k, v in cell.metadata.items() if k != "tags"}, "tags": list(TAGS)}
    first_code = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "code"), len(notebook.cells))
    notebook.cells.insert(first_code, cell)
    return nbformat.writes(notebook) != before


def retarget(notebook: nbformat.NotebookNode, repository: str, branch: str) -> None:
    """Point the notebook's setup cell, if it has one, at ``branch`` (the student edition)."""
    if any(is_setup_cell(cell) for cell in notebook.cells):
        apply(notebook, repository, branch)


def chapters(book_root: Path) -> list[Path]:
    return [book_root / f"{name}.ipynb" for name in chapter_names(book_root)]


def write_all(book_root: Path, check: bool = False, branch: str | None = None) -> list[Path]:
    """Write (or, with ``check``, only compare) every chapter's setup cell; return the chapters
    that changed (or would change)."""
    repository, configured_branch = edition(book_root)
    changed = []
    for path in chapters(book_root):
        notebook = nbformat.read(path, as_version=4)
        if apply(notebook, repository, branch or configured_branch):
            changed.append(path)
            if not check:
                nbformat.write(notebook, path)
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    roots = [a for a in argv if not a.startswith("--")]
    book_root = Path(roots[0] if roots else ".").resolve()
    changed = write_all(book_root, check=check)
    for path in changed:
        print(f"{path.relative_to(book_root)}: setup cell {'differs from the template' if check else 'written'}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
