"""Ingest files into the clause store: all-or-nothing, idempotent, replacing exactly a file's own clauses.

Order of work, so that a failure anywhere leaves the store as it was:

1. read and parse every file (bad input -> :class:`InputError`, nothing written);
2. skip files whose bytes and parser version match what the store has (no writes at all);
3. read in and embed the first slice of the run (``LVJU_STORE_INGEST_SLICE`` clauses, whole files; an
   embedder that fails here changes nothing);
4. journal every clause id of the run and what it will replace (:mod:`assistant.index.journal`), then
   stream the run slice by slice (records and token counts, vectors, upsert, record-file rows), delete
   the files' stale clauses, update the catalog, bump the revision and remove the journal: the commit
   point. Any exception or signal restores the pre-images before re-raising; a process killed outright
   (between slices too) leaves the journal, and whoever opens the store next rolls the write back.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import AssistantError, EmbeddingError, InputError, StoreError
from assistant.index.embeddings import Embedder, build_embedder
from assistant.index.faults import crash_point
from assistant.index.store import (  # noqa: F401 (embedding_text re-exported)
    ClauseStore,
    clause_rows,
    disk_full,
    embedding_text,
    merge_word_counts,
    peek_foreign,
    word_counts,
)
from assistant.parse.corpus import (
    ParsedFile,
    expand_paths,
    expand_with_roots,
    left_out,
    parse_path,
    path_fingerprint,
    rename_document,
)

Progress = Callable[[int, int, str], None]  # (done, total, stage)
log = logging.getLogger(__name__)


@dataclass
class FileResult:
    name: str
    status: str  # new | changed | unchanged
    clauses: int
    documents: list[str]
    encoding: str


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"file", "reason"}: bad files left out of a batch
    # {"file", "reason"}: files inside an imported folder that an import does not take (.doc, .rtf, a README)
    ignored: list[dict[str, str]] = field(default_factory=list)
    renamed: list[dict[str, str]] = field(default_factory=list)  # {"file", "from", "to"}: document ids made unique
    written: int = 0
    removed: int = 0
    revision: int = 0
    store: str = ""

    @property
    def changed(self) -> bool:
        return self.written > 0 or self.removed > 0

    def summary(self) -> str:
        by = {s: sum(1 for f in self.files if f.status == s) for s in ("new", "changed", "unchanged")}
        skipped = f"; {len(self.skipped)} file(s) skipped" if self.skipped else ""
        skipped += f"; {len(self.ignored)} file(s) not imported (listed with their reasons)" if self.ignored else ""
        return (f"{len(self.files)} file(s): {by['new']} new, {by['changed']} changed, {by['unchanged']} unchanged{skipped}; "
                f"{self.written} clause(s) written, {self.removed} removed; store {self.store} (revision {self.revision})")


def _tqdm_progress(unit: str = "clause", min_total: int = 200, every_s: float = 60.0) -> Progress:
    """Progress on stderr: bars on a terminal, a plain line in a log or a pipe (never a bar's carriage returns) at each
    quarter and at least every ``every_s`` seconds, with the rate and the time left; runs shorter than ``min_total``
    show nothing."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}
    said: dict[str, int] = {}
    started: dict[str, float] = {}
    first: dict[str, int] = {}
    last: dict[str, float] = {}
    terminal = sys.stderr.isatty()

    def update(done: int, total: int, stage: str) -> None:
        if total < min_total:  # short runs need no bar
            return
        if not terminal:
            now = time.monotonic()
            if stage not in started:  # the rate counts from the first report on (what was done before it took unknown time)
                started[stage], first[stage] = now, done
            quarter = 4 * done // total
            if quarter > said.get(stage, 0) or (done < total and now - last.get(stage, started[stage]) >= every_s):
                said[stage] = max(quarter, said.get(stage, 0))
                last[stage] = now
                spent = now - started[stage]
                rate = (done - first[stage]) / spent if spent > 0 and done > first[stage] else 0.0
                left = f", about {_duration((total - done) / rate)} left" if rate and done < total else ""
                speed = f" ({rate:,.0f} {unit}s/s{left})" if rate >= 10 else f" ({rate:.1f} {unit}s/s{left})" if rate else ""
                print(f"{stage}: {done:,} / {total:,} {unit}s{speed}", file=sys.stderr, flush=True)
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit=unit, file=sys.stderr, leave=False)
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def _duration(seconds: float) -> str:
    """12 s, 4 min, 1 h 30 min."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


def ingest_parsed(store: ClauseStore, parsed: list[ParsedFile], progress: Progress | None = None,
                  on_wait: Callable[[], None] | None = None, *, release: bool = False,
                  known: dict[str, dict[str, Any]] | None = None) -> IngestReport:
    """Write parsed files into the store, holding its write lock from the first read to the revision
    bump (``on_wait`` is called once if another process is writing and this one must wait).
    ``release=True``: the caller no longer needs the files' clauses, which are dropped (``documents[].clauses``
    emptied) as soon as their slice is written, so that a large run is not held whole in memory.
    ``known``: the catalog's sources, when the caller read them holding the write lock it holds still."""
    with store.writing(on_wait):
        return _ingest_locked(store, parsed, progress, release, known)


def _ingest_locked(store: ClauseStore, parsed: list[ParsedFile], progress: Progress | None,
                   release: bool = False, known: dict[str, dict[str, Any]] | None = None) -> IngestReport:
    report = IngestReport(store=str(store.settings.chroma_server_url or store.settings.store_path))
    if known is None:
        known = store.sources()
    existing_docs = {d["doc_id"]: d["source"] for d in store.documents()}
    names = [p.source.name for p in parsed]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise InputError(f"two files with the same name in one ingest: {', '.join(sorted(dupes))}")
    todo: list[ParsedFile] = []
    seen_doc_ids: dict[str, str] = {}
    taken = set(existing_docs) | {d.doc_id for pf in parsed for d in pf.documents}
    for pf in parsed:
        name = pf.source.name
        previous = set((known.get(name, {}).get("doc_ids") or "").split("|"))
        for d in pf.documents:
            owner = existing_docs.get(d.doc_id)
            if (owner and owner != name) or (d.doc_id in seen_doc_ids and seen_doc_ids[d.doc_id] != name):
                # another file's document has this id: this one gets the next free id (kept on re-ingest)
                base, k = d.doc_id, 2
                reuse = sorted(x for x in previous if x.startswith(base + "-") and x not in seen_doc_ids)
                new_id = reuse[0] if reuse else None
                while new_id is None or (new_id in taken and new_id not in previous):
                    new_id, k = f"{base}-{k}", k + 1
                rename_document(d, new_id)
                taken.add(new_id)
                report.renamed.append({"file": name, "from": base, "to": new_id})
            seen_doc_ids[d.doc_id] = name
        old = known.get(name)
        status = "new" if old is None else (
            "unchanged" if old.get("fingerprint") == pf.fingerprint else "changed")
        report.files.append(FileResult(name, status, pf.clause_count, [d.doc_id for d in pf.documents], pf.source.encoding))
        if status != "unchanged":
            todo.append(pf)
    if not todo:
        report.revision = store.revision()
        return report

    return _write(store, todo, known, report, progress, release)


def _slices(todo: list[ParsedFile], size: int) -> list[list[ParsedFile]]:
    """The run cut into slices of whole files, each of at least ``size`` clauses (the last may hold fewer)."""
    out: list[list[ParsedFile]] = [[]]
    count = 0
    for pf in todo:
        if count >= size:
            out.append([])
            count = 0
        out[-1].append(pf)
        count += pf.clause_count
    return out


@dataclass
class _Slice:
    """One slice of a run on its way into the store: its records and lexical token counts (the jieba word
    counts pending in the worker when there is one), then its vectors."""

    files: list[ParsedFile]
    ids: list[str]
    texts: list[str]
    metas: list[dict]
    rows: list[tuple]
    words: object = None  # the worker's pending result
    embeddings: list | None = None


class _WordWorker:
    """jieba word counts of an ingest's slices, computed in one forked process (same tokens, same order)
    while this one embeds and writes: a slice's texts go to it as soon as the slice is read in."""

    def __init__(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from assistant.index import lexical

        lexical.full_dictionary()  # the dictionary loaded once, as a dict, before the fork (made at the first slice)
        # (an executor, not a Pool: a worker that dies — killed, out of memory — fails the pending slice,
        # so the ingest rolls back with a message instead of waiting for it for ever)
        self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_worker_signals)

    def submit(self, index_texts: list[tuple[str, str]]) -> _Pending:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return _Pending(self.pool.submit(word_counts, index_texts))
        except BrokenProcessPool as exc:  # (the worker died on an earlier slice)
            raise StoreError(_WORKER_DIED) from exc

    def close(self) -> None:
        procs = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:  # a slice being tokenised for a failed run is not waited for
            proc.terminate()
        for proc in procs:
            proc.join(5)


class _Pending:
    """A slice's word counts being computed in the worker."""

    def __init__(self, future) -> None:
        self.future = future

    def get(self):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.future.result()
        except BrokenProcessPool as exc:
            raise StoreError(_WORKER_DIED) from exc


_WORKER_DIED = "the ingest's tokenising process ended unexpectedly (killed, or out of memory)"


def _worker_signals() -> None:
    """The worker only computes: it ends quietly when its ingest stops it (Ctrl-C is the ingest's to handle)."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read_slice(files: list[ParsedFile], vocab: dict[str, int], words: _WordWorker | None) -> _Slice:
    """Records and token counts of a slice (``vocab`` gains the new tokens); the word counts go to the worker."""
    index_texts: list[tuple[str, str]] = []
    ids, texts, metas, rows = clause_rows(files, vocab, with_words=words is None, index_texts=index_texts)
    return _Slice(files, ids, texts, metas, rows, words.submit(index_texts) if words is not None else None)


def _embed_slice(store: ClauseStore, sl: _Slice, progress: Progress | None, done: int, total: int) -> None:
    embeddings: list = []
    step = max(1, store.settings.embedding_batch_size)
    for i in range(0, len(sl.texts), step):
        embeddings.extend(_float32_rows(store.embedder.embed_documents(sl.texts[i : i + step])))
        crash_point(store.settings.test_crash_at, "embed")
        if progress:
            progress(done + min(len(sl.texts), i + step), total, "embedding")
    sl.embeddings = embeddings


def _write(store: ClauseStore, todo: list[ParsedFile], known: dict, report: IngestReport,
           progress: Progress | None, release: bool) -> IngestReport:
    """Stream the run into the store slice by slice (records and token counts, vectors, write), under one journal
    written before the first change: it lists every clause id of the run (known from the parse) and the pre-images
    of whatever the run may overwrite or delete, so a run killed between any two slices rolls back whole."""
    ids = [c.clause_id for pf in todo for d in pf.documents for c in d.clauses]
    dupe_ids = {i for i in ids if ids.count(i) > 1} if len(ids) < 5000 else _dupes(ids)
    if dupe_ids:
        raise InputError(f"duplicate clause ids: {', '.join(sorted(dupe_ids)[:5])}")
    crash = store.settings.test_crash_at
    total = len(ids)
    slices = _slices(todo, max(1, store.settings.store_ingest_slice))
    vocab = store.records.vocabulary()
    saved_tokens = len(vocab)  # tokens from this id on are new: written with the slice that first uses them
    parallel = 0 < store.settings.store_tokenize_worker_min <= total
    words = _WordWorker() if parallel else None  # jieba in a second process, while this one embeds and writes
    try:
        # the first slice read and embedded before the journal: an embedder that fails at once changes nothing
        current = _read_slice(slices[0], vocab, words)
        _embed_slice(store, current, progress, 0, total)
        old_ids = [cid for pf in todo for cid in store.clause_ids_for_source(pf.source.name)]
        old_doc_ids = [f"doc:{d}" for pf in todo for d in (known.get(pf.source.name, {}).get("doc_ids") or "").split("|") if d]
        new_catalog_ids = ([f"{kind}:{pf.source.name}" for pf in todo for kind in ("src", "txt")]
                           + [f"doc:{d.doc_id}" for pf in todo for d in pf.documents])
        new_set = set(ids)
        stale = [i for i in old_ids if i not in new_set]
        del new_set
        # the disk must hold the whole run: vectors and Chroma payload known up front, the record-file rows
        # extrapolated from the first slice's (a slice is checked again with its own rows before it is written)
        payload = 100 * total + sum(len(pf.source.text.encode("utf-8")) for pf in todo)  # Chroma: filters, catalog
        dim = len(current.embeddings[0]) if current.embeddings else 0
        first_rows = rows_payload(current.rows)
        store.ensure_space(total, dim, payload, first_rows * total // max(1, len(current.rows)))
        intent = store.begin("ingest", ids, new_catalog_ids, old_ids, old_doc_ids)
        del ids
        try:
            crash_point(crash, "journal")
            written, entries = 0, []
            for k in range(len(slices)):
                nxt = _read_slice(slices[k + 1], vocab, words) if k + 1 < len(slices) else None  # (its words start now)
                if current.embeddings is None:
                    _embed_slice(store, current, progress, written, total)
                    store.ensure_space(len(current.ids), dim, 100 * len(current.ids), rows_payload(current.rows))
                step = store.write_batch
                for i in range(0, len(current.ids), step):
                    store.upsert_clauses(current.ids[i : i + step], current.embeddings[i : i + step], current.metas[i : i + step])
                    crash_point(crash, "upsert")
                    if progress:
                        progress(written + min(len(current.ids), i + step), total, "writing")
                rows = current.rows
                if current.words is not None:
                    blobs, local, facts = current.words.get()
                    rows = merge_word_counts(rows, blobs, local, vocab, facts)
                store.put_records(rows, [(tok, tid) for tok, tid in vocab.items() if tid >= saved_tokens])
                saved_tokens = len(vocab)
                crash_point(crash, "records")
                written += len(current.ids)
                entries += _catalog_entries(store, current.files)
                if release:  # the slice is in the store: its clauses need not be held any longer
                    for pf in current.files:
                        for d in pf.documents:
                            d.clauses = []
                del rows
                current = nxt
                if current is not None:
                    crash_point(crash, "slice")
            store.delete_clauses(stale)
            crash_point(crash, "delete")
            stale_docs = []
            for pf in todo:
                new_docs = {d.doc_id for d in pf.documents}
                old_docs = [d for d in (known.get(pf.source.name, {}).get("doc_ids") or "").split("|") if d]
                stale_docs += [f"doc:{d}" for d in old_docs if d not in new_docs]
            store.delete_catalog(stale_docs)
            crash_point(crash, "catalog")
            step = store.write_batch
            for i in range(0, len(entries), step):
                store.put_catalog(entries[i : i + step])
                crash_point(crash, "catalog")
            report.revision = store.bump_revision()
            crash_point(crash, "revision")
            store.commit(intent)
        except BaseException as exc:  # incl. Ctrl-C, SIGTERM and SIGHUP (see assistant.index.locking)
            if intent.committed:  # a signal just after the commit point: the write is complete
                raise
            log.warning("ingest interrupted (%s: %s); restoring the previous store", type(exc).__name__, exc)
            try:
                store.rollback(intent)
            except Exception as restore_exc:  # reported, never hidden; the journal stays for the next open
                raise StoreError(f"ingest failed ({_reason(exc)}) and restoring the previous store failed too "
                                 f"({_reason(restore_exc)}); it is rolled back when the store is next opened") from exc
            raise_masked_interrupt(exc)
            if isinstance(exc, AssistantError):
                raise
            if isinstance(exc, Exception):
                raise StoreError(f"ingest failed while writing; the store was restored to its previous state ({_reason(exc)})") from exc
            raise
    finally:
        if words is not None:
            words.close()
    report.written = total
    report.removed = len(stale)
    log.info("ingest: %s", report.summary())
    return report


def _catalog_entries(store: ClauseStore, files: list[ParsedFile]) -> list[tuple]:
    """The catalog entries of written files (document entries count their clauses: made before these are released)."""
    entries = []
    for pf in files:
        entries += [store.document_entry({**d.meta(), "encoding": pf.source.encoding}) for d in pf.documents]
        entries += store.source_entries(pf.source.name, pf.source.sha256, pf.source.encoding, pf.source.text,
                                        [d.doc_id for d in pf.documents], pf.fingerprint,
                                        path=_path_of(pf), origin=pf.origin)
    return entries


def remove_source(store: ClauseStore, name: str, on_wait: Callable[[], None] | None = None) -> int:
    """Remove a source file's clauses, documents and text from the store (restored on failure or
    interruption). Returns the number of clauses removed."""
    with store.writing(on_wait):
        return _remove_locked(store, name)


def _remove_locked(store: ClauseStore, name: str) -> int:
    known = store.sources()
    if name not in known:
        raise InputError(f"{name}: no such source in the store; see: assistant docs")
    ids = store.clause_ids_for_source(name)
    doc_ids = [f"doc:{d}" for d in (known[name].get("doc_ids") or "").split("|") if d]
    catalog_ids = [f"src:{name}", f"txt:{name}", *doc_ids]
    crash = store.settings.test_crash_at
    intent = store.begin("remove", [], [], ids, catalog_ids)
    try:
        crash_point(crash, "journal")
        store.delete_clauses(ids)
        crash_point(crash, "delete")
        store.delete_catalog(catalog_ids)
        crash_point(crash, "catalog")
        store.bump_revision()
        crash_point(crash, "revision")
        store.commit(intent)
    except BaseException as exc:
        if intent.committed:
            raise
        try:
            store.rollback(intent)
        except Exception as restore_exc:
            raise StoreError(f"removing {name} failed ({_reason(exc)}) and restoring the store failed too "
                             f"({_reason(restore_exc)}); it is rolled back when the store is next opened") from exc
        raise_masked_interrupt(exc)
        if isinstance(exc, Exception):
            raise StoreError(f"removing {name} failed; the store was restored ({_reason(exc)})") from exc
        raise
    return len(ids)


def interrupt_behind(exc: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or signal (see assistant.index.locking) that *exc* is, or that a library's cleanup masked.

    A signal raised inside a library's transaction can reach us as the library's own error: its rollback fails
    ("cannot rollback - no transaction is active") and that error replaces the interrupt, which stays in the
    chain as ``__context__``. The write is still one the user interrupted, so it must end like one."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, KeyboardInterrupt):
            return cur
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return None


def raise_masked_interrupt(exc: BaseException) -> None:
    """Raise the interrupt behind ``exc`` (:func:`interrupt_behind`) when a library's error masked it; else return."""
    signal_exc = interrupt_behind(exc)
    if signal_exc is not None and signal_exc is not exc:
        raise signal_exc from exc


def rows_payload(rows: list[tuple]) -> int:
    """Bytes of the record-file rows: records (UTF-8) and token counts (word counts, added later, estimated as
    a third of the character counts)."""
    return sum(len(r[6].encode("utf-8")) + sum(len(b or b"") for b in r[7:]) + (len(r[7]) // 3 if r[8] is None else 0)
               for r in rows)


def _path_of(pf: ParsedFile) -> str | None:
    """The file's path relative to its import root, when the import recorded one."""
    return next((d.extra["path"] for d in pf.documents if d.extra.get("path")), None)


def _float32_rows(vectors: list) -> list:
    """Vectors as float32 rows, what Chroma stores: 2 kB a 512-d vector instead of 16 kB of Python floats
    (1 GB less at the peak of a 72k-clause ingest)."""
    try:
        return list(np.asarray(vectors, dtype=np.float32))
    except ValueError as exc:
        raise EmbeddingError(f"the embedder returned vectors of different lengths ({exc})") from exc


def _reason(exc: BaseException) -> str:
    """One line about a failure: a full disk says so."""
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
    if disk_full(exc):
        return f"no space left on the disk of the store: {text}"
    return text


def _dupes(ids: list[str]) -> set[str]:
    seen, out = set(), set()
    for i in ids:
        (out if i in seen else seen).add(i)
    return out


def without_copies(parsed: list[ParsedFile], where: list[tuple[Path, str]], stored: dict[str, dict]
                    ) -> tuple[list[ParsedFile], list[tuple[Path, str]], list[dict[str, str]]]:
    """A file whose bytes are those of a file already stored under another name (人民调解法 副本 (1).md), or of an
    earlier file of this import, is not imported again: its clauses would be the other's, twice in every answer. It
    is listed with the name it copies. (A stored file read again in this import is compared as it is now.)"""
    names = {pf.source.name for pf in parsed}
    by_sha = {m["sha256"]: n for n, m in stored.items() if m.get("sha256") and n not in names}
    # the files stored under their own name (read again) are the originals, whatever order the folder lists them in
    # (调解条例 副本 (1).md sorts before 调解条例.md)
    order = sorted(range(len(parsed)), key=lambda i: parsed[i].source.name not in stored)
    copy_of: dict[int, str] = {}
    for i in order:
        pf = parsed[i]
        twin = by_sha.get(pf.source.sha256)
        if twin is not None and twin != pf.source.name:
            copy_of[i] = twin
        else:
            by_sha.setdefault(pf.source.sha256, pf.source.name)
    kept = [pf for i, pf in enumerate(parsed) if i not in copy_of]
    kept_where = [w for i, w in enumerate(where) if i not in copy_of]
    twins = [{"file": str(where[i][0]), "copy_of": twin,
              "reason": f"{where[i][0].name}: the same content as {twin} (stored, or earlier in this import); not imported twice"}
             for i, twin in sorted(copy_of.items())]
    return kept, kept_where, twins


def ingest_paths(settings: Settings, paths: list[Path] | None = None, *, rebuild: bool = False,
                 embedder: Embedder | None = None, progress: Progress | None = None,
                 on_wait: Callable[[], None] | None = None) -> IngestReport:
    embedder = embedder or build_embedder(settings)
    found = expand_with_roots(paths or [settings.seeds_path])
    not_taken = left_out(paths or [settings.seeds_path])  # reported with the bad files: nothing left out unsaid
    if not found:
        names = "; ".join(Path(x["file"]).name for x in not_taken[:8]) + (f"; … {len(not_taken) - 8} more" if len(not_taken) > 8 else "")
        listed = f" (found, not importable: {names})" if not_taken else ""
        raise InputError(f"no supported files (.txt .md .docx .pdf) in {', '.join(str(p) for p in paths or [settings.seeds_path])}{listed}")
    if rebuild and not paths:  # --rebuild alone rebuilds from the seeds: never at the cost of a library's own files
        # (checked before anything is created: a refused rebuild leaves the store exactly as it was)
        seed_names = {Path(f[0]).name for f in found}
        old = peek_foreign(settings, embedder.identity)
        kept = sorted({n for f in old for n in f["sources"]} - seed_names)
        if kept or any(f["unreadable"] for f in old):
            shown = ", ".join(kept[:5]) + (f", … ({len(kept)} files)" if len(kept) > 5 else "")
            what = f"the {len(kept)} other file(s) it holds ({shown})" if kept else "clauses whose files cannot be listed"
            raise InputError(f"--rebuild without paths rebuilds the store from {settings.seeds_path} and would drop "
                             f"{what}; give the folders or files to rebuild from: assistant ingest --rebuild PATH…")
    store = ClauseStore(settings, embedder, create=True, on_wait=on_wait)
    # two files with one name (in different folders, in this import or an earlier one) never overwrite
    # each other: the second is stored under its path relative to the import root, or under enough of
    # its folders to tell it apart from the stored file of that name (a file read from the same place
    # again is the same file: an update)
    by_name: dict[str, int] = {}
    for f, _rel in found:
        by_name[f.name] = by_name.get(f.name, 0) + 1
    stored = store.sources()  # (read again under the write lock below)
    source_name = _namer(stored, by_name)

    def parse(f: Path, rel: str) -> ParsedFile:
        return _parse_one(f, rel, source_name(f, rel), settings.chunk_max_tokens, settings.tiktoken_encoding)

    parsed: list[ParsedFile] = []
    where: list[tuple[Path, str]] = []
    skipped: list[dict[str, str]] = []
    names = [source_name(f, rel) for f, rel in found]  # (in the import's order, as each file's parse would ask)
    # all parsed before any write; a bad file is skipped and reported, the rest goes in
    for (f, rel), pf in zip(found, _parse_all(found, names, settings)):
        if isinstance(pf, InputError):
            skipped.append({"file": str(f), "reason": str(pf)})
            continue
        crash_point(settings.test_crash_at, "parse")
        parsed.append(pf)
        where.append((f, rel))
    parsed, where, twins = without_copies(parsed, where, stored)
    not_taken = not_taken + twins
    if not parsed and twins and not skipped:  # every file is a copy of one already stored: nothing to write
        return IngestReport(ignored=not_taken, store=str(settings.chroma_server_url or settings.store_path),
                            revision=store.revision())
    if not parsed:
        raise InputError("no file could be ingested: " + "; ".join(f"{s['reason']}" for s in skipped[:5]))
    with store.writing():
        if rebuild:
            store.drop_other_collections()
        elif store.other_collections() and store.count() == 0:
            raise store.foreign_error()
        # names were chosen from the catalog before the lock: another import may have taken one since (two
        # imports started together, each with a file of one name from different folders); those are named
        # again from the catalog as it is now, and parsed again under their new name
        now = store.sources()
        if any(now.get(pf.source.name, {}).get("origin") not in (None, pf.origin) for pf in parsed):
            source_name = _namer(now, by_name)
            parsed = [parse(f, rel) if now.get(pf.source.name, {}).get("origin") not in (None, pf.origin) else pf
                      for pf, (f, rel) in zip(parsed, where)]
        report = ingest_parsed(store, parsed, progress, release=True, known=now)
    report.skipped = skipped
    report.ignored = not_taken
    return report


def _parse_one(f: Path, rel: str, name: str | None, max_tokens: int, encoding: str) -> ParsedFile:
    pf = parse_path(f, max_tokens, encoding, name=name)
    for d in pf.documents:
        d.extra["path"] = rel
    return pf


def _parse_files(items: list[tuple[Path, str, str | None]], max_tokens: int, encoding: str) -> list:
    """Each file parsed, or the InputError saying why it cannot be (in the files' order)."""
    out: list = []
    for f, rel, name in items:
        try:
            out.append(_parse_one(f, rel, name, max_tokens, encoding))
        except InputError as exc:
            out.append(exc)
    return out


# an import of at least this many files is parsed on both cores: the later half in a forked process while this one parses
# the earlier (≈ 7 s of one core for the 1,247 files of ../shared/laws; the results travel back pickled)
PARALLEL_PARSE_MIN = 32


def _parse_all(found: list[tuple[Path, str]], names: list[str | None], settings: Settings) -> list:
    items = [(f, rel, name) for (f, rel), name in zip(found, names)]
    args = (settings.chunk_max_tokens, settings.tiktoken_encoding)
    if len(items) < PARALLEL_PARSE_MIN or sys.platform == "win32":
        return _parse_files(items, *args)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    half = len(items) // 2
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_worker_signals)
    try:
        later = pool.submit(_parse_files, items[half:], *args)
        first = _parse_files(items[:half], *args)
        try:
            return first + later.result()
        except BrokenProcessPool:  # (the worker died — killed, out of memory: this process parses them instead)
            return first + _parse_files(items[half:], *args)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _namer(stored: dict[str, dict], by_name: dict[str, int]) -> Callable[[Path, str], str | None]:
    """The name a file of an import is stored under, given the catalog's sources (None: its own file name)."""
    origins = {name: m.get("origin") for name, m in stored.items()}
    by_origin: dict[str, str] = {}
    for name, origin in origins.items():
        if origin:
            by_origin.setdefault(origin, name)

    def source_name(f: Path, rel: str) -> str | None:
        origin = str(f.resolve())
        if origin in by_origin:  # read from the same place before, under whatever name: the same file
            known = by_origin[origin]
            return None if known == f.name else known
        if by_name[f.name] > 1:
            return rel
        if origins.get(f.name) in (None, origin):
            return None
        parts = f.resolve().parts
        for k in range(2, len(parts) + 1):
            key = "/".join(parts[-k:])
            if origins.get(key) in (None, origin):
                return key
        return rel

    return source_name


def open_store(settings: Settings, embedder: Embedder | None = None, on_wait: Callable[[], None] | None = None) -> ClauseStore:
    return ClauseStore(settings, embedder or build_embedder(settings), on_wait=on_wait)


def ensure_store(settings: Settings, embedder: Embedder | None = None,
                 on_wait: Callable[[], None] | None = None) -> tuple[ClauseStore, IngestReport | None]:
    """Open the store, ingesting the seeds when it is missing or stale (the app's first run).

    A store built with another identity is rebuilt automatically only when it holds nothing
    but the seed files; otherwise the user is told to re-ingest (their uploads would be lost).
    """
    embedder = embedder or build_embedder(settings)
    store = ClauseStore(settings, embedder, create=True, on_wait=on_wait)
    with store.reading():
        needed = _ensure_needed(store, settings)
    if not needed:  # the usual case: no write, no lock held long, other processes undisturbed
        return store, None
    with store.writing():
        report = _ensure_locked(store, settings)
    return store, report


def _seeds_stale(store: ClauseStore, settings: Settings) -> bool:
    """The seed files need ingesting: the store is empty, or holds a seed file that has changed since. A library of the
    user's own (no seed file in it) is never given the seeds; a seed file the user removed is not put back."""
    return bool(_stale_seeds(store, settings))


def _stale_seeds(store: ClauseStore, settings: Settings) -> list[Path]:
    """All seed files for a store never written to (revision 0: the first start); else the seed files the store holds,
    read from the seeds folder, that have changed since. A file of the user's stored under a seed's name (imported
    from elsewhere) is not a seed."""
    if not settings.seeds_path.exists():
        return []
    known = store.sources()
    seeds = expand_paths([settings.seeds_path])
    if not known and store.revision() == 0:
        return seeds
    return [f for f in seeds if f.name in known and known[f.name].get("origin") in (None, str(f.resolve()))
            and known[f.name].get("fingerprint") != path_fingerprint(f)]


def _ensure_needed(store: ClauseStore, settings: Settings) -> bool:
    return bool(store.other_collections() and store.count() == 0) or _seeds_stale(store, settings)


def _ensure_locked(store: ClauseStore, settings: Settings) -> IngestReport | None:
    others = store.other_collections()
    if others and store.count() == 0:
        seed_names = {f.name for f in expand_paths([settings.seeds_path])} if settings.seeds_path.exists() else set()
        for name in others:
            if name.endswith("__catalog"):
                continue
            col = store.client.get_collection(name + "__catalog") if (name + "__catalog") in others else None
            srcs = set()
            if col is not None:
                srcs = {m["name"] for m in col.get(where={"type": "source"}, include=["metadatas"])["metadatas"]}
            if not srcs <= seed_names:
                raise store.foreign_error()
        store.drop_other_collections()
    stale = _stale_seeds(store, settings)
    if not stale:
        return None
    parsed = [parse_path(f, settings.chunk_max_tokens, settings.tiktoken_encoding) for f in stale]
    return ingest_parsed(store, parsed)
