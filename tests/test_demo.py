"""Tests for the synthetic demo corpus generator (dashboard/demo)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dashboard.arabic.normalize import normalize_for_match
from dashboard.demo import datelines, facts, render, surface, templates, volume, write_raw
from dashboard.demo.generate import (
    DEFAULT_ARTICLES,
    DEFAULT_SEED,
    URL_HOST,
    WIRE_WINDOW,
    compose_story,
    generate_corpus,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE_PAGE = SHARED / "samples" / "aggregator_page.txt"
OUTLETS = {o["slug"]: o for o in facts.OUTLETS}


@pytest.fixture(scope="module")
def corpus():
    """The shipped corpus: default seed and size."""
    return generate_corpus(DEFAULT_SEED, DEFAULT_ARTICLES)


@pytest.fixture(scope="module")
def all_text(corpus) -> str:
    return "\n".join([r.title + "\n" + r.text for r in corpus.records]
                     + [p.text for p in corpus.pages])


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    """Raw files of a smaller corpus, and its summary."""
    folder = tmp_path_factory.mktemp("raw")
    small = generate_corpus(7, 600)
    return folder, write_raw.write_raw(small, folder), small


# --- determinism and size ---------------------------------------------------------------


def test_same_seed_same_records():
    assert generate_corpus(3, 300) == generate_corpus(3, 300)


def test_other_seed_other_records():
    assert generate_corpus(3, 300).records != generate_corpus(4, 300).records


def _digest_of_raw(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_raw_files_byte_identical_across_processes(tmp_path):
    # Salted str hashing differs between processes: set iteration must never leak out.
    code = ("import sys; from pathlib import Path; "
            "from dashboard.demo.generate import generate_corpus; "
            "from dashboard.demo.write_raw import write_raw; "
            "write_raw(generate_corpus(11, 300), Path(sys.argv[1]))")
    digests = []
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(REPO)}
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env, cwd=REPO)
        digests.append(_digest_of_raw(out))
    assert digests[0] == digests[1]
    assert len(digests[0]) > 10


def test_size_outlets_and_span(corpus):
    assert len(corpus.records) + len(corpus.pages) == DEFAULT_ARTICLES
    assert len({r.outlet for r in corpus.records}) >= 8
    days = [r.published_at.date() for r in corpus.records]
    assert min(days) <= date(2023, 1, 15) and max(days) >= date(2024, 12, 15)


def test_every_record_is_labelled_synthetic(corpus):
    assert all(r.url.startswith(f"https://{r.outlet}.demo.marsad.invalid/") for r in corpus.records)
    assert URL_HOST.endswith(".invalid")


@pytest.mark.parametrize(
    "start, factor",
    [(date(2023, 2, 6), 2.0), (date(2023, 10, 7), 3.0), (date(2024, 12, 8), 2.0)],
    ids=["earthquake", "gaza-war", "fall-of-assad"],
)
def test_events_spike(corpus, start, factor):
    def per_day(first: date, days: int) -> float:
        last = first + timedelta(days=days)
        return sum(first <= r.published_at.date() < last for r in corpus.records) / days

    assert per_day(start, 7) >= factor * per_day(start - timedelta(days=14), 14)


def test_outlets_have_their_own_emphasis(corpus):
    def share(slug, topics):
        mine = [r for r in corpus.records if r.outlet == slug]
        return sum(r.topic in topics for r in mine) / len(mine)

    maghreb = {"morocco_local", "algeria_local", "tunisia_local", "economy_morocco",
               "sports_morocco", "morocco_quake"}
    assert share("hespress", maghreb) > 3 * share("spa", maghreb)
    assert share("spa", {"saudi_local", "economy_saudi"}) > 3 * share(
        "hespress", {"saudi_local", "economy_saudi"})


# --- the mess ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "forms",
    [("قره باغ", "قرة باغ"), ("نتنياهو", "نتانياهو"), ("أمريكا", "أميركا"),
     ("الأمريكي", "الأميركي"), ("ترامب", "ترمب"), ("أردوغان", "إردوغان"),
     ("إسرائيل", "اسرائيل"), ("في", "فى")],
    ids=["qarabagh", "netanyahu", "america", "american", "trump", "erdogan", "hamza",
         "final-ya"],
)
def test_spelling_variants_both_present(all_text, forms):
    for form in forms:
        assert re.search(rf"(?<!\w){form}(?!\w)", all_text), form


@pytest.mark.parametrize(
    "pattern",
    ["\u064b", "\u0640", "[٠-٩]{4}", "\u00a0", "\u200f"],
    ids=["tanween", "tatweel", "arabic-indic-year", "nbsp", "rlm"],
)
def test_typographic_mess_present(all_text, pattern):
    assert re.search(pattern, all_text)


def test_wire_copies_follow_the_wire(corpus):
    by_id = {r.record_id: r for r in corpus.records}
    copies = [r for r in corpus.records if r.role == "copy" and r.copy_of in by_id]
    assert len(copies) >= 50
    assert len({r.outlet for r in copies}) >= 3
    for copy in copies:
        wire = by_id[copy.copy_of]
        assert wire.role == "wire" and copy.outlet != wire.outlet
        assert WIRE_WINDOW[0] <= copy.published_at - wire.published_at <= WIRE_WINDOW[1]
        assert "// انتهى //" not in copy.text
    spa_wires = [r for r in corpus.records if r.outlet == "spa" and r.role == "wire"]
    assert all(r.text.rstrip().endswith("// انتهى //") for r in spa_wires)


def _shingles(text: str) -> set[str]:
    words = normalize_for_match(text).split()
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def test_copies_are_near_duplicates_of_their_wire(corpus):
    # 0.4 is the ingest's near-duplicate threshold (Jaccard of 3-word shingles).
    by_id = {r.record_id: r for r in corpus.records}
    similar = []
    for copy in (r for r in corpus.records if r.role == "copy" and r.copy_of in by_id):
        a, b = _shingles(copy.text), _shingles(by_id[copy.copy_of].text)
        similar.append(len(a & b) / len(a | b) >= 0.4)
    assert sum(similar) >= 0.95 * len(similar)


def test_agency_stories_run_in_several_outlets(corpus):
    outlets: dict[str, set[str]] = {}
    for r in corpus.records:
        if r.role == "copy" and r.copy_of.startswith("agency-"):
            outlets.setdefault(r.copy_of, set()).add(r.outlet)
    assert sum(len(v) >= 2 for v in outlets.values()) >= 20


def test_undated_and_text_dated_records(corpus):
    undated = [r for r in corpus.records if not r.date_in_field and not r.date_in_text]
    text_dated = [r for r in corpus.records if not r.date_in_field and r.date_in_text]
    assert len(undated) >= 20 and len(text_dated) >= 60


@pytest.mark.parametrize(
    "family, pattern",
    [("gregorian", r"\d+ (?:سبتمبر|أكتوبر|مايو|يونيو)(?!/) \d{4}"),
     ("levantine-first", r"\d+ (?:أيلول|تشرين الأول|أيار|حزيران)/\S+ \d{4}"),
     ("gregorian-first", r"\d+ (?:سبتمبر|أكتوبر|مايو|يونيو)/\S+ \d{4}"),
     ("maghrebi", r"\d+ (?:جانفي|فيفري|أفريل|جوان|جويلية|أوت) \d{4}"),
     ("moroccan", r"\d+ (?:يوليوز|غشت|شتنبر|نونبر|دجنبر) \d{4}"),
     ("hijri", r"هـ الموافق \d+ \S+ \d{4} م واس")],
    ids=lambda v: v if not v.startswith(("\\", "ه")) else "",
)
def test_datelines_in_every_month_family(corpus, family, pattern):
    heads = [r.text[:160].translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
             for r in corpus.records if r.date_in_text]
    assert any(re.search(pattern, h) for h in heads), family


def test_aggregator_pages_have_the_layout(corpus):
    assert len(corpus.pages) >= 0.025 * DEFAULT_ARTICLES
    multiword = False
    for page in corpus.pages:
        lines = page.text.split("\n")
        assert any(line.startswith("المصدر: ") for line in lines)
        tag_line = next(line for line in lines if line.startswith(("كلمات دلالية", "الوسوم")))
        multiword |= any(" " in tag for tag in page.tags) and all(t in tag_line for t in page.tags)
        assert any(line.startswith(("اقرأ", "إقرأ")) for line in lines)
        assert any(line in ("مقالات ذات صلة", "مقالات مشابهة", "أخبار ذات صلة") for line in lines)
        assert any(line.startswith("  • ") for line in lines)
    assert multiword
    assert any(not p.date_in_text for p in corpus.pages)


def test_page_reproduces_its_article(corpus):
    by_id = {r.record_id: r for r in corpus.records}
    for page in corpus.pages[:20]:
        first_paragraph = by_id[page.copy_of].text.split("\n")[0].strip()
        assert first_paragraph in page.text


# --- raw files ----------------------------------------------------------------------------


def test_raw_layout(raw):
    folder, summary, small = raw
    paths = {f["path"] for f in summary["files"]}
    assert {"feeds/spa.jsonl", "feeds/bbc-arabic.jsonl", "exports/hespress.csv",
            "archive/ahram-2023.csv"} <= paths
    assert len(list((folder / "pages").glob("*.txt"))) == len(small.pages)
    assert "synthetic" in (folder / "README.md").read_text(encoding="utf-8").lower()
    written = sum(f["records"] for f in summary["files"])
    assert written == len(small.records) + len(write_raw.BAD_RECORDS)


def test_cp1256_archive(raw):
    data = (raw[0] / "archive/ahram-2023.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1256")
    assert text.startswith("id,headline,content,outlet,pubDate,url\n")
    assert "الأهرام" in text


def test_bom_and_crlf_jsonl(raw):
    data = (raw[0] / "feeds/bbc-arabic.jsonl").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n") > 0
    first = json.loads(data[3:].split(b"\r\n")[0])
    assert first["url"].startswith("https://bbc-arabic.demo.marsad.invalid/")


def test_csv_columns_differ_between_exports(raw):
    hespress = (raw[0] / "exports/hespress.csv").read_text(encoding="utf-8").split("\n")[0]
    echorouk = (raw[0] / "exports/echorouk.csv").read_text(encoding="utf-8").split("\n")[0]
    assert hespress == "id,headline,content,outlet,pubDate,url"
    assert echorouk == "Headline,Content,Outlet,PubDate,Link,ID"


def test_bad_records_present(raw):
    folder = raw[0]
    rt = (folder / "feeds/rt-arabic.jsonl").read_text(encoding="utf-8").splitlines()
    broken = [line for line in rt if not _parses(line)]
    assert len(broken) == 1
    aljazeera = (folder / "feeds/aljazeera.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(aljazeera) - len(set(aljazeera)) == 1
    sky = [json.loads(x) for x in (folder / "feeds/skynews-arabia.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert sum(not isinstance(x, dict) for x in sky) == 1


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def test_undated_json_records_have_no_date(raw):
    folder, _, small = raw
    undated = {r.record_id for r in small.records if not r.date_in_field}
    seen = 0
    for path in (folder / "feeds").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if _parses(line) and isinstance(obj := json.loads(line), dict) \
                    and obj.get("id") in undated:
                assert not obj.get("published_at")
                seen += 1
    assert seen > 0


UTC_TIME = datetime(2023, 9, 19, 11, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "style, offset, expected",
    [("iso_offset", 3, "2023-09-19T14:05:00+03:00"),
     ("iso_z", 3, "2023-09-19T11:05:00Z"),
     ("iso_ms_z", 0, "2023-09-19T11:05:00.000Z"),
     ("space_local", 2, "2023-09-19 13:05:00"),
     ("rfc822", 1, "Tue, 19 Sep 2023 12:05:00 +0100"),
     ("date_only", 3, "2023-09-19"),
     ("dmy_time", 1, "19/09/2023 12:05")],
    ids=["iso-offset", "iso-z", "iso-ms", "space-local", "rfc822", "date-only", "dmy"],
)
def test_field_date_formats(style, offset, expected):
    assert write_raw.field_date(UTC_TIME, {"utc_offset": offset, "date_format": style}) == expected


def test_cp1256_rejects_what_it_cannot_hold():
    assert write_raw.to_cp1256("عام ٢٠٢٣") == "عام 2023"
    with pytest.raises(ValueError, match="cp1256"):
        write_raw.to_cp1256("emoji 🙂")


# --- calendar and counting tables -----------------------------------------------------------


@pytest.mark.parametrize(
    "day, style, expected",
    [(date(2023, 9, 19), "gregorian", "19 سبتمبر 2023"),
     (date(2023, 9, 19), "dual", "19 أيلول/سبتمبر 2023"),
     (date(2023, 9, 19), "dual_gl", "19 سبتمبر/أيلول 2023"),
     (date(2023, 6, 19), "maghrebi", "19 جوان 2023"),
     (date(2024, 8, 3), "maghrebi", "3 أوت 2024"),
     (date(2023, 11, 27), "moroccan", "27 نونبر 2023"),
     (date(2024, 1, 5), "levantine", "5 كانون الثاني 2024")],
    ids=["gregorian", "dual", "dual-gl", "maghrebi-june", "maghrebi-august", "moroccan",
         "levantine"],
)
def test_format_date(day, style, expected):
    assert datelines.format_date(day, style) == expected


@pytest.mark.parametrize(
    "day, expected",
    [(date(2023, 3, 20), "28 شعبان 1444 هـ"), (date(2024, 6, 15), "9 ذي الحجة 1445 هـ")],
    ids=["shaban-1444", "arafah-1445"],
)
def test_format_hijri(day, expected):
    assert datelines.format_hijri(day) == expected


def test_spa_dateline():
    assert (datelines.spa_dateline(date(2023, 3, 20), "الرياض")
            == "الرياض 28 شعبان 1444 هـ الموافق 20 مارس 2023 م واس")


NOUN = templates.NOUNS["person"][:4]


@pytest.mark.parametrize(
    "n, expected",
    [(2, "شخصان"), (3, "3 أشخاص"), (10, "10 أشخاص"), (11, "11 شخصا"), (99, "99 شخصا"),
     (100, "100 شخص"), (103, "103 أشخاص"), (250, "250 شخصا"), (1000, "1000 شخص")],
    ids=["dual", "three", "ten", "eleven", "ninety-nine", "hundred", "hundred-three",
         "250", "thousand"],
)
def test_count_phrase(n, expected):
    assert render.count_phrase(n, NOUN) == expected


@pytest.mark.parametrize(
    "n, expected",
    [(745, "740 قتيلا"), (1200, "أكثر من ألف قتيل"), (2500, "أكثر من ألفي قتيل"),
     (5300, "أكثر من 5 آلاف قتيل"), (12900, "أكثر من 12 ألف قتيل")],
    ids=["hundreds", "one-thousand", "two-thousand", "thousands", "tens-of-thousands"],
)
def test_toll_phrase(n, expected):
    assert render.toll_phrase(n) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("بيان لـ الأمم المتحدة", "بيان للأمم المتحدة"),
     ("تقرير لـاللجنة الدولية", "تقرير للجنة الدولية"),
     ("ترحيب بـالاتفاق", "ترحيب بالاتفاق"),
     ("استعدادا لـ كأس العالم", "استعدادا لكأس العالم"),
     ("في اليوم الـ250 من الحرب", "في اليوم الـ250 من الحرب")],
    ids=["lam-al", "lam-al-lam", "ba-al", "lam-noun", "ordinal-untouched"],
)
def test_join_proclitics(text, expected):
    assert render.join_proclitics(text) == expected


@pytest.mark.parametrize(
    "func, text, expected",
    [(surface.drop_hamza, "أعلنت الأمم المتحدة وإسرائيل", "اعلنت الامم المتحدة واسرائيل"),
     (surface.final_alef_maksura, "في الذي السيسي", "فى الذى السيسى"),
     (surface.add_tanween, "قال أيضا إن الأمر تم رسميا",
      "قال أيضاً إنّ الأمر تمّ رسمياً")],
    ids=["hamza", "alef-maksura", "tanween-shadda"],
)
def test_house_style_steps(func, text, expected):
    always = random.Random(0)
    always.random = lambda: 0.0  # every optional change fires
    assert func(text, always) == expected


def test_tatweel_and_digits_are_reversible():
    rng = random.Random(1)
    title = "الحكومة تطلق مبادرة جديدة في 2024"
    stretched = surface.add_tatweel(title, rng, words=2)
    assert "ـ" in stretched and stretched.replace("ـ", "") == title
    assert surface.to_arabic_indic("2024") == "٢٠٢٤"
    assert normalize_for_match(surface.to_arabic_indic(title)) == normalize_for_match(title)


# --- facts and templates -------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, start",
    [("turkey_syria_quake", date(2023, 2, 6)), ("saudi_iran_deal", date(2023, 3, 10)),
     ("sudan_war", date(2023, 4, 15)), ("jeddah_summit", date(2023, 5, 19)),
     ("morocco_quake", date(2023, 9, 8)), ("derna_floods", date(2023, 9, 10)),
     ("karabakh_operation", date(2023, 9, 19)), ("gaza_war", date(2023, 10, 7)),
     ("cop28", date(2023, 11, 30)), ("egypt_election", date(2023, 12, 10)),
     ("raisi_crash", date(2024, 5, 19)), ("algeria_election", date(2024, 9, 7)),
     ("tunisia_election", date(2024, 10, 6)), ("us_election", date(2024, 11, 5)),
     ("lebanon_ceasefire", date(2024, 11, 27)), ("assad_fall", date(2024, 12, 8))],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_event_dates(key, start):
    assert next(e for e in facts.EVENTS if e["key"] == key)["start"] == start


def test_facts_are_consistent():
    topics = volume.all_topics()
    assert len({t["key"] for t in topics}) == len(topics)
    for topic in topics:
        assert topic["kind"] in templates.HEADLINES or any(
            k.startswith(topic["kind"] + ":") for k in templates.HEADLINES), topic["key"]
        people = [*topic["slots"].get("person", ()), *topic["slots"].get("winner", ())]
        assert all(p in facts.PEOPLE for p in people), topic["key"]
        if "start" in topic and "peak" in topic:
            assert facts.SPAN_START <= topic["start"] <= topic["end"] <= facts.SPAN_END
    assert len({o["name"] for o in facts.OUTLETS}) == len(facts.OUTLETS)


def _phase_days(topic: dict) -> list[date]:
    if "peak" not in topic:
        return [topic.get("start", facts.SPAN_START) + timedelta(days=40)]
    start = topic["start"]
    days = [start - timedelta(days=1), start, topic.get("until", start),
            topic.get("result_date", start) + timedelta(days=1)]
    return [d for d in days if facts.SPAN_START <= d <= facts.SPAN_END]


@pytest.mark.parametrize("topic", volume.all_topics(), ids=lambda t: t["key"])
def test_every_topic_writes_a_story(topic):
    rng = random.Random(5)
    for day in _phase_days(topic):
        when = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
        for _ in range(3):
            story = compose_story(rng, topic, day, when, "الجزيرة نت", "gregorian", "k")
            assert story.title and len(story.paragraphs) >= 3
            text = story.title + "\n".join(story.paragraphs)
            assert not re.search(r"[{}\[\]|]", text), text
            assert "  " not in text


def test_event_level_shape():
    gaza = next(e for e in facts.EVENTS if e["key"] == "gaza_war")
    before = volume.event_level(gaza, date(2023, 10, 6))
    peak = volume.event_level(gaza, date(2023, 10, 7))
    later = volume.event_level(gaza, date(2023, 11, 7))
    plateau = volume.event_level(gaza, date(2024, 10, 7))
    assert before == 0 and peak > later > plateau == gaza["plateau"]


# --- nothing copied from /work/shared --------------------------------------------------------


@pytest.mark.shared
def test_no_text_from_the_shared_sample(all_text):
    if not SAMPLE_PAGE.exists():
        pytest.skip(f"{SAMPLE_PAGE} not available (../shared is absent)")

    def grams(text: str, n: int = 8) -> set[str]:
        words = re.findall(r"\w+", normalize_for_match(text))
        return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}

    sample = grams(SAMPLE_PAGE.read_text(encoding="utf-8"))
    sources = Path(REPO / "dashboard" / "demo").glob("*.py")
    ours = grams(all_text) | grams("\n".join(p.read_text(encoding="utf-8") for p in sources))
    assert not sample & ours


# --- end to end -----------------------------------------------------------------------------


def test_cli_end_to_end(tmp_path):
    pipeline = pytest.importorskip(
        "dashboard.ingest.pipeline", reason="dashboard.ingest.pipeline is not importable yet")
    assert pipeline.run_ingest
    from dashboard.demo.__main__ import main

    out, kept = tmp_path / "out", tmp_path / "raw"
    assert main(["--out", str(out), "--raw", str(kept), "--articles", "200", "--seed", "5",
                 "--quiet"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    demo = manifest["demo"]
    assert demo["synthetic"] is True and demo["generator"] == "dashboard.demo"
    assert demo["seed"] == 5 and demo["records"] + demo["pages"] == 200
    assert manifest["records_read"] == manifest["articles_written"] + manifest["records_rejected"]
    assert manifest["articles_written"] == 200
    expected = sorted({reason for _, _, reason in write_raw.BAD_RECORDS})
    assert sorted(manifest["rejects_by_reason"]) == expected
    assert manifest["sources"] >= 8
    assert (kept / "feeds" / "spa.jsonl").exists()

    import pandas as pd

    articles = pd.read_parquet(out / "articles.parquet")
    assert articles["input_ref"].str.match(r"^(feeds|exports|archive|pages)/").all()
    urls = articles["url"].dropna()
    assert len(urls) and urls.str.contains(r"^https://[a-z0-9-]+\.demo\.marsad\.invalid/").all()
    publishers = articles["publisher"].dropna()
    assert publishers.nunique() >= 8
    assert {"field", "text"} <= set(articles["date_source"])
