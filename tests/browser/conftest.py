"""Real servers and a real browser: the stand-in, the middle tier, the page.

The browser is Debian's Chromium driven by Playwright. Without it these tests
skip, except in CI (CI=true), where a skipped browser test would hide a
broken journey and so fails instead.
"""

import os
import shutil
import subprocess
import sys

import pytest

from sandbox.quickstart import PAGE_DIR, Stack, wait_for
from tests.net import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(condition, reason):
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stack")
    with Stack(
        wso2_port=free_port(),
        api_port=free_port(),
        page_port=free_port(),
        state_dir=folder,
    ) as running:
        yield running


@pytest.fixture(scope="session")
def foreign_page_url():
    """The same sample page, served from an origin the middle tier does not allow."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(PAGE_DIR),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{port}"
    wait_for(f"{url}/index.html")
    yield url
    server.terminate()
    server.wait()


@pytest.fixture(scope="session")
def chromium():
    require(os.path.exists(CHROMIUM), f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()
