"""Boilerplate in Arabic news texts: footers that end an article and standalone junk lines.

The rules are data (`RULES`), each a compiled pattern with a note saying where it is seen.
Patterns run on the *skeleton* of a line (`skeleton`: display form minus diacritics and
tatweel, so harakat never hide a marker; hamza and yeh variants are spelled out as
character classes). Four kinds:

* ``footer``: a marker after which nothing belongs to the article (SPA's ``// انتهى //``,
  SMS contact footers). It may start inside a line (`footer_start`).
* ``line``: a whole line that is junk wherever it stands alone (share buttons, app
  adverts, opinion disclaimers). Anchored at both ends, so a sentence of real content that
  merely mentions the same words never matches.
* ``end``: junk only among the last lines of a body (photo credits, ``...المزيد``).
* ``lead``: a residue glued to the start of a line (a slider's ``Next Previous``), cut
  off the line, the rest kept.

`strip_boilerplate` applies the ``line``/``end``/``lead`` rules to a body; page.py uses
`footer_start` to find where the article stops. Counts of each rule over the shared corpora
are printed by ``bench/bench_page.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dashboard.arabic.normalize import DIACRITICS, TATWEEL

RuleKind = Literal["footer", "line", "end", "lead"]

_SKELETON_RE = re.compile(f"[{DIACRITICS}{TATWEEL}]")

# Words of a share/social-button strip (a line made only of these is page chrome).
_SOCIAL_WORD = (
    r"(?:تويتر|تغريد|فيسبوك|فيس\s?بوك|واتساب|واتس\s?[اآ]ب|تيليجرام|تلغرام|تليجرام|"
    r"لينكد\s?[اإ]ن|[اإ]نستغرام|[اإ]نستجرام|يوتيوب|سناب\s?شات|ماسنجر|بريد|[اإ]يميل|"
    r"طباع[ةه]|شارك|twitter|facebook|whatsapp|telegram|linkedin|e-?mail|print|share)"
)


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern: `name`, `kind` (see module docstring), the compiled
    `pattern` (run on a skeleton line) and `seen` (where it occurs in real data)."""

    name: str
    kind: RuleKind
    pattern: re.Pattern[str]
    seen: str


def _rule(name: str, kind: RuleKind, pattern: str, seen: str) -> Rule:
    return Rule(name, kind, re.compile(pattern, re.IGNORECASE), seen)


RULES: tuple[Rule, ...] = (
    # --- footers: the article ends here ---------------------------------------------
    _rule(
        "wire_end",
        "footer",
        r"/{1,2}\s*انته[ىي]\s*/{1,2}",
        "Saudi Press Agency wire copy (`// انتهى //`, `//انتهى//`, then a `12:34 ت م` "
        "time code); also republished by Al-Riyadh and Al-Yaum",
    ),
    _rule(
        "wire_continued",
        "footer",
        r"/{1,2}\s*يتبع\s*/{1,2}",
        "SPA multi-part wires (`// يتبع //`), sometimes followed by a glued tag line",
    ),
    _rule(
        "sms_contact",
        "footer",
        r"للتواصل(?:\s+مع\s+(?:الكاتب|الكاتب[ةه]|المحرر))?\s*[،,:]?\s*[اأ]رسل\s+"
        r"(?:رسال[ةه]\s+)?(?:نصي[ةه]\s+)?(?:sms|رسال[ةه])",
        "columnists' SMS footers in Al-Madina (`للتواصل مع الكاتب ارسل رسالة SMS ...`) "
        "and Okaz (`للتواصل أرسل sms إلى 88548 ...`), often glued after an e-mail",
    ),
    _rule(
        "copyright",
        "footer",
        r"^(?:©|\(c\)\s|جميع\s+الحقوق\s+محفوظ[ةه]|حقوق\s+(?:النشر|الطبع)\s+محفوظ[ةه])",
        "site footers of scraped pages (`© 2024 ...`, `جميع الحقوق محفوظة`)",
    ),
    # --- standalone junk lines ------------------------------------------------------
    _rule(
        "app_download",
        "line",
        r"^\W*(?:حمل|حمّل|نزل|نزّل|لتحميل|قم\s+بتحميل|حملوا|نزلوا)\s+تطبيق\b.{0,120}$",
        "app adverts under articles on news sites and aggregators (`حمل تطبيق ...`)",
    ),
    _rule(
        "follow_us",
        "line",
        rf"^\W*(?:تابعونا|تابعوا|تابعنا)\s+(?:على|علي|عبر|في)\s.{{0,60}}?"
        rf"(?:{_SOCIAL_WORD}|حساب|صفح|قنا[ةت]|موقع|تطبيق|منص)(?:\S*)(?:\s.{{0,60}})?$",
        "social-media calls under articles (`تابعونا على تويتر`); a media word is required, "
        "since `تابعوا في ...` also opens ordinary sentences",
    ),
    _rule(
        "subscribe",
        "line",
        r"^\W*(?:اشترك|اشتركوا)\s+(?:الآن\b|الان\b|في\s+(?:النشر[ةه]|نشرت|خدم[ةه]|خدمات|"
        r"قنا[ةت]|القائم[ةه]\s+البريدي[ةه]|قائمت)).{0,100}$",
        "newsletter/channel adverts; `اشترك في` alone is also a verb (took part), so only "
        "with a newsletter/service/channel object",
    ),
    _rule(
        "sms_service",
        "line",
        r"^\W*(?:للاشتراك|لاشتراك)\s+(?:في|ب)\s*خدم[ةه].{0,120}?[اأ]رسل.{0,80}$",
        "SMS news-service adverts (`للاشتراك في خدمة ... أرسل ... إلى ...`)",
    ),
    _rule(
        "opinion_disclaimer",
        "line",
        r"^\W*(?:جميع\s+)?(?:المقالات|المقال|الآراء|الاراء|المواد|ما\s+ينشر)(?:\s+\S+){0,4}\s+"
        r"(?:لا\s+)?(?:تعبر|يعبر|تعكس|يعكس|تمثل|يمثل)\s+(?:[اإ]لا\s+)?عن\s+"
        r"(?:ر[أا]ي|آراء|اراء|وجه[ةه]\s+نظر|موقف).{0,120}$",
        "opinion-page disclaimers (`المقالات المنشورة تعبر عن رأي كاتبها ...`, "
        "`الآراء الواردة ... لا تعبر عن ...`)",
    ),
    _rule(
        "read_more",
        "line",
        r"^\W*read\s+more\W*$",
        "English `Read more` link residue on scraped pages",
    ),
    _rule(
        "share_button",
        "line",
        r"^\W*(?:شارك|شاركها|شارك\s+(?:الخبر|المقال|هذا\s+الخبر|هذا\s+المقال)|مشارك[ةه]|"
        r"انشر|share)\s*[:：]?\s*$",
        "share-button labels left alone on a line by scrapers",
    ),
    _rule(
        "social_strip",
        "line",
        rf"^\W*(?:{_SOCIAL_WORD}[\s|،,•·/\-]*){{2,}}$",
        "share-button strips (`تويتر فيسبوك واتساب`) left by scrapers",
    ),
    _rule(
        "slider_nav_line",
        "line",
        r"^(?:السابق\s+التالي|التالي\s+السابق)$",
        "Arabic slider navigation labels alone on a line",
    ),
    # --- junk only at the end of a body -----------------------------------------------
    _rule(
        "more_marker",
        "end",
        r"^(?:(?:\.{2,}|…)\s*المزيد\s*|المزيد\s*(?:\.{2,}|…))$",
        "Al-Sharq Al-Awsat teaser truncation (`...المزيد`, `المزيد....`) after the text",
    ),
    _rule(
        "photo_credit",
        "end",
        r"^\(?\s*(?:صور[ةه]|الصور[ةه]|الصور|تصوير|عدس[ةه]|photo)\s*[:：/\-–]\s*[^()\n]{1,60}\)?$",
        "photo credits closing Okaz/Ain Alyoum/Sabq reports (`(تصوير: ...)`); only "
        "trailing lines, so a photo caption inside the text stays",
    ),
    # --- residue glued to the start of a line ---------------------------------------
    _rule(
        "slider_nav",
        "lead",
        r"^(?:next\s+previous|previous\s+next)\b\s*",
        "Ain Alyoum: image-slider buttons glued before the dateline (`Next Previous جدة – واس`)",
    ),
)

_FOOTER_RULES = tuple(r for r in RULES if r.kind == "footer")
_LINE_RULES = tuple(r for r in RULES if r.kind == "line")
_END_RULES = tuple(r for r in RULES if r.kind == "end")
_LEAD_RULES = tuple(r for r in RULES if r.kind == "lead")

_BLANK_RUN_RE = re.compile(r"\n\s*\n(?:\s*\n)+")

# Truncation marker glued to the end of the last paragraph (`... الكلمة...المزيد`).
_TRAILING_MORE_RE = re.compile(r"\s*(?:\.{2,}|…)\s*المزيد\s*$")

# For fast paths. Every rule but the two wire markers and the SMS footer is anchored at a
# line start, so the alternation of their bodies, tried after each line start and its
# non-word characters, finds every line a rule could match; `has_inline_marker` covers the
# rest with substring tests.
# (Their leading ``\W*`` is left out: a trigger skips non-word characters itself.)
LINE_START_TRIGGER = "|".join(
    rule.pattern.pattern[1:].removeprefix(r"\W*")
    for rule in RULES
    if rule.pattern.pattern.startswith("^")
)
_LINE_START_RE = re.compile(f"[^\\w\n]*(?:{LINE_START_TRIGGER})", re.IGNORECASE | re.MULTILINE)
_WIRE_RE = re.compile(r"/\s*(?:انته|يتبع)")


def has_inline_marker(skel: str) -> bool:
    """Could `skel` hold a marker that is not at a line start (a wire ending, an SMS
    footer, a truncation marker glued to the last paragraph)? False means surely not."""
    return (
        "للتواصل" in skel
        or ("/" in skel and _WIRE_RE.search(skel) is not None)
        or "المزيد" in skel[-30:]
    )


def skeleton(text: str) -> str:
    """Text minus diacritics and tatweel; everything else (line breaks included) kept, so
    line i of the skeleton is line i of the text."""
    return _SKELETON_RE.sub("", text)


def display_index(line: str, skeleton_index: int) -> int:
    """Position in `line` of the character at `skeleton_index` of `skeleton(line)`."""
    seen = 0
    for i, ch in enumerate(line):
        if seen == skeleton_index:
            return i
        if not _SKELETON_RE.match(ch):
            seen += 1
    return len(line)


def footer_match(skel_line: str) -> re.Match[str] | None:
    """The earliest footer marker in a skeleton line (None if there is none)."""
    if not (_LINE_START_RE.match(skel_line) or has_inline_marker(skel_line)):
        return None
    best: re.Match[str] | None = None
    for rule in _FOOTER_RULES:
        m = rule.pattern.search(skel_line)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


def footer_start(skel_line: str) -> int | None:
    """Where (skeleton index) the earliest footer marker of the line starts, or None."""
    m = footer_match(skel_line)
    return None if m is None else m.start()


def junk_rule(skel_line: str, at_end: bool = False) -> str | None:
    """Name of the ``line`` rule (or, with `at_end`, also ``end`` rule) that the whole
    stripped skeleton line matches; None for a line of content."""
    line = skel_line.strip()
    if not line or not _LINE_START_RE.match(line):
        return None
    for rule in _LINE_RULES + (_END_RULES if at_end else ()):
        if rule.pattern.match(line):
            return rule.name
    return None


def strip_lead(line: str) -> str:
    """The display line without a leading residue (``lead`` rules); unchanged otherwise."""
    skel = skeleton(line)
    for rule in _LEAD_RULES:
        m = rule.pattern.match(skel)
        if m:
            return line[display_index(line, m.end()) :].strip()
    return line


def strip_boilerplate_lines(lines: list[str]) -> list[str]:
    """Display lines of a body in, the same lines without boilerplate out.

    ``lead`` residues are cut off line starts, ``line`` junk lines are dropped wherever
    they stand, and from the end backwards blank lines, ``end`` junk lines and a truncation
    marker glued to the last paragraph are removed. Blank lines are kept otherwise.
    """
    kept: list[str] = []
    for line in lines:
        if line:
            line = strip_lead(line)
            if not line or junk_rule(skeleton(line)) is not None:
                continue
        kept.append(line)
    while kept:
        last = kept[-1]
        if not last.strip() or junk_rule(skeleton(last), at_end=True) is not None:
            kept.pop()
            continue
        skel = skeleton(last)
        m = _TRAILING_MORE_RE.search(skel)
        if m:
            kept[-1] = last[: display_index(last, m.start())].rstrip()
            continue
        break
    return kept


def strip_boilerplate(body: str) -> str:
    """A display-form body in, the same body with boilerplate lines removed (see
    `strip_boilerplate_lines`); paragraph breaks kept, no blank line at either end."""
    text = "\n".join(strip_boilerplate_lines(body.split("\n")))
    return _BLANK_RUN_RE.sub("\n\n", text).strip()
