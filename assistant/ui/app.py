"""The Streamlit app (UI text in Chinese). Heavy objects are shared via st.cache_resource."""

from __future__ import annotations

import streamlit as st

from assistant.config import Settings
from assistant.errors import AssistantError


@st.cache_resource(show_spinner="正在准备条款库（首次运行会从 seeds/ 建库）……")
def _store(settings_key: str):
    """One store per distinct settings (the key is the settings JSON; secrets are masked in it)."""
    from assistant.ingest import ensure_store

    store, _report = ensure_store(Settings())
    return store


def main() -> None:
    st.set_page_config(page_title="律据助手", page_icon="⚖️", layout="wide")
    st.title("律据助手")
    st.caption("依据正式文件条款作答，每句均附可核验的条款引用。")
    try:
        store = _store(Settings().model_dump_json())
        docs = store.documents()
    except AssistantError as exc:
        st.error(f"条款库不可用：{exc}")
        st.info("请在终端运行 `assistant ingest --rebuild` 重建条款库后刷新页面。")
        st.stop()
        return
    if not docs:
        st.warning("条款库为空。请运行 `assistant ingest` 导入文件。")
        return
    st.subheader("已入库文件")
    rows = [
        {
            "文件": d["title"],
            "简称": d["short_name"],
            "发文机关": "、".join(d.get("issuers") or []),
            "日期": d.get("date") or "",
            "文号": d.get("doc_number") or "",
            "条款数": d["clause_count"],
            "编号": d["doc_id"],
        }
        for d in docs
    ]
    st.dataframe(rows, hide_index=True, width="stretch", key="docs_table")
    st.metric("条款总数", store.count())
