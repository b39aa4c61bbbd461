"""Document and model text inside Markdown we produce (the app, `answer_markdown`, the .md export):
always escaped, so it shows literally and stays inert — no markup, no link, no image, no HTML and
no auto-linked address. Our own citation markers are the only links.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:=])")
_LIST_START = re.compile(r"^(\s*)(\d+)\.", re.M)
# GitHub-flavoured Markdown turns bare addresses into links (http://, https://, www., e-mail, mailto:,
# xmpp:) even inside escaped text. A WORD JOINER (U+2060: invisible, no width) after a scheme's
# colon, after "www" and before "@" keeps them plain text.
WJ = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(\\:)|(?<=\bwww)(?=\\?\.)|(?<=[\w.+-])(?=@[\w-])")


# a file a reader opens as text too (the .md export): ( ) ! and a colon not after a letter stay as they are — inert with
# [ ] escaped (no link or image without them) and a scheme's colon still escaped (``_AUTOLINK``); 规定\: and \(一\) read badly
_MD_SPECIAL_READABLE = re.compile(r"([\\`*_{}\[\]<>#+|~$=])|(?<=[A-Za-z])(:)")


def escape_md(text: str, readable: bool = False) -> str:
    """``text`` as Markdown that renders as exactly this text and nothing else; ``readable``: with fewer backslashes
    (:data:`_MD_SPECIAL_READABLE`), for a file read as text as well."""
    special = _MD_SPECIAL_READABLE if readable else _MD_SPECIAL
    escaped = _LIST_START.sub(r"\1\2\\.", special.sub(lambda m: "\\" + (m.group(1) or m.group(2)), text))
    return _AUTOLINK.sub(lambda m: (m.group(1) or "") + WJ, escaped)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2060]")


# an escape of escape_md (kept, then undone) or a run of asterisks of our own emphasis (**未找到依据**, *note*): document
# and model text reach the Markdown escaped, so an asterisk not escaped is markup we wrote
_ESCAPE_OR_EMPHASIS = re.compile(r"\\[\\`*_{}\[\]<>()#+!|~$:=.]|\*+")


def for_terminal(markdown: str) -> str:
    """Markdown we produced, for a terminal or a plain-text file (which render none of it): our emphasis markers
    (``**未找到依据**``) dropped, the escapes of :func:`escape_md` undone (a document's own asterisks kept), and control
    characters (a document's ESC sequences) and word joiners removed."""
    plain = _ESCAPE_OR_EMPHASIS.sub(lambda m: m.group(0)[1] if m.group(0).startswith("\\") else "", markdown)
    return _CONTROL.sub("", plain)
