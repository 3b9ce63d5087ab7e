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
    markup = render_plotly_figure_html(figure_json(fig), "plotly-1-0")
    assert 'class="plotly-graph-div"' in markup and 'data-plotly-for="plotly-1-0"' in markup
    assert "A caption" in markup and "Data source: A source" in markup and ">One bar<" in markup


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
    markup = render_plotly_figure_html(figure_json(fig), "plotly-1-0")
    data = markup.split('data-plotly-for="plotly-1-0">')[1].split("</script>")[0]
    assert "<" not in data


def test_the_live_note_links_to_binder_when_it_can():
    assert 'href="https://mybinder.org/v2/x"' in live_note_html("https://mybinder.org/v2/x")
    assert "href" not in live_note_html(None)


def test_a_trace_type_outside_the_bundle_is_refused():
    fig = describe(px.pie(names=["a", "b"], values=[1, 2]), alt="a", caption="c", source="s")
    with pytest.raises(ValueError, match="pie"):
        render_plotly_figure_html(figure_json(fig), "plotly-1-0")
