"""The alias table: parsing, resolving rules, and the DuckDB views that apply them."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard.entities import aliases as al
from dashboard.entities.canonical import CanonParams, canonicalise
from dashboard.entities.mention import Mention

BODIES = {
    "a1": "زار نتنياهو مدينة باكو ثم عاد نتنياهو إلى القدس",
    "a2": "قال نتانياهو إن باكو مهمة",
    "a3": "سلمان وسليمان في الرياض",
}


def mentions_of(body: str, items: list[tuple[str, str]]) -> list[Mention]:
    out, pos = [], 0
    for surface, type_ in items:
        start = body.index(surface, pos)
        out.append(Mention(start, start + len(surface), type_, surface))
        pos = start + len(surface)
    return out


@pytest.fixture()
def tables():
    ms = [
        mentions_of(
            BODIES["a1"],
            [("نتنياهو", "PER"), ("باكو", "ORG"), ("نتنياهو", "PER"), ("القدس", "LOC")],
        ),
        mentions_of(BODIES["a2"], [("نتانياهو", "PER"), ("باكو", "ORG")]),
        mentions_of(BODIES["a3"], [("سلمان", "PER"), ("الرياض", "LOC")]),
    ]
    # "سليمان" wrongly sits inside the سلمان entity, to exercise split.
    ms[2][0] = Mention(0, 5, "PER", "سلمان")
    extra = Mention(BODIES["a3"].index("سليمان"), BODIES["a3"].index("سليمان") + 6, "PER", "سليمان")
    ents, men = canonicalise(list(BODIES), ms, CanonParams(drop_lone_given_names=False))
    row = men[
        (men["article_id"] == "a3")
        & men["entity_id"].isin(ents.loc[ents["name"] == "سلمان", "entity_id"])
    ].index[0]
    men.at[row, "starts"] = [0, extra.start]
    men.at[row, "ends"] = [5, extra.end]
    men.at[row, "surfaces"] = ["سلمان", "سليمان"]
    men.at[row, "count"] = 2
    return ents, men


def write_rules(tmp_path, text: str):
    p = tmp_path / "aliases.csv"
    p.write_text(text, encoding="utf-8")
    return al.read_alias_file(p)


def connect(ents, men, rules):
    con = duckdb.connect()
    con.register("entities_raw", ents)
    con.register("mentions_raw", men)
    notes = al.install_alias_views(con, rules)
    got = con.execute(
        "SELECT name, type, article_count, mention_count FROM entities ORDER BY name"
    ).df()
    return (
        con,
        {r.name: (r.type, r.article_count, r.mention_count) for r in got.itertuples()},
        notes,
    )


def test_no_rules_passes_through(tables):
    ents, men = tables
    _, got, notes = connect(ents, men, [])
    assert got["باكو"] == ("ORG", 2, 2) and notes == []


def test_merge_rename_retype_drop_split(tables, tmp_path):
    ents, men = tables
    rules = write_rules(
        tmp_path,
        "action,entity,type,value\n"
        "# comments are fine\n"
        "merge,نتانياهو,PER,نتنياهو\n"
        "rename,نتنياهو,,بنيامين نتنياهو\n"
        "retype,باكو,ORG,LOC\n"
        "drop,الرياض,,\n"
        "split,سلمان,PER,سليمان\n"
        "rename,غير موجود,,شيء\n",
    )
    con, got, notes = connect(ents, men, rules)
    assert got["بنيامين نتنياهو"] == ("PER", 2, 3)
    assert "نتانياهو" not in got and "نتنياهو" not in got
    assert got["باكو"] == ("LOC", 2, 2)
    assert "الرياض" not in got
    assert got["سلمان"] == ("PER", 1, 1) and got["سليمان"] == ("PER", 1, 1)
    assert got["القدس"] == ("LOC", 1, 1)
    assert len(notes) == 1 and "line 8" in notes[0] and "غير موجود" in notes[0]
    # mention rows agree with the entity counts, offsets still point into the bodies
    men2 = con.execute(
        "SELECT m.article_id, m.starts, m.ends, m.surfaces, e.name FROM mentions m "
        "JOIN entities e USING (entity_id)"
    ).df()
    for row in men2.itertuples():
        for s, e, surface in zip(row.starts, row.ends, row.surfaces, strict=True):
            assert BODIES[row.article_id][s:e] == surface
    bibi = men2[men2["name"] == "بنيامين نتنياهو"]
    assert sorted(bibi["article_id"]) == ["a1", "a2"]


@pytest.mark.parametrize(
    "text,needle",
    [
        ("action,entity,type,value\nmerg,x,,y\n", "unknown action 'merg'"),
        ("action,entity,type,value\nmerge,,,y\n", "entity column is empty"),
        ("action,entity,type,value\nrename,x,PERSON,y\n", "unknown type 'PERSON'"),
        ("action,entity,type,value\nretype,x,,PLACE\n", "retype needs a type"),
        ("action,entity,type,value\nmerge,x,,\n", "merge needs a value"),
        ("name,type\nx,PER\n", "header must be"),
    ],
    ids=["action", "entity", "type", "retype", "value", "header"],
)
def test_bad_rows_name_file_and_line(tmp_path, text, needle):
    with pytest.raises(al.AliasError) as err:
        write_rules(tmp_path, text)
    assert needle in str(err.value) and "aliases.csv:line" in str(err.value)


def test_default_alias_file_parses():
    rules = al.read_alias_file(al.DEFAULT_ALIASES)
    assert rules and all(r.action in al.ACTIONS for r in rules)


def test_variants_of_names_match(tables, tmp_path):
    ents, men = tables
    rules = write_rules(tmp_path, "action,entity,type,value\nretype,بَاكـو,,LOC\n")
    _, got, notes = connect(ents, men, rules)
    assert got["باكو"][0] == "LOC" and notes == []


def test_frames_have_schema_columns(tables):
    ents, men = tables
    emap, smap, _ = al.resolve_rules(ents, [])
    assert emap.empty and smap.empty
    out = al.rewrite_mentions(men, emap, smap)
    assert list(out.columns) == al.MENTION_COLUMNS
    assert isinstance(out, pd.DataFrame) and len(out) == len(men)
