"""Chinese typography: half-width punctuation between Chinese characters becomes full-width
(，：；？！（） as GB/T 15834 wants in Chinese text); numbers, Latin words and URLs are left alone."""

from __future__ import annotations

import re

_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》〈〉]"
_MAP = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_AFTER_CJK = re.compile(rf"(?<={_CJK})\s*([,:;?!])\s*")
_BEFORE_CJK = re.compile(rf"\s*([,:;?!])\s*(?={_CJK})")
_PARENS = re.compile(rf"\(([^()]*{_CJK}[^()]*)\)")


def book_title(name: str) -> str:
    """A document's name between title marks, a name inside it taking the inner marks (GB/T 15834):
    《中共北京市委贯彻〈中共中央关于…的意见〉的实施意见》."""
    return "《" + name.replace("《", "〈").replace("》", "〉") + "》"


def outer_title_marks(text: str) -> str:
    """A title inside a title read with the marks a library's titles have (《…关于适用〈X〉的解释》 → 《…关于适用《X》的解释》),
    the inverse of :func:`book_title`'s inner marks; the same length, so offsets into the text hold."""
    return text.replace("〈", "《").replace("〉", "》")


def fullwidth_punctuation(text: str) -> str:
    def swap(m: re.Match) -> str:
        return _MAP[m.group(1)]

    text = _AFTER_CJK.sub(swap, text)
    text = _BEFORE_CJK.sub(swap, text)
    return _PARENS.sub(lambda m: f"（{m.group(1)}）", text)
