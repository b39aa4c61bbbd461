"""Vocabularies of the 公文 and legislative genre, defined once.

``GENRE_WORDS``: the last word of a document title that names its genre (意见, 办法, 规定 …),
longest first so that a regex alternation prefers 实施办法 over 办法.
"""

from __future__ import annotations

GENRE_WORDS = (
    "实施意见", "实施办法", "实施方案", "工作意见",
    "意见", "方案", "办法", "规定", "细则", "决定", "条例", "规则", "通知", "纲要", "规划", "计划", "要点",
    "措施", "指引", "指南", "规范", "公告", "通告", "批复",
)
GENRE_ALTERNATION = "|".join(GENRE_WORDS)

# The genres a question usually names a policy document by (…的工作意见提出了什么？): matching the wider
# list here would take words such as 措施 or 要点 in a question for the name of a missing document.
QUESTION_GENRE_WORDS = ("实施意见", "实施办法", "实施方案", "工作意见", "意见", "方案", "办法", "规定", "细则")
QUESTION_GENRE_ALTERNATION = "|".join(QUESTION_GENRE_WORDS)
