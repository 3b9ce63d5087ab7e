"""A small model of CAR T-cell kinetics after one infusion: a teaching model, not a clinical one.

Four quantities over about three months, time in days, cells as absolute numbers::

    dE/dt = rho*w(t)*f(T)*E + theta*f(T)*M - (alpha + eps)*E   effector CAR T cells
    dM/dt = eps*E - beta*M - theta*f(T)*M                      memory CAR T cells
    dT/dt = r*T - k*(E + M)*T                                  target (CD19+ tumour) cells
    dC/dt = gamma*f(T)*E - lam*C                               IL-6-like cytokine (arbitrary units)

with ``f(T) = T / (K + T)``, the share of effector cells that meet a target, and
``w(t) = 1 / (1 + (t/t_max)**6)``, an expansion programme that switches off smoothly around
``t_max`` days. At the start ``E = dose``, ``M = 0``, ``T = tumour burden`` and ``C = 0``.

What it borrows, and from where:

* The phases (exponential expansion up to a time ``t_max``, fast contraction, slow memory-like
  persistence) follow the cellular-kinetic model of tisagenlecleucel by Stein et al. (2019, CPT
  Pharmacometrics Syst. Pharmacol. 8:285-295, doi:10.1002/psp4.12388). Its typical fitted values
  set the scale: ``t_max = 9.3`` days and about 3900-fold expansion (so ``rho - alpha`` is about
  ln(3900)/9.3 = 0.89 per day), contraction ``alpha = 0.16`` per day, and a persisting pool that
  declines at ``beta = 0.0032`` per day and holds a small fraction of the peak (0.79 % there).
* Expansion that needs antigen (``f(T)``), killing of target cells by CAR T cells and a cytokine
  driven by activated CAR T cells follow the structure of quantitative systems pharmacology models
  such as Hardiansyah & Ng (2019, Clin. Transl. Sci. 12:343-349, doi:10.1111/cts.12636), which
  relate CAR T-cell dose and disease burden to expansion and cytokines.

What is simplified or invented (the book's choices, not fitted to patients): Stein et al. switch
abruptly at a fitted ``t_max`` and describe only the CAR T cells; here the switch is smooth and
expansion also stops when the targets run out. The killing rate ``k``, half-saturation ``K``,
tumour growth ``r``, memory conversion ``eps`` and reactivation ``theta`` and the cytokine
parameters are illustrative; memory cells kill as well as effectors. There is no lymphodepletion,
no normal B cells, no antigen loss, no tocilizumab or steroids, and a single compartment. The
cytokine unit is arbitrary and the threshold (:data:`CRS_THRESHOLD` = 1) is a line placed for
teaching, not a clinical grade. Once target cells fall below one cell they are set to zero.
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np
from scipy.integrate import solve_ivp

#: Cells in one internal unit (the equations are solved in units of 10**9 cells).
UNIT = 1e9
#: Cytokine level (arbitrary units) that the book draws as the cytokine-release threshold.
CRS_THRESHOLD = 1.0
DEFAULT_DOSE = 1e8  # CAR T cells infused (an order of magnitude, not a recommendation)
DEFAULT_BURDEN = 1e10  # target cells at infusion


@dataclasses.dataclass(frozen=True)
class Params:
    """Rates per day; cell numbers in cells. See the module notes for the sources."""

    rho: float = 1.05  # maximal expansion of effectors (rho - alpha = 0.89, Stein et al. 2019)
    t_max: float = 9.3  # days of the expansion programme (Stein et al. 2019)
    alpha: float = 0.16  # effector contraction (Stein et al. 2019)
    eps: float = 0.003  # conversion of effectors to memory cells
    beta: float = 0.0032  # loss of memory cells (Stein et al. 2019)
    theta: float = 0.05  # reactivation of memory cells by target cells
    half_saturation: float = 1e8  # K: target cells for half-maximal stimulation
    kill: float = 3e-10  # k: fraction of target cells one CAR T cell kills a day
    growth: float = 0.02  # r: growth of target cells (doubling in about 35 days)
    gamma: float = 0.14  # cytokine made per 10**9 activated effectors a day (arbitrary units)
    lam: float = 0.7  # cytokine clearance (half-life about a day)

    def replace(self, **changes: float) -> Params:
        return dataclasses.replace(self, **changes)


DEFAULT = Params()


class Result(NamedTuple):
    """Solution on an even grid of days, and the exact cytokine peak (between grid points)."""

    days: np.ndarray
    effector: np.ndarray  # effector CAR T cells
    memory: np.ndarray  # memory CAR T cells
    target: np.ndarray  # target (tumour) cells; 0 once eliminated
    cytokine: np.ndarray  # IL-6-like level, arbitrary units
    cytokine_peak: tuple[float, float] = (0.0, 0.0)  # (level, day) of the highest cytokine

    @property
    def car_t(self) -> np.ndarray:
        """All CAR T cells (what a blood test of the transgene would count)."""
        return self.effector + self.memory


class CRSRisk(NamedTuple):
    peak: float  # highest cytokine level
    day: float  # day of the peak
    threshold: float
    ratio: float  # peak / threshold

    @property
    def above(self) -> bool:
        return self.peak >= self.threshold


def rhs(t: float, z, params: Params = DEFAULT) -> list[float]:
    """Right-hand side in internal units (10**9 cells)."""
    E, M, T, C = z
    P = params
    K = P.half_saturation / UNIT
    k = P.kill * UNIT
    stimulated = T / (K + T) if T > 0 else 0.0
    programme = 1.0 / (1.0 + (t / P.t_max) ** 6)
    return [
        P.rho * programme * stimulated * E + P.theta * stimulated * M - (P.alpha + P.eps) * E,
        P.eps * E - P.beta * M - P.theta * stimulated * M,
        P.growth * T - k * (E + M) * T,
        P.gamma * stimulated * E - P.lam * C,
    ]


def _target_gone(t, z, params):
    return z[2] - 1.0 / UNIT  # one cell


_target_gone.terminal = True
_target_gone.direction = -1


def _cytokine_turns(t, z, params):
    return rhs(t, z, params)[3]  # dC/dt: a maximum where it crosses zero downwards


_cytokine_turns.direction = -1


def simulate(dose: float = DEFAULT_DOSE, tumour_burden: float = DEFAULT_BURDEN,
             params: Params = DEFAULT, days: float = 90.0, n_points: int = 181) -> Result:
    """Solve the model for ``days`` days after one infusion of ``dose`` CAR T cells.

    Returns :class:`Result` arrays on ``n_points`` evenly spaced days. The solve stops when the
    target cells fall below one cell; it then continues with no target cells.
    """
    if dose <= 0 or tumour_burden < 0 or days <= 0 or n_points < 2:
        raise ValueError("need dose > 0, tumour_burden >= 0, days > 0 and n_points >= 2")
    t = np.linspace(0.0, days, n_points)
    out = np.zeros((4, n_points))
    start, state, done = 0.0, [dose / UNIT, 0.0, tumour_burden / UNIT, 0.0], 0
    if tumour_burden < 1.0:  # fewer than one target cell: none
        state[2] = 0.0
    peaks = []  # (level, day) of every cytokine maximum between grid points
    while done < n_points:
        events = [_cytokine_turns] + ([_target_gone] if state[2] > 0 else [])
        solution = solve_ivp(rhs, (start, days), state, method="LSODA", t_eval=t[done:],
                             args=(params,), events=events,
                             rtol=1e-6, atol=[1e-9, 1e-9, 1e-12, 1e-9])
        if solution.status < 0:  # pragma: no cover - smooth, bounded equations
            raise RuntimeError(solution.message)
        out[:, done:done + solution.t.size] = solution.y
        done += solution.t.size
        peaks += [(float(z[3]), float(day))
                  for day, z in zip(solution.t_events[0], solution.y_events[0], strict=True)]
        if solution.status != 1:
            break
        start, state = float(solution.t_events[1][0]), list(solution.y_events[1][0])
        state[2] = 0.0  # the targets fell below one cell: none are left
    out[:3] *= UNIT
    out = np.maximum(out, 0.0)  # clip solver round-off below zero
    on_grid = int(np.argmax(out[3]))
    peak = max(peaks + [(float(out[3, on_grid]), float(t[on_grid]))])
    return Result(t, *out, cytokine_peak=peak)


def crs_risk(result: Result, threshold: float = CRS_THRESHOLD) -> CRSRisk:
    """Peak cytokine level against the threshold (a teaching line, not a clinical grade).

    The peak is the exact maximum found while solving, not only the highest grid value.
    """
    peak, day = result.cytokine_peak
    return CRSRisk(peak, day, threshold, peak / threshold)


def summary(result: Result) -> dict[str, float]:
    """Peak CAR T level and day, fold expansion, and what is left at the end."""
    car_t = result.car_t
    peak = int(np.argmax(car_t))
    return {
        "peak CAR T cells": float(car_t[peak]),
        "day of peak": float(result.days[peak]),
        "fold expansion": float(car_t[peak] / car_t[0]),
        "CAR T cells at end": float(car_t[-1]),
        "memory share at end": float(result.memory[-1] / car_t[-1]),
        "target cells at end": float(result.target[-1]),
    }
