"""HTML fragments: everything escaped, highlights placed by offsets, safe links only."""

from datetime import UTC, datetime

import pytest

from dashboard.figures import html
from dashboard.queries.search import display_regex

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=1>'
LABELS = {"date": "التاريخ", "source": "المصدر", "publisher": "الناشر", "tags": "الوسوم",
          "link": "الرابط", "undated": "بلا تاريخ", "unknown": "غير معروف"}


def article(**changes):
    base = {"title": "عنوان", "body": "زار سليم الحداد باكو.\n\nثم عاد.",
            "published_at": datetime(2024, 5, 1, 9, 30, tzinfo=UTC), "source": "وكالة 24",
            "publisher": "بوابة", "tags": ["سياسة", "كأس العالم 2026"],
            "url": "https://example.org/a"}
    return {**base, **changes}


def test_kwic_table_escapes_and_orders_columns():
    out = html.kwic_table([{"before": HOSTILE, "hit": "<b>", "after": "&", "meta": '"m"',
                            "date": "2024-12-27"}],
                          heading_before="قبل", heading_hit="الكلمة", heading_after="بعد")
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out and "&quot;m&quot;" in out
    assert out.startswith('<table class="marsad-kwic" dir="rtl" lang="ar">')
    assert out.index("kwic-before") < out.index("kwic-hit") < out.index("kwic-after")
    assert '&quot;m&quot; · <span dir="ltr">2024-12-27</span>' in out


def test_reader_escapes_every_field():
    out = html.article_html(article(title=HOSTILE, body=HOSTILE, source=HOSTILE,
                                    publisher=HOSTILE, tags=[HOSTILE]), [], LABELS)
    assert "<script>" not in out and "<img" not in out
    assert out.count("&lt;script&gt;") == 5


def test_reader_meta_and_direction():
    out = html.article_html(article(), [], LABELS)
    assert out.startswith('<article class="marsad-reader" dir="rtl" lang="ar"><h3>عنوان</h3>')
    assert "<dt>المصدر</dt><dd>وكالة 24</dd>" in out
    assert "<dt>الناشر</dt><dd>بوابة</dd>" in out
    assert "2024-05-01 09:30" in out
    assert '<span class="marsad-tag">كأس العالم 2026</span>' in out
    assert "ثم عاد." in out and "<br><br>" in out


def test_reader_missing_fields():
    out = html.article_html(article(published_at=None, source=None, title=None, url=None,
                                    tags=[]), [], LABELS)
    assert "بلا تاريخ" in out and "<dd>غير معروف</dd>" in out
    assert "<h3>" not in out and "<a " not in out and "الوسوم" not in out


@pytest.mark.parametrize(("url", "safe"), [
    ("https://example.org/a", True),
    ("http://example.org/a?b=1&c=2", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,x", False),
    ("", False),
    (None, False),
], ids=["https", "http", "javascript", "javascript mixed case", "data", "empty", "none"])
def test_safe_url(url, safe):
    assert (html.safe_url(url) is not None) is safe


def test_reader_link_is_escaped():
    out = html.article_html(article(url='https://e.org/?q="><script>'), [], LABELS)
    assert "<script>" not in out and 'href="https://e.org/?q=&quot;&gt;&lt;script&gt;"' in out


def test_highlight_entities_and_hits():
    body = "زار سليم الحداد باكو وبباكو."
    mentions = [{"type": "PER", "name": "سليم الحداد", "starts": [4], "ends": [15]},
                {"type": "LOC", "name": "باكو", "starts": [16], "ends": [20]}]
    spans = html.mention_spans(mentions, display_regex("باكو"), body)
    out = html.highlight(body, spans)
    assert '<mark class="m-per" title="سليم الحداد · PER">سليم الحداد</mark>' in out
    assert '<mark class="m-loc" title="باكو · LOC">باكو</mark>' in out
    assert '<mark class="m-hit" title="">وبباكو</mark>' in out  # the hit that no entity covers
    assert out.count("<mark") == 3


@pytest.mark.parametrize(("spans", "marks"), [
    ([(0, 3, "m-per", ""), (2, 5, "m-hit", "")], 1),
    ([(5, 99, "m-per", "")], 0),
    ([(0, 3, "bad-class", "")], 0),
    ([(3, 3, "m-per", "")], 0),
], ids=["overlap dropped", "out of range", "unknown class", "empty span"])
def test_highlight_guards(spans, marks):
    assert html.highlight("abcdefg", spans).count("<mark") == marks


def test_legend_html_only_known_classes():
    out = html.legend_html({"m-per": "أشخاص", "evil": "<x>"})
    assert "أشخاص" in out and "<x>" not in out and "evil" not in out
