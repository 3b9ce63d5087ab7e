"""JupyterLab, for real: a JupyterLab from the Binder environment (binder/requirements.txt) on
127.0.0.1, driven by Playwright and Debian's Chromium. A widget chapter runs all its cells, a
slider redraws the figure, and the notebook's MyST is rendered by jupyterlab-myst (exercise titles,
admonitions, collapsed solutions; no directive shown as raw text). The test stops the server it
started."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from immunobook.build.browser import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ROOT
from tests.live.lab import binder_venv, jupyterlab

CHAPTER = "car-t-kinetics.ipynb"
# Lab settings: render every cell (no windowing), no news or update checks.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}
RAW_MYST = [":::{", "```{", "{exercise}", "{solution}", "{admonition}", "{dropdown}", "{footcite",
            "{term}`", "{glue", "{footbibliography}"]
WIDGET_FIGURE = ".widget-output .js-plotly-plot"


def test_the_binder_environment_loads_jupyterlab_myst():
    listed = subprocess.run([str(binder_venv() / "bin" / "jupyter"), "labextension", "list"],
                            capture_output=True, text=True, timeout=120)
    report = listed.stdout + listed.stderr
    line = next((row for row in report.splitlines() if "jupyterlab-myst" in row), "")
    assert "enabled" in line and "OK" in line and "not compatible" not in report, report


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    venv = binder_venv()
    root = tmp_path_factory.mktemp("lab")
    shutil.copy2(ROOT / "book" / CHAPTER, root / CHAPTER)
    settings = root / ".jupyter-config" / "lab" / "user-settings"
    for name, values in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    with jupyterlab(venv, root, root.parent / f"{root.name}-lab.log") as base:
        yield base


def test_a_widget_chapter_runs_and_its_myst_renders_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{lab}/lab/tree/{CHAPTER}")
        page.wait_for_selector(".jp-Notebook .jp-MarkdownCell", timeout=60_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)

        # Run All, from the Run menu
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        page.wait_for_selector(WIDGET_FIGURE, timeout=120_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
            ".every(p => /\\[\\d+\\]/.test(p.textContent))", timeout=120_000)
        assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0

        # move the first slider of the widget: the figure is redrawn with other data
        before = page.eval_on_selector(WIDGET_FIGURE, "el => JSON.stringify(el.data.map(t => t.y))")
        handle = page.locator(".widget-slider .noUi-handle, .widget-slider .ui-slider-handle").first
        handle.scroll_into_view_if_needed()
        box = handle.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + 150, box["y"] + box["height"] / 2, steps=8)
        page.mouse.up()
        page.wait_for_function(
            "([selector, before]) => { const el = document.querySelector(selector);"
            " return el && el.data && JSON.stringify(el.data.map(t => t.y)) !== before; }",
            arg=[WIDGET_FIGURE, before], timeout=60_000)

        # MyST is rendered (jupyterlab-myst's `.myst` view of each markdown cell, not its hidden
        # editor): exercise titles and admonitions, solutions collapsed, no raw directive or role
        rendered = page.locator(".jp-MarkdownCell .jp-Cell-inputArea > .myst")
        text = "\n".join(rendered.all_inner_texts())
        raw = [marker for marker in RAW_MYST if marker in text]
        assert not raw, f"raw MyST in JupyterLab: {raw}"
        exercise = rendered.locator("aside[id^='ex-']").first
        exercise.scroll_into_view_if_needed()
        assert exercise.is_visible() and "Exercise 1" in exercise.inner_text()
        assert rendered.locator("aside.myst-admonition").count() >= 5
        solutions = rendered.locator("details", has_text="Solution to")
        assert solutions.count() >= 4
        assert solutions.evaluate_all("els => els.filter(d => d.open).length") == 0
        assert not errors, errors
        browser.close()
