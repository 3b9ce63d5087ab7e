"""Draw every figure of the book as static SVG pictures at build time, with the book's own plotly.js.

The mime renderer (:mod:`immunobook.build.mime`) writes each figure's JSON and CSV, named by its
key (:func:`immunobook.build.static_figures.figure_key`), into the edition's figure cache
(``_build/figures``) and records which page shows which figure (on ``env``, parallel-safe). Once the
HTML is written, this module draws each figure that has no pictures yet in headless Chromium, as
plotly.js draws it in the page (the same ``prepare()`` of ``static/immunobook-figures.js``), in
four variants (phone and desktop widths, light and dark), and copies the pictures and CSV files of
the figures the pages use into the HTML output's ``_figures/``. A figure is drawn once, and again
only when what it shows changes.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from immunobook.build.constants import BUNDLE_FILE, FIGURES_DIR
from immunobook.build.static_figures import FIGURES_JS, RENDER_DIGEST, VARIANTS, image_sizes

ENV_KEY = "immunobook_figures"
logger = logging.getLogger(__name__)

SHARED_CACHE_VARIABLE = "IMMUNOBOOK_FIGURE_CACHE"
DRAW = """async ([payload, options]) => {
  const figure = window.immunobookPrepare(payload, options);
  const url = await Plotly.toImage(figure, {format: "svg", width: options.width, height: options.height});
  return url;
}"""


def cache_dir(outdir: str | Path) -> Path:
    """The figure cache, kept between builds: the folder that ``$IMMUNOBOOK_FIGURE_CACHE`` names
    (the Makefile points both editions at the teacher's, since a figure's key covers everything
    its pictures are drawn from), else beside the edition's HTML output."""
    shared = os.environ.get(SHARED_CACHE_VARIABLE)
    return Path(shared) if shared else Path(outdir).parent / "figures"


def record(env, key: str) -> None:
    """Note that the page being read shows the figure ``key``."""
    pages = env.__dict__.setdefault(ENV_KEY, {})
    pages.setdefault(env.docname, set()).add(key)


def _purge(app: Sphinx, env, docname: str) -> None:
    env.__dict__.get(ENV_KEY, {}).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    pages = env.__dict__.setdefault(ENV_KEY, {})
    for docname in docnames:
        if docname in other.__dict__.get(ENV_KEY, {}):
            pages[docname] = other.__dict__[ENV_KEY][docname]


def picture_path(cache: Path, key: str, variant: str) -> Path:
    return cache / f"{key}-{variant}.svg"


def draw_missing(cache: Path, keys: set[str], bundle: Path) -> list[str]:
    """Draw the pictures that the cache lacks; return the keys drawn."""
    todo = sorted(k for k in keys if not all(picture_path(cache, k, v).is_file() for v in VARIANTS))
    if not todo:
        return []
    lost = [k for k in todo if not (cache / f"{k}.json").is_file()]
    if lost:
        raise ExtensionError(f"figure cache {cache} lacks {len(lost)} figure(s): delete _build and rebuild")
    with open(cache / ".drawing.lock", "w") as lock:  # the other edition's build may be drawing them
        fcntl.flock(lock, fcntl.LOCK_EX)
        todo = [k for k in todo if not all(picture_path(cache, k, v).is_file() for v in VARIANTS)]
        if todo:
            _draw(cache, todo, bundle)
    return todo


def _draw(cache: Path, todo: list[str], bundle: Path) -> None:
    from immunobook.build.browser import chromium  # Playwright: only when there is something to draw

    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
        page.add_script_tag(path=str(bundle))
        page.add_script_tag(content=FIGURES_JS.read_text(encoding="utf-8"))
        for key in todo:
            payload = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
            sizes = image_sizes(payload["figure"]["layout"])
            for variant in VARIANTS:
                size, mode = variant.split("-")
                width, height = sizes[size]
                options = {"width": width, "height": height, "phone": size == "phone", "dark": mode == "dark",
                           "htmlLegend": bool(payload.get("htmlLegend")), "static": True}
                url = page.evaluate(DRAW, [payload["figure"], options])
                write_atomically(picture_path(cache, key, variant), unquote(url.split(",", 1)[1]))


def write_atomically(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all: the other edition's build may read it meanwhile."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def publish(app: Sphinx, exception: Exception | None) -> None:
    """Draw missing pictures and copy every figure's pictures and CSV into the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    keys = set().union(*app.env.__dict__.get(ENV_KEY, {}).values())
    cache = cache_dir(app.outdir)
    bundle = Path(app.outdir) / "_static" / BUNDLE_FILE
    drawn = draw_missing(cache, keys, bundle)
    if drawn:
        logger.info(f"immunobook: drew {len(drawn)} figure(s) as SVG pictures")
    target = Path(app.outdir) / FIGURES_DIR
    target.mkdir(exist_ok=True)
    wanted = {f"{k}-{v}.svg" for k in keys for v in VARIANTS} | {f"{k}.csv" for k in keys}
    for stale in target.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    for name in wanted:
        if not (target / name).is_file():  # a key names its content: an existing copy is current
            shutil.copyfile(cache / name, target / name)


def setup(app: Sphinx) -> dict:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", publish, priority=950)  # after the plotly.js bundle is built
    # Pages hold their figures' keys: when the way figures are drawn changes, every page is re-read.
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": int(RENDER_DIGEST[:8], 16)}
