"""JupyterHub: the nbgitpuller link of every chapter (built by `make test` for a hub) names this
book's repository, the edition's branch and a path that exists once nbgitpuller has pulled the
repository into the learner's home (simulated: a clone into a temporary home, in the folder that
nbgitpuller picks, the repository's name)."""

from __future__ import annotations

import html
import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from immunobook.build import setup_cell
from tests.conftest import HTML_DIR, ROOT
from tests.notebooks.chapters import chapter_notebooks
from tests.notebooks.test_student_edition import STUDENT_HTML

REPOSITORY, BRANCH = setup_cell.edition(ROOT)
GIT_PULL = re.compile(r'href="([^"]*/hub/user-redirect/git-pull\?[^"]*)"')


def git_pull_link(page) -> dict[str, str]:
    links = GIT_PULL.findall(page.read_text(encoding="utf-8"))
    if not links:
        pytest.skip("the book was built without a JupyterHub (`make test` builds it for one)")
    query = parse_qs(urlsplit(html.unescape(links[0])).query)
    return {key: values[0] for key, values in query.items()}


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A learner's home after nbgitpuller's first pull: the repository cloned into a folder named
    after it (nbgitpuller's default target), at this checkout's commit."""
    home = tmp_path_factory.mktemp("hub-home")
    name = REPOSITORY.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(home / name)], check=True)
    return home


@pytest.mark.parametrize("html_dir,branch", [(HTML_DIR, BRANCH), (STUDENT_HTML, "student")],
                         ids=["teacher", "student"])
@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_the_hub_link_opens_the_chapter_in_the_pulled_repository(notebook, html_dir, branch, home):
    name = notebook.relative_to(ROOT).with_suffix("").as_posix()
    link = git_pull_link(html_dir / f"{name}.html")
    assert link["repo"] == REPOSITORY
    assert link["branch"] == branch
    urlpath = link["urlpath"]
    assert urlpath.startswith("lab/tree/"), urlpath
    target = link.get("targetpath")
    opened = home / urlpath.removeprefix("lab/tree/")
    if target:
        assert opened.is_relative_to(home / target)
    assert opened.is_file(), f"{urlpath} is not in the pulled repository"
