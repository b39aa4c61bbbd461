"""Definitions in legal text (pure patterns): which terms a clause defines, and whether a question
asks what a term means.

Legislative drafting defines a term in a fixed form: 本法所称恶势力组织，是指…; 前款所称“近亲属”是指…;
本规则所称检察人员，包括…; X，是指… at the start of a sentence; 有下列情形之一的，认定为X： and the cases it lists;
and 公文 give a long phrase its short form once: …协作配合（简称“府检联动”）. A question about the term (“恶势力组织”是指什么 / 什么是取保候审 /
X的含义) is answered by that clause first.
"""

from __future__ import annotations

import re

VERSION = "14"  # 14: 本条例所称X，由…构成 / 组成; 13: no short form of a document name; 12: 以下简称X unquoted, 有下列情形之一的，属于X，应当…：; 11: no 以X为准 / 以X论处 terms; 10: …的发明创造为职务发明创造 (a kind named); 9: …的，是X。 / …的，以X论 (the criminal law's form); bump when defined_terms changes what it returns (facts stored at ingest are then recomputed)
ASKS_DEFINITION = re.compile(r"是指|指的是|指哪些|指什么|什么是|何为|何谓|含义|定义|什么意思|如何界定|怎么界定|怎样界定|是什么样的"
                             r"|什么叫|啥是|啥叫|怎么理解|如何理解")
_TERM = r"[“\"]?([^,，。;；:：“”\"\s、]{2,24}?)[”\"]?"
# (…覆盖网，由…转播台(包括差转台、收转台，下同)…构成: a comma only inside brackets; not …由公安机关没收，构成犯罪的 — review)
_CALLED = re.compile(rf"所称(?:的)?{_TERM}[,，]?(?:是指|指|包括|由(?:[^。;；,，(（]|[(（][^)）]*[)）]){{1,80}}?(?:构成|组成)(?!犯罪|部门))")
# a 司法解释 defines the words of the law it applies: 刑法第二百二十九条规定的“情节严重”，是指… / 行政诉讼法第三条第三款规定的被诉
# 行政机关负责人，包括…
_N = r"[零一二三四五六七八九十百千\d]+"
_APPLIED = re.compile(rf"^(?:第[^条\s]{{1,10}}条\s*)?[^,，。;；]{{0,30}}?第{_N}条(?:之{_N})?(?:第{_N}款)?(?:第[(（]?{_N}[)）]?项)?"
                      rf"规定的{_TERM}[,，](?:是指|包括)")
# a 司法解释 defines a word of the law by what falls under it: …协商订立的具有行政法上权利义务内容的协议，属于行政诉讼法第十二条
# 第一款第十一项规定的行政协议。 / …的，属于刑法第三百零三条第二款规定的“开设赌场”。
_CLASSIFIED = re.compile(rf"[,，]\s*属于[^,，。;；]{{0,40}}?规定的{_TERM}(?=[。;；]|$)")
# 公文 name a long phrase once and use its short form after: …协作配合（简称“府检联动”） / （以下简称“办公室”）
# — the short form quoted or not (国家金库（以下简称国库）: a trial's 什么是国库 did not find it)
_SHORT_FORM = re.compile(r"[(（](?:以下)?简称[“\"]?([^”\"()（）,，。;；、]{2,16}?)[”\"]?[)）]")
# a document's name (…法, 《条例》, …实施细则): a short form of it defines no term
_DOCUMENT_NAME = re.compile(r"[《》]|(?:法|法典|条例|规定|办法|细则|规则|解释|决定|意见|通知|方案|公约|条约)$")
_SENTENCE_START = re.compile(rf"(?:^|[。;；:：\s)）])(?:第[^条\s]{{1,10}}条\s*)?{_TERM}[,，]?是指")
# a term defined by the cases it covers, listed after the lead-in: 有下列情形之一的，认定为假农药：(一)… / …，是走私行为：
# (…the term followed by what is then done: 有下列情形之一的，属于重大事故隐患，应当立即停止…：)
_ENUMERATED = re.compile(r"有下列(?:情形|行为|情况)之一的[,，]\s*(?:(?:应当|可以)?认定为|是|为|属于|视为)"
                         r"(?:[^,，。;；:：“”\"]{0,30}?规定的)?[“\"]?([^,，。;；:：“”\"\s]{2,12}?)[”\"]?(?:[,，][^。;；:：]{0,40})?[:：]")
# a quoted term, which may hold a 、 (“出境、入境的交通运输工具”，是指…)
# the criminal law's form: a condition, then what it is (…如实供述自己的罪行的，是自首。 / …的，以自首论。 / …的，属于正当防卫，…)
_IS_CALLED = re.compile(r"的[,，]\s*(?:(?:是|属于|(?:应当|可以)?认定为(?:有)?)[“\"]?([\u4e00-\u9fff]{2,8}?)[”\"]?"
                        r"|以[“\"]?([\u4e00-\u9fff]{2,8}?)[”\"]?论)(?:[。;；]|[,，](?=不负|应当|可以|不)|$)")
# (以X为准, 以X为被告, 以X论处, 是否…: no term — a rule on which text prevails, on parties, on sentencing, a question)
_NOT_CALLED = re.compile(r"为|论处|^否|^本")
# a kind named by what makes it one (…利用本单位的物质技术条件所完成的发明创造为职务发明创造。): a thing, then 为 and a
# narrower name of it — one ending with the thing's own name (发明创造 → 职务发明创造), so no value (…的期限为三十日)
_NAMED_KIND = re.compile(r"的([\u4e00-\u9fff]{2,8})为([\u4e00-\u9fff]{1,8}?\1)(?=[。;；,，]|$)")
_NO_TERM = re.compile(r"可以|应当|应|不|没有|必须|需要|指|否|如何|怎样|什么|无效|有效|合法|违法|成立")
_QUOTED = re.compile(r"((?:[“\"][^“”\",，。;；:：]{1,24}[”\"][、…．.]*)+)(?:[,，]\s*(?:是指|指)|是指)")
_QUOTE = re.compile(r"[“\"]([^“”\"]{2,24})[”\"]")
_ITEM_MARK = re.compile(r"^(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、])")
_LEAD = re.compile(r"^(?:本|前|上|该)(?:法|条例|规定|办法|解释|规则|细则|决定|款|条|项|章|节)")


def defined_terms(text: str) -> list[str]:
    """The terms a clause text (normalised) defines, in order, without duplicates."""
    out: list[str] = []
    for rx in (_CALLED, _APPLIED, _SENTENCE_START, _SHORT_FORM, _CLASSIFIED, _ENUMERATED, _IS_CALLED):
        for m in rx.finditer(text):
            found = m.group(1) or (m.group(2) if rx is _IS_CALLED else None) or ""
            term = _ITEM_MARK.sub("", _LEAD.sub("", found)).strip()  # (（三）境外机动车驾驶证是指…: the term, not (三))
            if rx is _IS_CALLED and (term.endswith("的") or _NO_TERM.match(term) or _NOT_CALLED.search(term)):
                continue  # (…的，是可以上诉的: what may be done, no term)
            if rx is _SHORT_FORM and _DOCUMENT_NAME.search(term):
                continue  # (根据《…企业所得税法》（以下简称企业所得税法）: a document's short name, no term — review finding)
            if len(term) >= 2 and "所称" not in term and term not in out:
                out.append(term)
    for m in _NAMED_KIND.finditer(text):
        if m.group(2) not in out:
            out.append(m.group(2))
    for m in _QUOTED.finditer(text):  # quoted terms, one or a list of them (“一日”、“二日”…“十日”,是指工作日)
        for term in _QUOTE.findall(m.group(1)):
            if "所称" not in term and term not in out:
                out.append(term)
    return out


def asks_definition(question: str) -> bool:
    return bool(ASKS_DEFINITION.search(question))


def defines_applied_term(text: str) -> bool:
    """Does the clause define a word of the law it applies (刑法第二百二十九条规定的“情节严重”，是指…)?"""
    return bool(_APPLIED.search(text))


def enumerates(text: str) -> bool:
    """Does the clause define a term by the cases it lists (有下列情形之一的，属于重大事故隐患，…：(一)…)? Such a definition
    answers which things are the term (重大事故隐患有哪些) as well as what it is."""
    return bool(_ENUMERATED.search(text) or _MEMBERS.search(text))


# a term defined by its members (前款所称“相关证据”包括：(一)…; 本条例所称监控化学品，是指下列各类化学品：): its list answers
# which things it takes in (trial S)
_MEMBERS = re.compile(r"所称[“\"]?[^,，。;；:：“”\"]{2,16}?[”\"]?[,，]?\s*(?:包括|是指|指)(?:下列|以下)?[^。;；:：]{0,12}[:：]")


def asks_members(question: str, term: str) -> bool:
    """Does the question ask which things are ``term`` — the term itself what 哪些 asks of (重大事故隐患有哪些, …包括哪些,
    哪些情形属于重大事故隐患), not a word of a question asking something else (申请工伤认定需要提交哪些材料 names 工伤)?"""
    # (the term in quotation marks too: 可以依据的“相关证据”包括哪些 — trial S)
    t = rf"[“\"'「『]?{re.escape(term)}[”\"'」』]?"
    return bool(re.search(rf"{t}(?:都|主要|具体)?(?:有|包括|包含|分为|是)(?:哪些|哪几种|哪几类|什么)(?:情形|情况|行为|种类)?[?？。]?$"
                          rf"|(?:哪些|什么|哪几种)(?:情形|情况|行为|事项)?(?:属于|算|算是|是|构成|认定为|视为){t}", question))
