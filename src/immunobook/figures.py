"""The book's shared figure style: a colour-blind-safe palette, a light plotly template, and the
caption, alt text and data source that every figure carries."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import math
import os
import re
import textwrap
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML

# Okabe & Ito (2008) palette, distinguishable with the common forms of colour-vision deficiency.
PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermilion
    "#F0E442",  # yellow
    "#000000",  # black
]

# The grey of the common Okabe-Ito variant: for "other" groups and comparators. Unlike black, it
# stays visible on the dark template.
GREY = "#999999"

# One vocabulary for the whole book: every chart that shows a therapy family or class takes its
# colour and label from here (family and class values as in data/approvals.csv, plus the therapy
# classes of data/side_effects.csv). tests/unit/test_vocabulary.py checks that the data has no
# value without an entry.
FAMILY_COLOURS = {
    "Targeted antibodies": PALETTE[0],
    "Immunomodulators": PALETTE[1],
    "Adoptive cell therapies": PALETTE[2],
    "Cancer vaccines": PALETTE[3],
    "Oncolytic viruses": PALETTE[5],
}
FAMILY_NAMES = {family: family for family in FAMILY_COLOURS}  # as the Cancer Research Institute names them
FAMILY_SHORT = {  # legends, buttons and labels on a phone
    "Targeted antibodies": "Antibodies",
    "Immunomodulators": "Immunomodulators",
    "Adoptive cell therapies": "Cell therapies",
    "Cancer vaccines": "Vaccines",
    "Oncolytic viruses": "Viruses",
}
FAMILIES = list(FAMILY_COLOURS)

# Therapy classes of approvals.csv, in the data's order, with the family each belongs to. A family's
# first class takes the family's colour; within a family the colours differ, and classes of
# different families that share a colour are rarely approved in the same year.
CLASS_FAMILY = {
    "Monoclonal antibody": "Targeted antibodies",
    "Antibody-drug conjugate": "Targeted antibodies",
    "Radioimmunoconjugate": "Targeted antibodies",
    "Immunotoxin": "Targeted antibodies",
    "Bispecific antibody": "Targeted antibodies",
    "Checkpoint inhibitor": "Immunomodulators",
    "Cytokine": "Immunomodulators",
    "Other immunomodulator": "Immunomodulators",
    "CAR T-cell therapy": "Adoptive cell therapies",
    "TIL therapy": "Adoptive cell therapies",
    "TCR T-cell therapy": "Adoptive cell therapies",
    "Oncolytic virus": "Oncolytic viruses",
    "Treatment vaccine": "Cancer vaccines",
    "Preventive vaccine": "Cancer vaccines",
}
CLASSES = list(CLASS_FAMILY)
# Therapy classes of side_effects.csv that approvals.csv does not use: checkpoint-inhibitor
# regimens, the T-cell engagers (bispecific antibodies) and the comparator arms of trials.
SIDE_EFFECT_CLASSES = [
    "Checkpoint inhibitors (all)",
    "Anti-PD-1",
    "Anti-PD-L1",
    "Anti-PD-1/PD-L1",
    "Anti-CTLA-4",
    "Anti-PD-1 + anti-CTLA-4",
    "Bispecific T-cell engager",
    "Placebo (comparator arm)",
    "Chemotherapy (comparator arm)",
]
CLASS_COLOURS = {
    "Monoclonal antibody": PALETTE[0],
    "Antibody-drug conjugate": PALETTE[4],
    "Radioimmunoconjugate": PALETTE[6],
    "Immunotoxin": PALETTE[3],
    "Bispecific antibody": PALETTE[5],
    "Checkpoint inhibitor": PALETTE[1],
    "Cytokine": PALETTE[6],
    "Other immunomodulator": GREY,
    "CAR T-cell therapy": PALETTE[2],
    "TIL therapy": PALETTE[4],
    "TCR T-cell therapy": PALETTE[3],
    "Oncolytic virus": PALETTE[5],
    "Treatment vaccine": PALETTE[3],
    "Preventive vaccine": PALETTE[4],
    # side_effects.csv: all checkpoint inhibitors as the class above; the regimens by the
    # checkpoint they block, distinct from each other (PD-1 blue, PD-L1 sky blue, CTLA-4 vermilion)
    "Checkpoint inhibitors (all)": PALETTE[1],
    "Anti-PD-1": PALETTE[0],
    "Anti-PD-L1": PALETTE[4],
    "Anti-PD-1/PD-L1": PALETTE[2],
    "Anti-CTLA-4": PALETTE[5],
    "Anti-PD-1 + anti-CTLA-4": PALETTE[3],
    "Bispecific T-cell engager": PALETTE[5],
    "Placebo (comparator arm)": GREY,
    "Chemotherapy (comparator arm)": PALETTE[6],
}
CLASS_NAMES = {  # legends and titles
    "Monoclonal antibody": "Monoclonal antibodies",
    "Antibody-drug conjugate": "Antibody-drug conjugates",
    "Radioimmunoconjugate": "Radioimmunoconjugates",
    "Immunotoxin": "Immunotoxins",
    "Bispecific antibody": "Bispecific antibodies",
    "Checkpoint inhibitor": "Checkpoint inhibitors",
    "Cytokine": "Cytokines",
    "Other immunomodulator": "Other immunomodulators",
    "CAR T-cell therapy": "CAR T-cell therapy",
    "TIL therapy": "TIL therapy",
    "TCR T-cell therapy": "TCR T-cell therapy",
    "Oncolytic virus": "Oncolytic viruses",
    "Treatment vaccine": "Treatment vaccines",
    "Preventive vaccine": "Preventive vaccines",
    "Checkpoint inhibitors (all)": "Any checkpoint inhibitor",
    "Anti-PD-1": "Anti-PD-1",
    "Anti-PD-L1": "Anti-PD-L1",
    "Anti-PD-1/PD-L1": "Anti-PD-1 or PD-L1",
    "Anti-CTLA-4": "Anti-CTLA-4",
    "Anti-PD-1 + anti-CTLA-4": "PD-1 + CTLA-4 combination",
    "Bispecific T-cell engager": "T-cell engagers",
    "Placebo (comparator arm)": "Placebo",
    "Chemotherapy (comparator arm)": "Chemotherapy",
}
CLASS_SHORT = {  # at most 16 characters: legends, buttons, axis and sunburst labels on a phone
    "Monoclonal antibody": "Monoclonal",
    "Antibody-drug conjugate": "Drug conjugate",
    "Radioimmunoconjugate": "Radioconjugate",
    "Immunotoxin": "Immunotoxin",
    "Bispecific antibody": "Bispecific",
    "Checkpoint inhibitor": "Checkpoint",
    "Cytokine": "Cytokine",
    "Other immunomodulator": "Other modulator",
    "CAR T-cell therapy": "CAR T",
    "TIL therapy": "TIL",
    "TCR T-cell therapy": "TCR T",
    "Oncolytic virus": "Oncolytic virus",
    "Treatment vaccine": "Treatment vacc.",
    "Preventive vaccine": "Preventive vacc.",
    "Checkpoint inhibitors (all)": "Any checkpoint",
    "Anti-PD-1": "Anti-PD-1",
    "Anti-PD-L1": "Anti-PD-L1",
    "Anti-PD-1/PD-L1": "PD-1 or PD-L1",
    "Anti-CTLA-4": "Anti-CTLA-4",
    "Anti-PD-1 + anti-CTLA-4": "PD-1 + CTLA-4",
    "Bispecific T-cell engager": "T-cell engager",
    "Placebo (comparator arm)": "Placebo",
    "Chemotherapy (comparator arm)": "Chemotherapy",
}

FIGURE_META_KEYS = ("alt", "caption", "source")

TEMPLATE = go.layout.Template(
    layout=dict(
        colorway=PALETTE,
        font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=14),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font_size=13),
        margin=dict(l=10, r=10, t=50, b=10),
        xaxis=dict(showgrid=False, linecolor="#444", ticks="outside", automargin=True),
        yaxis=dict(gridcolor="#e5e5e5", zeroline=False, automargin=True),
        # Below the plot: above it, a legend covers the title on a phone. The book replaces it with
        # an HTML legend under the chart (immunobook.build.mime); notebooks do not position it.
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0),
        title=dict(x=0, xanchor="left", font=dict(size=16)),
    )
)


def use_book_style() -> None:
    """Make the book's template the default and pick a renderer that works in the built book.

    Importing :mod:`immunobook` does not call it: every chapter's setup cell does
    (:mod:`immunobook.build.setup_cell`), in the book build and on every platform. In the book
    build and in Jupyter, plotly's own mime type is used (the book renders it with
    :mod:`immunobook.build.mime`); Google Colab keeps its own renderer.
    """
    pio.templates["immunobook"] = TEMPLATE
    pio.templates.default = "immunobook"
    if "COLAB_RELEASE_TAG" not in os.environ:
        pio.renderers.default = "plotly_mimetype"


def wrap_text(text, width: int = 40, missing: str = "") -> str:
    """Break text into short lines (``<br>``) so that labels and hover boxes fit on a phone."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return missing
    return "<br>".join(textwrap.wrap(str(text), width))


def describe(fig: go.Figure, *, alt: str, caption: str, source: str) -> go.Figure:
    """Attach alt text, caption and data source to a figure; the book shows them with it."""
    for key, value in {"alt": alt, "caption": caption, "source": source}.items():
        if not value or not value.strip():
            raise ValueError(f"a figure needs a non-empty {key}")
    fig.update_layout(meta={"alt": alt, "caption": caption, "source": source})
    return fig


@functools.lru_cache(maxsize=4)
def _field_titles(descriptor: Path, mtime: float) -> dict[str, str]:
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    titles: dict[str, str] = {}
    for resource in package.get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            if field.get("title"):
                titles.setdefault(field["name"], field["title"])
    return titles


def column_titles() -> dict[str, str]:
    """Each data package field's ``title`` by field name: the one place that names a column for readers."""
    from immunobook.data import data_dir

    try:
        descriptor = data_dir() / "datapackage.json"
        return _field_titles(descriptor, descriptor.stat().st_mtime)
    except (OSError, ValueError):
        return {}


def column_label(name, titles: dict[str, str] | None = None) -> str:
    """A column's label for readers: its field title in the data package, or a readable form of its
    name (``first_year`` -> "First year"); the levels of a multi-level column joined with " – "."""
    if isinstance(name, tuple):
        return " – ".join(column_label(part, titles) for part in name if str(part).strip())
    if isinstance(name, (int, float, np.integer, np.floating)) and not isinstance(name, (bool, np.bool_)):
        return format_number(float(name))  # a pivot's numeric column (a dose, a year)
    titles = column_titles() if titles is None else titles
    text = str(name)
    if text in titles:
        return titles[text]
    text = " ".join(text.replace("_", " ").split())
    return text[:1].upper() + text[1:] if text[:1].islower() else text


_NUMBER_TEXT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")
_MISSING_TEXT = {"", "nan", "NaN", "<NA>", "NaT", "None"}


def in_words(number: float) -> str:
    """A count (of cells, say) in words, to two significant figures: 8.19e6 -> "8.2 million"."""
    number = float(f"{number:.2g}")
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(number) >= size:
            return f"{number / size:g} {word}"
    return f"{number:,g}"


def format_number(value: float) -> str:
    """A number as a reader expects it: thousands separators, about three significant digits for
    fractions, never an exponent (1.21e+10 -> "12,100,000,000")."""
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{round(value):,}"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def _is_year_column(name) -> bool:
    words = re.split(r"[\s_]+", str(name[-1] if isinstance(name, tuple) else name).lower())
    return "year" in words or str(name).lower().endswith("_year")


def format_cell(value, year: bool = False) -> str:
    """One cell as HTML: missing values empty, numbers formatted, dates as ISO days, links short."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "Yes" if value else "No"
    if isinstance(value, (int, np.integer)):
        return str(int(value)) if year else f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return str(int(number)) if year and number == int(number) else format_number(number)
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    text = str(value).replace("<br>", " ").strip()
    if text in _MISSING_TEXT:
        return ""
    if _NUMBER_TEXT.fullmatch(text):
        return format_number(float(text))
    if re.fullmatch(r"https?://\S+", text):
        host = urlparse(text).netloc.removeprefix("www.")
        return f'<a href="{html.escape(text)}">{html.escape(host or text)}</a>'
    return html.escape(text)


def _source_html(source: str) -> str:
    parts = []
    for item in re.split(r"\s*;\s*", source.strip()):
        parts.append(format_cell(item) if re.fullmatch(r"https?://\S+", item) else html.escape(item))
    return f'<p class="immunobook-table-source">Source: {"; ".join(parts)}</p>'


def table(
    df: pd.DataFrame,
    summary: str = "Show the data as a table",
    *,
    source: str | None = None,
    searchable: bool = False,
) -> HTML:
    """The text alternative of a figure, or any table of the book, folded under a summary line.

    One formatter for every table: column labels are the data package's field titles (a column that
    is not in the package gets a readable form of its name), a flat one-row header, a (named or
    multi-level) index becomes ordinary columns, numbers get thousands separators and no exponent,
    missing values are empty cells, URLs are short links. ``source`` (text or URLs separated by
    "; ") is written under the table. ``searchable`` marks a long table that the book lets readers
    search, sort and filter in the browser, offline and without a kernel (``immunobook.build.pages``).
    """
    frame = df.copy()
    # a named (or multi-level) index holds data: it becomes columns; an unnamed one is row numbers
    frame = frame.reset_index(drop=all(name is None for name in frame.index.names))
    titles = column_titles()
    years = [_is_year_column(column) for column in frame.columns]
    numeric = [
        pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
        for column in frame.columns
    ]
    classes = [' class="num"' if is_number else "" for is_number in numeric]
    head = "".join(
        f'<th scope="col"{css}>{html.escape(column_label(column, titles))}</th>'
        for column, css in zip(frame.columns, classes, strict=True)
    )
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = "".join(
            f"<td{css}>{format_cell(value, year)}</td>" for value, year, css in zip(values, years, classes, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    marker = ' data-immunobook-searchable="true"' if searchable else ""
    label = html.escape(re.sub(r"^Show\s+", "", summary).rstrip(".") or summary)
    label = label[:1].upper() + label[1:]
    body = (
        f'<table class="immunobook-table"{marker}><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return HTML(
        f'<details class="immunobook-data"><summary>{html.escape(summary)}</summary>'
        f'<div class="table-wrapper" tabindex="0" role="region" aria-label="{label}">'
        f"{body}</div>{_source_html(source) if source else ''}</details>"
    )
