"""Document-level label propagation and the training-data lexicon (memory, gazetteer)."""

import pytest

from dashboard.entities.lexicon import Gazetteer, build_gazetteer, build_memory, gazetteer_tags
from dashboard.entities.propagation import propagate

PROPAGATION_CASES = [
    (
        [["زار", "سامي", "خوري", "بيروت"], ["وقال", "خوري", "إن"]],
        [["O", "B-PER", "I-PER", "B-LOC"], ["O", "O", "O"]],
        [["O", "B-PER", "I-PER", "B-LOC"], ["O", "B-PER", "O"]],
        "surname after full name",
    ),
    (
        [["في", "بيروت"], ["ومن", "وبيروت"]],
        [["O", "B-LOC"], ["O", "O"]],
        [["O", "B-LOC"], ["O", "B-LOC"]],
        "clitic on the repeated name",
    ),
    (
        [["وزارة", "الصحة", "أعلنت"], ["إن", "وزارة", "الصحة"]],
        [["B-ORG", "I-ORG", "O"], ["O", "O", "O"]],
        [["B-ORG", "I-ORG", "O"], ["O", "B-ORG", "I-ORG"]],
        "multi-word phrase",
    ),
    (
        [["سامي", "خوري"], ["خوري", "بيروت"]],
        [["B-PER", "I-PER"], ["O", "B-LOC"]],
        [["B-PER", "I-PER"], ["B-PER", "B-LOC"]],
        "only untagged tokens are written",
    ),
    (
        [["مدينة", "صور"], ["صور", "كثيرة"]],
        [["O", "B-LOC"], ["B-MISC", "O"]],
        [["O", "B-LOC"], ["B-MISC", "O"]],
        "an existing entity is never changed",
    ),
]


@pytest.mark.parametrize(
    "sentences,tags,expected",
    [c[:3] for c in PROPAGATION_CASES],
    ids=[c[3] for c in PROPAGATION_CASES],
)
def test_propagate(sentences, tags, expected):
    assert propagate(sentences, tags) == expected


def test_propagate_skips_stopforms():
    sentences = [["في", "الأمن"], ["الأمن", "مهم"]]
    tags = [["O", "B-ORG"], ["O", "O"]]
    assert propagate(sentences, tags, stopforms=frozenset({"الامن"})) == tags


LABELLED = [
    (["زار", "سامي", "بيروت"], ["O", "B-PERS", "B-LOC"]),
    (["في", "بيروت", "وزارة", "الصحة"], ["O", "B-LOC", "B-ORG", "I-ORG"]),
    (["وقال", "سامي"], ["O", "B-PERS"]),
    (["بيروت", "الجميلة"], ["B-LOC", "O"]),
    (["زار", "سامي"], ["O", "O"]),
]


def test_memory():
    memory = build_memory(LABELLED)
    assert memory["بيروت"] == "LOC_hi"
    assert memory["سامي"] == "PER_lo"  # 2 of 3 occurrences
    assert "زار" not in memory  # never an entity
    assert "الصحه" not in memory  # seen once


def test_gazetteer_and_match():
    gazetteer = build_gazetteer(LABELLED)
    assert gazetteer[("وزاره", "الصحه")] == "ORG"
    assert gazetteer[("بيروت",)] == "LOC"
    forms = ["قال", "وبوزاره", "الصحه", "في", "بيروت", "الصحه"]
    assert gazetteer_tags(forms, Gazetteer(gazetteer)) == [
        "",
        "B-ORG",
        "I-ORG",
        "",
        "B-LOC",
        "",
    ]
