"""Every page in Chromium, in Arabic and English: no Streamlit error, every chart drawn,
and every Arabic text line of every Plotly chart in the right order, glyph by glyph."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest
from conftest import streamlit_server
from helpers import (
    expected_strings,
    hover_strings,
    page_errors,
    page_specs,
    url,
    wait_ready,
)
from rtl_oracle import check_plotly_rtl

from dashboard.dataset.store import DEMO_DIR
from dashboard.figures.charts import bar_figure

pytestmark = pytest.mark.browser

SHARED = Path(__file__).resolve().parents[3] / "shared"

# (id, path, page parameters) — each page with the controls that draw most of its charts.
CASES = [
    ("overview", "", {}),
    ("overview-publishers", "", {"by": "publisher"}),
    ("timeline-outlets", "timeline", {"split": "outlet", "measure": "share_outlet"}),
    ("timeline-compare", "timeline", {"split": "compare", "cmp": ["باكو", "الرياض"],
                                      "cmp_ent": ["org-g20"], "interval": "week"}),
    ("entities", "entities", {"entity": "org-g20"}),
    ("sources", "sources", {"q": "باكو", "cov_entity": "misc-spring"}),
    ("articles", "articles", {"q": "الرياض"}),
    ("data", "data", {}),
]


def check_page(page, base, data_dir, path, params):
    specs = page_specs(data_dir, path, params)
    page.goto(url(base, path, params))
    wait_ready(page, len(specs))
    assert page_errors(page) == []
    records = check_plotly_rtl(page, expected_strings(specs))
    bad = [r for r in records if not r["ok"]]
    assert not bad, json.dumps(bad[:5], ensure_ascii=False, indent=1)
    return specs, records


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize(("path", "params"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_page_loads_and_arabic_reads_right(page, app_url, fixture_data, path, params, lang):
    specs, records = check_page(page, app_url, fixture_data, path, {"lang": lang, **params})
    if specs:
        # Outlet, entity and tag names are Arabic in both interfaces.
        assert records, "no Arabic chart text found"
    expected_dir = "rtl" if lang == "ar" else "ltr"
    assert page.evaluate("() => getComputedStyle(document.querySelector("
                         "'[data-testid=\"stMain\"]')).direction") == expected_dir


def test_hover_labels_read_right(page, app_url, fixture_data):
    specs = page_specs(fixture_data, "", {"lang": "ar"})
    page.goto(url(app_url, "", {"lang": "ar"}))
    wait_ready(page, len(specs))
    expected = expected_strings(specs) | set().union(*(hover_strings(s) for s in specs))
    for selector in (".barlayer .trace path", ".scatterlayer .points path"):
        box = page.locator(f".js-plotly-plot {selector}").nth(2).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=5000)
        records = check_plotly_rtl(page, expected, ".js-plotly-plot .hoverlayer text")
        assert records and all(r["ok"] for r in records), json.dumps(records, ensure_ascii=False)


def legend_texts(page) -> list[str]:
    return sorted(page.eval_on_selector_all(".js-plotly-plot .legendtext",
                                            "els => els.map(e => e.textContent)"))


def test_copied_link_reproduces_the_view(page, app_url, fixture_data):
    params = {"lang": "en", "q": "باكو", "by": "publisher", "split": "outlet"}
    page.goto(url(app_url, "timeline", params))
    wait_ready(page, 1)
    legend = legend_texts(page)
    # Switching pages keeps the global filters in the URL…
    page.locator('[data-testid="stSidebarNav"] a').nth(0).click()
    page.wait_for_url("**/?**")
    wait_ready(page, 2)
    for key in ("lang=en", "by=publisher", "q="):
        assert key in page.url
    # …and reopening a copied link in a fresh page shows the same thing.
    page.goto(url(app_url, "timeline", params))
    wait_ready(page, 1)
    assert legend_texts(page) == legend and len(legend) > 1
    assert page.get_by_role("heading", name="Timeline").count() == 1
    assert page.locator('[data-testid="stSidebar"] input[type="text"]').first.input_value() == "باكو"


def test_oracle_catches_unwrapped_labels(page, tmp_path):
    """The check is not vacuous: raw logical labels with digits, Latin or brackets at an
    end are drawn in the wrong order by plotly; the same labels wrapped pass."""
    labels = ["قناة المدار 24", "إذاعة الساحل FM", "مجموعة العشرين (G20)", "نسبة 3.5%"]
    raw = go.Figure(go.Bar(x=[4, 3, 2, 1], y=labels, orientation="h"))
    raw.update_layout(title={"text": "المقالات حسب المنفذ 2024"})
    wrapped = bar_figure(labels, [4, 3, 2, 1], title="المقالات حسب المنفذ 2024",
                         value_title="المقالات", rtl_ui=True, empty_message="")
    for name, fig, should_pass in (("raw", raw, False), ("wrapped", wrapped, True)):
        html = tmp_path / f"{name}.html"
        fig.write_html(html, include_plotlyjs=True, full_html=True)
        page.goto(html.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        records = check_plotly_rtl(page, labels + ["المقالات حسب المنفذ 2024", "المقالات"])
        assert len(records) >= 5
        assert all(r["ok"] for r in records) is should_pass, name


@pytest.fixture(scope="module")
def demo_url(browser):
    if not (DEMO_DIR / "manifest.json").is_file():
        pytest.skip("data/demo not generated yet (python -m dashboard.demo)")
    with streamlit_server(DEMO_DIR) as base:
        yield base


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_demo_dataset(page, demo_url, lang):
    """The bundled demo, as a visitor of the deployed app first sees it."""
    for path, params in (("", {}), ("timeline", {"split": "outlet"}),
                         ("timeline", {"split": "compare", "cmp": ["غزة", "السودان"]}),
                         ("sources", {"q": "غزة"}), ("entities", {}), ("articles", {}),
                         ("data", {})):
        check_page(page, demo_url, DEMO_DIR, path, {"lang": lang, **params})


@pytest.mark.shared
def test_real_corpus(page, tmp_path_factory):
    """A slice of a real corpus from ../shared, ingested and opened like held-out data."""
    corpus = SHARED / "corpora" / "saudinewsnet_5000.jsonl"
    if not corpus.is_file():
        pytest.skip(f"{corpus} is absent (the shared corpora live beside the checkout)")
    from dashboard.ingest.pipeline import run_ingest

    work = tmp_path_factory.mktemp("real")
    sample = work / "sample.jsonl"
    with open(corpus, encoding="utf-8") as src, open(sample, "w", encoding="utf-8") as dst:
        for _, line in zip(range(600), src, strict=False):
            dst.write(line)
    data_dir = work / "dataset"
    run_ingest([sample], data_dir)
    with streamlit_server(data_dir) as base:
        for path, params in (("", {}), ("timeline", {"split": "outlet"}), ("sources", {}),
                             ("articles", {}), ("entities", {}), ("data", {})):
            check_page(page, base, data_dir, path, {"lang": "ar", **params})


def test_clicking_a_timeline_point_lists_its_articles(page, app_url):
    page.goto(url(app_url, "timeline", {"lang": "en"}))
    wait_ready(page, 1)
    point = page.locator(".js-plotly-plot .scatterlayer .points path").nth(3).bounding_box()
    page.mouse.click(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    page.get_by_text("Articles in the period").wait_for(timeout=15_000)
    page.locator('[data-testid="stDataFrame"]').wait_for(timeout=15_000)
    assert page_errors(page) == []
    # The clicked period is in the URL: the copied link shows the same list …
    page.wait_for_url("**period=**")
    shared = page.url
    page.goto(shared)
    wait_ready(page, 1)
    page.locator('[data-testid="stDataFrame"]').wait_for(timeout=15_000)
    # … until it is cleared.
    page.get_by_role("button", name="Clear selection").click()
    page.get_by_text("Click a point").wait_for(timeout=15_000)
    assert "period=" not in page.url


def test_clicking_a_network_node_opens_its_entity_page(page, app_url):
    page.goto(url(app_url, "entities", {"lang": "ar"}))
    wait_ready(page, 5)
    network = page.locator(".js-plotly-plot").last
    network.scroll_into_view_if_needed()
    node = network.locator(".scatterlayer .trace").last.locator(".points path").first
    box = node.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)  # plotly picks the clicked point from its hover
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5000)
    page.mouse.click(x, y)
    # Streamlit updates the address in place (no navigation): poll it.
    page.wait_for_function("() => location.search.includes('entity=')", timeout=30_000)
    # The entity page (its own charts) is drawn, and the link reopens it.
    wait_ready(page, 8)  # four top lists, its timeline, outlets, neighbours; the network
    assert page_errors(page) == []
    shared = page.url
    heading = page.locator('[data-testid="stMain"] h2').first.inner_text()
    page.goto(shared)
    wait_ready(page, 8)  # four top lists, its timeline, outlets, neighbours; the network
    assert page.locator('[data-testid="stMain"] h2').first.inner_text() == heading


def test_check_dataset_command_passes_on_the_fixture(fixture_data):
    """`tests/browser/check_dataset.py` (the reviewer's check, run by hand on real corpora)
    keeps working: each page's default view, Arabic interface. A subprocess, as it is
    used, and because Playwright's sync API cannot nest in this session's browser."""
    import subprocess
    import sys

    script = Path(__file__).with_name("check_dataset.py")
    done = subprocess.run([sys.executable, str(script), str(fixture_data), "--quick",
                           "--lang", "ar"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6/6 views passed" in done.stdout
