"""Client/server mode against a real `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.ingest import ingest_paths, open_store
from tests.conftest import REPO, SEEDS, free_port, port_open, start_server, stop


def _chroma_cli() -> str | None:
    local = Path(sys.executable).with_name("chroma")
    return str(local) if local.exists() else shutil.which("chroma")


@pytest.fixture
def chroma_server(tmp_path):
    cli = _chroma_cli()
    if cli is None:
        pytest.fail("the chroma CLI is not installed (it ships with the chromadb package)")
    port = free_port()
    proc = start_server([cli, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "server-data")],
                        tmp_path / "chroma.log", lambda: port_open(port), "chroma run",
                        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    yield f"http://127.0.0.1:{port}"
    stop(proc)


@pytest.mark.server
def test_ingest_and_read_back_through_http_client(chroma_server, tmp_path):
    settings = Settings(chroma_server_url=chroma_server, store_path=tmp_path / "unused")
    report = ingest_paths(settings, [SEEDS])
    assert report.written > 150
    store = open_store(settings)
    assert type(store.client).__name__ != "PersistentClient"
    assert store.count() == report.written
    assert not (tmp_path / "unused").exists()  # nothing written locally
    rec = store.get_records(ids=["bj-zjxz:a20"])[0]
    assert rec["label"].endswith("第二十条")
    assert (SEEDS / rec["source"]).read_text(encoding="utf-8")[rec["start"] : rec["end"]] == rec["text"]
    with store.reading():
        res = store.collection.query(query_texts=["一站式取证救助 未成年被害人"], n_results=3)
    assert "bj-zjxz:a20" in res["ids"][0]
    again = ingest_paths(settings, [SEEDS])
    assert again.written == 0


@pytest.mark.server
def test_a_store_read_without_its_record_file_is_a_clear_error_not_an_empty_store(chroma_server, tmp_path):
    """The clause records live in a file per server address on the machine that wrote them: a reader with
    another data folder (another machine) or through another address of the same server is told so and
    what to do, instead of seeing an empty store (and a `check` of thousands of problems)."""
    from assistant.errors import StoreError

    writer = Settings(chroma_server_url=chroma_server, store_path=tmp_path / "unused", data_dir=tmp_path / "data-a")
    written = ingest_paths(writer, [SEEDS]).written
    assert written > 150
    assert open_store(writer).count() == written  # the writer's own machine reads it

    elsewhere = Settings(chroma_server_url=chroma_server, store_path=tmp_path / "unused", data_dir=tmp_path / "data-b")
    with pytest.raises(StoreError) as err:
        open_store(elsewhere)
    assert f"holds {written} clause(s)" in str(err.value) and "no record file for that address" in str(err.value)
    assert "LVJU_DATA_DIR" in str(err.value) and "LVJU_COLLECTION_PREFIX" in str(err.value)
    own = Settings(chroma_server_url=chroma_server, store_path=tmp_path / "unused", data_dir=tmp_path / "data-b",
                   collection_prefix="mine")
    assert ingest_paths(own, [SEEDS]).written == written  # the way out the message names works

    other_address = chroma_server.replace("127.0.0.1", "localhost")
    renamed = Settings(chroma_server_url=other_address, store_path=tmp_path / "unused", data_dir=tmp_path / "data-a")
    with pytest.raises(StoreError) as err:
        open_store(renamed)
    assert "http_127_0_0_1_" in str(err.value)  # names the address this machine has records for


@pytest.mark.server
def test_processes_sharing_a_server_see_each_others_imports_and_removals(chroma_server, tmp_path):
    """A long-lived reader (the app) and CLI processes on one Chroma server and one data folder: an import by
    one is found by the other at its next question (the reader's lexical index updated, not rebuilt), and a
    removal by the reader is gone for a cold CLI process."""
    from assistant.index.ingest import remove_source
    from assistant.retrieve.retrieval import ClauseRetriever

    data = tmp_path / "shared-data"
    settings = Settings(chroma_server_url=chroma_server, store_path=tmp_path / "app-local", data_dir=data)
    ingest_paths(settings, [SEEDS])
    app = ClauseRetriever(open_store(settings), settings)
    assert app.search("一站式取证救助", k=3).hits

    def cli(*args: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LVJU_")}
        env.update({"LVJU_CHROMA_SERVER_URL": chroma_server, "LVJU_DATA_DIR": str(data),
                    "LVJU_STORE_PATH": str(tmp_path / "cli-local")})
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=300)

    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "uav.txt").write_text("某市关于加强无人机飞行安全管理的实施办法\n\n第一条 为规范无人机飞行活动，制定本办法。\n\n"
                                    "第二条 无人机飞行应当事先向公安机关报备飞行计划。\n", encoding="utf-8")
    out = cli("ingest", str(folder))
    assert out.returncode == 0, out.stderr
    hits = app.search("无人机飞行计划报备", k=3).hits
    assert hits[0].clause["clause_id"] == "uav:a2" and (app.rebuilds, app.updates) == (1, 1)

    assert remove_source(app.store, "uav.txt") == 2
    out = cli("retrieve", "无人机飞行计划报备", "--k", "5", "--json")
    assert out.returncode == 0, out.stderr
    assert all(not h["clause"]["clause_id"].startswith("uav:") for h in json.loads(out.stdout)["results"])
    assert all(not h.clause["clause_id"].startswith("uav:") for h in app.search("无人机飞行计划报备", k=5).hits)


def test_unreachable_server_is_a_clear_error(tmp_path):
    from assistant.errors import StoreError

    settings = Settings(chroma_server_url=f"http://127.0.0.1:{free_port()}", store_path=tmp_path / "s")
    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        open_store(settings)


@pytest.mark.server
def test_a_server_that_dies_mid_ingest_leaves_a_journal_rolled_back_when_it_is_back(tmp_path, monkeypatch):
    """The Chroma server is killed after the first batch of clauses is written: the ingest fails with
    one clear error, its rollback cannot reach the server, the journal stays; once the server is back,
    the next open rolls the half-written run back and the store is as before."""
    from assistant.errors import StoreError
    from assistant.index.store import ClauseStore
    from tests.test_store_processes import write_corpus

    cli = _chroma_cli()
    port = free_port()

    def serve():
        return start_server([cli, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "server-data")],
                            tmp_path / "chroma.log", lambda: port_open(port), "chroma run",
                            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})

    server = serve()
    try:
        settings = Settings(chroma_server_url=f"http://127.0.0.1:{port}", store_path=tmp_path / "unused",
                            data_dir=tmp_path / "data", store_write_batch=20, store_lock_timeout_s=5)
        write_corpus(tmp_path / "a", "甲", files=2, articles=10, seed=1)
        write_corpus(tmp_path / "b", "乙", files=3, articles=20, seed=2)
        ingest_paths(settings, [tmp_path / "a"])
        store = open_store(settings)
        before = (store.count(), [d["doc_id"] for d in store.documents()], store.revision())
        original = ClauseStore.upsert_clauses
        calls = []

        def upsert_then_kill_the_server(self, *args, **kwargs):
            original(self, *args, **kwargs)
            calls.append(1)
            if len(calls) == 1:
                stop(server)

        monkeypatch.setattr(ClauseStore, "upsert_clauses", upsert_then_kill_the_server)
        with pytest.raises(StoreError, match="rolled back when the store is next opened"):
            ingest_paths(settings, [tmp_path / "b"])
        monkeypatch.setattr(ClauseStore, "upsert_clauses", original)
        journal = settings.data_dir / "locks"
        assert [p.name for p in journal.glob("*.journal")]
        server = serve()
        reopened = open_store(settings)
        assert reopened.recovered and "rolled back an interrupted write: ingest" in reopened.recovered[0]
        assert (reopened.count(), [d["doc_id"] for d in reopened.documents()], reopened.revision()) == before
        assert not list(journal.glob("*.journal"))
        from assistant.index.check import check_store

        report = check_store(reopened)
        assert report.ok, report.lines()
        assert report.clauses == before[0]
    finally:
        stop(server)
