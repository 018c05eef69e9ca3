"""Reading and writing a processed dataset folder.

A dataset is a folder holding `articles.parquet`, `dup_groups.parquet`, `rejects.jsonl` and
`manifest.json` (and, once entities are extracted, `entities.parquet` and
`mentions.parquet`). It is always written whole, into a temporary folder beside the
target, and then swapped in, so readers never see a half-written dataset and a failed run
leaves the previous one untouched.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import schema

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = REPO_ROOT / "data" / "demo"

# Arrow types for the columns whose pandas dtype does not say enough (lists, UTC).
ARROW_TYPES: dict[str, pa.DataType] = {
    "published_at": pa.timestamp("us", tz="UTC"),
    "first_published_at": pa.timestamp("us", tz="UTC"),
    "tags": pa.list_(pa.string()),
    "outlets": pa.list_(pa.string()),
    "aliases": pa.list_(pa.string()),
    "starts": pa.list_(pa.int32()),
    "ends": pa.list_(pa.int32()),
    "surfaces": pa.list_(pa.string()),
    "n_words": pa.int32(),
    "size": pa.int32(),
    "count": pa.int32(),
    "article_count": pa.int32(),
    "mention_count": pa.int32(),
}


class DatasetError(RuntimeError):
    """The dataset folder is missing, incomplete or unreadable; the message says which file."""


def default_data_dir() -> Path:
    """The folder named by MARSAD_DATA, else the bundled demo dataset."""
    env = os.environ.get("MARSAD_DATA", "").strip()
    return Path(env).expanduser() if env else DEMO_DIR


# --- writing --------------------------------------------------------------------------


def _arrow_schema(df: pd.DataFrame) -> pa.Schema:
    fields = []
    for name in df.columns:
        if name in ARROW_TYPES:
            fields.append(pa.field(name, ARROW_TYPES[name]))
        elif df[name].dtype == object or str(df[name].dtype).startswith(("str", "string")):
            fields.append(pa.field(name, pa.string()))
        else:
            fields.append(pa.field(name, pa.from_numpy_dtype(df[name].dtype)))
    return pa.schema(fields)


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Write one validated table as Parquet (zstd), with explicit Arrow types."""
    table = pa.Table.from_pandas(df, schema=_arrow_schema(df), preserve_index=False)
    pq.write_table(table, path, compression="zstd", row_group_size=50_000)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def write_dataset(
    out_dir: Path,
    tables: dict[str, pd.DataFrame],
    rejects: Iterable[dict],
    manifest: dict,
) -> None:
    """Validate and write every table, rejects and manifest into `out_dir`, atomically.

    `tables` maps file names (schema.ARTICLES_FILE, ...) to DataFrames. On any error the
    temporary folder is removed and `out_dir` is left exactly as it was. The user's own
    files in `out_dir` that belong to the dataset (its aliases.csv) are carried over.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        for name, df in tables.items():
            if name in schema.SCHEMAS:
                df = schema.validate(df, schema.SCHEMAS[name])
            write_table(df, tmp / name)
        with open(tmp / schema.REJECTS_FILE, "w", encoding="utf-8") as fh:
            for row in rejects:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        for name in ALIAS_FILES:
            # Entity corrections made by hand survive a re-ingest of the same folder.
            if (out_dir / name).is_file():
                shutil.copy2(out_dir / name, tmp / name)
        # The manifest goes last: its presence marks a complete dataset.
        with open(tmp / schema.MANIFEST_FILE, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=2, default=str)
            fh.write("\n")
        for f in tmp.iterdir():
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o755)
        _swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap_in(tmp: Path, out_dir: Path) -> None:
    if out_dir.exists() and _exchange(tmp, out_dir):
        # tmp now holds the previous dataset.
        shutil.rmtree(tmp, ignore_errors=True)
    elif out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.rename(out_dir, old)
        os.rename(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, out_dir)
    _fsync_dir(out_dir.parent)


# --- reading --------------------------------------------------------------------------


def load_manifest(data_dir: Path) -> dict:
    """The dataset's manifest; DatasetError if the folder is not a complete dataset."""
    path = Path(data_dir) / schema.MANIFEST_FILE
    if not path.is_file():
        raise DatasetError(f"{data_dir}: no {schema.MANIFEST_FILE} (not a processed dataset, "
                           "or its ingest did not finish); run `python -m dashboard.ingest`")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path}: unreadable manifest ({exc})") from None


# Alias tables change what the entity views count (dashboard/entities/aliases.py), so an
# edit to either invalidates cached results too.
ALIAS_FILES = ("aliases.csv",)
DEFAULT_ALIAS_FILE = REPO_ROOT / "data" / "aliases.csv"


def dataset_fingerprint(data_dir: Path) -> str:
    """A short hash that changes whenever the dataset is rewritten or an alias table that
    applies to it is edited (for cache keys)."""
    path = Path(data_dir) / schema.MANIFEST_FILE
    h = hashlib.sha256(path.read_bytes())
    extra = [Path(data_dir) / n for n in ALIAS_FILES] + [DEFAULT_ALIAS_FILE]
    for name, p in [(n, Path(data_dir) / n) for n in sorted(schema.SCHEMAS)] + \
            [(str(p), p) for p in extra]:
        if p.is_file():
            st = p.stat()
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def table_path(data_dir: Path, name: str) -> Path | None:
    """Path of a table file in the dataset, or None when that (optional) table is absent."""
    p = Path(data_dir) / name
    return p if p.is_file() else None


def check_dataset(data_dir: Path) -> dict:
    """Check that the dataset is complete and each table's columns and their Arrow types
    match the schema (metadata only, no rows are read, so it is cheap at any size).
    Returns the manifest; SchemaError names the file and column."""
    manifest = load_manifest(data_dir)
    for name, sch in schema.SCHEMAS.items():
        path = table_path(data_dir, name)
        if path is None:
            if name in (schema.ARTICLES_FILE, schema.DUP_GROUPS_FILE):
                raise DatasetError(f"{data_dir}: {name} is missing")
            continue
        try:
            arrow_schema = pq.read_schema(path)
        except Exception as exc:  # pyarrow raises several types for corrupt files
            raise DatasetError(f"{path}: unreadable Parquet ({exc})") from None
        missing = [c for c in sch.columns if c not in arrow_schema.names]
        if missing:
            raise schema.SchemaError(f"{name}: missing column(s) {', '.join(map(repr, missing))}")
        for col in sch.columns:
            found = arrow_schema.field(col).type
            wanted = _wanted_arrow_type(col, sch.columns[col])
            if wanted is not None and not _compatible(found, wanted):
                raise schema.SchemaError(f"{name}: column {col!r} is {found}, expected {wanted}")
    return manifest


def _wanted_arrow_type(col: str, column) -> pa.DataType | None:
    if col in ARROW_TYPES:
        return ARROW_TYPES[col]
    return pa.string() if str(column.dtype).startswith("str") else None


def _compatible(found: pa.DataType, wanted: pa.DataType) -> bool:
    """Same type, allowing large/view string variants and any integer width for ints."""
    if found == wanted:
        return True
    if pa.types.is_string(wanted):
        return pa.types.is_string(found) or pa.types.is_large_string(found) or \
            pa.types.is_string_view(found)
    if pa.types.is_integer(wanted):
        return pa.types.is_integer(found)
    if pa.types.is_timestamp(wanted):
        return pa.types.is_timestamp(found) and found.tz is not None
    if pa.types.is_list(wanted):
        return (pa.types.is_list(found) or pa.types.is_large_list(found)) and \
            _compatible(found.value_type, wanted.value_type)
    return False


def read_table(data_dir: Path, name: str, columns: list[str] | None = None,
               validate: bool = True) -> pd.DataFrame:
    """Read a whole table (tests, small datasets, the ingest); the dashboard queries the
    Parquet files through DuckDB instead. With all columns, the schema is validated."""
    path = table_path(data_dir, name)
    if path is None:
        raise DatasetError(f"{data_dir}: {name} is missing")
    df = pq.read_table(path, columns=columns).to_pandas()
    if validate and columns is None and name in schema.SCHEMAS:
        schema.validate(df, schema.SCHEMAS[name])
    return df


def read_rejects(data_dir: Path, limit: int | None = None) -> list[dict]:
    """The rejects file as a list of dicts (first `limit` lines)."""
    path = Path(data_dir) / schema.REJECTS_FILE
    out: list[dict] = []
    if not path.is_file():
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(out) >= limit:
                break
            if line.strip():
                out.append(json.loads(line))
    return out
