"""A test hook: make the process die at a chosen point of a write (``LVJU_TEST_CRASH_AT``).

``phase:n`` sends SIGKILL to the process itself the n-th time the code passes ``phase``;
``phase:n:term`` sends SIGTERM instead (handled like Ctrl-C: the write rolls back in-process).
Phases, in the order an ingest passes them: ``parse`` (each file), ``embed`` (each embedding batch),
``journal`` (journal written, nothing changed yet), ``upsert`` (each batch of clauses written), ``records``
(a slice's record-file rows written), ``slice`` (a slice written, the next not yet; embedding batches of later
slices pass ``embed`` after the journal),
``delete`` (stale clauses deleted), ``catalog`` (each catalog change), ``revision`` (revision bumped,
not yet committed), ``commit`` (journal removed: committed). ``remove`` passes ``journal``,
``delete``, ``catalog``, ``revision`` and ``commit``. Unset (the default), this does nothing.
"""

from __future__ import annotations

import os
import signal

_counts: dict[str, int] = {}


def crash_point(spec: str | None, phase: str) -> None:
    if not spec:
        return
    parts = spec.split(":")
    if parts[0] != phase:
        return
    _counts[phase] = _counts.get(phase, 0) + 1
    if _counts[phase] == int(parts[1] if len(parts) > 1 else 1):
        sig = signal.SIGTERM if len(parts) > 2 and parts[2].lower() == "term" else signal.SIGKILL
        os.kill(os.getpid(), sig)
