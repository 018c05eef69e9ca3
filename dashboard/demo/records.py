"""What the generator hands to write_raw: records, pages and the truth about each.

Kept apart from generate.py so that aggregator.py and write_raw.py can use the types
without importing the generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DemoRecord:
    """One raw record as an outlet's feed or scrape holds it, plus the generator's truth.

    `published_at` is the true time (UTC); whether the raw record shows it is
    `date_in_field` (a date field) and `date_in_text` (a dated dateline). `role` is
    `original`, `wire` (a wire's own story) or `copy` (republished); `copy_of` is the wire
    record's id or the agency story's key.
    """

    record_id: str
    outlet: str
    source: str
    title: str
    text: str
    url: str
    published_at: datetime
    date_in_field: bool
    date_in_text: bool
    topic: str
    role: str
    copy_of: str | None = None


@dataclass(frozen=True)
class DemoPage:
    """One aggregator page (.txt): the text, and which record it reproduces."""

    name: str
    text: str
    published_at: datetime
    copy_of: str
    related_to: str
    tags: tuple[str, ...]
    date_in_text: bool


@dataclass(frozen=True)
class Corpus:
    seed: int
    records: tuple[DemoRecord, ...]
    pages: tuple[DemoPage, ...]
