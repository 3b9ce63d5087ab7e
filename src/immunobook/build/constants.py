"""Names and numbers that more than one part of the build (and the tests) rely on, named once."""

from __future__ import annotations

from pathlib import PurePosixPath

# The book's plotly.js bundle, in the HTML output's _static (immunobook.build.plotly_bundle).
BUNDLE_FILE = "plotly.min.js"
# Where immunobook.build.printing writes the chapter PDFs, inside the HTML output.
PDF_DIR = "pdf"
# Where immunobook.build.figure_images puts the figures' SVG pictures and CSV data, inside the HTML output.
FIGURES_DIR = "_figures"
# The student edition's sources, from the book root (the Makefile's STUDENT); built into its _build/html.
STUDENT_DIR = PurePosixPath("_build/student")
STUDENT_HTML = STUDENT_DIR / "_build" / "html"
# The branch holding the student edition's notebooks, which its launch buttons open.
STUDENT_BRANCH = "student"

# Page budgets (README.md, `make bench`, tests/browser/test_light_pages.py).
BUDGET_PAGE_BYTES = 1_500_000  # a page's first view, and its total once every figure is drawn
BUDGET_PLOTLY_LOADS = 1  # plotly.js fetches per page, once the reader reaches for a figure
BUDGET_READ_GZIP_BYTES = 300_000  # a chapter read to its end without touching a figure (gzip)
BUDGET_COLD_BUILD_S, BUDGET_REBUILD_S, BUDGET_NOTEBOOK_S = 90, 10, 10
BUDGET_PERFORMANCE, BUDGET_ACCESSIBILITY = 0.95, 1.0  # Lighthouse scores
