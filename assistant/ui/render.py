"""Turning results into Markdown for the app. Model and document text is always escaped: it is
rendered as Markdown text, never as HTML, and never as Markdown syntax of its own."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from assistant.text.abbrev import plain_title
from assistant.text.features import SENTENCE_WITH_BREAK, content_bigrams
from assistant.text.mdtext import escape_md
from assistant.text.punct import book_title, fullwidth_punctuation
from assistant.text.sentences import enumeration_lines
from assistant.text.textnorm import normalize, strip_markup

ERRORS_ZH = [
    ("file is empty", "文件为空"),
    ("contains no text", "文件中没有文字"),
    ("contains no usable text", "文件中没有可用的文字"),
    ("binary", "看起来是二进制文件，不是文本"),
    ("unsupported file type", "不支持的文件类型（支持 .txt、.md、.docx、.pdf）"),
    ("cannot determine the text encoding", "无法识别文本编码（请另存为 UTF-8 后再上传）"),
    ("not a valid .docx", "不是有效的 .docx 文件（可能已损坏，或是其他格式改了扩展名）"),
    ("cannot be read as .docx", "无法读取该 .docx 文件"),
    ("no text layer", "PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）"),
    ("encrypted", "PDF 已加密，请先解除密码"),
    ("not a PDF", "不是有效的 PDF 文件"),
    ("not a readable PDF", "无法读取该 PDF 文件"),
    ("larger than", "文件过大（上限 50 MB）"),
    ("when unpacked", "文件解压后过大，不像正常的 Word 文档（可能是压缩炸弹）"),
    ("parts inside", "文件内部结构异常，不像正常的 Word 文档"),
    ("characters of text", "文件文字过多（单个文件上限 500 万字），请拆分后再上传"),
    ("clauses; the limit", "文件条款过多（单个文件上限 2 万条），请拆分后再上传"),
    ("no clauses could be extracted", "未能从文件中提取到条款"),
    ("already used by", "文件编号与已入库的文件冲突，请重命名文件后再上传"),
]


def upload_error_zh(name: str, message: str) -> str:
    why = next((zh for key, zh in ERRORS_ZH if key in message), "文件无法导入")
    return f"“{name}”导入失败：{why}。条款库未做任何更改。"


def citation_numbers(statements: list[dict]) -> dict[str, int]:
    """As the answer's Markdown numbers them (:func:`assistant.verify.citations.citation_numbers`)."""
    from assistant.verify.citations import citation_numbers as numbered

    return numbered(statements)


PREVIEW_CHARS = 160


def chip_title(rec: dict | None) -> str:
    """The preview a citation chip carries (its link title): the clause's label and the start of its
    text, on one line. Plain text: the browser shows a title attribute as text, never as markup."""
    if not rec:
        return ""
    text = " ".join(strip_markup(rec.get("text") or rec.get("text_normalized", "")).split())
    if len(text) > PREVIEW_CHARS:
        text = text[:PREVIEW_CHARS] + "……"
    return f"{rec['label']}：{text}"


def _link_title(text: str) -> str:
    """``text`` as a Markdown link title ("…"): backslashes and quotes escaped, no line breaks."""
    text = " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')
    return f' "{text}"' if text else ""


def marker_links(citations: list[str], numbers: dict[str, int], anchor_prefix: str,
                 titles: dict[str, str] | None = None) -> str:
    titles = titles or {}
    return "".join(f"[〔{numbers[c]}〕](#{anchor_prefix}-{numbers[c]}{_link_title(titles.get(c, ''))})"
                   for c in sorted((c for c in citations if c in numbers), key=numbers.get))  # (〔1〕〔2〕〔3〕, in order)


def statement_line(st: dict, numbers: dict[str, int], anchor_prefix: str, titles: dict[str, str] | None = None,
                   bullet: bool = True) -> str:
    mark = "" if st.get("verified", True) else " **〔未核实〕**"
    text = escape_md(fullwidth_punctuation(st["text"]))  # 原则,共同 → 原则，共同 (display only)
    return f"{'- ' if bullet else ''}{text}{marker_links(st.get('citations', []), numbers, anchor_prefix, titles)}{mark}"


_OWN_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+(?:[、．]|\.(?!\d)))")  # not 1.5倍


def statement_block(items: list[dict], numbers: dict[str, int], anchor_prefix: str,
                    titles: dict[str, str] | None = None) -> str:
    """Statements as Markdown: a bulleted list — or, when every one opens with its own number (a plan's （一）（二）…),
    one paragraph each, so that no item shows a bullet and a number."""
    numbered = bool(items) and all(_OWN_NUMBER.match(it.get("text", "")) for it in items)
    lines = [statement_line(it, numbers, anchor_prefix, titles, bullet=not numbered) for it in items]
    if numbered:  # an item's own enumeration on lines of its own, indented: nested under the item's number — in its
        # text only, never inside its citation chips' link titles (a clause's preview)
        lines = [NESTED_BREAK.join(enumeration_lines(line[:cut])) + line[cut:]
                 for line in lines for cut in [line.find("[〔") if "[〔" in line else len(line)]]
    return ("\n\n" if numbered else "\n").join(lines)


NESTED_BREAK = "  \n　　"  # a Markdown line break and a full-width indent


def chip_titles(clauses: dict[str, dict], numbers: dict[str, int]) -> dict[str, str]:
    return {cid: chip_title(clauses.get(cid)) for cid in numbers}


DISPLAY_NAME_MAX = 14
_ELISION_MIN_SAVED = 4  # a name longer by no more than this is shown whole


def display_name(doc: dict) -> str:
    """The document's name on a card heading: its short name, or when that is long, its longest
    abbreviation that is short enough (the full title is shown on demand)."""
    name = doc.get("short_name") or doc.get("title") or ""
    if len(name) <= DISPLAY_NAME_MAX:
        return name
    shorter = [a for a in doc.get("aliases") or [] if 4 <= len(a) <= DISPLAY_NAME_MAX]
    if shorter:
        return max(shorter, key=len)
    # no abbreviation short enough (an imported 司法解释): the title without its issuer's 关于, elided in its middle, its
    # version note kept (规则（试行）is another document than 规则); never cut inside a name it cites (《…》, 〈…〉)
    version = re.search(r"[(（][^()（）]*[)）]$", name)
    note = version.group(0) if version else ""
    plain = plain_title(name)
    # (elided only where that saves a few characters: 《罚款决定与罚款收…离实施办法》 cut two of fifteen and garbled the name)
    if len(plain) + len(note) <= DISPLAY_NAME_MAX + _ELISION_MIN_SAVED:
        return plain + note
    if re.search(r"[《》〈〉]", plain):
        return name
    keep = DISPLAY_NAME_MAX - 1 - len(note)
    tail = min(5, keep // 2)
    return plain[: keep - tail] + "…" + plain[-tail:] + note


def filter_names(docs: list[dict]) -> dict[str, str]:
    """doc id -> the name the document filter lists it by: a narrow sidebar cuts a long title at its end, and three
    司法解释 read alike (最高人民法院、最高人民检察院关于…); the card's display name keeps what tells them apart, with the
    date where two documents still share one."""
    names = {d["doc_id"]: display_name(d) for d in docs}
    counts = Counter(names.values())
    dated = {d["doc_id"]: (names[d["doc_id"]], d.get("date") if counts[names[d["doc_id"]]] > 1 else None) for d in docs}
    # still alike (the books of one code stored as several files, 民法典 总则 / 物权编: one title, one date): the file's name
    again = Counter(dated.values())
    out = {}
    for d in docs:
        name, date = dated[d["doc_id"]]
        tells = [date] if date else []
        if again[(name, date)] > 1:
            tells.append(Path(d.get("source") or d["doc_id"]).stem or d["doc_id"])
        out[d["doc_id"]] = name + (f"（{'，'.join(tells)}）" if tells else "")
    return out


def readable_name(doc: dict) -> str:
    """A name a reader can ask with (an example question): the short name, or an abbreviation of the library's — never
    the elided form of a card (审理使用人脸识别…问题的规定 names nothing)."""
    name = doc.get("short_name") or doc.get("title") or ""
    shown = display_name(doc)
    return name if "…" in shown else shown


def heading_trail(rec: dict) -> str:
    """The 编/章/节 headings a clause stands under, outermost first (第二编 立案、侦查和提起公诉 › 第三章 提起公诉) —
    not a label-like heading of its own article (第二十一条), which the card's heading already says."""
    path = [h for h in rec.get("heading_path") or [] if h and not re.fullmatch(r"第[^条\s]{1,10}条(?:之[一二三四五六七八九十]+)?", h)]
    return " › ".join(path)


def card_heading(rec: dict, doc: dict) -> str:
    """A source card's heading: the clause label with the document's display name."""
    label, short = rec["label"], doc.get("short_name") or ""
    if short and label.startswith(book_title(short)):
        return f"{book_title(display_name(doc))}{label[len(short) + 2:]}"
    return label


def supporting(sentence: str, statements: list[str], min_share: float) -> bool:
    """Does this clause sentence support one of the statements citing the clause?"""
    s = normalize(sentence)
    grams = set(content_bigrams(s))
    if not grams:
        return False
    for st in statements:
        n = normalize(st)
        if n and (n in s or s in n):
            return True
        sg = set(content_bigrams(n))
        if sg and len(grams & sg) / len(grams) >= min_share:
            return True
    return False


def highlighted_clause(text: str, statements: list[str], min_share: float) -> str:
    """Clause text as Markdown (escaped) with the sentences that support the citing statements highlighted."""
    out = []
    for m in SENTENCE_WITH_BREAK.finditer(text):
        piece = m.group(0)
        body, nl = piece.rstrip("\n"), "\n" if piece.endswith("\n") else ""
        if body.strip() and supporting(body, statements, min_share):
            # a highlight directive, not **bold**: ** does not close after 。 when text follows it
            out.append(f":orange-background[{escape_md(body.strip())}]{'  ' + nl if nl else ''}")
        else:
            out.append(escape_md(body) + ("  " + nl if nl else ""))
    return "".join(out)


def follow_up_note(question: str, resolved: str, previous: str = "") -> str:
    """How a follow-up was understood, for the user (:func:`assistant.retrieve.followup.understood_as`, the words it
    carried over shown as the ``previous`` question's phrases), as the app shows it: 理解为：…; empty when nothing
    changed."""
    from assistant.retrieve.followup import understood_as

    shown = understood_as(question, resolved, previous)
    return f"理解为：{shown}" if shown else ""


def example_questions(documents: list[dict], limit: int = 5,
                      has_article_one: Callable[[str], bool] | None = None) -> list[tuple[str, str]]:
    """(mode, text) examples built from the documents in the library (never from a fixed list): an
    article lookup, a question about a document's content, a 工作方案 request. Documents are named by
    their display name (a short abbreviation for a long name), which retrieval resolves too.
    ``has_article_one(doc_id)``: whether the document has a 第一条 (a 规定 numbered 一、二、 has none: the app's own
    example was refused — found by an app trial); without it, the genres written in articles are assumed to."""
    docs = [d for d in documents if d.get("short_name")]
    out: list[tuple[str, str]] = []
    # genres written in articles (第X条): 办法, 规定, 条例, 规则, 细则, laws
    with_articles = [d for d in docs if re.search(r"(办法|规定|条例|规则|细则|法)[)）]?$", d.get("title", ""))
                     and (has_article_one is None or has_article_one(d["doc_id"]))]
    for d in with_articles[:2]:
        out.append(("问答", f"{book_title(readable_name(d))}第一条是怎么规定的？"))
    # tasks are what a policy document (意见, 方案, 规划 …) sets out; a law or a 司法解释 lays down rules, not tasks
    policy = [d for d in docs if re.search(r"(意见|方案|通知|纲要|规划|计划|要点)[)）]?$", d.get("title", ""))]
    for d in policy[:2]:
        out.append(("问答", f"{book_title(readable_name(d))}提出了哪些主要任务？"))
    if docs:  # (a plan implements a policy document first)
        out.append(("工作方案", f"根据{book_title(readable_name((policy or docs)[0]))}起草一份工作方案提纲"))
    seen, unique = set(), []
    for mode, text in out:
        if text not in seen:
            seen.add(text)
            unique.append((mode, text))
    return unique[:limit]


def answer_export(result: dict, markdown: bool = True) -> str:
    """An answer with its citation numbers and the cited clauses (labels and text), verified
    statements only. ``markdown``: portable Markdown, document text escaped (inert); otherwise plain
    text for copying (shown in a code block, which never renders it)."""
    esc = escape_md if markdown else (lambda t: t)
    statements = [st for st in result.get("statements", []) if st.get("verified", True)]
    numbers = citation_numbers(statements)
    # a follow-up (那第二款呢？) is titled by the question it was read as (公司法第二十条第二款是怎么规定的？)
    from assistant.retrieve.followup import understood_as

    title = understood_as(result.get("question", ""), result.get("resolved_question", "")) or result.get("question", "")
    lines = [f"{'# ' if markdown else ''}{esc(title)}", ""]
    for st in statements:
        marks = "".join(f"〔{n}〕" for n in sorted(numbers[c] for c in st.get("citations", []) if c in numbers))
        lines.append(f"- {esc(fullwidth_punctuation(st['text']))}{marks}")
    from assistant.generate.export import unstated_notes

    notes = unstated_notes(result)
    if notes:
        lines += ["", *((f"> {esc(n)}" if markdown else f"说明：{n}") for n in notes)]
    clauses = result.get("clauses", {})
    if numbers:
        lines += ["", "## 引用条款" if markdown else "引用条款", ""]
        for cid, n in numbers.items():
            rec = clauses.get(cid)
            if not rec:
                continue
            # the clause as its source writes it (its punctuation: the normalised text is for search only)
            text = "\n".join(strip_markup(x) for x in (rec.get("text") or rec["text_normalized"]).splitlines() if x.strip())
            if markdown:
                lines += [f"〔{n}〕{esc(rec['label'])}", "", "> " + esc(text).replace("\n", "\n> "), ""]
            else:
                lines += [f"〔{n}〕{rec['label']}", text, ""]
    return "\n".join(lines).rstrip() + "\n"
