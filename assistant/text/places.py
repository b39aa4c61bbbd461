"""Places documents are issued for, and places a question names (pure functions).

A local document says where it applies at the start of its title or of an issuer's name
(北京市法律援助条例, 中共北京市委…, 武汉市人民检察院 → 北京 / 武汉); a national one names none
(中华人民共和国…, 最高人民检察院…, 国务院…). A question or a drafting request that names a place
(“北京这边有个当事人…”, “为北京某区检察院起草…”) asks about that place's documents first."""

from __future__ import annotations

import re

# 2–4 characters before 省/市/自治区/特别行政区 at the start (中共 first for a Party committee)
_DOC_PLACE = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,4}?)(?:省|市|自治区|特别行政区)")


def document_places(doc: dict) -> set[str]:
    """The places a document is issued for: the 省/市 its title or an issuer opens with."""
    return {m.group(1) for text in [doc.get("title", ""), *(doc.get("issuers") or [])] if (m := _DOC_PLACE.match(text or ""))}


def places_named(text: str, places: set[str] | list[str]) -> set[str]:
    """Which of ``places`` (those some document is issued for) ``text`` names."""
    return {p for p in places if p and p in text}
