"""The store's write journal: what makes a write all-or-nothing, even under ``kill -9``.

Before its first change to the store, a write (ingest, remove, repair) records in one file beside
the write lock what it is about to do and everything needed to undo it: the ids of the clauses and
catalog entries it will add, and the pre-images (text, metadata, vector) of every clause and catalog
entry it may overwrite or delete. The file is written to a temporary name, flushed to disk and then
renamed into place, so it is either there whole or not at all.

**The commit point is the removal of the journal**, after the write's last change (the revision
bump). While the journal exists the write is uncommitted: a process that opens the store — reader or
writer, under the write lock — finds it and rolls the store back to the pre-images before anything
reads it (:meth:`assistant.index.store.ClauseStore.recover`). A process killed after the removal has
committed. So readers see exactly the old or the new state, never a mix.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import StoreError

FORMAT = 1


@dataclass
class Snapshot:
    """Pre-images of store entries (clauses or catalog entries)."""

    ids: list[str]
    embeddings: list
    documents: list
    metadatas: list
    rows: list = field(default_factory=list)  # record-file rows (JSON form, see assistant.index.records) of the clauses


@dataclass
class Intent:
    op: str  # ingest | remove | repair
    new_ids: list[str]  # clause ids the write adds or overwrites
    new_catalog_ids: list[str]  # catalog ids the write adds or overwrites
    clauses: Snapshot  # pre-images of every clause the write may change or delete
    catalog: Snapshot  # pre-images of every catalog entry it may change or delete (meta:revision included)
    started: float = 0.0
    pid: int = 0
    collection: str = ""  # the clause collection written (its catalog: the same name + "__catalog")
    committed: bool = False  # set in memory at the commit point: from then on the write is never rolled back

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.started)) if self.started else "?"
        return (f"{self.op} by process {self.pid} started {when} "
                f"({len(self.new_ids)} clause(s) to add, {len(self.clauses.ids)} to restore)")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _matrix(rows: list) -> np.ndarray:
    if not rows:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray([np.asarray(r, dtype=np.float32) for r in rows], dtype=np.float32)


def write(path: Path, intent: Intent) -> None:
    """Write the journal durably (temporary file, fsync, rename, fsync of the folder). A failure
    (a full disk) leaves no journal and raises :class:`StoreError`: nothing has been written yet."""
    head = {
        "format": FORMAT, "op": intent.op, "started": intent.started or time.time(), "pid": intent.pid or os.getpid(),
        "collection": intent.collection,
        "new_ids": intent.new_ids, "new_catalog_ids": intent.new_catalog_ids,
        "clauses": {"ids": intent.clauses.ids, "documents": intent.clauses.documents, "metadatas": intent.clauses.metadatas,
                    "rows": intent.clauses.rows},
        "catalog": {"ids": intent.catalog.ids, "documents": intent.catalog.documents, "metadatas": intent.catalog.metadatas,
                    "embeddings": [list(map(float, e)) for e in intent.catalog.embeddings]},
    }
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            np.savez(fh, head=np.frombuffer(json.dumps(head, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
                     embeddings=_matrix(intent.clauses.embeddings))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException as exc:  # a full disk, or a signal: no temporary file left behind
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise StoreError(f"cannot write the store's journal {path} ({exc.strerror or exc}); nothing was changed") from exc
        raise


def read(path: Path) -> Intent | None:
    """The journal of an unfinished write, or None when there is none."""
    try:
        with np.load(path, allow_pickle=False) as data:
            head = json.loads(bytes(data["head"]).decode("utf-8"))
            emb = data["embeddings"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError) as exc:
        raise StoreError(f"the store's journal {path} of an interrupted write cannot be read ({exc}); move it "
                         "away, then run: assistant check --repair") from exc
    if head.get("format") != FORMAT:
        raise StoreError(f"the store's journal {path} has an unknown format {head.get('format')!r}")
    c, k = head["clauses"], head["catalog"]
    return Intent(
        op=head["op"], new_ids=head["new_ids"], new_catalog_ids=head["new_catalog_ids"],
        clauses=Snapshot(c["ids"], list(emb), c["documents"], c["metadatas"], c.get("rows", [])),
        catalog=Snapshot(k["ids"], k["embeddings"], k["documents"], k["metadatas"]),
        started=head.get("started", 0.0), pid=head.get("pid", 0), collection=head.get("collection", ""),
    )


def remove(path: Path) -> None:
    """The commit point: the write is done once this returns."""
    path.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def exists(path: Path) -> bool:
    return path.exists()

