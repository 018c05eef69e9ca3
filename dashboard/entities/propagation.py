"""Document-level label propagation: a name tagged once is tagged everywhere in the document.

A CRF decides each sentence alone, so an article that names `باشينيان` five times often
gets three of them. After tagging, every entity phrase found in a document (as a sequence of
match forms, its first word also without proclitics: `وباكو` ↔ `باكو`) is looked up in the
document's untagged stretches and tagged there with its majority type. The last word of a
multi-word person name also propagates alone (a surname used after the full name).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from dashboard.entities.scoring import chunks
from dashboard.entities.wordform import match_form, split_clitics

MAX_PHRASE = 6


def _key_forms(tokens: Sequence[str]) -> list[str]:
    return [match_form(t) for t in tokens]


def propagate(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    stopforms: frozenset[str] = frozenset(),
) -> list[list[str]]:
    """Tags of one document's sentences with propagated entities added.

    `sentences` and `tags` are aligned (tokens, IOB2 tags); returns new tag lists. Existing
    entities are never changed; a phrase is only written over tokens that are all `O`.
    Single-word phrases whose form is in `stopforms` (frequent common words) are not
    propagated.
    """
    forms = [_key_forms(s) for s in sentences]
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for i, sent_tags in enumerate(tags):
        for c in chunks(list(sent_tags), i):
            phrase = forms[i][c.first : c.last + 1]
            if len(phrase) > MAX_PHRASE:
                continue
            stem = split_clitics(phrase[0])[1]
            if len(phrase) == 1 and (phrase[0] in stopforms or stem in stopforms):
                continue
            for key in {tuple(phrase), (stem, *phrase[1:])}:
                votes[key][c.type] += 1
            if c.type == "PER" and len(phrase) > 1 and phrase[-1] not in stopforms:
                votes[(phrase[-1],)]["PER"] += 1
    phrases = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    out = [list(t) for t in tags]
    if not phrases:
        return out
    longest: dict[str, int] = {}
    for key in phrases:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    for sent, sent_tags in zip(forms, out, strict=True):
        j = 0
        while j < len(sent):
            step = 1
            first = sent[j]
            stem = split_clitics(first)[1]
            n_max = max(longest.get(first, 0), longest.get(stem, 0))
            for n in range(min(n_max, len(sent) - j), 0, -1):
                if any(t != "O" for t in sent_tags[j : j + n]):
                    continue
                rest = sent[j + 1 : j + n]
                kind = phrases.get((first, *rest)) or phrases.get((stem, *rest))
                if kind is not None:
                    sent_tags[j] = f"B-{kind}"
                    for k in range(j + 1, j + n):
                        sent_tags[k] = f"I-{kind}"
                    step = n
                    break
            j += step
    return out
