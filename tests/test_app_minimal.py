"""The Streamlit app on its embedded defaults: builds the store on first run and lists the documents."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


def test_app_lists_ingested_documents_with_clause_counts():
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "律据助手"
    table = at.dataframe[0].value
    assert len(table) == 7
    assert set(table["编号"]) >= {"bj-zjxz", "bjsw-jcjd", "wh-fjld"}
    counts = dict(zip(table["编号"], table["条款数"]))
    assert counts["bj-zjxz"] == 38
    assert at.metric[0].value == str(sum(counts.values()))


def test_app_shows_a_chinese_error_when_the_store_is_unusable(monkeypatch, tmp_path):
    monkeypatch.setenv("LVJU_CHROMA_SERVER_URL", "http://127.0.0.1:9")
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "条款库不可用" in at.error[0].value
