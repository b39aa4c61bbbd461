"""律据助手 — the Streamlit chat app (UI text in Chinese).

Heavy objects (store, retriever, chat model) are shared through ``st.cache_resource``; only the
current conversation id and UI choices live in ``st.session_state``; transcripts live in SQLite.
Model and document text is rendered as escaped Markdown, never as HTML.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import streamlit as st

from assistant.config import Settings
from assistant.errors import AssistantError, InputError, StoreBusy, StoreError
from assistant.generate.answering import ABSENT_TOPIC_NOTE, NO_RELATED_NOTE, PARTIAL, PARTIAL_MEANS
from assistant.index.locking import WAIT_MESSAGE
from assistant.logs import setup_logging
from assistant.retrieve.intent import is_plan_request
from assistant.text.clean import clean_question
from assistant.text.punct import book_title
from assistant.text.textnorm import strip_markup
from assistant.ui import conversations, render, style
from assistant.ui.history import History, NotFound

MODES = ("问答", "工作方案")
BUSY_ZH = "条款库正被另一进程占用（如命令行导入），等待超时。"


@st.cache_resource(show_spinner="正在准备条款库（首次运行会从 seeds/ 建库）……")
def _assistant(settings_key: str):
    """One assistant per distinct settings (the key is the settings JSON; secrets are masked in it)."""
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import ensure_store

    settings = Settings()
    store, _report = ensure_store(settings)
    return open_assistant(settings, store=store)


@st.cache_resource
def _history(path: str) -> History:
    return History(Path(path))


# ---- rendering of stored results -------------------------------------------------------------------

def _clause_card(rec: dict, n: int, anchor: str, statements: list[str], docs: dict[str, dict] | None, key: str,
                 min_share: float) -> None:
    doc = (docs or {}).get(rec["doc_id"], {})
    with st.container(border=True, key=f"card_{key}"):
        title = doc.get("title") or rec["doc_title"]
        heading = render.card_heading(rec, doc)
        # the full title on demand: the heading's help tooltip (and the card's first line when it is short)
        st.subheader(f"〔{n}〕{render.escape_md(heading)}", anchor=anchor, help=render.escape_md(f"全称：{book_title(title)}"))
        if docs is not None and not doc:  # an answer given before its document was removed: its quote stays, said gone
            st.caption("该文件已从条款库删除：此处为作答时的原文，已不能再检索或引用。")
        meta = ["、".join(doc.get("issuers") or []), doc.get("date") or "", doc.get("doc_number") or ""]
        st.caption(render.escape_md(" · ".join(x for x in meta if x)))
        where = render.heading_trail(rec)
        if where:  # where in a long document the clause stands (第十章 审查逮捕和审查起诉 › 第三节 审查批准逮捕)
            st.caption(render.escape_md(where))
        original = "\n".join(strip_markup(line) for line in rec["text"].splitlines() if line.strip())
        text = original
        if doc.get("script") == "traditional":
            if st.toggle("显示简体", key=f"simp_{key}", value=False):
                text = rec["text_normalized"]
            else:
                st.caption("原文为繁体字，可切换为简体显示。")
        st.markdown(render.highlighted_clause(text, statements, min_share))


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_bytes(kind: str, content) -> bytes:
    from assistant.generate.export import answer_to_docx, to_docx

    buf = io.BytesIO()
    (answer_to_docx if kind == "answer" else to_docx)(content, buf)
    return buf.getvalue()


def _show_answer(result: dict, turn_key: str, docs: dict[str, dict], min_share: float) -> None:
    statements = result.get("statements", [])
    numbers = render.citation_numbers(statements)
    prefix = f"src-{turn_key}"
    if result.get("fallback_reason"):
        st.warning(f"大模型暂不可用：{render.escape_md(str(result['fallback_reason']))}。已改用离线方式，以下为条款原文摘录。"
                   "如需大模型作答，请管理员检查大模型服务是否启动、地址与模型名称是否配置正确。")
    if result.get("refused"):
        if result.get("partial"):
            st.warning(f"{PARTIAL}：{PARTIAL_MEANS}")
        elif [n for n in result.get("notes", []) if n != NO_RELATED_NOTE and not (  # a reason of its own (which document,
                result.get("doc_filter") and n.startswith(ABSENT_TOPIC_NOTE))]:  # a part that does not exist): said below
            st.warning("未找到依据：见下方说明，未作推测。")  # (a topic the whole library lacks: the chosen files lack it too)
        else:
            where = "所选文件中" if result.get("doc_filter") else "已入库的文件中"
            st.warning(f"未找到依据：{where}没有能回答这个问题的条款，未作推测。")
        said = {s.get("text") for s in statements}  # a note that is also a statement (…不存在第五十条) is shown once
        for note in result.get("notes", []):
            if note not in said and note != NO_RELATED_NOTE:  # (the headline says it, of the files searched)
                st.markdown(f"- {render.escape_md(note)}")
    titles = render.chip_titles(result.get("clauses", {}), numbers)
    if statements:
        st.markdown(render.statement_block(statements, numbers, prefix, titles))
    if any(not s.get("verified", True) for s in statements):
        st.caption("标注〔未核实〕的句子未通过引用核对，仅供参考，不会进入导出文件。")
    from assistant.generate.export import unstated_notes

    for note in unstated_notes(result):  # what the answer does not cover (a part of the question), its edition
        st.info(render.escape_md(note))
    clauses = result.get("clauses", {})
    if statements and not result.get("refused"):
        exported = render.answer_export(result)
        c1, c2, c3 = st.columns(3)
        c1.download_button("下载回答（Word）", data=functools.partial(_docx_bytes, "answer", result), file_name="回答.docx",
                           mime=DOCX_MIME, key=f"answer_docx_{turn_key}")  # built only when clicked
        c2.download_button("下载回答（Markdown）", data=exported.encode("utf-8"),
                           file_name="回答.md", mime="text/markdown", key=f"answer_md_{turn_key}")
        with c3.popover("复制回答"):  # plain text: a code block shows it as is (and has a copy button)
            st.code(render.answer_export(result, markdown=False), language=None, wrap_lines=True)
    if numbers:
        st.markdown("**引用条款**")
        for cid, n in numbers.items():
            if cid in clauses:
                cited_by = [s["text"] for s in statements if cid in s.get("citations", [])]
                _clause_card(clauses[cid], n, f"{prefix}-{n}", cited_by, docs, f"{turn_key}_{n}", min_share)
    if result.get("refused") and result.get("nearest"):
        st.markdown("**可能相关**")
        for k, cid in enumerate(result["nearest"], len(numbers) + 1):
            if cid in clauses:
                _clause_card(clauses[cid], k, f"{prefix}-{k}", [], docs, f"{turn_key}_{k}", min_share)


def _show_plan(result: dict, turn_key: str, docs: dict[str, dict], min_share: float) -> None:
    from assistant.generate.export import to_markdown
    from assistant.generate.plans import PlanItem, PlanResult, PlanSection

    if result.get("fallback_reason"):
        st.warning(f"大模型暂不可用：{render.escape_md(str(result['fallback_reason']))}。已改用离线方式生成提纲。")
    if result.get("refused"):
        from assistant.generate.export import PLAN_REFUSAL

        st.markdown(f"### {render.escape_md(result.get('title', '工作方案（提纲）'))}")
        st.info(PLAN_REFUSAL)
        for note in result.get("notes") or []:
            st.caption(render.escape_md(note))
        return
    items = [it for sec in result.get("sections", []) for it in sec.get("items", [])]
    numbers = render.citation_numbers(items)
    prefix = f"src-{turn_key}"
    st.markdown(f"### {render.escape_md(result.get('title', '工作方案（提纲）'))}")
    for note in result.get("notes") or []:  # the topic's words no clause uses: the outline does not cover them
        st.warning(render.escape_md(note))
    titles = render.chip_titles(result.get("clauses", {}), numbers)
    for sec in result.get("sections", []):
        if not sec.get("items"):
            if sec.get("note"):
                st.markdown(f"**{render.escape_md(sec['heading'])}**")
                st.caption(sec["note"])
            continue
        st.markdown(f"**{render.escape_md(sec['heading'])}**")
        st.markdown(render.statement_block(sec["items"], numbers, prefix, titles))
    plan = PlanResult(request=result.get("request", ""), title=result.get("title", ""), clauses=result.get("clauses", {}),
                      generator=result.get("generator", ""), notes=list(result.get("notes") or []),
                      sections=[PlanSection(s["heading"], [PlanItem(i["text"], i["citations"], i["verified"]) for i in s["items"]],
                                          s.get("note", "")) for s in result.get("sections", [])])
    c1, c2 = st.columns(2)
    c1.download_button("下载 Word（.docx）", data=functools.partial(_docx_bytes, "plan", plan), file_name=f"{plan.title}.docx",
                       key=f"docx_{turn_key}", mime=DOCX_MIME)  # built only when clicked
    c2.download_button("下载 Markdown（.md）", data=to_markdown(plan).encode("utf-8"), file_name=f"{plan.title}.md",
                       mime="text/markdown", key=f"md_{turn_key}")
    clauses = result.get("clauses", {})
    with st.expander(f"引用条款（{len(numbers)}）", expanded=False):
        for cid, n in numbers.items():
            if cid in clauses:
                cited_by = [it["text"] for it in items if cid in it.get("citations", [])]
                _clause_card(clauses[cid], n, f"{prefix}-{n}", cited_by, docs, f"{turn_key}_{n}", min_share)


def _show_result(mode: str, result: dict, turn_key: str, docs: dict[str, dict], min_share: float) -> None:
    if result.get("error"):
        st.error(render.escape_md(str(result["error"])))
    elif mode == "工作方案":
        _show_plan(result, turn_key, docs, min_share)
    else:
        if is_plan_request(result.get("question") or ""):
            # a drafting request typed in 问答 mode (…专项整治，请起草工作方案) is answered as a question: say where the outline is
            st.info(PLAN_MODE_HINT)
        _show_answer(result, turn_key, docs, min_share)


PLAN_MODE_HINT = "这是起草工作方案的请求：以下按问答检索作答；如需带依据的方案提纲，请在侧栏把“模式”切换为“工作方案”后重新提交。"


# ---- sidebar ----------------------------------------------------------------------------------------------

def _sidebar(history: History, owner: str, active: str | None, assistant, settings: Settings, docs: list[dict],
             settings_page=None) -> tuple[list[str], object]:
    from assistant.ui.pages import public_url

    sb = st.sidebar
    sb.header("律据助手")
    sb.button("＋ 新建对话", key="new_conversation", width="stretch", on_click=conversations.open_conversation, args=(None,))
    slot = sb.container()  # the conversation list, drawn at the end of the run (a new conversation included)
    sb.radio("模式", MODES, key="mode", horizontal=True)
    names = render.filter_names(docs)
    chosen_docs = sb.multiselect("检索范围（不选则检索全部文件）", list(names), format_func=lambda d: names[d], key="doc_filter",
                                 placeholder="选择要检索的文件", select_all=False)
    sb.markdown("**生成方式**")
    if settings.llm_configured:
        sb.success(render.escape_md(f"大模型：{settings.llm_model}（{public_url(settings.llm_base_url or 'https://api.openai.com/v1')}）"))
    else:
        sb.info("离线整理（未配置大模型）：回答由条款原文摘录组成，每句均附引用。管理员配置大模型服务后，可由大模型组织回答（同样逐句核对引用）。")
    if settings_page is not None:
        sb.page_link(settings_page, label="查看全部设置", icon=":material/settings:")
    _upload(sb, assistant, settings)
    _manage_files(sb, assistant, docs)
    return chosen_docs, slot


def upload_limit_mb() -> int:
    """The upload limit the uploader enforces and shows: the loaders' limit, or the server's
    ``server.maxUploadSize`` when that is lower."""
    from assistant.parse.loaders import MAX_BYTES

    return min(int(st.get_option("server.maxUploadSize")), MAX_BYTES // (1024 * 1024))


def _upload(sb, assistant, settings: Settings) -> None:
    """Several files at once: each is parsed on its own (a bad one is reported and left out), the
    good ones are written in one step (all or nothing), each gets its own message."""
    from assistant.index.ingest import ingest_parsed, without_copies
    from assistant.parse.corpus import parse_upload

    files = sb.file_uploader("添加文件（可多选）", type=list(style.UPLOAD_TYPES), key="upload", accept_multiple_files=True,
                             max_upload_size=upload_limit_mb()) or []
    done = st.session_state.setdefault("uploaded_ids", {})
    for f in files:  # results of earlier runs
        if f.file_id in done:
            (sb.success if done[f.file_id][0] else sb.error)(render.escape_md(done[f.file_id][1]))
    todo = [f for f in files if f.file_id not in done]
    if not todo:
        return
    bar = sb.progress(0.0, text=f"正在解析 {len(todo)} 个文件……")
    parsed, names = [], {}
    for k, f in enumerate(todo, 1):
        try:
            pf = parse_upload(f.getvalue(), f.name, settings.chunk_max_tokens, settings.tiktoken_encoding)
        except InputError as exc:
            done[f.file_id] = (False, render.upload_error_zh(f.name, str(exc)))
            sb.error(render.escape_md(done[f.file_id][1]))
            continue
        if f.name in names.values():
            done[f.file_id] = (False, f"“{f.name}”导入失败：本次上传中有两个同名文件。条款库未做任何更改。")
            sb.error(render.escape_md(done[f.file_id][1]))
            continue
        parsed.append(pf)
        names[f.file_id] = f.name
        bar.progress(0.3 * k / len(todo), text=f"正在解析“{render.escape_md(f.name)}”……")
    # a file with the bytes of one already stored (a copy under another name) is not imported twice
    stored = assistant.retriever.store.sources()
    parsed, _where, twins = without_copies(parsed, [(Path(n), n) for n in names.values()], stored)
    copies = {Path(t["file"]).name: t["copy_of"] for t in twins}
    later: dict[str, str] = {}  # copies of another file of this upload: said once that file is in (its write may fail)
    for fid, n in list(names.items()):
        if n in copies:
            if copies[n] in stored:
                done[fid] = (True, f"“{n}”与已入库的“{copies[n]}”内容相同，未重复导入。")
                sb.info(render.escape_md(done[fid][1]))
            else:
                later[fid] = n
            del names[fid]
    if not parsed:
        bar.empty()
        return
    try:
        bar.progress(0.3, text="正在写入条款库……")
        report = ingest_parsed(assistant.retriever.store, parsed,
                               progress=lambda d, t, stage: bar.progress(0.3 + 0.7 * d / max(1, t), text="正在写入条款库……"),
                               on_wait=lambda: bar.progress(0.3, text=WAIT_MESSAGE))
    except StoreBusy:
        # not remembered as done: the same files can be tried again once the other write has ended
        bar.empty()
        sb.error(render.escape_md(f"{'、'.join(f'“{n}”' for n in names.values())}暂未导入：{BUSY_ZH}"
                                  "条款库未做任何更改，请稍后重新上传。"))
        return
    except AssistantError as exc:
        bar.empty()
        for fid, n in names.items():
            done[fid] = (False, f"“{n}”导入失败：{exc}。条款库已恢复原状。")
            sb.error(render.escape_md(done[fid][1]))
        return
    status = {r.name: r for r in report.files}
    for (fid, n), pf in zip(names.items(), parsed):
        r = status.get(pf.source.name)
        # the file by its name, the documents it holds by their titles (《》 is for a title, never a file name)
        held = "、".join(book_title(d.title) for d in pf.documents)
        msg = (f"“{n}”已入库：{held}，{pf.clause_count} 条条款，可立即检索和引用。" if r is not None and r.status != "unchanged"
               else f"“{n}”与已入库版本相同，未做更改。")
        done[fid] = (True, msg)
        sb.success(render.escape_md(msg))
    for fid, n in later.items():
        done[fid] = (True, f"“{n}”与本次上传的“{copies[n]}”内容相同，未重复导入。")
        sb.info(render.escape_md(done[fid][1]))
    bar.progress(1.0, text="完成")
    if any(r.status != "unchanged" for r in report.files):
        # the page above was drawn from the library before this import (份数、条数, the list, the filter): drawn again,
        # with the messages kept in the session (an app trial saw "7 份文件" after a successful upload)
        st.rerun()


def _manage_files(sb, assistant, docs: list[dict]) -> None:
    from assistant.index.ingest import remove_source

    sources: dict[str, list[str]] = {}
    for d in docs:
        sources.setdefault(d["source"], []).append(d["short_name"])
    with sb.expander("管理文件"):
        if not sources:
            st.caption("条款库中没有文件。")
            return
        name = st.selectbox("已入库文件", sorted(sources), key="remove_select",
                            format_func=lambda n: f"{'、'.join(sources[n])}（{n}）",
                            on_change=lambda: st.session_state.pop("remove_pending", None))  # another file: ask again
        if st.button("从条款库删除", key="remove_button"):
            st.session_state["remove_pending"] = name  # asked first: a removal cannot be undone here
        pending = st.session_state.get("remove_pending")
        if pending and pending not in sources:
            st.session_state.pop("remove_pending", None)
            pending = None
        if pending:
            st.warning(render.escape_md(f"确定从条款库删除{'、'.join(map(book_title, sources[pending]))}（{pending}）的全部条款吗？"
                                        "删除后需重新上传才能检索。"))
            yes, no = st.columns(2)
            if no.button("取消", key="remove_cancel"):
                st.session_state.pop("remove_pending", None)
                st.rerun()
            confirmed = yes.button("确认删除", key="remove_confirm", type="primary")
        else:
            confirmed = False
        if confirmed:
            name = st.session_state.pop("remove_pending")
            try:
                removed = remove_source(assistant.retriever.store, name, on_wait=lambda: st.info(WAIT_MESSAGE))
                st.session_state["remove_message"] = (True, f"已删除{'、'.join(map(book_title, sources[name]))}的 {removed} 条条款。")
            except StoreBusy:
                st.session_state["remove_message"] = (False, f"暂未删除：{BUSY_ZH}请稍后重试。")
            except AssistantError as exc:
                st.session_state["remove_message"] = (False, f"删除失败：{exc}")
            st.rerun()
        message = st.session_state.pop("remove_message", None)
        if message:
            (st.success if message[0] else st.error)(render.escape_md(message[1]))


# ---- main ------------------------------------------------------------------------------------------------

_identity_component = None


def _auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file: no identity provider
        return False


def _owner() -> str | None:
    """The owner of this session's conversations; None when the user must log in first."""
    from assistant.ui import identity

    if _auth_configured():
        user = st.user.to_dict() if st.user.is_logged_in else {}
        owner = identity.oidc_owner(user) if user else None
        if owner is None:
            st.title("律据助手")
            st.info("请先登录。登录后只会看到您本人的对话记录。")
            st.button("登录", on_click=st.login, type="primary", key="login_button")
            return None
        return owner
    global _identity_component
    if _identity_component is None:
        _identity_component = st.components.v2.component("lvju_identity", js=identity.IDENTITY_JS)
    try:
        cookie = st.context.cookies.get(identity.COOKIE)
    except Exception:  # no browser (e.g. AppTest)
        cookie = None
    session_value = st.session_state.get("browser_id")
    reported = st.session_state.get("_identity_reported")
    browser_id = identity.choose_browser_id(session_value, cookie, reported)
    st.session_state["browser_id"] = browser_id
    result = _identity_component(key="lvju_identity", data={"current": browser_id}, height=0,
                                 on_uid_change=lambda: None)
    uid = getattr(result, "uid", None) if result is not None else None
    if identity.valid_browser_id(uid) and uid != browser_id:
        st.session_state["_identity_reported"] = uid
        st.session_state["browser_id"] = uid
        browser_id = uid
    return identity.browser_owner(browser_id)


def _history_questions(turns) -> list[str]:
    from assistant.generate.session import conversation_history

    return conversation_history([(t.question, t.result) for t in _asked(turns)])[0]


def _history_documents(turns) -> list[list[str]]:
    """For each question of :func:`_history_questions`, the clauses its answer cited, by their labels
    (:func:`~assistant.generate.session.conversation_history`)."""
    from assistant.generate.session import conversation_history

    return conversation_history([(t.question, t.result) for t in _asked(turns)])[1]


def _asked(turns) -> list:
    return [t for t in turns if t.mode == "问答" and not t.result.get("error")]


def main() -> None:
    """The app: the chat page (default), the evaluation page and the settings page."""
    from assistant.ui import pages

    st.set_page_config(page_title="律据助手", page_icon="⚖️", layout="wide")
    st.html(style.page_css(upload_limit_mb()))
    try:
        settings = Settings()
    except ValueError as exc:  # a bad value or a misspelt LVJU_ variable: said on the page, not as a traceback
        first = next((e.get("msg", "") for e in getattr(exc, "errors", lambda: [])()), "") or str(exc).splitlines()[0]
        first = first.removeprefix("Value error, ")
        st.error(f"设置有误，应用无法启动：{render.escape_md(first)}。请检查环境变量（LVJU_…）或 .env 文件后重新启动。")
        st.stop()
    setup_logging(settings.log_level)
    nav: dict = {}
    nav.update(
        chat=st.Page(lambda: chat_page(settings, nav["settings"]), title="对话", icon=":material/chat:", url_path="chat",
                     default=True),
        evaluation=st.Page(lambda: pages.evaluation_page(settings), title="评估结果", icon=":material/bar_chart:",
                           url_path="evaluation"),
        settings=st.Page(lambda: pages.settings_page(settings), title="设置说明", icon=":material/settings:", url_path="settings"))
    st.navigation(list(nav.values())).run()


def chat_page(settings: Settings, settings_page=None) -> None:
    """The chat: conversations, the question box, answers and plans with their sources."""
    owner = _owner()
    if owner is None:
        st.stop()
        return
    store_down = None
    try:
        assistant = _assistant(settings.model_dump_json())
        try:
            docs, clause_count = assistant.documents, assistant.retriever.store.count()
        except StoreError as exc:  # the store went away after start: keep the page and the conversation usable
            if isinstance(exc, StoreBusy):
                raise
            docs, clause_count, store_down = [], 0, str(exc)
    except StoreBusy:
        st.title("律据助手")
        st.warning("条款库正在写入（如命令行导入大批文件），暂时无法读取。写入结束后请刷新页面；已保存的对话不受影响。")
        st.stop()
        return
    except AssistantError as exc:
        st.title("律据助手")
        zh = getattr(exc, "zh", None)
        st.error(f"条款库不可用：{render.escape_md(zh)}" if zh else f"条款库不可用：{render.escape_md(str(exc))}")
        if zh:
            st.caption(f"技术信息：{render.escape_md(str(exc))}")
        st.info("请联系管理员重建条款库，或检查条款库的位置与服务设置（见“设置说明”页），然后刷新页面。")
        st.stop()
        return
    history = _history(str(settings.data_dir / "conversations.sqlite3"))
    active = st.query_params.get("c")
    if active and not history.owns(owner, active):
        conversations.open_conversation(None)
        active = None
        st.session_state["conversation_notice"] = "链接中的对话不存在，或不属于当前用户，已为您打开新对话。"
    if not active:
        st.session_state.pop("mode_for", None)  # a new conversation: the next one opened restores its own mode
    elif st.session_state.get("mode_for") != active:
        # a conversation opened (a link, the list, a reload): the mode it was last in (a plan's conversation stays in 工作方案)
        last = history.turns(owner, active)
        if last and last[-1].mode in MODES:
            st.session_state["mode"] = last[-1].mode
        st.session_state["mode_for"] = active
    doc_filter, slot = _sidebar(history, owner, active, assistant, settings, docs, settings_page)
    st.title("律据助手")
    if store_down:
        st.error("条款库暂时无法读取（如条款库服务未启动或连接中断）。请检查条款库服务后刷新页面；已保存的对话不受影响。"
                 f"（详情：{render.escape_md(store_down)}）")
    else:
        st.caption(f"依据已入库的 {len(docs)} 份文件、{clause_count} 条条款作答；每句均附条款引用并经核对。")
    notice = st.session_state.pop("conversation_notice", None)
    if notice:
        st.info(notice)
    active = _chat(history, owner, active, assistant, None if store_down else docs, doc_filter, settings)
    conversations.sidebar(slot, history, owner, active)


def _chat(history: History, owner: str, active: str | None, assistant, docs: list[dict] | None, doc_filter: list[str],
          settings: Settings) -> str | None:
    """The conversation, the question box and the answer to a new question; returns the open
    conversation's id after this run (a new question may have started one)."""
    # ``docs`` None while the library cannot be read: a card then cannot tell whether its document was removed
    docs_by_id = None if docs is None else {d["doc_id"]: d for d in docs}
    turns = history.turns(owner, active) if active else []
    welcome = st.empty()
    if not turns:
        with welcome.container():
            _welcome(docs or [], getattr(assistant.retriever, "has_article", None))
    asked_before = ""  # the question a follow-up was read against (as _history_questions gives it)
    for t in turns:
        with st.chat_message("user"):
            st.markdown(render.escape_md(t.question))
            _resolved_note(t.question, t.result, asked_before)
        if _asked([t]):
            asked_before = t.result.get("resolved_question") or t.question
        with st.chat_message("assistant"):
            _show_result(t.mode, t.result, str(t.id), docs_by_id, settings.card_highlight_min_share)
            _feedback(history, owner, t.id, t.feedback)
    if doc_filter:
        names = {d["doc_id"]: d["short_name"] for d in docs or []}
        c1, c2 = st.columns([5, 1])
        c1.info(render.escape_md("仅在以下文件中检索：" + "、".join(book_title(names.get(d, d)) for d in doc_filter)))
        c2.button("清除筛选", key="clear_filter", on_click=lambda: st.session_state.update(doc_filter=[]))
    mode = st.session_state.get("mode", MODES[0])
    placeholder = "请输入问题" if mode == "问答" else "请输入方案需求，如：为某区检察院起草未成年人综合司法保护工作方案提纲"
    question = st.chat_input(placeholder, key="chat_input")
    example = st.session_state.pop("example_question", None)
    if not question and example:
        mode, question = example  # the button's callback also switched the mode radio
    if not question:
        return active
    welcome.empty()  # the conversation starts: the welcome gives way to it
    try:
        question = clean_question(question)
    except InputError as exc:
        st.error(f"无法处理这个问题：{render.escape_md(str(exc))}")
        return active
    with st.chat_message("user"):
        st.markdown(render.escape_md(question))
    with st.chat_message("assistant"):
        asked = _history_questions(turns)
        result = _run(assistant, mode, question, asked, doc_filter, _history_documents(turns))
        _resolved_note(question, result, asked[-1] if asked else "")
        try:
            cid, turn_id = history.add_turn(owner, active, mode, question, result)
        except NotFound:  # deleted meanwhile (e.g. in another tab): keep the turn in a new conversation
            cid, turn_id = history.add_turn(owner, None, mode, question, result)
            st.info("原对话已被删除，这一轮已保存为新对话。")
        if cid != active:
            conversations.open_conversation(cid)
            st.session_state["mode_for"] = cid  # (started in the mode chosen: nothing to restore)
        _show_result(mode, result, str(turn_id), docs_by_id, settings.card_highlight_min_share)
        _feedback(history, owner, turn_id, None)
    return cid


LIBRARY_SHOWN = 12


def _welcome(docs: list[dict], has_article=None) -> None:
    """A new conversation: what the assistant does, the library, example questions built from it."""
    st.markdown("您可以就已入库文件的内容提问，或让助手起草工作方案提纲。每句回答都附有条款引用，并经逐句核对；"
                "找不到依据时会明确说明“未找到依据”。")
    with st.expander(f"条款库中的文件（{len(docs)} 份）", expanded=len(docs) <= LIBRARY_SHOWN):
        shown = docs
        if len(docs) > LIBRARY_SHOWN:  # a large library: a search instead of a thousand lines on every run
            query = st.text_input("查找文件", key="library_search", placeholder="输入文件名称中的词")
            shown = [d for d in docs if query.strip() in (d.get("title") or "") + (d.get("short_name") or "")]
            st.caption(f"共 {len(docs)} 份，找到 {len(shown)} 份" + (f"，显示前 {LIBRARY_SHOWN} 份。" if len(shown) > LIBRARY_SHOWN else "。"))
        lines = []
        for d in shown[:LIBRARY_SHOWN]:
            meta = " · ".join(x for x in ("、".join(d.get("issuers") or []), d.get("date") or "",
                                          f"{d.get('clause_count', 0)} 条条款") if x)
            lines.append("- " + render.escape_md(f"{book_title(d.get('short_name') or d.get('title'))} {meta}"))
        if lines:
            st.markdown("\n".join(lines))
    examples = render.example_questions(docs, has_article_one=(lambda d: has_article(d, 1)) if has_article else None)
    if examples:
        st.caption("试试这些问题：")
        cols = st.columns(2)
        for k, (mode, text) in enumerate(examples):
            cols[k % 2].button(text, key=f"example_{k}", width="stretch", help=text,
                               on_click=lambda m=mode, t=text: st.session_state.update(example_question=(m, t), mode=m))


def _resolved_note(question: str, result: dict, previous: str = "") -> None:
    """Show how a follow-up question was understood (against the ``previous`` question)."""
    note = render.follow_up_note(question, (result or {}).get("resolved_question") or "", previous)
    if note:
        st.caption(render.escape_md(note))


def _feedback(history: History, owner: str, turn_id: int, stored: int | None) -> None:
    """Thumbs up/down, stored with the turn (and shown as stored after a reload)."""
    key = f"fb_{turn_id}"
    if key not in st.session_state and stored is not None:
        st.session_state[key] = stored
    value = st.feedback("thumbs", key=key)
    if value != stored:
        try:
            history.set_feedback(owner, turn_id, value)
        except NotFound:
            pass


def _run(assistant, mode: str, question: str, past: list[str], doc_filter: list[str],
         past_docs: list[list[str]] | None = None) -> dict:
    from assistant.generate.planning import make_plan
    from assistant.retrieve.retrieval import Filters

    filters = Filters(doc_ids=doc_filter or None)
    try:
        if mode == "工作方案":
            with st.spinner("正在检索条款并起草提纲……"):
                return make_plan(assistant, question, filters).to_json()
        result = None
        draft = st.empty()
        draft.caption("正在检索条款并组织回答……")  # replaced by the answer as it streams in
        shown = ""
        for kind, payload in assistant.ask_stream(question, history=past, filters=filters, history_docs=past_docs):
            if kind == "delta":
                shown += payload
                draft.markdown(render.escape_md(shown) + " ▌")
            else:
                result = payload
        draft.empty()
        out = result.to_json()
        if doc_filter:  # what was searched: a refusal then speaks of the chosen files, not the whole library
            out["doc_filter"] = list(doc_filter)
        return out
    except InputError as exc:
        return {"error": f"无法处理这个问题：{exc}", "statements": []}
    except StoreBusy:
        return {"error": f"暂时无法作答：{BUSY_ZH}问题已保存，请稍后重新提问。", "statements": []}
    except StoreError as exc:
        return {"error": "条款库暂时无法读取（如条款库服务未启动或连接中断）。请检查条款库服务后重新提问；这个问题已保存在对话中。"
                         f"（详情：{exc}）", "statements": []}
    except AssistantError as exc:
        return {"error": f"出错了：{exc}。对话已保存，可稍后重试。", "statements": []}
