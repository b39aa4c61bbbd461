"""``assistant check``: do the catalog, the clauses, their vectors and the lexical index agree?

Checked (opening the store first rolls back an interrupted write, see :mod:`assistant.index.journal`):

* the catalog: a revision record; every document a source lists has an entry naming that source,
  and every document entry belongs to a listed source;
* every clause belongs to a catalogued source and one of its documents, was parsed from the stored
  version of the file (same sha256), and its text is the source text at its offsets; every
  document's clause count is right;
* every clause has a vector of the collection's dimension, and its record (same source and document) in
  the record file, which holds no record of a clause the vector store lacks;
* the lexical index, when it is built for the current revision, indexes exactly the store's clauses.

``repair`` fixes what it found in one journaled write (all or nothing): orphan clauses and document
entries are deleted, and every source with a damaged clause is re-derived — parsed again from the
original file when it is still there unchanged, else from the text the store keeps — and its clauses
rewritten; a lexical index that disagrees is deleted (rebuilt at the next query).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from assistant.index import lexical
from assistant.index.faults import crash_point
from assistant.index.store import BATCH, ClauseStore, clause_rows

log = logging.getLogger(__name__)


@dataclass
class Problem:
    kind: str  # orphan-clause | wrong-document | stale-clause | text-mismatch | no-vector | clause-count |
    #            missing-document | orphan-document | no-revision | lexical-index | no-record | orphan-record
    subject: str  # a source name, a document id, or "lexical"
    detail: str
    source: str | None = None  # the source to re-derive to fix it (None: deleted or rebuilt instead)

    def line(self) -> str:
        return f"problem {self.kind} {self.subject}: {self.detail}"


@dataclass
class CheckReport:
    store: str
    sources: int = 0
    documents: int = 0
    clauses: int = 0
    revision: int = 0
    recovered: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    orphan_ids: list[str] = field(default_factory=list)
    orphan_documents: list[str] = field(default_factory=list)
    lexical_folder: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [f"store {self.store}: {self.sources} source(s), {self.documents} document(s), {self.clauses} clause(s), "
               f"revision {self.revision}"]
        out += [f"recovered: {r}" for r in self.recovered]
        out += [p.line() for p in self.problems]
        out += [f"note: {n}" for n in self.notes]
        out.append("ok: catalog, clauses, vectors and lexical index agree" if self.ok
                   else f"{len(self.problems)} problem(s); fix with: assistant check --repair")
        return out


def _some(ids: list[str], n: int = 3) -> str:
    return ", ".join(ids[:n]) + (", …" if len(ids) > n else "")


def check_store(store: ClauseStore) -> CheckReport:
    settings = store.settings
    report = CheckReport(store=str(settings.chroma_server_url or settings.store_path))
    with store.reading():  # one consistent state (any interrupted write was rolled back on the way in)
        report.recovered = list(store.recovered)
        _check_locked(store, report)
    return report


def _check_locked(store: ClauseStore, report: CheckReport) -> None:
    every = store.catalog.get(include=[])["ids"]
    ids = [i for i in every if not i.startswith("txt:")]  # (the texts: read one by one when compared)
    text_names = [i[4:] for i in every if i.startswith("txt:")]
    cat: dict[str, list] = {"ids": [], "metadatas": []}
    for i in range(0, len(ids), BATCH):
        got = store.catalog.get(ids=ids[i : i + BATCH], include=["metadatas"])
        cat["ids"] += got["ids"]
        cat["metadatas"] += got["metadatas"]
    sources: dict[str, dict] = {}
    documents: dict[str, dict] = {}
    revision = None
    for cid, meta in zip(cat["ids"], cat["metadatas"]):
        if cid == "meta:revision":
            revision = int(meta["revision"])
        elif cid.startswith("src:"):
            sources[meta["name"]] = meta
        elif cid.startswith("doc:"):
            documents[meta["doc_id"]] = json.loads(meta["meta"])

    report.sources, report.documents, report.revision = len(sources), len(documents), revision or 0
    listed: dict[str, str] = {}  # doc id -> source listing it
    for name, meta in sorted(sources.items()):
        for d in filter(None, (meta.get("doc_ids") or "").split("|")):
            listed[d] = name
            if d not in documents or documents[d].get("source") != name:
                report.problems.append(Problem("missing-document", name, f"lists document {d}, which has no catalog entry", name))
    for name in sorted(n for n in text_names if n not in sources):
        report.problems.append(Problem("orphan-text", str(name), "the text of a source the catalog does not list"))
        report.orphan_documents.append(f"txt:{name}")
    for d, meta in sorted(documents.items()):
        if listed.get(d) != meta.get("source"):
            report.problems.append(Problem("orphan-document", d, f"document entry of {meta.get('source')}, "
                                           "which the catalog does not list"))
            report.orphan_documents.append(f"doc:{d}")

    # clauses: metadata, offsets, vectors
    texts: dict[str, str | None] = {}
    orphans: dict[str, list[str]] = {}
    bad: dict[tuple[str, str], list[str]] = {}
    per_doc: dict[str, int] = {}
    all_ids: list[str] = []
    records: dict[str, dict] = {}
    summary = store.records.summary()  # id -> (source, doc_id, file sha256) in the record file
    all_records: dict[str, dict] | None = None
    offset = 0
    while True:
        got = store.collection.get(include=["metadatas"], limit=BATCH, offset=offset)
        if not got["ids"]:
            break
        offset += len(got["ids"])
        for cid, meta in zip(got["ids"], got["metadatas"]):
            all_ids.append(cid)
            name = meta.get("source")
            if name not in sources:
                orphans.setdefault(str(name), []).append(cid)
                continue
            row = summary.get(cid)
            if row is None or row[0] != name or row[1] != meta.get("doc_id"):
                bad.setdefault(("no-record", name), []).append(cid)
                continue
            if all_records is None:
                all_records = {r["clause_id"]: r for r in store.records.records()}
            rec = records[cid] = all_records[cid]
            per_doc[rec["doc_id"]] = per_doc.get(rec["doc_id"], 0) + 1
            if listed.get(rec["doc_id"]) != name:
                bad.setdefault(("wrong-document", name), []).append(cid)
            if row[2] != sources[name].get("sha256"):
                bad.setdefault(("stale-clause", name), []).append(cid)
                continue
            if name not in texts:
                texts[name] = store.source_text(name)
            text = texts[name] or ""
            if text[rec["start"] : rec["end"]] != rec["text"]:
                bad.setdefault(("text-mismatch", name), []).append(cid)
    report.clauses = len(all_ids)
    in_chroma = set(all_ids)
    stray = sorted(cid for cid in summary if cid not in in_chroma)
    if stray:  # records of clauses Chroma does not hold: deleted by a repair
        report.problems.append(Problem("orphan-record", "records", f"{len(stray)} clause record(s) without a clause in "
                                       f"the vector store ({_some(stray)})"))
        report.orphan_ids += stray
    for name, ids in sorted(orphans.items()):
        report.problems.append(Problem("orphan-clause", name, f"{len(ids)} clause(s) of a source the catalog does not list "
                                       f"({_some(ids)})"))
        report.orphan_ids += ids
    what = {"wrong-document": "clause(s) of a document the source does not list",
            "stale-clause": "clause(s) parsed from another version of the file",
            "text-mismatch": "clause(s) whose text is not the source text at their offsets",
            "no-record": "clause(s) without their record (or with another's) in the record file"}
    for (kind, name), ids in sorted(bad.items()):
        report.problems.append(Problem(kind, name, f"{len(ids)} {what[kind]} ({_some(ids)})", name))
    for d, meta in sorted(documents.items()):
        want, have = meta.get("clause_count"), per_doc.get(d, 0)
        if want is not None and want != have and d in listed:
            report.problems.append(Problem("clause-count", d, f"the catalog says {want} clause(s), the store holds {have}",
                                           listed[d]))
    no_vector = _missing_vectors(store, all_ids)
    by_source: dict[str, list[str]] = {}
    source_of = {}
    for cid in no_vector:
        got = store.collection.get(ids=[cid], include=["metadatas"])
        source_of[cid] = got["metadatas"][0].get("source") if got["ids"] else None
        by_source.setdefault(str(source_of[cid]), []).append(cid)
    for name, ids in sorted(by_source.items()):
        if name in sources:
            report.problems.append(Problem("no-vector", name, f"{len(ids)} clause(s) without a vector ({_some(ids)})", name))
    if revision is None and (all_ids or sources):
        report.problems.append(Problem("no-revision", "catalog", "the revision record is missing"))

    # the lexical index
    folder = lexical.index_folder(store.settings.store_path, store.settings.chroma_server_url, store.name)
    report.lexical_folder = folder
    meta_path = folder / "meta.json"
    if not meta_path.is_file():
        report.notes.append("no lexical index yet: built at the first query")
        return
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        lex_revision, lex_ids = int(meta["revision"]), meta["ids"]
        dead = set(meta.get("dead") or [])
        lex_ids = [c for i, c in enumerate(lex_ids) if i not in dead]  # removed or rewritten since its last full build
    except (OSError, ValueError, KeyError) as exc:
        report.problems.append(Problem("lexical-index", "lexical", f"cannot be read ({exc})"))
        return
    if lex_revision != (revision or 0):
        report.notes.append(f"the lexical index is of revision {lex_revision}, the store of {revision or 0}: "
                            "rebuilt at the next query")
        return
    have, want = set(lex_ids), set(all_ids)
    if have != want or len(lex_ids) != len(have):
        report.problems.append(Problem(
            "lexical-index", "lexical", f"built for revision {lex_revision} but indexes {len(have - want)} clause(s) the store "
            f"does not hold and misses {len(want - have)} it holds"))
        return
    vocab = folder / "vocab.json"
    if not vocab.is_file():
        report.problems.append(Problem("lexical-index", "lexical", "its vocabulary file is missing"))


def _missing_vectors(store: ClauseStore, ids: list[str]) -> list[str]:
    from assistant.index.store import _BACKEND_ERRORS

    missing: list[str] = []
    dim = None
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        try:
            got = store.collection.get(ids=chunk, include=["embeddings"])
            vectors = dict(zip(got["ids"], got["embeddings"]))
        except _BACKEND_ERRORS:
            vectors = {cid: store._vector_or_none(cid) for cid in chunk}
        for cid in chunk:
            vec = vectors.get(cid)
            if vec is None or len(vec) == 0:
                missing.append(cid)
                continue
            dim = dim or len(vec)
            if len(vec) != dim:
                missing.append(cid)
    return missing


def repair_store(store: ClauseStore, report: CheckReport) -> list[str]:
    """Fix what :func:`check_store` found, in one journaled write; returns what was done."""
    from assistant.errors import InputError
    from assistant.parse.corpus import parse_path, parse_stored

    done: list[str] = []
    settings = store.settings
    store_problems = [p for p in report.problems if p.kind != "lexical-index"]
    if store_problems:
        with store.writing():
            sources = store.sources()
            names = sorted({p.source for p in store_problems if p.source and p.source in sources})
            parsed = []
            for name in names:
                meta = sources[name]
                origin = Path(meta.get("origin") or "")
                pf = None
                if meta.get("origin") and origin.is_file():
                    if hashlib.sha256(origin.read_bytes()).hexdigest() == meta.get("sha256"):
                        pf = parse_path(origin, settings.chunk_max_tokens, settings.tiktoken_encoding, name=name)
                        how = f"parsed again from {origin}"
                if pf is None:
                    text = store.source_text(name) or ""
                    try:
                        pf = parse_stored(name, text, meta.get("encoding", "utf-8"), meta.get("sha256", ""),
                                          settings.chunk_max_tokens, settings.tiktoken_encoding)
                    except InputError as exc:
                        raise InputError(f"cannot re-derive {name} from its stored text ({exc}); re-ingest the file") from exc
                    how = "parsed again from the text the store keeps"
                for d in pf.documents:
                    d.extra["path"] = meta.get("path") or name
                parsed.append(pf)
                done.append(f"re-derived {name}: {pf.clause_count} clause(s), {how}")
            _rewrite(store, parsed, report.orphan_ids, report.orphan_documents)
        if report.orphan_ids:
            done.append(f"deleted {len(report.orphan_ids)} orphan clause(s)")
        if report.orphan_documents:
            done.append(f"deleted {len(report.orphan_documents)} orphan document entr(ies)")
    if any(p.kind == "lexical-index" for p in report.problems) and report.lexical_folder is not None:
        shutil.rmtree(report.lexical_folder, ignore_errors=True)
        done.append("deleted the lexical index (rebuilt at the next query)")
    return done


def _rewrite(store: ClauseStore, parsed: list, orphan_ids: list[str], orphan_documents: list[str]) -> None:
    """One journaled write: the re-derived sources replace their clauses and catalog entries; orphans go."""
    from assistant.index.ingest import rows_payload

    vocab = store.records.vocabulary()
    known_tokens = len(vocab)
    ids, embeddings, metas, rows = clause_rows(parsed, vocab)
    new_tokens = [(tok, tid) for tok, tid in vocab.items() if tid >= known_tokens]
    step = max(1, store.settings.embedding_batch_size)
    embeddings = [v for i in range(0, len(embeddings), step) for v in store.embedder.embed_documents(embeddings[i : i + step])]
    known = store.sources()
    old_ids = list(orphan_ids)
    old_catalog = list(orphan_documents)
    entries = []
    for pf in parsed:
        name = pf.source.name
        old_ids += store.clause_ids_for_source(name)
        old_catalog += [f"doc:{d}" for d in (known.get(name, {}).get("doc_ids") or "").split("|") if d]
        entries += [store.document_entry({**d.meta(), "encoding": pf.source.encoding}) for d in pf.documents]
        origin = known.get(name, {}).get("origin")
        entries += store.source_entries(name, pf.source.sha256, pf.source.encoding, pf.source.text,
                                        [d.doc_id for d in pf.documents], known.get(name, {}).get("fingerprint") or pf.fingerprint,
                                        path=known.get(name, {}).get("path"), origin=origin)
    old_ids = list(dict.fromkeys(old_ids))
    new_catalog = [e[0] for e in entries]
    store.ensure_space(len(ids), len(embeddings[0]) if embeddings else 0, 100 * len(rows), rows_payload(rows))
    intent = store.begin("repair", ids, new_catalog, old_ids, old_catalog)
    crash = store.settings.test_crash_at
    try:
        store.delete_clauses(old_ids)  # first: a clause whose vector was lost is written afresh, not updated
        crash_point(crash, "delete")
        store.upsert_clauses(ids, embeddings, metas)
        crash_point(crash, "upsert")
        store.put_records(rows, new_tokens)
        rewritten = set(new_catalog)
        store.delete_catalog([c for c in old_catalog if c not in rewritten])
        store.put_catalog(entries)
        crash_point(crash, "catalog")
        store.bump_revision()
        store.commit(intent)
    except BaseException as exc:
        store.rollback(intent)
        from assistant.index.ingest import raise_masked_interrupt

        raise_masked_interrupt(exc)  # (a signal a library's failing rollback masked: still a signal)
        raise
