"""The lexical index after a write: the last full build kept as the base, the clauses written since in a
delta part, the clauses removed or rewritten retired, idf from the live clauses. Checked against an
independent BM25 over the record file's stored counts, through a real store on disk."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import InputError
from assistant.index import lexical
from assistant.index.ingest import ingest_paths, open_store, remove_source
from assistant.retrieve.retrieval import ClauseRetriever, Filters
from tests.conftest import REPO as ROOT
from tests.conftest import SEEDS

RIVER = """某市关于加强河道保洁管理的办法

第一条 为加强河道保洁，改善水环境，制定本办法。

第二条 河道保洁由街道办事处负责，每日巡查河面漂浮物一次。

第三条 向河道倾倒垃圾的，由城市管理部门责令改正。
"""
MARKET = """某县关于规范农贸市场秩序的规定

第一条 为规范农贸市场秩序，保障食用农产品安全，制定本规定。

第二条 市场开办者应当建立食用农产品进货查验和索证索票制度。

第三条 本规定自发布之日起施行。
"""
PARKS = """某区城市公园游园管理规定

第一条 为加强城市公园管理，维护游园秩序，制定本规定。

第二条 公园内禁止放风筝于高压线附近，禁止垂钓观赏鱼。

第三条 游客损坏公园设施的，应当照价赔偿。
"""
QUERIES = ["河道保洁巡查", "农贸市场进货查验", "公园垂钓观赏鱼", "人民检察院 公益诉讼", "制定本办法"]


def _reference(store, idx: lexical.LexicalIndex, field: str, query_tokens: list[str], avgdl: float) -> dict[str, float]:
    """BM25 (lucene idf, k1 1.5, b 0.75, the given mean length) of every live clause, computed here from the
    record file's (token id, count) pairs: clause id -> score."""
    k = lexical.FIELDS.index(field)
    vocab = store.records.vocabulary()
    docs = {r[0]: dict(np.frombuffer(r[5 + k], dtype=np.int32).reshape(-1, 2).tolist()) for r in store.records.lexical_rows()}
    n = len(docs)
    df = Counter(t for d in docs.values() for t in d)
    ids = [vocab[t] for t in query_tokens if t in vocab]
    out = {}
    for cid, counts in docs.items():
        dl = sum(counts.values())
        score = 0.0
        for t in ids:
            if t in counts:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                score += idf * counts[t] / (counts[t] + lexical.K1 * (1 - lexical.B + lexical.B * dl / avgdl))
        out[cid] = score
    return out


def _assert_matches_reference(retriever: ClauseRetriever, avgdl: dict[str, float]) -> None:
    idx = retriever.index()
    store = retriever.store
    live = {idx.ids[i]: i for i in idx.live_positions().tolist()}
    assert sorted(live) == sorted(store.records.written())  # every clause once, no removed one
    assert set(idx.avgdl) >= {"char", "word"}
    for field in idx.avgdl:
        matrix = getattr(idx, f"{field}_bm25")
        for q in QUERIES:
            tokenize = lexical.word_tokens if field == "word" else lexical.char_tokens
            toks = tokenize(lexical.clean_query(q), normalized=True)
            got = matrix.get_scores([t for t in toks if t in matrix.vocab_dict])
            want = _reference(store, idx, field, toks, avgdl[field])
            for cid, pos in live.items():
                assert got[pos] == pytest.approx(want[cid], rel=1e-5, abs=1e-6), (field, q, cid)
            if idx.dead is not None:
                assert not got[idx.dead].any()  # a retired position never scores


def _base_avgdl(store) -> dict[str, float]:
    """Mean clause length per field of the clauses in the store now (what a full build normalises by)."""
    rows = store.records.lexical_rows()
    return {f: float(np.mean([np.frombuffer(r[5 + k], dtype=np.int32).reshape(-1, 2)[:, 1].sum() for r in rows]))
            for k, f in enumerate(lexical.FIELDS)}


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "river.txt").write_text(RIVER, encoding="utf-8")
    (folder / "market.txt").write_text(MARKET, encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [SEEDS, folder])
    return s, folder


def _top(r: ClauseRetriever, q: str, **kw) -> list[str]:
    return [h.clause["clause_id"] for h in r.search(q, k=5, **kw).hits]


def test_writes_update_the_index_and_its_scores_stay_bm25_over_the_live_clauses(library, tmp_path):
    s, folder = library
    r = ClauseRetriever(open_store(s), s)
    r.search("河道保洁")
    avgdl = _base_avgdl(r.store)
    assert (r.rebuilds, r.updates) == (1, 0)
    assert r.index().avgdl == pytest.approx({f: avgdl[f] for f in r.index().avgdl})
    _assert_matches_reference(r, avgdl)

    # add a file
    (folder / "parks.txt").write_text(PARKS, encoding="utf-8")
    ingest_paths(s, [folder / "parks.txt"])
    assert _top(r, "公园垂钓观赏鱼")[0].startswith("parks:")
    assert (r.rebuilds, r.updates) == (1, 1)
    _assert_matches_reference(r, avgdl)  # the base's mean length, idf over the live clauses
    hit = r.search("某区城市公园游园管理规定第二条", k=3).hits[0]
    assert hit.match == "reference" and hit.clause["clause_id"] == "parks:a2"  # the lookup tables follow too

    # rewrite a file of the base: its old text is gone, its new text found
    (folder / "river.txt").write_text(RIVER.replace("每日巡查河面漂浮物一次", "每周清理淤泥沉积物两次"), encoding="utf-8")
    ingest_paths(s, [folder / "river.txt"])
    assert r.index().dead is not None and r.index().dead.sum() == 3
    assert (r.rebuilds, r.updates) == (1, 2)
    assert "漂浮物" not in json.dumps([h.clause["text"] for h in r.search("河面漂浮物", k=10).hits], ensure_ascii=False)
    assert r.search("清理淤泥沉积物", k=1).hits[0].clause["clause_id"] == "river:a2"
    _assert_matches_reference(r, avgdl)

    # remove a file of the base: its clauses never come back, its id is unknown to the filters
    removed = remove_source(r.store, "market.txt")
    assert removed == 3
    assert r.index().dead.sum() == 6
    assert all(not c.startswith("market:") for c in _top(r, "农贸市场进货查验索证索票"))
    with pytest.raises(InputError, match="unknown document"):
        r.search("进货查验", filters=Filters(doc_ids=["market"]))
    assert (r.rebuilds, r.updates) == (1, 3)
    _assert_matches_reference(r, avgdl)

    # a cold process loads the updated index as saved: no build, the same answers
    cold = ClauseRetriever(open_store(s), s)
    for q in QUERIES + ["某区城市公园游园管理规定第三条"]:
        assert _top(cold, q) == _top(r, q), q
    assert (cold.rebuilds, cold.updates) == (0, 0)

    # and the store check agrees with it
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "check"], cwd=ROOT, capture_output=True, text=True,
                         env={"LVJU_STORE_PATH": str(s.store_path), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0 and out.stdout.splitlines()[-1].startswith("ok:"), out.stdout + out.stderr


@pytest.mark.parametrize("share,rebuilt", [(0.0, True), (0.01, True), (0.2, False)])
def test_beyond_the_delta_share_the_index_is_rebuilt_whole(library, share, rebuilt):
    s, folder = library
    s = s.model_copy(update={"store_lexical_delta_share": share})
    r = ClauseRetriever(open_store(s), s)
    r.search("河道保洁")
    (folder / "parks.txt").write_text(PARKS, encoding="utf-8")  # 3 clauses in a library of about 190
    ingest_paths(s, [folder / "parks.txt"])
    assert _top(r, "公园垂钓观赏鱼")[0].startswith("parks:")
    assert (r.rebuilds, r.updates) == ((2, 0) if rebuilt else (1, 1))
    idx = r.index()
    assert (idx.n_base == idx.size) is rebuilt and (idx.dead is None)


def test_a_full_rebuild_and_an_update_rank_a_new_document_alike(library):
    """The update differs from a rebuild only by the length normalisation of the base: the same clauses
    come first for questions about the new file and about the old ones."""
    s, folder = library
    r = ClauseRetriever(open_store(s), s)
    r.search("河道保洁")
    (folder / "parks.txt").write_text(PARKS, encoding="utf-8")
    ingest_paths(s, [folder / "parks.txt"])
    updated = {q: _top(r, q)[:3] for q in QUERIES}
    full = s.model_copy(update={"store_lexical_delta_share": 0.0})
    import shutil

    shutil.rmtree(r.index_dir)
    rebuilt = ClauseRetriever(open_store(full), full)
    assert {q: _top(rebuilt, q)[:3] for q in QUERIES} == updated
    assert rebuilt.rebuilds == 1


def test_token_order_is_a_stable_sort_for_any_vocabulary_size():
    rng = np.random.default_rng(7)
    for n_vocab in (5, 1 << 16, (1 << 16) + 1, 300_000):
        ids = rng.integers(0, n_vocab, 5000).astype(np.int32)
        assert np.array_equal(lexical._token_order(ids, n_vocab), np.argsort(ids, kind="stable"))


@pytest.mark.parametrize("n_vocab,n_docs,chunk", [(50, 30, 1), (50, 30, 7), (3000, 500, 100), (3000, 500, 1 << 20)])
def test_live_document_frequencies_are_counted_over_live_positions_only(n_vocab, n_docs, chunk):
    rng = np.random.default_rng(n_vocab + chunk)
    per_doc = rng.integers(0, 40, n_docs)
    pairs = np.concatenate([np.stack([rng.choice(n_vocab, k, replace=False), np.ones(k, int)], axis=1) for k in per_doc])
    part, _df, _avg = lexical.tf_part(pairs.astype(np.int32), per_doc, n_vocab)
    live = rng.random(n_docs) > 0.3
    doc = np.repeat(np.arange(n_docs), per_doc)
    want = np.bincount(pairs[live[doc], 0], minlength=n_vocab)
    assert np.array_equal(lexical._live_df(part, live, n_vocab, chunk=chunk), want)


def test_an_index_of_another_record_file_is_never_used_nor_updated(library):
    """Write numbers restart in a new record file (a data folder deleted and the store made again): an index
    stamped with another file is rebuilt whole, even at the same revision."""
    s, folder = library
    r = ClauseRetriever(open_store(s), s)
    r.search("河道保洁")
    meta_path = r.index_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert meta["records_id"] == r.store.records.file_id()
    meta["records_id"] = "0123456789abcdef"
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    cold = ClauseRetriever(open_store(s), s)
    assert _top(cold, "河道保洁巡查")[0].startswith("river:")
    assert (cold.rebuilds, cold.updates) == (1, 0)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))  # the index just rebuilt, stamped with another file:
    meta["records_id"] = "0123456789abcdef"  # after a write it is rebuilt, not updated
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    assert lexical.LexicalIndex.load(r.index_dir) is not None  # (readable: only the stamp differs)
    (folder / "parks.txt").write_text(PARKS, encoding="utf-8")
    ingest_paths(s, [folder / "parks.txt"])
    cold = ClauseRetriever(open_store(s), s)
    assert _top(cold, "公园垂钓观赏鱼")[0].startswith("parks:")
    assert (cold.rebuilds, cold.updates) == (1, 0)


@pytest.mark.parametrize("n_vocab", [40, 70_000, 200_000])
@pytest.mark.parametrize("block", [1, 5, 1 << 14])
def test_a_part_built_block_by_block_is_the_part_built_at_once(n_vocab, block):
    rng = np.random.default_rng(n_vocab + block)
    blobs = []
    for _ in range(120):
        tokens = rng.choice(n_vocab, min(int(rng.integers(0, 30)), n_vocab), replace=False)
        blobs.append(np.stack([tokens, rng.integers(1, 5, len(tokens))], axis=1).astype(np.int32).tobytes())
    pairs, per_doc = lexical._pairs(blobs)
    for offset, avgdl in ((0, None), (7, 3.5)):
        whole = lexical.tf_part(pairs, per_doc, n_vocab, offset=offset, avgdl=avgdl)
        blocked = lexical.tf_part_from_blobs(blobs, n_vocab, offset=offset, avgdl=avgdl, block=block)
        assert all(np.array_equal(x, y) for x, y in zip(whole[0], blocked[0]))
        assert np.array_equal(whole[1], blocked[1]) and whole[2] == blocked[2]


def test_an_index_holding_write_numbers_the_file_has_not_given_is_rebuilt(library):
    """A record file put back from an older copy gives its write numbers again, to other states: an index
    holding a later number than the file's last is built whole, never trusted or updated."""
    s, folder = library
    r = ClauseRetriever(open_store(s), s)
    r.search("河道保洁")
    (folder / "parks.txt").write_text(PARKS, encoding="utf-8")
    ingest_paths(s, [folder / "parks.txt"])
    r.search("公园垂钓")  # updated: the index now holds the parks clauses' write number
    assert r.updates == 1
    records = r.store.records
    last = records.last_write()
    assert r.index().last_write() == last
    with records._guard:
        records._db().execute("UPDATE meta SET value = ? WHERE key = 'seq'", (str(last - 1),))
    cold = ClauseRetriever(open_store(s), s)
    assert _top(cold, "公园垂钓观赏鱼")[0].startswith("parks:")
    assert (cold.rebuilds, cold.updates) == (1, 0)


def test_updated_lookup_tables_are_those_a_full_derivation_gives(library):
    """After a rewrite and a removal in the base, the tables kept and extended equal the tables derived
    afresh for the same index: no dead position in them, each article of the rewritten file found once."""
    from assistant.retrieve.retrieval import _derive

    s, folder = library
    (folder / "river.txt").write_text(RIVER.replace("每日巡查", "在三日内巡查"), encoding="utf-8")  # states a time limit
    ingest_paths(s, [folder / "river.txt"])
    r = ClauseRetriever(open_store(s), s)
    r.search("河道保洁")
    assert r._values["time"][r._pos["river:a2"]]
    (folder / "river.txt").write_text(RIVER.replace("每日巡查河面漂浮物一次", "每周清理淤泥两次"), encoding="utf-8")
    ingest_paths(s, [folder / "river.txt"])
    remove_source(r.store, "market.txt")
    (folder / "parks.txt").write_text(PARKS, encoding="utf-8")
    ingest_paths(s, [folder / "parks.txt"])
    idx = r.index()
    assert r.updates >= 1 and idx.dead is not None and idx.dead.sum() == 6
    fresh = _derive(idx, r.store.lookup_rows())
    kept = r._tables
    for name in ("articles", "chapters", "defines", "conditions", "subitems", "paragraphs"):
        assert kept[name] == fresh[name], name
    for kind in fresh["values"]:
        assert np.array_equal(kept["values"][kind], fresh["values"][kind]), kind
    hits = r.search("某市关于加强河道保洁管理的办法第二条", k=3).hits
    assert [h.clause["clause_id"] for h in hits if h.match == "reference"] == ["river:a2"]
    assert "清理淤泥两次" in hits[0].clause["text"] and not r._values["time"][r._pos["river:a2"]]


def test_documents_are_listed_once_per_revision(library, monkeypatch):
    s, folder = library
    r = ClauseRetriever(open_store(s), s)
    first = r.documents()
    calls: list[int] = []
    real = r.store.documents
    monkeypatch.setattr(r.store, "documents", lambda: calls.append(1) or real())
    assert r.documents() == first and r.documents() == first and not calls  # (one list per revision)
    (folder / "parks.txt").write_text(PARKS, encoding="utf-8")
    ingest_paths(s, [folder / "parks.txt"])
    assert any(d["doc_id"] == "parks" for d in r.documents())  # the next revision's list
    read = len(calls)
    assert read >= 1 and r.documents() and len(calls) == read


def test_the_revision_is_asked_only_after_a_write(library):
    """A reader asks Chroma for the revision (a server round trip in client/server mode) only when the
    record file says a write has committed since its last check — by this process or another, a bare
    revision bump included."""
    s, folder = library
    r = ClauseRetriever(open_store(s), s)
    r.search("河道保洁")
    asked: list[int] = []
    real = r.store.revision
    r.store.revision = lambda: asked.append(1) or real()  # type: ignore[method-assign]
    for q in QUERIES:
        r.search(q)
    assert not asked  # nothing written: no revision read
    other = open_store(s)  # another connection (as another process)
    with other.writing():
        other.bump_revision()
    r.search("河道保洁")
    assert len(asked) == 1
    r.search("河道保洁")
    assert len(asked) == 1
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(folder)], cwd=ROOT, capture_output=True,
                         text=True, env={"LVJU_STORE_PATH": str(s.store_path), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr  # (nothing changed: no write)
    (folder / "parks.txt").write_text(PARKS, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(folder / "parks.txt")], cwd=ROOT,
                         capture_output=True, text=True, env={"LVJU_STORE_PATH": str(s.store_path), "PATH": "/usr/bin:/bin"},
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert _top(r, "公园垂钓观赏鱼")[0].startswith("parks:")  # another process's import, found at once
    assert remove_source(r.store, "parks.txt") == 3  # this very connection's write
    assert all(not c.startswith("parks:") for c in _top(r, "公园垂钓观赏鱼"))
