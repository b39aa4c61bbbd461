"""Print the offline checker's verdicts and support scores on labelled faithfulness pairs.

    python scripts/calibrate_checker.py [--dataset FILE.jsonl]

Used to choose SUPPORT_HI / SUPPORT_LO in assistant/checker.py (look at the score distribution per
label and mutation; pick thresholds by method, not by individual pairs).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.parse.corpus import expand_paths, parse_path  # noqa: E402
from assistant.verify.checker import DocIndex, check_statement  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    shared = ROOT.parent / "shared" / "eval" / "faithfulness_dev.jsonl"
    ap.add_argument("--dataset", type=Path, default=shared if shared.is_file() else ROOT / "eval" / "datasets" / "faithfulness_dev.jsonl")
    args = ap.parse_args()
    clauses, raws, docs = [], {}, []
    for f in expand_paths([ROOT / "seeds"]):
        pf = parse_path(f)
        raws[f.name] = pf.source.text
        for d in pf.documents:
            docs.append(d.meta())
            clauses += [c.to_record() for c in d.clauses]
    index = DocIndex.from_documents(docs)
    conf = Counter()
    for line in args.dataset.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        given = {}
        for k, cit in enumerate(item["cited"], 1):
            off = raws[cit["file"]].index(cit["anchor"])
            given[f"C{k}"] = next(c for c in clauses if c["source"] == cit["file"] and c["start"] <= off < c["end"])
        res = check_statement(item["statement"], list(given), given, docs=index)
        conf[(item["label"], res.verdict)] += 1
        mark = "ok " if (res.verdict == "supported") == (item["label"] == "supported") else "BAD"
        print(f"{mark} {item['id']} {item['label'][:9]:<9} {item['mutation'][:14]:<14} -> {res.verdict[:9]:<9} "
              f"{res.checks.get('support_score', 0):.2f} {res.reason[:70]}")
    print(conf)


if __name__ == "__main__":
    main()
