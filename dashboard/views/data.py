"""Data page (/data): the dataset in use — where every input record went (the counts add
up or the page says so), its input files, tables, alias rules, rejects and raw manifest."""

import pandas as pd
import streamlit as st

from dashboard.queries import corpus
from dashboard.views import cached, frame

ctx = frame.context()
ds = ctx.ds
st.title(ctx.t("page_data"))

st.markdown(f"**{ctx.t('data_dir')}:** `{ds.data_dir}`  \n"
            f"**{ctx.t('data_fingerprint')}:** `{ds.fingerprint}`")


def fmt(n) -> str:
    return "—" if n is None else f"{n:,}"


# Every input record is an article or a reject: the manifest's own numbers, checked here.
acc = cached.run(corpus.accounting)
st.subheader(ctx.t("data_accounting"))
row = st.columns(3)
row[0].metric(ctx.t("data_read"), fmt(acc["read"]))
row[1].metric(ctx.t("data_written"), fmt(acc["written"]))
row[2].metric(ctx.t("data_rejected"), fmt(acc["rejected"]))
if acc["balanced"] is not None:  # None: the manifest lacks a count
    say, key = (st.success, "data_balanced") if acc["balanced"] else (st.error, "data_unbalanced")
    say(ctx.t(key).format(**{k: fmt(acc[k]) for k in ("read", "written", "rejected")}))
row = st.columns(3)
row[0].metric(ctx.t("ov_undated"), fmt(acc["undated"]))
row[1].metric(ctx.t("ov_dups"), fmt(acc["dup_groups"]),
              help=ctx.t("data_in_dup_groups").format(n=fmt(acc["in_dup_groups"])))
if acc["entities"]:
    row[2].metric(ctx.t("data_entities"), fmt(acc["entities"].get("entities")),
                  help=ctx.t("data_entities_help").format(
                      mentions=fmt(acc["entities"].get("mentions")),
                      backend=acc["entities"].get("backend", "—")))
if acc["date_sources"]:
    # Where each article's date came from (field, text, relative to the crawl, none).
    known = {k: ctx.t(f"date_source_{k}") for k in ("field", "text", "relative", "none")}
    st.caption(ctx.t("data_date_sources") + " " + " · ".join(
        f"{known.get(k, k)}: {fmt(v)}" for k, v in acc["date_sources"].items()))

st.subheader(ctx.t("data_inputs"))
inputs = cached.run(corpus.input_files)
if inputs.empty:
    st.info(ctx.t("data_no_inputs"))
else:
    st.dataframe(inputs.rename(columns={"path": ctx.t("data_file"), "records": ctx.t("data_records"),
                                        "bytes": ctx.t("data_bytes"), "sha256": "SHA-256"}),
                 hide_index=True)

st.subheader(ctx.t("data_tables"))
sizes = cached.run(corpus.table_sizes)
st.dataframe(pd.DataFrame(
    [{ctx.t("data_table"): name,
      ctx.t("data_rows"): fmt(n) if n is not None else ctx.t("data_entities_absent")}
     for name, n in sizes.items()]), hide_index=True)

st.subheader(ctx.t("data_aliases"))
if ds.alias_files:
    st.markdown("  \n".join(f"`{path}`" for path in ds.alias_files))
    rules = cached.run(corpus.alias_rules)
    if not rules.empty:
        st.dataframe(rules.rename(columns={
            "where": ctx.t("data_rule_where"), "action": ctx.t("data_rule_action"),
            "entity": ctx.t("entity"), "type": ctx.t("data_rule_type"),
            "value": ctx.t("data_rule_value")}), hide_index=True)
    if ds.alias_notes:
        st.caption(ctx.t("data_alias_notes"))
        st.code("\n".join(ds.alias_notes), language=None)
else:
    st.info(ctx.t("data_no_aliases"))

st.subheader(ctx.t("data_rejects"))
rejects = pd.DataFrame(cached.run(corpus.rejects_table), columns=["input_ref", "reason", "detail"])
if rejects.empty:
    st.info(ctx.t("data_no_rejects"))
else:
    counted = acc["rejects_by_reason"]
    by_reason = (pd.DataFrame(list(counted.items()), columns=["reason", "n"]) if counted
                 else rejects.groupby("reason").size().rename("n").reset_index())
    st.dataframe(by_reason.rename(columns={"reason": ctx.t("reason"), "n": ctx.t("data_records")}),
                 hide_index=True)
    st.dataframe(rejects.rename(columns={"input_ref": ctx.t("input_ref"),
                                         "reason": ctx.t("reason"), "detail": ctx.t("detail")}),
                 hide_index=True)

with st.expander(ctx.t("data_manifest")):
    st.json(ds.manifest, expanded=1)
