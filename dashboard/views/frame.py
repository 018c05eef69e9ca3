"""The frame around every page: language, right-to-left layout, the global filters.

app.py calls `language()`, `style()` and `sidebar_filters()` on every run, before the page;
each page then calls `context()` to get the language, the dataset and the Filters. Every
filter widget is bound to a URL query parameter (`bind="query-params"`), so a copied link
reproduces the view: `lang`, `q`, `dates`, `by`, `outlet`, `tag`, `etype`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard.dataset.schema import ENTITY_TYPES, SchemaError
from dashboard.dataset.store import DatasetError, default_data_dir
from dashboard.entities.aliases import AliasError
from dashboard.i18n import DEFAULT_LANG, LANGS, is_rtl, t
from dashboard.queries import corpus
from dashboard.queries.dataset import Dataset
from dashboard.queries.filters import OUTLET_FIELDS, Filters

from . import cached, urlstate

LANG_NAMES = {"ar": "العربية", "en": "English"}
# The URL parameters of the frame; page links carry them so the filters follow the reader.
GLOBAL_PARAMS = ("lang", "q", "dates", "by", "outlet", "tag", "etype")

# Fixed CSS (no user or data value is ever formatted into it). The Arabic font itself is
# declared in .streamlit/config.toml ([[theme.fontFaces]], served from dashboard/static/).
BASE_CSS = """
.marsad-reader, .marsad-kwic, .marsad-legend, .marsad-tag {
  font-family: 'Noto Sans Arabic', 'Source Sans', sans-serif; }
.marsad-reader { direction: rtl; text-align: right; line-height: 1.9; font-size: 1.05rem; }
.marsad-reader h3 { text-align: right; }
.marsad-meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem;
  margin: .5rem 0 1rem; font-size: .9rem; }
.marsad-meta dt { font-weight: 700; } .marsad-meta dd { margin: 0; }
.marsad-tag { display: inline-block; padding: 0 .5rem; margin: 0 0 .2rem .3rem;
  border-radius: .6rem; background: rgba(128,128,128,.15); }
.marsad-kwic { width: 100%; direction: rtl; border-collapse: collapse; font-size: .95rem; }
.marsad-kwic th, .marsad-kwic td { padding: .25rem .4rem;
  border-bottom: 1px solid rgba(128,128,128,.2); vertical-align: top; }
.marsad-kwic td.kwic-before { text-align: left; width: 45%; }
.marsad-kwic td.kwic-hit { text-align: center; white-space: nowrap; font-weight: 700; }
.marsad-kwic td.kwic-after { text-align: right; width: 45%; }
.marsad-kwic .kwic-meta { font-size: .75rem; opacity: .7; text-align: right; }
mark.m-hit { background: #ffe08a; } mark.m-per { background: #cde8ff; }
mark.m-loc { background: #d4f5d0; } mark.m-org { background: #f7d6f0; }
mark.m-misc { background: #eee0c8; }
mark { padding: 0 .1rem; border-radius: .2rem; color: inherit; }
/* Each paragraph takes the direction of its first letter: an Arabic name in the English
   interface reads right to left, a Latin one in the Arabic interface left to right. */
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, h1, h2, h3, li),
[data-testid="stMain"] [data-testid="stCaptionContainer"] {
  unicode-bidi: plaintext; text-align: start; }
"""

# Right-to-left layout of the app content in Arabic (main area and sidebar only).
# Streamlit aligns many blocks left explicitly; those are turned to the right. Charts keep
# plotly's own left-to-right SVG layout (their strings carry their own direction).
RTL_CSS = """
[data-testid="stMain"], [data-testid="stSidebar"] { direction: rtl; }
/* The sidebar opens on the right, where an Arabic reader starts (on wide screens: on
   narrow ones Streamlit slides it over the page from the left). */
@media (min-width: 768px) {
  [data-testid="stAppViewContainer"] { flex-direction: row-reverse; } }
[data-testid="stMain"] [data-testid="stMarkdownContainer"],
[data-testid="stSidebar"] [data-testid="stMarkdownContainer"],
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
[data-testid="stWidgetLabel"], [data-testid="stMetric"], [data-testid="stCaptionContainer"],
[data-testid="stAlert"], [data-testid="stExpander"] summary { text-align: right; }
[data-testid="stMain"] [data-testid="stPlotlyChart"],
[data-testid="stMain"] .js-plotly-plot { direction: ltr; }
[data-testid="stDataFrame"] { direction: ltr; }
/* Paths, hashes and JSON read left to right inside Arabic text (else a path's leading
   slash lands at its other end and JSON braces mirror). */
[data-testid="stMain"] code { direction: ltr; unicode-bidi: isolate; }
[data-testid="stJson"] { direction: ltr; text-align: left; }
"""


@dataclass(frozen=True)
class Context:
    """What a page needs: interface language, the open dataset and the global filters."""

    lang: str
    ds: Dataset
    filters: Filters

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    def t(self, key: str) -> str:
        return t(key, self.lang)


def language() -> str:
    """The language switch (sidebar, ?lang=ar|en, kept across pages); 'ar' or 'en'."""
    value = urlstate.single(st.sidebar.radio, t("language", DEFAULT_LANG), LANGS, key="lang",
                            default=DEFAULT_LANG, format_func=LANG_NAMES.get,
                            remember=True, horizontal=True)
    return value if value in LANGS else DEFAULT_LANG


def _url_choice(key: str, options, default):
    tokens = urlstate.read(key, remember=True)
    return tokens[-1] if tokens and tokens[-1] in options else default


def style(lang: str) -> None:
    """Inject the page CSS: the text-view styles, plus right-to-left layout in Arabic."""
    css = BASE_CSS + (RTL_CSS if is_rtl(lang) else "")
    st.html(f"<style>{css}</style>")


def open_dataset(lang: str) -> Dataset:
    """The dataset in use; stops the page with a clear message when it cannot be read."""
    try:
        return cached.dataset()
    except (DatasetError, SchemaError, AliasError, OSError) as exc:
        st.error(f"{t('no_dataset', lang)} {default_data_dir()}\n\n{exc}\n\n"
                 f"{t('no_dataset_hint', lang)}")
        st.stop()


def sidebar_filters(lang: str) -> None:
    """The global filter widgets (sidebar), each bound to its URL parameter."""
    ds = open_dataset(lang)
    sb = st.sidebar
    sb.header(t("filters", lang))
    sb.text_input(t("search", lang), key="q", help=t("search_help", lang), bind="query-params")
    lo, hi = cached.run(corpus.date_span)
    if lo is not None and hi is not None:
        sb.date_input(t("dates", lang), value=(lo, hi), min_value=lo, max_value=hi,
                      key="dates", bind="query-params")
    by_labels = {"source": t("by_source", lang), "publisher": t("by_publisher", lang)}
    by = urlstate.single(sb.radio, t("outlet_by", lang), OUTLET_FIELDS, key="by",
                         default="source", format_func=by_labels.get, remember=True,
                         horizontal=True)
    sb.multiselect(t("outlets", lang), cached.run(corpus.outlet_options, by or "source"),
                   key="outlet", placeholder=t("all", lang), bind="query-params")
    sb.multiselect(t("tags", lang), cached.run(corpus.tag_options), key="tag",
                   placeholder=t("all", lang), bind="query-params")
    if ds.has_entities:
        urlstate.multi(sb.multiselect, t("entity_types", lang), ENTITY_TYPES, key="etype",
                       format_func=lambda e: t(e, lang), remember=True,
                       placeholder=t("all", lang), help=t("entity_types_help", lang))
    sb.caption(t("share_link", lang))


def _date_range(value, span: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
    """The widget's (start, end); the whole span, or nothing chosen, means no date filter."""
    if not isinstance(value, (tuple, list)) or not value:
        return None, None
    if len(value) == 1:
        return value[0], None
    if tuple(value) == tuple(span):
        return None, None
    return value[0], value[1]


def text_or(value, fallback: str) -> str:
    """`value` as text, or `fallback` when it is missing (None, NaN, empty)."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return fallback
    return str(value)


def date_columns(*names: str) -> dict:
    """column_config showing these datetime columns as YYYY-MM-DD HH:mm (UTC)."""
    return {n: st.column_config.DatetimeColumn(n, format="YYYY-MM-DD HH:mm") for n in names}


def global_params(**extra) -> dict[str, list[str]]:
    """The frame's current URL parameters (for st.page_link), plus `extra` ones."""
    params = {k: st.query_params.get_all(k) for k in GLOBAL_PARAMS if k in st.query_params}
    params.update({k: v for k, v in extra.items() if v not in (None, "", [], ())})
    return params


def context() -> Context:
    """The language, dataset and Filters of this run (read back from the bound widgets)."""
    state = st.session_state
    lang = _url_choice("lang", LANGS, DEFAULT_LANG)
    ds = open_dataset(lang)
    start, end = _date_range(state.get("dates"), cached.run(corpus.date_span))
    by = _url_choice("by", OUTLET_FIELDS, "source")
    types = tuple(dict.fromkeys(e for e in urlstate.read("etype", remember=True) or ()
                                if e in ENTITY_TYPES))
    filters = Filters(start=start, end=end, outlets=tuple(state.get("outlet") or ()),
                      outlet_field=by, entity_types=types if ds.has_entities else (),
                      tags=tuple(state.get("tag") or ()), q=(state.get("q") or "").strip())
    return Context(lang=lang, ds=ds, filters=filters)
