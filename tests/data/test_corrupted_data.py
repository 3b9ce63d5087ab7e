"""Bad data fails loudly, naming file, row, column, reason and value: one corrupted copy of the real
package per rule, checked through the validator, through ``load()`` and through ``make data-check``."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from immunobook.data import DataValidationError, data_dir, load, validate
from tests.conftest import ROOT

Corruption = Callable[[Path], int | None]  # changes a copy of the package; returns the row it broke


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(file: str, column: str, value: str, where: tuple[str, str] | None = None) -> Corruption:
    """Set ``column`` to ``value`` in the first data row (or the row whose ``where[0]`` is ``where[1]``)."""

    def corrupt(folder: Path) -> int:
        rows = _rows(folder / file)
        header = rows[0]
        index = 1 if where is None else next(i for i, r in enumerate(rows) if r[header.index(where[0])] == where[1])
        rows[index][header.index(column)] = value
        _write(folder / file, rows)
        return index + 1  # rows count from 1, the header

    return corrupt


def edit_file(file: str, change: Callable[[bytes], bytes]) -> Corruption:
    def corrupt(folder: Path) -> None:
        (folder / file).write_bytes(change((folder / file).read_bytes()))

    return corrupt


def drop_column(file: str, column: str) -> Corruption:
    def corrupt(folder: Path) -> None:
        rows = _rows(folder / file)
        index = rows[0].index(column)
        _write(folder / file, [r[:index] + r[index + 1:] for r in rows])

    return corrupt


def duplicate_row(file: str) -> Corruption:
    def corrupt(folder: Path) -> int:
        rows = _rows(folder / file)
        _write(folder / file, rows[:2] + rows[1:])
        return 3

    return corrupt


def _first_line_replaced(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def change(content: bytes) -> bytes:
        header, _, rest = content.partition(b"\n")
        return header.replace(old, new) + b"\n" + rest

    return change


@dataclass
class Case:
    """A corruption and the problem it must cause: file, row ("changed": the row it broke), column,
    a fragment of the reason."""

    name: str
    corrupt: Corruption
    file: str
    row: int | str | None
    column: str
    reason: str


GEMTUZUMAB = ("agent", "gemtuzumab ozogamicin")  # withdrawn in 2010, approved again in 2017
CASES = [
    # types and formats
    Case("impossible date", set_cell("approvals.csv", "first_approval_date", "2011-13-45"),
         "approvals.csv", "changed", "first_approval_date", "type error"),
    Case("date not written YYYY-MM-DD", set_cell("approvals.csv", "first_approval_date", "1986-6-4"),
         "approvals.csv", "changed", "first_approval_date", "not a date written YYYY-MM-DD"),
    Case("integer in Arabic-Indic digits", set_cell("approvals.csv", "first_approval_year", "١٩٨٦"),
         "approvals.csv", "changed", "first_approval_year", "plain ASCII digits"),
    Case("integer with an underscore", set_cell("approvals.csv", "first_approval_year", "1_986"),
         "approvals.csv", "changed", "first_approval_year", "plain ASCII digits"),
    Case("not a number", set_cell("side_effects.csv", "value", "about 40"),
         "side_effects.csv", "changed", "value", "type error"),
    Case("NaN", set_cell("side_effects.csv", "value", "NaN"),
         "side_effects.csv", "changed", "value", "not a finite number"),
    Case("infinity", set_cell("trials.csv", "value", "inf"),
         "trials.csv", "changed", "value", "not a finite number"),
    Case("overflow to infinity", set_cell("prevention.csv", "value", "1e400"),
         "prevention.csv", "changed", "value", "not a finite number"),
    # required values, enumerations, patterns
    Case("unknown class", set_cell("approvals.csv", "class", "Magic bullet"),
         "approvals.csv", "changed", "class", "constraint error"),
    Case("missing source", set_cell("approvals.csv", "source", ""),
         "approvals.csv", "changed", "source", "required"),
    Case("source that is not a link", set_cell("timeline.csv", "source", "see the paper"),
         "timeline.csv", "changed", "source", "pattern"),
    Case("source on ftp", set_cell("trials.csv", "source", "ftp://example.org/paper.pdf"),
         "trials.csv", "changed", "source", "pattern"),
    Case("source on a staging site", set_cell("indications.csv", "source", "https://develop-abc.us-4.platformsh.site/news/x"),
         "indications.csv", "changed", "source", "is not a reputable source"),
    Case("source on a content farm", set_cell("approvals.csv", "source", "https://seekingalpha.com/news/123-fda-oks"),
         "approvals.csv", "changed", "source", "is not a reputable source"),
    Case("source on a dev- copy", set_cell("timeline.csv", "source", "https://dev-voice.ons.org/news-and-views/x"),
         "timeline.csv", "changed", "source", "is not a reputable source"),
    Case("required text of spaces only", set_cell("approvals.csv", "first_indication", "   "),
         "approvals.csv", "changed", "first_indication", "pattern"),
    Case("description of spaces only", set_cell("timeline.csv", "description", " \t "),
         "timeline.csv", "changed", "description", "pattern"),
    # keys
    Case("duplicate row", duplicate_row("approvals.csv"), "approvals.csv", "changed", "", "primary key"),
    Case("key that differs only in case",
         set_cell("approvals.csv", "agent", "Interferon Alfa-2a", ("agent", "interferon alfa-2b")),
         "approvals.csv", (2, 3), "agent", "the same key written 2 ways"),
    Case("key with a double inner space", set_cell("immune_organs.csv", "organ", "Bone  marrow"),
         "immune_organs.csv", "changed", "organ", "pattern"),
    Case("key with a surrounding space", set_cell("immune_cells.csv", "cell", " Antibodies"),
         "immune_cells.csv", "changed", "cell", "pattern"),
    Case("key in full-width letters", set_cell("approvals.csv", "agent", "ｉｎｔｅｒｆｅｒｏｎ alfa-2a"),
         "approvals.csv", "changed", "agent", "pattern"),
    Case("key with a Cyrillic look-alike", set_cell("approvals.csv", "agent", "interferon \u0430lfa-2a"),
         "approvals.csv", "changed", "agent", "pattern"),
    Case("id that differs only in case", set_cell("trials.csv", "id", "Keynote-006-x"),
         "trials.csv", "changed", "id", "pattern"),
    Case("unknown agent in indications", set_cell("indications.csv", "agent", "no-such-agent"),
         "indications.csv", "changed", "agent", "foreign key"),
    # dates and years
    Case("future date", set_cell("timeline.csv", "date", "2999-01-01"),
         "timeline.csv", "changed", "date", "maximum"),
    Case("future year", set_cell("timeline.csv", "year", "2999"),
         "timeline.csv", "changed", "year", "maximum"),
    Case("date before 1850", set_cell("approvals.csv", "first_approval_date", "1700-01-01"),
         "approvals.csv", "changed", "first_approval_date", "minimum"),
    Case("year before 1850", set_cell("approvals.csv", "first_approval_year", "1700"),
         "approvals.csv", "changed", "first_approval_year", "minimum"),
    Case("year that disagrees with its date", set_cell("approvals.csv", "first_approval_year", "1987"),
         "approvals.csv", "changed", "first_approval_year", "disagrees with column 'first_approval_date'"),
    Case("timeline year that disagrees with its date",
         set_cell("timeline.csv", "year", "1999", ("id", "ipilimumab-approval")),
         "timeline.csv", "changed", "year", "disagrees with column 'date'"),
    Case("withdrawn before first approval", set_cell("approvals.csv", "withdrawn_date", "1999-01-01", GEMTUZUMAB),
         "approvals.csv", "changed", "withdrawn_date", "withdrawn before its first approval"),
    Case("reapproved before withdrawal", set_cell("approvals.csv", "reapproval_date", "2005-01-01", GEMTUZUMAB),
         "approvals.csv", "changed", "reapproval_date", "reapproved on or before its withdrawal"),
    Case("indication before the agent's first approval", set_cell("indications.csv", "approval_date", "2001-01-01"),
         "indications.csv", "changed", "approval_date", "before the agent's first approval"),
    # ranges
    Case("percentage above 100", set_cell("side_effects.csv", "value", "250"),
         "side_effects.csv", "changed", "value", "a percentage outside 0-100"),
    Case("negative number", set_cell("side_effects.csv", "value", "-3"),
         "side_effects.csv", "changed", "value", "minimum"),
    Case("coordinate off the body outline", set_cell("immune_organs.csv", "x", "140"),
         "immune_organs.csv", "changed", "x", "maximum"),
    # file structure
    Case("semicolon-delimited file", edit_file("immune_cells.csv", lambda b: b.replace(b",", b";")),
         "immune_cells.csv", 1, "cell", "label"),
    Case("non-UTF-8 bytes", edit_file("approvals.csv", lambda b: b.replace(b"Herceptin", b"Hercept\xefn", 1)),
         "approvals.csv", None, "", "encoding"),
    Case("renamed column", edit_file("timeline.csv", _first_line_replaced(b"category", b"kind")),
         "timeline.csv", 1, "category", "incorrect label"),
    Case("missing column", drop_column("timeline.csv", "category"), "timeline.csv", 1, "source", "missing label"),
    Case("extra column", edit_file("immune_organs.csv", lambda b: b.replace(b"\n", b",extra\n")),
         "immune_organs.csv", 1, "extra", "extra label"),
    Case("blank line", edit_file("timeline.csv", lambda b: b"\n".join([*b.split(b"\n")[:3], b"", *b.split(b"\n")[3:]])),
         "timeline.csv", 4, "", "blank row"),
    Case("empty file", edit_file("immune_cells.csv", lambda b: b""), "immune_cells.csv", None, "", ""),
    # the package descriptor
    Case("broken datapackage.json", edit_file("datapackage.json", lambda b: b[: len(b) // 2]),
         "datapackage.json", None, "", "is not valid JSON"),
    Case("resource file missing", lambda folder: (folder / "trials.csv").unlink(), "trials.csv", None, "", ""),
]


def _matches(problem, case: Case, row: int | None) -> bool:
    rows = case.row if isinstance(case.row, tuple) else ((row,) if row else ())
    return (problem.file == case.file and (case.row is None or problem.rows == rows)
            and problem.column == case.column and case.reason in problem.reason)


def _corrupted_copy(case: Case, folder: Path) -> int | None:
    shutil.copytree(data_dir(), folder)
    changed = case.corrupt(folder)
    return changed if case.row == "changed" else (case.row if isinstance(case.row, int) else None)


def _make_data_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-s", "data-check", f"DATA={folder}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


# `make data-check` (a fresh Python each time) on one case of each kind of rule: the command prints
# the validator's lines, whatever the rule.
MAKE_CASES = ["impossible date", "NaN", "unknown class", "source on a content farm", "duplicate row",
              "unknown agent in indications", "future date", "percentage above 100", "non-UTF-8 bytes",
              "missing column", "broken datapackage.json", "resource file missing"]


@pytest.fixture(scope="module")
def corrupted(tmp_path_factory) -> dict[str, tuple[Path, int | None, subprocess.CompletedProcess | None]]:
    """Every case's corrupted copy, the row it broke, and what `make data-check` said of it (for
    :data:`MAKE_CASES`; run two at a time)."""
    copies = {}
    for case in CASES:
        folder = tmp_path_factory.mktemp("corrupted") / "data"
        copies[case.name] = (folder, _corrupted_copy(case, folder))
    with ThreadPoolExecutor(max_workers=2) as pool:
        made = dict(zip(MAKE_CASES, pool.map(_make_data_check, [copies[name][0] for name in MAKE_CASES]), strict=True))
    return {name: (*copies[name], made.get(name)) for name in copies}


def _first_problem(case: Case, folder: Path, row: int | None):
    problems = validate(folder)
    found = [p for p in problems if _matches(p, case, row)]
    assert found, f"{case.name}: no problem like {case} among:\n" + "\n".join(map(str, problems))
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_rule_names_file_row_column_and_reason(case, corrupted):
    folder, row, _ = corrupted[case.name]
    problem = _first_problem(case, folder, row)
    line = str(problem)
    assert line.startswith(f"data/{case.file}")
    if problem.value is not None:
        assert f"(value '{problem.value}')" in line


@pytest.mark.parametrize("name", MAKE_CASES)
def test_make_data_check_fails_with_the_same_line(name, corrupted):
    """The command that `make book` runs first prints the same line, fails, and shows no traceback."""
    folder, row, make = corrupted[name]
    line = str(_first_problem(next(case for case in CASES if case.name == name), folder, row))
    assert make.returncode != 0, make.stdout
    assert line in make.stderr, make.stderr
    assert "Traceback" not in make.stderr


@pytest.mark.parametrize("name", ["future date", "percentage above 100", "NaN", "broken datapackage.json"])
def test_load_refuses_invalid_data_with_the_same_lines(name, corrupted, monkeypatch):
    folder, _, make = corrupted[name]
    monkeypatch.setenv("IMMUNOBOOK_DATA_DIR", str(folder))
    with pytest.raises(DataValidationError) as error:
        load("approvals")
    assert str(error.value.problems[0]) in make.stderr
    assert all(str(problem) in str(error.value) for problem in error.value.problems)


def test_the_real_data_passes_make_data_check():
    result = _make_data_check(data_dir())
    assert result.returncode == 0, result.stderr
    assert validate() == []
