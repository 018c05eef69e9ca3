"""Overview numbers, sidebar choices and single-article reads on the fixture."""

from datetime import date

import pytest
from dashboard_fixture import OUTLETS, build_fixture, fixture_dir

from dashboard.dataset.store import read_table
from dashboard.queries import articles, corpus
from dashboard.queries.dataset import Dataset
from dashboard.queries.filters import Filters


@pytest.fixture(scope="module")
def ds():
    return Dataset(fixture_dir())


@pytest.fixture(scope="module")
def table():
    return read_table(fixture_dir(), "articles.parquet")


def test_overview_whole_dataset(ds, table):
    stats = corpus.overview(ds, Filters())
    assert stats["articles"] == stats["articles_total"] == len(table)
    assert stats["undated"] == int(table["published_at"].isna().sum())
    assert stats["outlets"] == len(OUTLETS)
    assert stats["dup_groups"] == int((table.groupby("dup_group").size() >= 2).sum())
    assert stats["rejects"] == 3
    assert stats["date_min"] == table["published_at"].min().date()


def test_overview_under_a_date_filter(ds, table):
    f = Filters(start=date(2024, 1, 1), end=date(2024, 6, 30))
    stats = corpus.overview(ds, f)
    dated = table["published_at"].dropna().dt.date
    assert stats["articles"] == int(((dated >= f.start) & (dated <= f.end)).sum())
    assert stats["undated"] == 0 and stats["articles_total"] == len(table)


@pytest.mark.parametrize("field", ["source", "publisher"], ids=["source", "publisher"])
def test_outlet_options(ds, table, field):
    assert corpus.outlet_options(ds, field) == list(
        table[field].value_counts().sort_index().sort_values(ascending=False, kind="stable")
        .index)


def test_outlet_options_refuse_other_columns(ds):
    with pytest.raises(ValueError):
        corpus.outlet_options(ds, "body; --")


def test_tag_options_most_used_first(ds, table):
    tags = table["tags"].explode().value_counts()
    assert corpus.tag_options(ds)[0] == tags.index[0]
    assert set(corpus.tag_options(ds)) == set(tags.index)


def test_outlet_counts_keep_articles_without_outlet(ds, table):
    df = corpus.outlet_counts(ds, Filters())
    assert df["n"].sum() == len(table)
    assert df["outlet"].isna().sum() == 1


def test_table_sizes(ds, table):
    sizes = corpus.table_sizes(ds)
    assert sizes["articles.parquet"] == len(table) and sizes["entities.parquet"] == 14


def test_get_article_and_mentions(ds, table):
    row = table.iloc[3]
    got = articles.get_article(ds, row["article_id"])
    assert got["body"] == row["body"] and got["tags"] == list(row["tags"])
    mentions = articles.article_mentions(ds, row["article_id"])
    for m in mentions.itertuples():
        assert all(got["body"][s:e] for s, e in zip(m.starts, m.ends, strict=True))
    assert articles.get_article(ds, "0" * 16) is None


def test_get_article_missing_values_are_none(ds, table):
    row = table[table["source"].isna()].iloc[0]
    got = articles.get_article(ds, row["article_id"])
    assert got["source"] is None and got["publisher"] is not None
    undated = table[table["published_at"].isna()].iloc[0]
    assert articles.get_article(ds, undated["article_id"])["published_at"] is None


def test_search_pages_do_not_overlap(ds):
    first = articles.search_articles(ds, Filters(), limit=10, offset=0)
    second = articles.search_articles(ds, Filters(), limit=10, offset=10)
    assert not set(first["article_id"]) & set(second["article_id"])
    assert first["published_at"].is_monotonic_decreasing


def test_dataset_without_entities(tmp_path):
    ds = Dataset(build_fixture(tmp_path / "noents", n_articles=40, with_entities=False))
    assert not ds.has_entities
    assert articles.article_mentions(ds, "0" * 16).empty
    assert corpus.table_sizes(ds)["mentions.parquet"] is None


def test_accounting_from_the_manifest(ds, table):
    acc = corpus.accounting(ds)
    assert (acc["read"], acc["written"], acc["rejected"]) == (len(table) + 3, len(table), 3)
    assert acc["balanced"] is True
    assert acc["rejects_by_reason"] == {"no_text": 1, "malformed_record": 1, "no_body": 1}
    files = corpus.input_files(ds)
    assert files["path"].tolist() == ["fixture.jsonl"] and files["records"].iloc[0] == len(table) + 3


def test_accounting_says_when_counts_do_not_add_up(tmp_path):
    import json
    import shutil

    copy = tmp_path / "ds"
    shutil.copytree(fixture_dir(), copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["records_read"] += 5
    del manifest["undated"]
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    acc = corpus.accounting(Dataset(copy))
    assert acc["balanced"] is False and acc["undated"] is None


def test_alias_rules_in_the_order_applied(tmp_path):
    data = build_fixture(tmp_path / "ds", n_articles=40)
    (data / "aliases.csv").write_text("action,entity,type,value\ndrop,كورونا,,\n",
                                      encoding="utf-8")
    rules = corpus.alias_rules(Dataset(data))
    assert rules.iloc[-1].tolist() == [f"{data / 'aliases.csv'}:line 2", "drop", "كورونا", "", ""]
