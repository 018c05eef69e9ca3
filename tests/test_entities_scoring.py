"""Entity-level scoring: chunk reading (seqeval default mode) and micro/per-type P/R/F1."""

import pytest

from dashboard.entities.scoring import Chunk, chunks, format_report, score

CHUNK_CASES = [
    (["O", "O"], [], "no entities"),
    (["B-PER", "I-PER", "O"], [("PER", 0, 1)], "one two-token entity"),
    (["B-LOC", "B-LOC"], [("LOC", 0, 0), ("LOC", 1, 1)], "B after B starts a new entity"),
    (["O", "I-ORG", "I-ORG"], [("ORG", 1, 2)], "I after O starts an entity"),
    (["I-ORG"], [("ORG", 0, 0)], "I at sentence start starts an entity"),
    (["B-PER", "I-LOC"], [("PER", 0, 0), ("LOC", 1, 1)], "I of another type starts one"),
    (["B-PER", "I-PER", "I-PER"], [("PER", 0, 2)], "long entity"),
    (["B-PERS", "I-PER"], [("PER", 0, 1)], "PERS and PER are the same type"),
    (["B-MISC", "O", "I-MISC"], [("MISC", 0, 0), ("MISC", 2, 2)], "O breaks an entity"),
    (["O", "B-LOC"], [("LOC", 1, 1)], "entity at sentence end"),
]


@pytest.mark.parametrize("tags,expected,_", CHUNK_CASES, ids=[c[2] for c in CHUNK_CASES])
def test_chunks(tags, expected, _):
    assert chunks(tags, 3) == [Chunk(3, *e) for e in expected]


@pytest.mark.parametrize("tag", ["X-PER", "B", "B-", "b-PER", "E-PER"])
def test_chunks_rejects_non_iob2(tag):
    with pytest.raises(ValueError):
        chunks([tag])


SCORE_CASES = [
    # gold, predicted, {type: (precision, recall, f1, support)}
    (
        [["B-PER", "I-PER", "O", "B-LOC"]],
        [["B-PER", "I-PER", "O", "B-LOC"]],
        {"LOC": (1, 1, 1, 1), "PER": (1, 1, 1, 1), "micro": (1, 1, 1, 2)},
        "perfect",
    ),
    (
        [["B-PER", "I-PER", "O", "B-LOC"]],
        [["B-PER", "O", "O", "B-LOC"]],
        {"LOC": (1, 1, 1, 1), "PER": (0, 0, 0, 1), "micro": (0.5, 0.5, 0.5, 2)},
        "a partial span is wrong",
    ),
    (
        [["B-ORG", "I-ORG"]],
        [["B-LOC", "I-LOC"]],
        {"ORG": (0, 0, 0, 1), "micro": (0, 0, 0, 1)},
        "right span wrong type is wrong; LOC not in gold is not scored",
    ),
    (
        [["B-PER", "I-PER"], ["B-LOC"]],
        [["O", "I-PER"], ["B-LOC"]],
        {"LOC": (1, 1, 1, 1), "PER": (0, 0, 0, 1), "micro": (0.5, 0.5, 0.5, 2)},
        "ill-formed I start is an entity of its own",
    ),
    (
        [["B-PER", "O", "B-PER", "O"]],
        [["B-PER", "O", "O", "B-PER"]],
        {"PER": (0.5, 0.5, 0.5, 2), "micro": (0.5, 0.5, 0.5, 2)},
        "one hit one miss",
    ),
    (
        [["B-LOC", "O", "B-LOC", "B-ORG"]],
        [["B-LOC", "O", "O", "O"]],
        {"LOC": (1, 0.5, 2 / 3, 2), "ORG": (0, 0, 0, 1), "micro": (1, 1 / 3, 0.5, 3)},
        "recall only",
    ),
    (
        [["B-LOC"], ["I-LOC"]],
        [
            [
                "B-LOC",
            ],
            ["B-LOC"],
        ],
        {"LOC": (1, 1, 1, 2), "micro": (1, 1, 1, 2)},
        "entities do not cross sentences",
    ),
]


@pytest.mark.parametrize("gold,predicted,expected,_", SCORE_CASES, ids=[c[3] for c in SCORE_CASES])
def test_score(gold, predicted, expected, _):
    result = score(gold, predicted)
    assert list(result) == list(expected)
    for name, (p, r, f, support) in expected.items():
        got = result[name]
        assert (got.precision, got.recall, got.f1, got.support) == pytest.approx((p, r, f, support))


@pytest.mark.parametrize(
    "gold,predicted",
    [([["O"]], [["O"], ["O"]]), ([["O", "O"]], [["O"]])],
    ids=["sentence count", "token count"],
)
def test_score_rejects_misaligned(gold, predicted):
    with pytest.raises(ValueError):
        score(gold, predicted)


def test_report_ends_with_micro_f1():
    report = format_report(score([["B-PER", "O", "B-LOC"]], [["B-PER", "O", "O"]]))
    lines = report.splitlines()
    assert lines[-1] == "F1 0.667"
    assert lines[1].split() == ["LOC", "0.000", "0.000", "0.000", "1"]
    assert lines[2].split() == ["PER", "1.000", "1.000", "1.000", "1"]
