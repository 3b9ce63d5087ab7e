"""One vocabulary for families and classes: every value in the data has a name, a short name and a
colour, and the colours that share a chart differ."""

import pytest

from immunobook import (
    CLASS_COLOURS,
    CLASS_FAMILY,
    CLASS_NAMES,
    CLASS_SHORT,
    FAMILY_COLOURS,
    FAMILY_NAMES,
    FAMILY_SHORT,
    GREY,
    PALETTE,
    load,
)
from immunobook.figures import SIDE_EFFECT_CLASSES

APPROVALS = load("approvals")
SIDE_EFFECTS = load("side_effects")
DATA_FAMILIES = set(APPROVALS["family"].astype(str))
DATA_CLASSES = set(APPROVALS["class"].astype(str)) | set(SIDE_EFFECTS["therapy_class"].astype(str))


@pytest.mark.parametrize("mapping", [FAMILY_COLOURS, FAMILY_NAMES, FAMILY_SHORT], ids=["colour", "name", "short"])
def test_every_family_in_the_data_has_an_entry(mapping):
    assert DATA_FAMILIES <= set(mapping)


@pytest.mark.parametrize("mapping", [CLASS_COLOURS, CLASS_NAMES, CLASS_SHORT], ids=["colour", "name", "short"])
def test_every_class_in_the_data_has_an_entry(mapping):
    assert DATA_CLASSES <= set(mapping)


def test_every_class_of_the_approvals_belongs_to_its_family():
    pairs = set(APPROVALS[["class", "family"]].astype(str).itertuples(index=False, name=None))
    assert pairs == {(c, f) for c, f in CLASS_FAMILY.items() if c in set(APPROVALS["class"].astype(str))}


def test_colours_are_colour_blind_safe():
    assert set(FAMILY_COLOURS.values()) | set(CLASS_COLOURS.values()) <= set(PALETTE) | {GREY}
    assert len(set(FAMILY_COLOURS.values())) == len(FAMILY_COLOURS)


@pytest.mark.parametrize("family", sorted(FAMILY_COLOURS))
def test_the_classes_of_a_family_have_distinct_colours(family):
    colours = [CLASS_COLOURS[c] for c, f in CLASS_FAMILY.items() if f == family]
    assert len(set(colours)) == len(colours)
    assert colours[0] == FAMILY_COLOURS[family]  # a family's first class wears the family's colour


def test_the_side_effect_regimens_have_distinct_colours():
    regimens = [c for c in SIDE_EFFECT_CLASSES if c.startswith(("Anti-", "Checkpoint"))]
    assert len({CLASS_COLOURS[c] for c in regimens}) == len(regimens)
    assert CLASS_COLOURS["Checkpoint inhibitors (all)"] == CLASS_COLOURS["Checkpoint inhibitor"]
    assert CLASS_COLOURS["Bispecific T-cell engager"] == CLASS_COLOURS["Bispecific antibody"]


def test_short_names_fit_on_a_phone():
    assert max(map(len, CLASS_SHORT.values())) <= 16 and max(map(len, FAMILY_SHORT.values())) <= 16
