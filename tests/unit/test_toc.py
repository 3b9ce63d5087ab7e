"""The table of contents is read with sphinx-external-toc's parser, in reading order."""

from immunobook.build.toc import chapter_names, toc_files


def test_files_come_in_reading_order_with_nested_sections(tmp_path):
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nparts:\n"
        "  - caption: One\n    chapters:\n      - file: a\n        sections:\n          - file: a1\n      - file: b\n"
        "  - caption: Two\n    chapters:\n      - file: c\n",
        encoding="utf-8",
    )
    for name in ("index", "a", "a1", "b", "c"):
        (tmp_path / f"{name}.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "b.ipynb").write_text("{}", encoding="utf-8")
    assert toc_files(tmp_path) == ["index", "a", "a1", "b", "c"]
    assert chapter_names(tmp_path) == ["b"]
