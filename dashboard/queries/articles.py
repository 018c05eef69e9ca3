"""Article lists and single articles (only the rows shown are read with their bodies)."""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .filters import Filters, article_where


def count_articles(ds: Dataset, filters: Filters) -> int:
    """How many articles the filters keep."""
    where, params = article_where(filters, ds=ds)
    return int(ds.scalar(f"SELECT count(*) FROM articles a WHERE {where}", params))


def search_articles(ds: Dataset, filters: Filters, limit: int = 50, offset: int = 0,
                    with_body: bool = True) -> pd.DataFrame:
    """One page of the kept articles, newest first (undated last): article_id,
    published_at, source, publisher, title, tags, and body unless `with_body` is False
    (a listing without snippets: reading bodies is most of the cost)."""
    where, params = article_where(filters, ds=ds)
    body = ", a.body" if with_body else ""
    # The page's rows first, then their bodies (see dataset.py on file_row_number).
    return ds.query(
        f"""WITH page AS (SELECT a.file_row_number AS r FROM articles a WHERE {where}
                          ORDER BY a.published_at DESC NULLS LAST, a.article_id
                          LIMIT ? OFFSET ?)
            SELECT a.article_id, a.published_at, a.source, a.publisher, a.title, a.tags{body}
            FROM articles a WHERE a.file_row_number IN (SELECT r FROM page)
            ORDER BY a.published_at DESC NULLS LAST, a.article_id""",
        [*params, limit, offset],
    )


def get_article(ds: Dataset, article_id: str) -> dict | None:
    """Every column of one article (tags as a list), or None."""
    df = ds.query(
        """SELECT article_id, source, publisher, published_at, date_source, title, body, tags,
                  url, n_words, dup_group, dup_kind FROM articles
           WHERE file_row_number IN (SELECT file_row_number FROM articles WHERE article_id = ?)""",
        [article_id],
    )
    if df.empty:
        return None
    row = df.iloc[0].to_dict()
    tags = row.pop("tags")
    # Missing values come back as NaN/NaT from string and date columns: make them None.
    row = {k: (None if v is None or (not isinstance(v, str) and pd.isna(v)) else v)
           for k, v in row.items()}
    row["tags"] = [str(t) for t in (tags if tags is not None else [])]
    return row


def article_mentions(ds: Dataset, article_id: str) -> pd.DataFrame:
    """Entities mentioned in one article with their spans: entity_id, name, type, starts,
    ends (empty when the dataset has no entities)."""
    if not ds.has_entities:
        return pd.DataFrame(columns=["entity_id", "name", "type", "starts", "ends"])
    return ds.query(
        """SELECT m.entity_id, e.name, e.type, m.starts, m.ends
           FROM mentions m JOIN entities e USING (entity_id)
           WHERE m.article_id = ? ORDER BY e.type, e.name""",
        [article_id],
    )


def duplicates_of(ds: Dataset, dup_group: str) -> pd.DataFrame:
    """The members of one duplicate group: article_id, published_at, source, publisher,
    dup_kind (earliest first)."""
    return ds.query(
        """SELECT article_id, published_at, source, publisher, dup_kind FROM articles
           WHERE dup_group = ? ORDER BY published_at NULLS LAST, article_id""",
        [dup_group],
    )
