"""Field names: which input column feeds which canonical field, and `--map` overrides.

Raw inputs name their columns freely (`Headline`, `BODY`, `pubDate`, `نص`). Every reader
maps them onto the canonical names of a raw record (docs/ARCHITECTURE.md):

    text, title, source, publisher, published_at, url, id, crawl_date

* `parse_map_options(["text=story"])` turns `--map FIELD=COLUMN` arguments into overrides;
* `resolve_columns(columns, overrides)` picks, per canonical field, the column that feeds it;
* `extract_fields(record, column_map)` pulls those values out of one record.

Column names are compared by key: casefolded, with `-`, `_` and whitespace removed, so
`Published-At`, `published_at` and `PUBLISHED AT` are the same column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime

CANONICAL_FIELDS: tuple[str, ...] = (
    "text",
    "title",
    "source",
    "publisher",
    "published_at",
    "url",
    "id",
    "crawl_date",
)

# Aliases per field, in order of preference: when several columns of one input alias the
# same field, the one whose alias comes first here wins (`text` over `content`). Spellings
# that differ only in case, `_`, `-` or spaces are one alias (`pubdate` covers `pub_date`).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "article_text",
        "full_text",
        "story",
        "نص",
        "النص",
        "المحتوى",
    ),
    "title": ("title", "headline", "العنوان"),
    "source": ("source", "outlet", "site", "المصدر"),
    "publisher": ("publisher",),
    "published_at": (
        "published_at",
        "date",
        "pubdate",
        "datetime",
        "published",
        "publish_date",
        "created_at",
        "timestamp",
        "التاريخ",
    ),
    "url": ("url", "link", "الرابط"),
    "id": ("id",),
    "crawl_date": ("crawl_date", "crawled_at", "scraped_at", "fetched_at"),
}

# Fields the pipeline treats as strings: numbers found there (an integer id, a numeric
# title) become str. Date fields keep numbers, since an epoch value is a date to parse.
STRING_FIELDS = frozenset({"text", "title", "source", "publisher", "url", "id"})

_KEY_NOISE_RE = re.compile(r"[\s_\-]+")


def column_key(name: str) -> str:
    """Comparison key of a column name: casefolded, without `-`, `_` or whitespace."""
    return _KEY_NOISE_RE.sub("", name).casefold()


def _alias_table(aliases: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    """alias key → (canonical field, rank); an alias claimed twice is a table error."""
    table: dict[str, tuple[str, int]] = {}
    for field, names in aliases.items():
        for rank, name in enumerate(names):
            key = column_key(name)
            if key in table:
                raise ValueError(f"alias {name!r} listed for both {table[key][0]} and {field}")
            table[key] = (field, rank)
    return table


ALIAS_TABLE: dict[str, tuple[str, int]] = _alias_table(FIELD_ALIASES)


def parse_map_options(items: Iterable[str]) -> dict[str, str]:
    """`["text=story", "source=Outlet"]` → `{"text": "story", "source": "Outlet"}`.

    FIELD must be a canonical field name (case-insensitive); COLUMN is kept as written.
    Raises ValueError with a message naming the bad item and the valid fields.
    """
    overrides: dict[str, str] = {}
    valid = ", ".join(CANONICAL_FIELDS)
    for item in items:
        field, sep, column = item.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not field or not column:
            raise ValueError(f"--map {item!r}: expected FIELD=COLUMN, e.g. text=body")
        if field not in CANONICAL_FIELDS:
            raise ValueError(f"--map {item!r}: unknown field {field!r}; valid fields: {valid}")
        if field in overrides:
            raise ValueError(f"--map {item!r}: field {field!r} is mapped twice")
        overrides[field] = column
    return overrides


def _find_column(wanted: str, columns: list[str]) -> str | None:
    """The column named `wanted`: exact match first, else the first casefolded match."""
    if wanted in columns:
        return wanted
    folded = wanted.casefold()
    return next((c for c in columns if c.strip().casefold() == folded), None)


def resolve_columns(
    columns: Iterable[str], overrides: Mapping[str, str], *, missing_ok: bool = False
) -> dict[str, str]:
    """Column names of one input → `{canonical field: column}` for the fields it has.

    `overrides` (from `--map`) win over aliases, and a column they claim is not reused
    for another field. Among alias matches the alias listed first in FIELD_ALIASES wins,
    then the column that comes first. An override naming a missing column raises
    ValueError, unless `missing_ok` (records with per-record keys, like JSON lines,
    where a column absent from one record is just an absent value).
    """
    columns = [c for c in columns if isinstance(c, str)]
    resolved: dict[str, str] = {}
    for field, wanted in overrides.items():
        if field not in CANONICAL_FIELDS:
            raise ValueError(
                f"--map: unknown field {field!r}; valid: {', '.join(CANONICAL_FIELDS)}"
            )
        column = _find_column(wanted, columns)
        if column is not None:
            resolved[field] = column
        elif not missing_ok:
            have = ", ".join(repr(c) for c in columns) or "none"
            raise ValueError(f"--map {field}={wanted}: no column {wanted!r} (columns: {have})")
    claimed = set(resolved.values())
    best: dict[str, tuple[int, str]] = {}
    for column in columns:
        hit = ALIAS_TABLE.get(column_key(column))
        if hit is None or column in claimed:
            continue
        field, rank = hit
        if field not in overrides and (field not in best or rank < best[field][0]):
            best[field] = (rank, column)
    resolved.update({field: column for field, (_, column) in best.items()})
    return {field: resolved[field] for field in CANONICAL_FIELDS if field in resolved}


def _is_absent(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean_value(field: str, value: object) -> object:
    """Strip strings, stringify numbers in string fields, ISO-format dates; None = absent."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if field in STRING_FIELDS and isinstance(value, (int, float)):
        # 12.0 from a float column is the id 12, not "12.0".
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return value


def extract_fields(record: Mapping[str, object], column_map: Mapping[str, str]) -> dict:
    """One record + `{canonical: column}` → `{canonical: value}` for present values only.

    None, NaN and empty or blank strings count as absent; strings are stripped; numbers
    in string fields (id, title, ...) become str, numbers in date fields stay numbers;
    datetimes (from Parquet) become ISO 8601 strings. Lists and dicts are passed through
    for the reader to reject.
    """
    fields: dict[str, object] = {}
    for field, column in column_map.items():
        value = record.get(column)
        if _is_absent(value):
            continue
        value = _clean_value(field, value)
        if value is not None:
            fields[field] = value
    return fields
