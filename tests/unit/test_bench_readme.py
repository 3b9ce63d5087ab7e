"""`make bench` writes its tables into README.md between the markers, and nowhere else."""

import pytest

from tests.benchmarks.bench_book import END, README, START, with_tables


def test_the_tables_replace_only_what_is_between_the_markers():
    readme = f"intro\n{START}\n| old |\n{END}\nrest\n"
    assert with_tables(readme, "| new |\n") == f"intro\n{START}\n| new |\n{END}\nrest\n"


def test_the_readme_has_the_markers():
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1 and text.index(START) < text.index(END)


def test_without_markers_nothing_is_written():
    with pytest.raises(SystemExit):
        with_tables("no markers", "| new |")
