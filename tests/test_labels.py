"""Tables of cases for the pure helpers: numerals, label grammar, clause labels, normalisation."""

from __future__ import annotations

import pytest

from assistant.parse.clauses import structure_label
from assistant.text.labels import parse_gold_label, position_agrees
from assistant.text.numerals import cn_to_int, int_to_cn
from assistant.text.textnorm import detect_script, normalize


@pytest.mark.parametrize("n,cn", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (28, "二十八"), (100, "一百"),
                                  (103, "一百零三"), (110, "一百一十"), (1010, "一千零一十"),
                                  # 万: a phone number or an amount in a question (12315, 20000元) is a number too
                                  (10000, "一万"), (12315, "一万二千三百一十五"), (10010, "一万零一十"), (100000, "十万"),
                                  (110000, "十一万"), (1000100, "一百万零一百"), (99_999_999, "九千九百九十九万九千九百九十九")])
def test_numerals_roundtrip(n, cn):
    assert int_to_cn(n) == cn and cn_to_int(cn) == n


def test_numeral_variants():
    assert cn_to_int("两") == 2 and cn_to_int("〇") == 0 and cn_to_int("12") == 12
    with pytest.raises(ValueError):
        cn_to_int("第")
    assert int_to_cn(123_456_789) == "123456789"  # from 一亿 on, in digits
    assert cn_to_int("两万") == 20000 and cn_to_int("万") == 10000


@pytest.mark.parametrize("label,expected", [
    ("第十五条", {"kind": "article", "article": 15}),
    ("第十五条第二款", {"kind": "article", "article": 15, "paragraph": 2}),
    ("第十三条(四)", {"kind": "article", "article": 13, "subitem": 4}),
    ("第十三条（四）", {"kind": "article", "article": 13, "subitem": 4}),
    ("二、5.", {"kind": "item", "section": 2, "item": 5}),
    ("四、8.第2段", {"kind": "item", "section": 4, "item": 8, "paragraph": 2}),
    ("五、(三)", {"kind": "item", "section": 5, "item": 3}),
    ("二、第1段", {"kind": "section_paragraph", "section": 2, "paragraph": 1}),
    ("一、", {"kind": "section_paragraph", "section": 1}),
    ("前言", {"kind": "preamble"}),
    ("印发通知", {"kind": "notice"}),
    ("文末", {"kind": "closing"}),
])
def test_gold_label_grammar(label, expected):
    assert parse_gold_label(label) == expected


@pytest.mark.parametrize("label", ["第X条", "附件1", "二、5", ""])
def test_unknown_labels_raise(label):
    with pytest.raises(ValueError):
        parse_gold_label(label)


def test_position_agreement_ignores_unspecified_fields():
    pos = {"chapter": 3, "section": None, "item": None, "article": 15, "paragraph": 2, "subitem": None}
    assert position_agrees({"kind": "article", "article": 15}, "article", pos)
    assert position_agrees({"kind": "article", "article": 15, "paragraph": 2}, "article", pos)
    assert not position_agrees({"kind": "article", "article": 15, "paragraph": 1}, "article", pos)
    assert not position_agrees({"kind": "article", "article": 15}, "item", pos)


@pytest.mark.parametrize("kwargs,tail", [
    (dict(kind="article", article=15), "第十五条"),
    (dict(kind="article", article=15, paragraph=2, show_paragraph=True), "第十五条第二款"),
    (dict(kind="item", section=2, item=5), "第二部分第5条"),
    (dict(kind="item", section=4, item=8, paragraph=2, show_paragraph=True), "第四部分第8条第2段"),
    (dict(kind="item", section=3, item=1, item_style="paren"), "第三部分第（一）项"),
    (dict(kind="section_paragraph", section=2, paragraph=1, show_paragraph=True), "第二部分第1段"),
    (dict(kind="section_paragraph", section=1, paragraph=1), "第一部分"),
    (dict(kind="preamble", paragraph=1), "前言"),
    (dict(kind="notice"), "印发通知"),
    (dict(kind="closing"), "文末"),
    (dict(kind="paragraph", paragraph=3, chunk=2), "第3段（续2）"),
])
def test_structure_labels(kwargs, tail):
    assert structure_label(**kwargs) == tail


@pytest.mark.parametrize("raw,norm", [
    ("**第一条** 人民檢察院", "第一条 人民检察院"),
    ("## 一、總體要求", "一、总体要求"),
    ("ＡＢＣ１２３（一）", "ABC123(一)"),
    ("  第一行\n\n  第二行  ", "第一行\n第二行"),
])
def test_normalize(raw, norm):
    assert normalize(raw) == norm


def test_detect_script():
    assert detect_script("堅持黨的領導，全面加強檢察機關法律監督工作") == "traditional"
    assert detect_script("坚持党的领导，全面加强检察机关法律监督工作") == "simplified"
    assert detect_script("") == "simplified"
