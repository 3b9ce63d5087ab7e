"""Every chapter offers Binder and Colab launch buttons for its own notebook (and no Thebe "Live
code" button: see README.md, "Read it live"), and
a JupyterHub button (nbgitpuller) when the book is built for a hub (`make test` builds it for one);
the student edition's buttons open the student branch."""

import os

import pytest
import yaml

from tests.conftest import HTML_DIR, ROOT
from tests.notebooks.chapters import chapter_notebooks
from tests.notebooks.test_student_edition import STUDENT_HTML

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPOSITORY = CONFIG["repository"]["url"].removeprefix("https://github.com/")
JUPYTERHUB = os.environ.get("JUPYTERHUB_URL") or CONFIG["launch_buttons"]["jupyterhub_url"]


def launch_links(html_dir, name, branch):
    page = (html_dir / f"{name}.html").read_text(encoding="utf-8")
    return [
        f"https://mybinder.org/v2/gh/{REPOSITORY}/{branch}?urlpath=lab/tree/{name}.ipynb" in page,
        f"https://colab.research.google.com/github/{REPOSITORY}/blob/{branch}/{name}.ipynb" in page,
        "btn-launch-thebe" not in page,
        # nbgitpuller clones the repository into a folder named after it, then opens the notebook;
        # a book built without a hub has no such button
        (f"{JUPYTERHUB}/hub/user-redirect/git-pull?repo=https%3A//github.com/{REPOSITORY}"
         f"&urlpath=lab/tree/{REPOSITORY.split('/')[1]}/{name}.ipynb&branch={branch}" in page)
        if JUPYTERHUB else "git-pull" not in page,
    ]


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_launch_buttons(notebook):
    name = notebook.relative_to(ROOT).with_suffix("").as_posix()
    assert launch_links(HTML_DIR, name, "main") == [True, True, True, True]
    assert launch_links(STUDENT_HTML, name, "student") == [True, True, True, True]
