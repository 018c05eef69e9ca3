"""The public extractor API with the shipped CRF model, on fixtures written for these tests."""

import pytest

from dashboard.entities import (
    TYPES,
    Mention,
    available_backends,
    extract,
    extract_many,
    get_backend,
)

BODIES = [
    "وصل وزير الخارجية الفرنسي إلى القاهرة صباح اليوم، حيث التقى نظيره المصري.\n\n"
    "وقال الوزير إن باريس تدعم الحوار، مضيفا أن القاهرة شريك أساسي.",
    "أعلنت وزارة الصحة السعودية في الرياض تسجيل حالات جديدة.",
    "",
    "الطقس معتدل.",
]


def test_offsets_point_into_the_body():
    for body, mentions in zip(BODIES, extract_many(BODIES), strict=True):
        for m in mentions:
            assert isinstance(m, Mention)
            assert body[m.start : m.end] == m.surface
            assert m.type in TYPES
        starts = [m.start for m in mentions]
        assert starts == sorted(starts)


@pytest.mark.parametrize(
    "body,surface,kind",
    [
        (BODIES[0], "القاهرة", "LOC"),
        (BODIES[0], "باريس", "LOC"),
        (BODIES[1], "الرياض", "LOC"),
    ],
    ids=["cairo", "paris", "riyadh"],
)
def test_obvious_places_are_found(body, surface, kind):
    found = {(m.surface, m.type) for m in extract(body)}
    assert (surface, kind) in found


def test_every_mention_of_a_repeated_name():
    mentions = [m for m in extract(BODIES[0]) if m.surface == "القاهرة"]
    assert len(mentions) == 2


def test_empty_and_plain_bodies():
    assert extract("") == []
    assert extract_many([]) == []


def test_registry():
    assert "crf" in available_backends()
    assert get_backend("crf") is get_backend()
    with pytest.raises(KeyError):
        get_backend("no-such-backend")
