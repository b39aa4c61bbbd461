"""Reading names out of a text, longest first, each stretch of the text once (pure)."""

from __future__ import annotations


def claim(text: str, taken: list[bool], name: str) -> list[int]:
    """The start offsets of the occurrences of ``name`` in ``text`` that overlap no stretch already
    ``taken``; they are marked taken. Called with names longest first, a name inside a longer one
    already read (刑事诉讼法 in 人民检察院刑事诉讼规则) is not read again."""
    found = []
    at = text.find(name)
    while at >= 0 and name:
        end = at + len(name)
        if not any(taken[at:end]):
            taken[at:end] = [True] * len(name)
            found.append(at)
        at = text.find(name, end)
    return found


def shares_run(a: str, b: str, size: int) -> bool:
    """Do ``a`` and ``b`` have ``size`` characters in a row in common (报告期限), blanks aside?"""
    return any(a[i:i + size] in b for i in range(len(a) - size + 1) if a[i:i + size].strip())
