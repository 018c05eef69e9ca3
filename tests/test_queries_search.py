"""Arabic-aware search: the match pattern (RE2 in DuckDB), the display pattern, KWIC."""

import duckdb
import pytest

from dashboard.arabic.normalize import normalize_for_match
from dashboard.queries.search import (
    display_regex,
    kwic,
    kwic_spans,
    match_pattern,
    snippet,
)

CON = duckdb.connect()


def matches(query: str, text: str) -> bool:
    """Does `query` match `text` the way the query layer runs it (body_norm in DuckDB)?"""
    return CON.execute("SELECT regexp_matches(?, ?)",
                       [normalize_for_match(text), match_pattern(query)]).fetchone()[0]


# (query, text, expected) — the decisions documented in search.py.
CASES = [
    ("باكو", "باكو", True),
    ("باكو", "وباكو", True),
    ("باكو", "فباكو", True),
    ("باكو", "بباكو", True),
    ("باكو", "لباكو", True),
    ("باكو", "كباكو", True),
    ("باكو", "الباكو", True),
    ("باكو", "والباكو", True),
    ("باكو", "للباكو", True),
    ("باكو", "وبالباكو", True),
    ("باكو", "باكوس", False),
    ("باكو", "سباكو", False),
    ("باكو", "وصل إلى باكو، ثم غادر", True),
    ("باكو", "باكو123", False),
    ("الرياض", "بالرياض", True),
    ("الرياض", "للرياض", True),
    ("الرياض", "وللرياض", True),
    ("الرياض", "والرياض", True),
    ("الرياض", "فالرياض", True),
    ("الرياض", "كالرياض", True),
    ("الرياض", "رياض", False),
    ("الرياض", "الرياضة", False),
    ("الرياض", "لرياض", False),
    ("الليل", "لليل", True),
    ("الليل", "الليل", True),
    ("ليمون", "لليمون", True),
    ("أحمد", "احمد", True),
    ("احمد", "إحمد", True),
    ("مدينة", "المدينه", True),
    ("مستشفى", "مستشفي", True),
    ("الرياض", "الرِّياض", True),
    ("الرياض", "الريـــاض", True),
    ("٢٠٢٤", "عام 2024", True),
    ("Reuters", "وكالة REUTERS للأنباء", True),
    ("وزير الخارجية", "قال ووزير الخارجية إن", True),
    ("وزير الخارجية", "وزير خارجية", False),
    ("وزير الخارجية", "وزير الخارجيه", True),
]


@pytest.mark.parametrize(("query", "text", "expected"), CASES,
                         ids=[f"{q}|{t}" for q, t, _ in CASES])
def test_match_pattern(query, text, expected):
    assert matches(query, text) is expected


@pytest.mark.parametrize(("query", "text", "expected"), CASES,
                         ids=[f"{q}|{t}" for q, t, _ in CASES])
def test_display_pattern_agrees_with_match_pattern(query, text, expected):
    assert bool(display_regex(query).search(text)) is expected


@pytest.mark.parametrize("query", ["", "   ", "\u064e", "\u0640"], ids=["empty", "spaces",
                                                                       "diacritic", "tatweel"])
def test_empty_query_has_no_pattern(query):
    assert match_pattern(query) is None
    assert display_regex(query) is None
    assert kwic("أي نص", query) == []


@pytest.mark.parametrize("query", ["a.b", "(x)", "[", "a|b", "50%", "O'Brien", "x*", "\\d",
                                   "{2}", "$^"],
                         ids=["dot", "parens", "bracket", "pipe", "percent", "quote", "star",
                              "backslash", "braces", "anchors"])
def test_metacharacters_are_literal(query):
    # Each compiles in RE2 and in Python and only matches the literal text.
    assert matches(query, f"قبل {query} بعد")
    assert display_regex(query).search(f"قبل {query} بعد")
    assert not matches(query, "قبل شيء آخر بعد")


def test_display_hit_keeps_clitics_and_diacritics():
    body = "وصل الوفد إلى الرِّيَاض، ثم وللرياضِ عاد."
    hits = [m.group() for m in display_regex("الرياض").finditer(body)]
    assert hits == ["الرِّيَاض", "وللرياضِ"]


def test_kwic_contexts():
    body = "قال المتحدث إن الوفد وصل إلى باكو صباح اليوم ثم غادر إلى بيروت."
    assert kwic(body, "باكو") == [("قال المتحدث إن الوفد وصل إلى", "باكو",
                                   "صباح اليوم ثم غادر إلى بيروت.")]


def test_kwic_limit_and_trim():
    body = " ".join(["كلمة"] * 40 + ["باكو"] + ["نص"] * 40 + ["وباكو"] + ["ختام"] * 5)
    out = kwic(body, "باكو", limit=1, width=20)
    assert len(out) == 1
    before, hit, after = out[0]
    assert hit == "باكو"
    assert before.startswith("… ") and len(before) <= 22
    assert after.endswith(" …") and len(after) <= 22


def test_snippet_flattens_line_breaks():
    assert snippet("سطر أول\n\nباكو\nسطر", 9, 13) == ("سطر أول", "باكو", "سطر")


def test_kwic_spans_skips_out_of_range():
    body = "زار سليم الحداد بيروت"
    assert kwic_spans(body, [4, 90], [15, 95]) == [("زار", "سليم الحداد", "بيروت")]


@pytest.mark.parametrize("query,title", [
    ("باكو", "وصول الوفد إلى بَاكُو"),
    ("قره باغ", "معارك في قرة باغ"),
    ("اسرائيل", "إسرائيـل تعلن"),
    ("rt", "مقابلة مع RT Arabic"),
    ("مستشفي", "افتتاح مستشفى جديد"),
], ids=["diacritics", "ta-marbuta", "hamza-tatweel", "latin-case", "alef-maksura"])
def test_title_prefilter_never_drops_a_matching_title(query, title):
    import duckdb

    from dashboard.arabic.normalize import normalize_for_match
    from dashboard.queries.search import match_pattern, title_prefilter

    def re2(pattern, text):  # the patterns are RE2, as DuckDB runs them
        return duckdb.execute("SELECT regexp_matches(?, ?)", [text, pattern]).fetchone()[0]

    assert re2(match_pattern(query), normalize_for_match(title))  # a real match...
    assert re2(title_prefilter(query), title)  # ...survives the cheap prefilter
