"""Parse human clause labels of the evaluation data into expected positions.

Grammar (``shared/eval/README.md``): ``第十五条``, ``第十五条第二款``, ``第十三条(四)``,
``二、5.``, ``四、8.第2段``, ``五、(三)``, ``二、第1段``, ``一、``, ``前言``, ``印发通知``, ``文末``.
"""

from __future__ import annotations

import re

from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.text.textnorm import width_normalize

_N = f"[{CN_NUMERAL_CHARS}]+"
_ARTICLE = re.compile(rf"^第({_N})条(?:第({_N})款)?(?:\(({_N})\)|第({_N})项)?$")
_SECTION = re.compile(rf"^({_N})、(?:(\d+)\.|\(({_N})\))?(?:第(\d+)段)?$")
_KINDS = {"前言": "preamble", "印发通知": "notice", "文末": "closing"}


def parse_gold_label(label: str) -> dict:
    """Return {"kind": ..., plus the position fields the label fixes}; raise ValueError if unknown."""
    text = width_normalize(label).replace(" ", "").replace("（", "(").replace("）", ")")
    if text in _KINDS:
        return {"kind": _KINDS[text]}
    if m := _ARTICLE.match(text):
        out: dict = {"kind": "article", "article": cn_to_int(m.group(1))}
        if m.group(2):
            out["paragraph"] = cn_to_int(m.group(2))
        if m.group(3) or m.group(4):
            out["subitem"] = cn_to_int(m.group(3) or m.group(4))
        return out
    if m := _SECTION.match(text):
        out = {"section": cn_to_int(m.group(1))}
        if m.group(2):
            out.update(kind="item", item=int(m.group(2)))
        elif m.group(3):
            out.update(kind="item", item=cn_to_int(m.group(3)))
        else:
            out["kind"] = "section_paragraph"
        if m.group(4):
            out["paragraph"] = int(m.group(4))
        return out
    raise ValueError(f"unrecognised clause label: {label!r}")


def position_agrees(expected: dict, clause_kind: str, position: dict) -> bool:
    """True when every field the label fixes equals the clause's (refined) position."""
    if expected["kind"] != clause_kind:
        return False
    return all(position.get(k) == v for k, v in expected.items() if k != "kind")


# a provision an amendment deleted, the source keeping its text with the mark (…指令性计划。（2011年1月8日删除）)
_DELETED = re.compile(r"[（(]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:删除|删去|废止)\s*[）)]\s*[。；;]?\s*$")


def deletion_date(text: str) -> str | None:
    """The date (YYYY-MM-DD) an amendment deleted the provision ``text`` by the mark it ends with (…。（2009年8月27日删除）),
    or None: a provision that only speaks of deleting something (…有权请求信息处理者及时删除。) carries no such mark, and
    one holding 项 before the mark lost its last 项 only (a 项 of its own, (一)…的； (2011年1月8日删除), opens with its mark)."""
    m = _DELETED.search(text.strip())
    if not m or _ITEM_MARK.search(text[:m.start()].strip()[1:]):
        return None  # (…第二十一条 …：（一）…（十一）… （2011年1月8日删除）: its last 项 deleted, not the clause — review finding)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


_ITEM_MARK = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")
