"""Benchmark and accuracy check for dashboard/ingest/dates.py on the real corpora in ../shared.

Usage: python bench/bench_dates.py [corpus.jsonl ...]
(default: saudinewsnet_5000.jsonl and jawharafm.jsonl from ../shared/corpora).

Prints, per corpus: how many texts yield a date (without a crawl date, and with the crawl
date set to `published_at`), how many of those agree with `published_at` within ±1 day,
and timings: `resolve_date` with a YYYY-MM-DD field, `find_text_date` over all texts and
over the texts where it finds nothing.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.ingest.dates import find_text_date, resolve_date  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DEFAULT = [SHARED / "saudinewsnet_5000.jsonl", SHARED / "jawharafm.jsonl"]


def per_call_us(fn, items, repeat: int = 3) -> float:
    """Best of `repeat` runs, in microseconds per item."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - t0)
    return best / len(items) * 1e6


def accuracy(records, crawl_offset_days: int | None) -> Counter:
    """Texts dated per source, and how many within ±1 day of published_at."""
    c = Counter()
    for r in records:
        pub = date.fromisoformat(r["published_at"])
        crawl = None if crawl_offset_days is None else pub + timedelta(days=crawl_offset_days)
        value, source = find_text_date(r["text"], crawl)
        c[source] += 1
        if value is not None and abs((value.date() - pub).days) <= 1:
            c[source + " ±1d"] += 1
    return c


def main(paths: list[Path]) -> None:
    for path in paths:
        records = [json.loads(line) for line in path.open(encoding="utf-8")]
        texts = [r["text"] for r in records]
        print(
            f"== {path.name}: {len(records)} texts, mean {sum(map(len, texts)) / len(texts):.0f} chars"
        )
        for label, offset in (("no crawl date", None), ("crawl date = published_at", 0)):
            c = accuracy(records, offset)
            parts = [f"{s} {c[s]} (±1d {c[s + ' ±1d']})" for s in ("text", "relative") if c[s]]
            print(f"  {label}: " + ", ".join(parts) + f", none {c['none']}")
        fields = [r["published_at"] for r in records]
        us_field = per_call_us(lambda f: resolve_date(f, "", None), fields)
        us_text = per_call_us(lambda t: find_text_date(t, None), texts)
        dateless = [t for t in texts if find_text_date(t, None)[0] is None]
        us_none = per_call_us(lambda t: find_text_date(t, None), dateless)
        no_year = [t for t in dateless if not any(ch.isdigit() for ch in t)] or dateless[:1]
        us_noyear = per_call_us(lambda t: find_text_date(t, None), no_year)
        us_crawl = per_call_us(lambda t: find_text_date(t, date(2015, 8, 1)), texts)
        print(f"  resolve_date with a YYYY-MM-DD field: {us_field:.2f} µs/record")
        print(f"  find_text_date, all texts: {us_text:.1f} µs/text")
        print(
            f"  find_text_date, texts with no date found ({len(dateless)}): {us_none:.1f} µs/text"
        )
        print(
            f"  find_text_date, texts with no digit at all ({len(no_year)}): {us_noyear:.1f} µs/text"
        )
        print(f"  find_text_date with a crawl date, all texts: {us_crawl:.1f} µs/text")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or DEFAULT)
