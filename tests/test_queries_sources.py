"""Outlet comparisons on the fixture dataset, cross-checked against plain pandas."""

import pandas as pd
import pytest
from dashboard_fixture import OUTLET_SENTENCES, OUTLETS, article_row, build_articles, fixture_dir

from dashboard.arabic.normalize import DIGIT_MAP, LETTER_MAP, normalize_for_match
from dashboard.dataset.store import read_table
from dashboard.queries import sources
from dashboard.queries.dataset import Dataset
from dashboard.queries.filters import Filters


@pytest.fixture(scope="module")
def ds():
    return Dataset(fixture_dir())


@pytest.fixture(scope="module")
def articles():
    return read_table(fixture_dir(), "articles.parquet")


@pytest.fixture(scope="module")
def mentions():
    return read_table(fixture_dir(), "mentions.parquet")


def test_coverage_share_of_an_entity(ds, articles, mentions):
    df = sources.coverage_share(ds, Filters(), "org-un").set_index("outlet")
    hit = set(mentions.loc[mentions["entity_id"] == "org-un", "article_id"])
    for outlet in OUTLETS:
        mine = articles[articles["source"] == outlet]
        n = int(mine["article_id"].isin(hit).sum())
        assert df.loc[outlet, "n"] == n
        assert df.loc[outlet, "total"] == len(mine)
        assert df.loc[outlet, "share"] == pytest.approx(n / len(mine))


def test_coverage_share_of_a_search_is_sorted(ds):
    df = sources.coverage_share(ds, Filters(q="باكو"))
    assert df["share"].is_monotonic_decreasing
    assert (df["n"] <= df["total"]).all() and df["n"].sum() > 0


def test_outlet_entity_matrix_is_row_normalised(ds, articles, mentions):
    df = sources.outlet_entity_matrix(ds, Filters(entity_types=("LOC",)), top=3)
    assert set(df["type"]) == {"LOC"} and df["entity_id"].nunique() == 3
    row = df[(df["outlet"] == OUTLETS[2]) & (df["entity_id"] == "loc-baku")].iloc[0]
    mine = set(articles.loc[articles["source"] == OUTLETS[2], "article_id"])
    n = mentions[(mentions["entity_id"] == "loc-baku") & mentions["article_id"].isin(mine)]
    assert row["n"] == len(n)
    assert row["share"] == pytest.approx(len(n) / len(mine))


@pytest.mark.parametrize("outlet", OUTLETS, ids=range(len(OUTLETS)))
def test_distinctive_words_find_each_outlets_own_sentence(ds, outlet):
    # Each fixture outlet appends its own sentence; its words must lead the list.
    words = sources.distinctive_words(ds, Filters(), outlet, top=10)
    own = set(normalize_for_match(OUTLET_SENTENCES[outlet]).rstrip(".").split())
    assert words["z"].is_monotonic_decreasing
    assert set(words["word"].head(3)) <= own


def test_word_counts_agree_with_python(ds, articles):
    outlet = OUTLETS[0]
    counts = sources.word_counts(ds, Filters(), outlet, min_count=1).set_index("word")
    mine = articles[articles["source"] == outlet]["body_norm"]
    tokens = pd.Series(" ".join(mine).replace(".", " ").replace("،", " ").split())
    assert counts.loc["الصحيفه", "n_in"] == int((tokens == "الصحيفه").sum())
    assert "في" not in counts.index  # a stop word


def test_syndication_stories(ds, articles):
    df = sources.syndication_stories(ds, Filters())
    groups = articles[articles["dup_kind"] != "none"].groupby("dup_group")
    multi = {g for g, m in groups if m["source"].nunique() >= 2}
    assert set(df["dup_group"]) == multi
    one = df.iloc[0]
    members = articles[articles["dup_group"] == one["dup_group"]].sort_values("published_at")
    assert one["first_outlet"] == members["source"].iloc[0]
    span = members["published_at"].max() - members["published_at"].min()
    assert one["lag_hours"] == pytest.approx(span.total_seconds() / 3600)


def test_syndication_outlets(ds):
    df = sources.syndication_outlets(ds, Filters())
    stories = sources.syndication_stories(ds, Filters())
    assert df["first"].sum() == len(stories)  # every story has exactly one first carrier
    assert (df["median_lag_hours"].dropna() > 0).all()


def test_words_are_shown_as_written_and_counted_by_match_form(tmp_path):
    # Three spellings of one word in outlet A (twice as written, once without the
    # teh marbuta, once with diacritics and tatweel); outlet B never uses it.
    rows = [article_row(0, body="أعلنت الحكومة خطة. وافقت الحكومة.", source="أ"),
            article_row(1, body="قالت الحكومه إن الحُكـومةَ مستعدة.", source="أ"),
            article_row(2, body="ذهب الفريق إلى الملعب.", source="ب")]
    ds = Dataset(build_articles(tmp_path / "ds", rows))
    counts = sources.word_counts(ds, Filters(), "أ", min_count=1).set_index("word")
    row = counts.loc["الحكومه"]
    assert (row["display"], row["n_in"], row["n_out"]) == ("الحكومة", 4, 0)
    assert counts.loc["اعلنت", "display"] == "أعلنت"
    words = sources.distinctive_words(ds, Filters(), "أ", top=3)
    assert words.iloc[0]["display"] == "الحكومة"


def test_sql_match_form_equals_the_normaliser(ds):
    words = ["أحمد", "إسلام", "آمال", "ٱلله", "مؤتمر", "رئيس", "مستشفى", "مدرسة", "کتاب",
             "ABCdef", "٢٠٢٤", "۱۲", *LETTER_MAP, *DIGIT_MAP]
    sql = ds.query("SELECT w, lower(translate(w, ?, ?)) AS m FROM unnest(?::VARCHAR[]) t(w)",
                   [sources._MAP_FROM, sources._MAP_TO, words])
    assert dict(zip(sql["w"], sql["m"], strict=True)) == {w: normalize_for_match(w) for w in words}
