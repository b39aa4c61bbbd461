"""The chat seam against a scripted OpenAI-compatible fault server on 127.0.0.1: a stream cut
before its end marker, a server dripping one chunk at a time, 429 with Retry-After, and the
overall deadline of an answer. The real adapter (LangChain ChatOpenAI, openai SDK, httpx) is used."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.config import Settings
from assistant.errors import ModelError
from assistant.generate.models import OpenAICompatibleChat
from tests.conftest import SEEDS, chat_completion, send_json

ANSWER = "一次性完成未成年被害人、证人询问、生物样本提取等工作。"


class Fault(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    script: list[str] = []  # one mode per request; the last one repeats
    requests: list[float] = []

    def _chunk(self, payload: dict | str) -> None:
        data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        body = f"data: {data}\n\n".encode()
        self.wfile.write(f"{len(body):x}\r\n".encode() + body + b"\r\n")
        self.wfile.flush()

    def _delta(self, text: str, finish=None) -> dict:
        return {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
                "choices": [{"index": 0, "delta": {"content": text} if text else {}, "finish_reason": finish}]}

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        cls = type(self)
        cls.requests.append(time.monotonic())
        mode = cls.script.pop(0) if len(cls.script) > 1 else cls.script[0]
        prompt = body["messages"][-1]["content"]
        key = next((ln[1 : ln.index("]")] for ln in prompt.splitlines() if ln.startswith("[C") and "第二十条" in ln), "C1")
        text = f"{ANSWER}[{key}]"
        if mode.startswith("429:"):
            send_json(self, {"error": {"message": "rate limited", "type": "rate_limit"}}, 429, {"Retry-After": mode.split(":")[1]})
            return
        if not body.get("stream"):
            send_json(self, chat_completion(text))
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        pieces = [text[i : i + 6] for i in range(0, len(text), 6)]
        if mode == "cut":  # part of the answer, then the connection ends cleanly: no finish_reason, no [DONE]
            for p in pieces[:3]:
                self._chunk(self._delta(p))
            self.wfile.write(b"0\r\n\r\n")
            self.close_connection = True
            return
        if mode == "drip":  # one piece every second, for at most 30 s
            for i in range(30):
                self._chunk(self._delta("慢"))
                time.sleep(1.0)
                if i > 30:
                    break
            self.close_connection = True
            return
        for p in pieces:
            self._chunk(self._delta(p))
        self._chunk(self._delta("", finish="stop"))
        self._chunk("[DONE]")
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, *args):
        pass


@pytest.fixture
def fault_server():
    Fault.script, Fault.requests = ["ok"], []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Fault)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/v1"
    srv.shutdown()
    srv.server_close()


def _chat(url, **kw) -> OpenAICompatibleChat:
    return OpenAICompatibleChat(Settings(llm_base_url=url, llm_model="m", **kw))


def test_a_complete_stream_and_a_completion(fault_server):
    chat = _chat(fault_server)
    assert "".join(chat.stream("问题")) == f"{ANSWER}[C1]"
    assert chat.complete("问题") == f"{ANSWER}[C1]"


def test_a_stream_cut_before_its_end_marker_is_a_failure(fault_server):
    Fault.script = ["cut"]
    got = []
    with pytest.raises(ModelError, match="end marker"):
        for piece in _chat(fault_server).stream("问题"):
            got.append(piece)
    assert got and "".join(got) != f"{ANSWER}[C1]"


@pytest.mark.slow
def test_a_dripping_server_is_stopped_at_the_deadline(fault_server):
    Fault.script = ["drip"]
    chat = _chat(fault_server, llm_timeout_s=5, llm_deadline_s=3)
    t0 = time.monotonic()
    with pytest.raises(ModelError, match="time limit"):
        list(chat.stream("问题"))
    assert time.monotonic() - t0 < 6  # deadline 3 s + at most one gap between chunks


def test_retry_after_beyond_the_deadline_fails_at_once(fault_server):
    Fault.script = ["429:120"]
    chat = _chat(fault_server, llm_deadline_s=10, llm_max_retries=3)
    t0 = time.monotonic()
    with pytest.raises(ModelError, match="retry after 120"):
        chat.complete("问题")
    assert time.monotonic() - t0 < 3 and len(Fault.requests) == 1


@pytest.mark.slow
def test_a_short_retry_after_is_honoured_inside_the_deadline(fault_server):
    Fault.script = ["429:1", "ok"]
    chat = _chat(fault_server, llm_deadline_s=10, llm_max_retries=1)
    assert chat.complete("问题").startswith(ANSWER)
    assert len(Fault.requests) == 2 and Fault.requests[1] - Fault.requests[0] >= 0.9


def test_no_retries_left_gives_the_error(fault_server):
    Fault.script = ["429:0"]
    with pytest.raises(ModelError, match="RateLimitError"):
        _chat(fault_server, llm_max_retries=0).complete("问题")


@pytest.mark.slow
def test_one_deadline_covers_the_whole_answer(fault_server, tmp_path):
    """A model that never finishes: the answer comes back offline, flagged, within the deadline."""
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import ingest_paths

    s = Settings(store_path=tmp_path / "store", llm_base_url=fault_server, llm_model="m", llm_timeout_s=5, llm_deadline_s=3)
    ingest_paths(s, [SEEDS])
    Fault.script = ["drip"]
    t0 = time.monotonic()
    events = list(open_assistant(s).ask_stream("一站式取证救助机制要求一次性完成哪些工作？"))
    assert time.monotonic() - t0 < 8
    result = events[-1][1]
    assert result.generator == "offline" and "time limit" in result.fallback_reason
    assert result.model_failures[-1]["stage"] == "answer"
    assert all(s["citations"] for s in result.statements)


@pytest.mark.slow
def test_a_cut_stream_gives_the_offline_answer_not_a_repaired_duplicate(fault_server, tmp_path):
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import ingest_paths

    s = Settings(store_path=tmp_path / "store", llm_base_url=fault_server, llm_model="m")
    ingest_paths(s, [SEEDS])
    Fault.script = ["cut", "ok"]
    result = list(open_assistant(s).ask_stream("一站式取证救助机制要求一次性完成哪些工作？"))[-1][1]
    assert result.generator == "offline" and "end marker" in result.fallback_reason
    assert not any(st.get("repaired") for st in result.statements)
    assert len(Fault.requests) == 1  # no repair round on a cut answer


def test_asking_for_the_configured_model_when_none_is_configured_is_a_clear_error(tmp_path):
    """open_assistant(settings, chat=True) with no model configured: a ConfigError saying what to set — not an
    AttributeError at the first question (a new-user trial); an object that is no chat model is a TypeError."""
    from assistant.errors import ConfigError
    from assistant.generate.session import open_assistant
    from tests.conftest import files_store

    s = files_store(tmp_path, {"规定.md": "# 某某规定\n\n第一条 为规范管理，制定本规定。\n"}).model_copy(
        update={"llm_model": "", "llm_base_url": ""})
    with pytest.raises(ConfigError, match="LVJU_LLM_MODEL"):
        open_assistant(s, chat=True)
    with pytest.raises(TypeError, match="chat model"):
        open_assistant(s, chat="gpt-4o")
    assert open_assistant(s, chat=False).chat is None
