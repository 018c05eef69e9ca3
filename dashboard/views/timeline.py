"""Timeline page (/timeline): articles per day/week/month, raw or as a share, split by
outlet or comparing up to five terms/entities; clicking a point lists its articles.
URL parameters: interval, split, measure, cmp (terms), cmp_ent (entity ids), period and
series (the clicked point)."""

import pandas as pd
import streamlit as st

from dashboard.figures import charts
from dashboard.queries import entities, timeline
from dashboard.views import cached, frame, urlstate

ctx = frame.context()
f = ctx.filters
st.title(ctx.t("page_timeline"))

c1, c2, c3 = st.columns(3)
interval = urlstate.single(c1.segmented_control, ctx.t("tl_interval"), timeline.INTERVALS,
                           key="interval", default="month", format_func=ctx.t,
                           required=True) or "month"
split_labels = {"none": ctx.t("none"), "outlet": ctx.t("outlet_split"),
                "compare": ctx.t("compare")}
split = urlstate.single(c2.selectbox, ctx.t("tl_split"), timeline.SPLITS, key="split",
                        default="none", format_func=split_labels.get) or "none"
measures = timeline.MEASURES if split == "outlet" else ("count", "share_all")
measure = urlstate.single(c3.selectbox, ctx.t("tl_measure"), measures, key="measure",
                          default="count", format_func=ctx.t) or "count"

terms: list[str] = []
picked: list[str] = []
names: dict[str, str] = {}
if split == "compare":
    terms = st.multiselect(ctx.t("tl_terms"), [], accept_new_options=True,
                           max_selections=timeline.MAX_COMPARED, key="cmp",
                           placeholder=ctx.t("tl_terms_placeholder"), bind="query-params")
    if ctx.ds.has_entities:
        options = cached.run(entities.entity_options, f.types, 500)
        names = dict(zip(options["entity_id"], options["name"], strict=True))
        picked = urlstate.multi(st.multiselect, ctx.t("tl_entities"), list(names),
                                key="cmp_ent", format_func=lambda e: names.get(e, e),
                                max_selections=timeline.MAX_COMPARED,
                                placeholder=ctx.t("choose"))

asked = interval
interval, df = cached.run(timeline.fitted_timeline, f, interval, split, measure, tuple(terms),
                          tuple((e, names.get(e, e)) for e in picked))
if interval != asked:
    st.caption(ctx.t("tl_coarsened").format(asked=ctx.t(asked), used=ctx.t(interval),
                                            limit=f"{timeline.MAX_POINTS:,}"))
if split == "none":
    df["series"] = ctx.t("tl_all_series")
elif split == "outlet":
    df["series"] = df["series"].replace("", ctx.t("unknown"))
if split == "compare" and not terms and not picked:
    st.info(ctx.t("tl_need_terms"))

fig = charts.timeline_figure(
    df, title=ctx.t("tl_title"), y_title=ctx.t(measure), n_title=ctx.t("articles"),
    percent=measure != "count", rtl_ui=ctx.rtl, empty_message=ctx.t("no_results"))
# A click is moved into the URL at once; the chart's key follows the URL so that its own
# selection starts empty again (and "clear" really clears).
chart_key = "tl_chart-" + "|".join(urlstate.read("period") or []) + "|".join(
    urlstate.read("series") or [])
event = st.plotly_chart(fig, key=chart_key, on_select="rerun", selection_mode="points")

# The clicked point goes into the URL (period, series), so the listing is shareable too.
points = event.selection.points if event and event.selection else []
if points:
    point = points[0]
    urlstate.write("period", [str(pd.Timestamp(point["x"]).date())])
    urlstate.write("series", [str((point.get("customdata") or [""])[0])])
period = (urlstate.read("period") or [None])[-1]
key = (urlstate.read("series") or [""])[-1]
try:
    start = pd.Timestamp(period).date() if period else None
except ValueError:
    start = None
if start is None:
    st.caption(ctx.t("tl_click"))
else:
    kind = {"none": "all", "outlet": "outlet"}.get(split, "term" if key in terms else "entity")
    head, clear = st.columns([4, 1])
    head.subheader(f"{ctx.t('tl_period_articles')}: {start}")
    if clear.button(ctx.t("tl_clear")):
        urlstate.write("period", [])
        urlstate.write("series", [])
        st.rerun()
    rows = cached.run(timeline.articles_in_period, f, interval, start, kind, key)
    rows["outlet"] = rows["outlet"].fillna(ctx.t("unknown"))
    st.dataframe(rows.rename(columns={"published_at": ctx.t("date"), "outlet": ctx.t("outlet"),
                                      "title": ctx.t("title")}).drop(columns=["article_id"]),
                 hide_index=True, column_config=frame.date_columns(ctx.t("date")))
