"""Plan benchmark: offline 工作方案 outlines for the requests of ``eval/datasets/plans`` (real regulations), per half.

    python scripts/bench_plans.py                 # a fresh temporary store of the set's corpus (16 files)
    python scripts/bench_plans.py --store S       # an existing store holding that corpus
    python scripts/bench_plans.py --show pl-001   # also the tasks of these requests

Prints, for the tuning and the validation half: the share of gold clauses the outline cites (any section), the mean
number of 主要任务, the share of tasks taken from a document the request's ``off_topic_docs`` names, and how many
requests were refused. A gold clause counts when its anchor's offset in the file falls inside a cited clause.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SET = ROOT / "eval" / "datasets" / "plans"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", help="an existing store holding the set's corpus")
    ap.add_argument("--show", nargs="*", default=[], help="request ids whose tasks to print")
    args = ap.parse_args()
    tmp = None
    if not args.store:
        tmp = tempfile.TemporaryDirectory(prefix="bench-plans-")
        args.store = tmp.name
    os.environ["LVJU_STORE_PATH"] = args.store
    from assistant.config import Settings
    from assistant.generate.planning import make_plan
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import ingest_paths

    settings = Settings()
    if tmp is not None:
        ingest_paths(settings, [SET / "corpus"])
    a = open_assistant(settings, chat=False)
    sources = {d["doc_id"]: Path(d.get("source", "")).name for d in a.documents}
    texts: dict[str, str] = {}

    def raw(name: str) -> str:
        if name not in texts:
            texts[name] = (SET / "corpus" / name).read_text(encoding="utf-8")
        return texts[name]

    rows = []
    for line in (SET / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        res = make_plan(a, q["question"])
        cited = [res.clauses[c] for sec in res.sections for it in sec.items for c in it.citations if c in res.clauses]
        tasks = [res.clauses[c] for sec in res.sections if "任务" in sec.heading for it in sec.items
                 for c in it.citations if c in res.clauses]

        def found(g: dict, cited: list[dict] = cited) -> bool:
            at = raw(g["file"]).find(g["anchor"])
            return any(sources.get(r["doc_id"]) == g["file"] and r["start"] <= at < r["end"] for r in cited)

        recall = sum(found(g) for g in q["gold"]) / len(q["gold"])
        off = sum(sources.get(r["doc_id"]) in q["off_topic_docs"] for r in tasks)
        rows.append({"id": q["id"], "half": q["half"], "recall": recall, "tasks": len(tasks), "off": off,
                     "refused": bool(res.refused)})
        if q["id"] in args.show:
            print(q["id"], q["question"])
            for r in tasks:
                print("   ", r["label"], r["text_normalized"][:60])
    for half in ("tuning", "validation", "all"):
        sel = [r for r in rows if half in ("all", r["half"])]
        n_tasks = sum(r["tasks"] for r in sel)
        print(f"{half:10s} requests {len(sel):2d}  gold cited {sum(r['recall'] for r in sel) / len(sel):.2f}  "
              f"tasks {n_tasks / len(sel):.1f}  off-topic tasks {sum(r['off'] for r in sel) / max(1, n_tasks):.2f}  "
              f"refused {sum(r['refused'] for r in sel)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
