"""Validate the data package before anything is built, whatever the execution cache holds: bad data
fails the build with one line per problem (:mod:`immunobook.data`)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from immunobook.data import validate


def check_data(app: Sphinx) -> None:
    problems = validate(Path(app.srcdir) / "data")
    if problems:
        lines = "\n".join(map(str, problems))
        raise ExtensionError(f"the data package has {len(problems)} problem(s):\n{lines}")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", check_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
