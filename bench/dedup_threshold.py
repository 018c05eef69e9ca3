"""Measure near-duplicate similarity bands, group sizes and speed of dashboard/ingest/dedup.py.

Usage: python bench/dedup_threshold.py [--show LO HI] [--n N] [--seed S]
                                       [--compare-datasketch] [corpus.jsonl ...]
(default: saudinewsnet_5000.jsonl and saudinewsnet_all.jsonl from ../shared/corpora).

Per corpus it prints:
* speed of `assign_duplicates` with the default DedupParams (wall and CPU time,
  articles/s) and peak RSS before and after it;
* the band table: every pair of distinct bodies with Jaccard ≥ 0.2 (default shingles,
  template shingles dropped), by Jaccard band: pairs, share from two different outlets,
  share published at most one day apart, median containment;
* pairs that a containment rule would add: Jaccard below the default threshold but
  containment of the smaller body ≥ 0.8;
* groups per threshold: how many, articles in them, the largest, exact/near.

`--show LO HI` prints N random pairs with LO ≤ Jaccard < HI (outlet, date, title and the
first 150 characters of each side) for judging by eye; that text goes to the terminal
only. `--compare-datasketch` also times datasketch's MinHash on the same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.arabic.normalize import normalize_for_match  # noqa: E402
from dashboard.ingest.dedup import (  # noqa: E402
    DedupParams,
    assign_duplicates,
    body_hash,
    similar_pairs,
    sketch_texts,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DEFAULT = [SHARED / "saudinewsnet_5000.jsonl", SHARED / "saudinewsnet_all.jsonl"]
BANDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
THRESHOLDS = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6]
LOW = 0.2  # lowest Jaccard measured


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(path: Path) -> tuple[list[dict], pd.DataFrame]:
    """Records and the dedup input frame (body_norm = match form of the text)."""
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    frame = pd.DataFrame(
        {
            "article_id": [r["id"] for r in records],
            "body_norm": [normalize_for_match(r["text"]) for r in records],
            "published_at": pd.to_datetime([r["published_at"] for r in records], utc=True).astype(
                "datetime64[us, UTC]"
            ),
            "source": [r["source"] for r in records],
            "publisher": None,
        }
    )
    return records, frame


def timed_dedup(frame: pd.DataFrame) -> None:
    before = rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    _, groups = assign_duplicates(frame)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(frame)
    print(
        f"assign_duplicates: {wall:.2f} s wall ({n / wall:,.0f} articles/s), "
        f"{cpu:.2f} s CPU ({n / cpu:,.0f} articles/s per core); "
        f"peak RSS {before:,.0f} MB before, {rss_mb():,.0f} MB after; "
        f"{len(groups)} groups, largest {groups['size'].max() if len(groups) else 0}"
    )


def distinct_pairs(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """Pairs (Jaccard ≥ LOW) between distinct bodies; `rep[i]` = the earliest row with body i."""
    first: dict[str, int] = {}
    for row in frame["published_at"].argsort(kind="stable").tolist():  # corpora are all dated
        first.setdefault(body_hash(frame["body_norm"].iat[row]), row)
    rep = sorted(first.values())
    texts = [frame["body_norm"].iat[r] for r in rep]
    days = frame["published_at"].array.asi8[rep] // (86_400 * 1_000_000)
    pairs = similar_pairs(texts, replace(DedupParams(), threshold=LOW), days)
    return pairs, rep


def band_table(pairs: pd.DataFrame, rep: list[int], frame: pd.DataFrame) -> pd.DataFrame:
    src = frame["source"].to_numpy(dtype=object)
    day = frame["published_at"].dt.floor("D").to_numpy()
    a = np.array(rep)[pairs["a"].to_numpy()]
    b = np.array(rep)[pairs["b"].to_numpy()]
    t = pairs.assign(
        band=pd.cut(pairs["jaccard"], BANDS, right=False),
        cross=src[a] != src[b],
        near_day=np.abs((day[a] - day[b]) / np.timedelta64(1, "D")) <= 1,
    )
    return t.groupby("band", observed=False).agg(
        pairs=("jaccard", "size"),
        cross_outlet=("cross", "mean"),
        within_1_day=("near_day", "mean"),
        median_containment=("containment", "median"),
    )


def group_table(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for threshold in THRESHOLDS:
        _, groups = assign_duplicates(frame, replace(DedupParams(), threshold=threshold))
        rows.append(
            {
                "threshold": threshold,
                "groups": len(groups),
                "articles_in_groups": int(groups["size"].sum()),
                "largest": int(groups["size"].max()),
                "groups_10_plus": int((groups["size"] >= 10).sum()),
                "exact": int((groups["kind"] == "exact").sum()),
                "near": int((groups["kind"] == "near").sum()),
            }
        )
    return pd.DataFrame(rows).set_index("threshold")


def show(pairs, rep, records, lo: float, hi: float, n: int, seed: int) -> None:
    band = pairs[(pairs["jaccard"] >= lo) & (pairs["jaccard"] < hi)]
    print(f"-- {len(band)} pairs with {lo} <= Jaccard < {hi}; {min(n, len(band))} shown")
    picks = random.Random(seed).sample(range(len(band)), min(n, len(band)))
    for k in sorted(picks):
        p = band.iloc[k]
        print(f"J={p['jaccard']:.2f} containment={p['containment']:.2f}")
        for side in (p["a"], p["b"]):
            r = records[rep[int(side)]]
            text = " ".join(r["text"].split())[:150]
            print(f"   [{r['source']} {r['published_at']}] {r['title']}\n      {text}")


def compare_datasketch(frame: pd.DataFrame) -> None:
    from datasketch import MinHash

    params = DedupParams()
    texts = frame["body_norm"].tolist()
    word = re.compile(r"\w+")
    t0 = time.process_time()
    for text in texts:
        words = word.findall(text)
        if len(words) < params.min_words:
            continue
        shingles = {
            " ".join(words[i : i + params.shingle]).encode()
            for i in range(len(words) - params.shingle + 1)
        }
        MinHash(num_perm=params.num_perm).update_batch(list(shingles))
    ds = time.process_time() - t0
    days = frame["published_at"].array.asi8 // (86_400 * 1_000_000)
    t0 = time.process_time()
    sketch_texts(texts, params, days)
    own = time.process_time() - t0
    print(
        f"MinHash sketches, CPU: datasketch {ds:.2f} s ({len(texts) / ds:,.0f} texts/s), "
        f"numpy {own:.2f} s ({len(texts) / own:,.0f} texts/s)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--show", nargs=2, type=float, metavar=("LO", "HI"))
    ap.add_argument("--n", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--compare-datasketch", action="store_true")
    args = ap.parse_args()
    pd.set_option("display.width", 120)
    for path in args.corpora:
        records, frame = load(path)
        print(f"== {path.name}: {len(frame)} articles; defaults {DedupParams()}")
        timed_dedup(frame)
        pairs, rep = distinct_pairs(frame)
        if args.show:
            show(pairs, rep, records, *args.show, args.n, args.seed)
            continue
        print(band_table(pairs, rep, frame).round(2).to_string())
        below = pairs[(pairs["jaccard"] < DedupParams().threshold) & (pairs["containment"] >= 0.8)]
        print(
            f"pairs with Jaccard < {DedupParams().threshold} and containment >= 0.8: {len(below)}"
        )
        print(group_table(frame).to_string())
        if args.compare_datasketch:
            compare_datasketch(frame)


if __name__ == "__main__":
    main()
