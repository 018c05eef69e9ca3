"""Input → expected tables for the Arabic normalisation functions."""

import pytest

from dashboard.arabic import normalize as n

# (function, input, expected, id)
CASES = [
    # remove_invisible
    (n.remove_invisible, "\u200fباكو\u200e", "باكو", "rlm-lrm"),
    (n.remove_invisible, "\u202bقره باغ\u202c", "قره باغ", "embedding"),
    (n.remove_invisible, "\u2067يريفان\u2069", "يريفان", "isolate"),
    (n.remove_invisible, "\ufeffعنوان", "عنوان", "bom"),
    (n.remove_invisible, "مر\u200cحبا", "مرحبا", "zwnj"),
    (n.remove_invisible, "\u061cالخبر", "الخبر", "arabic-letter-mark"),
    # fold_presentation_forms
    (n.fold_presentation_forms, "\ufefb", "لا", "lam-alef-ligature"),
    (n.fold_presentation_forms, "\ufe91\ufe8e\ufedb\ufeee", "باكو", "positional-forms"),
    (n.fold_presentation_forms, "abc ١٢", "abc ١٢", "untouched"),
    # normalize_line_breaks
    (n.normalize_line_breaks, "سطر\r\nسطر\rسطر", "سطر\nسطر\nسطر", "crlf-cr"),
    (n.normalize_line_breaks, "أ\u2029ب", "أ\nب", "paragraph-separator"),
    # clean_whitespace
    (n.clean_whitespace, "  وزير\u00a0الخارجية  ", "وزير الخارجية", "nbsp-trim"),
    (n.clean_whitespace, "فقرة\n\n\n\nفقرة", "فقرة\n\nفقرة", "blank-lines"),
    (n.clean_whitespace, "كلمة\t\tكلمة", "كلمة كلمة", "tabs"),
    (n.clean_whitespace, "سطر   \n   سطر", "سطر\nسطر", "line-edges"),
    # remove_diacritics
    (n.remove_diacritics, "مُحَمَّدٌ", "محمد", "harakat-shadda-tanween"),
    (n.remove_diacritics, "الرَّحْمٰن", "الرحمن", "dagger-alef"),
    (n.remove_diacritics, "أيضاً", "أيضا", "tanween-fath"),
    # remove_tatweel
    (n.remove_tatweel, "الـــرياض", "الرياض", "tatweel"),
    # unify_letters
    (n.unify_letters, "أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنه الله", "alef-forms"),
    (n.unify_letters, "مسؤول مسئول", "مسوول مسيول", "hamza-seats"),
    (n.unify_letters, "مستشفى", "مستشفي", "alef-maksura"),
    (n.unify_letters, "قرة", "قره", "teh-marbuta"),
    (n.unify_letters, "کتاب یوم", "كتاب يوم", "persian-letters"),
    (n.unify_letters, "٢٠٢٣ ۱۹", "2023 19", "digits"),
    # western_digits
    (n.western_digits, "١٩/٠٩/٢٠٢٣", "19/09/2023", "arabic-indic"),
    (n.western_digits, "قرة", "قرة", "letters-untouched"),
    # collapse_whitespace
    (n.collapse_whitespace, " أ \n\n ب\tج ", "أ ب ج", "all-whitespace"),
    # clean_display keeps letters, drops noise
    (n.clean_display, "\ufeff\u200fإقليم قرة باغ\u00a0\r\n", "إقليم قرة باغ", "display-noise"),
    (n.clean_display, "مُحَمَّد", "مُحَمَّد", "display-keeps-diacritics"),
    (n.clean_display, "ا\u0654", "أ", "display-nfc-hamza"),
    (n.clean_display, "\ufefb\ufe8e", "لاا", "display-presentation"),
    (n.clean_display, "أ\x00ب\x07", "أب", "display-control-chars"),
    # normalize_for_match: the variants a reader treats as one word compare equal
    (n.normalize_for_match, "قره باغ", "قره باغ", "match-ha"),
    (n.normalize_for_match, "قرة باغ", "قره باغ", "match-ta-marbuta"),
    (n.normalize_for_match, "إقْرَأْ أيضاً:", "اقرا ايضا:", "match-heading"),
    (n.normalize_for_match, "اقرأ أيضًا", "اقرا ايضا", "match-heading-2"),
    (n.normalize_for_match, "الــرِّيـاض\n\nجدة", "الرياض جده", "match-collapse"),
    (n.normalize_for_match, "عام ٢٠٢٣", "عام 2023", "match-digits"),
    (n.normalize_for_match, "RT Arabic", "rt arabic", "match-casefold"),
    (n.normalize_for_match, "\ufe91\ufe8e\ufedb\ufeee", "باكو", "match-presentation"),
    (n.normalize_for_match, "", "", "empty"),
]


@pytest.mark.parametrize("func,text,expected", [c[:3] for c in CASES], ids=[c[3] for c in CASES])
def test_table(func, text, expected):
    assert func(text) == expected


@pytest.mark.parametrize(
    "func",
    [n.clean_display, n.normalize_for_match, n.remove_diacritics, n.unify_letters,
     n.fold_presentation_forms, n.remove_invisible],
)
@pytest.mark.parametrize("text", [c[1] for c in CASES])
def test_idempotent(func, text):
    once = func(text)
    assert func(once) == once


@pytest.mark.parametrize("text", [c[1] for c in CASES])
def test_match_form_of_display_agrees(text):
    assert n.match_form_of_display(n.clean_display(text)) == n.normalize_for_match(text)


def test_variant_pairs_match_equal():
    pairs = [("قره باغ", "قرة باغ"), ("أمريكا", "امريكا"), ("إسرائيل", "اسرائيل"),
             ("مُسْتَشْفَى", "مستشفي"), ("الـريـاض", "الرياض")]
    for a, b in pairs:
        assert n.normalize_for_match(a) == n.normalize_for_match(b), (a, b)
