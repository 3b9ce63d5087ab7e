"""Figures of the simulation chapters, and the sliders that drive them.

Every ``*_figure`` function takes the slider parameters as keywords and returns one complete
plotly figure, so that :func:`immunobook.simulations.frames.slider_figure` (static book) and
:func:`immunobook.simulations.frames.live_controls` (live kernel) draw exactly the same thing.
Colours come from the book's palette.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from immunobook.figures import PALETTE
from immunobook.simulations import car_t, checkpoint
from immunobook.simulations import tumour_immune as ti
from immunobook.simulations.frames import Slider

BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILION, _, BLACK = PALETTE
GREY = "#6b6b6b"
#: A legend under the plot, at the bottom of the figure, that never covers an axis title.
LEGEND_BELOW = dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0,
                    font=dict(size=12))
TITLE_PAD = dict(l=4)  # keeps the first letter of a left-aligned title off the page edge


def _title_and_legend_on_top(fig: go.Figure, legend_rows: int = 1) -> go.Figure:
    """Title at the very top, legend just above the plot, with room for both (no overlap)."""
    fig.update_layout(
        title=dict(yref="container", y=1, yanchor="top", pad=dict(t=6, l=4)),
        legend=dict(orientation="h", yref="paper", y=1.0, yanchor="bottom", x=0,
                    font=dict(size=12)),
        margin=dict(t=38 + 21 * legend_rows),
    )
    return fig


def _positive(values) -> list:
    """Values for a logarithmic axis: zeros and negatives become gaps (None)."""
    return [float(v) if v > 0 else None for v in np.asarray(values, dtype=float)]


# --- tumour-immune model ---------------------------------------------------------------------

#: Starting points of the phase portrait: (label, effector cells x0, tumour cells y0), model units.
PHASE_STARTS = (
    ("10 cells, many effectors", 5.0, 1e-5),
    ("10⁶ cells, resting immunity", ti.RESTING_EFFECTORS, 1.0),
    ("3×10⁸ cells, resting immunity", ti.RESTING_EFFECTORS, 300.0),
)
TIME_COURSE_START = 100.0  # y0 of the slider figure: 10**8 tumour cells
TIME_COURSE_T_MAX = 80.0  # model time units: about 727 days
BLOCKADE_FACTORS = np.linspace(1.0, 7.0, 121)  # blockade_diagram's default x axis
BLOCKADE_LEVELS = np.linspace(0.0, 1.0, 21)  # outcome_map's default grid (21 x 21)


def phase_portrait(params: ti.Params = ti.PAPER, starts=PHASE_STARTS,
                   t_max: float = 80.0) -> go.Figure:
    """Phase portrait: nullclines, computed equilibria and three trajectories.

    Axes: effector cells in millions (linear) and tumour cells in cells (logarithmic).
    """
    y = np.logspace(-6, np.log10(0.999 / params.b), 160)
    x_effector, x_tumour = ti.nullclines(y, params)
    cells = y * ti.CELLS_PER_UNIT
    fig = go.Figure()
    fig.add_scatter(x=np.where(np.isnan(x_effector), None, x_effector), y=cells, mode="lines",
                    name="effector nullcline (dx/dt = 0)", line=dict(color=GREY, dash="dash"))
    fig.add_scatter(x=x_tumour, y=cells, mode="lines", name="tumour nullcline (dy/dt = 0)",
                    line=dict(color=GREY, dash="dot"))
    for (label, x0, y0), colour in zip(starts, (GREEN, BLUE, VERMILION), strict=False):
        run = ti.simulate(params, x0, y0, t_max, 400)
        kept = run.y > 0
        fig.add_scatter(x=run.x[kept], y=run.y[kept] * ti.CELLS_PER_UNIT, mode="lines",
                        name=f"{label} → {ti.classify(run.y)}", line=dict(color=colour, width=2))
        fig.add_scatter(x=[x0], y=[y0 * ti.CELLS_PER_UNIT], mode="markers", showlegend=False,
                        marker=dict(color=colour, size=9, symbol="circle-open"),
                        hovertemplate="start<extra></extra>")
    visible = [e for e in ti.equilibria(params) if e.y > 0]
    fig.add_scatter(
        x=[e.x for e in visible], y=[e.y * ti.CELLS_PER_UNIT for e in visible], mode="markers",
        name="equilibria (filled = stable)",
        marker=dict(size=12, color=[BLACK if e.stable else "white" for e in visible],
                    line=dict(color=BLACK, width=2)),
        text=[e.kind for e in visible],
        hovertemplate="%{text}<br>%{x:.3g} million effectors<br>%{y:.3g} tumour cells"
                      "<extra></extra>",
    )
    fig.update_layout(height=600, title=dict(text="Phase portrait (paper's parameters)",
                                             pad=TITLE_PAD), legend=LEGEND_BELOW)
    fig.update_xaxes(title="Effector cells (millions)", range=[0, 5.5])
    fig.update_yaxes(title="Tumour cells (log scale)", type="log", range=[0, 9],
                     exponentformat="power")
    return fig


def tumour_time_course(a: float = ti.PAPER.a, blockade: float = 1.0,
                       y0: float = TIME_COURSE_START, t_max: float = TIME_COURSE_T_MAX,
                       n_points: int = 121) -> go.Figure:
    """Tumour and effector cells over time for one growth rate and blockade factor."""
    params = ti.PAPER.replace(a=a, blockade=blockade)
    run = ti.simulate(params, ti.RESTING_EFFECTORS, y0, t_max, n_points)
    days = run.days
    fig = go.Figure()
    fig.add_scatter(x=days, y=_positive(run.y * ti.CELLS_PER_UNIT), name="tumour cells",
                    mode="lines", line=dict(color=VERMILION, width=3))
    fig.add_scatter(x=days, y=_positive(run.x * ti.CELLS_PER_UNIT), name="effector cells",
                    mode="lines", line=dict(color=BLUE, width=2))
    fig.update_layout(height=430,
                      title=f"a = {a:g}, killing ×{blockade:g} → {ti.classify(run.y)}")
    _title_and_legend_on_top(fig, 1)
    fig.update_xaxes(title="Days", range=[0, float(days[-1])])
    fig.update_yaxes(title="Cells (log scale)", type="log", range=[0, 9], exponentformat="power")
    return fig


GROWTH_VALUES = (1.0, 1.1, 1.2, 1.3, 1.4, 1.5, ti.PAPER.a, 1.7, 1.8, 1.9, 2.0)
BLOCKADE_VALUES = tuple(1.0 + 0.5 * i for i in range(11))
TUMOUR_SLIDERS = (
    Slider("a", "Tumour growth rate a", GROWTH_VALUES, ti.PAPER.a),
    Slider("blockade", "Blockade: killing ×", BLOCKADE_VALUES, 1.0),
)


def three_fates_figure(starts=PHASE_STARTS, t_max: float = TIME_COURSE_T_MAX,
                       n_points: int = 161) -> go.Figure:
    """Tumour cells over time from the phase portrait's three starting points."""
    fig = go.Figure()
    for (label, x0, y0), colour in zip(starts, (GREEN, BLUE, VERMILION), strict=False):
        run = ti.simulate(ti.PAPER, x0, y0, t_max, n_points)
        outcome = ti.classify(run.y)
        if outcome == "elimination":  # a fast drop: draw its first weeks on a finer grid
            end = float(run.t[np.argmax(run.y == 0)])
            run = ti.simulate(ti.PAPER, x0, y0, 1.5 * end, 61)
            fig.add_annotation(x=float(run.days[np.argmax(run.y == 0)]), y=0, ax=40, ay=-60,
                               text="below one cell", font=dict(size=12, color=colour),
                               arrowcolor=colour)
        fig.add_scatter(x=run.days, y=_positive(run.y * ti.CELLS_PER_UNIT), mode="lines",
                        name=f"{label} → {outcome}", line=dict(color=colour, width=3))
    fig.update_layout(height=470, title=dict(text="Three starts, three fates", pad=TITLE_PAD),
                      legend=LEGEND_BELOW)
    fig.update_xaxes(title="Days", range=[0, t_max * ti.DAYS_PER_UNIT])
    fig.update_yaxes(title="Tumour cells (log scale)", type="log", range=[0, 9],
                     exponentformat="power")
    return fig


def blockade_diagram(factors=BLOCKADE_FACTORS, a: float = ti.PAPER.a) -> go.Figure:
    """Tumour size at every equilibrium as the blockade factor grows (a bifurcation diagram)."""
    rows = [(k, e) for k in factors for e in ti.equilibria(ti.PAPER.replace(a=a, blockade=k))]
    fig = go.Figure()
    for stable, name, colour, symbol in ((True, "stable", BLUE, "circle"),
                                         (False, "unstable", GREY, "circle-open")):
        chosen = [(k, max(e.y, 1e-6) * ti.CELLS_PER_UNIT) for k, e in rows if e.stable == stable]
        fig.add_scatter(x=[k for k, _ in chosen], y=[v for _, v in chosen], mode="markers",
                        name=name, marker=dict(color=colour, size=5, symbol=symbol))
    threshold = ti.blockade_threshold(ti.PAPER.replace(a=a))
    fig.add_vline(x=threshold, line=dict(color=BLACK, dash="dot", width=1))
    fig.add_annotation(x=threshold, y=3, text=f"tumour-free state<br>stable beyond {threshold:.2f}",
                       showarrow=False, xanchor="right", align="right", font=dict(size=12))
    fig.update_layout(height=480, legend=LEGEND_BELOW,
                      title=dict(text=f"Steady states as killing grows (a = {a:g})",
                                 pad=TITLE_PAD))
    fig.update_xaxes(title="Blockade factor", range=[1, float(factors[-1])])
    fig.update_yaxes(title="Tumour cells (log)", type="log", range=[-0.2, 9],
                     exponentformat="power")
    return fig


# --- CAR T-cell model --------------------------------------------------------------------------


def _short(value: float) -> str:
    """1e8 -> '1e8', 3.16e8 -> '3.2e8'."""
    return f"{value:.2g}".replace("e+0", "e").replace("e+", "e")


def car_t_figure(dose: float = car_t.DEFAULT_DOSE,
                 tumour_burden: float = car_t.DEFAULT_BURDEN, n_points: int = 121) -> go.Figure:
    """CAR T cells, target cells and cytokine over 90 days for one dose and tumour burden."""
    run = car_t.simulate(dose, tumour_burden, n_points=n_points)
    risk = car_t.crs_risk(run)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        row_heights=[0.64, 0.36])
    for values, name, colour, dash in (
        (run.effector, "effector CAR T", GREEN, None),
        (run.memory, "memory CAR T", PURPLE, "dash"),
        (run.target, "target cells", VERMILION, None),
    ):
        fig.add_scatter(x=run.days, y=_positive(values), name=name, mode="lines",
                        line=dict(color=colour, width=2, dash=dash), row=1, col=1)
    fig.add_scatter(x=run.days, y=run.cytokine, name="cytokine", mode="lines",
                    line=dict(color=ORANGE, width=2), row=2, col=1)
    fig.add_hline(y=car_t.CRS_THRESHOLD, line=dict(color=BLACK, dash="dot", width=1.5),
                  row=2, col=1)
    fig.add_annotation(x=90, y=car_t.CRS_THRESHOLD, xanchor="right", yanchor="bottom",
                       text="threshold (illustrative)", showarrow=False, font=dict(size=11),
                       row=2, col=1)
    fig.update_layout(
        height=560,
        title=f"Dose {_short(dose)}, burden {_short(tumour_burden)} → "
              f"cytokine {risk.ratio:.2f}×",
    )
    _title_and_legend_on_top(fig, 2)
    fig.update_yaxes(title="Cells (log)", type="log", range=[0, 11], exponentformat="power",
                     row=1, col=1)
    fig.update_yaxes(title="Cytokine (a.u.)", range=[0, 2.5], row=2, col=1)
    fig.update_xaxes(title="Days after infusion", range=[0, float(run.days[-1])], row=2, col=1)
    return fig


DOSE_VALUES = tuple(float(f"{10 ** (7 + 0.25 * i):.3g}") for i in range(9))
BURDEN_VALUES = tuple(float(f"{10 ** (9 + 0.5 * i):.3g}") for i in range(7))
CAR_T_SLIDERS = (
    Slider("dose", "CAR T cells infused", DOSE_VALUES, car_t.DEFAULT_DOSE,
           labels=tuple(_short(v) for v in DOSE_VALUES), log=True),
    Slider("tumour_burden", "Target cells at infusion", BURDEN_VALUES, car_t.DEFAULT_BURDEN,
           labels=tuple(_short(v) for v in BURDEN_VALUES), log=True),
)


def car_t_phases_figure(dose: float = car_t.DEFAULT_DOSE,
                        tumour_burden: float = car_t.DEFAULT_BURDEN) -> go.Figure:
    """All CAR T cells over 90 days, with the expansion, contraction and persistence phases."""
    run = car_t.simulate(dose, tumour_burden, n_points=181)
    total = run.car_t
    peak = float(run.days[int(np.argmax(total))])
    fig = go.Figure()
    fig.add_scatter(x=run.days, y=_positive(total), name="all CAR T cells", mode="lines",
                    line=dict(color=BLACK, width=3))
    fig.add_scatter(x=run.days, y=_positive(run.target), name="target cells", mode="lines",
                    line=dict(color=VERMILION, width=2, dash="dash"))
    for x0, x1, label, colour in ((0, peak, "expansion", GREEN),
                                  (peak, peak + 21, "contraction", ORANGE),
                                  (peak + 21, 90, "persistence", PURPLE)):
        fig.add_vrect(x0=x0, x1=x1, fillcolor=colour, opacity=0.15, line_width=0)
        fig.add_scatter(x=[None], y=[None], mode="markers", name=f"{label} phase",
                        marker=dict(symbol="square", size=14, color=colour, opacity=0.35))
    fig.update_layout(height=520, legend=LEGEND_BELOW,
                      title=dict(text=f"One infusion: {_short(dose)} CAR T cells, "
                                      f"{_short(tumour_burden)} targets", pad=TITLE_PAD))
    fig.update_xaxes(title="Days after infusion", range=[0, 90])
    fig.update_yaxes(title="Cells (log scale)", type="log", range=[0, 11], exponentformat="power")
    return fig


def crs_map(doses=DOSE_VALUES, burdens=BURDEN_VALUES) -> tuple[go.Figure, np.ndarray]:
    """Peak cytokine (in multiples of the threshold) for every dose and burden on the sliders."""
    ratio = np.array([[car_t.crs_risk(car_t.simulate(d, b)).ratio for d in doses]
                      for b in burdens])
    fig = go.Figure(go.Heatmap(
        x=[_short(d) for d in doses], y=[_short(b) for b in burdens], z=np.round(ratio, 2),
        zmid=1.0, colorscale=[[0, BLUE], [0.5, "#ffffff"], [1, VERMILION]], showscale=False,
        text=np.round(ratio, 1), texttemplate="%{text}", textfont=dict(size=10),
        hovertemplate="dose %{x}<br>burden %{y}<br>peak %{z}× threshold<extra></extra>"))
    fig.update_layout(height=430, title=dict(text="Cytokine peak ÷ threshold", pad=TITLE_PAD))
    fig.update_xaxes(title="CAR T cells infused", type="category")
    fig.update_yaxes(title="Target cells at infusion", type="category")
    return fig, ratio


# --- checkpoint brakes model -------------------------------------------------------------------

BLOCKADE_LEVELS = np.linspace(0.0, 1.0, 51)
SHORT_OUTCOMES = {
    "no effect": "no effect",
    "tumour control": "control",
    "side effects without tumour control": "side effects only",
    "tumour control with side effects": "control + side effects",
}


def _threshold_lines(fig: go.Figure) -> None:
    """Dotted lines for tumour control and side effects, labelled on the plot."""
    for y, colour, text in ((checkpoint.TUMOUR_CONTROL, BLUE, "tumour control"),
                            (checkpoint.AUTOIMMUNITY, VERMILION, "side effects")):
        fig.add_hline(y=y, line=dict(color=colour, dash="dot", width=1.5))
        fig.add_annotation(xref="paper", x=0.01, y=y, xanchor="left", yanchor="bottom",
                           text=text, showarrow=False, font=dict(size=11, color=colour),
                           bgcolor="rgba(255, 255, 255, 0.85)")


def brakes_figure(strategy: str = "PD-1", tumour_stimulation: float = 1.0) -> go.Figure:
    """Tumour-directed and self-directed activity as one treatment's blockade goes 0 -> 100 %."""
    tumour = checkpoint.TUMOUR.replace(stimulation=tumour_stimulation)
    pd1, ctla4 = checkpoint.strategy_blockade(strategy, BLOCKADE_LEVELS)
    percent = BLOCKADE_LEVELS * 100
    fig = go.Figure()
    fig.add_scatter(x=percent, y=checkpoint.activity(tumour, pd1, ctla4), mode="lines",
                    name="tumour-directed T cells", line=dict(color=BLUE, width=3))
    fig.add_scatter(x=percent, y=checkpoint.activity(checkpoint.SELF, pd1, ctla4), mode="lines",
                    name="self-directed T cells", line=dict(color=VERMILION, width=3, dash="dash"))
    _threshold_lines(fig)
    end = checkpoint.steady_state(*checkpoint.strategy_blockade(strategy, 1.0), tumour=tumour)
    label = "both" if strategy == "PD-1 + CTLA-4" else strategy
    fig.update_layout(height=430, title=f"{label}, S = {tumour_stimulation:g} → "
                                         f"{SHORT_OUTCOMES[end['outcome']]}")
    _title_and_legend_on_top(fig, 2)
    fig.update_xaxes(title="Share of the brake blocked (%)", range=[0, 100])
    fig.update_yaxes(title="T-cell activity (model units)", range=[0, 1.05])
    return fig


STIMULATION_VALUES = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
BRAKES_SLIDERS = (
    Slider("strategy", "Treatment", tuple(checkpoint.STRATEGIES), "PD-1",
           labels=("PD-1", "CTLA-4", "both")),
    Slider("tumour_stimulation", "Tumour stimulation", STIMULATION_VALUES, 1.0),
)


def brakes_bars_figure() -> go.Figure:
    """Activity of both T-cell populations with no treatment and with each full blockade."""
    names = ["none", "PD-1", "CTLA-4", "both"]
    states = [checkpoint.steady_state()] + [
        checkpoint.steady_state(*checkpoint.strategy_blockade(name, 1.0))
        for name in checkpoint.STRATEGIES]
    fig = go.Figure()
    fig.add_bar(x=names, y=[round(s["tumour"], 3) for s in states],
                name="tumour-directed T cells", marker_color=BLUE)
    fig.add_bar(x=names, y=[round(s["self"], 3) for s in states],
                name="self-directed T cells", marker_color=VERMILION,
                marker_pattern_shape="/")
    _threshold_lines(fig)
    fig.update_layout(height=460, barmode="group", legend=LEGEND_BELOW,
                      title=dict(text="Full blockade of each brake", pad=TITLE_PAD))
    fig.update_yaxes(title="T-cell activity (model units)", range=[0, 1.05])
    return fig


OUTCOME_COLOURS = {
    "no effect": "#bdbdbd",
    "tumour control": BLUE,
    "side effects without tumour control": ORANGE,
    "tumour control with side effects": VERMILION,
}


def outcome_map(levels=BLOCKADE_LEVELS, tumour_stimulation: float = 1.0) -> go.Figure:
    """Outcome for every combination of PD-1 and CTLA-4 blockade (a 21 × 21 grid)."""
    tumour = checkpoint.TUMOUR.replace(stimulation=tumour_stimulation)
    points = {name: ([], []) for name in OUTCOME_COLOURS}
    for pd1 in levels:
        for ctla4 in levels:
            result = checkpoint.steady_state(pd1, ctla4, tumour=tumour)
            points[result["outcome"]][0].append(round(100 * pd1))
            points[result["outcome"]][1].append(round(100 * ctla4))
    fig = go.Figure()
    for name, (xs, ys) in points.items():
        fig.add_scatter(x=xs, y=ys, mode="markers", name=name,
                        marker=dict(color=OUTCOME_COLOURS[name], size=11, symbol="square"),
                        hovertemplate="PD-1 %{x} %, CTLA-4 %{y} %<extra>" + name + "</extra>")
    fig.update_layout(height=560, title=dict(text="Outcome of each mix of blockades",
                                             pad=TITLE_PAD), legend=LEGEND_BELOW)
    fig.update_xaxes(title="PD-1 brake blocked (%)", range=[-3, 103])
    fig.update_yaxes(title="CTLA-4 brake blocked (%)", range=[-3, 103], scaleanchor="x")
    return fig
