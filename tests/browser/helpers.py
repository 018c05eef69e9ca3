"""What the browser tests expect and how they wait.

The expected logical strings of a page's charts come from running the same page with the
same URL parameters under Streamlit's AppTest (same data, same code): every string a
figure may display, bidi controls removed, split at `<br>`. Hover labels of line charts
are rendered from templates, so `hover_strings` fills the templates in for every point.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import urlencode

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.figures.style import display_strings, has_arabic, strip_controls

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
VIEWS = {"": None, "timeline": "timeline", "entities": "entities", "sources": "sources",
         "articles": "articles", "data": "data"}
READY_TIMEOUT_MS = 30_000


def page_specs(data_dir: Path, path: str, params: dict) -> list[dict]:
    """The Plotly specs the page at `/path?params` builds (run under AppTest)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MARSAD_DATA", str(data_dir))
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if VIEWS[path]:
            at.switch_page(f"views/{VIEWS[path]}.py")
            at.run()
        assert not at.exception, at.exception
        return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def expected_strings(specs: list[dict]) -> set[str]:
    out: set[str] = set()
    for spec in specs:
        out |= display_strings(spec)
    return out


def _array(value) -> list:
    """A plotly JSON array (plain list or base64 typed array) as a list."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value or [])


def hover_strings(spec: dict) -> set[str]:
    """Every Arabic hover line the line charts of `spec` can show (templates filled in)."""
    out: set[str] = set()
    for trace in spec.get("data", []):
        template = trace.get("hovertemplate")
        if trace.get("type") != "scatter" or not template:
            continue
        ys, custom = _array(trace.get("y")), trace.get("customdata") or []
        for y, (_, n) in zip(ys, custom, strict=False):
            text = (template.replace("%{y:,.0f}", f"{y:,.0f}").replace("%{y:.1%}", f"{y:.1%}")
                    .replace("%{customdata[1]:,}", f"{int(n):,}"))
            for line in text.replace("<extra></extra>", "").split("<br>"):
                if has_arabic(line):
                    out.add(strip_controls(line))
    return out


def url(base: str, path: str, params: dict) -> str:
    return f"{base}/{path}?{urlencode(params, doseq=True)}"


def wait_ready(page, n_charts: int) -> None:
    """Wait until the script run has finished (the frame's CSS is in, the page title is
    drawn), `n_charts` Plotly charts are drawn and the fonts are loaded."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=READY_TIMEOUT_MS)
    page.wait_for_function(
        """n => !document.querySelector('[data-testid="stStatusWidget"]')
               && document.querySelectorAll('[data-testid="stPlotlyChart"]').length === n
               && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2 * n
               && document.querySelector('[data-testid="stMain"] h1')
               && [...document.querySelectorAll('style')]
                      .some(s => s.textContent.includes('.marsad-reader'))""",
        arg=n_charts, timeout=READY_TIMEOUT_MS)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_timeout(300)  # plotly's last relayout after the fonts


def page_errors(page) -> list[str]:
    """Texts of Streamlit exceptions and error/warning boxes on the page."""
    return page.locator('[data-testid="stException"], [data-testid="stAlertContentError"], '
                        '[data-testid="stAlertContentWarning"]').all_inner_texts()
