"""What an extractor returns, and the interface a backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

TYPES = ("PER", "LOC", "ORG", "MISC")


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention: `body[start:end] == surface`, `type` one of TYPES."""

    start: int
    end: int
    type: str
    surface: str


class Backend(Protocol):
    """An entity tagger. `extract_many` serves the ingest; `tag` serves evaluation on
    pre-tokenised text (CoNLL files)."""

    name: str

    def extract_many(self, bodies: Sequence[str]) -> list[list[Mention]]:
        """Mentions of each display-form body, offsets into that body."""
        ...

    def tag(self, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[str]]]:
        """IOB2 tags (types from TYPES) for documents → sentences → tokens."""
        ...
