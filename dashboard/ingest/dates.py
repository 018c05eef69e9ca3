"""Publication dates: from a date field, from the article text, or not at all.

`resolve_date(field_value, text, crawl_date) -> DateResult` is what the pipeline calls
(contract in docs/ARCHITECTURE.md). The field wins when it parses; a field that is present
but unparseable falls back to the text and leaves a warning naming the bad value; a text
date is either explicit (source ``text``) or a relative day word resolved against the crawl
date (source ``relative``). A date is never invented: no crawl date, no relative date.

Conventions, chosen once for the whole project:

* Every returned datetime is timezone-aware UTC. A naive time (no offset in the field, or a
  wall-clock time in the text) is taken as UTC, so the calendar day written in the source is
  the day stored; shifting Riyadh or Tunis local times would move late-evening articles to
  the next day without knowing the outlet's zone.
* Numeric dates are day first (``19/09/2023``, ``19-9-2023``, ``19.09.2023``) — the
  Arab-world convention — unless the year comes first (``2023/09/19``).
* Plausible years are 1900..2100 for fields; text dates must fall in 1900..crawl year + 1
  and, with a crawl date, not after the crawl date + 1 day (an article cannot be published
  after it was crawled). Epoch numbers are accepted between 1990 and 2100.

Where dates are looked for in the text, and why. Most dates in a news text are events,
deadlines, references or birth dates; on SaudiNewsNet a bare date in the first 400
characters matched the publication day in 7% of cases. So an explicit date (``19 سبتمبر
2023``, ``19/09/2023``, Hijri, any month family) is used only where it reads as the
publication day:

* in a dateline: opening one of the first three lines (after at most a title and byline)
  within the first `HEAD_CHARS` characters, after at most three words such as a place or
  an agency (``الرياض 4 شوال 1436 هـ الموافق 20 يوليو 2015 م واس`` — the Gregorian half of
  the SPA dual dateline wins);
* anywhere in the text when announced as today or yesterday (``اليوم السبت 15 فيفري
  2014``, ``أمس الأحد 12 جانفي 2014`` → the 13th) or as the publication date (``نشر في``).

Hijri dates are converted with hijridate (Umm al-Qura, 1343..1500 AH); a weekday written
beside one may move it by a day, since sighting-based calendars differ from Umm al-Qura.
A weekday that contradicts a Gregorian date drops the date (a typo, but in which part?).

Relative words (``اليوم الثلاثاء``, ``أمس``, ``أمس الأول``, ``البارحة``) are read only in
the first `HEAD_CHARS` characters, and only with a crawl date; ``اليوم`` + weekday is the
latest such weekday on or before the crawl date. Future words (``غدا``) are not used: a
news text says "tomorrow" about an event, which dates the event, not the article. Past
the head, only a window around each
four-digit number is normalised and searched; a text with no four-digit number and no
crawl date is answered by one regex scan.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from hijridate import Hijri

from dashboard.arabic.normalize import (
    BIDI_CONTROLS,
    DIACRITICS,
    TATWEEL,
    ZERO_WIDTH,
    unify_letters,
    western_digits,
)

HEAD_CHARS = 400  # datelines: where the start of an article ends
# Past the head, the raw text searched around a year: the day, month and the words that
# announce the date stand before the year, an era mark and a time after it.
_WINDOW_BEFORE, _WINDOW_AFTER = 110, 50
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_FIELD_CHARS = 100  # the longest date field seen is a weekday, date, time and zone
# Epoch numbers (seconds or milliseconds) are believed only within 1990..2100.
EPOCH_MIN_S = 631_152_000  # 1990-01-01T00:00:00Z
EPOCH_MAX_S = 4_102_444_800  # 2100-01-01T00:00:00Z
HIJRI_MIN_YEAR, HIJRI_MAX_YEAR = 1343, 1500  # the Umm al-Qura table hijridate covers


@dataclass(frozen=True)
class DateResult:
    """A resolved publication date: `value` is UTC or None, `source` one of
    ``dataset.schema.DATE_SOURCES`` (field, text, relative, none), `warning` says why a present date field was not used (None when all went well)."""

    value: datetime | None
    source: str
    warning: str | None = None


# --- tables (written as printed; keys are matched in `normalize_for_match` letters) -----

GREGORIAN_MONTHS: dict[str, int] = {
    # Egyptian / Gulf
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يونية": 6, "يوليو": 7, "يوليه": 7, "يولية": 7, "أغسطس": 8,
    "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levantine / Iraqi (the two-word names also without the article)
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين أول": 10,
    "تشرين الثاني": 11, "تشرين ثاني": 11, "كانون الأول": 12, "كانون أول": 12,
    # Maghrebi (Tunisia, Algeria) and Moroccan
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "جويلة": 7,
    "أوت": 8, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}  # fmt: skip

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع أول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4,
    "ربيع ثاني": 4, "جمادى الأولى": 5, "جمادى الأول": 5, "جمادى الآخرة": 6,
    "جمادى الثانية": 6, "جمادى الآخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذا القعدة": 11, "ذوالقعدة": 11, "ذو الحجة": 12,
    "ذي الحجة": 12, "ذا الحجة": 12, "ذوالحجة": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {  # datetime.weekday(): Monday is 0
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
}  # fmt: skip

# Days back from the crawl date. Only past and present words: a news article says "غدا"
# about an event, and the day before that event is a guess, not a dateline.
RELATIVE_DAYS: dict[str, int] = {
    "اليوم": 0, "أمس": 1, "الأمس": 1, "بالأمس": 1, "البارحة": 1, "أمس الأول": 2,
}  # fmt: skip

# Words that, before a date at the start of a line, make it an event, not a dateline.
DATELINE_BLOCKERS = ("يوم", "ليوم", "في", "إلى", "منذ", "حتى", "تاريخ", "بتاريخ", "موعد", "غاية")
# Words that introduce the publication date itself.
PUBLICATION_CUES = (
    "نشر", "نشر في", "نشر بتاريخ", "نشر يوم", "تاريخ النشر", "تم النشر", "آخر تحديث",
    "تحديث", "بتاريخ النشر",
)  # fmt: skip
# A bare "اليوم" is not today after these words ("ذلك اليوم" = that day).
TODAY_BLOCKERS = frozenset({"ذلك", "نفس", "ذات", "طوال", "طيلة"})
# Words right before a date that make it an event, not the publication day.
NOT_PUBLICATION_CUES = (
    "مواليد", "ولد", "ولدت", "المولود", "المولودة", "توفي", "توفيت", "منذ", "حتى", "لغاية",
    "تأسس", "تأسست", "تأسيس", "إلى", "غاية",
)  # fmt: skip

ENGLISH_MONTHS: dict[str, int] = {
    name: i + 1
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december"))
    )
    for name in names
}  # fmt: skip


# The letters of `normalize_for_match` (same tables), applied with str.replace: translate()
# with a dict costs ~0.1 µs per character, four times the whole date search.
_DROP_RE = re.compile(f"[{DIACRITICS}{TATWEEL}{BIDI_CONTROLS}{ZERO_WIDTH}]+")


def _match_form(text: str) -> str:
    """Letters unified, digits western, diacritics/tatweel/bidi marks dropped, as in
    `normalize_for_match` but without casefold or whitespace collapse (line starts stay)."""
    return _DROP_RE.sub("", unify_letters(text))


def _keyed(table: dict[str, int]) -> dict[str, int]:
    return {_match_form(k): v for k, v in table.items()}


_GREG = _keyed(GREGORIAN_MONTHS)
_HIJ = _keyed(HIJRI_MONTHS)
_WDAY = _keyed(WEEKDAYS)
_REL = _keyed(RELATIVE_DAYS)
_PUB = {_match_form(c) for c in PUBLICATION_CUES}
_TODAY_BLOCKERS = frozenset(_match_form(w) for w in TODAY_BLOCKERS)


def _alternation(names) -> str:
    # Longest first so that "مايو" wins over "ماي"; inner spaces match any run of spaces.
    return "|".join(
        r"\s+".join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True)
    )


def _space_key(s: str) -> str:
    return " ".join(s.split())


# --- compiled patterns ------------------------------------------------------------------

_AR = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3"  # Arabic letters (no tatweel, no digits)
_NL = f"(?![{_AR}])"  # not followed by a letter
_GM = f"(?:{_alternation(_GREG)}){_NL}"
_HM = f"(?:{_alternation(_HIJ)}){_NL}"
_WD = f"(?:{_alternation(_WDAY)}){_NL}"
_YEAR_GAP = r"\s*(?:[,،]\s*)?(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?"
_ERA = rf"(?:\s*(?:ميلادي|هجري|ميلاديه|هجريه|م|ه){_NL})?"

# An explicit date, tried at each run of digits (so the engine never walks the letters);
# each branch has its own group names.
_EXPLICIT_RE = re.compile(
    rf"""(?:
      (?P<nd>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<nm>{_GM})
          (?:\s*(?:[/(\-–،,]\s*)?(?P<nm2>{_GM})\s*\)?)?
          {_YEAR_GAP}(?P<ny>\d{{4}})(?!\d){_ERA}
    | (?P<hd>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<hm>{_HM})
          {_YEAR_GAP}(?P<hy>\d{{4}})(?!\d){_ERA}
    | (?P<dd>\d{{1,2}})\s*(?P<ds>[-/.])\s*(?P<dm>\d{{1,2}})\s*(?P=ds)\s*(?P<dy>\d{{4}})(?!\d){_ERA}
    | (?P<yy>\d{{4}})(?P<ys>[-/.])(?P<ym>\d{{1,2}})(?P=ys)(?P<yd>\d{{1,2}})(?!\d)
    )""",
    re.VERBOSE,
)
# Time right after a date: " - 10:30", "، الساعة 10:30 مساء".
_TIME_RE = re.compile(
    rf"\s*(?:[-–|،,]\s*)?(?:الساعه\s*)?(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::(?P<s>\d{{2}}))?(?!\d)"
    rf"(?:\s*(?P<ap>صباحا|مساء|مساءا|ص{_NL}|م{_NL}|[aApP]\.?[mM]\.?))?"
)
# What stands right before a date: "اليوم السبت"، "أمس الأحد"، "الموافق".
_BEFORE_RE = re.compile(
    rf"(?:(?<![{_AR}])[وف]?(?:(?P<rel>{_alternation(_REL)})|(?P<pub>{_alternation(_PUB)})){_NL}"
    r"\s*(?:[:،,]\s*)?)?"
    rf"(?:(?:يوم\s+)?\(?(?P<wd>{_WD})\)?\s*(?:[،,]\s*)?)?(?P<muw>الموافق\s*(?:ل\s*)?)?(?:ال)?\Z"
)
_NEGATIVE_RE = re.compile(
    rf"(?<![{_AR}])(?:{_alternation({_match_form(w) for w in NOT_PUBLICATION_CUES})})"
    rf"{_NL}\s*(?:(?:في|يوم|عام)\s+)?(?:ال)?\Z"
)
_RELATIVE_RE = re.compile(
    rf"(?<![{_AR}])[وف]?(?P<rel>{_alternation(_REL)}){_NL}(?:\s*(?:[،,]\s*)?\(?(?P<wd>{_WD}))?"
)
_DIGIT_RUN_RE = re.compile("[0-9]+")
_SENTENCE_END_RE = re.compile(r"[.!?؟]")
_WORD_RE = re.compile(f"[{_AR}A-Za-z]+")
_EVENT_WORDS = frozenset(_match_form(w) for w in DATELINE_BLOCKERS)
# Pre-check on the raw text: a year-like number in any digit script.
_YEARISH_RE = re.compile("[12\u0661\u0662\u06f1\u06f2][0-9\u0660-\u0669\u06f0-\u06f9]{3}")

# --- field values -----------------------------------------------------------------------

_ISO_RE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_NUMERIC_FIELD_RE = re.compile(
    r"(?:(\d{1,2})([-/.])(\d{1,2})\2(\d{4})|(\d{4})([-/.])(\d{1,2})\6(\d{1,2}))"
    r"(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([aApP]\.?[mM]\.?)?)?"
)
_ENGLISH_RE = re.compile(
    r"(?:[A-Za-z]+,?\s+)?(?:(\d{1,2})\s+([A-Za-z]+)\.?,?|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)"
    r"\s+(\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([aApP]\.?[mM]\.?)?)?"
)
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


def _utc(
    y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0
) -> datetime | None:
    """A UTC datetime, or None when impossible (Feb 30) or outside MIN_YEAR..MAX_YEAR."""
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return datetime(y, mo, d, h, mi, s, us, tzinfo=UTC)
    except ValueError:
        return None


def _hour24(h: int, ampm: str | None) -> int:
    if not ampm:
        return h
    pm = ampm[0] in "مpP"  # مساء / م / pm
    if pm and h < 12:
        return h + 12
    if not pm and h == 12:
        return 0
    return h


def _from_datetime(value: datetime) -> datetime | None:
    if value != value:  # pandas NaT
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        v = value
    else:
        v = value.astimezone(UTC)
    return _utc(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond)


def _from_number(value: float) -> datetime | None:
    """Epoch seconds or milliseconds (1990..2100), or a compact YYYYMMDD integer."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if EPOCH_MIN_S <= value < EPOCH_MAX_S:
        return datetime.fromtimestamp(float(value), UTC)
    if EPOCH_MIN_S * 1000 <= value < EPOCH_MAX_S * 1000:
        return datetime.fromtimestamp(value / 1000, UTC)
    if value == int(value) and 19000101 <= value <= 21001231:
        n = int(value)
        return _utc(n // 10000, n // 100 % 100, n % 100)
    return None


def _from_iso(m: re.Match) -> datetime | None:
    y, mo, d, h, mi, s, frac, tz = m.groups()
    us = int((frac + "000000")[:6]) if frac else 0
    dt = _utc(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), us)
    if dt is None or not tz or tz.upper() in ("Z", "UTC", "GMT"):
        return dt
    digits = tz[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    if offset >= timedelta(hours=24):
        return None
    # The wall time was in that zone: subtract its offset to reach UTC.
    return dt - offset if tz[0] == "+" else dt + offset


def _with_time(day: datetime | None, h, mi, s, ampm) -> datetime | None:
    if day is None or h is None:
        return day
    hour, minute, sec = _hour24(int(h), ampm), int(mi), int(s or 0)
    if hour > 23 or minute > 59 or sec > 59:
        return None
    return day.replace(hour=hour, minute=minute, second=sec)


def _from_numeric(m: re.Match) -> datetime | None:
    d, _, mo, y, y2, _, mo2, d2, h, mi, s, ampm = m.groups()
    if y2:
        y, mo, d = y2, mo2, d2
    if HIJRI_MIN_YEAR <= int(y) <= HIJRI_MAX_YEAR:
        day = _hijri(int(y), int(mo), int(d))
    elif not y2 and int(mo) > 12 >= int(d):
        # 09/19/2023 can only be month first (spreadsheet exports); unambiguous, so taken.
        day = _utc(int(y), int(d), int(mo))
    else:
        day = _utc(int(y), int(mo), int(d))
    return _with_time(day, h, mi, s, ampm)


def _from_english(m: re.Match) -> datetime | None:
    d, name, name2, d2, y, h, mi, s, ampm = m.groups()
    month = ENGLISH_MONTHS.get((name or name2).lower())
    if month is None:
        return None
    return _with_time(_utc(int(y), month, int(d or d2)), h, mi, s, ampm)


def _parse_field_str(raw: str) -> datetime | None:
    s = raw.strip()
    if len(s) > MAX_FIELD_CHARS:
        return None  # a paragraph, not a date; also keeps every pattern below linear
    # Fast path: the common "YYYY-MM-DD" costs one slice check and one constructor.
    if len(s) == 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit():
        try:
            return _utc(int(s[:4]), int(s[5:7]), int(s[8:]))
        except ValueError:
            return None
    if not s.isascii():
        s = western_digits(s)
    if m := _ISO_RE.fullmatch(s):
        return _from_iso(m)
    if _NUMBER_RE.fullmatch(s):
        return _from_number(float(s) if "." in s else int(s))
    if m := _NUMERIC_FIELD_RE.fullmatch(s):
        return _from_numeric(m)
    if s.isascii():
        if m := _ENGLISH_RE.fullmatch(s):
            return _from_english(m)
        try:
            dt = parsedate_to_datetime(s)  # RFC 822/2822: "Tue, 19 Sep 2023 10:00:00 GMT"
        except (ValueError, TypeError, IndexError, OverflowError):
            return None
        return _from_datetime(dt)
    return _date_in_field_text(_match_form(s))


def parse_field_date(value: object) -> datetime | None:
    """A date field value → UTC datetime, or None when it cannot be read (never raises).

    Accepts ISO 8601 (date or datetime, ``T`` or space, ``Z`` or offsets), RFC 822/2822,
    day-first ``dd/mm/yyyy`` / ``dd-mm-yyyy`` / ``dd.mm.yyyy`` and ``yyyy/mm/dd`` with an
    optional time, English month names, Arabic dates as written in text (any month family,
    Hijri), epoch seconds or milliseconds (int, float or numeric string, 1990..2100), compact
    ``YYYYMMDD``, ``datetime``/``date``/pandas ``Timestamp``/pyarrow scalars/numpy
    ``datetime64``; Arabic-Indic digits anywhere. Naive times are taken as UTC.
    """
    try:
        return _parse_any(value)
    except (ValueError, TypeError, OverflowError):  # exotic objects: "unparseable", not a crash
        return None


def _parse_any(value: object) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        return _parse_field_str(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        return _utc(value.year, value.month, value.day)
    if isinstance(value, numbers.Real):
        return _from_number(value)
    as_py = getattr(value, "as_py", None)  # pyarrow scalars
    if callable(as_py):
        inner = as_py()
        return None if type(inner) is type(value) else _parse_any(inner)
    if type(value).__name__ == "datetime64":  # numpy: ISO text with up to 9 decimals
        return _parse_field_str(str(value))
    return None


def parse_crawl_date(value: object) -> date | None:
    """The ``--crawl-date YYYY-MM-DD`` option or a record's crawl_date field → date or None.

    Anything `parse_field_date` reads is accepted; a datetime gives its UTC day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value if MIN_YEAR <= value.year <= MAX_YEAR else None
    parsed = parse_field_date(value)
    return parsed.date() if parsed is not None else None


# --- text -------------------------------------------------------------------------------


def _latest_weekday(on_or_before: date, weekday: int) -> date:
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


def _explicit_value(m: re.Match) -> tuple[datetime | None, bool]:
    """(UTC date of an explicit-date match or None if impossible, is_hijri)."""
    g = m.group
    if g("nd"):
        month = _GREG[_space_key(g("nm"))]
        if g("nm2") and _GREG[_space_key(g("nm2"))] != month:
            return None, False  # "آذار/مايو": contradictory pair
        return _utc(int(g("ny")), month, int(g("nd"))), False
    if g("hd"):
        return _hijri(int(g("hy")), _HIJ[_space_key(g("hm"))], int(g("hd"))), True
    if g("dd"):
        y, mo, d = int(g("dy")), int(g("dm")), int(g("dd"))
    else:
        y, mo, d = int(g("yy")), int(g("ym")), int(g("yd"))
    if HIJRI_MIN_YEAR <= y <= HIJRI_MAX_YEAR:  # "22/8/1436هـ": no Gregorian year that low
        return _hijri(y, mo, d), True
    return _utc(y, mo, d), False


def _hijri(y: int, mo: int, d: int) -> datetime | None:
    try:
        g = Hijri(y, mo, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return _utc(g.year, g.month, g.day)


def _date_in_field_text(norm: str) -> datetime | None:
    """An Arabic date field ("الثلاثاء، 19 سبتمبر 2023 - 10:30", "4 شوال 1436 هـ"): its
    first explicit date, Gregorian preferred; the whole value is a date, so no context
    rules apply."""
    hijri = None
    for run in _DIGIT_RUN_RE.finditer(norm):
        m = _EXPLICIT_RE.match(norm, run.start())
        value, is_hijri = _explicit_value(m) if m else (None, False)
        if value is None:
            continue
        if t := _TIME_RE.match(norm, m.end()):
            value = _with_time(value, t["h"], t["mi"], t["s"], t["ap"]) or value
        if not is_hijri:
            return value
        hijri = hijri or value
    return hijri


def _explicit_candidates(norm: str, head: int, crawl: date | None) -> list[tuple]:
    """Explicit dates in `norm` that read as the publication day, as (is_hijri, start,
    value), Gregorian first, then earliest.

    Kept: a date right after a today/yesterday word ("اليوم السبت 15 ...", anywhere) or a
    publication cue ("نشر في", anywhere); a dateline (first words of one of the first three
    lines, within `head`); the second half of a dual dateline ("... هـ الموافق ... م").
    Any other date is an event, a deadline or a reference and is not used. Impossible,
    out-of-range, after-crawl and event-cued dates ("منذ", "مواليد") are dropped.
    """
    max_year = crawl.year + 1 if crawl else MAX_YEAR
    latest = crawl + timedelta(days=1) if crawl else None
    out = []
    prev_end = -1  # end of the last kept date, to pair "الموافق" with a dateline
    skip_to = 0
    for run in _DIGIT_RUN_RE.finditer(norm):
        start = run.start()
        if start < skip_to or (start and norm[start - 1] in ".,/:-"):
            continue  # inside the last date, or "1.5" / "3/12/2015" seen from its middle
        m = _EXPLICIT_RE.match(norm, start)
        if m is None:
            continue
        skip_to = m.end()
        value, is_hijri = _explicit_value(m)
        if value is None or value.year > max_year:
            continue
        before = norm[max(0, start - 40) : start]
        ctx = _BEFORE_RE.search(before)
        rel = ctx["rel"] if ctx else None
        if rel and _not_today(norm, start - len(before) + ctx.start("rel")):
            rel = None  # "في مثل هذا اليوم 27 جانفي 2014": an anniversary
        if ctx and ctx["wd"]:
            shift = (_WDAY[ctx["wd"]] - value.weekday() + 3) % 7 - 3  # -3..3 days
            # Hijri tables differ by a day between countries (sighting vs Umm al-Qura): the
            # weekday settles it. Any other mismatch ("الاثنين 2 جانفي 2016", a Saturday)
            # is a typo somewhere: trust neither.
            if shift and not (is_hijri and abs(shift) == 1):
                continue
            value += timedelta(days=shift)
        if rel:
            value += timedelta(days=_REL[_space_key(rel)])  # "أمس الأحد 12 ..." → the 13th
        if latest and value.date() > latest:
            continue
        if not (rel or (ctx and ctx["pub"])):
            if start >= head or _NEGATIVE_RE.search(before):
                continue
            paired = ctx and ctx["muw"] and prev_end >= start - len(before)
            if not (paired or _is_dateline(norm, start, m.end())):
                continue
        if t := _TIME_RE.match(norm, m.end()):
            value = _with_time(value, t["h"], t["mi"], t["s"], t["ap"]) or value
        out.append((is_hijri, start, value))
        prev_end = m.end()
    out.sort(key=lambda c: c[:2])
    return out


def _is_dateline(norm: str, start: int, end: int) -> bool:
    """True when the date opens the text, or a line after only short heading lines (title,
    byline), after at most three words (a place, an agency, a weekday) and no sentence
    end. "يوم"/"في"/"الى" before it, or a line ending in ":" above it, make it an event or
    a schedule entry rather than a dateline — except the classic "PLACE في DATE" line
    ("القاهرة في 12 ديسمبر 2023"), where nothing but a dash, a bracket or the line's end
    follows the date."""
    line_start = norm.rfind("\n", 0, start) + 1
    prefix = norm[line_start:start]
    words = _WORD_RE.findall(prefix)
    if len(prefix) > 30 or len(words) > 3 or _SENTENCE_END_RE.search(prefix):
        return False
    blockers = [w for w in words if w in _EVENT_WORDS]
    if blockers and not _place_fi_dateline(words, norm, end):
        return False
    above = norm[:line_start].rstrip()
    return not above or (len(above) <= 200 and above.count("\n") < 2 and above[-1] not in ".:!?؟")


_DATELINE_TAIL_RE = re.compile(r"[ \t]*(?:$|[-–—(\[«:،,]|\d{1,2}:\d{2})", re.M)


def _place_fi_dateline(words: list[str], norm: str, end: int) -> bool:
    """"PLACE في DATE" (1–2 place words, then في) with the date closing the line or
    followed only by a dash, bracket or time."""
    return (1 <= len(words) - 1 <= 2 and words[-1] == "في"
            and not any(w in _EVENT_WORDS for w in words[:-1])
            and _DATELINE_TAIL_RE.match(norm, end) is not None)


def _not_today(norm: str, at: int) -> bool:
    """True when the day word at `at` is "that day"/"the same day"/"on this day [in ...]"."""
    prev = norm[max(0, at - 16) : at].split()[-2:]
    return bool(prev) and (prev[-1] in _TODAY_BLOCKERS or "مثل" in prev)


def _relative_date(norm_head: str, crawl: date) -> datetime | None:
    """First today/yesterday word in the head resolved against the crawl date."""
    for m in _RELATIVE_RE.finditer(norm_head):
        rel, wd = _space_key(m["rel"]), m["wd"]
        if _not_today(norm_head, m.start("rel")):
            continue
        if rel == "اليوم" and not wd and norm_head[m.end() : m.end() + 4].lstrip().startswith("ال"):
            continue  # "اليوم الوطني", "اليوم التالي": a named or another day
        day = crawl - timedelta(days=_REL[rel])
        if wd:
            day = _latest_weekday(day, _WDAY[wd])
        return _utc(day.year, day.month, day.day)
    return None


def find_text_date(text: str, crawl_date: date | None) -> tuple[datetime | None, str]:
    """The publication date an article's text states → (UTC datetime or None, source).

    Source is ``text`` for an explicit date (Gregorian in any month family, Hijri converted
    with Umm al-Qura, Arabic-Indic or Western digits), ``relative`` for a today/yesterday
    word in the first HEAD_CHARS characters resolved against `crawl_date`, ``none``
    otherwise. An explicit date counts only where it reads as the publication day (see
    `_explicit_candidates`); it beats a relative word, and Gregorian beats Hijri (SPA dual
    datelines give the Gregorian half).
    """
    if not text:
        return None, "none"
    if isinstance(crawl_date, datetime):
        crawl_date = crawl_date.date()
    years = [m.start() for m in _YEARISH_RE.finditer(text)]
    if not years and crawl_date is None:
        return None, "none"  # no four-digit year, no crawl date: nothing can be found
    raw_head = text[: HEAD_CHARS + 60]  # a date starting near HEAD_CHARS ends in here
    head_has_year = bool(years) and years[0] < len(raw_head)
    head = _match_form(raw_head) if head_has_year or crawl_date is not None else ""
    found = _explicit_candidates(head, HEAD_CHARS, crawl_date) if head_has_year else []
    if not found or found[0][0]:  # nothing yet, or only Hijri: look further
        found += _tail_candidates(text, [p for p in years if p >= HEAD_CHARS], crawl_date)
        found.sort(key=lambda c: c[:2])
    if found:
        return found[0][2], "text"
    if crawl_date is not None:
        rel = _relative_date(head[:HEAD_CHARS], crawl_date)
        if rel is not None:
            return rel, "relative"
    return None, "none"


def _tail_candidates(text: str, years: list[int], crawl: date | None) -> list[tuple]:
    """Today/yesterday-announced dates past the head: only a window around each year-like
    number is normalised and searched, so long texts cost little."""
    out = []
    end = -1
    for p in years:
        if p + 30 <= end:
            continue  # this year and whatever follows it lie in the last window
        lo, end = max(0, p - _WINDOW_BEFORE), p + _WINDOW_AFTER
        for is_hijri, start, value in _explicit_candidates(_match_form(text[lo:end]), 0, crawl):
            out.append((is_hijri, HEAD_CHARS + lo + start, value))
    return out


def _is_present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    try:
        return bool(value == value)  # False for NaN and NaT
    except TypeError:  # pandas NA
        return False
    except ValueError:  # array-like: present, and parse_field_date will say no
        return True


def resolve_date(field_value: object, text: str | None, crawl_date: object = None) -> DateResult:
    """The publication date of one record (contract in docs/ARCHITECTURE.md).

    `field_value` is the record's date field (any type `parse_field_date` reads), `text`
    the article text, `crawl_date` a date or anything `parse_crawl_date` reads (or None).
    A parseable field → source ``field``. A present but unparseable field → the text is
    used and `warning` names the bad value. Otherwise the text → ``text``/``relative``,
    else ``none``.
    """
    warning = None
    if _is_present(field_value):
        parsed = parse_field_date(field_value)
        if parsed is not None:
            return DateResult(parsed, "field", None)
        shown = repr(field_value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        warning = f"unparseable date field value {shown}; date taken from the text"
    if crawl_date is not None and type(crawl_date) is not date:
        crawl_date = parse_crawl_date(crawl_date)
    value, source = find_text_date(text or "", crawl_date)
    return DateResult(value, source, warning)


__all__ = [
    "DateResult",
    "find_text_date",
    "parse_crawl_date",
    "parse_field_date",
    "resolve_date",
]
