"""Tests for dashboard.ingest.boilerplate: footers and standalone junk lines."""

from __future__ import annotations

import pytest

from dashboard.ingest.boilerplate import (
    RULES,
    display_index,
    footer_start,
    has_inline_marker,
    junk_rule,
    skeleton,
    strip_boilerplate,
    strip_lead,
)

JUNK_LINES = [
    ("شارك", "share_button"),
    ("شارك الخبر:", "share_button"),
    ("تويتر فيسبوك واتساب", "social_strip"),
    ("Twitter | Facebook | WhatsApp", "social_strip"),
    ("• فيسبوك • تويتر • طباعة", "social_strip"),
    ("حمّل تطبيق الجريدة لتصلك الأخبار العاجلة", "app_download"),
    ("لتحميل تطبيق الموقع على أندرويد اضغط هنا", "app_download"),
    ("تابعونا على تويتر", "follow_us"),
    ("تابعونا عبر حسابنا في إنستغرام", "follow_us"),
    ("اشترك في النشرة البريدية", "subscribe"),
    ("اشترك الآن في قناتنا على يوتيوب", "subscribe"),
    ("للاشتراك في خدمة الأخبار العاجلة أرسل كلمة خبر إلى 12345", "sms_service"),
    ("المقالات المنشورة تعبر عن رأي كاتبها ولا تعبر بالضرورة عن رأي الصحيفة", "opinion_disclaimer"),
    ("الآراء الواردة في المقال لا تعبر عن رأي الموقع", "opinion_disclaimer"),
    ("* المقال يعبر عن وجهة نظر الكاتب", "opinion_disclaimer"),
    ("Read more", "read_more"),
    ("Read More »", "read_more"),
    ("السابق التالي", "slider_nav_line"),
]


@pytest.mark.parametrize(
    ("line", "rule"), JUNK_LINES, ids=[r + str(i) for i, (_, r) in enumerate(JUNK_LINES)]
)
def test_junk_lines(line: str, rule: str) -> None:
    assert junk_rule(skeleton(line)) == rule


CONTENT_LINES = [
    "شارك في الحفل أكثر من ثلاثمئة فنان من عشرين دولة.",
    "اشترك الفريقان في البطولة منذ تأسيسها قبل عشرين عاما.",
    "تابعوا في الأيام الماضية تطورات الأزمة باهتمام.",
    "وحمل تطبيق الهاتف الجديد أخطاء كثيرة بحسب المستخدمين.",
    "قال إن الآراء في المجلس متباينة حول المشروع.",
    "تويتر أعلن تغييرات جديدة في سياسة الخصوصية.",
    "المزيد من الدعم مطلوب للأندية.",
    "(تصوير: محمد العلي)",
    "",
]


@pytest.mark.parametrize(
    "line", CONTENT_LINES, ids=[f"content{i}" for i in range(len(CONTENT_LINES))]
)
def test_content_lines_are_not_junk(line: str) -> None:
    assert junk_rule(skeleton(line)) is None


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("(تصوير: محمد العلي)", "photo_credit"),
        ("تصوير : المحرر", "photo_credit"),
        ("(عدسة/ أحمد)", "photo_credit"),
        ("...المزيد", "more_marker"),
        ("المزيد....", "more_marker"),
        ("صورة جماعية للمشاركين في الحفل", None),
    ],
    ids=["photo", "photo-bare", "lens", "more", "more-after", "caption"],
)
def test_end_only_lines(line: str, rule: str | None) -> None:
    assert junk_rule(skeleton(line), at_end=True) == rule


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("نص المقال. // انتهى //", 11),
        ("//انتهى//", 0),
        ("/ انتهى /", 0),
        ("// انتهى // 12:34 ت م", 0),
        ("// انتهي //", 0),
        ("// يتبع //", 0),
        ("a@b.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (12)", 7),
        ("للتواصل أرسل رسالة نصية sms إلى 12345", 0),
        ("© 2024 الجريدة", 0),
        ("جميع الحقوق محفوظة للموقع", 0),
        ("قالت إن جميع الحقوق محفوظة للمؤلف", None),
        ("انتهى الاجتماع في 12/5/2024", None),
        ("للتواصل مع الإدارة يرجى زيارة الموقع", None),
    ],
    ids=[
        "wire-glued",
        "wire-tight",
        "wire-single",
        "wire-time",
        "wire-yeh",
        "continued",
        "sms-glued",
        "sms-okaz",
        "copyright",
        "rights",
        "rights-in-sentence",
        "date-slashes",
        "contact-sentence",
    ],
)
def test_footer_start(line: str, start: int | None) -> None:
    assert footer_start(skeleton(line)) == start


@pytest.mark.parametrize(
    ("body", "stripped"),
    [
        ("Next Previous جدة – واس\nنص الخبر.", "جدة – واس\nنص الخبر."),
        ("Next Previous\nنص الخبر.", "نص الخبر."),
        ("نص.\n\nشارك\n\nنص آخر.", "نص.\n\nنص آخر."),
        ("نص.\n(تصوير: علي)", "نص."),
        ("نص.\n(تصوير: علي)\nفقرة بعده.", "نص.\n(تصوير: علي)\nفقرة بعده."),
        ("نص طويل عن الحدث...المزيد", "نص طويل عن الحدث"),
        ("نص.\n...المزيد\n", "نص."),
        ("نص.\n(تصوير: علي)\nتابعونا على تويتر\n...المزيد", "نص."),
        ("فقرةٌ أولى.\n\nفقرة ثانية.", "فقرةٌ أولى.\n\nفقرة ثانية."),
        ("", ""),
    ],
    ids=[
        "slider-prefix",
        "slider-alone",
        "share-mid",
        "photo-end",
        "photo-mid",
        "more-glued",
        "more-line",
        "stacked-end",
        "clean",
        "empty",
    ],
)
def test_strip_boilerplate(body: str, stripped: str) -> None:
    assert strip_boilerplate(body) == stripped


def test_skeleton_keeps_lines_and_letters() -> None:
    assert skeleton("إِقْرَأْ أَيْضًا:\nالمصـــدر") == "إقرأ أيضا:\nالمصدر"


@pytest.mark.parametrize(
    ("line", "index", "expected"),
    [("إِقْرَأْ أَيْضًا", 5, 9), ("abc", 1, 1), ("abc", 3, 3)],
    ids=["arabic", "plain", "end"],
)
def test_display_index(line: str, index: int, expected: int) -> None:
    assert display_index(line, index) == expected
    assert skeleton(line[expected:]) == skeleton(line)[index:]


def test_strip_lead_keeps_display_letters() -> None:
    assert strip_lead("Next Previous جُدّة – واس") == "جُدّة – واس"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("نص.\n// انتهى //", True),
        ("نص a@b.comللتواصل مع الكاتب", True),
        ("نص عن المباراة...المزيد", True),
        ("نص عادي بتاريخ 12/5/2024 عن المزيد من الدعم للأندية الصغيرة في المنطقة.", False),
    ],
    ids=["wire", "sms", "more", "none"],
)
def test_has_inline_marker(text: str, found: bool) -> None:
    assert has_inline_marker(skeleton(text)) is found


def test_rules_are_documented() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.seen.strip(), rule.name
        assert rule.kind in ("footer", "line", "end", "lead")


def test_unanchored_rules_are_covered_by_has_inline_marker() -> None:
    # has_inline_marker knows these three by their literals; a new rule that is not
    # anchored at a line start must be added there too.
    unanchored = {r.name for r in RULES if not r.pattern.pattern.startswith("^")}
    assert unanchored == {"wire_end", "wire_continued", "sms_contact"}
