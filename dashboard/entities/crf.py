"""The default backend: a linear-chain CRF (python-crfsuite) with cached word features
and document-level label propagation.

Model files live in `model/`: `crf.bin` (the crfsuite model); `words.tsv.gz`,
`lexicon.tsv`, `memory.tsv`, `gazetteer.tsv` (word data, see
`features.py` and `lexicon.py`); `config.json` (decoding settings).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from dashboard.entities.features import MODEL_DIR, FeatureExtractor, WordTable
from dashboard.entities.mention import Mention
from dashboard.entities.propagation import propagate
from dashboard.entities.scoring import chunks
from dashboard.entities.tokens import sentences as split_sentences

CRF_FILE = "crf.bin"
CONFIG_FILE = "config.json"
DEFAULT_CONFIG = {"propagate": True, "stop_freq_bin": 12}


class CrfBackend:
    """Tags Arabic text with the shipped CRF. Thread-compatible, not thread-safe (one
    crfsuite tagger per instance)."""

    name = "crf"

    def __init__(self, model_dir: Path = MODEL_DIR):
        self.model_dir = Path(model_dir)
        self.table = WordTable.load(self.model_dir)
        self.features = FeatureExtractor(self.table)
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.model_dir / CRF_FILE))
        config_path = self.model_dir / CONFIG_FILE
        self.config = dict(DEFAULT_CONFIG)
        if config_path.exists():
            self.config.update(json.loads(config_path.read_text(encoding="utf-8")))
        self.stopforms = stop_forms(self.table, int(self.config["stop_freq_bin"]))

    def tag_sentence(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 tags of one sentence (no propagation)."""
        if not tokens:
            return []
        return self.tagger.tag(self.features.sentence(tokens))

    def tag(self, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[str]]]:
        """IOB2 tags for pre-tokenised documents (document → sentence → token)."""
        out = []
        for doc in documents:
            tags = [self.tag_sentence(s) for s in doc]
            if self.config["propagate"]:
                tags = propagate(doc, tags, self.stopforms)
            out.append(tags)
        return out

    def extract_many(self, bodies: Sequence[str]) -> list[list[Mention]]:
        """Mentions of each display-form body, with character offsets into it."""
        results = []
        for body in bodies:
            sents = split_sentences(body)
            texts = [[t.text for t in s] for s in sents]
            tags = self.tag([texts])[0]
            mentions = []
            for i, (sent, sent_tags) in enumerate(zip(sents, tags, strict=True)):
                for c in chunks(sent_tags, i):
                    start, end = sent[c.first].start, sent[c.last].end
                    mentions.append(Mention(start, end, c.type, body[start:end]))
            results.append(mentions)
        return results


def stop_forms(table: WordTable, min_bin: int) -> frozenset[str]:
    """Match forms at or above a frequency bin (not propagated as single words)."""
    return frozenset(f for f, row in table.words.items() if int(row[0]) >= min_bin)
