"""Shortened names of laws and regulations, as readers write them (pure functions).

A Chinese reader shortens a title by keeping some of its characters, in order, and its genre word:
工伤保险条例 → 工伤条例, 消费者权益保护法 → 消保法, 道路交通安全违法行为记分管理办法 → 交通违法记分办法. Two kinds of
name look the same and are not shortenings:

* a stretch of the title that is itself a complete name ending in the genre word (合同法 in 劳动合同法, 保险法 in
  社会保险法): such a name is another law's, so it never counts;
* the name of another real law whose characters happen to occur in order in the title (劳动法 in 劳动合同法): the
  list of real law names (``data/law_names.txt``, national laws and administrative regulations) says so.

A shortening names a document only when it fits exactly one document (two versions of one law are one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from assistant.text.textnorm import normalize

# The genre words that end the title of a law or regulation, longest first (法典 before 法, 办法 before 法).
LAW_GENRES = ("法典", "条例", "办法", "规定", "规则", "细则", "解释", "决定", "法")
_PREFIX = re.compile(r"^中华人民共和国|^(?:(?:最高人民法院|最高人民检察院|公安部|司法部|国家安全部)[、和与及]?)+关于")


def genre_of(name: str) -> str:
    """The genre word ``name`` ends with ('' if none). A title ending in 办法 is a 办法, not a 法."""
    return next((g for g in LAW_GENRES if name.endswith(g)), "")


def plain_title(title: str) -> str:
    """A title as shortenings are made from it: without 中华人民共和国, the issuing courts' 关于, and a trailing
    version or date note."""
    t = normalize(title)
    t = re.sub(r"[(（][^()（）]*[)）]$", "", t).strip()
    return _PREFIX.sub("", t)


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def is_shortening(name: str, title: str, known_names: Iterable[str] = ()) -> bool:
    """Is ``name`` a reader's shortening of ``title`` (see the module docstring)? ``title`` is plain
    (:func:`plain_title`); ``known_names`` are names of real laws (劳动法), which are never a shortening of another
    title. The part before the genre word keeps at least two characters; the name is not a stretch of the title."""
    name = normalize(name)
    genre = genre_of(name)
    if not genre or genre_of(title) != genre or name == title:
        return False
    core, title_core = name[: -len(genre)], title[: -len(genre)]
    if len(core) < 2 or name in title or core in ("本", "该", "此"):
        return False
    if name in known_names:
        return False
    return _in_order(core, title_core)


class Shortenings:
    """The shortened names of a library's documents, looked up in texts. ``titles``: ``{doc_id: (family key,
    plain title)}``; ``known_names``: names of real laws (never a shortening of another title). Titles are indexed
    by genre word and character, so a lookup reads only the titles holding every character of a name."""

    def __init__(self, titles: dict[str, tuple[str, str]], known_names: Iterable[str] = ()):
        self.titles = titles
        self.known = frozenset(known_names)
        self.by_char: dict[tuple[str, str], set[str]] = {}
        for doc_id, (_family, title) in titles.items():
            genre = genre_of(title)
            for ch in set(title[: -len(genre)] if genre else ""):
                self.by_char.setdefault((genre, ch), set()).add(doc_id)

    def families(self, name: str) -> dict[str, set[str]]:
        """``{family: doc ids}`` of the documents ``name`` is a shortening of."""
        genre = genre_of(name)
        core = name[: -len(genre)] if genre else ""
        if len(core) < 2 or name in self.known:
            return {}
        pools = [self.by_char.get((genre, ch), set()) for ch in set(core)]
        out: dict[str, set[str]] = {}
        for doc_id in set.intersection(*pools) if pools else set():
            family, title = self.titles[doc_id]
            if is_shortening(name, title, self.known):
                out.setdefault(family, set()).add(doc_id)
        return out

    def find(self, text: str, taken: list[bool] | None = None) -> list[tuple[int, int, set[str]]]:
        """The shortened names in ``text`` (normalised): (start, end, the ids of the one document family it fits),
        in text order; ``taken``: stretches of the text already read as other names (marked as these are read).
        Only where a text names a law: before a part (工伤条例第十四条), inside 《》, before 规定 (工伤条例中的规定,
        工伤条例是怎么规定的), after 依照/根据/按照/依据 — elsewhere a word that ends in 法 (违法, 办法) is an ordinary
        word. Of the endings of a run of characters ending in a genre word (请问工伤条例 → 问工伤条例, 工伤条例 …),
        the longest that fits one family is the name; an ending that is a real law's name (刑事诉讼法) is that law,
        and its own endings (事诉讼法) are not read."""
        taken = taken if taken is not None else [False] * len(text)
        found: list[tuple[int, int, set[str]]] = []
        for m in re.finditer(rf"(?=({'|'.join(LAW_GENRES)}))", text):
            end = m.start() + len(m.group(1))
            first = end - 1
            while first > 0 and end - first < 16 and "\u4e00" <= text[first - 1] <= "\u9fff" and not taken[first - 1]:
                first -= 1
            for start in range(first, end - 2):
                name = text[start:end]
                if name in self.known:
                    break
                if any(taken[start:end]) or not _names_a_law(text, start, end):
                    continue
                families = self.families(name)
                if len(families) == 1:
                    found.append((start, end, next(iter(families.values()))))
                    break
                if len(families) > 1:
                    break  # a longer ending that fits several documents: a shorter one would only guess
        out = []
        for start, end, ids in sorted(found, key=lambda f: f[0] - f[1]):  # longest first, each stretch once
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                out.append((start, end, ids))
        return sorted(out, key=lambda f: f[0])


def shortened_names(text: str, titles: dict[str, tuple[str, str]], known_names: Iterable[str] = (),
                    taken: list[bool] | None = None) -> list[tuple[int, int, set[str]]]:
    """:meth:`Shortenings.find` for one text."""
    return Shortenings(titles, known_names).find(text, taken)


_AFTER_NAME = re.compile(r"第[零一二三四五六七八九十百千\d]+[条章节编]|》|(?:中|里|上)?(?:的)?(?:有关|相关)?规定|(?:中|里)?(?:是)?怎么(?:规定|说)")
_BEFORE_NAME = re.compile(r"(?:《|依照|根据|按照|依据)$")


def _names_a_law(text: str, start: int, end: int) -> bool:
    return bool(_AFTER_NAME.match(text, end) or _BEFORE_NAME.search(text[:start]))


@cache
def known_law_names() -> frozenset[str]:
    """The names of real national laws and administrative regulations (``data/law_names.txt``, one per line,
    ``#`` comments), normalised."""
    text = (resources.files("assistant") / "data" / "law_names.txt").read_text(encoding="utf-8")
    return frozenset(normalize(line.split("#", 1)[0].strip()) for line in text.splitlines()
                     if line.split("#", 1)[0].strip())
