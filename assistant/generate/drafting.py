"""The offline drafter: cited answers built only from clause sentences (no model).

It selects the clause sentences most relevant to the question, groups them by document, opens with
one line saying where the rules are found, and cites every sentence. It never writes text that is
not in a clause, except connective phrases and headings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.index.lexical import clean_query
from assistant.text.conditions import (
    asked_actions,
    lays_down_procedure_of,
    listed_noun,
    lists_conditions_of,
    procedure_phrase_removed,
    procedure_words,
    without_asking,
)
from assistant.text.features import SENTENCE, bigrams
from assistant.text.punct import book_title
from assistant.text.sentences import (
    HEADING_MAX_CHARS,
    LEAD_IN,
    POINT_MARK,
    addresses_assistant,
    asking_sentences,
    clause_sentences,
    content_chars,
    is_dependent,
    is_heading,
    is_item,
    is_item_title,
    strip_article_number,
)
from assistant.text.spans import shares_run
from assistant.text.textnorm import normalize
from assistant.text.values import ASKING_WORDS, ASKS_COMMENCEMENT, ASKS_VALUE, ASKS_WHEN_STARTS, ASKS_WHICH

_ITEM_HEAD = re.compile(r"^(?:第[^条]{1,6}条\s*|\d{1,3}[.、]\s*|\([一二三四五六七八九十]{1,3}\)\s*)")


@dataclass
class Drafted:
    text: str
    clause_ids: list[str]
    kind: str = "content"  # content | summary | note


@dataclass
class Draft:
    statements: list[Drafted] = field(default_factory=list)

    def add(self, text: str, clause_ids: list[str], kind: str = "content") -> None:
        self.statements.append(Drafted(text, clause_ids, kind))


def sentences(text_normalized: str) -> list[str]:
    """Sentences of a clause's normalised text, with the item number removed from the first."""
    out = []
    for para in text_normalized.split("\n"):
        for k, m in enumerate(SENTENCE.finditer(para)):
            s = m.group(0).strip()
            if k == 0:
                s = _ITEM_HEAD.sub("", s)
            if len(re.sub(r"\W", "", s)) >= 4:
                out.append(s)
    return out


def relevance(question_grams: set[str], sentence: str, idf: dict[str, float]) -> float:
    grams = set(bigrams(sentence))
    if not grams or not question_grams:
        return 0.0
    hit = sum(idf.get(g, 1.0) for g in question_grams & grams)
    return hit / math.sqrt(len(grams))


_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")


def question_grams(question: str, strip: list[str] | None = None, when_words: bool = False) -> set[str]:
    """The bigrams a question chooses sentences by; ``when_words``: with the words asking when something starts (从哪天
    开始算), which otherwise pick any sentence saying when something starts (继承从被继承人死亡时开始)."""
    q = question if when_words else re.sub(ASKS_WHEN_STARTS, " ", question)
    if ASKS_COMMENCEMENT.search(normalize(question)):  # (a document takes effect in any of these words: 施行 asked, 实行 said)
        q += " 施行 实行 生效"
    q = _A_NOT_A.sub(" ", clean_query(q))  # 算不算 / 会不会: the question's form (…不算过期 answers nothing)
    # when a story's event happened (开枪的时候) picks no sentence (…还有结余的时候，可以…补助 — trial R); the decision's coverage
    # still counts it, as the rankers do
    q = q.replace("时候", " ")
    for s in sorted(strip or [], key=len, reverse=True):  # longest first: a name inside a longer one is that one's
        q = q.replace(normalize(s), " ")
    # a number a question tells (借了10万, 5万块钱) is a fact of the story: its digits would pick any sentence with one
    # (处5万元以上…罚款, 本法自1990年10月1日起施行)
    return {g for g in bigrams(q) if len(g) == 2 and not re.search(r"\d", g)}


def idf_from(records: list[dict]) -> dict[str, float]:
    df: dict[str, int] = {}
    for r in records:
        for g in set(bigrams(r["text_normalized"])):
            df[g] = df.get(g, 0) + 1
    n = max(1, len(records))
    return {g: math.log(1 + n / c) for g, c in df.items()}


@dataclass
class Unit:
    """What an answer statement can be: one sentence of a clause, a whole enumeration (lead-in and
    every item), or a dependent sentence together with the one it depends on."""

    display: str  # the source's own punctuation and script
    normalized: str
    lead: str = ""  # an enumeration's lead-in (normalised), up to its colon: what the list is of


_RESUMES = re.compile(r"^([^,，。；;：:]{2,40})(后|时)[,，]")


def _resumes(opening: str, before: str, size: int = 4, when: bool = False) -> bool:
    """Does a sentence's opening (what comes before its 后， or 时，) repeat ``size`` characters of the sentence before
    it, besides the subject both open with (人民法院…。人民法院审理后，… only names its subject again)? ``when`` (an
    opening ending 时，): only one shorter than that, repeating the act just named whole — how it is done (…住宿必须
    登记。登记时，应当查验…); a longer 时 opening states a circumstance of its own, and an opening ending 后， a next step
    (…依法审理。人民法院审理后，应当判决。: a rule of its own)."""
    k = 0
    while k < min(len(opening), len(before)) and opening[k] == before[k]:
        k += 1
    rest = opening[k:]
    if when:
        return 2 <= len(rest) < size and rest in before
    return shares_run(rest, before, size)


_NEGATED = re.compile(r"不得|不予|不能|不属于|不应|不视为|不认定|不适用|不构成|不作为|不是|不再|不可|不准|禁止")


def _negated(text: str) -> bool:
    return bool(_NEGATED.search(text))


def _lead(text: str) -> str:
    """A lead-in up to its colon (the first item may share its sentence)."""
    return re.split(r"(?<=[：:])", text, maxsplit=1)[0]


_ANNOUNCES_TEXT = re.compile(r"(?:解释|规定|通知|决定|意见)?如下[:：]\s*$")
_SHORT_SENTENCE = 8  # content characters: fewer, and a sentence states nothing alone (the harness's fragment flag)


# a sentence ending mid-way: its last character a Chinese one, no punctuation after it — in a clause of a sentence (after a
# comma) or of an item ((二)不采取转账结算方式购置)
_BROKEN_OFF = re.compile(r"[\u4e00-\u9fff]\s*$")
_MIDWAY = re.compile(r"[，,]|^\s*[(（][一二三四五六七八九十]+[)）]")


_CAPTION_MAX = 30  # an article caption's characters at most (对以存单为表现形式的借贷纠纷案件的认定和处理: 22)
# a rule's words: a 第一款 saying one is a rule, with or without its full stop (本法自公布之日起施行)
_NORMATIVE_WORD = re.compile(r"应当|应|可以|不得|必须|禁止|有权|负责|不予|适用|施行|生效|实行|执行|是指|依照|按照")


def is_caption(record: dict) -> bool:
    """An article's caption standing as its first 款 (第四条 存单纠纷案件的管辖, then the rule in the lines after it): a title
    phrase alone — no punctuation, no word of a rule, no item — of at most ``_CAPTION_MAX`` characters. It states nothing;
    the label says where the rule is (trial Q showed one as a statement)."""
    if record.get("kind") != "article" or (record.get("position") or {}).get("paragraph") != 1:
        return False
    text = strip_article_number(normalize(record.get("text") or record["text_normalized"]).strip())
    return (bool(text) and "\n" not in text and not is_item(text) and not re.search(r"[。；;，,：:！!？?、]", text)
            and content_chars(text) <= _CAPTION_MAX and not _NORMATIVE_WORD.search(text) and not LEAD_IN.search(text))


def clause_units(record: dict) -> list[Unit]:
    """The statement units of a clause, in order: headings and sentences addressing the assistant
    left out; an enumeration kept whole; a dependent sentence (但…/前款…, or one opening from the outcome of the one
    before: …承担补充责任后，可以…) joined to the one before."""
    titled = record.get("kind") != "article"  # items of policy documents open with a title sentence; articles never do
    # (an article's 1. 2. lines are its 项's sub-points, kept with their list like its （一） items)
    sents = clause_sentences(record.get("text") or record["text_normalized"], points=not titled)

    def item(sentence: str) -> bool:
        return is_item(sentence) or (not titled and bool(POINT_MARK.match(sentence)))
    units: list[Unit] = []
    in_list = False
    para = 0  # the paragraph of the sentence; unit_para: the paragraph each unit was last extended in
    unit_para: list[int] = []
    last_item = 0  # the number of the last 项 seen
    for i, (disp, norm, first) in enumerate(sents):
        number = _item_number(norm) if item(norm) else 0
        if number and number == last_item + 1 and last_item and not in_list:
            # the next 项 of a list after paragraphs of the one before (（一）…。 / 犯罪嫌疑人自动投案后又逃跑的，…。 / （二）…):
            # a unit of its own, of that list — not glued to the paragraph before it (a trial)
            para += 1 if first else 0
            units.append(Unit(disp, norm, next((u.lead for u in reversed(units) if u.lead), "")))
            unit_para.append(para)
            last_item, in_list = number, True
            continue
        if number:
            last_item = number
        # the rules read the normalised sentence (Simplified, half-width): a Traditional source is judged alike
        para += 1 if first else 0
        continues = i + 1 < len(sents) and not sents[i + 1][2]  # the next sentence is in this paragraph
        if (addresses_assistant(norm) or is_heading(norm, first=first and titled, more=i + 1 < len(sents))
                or (titled and is_item_title(norm, first=first, continues=continues))
                or (record.get("kind") != "article" and i == len(sents) - 1 and _ANNOUNCES_TEXT.search(norm))
                # (a paragraph of a document in parts that is a bare title — no punctuation, a few words: 国务院管理干部的
                # 公司, over the list appended to it — states nothing: trial L showed it as an answer's first statement)
                or (record.get("kind") != "article" and first and not continues and not item(norm)
                    and not re.search(r"[。；;，,：:！!？?、]", norm) and content_chars(norm) <= HEADING_MAX_CHARS)
                or is_caption(record)):
            # (…现就办理这类案件适用法律的若干问题解释如下：, a paragraph ending so: it announces the text, states nothing — a
            # trial; an article's lead-in stays with its items)
            in_list = False
            continue
        # an item, or a further sentence of an item's paragraph (…；无有效价格证明的，…), stays in its enumeration
        # and a part after a semicolon belongs to its sentence (…获得谅解的，一般可以不认为是犯罪；追究刑事责任的，应当酌情
        # 从宽。): shown alone, its condition is lost
        joined = (units and not first and not item(norm) and unit_para[-1] == para
                  and units[-1].normalized.rstrip().endswith(("；", ";")))
        # a sentence that opens from the outcome of the one before (…承担相应的补充责任。…承担补充责任后，可以向第三人
        # 追偿。): alone, it says after what without saying what
        m = _RESUMES.match(norm)
        joined = joined or bool(units and m and not first and not item(norm) and unit_para[-1] == para
                                and _resumes(m.group(1), sents[i - 1][1], when=m.group(2) == "时"))
        # an article's item after a sentence that does not announce it with a colon (…确定当事人的责任。（一）…；（二）…):
        # still that sentence's list; a sentence too short to state anything alone (承包地不得买卖。) stays with the one
        # before it in its paragraph
        joined = joined or bool(units and not titled and item(norm)) or bool(
            units and not first and unit_para[-1] == para and not item(norm) and content_chars(norm) < _SHORT_SENTENCE)
        # a paragraph going on with a sentence the source broke mid-way (…不采取转账结算方式购置 / 国家规定的专项控制商品的；): the
        # sentence before ends with no punctuation — shown apart, both halves lose their sense (a trial lost the rest of a list)
        # — a sentence, not a heading or a table's row (适用解析, 1—10千伏 5米: no comma before the break — review finding)
        # (in an article, a line of four characters or more with no figure: its paragraphs hold no heading — a review found
        # …需要转换程 / 序的… cut; a table's row holds figures)
        tail = re.split(r"[。；;：:]", units[-1].normalized)[-1] if units else ""
        joined = joined or bool(units and not item(norm) and _BROKEN_OFF.search(units[-1].normalized)
                                and (_MIDWAY.search(tail) or (not titled and len(re.findall(r"[\u4e00-\u9fff]", tail)) >= 4
                                                              and not re.search(r"\d", tail))))
        if units and ((in_list and (item(norm) or not first)) or is_dependent(norm) or joined):
            opens = not in_list and bool(LEAD_IN.search(norm))
            lead = units[-1].lead or (_lead(units[-1].normalized + norm) if opens else "")
            units[-1] = Unit(units[-1].display + disp, units[-1].normalized + norm, lead)
            unit_para[-1] = para
            # a lead-in joined to the sentence before it (…有权追回；除法律另有规定外，符合下列情形的，…：) opens its list
            in_list = in_list or opens or bool(item(norm))  # (an item joined: its list goes on)
            continue
        in_list = bool(LEAD_IN.search(norm)) or (item(norm) and in_list)
        units.append(Unit(disp, norm, _lead(norm) if in_list and not item(norm) else ""))
        unit_para.append(para)
    return units


def _item_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each item (（一）…) of an enumeration's normalised text, each up to the next ([] with fewer than
    two); the lead-in is what comes before the first."""
    marks = list(_ITEM_MARK.finditer(text))
    if len(marks) < 2:
        return []
    return [(m.start(), marks[k + 1].start() if k + 1 < len(marks) else len(text)) for k, m in enumerate(marks)]


def _lead_with_items(text: str) -> list[tuple[str, str]]:
    """Of an enumeration's normalised text, (its lead-in, an item) for each of its items ([] with fewer than two)."""
    spans = _item_spans(text)
    return [(text[:spans[0][0]], text[a:b]) for a, b in spans]


def _item_number(sentence: str) -> int:
    """The number of a 项 opening a sentence (（三）…), or 0."""
    from assistant.text.numerals import cn_to_int

    m = _ITEM_MARK.match(sentence.lstrip())
    return (cn_to_int(m.group(1)) or 0) if m else 0


def select_sentences(question: str, records: list[dict], *, strip: list[str] | None = None,
                     max_sentences: int = 6, per_clause: int = 2, min_share: float = 0.35,
                     terms: tuple[list[str], float] = ((), 0.0)) -> list[tuple[dict, str, float]]:
    """The most relevant statement units of the given clauses: (record, display text, score), best
    first; no unit twice (the same words from two clauses are shown once). ``terms``: the statutory terms of the
    question's colloquial words and their weight (偷 → 盗窃, LVJU_ANSWER_THESAURUS_WEIGHT), scored beside
    the question's own words."""
    qg = question_grams(question, strip)
    extra = {g for g in question_grams(" ".join(terms[0])) if g not in qg} if terms[0] and terms[1] > 0 else set()
    idf = idf_from(records)
    scored = []
    which = bool(ASKS_WHICH.search(normalize(question)))
    listed = listed_noun(normalize(question)) if which else ""
    negated = _negated(normalize(question))
    # 取保候审的条件是什么: a list of the conditions of the action asked about (对有下列情形之一的…，可以取保候审：) says what
    # the question's 条件 / 情形 asks by its form — those words count as found in its lead-in
    asked = _asked_actions(question)
    form = qg - question_grams(without_asking(normalize(question)), strip) if asked else set()
    procedure = _procedure_groups(question) if not asked else []
    how = qg - question_grams(procedure_phrase_removed(normalize(question)), strip) if procedure else set()
    purposes = not _ASKS_PURPOSE.search(normalize(question))  # (purpose clauses are left out, unless asked for)
    for rank, rec in enumerate(records):
        for unit in clause_units(rec):
            if purposes and _PURPOSE.search(unit.normalized):
                # a document's purpose clause (为了规范…，制定本法。) answers only a question asking why it was made: it
                # shares words with every question on the document, and outscores the rule asked (trials P and R)
                continue
            score = relevance(qg, unit.normalized, idf) + (terms[1] * relevance(extra, unit.normalized, idf) if extra else 0.0)
            if unit.lead and not which:
                # a list is weighed by its lead-in with its best item too, not diluted by the other items, where that item
                # says words of the question the lead-in does not (上游犯罪还没有判决，能不能认定洗钱罪: 有下列情形的，不影响洗钱罪
                # 的认定：（一）上游犯罪尚未依法裁判… — trial S got the sentence before it); a list whose lead-in alone
                # matches weighs as long as it is (用人单位可以解除劳动合同吗: no list asked), and one word of an item is no
                # match, nor are a story's words in an item of a list whose lead-in says nothing of the question (（二）…犯罪
                # 嫌疑人所在单位推荐的人 of 下列的人可以被委托为辩护人, for 嫌疑人家属…能不能马上请律师)
                pieces = _lead_with_items(unit.normalized)
                lead_grams = set(bigrams(pieces[0][0])) if pieces else set()
                if len(qg & lead_grams) >= 2:
                    score = max([score, *(relevance(qg, lead + item, idf)
                                          + (terms[1] * relevance(extra, lead + item, idf) if extra else 0.0)
                                          for lead, item in pieces if len((qg & set(bigrams(item))) - lead_grams) >= 2)])
            if which and unit.lead and _negated(unit.lead) == negated:
                # 哪些情形…: a list is weighed by what its lead-in says it lists, not diluted by its items — a list of what
                # is (应当认定为工伤) not for a question on what is not (哪些情形不得认定为工伤), nor the other way round
                score = max(score, relevance(qg, unit.lead, idf)
                            + (terms[1] * relevance(extra, unit.lead, idf) if extra else 0.0))
                if listed and re.search(rf"(?:下列|以下)[^，,。；;：:]{{0,6}}?{re.escape(listed)}", unit.lead):
                    # 申请不动产登记需要提交哪些材料: the list of the 材料 asked (申请人应当提交下列材料：…) — its lead-in read with
                    # its document's title, which says the topic the lead-in leaves to it (不动产登记), not outranked by a
                    # sentence on other things sharing the topic's words (a trial: it was the last of seven)
                    lead_grams = set(bigrams(unit.lead))
                    found = sum(idf.get(g, 1.0) for g in qg & (lead_grams | set(bigrams(normalize(rec.get("doc_title") or "")))))
                    score = max(score, found / math.sqrt(len(lead_grams) or 1))
            if form and unit.lead and lists_conditions_of(unit.lead, asked, normalize(question)):
                lead_grams = set(bigrams(unit.lead))
                found = sum(idf.get(g, 1.0) for g in qg & (lead_grams | form))
                score = max(score, found / math.sqrt(len(lead_grams) or 1))
            elif procedure and unit.lead and lays_down_procedure_of(unit.lead, procedure):
                # 低保金怎么申请: the procedure it lays down (申请最低生活保障，按照下列程序办理：（一）…) is weighed by its lead-in,
                # whose form (程序) says what 怎么 asks, and the statutory terms of the question's words count as its own
                lead_grams = set(bigrams(unit.lead))
                said = qg | set(question_grams(" ".join(w for g in procedure for w in g)))
                found = sum(idf.get(g, 1.0) for g in said & lead_grams)
                score = max(score, found / math.sqrt(len(lead_grams) or 1) + len(how & qg))
            score *= 1.0 - 0.03 * rank  # a mild preference for retrieval order
            if score > 0:
                scored.append((rec, unit, score))
    if not scored:
        return []
    scored.sort(key=lambda x: -x[2])
    best = scored[0][2]
    picked: list[tuple[dict, str, float]] = []
    seen: list[str] = []
    per: dict[str, int] = {}
    for rec, unit, score in scored:
        if score < best * min_share or len(picked) >= max_sentences:
            break
        if per.get(rec["clause_id"], 0) >= per_clause:
            continue
        key = re.sub(r"\W", "", unit.normalized)
        if any(key in other or other in key for other in seen):
            continue
        seen.append(key)
        per[rec["clause_id"]] = per.get(rec["clause_id"], 0) + 1
        picked.append((rec, unit.display, score))
    return picked


def _procedure_groups(question: str) -> list[list[str]]:
    """The words of a question asking how an action is done (:func:`assistant.text.conditions.procedure_words`), each with
    its statutory terms (低保金 → 最低生活保障金, 最低生活保障)."""
    from assistant.index.lexical import QUERY_STOPWORDS, precise_words
    from assistant.retrieve.thesaurus import expand
    from assistant.text.vocab import MODAL_WORDS

    return [[w, *expand(w)] for w in procedure_words(normalize(question), precise_words, skip=(*MODAL_WORDS, *QUERY_STOPWORDS))]


def _asked_actions(question: str) -> list[str]:
    """The words naming the action a question asks the conditions of (:func:`assistant.text.conditions.asked_actions`)."""
    from assistant.index.lexical import QUERY_STOPWORDS, precise_words
    from assistant.text.vocab import MODAL_WORDS

    return asked_actions(normalize(question), precise_words, skip=(*MODAL_WORDS, *QUERY_STOPWORDS))


_SEGMENT = re.compile(r"[，,。；;？?！!\n]")
# the previous question's topic words a follow-up is read with (那期限呢？ 取保候审 期限: followup.carry_topic)
_CARRIED = re.compile(r"(?<=[？?])(?:\s+[\u4e00-\u9fff\w]+)+\s*$")


# a short question asking yes or no of the part before it (…多长时间内作出复议决定？可以延长吗？)
_SHORT_ASK = re.compile(r"(?:吗|么)\s*$|能否|是否|可否|可不可以|能不能|要不要|有没有")


def question_segments(question: str) -> list[str]:
    """The parts of a question with words enough to choose sentences by; a short one asking yes or no of the part before
    it (可以延长吗？) is read with that part's words (trial L: its 延长 sentence was left out)."""
    out: list[str] = []
    for seg in _SEGMENT.split(question):
        grams = question_grams(seg, when_words=True)
        if out and ASKS_VALUE.search(seg) and len(question_grams(ASKING_WORDS.sub(" ", re.sub(ASKS_WHEN_STARTS, " ", seg)))) < 2:
            # a part all asking words (从哪天开始算？) is asked of the part before it: alone, its 开始 would pick any sentence
            # saying when something starts (继承从被继承人死亡时开始)
            out.append(out[-1] + "，" + seg)
        elif len(grams) >= 3:
            out.append(seg)
        elif out and grams and _SHORT_ASK.search(seg):
            out.append(out[-1] + "，" + seg)
    return out


def _tells_a_story(question: str) -> bool:
    """Does the question tell facts in sentences of their own before it asks (上周…赔了三万块。…这个有讲究吗？)?"""

    q = _CARRIED.sub("", question)  # (a follow-up's carried words tell nothing)
    asking = asking_sentences(q)
    # (a greeting or a thanks — 你好！, 谢谢。 — is no fact told: a told sentence has words of its own)
    told = [p for p in re.split(r"(?<=[。？?！!\n])", normalize(q)) if p.strip() and p not in asking
            and len(question_grams(p)) >= 3]
    return bool(told)


def select_for_question(question: str, records: list[dict], *, strip: list[str] | None = None,
                        max_sentences: int = 8, min_share: float = 0.35,
                        terms: tuple[list[str], float] = ((), 0.0),
                        known: Callable[[str], bool] | None = None,
                        other_share: float = 0.0,
                        library_df: Callable[[str], int] | None = None) -> list[tuple[dict, str, float]]:
    """Sentences for every part of a question: a question with several parts ("…怎么办？…多久回复？")
    gets the best sentences of each part, not only of the part with the most words. ``known`` (the library's
    vocabulary): a question asking one time limit keeps, of the sentences giving one, those giving the limit of the action
    asked (:func:`assistant.generate.decide.action_matches`) where any does. ``other_share``: a sentence of another
    document than the best one's needs this share of the best score (0: ``min_share`` alone) unless it says the rarest
    of the question's words the best sentence says — by ``library_df`` (the library's clause counts), else by the
    clauses given."""
    from assistant.generate.decide import ASKS as ASKING_PART
    from assistant.generate.decide import (
        asked_acts,
        distinct_words,
        extension_asked,
        gives_value,
        says_act,
        topic_words,
        value_owner,
        value_segments,
    )

    segments = question_segments(question)
    picked: list[tuple[dict, str, float]] = []
    seen: list[str] = []

    def take(rec, sent, score, essential: bool = False) -> None:
        key = re.sub(r"\W", "", normalize(sent))
        if not any(key in other or other in key for other in seen) and (essential or len(picked) < max_sentences):
            seen.append(key)
            picked.append((rec, sent, score))

    if len(segments) <= 1:
        for item in select_sentences(question, records, strip=strip, min_share=min_share, max_sentences=min(6, max_sentences),
                                     terms=terms):
            take(*item)
    else:
        for part in [question, *segments]:
            for item in select_sentences(part, records, strip=strip, max_sentences=3, min_share=min_share, terms=terms):
                take(*item)
    if other_share > 0 and picked and not _tells_a_story(question):  # (a story's best sentence is too often another
        # document's than the one the question is on: laws_dev's tuning half lost its 和解协议书 rule)
        # a sentence of another document sharing the question's commoner words only (条件, 书面, 股权: trial L's padding —
        # 招标代理机构应当具备下列条件 after the 专利代理机构's) is no part of the answer unless it scores near the best or
        # says the rarest of the question's words the best sentence says (取保候审 in a rule restating the law's)
        top = max(picked, key=lambda p: p[2] or 0.0)
        said = [w for w in topic_words(question, strip) if w in normalize(top[1])]
        df = {w: library_df(w) if library_df is not None else sum(w in r["text_normalized"] for r in records) for w in said}
        rarest = [w for w in said if df[w] == min(df.values())] if df else []
        picked = [p for p in picked if p[0]["doc_id"] == top[0]["doc_id"] or (p[2] or 0.0) >= other_share * (top[2] or 0.0)
                  or any(w in normalize(p[1]) for w in rarest)]
    # a part asking for a value (多久/多少/几日/期限) gets the sentence that gives it, if a clause does
    for part in value_segments(question, strip=strip):
        # (naming what the value is of, where the part says it right before its asking words: 驾驶证实习期是多长 — 实习期 —
        # is not answered by 驾驶证有效期分为六年…, which names only the 驾驶证)
        owner = value_owner(part, strip)
        # (with the library's vocabulary, a limit of the act asked: …十年内不得从事… names the 许可 of 多久能批下来 but
        # gives no limit of granting one)
        if any(gives_value(part, normalize(sent), known) and owner in normalize(sent) for _r, sent, _s in picked):
            continue
        found = [(rec, sent, score) for rec, sent, score in select_sentences(
            part, records, strip=strip, max_sentences=20, min_share=0.0, per_clause=20, terms=terms)
            if gives_value(part, normalize(sent))]
        found = [f for f in found if gives_value(part, normalize(f[1]), known)] or found
        if not found and _CARRIED.search(question) and not any(gives_value(part, normalize(sent)) for _r, sent, _s in picked):
            # a follow-up asking a value in words no sentence shares (那多久能办完？ read with the words before — 应当当场予以
            # 登记): of the best-ranked clauses, the first sentence giving one (the decision found it there: a trial's answer
            # left it out)
            found = [(rec, unit.display, 0.0) for rec in records[:3] for unit in clause_units(rec)
                     if gives_value(part, unit.normalized)][:1]
        best = next((f for f in found if owner in normalize(f[1])), None) or (
            None if any(gives_value(part, normalize(sent)) for _r, sent, _s in picked) else next(iter(found), None))
        if best:
            take(*best, essential=True)
    # a question asking the sanction (会怎么处罚, 要承担什么责任): the sentences stating one first (责令…处…罚款, 吊销…) — not the
    # duty whose breach it punishes, which shares more of the question's words (应当安装计量设施 before 未安装…的，处…罚款)
    if asks_sanction(question, punishment=True) and picked and not any(
            _STATES_SANCTION.search(normalize(t)) or _BY_THE_KUAN_BEFORE.search(normalize(t)) for _r, t, _s in picked):
        # …and where no sentence chosen states one, the best-matching sentence that does, of the clauses found in the
        # documents chosen from, saying two more of the question's words than its sanction (伪造植物检疫证书会受到什么处罚:
        # the 罚则's item on 伪造…植物检疫单证, not only the duties on 证书 — a trial; never another document's 罚款 — review)
        docs = {r["doc_id"] for r, _t, _s in picked[:2]}
        asked = set(question_grams(question)) - set(question_grams("会受到什么处罚罚款处理"))
        sanctioning = [r for r in records if r["doc_id"] in docs and _STATES_SANCTION.search(r["text_normalized"])]
        for rec, sent, score in select_sentences(question, sanctioning, strip=strip, max_sentences=3, min_share=0.0,
                                                 terms=terms):
            if score and _STATES_SANCTION.search(normalize(sent)) and len(asked & set(question_grams(sent))) >= 2:
                take(rec, sent, score, essential=True)
                break
    if _ASKS_SANCTION.search(normalize(question)) and any(_STATES_SANCTION.search(normalize(t)) for _r, t, _s in picked):
        top = max(sc or 0.0 for _r, _t, sc in picked)
        picked = [(r, t, (sc or 0.0) + top if _STATES_SANCTION.search(normalize(t)) else sc) for r, t, sc in picked]
    values = value_segments(question, strip=strip)
    for part in values:
        # the clause giving a value often gives it in several sentences — the rule and its special cases (…从事内幕交易
        # 的，…处以违法所得一倍以上十倍以下的罚款；…。单位从事内幕交易的，还应当对…处以二十万元以上二百万元以下的罚款。):
        # the rest of them, naming the topic, go with the one picked (a long rule scores below its short addition)
        words = distinct_words(topic_words(part, strip))
        for rec in [r for r, sent, _s in picked if gives_value(part, normalize(sent))]:
            for unit in clause_units(rec):
                if gives_value(part, unit.normalized) and _names(unit.normalized, words):
                    take(rec, unit.display, min(s for _r, _t, s in picked), essential=True)
    # (a follow-up's topic words carried after it — 多久能办完？ 不动产 登记 材料 — are no part of their own)
    if len(values) == 1 and len(question_segments(_CARRIED.sub("", question))) <= 1:
        # a question asking one value (…多少天内要答复？): the sentences that give it, not the ones around them
        giving = [p for p in picked if gives_value(values[0], normalize(p[1]))]
        if known is not None:  # (申请司法确认…有期限吗: not 调解交通事故损害赔偿争议的期限为10日, another act's)
            giving = [p for p in giving if gives_value(values[0], normalize(p[1]), known)] or giving
        # …and of those, the ones naming what the value is of (定金的数额不得超过多少: not 租赁期限不得超过二十年). (Most of its
        # words, not any, lost the key points of a held-out answer: not kept)
        words = topic_words(values[0], strip)
        naming = [p for p in giving if any(w in normalize(p[1]) for w in words)]
        picked = naming or giving or picked
        # …those naming what the value is of first (…后的12个月为实习期 before 驾驶证有效期分为六年, which names 驾驶证 only)
        owner = value_owner(values[0], strip)
        picked = _first(picked, lambda t: bool(owner) and owner in normalize(t))
    if not _ASKS_PURPOSE.search(normalize(question)) and any(not _PURPOSE.search(normalize(p[1])) for p in picked):
        # a document's purpose clause (为了规范…，制定本法。) answers only a question asking why it was made: beside the rules
        # it shares words with every question on the document (trial P's padding)
        picked = [p for p in picked if not _PURPOSE.search(normalize(p[1]))]
    if values and known is not None and all(any(gives_value(v, normalize(p[1]), known) for p in picked) for v in values):
        # every value asked is given: a sentence stating a value of the kinds asked that gives none of them — the limit of
        # another act (…十五日内办理注销登记 beside 清算前十五日内书面通知债权人, asked) — is no part of the answer (trial P)
        picked = [p for p in picked if not any(gives_value(v, normalize(p[1])) for v in values)
                  or any(gives_value(v, normalize(p[1]), known) for v in values)]
    if len(values) == 1 and len(asking_sentences(_CARRIED.sub("", question))) == 1:
        # a question telling the thing a value is asked of in a part of its own (组织他人卖淫，非法获利达到多少钱…): of the
        # sentences giving the value, those opening with that part (组织他人卖淫，具有下列情形之一的…) where any does — not
        # the same words after a word the question does not say (协助组织他人卖淫…: another conduct's figure — trial P)
        # (not a reference to the rules — 违反本条例规定, 依照本法 — which opens sentences on any conduct: review finding)
        told = [seg for seg in re.split(r"[，,；;：:。？?！!]", normalize(question))
                if len(re.findall(r"[\u4e00-\u9fff]", seg)) >= 4 and not ASKING_PART.search(seg)
                and not re.match(r"(?:违反|依照|依据|根据|按照|参照|适用)", seg.strip())]
        giving = [p for p in picked if gives_value(values[0], normalize(p[1]), known)]
        opening = [p for p in giving if any(_opens_with(normalize(p[1]), seg) for seg in told)]
        if opening:
            picked = [p for p in picked if p not in giving or p in opening]
    if len(values) == 1 and (actor := _ACTOR.match(re.sub(r"^(?:请问|那么?|那|想问一下|我想问)", "", normalize(values[0])))):
        # a value asked of what a body named first does (人民法院应当在多长时间内…作出裁决): where sentences giving it say
        # that body, not those of another's (接受申诉的机关应于…三十日内作出裁决 — trial R)
        # (the body as the sentence's subject, before its 应当 — not one named inside it: 人民检察院应当在公安机关执行拘留…后
        # 二十四小时以内… is the 检察院's; a sentence with no subject of its own — …，应当在拘留后二十四小时以内通知… — is no
        # other body's either — review finding)
        body = actor.group(0)
        subjects = {id(p): _subject(normalize(p[1])) for p in picked}
        giving = [p for p in picked if gives_value(values[0], normalize(p[1]), known)]
        saying = [p for p in giving if body in subjects[id(p)] or body.removeprefix("人民") in subjects[id(p)]]
        others = [p for p in giving if p not in saying and _BODY.search(subjects[id(p)])]
        if saying:
            picked = [p for p in picked if p not in others]
    if len(values) == 1:
        # the sentences giving the value asked, of its topic, before the others picked (a story's sentences sharing its
        # words: 在考验期内，由人民检察院…监督考察 before …考验期…从…之日起计算, asked from when it runs)
        # — where the question asks that alone (…能不能申请行政复议？期限是多久？: the first part's answer stays first)
        named = topic_words(values[0], strip)
        if len(asking_sentences(_CARRIED.sub("", question))) == 1:
            picked = _first(picked, lambda t: gives_value(values[0], normalize(t), known)
                            and any(w in normalize(t) for w in named))
        # the sentences saying what the asked noun is first (处分期间多长: 处分的期间为：（一）…; not 办理期限…不得超过6个月,
        # which names the 处分 too) — in a question of several parts too (公务员被记过，处分期间多长)
        # (saying its value: not 是否 / 是指 — review finding — and giving one)
        noun = _asked_noun(values[0])
        states = re.compile(re.escape(noun) + "(?:为|是)(?!否|指)") if noun else None
        picked = _first(picked, lambda t: bool(states and states.search(normalize(t)) and gives_value(values[0], normalize(t))))
        # …and before all, those naming whose it is (无线电台执照的有效期: 执照 — not 续展备案的有效期为10年, another thing's)
        whose = _possessor(values[0])
        picked = _first(picked, lambda t: bool(whose) and whose in normalize(t) and gives_value(values[0], normalize(t)), weight=2)
        # …and an extension asked (审查期限能延长多久): the sentence stating one, before the time limit it extends
        picked = _first(picked, lambda t: extension_asked(values[0], t), weight=3)
    # (a sentence several articles say is homed by the scores the question gave them, before the act asked reorders them)
    picked = _shared_sentences_homed(picked, records)
    if not values and len(asking_sentences(_CARRIED.sub("", question))) == 1 and len(acts := asked_acts(question)) == 1:
        # a question asking who does one act (居住证由哪一级公安机关签发？): the sentences saying that act, where any does —
        # not the rules around it sharing the question's other words (申请材料不全的…一次性告知 — trial P's padding)
        saying = [p for p in picked if says_act(*acts[0], normalize(p[1]))]
        if saying:
            picked = saying
    if values:  # (a value stated in one item of a list: its lead-in and that item — trial R)
        picked = [(r, value_items(values, t, strip, known, question), sc) for r, t, sc in picked]
    if not values and len(asking_sentences(_CARRIED.sub("", question))) == 1 and (
            m := _YES_NO_ACTION.search(normalize(question))):
        # a question whether an act may be done (受欺诈签的合同能撤销吗？): the sentences saying that act first — not a rule
        # sharing more of the question's other words (依法成立的合同，对当事人具有法律约束力)
        from assistant.index.lexical import precise_words
        from assistant.retrieve.thesaurus import expand

        # (可以向法院起诉吗: 院|起诉 — the act is its last word; not a pronoun or a bare 知道 / 回来: 能这样做吗, 我有权知道吗)
        words = [w for w in precise_words(m.group(1)) if len(w) >= 2 and w not in _NO_ACT]
        act = [a for a in (words[-1], *expand(words[-1])) if len(a) >= 2] if words else []
        if act:
            picked = _first(picked, lambda t: any(a in normalize(t) for a in act))
            # …and of the other documents, only the sentences saying it: one sharing a word of the story alone (活动 of
            # 各种活动 in a rule on 验证) beside the rule saying the act is padding from another field (trial R)
            saying = [p for p in picked if any(a in normalize(p[1]) for a in act)]
            if saying:
                home = max(saying, key=lambda p: p[2] or 0.0)[0]["doc_id"]
                picked = [p for p in picked if p[0]["doc_id"] == home or p in saying]
    return picked


def value_items(values: list[str], text: str, strip: list[str] | None = None,
                known: Callable[[str], bool] | None = None, question: str = "") -> str:
    """Of an enumeration (a lead-in, then （一）…（二）…) some of whose items give the values asked, its lead-in and those
    items — for each value, the items giving it that name most of its topic words (未经批准使用电力捕鱼的…罚款多少: the
    (四) of 电力捕鱼, not the (一) of 炸鱼 with its own fine; 记录至少保存几年: the one item of records among the duties of
    a list). ``text`` as it is where the lead-in gives the value, every item does, or it is no enumeration."""
    from assistant.generate.decide import distinct_words, gives_value, topic_words

    norm = normalize(text)
    spans = _item_spans(norm)
    if not spans or not LEAD_IN.search(norm[:spans[0][0]]):
        return text
    # (an item's own words, without what it excepts: 对违反治安管理、交通管理以外的违法行为人… is no item on 违反治安管理, nor
    # 因本款第四项以外的… on the 第四项 — review finding)
    own = [_EXCEPTED.sub(" ", norm[a:b]) for a, b in spans]
    keep: set[int] = set()
    for part in values:
        giving = [k for k, (a, b) in enumerate(spans) if gives_value(part, norm[a:b], known)]
        if not giving or gives_value(part, norm[:spans[0][0]]):
            return text  # (the lead-in gives it, or no item alone does)
        # (the part's words, then the whole question's: 未经批准使用电力捕鱼，在内陆水域罚款多少 — the conduct is told apart)
        # (not the words the lead-in says, which are no item's: 不得申请机动车驾驶证 over …吊销机动车驾驶证未满十年的)
        lead = norm[:spans[0][0]]
        words = [w for w in distinct_words(topic_words(part, strip)) if w not in lead]
        told = [w for w in distinct_words(topic_words(question, strip)) if w not in lead] if question else []
        said = {k: (sum(w in own[k] for w in words), sum(w in own[k] for w in told)) for k in range(len(spans))}
        if any(said[k] >= max(said[g] for g in giving) for k in range(len(spans)) if k not in giving):
            # (an item describing the conduct asked as well gives no value of its own — 饮酒后驾驶…构成犯罪的, a lifetime
            # bar, beside another item's 未满十年: the list whole)
            return text
        keep |= {k for k in giving if said[k] == max(said.values())}
    if len(keep) == len(spans):
        return text
    display = text if len(text) == len(norm) else norm  # (the source's characters where they line up)
    kept = "".join(display[a:b] for k, (a, b) in enumerate(spans) if k in keep).rstrip("；;，,\n ")
    return display[:spans[0][0]] + kept + ("" if kept.endswith(("。", ".")) else "。")


_BODY = re.compile(r"法院|检察院|公安机关|机关|部门|机构|委员会|政府|管理局")
_MODAL_AT = re.compile(r"应当|应|必须|须|可以|有权|不得")


def _subject(sentence: str) -> str:
    """What a sentence says before its first 应当 / 可以 … in that stretch between commas: its subject, where it says one."""
    m = _MODAL_AT.search(sentence)
    return re.split(r"[，,；;：:]", sentence[:m.start()])[-1] if m else ""


# what an item excepts (…、交通管理以外的, 因本款第四项以外的): not what it is about
_EXCEPTED = re.compile(r"[^，,；;：:]{0,30}?(?:以外|之外)的?")


# a body named as the one acting, opening a question part (人民法院应当…, 县级以上地方人民政府渔业行政主管部门…)
# — the one doing the act whose time is asked: the asking words right after it (人民法院应当在多长时间内…), not a body of the
# setting (公安机关办理行政案件时说的“较大数额罚款”是指多少钱 asks no act of the 公安机关)
_ACTOR = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:人民法院|人民检察院|公安机关|人民政府|主管部门|行政机关|委员会|管理局|监督管理部门)"
                    r"(?=(?:应当|应|要|需要|必须|得|会|一般)?(?:在|于)?(?:多长时间|多久|几|多少|最迟|最长))")


# a purpose clause: 为了…，(根据…，)制定本法/本条例/本规定… (its whole sentence), and what asks for one
# (or announcing the text after it: 为了…的生活困难，特作以下的规定： — trial R showed one as the answer to who decides)
_PURPOSE = re.compile(r"^(?:第[^条]{1,8}条\s*)?为(?:了)?[^。]{2,200}?[，,]\s*(?:根据[^。]{2,80}?[，,]\s*)?"
                      r"(?:(?:特)?(?:制定|制订)(?:本)[\u4e00-\u9fff]{0,4}[。.]?"
                      r"|(?:特|现|兹)[^。：:]{0,20}?(?:作出?|制定)?(?:以下|如下)的?(?:规定|解释|决定|补充规定)?[：:]|[^。：:]{0,20}?如下[：:])$")
_ASKS_PURPOSE = re.compile(r"目的|宗旨|为什么|为何|出台|立法|制定|(?:是|用来)?(?:干什么|干嘛|做什么)(?:用)?的")


def _opens_with(sentence: str, phrase: str) -> bool:
    """Does ``sentence`` say ``phrase`` at its start or at the start of one of its clauses (after punctuation)?"""
    at = sentence.find(phrase)
    while at >= 0:
        if at == 0 or not re.match(r"[\u4e00-\u9fffA-Za-z0-9]", sentence[at - 1]):
            return True
        at = sentence.find(phrase, at + 1)
    return False


_NO_ACT = frozenset({"这样", "这么", "那样", "那么", "怎样", "回来", "知道", "这个", "那个"})
# whether an act may be done, asked (能撤销吗, 可不可以起诉, 是否可以申请复议): the act
_YES_NO_ACTION = re.compile(r"(?:能不能|可不可以|能否|可否|是否可以|是否能|可以|能够|能|有权)(?:向[^，,。？?]{1,12}?)?"
                            r"([\u4e00-\u9fff]{2,4}?)(?:吗|么|呢)?[？?]?$")


def _shared_sentences_homed(picked: list[tuple[dict, str, float]], records: list[dict]) -> list[tuple[dict, str, float]]:
    """A sentence several clauses say word for word (当事人对裁定不服的，可以在收到裁定书之日起五日内申请复议一次。 in the
    articles on 保全 and on 拍卖船舶), quoted once, is cited to the clause whose article the answer quotes most relevantly —
    and the later sentences of the clause it was taken from go with it (复议期间不停止裁定的执行 is the 保全's rule, not the
    拍卖船舶's 复议期间停止…: a trial's answer put the opposite rule under the question)."""
    best: dict[tuple, float] = {}
    for rec, _t, score in picked:
        key = _article_key(rec)
        best[key] = max(best.get(key, 0.0), score or 0.0)
    homed: list[tuple[dict, str, float]] = []
    moved: list[tuple[str, int]] = []  # (clause, where the moved sentence stood in it)
    for rec, text, score in picked:
        said = normalize(text).strip()
        # (within one document: a local rule repeating a law's sentence keeps its own — review finding)
        others = [o for o in records if o["clause_id"] != rec["clause_id"] and o["doc_id"] == rec["doc_id"]
                  and len(said) >= 8 and said in o["text_normalized"]
                  and best.get(_article_key(o), -1.0) > best.get(_article_key(rec), 0.0)]
        if others:
            home = max(others, key=lambda o: best[_article_key(o)])
            moved.append((rec["clause_id"], rec["text_normalized"].find(said)))
            rec = home
        homed.append((rec, text, score))
    if not moved:
        return picked
    # (a sentence after the moved one in its clause spoke of what that one's clause spoke of: no rule of the home's)
    return [(rec, text, score) for rec, text, score in homed
            if not any(cid == rec["clause_id"] and 0 <= at < rec["text_normalized"].find(normalize(text).strip())
                       for cid, at in moved)]


def _first(picked: list[tuple[dict, str, float]], test: Callable[[str], bool], weight: int = 1) -> list[tuple[dict, str, float]]:
    """The picked sentences passing ``test`` ranked before the others (their scores raised by ``weight`` times the best),
    where some but not all pass."""
    passing = [test(t) for _r, t, _s in picked]
    if not any(passing) or all(passing):
        return picked
    top = max(sc or 0.0 for _r, _t, sc in picked)
    return [(r, t, (sc or 0.0) + weight * top if ok else sc) for (r, t, sc), ok in zip(picked, passing)]


def _before_asking(part: str, of: str = "") -> str:
    """What a value question part says before its asking words, less the words that only lead to them (是, 为, 一般 …, and
    ``of``'s alternatives too: 的)."""
    from assistant.generate.decide import asked_before

    return re.sub(rf"(?:是|为|有|要|会|大概|一般|最|[，,]{'|' + of if of else ''})+$", "", asked_before(part))


def _possessor(part: str) -> str:
    """The thing whose value a question asks, said before 的 and the asked noun (无线电台执照的有效期是多久 → 执照): the last
    word of two characters or more before it; '' when the part says none."""
    from assistant.index.lexical import word_tokens

    m = re.search(r"([\u4e00-\u9fff]{2,})的[\u4e00-\u9fff]{1,6}$", _before_asking(part))
    words = [w for w in word_tokens(m.group(1)) if len(w) >= 2 and m.group(1).endswith(w)] if m else []
    return words[-1] if words else ""


def _asked_noun(part: str) -> str:
    """The noun a value question asks the value of, said right before its asking words (处分期间多长 → 期间, 最低保修期限是几年 →
    期限): its last word of two characters or more, '' when none."""
    from assistant.index.lexical import word_tokens

    before = _before_asking(part, of="的")
    words = word_tokens(before) if before else []
    return words[-1] if words and len(words[-1]) >= 2 and before.endswith(words[-1]) else ""


_ASKS_SANCTION = re.compile(r"(?:怎么|如何|怎样|会被|会|要|将)(?:被)?(?:处罚|处理|罚)|(?:受到|给予|有)什么(?:处罚|处分|处理)|什么(?:法律)?责任"
                            r"|罚(?:多少|几)")
_STATES_SANCTION = re.compile(r"罚款|处[^，,。；;]{0,12}?(?:以上|以下)|吊销|拘留|没收|警告|责令停产|追究刑事责任|给予处分|依法给予.{0,4}处")


def _names(text: str, words: list[str]) -> bool:
    """Does a sentence name the topic of a question part: more than half of its (distinct) topic words."""
    return bool(words) and sum(w in text for w in words) > len(words) / 2


def _position(record: dict, unit: str) -> int:
    """Where a statement unit starts in its clause (a merged unit is found by its first sentence)."""
    text = record.get("text") or record["text_normalized"]
    first = re.split(r"(?<=[。；;！？!?])", unit, maxsplit=1)[0][:12]
    pos = text.find(first)
    return pos if pos >= 0 else len(text)


def short_label(record: dict) -> str:
    """The label without the document part: 第二十条, 第二部分第4条 …"""
    return record["label"].split("》", 1)[-1] or record["label"]


def _numbers_as_words(text: str) -> str:
    """24小时 and 二十四小时 read alike (Arabic numerals in the text as Chinese ones)."""
    from assistant.text.numerals import int_to_cn

    return re.sub(r"\d+", lambda m: int_to_cn(int(m.group(0))) if len(m.group(0)) <= 8 else m.group(0), text)


_LEANS_ON_NEIGHBOUR = re.compile(r"前[一二三两]?款|前[一二三两]?条|前项|上述|前述|本条第")


def parallel_units(picked: list[tuple[dict, str, float]], records: list[dict], min_share: float,
                   limit: int) -> list[tuple[dict, str, float]]:
    """Restatements of the picked units in *other* documents among the retrieved clauses: Chinese law
    states one rule at each level (法律 / 规则 / 地方性法规), and an answer that quotes one level should
    cite the others. A unit is a restatement when its content bigrams and a picked unit's share at least
    ``min_share`` of the smaller set. At most ``limit``, each placed after the unit it restates."""
    from assistant.text.features import content_bigrams

    if min_share <= 0 or limit <= 0:
        return picked

    def grams(text: str) -> set[str]:
        return set(content_bigrams(_numbers_as_words(normalize(text))))

    taken = {(r["clause_id"], re.sub(r"\W", "", normalize(t))) for r, t, _ in picked}
    cands = [(rec, (rec["clause_id"], re.sub(r"\W", "", unit.normalized)), unit.display, grams(unit.normalized))
             for rec in records for unit in clause_units(rec)]  # each candidate read once
    out: list[tuple[dict, str, float]] = []
    added = 0
    for rec, text, score in picked:
        out.append((rec, text, score))
        g = grams(text)
        # (a sentence leaning on its own 前款 — 实施前款规定的犯罪行为，事前通谋的，以共同犯罪论处 — is not restated by another
        # document's same words, which lean on another 前款: a trial saw a 卖淫 interpretation cited for a 采矿 question)
        if len(g) < 6 or _LEANS_ON_NEIGHBOUR.search(normalize(text)):
            continue
        for orec, key, display, og in cands:
            if added >= limit or orec["doc_id"] == rec["doc_id"] or key in taken:
                continue
            if og and len(g & og) / min(len(g), len(og)) >= min_share:
                taken.add(key)
                out.append((orec, display, score))
                added += 1
    return out


_ITEM_MARK = re.compile(r"[(（]([一二三四五六七八九十]{1,3})[)）]")  # an item's number, （七）


def _asked_item(question: str, text: str, strip: list[str] | None = None) -> int | None:
    """The item (（七）) of an enumerating clause ``text`` that the question's words name best, when one does alone."""
    from assistant.text.numerals import cn_to_int

    marks = list(_ITEM_MARK.finditer(text))
    if len(marks) < 2:
        return None
    qg = question_grams(question, strip)
    items = [text[m.end():marks[k + 1].start() if k + 1 < len(marks) else len(text)] for k, m in enumerate(marks)]
    # a word of one item names it more than one of several items (隐瞒 of （七） before 传染病 of （五） and （十一）)
    grams = [set(bigrams(t)) for t in items]
    idf = {g: math.log(1 + len(items) / sum(g in gs for gs in grams)) for g in qg if any(g in gs for gs in grams)}
    scores = [(relevance(qg, t, idf), m.group(1)) for t, m in zip(items, marks)]
    scores.sort(key=lambda x: -x[0])
    if scores[0][0] <= 0 or scores[0][0] == scores[1][0]:
        return None
    return cn_to_int(scores[0][1])


# asking the penalty itself: not what someone does next (平台接下来会怎么处理 — a procedure), unless to the one asked of (会被怎么处理)
_ASKS_PENALTY = re.compile(r"(?:怎么|如何|怎样|会被|会|(?<!需)要|将)(?:被)?(?:处罚|罚)(?!款?(?:决定书|通知书|单))"
                           r"|被(?:怎么|如何|怎样)处理|会被处理|(?:受到?|遭到|给予|有|面临)什么(?:样的)?(?:处罚|处分|惩罚)"
                           r"|什么(?:法律)?责任|罚(?:多少|几)|违反[^？?。]{0,40}(?:怎么|如何|怎样)处理"
                           r"|^(?:那么?|那个)?\s*(?:处罚|罚款|罚则|法律责任|责任)呢")  # (违反…的，怎么处理; a follow-up 那处罚呢？)


def sanction_stated(text: str) -> bool:
    """Does a (normalised) sentence state a sanction (处…罚款, 吊销…, 追究刑事责任)?"""
    return bool(_STATES_SANCTION.search(text))


def _item_asked_of(question: str, article: int, text: str, strip: list[str] | None = None) -> int | None:
    """The item of an article a question asks of: the one it names by number (第二十三条第（二）项); none where it names the
    article by number alone (违反…第二十三条规定的，怎么处罚: its words are the breach's, not an item's — review finding);
    else the one its words name best (:func:`_asked_item`)."""
    from assistant.retrieve.references import ArticleRef, parse_references

    named = [r for r in parse_references(question) if isinstance(r, ArticleRef) and r.article == article]
    if named:
        return next((r.subitem for r in named if r.subitem), None)
    return _asked_item(question, text, strip)


def asks_sanction(question: str, punishment: bool = False) -> bool:
    """会怎么处罚 / 要承担什么责任 / 罚多少钱 / 会被怎么处理. ``punishment``: a punishment asked in so many words — not
    什么责任 (…第三十八条第二款讲的是平台的什么责任: what liability the article itself states)."""
    q = normalize(question)
    m = _ASKS_PENALTY.search(q)
    if m and punishment and "责任" in m.group(0):  # (违反第十条要承担什么法律责任: a breach told, its liability asked)
        return bool(_ASKS_PENALTY.search(q.replace("责任", "  "))) or bool(_BREACH.search(q))
    return bool(m)


def referring_sanctions(question: str, rec: dict, document: Callable[[str], list[dict]],
                        strip: list[str] | None = None) -> list[tuple[dict, Unit]]:
    """The statement units of ``rec``'s document that punish the breach of ``rec`` by its number (违反本条例第十二条规定的，
    处…罚款; 具有本细则第一百零九条所列第（六）至第（九）项行为的，处以…): a 罚则 article that does not repeat the conduct's
    words, so that no search finds it by them. Of an enumerating clause, the item the question names (（七）隐瞒疫情…)
    picks the references that take it in. ``document(doc_id)``: that document's clauses."""
    from assistant.text.crossrefs import internal_references
    from assistant.text.numerals import int_to_cn

    pos = rec.get("position") or {}
    article = pos.get("article")
    if not article:
        return []
    item = pos.get("subitem") or _item_asked_of(question, article, rec["text_normalized"], strip)
    numbered = (f"第{int_to_cn(article)}条", f"第{article}条")
    out: list[tuple[dict, Unit]] = []
    for other in document(rec["doc_id"]):
        text = other["text_normalized"]
        # (a range names the articles between its ends only by its ends: 第十六条至第二十条 — review finding)
        if other["clause_id"] == rec["clause_id"] or not (any(n in text for n in numbered) or re.search(r"条(?:至|到)第", text)):
            continue
        for unit in clause_units(other):
            refs = [ref for ref in internal_references(unit.normalized)
                    if ref.covers(article, pos.get("article_suffix"), pos.get("paragraph"), item)]
            # a sanction stated, or a breach of the article named and its consequence (未履行本办法第十四条规定的义务的，
            # …责令改正; 违反本规则第二十七条的规定…的，人民法院可以…作出处理)
            if refs and (_STATES_SANCTION.search(unit.normalized) or any(
                    _BREACH.search(re.split(r"[,，;；。]", unit.normalized[:r.span[0]])[-1])
                    and _CONSEQUENCE.search(unit.normalized[r.span[1]:]) for r in refs)):
                out.append((other, _narrowed(unit, refs)))
    return out


_BREACH = re.compile(r"违反|未履行|不履行|未按照|不符合|拒不|未依照|未遵守")
_CONSEQUENCE = re.compile(r"处理|处罚|责令|追究|处分|罚款|吊销|没收|关闭|取缔|承担")


def _narrowed(unit: Unit, refs: list) -> Unit:
    """Of an enumeration whose one item refers to the article (有下列行为之一的，…处…罚款：…（三）违反本条例第二十三条第三款
    的规定…), its lead-in and that item — not the other items; any other unit as it is."""
    return _lead_and_item(unit, refs[0].span[0])


def _lead_and_item(unit: Unit, at: int) -> Unit:
    """Of an enumeration, its lead-in and the item holding offset ``at`` of its normalised text; any other unit as it is."""
    norm = unit.normalized
    marks = list(_ITEM_MARK.finditer(norm))
    mine = [m for m in marks if m.start() <= at]
    if not unit.lead or len(marks) < 2 or not mine:
        return unit
    start = mine[-1].start()
    end = next((m.start() for m in marks if m.start() > at), len(norm))
    # (the display keeps the source's own characters where the normalised text lines up with it)
    display = unit.display if len(unit.display) == len(norm) else norm
    cut = marks[0].start()  # (the lead-in whole, up to the first item)
    return Unit(display[:cut] + display[start:end].rstrip("；;\n "), norm[:cut] + norm[start:end].rstrip("；;\n "), unit.lead)


# the words that make a duty a breach (未按照规定的, 不按照国家规定, 违反规定): its form, not what it is about
_BREACH_FORM = re.compile(r"(?:未|不|没有)(?:按照|依照|按|遵守)(?:国家|有关)*(?:规定)?的?|违反(?:国家|有关)*规定的?")


_MIN_BREACH_GRAMS = 6


def restating_sanctions(rec: dict, document: Callable[[str], list[dict]], min_share: float) -> list[tuple[dict, Unit]]:
    """The sentences of ``rec``'s document that punish its breach by restating the duty (第三十八条 通过道路运输放射性物品的，
    应当经公安机关批准… and 第六十二条 …有下列行为之一的，…处2万元以上10万元以下的罚款：（一）未经公安机关批准通过道路运输
    放射性物品的): a sanction's breach — an item of a list of sanctions, or what a sanction sentence says before its 的， —
    whose content bigrams, weighed by their rarity in the document, are ``min_share`` or more the duty's words; the best of
    them, and any within 0.1 of it (two items restating one duty). Read where no 罚则 refers to the duty by number."""
    from assistant.text.features import content_bigrams
    from assistant.text.sentences import strip_article_number

    records = document(rec["doc_id"])
    duty = set(content_bigrams(strip_article_number(rec["text_normalized"])))
    if not duty:
        return []
    idf = idf_from(records)
    found: list[tuple[float, dict, Unit]] = []
    for other in records:
        if other["clause_id"] == rec["clause_id"]:
            continue
        for unit in clause_units(other):
            if not _STATES_SANCTION.search(unit.normalized):
                continue
            marks = list(_ITEM_MARK.finditer(unit.normalized)) if unit.lead else []
            if len(marks) >= 2:
                breaches = [(m.start(), unit.normalized[m.end():marks[k + 1].start() if k + 1 < len(marks) else None])
                            for k, m in enumerate(marks)]
            else:
                breaches = [(0, re.split(r"的[,，]", unit.normalized, maxsplit=1)[0])]
            for at, breach in breaches:
                # a breach of alternatives (未按照规定的时间比例放映电影片，或者不执行…停止发行、放映决定的): each on its own
                share = 0.0
                for alternative in [breach, *re.split(r"[,，;；]或者", breach)]:  # (the whole breach, and each alternative)
                    grams = set(content_bigrams(_BREACH_FORM.sub("", alternative)))
                    if len(grams) < _MIN_BREACH_GRAMS and alternative != breach:
                        continue  # (too little of a breach to tell one duty from another)
                    weight = sum(idf.get(g, 1.0) for g in grams)
                    share = max(share, sum(idf.get(g, 1.0) for g in grams & duty) / weight if weight else 0.0)
                if share >= min_share:
                    found.append((share, other, _lead_and_item(unit, at)))
    if not found:
        return []
    best = max(share for share, _o, _u in found)
    return [(other, unit) for share, other, unit in sorted(found, key=lambda x: -x[0]) if share >= best - 0.1]


def punishing(question: str, records: list[dict], document: Callable[[str], list[dict]], most: int,
              strip: list[str] | None = None, taken: set | None = None,
              key: Callable[[dict, Unit], object] = lambda rec, unit: (rec["clause_id"], unit.display),
              restating: float = 0.0) -> list[tuple[dict, Unit]]:
    """The sentences punishing the breach of ``records`` by their numbers (:func:`referring_sanctions`) — or, with
    ``restating`` (a share), where none refers to one by number, by restating it (:func:`restating_sanctions`) — in order,
    each once by ``key`` and none whose key is in ``taken``; at most ``most``."""
    seen = set(taken or ())
    out: list[tuple[dict, Unit]] = []
    for rec in records:
        found = referring_sanctions(question, rec, document, strip)
        if not found and restating > 0 and not _STATES_SANCTION.search(rec["text_normalized"]):
            found = restating_sanctions(rec, document, restating)
        for other, unit in found:
            if key(other, unit) not in seen and len(out) < most:
                seen.add(key(other, unit))
                out.append((other, unit))
    return out


def sanction_links(question: str, picked: list[tuple[dict, str, float]], document: Callable[[str], list[dict]],
                   strip: list[str] | None = None, most: int = 2, from_best: int = 2,
                   restating: float = 0.0) -> list[tuple[dict, str, float]]:
    """For a question asking the sanction: the sentences punishing the breach of the best ``from_best`` chosen clauses that
    state no sanction themselves (:func:`punishing`; ``restating``: by restating them too), at most ``most``, scored above
    the chosen (the sanction first)."""
    if not picked or not asks_sanction(question):
        return []
    top = max(sc or 0.0 for _r, _t, sc in picked)
    conduct = [r for r, t, _s in picked if not _STATES_SANCTION.search(normalize(t))][:from_best]
    # (by restating only where a punishment is asked outright, not a story's 责任 — on heldout2 a 罚则's fine came first
    # for 平台不管…要承担什么责任, a civil liability)
    restating = restating if asks_sanction(question, punishment=True) and not _tells_a_story(question) else 0.0
    found = punishing(question, conduct, document, most, strip, taken={(r["clause_id"], t) for r, t, _s in picked},
                      restating=restating)
    # (not an item of a list the answer already quotes whole: trial M's §53 came twice, its (六) and then all its items)
    found = [(other, unit) for other, unit in found
             if not any(r["clause_id"] == other["clause_id"] and re.split(r"[:：]", normalize(unit.display))[-1].strip(" ；;。")
                        in normalize(t) for r, t, _s in picked)]
    return [(other, unit.display, top + 1.0 - 0.01 * k) for k, (other, unit) in enumerate(found)]


def read_with_conduct(question: str, rec: dict, document: Callable[[str], list[dict]],
                      strip: list[str] | None = None) -> list[dict]:
    """The sentences punishing ``rec``'s breach by its number (:func:`referring_sanctions`), each as a clause whose text
    says the conduct in place of its number (具有…第（六）至第（九）项〔隐瞒疫情或者伪造情节的〕行为的，处以…罚款): what the
    decision reads to tell whether the sanction asked of that conduct is given — never shown."""
    item = (rec.get("position") or {}).get("subitem") or _item_asked_of(
        question, (rec.get("position") or {}).get("article") or 0, rec["text_normalized"], strip)
    conduct = rec["text_normalized"]
    if item is not None and not (rec.get("position") or {}).get("subitem"):
        from assistant.text.numerals import int_to_cn

        m = re.search(rf"[(（]{int_to_cn(item)}[)）]([^(（]*)", conduct)
        conduct = m.group(1) if m else conduct
    said = re.sub(r"[。；;！!？?\n]+", "，", conduct).strip("，")
    out = []
    for other, unit in referring_sanctions(question, rec, document, strip):
        out.append({**other, "text_normalized": f"〔{said}〕{unit.normalized}"})
    return out


def antecedent(record: dict, records: list[dict]) -> dict | None:
    """The 款 before ``record``'s in the same article, if it is among ``records`` (前款… leans on it)."""
    pos = record.get("position") or {}
    if not pos.get("article") or (pos.get("paragraph") or 1) < 2:
        return None
    for r in records:
        p = r.get("position") or {}
        if (r["doc_id"] == record["doc_id"] and p.get("article") == pos["article"] and not p.get("subitem")
                and p.get("article_suffix") == pos.get("article_suffix") and p.get("paragraph") == pos["paragraph"] - 1):
            return r
    return None


def leans_back(record: dict, text: str | None = None) -> bool:
    """Does this 款 of an article open leaning on the one before it (前款规定的…, 依照前款…)? ``text``: the unit of it
    shown, which must be its opening."""
    pos = record.get("position") or {}
    if not pos.get("article") or (pos.get("paragraph") or 1) < 2:
        return False
    opening = text if text is not None else (record.get("text") or record["text_normalized"])
    # …or states its consequence by the one before (丢失发票或者擅自损毁发票的，依照前款规定处罚: what that is, 前款 says — a trial
    # quoted it alone)
    return ((is_dependent(normalize(opening)) or bool(_BY_THE_KUAN_BEFORE.search(normalize(opening))))
            and (text is None or _position(record, text) == 0))


_BY_THE_KUAN_BEFORE = re.compile(r"(?:依照|依据|按照|适用|参照)前款(?:的)?(?:规定)?(?:处罚|处理|执行|办理|予以处罚)")


def antecedent_chain(record: dict, find: Callable[[dict], dict | None], taken: set[str],
                     shown: str | None = None) -> list[dict]:
    """The 款 ``record`` leans on (前款…), and the one that one leans on, …, in document order, found by ``find`` and
    not already in ``taken`` (to which they are added). ``shown``: the unit of ``record`` shown, which must open it."""
    chain: list[dict] = []
    cur = record
    while leans_back(cur, shown) and len(chain) < 5:
        before = find(cur)
        if before is None or before["clause_id"] in taken:
            break
        chain.insert(0, before)
        taken.add(before["clause_id"])
        cur, shown = before, None
    return chain


def with_antecedents(picked: list[tuple[dict, str, float]], records: list[dict],
                     fetch: Callable[[dict], dict | None] | None = None) -> list[tuple[dict, str, float]]:
    """A chosen 款 that opens leaning on the one before it (前款规定的…, 依照前款…) is shown with that 款, quoted whole
    before it — found among ``records`` or by ``fetch`` (the document's other clauses), and in turn with the one that
    one leans on. Where none is found it is kept as it is: it may be what answers."""
    out: list[tuple[dict, str, float]] = []
    cited = {r["clause_id"] for r, _t, _s in picked}

    def find(rec: dict) -> dict | None:
        return antecedent(rec, records) or (fetch(rec) if fetch else None)

    for rec, text, score in picked:
        chain = antecedent_chain(rec, find, cited, text)
        out += [(b, "".join(u.display for u in clause_units(b)), score) for b in chain]
        out.append((rec, text, score))
    return out


def announced(record: dict, records: list[dict]) -> list[dict]:
    """The 款 after ``record``'s in its article, in order, among ``records`` (the article's clauses): what a 款 ending in
    a colon announces (…可以参照以下标准确定：) where the source writes its items as 款 without （一）. Up to a 款 that
    leans back (前款…) or announces a list of its own."""
    pos = record.get("position") or {}
    if not pos.get("article"):
        return []
    same = sorted((r for r in records if r["doc_id"] == record["doc_id"] and r["clause_id"] != record["clause_id"]
                   and (p := r.get("position") or {}).get("article") == pos["article"] and not p.get("subitem")
                   and p.get("article_suffix") == pos.get("article_suffix")
                   and (p.get("paragraph") or 1) > (pos.get("paragraph") or 1)),
                  key=lambda r: r["position"].get("paragraph") or 1)
    out: list[dict] = []
    for r in same:
        text = normalize(r.get("text") or r["text_normalized"])
        if is_dependent(text) or (r["position"].get("paragraph") or 1) != (pos.get("paragraph") or 1) + len(out) + 1:
            break
        out.append(r)
        if text.rstrip().endswith((":", "：")) or len(out) >= 12:
            break
    return out


def amounts_after(record: dict, records: list[dict]) -> list[dict]:
    """The 款 right after ``record``'s in its article that give the amount of a sanction it names without one (…可以根据
    情节轻重处以罚款、拘留； then 对个人的罚款金额，为一千元以上三万元以下。… and 拘留的期限，为十五日以下。)."""
    from assistant.text.sentences import strip_article_number
    from assistant.text.values import VALUE

    text = strip_article_number(record["text_normalized"])  # (第五十九条 is no amount)
    named = [w for w in ("罚款", "拘留", "罚金") if w in text]
    if not named or VALUE.search(text):
        return []
    out = []
    for r in _next_paragraphs(record, records):
        said = r["text_normalized"]
        if not (any(w in said for w in named) and VALUE.search(said)):
            break
        out.append(r)
    return out


def _next_paragraphs(record: dict, records: list[dict], most: int = 3) -> list[dict]:
    """Up to ``most`` 款 right after ``record``'s in its article, in order."""
    pos = record.get("position") or {}
    if not pos.get("article"):
        return []
    by_par = {(r.get("position") or {}).get("paragraph"): r for r in records if r["doc_id"] == record["doc_id"]
              and (p := r.get("position") or {}).get("article") == pos["article"] and not p.get("subitem")
              and p.get("article_suffix") == pos.get("article_suffix")}
    start = pos.get("paragraph") or 1
    out = []
    for n in range(start + 1, start + 1 + most):
        if n not in by_par:
            break
        out.append(by_par[n])
    return out


def with_announced(picked: list[tuple[dict, str, float]], records: list[dict],
                   siblings: Callable[[dict], list[dict]] | None = None,
                   amounts: bool = False) -> list[tuple[dict, str, float]]:
    """A chosen 款 ending in a colon is shown with the 款 it announces (:func:`announced`), each quoted whole right
    after it — found among ``records`` or ``siblings(record)`` (its document's clauses). A lead-in alone states nothing.
    ``amounts`` (a sanction asked): a 款 naming a sanction without its amount is shown with the 款 after it that give it
    (:func:`amounts_after` — trial M: 拒不执行海事强制令 got 处以罚款、拘留 and neither amount)."""
    out: list[tuple[dict, str, float]] = []
    cited = {r["clause_id"] for r, _t, _s in picked}
    for rec, text, score in picked:
        out.append((rec, text, score))
        if amounts and _STATES_SANCTION.search(normalize(text)):
            for item in amounts_after(rec, siblings(rec) if siblings else records):
                if item["clause_id"] not in cited:
                    cited.add(item["clause_id"])
                    out.append((item, "".join(u.display for u in clause_units(item)), score))
        if not normalize(text).rstrip().endswith((":", "：")):
            continue
        # (the document's own 款 when it can be read: the clauses retrieved may hold some of them only — review finding)
        for item in announced(rec, siblings(rec)) if siblings else announced(rec, records):
            if item["clause_id"] not in cited:
                cited.add(item["clause_id"])
                out.append((item, "".join(u.display for u in clause_units(item)), score))
    return out


def draft_answer(question: str, records: list[dict], documents: dict[str, dict], *, strip: list[str] | None = None,
                 max_sentences: int = 8, min_share: float = 0.35, parallel_share: float = 0.0,
                 parallel_limit: int = 3, named_docs: list[set[str]] | None = None,
                 terms: tuple[list[str], float] = ((), 0.0),
                 fetch: Callable[[dict], dict | None] | None = None,
                 siblings: Callable[[dict], list[dict]] | None = None,
                 document: Callable[[str], list[dict]] | None = None, penalty_links: int = 2,
                 known: Callable[[str], bool] | None = None, other_share: float = 0.0,
                 library_df: Callable[[str], int] | None = None, restating: float = 0.0) -> Draft:
    """Offline answer: a summary line (when several clauses are cited), then the chosen statement units
    grouped by document, each cited. ``min_share``: a unit's relevance relative to the best one's;
    ``parallel_share``: the clauses of other documents that restate a chosen unit (:func:`parallel_units`) are
    listed in the summary line (相关规定见…) beside it, not quoted as statements of their own. ``named_docs``:
    the documents the question names (sets of ids); with two or more, each gets its own share of the
    statements, so that a question comparing documents is answered from every one of them. ``document(doc_id)``: a
    document's clauses, where up to ``penalty_links`` sentences of a 罚则 punishing a chosen clause by its number are
    found (:func:`sanction_links`)."""
    draft = Draft()
    groups = [g for g in (named_docs or []) if any(r["doc_id"] in g for r in records)]
    if len(groups) >= 2:  # 甲和乙两份文件分别…: each named document answers for itself, best sentences of each
        share = max(2, max_sentences // len(groups))
        picked, seen, echoed = [], [], []
        taken: set[str] = set()  # the clauses already in the answer (two names may both cover one document: 民法典, 人格权编)
        for g in groups:
            for rec, text, score in select_for_question(question, [r for r in records if r["doc_id"] in g and r["clause_id"] not in taken],
                                                        strip=strip, max_sentences=share, min_share=min_share, terms=terms):
                key = re.sub(r"\W", "", normalize(text))
                if any(key in other or other in key for other in seen):  # word for word in another document:
                    echoed.append((rec, text, score))  # listed beside the one quoted, not quoted twice
                    continue
                seen.append(key)
                picked.append((rec, text, score))
            taken |= {r["clause_id"] for r, _t, _s in picked}
    else:
        echoed = []
        picked = select_for_question(question, records, strip=strip, max_sentences=max_sentences, min_share=min_share,
                                     terms=terms, known=known, other_share=other_share, library_df=library_df)
    if document is not None and penalty_links > 0:  # a 罚则 punishing a chosen clause's breach by its number (违反本条例第十二条
        # 规定的，处…), first
        picked = sanction_links(question, picked, document, strip, most=penalty_links, restating=restating) + picked
    before = {(r["clause_id"], t) for r, t, _s in picked}
    picked = with_announced(with_antecedents(picked, records, fetch), records, siblings, amounts=asks_sanction(question))
    antecedents = {(r["clause_id"], t) for r, t, _s in picked} - before  # (and the 款 a lead-in announces)
    if not picked:
        return draft
    quoted = {(r["clause_id"], t) for r, t, _ in picked}
    listed = parallel_units(picked, records, parallel_share, parallel_limit) + echoed  # + restatements: listed, not quoted again
    doc_order: list[str] = []
    for rec, _s, _ in listed:
        if rec["doc_id"] not in doc_order:
            doc_order.append(rec["doc_id"])
    # a question asking one value: the document of the best statement first (a value of another document's thing — 续展备案
    # 的有效期为10年 — after the one naming whose value is asked, however the search ranked their clauses); elsewhere the
    # sentence scores of different documents do not compare (a 行政拘留 担保人 rule came before the 取保候审 ones)
    # — of the statements giving a value (a story's sentences sharing its words give none)
    from assistant.generate.decide import gives_value, value_segments

    if len(values := value_segments(question, strip=strip)) == 1:
        top_of = {d: max(((sc or 0.0) for r, t, sc in picked if r["doc_id"] == d and gives_value(values[0], normalize(t))),
                         default=0.0) for d in doc_order}
        doc_order.sort(key=lambda d: -top_of[d])
    by_doc = {d: [p for p in listed if p[0]["doc_id"] == d] for d in doc_order}
    shown: dict[str, list] = {}
    for d in doc_order:
        # the most relevant first (browser trial: the key sentence came last, after the ones around it), an article's
        # sentences together and in its own order (a 款 after the 前款 it leans on)
        items = [p for p in by_doc[d] if (p[0]["clause_id"], p[1]) in quoted]
        keys = {p[0]["clause_id"]: _article_key(p[0]) for p in items}
        # an article opening with 前条 (违反前条规定的…) goes with the article before it, when that one is shown
        for rec, sent, _s in items:
            if _AFTER_ARTICLE.match(normalize(sent)) and (before := _article_key(rec, -1)) in keys.values():
                keys[rec["clause_id"]] = before
        best: dict[tuple, float] = {}
        first_at: dict[tuple, int] = {}
        for rec, _sent, score in items:
            k = keys[rec["clause_id"]]
            best[k] = max(best.get(k, 0.0), score or 0.0)
            first_at[k] = min(first_at.get(k, rec["start"]), rec["start"])
        # within an article, its most relevant 款 first (……已竣工但尚未出售的物业，物业服务费用由建设单位交纳 before the
        # article's general rule) — unless one of them leans on another (前款…), which then keeps the article's order
        kept = {keys[r["clause_id"]] for r, t, _s in items if leans_back(r, t) or (r["clause_id"], t) in antecedents}
        # (a 款's own sentences stay in their order)
        own: dict[str, float] = {}
        for rec, _sent, score in items:
            if keys[rec["clause_id"]] not in kept:
                own[rec["clause_id"]] = min(own.get(rec["clause_id"], 0.0), -(score or 0.0))
        items.sort(key=lambda p: (-best[keys[p[0]["clause_id"]]], first_at[keys[p[0]["clause_id"]]],
                                  own.get(p[0]["clause_id"], 0.0), p[0]["start"], _position(p[0], p[1])))
        shown[d] = items
    used_ids = []
    parts = []
    names = {d: documents.get(d, {}).get("short_name") or by_doc[d][0][0]["doc_title"] for d in doc_order}
    for d in doc_order:
        recs = []
        for rec, _s, _ in by_doc[d]:
            if rec["clause_id"] not in [r["clause_id"] for r in recs]:
                recs.append(rec)
        # in the order the answer quotes them, which is the order of their citation numbers (a trial read 第二十四条
        # third in the list and took it for 〔3〕); those listed only (restatements elsewhere), after them in theirs
        quoted_at = {}
        for n, (rec, _t, _s) in enumerate(shown[d]):
            quoted_at.setdefault(rec["clause_id"], n)
        recs.sort(key=lambda r: (quoted_at.get(r["clause_id"], len(quoted_at)), r["start"]))
        # two editions of one law cited: each told by its date (《丁法》（2019-03-02）第二条；《丁法》（2023-07-20）第二条) —
        # not the books of one code stored apart, of one date (review finding)
        dates = {documents.get(o, {}).get("date") for o in doc_order if names[o] == names[d]}
        date = documents.get(d, {}).get("date") if len(dates) > 1 else ""
        parts.append(book_title(names[d]) + (f"（{date}）" if date else "") + "、".join(short_label(r) for r in recs))
        used_ids += [r["clause_id"] for r in recs]
    if len(used_ids) > 1:  # one clause: its citation already says where the rule is
        draft.add(f"相关规定见{'；'.join(parts)}。", used_ids, kind="summary")
    for d in doc_order:
        for rec, sent, _ in shown[d]:
            draft.add(sent, [rec["clause_id"]])
    return draft


_AFTER_ARTICLE = re.compile(r"^(?:第[^条\s]{1,10}条\s*)?[^，,。]{0,6}前条")


def _article_key(rec: dict, shift: int = 0) -> tuple:
    """The article a statement unit comes from — or, in a document numbered in parts (一、3.), its item, whatever 段 —
    ``shift`` articles further (-1: the article before)."""
    pos = rec.get("position") or {}
    if pos.get("article"):
        return (rec["doc_id"], "a", pos["article"] + shift, pos.get("article_suffix") if not shift else None)
    return (rec["doc_id"], "p", pos.get("part"), pos.get("subpart"), pos.get("item"), pos.get("division"))
