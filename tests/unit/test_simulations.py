"""The teaching simulations: sound numbers, the behaviour the chapters describe, static = live."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from immunobook.simulations import car_t, checkpoint, frames, plots
from immunobook.simulations import tumour_immune as ti

FAST = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])

growth = st.floats(min_value=min(plots.GROWTH_VALUES), max_value=max(plots.GROWTH_VALUES))
blockade = st.floats(min_value=min(plots.BLOCKADE_VALUES), max_value=max(plots.BLOCKADE_VALUES))
log_dose = st.floats(min_value=math.log10(min(plots.DOSE_VALUES)),
                     max_value=math.log10(max(plots.DOSE_VALUES)))
log_burden = st.floats(min_value=math.log10(min(plots.BURDEN_VALUES)),
                       max_value=math.log10(max(plots.BURDEN_VALUES)))
fraction = st.floats(min_value=0.0, max_value=1.0)


# --- tumour-immune model (Kuznetsov et al. 1994) ----------------------------------------------


def test_the_default_parameters_are_the_papers_non_dimensional_values():
    P = ti.PAPER
    assert (P.s, P.p, P.g, P.m, P.d, P.a, P.b, P.n, P.blockade) == (
        0.1181, 1.131, 20.19, 0.00311, 0.3743, 1.636, 0.002, 1.0, 1.0)
    # the paper's scaling: dimensional rates divided by n*T0 = 1.101e-7 * 1e6 per day
    assert ti.DAYS_PER_UNIT == pytest.approx(9.083, abs=1e-3)
    assert 0.18 * ti.DAYS_PER_UNIT == pytest.approx(P.a, rel=1e-3)  # a = 0.18 per day
    assert 0.0412 * ti.DAYS_PER_UNIT == pytest.approx(P.d, rel=1e-3)  # d = 0.0412 per day


def test_the_paper_parameters_give_four_equilibria_of_the_expected_kinds():
    points = ti.equilibria()
    assert [e.kind for e in points] == ["saddle", "stable focus", "saddle", "stable node"]
    tumour_free, dormant, saddle, escape = points
    assert (tumour_free.x, tumour_free.y) == pytest.approx((ti.PAPER.s / ti.PAPER.d, 0.0))
    assert dormant.y == pytest.approx(8.19, abs=0.01)
    assert dormant.x == pytest.approx(1.609, abs=1e-3)
    assert saddle.y == pytest.approx(267.8, abs=0.1) and saddle.x == pytest.approx(0.7598, abs=1e-3)
    assert escape.y == pytest.approx(447.1, abs=0.1) and escape.x == pytest.approx(0.1730, abs=1e-3)


@FAST
@given(a=growth, factor=blockade)
def test_equilibria_are_zeros_of_the_right_hand_side(a, factor):
    params = ti.PAPER.replace(a=a, blockade=factor)
    points = ti.equilibria(params)
    assert points[0].y == 0.0  # the tumour-free state is always there
    for e in points:
        assert e.x > 0 and 0 <= e.y < 1 / params.b
        assert np.allclose(ti.rhs(0.0, (e.x, e.y), params), 0.0, atol=1e-8)


def test_equilibria_agree_with_a_root_finder_on_the_nullcline():
    from scipy.optimize import brentq

    poly = ti.equilibrium_polynomial()
    y = np.linspace(1e-3, 499, 20000)
    signs = np.sign(poly(y))
    brackets = np.nonzero(np.diff(signs))[0]
    roots = [brentq(poly, y[i], y[i + 1]) for i in brackets]
    assert roots == pytest.approx([e.y for e in ti.equilibria()[1:]], rel=1e-9)


def test_stable_equilibria_attract_and_the_tumour_free_state_repels():
    dormant, escape = ti.equilibria()[1], ti.equilibria()[3]
    near_dormant = ti.simulate(ti.PAPER, dormant.x * 1.1, dormant.y * 0.9, t_max=150)
    near_escape = ti.simulate(ti.PAPER, escape.x * 1.1, escape.y * 0.9, t_max=150)
    assert near_dormant.y[-1] == pytest.approx(dormant.y, rel=1e-3)
    assert near_escape.y[-1] == pytest.approx(escape.y, rel=1e-3)
    # a few tumour cells next to a resting immune system grow: the tumour-free state is a saddle
    assert ti.simulate(ti.PAPER, ti.RESTING_EFFECTORS, 1e-4, t_max=20).y[-1] > 1e-2


def test_the_three_immunoediting_outcomes_appear_with_the_papers_parameters():
    # a large tumour (beyond the saddle) next to a resting immune system escapes
    assert ti.outcome(ti.PAPER, ti.RESTING_EFFECTORS, 300.0) == "escape"
    # a small one is held in the dormant state
    run = ti.simulate(ti.PAPER, ti.RESTING_EFFECTORS, 1.0, t_max=150)
    assert ti.classify(run.y) == "equilibrium"
    assert run.y[-1] == pytest.approx(ti.equilibria()[1].y, rel=1e-2)
    # a very small tumour meeting a strong effector response falls below one cell
    assert ti.outcome(ti.PAPER, 5.0, 1e-5) == "elimination"


def test_the_saddle_separates_dormancy_from_escape():
    saddle = ti.equilibria()[2]
    below = ti.outcome(ti.PAPER, saddle.x, saddle.y * 0.9, t_max=150)
    above = ti.outcome(ti.PAPER, saddle.x, saddle.y * 1.1, t_max=150)
    assert (below, above) == ("equilibrium", "escape")


def test_enough_blockade_makes_the_tumour_free_state_stable():
    threshold = ti.blockade_threshold()
    assert threshold == pytest.approx(ti.PAPER.a * ti.PAPER.d / ti.PAPER.s)
    assert ti.equilibria(ti.PAPER.replace(blockade=threshold * 0.99))[0].kind == "saddle"
    assert ti.equilibria(ti.PAPER.replace(blockade=threshold * 1.01))[0].kind == "stable node"
    # on the chapter's slider: untreated -> escape, some blockade -> dormancy, strong -> elimination
    outcomes = [ti.outcome(ti.PAPER.replace(blockade=k), y0=plots.TIME_COURSE_START)
                for k in (1.0, 2.0, 6.0)]
    assert outcomes == ["escape", "equilibrium", "elimination"]


@FAST
@given(a=growth, factor=blockade, x0=st.floats(0.0, 5.0), log_y0=st.floats(-5.0, 2.69))
def test_solutions_are_finite_non_negative_and_bounded_over_the_slider_ranges(a, factor, x0,
                                                                              log_y0):
    params = ti.PAPER.replace(a=a, blockade=factor)
    run = ti.simulate(params, x0, 10 ** log_y0, t_max=plots.TIME_COURSE_T_MAX)
    assert np.all(np.isfinite(run.x)) and np.all(np.isfinite(run.y))
    assert run.x.min() >= 0 and run.y.min() >= 0
    assert run.y.max() <= 1 / params.b * (1 + 1e-6)
    assert ti.classify(run.y) in ti.OUTCOMES


def test_classify_uses_the_final_size_and_the_thresholds():
    assert ti.classify([5.0, 0.0]) == "elimination"
    assert ti.classify(0.5 * ti.ONE_CELL) == "elimination"
    assert ti.classify(np.array([1.0, 8.0])) == "equilibrium"
    assert ti.classify(ti.ESCAPE_SIZE) == "escape"
    assert ti.classify(50.0, escape=40.0) == "escape"


def test_simulate_rejects_impossible_input_and_handles_no_tumour():
    with pytest.raises(ValueError):
        ti.simulate(ti.PAPER, -1.0, 1.0)
    run = ti.simulate(ti.PAPER, 2.0, 0.0, t_max=50)
    assert np.all(run.y == 0) and run.x[-1] == pytest.approx(ti.RESTING_EFFECTORS, rel=1e-3)


# --- CAR T-cell model --------------------------------------------------------------------------


@FAST
@given(log_d=log_dose, log_b=log_burden)
def test_car_t_solutions_are_finite_and_non_negative(log_d, log_b):
    run = car_t.simulate(10 ** log_d, 10 ** log_b)
    values = np.vstack([run.effector, run.memory, run.target, run.cytokine])
    assert np.all(np.isfinite(values)) and values.min() >= 0
    assert run.days[-1] == 90


@FAST
@given(log_d=log_dose, log_b=log_burden)
def test_car_t_cells_expand_then_contract_and_memory_persists(log_d, log_b):
    dose = 10 ** log_d
    run = car_t.simulate(dose, 10 ** log_b)
    total = run.car_t
    peak = int(np.argmax(total))
    assert 0 < peak < len(total) - 1
    assert total[peak] >= 3 * dose  # expansion
    assert 2 <= run.days[peak] <= 20  # within the first weeks, as in Stein et al. (2019)
    assert total[-1] <= 0.1 * total[peak]  # contraction
    assert run.memory[-1] > 0.5 * total[-1]  # what persists is memory


def test_the_default_infusion_clears_the_targets():
    run = car_t.simulate()
    assert run.target[-1] == 0 and run.target[0] == car_t.DEFAULT_BURDEN
    summary = car_t.summary(run)
    assert 0.005 < summary["CAR T cells at end"] / summary["peak CAR T cells"] < 0.05


def _cytokine_peak(log_dose: float, log_burden: float) -> float:
    return car_t.crs_risk(car_t.simulate(10 ** log_dose, 10 ** log_burden)).peak


@pytest.mark.parametrize("raised", ["dose", "tumour burden"])
@FAST
@given(log_d=log_dose, log_b=log_burden, step=st.floats(0.1, 3.0))
def test_a_higher_dose_or_tumour_burden_raises_the_cytokine_peak(raised, log_d, log_b, step):
    if raised == "dose":
        high = min(log_d + step, math.log10(max(plots.DOSE_VALUES)))
        assume(high - log_d >= 0.05)
        higher = (high, log_b)
    else:
        high = min(log_b + step, math.log10(max(plots.BURDEN_VALUES)))
        assume(high - log_b >= 0.05)
        higher = (log_d, high)
    assert _cytokine_peak(*higher) > _cytokine_peak(log_d, log_b)


def test_crs_risk_compares_the_peak_with_the_threshold():
    low = car_t.crs_risk(car_t.simulate(1e8, 1e9))
    high = car_t.crs_risk(car_t.simulate(1e8, 1e12))
    assert not low.above and high.above
    assert high.ratio == pytest.approx(high.peak / car_t.CRS_THRESHOLD)
    assert car_t.crs_risk(car_t.simulate(1e8, 1e12), threshold=100.0).above is False


# --- checkpoint brakes model -------------------------------------------------------------------


@FAST
@given(b1=fraction, b2=fraction, c=fraction)
def test_blocking_more_of_a_brake_never_lowers_activity(b1, b2, c):
    low, high = sorted((b1, b2))
    for cells in (checkpoint.TUMOUR, checkpoint.SELF):
        assert checkpoint.activity(cells, high, c) >= checkpoint.activity(cells, low, c)
        assert checkpoint.activity(cells, c, high) >= checkpoint.activity(cells, c, low)
        assert 0 < checkpoint.activity(cells, b1, b2) <= cells.stimulation


def test_the_brakes_model_reproduces_the_qualitative_pattern():
    outcomes = {name: checkpoint.steady_state(*checkpoint.strategy_blockade(name, 1.0))["outcome"]
                for name in checkpoint.STRATEGIES}
    assert checkpoint.steady_state()["outcome"] == "no effect"
    assert outcomes == {"PD-1": "tumour control",
                        "CTLA-4": "side effects without tumour control",
                        "PD-1 + CTLA-4": "tumour control with side effects"}


def test_blockade_needed_solves_the_threshold_exactly():
    level = checkpoint.blockade_needed(checkpoint.TUMOUR, checkpoint.TUMOUR_CONTROL, "PD-1")
    pd1, ctla4 = checkpoint.strategy_blockade("PD-1", level)
    assert checkpoint.activity(checkpoint.TUMOUR, pd1, ctla4) == pytest.approx(
        checkpoint.TUMOUR_CONTROL)
    assert checkpoint.blockade_needed(checkpoint.TUMOUR, checkpoint.TUMOUR_CONTROL,
                                      "CTLA-4") is None
    assert checkpoint.blockade_needed(checkpoint.TUMOUR.replace(stimulation=5.0),
                                      checkpoint.TUMOUR_CONTROL, "PD-1") == 0.0


def test_activity_relaxes_to_the_steady_state():
    curve = checkpoint.relax(checkpoint.TUMOUR, 0.5, 0.5, a0=0.0, t=np.linspace(0, 10, 11))
    assert curve[0] == 0 and curve[-1] == pytest.approx(
        checkpoint.activity(checkpoint.TUMOUR, 0.5, 0.5), rel=1e-6)
    with pytest.raises(ValueError):
        checkpoint.activity(checkpoint.TUMOUR, 1.5)


# --- static figures with sliders ----------------------------------------------------------------

FIGURES = {
    "tumour": (plots.tumour_time_course, plots.TUMOUR_SLIDERS),
    "car_t": (plots.car_t_figure, plots.CAR_T_SLIDERS),
    "brakes": (plots.brakes_figure, plots.BRAKES_SLIDERS),
}


@pytest.fixture(scope="module", params=list(FIGURES))
def static_figure(request):
    build, sliders = FIGURES[request.param]
    return request.param, build, sliders, frames.slider_figure(build, sliders)


def test_static_figures_are_small(static_figure):
    name, _, sliders, fig = static_figure
    assert len(fig.frames) == sum(len(s.values) for s in sliders)
    assert all(len(s.values) <= frames.MAX_STEPS for s in sliders)
    assert all(len(frames.unpack(trace.x)) <= 200 for trace in fig.data)
    assert frames.payload_bytes(fig) < 150_000, name


def _live_arrays(name, slider, value):
    """The same curves computed straight from the model functions."""
    defaults = {s.name: s.default for s in FIGURES[name][1]} | {slider.name: value}
    if name == "tumour":
        params = ti.PAPER.replace(**defaults)
        run = ti.simulate(params, ti.RESTING_EFFECTORS, plots.TIME_COURSE_START,
                          plots.TIME_COURSE_T_MAX, 121)
        return [run.y * ti.CELLS_PER_UNIT, run.x * ti.CELLS_PER_UNIT]
    if name == "car_t":
        run = car_t.simulate(defaults["dose"], defaults["tumour_burden"], n_points=121)
        return [run.effector, run.memory, run.target, run.cytokine]
    tumour = checkpoint.TUMOUR.replace(stimulation=defaults["tumour_stimulation"])
    pd1, ctla4 = checkpoint.strategy_blockade(defaults["strategy"], plots.BLOCKADE_LEVELS)
    return [checkpoint.activity(tumour, pd1, ctla4),
            checkpoint.activity(checkpoint.SELF, pd1, ctla4)]


# which curves the figures draw on a logarithmic axis (zeros become gaps there)
LOG_CURVES = {"tumour": {0, 1}, "car_t": {0, 1, 2}, "brakes": set()}


def test_static_frames_equal_the_live_model_output(static_figure):
    name, _, sliders, fig = static_figure
    for slider in sliders:
        for value in slider.values:
            drawn = frames.frame_traces(fig, slider, value)
            for index, expected in enumerate(_live_arrays(name, slider, value)):
                expected = np.asarray(expected, dtype=float)
                if index in LOG_CURVES[name]:
                    expected = np.where(expected > 0, expected, np.nan)
                np.testing.assert_array_equal(  # equal as float32, gaps (NaN) included
                    frames.unpack(drawn[index]["y"]), expected.astype(np.float32).astype(float),
                    err_msg=f"{name} {slider.name}={value} trace {index}")


def test_the_first_frame_state_is_the_figure_itself(static_figure):
    _, build, sliders, fig = static_figure
    first = sliders[0]
    drawn = frames.frame_traces(fig, first, first.default)
    for index, trace in drawn.items():
        np.testing.assert_array_equal(frames.unpack(trace["y"]), frames.unpack(fig.data[index].y))
    assert fig.layout.title.text == build().layout.title.text


def test_a_frame_moves_the_other_sliders_back_to_their_defaults(static_figure):
    _, _, sliders, fig = static_figure
    frame = fig.frames[-1]  # a step of the last slider
    actives = [s.to_plotly_json().get("active") for s in frame.layout.sliders]
    assert actives[-1] is None and actives[0] == sliders[0].default_index


def test_sliders_refuse_too_many_steps_or_a_missing_default():
    with pytest.raises(ValueError):
        frames.Slider("a", "a", tuple(range(12)), 0)
    with pytest.raises(ValueError):
        frames.Slider("a", "a", (1, 2), 3)


def test_pack_makes_compact_float32_typed_arrays():
    values = [1.5, None, 3e10, float("nan"), 2]
    packed = frames.pack(values)
    assert packed["dtype"] == "f4" and len(packed["bdata"]) == 28  # 5 numbers * 4 bytes, base64
    unpacked = frames.unpack(packed)
    assert unpacked[0] == 1.5 and np.isnan(unpacked[1]) and np.isnan(unpacked[3])
    assert unpacked[2] == pytest.approx(3e10, rel=1e-7)
    assert frames.pack(["a", "b"]) == ["a", "b"]


def test_live_controls_call_the_same_build_function():
    seen = []

    def build(a=1.0, blockade=1.0):
        seen.append((a, blockade))
        return plots.tumour_time_course(a=a, blockade=blockade, n_points=21)

    widget = frames.live_controls(build, plots.TUMOUR_SLIDERS)
    labels = [child.description for child in widget.children[:-1]]
    assert labels == [s.label for s in plots.TUMOUR_SLIDERS]
    assert seen and seen[-1] == (ti.PAPER.a, 1.0)


def test_the_phase_portrait_marks_the_computed_equilibria():
    fig = plots.phase_portrait()
    markers = [t for t in fig.data if t.name and t.name.startswith("equilibria")][0]
    expected = [e for e in ti.equilibria() if e.y > 0]
    assert list(markers.x) == pytest.approx([e.x for e in expected])
    assert list(markers.text) == [e.kind for e in expected]


def test_live_figure_redraws_into_the_output_widget_state():
    """The figure goes into the output widget's `outputs` (no capture of kernel messages, which can
    stall nbclient), and a change of a control redraws it."""
    import ipywidgets as widgets
    import plotly.graph_objects as go
    import plotly.io as pio

    from immunobook.simulations.frames import live_figure

    renderer, pio.renderers.default = pio.renderers.default, "plotly_mimetype"  # as the setup cell
    try:
        slider = widgets.IntSlider(value=1, min=1, max=3)
        box = live_figure(lambda n: go.Figure(go.Scatter(y=list(range(n)))), n=slider)
        output = box.children[-1]
        first = output.outputs
        assert len(first) == 1 and first[0]["output_type"] == "display_data"
        assert "application/vnd.plotly.v1+json" in first[0]["data"]
        slider.value = 3
        assert output.outputs != first and len(output.outputs) == 1
    finally:
        pio.renderers.default = renderer
