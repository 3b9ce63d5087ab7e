"""Emit each script once, drop the unused widget state and defer every script file.

* sphinx-thebe registers its inline config twice under Jupyter Book, which throws 'Identifier
  THEBE_JS_URL has already been declared' on every page;
* myst-nb embeds the notebook's ipywidgets state (tens of KB), but the book shows no live widget
  (:class:`immunobook.build.mime.WidgetLiveNoteRenderer`);
* a deferred script no longer blocks the first paint; deferred scripts still run in order.

Only public page-context API: the page's ``script_files`` list is filtered (its entries are read,
never rebuilt: their class, ``sphinx.builders.html._assets._JavaScript``, is private and immutable),
and the template function ``js_tag`` that writes each ``<script>`` tag is wrapped to add ``defer``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# Scripts that later scripts use at once (inline ones in <head>; searchtools.js on the search page
# calls doctools.js's _ready), so they cannot wait (be deferred).
SCRIPTS_NEEDED_AT_ONCE = ("documentation_options.js", "doctools.js")


def _deferrable(script) -> bool:
    name = str(getattr(script, "filename", "") or "")
    attributes = getattr(script, "attributes", {})
    return bool(name) and not name.endswith(SCRIPTS_NEEDED_AT_ONCE) and not {"async", "defer"} & attributes.keys()


def tidy_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, tidy = set(), []
    for script in scripts:
        # the same inline script is registered once with filename None and once with ''
        key = (script.filename or "", tuple(sorted(script.attributes.items())))
        if key in seen or script.attributes.get("type") == WIDGET_STATE:
            continue
        seen.add(key)
        tidy.append(script)
    scripts[:] = tidy

    js_tag = context.get("js_tag")
    if js_tag is None or getattr(js_tag, "immunobook_defers", False):
        return

    def deferring_js_tag(script) -> str:
        tag = js_tag(script)
        return tag.replace("<script ", '<script defer="defer" ', 1) if _deferrable(script) else tag

    deferring_js_tag.immunobook_defers = True
    context["js_tag"] = deferring_js_tag


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", tidy_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
