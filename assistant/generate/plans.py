"""工作方案 outlines: every item cites the clauses it implements.

Structure (the usual one): 标题; 一、指导思想和总体要求; 二、工作目标; 三、主要任务 with （一）（二）… items;
四、保障措施. The offline builder fills it from retrieved clauses only (item text is clause text;
headings and the title are the only words it adds); the LLM builder asks for the same structure
with ``[C1]`` keys and checks every item like an answer statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.generate.drafting import idf_from, question_grams, relevance, sentences  # noqa: F401 (sentences re-exported)
from assistant.index.lexical import precise_words
from assistant.retrieve.intent import is_plan_request, parse_request  # noqa: F401 (re-exported)
from assistant.retrieve.retrieval import ClauseRetriever, Filters
from assistant.retrieve.thesaurus import expand
from assistant.text.definitions import defines_applied_term
from assistant.text.numerals import int_to_cn
from assistant.text.places import document_places, places_named
from assistant.text.punct import fullwidth_punctuation
from assistant.text.sentences import is_dependent, is_title_phrase, strip_article_number
from assistant.text.textnorm import normalize
from assistant.text.vocab import POLICY_WORDS
from assistant.verify import checker as chk
from assistant.verify.citations import KEY_RE, keys_in

MAX_TASKS = 10
PER_GROUP = 3
SECTION_HEADINGS = ("指导思想和总体要求", "工作目标", "主要任务", "保障措施")
_GUIDING = re.compile(r"指导思想|总体要求|政治站位|基本遵循|重大意义|深入贯彻|坚持以|为指导")
# a clause stating the principles the work follows (应当坚持：（一）依法规范履职… / 遵循以下原则) guides the plan
# (and a law's own: …对非法集资坚持防范为主、打早打小、综合治理、稳妥处置的原则)
_PRINCIPLES = re.compile(r"(?:应当|要|必须)?(?:坚持|遵循)(?:以下|下列)?(?:原则|要求)?[:：]|基本原则"
                         r"|(?:坚持|遵循)[^。；;：:]{4,60}?的(?:原则|方针)[。；;]")
# a purpose clause: 为了…，制定本条例 / 为规范…，根据…，制定本办法
PURPOSE = re.compile(r"^为(?:了)?[^。]{4,200}?(?:制定|制订)本[\u4e00-\u9fff]{1,8}[。.]?$")
_GOAL = re.compile(r"目标|定位|力争|努力(?:打造|建成|实现)|打造|建成")
# …a target the work serves (围绕加快建设…科技创新中心目标, 按照…的定位): a task framed by another's goal, not a goal
_DEFINITION = re.compile(r"^(?:第[^条\s]{1,12}条\s*)?(?:本[\u4e00-\u9fff]{1,6}(?:所称|规定的[“\"][^”\"]{1,20}[”\"][,，]?是指)"
                         r"|[“\"][^”\"]{1,20}[”\"]是指)")
_SERVES_GOAL = re.compile(r"(?:围绕|按照|紧扣|对标|朝着|服务于?|聚焦|落实)[^，,。；;]{0,40}(?:目标|定位)")
# final provisions (附则: entry into force, who interprets, precedence of other rules) implement nothing
_FINAL_PROVISION = re.compile(
    r"本[\u4e00-\u9fff]{1,12}?(?:自[\u4e00-\u9fff\d年月日]{0,14}?(?:施行|生效|执行|实施)|由[\u4e00-\u9fff、]{1,30}?负责解释"
    r"|的解释权)|另有规定的[,，]\s*从其规定|以前[\u4e00-\u9fff]{0,12}?与本[\u4e00-\u9fff]{1,8}?不一致的")
# the enacting tail of a purpose clause (…，制定本实施办法。): the plan is not that document
_ENACTING_TAIL = re.compile(r"(?:[,，]\s*结合[\u4e00-\u9fff]{1,12}实际)?[,，]\s*"
                           r"(?:特|现)?(?:制定|制订|提出)(?:本|如下|以下)"
                           r"[\u4e00-\u9fff]{1,10}[。.:：]?$"
                           # a judicial interpretation's (…，现就办理…案件适用法律的若干问题解释如下：)
                           r"|[,，]\s*(?:现|特)(?:就|将|对)?[^。，,]{0,60}?(?:解释|规定|通知|答复|批复)如下[。.:：]?$"
                           r"|[,，]\s*(?:现|特)?作(?:如下|以下)(?:解释|规定)[。.:：]?$")  # (现将…解释如下：, 特作如下规定：)
_SAFEGUARD = re.compile(r"成立[\u4e00-\u9fff、]{0,16}?(?:领导小组|工作小组|办公室|委员会|专班)|组织领导|负总责|统一领导|建立[\u4e00-\u9fff、]{0,20}?联席会议|统筹协调|协调机制|队伍|专业化|培训|考核|督查|督促落实|宣传|总结|经费|保障机制|请示报告|人才|保密")


# chapters of a code-like document (第一章 总则 … 第六章 法律责任 … 附则): the general provisions state purpose,
# principles and organisation, the penalty chapter sanctions — neither is a list of tasks to carry out
# (how an act is convicted or sentenced — not 应当认定为工伤, nor an administrative 从轻处罚, nor a 社区矫正 duty on 缓刑 offenders)
_CRIMINAL_RULE = re.compile(r"定罪处罚|(?:以|按)[^，,。；;]{1,16}罪(?:定罪|论处)|以共同犯罪论处|依照处罚较重的规定|刑法第[^，,。；;]{1,20}规定的“"
                            r"|判处刑罚|适用缓刑|(?:从重|从宽)处罚|从宽幅度|免予刑事处罚")
_REFERS_BACK = re.compile(r"前[两三]?[款条项]")  # (前款规定的…, 具有前款第一项…的, 实施前款行为: leans on what it follows)
_CHAPTER = re.compile(r"第[一二三四五六七八九十百零〇\d]+章")
_GENERAL_CHAPTER = re.compile(r"第[一二三四五六七八九十\d]+章\s*总\s*则")
_PENALTY_CHAPTER = re.compile(r"第[一二三四五六七八九十百\d]+章\s*(?:法律责任|罚\s*则)")


def chapter_of(rec: dict) -> str:
    """The chapter (第二章 侦查监督主要任务) a clause sits in; else its first heading; else ''."""
    path = rec.get("heading_path") or []
    return next((h for h in path if _CHAPTER.search(h)), path[0] if path else "")


def general_provision(rec: dict) -> bool:
    return bool(_GENERAL_CHAPTER.search(chapter_of(rec)))


def penalty_provision(rec: dict) -> bool:
    return bool(_PENALTY_CHAPTER.search(chapter_of(rec)))


@dataclass
class PlanItem:
    text: str
    citations: list[str]
    verified: bool = True
    checks: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "citations": self.citations, "verified": self.verified, "checks": self.checks}


# a standard section no clause of the library gives a basis for: said so, never filled with an off-topic clause
NO_BASIS_NOTE = "所检索文件中未找到本部分的直接依据，请结合本单位实际确定。"


@dataclass
class PlanSection:
    heading: str
    items: list[PlanItem] = field(default_factory=list)
    note: str = ""  # shown instead of items when the section has none (NO_BASIS_NOTE): not a statement, cites nothing


@dataclass
class PlanResult:
    request: str
    title: str
    sections: list[PlanSection]
    clauses: dict[str, dict]
    generator: str
    raw: str = ""
    fallback_reason: str | None = None
    refused: bool = False
    provenance: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the outline lacks (the topic's words no clause uses)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "sections": [{"heading": s.heading, "items": [i.to_json() for i in s.items],
                                                   "note": s.note} for s in self.sections],
                "clauses": self.clauses, "generator": self.generator, "request": self.request, "raw": self.raw,
                "refused": self.refused, "fallback_reason": self.fallback_reason, "provenance": self.provenance,
                "notes": self.notes}


_WIDE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_SKIP = r"(?:\s|\*\*|__)*+"  # between two characters of a text: blanks, line breaks, bold marks (possessive: no backtracking)
_OUTLINE_LABEL = re.compile(r"^（[一二三四五六七八九十]{1,3}）")  # the outline's own （二）


def _source_span(source: str, piece: str) -> str | None:
    """The stretch of ``source`` that ``piece`` (its normalised, half-width form) was made from, as the source
    writes it (its punctuation, its spaces), line breaks and bold marks left out; None if there is none."""
    chars = [c for c in piece if not c.isspace()]
    if not chars:
        return None
    parts = [f"[{re.escape(c)}{re.escape(_WIDE[c])}]" if c in _WIDE else re.escape(c) for c in chars]
    m = re.search(_SKIP.join(parts), source)
    return re.sub(r"[ \t]*\n\s*|\*\*|__", "", m.group(0)) if m else None


def source_form(rec: dict, text: str) -> str:
    """Clause text as its source writes it: the normalised sentences are half-width (，→,); each sentence of
    ``text`` is shown as the stretch of the source it comes from (full-width where the source is, half-width
    where the source is, line breaks aside). A sentence not found so (a Traditional-script source, the
    outline's own joining 。) keeps the full-width punctuation of Chinese text where the source has it."""
    source = rec.get("text") or ""
    flat = re.sub(r"\s+|\*\*|__", "", source)
    out = []
    for piece in re.split(r"(?<=[。；;！？!?])", text):
        label = m.group(0) if (m := _OUTLINE_LABEL.match(piece)) else ""
        body = piece[len(label):]
        span = _source_span(source, body)
        if span is None and body.endswith("。"):  # a 。 the outline added between two sentences of a clause
            span = (s + "。") if (s := _source_span(source, body[:-1])) is not None else None
        if span is not None:
            out.append(label + span)
            continue
        full = fullwidth_punctuation(piece)
        core = re.sub(r"^[（(][一二三四五六七八九十\d]{1,3}[）)]", "", full).rstrip("；;。")
        out.append(full if full != piece and core and re.sub(r"\s+", "", core) in flat else piece)
    return "".join(out)


def plan_title(org: str, topic: str) -> str:
    if topic.count("“") != topic.count("”"):
        topic = topic.replace("“", "").replace("”", "")
    topic = topic.strip("\"")
    for _ in range(2):  # …专项工作的 / …工作方案的: the genre words and a trailing 的, in either order
        topic = re.sub(r"的$", "", re.sub(r"(?:工作方案|实施方案|工作计划|方案|计划|工作任务清单|任务清单|工作)$", "", topic).strip())
    return f"{org}{topic}工作方案（提纲）" if topic else f"{org}工作方案（提纲）"


def same_jurisdiction(records: list[dict], documents: list[dict], request: str) -> list[dict]:
    """A plan for an organ of one place (北京某区检察院) does not implement another place's documents
    (武汉市…方案): when the request names a place some documents are issued for, the clauses of
    documents issued for other places only are left out; national documents stay."""
    places, asked = _places_asked(documents, request)
    if not asked:
        return records
    return [r for r in records if not places.get(r["doc_id"]) or places[r["doc_id"]] & asked]


def local_documents(documents: list[dict], request: str) -> list[str]:
    """The documents issued for a place the request names (为北京某区检察院… → the 北京 documents), in
    catalog order; none when it names no place a document is issued for."""
    places, asked = _places_asked(documents, request)
    return [doc_id for doc_id, ps in places.items() if ps & asked] if asked else []


def _places_asked(documents: list[dict], request: str) -> tuple[dict[str, set[str]], set[str]]:
    """(doc_id -> the places it is issued for, the places among them the request names)."""
    places = {d["doc_id"]: document_places(d) for d in documents}
    return places, places_named(request, {p for ps in places.values() for p in ps})


def gather_clauses(retriever: ClauseRetriever, request: str, topic: str, focus: list[str],
                   filters: Filters | None = None, limit: int = 24, per_query: int = 12,
                   whole_doc_limit: int = 120, main_per_query: int = 24, org: str = "") -> list[dict]:
    """Clauses for a plan: the request, its topic, each focus term, and the topic with plan facets, best first
    (``limit`` of them; ``whole_doc_limit`` when the request implements one document it names). When one document
    gives most of the best clauses, the queries are asked again inside it (``main_per_query`` clauses each)."""
    queries = [(request, 1.0), (topic, 1.0)] + [(f, 1.2) for f in focus] + [
        (f"{topic} 目标 定位", 0.5), (f"{topic} 组织领导 队伍 专业化 保障", 0.5)]
    if supervising(request, org):
        # supervision (an inspection, a crackdown) says how it inspects and what it does with what it finds: the organ's powers and
        # measures (现场检查, 责令改正, 查封, 移送, 举报), which share no word with the topic
        queries.append((f"{topic} {_INSPECTION_FACET}", 1.0))
    score: dict[str, float] = {}
    records: dict[str, dict] = {}
    given = filters or Filters()
    passes = [given]
    if given.empty():
        # the request implements one document it names (落实侦查监督与协作配合机制 / 贯彻《…实施方案》): its facets are
        # looked up in that document (not merely when its clauses lead the hits: a topic one law has a chapter on —
        # 未成年人 — does not make a plan about that law)
        named = retriever.document_names().named_anywhere(request)
        if len(named) == 1:
            doc = retriever.document_names().prefer_current(named[0])[0][:1]
            # …and holds what the request itself finds first: a stretch of generic words that one title happens to hold
            # (质量安全监督检查 of a 生猪屠宰 plan, in 特种设备安全监督检查办法) names no document (a plan took all its tasks there)
            if any(h.clause["doc_id"] in doc for h in retriever.search(request, k=1, filters=given).hits):
                passes = [Filters(doc_ids=doc)]
    local = local_documents(retriever.documents(), request) if not given.doc_ids else []
    if local and not passes[0].doc_ids:
        # a plan for an organ of one place (为北京某区检察院…) implements that place's documents first: their
        # clauses are gathered on their own too, so that a national library (the laws) does not crowd them out
        passes.append(Filters(doc_ids=local, issuer=given.issuer, date_from=given.date_from, date_to=given.date_to))

    def gather(f: Filters, k: int) -> None:
        for q, w in queries:
            if not q.strip():
                continue
            for h in retriever.search(q, k=k, filters=f).hits:
                cid = h.clause["clause_id"]
                records[cid] = h.clause
                score[cid] = score.get(cid, 0.0) + w / (10 + h.rank)

    for f in passes:
        gather(f, per_query)
    if len(passes) == 1 and not passes[0].doc_ids and main_per_query > 0:
        # the document governing the topic (most of the best clauses come from it): its other clauses on the request
        # are asked for inside it, so that a library's other documents sharing the generic words (监督检查, 责令改正) do
        # not crowd out its own measures
        top = [records[c]["doc_id"] for c in sorted(score, key=lambda c: -score[c])[:per_query]]
        lead = leading_document(top)
        if lead is not None and top.count(lead) * 2 > len(top):
            gather(Filters(doc_ids=[lead], issuer=given.issuer, date_from=given.date_from, date_to=given.date_to),
                   main_per_query)
    ranked = sorted(score, key=lambda c: -score[c])
    if len(passes) == 1 and passes[0].doc_ids and given.empty():
        # a plan implementing the one document it names draws on all of it (every chapter, up to whole_doc_limit
        # clauses): the clauses no query ranked follow, in the document's order (the builder's topic, organ and
        # chapter rules choose among them)
        main = passes[0].doc_ids[0]
        rest = [r for r in retriever.document_records(main) if r["clause_id"] not in records]
        # taken from every chapter in turn (the first clause of each, then the second …), so that a long document's last
        # chapters are read too when the limit falls inside it
        chapters: dict[str, list[dict]] = {}
        for r in rest:
            chapters.setdefault(chapter_of(r), []).append(r)
        turns = [r for k in range(max((len(v) for v in chapters.values()), default=0)) for v in chapters.values() if k < len(v)
                 for r in [v[k]]]
        records.update({r["clause_id"]: r for r in turns})
        ranked += [r["clause_id"] for r in turns]
        limit = max(limit, whole_doc_limit)
    kept = same_jurisdiction([records[c] for c in ranked], retriever.documents(), request)
    return [r for r in kept if r.get("kind") not in ("notice", "closing")][:limit]


_BASIS_TAIL = re.compile(r"[,，]\s*(?:根据|依据|依照|按照)[^。；;，,]{1,120}[。.]$")


# …and the basis told without a comma before 制定 (为了…，根据宪法制定本法。), in a purpose clause only: elsewhere 根据…制定 is a
# duty (省、自治区、直辖市人民政府，根据本条例制定本行政区域的实施办法。 — review finding)
_BASED_ENACTING = re.compile(r"[,，]\s*(?:根据|依据|依照)[^，,。；;]{1,60}?(?:特|现)?(?:制定|制订)本(?:法|条例|办法|规定|细则|规则|解释|决定)"
                             r"[。.]?$")
_PURPOSE_OPENING = re.compile(r"^(?:第[^条\s]{1,8}条\s*)?为")


def without_enacting_tail(text: str) -> str:
    """A purpose clause without its enacting words (为…，制定本实施办法。→ 为…。): in a plan they would
    claim that the plan is the document cited."""
    out = _ENACTING_TAIL.sub("。", text)
    if out == text and _PURPOSE_OPENING.match(text):
        out = _BASED_ENACTING.sub("。", text)
    if out != text:  # and the legal basis it was made on, left dangling (…，根据《刑事诉讼法》和有关法律规定。)
        out = _BASIS_TAIL.sub("。", out)
    return out


def final_provision(rec: dict) -> bool:
    """A clause of the 附则 kind (本办法自印发之日起施行 / 由…负责解释 / 另有规定的，从其规定): no task,
    goal or safeguard of a plan comes from it."""
    path = " ".join(rec.get("heading_path") or [])
    return bool(re.search(r"附\s*则", path) or _FINAL_PROVISION.search(rec["text_normalized"]))


_ENUM_MARK = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]")


def enumeration_head(text: str, max_title: int = 20) -> str | None:
    """A clause that opens a list (…应当坚持：（一）依法规范履职。要…（二）深化改革成果。要…) as one outline
    line: its lead-in and every item's title (…应当坚持:(一)依法规范履职;(二)深化改革成果。) when each item
    has a short title, else the whole list (…可以采取以下方式:(一)书面查阅案卷材料;(二)…;(五)其他必要的工作
    方式。) — never its first item alone, nor an item picked out of it. The article number is the
    citation's. None when the clause opens no list."""
    # item marks, not references to one (前款第(一)项, 第(二)项规定的): 第 before or 项 after
    marks = [m for m in _ENUM_MARK.finditer(text) if text[m.start() - 1 : m.start()] != "第" and text[m.end() : m.end() + 1] != "项"]
    if len(marks) < 2 or not re.search(r"[:：]\s*$", text[: marks[0].start()]):
        return None
    if [m.group(1) for m in marks] != [int_to_cn(k) for k in range(1, len(marks) + 1)]:  # (一)(二)(三)…, nothing skipped
        return None
    lead = strip_article_number(text[: marks[0].start()].strip())
    titles = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        body = text[m.end() : nxt.start() if nxt else len(text)]
        title = re.split(r"[。；;]", body, maxsplit=1)[0].strip()
        if not title or len(title) > max_title:  # items that are sentences of their own: the list itself
            rest = strip_article_number(text.strip())
            return rest if rest.endswith(("。", "；", ";")) else rest + "。"
        titles.append(f"({m.group(1)}){title}")
    return lead + ";".join(titles) + "。"


def whole_sentences(sents: list[str]) -> list[str]:
    """Sentences joined where a piece ends in ； and goes on to its 。 (…应当及时报告；对于违章指挥的，应当立即制止。): an
    item or a goal is whole sentences, never a piece that leans on the one before (认为风险不可控的，… without 决策机关认为
    风险可控的，可以作出决策；)."""
    units: list[str] = []
    for sent in sents:
        if units and units[-1].rstrip().endswith((";", "；")):
            units[-1] += sent
        else:
            units.append(sent)
    return units


def _head_and_best(rec: dict, qg: set[str], idf: dict[str, float]) -> tuple[str, str]:
    sents = sentences(rec["text_normalized"])
    if not sents:
        return rec["text_normalized"][:80], ""
    listed = enumeration_head(rec["text_normalized"])
    if listed:  # a list's lead-in and all its titles, not its first item alone
        return listed, ""
    units = whole_sentences(sents)
    head = units[0]
    rest = units[1:]
    best = max(rest, key=lambda s: relevance(qg, s, idf)) if rest else ""
    return head, best


# the organs a clause may set a duty for, as the subject its sentence opens with (行政机关应…, 审判机关准确把握…,
# 各级党委要…), each with the words that name it
_ORGAN_NAMES = {
    "检察": ("人民检察院", "检察机关", "检察院", "检察官", "检察长"), "公安": ("公安机关", "公安局", "公安分局", "公安"),
    "法院": ("人民法院", "审判机关", "法院"), "行政": ("行政机关", "人民政府", "政府"), "党委": ("党委",), "人大": ("人大",),
    "政协": ("政协",), "监察": ("监察机关", "监察委员会"), "司法行政": ("司法行政部门", "司法局"), "宣传": ("宣传部门",),
    "有关部门": ("有关部门",), "行业": ("行业协会",),
}
_SUBJECT_SPAN = 16  # characters of a sentence's opening in which its subject is read
# a sentence's opening adverbial (对于…，/ 在…中，/ 根据…，): the subject follows it
_ADVERBIAL = re.compile(r"^(?:对于|对|在|根据|按照|依照|依据|为了|为|经|因)[^，,。；;]{1,30}[，,]")
_PREDICATE = re.compile(r"应当|应|要|须|必须|可以|负责|不得|准确|积极|依法|加强|建立|推动|推进|通过|开展|协助|配合|按照|严格|及时|主动|把|将|对")


def title_sentence(sentence: str) -> bool:
    """Is this an item's title (深刻认识城市副中心高质量发展的重大意义。 / 加强组织领导。)? One phrase of at most 30
    characters stating no rule (:func:`assistant.text.sentences.is_title_phrase`): 检察长负责。 states one."""
    return is_title_phrase(sentence, max_chars=30)


_LEADING_ORGAN = re.compile(r"(?:各级|地方各级|被诉|有关|上级|下级|同级|县级以上(?:地方)?(?:各级)?)?(?:"
                            + "|".join(sorted({n for ns in _ORGAN_NAMES.values() for n in ns}, key=len, reverse=True)) + ")")
_JOINT = ("、", "和", "与", "及", "同", "会同", "或者")


def _organs_in(text: str) -> set[str]:
    return {k for k, names in _ORGAN_NAMES.items() if any(n in text for n in names)}


def _subject_of(rec: dict) -> str:
    """The opening of the clause's first sentence of substance: a title sentence (着力提升依法行政水平。) and the
    article number skipped, 各级/被诉/有关… before the organ kept."""
    text = strip_article_number(rec["text_normalized"])
    sents = sentences(text) or [text]
    # a short first sentence without a modal verb is an item's title (加强自身建设。); 检察长负责。 is not
    title = len(sents) > 1 and title_sentence(sents[0])
    body = sents[1] if title else sents[0]
    body = _ADVERBIAL.sub("", body)  # 对于人民法院的执行活动，|人民检察院应当依法监督
    lead = _LEADING_ORGAN.match(body)
    while lead and (more := _LEADING_ORGAN.match(body, lead.end())):  # 县级以上人民政府公安机关: the organ of the government
        lead = more
    if lead and not body.startswith(_JOINT, lead.end()):
        # a sentence opening with one organ (人民法院开庭审理人民检察院提起的…案件，应当…): that organ alone is its subject, not
        # the one its object names — unless the clause after its first comma opens with an organ of its own (人民法院审判
        # 公诉案件，人民检察院应当派员出席法庭: the duty is the 检察院's)
        comma = re.search(r"[，,]", body)
        after = _LEADING_ORGAN.match(body, comma.end()) if comma else None
        return body[after.start(): after.end()] if after else body[lead.start(): lead.end()]
    verb = _PREDICATE.search(body, 2)  # the subject ends where the predicate starts (行政机关|应重视吸收检察机关的意见)
    return body[: verb.start() if verb else _SUBJECT_SPAN][:_SUBJECT_SPAN + 8]


# the state as the subject (国家鼓励…, 国家为…提供保障, 国家依法对…): a declaration of the lawmaker, no organ's task
_STATE_SUBJECT = re.compile(r"^国家(?:鼓励|支持|依法|建立|实行|为|对|保障|采取|加强|推进|健全|完善|应当|根据|实施|坚持)")


def for_organ(rec: dict, org: str) -> bool:
    """Is the clause a task of the plan's organ (org: 北京市朝阳区人民检察院, 某区检察院与公安分局)? Not when the
    subject its sentence opens with is only another organ (行政机关应重视吸收检察建议…, 审判机关准确把握…) or the
    state (国家鼓励…); a joint subject (人民检察院、公安机关应当…; 检察机关与行政机关…) or none (加强…) is."""
    own = _organs_in(org)
    opening = _subject_of(rec)
    subject = _organs_in(opening)
    if (own or org.strip()) and _STATE_SUBJECT.match(opening):
        return False  # (whatever the organ: 市文化执法支队's plan has no task 国家鼓励… — a trial)
    return not own or not subject or bool(subject & own)


def names_organ(rec: dict, org: str) -> bool:
    """Does the clause name the plan's organ as its subject (人民法院、人民检察院、公安机关应当…)?"""
    own = _organs_in(org)
    return bool(own and _organs_in(_subject_of(rec)) & own)


def on_topic(rec: dict, topic_grams: set[str], min_shared: int = 2) -> bool:
    """A task must share some of the request's topic words (未成年人, 绿色发展 …) with its clause."""
    from assistant.text.features import content_bigrams

    return len(topic_grams & set(content_bigrams(rec["text_normalized"]))) >= min(min_shared, len(topic_grams))


def distinctive(topic_grams: set[str], corpus_idf: dict[str, float] | None) -> set[str]:
    """The rarer half of the topic's bigrams across the whole store (未成/成年 rather than 司法/保护), among
    those the store uses at all: a bigram across two words (未成年人综合保护 → 人综, 合保) occurs nowhere,
    and as the "rarest" it would make any clause that happens to hold it on topic."""
    if not corpus_idf or len(topic_grams) < 4:
        return topic_grams
    attested = [g for g in topic_grams if g in corpus_idf] or list(topic_grams)
    ranked = sorted(attested, key=lambda g: (-corpus_idf[g] if g in corpus_idf else -99.0, g))  # ties by text
    return set(ranked[: max(2, len(ranked) // 2)])


def build_offline(request: str, records: list[dict], org: str, topic: str,
                  focus: list[str] | None = None, corpus_idf: dict[str, float] | None = None, *,
                  max_tasks: int = MAX_TASKS, per_group_cap: int = PER_GROUP,
                  restatement_share: float = 0.8, penalty_tasks: int = 0) -> tuple[str, list[PlanSection]]:
    from assistant.text.features import content_bigrams

    qg = question_grams(f"{topic} {request}")
    idf = idf_from(records)
    topic_grams = set(content_bigrams(topic))
    # (a focus term said in its statutory terms too: 黑车 → 未取得道路运输经营许可)
    focus_grams = [set(content_bigrams(" ".join([f, *expand(f)]))) for f in focus or []]
    guiding, goals, tasks, safeguards = [], [], [], []
    # final provisions and definitions (本条例所称…, 包括…) implement nothing
    # and a 款 that only continues the one before it (前款规定的复议…由…) is no item on its own
    # (or applies it elsewhere: 对…假释的，适用前款规定的程序)
    records = [r for r in records if not final_provision(r) and not _DEFINITION.match(r["text_normalized"])
               and not defines_applied_term(r["text_normalized"])
               and not is_dependent(body := strip_article_number(r["text_normalized"]))
               and not _REFERS_BACK.search(body)]
    for rec in records:
        head_path = " ".join(rec.get("heading_path") or [])
        text = rec["text_normalized"]
        first = (sentences(text) or [text])[0]
        if rec.get("kind") == "preamble" or _GUIDING.search(head_path) or _GUIDING.search(first) or _PRINCIPLES.search(first):
            guiding.append(rec)
        elif _GOAL.search(text[:40]) and not _SERVES_GOAL.search(text[:60]):
            goals.append(rec)
        elif _SAFEGUARD.search(text[:60]) or _SAFEGUARD.search(head_path[-20:]):
            safeguards.append(rec)
        else:
            tasks.append(rec)
    supervises = supervising(request, org)

    def relevant(rec: dict) -> bool:  # (every clause, when the request names no topic)
        return True

    # the topic's own words, without the 公文 words any topic has (未成年人综合保护 → 未成年人): a task on the topic
    # holds one of their rarer bigrams
    # (nor the kind of work: a plan for a 专项检查 of 发票 is on 发票 — not on another document's 专项监督检查工作方案)
    core_words = [w for w in precise_words(topic)
                  if w not in POLICY_WORDS and not _KIND_OF_WORK.fullmatch(w)]  # whole words: 社会保障, 检察建议 stay
    # …and the statutory terms of its colloquial words (骗保 → 骗取医疗保障基金): a task may say the topic only so
    core = " ".join([*core_words, *(t for w in core_words for t in expand(w))])
    # — the topic's own words where the library uses them: a statutory term's other words (传销 → 组织、领导传销活动) are
    # rarer than a word a whole document says in every clause, and would stand for the topic instead (a trial's 打击传销
    # plan was refused: its key words were 领导, 活动)
    # (a word the library does not say stands by its statutory terms: 涉赌 → 赌博 — review finding)
    said = [w for w in core_words if corpus_idf and all(g in corpus_idf for g in content_bigrams(w))]
    own = set(content_bigrams(" ".join([*said, *(t for w in core_words if w not in said for t in expand(w))])))
    own |= {g for w in core_words if w not in said for g in content_bigrams(w) if corpus_idf and g in corpus_idf}
    key_grams = distinctive(own or set(content_bigrams(core)) or topic_grams, corpus_idf) if topic_grams else set()
    # (涉赌 → 赌博: the clauses say only that) — a term of the topic's rarer words, not a common one (门店 → 经营场所 would
    # make every duty of a 经营者 on topic: review finding)
    stated = [t for w in core_words for t in expand(w) if len(t) >= 2 and set(content_bigrams(t)) & key_grams]
    # the topic's rarest word across the store (洗钱 of 惩治洗钱犯罪): a document titled with it is about the topic, however
    # its articles word it (掩饰、隐瞒犯罪所得…, 刑法第一百九十一条 — a trial's plan took other documents' clauses)
    rarest = {max(key_grams, key=lambda g: (corpus_idf.get(g, 0.0), g))} if key_grams and corpus_idf else set()
    if rarest and corpus_idf.get(next(iter(rarest)), 0.0) < sum(corpus_idf.values()) / len(corpus_idf):
        rarest = set()  # (a common word — 处理 of 道路交通事故处理 in a small library — makes no title about the topic: review)
    if topic_grams:  # off-topic clauses pulled in by facet queries are not tasks of this plan

        def relevant(rec: dict) -> bool:  # noqa: F811
            title = set(content_bigrams(rec.get("doc_title", "")))
            heads = set(content_bigrams(" ".join(rec.get("heading_path") or [])))
            return (any(fg and on_topic(rec, fg) for fg in focus_grams)  # a focus term of the request
                    or (on_topic(rec, topic_grams) and on_topic(rec, key_grams, 1))  # the topic's rarer words
                    or any(t in rec["text_normalized"] for t in stated)  # a topic word's statutory term
                    or len(key_grams & title) * 2 >= len(key_grams) or bool(rarest & title)  # a document about the topic
                    or len(key_grams & heads) * 2 >= len(key_grams))  # a chapter about it (第五章 执法监督)

        on_topic_tasks = [r for r in tasks if relevant(r)]
        if not on_topic_tasks and not any(relevant(r) for r in goals + safeguards):
            # nothing gathered is on the request's topic: no outline (the caller says 未找到依据)
            return plan_title(org, topic), [PlanSection(f"{n}、{h}") for n, h in zip("一二三四", SECTION_HEADINGS)]
        if on_topic_tasks and supervises:
            # supervision, an inspection or a crackdown: its organ's measures in the document giving most of the tasks
            # (进入场所检查, 责令改正, 查封, 移送 — they say no word of the topic) are its tasks too, in the order gathered;
            # and when few tasks say the topic's words, the rest of that document's gathered ones (a policy plan's clauses
            # sharing only its policy words are no tasks: below)
            main = leading_document([r["doc_id"] for r in on_topic_tasks])
            few = len(on_topic_tasks) < max_tasks
            on_topic_tasks = [r for r in tasks if r in on_topic_tasks or r["doc_id"] == main and (few or measure(r))]
        tasks = on_topic_tasks or tasks[:3]
    # a plan's tasks are its organ's own duties: another organ's (行政机关应…) is not this plan's to carry out
    tasks = [r for r in tasks if for_organ(r, org)] or tasks
    # nor a sanction (法律责任), nor a general provision (总则: purpose, principles, whose work it is) unless it names the
    # plan's organ as its subject (人民法院、人民检察院、公安机关应当在各自职责范围内…)
    # — unless the plan is a crackdown (打击/查处…): then the sanctions on its topic are what it enforces, after every duty
    enforcing = bool(_ENFORCING.search(normalize(request)))
    kept_penalties = [r for r in tasks if penalty_provision(r)]  # (an inspection's last tasks, below)
    tasks = [r for r in tasks if (enforcing or not penalty_provision(r))
             and (not general_provision(r) or names_organ(r, org))] or tasks
    # the duties a document gives the plan's organ by name (…人民检察院应当…) before those it gives no one in particular,
    # and a rule of criminal law (…的，以污染环境罪定罪处罚 / 应当认定为“情节严重” / 从重处罚) — what a court applies, not work to
    # carry out — only after every duty
    # — and among equals, the clauses holding more of the topic's own words (诉前, 检察建议 for 公益诉讼诉前检察建议: not a
    # 再审检察建议 clause holding one of them) first; in a supervision plan, in the order gathered (ranked by the request, its
    # topic, focus terms and the inspection facet): its organ's measures say no topic word, and a clause repeating 化妆品 is
    # not therefore what the inspection checks
    # — and in a supervision plan, the document giving most of its tasks (the one governing what it inspects) before the
    # others: another document's clause naming the organ (公安机关应当履行下列职责 of a 大型活动 regulation) is not the work of
    # a 网吧 inspection by the police (a plan trial)
    words = [] if supervises else topic_words_of(topic, focus or [])
    governing = leading_document([r["doc_id"] for r in tasks]) if supervises else None
    tasks = sorted(tasks, key=lambda r: (penalty_provision(r), governing is not None and r["doc_id"] != governing,
                                         not names_organ(r, org),
                                         bool(_CRIMINAL_RULE.search(r["text_normalized"])),
                                         -sum(w in r["text_normalized"] for w in words)))
    # the same rule restated by another document (a law and its rules) is one task, not two
    def body_grams(rec: dict) -> set[str]:  # without the article number, which differs between the two
        return set(content_bigrams(strip_article_number(rec["text_normalized"])))

    kept: list[tuple[dict, set[str]]] = []
    for rec in tasks:
        g = body_grams(rec)
        if not any(k["doc_id"] != rec["doc_id"] and len(g & kg) >= restatement_share * min(len(g), len(kg)) > 0
                   for k, kg in kept):
            kept.append((rec, g))
    tasks = [rec for rec, _g in kept]
    if not tasks:  # a plan needs tasks: take them from the other groups, best retrieved first
        tasks, safeguards = safeguards[:], []
    # tasks in relevance order, but from every document and not more than PER_GROUP from one
    # chapter/section of a document, so that the outline is not just the first hits
    ordered: list[dict] = []
    per_group: dict[tuple, int] = {}
    one_doc = len({rec["doc_id"] for rec in tasks}) == 1
    if one_doc and not any(focus_grams):
        # a plan implementing one document follows its chapters (侦查监督 / 协作配合 / 信息共享): the best task of each
        # chapter, then the second best of each, …, shown in the document's order (a request with focus terms —
        # 突出行刑衔接、公益协同 — keeps to them instead)
        seen: dict[str, int] = {}
        turn = {}
        for rec in tasks:
            ch = chapter_of(rec)
            turn[rec["clause_id"]] = seen.get(ch, 0)
            seen[ch] = seen.get(ch, 0) + 1
        tasks = sorted(tasks, key=lambda r: turn[r["clause_id"]])  # stable: relevance order within a turn
    docs_seen = {rec["doc_id"] for rec in tasks[:max_tasks]}
    for rec in tasks:  # first the best task of every document among the top ones
        if rec["doc_id"] in docs_seen and rec["doc_id"] not in {r["doc_id"] for r in ordered}:
            ordered.append(rec)
    for rec in tasks:
        if len(ordered) >= max_tasks:
            break
        group = (rec["doc_id"], chapter_of(rec))
        if rec in ordered or per_group.get(group, 0) >= per_group_cap:
            continue
        ordered.append(rec)
        per_group[group] = per_group.get(group, 0) + 1
    # …unless no other chapter has tasks left, in a supervision plan: the chapter governing what it inspects (经营 of
    # 化妆品) fills it — not a policy plan, whose further tasks of one part are the document's other topics (a 绿色发展
    # plan took 民事检察监督 and 非首都功能疏解 so)
    if supervises:
        ordered += [r for r in tasks if r not in ordered][:max(0, max_tasks - len(ordered))]
    # an inspection or rectification (专项检查, 执法检查, 专项整治) ends with dealing with what it finds: the sanctions on
    # its topic (罚则), up to ``penalty_tasks`` of them — new-user trials found none in such plans
    inspecting = not enforcing and bool(_INSPECTING.search(normalize(request)))
    if inspecting and penalty_tasks > 0 and not any(penalty_provision(r) for r in ordered):
        # (of the document giving most of the tasks: not another law's 罚则 sharing a topic word)
        main = max({o["doc_id"] for o in ordered}, key=lambda d: (sum(o["doc_id"] == d for o in ordered), d), default=None)
        # (sanctions on what it finds, not on the inspecting staff themselves: 监督检查人员…未依法履行职责的)
        sanctions = [r for r in kept_penalties if relevant(r) and r not in ordered and r["doc_id"] == main
                     and not _OWN_STAFF.search(re.split(r"[,，；;。]", strip_article_number(r["text_normalized"]))[0])
                     and not _OFFICIALS_FAULT.search(strip_article_number(r["text_normalized"]))][:penalty_tasks]
        ordered = ordered[:max(0, max_tasks - len(sanctions))] + sanctions
    if one_doc:
        ordered.sort(key=lambda r: (r.get("start", 0), r["clause_id"]))
    else:
        ordered.sort(key=lambda r: (penalty_provision(r) and inspecting, tasks.index(r) if r in tasks else len(tasks)))
    # a guiding line, goal or safeguard comes from a document that gives the plan a task, or is on the topic
    # itself: the safeguards of an unrelated law (…建立健全反有组织犯罪专业力量…) are not this plan's
    task_docs = {r["doc_id"] for r in ordered}

    def belongs(rec: dict) -> bool:
        return rec["doc_id"] in task_docs or relevant(rec)

    safeguards = [r for r in safeguards if belongs(r)]
    # a guiding line is on the topic itself, or comes from the document that gives most of the tasks (not the preamble
    # of a document that lends one task: 府检联动's for a 未成年人 plan)
    main_doc = max(task_docs, key=lambda d: (sum(r["doc_id"] == d for r in ordered), d)) if task_docs else None
    guiding = [r for r in guiding if relevant(r) or r["doc_id"] == main_doc]
    goals = [r for r in goals if relevant(r) and for_organ(r, org)]  # a goal of this plan: on its topic, its organ's
    sections = [PlanSection(f"一、{SECTION_HEADINGS[0]}"), PlanSection(f"二、{SECTION_HEADINGS[1]}"),
                PlanSection(f"三、{SECTION_HEADINGS[2]}"), PlanSection(f"四、{SECTION_HEADINGS[3]}")]

    used: set[str] = set()  # a clause gives one item of the outline, not one in two sections

    def item(rec: dict, label: str | None, best: bool = True) -> PlanItem:
        used.add(rec["clause_id"])
        head, extra = _head_and_best(rec, qg, idf)
        body = head if not best or not extra else f"{head}{'' if head.endswith(('。', '；', ';')) else '。'}{extra}"
        body = without_enacting_tail(body)
        if label:  # the outline's （二） replaces the source's own item number (二、…: a document numbered by items)
            body = re.sub(r"^[一二三四五六七八九十]{1,3}、", "", body)
        text = f"{label}{body}" if label else body
        return PlanItem(source_form(rec, text), [rec["clause_id"]])

    for rec in guiding[:2]:  # a title sentence alone (深刻认识…的重大意义。) says nothing: with what follows, as below
        head = (sentences(rec["text_normalized"]) or [""])[0]
        sections[0].items.append(item(rec, None, best=title_sentence(head)))
    for rec in goals[:2]:
        sections[1].items.append(item(rec, None))
    ordered = [r for r in ordered if r["clause_id"] not in used]
    safeguards = [r for r in safeguards if r["clause_id"] not in used and r not in ordered]
    safeguards = [r for r in safeguards if for_organ(r, org)] or safeguards  # the organ's own, as its tasks
    if not goals:  # a goal sentence inside a clause no other section uses (…目标…, 力争…, 确保…)
        taken = used | {r["clause_id"] for r in ordered}  # a safeguard clause may state the goal instead
        cands = [(relevance(qg, st, idf), rec, st) for rec in records if rec["clause_id"] not in taken and relevant(rec)
                 for st in whole_sentences(sentences(rec["text_normalized"]))[1:] if re.search(r"目标|力争|确保|努力|实现", st)
                 and not _SERVES_GOAL.search(st) and for_organ(rec, org) and for_organ({"text_normalized": st}, org)]
        if cands:
            _score, rec, st = max(cands, key=lambda x: x[0])
            used.add(rec["clause_id"])
            safeguards = [r for r in safeguards if r["clause_id"] != rec["clause_id"]]
            sections[1].items.append(PlanItem(source_form(rec, st), [rec["clause_id"]]))
    for n, rec in enumerate(ordered, 1):
        sections[2].items.append(item(rec, f"（{int_to_cn(n)}）"))
    for n, rec in enumerate(safeguards[:4], 1):  # a title sentence alone (加强组织领导。) says nothing: with what follows
        head = (sentences(rec["text_normalized"]) or [""])[0]
        sections[3].items.append(item(rec, f"（{int_to_cn(n)}）", best=title_sentence(head)))
    return plan_title(org, topic), sections


def renumbered(items: list[PlanItem]) -> list[PlanItem]:
    """A section's items numbered （一）（二）… again, in order (after one was taken out)."""
    for n, it in enumerate(items, 1):
        it.text = re.sub(r"^[（(][一二三四五六七八九十百]+[)）]", f"（{int_to_cn(n)}）", it.text)
    return items


# the words of a campaign that any plan's request may hold (开展…专项整治行动, 加强…工作): they name no topic of their own
# a crackdown's words: a plan enforcing the sanctions of its topic (打击私屠滥宰, 查处无照经营, 专项整治)
_ENFORCING = re.compile(r"打击|查处|严查|惩治|惩处")
_INSPECTING = re.compile(r"检查|抽查|排查|巡查|督查|整治|治理")
# the work of supervising others (an inspection, a crackdown, 监督, 监管, 执法): its organ's measures are its tasks
_SUPERVISING_ORGAN = re.compile(r"(?:监管|监督管理|执法|监察|监督)(?:局|厅|委员会|总队|支队|大队|中队|所|处|科|部门)")
_SUPERVISING = re.compile(rf"{_INSPECTING.pattern}|{_ENFORCING.pattern}|监督|监管|执法")


def measure(rec: dict) -> bool:
    """Does the clause give an authority (…部门, …机关, …机构, …局) a measure of supervision (检查, 责令改正, 查封, 移送,
    举报 — the inspection facet's words)?"""
    return bool(_AUTHORITY.search(_subject_of(rec)) and _MEASURE.search(strip_article_number(rec["text_normalized"])))


def leading_document(doc_ids: list[str]) -> str | None:
    """The document most of ``doc_ids`` are of (on a tie, the one first among them); None for none."""
    return max(dict.fromkeys(doc_ids), key=doc_ids.count) if doc_ids else None


def supervising(request: str, org: str) -> bool:
    """Is the plan's work supervising others (专项检查, 打击…, 日常监管, 集中监督)? Not read in the name of an organ
    (市场监管局, 执法支队, 劳动保障监察大队), which any plan of that organ holds."""
    text = normalize(request).replace(normalize(org), " ") if org.strip() else normalize(request)
    return bool(_SUPERVISING.search(_SUPERVISING_ORGAN.sub(" ", text)))


# how an inspection is done and what it does with what it finds, in the words statutes give an inspecting organ's powers
_INSPECTION_FACET = "监督检查 现场检查 责令改正 查封 移送 举报"
_MEASURE = re.compile(r"检查|责令改正|查封|移送|举报")  # (the facet's measures)
_AUTHORITY = re.compile(r"部门|机关|机构|局")
_OWN_STAFF = re.compile(r"工作人员|检查人员|执法人员|监察员|监督人员")
# a sanction on the authorities' own failure (…人民政府未依照本条例…; …主管部门…未履行监督检查职责; 玩忽职守): not what an
# inspection finds in those it inspects (review finding)
_OFFICIALS_FAULT = re.compile(r"(?:人民政府|主管部门|行政部门|管理部门|机关)[^，,。；;]{0,30}?(?:未依照|未按照|未履行|不履行)"
                              r"|玩忽职守|滥用职权|徇私舞弊|未履行[^，,。；;]{0,8}职责")  # (not 整治 or 执法检查: rectifying, inspecting — review finding)
# what a plan does, not on what (专项检查, 执法检查, 排查整治, 监督, 一次)
_KIND_OF_WORK = re.compile(r"(?:专项|执法|监督|安全|集中|日常)?(?:检查|抽查|排查|抽检|巡查|整治|治理|监督|督查)+|一次|一轮|情况")
_CAMPAIGN_WORDS = re.compile(r"^(?:开展|专项|整治|打击|治理|行动|工作|推进|加强|贯彻|落实|深化|提升|集中|攻坚|排查|清理|年度|重点|任务|活动"
                             r"|保护|管理|监督|规范|改革|发展|促进|完善|健全|优化|提高|加大|强化|依法|高标准|高质量"
                             r"|案件|办理|处理|查处|问题|事项|领域|行业"
                             r"|机制|体系|建设|服务|保障|实施|组织|部署|全面|持续|常态化|三年|百日|试点|示范)+$")


# when and where a plan is for, which name no topic of it: 今年, 第一季度, 上半年, 2025年, 全市, 本区, 朝阳区, 北京市
_WHEN_OR_WHERE = re.compile(r"^(?:今年|明年|去年|本年度?|年度|全年|近期|当前|今后|上半年|下半年|第[一二三四]季度|\d{2,4}年(?:度)?"
                            r"|全(?:国|省|市|区|县|镇|乡)|本(?:省|市|区|县|镇|乡)|[\u4e00-\u9fff]{1,6}(?:省|市|区|县|镇|乡|街道))$")


# the organ a plan is for, named inside its topic (区政府2025年政务公开, 检察院公益诉讼): who, not what
_ORGAN_WORD = re.compile(r"^(?:(?:[区市县省州乡镇]|某[区市县])?(?:人民)?(?:政府|检察院|法院|公安局|公安分局|司法局|检察机关|公安机关|行政机关)"
                         r"|本院|我院|本单位|我单位|本局|我局|本部门)$")


def topic_words_of(topic: str, focus: list[str]) -> list[str]:
    """The words of a request's topic that name it: not campaign words (开展, 专项 …), not when or where (今年, 全市),
    nor the organ (区政府), nor a placeholder (某区); a word inside a longer one counts as that one."""
    from assistant.generate import decide

    words = decide.distinct_words(sorted(decide.topic_words(" ".join([topic, *focus]))))
    return [w for w in words if not _CAMPAIGN_WORDS.match(w) and not _WHEN_OR_WHERE.match(w) and not w.startswith("某")
            and not _ORGAN_WORD.search(w)]


def absent_topic_words(topic: str, focus: list[str], known) -> tuple[list[str], list[str]]:
    """(words of the request's topic the library uses, those it never uses — nor each of their character pairs): a
    plan's topic none of whose words a clause uses (校园食品安全专项整治 in a library of building-site safety, where only
    the campaign words and 安全 are found) has no basis here. Campaign words (开展, 专项, 整治 …) and placeholders of a
    place or organ (某区) name no topic; a word inside a longer one counts as that one (食品安全, not 安全)."""
    words = topic_words_of(topic, focus)

    def used(w: str) -> bool:
        # its character pairs, or pieces of two characters or more that the library uses (执法检查 is 执法 and 检查,
        # though no clause says 法检; 食品安全 is not 安全 alone)
        if known(w) or all(known(w[i:i + 2]) for i in range(len(w) - 1)):
            return True
        can = [True] + [False] * len(w)  # can[i]: w[:i] is made of such pieces
        for i in range(len(w)):
            if can[i]:
                for j in range(i + 2, len(w) + 1):
                    if known(w[i:j]):
                        can[j] = True
        return can[-1]

    # (a colloquial word counts as used where one of its statutory terms is: 欠薪 → 拖欠工资 — review finding)
    found = [w for w in words if used(w) or any(used(t) for t in expand(w))]
    return found, [w for w in words if w not in found]


def note_empty_sections(sections: list[PlanSection]) -> None:
    """A section left without a verified item (no clause on the topic states a goal, say) says that it has
    no basis in the library, instead of vanishing from the outline or taking an off-topic clause."""
    for sec in sections:
        if not any(i.verified for i in sec.items) and not sec.note:
            sec.note = NO_BASIS_NOTE


def verify_items(sections: list[PlanSection], mapping: dict[str, dict], docs: chk.DocIndex) -> None:
    """Check every item against its cited clauses; ``mapping`` is key -> clause record and each item's
    keys are in ``item.checks["keys"]`` (offline items use clause ids as keys)."""
    for sec in sections:
        for it in sec.items:
            text = re.sub(r"^[（(][一二三四五六七八九十\d]+[）)]", "", it.text)
            keys = it.checks.get("keys", it.citations)
            res = chk.check_statement(text, keys, mapping, docs=docs)
            it.verified = res.verified
            it.citations = res.checks.get("citations", [])
            it.checks = res.to_json()


def parse_llm_outline(raw: str, keys: dict[str, dict]) -> tuple[str, list[PlanSection]]:
    """Title (first non-empty line), sections (一、 lines) and items (other lines with keys)."""
    title, sections = "", []
    for line in raw.splitlines():
        s = line.strip().lstrip("#").strip().strip("*").strip()
        if not s:
            continue
        if not title and not KEY_RE.search(s) and not re.match(r"^[一二三四五六七八九十]+、", s):
            title = s
            continue
        if re.match(r"^[一二三四五六七八九十]+、", s) and not KEY_RE.search(s):
            sections.append(PlanSection(s))
            continue
        if not sections:
            sections.append(PlanSection("三、主要任务"))
        found = keys_in(s)
        text = KEY_RE.sub("", s).strip(" -")
        sections[-1].items.append(PlanItem(text, [keys[k]["clause_id"] for k in found if k in keys], checks={"keys": found}))
    return title, sections
