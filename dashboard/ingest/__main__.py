"""Turn raw Arabic news into a processed Marsad dataset.

usage: python -m dashboard.ingest INPUT [INPUT ...] --out DIR [--crawl-date YYYY-MM-DD]
                                  [--encoding ENC] [--map FIELD=COLUMN ...] [--jobs N]
                                  [--no-entities] [--entity-backend NAME] [--quiet]

INPUT is a file (.jsonl .ndjson .json .csv .tsv .parquet .txt), a folder (searched
recursively) or a glob. Every input record ends up in DIR/articles.parquet or, with its
reason, in DIR/rejects.jsonl; DIR/manifest.json has the counts. DIR is replaced only when
the run succeeds.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .fields import parse_map_options
from .pipeline import run_ingest
from .readers import InputError


def _crawl_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.ingest",
        description="Turn raw Arabic news (JSONL, JSON, CSV, Parquet, TXT pages) into a "
                    "processed Marsad dataset.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="file, folder (recursive) or glob")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="dataset folder to write (replaced atomically)")
    parser.add_argument("--crawl-date", type=_crawl_date, metavar="YYYY-MM-DD",
                        help="the day the pages were fetched; resolves 'اليوم'/'أمس' datelines")
    parser.add_argument("--encoding", metavar="ENC",
                        help="force a text encoding (default: detect UTF-8/UTF-16/Windows-1256)")
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                        help="read FIELD (text, title, source, publisher, published_at, url, "
                             "id, crawl_date) from COLUMN; repeatable")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="processes for entity extraction (default 1)")
    parser.add_argument("--no-entities", action="store_true",
                        help="skip entity extraction (no entities/mentions tables)")
    parser.add_argument("--entity-backend", metavar="NAME",
                        help="entity extractor backend (default: the shipped CRF)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def format_summary(m: dict, out: Path) -> str:
    """The end-of-run summary as text."""
    lines = [
        f"dataset   {out}",
        f"read      {m['records_read']:>8,}",
        f"written   {m['articles_written']:>8,}",
        f"rejected  {m['records_rejected']:>8,}",
    ]
    for reason, n in m["rejects_by_reason"].items():
        lines.append(f"  {reason:<22}{n:>8,}")
    lines += [
        f"dup groups{m['duplicate_groups']:>8,}"
        + (f"  ({m['articles_in_duplicate_groups']:,} articles; "
           + ", ".join(f"{k} {v:,}" for k, v in sorted(m["duplicate_groups_by_kind"].items()))
           + ")" if m["duplicate_groups"] else ""),
        f"undated   {m['undated']:>8,}",
        "dates     " + ", ".join(f"{k} {v:,}" for k, v in sorted(m["date_sources"].items())),
        f"span      {m['date_min'] or '-'} .. {m['date_max'] or '-'}",
    ]
    if m.get("entities"):
        e = m["entities"]
        lines.append(f"entities  {e['entities']:>8,}  ({e['mentions']:,} mentions; "
                     + ", ".join(f"{k} {v:,}" for k, v in sorted(e["entities_by_type"].items()))
                     + f"; {e['tokens_per_second']:,.0f} tokens/s with {e['jobs']} job(s))")
    if m["warnings"]:
        lines.append(f"warnings  {m['warnings']:>8,}  (first: {m['warning_examples'][0]['input_ref']}"
                     f": {m['warning_examples'][0]['warning']})")
    t = m["timings_s"]
    lines.append(f"time      {t['total_before_write'] + t.get('write', 0):.2f} s "
                 f"({m['articles_per_second']:,.0f} articles/s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        field_map = parse_map_options(args.map)
        manifest = run_ingest(args.inputs, args.out, crawl_date=args.crawl_date,
                              encoding=args.encoding, field_map=field_map,
                              progress=not args.quiet, entities=not args.no_entities,
                              jobs=max(1, args.jobs), entity_backend=args.entity_backend)
    except (InputError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_summary(manifest, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
