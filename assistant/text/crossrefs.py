"""References a clause makes to other articles of its own document (pure functions).

Legislative drafting refers back by number: a 罚则 article punishes the breach of a duty stated elsewhere
(违反本条例第十二条规定的，处…罚款; 具有本细则第一百零九条所列第（六）至第（九）项行为的，处以…), and a 司法解释 applies
its own thresholds (具有本解释第一条第二款规定情形之一的). A reference is the document's own when it says so (本法, 本条例,
本细则…) or names no document at all (违反第十条规定); one after a name (刑法第二百六十六条, 《治安管理处罚法》第七十条,
该法第三条) is another document's. A reference listed after one of the document's own (本法第十条、第十二条) is its own
too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int

_N = rf"(?:\d+|[{CN_NUMERAL_CHARS}]+)"
_ARTICLE = re.compile(rf"第({_N})条(?:之({_N}))?(?:第({_N})款)?")
# the items named after an article (所列第（六）至第（九）项, 第（十）、第（十一）项, 规定的第一项)
_ITEMS = re.compile(rf"(?:所列|规定的|中的?)?((?:第[(（]?{_N}[)）]?项?(?:至|到|、|和|或者|或))*第[(（]?{_N}[)）]?项)")
_ONE_ITEM = re.compile(rf"第[(（]?({_N})[)）]?项?")
_GENRE = r"法|法典|条例|细则|规定|办法|解释|决定|规则|意见|通知|章程|准则|规程|纲要|典"
# 本法, 本条例 — and with a qualifier: 本实施细则, 本暂行条例, 本司法解释 (review finding)
_OWN = re.compile(rf"本(?:实施|暂行|试行|司法)?(?:{_GENRE})$")
# a further 款 of the same article listed after one (第五十六条第一款、第三款; 第四十条第一款和第二款)
_MORE_KUAN = re.compile(rf"(?:、|和|或者|及|以及)第({_N})款")
_NAMED = re.compile(rf"(?:{_GENRE}|[》〉)）\]])$")
_JOINER = re.compile(r"(?:、|和|或者|或|及|以及|与|，|,|至|到)$")


@dataclass(frozen=True)
class InternalRef:
    article: int
    suffix: int | None = None  # 第N条之一
    paragraph: int | None = None  # 第M款
    items: frozenset[int] | None = None  # 第（K）项…: None — the whole article (or 款)
    span: tuple[int, int] = (0, 0)

    def covers(self, article: int, suffix: int | None, paragraph: int | None, item: int | None = None) -> bool:
        """Does this reference take in that part (an item, a 款, or a whole article: None where not told)?"""
        if (self.article, self.suffix) != (article, suffix):
            return False
        if self.paragraph is not None and paragraph is not None and self.paragraph != paragraph:
            return False
        return self.items is None or item is None or item in self.items


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text)


def _items(text: str) -> frozenset[int] | None:
    """The item numbers of 第（一）至第（五）项 / 第（十）、第（十一）项 (a range read whole)."""
    found: list[int] = []
    marks = list(_ONE_ITEM.finditer(text))
    for k, m in enumerate(marks):
        n = _number(m.group(1))
        if n is None:
            continue
        if k > 0 and found and re.match(r"\s*(?:至|到)\s*$", text[marks[k - 1].end():m.start()]):
            found += list(range(found[-1] + 1, min(n, found[-1] + 50) + 1))
        else:
            found.append(n)
    return frozenset(found) or None


def internal_references(text: str) -> list[InternalRef]:
    """The references of ``text`` (a normalised clause text) to articles of its own document, in order."""
    out: list[InternalRef] = []
    last_end, last_own = -1, False
    for m in _ARTICLE.finditer(text):
        article = _number(m.group(1))
        if not article:
            continue
        before = text[max(0, m.start() - 12):m.start()]
        # listed right after another reference (第十条、第十二条): of the same document as that one
        listed = last_end >= 0 and m.start() - last_end <= 4 and _JOINER.sub("", text[last_end:m.start()]) == ""
        own = last_own if listed else bool(_OWN.search(before)) or not _NAMED.search(before)
        end = m.end()
        items = None
        tail = _ITEMS.match(text, end)
        if tail and tail.group(1):
            items = _items(tail.group(1))
            end = tail.end()
        last_end, last_own = end, own
        if own and listed and out and re.fullmatch(r"\s*(?:至|到)\s*", text[out[-1].span[1]:m.start()]):
            # 第十条至第十二条: the articles between them too
            out += [InternalRef(n, span=(m.start(), m.start())) for n in range(out[-1].article + 1, min(article, out[-1].article + 50))]
        if own:
            out.append(InternalRef(article, _number(m.group(2)) if m.group(2) else None,
                                   _number(m.group(3)) if m.group(3) else None, items, (m.start(), end)))
            while m.group(3) and (more := _MORE_KUAN.match(text, end)):  # (…第一款、第三款: each 款 named)
                out.append(InternalRef(article, out[-1].suffix, _number(more.group(1)), None, (more.start(), more.end())))
                end = more.end()
            last_end = end
    return out
