"""Browser fixtures: a fixture store, ``streamlit run dashboard.py`` on 127.0.0.1, Debian's chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.fixture_store import build

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e-store")
    build(root)
    return root


@contextlib.contextmanager
def dashboard(store_dir: Path, env: dict[str, str] | None = None):
    """``streamlit run dashboard.py`` on a free 127.0.0.1 port over ``store_dir``; yields its base URL.

    ``env``: more variables for the server (a reviewer token, news/review/token.py)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (make chromium) to run browser tests")
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("FOOTPRINT_REVIEW_TOKEN")},
           "FOOTPRINT_STORE": str(store_dir), **(env or {})}
    log = open(store_dir / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        log.close()
        pytest.fail("streamlit did not become healthy: " + (store_dir / "streamlit.log").read_text()[-2000:])
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def server(store_dir):
    with dashboard(store_dir) as base:
        yield base


@pytest.fixture(scope="module")
def browser(server):
    """Module-scoped: Playwright's sync API allows one running instance per thread, and other
    browser tests (tests/hardening) start their own after this module is done."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh context per test; fails the test on any JS dialog or off-host request."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = ctx.new_page()
    pg.dialogs, pg.offhost = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:")) else pg.offhost.append(r.url))
    yield pg
    ctx.close()
