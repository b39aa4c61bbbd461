"""Conformance benchmark: the document parser against real Chinese legal Markdown files.

    python scripts/bench_parser.py                          # all files under ../shared/laws, table per folder
    python scripts/bench_parser.py --show-failures 5        # also up to 5 examples of every failure kind
    python scripts/bench_parser.py --json                   # the same numbers as one JSON object
    python scripts/bench_parser.py --laws PATH --limit 50   # another folder, only its first 50 files
    python scripts/bench_parser.py --min-files-right 0.9 --min-articles-right 0.99 --max-lines-lost 0
                                                            # exit 1 when a threshold is not met

Files: every ``*.md`` under the folder (recursive, sorted), ``_index.md`` and the top ``README.md``
left out. Exit code 2 when the folder does not exist.

Ground truth, read from the Markdown by the small independent reader below (it imports nothing of
the project's parser):

* one instrument per file, titled by the first ``# `` heading;
* the body is what follows the ``<!-- INFO END -->`` line (else what follows the title line);
* headings are body lines that are ``#`` headings or ``第X编/分编/章/节`` lines (with or without ``#``);
  their level is 编 > 分编 > 章 > 节, a heading resets the levels below it; a ``#`` heading without
  ``第X编/章/节`` (``## 一、一般规定``, ``## 总则``) takes the level that ``#`` depth has in the same file
  (by default 章);
* a line starting ``第X条`` (also ``第X条之一``, and the defect ``第一百二十八 条``) starts article X; the
  following lines up to the next article or heading belong to it: ``（一）`` lines are 项, ``1.`` /
  ``⒈`` / ``（1）`` lines are 目, every other line is a further 款; the article's expected heading path
  is the current 编/分编/章/节 headings;
* every non-blank body line that is not a heading must be covered by a clause, or be recorded: a heading
  that appears in clauses' heading paths, or a metadata line of the document (information block, 文号) (lines are compared
  after stripping whitespace, zero-width characters U+200B-U+200D, U+2060, U+FEFF and private-use
  characters; lines that become empty are skipped).

Source quirks the reader tolerates (so that they are not counted against the parser): ``<!-- TABLE -->``
comment lines and empty ``##`` lines are markup, not text; the title repeated at the top of the body
(before any heading or article) is the title, not a line to cover; a ``附件`` / ``附表`` / ``附：`` line
ends the article before it (the annex lines are still to be covered, but clauses starting at or after
the annex are not judged as that article's 款/项); lines after a title-like 项 (``（一）认定``, short,
no punctuation) are that 项's text, not new 款; a line between two consecutive 项 of one list (``（三）…`` /
a line that is no 项 / ``（四）…``) is the first 项's second paragraph, not a 款 (the list's numbering goes on after it);
in a file with ``## 一、…`` headings, a plain short ``四、…`` line without punctuation is such a heading with its ``#``
missing; a chapter named without its number or ``#`` (a line ``附 则``, ``总则``, ``罚则``, ``法律责任`` or ``分则``
alone) is a 章 heading.

Checks per file (the parser: ``assistant.parse.corpus.parse_path``):

* file ok: no exception, exactly one document, its title equals the ``# `` title (compared after
  NFKC and removing blanks; also accepted when equal with ``中华人民共和国`` removed from either);
* article fully right: the clauses with ``position.article == X`` and ``position.article_suffix``
  equal to the suffix (None without one) exist, there are as many as the article has 款, each label
  contains ``第X条`` (``第X条之一``), their 项 (``subitems``) add up to the article's 项 lines, and
  every expected heading appears in each clause's ``heading_path`` (compared after NFKC, ``#`` and
  blanks removed);
* lines lost: body lines whose content start (located in ``source.text`` by a forward scan) is in
  no clause's ``[start, end)``; a rejected file loses all its lines;
* file fully right: file ok, all its articles fully right, no line lost.

Parse time is measured around ``parse_path`` alone (the tokenizer is loaded once before, untimed).
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_LAWS = REPO.parent / "shared" / "laws"

# --------------------------------------------------------------------------- Chinese numerals

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
N = "[零〇一二两三四五六七八九十百千万]+"


def cn_to_int(text: str) -> int:
    """'十五' -> 15, '一百零三' -> 103, '一千二百六十' -> 1260 (ASCII digits pass through)."""
    if text.isdigit():
        return int(text)
    if not text:
        raise ValueError("empty numeral")
    total = section = digit = 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch == "万":
            total += (section + digit) * 10000
            section = digit = 0
        elif ch in CN_UNITS:
            section += (digit or 1) * CN_UNITS[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + digit


def int_to_cn(n: int) -> str:
    """15 -> '十五', 110 -> '一百一十', 1001 -> '一千零一' (the spelling of 第X条)."""
    if not 0 < n < 10000:
        raise ValueError(n)
    digits = "零一二三四五六七八九"
    out: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out.append("零")
            out.append(digits[d] + unit)
            zero = False
        else:
            zero = True
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


# --------------------------------------------------------------------------- text helpers

JUNK = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\ue000-\uf8ff\U000f0000-\U0010ffff]")


def is_junk(ch: str) -> bool:
    return bool(JUNK.match(ch))


def core_span(line: str) -> tuple[int, int] | None:
    """(start, end) of a line without leading/trailing blanks, zero-width and private-use characters."""
    start, end = 0, len(line)
    while start < end and is_junk(line[start]):
        start += 1
    while end > start and is_junk(line[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def norm(text: str) -> str:
    """Comparison form of a heading or title: NFKC, ``#``, blanks and invisible characters removed."""
    return JUNK.sub("", unicodedata.normalize("NFKC", text)).replace("#", "")


def titles_match(expected: str, got: str) -> bool:
    a, b = norm(expected), norm(got)
    return a == b or a.replace("中华人民共和国", "") == b or b.replace("中华人民共和国", "") == a


# --------------------------------------------------------------------------- ground truth reader

LEVELS = ("编", "分编", "章", "节")
RE_TITLE = re.compile(r"^#(?!#)\s*(.+)$")
RE_INFO_END = re.compile(r"^\s*<!--\s*INFO END\s*-->\s*$")
RE_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
RE_NUMBERED_HEADING = re.compile(rf"^第{N}\s*(分编|编|章|节)(?=[\s:：]|$|.{{0,30}}$)")
RE_ARTICLE = re.compile(rf"^第({N})\s*条(?:之({N}))?")
RE_ITEM = re.compile(rf"^[（(]({N})[）)]")
RE_CHAPTER_NAME = re.compile(r"^(?:总则|分则|附则|罚则|法律责任)$")
RE_POINT = re.compile(r"^(?:\d+[.．、]|[（(]\d+[）)])")
RE_CN_SECTION = re.compile(r"^[一二三四五六七八九十]{1,3}、")
RE_ANNEX = re.compile(r"^附\s*(件|表|录|[:：])")
RE_COMMENT = re.compile(r"^<!--.*-->$")
SENTENCE_PUNCT = re.compile(r"[。；;，,：:]")
RE_ENDS_CLAUSE = re.compile(r"[。；;：:，,！!？?]$")


@dataclass(frozen=True)
class BodyLine:
    lineno: int  # 1-based line number in the file
    content: str  # the line without leading/trailing blanks and invisible characters


@dataclass(frozen=True)
class Heading:
    lineno: int
    level: str  # 编 | 分编 | 章 | 节
    text: str


@dataclass
class Article:
    lineno: int
    number: int
    suffix: int | None  # 之一 -> 1
    numeral: str  # as written in the source ("一百二十八")
    head: str  # the start of the line, for messages
    paragraphs: int = 1  # 款
    items: int = 0  # 项
    headings: tuple[str, ...] = ()
    loose_points: int = 0  # 1. / （1） lines before any 项 of the article (not 项 by the definition, noted in messages)
    annex_line: int | None = None  # a 附件 line after the article: clauses starting there are not the article's

    @property
    def key(self) -> tuple[int, int | None]:
        return (self.number, self.suffix)

    @property
    def name(self) -> str:
        return f"第{self.numeral}条" + (f"之{int_to_cn(self.suffix)}" if self.suffix else "")


@dataclass
class Truth:
    title: str | None
    headings: list[Heading] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    lines: list[BodyLine] = field(default_factory=list)  # non-heading body lines to cover
    title_lines: list[BodyLine] = field(default_factory=list)  # the title repeated at the top of the body


def _heading_of(content: str) -> tuple[int | None, str | None, str] | None:
    """(markdown depth or None, level or None when unnumbered, text) when the line is a heading."""
    if RE_COMMENT.match(content):
        return None
    m = RE_MD_HEADING.match(content)
    if m:
        text = m.group(2).strip()
        if not text:
            return None
        n = RE_NUMBERED_HEADING.match(norm_spaces(text))
        return len(m.group(1)), (n.group(1) if n else None), text
    if RE_CHAPTER_NAME.fullmatch(re.sub(r"\s+", "", content)):
        return None, "章", content
    n = RE_NUMBERED_HEADING.match(content)
    if n and RE_ARTICLE.match(content) is None:
        rest = content[n.end():]
        if len(content) <= 40 and not SENTENCE_PUNCT.search(rest):
            return None, n.group(1), content
    return None


def norm_spaces(text: str) -> str:
    return re.sub(r"[\s\u200b-\u200d\u2060\ufeff]+", " ", text).strip()


def _level_for_depth(depth: int | None, depth_levels: dict[int, str]) -> str:
    if depth is None:
        return "章"
    if depth in depth_levels:
        return depth_levels[depth]
    above = [d for d in depth_levels if d < depth]
    if above:
        level = depth_levels[max(above)]
        return LEVELS[min(len(LEVELS) - 1, max(LEVELS.index(level) + 1, LEVELS.index("章")))]
    below = [d for d in depth_levels if d > depth]
    if below:
        level = depth_levels[min(below)]
        return "编" if level in ("章", "节") else level
    return "章"


def read_truth(text: str) -> Truth:
    """The ground truth of one Markdown file (see the module doc)."""
    raw_lines = text.split("\n")
    title, title_at, info_end = None, None, None
    for i, line in enumerate(raw_lines):
        if title is None and (m := RE_TITLE.match(line.rstrip("\r"))):
            title, title_at = m.group(1).strip().strip("#").strip(), i
        if RE_INFO_END.match(line):
            info_end = i
            break
    first = info_end + 1 if info_end is not None else (title_at + 1 if title_at is not None else 0)

    # pass 1: classify the body lines
    rows: list[tuple[int, str, tuple | None]] = []
    for i in range(first, len(raw_lines)):
        span = core_span(raw_lines[i])
        if span is None:
            continue
        content = raw_lines[i][span[0]:span[1]]
        if re.fullmatch(r"#+", content):  # an empty Markdown heading: markup only
            continue
        rows.append((i + 1, content, _heading_of(content)))
    depth_levels: dict[int, str] = {}
    section_depth: int | None = None  # the depth of ``## 一、…`` headings, when the file has them
    for _, _, h in rows:
        if h and h[0] is not None and h[1] is not None:
            depth_levels.setdefault(h[0], h[1])
        if h and h[0] is not None and h[1] is None and RE_CN_SECTION.match(h[2]) and section_depth is None:
            section_depth = h[0]
    if section_depth is not None:  # the same kind of heading once written without ``#`` (a source defect)
        rows = [(n, c, (section_depth, None, c) if h is None and _plain_section_heading(c) else h) for n, c, h in rows]

    # pass 2: headings, articles, lines
    truth = Truth(title=title)
    stack: dict[str, str] = {}
    cur: Article | None = None
    titled_item = False  # the last 项 is a title ("（一）认定"): the lines after it are its text, not 款
    pending, last_item = 0, 0
    top = True  # before the first heading or article: the title may be repeated there
    for lineno, content, h in rows:
        if RE_COMMENT.match(content):  # <!-- TABLE --> marks: not text
            continue
        if top and title and _repeats_title(content, title):
            truth.title_lines.append(BodyLine(lineno, content))
            continue
        if h or RE_ARTICLE.match(content):
            top = False
        if h:
            depth, level, htext = h
            level = level or _level_for_depth(depth, depth_levels)
            rank = LEVELS.index(level)
            for lower in LEVELS[rank:]:
                stack.pop(lower, None)
            stack[level] = htext
            truth.headings.append(Heading(lineno, level, htext))
            cur = None
            continue
        truth.lines.append(BodyLine(lineno, content))
        form = unicodedata.normalize("NFKC", content)  # ⒈ -> 1., （一） -> (一), １ -> 1
        if m := RE_ARTICLE.match(form):
            suffix = cn_to_int(m.group(2)) if m.group(2) else None
            cur = Article(lineno, cn_to_int(m.group(1)), suffix, m.group(1), content[:30],
                          headings=tuple(stack[lv] for lv in LEVELS if lv in stack))
            truth.articles.append(cur)
            titled_item = False
            pending, last_item = 0, 0  # 款 counted after a 项 (undone when the list goes on), the last 项's number
        elif RE_ANNEX.match(form):  # 附件 / 附表 / 附： after an article: not 款 of it
            if cur is not None:
                cur.annex_line = lineno
            cur = None
        elif cur is not None:
            if im := RE_ITEM.match(form):
                number = cn_to_int(im.group(1))
                if pending and number == last_item + 1:  # the lines since the last 项 were its text: no 款
                    cur.paragraphs -= pending
                pending, last_item = 0, number or 0
                cur.items += 1
                titled_item = len(form) <= 20 and not RE_ENDS_CLAUSE.search(form)
            elif RE_POINT.match(form):
                cur.loose_points += cur.items == 0
            elif not titled_item:
                cur.paragraphs += 1
                pending += cur.items > 0
    return truth


def _plain_section_heading(content: str) -> bool:
    return bool(RE_CN_SECTION.match(content)) and len(content) <= 40 and not SENTENCE_PUNCT.search(content)


def _repeats_title(content: str, title: str) -> bool:
    c, t = norm(content), norm(title)
    return len(c) >= 2 and (c in t or c in t.replace("中华人民共和国", ""))


# --------------------------------------------------------------------------- what the parser gave

@dataclass
class ClauseView:
    label: str
    heading_path: list[str]
    position: dict[str, Any]
    start: int
    end: int
    subitems: int


@dataclass
class ParsedView:
    text: str  # source.text: the clause offsets refer to it
    titles: list[str]
    clauses: list[ClauseView]
    recorded: set[str] = field(default_factory=set)  # headings in heading paths, metadata lines (normalised)


def view_of(parsed: Any) -> ParsedView:
    """The parts of a ``ParsedFile`` the comparison needs."""
    clauses = [
        ClauseView(c.label, list(c.heading_path), dict(c.position), c.start, c.end, len(c.subitems))
        for d in parsed.documents for c in d.clauses
    ]
    recorded = {norm(h) for c in clauses for h in c.heading_path}
    for d in parsed.documents:
        meta = d.meta()
        recorded |= {norm(x) for x in meta.get("info", [])}
        recorded |= {norm(x) for x in (meta.get("doc_number"), meta.get("title")) if x}
    return ParsedView(parsed.source.text, [d.title for d in parsed.documents], clauses, recorded)


# --------------------------------------------------------------------------- comparison

@dataclass
class Failure:
    kind: str
    where: str  # "line 12 第三条" / "file"
    expected: str
    got: str


@dataclass
class FileResult:
    path: str
    folder: str
    parse_ms: float = 0.0
    reject: str | None = None
    doc_ok: bool = False
    articles: int = 0
    found: int = 0
    label_right: int = 0
    heading_right: int = 0
    kuan_right: int = 0
    xiang_right: int = 0
    articles_right: int = 0
    lines: int = 0
    lines_lost: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def fully_right(self) -> bool:
        return self.doc_ok and self.articles_right == self.articles and self.lines_lost == 0


def locate_lines(text: str, lines: list[BodyLine]) -> list[int]:
    """Offset of each line's content in ``text`` (forward scan; -1 when not found)."""
    out, cursor = [], 0
    for line in lines:
        at = text.find(line.content, cursor)
        out.append(at)
        if at >= 0:
            cursor = at + len(line.content)
    return out


def covered(spans: list[tuple[int, int]], offsets: list[int]) -> list[bool]:
    """Whether each offset is inside one of the ``[start, end)`` spans."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [m[0] for m in merged]
    out = []
    for off in offsets:
        k = bisect.bisect_right(starts, off) - 1
        out.append(off >= 0 and k >= 0 and off < merged[k][1])
    return out


def _suffix_of(pos: dict[str, Any]) -> int | None:
    return pos.get("article_suffix")


def check_article(art: Article, clauses: list[ClauseView]) -> tuple[dict[str, bool], list[Failure]]:
    """The checks of one article against the clauses whose position is that article."""
    where = f"line {art.lineno} {art.name}"
    fails: list[Failure] = []
    res = {"found": bool(clauses), "label": False, "heading": False, "kuan": False, "xiang": False}
    if not clauses:
        fails.append(Failure("article missing", where, f"clauses with article={art.number} suffix={art.suffix}",
                             "none"))
        return res, fails
    names = {f"第{art.numeral}条", f"第{int_to_cn(art.number)}条"}
    if art.suffix:
        names = {f"{n}之{int_to_cn(art.suffix)}" for n in names}
    bad = [c.label for c in clauses if not any(n in c.label for n in names)]
    res["label"] = not bad
    if bad:
        fails.append(Failure("label", where, f"label containing {art.name}", bad[0]))
    missing: list[str] = []
    for c in clauses:
        path = {norm(p) for p in c.heading_path}
        missing += [h for h in art.headings if norm(h) not in path and h not in missing]
    res["heading"] = not missing
    if missing:
        levels = "/".join(sorted({_level_name(h) for h in missing}, key=_level_rank))
        got = next((c.heading_path for c in clauses if any(norm(h) not in {norm(p) for p in c.heading_path}
                                                             for h in missing)), [])
        fails.append(Failure(f"heading path lacks {levels}", where, " > ".join(art.headings), " > ".join(got)))
    res["kuan"] = len(clauses) == art.paragraphs
    if not res["kuan"]:
        fails.append(Failure("款 count", where, f"{art.paragraphs} 款", f"{len(clauses)} clauses"))
    subs = sum(c.subitems for c in clauses)
    res["xiang"] = subs == art.items
    if not res["xiang"]:
        loose = f" (+{art.loose_points} 1./（1） lines outside any 项)" if art.loose_points else ""
        fails.append(Failure("项 count", where, f"{art.items} 项{loose}", f"{subs} subitems"))
    return res, fails


def _level_name(heading: str) -> str:
    m = RE_NUMBERED_HEADING.match(norm_spaces(heading))
    return m.group(1) if m else "unnumbered heading"


def _level_rank(name: str) -> int:
    return LEVELS.index(name) if name in LEVELS else len(LEVELS)


def compare(truth: Truth, view: ParsedView | None, path: str = "", folder: str = "",
            reject: str | None = None) -> FileResult:
    """Compare one file's ground truth with what the parser gave (``view`` None: rejected)."""
    res = FileResult(path=path, folder=folder, reject=reject, articles=len(truth.articles), lines=len(truth.lines))
    if view is None:
        res.failures.append(Failure("reject", "file", "parsed", reject or "rejected"))
        res.lines_lost = len(truth.lines)
        return res
    if len(view.titles) != 1:
        res.failures.append(Failure("document count", "file", "1 document",
                                    f"{len(view.titles)}: " + " | ".join(view.titles[:4])))
    elif truth.title is None or not titles_match(truth.title, view.titles[0]):
        res.failures.append(Failure("title", "file", str(truth.title), view.titles[0]))
    res.doc_ok = len(view.titles) == 1 and truth.title is not None and titles_match(truth.title, view.titles[0])

    by_key: dict[tuple[int, int | None], list[ClauseView]] = defaultdict(list)
    for c in view.clauses:
        if c.position.get("article") is not None:
            by_key[(c.position["article"], _suffix_of(c.position))].append(c)
    offsets = locate_lines(view.text, truth.lines)
    offset_of = {line.lineno: off for line, off in zip(truth.lines, offsets)}
    seen = Counter(a.key for a in truth.articles)
    for art in truth.articles:
        if seen[art.key] > 1:  # the same number twice in the source: one clause group for both
            art = _merged(art, [a for a in truth.articles if a.key == art.key])
        clauses = by_key.get(art.key, [])
        annex_at = offset_of.get(art.annex_line, -1) if art.annex_line else -1
        if annex_at >= 0:  # the annex may be kept with the last article; it is not judged as its 款/项
            clauses = [c for c in clauses if c.start < annex_at]
        checks, fails = check_article(art, clauses)
        res.found += checks["found"]
        res.label_right += checks["label"]
        res.heading_right += checks["heading"]
        res.kuan_right += checks["kuan"]
        res.xiang_right += checks["xiang"]
        res.articles_right += all(checks.values())
        res.failures += fails

    spans = [(c.start, c.end) for c in view.clauses]
    for line, off, ok in zip(truth.lines, offsets, covered(spans, offsets)):
        if not ok and norm(line.content) in view.recorded:
            continue  # a recorded heading or metadata line, not lost
        if not ok:
            res.lines_lost += 1
            res.failures.append(Failure("line lost", f"line {line.lineno}", "covered by a clause",
                                        "not found in source.text" if off < 0 else line.content[:40]))
    return res


def _merged(art: Article, same: list[Article]) -> Article:
    return Article(art.lineno, art.number, art.suffix, art.numeral, art.head,
                   paragraphs=sum(a.paragraphs for a in same), items=sum(a.items for a in same),
                   headings=art.headings, loose_points=sum(a.loose_points for a in same), annex_line=same[-1].annex_line)


# --------------------------------------------------------------------------- running

def law_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.md")
                  if p.is_file() and p.name != "_index.md" and not (p.parent == root and p.name.upper() == "README.MD"))


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def run_file(path: Path, root: Path) -> FileResult:
    from assistant.parse.corpus import parse_path

    rel = path.relative_to(root)
    folder = rel.parts[0] if len(rel.parts) > 1 else "."
    truth = read_truth(read_text(path))
    t0 = time.perf_counter()
    try:
        parsed = parse_path(path)
        err = None
    except Exception as exc:  # InputError and anything else: a reject with its message
        parsed, err = None, f"{type(exc).__name__}: {exc}"
    ms = (time.perf_counter() - t0) * 1000
    if parsed is not None:
        try:
            view = view_of(parsed)
        except Exception as exc:
            view, err = None, f"{type(exc).__name__} reading the result: {exc}"
    else:
        view = None
    res = compare(truth, view, str(rel), folder, reject=err)
    res.parse_ms = ms
    return res


def warm_up() -> None:
    """Load the tokenizer once before timing, so the first file that needs it is not charged ~1 s."""
    try:
        from assistant.text.tokens import count_tokens

        count_tokens("预热")
    except Exception:  # only a warm-up
        pass


SUM_FIELDS = ("articles", "found", "label_right", "heading_right", "kuan_right", "xiang_right", "articles_right",
              "lines", "lines_lost")


def summarize(results: list[FileResult]) -> dict[str, Any]:
    s: dict[str, Any] = {"files": len(results), "files_right": sum(r.fully_right for r in results),
                         "files_ok": sum(r.doc_ok for r in results), "rejects": sum(r.reject is not None for r in results)}
    for f in SUM_FIELDS:
        s[f] = sum(getattr(r, f) for r in results)
    ms = sorted(r.parse_ms for r in results)
    s["ms_per_file"] = round(sum(ms) / len(ms), 2) if ms else 0.0
    s["ms_max"] = round(ms[-1], 2) if ms else 0.0
    s["files_right_frac"] = _frac(s["files_right"], s["files"])
    for f in ("articles_right", "found", "label_right", "heading_right", "kuan_right", "xiang_right"):
        s[f + "_frac"] = _frac(s[f], s["articles"])
    return s


def _frac(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int, left: bool = False) -> str:
    pad = " " * max(0, width - _width(text))
    return text + pad if left else pad + text


COLUMNS = (
    ("files", lambda s: str(s["files"])),
    ("right", lambda s: str(s["files_right"])),
    ("right%", lambda s: _pct(s["files_right_frac"])),
    ("doc ok", lambda s: str(s["files_ok"])),
    ("articles", lambda s: str(s["articles"])),
    ("art right%", lambda s: _pct(s["articles_right_frac"])),
    ("found%", lambda s: _pct(s["found_frac"])),
    ("label%", lambda s: _pct(s["label_right_frac"])),
    ("heading%", lambda s: _pct(s["heading_right_frac"])),
    ("款%", lambda s: _pct(s["kuan_right_frac"])),
    ("项%", lambda s: _pct(s["xiang_right_frac"])),
    ("lines", lambda s: str(s["lines"])),
    ("lost", lambda s: str(s["lines_lost"])),
    ("rejects", lambda s: str(s["rejects"])),
    ("ms/file", lambda s: f"{s['ms_per_file']:.1f}"),
)


def format_table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    cells = [["folder"] + [c[0] for c in COLUMNS]] + [[name] + [f(s) for _, f in COLUMNS] for name, s in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(cells[0]))]
    lines = []
    for k, row in enumerate(cells):
        lines.append("  ".join(_cell(v, widths[i], left=i == 0) for i, v in enumerate(row)))
        if k == 0 or k == len(cells) - 2:
            lines.append("-" * _width(lines[-1]))
    return "\n".join(lines)


def failure_counts(results: list[FileResult]) -> Counter:
    return Counter(f.kind for r in results for f in r.failures)


def failure_examples(results: list[FileResult], k: int) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in results:
        for f in r.failures:
            if len(out[f.kind]) < k:
                out[f.kind].append({"file": r.path, **asdict(f)})
    return dict(out)


def report(results: list[FileResult], root: Path, elapsed: float) -> dict[str, Any]:
    folders: dict[str, list[FileResult]] = defaultdict(list)
    for r in results:
        folders[r.folder].append(r)
    return {
        "laws": str(root),
        "elapsed_s": round(elapsed, 2),
        "folders": {name: summarize(rs) for name, rs in sorted(folders.items())},
        "overall": summarize(results),
        "failures": dict(failure_counts(results).most_common()),
    }


def check_thresholds(overall: dict[str, Any], args: argparse.Namespace) -> list[str]:
    problems = []
    if args.min_files_right is not None and (overall["files_right_frac"] or 0) < args.min_files_right:
        problems.append(f"files fully right {_pct(overall['files_right_frac'])} < {_pct(args.min_files_right)}")
    if args.min_articles_right is not None and (overall["articles_right_frac"] or 0) < args.min_articles_right:
        problems.append(f"articles fully right {_pct(overall['articles_right_frac'])} < {_pct(args.min_articles_right)}")
    if args.max_lines_lost is not None and overall["lines_lost"] > args.max_lines_lost:
        problems.append(f"lines lost {overall['lines_lost']} > {args.max_lines_lost}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--laws", type=Path, default=DEFAULT_LAWS, help=f"folder of Markdown law files (default {DEFAULT_LAWS})")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    ap.add_argument("--limit", type=int, default=None, help="only the first N files (sorted)")
    ap.add_argument("--min-files-right", type=float, default=None, help="exit 1 below this fraction of files fully right")
    ap.add_argument("--min-articles-right", type=float, default=None, help="exit 1 below this fraction of articles fully right")
    ap.add_argument("--max-lines-lost", type=int, default=None, help="exit 1 when more body lines are lost")
    ap.add_argument("--show-failures", type=int, default=0, metavar="K", help="up to K examples of each failure kind")
    args = ap.parse_args(argv)

    root = args.laws.resolve()
    if not root.is_dir():
        print(f"bench_parser: laws folder not found: {root}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    files = law_files(root)[: args.limit] if args.limit is not None else law_files(root)
    warm_up()
    t0 = time.perf_counter()
    results = [run_file(p, root) for p in files]
    rep = report(results, root, time.perf_counter() - t0)
    if args.show_failures:
        rep["examples"] = failure_examples(results, args.show_failures)
    problems = check_thresholds(rep["overall"], args)
    rep["threshold_failures"] = problems

    if args.json:
        print(json.dumps(rep, ensure_ascii=False, indent=2))
    else:
        rows = list(rep["folders"].items()) + [("overall", rep["overall"])]
        print(f"Parser conformance on {root} ({len(files)} files, {rep['elapsed_s']} s)\n")
        print(format_table(rows))
        print("\nfailures by kind (articles, lines or files):")
        for kind, n in rep["failures"].items():
            print(f"  {n:7d}  {kind}")
        for kind, examples in rep.get("examples", {}).items():
            print(f"\n== {kind}")
            for e in examples:
                print(f"  {e['file']}  {e['where']}\n      expected: {e['expected']}\n      got:      {e['got']}")
        for p in problems:
            print(f"THRESHOLD NOT MET: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
