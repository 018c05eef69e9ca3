"""Filters → WHERE clause with bound values, run on a tiny hand-written dataset."""

from datetime import UTC, date, datetime

import pytest
from dashboard_fixture import article_id, article_row, build_articles

from dashboard.queries.articles import count_articles, search_articles
from dashboard.queries.dataset import Dataset
from dashboard.queries.filters import Filters, article_where

A, B = "صحيفة أ", "قناة ب 24"
ROWS = [
    # (key, body, source, publisher, date, title, tags)
    ("r1", "وصل الوفد إلى باكو أمس.", A, "ناشر", datetime(2024, 1, 5, tzinfo=UTC),
     "زيارة", ("سياسة",)),
    ("r2", "وفي بباكو عقدت الجلسة الأولى.", B, "ناشر", datetime(2024, 2, 10, tzinfo=UTC),
     None, ("سياسة", "اقتصاد")),
    ("r3", "افتتح مطعم باكوس فرعاً جديداً.", A, "ناشر آخر", datetime(2024, 2, 11, tzinfo=UTC),
     "مطعم", ()),
    ("r4", "قال O'Brien إن النسبة بلغت 50% هذا العام.", B, None, None, "تصريح", ("اقتصاد",)),
    ("r5", "خبر بلا مكان.", None, "ناشر", datetime(2024, 3, 1, tzinfo=UTC),
     "عنوانٌ عن الرِّياض", ()),
    ("r6", "نص فيه \"; DROP TABLE articles; -- حرفياً.", A, "ناشر",
     datetime(2024, 3, 2, tzinfo=UTC), None, ()),
]


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    rows = [article_row(i, body=b, source=s, publisher=p, published_at=d, title=t, tags=g,
                        key=k) for i, (k, b, s, p, d, t, g) in enumerate(ROWS)]
    out = build_articles(tmp_path_factory.mktemp("small") / "ds", rows)
    return Dataset(out)


def keys(ds, filters):
    ids = set(search_articles(ds, filters, limit=100)["article_id"])
    return sorted(k for k, *_ in ROWS if article_id(k) in ids)


CASES = [
    ("none", Filters(), ["r1", "r2", "r3", "r4", "r5", "r6"]),
    ("q clitic", Filters(q="باكو"), ["r1", "r2"]),
    ("q in title only", Filters(q="الرياض"), ["r5"]),
    ("q quote", Filters(q="O'Brien"), ["r4"]),
    ("q percent", Filters(q="50%"), ["r4"]),
    ("q lone percent", Filters(q="%"), []),
    ("q drop table", Filters(q='"; DROP TABLE articles; --'), ["r6"]),
    ("q quote-drop", Filters(q="'; DROP TABLE articles; --"), []),
    ("outlet", Filters(outlets=(A,)), ["r1", "r3", "r6"]),
    ("outlet with digits", Filters(outlets=(B,)), ["r2", "r4"]),
    ("publisher", Filters(outlets=("ناشر آخر",), outlet_field="publisher"), ["r3"]),
    ("tags any", Filters(tags=("اقتصاد",)), ["r2", "r4"]),
    ("start drops undated", Filters(start=date(2024, 2, 1)), ["r2", "r3", "r5", "r6"]),
    ("end inclusive", Filters(end=date(2024, 2, 10)), ["r1", "r2"]),
    ("range", Filters(start=date(2024, 2, 10), end=date(2024, 2, 11)), ["r2", "r3"]),
    ("combined", Filters(q="باكو", outlets=(B,), tags=("سياسة",)), ["r2"]),
]


@pytest.mark.parametrize(("filters", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_filters_select_rows(ds, filters, expected):
    assert keys(ds, filters) == expected
    assert count_articles(ds, filters) == len(expected)


def test_hostile_text_leaves_tables_intact(ds):
    for q in ("'; DROP TABLE articles; --", "\"); DELETE FROM articles; --", "' OR 1=1 --"):
        count_articles(ds, Filters(q=q))
    assert count_articles(ds, Filters()) == len(ROWS)


def test_values_are_bound_not_spliced():
    hostile = "x'); DROP TABLE articles; --"
    f = Filters(q=hostile, outlets=(hostile,), tags=(hostile,), start=date(2024, 1, 1))
    sql, params = article_where(f)
    assert hostile not in sql and "DROP" not in sql
    assert sql.count("?") == len(params)
    assert [hostile] in params


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"outlet_field": "title; --"}, "outlet_field"),
    ({"entity_types": ("PER", "BAD")}, "entity types"),
], ids=["outlet field", "entity type"])
def test_filters_reject_unknown_identifiers(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Filters(**kwargs)


def test_filters_hash_by_value():
    assert hash(Filters(outlets=("a",), q="x")) == hash(Filters(outlets=("a",), q="x"))
    assert Filters().replace(q="y").q == "y"
