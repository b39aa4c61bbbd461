"""Crash safety: an ingest (or a remove) killed at any point — SIGKILL or SIGTERM, in parsing, embedding
or any write phase — leaves the store exactly as it was before, or exactly as a finished run leaves it,
as a process that opens it next sees it: catalog, clause ids, texts, metadata, vectors (and that
the vector index finds them), revision, and lexical hits. Real ingest processes kill themselves at
a chosen point through the LVJU_TEST_CRASH_AT hook (see assistant/index/faults.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_store_processes import write_corpus

pytestmark = pytest.mark.slow

# queries whose hits differ between the old and the new state (the changed file, a new file, an unchanged one)
QUERIES = ["（甲-0-3）", "（乙-0-3）", "（甲-1-5）", "（丙-0-2）"]

# every point an ingest of the library below passes (4 files parsed, 34 new clauses streamed in 3 slices of whole
# files — at least 12 clauses each — with embedding and write batches of 8, 6 catalog entries): parse, the first
# slice's embedding, the journal, each slice's Chroma clauses and record-file rows, between slices, the later
# slices' embedding (after the journal), the stale clauses (Chroma, then the record file), the catalog, the
# revision, then after the commit
PHASES = ["parse:1", "parse:2", "parse:3", "parse:4", "embed:1", "embed:2", "journal:1",
          "upsert:1", "upsert:2", "records:1", "slice:1", "embed:3", "embed:4", "upsert:3", "upsert:4", "records:2",
          "slice:2", "embed:5", "embed:6", "upsert:5", "upsert:6", "records:3", "records:4", "delete:1",
          "catalog:1", "catalog:2", "revision:1", "commit:1"]
# (hook, expected rc, which state): each point with SIGKILL, and again with SIGTERM
INGEST_POINTS = ([(p, -9, "new" if p == "commit:1" else "old") for p in PHASES]
                 + [(p + ":term", 143, "new" if p == "commit:1" else "old") for p in PHASES])
REMOVE_POINTS = [("delete:1", -9, "old"), ("records:1", -9, "old"), ("catalog:1", -9, "old"), ("revision:1", -9, "old"),
                 ("catalog:1:term", 143, "old"), ("commit:1", -9, "new")]


def _env(store: Path, crash: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LVJU_")}
    env.update({"LVJU_STORE_PATH": str(store), "LVJU_DATA_DIR": str(store.parent / "data"),
                "LVJU_STORE_WRITE_BATCH": "8", "LVJU_EMBEDDING_BATCH_SIZE": "8",
                "LVJU_STORE_INGEST_SLICE": "12"})
    if crash:
        env["LVJU_TEST_CRASH_AT"] = crash
    return env


def _cli(store: Path, *args: str, crash: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=REPO, env=_env(store, crash),
                          capture_output=True, text=True, timeout=300)


def state(store_path: Path) -> tuple[dict, list[str]]:
    """What a process opening the store sees (after any recovery), and what recovery reported."""
    from assistant.config import Settings
    from assistant.index.ingest import open_store
    from assistant.retrieve.retrieval import ClauseRetriever

    settings = Settings(store_path=store_path, data_dir=store_path.parent / "data")
    store = open_store(settings)
    with store.reading():
        got = store.collection.get(include=["embeddings", "documents", "metadatas"])
        cat = store.catalog.get(include=["documents", "metadatas"])
        found = 0
        # every clause's vector is in the vector index: its own vector finds it among the whole collection's neighbours
        # (a search as wide as the collection: with 3 results an approximate HNSW search under load once missed one)
        wide = max(3, min(len(got["ids"]), 100))
        for cid, emb in zip(got["ids"], got["embeddings"]):
            res = store.collection.query(query_embeddings=[list(map(float, emb))], n_results=wide, include=[])
            found += cid in res["ids"][0]
        rows = {r[0]: r for r in store.records.rows(got["ids"])}  # the record file: record and token counts
        stray = sorted(set(store.records.summary()) - set(got["ids"]))
    retriever = ClauseRetriever(store, settings)
    hits = {q: [h.clause["clause_id"] for h in retriever.search(q, k=3).hits] for q in QUERIES}
    lexical = {q: [retriever.index().ids[i] for i in retriever._lexical_ranking(retriever.index().char_scores(q), None, 3)]
               for q in QUERIES}
    out = {
        "clauses": {i: (d, json.dumps(m, sort_keys=True, ensure_ascii=False), [round(float(x), 5) for x in e], rows.get(i))
                    for i, d, m, e in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])},
        "stray_records": stray,
        "catalog": {i: (d, json.dumps(m, sort_keys=True, ensure_ascii=False)) for i, d, m in
                    zip(cat["ids"], cat["documents"], cat["metadatas"])},
        "revision": store.revision(), "self_found": found, "hits": hits, "lexical": lexical,
        "lexical_ids": sorted(retriever.index().ids), "docs": sorted(d["doc_id"] for d in store.documents()),
    }
    assert out["self_found"] == len(got["ids"]), "a clause's vector is missing from the vector index"
    assert out["lexical_ids"] == sorted(got["ids"])
    return out, list(store.recovered)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A base store holding two files (v1), and the library that a run ingests: one file changed
    (fewer, different articles: stale clauses and text replaced), one unchanged, two new."""
    root = tmp_path_factory.mktemp("crash")
    lib = root / "lib"
    write_corpus(lib, "甲", files=2, articles=14, seed=1)
    base = root / "base" / "store"
    out = _cli(base, "ingest", str(lib))
    assert out.returncode == 0, out.stderr
    # the run's library: 甲_000 rewritten with 10 articles, 甲_001 unchanged, 丙_000 and 丙_001 new
    tmp = root / "v2"
    write_corpus(tmp, "甲", files=1, articles=10, seed=7)
    shutil.copy(tmp / "甲_000.txt", lib / "甲_000.txt")
    write_corpus(lib, "丙", files=2, articles=12, seed=3)
    new = root / "new" / "store"
    shutil.copytree(base, new)
    out = _cli(new, "ingest", str(lib))
    assert out.returncode == 0, out.stderr
    removed = root / "removed" / "store"
    shutil.copytree(base, removed)
    out = _cli(removed, "remove", "甲_000.txt")
    assert out.returncode == 0, out.stderr
    old_state, _ = state(base)
    new_state, _ = state(new)
    removed_state, _ = state(removed)
    assert old_state != new_state and old_state["hits"] != new_state["hits"] and removed_state != old_state
    return {"root": root, "lib": lib, "base": base, "old": old_state, "new": new_state, "removed": removed_state}


def _run(library, n: int, crash: str, *args: str) -> tuple[Path, subprocess.CompletedProcess, bool]:
    store = library["root"] / f"run{n}" / "store"
    shutil.copytree(library["base"], store)
    out = _cli(store, *args, crash=crash)
    return store, out, (store / "lvju-write.journal").exists()


def _run_all_and_check(library, points, first: int, *args: str, new_key: str = "new") -> int:
    """Run the killed processes two at a time (each on its own copy of the base store), then open each
    store in this process and compare. Returns how many kills left a journal to roll back."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda item: _run(library, first + item[0], item[1][0], *args), enumerate(points)))
    journals = 0
    for (crash, rc, expected), (store, out, journal_left) in zip(points, runs):
        assert out.returncode == rc, f"{crash}: rc {out.returncode}: {out.stderr[-1500:]}"
        got, recovered = state(store)
        want = library["old"] if expected == "old" else library[new_key]
        assert got == want, f"{crash}: the store is not exactly the {expected} state"
        # a process killed inside the write left its journal; the next open rolled it back and said so
        assert bool(recovered) == journal_left, (crash, recovered)
        assert not (store / "lvju-write.journal").exists()
        if rc == 143:
            assert "rolled back" in out.stderr
        journals += journal_left
    return journals


def test_an_ingest_killed_anywhere_leaves_the_old_or_the_new_state(library):
    assert len(PHASES) >= 20 and {p.split(":")[0] for p in PHASES} >= {"parse", "embed", "upsert", "records", "slice",
                                                                       "delete", "catalog", "revision"}
    journals = _run_all_and_check(library, INGEST_POINTS, 0, "ingest", str(library["lib"]))
    # every SIGKILL from the journal to the revision bump (between slices, and in a later slice's embedding,
    # included) left a journal; SIGTERM rolled back in-process
    assert journals == PHASES.index("commit:1") - PHASES.index("journal:1") == 21


def test_a_remove_killed_anywhere_leaves_the_old_or_the_new_state(library):
    _run_all_and_check(library, REMOVE_POINTS, 100, "remove", "甲_000.txt", new_key="removed")


def test_recovery_is_reported_by_the_next_command(library):
    store = library["root"] / "reported" / "store"
    shutil.copytree(library["base"], store)
    assert _cli(store, "ingest", str(library["lib"]), crash="upsert:2").returncode == -9
    out = _cli(store, "docs")
    assert out.returncode == 0
    assert "rolled back an interrupted write: ingest by process" in out.stderr
    assert "丙" not in out.stdout
    again = _cli(store, "docs")
    assert again.stderr == "" and again.stdout == out.stdout


def test_a_journal_left_by_a_process_with_another_embedder_is_rolled_back_in_its_own_collection(library, tmp_path):
    store = tmp_path / "other" / "store"
    env256 = {**_env(store, "upsert:2"), "LVJU_EMBEDDING_DIM": "256"}
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(library["lib"])], cwd=REPO, env=env256,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == -9
    assert (store / "lvju-write.journal").exists()
    # a process with the default embedder opens the store: the 256-d collection is rolled back, nothing is created
    opened = _cli(store, "docs")
    assert "rolled back an interrupted write: ingest by process" in opened.stderr
    assert opened.returncode == 1 and "was built with the embedder hashing-cng13-v1-d" in opened.stderr
    assert not (store / "lvju-write.journal").exists()
    env256.pop("LVJU_TEST_CRASH_AT")
    docs = subprocess.run([sys.executable, "-m", "assistant.cli", "docs"], cwd=REPO, env=env256, capture_output=True,
                          text=True, timeout=300)
    assert docs.returncode == 0 and docs.stderr == "" and "the store is empty" in docs.stdout


def test_a_damaged_journal_is_a_clear_error(library, tmp_path):
    store = tmp_path / "damaged" / "store"
    shutil.copytree(library["base"], store)
    (store / "lvju-write.journal").write_bytes(b"not a journal")
    out = _cli(store, "docs")
    assert out.returncode == 1
    assert out.stderr.startswith("error: the store's journal") and "move it away, then run: assistant check --repair" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
