"""Dates as Arabic newsrooms print them: month-name families, Hijri dates, datelines.

    format_date(date(2023, 9, 19), "dual")      → "19 أيلول/سبتمبر 2023"
    format_date(date(2023, 6, 19), "maghrebi")  → "19 جوان 2023"
    format_hijri(date(2023, 3, 20))             → "28 شعبان 1444 هـ"
    spa_dateline(date(2023, 3, 20), "الرياض")   → "الرياض 28 شعبان 1444 هـ الموافق 20 مارس 2023 م واس"

Month styles: ``gregorian`` (يناير … the Egyptian/Gulf names), ``dual`` (Levantine name
first, ``أيلول/سبتمبر``), ``dual_gl`` (Gregorian name first, ``سبتمبر/أيلول``),
``maghrebi`` (Algeria/Tunisia: جانفي، جوان، أوت) and ``moroccan`` (ماي، يوليوز، غشت).
"""

from __future__ import annotations

from datetime import date

from hijridate import Gregorian

MONTHS: dict[str, tuple[str, ...]] = {
    "gregorian": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                  "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    "levantine": ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                  "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"),
    "maghrebi": ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر",
                 "أكتوبر", "نوفمبر", "ديسمبر"),
    "moroccan": ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر",
                 "أكتوبر", "نونبر", "دجنبر"),
}  # fmt: skip

# Genitive forms (ذي الحجة), as a date after its day number is written.
HIJRI_MONTHS: tuple[str, ...] = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب",
    "شعبان", "رمضان", "شوال", "ذي القعدة", "ذي الحجة",
)  # fmt: skip

WEEKDAYS: tuple[str, ...] = (
    "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد",
)  # fmt: skip

MONTH_STYLES = ("gregorian", "dual", "dual_gl", "maghrebi", "moroccan")

# Datelines that carry the publication day ({city}, {date}, {weekday}); the date is always
# among the first words of the line, as in print.
DATED_DATELINES: tuple[str, ...] = (
    "{city} - {date}:",
    "{city}، {weekday} {date} -",
    "{date} - {city}:",
)  # fmt: skip
# Datelines without a date: a place and, for wires, the agency tag.
PLAIN_DATELINES: tuple[str, ...] = ("{city} - ", "{city} {tag} - ")  # fmt: skip


def month_name(month: int, style: str) -> str:
    """Month 1..12 in a month style (see module docstring); KeyError on an unknown style."""
    if style == "dual":
        return f"{MONTHS['levantine'][month - 1]}/{MONTHS['gregorian'][month - 1]}"
    if style == "dual_gl":
        return f"{MONTHS['gregorian'][month - 1]}/{MONTHS['levantine'][month - 1]}"
    return MONTHS[style][month - 1]


def format_date(day: date, style: str, *, year: bool = True) -> str:
    """`19 أيلول/سبتمبر 2023`: day number, month name in `style`, and the year."""
    text = f"{day.day} {month_name(day.month, style)}"
    return f"{text} {day.year}" if year else text


def weekday_name(day: date) -> str:
    """Arabic weekday name of `day` (الاثنين for Monday)."""
    return WEEKDAYS[day.weekday()]


def format_hijri(day: date) -> str:
    """The Umm al-Qura Hijri date of `day`: `28 شعبان 1444 هـ`."""
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    return f"{h.day} {HIJRI_MONTHS[h.month - 1]} {h.year} هـ"


def spa_dateline(day: date, city: str) -> str:
    """The Saudi Press Agency's dual dateline: Hijri date, then the Gregorian one."""
    return f"{city} {format_hijri(day)} الموافق {format_date(day, 'gregorian')} م واس"


def dated_dateline(pattern: str, day: date, city: str, style: str) -> str:
    """Fill one of DATED_DATELINES for `day` in month `style`."""
    return pattern.format(city=city, date=format_date(day, style), weekday=weekday_name(day))


def plain_dateline(pattern: str, city: str, tag: str) -> str:
    """Fill one of PLAIN_DATELINES (no date); `tag` is e.g. `(واس)`."""
    return pattern.format(city=city, tag=tag).replace("  ", " ")
