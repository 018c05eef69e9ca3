"""Word forms the features and the data files are keyed by.

`match_form` is the search form of `dashboard.arabic.normalize` (no diacritics or tatweel,
alef/hamza/yeh/teh-marbuta unified, digits western), with every digit then folded to 0 so
that numbers share a few forms. `split_clitics` removes the proclitics that glue onto
Arabic words (و ف ب ل ك and the article ال) so that `وبالقاهرة` and `القاهرة` meet the
same stem.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dashboard.arabic.normalize import normalize_token

_DIGIT_RE = re.compile(r"\d")

# Proclitic prefixes, longest first; a stem must keep at least MIN_STEM letters so that
# names beginning with these letters (بغداد, لندن, فلسطين) are not cut down to nothing
# useful: their split form is only one feature among many, the full word is kept too.
PROCLITICS: tuple[str, ...] = (
    "وبال",
    "وكال",
    "فبال",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "ول",
    "وب",
    "فب",
    "فل",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
ARTICLE = "ال"
MIN_STEM = 3


@lru_cache(maxsize=500_000)
def match_form(token: str) -> str:
    """Match form of one token, digits folded to 0 ("٢٠١٥" → "0000")."""
    return _DIGIT_RE.sub("0", normalize_token(token))


@lru_cache(maxsize=500_000)
def split_clitics(form: str) -> tuple[str, str]:
    """(prefix, stem) of a match-form word: the longest proclitic whose removal leaves
    at least MIN_STEM letters, with a leading ال of the stem also removed.

    `"وبالقاهره"` → `("وبال", "قاهره")`; `"لندن"` → `("ل", "ندن")` (the caller keeps the
    full word as a feature as well); `"في"` → `("", "في")`.
    """
    for prefix in PROCLITICS:
        if form.startswith(prefix) and len(form) - len(prefix) >= MIN_STEM:
            stem = form[len(prefix) :]
            if stem.startswith(ARTICLE) and len(stem) - 2 >= MIN_STEM:
                return prefix + ARTICLE, stem[2:]
            return prefix, stem
    if form.startswith(ARTICLE) and len(form) - 2 >= MIN_STEM:
        return ARTICLE, form[2:]
    return "", form
