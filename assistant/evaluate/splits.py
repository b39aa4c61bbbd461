"""Fixed tuning / validation halves of an evaluation set.

The rule depends on item ids alone, so the same file always splits the same way and a held-out file
in the same schema splits by the same rule: within each question type, items are ordered by the
SHA-256 of their id and dealt alternately, the first to ``tuning``, the next to ``validation``. A type
with an odd count gives its extra item to ``tuning``. Thresholds are chosen on ``tuning``; the CI
gate's floors and the README's figures come from ``validation`` (and the whole set).
"""

from __future__ import annotations

import hashlib

HALVES = ("tuning", "validation")


def _key(item_id: str) -> str:
    return hashlib.sha256(str(item_id).encode("utf-8")).hexdigest()


def assign_halves(items: list[dict]) -> dict[str, str]:
    """``{item id: "tuning" | "validation"}`` for items with ``id`` and ``type``."""
    by_type: dict[str, list[str]] = {}
    for item in items:
        by_type.setdefault(str(item.get("type", "")), []).append(str(item["id"]))
    out: dict[str, str] = {}
    for ids in by_type.values():
        for n, item_id in enumerate(sorted(set(ids), key=_key)):
            out[item_id] = HALVES[n % 2]
    return out


def select_half(items: list[dict], half: str | None) -> list[dict]:
    """The items of one half (``None`` or ``"all"``: every item)."""
    if half in (None, "all"):
        return list(items)
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES} or 'all', got {half!r}")
    halves = assign_halves(items)
    return [i for i in items if halves[str(i["id"])] == half]
