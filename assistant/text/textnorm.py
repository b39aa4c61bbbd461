"""Pure text normalisation shared by parsing, retrieval and citation checking.

``normalize`` is the one function that makes two pieces of text comparable:
Markdown markup removed, Traditional -> Simplified (zhconv), full-width -> half-width
(NFKC), whitespace collapsed.  Everything that compares text goes through it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import zhconv

_MARKUP_HEAD = re.compile(r"^\s*#{1,6}\s*")
_BOLD = re.compile(r"\*\*|__")
_WS = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,12}\](?!:)")


def strip_markup(line: str) -> str:
    """Remove Markdown heading marks and bold markers; trim all kinds of blanks."""
    line = _MARKUP_HEAD.sub("", line)
    line = _BOLD.sub("", line)
    line = _FOOTNOTE_REF.sub("", line)  # …开展案件质量评价[^1]，: the marker is Markdown, not text
    return line.strip(" \t\r\n\u00a0\u3000")


def to_simplified(text: str) -> str:
    return zhconv.convert(text, "zh-cn")


def width_normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


# 笫 (a bed) typed or scanned for 第 before a part's number (笫五十四条 清算组成员…: a real law's line, which became the
# article before's 款 — and its 第五十四条 "不存在"; 依照本法笫十条 in a text or a question): read as 第
TYPO_DI = re.compile(r"(?<!床)笫(?=\s?[零〇一二两三四五六七八九十百千万\d]+\s?[条章节编款项])")


@lru_cache(maxsize=20000)
def _normalize_line(line: str) -> str:
    return TYPO_DI.sub("第", width_normalize(to_simplified(collapse_ws(strip_markup(line)))))


def normalize(text: str) -> str:
    """Comparable form of any clause or statement text (see module doc). Line by line (no conversion
    entry spans a line break), each line's form kept a while: an ingest normalises a clause's lines for
    its index text and again for its embedding, a query its clauses' lines again and again."""
    return "\n".join(x for x in map(_normalize_line, text.splitlines()) if x)


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def traditional_ratio(text: str) -> float:
    """Share of CJK characters that change under Traditional->Simplified conversion."""
    sample = _NOT_CJK.sub("", text)[:20000]
    if not sample:
        return 0.0
    chars = sorted(set(sample))
    # per character (lengths stay aligned), in one call: no conversion entry spans a line break
    mapping = dict(zip(chars, to_simplified("\n".join(chars)).split("\n")))
    changed = sum(sample.count(ch) for ch in chars if mapping[ch] != ch)
    return changed / len(sample)


def detect_script(text: str) -> str:
    """'traditional' or 'simplified' (Traditional text changes in well over 5% of characters)."""
    return "traditional" if traditional_ratio(text) > 0.05 else "simplified"
