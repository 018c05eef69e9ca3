"""A small processed dataset for dashboard tests, built in code (our own sentences).

`build_fixture(out_dir)` writes, through `dashboard.dataset.store.write_dataset`, a dataset of
a few hundred synthetic Arabic articles: six credited outlets carried by three publishers,
two years of dates (some undated), tags, duplicate groups syndicated across outlets with a
lag, and entities/mentions tables whose offsets point into the bodies. Outlet, tag and
entity names deliberately end in digits, Latin letters or brackets, the cases where Arabic
chart labels go wrong in browsers.

`build_articles(out_dir, rows)` writes a tiny dataset from hand-written rows (the unit tests
of the query layer use it to know exactly which article should match).

Run `python tests/dashboard_fixture.py /tmp/marsad_fixture` to write one for a manual look.
"""

from __future__ import annotations

import hashlib
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # for `python tests/dashboard_fixture.py`
    sys.path.insert(0, str(REPO_ROOT))

from dashboard.arabic.normalize import clean_display, normalize_for_match  # noqa: E402
from dashboard.dataset import schema  # noqa: E402
from dashboard.dataset.store import write_dataset  # noqa: E402

OUTLETS = (
    "صحيفة الفجر الجديد",
    "وكالة أنباء الواحة",
    "قناة المدار 24",
    "موقع نبض الشارع",
    "جريدة الأفق (طبعة دولية)",
    "إذاعة الساحل FM",
)
# The last one carries characters plotly would read as markup.
PUBLISHERS = ("بوابة الأخبار العربية", "مجمع الصحف", "نشرة المساء & الصباح <2>")
TAGS = ("اقتصاد", "رياضة", "سياسة", "ثقافة", "صحة", "كأس العالم 2026", "الطاقة المتجددة", "تقنية")

# (entity_id, name, type, aliases)
ENTITIES = (
    ("per-haddad", "سليم الحداد", "PER", ("الوزير الحداد",)),
    ("per-attar", "منى العطار", "PER", ()),
    ("per-rashed", "خالد بن راشد", "PER", ()),
    ("per-shami", "ريم الشامي", "PER", ()),
    ("loc-baku", "باكو", "LOC", ()),
    ("loc-riyadh", "الرياض", "LOC", ()),
    ("loc-cairo", "القاهرة", "LOC", ()),
    ("loc-beirut", "بيروت", "LOC", ()),
    ("org-un", "الأمم المتحدة", "ORG", ()),
    ("org-bank", "البنك المركزي", "ORG", ()),
    ("org-g20", "مجموعة العشرين (G20)", "ORG", ("قمة العشرين",)),
    ("org-noor", "شركة نور للطاقة", "ORG", ()),
    ("misc-spring", "مهرجان الربيع 2024", "MISC", ()),
    ("misc-cup", "كأس الخليج", "MISC", ()),
)
_BY_TYPE = {t: [e for e in ENTITIES if e[2] == t] for t in schema.ENTITY_TYPES}

# Our own sentences; {P} person, {L} place, {O} organisation, {E} event.
SENTENCES = (
    "أعلن {P} اليوم من {L} عن خطة جديدة لدعم المشاريع الصغيرة.",
    "وصل وفد من {O} إلى {L} لبحث سبل التعاون في مجال الطاقة.",
    "قال {P} إن {O} ستعقد اجتماعها المقبل في {L} خلال الشهر القادم.",
    "شهدت {L} ارتفاعاً ملحوظاً في أسعار الخضروات بحسب تقرير صادر عن {O}.",
    "التقى {P} بممثلين عن {O} لمناقشة ملف المياه.",
    "انطلقت فعاليات {E} بمشاركة فرق من عدة مدن.",
    "أكد {P} أن الحكومة ملتزمة بتحسين الخدمات الصحية في {L}.",
    "نظمت {O} ورشة عمل حول التحول الرقمي بحضور {P}.",
    "توقعت مصادر مطلعة أن يزور {P} مدينة {L} الأسبوع المقبل.",
    "سجلت الأسواق المالية في {L} مكاسب طفيفة في ختام تداولات اليوم.",
    "دعا {P} إلى تعزيز الحوار بين الشباب والمؤسسات الثقافية.",
    "احتفلت {L} بافتتاح مكتبة عامة جديدة تضم آلاف الكتب.",
    "وأشار التقرير إلى أن نسبة النمو بلغت 3.5% خلال الربع الأول.",
    "وفي {L}، تجمع المئات للاحتفال بنهاية {E}.",
)
# Outlet-specific vocabulary, so that distinctive words per outlet exist.
OUTLET_SENTENCES = {
    OUTLETS[0]: "وتتابع الصحيفة ملف الزراعة والمزارعين عن قرب.",
    OUTLETS[1]: "وأفاد مراسل الوكالة بأن الاجتماع انتهى دون بيان ختامي.",
    OUTLETS[2]: "وتبث القناة تغطية مباشرة من موقع الحدث على مدار الساعة.",
    OUTLETS[3]: "ويتداول رواد مواقع التواصل مقاطع مصورة من المكان.",
    OUTLETS[4]: "ويرى محللون أن الخطوة تحمل أبعاداً دبلوماسية واسعة.",
    OUTLETS[5]: "واستمع المذيع إلى آراء المستمعين عبر الهاتف.",
}
TITLES = (
    "{L}: خطة جديدة للمشاريع الصغيرة",
    "{P} يلتقي ممثلي {O}",
    "تقرير: ارتفاع الأسعار في {L}",
    "انطلاق {E}",
    "{O} تنظم ورشة عمل",
)
START = datetime(2023, 1, 1, tzinfo=UTC)
DAYS = 730


def article_id(key: str) -> str:
    """16 hex characters, stable for a key (like the ingest's ids)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _fill(template: str, rng: random.Random) -> str:
    def pick(t: str) -> str:
        return rng.choice(_BY_TYPE[t])[1]

    return template.format(P=pick("PER"), L=pick("LOC"), O=pick("ORG"), E=pick("MISC"))


def article_row(i: int, *, body: str, source: str | None = None, publisher: str | None = None,
                published_at: datetime | None = None, title: str | None = None,
                tags: tuple[str, ...] = (), dup_group: str | None = None,
                dup_kind: str = "none", key: str | None = None) -> dict:
    """One articles.parquet row with every required column filled in."""
    aid = article_id(key or f"article-{i}")
    body = clean_display(body)
    body_norm = normalize_for_match(body)
    return {
        "article_id": aid,
        "source": source,
        "publisher": publisher,
        "published_at": published_at,
        "date_source": "field" if published_at is not None else "none",
        "title": title,
        "body": body,
        "body_norm": body_norm,
        "tags": list(tags),
        "url": f"https://example.org/news/{aid}",
        "n_words": len(body_norm.split()),
        "dup_group": dup_group or aid,
        "dup_kind": dup_kind,
        "input_ref": f"fixture.jsonl:line {i + 1}",
        "record_id": str(i),
    }


def articles_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows → a DataFrame with the dtypes the schema wants."""
    df = pd.DataFrame(rows)
    df["published_at"] = pd.to_datetime(df["published_at"], utc=True).astype("datetime64[us, UTC]")
    df["n_words"] = df["n_words"].astype("int32")
    for col in ("source", "publisher", "title", "url", "record_id"):
        df[col] = df[col].astype(object)
    return df


def dup_groups_frame(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per group of size ≥ 2, as the ingest writes it."""
    rows = []
    grouped = articles[articles["dup_kind"] != "none"].groupby("dup_group", sort=True)
    for group, members in grouped:
        dated = members.sort_values(["published_at", "article_id"], na_position="last")
        first = dated.iloc[0]
        outlets = sorted({v for col in ("source", "publisher") for v in members[col].dropna()})
        rows.append({
            "dup_group": group,
            "kind": "exact" if members["body_norm"].nunique() == 1 else "near",
            "size": len(members),
            "first_article_id": first["article_id"],
            "first_published_at": first["published_at"],
            "outlets": outlets,
        })
    df = pd.DataFrame(rows, columns=["dup_group", "kind", "size", "first_article_id",
                                     "first_published_at", "outlets"])
    df["size"] = df["size"].astype("int32")
    df["first_published_at"] = pd.to_datetime(df["first_published_at"], utc=True).astype(
        "datetime64[us, UTC]")
    return df


def entity_tables(articles: pd.DataFrame,
                  entities=ENTITIES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find every name and alias in every body (exact string search) → entities, mentions."""
    mentions = []
    for row in articles.itertuples():
        for eid, name, _type, aliases in entities:
            spans = []
            for surface in (name, *aliases):
                start = row.body.find(surface)
                while start >= 0:
                    spans.append((start, start + len(surface)))
                    start = row.body.find(surface, start + 1)
            if spans:
                spans.sort()
                mentions.append({
                    "article_id": row.article_id, "entity_id": eid, "count": len(spans),
                    "starts": [s for s, _ in spans], "ends": [e for _, e in spans],
                })
    m = pd.DataFrame(mentions, columns=["article_id", "entity_id", "count", "starts", "ends"])
    m["count"] = m["count"].astype("int32")
    ents = []
    for eid, name, etype, aliases in entities:
        mine = m[m["entity_id"] == eid]
        ents.append({"entity_id": eid, "name": name, "type": etype, "aliases": list(aliases),
                     "article_count": len(mine), "mention_count": int(mine["count"].sum())})
    e = pd.DataFrame(ents)
    e["article_count"] = e["article_count"].astype("int32")
    e["mention_count"] = e["mention_count"].astype("int32")
    return e, m


def _synthetic_rows(n_articles: int, rng: random.Random) -> list[dict]:
    rows: list[dict] = []
    i = 0
    while len(rows) < n_articles:
        outlet = rng.choice(OUTLETS)
        publisher = rng.choice(PUBLISHERS)
        sentences = [_fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(3, 6))]
        sentences.append(OUTLET_SENTENCES[outlet])
        if i % 23 == 0:  # the decoy word that a search for باكو must not find
            sentences.append("وافتتح مطعم باكوس فرعاً جديداً في المدينة.")
        if i % 17 == 0:  # clitic forms of باكو
            sentences.append(rng.choice(("وصل الوفد إلى باكو وبباكو عقدت الجلسة.",
                                         "وفي باكو عقد اللقاء.", "عاد الفريق من باكو")))
        body = " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:])
        undated = i % 19 == 5
        when = None if undated else START + timedelta(days=rng.randrange(DAYS),
                                                      hours=rng.randrange(24))
        tags = tuple(sorted(rng.sample(TAGS, rng.randint(0, 3))))
        title = None if i % 13 == 4 else _fill(rng.choice(TITLES), rng)
        if i % 11 == 3 and when is not None:
            # A syndicated story: the same body carried by 2–4 outlets, later each time.
            carriers = rng.sample(OUTLETS, rng.randint(2, 4))
            group = article_id(f"article-{i}")
            kind = "exact" if i % 2 else "near"
            lag = timedelta()
            for k, carrier in enumerate(carriers):
                text = body if kind == "exact" or k == 0 else body + " " + OUTLET_SENTENCES[carrier]
                rows.append(article_row(i, body=text, source=carrier, publisher=publisher,
                                        published_at=when + lag, title=title, tags=tags,
                                        dup_group=group, dup_kind=kind,
                                        key=f"article-{i}" if k == 0 else f"article-{i}-{k}"))
                lag += timedelta(hours=rng.randint(1, 30))
        else:
            # A few articles are credited to no outlet, only to their publisher.
            source = None if i % 29 == 7 else outlet
            rows.append(article_row(i, body=body, source=source, publisher=publisher,
                                    published_at=when, title=title, tags=tags))
        i += 1
    return rows  # a syndicated story at the end may add up to three more


def manifest_for(articles: pd.DataFrame, dup_groups: pd.DataFrame, rejects: list[dict]) -> dict:
    """A manifest with the counts the ingest writes (docs/dataset.md)."""
    dated = articles["published_at"].dropna()
    by_reason: dict[str, int] = {}
    for r in rejects:
        by_reason[r["reason"]] = by_reason.get(r["reason"], 0) + 1
    return {
        "schema_version": schema.SCHEMA_VERSION,
        "tool_version": "fixture",
        "created_at": "2025-01-01T00:00:00+00:00",
        "records_read": len(articles) + len(rejects),
        "articles_written": len(articles),
        "records_rejected": len(rejects),
        "rejects_by_reason": by_reason,
        "duplicate_groups": len(dup_groups),
        "undated": int(articles["published_at"].isna().sum()),
        "date_min": dated.min().isoformat() if len(dated) else None,
        "date_max": dated.max().isoformat() if len(dated) else None,
        "sources": int(articles["source"].nunique()),
        "publishers": int(articles["publisher"].nunique()),
        "inputs": [{"path": "fixture.jsonl", "records": len(articles) + len(rejects)}],
    }


REJECTS = (
    {"input_ref": "fixture.jsonl:line 9001", "reason": "no_text", "detail": "empty text field"},
    {"input_ref": "fixture.jsonl:line 9002", "reason": "malformed_record",
     "detail": "Expecting ',' delimiter: line 1 column 40"},
    {"input_ref": "fixture.jsonl:line 9003", "reason": "no_body", "detail": "only boilerplate"},
)


def write(out_dir: Path, articles: pd.DataFrame, *, with_entities: bool = True,
          rejects: tuple[dict, ...] = REJECTS) -> Path:
    """Write articles (+ derived dup groups, entities, mentions, manifest) as a dataset."""
    dup_groups = dup_groups_frame(articles)
    tables = {schema.ARTICLES_FILE: articles, schema.DUP_GROUPS_FILE: dup_groups}
    if with_entities:
        entities, mentions = entity_tables(articles)
        tables[schema.ENTITIES_FILE] = entities
        tables[schema.MENTIONS_FILE] = mentions
    write_dataset(Path(out_dir), tables, list(rejects),
                  manifest_for(articles, dup_groups, list(rejects)))
    return Path(out_dir)


def build_fixture(out_dir: Path, *, n_articles: int = 360, seed: int = 7,
                  with_entities: bool = True) -> Path:
    """Write the synthetic dataset into `out_dir` (replacing it) and return the path."""
    rows = _synthetic_rows(n_articles, random.Random(seed))
    return write(out_dir, articles_frame(rows), with_entities=with_entities)


def build_articles(out_dir: Path, rows: list[dict], *, with_entities: bool = False) -> Path:
    """Write a tiny dataset from `article_row(...)` dicts."""
    return write(out_dir, articles_frame(rows), with_entities=with_entities, rejects=())


_BUILT: dict[tuple, Path] = {}


def fixture_dir(*, with_entities: bool = True) -> Path:
    """The standard fixture dataset, built once per process into a temporary folder."""
    key = (with_entities,)
    if key not in _BUILT:
        root = Path(tempfile.mkdtemp(prefix="marsad-fixture-"))
        _BUILT[key] = build_fixture(root / "dataset", with_entities=with_entities)
    return _BUILT[key]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/marsad_fixture")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 360
    print(build_fixture(target, n_articles=n))
