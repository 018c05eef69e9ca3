"""Entity extraction on a real multi-outlet corpus: speed and the top entities a researcher sees.

usage: python bench/entities_bench.py [CORPUS.jsonl] [--jobs N] [--top 50]
       (default corpus: ../shared/corpora/saudinewsnet_5000.jsonl)

Runs the whole ingest with entity extraction, prints tokens/s and articles/s of the
extraction (per core and in all), then the top N entities of each type by article count,
with their aliases, for judging by hand (is each a real entity of that type, counted once?).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dashboard.dataset import schema, store  # noqa: E402
from dashboard.ingest.pipeline import run_ingest  # noqa: E402

DEFAULT = REPO.parent / "shared" / "corpora" / "saudinewsnet_5000.jsonl"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--top", type=int, default=50)
    args = ap.parse_args(argv)
    if not Path(args.corpus).is_file():
        print(f"no corpus at {args.corpus}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ds"
        t0 = time.perf_counter()
        m = run_ingest([args.corpus], out, jobs=args.jobs)
        wall = time.perf_counter() - t0
        ents = store.read_table(out, schema.ENTITIES_FILE)
    e = m["entities"]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus     {args.corpus}")
    print(f"articles   {m['articles_written']:,}   tokens {e['tokens']:,}   jobs {e['jobs']}")
    print(f"extract    {e['extract_s']:.1f} s = {e['tokens_per_second']:,.0f} tokens/s, "
          f"{m['articles_written'] / e['extract_s']:,.0f} articles/s "
          f"({e['tokens_per_second'] / e['jobs']:,.0f} tokens/s per core)")
    print(f"canonical  {e['canonicalise_s']:.2f} s; {e['mentions']:,} mentions → "
          f"{e['entities']:,} entities {e['entities_by_type']}")
    print(f"ingest     {wall:.1f} s in all; peak RSS {rss:,.0f} MB (this process)")
    for type_ in schema.ENTITY_TYPES:
        top = ents[ents["type"] == type_].nlargest(args.top, ["article_count", "mention_count"])
        print(f"\n== top {len(top)} {type_} by articles (articles / mentions: name [aliases]) ==")
        for rank, row in enumerate(top.itertuples(), 1):
            aliases = [a for a in row.aliases if a != row.name][:4]
            extra = f"  [{' | '.join(aliases)}]" if aliases else ""
            print(f"{rank:>3}. {row.article_count:>5} / {row.mention_count:>5}  {row.name}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
