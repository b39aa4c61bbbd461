"""Lexical features shared by the checker, the offline drafter, plans, metrics and the app:
paraphrase-neutral canonical text and its character bigrams."""

from __future__ import annotations

import re

from assistant.text.textnorm import normalize

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)

SENTENCE_ENDS = "。；;！？!?"
# a sentence: text up to and including its end mark (or the end of the line); lines never join
SENTENCE = re.compile(rf"[^{SENTENCE_ENDS}\n]+[{SENTENCE_ENDS}]?")
# the same, keeping the line break that follows (for display, where lines must stay lines)
SENTENCE_WITH_BREAK = re.compile(rf"[^{SENTENCE_ENDS}\n]+[{SENTENCE_ENDS}]?\n?")

# Paraphrase-neutral forms: modal verbs and agent names that official texts and summaries vary.
_CANON = [
    (re.compile(r"必须|应当|须|应"), "应"), (re.compile(r"可以|允许|能够|可由|可"), "可"),
    (re.compile(r"人民检察院|检察机关|检察院"), "检院"), (re.compile(r"公安机关"), "公安"),
    (re.compile(r"了解到|掌握的|知悉"), "知悉"),
]
_FUNCTION_CHARS = set("的和与及在对了是并等中或其之把被将为由于以而也就")


def canonical(text: str) -> str:
    t = normalize(text).lower()
    for pattern, repl in _CANON:
        t = pattern.sub(repl, t)
    return t


def bigrams(text: str) -> list[str]:
    t = _PUNCT.sub(" ", canonical(text))
    out: list[str] = []
    for run in t.split():
        if len(run) == 1:
            out.append(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def content_bigrams(text: str) -> list[str]:
    """Bigrams without function characters (的, 和, 在 …): what a statement actually claims."""
    return [g for g in bigrams(text) if not (set(g) & _FUNCTION_CHARS)]
