"""End to end in a real browser: Debian's chromium (headless) driven by Playwright over CDP, against
the app started with `streamlit run` on 127.0.0.1. Saves a screenshot to test-artifacts/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import REPO, free_port, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
pytestmark = pytest.mark.server


@pytest.fixture
def app_url(tmp_path):
    port = free_port()
    env = {**os.environ, "LVJU_STORE_PATH": str(tmp_path / "store"), "LVJU_DATA_DIR": str(tmp_path / "data")}
    log = open(tmp_path / "streamlit.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(REPO / "streamlit_app.py"), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail("streamlit exited: " + (tmp_path / "streamlit.log").read_text(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not become healthy within 90 s")
    yield url
    stop(proc)
    log.close()


def test_question_answer_citation_and_source_card_in_chromium(app_url, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: .ci/run installs Debian's chromium and fonts-wqy-microhei")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),  # a fresh --user-data-dir
            executable_path=CHROMIUM, headless=True, viewport={"width": 1400, "height": 1800},
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"])
        try:
            page = browser.new_page()
            page.goto(app_url, wait_until="domcontentloaded", timeout=60_000)
            box = page.locator("textarea").first
            box.wait_for(state="visible", timeout=90_000)  # the store is built on first start
            box.fill("性侵害未成年被害人的一站式取证救助机制要求一次性完成哪些工作？")
            box.press("Enter")
            page.get_by_text("引用条款").first.wait_for(timeout=90_000)
            chip = page.locator('a[href^="#src-"]').first
            chip.wait_for(timeout=30_000)
            assert chip.inner_text().startswith("〔1〕")
            card = page.get_by_text("《健全完善侦查监督与协作配合机制实施办法》第二十条").first
            card.wait_for(timeout=30_000)
            assert page.get_by_text("一次性完成未成年被害人").count() >= 1
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "e2e-answer.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "e2e-answer.png").stat().st_size > 10_000
