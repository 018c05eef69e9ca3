"""End-to-end ingest on small inputs written by the tests: accounting, ids, output files,
atomic replacement and the CLI's behaviour on bad arguments."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.dataset import schema, store
from dashboard.ingest.pipeline import run_ingest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]

STORY = ("أعلنت وزارة الصحة في الرباط عن افتتاح مستشفى جديد في مدينة فاس يضم مئتي سرير "
         "ويخدم سكان الجهة، وقال الوزير إن المشروع استغرق ثلاث سنوات من العمل المتواصل.")
OTHER = ("استضافت مدينة جدة اجتماعا لوزراء خارجية الدول العربية لبحث الأوضاع في السودان، "
         "ودعا البيان الختامي إلى وقف فوري لإطلاق النار وفتح ممرات إنسانية آمنة.")


def write_jsonl(path: Path, rows: list) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False))
            fh.write("\n")


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    (folder / "sub").mkdir(parents=True)
    write_jsonl(folder / "feed.jsonl", [
        {"id": "a1", "source": "هسبريس", "published_at": "2023-09-19T08:00:00Z",
         "title": "مستشفى جديد في فاس", "text": STORY, "url": "https://www.example.ma/a1"},
        {"id": "a2", "source": "الشرق الأوسط", "published_at": "19/09/2023",
         "title": "اجتماع في جدة", "text": OTHER},
        '{"id": "a3", "text": "نص مقطوع',                       # malformed line 3
        {"id": "a4", "source": "العربية", "text": "   "},         # empty text, line 4
        {"id": "a5", "source": "العربية", "published_at": "not a date", "text": OTHER + " تحديث."},
    ])
    (folder / "sub" / "page.txt").write_bytes(
        (FIXTURES / "page_flood.txt").read_text(encoding="utf-8")
        .replace("\n", "\r\n").encode("utf-8-sig"))
    csv_text = "headline,content,outlet,pubDate\r\nعنوان,\"" + STORY + "\",الأهرام,2023-09-20\r\n"
    (folder / "sub" / "legacy.csv").write_bytes(csv_text.encode("cp1256"))
    return folder


def test_every_record_is_accounted_for(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    m = run_ingest([raw], out, crawl_date=date(2023, 9, 14))
    assert m["records_read"] == 7
    assert m["articles_written"] == 5
    assert m["records_rejected"] == 2
    assert m["rejects_by_reason"] == {"malformed_record": 1, "no_text": 1}
    rejects = store.read_rejects(out)
    refs = sorted(r["input_ref"] for r in rejects)
    assert refs == [f"{raw / 'feed.jsonl'}:line 3", f"{raw / 'feed.jsonl'}:line 4"]
    assert all(r["reason"] and r["detail"] for r in rejects)
    on_disk = json.loads((out / schema.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert on_disk["records_read"] == on_disk["articles_written"] + on_disk["records_rejected"]
    assert sum(i["records"] for i in on_disk["inputs"]) == on_disk["records_read"]
    assert all(len(i["sha256"]) == 64 for i in on_disk["inputs"])


def test_articles_table(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    run_ingest([raw], out, crawl_date=date(2023, 9, 14))
    df = store.read_table(out, schema.ARTICLES_FILE)  # validates the schema
    by_ref = {Path(r.split(":line")[0].split("#")[0]).name + (r.split(":line")[1] if ":line" in r else ""): row
              for r, row in zip(df["input_ref"], df.to_dict("records"), strict=True)}
    a1 = by_ref["feed.jsonl 1"]
    assert a1["source"] == "هسبريس" and a1["publisher"] == "example.ma"
    assert a1["date_source"] == "field"
    assert a1["published_at"] == pd.Timestamp("2023-09-19 08:00", tz="UTC")
    assert by_ref["feed.jsonl 2"]["published_at"] == pd.Timestamp("2023-09-19", tz="UTC")
    # An unparseable date field is not invented and is reported as a warning.
    a5 = by_ref["feed.jsonl 5"]
    assert a5["date_source"] in ("none", "text")
    page = by_ref["page.txt"]
    assert page["source"] == "وكالة الأنباء الليبية"
    assert page["date_source"] == "relative"
    assert page["published_at"] == pd.Timestamp("2023-09-13", tz="UTC")  # the Wednesday before
    assert page["body"].startswith("أعلنت السلطات في مدينة درنة")
    assert page["body"].endswith("ومنع انتشار الأمراض.")
    assert "الحوز" not in page["body"] and "أوبك" not in page["body"]
    assert "\r" not in page["body"] and "\ufeff" not in page["body"]
    assert "درنه" in page["body_norm"] and "درنة" not in page["body_norm"]
    assert list(page["tags"])[:1] == ["درنة"]
    csv_row = by_ref["legacy.csv 2"]
    assert csv_row["source"] == "الأهرام" and csv_row["title"] == "عنوان"
    assert csv_row["body"] == STORY
    # The CSV copy of the Fes story is grouped with the JSONL original, not deleted.
    assert csv_row["dup_group"] == a1["dup_group"] and csv_row["dup_kind"] == "exact"
    groups = store.read_table(out, schema.DUP_GROUPS_FILE)
    group = groups.set_index("dup_group").loc[a1["dup_group"]]
    assert group["first_article_id"] == a1["article_id"]
    assert set(group["outlets"]) >= {"هسبريس", "الأهرام"}


def test_relative_date_needs_crawl_date(raw: Path, tmp_path: Path):
    run_ingest([raw], tmp_path / "out")
    df = store.read_table(tmp_path / "out", schema.ARTICLES_FILE)
    page = df[df["input_ref"].str.endswith("page.txt")].iloc[0]
    assert page["date_source"] == "none" and pd.isna(page["published_at"])


def test_ids_are_stable(raw: Path, tmp_path: Path):
    run_ingest([raw], tmp_path / "one")
    run_ingest([raw], tmp_path / "two")
    one = store.read_table(tmp_path / "one", schema.ARTICLES_FILE)
    two = store.read_table(tmp_path / "two", schema.ARTICLES_FILE)
    assert one["article_id"].tolist() == two["article_id"].tolist()
    assert one["article_id"].is_unique


def test_repeated_record_is_rejected_not_lost(tmp_path: Path):
    row = {"id": "x", "source": "واس", "text": STORY}
    write_jsonl(tmp_path / "a.jsonl", [row, row, {**row, "text": OTHER}])
    m = run_ingest([tmp_path / "a.jsonl"], tmp_path / "out")
    assert m["records_read"] == 3 and m["articles_written"] == 2
    assert m["rejects_by_reason"] == {"duplicate_record": 1}
    df = store.read_table(tmp_path / "out", schema.ARTICLES_FILE)
    assert df["article_id"].is_unique


def test_failed_run_leaves_previous_dataset(raw: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    run_ingest([raw], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "write_table", boom)
    with pytest.raises(OSError):
        run_ingest([raw], out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]  # no temp left


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard.ingest", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_cli_summary(raw: Path, tmp_path: Path):
    res = run_cli(str(raw), "--out", str(tmp_path / "out"), "--crawl-date", "2023-09-14")
    assert res.returncode == 0, res.stderr
    assert "read             7" in res.stdout
    assert "malformed_record" in res.stdout and "undated" in res.stdout


@pytest.mark.parametrize("args,needle", [
    (["nowhere/*.jsonl"], "nowhere/*.jsonl"),
    (["missing.jsonl"], "missing.jsonl"),
    (["{raw}", "--map", "body=content"], "body"),
    (["{raw}", "--encoding", "no-such-codec"], "no-such-codec"),
], ids=["glob-matches-nothing", "missing-file", "bad-map-field", "bad-encoding"])
def test_cli_bad_arguments(raw: Path, tmp_path: Path, args, needle):
    args = [a.replace("{raw}", str(raw)) for a in args]
    res = run_cli(*args, "--out", str(tmp_path / "out"))
    assert res.returncode == 2
    assert needle in res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "out").exists()


def test_cli_bad_crawl_date(raw: Path, tmp_path: Path):
    res = run_cli(str(raw), "--out", str(tmp_path / "out"), "--crawl-date", "19/09/2023")
    assert res.returncode == 2 and "YYYY-MM-DD" in res.stderr


# Pages in the aggregator layout, in the encodings and dateline styles of other regions.
HELD_PAGES = [
    ("lb.txt", "cp1256",
     "بيروت - 3 آذار/مارس 2024\n\nعقد مجلس الوزراء جلسة استثنائية لبحث ملف النازحين، وقال "
     "رئيس الحكومة نجيب ميقاتي إن لبنان لا يستطيع تحمل الأعباء وحده.\n\nالمصدر: الوكالة الوطنية "
     "للإعلام\n\nالكلمات الدلالية: نجيب ميقاتي لبنان النازحين\n\nمقالات ذات صلة\n\n• خبر عن الطقس\n",
     "الوكالة الوطنية للإعلام", "2024-03-03", ["نجيب ميقاتي", "لبنان", "النازحين"]),
    ("tn.txt", "utf-16",
     "تونس في 5 جوان 2023\r\n\r\nأعلنت وزارة الصحة عن حملة تلقيح جديدة في ولايات الجنوب، وأكد "
     "الوزير أن الحملة ستستمر أسبوعين.\r\n\r\nالمصدر : وكالة تونس إفريقيا للأنباء\r\n\r\nوسوم: "
     "تونس وزارة الصحة\r\n\r\nاقرأ أيضًا\r\n\r\nمقال آخر لا علاقة له بالموضوع.\r\n",
     "وكالة تونس إفريقيا للأنباء", "2023-06-05", ["تونس", "وزارة الصحة"]),
    ("eg.txt", "utf-8-sig",
     "القاهرة في 12 ديسمبر 2023\n\nتوجه الناخبون إلى صناديق الاقتراع لليوم الثالث في "
     "الانتخابات الرئاسية، وسط إقبال وصفته الهيئة الوطنية للانتخابات بالجيد.\n\nالمصدر: أ ش أ\n\n"
     "كلمات دلالية: الانتخابات الرئاسية الهيئة الوطنية للانتخابات\n\nأخبار ذات صلة\n\n- عنوان\n",
     "أ ش أ", "2023-12-12", ["الانتخابات الرئاسية", "الهيئة الوطنية للانتخابات"]),
    ("iq.txt", "utf-8",
     "بغداد - الثلاثاء 14 تشرين الثاني 2023\n\nقالت وزارة النفط إن صادرات الخام بلغت مستوى "
     "قياسيا.\n\nالمصدر: واع\n", "واع", "2023-11-14", []),
]


@pytest.mark.parametrize("name,encoding,text,source,day,tags", HELD_PAGES,
                         ids=[p[0] for p in HELD_PAGES])
def test_pages_in_other_layouts(tmp_path: Path, name, encoding, text, source, day, tags):
    (tmp_path / name).write_bytes(text.encode(encoding))
    m = run_ingest([tmp_path / name], tmp_path / "out")
    assert m["records_read"] == 1 and m["articles_written"] == 1
    row = store.read_table(tmp_path / "out", schema.ARTICLES_FILE).iloc[0]
    assert row["source"] == source
    assert row["published_at"] == pd.Timestamp(day, tz="UTC")
    assert row["date_source"] == "text"
    assert list(row["tags"]) == tags
    assert "ذات صلة" not in row["body"] and "المصدر" not in row["body"]
    assert "لا علاقة له" not in row["body"] and "الطقس" not in row["body"]


SHARED = REPO.parent / "shared"


@pytest.mark.shared
def test_sample_page_entities(tmp_path: Path):
    sample = SHARED / "samples" / "aggregator_page.txt"
    if not sample.is_file():
        pytest.skip("../shared/samples is absent (plain clone)")
    run_ingest([sample], tmp_path / "out")
    ents = store.read_table(tmp_path / "out", schema.ENTITIES_FILE)
    men = store.read_table(tmp_path / "out", schema.MENTIONS_FILE)
    karabakh = ents[ents["key"] == "قره باغ"]
    assert len(karabakh) == 1 and karabakh.iloc[0]["type"] == "LOC"
    assert karabakh.iloc[0]["mention_count"] == 7
    assert set(karabakh.iloc[0]["aliases"]) == {"قره باغ", "قرة باغ"}
    # Nothing from the Rafah article or the related headlines is counted.
    assert not ents["key"].isin(["ترامب", "نتنياهو", "رفح", "غزه"]).any()
    body = store.read_table(tmp_path / "out", schema.ARTICLES_FILE).iloc[0]["body"]
    for row in men.itertuples():
        for s, e, surface in zip(row.starts, row.ends, row.surfaces, strict=True):
            assert body[s:e] == surface


def test_entities_parallel_equals_serial(raw: Path, tmp_path: Path, monkeypatch):
    from dashboard.ingest import entity_step

    monkeypatch.setattr(entity_step, "CHUNK", 2)  # several tasks even for five articles
    run_ingest([raw], tmp_path / "one", jobs=1)
    run_ingest([raw], tmp_path / "two", jobs=2)
    for name in (schema.ENTITIES_FILE, schema.MENTIONS_FILE):
        one = store.read_table(tmp_path / "one", name)
        two = store.read_table(tmp_path / "two", name)
        pd.testing.assert_frame_equal(one, two)
    assert len(store.read_table(tmp_path / "one", schema.ENTITIES_FILE)) > 0


def test_no_entities_option(raw: Path, tmp_path: Path):
    m = run_ingest([raw], tmp_path / "out", entities=False)
    assert m["entities"] is None
    assert store.table_path(tmp_path / "out", schema.ENTITIES_FILE) is None
