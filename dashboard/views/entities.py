"""Entities page (/entities): top entities per type, one entity's page, co-occurrence.
URL parameters: rank (articles|mentions), top (N), entity (id), cooc (network|matrix)."""

import pandas as pd
import streamlit as st

from dashboard.figures import charts, html, network
from dashboard.queries import entities, search, timeline
from dashboard.views import cached, frame, urlstate

ctx = frame.context()
f = ctx.filters
st.title(ctx.t("page_entities"))
if not ctx.ds.has_entities:
    st.info(ctx.t("no_entities"))
    st.stop()

c1, c2 = st.columns(2)
by = urlstate.single(c1.segmented_control, ctx.t("ent_rank_by"), entities.RANKINGS,
                     key="rank", default="articles", format_func=ctx.t,
                     required=True) or "articles"
n = c2.slider(ctx.t("ent_n"), 5, 30, 10, key="top", bind="query-params")

st.subheader(ctx.t("ent_top"))
top = cached.run(entities.top_entities, f, n, by)
cols = st.columns(2)
for i, etype in enumerate(f.types):
    part = top[top["type"] == etype]
    cols[i % 2].plotly_chart(charts.bar_figure(
        part["name"], part[by], title=ctx.t(etype), value_title=ctx.t(by), rtl_ui=ctx.rtl,
        empty_message=ctx.t("no_results"),
        extra=[f"{ctx.t('articles')}: {a:,} · {ctx.t('mentions')}: {m:,}"
               for a, m in zip(part["articles"], part["mentions"], strict=True)]),
        key=f"ent_top_{etype}")

options = cached.run(entities.entity_options, f.types, 1000)
names = dict(zip(options["entity_id"], options["name"], strict=True))
entity_id = urlstate.single(st.selectbox, ctx.t("ent_pick"), list(names), key="entity",
                            format_func=lambda e: names.get(e, e),
                            placeholder=ctx.t("ent_pick"))

if entity_id:
    info = cached.run(entities.entity_info, entity_id)
    st.header(info["name"])
    st.caption(f"{ctx.t('type')}: {ctx.t(info['type'])} · {ctx.t('articles')}: "
               f"{info['article_count']:,} · {ctx.t('mentions')}: {info['mention_count']:,}")
    if info["aliases"]:
        st.markdown(f"**{ctx.t('ent_aliases')}:** " + "، ".join(info["aliases"]))
    over_time = cached.run(timeline.timeline, f, "month", "compare", "count", (),
                           ((entity_id, info["name"]),))
    st.plotly_chart(charts.timeline_figure(
        over_time, title=ctx.t("ent_timeline"), y_title=ctx.t("articles"),
        n_title=ctx.t("articles"), percent=False, rtl_ui=ctx.rtl,
        empty_message=ctx.t("no_results"), height=320), key="ent_timeline")
    left, right = st.columns(2)
    outlets = cached.run(entities.entity_outlets, f, entity_id)
    left.plotly_chart(charts.bar_figure(
        outlets["outlet"].fillna(ctx.t("unknown")), outlets["n"], title=ctx.t("ent_outlets"),
        value_title=ctx.t("articles"), rtl_ui=ctx.rtl, empty_message=ctx.t("no_results")),
        key="ent_outlets")
    co = cached.run(entities.cooccurring, f, entity_id, 15)
    right.plotly_chart(charts.bar_figure(
        co["name"], co["n"], title=ctx.t("ent_cooc"), value_title=ctx.t("ent_shared"),
        rtl_ui=ctx.rtl, empty_message=ctx.t("no_results"),
        extra=[ctx.t(x) for x in co["type"]]), key="ent_cooc")
    st.subheader(ctx.t("ent_kwic"))
    mentions = cached.run(entities.entity_mentions, f, entity_id, 20)
    rows = []
    for r in mentions.itertuples():
        when = str(r.published_at)[:10] if pd.notna(r.published_at) else ctx.t("undated")
        for before, hit, after in search.kwic_spans(r.body, r.starts, r.ends, limit=2):
            rows.append({"before": before, "hit": hit, "after": after,
                         "meta": frame.text_or(r.outlet, ctx.t("unknown")), "date": when})
    st.markdown(html.kwic_table(rows, heading_before=ctx.t("art_before"),
                                heading_hit=ctx.t("art_hit"), heading_after=ctx.t("art_after")),
                unsafe_allow_html=True)

st.subheader(ctx.t("ent_matrix"))
view = urlstate.single(st.segmented_control, ctx.t("ent_cooc_view"), ("network", "matrix"),
                       key="cooc", default="network",
                       format_func={"network": ctx.t("ent_network"),
                                    "matrix": ctx.t("ent_matrix_view")}.get,
                       required=True) or "network"
matrix = cached.run(entities.cooccurrence_matrix, f, 12 if view == "matrix" else 25)
if view == "network":
    fig = network.network_figure(
        matrix, title=ctx.t("ent_matrix"), type_names={e: ctx.t(e) for e in f.types},
        shared_title=ctx.t("ent_shared"), articles_title=ctx.t("articles"), rtl_ui=ctx.rtl,
        empty_message=ctx.t("no_results"))
    # A click on a person, place or organisation opens its page (the entity goes into the
    # URL); the chart's key follows the entity so that its selection starts empty again.
    event = st.plotly_chart(fig, key=f"ent_network-{entity_id}", on_select="rerun",
                            selection_mode="points")
    st.caption(ctx.t("ent_network_note"))
    points = event.selection.points if event and event.selection else []
    clicked = next((p["customdata"][0] for p in points
                    if isinstance(p.get("customdata"), list) and p["customdata"]), None)
    if clicked and clicked != entity_id:
        urlstate.write("entity", [clicked])
        st.rerun()
else:
    labels = dict(zip(matrix["entity_a"], matrix["name_a"], strict=False))
    st.plotly_chart(charts.heatmap_figure(
        matrix, x="entity_b", y="entity_a", z="n", title=ctx.t("ent_matrix"),
        x_title=ctx.t("entity"), y_title=ctx.t("entity"), z_title=ctx.t("ent_shared"),
        rtl_ui=ctx.rtl, empty_message=ctx.t("no_results"), x_labels=labels, y_labels=labels),
        key="ent_matrix")
