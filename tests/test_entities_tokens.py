"""Tokenisation with offsets and sentence splitting of display-form bodies."""

import pytest

from dashboard.entities.tokens import sentences, tokenize

TOKEN_CASES = [
    ("زار الوزير دمشق.", ["زار", "الوزير", "دمشق", "."], "words and final stop"),
    ("«القاهرة»، اليوم", ["«", "القاهرة", "»", "،", "اليوم"], "quotes and Arabic comma"),
    ("نَجَحَ الفريقُ", ["نَجَحَ", "الفريقُ"], "diacritics stay in the word"),
    ("بلغ 3.5% أو ١٢٫٥", ["بلغ", "3.5", "%", "أو", "١٢٫٥"], "decimals stay whole"),
    ("شركة IBM-2", ["شركة", "IBM", "-", "2"], "latin and hyphen"),
    ("مـــصر", ["مـــصر"], "tatweel stays in the word"),
    ("", [], "empty"),
]


@pytest.mark.parametrize(
    "body,expected", [c[:2] for c in TOKEN_CASES], ids=[c[2] for c in TOKEN_CASES]
)
def test_tokenize(body, expected):
    tokens = tokenize(body)
    assert [t.text for t in tokens] == expected
    assert all(body[t.start : t.end] == t.text for t in tokens)


SENTENCE_CASES = [
    ("قال سمير. وذهب أحمد", [["قال", "سمير", "."], ["وذهب", "أحمد"]], "stop ends a sentence"),
    ("هل حضر؟ نعم", [["هل", "حضر", "؟"], ["نعم"]], "Arabic question mark"),
    ("سطر أول\nسطر ثان", [["سطر", "أول"], ["سطر", "ثان"]], "line break ends a sentence"),
    ("عنوان\n\nنص", [["عنوان"], ["نص"]], "blank line gives no empty sentence"),
    ("بلغ 2.5 مليون", [["بلغ", "2.5", "مليون"]], "decimal point does not end a sentence"),
]


@pytest.mark.parametrize(
    "body,expected", [c[:2] for c in SENTENCE_CASES], ids=[c[2] for c in SENTENCE_CASES]
)
def test_sentences(body, expected):
    result = sentences(body)
    assert [[t.text for t in s] for s in result] == expected
    assert all(body[t.start : t.end] == t.text for s in result for t in s)
