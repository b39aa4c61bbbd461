"""The Streamlit app through streamlit.testing.v1.AppTest (same process, real store and SQLite)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

QUESTION = "性侵害未成年被害人的一站式取证救助机制要求一次性完成哪些工作？"


@pytest.fixture(autouse=True)
def _seeded(seeded_store):
    """Every app session starts on a copy of the seeded store (not a fresh ingest per test)."""


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
    # the card heading names the document by a short name; the full title is its help text
    card = next(s for s in at.subheader if s.value.startswith("〔1〕") and "第二十条" in s.value)
    assert len(card.value) < len("〔1〕《健全完善侦查监督与协作配合机制实施办法》第二十条")
    assert "全称：《北京市人民检察院 北京市公安局健全完善侦查监督与协作配合机制实施办法》" in _plain(card.proto.help)
    # the chip carries a preview of the cited clause (label and text) as its link title
    chips = next(m.value for m in at.markdown if "[〔1〕](#src-" in m.value)
    assert '(#src-' in chips and '第二十条：' in chips and "一次性完成" in chips.split("第二十条：", 1)[1]
    card = next(m.value for m in at.markdown if "未成年被害人" in m.value and ":orange-background[" in m.value)  # highlighted span
    assert "**" not in card
    assert "<" not in "".join(m.value for m in at.markdown if "src-" in m.value).replace("\\<", "")


def test_refusal_is_shown_as_such_with_nearest_clauses():
    at = _app()
    at.chat_input(key="chat_input").set_value("北京市人民检察院关于服务保障怀柔科学城建设的工作意见提出了哪些具体措施？").run()
    assert "未找到依据" in at.warning[0].value
    assert "可能相关" in _texts(at)
    # clauses on the topic that do not give the value asked for: 未找到直接规定, not a flat 未找到依据
    at.chat_input(key="chat_input").set_value("行政机关逾期不回复检察建议的罚款是多少元？").run()
    assert any("未找到直接规定" in w.value for w in at.warning)
    # a part that does not exist is said once, not as a note and again as a statement (app trial)
    at.chat_input(key="chat_input").set_value("侦查监督与协作配合机制实施办法第五十条是怎么规定的？").run()
    assert sum(m.value.count("不存在第五十条") for m in at.markdown) == 1


def test_a_drafting_request_in_question_mode_says_where_the_outline_is():
    """A clerk typing 请起草…工作方案 in 问答 mode got an answer and no word of the 工作方案 mode (a browser check); a question
    gets no such hint."""
    from assistant.ui.app import PLAN_MODE_HINT

    at = _app()
    at.chat_input(key="chat_input").set_value("为北京某区检察院起草一份未成年人综合司法保护工作方案提纲").run()
    assert not at.exception, at.exception
    assert any(PLAN_MODE_HINT == i.value for i in at.info)
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    assert sum(PLAN_MODE_HINT == i.value for i in at.info) == 1  # (the first turn's, shown again; none for the question)


def test_plan_mode_renders_outline_and_offers_downloads():
    at = _app()
    at.sidebar.radio(key="mode").set_value("工作方案").run()
    at.chat_input(key="chat_input").set_value("为北京某区检察院起草一份未成年人综合司法保护工作方案提纲").run()
    assert not at.exception, at.exception
    text = _texts(at)
    assert "三、主要任务" in text and "（一）" in text
    labels = [b.label for b in at.get("download_button")]
    assert "下载 Word（.docx）" in labels and "下载 Markdown（.md）" in labels


def _history_db():
    from assistant.config import Settings
    from assistant.ui.history import History

    return History(Settings().data_dir / "conversations.sqlite3")


def _browser(browser_id: str | None = None, conversation: str | None = None) -> AppTest:
    """A session of the browser holding ``browser_id`` (the cookie a real browser sends; AppTest
    cannot send cookies, so the session starts with the id the page would report), optionally
    opened on the URL ``?c=conversation``."""
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=120)
    if browser_id:
        at.session_state["browser_id"] = browser_id
    if conversation:
        at.query_params["c"] = conversation
    at.run()
    assert not at.exception, at.exception
    return at


def _listed(at: AppTest) -> list:
    """The conversation buttons of the sidebar list, in order."""
    return [b for b in at.sidebar.button if b.key and b.key.startswith("conv_")]


def _owner(at: AppTest) -> str:
    from assistant.ui.identity import browser_owner

    return browser_owner(at.session_state["browser_id"])


def test_each_browser_sees_only_its_own_conversations():
    a = _browser()
    a.chat_input(key="chat_input").set_value(QUESTION).run()
    cid_a = a.query_params["c"][0] if isinstance(a.query_params["c"], list) else a.query_params["c"]
    b = _browser()  # another browser: another random id
    assert b.session_state["browser_id"] != a.session_state["browser_id"]
    assert "一次性完成未成年被害人" not in _texts(b)
    assert not _listed(b)  # nothing to list
    b.chat_input(key="chat_input").set_value("武汉市“府检联动”协调机制的召集人是谁？").run()
    h = _history_db()
    conv_a, conv_b = h.conversations(_owner(a)), h.conversations(_owner(b))
    assert [c["id"] for c in conv_a] == [cid_a] and len(conv_b) == 1 and conv_b[0]["id"] != cid_a
    assert [t.question for t in h.turns(_owner(a), cid_a)] == [QUESTION]
    # b opening a's conversation by its URL gets nothing of it, and its next turn stays b's
    b2 = _browser(b.session_state["browser_id"], cid_a)
    assert "一次性完成未成年被害人" not in _texts(b2)
    assert any("不属于当前用户" in i.value for i in b2.info)
    b2.chat_input(key="chat_input").set_value("联席会议多久开一次？").run()
    assert [t.question for t in h.turns(_owner(a), cid_a)] == [QUESTION]
    assert h.turns(_owner(b), cid_a) == []


def test_reload_reopens_the_conversation_and_new_switch_filter_delete_keep_turns_apart():
    a = _browser()
    bid = a.session_state["browser_id"]
    a.chat_input(key="chat_input").set_value(QUESTION).run()
    first = a.query_params["c"]
    first = first[0] if isinstance(first, list) else first
    # reload: the same browser on the same URL sees the conversation and appends to it
    r = _browser(bid, first)
    assert "一次性完成未成年被害人" in _texts(r)
    r.chat_input(key="chat_input").set_value("那城南的意见呢？").run()
    h = _history_db()
    owner = _owner(a)
    assert len(h.turns(owner, first)) == 2
    # new conversation after a reload: the screen is empty and the next turn starts a second one
    r.sidebar.button(key="new_conversation").click().run()
    assert "c" not in r.query_params and "一次性完成未成年被害人" not in _texts(r)
    assert len(h.conversations(owner)) == 1  # no empty conversation stored
    r.chat_input(key="chat_input").set_value("武汉市“府检联动”协调机制的召集人是谁？").run()
    second = r.query_params["c"]
    second = second[0] if isinstance(second, list) else second
    assert second != first and len(h.turns(owner, second)) == 1 and len(h.turns(owner, first)) == 2
    # switch back to the first one; a filter change does not move the conversation
    r.sidebar.button(key=f"conv_{first}").click().run()
    assert "一次性完成未成年被害人" in _texts(r)
    r.sidebar.multiselect(key="doc_filter").set_value([r.sidebar.multiselect(key="doc_filter").options[0]]).run()
    r.chat_input(key="chat_input").set_value("检察机关应当如何开展立案监督？").run()
    assert len(h.turns(owner, first)) == 3 and len(h.turns(owner, second)) == 1
    assert len(h.conversations(owner)) == 2
    # rename (a blank name is refused with a word), then delete with confirmation
    r.sidebar.text_input(key="rename_text").set_value("   ")
    r.sidebar.button(key="rename_button").click().run()
    assert any("不能为空" in w.value for w in r.sidebar.warning)
    r.sidebar.text_input(key="rename_text").set_value("未成年人取证")
    r.sidebar.button(key="rename_button").click().run()
    assert h.conversations(owner)[0]["title"] == "未成年人取证"
    r.sidebar.button(key="delete_button").click().run()
    assert len(h.conversations(owner)) == 2  # not yet: a confirmation is asked
    r.sidebar.button(key="delete_confirm").click().run()
    assert [c["id"] for c in h.conversations(owner)] == [second]
    assert "c" not in r.query_params and "一次性完成未成年被害人" not in _texts(r)


def test_oidc_user_owns_the_conversations_when_an_identity_provider_is_configured():
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=120)
    at.secrets["auth"] = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "lvju", "client_secret": "s", "server_metadata_url": "http://127.0.0.1:9/.well-known"}
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["登录"] and not at.get("chat_input")
    at.user = {"is_logged_in": True, "sub": "user-1", "iss": "http://idp", "email": "a@example.org"}
    at.run()
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    assert not at.exception, at.exception
    from assistant.ui.identity import oidc_owner

    h = _history_db()
    assert len(h.conversations(oidc_owner({"sub": "user-1", "iss": "http://idp"}))) == 1
    assert h.conversations(oidc_owner({"sub": "user-2", "iss": "http://idp"})) == []


def test_feedback_is_stored_with_the_turn_and_shown_after_a_reload():
    at = _browser()
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    at.get("feedback")[0].set_value(1).run()
    h = _history_db()
    cid = h.conversations(_owner(at))[0]["id"]
    turns = h.turns(_owner(at), cid)
    assert turns[0].feedback == 1 and turns[0].result["statements"]
    again = _browser(at.session_state["browser_id"], cid)
    assert again.get("feedback")[0].value == 1


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
    from assistant.ui.identity import browser_owner

    assert len(_history_db().conversations(browser_owner(at.session_state["browser_id"]))) == 1


@pytest.mark.parametrize("env", [{"LVJU_CHROMA_SERVER_URL": "http://127.0.0.1:9"}])
def test_store_unavailable_shows_a_chinese_error(monkeypatch, env):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "条款库不可用" in at.error[0].value


def test_a_store_built_with_other_settings_is_explained_in_chinese(monkeypatch, tmp_path):
    """A library built with another embedder (here: another hashing dimension) is not rebuilt over the user's files;
    the app says in Chinese which setting built it."""
    from assistant.config import Settings
    from assistant.index.ingest import ingest_paths

    own = tmp_path / "own"
    own.mkdir()
    (own / "某某条例.txt").write_text("某某条例\n\n第一条 为了规范某某工作，制定本条例。\n", encoding="utf-8")
    ingest_paths(Settings(store_path=tmp_path / "lib", data_dir=tmp_path / "libdata", embedding_dim=128), [own])
    monkeypatch.setenv("LVJU_STORE_PATH", str(tmp_path / "lib"))
    monkeypatch.setenv("LVJU_DATA_DIR", str(tmp_path / "libdata"))
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    shown = at.error[0].value
    assert "条款库是用另一种设置建立的" in shown and "离线向量维度 128" in shown and "LVJU" not in shown, shown


def _plain(markdown: str) -> str:
    """What escaped Markdown shows: the text without its escaping backslashes and word joiners."""
    import re

    from assistant.text.mdtext import WJ

    return re.sub(r"\\(.)", r"\1", markdown).replace(WJ, "")


def _page(name: str) -> AppTest:
    """One of the app's other pages on its own (AppTest switches only between file pages)."""
    def script(page_name):
        from assistant.config import Settings
        from assistant.ui import pages

        getattr(pages, page_name)(Settings())

    at = AppTest.from_function(script, default_timeout=120, args=(name,))
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_evaluation_page_shows_the_latest_run_in_chinese_tables_and_charts(monkeypatch, tmp_path):
    from assistant.config import Settings
    from assistant.evaluate import evaluation
    from assistant.ui.pages import METRICS_ZH, TYPES_ZH

    runs = tmp_path / "runs"
    monkeypatch.setenv("LVJU_EVAL_RUNS_PATH", str(runs))
    assert any("尚无评估记录" in i.value for i in _page("evaluation_page").info)
    config = evaluation.RunConfig(dataset=REPO / "eval" / "datasets" / "gold_dev.jsonl",
                                  faithfulness=REPO / "eval" / "datasets" / "faithfulness_dev.jsonl")
    run_dir, summary = evaluation.run(Settings(), config, runs)
    at = _page("evaluation_page")
    assert at.selectbox(key="eval_run").value == run_dir
    assert any("不是您导入的文件库" in c.value for c in at.caption)  # what the figures are, for a non-engineer
    assert all(m.help for m in at.metric[:3])
    assert [t.label for t in at.tabs] == ["检索", "回答与引用", "引用核对器"]
    frames = [t.value for t in at.table]
    assert len(frames) >= 5  # retrieval by type, answers by type, all metrics, mutations, confusion
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3  # retrieval, answers and checker charts
    import json

    from streamlit import dataframe_util

    assert [json.loads(c.proto.spec)["encoding"]["x"]["title"] for c in charts] == ["百分比（%）", "百分比（%）", "识别率（%）"]
    data = [dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for c in charts for d in c.proto.datasets]
    plotted = {v for f in data for v in f["类别"].tolist() + f["指标"].tolist()}
    assert TYPES_ZH["lookup"] in plotted and "前5条命中率" in plotted and "lookup" not in plotted
    shown = "".join(m.label + m.value for m in at.metric)
    assert "前5条命中率" in shown and "%" in shown
    cells = _plain(" ".join(str(v) for f in frames for v in [*f.columns, *f.to_numpy().ravel()]))
    for t in summary["retrieval"]["by_type"]:
        assert TYPES_ZH[t] in cells and f" {t} " not in f" {cells} "  # question types named in Chinese
    assert METRICS_ZH["citation_recall"][0] in cells
    assert "调参半集" in cells and "验证半集" in cells  # the fixed halves side by side
    english = [w for w in ("lookup", "validity", "citation_recall", "negated", "supported", "R@5", "tuning", "validation") if w in cells]
    assert not english, english


def test_the_settings_page_explains_every_setting_without_names_or_secrets(monkeypatch):
    from assistant.config import Settings
    from assistant.ui.pages import SETTINGS_ZH

    explained = [f for _group, fields in SETTINGS_ZH for f, _n, _d in fields]
    assert sorted(explained) == sorted(Settings.model_fields)  # every setting, once
    monkeypatch.setenv("LVJU_LLM_MODEL", "qwen2.5")
    monkeypatch.setenv("LVJU_LLM_BASE_URL", "http://user:hunter2@127.0.0.1:9/v1?token=t0ps3cret")
    monkeypatch.setenv("LVJU_LLM_API_KEY", "sk-verysecret")
    at = _page("settings_page")
    cells = _plain(" ".join(str(v) for t in at.table for v in t.value.to_numpy().ravel()))
    text = cells + _plain("".join(m.value for m in at.markdown) + "".join(s.value for s in at.success))
    assert "127.0.0.1:9/v1" in text and "qwen2.5" in text and "已设置（不显示）" in text
    for secret in ("hunter2", "t0ps3cret", "sk-verysecret", "LVJU_"):
        assert secret not in text
    assert str(Settings().store_path) in cells
    # the embedder in use is said, and the settings it does not read are marked (the model name of a service is not e5's)
    infos = " ".join(i.value for i in at.info)
    assert "当前向量化方式：hashing" in infos
    rows = {r[0]: r[1] for t in at.table for r in t.value.to_numpy().tolist()}
    assert rows["向量化模型"].endswith("（当前向量化方式不使用）") and not rows["离线向量维度"].endswith("（当前向量化方式不使用）")


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
    at.chat_input(key="chat_input").set_value("武汉市“府检联动”协调机制的召集人是谁？").run()  # answered from it first
    assert not any("已从条款库删除" in c.value for c in at.caption)
    before = at.caption[0].value
    at.sidebar.selectbox(key="remove_select").set_value("003_0292eb66571a6072.txt")
    at.sidebar.button(key="remove_button").click().run()
    assert not at.exception, at.exception
    # asked first (an app trial: it deleted at once); cancelling changes nothing
    assert any("确定从条款库删除《武汉市“府检联动”实施方案》" in w.value for w in at.sidebar.warning)
    at.sidebar.button(key="remove_cancel").click().run()
    assert at.caption[0].value == before and not at.sidebar.warning
    at.sidebar.button(key="remove_button").click().run()
    at.sidebar.button(key="remove_confirm").click().run()
    assert not at.exception, at.exception
    assert "已删除《武汉市“府检联动”实施方案》" in at.sidebar.success[0].value
    assert at.caption[0].value != before and "6 份文件" in at.caption[0].value
    # the answer given before keeps its quote, its card saying the document is gone (browser trial)
    assert any("该文件已从条款库删除" in c.value for c in at.caption)
    at.chat_input(key="chat_input").set_value("武汉市“府检联动”协调机制的召集人是谁？").run()
    new = [s for s in at.subheader if s.anchor.startswith("src-2-")]  # the new answer's cards
    assert new and not any("府检联动" in s.value for s in new)  # none cites the removed file


def test_upload_while_the_store_is_in_use_times_out_with_a_chinese_message_and_changes_nothing(monkeypatch):
    from assistant.config import Settings
    from assistant.index.locking import lock_path, store_lock

    monkeypatch.setenv("LVJU_STORE_LOCK_TIMEOUT_S", "1")
    at = _app()
    before = at.caption[0].value
    s = Settings()
    lock = lock_path(s.store_path, s.data_dir, None, s.collection_prefix)
    good = "某市无人机管理办法\n\n第一条 无人机飞行应当事先向公安机关报备飞行计划。\n"
    with store_lock(lock, exclusive=False, timeout_s=0):  # another process reads: the page can read, a write must wait
        at.sidebar.file_uploader(key="upload").set_value(("无人机.txt", good.encode("utf-8"), "text/plain")).run()
    assert not at.exception, at.exception
    assert "条款库正被另一进程占用" in at.sidebar.error[0].value and "未做任何更改" in at.sidebar.error[0].value
    assert _app().caption[0].value == before
    with store_lock(lock, exclusive=True, timeout_s=0):  # another process writes: the page says so and waits for it
        busy = _app()
    assert "条款库正在写入" in busy.warning[0].value


def test_several_files_uploaded_at_once_good_ones_in_bad_ones_reported():
    at = _app()
    before = at.caption[0].value
    one = "某市无人机管理办法\n\n第一条 无人机飞行应当事先向公安机关报备飞行计划。\n"
    two = "某市电动自行车管理办法\n\n第一条 电动自行车应当登记上牌。\n"
    at.sidebar.file_uploader(key="upload").set_value([
        ("无人机.txt", one.encode("utf-8"), "text/plain"),
        ("扫描件.pdf", b"%PDF-1.4 garbage", "application/pdf"),
        ("电动车.txt", two.encode("utf-8"), "text/plain"),
    ]).run()
    assert not at.exception, at.exception
    ok = [m.value for m in at.sidebar.success]
    assert any("无人机.txt" in m and "已入库" in m for m in ok) and any("电动车.txt" in m and "已入库" in m for m in ok)
    assert any("扫描件.pdf" in e.value and "导入失败" in e.value for e in at.sidebar.error)
    assert "9 份文件" in at.caption[0].value  # the same page drawn again with the library as it now is (app trial)
    after = _app().caption[0].value
    assert after != before and "9 份文件" in after  # 7 seed documents + 2


def test_welcome_shows_the_library_and_example_questions_that_answer():
    at = _app()
    assert any("条款库中的文件（7 份）" in e.label for e in at.expander)
    examples = [b for b in at.button if b.key and b.key.startswith("example_")]
    assert 3 <= len(examples) <= 6
    examples[0].click().run()  # an article lookup built from a document of the library
    assert not at.exception, at.exception
    h = _history_db()
    convs = h.conversations(_owner(at))
    assert len(convs) == 1 and h.turns(_owner(at), convs[0]["id"])[0].question == examples[0].label


def test_an_example_article_lookup_names_only_a_document_that_has_that_article():
    """A 规定 numbered 一、二、 has no 第一条: the welcome's own example question was refused (app trial)."""
    from assistant.ui.render import example_questions

    docs = [{"doc_id": "a", "title": "某某移送案件的规定", "short_name": "某某移送案件的规定"},
            {"doc_id": "b", "title": "某某管理条例", "short_name": "某某管理条例"}]
    lookups = [t for _m, t in example_questions(docs, has_article_one=lambda d: d == "b") if "第一条" in t]
    assert lookups == ["《某某管理条例》第一条是怎么规定的？"]
    assert len([t for _m, t in example_questions(docs) if "第一条" in t]) == 2  # unknown: the genre decides


def test_an_active_filter_is_shown_and_cleared_in_one_click():
    at = _app()
    first = at.sidebar.multiselect(key="doc_filter").options[0]
    at.sidebar.multiselect(key="doc_filter").set_value([first]).run()
    assert any("仅在以下文件中检索" in i.value for i in at.info)
    # a refusal under the filter speaks of the chosen files (app trial: it said 已入库的文件中没有)
    at.chat_input(key="chat_input").set_value("检察官一年能休几天年假？").run()
    assert any("未找到依据：所选文件中没有" in w.value for w in at.warning), [w.value for w in at.warning]
    at.button(key="clear_filter").click().run()
    assert at.sidebar.multiselect(key="doc_filter").value == []
    assert not any("仅在以下文件中检索" in i.value for i in at.info)


def test_the_resolved_follow_up_is_shown_under_the_question():
    at = _browser()
    at.chat_input(key="chat_input").set_value("副中心工作意见对防范金融风险有什么要求？").run()
    at.chat_input(key="chat_input").set_value("那城南的意见呢？").run()
    note = next(c.value for c in at.caption if c.value.startswith("理解为："))
    assert "那城南的意见呢" in note and "金融风险" in note and "金融 风险" not in note  # readable, not a keyword list


def test_follow_up_notes_read_as_sentences():
    from assistant.ui.render import follow_up_note

    assert follow_up_note("那城南的意见呢？", "那城南的意见呢？") == ""
    assert follow_up_note("那城南的意见呢？", "那城南的意见呢？ 防范 金融 风险 金融风险") == "理解为：那城南的意见呢？（接续上一问：防范、金融风险）"
    assert follow_up_note("那期限呢？", "审查逮捕的期限是多少？") == "理解为：审查逮捕的期限是多少？"


def test_conversations_can_be_searched_when_there_are_many():
    h = _history_db()
    at = _browser()
    owner = _owner(at)
    for k in range(6):
        h.add_turn(owner, None, "问答", f"第{k}个问题：{'立案监督' if k == 3 else '协作配合'}", {"statements": []})
    at = _browser(at.session_state["browser_id"])
    listed = _listed(at)
    assert len(listed) == 6 and listed[0].label == "第5个问题：协作配合"  # newest first
    assert [c.value for c in at.sidebar.caption] == ["今天"]  # under their day
    at.sidebar.text_input(key="conversation_search").set_value("立案监督").run()
    assert [b.label for b in _listed(at)] == ["第3个问题：立案监督"]
    _listed(at)[0].click().run()  # one click opens it
    cid = at.query_params["c"]
    cid = cid[0] if isinstance(cid, list) else cid
    assert [t.question for t in h.turns(owner, cid)] == ["第3个问题：立案监督"]
    assert _listed(at)[0].proto.type == "primary"  # the open one is highlighted


def test_a_store_failure_during_a_question_is_explained_in_chinese_and_the_question_kept(monkeypatch):
    import httpx
    from chromadb.api.models.Collection import Collection

    at = _browser()
    at.chat_input(key="chat_input").set_value(QUESTION).run()  # works; the lexical index is loaded

    def down(self, *a, **k):
        raise httpx.ConnectError("connection refused")

    with monkeypatch.context() as m:
        m.setattr(Collection, "query", down)  # the server goes away: every read fails
        m.setattr(Collection, "get", down)
        at.chat_input(key="chat_input").set_value("联席会议多久召开一次？").run()
    assert not at.exception, at.exception
    assert any("条款库暂时无法读取" in e.value for e in at.error)
    assert "联席会议多久召开一次？" in _texts(at)  # the question stays on screen
    h = _history_db()
    cid = h.conversations(_owner(at))[0]["id"]
    assert [t.question for t in h.turns(_owner(at), cid)] == [QUESTION, "联席会议多久召开一次？"]


def test_an_answer_can_be_downloaded_with_its_citations_and_no_setting_names_are_shown():
    at = _app()
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    assert not at.exception, at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "下载回答（Markdown）" in labels and "下载回答（Word）" in labels
    from assistant.ui.render import answer_export

    h = _history_db()
    from assistant.ui.identity import browser_owner

    owner = browser_owner(at.session_state["browser_id"])
    turn = h.turns(owner, h.conversations(owner)[0]["id"])[0]
    md = answer_export(turn.result)
    assert md.startswith("# ") and "〔1〕" in md and "## 引用条款" in md and "第二十条" in md
    copied = at.code[0].value  # the copy popover: plain text with the same content
    assert copied == answer_export(turn.result, markdown=False).rstrip() and copied.startswith(QUESTION)
    assert "\\" not in copied and "一次性完成未成年被害人" in copied and "第二十条" in copied
    shown = _texts(at) + "".join(i.value for i in at.sidebar.info)
    assert "LVJU_" not in shown


def test_uploader_and_filter_show_the_real_limit_and_no_english_bulk_action():
    from assistant.parse.loaders import MAX_BYTES
    from assistant.ui.style import page_css

    at = _app()
    uploader = at.sidebar.file_uploader(key="upload")
    limit = MAX_BYTES // (1024 * 1024)
    assert uploader.proto.max_upload_size_mb == limit  # what the widget enforces and shows
    assert f"不超过 {limit} MB" in page_css(uploader.proto.max_upload_size_mb)  # and the Chinese text drawn over it
    assert at.sidebar.multiselect(key="doc_filter").proto.select_all == 0  # no "Select all" entry


def test_a_citation_chip_carries_the_cited_clause_as_a_plain_title_whatever_the_text():
    from markdown_it import MarkdownIt

    from assistant.ui.render import chip_title, statement_line

    rec = {"label": "《某办法》第三条", "text": '第三条 "引号" \\ 反斜杠 [点此](http://127.0.0.1:9/x) <b>粗</b> )"', "text_normalized": ""}
    title = chip_title(rec)
    line = statement_line({"text": "某句。", "citations": ["c1"]}, {"c1": 1}, "src-t", {"c1": title})
    tokens = [t for blk in MarkdownIt("commonmark").parse(line) for t in (blk.children or [])]
    links = [t for t in tokens if t.type == "link_open"]
    assert len(links) == 1  # the chip only: nothing in the title makes a link of its own
    assert links[0].attrs["href"] == "#src-t-1" and links[0].attrs["title"] == title
    assert title.startswith("《某办法》第三条：") and '"引号"' in title and "[点此](http://127.0.0.1:9/x)" in title


def test_conversation_days_are_named_in_chinese():
    import time as _time

    from assistant.ui.conversations import day_label

    now = _time.mktime((2026, 3, 2, 10, 0, 0, 0, 0, -1))
    assert day_label(now - 3600, now) == "今天"
    assert day_label(now - 86400, now) == "昨天"
    assert day_label(now - 5 * 86400, now) == "2月25日"
    assert day_label(_time.mktime((2025, 12, 31, 23, 0, 0, 0, 0, -1)), now) == "2025年12月31日"


def test_a_large_library_is_searched_in_the_welcome_not_listed_whole(monkeypatch):
    import assistant.ui.app as app_module

    monkeypatch.setattr(app_module, "LIBRARY_SHOWN", 3)
    at = _app()
    listing = next(m.value for m in at.markdown if m.value.startswith("- 《"))
    assert listing.count("\n- ") == 2  # three of the seven documents
    assert any("共 7 份" in c.value for c in at.caption)
    at.text_input(key="library_search").set_value("府检联动").run()
    listing = next(m.value for m in at.markdown if m.value.startswith("- 《"))
    assert listing.count("- 《") == 1 and "府检联动" in listing and "找到 1 份" in "".join(c.value for c in at.caption)


def test_a_misspelt_setting_is_said_on_the_page_in_chinese(monkeypatch):
    monkeypatch.setenv("LVJU_LLM_MODLE", "qwen2.5")
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error).replace("\\", "")  # (Markdown escapes aside)
    assert "设置有误" in errors and "LVJU_LLM_MODLE" in errors and "LVJU_LLM_MODEL" in errors
    assert not at.chat_input  # the chat is not shown on wrong settings


@pytest.mark.parametrize("texts,numbered", [
    (["（一）建立协作机制。", "（二）加强信息共享。"], True),  # a plan's items: no bullet before their own number
    (["一、总体要求。", "二、主要任务。"], True),
    (["第一句。", "第二句。"], False),
    (["（一）建立协作机制。", "另一句。"], False),  # not every one numbered: a list
    (["1.5倍的罚款。", "2倍的赔偿。"], False),  # a decimal is no item number (review finding)
])
def test_statements_with_their_own_numbers_show_no_bullet(texts, numbered):
    from assistant.ui.render import statement_block

    items = [{"text": t, "citations": ["c1"]} for t in texts]
    block = statement_block(items, {"c1": 1}, "src-t")
    assert any(line.startswith("- ") for line in block.split("\n")) is not numbered
    assert block.count("〔1〕") == len(texts)


@pytest.mark.parametrize("question,title", [
    ("What is the penalty for selling fake goods online and offline?", "What is the penalty for…"),  # cut: says so
    ("检察机关如何开展立案监督？", "检察机关如何开展立案监督？"),
    ("   ", "新对话"),
])
def test_a_conversation_title_cut_short_ends_with_an_ellipsis(tmp_path, question, title):
    from assistant.ui.history import History

    h = History(tmp_path / "c.sqlite3")
    owner = "a" * 32
    h.add_turn(owner, None, "ask", question, {"statements": []})
    assert h.conversations(owner)[0]["title"] == title


@pytest.mark.parametrize("doc,shown", [
    ({"short_name": "电子商务法"}, "电子商务法"),
    ({"short_name": "某某市新技术产业开发试验区暂行条例", "aliases": ["试验区条例"]}, "试验区条例"),
    # no abbreviation short enough (browser trial: a 39-character title on every card): the issuer's 关于 dropped, the
    # middle elided, the genre word kept
    ({"short_name": "最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定"}, "审理使用人脸识别…问题的规定"),
    # a version note is kept (规则（试行）is another document than 规则); a name cited inside is never cut (review finding)
    ({"short_name": "人民检察院刑事诉讼规则（试行）"}, "人民检察院刑事诉讼规则（试行）"),  # (15: shown whole)
    ({"short_name": "某某省人民检察院办理某某某某某案件工作规则（试行）"}, "某某省人民…工作规则（试行）"),
    # a name longer by a few characters is shown whole (trial: 《罚款决定与罚款收…离实施办法》 cut two of fifteen)
    ({"short_name": "罚款决定与罚款收缴分离实施办法"}, "罚款决定与罚款收缴分离实施办法"),
    ({"short_name": "市场监督管理行政处罚信息公示规定"}, "市场监督管理行政处罚信息公示规定"),
    ({"short_name": "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"}, "适用《民事诉讼法》的解释"),
    ({"short_name": "某某关于适用《某某某某某某某某某某法》若干问题的补充解释"}, "某某关于适用《某某某某某某某某某某法》若干问题的补充解释"),
])
def test_a_card_names_a_document_in_fourteen_characters_at_most(doc, shown):
    from assistant.ui.render import _ELISION_MIN_SAVED, DISPLAY_NAME_MAX, display_name

    assert display_name(doc) == shown
    # (a name cited inside: the whole title rather than a cut one; a few characters over: whole, not garbled)
    assert len(shown) <= DISPLAY_NAME_MAX + _ELISION_MIN_SAVED or "《" in shown


def test_a_card_says_its_document_was_removed_only_when_the_library_was_read(monkeypatch):
    """Review finding: with the library unreadable every card of every saved answer said 该文件已从条款库删除."""
    from assistant.errors import StoreError
    from assistant.retrieve.retrieval import ClauseRetriever

    at = _browser()
    at.chat_input(key="chat_input").set_value(QUESTION).run()
    assert at.subheader and not any("已从条款库删除" in c.value for c in at.caption)

    def down(self, *a, **k):
        raise StoreError("connection refused")

    with monkeypatch.context() as m:
        m.setattr(ClauseRetriever, "documents", down)
        at.run()
    assert at.subheader and not any("已从条款库删除" in c.value for c in at.caption)


@pytest.mark.parametrize("doc,readable", [
    # an example question names a document by a name retrieval resolves: never the elided form of a card (review finding)
    ({"short_name": "最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定"},
     "最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定"),
    ({"short_name": "某某市新技术产业开发试验区暂行条例", "aliases": ["试验区条例"]}, "试验区条例"),
    ({"short_name": "电子商务法"}, "电子商务法"),
])
def test_an_example_question_names_a_document_as_a_reader_can_ask(doc, readable):
    from assistant.ui.render import readable_name

    assert readable_name(doc) == readable


@pytest.mark.parametrize("text,lines", [
    ("（三）发生争议，可以通过下列途径解决：（一）协商和解；（二）请求调解；（三）提请仲裁。",
     ["（三）发生争议，可以通过下列途径解决：", "（一）协商和解；", "（二）请求调解；", "（三）提请仲裁。"]),
    ("（一）建立协作机制。", ["（一）建立协作机制。"]),  # no items of its own
    ("依照本法（二〇一八年修正）办理。", ["依照本法（二〇一八年修正）办理。"]),  # a bracket that is no item number
])
def test_an_items_own_enumeration_is_shown_nested(text, lines):
    """Browser trial: a plan's item （三） holding （一）…（五） of its clause read as the outline's own numbering."""
    from assistant.text.sentences import enumeration_lines
    from assistant.ui.render import NESTED_BREAK, statement_block

    assert enumeration_lines(text) == lines and "".join(lines) == text
    titles = {"c1": "第三条：可以通过下列途径解决：（一）协商和解；（二）请求调解。"}  # a chip's preview enumerates too
    block = statement_block([{"text": text, "citations": ["c1"]}, {"text": "（四）另一项。", "citations": ["c1"]}], {"c1": 1}, "p",
                            titles)
    assert block.count(NESTED_BREAK) == len(lines) - 1  # in the text only: never inside a link title (review finding)


def test_the_document_at_hand_is_the_one_the_answer_before_came_from():
    """Browser trial: 本解释第七条呢？ after a question naming no document repeated the previous answer. The app passes the
    documents each answer cited beside the questions (never inside them: they are shown and carried as the user's words);
    本解释 is the …解释 among them, 本意见 an …意见 (review findings)."""
    from types import SimpleNamespace

    from assistant.retrieve.followup import resolve_question
    from assistant.ui.app import _history_documents, _history_questions

    clauses = {"j:a2": {"label": "《某某解释》第二条"}, "f:a3": {"label": "《某某实施方案》第一部分第3条"}}
    turns = [SimpleNamespace(mode="问答", question="网上造谣，转发多少次算情节严重？",
                             result={"statements": [{"citations": ["f:a3"]}, {"citations": ["j:a2"]}], "clauses": clauses}),
             SimpleNamespace(mode="问答", question="火星移民要办什么手续？", result={"refused": True, "statements": []})]
    past, docs = _history_questions(turns), _history_documents(turns)
    assert past == ["网上造谣，转发多少次算情节严重？", "火星移民要办什么手续？"]
    assert docs == [["《某某实施方案》第一部分第3条", "《某某解释》第二条"], []]
    assert resolve_question("本解释第七条呢？", past[:1], [], history_docs=docs[:1]) == "《某某解释》第七条是怎么规定的？"
    assert resolve_question("本方案第三条呢？", past[:1], [], history_docs=docs[:1]) == "《某某实施方案》第三条是怎么规定的？"
    assert "《" not in resolve_question("本法第三条呢？", past[:1], [], history_docs=docs[:1])  # no 法 among them


def test_a_plan_conversation_reopens_in_plan_mode():
    """Browser trial: reopening a plan's conversation showed the mode back on 问答, so the next request got an answer."""
    at = _browser("b" * 32)
    at.sidebar.radio(key="mode").set_value("工作方案").run()
    at.chat_input(key="chat_input").set_value("为北京某区检察院起草一份未成年人综合司法保护工作方案提纲").run()
    assert not at.exception, at.exception
    cid = at.query_params["c"]
    cid = cid[0] if isinstance(cid, list) else cid
    at.sidebar.radio(key="mode").set_value("问答").run()  # the user's own change in the conversation stays (review)
    assert at.sidebar.radio(key="mode").value == "问答"
    at.sidebar.radio(key="mode").set_value("工作方案").run()
    again = _browser("b" * 32, conversation=cid)  # a reload of its link: a new session
    assert again.sidebar.radio(key="mode").value == "工作方案"
    fresh = _browser("b" * 32)  # a new conversation starts in 问答
    assert fresh.sidebar.radio(key="mode").value == "问答"


def test_a_refusal_with_a_reason_of_its_own_does_not_claim_there_is_no_clause():
    """Browser trial: 第十条是什么？ was headed 已入库的文件中没有能回答这个问题的条款 while five documents have a 第十条."""
    at = _app()
    at.chat_input(key="chat_input").set_value("刑法第二百六十四条是怎么规定的？").run()
    assert not at.exception, at.exception
    warnings = [w.value for w in at.warning]
    assert warnings and not any("没有能回答这个问题的条款" in w for w in warnings)
    assert any("没有《刑法》" in m.value for m in at.markdown)


def test_a_bare_paragraph_follow_up_asks_about_the_article_the_answer_before_opened_with():
    """New-user trial: 第二款呢？ after 中介组织人员故意提供虚假证明文件，什么情况属于情节严重？ (answered from 第七条第一款) was
    read as a bag of the question's words: six clauses came back, not 第七条第二款. A 相关规定见… list is no opening."""
    from types import SimpleNamespace

    from assistant.retrieve.followup import resolve_question
    from assistant.ui.app import _history_documents

    clauses = {"j:a6.p2": {"label": "《某某解释（二）》第六条第二款"}, "j:a7.p1": {"label": "《某某解释（二）》第七条第一款"}}
    turns = [SimpleNamespace(mode="问答", question="中介组织人员故意提供虚假证明文件，什么情况属于情节严重？", result={
        "clauses": clauses, "statements": [{"text": "相关规定见《某某解释（二）》第六条第二款、第七条第一款。",
                                            "citations": ["j:a6.p2", "j:a7.p1"]},
                                           {"text": "……属于情节严重：……", "citations": ["j:a7.p1"]}]})]
    docs = _history_documents(turns)
    past = [turns[0].question]
    assert resolve_question("第二款呢？", past, [], history_docs=docs) == "《某某解释（二）》第七条第二款是怎么规定的？"
    assert resolve_question("那第（三）项呢？", past, [], history_docs=docs) == "《某某解释（二）》第七条第一款第（三）项是怎么规定的？"
    # a question that named its article: completed from it, as before
    assert resolve_question("第二款呢？", ["某某解释第九条是怎么规定的？"], [], history_docs=docs).startswith("某某解释第九条第二款")
    assert resolve_question("第二款呢？", past, []) != "《某某解释（二）》第七条第二款是怎么规定的？"  # nothing cited passed


def test_an_exported_answer_quotes_its_clauses_as_the_source_writes_them():
    """New-user trial: the .md export quoted 对非法集资人,由…; with the normalised (half-width) punctuation."""
    from assistant.ui.render import answer_export

    rec = {"label": "《某条例》第三十条", "text": "第三十条　对非法集资人，由处置非法集资牵头部门处以罚款；\n构成犯罪的，依法追究刑事责任。",
           "text_normalized": "第三十条 对非法集资人,由处置非法集资牵头部门处以罚款;\n构成犯罪的,依法追究刑事责任。"}
    result = {"question": "罚款多少？", "statements": [{"text": "对非法集资人,由处置非法集资牵头部门处以罚款。", "citations": ["c"]}],
              "clauses": {"c": rec}}
    for markdown in (True, False):
        quoted = answer_export(result, markdown=markdown).split("引用条款", 1)[1]
        assert "对非法集资人，由处置非法集资牵头部门处以罚款；" in quoted and "," not in quoted and ";" not in quoted


def test_the_document_filter_tells_long_titles_apart():
    """New-user trial: three options of the filter read alike (最高人民法院、最高人民检察院关于…: the sidebar cut them)."""
    from assistant.ui.render import filter_names

    docs = [{"doc_id": "a", "short_name": "最高人民法院、最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释", "date": "2023-08-08"},
            {"doc_id": "b", "short_name": "最高人民法院、最高人民检察院关于办理强奸、猥亵未成年人刑事案件适用法律若干问题的解释",
             "date": "2023-05-24"},
            {"doc_id": "c", "short_name": "行政复议法", "date": "2023-09-01"},
            {"doc_id": "d", "short_name": "行政复议法", "date": "2017-09-01"}]
    names = filter_names(docs)
    assert not names["a"].startswith("最高人民法院") and "环境污染" in names["a"] and "强奸" in names["b"]
    assert names["c"] == "行政复议法（2023-09-01）" and names["d"] == "行政复议法（2017-09-01）"
    assert len(set(names.values())) == len(docs)
    # the books of one code stored as several files: one title, one date — the file tells them apart (and typing 总则 finds it)
    books = [{"doc_id": i, "short_name": "民法典", "date": "2021-01-01", "source": f"{i}.md"} for i in ("总则", "物权编", "合同编")]
    names = filter_names(books + [{"doc_id": "x", "short_name": "民法典", "date": "2020-05-28", "source": "旧.md"}])
    assert names["总则"] == "民法典（2021-01-01，总则）" and names["物权编"] == "民法典（2021-01-01，物权编）"
    assert names["x"] == "民法典（2020-05-28）"
    assert filter_names(books[:1]) == {"总则": "民法典"}


def test_an_example_asks_for_tasks_only_of_a_policy_document():
    """New-user trial: the welcome suggested …解释》提出了哪些主要任务？ — a 司法解释 lays down rules, it sets no tasks."""
    from assistant.ui.render import example_questions

    docs = [{"doc_id": "j", "title": "最高人民法院关于办理某某案件适用法律若干问题的解释", "short_name": "某某解释"},
            {"doc_id": "y", "title": "关于加强某某工作的意见", "short_name": "某某工作意见"},
            {"doc_id": "t", "title": "某某管理条例", "short_name": "某某管理条例"},
            {"doc_id": "d", "title": "最高人民法院关于修改〈关于某某案件管辖的规定〉的决定", "short_name": "某某管辖决定"}]
    tasks = [t for _m, t in example_questions(docs) if "主要任务" in t]
    assert tasks == ["《某某工作意见》提出了哪些主要任务？"]
    assert [t for m, t in example_questions(docs) if m == "工作方案"] == ["根据《某某工作意见》起草一份工作方案提纲"]


@pytest.mark.parametrize("query,found", [("許可證", True), ("许可证", True), ("ＡＢＣ", True), ("有效期是几月", False)])
def test_conversations_are_searched_in_either_script(tmp_path, query, found):
    """Second trial: searching 許可證 found no conversation on 安全生产许可证."""
    from assistant.ui.history import History

    h = History(tmp_path / "c.sqlite3")
    owner = "a" * 32
    h.add_turn(owner, None, "ask", "abc安全生产许可证有效期是几年？", {"statements": []})
    assert bool(h.conversations(owner, query)) is found


def test_a_conversation_search_reads_only_the_owners_turns(tmp_path):
    from assistant.ui.history import History

    h = History(tmp_path / "c.sqlite3")
    a, b = "a" * 32, "b" * 32
    h.add_turn(a, None, "ask", "许可证有效期是几年？", {"statements": []})
    h.add_turn(b, None, "ask", "别的问题", {"statements": []})
    assert h.conversations(b, "许可证") == [] and len(h.conversations(a, "許可證")) == 1


@pytest.mark.parametrize("path,trail", [
    (["第十章 审查逮捕和审查起诉", "第三节 审查批准逮捕"], "第十章 审查逮捕和审查起诉 › 第三节 审查批准逮捕"),
    (["第二章 普通合伙企业", "第二十一条"], "第二章 普通合伙企业"),  # the article's own heading is the card's label
    ([], ""),
])
def test_a_card_says_under_which_headings_its_clause_stands(path, trail):
    """Third trial: cards of a 684-article document never showed its 章/节."""
    from assistant.ui.render import heading_trail

    assert heading_trail({"heading_path": path}) == trail
