"""Penalty benchmark: is the 罚则 that punishes a duty by its number cited when the penalty for breaching the duty is asked?

    python scripts/bench_penalties.py --store S [--n 80] [--seed 1] [--show]

Over an existing store of a library (e.g. ``../shared/laws`` ingested), questions are generated from its clauses: a
sentence stating a sanction (罚款, 吊销, 追究刑事责任…) that refers to an article of its own document by number
(违反本条例第十二条规定的，…; 具有本细则第一百零九条所列…), the duty of that article (its first sentence, 10–60 characters,
stating no sanction itself) asked as ``{duty}，违反了会怎么处罚？``. Prints, with LVJU_ANSWER_PENALTY_LINKS at 0 (off) and
as set (on): the questions answered and those whose answer cites the 罚则's clause. A generated question quotes the duty
verbatim, so it measures the mechanism (the number followed), not colloquial retrieval.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", required=True, help="an existing store of a library")
    ap.add_argument("--n", type=int, default=80, help="questions (a random sample of those the library gives)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", action="store_true", help="print the questions whose 罚则 the answer does not cite")
    args = ap.parse_args()
    os.environ["LVJU_STORE_PATH"] = args.store
    from assistant.config import Settings
    from assistant.generate.drafting import clause_units, sanction_stated
    from assistant.generate.session import open_assistant
    from assistant.text.crossrefs import internal_references

    settings = Settings()
    on = open_assistant(settings, chat=False)
    off = open_assistant(Settings(answer_penalty_links=0), chat=False)
    records = on.retriever.all_records()
    by_article: dict[tuple, list[dict]] = {}
    for rec in records:
        pos = rec.get("position") or {}
        if pos.get("article"):
            by_article.setdefault((rec["doc_id"], pos["article"]), []).append(rec)
    cases = []
    for rec in records:
        pos = rec.get("position") or {}
        for unit in clause_units(rec):
            refs = internal_references(unit.normalized)
            if not refs or refs[0].items or not sanction_stated(unit.normalized) or refs[0].article == pos.get("article"):
                continue
            duty = [r for r in by_article.get((rec["doc_id"], refs[0].article), [])
                    if not refs[0].paragraph or (r["position"].get("paragraph") or 1) == refs[0].paragraph]
            if not duty:
                continue
            body = re.sub(r"^第[^条]{1,8}条\s*", "", duty[0]["text_normalized"]).split("。")[0]
            if 10 <= len(body) <= 60 and not sanction_stated(body) and not internal_references(body):
                cases.append((rec, body))
            break
    random.Random(args.seed).shuffle(cases)
    cases = cases[:args.n]
    answered = {"off": 0, "on": 0}
    cited = {"off": 0, "on": 0}
    for rec, body in cases:
        question = f"{body}，违反了会怎么处罚？"
        for name, assistant in (("off", off), ("on", on)):
            res = assistant.ask(question)
            answered[name] += not res.refused
            hit = any(rec["clause_id"] in st["citations"] for st in res.statements)
            cited[name] += hit
            if args.show and name == "on" and not hit:
                print(f"  not cited: {question} → {rec['label']}")
    n = len(cases) or 1
    print(f"{len(cases)} questions (seed {args.seed}); LVJU_ANSWER_PENALTY_LINKS={settings.answer_penalty_links}")
    print("| setting | answered | 罚则 cited |\n|---|---|---|")
    for name in ("off", "on"):
        print(f"| {name} | {answered[name] / n:.2f} | {cited[name] / n:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
