"""An interrupt (Ctrl-C, SIGTERM, SIGHUP) that reaches a write inside a library's transaction can surface as the
library's own error: its rollback fails ("cannot rollback - no transaction is active") and that error replaces
the interrupt, which stays in the chain. The store is restored and the interrupt is what the caller sees
(the CLI exits 128 + the signal, not 1)."""

from __future__ import annotations

import signal
import sqlite3

import pytest

from assistant.index import locking
from assistant.index.ingest import interrupt_behind


def _masked(interrupt: BaseException, by: Exception) -> Exception:
    try:
        try:
            raise interrupt
        except BaseException:
            raise by  # noqa: B904 (the library's cleanup raising during the handling: __context__ is the interrupt)
    except Exception as exc:
        return exc


def _caused(exc: Exception, cause: BaseException) -> Exception:
    exc.__cause__ = cause
    return exc


TERM = locking.Terminated(signal.SIGTERM)
HUP = locking.Terminated(signal.SIGHUP)
CTRL_C = KeyboardInterrupt()


@pytest.mark.parametrize("exc, expected", [
    (TERM, TERM),                                                                  # the interrupt itself
    (CTRL_C, CTRL_C),
    (_masked(HUP, sqlite3.OperationalError("cannot rollback - no transaction is active")), HUP),
    (_masked(_masked(TERM, ValueError("inner")), RuntimeError("outer")), TERM),     # two cleanups deep
    (_caused(RuntimeError("wrapped"), CTRL_C), CTRL_C),                             # raise … from the interrupt
    (sqlite3.OperationalError("disk I/O error"), None),                            # a real failure
    (_masked(OSError("no space"), ValueError("then this")), None),
])
def test_the_interrupt_behind_an_error(exc, expected):
    assert interrupt_behind(exc) is expected


def test_a_chain_that_loops_ends():
    a, b = ValueError("a"), ValueError("b")
    a.__context__, b.__context__ = b, a
    assert interrupt_behind(a) is None


def _state(settings):
    from assistant.index.ingest import open_store

    store = open_store(settings)
    with store.reading():
        return sorted(store.collection.get(include=[])["ids"]), sorted(store.catalog.get(include=[])["ids"])


def _library(tmp_path, name: str, text: str):
    """Settings of a fresh store holding one file ``name`` (its folder: ``tmp_path / "lib"``), and its state."""
    from assistant.config import Settings
    from assistant.index.ingest import ingest_paths

    lib = tmp_path / "lib"
    lib.mkdir(exist_ok=True)
    (lib / name).write_text(text, encoding="utf-8")
    settings = Settings(store_path=tmp_path / "store", data_dir=tmp_path / "data")
    ingest_paths(settings, [lib])
    return settings, _state(settings)


def _interrupt(monkeypatch, where: str, sig: int) -> None:
    """Make the store's ``where`` raise a signal masked by the library's failing rollback."""
    from assistant.index.store import ClauseStore

    def interrupted(self, *args, **kwargs):
        raise _masked(locking.Terminated(sig), sqlite3.OperationalError("cannot rollback - no transaction is active"))

    monkeypatch.setattr(ClauseStore, where, interrupted)


@pytest.mark.parametrize("where", ["put_catalog", "delete_clauses"])
def test_a_signal_masked_by_a_library_error_during_an_ingest_restores_the_store_and_stays_a_signal(
        tmp_path, monkeypatch, where):
    from assistant.index.ingest import ingest_paths

    settings, before = _library(tmp_path, "甲办法.txt", "甲办法\n第一条 甲单位负责登记。\n第二条 登记应当在十日内完成。\n")
    assert before[0], "the first ingest wrote clauses"
    lib = tmp_path / "lib"
    (lib / "甲办法.txt").write_text("甲办法\n第一条 甲单位负责备案。\n第二条 备案应当在五日内完成。\n第三条 本办法自公布之日起施行。\n",
                                   encoding="utf-8")
    (lib / "乙规定.txt").write_text("乙规定\n第一条 乙机关负责审查。\n", encoding="utf-8")
    _interrupt(monkeypatch, where, signal.SIGTERM)
    with pytest.raises(locking.Terminated) as info:
        ingest_paths(settings, [lib])
    assert info.value.signum == signal.SIGTERM
    monkeypatch.undo()
    assert _state(settings) == before


def test_a_real_library_error_is_still_reported_as_a_failed_write(tmp_path, monkeypatch):
    from assistant.config import Settings
    from assistant.errors import StoreError
    from assistant.index.ingest import ingest_paths
    from assistant.index.store import ClauseStore

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "丙条例.txt").write_text("丙条例\n第一条 丙部门负责监督。\n", encoding="utf-8")
    settings = Settings(store_path=tmp_path / "store", data_dir=tmp_path / "data")

    def failing(self, *args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ClauseStore, "put_catalog", failing)
    with pytest.raises(StoreError, match="restored"):
        ingest_paths(settings, [lib])


def test_a_signal_masked_by_a_library_error_during_a_remove_restores_the_store_and_stays_a_signal(tmp_path, monkeypatch):
    from assistant.index.ingest import open_store, remove_source

    settings, before = _library(tmp_path, "丁规则.txt", "丁规则\n第一条 丁委员会负责协调。\n第二条 协调结果应当公开。\n")
    _interrupt(monkeypatch, "delete_catalog", signal.SIGHUP)
    with pytest.raises(locking.Terminated) as info:
        remove_source(open_store(settings), "丁规则.txt")
    assert info.value.signum == signal.SIGHUP
    monkeypatch.undo()
    assert _state(settings) == before


def test_a_signal_masked_by_a_library_error_during_a_repair_stays_a_signal(tmp_path, monkeypatch):
    from assistant.index import check
    from assistant.index.ingest import open_store

    settings, before = _library(tmp_path, "戊办法.txt", "戊办法\n第一条 戊机关负责登记。\n第二条 登记应当公开。\n")
    store = open_store(settings)
    with store.reading():
        some = store.collection.get(include=[], limit=1)["ids"]
    _interrupt(monkeypatch, "delete_clauses", signal.SIGTERM)
    with pytest.raises(locking.Terminated), store.writing():
        check._rewrite(store, [], some, [])
    monkeypatch.undo()
    assert _state(settings) == before
