"""References to documents and their parts in a question: 刑事诉讼法第八十一条第三款, 刑法第二百五十三条之一,
第二百八十条至第二百八十三条, 第81条, 第十章第二节, with the document named in full, by its citation name,
or by a common abbreviation (刑诉法, 高检规则 …).

Pure functions: :func:`parse_references` finds the references in a question; :class:`DocumentNames`
knows the names of the documents in the store (generated from their titles, plus the editable alias
file ``data/aliases.txt``) and resolves a name to documents, preferring the current version of a
versioned pair (规则 over 规则（试行）).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from assistant.text.abbrev import (
    GENRE_SLIPS,
    Shortenings,
    genre_of,
    known_law_names,
    name_goes_on,
    name_starts,
    plain_title,
    shortenings_for,
)
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.text.punct import outer_title_marks
from assistant.text.spans import claim
from assistant.text.textnorm import normalize
from assistant.text.vocab import GENRE_ALTERNATION, ISSUER_WORDS, sole_genre_names

_N = rf"(?:\d+|[{CN_NUMERAL_CHARS}]+)"
RE_ARTICLE_REF = re.compile(
    rf"第\s?({_N})\s?条(?:之({_N}))?"
    rf"(?:\s*(?:至|到|-|—|～|~)\s*第?\s?({_N})\s?条(?:之({_N}))?)?"  # a range: 第二百八十条至第二百八十三条
    rf"(?:第({_N})款)?(?:第[(（]?({_N})[)）]?项)?(?:第({_N})目)?"
)
RE_CHAPTER_REF = re.compile(rf"(?:第({_N})编)?第({_N})章(?:第({_N})节)?")  # (a code's chapters are numbered within each 编)
# a range written short (第16-18条, 第十六至十八条): one 条 after both numbers
RE_SHORT_RANGE = re.compile(rf"第\s?({_N})\s?(?:至|到|-|—|～|~)\s?第?\s?({_N})\s?条")
# a part of a policy document as its label names it (第二部分, 第二部分第（二）项, 第三部分第4条, 第五部分第1段)
RE_PART_REF = re.compile(rf"第({_N})部分(?:第[(（]?({_N})[)）]?(项|条|段))?")
_VERSION = re.compile(r"[(（](试行|暂行|草案|征求意见稿)[)）]")
_DATE_NOTE = re.compile(r"[(（]\d{4}[^()（）]*[)）]|\(\d{4}-\d{2}-\d{2}\)")


def _int(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else cn_to_int(text)


@dataclass(frozen=True)
class ArticleRef:
    article: int
    suffix: int | None = None
    paragraph: int | None = None
    subitem: int | None = None
    point: int | None = None
    to_article: int | None = None  # the end of a range (inclusive)
    span: tuple[int, int] = (0, 0)  # where in the normalised question

    def articles(self) -> list[tuple[int, int | None]]:
        if self.to_article is None or self.to_article < self.article:
            return [(self.article, self.suffix)]
        return [(n, None) for n in range(self.article, min(self.to_article, self.article + 50) + 1)]


@dataclass(frozen=True)
class PartRef:
    """第二部分第（二）项: a part of a document divided into 一、二、… parts, matched against the clauses' labels."""

    part: int
    item: int | None = None
    kind: str | None = None  # 项 | 条 | 段
    span: tuple[int, int] = (0, 0)

    def label(self) -> str:
        from assistant.text.numerals import int_to_cn

        head = f"第{int_to_cn(self.part)}部分"
        if self.item is None:
            return head
        return head + (f"第({int_to_cn(self.item)})项" if self.kind == "项" else f"第{self.item}{self.kind}")


@dataclass(frozen=True)
class ChapterRef:
    chapter: int
    division: int | None = None
    span: tuple[int, int] = (0, 0)
    book: int | None = None  # the 编 named before it (刑事诉讼法第二编第三章)


def parse_references(question: str) -> list[ArticleRef | ChapterRef | PartRef]:
    """The part references in a question, in order (on its normalised form: half-width, Simplified)."""
    q = normalize(question)
    out: list[ArticleRef | ChapterRef | PartRef] = []
    taken: list[tuple[int, int]] = []
    for m in RE_SHORT_RANGE.finditer(q):
        a, b = _int(m.group(1)), _int(m.group(2))
        if a and b:
            out.append(ArticleRef(a, to_article=b, span=(m.start(), m.end())))
            taken.append((m.start(), m.end()))
    for m in RE_PART_REF.finditer(q):
        p = _int(m.group(1))
        if p:
            out.append(PartRef(p, _int(m.group(2)), m.group(3), (m.start(), m.end())))
            taken.append((m.start(), m.end()))
    for m in RE_ARTICLE_REF.finditer(q):
        a = _int(m.group(1))
        if not a or any(s <= m.start() < e for s, e in taken):  # inside a short range or a part reference
            continue
        out.append(ArticleRef(a, _int(m.group(2)), _int(m.group(5)), _int(m.group(6)), _int(m.group(7)),
                              _int(m.group(3)), (m.start(), m.end())))
    for m in RE_CHAPTER_REF.finditer(q):
        c = _int(m.group(2))
        if c:
            out.append(ChapterRef(c, _int(m.group(3)), (m.start(), m.end()), book=_int(m.group(1))))
    return sorted(out, key=lambda r: r.span)


@cache
def _alias_file() -> tuple[tuple[str, str], ...]:
    """(alias, name) pairs of data/aliases.txt: ``刑诉法 = 刑事诉讼法`` (one per line, # comments)."""
    text = (resources.files("assistant") / "data" / "aliases.txt").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            alias, name = (x.strip() for x in line.split("=", 1))
            if alias and name:
                pairs.append((normalize(alias), normalize(name)))
    return tuple(pairs)


def alias_pairs() -> tuple[tuple[str, str], ...]:
    """The (alias, name) pairs of the editable alias file, normalised."""
    return _alias_file()


def is_word_alias(alias: str) -> bool:
    """An alias with no genre word at its end (行政复议 for 行政复议法, 劳动合同, 证券, 刑诉): the subject of the law as
    much as its name — it names the document only right before a part reference (行政复议第九条) or inside 《》; elsewhere
    (多少天内可以申请行政复议) it is the subject asked about (a trial: the question was read as naming the law and
    asking nothing)."""
    return not genre_of(normalize(alias))


def names_there(q: str, start: int, end: int) -> bool:
    """Does the stretch ``q[start:end]`` stand where a word alias names a document: right before a part (第…) or in 《》?"""
    return bool(_PART_AFTER.match(q, end)) or (start > 0 and q[start - 1] == "《" and q.startswith("》", end))


_PART_AFTER = re.compile(r"第[零〇一二两三四五六七八九十百千\d]+[条章节编款项]")  # (not 第一次, 第二年: review finding)


def generated_names(title: str, short_name: str = "") -> set[str]:
    """The names a reader uses for a document, from its title: the title, without 中华人民共和国,
    without a version or date note, without the issuing courts/procuratorates' 关于 prefix."""
    names = set()
    for base in {normalize(title), normalize(short_name or title)}:
        if not base:
            continue
        plain = _DATE_NOTE.sub("", _VERSION.sub("", base)).strip()
        for n in (base, plain):
            names.add(n)
            if n.startswith("中华人民共和国") and len(n) > 7:
                names.add(n[7:])
            m = re.match(r"^(?:最高人民法院|最高人民检察院|[、和与及]|公安部|司法部|国家安全部)+关于(.+)$", n)
            if m:
                names.add(m.group(1))
            # 北京市法律援助条例 -> 法律援助条例: local regulations are cited without their place where
            # the context is clear (a library with several such 条例 gets a note naming the one used)
            m = re.match(r"^[\u4e00-\u9fff]{2,4}?(?:省|市|自治区)(.{4,})$", n)
            if m and re.search(r"(?:条例|规定|办法|细则)$", m.group(1)):
                names.add(m.group(1))
            # …关于办理盗窃刑事案件适用法律若干问题的解释 -> 盗窃解释 (how such interpretations are cited)
            # (诈骗案件解释, 诈骗司法解释, 诈骗刑事案件解释, and with the issuers as readers shorten them: 两高诈骗解释 for a
            # joint interpretation of the two courts, 最高法…/最高检… for one of them)
            m = re.search(r"关于(?:办理|审理)(.{2,12}?)((?:刑事|民事|行政)?)案件.*?(解释|规定)(?:\(([一二三四五六七八九十]+)\))?$", n)
            if m and m.group(1) not in ("刑事", "民事", "行政"):  # 关于办理刑事案件…的规定 names no topic
                topic, field_, kind, number = m.groups()
                issuers = n.split("关于", 1)[0]  # the short forms name these issuers alone, not with 公安部 …
                prefix = {"最高人民法院、最高人民检察院": "两高", "最高人民检察院、最高人民法院": "两高",
                          "最高人民法院": "最高法", "最高人民检察院": "最高检"}.get(issuers, "")
                middles = {"", "案件", field_ + "案件"}
                forms = {m + kind for m in middles}
                if kind == "解释" or prefix:  # a courts' 规定 is a judicial interpretation too (民间借贷司法解释)
                    forms |= {m + "司法解释" for m in middles}
                # one of a numbered series: also with its number (危害生产安全解释(二), 劳动争议司法解释一)
                ends = {"", f"({number})", number} if number else {""}
                for form in forms:
                    for end in ends:
                        names.add(topic + form + end)
                        if prefix:
                            names.add(prefix + topic + form + end)
            # …关于适用《中华人民共和国民事诉讼法》的解释 -> 民事诉讼法解释 / 民事诉讼法司法解释; …关于适用《中华人民共和国公司法》
            # 若干问题的规定(三) -> 公司法规定(三), 公司法解释(三), 公司法司法解释三; …《中华人民共和国民法典》婚姻家庭编的解释(一)
            # -> 民法典婚姻家庭编解释(一), 婚姻家庭编解释(一): how the interpretations of one law are cited, numbered
            # where the series is (a name without its number would be every one of them)
            m = re.match(r"^(?:最高人民法院|最高人民检察院|、)+关于适用《(?:中华人民共和国)?([^《》]{2,20})》"
                         r"([\u4e00-\u9fff]{2,6}编)?(?:若干问题)?的(解释|规定)(?:\(([一二三四五六七八九十]+)\))?$", n)
            if m:
                law, book, kind, number = m.groups()
                kinds = {kind, "解释", "司法解释"}
                ends = {f"({number})", number} if number else {""}
                for stem in {law + (book or ""), *({book} if book else set())}:
                    names.update(stem + k + e for k in kinds for e in ends)
    return {n for n in names if len(n) >= 2}


# a name ending in a series' number written bare (公司法解释三): read only right before 第 or 》
_BARE_NUMBER_END = re.compile(r"(?:解释|规定)[一二三四五六七八九十]+$")


def _names_text(question: str) -> str:
    """A question as names are looked up in it: normalised, a title inside a title (〈中华人民共和国公司法〉, as labels
    write it) read with the marks the library's titles have, a genre word typed with a slip read as the genre word
    (森林防火条列 → 森林防火条例: :data:`GENRE_SLIPS`) — the same length, so offsets hold."""
    return genre_slip_read(outer_title_marks(normalize(question)))


def _genre_slip_pattern() -> re.Pattern:
    slips = "|".join(re.escape(slip) for slip, _right in GENRE_SLIPS)
    return re.compile(rf"(?<=[\u4e00-\u9fff])(?:{slips})(?=第|》|的|中|里|规定|是|有|关于|对|[，,。？?！!\s]|$)")


_GENRE_SLIP = _genre_slip_pattern()


def genre_slip_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` (normalised) ends a name with a genre word typed with a slip (森林防火条列第十条: 条列)."""
    return [m.span() for m in _GENRE_SLIP.finditer(text)]


def genre_slip_read(text: str) -> str:
    """``text`` with each genre word typed with a slip read as the genre word (the same length)."""
    right = dict(GENRE_SLIPS)
    return _GENRE_SLIP.sub(lambda m: right[m.group(0)], text)


# what follows a law's name in a name of one of its judicial interpretations (民诉法 + 解释, 公司法 + 司法解释(三))
_INTERPRETATION_END = re.compile(r"(?:司法)?(?:解释|规定)(?:\(?[一二三四五六七八九十]+\)?)?")

_BODIES = tuple(sorted({*ISSUER_WORDS, "中华人民共和国", "最高人民法院", "最高人民检察院", "国务院"}, key=len, reverse=True))


def _names_a_body(part: str) -> bool:
    """Is a stretch of a title only (part of) an institution's name (人民检察院, 最高人民检察): a request for 某区人民检察院
    names a body, not the one document whose title holds that body's name."""
    if any(part in b for b in _BODIES):
        return True
    rest = part
    for b in _BODIES:
        rest = rest.replace(b, "")
    return len(rest) < 2


def file_name(source: str) -> str | None:
    """The name a user gave the file (盗窃解释.md -> 盗窃解释), when it is a Chinese name."""
    stem = _DATE_NOTE.sub("", normalize(source.rsplit("/", 1)[-1].rsplit(".", 1)[0])).strip()
    return stem if re.search(r"[\u4e00-\u9fff]{2}", stem) else None


# what may stand before a bare genre word that names a document (该实施办法第十六条, 实施办法第三条, 市委的实施意见,
# 根据实施办法第三条, 请问实施办法…): no name
_BARE_GENRE_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[该本此这那个份部其的按依照据问]|根据|依照|按照|依据|上述|前述|关于)$")


@dataclass
class DocumentNames:
    """Every name of every document of the store -> the documents it names."""

    names: dict[str, set[str]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # doc_id -> 试行/暂行… when the title says so
    dates: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_documents(cls, documents: list[dict]) -> DocumentNames:
        dn = cls()
        for d in documents:
            stem = file_name(d.get("source", ""))
            own = generated_names(d.get("title", ""), d.get("short_name", "")) | {normalize(a) for a in d.get("aliases") or []}
            for n in own | ({stem} if stem else set()):
                dn.names.setdefault(n, set()).add(d["doc_id"])
            v = _VERSION.search(normalize(d.get("title", "")))
            if v:
                dn.versions[d["doc_id"]] = v.group(1)
            if d.get("date"):
                dn.dates[d["doc_id"]] = d["date"]
            dn.titles[d["doc_id"]] = _DATE_NOTE.sub("", _VERSION.sub("", normalize(d.get("title", "")))).strip()
        plain_titles = {d["doc_id"]: _DATE_NOTE.sub("", _VERSION.sub("", normalize(d.get("title", "")))).strip() for d in documents}
        for word, doc_id in sole_genre_names(plain_titles).items():  # the only 实施办法 of the library
            dn.names.setdefault(word, set()).add(doc_id)
        aliases = _alias_file()
        for alias, name in aliases:
            targets = set().union(*(ids for n, ids in dn.names.items() if n == name)) if name in dn.names else set()
            if targets:
                if alias not in dn.names and is_word_alias(alias):
                    dn.word_aliases.setdefault(alias, set()).update(targets)  # (not among the names read everywhere)
                else:
                    dn.names.setdefault(alias, set()).update(targets)
        # a law's abbreviation names its interpretations too (民诉法 = 民事诉讼法: 民诉法司法解释 for 民事诉讼法司法解释), with
        # or without the law in the library
        laws: dict[str, list[str]] = {}
        for alias, name in aliases:
            if not alias.endswith(("解释", "规定")):
                laws.setdefault(name, []).append(alias)
        sizes = {len(name) for name in laws}
        for n, ids in list(dn.names.items()):
            if "解释" not in n and "规定" not in n:
                continue
            for size in sizes:
                if n[:size] in laws and _INTERPRETATION_END.fullmatch(n[size:]):
                    for alias in laws[n[:size]]:
                        dn.names.setdefault(alias + n[size:], set()).update(ids)
        return dn

    titles: dict[str, str] = field(default_factory=dict)  # doc_id -> plain title (no version, no date)
    _parts: dict[str, set[str]] | None = None
    # aliases that are the law's subject too (行政复议): names only before a part or in 《》 (:func:`is_word_alias`)
    word_aliases: dict[str, set[str]] = field(default_factory=dict)

    def ids_of(self, name: str) -> set[str]:
        """The documents a name found by :meth:`_occurrences` names (a name, or a word alias where it names)."""
        return self.names.get(name) or self.word_aliases.get(name, set())

    def title_parts(self, shortest: int = 5, longest: int = 8) -> dict[str, set[str]]:
        """Stretches of a title that no other document's title has (城市南部地区, 刑事诉讼规则): how a
        reader names a document in passing (城市南部地区那份工作意见). Two versions of one law are one
        document here. Built on first use."""
        if self._parts is None:
            owners: dict[str, set[str]] = {}
            ends: set[str] = set()  # complete names inside a title (劳动合同法 in 劳动合同法实施条例): the law's, not this one's
            for doc_id, title in self.titles.items():
                fam = self.family(doc_id)
                for size in range(shortest, longest + 1):
                    for i in range(0, max(0, len(title) - size + 1)):
                        owners.setdefault(title[i:i + size], set()).add(fam)
                        if (i + size < len(title) and genre_of(title[i:i + size])) or title[i] == "法":
                            ends.add(title[i:i + size])  # (法实施条例: the tail of 招标投标法实施条例 as much as of this one)
            by_family: dict[str, set[str]] = {}
            for doc_id in self.titles:
                by_family.setdefault(self.family(doc_id), set()).add(doc_id)
            self._parts = {part: by_family[next(iter(fams))] for part, fams in owners.items()
                           if len(fams) == 1 and re.fullmatch(r"[\u4e00-\u9fff]+", part) and not _names_a_body(part)
                           and part not in ends}
        return self._parts

    def family(self, doc_id: str) -> str:
        """The document with its versions (规则 and 规则（试行）): its title without version or date."""
        return _DATE_NOTE.sub("", _VERSION.sub("", self.titles.get(doc_id, doc_id))).strip() or doc_id

    def name_spans(self, question: str) -> list[tuple[int, int, set[str]]]:
        """Where a (normalised) question names documents by a name of theirs — a full or generated name, an
        alias, a reader's shortening (工伤条例) — as ``(start, end, ids)``, longest names first and no stretch
        read twice, in the order of the question. Not a bare genre word, nor a stretch of a title alone."""
        q = _names_text(question)
        taken = [False] * len(q)
        found = self._claim_names(q, taken)
        found += [(start, end, set(ids)) for start, end, ids in self.shortened(q, taken)]
        return sorted(found, key=lambda x: x[0])

    def _occurrences(self, q: str) -> list[tuple[int, int]]:
        """Every stretch of ``q`` (normalised) that is a name of the library, as (start, end): looked up from the
        question's side, at the lengths names have and where a character some name ends with stands. A name ending
        in a series' bare number (保险法解释一) counts only before 第 or 》 (not in 保险法解释一下, 公司法规定三个月)."""
        index = self.__dict__.get("_all_names_index")
        if index is None:
            every = [*self.names, *self.word_aliases]
            index = self.__dict__["_all_names_index"] = (sorted({len(n) for n in every}, reverse=True),
                                                         {n[-1] for n in every if n})
        lengths, last = index
        return [(e - size, e) for e in range(1, len(q) + 1) if q[e - 1] in last
                for size in lengths if size <= e and (q[e - size:e] in self.names or (
                    q[e - size:e] in self.word_aliases and names_there(q, e - size, e)))
                and not (_BARE_NUMBER_END.search(q[e - size:e]) and not q.startswith(("第", "》"), e))]

    def _claim_names(self, q: str, taken: list[bool]) -> list[tuple[int, int, set[str]]]:
        """The full and generated names and aliases in ``q`` (normalised), longest first, each stretch read once (marked
        in ``taken``); not a bare genre word, nor a name going on into a longer one (招标投标法 in 招标投标法实施条例).
        Looked up from the question's side — the stretches ending in a character some name ends with, at the lengths
        names have — so that a library's thousands of names cost a few hundred set lookups a question."""
        hits = [(s, e) for s, e in self._occurrences(q) if not re.fullmatch(rf"(?:实施|工作)?(?:{GENRE_ALTERNATION})", q[s:e])]
        found: list[tuple[int, int, set[str]]] = []
        for s, e in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):  # longest first, then in order
            if any(taken[s:e]):
                continue
            taken[s:e] = [True] * (e - s)
            if not name_goes_on(q, e):
                found.append((s, e, set(self.ids_of(q[s:e]))))
        return found

    def named_anywhere(self, question: str) -> list[set[str]]:
        """The documents a question names anywhere, one id set per name, longest names first and no
        stretch of the question read twice: full and generated names and aliases, then stretches
        of a title no other title has; in the order the question names them. A bare genre word
        (实施办法) names nothing here."""
        q = _names_text(question)
        taken = [False] * len(q)
        found: list[tuple[int, set[str]]] = []

        found += [(s, ids) for s, _e, ids in self._claim_names(q, taken)]
        parts = self.title_parts()
        # stretches of one title that overlap a stretch of another (服务保障城市 of the 城市南部地区 意见 over the 城市副中心 of the
        # 北京城市副中心 意见, in 服务保障城市副中心绿色发展): which the reader names is not known — neither counts
        spans = [(i, i + size, frozenset(parts[q[i:i + size]])) for size in range(8, 4, -1)
                 for i in range(0, len(q) - size + 1) if q[i:i + size] in parts]
        crossed = {(a, b) for a, b, ids in spans
                   if any(c < b and a < d and other != ids for c, d, other in spans)}
        for size in range(8, 4, -1):
            for i in range(0, len(q) - size + 1):
                piece = q[i:i + size]
                if piece in parts and not any(taken[i:i + size]) and (i, i + size) not in crossed:
                    found += [(at, set(parts[piece])) for at in claim(q, taken, piece)]
        found += [(start, ids) for start, _end, ids in self.shortened(q, taken)]  # 工伤条例 for 工伤保险条例
        groups: list[set[str]] = []
        for _at, ids in sorted(found, key=lambda x: x[0]):  # in the order the question names them
            if ids not in groups:
                groups.append(ids)
        return groups

    def find(self, question: str, before: int | None = None) -> tuple[set[str], tuple[int, int]] | None:
        """The documents named in the question (the longest name; with ``before``, the name nearest
        before that offset, as in 刑事诉讼法第八十一条)."""
        q = _names_text(question)
        best = None
        for start, end in self._occurrences(q):
            name = q[start:end]
            if (before is not None and end > before) or name_goes_on(q, end):
                continue
            if re.fullmatch(rf"(?:实施|工作)?(?:{GENRE_ALTERNATION})", name) and not _BARE_GENRE_BEFORE.search(q[:start]):
                continue  # 实施条例 alone names the library's only one; 招标投标法实施条例 is another document
            key = (end if before is not None else 0, len(name))
            if best is None or key > best[0]:
                best = (key, self.ids_of(name), (start, end))
        # (a stretch or a shortening starting inside a stored name that goes on into another document's is neither:
        # 管理条例实施细则 of 危险化学品安全管理条例实施细则 is not the 市场主体登记管理条例实施细则 — review finding)
        inside = [(s0, e0) for s0, e0 in self._occurrences(q) if name_goes_on(q, e0)] if before is not None else []
        if best is None and before is not None:  # 刑事诉讼规则第二百五十六条: a stretch only one title has, right before
            parts = self.title_parts()
            for size in range(8, 4, -1):
                piece = q[max(0, before - size):before]
                if len(piece) == size and piece in parts and not any(s0 < before - size < e0 for s0, e0 in inside):
                    return parts[piece], (before - size, before)
        if before is not None:  # a reader's shortening (工伤条例第十四条, 《工伤条例》第十四条), nearer than any name
            short = [(start, end, ids) for start, end, ids in self.shortened(q) if end <= before
                     and not any(s0 < start < e0 for s0, e0 in inside)]
            if short and (best is None or short[-1][1] > best[0][0]):
                start, end, ids = short[-1]
                return set(ids), (start, end)
        return (best[1], best[2]) if best else None

    def shortening_of(self, name: str) -> set[str]:
        """The documents of the one family ``name`` (a whole name, as a ``--doc`` filter gives it) is a shortening of."""
        n = normalize(name)
        numbered = re.fullmatch(r"(.+?(?:解释|规定))\(?([一二三四五六七八九十]+)\)?", n)  # 生产安全解释二: that one of a series
        families = (self._shortening_index().families(numbered.group(1), numbered.group(2)) if numbered
                    else self._shortening_index().families(n))
        return next(iter(families.values())) if len(families) == 1 else set()

    def ambiguous_shortening(self, question: str, before: int) -> tuple[str, list[set[str]]] | None:
        """A reader's shortening right before ``before`` (a part reference) that fits several documents (森林资源解释 for
        the 民事 and the 刑事 one): (the name as written, each family's ids), or None — when it fits one, none, or is a
        real law's name."""
        from assistant.index.lexical import precise_words

        q = _names_text(question)
        if not genre_of(q[:before]):
            return None
        for start in name_starts(q, before, precise_words)[1]:
            name = q[start:before]
            if name in known_law_names() or name in self.names:
                return None
            families = self._shortening_index().families(name)
            if len(families) > 1:
                return name, list(families.values())
            if families:
                return None
        return None

    def shortened(self, text: str, taken: list[bool] | None = None) -> list[tuple[int, int, set[str]]]:
        """The shortened names of documents in ``text`` (normalised) — 工伤条例, 消保法, 交通违法记分办法 — each
        fitting one document family (:func:`assistant.text.abbrev.shortened_names`)."""
        from assistant.index.lexical import precise_words

        return self._shortening_index().find(text, taken, precise_words)

    def _shortening_index(self) -> Shortenings:
        """The index of the library's shortened names (:func:`assistant.text.abbrev.shortenings_for`), looked up once
        per DocumentNames (made per library state)."""
        index = self.__dict__.get("_shortenings")
        if index is None:
            titles = {d: (self.family(d), plain_title(t)) for d, t in self.titles.items()}
            index = self.__dict__["_shortenings"] = shortenings_for(titles)
        return index

    def prefer_current(self, ids: set[str]) -> tuple[list[str], bool]:
        """The documents in preference order (current versions before 试行/暂行 ones, newer first), and
        whether a versioned pair was resolved in favour of the current one."""
        def key(d: str):
            date = self.dates.get(d, "")
            return (d in self.versions, -int(date.replace("-", "")) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else 0, d)

        order = sorted(ids, key=key)
        return order, len(order) > 1 and order[0] not in self.versions and any(d in self.versions for d in order)
