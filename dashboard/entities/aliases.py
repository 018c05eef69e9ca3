"""The alias table: a researcher's corrections to the entities, applied at load time.

`aliases.csv` (UTF-8, header `action,entity,type,value`) changes what the dashboard counts
without re-running extraction. Rules come from the shared default `data/aliases.csv`, then
from the dataset's own `DIR/aliases.csv` (applied after, so they can build on the default).
Each row names an entity by its name or any of its aliases (spelling variants match:
hamza forms, ة/ه, ى/ي, diacritics), optionally restricted to one `type`:

| action | value | effect |
|---|---|---|
| `merge` | the entity to merge into (name or alias) | mentions of `entity` count for `value`; if no entity is called `value`, it is a rename |
| `rename` | the new display name | |
| `retype` | PER, LOC, ORG or MISC | |
| `split` | a surface form of `entity` | mentions written that way become an entity of their own, named `value` |
| `drop` | (empty) | the entity is not counted at all (a false entity) |

Lines starting with `#` are comments. A bad row raises AliasError naming file and line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard.arabic.normalize import normalize_for_match
from dashboard.dataset.schema import ENTITY_TYPES
from dashboard.dataset.store import ALIAS_FILES, DEFAULT_ALIAS_FILE

from .canonical import entity_id_for

ALIAS_FILE = ALIAS_FILES[0]
DEFAULT_ALIASES = DEFAULT_ALIAS_FILE
ACTIONS = ("merge", "rename", "retype", "split", "drop")
COLUMNS = ("action", "entity", "type", "value")


@lru_cache(maxsize=200_000)
def _norm(surface: str) -> str:
    return normalize_for_match(surface)


class AliasError(ValueError):
    """A row of an alias file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class AliasRule:
    action: str
    entity: str
    type: str | None
    value: str
    where: str  # "path:line N", for messages


def alias_files(data_dir: Path) -> list[Path]:
    """The alias files that apply to a dataset, in the order they are applied."""
    own = Path(data_dir) / ALIAS_FILE
    return [p for p in (DEFAULT_ALIASES, own) if p.is_file()]


def read_alias_file(path: Path) -> list[AliasRule]:
    """Parse and check one alias file."""
    rules = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        lines = [(n, ln) for n, ln in enumerate(fh, 1) if ln.strip() and not ln.startswith("#")]
    if not lines:
        return rules
    header = next(csv.reader([lines[0][1]]))
    if [h.strip().lower() for h in header[:4]] != list(COLUMNS):
        raise AliasError(f"{path}:line {lines[0][0]}: header must be {','.join(COLUMNS)}")
    for n, text in lines[1:]:
        row = next(csv.reader([text]))
        where = f"{path}:line {n}"
        row = [c.strip() for c in row] + [""] * (4 - len(row))
        action, entity, type_, value = (c for c in row[:4])
        action = action.lower()
        if action not in ACTIONS:
            raise AliasError(f"{where}: unknown action {action!r} (one of {', '.join(ACTIONS)})")
        if not entity:
            raise AliasError(f"{where}: the entity column is empty")
        type_ = type_.upper() or None
        if type_ is not None and type_ not in ENTITY_TYPES:
            raise AliasError(f"{where}: unknown type {type_!r} (one of {', '.join(ENTITY_TYPES)})")
        if action != "drop" and not value:
            raise AliasError(f"{where}: {action} needs a value")
        if action == "retype" and value.upper() not in ENTITY_TYPES:
            raise AliasError(f"{where}: retype needs a type ({', '.join(ENTITY_TYPES)})")
        rules.append(AliasRule(action, entity, type_, value, where))
    return rules


def read_rules(data_dir: Path) -> list[AliasRule]:
    """All rules for a dataset (shared default first, then its own)."""
    return [r for p in alias_files(data_dir) for r in read_alias_file(p)]


def _lookup(entities: pd.DataFrame) -> dict[str, list[int]]:
    """match form of name/key/alias → row positions."""
    index: dict[str, list[int]] = {}
    for pos, (name, key, aliases) in enumerate(
        zip(entities["name"], entities["key"], entities["aliases"], strict=True)
    ):
        forms = {normalize_for_match(name), key, *(normalize_for_match(a) for a in aliases)}
        for f in forms:
            index.setdefault(f, []).append(pos)
    return index


def resolve_rules(
    entities: pd.DataFrame, rules: list[AliasRule]
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Turn rules into mappings over `entities` (entity_id, name, type, key, aliases).

    Returns (entity_map, split_map, notes): entity_map has one row per changed entity
    (`entity_id`, `new_id` — None when dropped —, `name`, `type`); split_map has
    (`entity_id`, `surface_key`, `new_id`, `name`, `type`); notes lists rules that matched
    no entity.
    """
    ents = entities.reset_index(drop=True)
    index = _lookup(ents)
    state = {
        eid: {"new_id": eid, "name": name, "type": type_}
        for eid, name, type_ in zip(ents["entity_id"], ents["name"], ents["type"], strict=True)
    }
    splits: list[dict] = []
    notes: list[str] = []

    def find(name: str, type_: str | None) -> list[str]:
        hits = [ents.at[p, "entity_id"] for p in index.get(normalize_for_match(name), [])]
        return [h for h in hits if type_ is None or state[h]["type"] == type_]

    def final(eid: str) -> str:
        seen = set()
        while state.get(eid, {}).get("new_id") not in (eid, None) and eid not in seen:
            seen.add(eid)
            eid = state[eid]["new_id"]
        return eid

    for rule in rules:
        targets = find(rule.entity, rule.type)
        if not targets:
            notes.append(f"{rule.where}: no entity called {rule.entity!r}")
            continue
        for eid in targets:
            s = state[eid]
            if rule.action == "rename":
                s["name"] = rule.value
            elif rule.action == "retype":
                s["type"] = rule.value.upper()
            elif rule.action == "drop":
                s["new_id"] = None
            elif rule.action == "merge":
                into = [t for t in find(rule.value, rule.type or s["type"]) if t != eid]
                if into:
                    head = final(into[0])
                    s["new_id"] = head
                    s["type"] = state[head]["type"]
                    s["name"] = state[head]["name"]
                else:
                    s["name"] = rule.value
            elif rule.action == "split":
                key = normalize_for_match(rule.value)
                splits.append(
                    {
                        "entity_id": eid,
                        "surface_key": key,
                        "new_id": entity_id_for(s["type"], "split\x1f" + key),
                        "name": rule.value,
                        "type": s["type"],
                    }
                )
    rows = []
    for eid, name, type_ in zip(ents["entity_id"], ents["name"], ents["type"], strict=True):
        s = state[eid]
        new_id = final(eid) if s["new_id"] is not None else None
        if new_id is not None and new_id != eid:
            s = {**s, "name": state[new_id]["name"], "type": state[new_id]["type"]}
        if new_id != eid or s["name"] != name or s["type"] != type_:
            rows.append({"entity_id": eid, "new_id": new_id, "name": s["name"], "type": s["type"]})
    entity_map = pd.DataFrame(rows, columns=["entity_id", "new_id", "name", "type"])
    split_map = pd.DataFrame(splits, columns=["entity_id", "surface_key", "new_id", "name", "type"])
    return entity_map, split_map, notes


ENTITY_COLUMNS = ["entity_id", "name", "type", "key", "aliases", "article_count", "mention_count"]
MENTION_COLUMNS = ["article_id", "entity_id", "count", "starts", "ends", "surfaces"]


def rewrite_mentions(
    mentions: pd.DataFrame, entity_map: pd.DataFrame, split_map: pd.DataFrame
) -> pd.DataFrame:
    """Apply the mappings to the mention rows of the affected entities (a small frame):
    split surfaces off, map ids, drop dropped entities, and re-aggregate per article."""
    id_map = dict(zip(entity_map["entity_id"], entity_map["new_id"], strict=True))
    splits: dict[str, dict[str, str]] = {}
    for eid, key, new_id in zip(
        split_map["entity_id"], split_map["surface_key"], split_map["new_id"], strict=True
    ):
        splits.setdefault(eid, {})[key] = new_id
    acc: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for art, eid, starts, ends, surfaces in zip(
        mentions["article_id"],
        mentions["entity_id"],
        mentions["starts"],
        mentions["ends"],
        mentions["surfaces"],
        strict=True,
    ):
        for s, e, surface in zip(starts, ends, surfaces, strict=True):
            # Only entities with a split rule need the surface's match form.
            split = splits.get(eid)
            target = split.get(_norm(str(surface))) if split else None
            if target is None:
                target = id_map.get(eid, eid)
            if target is None:
                continue  # dropped
            acc.setdefault((art, target), []).append((int(s), int(e), str(surface)))
    rows = []
    for (art, eid), ms in acc.items():
        ms.sort()
        rows.append(
            {
                "article_id": art,
                "entity_id": eid,
                "count": len(ms),
                "starts": [m[0] for m in ms],
                "ends": [m[1] for m in ms],
                "surfaces": [m[2] for m in ms],
            }
        )
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    out["count"] = out["count"].astype("int32")
    return out


def _register(con, name: str, df: pd.DataFrame) -> None:
    """Copy a small DataFrame into a DuckDB table `name`."""
    con.register(f"{name}_df", df)
    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_df")
    con.unregister(f"{name}_df")


def install_alias_views(
    con,
    rules: list[AliasRule],
    raw_entities: str = "entities_raw",
    raw_mentions: str = "mentions_raw",
) -> list[str]:
    """Create DuckDB views `entities` and `mentions` over the raw ones with `rules`
    applied. Only the affected entities are recomputed: merges, renames, retypes and drops
    in SQL; the few entities with a split rule in pandas (it needs each surface's match
    form). Every other row is read straight from the Parquet files. Returns notes on
    rules that matched nothing."""
    if not rules:
        con.execute(f"CREATE OR REPLACE VIEW entities AS SELECT * FROM {raw_entities}")
        con.execute(f"CREATE OR REPLACE VIEW mentions AS SELECT * FROM {raw_mentions}")
        return []
    entities = con.execute(f"SELECT * FROM {raw_entities}").df()
    if "key" not in entities.columns:  # datasets written before the key column existed
        entities["key"] = entities["name"].map(normalize_for_match)
    entity_map, split_map, notes = resolve_rules(entities, rules)
    split_ids = sorted(set(split_map["entity_id"]))
    affected = sorted(set(entity_map["entity_id"]) | set(entity_map["new_id"].dropna())
                      | set(split_ids))
    _register(con, "alias_affected", pd.DataFrame({"entity_id": affected}, dtype=object))
    _register(con, "alias_map", entity_map[["entity_id", "new_id"]].astype(object))
    has_surfaces = "surfaces" in [r[0] for r in con.execute(
        f"DESCRIBE SELECT * FROM {raw_mentions}").fetchall()]
    surfaces = "r.surfaces" if has_surfaces else "list_transform(r.starts, lambda x: '')"

    # Split entities: their rows in pandas (few), then aggregated with the rest in SQL.
    split_rows = pd.DataFrame(columns=MENTION_COLUMNS)
    if split_ids:
        _register(con, "alias_split_ids", pd.DataFrame({"entity_id": split_ids}, dtype=object))
        old = con.execute(
            f"SELECT r.article_id, r.entity_id, r.count, r.starts, r.ends, {surfaces} AS surfaces "
            f"FROM {raw_mentions} r WHERE r.entity_id IN (SELECT entity_id FROM alias_split_ids)"
        ).df()
        split_rows = rewrite_mentions(old, entity_map, split_map)
    _register(con, "alias_split_rows", split_rows.astype({"article_id": object,
                                                          "entity_id": object}))
    split_filter = ("AND r.entity_id NOT IN (SELECT entity_id FROM alias_split_ids)"
                    if split_ids else "")
    con.execute(f"""
        CREATE OR REPLACE TABLE alias_mentions AS
        WITH src AS (
            SELECT r.article_id,
                   CASE WHEN m.entity_id IS NULL THEN r.entity_id ELSE m.new_id END AS eid,
                   r.starts, r.ends, {surfaces} AS surfaces
            FROM {raw_mentions} r LEFT JOIN alias_map m ON m.entity_id = r.entity_id
            WHERE r.entity_id IN (SELECT entity_id FROM alias_affected) {split_filter}
            UNION ALL
            SELECT article_id, entity_id AS eid, starts, ends, surfaces FROM alias_split_rows
        ), u AS (
            SELECT article_id, eid, unnest(starts) AS s, unnest(ends) AS e,
                   unnest(surfaces) AS sf
            FROM src WHERE eid IS NOT NULL
        )
        SELECT article_id, eid AS entity_id, count(*)::INTEGER AS count,
               list(s::INTEGER ORDER BY s) AS starts, list(e::INTEGER ORDER BY s) AS ends,
               list(sf ORDER BY s) AS surfaces
        FROM u GROUP BY article_id, eid""")

    # Names and types of the affected ids (small), counts from their rewritten mentions.
    info = {eid: (name, type_, key) for eid, name, type_, key in zip(
        entities["entity_id"], entities["name"], entities["type"], entities["key"], strict=True)}
    for _eid, new_id, name, type_ in entity_map.itertuples(index=False):
        if new_id is not None:
            info[new_id] = (name, type_, info.get(new_id, (name, type_, ""))[2])
    for _eid, key, new_id, name, type_ in split_map.itertuples(index=False):
        info[new_id] = (name, type_, key)
    _register(con, "alias_info", pd.DataFrame(
        [(k, *v) for k, v in info.items()], columns=["entity_id", "name", "type", "key"]))
    con.execute("""
        CREATE OR REPLACE TABLE alias_entities AS
        SELECT m.entity_id, i.name, i.type, i.key,
               list_sort(list_distinct(flatten(list(m.surfaces)))) AS aliases,
               count(*)::INTEGER AS article_count, sum(m.count)::INTEGER AS mention_count
        FROM alias_mentions m JOIN alias_info i USING (entity_id)
        GROUP BY m.entity_id, i.name, i.type, i.key""")
    # BY NAME: columns a raw table lacks (or adds) line up or come out NULL.
    for view, raw, fixed in (("entities", raw_entities, "alias_entities"),
                             ("mentions", raw_mentions, "alias_mentions")):
        con.execute(
            f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM {raw} "
            "WHERE entity_id NOT IN (SELECT entity_id FROM alias_affected) "
            f"UNION ALL BY NAME SELECT * FROM {fixed}")
    return notes
