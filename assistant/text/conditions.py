"""Conditions in legal text (pure patterns): which action a clause lists the conditions or circumstances
of, and whether a question asks for them.

Legislative drafting states when an action may or must be taken in a fixed form: an enumeration
introduced by 下列: 对有下列情形之一的犯罪嫌疑人、被告人，可以取保候审：（一）… / …采取取保候审尚不足以防止发生
下列社会危险性的，应当予以逮捕：… / 有下列情形之一的，不予受理：… — or the action first: 设立有限责任公司，应当具备下列
条件：… / 申请人申请行政复议，应当符合下列规定：…. The words a question asks with (取保候审的条件, 哪些情形应当逮捕) are
seldom the clause's (条件 is not in the first, 情形 not in the second): the action is what they share.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

# the enumeration's lead-in (下列情形之一的 / 下列社会危险性的 / 下列障碍，), then up to the colon that opens the list what
# qualifies it and the consequence: the action is the first part opening with a modal (可以取保候审, 不予受理, 由…作出…
# 决定) and the last part (…不能行使请求权的，诉讼时效中止：)
_MODAL = r"(?:可以|应当|应|须|必须|方可|才能|准予|予以|不予|不得|不应当|不能|可)"
_LISTED = re.compile(r"下列[^,，。;；:：]{0,10}?(?:之一)?[的,，]([^。;；:：]{0,120})[:：]")
_OPENS = re.compile(rf"(?:{_MODAL}|不|由)")
# the action first: 设立有限责任公司，应当具备下列条件： / X应当符合下列规定：
_ACTION_FIRST = re.compile(r"(?:^|[。;；:：\s)）])(?:第[^条\s]{1,10}条\s*)?([^,，。;；:：\s]{2,30}?)[,，]?\s*"
                           r"(?:应当|应|须|必须)(?:具备|符合|具有|满足)(?:以下|下列)[^,，。;；:：]{0,8}?(?:条件|要求|规定|情形)")
_LEAD = re.compile(r"^(?:本|前|上|该)(?:法|条例|规定|办法|解释|规则|细则|决定|款|条|项|章|节)")
# a procedure laid down (…，按照下列程序办理： / …应当依照以下步骤： / …的程序如下：), and the sentence it is laid down in
_PROCEDURE = re.compile(r"(?:(?:按照|依照|依据|遵循|履行)(?:下列|以下)|的?(?:下列|以下))(?:程序|步骤|流程|手续)"
                        r"|的(?:程序|步骤|流程|手续)(?:如下|为|是)(?=[:：])")
_SENTENCE_START = re.compile(r".*[。;；:：]|^")
_ARTICLE_HEAD = re.compile(r"^\s*第[^条\s]{1,10}条\s*")
_MODAL_TAIL = re.compile(r"(?:并且?|还|均|都)?(?:应当|应|须|必须)?$")
# how a stored action says it is a procedure's (not a list of conditions): the table of both is one
PROCEDURE_MARK = "〔程序〕"


def condition_actions(text: str) -> list[str]:
    """The actions whose conditions a clause text (normalised) lists, each with its modal word when the enumeration
    comes first (可以取保候审, 应当予以逮捕, 不予受理) — in order, without duplicates."""
    if "下列" not in text and "以下" not in text:
        return []
    out: list[str] = []
    for m in _LISTED.finditer(text):
        parts = [p.strip() for p in re.split(r"[,，]", m.group(1)) if p.strip()]
        first = next((p for p in parts if _OPENS.match(p) and not p.endswith("的")), None)
        last = parts[-1] if parts and not parts[-1].endswith("的") else None
        for action in (first, last):
            if action and 3 <= len(action) <= 30 and action not in out:
                out.append(action)
    for m in _ACTION_FIRST.finditer(text):
        action = _LEAD.sub("", m.group(1)).strip()
        if len(action) >= 2 and action not in out:
            out.append(action)
    return out


# a list of things introduced by what they are (提交收养申请书和下列证件、证明材料： / 拍卖公告应当载明下列事项：) — not of
# conditions or circumstances (下列情形之一的: :func:`condition_actions`)
_LIST_OF = re.compile(r"(?:下列|以下)([^,，。;；:：()（）\s]{1,12})(?=[,，][^。;；:：]{0,30}[:：]|[:：])")
LIST_MARK = "〔列〕"


def listed_things(text: str) -> list[str]:
    """The things a clause text (normalised) lists, each with what its sentence says before the list: ``〔列〕things｜
    before`` (〔列〕证件、证明材料｜收养人应当向收养登记机关提交收养申请书和) — in order, without duplicates."""
    if "下列" not in text and "以下" not in text:
        return []
    out: list[str] = []
    for m in _LIST_OF.finditer(text):
        things = m.group(1)
        if re.search(r"情形|情况|条件|行为|规定|程序|步骤|流程|之一", things):
            continue  # (conditions and procedures are read as such)
        before = _ARTICLE_HEAD.sub("", text[_SENTENCE_START.match(text, 0, m.start()).end():m.start()])
        entry = f"{LIST_MARK}{things}｜{before[-30:]}"
        if entry not in out:
            out.append(entry)
    return out


# the thing a question asks to be listed (哪些材料, 什么证件, 哪几种方式) — not conditions (情形, 条件: read as such)
_LISTED_NOUN = re.compile(r"(?:哪些|哪几[种类项个条]|什么|何种|哪种)([\u4e00-\u9fff]{2,4}?)(?=[?？。,，!！]|呢|吗|$)")


def listed_noun(question: str) -> str:
    """The noun a question asks to be listed (申请…需要提交哪些材料 → 材料); '' for none, or for conditions."""
    m = _LISTED_NOUN.search(question)
    noun = m.group(1) if m else ""
    return "" if not noun or re.search(r"情形|情况|条件|前提|要件|事由|规定|问题|意思|东西|程序|流程|步骤", noun) else noun


def list_fits(entry: str, noun: str, words: list[list[str]], title: str = "") -> bool:
    """Is a stored list (:func:`listed_things`) the list a question asks: its things hold the noun asked, and what its
    sentence says before it holds one of the question's other ``words`` (the things it names, each with its statutory
    terms), or its document's ``title`` two of them (申请人应当提交下列材料 in the 不动产登记暂行条例: 不动产, 登记) — 下列材料
    alone is every application's, and one word of a title (机制) is said by every list of that document."""
    things, _, before = entry.removeprefix(LIST_MARK).partition("｜")
    return noun in things and (any(w in before for g in words for w in g)
                               or sum(any(w in title for w in g) for g in words) >= 2)


def procedure_actions(text: str) -> list[str]:
    """The actions whose procedure a clause text (normalised) lays down (申请最低生活保障，按照下列程序办理：… →
    申请最低生活保障), each marked with :data:`PROCEDURE_MARK` — in order, without duplicates."""
    if not re.search(r"程序|步骤|流程|手续", text):
        return []
    out: list[str] = []
    for m in _PROCEDURE.finditer(text):
        # the sentence before it: its condition first (适用简易程序处罚的，可以由一名交通警察作出，并应当按照下列程序实施：
        # → 适用简易程序处罚), else the part right before (申请最低生活保障，按照下列程序办理 → 申请最低生活保障)
        before = text[_SENTENCE_START.match(text, 0, m.start()).end():m.start()]
        parts = [p.strip() for p in re.split(r"[,，]", _ARTICLE_HEAD.sub("", before))]
        parts = [p for p in (_MODAL_TAIL.sub("", p).strip() for p in parts) if p]
        if not parts:
            continue
        action = parts[0][:-1] if parts[0].endswith("的") and len(parts) > 1 else parts[-1]
        action = _LEAD.sub("", action).strip().removesuffix("的")
        if 2 <= len(action) <= 30 and PROCEDURE_MARK + action not in out:
            out.append(PROCEDURE_MARK + action)
    return out


# how to do something (低保怎么申请, 如何办理登记, 申请复核的程序是什么, 要走什么流程): the procedure asked — not 怎么办 (what
# to do about a story) nor 程序 named as a thing (简易程序适用于哪些案件)
_HOW = r"(?:怎么|如何|怎样|咋)(?:去|来|才能|可以|能)?"
_PROC_VERBS = r"(?:申请|办理|申报|登记|报名|领取|申领|提出|起诉|投诉|举报|申诉|复议|上诉|认定|备案|注册|变更|注销|续期|补办|换领|换证|复核|报案|报批|审批|评定|鉴定)"
ASKS_PROCEDURE = re.compile(rf"{_HOW}{_PROC_VERBS}|(?<![简普特])(?:程序|流程|步骤|手续)(?:是什么|有哪些|是怎样的|是怎么样的|怎么走|如何|怎么办理?)(?=[?？。,，!！]|$)"
                            r"|(?:什么|哪些)(?:程序|流程|步骤|手续)")


def asks_procedure(question: str) -> bool:
    """Does the question ask how an action is done (低保金怎么申请, 申请复核的程序是什么, 要办哪些手续)?"""
    return bool(ASKS_PROCEDURE.search(question))


# A question asks for conditions when it asks which they are (哪些情形, 哪些安全生产条件, 在什么情况下, 条件是什么, …的适用
# 条件？) — not when it states one as a premise (符合速裁程序适用条件的，应当在多长时间内…; 这种情况还能…吗), nor what follows
# from them (…的情形有哪些后果, …情形如何处理). 附条件不起诉 and 条件成就 name a condition of something else.
_WHAT = r"(?:什么|哪些|哪几种|哪几类|哪种|何种|怎样的|什么样的|哪几个|哪几项)"
_COND = r"(?:(?<!附)条件(?!成就|不成就)|情形|情况|前提|要件|事由)"
_END = r"(?=[?？。,，!！]|$)"
ASKS_CONDITIONS = re.compile(rf"{_WHAT}[^,，。;；?？]{{0,6}}?{_COND}(?!的)"
                             rf"|{_COND}(?:是什么|是哪些|有哪些|有什么|包括哪些|包括什么|是怎样的){_END}"
                             rf"|的(?:适用|法定|具体|基本)?{_COND}{_END}")
# the light verbs and parties of an action, never the action asked about (作出…决定, 由…人民政府)
GENERIC_WORDS = frozenset({"作出", "决定", "进行", "办理", "有关", "相关", "人民", "机关", "部门", "单位", "政府", "法院",
                           "检察院", "公安机关", "当事人"})
# a negation of what is done (不予, 不得, 不批准, 禁止, 无权) — not the 不 of a word (不满十八周岁, 不动产, 不服, 不当得利)
_NEGATION = re.compile(r"不(?!满|足|动产|服|到|超过|少于|低于|高于|当|良|法|利|特定|同|断|仅|但|论|管|在|再|久)|禁止|无权")


_ASK_PHRASE = re.compile(rf"的?(?:{ASKS_CONDITIONS.pattern})下?")


def without_asking(question: str) -> str:
    """The question without the words that ask for conditions (的条件是什么, 在什么情况下): what is left names the action."""
    return _ASK_PHRASE.sub(" ", question)


def asks_conditions(question: str) -> bool:
    """Does the question ask when an action may or must be taken (取保候审的条件, 哪些情形应当逮捕, 什么情况下可以不起诉)?"""
    return bool(ASKS_CONDITIONS.search(question))


def action_matches(action: str, word: str, question: str) -> bool:
    """Is ``word`` (of ``question``) the action a clause lists conditions of: inside it, and negated in both or in
    neither — a negation anywhere in the action and in the part of the question saying it (不批准逮捕 is no condition of 逮捕; 不起诉
    is one of 不起诉; 用人单位不得解除劳动合同 asks no condition of 用人单位可以…解除劳动合同)."""
    if word not in action or word not in question:
        return False
    asked = next(part for part in re.split(r"[,，。;；?？!！]", question) if word in part)  # (the part saying it)
    return bool(_NEGATION.search(action)) == bool(_NEGATION.search(without_asking(asked)))


def asked_actions(question: str, words: Callable[[str], list[str]], skip: Iterable[str] = ()) -> list[str]:
    """The words of a question asking for conditions that may name the action asked about (取保候审 of 取保候审的条件是
    什么): ``words`` splits text into words (jieba's precise mode); two characters or more, not the asking words, the
    light verbs and parties of :data:`GENERIC_WORDS`, nor ``skip`` (modal and question words). [] when the question
    asks no conditions."""
    if not asks_conditions(question):
        return []
    skipped = set(skip) | GENERIC_WORDS
    return [w for w in words(without_asking(question)) if len(w.strip()) >= 2 and w not in skipped]


_HOW_PHRASE = re.compile(rf"{_HOW}|(?:的)?(?:程序|流程|步骤|手续)(?:是什么|有哪些|是怎样的|是怎么样的|怎么走|如何|怎么办理?)?|什么|哪些")


def procedure_phrase_removed(question: str) -> str:
    """The question without the words asking how (怎么, 的程序是什么): what is left names the action."""
    return _HOW_PHRASE.sub(" ", question)


def procedure_words(question: str, words: Callable[[str], list[str]], skip: Iterable[str] = ()) -> list[str]:
    """The words of a question asking how an action is done that may name it (申请, 低保金 of 低保金怎么申请): as
    :func:`asked_actions`, for :func:`asks_procedure`; [] when it asks no procedure."""
    if not asks_procedure(question):
        return []
    skipped = set(skip) | GENERIC_WORDS
    return [w for w in words(procedure_phrase_removed(question)) if len(w.strip()) >= 2 and w not in skipped]


def lists_conditions_of(text: str, asked: list[str], question: str) -> bool:
    """Does a clause text (or an enumeration's lead-in, normalised) list the conditions of an action asked about?"""
    return bool(asked) and any(action_matches(a, w, question) for a in condition_actions(text) for w in asked)


def lays_down_procedure_of(text: str, groups: list[list[str]]) -> bool:
    """Does a clause text (or an enumeration's lead-in, normalised) lay down the procedure of the action asked about?
    ``groups``: the question's :func:`procedure_words`, each with its statutory terms; the action must hold two of them
    (or the only one) — 申请 alone names every application's procedure."""
    return any(procedure_fits(action, groups) for action in procedure_actions(text))


def procedure_fits(action: str, groups: list[list[str]]) -> bool:
    """Is a stored procedure action (:func:`procedure_actions`) the one asked: see :func:`lays_down_procedure_of`."""
    return bool(groups) and sum(any(w in action for w in g) for g in groups) >= min(2, len(groups))


# what condition_actions, procedure_actions and listed_things return follows their patterns and their code: facts stored
# at ingest by other ones are recomputed (:mod:`assistant.text.facts`; the number: bump it when the code changes what
# they return)
VERSION = "3:" + hashlib.sha1("\0".join(rx.pattern for rx in (_LISTED, _OPENS, _ACTION_FIRST, _LEAD, _PROCEDURE, _LIST_OF))
                              .encode()).hexdigest()[:8]
