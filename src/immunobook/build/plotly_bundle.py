"""The book's own plotly.js: only the trace types the book draws, built with esbuild from the npm
``plotly.js`` package of the same version as the installed plotly for Python.

A page with a figure loads 1.3 MB of JavaScript instead of the 4.8 MB full bundle. A figure that
uses a trace type outside :data:`BOOK_TRACES` fails the build (see :mod:`immunobook.build.mime`); add the
type here to make it available.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from plotly.offline import get_plotlyjs_version

# Trace types beyond "scatter", which plotly.js core always contains.
BOOK_TRACES = ("bar", "heatmap", "sunburst")
AVAILABLE_TRACES = frozenset(("scatter",) + BOOK_TRACES)


def bundle_id() -> str:
    """Names what the bundle holds (plotly.js version and trace types): the loader asks for
    ``plotly.min.js?v=<id>``, so browsers cache it across pages and refetch it when it changes."""
    return "-".join((get_plotlyjs_version(), *BOOK_TRACES))


class BundleError(RuntimeError):
    """The plotly.js bundle cannot be built (missing npm packages or mismatched versions)."""


def entry_source() -> str:
    """The esbuild entry point: plotly.js core plus the book's trace types."""
    modules = ", ".join(f"require('plotly.js/lib/{trace}')" for trace in BOOK_TRACES)
    return f"var Plotly = require('plotly.js/lib/core');\nPlotly.register([{modules}]);\nmodule.exports = Plotly;\n"


def build(node_modules: Path, target: Path) -> None:
    """Write the minified bundle, defining the global ``Plotly``, to ``target``."""
    package = node_modules / "plotly.js" / "package.json"
    esbuild = node_modules / ".bin" / "esbuild"
    if not (package.is_file() and esbuild.is_file()):
        raise BundleError(f"plotly.js or esbuild missing in {node_modules}: run `npm ci` (make book does)")
    npm_version = json.loads(package.read_text(encoding="utf-8"))["version"]
    if npm_version != get_plotlyjs_version():
        raise BundleError(
            f"npm plotly.js {npm_version} differs from the plotly.js {get_plotlyjs_version()} that "
            "plotly for Python writes figures for: pin the same version in package.json"
        )
    with tempfile.TemporaryDirectory(dir=node_modules.parent) as scratch:
        entry = Path(scratch) / "plotly-book.js"
        entry.write_text(entry_source(), encoding="utf-8")
        subprocess.run(
            [str(esbuild), str(entry), "--bundle", "--minify", "--format=iife", "--global-name=Plotly",
             "--define:global=window", f"--outfile={target}", "--log-level=warning"],
            check=True, cwd=node_modules.parent,
        )
