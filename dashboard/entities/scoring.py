"""Entity-level scoring of IOB2 tag sequences, as seqeval does in its default mode.

A predicted entity counts only when its span and its type both equal a gold entity's
(CoNLL exact match). Chunks are read the conlleval/seqeval way: an `I-X` after `O`, or after
a tag of another type, starts a new entity instead of being dropped, and an entity never
crosses a sentence boundary. Type names are canonicalised (`PERS` → `PER`) so that files
using either spelling score against the extractor's types.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

# Alternative type spellings found in Arabic NER corpora → the extractor's names.
TYPE_ALIASES: dict[str, str] = {
    "PERS": "PER",
    "PERSON": "PER",
    "LOCATION": "LOC",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "GPE": "LOC",
}


class Chunk(NamedTuple):
    """One entity: sentence index, type, first and last token index (inclusive)."""

    sentence: int
    type: str
    first: int
    last: int


class TypeScore(NamedTuple):
    """Precision, recall and F1 of one type (or of all types: `micro`)."""

    precision: float
    recall: float
    f1: float
    support: int  # gold entities
    predicted: int
    correct: int


def canonical_type(name: str) -> str:
    """`PERS` → `PER` etc.; unknown names unchanged."""
    return TYPE_ALIASES.get(name, name)


def _split_tag(tag: str) -> tuple[str, str]:
    """("B"|"I"|"O", type) of an IOB2 tag; raises ValueError on anything else."""
    if tag == "O":
        return "O", ""
    prefix, sep, kind = tag.partition("-")
    if prefix not in ("B", "I") or not sep or not kind:
        raise ValueError(f"not an IOB2 tag: {tag!r}")
    return prefix, canonical_type(kind)


def chunks(tags: list[str], sentence: int = 0) -> list[Chunk]:
    """Entities of one sentence's IOB2 tags.

    `["B-PER", "I-PER", "O"]` → one PER chunk (0, 1); `["O", "I-LOC"]` → one LOC chunk
    (1, 1); `["B-PER", "I-LOC"]` → a PER chunk (0, 0) and a LOC chunk (1, 1).
    """
    out: list[Chunk] = []
    start = -1
    current = ""
    for i, tag in enumerate(tags):
        prefix, kind = _split_tag(tag)
        continues = prefix == "I" and kind == current and start >= 0
        if start >= 0 and not continues:
            out.append(Chunk(sentence, current, start, i - 1))
            start, current = -1, ""
        if prefix != "O" and not continues:
            start, current = i, kind
    if start >= 0:
        out.append(Chunk(sentence, current, start, len(tags) - 1))
    return out


def _prf(correct: int, predicted: int, support: int) -> TypeScore:
    precision = correct / predicted if predicted else 0.0
    recall = correct / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TypeScore(precision, recall, f1, support, predicted, correct)


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, TypeScore]:
    """Per-type and `micro` scores of predicted against gold tag sentences.

    Both lists hold one tag list per sentence, aligned token for token. Only types that
    occur in the gold tags are scored: a predicted entity of another type is ignored.
    Keys are sorted type names, then `micro`.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    gold_chunks: set[Chunk] = set()
    pred_chunks: set[Chunk] = set()
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        if len(g) != len(p):
            raise ValueError(f"sentence {i}: {len(g)} gold tags but {len(p)} predicted")
        gold_chunks.update(chunks(g, i))
        pred_chunks.update(chunks(p, i))
    types = sorted({c.type for c in gold_chunks})
    pred_chunks = {c for c in pred_chunks if c.type in types}
    support = Counter(c.type for c in gold_chunks)
    n_pred = Counter(c.type for c in pred_chunks)
    n_correct = Counter(c.type for c in gold_chunks & pred_chunks)
    result = {t: _prf(n_correct[t], n_pred[t], support[t]) for t in types}
    result["micro"] = _prf(sum(n_correct.values()), sum(n_pred.values()), sum(support.values()))
    return result


def format_report(scores: dict[str, TypeScore]) -> str:
    """A table of the scores; its last line is `F1 0.xxx` (micro)."""
    lines = [f"{'type':<6} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}"]
    for name, s in scores.items():
        lines.append(f"{name:<6} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8d}")
    lines.append(f"F1 {scores['micro'].f1:.3f}")
    return "\n".join(lines)
