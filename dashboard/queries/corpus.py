"""Corpus-wide figures: the overview numbers and the choices the sidebar offers."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.dataset.store import read_rejects
from dashboard.entities.aliases import read_rules

from .dataset import VIEWS, Dataset
from .filters import OUTLET_FIELDS, Filters, article_where, outlet_column


def overview(ds: Dataset, filters: Filters) -> dict:
    """Numbers for the overview page, under the filters.

    Keys: articles, articles_total, date_min, date_max (date or None), outlets, undated,
    dup_groups (groups with ≥ 2 kept members), syndicated (of those, carried by ≥ 2
    outlets), rejects (records the ingest set aside; whole dataset).
    """
    where, params = article_where(filters, ds=ds)
    col = outlet_column(filters)
    row = ds.query(
        f"""
        SELECT count(*) AS articles,
               min(a.published_at)::DATE AS date_min,
               max(a.published_at)::DATE AS date_max,
               count(DISTINCT {col}) AS outlets,
               count(*) FILTER (WHERE a.published_at IS NULL) AS undated
        FROM articles a WHERE {where}""",
        params,
    ).iloc[0]
    groups = ds.query(
        f"""
        SELECT count(*) AS dup_groups, count(*) FILTER (WHERE n_outlets >= 2) AS syndicated
        FROM (SELECT a.dup_group, count(*) AS n, count(DISTINCT {col}) AS n_outlets
              FROM articles a WHERE a.dup_kind <> 'none' AND {where}
              GROUP BY a.dup_group HAVING count(*) >= 2)""",
        params,
    ).iloc[0]
    return {
        "articles": int(row["articles"]),
        "articles_total": int(ds.scalar("SELECT count(*) FROM articles")),
        "date_min": _date(row["date_min"]),
        "date_max": _date(row["date_max"]),
        "outlets": int(row["outlets"]),
        "undated": int(row["undated"]),
        "dup_groups": int(groups["dup_groups"]),
        "syndicated": int(groups["syndicated"]),
        "rejects": rejects_count(ds),
    }


def _date(value) -> date | None:
    if value is None or value != value:  # None or NaT
        return None
    return value.date() if hasattr(value, "date") else value


def rejects_count(ds: Dataset) -> int:
    """Rejected input records: the manifest's count, else the rejects file's lines."""
    n = ds.manifest.get("records_rejected")
    return int(n) if isinstance(n, int) else len(read_rejects(ds.data_dir))


def date_span(ds: Dataset) -> tuple[date | None, date | None]:
    """First and last publication date in the whole dataset (None when all are undated)."""
    row = ds.query("SELECT min(published_at)::DATE AS lo, max(published_at)::DATE AS hi "
                   "FROM articles").iloc[0]
    return _date(row["lo"]), _date(row["hi"])


def outlet_options(ds: Dataset, field: str = "source") -> list[str]:
    """Every value of `field` (source or publisher), most articles first."""
    if field not in OUTLET_FIELDS:
        raise ValueError(f"field must be one of {OUTLET_FIELDS}")
    df = ds.query(f"SELECT {field} AS v, count(*) AS n FROM articles WHERE {field} IS NOT NULL "
                  "GROUP BY 1 ORDER BY n DESC, v")
    return df["v"].tolist()


def tag_options(ds: Dataset, limit: int = 500) -> list[str]:
    """The `limit` most used tags, most used first."""
    df = ds.query("SELECT t AS v, count(*) AS n FROM (SELECT unnest(tags) AS t FROM articles) "
                  "GROUP BY 1 ORDER BY n DESC, v LIMIT ?", [limit])
    return df["v"].tolist()


def rejects_table(ds: Dataset, limit: int = 1000) -> list[dict]:
    """The first `limit` rejected records (input_ref, reason, detail)."""
    return read_rejects(ds.data_dir, limit=limit)


def outlet_counts(ds: Dataset, filters: Filters, limit: int = 25) -> pd.DataFrame:
    """Kept articles per outlet (None = no outlet), most first: outlet, n."""
    where, params = article_where(filters, ds=ds)
    return ds.query(
        f"""SELECT {outlet_column(filters)} AS outlet, count(*) AS n FROM articles a
            WHERE {where} GROUP BY 1 ORDER BY n DESC, outlet LIMIT ?""",
        [*params, limit],
    )


def table_sizes(ds: Dataset) -> dict[str, int | None]:
    """Rows per table (None for an absent optional table), from Parquet metadata."""
    return {VIEWS[v]: (int(ds.scalar(f"SELECT count(*) FROM {v}")) if v in ds.tables else None)
            for v in VIEWS}


def accounting(ds: Dataset) -> dict:
    """What the ingest did with every input record, from the manifest. Keys: read,
    written, rejected, balanced (read == written + rejected), undated, dup_groups,
    in_dup_groups, date_sources (dict), rejects_by_reason (dict), entities (dict or None).
    Missing manifest keys (an older or hand-made dataset) give None, never a guess."""
    m = ds.manifest

    def num(key):
        value = m.get(key)
        return int(value) if isinstance(value, (int, float)) else None

    read, written, rejected = num("records_read"), num("articles_written"), num("records_rejected")
    balanced = (None if None in (read, written, rejected)
                else read == written + rejected)
    ents = m.get("entities") if isinstance(m.get("entities"), dict) else None
    return {"read": read, "written": written, "rejected": rejected, "balanced": balanced,
            "undated": num("undated"), "dup_groups": num("duplicate_groups"),
            "in_dup_groups": num("articles_in_duplicate_groups"),
            "date_sources": dict(m.get("date_sources") or {}),
            "rejects_by_reason": dict(m.get("rejects_by_reason") or {}),
            "entities": ents}


def input_files(ds: Dataset) -> pd.DataFrame:
    """The ingest's input files from the manifest: path, records, bytes, sha256."""
    rows = [i for i in ds.manifest.get("inputs") or [] if isinstance(i, dict)]
    return pd.DataFrame(rows, columns=["path", "records", "bytes", "sha256"])


def alias_rules(ds: Dataset) -> pd.DataFrame:
    """Every alias rule in force, in the order applied: where (file:line), action, entity,
    type, value."""
    rules = read_rules(ds.data_dir)
    return pd.DataFrame([(r.where, r.action, r.entity, r.type or "", r.value) for r in rules],
                        columns=["where", "action", "entity", "type", "value"])
