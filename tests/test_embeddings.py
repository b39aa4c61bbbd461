"""The embedder seam: the offline hashing embedder, and an OpenAI-compatible endpoint on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from assistant.clauses import Clause
from assistant.config import Settings
from assistant.embeddings import HashingEmbedder, OpenAICompatibleEmbedder, build_embedder
from assistant.errors import ConfigError, EmbeddingError, StoreError
from assistant.ingest import embedding_text, ingest_paths, open_store
from tests.conftest import SEEDS


def test_hashing_embedder_is_deterministic_normalised_and_script_independent():
    e = HashingEmbedder(256)
    a, b = e.embed_documents(["人民检察院加强法律监督", "人民檢察院加強法律監督"])
    assert len(a) == 256 and abs(np.linalg.norm(a) - 1) < 1e-6
    assert np.allclose(a, b)  # Traditional and Simplified map to the same vector
    assert e.embed_query("人民检察院加强法律监督") == a
    near = np.dot(a, e.embed_query("加强检察机关法律监督工作"))
    far = np.dot(a, e.embed_query("生态环境损害赔偿磋商"))
    assert near > far
    assert e.embed_query("") == [0.0] * 256
    assert e.identity == "hashing-cng13-v1-d256"


class _FakeEmbeddings(BaseHTTPRequestHandler):
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
        out = json.dumps({"object": "list", "data": data, "model": body["model"],
                          "usage": {"prompt_tokens": 1, "total_tokens": 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


@pytest.fixture
def embed_server():
    _FakeEmbeddings.calls = []
    _FakeEmbeddings.fail = False
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _FakeEmbeddings)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/v1"
    srv.shutdown()


def test_openai_compatible_endpoint_through_the_seam(embed_server, tmp_path):
    settings = Settings(store_path=tmp_path / "s", embedder="openai", embedding_base_url=embed_server,
                        embedding_model="bge-m3", embedding_batch_size=50)
    emb = build_embedder(settings)
    assert isinstance(emb, OpenAICompatibleEmbedder) and emb.identity.startswith("openai:bge-m3@")
    report = ingest_paths(settings, [SEEDS])
    assert report.written > 150
    assert _FakeEmbeddings.calls and all(c["model"] == "bge-m3" for c in _FakeEmbeddings.calls)
    assert max(len(c["input"]) for c in _FakeEmbeddings.calls) <= 50
    store = open_store(settings)
    assert "bge-m3" in store.name
    stored_text = embedding_text(Clause.from_record(store.get_records(ids=["bj-zjxz:a20"])[0]))
    res = store.collection.query(query_embeddings=[emb.embed_query(stored_text)], n_results=1)
    assert res["ids"][0] == ["bj-zjxz:a20"]
    with pytest.raises(StoreError, match="another parser version or embedder"):
        open_store(Settings(store_path=tmp_path / "s"))  # the hashing identity never built this store


def test_endpoint_errors_are_reported(embed_server):
    _FakeEmbeddings.fail = True
    emb = OpenAICompatibleEmbedder(model="m", base_url=embed_server, api_key=None)
    emb._client.max_retries = 0
    with pytest.raises(EmbeddingError, match="embedding endpoint .* failed"):
        emb.embed_documents(["文本"])


def test_openai_embedder_needs_an_endpoint():
    with pytest.raises(ConfigError, match="LVJU_EMBEDDING_BASE_URL"):
        build_embedder(Settings(embedder="openai"))
