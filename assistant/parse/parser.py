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
from dataclasses import dataclass

from assistant.parse.clauses import PARSER_VERSION, Clause, ParsedDocument  # noqa: F401 (re-exported)
from assistant.parse.structure import (
    RE_APPENDIX_LEAD,
    RE_ARTICLE,
    RE_CLOSING,
    RE_LIST_START,
    RE_SECTION,
    Builder,
    Emitter,
    Line,
    Para,
    Unit,
    heading_level,
    is_page_chrome,
    split_lines,
    structural,
)
from assistant.text.punct import fullwidth_punctuation
from assistant.text.textnorm import collapse_ws, detect_script, strip_markup, to_simplified, width_normalize
from assistant.text.vocab import GENRE_ALTERNATION

RE_META = re.compile(r"^\d{1,2}\.\s*\[(.+?)\]\s*(.*)$")
RE_TITLE_END = re.compile(
    rf"({GENRE_ALTERNATION}|法|解释)"  # laws (刑法, 刑事诉讼法) and judicial interpretations (…的解释) too
    r"》?(的通知)?(\((试行|暂行|修订|草案|征求意见稿)\))?$"
)
RE_TITLE_NOTE = re.compile(r"^\(.{0,30}(修订|修正|通过|发布|印发|施行|试行).{0,10}\)$")
RE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
RE_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
RE_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号")
RE_ISSUER = re.compile(r"[\u4e00-\u9fff]{1,16}(人民政府|人民检察院|检察院|办公厅|办公室|公安局|司法局|委员会|市委|区委|省委|党委|人民法院)")

def _title_like(line: Line) -> bool:
    c = line.clean
    return (
        len(c) <= 80 and not line.ends_sentence and "。" not in c and not structural(c)
        and not RE_META.match(c) and not RE_DATE.fullmatch(c)
    )


RE_INFO_END = re.compile(r"^\s*<!--\s*INFO END\s*-->\s*$", re.M)
RE_INFO_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
RE_INFO_EVENT = re.compile(r"(通过|公布|发布|施行|修正|修订|印发)")
RE_INFO_ISSUER = re.compile(r"(?:第[一二三四五六七八九十百]+届)?([\u4e00-\u9fff]{2,30}?(?:委员会|代表大会|国务院|人民法院|人民检察院|部|局|署|院))"
                            r"(?:第[一二三四五六七八九十百零\d]+次(?:全体)?会议|[\u4e00-\u9fff]{0,6}会议)")
# an order that promulgates the text (中华人民共和国国务院令第711号修订, 公安部令第149号发布): its issuing body
RE_INFO_ORDER = re.compile(r"(?:中华人民共和国)?([\u4e00-\u9fff]{2,20}?(?:国务院|部|委员会|总局|局|署|行|院|厅|政府))令"
                           r"\s*(?:第\s*[\d０-９一二三四五六七八九十百零]+\s*号)?")


def markdown_title_blocks(text: str, lines: list[Line]) -> list[tuple[TitleBlock, list[Line]]] | None:
    """Documents of a Markdown file that states its titles: each ``# `` heading starts one, and an
    information block after it (up to ``<!-- INFO END -->``) is that document's metadata, not content.
    None when the file does not begin with a ``# `` title."""
    info_end_lines = sorted(text.count("\n", 0, m.start()) for m in RE_INFO_END.finditer(text))
    if not lines or lines[0].md_heading != 1:
        return None  # no stated title: the title blocks are found from the text
    if lines[0].clean.endswith("通知") and not (len(lines) > 1 and any(lines[0].idx < e < lines[min(len(lines) - 1, 6)].idx
                                                                        for e in info_end_lines)
                                               and not any(x.md_heading == 1 for x in lines[1:])):
        # a cover notice (关于印发…的通知 and the document it issues): the title blocks are found from the text — but a
        # notice of its own, its information block ended by <!-- INFO END --> (文号, 会议通过), keeps it as metadata
        return None
    h1 = [i for i, x in enumerate(lines) if x.md_heading == 1]
    out: list[tuple[TitleBlock, list[Line]]] = []
    for k, i in enumerate(h1):
        nxt = h1[k + 1] if k + 1 < len(h1) else len(lines)
        limit = lines[nxt].idx if nxt < len(lines) else float("inf")
        end = next((e for e in info_end_lines if lines[i].idx < e < limit), None)
        info = [x for x in lines[i + 1 : nxt] if end is not None and x.idx < end]
        if out:
            prev, prev_info = out[-1]
            if i == prev.first + 1 + len(prev_info):
                # '# 民法典' directly followed by '# 人格权编': one document; the second is its first heading
                out[-1] = (TitleBlock(prev.first, prev.first, prev.text, False, None), prev_info + info)
                continue
            if end is None and not _numbering_restarts(lines[i + 1 : nxt]):
                continue  # a later '# ' heading without its own information block or 第一条: a heading of this document
        out.append((TitleBlock(i, i + len(info), lines[i].clean, False, None), info))
    return out


def _numbering_restarts(lines: list[Line]) -> bool:
    first = next((m for x in lines if (m := RE_ARTICLE.match(x.clean))), None)
    return first is not None and first.group(1) == "一" and not first.group(2)


# a commencement clause: 本规定自2022年8月1日起施行 (本法自…起施行, 本解释自…起施行)
RE_COMMENCES = re.compile(r"^(?:第[一二三四五六七八九十百千]+条\s*)?本[\u4e00-\u9fff]{1,6}自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|实施|生效)")
# a body named at the head of a title, before its 关于 (最高人民法院、最高人民检察院关于…, 国务院办公厅关于…)
_TITLE_ISSUER = re.compile(r"[\u4e00-\u9fff]{1,20}?(?:人民法院|人民检察院|国务院|办公厅|办公室|人民政府|委员会|总局|部|局|署|党委|市委|省委|区委)")


def _title_issuers(title: str) -> list[str]:
    """The bodies a title names before its 关于 (最高人民法院、最高人民检察院关于… → both), or []."""
    head = to_simplified(title).split("关于", 1)
    if len(head) < 2 or not head[0]:
        return []
    parts = [x for x in re.split(r"[、\s]+", head[0]) if x]
    return parts if all(_TITLE_ISSUER.fullmatch(x) for x in parts) else []


def _issuer_of(clean: str) -> str | None:
    """The body an information line names (…第十一届全国人民代表大会常务委员会第十六次会议通过, 国务院令第711号), the
    date left out first (1979年7月1日第五届…: the date is not part of the name)."""
    bare = RE_INFO_DATE.sub(" ", clean)
    m = RE_INFO_ISSUER.search(bare) or RE_INFO_ORDER.search(bare)
    return _without_by(m.group(1)) if m else None


def _without_by(name: str) -> str:
    """An issuer without the 由/经 the line puts before it (由最高人民法院审判委员会…, 经国务院批准) — not the 经 of its own
    name (经济贸易部, 经营…)."""
    return re.sub(r"^[年月日]?(?:由|经(?!济|贸|营|信))?(?:中华人民共和国(?=[\u4e00-\u9fff]{2}))?", "", name) or name


def _issuers_of(clean: str) -> list[str]:
    """Every body an information line names: a joint interpretation's line names both (…最高人民法院审判委员会第1911次会议、
    …最高人民检察院第十四届检察委员会第二十五次会议通过)."""
    bare = RE_INFO_DATE.sub(" ", clean)
    found = [_without_by(re.sub(r"第[一二三四五六七八九十百]+届", "", m.group(1))) for m in RE_INFO_ISSUER.finditer(bare)]
    return found or [x for x in [_issuer_of(clean)] if x]


def info_metadata(info: list[Line]) -> dict:
    """Dates and events of an information block: {"dates": [{"date", "event", "text"}], "date": first date}."""
    events = []
    for line in info:
        for m in RE_INFO_DATE.finditer(line.clean):
            ev = RE_INFO_EVENT.search(line.clean[m.end():]) or RE_INFO_EVENT.search(line.clean)
            events.append({"date": f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}",
                           "event": ev.group(1) if ev else "", "text": line.clean})
    out: dict = {"info": [x.clean for x in info]}
    issuers = []
    for line in info:  # 2010年8月28日 第十一届全国人民代表大会常务委员会第十六次会议通过 -> 全国人民代表大会常务委员会
        for issuer in _issuers_of(line.clean):
            if issuer not in issuers:
                issuers.append(issuer)
    if issuers:
        out["issuers"] = issuers
    if events:
        out["dates"] = events
        out["date"] = events[-1]["date"]  # the latest state of the text
    return out


def citation_name(title: str) -> str:
    """The name a reader cites a document by: the title without the leading 中华人民共和国 of national
    laws (《中华人民共和国刑法》 is cited as 《刑法》) and without a trailing (YYYY年修正) note; a version such as
    （试行） stays."""
    # a revision note goes; a version (试行, 暂行) stays: it is part of how the document is cited
    name = re.sub(r"\((\d{4}年)?(修正|修订)[^()]*\)$", "", title).strip() or title
    # an excerpt is cited by the instrument's own name (刑法（节选） → 《刑法》)
    name = re.sub(r"[（(](?:节选|摘录|摘编|选编|全文)[）)]$", "", name).strip() or name
    if name.startswith("中华人民共和国") and len(name) > len("中华人民共和国"):
        name = name[len("中华人民共和国"):]
    return name


def _evident_titles(doc_titles: list[TitleBlock], titles: list[TitleBlock], lines: list[Line]) -> list[TitleBlock]:
    """A title-like line after the first document starts another document only on evidence: a cover
    notice before it, or its own numbering starting again (第一条 or 一、 as the first structure after
    it). Otherwise it is a line of the document above (a heading such as 其他规定), never a new title."""
    kept: list[TitleBlock] = []
    notices = [t.first for t in titles if t.is_notice]
    for tb in doc_titles:
        if not kept:
            kept.append(tb)
            continue
        after_notice = any(kept[-1].last < n < tb.first for n in notices)
        first = next((x.clean for x in lines[tb.last + 1:] if RE_ARTICLE.match(x.clean) or RE_SECTION.match(x.clean)), "")
        restarts = first.startswith(("第一条", "一、"))
        if after_notice or restarts:
            kept.append(tb)
    return kept


def _closing_from(body: list[Line]) -> int | None:
    """Raw line index after the last article, heading or section line: a closing (本…自…施行, 抄送)
    starts only there, never in the middle of a document."""
    last = None
    for x in body:
        if heading_level(x.clean) or RE_ARTICLE.match(x.clean) or RE_SECTION.match(x.clean):
            last = x.idx
    return None if last is None else last + 1


def _articles_end(body: list[Line]) -> tuple[int | None, set[int]]:
    """Raw line index after the last article line (第X条…): what follows a 附件：/附： line there is an appendix — and of
    those lines, the ones that list the attachments' names (附件：1.某某申请表 / 附件： then 1.某某申请表): the document's
    closing, not an appendix."""
    last = None
    for x in body:
        if RE_ARTICLE.match(x.clean):
            last = x.idx
    if last is None:
        return None, set()
    lists = set()
    for k, x in enumerate(body):
        if x.idx > last and (m := RE_APPENDIX_LEAD.match(x.clean.strip())):
            rest = m.group(3).strip()
            after = body[k + 1].clean.strip() if k + 1 < len(body) else ""
            if RE_LIST_START.match(rest) or (not rest and RE_LIST_START.match(after)):
                lists.add(x.idx)
    return last + 1, lists


@dataclass
class TitleBlock:
    first: int  # index into lines
    last: int  # inclusive, including a revision-note line
    text: str
    is_notice: bool
    note: str | None


# 2000年12月28日 第九届全国人民代表大会常务委员会第十九次会议通过: a date, a meeting or an order, an event — no comma, no
# full stop (2024年3月1日，最高人民检察院发布… opens a sentence)
RE_BARE_HISTORY = re.compile(r"^(?:根据)?\d{4}年\d{1,2}月\d{1,2}日[^。；;，,]{0,80}?(?:通过|修正|修订|公布|发布|施行|批准)$")
RE_HISTORY_NOTE = re.compile(r"^\(\s*\d{4}年\d{1,2}月\d{1,2}日(?:[^。]*(?:通过|修正|修订|公布|发布|施行|批准|印发)[^。]*)?\s*\)$")


def _history_note(lines: list[Line], i: int, max_lines: int = 8) -> tuple[str, int] | None:
    """The legislative history under a law's title in the official text (（1979年7月1日第五届全国人民代表大会第二次会议通过
    根据1996年3月17日…第一次修正　根据…第三次修正）), however long, on one line or several: (its text without the
    brackets, index of its last line), or None. It is the document's metadata (dates, issuers), not a clause."""
    if i < len(lines) and RE_BARE_HISTORY.match(lines[i].clean) and _issuer_of(lines[i].clean):  # …会议通过 (no brackets)
        j = i
        while (j + 1 < min(len(lines), i + max_lines) and RE_BARE_HISTORY.match(lines[j + 1].clean)
               and _issuer_of(lines[j + 1].clean)):
            j += 1
        return " ".join(x.clean for x in lines[i : j + 1]), j
    if i >= len(lines) or not lines[i].clean.startswith("("):
        return None
    depth = 0
    for j in range(i, min(len(lines), i + max_lines)):  # to the bracket that closes the first (…刑法修正案（十一）修正）)
        for ch in lines[j].clean:
            depth += (ch == "(") - (ch == ")")
        if depth <= 0:
            text = "".join(x.clean for x in lines[i : j + 1]).strip()
            return (text[1:-1].strip(), j) if RE_HISTORY_NOTE.match(text) else None
    return None


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
            # a page's running header above the title is the title again (中华人民共和国引渡法 | 中华人民共和国引渡法): once
            text = "".join(x.clean for k, x in enumerate(lines[i : end + 1]) if not k or x.clean != lines[i + k - 1].clean)
            if RE_TITLE_END.search(text) and len(text) <= 120:
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
        elif (history := _history_note(lines, end + 1)) is not None:
            note, end = history
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


def _fallback_units(lines: list[Line]) -> list[list[Line]]:
    """Paragraphs (broken lines joined) of a document with no recognised structure."""
    paras: list[list[Line]] = []
    for line in lines:
        if paras and not paras[-1][-1].ends_sentence and paras[-1][-1].idx + 1 >= line.idx - 1:
            paras[-1].append(line)
        else:
            paras.append([line])
    return paras


def _cut_over_budget(piece: str, cur: int, b: int, budget: int, count) -> list[tuple[int, int]]:
    """One sentence over budget, piece[cur:b]: cut at its line ends (a table's rows, a hard-wrapped line) into pieces of
    at most ``budget`` tokens, a line still over budget by characters."""
    lines = [m.end() for m in re.finditer(r"\n", piece[cur:b])]
    bounds = [cur + x for x in lines if cur + x < b] + [b]
    spans: list[tuple[int, int]] = []
    s = cur
    last = None
    for x in bounds:
        if count(piece[s:x]) <= budget:
            last = x
            continue
        if last is not None:
            spans.append((s, last))
            s = last
        if count(piece[s:x]) <= budget:
            last = x
            continue
        step = max(1, budget)
        for y in range(s, x, step):
            spans.append((y, min(x, y + step)))
        s, last = x, None
    if s < b:
        spans.append((s, b))
    return spans


def _split_by_budget(text: str, start: int, end: int, budget: int, count) -> list[tuple[int, int]]:
    """Split raw[start:end] at sentence ends into pieces of at most ``budget`` tokens (a sentence over budget at its
    line ends, a table at its rows)."""
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
        if last_ok is None:  # one sentence over budget: cut it at its line ends, then by characters
            spans += _cut_over_budget(piece, cur, b, budget, count)
            cur, last_ok = b, None
            continue
        spans.append((cur, last_ok))
        cur = last_ok
        last_ok = b if count(piece[cur:b]) <= budget else None
        if last_ok is None:
            spans += _cut_over_budget(piece, cur, b, budget, count)
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


def _signature(tail: list[Line]) -> list[Line]:
    """The last lines of a body as its 落款: an organ's name is its issuer only in a run of such lines followed by a date (某某
    委员会 / 2024年1月1日, in figures or Chinese numerals) or, three at most, closing the text — not a list of organs the text ends with (an appendix naming
    仲裁委员会 after 仲裁委员会: a trial took the last two as the issuers)."""
    out: list[Line] = []
    run: list[Line] = []
    for line in tail:
        c = line.clean
        if len(c) <= 20 and RE_ISSUER.fullmatch(c):
            run.append(line)
            continue
        if run and len(run) <= 6 and (RE_DATE.fullmatch(c) or _CN_DATE_LINE.fullmatch(c)):  # (organs, then the date)
            out += run
        run = []
        out.append(line)
    if run and len(run) <= 3:
        out += run
    return out


# a date in Chinese numerals, as a 落款 writes it (二〇二三年五月六日)
_CN_DATE_LINE = re.compile(r"[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日")


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
        # a line of its own, or a short one (法释〔2022〕17号 / 国务院令第711号发布), never one quoted inside an article
        # (本解释施行后，《…》（法释〔2000〕8号）同时废止: the number of the document it repeals)
        if docno is None and (m := RE_DOCNO.search(c)) and not RE_ARTICLE.match(c) and (len(c) <= 40 or RE_DOCNO.fullmatch(c.strip())):
            docno = m.group(0)
        if date is None and (m := RE_DATE.fullmatch(c)):
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if len(c) <= 20 and RE_ISSUER.fullmatch(c) and c not in issuers:
            issuers.append(c)
    return issuers, date, docno


def _same_title(line: str, title: str) -> bool:
    """The title again, set with spaces or line breaks where the title has 、 (最高人民法院 最高人民检察院 关于…)."""
    def bare(t: str) -> str:
        return re.sub(r"[\s、,，]", "", t)
    return len(bare(title)) >= 6 and bare(line) == bare(title)


def _title_lines(lines: list[Line], title: str) -> list[int]:
    """Indexes of the consecutive short lines that together are the title set again (a masthead broken over two to
    five lines), or []."""
    def bare(t: str) -> str:
        return re.sub(r"[\s、,，]", "", t)

    want = bare(title)
    for k in range(len(lines)):
        joined = ""
        for j in range(k, min(k + 5, len(lines))):
            if lines[j].ends_sentence or len(lines[j].clean) > 40:
                break
            joined += bare(lines[j].clean)
            if j > k and joined == want:
                return list(range(k, j + 1))
            if not want.startswith(joined):
                break
    return []


_NAME_DATE = re.compile(r"[(（](\d{4})-(\d{2})-(\d{2})[)）]$")


# a law is 通过, 公布 and 施行 within months; a revision comes years later
_SAME_EDITION_DAYS = 366


def _days_between(earlier: str, later: str) -> int:
    """Days from one YYYY-MM-DD date to another (0 when either is unreadable)."""
    import datetime as dt

    try:
        return (dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days
    except ValueError:
        return 0


def _name_date(source: str) -> str:
    """The date a file's name ends with in brackets (…(2019-03-02).md), as YYYY-MM-DD; '' if none."""
    stem = re.split(r"[\\/]", source)[-1].rsplit(".", 1)[0].strip()
    m = _NAME_DATE.search(stem)
    if not m or not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
        return ""
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


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
        from assistant.text.tokens import count_tokens as _ct

        count_tokens = _ct
    manifest = manifest or {}
    script = detect_script(text)
    lines = split_lines(text, traditional=script == "traditional")
    body_start, header = _header_end(lines)
    lines = lines[body_start:]
    md_docs = markdown_title_blocks(text, lines)
    tb_line_idx = {k: x.idx for k, x in enumerate(lines)}
    titles = [t for t in find_titles(lines)] if md_docs is None else [tb for tb, _info in md_docs]
    doc_titles = [t for t in titles if not t.is_notice]
    if md_docs is None:
        doc_titles = _evident_titles(doc_titles, titles, lines)
    infos = {tb.first: info for tb, info in (md_docs or [])}
    info_idx = {x.idx for info in infos.values() for x in info}
    if info_idx:  # information blocks are metadata: never body lines
        lines = [x for x in lines if x.idx not in info_idx]
        if md_docs is not None:  # title blocks index into the remaining lines
            pos = {x.idx: k for k, x in enumerate(lines)}
            remapped = []
            for tb, info in md_docs:
                k = pos[tb_line_idx[tb.first]]
                remapped.append((TitleBlock(k, k, tb.text, False, None), info))
            md_docs = remapped
            titles = [tb for tb, _info in md_docs]
            doc_titles = titles
            infos = {tb.first: info for tb, info in md_docs}

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
        # a detected title is read from the cleaned (half-width) line: give it back its Chinese punctuation
        title = known.get("title") or fullwidth_punctuation(tb.text if tb else _guess_title(lines, stem))
        short = known.get("short_name") or citation_name(title)
        doc_id = known.get("doc_id") or (stem if len(regions) == 1 else f"{stem}-{n}")
        issuers, date, docno = _meta_from(notice + _signature(body[-8:]), header)
        doc = ParsedDocument(
            doc_id=doc_id, title=title, short_name=short, source=source, index=n,
            script=known.get("script") or detect_script("".join(x.raw for x in body) or text),
            issuers=known.get("issuers") or issuers, date=known.get("date") or date,
            doc_number=known.get("doc_number") if "doc_number" in known else docno,
            aliases=list(known.get("aliases") or []),
        )
        if tb and tb.note:
            doc.extra["title_note"] = tb.note
            # each event of the history (…通过 / 根据…修正) as a line of an information block: dates and issuers
            events = [Line(0, 0, 0, e, e) for e in re.split(r"\s*(?=根据\s*\d{4}年)|\s+(?=\d{4}年)", tb.note) if e.strip()]
            meta = info_metadata(events)
            if meta.get("date") and not known.get("date") and not doc.date:
                doc.date = meta["date"]
            if meta.get("issuers") and not known.get("issuers") and not doc.issuers:
                doc.issuers = meta["issuers"]
            if meta.get("dates"):
                doc.extra.setdefault("dates", meta["dates"])
        if tb is not None and tb.first in infos:
            meta = info_metadata(infos[tb.first])
            if meta.get("date") and not known.get("date"):
                doc.date = meta["date"]
            if meta.get("issuers") and not known.get("issuers") and not doc.issuers:
                doc.issuers = meta["issuers"]
            doc.extra.update({k: v for k, v in meta.items() if k not in ("date", "issuers")})
        if not doc.issuers and not known.get("issuers"):
            doc.issuers = _title_issuers(title)  # 最高人民法院关于…的规定: its issuer, when nothing else names one
        if not doc.date and not known.get("date"):
            # no date in an information block or the text's head: the date it takes effect (本规定自2022年8月1日起施行)
            for line in reversed(body[-12:]):
                if m := RE_COMMENCES.search(line.clean):
                    doc.date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
                    break
        if len(regions) == 1 and not known.get("date") and (named := _name_date(source)) and (
                not doc.date or _days_between(doc.date, named) > _SAME_EDITION_DAYS):
            # a file named for its edition (发票管理办法(2019-03-02).md) whose head's last date is more than a year before
            # (its last revision left out of the information block): the edition is the name's, not the revision before it.
            # (A name weeks after the head's date — 公布 or 施行 after 通过, across a new year too — is the same edition: the
            # head's date stays.)
            doc.date = named
        em = Emitter(doc, text, short)
        notice = [x for x in notice if not (len(x.clean) <= 12 and not x.ends_sentence and ">" in x.clean)]
        if notice and any(x.ends_sentence for x in notice):
            em.emit(Unit("notice", "notice"), [Para(notice)], paragraph=None, show_paragraph=False)
        # before the first article, a line that is only a document number (法释〔2024〕4号) is the document's 文号 —
        # metadata, not a 前言 paragraph — and the title set again (最高人民法院 最高人民检察院 关于…) is the title
        first_article = next((k for k, x in enumerate(body) if RE_ARTICLE.match(x.clean)), len(body))
        top_docno = next((x.clean.strip() for x in body[:first_article] if RE_DOCNO.fullmatch(x.clean.strip())), None)
        if top_docno and "doc_number" not in known:
            doc.doc_number = top_docno
        if first_article < len(body):
            masthead = [k for k, x in enumerate(body[:first_article])
                        if RE_DOCNO.fullmatch(x.clean.strip()) or (tb is not None and _same_title(x.clean, tb.text))]
            if tb is not None:  # the title set again over several lines (最高人民法院 最高人民检察院 / 关于办理…适用法律 / 若干问题的解释)
                masthead += _title_lines(body[:first_article], tb.text)
            if masthead:  # kept with the document's information lines (its metadata), never dropped
                doc.extra.setdefault("info", []).extend(body[k].clean for k in masthead)
                drop = set(masthead)
                body = [x for k, x in enumerate(body) if k not in drop]
        articles_end, attachment_lists = _articles_end(body)
        b = Builder(closing_from=_closing_from(body), markdown=source.lower().endswith(".md"),
                    articles_end=articles_end, attachment_lists=attachment_lists)
        for line in body:
            if tb is not None and line.clean == tb.text:
                continue  # the title again inside the body: a PDF page's running header, never a 款
            b.feed(line)
        b.finish()
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
            paras = _fallback_units([x for x in body[:closing_at] if not is_page_chrome(x.clean)])
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
