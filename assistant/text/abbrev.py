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
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from importlib import resources

from assistant.text.textnorm import normalize

# The genre words that end the title of a law or regulation, longest first (法典 before 法, 办法 before 法).
LAW_GENRES = ("法典", "条例", "办法", "规定", "规则", "细则", "解释", "决定", "安排", "批复", "法")
_PREFIX = re.compile(r"^中华人民共和国|^(?:(?:最高人民法院|最高人民检察院|公安部|司法部|国家安全部)[、和与及]?)+关于")


# a genre word as it is often mistyped (条列 for 条例: the same component, a near sound): read as the genre word
GENRE_SLIPS = (("条列", "条例"),)


def genre_of(name: str) -> str:
    """The genre word ``name`` ends with ('' if none). A title ending in 办法 is a 办法, not a 法."""
    return next((g for g in LAW_GENRES if name.endswith(g)), "")


def plain_title(title: str) -> str:
    """A title as shortenings are made from it: without 中华人民共和国, the issuing courts' 关于, and a trailing
    version or date note."""
    t = normalize(title)
    t = re.sub(r"[(（][^()（）]*[)）]$", "", t).strip()
    # (and inside it: 适用《中华人民共和国民事诉讼法》的解释 — whose 人民 would let 民事诉讼法 fit the 刑事诉讼法's too)
    return _PREFIX.sub("", t).replace("中华人民共和国", "")


def in_order(short: str, long: str) -> bool:
    """Are the characters of ``short`` in ``long``, in their order (交通肇事逃逸 in 交通运输肇事后逃逸)?"""
    it = iter(long)
    return all(ch in it for ch in short)


# the supreme court's and procuratorate's documents that readers call 司法解释 whatever their genre word (规定, 决定)
_COURTS = re.compile(r"^(?:最高人民法院|最高人民检察院)")
_COURT_GENRES = ("规定", "解释", "决定", "规则")


def court_document(family: str, title: str) -> bool:
    """Is this a 司法解释 by its issuer (最高人民法院/最高人民检察院 …关于…的规定/决定/解释)? ``family``: the full title."""
    return bool(_COURTS.match(normalize(family))) and genre_of(title) in _COURT_GENRES


def is_shortening(name: str, title: str, known_names: Iterable[str] = (), court: bool = False) -> bool:
    """Is ``name`` a reader's shortening of ``title`` (see the module docstring)? ``title`` is plain
    (:func:`plain_title`); ``known_names`` are names of real laws (劳动法), which are never a shortening of another
    title. The part before the genre word keeps at least two characters besides words any title may hold (法律,
    适用, 若干 …); a stretch of a law's title (ending in 法) is a shortening only with four characters or more before
    the genre word (交通安全法 for 道路交通安全法; 合同法 in 劳动合同法 is another law's name); a regulation's (盘问规定
    for 公安机关适用继续盘问规定) is one unless the list names it. ``court``: the title is a supreme court's or
    procuratorate's (:func:`court_document`), which readers call (司法)解释 whatever its genre word (人脸识别解释 for
    …关于审理使用人脸识别技术…的规定)."""
    name = normalize(name)
    genre = genre_of(name)
    title_genre = genre_of(title)
    if court and genre == "解释" and title_genre in _COURT_GENRES:
        core = name[: -len("司法解释")] if name.endswith("司法解释") else name[: -len("解释")]
        if len(_GENERIC.sub("", core)) < 2 or name in known_names or name == title:
            return False
        body = title[: -len(title_genre)]
        # …犯罪解释 for …办理X刑事案件…的解释 (计算机犯罪解释): readers name the cases by the crime
        # (besides 犯罪, two characters of the name's own: 犯罪解释 alone names no one interpretation — review finding)
        return in_order(core, body) or ("犯罪" in core and "刑事案件" in body
                                          and len(_GENERIC.sub("", core.replace("犯罪", ""))) >= 2
                                          and in_order(core.replace("犯罪", "刑事案件"), body))
    if not genre or title_genre != genre or name == title:
        return False
    core, title_core = name[: -len(genre)], title[: -len(genre)]
    if name.endswith("司法解释") and not title.endswith("司法解释"):  # 民诉法司法解释: how readers call any court's 解释
        core = name[: -len("司法解释")]
    if len(_GENERIC.sub("", core)) < 2 or core in ("本", "该", "此"):  # 法律规定, 有关规定: no name
        return False
    # a stretch of the title ending in 法 is another law's name unless it keeps four characters (合同法 in 劳动合同法;
    # 交通安全法 is a shortening); a 规定/办法/条例's stretch is how readers cite it (盘问规定) — real regulations' names
    # are in the list
    if name in known_names:
        return False
    if name in title and genre in ("法", "法典") and len(core) < 4 and not _ends_one_law(name, title, known_names):
        return False
    return in_order(core, title_core)


# what turns a law's name into the name of another document made under it: 招标投标法 + 实施条例, 劳动合同法 + 实施条例,
# 刑事诉讼法 + 解释 / 若干问题的解释, 治安管理处罚法 + 释义 are other documents than the law
_ORDINAL = re.compile(r"\s*[(（][一二三四五六七八九十]{1,3}[)）]")
_GOES_ON = re.compile(r"(?:的)?(?:实施|施行)?(?:条例|细则|办法|规定|规则|解释|司法解释|释义|决定|若干(?:问题|规定))")


def name_goes_on(text: str, end: int) -> bool:
    """Does the name ending at ``end`` in ``text`` go on into a longer name (招标投标法实施条例, 劳动合同法实施细则, and an
    alias read short: 民诉 in 民诉法司法解释, 劳动合同 in 劳动合同法实施办法)? Then it does not name its own document there.
    Not for a name followed by 规定 as a verb (刑法规定, 刑法的规定): those read 规定 alone, which names nothing after a
    law's name."""
    if text.startswith("法", end) and not text.startswith(("法院", "法律", "法规", "法官", "法庭", "法定"), end):
        return True  # 民诉 | 法…: the name is the longer 民诉法
    if _ORDINAL.match(text, end):
        return True  # …解释 | （一）: the first of a numbered series, not the one whose name stops before it
    m = _GOES_ON.match(text, end)
    return bool(m) and not re.fullmatch(r"(?:的)?规定", m.group(0))


# words any title may hold that name nothing of its own (…适用法律若干问题的规定): a "shortening" made of them is a phrase
_GENERIC = re.compile(r"法律|法规|国家|有关|相关|适用|若干|问题|关于|具体|应用|办理|审理|案件|实施|管理|规定|的")


def _ends_one_law(name: str, title: str, known_names: Iterable[str]) -> bool:
    """A short stretch ending a real law's title (调解法 of 人民调解法) names it when no other real law's name ends with
    it — 保护法 or 安全法 end a dozen; without the list of real laws, never (合同法 in 劳动合同法 could be a law's own)."""
    known = set(known_names)
    return title in known and title.endswith(name) and not any(k.endswith(name) and k != title for k in known)


def name_starts(text: str, end: int, words: Callable[[str], list[str]] | None = None,
                taken: list[bool] | None = None) -> tuple[int, list[int]]:
    """Where a shortened name ending at ``end`` may start: (the start of the run of Chinese characters before ``end`` —
    at most 15, none already ``taken`` —, the starts leaving three characters or more, longest first); with ``words`` (a
    segmenter) only where a word starts (处理程序规定 gives 程序规定, never 理程序规定)."""
    first = end - 1
    while first > 0 and end - first < 16 and "\u4e00" <= text[first - 1] <= "\u9fff" and not (taken and taken[first - 1]):
        first -= 1
    starts = list(range(first, end - 2))
    if words is not None:
        at, bounds = first, {first}
        for w in words(text[first:end]):
            at += len(w)
            bounds.add(at)
        starts = [x for x in starts if x in bounds]
    return first, starts


class Shortenings:
    """The shortened names of a library's documents, looked up in texts. ``titles``: ``{doc_id: (family key,
    plain title)}``; ``known_names``: names of real laws (never a shortening of another title). Titles are indexed
    by genre word and character, so a lookup reads only the titles holding every character of a name."""

    def __init__(self, titles: dict[str, tuple[str, str]], known_names: Iterable[str] = ()):
        self.titles = titles
        self.known = frozenset(known_names)
        self.by_char: dict[tuple[str, str], set[str]] = {}
        # the number of one of a series (…的解释（二）): a shortening that gives a number fits only that one
        self.numbers = {doc_id: m.group(1) for doc_id, (family, _t) in titles.items()
                        if (m := _SERIES_NUMBER.search(normalize(family)))}
        for doc_id, (family, title) in titles.items():
            genre = genre_of(title)
            for g in {genre} | ({"解释"} if court_document(family, title) else set()):
                for ch in set(title[: -len(genre)] if genre else ""):
                    self.by_char.setdefault((g, ch), set()).add(doc_id)

    def families(self, name: str, number: str = "") -> dict[str, set[str]]:
        """``{family: doc ids}`` of the documents ``name`` is a shortening of (with ``number``, of that number of a
        series only: 生产安全解释(二))."""
        genre = genre_of(name)
        core = name[: -len(genre)] if genre else ""
        if name.endswith("司法解释"):  # (see is_shortening)
            core = name[: -len("司法解释")]
        if len(core) < 2 or name in self.known:
            return {}
        chars = set(core.replace("犯罪", "")) if genre == "解释" else set(core)  # (计算机犯罪解释: see is_shortening)
        pools = [self.by_char.get((genre, ch), set()) for ch in chars]
        out: dict[str, set[str]] = {}
        for doc_id in set.intersection(*pools) if pools else set():
            if number and self.numbers.get(doc_id) != number:
                continue
            family, title = self.titles[doc_id]
            if is_shortening(name, title, self.known, court=court_document(family, title)):
                out.setdefault(family, set()).add(doc_id)
        return out

    def find(self, text: str, taken: list[bool] | None = None,
             words: Callable[[str], list[str]] | None = None) -> list[tuple[int, int, set[str]]]:
        """The shortened names in ``text`` (normalised): (start, end, the ids of the one document family it fits),
        in text order; ``taken``: stretches of the text already read as other names (marked as these are read).
        Only where a text names a law: before a part (工伤条例第十四条), inside 《》, before 规定 (工伤条例中的规定,
        工伤条例是怎么规定的), after 依照/根据/按照/依据 — elsewhere a word that ends in 法 (违法, 办法) is an ordinary
        word. Of the endings of a run of characters ending in a genre word (请问工伤条例 → 问工伤条例, 工伤条例 …),
        the longest that fits one family is the name; an ending that is a real law's name (刑事诉讼法) is that law,
        and its own endings (事诉讼法) are not read. With ``words`` (a segmenter), an ending starts only where a word
        does (处理程序规定 gives 程序规定, never 理程序规定); inside 《》 only the whole title counts; a 法 that goes on
        into a word (法院, 法律, 法规) ends no name."""
        taken = taken if taken is not None else [False] * len(text)
        found: list[tuple[int, int, set[str]]] = []
        for m in re.finditer(rf"(?=({'|'.join(LAW_GENRES)}))", text):
            end = m.start() + len(m.group(1))
            if text.endswith("法", 0, end) and _WORD_AFTER_FA.match(text, end):
                continue
            first, starts = name_starts(text, end, words, taken)
            numbered = _NUMBER_AFTER.match(text, end)  # 生产安全解释(二)第七条, 公司法解释三第十条
            stop = numbered.end() if numbered else end
            if text.endswith("《", 0, first):  # a title in 《》: whole, or nothing
                starts = [first] if text.startswith("》", stop) else []
            for start in starts:
                name = text[start:end]
                if name in self.known:
                    break
                if any(taken[start:stop]) or not _names_a_law(text, start, stop):
                    continue
                families = self.families(name, (numbered.group(1) or numbered.group(2)) if numbered else "")
                if len(families) == 1:
                    found.append((start, stop, next(iter(families.values()))))
                    break
                if len(families) > 1:
                    break  # a longer ending that fits several documents: a shorter one would only guess
        out = []
        for start, end, ids in sorted(found, key=lambda f: f[0] - f[1]):  # longest first, each stretch once
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                out.append((start, end, ids))
        return sorted(out, key=lambda f: f[0])


def shortenings_for(titles: dict[str, tuple[str, str]]) -> Shortenings:
    """The index for a library's titles, built once per library state (a checker's index of names is made per
    question; its shortenings are not)."""
    return _shortenings(tuple(sorted(titles.items())))


@lru_cache(maxsize=8)
def _shortenings(items: tuple) -> Shortenings:
    return Shortenings(dict(items), known_law_names())


def shortened_names(text: str, titles: dict[str, tuple[str, str]], known_names: Iterable[str] = (),
                    taken: list[bool] | None = None,
                    words: Callable[[str], list[str]] | None = None) -> list[tuple[int, int, set[str]]]:
    """:meth:`Shortenings.find` for one text."""
    return Shortenings(titles, known_names).find(text, taken, words)


# a series' number in a title (…若干问题的解释(二)), and after a shortened name (生产安全解释(二), 生产安全解释二第七条)
_SERIES_NUMBER = re.compile(r"\(([一二三四五六七八九十]+)\)$")
_NUMBER_AFTER = re.compile(r"\(([一二三四五六七八九十]+)\)|([一二三四五六七八九十]{1,2})(?=第|》)")

# (and a question about the document itself: 保护令规定什么时候开始施行, …的施行日期)
_AFTER_NAME = re.compile(r"第[零一二三四五六七八九十百千\d]+[条章节编]|》|(?:中|里|上)?(?:的)?(?:有关|相关)?规定|(?:中|里)?(?:是)?怎么(?:规定|说)"
                         r"|(?:分别|各自|都)?(?:是)?(?:从)?(?:什么时候|何时|哪天|哪一天|几号)(?:开始|起)?(?:施行|生效|实施|发布|出台)"
                         r"|(?:对|在|关于)?[^，,。？?]{0,12}?(?:分别|各自)"  # (甲条例和乙条例(对罚款)分别…: the second of names compared)
                         r"|(?:的)?(?:施行|生效|实施|发布)(?:日期|时间)")


_WORD_AFTER_FA = re.compile(r"[院律官庭治制学典人理]|规(?!定)")  # 法院, 法律, 法规 … (but 刑法规定)


def _names_a_law(text: str, start: int, end: int) -> bool:
    # (…and the first of names compared: 甲条例和乙条例分别…)
    return bool(_AFTER_NAME.match(text, end) or text.endswith(("《", "依照", "根据", "按照", "依据"), 0, start)
                or (text[end:end + 1] in ("和", "与", "及", "、") and re.search(r"分别|各自", text[end:])))


@cache
def known_law_names() -> frozenset[str]:
    """The names of real national laws and administrative regulations (``data/law_names.txt``, one per line,
    ``#`` comments), normalised."""
    text = (resources.files("assistant") / "data" / "law_names.txt").read_text(encoding="utf-8")
    return frozenset(normalize(line.split("#", 1)[0].strip()) for line in text.splitlines()
                     if line.split("#", 1)[0].strip())


def char_readings(ch: str) -> frozenset[str]:
    """The Mandarin readings of one character, tones left out (助 → {zhu, chu}); empty for a character with none."""
    return _readings(ch)


@cache
def _readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(r for r in (got[0] if got else []) if r and r != ch)


def _homophones(a: str, b: str, readings: Callable[[str], frozenset[str]]) -> bool:
    return a != b and bool(readings(a) & readings(b))


def _fits_with_one_sound_alike(core: str, title_core: str, readings: Callable[[str], frozenset[str]]) -> bool:
    """Do the characters of ``core`` occur in order in ``title_core`` with exactly one of them replaced by a character
    read the same (援主 in 法律援助: 主 for 助, both zhu)? Leftmost matches are taken, which finds a fit when one exists."""
    for i, ch in enumerate(core):
        it = iter(title_core)
        if not all(c in it for c in core[:i]):
            return False  # (the prefix fits nowhere: no later position fits either)
        rest = "".join(it)
        for j, t in enumerate(rest):
            if _homophones(ch, t, readings) and in_order(core[i + 1:], rest[j + 1:]):
                return True
    return False


def misheard_titles(name: str, titles: dict[str, str], known_names: Iterable[str] = (),
                    readings: Callable[[str], frozenset[str]] = char_readings) -> list[str]:
    """The documents a name the library lacks may have meant, typed with one character of another that sounds the same
    (an input method's slip: 援主条例 for 法律援助条例, 治按管理处罚法 for 治安管理处罚法). ``titles``: doc id → plain title
    (:func:`plain_title`); ``known_names``: real laws' names, which are never a slip (a reader naming 公务员法 means
    it). The name must keep its genre word (条例 for a 条例) and, besides the slipped character, one character of its own
    that is no word any title may hold; a name that already fits a title as a shortening is no slip. Returns the ids of
    the documents whose plain titles fit (several when one title is stored in several versions)."""
    name = normalize(name).strip("《》")
    for slip, genre_word in GENRE_SLIPS:  # a genre word typed with a slip (森林防火条列): the name with the genre word
        if name.endswith(slip) and len(name) > len(slip) + 1:
            name = name[: -len(slip)] + genre_word
            exact = [doc_id for doc_id, title in titles.items() if title == name]
            if exact:
                return exact
    genre = genre_of(name)
    known = set(known_names)
    if not genre or name in known:
        return []
    core = name[: -len(genre)]
    if len(core) < 2 or len(_GENERIC.sub("", core)) < 2:
        return []
    out = []
    for doc_id, title in titles.items():
        if genre_of(title) != genre or name == title:
            continue
        title_core = title[: -len(genre)]
        if in_order(core, title_core):
            return []  # (a shortening of a stored title — not a slip; the caller found no document for other reasons)
        if _fits_with_one_sound_alike(core, title_core, readings):
            out.append(doc_id)
    return out
