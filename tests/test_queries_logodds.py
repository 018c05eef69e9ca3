"""Log-odds ratio with an informative Dirichlet prior, checked against hand computation."""

import math

import pandas as pd
import pytest

from dashboard.queries.logodds import log_odds_dirichlet

# Group: x 5, y 0, z 5 (n_i = 10); rest: x 1, y 4, z 5 (n_j = 10); α0 = 10, so
# α_x = 10·6/20 = 3, α_y = 10·4/20 = 2, α_z = 10·10/20 = 5.
#   δ_x = ln(8/12) − ln(4/16) = ln(8/3)      σ²_x = 1/8 + 1/4 = 3/8
#   δ_y = ln(2/18) − ln(6/14) = ln(7/27)     σ²_y = 1/2 + 1/6 = 2/3
#   δ_z = ln(10/10) − ln(10/10) = 0          σ²_z = 1/10 + 1/10 = 1/5
HAND = {
    "x": (math.log(8 / 3), 3 / 8),
    "y": (math.log(7 / 27), 2 / 3),
    "z": (0.0, 1 / 5),
}


@pytest.fixture
def scored():
    counts = pd.DataFrame({"word": ["x", "y", "z"], "n_in": [5, 0, 5], "n_out": [1, 4, 5]})
    return log_odds_dirichlet(counts, alpha0=10).set_index("word")


@pytest.mark.parametrize("word", sorted(HAND), ids=sorted(HAND))
def test_matches_hand_computation(scored, word):
    delta, var = HAND[word]
    assert scored.loc[word, "delta"] == pytest.approx(delta)
    assert scored.loc[word, "var"] == pytest.approx(var)
    assert scored.loc[word, "z"] == pytest.approx(delta / math.sqrt(var))


def test_sorted_by_z_descending(scored):
    assert list(scored.index) == ["x", "z", "y"]


def test_symmetric_groups_give_opposite_scores():
    counts = pd.DataFrame({"word": ["a", "b"], "n_in": [3, 1], "n_out": [1, 3]})
    out = log_odds_dirichlet(counts, alpha0=8).set_index("word")
    # α = 4 each: δ_a = ln(7/5) − ln(5/7) = 2 ln 1.4, σ² = 1/7 + 1/5
    assert out.loc["a", "delta"] == pytest.approx(2 * math.log(1.4))
    assert out.loc["a", "z"] == pytest.approx(2 * math.log(1.4) / math.sqrt(1 / 7 + 1 / 5))
    assert out.loc["b", "z"] == pytest.approx(-out.loc["a", "z"])


def test_explicit_totals_include_dropped_words():
    # The same x, y, z rows, but the totals say each side also had 10 more tokens of
    # words that were dropped as rare: the prior and the odds both change.
    counts = pd.DataFrame({"word": ["x", "y", "z"], "n_in": [5, 0, 5], "n_out": [1, 4, 5]})
    out = log_odds_dirichlet(counts, alpha0=10, totals=(20, 20)).set_index("word")
    a = 10 * 6 / 40
    expected = math.log((5 + a) / (20 + 10 - 5 - a)) - math.log((1 + a) / (20 + 10 - 1 - a))
    assert out.loc["x", "delta"] == pytest.approx(expected)


@pytest.mark.parametrize("alpha0", [0, -1], ids=["zero", "negative"])
def test_rejects_non_positive_prior(alpha0):
    with pytest.raises(ValueError):
        log_odds_dirichlet(pd.DataFrame({"word": ["a"], "n_in": [1], "n_out": [1]}), alpha0)


def test_empty_counts():
    out = log_odds_dirichlet(pd.DataFrame({"word": [], "n_in": [], "n_out": []}))
    assert out.empty and {"delta", "z"} <= set(out.columns)
