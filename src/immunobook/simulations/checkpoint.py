"""A steady-state "brakes" model of checkpoint blockade: illustrative, not a clinical prediction.

T cells that recognise an antigen are switched on at a rate set by how strongly the antigen
stimulates them (``S``) and switched off at a rate that grows with the checkpoint brakes acting
on them. With activity ``A``::

    dA/dt = S - (1 + I) * A,   I = w_pd1 * (1 - b_pd1) + w_ctla4 * (1 - b_ctla4)

so the steady state is ``A = S / (1 + I)``. ``w_pd1`` and ``w_ctla4`` are the strengths of the
PD-1/PD-L1 and CTLA-4 brakes, and ``b_pd1`` and ``b_ctla4`` (0 to 1) the fractions of each
brake that a drug blocks.

The model tracks two populations of T cells:

* **tumour-directed** (:data:`TUMOUR`): strongly held back by PD-1, because many tumours display
  PD-L1; CTLA-4 adds a smaller brake at the priming stage;
* **self-directed** (:data:`SELF`): T cells that recognise healthy tissue, weakly stimulated
  and kept in check mostly by CTLA-4, which guards priming throughout the body, and less by PD-1.

Activity above :data:`TUMOUR_CONTROL` controls the tumour; self-directed activity above
:data:`AUTOIMMUNITY` stands for immune-related side effects. All numbers are the book's choices,
picked to reproduce a qualitative pattern reported in patients (PD-1 blockade is better tolerated
than CTLA-4 blockade, and the combination is both the most active and the most toxic); they are not
measured quantities.
"""

from __future__ import annotations

import dataclasses

import numpy as np


@dataclasses.dataclass(frozen=True)
class TCells:
    """One population of T cells: its stimulation and the strengths of its two brakes."""

    name: str
    stimulation: float
    pd1: float  # PD-1/PD-L1 brake strength
    ctla4: float  # CTLA-4 brake strength

    def replace(self, **changes) -> TCells:
        return dataclasses.replace(self, **changes)


TUMOUR = TCells("tumour-directed", stimulation=1.0, pd1=6.0, ctla4=2.0)
SELF = TCells("self-directed", stimulation=0.7, pd1=1.0, ctla4=3.0)
#: Tumour-directed activity at or above which the tumour is controlled.
TUMOUR_CONTROL = 0.25
#: Self-directed activity at or above which side effects appear.
AUTOIMMUNITY = 0.3

#: Which brakes each treatment blocks (PD-1 blockade, CTLA-4 blockade) at full strength.
STRATEGIES = {"PD-1": (1.0, 0.0), "CTLA-4": (0.0, 1.0), "PD-1 + CTLA-4": (1.0, 1.0)}
RELAX_TIMES = np.linspace(0.0, 5.0, 51)  # relax()'s default time points


def inhibition(cells: TCells, pd1_blockade=0.0, ctla4_blockade=0.0):
    """The total brake ``I`` left after blocking the given fractions of each brake."""
    for value in (pd1_blockade, ctla4_blockade):
        if np.any(np.asarray(value) < 0) or np.any(np.asarray(value) > 1):
            raise ValueError("blockade fractions must lie between 0 and 1")
    pd1_left = 1.0 - np.asarray(pd1_blockade)
    ctla4_left = 1.0 - np.asarray(ctla4_blockade)
    return cells.pd1 * pd1_left + cells.ctla4 * ctla4_left


def activity(cells: TCells, pd1_blockade=0.0, ctla4_blockade=0.0):
    """Steady-state activity ``S / (1 + I)`` (arrays of blockade values work too)."""
    return cells.stimulation / (1.0 + inhibition(cells, pd1_blockade, ctla4_blockade))


def relax(cells: TCells, pd1_blockade: float = 0.0, ctla4_blockade: float = 0.0,
          a0: float = 0.0, t=RELAX_TIMES) -> np.ndarray:
    """Activity over time from ``a0`` (exact solution of ``dA/dt = S - (1 + I) A``).

    It approaches :func:`activity`, which is why the book uses the steady state alone.
    """
    rate = 1.0 + inhibition(cells, pd1_blockade, ctla4_blockade)
    steady = cells.stimulation / rate
    return steady + (a0 - steady) * np.exp(-rate * np.asarray(t))


def strategy_blockade(strategy: str, level):
    """``(pd1_blockade, ctla4_blockade)`` for a treatment applied at ``level`` (0 to 1)."""
    pd1, ctla4 = STRATEGIES[strategy]
    level = np.asarray(level, dtype=float)
    return pd1 * level, ctla4 * level


def steady_state(pd1_blockade: float = 0.0, ctla4_blockade: float = 0.0, *,
                 tumour: TCells = TUMOUR, self_cells: TCells = SELF) -> dict[str, float]:
    """Tumour-directed and self-directed activity for one treatment, and the outcome."""
    tumour_activity = float(activity(tumour, pd1_blockade, ctla4_blockade))
    self_activity = float(activity(self_cells, pd1_blockade, ctla4_blockade))
    return {"tumour": tumour_activity, "self": self_activity,
            "outcome": outcome(tumour_activity, self_activity)}


def outcome(tumour_activity: float, self_activity: float) -> str:
    """Name the result: is the tumour controlled, and are there side effects?"""
    controlled = tumour_activity >= TUMOUR_CONTROL
    autoimmune = self_activity >= AUTOIMMUNITY
    if controlled and autoimmune:
        return "tumour control with side effects"
    if controlled:
        return "tumour control"
    if autoimmune:
        return "side effects without tumour control"
    return "no effect"


def blockade_needed(cells: TCells, target: float, strategy: str) -> float | None:
    """Smallest treatment level (0 to 1) that lifts ``cells`` to ``target``; None if none does.

    Solves ``S / (1 + I(level)) = target`` exactly: ``I`` falls linearly with the level.
    """
    pd1, ctla4 = STRATEGIES[strategy]
    full = cells.pd1 + cells.ctla4
    blockable = cells.pd1 * pd1 + cells.ctla4 * ctla4
    needed_inhibition = cells.stimulation / target - 1.0
    if needed_inhibition >= full:
        return 0.0
    if blockable == 0 or needed_inhibition < full - blockable:
        return None
    return float((full - needed_inhibition) / blockable)
