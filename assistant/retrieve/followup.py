"""Conversation-aware retrieval: turn a follow-up ("那城南的意见呢？") into a standalone question.

With a chat model: the ``condense`` prompt. Without one (or if the model fails): a deterministic
rule that carries the previous question's topic words over, dropping the previous document's
name when the follow-up names another document.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache, lru_cache

from assistant.errors import ModelError
from assistant.index.lexical import QUERY_STOPWORDS, pos_tag, word_tokens
from assistant.text.numerals import cn_to_int, int_to_cn
from assistant.text.textnorm import normalize
from assistant.text.vocab import GENRE_ALTERNATION, GENRE_WORDS, ISSUER_WORDS

log = logging.getLogger(__name__)

_FOLLOWUP_START = re.compile(r"^(那么?|那个|还有|另外|此外|同样|再|其|它|该|这|上述|以上|对应|相应)")
_FOLLOWUP_END = re.compile(r"(呢|吗)[?？]?$")
_EXTRA_STOP = {"要求", "规定", "提出", "有关", "方面", "内容", "怎么", "什么", "哪些", "如何", "是否", "情况", "具体",
               "意思", "含义", "定义",  # (…是什么意思: an asking word, no topic to carry — a trial)
               # (…多久？ / …怎么办？ asked before: carried, they asked the follow-up a value or a remedy it does not ask — a
               # trial's 那没有执照擅自使用的处罚呢 was searched with 多久)
               "多久", "多长", "长时间", "多长时间", "怎么办", "怎么样", "为什么", "怎样", "能否", "可否", "几天", "几日", "多少天"}
# Words of a title that name no particular document: the genre (意见, 实施办法 …), the drafting verbs of
# titles (关于, 加强, 推进 …) and function words. Words shared by several titles of the library (an
# issuer, a place, a programme) are generic too: see :func:`generic_title_words`.
_TITLE_FRAME_WORDS = frozenset({*GENRE_WORDS, *ISSUER_WORDS, "关于", "工作", "实施", "的", "和", "与", "及", "加强", "深入", "推进",
                                "进一步", "健全", "完善", "建立", "做好", "全面", "充分", "履行", "若干", "问题"})


def generic_title_words(documents: list[dict]) -> set[str]:
    """Title words that do not tell one document of the library from another: the genre frame, and
    every word found in the names of two or more documents."""
    names = tuple(tuple([d.get("short_name", "") or "", d.get("title", "") or "", *(d.get("aliases") or [])]) for d in documents)
    return set(_generic_title_words(names))


@lru_cache(maxsize=8)  # one entry per state of the library
def _generic_title_words(names: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    seen: dict[str, int] = {}
    for doc_names in names:
        words = set()
        for name in doc_names:
            words.update(w for w in word_tokens(name) if len(w) >= 1)
        for w in words:
            seen[w] = seen.get(w, 0) + 1
    return frozenset(_TITLE_FRAME_WORDS | {w for w, n in seen.items() if n >= 2})


@cache
def legal_vocabulary() -> frozenset[str]:
    """Legal concepts that make a short question self-contained (the legal-terms dictionary and the
    statutory terms of the thesaurus): 什么是公益诉讼？ asks about 公益诉讼, not about the last answer."""
    from importlib import resources

    from assistant.retrieve.thesaurus import entries

    text = (resources.files("assistant") / "data" / "legal_terms.txt").read_text(encoding="utf-8")
    terms = {normalize(line.split()[0]) for line in text.splitlines() if line.strip() and not line.startswith("#")}
    terms |= {t for _w, targets in entries() for t in targets}
    return frozenset(t for t in terms if len(t) >= 3)


# a part of a document named before it (电商法第16条, 《某某规定》第三条): a question of its own, however short — not
# 本法第十条 / 该条例第三条, the document at hand
_NAMED_PART = re.compile(r"(?:》|法|法典|条例|规定|办法|解释|细则|规则|决定|意见|方案)\s*第[零〇一二两三四五六七八九十百千\d]+条")
# (本 where it opens a phrase — 本规定, 依照本法 — not inside a name: 香港特别行政区基本法)
AT_HAND = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=那)|(?<=请问)|(?<=依照)|(?<=按照)|(?<=根据)|(?<=依据)|(?<=违反))"
                     r"(?:本|该|此|这个|这部|这份)(?:实施|暂行)?(?:法|法典|条例|规定|办法|解释|细则|规则|决定|意见|方案|文件)")


# the sanction for not doing what was just asked about, its act a bare verb with no object (逾期不办理的怎么处罚？, 没按时交的话
# 罚多少？, 拒不改正的会怎么处理？ after …第十五条是怎么规定的？): it names nothing of its own — unlike 不交社保的怎么罚？, whose act
# has its object (a verb of two characters at most, after the adverbs of time and manner); after 逾期 / 拒不 the 的 may go
# (逾期不改正罚多少？ — a review's example); not 未成年 / 未婚 (a person's state, no breach)
_BREACH_VERB = r"(?:按时|按期|及时|依法|如期|按规定|按照规定|去)?[\u4e00-\u9fff]{1,2}"
_SANCTION_ASKED = (r"[，,]?\s*(?:会|要|将)?被?(?:(?:怎么|如何|怎样)?(?:处罚|罚款?|处理|罚多少钱?|承担什么(?:法律)?责任|"
                   r"有什么(?:法律)?后果|什么后果)|怎么样|怎样)(?:呢|吗|啊)?[?？。!！]?$")
_IF = r"^(?:那么?|那|如果|要是|若是?)?\s*"
ELLIPTICAL_SANCTION = re.compile(
    rf"{_IF}(?:(?:逾期|到期|期满|超期|届时)(?:仍然?|还|又)?(?:拒不|拒绝|不|未|没有?)|(?:仍然?|还|又)?拒不){_BREACH_VERB}"
    rf"(?:的话|的)?{_SANCTION_ASKED}"
    rf"|{_IF}(?:仍然?|还|又)?(?:拒绝|不|未(?!成年|婚)|没有?){_BREACH_VERB}(?:的话|的){_SANCTION_ASKED}")


def looks_like_followup(question: str) -> bool:
    q = normalize(question).strip()
    content = re.sub(r"[\s,.;:!?，。；：！？、“”\"'()（）]", "", q)
    if _NAMED_PART.search(AT_HAND.sub(" ", q)):
        return False  # (那电商法第16条呢？ too: the part of a named document)
    if _FOLLOWUP_START.match(q) or AT_HAND.search(q) or ELLIPTICAL_SANCTION.match(q):
        return True  # (本规定第三条…: the document at hand is the one asked about before)
    if len(content) <= 10 and _FOLLOWUP_END.search(q) and q.rstrip("?？").endswith("呢"):
        return True  # 变速器坏了呢？ — however legal its words: what about it, in the matter asked before
    if any(term in q for term in legal_vocabulary()):
        return False  # it names a legal concept of its own: standalone, however short
    return len(content) <= 8 or (len(content) <= 14 and bool(_FOLLOWUP_END.search(q)))


def doc_name_words(documents: list[dict]) -> set[str]:
    """Words that name documents (short names, titles, aliases), minus generic title words."""
    words: set[str] = set()
    for d in documents:
        for name in [d.get("short_name", ""), d.get("title", ""), *(d.get("aliases") or [])]:
            if name:
                words.add(normalize(name))
            words.update(w for w in word_tokens(name) if len(w) >= 3)  # 2-char words are too generic (机关, 工作)
    return words - generic_title_words(documents)


def _mentions(question: str, names: set[str]) -> set[str]:
    q = normalize(question)
    return {n for n in names if n in q}


# what a question tells besides its topic: pronouns and function words (tags), the relative times and quantities of a
# story (上个月, 一个月, 三天), and the adverbs and verbs of telling, wanting and refusing (突然, 愿意, 不肯) — not an adverb or
# a time word a rule turns on (擅自, 多次, 长期, 婚前, 夜间, 节假日), nor a word the dictionary files oddly (三包: m)
_NO_TOPIC_TAGS = frozenset({"r", "rr", "rz", "p", "c", "u", "uj", "ul", "y", "e", "o"})
_NO_TOPIC_WORDS = frozenset({"愿意", "不肯", "不到", "不让", "可以", "能够", "应该", "应当", "需要", "觉得", "知道", "听说", "希望",
                             "想要", "打算", "准备", "开始", "继续", "已经", "突然", "只能", "只好", "不能", "不会", "刚刚", "马上",
                             "一直", "总是", "终于", "居然", "竟然", "其实", "当时", "后来", "现在", "以前", "之前", "最近", "刚才"})
_TOLD_TIME = re.compile(r"[\d零〇一二两三四五六七八九十百千几半]个?(?:月|日|天|年|周|星期|小时|分钟)"
                        r"|^(?:上|下|这|那|本|每)个|^(?:去年|今年|明年|前年|后年|昨天|今天|明天|前天|后天|上周|下周|本周|上午|下午|晚上|早上)$"
                        r"|^一个")


def _topic_word(word: str) -> bool:
    """Can a word of a previous question carry its topic (新车, 刹车, 退车, 三包, 擅自) — not a time or quantity of the
    story (上个月, 一个月), a pronoun (我能, 他们) or an adverb or verb of telling (突然, 愿意, 不肯)."""
    if word in _NO_TOPIC_WORDS or re.match(r"[我你他她它咱]", word) or pos_tag(word) in _NO_TOPIC_TAGS:
        return False
    return not _TOLD_TIME.search(word)


def carry_topic(question: str, previous: str, documents: list[dict]) -> str:
    """The deterministic rule (see module doc)."""
    names = doc_name_words(documents)
    # never a reference to a part of the previous question (第一条): a new question of its own topic would look it up
    # the words that name what the previous question was about (新车, 刹车, 退车), not its time words, numbers, adverbs or
    # verbs of telling (上个月, 一个月, 突然, 愿意): those would search for clauses of their own
    prev_words = [w for w in word_tokens(_PART.sub(" ", normalize(previous)))
                  if len(w) >= 2 and w not in _EXTRA_STOP and w not in QUERY_STOPWORDS and _topic_word(w)]
    if _mentions(question, names):  # the follow-up switches documents: drop the previous one's name
        named_before = _mentions(previous, names)
        generic = generic_title_words(documents)
        prev_words = [w for w in prev_words if w not in generic and not any(w in n for n in named_before)]
    # 那汇票呢？ after 支票的提示付款期限是多久？: 汇票 takes 支票's place — of the previous question's words of its kind, the
    # closest one goes (only for 那X呢, and X a noun: 有什么规定吗 names no kind of 约定 — review finding)
    replaced = set()
    if m := _THAT_ONE.match(normalize(question).strip()):
        for a in (w for w in word_tokens(m.group(1)) if len(w) >= 2 and w not in QUERY_STOPWORDS
                  and (pos_tag(w) or "n").startswith("n")):
            kin = [w for w in prev_words if _siblings(w, a) and w not in replaced]
            if kin:
                replaced.add(max(kin, key=lambda w: (_shared_ends(w, a), -abs(len(w) - len(a)))))
        # …and the whole phrase of the previous question it stands for (发明专利 for 外观设计专利, 刑事自诉状 for 民事起诉状:
        # one head, other modifiers — a trial kept 外观设计 and 民事), whose words are not the follow-up's
        replaced |= {w for w in prev_words if w in (_stood_for(m.group(1), previous) or "") and w not in m.group(1)}
        # …and where none is of its kind, the subject of a value asked before (海上货物运输向承运人索赔的时效是多长 → 那航次
        # 租船合同的呢？: 航次租船合同的时效 — trial L; the words before 的 and the thing whose value was asked)
        if not replaced and _names_a_thing_only(m.group(1)) and (v := _SUBJECT_OF_VALUE.match(normalize(previous).strip())):
            replaced |= {w for w in prev_words if w in v.group(1) and w not in v.group(2) and w not in m.group(1)}
    seen: list[str] = []
    for w in prev_words:
        if w not in seen and w not in normalize(question) and w not in replaced:
            seen.append(w)
    # 那X呢 after a value asked (…的时效是多长？ → 那航次租船合同的呢？): the same value asked of X — the asking words go with
    # the topic (trial L: the follow-up was answered with definitions)
    # (…of a subject's thing only: 那罚款呢？ after 拘留最长几天？ asks no time of a fine — review finding)
    if ((x := _THAT_ONE.match(normalize(question).strip())) and _names_a_thing_only(x.group(1))
            and _SUBJECT_OF_VALUE.match(normalize(previous).strip()) and (asked := _ASKED_VALUE.search(normalize(previous)))):
        seen = [w for w in seen if w not in asked.group(0)] + [asked.group(0)]
    return f"{question.strip()} {' '.join(seen)}".strip() if seen else question.strip()


def _names_a_thing_only(phrase: str) -> bool:
    """Is a follow-up's 那X呢 phrase a thing alone (航次租船合同的, 汇票) — not one telling an act or what it asks of it
    (没有执照擅自使用的处罚: another question, whose asking words are its own)?"""
    from assistant.index.lexical import dictionary_words

    words = [w for w in dictionary_words(re.sub(r"的$", "", normalize(phrase))) if w.strip()]
    # (no verb, adverb, preposition or conjunction: the dictionary files 合同 as an adjective)
    return bool(words) and all(len(w) >= 2 and not (pos_tag(w) or "n").startswith(("v", "d", "p", "c")) for w in words)


# a value asked of a thing of a subject (…索赔的时效是多长？): the subject, then the thing
_SUBJECT_OF_VALUE = re.compile(r"^([^，,。？?]{2,40})的([\u4e00-\u9fff]{2,8}?)(?:是|为|有|一般|大概)*(?:最多|最少|最长|最短|最高|最低)?"
                               r"(?:是|为|有|要|能|可以)?(?:多长时间|多长|多久|多少|几)")
# the words asking a value, at the end of a question (是多长, 多少天内, 最多能罚多少)
_ASKED_VALUE = re.compile(r"(?:最多|最少|最长|最短|最高|最低)?(?:是|为|有|要|能|可以)?(?:多长时间|多长|多久|多少[\u4e00-\u9fff]{0,2}|几[\u4e00-\u9fff]{1,2})"
                          r"(?:内|以内)?(?=[？?。！!]*\s*$)")


_CN = "零〇一二两三四五六七八九十百千"
# a reference to a part: 第十条, 第十条之一, 第二款, 第（三）项 (in either numerals)
_PART = re.compile(rf"第[{_CN}\d]+条(?:之[{_CN}\d]+)?(?:第[{_CN}\d]+款)?(?:第[（(]?[{_CN}\d]+[)）]?项)?"
                   rf"|第[{_CN}\d]+款(?:第[（(]?[{_CN}\d]+[)）]?项)?|第[（(]?[{_CN}\d]+[)）]?项")
# what a bare reference to a part says besides it (那第二款呢？, 第三项是什么？)
_BARE_PART_WORDS = re.compile(r"那么?|还有|另外|呢|吗|是什么|是怎么规定的?|怎么规定的?|规定了?什么|说了?什么|的?内容|[?？。，,！!\s]")


def bare_part(question: str) -> str | None:
    """The part a question names and nothing else (那第二款呢？ → 第二款; 第十七条呢？ → 第十七条; 本规定第三条是什么？ →
    第三条: the document at hand is the one asked about before), or None."""
    q = AT_HAND.sub("", normalize(question))
    m = _PART.search(q)
    if not m or _BARE_PART_WORDS.sub("", q[:m.start()] + q[m.end():]):
        return None
    return m.group(0)


def complete_reference(question: str, previous: str, previous_docs: list[str] | None = None) -> str | None:
    """A follow-up that only names a part, completed from the previous question's reference (《T》第十条第一款是怎么规定的？
    then 那第二款呢？ → 《T》第十条第二款是怎么规定的？; then 第十二条呢？ → 《T》第十二条是怎么规定的？), or None when
    the previous question names no article. ``previous_docs``: what the previous answer cited, in its order — document
    names, or clause labels (《T》第七条第一款), whose documents count as named and whose first article is the one a bare
    第二款呢？ asks about."""
    part = bare_part(question)
    prev = normalize(previous)
    m = _PART.search(prev)
    at_hand = AT_HAND.search(normalize(question))
    cited = list(previous_docs or [])
    if part is not None and "条" not in part and (not m or "条" not in m.group(0)):
        # 第二款呢？ after a question naming no article: a 款 (项) of the article its answer opened with (the first label
        # ``previous_docs`` gives that names one: 《T》第七条第一款 → 《T》第七条第二款)
        for label in cited:
            a = re.match(rf"《([^《》]+)》((?:第[{_CN}\d]+部分)?第[{_CN}\d]+条(?:之[{_CN}\d]+)?)(第[{_CN}\d]+款)?", label)
            if a:
                kuan = (a.group(3) or "") if "项" in part and "款" not in part else ""
                return f"《{a.group(1)}》{a.group(2)}{kuan}{part.replace('(', '（').replace(')', '）')}是怎么规定的？"
        return None
    previous_docs = [(re.match(r"《([^《》]+)》", x).group(1) if x.startswith("《") and "》" in x else x) for x in cited]
    if part is not None and "条" in part and (not m or "条" not in m.group(0)) and at_hand:
        # 本解释第七条呢？ after a question naming no article: the document of that genre the question before names in
        # 《》, or its answer cited (``previous_docs``) — 本解释 an …解释, 本法 a …法, never a document of another genre
        genre = re.sub(r"^(?:本|该|此|这个|这部|这份)(?:实施|暂行)?", "", at_hand.group(0))
        named = [n for n in [*re.findall(r"《([^《》]+)》", prev), *(previous_docs or [])]
                 if genre == "文件" or re.sub(r"[(（][^()（）]*[)）]$", "", n).endswith(genre)]
        return f"《{named[0]}》{part}是怎么规定的？" if named else None
    if part is not None and "条" in part and (not m or "条" not in m.group(0)):
        # 那第十四条呢？ after a question naming no article (逾期不办理的怎么处罚？): an article of the document the question
        # before names in 《》, or else of the one its answer cited first — the document the talk is about (a bare
        # 第十四条 was searched with the words of the question before, or refused as naming no document)
        named = re.findall(r"《([^《》]+)》", prev) or previous_docs
        return f"《{named[0]}》{part}是怎么规定的？" if named else None
    if part is None or not m or "条" not in m.group(0):
        return None
    head = _head_before(prev, m.start())
    article = re.match(rf"第[{_CN}\d]+条(?:之[{_CN}\d]+)?", m.group(0)).group(0)
    if "条" in part:
        ref = part  # another article of the same document
    elif "款" in part:
        ref = article + part
    else:  # a 项: of the 款 named before, if any
        kuan = re.search(rf"第[{_CN}\d]+款", m.group(0))
        ref = article + (kuan.group(0) if kuan else "") + part
    return f"{head}{ref}是怎么规定的？"


# a follow-up naming only a party or thing, as the article asked before speaks of several (那对拍卖人呢？, 对竞买人呢？)
_NARROWED = re.compile(r"^(?:那么?|那)?(?:对于?|关于)?([\u4e00-\u9fff]{2,8}?)(?:的话|方面|这方面)?(?:呢|怎么规定|又怎么规定|怎么说)[？?。]?$")


def narrowed_article(question: str, previous: str, says: Callable[[str, str], bool] | None) -> str | None:
    """A follow-up naming only a party or thing (那对拍卖人呢？) after a question asking one article (拍卖法第六十五条是怎么
    规定的？), whose text speaks of it (``says(reference, word)``): that article, of that party — 拍卖法第六十五条对拍卖人是
    怎么规定的？ — not the document's other clauses sharing the word. None otherwise (the word not in that article: the
    topic is carried as before)."""
    m = _NARROWED.match(normalize(question).strip())
    prev = normalize(previous)
    ref = _PART.search(prev)
    if not m or not ref or "条" not in ref.group(0) or says is None or len(_PART.findall(prev)) != 1:
        return None
    word = m.group(1)
    head = _head_before(prev, ref.start())
    reference = f"{head}{ref.group(0)}"
    if not head or word in prev or not says(reference, word):
        return None
    return f"{reference}对{word}是怎么规定的？"


# the article after or before one (第三十条之后的那一条, 第三十条的下一条, 下一条呢？, 前一条是什么)
_NEXT = r"(?:下一条|后一条|下条|之后的?那?一?条|后面的?那?一?条)(?![款文例件目])"
_PREV = r"(?:上一条|前一条|上条|之前的?那?一?条|前面的?那?一?条)(?![款文例件目])"
_ADJACENT = re.compile(rf"(第[{_CN}\d]+条)的?(?:({_NEXT})|({_PREV}))")
_ADJACENT_ALONE = re.compile(rf"^(?:那么?|那个|再看|再问)?\s*(?:({_NEXT})|({_PREV}))")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else cn_to_int(text)


def _head_before(previous: str, at: int) -> str:
    """The name right before a reference at ``at`` in the (normalised) previous question — not a question before it, nor
    the words asking it (请问刑法第二十条… → 刑法)."""
    head = re.split(r"[？?。！!；;，,]", previous[:at])[-1]
    return re.sub(r"^.*?(?:请问|我想问一下|我想问|问一下|查一下)", "", head)


def adjacent_article(question: str, previous: str = "", previous_docs: list[str] | None = None) -> str | None:
    """A question asking the article after or before one, rewritten to name it (拍卖法第三十条之后的那一条是什么？ →
    拍卖法第三十一条是什么？; 第三十条的上一条 → 第二十九条); a follow-up asking it alone (下一条呢？) takes the article from
    the ``previous`` question (《T》第十条是怎么规定的？ → 《T》第十一条是怎么规定的？) — the document named right before its
    article, or else the one its answer cited (``previous_docs``: labels 《T》第十条 or names). None when neither applies
    (the article before 第一条 is none; no document is known)."""
    q = normalize(question)
    m = _ADJACENT.search(q)
    if m:
        n = _number(m.group(1)[1:-1]) + (1 if m.group(2) else -1)
        if n < 1:
            return None
        text = question if len(question) == len(q) else q  # (the asker's own punctuation kept where it can be)
        return text[:m.start()] + f"第{int_to_cn(n)}条" + text[m.end():]
    alone = _ADJACENT_ALONE.match(q)
    prev = normalize(previous)
    ref = re.search(rf"第([{_CN}\d]+)条", prev) if alone else None
    if not ref:
        return None
    rest = _BARE_PART_WORDS.sub("", q[alone.end():])
    if rest:  # 下一条规定的处罚重吗: more than the article asked — not read here
        return None
    n = _number(ref.group(1)) + (1 if alone.group(1) else -1)
    if n < 1:
        return None
    head = re.sub(r"^(?:根据|按照|依照|依据|关于|对照)", "", _head_before(prev, ref.start()))
    if not re.search(r"[\u4e00-\u9fff]{2}", head):  # 拍卖法里，第三十条是什么？: the name is before the comma, or in the answer
        named = re.findall(r"《([^《》]+)》", prev) or [re.match(r"《([^《》]+)》", x).group(1) if x.startswith("《") and "》" in x
                                                       else x for x in (previous_docs or [])]
        whole = re.split(r"[？?。！!；;]", prev[:ref.start()])[-1]
        spoken = re.sub(r"^(?:请问|根据|按照|依照|依据|关于|对照)|(?:里|中|里面|当中)?[，,].*$", "", whole)
        if named:
            head = f"《{named[0]}》"
        elif re.search(r"(?:法|法典|条例|规定|办法|解释|细则|规则|决定|意见|方案)$", spoken):
            head = spoken
        else:
            return None
    return f"{head}第{int_to_cn(n)}条是怎么规定的？"


# a follow-up asking another edition of what was just asked, by its year (2001年的版本呢？)
_EDITION_ASK = re.compile(r"^(?:那么?|那个)?\s*(\d{4})\s*年?(?:的|那)?\s*(?:版本?|版|修订版|修正版|那一?版)"
                          r"\s*(?:的)?(?:呢|是怎么规定的|怎么规定)?[?？。]?$")
# a year the previous question gave its document (2019年修订的…), which the one asked replaces
_GIVEN_YEAR = re.compile(r"(?:19|20)\d\d\s*年(?:修订|修正|版|施行|公布)?的?")


def edition_of_previous(question: str, previous: str) -> str | None:
    """A follow-up asking the previous question of another edition (长江河道采砂管理条例第二十条怎么规定的？ then 2001年的版本呢？
    → 2001年长江河道采砂管理条例第二十条怎么规定的？): the previous question with the year put first — a year with a
    document's part picks that edition. None when the follow-up is not such a question."""
    m = _EDITION_ASK.match(normalize(question).strip())
    if not m or not previous.strip():
        return None
    return f"{m.group(1)}年{_GIVEN_YEAR.sub('', normalize(previous).strip())}"


_THAT_ONE = re.compile(r"^(?:那么?|那个|还有|那如果是|如果是|换成)\s*([^，,。？?！!呢]{2,16}?)\s*(?:的话)?呢[?？]?$")


def _shared_ends(word: str, other: str) -> int:
    """How many characters two words share at their end, or (failing that) at their start."""
    k = 0
    while k < min(len(word), len(other)) and word[-1 - k] == other[-1 - k]:
        k += 1
    if k:
        return k
    while k < min(len(word), len(other)) and word[k] == other[k]:
        k += 1
    return k


def _stood_for(thing: str, previous: str) -> str:
    """The noun phrase of ``previous`` that a follow-up's ``thing`` (那发明专利呢) stands for: the run of words naming
    things that ends in a word with the thing's last character (head-final compounds: 外观设计专利, 民事起诉状), when it is
    another phrase than the thing and neither holds the other; "" when there is none."""
    from assistant.index.lexical import dictionary_words, names_a_thing

    thing = re.sub(r"的$", "", normalize(thing))
    if len(thing) < 2 or re.search(r"第[^条款项]{1,8}[条款项]", thing):
        return ""
    words = dictionary_words(_PART.sub(" ", normalize(previous)))

    def nounish(w: str) -> bool:  # (not a law's or a genre's name, 专利法, 规定: the phrase stops there — review finding)
        return (len(w) >= 2 and w not in QUERY_STOPWORDS and names_a_thing(w) and not (pos_tag(w) or "").startswith("v")
                and not re.search(rf"(?:法|{GENRE_ALTERNATION})$", w))
    for i, w in enumerate(words):
        if w[-1] != thing[-1] or not nounish(w):
            continue
        j = i
        while j > 0 and nounish(words[j - 1]):
            j -= 1
        phrase = "".join(words[j:i + 1])
        if phrase != thing and phrase not in thing and thing not in phrase:
            return phrase
    return ""


def _siblings(word: str, other: str) -> bool:
    """Two different words of one kind, which a follow-up puts one for the other (支票 / 汇票: one head, 票; 行政复议 /
    行政诉讼: one modifier): Chinese compounds are head-final."""
    return (word != other and len(word) >= 2 and len(other) >= 2 and word not in other and other not in word
            and (word[-1] == other[-1] or (min(len(word), len(other)) >= 4 and word[:2] == other[:2])))


def _keeps_the_topic(rewrite: str, question: str, previous: str) -> bool:
    """A usable rewrite of a follow-up keeps a word of the previous question's topic (the model's 检察院决定的，检察院决定，
    检察院决定。 for 那检察院决定的呢？ after 取保候审最长多久？ kept none) and says no phrase twice."""
    def words(text: str) -> set[str]:
        return {w for w in word_tokens(text) if len(w) >= 2 and w not in _EXTRA_STOP and w not in QUERY_STOPWORDS}

    topic = words(previous) - words(question)  # what the follow-up leaves implicit
    phrases = [p for p in re.split(r"[，,。；;？?！!、\s]+", normalize(rewrite)) if p]
    repeats = len(phrases) != len(set(phrases))
    return (not topic or bool(topic & words(rewrite))) and not repeats


def _by_reference(question: str, history: list[str], history_docs: list[list[str]], depth: int = 4) -> str:
    """``question`` as the reference rules read it after ``history`` (an article after or before one, a part of the one
    asked before, another edition) — each question before read so too, up to ``depth`` back; the question itself where
    none applies."""
    previous = _by_reference(history[-1], history[:-1], history_docs[:-1], depth - 1) if history and depth > 0 else (
        history[-1] if history else "")
    previous_docs = history_docs[-1] if history else []
    nav = adjacent_article(question, previous, previous_docs)
    if nav:
        return nav
    if history and looks_like_followup(question):
        return (complete_reference(question, previous, previous_docs) or edition_of_previous(question, previous)
                or question)
    return question


def resolve_question(question: str, history: list[str], documents: list[dict], chat=None, *,
                     deadline=None, failures: list[dict] | None = None,
                     history_docs: list[list[str]] | None = None,
                     says: Callable[[str, str], bool] | None = None) -> str:
    """Standalone form of ``question`` given earlier user questions (most recent last).

    ``chat``: a chat model (``complete(prompt, deadline) -> text``) for the condense prompt; if it
    fails, the deterministic rule is used and the failure is appended to ``failures``. ``says(reference, word)``: does the
    article a reference names (拍卖法第六十五条) say the word (:func:`narrowed_article`)."""
    docs = history_docs if history_docs and len(history_docs) == len(history) else [[] for _ in history]
    # what the answer before cited — or, where it cited nothing (a refusal: 逾期不办理的怎么处罚？ found no 罚则), what the
    # latest answer before it that cited anything did: the document the talk is about (那第十四条呢？ next)
    previous_docs = next((d for d in reversed(docs) if d), []) if history else []
    # the question before as it was understood (袭警解释第一条 → 那第二款呢？ → 下一条呢？: the 第二款 of 第一条 before it)
    previous = _by_reference(history[-1], history[:-1], docs[:-1]) if history else ""
    nav = adjacent_article(question, previous, previous_docs)
    if nav:
        return nav
    if not history or not looks_like_followup(question):
        return question
    completed = (complete_reference(question, previous, previous_docs) or edition_of_previous(question, previous)
                 or narrowed_article(question, previous, says))
    if completed:  # a part of the article asked before: the reference completed, not a bag of the previous words
        return completed
    if chat is not None:
        from assistant.prompts import load_prompt

        prompt = load_prompt("condense")
        text = prompt.render(history="\n".join(f"用户：{h}" for h in history[-3:]), question=question)
        try:
            reply = chat.complete(text, deadline)
        except ModelError as exc:  # the rule below is the fallback
            log.warning("condense prompt failed, using the rule instead: %s", exc)
            if failures is not None:
                failures.append({"stage": "condense", "error": str(exc)})
        else:
            lines = reply.strip().splitlines()
            out = re.sub(r"^(?:[-*•]\s*)?(改写[:：])?", "", lines[0].strip()).strip() if lines else ""
            if 2 <= len(out) <= 200 and _keeps_the_topic(out, question, history[-1]):
                return out
            if failures is not None:
                failures.append({"stage": "condense", "error": f"unusable rewrite {reply[:80]!r}"})
    return carry_topic(question, history[-1], documents)


def understood_as(question: str, resolved: str, previous: str = "") -> str:
    """How a follow-up was understood, in words for a reader: a rewritten question as it is, or — when the offline rule
    kept the question and added the previous question's topic words — the question with those words (one of two words
    where one contains the other): 那期限呢？（接续上一问：取保候审、期限）. With the ``previous`` question, words standing
    side by side in it are shown as its phrase (非法吸收公众存款、追诉标准, not 非法、吸收、公众、存款、追诉、标准). Empty when
    nothing changed."""
    q, r = question.strip(), " ".join((resolved or "").split())
    if not r or r == q:
        return ""
    if r.startswith(q):
        words = list(dict.fromkeys(r[len(q):].split()))
        words = [w for w in words if not any(w != o and w in o for o in words)]
        if previous:
            words = _phrases(words, normalize(previous).lower())  # (the words are the index's: lowercase)
        if words:
            return f"{q}（接续上一问：{'、'.join(words)}）"
    return r


def _phrases(words: list[str], previous: str) -> list[str]:
    """``words`` found in ``previous`` joined where they stand side by side there (each at its first place), in the
    order of ``previous``; a word not found in it kept as it is, after them."""
    spans = sorted((at, at + len(w)) for w in words if (at := previous.find(w)) >= 0)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    phrases = [previous[a:b] for a, b in merged]
    return list(dict.fromkeys(phrases + [w for w in words if w not in previous]))
