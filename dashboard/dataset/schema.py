"""The processed dataset's tables: column names, types and checks, in one place.

The ingest validates every table before it writes it, and the dashboard validates what it
loads, so a column that is missing or of the wrong type is reported by name at either end
(`SchemaError: articles.parquet: column 'published_at' ...`).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

SCHEMA_VERSION = 1

ARTICLES_FILE = "articles.parquet"
DUP_GROUPS_FILE = "dup_groups.parquet"
REJECTS_FILE = "rejects.jsonl"
MANIFEST_FILE = "manifest.json"
# Added by the entities step (issue 3); the loader treats them as optional.
ENTITIES_FILE = "entities.parquet"
MENTIONS_FILE = "mentions.parquet"

DATE_SOURCES = ("field", "text", "relative", "none")
DUP_KINDS = ("none", "exact", "near")


class SchemaError(ValueError):
    """A processed table does not match its schema; the message names file and column."""


def _is_str_list(value) -> bool:
    # Parquet list columns come back as numpy arrays, built ones as lists.
    try:
        return all(isinstance(v, str) for v in value)
    except TypeError:
        return False


ARTICLES = pa.DataFrameSchema(
    {
        "article_id": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{16}$"), unique=True),
        "source": pa.Column(str, nullable=True),
        "publisher": pa.Column(str, nullable=True),
        "published_at": pa.Column("datetime64[us, UTC]", nullable=True),
        "date_source": pa.Column(str, pa.Check.isin(DATE_SOURCES)),
        "title": pa.Column(str, nullable=True),
        "body": pa.Column(str, pa.Check.str_length(min_value=1)),
        "body_norm": pa.Column(str),
        "tags": pa.Column(object, pa.Check(lambda s: s.map(_is_str_list), element_wise=False)),
        "url": pa.Column(str, nullable=True),
        "n_words": pa.Column("int32", pa.Check.ge(0)),
        "dup_group": pa.Column(str),
        "dup_kind": pa.Column(str, pa.Check.isin(DUP_KINDS)),
        "input_ref": pa.Column(str),
        "record_id": pa.Column(str, nullable=True),
    },
    strict=False,  # later steps may add columns; every listed one must be there
    coerce=False,
    name=ARTICLES_FILE,
)

DUP_GROUPS = pa.DataFrameSchema(
    {
        "dup_group": pa.Column(str, unique=True),
        "kind": pa.Column(str, pa.Check.isin(("exact", "near"))),
        "size": pa.Column("int32", pa.Check.ge(2)),
        "first_article_id": pa.Column(str),
        "first_published_at": pa.Column("datetime64[us, UTC]", nullable=True),
        "outlets": pa.Column(object, pa.Check(lambda s: s.map(_is_str_list), element_wise=False)),
    },
    strict=False,
    coerce=False,
    name=DUP_GROUPS_FILE,
)

ENTITY_TYPES = ("PER", "LOC", "ORG", "MISC")

ENTITIES = pa.DataFrameSchema(
    {
        "entity_id": pa.Column(str, unique=True),
        "name": pa.Column(str, pa.Check.str_length(min_value=1)),
        "type": pa.Column(str, pa.Check.isin(ENTITY_TYPES)),
        "aliases": pa.Column(object, pa.Check(lambda s: s.map(_is_str_list), element_wise=False)),
        "article_count": pa.Column("int32", pa.Check.ge(0)),
        "mention_count": pa.Column("int32", pa.Check.ge(0)),
    },
    strict=False,
    coerce=False,
    name=ENTITIES_FILE,
)

# One row per (article, entity); starts/ends are character offsets into articles.body.
MENTIONS = pa.DataFrameSchema(
    {
        "article_id": pa.Column(str),
        "entity_id": pa.Column(str),
        "count": pa.Column("int32", pa.Check.ge(1)),
        "starts": pa.Column(object),
        "ends": pa.Column(object),
    },
    strict=False,
    coerce=False,
    name=MENTIONS_FILE,
)

SCHEMAS = {
    ARTICLES_FILE: ARTICLES,
    DUP_GROUPS_FILE: DUP_GROUPS,
    ENTITIES_FILE: ENTITIES,
    MENTIONS_FILE: MENTIONS,
}


def conform(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Give text columns held as `object` (e.g. built from lists with None) the string
    dtype the schema declares; missing values stay missing."""
    out = df.copy(deep=False)
    for name, col in schema.columns.items():
        if name in out.columns and str(col.dtype).startswith("str") and out[name].dtype == object:
            out[name] = out[name].astype("str")
    return out


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Validate `df` against `schema` (after `conform`) and return it; raise SchemaError
    naming the file and column."""
    df = conform(df, schema)
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        problems = []
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
            if check == "column_in_dataframe":
                missing = ", ".join(repr(v) for v in group["failure_case"])
                problems.append(f"missing column(s) {missing}")
                continue
            sample = ", ".join(repr(v) for v in group["failure_case"].head(3))
            problems.append(f"column {column!r}: {check} (e.g. {sample})")
        raise SchemaError(f"{schema.name}: " + "; ".join(problems)) from None
