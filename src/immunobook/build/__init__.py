"""The book's build pipeline, apart from the runtime package that notebooks import.

Nothing here is imported by :mod:`immunobook` itself: a learner's notebook needs only pandas, plotly
and the data. Install these tools with ``pip install .[build]``.

* :mod:`~immunobook.build.sphinx_ext`: the Sphinx extension (``_config.yml``), which sets up one
  module per concern (assets, scripts, citations, pdf_links, launch, glossary_hovers, data_check,
  freshness, mathml);
* :mod:`~immunobook.build.constants`: names and budgets shared by the build and the tests;
* :mod:`~immunobook.build.mime`: myst-nb renderers for plotly figures and widgets;
* :mod:`~immunobook.build.mathml`, :mod:`~immunobook.build.slim`,
  :mod:`~immunobook.build.plotly_bundle`: what keeps pages light and offline;
* :mod:`~immunobook.build.printing`, :mod:`~immunobook.build.student`: the chapter PDFs and the
  student edition; :mod:`~immunobook.build.browser`: headless Chromium for both and for the tests;
* :mod:`~immunobook.build.toc`: the table of contents.
"""
