"""Train the default CRF extractor on ANERcorp and write it to `model/`.

    nice -n 19 python -m dashboard.entities.train --shared ../shared            # ship
    nice -n 19 python -m dashboard.entities.train --shared ../shared --dev      # tune

`--dev` trains on the training split minus its last 15 % and scores that held-out part
(with and without propagation); without it the model is trained on the whole training
split and `crf.bin`, `memory.tsv`, `gazetteer.tsv` and `config.json` are written to
`--model-dir` (default `model/`), whose `words.tsv.gz` and `lexicon.tsv` are used as
features. The full rebuild, in order (docs/ner.md): `build_resources` (word table), this
script on a folder holding only the word table (a first tagger), `build_lexicon` with that
tagger, then this script again on `model/`.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from dashboard.entities.conll import DOC_SENTENCES, Sentence, read_conll, split_train_dev
from dashboard.entities.crf import CONFIG_FILE, CRF_FILE, stop_forms
from dashboard.entities.features import MODEL_DIR, FeatureExtractor, WordTable
from dashboard.entities.lexicon import (
    GAZETTEER_FILE,
    MEMORY_FILE,
    build_gazetteer,
    build_memory,
    write_gazetteer,
    write_memory,
)
from dashboard.entities.propagation import propagate
from dashboard.entities.scoring import canonical_type, format_report, score

TRAIN_FILE = "ner/ANERCorp_CamelLab_train.txt"
FOLDS = 5  # jackknife folds for the memory and gazetteer features
CRF_PARAMS = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


def canonical_tags(tags: Sequence[str]) -> list[str]:
    """`B-PERS` → `B-PER` etc."""
    return [t if t == "O" else t[:2] + canonical_type(t[2:]) for t in tags]


def documents(items: Sequence, size: int = DOC_SENTENCES) -> list[list]:
    """Consecutive runs of `size` items."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def labelled_table(table: WordTable, data: Sequence[Sentence]) -> WordTable:
    """`table` with the memory and gazetteer of `data`."""
    return table.with_labelled(build_memory(data), build_gazetteer(data))


def train_crf(data: Sequence[Sentence], table: WordTable, path: Path, params: dict) -> None:
    """Fit a CRF on (tokens, tags) sentences and save it to `path`.

    Each of FOLDS contiguous parts of `data` is featurised with the memory and gazetteer
    of the other parts (jackknifing)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    size = -(-len(data) // FOLDS)
    for k in range(FOLDS):
        fold = data[k * size : (k + 1) * size]
        rest = [*data[: k * size], *data[(k + 1) * size :]]
        extractor = FeatureExtractor(labelled_table(table, rest))
        for tokens, tags in fold:
            trainer.append(extractor.sentence(tokens), canonical_tags(tags))
    trainer.set_params(params)
    trainer.train(str(path))


def predict(
    model: Path,
    extractor: FeatureExtractor,
    data: Sequence[Sentence],
    stopforms: frozenset[str] | None,
    doc_sentences: int = DOC_SENTENCES,
) -> list[list[str]]:
    """Tags of `data` by the model at `model`; propagation unless `stopforms` is None."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    tags = [tagger.tag(extractor.sentence(tokens)) for tokens, _ in data]
    if stopforms is None:
        return tags
    out: list[list[str]] = []
    for doc_tokens, doc_tags in zip(
        documents([t for t, _ in data], doc_sentences),
        documents(tags, doc_sentences),
        strict=True,
    ):
        out.extend(propagate(doc_tokens, doc_tags, stopforms))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--dev", action="store_true", help="train on train-dev, score dev")
    parser.add_argument("--c1", type=float, default=CRF_PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=CRF_PARAMS["c2"])
    parser.add_argument("--iterations", type=int, default=CRF_PARAMS["max_iterations"])
    parser.add_argument(
        "--stop-bin",
        type=int,
        default=12,
        help="words at or above this log2 frequency bin are not propagated",
    )
    parser.add_argument("--out", type=Path, help="model path (default model/crf.bin)")
    parser.add_argument("--no-train", action="store_true", help="--dev: reuse --out model")
    args = parser.parse_args(argv)
    params = {**CRF_PARAMS, "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    data = read_conll(args.shared / TRAIN_FILE)
    table = WordTable.load(args.model_dir)
    t0 = time.time()
    if args.dev:
        train, dev = split_train_dev(data)
        out = args.out or Path("/tmp/ner_dev.crf")
        if not args.no_train:
            train_crf(train, table, out, params)
        extractor = FeatureExtractor(labelled_table(table, train))
        gold = [canonical_tags(t) for _, t in dev]
        print(f"trained in {time.time() - t0:.0f}s on {sum(len(t) for t, _ in train)} tokens")
        stops = stop_forms(table, args.stop_bin)
        print("-- dev, no propagation")
        print(format_report(score(gold, predict(out, extractor, dev, None))))
        print("-- dev, propagation")
        print(format_report(score(gold, predict(out, extractor, dev, stops))))
        return
    out = args.out or args.model_dir / CRF_FILE
    train_crf(data, table, out, params)
    write_memory(build_memory(data), out.parent / MEMORY_FILE)
    write_gazetteer(build_gazetteer(data), out.parent / GAZETTEER_FILE)
    config = {
        "propagate": True,
        "stop_freq_bin": args.stop_bin,
        "crf": params,
    }
    (out.parent / CONFIG_FILE).write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
