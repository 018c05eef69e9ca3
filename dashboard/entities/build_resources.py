"""Build the word-level data files of the default extractor from unlabelled news.

Training-time only (needs gensim; nothing here is imported by the extractor at run time):

    nice -n 19 python -m dashboard.entities.build_resources --shared ../shared --work /tmp/ner_work

1. `corpus`: every body of the unlabelled corpora (SaudiNewsNet, Jawhara FM) and the
   ANERcorp *training* sentences (never dev or test), as match-form tokens, one
   sentence per line.
2. `embed`: word vectors on that corpus (gensim word2vec, or fastText with `--fasttext`,
   whose subword vectors also place rare words).
3. `clusters`: k-means of the unit vectors at several granularities (64/256/1024);
   each word gets one cluster id per granularity, plus a log2 frequency bin.
   Written to `model/words.tsv.gz`: `form<TAB>freq_bin<TAB>c64<TAB>c256<TAB>c1024`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from dashboard.arabic.normalize import clean_display
from dashboard.entities.conll import read_conll, split_train_dev
from dashboard.entities.tokens import sentences
from dashboard.entities.wordform import match_form

NEWS_FILES = ("corpora/saudinewsnet_all.jsonl", "corpora/jawharafm.jsonl")
TRAIN_FILE = "ner/ANERCorp_CamelLab_train.txt"
CLUSTER_SIZES = (64, 256, 1024)
MODEL_DIR = Path(__file__).resolve().parent / "model"


def write_corpus(shared: Path, out: Path) -> Counter:
    """Write the embedding corpus to `out`; return the match-form word counts."""
    counts: Counter = Counter()
    with out.open("w", encoding="utf-8") as fh:
        for name in NEWS_FILES:
            with (shared / name).open(encoding="utf-8") as src:
                for line in src:
                    body = clean_display(json.loads(line).get("text") or "")
                    for sent in sentences(body):
                        forms = [match_form(t.text) for t in sent]
                        counts.update(forms)
                        fh.write(" ".join(forms) + "\n")
        train, _dev = split_train_dev(read_conll(shared / TRAIN_FILE))
        for tokens, _tags in train:
            forms = [match_form(t) for t in tokens]
            counts.update(forms)
            fh.write(" ".join(forms) + "\n")
    return counts


def train_vectors(corpus: Path, out: Path, fasttext: bool, min_count: int) -> None:
    """Train 100-d skip-gram vectors on `corpus` (2 threads) and save them to `out`."""
    from gensim.models import FastText, Word2Vec  # training-only dependency

    params = dict(
        corpus_file=str(corpus),
        vector_size=100,
        window=5,
        min_count=min_count,
        sg=1,
        workers=2,
        epochs=5,
        negative=5,
        sample=1e-4,
    )
    model = FastText(min_n=3, max_n=5, **params) if fasttext else Word2Vec(**params)
    model.wv.save(str(out))


def kmeans(x: np.ndarray, k: int, iterations: int = 20, seed: int = 0) -> np.ndarray:
    """Spherical k-means (cosine) of the rows of `x` (unit vectors); returns labels."""
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int32)
    for _ in range(iterations):
        for lo in range(0, len(x), 20_000):
            labels[lo : lo + 20_000] = np.argmax(x[lo : lo + 20_000] @ centres.T, axis=1)
        for c in range(k):
            members = x[labels == c]
            if len(members):
                v = members.sum(axis=0)
                centres[c] = v / (np.linalg.norm(v) or 1.0)
            else:  # re-seed an empty cluster on a random word
                centres[c] = x[rng.integers(len(x))]
    return labels


def freq_bin(count: int) -> int:
    """log2 frequency bin: 1 → 0, 2-3 → 1, 4-7 → 2, ..."""
    return int(math.log2(count)) if count > 0 else 0


def write_clusters(vectors: Path, counts: Counter, out: Path, max_words: int) -> None:
    """Cluster the `max_words` most frequent words that have vectors and write the table."""
    from gensim.models import KeyedVectors  # training-only dependency

    wv = KeyedVectors.load(str(vectors))
    # fastText places any word through its subwords; word2vec only its own vocabulary.
    subwords = hasattr(wv, "recalc_char_ngram_buckets")
    words = [w for w, _ in counts.most_common() if subwords or w in wv.key_to_index]
    words = [w for w in words if w.strip()][:max_words]
    x = np.stack([wv[w] for w in words]).astype(np.float32)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-8)
    labels = [kmeans(x, k) for k in CLUSTER_SIZES]
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        for i, w in enumerate(words):
            ids = "\t".join(str(lab[i]) for lab in labels)
            fh.write(f"{w}\t{freq_bin(counts[w])}\t{ids}\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/ner_work"))
    parser.add_argument("--fasttext", action="store_true", help="fastText subword vectors")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--max-words", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "words.tsv.gz")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.work / "corpus.txt"
    counts_path = args.work / "counts.json"
    if counts_path.exists():
        counts = Counter(json.loads(counts_path.read_text(encoding="utf-8")))
    else:
        counts = write_corpus(args.shared, corpus)
        counts_path.write_text(json.dumps(counts, ensure_ascii=False), encoding="utf-8")
    vectors = args.work / ("fasttext.kv" if args.fasttext else "word2vec.kv")
    if not vectors.exists():
        train_vectors(corpus, vectors, args.fasttext, args.min_count)
    write_clusters(vectors, counts, args.out, args.max_words)


if __name__ == "__main__":
    main()
