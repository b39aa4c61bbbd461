"""Pure retrieval metrics against gold clauses located by position.

A gold clause is an ``(file, offset)`` pair (the anchor's offset in the decoded file); a retrieved
clause *finds* it when ``source == file`` and ``start <= offset < end``. This makes the metrics
independent of how finely the parser split clauses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Gold = tuple[str, int]  # (source file, character offset)


def found_rank(gold: Gold, retrieved: Sequence[dict]) -> int | None:
    """1-based rank of the first retrieved clause that contains the gold offset, or None."""
    file, offset = gold
    for rank, clause in enumerate(retrieved, 1):
        if clause["source"] == file and clause["start"] <= offset < clause["end"]:
            return rank
    return None


def recall_at_k(golds: Sequence[Gold], retrieved: Sequence[dict], k: int) -> float | None:
    """Share of gold clauses found in the top k (None when there is no gold)."""
    if not golds:
        return None
    hits = sum(1 for g in golds if (r := found_rank(g, retrieved[:k])) is not None and r <= k)
    return hits / len(golds)


def mrr_at_k(golds: Sequence[Gold], retrieved: Sequence[dict], k: int = 10) -> float | None:
    """Reciprocal rank of the first retrieved clause that is a gold clause (0 if none in top k)."""
    if not golds:
        return None
    ranks = [r for g in golds if (r := found_rank(g, retrieved[:k])) is not None]
    return 1.0 / min(ranks) if ranks else 0.0


def ndcg_at_k(golds: Sequence[Gold], retrieved: Sequence[dict], k: int = 10) -> float | None:
    """Binary-relevance nDCG@k; a retrieved clause counts once even if it holds several gold offsets."""
    if not golds:
        return None
    dcg = 0.0
    credited: set[int] = set()
    for rank, clause in enumerate(retrieved[:k], 1):
        rel = [i for i, g in enumerate(golds) if i not in credited and found_rank(g, [clause]) == 1]
        if rel:
            credited.update(rel)
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(k, len(golds)) + 1))
    return dcg / ideal if ideal else 0.0


def pooled_recall(per_question: Iterable[tuple[Sequence[Gold], Sequence[dict]]], k: int) -> float | None:
    """Recall over all gold clauses of a set of questions (micro average)."""
    total = found = 0
    for golds, retrieved in per_question:
        total += len(golds)
        found += sum(1 for g in golds if found_rank(g, retrieved[:k]) is not None)
    return found / total if total else None


def mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None
