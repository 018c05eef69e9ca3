"""The co-occurrence network: entities as nodes, shared articles as edges. No Streamlit.

`force_layout` places a few dozen nodes with a Fruchterman–Reingold spring layout (numpy,
deterministic: the same matrix gives the same picture on every rerun and in a shared
link); `network_figure` draws it with Plotly. Strings are wrapped once, as in `charts`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .charts import empty_figure
from .style import HOVER_MAX, base_layout, figure, label, plain, rtl, shorten

# One colour per entity type (PER, LOC, ORG, MISC), the rest grey.
TYPE_COLORS = {"PER": "#1f77b4", "LOC": "#2ca02c", "ORG": "#d62728", "MISC": "#9467bd"}
# Edges are drawn in a few widths (one trace each: a trace has one line width).
EDGE_WIDTHS = (0.8, 2.0, 4.0)
MAX_EDGES_PER_NODE = 4


def force_layout(weights: np.ndarray, iterations: int = 300, seed: int = 0) -> np.ndarray:
    """Positions (n × 2, each axis spanning [-1, 1]) for a symmetric weight matrix (diagonal ignored):
    heavier edges pull harder, every pair repels. Starts from a circle in index order
    (jittered by `seed`), so the result depends on the matrix only."""
    n = len(weights)
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    w = np.array(weights, dtype=float)
    np.fill_diagonal(w, 0.0)
    if w.max() > 0:
        w = w / w.max()
    angle = 2 * np.pi * np.arange(n) / n
    pos = np.c_[np.cos(angle), np.sin(angle)]
    pos += np.random.default_rng(seed).normal(scale=0.01, size=pos.shape)
    k = 1.0 / np.sqrt(n)  # ideal distance
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        # Repulsion k²/d for every pair, attraction d²/k along edges (scaled by weight).
        force = (k * k / dist**2 - w * dist / k)[:, :, None] * delta
        disp = force.sum(axis=1)
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    pos -= pos.mean(axis=0)
    # Each axis to [-1, 1]: charts are wider than tall, and the picture should fill them.
    span = np.abs(pos).max(axis=0)
    return pos / np.where(span > 0, span, 1.0)


@lru_cache(maxsize=64)
def _cached_layout(weights: bytes, n: int) -> np.ndarray:
    # ~13 ms for 25 nodes: computed once per matrix, not on every rerun of the page.
    return force_layout(np.frombuffer(weights, dtype=float).reshape(n, n))


def network_edges(matrix: pd.DataFrame, max_per_node: int = MAX_EDGES_PER_NODE) -> pd.DataFrame:
    """The edges worth drawing from a co-occurrence frame (entity_a, entity_b, n, both
    orders, the diagonal holding each entity's articles): each entity's `max_per_node`
    strongest links, once per pair. Strength is the cosine n_ab / sqrt(n_a · n_b), so a
    place named in every other article does not take every entity's links. Columns
    entity_a, entity_b, n, strength."""
    own = matrix[matrix["entity_a"] == matrix["entity_b"]].set_index("entity_a")["n"]
    pairs = matrix[(matrix["entity_a"] != matrix["entity_b"]) & (matrix["n"] > 0)].copy()
    if pairs.empty:
        return pd.DataFrame(columns=["entity_a", "entity_b", "n", "strength"])
    pairs["strength"] = pairs["n"] / np.sqrt(
        pairs["entity_a"].map(own).to_numpy(float) * pairs["entity_b"].map(own).to_numpy(float))
    strongest = (pairs.sort_values(["strength", "entity_b"], ascending=[False, True])
                 .groupby("entity_a", sort=False).head(max_per_node))
    a = strongest[["entity_a", "entity_b"]].min(axis=1)
    b = strongest[["entity_a", "entity_b"]].max(axis=1)
    edges = pd.DataFrame({"entity_a": a, "entity_b": b, "n": strongest["n"],
                          "strength": strongest["strength"]})
    return edges.drop_duplicates(["entity_a", "entity_b"]).reset_index(drop=True)


def network_figure(matrix: pd.DataFrame, *, title: str, type_names: dict[str, str],
                   shared_title: str, articles_title: str, rtl_ui: bool,
                   empty_message: str, height: int = 520) -> go.Figure:
    """Nodes sized by their articles and coloured by type, edges by shared articles.
    `matrix`: entity_a, name_a, type_a, entity_b, name_b, n (both orders, the diagonal
    holding each entity's own article count), as `queries.entities.cooccurrence_matrix`
    returns it. Each node carries [entity id] as customdata, for click-through."""
    nodes = (matrix[matrix["entity_a"] == matrix["entity_b"]]
             .sort_values(["n", "entity_a"], ascending=[False, True]).reset_index(drop=True))
    if nodes.empty:
        return empty_figure(empty_message, rtl_ui=rtl_ui)
    index = {e: i for i, e in enumerate(nodes["entity_a"])}
    edges = network_edges(matrix)
    weights = np.zeros((len(nodes), len(nodes)))
    for a, b, _, strength in edges.itertuples(index=False):
        weights[index[a], index[b]] = weights[index[b], index[a]] = strength
    pos = _cached_layout(weights.tobytes(), len(weights)).copy()
    if rtl_ui:
        pos[:, 0] = -pos[:, 0]  # the strongest node's neighbourhood opens to the right
    names = dict(zip(nodes["entity_a"], nodes["name_a"], strict=True))

    traces: list[dict] = []
    top = float(edges["strength"].max()) if not edges.empty else 1.0
    for i, width in enumerate(EDGE_WIDTHS):
        lo, hi = i / len(EDGE_WIDTHS), (i + 1) / len(EDGE_WIDTHS)
        part = edges[(edges["strength"] / top > lo) & (edges["strength"] / top <= hi)]
        xs: list = []
        ys: list = []
        for a, b, *_ in part.itertuples(index=False):
            xs += [pos[index[a], 0], pos[index[b], 0], None]
            ys += [pos[index[a], 1], pos[index[b], 1], None]
        if xs:
            traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys,
                           "line": {"width": width, "color": "rgba(120,120,120,0.45)"},
                           "hoverinfo": "skip", "showlegend": False})
    # Edge hover: a point at each edge's middle says who and how many.
    if not edges.empty:
        mid = [(pos[index[a]] + pos[index[b]]) / 2 for a, b, *_ in edges.itertuples(index=False)]
        traces.append({
            "type": "scatter", "mode": "markers", "x": [float(m[0]) for m in mid],
            "y": [float(m[1]) for m in mid], "marker": {"size": 6, "opacity": 0},
            "hovertext": [rtl(plain(shorten(names[a], HOVER_MAX))) + "<br>"
                          + rtl(plain(shorten(names[b], HOVER_MAX))) + "<br>"
                          + rtl(f"{shared_title}: {int(n):,}")
                          for a, b, n, _ in edges.itertuples(index=False)],
            "hovertemplate": "%{hovertext}<extra></extra>", "showlegend": False})
    biggest = float(nodes["n"].max())
    for type_, group in nodes.groupby("type_a", sort=False):
        rows = group.index.to_numpy()
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": rtl(label(type_names.get(
                type_, type_))),
            "x": pos[rows, 0].tolist(), "y": pos[rows, 1].tolist(),
            "marker": {"size": (12 + 30 * np.sqrt(group["n"] / biggest)).round(1).tolist(),
                       "color": TYPE_COLORS.get(type_, "#7f7f7f"),
                       "line": {"width": 1, "color": "white"}},
            "text": [rtl(label(v)) for v in group["name_a"]],
            "textposition": "top center",
            # [entity id] per point: Streamlit hands a clicked point's customdata back.
            "customdata": [[e] for e in group["entity_a"]],
            "hovertext": [rtl(plain(shorten(v, HOVER_MAX))) + "<br>"
                          + rtl(f"{articles_title}: {int(n):,}")
                          for v, n in zip(group["name_a"], group["n"], strict=True)],
            "hovertemplate": "%{hovertext}<extra></extra>"})
    layout = base_layout(title, rtl_ui=rtl_ui, height=height)
    hidden = {"visible": False, "range": [-1.25, 1.25]}
    layout["xaxis"].update(hidden)
    layout["yaxis"].update(hidden)
    layout["yaxis"]["range"] = [-1.2, 1.3]  # room for the labels above the top nodes
    return figure(traces, layout)
