"""The offline plotly renderer and the widget note."""

import json

import plotly.express as px
import pytest

from immunobook import describe
from immunobook.build.mime import live_note_html, render_plotly_figure_html


def figure_json(fig):
    return json.loads(fig.to_json())


def test_a_described_figure_renders_with_caption_source_and_alt():
    fig = describe(px.bar(x=["a"], y=[1]), alt="One bar", caption="A caption", source="A source")
    markup, cached = render_plotly_figure_html(figure_json(fig), "plotly-1-0")
    assert 'class="immunobook-chart"' in markup and 'data-plotly-for="plotly-1-0"' in markup
    assert "A caption" in markup and "Data source: A source" in markup and 'alt="One bar"' in markup
    assert f'src="_figures/{cached["key"]}-desktop-light.svg"' in markup
    assert f'href="_figures/{cached["key"]}.csv"' in markup


@pytest.mark.parametrize("missing", ["alt", "caption", "source"])
def test_a_figure_without_alt_caption_or_source_is_refused(missing):
    fig = px.bar(x=["a"], y=[1])
    meta = {"alt": "x", "caption": "y", "source": "z"}
    del meta[missing]
    fig.update_layout(meta=meta)
    with pytest.raises(ValueError, match=missing):
        render_plotly_figure_html(figure_json(fig), "plotly-1-0")


def test_describe_refuses_blank_text():
    with pytest.raises(ValueError):
        describe(px.bar(x=["a"], y=[1]), alt=" ", caption="c", source="s")


def test_figure_json_cannot_close_its_script_element():
    fig = describe(px.bar(x=["</script><script>alert(1)</script>"], y=[1]),
                   alt="a", caption="c", source="s")
    markup, _ = render_plotly_figure_html(figure_json(fig), "plotly-1-0")
    data = markup.split('data-plotly-for="plotly-1-0">')[1].split("</script>")[0]
    assert "<" not in data


def test_the_live_note_links_to_binder_when_it_can():
    assert 'href="https://mybinder.org/v2/x"' in live_note_html("https://mybinder.org/v2/x")
    assert "href" not in live_note_html(None)


def test_a_trace_type_outside_the_bundle_is_refused():
    fig = describe(px.pie(names=["a", "b"], values=[1, 2]), alt="a", caption="c", source="s")
    with pytest.raises(ValueError, match="pie"):
        render_plotly_figure_html(figure_json(fig), "plotly-1-0")


def test_title_legend_and_controls_become_html_and_the_csv_holds_the_plotted_rows():
    fig = px.bar(x=["a", "b", "a"], y=[1, 2, 3], color=["p", "q", "q"], title="Counts <b>by</b> group")
    fig.update_layout(
        updatemenus=[dict(type="buttons", name="Count", buttons=[
            dict(label="Number", method="restyle", args=[{"visible": True}]),
            dict(label="&#9654;", method="animate", args=[None])])],
        sliders=[dict(name="Year", active=1, steps=[dict(label="1990", method="skip"),
                                                    dict(label="2000", method="skip")])])
    describe(fig, alt="Bars", caption="c", source="s")
    markup, cached = render_plotly_figure_html(figure_json(fig), "plotly-1-0")
    assert '<p class="immunobook-figure-title" id="plotly-1-0-title">Counts by group</p>' in markup
    assert 'id="plotly-1-0-menu-0">Count</span>' in markup and ">Number</button>" in markup
    assert ">Play</button>" in markup, "a symbol label gets a word"
    assert 'data-slider="0" min="0" max="1" step="1" value="1" aria-valuetext="2000"' in markup
    assert 'data-traces="0"' in markup and 'data-traces="1"' in markup and cached["json"]["htmlLegend"]
    rows = cached["csv"].splitlines()
    assert rows[0].split(",")[0] == "series" and len(rows) == 1 + 3
    assert sorted(rows[1:]) == sorted(["p,a,1", "q,b,2", "q,a,3"])
