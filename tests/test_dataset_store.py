"""The dataset folder: schema errors name file and column; writes are atomic."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.dataset import schema, store


def articles(n: int = 2) -> pd.DataFrame:
    ids = [f"{i:016x}" for i in range(n)]
    return pd.DataFrame({
        "article_id": ids,
        "source": ["واس"] * n, "publisher": [None] * n,
        "published_at": pd.Series(pd.to_datetime(["2024-01-02"] * n, utc=True)).astype(
            "datetime64[us, UTC]"),
        "date_source": ["field"] * n, "title": [None] * n,
        "body": ["نص الخبر"] * n, "body_norm": ["نص الخبر"] * n,
        "tags": [["وسم"]] * n, "url": [None] * n,
        "n_words": pd.Series([2] * n, dtype="int32"),
        "dup_group": ids, "dup_kind": ["none"] * n, "input_ref": ["f.jsonl:line 1"] * n,
        "record_id": [None] * n,
    })


def groups() -> pd.DataFrame:
    return pd.DataFrame({
        "dup_group": pd.Series([], dtype=object), "kind": pd.Series([], dtype=object),
        "size": pd.Series([], dtype="int32"), "first_article_id": pd.Series([], dtype=object),
        "first_published_at": pd.Series([], dtype="datetime64[us, UTC]"),
        "outlets": pd.Series([], dtype=object),
    })


def test_round_trip(tmp_path):
    out = tmp_path / "ds"
    store.write_dataset(out, {schema.ARTICLES_FILE: articles(), schema.DUP_GROUPS_FILE: groups()},
                        [{"input_ref": "x", "reason": "no_text", "detail": "d"}], {"records_read": 3})
    assert store.check_dataset(out) == {"records_read": 3}
    back = store.read_table(out, schema.ARTICLES_FILE)
    assert back["tags"].map(list).tolist() == [["وسم"], ["وسم"]]
    assert str(back["published_at"].dtype) == "datetime64[us, UTC]"
    assert store.read_rejects(out) == [{"input_ref": "x", "reason": "no_text", "detail": "d"}]


@pytest.mark.parametrize("mutate,needle", [
    (lambda df: df.drop(columns=["title"]), "missing column(s) 'title'"),
    (lambda df: df.assign(date_source=["field", "guess"]), "column 'date_source'"),
    (lambda df: df.assign(article_id=["zz", "0000000000000001"]), "column 'article_id'"),
    (lambda df: df.assign(body=["", "نص"]), "column 'body'"),
], ids=["missing", "bad-date-source", "bad-id", "empty-body"])
def test_schema_errors_name_file_and_column(tmp_path, mutate, needle):
    with pytest.raises(schema.SchemaError) as err:
        store.write_dataset(tmp_path / "ds", {schema.ARTICLES_FILE: mutate(articles())}, [], {})
    assert str(err.value).startswith("articles.parquet: ")
    assert needle in str(err.value)
    assert not (tmp_path / "ds").exists()
    assert list(tmp_path.iterdir()) == []


def test_replace_keeps_old_until_success(tmp_path):
    out = tmp_path / "ds"
    store.write_dataset(out, {schema.ARTICLES_FILE: articles(1), schema.DUP_GROUPS_FILE: groups()},
                        [], {"run": 1})
    with pytest.raises(schema.SchemaError):
        store.write_dataset(out, {schema.ARTICLES_FILE: articles(1).drop(columns=["body"])}, [],
                            {"run": 2})
    assert store.load_manifest(out) == {"run": 1}
    fp1 = store.dataset_fingerprint(out)
    store.write_dataset(out, {schema.ARTICLES_FILE: articles(2), schema.DUP_GROUPS_FILE: groups()},
                        [], {"run": 3})
    assert store.load_manifest(out) == {"run": 3}
    assert store.dataset_fingerprint(out) != fp1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]


def test_rewrite_keeps_the_datasets_alias_table(tmp_path):
    out = tmp_path / "ds"
    tables = {schema.ARTICLES_FILE: articles(1), schema.DUP_GROUPS_FILE: groups()}
    store.write_dataset(out, tables, [], {"run": 1})
    rules = "action,entity,type,value\ndrop,كورونا,,\n"
    (out / "aliases.csv").write_text(rules, encoding="utf-8")
    store.write_dataset(out, tables, [], {"run": 2})
    assert store.load_manifest(out) == {"run": 2}
    assert (out / "aliases.csv").read_text(encoding="utf-8") == rules


def test_missing_dataset_is_a_clear_error(tmp_path):
    with pytest.raises(store.DatasetError, match="no manifest.json"):
        store.check_dataset(tmp_path)


def test_default_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("MARSAD_DATA", str(tmp_path))
    assert store.default_data_dir() == tmp_path
    monkeypatch.delenv("MARSAD_DATA")
    assert store.default_data_dir() == store.DEMO_DIR


def test_load_check_names_a_column_of_the_wrong_type(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "ds"
    store.write_dataset(out, {schema.ARTICLES_FILE: articles(), schema.DUP_GROUPS_FILE: groups()},
                        [], {"run": 1})
    table = pq.read_table(out / schema.ARTICLES_FILE)
    i = table.schema.get_field_index("published_at")
    table = table.set_column(i, "published_at", pa.array(["2024-01-02"] * table.num_rows))
    pq.write_table(table, out / schema.ARTICLES_FILE)
    with pytest.raises(schema.SchemaError, match="articles.parquet: column 'published_at'"):
        store.check_dataset(out)
