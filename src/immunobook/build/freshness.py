"""Executed outputs always match the data and the code they were computed from.

myst-nb's execution cache (jupyter-cache) keys a notebook on its code cells alone, and Sphinx
re-reads a page only when its own file changes, so a figure could show data that has since
changed. This extension, for every notebook page:

* adds what the outputs depend on to the cache key: a digest of the data files that the notebook
  loads (``load("name")``; every data file if it loads a name that is not a literal), of
  ``datapackage.json`` and of the runtime package (:mod:`immunobook`, not its build tools), plus any
  files named in the notebook's ``immunobook.inputs`` metadata (glob patterns from the book root).
  The digest goes into the notebook's ``kernelspec`` metadata, which jupyter-cache hashes;
* tells Sphinx about the same files (``env.note_dependency``), so that a change re-reads the page.

Every edition reads its own ``data/`` folder (the kernels get ``IMMUNOBOOK_DATA_DIR``) and keeps
its own execution cache beside its sources, so one edition never reuses the other's outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from sphinx.application import Sphinx

import immunobook

RUNTIME_DIR = Path(immunobook.__file__).resolve().parent
BUILD_DIR = RUNTIME_DIR / "build"
LOAD_CALL = re.compile(r"\bload\(\s*(?P<arg>[^)]*?)\s*\)")
LITERAL = re.compile(r"""^(['"])(?P<name>[\w-]+)\1$""")
DIGEST_KEY = "immunobook_inputs"


def runtime_files() -> list[Path]:
    """The source files of the runtime package, whose code draws the figures."""
    return sorted(p for p in RUNTIME_DIR.rglob("*.py") if BUILD_DIR not in p.parents)


def data_inputs(code: str, data_dir: Path) -> list[Path]:
    """The data files that ``code`` reads through ``load(...)``, with the package descriptor."""
    calls = [match["arg"] for match in LOAD_CALL.finditer(code)]
    if not calls:
        return []
    descriptor = data_dir / "datapackage.json"
    try:
        resources = json.loads(descriptor.read_text(encoding="utf-8"))["resources"]
        paths = {r["name"]: data_dir / r["path"] for r in resources}
    except (OSError, ValueError, KeyError, TypeError):
        return sorted(data_dir.glob("*"))  # a broken descriptor: the data check reports it
    names = [LITERAL.match(arg) for arg in calls]
    if not all(names):
        return sorted([descriptor, *paths.values()])
    return sorted({descriptor, *(paths[m["name"]] for m in names if m["name"] in paths)})


def notebook_inputs(notebook: dict, book_root: Path) -> list[Path]:
    """Every file whose content the notebook's outputs depend on."""
    code = "\n".join("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                     for cell in notebook.get("cells", []) if cell.get("cell_type") == "code")
    declared = notebook.get("metadata", {}).get("immunobook", {}).get("inputs", [])
    extra = {path for pattern in declared for path in book_root.glob(pattern)}
    return sorted({*data_inputs(code, book_root / "data"), *runtime_files(), *extra})


def digest(paths: list[Path], root: Path) -> str:
    hasher = hashlib.sha256()
    for path in paths:
        name = path.relative_to(root) if root in path.parents else path.relative_to(RUNTIME_DIR.parent)
        hasher.update(f"{name.as_posix()}\0".encode())
        hasher.update(path.read_bytes() if path.is_file() else b"")
    return hasher.hexdigest()


def add_input_digest(notebook: dict, book_root: Path) -> list[Path]:
    """Key ``notebook`` on its inputs, as the build does (the tests use it to find cached outputs);
    return the inputs."""
    inputs = notebook_inputs(notebook, book_root)
    notebook.setdefault("metadata", {}).setdefault("kernelspec", {})[DIGEST_KEY] = digest(inputs, book_root)
    return inputs


def _key_outputs_on_inputs(app: Sphinx, docname: str, source: list[str]) -> None:
    if Path(app.env.doc2path(docname)).suffix != ".ipynb":
        return
    try:
        notebook = json.loads(source[0])
    except ValueError:
        return  # myst-nb reports an unreadable notebook itself
    for dependency in add_input_digest(notebook, Path(app.srcdir)):
        app.env.note_dependency(str(dependency))
    source[0] = json.dumps(notebook, ensure_ascii=False)


def _keep_editions_apart(app: Sphinx, config) -> None:
    """Resolve the execution cache against this book's own folder, and point kernels at its data."""
    cache = config.nb_execution_cache_path
    if cache and not Path(cache).is_absolute():
        config.nb_execution_cache_path = str(Path(app.srcdir) / cache)
    os.environ["IMMUNOBOOK_DATA_DIR"] = str(Path(app.srcdir) / "data")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _keep_editions_apart, priority=900)
    app.connect("source-read", _key_outputs_on_inputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
