"""The co-occurrence network: layout, edge choice and the figure's strings."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from test_figures_charts import assert_wrapped_once

from dashboard.figures import network
from dashboard.figures.style import PDF, RLE

# Two groups that share many articles inside and few across, and one hub (غزة) named in
# most articles of both.
NAMES = {"g": ("غزة", "LOC"), "r": ("رفح", "LOC"), "h": ("حماس", "ORG"),
         "b": ("بيروت", "LOC"), "z": ("حزب الله", "ORG"), "n": ("نبيه بري (رئيس)", "PER")}
PAIRS = {("g", "r"): 40, ("g", "h"): 35, ("r", "h"): 30, ("b", "z"): 25, ("b", "n"): 20,
         ("z", "n"): 18, ("g", "b"): 12, ("h", "z"): 2}
OWN = {"g": 100, "r": 45, "h": 40, "b": 30, "z": 28, "n": 22}


def matrix() -> pd.DataFrame:
    rows = [(e, e, n) for e, n in OWN.items()]
    rows += [(a, b, n) for (a, b), n in PAIRS.items()] + [(b, a, n) for (a, b), n in PAIRS.items()]
    df = pd.DataFrame(rows, columns=["entity_a", "entity_b", "n"])
    df["name_a"] = df["entity_a"].map(lambda e: NAMES[e][0])
    df["type_a"] = df["entity_a"].map(lambda e: NAMES[e][1])
    df["name_b"] = df["entity_b"].map(lambda e: NAMES[e][0])
    return df[["entity_a", "name_a", "type_a", "entity_b", "name_b", "n"]]


def figure(rtl_ui=True) -> go.Figure:
    return network.network_figure(
        matrix(), title="الظهور المشترك", type_names={"PER": "أشخاص", "LOC": "أماكن",
                                                     "ORG": "منظمات"},
        shared_title="مقالات مشتركة", articles_title="المقالات", rtl_ui=rtl_ui,
        empty_message="لا نتائج")


def test_edges_keep_each_entitys_strongest_links_once():
    edges = network.network_edges(matrix(), max_per_node=2)
    pairs = set(zip(edges["entity_a"], edges["entity_b"], strict=True))
    assert len(pairs) == len(edges)  # once per pair
    assert all(a < b for a, b in pairs)
    assert ("h", "z") not in pairs  # 2 shared articles: nobody's strongest link
    # Strength is relative to size: رفح–حماس (30 of 45 and 40) beats غزة–بيروت (12).
    strength = edges.set_index(["entity_a", "entity_b"])["strength"]
    assert strength[("h", "r")] == pytest.approx(30 / np.sqrt(45 * 40))
    assert ("b", "g") not in pairs


def test_layout_is_deterministic_and_puts_linked_nodes_together():
    w = np.zeros((6, 6))
    for a, b, s in [(0, 1, 1), (0, 2, 1), (1, 2, 1), (3, 4, 1), (3, 5, 1), (4, 5, 1)]:
        w[a, b] = w[b, a] = s
    pos = network.force_layout(w)
    assert np.array_equal(pos, network.force_layout(w))
    assert pos.shape == (6, 2) and np.abs(pos).max() <= 1.0 + 1e-9
    d = np.linalg.norm(pos[:, None] - pos[None], axis=2)
    inside = np.mean([d[0, 1], d[0, 2], d[1, 2], d[3, 4], d[3, 5], d[4, 5]])
    across = np.mean([d[i, j] for i in range(3) for j in range(3, 6)])
    assert inside < across / 2
    assert network.force_layout(np.zeros((1, 1))).shape == (1, 2)


def test_figure_nodes_carry_ids_and_wrapped_labels():
    fig = figure()
    go.Figure(fig.to_dict())  # a valid spec, though the builder skips validation
    assert_wrapped_once(fig)
    nodes = [t for t in fig.data if t.mode == "markers+text"]
    assert {t.name for t in nodes} == {RLE + "أماكن" + PDF, RLE + "منظمات" + PDF,
                                       RLE + "أشخاص" + PDF}
    ids = [c[0] for t in nodes for c in t.customdata]
    assert sorted(ids) == sorted(OWN)
    texts = [s for t in nodes for s in t.text]
    assert RLE + "نبيه بري (رئيس)" + PDF in texts
    # The biggest node is the one with most articles.
    sizes = {c[0]: s for t in nodes for c, s in zip(t.customdata, t.marker.size, strict=True)}
    assert max(sizes, key=sizes.get) == "g"


def test_right_to_left_mirrors_the_layout():
    def xs(fig):
        return {c[0]: x for t in fig.data if t.mode == "markers+text"
                for c, x in zip(t.customdata, t.x, strict=True)}
    ar, en = xs(figure(True)), xs(figure(False))
    assert all(ar[e] == pytest.approx(-en[e]) for e in OWN)


def test_no_entities_gives_a_message():
    empty = matrix().iloc[0:0]
    fig = network.network_figure(empty, title="t", type_names={}, shared_title="s",
                                 articles_title="a", rtl_ui=True, empty_message="لا نتائج")
    assert not fig.data and fig.layout.annotations[0].text == RLE + "لا نتائج" + PDF
