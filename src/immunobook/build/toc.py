"""Read the book's table of contents (``_toc.yml``)."""

from __future__ import annotations

from pathlib import Path

import yaml


def toc_files(book_root: Path) -> list[str]:
    """Every file named in ``_toc.yml``, in order, without extension (e.g. ``book/history``)."""
    toc = yaml.safe_load((book_root / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [chapter["file"] for part in toc.get("parts", []) for chapter in part["chapters"]]


def chapter_names(book_root: Path) -> list[str]:
    """The files of the table of contents that are notebooks: the chapters."""
    return [name for name in toc_files(book_root) if (book_root / f"{name}.ipynb").is_file()]
