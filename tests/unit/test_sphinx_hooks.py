"""Each of the book's Sphinx hooks (immunobook.build.*) on a tiny project built with sphinx.testing."""

from __future__ import annotations

import sys

import pytest
from sphinx.errors import ExtensionError

from immunobook.build import glossary_hovers, pdf_links
from immunobook.build.constants import PDF_DIR
from tests.unit.sphinx_app import build, page

GLOSSARY = """Glossary
========

.. glossary::

   antigen
      A molecule the immune system
      can recognise.
"""


def test_a_link_to_a_glossary_term_shows_its_definition(tmp_path):
    app = build(tmp_path, "immunobook.build.glossary_hovers", {
        "index": "Home\n====\n\n.. toctree::\n\n   glossary\n   chapter\n",
        "glossary": GLOSSARY,
        "chapter": "Chapter\n=======\n\nAn :term:`antigen` is seen.\n",
    })
    assert 'title="A molecule the immune system can recognise."' in page(app, "chapter")
    assert app.env.immunobook_glossary == {"glossary": {"term-antigen": "A molecule the immune system can recognise."}}


def test_glossary_state_is_purged_and_merged_per_document():
    class Env:
        pass

    env, other = Env(), Env()
    env.immunobook_glossary = {"glossary": {"term-a": "old"}, "other": {"term-b": "b"}}
    other.immunobook_glossary = {"glossary": {"term-a": "new"}, "unread": {"term-c": "c"}}
    glossary_hovers.purge(None, env, "glossary")
    assert env.immunobook_glossary == {"other": {"term-b": "b"}}
    glossary_hovers.merge(None, env, {"glossary"}, other)
    assert env.immunobook_glossary == {"other": {"term-b": "b"}, "glossary": {"term-a": "new"}}


def test_scripts_are_emitted_once_deferred_and_without_widget_state(tmp_path, monkeypatch):
    conf = tmp_path / "ext.py"
    conf.write_text(
        "def setup(app):\n"
        "    app.setup_extension('immunobook.build.scripts')\n"
        "    app.add_js_file(None, body='var X = 1;')\n"
        "    app.add_js_file('', body='var X = 1;')\n"
        "    app.add_js_file('late.js')\n"
        "    app.add_js_file('already.js', **{'async': 'async'})\n"
        "    app.add_js_file(None, type='application/vnd.jupyter.widget-state+json', body='{}')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    html = page(build(tmp_path, "ext", {"index": "Home\n====\n"}))
    sys.modules.pop("ext", None)
    assert html.count("var X = 1;") == 1
    assert "widget-state" not in html
    assert '<script defer="defer" src="_static/late.js' in html
    assert '<script async="async" src="_static/already.js' in html
    assert '<script src="_static/doctools.js' in html  # later inline scripts need it at once


def test_bibliographies_lose_their_invalid_aria_roles(tmp_path):
    html = page(build(tmp_path, "immunobook.build.citations", {
        "index": "Home\n====\n\nSee [CIT2002]_.\n\n.. [CIT2002] A citation.\n",
    }))
    assert 'class="citation-list"' in html
    assert 'role="list"' not in html and "doc-biblioentry" not in html


def test_a_chapter_links_to_its_pdf_and_a_page_does_not():
    chapter = {"page_source_suffix": ".ipynb", "body": "<p>text</p>", "pathto": lambda path, resource: f"../{path}"}
    pdf_links.link_chapter_pdf(None, "book/history", None, chapter, None)
    assert chapter["body"].startswith(f'<p class="immunobook-print-link"><a href="../{PDF_DIR}/book/history.pdf">')
    other = {"page_source_suffix": ".md", "body": "<p>text</p>"}
    pdf_links.link_chapter_pdf(None, "book/data", None, other, None)
    assert other["body"] == "<p>text</p>"


def test_the_jupyterhub_button_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_URL", " https://hub.example.org ")
    app = build(tmp_path, "immunobook.build.launch", {"index": "Home\n====\n"}, buildername="dummy")
    assert app.config.html_theme_options["launch_buttons"]["jupyterhub_url"] == "https://hub.example.org"


def test_without_the_npm_tools_the_html_build_fails_with_the_fix(tmp_path):
    with pytest.raises(ExtensionError, match="npm ci"):
        build(tmp_path, "immunobook.build.assets", {"index": "Home\n====\n"})


def test_other_builders_need_no_npm_tools(tmp_path):
    app = build(tmp_path, "immunobook.build.assets", {"index": "Home\n====\n"}, buildername="text")
    assert (app.outdir / "index.txt").is_file()


def test_bad_data_stops_the_build_before_reading(tmp_path):
    data = tmp_path / "src" / "data"
    data.mkdir(parents=True)
    (data / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ExtensionError, match="the data package has"):
        build(tmp_path, "immunobook.build.data_check", {"index": "Home\n====\n"}, buildername="dummy")
