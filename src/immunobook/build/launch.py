"""``make book JUPYTERHUB_URL=https://hub.example.edu`` builds the book with a JupyterHub launch
button (an nbgitpuller link into that hub) without editing ``_config.yml``."""

from __future__ import annotations

import os

from sphinx.application import Sphinx


def jupyterhub_from_environment(app: Sphinx, config) -> None:
    hub = os.environ.get("JUPYTERHUB_URL", "").strip()
    if hub:
        config.html_theme_options.setdefault("launch_buttons", {})["jupyterhub_url"] = hub


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", jupyterhub_from_environment)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
