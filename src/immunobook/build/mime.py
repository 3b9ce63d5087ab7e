"""myst-nb mime renderer plugins that make notebook outputs work in the static, offline HTML book.

* ``PlotlyOfflineRenderer`` turns plotly's ``application/vnd.plotly.v1+json`` output (which myst-nb
  would otherwise drop) into a ``<figure>`` with the chart, its caption and its data source, and
  adds the loader (``static/immunobook-plotly.js``) that fetches the book's own plotly.js, once per
  page, when the reader nears a figure.
* ``WidgetLiveNoteRenderer`` replaces an ipywidgets view, which would be a dead control without a
  kernel, with a note that links to the live notebook.

Both are registered under the ``myst_nb.mime_renderers`` entry point in ``pyproject.toml``.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from docutils import nodes

from immunobook.build.plotly_bundle import AVAILABLE_TRACES, bundle_id
from immunobook.figures import FIGURE_META_KEYS

if TYPE_CHECKING:  # pragma: no cover
    from myst_nb.core.render import MimeData, NbElementRenderer

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_LOADER_JS = "immunobook-plotly.js"


def _html_builder(renderer: NbElementRenderer) -> bool:
    env = getattr(renderer.renderer.document.settings, "env", None)
    return env is None or getattr(env.app.builder, "format", "html") == "html"


def _escape_json_for_script(payload: dict) -> str:
    """Serialise JSON so that it can sit inside a <script> element safely."""
    text = json.dumps(payload, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_plotly_figure_html(figure: dict, element_id: str) -> str:
    """Return the HTML for one plotly figure: chart container, data, caption and source.

    The figure's ``layout.meta`` must hold ``alt``, ``caption`` and ``source`` (set them with
    :func:`immunobook.figures.describe`); a figure without them is an error, so that no chart
    reaches the book without alt text, caption and data source.
    """
    layout = figure.get("layout", {})
    meta = layout.get("meta") or {}
    missing = [key for key in FIGURE_META_KEYS if not meta.get(key)]
    if missing:
        raise ValueError(
            f"plotly figure is missing {', '.join(missing)}: call immunobook.describe(fig, ...)"
        )
    traces = figure.get("data", []) + [t for frame in figure.get("frames", []) for t in frame.get("data", [])]
    unknown = {trace.get("type", "scatter") for trace in traces} - AVAILABLE_TRACES
    if unknown:
        raise ValueError(
            f"plotly figure uses trace type(s) {sorted(unknown)} that the book's plotly.js bundle "
            "lacks: add them to immunobook.build.plotly_bundle.BOOK_TRACES"
        )
    height = int(layout.get("height") or 450)
    payload = {
        "data": figure.get("data", []),
        "layout": layout,
        "config": {"responsive": True, "displaylogo": False, **figure.get("config", {})},
    }
    if figure.get("frames"):
        payload["frames"] = figure["frames"]
    alt = html.escape(meta["alt"], quote=True)
    # The alt text is a visually hidden paragraph that describes the figure: a role="img" label
    # would hide plotly's interactive controls from assistive technology.
    return (
        f'<figure class="immunobook-figure" id="{element_id}-figure" '
        f'aria-describedby="{element_id}-alt">'
        f'<p class="immunobook-sr-only" id="{element_id}-alt">{alt}</p>'
        f'<div id="{element_id}" class="plotly-graph-div" '
        f'style="min-height:{height}px;width:100%"></div>'
        f'<script type="application/json" data-plotly-for="{element_id}">'
        f"{_escape_json_for_script(payload)}</script>"
        f"<figcaption>{html.escape(meta['caption'])}"
        f'<span class="figure-source">Data source: {html.escape(meta["source"])}</span>'
        f"</figcaption></figure>"
    )


class PlotlyOfflineRenderer:
    """Render plotly figures as static-HTML charts drawn by the book's local plotly.js."""

    mime_priority_overrides = [("html", PLOTLY_MIME, 1), ("dirhtml", PLOTLY_MIME, 1)]

    @staticmethod
    def handle_mime(renderer: NbElementRenderer, data: MimeData, inline: bool):
        if inline or data.mime_type != PLOTLY_MIME or not _html_builder(renderer):
            return None
        element_id = f"plotly-{data.cell_index}-{data.output_index}"
        try:
            markup = render_plotly_figure_html(data.content, element_id)
        except ValueError as error:
            renderer.logger.warning(
                f"cell {data.cell_index}: {error}", subtype="immunobook", line=data.line
            )
            return []
        renderer.add_js_file("immunobook_plotly_loader", PLOTLY_LOADER_JS,
                             {"defer": "defer", "data-plotly-bundle": bundle_id()})
        return [nodes.raw("", markup, format="html")]


def live_note_html(launch_url: str | None) -> str:
    """The note shown in the static book in place of an interactive widget."""
    link = (
        f' <a href="{html.escape(launch_url, quote=True)}">Open this notebook live on Binder</a>.'
        if launch_url
        else ""
    )
    return (
        '<aside class="immunobook-live-note admonition tip" role="note">'
        '<p class="admonition-title">Live control</p>'
        "<p>Here the notebook shows sliders that recompute the model as you move them. They need "
        "a running Python kernel, so this static page shows the figure above instead, with its "
        f"own controls.{link} You can also use the rocket icon at the top of the page.</p></aside>"
    )


def binder_launch_url(renderer: NbElementRenderer) -> str | None:
    """Binder URL for the current notebook, from the book's repository settings."""
    env = getattr(renderer.renderer.document.settings, "env", None)
    if env is None:
        return None
    options = env.config.html_theme_options or {}
    repository = options.get("repository_url", "").rstrip("/")
    binder = (options.get("launch_buttons") or {}).get("binderhub_url", "").rstrip("/")
    if not (repository.startswith("https://github.com/") and binder):
        return None
    branch = options.get("repository_branch", "main")
    owner_repo = repository.removeprefix("https://github.com/")
    path = env.doc2path(env.docname, False)
    return f"{binder}/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{path}"


class WidgetLiveNoteRenderer:
    """Show a 'run this live' note instead of a widget that cannot work without a kernel."""

    mime_priority_overrides = [("html", WIDGET_MIME, 2), ("dirhtml", WIDGET_MIME, 2)]

    @staticmethod
    def handle_mime(renderer: NbElementRenderer, data: MimeData, inline: bool):
        if inline or data.mime_type != WIDGET_MIME or not _html_builder(renderer):
            return None
        return [nodes.raw("", live_note_html(binder_launch_url(renderer)), format="html")]
