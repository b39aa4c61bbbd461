"""Conversations persisted in SQLite under the app's data directory (survive restarts).

Every conversation belongs to one owner (an opaque string: the hash of a browser's random id, or
an OIDC subject). Every read and write names the owner, and a conversation or turn of another
owner behaves as if it did not exist: it is never listed, opened, renamed, deleted or appended to.

Each turn stores the question, the mode, the full result (answer or plan JSON, which holds the
statements, citations and verdicts), and the user's thumbs up/down. A conversation is created
together with its first turn, so no empty conversation is ever stored.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    created REAL NOT NULL, mode TEXT NOT NULL, question TEXT NOT NULL,
    result TEXT NOT NULL, citations TEXT NOT NULL, verdicts TEXT NOT NULL, feedback INTEGER);
CREATE INDEX IF NOT EXISTS turns_by_conversation ON turns(conversation_id, id);
"""

TITLE_MAX = 60


class NotFound(LookupError):
    """No such conversation or turn for this owner (whether it is absent or another owner's)."""


def _plain(text: str | None) -> str:
    """Simplified, half-width, lower case (no cache: every stored question passes through it once per search)."""
    from assistant.text.textnorm import to_simplified, width_normalize

    return to_simplified(width_normalize(text or "")).lower()


@dataclass
class Turn:
    id: int
    conversation_id: str
    mode: str
    question: str
    result: dict[str, Any]
    feedback: int | None


class History:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(SCHEMA)
            columns = {r[1] for r in db.execute("PRAGMA table_info(conversations)")}
            if "owner" not in columns:
                # Conversations stored before owners existed have none: nobody can open them.
                db.execute("ALTER TABLE conversations ADD COLUMN owner TEXT")
            db.execute("CREATE INDEX IF NOT EXISTS conversations_by_owner ON conversations(owner, updated)")
            # A conversation without turns is never kept (older versions created them eagerly).
            db.execute("DELETE FROM conversations WHERE id NOT IN (SELECT DISTINCT conversation_id FROM turns)")

    def _db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        db.create_function("plain", 1, _plain, deterministic=True)  # (search: 許可證 finds 许可证)
        return db

    @staticmethod
    def _check_owner(owner: str) -> str:
        if not isinstance(owner, str) or not owner.strip():
            raise ValueError("an owner is required")
        return owner

    def owns(self, owner: str, cid: str | None) -> bool:
        if not cid:
            return False
        with self._db() as db:
            row = db.execute("SELECT 1 FROM conversations WHERE id = ? AND owner = ?", (cid, self._check_owner(owner))).fetchone()
        return row is not None

    def conversations(self, owner: str, search: str = "") -> list[dict[str, Any]]:
        sql = "SELECT id, title, created, updated FROM conversations WHERE owner = ?"
        args: list[Any] = [self._check_owner(owner)]
        if search.strip():
            # in either script and width (許可證 / 许可证, ＡＢＣ / abc): both sides read in their Simplified, half-width form
            # (only this owner's turns are read: a search costs what one user has asked, not what everyone has)
            sql += (" AND (instr(plain(title), ?) > 0 OR id IN (SELECT t.conversation_id FROM turns t JOIN conversations c"
                    " ON c.id = t.conversation_id WHERE c.owner = ? AND instr(plain(t.question), ?) > 0))")
            args += [_plain(search.strip()), self._check_owner(owner), _plain(search.strip())]
        with self._db() as db:
            rows = db.execute(sql + " ORDER BY updated DESC", args).fetchall()
        return [{"id": r[0], "title": r[1], "created": r[2], "updated": r[3]} for r in rows]

    def rename(self, owner: str, cid: str, title: str) -> None:
        title = " ".join(title.split())[:TITLE_MAX]
        if not title:
            raise ValueError("empty title")
        with self._db() as db:
            cur = db.execute("UPDATE conversations SET title = ? WHERE id = ? AND owner = ?", (title, cid, self._check_owner(owner)))
            if cur.rowcount == 0:
                raise NotFound(cid)

    def delete(self, owner: str, cid: str) -> None:
        with self._db() as db:
            if db.execute("SELECT 1 FROM conversations WHERE id = ? AND owner = ?", (cid, self._check_owner(owner))).fetchone() is None:
                raise NotFound(cid)
            db.execute("DELETE FROM turns WHERE conversation_id = ?", (cid,))
            db.execute("DELETE FROM conversations WHERE id = ?", (cid,))

    def add_turn(self, owner: str, cid: str | None, mode: str, question: str, result: dict[str, Any]) -> tuple[str, int]:
        """Append a turn to the owner's conversation ``cid``, or start a new conversation with it when
        ``cid`` is None. Returns (conversation id, turn id). Raises :class:`NotFound` when ``cid`` is
        not one of the owner's conversations: a turn never lands in another conversation."""
        self._check_owner(owner)
        citations = sorted({c for st in result.get("statements", []) for c in st.get("citations", [])}
                           | {c for sec in result.get("sections", []) for it in sec.get("items", []) for c in it.get("citations", [])})
        verdicts = [st.get("verified") for st in result.get("statements", [])] + [
            it.get("verified") for sec in result.get("sections", []) for it in sec.get("items", [])]
        now = time.time()
        with self._db() as db:
            if cid is None:
                cid = secrets.token_hex(12)  # unguessable: the id appears in the page's URL
                flat = " ".join(question.split())
                title = (flat[:23] + "…" if len(flat) > 24 else flat) or "新对话"  # a cut title says so
                db.execute("INSERT INTO conversations (id, title, created, updated, owner) VALUES (?, ?, ?, ?, ?)",
                           (cid, title, now, now, owner))
            elif db.execute("SELECT 1 FROM conversations WHERE id = ? AND owner = ?", (cid, owner)).fetchone() is None:
                raise NotFound(cid)
            cur = db.execute(
                "INSERT INTO turns (conversation_id, created, mode, question, result, citations, verdicts, feedback) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                (cid, now, mode, question, json.dumps(result, ensure_ascii=False), json.dumps(citations), json.dumps(verdicts)))
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, cid))
            return cid, int(cur.lastrowid)

    def turns(self, owner: str, cid: str) -> list[Turn]:
        with self._db() as db:
            rows = db.execute("SELECT t.id, t.conversation_id, t.mode, t.question, t.result, t.feedback FROM turns t "
                              "JOIN conversations c ON c.id = t.conversation_id "
                              "WHERE t.conversation_id = ? AND c.owner = ? ORDER BY t.id", (cid, self._check_owner(owner))).fetchall()
        return [Turn(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5]) for r in rows]

    def set_feedback(self, owner: str, turn_id: int, value: int | None) -> None:
        with self._db() as db:
            cur = db.execute("UPDATE turns SET feedback = ? WHERE id = ? AND conversation_id IN "
                             "(SELECT id FROM conversations WHERE owner = ?)", (value, turn_id, self._check_owner(owner)))
            if cur.rowcount == 0:
                raise NotFound(str(turn_id))
