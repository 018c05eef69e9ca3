"""Duplicate grouping: exact copies by body hash, near copies by MinHash/LSH.

Nothing is deleted: every article gets a `dup_group` (its own id when it has no copy) and a
`dup_kind`, and every group of two or more articles gets one row in `dup_groups.parquet`.

* **Exact**: articles whose match-form body (`body_norm`) is identical share a body hash.
* **Near**: the Jaccard similarity of the sets of `shingle`-word shingles of two bodies is at
  least `threshold`. Template shingles, published on more than `stop_days` different days
  (titles of office, the frame of a weather report or of a congratulation cable), are left
  out of the sets: they make different stories look alike, while the copies of one story
  appear within a few days, however many outlets carry it. Candidates come from MinHash
  signatures bucketed by LSH bands; every candidate is then checked with the true Jaccard
  of the shingle sets before it is joined, so a bucket collision never merges two stories.
  Bodies shorter than `min_words` words, or left with fewer than `min_words // 3`
  shingles, only take part in exact grouping.

Groups are the connected components of exact and near links. The group id is the
article_id of the earliest member (earliest `published_at`, undated last, ties by
article_id), so the result does not depend on row order. docs/dedup.md says how the
threshold was measured on real wire copy.

Hashing never uses Python's salted `hash()`: words are hashed by arithmetic on their code
points and MinHash permutations come from blake2b, so signatures are the same in every
process.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

DUP_COLUMNS = ["article_id", "dup_group", "dup_kind"]
GROUP_COLUMNS = ["dup_group", "kind", "size", "first_article_id", "first_published_at", "outlets"]
INPUT_COLUMNS = ["article_id", "body_norm", "published_at", "source", "publisher"]

# LSH is tuned so that a pair exactly at the threshold becomes a candidate with at least
# this probability; pairs above it are found almost surely. Every candidate is verified,
# so raising it costs time (more candidates), never wrong links.
LSH_RECALL_AT_THRESHOLD = 0.9
# In an LSH bucket, each member is paired with the next MAX_BUCKET_WINDOW members only, so
# a bucket of thousands of near-identical bodies yields linear, not quadratic, candidates.
MAX_BUCKET_WINDOW = 64
# Texts are hashed and sketched in batches of about this many characters, so that the
# working arrays fit in the CPU cache (word hashing measured 8x faster than in one pass
# over 50M characters).
BATCH_CHARS = 1 << 20
# Days per shingle are counted in 2**BUCKET_BITS hash buckets (two 32 MB tables).
BUCKET_BITS = 23

_U64 = np.uint64
_WORD_HASH_BASE = _U64(1099511628211)  # the FNV-64 prime
_SHINGLE_MULT = _U64(0x9E3779B97F4A7C15)  # golden-ratio constant, odd


@dataclass(frozen=True)
class DedupParams:
    """Near-duplicate settings; defaults measured on SaudiNewsNet (docs/dedup.md).

    threshold: Jaccard of the (template-free) word-shingle sets at or above which two
        bodies are near copies.
    num_perm: MinHash permutations per signature.
    shingle: words per shingle.
    min_words: bodies with fewer words are grouped only when exactly equal.
    stop_days: a shingle published on more than this many different days is template text
        (titles of office, the frame of a daily report) and is ignored; a story is
        republished within a few days, however many outlets carry it.
    """

    threshold: float = 0.35
    num_perm: int = 128
    shingle: int = 3
    min_words: int = 30
    stop_days: int = 7

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.num_perm < 1 or self.shingle < 1:
            raise ValueError("num_perm and shingle must be positive")
        if self.min_words < self.shingle:
            raise ValueError("min_words must be at least shingle")
        if self.stop_days < 1:
            raise ValueError("stop_days must be positive")


# --- hashing ------------------------------------------------------------------------------


def body_hash(text: str) -> str:
    """16 hex digits of blake2b over the UTF-8 text: the key of exact duplicates."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


@cache
def _word_char_table() -> np.ndarray:
    """Bool per UTF-16 unit: letters, digits, underscore and combining marks.

    Marks count as word characters so that a stray diacritic never splits a word.
    Surrogates are not word characters.
    """
    table = np.zeros(0x10000, dtype=bool)
    for cp in range(0x10000):
        ch = chr(cp)
        table[cp] = ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc")
    return table


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, in place: spreads every input bit over the output."""
    x ^= x >> _U64(33)
    x *= _U64(0xFF51AFD7ED558CCD)
    x ^= x >> _U64(33)
    x *= _U64(0xC4CEB9FE1A85EC53)
    x ^= x >> _U64(33)
    return x


def word_hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hash every word of every text, vectorised.

    Words are maximal runs of word characters (`_word_char_table`); punctuation, spaces
    and characters outside the Basic Multilingual Plane (emoji) separate them. Returns
    (uint64 hash per word, int64 index of its text), in text order. Call it on batches of
    about BATCH_CHARS characters: everything then stays in the CPU cache.
    """
    if not texts:
        return np.zeros(0, _U64), np.zeros(0, np.int64)
    # UTF-16 units index the 64 Ki-entry table directly; an astral character becomes two
    # surrogates, which are not word characters. "\n" is not one either, so no word spans
    # two texts.
    encoded = [t.encode("utf-16-le") for t in texts]
    units = np.frombuffer(b"\n\x00".join(encoded), dtype=np.uint16)
    is_word = np.zeros(len(units) + 2, dtype=bool)
    is_word[1:-1] = _word_char_table()[units]
    starts = np.flatnonzero(is_word[1:-1] & ~is_word[:-2])
    ends = np.flatnonzero(is_word[1:-1] & ~is_word[2:]) + 1
    lengths = ends - starts
    if len(starts) == 0:
        return np.zeros(0, _U64), np.zeros(0, np.int64)

    # Polynomial hash over the units, one character position at a time. Sorting words by
    # length (longest first; a 16-bit key gets numpy's radix sort) makes the words still
    # unfinished at position j a prefix: slices, no masks.
    max_len = int(lengths.max())
    key_type = np.uint16 if max_len < 1 << 16 else np.int64
    order = np.argsort((max_len - lengths).astype(key_type), kind="stable")
    s_sorted, len_sorted = starts[order], lengths[order]
    longer_than = len(lengths) - np.cumsum(np.bincount(lengths, minlength=max_len + 1))
    h = np.zeros(len(starts), dtype=_U64)
    with np.errstate(over="ignore"):
        for j in range(max_len):
            head = h[: longer_than[j]]
            head *= _WORD_HASH_BASE
            head += units[s_sorted[: longer_than[j]] + j]
        h = _fmix64(h + len_sorted.astype(_U64))
    word_hash = np.empty_like(h)
    word_hash[order] = h

    text_starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum([len(e) // 2 + 1 for e in encoded[:-1]], out=text_starts[1:])
    word_text = np.searchsorted(text_starts, starts, side="right") - 1
    return word_hash, word_text.astype(np.int64)


def shingle_hashes(
    word_hash: np.ndarray, word_text: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Hash each run of `k` consecutive words inside one text (order-sensitive).

    Returns (uint64 hash per shingle, int64 text index), in text order; a text with fewer
    than `k` words has no shingle.
    """
    n = len(word_hash) - k + 1
    if n <= 0:
        return np.zeros(0, _U64), np.zeros(0, np.int64)
    with np.errstate(over="ignore"):
        acc = word_hash[:n].copy()
        for i in range(1, k):
            acc = acc * _SHINGLE_MULT + word_hash[i : i + n]
        acc = _fmix64(acc)
    inside = word_text[:n] == word_text[k - 1 : k - 1 + n]
    return acc[inside], word_text[:n][inside]


# --- MinHash and LSH ----------------------------------------------------------------------


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-add-shift coefficients (a odd, b) per permutation, derived with blake2b."""

    def coeff(tag: str, i: int) -> int:
        digest = hashlib.blake2b(f"marsad-minhash-{tag}-{i}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "little")

    a = np.array([coeff("a", i) | 1 for i in range(num_perm)], dtype=_U64)
    b = np.array([coeff("b", i) for i in range(num_perm)], dtype=_U64)
    return a, b


def minhash_signatures(sh: np.ndarray, offsets: np.ndarray, num_perm: int) -> np.ndarray:
    """MinHash signature per text: uint32 array (n_texts, num_perm).

    `sh` holds the shingle hashes of all texts back to back, `offsets` the start of each
    text's (non-empty) run. Permutation i maps the top 32 bits x of a shingle hash to
    (a_i * x + b_i) >> 32 (Dietzfelbinger's 2-universal scheme) and keeps the minimum.
    """
    a, b = _permutations(num_perm)
    x = sh >> _U64(32)
    out = np.empty((len(offsets), num_perm), dtype=np.uint32)
    if len(offsets) == 0:
        return out
    tmp = np.empty_like(x)
    with np.errstate(over="ignore"):
        for i in range(num_perm):
            np.multiply(x, a[i], out=tmp)
            tmp += b[i]
            tmp >>= _U64(32)
            out[:, i] = np.minimum.reduceat(tmp, offsets)
    return out


def lsh_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) for LSH over `num_perm` values.

    The most rows per band (fewest chance candidates) for which a pair with Jaccard equal
    to `threshold` still shares a band with probability ≥ LSH_RECALL_AT_THRESHOLD.
    """
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= LSH_RECALL_AT_THRESHOLD:
            best = (bands, rows)
        else:
            break
    return best


def lsh_candidates(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Pairs (i, j), i < j, of signature rows that agree on at least one whole band.

    Returns a sorted, duplicate-free int64 array of shape (m, 2). Within a band, rows are
    sorted by band key (stable, so ties keep row order) and each row is paired with the
    following rows of its bucket, at most MAX_BUCKET_WINDOW of them.
    """
    n = len(sig)
    found = [np.zeros(0, dtype=np.int64)]
    if n >= 2:
        with np.errstate(over="ignore"):
            for band in range(bands):
                cols = sig[:, band * rows : (band + 1) * rows].astype(_U64)
                key = np.zeros(n, dtype=_U64)
                for c in range(rows):
                    key = key * _SHINGLE_MULT + cols[:, c]
                key = _fmix64(key)
                order = np.argsort(key, kind="stable")
                ks = key[order]
                for d in range(1, min(MAX_BUCKET_WINDOW, n - 1) + 1):
                    same = np.flatnonzero(ks[:-d] == ks[d:])
                    if same.size == 0:
                        break
                    i, j = order[same], order[same + d]
                    found.append(np.minimum(i, j) * n + np.maximum(i, j))
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // max(n, 1), codes % max(n, 1)], axis=1)


# --- similarity of candidates -------------------------------------------------------------


@dataclass(frozen=True)
class Sketches:
    """MinHash sketches of the texts long enough for near-duplicate search.

    text: index in the input list of each sketched text (in day order); sig: its signature
    row; shingles: all their shingle hashes back to back; bounds: the i-th text's shingles
    are shingles[bounds[i]:bounds[i + 1]].
    """

    text: np.ndarray
    sig: np.ndarray
    shingles: np.ndarray
    bounds: np.ndarray


def _batches(texts: list[str]) -> list[tuple[int, int]]:
    """Consecutive (start, stop) slices of `texts` of about BATCH_CHARS characters each."""
    cuts, size = [0], 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= BATCH_CHARS:
            cuts.append(i + 1)
            size = 0
    if cuts[-1] != len(texts):
        cuts.append(len(texts))
    return list(zip(cuts[:-1], cuts[1:], strict=True))


def _bucket(sh: np.ndarray) -> np.ndarray:
    """Frequency-table bucket of each shingle hash (its top BUCKET_BITS bits)."""
    return (sh >> _U64(64 - BUCKET_BITS)).astype(np.int32)


def sketch_texts(
    texts: list[str], params: DedupParams = DedupParams(), days: np.ndarray | None = None
) -> Sketches:
    """Shingle and MinHash every text that is long enough for near-duplicate search.

    `days` gives each text's publication day as an integer (undated texts share one
    value); None puts all texts on one day, which disables template detection.
    Pass 1 hashes the shingles of every text with at least `params.min_words` words and
    counts on how many days each occurs; pass 2 drops template shingles (on more than
    `params.stop_days` days) and sketches the texts that keep at least
    `params.min_words // 3` shingles. Texts are processed, and returned, in day order.
    """
    day = np.zeros(len(texts), np.int64) if days is None else np.asarray(days, np.int64)
    order = np.argsort(day, kind="stable")
    day_rank = np.unique(day, return_inverse=True)[1].astype(np.int32)[order]
    texts = [texts[i] for i in order]

    # Pass 1. Texts come in day order, so a bucket's days arrive in order too and
    # `last_day` tells whether this day was already counted. Two shingles may share a
    # bucket; that only makes a rare shingle look commoner, which at worst drops it.
    days_seen = np.zeros(1 << BUCKET_BITS, dtype=np.int32)
    last_day = np.full(1 << BUCKET_BITS, -1, dtype=np.int32)
    batches = []
    for lo, hi in _batches(texts):
        word_hash, word_text = word_hashes(texts[lo:hi])
        long_enough = np.bincount(word_text, minlength=hi - lo) >= params.min_words
        keep = long_enough[word_text]
        sh, sh_text = shingle_hashes(word_hash[keep], word_text[keep], params.shingle)
        sh_text = sh_text.astype(np.int32)
        bucket = _bucket(sh)
        sh_day = day_rank[lo + sh_text]
        if len(sh):
            starts = np.flatnonzero(np.r_[True, sh_day[1:] != sh_day[:-1]])
            for seg_day, seg in zip(sh_day[starts], np.split(bucket, starts[1:]), strict=True):
                fresh = seg[last_day[seg] != seg_day]
                days_seen[fresh] += 1  # a repeated index is incremented once
                last_day[fresh] = seg_day
        batches.append((lo, sh, sh_text, bucket))
    del last_day

    text_parts, sig_parts, sh_parts, len_parts = [], [], [], []
    min_shingles = max(1, params.min_words // 3)
    batches.reverse()
    while batches:  # popped one by one, so each batch's arrays are freed once sketched
        lo, sh, sh_text, bucket = batches.pop()
        distinctive = days_seen[bucket] <= params.stop_days
        sh, sh_text = sh[distinctive], sh_text[distinctive]
        enough = np.bincount(sh_text, minlength=1)[sh_text] >= min_shingles
        sh, sh_text = sh[enough], sh_text[enough]
        if len(sh) == 0:
            continue
        # Texts are contiguous in `sh`, in order.
        offsets = np.flatnonzero(np.r_[True, sh_text[1:] != sh_text[:-1]])
        sig_parts.append(minhash_signatures(sh, offsets, params.num_perm))
        text_parts.append(order[lo + sh_text[offsets]])
        sh_parts.append(sh)
        len_parts.append(np.diff(np.r_[offsets, len(sh)]))
    if not sig_parts:
        return Sketches(
            np.zeros(0, np.int64),
            np.zeros((0, params.num_perm), np.uint32),
            np.zeros(0, _U64),
            np.zeros(1, np.int64),
        )
    lengths = np.concatenate(len_parts)
    bounds = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=bounds[1:])
    return Sketches(
        np.concatenate(text_parts), np.vstack(sig_parts), np.concatenate(sh_parts), bounds
    )


def similar_pairs(
    texts: list[str], params: DedupParams = DedupParams(), days: np.ndarray | None = None
) -> pd.DataFrame:
    """Pairs of near-similar texts among `texts` (match-form bodies; `days` as in
    `sketch_texts`).

    Only texts that `sketch_texts` sketches take part. Candidates from
    MinHash/LSH are verified on the true shingle sets. Returns columns `a`, `b` (indices
    into `texts`, a < b), `jaccard` and `containment` (shared shingles over the smaller
    set), for the pairs with jaccard ≥ params.threshold, sorted by (a, b).
    """
    sk = sketch_texts(texts, params, days)
    bands, rows = lsh_shape(params.threshold, params.num_perm)
    cand = lsh_candidates(sk.sig, bands, rows)
    sets: dict[int, np.ndarray] = {}

    def shingle_set(i: int) -> np.ndarray:
        """Sorted distinct shingles of sketched text i (computed once)."""
        if i not in sets:
            sets[i] = np.unique(sk.shingles[sk.bounds[i] : sk.bounds[i + 1]])
        return sets[i]

    found = []
    for i, j in cand.tolist():
        small, large = sorted((shingle_set(i), shingle_set(j)), key=len)
        at = np.searchsorted(large, small)
        at[at == len(large)] = 0
        inter = int(np.count_nonzero(large[at] == small))
        jaccard = inter / (len(small) + len(large) - inter)
        if jaccard >= params.threshold:
            a, b = sorted((int(sk.text[i]), int(sk.text[j])))
            found.append((a, b, jaccard, inter / len(small)))
    pairs = pd.DataFrame(found, columns=["a", "b", "jaccard", "containment"])
    pairs = pairs.astype({"a": np.int64, "b": np.int64, "jaccard": float, "containment": float})
    return pairs.sort_values(["a", "b"], ignore_index=True)


# --- grouping -----------------------------------------------------------------------------


def _components(n: int, edges: np.ndarray) -> np.ndarray:
    """Connected-component label per node 0..n-1 (union-find; label = smallest member)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    for u, v in edges.tolist():
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    return np.array([find(x) for x in range(n)], dtype=np.int64)


def _published_utc(articles: pd.DataFrame) -> pd.Series:
    """published_at as datetime64[us, UTC] with a 0..n-1 index."""
    published = pd.to_datetime(articles["published_at"], utc=True)
    return published.astype("datetime64[us, UTC]").reset_index(drop=True)


def _canonical_rank(published: pd.Series, ids: np.ndarray) -> np.ndarray:
    """Rank of each row in (published_at, undated last, article_id) order."""
    key = pd.DataFrame(
        {
            "undated": published.isna().to_numpy(),
            "ts": published.array.asi8,  # NaT's value is irrelevant: undated sorts last
            "article_id": ids,
        }
    )
    order = key.sort_values(["undated", "ts", "article_id"], kind="stable").index.to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def _empty_outputs(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    dups = pd.DataFrame({c: pd.Series([], dtype=object) for c in DUP_COLUMNS}, index=articles.index)
    dtypes = {"size": "int32", "first_published_at": "datetime64[us, UTC]"}
    groups = pd.DataFrame({c: pd.Series([], dtype=dtypes.get(c, object)) for c in GROUP_COLUMNS})
    return dups, groups


def assign_duplicates(
    articles: pd.DataFrame, params: DedupParams = DedupParams()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group exact and near copies among `articles`.

    In: columns article_id (unique str), body_norm (str, match form), published_at
    (datetime64[us, UTC], nullable), source and publisher (str or None).

    Out: (1) same index and row order: article_id, dup_group (article_id of the group's
    earliest member, or the article's own id), dup_kind ("none", "exact" when every member
    has the same body, else "near"); (2) one row per group of two or more, sorted by its
    earliest member: dup_group, kind, size (int32), first_article_id, first_published_at,
    outlets (sorted unique non-empty source and publisher values of all members).
    An empty body_norm is never grouped.
    """
    missing = [c for c in INPUT_COLUMNS if c not in articles.columns]
    if missing:
        raise ValueError(f"assign_duplicates: missing columns {missing}")
    if articles.empty:
        return _empty_outputs(articles)
    ids = articles["article_id"].to_numpy(dtype=object)
    if pd.Series(ids).duplicated().any():
        raise ValueError("assign_duplicates: article_id values must be unique")

    n = len(articles)
    bodies = articles["body_norm"].fillna("").astype(str).tolist()
    hashes = np.array([body_hash(b) for b in bodies], dtype=object)
    has_body = np.array([bool(b) for b in bodies])

    # One representative per distinct body: its earliest row, whose day dates the body.
    # Bodies are listed in hash order, so that nothing downstream depends on row order.
    published = _published_utc(articles)
    rank = _canonical_rank(published, ids)
    first_row: dict[str, int] = {}
    edges = []
    for row in np.argsort(rank).tolist():
        if has_body[row]:
            edges.append((first_row.setdefault(hashes[row], row), row))
    rep_row = np.array([first_row[h] for h in sorted(first_row)], dtype=np.int64)
    day = published.array.asi8 // (86_400 * 1_000_000)  # µs → days since 1970
    day[published.isna().to_numpy()] = np.iinfo(np.int64).max  # undated: one more "day"
    near = similar_pairs([bodies[r] for r in rep_row], params, day[rep_row])
    near_edges = np.stack([rep_row[near["a"].to_numpy()], rep_row[near["b"].to_numpy()]], axis=1)
    all_edges = np.concatenate([np.array(edges, dtype=np.int64).reshape(-1, 2), near_edges])
    comp = _components(n, all_edges)

    frame = pd.DataFrame({"comp": comp, "rank": rank, "hash": hashes})
    by_comp = frame.groupby("comp")
    first_rank = by_comp["rank"].transform("min").to_numpy()
    size = by_comp["rank"].transform("size").to_numpy()
    n_bodies = by_comp["hash"].transform("nunique").to_numpy()
    row_of_rank = np.empty(n, dtype=np.int64)
    row_of_rank[rank] = np.arange(n)
    first_row_of = row_of_rank[first_rank]

    kind = np.where(size < 2, "none", np.where(n_bodies == 1, "exact", "near"))
    dups = pd.DataFrame(
        {"article_id": ids, "dup_group": ids[first_row_of], "dup_kind": kind.astype(object)},
        index=articles.index,
    )

    grouped = np.flatnonzero(size >= 2)
    if grouped.size == 0:
        return dups, _empty_outputs(articles)[1]
    members = pd.DataFrame(
        {
            "first": first_row_of[grouped],
            "source": articles["source"].to_numpy(dtype=object)[grouped],
            "publisher": articles["publisher"].to_numpy(dtype=object)[grouped],
        }
    )
    outlets = (
        members.melt(id_vars="first", value_vars=["source", "publisher"])
        .dropna(subset=["value"])
        .loc[lambda m: m["value"].astype(str).str.len() > 0]
        .groupby("first")["value"]
        .agg(lambda v: sorted(set(map(str, v))))
    )
    firsts = np.array(sorted(set(first_row_of[grouped].tolist()), key=lambda r: rank[r]))
    groups = pd.DataFrame(
        {
            "dup_group": ids[firsts],
            "kind": kind[firsts].astype(object),
            "size": size[firsts].astype("int32"),
            "first_article_id": ids[firsts],
            "first_published_at": published.iloc[firsts].reset_index(drop=True),
            "outlets": [outlets.get(r, []) for r in firsts],
        }
    )
    return dups, groups
