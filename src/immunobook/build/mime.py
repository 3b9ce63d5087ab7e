"""myst-nb mime renderer plugins that make notebook outputs work in the static, offline HTML book.

* ``PlotlyOfflineRenderer`` turns plotly's ``application/vnd.plotly.v1+json`` output (which myst-nb
  would otherwise drop) into a ``<figure>``: a static picture first, HTML title, controls and legend,
  caption, data source and downloads (:mod:`immunobook.build.static_figures`). It keeps the figure in
  the edition's figure cache for :mod:`immunobook.build.figure_images`, and adds the script
  (``static/immunobook-figures.js``) that fetches the book's own plotly.js, once per page, when the
  reader reaches for a figure.
* ``WidgetLiveNoteRenderer`` replaces an ipywidgets view, which would be a dead control without a
  kernel, with a note that links to the live notebook.

Both are registered under the ``myst_nb.mime_renderers`` entry point in ``pyproject.toml``.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from docutils import nodes

from immunobook.build import figure_images, static_figures
from immunobook.build.constants import FIGURES_DIR
from immunobook.build.plotly_bundle import AVAILABLE_TRACES, bundle_id

if TYPE_CHECKING:  # pragma: no cover
    from myst_nb.core.render import MimeData, NbElementRenderer

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
FIGURES_JS = "immunobook-figures.js"


def _html_builder(renderer: NbElementRenderer) -> bool:
    env = getattr(renderer.renderer.document.settings, "env", None)
    return env is None or getattr(env.app.builder, "format", "html") == "html"


def render_plotly_figure_html(figure: dict, element_id: str, url_prefix: str = "_figures/",
                              download_name: str = "figure") -> tuple[str, dict]:
    """The HTML of one plotly figure, and what the figure cache keeps of it (see
    :mod:`immunobook.build.static_figures`).

    The figure's ``layout.meta`` must hold ``alt``, ``caption`` and ``source`` (set them with
    :func:`immunobook.figures.describe`); a figure without them is an error, so that no chart
    reaches the book without alt text, caption and data source.
    """
    static_figures.check_meta(figure.get("layout", {}))
    traces = figure.get("data", []) + [t for frame in figure.get("frames", []) for t in frame.get("data", [])]
    unknown = {trace.get("type", "scatter") for trace in traces} - AVAILABLE_TRACES
    if unknown:
        raise ValueError(
            f"plotly figure uses trace type(s) {sorted(unknown)} that the book's plotly.js bundle "
            "lacks: add them to immunobook.build.plotly_bundle.BOOK_TRACES"
        )
    payload = static_figures.payload_of(figure)
    key = static_figures.figure_key(payload)
    markup = static_figures.figure_html(payload, element_id, key, url_prefix, download_name)
    cached = {"figure": payload, "htmlLegend": static_figures.uses_html_legend(payload)}
    return markup, {"key": key, "json": cached, "csv": static_figures.figure_csv(payload)}


def _write_to_cache(env, entry: dict) -> None:
    cache = figure_images.cache_dir(env.app.outdir)
    cache.mkdir(parents=True, exist_ok=True)
    key = entry["key"]
    if not (cache / f"{key}.json").is_file():
        figure_images.write_atomically(cache / f"{key}.csv", entry["csv"])
        figure_images.write_atomically(cache / f"{key}.json", json.dumps(entry["json"], allow_nan=False))
    figure_images.record(env, key)


class PlotlyOfflineRenderer:
    """Render plotly figures as static-HTML charts drawn by the book's local plotly.js."""

    mime_priority_overrides = [("html", PLOTLY_MIME, 1), ("dirhtml", PLOTLY_MIME, 1)]

    @staticmethod
    def handle_mime(renderer: NbElementRenderer, data: MimeData, inline: bool):
        if inline or data.mime_type != PLOTLY_MIME or not _html_builder(renderer):
            return None
        element_id = f"plotly-{data.cell_index}-{data.output_index}"
        env = renderer.renderer.document.settings.env
        page = env.docname.rsplit("/", 1)[-1]
        prefix = "../" * env.docname.count("/") + FIGURES_DIR + "/"
        try:
            markup, entry = render_plotly_figure_html(data.content, element_id, prefix, f"{page}-{element_id}")
        except ValueError as error:
            renderer.logger.warning(
                f"cell {data.cell_index}: {error}", subtype="immunobook", line=data.line
            )
            return []
        _write_to_cache(env, entry)
        renderer.add_js_file("immunobook_figures", FIGURES_JS,
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
