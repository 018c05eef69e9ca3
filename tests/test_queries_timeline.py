"""Timeline counts, gaps, shares and click-through on a hand-made dataset."""

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from dashboard_fixture import article_id, article_row, build_articles

from dashboard.queries.dataset import Dataset
from dashboard.queries.filters import Filters
from dashboard.queries.timeline import (
    apply_measure,
    articles_in_period,
    fill_periods,
    fitted_timeline,
    period_end,
    timeline,
)

A, B = "صحيفة أ", "قناة ب 24"
# key, outlet, date, body
ROWS = [
    ("j1", A, datetime(2024, 1, 3, 10, tzinfo=UTC), "وصل الوفد إلى باكو."),
    ("j2", A, datetime(2024, 1, 20, tzinfo=UTC), "خبر عن الطقس."),
    ("j3", B, datetime(2024, 1, 31, 23, 59, tzinfo=UTC), "خبر عن الرياضة."),
    ("f1", B, datetime(2024, 2, 1, tzinfo=UTC), "وفي باكو عقد اللقاء."),
    ("f2", B, datetime(2024, 2, 14, tzinfo=UTC), "خبر آخر عن بيروت."),
    ("a1", A, datetime(2024, 4, 2, tzinfo=UTC), "خبر عن بيروت."),
    ("u1", A, None, "خبر بلا تاريخ عن باكو."),
    ("n1", None, datetime(2024, 2, 20, tzinfo=UTC), "خبر بلا منفذ."),
]
JAN, FEB, MAR, APR = (pd.Timestamp(2024, m, 1) for m in (1, 2, 3, 4))


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    rows = [article_row(i, body=b, source=s, publisher="ناشر", published_at=d, key=k)
            for i, (k, s, d, b) in enumerate(ROWS)]
    return Dataset(build_articles(tmp_path_factory.mktemp("tl") / "ds", rows))


def values(df, key=None):
    part = df if key is None else df[df["key"] == key]
    return dict(zip(part["period"], part["value"], strict=True))


def test_monthly_counts_fill_gaps_and_skip_undated(ds):
    df = timeline(ds, Filters(), "month", "none", "count")
    assert values(df) == {JAN: 3, FEB: 3, MAR: 0, APR: 1}


def test_share_of_all_articles(ds):
    df = timeline(ds, Filters(q="باكو"), "month", "none", "share_all")
    assert values(df) == pytest.approx({JAN: 1 / 3, FEB: 1 / 3})


def test_split_by_outlet_counts(ds):
    df = timeline(ds, Filters(), "month", "outlet", "count")
    assert values(df, A) == {JAN: 2, FEB: 0, MAR: 0, APR: 1}
    assert values(df, B) == {JAN: 1, FEB: 2, MAR: 0, APR: 0}
    assert values(df, "") == {JAN: 0, FEB: 1, MAR: 0, APR: 0}  # no outlet


def test_share_of_each_outlets_output(ds):
    df = timeline(ds, Filters(q="باكو"), "month", "outlet", "share_outlet")
    assert values(df, A) == pytest.approx({JAN: 0.5, FEB: 0.0})
    assert values(df, B) == pytest.approx({JAN: 0.0, FEB: 0.5})


def test_compare_terms(ds):
    df = timeline(ds, Filters(), "month", "compare", "count", terms=("باكو", "بيروت"))
    assert set(df["series"]) == {"باكو", "بيروت"}
    assert values(df, "باكو") == {JAN: 1, FEB: 1, MAR: 0, APR: 0}
    assert values(df, "بيروت") == {JAN: 0, FEB: 1, MAR: 0, APR: 1}


def test_compare_caps_at_five(ds):
    terms = ("باكو", "بيروت", "خبر", "الطقس", "الرياضة", "اللقاء")
    df = timeline(ds, Filters(), "month", "compare", "count", terms=terms)
    assert df["key"].nunique() == 5


def test_weekly_periods_start_on_monday(ds):
    df = timeline(ds, Filters(outlets=(A,)), "week", "none", "count")
    assert min(df["period"]) == pd.Timestamp(2024, 1, 1)
    assert all(p.weekday() == 0 for p in df["period"])


def test_unknown_values_are_refused(ds):
    for kwargs in ({"interval": "year"}, {"split": "tag"}, {"measure": "ratio"}):
        with pytest.raises(ValueError):
            timeline(ds, Filters(), **{"interval": "month", **kwargs})


@pytest.mark.parametrize(("start", "interval", "end"), [
    (date(2024, 1, 31), "day", date(2024, 2, 1)),
    (date(2024, 1, 29), "week", date(2024, 2, 5)),
    (date(2024, 12, 1), "month", date(2025, 1, 1)),
], ids=["day", "week", "month"])
def test_period_end(start, interval, end):
    assert period_end(start, interval) == end


@pytest.mark.parametrize(("kind", "key", "expected"), [
    ("all", "", ["j3", "j2", "j1"]),
    ("outlet", A, ["j2", "j1"]),
    ("term", "باكو", ["j1"]),
], ids=["all", "outlet", "term"])
def test_articles_in_period(ds, kind, key, expected):
    df = articles_in_period(ds, Filters(), "month", JAN, kind, key)
    assert list(df["article_id"]) == [article_id(k) for k in expected]


def test_articles_in_period_without_outlet(ds):
    df = articles_in_period(ds, Filters(), "month", FEB, "outlet", "")
    assert list(df["article_id"]) == [article_id("n1")]


def test_fill_periods_pure():
    df = pd.DataFrame({"period": [JAN, APR], "key": ["x", "x"], "n": [2, 1]})
    out = fill_periods(df, "month")
    assert list(out["period"]) == [JAN, FEB, MAR, APR]
    assert list(out["n"]) == [2, 0, 0, 1]


def test_apply_measure_zero_base_gives_zero():
    n = pd.DataFrame({"period": [JAN], "key": ["x"], "n": [0]})
    base = pd.DataFrame({"period": [JAN], "key": ["y"], "n": [0]})
    assert apply_measure(n, base, "share_outlet")["value"].tolist() == [0.0]
    assert apply_measure(n, base, "share_all")["value"].tolist() == [0.0]


def test_fitted_timeline_keeps_the_interval_when_small(ds):
    used, df = fitted_timeline(ds, Filters(), "day", "outlet")
    assert used == "day"
    assert df.equals(timeline(ds, Filters(), "day", "outlet"))


def test_fitted_timeline_coarsens_past_the_point_limit(ds):
    days = len(timeline(ds, Filters(), "day", "outlet"))
    weeks = len(timeline(ds, Filters(), "week", "outlet"))
    assert weeks < days
    used, df = fitted_timeline(ds, Filters(), "day", "outlet", max_points=weeks)
    assert used == "week" and len(df) == weeks
    # Month is the coarsest: it is kept even above the limit.
    used, df = fitted_timeline(ds, Filters(), "day", "outlet", max_points=1)
    assert used == "month" and len(df) > 1
