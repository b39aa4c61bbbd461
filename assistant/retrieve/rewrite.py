"""With a chat model: the question rewritten in statutory terms, plus candidate article references,
to be searched beside the question itself (``rewrite`` prompt).

The model's reply is data: only two labelled lines are read, each bounded in length; candidate
references are used only if they name a part of a document of the library (the retriever resolves
them), and they rank as one more signal, never above the parts the question itself names.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from assistant.errors import ModelError

log = logging.getLogger(__name__)

MAX_TERMS_CHARS = 120
MAX_REFERENCES = 3
_TERMS = re.compile(r"^\s*检索词\s*[:：]\s*(.+)$", re.M)
_REFS = re.compile(r"^\s*可能条文\s*[:：]\s*(.+)$", re.M)
_REF_ITEM = re.compile(r"[^；;，,、\s]{2,40}?第[0-9一二三四五六七八九十百千零〇两]+条(?:之[一二三四五六七八九十]+)?")


@dataclass
class Rewrite:
    terms: str = ""  # the question in statutory terms ("" when the model gave none)
    references: list[str] = field(default_factory=list)  # candidate references (文件第N条)

    def empty(self) -> bool:
        return not self.terms and not self.references


def parse_rewrite(reply: str) -> Rewrite:
    """The two labelled lines of a ``rewrite`` reply (anything else is ignored)."""
    out = Rewrite()
    if m := _TERMS.search(reply or ""):
        terms = re.sub(r"\s+", " ", m.group(1)).strip()
        out.terms = "" if terms in ("无", "none", "None") else terms[:MAX_TERMS_CHARS]
    if m := _REFS.search(reply or ""):
        out.references = _REF_ITEM.findall(m.group(1))[:MAX_REFERENCES]
    return out


def rewrite_question(question: str, chat, *, deadline=None, failures: list[dict] | None = None) -> Rewrite:
    """Ask the model for the rewrite; a failing or unusable reply gives an empty rewrite (recorded in
    ``failures``), and retrieval goes on with the question alone."""
    from assistant.prompts import load_prompt

    prompt = load_prompt("rewrite").render(question=question)
    try:
        reply = chat.complete(prompt, deadline)
    except ModelError as exc:
        log.warning("rewrite prompt failed, searching with the question alone: %s", exc)
        if failures is not None:
            failures.append({"stage": "rewrite", "error": str(exc)})
        return Rewrite()
    result = parse_rewrite(reply)
    # the prompt's own words given back (用法律条文中的规范用语写出问题的核心…) are no rewrite of the question
    told = re.sub(r"\s+", "", prompt)
    if result.terms and len(result.terms) >= 8 and re.sub(r"\s+", "", result.terms) in told:
        result.terms = ""
    if result.empty() and failures is not None:
        failures.append({"stage": "rewrite", "error": f"unusable rewrite {reply[:80]!r}"})
    return result
