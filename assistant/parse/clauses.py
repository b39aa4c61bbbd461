"""The clause record: the unit every answer cites.

Label convention (how a Chinese reader cites the clause; ``T`` is the document's short name):

============================  ===============================================
structure                      label
============================  ===============================================
article (条)                   《T》第十五条
article paragraph (款)         《T》第十五条第二款      (only when the article has several 款)
项 inside an article           《T》第十三条第（四）项   (a sub-span of the article's clause)
numbered item under section    《T》第二部分第5条
paragraph of such an item      《T》第四部分第8条第2段  (only when the item has several paragraphs)
（一） item under a section      《T》第三部分第（一）项
paragraph of a section         《T》第二部分第1段 (``《T》第二部分`` when it is the only one)
preamble / cover / closing     《T》前言 · 《T》印发通知 · 《T》文末
unstructured text (fallback)   《T》第3段 (``第3段（续2）`` for token-budget splits)
============================  ===============================================

``clause_id`` is ``<doc_id>:<structural key>`` (e.g. ``bj-zjxz:a15.p2``, ``bjjc-cnfz:s2.i4``),
derived from position only, so it is stable across runs and re-ingests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.text.numerals import int_to_cn

POSITION_KEYS = ("chapter", "section", "item", "article", "paragraph", "subitem",
                 "part", "subpart", "division", "article_suffix", "point")  # 编, 分编, 节, 之一 -> 1, 目

RECORD_FIELDS = (
    "clause_id", "doc_id", "doc_title", "label", "heading_path", "position", "source",
    "start", "end", "text", "text_normalized",
)


def empty_position() -> dict[str, int | None]:
    return {k: None for k in POSITION_KEYS}


@dataclass
class Point:
    """A 目 (``1.`` ``2.``) inside a 项, with its own offsets in the source file."""

    index: int
    label: str  # 《T》第十三条第（四）项第2目
    start: int
    end: int


@dataclass
class SubItem:
    """A 项 such as （四） inside a clause, with its own offsets in the source file."""

    index: int
    label: str
    start: int
    end: int
    points: list[Point] = field(default_factory=list)  # its 目


@dataclass
class Clause:
    clause_id: str
    doc_id: str
    doc_title: str
    label: str
    heading_path: list[str]
    position: dict[str, int | None]
    source: str
    start: int
    end: int
    text: str
    text_normalized: str
    kind: str = "article"  # article | item | section_paragraph | preamble | notice | closing | paragraph
    subitems: list[SubItem] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # joined-line paragraphs: (start, end)

    def to_record(self) -> dict[str, Any]:
        # written out (what dataclasses.asdict gives, in field order) because asdict deep-copies every
        # value: 12 s of a 72k-clause ingest
        return {
            "clause_id": self.clause_id, "doc_id": self.doc_id, "doc_title": self.doc_title, "label": self.label,
            "heading_path": list(self.heading_path), "position": dict(self.position), "source": self.source,
            "start": self.start, "end": self.end, "text": self.text, "text_normalized": self.text_normalized,
            "kind": self.kind,
            "subitems": [{"index": s.index, "label": s.label, "start": s.start, "end": s.end,
                          "points": [{"index": p.index, "label": p.label, "start": p.start, "end": p.end} for p in s.points]}
                         for s in self.subitems],
            "paragraphs": [list(p) for p in self.paragraphs],
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Clause:
        data = dict(rec)
        data["subitems"] = [SubItem(**{**s, "points": [Point(**x) for x in s.get("points") or []]})
                            for s in data.get("subitems") or []]
        data["paragraphs"] = [tuple(p) for p in data.get("paragraphs") or []]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})

    def position_at(self, offset: int) -> dict[str, int | None]:
        """The clause's position refined to the 项 that contains ``offset`` (if any)."""
        pos = dict(self.position)
        for sub in self.subitems:
            if sub.start <= offset < sub.end:
                pos["subitem"] = sub.index
                for pt in sub.points:
                    if pt.start <= offset < pt.end:
                        pos["point"] = pt.index
        return pos

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


def structure_label(
    *,
    kind: str,
    section: int | None = None,
    item: int | None = None,
    item_style: str = "num",
    article: int | None = None,
    chapter: int | None = None,
    paragraph: int | None = None,
    show_paragraph: bool = False,
    chunk: int | None = None,
    article_suffix: int | None = None,
) -> str:
    """The part of the label after 《T》 (see the module doc for the convention)."""
    if kind == "notice":
        return "印发通知"
    if kind == "closing":
        return "文末"
    if kind == "preamble":
        return f"前言第{paragraph}段" if show_paragraph else "前言"
    if kind == "paragraph":
        base = f"第{paragraph}段"
        return f"{base}（续{chunk}）" if chunk and chunk > 1 else base
    if kind == "article":
        base = f"第{int_to_cn(article or 0)}条" + (f"之{int_to_cn(article_suffix)}" if article_suffix else "")
        return f"{base}第{int_to_cn(paragraph or 0)}款" if show_paragraph else base
    sec = f"第{int_to_cn(section)}部分" if section else (f"第{int_to_cn(chapter)}章" if chapter else "")
    if kind == "item":
        it = f"第（{int_to_cn(item or 0)}）项" if item_style == "paren" else f"第{item}条"
        base = sec + it
        return f"{base}第{paragraph}段" if show_paragraph else base
    if kind == "section_paragraph":
        return f"{sec}第{paragraph}段" if show_paragraph else sec
    raise ValueError(kind)


def subitem_label(parent_label: str, index: int) -> str:
    return f"{parent_label}第（{int_to_cn(index)}）项"


def point_label(subitem_label: str, index: int) -> str:
    return f"{subitem_label}第{index}目"


PARSER_VERSION = "5"  # 5: a paragraph inside a 项 followed by the next 项 is no 款; a chapter named alone (附 则) is a heading; 2: page-number lines are not content; 3: 编/分编/节 headings, 条之一, 目, invisible characters; 4: the official text's legislative history and 目录 line are metadata, issuers of promulgating orders, .docx tables in place


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
