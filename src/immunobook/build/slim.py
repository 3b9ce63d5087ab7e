"""Trim the theme's assets in a built book to what its pages use.

Out of the box a Jupyter Book page downloads about 550 KB of CSS (Bootstrap, Font Awesome's 2,000
icon rules, sphinx-design's grid) and 270 KB of icon fonts for about twenty icons. After the build:

* :func:`purge_css` removes, with the PurgeCSS command line (npm) and its settings file
  (``node/purgecss.config.js``), every CSS rule whose selectors match nothing in the book's HTML
  pages or scripts; classes that scripts add later (Bootstrap's ``show``, the theme's light and dark
  modes) appear in those scripts and are kept;
* :func:`subset_icon_fonts` cuts the Font Awesome fonts down to the icons that the remaining CSS
  still draws.

Checked by screenshots of the book before and after, in light and dark mode, on a phone-sized and a
desktop viewport, with menus, dialogs, the mobile sidebar and solutions open: pixel-identical.
"""

from __future__ import annotations

import logging
import re
import subprocess
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

PURGECSS_CONFIG = Path(__file__).parent / "node" / "purgecss.config.js"
SOURCE_MAP_COMMENT = re.compile(r"/\*# sourceMappingURL=.*?\*/")
# CSS that is not the theme's: the book's own rules, and plotly's, which plotly.js injects itself.
KEEP_CSS = ("immunobook.css", "plotly.min.css")
ICON_FONTS = "vendor/fontawesome/webfonts"
# A CSS string escape such as content:"\f002" or --fa:"\f09b" (Font Awesome's private-use glyphs);
# minified stylesheets also hold such glyphs as literal characters.
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")


class SlimError(RuntimeError):
    """An asset could not be trimmed (missing npm package, PurgeCSS failure)."""


def purge_css(html_dir: Path, node_modules: Path) -> None:
    """Remove unused rules from every stylesheet in ``html_dir/_static``, in place."""
    purgecss = node_modules / ".bin" / "purgecss"
    if not purgecss.is_file():
        raise SlimError(f"purgecss not found at {purgecss}: run `npm ci` (make book does)")
    static = html_dir / "_static"
    stylesheets = [css.relative_to(html_dir).as_posix() for css in sorted(static.rglob("*.css"))
                   if css.name not in KEEP_CSS]
    if not stylesheets:
        return
    # run in html_dir, written back over each stylesheet (--output . --preserve-paths)
    result = subprocess.run([str(purgecss), "--config", str(PURGECSS_CONFIG),
                             "--content", "**/*.html", "_static/**/*.js",
                             "--css", *stylesheets, "--output", ".", "--preserve-paths"],
                            cwd=html_dir, capture_output=True, text=True, check=False)
    if result.returncode or result.stderr.strip():
        raise SlimError(f"PurgeCSS failed: {result.stderr.strip()}")
    for name in stylesheets:
        css = html_dir / name
        css.write_text(SOURCE_MAP_COMMENT.sub("", css.read_text(encoding="utf-8")), encoding="utf-8")
    for source_map in static.rglob("*.css.map"):  # they describe the stylesheets before purging
        source_map.unlink()


def icon_codepoints(static: Path) -> set[int]:
    """Every codepoint that a stylesheet in ``static`` writes, escaped or as a non-ASCII character."""
    codepoints = set()
    for css in static.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        codepoints |= {int(code, 16) for code in CSS_ESCAPE.findall(text)}
        codepoints |= {ord(character) for character in text if ord(character) > 127}
    return codepoints


def subset_icon_fonts(html_dir: Path) -> None:
    """Keep only the glyphs that the (purged) stylesheets use in the Font Awesome fonts."""
    static = html_dir / "_static"
    codepoints = icon_codepoints(static)
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # its INFO lines would flood the build log
    for font_file in sorted((static / ICON_FONTS).glob("*")):
        if font_file.suffix not in (".woff2", ".ttf"):
            continue
        font = TTFont(font_file)
        wanted = codepoints & set(font.getBestCmap())
        options = subset.Options()
        options.flavor = "woff2" if font_file.suffix == ".woff2" else None
        options.layout_features = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        font.flavor = options.flavor
        font.save(font_file)


def slim_theme_assets(html_dir: Path, node_modules: Path) -> None:
    """Purge the stylesheets, then subset the icon fonts to what the purged stylesheets draw."""
    purge_css(html_dir, node_modules)
    subset_icon_fonts(html_dir)
