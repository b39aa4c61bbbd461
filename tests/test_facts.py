"""Lookup facts of a clause, computed once at ingest and kept in the record file: value kinds stated,
terms defined, numbers of its position; a record file of before (or facts of other patterns) is read
from the record itself instead, with the same result."""

from __future__ import annotations

import json
import sqlite3

import pytest

from assistant.config import Settings
from assistant.index.ingest import ingest_paths, open_store
from assistant.retrieve.retrieval import ClauseRetriever
from assistant.text.facts import FACTS_VERSION, VALUE_ORDER, clause_facts, text_facts
from tests.conftest import SEEDS


def _kinds(flags: int) -> set[str]:
    return {kind for k, kind in enumerate(VALUE_ORDER) if flags >> k & 1}


@pytest.mark.parametrize("text,kinds,terms", [
    ("人民检察院应当在七日以内作出决定。", {"time"}, []),
    ("审查的期限，依照前款规定。", {"time"}, []),
    ("处五千元以上一万元以下罚款。", {"money"}, []),
    ("合议庭由三名以上审判员组成，不得少于三人。", {"count"}, []),
    ("在十五日内缴纳保证金二千元。", {"time", "money"}, []),
    ("本法所称国家工作人员，是指国家机关中从事公务的人员。", set(), ["国家工作人员"]),
    ("建立府检协作配合机制（简称“府检联动”），每季度召开一次会议。", set(), ["府检联动"]),
    ("人民检察院依法独立行使检察权。", set(), []),
])
def test_text_facts(text, kinds, terms):
    flags, defined, conditions = text_facts(text)
    assert _kinds(flags) == kinds and defined == terms and conditions == []


def test_clause_facts_carry_the_position_and_the_version():
    record = {"kind": "article", "text_normalized": "应当在三日内通知。", "subitems": [{"index": 1}, {"index": 2}],
              "position": {"article": 81, "article_suffix": 1, "chapter": 6, "division": 2, "paragraph": 3}}
    got = json.loads(clause_facts(record))
    assert got[0] == FACTS_VERSION and got[1:7] == [81, 1, 6, 2, 3, [1, 2]]
    assert _kinds(got[7]) == {"time"} and got[8] == [] and got[9] == []
    listing = {**record, "text_normalized": "对有下列情形之一的,可以取保候审:(一)可能判处管制的;"}
    assert json.loads(clause_facts(listing))[9] == ["可以取保候审"]  # the action whose conditions it lists


def _lookup_tables(s: Settings):
    r = ClauseRetriever(open_store(s), s)
    r.index()
    return r, {"articles": r._articles, "chapters": r._chapters, "paragraphs": r._paragraphs, "subitems": r._subitems,
               "defines": r._defines, "conditions": r._conditions, "values": {k: v.tolist() for k, v in r._values.items()}}


@pytest.mark.parametrize("stored", [None, json.dumps(["another-version", 1, None, None, None, None, [], 7, ["x"]])])
def test_a_record_file_without_current_facts_gives_the_same_tables(tmp_path, stored):
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [SEEDS])
    r, want = _lookup_tables(s)
    assert any(want["values"][k] for k in want["values"]) and want["defines"] and want["articles"]
    path = r.store.records.path
    r.store.records.close()
    with sqlite3.connect(path) as db:  # as a file written before facts were kept, or by other patterns
        db.execute("UPDATE clauses SET facts = ?", (stored,))
    import shutil

    shutil.rmtree(r.index_dir)
    _r2, got = _lookup_tables(s)
    assert got == want
