"""Mine `model/lexicon.tsv` from unlabelled news tagged by a first CRF (self-training).

Training-time only:

    nice -n 19 python -m dashboard.entities.build_lexicon --shared ../shared \\
        --tagger-dir DIR --out dashboard/entities/model/lexicon.tsv

The CRF in DIR (crf.bin + its word files, trained without any lexicon) tags a sample of
the unlabelled news. From its output, per word (match form):

* `name_X`: the word is inside an X entity in at least NAME_SHARE of its occurrences
  (seen at least MIN_NAME times) — names the labelled data never showed;
* `trig_X`: the next token starts an X entity in at least TRIGGER_SHARE of the word's
  occurrences (seen at least MIN_TRIGGER times) — `الرئيس`, `وزارة` ...;
* `post_X`: the same for the word right after an X entity.

The lexicon holds word forms and class names only, no text.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from dashboard.arabic.normalize import clean_display
from dashboard.entities.crf import CrfBackend
from dashboard.entities.scoring import chunks
from dashboard.entities.tokens import sentences
from dashboard.entities.wordform import match_form

NEWS_FILES = ("corpora/saudinewsnet_all.jsonl", "corpora/jawharafm.jsonl")
MIN_NAME, NAME_SHARE = 5, 0.6
MIN_TRIGGER, TRIGGER_SHARE = 20, 0.25


def mine(
    backend: CrfBackend, bodies: list[str], min_name: int | None = None
) -> dict[str, list[str]]:
    """Word form → sorted lexicon classes, from the backend's tags of `bodies`
    (`min_name` overrides MIN_NAME)."""
    total: Counter = Counter()
    inside: dict[str, Counter] = defaultdict(Counter)
    before: dict[str, Counter] = defaultdict(Counter)
    after: dict[str, Counter] = defaultdict(Counter)
    for body in bodies:
        sents = [[t.text for t in s] for s in sentences(body)]
        tags = backend.tag([sents])[0]
        for i, (tokens, sent_tags) in enumerate(zip(sents, tags, strict=True)):
            forms = [match_form(t) for t in tokens]
            total.update(forms)
            for c in chunks(sent_tags, i):
                for f in forms[c.first : c.last + 1]:
                    inside[f][c.type] += 1
                if c.first > 0:
                    before[forms[c.first - 1]][c.type] += 1
                if c.last + 1 < len(forms):
                    after[forms[c.last + 1]][c.type] += 1
    lexicon: dict[str, list[str]] = defaultdict(list)
    for name, table, min_count, share in (
        ("name", inside, min_name or MIN_NAME, NAME_SHARE),
        ("trig", before, MIN_TRIGGER, TRIGGER_SHARE),
        ("post", after, MIN_TRIGGER, TRIGGER_SHARE),
    ):
        for form, counter in table.items():
            n = total[form]
            if n < min_count:
                continue
            for kind, k in counter.items():
                if k >= share * n:
                    lexicon[form].append(f"{name}_{kind}")
    return {f: sorted(c) for f, c in lexicon.items()}


def read_bodies(shared: Path, limit: int) -> list[str]:
    """About `limit` display-form bodies, half from each news file, spread evenly
    through each file (every k-th article)."""
    bodies: list[str] = []
    for name in NEWS_FILES:
        lines = (shared / name).read_text(encoding="utf-8").splitlines()
        step = max(1, len(lines) * len(NEWS_FILES) // limit)
        for line in lines[::step]:
            bodies.append(clean_display(json.loads(line).get("text") or ""))
    return bodies


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--tagger-dir", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=6000, help="articles to tag")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--min-name", type=int, default=MIN_NAME)
    args = parser.parse_args(argv)
    bodies = read_bodies(args.shared, args.limit)
    lexicon = mine(CrfBackend(args.tagger_dir), bodies, args.min_name)
    lines = [f"{form}\t{','.join(classes)}\n" for form, classes in sorted(lexicon.items())]
    args.out.write_text(
        "# form<TAB>classes (see build_lexicon.py)\n" + "".join(lines), encoding="utf-8"
    )
    print(f"wrote {len(lines)} words to {args.out}")


if __name__ == "__main__":
    main()
