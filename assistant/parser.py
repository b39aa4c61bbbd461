"""Parse the decoded text of an official document file into clauses with exact offsets.

The parser is pure: ``parse_text(text, source, ...)`` -> list of :class:`ParsedDocument`.
It works on lines of the *raw* decoded text so that every clause keeps ``raw[start:end]``;
matching is done on a cleaned copy of each line (Markdown marks removed, Traditional ->
Simplified, full-width -> half-width).

Recognised layout (in any combination):

* a web-page metadata header (``1. [發文機構] …``) and breadcrumb lines;
* a cover notice (印发…的通知) before a document, or a notice body without a title;
* several documents in one file, each starting with a title block (1–3 short lines ending
  in 意见/方案/办法/…, optionally followed by a ``（2025年5月29日修订）`` line);
* 第X章 chapters, 第X条 articles with 款 (paragraphs) and （一） 项;
* 一、 sections with ``1.`` items (numbered continuously or restarting per section),
  （一） items under sections, or plain paragraphs;
* preamble paragraphs, and closing lines (本…自…施行, 抄送:, signatures);
* lines broken mid-sentence (joined when a line does not end a sentence and the next line
  does not start a new structural unit).

Where nothing is recognised, paragraphs become clauses, split further by a token budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.clauses import Clause, SubItem, empty_position, structure_label, subitem_label
from assistant.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.textnorm import collapse_ws, detect_script, strip_markup, to_simplified, width_normalize

PARSER_VERSION = "1"

_N = f"[{CN_NUMERAL_CHARS}]+"
RE_CHAPTER = re.compile(rf"^第({_N})章\s*(.*)$")
RE_ARTICLE = re.compile(rf"^第({_N})条(?:\s+|(?=[^款项])|$)(.*)$")
RE_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*(.*)$")
RE_PAREN = re.compile(r"^\(([一二三四五六七八九十]{1,3})\)\s*(.*)$")
RE_NUM = re.compile(r"^(\d{1,3})[.、](?!\d)\s*(.*)$")
RE_ARABIC_PAREN = re.compile(r"^\((\d{1,2})\)\s*(.*)$")
RE_META = re.compile(r"^\d{1,2}\.\s*\[(.+?)\]\s*(.*)$")
RE_TITLE_END = re.compile(
    r"(意见|方案|办法|规定|细则|决定|条例|规则|通知|纲要|规划|计划|要点|措施|指引|指南|规范|公告|通告|批复)"
    r"》?(的通知)?(\((试行|暂行|修订|草案|征求意见稿)\))?$"
)
RE_TITLE_NOTE = re.compile(r"^\(.{0,30}(修订|修正|通过|发布|印发|施行|试行).{0,10}\)$")
RE_CLOSING = re.compile(
    r"^(本(实施)?(方案|办法|意见|规定|细则|决定|条例|规则|通知)(自|由|从)"
    r"|(抄送|抄报|分享|附件)\s*:)"
)
RE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
RE_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
RE_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号")
RE_ISSUER = re.compile(r"[\u4e00-\u9fff]{1,16}(人民政府|人民检察院|检察院|办公厅|办公室|公安局|司法局|委员会|市委|区委|省委|党委|人民法院)")
TERMINAL = "。;:!?"
CLOSERS = "”’」』)》】\""


@dataclass
class Line:
    idx: int  # raw line number (0-based)
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    raw: str
    clean: str  # markup stripped, Simplified, half-width, blanks collapsed

    @property
    def ends_sentence(self) -> bool:
        s = self.clean.rstrip(CLOSERS)
        return bool(s) and s[-1] in TERMINAL


@dataclass
class Para:
    lines: list[Line] = field(default_factory=list)
    subs: list[tuple[int, int]] = field(default_factory=list)  # (subitem index, line position in para)


@dataclass
class Unit:
    kind: str
    key: str
    chapter: int | None = None
    section: int | None = None
    item: int | None = None
    item_style: str = "num"
    article: int | None = None
    heading_path: list[str] = field(default_factory=list)
    head: str | None = None
    paras: list[Para] = field(default_factory=list)
    para_index: int | None = None  # for section / preamble paragraphs: index inside the section


@dataclass
class ParsedDocument:
    doc_id: str
    title: str
    short_name: str
    source: str
    index: int  # 1-based order of the document inside its file
    script: str
    issuers: list[str] = field(default_factory=list)
    date: str | None = None
    doc_number: str | None = None
    aliases: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def meta(self) -> dict:
        return {
            "doc_id": self.doc_id, "title": self.title, "short_name": self.short_name,
            "source": self.source, "index": self.index, "script": self.script,
            "issuers": self.issuers, "date": self.date, "doc_number": self.doc_number, "aliases": self.aliases,
            "clause_count": len(self.clauses), **self.extra,
        }


def split_lines(text: str, traditional: bool) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for idx, chunk in enumerate(text.split("\n")):
        body = chunk.rstrip("\r")
        stripped = body.strip(" \t\u00a0\u3000\ufeff")
        if stripped:
            lead = len(body) - len(body.lstrip(" \t\u00a0\u3000\ufeff"))
            start = pos + lead
            end = start + len(stripped)
            clean = collapse_ws(strip_markup(stripped))
            if traditional:
                clean = to_simplified(clean)
            clean = width_normalize(clean)
            if clean:
                out.append(Line(idx, start, end, stripped, clean))
        pos += len(chunk) + 1
    return out


def _structural(clean: str) -> bool:
    return bool(
        RE_CHAPTER.match(clean) or RE_ARTICLE.match(clean) or RE_SECTION.match(clean)
        or RE_PAREN.match(clean) or RE_NUM.match(clean)
    )


def _title_like(line: Line) -> bool:
    c = line.clean
    return (
        len(c) <= 60 and not line.ends_sentence and "。" not in c and not _structural(c)
        and not RE_META.match(c) and not RE_DATE.fullmatch(c)
    )


@dataclass
class TitleBlock:
    first: int  # index into lines
    last: int  # inclusive, including a revision-note line
    text: str
    is_notice: bool
    note: str | None


def find_titles(lines: list[Line]) -> list[TitleBlock]:
    """Title blocks: up to 3 raw-adjacent title-like lines whose text ends like a document title."""
    blocks: list[TitleBlock] = []
    i = 0
    while i < len(lines):
        if not _title_like(lines[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].idx == lines[j].idx + 1 and _title_like(lines[j + 1]) and j - i < 2:
            j += 1
        # the longest prefix of the run whose text ends like a title
        found = None
        for end in range(j, i - 1, -1):
            text = "".join(x.clean for x in lines[i : end + 1])
            if RE_TITLE_END.search(text) and len(text) <= 90:
                found = (end, text)
                break
        if found is None:
            i += 1
            continue
        end, text = found
        note = None
        if end + 1 < len(lines) and RE_TITLE_NOTE.match(lines[end + 1].clean):
            note = lines[end + 1].clean.strip("()")
            end += 1
        is_notice = text.endswith("通知")
        blocks.append(TitleBlock(i, end, text, is_notice, note))
        i = end + 1
    return blocks


def _header_end(lines: list[Line]) -> tuple[int, dict[str, str]]:
    """Skip a leading web metadata header; return (first body line index, header fields)."""
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines):
        c = lines[i].clean
        m = RE_META.match(c)
        if m:
            if m.group(2).strip():
                meta[m.group(1).strip()] = m.group(2).strip()
            i += 1
        elif ">" in c and not lines[i].ends_sentence and len(c) <= 60:
            i += 1
        else:
            break
    return i, meta


class _Builder:
    """State machine turning the body lines of one document into units."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.cur: Unit | None = None
        self.chapter: int | None = None
        self.chapter_head: str | None = None
        self.section: int | None = None
        self.section_head: str | None = None
        self.section_paras = 0
        self.preamble_paras = 0
        self.chapter_paras = 0
        self.structured = False
        self.closing = False
        self.last_line_heading = False

    # -- helpers
    def _path(self) -> list[str]:
        return [h for h in (self.chapter_head, self.section_head) if h]

    def _open(self, unit: Unit, line: Line) -> None:
        self.cur = unit
        unit.paras.append(Para([line]))
        self.units.append(unit)

    def _continue(self, line: Line) -> bool:
        cur = self.cur
        if cur is None or not cur.paras or self.last_line_heading:
            return False
        last = cur.paras[-1].lines[-1]
        if last.ends_sentence or _structural(line.clean):
            return False
        cur.paras[-1].lines.append(line)
        return True

    def feed(self, line: Line) -> None:
        c = line.clean
        if self.closing:
            self.cur.paras[-1].lines.append(line)  # type: ignore[union-attr]
            return
        if self._continue(line):
            return
        heading = False
        if m := RE_CHAPTER.match(c):
            self.structured = True
            self.cur = None
            self.chapter, self.chapter_head = cn_to_int(m.group(1)), collapse_ws(strip_markup(line.raw))
            self.section = self.section_head = None
            self.chapter_paras = 0
            heading = True
        elif m := RE_ARTICLE.match(c):
            self.structured = True
            n = cn_to_int(m.group(1))
            self._open(Unit("article", f"a{n}", chapter=self.chapter, article=n, heading_path=self._path(),
                            head=f"第{m.group(1)}条"), line)
        elif m := RE_SECTION.match(c):
            self.structured = True
            self.cur = None
            self.section = cn_to_int(m.group(1))
            rest = m.group(2)
            head_text = collapse_ws(strip_markup(line.raw))
            cut = re.search(r"[。;:]", rest)
            self.section_paras = 0
            if cut and cut.end() < len(rest):  # heading and body on one line
                self.section_head = head_text[: len(head_text) - (len(rest) - cut.start())]
                self._section_para(line)
            else:
                self.section_head = head_text
                heading = True
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
            self._sub(line, int(m.group(1)))
        elif (m := RE_ARABIC_PAREN.match(c)) and self.cur is not None and self.cur.kind in ("article", "item"):
            self._sub(line, int(m.group(1)))
        elif RE_CLOSING.match(c):
            self.closing = True
            self._open(Unit("closing", "end", heading_path=[]), line)
        else:
            self._plain(line)
        self.last_line_heading = heading

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
        elif self.chapter is not None:
            self.chapter_paras += 1
            self._open(Unit("section_paragraph", f"c{self.chapter}.p{self.chapter_paras}", chapter=self.chapter,
                            heading_path=self._path(), para_index=self.chapter_paras), line)
        elif not self.structured:
            if len(line.clean) <= 12 and "。" not in line.clean:
                return  # page chrome before the body (列印, 字號:)
            self.preamble_paras += 1
            self._open(Unit("preamble", f"pre.p{self.preamble_paras}", para_index=self.preamble_paras), line)
        else:
            # text after structure but outside any unit: keep it as a paragraph of the last unit
            if cur is not None:
                cur.paras.append(Para([line]))
            else:
                self.preamble_paras += 1
                self._open(Unit("preamble", f"pre.p{self.preamble_paras}", para_index=self.preamble_paras), line)


def _first_sentence(line: Line) -> str:
    text = collapse_ws(strip_markup(line.raw))
    m = re.search(r"[。；;]", text)
    head = text[: m.start()] if m else text
    return head[:60]


def _para_span(para: Para) -> tuple[int, int]:
    return para.lines[0].start, para.lines[-1].end


def _para_norm(para: Para) -> str:
    return "".join(x.clean for x in para.lines)


class _Emitter:
    def __init__(self, doc: ParsedDocument, text: str, cite: str) -> None:
        self.doc, self.text, self.cite = doc, text, cite
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
            chunk=chunk,
        )
        label = f"《{self.cite}》{label_tail}"
        pos = empty_position()
        pos.update(chapter=unit.chapter, section=unit.section, item=unit.item, article=unit.article,
                   paragraph=paragraph)
        subitems = []
        for para in paras:
            for k, (idx, at) in enumerate(para.subs):
                nxt = para.subs[k + 1][1] if k + 1 < len(para.subs) else len(para.lines)
                s, e = para.lines[at].start, para.lines[nxt - 1].end
                if start <= s and e <= end:
                    subitems.append(SubItem(idx, subitem_label(label, idx), s, e))
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


def _fallback_units(lines: list[Line]) -> list[list[Line]]:
    """Paragraphs (broken lines joined) of a document with no recognised structure."""
    paras: list[list[Line]] = []
    for line in lines:
        if paras and not paras[-1][-1].ends_sentence and paras[-1][-1].idx + 1 >= line.idx - 1:
            paras[-1].append(line)
        else:
            paras.append([line])
    return paras


def _split_by_budget(text: str, start: int, end: int, budget: int, count) -> list[tuple[int, int]]:
    """Split raw[start:end] at sentence ends into pieces of at most ``budget`` tokens."""
    piece = text[start:end]
    if count(piece) <= budget:
        return [(start, end)]
    bounds = [m.end() for m in re.finditer(r"[。！？；!?;]\s*", piece)]
    if not bounds or bounds[-1] != len(piece):
        bounds.append(len(piece))
    spans: list[tuple[int, int]] = []
    cur = 0
    last_ok = None
    for b in bounds:
        if count(piece[cur:b]) <= budget:
            last_ok = b
            continue
        if last_ok is None:  # one sentence over budget: cut it by characters
            step = max(1, budget)
            for s in range(cur, b, step):
                spans.append((s, min(b, s + step)))
            cur, last_ok = b, None
            continue
        spans.append((cur, last_ok))
        cur = last_ok
        last_ok = b if count(piece[cur:b]) <= budget else None
        if last_ok is None:
            for s in range(cur, b, budget):
                spans.append((s, min(b, s + budget)))
            cur = b
    if cur < len(piece):
        spans.append((cur, len(piece)))
    out = []
    for s, e in spans:
        seg = piece[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            out.append((start + s + lead, start + e - trail))
    return out


def _meta_from(lines: list[Line], header: dict[str, str]) -> tuple[list[str], str | None, str | None]:
    issuers: list[str] = []
    date = None
    docno = None
    h = {to_simplified(k): v for k, v in header.items()}
    if h.get("发文机构"):
        issuers = [to_simplified(x) for x in re.split(r"[、,，\s]+", h["发文机构"]) if x]
    for key in ("成文日期", "发布日期", "实施日期"):
        if h.get(key) and RE_ISO_DATE.search(h[key]):
            date = RE_ISO_DATE.search(h[key]).group(0)
            break
    if h.get("发文字号") and RE_DOCNO.search(h["发文字号"]):
        docno = RE_DOCNO.search(h["发文字号"]).group(0)
    for line in lines:
        c = line.clean
        if docno is None and (m := RE_DOCNO.search(c)):
            docno = m.group(0)
        if date is None and (m := RE_DATE.fullmatch(c)):
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if len(c) <= 20 and RE_ISSUER.fullmatch(c) and c not in issuers:
            issuers.append(c)
    return issuers, date, docno


def _slug(stem: str) -> str:
    s = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff_-]+", "-", stem).strip("-")
    return s or "doc"


def parse_text(
    text: str,
    source: str,
    *,
    manifest: dict[int, dict] | None = None,
    max_tokens: int = 400,
    count_tokens=None,
) -> list[ParsedDocument]:
    """Parse one decoded file. ``manifest`` maps the 1-based document order in the file to
    known metadata (doc_id, title, short_name, issuers, date, doc_number, script)."""
    if count_tokens is None:
        from assistant.tokens import count_tokens as _ct

        count_tokens = _ct
    manifest = manifest or {}
    script = detect_script(text)
    lines = split_lines(text, traditional=script == "traditional")
    body_start, header = _header_end(lines)
    lines = lines[body_start:]
    titles = [t for t in find_titles(lines)]
    doc_titles = [t for t in titles if not t.is_notice]

    # regions: (title block or None, notice lines, body lines)
    regions: list[tuple[TitleBlock | None, list[Line], list[Line]]] = []
    if not doc_titles:
        regions.append((None, [], lines))
    else:
        prev_end = 0
        for k, tb in enumerate(doc_titles):
            pending = lines[prev_end : tb.first]
            notice = [x for x in pending]
            nxt = doc_titles[k + 1].first if k + 1 < len(doc_titles) else len(lines)
            # a notice title between this document and the next belongs to the next one
            body_end = nxt
            for t in titles:
                if t.is_notice and tb.last < t.first < nxt:
                    body_end = min(body_end, t.first)
            regions.append((tb, notice, lines[tb.last + 1 : body_end]))
            prev_end = body_end
        # leftovers before the first title that are only chrome are dropped by the notice rule below

    stem = _slug(source.rsplit(".", 1)[0])
    docs: list[ParsedDocument] = []
    for n, (tb, notice, body) in enumerate(regions, 1):
        known = manifest.get(n, {})
        title = known.get("title") or (tb.text if tb else _guess_title(lines, stem))
        short = known.get("short_name") or title
        doc_id = known.get("doc_id") or (stem if len(regions) == 1 else f"{stem}-{n}")
        issuers, date, docno = _meta_from(notice + body[-8:], header)
        doc = ParsedDocument(
            doc_id=doc_id, title=title, short_name=short, source=source, index=n,
            script=known.get("script") or detect_script("".join(x.raw for x in body) or text),
            issuers=known.get("issuers") or issuers, date=known.get("date") or date,
            doc_number=known.get("doc_number") if "doc_number" in known else docno,
            aliases=list(known.get("aliases") or []),
        )
        if tb and tb.note:
            doc.extra["title_note"] = tb.note
        em = _Emitter(doc, text, short)
        notice = [x for x in notice if not (len(x.clean) <= 12 and not x.ends_sentence and ">" in x.clean)]
        if notice and any(x.ends_sentence for x in notice):
            em.emit(Unit("notice", "notice"), [Para(notice)], paragraph=None, show_paragraph=False)
        b = _Builder()
        for line in body:
            b.feed(line)
        if b.structured:
            counts: dict = {}
            for u in b.units:
                if u.kind in ("section_paragraph", "preamble"):
                    k3 = (u.kind, u.chapter, u.section)
                    counts[k3] = counts.get(k3, 0) + 1
            for u in b.units:
                em.emit_unit(u, counts)
        else:
            closing_at = next((i for i, x in enumerate(body) if RE_CLOSING.match(x.clean)), len(body))
            paras = _fallback_units([x for x in body[:closing_at] if not (len(x.clean) <= 12 and "。" not in x.clean)])
            for k, plines in enumerate(paras, 1):
                unit = Unit("paragraph", f"para{k}")
                pieces = _split_by_budget(text, plines[0].start, plines[-1].end, max_tokens, count_tokens)
                for c, (s, e) in enumerate(pieces, 1):
                    norm = _norm_span(plines, s, e, script)
                    em.emit(unit, [Para(plines)], paragraph=k, show_paragraph=True,
                            chunk=c if len(pieces) > 1 else None, span=(s, e), norm=norm)
            if closing_at < len(body):
                em.emit(Unit("closing", "end"), [Para(body[closing_at:])], paragraph=None, show_paragraph=False)
        docs.append(doc)
    return [d for d in docs if d.clauses]


def _norm_span(plines: list[Line], s: int, e: int, script: str) -> str:
    parts = []
    for x in plines:
        a, b = max(s, x.start), min(e, x.end)
        if a < b:
            seg = collapse_ws(strip_markup(x.raw[a - x.start : b - x.start]))
            if script == "traditional":
                seg = to_simplified(seg)
            parts.append(width_normalize(seg))
    return "".join(parts)


def _guess_title(lines: list[Line], stem: str) -> str:
    for x in lines[:3]:
        if _title_like(x) and len(x.clean) >= 4:
            return x.clean
    return stem
