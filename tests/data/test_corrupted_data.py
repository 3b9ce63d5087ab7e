"""Bad data fails loudly, naming file, row, column and reason. Each case corrupts a copy of the
real package in a temporary folder."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from immunobook.data import DataValidationError, data_dir, load, validate_package


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _replace_in_row(column: str, value: str, row: int = 2):
    """Return a corruption that sets ``column`` of data row ``row`` (header = row 1) to ``value``."""

    def corrupt(path: Path) -> None:
        lines = _lines(path)
        header = next(csv.reader([lines[0]]))
        fields = next(csv.reader([lines[row - 1]]))
        fields[header.index(column)] = value
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(fields)
        lines[row - 1] = buffer.getvalue()
        path.write_text("".join(lines), encoding="utf-8")

    return corrupt


def _drop_column(column: str):
    def corrupt(path: Path) -> None:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        index = rows[0].index(column)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([r[:index] + r[index + 1:] for r in rows])
        path.write_text(buffer.getvalue(), encoding="utf-8")

    return corrupt


def _add_column(path: Path) -> None:
    lines = _lines(path)
    path.write_text("".join(line.rstrip("\n") + ",extra\n" for line in lines), encoding="utf-8")


def _duplicate_first_row(path: Path) -> None:
    lines = _lines(path)
    path.write_text("".join(lines[:2] + lines[1:]), encoding="utf-8")


def _blank_line(path: Path) -> None:
    lines = _lines(path)
    path.write_text("".join(lines[:3] + ["\n"] + lines[3:]), encoding="utf-8")


def _latin1_bytes(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"Herceptin", b"Hercept\xefn", 1))


def _empty(path: Path) -> None:
    path.write_text("", encoding="utf-8")


# (case, table, corruption, fragments the error message must contain)
CASES = [
    ("bad date", "approvals", _replace_in_row("first_approval_date", "2011-13-45"),
     ["data/approvals.csv", "row 2", "'first_approval_date'", "type-error"]),
    ("unknown class", "approvals", _replace_in_row("class", "Magic bullet"),
     ["data/approvals.csv", "row 2", "'class'", "constraint-error"]),
    ("missing source", "approvals", _replace_in_row("source", ""),
     ["data/approvals.csv", "row 2", "'source'", "constraint-error"]),
    ("malformed source URL", "timeline", _replace_in_row("source", "see the paper"),
     ["data/timeline.csv", "row 2", "'source'", "constraint-error"]),
    ("duplicate key", "approvals", _duplicate_first_row,
     ["data/approvals.csv", "row 3", "primary-key"]),
    ("missing column", "timeline", _drop_column("category"),
     ["data/timeline.csv", "missing-label", "category"]),
    ("extra column", "immune_organs", _add_column,
     ["data/immune_organs.csv", "extra-label"]),
    ("empty file", "immune_cells", _empty, ["data/immune_cells.csv"]),
    ("non-UTF-8 bytes", "approvals", _latin1_bytes, ["data/approvals.csv", "encoding"]),
    ("blank line", "timeline", _blank_line, ["data/timeline.csv", "row 4", "blank-row"]),
    ("future date", "timeline", _replace_in_row("date", "2999-01-01"),
     ["data/timeline.csv", "row 2", "'date'"]),
    ("date before 1850", "approvals", _replace_in_row("first_approval_date", "1700-01-01"),
     ["data/approvals.csv", "row 2", "'first_approval_date'", "constraint-error"]),
    ("negative number", "side_effects", _replace_in_row("value", "-3"),
     ["data/side_effects.csv", "row 2", "'value'", "constraint-error"]),
]


@pytest.fixture
def corrupted_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    monkeypatch.setenv("IMMUNOBOOK_DATA_DIR", str(folder))
    return folder


@pytest.mark.parametrize("case,table,corrupt,fragments", CASES, ids=[c[0] for c in CASES])
def test_corrupted_data_raises_a_clear_error(corrupted_copy, case, table, corrupt, fragments):
    corrupt(corrupted_copy / f"{table}.csv")
    with pytest.raises(DataValidationError) as error:
        load(table)
    message = str(error.value)
    for fragment in fragments:
        assert fragment in message, f"{case}: {fragment!r} not in:\n{message}"
    if case == "future date":
        assert "in the future" in message


def test_an_unknown_agent_in_indications_breaks_the_foreign_key(corrupted_copy):
    _replace_in_row("agent", "no-such-agent")(corrupted_copy / "indications.csv")
    problems = validate_package(corrupted_copy)
    assert any("data/indications.csv" in p and "row 2" in p and "foreign-key" in p for p in problems)
