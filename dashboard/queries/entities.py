"""Named entities: rankings, one entity's profile, co-occurrence.

These need the optional `entities` and `mentions` tables (`Dataset.has_entities`); callers
check that first. Counts are over the articles the filters keep; the filters' entity types
choose which entities appear.
"""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .filters import Filters, article_where, kept_articles, outlet_column

RANKINGS = ("articles", "mentions")


def top_entities(ds: Dataset, filters: Filters, n: int = 10, by: str = "articles") -> pd.DataFrame:
    """The `n` top entities of each selected type, ranked by articles mentioning them or
    by mentions. Columns entity_id, name, type, articles, mentions, rank."""
    if by not in RANKINGS:
        raise ValueError(f"by must be one of {RANKINGS}")
    order = "articles DESC, mentions DESC" if by == "articles" else "mentions DESC, articles DESC"
    counts, params = entity_counts_sql(ds, filters)
    return ds.query(
        f"""WITH c AS ({counts})
            SELECT e.entity_id, e.name, e.type, c.articles, c.mentions,
                   row_number() OVER (PARTITION BY e.type ORDER BY {order}, e.name) AS rank
            FROM c JOIN entities e USING (entity_id)
            WHERE list_contains(?::VARCHAR[], e.type)
            QUALIFY rank <= ?
            ORDER BY e.type, rank""",
        [*params, list(filters.types), n],
    )


def entity_counts_sql(ds: Dataset, filters: Filters) -> tuple[str, list]:
    """(SQL of entity_id, articles, mentions over the kept articles, params). With nothing
    filtered these are the entities table's own counts (no pass over the mentions)."""
    kept, params = kept_articles(filters, ds=ds)
    if kept is None:
        return ("SELECT entity_id, article_count::BIGINT AS articles, "
                "mention_count::BIGINT AS mentions FROM entities WHERE article_count > 0", [])
    return (f"""SELECT entity_id, count(*) AS articles, sum(count)::BIGINT AS mentions
                FROM mentions WHERE article_id IN ({kept}) GROUP BY 1""", params)


def entity_options(ds: Dataset, types: tuple[str, ...], limit: int = 1000) -> pd.DataFrame:
    """Entities of `types`, most articles first (for pickers): entity_id, name, type."""
    return ds.query(
        """SELECT entity_id, name, type FROM entities WHERE list_contains(?::VARCHAR[], type)
           ORDER BY article_count DESC, name LIMIT ?""",
        [list(types), limit],
    )


def entity_info(ds: Dataset, entity_id: str) -> dict | None:
    """name, type, aliases (list), article_count, mention_count of one entity (whole
    dataset), or None when there is no such entity."""
    df = ds.query("SELECT name, type, aliases, article_count, mention_count FROM entities "
                  "WHERE entity_id = ?", [entity_id])
    if df.empty:
        return None
    row = df.iloc[0].to_dict()
    row["aliases"] = [str(a) for a in (row["aliases"] if row["aliases"] is not None else [])]
    return row


def entity_outlets(ds: Dataset, filters: Filters, entity_id: str) -> pd.DataFrame:
    """Articles mentioning the entity per outlet: outlet, n (most first)."""
    where, params = article_where(filters, ds=ds)
    return ds.query(
        f"""SELECT {outlet_column(filters)} AS outlet, count(*) AS n FROM articles a
            WHERE a.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ?)
              AND {where}
            GROUP BY 1 ORDER BY n DESC, outlet""",
        [entity_id, *params],
    )


def cooccurring(ds: Dataset, filters: Filters, entity_id: str, n: int = 15) -> pd.DataFrame:
    """Entities (of the selected types) in the same articles: entity_id, name, type,
    n (shared articles), most first."""
    kept, params = kept_articles(filters, ds=ds)
    restrict = f" AND article_id IN ({kept})" if kept else ""
    # Counted per entity before names and types are joined (a few rows, not millions).
    return ds.query(
        f"""WITH mine AS (SELECT article_id FROM mentions WHERE entity_id = ?{restrict}),
            c AS (SELECT entity_id, count(*) AS n FROM mentions
                  WHERE article_id IN (SELECT article_id FROM mine) AND entity_id <> ?
                  GROUP BY 1)
            SELECT e.entity_id, e.name, e.type, c.n
            FROM c JOIN entities e USING (entity_id)
            WHERE list_contains(?::VARCHAR[], e.type)
            ORDER BY c.n DESC, e.name LIMIT ?""",
        [entity_id, *params, entity_id, list(filters.types), n],
    )


def entity_mentions(ds: Dataset, filters: Filters, entity_id: str, limit: int = 20
                    ) -> pd.DataFrame:
    """Newest articles mentioning the entity, with the body and mention spans (for
    keyword-in-context): article_id, published_at, outlet, title, body, starts, ends."""
    where, params = article_where(filters, ds=ds)
    # The newest rows first, then the bodies of those rows only (dataset.py).
    return ds.query(
        f"""WITH newest AS (
                SELECT a.file_row_number AS r, m.starts, m.ends
                FROM articles a JOIN mentions m ON m.article_id = a.article_id
                WHERE m.entity_id = ? AND {where}
                ORDER BY a.published_at DESC NULLS LAST, a.article_id LIMIT ?)
            SELECT a.article_id, a.published_at, {outlet_column(filters)} AS outlet, a.title,
                   a.body, n.starts, n.ends
            FROM articles a JOIN newest n ON n.r = a.file_row_number
            WHERE a.file_row_number IN (SELECT r FROM newest)
            ORDER BY a.published_at DESC NULLS LAST, a.article_id""",
        [entity_id, *params, limit],
    )


MAX_MATRIX = 60  # entities in the matrix: their bits must fit one 64-bit mask


def cooccurrence_matrix(ds: Dataset, filters: Filters, n: int = 12) -> pd.DataFrame:
    """Shared articles between each pair of the `n` top entities (selected types, filtered
    articles): entity_a, name_a, type_a, entity_b, name_b, n (both orders; the diagonal
    holds each entity's own article count).

    Each article becomes a bit mask of the top entities it mentions; articles are counted
    per distinct mask, and only then spread over pairs, so the cost grows with the number
    of distinct masks, not with the square of the mentions. Only the mentions of the top
    entities are read for the masks."""
    n = max(1, min(n, MAX_MATRIX))
    kept, p_kept = kept_articles(filters, ds=ds)
    if kept is None:
        # Everything kept: rank by the entities table's counts, read only the mentions
        # of the top entities.
        head = """WITH c AS (SELECT entity_id, article_count AS articles FROM entities),
                  km AS (SELECT article_id, entity_id FROM mentions),"""
        params: list = []
    else:
        # The kept articles' mentions, read once, serve both the ranking and the masks.
        head = f"""WITH km AS (SELECT article_id, entity_id FROM mentions
                               WHERE article_id IN ({kept})),
                  c AS (SELECT entity_id, count(*) AS articles FROM km GROUP BY 1),"""
        params = p_kept
    return ds.query(
        f"""{head}
            tops AS (SELECT c.entity_id,
                            (row_number() OVER (ORDER BY c.articles DESC, c.entity_id)
                             - 1)::INTEGER AS bit
                     FROM c JOIN entities e USING (entity_id)
                     WHERE c.articles > 0 AND list_contains(?::VARCHAR[], e.type)
                     ORDER BY bit LIMIT ?),
            masks AS (SELECT bit_or(1::UBIGINT << t.bit) AS mask
                      FROM km JOIN tops t USING (entity_id) GROUP BY km.article_id),
            combos AS (SELECT mask, count(*) AS n FROM masks GROUP BY mask)
            SELECT x.entity_id AS entity_a, ea.name AS name_a, ea.type AS type_a,
                   y.entity_id AS entity_b,
                   eb.name AS name_b, sum(c.n)::BIGINT AS n
            FROM combos c CROSS JOIN tops x CROSS JOIN tops y
            JOIN entities ea ON ea.entity_id = x.entity_id
            JOIN entities eb ON eb.entity_id = y.entity_id
            WHERE (c.mask >> x.bit) & 1 = 1 AND (c.mask >> y.bit) & 1 = 1
            GROUP BY ALL ORDER BY name_a, name_b""",
        [*params, list(filters.types), n],
    )
