"""Every anchor of the dev sets maps to exactly one clause by position, and that clause's
document and position agree with the human label (grammar of shared/eval/README.md)."""

from __future__ import annotations

import pytest

from assistant.text.labels import parse_gold_label, position_agrees
from assistant.text.textnorm import normalize
from tests.conftest import eval_file, load_jsonl


def _anchors():
    out = []
    for item in load_jsonl(eval_file("gold_dev.jsonl")):
        for g in item["gold"]:
            out.append((item["id"], g["file"], g.get("doc"), g["clause"], g["anchor"]))
    for item in load_jsonl(eval_file("faithfulness_dev.jsonl")):
        for g in item["cited"]:
            out.append((item["id"], g["file"], g.get("doc"), g["clause"], g["anchor"]))
    return out


ANCHORS = _anchors()


def test_dev_sets_have_anchors():
    assert len(ANCHORS) > 100


@pytest.mark.parametrize("item_id,file,doc,label,anchor", ANCHORS, ids=[f"{a[0]}:{a[3]}" for a in ANCHORS])
def test_anchor_maps_to_one_agreeing_clause(seed_docs, item_id, file, doc, label, anchor):
    raw, docs = seed_docs[file]
    assert raw.count(anchor) == 1, "anchor must occur exactly once in its file"
    offset = raw.index(anchor)
    hits = [(d, c) for d in docs for c in d.clauses if c.start <= offset < c.end]
    assert len(hits) == 1, f"{len(hits)} clauses contain the anchor"
    d, clause = hits[0]
    assert anchor in clause.text
    if doc:
        g = normalize(doc)
        assert g in normalize(d.short_name) or g in normalize(d.title) or normalize(d.short_name) in g
    expected = parse_gold_label(label)
    assert position_agrees(expected, clause.kind, clause.position_at(offset)), (
        f"{label} -> {expected}, got {clause.kind} {clause.position_at(offset)} ({clause.label})")
