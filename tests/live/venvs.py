"""Fresh virtual environments for the live-target tests, cached beside pip's own cache
(``~/.cache/immunobook/venvs``, or under ``$XDG_CACHE_HOME``), so that a clean clone reuses them.

A venv is keyed on its requirement set (and the Python that made it): the first run creates it
with pip (whose download cache makes that quick), later runs and other clones reuse it. What a test installs on top
(the book's own package) is removed again by the test, so that every run installs it anew.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT

VENVS = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "immunobook" / "venvs"
READY = ".ready"


def cached_venv(name: str, requirements: list[str], files: tuple[Path, ...] = ()) -> Path:
    """A venv holding exactly ``requirements`` (pip arguments, run from the repository root), made
    once per requirement set: the arguments and the requirements (not the comments) of the
    ``files`` they name."""
    texts = [line.split("#")[0].strip() for path in files
             for line in path.read_text(encoding="utf-8").splitlines() if line.split("#")[0].strip()]
    key = hashlib.sha256("\n".join([sys.version, *sorted(requirements), *texts]).encode()).hexdigest()[:12]
    venv = VENVS / f"{name}-{key}"
    with venv_lock(venv):
        if (venv / READY).is_file():
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip(venv, "install", "--quiet", "--upgrade", "pip")
        pip(venv, "install", "--quiet", *requirements, cwd=ROOT)
        (venv / READY).write_text("\n".join(requirements) + "\n", encoding="utf-8")
    return venv


@contextmanager
def venv_lock(venv: Path):
    """Hold ``venv`` for this process: another test worker, or another clone's tests, may be
    changing it."""
    VENVS.mkdir(parents=True, exist_ok=True)
    with open(VENVS / f"{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def python(venv: Path) -> str:
    return str(venv / "bin" / "python")


def pip(venv: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([python(venv), "-m", "pip", *args], check=True, **kwargs)


def uninstall_book_package(venv: Path) -> None:
    pip(venv, "uninstall", "--quiet", "--yes", "immunobook", capture_output=True)


def clone_checkout(into: Path) -> tuple[str, str]:
    """Clone the checkout under test into ``into``, as a learner's platform clones the published
    repository; return its ``file://`` URL and the ref to install (the branch, or the commit)."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(into)], check=True)
    branch = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"],
                            check=True, capture_output=True, text=True).stdout.strip()
    if branch == "HEAD":  # a detached checkout (CI): install the commit
        branch = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"],
                                check=True, capture_output=True, text=True).stdout.strip()
    return into.as_uri(), branch


def copy_sources(into: Path) -> Path:
    """The files a source install of the package reads, from the working tree (committed or not)."""
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, into / name)
    for folder in ("src", "data"):
        shutil.copytree(ROOT / folder, into / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "_work"))
    return into


def temp_dir(prefix: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=f"immunobook-{prefix}-")
