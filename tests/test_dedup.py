"""Tests for dashboard/ingest/dedup.py: exact and near groups, group ids, determinism.

Every Arabic paragraph here is written for these tests: a wire story about a desalination
plant, its republications (an exact copy, and one with an added intro, another dateline
and a trimmed ending), a different story on the same topic, short notices and templated
congratulation cables.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.arabic.normalize import normalize_for_match
from dashboard.dataset import schema
from dashboard.ingest.dedup import (
    DedupParams,
    assign_duplicates,
    lsh_shape,
    shingle_hashes,
    sketch_texts,
    word_hashes,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
ROOT = Path(__file__).resolve().parents[1]

# --- fixtures: our own news paragraphs ------------------------------------------------------

WIRE_DATELINE = "الساحل الشمالي 12 ربيع الأول 1445 هـ الموافق 27 سبتمبر 2023 م واس"
WIRE_BODY = (
    "افتتح وزير البيئة والمياه والزراعة صباح اليوم محطة جديدة لتحلية المياه في محافظة "
    "الساحل الشمالي بطاقة إنتاجية تبلغ مئة وعشرين ألف متر مكعب يوميا، وذلك ضمن خطة الوزارة "
    "لرفع كفاءة إمدادات المياه في المحافظات الساحلية. وأوضح الوزير في كلمة ألقاها خلال حفل "
    "الافتتاح أن المحطة ستخدم أكثر من ثلاثمئة ألف نسمة في المحافظة والقرى المجاورة لها، "
    "وأنها تعمل بتقنية التناضح العكسي التي تقلل استهلاك الطاقة بنسبة تقارب الثلث مقارنة "
    "بالمحطات القديمة. وأضاف أن المشروع نُفّذ خلال ثمانية عشر شهرا بتكلفة بلغت نحو أربعمئة "
    "مليون ريال، وأن الوزارة تعمل على ربط المحطة بشبكة الخزانات الاستراتيجية قبل نهاية "
    "العام. من جهته، قال مدير عام المياه في المنطقة إن المرحلة الثانية من المشروع ستبدأ "
    "مطلع العام المقبل، وستضيف خمسين ألف متر مكعب إلى الطاقة الحالية، مشيرا إلى أن فرق "
    "الصيانة ستعمل على مدار الساعة لضمان استمرار الضخ خلال أشهر الصيف."
)
WIRE_ENDING = (
    " وفي ختام الحفل تفقد الوزير غرف التحكم ووحدات المعالجة، واستمع إلى شرح من المهندسين "
    "عن مراحل التشغيل وخطط التوسعة. // انتهى //"
)
WIRE = f"{WIRE_DATELINE}\n{WIRE_BODY}{WIRE_ENDING}"

# A paper's version: its own dateline and intro sentence, "صباح اليوم" → "أمس", and the
# end of the manager's paragraph and the closing tour cut.
REPUBLISHED = (
    "الساحل الشمالي - مراسل الصحيفة\n"
    "في خطوة انتظرها أهالي الساحل الشمالي سنوات طويلة، باتت المياه المحلاة على بعد أيام من "
    "منازلهم. " + WIRE_BODY.replace("صباح اليوم", "أمس").split("، مشيرا إلى")[0] + "."
)

# The same topic (a desalination plant), another story told in other words.
OTHER_PLANT = (
    "وقّعت المؤسسة العامة لتحلية المياه المالحة عقدا مع تحالف من الشركات الوطنية لإنشاء "
    "محطة تحلية في مدينة الميناء الجنوبي، على أن يبدأ التشغيل التجريبي بعد ثلاثين شهرا من "
    "تسليم الموقع، بطاقة إنتاجية تبلغ تسعين ألف متر مكعب يوميا ضمن خطة الوزارة لرفع كفاءة "
    "إمدادات المياه في المحافظات الساحلية. وقال محافظ المؤسسة إن المحطة الجديدة ستعتمد على الطاقة الشمسية في تشغيل "
    "جزء من مضخاتها، وإن العقد يلزم المقاول بتدريب مئتي مهندس وفني من أبناء المنطقة. "
    "وتعاني أحياء الميناء الجنوبي من انقطاعات متكررة في المياه خلال الصيف بسبب قدم الشبكة، "
    "وتعمل المؤسسة على استبدال خطوط النقل الرئيسية بالتوازي مع بناء المحطة، بحسب بيان "
    "صدر عنها مساء الثلاثاء."
)

SHORT = "أعلنت بلدية المدينة إغلاق الطريق الدائري الشرقي ليلة الخميس لأعمال الصيانة."
SHORT_EDITED = "أعلنت بلدية المدينة إغلاق الطريق الدائري الشرقي مساء الخميس لأعمال الصيانة الدورية."

CABLE = (
    "بعث رئيس المجلس برقية تهنئة إلى {title} {name} رئيس {country} بمناسبة ذكرى اليوم "
    "الوطني لبلاده، أعرب فيها عن أصدق التهاني وأطيب التمنيات بموفور الصحة والسعادة، "
    "ولحكومة وشعب {country} الشقيق المزيد من التقدم والازدهار. كما بعث نائب رئيس المجلس "
    "برقية مماثلة أكد فيها عمق العلاقات التي تربط البلدين وحرص الجانبين على تنميتها في "
    "المجالات كافة، متمنيا ل{country} دوام الأمن والاستقرار."
)
CABLE_RECIPIENTS = [
    ("فخامة الرئيس", "سالم بن عمر", "جمهورية الوادي الأخضر"),
    ("فخامة الرئيسة", "ليلى حداد", "جمهورية الجزر الزرقاء"),
    ("فخامة الرئيس", "ماركو ديلا", "جمهورية السهول العليا"),
    ("جلالة الملك", "إدريس الثاني", "مملكة الجبال البيضاء"),
    ("فخامة الرئيس", "توماس بيرغ", "جمهورية البحيرات"),
    ("فخامة الرئيس", "أحمد ولد سيدي", "جمهورية الرمال"),
]


def article(aid: str, text: str, published: str | None, source=None, publisher=None) -> dict:
    return {
        "article_id": aid,
        "body_norm": normalize_for_match(text),
        "published_at": pd.Timestamp(published, tz="UTC") if published else pd.NaT,
        "source": source,
        "publisher": publisher,
    }


def frame(rows: list[dict], index=None) -> pd.DataFrame:
    df = pd.DataFrame(rows, index=index)
    df["published_at"] = pd.to_datetime(df["published_at"], utc=True).astype("datetime64[us, UTC]")
    return df


CORPUS = [
    article("a000000000000001", WIRE, "2023-09-27 09:00", "واس", "spa.gov.sa"),
    article("a000000000000002", WIRE, "2023-09-27 11:30", "صحيفة الساحل", "sahel.example"),
    article("a000000000000003", REPUBLISHED, "2023-09-28", "جريدة الشمال", None),
    article("a000000000000004", OTHER_PLANT, "2023-09-27", "واس", "spa.gov.sa"),
    article("a000000000000005", SHORT, "2023-09-27", "صحيفة الساحل", None),
    article("a000000000000006", SHORT_EDITED, "2023-09-27", "جريدة الشمال", None),
]


def run(rows: list[dict], params: DedupParams | None = None):
    dups, groups = assign_duplicates(frame(rows), params or DedupParams())
    return dups.set_index("article_id"), groups


# --- tokens and shingles -------------------------------------------------------------------

SAME_WORDS = [
    ("كلمة، كلمة", "كلمة ، كلمة"),
    ("«الطريق» الدائري", "الطريق الدائري"),
    ("قال: نعم.", "قال نعم"),
    ("abc😀def", "abc def"),
]


@pytest.mark.parametrize(("left", "right"), SAME_WORDS, ids=["comma", "quotes", "colon", "emoji"])
def test_punctuation_and_emoji_only_separate_words(left, right):
    assert word_hashes([left])[0].tolist() == word_hashes([right])[0].tolist()


def test_word_hashes_per_text_and_fixed():
    texts = ["مياه محطة", "", "محطة مياه جديدة"]
    hashes, text_of = word_hashes(texts)
    assert text_of.tolist() == [0, 0, 2, 2, 2]
    assert hashes[0] == hashes[3] and hashes[1] == hashes[2]  # same word, same hash
    assert len(set(hashes.tolist())) == 3


def test_shingles_stay_inside_one_text():
    hashes, text_of = word_hashes(["أ ب ج د", "هـ و", "ز ح ط"])
    sh, sh_text = shingle_hashes(hashes, text_of, 3)
    assert sh_text.tolist() == [0, 0, 2]  # the 2-word text has none, none spans texts
    again, _ = shingle_hashes(*word_hashes(["ج د ز"]), 3)
    assert again[0] not in sh  # different word order → different shingle


def test_signatures_do_not_depend_on_the_process():
    code = (
        "import json; from dashboard.ingest.dedup import sketch_texts;"
        f"print(json.dumps(sketch_texts([{WIRE!r}]).sig[0].tolist()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == sketch_texts([WIRE]).sig[0].tolist()


@pytest.mark.parametrize(
    ("threshold", "num_perm", "bands", "rows"),
    [(0.35, 128, 64, 2), (0.4, 128, 42, 3), (0.8, 128, 16, 8)],
    ids=["default", "stricter", "strict"],
)
def test_lsh_shape_reaches_the_threshold(threshold, num_perm, bands, rows):
    assert lsh_shape(threshold, num_perm) == (bands, rows)
    assert 1 - (1 - threshold**rows) ** bands >= 0.9


@pytest.mark.parametrize(
    "kwargs",
    [{"threshold": 0.0}, {"threshold": 1.5}, {"num_perm": 0}, {"min_words": 2}, {"stop_days": 0}],
    ids=["zero-threshold", "above-one", "no-permutations", "min-words-below-shingle", "no-days"],
)
def test_params_are_checked(kwargs):
    with pytest.raises(ValueError):
        DedupParams(**kwargs)


# --- groups ----------------------------------------------------------------------------------


def test_exact_copies_across_outlets_form_one_exact_group():
    dups, groups = run(CORPUS[:2] + CORPUS[3:4])
    assert dups.loc["a000000000000002", "dup_group"] == "a000000000000001"
    assert dups.loc["a000000000000002", "dup_kind"] == "exact"
    assert dups.loc["a000000000000004", "dup_kind"] == "none"
    assert len(groups) == 1
    group = groups.iloc[0]
    assert group["kind"] == "exact" and group["size"] == 2
    assert group["outlets"] == sorted(["واس", "spa.gov.sa", "صحيفة الساحل", "sahel.example"])


def test_intro_added_and_ending_trimmed_is_a_near_copy():
    dups, groups = run([CORPUS[0], CORPUS[2]])
    assert dups["dup_group"].tolist() == ["a000000000000001"] * 2
    assert dups["dup_kind"].tolist() == ["near", "near"]
    assert groups["kind"].tolist() == ["near"]


def test_whole_corpus():
    dups, groups = run(CORPUS)
    expected = {
        "a000000000000001": ("a000000000000001", "near"),
        "a000000000000002": ("a000000000000001", "near"),  # exact copy inside a near group
        "a000000000000003": ("a000000000000001", "near"),
        "a000000000000004": ("a000000000000004", "none"),  # same topic, another story
        "a000000000000005": ("a000000000000005", "none"),  # short: exact only
        "a000000000000006": ("a000000000000006", "none"),
    }
    assert {k: tuple(v) for k, v in dups[["dup_group", "dup_kind"]].iterrows()} == expected
    assert groups["size"].tolist() == [3]
    assert groups["outlets"].iloc[0] == sorted(
        ["واس", "spa.gov.sa", "صحيفة الساحل", "sahel.example", "جريدة الشمال"]
    )


def test_short_texts_are_grouped_only_when_equal():
    short = [CORPUS[4], CORPUS[5], article("a000000000000007", SHORT, None, "جريدة الشمال")]
    dups, groups = run(short, DedupParams(threshold=0.1))
    assert dups["dup_group"].tolist() == [
        "a000000000000005",
        "a000000000000006",
        "a000000000000005",
    ]
    assert groups["kind"].tolist() == ["exact"]


CABLE_DAYS = ["2023-09-18", "2023-09-20", "2023-09-21", "2023-09-23", "2023-09-26", "2023-09-28"]


@pytest.mark.parametrize(
    ("days", "stop_days", "grouped"),
    [(CABLE_DAYS, 3, False), (CABLE_DAYS, 10, True), (["2023-09-20"] * 6, 3, True)],
    ids=["template-ignored", "template-kept", "all-on-one-day"],
)
def test_template_shingles_do_not_join_different_cables(days, stop_days, grouped):
    cables = [
        article(f"c00000000000000{i}", CABLE.format(title=t, name=n, country=c), day)
        for i, ((t, n, c), day) in enumerate(zip(CABLE_RECIPIENTS, days, strict=True))
    ]
    _, groups = run(cables, DedupParams(stop_days=stop_days))
    assert (len(groups) > 0) is grouped


EARLIEST_CASES = [
    # (published_at of copies 1..3, expected group id)
    (["2023-09-28", "2023-09-27 08:00", "2023-09-27 09:00"], "e000000000000002"),
    ([None, "2023-09-29", "2023-09-28"], "e000000000000003"),  # undated is last
    ([None, None, None], "e000000000000001"),  # all undated: smallest id
    (["2023-09-27", "2023-09-27", None], "e000000000000001"),  # tie: smallest id
]


@pytest.mark.parametrize(
    ("dates", "first"), EARLIEST_CASES, ids=["earliest", "undated-last", "all-undated", "tie"]
)
def test_group_id_is_the_earliest_member(dates, first):
    rows = [article(f"e00000000000000{i + 1}", WIRE, d, "واس") for i, d in enumerate(dates)]
    dups, groups = run(rows)
    assert set(dups["dup_group"]) == {first}
    assert groups["first_article_id"].tolist() == [first]
    first_date = dates[int(first[-1]) - 1]
    got = groups["first_published_at"].iloc[0]
    assert pd.isna(got) if first_date is None else got == pd.Timestamp(first_date, tz="UTC")


def test_shuffled_rows_give_the_same_groups():
    rows = CORPUS + [
        article(f"c00000000000000{i}", CABLE.format(title=t, name=n, country=c), None, "وكالة")
        for i, (t, n, c) in enumerate(CABLE_RECIPIENTS)
    ]
    dups, groups = assign_duplicates(frame(rows))
    order = np.random.default_rng(7).permutation(len(rows))
    shuffled = frame([rows[i] for i in order], index=[f"r{i}" for i in order])
    dups2, groups2 = assign_duplicates(shuffled)
    assert dups2.index.tolist() == shuffled.index.tolist()
    assert dups2["article_id"].tolist() == shuffled["article_id"].tolist()
    pd.testing.assert_frame_equal(
        dups.set_index("article_id").sort_index(), dups2.set_index("article_id").sort_index()
    )
    pd.testing.assert_frame_equal(groups, groups2)


def test_a_crowded_lsh_bucket_still_forms_one_group():
    # 80 distinct bodies that differ in one figure share every LSH bucket: more than
    # MAX_BUCKET_WINDOW, so each is compared with its neighbours only, yet all are linked.
    rows = [
        article(f"b{i:015x}", WIRE.replace("ثمانية عشر شهرا", f"{i} شهرا"), "2023-09-27")
        for i in range(80)
    ]
    dups, groups = run(rows)
    assert groups["size"].tolist() == [80] and set(dups["dup_kind"]) == {"near"}


def test_output_keeps_index_and_matches_the_schema():
    df = frame(CORPUS, index=[10, 20, 30, 40, 50, 60])
    dups, groups = assign_duplicates(df)
    assert dups.index.tolist() == [10, 20, 30, 40, 50, 60]
    assert dups.columns.tolist() == ["article_id", "dup_group", "dup_kind"]
    schema.validate(groups, schema.DUP_GROUPS)
    assert groups["size"].dtype == "int32"


def test_empty_input():
    empty = frame(CORPUS).iloc[0:0]
    dups, groups = assign_duplicates(empty)
    assert dups.empty and dups.columns.tolist() == ["article_id", "dup_group", "dup_kind"]
    assert groups.empty and "outlets" in groups.columns
    schema.validate(groups, schema.DUP_GROUPS)


def test_empty_bodies_are_not_grouped():
    rows = [article("f000000000000001", "", "2023-09-27"), article("f000000000000002", "", None)]
    dups, groups = run(rows)
    assert dups["dup_kind"].tolist() == ["none", "none"] and groups.empty


def test_repeated_article_id_is_refused():
    with pytest.raises(ValueError, match="unique"):
        assign_duplicates(frame([CORPUS[0], CORPUS[0]]))


# --- the real corpus -------------------------------------------------------------------------


@pytest.mark.shared
def test_saudinewsnet_sample():
    path = SHARED / "corpora" / "saudinewsnet_5000.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside this checkout)")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [article(r["id"], r["text"], r["published_at"], r["source"]) for r in records]
    df = frame(rows)
    dups, groups = assign_duplicates(df)
    schema.validate(groups, schema.DUP_GROUPS)
    # Identical bodies always share a group; groups stay story-sized.
    same_body = df.assign(g=dups["dup_group"]).groupby("body_norm")["g"].nunique()
    assert same_body.max() == 1
    assert 150 <= len(groups) <= 400
    assert groups["size"].max() <= 15
    assert (groups["size"].sum()) == (dups["dup_kind"] != "none").sum()
