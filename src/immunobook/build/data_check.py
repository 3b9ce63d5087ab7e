"""Validate the data package before anything is built, whatever the execution cache holds: bad data
fails the build with one line per problem (:mod:`immunobook.data`). Pages written in Markdown can
say how current the data is with the substitution ``{{ data_current_to }}``."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from immunobook.data import DataValidationError, current_to, validate


def check_data(app: Sphinx) -> None:
    problems = validate(Path(app.srcdir) / "data")
    if problems:
        lines = "\n".join(map(str, problems))
        raise ExtensionError(f"the data package has {len(problems)} problem(s):\n{lines}")


def substitute_data_date(app: Sphinx, config) -> None:
    """``{{ data_current_to }}``: the day the edition's data is current to (a new date is a changed
    configuration, so Sphinx reads every page again)."""
    if "myst_substitutions" not in config:  # no MyST in this project: nothing to substitute
        return
    try:
        day = current_to().isoformat()
    except (DataValidationError, FileNotFoundError):
        day = "(the data is invalid: see the data check)"  # check_data stops the build with the reasons
    config.myst_substitutions = {**config.myst_substitutions, "data_current_to": day}


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", substitute_data_date, priority=950)  # after freshness points at this edition's data
    app.connect("builder-inited", check_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
