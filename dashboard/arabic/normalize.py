"""Arabic text normalisation: one small pure function per operation, tables as data.

Two forms of every text are kept (see docs/ARCHITECTURE.md):

* **display** (`clean_display`): the original letters, in logical order, with only
  invisible noise removed (bidi and zero-width controls, NBSP, stray whitespace, legacy
  presentation-form glyphs). This is what a reader sees and what entity offsets point into.
* **match** (`normalize_for_match`): the form used for search, counting and dedup, where
  spelling variants that readers treat as the same word compare equal.

Every function is total (any str in, str out) and idempotent.
"""

from __future__ import annotations

import re
import unicodedata

# --- character classes, compiled once -------------------------------------------------

# Bidi embedding/override/isolate marks, LRM/RLM and the Arabic letter mark: they steer
# rendering and must never be stored (charts add their own, once, where figures are built).
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width characters and the BOM. ZWNJ/ZWJ carry meaning in Persian, not in Arabic
# news, where they are scraping residue that splits words for search.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")

# Every horizontal space that is not a plain space (NBSP, narrow NBSP, figure space,
# en/em spaces, ideographic space, tab) becomes a plain space.
_HSPACE_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_MULTI_SPACE_RE = re.compile(" {2,}")
_LINE_BREAK_RE = re.compile("\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
_MANY_BLANK_LINES_RE = re.compile("\n{3,}")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Anything clean_display would change, in one pattern: most scraped news is already clean,
# and one scan that finds nothing is far cheaper than the eight passes below.
_NEEDS_CLEANING_RE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f\x85\u00a0\u00ad\u061c\u1680\u2000-\u200f\u2028-\u202f"
    "\u205f-\u2069\u3000\ufb50-\ufdff\ufe70-\ufeff]"
)
_UNTIDY_SPACING = ("  ", " \n", "\n ", "\n\n\n")


def _is_clean(text: str) -> bool:
    return (not _NEEDS_CLEANING_RE.search(text)
            and not any(s in text for s in _UNTIDY_SPACING)
            and unicodedata.is_normalized("NFC", text))

# Arabic diacritics (harakat, tanween, shadda, sukun), superscript alef, Quranic
# annotation marks and small high letters.
DIACRITICS = (
    "\u0610-\u061a"  # honorifics and small high signs
    "\u064b-\u065f"  # fathatan .. wavy hamza below
    "\u0670"  # superscript (dagger) alef
    "\u06d6-\u06dc"  # Quranic small high ligatures
    "\u06df-\u06e4"  # Quranic small signs
    "\u06e7\u06e8"  # small high yeh / noon
    "\u06ea-\u06ed"  # Quranic small low signs
)
_DIACRITICS_RE = re.compile(f"[{DIACRITICS}]")
TATWEEL = "\u0640"

# Presentation forms (FB50–FDFF, FE70–FEFF) are pre-shaped glyphs left by legacy
# pipelines; browsers cannot reshape them and search cannot match them. NFKC maps each
# to its base letters (ﻻ → لا).
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")

# Letter unification for matching. Table-driven so the mapping is reviewable as data.
LETTER_MAP: dict[str, str] = {
    "أ": "ا",  # alef with hamza above
    "إ": "ا",  # alef with hamza below
    "آ": "ا",  # alef with madda
    "ٱ": "ا",  # alef wasla
    "ٲ": "ا",  # alef with wavy hamza above
    "ٳ": "ا",  # alef with wavy hamza below
    "ؤ": "و",  # waw with hamza
    "ئ": "ي",  # yeh with hamza
    "ى": "ي",  # alef maksura
    "ی": "ي",  # Farsi yeh (common in scraped text)
    "ے": "ي",  # yeh barree
    "ة": "ه",  # teh marbuta
    "ۀ": "ه",  # heh with yeh above
    "ہ": "ه",  # heh goal
    "ک": "ك",  # keheh
    "ڪ": "ك",  # swash kaf
}
DIGIT_MAP: dict[str, str] = {
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic ٠..٩
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian) ۰..۹
}
# str.translate with a dict costs ~0.1 µs a character; one C-level str.replace per
# mapped character that actually occurs is ~20x faster on news-length texts.
_MATCH_PAIRS = tuple({**LETTER_MAP, **DIGIT_MAP}.items())
_DIGIT_PAIRS = tuple(DIGIT_MAP.items())
_LINE_EDGE_RE = re.compile(" ?\n ?")


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


# --- single operations ----------------------------------------------------------------


def remove_invisible(text: str) -> str:
    """Drop bidi controls, zero-width characters and the BOM."""
    return _INVISIBLE_RE.sub("", text)


def fold_presentation_forms(text: str) -> str:
    """Replace Arabic presentation-form glyphs by their base letters (ﻻ → لا)."""
    return _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def normalize_line_breaks(text: str) -> str:
    """CRLF, CR and Unicode line/paragraph separators become LF."""
    return _LINE_BREAK_RE.sub("\n", text)


def clean_whitespace(text: str) -> str:
    """NBSP and other spaces → space; runs collapsed; lines trimmed; ≤ 1 blank line in a row."""
    text = _HSPACE_RE.sub(" ", text)
    text = _MULTI_SPACE_RE.sub(" ", text)
    text = _LINE_EDGE_RE.sub("\n", text)  # at most one space is left at either side
    text = _MANY_BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def remove_diacritics(text: str) -> str:
    """Strip harakat, tanween, shadda, sukun, dagger alef and Quranic marks."""
    return _DIACRITICS_RE.sub("", text)


def remove_tatweel(text: str) -> str:
    """Strip the kashida (tatweel), a purely typographic stretch."""
    return text.replace(TATWEEL, "")


def unify_letters(text: str) -> str:
    """Apply LETTER_MAP and DIGIT_MAP (alef/hamza forms, ى→ي, ة→ه, digits → 0-9)."""
    return _replace_all(text, _MATCH_PAIRS)


def western_digits(text: str) -> str:
    """Arabic-Indic and Extended Arabic-Indic digits → ASCII digits."""
    return _replace_all(text, _DIGIT_PAIRS)


def collapse_whitespace(text: str) -> str:
    """All whitespace runs (newlines included) become one space; ends trimmed."""
    return " ".join(text.split())


# --- the two forms --------------------------------------------------------------------


def clean_display(text: str) -> str:
    """Display form: original letters in logical order, invisible noise removed.

    NFC (so that composed and decomposed hamza forms compare equal), presentation forms
    folded, control characters dropped, line breaks unified, whitespace tidied; paragraph
    breaks (one blank line) are kept.
    """
    if _is_clean(text):
        return text.strip()
    text = _CONTROL_RE.sub("", normalize_line_breaks(text))
    text = remove_invisible(text)
    text = fold_presentation_forms(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return clean_whitespace(text)


def normalize_for_match(text: str) -> str:
    """Match form: display form minus diacritics and tatweel, letters unified, casefolded,
    whitespace collapsed to single spaces."""
    return match_form_of_display(clean_display(text))


def match_form_of_display(display: str) -> str:
    """Match form of a text already in display form (skips the cleaning pass; the ingest
    calls this on bodies it has just cleaned)."""
    text = remove_diacritics(display.replace(TATWEEL, ""))
    return collapse_whitespace(unify_letters(text).casefold())


def normalize_token(token: str) -> str:
    """Match form of a single word or short phrase (same as normalize_for_match)."""
    return normalize_for_match(token)
