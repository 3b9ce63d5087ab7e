"""Load the book's datasets from the Frictionless data package in ``data/``.

Every table is validated against its schema (and the package's foreign keys) before it is read;
bad data raises :class:`DataValidationError` naming file, row, column and reason.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd
from frictionless import Package, Resource

MAX_REPORTED_ERRORS = 20
EARLIEST_DATE = dt.date(1850, 1, 1)


class DataValidationError(ValueError):
    """A dataset does not match its schema; the message lists every problem found."""


def data_dir() -> Path:
    """The folder holding ``datapackage.json``: ``$IMMUNOBOOK_DATA_DIR`` or the repository's ``data/``."""
    configured = os.environ.get("IMMUNOBOOK_DATA_DIR")
    folder = Path(configured) if configured else Path(__file__).resolve().parents[2] / "data"
    if not (folder / "datapackage.json").is_file():
        raise FileNotFoundError(
            f"no datapackage.json in {folder}; install the book with `pip install -e .` from a "
            "clone of the repository, or set IMMUNOBOOK_DATA_DIR"
        )
    return folder


def _describe_error(path: str, error) -> str:
    where = [path]
    row = getattr(error, "row_number", None)
    if row is not None:
        where.append(f"row {row}")
    field = getattr(error, "field_name", None)
    if field:
        where.append(f"column '{field}'")
    return f"{', '.join(where)}: {error.type}: {error.note or error.message}"


def _validation_problems(resource: Resource, label: str) -> list[str]:
    report = resource.validate(limit_errors=MAX_REPORTED_ERRORS)
    problems = [_describe_error(label, error) for task in report.tasks for error in task.errors]
    problems += [_describe_error(label, error) for error in report.errors]
    return problems


def _check_dates(frame: pd.DataFrame, label: str, date_fields: list[str]) -> list[str]:
    today = pd.Timestamp(dt.date.today())
    earliest = pd.Timestamp(EARLIEST_DATE)
    problems = []
    for field in date_fields:
        for index, value in frame[field].items():
            if pd.notna(value) and not earliest <= value <= today:
                # +2: one for the header line, one because rows count from 1
                problems.append(
                    f"{label}, row {index + 2}, column '{field}': date {value.date()} is "
                    f"{'in the future' if value > today else 'before 1850'}"
                )
    return problems


def _typed_frame(resource: Resource, csv_path: Path) -> tuple[pd.DataFrame, list[str]]:
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8")
    date_fields = []
    for field in resource.schema.fields:
        column = frame[field.name].replace("", None)
        if field.type == "date":
            frame[field.name] = pd.to_datetime(column, format="%Y-%m-%d")
            date_fields.append(field.name)
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
    return frame, date_fields


@lru_cache(maxsize=None)
def _load_validated(folder: Path, name: str) -> pd.DataFrame:
    package = Package(str(folder / "datapackage.json"), basepath=str(folder))
    if name not in package.resource_names:
        raise KeyError(f"no dataset '{name}'; the data package has {sorted(package.resource_names)}")
    resource = package.get_resource(name)
    label = f"data/{resource.path}"
    problems = _validation_problems(resource, label)
    if not problems:
        frame, date_fields = _typed_frame(resource, folder / resource.path)
        problems = _check_dates(frame, label, date_fields)
    if problems:
        raise DataValidationError(
            f"{label} failed validation ({len(problems)} problem(s)):\n  " + "\n  ".join(problems)
        )
    return frame


def load(name: str) -> pd.DataFrame:
    """Return the dataset ``name`` (e.g. ``"approvals"``) as a typed, validated DataFrame.

    Dates are parsed, enumerated columns are categoricals; each call returns a fresh copy.
    """
    return _load_validated(data_dir(), name).copy()


def validate_package(folder: Path | None = None) -> list[str]:
    """Validate the whole package, foreign keys included; return the problems found (empty if none)."""
    folder = folder or data_dir()
    package = Package(str(folder / "datapackage.json"), basepath=str(folder))
    report = package.validate()
    problems = []
    for task in report.tasks:
        label = f"data/{Path(task.place).name}" if task.place else f"data/{task.name}"
        problems += [_describe_error(label, error) for error in task.errors]
    problems += [_describe_error("data/datapackage.json", error) for error in report.errors]
    return problems
