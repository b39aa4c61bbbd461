"""Experiment (not in the product): corpus-derived query expansion by word co-occurrence (PPMI).

For each word of a question that the library uses, the words that co-occur with it in the same
clauses most (positive pointwise mutual information, over jieba words of the clauses) are added as
an extra BM25 ranking fused below the question's own rankings. Measured on both dev sets per half,
on one store of the seeds and the real-law dev corpus:

    python scripts/try_cooccurrence.py [--weight 0.3] [--per-word 3]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.evaluate import evaluation  # noqa: E402
from assistant.evaluate.splits import select_half  # noqa: E402
from assistant.index.ingest import ingest_paths, open_store  # noqa: E402
from assistant.index.lexical import QUERY_STOPWORDS, clean_query, word_tokens  # noqa: E402
from assistant.retrieve import retrieval  # noqa: E402

SETS = [("seed", ROOT / "eval/datasets/gold_dev.jsonl"), ("laws", ROOT / "eval/datasets/laws_dev/questions.jsonl")]


def ppmi_neighbours(records: list[dict], min_count: int = 3) -> dict[str, list[tuple[str, float]]]:
    docs = [{w for w in word_tokens(r["text_normalized"], normalized=True) if len(w) >= 2} for r in records]
    df = Counter(w for d in docs for w in d)
    pair: Counter = Counter()
    for d in docs:
        words = sorted(w for w in d if df[w] >= min_count)
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                pair[(a, b)] += 1
    n = len(docs)
    out: dict[str, list[tuple[str, float]]] = {}
    for (a, b), c in pair.items():
        if c < min_count:
            continue
        pmi = math.log(c * n / (df[a] * df[b]))
        if pmi > 0:
            out.setdefault(a, []).append((b, pmi))
            out.setdefault(b, []).append((a, pmi))
    return {w: sorted(v, key=lambda x: -x[1]) for w, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weight", type=float, default=0.3)
    ap.add_argument("--per-word", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cooc-"))
    settings = Settings(store_path=tmp / "store")
    ingest_paths(settings, [ROOT / "seeds", ROOT / "eval/datasets/laws_dev/corpus"])
    store = open_store(settings)
    r = retrieval.ClauseRetriever(store, settings)
    neighbours = ppmi_neighbours(r.all_records())
    original = r.search

    def expanded_search(query, k=10, filters=None, rewrite=None):
        words = [w for w in word_tokens(clean_query(query), normalized=True) if len(w) >= 2 and w not in QUERY_STOPWORDS]
        extra = []
        for w in words:
            extra += [b for b, _ in neighbours.get(w, [])[: args.per_word] if b not in query and b not in extra]
        if not extra:
            return original(query, k=k, filters=filters)
        from assistant.retrieve.rewrite import Rewrite

        saved = settings.retrieval_rewrite_weight
        object.__setattr__(settings, "retrieval_rewrite_weight", args.weight)
        try:
            return original(query, k=k, filters=filters, rewrite=Rewrite(" ".join(extra), []))
        finally:
            object.__setattr__(settings, "retrieval_rewrite_weight", saved)

    locator = evaluation.Locator(store)
    for label, fn in (("without", original), (f"with co-occurrence (weight {args.weight}, {args.per_word}/word)", expanded_search)):
        r.search = fn
        for name, path in SETS:
            items = [i for i in evaluation.load_jsonl(path, "gold") if i["gold"]]
            for half in ("tuning", "validation"):
                recs = evaluation.evaluate_retrieval(r, select_half(items, half), locator)
                s = evaluation.summarize_run(recs, [], None)["retrieval"]
                print(f"{label:45} {name:5} {half:10} single R@5 {s['single_R@5']:.2f} MRR {s['single_MRR@10']:.2f} "
                      f"plan+multi R@10 {s['plan_multi_R@10']:.2f}")


if __name__ == "__main__":
    main()
