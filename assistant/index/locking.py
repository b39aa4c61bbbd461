"""One writer per clause store, and no reader inside a write: an OS file lock (``flock``).

Every write (ingest, remove, rebuild, the app's upload, seeding at start) holds the lock
exclusively for its whole run, from reading what the store holds to the revision bump. Readers
hold it shared while they touch the store, so they never see, or crash on, a half-written state.
``flock`` locks belong to an open file: two threads of one process (two app sessions) exclude
each other like two processes do, and the OS drops the lock of a process that dies.

Signals: SIGTERM and SIGHUP interrupt a CLI run like Ctrl-C does, so an interrupted write rolls
back; while a rollback runs, further signals wait until it is done.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from assistant.errors import StoreBusy

WAIT_MESSAGE = "条款库正被另一进程写入，等待中…"
_default_on_wait: Callable[[], None] | None = None


def set_default_on_wait(callback: Callable[[], None] | None) -> None:
    """What a process does when it must wait for another's write, unless the caller says otherwise
    (the CLI prints :data:`WAIT_MESSAGE` to stderr)."""
    global _default_on_wait
    _default_on_wait = callback


def lock_path(store_path: Path, data_dir: Path, server_url: str | None, collection_prefix: str) -> Path:
    """Where the lock of a store lives: inside a local store's folder; for a Chroma server, in the
    app's data folder (one file per server and collection prefix: it serialises the processes of
    this machine)."""
    if server_url:
        digest = hashlib.sha256(f"{server_url}\n{collection_prefix}".encode()).hexdigest()[:16]
        return data_dir / "locks" / f"chroma-server-{digest}.lock"
    return store_path / "lvju-write.lock"


@contextlib.contextmanager
def store_lock(path: Path, *, exclusive: bool, timeout_s: float, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the store's lock (exclusive for writers, shared for readers). Waits up to ``timeout_s``
    for another holder, calling ``on_wait`` once when it has to wait; then raises :class:`StoreBusy`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            notify = on_wait or _default_on_wait
            if notify is not None:
                notify()
            deadline = time.monotonic() + timeout_s
            while True:
                time.sleep(0.05)
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        what = "another process is writing it" if not exclusive else "another process is using it"
                        raise StoreBusy(
                            f"the clause store is busy ({what}); gave up after {timeout_s:g} s "
                            f"(条款库正被另一进程占用，等待超时；请稍后重试，或调大 LVJU_STORE_LOCK_TIMEOUT_S)") from None
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


# ---- signals ---------------------------------------------------------------------------------------------

_shield = threading.local()
_pending: list[int] = []


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: handled like Ctrl-C (an interrupted write rolls back)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _handler(signum, frame) -> None:
    if getattr(_shield, "depth", 0):
        _pending.append(signum)
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


@contextlib.contextmanager
def signal_handlers() -> Iterator[None]:
    """For the CLI: SIGTERM/SIGHUP/SIGINT raise (deferred by :func:`shielded`) while the block runs;
    the previous handlers come back afterwards. Outside the main thread it changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    sigs = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, _handler) for sig in sigs}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Run a rollback to its end: a signal that arrives meanwhile is delivered after it."""
    _shield.depth = getattr(_shield, "depth", 0) + 1
    try:
        yield
    finally:
        _shield.depth -= 1
        if _shield.depth == 0 and _pending:
            signum = _pending.pop(0)
            _pending.clear()
            if threading.current_thread() is threading.main_thread():
                _handler(signum, None)
