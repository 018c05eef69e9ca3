"""Build the bundled demo dataset: a synthetic Arabic news corpus, ingested.

usage: python -m dashboard.demo [--out DIR] [--raw DIR] [--seed N] [--articles N] [--quiet]

Generates about N invented articles (2023-01 .. 2024-12, thirteen real outlet names,
written from templates around real public events), writes them as raw files in the
formats Marsad reads (JSON lines, CSV, a Windows-1256 CSV, aggregator .txt pages, a few
bad records), then runs the ingest into DIR (default: data/demo in the repository). The
raw files go to a temporary folder unless --raw names one to keep them in. The dataset's
manifest.json carries a `demo` block saying the corpus is synthetic, with the seed.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

from dashboard.ingest.pipeline import run_ingest

from . import facts
from .generate import DEFAULT_ARTICLES, DEFAULT_SEED, generate_corpus
from .records import Corpus
from .write_raw import write_raw

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "demo"
NOTE = ("Synthetic corpus: every article is invented from templates filled with real "
        "public names, places and dates; outlet names are real, texts are not theirs.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.demo",
        description="Generate the synthetic demo corpus and ingest it into a dataset.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help="dataset folder to write (default: data/demo)")
    parser.add_argument("--raw", type=Path, metavar="DIR",
                        help="keep the raw files in DIR (default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="N",
                        help=f"random seed (default: {DEFAULT_SEED})")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, metavar="N",
                        help=f"articles to generate, pages included (default: {DEFAULT_ARTICLES})")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    return parser


def demo_manifest(corpus: Corpus, summary: dict, n_articles: int) -> dict:
    """The `demo` block added to the dataset's manifest."""
    return {
        "synthetic": True,
        "generator": "dashboard.demo",
        "seed": corpus.seed,
        "articles_requested": n_articles,
        "records": summary["records"],
        "pages": summary["pages"],
        "bad_records": len(summary["bad_records"]),
        "span": [facts.SPAN_START.isoformat(), facts.SPAN_END.isoformat()],
        "outlets": [o["name"] for o in facts.OUTLETS],
        "raw_files": summary["files"],
        "note": NOTE,
    }


# The demo's own alias table, an example of correcting the tagger (README, "Correcting
# entities"): its mistakes on these synthetic texts (quoted speech read as names, an
# organisation cut in two), fixed at load time. The tables keep what the tagger found and
# the Data page lists these rules.
DEMO_ALIASES = """\
# Corrections to the demo's entities, applied when the dashboard loads (not by the ingest).
action,entity,type,value
drop,جئت لأؤدي,,
drop,جئنا لنساند,,
drop,خفضا طوعيا,,
retype,الشريف للفوسفاط,PER,ORG
rename,الشريف للفوسفاط,,المكتب الشريف للفوسفاط
rename,محمد شياع,PER,محمد شياع السوداني
retype,تبوك,MISC,LOC
"""


def build(out: Path, raw: Path, *, seed: int, n_articles: int, progress: bool) -> dict:
    """Generate, write the raw files into `raw`, ingest into `out`; returns the manifest.

    The ingest runs from inside `raw` on relative paths, so the dataset's `input_ref`s
    read `feeds/spa.jsonl:line 12` whatever folder the raw files were in, and two runs
    with the same seed give the same articles.
    """
    out = Path(out).resolve()
    corpus = generate_corpus(seed, n_articles)
    summary = write_raw(corpus, raw)
    inputs = [f["path"] for f in summary["files"]] + [p.name for p in corpus.pages]
    with contextlib.chdir(raw):
        manifest = run_ingest(inputs, out, progress=progress,
                              extra_manifest={"demo": demo_manifest(corpus, summary, n_articles)})
    (out / "aliases.csv").write_text(DEMO_ALIASES, encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.articles < 20:
        print("--articles must be at least 20", file=sys.stderr)
        return 2
    progress = not args.quiet and sys.stderr.isatty()
    if args.raw is not None:
        args.raw.mkdir(parents=True, exist_ok=True)
        manifest = build(args.out, args.raw, seed=args.seed, n_articles=args.articles,
                         progress=progress)
    else:
        with tempfile.TemporaryDirectory(prefix="marsad-demo-") as tmp:
            manifest = build(args.out, Path(tmp), seed=args.seed, n_articles=args.articles,
                             progress=progress)
    if not args.quiet:
        print(f"demo dataset  {args.out}\n"
              f"read          {manifest['records_read']:>6,}\n"
              f"written       {manifest['articles_written']:>6,}\n"
              f"rejected      {manifest['records_rejected']:>6,}  "
              f"{manifest['rejects_by_reason']}\n"
              f"dup groups    {manifest['duplicate_groups']:>6,}  "
              f"{manifest['duplicate_groups_by_kind']}\n"
              f"date sources  {manifest['date_sources']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
