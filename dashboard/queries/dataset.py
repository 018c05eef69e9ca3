"""An open processed dataset: one in-memory DuckDB database with a view per Parquet table.

The views (`articles`, `dup_groups`, and, once entities are extracted, `entities` and
`mentions`) are created through DuckDB's relation API, so no path is ever spliced into SQL.
Every query function in this package takes a `Dataset` and returns a small DataFrame.

`articles` also has the column `file_row_number` (the row's position in the Parquet file).
Bodies are most of the file's bytes, and a filter on an article's id still makes DuckDB
decompress every page of the body column; a filter `file_row_number IN (subquery)` lets it
skip the pages that hold none of the rows. So queries that show bodies pick their rows
first (ids, dates, row numbers) and read the bodies of those rows only.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.dataset import schema
from dashboard.dataset.store import check_dataset, dataset_fingerprint, table_path
from dashboard.entities.aliases import alias_files, install_alias_views, read_rules

from . import search

VIEWS = {
    "articles": schema.ARTICLES_FILE,
    "dup_groups": schema.DUP_GROUPS_FILE,
    "entities": schema.ENTITIES_FILE,
    "mentions": schema.MENTIONS_FILE,
}
# Search texts whose hits are kept as tables (least recently used dropped first).
MAX_HIT_TABLES = 16


class Dataset:
    """A processed dataset folder opened for querying.

    `data_dir`, `manifest` (dict), `fingerprint` (changes when the folder is rewritten) and
    `has_entities` (both entity tables present) describe it; `query(sql, params)` runs one
    statement with bound parameters on a fresh cursor (safe from several threads);
    `hits(q)` names a table of the articles matching a search text.
    """

    def __init__(self, data_dir: Path | str):
        self.data_dir = Path(data_dir)
        self.manifest = check_dataset(self.data_dir)
        self.fingerprint = dataset_fingerprint(self.data_dir)
        self._con = duckdb.connect(":memory:")
        # Periods (day/week/month) are cut in UTC, whatever the server's zone.
        self._con.execute("SET TimeZone = 'UTC'")
        self.tables: set[str] = set()
        for view, file_name in VIEWS.items():
            path = table_path(self.data_dir, file_name)
            if path is not None:
                # Entity tables are read through the alias table (below), so their raw
                # views get another name.
                name = f"{view}_raw" if view in ("entities", "mentions") else view
                self._con.read_parquet(str(path),
                                       file_row_number=view == "articles").create_view(name)
                self.tables.add(view)
        self.has_entities = {"entities", "mentions"} <= self.tables
        # The user's corrections (aliases.csv) apply at load time; AliasError names the
        # file and line of a malformed row.
        self.alias_files = [str(p) for p in alias_files(self.data_dir)]
        self.alias_notes: list[str] = []
        if self.has_entities:
            self.alias_notes = install_alias_views(self._con, read_rules(self.data_dir))
        self._hits: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def hits(self, q: str) -> str | None:
        """The name of a table (article_id) of the articles matching search text `q`, or
        None for an empty search. Matching reads every body once (about 0.5 s per 200,000
        articles); every view of that search then joins the small table instead. The
        table name is a hash of the pattern, never the text itself."""
        pattern = search.match_pattern(q)
        if pattern is None:
            return None
        name = "hits_" + hashlib.sha1(pattern.encode("utf-8")).hexdigest()[:16]
        with self._lock:
            if name in self._hits:
                self._hits.move_to_end(name)
                return name
            cond, params = search.sql_condition(q, "a")
            cur = self._con.cursor()
            try:
                cur.execute(f"CREATE TABLE {name} AS SELECT article_id FROM articles a "
                            f"WHERE {cond}", params)
                self._hits[name] = None
                while len(self._hits) > MAX_HIT_TABLES:
                    old, _ = self._hits.popitem(last=False)
                    cur.execute(f"DROP TABLE IF EXISTS {old}")
            finally:
                cur.close()
        return name

    def query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        """Run `sql` with `params` bound to its `?` placeholders; the result as a DataFrame."""
        cur = self._con.cursor()
        try:
            return cur.execute(sql, list(params)).df()
        finally:
            cur.close()

    def scalar(self, sql: str, params: list | tuple = ()):
        """The first column of the first row (None for no rows)."""
        cur = self._con.cursor()
        try:
            row = cur.execute(sql, list(params)).fetchone()
            return None if row is None else row[0]
        finally:
            cur.close()

    def close(self) -> None:
        self._con.close()
