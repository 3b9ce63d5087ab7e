"""The book's own plotly.js: only the trace types the book draws, built with esbuild from the npm
``plotly.js`` package of the same version as the installed plotly for Python.

A page with a figure loads 1.3 MB of JavaScript instead of the 4.8 MB full bundle. A figure that
uses a trace type outside :data:`BOOK_TRACES` fails the build (see :mod:`immunobook.build.mime`); add the
type here to make it available.

``python -m immunobook.build.plotly_bundle pin [BOOK_ROOT]`` (``make plotly-js-pin``, run by
``make lock``) sets ``package.json``'s ``plotly.js`` to the version the installed (locked) plotly for
Python writes figures for, and updates ``package-lock.json`` to match.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
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


def pin_npm_plotly_js(book_root: Path) -> str:
    """Pin ``plotly.js`` in ``book_root/package.json`` to the installed plotly's, then refresh
    ``package-lock.json`` (``npm install --package-lock-only``); return the version."""
    version = get_plotlyjs_version()
    package = book_root / "package.json"
    text = package.read_text(encoding="utf-8")
    # one line changes, so the file keeps its layout (json.dump would rewrite all of it)
    pinned, count = re.subn(r'("plotly\.js":\s*")[^"]*(")', rf"\g<1>{version}\g<2>", text, count=1)
    if count != 1:
        raise BundleError(f"no plotly.js dependency in {package}")
    if pinned != text:
        package.write_text(pinned, encoding="utf-8")
    subprocess.run(["npm", "install", "--package-lock-only", "--no-audit", "--no-fund"], check=True, cwd=book_root)
    return version


if __name__ == "__main__":
    if sys.argv[1:2] != ["pin"]:
        sys.exit("usage: python -m immunobook.build.plotly_bundle pin [BOOK_ROOT]")
    print(f"package.json: plotly.js {pin_npm_plotly_js(Path(sys.argv[2] if len(sys.argv) > 2 else '.').resolve())}")
