"""Trimming the theme's assets: unused CSS rules go, icon fonts keep only the icons still drawn."""

import shutil
from pathlib import Path

import pydata_sphinx_theme
from fontTools.ttLib import TTFont

from immunobook.build.slim import ICON_FONTS, icon_codepoints, purge_css, subset_icon_fonts
from tests.conftest import ROOT

THEME_FONTS = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / ICON_FONTS


def test_purge_keeps_rules_for_the_pages_and_their_scripts(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "page.html").write_text('<div class="used"><p>text</p></div>', encoding="utf-8")
    (tmp_path / "_static" / "menu.js").write_text('el.classList.add("opened-by-script")', encoding="utf-8")
    css = tmp_path / "_static" / "theme.css"
    css.write_text(".used{color:red}.unused-widget{color:blue}.opened-by-script{display:block}p{margin:0}",
                   encoding="utf-8")
    (tmp_path / "_static" / "theme.css.map").write_text("{}", encoding="utf-8")
    nested = tmp_path / "_static" / "vendor" / "icons.css"
    nested.parent.mkdir()
    nested.write_text(".thebe-cell{color:red}.unused-icon{color:blue}\n/*# sourceMappingURL=icons.css.map */",
                      encoding="utf-8")
    purge_css(tmp_path, ROOT / "node_modules")
    kept = css.read_text(encoding="utf-8")
    assert ".used" in kept and ".opened-by-script" in kept and "p{" in kept.replace(" ", "")
    assert ".unused-widget" not in kept
    nested_kept = nested.read_text(encoding="utf-8")  # purged in place, safelist from the settings file
    assert ".thebe-cell" in nested_kept and ".unused-icon" not in nested_kept and "sourceMappingURL" not in nested_kept
    assert not (tmp_path / "_static" / "theme.css.map").exists()


def test_icon_codepoints_reads_escapes_and_literal_glyphs(tmp_path):
    (tmp_path / "a.css").write_text('.search:before{content:"\\f002"}.x{--fa:"\\f09b"}.y:after{content:"\uf303"}',
                                    encoding="utf-8")
    assert icon_codepoints(tmp_path) == {0xF002, 0xF09B, 0xF303}


def test_icon_fonts_keep_only_the_glyphs_the_css_draws(tmp_path):
    fonts = tmp_path / "_static" / ICON_FONTS
    shutil.copytree(THEME_FONTS, fonts)
    (tmp_path / "_static" / "icons.css").write_text('.a:before{content:"\\f002"}.b:before{content:"\\f09b"}',
                                                    encoding="utf-8")
    before = (fonts / "fa-solid-900.woff2").stat().st_size
    subset_icon_fonts(tmp_path)
    assert set(TTFont(fonts / "fa-solid-900.woff2").getBestCmap()) == {0xF002}  # magnifying glass
    assert set(TTFont(fonts / "fa-brands-400.woff2").getBestCmap()) == {0xF09B}  # GitHub
    assert (fonts / "fa-solid-900.woff2").stat().st_size < before / 10
