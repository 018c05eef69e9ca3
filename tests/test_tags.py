"""Tests for dashboard.ingest.tags: tag-line content → tags."""

from __future__ import annotations

import pytest

from dashboard.arabic.normalize import normalize_for_match
from dashboard.ingest.tags import (
    COMPOUND_NAMES,
    GIVEN_NAMES,
    body_phrases,
    dedupe_tags,
    name_ends,
    pattern_ends,
    segment_tags,
    split_tag_line,
)

# (content of the tag line, article body, expected tags)
SPLIT_CASES = [
    # explicit separators: every piece is one tag, whatever the body says
    ("الطرق، خطة التطوير، المدينة", "", ("الطرق", "خطة التطوير", "المدينة")),
    ("الطرق | خطة التطوير", "", ("الطرق", "خطة التطوير")),
    ("الطرق, خطة التطوير ,المدينة", "", ("الطرق", "خطة التطوير", "المدينة")),
    ("#الطرق #خطة_التطوير", "", ("الطرق", "خطة التطوير")),
    ("الطرق - خطة التطوير - المدينة", "", ("الطرق", "خطة التطوير", "المدينة")),
    ("الطرق؛ المدينة", "", ("الطرق", "المدينة")),
    ("كوفيد-19، الصحة", "", ("كوفيد-19", "الصحة")),
    # space-joined runs, joined where the body shows the phrase
    ("سوق الجمعة الرياض", "زار الوفد سوق الجمعة في الرياض.", ("سوق الجمعة", "الرياض")),
    ("سوق الجمعة الرياض", "افتتح بسوق الجمعة جناح جديد.", ("سوق الجمعة", "الرياض")),
    ("الهيئة الملكية ينبع", "في كلمة للهيئة الملكية اليوم.", ("الهيئة الملكية", "ينبع")),
    ("مدينة الملاهي جدة", "افتتحت مدينةُ الملاهى أبوابها.", ("مدينة الملاهي", "جدة")),
    ("مدينة الملاهي جدة", "قالت «مدينة الملاهي» إن...", ("مدينة الملاهي", "جدة")),
    ("باكو يريفان", "الاتفاق الثلاثي (موسكو - باكو - يريفان)", ("باكو", "يريفان")),
    ("الطرق المدينة", "", ("الطرق", "المدينة")),
    # known names when the body does not spell them
    ("نيكول باشينيان يريفان", "", ("نيكول باشينيان", "يريفان")),
    ("كورونا إلهام علييف باكو", "", ("كورونا", "إلهام علييف", "باكو")),
    ("جدة الملك سلمان", "", ("جدة", "الملك سلمان")),
    ("الملك سلمان بن عبدالعزيز جدة", "", ("الملك سلمان بن عبدالعزيز", "جدة")),
    ("الرئيس عبد الفتاح السيسي", "", ("الرئيس عبد الفتاح السيسي",)),
    ("الأمير محمد بن سلمان نيوم", "", ("الأمير محمد بن سلمان", "نيوم")),
    ("محمد بن راشد آل مكتوم دبي", "", ("محمد بن راشد آل مكتوم", "دبي")),
    ("عبد الفتاح السيسي القاهرة", "", ("عبد الفتاح السيسي", "القاهرة")),
    ("عبد الله الرياض", "زار عبد الله مدينة الرياض.", ("عبد الله", "الرياض")),
    ("دونالد ترامب واشنطن", "", ("دونالد ترامب", "واشنطن")),
    ("عين الحلوة لبنان", "", ("عين الحلوة", "لبنان")),
    ("أبو ظبي الإمارات", "", ("أبو ظبي", "الإمارات")),
    ("شرم الشيخ مصر", "", ("شرم الشيخ", "مصر")),
    ("عبدالعزيز آل الشيخ الرياض", "", ("عبدالعزيز آل الشيخ", "الرياض")),
    ("كوريا الشمالية سيول", "", ("كوريا الشمالية", "سيول")),
    ("المملكة العربية السعودية الرياض", "", ("المملكة العربية السعودية", "الرياض")),
    ("الضفة الغربية نابلس", "", ("الضفة الغربية", "نابلس")),
    ("باكو قره باغ", "", ("باكو", "قره باغ")),
    # neighbouring tags that stand side by side in the body stay apart
    (
        "وزير الخارجية سامح شكري",
        "وقال وزير الخارجية سامح شكري إن",
        ("وزير الخارجية", "سامح شكري"),
    ),
    ("الهلال سامي الجابر", "قال مدرب الهلال سامي الجابر", ("الهلال", "سامي الجابر")),
    (
        "الأمير محمد بن سلمان ولي العهد",
        "استقبل الأمير محمد بن سلمان ولي العهد الوفد.",
        ("الأمير محمد بن سلمان", "ولي العهد"),
    ),
    ("برج خليفة دبي", "صعد الزوار برج خليفة في دبي.", ("برج خليفة", "دبي")),
    ("الأمير محمد بن نايف السعودية", "", ("الأمير محمد بن نايف", "السعودية")),
    # repeats and spellings
    ("قره باغ باكو قرة باغ", "", ("قره باغ", "باكو")),
    ("«الطرق» المدينة", "", ("الطرق", "المدينة")),
    ("", "", ()),
    (" ، | ", "", ()),
]


@pytest.mark.parametrize(
    ("content", "body", "tags"), SPLIT_CASES, ids=[f"case{i}" for i in range(len(SPLIT_CASES))]
)
def test_split_tag_line(content: str, body: str, tags: tuple[str, ...]) -> None:
    assert split_tag_line(content, body) == tags


def test_long_piece_between_separators_is_segmented() -> None:
    body = "زار الوفد سوق الجمعة في الرياض."
    assert split_tag_line("الطرق، سوق الجمعة الرياض جدة الدمام", body) == (
        "الطرق",
        "سوق الجمعة",
        "الرياض",
        "جدة",
        "الدمام",
    )


def test_segment_keeps_display_spelling() -> None:
    assert segment_tags(["إلهامُ", "علييف"]) == ["إلهامُ علييف"]


def test_body_phrases_only_over_tag_words() -> None:
    words = [normalize_for_match(w) for w in "سوق الجمعة الرياض".split()]
    found = body_phrases("في سوق الجمعة، الرياض والجمعة سوق", words)
    assert found == {("سوق", "الجمعه"), ("الجمعه", "سوق")}


@pytest.mark.parametrize(
    ("words", "ends"),
    [
        ("نيكول باشينيان يريفان", {2}),
        ("الملك سلمان بن عبدالعزيز", {2, 4}),
        ("عبد الله بن زايد آل نهيان", {2, 4, 6}),
        ("أبو ظبي الإمارات", set()),
        ("الرياض جدة", set()),
        ("محمد", set()),
    ],
    ids=["given-family", "title-chain", "abd-chain-family", "place-not-name", "no-name", "alone"],
)
def test_name_ends(words: str, ends: set[int]) -> None:
    assert name_ends([normalize_for_match(w) for w in words.split()], 0) == ends


@pytest.mark.parametrize(
    ("words", "ends"),
    [
        ("الإمارات العربية المتحدة دبي", {2, 3}),
        ("جبل طارق إسبانيا", {2}),
        ("مجلس الأمن الدولي", {2, 3}),
        ("الرياض جدة", set()),
    ],
    ids=["adjectives", "place-prefix", "compound-and-adjective", "none"],
)
def test_pattern_ends(words: str, ends: set[int]) -> None:
    assert pattern_ends([normalize_for_match(w) for w in words.split()], 0) == ends


def test_dedupe_tags_compares_match_forms() -> None:
    assert dedupe_tags(["قرة باغ", "قره باغ", "أبها", "ابها", "جدة"]) == ("قرة باغ", "أبها", "جدة")


def test_data_files_load() -> None:
    assert len(GIVEN_NAMES) >= 250
    assert {"نيكول", "دونالد", "ايمانويل", "فلاديمير", "محمد"} <= GIVEN_NAMES
    assert "قره باغ" in COMPOUND_NAMES
    assert all(" " in name for name in COMPOUND_NAMES)


@pytest.mark.parametrize("line,body,expected", [
    ("الأردن البتراء وزارة السياحة", "قال وزير السياحة", ("الأردن", "البتراء", "وزارة السياحة")),
    ("مطار القاهرة مصر", "", ("مطار القاهرة", "مصر")),
    ("جامعة الدول العربية تونس", "", ("جامعة الدول العربية", "تونس")),
], ids=["ministry", "airport", "league-with-adjective"])
def test_construct_heads_take_their_complement(line, body, expected):
    assert split_tag_line(line, body) == expected
