"""Field aliases, column resolution, `--map` parsing and value extraction."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from dashboard.ingest.fields import (
    ALIAS_TABLE,
    CANONICAL_FIELDS,
    FIELD_ALIASES,
    column_key,
    extract_fields,
    parse_map_options,
    resolve_columns,
)

# --- the alias table ------------------------------------------------------------------


def test_every_canonical_field_is_its_own_first_alias():
    assert tuple(FIELD_ALIASES) == CANONICAL_FIELDS
    for field in CANONICAL_FIELDS:
        assert ALIAS_TABLE[column_key(field)] == (field, 0)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("published_at", "publishedat"),
        ("Published-At", "publishedat"),
        ("PUBLISHED AT", "publishedat"),
        ("pubDate", "pubdate"),
        ("_id", "id"),
        (" Headline ", "headline"),
        ("المحتوى", "المحتوى"),
    ],
    ids=["snake", "kebab-title", "upper-space", "camel", "leading-underscore", "padded", "arabic"],
)
def test_column_key(name, key):
    assert column_key(name) == key


# --- resolve_columns ------------------------------------------------------------------

RESOLVE_CASES = [
    (
        ["Headline", "BODY", "Outlet", "pubDate"],
        {},
        {"text": "BODY", "title": "Headline", "source": "Outlet", "published_at": "pubDate"},
    ),
    (
        ["id", "source", "published_at", "title", "text", "url"],
        {},
        {
            "text": "text",
            "title": "title",
            "source": "source",
            "published_at": "published_at",
            "url": "url",
            "id": "id",
        },
    ),
    (["content", "text"], {}, {"text": "text"}),
    (["article", "body", "content"], {}, {"text": "body"}),
    (["Text", "text"], {}, {"text": "Text"}),
    (["datetime", "date"], {}, {"published_at": "date"}),
    (["publisher", "published"], {}, {"publisher": "publisher", "published_at": "published"}),
    (
        ["Published-At", "crawled_at", "_id", "link"],
        {},
        {
            "published_at": "Published-At",
            "url": "link",
            "id": "_id",
            "crawl_date": "crawled_at",
        },
    ),
    (["نص", "العنوان", "المصدر"], {}, {"text": "نص", "title": "العنوان", "source": "المصدر"}),
    (
        ["full_text", "site", "scraped_at"],
        {},
        {
            "text": "full_text",
            "source": "site",
            "crawl_date": "scraped_at",
        },
    ),
    (["summary", "misc"], {}, {}),
    ([], {}, {}),
    (["summary", "body"], {"text": "summary"}, {"text": "summary"}),
    (["body", "content"], {"title": "body"}, {"text": "content", "title": "body"}),
    (["Story", "Title"], {"text": "story"}, {"text": "Story", "title": "Title"}),
    (
        ["outlet"],
        {"source": "outlet", "publisher": "outlet"},
        {
            "source": "outlet",
            "publisher": "outlet",
        },
    ),
]


@pytest.mark.parametrize(
    ("columns", "overrides", "expected"),
    RESOLVE_CASES,
    ids=[
        "aliases-mixed-case",
        "canonical-names",
        "text-beats-content",
        "body-beats-article",
        "first-column-on-tie",
        "date-beats-datetime",
        "publisher-vs-published",
        "kebab-underscore-id",
        "arabic-names",
        "extra-aliases",
        "nothing-known",
        "no-columns",
        "override-wins",
        "claimed-column-not-reused",
        "override-case-insensitive",
        "one-column-two-fields",
    ],
)
def test_resolve_columns(columns, overrides, expected):
    assert resolve_columns(columns, overrides) == expected


def test_resolve_columns_orders_fields_canonically():
    resolved = resolve_columns(["url", "title", "text"], {})
    assert list(resolved) == ["text", "title", "url"]


def test_override_naming_a_missing_column_raises_with_its_name():
    with pytest.raises(ValueError, match="'story'.*columns: 'body', 'title'"):
        resolve_columns(["body", "title"], {"text": "story"})


def test_override_missing_column_allowed_for_per_record_keys():
    assert resolve_columns(["body"], {"text": "story"}, missing_ok=True) == {}


def test_override_with_unknown_field_raises():
    with pytest.raises(ValueError, match="unknown field 'headline'"):
        resolve_columns(["Headline"], {"headline": "Headline"})


# --- parse_map_options ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], {}),
        (["text=story"], {"text": "story"}),
        (["TEXT=Body", "source=Outlet"], {"text": "Body", "source": "Outlet"}),
        ([" url = link "], {"url": "link"}),
        (["title=عنوان الخبر"], {"title": "عنوان الخبر"}),
        (["published_at=a=b"], {"published_at": "a=b"}),
    ],
    ids=["none", "one", "case-of-field", "spaces", "arabic-column", "equals-in-column"],
)
def test_parse_map_options(items, expected):
    assert parse_map_options(items) == expected


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["text"], "expected FIELD=COLUMN"),
        (["=body"], "expected FIELD=COLUMN"),
        (["text="], "expected FIELD=COLUMN"),
        (["headline=Title"], "unknown field 'headline'; valid fields: text, title, source"),
        (["text=a", "text=b"], "mapped twice"),
    ],
    ids=["no-equals", "no-field", "no-column", "alias-not-canonical", "twice"],
)
def test_parse_map_options_rejects(items, message):
    with pytest.raises(ValueError, match=message):
        parse_map_options(items)


# --- extract_fields -------------------------------------------------------------------

COLUMN_MAP = {
    "text": "body",
    "title": "headline",
    "published_at": "date",
    "id": "id",
    "source": "outlet",
}

EXTRACT_CASES = [
    ({"body": "  نص الخبر \n"}, {"text": "نص الخبر"}),
    ({"body": None, "headline": "عنوان"}, {"title": "عنوان"}),
    ({"body": "", "headline": "   "}, {}),
    ({"body": math.nan, "headline": float("nan")}, {}),
    ({"body": "نص", "id": 42}, {"text": "نص", "id": "42"}),
    ({"body": "نص", "id": 7.0}, {"text": "نص", "id": "7"}),
    ({"body": "نص", "date": 1700000000}, {"text": "نص", "published_at": 1700000000}),
    ({"body": "نص", "date": 1.7e9}, {"text": "نص", "published_at": 1.7e9}),
    (
        {"body": "نص", "date": datetime(2024, 3, 1, 8, 30, tzinfo=UTC)},
        {"text": "نص", "published_at": "2024-03-01T08:30:00+00:00"},
    ),
    ({"body": "نص", "date": date(2024, 3, 1)}, {"text": "نص", "published_at": "2024-03-01"}),
    ({"body": ["فقرة"], "outlet": "جريدة"}, {"text": ["فقرة"], "source": "جريدة"}),
    ({"other": "x", "body": "نص"}, {"text": "نص"}),
]


@pytest.mark.parametrize(
    ("record", "expected"),
    EXTRACT_CASES,
    ids=[
        "stripped",
        "none-absent",
        "empty-and-blank-absent",
        "nan-absent",
        "int-id-to-str",
        "integral-float-id",
        "epoch-int-date-kept",
        "epoch-float-date-kept",
        "datetime-iso",
        "date-iso",
        "list-passed-through",
        "unmapped-ignored",
    ],
)
def test_extract_fields(record, expected):
    assert extract_fields(record, COLUMN_MAP) == expected
