"""Match forms and clitic splitting used as feature keys."""

import pytest

from dashboard.entities.wordform import match_form, split_clitics

MATCH_CASES = [
    ("أمريكا", "امريكا", "hamza alef unified"),
    ("القاهرةُ", "القاهره", "diacritic dropped, teh marbuta unified"),
    ("٢٠١٥", "0000", "digits folded"),
    ("مـصر", "مصر", "tatweel dropped"),
]


@pytest.mark.parametrize(
    "token,expected", [c[:2] for c in MATCH_CASES], ids=[c[2] for c in MATCH_CASES]
)
def test_match_form(token, expected):
    assert match_form(token) == expected


SPLIT_CASES = [
    ("وبالقاهره", ("وبال", "قاهره"), "waw + bi + article"),
    ("والرياض", ("وال", "رياض"), "waw + article"),
    ("الرياض", ("ال", "رياض"), "article alone"),
    ("لبنان", ("ل", "بنان"), "a name starting with lam is split; the full form stays a feature"),
    ("في", ("", "في"), "short word untouched"),
    ("وزير", ("و", "زير"), "stem of at least three letters"),
    ("ولد", ("", "ولد"), "would leave two letters: untouched"),
    ("للامم", ("لل", "امم"), "lil"),
]


@pytest.mark.parametrize(
    "form,expected", [c[:2] for c in SPLIT_CASES], ids=[c[2] for c in SPLIT_CASES]
)
def test_split_clitics(form, expected):
    assert split_clitics(form) == expected
