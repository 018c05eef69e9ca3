"""Figure builders: every Arabic display string wrapped exactly once, data left unwrapped."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import charts
from dashboard.figures.style import LABEL_MAX, PDF, RLE, has_arabic

DISPLAY_KEYS = {"text", "name", "hovertemplate", "hovertext", "ticktext"}
DATA_KEYS = {"x", "y", "z", "customdata", "tickvals"}
CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

LONG = "وكالة الأنباء الوطنية للإعلام والاتصال والنشر الرقمي 2024"
OUTLETS = ["قناة المدار 24", "جريدة الأفق (طبعة دولية)", "إذاعة الساحل FM", LONG, "Reuters"]


def collect(obj, key=None, out=None):
    """(key, string) for every string in a plotly JSON tree, with the nearest dict key."""
    out = [] if out is None else out
    if isinstance(obj, str):
        out.append((key, obj))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            collect(v, k, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            collect(v, key, out)
    elif hasattr(obj, "tolist"):
        collect(obj.tolist(), key, out)
    return out


def assert_wrapped_once(fig: go.Figure):
    strings = collect(fig.to_plotly_json())
    shown = [(k, s) for k, s in strings if k in DISPLAY_KEYS]
    assert any(has_arabic(s) for _, s in shown), "no Arabic display string to check"
    for key, s in shown:
        for line in s.split("<br>"):
            if has_arabic(line):
                assert line.startswith(RLE) and line.endswith(PDF), (key, line)
                assert line.count(RLE) == 1 and line.count(PDF) == 1, (key, line)
            else:
                assert not any(c in line for c in CONTROLS), (key, line)
    for key, s in strings:
        if key in DATA_KEYS:
            assert not any(c in s for c in CONTROLS), (key, s)


def timeline_frame():
    periods = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"])
    rows = [{"period": p, "series": o, "key": o, "n": i + j, "value": float(i + j)}
            for i, o in enumerate(OUTLETS) for j, p in enumerate(periods)]
    return pd.DataFrame(rows)


FIGURES = {
    "timeline ar": lambda: charts.timeline_figure(
        timeline_frame(), title="المقالات عبر الزمن", y_title="عدد المقالات",
        n_title="المقالات", percent=False, rtl_ui=True, empty_message="لا نتائج"),
    "timeline en share": lambda: charts.timeline_figure(
        timeline_frame(), title="Articles over time", y_title="share", n_title="articles",
        percent=True, rtl_ui=False, empty_message="none"),
    "bar ar": lambda: charts.bar_figure(
        OUTLETS, [5, 4, 3, 2, 1], title="المقالات حسب المنفذ", value_title="المقالات",
        rtl_ui=True, empty_message="لا نتائج", extra=[f"القصص: {i}" for i in range(5)]),
    "bar en percent": lambda: charts.bar_figure(
        OUTLETS, [0.5, 0.4, 0.3, 0.2, 0.1], title="Share", value_title="share", percent=True,
        rtl_ui=False, empty_message="none"),
    "heatmap ar": lambda: charts.heatmap_figure(
        pd.DataFrame({"outlet": OUTLETS * 2, "entity": ["e1"] * 5 + ["e2"] * 5,
                      "share": [0.1] * 10}),
        x="entity", y="outlet", z="share", percent=True, title="المنفذ × الكيان",
        x_title="الكيان", y_title="المنفذ", z_title="النسبة", rtl_ui=True,
        empty_message="لا نتائج", x_labels={"e1": "مجموعة العشرين (G20)", "e2": "باكو"}),
    "empty ar": lambda: charts.empty_figure("لا توجد نتائج.", rtl_ui=True),
}


@pytest.mark.parametrize("name", FIGURES, ids=list(FIGURES))
def test_builders_produce_valid_plotly(name):
    # The builders skip plotly's validation for speed; the spec must still be valid.
    go.Figure(FIGURES[name]().to_dict())


@pytest.mark.parametrize("name", FIGURES, ids=list(FIGURES))
def test_arabic_display_strings_wrapped_exactly_once(name):
    assert_wrapped_once(FIGURES[name]())


def test_legend_names_are_shortened_before_wrapping():
    fig = FIGURES["timeline ar"]()
    names = {t.name for t in fig.data}
    long_name = next(n for n in names if n.startswith(RLE + LONG[:10]))
    assert long_name.endswith("…" + PDF)
    assert len(long_name) - 2 <= LABEL_MAX


def test_category_ticks_keep_data_and_wrap_labels():
    fig = FIGURES["bar ar"]()
    assert list(fig.data[0].y) == OUTLETS
    assert list(fig.layout.yaxis.tickvals) == OUTLETS
    assert fig.layout.yaxis.ticktext[0] == RLE + OUTLETS[0] + PDF
    assert fig.layout.yaxis.ticktext[4] == "Reuters"


def test_right_to_left_interface_mirrors_bars():
    ar, en = FIGURES["bar ar"](), FIGURES["bar en percent"]()
    assert ar.layout.xaxis.autorange == "reversed" and ar.layout.yaxis.side == "right"
    assert en.layout.xaxis.autorange is True and en.layout.yaxis.side == "left"


def test_timeline_points_carry_keys_for_click_through():
    fig = FIGURES["timeline ar"]()
    trace = next(t for t in fig.data if t.customdata[0][0] == OUTLETS[1])
    assert [int(c[1]) for c in trace.customdata] == [1, 2, 3]


def test_hover_names_are_not_truncated_by_plotly():
    assert FIGURES["bar ar"]().layout.hoverlabel.namelength == -1


@pytest.mark.parametrize("builder", ["timeline", "bar", "heatmap"], ids=str)
def test_empty_input_gives_a_message(builder):
    empty = pd.DataFrame(columns=["period", "series", "key", "n", "value", "x", "y", "z"])
    if builder == "timeline":
        fig = charts.timeline_figure(empty, title="t", y_title="y", n_title="n", percent=False,
                                     rtl_ui=True, empty_message="لا نتائج")
    elif builder == "bar":
        fig = charts.bar_figure([], [], title="t", value_title="v", rtl_ui=True,
                                empty_message="لا نتائج")
    else:
        fig = charts.heatmap_figure(empty, x="x", y="y", z="z", title="t", x_title="x",
                                    y_title="y", z_title="z", rtl_ui=True,
                                    empty_message="لا نتائج")
    assert fig.layout.annotations[0].text == RLE + "لا نتائج" + PDF


def test_payload_stays_small():
    # No plotly template in the JSON (Streamlit themes the chart): a few KB per chart.
    assert len(FIGURES["bar ar"]().to_json()) < 6000


@pytest.mark.parametrize("rtl_ui", [True, False])
def test_heatmap_colour_bar_keeps_clear_of_the_labels(rtl_ui):
    df = pd.DataFrame({"x": ["باكو", "غزة"], "y": ["قناة أ", "قناة ب"], "z": [0.1, 0.9]})
    fig = charts.heatmap_figure(df, x="x", y="y", z="z", title="t", x_title="x", y_title="y",
                                z_title="z", rtl_ui=rtl_ui, empty_message="", percent=True)
    trace = fig.to_dict()["data"][0]
    # Category labels sit right in Arabic, so the bar goes left; left in English, bar right.
    assert (trace["colorbar"].get("x", 1.02) < 0) is rtl_ui
    assert fig.to_dict()["layout"]["yaxis"]["side"] == ("right" if rtl_ui else "left")
    # Zero is white and the largest share darkest.
    assert trace["colorscale"][0][1] == "rgb(247,251,255)" and trace["zmin"] == 0
