"""The ingest's entity step: extract mentions from every body, then canonicalise them.

Extraction is the slow part of the ingest (a CRF over every token), so it runs in `jobs`
worker processes, each loading the model once; canonicalisation needs the whole corpus and
runs in the parent.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Sequence

import pandas as pd

from dashboard.entities import get_backend
from dashboard.entities.canonical import CanonParams, canonicalise
from dashboard.entities.mention import Mention

CHUNK = 200  # bodies per task: big enough to amortise pickling, small for a smooth bar

_worker_backend = None


def _init_worker(backend_name: str | None) -> None:
    global _worker_backend
    _worker_backend = get_backend(backend_name)


def _extract_chunk(bodies: list[str]) -> list[list[Mention]]:
    return _worker_backend.extract_many(bodies)


def extract_all(bodies: Sequence[str], *, jobs: int = 1, backend: str | None = None,
                on_progress: Callable[[int], None] | None = None) -> list[list[Mention]]:
    """Mentions of every body, in order, using `jobs` processes (1: in this process)."""
    chunks = [list(bodies[i:i + CHUNK]) for i in range(0, len(bodies), CHUNK)]
    out: list[list[Mention]] = []
    if jobs <= 1 or len(chunks) <= 1:
        tagger = get_backend(backend)
        for chunk in chunks:
            out.extend(tagger.extract_many(chunk))
            if on_progress:
                on_progress(len(chunk))
        return out
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(backend,)) as pool:
        for chunk, result in zip(chunks, pool.imap(_extract_chunk, chunks), strict=True):
            out.extend(result)
            if on_progress:
                on_progress(len(chunk))
    return out


def entity_tables(articles: pd.DataFrame, *, jobs: int = 1, backend: str | None = None,
                  params: CanonParams | None = None,
                  on_progress: Callable[[int], None] | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """(entities, mentions, stats) for the articles' `body` column."""
    t0 = time.perf_counter()
    bodies = articles["body"].tolist()
    mentions = extract_all(bodies, jobs=jobs, backend=backend, on_progress=on_progress)
    t1 = time.perf_counter()
    entities, mention_rows = canonicalise(articles["article_id"].tolist(), mentions,
                                          params or CanonParams())
    t2 = time.perf_counter()
    tokens = sum(len(b.split()) for b in bodies)
    stats = {
        "backend": get_backend(backend).name,
        "jobs": jobs,
        "mentions": int(sum(len(m) for m in mentions)),
        "entities": len(entities),
        "entities_by_type": {k: int(v) for k, v in entities["type"].value_counts().items()},
        "tokens": tokens,
        "extract_s": round(t1 - t0, 3),
        "canonicalise_s": round(t2 - t1, 3),
        "tokens_per_second": round(tokens / max(t1 - t0, 1e-9), 1),
    }
    return entities, mention_rows, stats
