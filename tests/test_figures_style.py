"""rtl(), shorten(), label() and the figure string helpers."""

import pytest

from dashboard.figures.style import (
    PDF,
    RLE,
    category_axis,
    display_strings,
    has_arabic,
    label,
    rtl,
    shorten,
    strip_controls,
)

RTL_CASES = [
    ("arabic", "باكو", RLE + "باكو" + PDF),
    ("digits at end", "قناة المدار 24", RLE + "قناة المدار 24" + PDF),
    ("latin at start", "FM إذاعة", RLE + "FM إذاعة" + PDF),
    ("latin only", "Reuters", "Reuters"),
    ("digits only", "2024", "2024"),
    ("empty", "", ""),
    ("none", None, ""),
    ("two lines", "سطر أول<br>Line 2<br>سطر 3", RLE + "سطر أول" + PDF + "<br>Line 2<br>"
     + RLE + "سطر 3" + PDF),
    ("already wrapped", RLE + "باكو" + PDF, RLE + "باكو" + PDF),
    ("template", "المقالات: %{y}", RLE + "المقالات: %{y}" + PDF),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in RTL_CASES],
                         ids=[c[0] for c in RTL_CASES])
def test_rtl(text, expected):
    assert rtl(text) == expected
    assert rtl(rtl(text)) == expected  # idempotent: never wrapped twice


@pytest.mark.parametrize(("text", "n", "expected"), [
    ("قصير", 10, "قصير"),
    ("وكالة الأنباء الوطنية", 10, "وكالة الأ…"),
    ("abcdef", 4, "abc…"),
    ("كلمة طويلة", 6, "كلمة…"),
], ids=["short", "arabic", "latin", "strips space before ellipsis"])
def test_shorten(text, n, expected):
    assert shorten(text, n) == expected
    assert len(shorten(text, n)) <= n


def test_label_shortens_then_wraps():
    out = label("وكالة الأنباء الوطنية للإعلام والاتصال", 12)
    assert out.startswith(RLE) and out.endswith("…" + PDF)
    assert len(strip_controls(out)) == 12


def test_label_escapes_markup():
    assert label("نشرة <b>1</b> & 2") == RLE + "نشرة &lt;b&gt;1&lt;/b&gt; &amp; 2" + PDF
    fig = {"layout": {"yaxis": {"ticktext": [label("نشرة & 2")]}}}
    assert display_strings(fig) == {"نشرة & 2"}


def test_has_arabic_and_strip_controls():
    assert has_arabic("abc ب") and not has_arabic("abc 123")
    assert strip_controls(RLE + "باكو" + PDF + "\u200f") == "باكو"


def test_category_axis():
    axis = category_axis(["قناة 24", "Reuters"])
    assert axis["tickvals"] == ["قناة 24", "Reuters"]
    assert axis["ticktext"] == [RLE + "قناة 24" + PDF, "Reuters"]


def test_display_strings_split_lines_and_strip_controls():
    fig = {"layout": {"title": {"text": rtl("عنوان<br>Title")}},
           "data": [{"name": rtl("باكو"), "x": [1, 2]}]}
    assert display_strings(fig) == {"عنوان", "باكو"}
