"""Readers: input discovery, decoding, and each format → RawRecord / Reject.

Every fixture is written by the test into `tmp_path` (Arabic texts are our own).
"""

from __future__ import annotations

import codecs
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard.ingest import readers
from dashboard.ingest.readers import (
    DecodeError,
    InputError,
    RawRecord,
    Reject,
    decode_bytes,
    detect_encoding,
    discover_inputs,
    fingerprint,
    read_file,
    sniff_delimiter,
    validate_encoding,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"

TEXT_1 = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في مدينة جدة بسعة ثلاثمئة سرير."
TEXT_2 = "شهدت الأسواق المحلية ارتفاعاً في أسعار الخضروات خلال الأسبوع الماضي."
TITLE_1 = "افتتاح مستشفى جديد"
TITLE_2 = "ارتفاع أسعار الخضروات"
SOURCE = "صحيفة المساء"


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write a fixture file (creating folders); str is encoded, bytes written as-is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def read(path: Path, **kwargs) -> list:
    kwargs.setdefault("encoding", None)
    kwargs.setdefault("field_map", {})
    return list(read_file(path, **kwargs))


def summary(items: list) -> list[tuple]:
    """RawRecord → (ref, fields); Reject → (ref, reason): one comparable row per item."""
    return [
        (i.input_ref, i.fields) if isinstance(i, RawRecord) else (i.input_ref, i.reason)
        for i in items
    ]


# --- discover_inputs ------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A corpus folder with nesting, hidden entries and an unsupported file; cwd = tmp."""
    for name in [
        "corpus/a.jsonl",
        "corpus/B.JSON",
        "corpus/sub/b.csv",
        "corpus/sub/deep/c.txt",
        "corpus/sub/deep/d.ndjson",
        "corpus/.hidden/e.jsonl",
        "corpus/.f.jsonl",
        "corpus/notes.md",
        "other/x.parquet",
        "other/y.tsv",
        "empty/readme.md",
    ]:
        write(tmp_path / name, "{}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


CORPUS_FILES = [
    "corpus/B.JSON",
    "corpus/a.jsonl",
    "corpus/sub/b.csv",
    "corpus/sub/deep/c.txt",
    "corpus/sub/deep/d.ndjson",
]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["corpus"], CORPUS_FILES),
        (["corpus/"], CORPUS_FILES),
        (["corpus/a.jsonl"], ["corpus/a.jsonl"]),
        (["corpus/.f.jsonl"], ["corpus/.f.jsonl"]),
        (["corpus/*.jsonl"], ["corpus/a.jsonl"]),
        (["corpus/**/*.csv"], ["corpus/sub/b.csv"]),
        (["corpus/sub/deep/?.txt"], ["corpus/sub/deep/c.txt"]),
        (["corpus/sub/[ab].csv"], ["corpus/sub/b.csv"]),
        (["corpus/s*"], ["corpus/sub/b.csv", "corpus/sub/deep/c.txt", "corpus/sub/deep/d.ndjson"]),
        (["other", "corpus/sub/b.csv"], ["corpus/sub/b.csv", "other/x.parquet", "other/y.tsv"]),
        (["corpus", "corpus/a.jsonl", "./corpus/a.jsonl", "corpus/*.jsonl"], CORPUS_FILES),
    ],
    ids=[
        "folder-recursive",
        "folder-trailing-slash",
        "file",
        "hidden-file-named-explicitly",
        "glob",
        "double-star",
        "question-mark",
        "char-class",
        "glob-matching-folder",
        "sorted-across-args",
        "deduplicated",
    ],
)
def test_discover_inputs(tree, args, expected):
    found = discover_inputs(args)
    assert [p.as_posix() for p in found] == expected
    assert not any(p.is_absolute() for p in found)


def test_discover_inputs_absolute_stays_absolute(tree):
    found = discover_inputs([str(tree / "other")])
    assert found == [tree / "other/x.parquet", tree / "other/y.tsv"]


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("missing.jsonl", "'missing.jsonl': no such file or folder"),
        ("corpus/*.xml", r"'corpus/\*.xml': pattern matches no supported files"),
        ("nowhere/**/*.jsonl", "pattern matches no supported files"),
        ("empty", "'empty': folder has no supported files"),
        ("corpus/notes.md", "'corpus/notes.md': unsupported file type '.md'"),
        ("", "empty argument"),
    ],
    ids=[
        "missing-file",
        "glob-no-match",
        "glob-missing-folder",
        "empty-folder",
        "bad-ext",
        "empty",
    ],
)
def test_discover_inputs_errors(tree, arg, message):
    with pytest.raises(InputError, match=message):
        discover_inputs(["corpus", arg])


# --- encodings ------------------------------------------------------------------------

SAMPLE = f"{TITLE_1}\n{TEXT_1}\nسعر البرميل 75 دولاراً (2024)."

ENCODING_CASES = [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
    (SAMPLE.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le"),
    (SAMPLE.encode("cp1256"), "cp1256"),
    (SAMPLE.replace("\n", "\r\n").encode("cp1256"), "cp1256"),
    (b"", "utf-8"),
]
ENCODING_IDS = [
    "utf8",
    "utf8-bom",
    "utf16le-bom",
    "utf16be-bom",
    "utf16le-no-bom",
    "utf32le-bom",
    "cp1256",
    "cp1256-crlf",
    "empty",
]


@pytest.mark.parametrize(("data", "encoding"), ENCODING_CASES, ids=ENCODING_IDS)
def test_detect_encoding(data, encoding):
    assert detect_encoding(data, None) == encoding


@pytest.mark.parametrize(("data", "encoding"), ENCODING_CASES, ids=ENCODING_IDS)
def test_decode_bytes_strips_bom_and_unifies_newlines(data, encoding):
    expected = SAMPLE if data else ""
    assert decode_bytes(data, None, "f.txt") == expected


@pytest.mark.parametrize(
    "text",
    [TEXT_2, "نص", "مرحبا بكم في الموقع", "id,title\n1,خبر\n", '{"text": "خبر قصير"}', "سعر 5"],
    ids=["sentence", "one-word", "greeting", "csv", "json", "word-and-digit"],
)
def test_short_cp1256_is_read_as_arabic(text):
    # charset-normalizer alone reads several of these as big5, cp932 or cp1251.
    data = text.encode("cp1256")
    assert detect_encoding(data, None) == "cp1256"
    assert decode_bytes(data, None, "f.txt") == text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a\r\nb\rc\n", "a\nb\nc\n"),
        (b"\r\n\r\n", "\n\n"),
        ("سطر\u2028داخل".encode(), "سطر\u2028داخل"),
    ],
    ids=["crlf-and-cr", "blank-crlf", "line-separator-untouched"],
)
def test_decode_bytes_newlines(data, expected):
    assert decode_bytes(data, None, "f.txt") == expected


def test_damaged_utf8_keeps_utf8_with_a_replacement_character():
    data = TEXT_1.encode("utf-8") + b"\xff" + TEXT_2.encode("utf-8")
    assert detect_encoding(data, None) == "utf-8"
    assert decode_bytes(data, None, "f.txt") == f"{TEXT_1}\ufffd{TEXT_2}"


def test_binary_data_is_not_text():
    with pytest.raises(DecodeError, match=r"^f\.txt: .*--encoding"):
        decode_bytes(bytes(range(256)) * 8, None, "f.txt")


@pytest.mark.parametrize(
    ("data", "forced", "expected"),
    [
        (TEXT_1.encode("cp1256"), "cp1256", TEXT_1),
        (TEXT_1.encode("cp1256"), "Windows-1256", TEXT_1),
        (codecs.BOM_UTF8 + TEXT_1.encode("utf-8"), "utf-8", TEXT_1),
        (codecs.BOM_UTF16_LE + TEXT_1.encode("utf-16-le"), "utf-16", TEXT_1),
        ("a\r\nb".encode("cp1256"), "cp1256", "a\nb"),
    ],
    ids=["cp1256", "alias-name", "utf8-bom-stripped", "utf16", "crlf"],
)
def test_forced_encoding(data, forced, expected):
    assert decode_bytes(data, forced, "f.txt") == expected


def test_forced_encoding_that_does_not_fit_is_a_decode_error():
    with pytest.raises(DecodeError, match=r"f\.txt: not valid utf-8 \(--encoding\)"):
        decode_bytes(TEXT_1.encode("cp1256"), "utf-8", "f.txt")


@pytest.mark.parametrize("name", ["no-such-codec", "base64", "zlib"])
def test_unknown_or_non_text_codec_is_an_input_error(name):
    with pytest.raises(InputError, match=f"--encoding '{name}'"):
        detect_encoding(b"x", name)
    with pytest.raises(InputError):
        validate_encoding(name)


def test_validate_encoding_returns_python_name():
    assert validate_encoding("Windows-1256") == "cp1256"
    assert detect_encoding(b"\xff\xfe", "UTF8") == "utf-8"


# --- JSON Lines -----------------------------------------------------------------------


def test_jsonl_records_rejects_and_line_numbers(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": TITLE_1, "text": TEXT_1, "source": SOURCE}),
        "",
        "   ",
        '{"text": "نص مقطوع',
        json.dumps([TEXT_1]),
        json.dumps({"title": TITLE_2}),
        json.dumps({"text": "   ", "title": TITLE_2}),
        json.dumps({"id": 42, "text": TEXT_2, "published_at": 1700000000, "url": None}),
        '{"text": "نص", "title": NaN}',
        json.dumps({"text": [TEXT_1, TEXT_2]}),
        json.dumps("just a string"),
    ]
    path = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    ref = str(path)
    assert summary(read(path)) == [
        (f"{ref}:line 1", {"text": TEXT_1, "title": TITLE_1, "source": SOURCE, "id": "a1"}),
        (f"{ref}:line 4", "malformed_record"),
        (f"{ref}:line 5", "malformed_record"),
        (f"{ref}:line 6", "no_text"),
        (f"{ref}:line 7", "no_text"),
        (f"{ref}:line 8", {"text": TEXT_2, "published_at": 1700000000, "id": "42"}),
        (f"{ref}:line 9", {"text": "نص"}),
        (f"{ref}:line 10", "malformed_record"),
        (f"{ref}:line 11", "malformed_record"),
    ]


def test_jsonl_reject_details(tmp_path):
    lines = ['{"text": ', "[1, 2]", '{"Headline": "x"}', '{"body": ""}', '{"text": {"a": 1}}']
    path = write(tmp_path / "bad.ndjson", "\n".join(lines))
    details = [r.detail for r in read(path)]
    assert details[0].startswith("invalid JSON")
    assert details[1] == "expected an object, got an array"
    assert details[2] == "no text column (columns: 'Headline')"
    assert details[3] == "column 'body' is empty"
    assert details[4] == "field text (column 'text') is an object, expected a single value"


def test_jsonl_crlf_and_bom(tmp_path):
    body = json.dumps({"text": TEXT_1}, ensure_ascii=False) + "\r\n\r\n"
    body += json.dumps({"text": TEXT_2}, ensure_ascii=False) + "\r\n"
    path = write(tmp_path / "w.jsonl", codecs.BOM_UTF8 + body.encode("utf-8"))
    ref = str(path)
    assert summary(read(path)) == [
        (f"{ref}:line 1", {"text": TEXT_1}),
        (f"{ref}:line 3", {"text": TEXT_2}),
    ]


def test_jsonl_aliases_per_record(tmp_path):
    lines = [
        {"Headline": TITLE_1, "BODY": TEXT_1, "Outlet": SOURCE, "pubDate": "2024-03-01"},
        {"title": TITLE_2, "content": TEXT_2, "link": "https://example.com/2"},
    ]
    path = write(tmp_path / "mixed.jsonl", "\n".join(json.dumps(x) for x in lines))
    assert [r.fields for r in read(path)] == [
        {"text": TEXT_1, "title": TITLE_1, "source": SOURCE, "published_at": "2024-03-01"},
        {"text": TEXT_2, "title": TITLE_2, "url": "https://example.com/2"},
    ]


def test_jsonl_field_map(tmp_path):
    lines = [
        {"story": TEXT_1, "body": "ليس هذا", "Paper": SOURCE},
        {"body": TEXT_2},
    ]
    path = write(tmp_path / "m.jsonl", "\n".join(json.dumps(x) for x in lines))
    items = read(path, field_map={"text": "story", "source": "paper"})
    assert summary(items) == [
        (f"{path}:line 1", {"text": TEXT_1, "source": SOURCE}),
        (f"{path}:line 2", "no_text"),
    ]


# --- JSON -----------------------------------------------------------------------------

JSON_CASES = [
    ([{"text": TEXT_1}, {"body": TEXT_2, "id": 7}], [("#1", {"text": TEXT_1}), ("#2", {"text": TEXT_2, "id": "7"})]),
    ({"status": "ok", "count": 2, "articles": [{"text": TEXT_1}, {"text": TEXT_2}]}, [("#1", {"text": TEXT_1}), ("#2", {"text": TEXT_2})]),
    ({"headline": TITLE_1, "story": TEXT_1}, [("#1", {"text": TEXT_1, "title": TITLE_1})]),
    ({"text": TEXT_1, "related": [{"title": TITLE_2}]}, [("#1", {"text": TEXT_1})]),
    ([{"text": TEXT_1}, "نص", None, {"title": TITLE_2}], [("#1", {"text": TEXT_1}), ("#2", "malformed_record"), ("#3", "malformed_record"), ("#4", "no_text")]),
    ([], []),
    ("a string", [("#1", "malformed_record")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("doc", "expected"),
    JSON_CASES,
    ids=[
        "array",
        "wrapper-object",
        "single-object",
        "object-with-text-and-list",
        "non-objects-in-array",
        "empty-array",
        "scalar",
    ],
)
def test_json(tmp_path, doc, expected):
    path = write(tmp_path / "doc.json", json.dumps(doc, ensure_ascii=False, indent=2))
    assert summary(read(path)) == [(f"{path}{suffix}", out) for suffix, out in expected]


def test_json_lines_under_json_name(tmp_path):
    body = json.dumps({"text": TEXT_1}) + "\n\n" + json.dumps({"text": TEXT_2}) + "\n"
    path = write(tmp_path / "lines.json", body)
    assert summary(read(path)) == [
        (f"{path}:line 1", {"text": TEXT_1}),
        (f"{path}:line 3", {"text": TEXT_2}),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [('[{"text": "نص"},', ["unreadable_file"]), ("", []), ("  \n", [])],
    ids=["truncated", "empty", "blank"],
)
def test_json_whole_file(tmp_path, content, expected):
    path = write(tmp_path / "x.json", content)
    items = read(path)
    assert [i.reason for i in items] == expected
    assert all(i.input_ref == str(path) for i in items)


# --- CSV / TSV ------------------------------------------------------------------------


def test_csv_aliases_multiline_and_physical_lines(tmp_path):
    content = (
        "Headline,BODY,Outlet,pubDate\n"  # line 1
        f"{TITLE_1},{TEXT_1},{SOURCE},2024-03-01\n"  # line 2
        f'"{TITLE_2}","سطر أول\n\nسطر ثالث, بفاصلة",{SOURCE},2024-03-02\n'  # lines 3-5
        "\n"  # line 6: blank, skipped
        f"{TITLE_1},{TEXT_2},{SOURCE}\n"  # line 7: too few fields
        f'عنوان,"{TEXT_2} ""مقتبس""",,\n'  # line 8
        f"{TITLE_2},,{SOURCE},2024-03-03\n"  # line 9: empty body
    )
    path = write(tmp_path / "news.csv", content)
    assert summary(read(path)) == [
        (
            f"{path}:line 2",
            {"text": TEXT_1, "title": TITLE_1, "source": SOURCE, "published_at": "2024-03-01"},
        ),
        (
            f"{path}:line 3",
            {
                "text": "سطر أول\n\nسطر ثالث, بفاصلة",
                "title": TITLE_2,
                "source": SOURCE,
                "published_at": "2024-03-02",
            },
        ),
        (f"{path}:line 7", "malformed_record"),
        (f"{path}:line 8", {"text": f'{TEXT_2} "مقتبس"', "title": "عنوان"}),
        (f"{path}:line 9", "no_text"),
    ]
    assert read(path)[2].detail == "3 fields, the header has 4"


@pytest.mark.parametrize(
    ("name", "delimiter", "encoding", "newline"),
    [
        ("semi.csv", ";", "utf-8", "\n"),
        ("pipe.csv", "|", "utf-8", "\n"),
        ("tab.csv", "\t", "utf-8", "\n"),
        ("data.tsv", "\t", "utf-8", "\n"),
        ("win.csv", ",", "cp1256", "\r\n"),
        ("bom.csv", ",", "utf-8-sig", "\r\n"),
        ("wide.tsv", "\t", "utf-16", "\n"),
    ],
    ids=["semicolon", "pipe", "tab-in-csv", "tsv", "cp1256-crlf", "utf8-bom", "utf16-tsv"],
)
def test_delimited_variants(tmp_path, name, delimiter, encoding, newline):
    rows = [["id", "title", "text"], ["1", TITLE_1, f"{TEXT_1}, ثم"], ["2", TITLE_2, TEXT_2]]
    if delimiter == ",":  # the comma inside the text must be quoted
        rows[1][2] = f'"{rows[1][2]}"'
    content = newline.join(delimiter.join(row) for row in rows) + newline
    path = write(tmp_path / name, content, encoding)
    assert summary(read(path)) == [
        (f"{path}:line 2", {"text": f"{TEXT_1}, ثم", "title": TITLE_1, "id": "1"}),
        (f"{path}:line 3", {"text": TEXT_2, "title": TITLE_2, "id": "2"}),
    ]


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("id,title,text", ","),
        ("id;title;text", ";"),
        ("id\ttitle\ttext", "\t"),
        ("id|title|text", "|"),
        ('"a,b";c;d', ";"),
        ("text", ","),
        ("\n\nid;text", ";"),
    ],
    ids=["comma", "semicolon", "tab", "pipe", "quoted-comma", "one-column", "leading-blank"],
)
def test_sniff_delimiter(header, delimiter):
    assert sniff_delimiter(header + "\n1,2,3\n") == delimiter


def test_csv_field_map_and_duplicate_headers(tmp_path):
    content = f"matn,title,title,Paper\n{TEXT_1},{TITLE_1},ثاني,{SOURCE}\n"
    path = write(tmp_path / "m.csv", content)
    items = read(path, field_map={"text": "MATN", "publisher": "paper"})
    assert summary(items) == [
        (f"{path}:line 2", {"text": TEXT_1, "title": TITLE_1, "publisher": SOURCE}),
    ]


def test_csv_field_map_missing_column_is_an_input_error(tmp_path):
    path = write(tmp_path / "m.csv", f"body\n{TEXT_1}\n")
    with pytest.raises(InputError, match=r"m\.csv: --map text=story: no column 'story'"):
        read(path, field_map={"text": "story"})


def test_csv_huge_field(tmp_path):
    long_text = "كلمة " * 60_000  # ~300 kB, beyond csv's default 128 kB field limit
    path = write(tmp_path / "big.csv", f'text\n"{long_text}"\n')
    [record] = read(path)
    assert record.fields["text"] == long_text.strip()


@pytest.mark.parametrize(
    ("content", "expected"),
    [("", []), ("text,title\n", []), ("\n\n", [])],
    ids=["empty", "header-only", "blank-lines"],
)
def test_csv_without_rows(tmp_path, content, expected):
    assert read(write(tmp_path / "e.csv", content)) == expected


# --- Parquet --------------------------------------------------------------------------


def write_parquet(path: Path, columns: dict, row_group_size: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), path, row_group_size=row_group_size)
    return path


def test_parquet_records(tmp_path):
    when = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    path = write_parquet(
        tmp_path / "news.parquet",
        {
            "Title": [TITLE_1, TITLE_2, None],
            "body": [TEXT_1, TEXT_2, None],
            "published": pa.array([when, None, when], pa.timestamp("us", tz="UTC")),
            "id": [101, 102, 103],
            "ignored": ["x", "y", "z"],
        },
    )
    assert summary(read(path)) == [
        (
            f"{path}#1",
            {
                "text": TEXT_1,
                "title": TITLE_1,
                "published_at": "2024-03-01T09:00:00+00:00",
                "id": "101",
            },
        ),
        (f"{path}#2", {"text": TEXT_2, "title": TITLE_2, "id": "102"}),
        (f"{path}#3", "no_text"),
    ]


def test_parquet_numbering_spans_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "PARQUET_BATCH_ROWS", 2)
    texts = [f"{TEXT_1} {n}" for n in range(5)]
    path = write_parquet(tmp_path / "b.parquet", {"text": texts}, row_group_size=3)
    items = read(path)
    assert [i.input_ref for i in items] == [f"{path}#{n}" for n in range(1, 6)]
    assert [i.fields["text"] for i in items] == texts


def test_parquet_without_text_column(tmp_path):
    path = write_parquet(tmp_path / "t.parquet", {"Headline": [TITLE_1, TITLE_2]})
    items = read(path)
    assert [(i.input_ref, i.reason, i.detail) for i in items] == [
        (f"{path}#1", "no_text", "no text column (columns: 'Headline')"),
        (f"{path}#2", "no_text", "no text column (columns: 'Headline')"),
    ]


def test_parquet_field_map(tmp_path):
    path = write_parquet(tmp_path / "m.parquet", {"matn": [TEXT_1], "body": ["غير هذا"]})
    assert [r.fields for r in read(path, field_map={"text": "matn"})] == [{"text": TEXT_1}]
    with pytest.raises(InputError, match="no column 'story'"):
        read(path, field_map={"text": "story"})


def test_parquet_that_is_not_parquet(tmp_path):
    path = write(tmp_path / "fake.parquet", "هذا ليس ملف باركيه")
    [reject] = read(path)
    assert (reject.input_ref, reject.reason) == (str(path), "unreadable_file")


# --- TXT ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "encoding", "expected"),
    [
        (f"{TITLE_1}\n\n{TEXT_1}\n", "utf-8", f"{TITLE_1}\n\n{TEXT_1}"),
        (f"{TITLE_1}\r\n\r\n{TEXT_1}\r\n", "cp1256", f"{TITLE_1}\n\n{TEXT_1}"),
        (f"{TEXT_2}\r\n", "utf-16", TEXT_2),
        (f"\ufeff{TEXT_2}", "utf-16-be", TEXT_2),
    ],
    ids=["utf8", "cp1256-crlf", "utf16-bom", "utf16be-bom"],
)
def test_txt_is_one_record(tmp_path, content, encoding, expected):
    path = write(tmp_path / "page.txt", content, encoding)
    assert summary(read(path)) == [(str(path), {"text": expected})]


def test_empty_txt_is_no_text(tmp_path):
    path = write(tmp_path / "empty.txt", " \n\n")
    assert summary(read(path)) == [(str(path), "no_text")]


def test_txt_with_forced_encoding(tmp_path):
    path = write(tmp_path / "p.txt", TEXT_1, "cp1256")
    assert read(path, encoding="cp1256")[0].fields == {"text": TEXT_1}
    [reject] = read(path, encoding="utf-8")
    assert reject.reason == "unreadable_file"
    assert "not valid utf-8" in reject.detail


# --- whole-file failures --------------------------------------------------------------


@pytest.mark.parametrize("name", ["gone.jsonl", "gone.csv", "gone.txt", "gone.parquet"])
def test_missing_file_is_one_unreadable_reject(tmp_path, name):
    path = tmp_path / name
    [reject] = read(path)
    assert reject == Reject(str(path), "unreadable_file", reject.detail)
    assert "No such file" in reject.detail


def test_folder_named_like_a_file_is_unreadable(tmp_path):
    path = tmp_path / "dir.jsonl"
    path.mkdir()
    assert [r.reason for r in read(path)] == ["unreadable_file"]


def test_binary_file_is_unreadable(tmp_path):
    path = write(tmp_path / "img.txt", bytes(range(256)) * 16)
    [reject] = read(path)
    assert (reject.input_ref, reject.reason) == (str(path), "unreadable_file")


def test_unsupported_extension_raises(tmp_path):
    with pytest.raises(InputError, match="unsupported file type '.xml'"):
        read(write(tmp_path / "a.xml", "<a/>"))


def test_relative_input_ref_stays_relative(tmp_path, monkeypatch):
    write(tmp_path / "rel/a.jsonl", json.dumps({"text": TEXT_1}))
    monkeypatch.chdir(tmp_path)
    assert read(Path("rel/a.jsonl"))[0].input_ref == "rel/a.jsonl:line 1"


# --- fingerprint ----------------------------------------------------------------------


def test_fingerprint(tmp_path):
    data = TEXT_1.encode("utf-8") * 1000
    path = write(tmp_path / "f.jsonl", data)
    assert fingerprint(path) == {
        "path": str(path),
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def test_fingerprint_of_missing_file(tmp_path):
    result = fingerprint(tmp_path / "gone.jsonl")
    assert (result["bytes"], result["sha256"]) == (None, None)
    assert "No such file" in result["error"]


# --- real corpus ----------------------------------------------------------------------


@pytest.mark.shared
def test_reads_saudinewsnet_sample():
    path = SHARED / "corpora" / "saudinewsnet_5000.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found: the shared corpora sit beside the checkout")
    items = list(read_file(path, encoding=None, field_map={}))
    assert len(items) == 5000
    assert all(isinstance(i, RawRecord) and i.fields["text"] for i in items)
    assert items[0].input_ref == f"{path}:line 1"
    assert items[-1].input_ref == f"{path}:line 5000"
    assert {"text", "source", "published_at", "url", "id"} <= set(items[0].fields)
