"""Every dashboard page, first view and rerun, on a large dataset (default 1,000,000 articles).

usage: python bench/pages_bench.py [--articles N] [--data DIR] [--reruns K]
                                   [--pages overview,timeline,...] [--langs ar,en]

Without --data the synthetic dataset of bench/make_big_dataset.py is built (once) into
/tmp/marsad-big-N. Each page runs under Streamlit's AppTest (as tests/test_app.py does) in
a few realistic URL states: the default view, a search `q`, an outlet filter, a date range,
and, on their pages, the timeline split by outlet, two compared search terms, an entity
page and an outlet's coverage of an entity.

For every (page, state, language):
* first: one run with the query cache (st.cache_data) cleared: a reader arriving on that
  view by a shared link. The dataset is already open (once per server and dataset
  version; timed separately on the first line) and each search text already scanned
  (the one full scan per text, after which every view of it joins a small table of hits;
  also timed separately);
* rerun: median (and max) of K more runs with nothing changed: what every widget
  interaction costs once the view's queries are cached;
* payload: KB of the Plotly figure specs, and of every element the page sends
  (Streamlit's client caches large unchanged messages, so a rerun resends little of it).
The last line is the peak RSS of this process (dataset, DuckDB, cache, AppTest).

Benchmarks print numbers; nothing is asserted and the exit code is 0.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

APP = str(REPO / "dashboard" / "app.py")
PAGES = ("overview", "timeline", "entities", "sources", "articles", "data")
BUDGET_MS = 100.0


def quiet_streamlit() -> None:
    """Streamlit outside a server warns on every run ("missing ScriptRunContext")."""
    from streamlit import config
    from streamlit.logger import set_log_level

    config.set_option("logger.level", "error")
    set_log_level("error")


def pick_values(data_dir: Path) -> dict:
    """Realistic filter values for this dataset: a search text found in ~1% of articles
    (a place name), the third largest outlet, a six-month range in the middle, the most
    mentioned person, and a second search text for the comparison."""
    import duckdb

    con = duckdb.connect()
    art = str(data_dir / "articles.parquet")
    n = con.execute("SELECT count(*) FROM read_parquet(?)", [art]).fetchone()[0]
    outlets = [r[0] for r in con.execute(
        "SELECT source FROM read_parquet(?) WHERE source IS NOT NULL GROUP BY 1 "
        "ORDER BY count(*) DESC LIMIT 3", [art]).fetchall()]
    lo, hi = con.execute("SELECT min(published_at)::DATE, max(published_at)::DATE "
                         "FROM read_parquet(?)", [art]).fetchone()
    start = (lo + (hi - lo) / 2).replace(day=1)
    values = {"articles": n, "outlet": outlets[-1],
              "dates": [str(start), str(min(hi, start + timedelta(days=182)))]}
    ents = data_dir / "entities.parquet"
    if ents.is_file():
        rows = con.execute(
            "SELECT name, type, entity_id, article_count FROM read_parquet(?) "
            "ORDER BY abs(article_count - ?), name", [str(ents), n // 100]).fetchall()
        loc = next((r for r in rows if r[1] == "LOC"), rows[0])
        other = next((r for r in rows if r[1] == "ORG"), rows[1])
        person = con.execute("SELECT entity_id, name FROM read_parquet(?) WHERE type = 'PER' "
                             "ORDER BY article_count DESC LIMIT 1", [str(ents)]).fetchone()
        values.update(q=loc[0], q2=other[0], entity=person[0], entity_name=person[1])
    else:
        values.update(q="الحكومة", q2="الاقتصاد", entity=None, entity_name=None)
    return values


def states_for(page: str, v: dict) -> list[tuple[str, dict]]:
    """(state name, URL parameters) to run on `page`."""
    out = [("default", {}), ("q", {"q": v["q"]}), ("outlet", {"outlet": v["outlet"]}),
           ("dates", {"dates": v["dates"]})]
    if page == "timeline":
        out += [("split=outlet", {"split": "outlet", "measure": "share_outlet",
                                  "interval": "week"}),
                ("split=outlet, days", {"split": "outlet", "interval": "day"}),
                ("compare 2 terms", {"split": "compare", "cmp": [v["q"], v["q2"]]})]
    if page == "entities" and v["entity"]:
        out.append(("entity page", {"entity": v["entity"]}))
    if page == "sources" and v["entity"]:
        out.append(("coverage of entity", {"cov_entity": v["entity"]}))
    return out


def payload(at) -> tuple[float, float, int]:
    """(KB of Plotly specs, KB of all elements, number of charts) of the page shown."""
    charts = at.get("plotly_chart")
    plotly_kb = sum(len(c.proto.spec.encode("utf-8")) for c in charts) / 1024
    total = 0
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is not None and not hasattr(node, "children") and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
    return plotly_kb, total / 1024, len(charts)


def problems(at) -> str:
    if at.exception:
        return "EXCEPTION " + at.exception[0].message[:80]
    if at.error:
        return "ERROR " + at.error[0].value[:80]
    return ""


def timed_run(at) -> float:
    t = time.perf_counter()
    at.run()
    return (time.perf_counter() - t) * 1000


def bench_state(page: str, params: dict, lang: str, reruns: int) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    quiet_streamlit()

    at = AppTest.from_file(APP, default_timeout=900)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"views/{page}.py")
    st.cache_data.clear()
    first = timed_run(at)
    times = [timed_run(at) for _ in range(reruns)]
    plotly_kb, page_kb, n_charts = payload(at)
    return {"first": first, "rerun": statistics.median(times), "rerun_max": max(times),
            "plotly_kb": plotly_kb, "page_kb": page_kb, "charts": n_charts,
            "problem": problems(at), "title": at.title[0].value if at.title else ""}


def baseline(reruns: int) -> float:
    """Median ms of AppTest running an empty script: the harness's own share of a rerun."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.write('')", default_timeout=60)
    at.run()
    return statistics.median(timed_run(at) for _ in range(reruns))


def setup_times(values: dict) -> dict:
    """Seconds to open the dataset (check, views, alias table) and to scan it once for
    each search text (Dataset.hits), on the app's own cached Dataset: the table's first
    views then start from an open dataset whose searches are already scanned."""
    quiet_streamlit()
    from dashboard.views import cached

    t = time.perf_counter()
    ds = cached.dataset()
    out = {"open": time.perf_counter() - t}
    for key in ("q", "q2"):
        t = time.perf_counter()
        name = ds.hits(values[key])
        out[f"scan {key}"] = time.perf_counter() - t
        out[f"hits {key}"] = ds.scalar(f"SELECT count(*) FROM {name}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--reruns", type=int, default=5)
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--langs", default="ar,en")
    ap.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = ap.parse_args(argv)

    data_dir = args.data
    if data_dir is None:
        import make_big_dataset

        data_dir = Path(f"/tmp/marsad-big-{args.articles}")
        manifest = data_dir / "manifest.json"
        if not manifest.is_file() or \
                json.loads(manifest.read_text())["articles_written"] != args.articles:
            print(f"building {data_dir} ...", flush=True)
            make_big_dataset.build(data_dir, args.articles)
    os.environ["MARSAD_DATA"] = str(data_dir)
    values = pick_values(data_dir)
    print(f"dataset {data_dir}: {values['articles']:,} articles; q={values['q']!r} "
          f"q2={values['q2']!r} outlet={values['outlet']!r} dates={values['dates']} "
          f"entity={values['entity_name']!r}", flush=True)
    setup = setup_times(values)
    print(f"open dataset {setup['open'] * 1000:.0f} ms · search scan q "
          f"{setup['scan q'] * 1000:.0f} ms ({setup['hits q']:,} hits) · search scan q2 "
          f"{setup['scan q2'] * 1000:.0f} ms ({setup['hits q2']:,} hits)", flush=True)
    print(f"AppTest harness alone: {baseline(args.reruns):.1f} ms per run", flush=True)

    header = (f"{'page':<10}{'state':<20}{'lang':<5}{'first ms':>10}{'rerun ms':>10}"
              f"{'max ms':>8}{'plotly KB':>11}{'page KB':>9}{'charts':>7}  note")
    print(header)
    print("-" * len(header))
    rows = []
    for page in args.pages.split(","):
        for state, params in states_for(page, values):
            for lang in args.langs.split(","):
                r = bench_state(page, params, lang, args.reruns)
                note = r["problem"] or ("over budget" if r["rerun"] >= BUDGET_MS else "")
                print(f"{page:<10}{state:<20}{lang:<5}{r['first']:>10.0f}{r['rerun']:>10.1f}"
                      f"{r['rerun_max']:>8.0f}{r['plotly_kb']:>11.1f}{r['page_kb']:>9.1f}"
                      f"{r['charts']:>7}  {note}", flush=True)
                rows.append({"page": page, "state": state, "lang": lang, **r})
    over = [r for r in rows if r["rerun"] >= BUDGET_MS]
    slow = [r for r in rows if r["first"] >= 2000]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nreruns ≥ {BUDGET_MS:.0f} ms: {len(over)} of {len(rows)}; first views ≥ 2 s: "
          f"{len(slow)}; slowest rerun {max(r['rerun'] for r in rows):.0f} ms; "
          f"slowest first view {max(r['first'] for r in rows):.0f} ms")
    print(f"peak RSS {peak:,.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"setup": setup, "values": values, "rows": rows},
                                        ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
