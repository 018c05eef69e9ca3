"""Entity extraction speed on real article bodies.

    python bench/ner_speed.py [--shared ../shared] [--limit 5000] [--backend crf]

Reads `corpora/saudinewsnet_5000.jsonl`, puts each text in display form, and times
`extract_many` over all bodies (after one warm-up article, so model loading is not
counted). Prints tokens/s and articles/s per core (CPU time of this process) and by the
wall clock, and mentions per type.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from dashboard.arabic.normalize import clean_display  # noqa: E402
from dashboard.entities import extract_many  # noqa: E402
from dashboard.entities.tokens import tokenize  # noqa: E402

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--backend", default=None)
    args = parser.parse_args()
    path = args.shared / "corpora" / "saudinewsnet_5000.jsonl"
    with path.open(encoding="utf-8") as fh:
        bodies = [clean_display(json.loads(line)["text"] or "") for line in fh][: args.limit]
    n_tokens = sum(len(tokenize(b)) for b in bodies)
    extract_many(bodies[:1], backend=args.backend)  # load the model
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = extract_many(bodies, backend=args.backend)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    types = Counter(m.type for ms in mentions for m in ms)
    print(f"articles {len(bodies)}  tokens {n_tokens}  wall {seconds:.1f}s  cpu {cpu:.1f}s")
    # Per core: CPU time of this one process (the machine may be shared, inflating wall time).
    print(f"tokens/s per core {n_tokens / cpu:,.0f}  (wall {n_tokens / seconds:,.0f})")
    print(f"articles/s per core {len(bodies) / cpu:,.1f}  (wall {len(bodies) / seconds:,.1f})")
    print("mentions " + "  ".join(f"{t} {n}" for t, n in sorted(types.items())))


if __name__ == "__main__":
    main()
