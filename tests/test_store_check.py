"""`assistant check` finds where catalog, clauses, vectors and lexical index disagree, and `--repair`
fixes it from the stored sources (real store, real CLI processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _cli(store, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LVJU_")}
    env.update({"LVJU_STORE_PATH": str(store), "LVJU_DATA_DIR": str(store.parent / "data")})
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)


def _records(store_path):
    from assistant.config import Settings
    from assistant.index.ingest import open_store

    store = open_store(Settings(store_path=store_path, data_dir=store_path.parent / "data"))
    return store, {r["clause_id"]: r for r in store.all_records()}


def test_a_sound_store_checks_ok(seeded_store):
    out = _cli(seeded_store, "check")
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith(f"store {seeded_store}: 5 source(s), 7 document(s), 187 clause(s), revision ")
    assert lines[-1] == "ok: catalog, clauses, vectors and lexical index agree"


def _row(store, cid):
    from assistant.index.records import COLUMNS

    return dict(zip(COLUMNS, store.records.rows([cid])[0]))


@pytest.mark.slow
def test_check_reports_damage_and_repair_restores_the_store(seeded_store):
    from assistant.index.records import COLUMNS

    store, before = _records(seeded_store)
    victim = before["bj-zjxz:a20"]
    with store.writing():  # damage the store the way old bugs and crashes did
        got = store.collection.get(ids=[victim["clause_id"]], include=["embeddings", "metadatas"])
        meta = dict(got["metadatas"][0])
        # 1. a clause's text no longer matches its source (new text under the old catalog)
        row = _row(store, victim["clause_id"])
        row["record"] = json.dumps(dict(victim, text=victim["text"] + "（改）"), ensure_ascii=False)
        store.records.put([tuple(row[c] for c in COLUMNS)])
        # 2. an orphan clause of a source the catalog does not list (a half-written run)
        ghost = dict(victim, clause_id="ghost:a1", doc_id="ghost", source="ghost.txt")
        store.collection.upsert(ids=["ghost:a1"], embeddings=[list(got["embeddings"][0])],
                                metadatas=[{**meta, "doc_id": "ghost", "source": "ghost.txt"}])
        store.records.put([tuple({**row, "id": "ghost:a1", "doc_id": "ghost", "source": "ghost.txt",
                                  "record": json.dumps(ghost, ensure_ascii=False)}[c] for c in COLUMNS)])
        # 3. a clause of another file recorded as parsed from another version of its file (v2 under v1)
        other = next(r for r in before.values() if r["source"] != victim["source"])
        store.records.put([tuple({**_row(store, other["clause_id"]), "file_sha256": "0" * 64}[c] for c in COLUMNS)])
        # 4. a document entry of no listed source
        store.catalog.upsert(ids=["doc:ghostdoc"], embeddings=[[0.0]], documents=["幽灵"],
                             metadatas=[{"type": "document", "doc_id": "ghostdoc", "source": "nowhere.txt",
                                         "meta": json.dumps({"doc_id": "ghostdoc", "source": "nowhere.txt"})}])
        # 5. a clause whose record is gone from the record file, 6. a record of no clause
        third = next(r for r in before.values() if r["source"] not in (victim["source"], other["source"]))
        store.records.delete([third["clause_id"]])
        store.records.put([tuple({**row, "id": "stray:a1", "doc_id": "stray", "source": "stray.txt"}[c] for c in COLUMNS)])
    out = _cli(seeded_store, "check")
    assert out.returncode == 1, out.stdout + out.stderr
    problems = [line for line in out.stdout.splitlines() if line.startswith("problem ")]
    kinds = sorted(line.split()[1] for line in problems)
    # the lexical index was built for this revision: it misses the orphan
    # (the clause without its record leaves its document a clause short too)
    assert kinds == ["clause-count", "lexical-index", "no-record", "orphan-clause", "orphan-document", "orphan-record",
                     "stale-clause", "text-mismatch"], out.stdout
    assert any(line.startswith(f"problem stale-clause {other['source']}: 1 clause(s) parsed from another version") for line in problems)
    assert any(line.startswith(f"problem text-mismatch {victim['source']}: 1 clause(s)") for line in problems)
    assert any(line.startswith("problem orphan-clause ghost.txt: 1 clause(s)") and "ghost:a1" in line for line in problems)
    assert any(line.startswith(f"problem no-record {third['source']}: 1 clause(s)") for line in problems)
    assert any(line.startswith("problem orphan-record records: 1 clause record(s)") and "stray:a1" in line for line in problems)
    assert out.stdout.splitlines()[-1] == "8 problem(s); fix with: assistant check --repair"

    fixed = _cli(seeded_store, "check", "--repair")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"repaired: re-derived {victim['source']}" in fixed.stdout and f"repaired: re-derived {other['source']}" in fixed.stdout
    assert f"repaired: re-derived {third['source']}" in fixed.stdout
    assert "repaired: deleted 2 orphan clause(s)" in fixed.stdout
    assert "after repair: ok: catalog, clauses, vectors and lexical index agree" in fixed.stdout
    again = _cli(seeded_store, "check")
    assert again.returncode == 0 and again.stdout.splitlines()[-1].startswith("ok:")
    _store, after = _records(seeded_store)
    assert after == before  # every clause back as the source file says
    hits = _cli(seeded_store, "retrieve", "（改）", "--json", "--k", "3")
    assert hits.returncode == 0
    assert all("（改）" not in h["clause"]["text"] for h in json.loads(hits.stdout)["results"])


def test_a_lexical_index_that_disagrees_with_the_store_is_found_and_rebuilt(seeded_store):
    folder = next((seeded_store / "lexical").iterdir())
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    gone = meta["ids"].pop(3)
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    out = _cli(seeded_store, "check")
    assert out.returncode == 1
    assert "problem lexical-index lexical: built for revision" in out.stdout and "misses 1 it holds" in out.stdout
    fixed = _cli(seeded_store, "check", "--repair")
    assert fixed.returncode == 0 and "repaired: deleted the lexical index (rebuilt at the next query)" in fixed.stdout
    hits = _cli(seeded_store, "retrieve", "一站式取证救助", "--json", "--k", "3")
    assert hits.returncode == 0
    assert json.loads((folder / "meta.json").read_text(encoding="utf-8"))["ids"].count(gone) == 1


def test_source_texts_live_in_their_own_entries_and_a_store_of_before_is_still_read(seeded_store):
    """A source's text is kept compressed in a ``txt:`` catalog entry, out of Chroma's full-text index; a source
    written before (its text as the ``src:`` entry's document) reads the same, checks clean and is rewritten
    in the current layout by the next ingest of its file."""
    from assistant.config import Settings
    from assistant.index.ingest import ingest_paths, open_store, remove_source
    from tests.conftest import SEEDS

    settings = Settings(store_path=seeded_store, data_dir=seeded_store.parent / "data")
    store = open_store(settings)
    name = sorted(store.sources())[0]
    text = (SEEDS / name).read_text(encoding="utf-8")
    with store.reading():
        assert store.source_text(name) == text
        got = store.catalog.get(ids=[f"src:{name}", f"txt:{name}"], include=["documents", "metadatas"])
    assert sorted(got["ids"]) == [f"src:{name}", f"txt:{name}"] and set(got["documents"]) == {""}
    with store.writing():  # as a store of before holds it
        store.catalog.upsert(ids=[f"src:{name}"], embeddings=[[0.0]], documents=[text],
                             metadatas=[got["metadatas"][got["ids"].index(f"src:{name}")]])
        store.catalog.delete(ids=[f"txt:{name}"])
    with store.reading():
        assert store.source_text(name) == text
    out = _cli(seeded_store, "check")
    assert out.returncode == 0 and out.stdout.splitlines()[-1].startswith("ok:"), out.stdout
    assert remove_source(store, name) > 0
    with store.reading():
        assert store.source_text(name) is None
        assert not store.catalog.get(ids=[f"src:{name}", f"txt:{name}"])["ids"]
    ingest_paths(settings, [SEEDS / name])
    with store.reading():
        assert store.source_text(name) == text
        assert store.catalog.get(ids=[f"src:{name}"], include=["documents"])["documents"] == [""]


def test_a_text_entry_without_its_source_is_found_and_removed(seeded_store):
    from assistant.config import Settings
    from assistant.index.ingest import open_store

    store = open_store(Settings(store_path=seeded_store, data_dir=seeded_store.parent / "data"))
    with store.writing():
        store.put_catalog([e for e in store.source_entries("gone.txt", "0" * 64, "utf-8", "第一条 已删除。", [], "f")
                           if e[0].startswith("txt:")])
    out = _cli(seeded_store, "check")
    assert out.returncode == 1 and "problem orphan-text gone.txt" in out.stdout, out.stdout
    fixed = _cli(seeded_store, "check", "--repair")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    again = _cli(seeded_store, "check")
    assert again.returncode == 0 and again.stdout.splitlines()[-1].startswith("ok:")


def test_remove_with_one_unknown_name_removes_nothing_whatever_the_order(seeded_store):
    """Found by a new-user trial: `remove GOOD nosuch` removed GOOD and then failed; now all or none."""
    from assistant.config import Settings
    from assistant.index.ingest import open_store

    settings = Settings(store_path=seeded_store, data_dir=seeded_store.parent / "data")
    names = sorted(open_store(settings).sources())
    for args in ((names[0], "nosuch.md"), ("nosuch.md", names[0])):
        out = _cli(seeded_store, "remove", *args)
        assert out.returncode != 0 and "nosuch.md: no such source" in out.stderr and "nothing was removed" in out.stderr
        assert sorted(open_store(settings).sources()) == names
    ok = _cli(seeded_store, "remove", names[0])
    assert ok.returncode == 0 and sorted(open_store(settings).sources()) == names[1:]


def test_remove_takes_the_path_a_file_was_imported_from(tmp_path):
    """Found by a new-user trial: `remove src/引渡法.pdf` said "no such source"; the path typed at the import works."""
    from assistant.config import Settings
    from assistant.index.ingest import ingest_paths, open_store

    src = tmp_path / "src"
    src.mkdir()
    (src / "引渡条例.md").write_text("# 某市引渡协作条例\n\n第一条 引渡协作应当依法进行。\n", encoding="utf-8")
    (src / "调解条例.md").write_text("# 某市调解条例\n\n第一条 调解应当依法进行。\n", encoding="utf-8")
    settings = Settings(store_path=tmp_path / "store", data_dir=tmp_path / "data")
    ingest_paths(settings, [src])
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "remove", "src/引渡条例.md"], capture_output=True, text=True,
                         env={"LVJU_STORE_PATH": str(tmp_path / "store"), "LVJU_DATA_DIR": str(tmp_path / "data"),
                              "PATH": "/usr/bin:/bin"}, cwd=tmp_path, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "removed 引渡条例.md" in out.stdout and sorted(open_store(settings).sources()) == ["调解条例.md"]


@pytest.mark.parametrize("arg,expected", [
    ("a.md", ("a.md", True)),  # the stored name
    ("doc-a", ("a.md", True)),  # the id `docs` shows, of a file holding that one document
    ("doc-b1", ("b.md", False)),  # one of several documents of a file: remove takes whole files (said by name)
    ("nosuch", (None, True)),
])
def test_remove_names_a_file_by_its_name_or_its_document_id(arg, expected):
    from assistant.cli import _source_named

    known = {"a.md": {}, "b.md": {}}
    documents = [{"doc_id": "doc-a", "source": "a.md"}, {"doc_id": "doc-b1", "source": "b.md"},
                 {"doc_id": "doc-b2", "source": "b.md"}]
    assert _source_named(arg, known, documents) == expected
