"""The built book served on a loopback port, with a Chromium to visit it: one per test module."""

import pytest

from immunobook.build.browser import chromium, serve
from tests.conftest import HTML_DIR


@pytest.fixture(scope="module")
def site():
    with serve(HTML_DIR) as base, chromium() as browser:
        yield base, browser
