"""Scraped page → article: body, credited source, tags, related headlines, title.

An aggregator page (see the README beside ``/work/shared/samples/aggregator_page.txt``)
is laid out as: the article's paragraphs; a closing block of credited-source lines
(``المصدر: RT``) and a tag line (``كلمات دلالية: ...``); then related content
(``إقرأ أيضاً:`` opening another article, ``مقالات مشابهة`` over a bullet list). Only the
first article belongs to the page. A clean article without any of these blocks is simply
its cleaned text.

Rules (contract in docs/ARCHITECTURE.md):

* **body**: display-form lines before the first *block line*: a credited-source line, a tag
  line, a related-content heading or a footer marker (`boilerplate.RULES`, e.g.
  ``// انتهى //``, which may also end a line). Credit or tag lines *before* any text are
  taken and skipped, not a cut. An inline related link (``اقرأ أيضا: <headline>`` on one
  line) is a cut unless a credit, tag or footer line follows it before any standalone
  heading: then the article demonstrably goes on, and only that line is dropped. Standalone
  boilerplate lines are then removed (`boilerplate.strip_boilerplate_lines`).
* **credited sources**: ``المصدر: X`` (``المصدر :``، ``المصدر-``، ``(المصدر: واس)``،
  ``Source:``; ``* خدمة «X»`` only with at most two short lines after it) in the closing
  block; also ``... . المصدر : X`` glued to
  the end of the last paragraph. Lines after a related heading count only until a
  paragraph of another article has been seen. `credited_source` is the most specific:
  sources that another one extends (same words inside a longer name, ``RT`` ⊂
  ``RT Arabic``) drop out, and of the rest the last one wins.
* **tags**: tag lines (``كلمات دلالية``، ``الوسوم``، ``سمات``، ``Tags``…, see `tags.py`
  for the segmentation). A label without a colon counts only in closing position (next
  to other block lines or last), since ``سمات`` is also an ordinary word.
* **related headings** are matched on the match form of the line, so hamza, tanween and a
  trailing colon do not matter; `related_titles` are the headline lines right after them.
* **title**: a first line that reads as a headline (2–15 words, ≤ 120 characters, no
  sentence-final ``.``/``:``/``،``, not a byline such as ``جدة – واس``) followed by a blank
  line and more text; it is removed from the body.

Speed: one compiled regex over the line starts of the skeleton, plus substring tests for
inline markers, decide whether any of this can apply; most articles take that fast path
and cost little more than their `clean_display` call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.arabic.normalize import LETTER_MAP, clean_display, normalize_for_match
from dashboard.ingest import boilerplate
from dashboard.ingest.tags import dedupe_tags, split_tag_line

from .dates import find_text_date


@dataclass(frozen=True)
class ParsedPage:
    """What `parse_page` found; `body` is in display form, paragraphs separated by a blank
    line; tuples keep page order."""

    body: str
    credited_source: str | None
    credited_sources: tuple[str, ...]
    tags: tuple[str, ...]
    related_titles: tuple[str, ...]
    title: str | None


# --- headings, labels and line patterns (tables as data) -----------------------------

# Related-content headings, in ordinary spelling; compared in match form, so variants
# with or without hamza, tanween, ة/ه or a trailing colon are all covered.
RELATED_HEADINGS: tuple[str, ...] = (
    "اقرأ أيضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "اقرأ أيضا عن",
    "إقرأ ايضا",
    "مقالات مشابهة",
    "مقالات ذات صلة",
    "مقالات متعلقة",
    "مقالات أخرى",
    "مقالات أخرى للكاتب",
    "مقالات قد تهمك",
    "المقالات ذات الصلة",
    "أخبار ذات صلة",
    "أخبار متعلقة",
    "أخبار مشابهة",
    "أخبار أخرى",
    "الأخبار ذات الصلة",
    "أخبار ذات علاقة",
    "الأخبار المتعلقة",
    "آخر الأخبار",
    "أحدث الأخبار",
    "أهم الأخبار",
    "مواضيع ذات صلة",
    "مواضيع متعلقة",
    "مواضيع مشابهة",
    "المواضيع ذات الصلة",
    "موضوعات ذات صلة",
    "موضوعات متعلقة",
    "مواد ذات صلة",
    "روابط ذات صلة",
    "ذات صلة",
    "المزيد من الأخبار",
    "المزيد من المقالات",
    "المزيد من المواضيع",
    "المزيد",
    "قد يهمك",
    "قد يهمك أيضا",
    "قد يعجبك",
    "قد يعجبك أيضا",
    "ننصحك بقراءة",
    "اخترنا لك",
    "شاهد أيضا",
    "شاهد المزيد",
    "شاهد كذلك",
    "انظر أيضا",
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "الأكثر تداولا",
    "الأكثر شعبية",
    "الأكثر تعليقا",
    "Related",
    "Related articles",
    "Related news",
    "Related posts",
    "Read also",
    "Also read",
    "See also",
    "More news",
    "You may also like",
)
# Headings that scrapers glue to the first headline with no separator at all
# (Al-Jazirah: ``مقالات أخرى للكاتب<title><title>``).
GLUED_HEADINGS: tuple[str, ...] = ("مقالات أخرى للكاتب",)

_HEADING_KEYS = sorted({normalize_for_match(h) for h in RELATED_HEADINGS}, key=len, reverse=True)
_GLUED_KEYS = tuple(normalize_for_match(h) for h in GLUED_HEADINGS)
_HEADING_ALTS = "|".join(re.escape(h) for h in _HEADING_KEYS)
# On a match-form line stripped of leading bullets: heading alone, or heading + separator
# + the headline it links to.
_HEADING_ALONE_RE = re.compile(rf"^(?:{_HEADING_ALTS})$")
_HEADING_INLINE_RE = re.compile(rf"^(?:{_HEADING_ALTS})\s*[:：|>»\-–—]\s*\S")
_HEADING_MAX_WORDS = 8

# Credit lines, on skeleton lines. The label may follow brackets, bullets or quotes.
# ``مصدر:``/``مصادر:`` without the article open headlines (``مصادر: الاتفاق قريب``), so
# only ``مصدر الخبر`` goes without it.
_CREDIT_LABEL = r"ال(?:مصدر|مصادر)(?:\s+(?:الخبر|المقال[ةه]?|النص))?|مصدر\s+الخبر|sources?|via"
_CREDIT_RE = re.compile(
    rf"^[^\w]*(?:{_CREDIT_LABEL})\s*[:：\-–—/]\s*(?P<name>.+?)\s*$",
    re.IGNORECASE,
)
# Syndication credits closing Al-Sharq Al-Awsat features (``* خدمة «نيويورك تايمز»``).
_SYNDICATION_LABEL = r"خدم[ةه]|بالاتفاق\s+مع"
_SYNDICATION_RE = re.compile(
    rf"^[^\w]*(?:{_SYNDICATION_LABEL})\s*[«\"“](?P<name>[^»\"”]{{2,40}})[»\"”]\s*$"
)
# ``... آخر جملة. المصدر : وكالات`` (Jawhara FM) or ``... (المصدر: واس)`` at the text end.
_TRAILING_CREDIT_RE = re.compile(
    r"(?:(?<=[.!?؟)\]»\"”])\s*|\s*\(\s*)المصدر\s*[:：\-–—]\s*"
    r"(?P<name>[^.!?؟:()\n]{2,60}?)\s*\)?\s*$"
)
_SYNDICATION_TAIL = 2  # short lines allowed after a syndication credit
_CREDIT_MAX_WORDS = 8
_CREDIT_MAX_CHARS = 80
_SPEECH_START = frozenset({"إن", "ان", "أن", "إنه", "انه", "أنه"})

# Tag lines, on skeleton lines.
_TAG_LABEL = (
    r"(?:ال)?كلمات\s+(?:ال)?(?:دلالي[ةه]|مفتاحي[ةه]|دال[ةه])|(?:ال)?وسوم|الوسم|سمات|tags?|"
    r"keywords?|(?:ال)?هاشتا(?:غ|ج)ات"
)
_TAG_RE = re.compile(
    rf"^[^\w]*(?:{_TAG_LABEL})(?=[\s:：\-–—|]|$)\s*(?P<sep>[:：\-–—|])?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_TAG_LIST_MAX_WORDS = 6  # one tag per line after a bare ``الوسوم:``

_BULLET_RE = re.compile(r"^\s*(?:[•\-*·▪■►●◦‣–—]+|\d{1,2}\s*[.)\-])\s*")
_LEADING_NONWORD_RE = re.compile(r"^[^\w]+")
_TRAILING_NONWORD_RE = re.compile(r"[^\w]+$")
_NAME_EDGE = " \t:：.،,;؛-–—\"'«»“”*•·"
_BLANK_RUN_RE = re.compile(r"\n{3,}")
_WORD_RE = re.compile(r"\w+")
# Bylines and datelines that open reports and are not headlines.
_BYLINE_RE = re.compile(r"^\S+(?:\s+\S+){0,2}\s*[-–—]\s*\S+(?:\s+\S+){0,2}$")
_DATELINE_RE = re.compile(r"الموافق|\((?:واس|رويترز|أ\s?ف\s?ب|ا\s?ف\s?ب|د\s?ب\s?أ|الأناضول)\)")
_HEADLINE_END_PUNCT = (".", ":", "：", "،", ",", ";", "؛")


def _loose(word: str) -> str:
    """Regex for a match-form word that also accepts its display spellings (ا → [اأإآ…])."""
    variants: dict[str, set[str]] = {}
    for src, dst in LETTER_MAP.items():
        variants.setdefault(dst, {dst}).add(src)
    return "".join(
        f"[{''.join(sorted(variants[c]))}]" if c in variants else re.escape(c) for c in word
    )


# --- the fast-path trigger ------------------------------------------------------------


def _loose_phrase(phrase: str) -> str:
    return r"\s+".join(_loose(w) for w in phrase.split())


# Each alternative starts with a letter or a character class, so that the regex engine can
# skip it on the first character (this keeps the whole test near 5 µs per article).
_LINE_START_ALTS = "|".join(
    [
        r"المصد|المصاد|مصد|مصاد|sources?|via",  # _CREDIT_RE
        r"خدم|بالاتفاق",  # _SYNDICATION_RE
        r"الكلمات|كلمات|الوسوم|وسوم|الوسم|سمات|tag|keyword|الهاشتا|هاشتا",  # _TAG_RE
        *(_loose_phrase(h) for h in (*_HEADING_KEYS, *_GLUED_KEYS)),
        boilerplate.LINE_START_TRIGGER,
    ]
)
# Every line whose start could make it a block, credit or junk line. Searched on
# "\n" + skeleton, so every line start follows a "\n" (and the regex has a literal prefix).
_TRIGGER_RE = re.compile(rf"\n[^\w\n]*(?:{_LINE_START_ALTS})", re.IGNORECASE | re.MULTILINE)
_LINE_TRIGGER_RE = re.compile(rf"[^\w\n]*(?:{_LINE_START_ALTS})", re.IGNORECASE | re.MULTILINE)
_TAIL_TRIGGER_RE = re.compile(r"المصدر\s*[:：\-–—][^\n]{1,80}\Z")


def _needs_line_parse(skel: str) -> bool:
    """False when no block, credit, tag or boilerplate rule can apply to the skeleton."""
    return (
        _TRIGGER_RE.search("\n" + skel) is not None
        or boilerplate.has_inline_marker(skel)
        or _TAIL_TRIGGER_RE.search(skel, max(0, len(skel) - 100)) is not None
    )


# --- line classification ------------------------------------------------------------


@dataclass
class _Line:
    """One display line, its skeleton, and what it is."""

    text: str
    skel: str
    kind: str = "body"  # blank | body | credit | tag | heading | footer
    value: str = ""  # credit name, tag content, or the headline of an inline heading
    bare: bool = False  # label without separator / heading alone / syndication credit


def _split_at_footers(lines: list[str], skels: list[str]) -> list[_Line]:
    """Lines with every footer marker moved to the start of its own line, and the text
    after the marker on a line of its own (a tag line glued after ``// يتبع //``)."""
    out: list[_Line] = []
    for text, skel in zip(lines, skels, strict=True):
        m = boilerplate.footer_match(skel)
        if m is None:
            out.append(_Line(text, skel))
            continue
        start = boilerplate.display_index(text, m.start())
        end = boilerplate.display_index(text, m.end())
        before, marker, after = text[:start].strip(), text[start:end].strip(), text[end:].strip()
        if before:
            out.append(_Line(before, boilerplate.skeleton(before)))
        out.append(_Line(marker, boilerplate.skeleton(marker), kind="footer"))
        if after:
            out.extend(_split_at_footers([after], [boilerplate.skeleton(after)]))
    return out


def _credit_name(text: str, m: re.Match[str]) -> str | None:
    """The display name of a credit match, trimmed; None if it reads like a sentence."""
    name = text[boilerplate.display_index(text, m.start("name")) :]
    if name.count(")") > name.count("("):
        name = name[: name.rfind(")")]
    name = name.strip(_NAME_EDGE)
    words = name.split()
    if not words or len(words) > _CREDIT_MAX_WORDS or len(name) > _CREDIT_MAX_CHARS:
        return None
    if words[0] in _SPEECH_START or re.search(r"[.!?؟]\s", name):
        return None
    return name


def _classify(line: _Line) -> _Line:
    """Set the kind (and value) of a line: credit, tag, heading, blank or body. Only lines
    whose start passes the trigger are looked at closely."""
    text, skel = line.text, line.skel
    if line.kind == "footer":
        return line
    if not text.strip():
        line.kind = "blank"
        return line
    if not _LINE_TRIGGER_RE.match(skel):
        return line
    for regex in (_CREDIT_RE, _SYNDICATION_RE):
        m = regex.match(skel)
        if m:
            name = _credit_name(text, m)
            if name:
                line.kind, line.value = "credit", name
                line.bare = regex is _SYNDICATION_RE
                return line
    m = _TAG_RE.match(skel)
    if m and (m.group("sep") or m.group("rest")):
        line.kind = "tag"
        line.value = text[boilerplate.display_index(text, m.start("rest")) :].strip()
        line.bare = not m.group("sep")
        return line
    key = _LEADING_NONWORD_RE.sub("", normalize_for_match(text))
    if len(key.split()) <= _HEADING_MAX_WORDS and _HEADING_ALONE_RE.match(
        _TRAILING_NONWORD_RE.sub("", key)
    ):
        line.kind, line.bare = "heading", True
        return line
    if _HEADING_INLINE_RE.match(key):
        line.kind, line.value = "heading", _after_separator(text)
        return line
    for glued in _GLUED_KEYS:
        if key.startswith(glued):
            line.kind, line.value = "heading", _after_letters(text, len(glued.replace(" ", "")))
            return line
    return line


def _after_separator(text: str) -> str:
    """The part of a display line after its first heading separator (leading bullets
    skipped)."""
    text = _LEADING_NONWORD_RE.sub("", text)
    m = re.search(r"[:：|>»]|\s[-–—]\s", text)
    return _strip_bullet(text[m.end() :]) if m else ""


def _after_letters(text: str, count: int) -> str:
    """The display line after its first `count` letters (spaces and marks not counted)."""
    seen = 0
    for i, ch in enumerate(text):
        if seen == count:
            return text[i:].strip()
        if ch.isalnum() and ch != "\u0640":  # tatweel is a "letter" to str.isalnum
            seen += 1
    return ""


def _strip_bullet(text: str) -> str:
    return _BULLET_RE.sub("", text).strip()


# --- page structure ------------------------------------------------------------------

_BLOCK_KINDS = frozenset({"credit", "tag", "heading", "footer"})
_CLOSING_KINDS = frozenset({"credit", "tag", "footer"})


def _neighbour_kind(lines: list[_Line], i: int, step: int) -> str | None:
    """Kind of the nearest non-blank line before (step -1) or after (step 1) line i."""
    j = i + step
    while 0 <= j < len(lines):
        if lines[j].kind != "blank":
            return lines[j].kind
        j += step
    return None


def _resolve_bare_lines(lines: list[_Line]) -> None:
    """Lines that are block lines only in closing position become ordinary text elsewhere.

    A tag label without separator counts as last line or next to another block line. A
    syndication credit (``* خدمة «...»``) counts when at most _SYNDICATION_TAIL short
    lines follow it (``خاص بـ«الشرق الأوسط»``): a compiled page goes on with another
    feature after it, which stays in the body rather than being cut.
    """
    for i, line in enumerate(lines):
        if line.kind == "tag" and line.bare:
            before, after = _neighbour_kind(lines, i, -1), _neighbour_kind(lines, i, 1)
            if not (after is None or after in _BLOCK_KINDS or before in _CLOSING_KINDS):
                line.kind = "body"
        elif line.kind == "credit" and line.bare:
            rest = [x for x in lines[i + 1 :] if x.kind == "body"]
            if len(rest) > _SYNDICATION_TAIL or any(_word_count(x.text) > 8 for x in rest):
                line.kind = "body"


def _article_goes_on(lines: list[_Line], i: int) -> bool:
    """After the inline related link at line i, does a closing line (credit, tag,
    footer) come before any standalone heading?"""
    for line in lines[i + 1 :]:
        if line.kind in _CLOSING_KINDS:
            return True
        if line.kind == "heading" and line.bare:
            return False
    return False


def _word_count(text: str) -> int:
    return len(text.split())


def _is_related_title(text: str) -> bool:
    if _BULLET_RE.match(text):
        return True
    return _word_count(text) <= 25 and len(text) <= 200 and not _ends_sentence(text)


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return text.endswith(_HEADLINE_END_PUNCT) and not text.endswith("..")


def _is_paragraph(text: str) -> bool:
    """A line of running text (another article), not a headline or list item."""
    if _BULLET_RE.match(text):
        return False
    words = _word_count(text)
    return words > 25 or (words >= 12 and _ends_sentence(text))


def _is_headline(text: str) -> bool:
    words = _word_count(text)
    return (
        2 <= words <= 15
        and len(text) <= 120
        and not _ends_sentence(text)
        and not _BYLINE_RE.match(text)
        and not _DATELINE_RE.search(text)
        # "القاهرة في 12 ديسمبر 2023" alone on the first line is a dateline, not a title.
        and find_text_date(text, None)[0] is None
    )


def _split_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """(title, remaining lines) when the first line is a headline set off by a blank
    line with more text after it; (None, lines) otherwise."""
    while lines and not lines[0]:
        lines = lines[1:]
    if len(lines) >= 3 and not lines[1] and any(lines[2:]) and _is_headline(lines[0]):
        return lines[0], lines[2:]
    return None, lines


def _join(lines: list[str]) -> str:
    return _BLANK_RUN_RE.sub("\n\n", "\n".join(lines)).strip()


def _strip_trailing_credit(lines: list[str]) -> tuple[list[str], str | None]:
    """Cut a credit glued to the end of the last paragraph; return it too."""
    while lines and not lines[-1]:
        lines = lines[:-1]
    if not lines:
        return lines, None
    last = lines[-1]
    skel = boilerplate.skeleton(last)
    m = _TRAILING_CREDIT_RE.search(skel)
    if not m or not skel[: m.start()].strip():
        return lines, None
    name = _credit_name(last, m)
    if name is None:
        return lines, None
    kept = last[: boilerplate.display_index(last, m.start())].rstrip()
    return [*lines[:-1], kept], name


def choose_credited_source(sources: tuple[str, ...]) -> str | None:
    """The most specific of the credited sources: drop every source whose words appear,
    in order and contiguously, inside a longer one (``RT`` inside ``RT Arabic``, ``واس``
    inside ``وكالة الأنباء السعودية (واس)``), then take the last remaining one."""
    keys = [tuple(_WORD_RE.findall(normalize_for_match(s))) for s in sources]

    def extended(a: tuple[str, ...]) -> bool:
        return any(
            len(b) > len(a) and any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))
            for b in keys
        )

    maximal = [s for s, k in zip(sources, keys, strict=True) if not extended(k)]
    return maximal[-1] if maximal else None


def _read_tail(lines: list[_Line]) -> tuple[list[str], list[list[str]], list[str]]:
    """Credits, tag groups and related headlines from the lines after the body.

    A tag group is a tag line's content, or the lines listed under a bare label
    (``الوسوم:`` alone: the first line, then further lines of at most
    _TAG_LIST_MAX_WORDS words). Credits and tags stop counting once a related section has
    shown a paragraph of another article.
    """
    credits: list[str] = []
    tag_groups: list[list[str]] = []
    related: list[str] = []
    in_related = section_open = foreign = False
    listing: list[str] | None = None  # the open group under a bare tag label
    for line in lines:
        kind, text = line.kind, line.text.strip()
        if kind == "blank":
            continue
        if kind != "body":
            listing = None
        if kind == "credit" and not foreign:
            credits.append(line.value)
        elif kind == "tag" and not foreign:
            listing = None if line.value else []
            tag_groups.append([line.value] if line.value else listing)
        elif kind == "heading":
            in_related, section_open = True, line.bare
            related.append(line.value)
        elif kind == "body":
            if listing is not None and (not listing or _word_count(text) <= _TAG_LIST_MAX_WORDS):
                listing.append(_strip_bullet(text))
                continue
            listing = None
            if in_related and section_open and _is_related_title(text):
                related.append(_strip_bullet(text))
            else:
                section_open = False
                foreign = foreign or (in_related and _is_paragraph(text))
    return credits, tag_groups, related


def _tags_of(groups: list[list[str]], body: str) -> tuple[str, ...]:
    """A one-line group is a tag line (separators, then segmentation); in a longer group
    every line is one tag."""
    tags: list[str] = []
    for group in groups:
        if len(group) == 1:
            tags.extend(split_tag_line(group[0], body))
        else:
            tags.extend(group)
    return dedupe_tags(tags)


def _parse_lines(display: str, skel: str) -> ParsedPage:
    """The full line-level parse of a display-form page and its skeleton."""
    lines = [_classify(x) for x in _split_at_footers(display.split("\n"), skel.split("\n"))]
    _resolve_bare_lines(lines)

    head_credits: list[str] = []
    head_tags: list[list[str]] = []
    inline_related: list[str] = []
    skipped: set[int] = set()
    cut = len(lines)
    seen_text = False
    for i, line in enumerate(lines):
        if line.kind == "blank":
            continue
        if line.kind == "body":
            seen_text = True
            continue
        if line.kind == "credit" and not seen_text:  # the page opens with its credit
            head_credits.append(line.value)
        elif line.kind == "tag" and not seen_text and line.value:
            head_tags.append([line.value])
        elif line.kind == "heading" and not line.bare and _article_goes_on(lines, i):
            inline_related.append(line.value)
        else:
            cut = i
            break
        skipped.add(i)
    credits, tag_groups, related = _read_tail(lines[cut:])

    body_lines = [x.text for i, x in enumerate(lines[:cut]) if i not in skipped]
    body_lines = boilerplate.strip_boilerplate_lines(body_lines)
    body_lines, glued_credit = _strip_trailing_credit(body_lines)
    title, body_lines = _split_title(body_lines)
    body = _join(body_lines)

    sources = dedupe_tags([*head_credits, *([glued_credit] if glued_credit else []), *credits])
    return ParsedPage(
        body=body,
        credited_source=choose_credited_source(sources),
        credited_sources=sources,
        tags=_tags_of([*head_tags, *tag_groups], body),
        related_titles=dedupe_tags(r for r in (*inline_related, *related) if r),
        title=title,
    )


def parse_page(text: str) -> ParsedPage:
    """Any article text or whole scraped page in, `ParsedPage` out (see module docstring).

    Articles with no trace of page furniture take a fast path: one regex over the text.
    """
    display = clean_display(text)
    skel = boilerplate.skeleton(display)
    if not _needs_line_parse(skel):
        title = None
        lines = display.split("\n")
        if "\n\n" in display:
            title, lines = _split_title(lines)
        return ParsedPage(_join(lines) if title else display, None, (), (), (), title)
    return _parse_lines(display, skel)
