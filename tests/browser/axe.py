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


# The rules whose result depends on the colours: the only ones the other colour mode can change
# (every other rule reads the DOM and its layout, which the mode does not touch).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

RUN_AXE = """async ([tags, rules]) => (await axe.run(document, {
    runOnly: rules ? {type: 'rule', values: rules} : {type: 'tag', values: tags}, resultTypes: ['violations']}))
  .violations.map(v => ({id: v.id, impact: v.impact, tags: v.tags, nodes: v.nodes.map(n => n.target.join(' '))}))"""


def run_axe(browser: Browser, base: str, page_path: str, viewport: str, schemes=SCHEMES) -> dict[str, list[dict]]:
    """axe's violations on ``page_path`` at one width, per colour mode: each {id, impact, tags,
    nodes: [selector, ...]}. The page loads in the first mode, where every rule runs; it then
    switches mode as the theme's switch does, and the colour rules run again."""
    first = schemes[0]
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=first)
    # the theme keeps the reader's choice in localStorage; "auto" follows prefers-color-scheme
    context.add_init_script(
        f"try {{ localStorage.setItem('mode', '{first}'); localStorage.setItem('theme', '{first}'); }} catch (e) {{}}"
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
    page.evaluate(OPEN_EVERYTHING)
    page.wait_for_timeout(400)  # folds opening, tables enhanced
    page.add_script_tag(path=str(AXE_JS))
    found = {}
    for scheme in schemes:
        if scheme != first:
            page.emulate_media(color_scheme=scheme)
            page.evaluate("(mode) => { document.documentElement.dataset.mode = mode;"
                          " document.documentElement.dataset.theme = mode; }", scheme)
            page.wait_for_timeout(200)  # figures swap their pictures
        theme = page.evaluate("() => document.documentElement.dataset.theme")
        assert theme == scheme, f"{page_path}: the page is in {theme} mode, not {scheme}"
        found[scheme] = page.evaluate(RUN_AXE, [AXE_TAGS, None if scheme == first else COLOUR_RULES])
    context.close()
    return found


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
