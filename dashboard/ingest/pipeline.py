"""The ingest run: inputs → articles + rejects → dedup → manifest → atomic write.

Accounting is the invariant here: every record a reader yields is counted once, and ends
up either as an article or as a reject with its reason, so that
`records_read == articles_written + records_rejected` holds for every run.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from dashboard import __version__
from dashboard.dataset import schema, store

from .articles import Article, article_id_for, build_article
from .dedup import DedupParams, assign_duplicates
from .readers import (
    InputError,
    RawRecord,
    Reject,
    discover_inputs,
    fingerprint,
    read_file,
    validate_encoding,
)

MAX_WARNING_EXAMPLES = 50

ARTICLE_COLUMNS = [
    "article_id", "source", "publisher", "published_at", "date_source", "title", "body",
    "body_norm", "tags", "url", "n_words", "input_ref", "record_id",
]


class Collector:
    """Accumulates articles and rejects, resolving id clashes between records."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.rejects: list[dict] = []
        self.warnings: list[dict] = []
        self.records_read = 0
        self._by_id: dict[str, tuple[str, str, str]] = {}  # id → (identity, body hash, ref)

    def reject(self, input_ref: str, reason: str, detail: str) -> None:
        self.rejects.append({"input_ref": input_ref, "reason": reason, "detail": detail})

    def add(self, item: RawRecord | Reject, crawl_date: date | None) -> None:
        self.records_read += 1
        if isinstance(item, Reject):
            self.reject(item.input_ref, item.reason, item.detail)
            return
        try:
            result = build_article(item, crawl_date)
        except Exception as exc:  # a bug must not lose the record: account for it
            self.reject(item.input_ref, "processing_error", f"{type(exc).__name__}: {exc}")
            return
        if isinstance(result, Reject):
            self.reject(result.input_ref, result.reason, result.detail)
            return
        self._keep(result)

    def _keep(self, art: Article) -> None:
        body_hash = hashlib.sha1(art.body_norm.encode("utf-8")).hexdigest()
        seen = self._by_id.get(art.article_id)
        if seen is not None:
            identity, seen_hash, seen_ref = seen
            if seen_hash == body_hash:
                self.reject(art.input_ref, "duplicate_record",
                            f"the same record (same id and text) was read at {seen_ref}")
                return
            # Same id/url, different text (an edited re-publication): keep both, and let
            # the second's id follow its content so it stays stable too.
            new_id = article_id_for(f"{art.identity}\x1f{body_hash}")
            if new_id in self._by_id:
                self.reject(art.input_ref, "duplicate_record",
                            f"the same record was read at {self._by_id[new_id][2]}")
                return
            art = Article(**{**asdict(art), "article_id": new_id})
        self._by_id[art.article_id] = (art.identity, body_hash, art.input_ref)
        if art.warning:
            self.warnings.append({"input_ref": art.input_ref, "warning": art.warning})
        self.articles.append(art)


def articles_frame(articles: list[Article]) -> pd.DataFrame:
    """Articles as a DataFrame with the processed schema's dtypes (before dedup columns)."""
    cols = {name: [getattr(a, name) for a in articles] for name in ARTICLE_COLUMNS}
    cols["tags"] = [list(t) for t in cols["tags"]]
    df = pd.DataFrame(cols)
    df["published_at"] = pd.to_datetime(df["published_at"], utc=True).astype(
        "datetime64[us, UTC]")
    df["n_words"] = df["n_words"].astype("int32")
    for name in ("source", "publisher", "title", "url", "record_id"):
        df[name] = df[name].astype(object).where(df[name].notna(), None)
    return df


def _iter_records(paths: list[Path], encoding: str | None, field_map: dict[str, str] | None,
                  counts: Counter) -> Iterable[RawRecord | Reject]:
    for path in paths:
        try:
            for item in read_file(path, encoding=encoding, field_map=field_map or {}):
                counts[str(path)] += 1
                yield item
        except InputError:  # a command-line mistake (--map, --encoding): stop the run
            raise
        except Exception as exc:  # a reader bug: account for the file, don't crash the run
            counts[str(path)] += 1
            yield Reject(str(path), "unreadable_file",
                         f"reading stopped after {counts[str(path)] - 1} record(s): "
                         f"{type(exc).__name__}: {exc}")


def summarise(df: pd.DataFrame, groups: pd.DataFrame, col: Collector) -> dict:
    """The counts that the manifest and the CLI summary report."""
    reasons = Counter(r["reason"] for r in col.rejects)
    dated = df["published_at"].dropna()
    return {
        "records_read": col.records_read,
        "articles_written": len(df),
        "records_rejected": len(col.rejects),
        "rejects_by_reason": dict(sorted(reasons.items())),
        "duplicate_groups": len(groups),
        "duplicate_groups_by_kind": {k: int(v) for k, v in groups["kind"].value_counts().items()},
        "articles_in_duplicate_groups": int(groups["size"].sum()) if len(groups) else 0,
        "undated": int(df["published_at"].isna().sum()),
        "date_sources": {k: int(v) for k, v in df["date_source"].value_counts().items()},
        "date_min": dated.min().isoformat() if len(dated) else None,
        "date_max": dated.max().isoformat() if len(dated) else None,
        "sources": int(df["source"].nunique()),
        "publishers": int(df["publisher"].nunique()),
        "warnings": len(col.warnings),
        "warning_examples": col.warnings[:MAX_WARNING_EXAMPLES],
    }


def run_ingest(
    inputs: list[str | Path],
    out_dir: Path,
    *,
    crawl_date: date | None = None,
    encoding: str | None = None,
    field_map: dict[str, str] | None = None,
    progress: bool = False,
    extra_manifest: dict | None = None,
    dedup_params: DedupParams | None = None,
    on_record: Callable[[int], None] | None = None,
    entities: bool = True,
    jobs: int = 1,
    entity_backend: str | None = None,
) -> dict:
    """Ingest `inputs` (files, folders, globs) into the dataset folder `out_dir`.

    Returns the manifest. Raises readers.InputError for arguments that name no input; data
    problems never raise, they become rejects. `out_dir` is replaced atomically. With
    `entities`, mentions are extracted from every body in `jobs` processes and merged into
    canonical entities (entities.parquet, mentions.parquet).
    """
    t0 = time.perf_counter()
    started = datetime.now(UTC)
    if encoding:
        validate_encoding(encoding)
    paths = discover_inputs([str(p) for p in inputs])
    fingerprints = [fingerprint(p) for p in paths]
    counts: Counter = Counter()
    col = Collector()

    bar = None
    if progress:
        from tqdm import tqdm  # only the CLI shows a bar

        bar = tqdm(unit=" articles", desc="ingest", mininterval=0.5, smoothing=0.1)
    for item in _iter_records(paths, encoding, field_map, counts):
        col.add(item, crawl_date)
        if bar is not None:
            bar.update(1)
        if on_record is not None:
            on_record(col.records_read)
    if bar is not None:
        bar.close()
    t_parse = time.perf_counter()

    df = articles_frame(col.articles)
    params = dedup_params or DedupParams()
    dups, groups = assign_duplicates(df[["article_id", "body_norm", "published_at", "source",
                                         "publisher"]], params)
    df["dup_group"] = dups["dup_group"].to_numpy()
    df["dup_kind"] = dups["dup_kind"].to_numpy()
    t_dedup = time.perf_counter()

    tables = {schema.ARTICLES_FILE: df, schema.DUP_GROUPS_FILE: groups}
    entity_stats = None
    if entities and len(df):
        from .entity_step import entity_tables  # loads the model only when asked

        ebar = None
        if progress:
            from tqdm import tqdm

            ebar = tqdm(total=len(df), unit=" articles", desc="entities", mininterval=0.5)
        ents, mentions, entity_stats = entity_tables(
            df, jobs=jobs, backend=entity_backend,
            on_progress=ebar.update if ebar is not None else None)
        if ebar is not None:
            ebar.close()
        tables[schema.ENTITIES_FILE] = ents
        tables[schema.MENTIONS_FILE] = mentions
    t_entities = time.perf_counter()

    for fp in fingerprints:
        fp["records"] = counts.get(fp["path"], 0)
    manifest = {
        "tool": "marsad",
        "tool_version": __version__,
        "schema_version": schema.SCHEMA_VERSION,
        "created_at": started.isoformat(timespec="seconds"),
        "options": {
            "crawl_date": crawl_date.isoformat() if crawl_date else None,
            "encoding": encoding,
            "map": field_map or {},
        },
        "inputs": fingerprints,
        **summarise(df, groups, col),
        "dedup": asdict(params),
        "entities": entity_stats,
    }
    assert manifest["records_read"] == manifest["articles_written"] + manifest["records_rejected"]
    manifest.update(extra_manifest or {})
    manifest["timings_s"] = {
        "read_parse": round(t_parse - t0, 3),
        "dedup": round(t_dedup - t_parse, 3),
        "entities": round(t_entities - t_dedup, 3),
    }
    t_write = time.perf_counter()
    # Timings of the write itself can't be inside the file being written; the total
    # covers everything up to the write.
    manifest["timings_s"]["total_before_write"] = round(t_write - t0, 3)
    manifest["articles_per_second"] = round(len(df) / max(t_write - t0, 1e-9), 1)
    store.write_dataset(Path(out_dir), tables, col.rejects, manifest)
    manifest["timings_s"]["write"] = round(time.perf_counter() - t_write, 3)
    return manifest
