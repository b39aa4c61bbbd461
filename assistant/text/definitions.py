"""Definitions in legal text (pure patterns): which terms a clause defines, and whether a question
asks what a term means.

Legislative drafting defines a term in a fixed form: 本法所称恶势力组织，是指…; 前款所称“近亲属”是指…;
本规则所称检察人员，包括…; X，是指… at the start of a sentence; and 公文 give a long phrase its short
form once: …协作配合（简称“府检联动”）. A question about the term (“恶势力组织”是指什么 / 什么是取保候审 /
X的含义) is answered by that clause first.
"""

from __future__ import annotations

import re

VERSION = "1"  # bump when defined_terms changes what it returns (facts stored at ingest are then recomputed)
ASKS_DEFINITION = re.compile(r"是指|指的是|指哪些|指什么|什么是|何为|何谓|含义|定义|什么意思|如何界定|怎么界定|怎样界定|是什么样的")
_TERM = r"[“\"]?([^,，。;；:：“”\"\s、]{2,24}?)[”\"]?"
_CALLED = re.compile(rf"所称(?:的)?{_TERM}[,，]?(?:是指|指|包括)")
# 公文 name a long phrase once and use its short form after: …协作配合（简称“府检联动”） / （以下简称“办公室”）
_SHORT_FORM = re.compile(r"[(（](?:以下)?简称[“\"]([^”\"()（）]{2,16})[”\"][)）]")
_SENTENCE_START = re.compile(rf"(?:^|[。;；:：\s)）])(?:第[^条\s]{{1,10}}条\s*)?{_TERM}[,，]?是指")
_LEAD = re.compile(r"^(?:本|前|上|该)(?:法|条例|规定|办法|解释|规则|细则|决定|款|条|项|章|节)")


def defined_terms(text: str) -> list[str]:
    """The terms a clause text (normalised) defines, in order, without duplicates."""
    out: list[str] = []
    for rx in (_CALLED, _SENTENCE_START, _SHORT_FORM):
        for m in rx.finditer(text):
            term = _LEAD.sub("", m.group(1)).strip()
            if len(term) >= 2 and "所称" not in term and term not in out:
                out.append(term)
    return out


def asks_definition(question: str) -> bool:
    return bool(ASKS_DEFINITION.search(question))
