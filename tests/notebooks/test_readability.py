"""Plain language: the main text of every reader chapter reads at US grade 9.5 or below
(Flesch-Kincaid, textstat; main text as defined in tests/benchmarks/readability.py). The aim is
grade 9; `make bench` prints the table."""

from __future__ import annotations

import pytest

from tests.benchmarks.readability import MAX_GRADE, READER_CHAPTERS, grade, main_text


def test_there_are_reader_chapters():
    assert READER_CHAPTERS


@pytest.mark.parametrize("notebook", READER_CHAPTERS, ids=lambda p: p.stem)
def test_main_text_is_plain(notebook):
    level = grade(main_text(notebook))
    assert level <= MAX_GRADE, (
        f"{notebook.stem}: main text at Flesch-Kincaid grade {level:.1f} (limit {MAX_GRADE}): "
        "shorter sentences and common words, or move depth into a going-deeper box")

