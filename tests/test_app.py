"""The Streamlit app through streamlit.testing.v1.AppTest (same process, real store and SQLite)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

QUESTION = "性侵害未成年被害人的一站式取证救助机制要求一次性完成哪些工作？"


def _app() -> AppTest:
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption])


def test_ask_shows_cited_answer_and_source_cards():
    at = _app()
    assert at.title[0].value == "律据助手"
    assert "离线整理" in at.sidebar.info[0].value
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    assert not at.exception, at.exception
    text = _texts(at)
    assert "一次性完成未成年被害人" in text
    assert "[〔1〕](#src-" in text  # citation chip linking to its source card
    assert any(s.value.startswith("〔1〕《健全完善侦查监督与协作配合机制实施办法》第二十条") for s in at.subheader)
    assert "**" in next(m.value for m in at.markdown if "未成年被害人" in m.value and "**" in m.value)  # highlighted span
    assert "<" not in "".join(m.value for m in at.markdown if "src-" in m.value).replace("\\<", "")


def test_refusal_is_shown_as_such_with_nearest_clauses():
    at = _app()
    at.chat_input(key="chat_input").set_value("北京市人民检察院关于服务保障怀柔科学城建设的工作意见提出了哪些具体措施？").run()
    assert "未找到依据" in at.warning[0].value
    assert "可能相关" in _texts(at)


def test_plan_mode_renders_outline_and_offers_downloads():
    at = _app()
    at.sidebar.radio(key="mode").set_value("工作方案").run()
    at.chat_input(key="chat_input").set_value("为北京某区检察院起草一份未成年人综合司法保护工作方案提纲").run()
    assert not at.exception, at.exception
    text = _texts(at)
    assert "三、主要任务" in text and "（一）" in text
    labels = [b.label for b in at.get("download_button")]
    assert "下载 Word（.docx）" in labels and "下载 Markdown（.md）" in labels


def test_history_survives_a_new_app_instance_and_can_be_renamed_and_deleted():
    at = _app()
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    at2 = _app()  # a new session (a restart): pick the conversation from the list
    options = at2.sidebar.selectbox(key="conversation_select").options
    assert len(options) == 1
    assert "一次性完成未成年被害人" in _texts(at2)
    at2.sidebar.text_input(key="rename_text").set_value("未成年人取证")
    at2.sidebar.button(key="rename_button").click().run()
    at3 = _app()
    assert at3.sidebar.selectbox(key="conversation_select").options == ["未成年人取证"]
    at3.sidebar.button(key="delete_button").click().run()
    from assistant.config import Settings
    from assistant.ui.history import History

    assert History(Settings().data_dir / "conversations.sqlite3").conversations() == []
    at4 = _app()
    assert "一次性完成未成年被害人" not in _texts(at4)


def test_feedback_is_stored_with_the_turn(tmp_path):
    from assistant.config import Settings
    from assistant.ui.history import History

    at = _app()
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    fb = at.get("feedback")[0]
    fb.set_value(1).run()
    history = History(Settings().data_dir / "conversations.sqlite3")
    turns = history.turns(history.conversations()[0]["id"])
    assert turns[0].feedback == 1 and turns[0].result["statements"]


def test_upload_good_and_bad_files():
    at = _app()
    good = "某市无人机管理办法\n\n第一条 为规范无人机飞行，制定本办法。\n\n第二条 无人机飞行应当事先向公安机关报备飞行计划。\n"
    at.sidebar.file_uploader(key="upload").set_value(("无人机.txt", good.encode("utf-8"), "text/plain")).run()
    assert not at.exception, at.exception
    assert "已入库" in at.sidebar.success[0].value
    at.chat_input(key="chat_input").set_value("无人机飞行需要向谁报备飞行计划？").run()
    assert "报备飞行计划" in _texts(at)  # immediately searchable and citable
    bad = _app()
    before = bad.title[0].value and bad.caption[0].value
    bad.sidebar.file_uploader(key="upload").set_value(("扫描件.pdf", b"%PDF-1.4 garbage", "application/pdf")).run()
    assert "导入失败" in bad.sidebar.error[0].value and "未做任何更改" in bad.sidebar.error[0].value
    assert _app().caption[0].value == before  # clause counts unchanged


def test_llm_failure_is_explained_and_the_conversation_kept(monkeypatch):
    from tests.conftest import free_port

    port = free_port()  # nothing listens there: connection refused
    monkeypatch.setenv("LVJU_LLM_MODEL", "gemma")
    monkeypatch.setenv("LVJU_LLM_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("LVJU_LLM_MAX_RETRIES", "0")
    monkeypatch.setenv("LVJU_LLM_TIMEOUT_S", "5")
    at = _app()
    assert "大模型" in at.sidebar.success[0].value
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    assert not at.exception, at.exception
    assert "大模型暂不可用" in at.warning[0].value
    assert "一次性完成未成年被害人" in _texts(at)  # the offline answer instead
    assert len(_app().sidebar.selectbox(key="conversation_select").options) == 1


@pytest.mark.parametrize("env", [{"LVJU_CHROMA_SERVER_URL": "http://127.0.0.1:9"}])
def test_store_unavailable_shows_a_chinese_error(monkeypatch, env):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "条款库不可用" in at.error[0].value


def test_latest_evaluation_report_with_charts_in_the_sidebar(monkeypatch, tmp_path):
    import json

    import assistant.ui.app as app_module

    run = tmp_path / "eval" / "runs" / "20260101-000000_offline-offline_abc"
    run.mkdir(parents=True)
    (run / "report.md").write_text("# 评估报告\n\n- validity: 1.000\n", encoding="utf-8")
    (run / "report.html").write_text("<html></html>", encoding="utf-8")
    (run / "summary.json").write_text(json.dumps({
        "retrieval": {"by_type": {"lookup": {"R@5": 1.0}}},
        "checker": {"detection_by_mutation": {"negated": {"rate": 0.8}}}}), encoding="utf-8")
    monkeypatch.setattr(app_module, "REPO_ROOT", tmp_path)
    at = _app()
    assert any("20260101-000000_offline-offline_abc" in c.value for c in at.sidebar.caption)
    assert len(at.get("image")) == 2  # retrieval and checker charts (no answers section in this summary)
    assert any("validity: 1.000" in m.value for m in at.sidebar.markdown)


def test_traditional_clause_card_toggles_between_original_and_simplified():
    at = _app()
    question = "深化监狱巡回检察，全面推开看守所巡回检察"
    at.chat_input(key="chat_input").set_value(question).run()
    def card_texts():  # clause cards, not the answer's statement list
        return [m.value for m in at.markdown if not m.value.startswith("- ") and m.value != question
                and ("監獄" in m.value or "监狱" in m.value)]

    assert card_texts() and all("監獄巡迴檢察" in c for c in card_texts())  # the original script first
    toggle = next(t for t in at.toggle if t.label == "显示简体")
    toggle.set_value(True).run()
    assert not at.exception, at.exception
    assert any("监狱巡回检察" in c and "監獄" not in c for c in card_texts())


def test_remove_a_file_from_the_store_in_the_sidebar():
    at = _app()
    before = at.caption[0].value
    at.sidebar.selectbox(key="remove_select").set_value("003_0292eb66571a6072.txt")
    at.sidebar.button(key="remove_button").click().run()
    assert not at.exception, at.exception
    assert "已删除《武汉市“府检联动”实施方案》" in at.sidebar.success[0].value
    assert at.caption[0].value != before and "6 份文件" in at.caption[0].value
    at.chat_input(key="chat_input").set_value("武汉市“府检联动”协调机制的召集人是谁？").run()
    assert at.subheader and not any("府检联动" in s.value for s in at.subheader)  # no card cites the removed file
