"""The app under Streamlit's AppTest: every page, both languages, URL-bound filters."""

import json
import re
from pathlib import Path

import pytest
from dashboard_fixture import OUTLETS, article_row, build_articles, build_fixture, fixture_dir
from streamlit.testing.v1 import AppTest

from dashboard.dataset.store import DEMO_DIR
from dashboard.i18n import STRINGS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard" / "app.py")
PAGES = ("overview", "timeline", "entities", "sources", "articles", "data")
# Charts each page shows on the fixture with its default settings (at least).
MIN_CHARTS = {"overview": 2, "timeline": 1, "entities": 5, "sources": 5, "articles": 0,
              "data": 0}
TITLES = {"overview": ("نظرة عامة", "Overview"), "timeline": ("الخط الزمني", "Timeline"),
          "entities": ("الكيانات", "Entities"), "sources": ("المصادر", "Sources"),
          "articles": ("المقالات", "Articles"), "data": ("البيانات", "Data")}


def open_page(monkeypatch, data_dir, page="overview", **params) -> AppTest:
    monkeypatch.setenv("MARSAD_DATA", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py")
        at.run()
    return at


def charts(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def assert_clean(at):
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert not at.warning, [w.value for w in at.warning]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(monkeypatch, page, lang):
    at = open_page(monkeypatch, fixture_dir(), page, lang=lang)
    assert_clean(at)
    assert at.title[0].value == TITLES[page][lang == "en"]
    assert len(charts(at)) >= MIN_CHARTS[page]


@pytest.mark.skipif(not (DEMO_DIR / "manifest.json").is_file(),
                    reason="data/demo not generated yet (python -m dashboard.demo)")
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_demo(monkeypatch, page):
    at = open_page(monkeypatch, DEMO_DIR, page)
    assert_clean(at)
    if page in ("overview", "timeline", "sources"):
        assert charts(at)


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_search_in_url_filters_overview(monkeypatch):
    everything = open_page(monkeypatch, fixture_dir(), lang="en")
    searched = open_page(monkeypatch, fixture_dir(), lang="en", q="باكو")
    assert int(metric(searched, "Articles")) < int(metric(everything, "Articles"))
    assert searched.text_input(key="q").value == "باكو"


def test_outlet_and_dates_in_url_filter_timeline(monkeypatch):
    base = charts(open_page(monkeypatch, fixture_dir(), "timeline"))[0]
    at = open_page(monkeypatch, fixture_dir(), "timeline", outlet=OUTLETS[2],
                   dates=["2024-01-01", "2024-03-31"])
    assert_clean(at)
    spec = charts(at)[0]
    assert spec["data"][0]["x"] != base["data"][0]["x"]
    assert at.multiselect(key="outlet").value == [OUTLETS[2]]


def test_page_controls_in_url(monkeypatch):
    at = open_page(monkeypatch, fixture_dir(), "timeline", split="outlet",
                   measure="share_outlet", interval="week")
    assert_clean(at)
    names = {t["name"] for t in charts(at)[0]["data"]}
    assert len(names) == len(OUTLETS) + 1  # one line per outlet, plus "unknown"
    assert "outlet" in at.query_params["split"]


def test_outlet_by_publisher(monkeypatch):
    at = open_page(monkeypatch, fixture_dir(), lang="en", by="publisher")
    assert metric(at, "Outlets") == "3"


def test_invalid_url_values_fall_back(monkeypatch):
    at = open_page(monkeypatch, fixture_dir(), "timeline", lang="xx", split="bogus",
                   interval="year", etype="NOPE")
    assert_clean(at)
    assert at.title[0].value == "الخط الزمني"


def test_entity_page_from_url(monkeypatch):
    at = open_page(monkeypatch, fixture_dir(), "entities", lang="en", entity="org-g20")
    assert_clean(at)
    assert any(h.value == "مجموعة العشرين (G20)" for h in at.header)
    assert len(charts(at)) >= 8  # 4 types, timeline, outlets, co-occurring, matrix
    assert any("marsad-kwic" in m.value for m in at.markdown)


def test_articles_page_kwic_and_reader(monkeypatch):
    at = open_page(monkeypatch, fixture_dir(), "articles", q="الرياض")
    assert_clean(at)
    html = "".join(m.value for m in at.markdown)
    assert "marsad-kwic" in html and "marsad-reader" in html and 'class="m-hit"' in html


def test_reader_highlights_only_the_selected_entity_types(monkeypatch):
    page = open_page(monkeypatch, fixture_dir(), "articles", q="الرياض")
    assert 'class="m-loc"' in "".join(m.value for m in page.markdown)
    only_people = open_page(monkeypatch, fixture_dir(), "articles", q="الرياض", etype="PER")
    assert_clean(only_people)
    html = "".join(m.value for m in only_people.markdown)
    assert 'class="m-loc"' not in html and "marsad-reader" in html


def test_without_entities(monkeypatch, tmp_path):
    data = build_fixture(tmp_path / "noents", n_articles=60, with_entities=False)
    at = open_page(monkeypatch, data, "entities", lang="en")
    assert not at.exception and not at.error
    assert at.info[0].value == "No entities extracted for this dataset yet."
    sources = open_page(monkeypatch, data, "sources", lang="en")
    assert_clean(sources)


def test_missing_dataset_says_so(monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path / "nothing-here", lang="en")
    assert not at.exception
    assert "No readable dataset" in at.error[0].value


def test_every_interface_string_exists_in_both_languages():
    used = set()
    for path in [*(ROOT / "dashboard" / "views").glob("*.py"), ROOT / "dashboard" / "app.py"]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-zA-Z_]+)["']""", path.read_text()))
    used |= {"PER", "LOC", "ORG", "MISC", "day", "week", "month", "count", "share_all",
             "share_outlet", "articles", "mentions"}
    missing = used - set(STRINGS)
    assert not missing
    assert all(ar.strip() and en.strip() for ar, en in STRINGS.values())


def test_timeline_period_from_url_lists_articles(monkeypatch):
    at = open_page(monkeypatch, fixture_dir(), "timeline", lang="en", period="2024-03-01")
    assert_clean(at)
    assert any("Articles in the period: 2024-03-01" in s.value for s in at.subheader)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) > 0


def test_bad_period_in_url_is_ignored(monkeypatch):
    at = open_page(monkeypatch, fixture_dir(), "timeline", lang="en", period="not-a-date")
    assert_clean(at)
    assert not at.dataframe


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_url_tokens_do_not_depend_on_language(monkeypatch, lang):
    at = open_page(monkeypatch, fixture_dir(), "entities", lang=lang, by="publisher",
                   etype="LOC", rank="mentions")
    assert_clean(at)
    specs = charts(at)
    assert len(specs) == 2  # the one selected type, and the co-occurrence matrix
    outlets = next(m.value for m in open_page(monkeypatch, fixture_dir(), lang=lang,
                                              by="publisher").metric
                   if m.label in ("Outlets", "المنافذ"))
    assert outlets == "3"


@pytest.mark.parametrize("page", PAGES)
def test_sparse_dataset(monkeypatch, tmp_path_factory, page):
    """Undated articles without outlets, tags, titles or entities: every page still runs."""
    rows = [article_row(i, body=f"نص قصير رقم {i} عن باكو.") for i in range(3)]
    data = build_articles(tmp_path_factory.mktemp("sparse") / "ds", rows)
    at = open_page(monkeypatch, data, page, lang="en", q="باكو", split="outlet")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.skipif(not (DEMO_DIR / "manifest.json").is_file(),
                    reason="data/demo not generated yet (python -m dashboard.demo)")
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_daily_outlet_split_falls_back_to_weeks_with_a_note(monkeypatch, lang):
    # Two years x 13 outlets by day is over the point limit; by week it is under.
    at = open_page(monkeypatch, DEMO_DIR, "timeline", lang=lang, interval="day", split="outlet")
    assert_clean(at)
    note = STRINGS["tl_coarsened"][lang == "en"].split("{")[0]
    assert any(c.value.startswith(note) for c in at.caption)
    x = [p["x"] for p in charts(at)[0]["data"]]
    assert sum(len(xs) for xs in x) <= 5000


@pytest.mark.skipif(not (DEMO_DIR / "manifest.json").is_file(),
                    reason="data/demo not generated yet (python -m dashboard.demo)")
def test_data_page_accounts_for_every_record(monkeypatch):
    at = open_page(monkeypatch, DEMO_DIR, "data", lang="en")
    assert_clean(at)
    manifest = json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert metric(at, "Records read") == f"{manifest['records_read']:,}"
    assert any(s.value.startswith("The counts add up") for s in at.success)
    # Input files, tables, the demo's own alias rules, rejects by reason, all rejects.
    frames = [df.value for df in at.dataframe]
    assert len(frames[0]) == len(manifest["inputs"])
    assert any("drop" in set(f.get("Action", [])) for f in frames)
    assert sum(len(f) for f in frames if "Records" in f and "reason" in f) == len(
        manifest["rejects_by_reason"])


def test_data_page_says_when_counts_do_not_add_up(monkeypatch, tmp_path):
    import shutil

    copy = tmp_path / "ds"
    shutil.copytree(fixture_dir(), copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["records_read"] += 5
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    at = open_page(monkeypatch, copy, "data", lang="ar")
    assert not at.exception
    assert [e.value for e in at.error] and "غير متطابقة" in at.error[0].value


@pytest.mark.parametrize(("page", "params"), [
    ("timeline", {"split": "compare"}), ("sources", {}), ("entities", {}), ("articles", {}),
    ("overview", {})])
def test_arabic_interface_has_no_english_placeholders(monkeypatch, page, params):
    at = open_page(monkeypatch, fixture_dir(), page, lang="ar", **params)
    assert_clean(at)
    # An empty placeholder shows Streamlit's English "Choose options" in the browser.
    widgets = [*at.get("multiselect"),
               *(s for s in at.get("selectbox") if s.value is None)]
    assert widgets
    for w in widgets:
        placeholder = w.proto.placeholder
        assert re.search("[\u0600-\u06ff]", placeholder), (w.label, placeholder)
