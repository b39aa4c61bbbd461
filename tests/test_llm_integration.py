"""The real LLM path against a real local OpenAI-compatible server on 127.0.0.1
(llama.cpp via xllamacpp serving Gemma 3 270M from PyPI packages; 1 thread, temperature 0).

The model is tiny and not instruction-tuned: its answers are poor and it invents article numbers,
which makes it a real test that the checker flags or removes every unsupported or invented citation.
"""

from __future__ import annotations

import os
import re
import sys

import pytest

from assistant.config import Settings
from assistant.generate.models import build_chat_model
from assistant.generate.session import open_assistant
from assistant.index.ingest import ingest_paths, open_store
from assistant.verify.checker import DocIndex, check_statement
from tests.conftest import REPO, SEEDS, free_port, start_server, stop

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def llm_url(tmp_path_factory):
    pytest.importorskip("xllamacpp", reason="dev dependency xllamacpp is not installed")  # installed by make test
    port = free_port()
    log_path = tmp_path_factory.mktemp("llm") / "server.log"
    proc = start_server([sys.executable, str(REPO / "scripts" / "local_llm_server.py"), "--port", str(port)],
                        log_path, lambda: "READY" in log_path.read_text(errors="replace"), "LLM server",
                        timeout=120, env=os.environ.copy())
    yield f"http://127.0.0.1:{port}/v1"
    stop(proc)


@pytest.fixture(scope="module")
def settings(llm_url, tmp_path_factory):
    # (llm_min_verified_share 0: the tiny model's answer is kept, flagged sentence by sentence, so that the checking of
    # a real reply is what these tests see, not the fallback a mostly unverified reply gets by default)
    s = Settings(store_path=tmp_path_factory.mktemp("llmstore") / "store", llm_base_url=llm_url, llm_model="gemma",
                 llm_temperature=0, llm_max_tokens=96, llm_timeout_s=90, llm_max_retries=0, llm_min_verified_share=0)
    ingest_paths(s, [SEEDS])
    return s


def test_streaming_from_the_real_server(settings):
    chat = build_chat_model(settings)
    chunks = list(chat.stream("你好"))
    assert len(chunks) >= 2 and "".join(chunks).strip()


def test_real_llm_answer_is_checked_statement_by_statement(settings):
    store = open_store(settings)
    assistant = open_assistant(settings, store=store)
    assert assistant.generator_name == "llm"
    res = assistant.ask("性侵害未成年被害人的一站式取证救助机制要求一次性完成哪些工作？", k=3)
    assert res.generator == "llm" and res.fallback_reason is None, res.fallback_reason
    assert res.raw.strip()  # the raw model output is kept beside the statements
    docs = DocIndex.from_documents(store.documents())
    given = {c: r for c, r in res.clauses.items()}
    for st in res.statements:
        assert all(c in given for c in st["citations"])  # nothing cited that was not given
        if st["verified"]:  # a verified statement passes the checker again, independently
            keys = [f"K{i}" for i in range(len(st["citations"]))]
            again = check_statement(st["text"], keys, {k: given[c] for k, c in zip(keys, st["citations"])}, docs=docs)
            assert again.verified, (st, again.reason)
        else:
            assert st["checks"]["reason"]
        for m in re.finditer(r"第([一二三四五六七八九十百]+)条", st["text"]):  # invented article numbers are flagged
            if st["verified"]:
                assert any(m.group(0) in given[c]["label"] or m.group(0) in given[c]["text_normalized"] for c in st["citations"])
    unverified = sum(1 for s in res.statements if not s["verified"])
    assert res.answer_markdown.count("〔未核实〕") == unverified


def test_real_llm_streams_an_answer_through_the_checker(settings):
    assistant = open_assistant(settings)
    events = list(assistant.ask_stream("府检联动协调机制的召集人是谁？", k=2))
    deltas = [e[1] for e in events if e[0] == "delta"]
    kind, result = events[-1]
    assert kind == "result" and len(deltas) >= 2
    if result.generator == "llm":
        assert result.fallback_reason is None and result.raw.startswith("".join(deltas)[:20])
    else:  # the tiny model may only give its prompt back: then the offline answer, the reason said, the reply kept
        assert "输出无法使用" in result.fallback_reason and "".join(deltas)[:20] in result.raw
    assert all(c in result.clauses for s in result.statements for c in s["citations"])


def test_the_real_model_rewrite_is_searched_or_reported(settings):
    from assistant.retrieve.retrieval import ClauseRetriever
    from assistant.retrieve.rewrite import rewrite_question

    chat = build_chat_model(settings)
    failures: list[dict] = []
    question = "检察院和公安那边碰到问题一般怎么沟通协调？"
    rw = rewrite_question(question, chat, failures=failures)
    assert (not rw.empty()) or [f["stage"] for f in failures] == ["rewrite"]  # parsed, or reported — never raised
    assert len(rw.terms) <= 120 and len(rw.references) <= 3
    res = ClauseRetriever(open_store(settings), settings).search(question, k=5, rewrite=rw)
    assert res.hits and ("rewrite" in res.to_json()) == (not rw.empty())
