"""What the training data says about words and phrases: a name memory and a gazetteer.

* **memory**: for each word (match form, and its clitic-free stem), the entity type it
  mostly belongs to in the labelled data (`PER`, `LOC`, `ORG`, `MISC`, or `O`), with how
  sure that is (`hi` ≥ 0.8 of its occurrences, `lo` otherwise). Only words seen at least
  MIN_COUNT times are kept.
* **gazetteer**: whole entity phrases (tuples of match forms, also with the first word's
  proclitics removed) with their majority type; a sentence is matched against it
  longest-first, the first word as written or without its proclitics (`وبوزارة الداخلية`
  matches `وزارة الداخلية`).

Both are written as small TSV files under `model/` (they are derived from ANERcorp, see
ATTRIBUTION.md). When training, they are built from other folds of the training data
than the sentences being featurised (jackknifing), so that the CRF learns how far to
trust them on unseen text rather than learning that they are always right.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from dashboard.entities.scoring import canonical_type, chunks
from dashboard.entities.wordform import match_form, split_clitics

MIN_COUNT = 2
MAX_PHRASE = 8
MEMORY_FILE = "memory.tsv"
GAZETTEER_FILE = "gazetteer.tsv"


def build_memory(data: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, str]:
    """Word form → `TYPE_hi` / `TYPE_lo` (TYPE may be `O`) from (tokens, tags) sentences."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for tokens, tags in data:
        for token, tag in zip(tokens, tags, strict=True):
            kind = "O" if tag == "O" else canonical_type(tag[2:])
            form = match_form(token)
            counts[form][kind] += 1
            stem = split_clitics(form)[1]
            if stem != form:
                counts["~" + stem][kind] += 1
    memory = {}
    for form, c in counts.items():
        total = sum(c.values())
        if total < MIN_COUNT:
            continue
        kind, n = c.most_common(1)[0]
        if kind == "O" and n == total:
            continue  # never an entity: nothing to say beyond the word itself
        memory[form] = f"{kind}_{'hi' if n >= 0.8 * total else 'lo'}"
    return memory


def build_gazetteer(
    data: Iterable[tuple[Sequence[str], Sequence[str]]],
) -> dict[tuple[str, ...], str]:
    """Entity phrase (match forms, first word without proclitics) → majority type."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for tokens, tags in data:
        for c in chunks(list(tags)):
            if c.last - c.first + 1 > MAX_PHRASE:
                continue
            forms = [match_form(t) for t in tokens[c.first : c.last + 1]]
            stem = split_clitics(forms[0])[1]
            for key in {tuple(forms), (stem, *forms[1:])}:
                votes[key][c.type] += 1
    return {phrase: v.most_common(1)[0][0] for phrase, v in votes.items()}


class Gazetteer:
    """Phrase → type, indexed by first word for a quick scan of a sentence."""

    def __init__(self, phrases: dict[tuple[str, ...], str]):
        self.phrases = phrases
        self.longest: dict[str, int] = {}
        for p in phrases:
            self.longest[p[0]] = max(self.longest.get(p[0], 0), len(p))

    def tags(self, forms: Sequence[str]) -> list[str]:
        """Per-token labels of one sentence's match forms: `B-TYPE`, `I-TYPE` or ``."""
        return gazetteer_tags(forms, self)


def gazetteer_tags(forms: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """Per-token gazetteer labels of one sentence: `B-TYPE`, `I-TYPE` or `` (no match)."""
    out = [""] * len(forms)
    phrases = gazetteer.phrases
    j = 0
    while j < len(forms):
        step = 1
        stem = split_clitics(forms[j])[1]
        longest = max(gazetteer.longest.get(stem, 0), gazetteer.longest.get(forms[j], 0))
        for n in range(min(longest, len(forms) - j), 0, -1):
            rest = forms[j + 1 : j + n]
            kind = phrases.get((forms[j], *rest)) or phrases.get((stem, *rest))
            if kind is not None:
                out[j] = "B-" + kind
                for k in range(j + 1, j + n):
                    out[k] = "I-" + kind
                step = n
                break
        j += step
    return out


def write_memory(memory: dict[str, str], path: Path) -> None:
    """`form<TAB>class` lines, sorted."""
    path.write_text("".join(f"{f}\t{c}\n" for f, c in sorted(memory.items())), encoding="utf-8")


def read_memory(path: Path) -> dict[str, str]:
    """Inverse of write_memory (a missing file gives an empty memory)."""
    if not path.exists():
        return {}
    return dict(line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())


def write_gazetteer(gazetteer: dict[tuple[str, ...], str], path: Path) -> None:
    """`TYPE<TAB>space-separated forms` lines, sorted."""
    lines = sorted(f"{kind}\t{' '.join(p)}\n" for p, kind in gazetteer.items())
    path.write_text("".join(lines), encoding="utf-8")


def read_gazetteer(path: Path) -> dict[tuple[str, ...], str]:
    """Inverse of write_gazetteer (a missing file gives an empty gazetteer)."""
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        kind, phrase = line.split("\t")
        out[tuple(phrase.split(" "))] = kind
    return out
