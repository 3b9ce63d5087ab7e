"""One lock drives pip, Binder and plotly.js (``make lock``)."""

import json
import re
from importlib.metadata import version

from plotly.offline import get_plotlyjs_version

from tests.conftest import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)", re.M)


def locked(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    return {m["name"].lower().replace("_", "-"): m["version"] for m in PIN.finditer(text)}


def test_the_runtime_lock_has_the_tested_versions():
    build, runtime = locked("build.txt"), locked("runtime.txt")
    assert {"plotly", "pandas", "numpy"} <= runtime.keys()
    assert {name: v for name, v in runtime.items() if build.get(name) != v} == {}


def test_the_environment_is_the_lock():
    assert version("plotly") == locked("build.txt")["plotly"]


def test_npm_plotly_js_is_the_locked_plotlys():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    npm_lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["plotly.js"] == get_plotlyjs_version()
    assert npm_lock["packages"]["node_modules/plotly.js"]["version"] == get_plotlyjs_version()
