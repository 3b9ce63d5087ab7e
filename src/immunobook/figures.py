"""The book's shared figure style: a colour-blind-safe palette, a light plotly template, and the
caption, alt text and data source that every figure carries."""

from __future__ import annotations

import html
import os
import textwrap

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

FAMILY_COLOURS = {
    "Targeted antibodies": PALETTE[0],
    "Immunomodulators": PALETTE[1],
    "Adoptive cell therapies": PALETTE[2],
    "Cancer vaccines": PALETTE[3],
    "Oncolytic viruses": PALETTE[5],
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


def table(df: pd.DataFrame, summary: str = "Show the data as a table") -> HTML:
    """The text alternative of a figure: its data as a table, folded under a summary line."""
    body = df.to_html(index=False, border=0, classes="immunobook-table", na_rep="")
    return HTML(
        f'<details class="immunobook-data"><summary>{html.escape(summary)}</summary>'
        f'<div class="table-wrapper" tabindex="0" role="region" aria-label="{html.escape(summary)}">'
        f"{body}</div></details>"
    )
