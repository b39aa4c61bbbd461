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


def escape_md(text: str) -> str:
    """``text`` as Markdown that renders as exactly this text and nothing else."""
    escaped = _LIST_START.sub(r"\1\2\\.", _MD_SPECIAL.sub(r"\\\1", text))
    return _AUTOLINK.sub(lambda m: (m.group(1) or "") + WJ, escaped)


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]<>()#+!|~$:=.])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2060]")


def for_terminal(markdown: str) -> str:
    """Markdown we produced, for a terminal (which renders none of it): the escapes of :func:`escape_md` undone
    and control characters (a document's ESC sequences) and word joiners removed."""
    return _CONTROL.sub("", _ESCAPED.sub(r"\1", markdown))
