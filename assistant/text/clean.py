"""Text a user types or sends: cleaned of what no question needs and what breaks output encoders."""

from __future__ import annotations

import re

from assistant.errors import InputError

_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone surrogates: not text, cannot be written as UTF-8
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 controls except tab, newline, carriage return
MAX_QUESTION_CHARS = 4000


def clean_question(text: str) -> str:
    """The question without lone surrogates and control characters; an error if nothing is left or it
    is far longer than any question."""
    if not isinstance(text, str):
        raise InputError("a question must be text")
    cleaned = _CONTROL.sub("", _SURROGATE.sub("", text)).strip()
    if not cleaned:
        raise InputError("the question is empty (after removing control characters)")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise InputError(f"the question is {len(cleaned)} characters long; at most {MAX_QUESTION_CHARS} are accepted")
    return cleaned
