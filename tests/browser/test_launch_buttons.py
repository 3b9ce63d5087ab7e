"""Every chapter offers Binder, Colab and live-code (Thebe) launch buttons for its own notebook;
the student edition's buttons open the student branch."""

import pytest
import yaml

from tests.conftest import HTML_DIR, ROOT
from tests.notebooks.chapters import chapter_notebooks
from tests.notebooks.test_student_edition import STUDENT_HTML

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPOSITORY = CONFIG["repository"]["url"].removeprefix("https://github.com/")


def launch_links(html_dir, name, branch):
    page = (html_dir / f"{name}.html").read_text(encoding="utf-8")
    return [
        f"https://mybinder.org/v2/gh/{REPOSITORY}/{branch}?urlpath=lab/tree/{name}.ipynb" in page,
        f"https://colab.research.google.com/github/{REPOSITORY}/blob/{branch}/{name}.ipynb" in page,
        "btn-launch-thebe" in page,
    ]


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.stem)
def test_launch_buttons(notebook):
    name = notebook.relative_to(ROOT).with_suffix("").as_posix()
    assert launch_links(HTML_DIR, name, "main") == [True, True, True]
    assert launch_links(STUDENT_HTML, name, "student") == [True, True, True]
