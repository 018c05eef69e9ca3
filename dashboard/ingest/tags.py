"""Tag lines → tags: cut a tag line's space-joined words into the real, often multi-word, tags.

Aggregators print tags joined by spaces (``كورونا إلهام علييف باكو قره باغ``), so word
boundaries and tag boundaries differ. `split_tag_line` first splits on explicit separators
(``،`` ``,`` ``|`` ``#`` ``;`` a spaced dash); a run without separators goes to
`segment_tags`, which chooses, by dynamic programming over the words, the cut that

1. covers the most words with multi-word phrases that occur in the article body, then
2. the most words with multi-word tags of any support (body or known pattern), then
3. uses the fewest tags (ties: the longer first tag),

never choosing a tag that ends on ``بن``/``عبد``/``أبو`` or starts on ``بن``,
when another cut exists.

A multi-word tag must be *supported*: either a contiguous phrase of the body (compared in
match form, with a clitic ``و ف ب ل ك ال`` allowed on its first word in the body), or a
known pattern: a name from ``data/compound_names.txt``, a person's name (given name from
``data/given_names.txt``, optional title, ``بن``-chains, family name), a place prefix
(``عين``، ``أبو``، ``بيت``…) with its next word, or a noun followed by adjectives
(``كوريا الشمالية``، ``المملكة العربية السعودية``). Two guards stop neighbouring tags that
happen to stand side by side in the body from merging: a body phrase may not continue
into a person's name after two or more other words or after a definite noun
(``وزير الخارجية | سامح شكري``، ``الهلال | سامي الجابر``), nor be two known names put
together (``الأمير محمد بن سلمان | ولي العهد``). Words seen
nowhere stay one tag each. Tags keep their display spelling; duplicates (same match form)
keep the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from dashboard.arabic.normalize import normalize_for_match

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_TAG_WORDS = 6


def _read_list(name: str) -> list[str]:
    """Non-comment, non-blank lines of a data file, in match form."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [normalize_for_match(x) for x in lines if x.strip() and not x.startswith("#")]


def _match_set(words: str) -> frozenset[str]:
    return frozenset(normalize_for_match(w) for w in words.split())


GIVEN_NAMES: frozenset[str] = frozenset(_read_list("given_names.txt"))
COMPOUND_NAMES: frozenset[str] = frozenset(x for x in _read_list("compound_names.txt") if " " in x)

# Honorifics and roles that may open a name (``الملك سلمان``، ``الرئيس دونالد ترامب``).
TITLES = _match_set(
    "الملك الأمير الأميرة الشيخ الشيخة السلطان الإمام السيد السيدة العاهل الرئيس الرئيسة "
    "الوزير الوزيرة السفير المستشار النائب الدكتور الدكتورة المهندس الفنان الفنانة النجم "
    "النجمة اللاعب المدرب الكاتب الكاتبة الشاعر الشاعرة الداعية المفتي القاضي اللواء العميد "
    "الفريق العقيد المشير"
)
# ``X بن Y``: patronymic chain inside a name.
CONNECTORS = _match_set("بن ابن بنت ولد")
# Words that never stand alone in a name: they form a unit with the next word
# (``عبد الفتاح``، ``أبو بكر``، ``آل سعود`` → match form ``ال سعود``).
NAME_PREFIXES = _match_set("عبد أبو أم آل")
# First words of compound place names (``عين الحلوة``، ``بيت لحم``، ``شرم الشيخ``).
PLACE_PREFIXES = _match_set(
    "عين بيت بئر بير تل دير كفر رأس جبل وادي شرم سيدي بني بنو أم مرسى جسر خان أبو دار ذي "
    "سان سانت نيو لوس لاس سري هونغ هونج ساو بورت كوالا بوينس ريو"
)
# Nouns that head an institution's or office's name and need the next word (construct
# state): in a tag line ``وزارة السياحة`` is one tag even when the body never spells it.
CONSTRUCT_HEADS = _match_set(
    "وزارة وزير جامعة هيئة منظمة مجلس حزب حركة جمعية شركة بنك مصرف وكالة محافظة ولاية "
    "إقليم مدينة مطار ميناء نادي مستشفى مسجد كأس دوري كلية معهد مركز مؤسسة اتحاد الاتحاد "
    "قناة صحيفة مجلة جبهة تنظيم قوات جيش رئيس نائب مفتي محكمة سفارة قنصلية بلدية"
)
# Adjectives that follow a noun inside one name (``كوريا الشمالية``، ``الأمم المتحدة``).
POST_ADJECTIVES = _match_set(
    "الشمالية الجنوبية الشرقية الغربية الوسطى الكبرى الصغرى المتحدة العربية الإسلامية "
    "الأوروبي الأوروبية الدولي الدولية الشعبية الديمقراطية الاتحادية الهاشمية الأحمر "
    "الأبيض الأسود المتوسط الأوسط الأدنى الأقصى المنورة المكرمة الشريف"
)
# After these a nisba adjective still belongs to the name (``المملكة العربية السعودية``).
STATE_ADJECTIVES = _match_set("العربية الإسلامية الشعبية الديمقراطية الاتحادية الهاشمية")

# Clitics allowed on the first word of a body occurrence; ``لل`` stands for ``ل`` + ``ال``.
_CLITICS = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ل", "ك")

# Explicit tag separators: Arabic/Latin commas and semicolons, bars, hashes, slashes, and a
# dash with a space on at least one side (a dash inside a word is kept).
_SEPARATOR_RE = re.compile(r"[،,|#;؛/]+|\s[-–—]+\s*|[-–—]+\s")
# In the body, punctuation that ends a phrase; quotes do not (``وكالة "أرمنبريس"``).
_BODY_BREAK_RE = re.compile(r"[.,،؛;:!?؟()\[\]{}<>\-–—/\\|…\n*]+")
_QUOTES_RE = re.compile(r"[\"«»“”‘’'`]")
_EDGE_PUNCT = "\"'«»“”‘’`.,،؛;:!?؟()[]{}<>*•·#_-–—"


def _display_word(word: str) -> str:
    return word.strip(_EDGE_PUNCT)


def _stems(token: str) -> Iterable[str]:
    """The token and its readings without one leading clitic."""
    yield token
    for prefix in _CLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            rest = token[len(prefix) :]
            yield "ال" + rest if prefix.endswith("لل") else rest


def body_phrases(body: str, words: Sequence[str]) -> frozenset[tuple[str, ...]]:
    """Multi-word runs of `words` (match forms) that occur contiguously in `body`.

    Only phrases of at most MAX_TAG_WORDS words whose every word is one of `words` are
    collected, so the cost stays proportional to the body, not to its n-grams.
    """
    vocab = set(words)
    found: set[tuple[str, ...]] = set()
    match_body = _QUOTES_RE.sub("", normalize_for_match(body))
    for run in _BODY_BREAK_RE.split(match_body):
        tokens = [t.strip(_EDGE_PUNCT) for t in run.split()]
        for i, token in enumerate(tokens):
            for first in _stems(token):
                if first not in vocab:
                    continue
                phrase = [first]
                for nxt in tokens[i + 1 : i + MAX_TAG_WORDS]:
                    if nxt not in vocab:
                        break
                    phrase.append(nxt)
                    found.add(tuple(phrase))
    return frozenset(found)


def _unit_end(words: Sequence[str], i: int) -> int | None:
    """End of one name unit at i: a word, or a prefix (عبد، أبو، آل) with its word."""
    if i >= len(words):
        return None
    if words[i] in NAME_PREFIXES:
        return i + 2 if i + 1 < len(words) else None
    return i + 1


def _given_end(words: Sequence[str], i: int) -> int | None:
    """End of a given-name unit at i (a listed given name, or عبد/أبو + word); None
    where a known compound starts instead (``أبو ظبي`` is a place)."""
    if i >= len(words) or " ".join(words[i : i + 2]) in COMPOUND_NAMES:
        return None
    if words[i] in NAME_PREFIXES and words[i] != "ال":
        return _unit_end(words, i)
    return i + 1 if words[i] in GIVEN_NAMES else None


def name_ends(words: Sequence[str], i: int) -> set[int]:
    """Ends j > i + 1 such that words[i:j] reads as a person's name: [title] given name,
    then a ``بن`` chain (optionally closed by ``آل X``) or one family-name unit; a title
    with a given name, or a two-word given name (``عبد الله``), is a name too."""
    j = i + 1 if words[i] in TITLES else i
    given = _given_end(words, j)
    if given is None:
        return set()
    # ``الملك سلمان`` and ``عبد الله`` are names by themselves; a bare given name is not.
    ends: set[int] = {given} if j > i or given - j == 2 else set()
    k = given
    chained = False
    while k + 1 < len(words) and words[k] in CONNECTORS:
        unit = _unit_end(words, k + 1)
        if unit is None:
            break
        k = unit
        chained = True
        ends.add(k)
    if k < len(words):
        if not chained:
            family = _unit_end(words, k)
            if family is not None:
                ends.add(family)
        elif words[k] == "ال" and k + 1 < len(words):  # ``... بن زايد آل نهيان``
            ends.add(k + 2)
    return {e for e in ends if e - i >= 2}


def pattern_ends(words: Sequence[str], i: int) -> set[int]:
    """Ends j such that words[i:j] (≥ 2 words) is a known compound, a person's name, a
    place prefix with its word, or a noun followed by its adjectives."""
    n = len(words)
    ends = name_ends(words, i)
    for j in range(i + 2, min(n, i + MAX_TAG_WORDS) + 1):
        if " ".join(words[i:j]) in COMPOUND_NAMES:
            ends.add(j)
    if words[i] in PLACE_PREFIXES and i + 1 < n:
        ends.add(i + 2)
    if words[i] in CONSTRUCT_HEADS and i + 1 < n:
        ends.add(i + 2)
        k = i + 2
        while k < n and k - i < MAX_TAG_WORDS and words[k] in POST_ADJECTIVES:
            ends.add(k + 1)
            k += 1
    k = i + 1
    while k < n and k - i < MAX_TAG_WORDS and words[k] in POST_ADJECTIVES:
        ends.add(k + 1)
        k += 1
    if k > i + 1 and k < n and words[k - 1] in STATE_ADJECTIVES and _is_nisba(words[k]):
        ends.add(k + 1)
    return ends


def _is_nisba(word: str) -> bool:
    """``ال...ية`` or ``ال...ي`` (match form: ``يه`` / ``ي``): a relative adjective."""
    return word.startswith("ال") and len(word) > 4 and word.endswith(("يه", "ي"))


def _name_starts_inside(words: Sequence[str], i: int, j: int) -> bool:
    """Does a person's name start inside words[i:j] after words that are not part of a
    name: after two or more words, or right after a definite noun (``الهلال سامي ...``)?
    A name after one bare word stays (``برج خليفة``، ``شارع محمد علي``)."""
    for k in range(i + 1, j):
        prev = words[k - 1]
        if prev in TITLES or prev in GIVEN_NAMES or prev in CONNECTORS or prev in NAME_PREFIXES:
            continue
        if (k - i >= 2 or prev.startswith("ال")) and _given_end(words, k) is not None:
            return True
    return False


def _bad_edges(words: Sequence[str], i: int, j: int) -> int:
    """1 if words[i:j] cannot be a whole tag: it ends on a connector or name prefix
    (``محمد بن``، ``أبو``) or starts on a connector (``بن نايف``); else 0."""
    last = words[j - 1]
    if last in CONNECTORS or last in NAME_PREFIXES:
        return 1
    return 1 if words[i] in CONNECTORS else 0


def _two_known_parts(words: Sequence[str], i: int, j: int) -> bool:
    """Is words[i:j] a known pattern of ≥ 2 words followed by another one?"""
    return any(
        k - i >= 2 and j - k >= 2 and j in pattern_ends(words, k) for k in pattern_ends(words, i)
    )


def segment_tags(words: Sequence[str], body: str = "") -> list[str]:
    """Display words of one space-joined tag run in, tags (display form) out, in order.

    See the module docstring for the rule; `body` is the article text used as evidence.
    """
    shown = [w for w in (_display_word(x) for x in words) if w]
    keys = [normalize_for_match(w) for w in shown]
    n = len(keys)
    if n == 0:
        return []
    phrases = body_phrases(body, keys) if body and n > 1 else frozenset()
    # best[i] = (score, cut) for keys[i:];
    # score = (-impossible tags, body-phrase words, multi-word words, -tags).
    Score = tuple[int, int, int, int]
    best: list[tuple[Score, list[int]]] = [((0, 0, 0, 0), [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        patterns = pattern_ends(keys, i)
        choice: tuple[Score, list[int]] | None = None
        for j in range(min(n, i + MAX_TAG_WORDS), i, -1):
            length = j - i
            in_body = length > 1 and tuple(keys[i:j]) in phrases
            if in_body and (_name_starts_inside(keys, i, j) or _two_known_parts(keys, i, j)):
                in_body = False
            if length > 1 and not in_body and j not in patterns:
                continue
            rest_score, rest_cut = best[j]
            covered = length if length > 1 else 0
            score = (
                rest_score[0] - _bad_edges(keys, i, j),
                rest_score[1] + (length if in_body else 0),
                rest_score[2] + covered,
                rest_score[3] - 1,
            )
            if choice is None or score > choice[0]:
                choice = (score, [j, *rest_cut])
        assert choice is not None  # the one-word tag is always allowed
        best[i] = choice
    tags: list[str] = []
    start = 0
    for end in best[0][1]:
        tags.append(" ".join(shown[start:end]))
        start = end
    return tags


def dedupe_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags in first-occurrence order without repeats (compared in match form)."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        key = normalize_for_match(tag)
        if key and key not in seen:
            seen.add(key)
            out.append(tag)
    return tuple(out)


def split_tag_line(content: str, body: str = "") -> tuple[str, ...]:
    """The content of a tag line (label removed) in, its tags out (display form,
    deduplicated, first-occurrence order).

    With explicit separators each piece is one tag (a piece of more than four words is
    still segmented: a separator-less run glued to it); without, the run is segmented.
    Hashtag underscores become spaces.
    """
    content = content.replace("_", " ")
    pieces = [p.strip() for p in _SEPARATOR_RE.split(content)]
    pieces = [p for p in pieces if _display_word(p)]
    if not pieces:
        return ()
    if len(pieces) == 1:
        return dedupe_tags(segment_tags(pieces[0].split(), body))
    tags: list[str] = []
    for piece in pieces:
        words = piece.split()
        if len(words) > 4:
            tags.extend(segment_tags(words, body))
        else:
            tags.append(" ".join(w for w in (_display_word(x) for x in words) if w))
    return dedupe_tags(tags)
