"""The clause records and their lexical token counts, kept once per clause beside the Chroma store.

Chroma keeps, per clause, only its vector and what its ``where`` filters need (``doc_id``, ``source``).
The full clause record (what ``assistant clauses --json`` prints) and the clause's tokens for the
lexical index — (token id, count) pairs per field, computed once at ingest — live in one SQLite file
per collection, ``<store>/records/local__<collection>.sqlite3`` (for a Chroma server:
``<data dir>/records/<server>__<collection>.sqlite3``), with the token vocabulary.

Writes to it happen inside the store's write (under its lock, after the journal is written, see
:mod:`assistant.index.journal`): the journal holds the pre-images of the rows a write replaces or
deletes, and a rollback restores them, exactly as for the Chroma rows. The vocabulary only grows (an
id, once given, names its token for ever), so it needs no pre-image: a token left by a rolled-back
write is one no clause has, which the lexical index treats as absent.
"""

from __future__ import annotations

import base64
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SCHEMA = 1
COLUMNS = ("id", "source", "doc_id", "kind", "start", "file_sha256", "record", "char", "word", "head", "facts")
_BLOBS = ("char", "word", "head")


def records_path(store_path: Path, data_dir: Path, server_url: str | None, collection: str) -> Path:
    """Beside a local store; for a Chroma server, under the data folder (with the server's lock and journal)."""
    slug = re.sub(r"[^a-zA-Z0-9]+", "_", server_url or "local").strip("_")
    return (Path(data_dir) if server_url else Path(store_path)) / "records" / f"{slug}__{collection}.sqlite3"


def row_to_json(row: tuple) -> list:
    """A row as JSON values (the token blobs base64): what the journal keeps as a pre-image."""
    return [base64.b64encode(v).decode("ascii") if isinstance(v, bytes | memoryview) else v for v in row]


def row_from_json(values: list) -> tuple:
    """A pre-image back as a row (one journalled before a column was added gets None for it)."""
    values = [*values, *[None] * (len(COLUMNS) - len(values))]
    return tuple(base64.b64decode(v) if COLUMNS[k] in _BLOBS and isinstance(v, str) else v for k, v in enumerate(values))


class RecordStore:
    """One collection's record file. Callers hold the store's lock (shared to read, exclusive to write)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._guard = threading.RLock()
        self._commits = 0  # writes committed through this object's connection (see change_token)

    # ---- connection
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=60)
            conn.execute("PRAGMA synchronous=FULL")
            conn.executescript(
                "CREATE TABLE IF NOT EXISTS clauses (id TEXT PRIMARY KEY, source TEXT NOT NULL, doc_id TEXT NOT NULL, "
                "kind TEXT, start INTEGER, file_sha256 TEXT, record TEXT NOT NULL, char BLOB, word BLOB, head BLOB, "
                "facts TEXT);"
                "CREATE INDEX IF NOT EXISTS clauses_source ON clauses(source);"
                "CREATE INDEX IF NOT EXISTS clauses_doc ON clauses(doc_id);"
                "CREATE TABLE IF NOT EXISTS vocab (token TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE);"
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
            )
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            # names this file: write numbers restart in another one (a data folder deleted and the store re-made)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('file_id', ?)", (os.urandom(8).hex(),))
            have = {r[1] for r in conn.execute("PRAGMA table_info(clauses)")}
            for column, kind in (("seq", "INTEGER NOT NULL DEFAULT 0"),  # a file of before: its rows are of write 0
                                 ("facts", "TEXT")):  # a file of before: facts computed from the record when read
                if column not in have:
                    try:
                        conn.execute(f"ALTER TABLE clauses ADD COLUMN {column} {kind}")
                    except sqlite3.OperationalError as exc:  # another process added it first
                        if "duplicate column" not in str(exc):
                            raise
            self._conn = conn
        return self._conn

    def close(self) -> None:
        with self._guard:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def exists(self) -> bool:
        return self.path.is_file()

    def note_revision(self, revision: int) -> None:
        """Record the store's new revision here too (a write bumps it): whatever changes the store then
        changes this file, which :meth:`change_token` tells at the cost of a local read."""
        with self._guard:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('revision', ?)", (str(revision),))
                db.execute("COMMIT")
                self._commits += 1
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def change_token(self) -> tuple[int, int, int]:
        """Changes when a write commits to this file, through any connection (SQLite's data_version counts
        the other connections' commits, this object counts its own), and when the file is replaced (its
        inode): while it stays the same, no write has changed the store."""
        with self._guard:
            version = int(self._db().execute("PRAGMA data_version").fetchone()[0])
            try:
                inode = os.stat(self.path).st_ino
            except OSError:  # gone: a token no earlier one equals
                inode = -1
            return version, self._commits, inode

    def file_id(self) -> str:
        """A name of this record file, made when it was created."""
        with self._guard:
            return self._db().execute("SELECT value FROM meta WHERE key = 'file_id'").fetchone()[0]

    # ---- vocabulary
    def vocabulary(self) -> dict[str, int]:
        """Every token given an id so far (token -> id)."""
        with self._guard:
            return dict(self._db().execute("SELECT token, id FROM vocab"))

    def tokens(self) -> list[str]:
        """Token strings by id (ids are dense from 0)."""
        with self._guard:
            rows = self._db().execute("SELECT token FROM vocab ORDER BY id").fetchall()
        return [t for (t,) in rows]

    # ---- writes (inside the store's write)
    def put(self, rows: list[tuple], new_tokens: Iterable[tuple[str, int]] = ()) -> None:
        """Insert or replace clause rows (``COLUMNS`` order) and add vocabulary entries, in one transaction.
        The rows get the next write number (``seq``): a row's (id, seq) names one written state of a clause,
        which is how the lexical index tells the clauses it holds from those written since."""
        with self._guard:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                got = db.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
                seq = int(got[0]) + 1 if got else 1
                db.execute("INSERT OR REPLACE INTO meta VALUES ('seq', ?)", (str(seq),))
                db.executemany("INSERT OR IGNORE INTO vocab (token, id) VALUES (?, ?)", list(new_tokens))
                db.executemany(f"INSERT OR REPLACE INTO clauses ({', '.join(COLUMNS)}, seq) "
                               f"VALUES ({', '.join('?' * len(COLUMNS))}, {seq})", rows)
                db.execute("COMMIT")
                self._commits += 1
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def delete(self, ids: list[str]) -> None:
        with self._guard:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    db.execute(f"DELETE FROM clauses WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
                db.execute("COMMIT")
                self._commits += 1
            except BaseException:
                db.execute("ROLLBACK")
                raise

    # ---- reads
    def rows(self, ids: list[str]) -> list[tuple]:
        """Full rows of the given clauses that exist (pre-images for the journal)."""
        out: list[tuple] = []
        with self._guard:
            db = self._db()
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                out += db.execute(f"SELECT {', '.join(COLUMNS)} FROM clauses WHERE id IN ({', '.join('?' * len(chunk))})",
                                  chunk).fetchall()
        return out

    def records(self, ids: list[str] | None = None, where: dict[str, Any] | None = None) -> list[dict]:
        """Clause records: by id (in the order asked, missing ones left out), or every one matching
        ``where`` ({"doc_id": X} or {"source": X}), or all."""
        loads = _loads()
        with self._guard:
            db = self._db()
            if ids is not None:
                if len(ids) > 5000:  # most of the library: one scan
                    got = dict(db.execute("SELECT id, record FROM clauses"))
                else:
                    got = {}
                    for i in range(0, len(ids), 500):
                        chunk = ids[i : i + 500]
                        got.update(db.execute(f"SELECT id, record FROM clauses WHERE id IN ({', '.join('?' * len(chunk))})",
                                              chunk))
                return [loads(got[i]) for i in ids if i in got]
            sql, args = "SELECT record FROM clauses", ()
            if where:
                (key, value), = where.items()
                if key not in ("doc_id", "source") or not isinstance(value, str):
                    raise ValueError(f"unsupported record filter {where!r}")
                sql, args = f"SELECT record FROM clauses WHERE {key} = ?", (value,)
            return [loads(r) for (r,) in db.execute(sql, args)]

    def summary(self) -> dict[str, tuple[str, str, str | None]]:
        """id -> (source, doc_id, file_sha256) of every clause (what ``check`` compares with Chroma)."""
        with self._guard:
            return {i: (s, d, f) for i, s, d, f in self._db().execute("SELECT id, source, doc_id, file_sha256 FROM clauses")}

    def lexical_rows(self, ids: list[str] | None = None) -> list[tuple]:
        """(id, doc_id, kind, start, seq, char, word, head) of every clause, or of those given that exist."""
        return self._select("SELECT id, doc_id, kind, start, seq, char, word, head FROM clauses", ids)

    def index_rows(self) -> list[tuple]:
        """(id, doc_id, kind, start, seq) of every clause."""
        return self._select("SELECT id, doc_id, kind, start, seq FROM clauses", None)

    def field_counts(self, field: str, ids: list[str]) -> list[bytes]:
        """The token counts of one field (char, word or head) of the clauses given, in that order (b"" for
        none): one field's counts read at a time, a full index build holds no more."""
        if field not in _BLOBS:
            raise ValueError(f"unknown lexical field {field!r}")
        got = dict(self._select(f"SELECT id, {field} FROM clauses", None))
        return [got.get(i) or b"" for i in ids]

    def last_write(self) -> int:
        """The write number the last write gave (0 before any): never lower than one an index holds, unless
        the file was put back from an older copy."""
        with self._guard:
            got = self._db().execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
        return int(got[0]) if got else 0

    def written(self) -> dict[str, int]:
        """id -> write number (seq) of every clause."""
        with self._guard:
            return dict(self._db().execute("SELECT id, seq FROM clauses"))

    def lookup_rows(self, ids: list[str] | None = None) -> list[tuple]:
        """(id, doc_id, kind, article, article suffix, chapter, division, paragraph, 项 numbers, value flags,
        defined terms, condition actions) of every clause (or of those given): what the retriever's lookup tables need, from the
        facts stored at ingest (:mod:`assistant.text.facts`); for a row without current facts (a file of
        before, or patterns changed since) computed here from its record's fields and text."""
        from assistant.text.facts import FACTS_VERSION, text_facts

        loads = _loads()
        out: list[tuple] = []
        stale: list[tuple] = []
        for cid, doc_id, kind, facts in self._select("SELECT id, doc_id, kind, facts FROM clauses", ids):
            got = loads(facts) if facts else None
            if got and got[0] == FACTS_VERSION:
                out.append((cid, doc_id, kind, *got[1:6], tuple(got[6]), got[7], got[8], got[9]))
            else:
                stale.append(cid)
        if stale:
            fields = ", ".join(f"json_extract(record, '$.position.{k}')" for k in ("article", "article_suffix", "chapter",
                                                                                    "division", "paragraph"))
            sql = (f"SELECT id, doc_id, json_extract(record, '$.kind'), {fields}, "
                   "(SELECT json_group_array(json_extract(value, '$.index')) FROM json_each(record, '$.subitems')), "
                   "json_extract(record, '$.text_normalized') FROM clauses")
            for *head, subs, text in self._select(sql, stale):
                out.append((*head, tuple(loads(subs)) if subs else (), *text_facts(text or "")))
        return out

    def _select(self, sql: str, ids: list[str] | None) -> list[tuple]:
        """Rows of ``sql`` (a SELECT over clauses) for every clause, or for the ids given."""
        with self._guard:
            db = self._db()
            if ids is None:
                return db.execute(sql).fetchall()
            out: list[tuple] = []
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                out += db.execute(f"{sql} WHERE id IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
            return out

    def count(self) -> int:
        with self._guard:
            return self._db().execute("SELECT count(*) FROM clauses").fetchone()[0]


def _loads():
    try:
        import orjson

        return orjson.loads
    except ImportError:  # pragma: no cover - orjson comes with chromadb
        return json.loads
