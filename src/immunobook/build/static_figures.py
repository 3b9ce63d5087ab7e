"""One plotly figure as the static book shows it: a picture first, HTML around it, plotly.js later.

For every figure the book build writes:

* a static SVG of the figure (light and dark, phone and desktop widths), rendered once by
  :mod:`immunobook.build.figure_images` with the book's own plotly.js, so that readers, printers,
  PDFs and readers without JavaScript see it at once;
* its title above the chart and its legend below it as HTML (the legend's entries are buttons that
  show and hide the traces), so that neither crowds the canvas on a phone;
* its plotly menus and sliders as native ``<button>``/``<select>``/``<input type="range">`` controls
  with visible labels, which a keyboard reaches and which work before plotly.js has loaded (the first
  use loads it);
* the rows it plots as CSV, and links to download that CSV and the SVG.

``static/immunobook-figures.js`` swaps the picture for the live chart when the reader points at,
taps or uses a control of the figure. Its ``prepare()`` turns the figure's JSON into what plotly
draws (no title, legend, menus or toolbar; no drag; phone and dark variants); the SVG renderer calls
the same function, so the picture and the live chart match.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
from pathlib import Path

import numpy as np

from immunobook.build.plotly_bundle import bundle_id
from immunobook.figures import FIGURE_META_KEYS

FIGURES_JS = Path(__file__).parent / "static" / "immunobook-figures.js"
# Widths the pictures are drawn at (CSS pixels): the book's text column on a phone and a desktop.
PHONE_WIDTH, DESKTOP_WIDTH = 360, 760
PHONE_MAX_WIDTH_PX = 599  # the <picture> uses the phone drawing up to this viewport width
PHONE_MAX_HEIGHT, DEFAULT_HEIGHT = 520, 450
VARIANTS = tuple(f"{size}-{mode}" for size in ("phone", "desktop") for mode in ("light", "dark"))
# What decides how a figure is shown besides the figure itself: prepare() in the figure script,
# this module, the plotly.js bundle and the sizes above. A change to any of them changes every figure's key.
RENDER_DIGEST = hashlib.sha256(
    FIGURES_JS.read_bytes() + Path(__file__).read_bytes() + bundle_id().encode()
    + f"{PHONE_WIDTH}/{DESKTOP_WIDTH}/{PHONE_MAX_HEIGHT}/{DEFAULT_HEIGHT}".encode()
).hexdigest()
# Trace types whose legend entries are whole traces (not slices or a colour scale).
TRACE_LEGEND_TYPES = {"scatter", "bar"}
ARRAY_DTYPES = {"i1": np.int8, "u1": np.uint8, "i2": np.int16, "u2": np.uint16,
                "i4": np.int32, "u4": np.uint32, "f4": np.float32, "f8": np.float64}
CSV_COLUMNS = ("x", "y", "z", "labels", "parents", "values", "base", "text", "hovertext")
TAGS = re.compile(r"<[^>]+>")


def plain(text) -> str:
    """Visible text of a plotly label: HTML tags and line breaks become spaces."""
    return " ".join(html.unescape(TAGS.sub(" ", str(text))).split())


def title_text(layout: dict) -> str:
    title = layout.get("title")
    return plain((title.get("text") if isinstance(title, dict) else title) or "")


def payload_of(figure: dict) -> dict:
    """What the page keeps of a figure for plotly.js: data, layout, frames and config."""
    payload = {"data": figure.get("data", []), "layout": figure.get("layout", {}),
               "config": {"responsive": True, "displaylogo": False, **figure.get("config", {})}}
    if figure.get("frames"):
        payload["frames"] = figure["frames"]
    return payload


def figure_key(payload: dict) -> str:
    """A digest of what the figure draws and how: the name of its files."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256((RENDER_DIGEST + text).encode()).hexdigest()[:20]


def image_sizes(layout: dict) -> dict[str, tuple[int, int]]:
    """Width and height of the phone and desktop pictures."""
    height = int(layout.get("height") or DEFAULT_HEIGHT)
    return {"phone": (PHONE_WIDTH, min(height, PHONE_MAX_HEIGHT)), "desktop": (DESKTOP_WIDTH, height)}


def decode_array(value):
    """A plotly JSON array as a Python list (plotly writes numeric arrays as typed base64 data)."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=ARRAY_DTYPES[value["dtype"]])
        if value.get("shape"):
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    return value


def _axis_title(layout: dict, trace: dict, letter: str) -> str:
    axis = layout.get(f"{letter}axis{(trace.get(f'{letter}axis') or letter)[1:]}", {})
    title = axis.get("title")
    return plain((title.get("text") if isinstance(title, dict) else title) or "")


def figure_rows(payload: dict) -> tuple[list[str], list[list]]:
    """The rows a figure plots (its first view, not its animation frames): a header and rows."""
    layout = payload["layout"]
    rows, columns = [], ["series"]
    per_trace = []
    for index, trace in enumerate(payload["data"]):
        if trace.get("visible") is False:  # not drawn until a control shows it
            continue
        decoded = {key: decode_array(trace.get(key)) for key in CSV_COLUMNS}
        arrays = {key: value for key, value in decoded.items() if isinstance(value, list)}
        if trace.get("type") == "heatmap" and "z" in arrays:
            xs = arrays.get("x") or list(range(len(arrays["z"][0])))
            ys = arrays.get("y") or list(range(len(arrays["z"])))
            arrays = {"x": [x for _ in ys for x in xs], "y": [y for y in ys for _ in xs],
                      "z": [value for line in arrays["z"] for value in line]}
        for key in arrays:
            if key not in columns:
                columns.append(key)
        per_trace.append((plain(trace.get("name") or f"trace {index + 1}"), arrays))
    for name, arrays in per_trace:
        for i in range(max((len(v) for v in arrays.values()), default=0)):
            rows.append([name] + [_cell(arrays.get(key), i) for key in columns[1:]])
    first = payload["data"][0] if payload["data"] else {}
    header = [{"x": _axis_title(layout, first, "x") or "x", "y": _axis_title(layout, first, "y") or "y"}.get(c, c)
              for c in columns]
    return header, rows


def _cell(values, index):
    if values is None or index >= len(values) or values[index] is None:
        return ""
    return plain(values[index]) if isinstance(values[index], str) else values[index]


def figure_csv(payload: dict) -> str:
    header, rows = figure_rows(payload)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _trace_colour(trace: dict, index: int, layout: dict) -> str | None:
    for part in ("marker", "line"):
        colour = (trace.get(part) or {}).get("color")
        if isinstance(colour, str):
            return colour
    colorway = layout.get("colorway") or ((layout.get("template") or {}).get("layout") or {}).get("colorway") or []
    return colorway[index % len(colorway)] if colorway else None


def legend_entries(payload: dict) -> list[dict]:
    """The legend as HTML shows it: one entry per legend group, with its traces and colour."""
    layout = payload["layout"]
    traces = payload["data"]
    if layout.get("showlegend") is False or any(t.get("type", "scatter") not in TRACE_LEGEND_TYPES for t in traces):
        return []
    named = [(i, t) for i, t in enumerate(traces) if t.get("showlegend") is not False and t.get("name")]
    if len(named) < 2 and layout.get("showlegend") is not True:
        return []
    entries: dict[str, dict] = {}
    for index, trace in named:
        group = trace.get("legendgroup") or f"trace-{index}"
        entry = entries.setdefault(group, {"name": plain(trace["name"]), "traces": [], "hidden": True,
                                           "colour": _trace_colour(trace, index, layout)})
        entry["traces"].append(index)
        entry["hidden"] &= trace.get("visible") is False
    for index, trace in enumerate(traces):  # traces without an entry of their own follow their group
        group = trace.get("legendgroup")
        if group in entries and index not in entries[group]["traces"]:
            entries[group]["traces"].append(index)
    return list(entries.values())


def uses_html_legend(payload: dict) -> bool:
    return bool(legend_entries(payload))


def _control_label(item: dict, fallback: str) -> str:
    prefix = ((item.get("currentvalue") or {}).get("prefix") or "").rstrip(":= ")
    return plain(item.get("name") or prefix or fallback)


def controls_html(layout: dict, element_id: str) -> str:
    """Native HTML controls for the figure's plotly menus and sliders (same methods and args)."""
    parts = []
    for m, menu in enumerate(layout.get("updatemenus") or []):
        buttons = [b for b in menu.get("buttons") or [] if b.get("visible", True) is not False]
        animation = all(b.get("method") == "animate" for b in buttons)
        label = html.escape(_control_label(menu, "Animation" if animation else "Show"))
        label_id = f"{element_id}-menu-{m}"
        active = menu.get("active", 0)
        if menu.get("type") == "buttons" or animation:
            items = "".join(
                f'<button type="button" data-menu="{m}" data-button="{b}"'
                + ("" if button.get("method") == "animate" else f' aria-pressed="{str(b == active).lower()}"')
                + f">{html.escape(_button_text(button))}</button>"
                for b, button in enumerate(buttons))
            parts.append(f'<div class="immunobook-control" role="group" aria-labelledby="{label_id}">'
                         f'<span class="immunobook-control-label" id="{label_id}">{label}</span>{items}</div>')
        else:
            options = "".join(f'<option value="{b}"{" selected" if b == active else ""}>'
                              f"{html.escape(_button_text(button))}</option>" for b, button in enumerate(buttons))
            parts.append(f'<label class="immunobook-control"><span class="immunobook-control-label">{label}</span>'
                         f'<select data-menu="{m}">{options}</select></label>')
    for s, slider in enumerate(layout.get("sliders") or []):
        steps = slider.get("steps") or []
        if not steps:
            continue
        active = min(int(slider.get("active", 0)), len(steps) - 1)
        label = html.escape(_control_label(slider, "Step"))
        value_text = html.escape(plain(steps[active].get("label", active)))
        parts.append(
            f'<label class="immunobook-control immunobook-range"><span class="immunobook-control-label">{label}</span>'
            f'<input type="range" data-slider="{s}" min="0" max="{len(steps) - 1}" step="1" value="{active}" '
            f'aria-valuetext="{value_text}"><output>{value_text}</output></label>')
    return f'<div class="immunobook-controls">{"".join(parts)}</div>' if parts else ""


# Animation buttons are often labelled with a symbol: give the native button a word.
SYMBOL_WORDS = {"▶": "Play", "►": "Play", "⏵": "Play", "❚❚": "Pause", "⏸": "Pause",
                "■": "Stop", "◼": "Stop", "⏹": "Stop"}


def _button_text(button: dict) -> str:
    text = plain(button.get("label", ""))
    return SYMBOL_WORDS.get(text, text) or str(button.get("method", "Apply")).capitalize()


def legend_html(payload: dict, element_id: str) -> str:
    entries = legend_entries(payload)
    if not entries:
        return ""
    legend = payload["layout"].get("legend") or {}
    title = legend.get("title")
    name = plain((title.get("text") if isinstance(title, dict) else title) or "") or "Show or hide"
    items = "".join(
        f'<button type="button" aria-pressed="true" data-traces="{",".join(map(str, e["traces"]))}"'
        + (" hidden" if e["hidden"] else "") + ">"
        '<span class="immunobook-swatch" aria-hidden="true"'
        + (f' style="--swatch:{html.escape(e["colour"], quote=True)}"' if e["colour"] else "")
        + f'></span>{html.escape(e["name"])}</button>'
        for e in entries)
    return (f'<div class="immunobook-legend" role="group" aria-labelledby="{element_id}-legend">'
            f'<span class="immunobook-control-label" id="{element_id}-legend">{html.escape(name)}</span>'
            f"{items}</div>")


def escape_json_for_script(payload: dict) -> str:
    """Serialise JSON so that it can sit inside a <script> element safely."""
    text = json.dumps(payload, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def check_meta(layout: dict) -> dict:
    meta = layout.get("meta") or {}
    missing = [key for key in FIGURE_META_KEYS if not meta.get(key)]
    if missing:
        raise ValueError(f"plotly figure is missing {', '.join(missing)}: call immunobook.describe(fig, ...)")
    return meta


def _picture(urls: dict[str, str], sizes: dict, mode: str, alt: str, lazy: bool) -> str:
    (pw, ph), (dw, dh) = sizes["phone"], sizes["desktop"]
    return (f'<picture class="immunobook-static immunobook-static-{mode}">'
            f'<source media="(max-width: {PHONE_MAX_WIDTH_PX}px)" srcset="{urls[f"phone-{mode}"]}" '
            f'width="{pw}" height="{ph}">'
            f'<img class="dark-light" src="{urls[f"desktop-{mode}"]}" width="{dw}" height="{dh}" alt="{alt}"'
            + (' loading="lazy"' if lazy else "") + ' decoding="async"></picture>')


def figure_html(payload: dict, element_id: str, key: str, url_prefix: str, download_name: str) -> str:
    """The HTML of one figure: title, controls, picture, legend, data, caption, source, downloads."""
    layout = payload["layout"]
    meta = check_meta(layout)
    urls = {variant: f"{url_prefix}{key}-{variant}.svg" for variant in VARIANTS}
    sizes = image_sizes(layout)
    alt = html.escape(meta["alt"], quote=True)
    title = title_text(layout)
    title_html = f'<p class="immunobook-figure-title" id="{element_id}-title">{html.escape(title)}</p>' if title else ""
    csv_url = f"{url_prefix}{key}.csv"
    return (
        f'<figure class="immunobook-figure" id="{element_id}-figure" data-figure-key="{key}">'
        f"{title_html}{controls_html(layout, element_id)}"
        f'<div class="immunobook-chart" id="{element_id}" data-phone-height="{sizes["phone"][1]}" '
        f'data-desktop-height="{sizes["desktop"][1]}">'
        f"{_picture(urls, sizes, 'light', alt, lazy=False)}{_picture(urls, sizes, 'dark', alt, lazy=True)}</div>"
        f"{legend_html(payload, element_id)}"
        f'<script type="application/json" data-plotly-for="{element_id}">{escape_json_for_script(payload)}</script>'
        f"<figcaption>{html.escape(meta['caption'])}"
        f'<span class="figure-source">Data source: {html.escape(meta["source"])}</span>'
        f'<span class="immunobook-downloads">Download: '
        f'<a href="{csv_url}" download="{download_name}.csv">the plotted data (CSV)</a> · '
        f'<a href="{urls["desktop-light"]}" download="{download_name}.svg">the picture (SVG)</a></span>'
        f"</figcaption></figure>"
    )
