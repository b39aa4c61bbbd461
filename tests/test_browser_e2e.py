"""End to end in a real browser: Debian's chromium (headless) driven by Playwright over CDP, against
the app started with `streamlit run` on 127.0.0.1. Saves a screenshot to test-artifacts/."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import REPO, start_app, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
pytestmark = pytest.mark.server


@pytest.fixture
def app_url(tmp_path):
    proc, url = start_app(tmp_path)
    yield url
    stop(proc)


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
            card = page.locator('[class*="st-key-card_"] h3').filter(has_text="第二十条").first  # the source card
            card.wait_for(timeout=30_000)
            assert "侦查监督" in card.inner_text()
            assert page.get_by_text("一次性完成未成年被害人").count() >= 1
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "e2e-answer.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "e2e-answer.png").stat().st_size > 10_000
