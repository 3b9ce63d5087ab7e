"""Interactive figures for the simulations, in two flavours that share one ``build`` function.

* :func:`slider_figure`: a plotly figure with sliders over *precomputed* frames (``frames`` plus
  ``layout.sliders``). It works in the static HTML book without a kernel. Each slider changes one
  parameter while the others stay at their defaults (a frame also moves the other sliders back to
  their defaults, so what they show is always what is drawn). The payload is kept small: at most
  :data:`MAX_STEPS` steps a slider, and each frame
  carries only the trace attributes that change between frames, with numbers packed as float32
  typed arrays (:func:`pack`).
* :func:`live_controls`: ipywidgets sliders that call the same ``build`` function again for any
  value (through :func:`live_figure`, which any chapter can use for its own controls), for a live
  kernel (Binder, Colab, Jupyter). The static book shows a "run this live" note in its place.

``build(**params)`` must return a complete :class:`plotly.graph_objects.Figure` for one set of
parameter values, always with the same traces in the same order.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly
import plotly.graph_objects as go

#: plotly.py accepts typed arrays (``{"dtype", "bdata"}``) from version 6 on.
TYPED_ARRAYS = int(plotly.__version__.split(".")[0]) >= 6
#: Largest number of steps a slider may have (keeps the static page light).
MAX_STEPS = 11
#: Trace attributes that hold data arrays (packed as typed arrays).
ARRAY_KEYS = ("x", "y", "z")
ANIMATE = {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
           "transition": {"duration": 0}}
SLIDER_SPACING = 85  # pixels between two sliders under the plot


@dataclass(frozen=True)
class Slider:
    """One parameter the reader can move: ``name`` is the keyword passed to ``build``."""

    name: str
    label: str
    values: tuple
    default: Any
    labels: tuple[str, ...] | None = None  # step labels; by default the values, formatted
    log: bool = False  # a live slider on a logarithmic scale (for values spanning decades)

    def __post_init__(self):
        if not 2 <= len(self.values) <= MAX_STEPS:
            raise ValueError(f"slider {self.name!r} needs 2 to {MAX_STEPS} steps")
        if self.default not in self.values:
            raise ValueError(f"the default of slider {self.name!r} must be one of its values")
        if self.labels is not None and len(self.labels) != len(self.values):
            raise ValueError(f"slider {self.name!r} needs one label per value")

    @property
    def default_index(self) -> int:
        return list(self.values).index(self.default)

    def label_of(self, index: int) -> str:
        if self.labels is not None:
            return self.labels[index]
        value = self.values[index]
        return f"{value:g}" if isinstance(value, (int, float)) else str(value)

    def frame_name(self, index: int) -> str:
        return f"{self.name}={self.label_of(index)}"


def pack(values) -> dict | list:
    """A numeric array as a little-endian float32 typed array (base64), which plotly.js reads
    directly: about 5.3 characters a number instead of 10 to 20 for decimal text. ``None`` and
    NaN become NaN, which plotly draws as a gap. Arrays that are not numeric are returned as a
    list unchanged. Under plotly.py 5 (Colab's), which rejects typed arrays, numbers stay a list."""
    if isinstance(values, dict) and "bdata" in values:
        values = unpack(values)
    items = list(np.asarray(values, dtype=object).ravel())
    if not all(v is None or (isinstance(v, (int, float, np.integer, np.floating))
                             and not isinstance(v, (bool, np.bool_))) for v in items):
        return items
    array = np.array([np.nan if v is None else float(v) for v in items], dtype="<f4")
    if not TYPED_ARRAYS:
        return [None if math.isnan(v) else v for v in array.astype(float).tolist()]
    return {"dtype": "f4", "bdata": base64.b64encode(array.tobytes()).decode("ascii")}


def unpack(values) -> np.ndarray:
    """The numbers of an array as plotted: decodes a typed array, None becomes NaN."""
    if isinstance(values, dict) and "bdata" in values:
        dtype = np.dtype(values["dtype"]).newbyteorder("<")
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=dtype).astype(float)
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _packed_traces(fig: go.Figure) -> list[dict]:
    traces = []
    for trace in fig.to_plotly_json()["data"]:
        trace = dict(trace)
        for key in ARRAY_KEYS:
            if key in trace and trace[key] is not None and not isinstance(trace[key], str):
                trace[key] = pack(trace[key])
        traces.append(trace)
    return traces


def _layout_part(fig: go.Figure, keys: Sequence[str]) -> dict:
    layout = fig.to_plotly_json()["layout"]
    return {key: layout[key] for key in keys if key in layout}


def slider_figure(build: Callable[..., go.Figure], sliders: Sequence[Slider], *,
                  frame_layout: Sequence[str] = ("title",)) -> go.Figure:
    """A figure with one slider per entry of ``sliders``, over frames computed with ``build``.

    The figure starts at every slider's default. A frame is computed for each value of each slider
    (the other parameters at their defaults). ``frame_layout`` names the layout attributes that a
    frame updates as well (by default the title, which should state the parameter values).
    """
    defaults = {slider.name: slider.default for slider in sliders}
    base = build(**defaults)
    base_traces = _packed_traces(base)

    computed = []  # (slider index, step index, traces, layout part)
    for i, slider in enumerate(sliders):
        for j, value in enumerate(slider.values):
            fig = build(**{**defaults, slider.name: value})
            traces = _packed_traces(fig)
            if len(traces) != len(base_traces):
                raise ValueError("build() must return the same traces for every parameter value")
            computed.append((i, j, traces, _layout_part(fig, frame_layout)))

    # a frame must set every attribute that differs in any frame, or an earlier frame's value
    # would stay behind when another slider moves
    changing: dict[int, set[str]] = {}
    for _, _, traces, _ in computed:
        for index, (trace, reference) in enumerate(zip(traces, base_traces, strict=False)):
            keys = {key for key in trace.keys() | reference.keys()
                    if key != "type" and trace.get(key) != reference.get(key)}
            if keys:
                changing.setdefault(index, set()).update(keys)
    indices = sorted(changing)

    frames = []
    for i, j, traces, layout in computed:
        # move the other sliders back to their defaults (plotly.js merges these partial objects
        # into layout.sliders, keeping their steps)
        layout["sliders"] = [{} if k == i else {"active": other.default_index}
                             for k, other in enumerate(sliders)]
        frames.append(go.Frame(
            name=sliders[i].frame_name(j),
            data=[{key: traces[index].get(key) for key in sorted(changing[index])}
                  | {"type": traces[index].get("type", "scatter")} for index in indices],
            traces=indices,
            layout=layout,
        ))

    figure = go.Figure(data=base_traces, layout=base.layout, frames=frames)
    figure.update_layout(sliders=[
        {
            "name": slider.label,  # the visible label of the book's HTML control
            "active": slider.default_index,
            "currentvalue": {"prefix": f"{slider.label}: ", "font": {"size": 13}},
            "pad": {"t": 70 + SLIDER_SPACING * k, "b": 0},
            "x": 0.02, "len": 0.96, "y": 0, "yanchor": "top",
            "font": {"size": 11},
            "steps": [{"label": slider.label_of(j), "method": "animate",
                       "args": [[slider.frame_name(j)], ANIMATE]}
                      for j in range(len(slider.values))],
        }
        for k, slider in enumerate(sliders)
    ])
    margin_bottom = 85 + SLIDER_SPACING * len(sliders)
    height = (base.layout.height or 450) + SLIDER_SPACING * len(sliders)
    figure.update_layout(margin={"b": margin_bottom}, height=height)
    return figure


def frame_traces(fig: go.Figure, slider: Slider, value) -> dict[int, dict]:
    """The trace data a frame of :func:`slider_figure` draws, keyed by trace index."""
    name = slider.frame_name(list(slider.values).index(value))
    for frame in fig.frames:
        if frame.name == name:
            return {index: trace.to_plotly_json() for index, trace in zip(frame.traces, frame.data, strict=False)}
    raise KeyError(name)


def payload_bytes(fig: go.Figure) -> int:
    """Size in bytes of the figure's JSON, which a static page embeds."""
    return len(json.dumps(fig.to_plotly_json(), separators=(",", ":"),
                          cls=_plotly_encoder()).encode())


def _plotly_encoder():
    from plotly.utils import PlotlyJSONEncoder

    return PlotlyJSONEncoder


def live_controls(build: Callable[..., go.Figure], sliders: Sequence[Slider]):
    """ipywidgets sliders that redraw ``build(**values)`` for any value in each slider's range."""
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    layout = widgets.Layout(width="98%", max_width="32rem")
    controls = {}
    for slider in sliders:
        numeric = all(isinstance(v, (int, float)) for v in slider.values)
        if numeric and slider.log:
            low, high = math.log10(min(slider.values)), math.log10(max(slider.values))
            controls[slider.name] = widgets.FloatLogSlider(
                value=slider.default, base=10, min=low, max=high, step=(high - low) / 40,
                description=slider.label, continuous_update=False, style=style, layout=layout)
        elif numeric:
            low, high = min(slider.values), max(slider.values)
            controls[slider.name] = widgets.FloatSlider(
                value=slider.default, min=low, max=high, step=(high - low) / 40,
                description=slider.label, continuous_update=False, style=style, layout=layout,
                readout_format=".3g")
        else:
            options = [(slider.label_of(j), value) for j, value in enumerate(slider.values)]
            controls[slider.name] = widgets.Dropdown(
                options=options, value=slider.default, description=slider.label, style=style)

    return live_figure(build, **controls)


def live_figure(build: Callable[..., go.Figure], **controls):
    """Controls (ipywidgets, keyed by ``build``'s parameters) above the figure ``build(**values)``,
    redrawn whenever a control changes; use it instead of ``ipywidgets.interactive``.

    The figure goes into the output widget's state (its ``outputs``, as ``Output.append_display_data``
    in the ipywidgets documentation does), never through ``with output:`` as ``interactive`` does: that
    captures the kernel's messages while the cell runs, which can leave nbclient (the book build,
    the tests) waiting for the cell until its timeout (jupyter/nbclient#312). The cell's own output
    is then one widget view, which the executor need not wait for.
    """
    import ipywidgets as widgets

    figure = widgets.Output()

    def redraw(change=None):
        drawn = build(**{name: control.value for name, control in controls.items()})
        # the figure's own bundle for the current renderer: IPython's display formatter would call
        # the figure's _ipython_display_, which shows it in the cell instead of in the widget
        figure.outputs = ({"output_type": "display_data", "data": drawn._repr_mimebundle_(), "metadata": {}},)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([*controls.values(), figure])
