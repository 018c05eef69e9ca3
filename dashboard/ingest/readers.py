"""Input files → raw records: find the files, decode them, parse each format.

    paths = discover_inputs(["corpus/", "extra/*.csv"])
    for item in read_file(path, encoding=None, field_map={}):
        # RawRecord(input_ref, fields) or Reject(input_ref, reason, detail)

Formats, chosen by extension: JSON Lines (`.jsonl`, `.ndjson`), JSON (`.json`: an array of
objects, one object, or an object holding one list of objects), delimited text (`.csv`
with `,` `;` tab or `|` sniffed from the header, `.tsv`), Parquet, and plain text (`.txt`,
the whole file is one article's text). Text files may be UTF-8 (with or without BOM),
UTF-16/32 with BOM or Windows-1256; `--encoding` forces a codec.

`input_ref` says where a record came from (docs/ARCHITECTURE.md): `path:line N` for JSON
lines and CSV rows (the physical line where the record starts), `path#N` for JSON and
Parquet items (1-based), `path` for a text file or a whole-file problem. Nothing here
raises for bad data: a file that cannot be opened or decoded is one `unreadable_file`
reject, a record that does not parse is a `malformed_record`, a record without text is
`no_text`. Only mistakes in the command line (an input that matches nothing, an unknown
codec, a `--map` column missing from a table's header) raise `InputError`.
"""

from __future__ import annotations

import codecs
import csv
import glob
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import charset_normalizer
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.ingest.fields import extract_fields, resolve_columns

try:  # orjson is 3-5x faster on big JSON Lines files; json is the fallback.
    import orjson

    _fast_loads: Callable[[str], object] = orjson.loads
except ImportError:  # pragma: no cover - depends on the environment
    _fast_loads = json.loads


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record with canonical field names (absent fields are missing keys)."""

    input_ref: str
    fields: dict


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that could not be read; `reason` is one of REJECT_REASONS."""

    input_ref: str
    reason: str
    detail: str


class InputError(ValueError):
    """The command line names inputs that cannot be used (message names the argument)."""


class DecodeError(ValueError):
    """File bytes that cannot be decoded as text (message names file and codec)."""


REJECT_REASONS = ("unreadable_file", "malformed_record", "no_text")

SUPPORTED_EXTENSIONS = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".txt")
_GLOB_CHARS_RE = re.compile(r"[*?\[]")

# Longest BOM first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_ENCODING_SAMPLE_CHARS = 200_000
_UTF16_SAMPLE_BYTES = 65_536
_UTF16_MIN_NUL_SHARE = 0.05
# Valid UTF-8 with a few damaged bytes has far fewer errors than non-ASCII characters;
# Windows-1256 Arabic read as UTF-8 fails on nearly every non-ASCII byte.
_MAX_UTF8_ERROR_SHARE = 0.05

CSV_DELIMITERS = (",", ";", "\t", "|")
# Article bodies in one CSV field easily exceed csv's default 128 KiB limit.
_CSV_FIELD_SIZE_LIMIT = 2**31 - 1
PARQUET_BATCH_ROWS = 4096
_HASH_CHUNK_BYTES = 1 << 20
_DETAIL_COLUMNS = 12


# --- finding the inputs ---------------------------------------------------------------


def _is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_EXTENSIONS


def _walk(root: Path) -> list[Path]:
    """Supported files under `root`, recursively, skipping hidden files and folders."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        found.extend(
            base / name
            for name in filenames
            if not name.startswith(".") and _is_supported(Path(name))
        )
    return found


def _expand(arg: str) -> list[Path]:
    """One command-line input → the files it names; InputError when it names none."""
    supported = " ".join(SUPPORTED_EXTENSIONS)
    if not arg.strip():
        raise InputError("input: empty argument")
    path = Path(arg)
    if path.is_dir():
        files = _walk(path)
        if not files:
            raise InputError(f"input {arg!r}: folder has no supported files ({supported})")
        return files
    if path.exists():
        if not _is_supported(path):
            raise InputError(
                f"input {arg!r}: unsupported file type {path.suffix or '(none)'!r}"
                f" (supported: {supported})"
            )
        return [path]
    if _GLOB_CHARS_RE.search(arg):
        files = []
        for match in glob.glob(arg, recursive=True):
            hit = Path(match)
            if hit.is_dir():
                files.extend(_walk(hit))
            elif _is_supported(hit):
                files.append(hit)
        if not files:
            raise InputError(f"input {arg!r}: pattern matches no supported files ({supported})")
        return files
    raise InputError(f"input {arg!r}: no such file or folder")


def discover_inputs(args: list[str]) -> list[Path]:
    """Command-line inputs (files, folders, globs with `*` `?` `[` `**`) → sorted files.

    Folders are searched recursively for supported extensions, hidden entries skipped.
    Each file appears once (the same file reached twice counts once). Raises InputError
    naming the argument when one matches nothing, or names an unsupported file.
    """
    found = [path for arg in args for path in _expand(arg)]
    unique: dict[Path, Path] = {}
    for path in sorted(found):
        unique.setdefault(path.resolve(), path)
    return sorted(unique.values())


def fingerprint(path: Path) -> dict:
    """`{"path", "bytes", "sha256"}` of one input file for the manifest (hash streamed).

    A file that cannot be read gets `bytes`/`sha256` None and an `error` message.
    """
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK_BYTES):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        return {"path": str(path), "bytes": None, "sha256": None, "error": _os_error(exc)}
    return {"path": str(path), "bytes": size, "sha256": digest.hexdigest()}


# --- decoding -------------------------------------------------------------------------


def validate_encoding(name: str) -> str:
    """A codec name from `--encoding` → Python's name for it; InputError if unknown."""
    try:
        # Decoding (not just lookup) also refuses codecs that are not text encodings
        # (base64, zlib); whether these bytes decode does not matter.
        b"\x00\x00\x00\x00".decode(name)
    except UnicodeDecodeError:
        pass
    except LookupError as exc:
        raise InputError(f"--encoding {name!r}: not a known text encoding ({exc})") from None
    return codecs.lookup(name).name


def _bom_encoding(data: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when NUL bytes sit on one side of the byte pairs, as the high
    byte of spaces, digits and punctuation does in UTF-16 saved without a BOM (Arabic
    letters U+06xx have no NUL byte, so the share is lower than for Latin text)."""
    sample = data[:_UTF16_SAMPLE_BYTES]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if pairs == 0 or max(even, odd) < _UTF16_MIN_NUL_SHARE * pairs:
        return None
    if odd > 4 * even:
        return "utf-16-le"
    if even > 4 * odd:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Invalid UTF-8, but only a few damaged bytes among many valid multibyte characters."""
    text = data.decode("utf-8", errors="replace")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return text.count("\ufffd") <= _MAX_UTF8_ERROR_SHARE * non_ascii


def _looks_arabic(text: str) -> bool:
    """Most non-ASCII characters are Arabic letters (so cp1256 was the right guess)."""
    sample = text[:_ENCODING_SAMPLE_CHARS]
    arabic = len(_ARABIC_LETTER_RE.findall(sample))
    return arabic > 0 and 2 * arabic >= len(_NON_ASCII_RE.findall(sample))


def _sniff_decode(data: bytes) -> tuple[str, str]:
    """Bytes → (encoding, text) without a forced codec; DecodeError when nothing fits.

    Order: BOM, UTF-16 without BOM (NUL byte pattern), strict UTF-8, lightly damaged
    UTF-8 (bad bytes replaced), Windows-1256 when it yields Arabic letters, then
    charset-normalizer as a last resort.
    """
    encoding = _bom_encoding(data)
    if encoding is not None:
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"has a {encoding} BOM but does not decode: {exc}") from None
    has_nul = b"\x00" in data[:_UTF16_SAMPLE_BYTES]
    # UTF-16 Arabic without a BOM is mostly bytes below 0x80: valid (but wrong) UTF-8.
    encoding = _bomless_utf16(data) if has_nul else None
    if encoding is not None:
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError:
            pass
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return "utf-8", data.decode("utf-8", errors="replace")
    if not has_nul:  # Windows-1256 text has no NUL bytes; binary data has
        text = data.decode("cp1256")  # defines all 256 bytes: never fails
        if _looks_arabic(text):
            return "cp1256", text
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError("is not text in any encoding recognised (try --encoding)")
    return best.encoding, str(best)


def detect_encoding(data: bytes, forced: str | None) -> str:
    """The codec to read `data` with: `forced` if given (InputError if unknown), else
    sniffed (BOM, UTF-8, Windows-1256 for Arabic, charset-normalizer). DecodeError if
    the bytes are not text."""
    if forced:
        return validate_encoding(forced)
    return _sniff_decode(data)[0]


def _normalize_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_bytes(data: bytes, forced: str | None, path: Path | str) -> str:
    """File bytes → text with the BOM stripped and CRLF/CR turned into LF.

    `forced` (from `--encoding`) decodes strictly with that codec; otherwise the codec
    is sniffed as in `detect_encoding`. Raises DecodeError naming `path` when the
    bytes cannot be decoded, InputError when `forced` is not a codec.
    """
    if forced:
        encoding = validate_encoding(forced)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{path}: not valid {encoding} (--encoding): {exc}") from None
    else:
        try:
            _, text = _sniff_decode(data)
        except DecodeError as exc:
            raise DecodeError(f"{path}: {exc}") from None
    return _normalize_newlines(text)


# --- records --------------------------------------------------------------------------


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "null"
    return type(value).__name__


def _columns_hint(columns: list) -> str:
    names = [repr(c) for c in columns[:_DETAIL_COLUMNS]]
    more = f", ... ({len(columns)} in all)" if len(columns) > _DETAIL_COLUMNS else ""
    return ", ".join(names) + more if names else "none"


def _to_record(
    ref: str, obj: Mapping, column_map: Mapping[str, str], columns: list
) -> RawRecord | Reject:
    """A parsed object and its column map → RawRecord, or Reject (no_text / malformed)."""
    fields = extract_fields(obj, column_map)
    for field, value in fields.items():
        if not isinstance(value, (str, int, float)):
            return Reject(
                ref,
                "malformed_record",
                f"field {field} (column {column_map[field]!r}) is {_json_type(value)},"
                " expected a single value",
            )
    if "text" not in fields:
        if "text" in column_map:
            detail = f"column {column_map['text']!r} is empty"
        else:
            detail = f"no text column (columns: {_columns_hint(columns)})"
        return Reject(ref, "no_text", detail)
    return RawRecord(ref, fields)


class _ColumnMaps:
    """Column maps per key set, for inputs whose records each carry their own keys."""

    def __init__(self, field_map: Mapping[str, str]) -> None:
        self.field_map = field_map
        self.cache: dict[tuple, dict[str, str]] = {}

    def record(self, ref: str, obj: object) -> RawRecord | Reject:
        if not isinstance(obj, dict):
            return Reject(ref, "malformed_record", f"expected an object, got {_json_type(obj)}")
        keys = tuple(obj)
        column_map = self.cache.get(keys)
        if column_map is None:
            column_map = resolve_columns(keys, self.field_map, missing_ok=True)
            self.cache[keys] = column_map
        return _to_record(ref, obj, column_map, list(keys))


def _loads(text: str) -> object:
    """Parse JSON; the stdlib parser gets a second try because it accepts NaN/Infinity."""
    try:
        return _fast_loads(text)
    except ValueError:
        return json.loads(text)


def _read_jsonl(text: str, ref: str, field_map: Mapping[str, str]) -> Iterator:
    maps = _ColumnMaps(field_map)
    # split("\n"), not splitlines(): U+2028 and friends may sit inside JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line or line.isspace():
            continue
        line_ref = f"{ref}:line {number}"
        try:
            obj = _loads(line)
        except ValueError as exc:
            yield Reject(line_ref, "malformed_record", f"invalid JSON: {exc}")
            continue
        yield maps.record(line_ref, obj)


def _first_line_is_object(text: str) -> bool:
    """Is this '.json' file really JSON Lines (its first non-blank line an object)?"""
    line = next((ln for ln in text.split("\n") if ln.strip()), "")
    try:
        return isinstance(_loads(line), dict)
    except ValueError:
        return False


def _json_items(doc: object, field_map: Mapping[str, str]) -> list:
    """A parsed JSON document → its records: the array itself, or the one list of
    objects inside a wrapper object like {"articles": [...]}, or the document alone."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        if "text" in resolve_columns(doc, field_map, missing_ok=True):
            return [doc]
        lists = [
            value
            for value in doc.values()
            if isinstance(value, list) and any(isinstance(item, dict) for item in value)
        ]
        if len(lists) == 1:
            return lists[0]
    return [doc]


def _read_json(text: str, ref: str, field_map: Mapping[str, str]) -> Iterator:
    if not text.strip():
        return
    try:
        doc = _loads(text)
    except ValueError as exc:
        # Many datasets ship JSON Lines under a .json name.
        if _first_line_is_object(text):
            yield from _read_jsonl(text, ref, field_map)
        else:
            yield Reject(ref, "unreadable_file", f"invalid JSON: {exc}")
        return
    maps = _ColumnMaps(field_map)
    for number, item in enumerate(_json_items(doc, field_map), start=1):
        yield maps.record(f"{ref}#{number}", item)


def sniff_delimiter(text: str) -> str:
    """The delimiter among `CSV_DELIMITERS` that splits the header line into most
    fields (ties go to the earlier one, so a one-column file gets `,`)."""
    header = next((ln for ln in text.split("\n", 64) if ln.strip()), "")

    def width(delimiter: str) -> int:
        return len(next(csv.reader([header], delimiter=delimiter), []))

    return max(CSV_DELIMITERS, key=lambda d: (width(d), -CSV_DELIMITERS.index(d)))


def _read_delimited(
    text: str, ref: str, field_map: Mapping[str, str], delimiter: str | None
) -> Iterator:
    """CSV/TSV rows → records; the first non-blank row is the header."""
    csv.field_size_limit(_CSV_FIELD_SIZE_LIMIT)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter or sniff_delimiter(text))
    header: list[str] | None = None
    column_map: dict[str, str] = {}
    positions: dict[str, int] = {}
    end = 0  # physical lines consumed so far; the next row starts on end + 1
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(f"{ref}:line {start}", "malformed_record", f"CSV error: {exc}")
            if reader.line_num == end:  # the reader made no progress: stop, don't spin
                return
            end = reader.line_num
            continue
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            try:
                column_map = resolve_columns(header, field_map)
            except ValueError as exc:
                raise InputError(f"{ref}: {exc}") from None
            # Duplicate header names: the first column of that name is the one used.
            for index, name in enumerate(header):
                positions.setdefault(name, index)
            continue
        row_ref = f"{ref}:line {start}"
        if len(row) != len(header):
            detail = f"{len(row)} fields, the header has {len(header)}"
            yield Reject(row_ref, "malformed_record", detail)
            continue
        obj = {column: row[positions[column]] for column in column_map.values()}
        yield _to_record(row_ref, obj, column_map, header)


def _read_txt(text: str, ref: str, field_map: Mapping[str, str]) -> Iterator:
    yield _to_record(ref, {"text": text}, {"text": "text"}, ["text"])


def _os_error(exc: OSError) -> str:
    """The reason alone (the reject's input_ref already names the file)."""
    return exc.strerror or str(exc)


def _read_parquet(path: Path, field_map: Mapping[str, str]) -> Iterator:
    """Parquet rows → records, reading only the mapped columns, one batch at a time."""
    ref = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except OSError as exc:
        yield Reject(ref, "unreadable_file", f"cannot open: {_os_error(exc)}")
        return
    except pa.ArrowException as exc:
        yield Reject(ref, "unreadable_file", f"not a Parquet file: {exc}")
        return
    names = parquet.schema_arrow.names
    try:
        column_map = resolve_columns(names, field_map)
    except ValueError as exc:
        raise InputError(f"{ref}: {exc}") from None
    wanted = list(dict.fromkeys(column_map.values()))
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
            for row in batch.to_pylist():
                number += 1
                yield _to_record(f"{ref}#{number}", row, column_map, names)
    except (OSError, pa.ArrowException) as exc:
        yield Reject(ref, "unreadable_file", f"read failed after record {number}: {exc}")


_TEXT_READERS: dict[str, Callable[[str, str, Mapping[str, str]], Iterator]] = {
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".json": _read_json,
    ".csv": partial(_read_delimited, delimiter=None),
    ".tsv": partial(_read_delimited, delimiter="\t"),
    ".txt": _read_txt,
}


def read_file(
    path: Path, *, encoding: str | None = None, field_map: Mapping[str, str] | None = None
) -> Iterator[RawRecord | Reject]:
    """One input file → its records, in file order, as RawRecord or Reject.

    `encoding` forces a codec for text formats (ignored for Parquet); `field_map` holds
    `--map` overrides (canonical field → column). An unopenable or undecodable file gives
    a single `unreadable_file` Reject. Raises InputError for an unsupported extension, an
    unknown codec, or a `--map` column missing from a CSV/TSV/Parquet header.
    """
    path = Path(path)
    field_map = field_map or {}
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from _read_parquet(path, field_map)
        return
    reader = _TEXT_READERS.get(suffix)
    if reader is None:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'!r}")
    ref = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Reject(ref, "unreadable_file", f"cannot open: {_os_error(exc)}")
        return
    try:
        text = decode_bytes(data, encoding, path)
    except DecodeError as exc:
        yield Reject(ref, "unreadable_file", str(exc))
        return
    yield from reader(text, ref, field_map)
