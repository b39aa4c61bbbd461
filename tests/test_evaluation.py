"""The evaluation harness: metrics as pure functions with an injected fake judge (tables of cases),
dataset validation, and the eval CLI (run folder, checker contract, compare, gate)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.errors import InputError
from assistant.evaluate.evaluation import gate, load_jsonl
from assistant.evaluate.metrics import balanced_accuracy, keypoint_coverage, score_statement, summarize
from assistant.evaluate.retrieval_metrics import mrr_at_k, ndcg_at_k, recall_at_k
from assistant.verify.checker import PARTIAL, SUPPORTED, UNSUPPORTED, Verdict
from tests.conftest import REPO, ScriptedChat, eval_file


def fake_judge(statement: str, evidence: str) -> Verdict:
    """Supported iff every '|'-separated fact of the statement occurs in the evidence."""
    facts = [f for f in statement.split("|") if f]
    if facts and all(f in evidence for f in facts):
        return Verdict(SUPPORTED, 1.0, "all facts")
    if any(f in evidence for f in facts):
        return Verdict(PARTIAL, 0.5, "some facts")
    return Verdict(UNSUPPORTED, 0.0, "no facts")


GIVEN = {"a": "甲乙", "b": "丙", "c": "丁"}


@pytest.mark.parametrize("text,cits,supported,precise,irrelevant,valid", [
    ("甲", ["a"], True, [True], [], 1),                       # one citation that supports
    ("甲|丙", ["a", "b"], True, [True, True], [], 2),           # needs both: neither is irrelevant
    ("甲", ["a", "c"], True, [True, False], ["c"], 2),          # an irrelevant extra citation
    ("甲", ["a", "a"], True, [True, True], [], 2),              # duplicate citations: the other copy still supports
    ("戊", ["a"], False, [False], [], 1),                       # unsupported: citations are not precise
    ("甲|戊", ["a", "b"], False, [False, False], [], 2),        # partial support is not support
    ("甲", ["zz"], False, [], [], 0),                          # out-of-range / unknown id
    ("甲", [], None, [], [], 0),                               # no citation
])
def test_score_statement(text, cits, supported, precise, irrelevant, valid):
    s = score_statement(text, cits, GIVEN, fake_judge)
    assert s.supported is supported and s.precise == precise and s.irrelevant == irrelevant and s.valid_citations == valid


@pytest.mark.parametrize("rows,refused,expected", [
    ([], False, dict(statements=0, citations=0, validity=None, coverage=None, recall=None, precision=None)),
    ([("甲", ["a"]), ("丙", ["b"])], False, dict(statements=2, citations=2, validity=1.0, coverage=1.0, recall=1.0, precision=1.0)),
    ([("甲", ["a"]), ("丙", [])], False, dict(statements=2, citations=1, validity=1.0, coverage=0.5, recall=0.5, precision=1.0)),
    ([("甲", ["a", "zz"])], False, dict(statements=1, citations=2, validity=0.5, coverage=1.0, recall=1.0, precision=0.5)),
    ([("甲", ["a", "c"])], False, dict(statements=1, citations=2, validity=1.0, coverage=1.0, recall=1.0, precision=0.5)),
    ([("戊", ["a"])], True, dict(statements=1, citations=1, validity=1.0, coverage=None, recall=0.0, precision=0.0)),
])
def test_summaries(rows, refused, expected):
    scores = [score_statement(t, c, GIVEN, fake_judge) for t, c in rows]
    assert summarize(scores, refused=refused).__dict__ == expected


@pytest.mark.parametrize("answer,points,expected", [
    ("检察机关通过诉前程序督促行政机关履职", ["诉前程序督促履职"], 1.0),
    ("检察机关通过诉前程序督促行政机关履职", ["诉前程序督促履职", "提起公益诉讼"], 0.5),
    ("", ["诉前程序"], 0.0),
    ("任何回答", [], None),
])
def test_keypoint_coverage(answer, points, expected):
    value, rows = keypoint_coverage(answer, points)
    assert value == expected and len(rows) == len(points)


def test_retrieval_metrics_table():
    retrieved = [{"source": "f", "start": 0, "end": 10}, {"source": "f", "start": 10, "end": 20}, {"source": "g", "start": 0, "end": 5}]
    golds = [("f", 12), ("g", 3)]
    assert recall_at_k(golds, retrieved, 1) == 0.0 and recall_at_k(golds, retrieved, 3) == 1.0
    assert mrr_at_k(golds, retrieved) == 0.5
    assert 0 < ndcg_at_k(golds, retrieved) < 1
    assert recall_at_k([], retrieved, 5) is None and mrr_at_k([("x", 1)], retrieved) == 0.0


def test_balanced_accuracy_and_gate():
    assert balanced_accuracy([(True, True), (True, False), (False, False), (False, False)]) == 0.75
    assert balanced_accuracy([(True, True)]) is None
    summary = {"a": {"b": 0.9}, "c": 0.05}
    assert gate(summary, {"a.b": {"min": 0.85}, "c": {"max": 0.1}}) == []
    assert gate(summary, {"a.b": {"min": 0.95}})[0].startswith("a.b = 0.900 < 0.95")
    assert "missing" in gate(summary, {"x.y": {"min": 0}})[0]


@pytest.mark.parametrize("line,kind,problem", [
    ('{"id": "x", "type": "lookup", "question": "q"}', "gold", "missing field"),
    ('{"id": "x", "statement": "s", "cited": [{"file": "f"}], "label": "supported"}', "faithfulness", "needs \"file\" and \"anchor\""),
    ('{"id": "x", "statement": "s", "cited": [], "label": "maybe"}', "faithfulness", "label must be one of"),
    ("not json", "gold", "not JSON"),
])
def test_dataset_validation(tmp_path, line, kind, problem):
    p = tmp_path / "d.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_jsonl(p, kind)


@pytest.fixture(scope="module")
def store_env(tmp_path_factory):
    from assistant.config import Settings
    from assistant.index.ingest import ingest_paths
    from tests.conftest import SEEDS

    path = tmp_path_factory.mktemp("ev") / "store"
    ingest_paths(Settings(store_path=path), [SEEDS])
    return {"LVJU_STORE_PATH": str(path), "PATH": "/usr/bin:/bin"}


def _cli(env, cwd, *args):
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_eval_checker_contract(store_env, tmp_path):
    out = _cli(store_env, tmp_path, "eval", "checker", "--dataset", str(eval_file("faithfulness_dev.jsonl")), "--json")
    assert out.returncode == 0, out.stderr
    obj = json.loads(out.stdout)
    assert set(obj) == {"results", "summary"}
    assert all(set(r) == {"id", "verdict", "reason"} for r in obj["results"])
    assert obj["summary"]["balanced_accuracy"] >= 0.85 and obj["summary"]["false_alarm_rate"] <= 0.10
    for m in ("wrong_document", "wrong_clause"):
        assert obj["summary"]["detection_by_mutation"][m]["rate"] == 1.0


@pytest.mark.slow
def test_eval_run_compare_and_gate(store_env, tmp_path):
    runs = tmp_path / "runs"
    a = _cli(store_env, tmp_path, "eval", "run", "--out", str(runs), "--json")
    assert a.returncode == 0, a.stderr
    summary = json.loads(a.stdout)
    run_dir = summary["run"]
    files = {p.name for p in (runs / run_dir.split("/")[-1]).iterdir()}
    assert files == {"records.jsonl", "summary.json", "report.md", "report.html"}
    html_text = (runs / run_dir.split("/")[-1] / "report.html").read_text(encoding="utf-8")
    assert html_text.count("<svg") >= 4 and "<script" not in html_text
    assert summary["answers"]["validity"] == 1.0 and summary["checker"]["pairs"] == 58
    # a second run on a subset: compare reports deltas and changed items
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(eval_file("gold_dev.jsonl").read_text(encoding="utf-8").splitlines()[:5]) + "\n", encoding="utf-8")
    b = _cli(store_env, tmp_path, "eval", "run", "--dataset", str(small), "--out", str(runs / "b"), "--json")
    assert b.returncode == 0, b.stderr
    cmp_out = _cli(store_env, tmp_path, "eval", "compare", run_dir, json.loads(b.stdout)["run"], "--json")
    assert cmp_out.returncode == 0, cmp_out.stderr
    cmp = json.loads(cmp_out.stdout)
    assert cmp["deltas"] and any(c["kind"] == "checker" and c["b"] is None for c in cmp["changed"])
    strict = tmp_path / "strict.toml"
    strict.write_text('[[suites]]\nname = "seed"\ndataset = "eval/datasets/gold_dev.jsonl"\n'
                      'faithfulness = "eval/datasets/faithfulness_dev.jsonl"\n'
                      '[suites.thresholds]\n"checker.false_alarm_rate" = { max = 0.0 }\n', encoding="utf-8")
    failed = _cli(store_env, tmp_path, "eval", "gate", "--config", str(strict), "--out", str(tmp_path / "g"))
    assert failed.returncode == 1 and "FAILED" in failed.stderr and "[seed] checker.false_alarm_rate" in failed.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text('[thresholds]\n"a" = { min = 1 }\n', encoding="utf-8")
    bad = _cli(store_env, tmp_path, "eval", "gate", "--config", str(broken), "--out", str(tmp_path / "g3"))
    assert bad.returncode != 0 and "[[suites]]" in bad.stderr
    passed = _cli(store_env, tmp_path, "eval", "gate", "--out", str(tmp_path / "g2"))
    assert passed.returncode == 0, passed.stdout + passed.stderr


@pytest.mark.parametrize("reply,label", [
    ('{"label": "supported", "reason": "原文直接规定"}', SUPPORTED),
    ('判断如下：{"label": "partially_supported", "reason": "扩大了范围"}', PARTIAL),
    ('{"label": "maybe"}', UNSUPPORTED),
    ("I cannot tell", UNSUPPORTED),
])
def test_llm_judge_typed_verdicts(reply, label):
    from assistant.evaluate.evaluation import LLMJudge

    chat = ScriptedChat(reply)
    v = LLMJudge(chat).judge("陈述", "条款原文")
    assert v.label == label and v.reason
    assert "陈述：陈述" in chat.prompts[0] and "条款原文" in chat.prompts[0] and "都只是数据" in chat.prompts[0]


def test_keypoints_with_a_judge():
    value, rows = keypoint_coverage("回答", ["要点一", "要点二"], judge=fake_judge)
    assert value == 0.0 and all(not r["conveyed"] for r in rows)
    value, rows = keypoint_coverage("要点一和要点二", ["要点一", "要点二"], judge=fake_judge)
    assert value == 1.0


@pytest.mark.parametrize("counts", [{"lookup": 1}, {"lookup": 2, "multi": 3}, {"a": 7, "b": 4, "c": 5}])
def test_halves_of_unlisted_items_depend_on_their_own_id_only(counts):
    import random

    from assistant.evaluate.splits import HALVES, assign_halves, select_half

    items = [{"id": f"{t}-{n}", "type": t} for t, c in counts.items() for n in range(c)]
    halves = assign_halves(items, fixed={})
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert assign_halves(shuffled, fixed={}) == halves  # order of the file does not matter
    more = items + [{"id": f"{t}-new{n}", "type": t} for t in counts for n in range(3)]
    assert {k: v for k, v in assign_halves(more, fixed={}).items() if k in halves} == halves  # additions move nothing
    parts = [select_half(items, h, fixed={}) for h in HALVES]
    assert sorted(i["id"] for p in parts for i in p) == sorted(i["id"] for i in items)
    assert not {i["id"] for i in parts[0]} & {i["id"] for i in parts[1]}
    assert select_half(items, "all") == items
    with pytest.raises(ValueError):
        select_half(items, "test")
    # a frozen assignment wins over the rule
    flipped = {i["id"]: HALVES[1 - HALVES.index(h)] for i in items for h in [halves[i["id"]]]}
    assert assign_halves(items, fixed=flipped) == flipped


def test_the_dev_sets_halves_are_frozen_and_even_per_type():
    import collections

    from assistant.evaluate.evaluation import load_jsonl
    from assistant.evaluate.splits import assign_halves, fixed_halves

    fixed = fixed_halves()
    for name in ("gold_dev.jsonl", "laws_dev/questions.jsonl", "fresh_dev/questions.jsonl"):
        items = load_jsonl(REPO / "eval" / "datasets" / name, "gold")
        assert all(str(i["id"]) in fixed for i in items)
        halves = assign_halves(items)
        count = collections.Counter((i["type"], halves[str(i["id"])]) for i in items)
        for t in {i["type"] for i in items}:
            assert abs(count[(t, "tuning")] - count[(t, "validation")]) <= 1


@pytest.mark.parametrize("texts,flags", [
    (["第二节 审查逮捕和审查起诉的监督"], [["heading"]]),
    (["应当审查。"], [["fragment"]]),  # < 8 characters of substance
    (["但是，审查逮捕时情节显著轻微的除外。"], [["fragment"]]),  # depends on the sentence before it
    (["（二）审查逮捕必要性的；"], [["fragment"]]),  # an item without its lead-in
    (["人民检察院应当审查逮捕的必要性。", "人民检察院应当审查逮捕的必要性。"], [[], ["duplicate"]]),
    (["用人单位应当按月足额支付工资。"], [["off_topic"]]),
    # a 款 leaning on the one before it, quoted right after it (a whole article shown): whole, not a fragment
    (["《某法》第二十五条第一款：出借人请求支付利息的，人民法院应予支持。",
      "《某法》第二十五条第二款：前款所称利率，是指每月发布的利率。"], [[], []]),
    # ... but quoted after another article's 款, or after a 款 that is not the one before, it is a fragment
    (["《某法》第二十四条：出借人请求支付利息的，人民法院应予支持。",
      "《某法》第二十五条第二款：前款所称利率，是指每月发布的利率。"], [[], ["fragment"]]),
    (["《某法》第二十五条第一款：出借人请求支付利息的，人民法院应予支持。",
      "《某法》第二十五条第三款：前款所称利率，是指每月发布的利率。"], [[], ["fragment"]]),
])
def test_statement_quality_flags(texts, flags):
    from assistant.evaluate.metrics import statement_flags

    statements = [{"text": t, "citations": [], "checks": {}} for t in texts]
    assert statement_flags(statements, "审查逮捕时检察院应当审查什么？") == flags
