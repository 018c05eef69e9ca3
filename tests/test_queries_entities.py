"""Entity rankings, profiles and co-occurrence on the fixture, against plain pandas."""

import pytest
from dashboard_fixture import OUTLETS, fixture_dir

from dashboard.dataset.store import read_table
from dashboard.queries import entities
from dashboard.queries.dataset import Dataset
from dashboard.queries.filters import Filters


@pytest.fixture(scope="module")
def ds():
    return Dataset(fixture_dir())


@pytest.fixture(scope="module")
def mentions():
    return read_table(fixture_dir(), "mentions.parquet")


@pytest.fixture(scope="module")
def articles():
    return read_table(fixture_dir(), "articles.parquet")


@pytest.mark.parametrize("by", entities.RANKINGS, ids=entities.RANKINGS)
def test_top_entities_per_type(ds, mentions, by):
    df = entities.top_entities(ds, Filters(), n=2, by=by)
    assert df.groupby("type").size().max() == 2
    counts = mentions.groupby("entity_id").agg(articles=("article_id", "size"),
                                               mentions=("count", "sum"))
    for row in df.itertuples():
        assert row.articles == counts.loc[row.entity_id, "articles"]
        assert row.mentions == counts.loc[row.entity_id, "mentions"]
    locs = df[df["type"] == "LOC"].sort_values("rank")
    assert list(locs[by]) == sorted(locs[by], reverse=True)


def test_top_entities_follow_type_filter_and_outlet(ds, mentions, articles):
    df = entities.top_entities(ds, Filters(entity_types=("ORG",), outlets=(OUTLETS[0],)), n=10)
    assert set(df["type"]) == {"ORG"}
    mine = set(articles.loc[articles["source"] == OUTLETS[0], "article_id"])
    g20 = mentions[(mentions["entity_id"] == "org-g20") & mentions["article_id"].isin(mine)]
    assert df.set_index("entity_id").loc["org-g20", "articles"] == len(g20)


def test_entity_info(ds):
    info = entities.entity_info(ds, "org-g20")
    assert info["name"] == "مجموعة العشرين (G20)" and info["aliases"] == ["قمة العشرين"]
    assert entities.entity_info(ds, "nope") is None


def test_cooccurring(ds, mentions):
    df = entities.cooccurring(ds, Filters(), "loc-baku", n=50)
    baku = set(mentions.loc[mentions["entity_id"] == "loc-baku", "article_id"])
    other = mentions[mentions["article_id"].isin(baku) & (mentions["entity_id"] != "loc-baku")]
    expected = other.groupby("entity_id").size()
    assert dict(zip(df["entity_id"], df["n"], strict=True)) == expected.to_dict()


def test_entity_mentions_spans_point_at_names(ds):
    df = entities.entity_mentions(ds, Filters(), "org-g20", limit=5)
    assert len(df) == 5
    for row in df.itertuples():
        for s, e in zip(row.starts, row.ends, strict=True):
            assert row.body[s:e] in ("مجموعة العشرين (G20)", "قمة العشرين")


def test_cooccurrence_matrix_matches_brute_force(ds, mentions):
    df = entities.cooccurrence_matrix(ds, Filters(), n=5)
    top = mentions.groupby("entity_id").size().sort_values(ascending=False).index[:5]
    assert set(df["entity_a"]) == set(top)
    by_entity = {e: set(mentions.loc[mentions["entity_id"] == e, "article_id"]) for e in top}
    cells = {(r.entity_a, r.entity_b): r.n for r in df.itertuples()}
    for a in top:
        for b in top:
            assert cells[(a, b)] == len(by_entity[a] & by_entity[b]), (a, b)


def test_cooccurrence_matrix_follows_filters(ds, mentions, articles):
    f = Filters(outlets=(OUTLETS[3],), entity_types=("PER",))
    df = entities.cooccurrence_matrix(ds, f, n=3)
    mine = set(articles.loc[articles["source"] == OUTLETS[3], "article_id"])
    per = {"per-haddad", "per-attar", "per-rashed", "per-shami"}
    assert set(df["entity_a"]) <= per
    diag = df[df["entity_a"] == df["entity_b"]].set_index("entity_a")["n"]
    for e, n in diag.items():
        assert n == len(set(mentions.loc[mentions["entity_id"] == e, "article_id"]) & mine)


def test_entity_options(ds):
    df = entities.entity_options(ds, ("PER",))
    assert set(df["type"]) == {"PER"} and len(df) == 4
