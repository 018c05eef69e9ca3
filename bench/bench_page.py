"""Benchmark and audit of dashboard.ingest.page on the shared corpora.

Usage: python bench/bench_page.py [CORPUS.jsonl ...]
(default: ../shared/corpora/saudinewsnet_5000.jsonl). Prints, per file: articles/s of
`parse_page` (single core, best of 3 passes), µs per article, the share spent in
`clean_display`, how many articles leave the fast path, and what the page parser found
(credited sources, tag lines, related headings, titles); then how often each boilerplate
rule fires.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.arabic.normalize import clean_display  # noqa: E402
from dashboard.ingest import boilerplate, page  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet_5000.jsonl"


def _best_of(fn, texts: list[str], passes: int = 3) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return best


def _rule_hits(texts: list[str]) -> Counter[str]:
    """Texts in which each boilerplate rule fires at least once (line by line)."""
    hits: Counter[str] = Counter()
    for text in texts:
        fired: set[str] = set()
        lines = boilerplate.skeleton(clean_display(text)).split("\n")
        for i, line in enumerate(lines):
            for rule in boilerplate.RULES:
                if rule.kind in ("footer",) and rule.pattern.search(line):
                    fired.add(rule.name)
                elif rule.kind in ("line", "lead") and rule.pattern.match(line.strip()):
                    fired.add(rule.name)
                elif rule.kind == "end" and i >= len(lines) - 2 and rule.pattern.match(line):
                    fired.add(rule.name)
        hits.update(fired)
    return hits


def main(paths: list[Path]) -> None:
    for path in paths:
        records = [json.loads(line) for line in path.open(encoding="utf-8")]
        texts = [r["text"] for r in records if r.get("text")]
        chars = sum(map(len, texts)) / len(texts)
        total = _best_of(page.parse_page, texts)
        clean = _best_of(clean_display, texts)
        found: Counter[str] = Counter()
        for text in texts:
            display = clean_display(text)
            if page._needs_line_parse(boilerplate.skeleton(display)):
                found["slow path"] += 1
            parsed = page.parse_page(text)
            found["credited source"] += parsed.credited_source is not None
            found["tags"] += bool(parsed.tags)
            found["related titles"] += bool(parsed.related_titles)
            found["title"] += parsed.title is not None
            found["body shorter"] += parsed.body != display
            found["empty body"] += not parsed.body
        print(f"== {path.name}: {len(texts)} articles, {chars:.0f} chars on average")
        print(
            f"parse_page: {len(texts) / total:,.0f} articles/s, "
            f"{total / len(texts) * 1e6:.1f} µs/article "
            f"(clean_display alone {clean / len(texts) * 1e6:.1f} µs)"
        )
        for key, value in found.items():
            print(f"  {key}: {value}")
        print("boilerplate rule hits (texts):")
        for rule in boilerplate.RULES:
            print(f"  {rule.name:20s} {_rule_hits_cache(texts)[rule.name]:6d}")


_HITS: dict[int, Counter[str]] = {}


def _rule_hits_cache(texts: list[str]) -> Counter[str]:
    key = id(texts)
    if key not in _HITS:
        _HITS[key] = _rule_hits(texts)
    return _HITS[key]


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or [DEFAULT])
