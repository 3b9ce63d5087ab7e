"""A plain (non-editable) ``pip install`` of the repository gives a package that carries its data:
every dataset loads from a folder outside the repository, with no IMMUNOBOOK_DATA_DIR."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import ROOT
from tests.live.venvs import cached_venv, copy_sources, pip, python, temp_dir, uninstall_book_package

# The runtime dependencies (pyproject.toml), plus a setuptools that builds the wheel without
# fetching one into an isolated build environment each run.
REQUIREMENTS = ["pandas>=2.2", "plotly>=6", "ipywidgets>=8.1", "frictionless>=5.18", "numpy", "scipy",
                "setuptools>=77"]

CHECK = """
import json, pathlib, sys
import plotly.io as pio
import immunobook
from immunobook.data import data_dir
names = json.loads(sys.argv[1])
assert pio.templates.default != "immunobook", "importing immunobook changed plotly's defaults"
folder = data_dir()
assert "site-packages" in folder.parts, folder
for name in names:
    frame = immunobook.load(name)
    assert len(frame) > 0, name
print(folder)
"""


def test_plain_install_loads_every_dataset_from_any_folder():
    venv = cached_venv("plain", REQUIREMENTS)
    names = [r["name"] for r in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"]]
    with temp_dir("src") as src, temp_dir("elsewhere") as elsewhere:
        copy_sources(Path(src))
        uninstall_book_package(venv)
        try:
            pip(venv, "install", "--quiet", "--no-build-isolation", src)
            env = {k: v for k, v in os.environ.items() if k != "IMMUNOBOOK_DATA_DIR"}
            done = subprocess.run([python(venv), "-c", CHECK, json.dumps(names)], cwd=elsewhere, env=env,
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
        finally:
            uninstall_book_package(venv)
