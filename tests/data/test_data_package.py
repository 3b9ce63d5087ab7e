"""The real data: valid under every rule of the validator (tests/data/test_corrupted_data.py shows
each rule failing), complete where the book relies on it, documented."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from immunobook import load
from immunobook.data import data_dir, validate

PACKAGE = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = [resource["name"] for resource in PACKAGE["resources"]]

# The 43 immunotherapies the Cancer Research Institute listed as FDA-approved in February 2019
# (shared/seeds/003), as named in approvals.csv.
CRI_2019_AGENTS = [
    "aldesleukin", "alemtuzumab", "atezolizumab", "avelumab", "axicabtagene ciloleucel",
    "bacillus calmette-guerin", "bevacizumab", "blinatumomab", "brentuximab vedotin", "cemiplimab",
    "cetuximab", "daratumumab", "denosumab", "dinutuximab", "durvalumab", "elotuzumab",
    "gemtuzumab ozogamicin", "hepatitis b vaccine (recombinant)",
    "human papillomavirus quadrivalent vaccine", "human papillomavirus 9-valent vaccine",
    "human papillomavirus bivalent vaccine", "ibritumomab tiuxetan", "imiquimod",
    "inotuzumab ozogamicin", "interferon alfa-2a", "interferon alfa-2b", "ipilimumab",
    "necitumumab", "nivolumab", "obinutuzumab", "ofatumumab", "olaratumab", "panitumumab",
    "peginterferon alfa-2b", "pembrolizumab", "pertuzumab", "ramucirumab", "rituximab",
    "sipuleucel-T", "tisagenlecleucel", "trastuzumab", "ado-trastuzumab emtansine",
    "talimogene laherparepvec",
]


def test_the_package_is_valid_under_every_rule():
    assert [str(problem) for problem in validate()] == []


def test_the_data_has_a_licence_and_sources():
    assert PACKAGE["licenses"][0]["name"] == "CC-BY-4.0"
    assert PACKAGE["sources"]


@pytest.mark.parametrize("name", RESOURCES)
def test_load_returns_typed_frames(name):
    frame = load(name)
    assert len(frame) > 0
    schema = next(r["schema"] for r in PACKAGE["resources"] if r["name"] == name)
    for field in schema["fields"]:
        column = frame[field["name"]]
        if field["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(column), field["name"]
        elif "enum" in field.get("constraints", {}):
            assert isinstance(column.dtype, pd.CategoricalDtype), field["name"]


def test_all_43_agents_of_the_2019_list_are_present():
    missing = set(CRI_2019_AGENTS) - set(load("approvals")["agent"])
    assert not missing


def test_approvals_cover_the_expected_range():
    approvals = load("approvals")
    assert 80 <= len(approvals) <= 110
    assert set(approvals["family"].cat.categories) == set(approvals["family"].dropna())


def test_timeline_runs_from_coleys_forerunners_to_recent_years():
    timeline = load("timeline")
    assert len(timeline) >= 40
    assert timeline["year"].min() == 1868 and timeline["year"].max() >= 2025


def test_the_data_readme_documents_every_column():
    readme = (data_dir() / "README.md").read_text(encoding="utf-8")
    for resource in PACKAGE["resources"]:
        assert f"`{resource['path']}`" in readme
        for field in resource["schema"]["fields"]:
            assert f"`{field['name']}`" in readme, f"{resource['path']}: {field['name']}"
