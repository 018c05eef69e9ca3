"""Articles page (/articles): search results with keyword in context, and a reader pane
(right to left, Arabic font, credited source vs publisher, tags, entities highlighted).
URL parameters: page (result page), article (id shown in the reader)."""

import pandas as pd
import streamlit as st

from dashboard.figures import html
from dashboard.queries import articles, search
from dashboard.views import cached, frame, urlstate

PER_PAGE = 25

ctx = frame.context()
f = ctx.filters
st.title(ctx.t("page_articles"))

total = cached.run(articles.count_articles, f)
pages = max(1, -(-total // PER_PAGE))
c1, c2 = st.columns([3, 1])
c1.markdown(f"**{total:,}** {ctx.t('art_found')}")
page = c2.number_input(ctx.t("art_page"), min_value=1, max_value=pages, value=1, step=1,
                       key="page", bind="query-params")
# Bodies only for keyword-in-context (a search); the plain listing shows none.
results = cached.run(articles.search_articles, f, PER_PAGE, (int(page) - 1) * PER_PAGE,
                     with_body=bool(f.q))


def _outlet(r) -> str:
    return frame.text_or(r.source, frame.text_or(r.publisher, ctx.t("unknown")))


def _title(value) -> str:
    return frame.text_or(value, ctx.t("art_untitled"))


def _when(r) -> str:
    return str(r.published_at)[:10] if pd.notna(r.published_at) else ctx.t("undated")


if results.empty:
    st.info(ctx.t("no_results"))
elif f.q:
    st.subheader(ctx.t("art_kwic"))
    rows = []
    for r in results.itertuples():
        for before, hit, after in search.kwic(r.body, f.q, limit=2):
            rows.append({"before": before, "hit": hit, "after": after, "date": _when(r),
                         "meta": f"{_title(r.title)} — {_outlet(r)}"})
    st.markdown(html.kwic_table(rows, heading_before=ctx.t("art_before"),
                                heading_hit=ctx.t("art_hit"), heading_after=ctx.t("art_after")),
                unsafe_allow_html=True)
else:
    listing = results[["published_at", "source", "publisher", "title"]].rename(columns={
        "published_at": ctx.t("date"), "source": ctx.t("source"),
        "publisher": ctx.t("publisher"), "title": ctx.t("title")})
    st.dataframe(listing, hide_index=True, column_config=frame.date_columns(ctx.t("date")))

st.subheader(ctx.t("art_reader"))
titles = {r.article_id: f"{_title(r.title)} — {_outlet(r)} · {_when(r)}"
          for r in results.itertuples()}
current = (urlstate.read("article") or [None])[-1]
if current and current not in titles:
    # An article opened from a shared link, outside this page of results.
    linked = cached.run(articles.get_article, current)
    if linked is not None:
        titles = {current: _title(linked.get("title")), **titles}
article_id = urlstate.single(st.selectbox, ctx.t("art_pick"), list(titles), key="article",
                             format_func=lambda a: titles.get(a, a),
                             placeholder=ctx.t("art_pick"))
if article_id is None and titles:
    article_id = next(iter(titles))
if article_id:
    article = cached.run(articles.get_article, article_id)
    mentions = cached.run(articles.article_mentions, article_id)
    # The sidebar's entity types choose what is highlighted, as on every entity view.
    mentions = mentions[mentions["type"].isin(f.types)]
    spans = html.mention_spans(mentions.to_dict("records"),
                               search.display_regex(f.q) if f.q else None, article["body"])
    legend = {"m-hit": ctx.t("art_search_hit")} | {html.ENTITY_CLASSES[e]: ctx.t(e) for e in f.types}
    st.markdown(html.legend_html(legend), unsafe_allow_html=True)
    labels = {k: ctx.t(k) for k in ("date", "source", "publisher", "tags", "link", "undated",
                                    "unknown")}
    st.markdown(html.article_html(article, spans, labels), unsafe_allow_html=True)
    if article["dup_kind"] != "none":
        st.caption(ctx.t("art_duplicates"))
        dups = cached.run(articles.duplicates_of, article["dup_group"])
        st.dataframe(dups.drop(columns=["article_id"]).rename(columns={
            "published_at": ctx.t("date"), "source": ctx.t("source"),
            "publisher": ctx.t("publisher")}), hide_index=True,
            column_config=frame.date_columns(ctx.t("date")))
