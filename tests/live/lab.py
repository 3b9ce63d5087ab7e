"""The Binder environment (binder/requirements.txt) in a cached venv, and a JupyterLab in it."""

from __future__ import annotations

import functools
import os
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT
from tests.live.venvs import cached_venv, pip, python, venv_lock

BINDER_REQUIREMENTS = ROOT / "binder" / "requirements.txt"
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"  # what binder/requirements.txt installs


@functools.cache
def binder_venv() -> Path:
    """The Binder environment, with this checkout's package installed editable as Binder does,
    whichever clone made the cached venv."""
    venv = cached_venv("binder", ["-r", "binder/requirements.txt"], files=(BINDER_REQUIREMENTS, RUNTIME_LOCK))
    with venv_lock(venv):  # a JupyterLab of another test worker may be running from it
        where = subprocess.run([python(venv), "-c", "import immunobook; print(immunobook.__file__)"],
                               capture_output=True, text=True).stdout.strip()
        if not where.startswith(str(ROOT / "src")):
            pip(venv, "install", "--quiet", "--no-deps", "-e", str(ROOT))
    return venv


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def jupyterlab(venv: Path, root: Path, log: Path):
    """JupyterLab on 127.0.0.1 serving ``root`` (no token, no browser); yield its base URL and stop
    the server afterwards (only the process this started, and its children)."""
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / ".jupyter-config"),
           "JUPYTER_RUNTIME_DIR": str(root / ".jupyter-runtime")}
    env.pop("IMMUNOBOOK_DATA_DIR", None)
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(venv / "bin" / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
             "--allow-root",
             f"--ServerApp.root_dir={root}", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
             "jupyterlab.NeverCheckForUpdate"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start: {log.read_text(errors='replace')[-2000:]}") from None
                time.sleep(0.5)
        yield base
    finally:
        _stop(server)


def _stop(server: subprocess.Popen) -> None:
    """Stop the server this module started, and its kernels (its own process group)."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
