"""Open a processed dataset the way a reviewer checks it, in Debian's Chromium.

    python tests/browser/check_dataset.py DATA_DIR [--lang ar en] [--quick]

Starts `streamlit run dashboard/app.py` with MARSAD_DATA=DATA_DIR, then for every page in
several states (filters, splits, an entity page, a search, a clicked period, ...) chosen
from the dataset itself, in Arabic and in English:
- the page loads without a Streamlit exception, error or warning box;
- every Arabic text line of every Plotly chart is drawn in the right order, glyph by glyph
  (the same oracle as the browser tests);
- the address the browser shows is copied and opened in a fresh browser context (another
  reader with the shared link): its headings and every chart text must come out the same.
Prints one line per state and a summary; exits 1 when any check failed. Nothing is
written to DATA_DIR.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(HERE)]

from conftest import CHROMIUM, CHROMIUM_ARGS, missing_browser, streamlit_server  # noqa: E402
from helpers import expected_strings, page_errors, page_specs, url, wait_ready  # noqa: E402
from rtl_oracle import check_plotly_rtl  # noqa: E402

from dashboard.queries.dataset import Dataset  # noqa: E402


def _first(ds: Dataset, sql: str, params: list | None = None):
    row = ds.query(sql, params or []).head(1)
    return None if row.empty else row.iloc[0, 0]


def states(data_dir: Path, quick: bool = False) -> list[tuple[str, str, dict]]:
    """(name, path, params) of the views to check, with values taken from the dataset."""
    ds = Dataset(data_dir)
    outlet = _first(ds, "SELECT source FROM articles WHERE source IS NOT NULL "
                        "GROUP BY 1 ORDER BY count(*) DESC")
    tag = _first(ds, "SELECT t FROM (SELECT unnest(tags) AS t FROM articles) "
                     "GROUP BY 1 ORDER BY count(*) DESC")
    month = _first(ds, "SELECT strftime(date_trunc('month', published_at), '%Y-%m-%d') "
                       "FROM articles WHERE published_at IS NOT NULL "
                       "GROUP BY 1 ORDER BY count(*) DESC")
    ent = place = None
    if ds.has_entities:
        ent = _first(ds, "SELECT entity_id FROM entities WHERE type = 'PER' "
                         "ORDER BY article_count DESC")
        place = _first(ds, "SELECT name FROM entities WHERE type = 'LOC' "
                           "ORDER BY article_count DESC")
    word = place or _first(ds, "SELECT w FROM (SELECT unnest(string_split(title, ' ')) AS w "
                               "FROM articles) WHERE length(w) > 3 "
                               "GROUP BY 1 ORDER BY count(*) DESC")
    out = [("overview", "", {}), ("timeline", "timeline", {}),
           ("entities", "entities", {}), ("sources", "sources", {}),
           ("articles", "articles", {}), ("data", "data", {})]
    if quick:
        return out
    out += [
        ("overview by publisher", "", {"by": "publisher"}),
        ("overview search", "", {"q": word}),
        ("timeline outlets share", "timeline", {"split": "outlet", "measure": "share_outlet",
                                                "interval": "week"}),
        ("timeline outlets by day", "timeline", {"split": "outlet", "interval": "day"}),
        ("timeline compare", "timeline", {"split": "compare", "cmp": [word],
                                          **({"cmp_ent": [ent]} if ent else {})}),
        ("timeline clicked month", "timeline", {"period": month} if month else {}),
        ("entities by mentions", "entities", {"rank": "mentions"}),
        ("sources one outlet", "sources", {"outlet": [outlet]} if outlet else {}),
        ("sources coverage", "sources", {"q": word, **({"cov_entity": ent} if ent else {})}),
        ("articles search", "articles", {"q": word}),
        ("articles tag", "articles", {"tag": [tag]} if tag else {}),
    ]
    if ent:
        out.append(("entity page", "entities", {"entity": ent}))
    return out


def chart_texts(page) -> list[str]:
    return sorted(page.eval_on_selector_all(
        ".js-plotly-plot .main-svg text", "els => els.map(e => e.textContent)"))


def headings(page) -> list[str]:
    """The page's headings (title, sections, the reader's article title)."""
    return page.eval_on_selector_all('[data-testid="stMain"] :is(h1, h2, h3)',
                                     "els => els.map(e => e.textContent.trim())")


def check(browser, base: str, data_dir: Path, path: str,
          params: dict) -> tuple[list[str], int]:
    """Problems found on one view (empty when it passes) and its Arabic chart lines."""
    problems: list[str] = []
    specs = page_specs(data_dir, path, params)
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    page.goto(url(base, path, params))
    wait_ready(page, len(specs))
    problems += [f"error on page: {e[:200]}" for e in page_errors(page)]
    records = check_plotly_rtl(page, expected_strings(specs))
    problems += [f"wrong order: {json.dumps(r, ensure_ascii=False)[:200]}"
                 for r in records if not r["ok"]]
    copied, seen = page.url, (headings(page), chart_texts(page))
    first.close()
    # The copied link in a fresh context: no session state, no remembered widgets.
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = other.new_page()
    page.goto(copied)
    wait_ready(page, len(specs))
    problems += [f"error on reopened link: {e[:200]}" for e in page_errors(page)]
    if (headings(page), chart_texts(page)) != seen:
        problems.append(f"reopened link {copied} shows another view")
    other.close()
    return problems, len(records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--lang", nargs="+", default=["ar", "en"], choices=["ar", "en"])
    ap.add_argument("--quick", action="store_true", help="only each page's default view")
    args = ap.parse_args(argv)
    if (why := missing_browser()):
        print(why, file=sys.stderr)
        return 2
    # AppTest (used to know each page's expected chart strings) warns on every run.
    logging.disable(logging.WARNING)
    try:
        return run(args.data_dir, args.lang, args.quick)
    finally:
        logging.disable(logging.NOTSET)


def run(data_dir: Path, langs: list[str], quick: bool) -> int:
    """Check every view; print a line per view and a summary; 0 when all pass."""
    from playwright.sync_api import sync_playwright

    views = states(data_dir, quick)
    failed = 0
    with streamlit_server(data_dir) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in langs:
            for name, path, params in views:
                t0 = time.monotonic()
                try:
                    problems, n_arabic = check(browser, base, data_dir, path,
                                               {"lang": lang, **params})
                except Exception as exc:  # a timeout or a crash is a failure of this view
                    problems, n_arabic = [f"{type(exc).__name__}: {str(exc)[:300]}"], 0
                failed += bool(problems)
                status = "ok  " if not problems else "FAIL"
                print(f"{status} {lang} {name:<26} {n_arabic:>5} Arabic chart lines "
                      f"{time.monotonic() - t0:5.1f} s", flush=True)
                for p in problems:
                    print(f"     {p}", flush=True)
        browser.close()
    total = len(views) * len(langs)
    print(f"{total - failed}/{total} views passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
