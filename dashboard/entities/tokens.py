"""Word tokens of a display-form body, each with its character offsets.

The extractor works on tokens but reports mentions as character spans of the body, so the
tokenizer keeps `(start, end)` for every token: `body[start:end] == text` always holds.

A token is a run of letters and digits (Arabic diacritics and tatweel stay inside the word
they mark) or a single other non-space character (punctuation, symbols), which is how the
ANERcorp training text is split.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Letters/digits (\w without "_") plus combining Arabic marks, which \w does not cover.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
# Decimal numbers (3.5, 1,200, ٣٫٥) stay one token so their dot does not end a sentence.
TOKEN_RE = re.compile(f"\\d+(?:[.,\u066b]\\d+)+|(?:[^\\W_]|[{_MARKS}])+|\\S")
# Sentence-final punctuation: a sentence break for the tagger (the CRF was trained on
# sentences, and shorter sequences decode faster).
SENTENCE_END = frozenset({".", "!", "?", "؟", "\n"})


class Token(NamedTuple):
    """One token: its text and its [start, end) character offsets in the body."""

    text: str
    start: int
    end: int


def tokenize(body: str) -> list[Token]:
    """Split `body` into tokens with offsets (punctuation gets its own token)."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(body)]


def sentences(body: str) -> list[list[Token]]:
    """Tokens of `body` grouped into sentences.

    A sentence ends after `.`, `!`, `?`, `؟` or at a line break; empty sentences are
    dropped. Offsets stay relative to the whole body.
    """
    out: list[list[Token]] = []
    current: list[Token] = []
    line_end = body.find("\n")
    for m in TOKEN_RE.finditer(body):
        start = m.start()
        # A line break between the previous token and this one closes the sentence.
        while line_end != -1 and line_end < start:
            if current:
                out.append(current)
                current = []
            line_end = body.find("\n", line_end + 1)
        text = m.group()
        current.append(Token(text, start, m.end()))
        if text in SENTENCE_END:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out
