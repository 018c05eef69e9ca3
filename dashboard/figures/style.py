"""Right-to-left text in Plotly figures, and the layout every figure shares.

plotly.js lays SVG text out with `direction: ltr`, so an Arabic label whose first or last
character is a digit, a Latin letter or punctuation lands on the wrong side (measured in
Chromium: 22 of 39 lines wrong). Wrapping each Arabic display string in RIGHT-TO-LEFT
EMBEDDING … POP DIRECTIONAL FORMATTING (U+202B … U+202C) fixes all of them, in the browser
and in image exports. Reshaping (arabic-reshaper, python-bidi) makes it worse: the browser
already shapes and orders Arabic.

So: data stays unwrapped, and every string a figure *displays* (titles, axis titles, tick
labels, legend names, hover text, annotations) goes through `rtl()` exactly once, here in
the figure builders. Strings are shortened *before* wrapping, so that the ellipsis falls at
the logical end (the visual left of Arabic text) and the control characters do not count
toward the length.
"""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go

RLE = "\u202b"  # RIGHT-TO-LEFT EMBEDDING
PDF = "\u202c"  # POP DIRECTIONAL FORMATTING
LINE_BREAK = "<br>"
ELLIPSIS = "…"
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe]")
BIDI_CONTROLS_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")

# The bundled Arabic face first (served by the app), then Streamlit's Latin face.
FONT_FAMILY = "'Noto Sans Arabic', 'Source Sans', 'Source Sans Pro', sans-serif"
LABEL_MAX = 32  # legend names and category tick labels
HOVER_MAX = 60


def has_arabic(text: str) -> bool:
    """True when `text` contains an Arabic letter."""
    return bool(ARABIC_RE.search(text))


def _wrap_line(line: str) -> str:
    if not has_arabic(line) or (line.startswith(RLE) and line.endswith(PDF)):
        return line
    return f"{RLE}{line}{PDF}"


def rtl(text) -> str:
    """The display form of one chart string: each Arabic-bearing line (split at `<br>`,
    where plotly starts a new SVG line) wrapped once in U+202B … U+202C; others unchanged.
    Idempotent. None becomes ''."""
    if text is None:
        return ""
    return LINE_BREAK.join(_wrap_line(line) for line in str(text).split(LINE_BREAK))


def shorten(text: str, max_len: int) -> str:
    """`text` cut to at most `max_len` characters, ending in … when cut (logical end)."""
    text = str(text)
    if len(text) <= max_len:
        return text
    return text[: max(max_len - 1, 1)].rstrip() + ELLIPSIS


def plain(text) -> str:
    """Data text made safe for plotly, which reads a few HTML tags and entities in every
    string: &, < and > are written as entities, so `A<br>B` or `R&D` show as they are."""
    return html.escape("" if text is None else str(text), quote=False)


def label(text, max_len: int = LABEL_MAX) -> str:
    """Shorten, escape, then wrap: the form for legend names and category tick labels
    (shortened first, so that an entity is never cut in half)."""
    return rtl(plain(shorten("" if text is None else str(text), max_len)))


def strip_controls(text: str) -> str:
    """`text` without bidi control characters (the logical string a reader sees)."""
    return BIDI_CONTROLS_RE.sub("", text)


def category_axis(values, max_len: int = LABEL_MAX) -> dict:
    """Axis settings that show category `values` (kept as data) with wrapped labels."""
    values = list(values)
    return {"type": "category", "tickmode": "array", "tickvals": values,
            "ticktext": [label(v, max_len) for v in values], "automargin": True}


def base_layout(title: str, *, rtl_ui: bool, height: int = 420, x_title: str | None = None,
                y_title: str | None = None) -> dict:
    """The shared layout (a plain dict): font, empty template (small payload), wrapped
    titles, full-length hover names, legend below the plot, right-aligned hover text in
    Arabic. Builders add their own axis settings to `xaxis`/`yaxis`."""
    return {
        # No plotly template (Streamlit applies its theme): keeps each chart a few KB.
        "template": {},
        "title": {"text": rtl(title), "x": 0.99 if rtl_ui else 0.01,
                  "xanchor": "right" if rtl_ui else "left"},
        "font": {"family": FONT_FAMILY},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "hoverlabel": {"namelength": -1, "align": "right" if rtl_ui else "left",
                       "font": {"family": FONT_FAMILY}},
        # Below the plot: above it, a long legend runs into the title.
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12,
                   "xanchor": "right" if rtl_ui else "left", "x": 1.0 if rtl_ui else 0.0},
        "xaxis": {"automargin": True, **({"title": {"text": rtl(x_title)}} if x_title else {})},
        "yaxis": {"automargin": True, **({"title": {"text": rtl(y_title)}} if y_title else {})},
    }


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A Figure from plain dicts, not validated here: plotly's validation costs 5–20 ms a
    chart, a page draws up to eight, and the specs are fixed by this package (the tests
    validate every builder's output instead)."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def walk_strings(obj):
    """Every string in a figure dict (plotly JSON), recursively (for tests and checks)."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from walk_strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from walk_strings(v)


def display_strings(fig_dict: dict) -> set[str]:
    """The logical strings (controls stripped, split at <br>, entities decoded) of every
    Arabic-bearing string a figure may show: what a browser check expects in its SVG text."""
    out = set()
    for s in walk_strings(fig_dict):
        for line in s.split(LINE_BREAK):
            if has_arabic(line):
                out.add(html.unescape(strip_controls(line)))
    return out
