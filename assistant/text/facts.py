"""What the retriever's structural lookup and boosts need of one clause, computed once when it is
ingested and kept with its record (pure functions).

A clause's facts: its article, 之N suffix, chapter, 节, 款 and 项 numbers (from its position), the kinds of
value its text states (time limits, amounts, counts: :data:`assistant.text.values.VALUE_KINDS`, as bits)
the terms it defines (:func:`assistant.text.definitions.defined_terms`) and the actions whose conditions it lists
(:func:`assistant.text.conditions.condition_actions`) or whose procedure it lays down (marked:
:func:`assistant.text.conditions.procedure_actions`), and the things it lists (marked: :func:`assistant.text.conditions.listed_things`). ``FACTS_VERSION`` changes
with those patterns, so facts stored by another version are recomputed from the text, never trusted.
"""

from __future__ import annotations

import hashlib
import json

from assistant.text import conditions, definitions
from assistant.text.values import VALUE_KINDS

VALUE_ORDER = tuple(VALUE_KINDS)  # bit k of the flags: the clause states a value of kind VALUE_ORDER[k]
FACTS_VERSION = hashlib.sha1(json.dumps([[k, VALUE_KINDS[k][1].pattern] for k in VALUE_ORDER]
                                        + [definitions.VERSION, conditions.VERSION], ensure_ascii=False).encode()).hexdigest()[:10]


def text_facts(text: str) -> tuple[int, list[str], list[str]]:
    """(value flags, defined terms, actions whose conditions it lists) of a clause's normalised text."""
    flags = 0
    for k, kind in enumerate(VALUE_ORDER):
        if VALUE_KINDS[kind][1].search(text):
            flags |= 1 << k
    terms = definitions.defined_terms(text)  # (every clause: a prefilter of words missed …的，是自首 and …为职务发明创造)
    return flags, terms, conditions.condition_actions(text) + conditions.procedure_actions(text) + conditions.listed_things(text)


def position_facts(record: dict) -> list:
    """[article, suffix, chapter, division, paragraph, [项 numbers]] of a clause record."""
    pos = record.get("position") or {}
    return [pos.get("article"), pos.get("article_suffix"), pos.get("chapter"), pos.get("division"), pos.get("paragraph"),
            [s.get("index") for s in record.get("subitems") or []]]


def facts_json(position: list, text: tuple[int, list[str], list[str]]) -> str:
    """A clause's facts as kept in the record file: [version, article, suffix, chapter, division, paragraph,
    [项 numbers], value flags, [defined terms], [actions whose conditions it lists]]."""
    return json.dumps([FACTS_VERSION, *position, *text], ensure_ascii=False, separators=(",", ":"))


def clause_facts(record: dict) -> str:
    return facts_json(position_facts(record), text_facts(record.get("text_normalized") or ""))
