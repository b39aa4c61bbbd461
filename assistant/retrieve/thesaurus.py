"""Colloquial words -> statutory terms (data/thesaurus.txt), to search a question also by the words
a law uses (保释 -> 取保候审, 老赖 -> 失信被执行人). Pure; the retriever ranks the expansion on its
own and fuses it below the question's own words."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from assistant.text.numerals import cn_to_int, int_to_cn
from assistant.text.textnorm import normalize


@cache
def entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = (resources.files("assistant") / "data" / "thesaurus.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" not in line:
            continue
        word, terms = line.split("=", 1)
        word = normalize(word.strip())
        targets = tuple(t for t in (normalize(x.strip()) for x in terms.replace("，", ",").split(",")) if t)
        if word and targets:
            out.append((word, targets))
    return tuple(sorted(out, key=lambda e: -len(e[0])))  # longest colloquial words first


def expand(question: str, known=None) -> list[str]:
    """Statutory terms for the colloquial words of ``question`` that the question does not already use.

    ``known(word) -> bool``: whether the library itself uses a colloquial word; such a word already
    finds its clauses and is not expanded (老人 in a library that says 老人 needs no 老年人)."""
    q = normalize(question)
    found: list[str] = []
    taken = [False] * len(q)
    for word, targets in entries():
        start = q.find(word)
        while start >= 0:
            if not any(taken[start:start + len(word)]):
                for i in range(start, start + len(word)):
                    taken[i] = True
                if known is None or not known(word):
                    found += [t for t in targets if t not in q and t not in found]
            start = q.find(word, start + 1)
    return found


# The ages at which Chinese statutes change a person's standing (民事行为能力 8 / 18, 刑事责任 12 / 14 / 16,
# 未成年人 18, 老年人 60, 治安拘留 70, 刑罚 75): a statute states an age as a threshold (不满十四周岁, 已满十六周岁),
# a question as a person's age (一个13岁的孩子), which shares no words with it.
STATUTORY_AGES = (8, 12, 14, 16, 18, 60, 70, 75)
_AGE = re.compile(r"(?<![第\d零〇一二两三四五六七八九十百])(\d{1,3}|[一二两三四五六七八九十]{1,3})(?:周)?岁(?!月)")
_THRESHOLD_BEFORE = re.compile(r"(?:不满|未满|已满|满|年满|超过|以上|以下)$")


def age_terms(question: str) -> list[str]:
    """The statutory thresholds around each age a question states (13岁 -> 已满十二周岁, 不满十四周岁); an age the
    question already states as a threshold (不满14周岁) gives nothing."""
    q = normalize(question)
    out: list[str] = []
    for m in _AGE.finditer(q):
        if _THRESHOLD_BEFORE.search(q[: m.start()]) or q[m.end(): m.end() + 2] in ("以上", "以下"):
            continue
        try:
            age = cn_to_int(m.group(1))
        except ValueError:
            continue
        if not 0 < age <= 120:
            continue
        below = [a for a in STATUTORY_AGES if a <= age]
        above = [a for a in STATUTORY_AGES if a > age]
        terms = ([f"已满{int_to_cn(below[-1])}周岁"] if below else []) + ([f"不满{int_to_cn(above[0])}周岁"] if above else [])
        out += [t for t in terms if t not in q and t not in out]
    return out
