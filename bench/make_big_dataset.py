"""Write a large synthetic processed dataset (default 1,000,000 articles) for benchmarks.

usage: python bench/make_big_dataset.py [--articles N] [--out DIR] [--seed S]
(default DIR: /tmp/marsad-big-<N>; never inside the repository)

The shape follows a real multi-outlet Arabic news corpus: 15 outlets of unequal size
carried by their own sites and three aggregators, three years of dates with growth and a
weekly rhythm, ~3% undated, tags, ~8% of articles in duplicate groups (syndicated copies
in other outlets, hours later, exact or near), ~50,000 entities with Zipf-like frequencies
(a few of them named so that the shared default alias table applies), ~8 mentions per
article with offsets that really point into the bodies.

Bodies (80–150 words) are assembled, not written: a pool of a few thousand sentence halves
built from our own word lists (plus pseudo-words from Arabic roots, for a realistic long
tail of distinct tokens) is glued around entity names with Arrow string kernels, chunk by
chunk, so a million articles take a few minutes and well under 3 GB. The match form of a
body is built the same way from the match forms of its pieces (normalize_for_match of a
text joined by spaces is the join of the pieces' match forms), and mention offsets come
from the pieces' lengths.

The tables are written with pyarrow directly (same Arrow types, zstd and 50,000-row row
groups as dashboard.dataset.store.write_table), into a temporary folder beside the target
that is renamed into place, manifest last; the result passes store.check_dataset.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from dashboard.arabic.normalize import normalize_for_match  # noqa: E402
from dashboard.dataset import schema  # noqa: E402
from dashboard.dataset.store import check_dataset  # noqa: E402
from dashboard.entities.canonical import entity_id_for  # noqa: E402

CHUNK_ARTICLES = 100_000
ROW_GROUP = 50_000  # as dashboard.dataset.store.write_table
N_ENTITIES = 50_000
N_PREFIXES = 3000
N_SUFFIXES = 3000
N_PSEUDO = 15_000
START = datetime(2022, 1, 1, tzinfo=UTC)
DAYS = 3 * 365

# --- word lists (our own) ---------------------------------------------------------------

OUTLETS = (
    ("صحيفة الفجر الجديد", "alfajr"), ("وكالة أنباء الواحة", "wahanews"),
    ("قناة المدار 24", "almadar24"), ("موقع نبض الشارع", "nabd"),
    ("جريدة الأفق (طبعة دولية)", "alofoq"), ("إذاعة الساحل FM", "sahilfm"),
    ("شبكة الرصد الإخبارية", "rasd"), ("صحيفة المنارة", "almanara"),
    ("بوابة النيل", "nileportal"), ("وكالة الخليج للأنباء", "gulfagency"),
    ("صحيفة الأطلس اليوم", "atlastoday"), ("قناة الشروق الإخبارية", "shorouqtv"),
    ("موقع الحدث 360", "hadath360"), ("جريدة الضفتين", "daffatain"),
    ("مجلة آفاق عربية", "afaq"),
)
AGGREGATORS = (("بوابة الأخبار العربية", "arabnewsgate"), ("مجمع الصحف", "papers-hub"),
               ("نشرة المساء & الصباح", "nashra"))
VERBS = ("أعلن", "أكد", "قال", "أشار", "كشف", "بحث", "ناقش", "أوضح", "دعا", "طالب", "التقى",
         "استقبل", "وقع", "افتتح", "زار", "نفى", "رحب", "انتقد", "شارك", "تابع", "أفاد", "ذكر",
         "أضاف", "حذر", "توقع", "قرر", "أطلق", "عقد", "اختتم", "تسلم")
SUBJECTS = ("المتحدث الرسمي", "وزير الخارجية", "رئيس الوزراء", "مصدر مطلع", "مسؤول كبير",
            "الناطق باسم الحكومة", "وفد رفيع", "مدير المكتب", "رئيس اللجنة", "خبراء اقتصاديون",
            "محللون", "نواب البرلمان", "ممثلو القطاع الخاص", "سكان محليون", "شهود عيان",
            "الأمين العام", "قائد الشرطة", "محافظ البنك", "رئيس البلدية", "ناشطون")
LINKS = ("في", "من", "عن", "باسم", "مع", "لدى", "إلى", "بشأن", "حول", "أمام")
CONTENT = (
    "الحكومة الوزارة المشروع الاتفاق الاجتماع القمة المفاوضات الانتخابات الأسعار الاقتصاد "
    "الطاقة المياه التعليم الصحة الأمن الحدود اللاجئين المساعدات الاستثمار الموازنة الجديد "
    "الجديدة الاقتصادية السياسية الدولية المحلية الأمنية الكبرى المقبل الماضي اليوم أمس "
    "الأسبوع الشهر العام خطة برنامج مرحلة قرار تقرير بيان مؤتمر جلسة زيارة اتفاقية مبادرة "
    "ارتفاع انخفاض نمو تراجع دعم تعزيز تطوير تنفيذ إطلاق استكمال مواجهة معالجة توفير تحسين "
    "القطاع السوق الشركات المواطنين الشباب المرأة الأطفال الطلاب المزارعين العمال التجار "
    "النفط الغاز الكهرباء القمح الذهب العملة التضخم البطالة الديون الضرائب الصادرات "
    "الواردات التجارة الصناعة الزراعة السياحة النقل الطرق المطار الميناء المستشفى المدرسة "
    "الجامعة المحكمة البرلمان المجلس اللجنة الحزب النقابة الجيش الشرطة الحدود المدينة "
    "الريف العاصمة المنطقة الإقليم البلاد العالم الدول الجانبين الطرفين الأطراف الجهود "
    "التعاون الحوار السلام الأزمة الحرب الهدنة العقوبات الاحتجاجات المظاهرات الإضراب "
    "الفيضانات الجفاف الحرائق الزلزال الطقس الأمطار درجات الحرارة المناخ البيئة التلوث "
    "التقنية الرقمية الإنترنت الهاتف المنصات البيانات الذكاء الاصطناعي الفضاء القمر "
    "المنتخب المباراة البطولة الدوري الكأس الفريق المدرب اللاعب الهدف الملعب الجمهور "
    "الثقافة المهرجان المعرض الكتاب السينما المسرح الموسيقى الفنان الرواية الجائزة "
    "بنسبة بقيمة بحضور بمشاركة بهدف بسبب رغم وفق نحو قرابة أكثر أقل جميع عدد بعض معظم"
).split()
FUNCTION = ("و", "في", "من", "على", "إلى", "أن", "التي", "الذي", "كما", "بعد", "خلال", "قد",
            "مع", "عن", "هذا", "هذه", "بين", "حتى", "لم", "لا", "ما", "كان", "كانت", "إن")
TAG_WORDS = ("اقتصاد", "رياضة", "سياسة", "ثقافة", "صحة", "تقنية", "طاقة", "تعليم", "بيئة",
             "أمن", "مجتمع", "فن", "سياحة", "زراعة", "نقل", "عقارات", "أسواق", "طقس",
             "انتخابات", "قضاء")
TAG_QUALIFIERS = ("", " دولي", " محلي", " عربي", " 2023", " 2024", " عاجل", " وتحليل")
ROOT_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
PATTERNS = ("{a}ا{b}{c}", "م{a}{b}و{c}", "ت{a}{b}ي{c}", "است{a}{b}ا{c}", "ال{a}{b}ا{c}ة",
            "م{a}ا{b}{c}", "{a}{b}ي{c}", "ي{a}{b}{c}ون", "ال{a}{a}{b}{c}", "{a}{b}{c}ات",
            "م{a}{b}{c}ة", "ان{a}{b}ا{c}")
FIRST_NAMES = (
    "محمد أحمد علي حسن حسين خالد سعيد عمر يوسف إبراهيم مصطفى محمود عبدالله عبدالرحمن "
    "سليم كريم نادر سامي رامي فادي طارق ماجد وليد هشام زياد باسم جمال كمال منير فؤاد "
    "أنور عادل نبيل صالح ناصر فيصل سلطان تركي بندر راشد حمد جاسم مبارك عيسى موسى إلياس "
    "جورج ميشال شربل أنطوان منى ريم سارة ليلى هدى نور سلمى رنا دينا هالة سعاد فاطمة "
    "عائشة مريم زينب خديجة أمل هبة رشا لينا ياسمين نادية سميرة وفاء إيمان غادة جميلة"
).split()
FAMILY_NAMES = (
    "الحداد العطار الشامي المصري التونسي المغربي العراقي الحلبي البغدادي النجار الخطيب "
    "الحسيني العلوي الأنصاري القرشي الهاشمي الزبيدي التميمي العتيبي الشمري القحطاني الدوسري "
    "المطيري الغامدي الزهراني السبيعي الكعبي البلوشي الرميثي المنصوري الظاهري النعيمي "
    "بن سالم بن علي بن راشد أبو زيد أبو خليل عبد النور حداد خوري عون جعجع فرنجية سلامة "
    "منصور عيسى يعقوب داود سليمان عثمان الصباح العبدالله الفارس الخياط الصايغ الجزار "
    "البيطار الدباغ الطحان الفاسي الوزاني العلمي التازي بنجلون الإدريسي الشاذلي الجلاصي "
    "بورقيبة المرزوقي الغنوشي بلحاج الطرابلسي المقدسي النابلسي الخليلي الغزاوي اليافاوي"
).split()
PLACES = (
    "القاهرة الرياض بغداد دمشق بيروت عمان تونس الرباط الجزائر طرابلس الخرطوم صنعاء "
    "الدوحة أبوظبي دبي الكويت المنامة مسقط جدة الإسكندرية حلب الموصل البصرة وهران "
    "مراكش فاس صفاقس بنغازي غزة القدس نابلس إربد الزرقاء أسوان الأقصر طنجة باكو أنقرة "
    "إسطنبول طهران باريس لندن برلين موسكو بكين واشنطن نيويورك جنيف بروكسل روما مدريد"
).split()
# Named to meet the shared default alias table (data/aliases.csv merges the long forms).
FAMOUS = (("الولايات المتحدة", "LOC"), ("الولايات المتحدة الأمريكية", "LOC"),
          ("السعودية", "LOC"), ("المملكة العربية السعودية", "LOC"), ("مصر", "LOC"),
          ("الأمم المتحدة", "ORG"), ("الاتحاد الأوروبي", "ORG"), ("جامعة الدول العربية", "ORG"),
          ("البنك الدولي", "ORG"), ("صندوق النقد الدولي", "ORG"), ("كأس العالم", "MISC"),
          ("الولايات المتحدة الأميركية", "LOC"), ("الاتحاد الأفريقي", "ORG"))
ORG_HEADS = ("وزارة", "شركة", "جامعة", "حزب", "منظمة", "هيئة", "مؤسسة", "بنك", "نادي", "جمعية",
             "مجلس", "اتحاد")
LOC_HEADS = ("مدينة", "قرية", "حي", "محافظة", "منطقة", "جزيرة", "وادي", "جبل", "سهل", "ميناء")
MISC_HEADS = ("مهرجان", "كأس", "مؤتمر", "معرض", "منتدى", "بطولة", "قمة", "جائزة", "أسبوع",
              "ملتقى")
TYPE_SHARES = {"PER": 0.40, "LOC": 0.25, "ORG": 0.25, "MISC": 0.10}


def zipf_weights(n: int, s: float = 1.05, shift: float = 2.7) -> np.ndarray:
    """Probabilities ∝ 1/(rank + shift)^s for ranks 1..n."""
    w = 1.0 / (np.arange(1, n + 1) + shift) ** s
    return w / w.sum()


def pseudo_words(rng: np.random.Generator, n: int) -> list[str]:
    """`n` distinct Arabic-looking words from random three-letter roots and patterns."""
    out: dict[str, None] = {}
    letters = np.array(list(ROOT_LETTERS))
    while len(out) < n:
        a, b, c = letters[rng.integers(0, len(letters), 3)]
        out[PATTERNS[rng.integers(0, len(PATTERNS))].format(a=a, b=b, c=c)] = None
    return list(out)


class Vocabulary:
    """Content words with Zipf frequencies: our word lists first, pseudo-words behind."""

    def __init__(self, rng: np.random.Generator):
        self.words = np.array([*FUNCTION, *CONTENT, *pseudo_words(rng, N_PSEUDO)], dtype=object)
        self.p = zipf_weights(len(self.words), s=1.0, shift=5)
        self.rng = rng

    def phrase(self, k: int) -> str:
        return " ".join(self.words[self.rng.choice(len(self.words), k, p=self.p)])


def sentence_pools(rng: np.random.Generator, vocab: Vocabulary
                   ) -> tuple[list[str], list[str], list[list[str]]]:
    """Prefixes (end just before an entity), suffixes (end with a full stop) and, per
    outlet, a few suffixes in its own words (for distinctive words per outlet)."""
    prefixes = []
    for _ in range(N_PREFIXES):
        conj = "و" if rng.random() < 0.4 else ""
        parts = [conj + VERBS[rng.integers(len(VERBS))], SUBJECTS[rng.integers(len(SUBJECTS))]]
        if rng.random() < 0.5:
            parts.append(vocab.phrase(int(rng.integers(1, 3))))
        parts.append(LINKS[rng.integers(len(LINKS))])
        prefixes.append(" ".join(parts))
    suffixes = []
    for _ in range(N_SUFFIXES):
        text = vocab.phrase(int(rng.integers(3, 9)))
        if rng.random() < 0.1:
            text += f" بنسبة {rng.integers(1, 40)}.{rng.integers(0, 10)}%"
        suffixes.append(text + ".")
    own = []
    for _ in OUTLETS:
        words = pseudo_words(rng, 60)
        own.append([" ".join(rng.choice(words, int(rng.integers(4, 8)))) + "." for _ in range(40)])
    return prefixes, suffixes, own


def entity_names(rng: np.random.Generator, vocab: Vocabulary) -> tuple[list[str], list[str]]:
    """~N_ENTITIES distinct (name, type), in frequency-rank order (famous ones first)."""
    seen: dict[tuple[str, str], None] = {}
    for name, etype in FAMOUS:
        seen[(name, etype)] = None
    for p in PLACES:
        seen[(p, "LOC")] = None
    keys = {(normalize_for_match(n), t) for n, t in seen}
    targets = {t: int(N_ENTITIES * s) for t, s in TYPE_SHARES.items()}
    counts = {t: sum(1 for _, ty in seen if ty == t) for t in TYPE_SHARES}
    pseudo = pseudo_words(rng, 6000)
    while any(counts[t] < targets[t] for t in targets):
        etype = rng.choice(list(targets))
        if counts[etype] >= targets[etype]:
            continue
        if etype == "PER":
            first = FIRST_NAMES[rng.integers(len(FIRST_NAMES))]
            last = FAMILY_NAMES[rng.integers(len(FAMILY_NAMES))]
            mid = FIRST_NAMES[rng.integers(len(FIRST_NAMES))] + " " if rng.random() < 0.6 else ""
            name = f"{first} {mid}{last}"
        elif etype == "LOC":
            name = f"{LOC_HEADS[rng.integers(len(LOC_HEADS))]} {pseudo[rng.integers(len(pseudo))]}"
        elif etype == "ORG":
            tail = (PLACES[rng.integers(len(PLACES))] if rng.random() < 0.3
                    else pseudo[rng.integers(len(pseudo))])
            name = f"{ORG_HEADS[rng.integers(len(ORG_HEADS))]} {tail}"
        else:
            year = f" {rng.integers(2015, 2025)}" if rng.random() < 0.4 else ""
            name = f"{MISC_HEADS[rng.integers(len(MISC_HEADS))]} {vocab.phrase(1)}{year}"
        # Names that differ only in spelling would share a canonical key (and an id).
        if (normalize_for_match(name), etype) not in keys:
            keys.add((normalize_for_match(name), etype))
            seen[(name, etype)] = None
            counts[etype] += 1
    items = list(seen)
    head, tail = items[: len(FAMOUS) + len(PLACES)], items[len(FAMOUS) + len(PLACES):]
    order = rng.permutation(len(tail))
    # The famous names and capitals spread over the top 400 ranks, the rest behind.
    ranked = [tail[i] for i in order]
    for pos, item in zip(np.sort(rng.choice(400, len(head), replace=False)), head, strict=True):
        ranked.insert(int(pos), item)
    return [n for n, _ in ranked], [t for _, t in ranked]


def hex_ids(rng: np.random.Generator, n: int) -> list[str]:
    """`n` distinct 16-hex-digit ids."""
    while True:
        raw = rng.integers(0, 2**63 - 1, n, dtype=np.int64)
        if len(np.unique(raw)) == n:
            return [f"{x:016x}" for x in raw.tolist()]


def ranges(lengths: np.ndarray) -> np.ndarray:
    """0..len-1 for each length, concatenated."""
    total = int(lengths.sum())
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total) - starts


def list_array(offsets: np.ndarray, values: pa.Array) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), values)


class Generator:
    """Everything shared by the chunks: pools, entities, outlets, and running totals."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        vocab = Vocabulary(self.rng)
        prefixes, suffixes, own = sentence_pools(self.rng, vocab)
        self.n_prefix, self.n_suffix = len(prefixes), len(suffixes)
        # Outlet-specific suffixes go after the common ones in one pool.
        self.own_base = self.n_suffix
        all_suffixes = suffixes + [s for lst in own for s in lst]
        self.pre = pa.array(prefixes)
        self.suf = pa.array(all_suffixes)
        self.pre_n = pa.array([normalize_for_match(s) for s in prefixes])
        self.suf_n = pa.array([normalize_for_match(s) for s in all_suffixes])
        self.pre_len = pc.utf8_length(self.pre).to_numpy()
        self.pre_wc = np.array([len(s.split()) for s in prefixes])
        self.suf_wc = np.array([len(s.split()) for s in all_suffixes])
        names, types = entity_names(self.rng, vocab)
        self.ent_name = names
        self.ent_type = types
        self.ent_key = [normalize_for_match(n) for n in names]
        self.ent_id = [entity_id_for(t, k) for t, k in zip(types, self.ent_key, strict=True)]
        # One in ten entities also appears in a second spelling (hamza/alef, ة/ه, no ال).
        surfaces = list(names)
        self.alias_of = np.full(len(names), -1)
        for i in np.flatnonzero(self.rng.random(len(names)) < 0.1):
            variant = _variant(names[i])
            if variant != names[i]:
                self.alias_of[i] = len(surfaces)
                surfaces.append(variant)
        self.surf = pa.array(surfaces)
        self.surf_n = pa.array([normalize_for_match(s) for s in surfaces])
        self.surf_len = pc.utf8_length(self.surf).to_numpy()
        self.surf_wc = np.array([len(s.split()) for s in surfaces])
        self.ent_p = zipf_weights(len(names))
        self.outlet_p = zipf_weights(len(OUTLETS), s=0.8, shift=1.0)
        self.tags = np.array([w + q for w in TAG_WORDS for q in TAG_QUALIFIERS], dtype=object)
        self.tag_p = zipf_weights(len(self.tags), s=1.1, shift=1.0)
        days = np.arange(DAYS)
        weekday = (days + START.weekday()) % 7
        w = (1 + 0.6 * days / DAYS) * np.where(weekday == 4, 0.6, 1.0)  # Fridays are quieter
        self.day_p = w / w.sum()
        self.ent_articles = np.zeros(len(names), dtype=np.int64)
        self.ent_mentions = np.zeros(len(names), dtype=np.int64)
        self.line_no = np.zeros(len(OUTLETS), dtype=np.int64)
        self.stats = {"undated": 0, "groups": 0, "grouped": 0, "kinds": {"exact": 0, "near": 0},
                      "date_sources": {s: 0 for s in schema.DATE_SOURCES},
                      "date_min": None, "date_max": None}

    # -- one chunk --------------------------------------------------------------------

    def chunk(self, n_target: int) -> tuple[pa.Table, pa.Table, pa.Table]:
        """About `n_target` articles (whole duplicate groups) → articles, mentions,
        dup_groups tables."""
        rng = self.rng
        # Stories: most carried once, ~3% by 2–4 outlets (≈ 8% of articles in groups).
        multi = rng.random(n_target) < 0.0312
        size = np.where(multi, rng.integers(2, 5, n_target), 1)
        n_stories = int(np.searchsorted(np.cumsum(size), n_target, side="right"))
        multi, size = multi[:n_stories], size[:n_stories]
        story_outlet = rng.choice(len(OUTLETS), n_stories, p=self.outlet_p)
        near = multi & (rng.random(n_stories) < 0.5)
        # Sentences of each story: 7–12, a few in its outlet's own words.
        n_sent = rng.integers(7, 13, n_stories)
        s_story = np.repeat(np.arange(n_stories), n_sent)
        n_s = len(s_story)
        s_pre = rng.integers(0, self.n_prefix, n_s)
        s_suf = rng.integers(0, self.n_suffix, n_s)
        own = rng.random(n_s) < 0.15
        s_suf[own] = self.own_base + story_outlet[s_story[own]] * 40 + rng.integers(0, 40, own.sum())
        s_ent = rng.choice(len(self.ent_name), n_s, p=self.ent_p)
        s_ent[rng.random(n_s) < 0.12] = -1  # a sentence without a name
        # Articles: each story once per carrier; copies come 1–48 hours later each.
        a_story = np.repeat(np.arange(n_stories), size)
        member = ranges(size)
        n_art = len(a_story)
        outlet = story_outlet[a_story].copy()
        copies = member > 0
        outlet[copies] = (outlet[copies] + rng.integers(1, len(OUTLETS), copies.sum())) % len(OUTLETS)
        day = rng.choice(DAYS, n_stories, p=self.day_p)
        secs = rng.integers(0, 86400, n_stories)
        lag = np.zeros(n_art, dtype=np.int64)
        lag[copies] = rng.integers(3600, 48 * 3600, copies.sum())
        lag = _cumulative(lag, member)
        ts_us = ((day[a_story] * 86400 + secs[a_story] + lag) * 1_000_000
                 + int(START.timestamp() * 1_000_000))
        undated = (size[a_story] == 1) & (rng.random(n_art) < 0.03 / 0.92)
        # Article sentences: the story's, plus the carrier's own sentence on a near copy.
        extra = near[a_story] & copies
        a_nsent = n_sent[a_story] + extra
        story_first = np.cumsum(n_sent) - n_sent
        pos = ranges(a_nsent)
        art_of = np.repeat(np.arange(n_art), a_nsent)
        is_extra = pos >= n_sent[a_story][art_of]
        src = story_first[a_story][art_of] + np.minimum(pos, n_sent[a_story][art_of] - 1)
        pre = s_pre[src]
        suf = s_suf[src]
        ent = s_ent[src]
        suf[is_extra] = self.own_base + outlet[art_of[is_extra]] * 40 + rng.integers(
            0, 40, is_extra.sum())
        ent[is_extra] = -1
        body, body_norm, n_words, m = self._bodies(art_of, pos, a_nsent, pre, suf, ent)
        # Ids, in story order; the group's id is its first member's.
        ids = hex_ids(rng, n_art)
        id_arr = np.array(ids, dtype=object)
        first_idx = np.cumsum(size) - size
        group = id_arr[first_idx[a_story]]
        kind = np.where(size[a_story] == 1, "none", np.where(near[a_story], "near", "exact"))
        # Outlets: source is the credited outlet, publisher its own site or an aggregator.
        agg = rng.random(n_art) < 0.3
        pub_idx = np.where(agg, len(OUTLETS) + rng.integers(0, len(AGGREGATORS), n_art), outlet)
        names = np.array([o for o, _ in OUTLETS] + [a for a, _ in AGGREGATORS], dtype=object)
        slugs = np.array([s for _, s in OUTLETS] + [s for _, s in AGGREGATORS], dtype=object)
        source = names[outlet].copy()
        source[agg & (rng.random(n_art) < 0.05)] = None  # credited to no outlet
        publisher = names[pub_idx]
        title_ent = np.where(rng.random(n_art) < 0.7, rng.choice(len(self.ent_name), n_art,
                                                                  p=self.ent_p), -1)
        titles = self._titles(a_story, title_ent, rng)
        tags = self._tags(n_stories, a_story, rng)
        date_src = np.where(undated, "none", rng.choice(["field", "text", "relative"], n_art,
                                                         p=[0.9, 0.08, 0.02]))
        ts = pa.array(np.where(undated, 0, ts_us), type=pa.int64()).cast(
            pa.timestamp("us", tz="UTC"))
        ts = pc.if_else(pa.array(undated), pa.scalar(None, pa.timestamp("us", tz="UTC")), ts)
        line = self._lines(outlet)
        urls = [f"https://{s}.example/news/{i}" for s, i in zip(slugs[pub_idx], ids, strict=True)]
        refs = [f"feeds/{s}.jsonl:line {n}" for s, n in zip(slugs[outlet], line, strict=True)]
        articles = pa.table({
            "article_id": pa.array(ids),
            "source": pa.array(source.tolist(), pa.string()),
            "publisher": pa.array(publisher.tolist(), pa.string()),
            "published_at": ts,
            "date_source": pa.array(date_src.tolist()),
            "title": titles,
            "body": body,
            "body_norm": body_norm,
            "tags": tags,
            "url": pa.array(urls),
            "n_words": pa.array(n_words.astype(np.int32)),
            "input_ref": pa.array(refs),
            "record_id": pa.array([str(n) for n in line]),
            "dup_group": pa.array(group.tolist()),
            "dup_kind": pa.array(kind.tolist()),
        })
        groups = self._groups(size, first_idx, a_story, id_arr, near, ts_us, source, publisher)
        mentions = self._mentions(m, id_arr)
        # A corpus merged from many crawls: rows in no particular order.
        order = rng.permutation(n_art)
        articles = articles.take(pa.array(order))
        self._count(undated, ts_us, date_src, size, near, multi)
        return articles, mentions, groups

    def _bodies(self, art_of, pos, a_nsent, pre, suf, ent):
        """Bodies and match forms from sentence pieces; mention spans (article, entity,
        start, end, surface id)."""
        rng = self.rng
        has = ent >= 0
        surf = np.where(has, ent, 0)
        alias = has & (self.alias_of[surf] >= 0) & (rng.random(len(ent)) < 0.3)
        surf[alias] = self.alias_of[ent[alias]]
        # Sentence = prefix + " " + name + " " + suffix (or prefix + " " + suffix).
        last = pos == a_nsent[art_of] - 1
        para = (pos % 3 == 2) & ~last
        sep = np.where(last, "", np.where(para, "\n\n", " "))
        sep_len = np.where(last, 0, np.where(para, 2, 1))
        idx = pa.array(surf)
        name = pc.if_else(pa.array(has), self.surf.take(idx), pa.scalar(None, pa.string()))
        name_n = pc.if_else(pa.array(has), self.surf_n.take(idx), pa.scalar(None, pa.string()))
        # Pieces joined by spaces (a missing name is skipped), then the separator after.
        core = pc.binary_join_element_wise(self.pre.take(pa.array(pre)), name,
                                           self.suf.take(pa.array(suf)), " ",
                                           null_handling="skip")
        core_n = pc.binary_join_element_wise(self.pre_n.take(pa.array(pre)), name_n,
                                             self.suf_n.take(pa.array(suf)), " ",
                                             null_handling="skip")
        with_sep = pc.binary_join_element_wise(core, pa.array(sep.tolist(), pa.string()), "")
        offsets = np.concatenate([[0], np.cumsum(a_nsent)])
        body = pc.binary_join(list_array(offsets, with_sep), "")
        body_norm = pc.binary_join(list_array(offsets, core_n), " ")
        # Character offsets of each sentence in its body, then of the name in it.
        core_len = pc.utf8_length(core).to_numpy()
        full = core_len + sep_len
        csum = np.concatenate([[0], np.cumsum(full)])
        sent_start = csum[:-1] - csum[np.repeat(offsets[:-1], a_nsent)]
        name_start = sent_start + self.pre_len[pre] + 1
        name_end = name_start + self.surf_len[surf]
        words = self.pre_wc[pre] + self.suf_wc[suf] + np.where(has, self.surf_wc[surf], 0)
        n_words = np.add.reduceat(words, offsets[:-1])
        m = (art_of[has], ent[has], name_start[has], name_end[has], surf[has])
        return body, body_norm, n_words, m

    def _titles(self, a_story, title_ent, rng) -> pa.Array:
        """Name + ': ' + a short fragment, or a fragment alone; ~5% untitled."""
        n = len(a_story)
        frag = pc.utf8_slice_codeunits(self.suf.take(pa.array(rng.integers(0, self.n_suffix, n))),
                                       0, 40)
        has = title_ent >= 0
        name = pc.if_else(pa.array(has), pa.array(self.ent_name, pa.string()).take(
            pa.array(np.where(has, title_ent, 0))), pa.scalar(None, pa.string()))
        title = pc.binary_join_element_wise(name, frag, ": ", null_handling="skip")
        return pc.if_else(pa.array(rng.random(n) < 0.05), pa.scalar(None, pa.string()), title)

    def _tags(self, n_stories, a_story, rng) -> pa.Array:
        """0–3 distinct tags per story (copies carry the same)."""
        k = rng.choice(4, n_stories, p=[0.25, 0.35, 0.25, 0.15])
        first = rng.choice(len(self.tags), n_stories, p=self.tag_p)
        step = rng.integers(1, 9, n_stories)
        kk = k[a_story]
        j = ranges(kk)
        rep = np.repeat(a_story, kk)
        values = (first[rep] + j * step[rep]) % len(self.tags)
        offsets = np.concatenate([[0], np.cumsum(kk)])
        return list_array(offsets, pa.array(self.tags[values].tolist(), pa.string()))

    def _lines(self, outlet) -> list[int]:
        out = np.empty(len(outlet), dtype=np.int64)
        for o in range(len(OUTLETS)):
            mine = np.flatnonzero(outlet == o)
            out[mine] = self.line_no[o] + 1 + np.arange(len(mine))
            self.line_no[o] += len(mine)
        return out.tolist()

    def _groups(self, size, first_idx, a_story, id_arr, near, ts_us, source, publisher):
        multi = np.flatnonzero(size > 1)
        outlets = []
        for s in multi:
            members = range(first_idx[s], first_idx[s] + size[s])
            outlets.append(sorted({v for i in members for v in (source[i], publisher[i])
                                   if v is not None}))
        first = first_idx[multi]
        return pa.table({
            "dup_group": pa.array(id_arr[first].tolist(), pa.string()),
            "kind": pa.array(np.where(near[multi], "near", "exact").tolist(), pa.string()),
            "size": pa.array(size[multi].astype(np.int32)),
            "first_article_id": pa.array(id_arr[first].tolist(), pa.string()),
            "first_published_at": pa.array(ts_us[first], pa.int64()).cast(
                pa.timestamp("us", tz="UTC")),
            "outlets": pa.array(outlets, pa.list_(pa.string())),
        })

    def _mentions(self, m, id_arr) -> pa.Table:
        """One row per (article, entity): count, starts, ends, surfaces."""
        art, ent, start, end, surf = m
        order = np.lexsort((start, ent, art))
        art, ent, start, end, surf = art[order], ent[order], start[order], end[order], surf[order]
        new = np.ones(len(art), dtype=bool)
        new[1:] = (art[1:] != art[:-1]) | (ent[1:] != ent[:-1])
        heads = np.flatnonzero(new)
        offsets = np.concatenate([heads, [len(art)]])
        count = np.diff(offsets)
        r_art, r_ent = art[heads], ent[heads]
        np.add.at(self.ent_articles, r_ent, 1)
        np.add.at(self.ent_mentions, r_ent, count)
        ent_ids = np.array(self.ent_id, dtype=object)
        return pa.table({
            "article_id": pa.array(id_arr[r_art].tolist(), pa.string()),
            "entity_id": pa.array(ent_ids[r_ent].tolist(), pa.string()),
            "count": pa.array(count.astype(np.int32)),
            "starts": list_array(offsets, pa.array(start.astype(np.int32))),
            "ends": list_array(offsets, pa.array(end.astype(np.int32))),
            "surfaces": list_array(offsets, self.surf.take(pa.array(surf))),
        })

    def _count(self, undated, ts_us, date_src, size, near, multi) -> None:
        st = self.stats
        st["undated"] += int(undated.sum())
        dated = ts_us[~undated]
        lo, hi = int(dated.min()), int(dated.max())
        st["date_min"] = lo if st["date_min"] is None else min(st["date_min"], lo)
        st["date_max"] = hi if st["date_max"] is None else max(st["date_max"], hi)
        for s, n in zip(*np.unique(date_src, return_counts=True), strict=True):
            st["date_sources"][str(s)] += int(n)
        st["groups"] += int(multi.sum())
        st["grouped"] += int(size[multi].sum())
        st["kinds"]["near"] += int((multi & near).sum())
        st["kinds"]["exact"] += int((multi & ~near).sum())

    def entities_table(self) -> pa.Table:
        aliases = [[] for _ in self.ent_name]
        surf = self.surf.to_pylist()
        for i in np.flatnonzero(self.alias_of >= 0):
            aliases[i] = [surf[self.alias_of[i]]]
        keep = self.ent_articles > 0
        idx = np.flatnonzero(keep)
        return pa.table({
            "entity_id": pa.array([self.ent_id[i] for i in idx], pa.string()),
            "name": pa.array([self.ent_name[i] for i in idx], pa.string()),
            "type": pa.array([self.ent_type[i] for i in idx], pa.string()),
            "key": pa.array([self.ent_key[i] for i in idx], pa.string()),
            "aliases": pa.array([aliases[i] for i in idx], pa.list_(pa.string())),
            "article_count": pa.array(self.ent_articles[idx].astype(np.int32)),
            "mention_count": pa.array(self.ent_mentions[idx].astype(np.int32)),
        })


def _cumulative(lag: np.ndarray, member: np.ndarray) -> np.ndarray:
    """Running sum of `lag` within each story (restarting where member == 0, whose lag
    is 0)."""
    total = np.cumsum(lag)
    base = np.maximum.accumulate(np.where(member == 0, np.arange(len(lag)), 0))
    return total - total[base]


def _variant(name: str) -> str:
    """A second spelling readers meet: hamza-less alef, ه for ة, or the name without ال."""
    for a, b in (("أ", "ا"), ("إ", "ا"), ("ة", "ه"), ("ى", "ي")):
        if a in name:
            return name.replace(a, b, 1)
    return name[2:] if name.startswith("ال") and len(name) > 4 else name


def _sort_mentions(path: Path) -> None:
    """Rewrite mentions ordered by entity, as the ingest writes them (row groups then
    hold few entities each, so one entity's mentions are read without a full scan)."""
    import duckdb

    sorted_path = path.with_name(path.name + ".sorted")
    con = duckdb.connect()
    (con.read_parquet(str(path)).order("entity_id, article_id")
     .write_parquet(str(sorted_path), compression="zstd", row_group_size=ROW_GROUP))
    con.close()
    os.replace(sorted_path, path)


def build(out_dir: Path, n_articles: int, seed: int = 11, log=print) -> dict:
    """Write the dataset into `out_dir` (replaced whole) and return its manifest."""
    out_dir = Path(out_dir)
    t0 = time.perf_counter()
    gen = Generator(seed)
    log(f"pools and {len(gen.ent_name):,} entities ready in {time.perf_counter() - t0:.1f} s")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    writers: dict[str, pq.ParquetWriter] = {}
    written = 0
    sources: set[str] = set()
    publishers: set[str] = set()
    try:
        while written < n_articles:
            arts, ments, groups = gen.chunk(min(CHUNK_ARTICLES, n_articles - written))
            for name, table in ((schema.ARTICLES_FILE, arts), (schema.MENTIONS_FILE, ments),
                                (schema.DUP_GROUPS_FILE, groups)):
                if name not in writers:
                    writers[name] = pq.ParquetWriter(tmp / name, table.schema, compression="zstd")
                table = table.cast(writers[name].schema)  # an all-null column has no type
                writers[name].write_table(table, row_group_size=ROW_GROUP)
            written += arts.num_rows
            sources |= set(pc.unique(arts["source"]).drop_null().to_pylist())
            publishers |= set(pc.unique(arts["publisher"]).drop_null().to_pylist())
            log(f"  {written:,} articles ({time.perf_counter() - t0:.0f} s)")
        for w in writers.values():
            w.close()
        _sort_mentions(tmp / schema.MENTIONS_FILE)
        log(f"  mentions sorted by entity ({time.perf_counter() - t0:.0f} s)")
        pq.write_table(gen.entities_table(), tmp / schema.ENTITIES_FILE, compression="zstd",
                       row_group_size=ROW_GROUP)
        rejects = _rejects(gen.rng, max(1, written // 400))
        with open(tmp / schema.REJECTS_FILE, "w", encoding="utf-8") as fh:
            for r in rejects:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        manifest = _manifest(gen, written, rejects, sorted(sources), sorted(publishers),
                             time.perf_counter() - t0)
        with open(tmp / schema.MANIFEST_FILE, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        os.chmod(tmp, 0o755)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.rename(tmp, out_dir)
    except BaseException:
        for w in writers.values():
            w.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    check_dataset(out_dir)
    return manifest


def _rejects(rng: np.random.Generator, n: int) -> list[dict]:
    reasons = ("no_text", "malformed_record", "no_body", "duplicate_record")
    out = []
    for i in range(n):
        reason = reasons[rng.integers(len(reasons))]
        out.append({"input_ref": f"feeds/{OUTLETS[i % len(OUTLETS)][1]}.jsonl:line {i + 1}",
                    "reason": reason, "detail": f"synthetic reject {i}"})
    return out


def _manifest(gen: Generator, written: int, rejects: list[dict], sources: list[str],
              publishers: list[str], seconds: float) -> dict:
    st = gen.stats
    by_reason: dict[str, int] = {}
    for r in rejects:
        by_reason[r["reason"]] = by_reason.get(r["reason"], 0) + 1

    def iso(us: int) -> str:
        return datetime.fromtimestamp(us / 1e6, tz=UTC).isoformat()

    return {
        "tool": "marsad-bench", "tool_version": "bench", "schema_version": schema.SCHEMA_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "options": {"generator": "bench/make_big_dataset.py"},
        "inputs": [{"path": f"feeds/{s}.jsonl", "records": int(n)}
                   for (_, s), n in zip(OUTLETS, gen.line_no, strict=True)],
        "records_read": written + len(rejects), "articles_written": written,
        "records_rejected": len(rejects), "rejects_by_reason": by_reason,
        "duplicate_groups": st["groups"], "duplicate_groups_by_kind": st["kinds"],
        "articles_in_duplicate_groups": st["grouped"], "undated": st["undated"],
        "date_sources": st["date_sources"], "date_min": iso(st["date_min"]),
        "date_max": iso(st["date_max"]), "sources": len(sources), "publishers": len(publishers),
        "warnings": {}, "warning_examples": {}, "dedup": {},
        "timings_s": {"total": round(seconds, 1)},
        "articles_per_second": round(written / seconds),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    out = args.out or Path(f"/tmp/marsad-big-{args.articles}")
    if REPO in out.resolve().parents:
        ap.error("write the benchmark dataset outside the repository")
    m = build(out, args.articles, args.seed)
    print(f"{out}: {m['articles_written']:,} articles, {m['duplicate_groups']:,} groups, "
          f"{m['undated']:,} undated, in {m['timings_s']['total']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
