"""Small simulations for the book's interactive chapters: teaching models, not clinical predictions.

Each model is a few equations, solved with numpy and scipy, that shows one idea:

* :mod:`immunobook.simulations.tumour_immune`: the effector-cell / tumour-cell model of Kuznetsov,
  Makalkin, Taylor and Perelson (1994), with its three outcomes (elimination, equilibrium, escape)
  and a "checkpoint blockade" factor;
* :mod:`immunobook.simulations.car_t`: CAR T-cell expansion, contraction and memory against target
  cells, with an IL-6-like cytokine and a cytokine-release threshold;
* :mod:`immunobook.simulations.checkpoint`: a steady-state "brakes" model of tumour-directed and
  self-directed T-cell activity as PD-1 or CTLA-4 signalling is blocked;
* :mod:`immunobook.simulations.frames`: plotly figures with sliders over precomputed frames (for
  the static book) and ipywidgets controls that call the same functions (for a live kernel);
* :mod:`immunobook.simulations.plots`: the chapters' figures and their sliders (imported on its
  own, as it needs plotly and the book's style).

The parameter values come from published models where a source exists and are otherwise chosen to
show a qualitative pattern. None of the outputs says anything about a real patient.
"""

from immunobook.simulations import car_t, checkpoint, frames, tumour_immune

__all__ = ["car_t", "checkpoint", "frames", "tumour_immune"]
