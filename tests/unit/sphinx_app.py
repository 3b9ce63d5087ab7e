"""Build a tiny Sphinx project in a temporary folder with one of the book's extensions."""

from __future__ import annotations

from pathlib import Path

from sphinx.testing.util import SphinxTestApp


def build(tmp_path: Path, extension: str, pages: dict[str, str], buildername: str = "html", **conf) -> SphinxTestApp:
    """Write ``pages`` (name -> reStructuredText) and a conf.py loading ``extension``, build them,
    and return the finished app (its output in ``app.outdir``)."""
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(f"extensions = [{extension!r}]\n", encoding="utf-8")
    for name, text in pages.items():
        (src / f"{name}.rst").write_text(text, encoding="utf-8")
    app = SphinxTestApp(buildername, srcdir=src, builddir=tmp_path / "build", confoverrides=conf)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def page(app: SphinxTestApp, name: str = "index") -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
