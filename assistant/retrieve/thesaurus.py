"""Colloquial words -> statutory terms (data/thesaurus.txt), to search a question also by the words
a law uses (保释 -> 取保候审, 老赖 -> 失信被执行人); doctrinal terms -> the wording of the provision ruling on them
(data/doctrine.txt: 不安抗辩权 -> 经营状况严重恶化); and a person's age -> the statutory age thresholds around it.
Pure; the retriever adds the terms' scores to the question's own (LVJU_RETRIEVAL_THESAURUS_MIX) or ranks them on
their own (LVJU_RETRIEVAL_THESAURUS_WEIGHT)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from assistant.text.numerals import cn_to_int, int_to_cn
from assistant.text.textnorm import normalize


@cache
def _lines(name: str) -> tuple[str, ...]:
    """The lines of a data file, without comments and blanks."""
    text = (resources.files("assistant") / "data" / name).read_text(encoding="utf-8")
    return tuple(x for x in (line.split("#", 1)[0].strip() for line in text.splitlines()) if x)


def _read(name: str, separator: str) -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for line in _lines(name):
        if "=" not in line:
            continue
        word, terms = line.split("=", 1)
        word = normalize(word.strip().lstrip("~").strip())  # (~: a story word, see story_words)
        parts = terms.replace("，", ",").split(",") if separator == "," else terms.split(separator)
        targets = tuple(t for t in (normalize(x.strip()) for x in parts) if t)
        if word and targets:
            out.append((word, targets))
    return out


@cache
def entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The colloquial words of thesaurus.txt, each with its statutory terms (a word listed twice: its terms merged)."""
    return _merged(_read("thesaurus.txt", ","))


@cache
def colloquial_words() -> frozenset[str]:
    """The colloquial words of thesaurus.txt (its keys), as a set — read once."""
    return frozenset(word for word, _ in entries())


@cache
def story_words() -> frozenset[str]:
    """The thesaurus words marked ``~`` (~跑路 = 终止营业, …): words a story tells (跑路, 喝了酒, 办卡), searched by their
    statutory terms but never taken as the topic a question asks about — a library without those terms may still answer
    the question (老板跑路了拖欠工资怎么办: 拖欠劳动报酬)."""
    return frozenset(normalize(line.split("=", 1)[0][1:].strip()) for line in _lines("thesaurus.txt")
                     if line.startswith("~") and "=" in line)


@cache
def doctrine_entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The doctrinal terms of doctrine.txt (不安抗辩权 → 经营状况严重恶化: the wording of the provision ruling on what the
    term names), each with its phrases."""
    return _merged(_read("doctrine.txt", "|"))


def _merged(pairs: list[tuple[str, tuple[str, ...]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out: dict[str, list[str]] = {}
    for word, targets in pairs:
        out.setdefault(word, []).extend(t for t in targets if t not in out[word])
    # longest words first, then in one fixed order (never a set's, which differs per process)
    return tuple(sorted(((w, tuple(t)) for w, t in out.items()), key=lambda e: (-len(e[0]), e[0])))


def doctrine_terms(question: str, known=None) -> list[str]:
    """The statutory wording for the doctrinal terms of ``question`` (不安抗辩权, 表见代理) that the library does not use
    itself: searched as the question's own words, since the provision ruling on the term shares none of them."""
    return _expand(normalize(question), known, doctrine_entries())


@cache
def _by_first_char(table: tuple | None = None) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The entries (of the thesaurus, or of ``table``) by the first character of their key (a question is looked up
    by its own characters only)."""
    out: dict[str, list] = {}
    for entry in (entries() if table is None else table):
        out.setdefault(entry[0][0], []).append(entry)
    return {c: tuple(v) for c, v in out.items()}


_AGENT = re.compile(r"(?<=[\u4e00-\u9fff])的人")  # 担保的人, 打人的人: the agent nouns a thesaurus lists as 担保人


def expand(question: str, known=None) -> list[str]:
    """Statutory terms for the colloquial words of ``question`` that the question does not already use; an agent
    said with 的 (找担保的人) is read as the noun too (担保人 -> 保证人). ``known``: as in :func:`_expand`."""
    q = normalize(question)
    found = _expand(q, known)
    if _AGENT.search(q):
        found += [t for t in _expand(_AGENT.sub("人", q), known) if t not in found and t not in q]
    return found


def _expand(question: str, known=None, table: tuple | None = None) -> list[str]:
    """Statutory terms for the colloquial words of ``question`` that the question does not already use.

    ``known(word) -> bool``: whether the library itself uses a colloquial word; such a word already
    finds its clauses and is not expanded (老人 in a library that says 老人 needs no 老年人)."""
    from assistant.index.lexical import precise_words, word_bounds

    q = normalize(question)
    found: list[str] = []
    by_first = _by_first_char(table)
    candidates = sorted({e for c in set(q) for e in by_first.get(c, ()) if e[0] in q}, key=lambda e: (-len(e[0]), e[0]))
    if not candidates:
        return found
    taken = [False] * len(q)
    bounds = word_bounds(precise_words(q))  # a key counts where it is whole words of the question (上半年 holds no 半年, 被打扰 no 被打)
    for word, targets in candidates:  # longest first, as entries() is ordered
        start = q.find(word)
        while start >= 0:
            # (a key of four characters or more needs one side only: jieba's guess may join its edge to the word next
            # to it — 就要|不|回来 for …就要不回来 — while a shorter one must be whole: 上半年 holds no 半年, 造船公司 no
            # 船公司, 身份证明 no 身份证, 申请律师 no 请律师 — review finding)
            whole = (start in bounds and start + len(word) in bounds) or (
                len(word) >= 4 and (start in bounds or start + len(word) in bounds))
            if whole and not any(taken[start:start + len(word)]):
                for i in range(start, start + len(word)):
                    taken[i] = True
                if known is None or not known(word):
                    found += [t for t in targets if t not in q and t not in found]
            start = q.find(word, start + 1)
    return found


# The ages at which Chinese statutes change a person's standing (民事行为能力 8 / 18, 刑事责任 12 / 14 / 16,
# 未成年人 18, 老年人 60, 治安拘留 70, 刑罚 75): a statute states an age as a threshold (不满十四周岁, 已满十六周岁),
# a question as a person's age (一个13岁的孩子), which shares no words with it.
STATUTORY_AGES = (8, 12, 14, 16, 18, 60, 70, 75)
_NUM = r"\d{1,3}|[一二两三四五六七八九十百零]{1,5}"
_AGE = re.compile(
    rf"(?P<pre>不满|未满|不到|不足|未到|将近|快|已满|年满|刚满|满|超过)?\s*(?<![第\d零〇一二两三四五六七八九十百])"
    rf"(?P<a>{_NUM})(?:\s*(?:-|—|~|～|到|至)\s*(?P<b>{_NUM}))?\s*周?岁(?!月)(?P<post>以上|以下|以内)?")
_UNDER, _OVER = ("不满", "未满", "不到", "不足", "未到", "将近", "快"), ("已满", "年满", "刚满", "满", "超过")
_DIGITS = "一二三四五六七八九"


def _ages(text: str) -> list[int]:
    """'13' -> [13]; '十三' -> [13]; an approximate age of two neighbouring numbers -> both: '十七八' -> [17, 18],
    '七八' -> [7, 8]."""
    if len(text) == 3 and text[0] in _DIGITS and text[1] in _DIGITS and text[2] == "十":  # 六七十: sixty or seventy
        return [10 * (_DIGITS.index(text[0]) + 1), 10 * (_DIGITS.index(text[1]) + 1)] if (
            _DIGITS.index(text[1]) == _DIGITS.index(text[0]) + 1) else []
    if len(text) >= 2 and text[-1] in _DIGITS and text[-2] in _DIGITS:  # two digits side by side: never one numeral
        if _DIGITS.index(text[-1]) != _DIGITS.index(text[-2]) + 1:
            return []
        try:
            first = cn_to_int(text[:-1])
        except ValueError:
            return []
        return [first, first + 1]
    try:
        return [cn_to_int(text)]
    except ValueError:
        return []


def age_terms(question: str) -> list[str]:
    """The statutory wording for the ages a question states. A person's age gives the thresholds around it (13岁 ->
    已满十二周岁, 不满十四周岁; 十三四岁 or 13到14岁: those of each); an age stated as a limit gives the statute's form of
    it (不到14岁, 14岁以下 -> 不满十四周岁; 年满75岁, 75岁以上 -> 已满七十五周岁)."""
    q = normalize(question)
    out: list[str] = []
    for m in _AGE.finditer(q):
        ages = _ages(m.group("a")) + (_ages(m.group("b")) if m.group("b") else [])
        ages = [a for a in ages if 0 < a <= 120]
        if not ages:
            continue
        pre, post = m.group("pre"), m.group("post")
        if pre in _UNDER or post in ("以下", "以内"):
            terms = [f"不满{int_to_cn(max(ages))}周岁"]
        elif pre in _OVER or post == "以上":
            terms = [f"已满{int_to_cn(min(ages))}周岁"]
        else:
            terms = []
            for age in ages:
                below = [a for a in STATUTORY_AGES if a <= age]
                above = [a for a in STATUTORY_AGES if a > age]
                terms += ([f"已满{int_to_cn(below[-1])}周岁"] if below else []) + (
                    [f"不满{int_to_cn(above[0])}周岁"] if above else [])
        for t in terms:
            if t not in q and t not in out:
                out.append(t)
    return out


def question_terms(asking: str, known=None) -> list[str]:
    """The statutory terms for the colloquial words and the ages of ``asking`` (the sentences of a question that ask):
    what the retriever scores beside the question's own words and the drafter weighs in choosing sentences."""
    return expand(asking, known=known) + age_terms(asking)
