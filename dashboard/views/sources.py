"""Sources page (/sources): volume per outlet, coverage shares, outlet × entity,
distinctive words, syndication. URL parameters: interval, cov_entity, words_outlet."""

import streamlit as st

from dashboard.figures import charts
from dashboard.queries import corpus, entities, sources, timeline
from dashboard.views import cached, frame, urlstate

ctx = frame.context()
f = ctx.filters
st.title(ctx.t("page_sources"))
unknown = ctx.t("unknown")

# Volume per outlet over time.
interval = urlstate.single(st.segmented_control, ctx.t("tl_interval"), timeline.INTERVALS,
                           key="interval", default="month", format_func=ctx.t,
                           required=True) or "month"
volume = cached.run(timeline.timeline, f.replace(q=""), interval, "outlet", "count")
volume["series"] = volume["series"].replace("", unknown)
st.plotly_chart(charts.timeline_figure(
    volume, title=ctx.t("src_volume"), y_title=ctx.t("articles"), n_title=ctx.t("articles"),
    percent=False, rtl_ui=ctx.rtl, empty_message=ctx.t("no_results")), key="src_volume")

# Each outlet's share of coverage of the search text or of an entity.
st.subheader(ctx.t("src_coverage"))
entity_id = None
names: dict[str, str] = {}
if ctx.ds.has_entities:
    options = cached.run(entities.entity_options, f.types, 1000)
    names = dict(zip(options["entity_id"], options["name"], strict=True))
    entity_id = urlstate.single(st.selectbox, ctx.t("src_entity"), list(names),
                                key="cov_entity", format_func=lambda e: names.get(e, e),
                                placeholder=ctx.t("src_entity"))
if f.q or entity_id:
    share = cached.run(sources.coverage_share, f, entity_id)
    st.plotly_chart(charts.bar_figure(
        share["outlet"].fillna(unknown), share["share"], percent=True,
        title=ctx.t("src_coverage"), value_title=ctx.t("share"),
        rtl_ui=ctx.rtl, empty_message=ctx.t("no_results"),
        extra=[f"{ctx.t('articles')}: {a:,} / {b:,}"
               for a, b in zip(share["n"], share["total"], strict=True)]),
        key="src_coverage")
else:
    st.caption(ctx.t("src_coverage_need"))

# Outlet × entity, each row normalised by the outlet's articles.
if ctx.ds.has_entities:
    matrix = cached.run(sources.outlet_entity_matrix, f, 15)
    matrix["outlet"] = matrix["outlet"].fillna(unknown)
    st.plotly_chart(charts.heatmap_figure(
        matrix, x="name", y="outlet", z="share", percent=True, title=ctx.t("src_heatmap"),
        x_title=ctx.t("entity"), y_title=ctx.t("outlet"), z_title=ctx.t("share"),
        rtl_ui=ctx.rtl, empty_message=ctx.t("no_results")), key="src_heatmap")

# Syndication: stories carried by several outlets, who had them first, and the lag.
st.subheader(ctx.t("src_synd"))
per_outlet = cached.run(sources.syndication_outlets, f)
left, right = st.columns(2)
left.plotly_chart(charts.bar_figure(
    per_outlet["outlet"], per_outlet["first"], title=ctx.t("src_synd_title"),
    value_title=ctx.t("src_synd_first"), rtl_ui=ctx.rtl, empty_message=ctx.t("no_results"),
    extra=[f"{ctx.t('src_synd_stories')}: {s:,}" for s in per_outlet["stories"]]),
    key="src_synd_first")
right.plotly_chart(charts.bar_figure(
    per_outlet["outlet"], per_outlet["median_lag_hours"].fillna(0),
    title=ctx.t("src_synd_lag"), value_title=ctx.t("lag_hours"), rtl_ui=ctx.rtl,
    empty_message=ctx.t("no_results")), key="src_synd_lag")
stories = cached.run(sources.syndication_stories, f, 200)
stories["first_outlet"] = stories["first_outlet"].fillna(unknown)
st.dataframe(
    stories.drop(columns=["dup_group"]).rename(columns={
        "title": ctx.t("title"), "first_outlet": ctx.t("first_outlet"),
        "first_at": ctx.t("first_at"), "n_outlets": ctx.t("n_outlets"),
        "size": ctx.t("articles"), "lag_hours": ctx.t("lag_hours")}),
    hide_index=True, column_config=frame.date_columns(ctx.t("first_at")))

# Distinctive words of one outlet against the rest: last on the page, because counting
# words reads thousands of bodies and everything above is shown meanwhile.
st.subheader(ctx.t("src_words"))
outlets = cached.run(corpus.outlet_options, f.outlet_field)
outlet = urlstate.single(st.selectbox, ctx.t("src_words_outlet"), outlets, key="words_outlet",
                         default=outlets[0] if outlets else None)
st.caption(ctx.t("src_words_note"))
if outlet:
    with st.spinner(ctx.t("src_words_counting")):
        words = cached.run(sources.distinctive_words, f, outlet, 20)
    st.plotly_chart(charts.bar_figure(
        words["display"], words["z"], title=ctx.t("src_words"),
        value_title=ctx.t("z_score"), rtl_ui=ctx.rtl, empty_message=ctx.t("no_results"),
        extra=[f"{outlet}: {a:,} · {ctx.t('all')}: {b:,}"
               for a, b in zip(words["n_in"], words["n_out"], strict=True)]),
        key="src_words")
