"""Load and validate the book's datasets: the Frictionless data package in ``data/``.

One validator holds every rule. Frictionless checks each file against its schema in
``datapackage.json`` (types, required values, enums, patterns, ranges, unique and foreign keys);
:mod:`immunobook.data.rules` adds what a schema cannot say (across rows and files, the exact text
of numbers and dates). Every fault is one line: ``data/<file>, row <n>, column '<col>': <reason>
(value '<value>')``, where row 1 is the header.

The same validator runs first in every book build (:mod:`immunobook.build.sphinx_ext`), as a
command (``python -m immunobook.data validate [FOLDER]``, ``make data-check``), and inside
:func:`load`, which types a frame only once its data is valid.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
from frictionless import FrictionlessException, Package

from immunobook.data.rules import Problem, check, read_table

# Errors after which a file's rows cannot be read reliably, so the cross-row rules skip the file.
UNREADABLE = {
    "encoding-error", "scheme-error", "format-error", "source-error", "resource-error",
    "incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label",
    "header-error", "label-error", "extra-cell", "missing-cell",
}
# A field that sets this to true may not lie after the day of the build (dates, years).
NOT_AFTER_BUILD_DATE = "notAfterBuildDate"


class DataValidationError(ValueError):
    """The data package is invalid; the message has one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"the data package has {len(problems)} problem(s):\n" + "\n".join(map(str, problems)))


def data_dir() -> Path:
    """The folder holding ``datapackage.json``.

    In order: ``$IMMUNOBOOK_DATA_DIR`` (the book build points it at each edition's ``data/``); the
    copy that an installed package carries (``immunobook/_data``, mapped from the repository's
    ``data/`` when the wheel is built, see ``pyproject.toml``); the repository's ``data/`` beside
    ``src/`` (an editable install or a checkout on ``sys.path``).
    """
    configured = os.environ.get("IMMUNOBOOK_DATA_DIR")
    if configured:
        candidates = [Path(configured)]
    else:
        package_root = resources.files("immunobook")
        candidates = [Path(str(package_root.joinpath("_data"))), Path(__file__).resolve().parents[3] / "data"]
    for folder in candidates:
        if (folder / "datapackage.json").is_file():
            return folder
    raise FileNotFoundError(
        f"no datapackage.json in {' or '.join(map(str, candidates))}; install the book's package "
        "(`pip install git+<repository URL>` or `pip install .` from a clone), or set IMMUNOBOOK_DATA_DIR"
    )


def _read_package(folder: Path, today: dt.date) -> tuple[Package | None, list[Problem]]:
    descriptor_path = folder / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        package = Package(descriptor, basepath=str(folder))
    except OSError as error:
        return None, [Problem("datapackage.json", reason=f"cannot be read: {error.strerror or error}")]
    except (ValueError, UnicodeDecodeError) as error:
        return None, [Problem("datapackage.json", reason=f"is not valid JSON: {error}")]
    except FrictionlessException as error:
        return None, [Problem("datapackage.json", reason=error.error.note or error.error.message)]
    for resource in package.resources:
        for field in resource.schema.fields:
            if field.custom.get(NOT_AFTER_BUILD_DATE):
                # the latest allowed value is the day of the build, never a constant
                field.constraints["maximum"] = today.isoformat() if field.type == "date" else today.year
    return package, []


def _problem(file: str, error) -> Problem:
    """A Frictionless error as a :class:`Problem` (header errors are on row 1)."""
    label = getattr(error, "label", None)
    row = getattr(error, "row_number", None) or (1 if label is not None else None)
    column = getattr(error, "field_name", None) or ", ".join(getattr(error, "field_names", None) or [])
    if label is not None and not column:
        column = label
    value = getattr(error, "cell", None)
    if value is None and getattr(error, "field_cells", None):
        value = ", ".join(map(str, error.field_cells))
    elif value is None and label is not None and label != column:
        value = label
    reason = error.type.replace("-", " ")
    return Problem(file, (row,) if row else (), column, f"{reason}: {error.note}" if error.note else reason, value)


def validate(folder: Path | None = None, today: dt.date | None = None) -> list[Problem]:
    """Every problem of the data package in ``folder`` (default: :func:`data_dir`), in file order."""
    return _validated(Path(folder) if folder else data_dir(), today or dt.date.today())[1]


def _validated(folder: Path, today: dt.date) -> tuple[Package | None, list[Problem]]:
    """The package read from ``folder`` and every problem found in it."""
    package, problems = _read_package(folder, today)
    if package is None:
        return None, problems
    try:
        report = package.validate()
    except FrictionlessException as error:
        return package, [Problem("datapackage.json", reason=error.error.note or error.error.message)]
    problems += [_problem("datapackage.json", error) for error in report.errors]
    tables = {}
    for task in report.tasks:
        resource = package.get_resource(task.name)
        problems += [_problem(resource.path, error) for error in task.errors]
        if not {error.type for error in task.errors} & UNREADABLE and (folder / resource.path).is_file():
            rejected = {(error.row_number, error.field_name) for error in task.errors
                        if getattr(error, "row_number", None) and getattr(error, "field_name", None)}
            fields = {field.name: field for field in resource.schema.fields}
            tables[task.name] = read_table(task.name, folder / resource.path, fields, rejected)
    problems += check(tables)
    return package, sorted(set(problems), key=lambda p: (p.file, p.rows, p.column, p.reason))


def _stamp(folder: Path) -> tuple:
    """What a cached validation depends on: every file's name, size and modification time."""
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file())


@lru_cache(maxsize=8)
def _valid_package(folder: Path, stamp: tuple, today: dt.date) -> Package:
    package, problems = _validated(folder, today)
    if problems:
        raise DataValidationError(problems)
    return package


def _typed_frame(resource, csv_path: Path) -> pd.DataFrame:
    """A valid file as a frame: dates parsed, numbers typed, enumerations as categoricals."""
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8")
    for field in resource.schema.fields:
        column = frame[field.name].replace("", None)
        if field.type == "date":
            frame[field.name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif field.type == "integer":
            frame[field.name] = pd.to_numeric(column).astype("Int64")
        elif field.type == "number":
            frame[field.name] = pd.to_numeric(column).astype("float64")
        elif field.type == "boolean":
            frame[field.name] = column.map({"true": True, "false": False}).astype("boolean")
        elif field.constraints.get("enum"):
            frame[field.name] = pd.Categorical(column, categories=field.constraints["enum"])
        else:
            frame[field.name] = column.astype("string")
    return frame


@lru_cache(maxsize=32)
def _load(folder: Path, stamp: tuple, today: dt.date, name: str) -> pd.DataFrame:
    package = _valid_package(folder, stamp, today)
    if name not in package.resource_names:
        raise KeyError(f"no dataset '{name}'; the data package has {sorted(package.resource_names)}")
    resource = package.get_resource(name)
    return _typed_frame(resource, folder / resource.path)


def load(name: str) -> pd.DataFrame:
    """Return the dataset ``name`` (e.g. ``"approvals"``) as a typed DataFrame.

    The whole package is validated first (:class:`DataValidationError` lists every problem).
    Dates are parsed, enumerated columns are categoricals; each call returns a fresh copy.
    """
    folder = data_dir().resolve()
    return _load(folder, _stamp(folder), dt.date.today(), name).copy()


def current_to() -> dt.date:
    """The day the data is current to: its latest recorded FDA action (a first approval, a
    reapproval, a withdrawal or a new indication)."""
    approvals, indications = load("approvals"), load("indications")
    latest = [approvals[column].max() for column in ("first_approval_date", "reapproval_date", "withdrawn_date")]
    return max(day for day in [*latest, indications["approval_date"].max()] if pd.notna(day)).date()
