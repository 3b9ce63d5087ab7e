"""Helper package for the open cancer immunotherapy textbook.

Notebooks use it as::

    from immunobook import load, describe, table
    approvals = load("approvals")

Importing it changes nothing else: the book's figure style (:func:`use_book_style`, see
:mod:`immunobook.figures`) is applied by each chapter's setup cell.
"""

from immunobook.data import DataValidationError, current_to, load
from immunobook.figures import (
    CLASS_COLOURS,
    CLASS_FAMILY,
    CLASS_NAMES,
    CLASS_SHORT,
    CLASSES,
    FAMILIES,
    FAMILY_COLOURS,
    FAMILY_NAMES,
    FAMILY_SHORT,
    GREY,
    PALETTE,
    describe,
    in_words,
    table,
    use_book_style,
    wrap_text,
)
from immunobook.glue import glue

__all__ = [
    "CLASSES", "CLASS_COLOURS", "CLASS_FAMILY", "CLASS_NAMES", "CLASS_SHORT", "DataValidationError", "FAMILIES",
    "FAMILY_COLOURS", "FAMILY_NAMES", "FAMILY_SHORT", "GREY", "PALETTE", "current_to", "describe", "glue", "in_words",
    "load", "table", "use_book_style", "wrap_text",
]
