"""Name a value computed in a notebook so that the book's prose can show it ({glue:text}`name`).

In the book build this is myst-nb's own :func:`myst_nb.glue`. In a live notebook without myst-nb
(Colab, Binder, a hub) nothing reads glued values, so a hidden value is simply not shown and a
shown one is displayed as usual: the chapter still runs top to bottom.
"""

from __future__ import annotations

import IPython.display


def glue(name: str, variable, display: bool = True) -> None:
    """Glue ``variable`` under ``name`` (see :func:`myst_nb.glue`)."""
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        if display:
            IPython.display.display(variable)
        return
    myst_glue(name, variable, display=display)
