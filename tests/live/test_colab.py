"""Colab, simulated: a chapter copied alone into an empty folder runs top to bottom with nbclient
in a fresh venv that holds only Colab's preinstalled versions (tests/live/colab.py). Its setup
cell installs the book's package from a clone of this checkout (IMMUNOBOOK_REPO, IMMUNOBOOK_REF),
in the running kernel, keeps Colab's versions, and turns on Colab's custom widget manager
(a stand-in ``google.colab`` module records the call)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT
from tests.live.colab import COLAB_REQUIREMENTS
from tests.live.venvs import cached_venv, clone_checkout, python, uninstall_book_package

# A chapter that loads data and shows a widget, then a simulation with slider frames and widgets.
CHAPTERS = ["book/what-is-immunotherapy.ipynb", "book/car-t-kinetics.ipynb"]

RUN = """
import json, sys
import nbformat
from nbclient import NotebookClient
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=90, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
printed = [o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
import ipywidgets, numpy, pandas, plotly
print(json.dumps({"printed": "".join(printed), "versions": [pandas.__version__, numpy.__version__,
                  plotly.__version__, ipywidgets.__version__]}))
"""

COLAB_STUB = '''
import os
def enable_custom_widget_manager():
    open(os.environ["COLAB_STUB_LOG"], "a").write("enabled\\n")
'''


def test_a_chapter_opened_alone_runs_top_to_bottom_on_colab(tmp_path):
    venv = cached_venv("colab", COLAB_REQUIREMENTS)
    uninstall_book_package(venv)
    url, ref = clone_checkout(tmp_path / "published")
    stub = tmp_path / "stub" / "google" / "colab"
    stub.mkdir(parents=True)
    (stub.parent / "__init__.py").write_text("")
    (stub / "__init__.py").write_text("")
    (stub / "output.py").write_text(COLAB_STUB)
    isolated = tmp_path / "jupyter"
    env = {key: value for key, value in os.environ.items()
           if key not in {"IMMUNOBOOK_DATA_DIR", "PYTHONPATH", "VIRTUAL_ENV"} and not key.startswith("JUPYTER")}
    env |= {"IMMUNOBOOK_REPO": url, "IMMUNOBOOK_REF": ref,
            "PYTHONPATH": str(tmp_path / "stub"), "COLAB_RELEASE_TAG": "simulated",
            "COLAB_STUB_LOG": str(tmp_path / "colab.log"),
            "JUPYTER_DATA_DIR": str(isolated), "JUPYTER_CONFIG_DIR": str(isolated),
            "JUPYTER_RUNTIME_DIR": str(isolated / "runtime")}
    try:
        for number, chapter in enumerate(CHAPTERS):
            folder = tmp_path / f"colab-{number}"
            folder.mkdir()
            shutil.copy2(ROOT / chapter, folder)
            done = subprocess.run([python(venv), "-c", RUN, str(folder / Path(chapter).name), str(folder)],
                                  cwd=folder, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{chapter}: {done.stderr[-4000:]}"
            result = json.loads(done.stdout.strip().splitlines()[-1])
            # the first chapter installs the package; the second finds it installed
            assert ("Installing the book's helper package" in result["printed"]) == (number == 0), result
            assert result["versions"] == ["2.2.2", "2.0.2", "5.24.1", "7.7.1"], "Colab's versions changed"
        assert (tmp_path / "colab.log").read_text().count("enabled") == len(CHAPTERS)
    finally:
        uninstall_book_package(venv)
