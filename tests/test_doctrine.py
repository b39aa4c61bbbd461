"""Doctrinal terms (不安抗辩权, 情势变更): the provision ruling on one shares none of its words; the question is searched,
decided and answered with that provision's wording too (assistant/data/doctrine.txt)."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from assistant.retrieve import thesaurus


def _lines() -> list[str]:
    text = (resources.files("assistant") / "data" / "doctrine.txt").read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def test_the_data_file_is_well_formed():
    lines = _lines()
    assert len(lines) >= 100
    keys = []
    for ln in lines:
        assert re.fullmatch(r"[^=|]+ = [^=|]+(?: \| [^=|]+)*", ln), ln
        key, phrases = ln.split(" = ")
        keys.append(key)
        for p in phrases.split(" | "):
            assert 6 <= len(p) <= 25, ln  # the wording of one provision: long enough to single it out
            assert key not in p, ln  # (a statute using the term itself needs no entry)
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("question,library_uses,expected", [
    ("什么是不安抗辩权？", set(), ["有确切证据证明对方有下列情形之一的", "经营状况严重恶化", "转移财产、抽逃资金"]),
    ("不安抗辩权怎么行使", set(), ["有确切证据证明对方有下列情形之一的", "经营状况严重恶化", "转移财产、抽逃资金"]),
    ("什么是不安抗辩权？", {"不安抗辩权"}, []),  # the library says it: its own word finds the clause
    ("合同履行中的抗辩权有哪些", set(), []),  # no doctrinal term
    ("什么是取保候审？", set(), []),  # a statutory term
])
def test_doctrine_terms_table(question, library_uses, expected):
    assert thesaurus.doctrine_terms(question, known=lambda w: w in library_uses) == expected


CODE = (
    "# 中华人民共和国壬法典\n\n"
    "第一条 为了调整壬事关系，制定本法典。\n\n"
    "第二条 应当先履行债务的当事人，有确切证据证明对方有下列情形之一的，可以中止履行：\n\n（一）经营状况严重恶化；\n\n"
    "（二）转移财产、抽逃资金，以逃避债务；\n\n（三）丧失商业信誉。\n\n"
    "第三条 债务人对债权人的抗辩权，保证人可以主张。\n\n"
    "第四条 当事人行使抗辩权的，应当通知对方。\n"
)


@pytest.fixture
def make(one_document):
    return lambda **settings: one_document("壬法典.md", CODE, **settings)


def test_a_doctrinal_term_finds_and_answers_from_the_provision_ruling_on_it(make):
    """什么是不安抗辩权: 第二条 rules on it in words the question does not use; 第三条, 第四条 share 抗辩权 alone."""
    a = make()
    assert a.retriever.search("什么是不安抗辩权？", k=3).hits[0].clause["label"].endswith("第二条")
    res = a.ask("什么是不安抗辩权？")
    assert not res.refused
    first = next(st for st in res.statements if not st["text"].startswith("相关规定见"))
    assert "经营状况严重恶化" in first["text"] and first["verified"]
    off = make(retrieval_doctrine=False)  # (the drafter still weighs the wording as a thesaurus term's)
    assert not off.retriever.search("什么是不安抗辩权？", k=3).hits[0].clause["label"].endswith("第二条")


def test_expansions_are_the_same_in_every_process():
    """A word listed twice (in thesaurus.txt, or in both files) gives one merged answer, whatever the process's string
    hash seed (a set's order once decided which file's terms won)."""
    import json
    import os
    import subprocess
    import sys

    code = ("import json; from assistant.retrieve import thesaurus as t; "
            "print(json.dumps([t.expand(q) + ['|'] + t.doctrine_terms(q) for q in "
            "['高利贷怎么处理', '什么是疑罪从无', '跳单了怎么办', '警察找我问话']], ensure_ascii=False))")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "3", "7")]
    assert runs[0] == runs[1] == runs[2]
    got = json.loads(runs[0])
    assert all(len(x) > 1 for x in got)  # (each question expands)


def test_a_doctrinal_term_the_library_has_no_provision_on_is_refused(one_document):
    """A new user's library of procedural laws: 什么是表见代理？ was answered from clauses sharing 代理. Neither the term nor
    the wording of the provision ruling on it is in the library: refused, saying so."""
    a = one_document("程序法.md", "# 中华人民共和国某某程序法\n\n第一条 为了规范某某程序，制定本法。\n\n"
                     "第二条 没有诉讼行为能力的公民，由其法定代理人代为诉讼。\n\n第三条 当事人可以委托一至二人作为诉讼代理人。\n")
    res = a.ask("什么是表见代理？")
    assert res.refused and any("“表见代理”" in n for n in res.notes)
    assert not res.statements or all("代理人" not in st["text"] for st in res.statements)
    # nor offered as what may be related: a clause sharing only the absent term's 代理 is no lead (a second trial)
    assert not res.nearest
    res = a.ask("诉讼代理人的表见代理怎么认定？")  # …one sharing another word of the question is
    assert res.refused and res.nearest


def test_a_doctrinal_term_whose_provision_is_there_is_not_refused(make):
    res = make().ask("不安抗辩权怎么行使？")  # (the 壬法典's 第二条 rules on it in its own words, 转移财产、抽逃资金 among them)
    assert not res.refused
