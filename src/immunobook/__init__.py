"""Helper package for the open cancer immunotherapy textbook.

Notebooks use it as::

    from immunobook import load, describe, table
    approvals = load("approvals")

Importing it applies the book's figure style (see :mod:`immunobook.figures`).
"""

from immunobook.data import DataValidationError, load
from immunobook.figures import FAMILY_COLOURS, PALETTE, describe, table, use_book_style

use_book_style()

__all__ = ["DataValidationError", "FAMILY_COLOURS", "PALETTE", "describe", "load", "table"]
