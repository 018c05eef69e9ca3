"""Tests for dashboard.ingest.page: scraped page → body, credited source, tags, title."""

from __future__ import annotations

import dataclasses
import json
import re
from itertools import islice
from pathlib import Path

import pytest

from dashboard.arabic.normalize import clean_display
from dashboard.ingest import boilerplate
from dashboard.ingest.page import (
    ParsedPage,
    _needs_line_parse,
    _parse_lines,
    choose_credited_source,
    parse_page,
)

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
EXPECTED: dict[str, dict] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "aggregator_page.txt"

BODY = "أعلنت الوزارة اليوم خطة جديدة لتطوير الطرق في المدينة."
OTHER_ARTICLE = (
    "عنوان خبر آخر عن الطقس\n\n"
    "توقعت هيئة الأرصاد هطول أمطار غزيرة على المرتفعات الغربية خلال الأيام الثلاثة المقبلة، "
    "مع رياح نشطة تثير الغبار في المناطق المفتوحة."
)


def _fixture(name: str) -> str:
    # Bytes decoded by hand so that CRLF line ends reach parse_page untouched.
    return (FIXTURES / name).read_bytes().decode("utf-8")


def _slow_equals_fast(text: str) -> bool:
    display = clean_display(text)
    return parse_page(text) == _parse_lines(display, boilerplate.skeleton(display))


# --- fixture pages ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.removesuffix(".txt"))
def test_fixture_page(name: str) -> None:
    want = EXPECTED[name]
    page = parse_page(_fixture(name))
    assert page.body.startswith(want["body_first_sentence"])
    assert page.body.endswith(want["body_last_sentence"])
    for text in want["body_contains"]:
        assert text in page.body
    for text in want["body_absent"]:
        assert text not in page.body
    for line in want.get("body_absent_lines", []):
        assert line not in page.body.split("\n")
    assert page.title == want["title"]
    assert page.credited_source == want["credited_source"]
    assert page.credited_sources == tuple(want["credited_sources"])
    assert page.tags == tuple(want["tags"])
    assert page.related_titles == tuple(want["related_titles"])
    assert "\n\n\n" not in page.body
    assert page.body == clean_display(page.body)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.removesuffix(".txt"))
def test_fixture_line_ends_do_not_matter(name: str, newline: str) -> None:
    text = _fixture(name).replace("\r\n", "\n")
    assert parse_page(text.replace("\n", newline)) == parse_page(text)


def test_fixtures_have_expectations() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.txt")) == sorted(EXPECTED)


# --- credited-source lines --------------------------------------------------------------

CREDIT_CASES = [
    ("المصدر: رويترز", ("رويترز",)),
    ("المصدر : وكالة الأنباء الألمانية", ("وكالة الأنباء الألمانية",)),
    ("المصدر- وكالات", ("وكالات",)),
    ("المصدر - وكالات.", ("وكالات",)),
    ("(المصدر: واس)", ("واس",)),
    ("المصدر: «الشرق الأوسط»", ("الشرق الأوسط",)),
    ("مصدر الخبر: الجزيرة نت", ("الجزيرة نت",)),
    ("Source: Reuters", ("Reuters",)),
    ("المصدر: RT\n\nالمصدر: RT Arabic", ("RT", "RT Arabic")),
    ("المصدر: وكالات\n\nالمصدر: وكالات", ("وكالات",)),
    ("* خدمة «نيويورك تايمز»", ("نيويورك تايمز",)),
]


@pytest.mark.parametrize(
    ("tail", "sources"), CREDIT_CASES, ids=[f"credit{i}" for i in range(len(CREDIT_CASES))]
)
def test_credit_lines(tail: str, sources: tuple[str, ...]) -> None:
    page = parse_page(f"{BODY}\n\n{tail}")
    assert page.body == BODY
    assert page.credited_sources == sources


NOT_CREDIT_CASES = [
    "وقال المصدر إن الاجتماع سيعقد غدا في العاصمة.",
    "المصدر: إن الاتفاق بات قريبا من التوقيع بين الطرفين",
    "مصادر: الاتفاق بات قريبا",
    "وأضاف المصدر: «لن نتراجع عن قرارنا مهما كانت الضغوط».",
    "المصدر: قال مسؤول في الوزارة إن المشروع تأخر. وأضاف أن الأسباب فنية بحتة",
]


@pytest.mark.parametrize("line", NOT_CREDIT_CASES, ids=[f"body{i}" for i in range(5)])
def test_sentences_mentioning_a_source_stay_in_the_body(line: str) -> None:
    text = f"{BODY}\n\n{line}\n\nفقرة أخيرة من الخبر نفسه."
    page = parse_page(text)
    assert page.body == clean_display(text)
    assert page.credited_sources == ()


@pytest.mark.parametrize(
    ("text", "body", "source"),
    [
        (f"{BODY} المصدر : وكالات", BODY, "وكالات"),
        (f"{BODY} (المصدر: واس)", BODY, "واس"),
        (
            "قال الوزير إن المصدر : الميزانية العامة",
            "قال الوزير إن المصدر : الميزانية العامة",
            None,
        ),
    ],
    ids=["after-full-stop", "in-brackets", "not-after-a-sentence"],
)
def test_credit_glued_to_the_last_paragraph(text: str, body: str, source: str | None) -> None:
    page = parse_page(text)
    assert (page.body, page.credited_source) == (body, source)


def test_syndication_credit_followed_by_another_feature_is_body() -> None:
    text = (
        f"{BODY}\n* خدمة «واشنطن بوست»\nعنوان ثان عن الصحة\n"
        "فقرة طويلة من الموضوع الثاني تتحدث عن فوائد النوم المبكر للأطفال وأثره على التحصيل."
    )
    page = parse_page(text)
    assert page.body == text
    assert page.credited_sources == ()


def test_leading_credit_line_is_taken_not_a_cut() -> None:
    page = parse_page(f"المصدر: واس\n\n{BODY}")
    assert (page.body, page.credited_source) == (BODY, "واس")


@pytest.mark.parametrize(
    ("sources", "chosen"),
    [
        (("RT", "RT Arabic"), "RT Arabic"),
        (("RT Arabic", "RT"), "RT Arabic"),
        (("واس", "وكالات"), "وكالات"),
        (("وكالة الأنباء السعودية (واس)", "واس"), "وكالة الأنباء السعودية (واس)"),
        (("سكاي نيوز", "سكاي نيوز عربية", "رويترز"), "رويترز"),
        (("رويترز",), "رويترز"),
        ((), None),
    ],
    ids=[
        "extends",
        "extends-first",
        "unrelated-last",
        "abbreviation",
        "last-maximal",
        "one",
        "none",
    ],
)
def test_choose_credited_source(sources: tuple[str, ...], chosen: str | None) -> None:
    assert choose_credited_source(sources) == chosen


# --- related-content headings -----------------------------------------------------------

HEADINGS = [
    "إقرأ أيضاً:",
    "اقرأ أيضا",
    "اقرأ أيضًا",
    "إقرأ ايضا",
    "اقرأ أيضـــا",
    "اقرأ المزيد",
    "مقالات مشابهة",
    "مقالات ذات صلة",
    "أخبار ذات صلة:",
    "اخبار متعلقة",
    "أخبار متعلقة",
    "مواضيع ذات صلة",
    "المزيد من الأخبار",
    "قد يهمك أيضا",
    "شاهد أيضاً",
    "الأكثر قراءة",
    "► اقرأ أيضا",
    "Related articles",
]


@pytest.mark.parametrize("heading", HEADINGS, ids=[f"h{i}" for i in range(len(HEADINGS))])
def test_related_heading_ends_the_body(heading: str) -> None:
    page = parse_page(f"{BODY}\n\n{heading}\n\n{OTHER_ARTICLE}")
    assert page.body == BODY
    assert page.related_titles == ("عنوان خبر آخر عن الطقس",)


@pytest.mark.parametrize(
    "line",
    [
        "المزيد من الدعم مطلوب للأندية الصغيرة بحسب رئيس الاتحاد.",
        "شاهد أيضا كيف احتفل الجمهور بالفوز في الشوارع.",
        "الأكثر قراءة بين الطلاب هي الروايات القصيرة.",
        "أخبار ذات صلة بالموضوع نشرت أمس في الصحف المحلية.",
    ],
    ids=["more-of", "watch-also-sentence", "most-read-sentence", "related-sentence"],
)
def test_heading_words_in_a_sentence_are_body(line: str) -> None:
    text = f"{BODY}\n\n{line}\n\nفقرة أخيرة."
    assert parse_page(text).body == clean_display(text)


def test_inline_related_link_without_a_closing_line_is_a_cut() -> None:
    page = parse_page(f"{BODY}\n\nاقرأ أيضا: عنوان خبر آخر\n\n{OTHER_ARTICLE}")
    assert page.body == BODY
    assert page.related_titles[0] == "عنوان خبر آخر"


def test_inline_related_link_followed_by_credit_is_dropped_in_place() -> None:
    text = f"{BODY}\n\nاقرأ أيضا: عنوان خبر آخر\n\nفقرة ثانية من الخبر.\n\nالمصدر: واس"
    page = parse_page(text)
    assert page.body == f"{BODY}\n\nفقرة ثانية من الخبر."
    assert page.related_titles == ("عنوان خبر آخر",)


def test_credit_lines_of_another_article_do_not_count() -> None:
    text = f"{BODY}\n\nالمصدر: واس\n\nاقرأ أيضا\n\n{OTHER_ARTICLE}\n\nالمصدر: رويترز"
    assert parse_page(text).credited_sources == ("واس",)


# --- tag lines ----------------------------------------------------------------------------

TAG_CASES = [
    ("كلمات دلالية: الطرق المدينة", ("الطرق", "المدينة")),
    ("الكلمات المفتاحية: الطرق، المدينة", ("الطرق", "المدينة")),
    ("الوسوم: خطة الطرق | المدينة", ("خطة الطرق", "المدينة")),
    ("وسوم: #الطرق #خطة_التطوير", ("الطرق", "خطة التطوير")),
    ("Tags: roads, city", ("roads", "city")),
    ("سمات الطرق المدينة", ("الطرق", "المدينة")),
    ("كلمات مفتاحية - الطرق - المدينة", ("الطرق", "المدينة")),
    ("الوسوم:\nالطرق\nخطة التطوير", ("الطرق", "خطة التطوير")),
    ("الوسوم:\nالطرق المدينة", ("الطرق", "المدينة")),
]


@pytest.mark.parametrize(
    ("tail", "tags"), TAG_CASES, ids=[f"tags{i}" for i in range(len(TAG_CASES))]
)
def test_tag_lines(tail: str, tags: tuple[str, ...]) -> None:
    page = parse_page(f"{BODY}\n\n{tail}")
    assert page.body == BODY
    assert page.tags == tags


def test_bare_tag_label_inside_the_text_is_body() -> None:
    text = f"{BODY}\n\nسمات القائد الناجح كثيرة ومنها الصبر\n\nفقرة أخرى بعدها."
    page = parse_page(text)
    assert page.body == clean_display(text)
    assert page.tags == ()


def test_tags_use_the_body_to_join_words() -> None:
    text = "زار الوفد سوق الجمعة في الرياض صباح اليوم.\n\nكلمات دلالية: سوق الجمعة الرياض"
    assert parse_page(text).tags == ("سوق الجمعة", "الرياض")


# --- footers and boilerplate ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "tags"),
    [
        (f"{BODY}\n// انتهى //\n12:30 ت م", BODY, ()),
        (f"{BODY} // انتهى //", BODY, ()),
        (f"{BODY}\n//انتهى//", BODY, ()),
        (f"{BODY}\n// يتبع // سمات الطرق المدينة", BODY, ("الطرق", "المدينة")),
        (
            f"{BODY}\nكاتب@example.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز 12",
            f"{BODY}\nكاتب@example.com",
            (),
        ),
        (f"{BODY}\n© 2024 جميع الحقوق محفوظة", BODY, ()),
    ],
    ids=[
        "wire-end",
        "wire-end-glued",
        "wire-end-tight",
        "to-be-continued-tags",
        "sms",
        "copyright",
    ],
)
def test_footers_end_the_body(text: str, body: str, tags: tuple[str, ...]) -> None:
    page = parse_page(text)
    assert (page.body, page.tags) == (body, tags)


def test_boilerplate_lines_are_removed_from_the_body() -> None:
    text = f"Next Previous جدة – واس\n{BODY}\n\nشارك\n\nفقرة ثانية.\n(تصوير: علي)\n...المزيد"
    assert parse_page(text).body == f"جدة – واس\n{BODY}\n\nفقرة ثانية."


# --- title --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        (f"خطة جديدة لتطوير الطرق\n\n{BODY}", "خطة جديدة لتطوير الطرق", BODY),
        (
            f"الوزير: لا زيادة في الرسوم هذا العام\n\n{BODY}",
            "الوزير: لا زيادة في الرسوم هذا العام",
            BODY,
        ),
        (f"{BODY}\n\nفقرة ثانية.", None, f"{BODY}\n\nفقرة ثانية."),
        (f"جدة – واس\n\n{BODY}", None, f"جدة – واس\n\n{BODY}"),
        (f"خطة جديدة لتطوير الطرق\n{BODY}", None, f"خطة جديدة لتطوير الطرق\n{BODY}"),
        ("خطة جديدة لتطوير الطرق", None, "خطة جديدة لتطوير الطرق"),
        (f"{'كلمة ' * 16}\n\n{BODY}", None, f"{'كلمة ' * 15}كلمة\n\n{BODY}"),
        (f"عاجل\n\n{BODY}", None, f"عاجل\n\n{BODY}"),
        (f"خطة جديدة لتطوير الطرق\n\n{BODY}\n\nالمصدر: واس", "خطة جديدة لتطوير الطرق", BODY),
    ],
    ids=[
        "headline",
        "headline-colon",
        "sentence",
        "byline",
        "no-blank-line",
        "nothing-after",
        "too-long",
        "one-word",
        "with-credit",
    ],
)
def test_title(text: str, title: str | None, body: str) -> None:
    page = parse_page(text)
    assert (page.title, page.body) == (title, body)


# --- general ------------------------------------------------------------------------------


def test_empty_text() -> None:
    assert parse_page("") == ParsedPage("", None, (), (), (), None)


def test_clean_article_is_its_display_form() -> None:
    text = "  \u200fفقرةٌ   أولى\u00a0من الخبر.\r\n\r\n\r\n\r\nفقرة ثانية.  "
    assert parse_page(text).body == clean_display(text) == "فقرةٌ أولى من الخبر.\n\nفقرة ثانية."


def test_parsed_page_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        parse_page(BODY).body = ""  # type: ignore[misc]


EQUIVALENCE_INPUTS = [
    *(_fixture(name) for name in sorted(EXPECTED)),
    *(f"{BODY}\n\n{tail}" for tail, _ in CREDIT_CASES + TAG_CASES),
    *(f"{BODY}\n\n{h}\n\n{OTHER_ARTICLE}" for h in HEADINGS),
    *(f"{BODY}\n\n{line}" for line in NOT_CREDIT_CASES),
    f"{BODY} المصدر : وكالات",
    f"{BODY} // انتهى //",
    f"{BODY}...المزيد",
]


@pytest.mark.parametrize(
    "text", EQUIVALENCE_INPUTS, ids=[f"in{i}" for i in range(len(EQUIVALENCE_INPUTS))]
)
def test_fast_path_never_skips_a_rule(text: str) -> None:
    assert _slow_equals_fast(text)


def test_fast_path_taken_for_plain_text() -> None:
    assert not _needs_line_parse(boilerplate.skeleton(f"{BODY}\nفقرة ثانية عن المشروع."))


# --- the real aggregator page and corpora (../shared) ------------------------------------


def _shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data sits beside the checkout)")
    return path


@pytest.mark.shared
def test_real_aggregator_page() -> None:
    raw = _shared(SAMPLE).read_text(encoding="utf-8")
    page = parse_page(raw)
    assert page.credited_source == "RT Arabic"
    assert page.credited_sources == ("RT", "RT Arabic")
    assert page.tags == ("كورونا", "إلهام علييف", "باكو", "قره باغ", "نيكول باشينيان", "يريفان")
    assert page.title is None
    last = next(line for line in raw.splitlines() if "ستيباناكيرت" in line)
    assert page.body.endswith(clean_display(last))
    assert len(re.findall("قر[هة] باغ", page.body)) == 7
    lines = [clean_display(x) for x in raw.splitlines()]
    rafah = lines[lines.index("إقرأ أيضاً:") + 1 : lines.index("مقالات مشابهة")]
    bullets = lines[lines.index("مقالات مشابهة") + 1 :]
    for line in [x for x in rafah + bullets if x]:
        assert line.lstrip("• ") not in page.body
    for gone in ("رفح", "إقرأ أيضاً", "مقالات مشابهة", "كلمات دلالية", "المصدر:"):
        assert gone not in page.body
    assert _slow_equals_fast(raw)


@pytest.mark.shared
def test_corpus_articles_fast_path_agrees() -> None:
    corpus = _shared(SHARED / "corpora" / "saudinewsnet_5000.jsonl")
    with corpus.open(encoding="utf-8") as lines:
        for line in islice(lines, 600):
            text = json.loads(line)["text"]
            assert _slow_equals_fast(text)
            assert parse_page(text).body
