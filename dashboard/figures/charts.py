"""Figure builders: a DataFrame (or lists) in, a Plotly figure out. No Streamlit here.

Every displayed string goes through `style.rtl`/`style.label` once; data (x, y, customdata)
stays as it came, so a click hands back real values. Titles and labels arrive already
translated; the builders only format.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from .style import HOVER_MAX, base_layout, category_axis, figure, label, plain, rtl, shorten

# One-line date ticks at every zoom (plotly's default adds a second line with the year,
# which the legend below the plot would cover): days, then months, then years.
DATE_TICK_FORMATS = [
    {"dtickrange": [None, "M1"], "value": "%Y-%m-%d"},
    {"dtickrange": ["M1", "M12"], "value": "%Y-%m"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]


def _fmt(value: float, percent: bool) -> str:
    if percent:
        return f"{value:.1%}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _key_n(keys: pd.Series, ns: pd.Series) -> np.ndarray:
    """customdata rows [key, n] as one object array: plotly deep-copies a figure's data
    twice on its way to the browser, which costs ~70 ms for 17,500 small lists (a daily
    line per outlet over three years) and ~20 ms for one array."""
    out = np.empty((len(keys), 2), dtype=object)
    out[:, 0] = keys.astype(str).to_numpy(dtype=object)
    out[:, 1] = ns.to_numpy(dtype=np.int64).astype(object)  # Python ints, for JSON
    return out


def empty_figure(message: str, *, rtl_ui: bool, height: int = 220) -> go.Figure:
    """A blank figure that says why it is blank."""
    layout = base_layout("", rtl_ui=rtl_ui, height=height)
    layout["annotations"] = [{"text": rtl(message), "showarrow": False, "xref": "paper",
                              "yref": "paper", "x": 0.5, "y": 0.5}]
    layout["xaxis"]["visible"] = False
    layout["yaxis"]["visible"] = False
    return figure([], layout)


def timeline_figure(df: pd.DataFrame, *, title: str, y_title: str, n_title: str,
                    percent: bool, rtl_ui: bool, empty_message: str,
                    height: int = 420) -> go.Figure:
    """Lines over time. df: period, series (label), key, n, value — one line per series,
    largest first. Each point carries customdata [key, n] for click-through."""
    if df.empty:
        return empty_figure(empty_message, rtl_ui=rtl_ui)
    order = df.groupby("series", sort=False)["n"].sum().sort_values(ascending=False).index
    value_fmt = ":.1%" if percent else ":,.0f"
    parts = dict(tuple(df.sort_values("period", kind="stable").groupby("series", sort=False)))
    traces = []
    for series in order:
        part = parts[series]
        hover = (rtl(f"{plain(shorten(series, HOVER_MAX))}: %{{y{value_fmt}}}")
                 + "<br>" + rtl(f"{n_title}: %{{customdata[1]:,}}")
                 + "<br>%{x|%Y-%m-%d}<extra></extra>")
        traces.append({
            "type": "scatter", "mode": "lines+markers", "marker": {"size": 5},
            # Periods start at midnight: whole days are exact, serialise as YYYY-MM-DD,
            # and are one buffer to copy, not a Python object per point.
            "x": pd.to_datetime(part["period"]).to_numpy().astype("datetime64[D]"),
            "y": part["value"].to_numpy(dtype=float),
            "customdata": _key_n(part["key"], part["n"]),
            "name": label(series), "hovertemplate": hover,
        })
    layout = base_layout(title, rtl_ui=rtl_ui, height=height, y_title=y_title)
    layout.update(showlegend=len(order) > 1, hovermode="closest")
    layout["yaxis"].update(tickformat=".0%" if percent else ",d", rangemode="tozero")
    layout["xaxis"].update(type="date", tickformatstops=DATE_TICK_FORMATS)
    return figure(traces, layout)


def bar_figure(categories, values, *, title: str, value_title: str, rtl_ui: bool,
               empty_message: str, percent: bool = False, extra: list[str] | None = None,
               height: int | None = None) -> go.Figure:
    """Horizontal bars, first category on top. `extra` adds a hover line per bar.
    In a right-to-left interface the bars grow from the right and labels sit on the right."""
    categories = ["" if c is None else str(c) for c in categories]
    values = [float(v) for v in values]
    if not categories:
        return empty_figure(empty_message, rtl_ui=rtl_ui)
    hover = []
    for i, (c, v) in enumerate(zip(categories, values, strict=True)):
        line = (rtl(plain(shorten(c, HOVER_MAX))) + "<br>"
                + rtl(f"{value_title}: {_fmt(v, percent)}"))
        if extra is not None:
            line += "<br>" + rtl(plain(extra[i]))
        hover.append(line)
    trace = {"type": "bar", "orientation": "h", "x": values, "y": categories,
             "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"}
    layout = base_layout(title, rtl_ui=rtl_ui,
                         height=height or max(220, 90 + 26 * len(categories)),
                         x_title=value_title)
    layout["yaxis"].update(**category_axis(categories), autorange="reversed",
                           side="right" if rtl_ui else "left")
    layout["xaxis"].update(tickformat=".0%" if percent else ",~g",
                           autorange="reversed" if rtl_ui else True)
    return figure([trace], layout)


# ColorBrewer Blues, light to dark, as [position, colour] pairs for plotly.js.
HEAT_COLORS = plotly.colors.make_colorscale(plotly.colors.sequential.Blues)


def heatmap_figure(df: pd.DataFrame, *, x: str, y: str, z: str, title: str, x_title: str,
                   y_title: str, z_title: str, rtl_ui: bool, empty_message: str,
                   percent: bool = False, x_labels: dict | None = None,
                   y_labels: dict | None = None) -> go.Figure:
    """A category × category heatmap from a long frame (columns x, y, z; missing cells 0).
    `x_labels`/`y_labels` map category values (ids) to display names."""
    if df.empty:
        return empty_figure(empty_message, rtl_ui=rtl_ui)
    grid = df.pivot_table(index=y, columns=x, values=z, aggfunc="sum", fill_value=0,
                          sort=False)
    xs, ys = [str(v) for v in grid.columns], [str(v) for v in grid.index]
    xl = [(x_labels or {}).get(v, v) for v in xs]
    yl = [(y_labels or {}).get(v, v) for v in ys]
    text = [[rtl(plain(shorten(yl[i], HOVER_MAX))) + "<br>"
             + rtl(plain(shorten(xl[j], HOVER_MAX)))
             + "<br>" + rtl(f"{z_title}: {_fmt(grid.iat[i, j], percent)}")
             for j in range(len(xs))] for i in range(len(ys))]
    trace = {"type": "heatmap", "x": xs, "y": ys, "z": grid.to_numpy(dtype=float),
             "text": text, "hovertemplate": "%{text}<extra></extra>",
             # White for none, dark for most (plotly.js's own "Blues" runs the other way).
             "colorscale": HEAT_COLORS, "zmin": 0,
             # In Arabic the category labels are on the right: the colour bar goes left.
             "colorbar": {"title": {"text": rtl(z_title)},
                          "tickformat": ".0%" if percent else ",~g",
                          **({"x": -0.02, "xanchor": "right"} if rtl_ui else {})}}
    layout = base_layout(title, rtl_ui=rtl_ui, height=max(320, 120 + 28 * len(ys)),
                         x_title=x_title, y_title=y_title)
    layout["xaxis"].update(**category_axis(xs), tickangle=-45,
                           autorange="reversed" if rtl_ui else True)
    layout["xaxis"]["ticktext"] = [label(v) for v in xl]
    layout["yaxis"].update(**category_axis(ys), autorange="reversed",
                           side="right" if rtl_ui else "left")
    layout["yaxis"]["ticktext"] = [label(v) for v in yl]
    return figure([trace], layout)
