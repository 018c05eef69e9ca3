"""Browser fixtures: Debian's Chromium through Playwright, and the app as a subprocess.

They run with the rest of the suite (CI installs Chromium); `python -m pytest -m browser`
runs only them, `-m "not browser"` leaves them out. Needs /usr/bin/chromium (Debian's
`chromium` package; `playwright install` is never used) and the playwright Python package;
without them every test here is skipped with the reason.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # dashboard_fixture

CHROMIUM = "/usr/bin/chromium"
# Headless, no GPU, and nothing that phones home (the test network is closed).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
STARTUP_TIMEOUT_S = 60


def missing_browser() -> str | None:
    """Why browser tests cannot run here, or None."""
    if not Path(CHROMIUM).is_file():
        return f"Debian Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(data_dir: Path):
    """`streamlit run dashboard/app.py` on a free port with MARSAD_DATA=data_dir; yields
    its base URL and stops it afterwards."""
    port = free_port()
    env = {**os.environ, "MARSAD_DATA": str(data_dir)}
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
           "--server.headless", "true", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read() if proc.poll() is not None else ""
                raise RuntimeError(f"streamlit did not start on {url}:\n{out}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def browser():
    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900},
                                  device_scale_factor=1)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def fixture_data():
    from dashboard_fixture import fixture_dir

    return fixture_dir()


@pytest.fixture(scope="session")
def app_url(browser, fixture_data):
    with streamlit_server(fixture_data) as url:
        yield url
