"""Overview page (/): corpus size, date span, outlets, undated, duplicates, rejects, links."""

import streamlit as st

from dashboard.figures import charts
from dashboard.queries import corpus, timeline
from dashboard.views import cached, frame

ctx = frame.context()
f = ctx.filters
st.title(ctx.t("page_overview"))

stats = cached.run(corpus.overview, f)
span = (f"{stats['date_min']:%Y-%m} – {stats['date_max']:%Y-%m}" if stats["date_min"] else "—")
span_help = f"{stats['date_min']} – {stats['date_max']}" if stats["date_min"] else None
row1 = st.columns(3)
row1[0].metric(ctx.t("ov_articles"), f"{stats['articles']:,}",
               help=f"{ctx.t('ov_of_total')} {stats['articles_total']:,}")
row1[1].metric(ctx.t("ov_span"), span, help=span_help)
row1[2].metric(ctx.t("ov_outlets"), f"{stats['outlets']:,}")
row2 = st.columns(3)
row2[0].metric(ctx.t("ov_undated"), f"{stats['undated']:,}")
row2[1].metric(ctx.t("ov_dups"), f"{stats['dup_groups']:,}",
               help=f"{ctx.t('ov_syndicated')}: {stats['syndicated']:,}")
row2[2].metric(ctx.t("ov_rejects"), f"{stats['rejects']:,}")

left, right = st.columns(2)
monthly = cached.run(timeline.timeline, f, "month", "none", "count")
monthly["series"] = ctx.t("tl_all_series")
left.plotly_chart(charts.timeline_figure(
    monthly, title=ctx.t("ov_volume"), y_title=ctx.t("articles"), n_title=ctx.t("articles"),
    percent=False, rtl_ui=ctx.rtl, empty_message=ctx.t("no_results"), height=360),
    key="ov_volume")
outlets = cached.run(corpus.outlet_counts, f, 15)
right.plotly_chart(charts.bar_figure(
    outlets["outlet"].fillna(ctx.t("unknown")), outlets["n"], title=ctx.t("ov_by_outlet"),
    value_title=ctx.t("articles"), rtl_ui=ctx.rtl, empty_message=ctx.t("no_results")),
    key="ov_outlets")

st.subheader(ctx.t("ov_go"))
links = st.columns(5)
for col, (path, key) in zip(links, (("views/timeline.py", "timeline"),
                                    ("views/entities.py", "entities"),
                                    ("views/sources.py", "sources"),
                                    ("views/articles.py", "articles"),
                                    ("views/data.py", "data")), strict=True):
    col.page_link(path, label=ctx.t(f"page_{key}"), query_params=frame.global_params())
    col.caption(ctx.t(f"ov_desc_{key}"))
