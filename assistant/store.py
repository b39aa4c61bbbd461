"""The persistent Chroma clause store.

Two collections per identity:

* ``<prefix>_p<parser>_<embedder>``: one entry per clause; document = normalised text,
  metadata = filterable fields + the whole clause record as JSON.
* ``<same>__catalog``: one entry per source file (``src:<name>``: sha256, encoding, the decoded
  text that clause offsets refer to) and per document (``doc:<doc_id>``: title, issuers, date…),
  plus ``meta:revision`` — a counter bumped by every write, used to invalidate derived indexes.

The collection name *and* metadata record the parser version and the embedder identity;
opening a store built with another identity raises :class:`StoreError` telling the user to
re-ingest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from assistant.clauses import Clause
from assistant.config import Settings
from assistant.embeddings import Embedder, LvjuEmbeddingFunction
from assistant.errors import StoreError
from assistant.parser import PARSER_VERSION

BATCH = 1000


def make_client(settings: Settings):
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
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


def collection_name(prefix: str, embedder_identity: str) -> str:
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", embedder_identity).strip("-").lower()
    if len(slug) > 40:
        slug = slug[:30] + "-" + hashlib.sha1(embedder_identity.encode()).hexdigest()[:8]
    return f"{prefix}_p{PARSER_VERSION}_{slug}"


def _date_int(date: str | None) -> int | None:
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return int(date.replace("-", ""))
    return None


def clause_metadata(clause: Clause, doc_meta: dict[str, Any], file_sha: str) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "doc_id": clause.doc_id, "source": clause.source, "label": clause.label, "kind": clause.kind,
        "start": clause.start, "end": clause.end, "file_sha256": file_sha,
        "issuers": "|" + "|".join(doc_meta.get("issuers") or []) + "|",
        "record": json.dumps(clause.to_record(), ensure_ascii=False),
    }
    date = _date_int(doc_meta.get("date"))
    if date:
        meta["date"] = date
    for key, value in clause.position.items():
        if value is not None:
            meta[f"pos_{key}"] = value
    return meta


@dataclass
class Snapshot:
    ids: list[str]
    embeddings: list
    documents: list
    metadatas: list


class ClauseStore:
    def __init__(self, settings: Settings, embedder: Embedder, *, create: bool = False, client=None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client or make_client(settings)
        self.name = collection_name(settings.collection_prefix, embedder.identity)
        self.identity = {"parser_version": PARSER_VERSION, "embedder": embedder.identity}
        self.ef = LvjuEmbeddingFunction(embedder)
        existing = {c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()}
        if self.name not in existing:
            others = sorted(n for n in existing if n.startswith(settings.collection_prefix + "_") and not n.endswith("__catalog"))
            if not create:
                where = settings.chroma_server_url or settings.store_path
                if others:
                    raise StoreError(
                        f"the clause store at {where} was built with another parser version or embedder "
                        f"({', '.join(others)}); current settings need {self.name}. Re-ingest: assistant ingest --rebuild"
                    )
                raise StoreError(f"no clause store at {where}; run: assistant ingest")
        self.collection = self.client.get_or_create_collection(
            self.name, embedding_function=self.ef,
            metadata={**self.identity, "hnsw:space": "cosine"},
        )
        meta = self.collection.metadata or {}
        if meta.get("parser_version") != PARSER_VERSION or meta.get("embedder") != embedder.identity:
            raise StoreError(
                f"collection {self.name} records parser {meta.get('parser_version')} / embedder "
                f"{meta.get('embedder')}, not {PARSER_VERSION} / {embedder.identity}. Re-ingest: assistant ingest --rebuild"
            )
        self.catalog = self.client.get_or_create_collection(self.name + "__catalog", embedding_function=None,
                                                             metadata=self.identity)

    # ---- identity helpers
    def other_collections(self) -> list[str]:
        names = {c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()}
        return sorted(n for n in names if n.startswith(self.settings.collection_prefix + "_")
                      and n not in (self.name, self.name + "__catalog"))

    def drop_other_collections(self) -> list[str]:
        dropped = self.other_collections()
        for n in dropped:
            self.client.delete_collection(n)
        return dropped

    # ---- catalog
    def revision(self) -> int:
        got = self.catalog.get(ids=["meta:revision"], include=["metadatas"])
        return int(got["metadatas"][0]["revision"]) if got["ids"] else 0

    def _bump_revision(self) -> int:
        rev = self.revision() + 1
        self.catalog.upsert(ids=["meta:revision"], embeddings=[[0.0]], documents=[""], metadatas=[{"revision": rev}])
        return rev

    def sources(self) -> dict[str, dict[str, Any]]:
        got = self.catalog.get(where={"type": "source"}, include=["metadatas"])
        return {m["name"]: m for m in got["metadatas"]}

    def source_text(self, name: str) -> str | None:
        got = self.catalog.get(ids=[f"src:{name}"], include=["documents"])
        return got["documents"][0] if got["ids"] else None

    def documents(self) -> list[dict[str, Any]]:
        got = self.catalog.get(where={"type": "document"}, include=["metadatas"])
        docs = [json.loads(m["meta"]) for m in got["metadatas"]]
        return sorted(docs, key=lambda d: (d["source"], d["index"]))

    # ---- clauses
    def count(self) -> int:
        return self.collection.count()

    def clause_ids_for_source(self, source: str) -> list[str]:
        return self.collection.get(where={"source": source}, include=[])["ids"]

    def get_records(self, ids: list[str] | None = None, where: dict | None = None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if ids is not None:
            for i in range(0, len(ids), BATCH):
                got = self.collection.get(ids=ids[i : i + BATCH], include=["metadatas"])
                out.extend(json.loads(m["record"]) for m in got["metadatas"])
            order = {cid: k for k, cid in enumerate(ids)}
            return sorted(out, key=lambda r: order.get(r["clause_id"], 0))
        offset = 0
        while True:
            got = self.collection.get(where=where, include=["metadatas"], limit=BATCH, offset=offset)
            if not got["ids"]:
                break
            out.extend(json.loads(m["record"]) for m in got["metadatas"])
            offset += len(got["ids"])
        return out

    def all_records(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        recs = self.get_records(where={"doc_id": doc_id} if doc_id else None)
        order = {d["doc_id"]: (d["source"], d["index"]) for d in self.documents()}
        return sorted(recs, key=lambda r: (order.get(r["doc_id"], ("", 0)), r["start"]))

    def snapshot(self, ids: list[str]) -> Snapshot:
        snap = Snapshot([], [], [], [])
        for i in range(0, len(ids), BATCH):
            got = self.collection.get(ids=ids[i : i + BATCH], include=["embeddings", "documents", "metadatas"])
            snap.ids += list(got["ids"])
            snap.embeddings += [list(map(float, e)) for e in got["embeddings"]]
            snap.documents += list(got["documents"])
            snap.metadatas += list(got["metadatas"])
        return snap

    def catalog_snapshot(self, ids: list[str]) -> Snapshot:
        got = self.catalog.get(ids=ids, include=["embeddings", "documents", "metadatas"])
        return Snapshot(list(got["ids"]), [list(map(float, e)) for e in got["embeddings"]],
                        list(got["documents"]), list(got["metadatas"]))

    def upsert_clauses(self, ids: list[str], embeddings: list, documents: list[str], metadatas: list[dict]) -> None:
        for i in range(0, len(ids), BATCH):
            sl = slice(i, i + BATCH)
            self.collection.upsert(ids=ids[sl], embeddings=embeddings[sl], documents=documents[sl], metadatas=metadatas[sl])

    def delete_clauses(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), BATCH):
            self.collection.delete(ids=ids[i : i + BATCH])

    @staticmethod
    def source_entry(name: str, sha: str, encoding: str, text: str, doc_ids: list[str], fingerprint: str) -> tuple:
        return (f"src:{name}", text, {"type": "source", "name": name, "sha256": sha, "encoding": encoding,
                                       "fingerprint": fingerprint, "doc_ids": "|".join(doc_ids),
                                       "parser_version": PARSER_VERSION})

    @staticmethod
    def document_entry(meta: dict[str, Any]) -> tuple:
        return (f"doc:{meta['doc_id']}", meta.get("title", ""),
                {"type": "document", "doc_id": meta["doc_id"], "source": meta["source"],
                 "meta": json.dumps(meta, ensure_ascii=False)})

    def put_catalog(self, entries: list[tuple]) -> None:
        """Write source/document entries (one Chroma call per 1000: per-call cost dominates)."""
        for i in range(0, len(entries), BATCH):
            chunk = entries[i : i + BATCH]
            self.catalog.upsert(ids=[e[0] for e in chunk], embeddings=[[0.0]] * len(chunk),
                                documents=[e[1] for e in chunk], metadatas=[e[2] for e in chunk])

    def delete_catalog(self, ids: list[str]) -> None:
        if ids:
            self.catalog.delete(ids=ids)

    def restore(self, snap: Snapshot, catalog: Snapshot, new_ids: list[str], new_catalog_ids: list[str]) -> None:
        """Undo a partial write: remove what was added, put back what was there before."""
        before = set(snap.ids)
        self.delete_clauses([i for i in new_ids if i not in before])
        if snap.ids:
            self.upsert_clauses(snap.ids, snap.embeddings, snap.documents, snap.metadatas)
        self.delete_catalog([i for i in new_catalog_ids if i not in set(catalog.ids)])
        if catalog.ids:
            self.catalog.upsert(ids=catalog.ids, embeddings=catalog.embeddings, documents=catalog.documents,
                                metadatas=catalog.metadatas)

    def bump_revision(self) -> int:
        return self._bump_revision()
