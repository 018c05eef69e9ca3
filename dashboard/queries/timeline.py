"""Articles over time: counts per day/week/month, split by outlet or by compared terms.

Every function returns a long DataFrame with one row per (period, series): `period` (a
naive UTC timestamp: midnight of the period's first day), `series` (label), `key` (what the
series selects: an outlet, a search text or an entity id), `n` (articles) and `value` (n, or
a share, depending on the measure). Undated articles never appear on a timeline.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from .dataset import Dataset
from .filters import Filters, article_where, outlet_column

INTERVALS = ("day", "week", "month")
MEASURES = ("count", "share_all", "share_outlet")
SPLITS = ("none", "outlet", "compare")
MAX_COMPARED = 5
# Beyond this many points a chart is slow to send and draw (a daily line per outlet over
# three years is ~17,500) and no longer readable: fitted_timeline moves to a coarser interval.
MAX_POINTS = 5000
_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}
COLUMNS = ["period", "series", "key", "n", "value"]


def _check(interval: str) -> None:
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {INTERVALS}")


def counts(ds: Dataset, filters: Filters, interval: str, *, by_outlet: bool = False,
           with_query: bool = True) -> pd.DataFrame:
    """Dated articles per period (and per outlet, '' for none): columns period, key, n."""
    _check(interval)
    where, params = article_where(filters, with_query=with_query, ds=ds)
    # An article without an outlet gets key '' (a plain string keeps keys comparable).
    key = f"coalesce({outlet_column(filters)}, '')" if by_outlet else "''"
    return ds.query(
        f"""SELECT date_trunc(?, a.published_at)::TIMESTAMP AS period, {key} AS key, count(*) AS n
            FROM articles a WHERE a.published_at IS NOT NULL AND {where}
            GROUP BY ALL ORDER BY period""",
        [interval, *params],
    )


def entity_counts(ds: Dataset, filters: Filters, interval: str, entity_id: str) -> pd.DataFrame:
    """Dated articles mentioning one entity, per period: columns period, key, n."""
    _check(interval)
    where, params = article_where(filters, ds=ds)
    # One mentions row per (article, entity): a semi-join counts each article once.
    return ds.query(
        f"""SELECT date_trunc(?, a.published_at)::TIMESTAMP AS period, ? AS key, count(*) AS n
            FROM articles a
            WHERE a.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ?)
              AND a.published_at IS NOT NULL AND {where}
            GROUP BY ALL ORDER BY period""",
        [interval, entity_id, entity_id, *params],
    )


def fill_periods(df: pd.DataFrame, interval: str) -> pd.DataFrame:
    """Add n = 0 rows for the periods between the first and the last where a key has none
    (so that lines drop to zero instead of jumping across gaps)."""
    if df.empty:
        return df
    periods = pd.date_range(df["period"].min(), df["period"].max(), freq=_FREQ[interval])
    full = pd.MultiIndex.from_product([periods, df["key"].unique()], names=["period", "key"])
    out = df.set_index(["period", "key"])["n"].reindex(full, fill_value=0).reset_index()
    out["n"] = out["n"].astype("int64")
    return out


def apply_measure(n: pd.DataFrame, base: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Add `value`: n itself (`count`), n over all articles of the period in `base`
    (`share_all`), or n over base articles of the same period and key (`share_outlet`).
    `base` has columns period, key, n (key '' when not split). Shares are 0 where the base
    is empty."""
    out = n.copy()
    if measure == "count":
        out["value"] = out["n"].astype(float)
        return out
    if measure == "share_all":
        denom = base.groupby("period")["n"].sum()
        d = out["period"].map(denom)
    elif measure == "share_outlet":
        denom = base.set_index(["period", "key"])["n"]
        d = pd.Series(denom.reindex(pd.MultiIndex.from_frame(out[["period", "key"]])).values,
                      index=out.index)
    else:
        raise ValueError(f"measure must be one of {MEASURES}")
    out["value"] = (out["n"] / d.where(d > 0)).fillna(0.0)
    return out


def timeline(ds: Dataset, filters: Filters, interval: str = "month", split: str = "none",
             measure: str = "count", terms: tuple[str, ...] = (),
             entities: tuple[tuple[str, str], ...] = ()) -> pd.DataFrame:
    """The timeline the Timeline page draws.

    split `none`: one series of the filtered articles; `outlet`: one per outlet; `compare`:
    one per search term in `terms` (each replacing the filters' search text) and per
    (entity_id, name) in `entities`, at most MAX_COMPARED in all. `share_outlet` only
    applies to the outlet split (elsewhere it is `share_all`).
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}")
    by_outlet = split == "outlet"
    if split == "compare":
        parts = []
        for term in terms[:MAX_COMPARED]:
            df = counts(ds, filters.replace(q=term), interval)
            parts.append(df.assign(key=term, series=term))
        for eid, name in entities[: MAX_COMPARED - len(parts)]:
            parts.append(entity_counts(ds, filters, interval, eid).assign(series=name))
        parts = [p for p in parts if not p.empty]
        if not parts:
            return pd.DataFrame(columns=COLUMNS)
        labels = pd.concat(parts)[["key", "series"]].drop_duplicates().set_index("key")["series"]
        n = fill_periods(pd.concat(parts)[["period", "key", "n"]], interval)
        n["series"] = n["key"].map(labels)
        if measure == "share_outlet":
            measure = "share_all"
    else:
        n = fill_periods(counts(ds, filters, interval, by_outlet=by_outlet), interval)
        n["series"] = n["key"]
        if split == "none" and measure == "share_outlet":
            measure = "share_all"
    if n.empty:
        return pd.DataFrame(columns=COLUMNS)
    base = None
    if measure != "count":
        base = counts(ds, filters, interval, by_outlet=by_outlet, with_query=False)
    return apply_measure(n, base, measure)[COLUMNS]


def fitted_timeline(ds: Dataset, filters: Filters, interval: str = "month",
                    split: str = "none", measure: str = "count", terms: tuple[str, ...] = (),
                    entities: tuple[tuple[str, str], ...] = (),
                    max_points: int = MAX_POINTS) -> tuple[str, pd.DataFrame]:
    """`timeline` at `interval`, or at the first coarser interval whose chart has at most
    `max_points` points (month is always kept). Returns (interval used, frame)."""
    _check(interval)
    for used in INTERVALS[INTERVALS.index(interval):]:
        df = timeline(ds, filters, used, split, measure, terms, entities)
        if len(df) <= max_points or used == INTERVALS[-1]:
            return used, df
    raise AssertionError("unreachable")


def period_end(start: date, interval: str) -> date:
    """The first day after the period that starts on `start`."""
    _check(interval)
    start = pd.Timestamp(start).date()
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    return (pd.Timestamp(start) + pd.offsets.MonthBegin(1)).date()


def articles_in_period(ds: Dataset, filters: Filters, interval: str, start: date,
                       kind: str = "all", key: str = "", limit: int = 200) -> pd.DataFrame:
    """The articles behind one timeline point, newest first.

    kind `all` (the filtered articles), `outlet` (key = outlet, '' for none), `term` (key =
    search text replacing the filters' one) or `entity` (key = entity id). Columns:
    article_id, published_at, outlet, title.
    """
    if kind == "term":
        filters = filters.replace(q=key)
    where, params = article_where(filters, ds=ds)
    extra, extra_params = "", []
    if kind == "outlet":
        extra, extra_params = f" AND coalesce({outlet_column(filters)}, '') = ?", [key]
    elif kind == "entity":
        extra = " AND a.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ?)"
        extra_params = [key]
    lo = pd.Timestamp(pd.Timestamp(start).date(), tz="UTC").to_pydatetime()
    hi = pd.Timestamp(period_end(start, interval), tz="UTC").to_pydatetime()
    return ds.query(
        f"""SELECT a.article_id, a.published_at, {outlet_column(filters)} AS outlet, a.title
            FROM articles a
            WHERE a.published_at >= ? AND a.published_at < ? AND {where}{extra}
            ORDER BY a.published_at DESC, a.article_id LIMIT ?""",
        [lo, hi, *params, *extra_params, limit],
    )
