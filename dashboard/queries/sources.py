"""Outlets compared: coverage shares, outlet × entity, distinctive words, syndication."""

from __future__ import annotations

import pandas as pd

from dashboard.arabic.normalize import DIACRITICS, DIGIT_MAP, LETTER_MAP, TATWEEL

from .dataset import Dataset
from .entities import entity_counts_sql
from .filters import Filters, article_where, outlet_column
from .logodds import DEFAULT_ALPHA0, log_odds_dirichlet
from .stopwords import STOPWORDS

# Tokens: runs of letters and digits (RE2 classes, bound as a parameter).
TOKEN_SPLIT_RE2 = r"[^\p{L}\p{N}]+"
DIGITS_RE2 = r"[0-9]+"
# Words are counted as written, without diacritics and tatweel (so that a chart shows
# `الحكومة`, not the match form `الحكومه`), then grouped by match form in SQL: the
# normaliser's letter and digit maps as one translate(), then lower().
UNMARK_RE2 = f"[{DIACRITICS}{TATWEEL}]"
_MATCH_MAP = {**LETTER_MAP, **DIGIT_MAP}
_MAP_FROM, _MAP_TO = "".join(_MATCH_MAP), "".join(_MATCH_MAP.values())


def coverage_share(ds: Dataset, filters: Filters, entity_id: str | None = None) -> pd.DataFrame:
    """Per outlet: articles matching the search text (or mentioning `entity_id`), all its
    articles under the other filters, and the share. Columns outlet, n, total, share;
    outlets with no match are kept (share 0), largest share first."""
    where_all, p_all = article_where(filters, with_query=False, ds=ds)
    if entity_id is not None:
        where_hit, p_hit = article_where(filters, ds=ds)
        hit = "a.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ?)"
        cond, p_cond = f"{where_hit} AND {hit}", [*p_hit, entity_id]
    else:
        cond, p_cond = article_where(filters, ds=ds)
    col = outlet_column(filters)
    df = ds.query(
        f"""SELECT {col} AS outlet, count(*) FILTER (WHERE {cond}) AS n, count(*) AS total
            FROM articles a WHERE {where_all} GROUP BY 1""",
        [*p_cond, *p_all],
    )
    df["share"] = (df["n"] / df["total"]).where(df["total"] > 0, 0.0)
    return df.sort_values(["share", "n"], ascending=False, ignore_index=True)


def outlet_entity_matrix(ds: Dataset, filters: Filters, top: int = 15) -> pd.DataFrame:
    """Articles per (outlet, entity) for the `top` entities (by articles, of the selected
    types), with `share` = n / the outlet's articles under the filters (row-normalised, so
    a small outlet's emphasis shows). Columns outlet, entity_id, name, type, n, share."""
    where, params = article_where(filters, ds=ds)
    counts, p_counts = entity_counts_sql(ds, filters)
    col = outlet_column(filters)
    # The top entities first; then only their mentions are joined with the articles.
    return ds.query(
        f"""WITH c AS ({counts}),
            tops AS (SELECT c.entity_id FROM c JOIN entities e USING (entity_id)
                     WHERE list_contains(?::VARCHAR[], e.type)
                     ORDER BY c.articles DESC, c.entity_id LIMIT ?),
            kept AS (SELECT a.article_id, {col} AS outlet FROM articles a WHERE {where}),
            sizes AS (SELECT outlet, count(*) AS total FROM kept GROUP BY 1),
            pairs AS (SELECT k.outlet, m.entity_id, count(*) AS n
                      FROM mentions m JOIN kept k USING (article_id)
                      WHERE m.entity_id IN (SELECT entity_id FROM tops)
                      GROUP BY 1, 2)
            SELECT p.outlet, e.entity_id, e.name, e.type, p.n, p.n / s.total AS share
            FROM pairs p JOIN entities e USING (entity_id)
            JOIN sizes s ON s.outlet IS NOT DISTINCT FROM p.outlet
            ORDER BY p.outlet, p.n DESC""",
        [*p_counts, list(filters.types), top, *params],
    )


def word_counts(ds: Dataset, filters: Filters, outlet: str, max_articles: int = 5000,
                min_count: int = 3) -> pd.DataFrame:
    """Word counts in one outlet's articles (n_in) and in the rest (n_out), over at most
    `max_articles` articles on each side (a stable hash sample, so reruns agree). A word is
    its match form (`word`) shown as its most frequent written form (`display`). Tokens of
    one letter, numbers and STOPWORDS are left out; words seen fewer than `min_count` times
    are dropped from the rows but kept in the totals total_in, total_out."""
    where, params = article_where(filters, ds=ds)
    col = outlet_column(filters)
    return ds.query(
        f"""WITH sample AS (
                SELECT a.article_id, coalesce({col} = ?, false) AS mine FROM articles a
                WHERE {where}
                QUALIFY row_number() OVER (PARTITION BY coalesce({col} = ?, false)
                                           ORDER BY hash(a.article_id)) <= ?),
            -- bodies are joined after sampling, so only ids are sorted
            docs AS (SELECT s.mine, a.body FROM sample s JOIN articles a USING (article_id)),
            toks AS (SELECT mine, unnest(string_split_regex(
                         regexp_replace(body, ?, '', 'g'), ?)) AS w FROM docs),
            written AS (SELECT w, count(*) FILTER (WHERE mine) AS n_in,
                               count(*) FILTER (WHERE NOT mine) AS n_out
                        FROM toks WHERE length(w) >= 2 GROUP BY 1),
            forms AS (SELECT lower(translate(w, ?, ?)) AS word, * FROM written),
            counts AS (SELECT word, first(w ORDER BY n_in + n_out DESC, w) AS display,
                              sum(n_in)::BIGINT AS n_in, sum(n_out)::BIGINT AS n_out
                       FROM forms WHERE NOT regexp_full_match(word, ?)
                            AND NOT list_contains(?::VARCHAR[], word)
                       GROUP BY 1)
            SELECT word, display, n_in, n_out, sum(n_in) OVER () AS total_in,
                   sum(n_out) OVER () AS total_out
            FROM counts QUALIFY n_in + n_out >= ?""",
        [outlet, *params, outlet, max_articles, UNMARK_RE2, TOKEN_SPLIT_RE2, _MAP_FROM, _MAP_TO,
         DIGITS_RE2, sorted(STOPWORDS), min_count],
    )


def distinctive_words(ds: Dataset, filters: Filters, outlet: str, top: int = 20,
                      alpha0: float = DEFAULT_ALPHA0) -> pd.DataFrame:
    """The `top` words most distinctive of `outlet` against the other outlets (z of the
    log-odds ratio, Monroe et al. 2008). Columns word (match form), display (as most
    often written), n_in, n_out, delta, z."""
    columns = ["word", "display", "n_in", "n_out", "delta", "z"]
    empty = pd.DataFrame(columns=columns)
    # Counting reads the bodies of the whole sample (the costly part): not when the
    # filters leave the outlet no article (e.g. another outlet is selected).
    where, params = article_where(filters, ds=ds)
    if not ds.scalar(f"SELECT count(*) FROM articles a WHERE {outlet_column(filters)} = ? "
                     f"AND {where}", [outlet, *params]):
        return empty
    counts = word_counts(ds, filters, outlet)
    if counts.empty:
        return empty
    totals = (float(counts["total_in"].iloc[0]), float(counts["total_out"].iloc[0]))
    scored = log_odds_dirichlet(counts[["word", "n_in", "n_out"]], alpha0, totals)
    scored = scored[scored["n_in"] > 0].head(top)
    display = counts.set_index("word")["display"]
    return scored.assign(display=scored["word"].map(display))[columns]


def _syndicated(ds: Dataset, filters: Filters) -> tuple[str, list]:
    """CTE `g`: members (dated, kept by the filters) of groups carried by ≥ 2 outlets."""
    where, params = article_where(filters, ds=ds)
    col = outlet_column(filters)
    return (
        f"""WITH m AS (SELECT a.dup_group, a.article_id, {col} AS outlet, a.published_at,
                              a.title FROM articles a
                       WHERE a.dup_kind <> 'none' AND a.published_at IS NOT NULL AND {where}),
            g AS (SELECT *, min(published_at) OVER (PARTITION BY dup_group) AS first_at,
                         count(DISTINCT outlet) OVER (PARTITION BY dup_group) AS n_outlets
                  FROM m)""",
        params,
    )


def syndication_stories(ds: Dataset, filters: Filters, limit: int = 200) -> pd.DataFrame:
    """Stories (duplicate groups) carried by ≥ 2 outlets, newest first: dup_group, title,
    first_outlet, first_at, n_outlets, size, lag_hours (first to last copy)."""
    cte, params = _syndicated(ds, filters)
    return ds.query(
        f"""{cte}
            SELECT dup_group, arg_min(title, published_at) AS title,
                   arg_min(outlet, (published_at, article_id)) AS first_outlet,
                   min(published_at) AS first_at, any_value(n_outlets) AS n_outlets,
                   count(*) AS size,
                   epoch(max(published_at) - min(published_at)) / 3600.0 AS lag_hours
            FROM g WHERE n_outlets >= 2 GROUP BY dup_group
            ORDER BY first_at DESC, dup_group LIMIT ?""",
        [*params, limit],
    )


def syndication_outlets(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Per outlet, over stories carried by ≥ 2 outlets: stories, first (times it carried
    the earliest copy), median_lag_hours (behind the first copy, when it was not first)."""
    cte, params = _syndicated(ds, filters)
    return ds.query(
        f"""{cte}
            SELECT outlet, count(DISTINCT dup_group) AS stories,
                   count(DISTINCT dup_group) FILTER (WHERE published_at = first_at) AS first,
                   median(epoch(published_at - first_at) / 3600.0)
                       FILTER (WHERE published_at > first_at) AS median_lag_hours
            FROM g WHERE n_outlets >= 2 AND outlet IS NOT NULL
            GROUP BY outlet ORDER BY stories DESC, outlet""",
        params,
    )
