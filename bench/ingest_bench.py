"""Ingest speed and memory on the real corpora in ../shared/corpora.

usage: python bench/ingest_bench.py [FILE ...]   (default: ../shared/corpora/*.jsonl)

Runs the whole ingest without entity extraction (imports excluded; entity speed is
bench/ner_speed.py's) (read, parse, normalise, date, dedup, write) on each file in a fresh
process, and prints articles/s per core and peak RSS. The ingest is single-threaded, so
articles/s of the run is articles/s per core.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"

CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
from dashboard.ingest.pipeline import run_ingest
def cpu_s():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime
c0 = cpu_s()
t = time.perf_counter()
m = run_ingest([{path!r}], Path({out!r}), entities=False)
wall = time.perf_counter() - t
cpu = cpu_s() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"read": m["records_read"], "written": m["articles_written"],
                  "rejected": m["records_rejected"], "groups": m["duplicate_groups"],
                  "wall": wall, "cpu": cpu,
                  "timings": m["timings_s"], "rss_mb": rss / 1024}}))
"""


def bench(path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        code = CHILD.format(repo=str(REPO), path=str(path), out=str(Path(tmp) / "out"))
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(SHARED.glob("*.jsonl"))
    if not files:
        print(f"no inputs: {SHARED} is absent; pass JSONL files as arguments")
        return 1
    print(f"{'file':<28}{'articles':>9}{'wall s':>8}{'cpu s':>8}{'art/s/core':>12}"
          f"{'read+parse':>11}{'dedup':>7}{'write':>7}{'peak RSS MB':>13}")
    for f in files:
        r = bench(f)
        t = r["timings"]
        per_core = r["written"] / r["cpu"]
        print(f"{f.name:<28}{r['written']:>9,}{r['wall']:>8.2f}{r['cpu']:>8.2f}{per_core:>12,.0f}"
              f"{t['read_parse']:>11.2f}{t['dedup']:>7.2f}{t['write']:>7.2f}{r['rss_mb']:>13,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
