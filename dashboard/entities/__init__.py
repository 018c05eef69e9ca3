"""Named entities (PER, LOC, ORG, MISC) in display-form article bodies.

    from dashboard.entities import extract, extract_many
    extract(body)          # -> [Mention(start, end, type, surface), ...]
    extract_many(bodies)   # one list per body; faster than a loop of extract

Offsets index the body string as given (`dashboard.arabic.normalize.clean_display` form):
`body[m.start:m.end] == m.surface`. The backend is pluggable (see `registry.py`); the
default is the shipped CRF (`crf.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.entities.mention import TYPES, Backend, Mention
from dashboard.entities.registry import available_backends, get_backend, register_backend


def extract(body: str, backend: str | None = None) -> list[Mention]:
    """Entity mentions of one body, in text order."""
    return get_backend(backend).extract_many([body])[0]


def extract_many(bodies: Sequence[str], backend: str | None = None) -> list[list[Mention]]:
    """Entity mentions of each body (same order as `bodies`)."""
    return get_backend(backend).extract_many(bodies)


__all__ = [
    "TYPES",
    "Backend",
    "Mention",
    "available_backends",
    "extract",
    "extract_many",
    "get_backend",
    "register_backend",
]
