"""Mining trigger and name classes from automatically tagged text (self-training lexicon)."""

from dashboard.entities import build_lexicon
from dashboard.entities.build_lexicon import mine


class DictBackend:
    """Tags a token B-TYPE when its text is in `names`."""

    names = {"كريم": "PER", "طرابلس": "LOC"}

    def tag(self, documents):
        return [
            [[f"B-{self.names[t]}" if t in self.names else "O" for t in s] for s in doc]
            for doc in documents
        ]


def test_mine_classes(monkeypatch):
    monkeypatch.setattr(build_lexicon, "MIN_TRIGGER", 3)
    monkeypatch.setattr(build_lexicon, "MIN_NAME", 3)
    bodies = ["قال الأستاذ كريم إن طرابلس جميلة. " * 4 + "قال الأستاذ نبيل."]
    lexicon = mine(DictBackend(), bodies)
    assert lexicon["كريم"] == ["name_PER"]
    assert "name_LOC" in lexicon["طرابلس"]
    assert lexicon["الاستاذ"] == ["trig_PER"]  # 4 of 5 occurrences before a PER
    assert lexicon["ان"] == ["post_PER", "trig_LOC"]
    assert lexicon["جميله"] == ["post_LOC"]
    assert "قال" not in lexicon  # two tokens before the entity: no class
