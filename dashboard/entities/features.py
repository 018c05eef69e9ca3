"""CRF features of tokens, computed once per word type and cached.

Feature extraction in Python is what limits tagging speed, so everything that depends on
the word alone is computed the first time a word is seen and kept as ready-made tuples of
feature strings, one tuple per window position. A sentence's features are then a handful
of tuple concatenations per token, two bigram strings and the gazetteer matches.

What a word contributes (see `_word_features`): its match form, its clitic-split stem and
prefix, character affixes, shape, the log2 frequency bin and the k-means cluster ids (three
granularities) of the form and of the stem from the unlabelled-news word table, the
lexicon classes (trigger words, mined names) of `model/lexicon.tsv`, and what the labelled
data says about it (`memory`, see `lexicon.py`). Per sentence, phrases of the training
gazetteer are matched and each token gets its `B-X`/`I-X` match and its neighbours'.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path

from dashboard.entities.lexicon import (
    GAZETTEER_FILE,
    MEMORY_FILE,
    Gazetteer,
    read_gazetteer,
    read_memory,
)
from dashboard.entities.wordform import match_form, split_clitics

MODEL_DIR = Path(__file__).resolve().parent / "model"
WORDS_FILE = "words.tsv.gz"
LEXICON_FILE = "lexicon.tsv"

# Which of a word's features its neighbours see, by distance (kept small: each one
# multiplies the model size by the number of labels).
WINDOW: dict[int, tuple[str, ...]] = {
    -2: ("w", "st", "c256", "fb", "lx", "mem"),
    -1: ("w", "st", "pre", "c64", "c256", "c1024", "fb", "lx", "sh", "mem"),
    1: ("w", "st", "pre", "c64", "c256", "c1024", "fb", "lx", "sh", "mem"),
    2: ("w", "st", "c256", "fb", "lx", "mem"),
}


class WordTable:
    """Per-word data files: frequency bin + cluster ids, lexicon classes, the name
    memory and the gazetteer of the labelled data.

    `words` maps a match form to `(freq_bin, c64, c256, c1024)` strings; `lexicon` maps
    a match form to a tuple of class names (e.g. `trig_PER`); `memory` and `gazetteer`
    are described in `lexicon.py`.
    """

    def __init__(
        self,
        words: dict[str, tuple[str, ...]],
        lexicon: dict[str, tuple[str, ...]],
        memory: dict[str, str] | None = None,
        gazetteer: dict[tuple[str, ...], str] | None = None,
    ):
        self.words = words
        self.lexicon = lexicon
        self.memory = memory or {}
        self.gazetteer = Gazetteer(gazetteer or {})

    def with_labelled(
        self, memory: dict[str, str], gazetteer: dict[tuple[str, ...], str]
    ) -> WordTable:
        """The same word data with another memory and gazetteer (jackknife folds)."""
        return WordTable(self.words, self.lexicon, memory, gazetteer)

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR) -> WordTable:
        """Read the data files of `model_dir` (missing files give empty tables)."""
        words: dict[str, tuple[str, ...]] = {}
        path = model_dir / WORDS_FILE
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    form, *rest = line.rstrip("\n").split("\t")
                    words[form] = tuple(rest)
        lexicon: dict[str, tuple[str, ...]] = {}
        path = model_dir / LEXICON_FILE
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    form, classes = line.split("\t")
                    lexicon[form] = tuple(classes.split(","))
        return cls(
            words,
            lexicon,
            read_memory(model_dir / MEMORY_FILE),
            read_gazetteer(model_dir / GAZETTEER_FILE),
        )


def _shape(token: str) -> str:
    if token.isdigit() or token.replace(".", "").replace(",", "").isdigit():
        return "num"
    if token.isascii():
        return "lat" if token.isalpha() else "punct" if not token.isalnum() else "mix"
    return "ar" if token.isalpha() else "other"


def _word_features(token: str, table: WordTable) -> dict[str, list[str]]:
    """Named feature values of one token (a name may carry several values)."""
    form = match_form(token)
    prefix, stem = split_clitics(form)
    f: dict[str, list[str]] = {
        "w": [form],
        "st": [stem],
        "pre": [prefix],
        "sh": [_shape(token)],
        "p2": [form[:2]],
        "p3": [form[:3]],
        "s2": [form[-2:]],
        "s3": [form[-3:]],
        "ss2": [stem[-2:]],
        "len": [str(min(len(stem), 8))],
    }
    row = table.words.get(form)
    srow = table.words.get(stem) if stem != form else row
    f["fb"] = [row[0] if row else "oov"]
    f["sfb"] = [srow[0] if srow else "oov"]
    for i, name in enumerate(("c64", "c256", "c1024"), start=1):
        values = []
        if row:
            values.append(row[i])
        if srow and srow is not row:
            values.append("s" + srow[i])
        f[name] = values or ["none"]
    lx = list(table.lexicon.get(form, ()))
    if stem != form:
        lx += ["s" + c for c in table.lexicon.get(stem, ())]
    f["lx"] = lx
    memory = table.memory
    f["mem"] = [memory.get(form, "none"), "s" + memory.get("~" + stem, "none")]
    return f


class FeatureExtractor:
    """Turns token sequences into CRF feature lists, caching per word type."""

    def __init__(self, table: WordTable):
        self.table = table
        # token → (own features, {distance: features seen from that distance}, form)
        self._cache: dict[str, tuple[tuple[str, ...], dict[int, tuple[str, ...]], str]] = {}

    def _entry(self, token: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]], str]:
        entry = self._cache.get(token)
        if entry is None:
            named = _word_features(token, self.table)
            own = tuple(f"{k}={v}" for k, vs in named.items() for v in vs)
            seen = {
                d: tuple(f"{d}{k}={v}" for k in keys for v in named[k])
                for d, keys in WINDOW.items()
            }
            entry = (("bias",) + own, seen, named["w"][0])
            if len(self._cache) < 1_000_000:
                self._cache[token] = entry
        return entry

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature lists of one sentence's tokens (one list of strings per token)."""
        entries = [self._entry(t) for t in tokens]
        n = len(entries)
        gz = self.table.gazetteer.tags([e[2] for e in entries])
        out: list[list[str]] = []
        for i, (own, _seen, form) in enumerate(entries):
            feats = list(own)
            if gz[i]:
                feats.append("gz=" + gz[i])
            if i and gz[i - 1]:
                feats.append("-1gz=" + gz[i - 1])
            if i + 1 < n and gz[i + 1]:
                feats.append("1gz=" + gz[i + 1])
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    feats.extend(entries[j][1][d])
                elif j == -1 or j == n:
                    feats.append(f"{d}BOUND")
            prev_form = entries[i - 1][2] if i else "<s>"
            next_form = entries[i + 1][2] if i + 1 < n else "</s>"
            feats.append(f"bg-={prev_form}|{form}")
            feats.append(f"bg+={form}|{next_form}")
            out.append(feats)
        return out
