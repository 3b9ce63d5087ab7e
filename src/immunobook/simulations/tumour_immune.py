"""The effector-cell / tumour-cell model of Kuznetsov, Makalkin, Taylor and Perelson (1994).

A teaching model, not a clinical prediction. Reference: V. A. Kuznetsov, I. A. Makalkin,
M. A. Taylor and A. S. Perelson, "Nonlinear dynamics of immunogenic tumors: parameter estimation
and global bifurcation analysis", Bull. Math. Biol. 56 (1994) 295-321, doi:10.1007/BF02460644.

The non-dimensional model, with x the effector (cytotoxic) cells and y the tumour cells::

    dx/dt = s + p*x*y/(g + y) - m*x*y - d*x
    dy/dt = a*y*(1 - b*y) - n*x*y

* ``s``: steady supply of effector cells from outside the tumour;
* ``p*x*y/(g + y)``: recruitment and proliferation of effectors stimulated by the tumour
  (saturating: half-maximal when ``y = g``);
* ``m*x*y``: effectors inactivated by tumour cells; ``d*x``: effector death;
* ``a*y*(1 - b*y)``: logistic tumour growth (``1/b`` is the largest tumour the model allows);
* ``n*x*y``: tumour cells killed by effectors.

The paper fitted the model to the growth of the BCL1 lymphoma in the spleen of chimeric mice and
scaled it with 10**6 cells as the unit of both populations and ``1/(n*T0)`` as the unit of time
(``n = 1.101e-7`` per cell per day, ``T0 = 10**6`` cells, so one time unit is about 9.08 days).
Its non-dimensional values, used here as :data:`PAPER`, are s = 0.1181, p = 1.131, g = 20.19,
m = 0.00311, d = 0.3743, a = 1.636, b = 0.002 and n = 1.

**Checkpoint blockade.** The book adds one factor, ``blockade`` (1 = no treatment), that
*multiplies the killing rate n*: it stands for effector cells that kill more tumour cells per
encounter once a brake such as PD-1 is released. It leaves the inactivation rate ``m`` unchanged
(change ``m`` with :meth:`Params.replace` to explore the other reading). This is the book's
simplification, not part of the 1994 paper.

**Elimination.** The equations treat cells as a continuous quantity, so a tumour can shrink to a
millionth of a cell and grow back. As is usual with such models, :func:`simulate` removes the
tumour once it falls below one cell (``y < 1e-6``) and then keeps ``y = 0``.
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np
from scipy.integrate import solve_ivp

#: Cells in one model unit (the paper's scale for both populations).
CELLS_PER_UNIT = 1e6
#: Days in one model time unit: 1 / (n * T0) with n = 1.101e-7 per cell per day, T0 = 1e6 cells.
DAYS_PER_UNIT = 1.0 / (1.101e-7 * 1e6)
#: One tumour cell in model units: below it the tumour counts as eliminated.
ONE_CELL = 1.0 / CELLS_PER_UNIT
#: Final tumour size (model units, i.e. 10**8 cells) at or above which the outcome is "escape".
#: It lies between the small "dormant" equilibrium (about 5-9 units over the book's slider
#: ranges) and the large escape equilibrium (about 400-460 units).
ESCAPE_SIZE = 100.0

OUTCOMES = ("elimination", "equilibrium", "escape")


@dataclasses.dataclass(frozen=True)
class Params:
    """Non-dimensional parameters; the defaults are the paper's values (see the module notes)."""

    s: float = 0.1181  # effector supply
    p: float = 1.131  # maximal tumour-stimulated effector recruitment
    g: float = 20.19  # tumour size for half-maximal recruitment
    m: float = 0.00311  # effector inactivation by tumour cells
    d: float = 0.3743  # effector death rate
    a: float = 1.636  # tumour growth rate
    b: float = 0.002  # 1 / largest tumour size
    n: float = 1.0  # killing rate (1 by the paper's choice of time unit)
    blockade: float = 1.0  # book's checkpoint-blockade factor: multiplies n (1 = untreated)

    @property
    def killing(self) -> float:
        """The effective killing rate ``n * blockade``."""
        return self.n * self.blockade

    def replace(self, **changes: float) -> Params:
        """A copy with some parameters changed, e.g. ``PAPER.replace(a=1.2, blockade=3)``."""
        return dataclasses.replace(self, **changes)


PAPER = Params()
#: Effector level of a healthy host without tumour: the tumour-free equilibrium x = s/d.
RESTING_EFFECTORS = PAPER.s / PAPER.d


class Simulation(NamedTuple):
    """A solution on an even time grid, in model units (unpacks as ``t, x, y``)."""

    t: np.ndarray  # time (1 unit is about 9.08 days)
    x: np.ndarray  # effector cells (1 unit = 10**6 cells)
    y: np.ndarray  # tumour cells (1 unit = 10**6 cells); 0 once eliminated

    @property
    def days(self) -> np.ndarray:
        return self.t * DAYS_PER_UNIT


class Equilibrium(NamedTuple):
    """A steady state: where both right-hand sides are zero."""

    x: float
    y: float
    kind: str  # "stable node", "stable focus", "saddle", "unstable node", ...
    eigenvalues: tuple[complex, complex]

    @property
    def stable(self) -> bool:
        return self.kind.startswith("stable")


def rhs(t: float, z, params: Params = PAPER) -> list[float]:
    """Right-hand side ``[dx/dt, dy/dt]`` of the model at state ``z = (x, y)``."""
    x, y = z
    P = params
    dx = P.s + P.p * x * y / (P.g + y) - P.m * x * y - P.d * x
    dy = P.a * y * (1.0 - P.b * y) - P.killing * x * y
    return [dx, dy]


def jacobian(x: float, y: float, params: Params = PAPER) -> np.ndarray:
    """The matrix of partial derivatives of :func:`rhs` at ``(x, y)``."""
    P = params
    return np.array(
        [
            [P.p * y / (P.g + y) - P.m * y - P.d, P.p * x * P.g / (P.g + y) ** 2 - P.m * x],
            [-P.killing * y, P.a * (1.0 - 2.0 * P.b * y) - P.killing * x],
        ]
    )


def _kind(eigenvalues: np.ndarray) -> str:
    real = eigenvalues.real
    oscillating = abs(eigenvalues.imag).max() > 1e-12
    if np.any(np.isclose(real, 0.0, atol=1e-12)):
        return "non-hyperbolic"
    if np.all(real < 0):
        return "stable focus" if oscillating else "stable node"
    if np.all(real > 0):
        return "unstable focus" if oscillating else "unstable node"
    return "saddle"


def equilibrium_polynomial(params: Params = PAPER) -> np.polynomial.Polynomial:
    """The cubic in y whose roots are the tumour sizes of the tumour-present equilibria.

    The tumour nullcline (y > 0) is ``x = a(1 - b y) / n``; putting it into ``dx/dt = 0`` and
    multiplying by ``(g + y)`` gives
    ``a (1 - b y) [(d + m y)(g + y) - p y] - s n (g + y) = 0``.
    """
    Poly = np.polynomial.Polynomial
    P = params
    return (P.a * Poly([1.0, -P.b]) * (Poly([P.d, P.m]) * Poly([P.g, 1.0]) - Poly([0.0, P.p]))
            - P.s * P.killing * Poly([P.g, 1.0]))


def equilibria(params: Params = PAPER) -> list[Equilibrium]:
    """Every equilibrium with x >= 0 and y >= 0, sorted by tumour size.

    The first is always the tumour-free state ``(s/d, 0)``; the others are the real roots of
    :func:`equilibrium_polynomial` with ``0 < y < 1/b`` (so that x > 0), each refined by two
    Newton steps and classified by the eigenvalues of the Jacobian.
    """
    P = params
    points = [(P.s / P.d, 0.0)]
    poly = equilibrium_polynomial(P)
    derivative = poly.deriv()
    for root in poly.roots():
        if abs(root.imag) > 1e-7 * max(1.0, abs(root.real)):
            continue
        y = float(root.real)
        for _ in range(2):
            slope = derivative(y)
            if slope != 0:
                y -= poly(y) / slope
        if 0.0 < y < 1.0 / P.b:
            points.append((P.a * (1.0 - P.b * y) / P.killing, y))
    result = []
    for x, y in sorted(points, key=lambda point: point[1]):
        eigenvalues = np.linalg.eigvals(jacobian(x, y, P))
        result.append(Equilibrium(float(x), float(y), _kind(eigenvalues),
                                  tuple(complex(v) for v in eigenvalues)))
    return result


def nullclines(y, params: Params = PAPER) -> tuple[np.ndarray, np.ndarray]:
    """Effector values on the two nullclines at tumour sizes ``y``: ``(x_effector, x_tumour)``.

    ``dx/dt = 0`` on ``x = s / (d + m y - p y/(g + y))`` (NaN where that is not positive) and
    ``dy/dt = 0`` on ``x = a (1 - b y) / n`` (besides the axis y = 0).
    """
    P = params
    y = np.asarray(y, dtype=float)
    denominator = P.d + P.m * y - P.p * y / (P.g + y)
    with np.errstate(divide="ignore", invalid="ignore"):
        effector = np.where(denominator > 0, P.s / denominator, np.nan)
    tumour = P.a * (1.0 - P.b * y) / P.killing
    return effector, np.where(tumour > 0, tumour, np.nan)


def _tumour_event(extinction: float):
    def crossed(t, z, params):
        return z[1] - extinction

    crossed.terminal = True
    crossed.direction = -1
    return crossed


def simulate(params: Params = PAPER, x0: float = RESTING_EFFECTORS, y0: float = 1.0,
             t_max: float = 80.0, n_points: int = 161, *, extinction: float = ONE_CELL,
             method: str = "LSODA") -> Simulation:
    """Solve the model from ``(x0, y0)`` for ``0 <= t <= t_max`` (model units).

    Returns :class:`Simulation` arrays on ``n_points`` evenly spaced times. Once the tumour falls
    below ``extinction`` (one cell by default; 0 switches the cut-off off) it is set to 0, and the
    effectors then follow the exact solution of ``dx/dt = s - d x``.
    """
    if x0 < 0 or y0 < 0 or t_max <= 0 or n_points < 2:
        raise ValueError("need x0 >= 0, y0 >= 0, t_max > 0 and n_points >= 2")
    P = params
    t = np.linspace(0.0, t_max, n_points)
    x = np.empty(n_points)
    y = np.zeros(n_points)
    if y0 <= extinction:  # no tumour (or less than one cell): effectors relax to s/d
        t_end, x_end, done = 0.0, x0, 0
    else:
        solution = solve_ivp(rhs, (0.0, t_max), [x0, y0], method=method, t_eval=t, args=(P,),
                             events=_tumour_event(extinction) if extinction > 0 else None,
                             rtol=1e-6, atol=1e-10)
        if solution.status < 0:  # pragma: no cover - the model is smooth and bounded
            raise RuntimeError(solution.message)
        done = solution.t.size
        x[:done], y[:done] = solution.y
        if solution.status == 1:  # the tumour fell below one cell
            t_end, x_end = float(solution.t_events[0][0]), float(solution.y_events[0][0][0])
        else:
            t_end, x_end = t_max, x[done - 1]
    tail = t[done:]
    x[done:] = P.s / P.d + (x_end - P.s / P.d) * np.exp(-P.d * (tail - t_end))
    # the equations keep both populations non-negative; clip solver round-off below zero
    return Simulation(t, np.maximum(x, 0.0), np.maximum(y, 0.0))


def classify(y, *, elimination: float = ONE_CELL, escape: float = ESCAPE_SIZE) -> str:
    """The outcome from the final tumour size (the last value if ``y`` is an array).

    * ``"elimination"``: below ``elimination`` (one cell);
    * ``"escape"``: at or above ``escape`` (10**8 cells by default);
    * ``"equilibrium"``: in between, the immune system holds the tumour in check (dormancy).
    """
    final = float(np.asarray(y, dtype=float).ravel()[-1])
    if final < elimination:
        return "elimination"
    if final >= escape:
        return "escape"
    return "equilibrium"


def outcome(params: Params = PAPER, x0: float = RESTING_EFFECTORS, y0: float = 1.0,
            t_max: float = 80.0) -> str:
    """Shortcut: ``classify(simulate(params, x0, y0, t_max).y)``."""
    return classify(simulate(params, x0, y0, t_max).y)


def blockade_threshold(params: Params = PAPER) -> float:
    """Smallest blockade factor that makes the tumour-free state stable: ``a d / (n s)``.

    At ``(s/d, 0)`` the eigenvalues are ``-d`` and ``a - n * blockade * s / d``.
    """
    P = params
    return P.a * P.d / (P.n * P.s)
