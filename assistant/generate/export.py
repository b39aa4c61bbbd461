"""Exports of a 工作方案 outline (Markdown, .docx) and of an answer (.docx), the .docx files laid out
after GB/T 9704-2012 conventions.

docx layout: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体
(fallback 宋体) 2号 (22 pt) centred; body 仿宋_GB2312 3号 (16 pt), fixed 28 pt line spacing;
一、 headings 黑体 3号; （一） headings 楷体_GB2312 3号; page numbers "— 1 —" (宋体 4号) in the footer;
一、 headings at outline level 1 and （一） at level 2 (navigation pane, table of contents); full-width
punctuation in Chinese text; one numbered 依据 list at the end, the items carrying superscript
numbers. The fonts are named in the file even where they are not installed. Unverified items are
excluded from exports.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.generate.plans import PlanResult
from assistant.text.mdtext import escape_md
from assistant.text.punct import fullwidth_punctuation
from assistant.text.sentences import enumeration_lines, is_title_phrase
from assistant.text.textnorm import strip_markup

TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "宋体"
BODY_FONT, HEADING1_FONT, HEADING2_FONT, PAGE_FONT = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"


def _basis(plan: PlanResult, citations: list[str]) -> str:
    return "；".join(plan.clauses[c]["label"] for c in citations if c in plan.clauses)


HEADING_MAX_CHARS = 30  # an item's first sentence up to this long is its （一） heading (GB/T 9704 level 2)
PLAN_REFUSAL = "未找到依据：条款库中没有与该请求主题相关的条款，未生成提纲。"


def to_markdown(plan: PlanResult) -> str:
    def _md(text: str) -> str:  # (a file read as text too: fewer backslashes, as inert)
        return escape_md(text, readable=True)

    lines = [f"# {_md(plan.title)}", ""]
    if plan.refused:
        lines += [f"**{PLAN_REFUSAL}**", ""]
    lines += [f"*{_md(n)}*\n" for n in plan.notes]
    for sec in plan.sections:
        items = [i for i in sec.items if i.verified]
        if not items:
            if sec.note:
                lines += [f"## {_md(sec.heading)}", "", f"*{_md(sec.note)}*", ""]
            continue
        lines += [f"## {_md(sec.heading)}", ""]
        for it in items:
            lines.append("  \n　　".join(_md(x) for x in enumeration_lines(it.text)))  # its own items nested
            lines.append(f"> 依据：{_md(_basis(plan, it.citations))}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _set_font(run, name: str, size_pt: float, bold: bool = False, fallback: str | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run.font.name = fallback or name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), fallback or name)
    fonts.set(qn("w:hAnsi"), fallback or name)


def _outline(paragraph, level: int):
    """Give a paragraph an outline level (Word's navigation pane and table of contents use it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level))
    ppr.append(lvl)
    return paragraph


def _page_number_footer(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(para.add_run("— "), PAGE_FONT, 14)
    run = para.add_run()
    _set_font(run, PAGE_FONT, 14)
    for tag, attr in (("w:fldChar", {"w:fldCharType": "begin"}), ("w:instrText", None), ("w:fldChar", {"w:fldCharType": "end"})):
        el = OxmlElement(tag)
        if attr:
            for k, v in attr.items():
                el.set(qn(k), v)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = "PAGE"
        run._element.append(el)
    _set_font(para.add_run(" —"), PAGE_FONT, 14)


class _Document:
    """A .docx after GB/T 9704: A4, the margins, fixed 28 pt lines, page numbers in the footer."""

    def __init__(self) -> None:
        import docx
        from docx.shared import Mm

        self.document = docx.Document()
        sec = self.document.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
        _page_number_footer(sec)
        from docx.shared import RGBColor

        for name in ("Heading 1", "Heading 2"):  # black, upright, not bold: every run in a heading paragraph
            font = self.document.styles[name].font
            font.color.rgb, font.italic, font.bold = RGBColor(0, 0, 0), False, False

    def paragraph(self, text: str, font: str, size: float, *, align=None, indent: bool = True, fallback=None, style=None):
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        p = self.document.add_paragraph(style=style)
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        if align is not None:
            p.alignment = align
        _set_font(p.add_run(text), font, size, fallback=fallback)
        return p

    def heading(self, text: str, level: int, *, indent: bool = True, keep_with_next: bool = True):
        """A real heading: Word's Heading 1/2 style (navigation pane, table of contents) in the
        GB/T 9704 look — 黑体 for level 1, 楷体_GB2312 for level 2, black, not bold, body size.
        ``keep_with_next=False`` for an item that is complete in itself (an outline's （一） items):
        a chain of them kept together would push whole sections to the next page."""
        from docx.shared import RGBColor

        p = self.paragraph(text, HEADING1_FONT if level == 1 else HEADING2_FONT, 16, indent=indent, style=f"Heading {level}")
        for run in p.runs:
            run.font.color.rgb = RGBColor(0, 0, 0)
            run.font.italic = False
        p.paragraph_format.keep_with_next = keep_with_next
        return _outline(p, level - 1)

    def title(self, text: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        self.paragraph(text, TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, fallback=TITLE_FALLBACK)
        self.paragraph("", BODY_FONT, 16, indent=False)

    @staticmethod
    def superscript(p, numbers: list[int]) -> None:
        if numbers:
            run = p.add_run("[" + ",".join(str(n) for n in numbers) + "]")
            _set_font(run, BODY_FONT, 12)
            run.font.superscript = True

    def save(self, path):
        if hasattr(path, "write"):
            self.document.save(path)
            return path
        path = Path(path)
        self.document.save(str(path))
        return path


def to_docx(plan: PlanResult, path):
    """Write the .docx to ``path`` (a path or a binary file object) and return it."""
    doc = _Document()
    doc.title(plan.title)
    basis: list[str] = []  # one numbered 依据 list at the end; items carry superscript numbers

    def cite(p, citations: list[str]) -> None:
        labels = [plan.clauses[c]["label"] for c in citations if c in plan.clauses]
        numbers = []
        for label in labels:
            if label not in basis:
                basis.append(label)
            numbers.append(basis.index(label) + 1)
        doc.superscript(p, numbers)

    for note in plan.notes:
        doc.paragraph(note, BODY_FONT, 16)
    for section in plan.sections:
        items = [i for i in section.items if i.verified]
        if not items:
            if section.note:
                doc.heading(fullwidth_punctuation(section.heading), 1)
                doc.paragraph(section.note, BODY_FONT, 16)
            continue
        doc.heading(fullwidth_punctuation(section.heading), 1)  # 一、 level 1
        for it in items:
            text = fullwidth_punctuation(it.text)
            m = re.match(r"^(（[一二三四五六七八九十]+）[^。；]*[。；]?)(.*)$", text)
            # a heading is a title phrase (（一）加强组织领导。); an item that opens with a rule (…应当…报告。), however short,
            # is body text, not a heading of Word's navigation pane
            if m and is_title_phrase(re.sub(r"^（[一二三四五六七八九十]+）", "", m.group(1)), max_chars=HEADING_MAX_CHARS):
                p = doc.heading(m.group(1), 2, keep_with_next=False)  # （一） level 2, the rest of the item in the body font
                if m.group(2):
                    from docx.shared import RGBColor

                    run = p.add_run(m.group(2))
                    _set_font(run, BODY_FONT, 16)
                    run.font.color.rgb = RGBColor(0, 0, 0)
            else:
                p = doc.paragraph(text, BODY_FONT, 16)
            cite(p, it.citations)
    if basis:
        doc.paragraph("", BODY_FONT, 16, indent=False)
        doc.heading("依据", 1, indent=False)
        for n, label in enumerate(basis, 1):
            doc.paragraph(f"[{n}] {label}", BODY_FONT, 14, indent=False)
    return doc.save(path)


def unstated_notes(result: dict) -> list[str]:
    """The notes of an answer (its JSON) that no statement says: a part of the question not found, the edition it is
    from. None for a refusal (its notes are its reason, shown as such)."""
    if result.get("refused"):
        return []
    said = {st.get("text") for st in result.get("statements", [])}
    return [n for n in result.get("notes") or [] if n not in said]


def answer_to_docx(result: dict, path):
    """An answer (its JSON: question, statements, clauses) as a .docx in the same layout: the question
    as the title, each verified statement as a paragraph with superscript citation numbers, then one
    依据 list with each cited clause's label (level 2) and its text. Unverified statements are left out."""
    statements = [st for st in result.get("statements", []) if st.get("verified", True)]
    clauses = result.get("clauses", {})
    from assistant.verify.citations import citation_numbers

    # (numbered as the answer numbers them: down the statements, the summary line last)
    numbers = citation_numbers([{**st, "citations": [c for c in st.get("citations", []) if c in clauses]} for st in statements])
    doc = _Document()
    # (a follow-up is titled by the question it was read as)
    from assistant.retrieve.followup import understood_as

    title = understood_as(result.get("question", ""), result.get("resolved_question", "")) or result.get("question", "")
    doc.title(fullwidth_punctuation(" ".join(title.split())) or "回答")
    for st in statements:
        p = doc.paragraph(fullwidth_punctuation(st["text"]), BODY_FONT, 16)
        doc.superscript(p, sorted(numbers[c] for c in st.get("citations", []) if c in numbers))
    for note in unstated_notes(result):
        doc.paragraph("说明：" + fullwidth_punctuation(note), BODY_FONT, 14)
    if numbers:
        doc.paragraph("", BODY_FONT, 16, indent=False)
        doc.heading("依据", 1, indent=False)
        for cid, n in numbers.items():
            rec = clauses[cid]
            doc.heading(f"[{n}] {rec['label']}", 2, indent=False)
            for line in (strip_markup(x) for x in (rec.get("text") or rec.get("text_normalized", "")).splitlines()):
                if line:
                    doc.paragraph(line, BODY_FONT, 14)
    return doc.save(path)
