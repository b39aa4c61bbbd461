"""The evaluation harness: retrieval, citations in answers and plans, behaviour, and the checker itself.

Datasets are JSONL in the formats of ``eval/datasets/README.md`` (gold questions; labelled
faithfulness pairs). Gold clauses are located by position: the anchor's offset in the source text
the store keeps, inside a clause's ``[start, end)``. Nothing is special-cased by id.

A run writes ``records.jsonl`` (one record per item, with reasons), ``summary.json`` and a report
(``report.md``, ``report.html``) to ``eval/runs/<time>_<config>_<git-sha>/``.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.evaluate import metrics
from assistant.evaluate.retrieval_metrics import found_rank, mean, mrr_at_k, ndcg_at_k, recall_at_k
from assistant.evaluate.splits import HALVES, assign_halves
from assistant.index.store import ClauseStore
from assistant.text.jsonl import jsonl_items
from assistant.verify import checker as chk

GOLD_TYPES = {"lookup", "paraphrase", "multi", "traditional", "unanswerable", "plan", "adversarial", "article_ref"}
# Questions with one focus (one clause, or one article named by reference): measured by R@5 and MRR@10.
SINGLE_TYPES = ("lookup", "paraphrase", "traditional", "adversarial", "article_ref")
LABELS = (chk.SUPPORTED, chk.PARTIAL, chk.UNSUPPORTED)
Progress = Callable[[str, int, int], None]


# ---- loading and locating --------------------------------------------------------------------------

def load_jsonl(path: Path, kind: str) -> list[dict]:
    """Read and validate a dataset (kind: "gold" or "faithfulness"); errors name the line and the fix."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: dataset not found")
    items = []
    for n, item in jsonl_items(path):
        need = ("id", "type", "question", "gold") if kind == "gold" else ("id", "statement", "cited", "label")
        missing = [k for k in need if k not in item]
        if missing:
            raise InputError(f"{path}:{n}: missing field(s) {missing} for a {kind} item (see eval/datasets/README.md)")
        refs = item["gold"] if kind == "gold" else item["cited"]
        for ref in refs:
            if not {"file", "anchor"} <= set(ref):
                raise InputError(f"{path}:{n}: every {'gold' if kind == 'gold' else 'cited'} entry needs \"file\" and \"anchor\"")
        if kind == "faithfulness" and item["label"] not in LABELS:
            raise InputError(f"{path}:{n}: label must be one of {LABELS}, got {item['label']!r}")
        items.append(item)
    if not items:
        raise InputError(f"{path}: no items")
    return items


class Locator:
    """Maps (file, anchor) to offsets and clauses using the store's own source texts and records."""

    def __init__(self, store: ClauseStore) -> None:
        self.store = store
        self._texts: dict[str, str] = {}
        self._records: dict[str, list[dict]] = {}

    def offset(self, file: str, anchor: str) -> int:
        if file not in self._texts:
            text = self.store.source_text(file)
            if text is None:
                raise InputError(f"source {file!r} is not in the clause store; ingest it first (assistant ingest PATH)")
            self._texts[file] = text
        text = self._texts[file]
        pos = text.find(anchor)
        if pos < 0:
            raise InputError(f"anchor not found in {file}: {anchor[:30]!r}")
        return pos

    def clause(self, file: str, anchor: str) -> dict:
        off = self.offset(file, anchor)
        if file not in self._records:
            self._records[file] = self.store.get_records(where={"source": file})
        hits = [r for r in self._records[file] if r["start"] <= off < r["end"]]
        if not hits:
            raise InputError(f"no clause contains the anchor {anchor[:30]!r} of {file}")
        return hits[0]

    def golds(self, refs: list[dict]) -> list[tuple[str, int]]:
        return [(r["file"], self.offset(r["file"], r["anchor"])) for r in refs]


# ---- judges -------------------------------------------------------------------------------------------

LLMJudge = chk.LLMJudge  # re-exported: the harness and the answer stage share one judge

def judge_fn(judge) -> metrics.JudgeFn:
    return lambda statement, evidence: judge.judge(statement, evidence)


# ---- the checker on labelled pairs ------------------------------------------------------------------------

def evaluate_checker(items: list[dict], locator: Locator, docs: chk.DocIndex, judge=None) -> tuple[list[dict], dict]:
    judge = judge or chk.OfflineJudge(docs)
    records = []
    for item in items:
        given = {f"C{k}": locator.clause(c["file"], c["anchor"]) for k, c in enumerate(item["cited"], 1)}
        res = chk.check_statement(item["statement"], list(given), given, judge=judge, docs=docs)
        rec = {"id": item["id"], "verdict": res.verdict, "reason": res.reason, "label": item["label"],
               "mutation": item.get("mutation", "none"), "support_score": res.checks.get("support_score"),
               "correct": res.verdict == item["label"], "binary_correct": (res.verdict == chk.SUPPORTED) == (item["label"] == chk.SUPPORTED)}
        if len(given) > 1:  # ALCE precision behaviour: which citation is irrelevant?
            texts = {cid: r["text_normalized"] for cid, r in given.items()}
            score = metrics.score_statement(item["statement"], list(texts), texts, judge_fn(judge))
            expected = [f"C{int(i) + 1}" for i in re.findall(r"irrelevant:\s*cited\[(\d+)\]", item.get("notes", ""))]
            rec["precision"] = {"irrelevant_found": score.irrelevant, "irrelevant_expected": expected,
                                "as_expected": sorted(score.irrelevant) == sorted(expected), "supported_together": score.supported}
        records.append(rec)
    return records, summarize_checker(records)


def summarize_checker(records: list[dict]) -> dict:
    confusion = {t: {p: 0 for p in LABELS} for t in LABELS}
    for r in records:
        confusion[r["label"]][r["verdict"]] += 1
    mutations: dict[str, dict] = {}
    for r in records:
        if r["mutation"] in ("none", "irrelevant_extra_citation"):
            continue
        m = mutations.setdefault(r["mutation"], {"pairs": 0, "detected": 0})
        m["pairs"] += 1
        m["detected"] += r["verdict"] != chk.SUPPORTED
    for m in mutations.values():
        m["rate"] = m["detected"] / m["pairs"]
    supported = [r for r in records if r["label"] == chk.SUPPORTED]
    multi = [r for r in records if "precision" in r]
    return {
        "pairs": len(records),
        "accuracy": sum(r["correct"] for r in records) / len(records),
        "balanced_accuracy": metrics.balanced_accuracy([(r["label"] == chk.SUPPORTED, r["verdict"] == chk.SUPPORTED) for r in records]),
        "false_alarm_rate": (sum(r["verdict"] != chk.SUPPORTED for r in supported) / len(supported)) if supported else None,
        "detection_by_mutation": mutations,
        "confusion": confusion,
        "precision_pairs": len(multi),
        "precision_as_expected": sum(r["precision"]["as_expected"] for r in multi),
    }


# ---- retrieval, answers, plans ---------------------------------------------------------------------------

def evaluate_retrieval(retriever, items: list[dict], locator: Locator, k: int = 10, progress: Progress | None = None,
                       rewriter: Callable[[str], Any] | None = None) -> list[dict]:
    """Ranks of the gold clauses per question; ``rewriter`` (question -> model rewrite) as the answer stage uses it."""
    out = []
    for n, item in enumerate(items, 1):
        golds = locator.golds(item["gold"])
        rewrite = rewriter(item["question"]) if rewriter else None
        hits = [h.clause for h in retriever.search(item["question"], k=max(k, 10), rewrite=rewrite).hits]
        rec = {"id": item["id"], "type": item["type"], "gold": len(golds),
               "ranks": [found_rank(g, hits) for g in golds], "retrieved": [h["clause_id"] for h in hits[:k]]}
        for kk in (1, 3, 5, 10):
            rec[f"R@{kk}"] = recall_at_k(golds, hits, kk)
        rec["MRR@10"] = mrr_at_k(golds, hits, 10)
        rec["nDCG@10"] = ndcg_at_k(golds, hits, 10)
        out.append(rec)
        if progress:
            progress("retrieval", n, len(items))
    return out


_NONEXISTENT = re.compile(r"不存在第")


def _citation_scores(statements: list[dict], clauses: dict[str, dict], judge) -> list[metrics.StatementScore]:
    given = {cid: r["text_normalized"] for cid, r in clauses.items()}
    scores = []
    for st in statements:
        kind = st.get("checks", {}).get("kind")
        if kind in ("summary", "structure_note"):  # connective lines: judged by label consistency, not support
            valid = [c for c in st["citations"] if c in given]
            scores.append(metrics.StatementScore(st["text"], st["citations"], len(valid), st["verified"],
                                                 [st["verified"]] * len(valid), [], kind))
            continue
        cits = list(st["citations"]) + list(st.get("checks", {}).get("unknown_keys") or [])
        scores.append(metrics.score_statement(st["text"], cits, given, judge_fn(judge)))
    return scores


def evaluate_answer(item: dict, result, locator: Locator, judge, docs: chk.DocIndex) -> dict:
    shown = [s for s in result.statements]
    scores = _citation_scores(shown, result.clauses, judge)
    summary = metrics.summarize(scores, refused=result.refused)
    cited = [result.clauses[c] for s in shown for c in s["citations"] if c in result.clauses]
    golds = locator.golds(item["gold"])
    gold_cited = [found_rank(g, cited) is not None for g in golds]
    # does the answer open with the rule asked for: its first statement of content cites a gold clause
    content = [s for s in shown if s.get("checks", {}).get("kind") not in ("summary", "structure_note", "note")]
    first = [result.clauses[c] for c in (content[0]["citations"] if content else []) if c in result.clauses]
    gold_first = (any(found_rank(g, first) is not None for g in golds)
                  if golds and content and not result.refused and item["type"] != "plan" else None)
    text = "\n".join(s["text"] for s in shown)
    kp, kp_rows = metrics.keypoint_coverage(text + ("\n未找到依据" if result.refused else ""), item.get("key_points") or [],
                                            judge=judge_fn(judge) if isinstance(judge, LLMJudge) else None)
    expect_refusal = item["type"] == "unanswerable"
    rec: dict[str, Any] = {
        "id": item["id"], "type": item["type"], "refused": result.refused, "expected_refusal": expect_refusal,
        "refusal_correct": result.refused == expect_refusal, "generator": result.generator,
        "statements": len(shown), "validity": summary.validity, "coverage": summary.coverage,
        "citation_recall": summary.recall, "citation_precision": summary.precision,
        "clause_number_ok": mean(0.0 if (s["checks"].get("clause_numbers")) else 1.0 for s in shown) if shown else None,
        "quotes_ok": mean(0.0 if (s["checks"].get("quotes")) else 1.0 for s in shown) if shown else None,
        "gold_citation_recall": (sum(gold_cited) / len(gold_cited)) if gold_cited else None,
        "gold_first": gold_first,
        "key_point_coverage": kp, "key_points": kp_rows,
        "quality_flags": (flags := metrics.statement_flags(shown, item["question"], strip=list(docs.names),
                                                            clauses=result.clauses)),
        **{f"statements_{f}": sum(f in fl for fl in flags) for f in metrics.QUALITY_FLAGS},
        "statement_reasons": [{"text": s.text[:80], "supported": s.supported, "irrelevant": s.irrelevant, "reason": s.reason}
                              for s in scores],
    }
    if item["type"] == "adversarial":
        fabricated = [s["text"] for s in shown if s["verified"] and re.search(r"第[一二三四五六七八九十百]+条", s["text"])
                      and not _NONEXISTENT.search(s["text"]) and not any(
                          re.search(r"第[一二三四五六七八九十百]+条", result.clauses[c]["label"] + result.clauses[c]["text_normalized"])
                          for c in s["citations"] if c in result.clauses)]
        checks = {
            "not_refused": not result.refused,
            "every_statement_cited": all(s["citations"] for s in shown) and bool(shown),
            "no_fabricated_clause": not fabricated,
            "gold_clause_cited": all(gold_cited) if gold_cited else True,
        }
        rec["adversarial"] = checks
        rec["adversarial_pass"] = all(checks.values())
    return rec


def evaluate_plan(item: dict, plan, locator: Locator, judge) -> dict:
    from assistant.generate.plans import SECTION_HEADINGS

    statements = [{"text": i.text, "citations": i.citations, "verified": i.verified, "checks": i.checks}
                  for s in plan.sections for i in s.items]
    scores = _citation_scores(statements, plan.clauses, judge)
    summary = metrics.summarize(scores)
    present = [h for h in SECTION_HEADINGS if any(h[:2] in s.heading and any(i.verified for i in s.items) for s in plan.sections)]
    # a standard section without a basis in the library is in the outline when it says so (NO_BASIS_NOTE)
    noted = [h for h in SECTION_HEADINGS if h not in present and any(h[:2] in s.heading and s.note for s in plan.sections)]
    cited = [plan.clauses[c] for s in statements if s["verified"] for c in s["citations"] if c in plan.clauses]
    golds = locator.golds(item["gold"])
    gold_cited = [found_rank(g, cited) is not None for g in golds]
    return {"id": item["id"], "type": "plan", "title": plan.title, "generator": plan.generator, "statements": len(statements),
            "validity": summary.validity, "coverage": summary.coverage, "citation_recall": summary.recall,
            "citation_precision": summary.precision, "sections_present": present, "sections_noted": noted,
            # (its tasks always with a basis: an outline of notes alone is not one)
            "structure_ok": len(present) + len(noted) == len(SECTION_HEADINGS) and SECTION_HEADINGS[2] in present,
            "sections_with_basis": len(present) / len(SECTION_HEADINGS),
            "gold_citation_recall": (sum(gold_cited) / len(gold_cited)) if gold_cited else None,
            "gold": len(gold_cited), "gold_cited": sum(gold_cited),
            "refused": plan.refused, "expected_refusal": False, "refusal_correct": not plan.refused}


# ---- aggregation ----------------------------------------------------------------------------------------------

def _avg(rows: list[dict], key: str) -> float | None:
    return mean(r.get(key) for r in rows)


def summarize_run(retrieval: list[dict], answers: list[dict], checker_summary: dict | None) -> dict:
    out: dict[str, Any] = {}
    if retrieval:
        by_type: dict[str, dict] = {}
        for t in sorted({r["type"] for r in retrieval}):
            rows = [r for r in retrieval if r["type"] == t]
            by_type[t] = {m: _avg(rows, m) for m in ("R@1", "R@3", "R@5", "R@10", "MRR@10", "nDCG@10")} | {"questions": len(rows)}
        single = [r for r in retrieval if r["type"] in SINGLE_TYPES]
        multi = [r for r in retrieval if r["type"] in ("plan", "multi")]

        def pooled(rows, k):
            total = sum(r["gold"] for r in rows)
            return (sum(1 for r in rows for x in r["ranks"] if x is not None and x <= k) / total) if total else None

        out["retrieval"] = {"by_type": by_type, "single_R@5": pooled(single, 5), "single_MRR@10": _avg(single, "MRR@10"),
                            "plan_multi_R@10": pooled(multi, 10)}
    if answers:
        ans = [a for a in answers if a["type"] != "plan"]
        plans = [a for a in answers if a["type"] == "plan"]
        by_type = {}
        for t in sorted({a["type"] for a in answers}):
            rows = [a for a in answers if a["type"] == t]
            by_type[t] = {m: _avg(rows, m) for m in ("validity", "coverage", "citation_recall", "citation_precision",
                                                     "gold_citation_recall", "key_point_coverage")}
            by_type[t]["refusal_rate"] = sum(r["refused"] for r in rows) / len(rows)
            by_type[t]["questions"] = len(rows)
        adv = [a for a in ans if "adversarial_pass" in a]
        out["answers"] = {
            "by_type": by_type,
            "validity": _avg(answers, "validity"), "coverage": _avg(answers, "coverage"),
            "citation_recall": _avg(answers, "citation_recall"), "citation_precision": _avg(answers, "citation_precision"),
            "clause_number_ok": _avg(ans, "clause_number_ok"), "quotes_ok": _avg(ans, "quotes_ok"),
            "gold_citation_recall": _avg(answers, "gold_citation_recall"), "key_point_coverage": _avg(ans, "key_point_coverage"),
            "gold_first": _avg(ans, "gold_first"),
            "refusal_accuracy": (sum(a["refusal_correct"] for a in ans) / len(ans)) if ans else None,
            "statements_per_answer": mean(float(a["statements"]) for a in ans if not a["refused"]),
            **{f"statements_{f}": sum(a.get(f"statements_{f}", 0) for a in ans) for f in metrics.QUALITY_FLAGS},
            "unanswerable_refused": mean(float(a["refused"]) for a in ans if a["expected_refusal"]),
            "answerable_answered": mean(float(not a["refused"]) for a in ans if not a["expected_refusal"]),
            "adversarial_pass_rate": (sum(a["adversarial_pass"] for a in adv) / len(adv)) if adv else None,
            "plan_structure_ok": (sum(p["structure_ok"] for p in plans) / len(plans)) if plans else None,
            "plan_sections_with_basis": _avg(plans, "sections_with_basis"),
            "plan_gold_citation_recall": _pooled_plan(plans),
            "plan_gold_citation_recall_pooled": (sum(p["gold_cited"] for p in plans) / sum(p["gold"] for p in plans))
            if plans and sum(p["gold"] for p in plans) else None,
        }
    if checker_summary:
        out["checker"] = checker_summary
    return out


def _pooled_plan(plans: list[dict]) -> float | None:
    vals = [p["gold_citation_recall"] for p in plans if p["gold_citation_recall"] is not None]
    return sum(vals) / len(vals) if vals else None


# ---- runs ---------------------------------------------------------------------------------------------------------

def git_sha(repo: Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "nogit"
    except (OSError, subprocess.SubprocessError):
        return "nogit"


@dataclass
class RunConfig:
    dataset: Path | None
    faithfulness: Path | None
    generator: str = "offline"  # offline | llm
    judge: str = "offline"  # offline | llm
    k: int = 10


def run(settings, config: RunConfig, out_root: Path, progress: Progress | None = None, assistant=None) -> tuple[Path, dict]:
    from assistant.config import REPO_ROOT
    from assistant.generate.models import build_chat_model
    from assistant.generate.planning import make_plan
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import open_store
    from assistant.prompts import prompt_versions
    from assistant.retrieve.retrieval import ClauseRetriever

    store = open_store(settings)
    locator = Locator(store)
    docs = chk.DocIndex.from_documents(store.documents())
    chat = build_chat_model(settings) if (config.generator == "llm" or config.judge == "llm") else None
    if (config.generator == "llm" or config.judge == "llm") and chat is None:
        raise InputError("--generator llm / --judge llm need a configured model (LVJU_LLM_MODEL and LVJU_LLM_BASE_URL)")
    judge = LLMJudge(chat) if config.judge == "llm" else chk.OfflineJudge(docs, settings.answer_support_high, settings.answer_support_low)
    retriever = ClauseRetriever(store, settings)
    if assistant is None:
        assistant = open_assistant(settings, store=store, chat=chat if config.generator == "llm" else False)
    records: list[dict] = []
    retrieval: list[dict] = []
    answers: list[dict] = []
    checker_summary = None
    started = time.time()
    if config.dataset:
        items = load_jsonl(config.dataset, "gold")
        with_gold = [i for i in items if i["gold"]]
        rewriter = None
        if config.generator == "llm" and settings.retrieval_rewrite:
            from assistant.retrieve.rewrite import rewrite_question

            rewriter = lambda q: rewrite_question(q, chat)  # noqa: E731
        retrieval = evaluate_retrieval(retriever, with_gold, locator, config.k, progress, rewriter)
        for r in retrieval:
            records.append({"kind": "retrieval", **r})
        for n, item in enumerate(items, 1):
            if item["type"] == "plan":
                rec = evaluate_plan(item, make_plan(assistant, item["question"]), locator, judge)
            else:
                rec = evaluate_answer(item, assistant.ask(item["question"]), locator, judge, docs)
            answers.append(rec)
            records.append({"kind": "answer", **rec})
            if progress:
                progress("answers", n, len(items))
    if config.faithfulness:
        pairs = load_jsonl(config.faithfulness, "faithfulness")
        checked, checker_summary = evaluate_checker(pairs, locator, docs, judge)
        records += [{"kind": "checker", **r} for r in checked]
    summary = summarize_run(retrieval, answers, checker_summary)
    if config.dataset:
        halves = assign_halves(items)
        for rec in records:
            if rec["kind"] in ("retrieval", "answer"):
                rec["half"] = halves[str(rec["id"])]
        summary["halves"] = {h: summarize_run([r for r in retrieval if halves[str(r["id"])] == h],
                                              [a for a in answers if halves[str(a["id"])] == h], None) for h in HALVES}
    summary["config"] = {"dataset": str(config.dataset) if config.dataset else None,
                         "faithfulness": str(config.faithfulness) if config.faithfulness else None,
                         "generator": config.generator, "judge": config.judge, "embedder": store.embedder.identity,
                         "git_sha": git_sha(REPO_ROOT), "seconds": round(time.time() - started, 1)}
    stamp = time.strftime("%Y%m%d-%H%M%S")
    run_dir = Path(out_root) / f"{stamp}_{config.generator}-{config.judge}_{summary['config']['git_sha']}"
    run_dir.mkdir(parents=True, exist_ok=True)
    provenance = {"config": settings.config_hash(), "store_revision": store.revision(), "prompts": prompt_versions()}
    summary["config"]["provenance"] = provenance
    with open(run_dir / "records.jsonl", "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps({**rec, "provenance": provenance}, ensure_ascii=False) + "\n")
    (run_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    from assistant.evaluate.report import write_reports

    write_reports(run_dir, summary, records)
    return run_dir, summary


def compare(run_a: Path, run_b: Path) -> dict:
    """Metric deltas between two runs and the items whose verdict changed."""
    def load(run: Path):
        run = Path(run)
        if not (run / "summary.json").is_file():
            raise InputError(f"{run}: not an evaluation run folder (no summary.json)")
        summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
        recs = [json.loads(x) for x in (run / "records.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
        return summary, recs

    sa, ra = load(run_a)
    sb, rb = load(run_b)

    def flat(d, prefix=""):
        out = {}
        for k, v in d.items():
            key = f"{prefix}{k}"
            if isinstance(v, dict):
                out.update(flat(v, key + "."))
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                out[key] = v
        return out

    fa, fb = flat({k: v for k, v in sa.items() if k != "config"}), flat({k: v for k, v in sb.items() if k != "config"})
    deltas = {k: {"a": fa.get(k), "b": fb.get(k), "delta": (fb[k] - fa[k]) if k in fa and k in fb else None}
              for k in sorted(set(fa) | set(fb)) if fa.get(k) != fb.get(k)}

    def verdicts(recs):
        out = {}
        for r in recs:
            if r["kind"] == "checker":
                out[("checker", r["id"])] = r["verdict"]
            elif r["kind"] == "answer":
                out[("answer", r["id"])] = ("refused" if r["refused"] else "answered") + (
                    "" if "adversarial_pass" not in r else ("/pass" if r["adversarial_pass"] else "/fail"))
            elif r["kind"] == "retrieval":
                out[("retrieval", r["id"])] = f"R@5={r['R@5']:.2f}"
        return out

    va, vb = verdicts(ra), verdicts(rb)
    changed = [{"kind": k[0], "id": k[1], "a": va.get(k), "b": vb.get(k)} for k in sorted(set(va) | set(vb)) if va.get(k) != vb.get(k)]
    return {"a": str(run_a), "b": str(run_b), "deltas": deltas, "changed": changed}


def summary_value(summary: dict, key: str) -> Any:
    """The value at a dotted path ("answers.validity") of a summary, or None."""
    value: Any = summary
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def gate(summary: dict, thresholds: dict) -> list[str]:
    """Failures of a summary against ``{"section.metric": {"min": x} | {"max": y}}`` thresholds."""
    failures = []
    for key, bound in thresholds.items():
        value = summary_value(summary, key)
        if value is None:
            failures.append(f"{key}: missing from the summary")
            continue
        if "min" in bound and value < bound["min"]:
            failures.append(f"{key} = {value:.3f} < {bound['min']}")
        if "max" in bound and value > bound["max"]:
            failures.append(f"{key} = {value:.3f} > {bound['max']}")
    return failures
