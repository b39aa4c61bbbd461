"""Shared fixtures. Every test gets its own store/data folders (never the repo's vectorstore/)."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED_EVAL = REPO.parent / "shared" / "eval"
EVAL_DATA = REPO / "eval" / "datasets"


def eval_file(name: str) -> Path:
    """The shared dev set when present (CI has shared/ beside the clone), else the repo's copy."""
    p = SHARED_EVAL / name
    return p if p.is_file() else EVAL_DATA / name


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (for servers the tests start)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(cmd: list[str], log_path, ready, what: str, timeout: float = 60, env: dict | None = None, cwd=None):
    """Start a server process the tests need, logging to ``log_path``, and wait until ``ready()``
    is true; fail the test with the log's tail if it exits or does not get ready in time."""
    import subprocess
    import time

    log = open(log_path, "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    proc.log = log  # closed by stop()
    deadline = time.time() + timeout
    while True:
        if proc.poll() is not None:
            log.close()
            pytest.fail(f"{what} exited: " + log_path.read_text(errors="replace")[-2000:])
        try:
            if ready():
                return proc
        except OSError:
            pass
        if time.time() > deadline:
            stop(proc)
            pytest.fail(f"{what} did not start within {timeout:.0f} s")
        time.sleep(0.3)


def port_open(port: int) -> bool:
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True


def stop(proc, timeout: float = 15) -> None:
    """Terminate a server process the tests started, killing it if it does not exit."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
    if getattr(proc, "log", None) is not None:
        proc.log.close()


def send_json(handler, obj, status: int = 200, headers: dict | None = None) -> None:
    """Answer an HTTP request of a test server with a JSON body."""
    out = json.dumps(obj, ensure_ascii=False).encode() if not isinstance(obj, bytes) else obj
    handler.send_response(status)
    for k, v in {"Content-Type": "application/json", **(headers or {})}.items():
        handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(out)))
    handler.end_headers()
    handler.wfile.write(out)


def chat_completion(text: str, model: str = "m") -> dict:
    """An OpenAI chat.completion body whose answer is ``text``."""
    return {"id": "x", "object": "chat.completion", "created": 0, "model": model, "choices": [
        {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def start_app(tmp_path, extra_env: dict | None = None):
    """`streamlit run` of the app on a free port of 127.0.0.1 with its own store and data folders;
    returns (process, url) once it is healthy."""
    import sys
    import urllib.request

    port = free_port()
    env = {**os.environ, "LVJU_STORE_PATH": str(tmp_path / "store"), "LVJU_DATA_DIR": str(tmp_path / "data"), **(extra_env or {})}
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.status == 200

    proc = start_server([sys.executable, "-m", "streamlit", "run", str(REPO / "streamlit_app.py"), "--server.port", str(port),
                         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                        tmp_path / "streamlit.log", healthy, "streamlit", timeout=90, env=env, cwd=REPO)
    return proc, url


def key_for(prompt: str, label_part: str) -> str:
    """The opaque key ("C3") under which the prompt offered the clause whose label contains ``label_part``."""
    for line in prompt.splitlines():
        if line.startswith("[C") and label_part in line:
            return line[1 : line.index("]")]
    raise AssertionError(f"{label_part} not offered in the prompt")


class ScriptedChat:
    """A scripted chat model at the seam (``complete``/``stream`` → text). Replies are used in order:
    a string, a function of the prompt, or an Exception to raise. Every prompt is recorded; ``stream``
    yields 5-char pieces, and raises the next scripted exception mid-way if one follows."""

    name = "scripted"

    def __init__(self, *replies):
        self.replies, self.prompts, self.deadlines = list(replies), [], []

    def _next(self, prompt, deadline):
        self.prompts.append(prompt)
        self.deadlines.append(deadline)
        if not self.replies:
            raise AssertionError("unexpected extra model call")
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply(prompt) if callable(reply) else reply

    def complete(self, prompt, deadline=None):
        return self._next(prompt, deadline)

    def stream(self, prompt, deadline=None):
        text = self._next(prompt, deadline)
        for i in range(0, len(text), 5):
            if self.replies and isinstance(self.replies[0], Exception) and i > 10:
                raise self.replies.pop(0)  # the connection drops mid-stream
            yield text[i : i + 5]


def files_store(tmp_path, files: dict[str, str]):
    """Settings of a fresh store holding the constructed documents ``{file name: text}`` (under ``tmp_path``)."""
    from assistant.config import Settings
    from assistant.index.ingest import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [docs])
    return s


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    for key in list(os.environ):
        if key.startswith("LVJU_"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LVJU_STORE_PATH", str(tmp_path / "store"))
    monkeypatch.setenv("LVJU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # no stray .env from the repo
    from assistant.config import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def one_document(tmp_path):
    """``build(name, text, **settings)``: an offline assistant over a fresh store holding one constructed document
    (built again with other settings over the same store)."""
    from assistant.config import Settings
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import ingest_paths, open_store

    def build(name: str, text: str, **settings):
        lib = tmp_path / "lib"
        lib.mkdir(exist_ok=True)
        (lib / name).write_text(text, encoding="utf-8")
        s = Settings(store_path=tmp_path / "store", **settings)
        ingest_paths(s, [lib / name])
        return open_assistant(s, store=open_store(s), chat=False)
    return build


@pytest.fixture(scope="session")
def seeded_store_template(tmp_path_factory) -> Path:
    """The seed corpus ingested once per test session (in a separate process, so no client of this
    process holds it open), with its lexical index built; tests copy it instead of re-ingesting."""
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("seeded")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("LVJU_")},
           "LVJU_STORE_PATH": str(root / "store"), "LVJU_DATA_DIR": str(root / "data"), "LVJU_SEEDS_PATH": str(SEEDS)}
    for args in (["init"], ["retrieve", "协作", "--k", "1"]):
        out = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
    return root / "store"


def copy_seeded_store(template: Path, dest: Path) -> Path:
    import shutil

    shutil.copytree(template, dest, ignore=shutil.ignore_patterns("*.lock"))
    return dest


@pytest.fixture
def seeded_store(seeded_store_template, tmp_path) -> Path:
    """A fresh copy of the seeded store at this test's LVJU_STORE_PATH."""
    return copy_seeded_store(seeded_store_template, tmp_path / "store")


@pytest.fixture(scope="module")
def seeded_module_store(seeded_store_template, tmp_path_factory) -> Path:
    """A copy of the seeded store shared by the tests of one module (they only read it)."""
    return copy_seeded_store(seeded_store_template, tmp_path_factory.mktemp("module") / "store")


def pytest_collection_modifyitems(items):
    for item in items:  # a test that starts servers is slow too: `-m "not slow"` is the fast loop
        if item.get_closest_marker("server") is not None:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def settings(tmp_path):
    from assistant.config import Settings

    return Settings(store_path=tmp_path / "store", data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def seed_docs():
    """All seed documents parsed once: {file name: (raw text, [ParsedDocument])}."""
    from assistant.parse.corpus import expand_paths, parse_path

    out = {}
    for f in expand_paths([SEEDS]):
        pf = parse_path(f)
        out[f.name] = (pf.source.text, pf.documents)
    return out


class FakeEmbeddings(BaseHTTPRequestHandler):
    """A scripted OpenAI-compatible /v1/embeddings endpoint (deterministic vectors)."""

    calls: list = []
    fail = False

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append(body)
        if type(self).fail:
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "boom"}}')
            return
        data = []
        for i, text in enumerate(body["input"]):
            assert isinstance(text, str)  # raw strings, not token arrays
            seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
            vec = np.random.default_rng(seed).normal(size=8)
            data.append({"object": "embedding", "index": i, "embedding": (vec / np.linalg.norm(vec)).tolist()})
        send_json(self, {"object": "list", "data": data, "model": body["model"], "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    def log_message(self, *args):
        pass


@pytest.fixture
def embed_server():
    FakeEmbeddings.calls = []
    FakeEmbeddings.fail = False
    srv = ThreadingHTTPServer(("127.0.0.1", 0), FakeEmbeddings)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    from types import SimpleNamespace

    yield SimpleNamespace(url=f"http://127.0.0.1:{srv.server_address[1]}/v1", handler=FakeEmbeddings)
    srv.shutdown()
