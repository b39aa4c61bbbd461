"""Grounded answers: retrieve → draft (LLM or offline) → parse → check every statement → repair → result.

Nothing reaches the user unchecked: every statement keeps its citations and the checker's verdict;
statements that still fail after one repair round are shown with 〔未核实〕 (or removed, per
``LVJU_UNVERIFIED``). With no basis the result is an explicit refusal (未找到依据) listing the nearest
clauses as 可能相关. A failing LLM call falls back to the offline drafter, flagged as such.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.config import Settings
from assistant.errors import ModelError, ModelOutputError
from assistant.generate.decide import value_segments
from assistant.generate.drafting import draft_answer, select_sentences
from assistant.generate.models import Deadline, build_chat_model, failure_zh
from assistant.retrieve.followup import ELLIPTICAL_SANCTION, resolve_question
from assistant.retrieve.references import parse_references
from assistant.retrieve.retrieval import UNNAMED_NOTE, ClauseRetriever, Filters, unknown_part_owner
from assistant.text.abbrev import in_order, known_law_names, misheard_titles, plain_title
from assistant.text.features import bigrams, content_bigrams
from assistant.text.mdtext import escape_md
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn
from assistant.text.punct import book_title
from assistant.text.sentences import strip_instructions
from assistant.text.textnorm import normalize
from assistant.text.values import ASKS_COMMENCEMENT, STATES_COMMENCEMENT
from assistant.text.vocab import DOC_QUALIFIERS, GENRE_WORDS, ISSUER_WORDS, QUESTION_GENRE_ALTERNATION, QUESTION_GENRE_WORDS
from assistant.verify import checker as chk
from assistant.verify.citations import citation_numbers, neutralize_keys, parse_statements, render_markers

log = logging.getLogger(__name__)
REFUSAL = "未找到依据"
NO_RELATED_NOTE = "已入库的文件中没有与该问题相关的条款。"  # a flat refusal with no clause sharing the question's words
UNUSED_WORD_NOTE = "已入库的文件均未使用“"  # a word of legislation the question asks about and the library never uses (…”一词，…)
ABSENT_TOPIC_NOTE = "已入库的文件中没有关于“"  # how a note on a topic the whole library lacks opens (…“年假”的规定…)
PARTIAL = "未找到直接规定"  # a refusal whose nearest clauses are on the question's topic
PARTIAL_MEANS = "检索到的条款都没有写明所问的内容（如期限、数额、由谁办理或所问地方的规定），未作推测。"
UNVERIFIED_MARK = "〔未核实〕"
_N = f"[{CN_NUMERAL_CHARS}]+"
_REF_ARTICLE = re.compile(rf"第({_N}|\d+)条")
_REF_SECTION = re.compile(rf"第({_N})部分")
# a law's amendment by its number (刑法修正案（十一）, 中华人民共和国刑法修正案(九)): its law's name and its number
_AMENDMENT = re.compile(r"([\u4e00-\u9fff]{1,16})修正案[（(]([一二三四五六七八九十]+|\d{1,2})[)）]")


def _half_brackets(text: str) -> str:
    return text.replace("（", "(").replace("）", ")")


def _punishes_cited(rec: dict, cited: set[tuple]) -> bool:
    """Does a sanction 款 punish a 款 of its article that ``cited`` ((doc, article, paragraph)) holds — by its number (违反本条
    第一款规定的), as 前款, or naming none (then the article's duty)? 违反本条第一款规定 does not punish the 第二款 cited (review)."""
    pos = rec.get("position") or {}
    named = {cn_to_int(n) for n in re.findall(rf"本条第({_N})款", rec["text_normalized"])}
    if re.search(r"违反前款|前款规定", rec["text_normalized"]) and pos.get("paragraph"):
        named.add(pos["paragraph"] - 1)
    return not named or any((rec["doc_id"], pos.get("article"), n) in cited for n in named)


def _limit_note(limit: int) -> str:
    """What a part asked whole (a chapter, a range, a document's 罚则) says when it has more clauses than are shown."""
    return f"所问部分的条款较多，以下列出其中前{int_to_cn(limit)}个条款，其余请查阅原文。"


# A law named as the source of a rule (民法典第一千零七十九条, 行政诉讼法规定的…, 《监察法》): a name
# ending in 法/法典/条例/规则/解释, right before a part reference or 规定, or inside 《》.
_LAW_NAME = re.compile(r"《([^《》]{2,40})》|([\u4e00-\u9fff]{1,12}?(?:法典|法|条例|规则|解释(?:\(?[一二三四五六七八九十]+\)?)?))"
                       r"(?=第[零一二三四五六七八九十百千\d]+条|(?:中|里|上)?(?:的)?规定|(?:中|里)?(?:是)?怎么)"
                       # …依照治安管理处罚法应当…: what one acts 依照/根据 is a law
                       r"|(?<=依照|根据|按照|依据)([\u4e00-\u9fff]{2,12}?(?:法典|法|条例))(?=[，,。；;？?的应规第]|$)")
# a form or instrument named in 《》 (《通知立案书》, 《起诉意见书》, 《送达回证》): a paper of a procedure, not a document
# the library could hold
# (never a genre a library holds: 白皮书, 复函, 清单 are documents)
_FORM_NAME = re.compile(r"(?:通知|决定|意见|建议|起诉|判决|裁定|调解|申请|告知|立案|答辩|委托|责任|承诺|保证)书$"
                        r"|(?:笔录|回执|回证|登记表|审批表|申请表)$"
                        # a paper a document prescribes (《进口药品报验单》, 《…资格证书》, 《…许可证》, 《…登记证》): no document
                        r"|(?:(?:报验|缴款|报关|通知|回执|交接|送达|收费|检验)单|证书|许可证|登记证|执照|报告表|申报表)$")
_ASKING_LEAD = re.compile(r"^.*(?:依照|根据|按照|依据|了解(?:一下)?|查询|查一下|查查|看看|问一下|请问)")


def _cited_by(name: str, question: str, records: list[dict]) -> list[str]:
    """The retrieved clauses that apply the missing law ``name`` at the article the question names after it (刑法第201条:
    …依照刑法第二百零一条…), or anywhere when it names none."""
    from assistant.text.numerals import cn_to_int, int_to_cn

    n = normalize(name)
    if len(n) < 2:
        return []
    m = re.search(re.escape(n) + rf"第({_N}|\d+)条(?:之({_N}|\d+))?", normalize(question))
    ref = n
    if m:
        art = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))
        ref = f"{n}第{int_to_cn(art)}条" + (f"之{int_to_cn(int(m.group(2)) if m.group(2).isdigit() else cn_to_int(m.group(2)))}"
                                             if m.group(2) else "")
    pattern = re.compile(re.escape(ref) + ("(?!之)" if m and not m.group(2) else ""))  # 第一百三十三条 is not 第一百三十三条之一
    found = [r for r in records if pattern.search(r["text_normalized"])]
    if not m and found:  # naming no article, the question asks about a topic: a clause citing the law on another is none
        from assistant.generate.decide import topic_words
        from assistant.index.lexical import QUERY_STOPWORDS
        from assistant.retrieve.thesaurus import expand

        words = topic_words(question, strip=[name], stopwords=QUERY_STOPWORDS)
        need = (len(words) + 1) // 2  # half of them at least (情形 alone is in any clause), or their statutory terms
        found = [r for r in found if sum(any(t in r["text_normalized"] for t in (w, *expand(w))) for w in words) >= need]
    return [r["clause_id"] for r in found]


def _law_suffix(name: str) -> str:
    """The law a captured phrase ends with (…规定的虚开刑法 → 刑法, 保安员违反治安管理处罚法 → 治安管理处罚法): the longest real
    law name it ends with, when the phrase is not itself one."""
    laws = known_law_names()
    if normalize(name) in laws:
        return name
    for k in range(1, len(name) - 1):
        if name[k:] in laws:
            return name[k:]
    return name


def _shown_name(phrase: str) -> str:
    """The name of a missing document as the refusal shows it: the words that ask or attribute before it (我想了解一下…,
    依照…) and a trailing 规定 after a law's name left out; '' when too little of a name remains."""
    name = phrase.strip("《》")
    if "《" not in phrase:
        name = _ASKING_LEAD.sub("", name)
        name = re.sub(r"(?<=[法例则释])(?:的)?规定$", "", name)
    name = name.replace("(", "（").replace(")", "）")  # (the question normalised: 保险法解释（二） as a title writes it)
    return name if len(name) >= 3 or (len(name) == 2 and name.endswith("法")) else ""  # 刑法, 宪法 are names


_PART_REF = re.compile(r"第[零一二三四五六七八九十百千\d]+[条章节编款项]")
# …依照法律法规 / 根据有关法律: the law in general, no title; …根据案情依法… / 按照程序合法… / 根据工作方法…: words
# that end in 法 without being a law
_NO_TITLE = re.compile(r"^(?:有关|相关|上述|本|该)|^(?:国家)?(?:法律|法规)(?:法|法规)?$|(?:依法|合法|违法|非法|执法|司法|守法|方法|办法|做法|想法|说法|手法|用法"
                       # words for law-related activities (开展普法, 加强立法, 知法懂法) or ways (算法, 无法)
                       r"|普法|立法|知法|懂法|学法|犯法|枉法|不法|无法|设法|看法|写法|算法|语法|章法|技法|疗法|打法|玩法)$"
                       # the law at hand (招标人违反本法规定…, 依照该条例) — not the 本 of a name (香港特别行政区基本法)
                       r"|(?:^|违反|违背|依照|按照|根据|依据|适用|执行|遵守|符合|依|按|照|据)(?:本|该|此|上述|前述)"
                       r"(?:法|条例|规定|办法|规则|解释|决定)$")
# words a document title never contains: a phrase with them that ends in a genre word is a question
# about opinions, not a title (要听取哪些人的意见). 如何 and 是否 do occur in titles (关于如何适用…的批复).
# what a question that only names a part says besides it (…第四章是怎么规定的？ / 有哪些规定 / 的内容)
# words asking how two things differ (跟投诉怎么区分): what their definitions answer, no topic of their own
_COMPARING = ("区分", "区别", "不同", "差别", "差异", "一样", "相同", "关系", "联系")
# a question asking how a breach is punished, as a whole (违反…怎么处罚, 罚则是什么, 有哪些法律责任)
_ASKS_SANCTIONS = re.compile(r"罚则|法律责任|(?:怎么|如何|怎样|会被?|要)(?:处罚|罚)|(?:什么|哪些)(?:样的)?(?:处罚|罚款|法律责任)"
                             r"|处罚(?:规定|措施)?")
# what else a question asking the sanctions of a breach says: 违反, and its asking words (违反X会怎么样, 有什么后果)
_BREACH_ASK = re.compile(r"违反了?|会|将|怎么样|怎么办|后果|有什么|有哪些|什么|规定了?|吗|呢|了")
# a chapter of sanctions, by its heading (第四章 罚则, 第六章 法律责任)
_SANCTION_HEADING = re.compile(r"^第[一二三四五六七八九十百零〇\d]+章\s*(?:罚则|法律责任)\s*$")
# the number a heading opens with (第五章 , 第二节 )
_HEADING_NUMBER = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[编章节]\s*")
_BARE_ASK = re.compile(r"是?怎么(?:规定|说)的?|有哪些(?:规定|内容|条文|条款)?|哪几条|几条|条文|哪一?[项款条个]|规定了?什么|讲了?什么|说了?什么|的?内容|是什么|全文|原文"
                       r"|请|问|一下|查|看看|列出|中|里|的|规定|[?？。，,!！\s]")
_NOT_IN_TITLES = re.compile(r"哪些|哪个|哪种|哪几|什么|怎么|怎样|吗|呢|谁|多少|多久|能不能|要不要|有没有|到底|我们|你们"
                            r"|这么|那么|这样|那样|就是|是不是|对吧"  # 法律就是这么规定: a claim about the law, no title
                            r"|这种|那种|还能"  # 这种情况还能给她办法律援助吗: a story and an ask, no title
                            r"|^(?!.*关于).*(?:能否|可以|可不可以)"  # (…关于人民法院能否…的规定 is a title)
                            # what an organ receives, gives or asks for (乡镇政府收到五保评议意见, 提出审核意见): no title
                            r"|^(?!.*关于).*(?:收到|接到|听取|征求|提出)[^，,。]{0,8}意见$"
                            # conduct measured against the rules (没有按规定携带, 未按照规定备案, 不依照规定): no title
                            r"|(?:未|没|没有|不)(?:按|按照|依照|依|遵照)|(?:按|按照|依照|依据|遵照)(?:国家|有关)?规定$"
                            # a genre word in everyday use (公司还有别的办法推翻裁决吗, 想个办法, 有意见, 没什么规定)
                            r"|(?:还有|别的|其[他它]的?|什么|啥|有|没|想|好|个|些|种|这|那)(?:办法|意见|规定|规则|决定|通知)$"
                            # the ordinary nouns of a procedure (收到检察机关的纠正意见, 提出书面意见, 调解方案, 解决办法):
                            # what an organ or a party gives, not a document's genre
                            # — in a phrase without 关于, which a title has (关于…若干问题的补充意见, 关于…的处理办法)
                            r"|^(?!.*关于).*(?:(?:纠正|检察|审查|书面|口头|不同|法律|鉴定|辩护|复核|反馈|审核|征求|初步|修改|调查|评估"
                            r"|量刑)意见|(?:调解|赔偿|分配|解决|补偿)方案|(?:解决|补救)办法)$"
                            # a rule in general (保安服务公司违反规定的…, 按照有关规定): no title
                            # (not 特别规定 alone: 女职工劳动保护特别规定 is a title)
                            r"|(?:(?:违反|违背|按照|依照|根据|遵守|执行)(?:有关|相关|国家|法律|上述|以下|下列)?|法定|另有|上述|下列"
                            r"|以下|前款)(?:规定|办法|规则|决定|意见)$"
                            # the law in general or the one at hand (…活动不符合法律规定, 违反本法规定, 国家有关规定) — in a
                            # phrase without 关于, which a title has (关于…报核问题的有关规定)
                            r"|^(?!.*关于).*(?:法律|法规|行政法规|国家|有关|相关|本法|本条例|本规定|本办法|该法|其他)(?:的)?(?:有关)?规定$")
# a document pointed at, not named (倒卖车票那个司法解释, 这个规定): its description comes before the demonstrative
_POINTING = "那个|这个|那部|这部|那份|这份"
_LAW_GENRE = "法典|法|条例|规定|办法|解释|细则|规则|决定"
_POINTED = re.compile(rf"(?:{_POINTING}|那条)(?:两高|最高法|最高检)?(?:的)?(?:司法)?(?:{_LAW_GENRE})$")
_NAME_LEAD = re.compile(r"^(?:请问|请|问|根据|依照|按照|依据|关于|对于|在|按|依|照|本|该|相关|有关|这部|那部|现行)+")
_TITLE_PHRASE = re.compile(
    rf"((?:[\u4e00-\u9fff“”\"]{{0,20}}关于)?[\u4e00-\u9fff“”\"]{{2,40}}?(?:{QUESTION_GENRE_ALTERNATION}))")


def _not_a_name(name: str) -> bool:
    """A phrase ending like a law's name that names none (依法, 非法, 本法…) — not a real law's name ending so (公司法, 行政
    执法… end in 司法/执法 too)."""
    return bool(_NO_TITLE.search(name)) and normalize(name) not in known_law_names()


_COUNTED = re.compile(r"[一二两三四五六七八九十百千几\d]+[个首本件项次份名位只张篇句]")  # 一首, 三个: a count, no topic (三包 is one)


def _shared_topics(words: set[str], text: str) -> int:
    """How many of a question's topic words (or their statutory terms) a clause text uses, a word inside another found
    one (驾驶 in 醉酒驾驶) not counted again."""
    from assistant.generate.decide import distinct_words
    from assistant.retrieve.thesaurus import expand

    return len(distinct_words([w for w in words if w in text or any(t in text for t in expand(w))]))


_JOINED = re.compile(r"以及|和|与|及|、")
_COUNTED_NAMES = re.compile(r"^(.+?)(?:这|那)?[两二三四五六七八九几\d][份个部项](.*)$")
# words any title may hold that name nothing of their own: an abridged name keeps two characters besides them
_TITLE_FILLER = re.compile(r"关于|若干|问题|有关|相关|工作|实施|暂行|试行|具体|规定|的")
# what a qualifier before 的 names: a place or an issuer, without its organ (上海市人民检察院 → 上海)
_ORGAN_END = re.compile(r"(?:省|市|县|区|自治区)?(?:人民检察院|人民法院|人民政府|检察院|法院|政府|委员会|公安局|办公厅)?$")


# a follow-up asking only the penalty (那处罚呢？, 违反了怎么罚？)
_PENALTY_FOLLOW_UP = re.compile(r"^(?:那么?|那个|那要是|如果)?\s*(?:违反了?的?话?)?\s*(?:处罚|罚款|罚则|法律责任|责任|怎么罚|怎么处罚|会怎么处罚)"
                                r"(?:呢|是什么|有哪些|怎么规定的?)?[?？。]?$")


_ARTICLE_HEAD_ONLY = re.compile(rf"第[{CN_NUMERAL_CHARS}\d]+条(?:之[{CN_NUMERAL_CHARS}\d]+)?")


def _title_phrases(question: str, shortest: int = 8) -> list[str]:
    """The title-like phrases of a question that may name a document (:data:`_TITLE_PHRASE`): 三份修订后的工作意见 names no
    document; 按照市委实施意见: the name is what follows 按照; 违反分类收集规定: breaking a rule, whose name (分类收集规定) is
    too short to be a missing document's title (a new-user trial: ``shortest``); 不动产登记暂行条例第十四条规定: a part,
    read elsewhere."""
    q = normalize(question)
    out = []
    for m in _TITLE_PHRASE.finditer(q):
        phrase = re.sub(r"^(?:请问|根据|依照|按照|依据|对照|参照)+|^.*(?:违反|违背|遵守|符合)|^.*?(?:按照|依照|依据|根据|能按|可按)", "",
                        re.sub(rf"^{DOC_QUALIFIERS}+", "", m.group(1)))
        if _PART_REF.search(phrase) or topic_phrase(q, m) or len(phrase) < shortest or _NOT_IN_TITLES.search(phrase):
            continue
        if phrase.endswith("法") and re.match(r"[律院官庭]", q[m.end():m.end() + 1]):
            continue  # …办法律援助, …公司法院: the 法 opens the next word (法律, 法院), no title ends there (…办法规定: it does)
        if (pv := _PROVISIONS_OF.search(phrase)) and "关于" not in phrase[:pv.start()]:  # (…总局关于个人所得税法有关问题的规定: a title)
            continue  # (违反劳动合同法有关建立职工名册的规定: provisions of a law on a matter, not a title — trial M)
        out.append(phrase)
    return out


# the provisions of a document on a matter (劳动合同法有关建立职工名册的规定, 本条例关于…的规定): its name is the document's
_PROVISIONS_OF = re.compile(r"(?:法|条例|办法|规定|细则|规则|解释)(?:中|里)?(?:有关|关于)[^，,。；;？?]{1,30}?的?规定$")


def named_titles(phrase: str) -> list[list[str]]:
    """The document names a title-like phrase of a question gives, each with the readings that may name it: names
    joined and counted share their genre word (城市南部地区和城市副中心两份工作意见 → 城市南部地区工作意见, 城市副中心工作意见);
    a name qualified by a place or an issuer before 的 (北京的公益诉讼意见) may be read without it (公益诉讼意见) — a
    title's own 的 (关于…的意见) is read whole first."""
    from assistant.index.lexical import dictionary_words

    if _JOINED.match(phrase) and (dictionary_words(phrase[:4]) or [""])[0] in ("以及", "和", "与", "及", "、"):
        phrase = _JOINED.sub("", phrase, count=1)  # (…和武汉的方案: the second name — not 及时, 和解, 与其)
    phrase = re.sub(r"(?<=.)[这那][份个部项](?![分门人额])(?=.)", "", phrase)  # 城南那份工作意见 (not 这部分)
    counted = _COUNTED_NAMES.match(phrase)
    if counted and _JOINED.search(counted.group(1)) and counted.group(2):
        names = [part + counted.group(2) for part in _JOINED.split(counted.group(1)) if part]
    else:
        names = [phrase]
    out = []
    for name in names:
        readings = [name]
        after = name.rsplit("的", 1)[1] if "的" in name else ""
        if len(re.sub(rf"(?:工作)?(?:{QUESTION_GENRE_ALTERNATION})$", "", after)) >= 2:  # (…建设的工作意见: a genre, no name)
            readings.append(after)
        out.append(readings)
    return out


def topic_phrase(text: str, m: re.Match) -> bool:
    """Whether a title-like phrase is the "as to X," that opens what a question is about (关于侦查机关办理重大疑难案件
    听取检察机关意见，…分别怎么规定？): a 关于 phrase closed by a comma whose genre word is the object of its verb — a
    title puts 的 before its genre word (关于加强…工作的意见，有哪些…) — is no document's name."""
    phrase = m.group(1)
    if "关于" not in phrase or not re.match(r"\s*[，,：:]", text[m.end():]):
        return False
    # (的 and a title's qualifier: …的指导意见, …的若干规定, …的暂行规定, …的实施办法)
    return not re.search(rf"的(?:若干|暂行|试行|指导|补充|实施|具体|工作|处理|管理)?(?:{QUESTION_GENRE_ALTERNATION})$", phrase)


# a document's own commencement (本法自…起施行), not a transitional rule counting from it (自本法施行之日起终止)
_COMMENCES = re.compile(r"本[\u4e00-\u9fff]{1,8}(?:自|从)[^。；;]{2,40}?(?:起|后)(?:施行|生效|实施|实行|执行)")
# a document named by its kind (这个规定, 本法, 该条例), and the asking words of when it takes effect right after a name
_THIS_DOCUMENT = re.compile(r"(?:这个|这部|这份|这一|本|该|此)(?:法律|法|条例|规定|办法|解释|细则|规则|决定|意见|方案|规范|通知)")
# the asking words of why a document was made, right after its name (行政诉讼法的立法目的是什么, 本法的宗旨, X是为什么制定的), and
# anywhere in a part asking it (制定X的目的是什么)
_WHY_MADE = (r"(?:是)?(?:为了什么|为什么|为何|为了解决什么(?:问题)?|为解决什么(?:问题)?|出于什么(?:考虑|目的))(?:而)?(?:要)?"
             r"(?:制定|出台|颁布|立法)?")
_DOCUMENT_PURPOSE = re.compile(rf"》?(?:的)?(?:立法|制定|出台)?(?:目的|宗旨)|》?{_WHY_MADE}")
_ASKS_DOCUMENT_PURPOSE = re.compile(r"(?:立法|制定|出台)?(?:目的|宗旨)|(?:为了什么|为什么|为何|为了?解决什么|出于什么)(?:问题|考虑|目的)?(?:而)?(?:要)?"
                                    r"(?:制定|出台|颁布|立法)|出于什么(?:考虑|目的)")
# …asked before the name (国家为什么要制定X, 为什么出台《X》)
_WHY_MADE_BEFORE = re.compile(r"(?:为什么|为何)(?:要)?(?:制定|出台|颁布)《?$")
_ENACTED = re.compile(r"(?:为根据|根据[^。]{2,40})[^。]{0,60}?(?:制定|制订)(?:本[\u4e00-\u9fff]{1,4})?[。.]?$")
_STATES_TASKS = re.compile(r"^[^。，,]{0,30}?(?:法|条例)的任务[，,]?是")
_ASKING_WORD = re.compile(r"什么|哪|多少|多久|多长|多大|几|怎|如何|吗|是否|谁|能否|可否|能不能|可不可以|是不是|有没有|何")


def _asks_fact(text: str) -> bool:
    return bool(ASKS_COMMENCEMENT.search(text) or _ASKS_DOCUMENT_PURPOSE.search(text) or _BARE_WHEN_IN_FORCE.search(text))


def _asks_only_facts(sentence: str) -> bool:
    """Does an asking sentence ask only facts of a document (when it takes effect, why it was made) — each of its parts
    between commas either asks one or asks nothing (我想问一下，X的立法宗旨是什么，自哪天起施行？)?"""
    parts = [p for p in re.split(r"[，,；;]", sentence) if p.strip()]
    if _FACT_JOINED.search(sentence):
        return False  # (行政诉讼法的立法目的和起诉期限: another matter joined to the fact — a review found 起诉期限 dropped)
    return (_asks_fact(sentence) or any(_asks_fact(p) for p in parts)) and all(
        _asks_fact(p) or not _ASKING_WORD.search(p) for p in parts)


# a fact of a document joined to another matter in one phrase (…的立法目的和起诉期限, …的管辖和立法宗旨)
_FACT_JOINED = re.compile(r"(?:目的|宗旨|施行日期|生效日期|施行时间)(?:是什么)?(?:和|及|以及|与|、|还有)(?!施行|生效|实施|立法|制定|目的|宗旨)"
                          r"[\u4e00-\u9fff]{2,}"
                          r"|[\u4e00-\u9fff]{2,}(?<!施行|生效|实施)(?<!施行日期|生效日期)(?:和|及|以及|与|、)(?:立法|制定)?(?:目的|宗旨)")


# (when it takes effect asked of no name, in a sentence after one naming it: …的立法目的是什么？什么时候施行？)
_BARE_WHEN_IN_FORCE = re.compile(r"^(?:另外|还有|再问一下|顺便问一下|以及|那)?[，,]?(?:它|其|该法|本法|该条例|这个条例|该规定|该办法)?(?:是)?"
                                 r"(?:从|自)?(?:什么时候|何时|哪天|哪一天|哪日)(?:开始|起)?(?:施行|生效|实施|实行)")
_WHEN_IN_FORCE = re.compile(r"》?(?:的)?(?:是)?(?:分别|各自|都)?(?:是)?(?:从|自)?(?:什么时候|何时|哪天|哪一天|几号|哪年|哪一年)(?:开始|起)?"
                            r"(?:施行|生效|实施|实行)|》?的?(?:施行|生效|实施|实行)(?:日期|时间)")


@dataclass
class AnswerResult:
    question: str
    resolved_question: str
    refused: bool
    statements: list[dict[str, Any]]
    clauses: dict[str, dict]
    generator: str
    raw: str
    notes: list[str] = field(default_factory=list)
    nearest: list[str] = field(default_factory=list)
    fallback_reason: str | None = None
    model_failures: list[dict[str, str]] = field(default_factory=list)  # {"stage", "error"}: what fell back and why
    provenance: dict[str, Any] = field(default_factory=dict)  # config hash, store revision, prompt versions
    rewrite: dict[str, Any] | None = None  # the model's statutory-terms rewrite searched beside the question, if any
    refusal_reason: str = ""  # why the offline decision refused (for inspection)
    partial: bool = False  # refused, but the nearest clauses are on the topic: 未找到直接规定，以下条款可能相关

    @property
    def answer_markdown(self) -> str:
        return render_markdown(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question, "refused": self.refused, "answer_markdown": self.answer_markdown,
            "statements": self.statements, "clauses": self.clauses, "generator": self.generator, "raw": self.raw,
            "resolved_question": self.resolved_question, "notes": self.notes, "nearest": self.nearest,
            "fallback_reason": self.fallback_reason, "model_failures": self.model_failures, "provenance": self.provenance,
            "refusal_reason": self.refusal_reason, "partial": self.partial, "rewrite": self.rewrite,
        }


OTHER_PARTS_NOT_FOUND = "问题的其他部分未找到依据。"
# refusals for a topic the library provably lacks (AnswerResult.refusal_reason): a compound question's other sentences
# are answered (Assistant._answer_the_rest)
_ABSENT_REASONS = ("the library holds neither", "the library uses neither")


def render_markdown(res: AnswerResult) -> str:
    numbers: dict[str, int] = citation_numbers(res.statements)
    lines: list[str] = []
    if res.refused:  # numbered in reading order, as the app numbers them: a note's evidence, then the nearest
        # (what the two refusals mean, said with them: three trials' users read them as two outcomes unexplained)
        lines.append(f"**{PARTIAL}**：{PARTIAL_MEANS}" if res.partial else f"**{REFUSAL}**")
        stated = {st["text"] for st in res.statements}
        # why, where the reason is a fact of the library (已入库的文件中没有《…》) rather than a cited note
        lines += [f"- {escape_md(n)}" for n in res.notes if n not in stated]
    for st in res.statements:
        marks = []
        for cid in st["citations"]:
            numbers.setdefault(cid, len(numbers) + 1)
            marks.append(numbers[cid])
        flag = "" if st["verified"] else UNVERIFIED_MARK
        lines.append(f"- {escape_md(st['text'])}{render_markers(sorted(marks))}{flag}")
    if not res.refused:  # what the answer does not cover, or which edition it is from: said after it
        stated = {st["text"] for st in res.statements}
        said = [f"> {escape_md(n)}" for n in res.notes if n not in stated]
        lines += ["", *said] if said else []
    if res.refused and res.nearest:
        lines.append("")
        lines.append("以下条款可能相关：" if res.partial else "可能相关：")
        for cid in res.nearest:
            numbers.setdefault(cid, len(numbers) + 1)
            lines.append(f"- 〔{numbers[cid]}〕{escape_md(res.clauses[cid]['label'])}")
    listed = set(res.nearest or []) if res.refused else set()
    if any(cid not in listed for cid in numbers):  # a refusal's notes cite their evidence too
        lines.append("")
        lines.append("依据：")
        for cid, n in numbers.items():
            if cid not in listed:
                lines.append(f"- 〔{n}〕{escape_md(res.clauses[cid]['label'])}")
    if res.fallback_reason:  # said first: the reader knows what kind of answer follows
        lines[:0] = [f"> 注意：{escape_md(res.fallback_reason)}。以下为离线整理的条款原文摘录。", ""]
    return "\n".join(lines)


class Assistant:
    """Python API: ``open_assistant(settings).ask("…")`` (:mod:`assistant.generate.session`)."""

    def __init__(self, settings: Settings, retriever: ClauseRetriever, chat=None) -> None:
        self.settings = settings
        self.retriever = retriever
        # chat=None: the model the settings name (or none); chat=False: no model (offline drafter) whatever the settings say;
        # chat=True: the model the settings name, which must be configured; or a chat model object (complete/stream)
        if chat is True:
            chat = build_chat_model(settings)
            if chat is None:
                from assistant.errors import ConfigError

                raise ConfigError("chat=True asks for the configured model, but none is configured (set LVJU_LLM_MODEL, "
                                  "and LVJU_LLM_BASE_URL for a local server); chat=False uses the offline drafter")
        elif chat not in (None, False) and not callable(getattr(chat, "complete", None)):
            raise TypeError(f"chat must be None, True, False or a chat model with complete()/stream(), not {type(chat).__name__}")
        self.chat = build_chat_model(settings) if chat is None else (chat or None)

    @property
    def documents(self) -> list[dict]:
        return self.retriever.documents()

    # ---- guards -------------------------------------------------------------------------------
    def _structure_notes(self, question: str, docs_index: chk.DocIndex) -> tuple[list[tuple[str, str]], str]:
        """Notes about references in the question to clauses or documents that do not exist.

        Returns ([(note, evidence clause id)], the name of a document the question names and the store
        lacks, or '')."""
        notes: list[tuple[str, str]] = []
        mentioned = docs_index.mentioned(question)
        docs = {d["doc_id"]: d for d in self.documents}
        titles = [normalize(d.get("title") or "") for d in self.documents]
        for m in _AMENDMENT.finditer(normalize(question)):
            # an amendment of a law, by its number (刑法修正案（十一）): a document of its own, missing where no title names
            # it — not one about another amendment of that law (…关于《刑法修正案（九）》时间效力问题的解释 — a trial). The law's
            # name is what follows the words before it (请问, 根据, 关于, 和 — review finding: 请问刑法修正案… was one name)
            number = int_to_cn(int(m.group(2))) if m.group(2).isdigit() else m.group(2)
            law = re.split(r"请问|根据|依据|依照|按照|关于|对于|有关|这个|那个|这部|该|本|此|和|与|及|或|的|在|是|按|对",
                           m.group(1).replace("中华人民共和国", " "))[-1].strip()
            name = law + f"修正案（{number}）"
            if len(law) >= 2 and not any(_half_brackets(f"修正案({number})") in _half_brackets(t) and law[-2:] in t for t in titles):
                return [], name
        if not mentioned:
            for phrase in _title_phrases(question):
                for whole, *shorter in named_titles(phrase):  # 城南和副中心两份工作意见: two names
                    # (盗窃解释: an alias) — a name read without its qualifier (北京的公益诉讼意见 → 公益诉讼意见) fits a title only
                    # as its abridgment, of a document the qualifier's place or issuer is said by (not 上海市人民检察院的…)
                    if not (self._known_title(whole) or self.retriever.document_names().find(whole) is not None
                            or self._abridged(whole, shorter) or self._provisions_on(whole)
                            or (f"《{whole}》" not in normalize(question) and self._said_as_thing(whole))):
                        return [], whole
            for m in _LAW_NAME.finditer(normalize(question)):  # 民法典第…条, 行政诉讼法规定的…
                name = _law_suffix(re.sub(_NAME_LEAD, "", m.group(1) or m.group(2) or m.group(3)))
                if _not_a_name(name) or _FORM_NAME.search(name) or _POINTED.search(name):
                    continue  # (倒卖车票那个司法解释: a document described, not named — looked up by its description)
                # 刑诉法: an alias; 工伤条例: like a title here — but not 劳动法, a law of its own, for 劳动合同法
                # (…or a series' number written bare, read only before 第: 公司法解释三第三十条 — a trial)
                group = next(g for g in (1, 2, 3) if m.group(g))
                before = self.retriever.document_names().find(normalize(question), before=m.end(group))
                known = self.retriever.document_names().find(name) is not None or (
                    self._known_title(name) and normalize(name) not in known_law_names()) or (
                    before is not None and before[1][1] == m.end(group))
                if (len(name) >= 3 or name in ("宪法", "刑法", "民法")) and not known:
                    return [], name
                if (self.retriever.document_names().find(name) is None and not (before is not None and before[1][1] == m.end(group))
                        and (note := self._misheard_note(name))):
                    notes.append(note)  # (根据电子签明法，…: taken for the 电子签名法 its words are like — the reader told)
            return notes + self._genre_slip_notes(question), ""
        notes += self._read_as_notes(question, docs_index)
        doc_ids = set.union(*mentioned)
        if len(doc_ids) != 1:
            return notes, ""
        doc_id = next(iter(doc_ids))
        records = self.retriever.document_records(doc_id)
        articles = sorted({r["position"]["article"] for r in records if r["position"].get("article")})
        sections = sorted({r["position"]["section"] for r in records if r["position"].get("section")})
        name = docs[doc_id]["short_name"]
        q = normalize(question)
        names = self.retriever.document_names()
        for m in _REF_ARTICLE.finditer(q):
            n = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))
            named = names.find(q, before=m.start())
            if named and doc_id not in named[0]:
                continue  # a part of another document named right before it (…和高检规则第三百六十七条)
            if articles and n not in articles:
                notes.append(_missing_article_note(book_title(name), m.group(0), n, articles, records))
        for m in _REF_SECTION.finditer(q):
            n = cn_to_int(m.group(1))
            if sections and n not in sections:
                last = [r for r in records if r["position"].get("section") == sections[-1]][-1]
                notes.append((f"{book_title(name)}只有第一至第{int_to_cn(sections[-1])}部分，不存在{m.group(0)}。", last["clause_id"]))
        return notes, ""

    def _read_as_notes(self, question: str, docs_index: chk.DocIndex) -> list[tuple[str, str]]:
        """A 《…》 title the library has no document of, read as the stored document most like it (《法律援住条例》 for
        法律援助条例, :meth:`DocIndex.fuzzy`): the reader is told which document answers — never silently another's."""
        names = self.retriever.document_names()
        docs = {d["doc_id"]: d for d in self.documents}
        out = []
        for m in re.finditer(r"《([^《》]{2,60})》", normalize(question)):
            inner = m.group(1)
            if _FORM_NAME.search(inner):
                continue  # (a paper a document prescribes: 《进口药品报验单》 is read as what it is, never as a document)
            found = names.find(inner)
            if found is not None and found[1] == (0, len(inner)) or names.shortened(inner):
                continue  # (a name of the library's: its title, short name, alias or a reader's shortening)
            ids = docs_index.fuzzy(inner)
            doc = names.prefer_current(set(ids))[0][0] if ids else ""
            if doc in docs and normalize(docs[doc].get("title", "")) != inner and (recs := self.retriever.document_records(doc)):
                shown = book_title(docs[doc].get("short_name") or docs[doc]["title"])
                if shown != f"《{inner}》":
                    out.append((f"已入库的文件中没有名为《{inner}》的文件，按{shown}理解。", recs[0]["clause_id"]))
        # a part named after a stretch of one stored title (块递暂行条例第二十八条: 递暂行条例 of 快递暂行条例) whose characters
        # before it make a name of a slip of sound: the reader told which document answers
        q = normalize(question)
        for ref in parse_references(q):
            found = names.find(q, before=ref.span[0])
            if found is None or found[1][1] != ref.span[0] or "《" in q[max(0, found[1][0] - 1):found[1][1]]:
                continue
            written = self._written_slip(q, *found[1])
            if written and (note := self._misheard_note(written)) and note not in out:
                out.append(note)
        return out + [n for n in self._genre_slip_notes(question) if n not in out]

    def _genre_slip_notes(self, question: str) -> list[tuple[str, str]]:
        """A name whose genre word is typed with a slip (森林防火条列第十条), which the names read as that genre word: the
        reader told which document answers (已入库的文件中没有《森林防火条列》，按《森林防火条例》理解。)."""
        from assistant.retrieve.references import genre_slip_read, genre_slip_spans

        q = normalize(question)
        names = self.retriever.document_names()
        docs = {d["doc_id"]: d for d in self.documents}
        read, out = genre_slip_read(q), []
        for _start, end in genre_slip_spans(q):
            found = names.find(read, before=end)
            if found is None or found[1][1] != end or len(found[0]) != 1 or (doc := next(iter(found[0]))) not in docs:
                continue
            written, shown = q[found[1][0]:end], book_title(docs[doc].get("short_name") or docs[doc]["title"])
            if recs := self.retriever.document_records(doc):
                out.append((f"已入库的文件中没有《{written}》，按{shown}理解。", recs[0]["clause_id"]))
        return out

    def _named_groups(self, question: str) -> list[set[str]]:
        """The documents a question names anywhere (:meth:`DocumentNames.named_anywhere`), read once
        per question and library state (the guards and the drafter both ask)."""
        names = self.retriever.document_names()
        cached = getattr(self, "_named_cache", None)
        if cached is None or cached[0] is not names or cached[1] != question:
            groups = list(names.named_anywhere(question))
            # …and those it names by an abridged name (城南和副中心两份工作意见), which the names' index does not know
            abridged = self._abridged_groups(question)
            groups += [g for g in abridged if not any(g & h for h in groups)]
            cached = (names, question, groups, abridged)
            self._named_cache = cached
        return cached[2]

    def _abridged_named(self, question: str) -> list[set[str]]:
        """:meth:`_abridged_groups` of the question, read with its named groups (once per question)."""
        self._named_groups(question)
        return self._named_cache[3]

    def _last_clause_of(self, note: str) -> str | None:
        """The last clause of the document a note names (《…》没有第十八条): the evidence that the
        document ends before the part asked for."""
        m = re.search(r"《([^《》]+)》", note)  # (a name inside it has the inner marks 〈〉: book_title)
        lasts = [recs[-1] for d in self.documents if m and m.group(1) in (book_title(d["title"])[1:-1],
                                                                           book_title(d["short_name"])[1:-1])
                 if (recs := self.retriever.document_records(d["doc_id"]))]
        # of the books of one code stored apart, the one that ends the numbering
        best = max(lasts, key=lambda r: (r.get("position") or {}).get("article") or 0, default=None)
        return best["clause_id"] if best else None

    def _provisions_on(self, phrase: str) -> bool:
        """Is a title-like phrase “the provisions on Y” (国家机关和企业的周休息日规定): 规定 as a common noun after a topic the
        library's clauses hold, with no 关于 of a title (国务院关于职工工作时间的规定 names a document) — a topic, never a
        missing document (a trial)."""
        m = re.search(r"的([\u4e00-\u9fff]{2,12})(?:规定|要求)$", phrase)
        return bool(m) and "关于" not in phrase and bool(self.retriever.index().holding(m.group(1)).any())

    def _said_as_thing(self, phrase: str) -> bool:
        """Do the library's clauses say a title-like phrase as a thing of their own, not in 《》 (…征地补偿安置方案拟定后，…应当
        …公告: a plan the law provides for, not a missing document — a trial)?"""
        import numpy as np

        idx = self.retriever.index()
        at = np.flatnonzero(idx.holding(phrase))[:20]
        p = normalize(phrase)
        # (not where it is said as an instrument — made, followed or applied: …管理办法由国务院卫生行政部门制定, 依照…办法 —
        # review finding)
        bare = re.compile(rf"(?<!《)(?<!依照)(?<!按照)(?<!根据)(?<!依据)(?<!遵守)(?<!执行){re.escape(p)}(?!》)"
                          rf"(?![^，,。；;]{{0,20}}?(?:制定|制订|另行规定|规定执行|的规定))")
        return any(bare.search(r["text_normalized"]) for r in self.retriever.records([idx.ids[i] for i in at])) if len(at) else False

    def _instrument_named(self, question: str, test) -> str:
        """The first name the question gives a document — in 《》, or the words right before a part it asks (人体器官移植条例
        第二十六条) — that is no stored document's name and passes ``test(name)``; ''."""
        q = normalize(question)
        names = self.retriever.document_names()
        for phrase in dict.fromkeys(re.findall(r"《([^《》]{3,40})》", q)):
            if names.find(phrase) is None and test(phrase):
                return phrase
        return next((p for ref in parse_references(q) if (p := self.retriever.name_before(q, ref.span[0], test))), "")

    def _misheard_note(self, name: str) -> tuple[str, str] | None:
        """(已入库的文件中没有《X》，按《Y》理解。, the first clause of Y) for a name typed with a slip of sound, or None."""
        meant = self._misheard(name)
        docs = [d for d in self.documents if book_title(d.get("short_name") or d.get("title", "")) == meant] if meant else []
        recs = self.retriever.document_records(docs[0]["doc_id"]) if docs else []
        return (f"已入库的文件中没有《{name}》，按{meant}理解。", recs[0]["clause_id"]) if recs else None

    def _misheard(self, name: str) -> str:
        """The one stored document a name the library lacks may have meant, typed with a character of the same sound
        (援主条例 → 《法律援助条例》), as its book title; '' when none or several fit (:func:`abbrev.misheard_titles`)."""
        names = self.retriever.document_names()
        cached = getattr(self, "_misheard_cache", None)
        if cached is None or cached[0] is not names:  # (once per library state: the plain titles, and each name asked)
            cached = (names, {d: plain_title(t) for d, t in names.titles.items()}, {})
            self._misheard_cache = cached
        _names, plain, seen = cached
        if name not in seen:
            ids = misheard_titles(name, plain, known_law_names())
            if len({plain[d] for d in ids}) != 1:
                seen[name] = ""
            else:
                docs = {d["doc_id"]: d for d in self.documents}
                doc = names.prefer_current(set(ids))[0][0]
                seen[name] = book_title(docs.get(doc, {}).get("short_name") or names.titles[doc])
        return seen[name]

    def _written_slip(self, text: str, start: int, end: int, meant: str = "") -> str:
        """The whole name typed with a slip of sound that ends at ``end`` of ``text``: from ``start``, as far left over
        Chinese characters as it still reads as one stored document (``meant``, where given: 存款保鲜条例, not the 保鲜条例
        read as a name); '' when none does."""
        written = text[start:end] if meant else ""
        for k in range(start - 1, max(-1, start - 12), -1):
            if not re.match(r"[\u4e00-\u9fff]", text[k]) or not (m := self._misheard(text[k:end])) or (meant and m != meant):
                break
            written, meant = text[k:end], m
        return written

    def _cited_instrument(self, question: str) -> str:
        """A name the question gives a document that the library's own text applies as an instrument in force (依照《信访
        工作条例》): that instrument, which the library lacks — never the stored one whose title shares its words; ''."""
        return self._instrument_named(question, self.retriever.cites_as_document)

    def _sanction_chapter(self, question: str, filters: Filters | None, docs_index: chk.DocIndex) -> list[dict]:
        """The clauses of the 罚则 / 法律责任 chapter of the one document a question names, where it asks only how a breach of
        that document is punished (违反X怎么处罚, X的罚则是什么, X规定了哪些法律责任); [] otherwise."""
        q = normalize(question)
        # (a sanction asked, or a breach's consequence: 违反X会怎么样 — not 纠纷怎么处理 or 费用由谁承担: review finding)
        if (not filters or not filters.doc_ids or len(filters.doc_ids) != 1
                or not (_ASKS_SANCTIONS.search(q) or re.search(r"违反.*(?:怎么样|后果)", q))
                or parse_references(question)):  # (违反第十二条的怎么处罚: that article's 罚则 — looked up as before)
            return []
        rest = _BREACH_ASK.sub(" ", _BARE_ASK.sub(" ", _ASKS_SANCTIONS.sub(" ", docs_index.strip_names(q))))
        if content_bigrams(rest):
            return []  # (a conduct or another matter named: 违反X，超量排放怎么处罚 — searched as before)
        from assistant.text.labels import deletion_date

        # (not the provisions an amendment deleted, kept with their mark: no longer law — a last CLI pass got one)
        return [r for r in self.retriever.document_records(filters.doc_ids[0])
                if any(_SANCTION_HEADING.search(h) for h in r.get("heading_path") or []) and not deletion_date(r.get("text") or "")]

    def _commencement_clauses(self, question: str, filters: Filters | None) -> list[dict]:
        """The clauses saying when the one document a question names takes effect (本规定自2016年3月1日起施行), where it
        asks that (X从什么时候开始施行, X的施行日期): a fact of the document, looked up like a part it names — the clause is
        often a closing line, and the question shares no word with it but the verb (施行 asked, 实行 said: trial R)."""
        from assistant.text.sentences import asking_sentences

        q = normalize(question)
        if not (ASKS_COMMENCEMENT.search(q) or any(_BARE_WHEN_IN_FORCE.search(p) for sent in asking_sentences(q)
                                                   for p in re.split(r"[，,；;]", sent))) \
                or not self._asked_of_document(q, filters):
            return []
        from assistant.text.labels import deletion_date

        out = []
        for r in self.retriever.document_records(filters.doc_ids[0]):
            if STATES_COMMENCEMENT.search(r["text_normalized"]) and not deletion_date(r.get("text") or ""):
                if r.get("kind") == "closing":
                    # (of a closing block, the paragraph saying it — not the 抄送 and 印发 lines after it: a review)
                    lines = [x for x in (r.get("text") or "").splitlines() if STATES_COMMENCEMENT.search(normalize(x))]
                    r = {**r, "text": lines[0]} if lines else r
                out.append(r)
        # (the clause saying the document's own date — 本法自1995年9月1日起施行 — before transitional ones saying 本法施行之日: a
        # CLI check found 仲裁法's 第七十九条 first)
        own = [r for r in out if _COMMENCES.search(r["text_normalized"])]
        return own or out

    def _current_edition(self, ids: set[str], question: str) -> str | None:
        """The current edition, when ``ids`` are one law's editions stored side by side (the current one and older ones) and the
        question names none by its year or as 试行/旧版; else None."""
        from assistant.retrieve.retrieval import _NAMES_EDITION

        if len(ids) < 2 or _NAMES_EDITION.search(normalize(question)):
            return None
        return next((d for d, olds in self.retriever.editions().items() if d in ids and ids <= {d, *olds}), None)

    def _asked_of_document(self, q: str, filters: Filters | None) -> bool:
        """Does the (normalised) question ask facts of the one document it names — when it takes effect, why it was made —
        right after its name (X从什么时候开始施行, X的立法目的), and nothing else (every asking sentence asks one of them:
        X的立法目的是什么？什么时候施行？)? Not with a part reference."""
        if not filters or not filters.doc_ids or len(filters.doc_ids) != 1 or parse_references(q):
            return False
        # (asked of the document, its name right before the asking words — not of an act it rules on: 行政复议法规定行政复议
        # 决定什么时候生效 asks when a 决定 takes effect, 征收补偿方案什么时候实施 when a 方案 is carried out — review finding)
        names = self.retriever.document_names()
        spans = [(s, e) for s, e, _ids in names.shortened(q)] + [m.span() for m in _THIS_DOCUMENT.finditer(q)]
        if (found := names.find(q)) is not None:
            spans.append(found[1])
        if not any(asking.match(q, e) for _s, e in spans for asking in (_WHEN_IN_FORCE, _DOCUMENT_PURPOSE)) \
                and not any(_WHY_MADE_BEFORE.search(q[:s]) for s, _e in spans):
            return False
        from assistant.text.sentences import asking_sentences

        # (…什么时候施行？另外怎么申请？: the other part asked too, searched as any question — trial S; each part of a
        # sentence asking two things — X的立法宗旨是什么，自哪天起施行？ — asks one of them)
        return all(_asks_only_facts(sent) for sent in asking_sentences(q))

    def _purpose_clauses(self, question: str, filters: Filters | None) -> list[dict]:
        """The clause stating why the one document a question names was made (为了…，制定本法。), where it asks that
        (X的立法目的是什么, 制定X的目的, X是为什么制定的): a fact of the document, looked up like its commencement — the clause
        says 为了… and shares no word with 立法目的 (a CLI check refused 行政诉讼法的立法目的是什么)."""
        q = normalize(question)
        if not _ASKS_DOCUMENT_PURPOSE.search(q) or not self._asked_of_document(q, filters):
            return []
        from assistant.generate.drafting import _PURPOSE, sentences
        from assistant.text.sentences import strip_article_number

        records = self.retriever.document_records(filters.doc_ids[0])
        firsts = [(r, (sentences(strip_article_number(r["text_normalized"])) or [""])[0]) for r in records]
        out = [r for r, first in firsts if _PURPOSE.search(first) or (r.get("kind") == "preamble" and re.match(r"为(?:了)?", first))]
        if out:
            return out[:1]  # (the document's own: a later 为了…，制定… is another instrument's — 本法实施细则由…)
        # a law that states no 为了… but its basis (…以宪法为根据，结合…实际情况制定。) and its tasks (…的任务，是…): both, in order
        # (民事诉讼法 第一条 and 第二条)
        head = firsts[:5]
        return ([r for r, first in head if _ENACTED.search(first)][:1] + [r for r, first in head if _STATES_TASKS.match(first)][:1])

    def _repealed_named(self, question: str) -> tuple[str, str] | None:
        """A name the question gives a document that the library says is repealed (…《人体器官移植条例》同时废止): (that
        name, the clause saying so), or None."""
        name = self._instrument_named(question, lambda p: self.retriever.repealed_in(p) is not None)
        return (name, self.retriever.repealed_in(name)) if name else None

    def _known_title(self, phrase: str) -> bool:
        """Does a document title named in a question match a document in the store?"""
        title_grams, generic = self._title_grams()
        distinct = set(bigrams(phrase)) - generic
        if not distinct:
            return True
        # (not a name the library's own text gives an instrument of its own — 《人体器官移植条例》同时废止 — however many
        # words it shares with a stored title: 人体器官捐献和移植条例 is not it)
        return any(len(distinct & t) / len(distinct) >= 0.5 for t in title_grams) and not self.retriever.cites_as_document(phrase)

    def _abridged_titles(self, phrase: str, qualifier: str = "") -> list[str]:
        """The documents a name abridges — its characters in order in the stored title, which ends with the name's genre
        word (公益诉讼意见, 公益诉讼工作意见 for 关于深入推进检察公益诉讼工作的意见; 城南工作意见 for …城市南部地区…的工作意见), the
        name keeping two characters besides the words any title holds (若干规定 abridges nothing). With ``qualifier`` (the
        place or issuer said before 的), only documents whose title or issuers say its place (北京 for 中共北京市委办公厅)."""
        genre = next((g for g in sorted(QUESTION_GENRE_WORDS, key=len) if phrase.endswith(g)), "")
        core = max((phrase[: -len(g)] for g in QUESTION_GENRE_WORDS if phrase.endswith(g)), key=len, default="")
        if not genre or len(_TITLE_FILLER.sub("", min(core, phrase[: -len(genre)], key=len))) < 2:
            return []
        place = _ORGAN_END.sub("", qualifier)[:2]
        if self.retriever.cites_as_document(phrase):
            # an instrument of that name the library's text names itself (《人体器官移植条例》同时废止): not the stored one
            # whose title holds its characters (人体器官捐献和移植条例) — a trial
            return []
        out = []
        for doc_id, title, issuers in self._plain_titles():
            if title.endswith(genre) and (not place or place in title or place in issuers):
                at = 0
                for ch in phrase:
                    at = title.find(ch, at) + 1
                    if not at:
                        break
                else:
                    out.append(doc_id)
        return out

    def _described(self, question: str) -> list[str]:
        """The one document a question points at by its description (倒卖车票那个司法解释, 外商投资的这部法): the words right
        before the demonstrative, four characters or more, in one stored title of that genre; [] when none or several."""
        q = normalize(question)
        m = re.search(rf"([\u4e00-\u9fff]{{3,16}})(?:的)?(?:{_POINTING})(?:(两高|最高法|最高检)的?)?(司法)?({_LAW_GENRE})", q)
        if not m:
            return []
        issuer = {"两高": "最高人民法院、最高人民检察院", "最高法": "最高人民法院", "最高检": "最高人民检察院"}.get(m.group(2) or "")
        # (…那个两高解释: a joint interpretation of both courts — a trial read it as a missing 《…那个两高解释》)
        genre = "解释" if m.group(3) or issuer else m.group(4)
        said = re.sub(r"的$", "", m.group(1))
        titles = [(d, re.sub(r"[(（][^()（）]*[)）]$", "", title)) for d, title, _issuers in self._plain_titles()]
        for n in range(3, len(said) + 1):  # the shortest stretch before it that one title of that genre holds (我想问倒卖车票…)
            hits = [d for d, title in titles if said[-n:] in title
                    and (title.endswith(genre) or ((m.group(3) or issuer) and title.startswith("最高人民")))
                    and (not issuer or re.sub(r"[、\s]", "", title).startswith(re.sub(r"[、\s]", "", issuer)))]
            if len(hits) == 1:
                return hits
            if not hits:
                return []
        return []

    def _abridged(self, whole: str, shorter: list[str]) -> list[str]:
        """The documents a name of :func:`named_titles` abridges, whole or (``shorter``) without its qualifier."""
        return self._abridged_titles(whole) or sorted({d for n in shorter for d in self._abridged_titles(n, whole.rsplit("的", 1)[0])})

    def _abridged_groups(self, question: str) -> list[set[str]]:
        """The documents a question names by an abridged name, each fitting one document (城南那份工作意见) — none when
        another name it gives fits no document found so (市委实施意见和数字经济工作意见: answering from the one found
        alone would leave the other out)."""
        out = []
        names = self.retriever.document_names()
        for phrase in _title_phrases(question, shortest=4):
            for whole, *shorter in named_titles(phrase):
                ids = self._abridged(whole, shorter)
                if len(ids) == 1:
                    if {ids[0]} not in out:
                        out.append({ids[0]})
                elif not ids and names.find(whole) is None:
                    return []
        return out

    def _documents_with_aliases(self) -> list[dict]:
        """The documents, each with the names of the alias file that resolve to it alone (劳动仲裁法 → 劳动争议调解仲裁法):
        read by the guards as its names, so that 劳动仲裁法 is not the 仲裁法 inside it (review finding)."""
        def build(docs):
            from assistant.retrieve.references import alias_pairs

            names = self.retriever.document_names()
            extra: dict[str, list[str]] = {}
            for alias, _name in alias_pairs():
                found = names.find(alias)
                if found and len(found[0]) == 1 and found[1] == (0, len(alias)):
                    extra.setdefault(next(iter(found[0])), []).append(alias)
            return [{**d, "aliases": [*(d.get("aliases") or []), *extra.get(d["doc_id"], [])]} for d in docs]
        return self._per_library("aliases", build)

    def _plain_titles(self) -> list[tuple[str, str, str]]:
        """(doc id, normalised title, issuers) of every document, read once per library state."""
        return self._per_library("plain", lambda docs: [(d["doc_id"], normalize(d["title"]), " ".join(d.get("issuers") or []))
                                                        for d in docs])

    def _title_grams(self) -> tuple[list[set[str]], set[str]]:
        """Each document's title bigrams (with its short name and aliases), and the bigrams too common to tell titles
        apart (in two titles or more, or genre and issuer words), read once per library state."""
        def build(docs):
            grams = [set(bigrams(" ".join([d["title"], d["short_name"], *(d.get("aliases") or [])]))) for d in docs]
            seen: dict[str, int] = {}
            for t in grams:
                for g in t:
                    seen[g] = seen.get(g, 0) + 1
            shared = {g for g, n in seen.items() if n >= 2}  # (those in every title among them)
            return grams, shared | set(bigrams("关于 " + " ".join(GENRE_WORDS) + " " + " ".join(ISSUER_WORDS)))
        return self._per_library("grams", build)

    def _per_library(self, what: str, build):
        """``build(documents)``, computed once per library state (the document names' index is made anew when it
        changes)."""
        state = self.retriever.document_names()
        cache = getattr(self, "_library_cache", None)
        if cache is None or cache[0] is not state:
            cache = (state, {})
            self._library_cache = cache
        if what not in cache[1]:
            cache[1][what] = build(self.documents)
        return cache[1][what]

    # ---- main entry ---------------------------------------------------------------------------
    def _prepare(self, question: str, history: list[str] | None, filters: Filters | None, k: int, deadline: Deadline,
                 failures: list[dict], used: dict | None = None, history_docs: list[list[str]] | None = None):
        """Resolve, retrieve and apply the guards. Returns (final result or None, generation context)."""
        def says(reference: str, word: str) -> bool:  # (the article a follow-up narrows: 那对拍卖人呢？)
            hits = [h for h in self.retriever.search(reference, k=10).hits if h.match == "reference"]
            return any(normalize(word) in h.clause["text_normalized"] for h in hits)

        resolved = resolve_question(question, history or [], self.documents, chat=self.chat, deadline=deadline, failures=failures,
                                    history_docs=history_docs, says=says)
        docs_index = chk.DocIndex.from_documents(self._documents_with_aliases())
        from assistant.retrieve.followup import bare_part

        part = bare_part(resolved)
        if part and "条" not in part:  # 那第二款呢？ with no article asked before: which article is meant is not known
            note = f"问题只提到{part}，没有说明是哪份文件的哪一条（例如：《文件名》第十条{part}），请补充后再问。"
            return self._refusal(question, resolved, {}, [], [note]), (question, resolved, [], [], docs_index, [], [], [])
        if not re.search(r"[\w\u3400-\u9fff]", resolved):
            # ？？？ or …: nothing to look up — no clause is related to it, whatever the ranking lists first (a trial)
            return (self._refusal(question, resolved, {}, [], ["问题中没有可以检索的文字，请输入要查询的内容。"]),
                    (question, resolved, [], [], docs_index, [], [], []))
        if self.chat is None and not re.search(r"[\u3400-\u9fff]", resolved) and len(re.findall(r"[A-Za-z]{2,}", resolved)) >= 2:
            # a question in another language: the offline drafter matches the documents' Chinese words, which it has none
            # of (a configured model may still translate it)
            note = "已入库的文件是中文文件，离线整理只能按中文词语检索，请用中文提问。"
            return self._refusal(question, resolved, {}, [], [note]), (question, resolved, [], [], docs_index, [], [], [])
        # a name the library's own text gives another instrument (《人体器官移植条例》同时废止): that one, which it lacks —
        # not the stored document sharing its words (人体器官捐献和移植条例)
        instrument = self._cited_instrument(resolved)
        notes, unknown_doc = ([], instrument) if instrument else self._structure_notes(resolved, docs_index)
        if not instrument and (repealed := self._repealed_named(resolved)):
            # a name the library says is repealed (…《边防检查条例》同时废止): answered from the document that says so,
            # the reader told (a reader's 边防检查条例 is the 出境入境边防检查条例 replacing it; a trial)
            name, cid = repealed
            rec = self.retriever.records([cid])[0]
            current = {d["doc_id"]: d for d in self.documents}.get(rec["doc_id"], {})
            now = book_title(current.get('short_name') or rec['doc_title'])
            q = normalize(resolved)
            if (any(re.sub(r"[《》\s]", "", q[:ref.span[0]]).endswith(normalize(name)) for ref in parse_references(q))
                    and not in_order(normalize(name), normalize(rec["doc_title"]))):  # (its part: 第N条 right after its name)
                # a part of it asked (煤矿安全监察条例第十条), by a name that is no shortening of the current one's (边防检查条例
                # for 出境入境边防检查条例 is): the current document numbers its own articles — its 第十条 is another rule (a
                # trial quoted it); the repeal said, its clause the lead
                note = f"{book_title(name)}已废止（见{rec['label']}），库中没有它的原文；现行{now}的条文编号与它不同，不能按同一条号作答。"
                res = self._refusal(question, resolved, {cid: rec}, [cid], [note])
                res.refusal_reason = "the part asked is of a repealed document the library does not hold"
                return res, (question, resolved, [], [], docs_index, [], [], [])
            notes = [(f"{book_title(name)}已废止（见{rec['label']}）；以下为现行{now}的规定。", cid), *notes]
            if filters is None or filters.empty():  # (answered from that document, as the note says — review finding)
                filters = Filters(doc_ids=[rec["doc_id"]])
        if resolved != question and history_docs and not docs_index.mentioned(question):
            # a follow-up naming no document (那罚款多少？) asks of the one the previous answer cited, when it cited one:
            # its clauses rank higher, none is left out (a trial's follow-up drew a 食品 rule into a 许可证 answer)
            cited = {d for label in history_docs[-1] for group in docs_index.mentioned(label) for d in group}
            if len(cited) == 1:
                filters = dataclasses.replace(filters or Filters(), prefer=sorted(cited))
        chosen_edition: dict[str, list[str]] = {}
        if (filters is None or filters.empty()) and not instrument:
            named = docs_index.mentioned(resolved)
            if len(named) == 1 and len(named[0]) == 1 and len(self._named_groups(resolved)) <= 1:  # one document: answer from it
                filters = Filters(doc_ids=sorted(named[0]))
            elif len(named) == 1 and len(self._named_groups(resolved)) <= 1 and (current := self._current_edition(named[0], resolved)):
                # …one law stored in editions (民事诉讼法 2021 and 2023), none named by its year: answered from the current
                # one, as said with the answer — not from the library at large (a CLI check's 民事诉讼法…申请再审的期限 opened
                # with a 刑事诉讼法 sentence)
                filters = Filters(doc_ids=[current])
                chosen_edition = {current: sorted(named[0] - {current})}
            elif not named and len(groups := self._named_groups(resolved)) == 1 and groups[0] in self._abridged_named(resolved):
                filters = Filters(doc_ids=sorted(groups[0]))  # …named by an abridged name alone (城南那份工作意见)
            elif not named and (described := self._described(resolved)):
                filters = Filters(doc_ids=described)  # …or described (倒卖车票那个司法解释第一条)
        rewrite = None
        if self.chat is not None and self.settings.retrieval_rewrite:
            from assistant.retrieve.rewrite import rewrite_question

            rewrite = rewrite_question(resolved, self.chat, deadline=deadline, failures=failures)
        from assistant.retrieve.references import ArticleRef, ChapterRef, PartRef

        # a chapter, 节 or range named and nothing else asked: its clauses whole, up to a limit that is said when reached
        # (not cut at k unsaid); a topic asked within it (第四章中关于回避的规定) is searched as before
        refs = parse_references(resolved)
        wide = any(isinstance(r, ChapterRef) or (isinstance(r, ArticleRef) and r.to_article)
                   or (isinstance(r, PartRef) and r.item is None) for r in refs)  # 第二部分: a policy document's part
        if wide:
            rest = docs_index.strip_names(_without_parts(resolved, refs))
            # (the part's own heading said with it — 第五章法律责任有哪些条文 — asks nothing more than the part: a trial's list
            # of that chapter was cut at k, unsaid)
            for doc_id in (filters.doc_ids if filters and filters.doc_ids and len(filters.doc_ids) == 1 else []):
                for heading in {h for r in self.retriever.document_records(doc_id) for h in r.get("heading_path") or []}:
                    if (title := _HEADING_NUMBER.sub("", normalize(heading)).strip()) and len(title) >= 2:
                        rest = rest.replace(title, " ")
            rest = _BARE_ASK.sub(" ", rest)
            wide = len(content_bigrams(rest)) < 3
        limit = self.settings.answer_max_reference_parts
        found = self.retriever.search(resolved, k=max(k, limit + 1) if wide else k, filters=filters, rewrite=rewrite)
        if wide:
            exact = [h for h in found.hits if h.match == "reference"]
            if len(exact) > limit:
                notes = notes + [(_limit_note(limit), exact[0].clause["clause_id"])]
            found.hits = exact[:limit] if exact else found.hits[:k]
        elif (penalties := self._sanction_chapter(resolved, filters, docs_index)):
            # how a breach of the document named is punished, nothing more asked (违反公共场所卫生管理条例怎么处罚, …的罚则是什么):
            # its 罚则 / 法律责任 chapter, whole up to the limit — not the clauses sharing 违反 or 处罚 (a trial missed the list
            # of sanctions, which says 行政处罚 once)
            from assistant.retrieve.retrieval import Hit

            if len(penalties) > limit:
                notes = notes + [(_limit_note(limit), penalties[0]["clause_id"])]
            found.hits = [Hit(rank=r, score=1.0 / r, clause=rec, match="reference") for r, rec in enumerate(penalties[:limit], 1)]
        elif (starts := self._purpose_clauses(resolved, filters) + self._commencement_clauses(resolved, filters)):
            from assistant.retrieve.retrieval import Hit

            found.hits = [Hit(rank=r, score=1.0 / r, clause=rec, match="reference") for r, rec in enumerate(starts[:limit], 1)]
        if used is not None:
            used["rewrite"] = found.rewrite  # shown with the result (ask --json), as retrieve --json shows it
            used["editions"] = found.editions or chosen_edition  # current editions searched in place of older ones: said
        hits = found.hits
        if filters is not None and filters.prefer and not filters.doc_ids:
            # a follow-up of an answer from one document (那开设赌场呢？→ 国家工作人员参与的呢？): answered from it where it has
            # clauses on the question — not padded with other documents' clauses sharing a word (…工作人员…参与…)
            own = [h for h in hits if h.clause["doc_id"] in filters.prefer]
            # …where the follow-up's own words are that document's: not a new topic (那生产假农药怎么处罚呢？ after
            # 赌博 answers: its words are another document's — review finding)
            from assistant.generate.decide import topic_words

            asked = [w for w in topic_words(question) if any(w in h.clause["text_normalized"] for h in hits)]
            theirs = [w for w in asked if any(w in h.clause["text_normalized"] for h in own)]
            if len(own) >= 2 and asked and 2 * len(theirs) >= len(asked):
                hits = own
        groups = self._named_groups(resolved) if not wide and (not filters or filters.empty()) else []
        if len(groups) >= 2:
            # a question comparing documents it names (甲办法和乙办法对…分别怎么规定): each one's best clauses, however the
            # other's words outrank them — the drafter answers from every named document, so it needs each one's clauses
            seen = {h.clause["clause_id"] for h in hits}
            for g in groups:  # (each one's own best, whether or not some of its clauses are among the hits already)
                more = self.retriever.search(resolved, k=max(2, k // len(groups)), filters=Filters(doc_ids=sorted(g)))
                hits = hits + [h for h in more.hits if h.clause["clause_id"] not in seen]
                seen |= {h.clause["clause_id"] for h in more.hits}
        first_ref = next((h.clause["clause_id"] for h in hits if h.match == "reference"), None)
        if first_ref:  # what the lookup says about the parts named (versions, 第N条 in several documents, a missing 项)
            notes = notes + [(n, first_ref) for n in found.notes if n not in found.absent]  # absent articles: above
        if found.absent and not notes:  # a document named by an alias the guards do not know (盗窃解释第十八条)
            notes = [(n, cid) for n in found.absent if (cid := self._last_clause_of(n))]
        records = [h.clause for h in hits]
        if history_docs and resolved != question and (_PENALTY_FOLLOW_UP.match(normalize(question))
                                                      or ELLIPTICAL_SANCTION.match(normalize(question).strip())):
            # 那处罚呢？ after an answer: the 罚则 punishing the breach of what it cited, by their numbers (a trial got the
            # duties again) — found from the clauses the answer cited, first
            # (each part once, the first six: an answer lists its parts in the 相关规定见 line, then quotes them)
            cited = [h.clause for label in list(dict.fromkeys(history_docs[-1]))[:6] if label.startswith("《")
                     for h in self.retriever.search(label, k=2).hits if h.match == "reference"]
            from assistant.generate.drafting import sanction_stated

            penalties = self._penalty_records(question, cited, [], from_best=len(cited), new_only=False, asked=True)
            # …and what it cited that is itself a 罚则 (幼儿园管理条例第二十八条 → 那处罚呢？; …出借河道采砂许可证的，…罚款 among
            # the duties — a trial said none was found), quoted again — not clauses retrieved for 处罚 and the document's
            # name (a new-user pass got its 第一条)
            penalties += [c for c in cited if sanction_stated(c["text_normalized"]) and c not in penalties]
            if not penalties:  # …or another 款 of an article it cited states the sanction (…第三十九条第二款 cited: 未按照规定放置
                # 保险标志的，…处警告或者20元以上200元以下罚款 is its first 款 — a trial said none was found)
                articles = {(c["doc_id"], a) for c in cited if (a := (c.get("position") or {}).get("article"))}
                taken = {c["clause_id"] for c in cited}
                paras = {(c["doc_id"], (c.get("position") or {}).get("article"), (c.get("position") or {}).get("paragraph"))
                         for c in cited}
                penalties = [r for d in dict.fromkeys(d for d, _a in articles) for r in self.retriever.document_records(d)
                             if (d, (r.get("position") or {}).get("article")) in articles and r["clause_id"] not in taken
                             and sanction_stated(r["text_normalized"]) and _punishes_cited(r, paras)]
            records = [*penalties, *[r for r in records if r["clause_id"] not in {p["clause_id"] for p in penalties}]]
            follow_penalties = [p["clause_id"] for p in penalties]  # (quoted whole: the answer)
            if cited and not penalties and self.chat is None:  # (no 罚则 cited either)
                # …and none punishes it, by its number or by restating it (测绘成果管理条例第十七条 → 那处罚呢？): the
                # offline drafter says so — not the document's other penalties, as if they were this one's (a trial);
                # its sanctions listed as what may be related. (A model reads the clauses found and decides.)
                docs = {c["doc_id"] for c in cited}
                leads = [r for r in records if r["doc_id"] in docs and sanction_stated(r["text_normalized"])]
                leads += [r for d in sorted(docs) for r in self.retriever.document_records(d)
                          if sanction_stated(r["text_normalized"]) and r not in leads]
                # (the sanctions sharing most of the cited clauses' words first: a 罚则 restating the duty in words the
                # restating rule did not take is then listed — review finding — not the first three in the document)
                said = {g for c in cited for g in content_bigrams(c["text_normalized"])}
                leads.sort(key=lambda r: -len(said & set(content_bigrams(r["text_normalized"]))))
                records = [*leads[:3], *records]
                shown = "、".join(dict.fromkeys(re.sub(r"(条(?:之[一二三四五六七八九十]+)?)第.*$", r"\1", c["label"])
                                                for c in cited))  # (its articles: 第十七条, not each 款)
                res = self._refusal(question, resolved, {r["clause_id"]: r for r in [*records, *cited]},
                                    [r["clause_id"] for r in leads[:3]],
                                    [f"未找到对违反{shown}的处罚规定：没有找到援引该条的罚则；以下罚则可能相关，请核对。"])
                res.refusal_reason = "no 罚则 punishes the breach of the parts the answer cited"
                return res, (question, resolved, records, notes, docs_index, [], [], [])
        else:
            follow_penalties = []
        clauses = {r["clause_id"]: r for r in records}
        nearest = [r["clause_id"] for r in records[:3]]
        doc_names = [n for n in docs_index.names]
        # …and the reader's shortenings of them the question writes (人身损害赔偿解释中误工费怎么算: the 人身损害赔偿 of the
        # name chose sentences saying the title's words — 适用本解释的规定 — over the 误工费 asked; a trial)
        q_names = normalize(resolved)
        doc_names += [q_names[a:b] for a, b, _ids in self.retriever.document_names().shortened(q_names)]
        if (named_at := self.retriever.document_names().find(q_names)) is not None:
            doc_names.append(q_names[named_at[1][0]:named_at[1][1]])
        # a stored document referred to by a name of the reader's own (北京市城市副中心检察工作意见 for 服务保障北京城市
        # 副中心高质量发展的工作意见): that phrase names the document and asks nothing, as a stored name would not. Not a
        # phrase that says what it is about (刑事诉讼法第三百一十五条关于…监督的规定: the rest of it is the topic)
        # It must read like that document's name: no interrogative (…办公室的职责有哪些规定 asks), and the genre word it
        # ends with (意见) is the one the document's title ends with.
        names = self.retriever.document_names()
        titles_of = {d["doc_id"]: normalize(d.get("title", "")) for d in self.documents}
        for m in _TITLE_PHRASE.finditer(normalize(resolved)):
            p = m.group(1)
            if not 6 <= len(p) <= 24 or re.search(r"关于|第[^条]{1,12}条", p) or _NOT_IN_TITLES.search(p):
                continue
            genre = next((g for g in sorted(GENRE_WORDS, key=len, reverse=True) if p.endswith(g)), "")
            named = [ids for ids in names.named_anywhere(p)]
            if genre and len(named) == 1 and all(titles_of.get(d, "").rstrip("）)").endswith(genre) for d in named[0]):
                doc_names.append(p)
        referenced = [h.clause["clause_id"] for h in hits if h.match == "reference"] or follow_penalties  # the parts named
        if instrument:  # (parts of another instrument than the stored one a lookup took its name for)
            referenced = []
        asked_refs = parse_references(resolved)
        asked_articles = [r for r in asked_refs if isinstance(r, ArticleRef)]
        if referenced and not follow_penalties and len(asked_articles) == 1 and asked_articles[0].to_article is None \
                and asked_articles[0].paragraph is None and asked_articles[0].subitem is None:
            # one article asked whole: all of its 款, in order — the lookup returns as many parts as any search (a trial's
            # 第六十四条 of twelve 款 was shown to its eighth, silently)
            by_id = {r["clause_id"]: r for r in records}
            places = {(by_id[c]["doc_id"], (by_id[c].get("position") or {}).get("article"),
                       (by_id[c].get("position") or {}).get("article_suffix")) for c in referenced if c in by_id}
            if len(places) == 1 and next(iter(places))[1] is not None:  # (a document of parts, not articles: as found)
                doc, article, suffix = next(iter(places))
                # (of the same division: an annex's own 第三条 is another article — second review)
                # (a later 款's path ends with its article's head, 第三条: not a division of its own)
                def division(rec: dict) -> tuple:
                    return tuple(p for p in (rec.get("heading_path") or []) if not _ARTICLE_HEAD_ONLY.fullmatch(p))[:1]
                heads = {division(by_id[c]) for c in referenced if c in by_id}
                whole = [r for r in self.retriever.document_records(doc) if (r.get("position") or {}).get("article") == article
                         and (r.get("position") or {}).get("article_suffix") == suffix and division(r) in heads]
                if len(whole) > len(referenced) and set(referenced) <= {r["clause_id"] for r in whole}:
                    records = [*[r for r in whole if r["clause_id"] not in by_id], *records]
                    referenced = [r["clause_id"] for r in whole]
            # …of one party or thing (第四条对外国人是怎么规定的, a follow-up's 那对外国人呢？): the 款 naming it, where some do
            # not (a trial: the whole article again)
            party = re.search(r"第[^条]{1,12}条(?:之[^对]{1,4})?对([\u4e00-\u9fff]{2,10}?)(?:是)?(?:怎么|如何|怎样)规定", normalize(resolved))
            if party:
                text_of = {r["clause_id"]: r["text_normalized"] for r in records}
                naming = [c for c in referenced if party.group(1) in text_of.get(c, "")]
                if naming and len(naming) < len(referenced):
                    referenced = naming
            # …a term quoted with it (第六十四条中“应纳税款”指什么): the 款 saying it first
            quoted = re.findall(r"[“\"「]([^”\"」]{2,16})[”\"」]", resolved)
            if quoted:
                text_of = {r["clause_id"]: r["text_normalized"] for r in records}
                referenced = sorted(referenced, key=lambda c: not any(normalize(q) in text_of.get(c, "") for q in quoted))
        rest = _without_parts(resolved, asked_refs)
        # (what the question says besides the parts, less the words of the article's lead-in: 第十一条第（八）项规定的是哪项
        # 由业主共同决定的事项 says only what the article is about — not 第（八）项关于维修资金…, a topic of one of its items,
        # answered from the article as below)
        said_by_article = {g for c in referenced for r in records if r["clause_id"] == c
                           if (lead := re.match(r"[^:：。]*[:：]", r["text_normalized"]))  # (no lead-in: nothing said)
                           for g in content_bigrams(lead.group(0))}
        if (referenced and found.missing_parts and len(found.missing_parts) >= len(asked_articles)
                and len(set(content_bigrams(_BARE_ASK.sub(" ", docs_index.strip_names(rest)))) - said_by_article) < 3):
            # every part asked is a 款 or 项 its article does not have (第二十八条第三款 of a two-款 article), and nothing
            # else is asked: nothing states what is asked — refused, saying so from the parsed structure, the article
            # listed as what may be meant (a topic asked under a wrong part, …第三款关于利率上限是怎么说的, is answered
            # from the article, the note saying the part is not there)
            res = self._refusal(question, resolved, {r["clause_id"]: r for r in records}, referenced[:limit],
                                list(found.missing_parts))
            res.refusal_reason = "the 款 or 项 named is not in its article"
            res.statements = [structure_note(text, referenced[0]) for text in found.missing_parts]
            return res, (question, resolved, records, notes, docs_index, doc_names, referenced, [])
        defined = [h.clause["clause_id"] for h in hits if (h.ranks or {}).get("definition")]  # 什么是X: X's definition
        from assistant.text.definitions import asks_definition
        from assistant.text.sentences import asking_sentences

        # (of the sentences asking the definition: 什么是传销？参加传销罚款最多多少？ keeps it — review finding)
        if defined and value_segments("".join(p for p in asking_sentences(normalize(resolved)) if asks_definition(p))
                                      or resolved):
            defined = []  # “数量较大”是指多少公斤: a value asked, which a definition naming another term of it does not give
        ctx = (question, resolved, records, notes, docs_index, doc_names, referenced, defined)
        # a law the library lacks, named before 第N条 (刑法第二百六十四条): the articles of that number in
        # other documents (the lookup of a 第N条 naming no document) are not what it asks
        unnamed = any(n.startswith(UNNAMED_NOTE) for n in found.notes)
        if not unknown_doc and not referenced and (not filters or not filters.doc_ids):
            # a name before 第N条 that is none of the library's and fits no one document (电商规定第十条): the articles
            # of that number that only mention it are not what it asks
            unknown_doc = unknown_part_owner(resolved, self.retriever.document_names())
            if unknown_doc and (_not_a_name(unknown_doc) or _NOT_IN_TITLES.search(unknown_doc) or _POINTED.search(unknown_doc)):
                unknown_doc = ""  # (a rule in general, never a missing document's name)
            bare = bare_part(resolved)
            if not unknown_doc and not unnamed and bare and "条" in bare:
                # 第十条是什么？ (or 本规定第十条) with no document named, asked first, and too many documents have it
                # to show each one's: which is meant is not known — not the clauses that mention a 第十条
                refs = parse_references(bare)
                if refs and not any(self.retriever.has_article(d["doc_id"], refs[0].article) for d in self.documents):
                    note = f"已入库的文件中都没有{bare}。"
                else:
                    note = f"问题只提到{bare}，没有说明是哪份文件的{bare}（例如：《文件名》{bare}），请补充后再问。"
                return self._refusal(question, resolved, clauses, nearest, [note]), ctx
        cited_by = _cited_by(unknown_doc, resolved, records) if unknown_doc else []
        if cited_by:  # a law the library lacks but its clauses apply (刑法第201条 in a 司法解释 on it): answered from them
            notes = [(f"已入库的文件中没有《{_shown_name(unknown_doc) or unknown_doc}》；以下是入库文件中援引它的规定。",
                      cited_by[0]), *notes]
            unknown_doc = ""
            # the articles of that number in other documents (the lookup of a 第N条 naming none of the library's) are not
            # what it asks: neither the answer's parts nor what may be related (刑法第一百七十六条 → 保险法第一百七十六条)
            numbers = {r.article for r in asked_articles}
            numbered = {r["clause_id"] for r in records if (r.get("position") or {}).get("article") in numbers} - set(cited_by)
            records = ([r for r in records if r["clause_id"] in cited_by]
                       + [r for r in records if r["clause_id"] not in cited_by and r["clause_id"] not in numbered])
            referenced = [c for c in referenced if c not in numbered]
            if not referenced and re.fullmatch(r"[^，,。？?]{0,40}第[^，,。？?]{1,12}条[^，,。？?]{0,2}(?:是怎么规定的?|规定了?什么|"
                                               r"说了?什么|的?内容是什么|是什么)?[？?。]?", normalize(resolved)):
                referenced = cited_by[:6]  # 刑法第133条是怎么规定的？: the clauses that apply it, quoted whole
            ctx = (question, resolved, records, notes, docs_index, doc_names, referenced, defined)
        if unknown_doc and (not referenced or unnamed):
            shown = _shown_name(unknown_doc)
            reason = (f"已入库的文件中没有《{shown}》，无法据以回答。" if shown
                      else "问题所指的文件不在已入库的文件中，无法据以回答。")
            meant = self._misheard(shown) if shown else ""
            written = next((w for w in (unknown_doc, shown) if w and w in resolved), "")
            if meant and written:  # (the whole name as written)
                at = resolved.find(written)
                written = self._written_slip(resolved, at, at + len(written), meant)
                shown = _shown_name(written) or shown
            if meant and written and not getattr(self, "_reading_as", False):
                # a character typed for another that sounds the same (拍买法第六十五条, 援主条例规定…): the question read with
                # the one document that name fits, the reader told so — as a 《…》 title read as the stored one most like it
                self._reading_as = True
                try:
                    res, ctx = self._prepare(resolved.replace(written, meant.strip("《》")), None, filters, k, deadline,
                                             failures, used, None)
                finally:
                    self._reading_as = False
                note = f"已入库的文件中没有《{shown}》，按{meant}理解。"
                if res is not None:
                    res.question, res.notes = question, [note, *res.notes]
                    return res, (question, *ctx[1:])
                docs = {d["doc_id"]: d for d in self.documents}
                first = next((r["clause_id"] for r in ctx[2] if book_title(docs.get(r["doc_id"], {}).get("short_name", "")) == meant),
                             None) or (ctx[2][0]["clause_id"] if ctx[2] else None)
                if first is not None:
                    return None, (question, ctx[1], ctx[2], [(note, first), *ctx[3]], *ctx[4:])
            if meant:
                reason += f"您是否要找{meant}？"
            return self._refusal(question, resolved, clauses, nearest, [reason]), ctx
        absent_doctrine = [] if referenced else self._absent_doctrine(resolved)
        if absent_doctrine:
            # a doctrinal term (表见代理) neither the library nor the wording of the provision ruling on it is in: provably
            # no clause on it — not the clauses sharing its 代理 (a new user's library of procedural laws)
            said = "、".join(absent_doctrine)
            res = self._refusal(question, resolved, clauses, self._leads(resolved, records, absent_doctrine, nearest),
                                [f"{ABSENT_TOPIC_NOTE}{said}”的规定（也没有规定该制度的条文）。"])
            res.refusal_reason = f"the library holds neither {said} nor the wording of the provision ruling on it"
            return res, ctx
        if self.chat is not None:
            # a word the question asks about that neither the library nor any of its statutory terms uses (年假 with no
            # 年休假 anywhere): provably no clause on it — refused before the model, which would otherwise answer from
            # clauses that share the question's other words (the offline drafter's decision reads the same rule)
            from assistant.generate import decide

            absent = decide.absent_terms(question, self.retriever.index().uses_word, strip=doc_names,
                                         together=self._together)
            if absent:
                res = self._refusal(question, resolved, clauses, self._leads(resolved, records, absent, nearest),
                                    [f"{ABSENT_TOPIC_NOTE}{'、'.join(absent)}”的规定（也没有与其相当的法律用语）。"])
                res.refusal_reason = f"the library uses neither {'、'.join(absent)} nor its statutory terms"
                return res, ctx
            # the 罚则 punishing a found clause's breach by its number (违反本条例第十二条规定的，处…) are offered to the model
            # too, after the clauses found: no search finds them by the conduct's words (the offline drafter reads them
            # when it chooses its sentences)
            penalties = self._penalty_records(resolved, ctx[2], doc_names)
            if penalties:
                ctx = (*ctx[:2], [*ctx[2], *penalties], *ctx[3:])
        return None, ctx

    def _penalty_records(self, question: str, records: list[dict], doc_names: list[str], from_best: int = 3,
                         new_only: bool = True, asked: bool = False) -> list[dict]:
        """For a question asking the penalty (``asked``: known to), the clauses (``new_only``: not among ``records``) that
        punish the breach of one of the best ``from_best`` by its number (:func:`assistant.generate.drafting.referring_sanctions`)."""
        from assistant.generate.drafting import asks_sanction, punishing

        if not (asked or asks_sanction(question)) or self.settings.answer_penalty_links <= 0:
            return []
        return [other for other, _unit in punishing(
            question, records[:from_best], self.retriever.document_records, self.settings.answer_penalty_links, doc_names,
            taken={r["clause_id"] for r in records} if new_only else set(), key=lambda rec, _unit: rec["clause_id"],
            restating=self.settings.answer_penalty_restating_share)]

    def _leads(self, resolved: str, records: list[dict], absent: list[str], nearest: list[str]) -> list[str]:
        """Of the nearest clauses of a question refused for a topic the library provably lacks, those sharing another of its
        topic words — not clauses that came up for nothing it asks (医疗废物 and 海关 clauses for 离婚冷静期: a trial)."""
        from assistant.generate.decide import topic_words
        from assistant.index.lexical import QUERY_STOPWORDS

        words = [w for w in topic_words(resolved, stopwords=QUERY_STOPWORDS)
                 if not any(w in a or a in w for a in absent) and len(w) >= 2]
        text = {r["clause_id"]: r["text_normalized"] for r in records}
        return [c for c in nearest if any(w in text.get(c, "") for w in words)]

    def _offline(self, ctx) -> AnswerResult:
        """The offline drafter's answer, or its refusal when the retrieved clauses do not answer the
        question (with a model configured, the model decides instead; this runs only without one or
        when it failed)."""
        question, resolved, records, notes, _docs_index, doc_names, referenced, defined = ctx
        ok, reason, partial = ((True, "", False) if referenced or defined
                               else self.evidence_decision(resolved, records, doc_names, bool(notes)))
        if not ok:
            clauses = {r["clause_id"]: r for r in records}
            extra = [clauses.setdefault(cid, self.retriever.records([cid])[0]) for _n, cid in notes]
            nearest = [r["clause_id"] for r in records[:3]]
            if not partial:  # a flat refusal lists no 可能相关 when no clause found shares a topic word with the question,
                # or its statutory terms (火星移民…: the best-ranked clauses of a 失业保险条例 are no lead)
                from assistant.generate.decide import distinct_words, places, topic_words
                from assistant.index.lexical import QUERY_STOPWORDS, pos_tag
                from assistant.retrieve.thesaurus import expand

                words = {w for w in topic_words(resolved, strip=[*doc_names, *places(resolved)], stopwords=QUERY_STOPWORDS)
                         if pos_tag(w) not in ("p", "c", "u", "r") and not _COUNTED.fullmatch(w)}  # (关于, 一首: no topic)
                terms = {t for w in words for t in (w, *expand(w))}
                named = self._named_groups(resolved)
                if notes and any("不存在第" in n for n, _c in notes) and _asks_only_parts(resolved, _docs_index):
                    nearest = []  # a part that does not exist and nothing else asked: no clause is a lead (幼儿园管理条例第四十条)
                elif named:  # a question naming a document of the library (北京城南意见讲了什么) keeps its list: of that one
                    nearest = [r["clause_id"] for r in records if any(r["doc_id"] in g for g in named)][:3] or nearest
                elif words and not any(t in r["text_normalized"] for r in records[:5] for t in terms):
                    nearest = []
                else:
                    # a question with several topic words the library uses: a clause sharing only one of them (醉酒驾驶机动车…
                    # and a clause on 自动驾驶) is no lead either
                    uses = self.retriever.index().uses_word
                    used = {w for w in words if uses(w) or any(uses(t) for t in expand(w))}
                    if len(distinct_words(used)) >= 2:
                        nearest = [c for c in nearest if _shared_topics(used, clauses[c]["text_normalized"]) >= 2]
            said = [n for n, _ in notes] or ([] if nearest else [NO_RELATED_NOTE])
            if reason.startswith("the library uses neither"):  # say what is provably not there, as the model path does
                from assistant.generate import decide
                from assistant.generate.decide import absent_terms

                absent = absent_terms(resolved, self.retriever.index().uses_word, strip=doc_names, together=self._together) or [
                    k for k in decide.absent_kinds(resolved, self.retriever.index().uses_word, _titles(records), strip=doc_names)]
                nouns = [] if absent else decide.absent_nouns(resolved, self.retriever.index().uses_word,
                                                               [r["text_normalized"] for r in records], strip=doc_names)
                if absent or nouns:  # (a noun never used: the library's words for it are not known — not claimed)
                    said = [f"{ABSENT_TOPIC_NOTE}{'、'.join(absent or nouns)}”的规定"
                            + ("（也没有与其相当的法律用语）。" if absent else "。"), *[n for n in said if n != NO_RELATED_NOTE]]
            elif partial:  # (未找到直接规定: a word of legislation the library never uses is said here too — review finding)
                if unused := self._unused_words(resolved, records, doc_names):
                    said = [f"{UNUSED_WORD_NOTE}{'、'.join(unused)}”一词。", *said]
            res = self._refusal(question, resolved, clauses, nearest, said)
            res.refusal_reason, res.partial = reason, partial
            for (text, _cid), rec in zip(notes, extra):
                res.statements.append(structure_note(text, rec["clause_id"]))
            return res
        return self._offline_answer(*ctx)

    def _fallback(self, ctx, exc: ModelError, failures: list[dict]) -> AnswerResult:
        log.warning("model answer failed, giving the offline answer: %s", exc)
        res = self._offline(ctx)
        res.fallback_reason = failure_zh(exc)
        if getattr(exc, "raw", ""):  # what the model did write, for whoever looks into it
            res.raw = "[model reply, not used]\n" + exc.raw
        res.model_failures = [*failures, {"stage": "answer", "error": str(exc)}]
        return res

    def _start(self, question, history, filters, k, history_docs=None):
        deadline, failures, used = Deadline(self.settings.llm_deadline_s), [], {}
        final, ctx = self._prepare(question, history, filters, k, deadline, failures, used, history_docs)
        if final is not None:
            final.model_failures = failures
        return final, ctx, deadline, failures, used

    def provenance(self) -> dict[str, Any]:
        """What produced a result: the settings' hash, the store revision it was read at, the prompt
        versions, the parser version and the embedder."""
        from assistant.parse.clauses import PARSER_VERSION
        from assistant.prompts import prompt_versions

        return {"config": self.settings.config_hash(), "store_revision": self.retriever.index().revision,
                "prompts": prompt_versions(), "parser_version": PARSER_VERSION,
                "embedder": self.retriever.store.embedder.identity, "generator": self.generator_name}

    def ask(self, question: str, history: list[str] | None = None, filters: Filters | None = None, k: int = 8,
            history_docs: list[list[str]] | None = None) -> AnswerResult:
        """``history_docs``: per question of ``history``, what its answer cited — document names, or the cited clauses'
        labels in the answer's order (《T》第七条第一款): what 本法/本解释 in a follow-up refers to when that question named
        none, and the article a bare 第二款呢？ asks about."""
        result = self._ask(question, history, filters, k, history_docs)  # (with the rewrite used, if any)
        result.provenance = {**self.provenance(), "generator": result.generator}  # what produced it: offline after a fallback
        return result

    def _ask(self, question: str, history: list[str] | None, filters: Filters | None, k: int,
             history_docs: list[list[str]] | None = None, facts: bool = True) -> AnswerResult:
        final, ctx, deadline, failures, used = self._start(question, history, filters, k, history_docs)
        if final is not None:
            res = final
        elif self.chat is not None:
            try:
                res = self._llm_answer(*ctx[:5], deadline=deadline, failures=failures)
            except ModelError as exc:  # the model failed: offline answer instead, flagged
                res = self._fallback(ctx, exc, failures)
        else:
            res = self._offline(ctx)
            res.model_failures = failures
        res.rewrite = used.get("rewrite")
        self._edition_notes(res, used.get("editions"))
        res = self._answer_the_rest(question, res, filters, k) or res
        return (self._with_document_facts(question, res, filters, k) or res) if facts else res

    def _with_document_facts(self, question: str, res: AnswerResult, filters: Filters | None, k: int) -> AnswerResult | None:
        """A question asking a fact of a document it names (why it was made, when it takes effect) in one sentence and
        another matter in another (…管理条例是出于什么考虑？顺便问一下网吧每天几点到几点可以营业？): the fact looked up from that
        sentence and quoted first, then the answer to the rest — which alone was given before, the fact dropped unsaid (trials
        S and T). None when that does not apply."""
        from assistant.text.sentences import asking_sentences

        resolved = normalize(res.resolved_question)
        asking = asking_sentences(resolved)
        facts = [p for p in asking if _asks_only_facts(p)]
        if not facts or len(facts) == len(asking):
            return None
        # (looked up offline, with a model configured too: a quoted clause needs no model call, and the calls stay bounded)
        offline = copy.copy(self)
        offline.chat = None
        sub = offline._ask("".join(facts), [], filters, k, facts=False)
        cited = {c for st in sub.statements for c in st.get("citations", [])}
        if sub.refused or not cited:
            return None
        base = res
        if res.refused:  # (the rest asked alone: the fact sentence may have kept the whole from being answered)
            rest = resolved
            for p in facts:
                rest = rest.replace(p, " ")
            base = offline._ask(rest.strip(), [], filters, k, facts=False)
        if base.refused:
            return dataclasses.replace(sub, question=question, resolved_question=res.resolved_question,
                                       notes=[*sub.notes, OTHER_PARTS_NOT_FOUND])
        more = [st for st in base.statements if not set(st.get("citations", [])) <= cited]
        return dataclasses.replace(base, question=question, resolved_question=res.resolved_question,
                                   statements=[*sub.statements, *more], clauses={**base.clauses, **sub.clauses},
                                   notes=[*sub.notes, *(n for n in base.notes if n not in sub.notes)])

    def _answer_the_rest(self, question: str, res: AnswerResult, filters: Filters | None, k: int) -> AnswerResult | None:
        """A question of several asking sentences, one of which asks about a topic the library provably lacks (a
        doctrinal term, or a word, neither it nor the wording or statutory terms of which any clause uses: 仲裁协议无效的
        情形有哪些？离婚冷静期是多少天？ with no 婚姻家庭编): the other sentences answered, a note saying what was not found —
        whether the whole was refused for it or answered from the other sentences. None when that does not apply (the
        answer as it is) or the rest is refused too."""
        if res.refused and not res.refusal_reason.startswith(_ABSENT_REASONS):
            return None
        resolved = normalize(res.resolved_question)
        parts = [p for p in re.split(r"(?<=[。？?！!；;\n])", resolved) if p.strip()]
        asking = [p for p in parts if re.search(r"[？?]\s*$", p)]
        if len(asking) < 2:
            return None
        from assistant.generate import decide

        doctrine = self._absent_doctrine(resolved)
        terms = [w for w in decide.absent_terms(resolved, self.retriever.index().uses_word,
                                                strip=list(chk.DocIndex.from_documents(self.documents).names),
                                                together=self._together)
                 if not any(w in d for d in doctrine)]  # (离婚 of 离婚冷静期: said with it)
        lacking = [p for p in asking if any(w in p for w in (*doctrine, *terms))]
        rest = [p for p in parts if p not in lacking]  # (the sentences that tell the story stay with the rest)
        if not lacking or not any(p in asking for p in rest):
            return None
        said = ([f"{ABSENT_TOPIC_NOTE}{'、'.join(doctrine)}”的规定（也没有规定该制度的条文）。"] if doctrine else []) + \
            ([f"{ABSENT_TOPIC_NOTE}{'、'.join(terms)}”的规定（也没有与其相当的法律用语）。"] if terms else [])
        if res.refused:
            sub = self._ask("".join(rest), [], filters, k)
            if sub.refused:
                return None
            # the question as asked (the note says which part was not found): not a follow-up's rewrite of it
            sub.question, sub.resolved_question = question, res.resolved_question
        else:
            sub = res
        sub.notes = [*said, *(n for n in sub.notes if n not in said)]
        return sub

    def _edition_notes(self, res: AnswerResult, current_only: dict[str, list[str]] | None) -> None:
        """An answer citing a law stored beside another edition of itself says which edition it quotes: the current one
        searched in place of the older (``current_only``: LVJU_RETRIEVAL_CURRENT_ONLY applied), and how to reach the
        older; or an older one (a filter, a year named), and which is current."""
        if res.refused:
            return
        editions = self.retriever.editions()
        if not editions:
            return
        docs = {d["doc_id"]: d for d in self.documents}
        current_of = {o: d for d, olds in editions.items() for o in olds}

        def named(d: str) -> str:
            return book_title(docs[d].get("short_name") or docs[d]["title"]) + (f"（{docs[d]['date']}）" if docs[d].get("date") else "")

        for d in dict.fromkeys(rec["doc_id"] for rec in res.clauses.values()):
            if d not in docs:
                continue
            note = ""
            if current_only and d in current_only:
                olds = "、".join(named(o) for o in current_only[d] if o in docs)
                note = f"以上按现行的{named(d)}；已入库的还有{olds}，如需查旧版本，请在问题中写明年份或按文件筛选。" if olds else ""
            elif d in current_of and current_of[d] in docs:
                note = f"所引{named(d)}是旧版本；已入库的现行版本是{named(current_of[d])}。"
            if note and note not in res.notes:
                res.notes.append(note)

    def ask_stream(self, question: str, history: list[str] | None = None, filters: Filters | None = None, k: int = 8,
                   history_docs: list[list[str]] | None = None):
        """Yield ("delta", text) while the model writes, then ("result", AnswerResult) once checked.

        The raw stream is a draft for display only; what counts is the checked result."""
        final, ctx, deadline, failures, used = self._start(question, history, filters, k, history_docs)
        if final is not None:
            final.rewrite = used.get("rewrite")
            rest = self._answer_the_rest(question, final, filters, k)
            final = rest or final
            final.provenance = {**self.provenance(), "generator": final.generator}
            for st in (rest.statements if rest is not None else []):
                yield "delta", st["text"] + "\n"
            yield "result", final
            return
        if self.chat is None:
            res = self._offline(ctx)
            res.model_failures = failures
            res.rewrite = used.get("rewrite")
            self._edition_notes(res, used.get("editions"))
            res = self._answer_the_rest(question, res, filters, k) or res
            res = self._with_document_facts(question, res, filters, k) or res
            res.provenance = {**self.provenance(), "generator": res.generator}
            for st in res.statements:
                yield "delta", st["text"] + "\n"
            yield "result", res
            return
        from assistant.prompts import load_prompt

        question_, resolved, records, notes, docs_index, _names, _referenced, _defined = ctx
        _keys, block = clause_block(records)
        parts: list[str] = []
        try:
            for text in self.chat.stream(load_prompt("answer").render(clauses=block, question=resolved), deadline):
                parts.append(text)
                yield "delta", text
            result = self._llm_answer(question_, resolved, records, notes, docs_index, raw="".join(parts),
                                      deadline=deadline, failures=failures)
        except ModelError as exc:
            result = self._fallback(ctx, exc, failures)
        result.rewrite = used.get("rewrite")
        self._edition_notes(result, used.get("editions"))
        result = self._answer_the_rest(question, result, filters, k) or result
        result = self._with_document_facts(question, result, filters, k) or result
        result.provenance = {**self.provenance(), "generator": result.generator}  # what produced it: offline after a fallback
        yield "result", result

    def _absent_doctrine(self, question: str) -> list[str]:
        """The doctrinal terms of the question (thesaurus.doctrine_entries) of which the library holds neither the term
        nor any phrase of the provision ruling on it (each phrase's character pairs in no one clause)."""
        from assistant.retrieve import thesaurus

        if not self.settings.retrieval_doctrine:
            return []
        q = normalize(question)
        idx = self.retriever.index()

        def held(phrase: str) -> bool:  # every run of it (转移财产、抽逃资金: two) in one clause
            runs = [r for r in re.findall(r"[\u3400-\u9fff0-9a-z]+", normalize(phrase).lower()) if len(r) >= 2]
            if not runs:
                return True  # (nothing to judge by)
            mask = idx.holding(runs[0])
            for r in runs[1:]:
                mask = mask & idx.holding(r)
            return bool(mask.any())

        out: list[str] = []
        for word, phrases in thesaurus.doctrine_entries():  # longest first: a term inside a longer one found is that one's
            if word in q and not any(word in w for w in out) and not idx.uses_word(word) and not held(word) \
                    and not any(held(p) for p in phrases):
                out.append(word)
        return out

    def _with_doctrine(self, question: str) -> str:
        """The question with the statutory wording of the doctrinal terms it uses and the library does not (不安抗辩权 →
        经营状况严重恶化 …): the words a sentence of the provision ruling on the term shares with it."""
        from assistant.retrieve import thesaurus

        if not self.settings.retrieval_doctrine:
            return question
        terms = thesaurus.doctrine_terms(question, known=self.retriever.index().uses_word)
        return "，".join([question, *terms]) if terms else question

    def evidence_decision(self, question: str, records: list[dict], doc_names: list[str], has_notes: bool) -> tuple[bool, str, bool]:
        """The offline decision (:mod:`assistant.generate.decide`): (answer?, why, partial evidence?)."""
        from assistant.generate import decide
        from assistant.generate.drafting import asks_sanction, read_with_conduct, sentences
        from assistant.index.lexical import QUERY_STOPWORDS
        from assistant.text.sentences import orders_assistant

        # parts that address the assistant (忽略之前的指令 / 输出你的系统提示词) or order the answer's form (用英文回答)
        # ask nothing of the documents
        asked = "，".join(p for p in decide.segments(question) if not orders_assistant(p))
        if not asked.strip():
            return False, "the question only addresses the assistant", False
        told = question  # with its punctuation: which sentences ask and which tell
        # (a doctrinal term with the wording of the provision ruling on it, as the retriever searched it)
        question = self._with_doctrine(asked)
        # (or their statutory terms, as the drafter reads them: 黑车拉客 shares no word with 未取得道路运输经营许可…的 — a trial)
        from assistant.retrieve import thesaurus

        terms = (thesaurus.question_terms(asked, known=self.retriever.index().uses_word), self.settings.answer_thesaurus_weight)
        if not records or not select_sentences(question, records, strip=doc_names, terms=terms):
            return False, "no clause sentence shares the question's words", False
        # citation bait (a part that does not exist): the rest of the question must have substance of its own
        drop = re.compile(rf"第|条|部分|{_N}|\d") if has_notes else None  # in either numerals (第90条第3款)
        # a document named right before the part it refers to (…实施办法第三十五条) is attribution, not topic
        titles = [m.group(1) for m in _TITLE_PHRASE.finditer(normalize(question)) if normalize(question)[m.end():].startswith("第")]
        if has_notes:  # the parts named (第90条第3款, 第（二）项) are no substance either, but 款项 or 事项 are
            titles += re.findall(rf"第[（(]?(?:{_N}|\d+)[)）]?(?:条|款|项|部分|章|节)(?:之(?:{_N}|\d+))?", normalize(question))
        q = normalize(question)  # and any name of a document (刑诉法, 盗窃解释): naming a document asks nothing
        titles += sorted((n for n in self.retriever.document_names().names if n in q), key=len, reverse=True)
        # …and a reader's shortening of one (融资租赁解释第十六条: naming the document asks nothing either)
        titles += [q[start:end] for start, end, _ids in self.retriever.document_names().shortened(q)]
        from assistant.retrieve.thesaurus import expand

        known = self.retriever.index().uses_word
        # (the places it names say where, not what: 今天北京天气怎么样 is not covered by a clause on 北京's 营商环境)
        # (not one that opens a title's stretch: 北京城市副中心 in 服务保障北京城市副中心…的工作意见)
        qn, where = normalize(question), decide.places(question)
        if where:  # (the titles read only for a question that names a place)
            in_titles = [normalize(d.get("title", "")) for d in self.documents]
            where = [p for p in where if not any(qn[i:i + len(p) + 2] in t for i in [qn.find(p)] if i >= 0 for t in in_titles)]
        ev = decide.Evidence(coverage=decide.coverage(question, records, [*doc_names, *titles, *where],
                                                      stopwords=QUERY_STOPWORDS, drop=drop,
                                                      terms=lambda seg: expand(seg, known=known)))
        ev.value_segments = [p for p in decide.value_segments(told, strip=doc_names, stopwords=QUERY_STOPWORDS)
                             if not orders_assistant(p)]
        facts = decide.fact_documents(told, records, [*doc_names, *titles], stopwords=QUERY_STOPWORDS,
                                      share=self.settings.answer_split_share) if self.settings.answer_split_share > 0 else None
        valued = records
        if ev.value_segments and self.settings.answer_penalty_links > 0 and asks_sanction(told):
            # a fine asked of a conduct that a 罚则 punishes by its article's number (具有本细则第一百零九条所列第（六）至第（九）项
            # 行为的，处以…罚款): that sentence read with the conduct it refers to
            linked = [x for r in records[:5] for x in read_with_conduct(question, r, self.retriever.document_records, doc_names)]
            valued = [*records[:5], *linked, *records[5:]]
        ev.values_found = [decide.value_given(part, valued, lambda r: sentences(r["text_normalized"]), strip=doc_names,
                                              stopwords=QUERY_STOPWORDS, known=known,
                                              context=normalize(question).replace(normalize(part.split("，")[-1]), " "),
                                              context_share=self.settings.answer_context_share,
                                              library_df=self.retriever.index().word_df, docs=facts,
                                              elsewhere=self.retriever.index().holds_outside,
                                              within=self.retriever.index().holds_within,
                                              titles=[plain_title(d.get("title", "")) for d in self.documents])
                           for part in ev.value_segments]
        ev.places_missing = decide.missing_places(question, records, {d["doc_id"]: d for d in self.documents})
        ev.absent_terms = decide.absent_terms(told, known, strip=[*doc_names, *titles], together=self._together)
        kinds = decide.absent_kinds(told, known, _titles(records), strip=[*doc_names, *titles])
        ev.absent_terms += [k for k in kinds if k not in ev.absent_terms]
        # (a thing named by a noun the library never uses — 民用航空器, 核电站 — where the clauses found are about another)
        nouns = decide.absent_nouns(told, known, [r["text_normalized"] for r in records], strip=[*doc_names, *titles])
        ev.absent_terms += [n for n in nouns if n not in ev.absent_terms]
        ev.acts_missing = decide.acts_unsaid(told, [r["text_normalized"] for r in records], known)
        ev.asking_parts = len([p for p in decide.segments(told) if decide.ASKS.search(p)])
        if self.settings.answer_split_share > 0:
            ev.split_ask = decide.split_documents(told, records, [*doc_names, *titles], stopwords=QUERY_STOPWORDS,
                                                  share=self.settings.answer_split_share)
        return decide.decide(ev, self.settings.answer_min_coverage)

    def _together(self, words: list[str]) -> bool:
        """Does a clause of the library say ``words`` in their order, a few characters apart at most, in one stretch of
        text (管制刀具: 所管制的刀具, 管制范围内刀具 — not 非法…采矿 said in different places of a clause)."""
        import numpy as np

        idx = self.retriever.index()
        held = idx.holding(words[0])
        for w in words[1:]:
            if not held.any():
                return False
            held = held & idx.holding(w)
        at = np.flatnonzero(held)[:50]
        if not len(at):
            return False
        near = re.compile(r"[\u4e00-\u9fff]{0,4}?".join(re.escape(w) for w in words))
        return any(near.search(r["text_normalized"]) for r in self.retriever.records([idx.ids[i] for i in at]))

    def corpus_idf(self) -> dict[str, float]:
        """Bigram IDF over every clause in the store (cached per store revision)."""
        from assistant.generate.drafting import idf_from

        rev = self.retriever.index().revision
        if getattr(self, "_idf_rev", None) != rev:
            self._idf = idf_from(self.retriever.all_records())
            self._idf_rev = rev
        return self._idf

    def _refusal(self, question, resolved, clauses, nearest, notes) -> AnswerResult:
        return AnswerResult(question=question, resolved_question=resolved, refused=True, statements=[],
                            clauses=clauses, generator=self.generator_name, raw="", notes=notes, nearest=nearest)

    def judge(self, docs_index, deadline: Deadline | None = None):
        """The support judge of the checker: the LLM judge when chosen and a model is configured."""
        if self.settings.answer_judge == "llm" and self.chat is not None:
            return chk.LLMJudge(self.chat, deadline)
        return chk.OfflineJudge(docs_index, self.settings.answer_support_high, self.settings.answer_support_low)

    @property
    def generator_name(self) -> str:
        return "llm" if self.chat is not None else "offline"

    def _verify(self, text: str, keys: list[str], given: dict[str, dict], docs_index, kind: str = "content",
                deadline: Deadline | None = None) -> dict:
        if kind in ("summary", "note"):
            cited = [given[k] for k in keys if k in given]
            problems = chk.clause_number_problems(text, cited, docs_index) if kind == "summary" else []
            ok = bool(cited) and not problems and len(cited) == len(keys)
            return {"text": text, "citations": [c["clause_id"] for c in cited], "verified": ok,
                    "checks": {"kind": kind, "verdict": "supported" if ok else "unsupported",
                               "reason": problems[0] if problems else "labels of the cited clauses",
                               "unknown_keys": [k for k in keys if k not in given]}}
        res = chk.check_statement(text, keys, given, docs=docs_index, judge=self.judge(docs_index, deadline))
        return {"text": text, "citations": res.checks.get("citations", []), "verified": res.verified,
                "checks": res.to_json()}

    def _offline_answer(self, question, resolved, records, notes, docs_index, doc_names, referenced=(),
                        defined=()) -> AnswerResult:
        documents = {d["doc_id"]: d for d in self.documents}
        given = {r["clause_id"]: r for r in records}
        if referenced:  # the question names the parts: they are the answer, whole and verbatim
            draft = referenced_statements([given[c] for c in referenced if c in given], question=resolved,
                                          limit=self.settings.answer_max_reference_parts)
            # …the penalty for breaching them asked (违反…第十四条规定的，怎么处罚？): first the sentences of the 罚则 that punish
            # it by its number (未履行本办法第十四条规定的义务的，…责令改正) — a trial got the duty back alone
            # (not one of the parts quoted already: a 罚则 chapter asked whole holds its own cross-references — a last check
            # showed 第二十五条 twice, first as the penalty of 第二十四条)
            draft.statements[:0] = [st for st in self._penalties_of([given[c] for c in referenced if c in given], resolved, given)
                                    if not set(st.clause_ids) <= set(referenced)]
        elif defined:  # 什么是X: the clauses defining X (an enumeration of definitions: its lead-in and X's item)
            draft = referenced_statements(self._with_antecedents([given[c] for c in defined if c in given][:3], given),
                                          question=resolved, limit=6)
            # …and the question's other asking sentences answered too (什么是传销？参加传销怎么罚？ — a trial got the
            # definition alone)
            from assistant.text.definitions import asks_definition
            from assistant.text.sentences import asking_sentences

            rest = [p for p in asking_sentences(normalize(resolved)) if not asks_definition(p)]
            # (not where the definitions already say its words: “举报”指的是什么？跟“投诉”怎么区分？ — both defined)
            from assistant.generate.decide import topic_words
            from assistant.index.lexical import QUERY_STOPWORDS

            said = " ".join(given[c]["text_normalized"] for c in defined if c in given)
            if (rest and len(asking_sentences(normalize(resolved))) >= 2
                    and not all(w in said for w in topic_words("".join(rest), doc_names, (*QUERY_STOPWORDS, *_COMPARING)))
                    # (the other sentence judged as a question of its own: 传销在美国合法吗 has no clause on 美国 — review)
                    and self.evidence_decision("".join(rest), [r for r in records if r["clause_id"] not in defined],
                                               doc_names, False)[0]):
                more = draft_answer(strip_instructions("".join(rest)), [r for r in records if r["clause_id"] not in defined],
                                    documents, strip=doc_names, max_sentences=max(2, self.settings.answer_max_statements // 2),
                                    min_share=self.settings.answer_relevance_share, parallel_share=self.settings.answer_parallel_share,
                                    parallel_limit=self.settings.answer_parallel_max, fetch=lambda rec: self._antecedent(rec, given),
                                    siblings=lambda rec: self._siblings(rec, given),
                                    document=lambda doc_id: self._document(doc_id, given),
                                    penalty_links=self.settings.answer_penalty_links)
                draft.statements += [st for st in more.statements if st.kind == "content"]
        else:
            from assistant.retrieve import thesaurus
            from assistant.text.sentences import asking_sentences

            # the statutory terms the retriever searched beside the question's colloquial words (偷 → 盗窃)
            asking = " ".join(asking_sentences(normalize(resolved))) or normalize(resolved)
            known = self.retriever.index().uses_word
            terms = (thesaurus.question_terms(asking, known=known), self.settings.answer_thesaurus_weight)
            # (what it asks about: not the orders to the assistant it may carry, whose words would choose sentences; a
            # doctrinal term with the wording of the provision ruling on it, as the retriever searched it)
            draft = draft_answer(self._with_doctrine(strip_instructions(resolved)), records, documents, strip=doc_names, max_sentences=self.settings.answer_max_statements,
                                 min_share=self.settings.answer_relevance_share, parallel_share=self.settings.answer_parallel_share,
                                 parallel_limit=self.settings.answer_parallel_max, named_docs=self._named_groups(resolved),
                                 terms=terms, fetch=lambda rec: self._antecedent(rec, given),
                                 siblings=lambda rec: self._siblings(rec, given),
                                 document=lambda doc_id: self._document(doc_id, given),
                                 penalty_links=self.settings.answer_penalty_links, known=known,
                                 other_share=self.settings.answer_other_document_share,
                                 library_df=self.retriever.index().word_df,
                                 restating=self.settings.answer_penalty_restating_share)
        statements = []
        for note, cid in notes:
            rec = given.get(cid) or self.retriever.records([cid])[0]
            given[cid] = rec
            statements.append(structure_note(note, cid))
        for st in draft.statements:
            statements.append(self._verify(st.text, st.clause_ids, given, docs_index, st.kind))
        raw = "\n".join(f"{s['text']}" + "".join(f"[{c}]" for c in s["citations"]) for s in statements)
        used = {c for s in statements for c in s["citations"]}
        from assistant.generate.decide import acts_unsaid, unanswered_parts
        from assistant.index.lexical import QUERY_STOPWORDS

        said = [s["text"] for s in statements if s["checks"].get("kind") not in ("summary", "structure_note")]
        missing = [] if referenced or not self.settings.answer_part_coverage else unanswered_parts(
            resolved, said, self.settings.answer_part_coverage, strip=doc_names, stopwords=QUERY_STOPWORDS)
        # a part asking who does an act that no statement says (…由哪个部门组建？): not found, whatever words it shares
        missing += [p for p in ([] if referenced else acts_unsaid(resolved, [normalize(t) for t in said],
                                                                  self.retriever.index().uses_word)) if p not in missing]
        # a word of legislation the question asks about that the library never uses (定金, 林地): said, the answer not refused —
        # the clauses may be on a neighbouring matter, or use another word for the same (公司 / 用人单位)
        unused = [] if referenced or defined else self._unused_words(resolved, records, doc_names)
        caveat = [f"{UNUSED_WORD_NOTE}{'、'.join(unused)}”一词，所引条款未必针对所问，请核对。"] if unused else []
        return AnswerResult(question=question, resolved_question=resolved, refused=False,
                            statements=self._apply_policy(statements), clauses={c: given[c] for c in given if c in used},
                            generator="offline", raw=raw,
                            notes=caveat + [n for n, _ in notes] + [f"关于“{p}”，未找到直接规定。" for p in missing])

    def _unused_words(self, question: str, records: list[dict], doc_names: list[str]) -> list[str]:
        """The words of legislation ``question`` asks about that the library never uses (:func:`decide.absent_legal_nouns`)."""
        from assistant.generate import decide

        return decide.absent_legal_nouns(question, self.retriever.index().uses_word, [r["text_normalized"] for r in records],
                                         self.settings.answer_legal_noun_statutes, strip=doc_names)

    def _penalties_of(self, records: list[dict], question: str, given: dict[str, dict]) -> list:
        """For a question asking the penalty, statements of the sentences that punish the breach of ``records`` by their
        number (:func:`assistant.generate.drafting.referring_sanctions`), at most LVJU_ANSWER_PENALTY_LINKS; their clauses
        added to ``given``."""
        from types import SimpleNamespace

        from assistant.generate.drafting import asks_sanction, punishing

        most = self.settings.answer_penalty_links
        if most <= 0 or not asks_sanction(question, punishment=True):
            return []
        return [SimpleNamespace(text=unit.display, clause_ids=[other["clause_id"]], kind="content")
                for other, unit in punishing(question, records, lambda d: self._document(d, given), most,
                                             restating=self.settings.answer_penalty_restating_share)]

    def _siblings(self, rec: dict, given: dict[str, dict]) -> list[dict]:
        """The 款 a lead-in 款 announces (:func:`assistant.generate.drafting.announced`), from its document's clauses;
        added to ``given`` so that they can be cited."""
        from assistant.generate.drafting import announced

        after = announced(rec, self.retriever.document_records(rec["doc_id"]))
        for r in after:
            given.setdefault(r["clause_id"], r)
        return after

    def _document(self, doc_id: str, given: dict[str, dict]) -> list[dict]:
        """A document's clauses (a 罚则 may punish a chosen clause by its number), each added to ``given`` so that it can be
        cited."""
        records = self.retriever.document_records(doc_id)
        for r in records:
            given.setdefault(r["clause_id"], r)
        return records

    def _antecedent(self, rec: dict, given: dict[str, dict]) -> dict | None:
        """The 款 ``rec`` leans on (前款…), from its document's clauses; added to ``given`` so that it can be cited."""
        from assistant.generate.drafting import antecedent

        before = antecedent(rec, self.retriever.document_records(rec["doc_id"]))
        if before is not None:
            given.setdefault(before["clause_id"], before)
        return before

    def _with_antecedents(self, records: list[dict], given: dict[str, dict]) -> list[dict]:
        """A defining 款 that leans on the one before it (前款所称X，是指…) is quoted after that 款 (and that one after
        the one it leans on)."""
        from assistant.generate.drafting import announced, antecedent_chain

        out: list[dict] = []
        taken: set[str] = set()  # what is already shown
        for rec in records:
            # …and a defining 款 ending in a colon with the 款 it announces (本条例所称监控化学品，是指下列各类化学品： then
            # 第一类：… as 款 of their own — trial S)
            after = (announced(rec, self.retriever.document_records(rec["doc_id"]))
                     if normalize(rec.get("text") or rec["text_normalized"]).rstrip().endswith((":", "：")) else [])
            for r in after:  # (cited, so checked against: the evidence holds them)
                given.setdefault(r["clause_id"], r)
            out += [r for r in [*antecedent_chain(rec, lambda r: self._antecedent(r, given), taken), rec, *after]
                    if r["clause_id"] not in {x["clause_id"] for x in out}]
            taken.add(rec["clause_id"])
        return out

    def _apply_policy(self, statements: list[dict]) -> list[dict]:
        if self.settings.unverified == "drop":
            return [s for s in statements if s["verified"]]
        return statements

    def _llm_answer(self, question, resolved, records, notes, docs_index, raw: str | None = None, *,
                    deadline: Deadline, failures: list[dict]) -> AnswerResult:
        from assistant.prompts import load_prompt

        keys, block = clause_block(records)
        if raw is None:
            raw = self.chat.complete(load_prompt("answer").render(clauses=block, question=resolved), deadline)
        parsed = parse_statements(raw)
        # a line of the prompt given back (规则（必须全部遵守）：…, its worked example) or a line said again is no
        # statement: a small model echoes its instructions, and their example keys ([C1]) look like real ones
        told = normalize(re.sub(r"\[C\d+\]", "", load_prompt("answer").render(clauses="", question="")))
        kept, seen = [], set()
        for st in parsed:
            t = normalize(st.text).strip(" 。.;；:：")
            if (len(t) >= 6 and t in told) or t in seen:
                continue
            seen.add(t)
            kept.append(st)
        if parsed and not kept:
            raise _unusable("大模型的回答只是复述了提示词或同一句话", raw)
        if len(kept) < len(parsed):
            failures.append({"stage": "answer", "error": f"{len(parsed) - len(kept)} line(s) of the reply repeated the prompt "
                                                       "or another line; left out"})
        parsed = kept
        if parsed and REFUSAL not in raw and not any(k in keys for s in parsed for k in s.keys):
            raise _unusable("大模型输出不含任何有效的条款键", raw)
        if not parsed:
            raise ModelOutputError("大模型没有输出内容")
        if REFUSAL in parsed[0].text and not any(k in keys for st in parsed for k in st.keys):
            # the model's refusal (with its explanation of what is missing, kept as a note) passes through
            return AnswerResult(question=question, resolved_question=resolved, refused=True, statements=[],
                                clauses={r["clause_id"]: r for r in records}, generator="llm", raw=raw,
                                nearest=[r["clause_id"] for r in records[:3]], model_failures=failures,
                                notes=[n for n, _ in notes] + [st.text for st in parsed[1:]][:3],
                                refusal_reason="the model found no basis in the clauses")
        checked = [self._verify(s.text, s.keys, keys, docs_index, deadline=deadline) for s in parsed]
        failing = [(i, s) for i, s in enumerate(parsed) if not checked[i]["verified"]]
        repaired_raw = ""
        if failing:
            failure_list = "\n".join(f"- {s.text}{''.join(f'[{k}]' for k in s.keys)}（原因：{checked[i]['checks'].get('reason')}）"
                                     for i, s in failing)
            try:
                repaired_raw = self.chat.complete(load_prompt("repair").render(
                    clauses=block, question=resolved, failures=failure_list), deadline)
                fixed = [self._verify(s.text, s.keys, keys, docs_index, deadline=deadline) for s in parse_statements(repaired_raw)]
            except ModelError as exc:  # the unrepaired statements stay flagged
                log.warning("repair round failed: %s", exc)
                failures.append({"stage": "repair", "error": str(exc)})
                fixed = []
            good_fixes = [f for f in fixed if f["verified"]]
            merged = []
            for st in checked:
                if st["verified"]:
                    merged.append(st)
                elif good_fixes:
                    merged.append({**good_fixes.pop(0), "repaired": True})
                else:
                    merged.append(st)
            checked = merged
        verified = sum(1 for st in checked if st["verified"])
        if checked and verified < self.settings.llm_min_verified_share * len(checked):
            # most of what the model wrote is not in its clauses even after the repair round: the offline answer serves
            # the reader better than a page of flagged sentences
            raise _unusable(f"大模型的回答中只有 {verified} / {len(checked)} 句通过引用核对", raw)
        statements = [structure_note(n, cid) for n, cid in notes] + checked
        used = {c for s in statements for c in s["citations"]}
        all_records = {r["clause_id"]: r for r in records}
        for _n, cid in notes:
            all_records.setdefault(cid, self.retriever.records([cid])[0])
        return AnswerResult(question=question, resolved_question=resolved, refused=False,
                            statements=self._apply_policy(statements),
                            clauses={c: all_records[c] for c in all_records if c in used}, generator="llm",
                            raw=raw + ("\n\n[repair]\n" + repaired_raw if repaired_raw else ""), notes=[n for n, _ in notes],
                            model_failures=failures)


def _unusable(reason: str, raw: str) -> ModelOutputError:
    """The model's reply cannot be used: the error carries the reply, kept in the fallback result's ``raw``."""
    exc = ModelOutputError(reason)
    exc.raw = raw  # type: ignore[attr-defined]
    return exc


def clause_block(records: list[dict]) -> tuple[dict[str, dict], str]:
    """The clauses as the prompts give them to a model: opaque keys ``[C1]`` … with label and text."""
    keys = {f"C{i}": r for i, r in enumerate(records, 1)}
    return keys, "\n".join(f"[{k}] {neutralize_keys(r['label'])}：{neutralize_keys(r['text_normalized'])}" for k, r in keys.items())


def _without_parts(question: str, refs: list) -> str:
    """The (normalised) question with the parts it refers to (第四十条, 第二章) blanked out."""
    rest = normalize(question)
    for r in sorted(refs, key=lambda r: -r.span[0]):
        rest = rest[:r.span[0]] + " " + rest[r.span[1]:]
    return rest


def missing_article_note(name: str, asked: str, number: int, articles: list[int]) -> tuple[str, int]:
    """What to say of an article ``number`` a document's parsed ``articles`` (sorted, non-empty) lack, and the article whose
    clause the note cites (pure). Past the last: it does not exist (共七十四条，不存在第九十条). Inside the numbering
    (53 then 55): the text holds no such article as parsed — a line the source mistyped (笫五十四条) or left out —, never
    said not to exist. Before the first (a 编 of a code stored alone: 第二百零五条 on): the library holds that document
    from its first article on."""
    from assistant.text.numerals import int_to_cn

    if number > articles[-1]:
        return f"{name}共{int_to_cn(articles[-1])}条，不存在{asked}。", articles[-1]
    if number < articles[0]:
        return (f"库中的{name}从第{int_to_cn(articles[0])}条开始，没有{asked}（可能只收入了其中一部分），请核对或导入完整文本。",
                articles[0])
    before = max(a for a in articles if a < number)
    after = min(a for a in articles if a > number)
    return (f"库中的{name}没有识别出{asked}（条文编号从第{int_to_cn(before)}条直接到第{int_to_cn(after)}条），"
            f"可能是原文缺漏或编号有误，请核对原文。", before)


def _missing_article_note(name: str, asked: str, number: int, articles: list[int], records: list[dict]) -> tuple[str, str]:
    """:func:`missing_article_note` with the clause it cites: the last clause of the article it names."""
    note, article = missing_article_note(name, asked, number, articles)
    return note, [r for r in records if r["position"].get("article") == article][-1]["clause_id"]


def _asks_only_parts(question: str, docs_index) -> bool:
    """Does the question ask only for the parts it names (…第四十条是怎么规定的？): nothing left but names and asking words."""
    refs = parse_references(question)
    return bool(refs) and len(content_bigrams(_BARE_ASK.sub(" ", docs_index.strip_names(_without_parts(question, refs))))) < 3


def _titles(records: list[dict], top: int = 5) -> list[str]:
    """The normalised titles of the documents of the ``top`` records, each once, in order."""
    return list(dict.fromkeys(normalize(r.get("doc_title") or "") for r in records[:top]))


def structure_note(text: str, clause_id: str) -> dict:
    """A statement derived from the document's parsed structure (e.g. how many articles it has)."""
    return {"text": text, "citations": [clause_id], "verified": True,
            "checks": {"kind": "structure_note", "verdict": "supported",
                       "reason": "derived from the document's structure in the store"}}


_ARTICLE_HEAD = re.compile(rf"^[第笫][{CN_NUMERAL_CHARS}]+条(?:之[{CN_NUMERAL_CHARS}]+)?\s*")


def named_item(rec: dict, question: str) -> tuple[str, str] | None:
    """The 项 of ``rec`` the question names (刑事诉讼法第八十一条第一款第（二）项): (its label, the
    clause's lead-in followed by that item's text), or None when the question names no item of it."""
    from assistant.retrieve.references import ArticleRef, PartRef

    pos = rec.get("position") or {}
    for ref in parse_references(question):
        if isinstance(ref, PartRef):  # 第十部分第（三）项 listed under a paragraph of the part
            if ref.kind != "项" or ref.item is None or pos.get("section") != ref.part or pos.get("article") \
                    or pos.get("item") is not None:  # an item unit's own 1. 2. points are not the 项 asked
                continue
            wanted = ref.item
        else:
            if not isinstance(ref, ArticleRef) or not ref.subitem or ref.to_article:
                continue
            if ref.article != pos.get("article") or (ref.suffix or None) != (pos.get("article_suffix") or None):
                continue
            if ref.paragraph and pos.get("paragraph") not in (ref.paragraph, None):
                continue
            wanted = ref.subitem
        subs = rec.get("subitems") or []
        sub = next((x for x in subs if x.get("index") == wanted), None)
        if sub is None or "start" not in rec:
            continue
        text, base = rec["text"], rec["start"]
        lead = text[: subs[0]["start"] - base].strip()
        item = text[sub["start"] - base: sub["end"] - base].strip()
        if not item:
            continue
        return sub.get("label") or rec["label"], f"{lead}{item}"
    return None


def defining_item(rec: dict, question: str) -> tuple[str, str] | None:
    """The one 项 of ``rec`` that defines a term the question names (本法下列用语的含意是：…（二）“当事人”是指…):
    (its label, the clause's lead-in followed by that item), or None."""
    from assistant.text.definitions import defined_terms

    subs = rec.get("subitems") or []
    if not subs or "start" not in rec:
        return None
    text, base, q = rec["text"], rec["start"], normalize(question)
    hits = [sub for sub in subs if any(t in q for t in defined_terms(normalize(text[sub["start"] - base: sub["end"] - base])))]
    if len(hits) != 1:
        return None
    sub = hits[0]
    lead = text[: subs[0]["start"] - base].strip()
    return sub.get("label") or rec["label"], f"{lead}{text[sub['start'] - base: sub['end'] - base].strip()}"


def referenced_statements(records: list[dict], limit: int = 12, question: str = ""):
    """The named clauses as statements: the label, then the clause's own text (display form: the
    source's punctuation, Markdown marks removed), each citing its clause; a named 项 is given with its
    clause's lead-in and without the other items."""
    from types import SimpleNamespace

    from assistant.generate.drafting import is_caption
    from assistant.text.textnorm import strip_markup

    statements = []
    shown = records[:limit]
    for rec in shown:
        # (an article's caption, where its rule is quoted too: the label says the article — trial Q)
        if is_caption(rec) and any(o is not rec and o["doc_id"] == rec["doc_id"] and (o.get("position") or {}).get("article")
                                   == (rec.get("position") or {}).get("article") for o in shown):
            continue
        item = (named_item(rec, question) or defining_item(rec, question)) if question else None
        label, raw = item if item else (rec["label"], rec["text"])
        body = "".join(strip_markup(x) for x in raw.splitlines() if x.strip())
        body = _ARTICLE_HEAD.sub("", body)
        statements.append(SimpleNamespace(text=f"{label}：{body}", clause_ids=[rec["clause_id"]], kind="content"))
    return SimpleNamespace(statements=statements)
