"""The data rules that a Frictionless schema cannot state: across rows, across files, and on the
exact text of a cell. :func:`immunobook.data.validate` runs them after Frictionless has checked
each file against its schema (types, constraints, patterns, keys, foreign keys).

Each rule reads the raw CSV text of a valid file and returns :class:`Problem` lines that name every
row involved. A cell that Frictionless already rejected is skipped here, so that one fault is
reported once.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

# Hosts that are not a source for a medical textbook: staging and preview deployments, personal
# site builders, blogs, aggregators and content farms, podcast apps, investor forums. (A source is
# the regulator's notice or label, the paper, a regulator, a professional society or a major
# oncology outlet.) A leading dot matches the host and its subdomains.
BLOCKED_SOURCE_HOSTS = (
    # staging and preview copies of real sites, and site builders
    ".platformsh.site", ".vercel.app", ".netlify.app", ".herokuapp.com", ".pages.dev",
    ".webnode.page", ".webnode.com", ".wixsite.com", ".wordpress.com", ".blogspot.com",
    ".github.io", ".medium.com", "medium.com", ".substack.com",
    # podcasts and social pages
    "podcasts.apple.com", "open.spotify.com", "anghami.com", ".anghami.com", "roomc.co",
    # blogs, aggregators, press-release wires and content farms
    "qeangroup.com", "lifesciencehistory.com", "worldhistoryproject.org", "maestrodatabase.com",
    "scholarhub.vn", "scholarhub.ui.ac.id", "seekingalpha.com", "oscook.org", "ogkologos.com",
    "medphanut.com", "medworm.com", "clinicspots.com", "cancerfax.com", "einpresswire.com",
    "1stoncology.com", "letswinpc.org", "ropewalk.co.uk", "smarthealthcarenews.com", "oncologyme.com",
    "xagena.net", "pearceip.law", "bigmoleculewatch.com", "biologicshq.com", "pbdrx.com",
    "bioquicknews.com", "coaadvocacy.org", "advancedcancerresearchinstitute.com", "genetherapynet.com",
    "oncoprescribe.com", "spinics.net", ".spinics.net", "metajournal.com", "rttnews.com", "medpath.com",
    ".medpath.com", "oncologysupply.com", "markets.businessinsider.com", "pipelinereview.com",
    "hemonc.org", "mb.com.ph", "cancerhealth.com", "medicom-publishers.com", "germtheorytimeline.info",
)
# Staging, test and preview copies: dev-www.example.org, stage.example.org, qa00.example.org ...
STAGING_HOST = re.compile(r"^(dev|stage|staging|qa\d*|preview|prod)[.-]")
PLAIN_INTEGER = re.compile(r"-?[0-9]+")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
URL_OR_DOI = re.compile(r"https?://\S+|doi:\S+")

# (year column, date column) pairs that must agree
YEAR_OF_DATE = {"approvals": [("first_approval_year", "first_approval_date")], "timeline": [("year", "date")]}


@dataclass(frozen=True, order=True)
class Problem:
    """One fault in the data, printed as ``data/<file>, row <n>, column '<col>': <reason> (value '<v>')``."""

    file: str
    rows: tuple[int, ...] = ()
    column: str = ""
    reason: str = ""
    value: str | None = None

    def __str__(self) -> str:
        where = [f"data/{self.file}"]
        if self.rows:
            label = "row" if len(self.rows) == 1 else "rows"
            where.append(f"{label} {', '.join(map(str, self.rows))}")
        if self.column:
            where.append(f"column '{self.column}'")
        value = "" if self.value is None else f" (value '{self.value}')"
        return f"{', '.join(where)}: {self.reason}{value}"


@dataclass
class Table:
    """A data file as text: its resource name, file name, schema fields and rows by line number."""

    name: str
    file: str
    fields: dict  # field name -> frictionless Field
    rows: dict[int, dict[str, str]]
    rejected: set[tuple[int, str]]  # (row, column) cells that Frictionless already reported

    def cells(self, column: str, *, rejected_too: bool = False):
        """(row, text) of every non-empty cell of ``column`` that Frictionless accepted (or all)."""
        for row, values in self.rows.items():
            text = values.get(column, "")
            if text != "" and (rejected_too or (row, column) not in self.rejected):
                yield row, text

    def cell(self, row: int, column: str) -> str:
        return "" if (row, column) in self.rejected else self.rows[row].get(column, "")


def read_table(name: str, path: Path, fields: dict, rejected: set[tuple[int, str]]) -> Table:
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    header, body = records[0], records[1:]
    # row numbers are the file's line numbers as a spreadsheet shows them (header = row 1)
    rows = {number: dict(zip(header, record, strict=False)) for number, record in enumerate(body, start=2) if record}
    return Table(name, path.name, fields, rows, rejected)


def normalise_key(text: str) -> str:
    """A key as a reader would read it: Unicode-compatible, case-free, single-spaced."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if ISO_DATE.fullmatch(text) else None
    except ValueError:
        return None


def plain_values(table: Table) -> list[Problem]:
    """Integers in ASCII digits, finite numbers in plain decimal notation, dates as YYYY-MM-DD."""
    problems = []
    for column, field in table.fields.items():
        check = {
            "integer": lambda t: PLAIN_INTEGER.fullmatch(t) is not None,
            "number": lambda t: PLAIN_NUMBER.fullmatch(t) is not None and math.isfinite(float(t)),
            "date": lambda t: _date(t) is not None,
        }.get(field.type)
        reason = {"integer": "not an integer in plain ASCII digits",
                  "number": "not a finite number in plain decimal digits",
                  "date": "not a date written YYYY-MM-DD"}.get(field.type)
        if check is None:
            continue
        for row, text in table.cells(column, rejected_too=True):  # the exact reason, even if also out of range
            if not check(text):
                problems.append(Problem(table.file, (row,), column, reason, text))
    return problems


def unique_keys(table: Table) -> list[Problem]:
    """Unique keys stay unique after normalisation (case, spacing, Unicode compatibility forms)."""
    problems = []
    for column, field in table.fields.items():
        if not field.constraints.get("unique"):
            continue
        seen = defaultdict(list)
        for row, text in table.cells(column):
            seen[normalise_key(text)].append((row, text))
        for hits in seen.values():
            if len(hits) > 1:
                values = " / ".join(f"'{text}'" for _, text in hits)
                problems.append(Problem(table.file, tuple(row for row, _ in hits), column,
                                        f"the same key written {len(hits)} ways or twice: {values}"))
    return problems


def source_hosts(table: Table) -> list[Problem]:
    """Every source (columns ``source`` and ``*_source``) links to a reputable host or is a DOI."""
    problems = []
    columns = [name for name in table.fields if name == "source" or name.endswith("_source")]
    for column, (row, text) in ((c, cell) for c in columns for cell in table.cells(c)):
        for link in URL_OR_DOI.findall(text):
            host = (urlparse(link).hostname or "").lower()
            if STAGING_HOST.match(host) or any(
                    host == blocked.lstrip(".") or (blocked.startswith(".") and host.endswith(blocked))
                    for blocked in BLOCKED_SOURCE_HOSTS):
                problems.append(Problem(table.file, (row,), column,
                                        f"'{host}' is not a reputable source (staging, personal, blog or "
                                        "content-farm host): cite the FDA, the paper (DOI), a regulator or "
                                        "a professional society", link))
    return problems


def percentages(table: Table) -> list[Problem]:
    """A value whose unit is percent lies between 0 and 100."""
    if not {"value", "unit"} <= table.fields.keys():
        return []
    problems = []
    for row, text in table.cells("value"):
        if table.cell(row, "unit") == "percent" and PLAIN_NUMBER.fullmatch(text) and not 0 <= float(text) <= 100:
            problems.append(Problem(table.file, (row,), "value", "a percentage outside 0-100", text))
    return problems


def years_match_dates(table: Table) -> list[Problem]:
    problems = []
    for year_column, date_column in YEAR_OF_DATE.get(table.name, []):
        for row, text in table.cells(date_column):
            date, year = _date(text), table.cell(row, year_column)
            if date and PLAIN_INTEGER.fullmatch(year) and date.year != int(year):
                problems.append(Problem(table.file, (row,), year_column,
                                        f"the year disagrees with column '{date_column}' ({text})", year))
    return problems


def _first_approval(approvals: Table, row: int) -> dt.date | None:
    date = _date(approvals.cell(row, "first_approval_date"))
    year = approvals.cell(row, "first_approval_year")
    return date or (dt.date(int(year), 1, 1) if PLAIN_INTEGER.fullmatch(year) else None)


def approval_order(approvals: Table) -> list[Problem]:
    """Withdrawal after first approval; reapproval after a withdrawal."""
    problems = []
    for row in approvals.rows:
        first = _first_approval(approvals, row)
        withdrawn = _date(approvals.cell(row, "withdrawn_date"))
        reapproved = _date(approvals.cell(row, "reapproval_date"))
        if withdrawn and first and withdrawn < first:
            problems.append(Problem(approvals.file, (row,), "withdrawn_date",
                                    f"withdrawn before its first approval ({first})", withdrawn.isoformat()))
        if reapproved and withdrawn and reapproved <= withdrawn:
            problems.append(Problem(approvals.file, (row,), "reapproval_date",
                                    f"reapproved on or before its withdrawal ({withdrawn})", reapproved.isoformat()))
    return problems


def indications_after_first_approval(indications: Table, approvals: Table) -> list[Problem]:
    """No indication of an agent predates the agent's first approval."""
    first_row = {approvals.cell(row, "agent"): row for row in approvals.rows}
    problems = []
    for row, text in indications.cells("approval_date"):
        agent_row = first_row.get(indications.cell(row, "agent"))
        date, first = _date(text), agent_row and _first_approval(approvals, agent_row)
        if date and first and date < first:
            problems.append(Problem(indications.file, (row,), "approval_date",
                                    f"before the agent's first approval ({first}, data/{approvals.file}, "
                                    f"row {agent_row}, column 'first_approval_date')", text))
    return problems


ROW_RULES = (plain_values, unique_keys, source_hosts, percentages, years_match_dates)


def check(tables: dict[str, Table]) -> list[Problem]:
    """Every rule of this module over the files that Frictionless could read."""
    problems = [problem for table in tables.values() for rule in ROW_RULES for problem in rule(table)]
    if "approvals" in tables:
        problems += approval_order(tables["approvals"])
        if "indications" in tables:
            problems += indications_after_first_approval(tables["indications"], tables["approvals"])
    return problems
