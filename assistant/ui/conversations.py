"""The owner's conversations in the sidebar: a search, the list under its days (the open one
highlighted, one click to open) and rename/delete of the open one (with confirmation). The open
conversation is the URL's ``?c=``; every call names the owner (see history.py)."""

from __future__ import annotations

import time

import streamlit as st

from assistant.ui.history import History, NotFound

NEW_CONVERSATION = "__new__"
CONVERSATIONS_SHOWN = 30


def day_label(ts: float, now: float | None = None) -> str:
    """今天 / 昨天 / 11月25日 / 2025年11月25日 for a time stamp (the server's local time)."""
    import datetime

    day = datetime.date.fromtimestamp(ts)
    today = datetime.date.fromtimestamp(time.time() if now is None else now)
    if day == today:
        return "今天"
    if day == today - datetime.timedelta(days=1):
        return "昨天"
    return f"{day.month}月{day.day}日" if day.year == today.year else f"{day.year}年{day.month}月{day.day}日"


def conversation_list(sb, convs: list[dict], active: str | None) -> None:
    """The owner's conversations, newest first, under their day; the open one is highlighted.
    One click opens a conversation (its id goes into the URL)."""
    limit = st.session_state.get("conversations_shown", CONVERSATIONS_SHOWN)
    box = sb.container(key="conversation_list")
    last_day = None
    for c in convs[:limit]:
        day = day_label(c["updated"])
        if day != last_day:
            box.caption(day)
            last_day = day
        box.button(c["title"], key=f"conv_{c['id']}", width="stretch", type="primary" if c["id"] == active else "tertiary",
                   help=f"{c['title']}（{time.strftime('%Y-%m-%d %H:%M', time.localtime(c['updated']))}）",
                   on_click=open_conversation, args=(c["id"],))
    if len(convs) > limit:
        box.button(f"显示更多（还有 {len(convs) - limit} 个）", key="conversations_more", width="stretch",
                   on_click=lambda: st.session_state.update(conversations_shown=limit + CONVERSATIONS_SHOWN))


def sidebar(sb, history: History, owner: str, active: str | None) -> None:
    """Search, the dated list, and rename/delete (with confirmation) of the open conversation."""
    convs = history.conversations(owner)
    if convs:
        sb.markdown("**历史对话**")
        query = sb.text_input("搜索对话", key="conversation_search", placeholder="按标题或问题中的词搜索",
                              label_visibility="collapsed")
        if query.strip():
            convs = history.conversations(owner, query)
            if not convs:
                sb.caption("没有找到匹配的对话。")
        conversation_list(sb, convs, active)
        if active:  # checked against the owner already; renamable and deletable even while a search hides it
            with sb.expander("重命名或删除"):
                new_title = st.text_input("新名称", key="rename_text")
                renamed = st.button("重命名", key="rename_button")
                if renamed and not new_title.strip():
                    st.warning("新名称不能为空。")  # (a blank name was ignored without a word)
                elif renamed:
                    try:
                        history.rename(owner, active, new_title)
                    except (NotFound, ValueError):
                        pass
                    st.rerun()
                if st.session_state.get("confirm_delete") == active:
                    st.warning("确认删除这个对话？删除后无法恢复。")
                    c1, c2 = st.columns(2)
                    if c1.button("确认删除", key="delete_confirm", type="primary"):
                        try:
                            history.delete(owner, active)
                        except NotFound:
                            pass
                        st.session_state.pop("confirm_delete", None)
                        open_conversation(None)
                        st.rerun()
                    if c2.button("取消", key="delete_cancel"):
                        st.session_state.pop("confirm_delete", None)
                        st.rerun()
                elif st.button("删除此对话", key="delete_button"):
                    st.session_state["confirm_delete"] = active
                    st.rerun()


def open_conversation(cid: str | None) -> None:
    """Make ``cid`` the active conversation (None: a new, not yet stored one). The URL carries it,
    so a reload reopens it; it is checked against the owner on every run."""
    if cid and cid != NEW_CONVERSATION:
        st.query_params["c"] = cid
    elif "c" in st.query_params:
        del st.query_params["c"]
    st.session_state.pop("confirm_delete", None)
