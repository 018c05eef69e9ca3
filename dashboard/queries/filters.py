"""The global filters and the SQL WHERE clause they stand for (values always bound).

`Filters` is frozen and hashable, so it can key a cache. `article_where(filters)` returns a
SQL condition over the `articles` view (alias `a`) and the list of values for its `?`
placeholders, in order; `kept_articles(filters)` the same as a subquery of article ids, or
nothing when the filters keep every article (so that the entity queries can skip a join of
the mentions with the articles altogether). Only identifiers from fixed tables
(`OUTLET_FIELDS`) are ever written into the SQL text itself.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dashboard.dataset.schema import ENTITY_TYPES

from . import search

# Which column names an article's outlet: the credited source or the carrying site.
OUTLET_FIELDS = ("source", "publisher")


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects.

    start/end: inclusive dates (None = open; with either set, undated articles drop out);
    outlets: values of `outlet_field` (empty = all); entity_types: which entity types the
    entity views show (they do not filter articles); tags: an article must carry at least
    one (empty = all); q: search text (see `search.py`).
    """

    start: date | None = None
    end: date | None = None
    outlets: tuple[str, ...] = ()
    outlet_field: str = "source"
    entity_types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    q: str = ""

    def __post_init__(self):
        if self.outlet_field not in OUTLET_FIELDS:
            raise ValueError(f"outlet_field must be one of {OUTLET_FIELDS}")
        unknown = set(self.entity_types) - set(ENTITY_TYPES)
        if unknown:
            raise ValueError(f"unknown entity types: {sorted(unknown)}")

    def replace(self, **changes) -> Filters:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    @property
    def types(self) -> tuple[str, ...]:
        """The entity types to show (all when none is selected)."""
        return self.entity_types or ENTITY_TYPES


def outlet_column(filters: Filters, alias: str = "a") -> str:
    """`a.source` or `a.publisher` (a fixed identifier, checked in Filters)."""
    return f"{alias}.{filters.outlet_field}"


def _utc(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=UTC)


def article_where(filters: Filters, alias: str = "a", *, with_query: bool = True,
                  ds=None) -> tuple[str, list]:
    """(condition, params) selecting the articles the filters keep.

    With `with_query=False` the search text is left out (the denominator of shares). With
    a Dataset `ds`, the search reads the dataset's table of hits for the text (scanned
    once, see Dataset.hits) instead of matching every body again.
    """
    clauses: list[str] = []
    params: list = []
    if filters.start is not None:
        clauses.append(f"{alias}.published_at >= ?")
        params.append(_utc(filters.start))
    if filters.end is not None:
        clauses.append(f"{alias}.published_at < ?")
        params.append(_utc(filters.end + timedelta(days=1)))
    if filters.outlets:
        clauses.append(f"list_contains(?::VARCHAR[], {outlet_column(filters, alias)})")
        params.append(list(filters.outlets))
    if filters.tags:
        clauses.append(f"list_has_any({alias}.tags, ?::VARCHAR[])")
        params.append(list(filters.tags))
    if with_query and filters.q.strip():
        hits = ds.hits(filters.q) if ds is not None else None
        if hits is not None:
            clauses.append(f"{alias}.article_id IN (SELECT article_id FROM {hits})")
        else:
            sql, p = search.sql_condition(filters.q, alias)
            clauses.append(sql)
            params.extend(p)
    return (" AND ".join(clauses) or "TRUE"), params


def kept_articles(filters: Filters, *, ds=None) -> tuple[str | None, list]:
    """(subquery selecting the `article_id` of every kept article, params), or (None, [])
    when the filters keep every article: joining the mentions (about eight rows per
    article) with the articles only to keep them all is the most expensive step of the
    entity views on a large corpus."""
    where, params = article_where(filters, ds=ds)
    if where == "TRUE":
        return None, []
    return f"SELECT a.article_id FROM articles a WHERE {where}", params
