"""The issuing bodies a document's title opens with (pure)."""

from __future__ import annotations

import re

from assistant.text.textnorm import normalize

# a body's name ends in one of these (最高人民检察院, 公安部, 国务院办公厅, 中共中央, 中国人民银行 …)
_ISSUER_END = re.compile(r"(?:院|部|局|署|委|厅|会|府|室|办|央|行)$")


def title_issuers(title: str) -> str:
    """The issuing bodies a title opens with, before its 关于 (最高人民法院、最高人民检察院关于办理…的解释 → 最高人民法院、
    最高人民检察院), or before 印发/转发 (国务院办公厅转发…关于…: the body that sends it on, not the one whose text it is);
    '' when that part is no body's name. Bodies are separated by 、 or spaces, never inside a name (住房和城乡建设部)."""
    t = normalize(title)
    m = re.match(r"^(.{2,60}?)(?:关于|印发|转发)", t)
    if not m:
        return ""
    bodies = [p for p in re.split(r"[、\s]+", m.group(1)) if p]
    return "、".join(bodies) if bodies and all(_ISSUER_END.search(p) for p in bodies) else ""
