"""Conversations belong to their browser, and document/model text stays inert — in a real browser.

Debian's chromium (headless) driven by Playwright against the app started with `streamlit run` on
127.0.0.1. Each Playwright browser context is a separate browser (its own cookie jar). The turns
are checked where they are stored (the app's SQLite file), and every page is checked for what it
shows. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import REPO, chat_completion, send_json, start_app, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
pytestmark = pytest.mark.server

QUESTION = "性侵害未成年被害人的一站式取证救助机制要求一次性完成哪些工作？"


def _start_app(tmp_path: Path, extra_env: dict | None = None) -> tuple[subprocess.Popen, str]:
    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: make test installs Debian's chromium and fonts-wqy-microhei")
    return start_app(tmp_path, extra_env)


def _turns(data_dir: Path) -> dict[str, dict]:
    """{conversation id: {"owner", "questions"}} as stored by the app."""
    if not (data_dir / "conversations.sqlite3").exists():
        return {}
    db = sqlite3.connect(data_dir / "conversations.sqlite3")
    try:
        out = {cid: {"owner": owner, "questions": []} for cid, owner in db.execute("SELECT id, owner FROM conversations")}
        for cid, q in db.execute("SELECT conversation_id, question FROM turns ORDER BY id"):
            out[cid]["questions"].append(q)
        return out
    finally:
        db.close()


@pytest.fixture(scope="module")
def offline_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("app")
    proc, url = _start_app(tmp)
    yield url, tmp / "data"
    stop(proc)


async def _ask(page, question: str, n_answers: int) -> None:
    box = page.locator("textarea").first
    await box.wait_for(state="visible", timeout=180_000)
    await box.fill(question)
    await box.press("Enter")
    # the n-th answer is complete when its feedback widget is there
    await page.locator('[data-testid="stChatMessage"]').nth(2 * n_answers - 1).wait_for(timeout=180_000)
    await page.locator('[data-testid="stFeedback"], [data-testid="stButtonGroup"]').nth(n_answers - 1).wait_for(timeout=180_000)
    await page.wait_for_load_state("networkidle")


async def _main_text(page) -> str:
    return await page.locator('[data-testid="stMainBlockContainer"]').inner_text()


async def _sidebar_text(page) -> str:
    return await page.locator('[data-testid="stSidebar"]').inner_text()


def _run(coro):
    return asyncio.run(coro)


def test_two_browsers_keep_their_conversations_apart_and_reload_reopens_one(offline_app):
    url, data = offline_app
    from playwright.async_api import async_playwright

    async def scenario():
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            a, b = await browser.new_context(), await browser.new_context()
            pa, pb = await a.new_page(), await b.new_page()
            await pa.goto(url)
            await _ask(pa, QUESTION, 1)
            assert "c=" in pa.url  # the active conversation is in the URL
            cookie_a = {c["name"]: c["value"] for c in await a.cookies()}.get("lvju_uid")
            assert cookie_a and len(cookie_a) == 32
            await pb.goto(url)
            await pb.locator("textarea").first.wait_for(timeout=120_000)
            await pb.wait_for_timeout(1000)
            assert "一次性完成" not in await _main_text(pb) and QUESTION[:10] not in await _sidebar_text(pb)
            await _ask(pb, "武汉市“府检联动”协调机制的召集人是谁？", 1)
            cookie_b = {c["name"]: c["value"] for c in await b.cookies()}.get("lvju_uid")
            assert cookie_b and cookie_b != cookie_a
            # b opens a's conversation URL: refused, nothing of a's shown
            await pb.goto(pa.url)
            await pb.locator("textarea").first.wait_for(timeout=60_000)
            await pb.get_by_text("不属于当前用户").wait_for(timeout=30_000)
            assert QUESTION[:10] not in await _main_text(pb) + await _sidebar_text(pb)
            # a reloads: the same conversation, and the next turn is appended to it
            await pa.reload()
            await pa.get_by_text("一次性完成未成年被害人").first.wait_for(timeout=60_000)
            await _ask(pa, "那联席会议多久召开一次？", 2)
            assert "府检联动" not in await _sidebar_text(pa)
            # a new conversation after the reload: empty screen, the next turn starts another one
            await pa.get_by_role("button", name="＋ 新建对话").click()
            await pa.wait_for_function("!location.search.includes('c=')", timeout=30_000)
            await pa.wait_for_timeout(800)
            assert "一次性完成未成年被害人" not in await _main_text(pa)
            await _ask(pa, "检察机关应当如何开展立案监督？", 1)
            second_url = pa.url
            # switch back to the first conversation in the list; a filter change keeps it
            await pa.locator('[data-testid="stSidebar"]').get_by_role("button", name=QUESTION[:12]).click()
            await pa.get_by_text("一次性完成未成年被害人").first.wait_for(timeout=60_000)
            assert pa.url != second_url
            await pa.wait_for_timeout(1000)  # the run that opened it ends (the list is drawn last)
            # the filter is low in the (longer) sidebar: bring the sidebar's end into view so its list opens on screen
            await pa.locator('[data-testid="stSidebarUserContent"]').evaluate("el => el.scrollIntoView(false)")
            await pa.locator('[data-testid="stMultiSelect"]').click()
            await pa.get_by_role("option").first.click()
            await pa.keyboard.press("Escape")
            await pa.wait_for_timeout(800)
            await _ask(pa, "监督意见应当如何整改？", 3)
            mid = {c["questions"][0]: c for c in _turns(data).values()}
            assert mid[QUESTION]["questions"] == [QUESTION, "那联席会议多久召开一次？", "监督意见应当如何整改？"]
            assert mid["检察机关应当如何开展立案监督？"]["questions"] == ["检察机关应当如何开展立案监督？"]
            assert mid[QUESTION]["owner"] == mid["检察机关应当如何开展立案监督？"]["owner"]
            # delete the current conversation: asked to confirm, then gone
            await pa.locator('[data-testid="stExpander"]').filter(has_text="重命名或删除").click()
            await pa.get_by_role("button", name="删除此对话").click()
            # the confirmation comes with the next script run: on a loaded 2-core machine that can take longer than 30 s
            await pa.get_by_role("button", name="确认删除").click(timeout=90_000)
            await pa.wait_for_function("!location.search.includes('c=')", timeout=30_000)
            await pa.wait_for_timeout(800)
            assert "一次性完成未成年被害人" not in await _main_text(pa)
            ARTIFACTS.mkdir(exist_ok=True)
            await pa.screenshot(path=str(ARTIFACTS / "isolation-browser-a.png"), full_page=True)
            await pb.screenshot(path=str(ARTIFACTS / "isolation-browser-b.png"), full_page=True)
            await browser.close()

    _run(scenario())
    convs = _turns(data)
    by_first = {c["questions"][0]: c for c in convs.values()}
    assert QUESTION not in by_first  # deleted, with its three turns (the third asked after the switch and filter)
    assert by_first["检察机关应当如何开展立案监督？"]["questions"] == ["检察机关应当如何开展立案监督？"]
    assert by_first["武汉市“府检联动”协调机制的召集人是谁？"]["questions"] == ["武汉市“府检联动”协调机制的召集人是谁？"]
    assert by_first["检察机关应当如何开展立案监督？"]["owner"] != by_first["武汉市“府检联动”协调机制的召集人是谁？"]["owner"]
    assert "监督意见应当如何整改？" not in [q for c in convs.values() for q in c["questions"]]
    assert all(c["questions"] for c in convs.values())  # no empty conversation


def test_twenty_concurrent_browsers_each_get_their_own_conversation(offline_app):
    url, data = offline_app
    from playwright.async_api import async_playwright

    n = 20
    topics = ["立案监督", "侦查活动监督", "一站式取证", "联席会议", "公益诉讼"]

    def questions(k: int) -> list[str]:
        return [f"关于{topics[k % len(topics)]}有哪些规定？（第{k}号浏览器）", f"第{k}号浏览器追问：具体由谁负责？"]

    async def one(browser, k: int) -> tuple[str, str]:
        await asyncio.sleep(0.25 * k)  # staggered arrivals; the sessions still overlap throughout
        ctx = await browser.new_context()
        ctx.set_default_timeout(180_000)  # twenty pages on two cores
        page = await ctx.new_page()
        await page.goto(url, wait_until="domcontentloaded")
        for i, q in enumerate(questions(k), 1):
            await _ask(page, q, i)
        text = await _main_text(page) + await _sidebar_text(page)
        await ctx.close()
        return text, page.url

    async def scenario():
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            out = await asyncio.gather(*(one(browser, k) for k in range(n)))
            await browser.close()
            return out

    before = set(_turns(data))
    pages = _run(scenario())
    for k, (text, _url) in enumerate(pages):
        assert f"第{k}号浏览器" in text
        others = [j for j in range(n) if j != k and f"第{j}号浏览器" in text]
        assert not others, f"browser {k} was shown the turns of browsers {others}"
    convs = {cid: c for cid, c in _turns(data).items() if cid not in before}
    assert len(convs) == n
    assert len({c["owner"] for c in convs.values()}) == n
    for c in convs.values():
        k = int(c["questions"][0].split("第")[-1].split("号")[0])
        assert c["questions"] == questions(k)


@pytest.fixture(scope="module")
def trap():
    """A server the page must never contact: every request to it is recorded."""
    hits: list[str] = []

    class Trap(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Trap)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv.server_address[1], hits
    srv.shutdown()


def _chat_server(reply: str):
    """An OpenAI-compatible chat endpoint on 127.0.0.1 that streams ``reply`` (the scripted model)."""

    class Chat(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            keys = {"k1": "C1", "k2": "C1"}
            for line in (body.get("messages") or [{}])[-1].get("content", "").splitlines():
                for name, article in (("k1", "第一条"), ("k2", "第二条")):
                    if line.startswith("[C") and f"实施办法》{article}" in line:
                        keys[name] = line[1 : line.index("]")]
            text = reply.format(**keys)
            base = {"id": "x", "created": 0, "model": body.get("model", "m")}
            if body.get("stream"):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for i in range(0, len(text), 8):
                    chunk = {**base, "object": "chat.completion.chunk",
                             "choices": [{"index": 0, "delta": {"content": text[i : i + 8]}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                end = {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                return
            send_json(self, chat_completion(text, base["model"]))

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Chat)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def test_links_and_images_from_documents_and_model_output_are_inert(tmp_path, trap):
    port, hits = trap
    t = f"http://127.0.0.1:{port}"
    doc = (f"关于![t]({t}/title.png)加强网络安全事件报告工作的实施办法\n\n"
           f"第一条 为规范网络安全事件报告工作，详见 {t}/evil)。另见[点此]({t}/link)及www.example.org，"
           f"联系邮箱 office@example.org。\n\n"
           f"第二条 网络运营者应当在二十四小时内报告网络安全事件 <img src={t}/tag.png> ![i]({t}/clause.png)。\n")
    files = tmp_path / "files"
    files.mkdir()
    (files / "网络安全[链接](www.example.org)![i](x.png).txt").write_text(doc, encoding="utf-8")
    env = {"LVJU_STORE_PATH": str(tmp_path / "store"), "LVJU_DATA_DIR": str(tmp_path / "data")}
    for args in (["init"], ["ingest", str(files)]):
        subprocess.run([sys.executable, "-m", "assistant.cli", *args], env={**os.environ, **env}, check=True,
                       capture_output=True, cwd=REPO, timeout=300)
    chat = _chat_server(f"网络运营者应当在二十四小时内报告网络安全事件 <img src={t}/tag.png> ![i]({t}/clause.png)[{{k2}}]。"
                        f"为规范网络安全事件报告工作，详见 {t}/evil)[{{k1}}]。"
                        f"另见 ![m]({t}/model.png) [官网]({t}/md-link) www.example.net 和 mailto:a@example.net[{{k1}}]。")
    proc, url = _start_app(tmp_path, {**env, "LVJU_LLM_MODEL": "scripted",
                                      "LVJU_LLM_BASE_URL": f"http://127.0.0.1:{chat.server_address[1]}/v1"})
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 2000})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url)
            box = page.locator("textarea").first
            box.wait_for(state="visible", timeout=120_000)
            box.fill("网络运营者报告网络安全事件的时限是什么？")
            box.press("Enter")
            page.get_by_text("引用条款").first.wait_for(timeout=120_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)
            page.locator('[data-testid="stExpander"]').filter(has_text="管理文件").click()  # lists the file name
            page.wait_for_timeout(500)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "inert-links.png"), full_page=True)
            main = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
            assert "二十四小时" in main and f"127.0.0.1:{port}/evil" in main  # the text is shown, as text
            assert "example.net" in main and "md-link" in main  # model output too
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
            resolved = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")  # the app's own pages: relative
            srcs = page.eval_on_selector_all("img[src]", "els => els.map(e => e.getAttribute('src'))")
            browser.close()
    finally:
        stop(proc)
        chat.shutdown()
    foreign = [h for h in resolved if not h.startswith(url + "/")]
    assert not foreign, f"live links from document/model text: {foreign}"
    assert not [s for s in srcs if str(port) in s or "example" in s], srcs
    assert any(h.startswith("#src-") for h in hrefs)  # our own citation chips are still links
    assert not [r for r in requests if f":{port}" in r], "the page contacted an address taken from the text"
    assert hits == []
