"""Fixed tuning / validation halves of an evaluation set.

The dev sets' halves are fixed in ``eval/datasets/halves.json``: made once by dealing each question
type's items, ordered by the SHA-256 of their id, alternately (tuning first), so each type is split
evenly; frozen there so that an item never changes half when items are added. An item the file does
not list (a new item, a held-out file in the same schema) goes by its own id alone: the parity of the
SHA-256 of the id. Thresholds are chosen on ``tuning``; the CI gate's floors and the README's
figures come from ``validation`` (and the whole set).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

HALVES = ("tuning", "validation")


def _key(item_id: str) -> str:
    return hashlib.sha256(str(item_id).encode("utf-8")).hexdigest()


FIXED = Path(__file__).resolve().parents[2] / "eval" / "datasets" / "halves.json"


@cache
def fixed_halves(path: Path = FIXED) -> dict[str, str]:
    """The frozen assignment of the dev sets (empty where the file is absent, e.g. an installed wheel)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(i): h for h in HALVES for i in data.get(h, [])}


def half_of(item_id: str, fixed: dict[str, str] | None = None) -> str:
    fixed = fixed_halves() if fixed is None else fixed
    return fixed.get(str(item_id)) or HALVES[int(_key(str(item_id)), 16) % 2]


def assign_halves(items: list[dict], fixed: dict[str, str] | None = None) -> dict[str, str]:
    """``{item id: "tuning" | "validation"}``: the frozen half, else the parity of the id's hash."""
    return {str(item["id"]): half_of(str(item["id"]), fixed) for item in items}


def select_half(items: list[dict], half: str | None, fixed: dict[str, str] | None = None) -> list[dict]:
    """The items of one half (``None`` or ``"all"``: every item)."""
    if half in (None, "all"):
        return list(items)
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES} or 'all', got {half!r}")
    halves = assign_halves(items, fixed)
    return [i for i in items if halves[str(i["id"])] == half]
