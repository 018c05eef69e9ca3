"""House styles: the spelling mess each outlet adds to the clean text it is given.

Pure functions of (text, rng, rates). `apply_house_style(title, text, outlet, rng)` runs
them in a fixed order; each step is also usable alone:

* `choose_spellings`  — one spelling per variant group for the article (قره باغ/قرة باغ,
  نتنياهو/نتانياهو, أمريكا/أميركا...), the outlet's preference mostly, sometimes mixed
  within one article as scraped pages do;
* `drop_hamza`        — أ/إ at word start written as bare ا (اسرائيل، الامم);
* `final_alef_maksura`— final ي written ى, as in Egyptian print (فى، الذى);
* `add_tanween`       — tanween and shadda on common words (أيضاً، تمّ);
* `add_tatweel`       — kashida stretching in headlines (عاجـــل);
* `to_arabic_indic`   — digits ٠١٢…;
* `add_invisible`     — NBSP before colons and RLM marks at paragraph starts.
"""

from __future__ import annotations

import random
import re

from . import facts

# Proclitics that may stand before a word the rules below rewrite.
_PROCLITIC = r"(?:وال|بال|فال|كال|لل|ال|[وفبلك])?"

_VARIANT_RES: dict[str, re.Pattern[str]] = {
    g["key"]: re.compile(
        rf"(?<!\w)({_PROCLITIC})({re.escape(g['forms'][0])})" + ("" if g["stem"] else r"(?!\w)")
    )
    for g in facts.SPELLING_VARIANTS
}
_HAMZA_RE = re.compile(rf"(?<!\w)({_PROCLITIC})[أإ](?=\w)")
_FINAL_YA_RE = re.compile(r"(?<=[\u0621-\u064a])ي(?![\w\u064b-\u0652])")

TANWEEN_WORDS: tuple[str, ...] = (
    "أيضا", "جدا", "وفقا", "سابقا", "حاليا", "رسميا", "مؤخرا", "مجددا", "فورا", "دوليا",
    "يوميا", "تقريبا", "خصوصا", "عموما", "كثيرا", "أحيانا", "شخصيا", "إقليميا", "عاجلا",
    "جديدا", "كبيرا", "واسعا", "مهما", "لافتا", "ملحوظا", "متواصلا", "مؤقتا", "واحدا",
)  # fmt: skip
_TANWEEN_RE = re.compile(rf"(?<!\w)([وف]?(?:{'|'.join(TANWEEN_WORDS)}))(?![\w\u064b-\u0652])")
SHADDA_WORDS: dict[str, str] = {"تم": "تمّ", "إن": "إنّ", "أن": "أنّ"}
_SHADDA_RE = re.compile(rf"(?<!\w)({'|'.join(SHADDA_WORDS)})(?![\w\u064b-\u0652])")

# Letters that join to the next one: a kashida may follow them.
_JOINING = frozenset("بتثجحخسشصضطظعغفقكلمنهيئ")
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")
_WORD_RE = re.compile(r"\S+")
_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_COLON_RE = re.compile(r" ?([:؟!])")

NBSP, RLM = "\u00a0", "\u200f"


def choose_spellings(text: str, rng: random.Random, preferences: dict[str, int]) -> str:
    """Rewrite each variant group's first form (see facts.SPELLING_VARIANTS) as the form
    chosen for this article; a share `mix` of articles takes the other form, and half as
    many occurrences flip again inside one article."""
    for group in facts.SPELLING_VARIANTS:
        pattern = _VARIANT_RES[group["key"]]
        if not pattern.search(text):
            continue
        forms, mix = group["forms"], group["mix"]
        preferred = preferences.get(group["key"], 0)
        chosen = 1 - preferred if rng.random() < mix else preferred

        def spell(m: re.Match, chosen=chosen, forms=forms, mix=mix) -> str:
            form = 1 - chosen if rng.random() < mix / 2 else chosen
            return m.group(1) + forms[form]

        text = pattern.sub(spell, text)
    return text


def drop_hamza(text: str, rng: random.Random, share: float = 0.7) -> str:
    """Write word-initial أ/إ as ا in a `share` of the words that have one."""
    return _HAMZA_RE.sub(lambda m: m.group(1) + "ا" if rng.random() < share else m.group(0),
                         text)


def final_alef_maksura(text: str, rng: random.Random, share: float = 0.85) -> str:
    """Write word-final ي as ى in a `share` of the words ending in it."""
    return _FINAL_YA_RE.sub(lambda m: "ى" if rng.random() < share else "ي", text)


def add_tanween(text: str, rng: random.Random, share: float = 0.8) -> str:
    """Add fathatan to TANWEEN_WORDS and shadda to SHADDA_WORDS in a `share` of them."""
    text = _TANWEEN_RE.sub(lambda m: m.group(1) + "\u064b" if rng.random() < share
                           else m.group(1), text)
    return _SHADDA_RE.sub(lambda m: SHADDA_WORDS[m.group(1)] if rng.random() < share / 2
                          else m.group(1), text)


def add_tatweel(text: str, rng: random.Random, words: int = 1) -> str:
    """Stretch up to `words` words of four letters or more with one to three kashidas."""
    spans = [m for m in _WORD_RE.finditer(text) if len(_ARABIC_LETTER_RE.findall(m.group())) >= 4]
    out = text
    for m in sorted(rng.sample(spans, min(words, len(spans))), key=lambda m: -m.start()):
        word = m.group()
        spots = [i for i in range(len(word) - 1)
                 if word[i] in _JOINING and _ARABIC_LETTER_RE.match(word[i + 1])]
        if not spots:
            continue
        i = rng.choice(spots)
        stretched = word[: i + 1] + "ـ" * rng.randint(1, 3) + word[i + 1 :]
        out = out[: m.start()] + stretched + out[m.end() :]
    return out


def to_arabic_indic(text: str) -> str:
    """ASCII digits → Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩)."""
    return text.translate(_DIGITS)


def add_invisible(text: str, rng: random.Random) -> str:
    """NBSP before `:`/`؟`/`!` (French typography) and RLM marks opening paragraphs."""
    text = _COLON_RE.sub(lambda m: NBSP + m.group(1), text)
    lines = text.split("\n")
    return "\n".join(RLM + line if line and rng.random() < 0.5 else line for line in lines)


def apply_house_style(title: str, text: str, outlet: dict, rng: random.Random,
                      *, headline_tatweel: bool = True) -> tuple[str, str]:
    """(title, text) as `outlet` prints them; every step fires at the outlet's rate."""
    title = choose_spellings(title, rng, outlet["spelling"])
    text = choose_spellings(text, rng, outlet["spelling"])
    if rng.random() < outlet["hamza_drop"]:
        title, text = drop_hamza(title, rng), drop_hamza(text, rng)
    if rng.random() < outlet["alef_maksura"]:
        title, text = final_alef_maksura(title, rng), final_alef_maksura(text, rng)
    if rng.random() < outlet["diacritics"]:
        text = add_tanween(text, rng)
    if headline_tatweel and rng.random() < outlet["tatweel"]:
        title = add_tatweel(title, rng, words=rng.randint(1, 2))
    if rng.random() < outlet["arabic_digits"]:
        title, text = to_arabic_indic(title), to_arabic_indic(text)
    if rng.random() < outlet["invisible"]:
        text = add_invisible(text, rng)
    return title, text
