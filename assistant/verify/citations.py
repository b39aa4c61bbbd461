"""The citation format, owned here: keys given to the model, parsing of its output, rendering.

Retrieved clauses are shown to the model under opaque keys ``[C1]``, ``[C2]`` …; every sentence or
list item of the answer must end with one or more keys. :func:`parse_statements` splits raw output
into statements (on 。！？；, line breaks and list items; heading lines are not statements) and
returns each statement's keys — including keys that match no given clause, which are reported,
never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.text.sentences import ITEM_MARK, ITEM_MARK_ANYWHERE

_BRACKET = r"[\[［【]\s*[Cc]\s*\d{1,3}(?:\s*[,，、;；]\s*[Cc]\s*\d{1,3})*\s*[\]］】]"
KEY_RE = re.compile(_BRACKET)
_KEY_GROUP = re.compile(rf"(?:\s*{_BRACKET}(?:\s*[,，、]\s*(?=[\[［【]))?)+")
_ONE_KEY = re.compile(r"[Cc]\s*(\d{1,3})")
_LIST_MARK = re.compile(r"^\s*(?:[-*•·]\s+|\d{1,2}[.、)]\s*|[（(][一二三四五六七八九十\d]{1,3}[）)]\s*)")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+.*|\*\*[^*]+\*\*[:：]?\s*|[一二三四五六七八九十]{1,3}、[^。！？；]{0,30})$")
_TERMINATORS = "。！？；!?;"
_CLOSERS = "”’」』）)》"


def keys_in(text: str) -> list[str]:
    """Every key in ``text`` as "C<n>", in order (brackets may hold several: [C1、C3])."""
    return [f"C{int(n)}" for group in KEY_RE.findall(text) for n in _ONE_KEY.findall(group)]


@dataclass
class Statement:
    text: str  # the statement without its keys
    keys: list[str] = field(default_factory=list)  # as written (normalised "C3"), in order, de-duplicated
    line: int = 0  # 0-based line of the raw output


_QUOTED = re.compile(r"“[^“”\n]{1,300}”|「[^「」\n]{1,300}」|『[^『』\n]{1,300}』|\"[^\"\n]{1,300}\"")


def neutralize_keys(text: str) -> str:
    """Document text shown to a model: key-like tokens ([C2], 【C1】) become 〔C2〕, which is not a key,
    so a clause can neither add nor spoil a citation."""
    return KEY_RE.sub(lambda m: "〔" + m.group(0)[1:-1].strip() + "〕", text)


def _quoted_mask(line: str) -> list[bool]:
    """Which characters of a line lie inside a balanced quotation (“…”, 「…」, "…"). An unbalanced
    quote mark quotes nothing, so a stray mark cannot swallow the citations after it."""
    mask = [False] * len(line)
    for m in _QUOTED.finditer(line):
        for i in range(m.start() + 1, m.end() - 1):
            mask[i] = True
    return mask


def _split_line(line: str) -> list[tuple[str, list[str]]]:
    """Split one line into (sentence text, keys) pairs; keys right after a terminator belong to
    the sentence before it, keys before a terminator to the sentence they end. Inside a quotation
    a key-like token is the quoted text (document text is data), and a terminator ends the sentence
    only together with the closing quote (“…决定。”[C1])."""
    out: list[tuple[str, list[str]]] = []
    buf = ""
    keys: list[str] = []
    quoted = _quoted_mask(line)
    i = 0
    while i < len(line):
        m = None if quoted[i] else _KEY_GROUP.match(line, i)
        if m and m.group(0).strip():
            keys += keys_in(m.group(0))
            i = m.end()
            continue
        ch = line[i]
        buf += ch
        i += 1
        if ch in _TERMINATORS and (not quoted[i - 1] or (i < len(line) and line[i] in _CLOSERS)):
            while i < len(line) and line[i] in _CLOSERS:
                buf += line[i]
                i += 1
            m = _KEY_GROUP.match(line, i)  # keys just after the terminator
            if m and m.group(0).strip():
                keys += keys_in(m.group(0))
                i = m.end()
            out.append((buf, keys))
            buf, keys = "", []
    if buf.strip() or keys:
        if not buf.strip() and out:  # keys alone after the last sentence
            out[-1] = (out[-1][0], out[-1][1] + keys)
        else:
            out.append((buf, keys))
    return out


def is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if KEY_RE.search(stripped):
        return False  # a line with a citation is content
    return bool(_HEADING.match(stripped))


def parse_statements(raw: str) -> list[Statement]:
    statements: list[Statement] = []
    for n, line in enumerate(raw.splitlines()):
        if not line.strip() or is_heading(line) or re.fullmatch(r"\s*(---+|\*\*\*+|>?\s*)", line):
            continue
        listed = bool(_LIST_MARK.match(line))
        body = _LIST_MARK.sub("", line, count=1) if listed else line
        for text, keys in _split_line(body):
            clean = re.sub(r"\*\*|__|`", "", text).strip(" \t\u3000")
            if not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", clean):
                if keys and statements:  # stray keys after punctuation: attach to the previous statement
                    statements[-1].keys += [k for k in keys if k not in statements[-1].keys]
                continue
            seen: list[str] = []
            for k in keys:
                if k not in seen:
                    seen.append(k)
            prev = statements[-1] if statements else None
            item = ITEM_MARK.match(line)
            if (not seen and item and prev is not None and prev.keys and prev.line == n - 1
                    and (ITEM_MARK_ANYWHERE.search(prev.text) or prev.text.rstrip().endswith(("：", ":")))):
                # the next item of a list whose lead-in or first item carries the key (…应当予以逮捕：(一)…；[C1] then
                # (二)… (三)… on the lines right after): the same list, the same citation, not a statement without one
                prev.text += item.group(0).strip() + clean
                prev.line = n
                continue
            statements.append(Statement(clean, seen, n))
    return statements


def citation_numbers(statements: list[dict]) -> dict[str, int]:
    """The display number of each cited clause: in the reading order of the statements that quote them — the summary
    line (相关规定见…, ``checks.kind`` summary), which lists every clause in its documents' order, numbers only what no
    other statement cites (a trial read 〔5〕〔2〕〔3〕〔1〕 down the answer: the summary had numbered them)."""
    numbers: dict[str, int] = {}
    for st in sorted(statements, key=lambda st: (st.get("checks") or {}).get("kind") == "summary"):  # (stable)
        for c in st.get("citations", []):
            numbers.setdefault(c, len(numbers) + 1)
    return numbers


def render_markers(citation_numbers: list[int]) -> str:
    """Display form of a statement's citations: 〔1〕〔3〕."""
    return "".join(f"〔{n}〕" for n in citation_numbers)
