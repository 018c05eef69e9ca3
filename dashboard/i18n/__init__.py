"""Interface language: the string table (strings.py) and its lookup.

`t(key, lang)` returns the Arabic or English string for `key`; an unknown key raises
KeyError (a test checks every key used by the pages exists in both languages).
"""

from __future__ import annotations

from .strings import STRINGS

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"


def t(key: str, lang: str) -> str:
    """The interface string `key` in `lang` ('ar' or 'en'; anything else reads as 'ar')."""
    ar, en = STRINGS[key]
    return en if lang == "en" else ar


def is_rtl(lang: str) -> bool:
    """Whether the interface in `lang` is laid out right to left."""
    return lang != "en"
