"""Arabic-aware search: one grammar, rendered for the match form and for the display form.

A query is normalised with `normalize_for_match` (hamza/alef forms, ة/ه, ى/ي, diacritics,
tatweel, digits, case) and matched as a whole word (or phrase) that may carry the clitic
prefixes of Arabic news text on its first word:

    [و ف]?  then one of  [ب ل ك] | [ب ك]?ال | لل (ل + ال)  then the word

* `باكو` matches `باكو وباكو فباكو بباكو لباكو كباكو الباكو والباكو للباكو`, not `باكوس`
  (no suffix is allowed) nor `سباكو` (س is not a clitic). The article is optional for a
  query written without it, because researchers type `حكومة` and expect `الحكومة`.
* `الرياض` matches `بالرياض كالرياض والرياض فالرياض للرياض وللرياض`, not bare `رياض`: a query
  written with the article requires it (in one of its clitic spellings).
* ل + ال is written لل, and ل + ال before a word that starts with ل (`الليل`) is written `لليل`.
* Only the first word of a phrase takes clitics; the next words must follow with one space
  (`body_norm` has single spaces).

`match_pattern` renders the grammar as an RE2 pattern for DuckDB's `regexp_matches` over
`body_norm` (bound as a parameter, never spliced into SQL); `display_pattern` renders it as a
Python pattern over the original display text (each letter a class of its spellings,
optional diacritics/tatweel after every letter), which finds the hits for keyword-in-context.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dashboard.arabic.normalize import (
    DIACRITICS,
    DIGIT_MAP,
    LETTER_MAP,
    TATWEEL,
    normalize_for_match,
)

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
ARTICLE = "ال"
LAM = "ل"

# Spellings of each match-form character in display text (inverse of the letter tables).
VARIANTS: dict[str, str] = {}
for _src, _dst in {**LETTER_MAP, **DIGIT_MAP}.items():
    VARIANTS[_dst] = VARIANTS.get(_dst, _dst) + _src

# Diacritics and tatweel may follow any letter in display text.
_MARKS = f"[{DIACRITICS}{TATWEEL}]*"
_RE2_SPECIAL = set(r"\.^$|?*+()[]{}-/")

# SQL pieces to bring a title to the match form inside DuckDB (bound as parameters).
TITLE_STRIP_RE2 = f"[{DIACRITICS}{TATWEEL}]"
TITLE_FROM = "".join({**LETTER_MAP, **DIGIT_MAP}.keys())
TITLE_TO = "".join({**LETTER_MAP, **DIGIT_MAP}.values())


def _re2_literal(text: str) -> str:
    """Escape ASCII metacharacters only (RE2 rejects escapes of other characters)."""
    return "".join("\\" + c if c in _RE2_SPECIAL else c for c in text)


def _display_char(c: str) -> str:
    if c == " ":
        return rf"[\s{DIACRITICS}{TATWEEL}]+"
    variants = VARIANTS.get(c, c)
    body = re.escape(c) if len(variants) == 1 else "[" + re.escape(variants) + "]"
    return body + _MARKS


def _render(pieces: list[tuple[str, str]], display: bool) -> str:
    """pieces: ("lit", text) for literal text, ("opt", chars) for an optional char class."""
    out = []
    for kind, text in pieces:
        if kind == "lit":
            out.append("".join(_display_char(c) for c in text) if display else _re2_literal(text))
        else:
            alts = "|".join(_display_char(c) for c in text) if display else None
            out.append(f"(?:{alts})?" if display else f"[{text}]?")
    return "".join(out)


def _alternatives(first: str) -> list[list[tuple[str, str]]]:
    """The clitic spellings of the first word, as piece lists (see the module docstring)."""
    conj = ("opt", CONJUNCTIONS)
    if first.startswith(ARTICLE) and len(first) > len(ARTICLE):
        stem = first[len(ARTICLE):]
        lam_form = LAM + stem if stem.startswith(LAM) else LAM + LAM + stem
        return [[conj, ("opt", "بك"), ("lit", ARTICLE + stem)],
                [conj, ("lit", lam_form)]]
    lam_form = LAM + first if first.startswith(LAM) else LAM + LAM + first
    return [[conj, ("opt", PREPOSITIONS), ("lit", first)],
            [conj, ("opt", "بك"), ("lit", ARTICLE + first)],
            [conj, ("lit", lam_form)]]


def _grammar(query: str, display: bool) -> str | None:
    words = normalize_for_match(query).split()
    if not words:
        return None
    alts = "|".join(_render(p, display) for p in _alternatives(words[0]))
    tail = _render([("lit", " " + " ".join(words[1:]))], display) if len(words) > 1 else ""
    return f"(?:{alts}){tail}"


@lru_cache(maxsize=256)
def match_pattern(query: str) -> str | None:
    """RE2 pattern matching `query` as a whole word/phrase with clitics in `body_norm`
    (None for an empty query)."""
    core = _grammar(query, display=False)
    if core is None:
        return None
    return rf"(?:^|[^\p{{L}}\p{{N}}]){core}(?:$|[^\p{{L}}\p{{N}}])"


@lru_cache(maxsize=256)
def display_regex(query: str) -> re.Pattern | None:
    """Compiled Python pattern finding `query` in display text; group 0 is the hit
    (clitics and trailing diacritics included). None for an empty query."""
    core = _grammar(query, display=True)
    if core is None:
        return None
    return re.compile(rf"(?<!\w){core}{_MARKS}(?!\w)", re.IGNORECASE)


def required_literal(query: str) -> str | None:
    """A substring every match contains (the query in match form without its article):
    a cheap `contains` test before the regular expression."""
    words = normalize_for_match(query).split()
    if not words:
        return None
    first = words[0]
    if first.startswith(ARTICLE) and len(first) > len(ARTICLE):
        first = first[len(ARTICLE):]
    return " ".join([first, *words[1:]])


def _re2_class(c: str) -> str:
    """An RE2 class of every display spelling of match-form character `c`."""
    chars = VARIANTS.get(c, c)
    return "[" + "".join("\\" + v if v in "\\]^-[" else v for v in chars) + "]"


@lru_cache(maxsize=256)
def title_prefilter(query: str) -> str | None:
    """RE2 pattern over a title as written (display form) that every title matching
    `query` also matches: the required literal with each letter a class of its spellings,
    diacritics or tatweel allowed after it, case ignored. A cheap test that spares
    bringing every title to the match form (translate and friends cost ~2 s per million
    titles). None for an empty query."""
    literal = required_literal(query)
    if not literal:
        return None
    marks = f"[{DIACRITICS}{TATWEEL}]"
    pieces = [rf"[\s{DIACRITICS}{TATWEEL}]+" if c == " " else _re2_class(c) + marks + "*"
              for c in literal]
    return "(?i)" + "".join(pieces)


def sql_condition(query: str, alias: str = "a") -> tuple[str, list]:
    """(SQL condition, params) matching `query` in the body or the title of the articles
    row `alias` (both brought to the match form); every value is a bound parameter.
    Each side tests a cheap necessary condition first (a substring of the body's match
    form; a pattern over the title as written)."""
    pattern = match_pattern(query)
    if pattern is None:
        return "TRUE", []
    title = f"lower(translate(regexp_replace(coalesce({alias}.title, ''), ?, '', 'g'), ?, ?))"
    sql = (f"((contains({alias}.body_norm, ?) AND regexp_matches({alias}.body_norm, ?))"
           f" OR (regexp_matches(coalesce({alias}.title, ''), ?) AND regexp_matches({title}, ?)))")
    return sql, [required_literal(query), pattern, title_prefilter(query), TITLE_STRIP_RE2,
                 TITLE_FROM, TITLE_TO, pattern]


# --- keyword in context ------------------------------------------------------------------


def _trim_left(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[-width:]
    space = cut.find(" ")
    return "… " + (cut[space + 1:] if 0 <= space < width // 2 else cut)


def _trim_right(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[:width]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut) + " …"


def snippet(body: str, start: int, end: int, width: int = 60) -> tuple[str, str, str]:
    """(before, hit, after) around body[start:end], each context ≤ width characters,
    cut at a space where possible; line breaks become spaces."""
    before = " ".join(body[:start].split()[-30:]) if start else ""
    after = " ".join(body[end:].split()[:30])
    return _trim_left(before, width), body[start:end], _trim_right(after, width)


def kwic(body: str, query: str, limit: int = 3, width: int = 60) -> list[tuple[str, str, str]]:
    """Up to `limit` keyword-in-context snippets for `query` in a display-form `body`."""
    pattern = display_regex(query)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(body):
        out.append(snippet(body, m.start(), m.end(), width))
        if len(out) >= limit:
            break
    return out


def kwic_spans(body: str, starts, ends, limit: int = 3,
               width: int = 60) -> list[tuple[str, str, str]]:
    """Snippets for known character spans (entity mentions) into `body`."""
    out = []
    for s, e in list(zip(starts, ends, strict=False))[:limit]:
        if 0 <= s < e <= len(body):
            out.append(snippet(body, int(s), int(e), width))
    return out
