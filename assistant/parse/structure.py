"""Structural units of a document body: lines, paragraphs, 条/款/项, 一、/1./（一） items, and the
clause records built from them. Used by :mod:`assistant.parse.parser`, which finds the documents in a
file and hands each body's lines to :class:`Builder` and :class:`Emitter`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.parse.clauses import Clause, Point, SubItem, empty_position, point_label, structure_label, subitem_label
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.text.punct import book_title
from assistant.text.textnorm import TYPO_DI, collapse_ws, strip_markup, to_simplified, width_normalize

if TYPE_CHECKING:
    from assistant.parse.clauses import ParsedDocument

_N = f"[{CN_NUMERAL_CHARS}]+"
RE_PART = re.compile(rf"^第({_N})编\s*(.*)$")  # 编
RE_SUBPART = re.compile(rf"^第({_N})分编\s*(.*)$")  # 分编
RE_CHAPTER = re.compile(rf"^第({_N})章\s*(.*)$")
RE_DIVISION = re.compile(rf"^第({_N})节\s*(.*)$")  # 节
# 第X条, 第X条之一; tolerates a stray blank inside (第一百二十八 条)
RE_ARTICLE = re.compile(rf"^第\s?({_N})\s?条(?:之({_N}))?(?:\s+|(?=[^款项])|$)(.*)$")
RE_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*(.*)$")
RE_PAREN = re.compile(r"^\(([一二三四五六七八九十]{1,3})\)\s*(.*)$")
RE_NUM = re.compile(r"^(\d{1,3})[.、](?!\d)\s*(.*)$")
RE_ARABIC_PAREN = re.compile(r"^\((\d{1,2})\)\s*(.*)$")
# an appendix after the articles (附录： / 附件一 / 附表2): a heading of its own — its lines are no 款 of the last article,
# and its 一、二、 numbering is its own (a document cites them as 附录第一条)
RE_APPENDIX = re.compile(r"^(?:附录\s*[:：]?|(?:附录|附件|附表)\s*[一二三四五六七八九十\d]{0,3})$")  # not 附件：(a list of attachments)
# …and one led in with a colon after the last article (附件：主要文书参考样式 / 附：资源税税目税率表 / 附表： / 附件1：…规程): a
# form, a table or a list attached to the document (20 of the 1,247 files of ../shared/laws), never 款 of the last article
RE_APPENDIX_LEAD = re.compile(r"^(附件|附表|附录|附)\s*([一二三四五六七八九十\d]{0,3})\s*:\s*(.*)$")
RE_LIST_START = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．]|^[(（][\d一二三四五六七八九十]{1,3}[)）]")
RE_APPENDIX_WORD = re.compile(r"(?:附录|附件|附表)\s*[一二三四五六七八九十\d]{0,3}")
RE_CLOSING = re.compile(
    r"^(本(实施)?(方案|办法|意见|规定|细则|决定|条例|规则|通知)(自|由|从)"
    r"|(抄送|抄报|分享|附件)\s*:)"
)
TERMINAL = "。;:!?"
CLOSERS = "”’」』)》】\""

@dataclass
class Line:
    idx: int  # raw line number (0-based)
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    raw: str
    clean: str  # markup stripped, Simplified, half-width, blanks collapsed, invisible characters removed
    md_heading: int = 0  # number of leading '#' of a Markdown heading line (0: not a heading)

    @property
    def ends_sentence(self) -> bool:
        s = self.clean.rstrip(CLOSERS)
        return bool(s) and s[-1] in TERMINAL


@dataclass
class Para:
    lines: list[Line] = field(default_factory=list)
    subs: list[tuple[int, int]] = field(default_factory=list)  # (subitem index, line position in para)
    points: list[tuple[int, int]] = field(default_factory=list)  # (目 number, line position in para)


@dataclass
class Unit:
    kind: str
    key: str
    chapter: int | None = None
    section: int | None = None
    item: int | None = None
    item_style: str = "num"
    article: int | None = None
    article_suffix: int | None = None  # 之一 -> 1
    part: int | None = None  # 编
    subpart: int | None = None  # 分编
    division: int | None = None  # 节
    heading_path: list[str] = field(default_factory=list)
    head: str | None = None
    paras: list[Para] = field(default_factory=list)
    para_index: int | None = None  # for section / preamble paragraphs: index inside the section


# Page furniture of PDFs and printed documents: "— 2 —", "-3-", "第 4 页 共 9 页", "5/9".
RE_PAGE_NUMBER = re.compile(r"^(?:[-—–~－]*\s*\d{1,4}\s*[-—–~－]*|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")
_BLANKS = " \t\u00a0\u3000\ufeff\f\v\u200b\u200c\u200d\u2060"
# zero-width characters and private-use code points carry no text: they never decide structure
RE_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\ue000-\uf8ff]")
RE_MD_HEADING = re.compile(r"^(#{1,6})\s")
RE_HTML_COMMENT = re.compile(r"^<!--.*-->$")


def split_lines(text: str, traditional: bool) -> list[Line]:
    """Non-blank lines with their offsets in ``text``; page-number lines are left out (a sentence
    broken by a page break is joined across them like any other broken line)."""
    out: list[Line] = []
    pos = 0
    for idx, chunk in enumerate(text.split("\n")):
        body = chunk.rstrip("\r")
        stripped = body.strip(_BLANKS)
        if stripped and not RE_PAGE_NUMBER.match(width_normalize(stripped)):
            lead = len(body) - len(body.lstrip(_BLANKS))
            start = pos + lead
            end = start + len(stripped)
            clean = collapse_ws(strip_markup(RE_INVISIBLE.sub("", stripped)))
            if traditional:
                clean = to_simplified(clean)
            clean = TYPO_DI.sub("第", width_normalize(clean))  # (笫五十四条: textnorm)
            if clean and not RE_HTML_COMMENT.match(clean):
                m = RE_MD_HEADING.match(stripped)
                out.append(Line(idx, start, end, stripped, clean, len(m.group(1)) if m else 0))
        pos += len(chunk) + 1
    return out


# Web-page furniture around a copied document: print/close/font-size buttons, share links, breadcrumbs.
RE_PAGE_CHROME = re.compile(r"^(列印|打印|打印本页|关闭|关闭窗口|字号|字號|字体|【?字体[:：].*|分享到?|收藏|返回顶部|来源[:：].*|浏览次数.*)[:：]?$|.+ > .+")


RE_CONTENTS = re.compile(r"目\s*录")
# a chapter named without its number or Markdown mark (附 则, 法律责任 alone on a line after articles): a heading, never a 款
RE_CHAPTER_NAME = re.compile(r"^(?:总则|分则|附则|罚则|法律责任)$")
RE_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\s]{1,12}\]:")


def is_page_chrome(clean: str) -> bool:
    return len(clean) <= 40 and bool(RE_PAGE_CHROME.fullmatch(clean.strip()))


def heading_level(clean: str) -> str | None:
    """编 / 分编 / 章 / 节 when the line is such a heading."""
    for level, rx in (("part", RE_PART), ("subpart", RE_SUBPART), ("chapter", RE_CHAPTER), ("division", RE_DIVISION)):
        if rx.match(clean):
            return level
    return None


def structural(clean: str) -> bool:
    return bool(
        heading_level(clean) or RE_ARTICLE.match(clean) or RE_SECTION.match(clean)
        or RE_PAREN.match(clean) or RE_NUM.match(clean)
    )


class Builder:
    """State machine turning the body lines of one document into units."""

    def __init__(self, closing_from: int | None = None, markdown: bool = False, articles_end: int | None = None,
                 attachment_lists: set[int] | None = None) -> None:
        self.markdown = markdown  # Markdown: a blank line always ends a paragraph
        self.articles_end = articles_end  # raw line index after the last article line (None: no articles)
        self.attachment_lists = attachment_lists or set()  # raw indices of 附件：lines listing the attachments' names
        self.appendix_title = False  # right after an appendix heading: a title line of its own joins it
        self.appendix = 0  # appendices seen (附录, 附件一 …): the paragraphs under one that has no 一、 numbering
        self.appendix_paras = 0
        self.appendix_heading: Line | None = None  # the last appendix heading line, until a unit opens under it
        self.appendix_word = ""
        self.units: list[Unit] = []
        self.has_articles = False  # an article opened already (read for every line by the appendix and section rules)
        self.cur: Unit | None = None
        self.closing_from = closing_from  # raw line index from which a closing may start (after the last structure)
        self.part: int | None = None
        self.part_head: str | None = None
        self.subpart: int | None = None
        self.subpart_head: str | None = None
        self.division: int | None = None
        self.division_head: str | None = None
        self.chapter: int | None = None
        self.chapter_head: str | None = None
        self.section: int | None = None
        self.section_head: str | None = None
        self.section_paras = 0
        self.section_sentence = False  # the current 一、 section opened with a sentence, not a heading of its own
        self.preamble_paras = 0
        self.chapter_paras = 0
        self.structured = False
        self.closing = False
        self.last_line_heading = False

    # -- helpers
    def _path(self) -> list[str]:
        return [h for h in (self.part_head, self.subpart_head, self.chapter_head, self.division_head, self.section_head) if h]

    def _heading(self, level: str, number: int | None, head: str) -> None:
        """A 编/分编/章/节 heading (or an unnumbered Markdown heading at chapter level): it opens no clause
        and resets the levels below it."""
        self.structured = True
        self.cur = None
        order = ("part", "subpart", "chapter", "division")
        for lower in order[order.index(level) + 1:]:
            setattr(self, lower, None)
            setattr(self, lower + "_head", None)
        setattr(self, level, number)
        setattr(self, level + "_head", head)
        self.section = self.section_head = None
        if level in ("part", "subpart", "chapter"):
            self.chapter_paras = 0

    def finish(self) -> None:
        """The end of the document (or the next appendix): an appendix heading with nothing under it (a 附表 whose table
        the file lacks) is kept as the appendix's one paragraph — its words are the document's too."""
        if self.appendix_heading is not None and not self.closing:
            line, self.appendix_heading = self.appendix_heading, None
            self.appendix_paras += 1
            self._open(Unit("section_paragraph", f"x{self.appendix}.p{self.appendix_paras}", heading_path=self._path(),
                            para_index=self.appendix_paras, head=self.appendix_word), line)

    def _numbered_appendix(self, c: str) -> bool:
        """附件1 / 附件一：甲表 after the articles: one attachment of several, the heading of its own text."""
        if not self.has_articles:
            return False
        c = c.strip()
        m = RE_APPENDIX_LEAD.match(c)
        return bool((m and m.group(2)) or (RE_APPENDIX.fullmatch(c) and re.search(r"[一二三四五六七八九十\d]$", c)))

    def _appendix(self, line: Line, word: str) -> None:
        """An appendix heading (附录, 附件一, 附件：…): a heading of its own; its paragraphs are labelled by ``word``. The same
        heading again right after itself (附件：X — the list of attachments — then 附件：X over the attachment) goes on with the
        same appendix: the first line is its first paragraph, never a second 附件第1段."""
        again = self.appendix_heading is not None and word == self.appendix_word
        self.finish()  # the appendix before, if nothing was under its heading
        self._heading("chapter", None, collapse_ws(strip_markup(RE_INVISIBLE.sub("", line.raw))))
        self.appendix_title = True
        if not again:
            self.appendix += 1
            self.appendix_paras = 0
        self.appendix_heading = line
        self.appendix_word = word

    def _open(self, unit: Unit, line: Line) -> None:
        self.appendix_heading = None
        self.cur = unit
        unit.paras.append(Para([line]))
        self.units.append(unit)
        self.has_articles = self.has_articles or unit.kind == "article"

    def _continue(self, line: Line) -> bool:
        cur = self.cur
        if cur is None or not cur.paras or self.last_line_heading:
            return False
        last = cur.paras[-1].lines[-1]
        if last.ends_sentence or structural(line.clean):
            return False
        if self.markdown and line.idx > last.idx + 1:
            return False  # separate Markdown paragraphs, even when the first does not end a sentence
        cur.paras[-1].lines.append(line)
        return True

    def feed(self, line: Line) -> None:
        c = line.clean
        if self.closing and not self._numbered_appendix(c):
            self.cur.paras[-1].lines.append(line)  # type: ignore[union-attr]
            return
        if self.closing:  # 附件1：甲表 after the list of attachments that closed the document: that attachment itself
            self.closing = False
            self.cur = None
        if self.appendix_title and not structural(c) and len(c) <= 40 and not re.search(r"[。;:!?]$", c):
            # 附录： / 女职工禁忌从事的劳动范围: the appendix's title, a heading under it (not a 前言 of its own)
            self._heading("division", None, collapse_ws(strip_markup(RE_INVISIBLE.sub("", line.raw))))
            self.appendix_title = False
            return
        self.appendix_title = False
        if self._continue(line):
            return
        if RE_CONTENTS.fullmatch(c.strip()):  # the 目录 heading of the official text: its entries are the headings below
            return
        heading = False
        level = heading_level(c)
        if level:
            rx = {"part": RE_PART, "subpart": RE_SUBPART, "chapter": RE_CHAPTER, "division": RE_DIVISION}[level]
            self._heading(level, cn_to_int(rx.match(c).group(1)), collapse_ws(strip_markup(RE_INVISIBLE.sub("", line.raw))))
            heading = True
        elif line.md_heading and not structural(c) and (line.md_heading == 1 or self.structured_ahead(c)):
            # an unnumbered Markdown heading (# 人格权编, ## 附则): a heading, never a clause's 款
            level = "part" if line.md_heading == 1 else "chapter"
            self._heading(level, None, collapse_ws(strip_markup(RE_INVISIBLE.sub("", line.raw))))
            heading = True
        elif (self.structured and RE_CHAPTER_NAME.fullmatch(re.sub(r"\s+", "", c))
              and self.has_articles):
            self._heading("chapter", None, collapse_ws(strip_markup(RE_INVISIBLE.sub("", line.raw))))
            heading = True
        elif self.structured and RE_APPENDIX.fullmatch(c.strip()) and self.has_articles:
            # (after articles only: a 公文's closing 附件： lists its attachments — 文末, below)
            self._appendix(line, re.sub(r"[\s:：]", "", c))  # 附表一, 附件2, 附录: its paragraphs' labels
            heading = True
        elif line.idx in self.attachment_lists and self.has_articles:
            # 附件：1.某某申请表 2.… after the last article: the names of the attachments close the document (文末)
            self.finish()
            self.closing = True
            self._open(Unit("closing", "end", heading_path=[]), line)
        elif (self.articles_end is not None and line.idx >= self.articles_end and (m := RE_APPENDIX_LEAD.match(c.strip()))
              and not re.search(r"[。.!！]$", m.group(3).strip())  # (附：本条例由某某部负责解释。 is a sentence, no heading)
              and self.has_articles):
            # 附件：主要文书参考样式 after the last article: the appendix's heading and its title (附： is 附件's short form)
            self._appendix(line, ("附件" if m.group(1) == "附" else m.group(1)) + m.group(2))
            title = m.group(3).strip()
            if title and RE_LIST_START.match(title):  # 附件：1.…规范 2.…: the list of attachments, the appendix's first paragraph
                self.finish()
                self.appendix_title = False
            elif title:
                self._heading("division", None, collapse_ws(title))
                self.appendix_title = False
            heading = True
        elif m := RE_ARTICLE.match(c):
            self.structured = True
            if self.section is not None and self.section_sentence and self.has_articles:
                # 一、二、 sentences between articles (…分为三类。 / 一、禁止倾倒…。) were that article's: the next article is
                # under no such part (their 三、 led every later article's heading path — a browser check)
                self.section = self.section_head = None
            n = cn_to_int(m.group(1))
            suffix = cn_to_int(m.group(2)) if m.group(2) else None
            key = f"a{n}" + (f".x{suffix}" if suffix else "")
            head = f"第{m.group(1)}条" + (f"之{m.group(2)}" if suffix else "")
            self._open(Unit("article", key, chapter=self.chapter, article=n, article_suffix=suffix, part=self.part,
                            subpart=self.subpart, division=self.division, heading_path=self._path(), head=head), line)
        elif (m := RE_SECTION.match(c)) and self._article_items(line, cn_to_int(m.group(1))):
            # 一、二、 written for an article's 项 (older regulations: …负有下列职责： / 一、制定…规章；): its 项, not parts
            self._sub(line, cn_to_int(m.group(1)))
        elif m := RE_SECTION.match(c):
            self.structured = True
            self.cur = None
            self.section = cn_to_int(m.group(1))
            rest = m.group(2)
            head_text = collapse_ws(strip_markup(line.raw))
            cut = re.search(r"[。;:]", rest)
            self.section_paras = 0
            self.section_sentence = True
            if cut and cut.end() < len(rest):  # heading and body on one line
                self.section_head = head_text[: len(head_text) - (len(rest) - cut.start())]
                self._section_para(line)
            elif line.ends_sentence or len(rest) > 40:
                # one sentence (一、对于…，统一由…受理。 / 一、将第一条修改为：): content, never only a heading
                short = re.split(r"[，,。；;：:]", head_text, maxsplit=1)[0]
                self.section_head = short[:30]
                self._section_para(line)
            else:
                self.section_head = head_text
                self.section_sentence = False  # (a part's heading: 一、总则 — articles under it stay under it)
                heading = True
        elif (m := RE_PAREN.match(c)) and self._in_section_item():
            # （一）… inside a 项 written 一、 (一、凡有下列行为之一者，处以警告…：/ (一)伪造…的；): that 项's own list, its 目
            para = self.cur.paras[-1]  # type: ignore[union-attr]
            para.points.append((cn_to_int(m.group(1)), len(para.lines)))
            para.lines.append(line)
        elif (m := RE_PAREN.match(c)) and self._enumerating(c):
            # （一）（二）… under a section paragraph that leads in to them (…应当审查是否附有下列材料：): its 项, as an
            # article's are — not items of the section, and a paragraph after them is the section's again
            self._sub(line, cn_to_int(m.group(1)))
        elif (m := RE_PAREN.match(c)) and not (self.cur and (self.cur.kind == "article" or (self.cur.kind == "item" and self.cur.item_style == "num"))):
            self.structured = True
            n = cn_to_int(m.group(1))
            self._open(Unit("item", f"s{self.section or 0}.q{n}", chapter=self.chapter, section=self.section, item=n,
                            item_style="paren", heading_path=self._path(), head=_first_sentence(line)), line)
        elif m := RE_PAREN.match(c):
            self._sub(line, cn_to_int(m.group(1)))
        elif (m := RE_NUM.match(c)) and not (self.cur and (self.cur.kind == "article" or self.cur.item_style == "paren")):
            self.structured = True
            n = int(m.group(1))
            self._open(Unit("item", f"s{self.section or 0}.i{n}", chapter=self.chapter, section=self.section, item=n,
                            heading_path=self._path(), head=_first_sentence(line)), line)
        elif m := RE_NUM.match(c):
            para = self.cur.paras[-1] if self.cur is not None and self.cur.paras else None
            if self.cur is not None and self.cur.kind == "article" and para is not None and para.subs:
                para.points.append((int(m.group(1)), len(para.lines)))  # a 目 (1. 2.) inside a 项: part of that 项
                para.lines.append(line)
            else:
                self._sub(line, int(m.group(1)))
        elif (m := RE_ARABIC_PAREN.match(c)) and self.cur is not None and self.cur.kind in ("article", "item"):
            self._sub(line, int(m.group(1)))
        elif (self.closing_from is None or line.idx >= self.closing_from) and (
                # (an attached form's 抄送： is the form's line — not right under an appendix heading with nothing under it:
                # 附件：某某登记表 / 抄送：… — the document names its one attachment, then closes)
                (RE_CLOSING.match(c) and (not self.appendix or self.appendix_heading is not None))
                or (self.markdown and RE_FOOTNOTE_DEF.match(line.raw.strip()))):
            # (Markdown footnotes — [^1]: 参见… — close the document: notes on it, not 款 of its last item)
            self.finish()  # (an appendix heading right before it, nothing under it: kept, its one paragraph)
            self.closing = True
            self._open(Unit("closing", "end", heading_path=[]), line)
        else:
            self._plain(line)
        self.last_line_heading = heading

    def _enumerating(self, item: str) -> bool:
        """Is ``item`` (（一）…) a 项 of the current section paragraph: the paragraph ends leading in (…：) and its first
        项 is a phrase of a list (…；) — not a sub-heading with a body of its own (（一）加强队伍建设。), which stays an item
        of the section — or its 项 have begun?"""
        cur = self.cur
        if cur is None or cur.kind != "section_paragraph" or not cur.paras:
            return False
        para = cur.paras[-1]
        if para.subs:
            return True
        text = "".join(x.clean for x in para.lines).rstrip()
        return text.endswith((":", "：")) and item.rstrip().endswith(("；", ";"))

    def _article_items(self, line: Line, n: int) -> bool:
        """Is ``line`` (一、… / 二、…) a 项 of the current article: the first, a sentence or a phrase of a list (…；), right
        after a paragraph leading in to it (…有下列情形之一的：), or the next one after such 项, whatever its list — never a
        heading (一、总则, 三、罚则)."""
        cur = self.cur
        if cur is None or cur.kind != "article" or not cur.paras:
            return False
        para = cur.paras[-1]
        if para.subs:
            index, at = para.subs[-1]
            # (…whatever its end, but never a short heading: 三、罚则 after the list opens a part — review finding)
            return (index == n - 1 and bool(RE_SECTION.match(para.lines[at].clean))
                    and (line.ends_sentence or len(line.clean) > 15))
        return (n == 1 and line.ends_sentence
                and "".join(x.clean for x in para.lines).rstrip().endswith((":", "：")))

    def _in_section_item(self) -> bool:
        """Is the current article's last 项 one written 一、 (its （一） lines are its own list)?"""
        cur = self.cur
        if cur is None or cur.kind != "article" or not cur.paras or not cur.paras[-1].subs:
            return False
        para = cur.paras[-1]
        return bool(RE_SECTION.match(para.lines[para.subs[-1][1]].clean))

    def structured_ahead(self, clean: str) -> bool:
        """An unnumbered Markdown heading counts as a heading in a document that has articles."""
        return self.structured and bool(clean) and len(clean) <= 30

    def _sub(self, line: Line, index: int) -> None:
        assert self.cur is not None
        para = self.cur.paras[-1]
        para.subs.append((index, len(para.lines)))
        para.lines.append(line)

    def _section_para(self, line: Line) -> None:
        self.section_paras += 1
        self._open(Unit("section_paragraph", f"s{self.section}.p{self.section_paras}", chapter=self.chapter,
                        section=self.section, heading_path=self._path(), para_index=self.section_paras), line)

    def _plain(self, line: Line) -> None:
        cur = self.cur
        if cur is not None and cur.kind in ("article", "item"):
            cur.paras.append(Para([line]))
        elif self.section is not None:
            self._section_para(line)
        elif self.appendix and self.chapter is None:
            # a paragraph of an appendix with no 一、 numbering (续表, a form's text): under the appendix's heading
            self.appendix_paras += 1
            self._open(Unit("section_paragraph", f"x{self.appendix}.p{self.appendix_paras}", heading_path=self._path(),
                            para_index=self.appendix_paras, head=self.appendix_word), line)
        elif self.chapter is not None:
            self.chapter_paras += 1
            self._open(Unit("section_paragraph", f"c{self.chapter}.p{self.chapter_paras}", chapter=self.chapter,
                            heading_path=self._path(), para_index=self.chapter_paras), line)
        elif not self.structured:
            if is_page_chrome(line.clean):
                return  # page chrome before the body (列印, 字號:), not text of the document
            self.preamble_paras += 1
            self._open(Unit("preamble", f"pre.p{self.preamble_paras}", para_index=self.preamble_paras), line)
        else:
            # text after structure but outside any unit: keep it as a paragraph of the last unit
            if cur is not None:
                cur.paras.append(Para([line]))
            else:
                self.preamble_paras += 1
                self._open(Unit("preamble", f"pre.p{self.preamble_paras}", para_index=self.preamble_paras), line)


def continued_lists(paras: list[Para]) -> list[Para]:
    """An article's paragraphs with the paragraphs inside a 项 joined to it: paragraphs that are no 项 after a list, followed
    by the list's next 项 (（三）…。 / 县级以上…报告转送信访事项的办理情况。 / （四）…) are the 项's further paragraphs, not
    款 of their own — the list's numbering goes on after them."""
    out: list[Para] = []
    for para in paras:
        listed = next((k for k in range(len(out) - 1, -1, -1) if out[k].subs), None)  # the last paragraph with 项
        if (listed is not None and para.subs and para.subs[0][1] > 0
                and para.subs[0][0] == out[listed].subs[-1][0] + 1):
            merged = out[listed]
            for nxt in [*out[listed + 1:], para]:
                shift = len(merged.lines)
                merged = Para(merged.lines + nxt.lines, merged.subs + [(i, at + shift) for i, at in nxt.subs],
                              merged.points + [(n, at + shift) for n, at in nxt.points])
            out[listed:] = [merged]
        else:
            out.append(para)
    return out


def _first_sentence(line: Line) -> str:
    text = collapse_ws(strip_markup(line.raw))
    m = re.search(r"[。；;]", text)
    head = text[: m.start()] if m else text
    return head[:60]


def _para_span(para: Para) -> tuple[int, int]:
    return para.lines[0].start, para.lines[-1].end


def _para_norm(para: Para) -> str:
    return "".join(x.clean for x in para.lines)


class Emitter:
    def __init__(self, doc: ParsedDocument, text: str, cite: str) -> None:
        # a name inside the cited name takes the inner marks: 《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》
        self.doc, self.text, self.cite = doc, text, book_title(cite)[1:-1]
        self.seen: dict[str, int] = {}

    def emit(self, unit: Unit, paras: list[Para], *, paragraph: int | None, show_paragraph: bool,
             extra_path: list[str] | None = None, chunk: int | None = None,
             span: tuple[int, int] | None = None, norm: str | None = None) -> None:
        start, end = span or (_para_span(paras[0])[0], _para_span(paras[-1])[1])
        key = unit.key
        if show_paragraph and unit.kind in ("article", "item"):
            key = f"{key}.p{paragraph}"
        if chunk and chunk > 1:
            key = f"{key}.c{chunk}"
        n = self.seen.get(key, 0) + 1
        self.seen[key] = n
        if n > 1:
            key = f"{key}.dup{n}"
        label_tail = structure_label(
            kind=unit.kind, section=unit.section, item=unit.item, item_style=unit.item_style,
            article=unit.article, chapter=unit.chapter, paragraph=paragraph, show_paragraph=show_paragraph,
            chunk=chunk, article_suffix=unit.article_suffix,
        )
        if unit.key.startswith("x"):  # a paragraph of an unnumbered appendix: 附表一第1段 (its own heading, its own count)
            label_tail = f"{unit.head or '附录'}第{unit.para_index}段" + (f"（续{chunk}）" if chunk and chunk > 1 else "")
        elif unit.heading_path and (annex := RE_APPENDIX_WORD.match(unit.heading_path[0])):
            label_tail = annex.group(0) + label_tail  # 附件2第三部分, 附件第三条: not the document's own 第三条
        elif unit.heading_path and re.match(r"附\s*[:：]", unit.heading_path[0]):
            label_tail = "附件" + label_tail  # (附： is 附件's short form)
        label = f"《{self.cite}》{label_tail}"
        pos = empty_position()
        pos.update(chapter=unit.chapter, section=unit.section, item=unit.item, article=unit.article,
                   paragraph=paragraph, part=unit.part, subpart=unit.subpart, division=unit.division,
                   article_suffix=unit.article_suffix)
        subitems = []
        for para in paras:
            for k, (idx, at) in enumerate(para.subs):
                nxt = para.subs[k + 1][1] if k + 1 < len(para.subs) else len(para.lines)
                s, e = para.lines[at].start, para.lines[nxt - 1].end
                if start <= s and e <= end:
                    sub = SubItem(idx, subitem_label(label, idx), s, e)
                    pts = [(num, at_line) for num, at_line in para.points if at < at_line < nxt]
                    for j, (num, at_line) in enumerate(pts):
                        last = pts[j + 1][1] - 1 if j + 1 < len(pts) else nxt - 1
                        sub.points.append(Point(num, point_label(sub.label, num), para.lines[at_line].start, para.lines[last].end))
                    subitems.append(sub)
        para_spans = [_para_span(p) for p in paras] if span is None else [span]
        self.doc.clauses.append(Clause(
            clause_id=f"{self.doc.doc_id}:{key}", doc_id=self.doc.doc_id, doc_title=self.doc.title,
            label=label, heading_path=list(unit.heading_path) + (extra_path or []), position=pos,
            source=self.doc.source, start=start, end=end, text=self.text[start:end],
            text_normalized=norm if norm is not None else "\n".join(_para_norm(p) for p in paras),
            kind=unit.kind, subitems=subitems, paragraphs=para_spans,
        ))

    def emit_unit(self, unit: Unit, section_para_counts: dict) -> None:
        if unit.kind in ("article", "item"):
            unit.paras = continued_lists(unit.paras)
            if len(unit.paras) == 1:
                self.emit(unit, unit.paras, paragraph=None, show_paragraph=False)
            else:
                for k, para in enumerate(unit.paras, 1):
                    extra = [unit.head] if unit.head and k > 1 else []
                    self.emit(unit, [para], paragraph=k, show_paragraph=True, extra_path=extra)
        elif unit.kind in ("section_paragraph", "preamble"):
            many = section_para_counts.get((unit.kind, unit.chapter, unit.section), 0) > 1
            self.emit(unit, unit.paras, paragraph=unit.para_index, show_paragraph=many)
        else:  # notice, closing
            self.emit(unit, unit.paras, paragraph=None, show_paragraph=False)
