"""Marsad dashboard entry point: `streamlit run dashboard/app.py` (data: $MARSAD_DATA, else
data/demo). This file only wires the frame (language, style, global filters) and the pages.

The page scripts live in dashboard/views/, not dashboard/pages/: Streamlit treats a
`pages/` folder beside the main script as a v1 multipage app and, until some session has
run this file, serves `/timeline` etc. by running those scripts *without* this frame.
"""

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root,
# so `import dashboard....` needs the root added (also on Streamlit Community Cloud).
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from dashboard.i18n import t  # noqa: E402
from dashboard.views import frame  # noqa: E402

st.set_page_config(page_title="Marsad · مرصد", layout="wide")
lang = frame.language()
frame.style(lang)
PAGES = [
    st.Page("views/overview.py", title=t("page_overview", lang), icon=":material/dashboard:",
            default=True),
    st.Page("views/timeline.py", title=t("page_timeline", lang), icon=":material/timeline:",
            url_path="timeline"),
    st.Page("views/entities.py", title=t("page_entities", lang), icon=":material/groups:",
            url_path="entities"),
    st.Page("views/sources.py", title=t("page_sources", lang), icon=":material/newspaper:",
            url_path="sources"),
    st.Page("views/articles.py", title=t("page_articles", lang), icon=":material/article:",
            url_path="articles"),
    st.Page("views/data.py", title=t("page_data", lang), icon=":material/database:",
            url_path="data"),
]
page = st.navigation(PAGES)
frame.sidebar_filters(lang)
page.run()
