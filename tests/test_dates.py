"""Tests for dashboard/ingest/dates.py: field values, text dates, relative days, resolve_date.

All Arabic sentences here are written for these tests. Expected dates are written out by
hand (Hijri ones checked against the published Umm al-Qura calendar: 1 Ramadan 1444 =
2023-03-23, 1 Shawwal 1444 = 2023-04-21, 10 Dhu al-Hijjah 1444 = 2023-06-28).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dashboard.dataset.schema import DATE_SOURCES
from dashboard.ingest.dates import (
    DateResult,
    find_text_date,
    parse_crawl_date,
    parse_field_date,
    resolve_date,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
BODY = "وقالت الجهة المنظمة إن الأعمال ستتواصل خلال الأسابيع المقبلة وفق الخطة المعتمدة."
# About 640 characters of body without any date, to push a date past the head.
FILLER = ("وتواصل الفرق الميدانية أعمالها في الأحياء الشمالية من المدينة. " * 10).strip()


def utc(iso: str | None) -> datetime | None:
    """'2023-09-19' or '2023-09-19T10:30' → aware UTC datetime (None stays None)."""
    return None if iso is None else datetime.fromisoformat(iso).replace(tzinfo=UTC)


# --- parse_field_date -------------------------------------------------------------------

FIELD_CASES = [
    # ISO 8601
    ("2023-09-19", "2023-09-19", "iso-date"),
    ("  2023-09-19\n", "2023-09-19", "iso-date-padded"),
    ("2023-9-7", "2023-09-07", "iso-date-one-digit"),
    ("2023-09-19T10:00:00Z", "2023-09-19T10:00", "iso-z"),
    ("2023-09-19T10:00:00", "2023-09-19T10:00", "iso-naive-is-utc"),
    ("2023-09-19 10:00", "2023-09-19T10:00", "iso-space"),
    ("2023-09-19T10:00:00+03:00", "2023-09-19T07:00", "iso-offset"),
    ("2023-09-19T01:30:00+0300", "2023-09-18T22:30", "iso-offset-crosses-day"),
    ("2023-09-19T10:00:00-05", "2023-09-19T15:00", "iso-offset-hours"),
    ("2023-09-19T10:00:00.123456789Z", "2023-09-19T10:00:00.123456", "iso-nanoseconds"),
    ("2023-09-19 10:00:00 UTC", "2023-09-19T10:00", "iso-utc-word"),
    # RFC 822 / 2822
    ("Tue, 19 Sep 2023 10:00:00 GMT", "2023-09-19T10:00", "rfc822-gmt"),
    ("Tue, 19 Sep 2023 10:00:00 +0300", "2023-09-19T07:00", "rfc822-offset"),
    ("19 Sep 2023 10:00:00 -0000", "2023-09-19T10:00", "rfc822-no-weekday"),
    ("Tue, 31 Feb 2023 10:00:00 GMT", None, "rfc822-impossible"),
    # day first, the Arab-world convention
    ("19/09/2023", "2023-09-19", "dd/mm/yyyy"),
    ("19-09-2023", "2023-09-19", "dd-mm-yyyy"),
    ("19.09.2023", "2023-09-19", "dd.mm.yyyy"),
    ("05/04/2023", "2023-04-05", "day-first-when-ambiguous"),
    ("9/19/2023", "2023-09-19", "month-first-only-when-unambiguous"),
    ("19/09/2023 14:30", "2023-09-19T14:30", "dd/mm/yyyy-time"),
    ("19/09/2023 02:30 PM", "2023-09-19T14:30", "dd/mm/yyyy-pm"),
    ("2023/09/19", "2023-09-19", "yyyy/mm/dd"),
    ("2023.09.19 08:05:09", "2023-09-19T08:05:09", "yyyy.mm.dd-time"),
    ("1436/10/04", "2015-07-20", "hijri-numeric-field"),
    ("30/02/2023", None, "feb-30"),
    ("19/13/2023", None, "month-13"),
    ("19/09-2023", None, "mixed-separators"),
    # English month names
    ("19 September 2023", "2023-09-19", "english-day-month"),
    ("Sep 19, 2023", "2023-09-19", "english-month-day"),
    ("Tuesday, September 19th, 2023", "2023-09-19", "english-weekday-ordinal"),
    ("19 Septober 2023", None, "english-unknown-month"),
    # Arabic-Indic and Extended Arabic-Indic digits
    ("٢٠٢٣-٠٩-١٩", "2023-09-19", "arabic-indic-iso"),
    ("١٩/٠٩/٢٠٢٣", "2023-09-19", "arabic-indic-dmy"),
    ("۱۹/۰۹/۲۰۲۳", "2023-09-19", "persian-digits-dmy"),
    ("٢٠٢٣-٠٩-١٩T١٠:٠٠:٠٠Z", "2023-09-19T10:00", "arabic-indic-iso-time"),
    # Arabic dates written as in text
    ("الثلاثاء، 19 سبتمبر 2023 - 10:30", "2023-09-19T10:30", "arabic-weekday-time"),
    ("١٩ أيلول ٢٠٢٣", "2023-09-19", "arabic-levantine-indic"),
    ("4 شوال 1436 هـ", "2015-07-20", "arabic-hijri"),
    ("4 شوال 1436 هـ الموافق 20 يوليو 2015 م", "2015-07-20", "arabic-dual-gregorian-wins"),
    ("منذ ساعتين", None, "arabic-no-date"),
    # epoch seconds and milliseconds
    (1695117600, "2023-09-19T10:00", "epoch-s-int"),
    (1695117600.5, "2023-09-19T10:00:00.5", "epoch-s-float"),
    ("1695117600", "2023-09-19T10:00", "epoch-s-string"),
    (1695117600000, "2023-09-19T10:00", "epoch-ms-int"),
    ("1695117600000", "2023-09-19T10:00", "epoch-ms-string"),
    ("١٦٩٥١١٧٦٠٠", "2023-09-19T10:00", "epoch-arabic-indic"),
    (631152000, "1990-01-01", "epoch-lower-bound"),
    (631151999, None, "epoch-before-1990"),
    (4102444800, None, "epoch-2100-excluded"),
    (12345, None, "small-number"),
    (20230919, "2023-09-19", "compact-yyyymmdd-int"),
    ("20230919", "2023-09-19", "compact-yyyymmdd-string"),
    ("20230230", None, "compact-impossible"),
    # out of range, garbage, empties
    ("0001-01-01", None, "sentinel-year-1"),
    ("1850-05-01", None, "year-1850"),
    ("2101-01-01", None, "year-2101"),
    ("2023-02-29", None, "not-a-leap-year"),
    ("2024-02-29", "2024-02-29", "leap-day"),
    ("2023-13-01", None, "iso-month-13"),
    ("2023-09-19T25:00", None, "hour-25"),
    ("yesterday", None, "english-word"),
    ("", None, "empty"),
    ("   ", None, "blank"),
    (None, None, "none"),
    (True, None, "bool"),
    (float("nan"), None, "nan"),
    (float("inf"), None, "inf"),
    ([2023, 9, 19], None, "list"),
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [c[:2] for c in FIELD_CASES],
    ids=[c[2] for c in FIELD_CASES],
)
def test_parse_field_date(value, expected):
    assert parse_field_date(value) == utc(expected)


OBJECT_CASES = [
    (date(2023, 9, 19), "2023-09-19", "date"),
    (datetime(2023, 9, 19, 10, 30), "2023-09-19T10:30", "naive-datetime-is-utc"),
    (
        datetime(2023, 9, 19, 1, 0, tzinfo=timezone(timedelta(hours=3))),
        "2023-09-18T22:00",
        "aware-datetime-converted",
    ),
    (date(1850, 1, 1), None, "date-out-of-range"),
]


@pytest.mark.parametrize(
    ("value", "expected"), [c[:2] for c in OBJECT_CASES], ids=[c[2] for c in OBJECT_CASES]
)
def test_parse_field_date_objects(value, expected):
    assert parse_field_date(value) == utc(expected)


def test_parse_field_date_pandas_numpy_pyarrow():
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    assert parse_field_date(pd.Timestamp("2023-09-19 10:00", tz="Asia/Riyadh")) == utc(
        "2023-09-19T07:00"
    )
    assert parse_field_date(pd.Timestamp("2023-09-19 10:00")) == utc("2023-09-19T10:00")
    assert parse_field_date(pd.NaT) is None
    assert parse_field_date(pd.NA) is None
    assert parse_field_date(np.datetime64("2023-09-19T10:00:00.000000000")) == utc(
        "2023-09-19T10:00"
    )
    assert parse_field_date(np.datetime64("NaT")) is None
    assert parse_field_date(np.int64(1695117600)) == utc("2023-09-19T10:00")
    assert parse_field_date(pa.scalar(datetime(2023, 9, 19, 10, 0))) == utc("2023-09-19T10:00")
    assert parse_field_date(pa.scalar("19/09/2023")) == utc("2023-09-19")
    assert parse_field_date(pa.scalar(None, type=pa.timestamp("us"))) is None


def test_parse_field_date_returns_aware_utc():
    value = parse_field_date("2023-09-19T10:00:00+03:00")
    assert value.tzinfo is UTC
    assert value.utcoffset() == timedelta(0)


# --- parse_crawl_date -------------------------------------------------------------------

CRAWL_CASES = [
    ("2015-08-01", date(2015, 8, 1), "iso"),
    ("٢٠١٥-٠٨-٠١", date(2015, 8, 1), "arabic-indic"),
    (date(2015, 8, 1), date(2015, 8, 1), "date"),
    (
        datetime(2015, 8, 1, 23, 0, tzinfo=timezone(timedelta(hours=-3))),
        date(2015, 8, 2),
        "utc-day",
    ),
    ("2015-08-01T12:00:00Z", date(2015, 8, 1), "iso-datetime"),
    ("2015-02-30", None, "impossible"),
    ("soon", None, "garbage"),
    (None, None, "none"),
]


@pytest.mark.parametrize(
    ("value", "expected"), [c[:2] for c in CRAWL_CASES], ids=[c[2] for c in CRAWL_CASES]
)
def test_parse_crawl_date(value, expected):
    assert parse_crawl_date(value) == expected


# --- month names, all three families ----------------------------------------------------

MONTH_NAMES = [
    # Egyptian / Gulf, with spelling variants
    ("يناير", 1, "gulf-yanayir"), ("فبراير", 2, "gulf-fibrayir"), ("مارس", 3, "gulf-maris"),
    ("أبريل", 4, "gulf-abril-hamza"), ("ابريل", 4, "gulf-abril"), ("إبريل", 4, "gulf-ibril"),
    ("مايو", 5, "gulf-mayu"), ("يونيو", 6, "gulf-yunyu"), ("يونيه", 6, "gulf-yunyah"),
    ("يوليو", 7, "gulf-yulyu"), ("يوليه", 7, "gulf-yulyah"), ("أغسطس", 8, "gulf-aghustus"),
    ("اغسطس", 8, "gulf-aghustus-no-hamza"), ("سبتمبر", 9, "gulf-sibtambir"),
    ("أكتوبر", 10, "gulf-uktubar"), ("اكتوبر", 10, "gulf-uktubar-no-hamza"),
    ("نوفمبر", 11, "gulf-nufambir"), ("ديسمبر", 12, "gulf-disambir"),
    # Levantine / Iraqi
    ("كانون الثاني", 1, "levant-kanun-al-thani"), ("كانون ثاني", 1, "levant-kanun-thani"),
    ("شباط", 2, "levant-shubat"), ("آذار", 3, "levant-adhar-madda"), ("اذار", 3, "levant-adhar"),
    ("نيسان", 4, "levant-nisan"), ("أيار", 5, "levant-ayyar-hamza"), ("ايار", 5, "levant-ayyar"),
    ("حزيران", 6, "levant-huzayran"), ("تموز", 7, "levant-tammuz"), ("آب", 8, "levant-ab-madda"),
    ("اب", 8, "levant-ab"), ("أيلول", 9, "levant-aylul-hamza"), ("ايلول", 9, "levant-aylul"),
    ("تشرين الأول", 10, "levant-tishrin-al-awwal"), ("تشرين الاول", 10, "levant-tishrin-al-awwal-no-hamza"),
    ("تشرين الثاني", 11, "levant-tishrin-al-thani"), ("كانون الأول", 12, "levant-kanun-al-awwal"),
    # Maghrebi (Tunisia, Algeria)
    ("جانفي", 1, "maghreb-janfi"), ("فيفري", 2, "maghreb-fifri"), ("مارس", 3, "maghreb-mars"),
    ("أفريل", 4, "maghreb-avril-hamza"), ("افريل", 4, "maghreb-avril"), ("ماي", 5, "maghreb-mai"),
    ("جوان", 6, "maghreb-juan"), ("جويلية", 7, "maghreb-juillet"), ("جويليه", 7, "maghreb-juillet-ha"),
    ("أوت", 8, "maghreb-out-hamza"), ("اوت", 8, "maghreb-out"), ("سبتمبر", 9, "maghreb-septembre"),
    ("أكتوبر", 10, "maghreb-octobre"), ("نوفمبر", 11, "maghreb-novembre"),
    ("ديسمبر", 12, "maghreb-decembre"),
    # Moroccan
    ("يناير", 1, "morocco-yanayir"), ("أبريل", 4, "morocco-abril"), ("ماي", 5, "morocco-mai"),
    ("يونيو", 6, "morocco-yunyu"), ("يوليوز", 7, "morocco-yulyuz"), ("غشت", 8, "morocco-ghusht"),
    ("شتنبر", 9, "morocco-shutanbir"), ("نونبر", 11, "morocco-nuwanbir"),
    ("دجنبر", 12, "morocco-dujanbir"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "month"), [c[:2] for c in MONTH_NAMES], ids=[c[2] for c in MONTH_NAMES]
)
def test_every_gregorian_month_name_in_a_dateline(name, month):
    text = f"عمّان 7 {name} 2021\n{BODY}"
    assert find_text_date(text, None) == (utc(f"2021-{month:02d}-07"), "text")


@pytest.mark.parametrize(
    ("name", "month"), [c[:2] for c in MONTH_NAMES], ids=[c[2] for c in MONTH_NAMES]
)
def test_every_gregorian_month_name_with_arabic_indic_digits(name, month):
    text = f"تونس ٢٨ {name} ٢٠١٩ - {BODY}"
    assert find_text_date(text, None) == (utc(f"2019-{month:02d}-28"), "text")


HIJRI_CASES = [
    ("1 محرم 1444", "2022-07-30", "muharram"),
    ("10 صفر 1444", "2022-09-06", "safar"),
    ("12 ربيع الأول 1444", "2022-10-08", "rabi-al-awwal"),
    ("5 ربيع الآخر 1444", "2022-10-30", "rabi-al-akhir"),
    ("5 ربيع الثاني 1444", "2022-10-30", "rabi-al-thani"),
    ("1 جمادى الأولى 1444", "2022-11-25", "jumada-al-ula"),
    ("20 جمادى الآخرة 1444", "2023-01-13", "jumada-al-akhira"),
    ("20 جمادى الثانية 1444", "2023-01-13", "jumada-al-thaniya"),
    ("27 رجب 1444", "2023-02-18", "rajab"),
    ("15 شعبان 1444", "2023-03-07", "shaban"),
    ("1 رمضان 1444", "2023-03-23", "ramadan"),
    ("1 شوال 1444", "2023-04-21", "shawwal"),
    ("5 ذو القعدة 1444", "2023-05-25", "dhu-al-qada"),
    ("5 ذي القعدة 1444", "2023-05-25", "dhi-al-qada"),
    ("10 ذو الحجة 1444", "2023-06-28", "dhu-al-hijja"),
    ("10 ذي الحجة 1444", "2023-06-28", "dhi-al-hijja"),
    ("4 شوال 1436 هـ", "2015-07-20", "with-h-suffix"),
    ("4 شوال 1436هـ", "2015-07-20", "h-suffix-attached"),
    ("٤ شوال ١٤٣٦ هـ", "2015-07-20", "arabic-indic"),
    ("22/8/1436هـ", "2015-06-09", "numeric-hijri"),
    ("30 رمضان 1444", None, "ramadan-1444-has-29-days"),
    ("1 شوال 1300", None, "outside-umm-al-qura-table"),
]


@pytest.mark.parametrize(
    ("written", "expected"), [c[:2] for c in HIJRI_CASES], ids=[c[2] for c in HIJRI_CASES]
)
def test_hijri_only_dateline(written, expected):
    text = f"مكة المكرمة {written}\n{BODY}"
    value, source = find_text_date(text, None)
    assert value == utc(expected)
    assert source == ("text" if expected else "none")


# --- explicit text dates ----------------------------------------------------------------

TEXT_CASES = [
    # forms
    ("الرياض 19 سبتمبر 2023 - " + BODY, "2023-09-19", "day-month-year"),
    ("بيروت 19 أيلول/سبتمبر 2023 - " + BODY, "2023-09-19", "pair-slash"),
    ("دمشق 5 مارس (آذار) 2022\n" + BODY, "2022-03-05", "pair-parentheses"),
    ("بغداد 14 شباط - فبراير 2020\n" + BODY, "2020-02-14", "pair-dash"),
    ("عمّان 3 تموز يوليو 2018\n" + BODY, "2018-07-03", "pair-space"),
    ("بيروت 19 أيار/سبتمبر 2023 - " + BODY, None, "pair-contradictory"),
    ("الثلاثاء 19-9-2023\n" + BODY, "2023-09-19", "weekday-dd-m-yyyy"),
    ("2023/09/19\n" + BODY, "2023-09-19", "yyyy/mm/dd"),
    ("19/09/2023\n" + BODY, "2023-09-19", "dd/mm/yyyy"),
    ("19.09.2023 " + BODY, "2023-09-19", "dd.mm.yyyy"),
    ("القاهرة 4 / 12 / 2022 م\n" + BODY, "2022-12-04", "spaced-numeric-era"),
    ("الثلاثاء، 19 سبتمبر 2023 - 10:30\n" + BODY, "2023-09-19T10:30", "weekday-time"),
    ("19 سبتمبر 2023 الساعة 7:15 مساء\n" + BODY, "2023-09-19T19:15", "time-evening"),
    ("19 سبتمبر 2023 الساعة 12:05 صباحا\n" + BODY, "2023-09-19T00:05", "time-after-midnight"),
    ("الرياض 19 سبتمبر 2023م\n" + BODY, "2023-09-19", "m-suffix"),
    ("الرياض 19 من شهر سبتمبر من عام 2023\n" + BODY, "2023-09-19", "min-shahr-am"),
    ("الرياض الـ19 من سبتمبر 2023\n" + BODY, "2023-09-19", "al-before-day"),
    ("١٩ سبتمبر ٢٠٢٣\n" + BODY, "2023-09-19", "arabic-indic"),
    ("۱۹ سبتمبر ۲۰۲۳\n" + BODY, "2023-09-19", "persian-digits"),
    ("الرياض 19 سـبـتـمـبـر 2023\n" + BODY, "2023-09-19", "tatweel"),
    ("بيروت 19 أَيْلُول 2023\n" + BODY, "2023-09-19", "diacritics"),
    ("الرياض\u200f 19 سبتمبر 2023\n" + BODY, "2023-09-19", "rlm-mark"),
    # SPA-style dual dateline: Gregorian preferred over Hijri
    (
        "الرياض 4 شوال 1436 هـ الموافق 20 يوليو 2015 م واس\n" + BODY,
        "2015-07-20",
        "spa-dual",
    ),
    (
        "الدمام 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس " + BODY,
        "2015-08-10",
        "spa-dual-one-paragraph",
    ),
    # where the date stands
    ("خبر عاجل\nبقلم سارة محمود\nالأحد 7 مارس 2021\n" + BODY, "2021-03-07", "third-line"),
    (
        "أعلنت الوزارة اليوم السبت 15 فيفري 2014 عن فتح باب الترشح. " + BODY,
        "2014-02-15",
        "today-weekday-explicit",
    ),
    (
        FILLER + " وأكد المدير اليوم السبت 15 فيفري 2014 أن العمل انتهى.",
        "2014-02-15",
        "today-explicit-past-the-head",
    ),
    (
        "تمكنت الوحدات مساء أمس الأحد 12 جانفي 2014 من حجز بضائع. " + BODY,
        "2014-01-13",
        "yesterday-explicit-is-day-after",
    ),
    ("نشر في: 3 مايو 2022\n" + BODY, "2022-05-03", "published-cue"),
    (FILLER + "\nنشر بتاريخ 3 مايو 2022", "2022-05-03", "published-cue-past-the-head"),
    (
        "جدة 1 يناير 2022\n" + FILLER + " اليوم الأحد 2 يناير 2022 بدأ التسجيل.",
        "2022-01-01",
        "earliest-gregorian-wins",
    ),
    (
        "جدة 28 جمادى الأولى 1443 هـ\n" + FILLER + " واليوم الأحد 2 يناير 2022 بدأ التسجيل.",
        "2022-01-02",
        "gregorian-beats-hijri",
    ),
    # not publication dates
    ("أعلنت الوزارة أن التسجيل يبدأ في 5 أكتوبر 2023 عبر المنصة.", None, "event-in-sentence"),
    ("ولد الشاعر في 27 نوفمبر 1957 بمدينة حلب\n" + BODY, None, "birth-date"),
    ("منذ 29 يونيو 2015\n" + BODY, None, "since"),
    ("تدور يوم الأحد 7 مارس 2021 مباريات الجولة الخامسة. " + BODY, None, "event-day"),
    ("وفي ما يلي البرنامج:\nالأحد 7 مارس 2021 الفريق الأول - الفريق الثاني", None, "schedule"),
    (
        "في مثل هذا اليوم 27 جانفي 2014 صادق المجلس على النص. " + BODY,
        None,
        "on-this-day-anniversary",
    ),
    (FILLER + " وقد بدأ المشروع في 19 سبتمبر 2023.", None, "bare-date-past-the-head"),
    # impossible or implausible
    ("الرياض 30 فبراير 2023\n" + BODY, None, "feb-30"),
    ("الرياض 31/04/2023\n" + BODY, None, "april-31"),
    ("الرياض 5 مايو 1850\n" + BODY, None, "year-1850"),
    ("الرياض 5 مايو 2101\n" + BODY, None, "year-2101"),
    ("الاثنين 2 يناير 2016\n" + BODY, None, "weekday-mismatch"),
    ("اليوم الاثنين 2 جانفي 2016 أعلنت الهيئة. " + BODY, None, "today-weekday-mismatch"),
    (
        "اليوم الاثنين 25/10/1436 هـ وصل الوفد. " + BODY,
        "2015-08-10",
        "hijri-weekday-matches",
    ),
    (
        "اليوم الثلاثاء 25/10/1436 هـ وصل الوفد. " + BODY,
        "2015-08-11",
        "hijri-weekday-one-day-off-snaps",
    ),
    ("الرياض 19 سبتمبر\n" + BODY, None, "no-year"),
    ("عدد السكان 2023 نسمة " + BODY, None, "lone-year-like-number"),
    ("", None, "empty"),
    (BODY, None, "no-digits"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[:2] for c in TEXT_CASES], ids=[c[2] for c in TEXT_CASES]
)
def test_find_text_date_explicit(text, expected):
    value, source = find_text_date(text, None)
    assert value == utc(expected)
    assert source == ("text" if expected else "none")


# --- relative days and the crawl date ---------------------------------------------------

THURSDAY = date(2023, 9, 21)
TUESDAY = date(2023, 9, 19)

RELATIVE_CASES = [
    ("أعلنت البلدية اليوم الثلاثاء عن خطة جديدة. ", TUESDAY, "2023-09-19", "relative", "today-weekday-is-crawl-day"),
    ("أعلنت البلدية اليوم الثلاثاء عن خطة جديدة. ", THURSDAY, "2023-09-19", "relative", "today-weekday-before-crawl"),
    ("أعلنت البلدية اليوم الجمعة عن خطة جديدة. ", THURSDAY, "2023-09-15", "relative", "today-weekday-last-week"),
    ("قالت الوزارة اليوم إن المشروع اكتمل. ", THURSDAY, "2023-09-21", "relative", "today-bare"),
    ("قالت الوزارة اليوم (الأربعاء) إن المشروع اكتمل. ", THURSDAY, "2023-09-20", "relative", "today-weekday-parentheses"),
    ("واليوم، الخميس، افتتح المعرض أبوابه. ", THURSDAY, "2023-09-21", "relative", "and-today-commas"),
    ("وصل الوفد أمس إلى العاصمة. ", THURSDAY, "2023-09-20", "relative", "yesterday"),
    ("وصل الوفد امس إلى العاصمة. ", THURSDAY, "2023-09-20", "relative", "yesterday-no-hamza"),
    ("وصل الوفد أَمْسِ إلى العاصمة. ", THURSDAY, "2023-09-20", "relative", "yesterday-diacritics"),
    ("وصل الوفد بالأمس إلى العاصمة. ", THURSDAY, "2023-09-20", "relative", "bil-ams"),
    ("هطلت البارحة أمطار غزيرة. ", THURSDAY, "2023-09-20", "relative", "al-baariha"),
    ("انطلقت أمس الأول فعاليات المهرجان. ", THURSDAY, "2023-09-19", "relative", "day-before-yesterday"),
    ("وقع الحادث مساء أمس الاثنين قرب الجسر. ", THURSDAY, "2023-09-18", "relative", "yesterday-weekday"),
    ("وقع الحادث مساء أمس الأربعاء قرب الجسر. ", THURSDAY, "2023-09-20", "relative", "yesterday-weekday-consistent"),
    ("شهدت المدينة احتفالات اليوم الوطني بحضور كبير. ", THURSDAY, None, "none", "national-day"),
    ("وفي ذلك اليوم أغلقت الطرق. ", THURSDAY, None, "none", "that-day"),
    ("يبلغ الإنتاج ألف طن باليوم الواحد. ", THURSDAY, None, "none", "per-day"),
    ("تنطلق غدا الجمعة أعمال المؤتمر. ", THURSDAY, None, "none", "tomorrow-is-not-used"),
    ("أعلنت البلدية اليوم الثلاثاء عن خطة جديدة. ", None, None, "none", "no-crawl-date-no-relative"),
    ("وصل الوفد أمس إلى العاصمة. ", None, None, "none", "no-crawl-date-yesterday"),
    (FILLER + " وأعلن المدير اليوم الثلاثاء النتائج.", THURSDAY, None, "none", "relative-past-the-head"),
    ("اليوم الثلاثاء 19 سبتمبر 2023 أعلنت البلدية خطتها. ", THURSDAY, "2023-09-19", "text", "explicit-beats-relative"),
    ("الرياض 25 سبتمبر 2023\nأعلنت الهيئة اليوم نتائجها. ", THURSDAY, "2023-09-21", "relative", "after-crawl-date-dropped"),
    ("الرياض 22 سبتمبر 2023\nأعلنت الهيئة نتائجها. ", THURSDAY, "2023-09-22", "text", "crawl-day-plus-one-allowed"),
    ("الرياض 5 مايو 2030\nأعلنت الهيئة نتائجها. ", THURSDAY, None, "none", "year-after-crawl-year"),
    ("أعلنت الهيئة نتائجها دون تحديد موعد. ", THURSDAY, None, "none", "nothing-to-find"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "crawl", "expected", "source"),
    [c[:4] for c in RELATIVE_CASES],
    ids=[c[4] for c in RELATIVE_CASES],
)
def test_find_text_date_relative(text, crawl, expected, source):
    assert find_text_date(text + BODY, crawl) == (utc(expected), source)


def test_crawl_datetime_is_taken_as_its_day():
    text = "وصل الوفد أمس إلى العاصمة. " + BODY
    assert find_text_date(text, datetime(2023, 9, 21, 18, 0)) == (utc("2023-09-20"), "relative")


# --- resolve_date -----------------------------------------------------------------------

DATED_TEXT = "الرياض 19 سبتمبر 2023\n" + BODY
RELATIVE_TEXT = "أعلنت البلدية اليوم الثلاثاء عن خطة جديدة. " + BODY

RESOLVE_CASES = [
    ("2023-09-18", DATED_TEXT, None, "2023-09-18", "field", False, "field-wins"),
    ("18/09/2023", "", None, "2023-09-18", "field", False, "field-day-first"),
    (1695117600, "", None, "2023-09-19T10:00", "field", False, "field-epoch"),
    ("not a date", DATED_TEXT, None, "2023-09-19", "text", True, "bad-field-text"),
    ("not a date", BODY, None, None, "none", True, "bad-field-nothing"),
    ("not a date", RELATIVE_TEXT, THURSDAY, "2023-09-19", "relative", True, "bad-field-relative"),
    ("30/02/2023", DATED_TEXT, None, "2023-09-19", "text", True, "impossible-field"),
    (None, DATED_TEXT, None, "2023-09-19", "text", False, "no-field"),
    ("", DATED_TEXT, None, "2023-09-19", "text", False, "empty-field"),
    ("  ", BODY, None, None, "none", False, "blank-field"),
    (float("nan"), DATED_TEXT, None, "2023-09-19", "text", False, "nan-field"),
    (None, RELATIVE_TEXT, THURSDAY, "2023-09-19", "relative", False, "relative"),
    (None, RELATIVE_TEXT, "2023-09-21", "2023-09-19", "relative", False, "crawl-date-string"),
    (None, RELATIVE_TEXT, "not a date", None, "none", False, "crawl-date-garbage"),
    (None, RELATIVE_TEXT, None, None, "none", False, "relative-without-crawl-date"),
    (None, None, None, None, "none", False, "no-text"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "text", "crawl", "expected", "source", "warns"),
    [c[:6] for c in RESOLVE_CASES],
    ids=[c[6] for c in RESOLVE_CASES],
)
def test_resolve_date(field, text, crawl, expected, source, warns):
    result = resolve_date(field, text, crawl)
    assert isinstance(result, DateResult)
    assert result.value == utc(expected)
    assert result.source == source
    assert result.source in DATE_SOURCES
    if warns:
        assert repr(field) in result.warning  # names the bad value
    else:
        assert result.warning is None


def test_resolve_date_warning_shortens_long_values():
    result = resolve_date("x" * 500, BODY, None)
    assert result.source == "none"
    assert "xxx" in result.warning and len(result.warning) < 150


def test_resolve_date_values_are_utc():
    for field in ("2023-09-19T10:00:00+03:00", "Tue, 19 Sep 2023 10:00:00 +0300", 1695117600):
        value = resolve_date(field, "", None).value
        assert value.tzinfo is UTC


def test_date_result_is_frozen():
    result = DateResult(utc("2023-09-19"), "field", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.source = "text"


# --- real corpora -----------------------------------------------------------------------


def _load(name: str) -> list[dict]:
    path = SHARED / "corpora" / name
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside this checkout)")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _agreement(records, crawl_offset=None):
    found = agree = 0
    for r in records:
        pub = date.fromisoformat(r["published_at"])
        crawl = None if crawl_offset is None else pub + timedelta(days=crawl_offset)
        value, source = find_text_date(r["text"], crawl)
        if value is not None:
            found += 1
            agree += abs((value.date() - pub).days) <= 1
    return found, agree


@pytest.mark.shared
def test_saudinewsnet_text_dates_agree_with_published_at():
    records = _load("saudinewsnet_5000.jsonl")
    found, agree = _agreement(records)
    assert found >= 60  # SPA datelines and "اليوم ... <date>" announcements
    assert agree >= 0.95 * found
    spa = [r for r in records if r["source"] == "Saudi Press Agency"]
    assert _agreement(spa)[1] >= 0.8 * len(spa)
    assert all(resolve_date(r["published_at"], r["text"]).source == "field" for r in records)


@pytest.mark.shared
def test_saudinewsnet_relative_days_against_a_crawl_date():
    # Al-Eqtisadiya, Al-Jazirah and Okaz dates come from their URLs (corpus README), so
    # they are true publication days: crawling a day later must still land within a day.
    records = [
        r
        for r in _load("saudinewsnet_5000.jsonl")
        if r["source"] in {"Al-Eqtisadiya", "Al-Jazirah", "Okaz"}
    ]
    found, agree = _agreement(records, crawl_offset=1)
    assert found >= 300
    assert agree >= 0.95 * found


@pytest.mark.shared
def test_jawharafm_tunisian_month_names():
    records = _load("jawharafm.jsonl")
    found, agree = _agreement(records)
    assert found >= 800  # "اليوم الأربعاء 12 فيفري 2014" and the like
    assert agree >= 0.98 * found
