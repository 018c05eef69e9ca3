"""CoNLL files: one `token TAG` per line, a blank line between sentences.

Also the fixed train/dev split used to tune the shipped model (the last DEV_FRACTION of
the training sentences, kept contiguous like the official test split, so that whole
articles stay on one side).
"""

from __future__ import annotations

from pathlib import Path

Sentence = tuple[list[str], list[str]]  # (tokens, tags)

DEV_FRACTION = 0.15
# CoNLL files carry no article boundaries; runs of this many consecutive sentences stand in
# for articles when propagating labels (ANERcorp articles average about this many).
DOC_SENTENCES = 12


def parse_conll(text: str) -> list[Sentence]:
    """Sentences of a CoNLL text. The token is the first field, the tag the last; a line
    with one field gets tag `O`."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in text.splitlines():
        fields = line.split()
        if not fields:
            if tokens:
                sentences.append((tokens, tags))
                tokens, tags = [], []
            continue
        tokens.append(fields[0])
        tags.append(fields[-1] if len(fields) > 1 else "O")
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL file (UTF-8)."""
    return parse_conll(Path(path).read_text(encoding="utf-8"))


def split_train_dev(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): dev is the last DEV_FRACTION of the sentences, in order."""
    cut = int(len(sentences) * (1 - DEV_FRACTION))
    return sentences[:cut], sentences[cut:]
