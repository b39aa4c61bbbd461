"""Colloquial words -> statutory terms (data/thesaurus.txt), to search a question also by the words
a law uses (保释 -> 取保候审, 老赖 -> 失信被执行人). Pure; the retriever ranks the expansion on its
own and fuses it below the question's own words."""

from __future__ import annotations

from functools import cache
from importlib import resources

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
