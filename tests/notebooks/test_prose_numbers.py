"""Prose numbers come from the data or carry a citation (COORDINATION/CONTRIBUTING conventions).

In every reader chapter's main text (tests/benchmarks/readability.py), each sentence that states a
number (digits; a number word such as "three", "half" or "twice"; "one" only where it is plainly a
quantity, as in "one in five" or "only one") must use a glued value
({glue:text}`key`, computed from the data in a hidden code cell) or a citation
({footcite:p}`key`, {cite}`key`) in that same sentence. Exempt: a year on its own (1800-2100, or a
decade such as "1890s"), names that contain digits (PD-1, CTLA-4, CD19, IL-2, HER2, COVID-19),
"type 1 diabetes", "grade 3", "phase 3", "stage IV".

Also: every glued key used in a notebook's markdown is glued by one of its code cells.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from tests.benchmarks.readability import READER_CHAPTERS, main_text_cells
from tests.notebooks.chapters import chapter_notebooks

NUMBER_WORDS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
                "eighty ninety hundred hundreds thousand thousands million millions billion "
                "half halves third thirds quarter quarters dozen dozens twice").split()
# "one" is mostly a pronoun ("a larger one", "one of the reasons"): it counts only where it is
# plainly a quantity.
ONE = (r"\b(?:only|just|exactly|about|nearly|almost|over|under|roughly|at least|more than|less than|"
       r"fewer than)\s+one\b|\bone\s+(?:in|out of)\s|\bone[- ](?:third|quarter|half|fifth|tenth)")
NUMBER = re.compile(r"\d|\b(?:" + "|".join(NUMBER_WORDS) + r")\b|" + ONE, re.I)
SOURCED = re.compile(r"\{glue(?::\w*)?\}`|\{(?:foot)?cite(?::\w+)*\}`")

# Uses of a number word or digit that state no quantity.
EXEMPT = [re.compile(pattern) for pattern in (
    r"\{glue(?::\w*)?\}`[^`]*`|\{(?:foot)?cite(?::\w+)*\}`[^`]*`",  # the roles themselves
    r"\b[A-Za-z]*[A-Z][A-Za-z]*-?[A-Z]?\d+[a-z]?\+?(?:/\d+)?",          # PD-1, PD-L1, CD19, HER2, Th17
    r"\b[a-z]{4,}-\d+\b",                                               # interleukin-2
    r"\b\d+-1BB\b",                                                     # 4-1BB
    r"(?i)\btypes? \d+(?:(?:, | and | or )\d+)*\b",                         # type 1 diabetes, types 16 and 18
    r"(?i)\b(?:grades?|phases?|stages?|class(?:es)?)\s+(?:[0-9]+|[IV]+)(?:\s*(?:[-–/]|to|or|and)\s*(?:[0-9]+|[IV]+))?\b",
)]
YEAR = re.compile(r"(?<![\d.,])(?:1[89]\d\d|20\d\d|2100)s?(?!\d|[.,]\d|\s?%)|\b1[89]th\b|\b2[01](?:st|th) century\b")

ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|vs|etc|Dr|Mr|Mrs|Ms|Prof|St|No|Fig|approx|U\.S|cf)\.$")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (on . ! ? followed by a space), keeping abbreviations whole."""
    parts, current = [], ""
    for piece in re.split(r"(?<=[.!?])\s+", text):
        current = f"{current} {piece}".strip()
        if ABBREVIATIONS.search(current):
            continue
        parts.append(current)
        current = ""
    if current:
        parts.append(current)
    return parts


def unsourced_number(sentence: str) -> bool:
    """Whether the sentence states a number without a glued value or a citation."""
    if SOURCED.search(sentence):
        return False
    stripped = sentence
    for pattern in EXEMPT:
        stripped = pattern.sub(" ", stripped)
    stripped = YEAR.sub(" ", stripped, count=1)  # one bare year is allowed
    return bool(NUMBER.search(stripped))


def offending_sentences(notebook) -> list[str]:
    found = []
    for index, text in main_text_cells(notebook, keep_roles=True):
        for paragraph in text.splitlines():
            for sentence in sentences(paragraph):
                if unsourced_number(sentence):
                    found.append(f"{notebook.stem}, cell {index}: {sentence}")
    return found


@pytest.mark.parametrize("notebook", READER_CHAPTERS, ids=lambda p: p.stem)
def test_prose_numbers_are_glued_or_cited(notebook):
    found = offending_sentences(notebook)
    assert not found, ("numbers without a glued value or a citation in the same sentence:\n"
                       + "\n".join(found))


GLUE_USE = re.compile(r"\{glue(?::\w*)?\}`([^`:]+)[^`]*`")
GLUE_CALL = re.compile(r"""\bglue\(\s*(f?)(["'])(.+?)\2""")


def glued_keys(cells) -> list[re.Pattern]:
    """Patterns of the keys that the notebook's code cells glue; an f-string's fields match anything."""
    keys = []
    for cell in cells:
        if cell.cell_type != "code":
            continue
        for is_f, _, key in GLUE_CALL.findall(cell.source):
            if is_f:
                parts = re.split(r"\{[^}]*\}", key)
                keys.append(re.compile(".+".join(re.escape(part) for part in parts)))
            else:
                keys.append(re.compile(re.escape(key)))
    return keys


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_every_glued_value_used_is_glued(notebook):
    cells = nbformat.read(notebook, as_version=4).cells
    keys = glued_keys(cells)
    used = {key.strip() for cell in cells if cell.cell_type == "markdown"
            for key in GLUE_USE.findall(cell.source)}
    missing = sorted(key for key in used if not any(pattern.fullmatch(key) for pattern in keys))
    assert not missing, f"{notebook.stem} uses glued values that no code cell glues: {missing}"


@pytest.mark.parametrize("sentence,flagged", [
    ("In 2011 the first checkpoint inhibitor was approved.", False),
    ("PD-1, CTLA-4, CD19, IL-2 and HER2 are names.", False),
    ("People with type 1 diabetes or grade 3 effects in a phase 3 trial at stage IV.", False),
    ("About 20% respond.", True),
    ("Three agents were approved in 1986.", True),
    ("Three agents were approved in 1986 {footcite:p}`x`.", False),
    ("{glue:text}`n_agents` agents were approved.", False),
    ("Half of the patients responded.", True),
    ("It was approved in 1986 and again in 1992.", True),
    ("Coley injected bacteria in the 1890s.", False),
    ("It was first approved in 2011.", False),
    ("Costs rose by 2011 %.", True),
    ("One of the field's main questions is who benefits.", False),
    ("It can kill a small tumour but not a larger one.", False),
    ("Only one in five patients responds.", True),
])
def test_number_rule(sentence, flagged):
    assert unsourced_number(sentence) is flagged
