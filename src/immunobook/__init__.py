"""Helper package for the open cancer immunotherapy textbook.

Notebooks use it as::

    from immunobook import load, describe, table
    approvals = load("approvals")

Importing it changes nothing else: the book's figure style (:func:`use_book_style`, see
:mod:`immunobook.figures`) is applied by each chapter's setup cell.
"""

from immunobook.data import DataValidationError, current_to, load
from immunobook.figures import FAMILY_COLOURS, PALETTE, describe, table, use_book_style, wrap_text
from immunobook.glue import glue

__all__ = [
    "DataValidationError", "FAMILY_COLOURS", "PALETTE", "current_to", "describe", "glue", "load", "table",
    "use_book_style", "wrap_text",
]
