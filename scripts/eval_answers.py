"""Answer-stage figures on a gold file with the configured generator (offline drafter by default).

    python scripts/eval_answers.py [--dataset FILE.jsonl]

Prints: share of shown citations that resolve to given clauses, share of non-refused statements with
a citation, share verified, refusals per question type. (Plan outlines are not built yet.)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.evaluate.retrieval_metrics import found_rank  # noqa: E402
from assistant.generate.planning import make_plan  # noqa: E402
from assistant.generate.session import open_assistant  # noqa: E402
from assistant.index.ingest import ingest_paths  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    shared = ROOT.parent / "shared" / "eval" / "gold_dev.jsonl"
    ap.add_argument("--dataset", type=Path, default=shared if shared.is_file() else ROOT / "eval" / "datasets" / "gold_dev.jsonl")
    args = ap.parse_args()
    settings = Settings(store_path=Path(tempfile.mkdtemp()) / "store")
    ingest_paths(settings, [ROOT / "seeds"])
    assistant = open_assistant(settings)
    cites = resolved = stmts = with_cite = verified = 0
    refused = Counter()
    total = Counter()
    plan_gold = plan_found = 0
    raws = {}
    for line in args.dataset.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["type"] == "plan":
            plan = make_plan(assistant, item["question"])
            cited = [plan.clauses[c] for sec in plan.sections for it in sec.items if it.verified for c in it.citations]
            found = 0
            for g in item["gold"]:
                raw = raws.setdefault(g["file"], (ROOT / "seeds" / g["file"]).read_text(encoding="utf-8"))
                found += found_rank((g["file"], raw.index(g["anchor"])), cited) is not None
            plan_gold += len(item["gold"])
            plan_found += found
            sections = [s.heading for s in plan.sections if any(i.verified for i in s.items)]
            print(f"{item['id']} plan         gold cited {found}/{len(item['gold'])}  sections {len(sections)}  {plan.title}")
            continue
        res = assistant.ask(item["question"])
        total[item["type"]] += 1
        refused[item["type"]] += res.refused
        for st in res.statements:
            for c in st["citations"]:
                cites += 1
                resolved += c in res.clauses
            if not res.refused:
                stmts += 1
                with_cite += bool(st["citations"])
                verified += st["verified"]
        print(f"{item['id']} {item['type']:<12} refused={res.refused!s:<5} statements={len(res.statements)}")
    print(f"\ncitations resolving to given clauses: {resolved}/{cites} = {resolved / max(1, cites):.2%}")
    print(f"non-refused statements with a citation: {with_cite}/{stmts} = {with_cite / max(1, stmts):.2%}")
    print(f"non-refused statements verified by the checker: {verified}/{stmts} = {verified / max(1, stmts):.2%}")
    print(f"plan questions: gold clauses cited {plan_found}/{plan_gold} = {plan_found / max(1, plan_gold):.2%}")
    for t in sorted(total):
        print(f"refused {t}: {refused[t]}/{total[t]}")


if __name__ == "__main__":
    main()
