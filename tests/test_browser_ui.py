"""The app's finishing details in a real browser: Debian's chromium (headless) driven by Playwright
against the app started with `streamlit run` on 127.0.0.1 (offline drafter, seed library).
Screenshots go to test-artifacts/ (looked at when the UI changes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, start_app, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
QUESTION = "性侵害未成年被害人的一站式取证救助机制要求一次性完成哪些工作？"
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: make test installs Debian's chromium and fonts-wqy-microhei")
    tmp = tmp_path_factory.mktemp("ui")
    env = {"LVJU_STORE_PATH": str(tmp / "store"), "LVJU_DATA_DIR": str(tmp / "data"), "LVJU_EVAL_RUNS_PATH": str(tmp / "runs")}
    for args in (["init"], ["eval", "run", "--json"]):  # a real evaluation run for the evaluation page
        subprocess.run([sys.executable, "-m", "assistant.cli", *args], env={**os.environ, **env}, check=True, capture_output=True,
                       cwd=REPO, timeout=600)
    proc, url = start_app(tmp, env)
    yield url, tmp
    stop(proc)


@pytest.fixture
def page(app):
    from playwright.sync_api import sync_playwright

    url, _tmp = app
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
        page.set_default_timeout(120_000)
        page.goto(url)
        page.locator("textarea").first.wait_for(state="visible", timeout=180_000)
        page.wait_for_load_state("networkidle")
        yield page
        browser.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _drawn_text(page, selector: str) -> str:
    """The text the page draws for an element: its own text if it has a size, else its ::after content."""
    return page.eval_on_selector(selector, """el => {
        const size = parseFloat(getComputedStyle(el).fontSize);
        const after = getComputedStyle(el, '::after').content;
        return (size > 0 ? el.innerText : '') + (after && after !== 'none' ? after.replace(/^"|"$/g, '') : '');
    }""")


def test_uploader_and_filter_are_chinese_with_the_real_limit(page):
    from assistant.parse.loaders import MAX_BYTES

    sb = page.locator('[data-testid="stSidebar"]')
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    hint = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    assert _drawn_text(page, button) == "选择文件"
    drawn = _drawn_text(page, hint)
    assert f"不超过 {MAX_BYTES // (1024 * 1024)} MB" in drawn and "per file" not in drawn
    assert "Upload" not in _drawn_text(page, button)
    assert _drawn_text(page, '[data-testid="stSkipToContent"]') == "跳到主要内容"  # shown on keyboard focus
    _shot(page, "ui-sidebar-uploader.png")
    # dragging a file over the uploader: its overlay text is Chinese too
    zone = '[data-testid="stFileUploaderDropzone"]'
    data = page.evaluate_handle("""() => { const dt = new DataTransfer();
        dt.items.add(new File(["第一条 测试。"], "a.txt", {type: "text/plain"})); return dt; }""")
    page.dispatch_event(zone, "dragenter", {"dataTransfer": data})
    overlay = f"{zone} > div:not([data-testid])"
    page.locator(overlay).first.wait_for()
    assert page.eval_on_selector(overlay, "el => getComputedStyle(el, '::after').content") == '"松开鼠标即可添加文件"'
    sizes = page.eval_on_selector_all(f"{overlay} *", "els => els.filter(e => e.innerText.includes('Drag'))"
                                                       ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and not any(sizes)  # the English overlay text is there but drawn at size 0
    _shot(page, "ui-sidebar-uploader-drag.png")
    page.dispatch_event(zone, "dragleave", {"dataTransfer": data})
    sb.locator('[data-testid="stMultiSelect"]').click()
    options = page.get_by_role("option")
    options.first.wait_for()
    texts = options.all_inner_texts()
    assert texts and not [t for t in texts if "Select" in t]  # document names only
    _shot(page, "ui-sidebar-uploader-filter.png")
    page.keyboard.press("Escape")
    # a file chosen (an empty one: its import fails and the library stays as it was) is listed by a readable name, with
    # no drag overlay text left over (an app trial found the names drawn at size 0 under 松开鼠标即可添加文件)
    page.set_input_files('[data-testid="stFileUploader"] input[type=file]',
                         files=[{"name": "空白.txt", "mimeType": "text/plain", "buffer": b""}])
    chip = '[data-testid="stFileChipName"]'
    page.locator(chip).first.wait_for()
    assert page.eval_on_selector(chip, "el => parseFloat(getComputedStyle(el).fontSize)") > 0
    assert page.eval_on_selector(chip, "el => el.innerText") == "空白.txt"
    holder = f'{zone} > div:not([data-testid])'
    assert page.eval_on_selector(holder, "el => getComputedStyle(el, '::after').content") in ("none", "normal")
    sb.get_by_text("文件为空").first.wait_for()
    _shot(page, "ui-sidebar-uploader-chosen.png")


def test_evaluation_page_has_chinese_charts_and_tables(page):
    page.get_by_role("link", name="评估结果").click()
    page.get_by_role("heading", name="评估结果").wait_for()
    main = page.locator('[data-testid="stMainBlockContainer"]')
    main.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    page.wait_for_load_state("networkidle")
    text = main.inner_text()
    assert "条文查找" in text and "前5条命中率" in text and "lookup" not in text
    _shot(page, "ui-evaluation-retrieval.png")
    page.get_by_role("tab", name="回答与引用").click()
    page.get_by_text("引用支持率").first.wait_for()
    _shot(page, "ui-evaluation-answers.png")
    page.get_by_role("tab", name="引用核对器").click()
    page.get_by_text("对各类错误引用的识别率").wait_for()
    text = main.inner_text()
    assert "引错条款" in text and "wrong_clause" not in text
    _shot(page, "ui-evaluation-checker.png")


def test_settings_page_explains_the_settings_in_chinese(page):
    page.get_by_role("link", name="设置说明").click()
    page.get_by_role("heading", name="设置说明").wait_for()
    page.get_by_text("条款库位置").wait_for()
    text = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "当前生成方式：离线整理" in text and "检索" in text and "LVJU_" not in text
    _shot(page, "ui-settings.png")


def _ask(page, question: str) -> None:
    """Ask and wait until this answer is complete (its feedback widget is there)."""
    answers = page.locator('[data-testid="stFeedback"]')
    before = answers.count()
    box = page.locator("textarea").first
    box.fill(question)
    box.press("Enter")
    answers.nth(before).wait_for()
    page.wait_for_load_state("networkidle")


def test_citation_chip_preview_short_card_titles_and_word_export(page, tmp_path):
    _ask(page, QUESTION)
    chip = page.locator('[data-testid="stChatMessage"] a[href^="#src-"]').first
    chip.wait_for()
    title = chip.get_attribute("title")
    assert title and "第二十条：" in title and "一次性完成" in title
    chip.hover()
    page.wait_for_timeout(300)
    drawn = chip.evaluate("el => getComputedStyle(el, '::after').content")
    assert "第二十条：" in drawn  # the preview is drawn on hover
    _shot(page, "ui-chip-preview.png")
    card = page.locator('[class*="st-key-card_"]').filter(has_text="第二十条").first
    heading = card.locator("h3").first
    assert "健全完善侦查监督与协作配合机制实施办法" not in heading.inner_text()  # a short name
    assert float(heading.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) < 20
    card.locator('[data-testid="stTooltipIcon"]').first.hover()
    page.get_by_text("全称：《北京市人民检察院 北京市公安局健全完善侦查监督与协作配合机制实施办法》").wait_for()
    page.wait_for_timeout(800)  # the tooltip fades in
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-card-full-title.png"))
    # the answer as Word: the statements with their citation numbers, then the cited clauses
    with page.expect_download() as info:
        page.get_by_role("button", name="下载回答（Word）").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    import docx

    paras = [p.text for p in docx.Document(str(path)).paragraphs if p.text]
    assert paras[0] == QUESTION and "依据" in paras
    assert any(t.startswith("[1] 《") and "第二十条" in t for t in paras) and any("一次性完成未成年被害人" in t for t in paras)
    # …and as Markdown
    with page.expect_download() as info:
        page.get_by_role("button", name="下载回答（Markdown）").click()
    md = (tmp_path / "a.md")
    info.value.save_as(md)
    assert md.read_text(encoding="utf-8").startswith("# ") and "## 引用条款" in md.read_text(encoding="utf-8")
    # thumbs up is kept after a reload
    thumbs = page.locator('[data-testid="stFeedback"] [aria-checked]')
    thumbs.first.click()
    page.wait_for_timeout(1000)
    page.reload()
    page.locator('[data-testid="stFeedback"]').first.wait_for()
    page.wait_for_timeout(1000)
    assert page.locator('[data-testid="stFeedback"] [aria-checked]').first.get_attribute("aria-checked") == "true"
    assert page.locator('[data-testid="stFeedback"] [aria-checked]').nth(1).get_attribute("aria-checked") == "false"


def test_conversation_list_with_days_search_and_rename(page):
    sb = page.locator('[data-testid="stSidebar"]')
    _ask(page, QUESTION)
    page.get_by_role("button", name="＋ 新建对话").click()
    page.wait_for_function("!location.search.includes('c=')")
    page.locator('[data-testid="stFeedback"]').first.wait_for(state="detached")  # the new conversation is empty
    _ask(page, "武汉市“府检联动”协调机制的召集人是谁？")
    listed = sb.locator('[class*="st-key-conv_"]')
    listed.nth(1).wait_for()
    assert listed.count() == 2 and "武汉市" in listed.nth(0).inner_text()  # newest first
    assert "今天" in sb.inner_text()
    _shot(page, "ui-conversation-list-all.png")
    sb.get_by_placeholder("按标题或问题中的词搜索").fill("一站式")
    sb.get_by_placeholder("按标题或问题中的词搜索").press("Enter")
    page.wait_for_timeout(800)
    assert listed.count() == 1
    sb.get_by_role("button", name=QUESTION[:12]).click()
    page.get_by_text("一次性完成未成年被害人").first.wait_for()
    sb.locator('[data-testid="stExpander"]').filter(has_text="重命名或删除").click()
    sb.get_by_label("新名称").fill("未成年人一站式取证")
    sb.get_by_role("button", name="重命名").click()
    sb.get_by_role("button", name="未成年人一站式取证").wait_for()
    _shot(page, "ui-conversation-list.png")


def test_welcome_example_filter_indicator_follow_up_and_copy(page, tmp_path):
    main = page.locator('[data-testid="stMainBlockContainer"]')
    assert "条款库中的文件（7 份）" in main.inner_text()
    examples = main.locator('[class*="st-key-example_"] [data-testid^="stBaseButton"]')
    assert 3 <= len(set(examples.all_inner_texts())) <= 6  # (a button with help text sits in two key-classed wrappers)
    _shot(page, "ui-welcome.png")
    first = examples.first.inner_text()
    examples.first.click()  # an example question is asked at once
    page.locator('[data-testid="stFeedback"]').first.wait_for()
    assert first in main.inner_text() and "条款库中的文件" not in main.inner_text()  # the welcome gave way
    # a follow-up is shown as it was understood
    _ask(page, "副中心工作意见对防范金融风险有什么要求？")
    box = page.locator("textarea").first
    box.fill("那城南的意见呢？")
    box.press("Enter")
    page.get_by_text("理解为：").first.wait_for()
    page.locator('[data-testid="stFeedback"]').nth(2).wait_for()
    # copy: the answer as Markdown in a popover with a copy button
    page.get_by_role("button", name="复制回答").last.click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').last
    code.wait_for()
    copied = code.inner_text()
    assert copied.startswith("那城南的意见呢") and "引用条款" in copied and "\\" not in copied  # plain text, no escapes
    _shot(page, "ui-follow-up-and-copy.png")
    page.keyboard.press("Escape")
    # the filter: shown above the input and cleared in one click
    sb = page.locator('[data-testid="stSidebar"]')
    sb.locator('[data-testid="stSidebarUserContent"]').evaluate("el => el.scrollIntoView(false)")
    sb.locator('[data-testid="stMultiSelect"]').click()
    page.get_by_role("option").first.click()
    page.keyboard.press("Escape")
    page.get_by_text("仅在以下文件中检索").wait_for()
    _shot(page, "ui-filter-indicator.png")
    page.get_by_role("button", name="清除筛选").click()
    page.get_by_text("仅在以下文件中检索").wait_for(state="detached")


def test_plan_outline_and_its_word_download(page, tmp_path):
    sb = page.locator('[data-testid="stSidebar"]')
    sb.get_by_text("工作方案").click()
    page.wait_for_timeout(500)
    _ask(page, "为北京某区检察院起草一份未成年人综合司法保护工作方案提纲")
    main = page.locator('[data-testid="stMainBlockContainer"]')
    page.get_by_text("三、主要任务").wait_for()
    _shot(page, "ui-plan.png")
    with page.expect_download() as info:
        main.get_by_role("button", name="下载 Word（.docx）").click()
    path = tmp_path / "plan.docx"
    info.value.save_as(path)
    import docx

    paras = [p for p in docx.Document(str(path)).paragraphs if p.text]
    headings = [p.text for p in paras if p.style.name == "Heading 1"]
    assert "三、主要任务" in headings and headings[-1] == "依据"
    assert any(p.style.name == "Heading 2" and p.text.startswith("（一）") for p in paras)
