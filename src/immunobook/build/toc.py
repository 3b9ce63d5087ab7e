"""Read the book's table of contents (``_toc.yml``) with sphinx-external-toc's own parser, the one
Jupyter Book builds from, so the chapters the tests and the PDF printer see are the book's."""

from __future__ import annotations

from pathlib import Path

from sphinx_external_toc.parsing import parse_toc_yaml


def toc_files(book_root: Path) -> list[str]:
    """Every file named in ``_toc.yml``, in reading order, without extension (e.g. ``book/history``)."""
    site_map = parse_toc_yaml(book_root / "_toc.yml")
    order: list[str] = []

    def walk(docname: str) -> None:
        order.append(docname)
        for subtree in site_map[docname].subtrees:
            for item in subtree.items:
                if isinstance(item, str):  # a file (globs and URLs name no single file)
                    walk(item)

    walk(site_map.root.docname)
    return order


def chapter_names(book_root: Path) -> list[str]:
    """The files of the table of contents that are notebooks: the chapters."""
    return [name for name in toc_files(book_root) if (book_root / f"{name}.ipynb").is_file()]
