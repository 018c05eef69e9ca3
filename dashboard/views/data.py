"""Data page (/data): the dataset in use, its tables, its manifest and its rejects."""

import pandas as pd
import streamlit as st

from dashboard.queries import corpus
from dashboard.views import cached, frame

ctx = frame.context()
ds = ctx.ds
st.title(ctx.t("page_data"))

st.markdown(f"**{ctx.t('data_dir')}:** `{ds.data_dir}`  \n"
            f"**{ctx.t('data_fingerprint')}:** `{ds.fingerprint}`")

st.subheader(ctx.t("data_tables"))
sizes = cached.run(corpus.table_sizes)
st.dataframe(pd.DataFrame(
    [{"table": name, "rows": n if n is not None else ctx.t("data_entities_absent")}
     for name, n in sizes.items()]).astype({"rows": str}), hide_index=True)

st.subheader(ctx.t("data_manifest"))
st.json(ds.manifest, expanded=1)

st.subheader(ctx.t("data_aliases"))
if ds.alias_files:
    st.markdown("  \n".join(f"`{path}`" for path in ds.alias_files))
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
    counted = ds.manifest.get("rejects_by_reason")
    by_reason = (pd.DataFrame(list(counted.items()), columns=["reason", "n"])
                 if isinstance(counted, dict) and counted
                 else rejects.groupby("reason").size().rename("n").reset_index())
    st.dataframe(by_reason.rename(columns={"reason": ctx.t("reason")}), hide_index=True)
    st.dataframe(rejects.rename(columns={"input_ref": ctx.t("input_ref"),
                                         "reason": ctx.t("reason"), "detail": ctx.t("detail")}),
                 hide_index=True)
