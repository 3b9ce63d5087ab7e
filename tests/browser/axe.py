"""Run the current axe-core on a page as a reader would meet it: at a phone and a desktop width, in
light and dark mode, with every fold (details, dropdowns, solutions, data tables) opened."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")

# The one list of accepted axe findings: (rule id, CSS selector fragment of the node) -> reason.
# Only moderate or minor best-practice findings may be accepted; serious and critical ones never are.
ACCEPTED: dict[tuple[str, str], str] = {}

OPEN_EVERYTHING = r"""() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  // sphinx-togglebutton folds (solutions, toggles) that are not <details>
  document.querySelectorAll('button.toggle-button[aria-expanded="false"]').forEach(b => b.click());
}"""


def axe_version() -> str:
    """The version of the axe-core that the tests load (node_modules, from package-lock.json)."""
    import json

    return json.loads((AXE_JS.parent / "package.json").read_text())["version"]


def run_axe(browser: Browser, base: str, page_path: str, viewport: str, scheme: str) -> list[dict]:
    """axe's violations on ``page_path``: each {id, impact, tags, nodes: [selector, ...]}."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    # the theme keeps the reader's choice in localStorage; "auto" follows prefers-color-scheme
    context.add_init_script(
        f"try {{ localStorage.setItem('mode', '{scheme}'); localStorage.setItem('theme', '{scheme}'); }} catch (e) {{}}"
    )

    def local_only(route):
        url = route.request.url
        if url.startswith(base) or url.split(":", 1)[0] in {"data", "blob", "about"}:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    page.goto(f"{base}/{page_path}", wait_until="load")
    theme = page.evaluate("() => document.documentElement.dataset.theme")
    assert theme == scheme, f"{page_path}: the page is in {theme} mode, not {scheme}"
    page.evaluate(OPEN_EVERYTHING)
    page.wait_for_timeout(400)  # folds opening, tables enhanced
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, tags: v.tags, nodes: v.nodes.map(n => n.target.join(' '))}))",
        AXE_TAGS,
    )
    context.close()
    return violations


def unaccepted(violations: list[dict]) -> list[str]:
    """One line per finding that is neither fixed nor in :data:`ACCEPTED` (serious/critical: always)."""
    problems = []
    for violation in violations:
        for node in violation["nodes"]:
            accepted = violation["impact"] not in BLOCKING_IMPACTS and any(
                rule == violation["id"] and fragment in node for rule, fragment in ACCEPTED
            )
            if not accepted:
                problems.append(f"{violation['impact']} {violation['id']}: {node}")
    return problems
