"""Canonical entities from raw mentions: spelling, clitics, partial names, transliteration."""

from __future__ import annotations

import random

import pytest

from dashboard.entities.canonical import (
    CanonParams,
    canonicalise,
    clitic_candidates,
    entity_id_for,
    skeleton,
)
from dashboard.entities.mention import Mention


def doc(*items: tuple[str, str]) -> tuple[str, list[Mention]]:
    """A body made of the given (surface, type) mentions joined by filler words."""
    body, mentions = "", []
    for surface, type_ in items:
        body += "قال إن "
        start = len(body)
        body += surface
        mentions.append(Mention(start, len(body), type_, surface))
        body += " اليوم. "
    return body, mentions


KEEP_GIVEN = CanonParams(drop_lone_given_names=False)


def run(*docs, params=None):
    ids = [f"{i:016x}" for i in range(len(docs))]
    ents, men = canonicalise(ids, [d[1] for d in docs], params)
    return ents, men


def names(ents) -> dict[str, tuple[str, int, int]]:
    return {r.name: (r.type, r.article_count, r.mention_count) for r in ents.itertuples()}


@pytest.mark.parametrize(
    "form,expected",
    [
        ("وبالرياض", ["الرياض", "بالرياض"]),
        ("للرياض", ["الرياض"]),
        ("بباكو", ["باكو"]),
        ("وباكو", ["اكو", "باكو"]),
        ("قره باغ", []),
        ("فلسطين", ["سطين", "لسطين"]),
    ],
    ids=["wa-bi-al", "li-al", "bi", "wa", "none", "fa-looking"],
)
def test_clitic_candidates(form, expected):
    assert clitic_candidates(form) == expected


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("نتنياهو", "نتانياهو", True),
        ("امريكا", "اميركا", True),
        ("سلمان", "سليمان", True),
        ("باكو", "بيروت", False),
    ],
    ids=["netanyahu", "america", "salman-skeleton", "different"],
)
def test_skeleton(a, b, same):
    assert (skeleton(a) == skeleton(b)) is same


def test_spelling_variants_merge():
    ents, men = run(doc(("قره باغ", "LOC"), ("قرة باغ", "LOC"), ("قرة باغ", "LOC")))
    assert names(ents) == {"قرة باغ": ("LOC", 1, 3)}
    assert men.iloc[0]["count"] == 3


def test_diacritics_and_tatweel_merge_and_name_is_clean():
    ents, _ = run(doc(("بَاكُو", "LOC"), ("باكـو", "LOC"), ("باكو", "LOC")))
    assert names(ents) == {"باكو": ("LOC", 1, 3)}


def test_clitics_merge_without_breaking_names():
    d1 = doc(("باكو", "LOC"), ("وباكو", "LOC"), ("بباكو", "LOC"), ("لباكو", "LOC"))
    d2 = doc(
        ("بغداد", "LOC"),
        ("بيروت", "LOC"),
        ("لندن", "LOC"),
        ("فلسطين", "LOC"),
        ("والرياض", "LOC"),
        ("الرياض", "LOC"),
        ("للرياض", "LOC"),
    )
    ents, _ = run(d1, d2)
    got = names(ents)
    assert got["باكو"] == ("LOC", 1, 4)
    for name in ("بغداد", "بيروت", "لندن", "فلسطين"):
        assert got[name] == ("LOC", 1, 1), name
    assert got["الرياض"] == ("LOC", 1, 3)
    assert len(got) == 6


def test_frequent_name_is_not_cut_to_a_rarer_one():
    # "لبنان" must not become "بنان" although both are names in this corpus.
    ents, _ = run(
        doc(("لبنان", "LOC"), ("لبنان", "LOC")),
        doc(
            ("بنان", "PER"),
        ),
    )
    assert set(names(ents)) == {"لبنان", "بنان"}


def test_partial_name_joins_full_name_in_same_article():
    ents, men = run(doc(("نيكول باشينيان", "PER"), ("باشينيان", "PER"), ("باشينيان", "PER")))
    assert names(ents) == {"نيكول باشينيان": ("PER", 1, 3)}
    assert men.iloc[0]["surfaces"] == ["نيكول باشينيان", "باشينيان", "باشينيان"]


def test_partial_name_joins_dominant_full_name_across_corpus():
    full = [doc(("إلهام علييف", "PER")) for _ in range(4)]
    ents, _ = run(
        *full,
        doc(
            ("علييف", "PER"),
        ),
    )
    assert names(ents) == {"إلهام علييف": ("PER", 5, 5)}


def test_father_name_is_not_a_surname():
    ents, _ = run(
        doc(("محمد بن سلمان", "PER"), ("سلمان", "PER")),
        *[doc(("محمد بن سلمان", "PER")) for _ in range(4)],
        params=KEEP_GIVEN,
    )
    assert set(names(ents)) == {"محمد بن سلمان", "سلمان"}


def test_ambiguous_surname_stays_apart():
    ents, _ = run(
        *[doc(("بشار الأسد", "PER")) for _ in range(3)],
        *[doc(("حافظ الأسد", "PER")) for _ in range(3)],
        doc(
            ("الأسد", "PER"),
        ),
    )
    assert "الأسد" in names(ents)


def test_listed_transliteration_variants_merge():
    ents, _ = run(
        doc(("أمريكا", "LOC"), ("ترامب", "PER")),
        doc(("أميركا", "LOC"), ("ترمب", "PER")),
        doc(
            ("أمريكا", "LOC"),
        ),
    )
    got = names(ents)
    assert got["أمريكا"] == ("LOC", 3, 3) and got["ترامب"] == ("PER", 2, 2)
    assert len(got) == 2


def test_transliteration_by_shared_given_name():
    ents, _ = run(
        *[doc(("بنيامين نتنياهو", "PER")) for _ in range(2)],
        *[doc(("بنيامين نتانياهو", "PER")) for _ in range(2)],
        doc(
            ("نتانياهو", "PER"),
        ),
        doc(
            ("نتنياهو", "PER"),
        ),
    )
    got = names(ents)
    assert len(got) == 1 and next(iter(got.values())) == ("PER", 6, 6)


def test_native_names_with_same_skeleton_stay_apart():
    ctx = [("الرياض", "LOC"), ("السعودية", "LOC")]
    docs = [doc(("سلمان", "PER"), *ctx) for _ in range(6)] + [
        doc(("سليمان", "PER"), *ctx) for _ in range(6)
    ]
    assert {"سلمان", "سليمان"} <= set(names(run(*docs, params=KEEP_GIVEN)[0]))


def test_type_is_majority_and_split_names_join():
    ents, _ = run(doc(("مصر", "LOC"), ("مصر", "LOC"), ("مصر", "ORG")))
    assert names(ents) == {"مصر": ("LOC", 1, 3)}
    body = "في قره باغ وفي قره باغ"
    ms = [Mention(i, i + 3, "LOC", body[i : i + 3]) for i in (3, 7, 15, 19)]
    assert [m.surface for m in ms] == ["قره", "باغ", "قره", "باغ"]
    ents, men = canonicalise(["a"], [ms])
    assert names(ents) == {"قره باغ": ("LOC", 1, 2)}
    assert list(men.iloc[0]["starts"]) == [3, 15] and list(men.iloc[0]["ends"]) == [10, 22]


def test_ids_are_stable_and_order_free():
    docs = [
        doc(("باكو", "LOC"), ("إلهام علييف", "PER")),
        doc(
            ("يريفان", "LOC"),
        ),
        doc(("وباكو", "LOC"), ("الأمم المتحدة", "ORG")),
    ]
    ents1, men1 = run(*docs)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    ents2, _ = run(*shuffled)
    assert set(ents1["entity_id"]) == set(ents2["entity_id"])
    assert entity_id_for("LOC", "باكو") in set(ents1["entity_id"])
    assert set(men1["entity_id"]) == set(ents1["entity_id"])


def test_empty():
    ents, men = canonicalise([], [])
    assert ents.empty and men.empty
    assert list(ents.columns)[:3] == ["entity_id", "name", "type"]


def test_glued_form_more_frequent_than_bare_still_merges():
    # "بين إسرائيل وحزب الله" is a set phrase: the glued form can outnumber the bare one.
    docs = [doc(("وحزب الله", "ORG")) for _ in range(5)] + [doc(("حزب الله", "ORG"))]
    assert names(run(*docs)[0]) == {"حزب الله": ("ORG", 6, 6)}


def test_bare_form_of_another_type_does_not_attract():
    docs = [doc(("كندا", "LOC")) for _ in range(3)] + [doc(("ندا", "PER")) for _ in range(3)]
    assert set(names(run(*docs)[0])) == {"كندا", "ندا"}


def test_lone_given_name_is_dropped_unless_its_article_names_the_person():
    ents, men = run(doc(("خالد الفيصل", "PER"), ("خالد", "PER")), doc(("خالد", "PER"),))
    assert names(ents) == {"خالد الفيصل": ("PER", 1, 2)}


def test_not_entities_are_not_counted():
    ents, _ = run(doc(("نيسان", "ORG"), ("والله", "MISC"), ("الشيخ", "PER"), ("دولارا", "MISC"),
                      ("مكة", "LOC")))
    assert names(ents) == {"مكة": ("LOC", 1, 1)}


def test_dangling_particles_trimmed_and_abd_spacing():
    body = "قال سلمان بن عبدالعزيز آل إن سلمان بن عبد العزيز وصل"
    first = body.index("سلمان بن عبدالعزيز آل")
    second = body.index("سلمان بن عبد العزيز")
    ms = [Mention(first, first + len("سلمان بن عبدالعزيز آل"), "PER", "سلمان بن عبدالعزيز آل"),
          Mention(second, second + len("سلمان بن عبد العزيز"), "PER", "سلمان بن عبد العزيز")]
    ents, men = canonicalise(["a"], [ms])
    assert len(ents) == 1 and ents.iloc[0]["mention_count"] == 2
    row = men.iloc[0]
    assert [body[s:e] for s, e in zip(row["starts"], row["ends"], strict=True)] == \
        ["سلمان بن عبدالعزيز", "سلمان بن عبد العزيز"]


def test_place_abbreviation_joins_longer_name_only_when_smaller():
    medina = [doc(("المدينة المنورة", "LOC"), ("المنورة", "LOC")) for _ in range(2)]
    jeddah = [doc(("جدة", "LOC")) for _ in range(3)] + [doc(("محافظة جدة", "LOC"), ("جدة", "LOC"))]
    got = names(run(*medina, *jeddah)[0])
    assert got["المدينة المنورة"] == ("LOC", 2, 4) and "المنورة" not in got
    assert got["جدة"] == ("LOC", 4, 4) and got["محافظة جدة"] == ("LOC", 1, 1)


def test_genealogy_chains_and_patronymic_short_forms():
    docs = ([doc(("محمد بن سلمان بن عبدالعزيز آل سعود", "PER")) for _ in range(3)]
            + [doc(("محمد بن سلمان بن عبدالعزيز", "PER")) for _ in range(3)]
            + [doc(("محمد بن سلمان", "PER")) for _ in range(2)]
            + [doc(("عادل بن أحمد الجبير", "PER")) for _ in range(3)]
            + [doc(("عادل الجبير", "PER")) for _ in range(2)])
    got = names(run(*docs)[0])
    assert got == {"محمد بن سلمان بن عبدالعزيز آل سعود": ("PER", 8, 8),
                   "عادل بن أحمد الجبير": ("PER", 5, 5)}


def test_leading_titles_and_kin_words_are_cut_with_their_offsets():
    body = "قال الرئيس عبدالفتاح السيسي إن ونجله أحمد علي صالح و ابن عم بشار الأسد وصلوا"
    spans = ["الرئيس عبدالفتاح السيسي", "ونجله أحمد علي صالح", "ابن عم بشار الأسد"]
    ms = [Mention(body.index(s), body.index(s) + len(s), "PER", s) for s in spans]
    # Titles are cut from people only: an organisation keeps its words.
    org = "الرئيس التنفيذي"
    body += " " + org
    ms.append(Mention(len(body) - len(org), len(body), "ORG", org))
    ents, men = canonicalise(["a"], [ms])
    assert set(ents["name"]) == {"عبدالفتاح السيسي", "أحمد علي صالح", "بشار الأسد", org}
    got = {body[s:e] for row in men.itertuples() if row.entity_id in set(
        ents.loc[ents["type"] == "PER", "entity_id"])
        for s, e in zip(row.starts, row.ends, strict=True)}
    assert got == {"عبدالفتاح السيسي", "أحمد علي صالح", "بشار الأسد"}
    assert names(run(doc(("الشيخ", "PER")))[0]) == {}


def test_conjunction_before_a_given_name_is_cut_without_other_evidence():
    body, ms = doc(("ومحمد الكنهل", "PER"))
    ents, men = canonicalise(["a", "b"], [ms, doc(("وليد الكنهل", "PER"))[1]])
    assert names(ents) == {"محمد الكنهل": ("PER", 1, 1), "وليد الكنهل": ("PER", 1, 1)}
    row = men[men["article_id"] == "a"].iloc[0]
    assert body[row["starts"][0]:row["ends"][0]] == "محمد الكنهل"


def test_full_name_does_not_join_a_rare_longer_form_with_a_stray_first_word():
    docs = ([doc(("باراك أوباما", "PER")) for _ in range(20)]
            + [doc(("رزق باراك أوباما", "PER")) for _ in range(3)]
            + [doc(("أوباما", "PER")) for _ in range(5)])
    got = names(run(*docs)[0])
    assert got["باراك أوباما"][1] >= 20 and got["رزق باراك أوباما"] == ("PER", 3, 3)
