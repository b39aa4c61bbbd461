"""Conversations persisted in SQLite under the app's data directory (survive restarts).

Each turn stores the question, the mode, the full result (answer or plan JSON, which holds the
statements, citations and verdicts), and the user's thumbs up/down.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
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

    def _db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def create(self, title: str = "新对话") -> str:
        cid = uuid.uuid4().hex[:12]
        now = time.time()
        with self._db() as db:
            db.execute("INSERT INTO conversations VALUES (?, ?, ?, ?)", (cid, title, now, now))
        return cid

    def conversations(self) -> list[dict[str, Any]]:
        with self._db() as db:
            rows = db.execute("SELECT id, title, created, updated FROM conversations ORDER BY updated DESC").fetchall()
        return [{"id": r[0], "title": r[1], "created": r[2], "updated": r[3]} for r in rows]

    def rename(self, cid: str, title: str) -> None:
        title = title.strip()[:60]
        if not title:
            raise ValueError("empty title")
        with self._db() as db:
            db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, cid))

    def delete(self, cid: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM turns WHERE conversation_id = ?", (cid,))
            db.execute("DELETE FROM conversations WHERE id = ?", (cid,))

    def add_turn(self, cid: str, mode: str, question: str, result: dict[str, Any]) -> int:
        citations = sorted({c for st in result.get("statements", []) for c in st.get("citations", [])}
                           | {c for sec in result.get("sections", []) for it in sec.get("items", []) for c in it.get("citations", [])})
        verdicts = [st.get("verified") for st in result.get("statements", [])] + [
            it.get("verified") for sec in result.get("sections", []) for it in sec.get("items", [])]
        now = time.time()
        with self._db() as db:
            cur = db.execute(
                "INSERT INTO turns (conversation_id, created, mode, question, result, citations, verdicts, feedback) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                (cid, now, mode, question, json.dumps(result, ensure_ascii=False), json.dumps(citations), json.dumps(verdicts)))
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, cid))
            if db.execute("SELECT COUNT(*) FROM turns WHERE conversation_id = ?", (cid,)).fetchone()[0] == 1:
                db.execute("UPDATE conversations SET title = ? WHERE id = ? AND title = '新对话'", (question.strip()[:24], cid))
            return int(cur.lastrowid)

    def turns(self, cid: str) -> list[Turn]:
        with self._db() as db:
            rows = db.execute("SELECT id, conversation_id, mode, question, result, feedback FROM turns "
                              "WHERE conversation_id = ? ORDER BY id", (cid,)).fetchall()
        return [Turn(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5]) for r in rows]

    def set_feedback(self, turn_id: int, value: int | None) -> None:
        with self._db() as db:
            db.execute("UPDATE turns SET feedback = ? WHERE id = ?", (value, turn_id))
