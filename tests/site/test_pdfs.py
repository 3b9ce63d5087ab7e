"""Every chapter has a printable PDF, linked from its page."""

import pytest

from tests.conftest import HTML_DIR, ROOT
from tests.notebooks.chapters import chapter_notebooks


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_chapter_pdf_exists_and_is_linked(notebook):
    name = notebook.relative_to(ROOT).with_suffix("")
    pdf = HTML_DIR / "pdf" / f"{name}.pdf"
    assert pdf.is_file(), "run `make book` (it prints the PDFs)"
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 20_000
    assert content.count(b"/Type /Page") - content.count(b"/Type /Pages") >= 2
    page = (HTML_DIR / f"{name}.html").read_text(encoding="utf-8")
    assert f'href="../pdf/{name}.pdf"' in page
