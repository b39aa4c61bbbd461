"""Does the retrieved evidence answer the question? The offline drafter's decision, as pure functions.

With a model configured the model decides (the ``answer`` prompt) and the checker verifies; these
rules serve the offline drafter (and the fallback when the model fails). Each rule is a property of
the question and the clauses, not of any document:

* **coverage**: the best share of a question segment's content bigrams found in one of the top
  clauses (``min_coverage``, a setting chosen on the tuning halves). A question nobody's clauses
  talk about is refused.
* **value**: a segment asking for a value (多少元 / 几日 / 多长时间 / 期限) needs a clause sentence
  that gives a value of that kind *and* names the segment's most specific term found in the
  evidence (a time limit of something else is not the answer). A segment too short to name its
  topic ("最多几个？") borrows the words of the segment before it.
* **absent concept**: a word of an asking part that the library never uses, whose statutory terms (the
  thesaurus: 年假 → 年休假, 带薪年休假) it never uses either, names a topic the library provably has no
  clause on (检察官一年能休几天年假？): refused, whatever other words of the question the clauses share. A
  colloquial word without a thesaurus entry (控住) proves nothing and is left to the other rules.
* **jurisdiction**: a question whose asking part names a place (那北京市的标准是多少？) needs evidence
  that mentions that place (in a clause, a title or an issuer); national rules do not state a local
  figure. A place in a part that does not ask (我们是武汉市的检察院。…) only says who asks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from assistant.text.features import bigrams
from assistant.text.numerals import CN_NUMERAL_CHARS
from assistant.text.sentences import asking_sentences
from assistant.text.spans import shares_run
from assistant.text.textnorm import normalize
from assistant.text.values import (
    ASKED,
    ASKING_WORDS,
    ASKS_COMMENCEMENT,
    ASKS_VALUE,
    LIMIT_ASKED,
    NAMED_PERIOD_UNIT,
    STATES_CLOCK,
    STATES_COMMENCEMENT,
    TIME_UNITS,
    VALUE,
    WHEN,
)
from assistant.text.vocab import GENRE_ALTERNATION, GENRE_WORDS, MODAL_WORDS

_LATIN = re.compile(r"[a-z]")
_SEGMENT = re.compile(r"[，,。；;：:？?！!\n、]")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(省|市)")
_NOT_PLACE = set("城都超股上入下本该全各门集菜的级辖个开夜黑早我其此外")  # 我市, 全市, 城市 …
_NOT_PLACE_START = set("在对和与及按依照本该全各那这")
_NOT_SUFFIX = set("场区民份级长政内外县委属辖值价略钱去事心力里")  # 市场, 市区, 市民, 省份, 市值, 市价, 省略, 省钱, 省去, 省事, 省心 …
# (…报到省里, 交到市里: the province or city level, no place named — trial Q)
_NOT_BEFORE_SHENG = set("节俭反自内")  # 节省, 俭省, 反省, 自省: no 省 of a province


@dataclass
class Evidence:
    coverage: float = 0.0  # best segment coverage by one of the top clauses
    value_segments: list[str] = field(default_factory=list)  # segments asking for a value
    values_found: list[bool] = field(default_factory=list)  # ... and whether the clauses give it
    places_missing: list[str] = field(default_factory=list)  # places the question names and the evidence does not
    absent_terms: list[str] = field(default_factory=list)  # asked-about words neither the library nor their terms use
    split_ask: str = ""  # a part asked that only documents other than those on the question's facts cover
    acts_missing: list[str] = field(default_factory=list)  # parts asking who does an act no clause says (acts_unsaid)
    asking_parts: int = 0  # the question's asking parts (ASKS)

    def value_ok(self) -> bool:
        return all(self.values_found)

    def values_missing(self) -> list[str]:
        """The value parts the clauses do not give."""
        return [s for s, ok in zip(self.value_segments, self.values_found) if not ok]


def segments(question: str) -> list[str]:
    return [s for s in _SEGMENT.split(normalize(question)) if s.strip()]


def content_grams(text: str, strip: list[str] | None = None, stopwords: tuple[str, ...] = ()) -> set[str]:
    t = normalize(text).lower()
    for s in [*(strip or []), *stopwords]:
        t = t.replace(normalize(s).lower(), " ")
    return {g for g in bigrams(t) if len(g) == 2 and not _LATIN.search(g)}  # English words of a mixed question count neither way


def coverage(question: str, records: list[dict], strip: list[str] | None = None, *, stopwords: tuple[str, ...] = (),
             drop: re.Pattern | None = None, top: int = 5, min_grams: int = 4,
             terms: Callable[[str], list[str]] | None = None) -> float:
    """The best share of one segment's content bigrams contained in one of the ``top`` clauses. With ``terms`` (the
    statutory terms of a segment's colloquial words: 年假 → 年休假), a segment also counts with those terms added, the
    better of the two readings: 公司不让我休年假 is covered by a clause on 年休假."""
    grams = [set(bigrams(r["text_normalized"])) for r in records[:top]]
    best = 0.0
    segs = segments(question)
    # a question too short for any segment to reach min_grams (什么是居住权？, 居住权) is measured whole — not what is
    # left of one naming a part that does not exist (…第三十五条规定了什么？: the rest must have substance of its own)
    whole = [content_grams(s, strip, stopwords) for s in segs]
    if drop is not None:
        whole = [{g for g in qg if not drop.search(g)} for qg in whole]
    short = drop is None and all(len(qg) < min_grams for qg in whole) and bool(topic_words(question, strip, stopwords))
    if short:  # all its segments together, once: 火星移民，公司？ is not covered by a clause that says 公司
        segs, whole = ["，".join(segs)], [set().union(*whole)]
    for seg, qg in zip(segs, whole):
        if not grams:
            continue
        extra = terms(seg) if terms is not None else []
        wide = qg | content_grams(" ".join(extra), strip, stopwords) if extra else qg
        if len(qg) >= min_grams or (short and len(qg) >= 2):
            best = max(best, max(len(qg & g) / len(qg) for g in grams))
        elif len(wide) < min_grams:
            continue  # (低保怎么申请: its one word 低保 is measured with its statutory term 最低生活保障 — below)
        if extra:
            best = max(best, max(len(wide & g) / len(wide) for g in grams))
    return best


def split_documents(question: str, records: list[dict], strip: list[str] | None = None, *,
                    stopwords: tuple[str, ...] = (), share: float = 0.3, top: int = 5, min_grams: int = 4) -> str:
    """The asking part of a question whose facts some documents cover and whose ask only other documents do
    (市场监管部门主持调解后制作的调解书，…不履行，能不能申请法院强制执行？: the 办法 covers the 调解书 of the facts, only a
    劳动争议 interpretation and the 行政诉讼法 cover 申请强制执行 — of their own 调解书): an answer would join rules of
    different documents on different things. '' when none. A part is covered by a document when one of the ``top``
    clauses of that document holds ``share`` of the part's content bigrams; the facts are the telling parts of the
    asking sentence and of the sentences told before it (a second question of the same message has facts of its own)."""
    grams = [(r["doc_id"], set(bigrams(r["text_normalized"]))) for r in records[:top]]
    asking = [normalize(a) for a in asking_sentences(question)]
    told_docs: set[str] = set()
    for sentence in re.split(r"(?<=[。？?！!\n])", normalize(question)):
        asks_here = sentence in asking or any(sentence and sentence in a for a in asking)
        facts: set[str] = set()
        for seg in segments(sentence):
            # (有没有时间限制 asks whether the thing before has a limit: words of no matter of their own to be covered)
            qg = content_grams(re.sub(LIMIT_ASKED, " ", seg), strip, stopwords)
            if len(qg) < min_grams:
                continue
            docs = _covering(qg, grams, share)
            if asks_here and ASKS.search(seg):
                if (told_docs | facts) and docs and not docs & (told_docs | facts):
                    return seg
            else:
                facts |= docs
        if asks_here:
            facts = set()  # the next question's facts are its own
        told_docs |= facts
    return ""


# a year or month named relative to another (上一年度月平均工资, 下一个月): no quantity — but not a duration with 提前 /
# 期满前 / 届满前 (提前一个月) nor a bound (六个月以上一年以下); and an ordinal (第二个月, 第十八条) counts nothing either
# (an ordinal is no value, but the terms it makes are words of the act: 第一审判决, 第三人, 第一顺序 — a CLI check's 作出第一审判决
# lost its 一审 and with it the act asked)
_RELATIVE = re.compile(rf"(?<![以提满届之期])[上下前次本当]一?(?:个)?(?:年度|年|季度|月份|月)|第[{CN_NUMERAL_CHARS}\d]+(?![审人]|顺序)")
# a calendar date in Chinese numerals (一九九五年一月一日, 三月一日)
_CN_DATE = re.compile(r"[〇零一二三四五六七八九]{4}年(?:[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)?"
                      r"|(?<![个第])[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]")


def _strip_dates(sentence: str) -> str:
    from assistant.retrieve.intent import strip_dates

    return _CN_DATE.sub(" ", strip_dates(sentence))


# which bound a question asks (最高不能超过多少: a ceiling; 最少要几个: a floor) — its conditions (职工一百人以上的单位) are
# no bound — and which a sentence states next to a value (不得低于5%, 五万元以下, 十五日内); not 最高人民法院
_NOT_BOUND = re.compile(r"最高(?:人民|法院|检察|院|法|检)|最低生活|最低工资")
_ASKED_UPPER = re.compile(r"最高|最多|最长|最迟|最晚|上限|封顶|(?:不得|不能|不|没有?)(?:超过|高于|多于|长于)")
_ASKED_LOWER = re.compile(r"最低|最少|最短|下限|至少|(?:不得|不能|不|没有?)(?:低于|少于|短于)")
_VALUE_UPPER = re.compile(r"最高|最多|最长|(?:不得|不能|不|没有?)(?:超过|高于|多于|长于)")
_VALUE_LOWER = re.compile(r"最低|最少|至少|(?:不得|不能|不|没有?)(?:低于|少于|短于)")


def _asked_bound(part: str) -> set[str]:
    t = _NOT_BOUND.sub(" ", part)
    return ({"upper"} if _ASKED_UPPER.search(t) else set()) | ({"lower"} if _ASKED_LOWER.search(t) else set())


def _stated_bound(sentence: str) -> set[str]:
    """The bounds the sentence's values carry: 不得超过X / X以下 / X以内 / X内 (a ceiling), 不得低于X / X以上 (a floor)."""
    t = _NOT_BOUND.sub(" ", sentence)
    out: set[str] = set()
    for m in VALUE.finditer(t):
        # the bound word may govern a whole phrase (不得低于职工上一年度月平均工资的5%): anywhere before the value in its clause
        before, after = re.split(r"[，,。；;：:]", t[:m.start()])[-1], t[m.end():m.end() + 3]
        if _VALUE_UPPER.search(before) or re.match(r"以下|以内|之内|内", after):
            out.add("upper")
        if _VALUE_LOWER.search(before) or re.match(r"以上", after):
            out.add("lower")
    return out


# a limit's extension (经批准，可以延长30个工作日; 延长期限不得超过…): the time added to a limit, not the limit asked
_EXTENDS = re.compile(r"延长|延期|顺延|展期")
_EXTENSION = re.compile(rf"(?:延长|延期|顺延|展期)[^，,。；;]{{0,8}}?(?:\d+|[{CN_NUMERAL_CHARS}]+)(?:个)?(?:工作日|日|天|个月|月|年|小时)")


def extension_asked(question_part: str, sentence: str) -> bool:
    """The part asks how long a time may be extended (审查期限能延长多久) and the sentence states an extension (可以延长15个
    工作日) — the answer, before the time limit it extends."""
    return bool(_EXTENDS.search(question_part) and _EXTENSION.search(normalize(sentence)))

# the months a pay is averaged over, the base of an amount (解除或者终止前十二个月平均工资的30%, 前12个月的月平均工资)
# a term of detention or imprisonment a sanction imposes (处五日以上十日以下拘留, 处三年以下有期徒刑): a punishment, no time
# limit of the act the question asks about (报告期限最长是多久) unless a punishment is asked
_DETENTION_TERM = re.compile(rf"(?:[\d{CN_NUMERAL_CHARS}]+个?(?:日|天|月|年)(?:以上|以下)?){{1,2}}的?(?:行政)?(?:拘留|有期徒刑|拘役|管制)")
_ASKS_PUNISHMENT = re.compile(r"拘|徒刑|刑期|判|罚|关押|关几|关多|被关|进去|蹲|牢|处分|处理结果|后果|责任")
# an amount asked as what counts (本金按多少算, 赔偿金额以多少为准): the rule saying what amount is taken for it answers,
# with or without a figure (将实际出借的金额认定为本金, 按照…计算, 以…为准)
_ASKS_BASIS = re.compile(r"按(?:照)?多少(?:钱)?(?:来)?(?:算|计算|认定|确定)|认定为?多少|以多少为准")
_STATES_BASIS = re.compile(r"认定为|(?:按|按照|依照|参照)[^，,。；;]{1,30}(?:计算|确定|认定)|以[^，,。；;]{1,30}为准")
_AVERAGED_OVER = re.compile(rf"前(?:\d+|[{CN_NUMERAL_CHARS}]+)个?月(?:的)?(?:月)?平均(?:工资|收入|缴费工资)")

# units that name one quantity (5千克 answers 几公斤)
_SAME_UNIT = {"钱": "元", "块钱": "元", "千克": "公斤", "千米": "公里", "周岁": "岁"}


# where a period starts, asked (考验期从哪天开始算, 时效从什么时候起算): told by the event it runs from (自…之日起, 从…起计算,
# …时开始), never by its length (考验期限不得少于一年) or a deadline of something else
_ASKS_START = re.compile(r"从(?:哪一?天|什么时候|何时|哪个时间)(?:开始|起)?(?:算|计算|起算|计|算起)(?![\u4e00-\u9fff])"
                         r"|(?:哪一?天|什么时候|何时)(?:开始)?(?:起算|算起|开始计算|开始算)")
_STATES_START = re.compile(r"之日|之时起|次日起|起计算|起算|(?:时|日|后)开始|[自从][^，,。；;]{1,40}?(?:起(?![诉草])|开始)")


# a prison term asked (最高能判多少年, 刑期多长, 要坐几年牢): stated only with a punishment (处三年以上七年以下有期徒刑) —
# not by a time of anything else (二年内曾受过行政处罚, 持续时间六个月以上)
# (a time, never money: 违约金法院会判多少钱 asks an amount)
_ASKS_PRISON_TERM = re.compile(r"(?<![裁审评批谈])判(?:处|刑|了)?(?:几年|多少年|多久|多长时间|多重)|刑期|坐(?:多少|几)年?(?:的)?牢"
                               r"|坐牢(?:多少|几|多久|多长)")
_PUNISHMENT = re.compile(r"有期徒刑|无期徒刑|死刑|拘役|管制")


# a proviso standing as a sentence of its own (split at its semicolon): 但是法律规定的…期限少于六十日的除外 — it excepts other
# laws' values and gives none
_PROVISO = re.compile(r"^但(?:是)?[，,]?[^。；;]*?(?:的)?除外[。；;]?$")


def gives_value(question_part: str, sentence: str, known: Callable[[str], bool] | None = None) -> bool:
    """Does the sentence give the kind of value the question part asks for (an amount of money, a
    time limit, a count)? Without a recognisable unit any number counts. A calendar date (2020年8月20日之后) states
    when, not how long: it is no value of any kind. With ``known`` (the library's vocabulary), a time limit asked
    for an action is given only by a limit of that action (:func:`action_matches`)."""
    if _PROVISO.match(sentence.strip()):
        return False  # (…六十日内作出决定；但是法律规定的…期限少于六十日的除外: another law's period, excepted — trial P)
    m = ASKED.search(question_part)
    if (re.search(WHEN, question_part) or re.search("哪一?天", question_part)) and ASKS_COMMENCEMENT.search(question_part):
        # when a document takes effect: its commencement clause (本规定自2022年8月1日起施行), no other date or event
        return bool(STATES_COMMENCEMENT.search(sentence))
    if _ASKS_START.search(question_part):
        return bool(_STATES_START.search(sentence))
    if re.search(WHEN, question_part) or re.search("哪一?天", question_part):
        # when: a date (自2021年1月1日起施行) or the event a time runs from (自收到…之日起) answers it as well
        if _strip_dates(sentence) != sentence or re.search(r"之日起|之日|起算|届满|以前|之前|之后|同时", sentence):
            return True
    if _ASKS_BASIS.search(question_part) and _STATES_BASIS.search(sentence):
        return True
    if _ASKS_PRISON_TERM.search(question_part) and not _PUNISHMENT.search(sentence):
        return False
    if _asks_payment(question_part, m):
        # a fee asked of what the law makes free (劳动争议仲裁不收费) or an amount it leaves to the parties or an organ
        # (负担费用的多少…由双方协议；协议不成的，由人民法院判决): the sentence says what is paid, if no figure
        if (_FREE.search(sentence) and "罚" not in question_part) or (not (m and m.group(3)) and _LEFT_TO.search(sentence)):
            return True  # (a share asked, 百分之几, is a figure the law states or not: 由双方协议 gives none)
    if m and m.group(1) == "号":  # 第几号令: an order's or a document's number, 第146号 (which the ordinals below drop) —
        # not another document's (《…》（公安部令第104号）同时废止, …令第2号修正: a predecessor, a revision)
        return "废止" not in sentence and any(
            not re.search(r"》\s*[(（][^()（）]{0,12}$", sentence[:n.start()]) and not re.match(r"\s*(?:修正|修订|修改)", sentence[n.end():])
            for n in re.finditer(rf"第\s*[\d{CN_NUMERAL_CHARS}]+\s*号", sentence))
    if _ASKS_FREQUENCY.search(question_part) and _STATES_FREQUENCY.search(_strip_dates(sentence)):
        return True  # how often (多久开一次): 每年至少召开1次, 至少每年一次 (trials: a frequency was no answer)
    sentence = _RELATIVE.sub(" ", _strip_dates(sentence))  # 上一年度 names a year, it counts none
    if "平均" not in question_part and not re.search(r"前(?:几|多少)个?月", question_part):
        # the months a pay is averaged over (…前十二个月平均工资的30%): a base, not the value — unless those are asked
        sentence = _AVERAGED_OVER.sub(" ", sentence)
    if not (_ASKS_PUNISHMENT.search(question_part) or _ASKS_PRISON_TERM.search(question_part)):
        sentence = _DETENTION_TERM.sub(" ", sentence)
    if not _EXTENDS.search(question_part):  # an extension (可以延长30个工作日) is no limit of its own, unless asked about
        sentence = _EXTENSION.sub(" ", sentence)
    asked, stated = _asked_bound(question_part), _stated_bound(sentence)
    if asked and stated and not (asked & stated):
        return False  # a ceiling asked (最高不能超过多少) is not given by a floor (不得低于5%), nor the other way round
    units = [m.group(1) or "%" for m in VALUE.finditer(sentence)]  # 百分之十: a share
    if m and m.group(1) in ("万元", "元", "钱", "块钱") and units and _owned_elsewhere(_money_thing(question_part), sentence, units):
        return False  # 注册资本是多少钱: not where every amount the sentence states is a 罚款's (a trial)
    if m and m.group(4):  # 几点: a time of day (营业时间限于8时至24时)
        return bool(STATES_CLOCK.search(sentence))
    if not m and (_PAYS.search(question_part) or _MONEY_ASKED.search(question_part)):
        # 要交多少 / 赔多少 / 罚多少: an amount paid — money, a share or a multiple (不超过请求保全数额的百分之三十), never
        # a time (五日内作出裁定) or a count (a trial)
        # …or months of a pay (每满一年支付一个月工资, 押金不得超过一个月的租金: labour and lease rules state money so)
        # — not where every amount the sentence states is of something else than the fee the part names (物业费…最多能收多少:
        # not a 罚款's 10万元)
        if units and _owned_elsewhere(_fee_asked(question_part), sentence, units):
            return False
        return any(u.endswith("元") or u in ("%", "％", "倍") for u in units) or bool(_MONTHS_OF_PAY.search(sentence))
    if not m and _ASKS_HEADCOUNT.search(question_part):
        # a number of people asked (死亡人数标准是多少): a count of people (3人以上10人以下) or a share of them — not the time
        # a 伤亡人数 may change within (30日内…伤亡人数发生变化的 — trial Q)
        return bool(_STATES_HEADCOUNT.search(sentence))
    if not m and (count := _COUNT_OF.search(question_part)) and not _MEASURE_NOUN.search(count.group(2)):
        # a count of the thing written out: 一式四份 for 几份申请书, 识一千五百个汉字 for 识多少字, 一百五十课时 for 多少课时
        classifier, thing = count.group(1), count.group(2)
        said_in = "位名人个" if classifier == "位" else classifier  # (几位法官: 审判员三人, 一至二名保证人)
        if (classifier and re.search(rf"(?:\d+|[{CN_NUMERAL_CHARS}]+)[{said_in}]", sentence)) or re.search(
                rf"(?:\d+|[{CN_NUMERAL_CHARS}]+)个?[\u4e00-\u9fff]{{0,2}}?{re.escape(thing)}"
                rf"|{re.escape(thing)}(?:\d+|[{CN_NUMERAL_CHARS}]{{2,}})个?", sentence):  # (汉字1600个左右)
            return True
        if classifier or thing[-1] in _MEASURE_WORDS:  # (几份: counted in 份, never by 一至二人; 多少学时 by 学时, never 95%)
            return False
    if not m:
        # 多少佣金: an amount of 佣金 — not where every value the sentence states is one of something else (拍卖佣金一倍以上
        # 五倍以下的罚款: of 罚款; 不超过成交价百分之五的佣金 is one)
        thing = _ASKED_THING.search(question_part)
        if thing and units and not _MEASURE_NOUN.search(thing.group(1)):
            owners = [o.group(1) for v in VALUE.finditer(sentence) if (o := _VALUE_OF.match(sentence, v.end()))]
            # (多少拍卖佣金: of 佣金; 押金不得超过一个月的租金: the value is said of 押金, its subject)
            # (an owner of the thing's first character names it too: 多少奖金 given by 1000元至1万元的奖励)
            if (len(owners) == len(units) and not any(o in thing.group(1) or _same_reward(o, thing.group(1)) for o in owners)
                    and not re.search(re.escape(thing.group(1)[-2:]) + _BOUND_AFTER, sentence)):
                return False
        return bool(units) or bool(re.search(r"\d", sentence))
    if known is not None and (m.group(2) or m.group(1) in (*TIME_UNITS, "个月", "月")) \
            and not (action_matches(question_part, sentence, known) and start_matches(question_part, sentence)):
        return False
    if m.group(2) or m.group(1) in (*TIME_UNITS, "个月", "月", "年"):
        # how long a paper may be used (审批单能用多久, 许可证管几年): its 有效期 — not the time to issue it (a trial)
        if _ASKS_VALIDITY.search(question_part) and "有效" not in sentence:
            return False
        # a period a statute names (有效期, 保修期, 试用期, 时效 …) is stated with its name: 公示…届满三年 is no 时效
        # (a kind of 时效 by its head: 诉讼时效 asked, …请求权，时效期间为一年 states it — trial L)
        period = _NAMED_PERIOD.search(question_part)
        if period and not any(name in sentence for name in (
                period.group(1), period.group(1)[:2], *(("时效",) if period.group(1) == "诉讼时效" else ()))):
            return False
    if m.group(2):  # 多久 / 多长时间 / 期限 / 最迟: a time limit
        return any(u in TIME_UNITS or u == "个月" or NAMED_PERIOD_UNIT.search(u) for u in units) or bool(
            re.search(r"立即|当日|当天|当场", sentence))
    if m.group(3):  # 百分之几 / 几成: a share (百分之三十, 30%, 三成), not a multiple (四倍) or an amount
        return "%" in units or "％" in units or bool(re.search(rf"[{CN_NUMERAL_CHARS}\d]成(?![年员立为本功])", sentence))
    unit = _SAME_UNIT.get(m.group(1), m.group(1))
    if unit == "个" and (thing := _counted_thing(question_part)):
        # (一 only with 个: 一省范围内, 由一个街道办事处 are no count asked — review finding)
        if re.search(rf"(?:\d+|[二两三四五六七八九十百]+[{CN_NUMERAL_CHARS}]*|一个){re.escape(thing)}"
                     rf"|(?:\d+|[二两三四五六七八九十百]+[{CN_NUMERAL_CHARS}]*)个{re.escape(thing)}", sentence):
            return True  # 几个等级 / 几个省: 三个等级, 辽宁、吉林、黑龙江三省 — a count of the thing asked, written out (a trial)
        if thing not in sentence and not (_COUNTED_PEOPLE.search(thing) and any(u in ("人", "名") for u in units)):
            # …not a count of something else (每4年评审一次, 审判员三名 for 几个部门); people under another name are (审判员三人
            # for 几个法官 — review findings)
            return False
    units = [_SAME_UNIT.get(u, u) for u in units]
    if unit in ("万元", "元") and _ASKS_FINE.search(question_part) and _FINE_OF_AMOUNT.search(sentence):
        return True  # a fine stated as a multiple or a share of another amount (保险费的2倍罚款, 违法所得百分之十的罚款) — a trial
    return any(u == unit or (unit in ("万元", "元") and u.endswith("元")) or (unit in ("人", "名") and u in ("人", "名"))
               or (unit == "个" and u in ("个", "名", "人", "件", "项", "张", "次", "条", "种", "类"))  # (几个: any count)
               or (unit in ("月", "个月") and u in ("月", "个月")) or (unit in ("日", "天", "工作日") and u in ("日", "天", "工作日"))
               for u in units)


@cache
def _fee_asked(part: str) -> str:
    """The fee a part asks the amount of: its last noun ending in 费 / 金 (拖欠物业费，违约金要交多少: 违约金), '' when none
    (read once per part: :func:`gives_value` runs for every sentence of the evidence)."""
    from assistant.index.lexical import dictionary_words, pos_tag

    fee = next((w for w in reversed(dictionary_words(normalize(part))) if len(w) >= 2 and w[-1] in "费金"
                and (pos_tag(w) or "n").startswith("n") and not _MEASURE_NOUN.search(w)), "")
    # …or the amount's noun asked by name (注册资本最低是多少: 注册资本 — trial M: a 罚款's 1000元 answered it)
    named = _MONEY_NOUN.match(m.group(0)) if not fee and (m := _MONEY_ASKED.search(normalize(part))) else None
    return fee or (named.group(0) if named else "")


def _same_reward(owner: str, thing: str) -> bool:
    """Two names of one sum (奖金 / 奖励, 补助费 / 补助金): the same first character, both words of money or reward."""
    return owner[0] == thing[0] and owner[-1] in _REWARD_ENDS and thing[-1] in _REWARD_ENDS


_REWARD_ENDS = "金励酬费款资贴"


def _asks_payment(part: str, m: re.Match | None) -> bool:
    """Whether ``part`` asks how much is paid: money by its unit or noun, by the verb of paying, or a share of one paid
    (按争议金额的百分之几交)."""
    if m and m.group(1) in ("万元", "元", "钱", "块钱"):
        return True
    if m and m.group(3):
        return bool(re.search(r"交|缴|付|收|赔|罚", part))
    return not m and bool(_PAYS.search(part) or _MONEY_ASKED.search(part) or _MONEY_NOUN_ASKED.search(part)
                          # (给多少 / 出多少 of money the part names: 抚养费要给多少 — not 婚假给多少, a time)
                          or (re.search(r"(?:给|出)多少", part) and re.search(r"[费金]|工资|钱", part)))


# an amount asked before its money noun (出多少抚养费, 交多少管理费, 多少违约金)
_MONEY_NOUN_ASKED = re.compile(r"(?:(?:多少|几)[\u4e00-\u9fff]{0,4}?(?:费|金|工资|租金|报酬)|多少[\u4e00-\u9fff]{0,4}?款)"
                               r"(?=[？?。，,；;！!呢啊吗]|$)")  # (第几款: a paragraph, no money)


# nothing is paid: a fee the law waives (不收费, 免收, 不得收取任何费用, 免费提供)
_FREE = re.compile(r"不(?:得)?收(?:取)?(?:任何)?费|免收[^，,。；;]{0,6}费|不收取[^，,。；;]{0,6}费|(?:无偿|免费)(?:提供|办理)")
# (a waiver one may apply for — 确有困难的，可以申请缓交、减交或者免交 — or a free form is no fee of what is asked: review)
# an amount left to the parties or an organ: 负担费用的多少…由双方协议, 具体标准由省级人民政府规定, 数额由人民法院确定 —
# not who decides a case of some amount (数额较大的，由公安机关决定)
_LEFT_TO = re.compile(r"(?:(?:费用|费|金|款|工资|价格?|租|补偿|赔偿|奖励|补助|津贴|报酬)的?(?:具体)?(?:多少|数额|标准|金额|幅度|比例)"
                      r"|费用的多少|(?:数额|金额))"
                      r"[^，,。；;]{0,12}?(?:(?<!的)[，,])?由[^，,。；;]{1,30}?"
                      r"(?:协议|协商|商定|约定|确定|决定|规定|制定|核定|判决)")


# an amount paid asked by its verb (要交多少, 赔多少, 罚多少, 收多少)
_PAYS = re.compile(r"(?:交|缴|缴纳|付|支付|赔|赔偿|罚|罚款|退|收|收取|补偿|花)(?:了|给)?多少(?=[？?。，,；;！!呢啊吗]|$)")


# the amount of a fine asked (罚多少钱, 罚款是多少元) — not a bound of it (罚款多少元以上可以要求听证: review finding)
_ASKS_FINE = re.compile(r"罚(?:款|金)?(?:是|为|要|大概|一般)?(?:多少|几)(?![^，,。？?]{0,3}(?:以上|以下|以内|之内))")
# a fine of a multiple or a share of another amount (…保险费的2倍罚款, 处违法所得一倍以上五倍以下的罚款, 百分之十的罚款)
_FINE_OF_AMOUNT = re.compile(rf"(?:倍|%|％|分之[\d{CN_NUMERAL_CHARS}]+)(?:以上|以下)?的?(?:罚款|罚金)")
# an amount stated in months of a pay (一个月工资, 三个月的租金, 6个月的本人工资)
_MONTHS_OF_PAY = re.compile(rf"(?:[\d{CN_NUMERAL_CHARS}]+|半)个?月的?(?:本人)?(?:月?工资|租金|薪酬|收入|平均工资|工资收入)"
                            r"(?!证明|凭证|材料|清单|流水|记录|情况)")  # (近六个月的收入证明: a paper — review finding)
# an amount of money asked by its noun (通行费收费标准是多少, 工资一般多少, 罚款数额是多少): a length or a count is no answer (a
# trial: 高速公路通行费收费标准是多少 answered with …不少于30米)
_MONEY_NOUNS = "注册资本|赔偿金|补偿金|保证金|抚恤金|费用|收费|价格|价款|金额|工资|罚款|罚金|租金|押金|奖金|津贴|补贴"
_MONEY_NOUN = re.compile(_MONEY_NOUNS)
_MONEY_ASKED = re.compile(rf"(?:{_MONEY_NOUNS}|费)"
                          r"(?:标准|数额)?(?:是|为|有|要|需要|得|大概|一般|大约|最低|最高|最少|最多|至少)*(?:多少|几)"
                          r"(?=[？?。，,；;！!呢啊吗]|$)")  # (注册资本要多少, 最低是多少 — trial L)


# a thing whose amount is asked (多少佣金, 几份材料 are units: ASKED) and the thing a stated value is of (…以下的罚款)
_ASKED_THING = re.compile(r"(?:多少|几)(?:个)?([\u4e00-\u9fff]{2,4}?)(?:[？?。，,；;！!吗呢]|$)")
# a count asked of a thing (几份申请书, 识多少字, 多少课时): its classifier (group 1) and the thing (group 2)
_COUNT_OF = re.compile(r"(?:多少|几)(份|位|本|套|页|册|所|门|张|件|名)?([\u4e00-\u9fff]{1,4}?)"
                       r"(?=才|就|算|能|可以|要|应当|以上|以下|[？?。，,；;！!吗呢]|$)")
# measure words (量词) a count is written with, numeral first (一百五十课时, 二千个汉字, 三台): a thing ending in one is counted in it
_MEASURE_WORDS = set("时字页户株头只台辆座间节场批册趟遍轮架艘栋层句段篇首")  # (not 票: 三分之二以上的多数通过 counts votes)
# (多少时间, 多少钱: a measure, of whatever the question asks; as before)
_MEASURE_NOUN = re.compile(r"时间|时长|期限|天数|金额|数额|数量|比例|人数|次数|费用|钱")
_ASKS_HEADCOUNT = re.compile(r"人数[^，,。；;？?]{0,6}?(?:多少|几)")
_STATES_HEADCOUNT = re.compile(rf"(?:\d+|[{CN_NUMERAL_CHARS}]+)(?:个)?(?:人|名|位)(?!民)|分之|%|％")
_BOUND_AFTER = r"[^，,。；;]{0,4}?(?:为|不得超过|不超过|不得高于|不高于|最高|最多|不得低于|不低于|不得少于|不少于)"
_VALUE_OF = re.compile(r"(?:以上|以下|以内|左右)?[^，,。；;：:]{0,8}?的([\u4e00-\u9fff]{2})")


@cache
def _counted_thing(part: str) -> str:
    """The thing a part counts (几个等级: 等级; 包括几个省: 省) — a noun, not what is done with a count (卖多少个就够判刑)."""
    from assistant.index.lexical import dictionary_words, pos_tag

    m = _COUNTED.search(part)
    words = dictionary_words(m.group(1)) if m else []
    return m.group(1) if words and all((pos_tag(w) or "n").startswith(("n", "b")) or pos_tag(w) == "vn" for w in words) else ""


_COUNTED_PEOPLE = re.compile(r"[官员人警者师生工]$")  # a count of people (法官, 民警, 工作人员)
_COUNTED = re.compile(r"(?:几|多少)个([\u4e00-\u9fff]{1,4}?)(?:[？?。，,；;！!吗呢]|$)")  # the thing counted (几个等级: 等级)


# how often something is done, asked (多久开一次, 几年进行一次, 多长时间公布一次) and stated (每年至少召开1次, 至少每年一次, 每半年一次)
# (the act between them may be long: 至少每2天到医疗卫生机构收集、运送一次 — a trial)
_ASKS_FREQUENCY = re.compile(r"(?:多久|多长时间|几年|几个月|多少年|多少天|几天)[^，,。；;？?]{0,20}?(?:一|1)(?:次(?!性)|遍|回|轮)")  # (not 一次性…补助金)
_STATES_FREQUENCY = re.compile(rf"每(?:[{CN_NUMERAL_CHARS}\d]+)?(?:个)?(?:年|季度|半年|月|周|星期|日|天)[^，,。；;]{{0,20}}?"
                               rf"(?:[{CN_NUMERAL_CHARS}\d]+|两)次")


def _money_thing(part: str) -> str:
    """The thing whose amount of money a part asks, named right before its asking words (最低注册资本是多少钱 → 注册资本,
    保证金要交多少钱 → 保证金); '' when none is named (要花多少钱) or it is a measure (费用, 金额)."""
    from assistant.index.lexical import dictionary_words, names_a_thing

    at = re.search(r"(?:多少|几)(?:万元|元|钱|块钱)", normalize(part))
    before = re.sub(r"(?:是|为|有|要|需要|得|应当|应该|该|交|缴|付|一共|总共|大概|最低|最高|最多|最少)+$", "",
                    normalize(part)[:at.start()] if at else "")
    words = dictionary_words(before)
    last = words[-1] if words else ""
    return last if len(last) >= 2 and _HAN_WORD.fullmatch(last) and names_a_thing(last) and not _MEASURE_NOUN.search(last) else ""


def _owned_elsewhere(thing: str, sentence: str, units: list[str]) -> bool:
    """Is every value the sentence states one of something other than ``thing`` (…处以一万元以上十万元以下的罚款: of 罚款),
    the thing's own value not said (注册资本最低限额为…)?"""
    if not thing:
        return False
    owners = [o.group(1) for v in VALUE.finditer(sentence) if (o := _VALUE_OF.match(sentence, v.end()))]
    return (len(owners) == len(units) and not any(o in thing for o in owners)
            and not re.search(re.escape(thing[-2:]) + _BOUND_AFTER, sentence))


# an enumeration's lead-in (…的最低保修期限为:(一)…) and an item of it
_LEAD_IN_END = re.compile(r"[:：](?=[(（][一二三四五六七八九十]+[)）]|$)")
_ITEM_START = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")


# how long a paper (证, 单, 书, 照, 卡) may be used, asked in everyday words (能用多久, 管几年, 多久过期, 有效多长时间)
_ASKS_VALIDITY = re.compile(r"(?:证|单|书|照|卡|文件)[^，,。？?]{0,4}(?:能用|可以用|可用|管|有效)(?:多久|多长时间|几年|几个月|多少年|多少天)"
                            r"|(?:多久|多长时间)(?:过期|失效|作废)")


# periods a statute names and states with their name (…的有效期为3年, 试用期不得超过…, 诉讼时效期间为三年)
_NAMED_PERIOD = re.compile(r"(诉讼时效|追诉时效|时效|有效期|保修期|试用期|考验期|保质期|追诉期|观察期|保证期间|除斥期间|质保期|保管期限|公示期)")


# a time limit and what must be done within it (在几日内送达当事人 / 自…之日起十五日内，向…提出申请): the action follows the
# limit — what a time of another action (…五个工作日内告知举报人, for 几日内作出立案决定) does not answer
_TIME_LIMIT = r"(?:个)?(?:工作日|日|天|个月|月|年|小时|周)(?:以内|之内|内|以前|之前|前)"
# (…内送达 asked; or a time before an event, 清算前多少日通知 / 提前几天告知: the act done that long before it)
_ASKED_ACTION = re.compile(rf"(?:(?:几|多少){_TIME_LIMIT}|前(?:几|多少)(?:个)?(?:工作日|日|天|个月|月|年|小时|周))[，,]?"
                           rf"([^，,。；;？?！!]{{2,24}})")
# …or a duration asked, then what can be done after it (多长时间能批下来, 多久才可以领到, 几天就能办完)
# (多久能…, 多长时间可以…; or 多长时间内 + the act with no modal: 多长时间内申报债权)
_ASKED_ACTION_AFTER = re.compile(r"(?:多长时间|多久|多少天|几天|几个月|多少个?工作日)(?:(?:内|以内|之内)?(?:才|就)?"
                                 r"(?:能够|能|可以|会)|(?:内|以内|之内)(?:才|就|要|应当|应|必须|得)?)([^，,。；;？?！!]{2,24})")
_QUANTITY_OF_TIME = re.compile(rf"(?:\d+|[{CN_NUMERAL_CHARS}]+)(?:个)?(?:工作日|日|天|个月|月|年|小时|周)")
# each limit's action: up to the next limit or the end of the sentence (…七日内进行审查，作出是否给予…的决定；/ …五日内告知
# 举报人，并在十日内移送…)
_STATED_ACTION = re.compile(rf"(?:\d+|[{CN_NUMERAL_CHARS}]+){_TIME_LIMIT}[，,]?([^。；;]{{1,60}}?)"
                            rf"(?=(?:\d+|[{CN_NUMERAL_CHARS}]+)(?:个)?(?:工作日|日|天|个月|月|年|小时|周)|[。；;]|$)")
# where a limit runs from (自收到裁决书之日起, 从…起): an event, not what is done within the limit
_ANCHOR = re.compile(r"(?:自|从)[^，,。；;]{1,40}?起")
# verbs so light that the object says what is done (作出裁决, 进行审查)
_LIGHT_VERBS = frozenset({"作出", "进行", "予以", "给予", "办理", "完成", "做出", "开展", "提供", "实施",
                          "申请", "请求", "提请", "提起"})  # (提起行政诉讼: the act is 行政诉讼 — review finding)  # (申请复查: the 复查 asked for is what the limit is of)
# acts after a limit that only refer back to what the sentence's condition names (…申请撤销裁决的，应当…内提出)
_REFERRING_VERBS = frozenset({"提出", "办理", "作出", "做出", "完成", "进行", "实施", "履行", "处理", "提起"})


# an asked limit told after its action (申请行政复议的期限是多少天, 提起诉讼的时限有多长) and a stated one (…的期限为60日)
_ASKED_BEFORE = re.compile(r"([^，,。；;？?！!]{2,24}?)(?:的)?(?:期限|时限)(?:是|为|有)?(?:多少|几|多长|多久)")
# …or asked whether there is one (申请司法确认调解协议有期限吗, 申请复议有没有时间限制)
_ASKED_WHETHER = re.compile(r"([^，,。；;？?！!]{2,24}?)(?:有没有|有无|是否有|有)(?:什么)?(?:期限|时限|时间限制)")
_STATED_BEFORE = re.compile(rf"([^，,。；;]{{2,40}}?)的(?:期限|时限)(?:为|是)(?:\d+|[{CN_NUMERAL_CHARS}]+)(?:个)?(?:工作日|日|天|个月|月|年|小时|周)")


# a limit named by its action, running from an event or stated (起诉期限从知道…之日起计算, 申请期限为六十日)
_STATED_NAMED = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:期限|时限)[，,]?(?:从|自|为|是)")  # (保存期限，自…之日起为5年)


def _last_verb(action: str) -> list[str]:
    """The verb an action told before its limit ends with (对行政行为不服申请行政复议 → 复议: the act the limit is for)."""
    from assistant.index.lexical import is_verb, word_tokens

    words = [w for w in word_tokens(action) if len(w) >= 2 and w not in MODAL_WORDS]
    return [w for w in words if is_verb(w)][-1:]  # (no verb told: nothing to compare — 审理期限 names no act of its own)


def _verbs_of(action: str) -> list[str]:
    """The verbs of an action told whole, light ones left out (申请司法确认调解协议 → 确认, 调解; 提起上诉 → 上诉)."""
    from assistant.index.lexical import is_verb, word_tokens

    return [w for w in word_tokens(action) if len(w) >= 2 and w not in MODAL_WORDS and w not in _LIGHT_VERBS
            and w not in _REFERRING_VERBS and is_verb(w)]


def _asked_verb(action: str) -> list[str]:
    """The word of an asked action that says what is done: its first verb (after 将/把 and the object, the last: 送达 in
    将裁决书送达当事人), or after a light verb its object (立案 in 作出是否立案的决定; 登记 in 决定是否登记); the first word
    where no verb is told."""
    from assistant.index.lexical import is_verb, pos_tag, word_tokens

    disposal = re.match(r"(?:要|应|应当|应该|会|得|需要|必须|才)?[将把]", action)
    if disposal:  # 将/把 + object + verb (要把调解书发给当事人: 发给 — whatever the dictionary files it as)
        rest = action[disposal.end():]
        starting = lambda at: max((w for w in word_tokens(rest[at:]) if rest[at:].startswith(w)), key=len, default="")  # noqa: E731
        # (the object's first word — not one swallowing the verb, whose recipient follows: 案件移送|人民检察院; 营业执照 is the
        # object whole)
        first = starting(0)
        obj = len(first)
        if len(first) > 2 and (pos_tag(first[-2:]) or "").startswith("v") and _RECIPIENT.match(rest, obj):
            obj -= 2
        at = obj
        before = rest[:at]
        while at and at < len(rest):  # the first verb after the object (判决书副本送达: 送达, not 副本 — review finding)
            word = starting(at) or rest[at]
            after = starting(at + len(word))
            # (not one naming an office: 经办 of 社保经办机构 — a trial; nor the end of the object's name the dictionary tags
            # a verb: 营业执照, 违法所得 — review finding)
            if (len(word) >= 2 and word not in MODAL_WORDS and (pos_tag(word) or "").startswith("v")
                    and not _OFFICE.match(after)
                    and (_RECIPIENT.match(rest, at + len(word)) or not _noun_with(before, word))):
                return [word]
            before, at = word, at + len(word)
        # with none tagged a verb (the dictionary files 备案, 过户 as nouns): the last word that is no party (把名单报社保经办机构
        # 备案: 备案; 把房屋过户给买受人: 过户, not 买受人) — 把 puts the object before the act
        last = [w for w in word_tokens(rest) if rest.find(w) >= obj and w not in MODAL_WORDS
                and (len(w) >= 2 or (pos_tag(w) or "").startswith("v"))  # (卖给他人: 卖)
                and not re.search(r"[人者员方]$", w) and not _OFFICE.match(w)]
        if last:
            return last[-1:]
    words = [w for w in word_tokens(action) if len(w) >= 2 and w not in MODAL_WORDS]
    if not words:
        return []
    verbs = [i for i, w in enumerate(words) if is_verb(w)]
    # 将/把 + object + verb: the verb after the object (将裁决书送达当事人: 送达, not the 裁决 of 裁决书)
    # — and 对/就 + object + verb (对…的确认申请作出裁决: 裁决, not the 违法 or 确认 of its object — trial R)
    at = (verbs[-1] if re.match(r"[将把对就]", action) else verbs[0]) if verbs else 0
    if words[at] in _LIGHT_VERBS and at + 1 < len(words):
        at += 1
        while words[at] in ("是否", "准予", "予以") and at + 1 < len(words):
            at += 1  # (作出是否准予注销的决定: what is decided is 注销, granted or not — trial P)
        # (the object whole: 行政复议 of 申请行政复议, not its 行政, which every act on 行政… holds)
        where = action.find(words[at])
        obj = max((w for w in words if w.startswith(words[at]) and action.find(w) == where), key=len)
        rest = re.sub(r"^的", "", action[where + len(obj):])
        if obj.endswith("案件") and rest:
            # (作出行政案件第一审判决: the kind of case qualifies what is made — a law on that kind says 作出第一审判决)
            made = [w for w in word_tokens(rest) if len(w) >= 2 and rest.find(w) <= 1]  # (a leading 第 of 第一审)
            if made:
                return [max(made, key=lambda w: (len(w), -rest.find(w)))]
        return [obj]
    elif words[at] in ("决定", "确定") and words[at] + "是否" in action and at + 1 < len(words):
        at += 1  # 决定是否登记: whether to register is decided by registering or not (予以登记 / 不予登记)
        if words[at] in _LIGHT_VERBS and at + 1 < len(words):
            at += 1  # (决定是否予以登记: 登记)
    return [words[at]]


def action_matches(question_part: str, sentence: str, known: Callable[[str], bool]) -> bool:
    """A question asking within how long something must be done (几日内送达, 多少个工作日内作出是否立案的决定): a
    sentence whose every time limit is for another action (…之日起五个工作日内告知举报人) states the time of that
    action, not of the one asked. True where the question names no such action in words the library uses
    (``known``: 多少天内要办完 says it in its own words), the sentence has a limit with no action after it (时效期间为一年),
    or the asked action's verb (the object, after a light verb) or its statutory terms are in one of the limits'
    actions or in what the sentence says before its first limit, where a time runs from left out (当事人申请撤销裁决的，
    应当自收到裁决书之日起六个月内提出 answers 几个月内可以申请撤销裁决; …自作出是否立案决定之日起五个工作日内告知举报人
    does not answer 几日内作出是否立案的决定)."""
    from assistant.retrieve.thesaurus import expand

    q = normalize(question_part)
    m = _ASKED_ACTION.search(q) or _ASKED_ACTION_AFTER.search(q)
    whether = None if m else _ASKED_WHETHER.search(q)
    b = None
    if not m and (b := _ASKED_BEFORE.search(q) or whether):
        # 申请行政复议的期限是多少天: a limit asked after its action, against a limit the sentence also names after its
        # action (重新作出具体行政行为的期限为60日) — that action's verb must be the asked one; any other sentence as before.
        # Asked whether there is one (申请司法确认调解协议有期限吗), the action is told whole: each of its verbs (确认, 调解 —
        # not the light 申请) is in the stated action (调解交通事故…争议的期限为10日 is another act's)
        need = [w for w in (_verbs_of(b.group(1)) if b is whether else _last_verb(b.group(1))) if known(w)]
        text = _strip_dates(normalize(sentence))
        stated = [x.group(1) for rx in (_STATED_BEFORE, _STATED_NAMED) for x in rx.finditer(text)]
        if stated or b is whether or not _APPLYING.match(b.group(1)):
            return not need or not stated or any(all(any(t in a for t in (w, *expand(w))) for w in need) for a in stated)
        # (the limit of applying, asked so — 申请行政复议的期限是多久 — against limits stated as times to act within: as
        # 多少天内可以申请行政复议 is read below; …六十日内作出行政复议决定 is the authority's — trial P)
    asked_action = m.group(1) if m else b.group(1) if not m and b is not None and b is not whether else ""
    # (an action told before its 期限 ends with its act: 申请交通事故认定复核 → 复核, not 交通事故 — review finding)
    verb_of = _asked_verb if m else _last_verb
    need = [[w, *expand(w)] for w in (verb_of(asked_action) if asked_action else [])]
    if need and not all(known(w[0]) for w in need):
        # an act said in words the library never uses (多久能批下来): its statutory terms the library does use, any of them
        need = [[t for t in expand(asked_action) if known(t)]]
    if not need or not all(need):
        return True
    text = _strip_dates(normalize(sentence))
    actions = list(_STATED_ACTION.finditer(text))
    # (a proviso's figure — ；但是法律规定的…期限少于六十日的除外 — is no period of the sentence's own)
    if not actions or len(actions) < len(_QUANTITY_OF_TIME.findall(re.split(r"[；;]但", text)[0])):
        return True  # a limit stated as a period (时效期间为一年), not as a time to act within
    acts = [x.group(1) for x in actions]
    # what the sentence says before its limit counts where the act after it only refers back to it (当事人申请撤销裁决的，
    # 应当…六个月内提出): not where that act is one of its own (决定不予立案的，…十五日以内送达控告人)
    condition = None
    if any(_asked_verb(a)[:1] and _asked_verb(a)[0] in _REFERRING_VERBS or not _asked_verb(a) for a in acts):
        condition = _ANCHOR.sub(" ", text[:actions[0].start()])
        acts.append(condition)
    # (applying for a thing, asked, is not deciding on it: …六十日内作出行政复议决定 is the authority's limit, not the
    # limit of 多少天内可以申请行政复议 — trial L; nor is handling its papers: 将…申请书副本发送被申请人)
    applying = bool(_APPLYING.match(asked_action))
    return any(all(any(t in a for t in w) or _spread(w[0], a) for w in need)
               and (not applying or _APPLIED.match(a) or (a is condition and _APPLIED_IN.search(a))) for a in acts)


# an act of the party applying (申请复议, 提出异议, 请求复查), asked: a stated act that is one too (…内提出行政复议申请,
# …内请求…复查), not the authority's on the application (…内作出行政复议决定, …内进行审查，对…申请…)
_APPLYING = re.compile(r"(?:可以|能够|能|要|应当|需要|得|才能)?(?:申请|请求|要求|提出|提起)")
# (the act's head: not 对…申请进行审查, 要求申请人补正 — the authority's; not 申请书, 申请笔录: papers)
# (…in a condition the act refers back to: 当事人申请撤销裁决的，应当…六个月内提出)
_APPLIED_IN = re.compile(r"(?<!被)申请(?![人书笔])|请求|提出|提起")
_APPLIED = re.compile(r"(?:向[^，,。；;]{1,20}?|依法|以书面形式|书面)*(?:申请(?![人书笔])|请求|要求(?!申请人|当事人|被申请人)|提出|提起)")


# where an asked limit runs from, told before it (组庭后几个月内, 收到通知之日起几日内, 从立案起多少天)
_ASKED_START = re.compile(r"([\u4e00-\u9fff]{2,16})(?:之后|以后|后|之日起|之日后|起)(?:的)?(?:几|多少|多长|多久)")
# where a stated limit runs from (自收到裁决书之日起, 从…起, 受理…之日起)
_STATED_START = re.compile(r"(?:自|从|在)([^，,。；;自从在]{2,40}?)(?:之日|之时|后|的次日|的第二日|次日|当日)起(?!诉|草)")


def start_matches(question_part: str, sentence: str) -> bool:
    """A time limit asked from an event (组庭后几个月内作出裁决) is not given by a limit running from another event the
    sentence names (…自受理撤销裁决申请之日起两个月内…, …自收到裁决书之日起六个月内…): some two characters of the asked
    event, a statutory term of one of its words, or all its characters must be in where one of the sentence's limits runs
    from (自…之日起). True where the question names no event, or the sentence none (its limit runs from what its condition
    says)."""
    from assistant.index.lexical import word_tokens
    from assistant.retrieve.thesaurus import expand

    m = _ASKED_START.search(normalize(question_part))
    anchors = [x.group(1) for x in _STATED_START.finditer(_strip_dates(normalize(sentence)))]
    if not m or not anchors:
        return True
    event = re.split(r"[在从自于]|必须|应当|应该|需要|要|得", m.group(1))[-1]  # (仲裁庭必须在组庭后: 组庭)
    if len(event) < 2:
        return True
    grams = {event[i:i + 2] for i in range(len(event) - 1)}
    terms = [t for w in word_tokens(event) if len(w) >= 2 for t in expand(w)]
    # (an event said in other order, 组庭 for 仲裁庭组成: its characters in one anchor)
    return any(any(g in a for g in grams) or any(t in a for t in terms) or all(ch in a for ch in event)
               for a in anchors)


def _misread(word: str, part: str, sure: set[str]) -> bool:
    """A word jieba guessed across a dictionary word of the part: the character before it and its first make a word
    (组成立后: 成立, so 立后 is no word of the question), and the dictionary's own reading does not have it. A guess of a word
    the dictionary lacks (直播带货: 带货) is read as said."""
    from assistant.index.lexical import pos_tag

    at = part.find(word)
    if word in sure or at < 0:
        return False
    # (or a noun's last character joined to the preposition, conjunction or particle after it — 考验期从什么时候: 期从 —
    # which the dictionary reads as a word of its own)
    from assistant.index.lexical import dictionary_words, word_bounds

    bounds = word_bounds(dictionary_words(part))  # (the character a word of its own here: 和解协议 after 我和他 is said whole)
    edges = ((word[0], at, at + 1), (word[-1], at + len(word) - 1, at + len(word)))
    if any(c in sure and (pos_tag(c) or "")[:1] in ("p", "c", "u") and a in bounds and b in bounds for c, a, b in edges):
        return True
    return at > 0 and bool(pos_tag(part[at - 1] + word[0]))


def _in_parts(word: str, text: str) -> bool:
    """A compound of two words said apart in one sentence of ``text`` (登记事项 in 需要登记的相关事项): its halves, each a
    word of two characters or more, in the compound's order."""
    from assistant.index.lexical import dictionary_words

    parts = dictionary_words(word)
    if len(word) < 4 or len(parts) != 2 or min(len(p) for p in parts) < 2:
        return False
    return any(0 <= s.find(parts[0]) < s.find(parts[1], s.find(parts[0]) + len(parts[0]))
               for s in re.split(r"[。；;！!？?]", text) if parts[0] in s)


def _spread(word: str, text: str) -> bool:
    """A two-character verb said with a character between its two (发给 in 发送给, 确权 in 确认债权): the same act in the
    statute's fuller wording — where its first character and the one after it are a verb of their own (发送, 确认), not
    another act that happens to hold both (起诉 in 提起上诉: 起上 is no word — review finding)."""
    from assistant.index.lexical import pos_tag

    if len(word) != 2:
        return False
    for m in re.finditer(re.escape(word[0]) + r"([\u4e00-\u9fff]{1,2})" + re.escape(word[1]), text):
        if (pos_tag(word[0] + m.group(1)[0]) or "").startswith("v"):
            return True
    return False


# a paper that leaves a value open, told (协议里没写照片能用多久): the value word follows the negated verb directly, with
# no 的 between (没有约定利息的借款…多少 asks; 有没有规定…多久 asks)
_NARRATED = re.compile(r"(?<!有)(?:没有?(?:写|说|讲|提|约定|规定|定|注明|载明)|未(?:约定|规定|写明|注明|载明))[^的]*$")


def value_segments(question: str, min_grams: int = 3, strip: list[str] | None = None,
                   stopwords: tuple[str, ...] = ()) -> list[str]:
    """The segments asking for a value, each with the words of the segment before it when it is too
    short to name its topic."""
    segs = segments(question)
    asking = asking_sentences(question)
    out = []
    for i, seg in enumerate(segs):
        m = ASKS_VALUE.search(seg)
        if not m or not any(seg in a for a in asking):
            continue
        if _NARRATED.search(seg[:m.start()]):  # 协议里没写照片能用多久: what a paper leaves open, told, not asked
            continue
        if (re.fullmatch(LIMIT_ASKED, m.group(0)) and not ASKS_VALUE.search(seg, m.end())
                and len(content_grams(ASKING_WORDS.sub(" ", seg[:m.start()] + " " + seg[m.end():]), strip, stopwords)) < min_grams):
            # (…是他们去办手续吗？有没有时间要求？: whether there is a limit, of what the sentence before asks — the parts of
            # a compound question are answered as such, not held to one value of the action before it)
            continue
        text = seg
        j = i
        while len(content_grams(ASKING_WORDS.sub(" ", text), strip, stopwords)) < min_grams and j > 0:
            j -= 1
            text = segs[j] + "，" + text
        out.append(text)
    return out


# a quantity (一年, 三个月, 两次, 5万): the value a sentence states, never the topic it is about
_QUANTITY = re.compile(rf"[{CN_NUMERAL_CHARS}\d几]+(?:个)?(?:年|月|日|天|周|次|人|名|元|万|万元|倍|项|件|条|岁|周岁|小时|分钟)?")


def topic_words(text: str, strip: list[str] | None = None, stopwords: tuple[str, ...] = (),
                known: Callable[[str], bool] | None = None) -> set[str]:
    """The words of ``text`` that can name a topic: jieba words of two characters or more, asking and
    modal words removed, and (with ``known``, the library's vocabulary) only words the library uses: a
    colloquial word no clause uses (控住, 作保) cannot tell which clause answers."""
    from assistant.index.lexical import word_tokens

    topic = ASKING_WORDS.sub(" ", normalize(text))  # the words that ask are not the topic
    for name in strip or []:
        topic = topic.replace(normalize(name), " ")
    return {w for w in word_tokens(topic) if len(w) >= 2 and w not in stopwords and w not in MODAL_WORDS
            and not _QUANTITY.fullmatch(w) and (known is None or known(w))}


# qualifiers a rule is made for one side of (接待境外旅客…24小时内报送 says nothing of 境内 guests; 女职工's 产假 nothing of
# a 男职工's leave): a sentence carrying one side does not give the value asked of the other
# (each with the form naming both sides: 境内外旅客, 男女职工)
QUALIFIER_PAIRS = (("境内", "境外", "境内外"), ("国内", "国外", "国内外"), ("男职工", "女职工", "男女职工"), ("男方", "女方", "男女双方"),
                   ("男性", "女性", "男女"), ("城镇", "农村", "城乡"), ("一审", "二审", "一审二审"), ("书面", "口头", "书面或者口头"),
                   ("白天", "夜间", "昼夜"), ("出境", "入境", "出入境"), ("中国公民", "外国人", "中外"))


# the grades of the criminal-law scale, each read whole (情节特别严重 is not 情节严重)
_GRADE = re.compile(r"(?:情节|数额|后果|损失|危害)(?:特别)?(?:严重|巨大|恶劣|重大)|数额较大|情节较轻|情节轻微")


# other words for one side, which a question may use for it (在我国境内旅游的外国游客: 境内 is where, the guests are 境外's)
_SIDE_WORDS = {"境外": ("外国", "外籍", "港澳台"), "国外": ("外国", "外籍"), "外国人": ("外籍", "境外")}


def other_side(question: str, sentence: str) -> str:
    """The qualifier of :data:`QUALIFIER_PAIRS` the sentence carries whose other side the question carries and the
    sentence does not ('' when none; never where the question names both sides, in any of their words) — or the class a
    非 makes of a thing the question names (处方药分为几类 and 非处方药分为甲、乙两类: 非处方药), said only so by the sentence."""
    for w in _question_words(question):
        if (len(w) >= 2 and _HAN_WORD.fullmatch(w) and re.search(rf"(?<![除并莫是若无])非{re.escape(w)}", sentence)
                and not re.search(rf"(?<!非){re.escape(w)}", sentence)
                and re.search(rf"(?<!非){re.escape(w)}", question)):
            return "非" + w
        # …and the other way round: the question asks of the 非 class (收购非生产性废旧金属), the sentence says the thing
        # itself only (收购生产性废旧金属的) — a trial
        if (len(w) >= 2 and _HAN_WORD.fullmatch(w) and re.search(rf"(?<![除并莫是若无])非{re.escape(w)}", question)
                and not re.search(rf"(?<!非){re.escape(w)}", question)
                and re.search(rf"(?<!非){re.escape(w)}", sentence) and f"非{w}" not in sentence):
            return w
    # a grade of the criminal-law scale (数额较大 / 巨大 / 特别巨大, 情节严重 / 特别严重): the sentence's grade is not the one asked
    asked, stated = set(_GRADE.findall(question)), set(_GRADE.findall(sentence))
    if asked and stated and not asked & stated and {g[:2] for g in asked} & {g[:2] for g in stated}:
        return sorted(stated)[0]
    for a, b, both in QUALIFIER_PAIRS:
        if both in question or any(w in question for w in (*_SIDE_WORDS.get(a, ()), *_SIDE_WORDS.get(b, ()))):
            continue
        for mine, theirs in ((a, b), (b, a)):
            if mine in question and theirs not in question and theirs in sentence and mine not in sentence:
                return theirs
    return ""


@lru_cache(maxsize=64)
def _question_words(question: str) -> tuple[str, ...]:
    """The question's words, each once (read for every sentence a value is looked for in)."""
    from assistant.index.lexical import word_tokens

    return tuple(dict.fromkeys(word_tokens(question)))


def other_kind(part: str, sentence: str, absent: list[str], covers: Callable[[str], bool] | None = None) -> str:
    """The word of ``absent`` (words of the part naming a thing) that makes the thing the part asks of another kind than
    the sentence's: the sentence lacks it, and the words right after it in the part (three characters or more) are in the
    sentence after another modifier (兽药登记证有效期几年 and 农药登记证有效期为5年: 兽药; 药品经营许可证 and 农药经营许可证:
    药品) — not after a word that only points (其试用期, 该许可证) or a verb (约定试用期), and only where those words open with a
    thing's name; ``covers(phrase)``: does the clause's document say the part's modifier with that name (汽车驾驶证 in a
    regulation of 机动车驾驶证: a kind it covers). '' when none."""
    from assistant.index.lexical import dictionary_words, pos_tag

    for word in absent:
        at = part.find(word) if word not in sentence and not _spread(word, sentence) else -1  # (发给: 发送给 says it)
        while at >= 0:
            rest = part[at + len(word):]
            n = 0
            while n < len(rest) and _HAN.match(rest[n]) and rest[: n + 1] in sentence:
                n += 1
            first = next(iter(dictionary_words(rest[:n])), "")  # (对方应当在…: what follows is no thing's name)
            start = at  # the modifiers said before it too (药品经营许可证: 药品经营, not 经营 — which 农药经营许可证 has)
            while (prev := next((w for w in absent if w != word and part.endswith(w, 0, start)), "")):
                start -= len(prev)
            if (n >= 3 and len(first) >= 2 and pos_tag(first) not in _NOT_A_NAME_TAGS and first not in MODAL_WORDS
                    and not (covers and covers(part[start:at + len(word)] + first))):
                i = sentence.find(rest[:n])
                while i > 1:  # (every place the sentence says them: 约定试用期的，试用期不得超过… has no modifier before either)
                    before = (dictionary_words(sentence[max(0, i - 6):i]) or [""])[-1]
                    if (_HAN.match(sentence[i - 1]) and sentence[i - 1] not in "的其该本此和与及或之各每等"
                            and len(before) >= 2 and pos_tag(before) not in _NOT_A_NAME_TAGS  # (约定试用期: a verb's object)
                            and not _said_whole(word, sentence[max(0, i - 3 * len(word)):i])):  # (国企: 国有企业)
                        return word
                    i = sentence.find(rest[:n], i + 1)
            at = part.find(word, at + 1)
    return ""


def inserted_modifier(part: str, sentence: str) -> str:
    """The word the part's compound has between two words the sentence says together (一次性伤残就业补助金 asked, 一次性伤残
    补助金 stated: 就业) — the sentence's thing is another compound, whose value is not the one asked (pure). The three
    consecutive words of the part in jieba's precise segmentation, each of two characters or more, the last naming a thing;
    the middle one not in the sentence, the outer two said there side by side. '' when none."""
    from assistant.index.lexical import names_a_thing, precise_words

    words = precise_words(part)
    for a, w, b in zip(words, words[1:], words[2:]):
        if (min(len(a), len(w), len(b)) >= 2 and all(_HAN_WORD.fullmatch(x) for x in (a, w, b)) and names_a_thing(b)
                and w not in sentence and a + b in sentence and not ASKING_WORDS.fullmatch(w)):
            # (not the words asking the value: 每天加处多少罚款 asks the 加处罚款 the sentence states — a trial)
            return w
    return ""


def _said_whole(word: str, before: str) -> bool:
    """Does ``before`` (the characters before a place in a sentence) end with the whole form a reader's shortening
    ``word`` stands for (国企 for 国有企业, 民企 for 民营企业): its characters in order, in at most twice its length?"""
    from assistant.text.abbrev import in_order

    return any(in_order(word, before[k:]) for k, ch in enumerate(before) if ch == word[0] and len(before) - k <= 2 * len(word))


_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
# jieba's tags of words that name no thing: verbs, adverbs, prepositions, conjunctions, particles, pronouns, numerals,
# measure words, places of direction, times, adjectives (its dictionary's nouns may carry odd tags: 许可证 is nr)
_NOT_A_NAME_TAGS = ("v", "vd", "vi", "d", "p", "c", "u", "uj", "ul", "r", "m", "q", "f", "t", "a", "ad")


def fact_documents(question: str, records: list[dict], strip: list[str] | None = None, *,
                   stopwords: tuple[str, ...] = (), share: float = 0.3, top: int = 5, min_grams: int = 4) -> set[str]:
    """The documents of the ``top`` clauses that cover a telling part of the question (a part that asks nothing: 劳动保障
    行政部门作出行政处罚决定后，…几日内送达？ tells whose decision it is), one clause holding ``share`` of its content bigrams."""
    grams = [(r["doc_id"], set(bigrams(r["text_normalized"]))) for r in records[:top]]
    out: set[str] = set()
    for seg in segments(question):
        qg = content_grams(seg, strip, stopwords)
        if len(qg) < min_grams or ASKS.search(seg) or ASKS_VALUE.search(seg):
            continue
        out |= _covering(qg, grams, share)
    return out


def _covering(qg: set[str], grams: list[tuple[str, set[str]]], share: float) -> set[str]:
    """The documents one of whose clauses (``(doc id, bigrams)``) holds ``share`` of a part's content bigrams ``qg``."""
    return {d for d, g in grams if len(qg & g) / len(qg) >= share}


_VARIANT_CHARS = ({"交", "缴"}, {"帐", "账"}, {"作", "做"}, {"订", "定"})  # one word written two ways (交纳 / 缴纳)
# (非法 / 违法 / 不法: one kind of conduct, said in several words — review finding)
_NEGATING_FIRST = frozenset("非违不无未")


def _sibling_before(word: str, head: str, sentence: str, said_words: list[str]) -> bool:
    """Does ``sentence`` say ``head`` right after a word of two characters ending as ``word`` (the part's word before it)
    does, with another first character, and not ``word`` itself — a sibling kind or act (兼职督学 for 专职督学, 首次申领 for
    补领), not a variant writing (缴纳 for 交纳), a negation said otherwise (违法 for 非法) or a word sharing a character
    elsewhere (缴存 for 缴纳, 申领 for 领取: the same act — review findings)?"""
    if len(word) != 2 or not _HAN_WORD.fullmatch(word) or word + head in sentence or word in sentence:
        return False
    return any(len(w) == 2 and _HAN_WORD.fullmatch(w) and w[1] == word[1] and w[0] != word[0] and w + head in sentence
               and {w[0], word[0]} not in _VARIANT_CHARS and not {w[0], word[0]} & _NEGATING_FIRST for w in said_words)


def modifier_swap(part: str, sentence: str, covers: Callable[[str], bool] | None = None, title: str = "") -> bool:
    """The thing the part asks of is named by a head noun with modifiers of its own (食品生产许可证: 许可证 after 食品, 生产),
    and the sentence says that head only after another modifier (《药品经营许可证》有效期为5年) and none of the part's: a value
    of another kind of the thing. False where the part gives the head no modifier (驾驶证有效期), where the sentence says one of
    the part's modifiers anywhere, or where the clause's document says the part's phrase (``covers``: a kind it covers) —
    nor where a modifier is the clause's document title's (简易程序 of a 关于适用简易程序…的规定: said by all its clauses) or an
    everyday word of the thesaurus (老板: the clause says 用人单位)."""
    from assistant.index.lexical import dictionary_words, names_a_thing, pos_tag
    from assistant.retrieve.thesaurus import colloquial_words

    colloquial = colloquial_words()

    words = dictionary_words(re.sub(r"[^\u4e00-\u9fff]", " ", asked_before(part)))
    said_words = dictionary_words(sentence)
    for k, head in enumerate(words):
        if k == 0 or len(head) < 2 or pos_tag(head) in _NOT_A_NAME_TAGS or head not in sentence:  # (许可证 is tagged nr)
            continue
        # a sibling of the word right before the head, of the same make (a character shared: 兼职 for 专职, 首次申领 for
        # 补领, 起诉期限 for 上诉期限) said there instead of it: another kind of the thing, or another act on it — whatever
        # the document says of the part's kind elsewhere (trial P)
        if _sibling_before(words[k - 1], head, sentence, said_words):
            return True
        mods: list[str] = []  # the nouns right before the head in the part (食品 生产 许可证)
        j = k - 1
        while j >= 0 and len(words[j]) >= 2 and names_a_thing(words[j]) and part.find(words[j] + "".join(words[j + 1:k + 1])) >= 0:
            mods.insert(0, words[j])
            j -= 1
        # (a modifier's two characters said: 工伤医疗待遇 is a kind of 工伤保险待遇)
        if not mods or any(m[i:i + 2] in sentence for m in mods for i in range(len(m) - 1)):
            continue
        if (covers and covers("".join(mods) + head)) or any(m in title or m in colloquial for m in mods):
            continue
        at, others = sentence.find(head), 0
        while at >= 0:
            before = (dictionary_words(sentence[max(0, at - 6):at]) or [""])[-1]
            if not (before and len(before) >= 2 and sentence.endswith(before, 0, at) and pos_tag(before) not in _NOT_A_NAME_TAGS):
                break  # (an occurrence with no modifier of its own: 许可证有效期届满 — the kind is the sentence's topic's)
            others += 1
            at = sentence.find(head, at + 1)
        if at < 0 and others:
            return True
    return False


def asked_before(part: str) -> str:
    """What a question part says before its asking words (驾驶证实习期是多长 → 驾驶证实习期), the whole part if none."""
    asking = ASKING_WORDS.search(normalize(part))
    return normalize(part)[:asking.start()] if asking else normalize(part)


def value_owner(part: str, strip: list[str] | None = None) -> str:
    """What the value a question part asks is of: its topic word ending nearest before the asking words (驾驶证实习期是多长:
    实习期; 试点的期限是几年: 试点), '' when none is before them."""
    before = asked_before(part) if ASKING_WORDS.search(normalize(part)) else ""
    return max((w for w in topic_words(part, strip) if w in before), key=lambda w: (before.rfind(w) + len(w), len(w)),
               default="")


def value_given(part: str, records: list[dict], sentences_of, strip: list[str] | None = None,
                stopwords: tuple[str, ...] = (), known: Callable[[str], bool] | None = None,
                context: str = "", context_share: float = 0.5,
                library_df: Callable[[str], int] | None = None, docs: set[str] | None = None,
                elsewhere: Callable[[str, set[str]], bool] | None = None,
                within: Callable[[str, set[str]], bool] | None = None,
                titles: list[str] | None = None) -> bool:
    """Some sentence of the clauses gives the value ``part`` asks for and names its topic: the part's
    words (jieba, two characters or more, asking words removed; the statutory terms the thesaurus gives
    for its colloquial words when the clauses contain none of them) found in the fewest of the clauses —
    in that sentence, or in the one before it when the value's sentence repeats four characters of the
    part in a row (…向公安机关报告个人财产及日常活动。报告期限不超过五年。).

    With ``known`` (the library's vocabulary), a part whose words the library never uses (最多能控多久)
    takes its topic from ``context``, the rest of the question (核查线索…账上的钱往外转). A sentence then
    names the topic when it holds ``context_share`` of those words the evidence contains: the words of a
    whole question are many, and the rarest of them is too often incidental to count alone.

    With ``docs`` (:func:`fact_documents`), only clauses of those documents give the value: the time limit of another
    document's act is not the one asked of this one's. A sentence carrying the other side of a qualifier the question
    carries (:func:`other_side`: 境外 for 境内) gives no value either, nor one of another kind of the thing asked
    (:func:`other_kind`) — unless ``within(phrase, documents)`` says the clause's document says the part's modifier with
    the thing's name.
    ``elsewhere(word, documents)``: does the library hold the word outside those documents (without it, anywhere
    counts).

    ``titles`` (the library's document titles) with ``within``: a thing the part names that a title names (国家赔偿 of
    …国家赔偿监督程序…的规定, 土地承包 of …土地承包经营纠纷调解仲裁法) is that document's subject — a value stated by a
    document that never says it (海商法's 时效期间 for 国家赔偿的请求时效) is another thing's (trial L)."""
    from assistant.index.lexical import dictionary_words, names_a_thing, word_tokens
    from assistant.retrieve.thesaurus import colloquial_words, expand

    topic = ASKING_WORDS.sub(" ", normalize(part))
    texts = [r["text_normalized"] for r in records]
    own = topic_words(part, strip, stopwords, known)
    borrowed = not own and known is not None and bool(context)
    if borrowed:
        own = topic_words(context, strip, stopwords, known)
        topic = topic + " " + normalize(context)
    df = {w: sum(w in t for t in texts) for w in own | set(expand(topic))}
    present = [w for w in own if df[w]] or [w for w in df if df[w]]  # statutory terms only for words the clauses lack
    statutory = not any(df[w] for w in own)  # (a colloquial word's terms are alternatives: 出结果 → 完成, 结论, 作出)
    if not present:  # none of the part's topic words is in the clauses: they are about something else
        return False
    colloquial = colloquial_words()  # 老板, 房子: a story's words, whose statutory terms differ
    if library_df is not None and not borrowed:
        # the part's most specific word in the whole library is not in the evidence, while the library has it: the
        # clauses found are about something else (商标局…多长时间内审查完毕 answered by another 审查完毕's time limit)
        from assistant.retrieve.thesaurus import doctrine_entries

        lib = {w: library_df(w) for w in distinct_words(sorted(own))}
        sure = set(dictionary_words(normalize(part)))
        # …and the words of a doctrinal term the part uses (法定赔偿: the provision says 根据侵权行为的情节…给予…赔偿)
        doctrinal = [term for term, _ in doctrine_entries() if term in normalize(part)]
        # a word naming a thing: a verb has synonyms the clauses use instead (接到 for 收到)
        # …and not in the documents the clauses come from either (``elsewhere``): a word their own definitions use (本条例所称
        # 互联网上网服务营业场所…包括网吧) is theirs, not another document's topic
        found_in = {r["doc_id"] for r in records}
        said_colloquially = [c for c in colloquial if c in normalize(part)]  # (市场监管部门: its 市场监管 is no topic of its own)
        missing = [w for w in lib if lib[w] and not df.get(w) and names_a_thing(w) and w not in colloquial
                   and not any(w in c for c in said_colloquially)
                   and not any(_spread(w, t) or _in_parts(w, t) for t in texts)  # (发给 said 发送给; 登记的相关事项)
                   and not _misread(w, normalize(part), sure)  # (not jieba's guess across words: 成立后 read 组成|立后)
                   and not any(w in term for term in doctrinal)
                   and (elsewhere is None or elsewhere(w, found_in))]
        if missing and min(lib[w] for w in missing) < min((lib[w] for w in lib if df.get(w)), default=0):
            return False
    # the most specific of them (机关 or 措施 name no topic): the rarest in the evidence, and of those tied there or
    # (with the library's counts) the rarest in the library — 出现 is in fewer of the few clauses found than 补报 by chance
    if library_df is not None and not borrowed:
        rank_by = {w: library_df(w) or df[w] for w in present}
    else:
        rank_by = {w: df[w] for w in present}

    def rarest_of(words: list[str]) -> list[str]:
        least = min(rank_by[w] for w in words)
        return [w for w in words if rank_by[w] == least]
    anchors = rarest_of(present)
    # the word the asked value is of, right before the asking words (试点的期限是几年: 试点; 法定赔偿最多多少: 赔偿) — never
    # taken as said by a title that holds it (a 试点 document's clauses are about the 试点, not its period — review of a gate
    # failure)
    before = asked_before(part)
    owner = max(present, key=lambda w: (before.rfind(w) + len(w) if w in before else -1, len(w)))
    # … said in the clause's own words too (逃税 → 逃避缴纳税款: the crime's name is not its definition's wording)
    # a word said as an agent (担保的人): the statutory term of the agent noun names it too (保证人)
    spoken = {w: [w, *expand(w), *(expand(w + "的人") if w + "的人" in normalize(part) else [])] for w in present}
    need = math.ceil(context_share * len(present))
    # the part's words naming a thing, but a colloquial word of the thesaurus (its terms differ): a modifier of the thing
    # asked of, which a sentence may give another kind of (:func:`other_kind`)
    # (a colloquial key the part says: 过期食品 in 过期食品能退吗 — not one it does not, whose words may be statutory: 食品 of
    # 食品生产许可证)
    said_keys = [c for c in colloquial if c in topic]
    absent = [w for w in dict.fromkeys(word_tokens(topic)) if len(w) >= 2 and _HAN_WORD.fullmatch(w)
              and names_a_thing(w) and w not in colloquial and not any(w in c for c in said_keys)]
    asked = normalize(part + "，" + context)
    # a word of the question that names one document found (劳动 of 劳动争议调解仲裁法, in 劳动仲裁庭…裁决书几日内送达): a
    # clause of another document saying nothing of it gives that document's time, not the one asked of (农村土地承包仲裁委员会…
    # 三个工作日内将裁决书送达当事人)
    # — where the word picks one of two kinds of a thing both titles name (劳动 仲裁: 劳动争议调解仲裁法 and 农村土地承包经营纠纷
    # 调解仲裁法), not a word of a story (公司 of 公司法 in 公司拖欠工资…)
    titled = {normalize(r.get("doc_title") or "") for r in records}
    worded = [w for w in word_tokens(asked) if len(w) >= 2]
    naming = [(w, after) for w, after in zip(worded, worded[1:]) if _HAN_WORD.fullmatch(w) and names_a_thing(w)
              and w not in GENRE_WORDS and sum(w in t for t in titled) == 1 and after not in w
              and any(w in t and after in t for t in titled)]  # (消费者 投诉: no title names both — review finding)
    if len({t for t in titled if any(w in t for w, _after in naming)}) >= 2:
        naming = []  # words picking two documents: the question asks of both (甲条例和乙条例分别从什么时候施行)
    # (words of three characters or more: two-character ones — 公司, 合同 — are a story's everyday words as often)
    # (…and said as what owns the value asked — 国家赔偿的请求时效, not a place told: 在电子商务平台买的衣服几天内… — review)
    titled_things = [w for w in distinct_words(sorted(own)) if len(w) >= 3 and names_a_thing(w) and w not in GENRE_WORDS
                     and any(w in t for t in titles or [])
                     and re.search(re.escape(w) + r"[\u4e00-\u9fff]{0,2}?的", asked_before(part) or normalize(part))
                     ] if within is not None and not borrowed else []
    # the things the question names (the part, and the rest of it: 外国航空公司用飞机…出境，运输收入按多少税率征税) that no
    # clause found says, nor its document's title
    told = own | (topic_words(context, strip, stopwords) if context else set())  # (a word the library never uses too)
    unsaid_things = [w for w in distinct_words(sorted(told)) if names_a_thing(w) and not any(w in c for c in colloquial)
                     and not any(w in t for t in texts)
                     and not any(w in normalize(r.get("doc_title") or "") for r in records)]
    # the act the value is asked of (its last verb and that verb's statutory terms): a later 款 saying it is read with the
    # 款 before it
    last = [w for w in word_tokens(topic) if len(w) >= 2 and _HAN_WORD.fullmatch(w) and w not in MODAL_WORDS][-1:]
    asked_acts_of = [a for v in last for a in (v, *expand(v)) if len(a) >= 2]
    for rank, rec in enumerate(records):
        if docs and rec["doc_id"] not in docs:
            continue
        title = normalize(rec.get("doc_title") or "")
        if any(w not in title and not within(w, {rec["doc_id"]}) for w in titled_things):
            continue
        if any(w not in title and w not in rec["text_normalized"] and after in title for w, after in naming):
            continue
        # (a modifier the clause's own document says with the thing's name — 汽车驾驶证 in a 机动车 regulation — names a
        # kind it covers)
        covers = (lambda phrase, d=rec["doc_id"]: within(phrase, {d})) if within is not None else None
        sents = sentences_of(rec)
        # with three topic words or more in the evidence, the clause holding the value holds two: 收到仲裁裁决书之日起
        # 十五日内…提起诉讼 names 裁决书 but is no answer to when a 裁决书 is 送达 to the 当事人
        # (in a document numbered in parts (一、二、), not articles, a paragraph's own heading says what it is about: 二、公司
        # 领导干部任职年龄 over 董事长、副董事长不超过七十周岁 — trial L; a chapter's name over articles is too broad to)
        heading = "" if (rec.get("position") or {}).get("article") else "\n".join((rec.get("heading_path") or [])[-1:])
        # (a later 款 of an article goes on from the ones before it, which may name what its value is of: 申请确认的… /
        # 人民法院应自受理确认申请之日起2个月内…作出裁决 after 违法行使职权的行为应当先经依法确认 — trial R; those found with it)
        # (…where this 款 says the act asked: a limit of another act in it — 留样…6个月 after 出厂检验合格后方可上市销售, …十五日内
        # 未达成调解协议的…申请仲裁 after 调解协议书…生效 — is no value of what the 款 before names — review finding)
        earlier = "" if heading else "\n".join(_earlier_paragraphs(rec, records))
        if earlier and not any(a in rec["text_normalized"] for a in asked_acts_of):
            earlier = ""
        # (a word of the clause's document title is said by every clause of it: 外国公司船舶运输收入 of the 征税办法 by its
        # 第四条, 按…收入总额…4.65%的综合计征率计征 — a trial; not where the question names two things or more that no clause
        # found says: 外国航空公司用飞机…机场 is another carrier's income — one such word is a story's as often: 运货)
        said_in = rec["text_normalized"] + heading + earlier + ("\n" + title if len(unsaid_things) < 2 else "")
        if not borrowed and not statutory and len(distinct_words(present)) >= 3 and len(distinct_words(
                [w for w in present if any(t in said_in for t in spoken[w])])) < 2:
            continue
        # a word of the document's title is said by every clause of it (著作权 by 著作权法's clauses): the topic is then
        # named by the rarest of the other words, when there are any
        untitled = [w for w in present if w not in title or w == owner]
        marks = present if statutory else rarest_of(untitled) if untitled and len(untitled) < len(present) else anchors
        # a sentence's topic may be named in its other parts, between semicolons (违反…虚开发票的,…;虚开金额在1万元以下的,
        # 可以并处…), and in the items its lead-in announces (有下列行为之一的,…可以并处15000元以下的罚款;…:(一)…;(二)接纳
        # 未成年人…): the whole sentence, of which an item is told by its own words only
        whole = _whole_sentences(sents)
        # of a list's items, the one the part describes best is the one it asks of (收购非生产性废旧金属没有如实登记: the
        # item on 未如实登记, not another item on 非生产性 — a trial): each item's count of the part's words, the best of its list
        described: dict[int, tuple[int, int]] = {}  # item sentence -> (its list, the part's words it holds)
        listed = -1
        def holds(text: str, lead_in: str) -> int:  # (the words the list's lead-in says are no item's: 情节严重, 处罚)
            return len(distinct_words([w for w in present if any(t in text for t in spoken[w])
                                       and not any(t in lead_in for t in spoken[w])]))
        lead_in = ""
        for j, sent in enumerate(sents):
            if (at := _LEAD_IN_END.search(sent)) is not None:
                listed, lead_in = j, sent[:at.start()]
                if _ITEM_START.match(sent[at.end():]):  # (the lead-in and its first item in one sentence)
                    described[j] = (listed, holds(sent[at.end():], lead_in))
            elif _ITEM_START.match(sent) and listed >= 0:
                described[j] = (listed, holds(sent, lead_in))
            else:
                listed = -1
        best_item = {}
        for lst, n in described.values():
            best_item[lst] = max(best_item.get(lst, 0), n)
        best_item = {lst: n if n >= 2 else 0 for lst, n in best_item.items()}  # (one word describes no conduct: 标准)
        lead = ""  # the lead-in of the enumeration a sentence is an item of (最低保修期限为:(一)…;(二)…,为5年;)
        for j, sent in enumerate(sents):
            said = whole[j] + ("\n" + heading if heading else "")
            if earlier and any(a in sent for a in asked_acts_of):  # (the sentence saying the act: read with the 款 before)
                said += "\n" + earlier
            if (at := _LEAD_IN_END.search(sent)) is not None:
                lead = sent[:at.start() + 1]
                if j in described and described[j][1] < best_item[described[j][0]]:
                    continue
            elif _ITEM_START.match(sent) and lead:
                if j in described and described[j][1] < best_item[described[j][0]]:
                    continue
                sent = lead + sent  # an item read with its lead-in: what the value is of
                said = sent + ("\n" + heading if heading else "")
            else:
                lead = ""
            if borrowed:
                named = sum(w in said for w in present) >= need
            else:  # the rarest word here, or in the sentence before while this one repeats the part's words,
                # or (the best-ranked clause) most of the part's words (移送起诉 for the question's 审查起诉)
                named = any(t in said for w in marks for t in spoken[w]) or (
                    j > 0 and any(w in sents[j - 1] for w in marks) and (shares_run(normalize(part), sent, 4)
                                                                         or _LEFT_TO.search(sent))) or (
                    rank == 0 and sum(w in said for w in present) >= need)
            # (the clause's other sentences are of its kind; a word of its document's title is said by every clause of it:
            # 简易程序 of 关于适用简易程序…的规定 is no other kind of 当庭举证)
            if named and gives_value(part, sent, known) and not other_side(asked, sent) and not other_kind(
                    normalize(part), rec["text_normalized"], [w for w in absent if w not in title], covers) and not (
                    inserted_modifier(normalize(part), sent)) and conduct_said(normalize(part), said, known) and not (
                    modifier_swap(normalize(part), sent, covers, title)):
                return True
    return False


def _earlier_paragraphs(rec: dict, records: list[dict]) -> list[str]:
    """The texts of the 款 of ``rec``'s article before its own, of those in ``records``."""
    pos = rec.get("position") or {}
    if not pos.get("article") or (pos.get("paragraph") or 1) <= 1:
        return []
    key = (rec["doc_id"], pos.get("article"), pos.get("article_suffix"))
    return [r["text_normalized"] for r in records
            if (r["doc_id"], (r.get("position") or {}).get("article"), (r.get("position") or {}).get("article_suffix")) == key
            and ((r.get("position") or {}).get("paragraph") or 1) < pos["paragraph"]]


_NO_CONDUCT = {"要", "会", "需要", "可以", "应当", "处罚", "罚款", "违反", "违法", "构成", "承担", "受到", "给予", "处理", "罚",
               "被罚", "无证"}
# the words marking a conduct as a breach, before the act (擅自进口, 非法采砂, 私自砍伐, 未经许可经营)
_BREACH_MARKER = re.compile(r"擅自|非法|私自|违规|违法|未经(?:批准|许可|同意|登记|备案)?|无证")
# a sanction stated of the breach of a provision by its number (违反本规定第五条的，处…): its conduct is that provision's
_BY_NUMBER = re.compile(r"违反(?:本|前|该)(?:法|条例|规定|办法|细则|决定)?第[^条]{1,8}条")


# (not 拒不改正: the escalation of any breach's order to correct)
_RESISTING = (re.compile(r"拒绝|拒不(?!改正)|抗拒|不配合"), re.compile(r"阻挠|阻碍|妨碍|干涉|干扰"), re.compile(r"逃避|躲避|规避"))


def conduct_said(part: str, sentence: str, known: Callable[[str], bool] | None = None) -> bool:
    """A fine asked of a conduct (擅自进口…设施罚多少) is given only by a sentence saying that conduct — the part's first verb,
    or a statutory term of it — not by the fine of another conduct of the same thing (擅自销售…设施的，…处以…罚款). True where
    no fine is asked, the part names no conduct the library says, or the sentence states its conduct by a provision's
    number."""
    from assistant.index.lexical import dictionary_words, pos_tag
    from assistant.retrieve.thesaurus import expand

    asked = _ASKS_FINE.search(part)
    if not asked or _BY_NUMBER.search(sentence):
        return True
    # the conduct said in the clause of the part that asks the fine (…没有明码标价，按照《…》最多能罚多少钱: none there),
    # not in a title
    pieces = re.split(r"[，,；;。！!？?]", part[:asked.start()])
    clause = re.sub(r"《[^》]*》", " ", pieces[-1])
    if not clause.strip() and len(pieces) >= 2 and pieces[-2].endswith("的"):  # (…拒绝监督检查的，罚款多少: its 的 clause)
        clause = re.sub(r"《[^》]*》", " ", pieces[-2])
    # a conduct of refusing or obstructing (拒绝监督检查的): the fine of a sentence that says that kind of conduct, not the
    # fine of another breach of the same duty (未按照规定张贴…检查结果记录表的，…罚款 — trial P)
    told = re.sub(r"《[^》]*》", " ", part[:asked.start()])  # (…拒绝监督检查，最多罚多少 / …的，要罚多少钱 — review)
    for family in _RESISTING:
        if family.search(told):
            return bool(family.search(sentence))
    # (the act a breach marker opens — 擅自进口, 非法收购, 未经批准建设 — not the first verb of a story: 被查出, 发现, 举报)
    marked = _BREACH_MARKER.search(clause)
    if not marked:
        return True
    verbs = [w for w in dictionary_words(clause[marked.end():]) if (pos_tag(w) or "") in ("v", "vn") and w not in _NO_CONDUCT]
    if not verbs:
        return True
    verb = verbs[0]
    said = [v for v in (verb, *expand(verb)) if len(v) >= 2]
    if not said or (known is not None and not any(known(v) for v in said)):
        return True
    return any(v in sentence for v in said)


# who is asked (由谁, 向谁, 找谁, 归谁, 由哪个部门, 向哪一级人民法院, 什么机关) — not a story's whoever (谁家不搬就给谁家断水)
# nor a place (哪里, which the jurisdiction rule reads)
_WHO_ASKED = re.compile(r"(?:由|向|找|归|让|请|得|要|经)?(?:谁(?![家都也的])|(?:哪|什么)(?:一|个)?(?:级|家)?[\u4e00-\u9fff]{0,5}?"
                        r"(?:部门|机关|单位|机构|法院|检察院|政府|组织|委员会))(?:来|去|具体|负责|重新|再|进行|能|可以|才能)*")
# the acts a who-question may ask in general words, said in a clause in others (由谁处理 — 由…负责, 受理; 谁来交 — 由…承担)
_GENERIC_ACTS = frozenset({"负责", "处理", "办理", "决定", "管理", "主管", "管", "承担", "负担", "支付", "交纳", "缴纳", "解决",
                           "作出", "做出", "进行", "申请", "提出", "提起", "请求", "要求", "担当", "出钱", "掏钱", "拍板",
                           "同意", "审查", "审核", "是", "有", "做", "干", "说了算",
                           # (a decision asked in any of its words is given in another: 由谁批准 — 由院长决定 — review)
                           "批准", "核准", "审批", "批"})
_ACT_TAGS = ("v", "vn", "n")
_APPLYING_ACTS = frozenset({"申请", "提出", "提起", "请求", "要求"})


def asked_acts(question: str) -> list[tuple[str, str]]:
    """(asking part, act) for each part of ``question``'s asking sentences that asks who does an act (由哪个部门组建的:
    组建; 向谁备案: 备案; 由谁兼任主任: 兼任): the first word of two characters or more after the actor asked that names an
    act, after any word of applying (向谁申请复核: 复核), a general one (由谁负责, 谁来交) excepted — a clause says those in its own words."""
    from assistant.index.lexical import dictionary_words, pos_tag

    out = []
    for sentence in asking_sentences(question):
        for part in _SEGMENT.split(sentence):
            if (m := _WHO_ASKED.search(part)) is None or re.match(r"(?:不管|无论|不论)", part[max(0, m.start() - 2):m.start()]):
                continue
            if re.search(r"谁[^，,。；;？?！!]*(?:就|便|都)", part) or part.count("谁") >= 2:
                continue  # (谁泄露工资就罚谁: whoever, told — review finding)
            for w in dictionary_words(part[m.end():]):
                if w in ("的", "了", "呢", "吗", "啊", "呀"):
                    break
                if len(w) >= 2 and _HAN_WORD.fullmatch(w) and (pos_tag(w) or "") in _ACT_TAGS:
                    if w in _APPLYING_ACTS:
                        continue  # (向哪个部门申请复查: the act applied for, 复查)
                    if w not in _GENERIC_ACTS:
                        out.append((part, w))
                    break
    return out


def acts_unsaid(question: str, texts: list[str], known: Callable[[str], bool]) -> list[str]:
    """The parts of ``question`` asking who does an act (:func:`asked_acts`) that the library's words name and no sentence
    of the evidence says, nor a statutory term of it, of the thing the part names (专家委员会由哪个部门组建 — the clauses
    found say the committee reviews, and another body is 组建'd, never who sets the committee up): who does it is not in
    these clauses. An act the library never uses (点头) proves nothing."""
    from assistant.retrieve.thesaurus import expand

    sentences = [x for t in texts for x in re.split(r"[。；;！!？?]", t) if x.strip()]
    out = []
    for part, act in asked_acts(question):
        if not any(known(a) for a in [act, *(t for t in expand(act) if len(t) >= 2)]):
            continue
        if not any(says_act(part, act, x) for x in sentences):
            out.append(part)
    return out


def says_act(part: str, act: str, sentence: str) -> bool:
    """Does ``sentence`` say ``act`` — in its words, a statutory term of it, or one of its characters as a word of its own
    (担任 as 检察长任召集人) — and the thing ``part`` asks it of: the noun ending nearest before the actor asked, the longest
    there (房屋评估专家委员会是由…: 专家委员会), or a statutory term of it (孩子 → 子女)?"""
    from assistant.index.lexical import dictionary_words, names_a_thing
    from assistant.retrieve.thesaurus import expand

    said = [act, *(t for t in expand(act) if len(t) >= 2)]
    who = _WHO_ASKED.search(part)
    before = part[:who.start()] if who else ""
    things = [w for w in topic_words(before) if w not in said and names_a_thing(w)]
    thing = max(things, key=lambda w: (before.rfind(w) + len(w), len(w)), default="")
    # …with the nouns right before it, one name (这个专家委员会是由…: 专家委员会, not the 委员会 of another body — a 复核委员会
    # 由…组成 says nothing of it)
    if thing:
        at = before.rfind(thing)
        j = at
        for w in reversed(dictionary_words(before[:at])):
            if len(w) >= 2 and names_a_thing(w) and before[:j].endswith(w):
                j -= len(w)
            else:
                break
        thing = before[j:at + len(thing)]
    # (said as itself, not with a negating prefix making another kind: 非处方药目录 is no 处方药目录 — trial Q)
    if thing and not any(re.search(rf"(?<![非不无未]){re.escape(t)}", sentence) for t in (thing, *expand(thing))):
        return False
    # (a body asked — 向哪个部门, 由什么机关 —: a sentence naming none says the act of no one asked, 应当取得资质认定 —
    # trial S)
    if who and _BODY_KIND.search(who.group(0)) and not _BODY_KIND.search(sentence):
        return False
    return any(a in sentence for a in said) or _said_in_one_character(act, [sentence])


_BODY_KIND = re.compile(r"部门|机关|单位|机构|法院|检察院|政府|组织|委员会|局|厅|所|站|中心|协会")


def _said_in_one_character(act: str, texts: list[str]) -> bool:
    """Do the texts say a two-character act by one of its characters, a word of its own (担任 as 检察长任召集人, 批准 as
    由检察长批), or by a verb sharing one with it (颁发 as 签发 or 发放, 印刷 as 印制 — review findings)? The written style
    shortens verbs so, and says one act in several words."""
    from assistant.index.lexical import dictionary_words, pos_tag

    chars = set(act)
    return any(w in chars or (len(w) == 2 and set(w) & chars and (pos_tag(w) or "") in ("v", "vn", "n"))  # (印制 is an n)
               for t in texts if any(c in t for c in chars) for w in dictionary_words(t))


def _whole_sentences(sents: list[str]) -> list[str]:
    """For each of a clause's sentences (split at semicolons too), the whole sentence it is part of, up to a full stop:
    its parts joined by semicolons, and the items of an enumeration it opens."""
    out: list[str] = []
    group: list[str] = []
    for sent in sents:
        group.append(sent)
        if not sent.rstrip().endswith((";", "；", ":", "：")):
            out += ["".join(group)] * len(group)
            group = []
    out += ["".join(group)] * len(group)
    return out


def distinct_words(words) -> list[str]:
    """The words not inside another of them (jieba's search mode gives 裁决书 and 裁决: one word of the text)."""
    return [w for w in words if not any(w != v and w in v for v in words)]


# China's provincial-level divisions, which a question names without 省/市 (上海现在的最低工资标准是多少？)
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
             "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
             "广西", "西藏", "宁夏", "新疆", "香港", "澳门")


# one pass, longest first, no overlaps (上海南京路: 上海, not 海南); not inside words (东西藏起来, 隆重庆祝, 江西部 after 浙)
_GUARDED = {"西藏": "(?<!东)西藏", "重庆": "(?<!隆)重庆(?!祝)", "福建": "(?<!幸)福建(?!设)"}  # (幸福建设)
_PROVINCE = re.compile("|".join(_GUARDED.get(p, p) for p in sorted(PROVINCES, key=len, reverse=True)))
_PLACE_DOCUMENT = re.compile(rf"(?:省|市|自治区)?(?:的(?:{GENRE_ALTERNATION})|(?:条例|办法|实施办法|意见|方案))")


_TELLS_WHO = re.compile(r"(?:我|咱|本人|本院|这边|这里|你好|您好|请问|他|她|公司|老家)")
# a part telling where a person or a thing is from or is (他是上海市户口, 公司注册在天津市, 从广州市寄到北京市): a story's place
_STORY_PLACE = re.compile(r"是|在|从|到|户口|户籍|注册|籍|人(?:$|[，,])")


def places(question: str) -> list[str]:
    """Place names in the asking parts of a question, by their 省/市 suffix, as the two characters
    before it (北京市 → 北京, 石家庄市 → 家庄): enough to look the place up in the evidence. Not a place:
    我市/本省 (the asker's own), 市场/市民/省份/省级 (words, not suffixes). The provincial-level divisions are
    recognised without a suffix too (上海现在的最低工资标准是多少？, 广西, 内蒙古)."""
    out = []
    # the parts that ask ("我们是武汉市的检察院" tells who asks, not what about) — and a value part too short to name its
    # topic read with the part before it (内地与澳门法院相互委托送达文书，期限是多久？: 澳门 is what the 期限 is of), unless
    # that part tells who asks
    asked_of = [p for p in segments(question) if ASKS.search(p)]
    asked_of += [p for p in value_segments(question) if p not in asked_of and not _TELLS_WHO.match(normalize(p).lstrip())
                 and not _STORY_PLACE.search(re.split(r"[，,]", normalize(p))[0])]
    for part in asked_of:
        for m in _PLACE.finditer(part):
            if part[m.end():m.end() + 1] in _NOT_SUFFIX or (m.group(2) == "省" and m.group(1)[-1] in _NOT_BEFORE_SHENG):
                continue
            name = m.group(1)[-2:]
            if len(name) == 2 and name[-1] not in _NOT_PLACE and name[0] not in _NOT_PLACE_START and name not in out:
                out.append(name)
        for m in _PROVINCE.finditer(part):  # the two characters the evidence is searched for (内蒙古 → 内蒙)
            short = m.group(0)[:2]
            # not a place's document (北京的条例是怎么说的, 北京条例: a document, whose clauses are looked up)
            if short not in out and not _PLACE_DOCUMENT.match(part, m.end()):
                out.append(short)
        # a river, lake or sea by its name (黄河 where the rules are on 长江's 河道): a whole word of the part, not a county or a
        # district of that name (东海县, 太湖县) nor characters of other words (上海河道, 山东海关, 武汉江岸区 — review findings)
        from assistant.index.lexical import dictionary_words, word_bounds

        bounds = word_bounds(dictionary_words(part))
        for m in _WATER.finditer(part):
            if (m.start() in bounds and (m.end() in bounds or _WATER_PART.match(part, m.end()))
                    and m.group(0) not in out
                    and not re.match(r"[县区市镇乡村街路港关事]", part[m.end():m.end() + 1])
                    and not _PLACE_DOCUMENT.match(part, m.end())):
                out.append(m.group(0))
        # …and a country or region the dictionary knows by name (美国, 欧洲, 香港, 澳门: no 省/市 suffix), by the last character
        # of such names (its place tags hold common words too: 东西) — not a word naming no one place (中国, 外国, 回国)
        from assistant.index.lexical import dictionary_words, pos_tag

        for word in dictionary_words(part):
            if ((pos_tag(word) or "").startswith("ns") and _COUNTRY_OR_REGION.fullmatch(word) and word not in _NO_ONE_PLACE
                    and not any(word in o or o in word for o in out)
                    and not _PLACE_DOCUMENT.match(part, part.find(word) + len(word))):
                out.append(word)
    return out


# China's major rivers, lakes and seas, which a rule on one of them (长江河道采砂) does not govern for another: places too
WATERS = ("长江", "黄河", "珠江", "淮河", "海河", "辽河", "松花江", "澜沧江", "怒江", "雅鲁藏布江", "汉江", "嘉陵江", "岷江", "湘江",
          "赣江", "闽江", "钱塘江", "西江", "太湖", "洞庭湖", "鄱阳湖", "巢湖", "滇池", "洱海", "渤海", "黄海", "东海", "南海")
_WATER = re.compile("|".join(sorted(WATERS, key=len, reverse=True)))
# a part of a river said with it in one word (黄河流域, 长江口, 长江干流: second review)
_WATER_PART = re.compile(r"流域|干流|支流|水系|沿岸|两岸|口|上游|中游|下游|段|河段|河道|入海口")


# a country (美国, 俄罗斯联邦 is said 俄罗斯 — 国 ends most), a continent (欧洲), or the regions outside the mainland's law
_COUNTRY_OR_REGION = re.compile(r"[^治建爱报救卖亡立开护兴富强大小宁全举回出归各本他祖异两邻王帝万中外我][\u4e00-\u9fff]?国"
                                r"|[欧亚非]洲|(?:南|北)?美洲|大洋洲|澳洲|香港|澳门|台湾")  # (not 依法治国, 建国, 株洲 — review)
# what the evidence says of any country but China's own (a rule names no particular country: 外国法院的判决)
_FOREIGN = re.compile(r"外国|国外|境外|外籍|涉外|域外")


# words the dictionary files as places that name no one place
_NO_ONE_PLACE = frozenset({"中国", "外国", "回国", "出国", "归国", "各国", "本国", "他国", "祖国", "异国", "全国", "国外", "国内",
                           "中华", "中外", "海外", "内地", "大陆", "境内", "境外", "当地", "本地", "外地", "异地", "各地", "共和国",
                           "绿洲", "沙洲", "我国", "两国", "邻国", "强国", "大国", "小国", "王国", "帝国", "万国", "联合国"})


def missing_places(question: str, records: list[dict], documents: dict[str, dict]) -> list[str]:
    """Places the question names that neither the clauses nor their documents' titles/issuers mention."""
    missing = []
    for name in places(question):
        seen = False
        foreign = bool(_COUNTRY_OR_REGION.fullmatch(name)) and name not in ("香港", "澳门", "台湾")
        for r in records:
            doc = documents.get(r.get("doc_id"), {})
            where = " ".join([r.get("text_normalized", ""), doc.get("title", ""), " ".join(doc.get("issuers") or [])])
            if name in normalize(where) or (foreign and _FOREIGN.search(normalize(where))):  # (美国: a 外国 the rule says)
                seen = True
                break
        if not seen:
            missing.append(name)
    return missing


ASKS = re.compile(r"吗|呢|什么|哪些|哪个|哪种|哪里|如何|怎么|怎样|谁|是否|能否|可否|能不能|可不可以|要不要|有没有|多少|多久|多长|几")


def unanswered_parts(question: str, statements: list[str], min_coverage: float, strip: list[str] | None = None,
                     stopwords: tuple[str, ...] = (), min_grams: int = 4) -> list[str]:
    """The asking parts of a question of several parts that no statement covers (share of the part's
    content bigrams in the best statement below ``min_coverage``): each is marked as not found."""
    parts = [p for p in segments(question) if ASKS.search(p)]
    if len(parts) < 2:
        return []
    grams = [set(bigrams(normalize(t))) for t in statements]
    out = []
    for part in parts:
        qg = content_grams(ASKING_WORDS.sub(" ", part), strip, stopwords)
        if len(qg) < min_grams:
            continue
        best = max((len(qg & g) / len(qg) for g in grams), default=0.0)
        if best < min_coverage:
            out.append(part)
    return out


def absent_terms(question: str, known: Callable[[str], bool], strip: list[str] | None = None,
                 together: Callable[[list[str]], bool] | None = None) -> list[str]:
    """The colloquial words (thesaurus entries) of the question's asking parts that the library never uses and
    whose statutory terms it never uses either: the topic they name has no clause here. A word without a
    thesaurus entry is not judged (a colloquial word of no entry says nothing about the library)."""
    from assistant.index.lexical import dictionary_words, word_bounds
    from assistant.retrieve.thesaurus import entries, story_words
    from assistant.text.abbrev import known_law_names

    laws = known_law_names()
    out: list[str] = []
    for part in segments(question):
        if not ASKS.search(part):
            continue
        text = ASKING_WORDS.sub(" ", part)
        for name in sorted(strip or [], key=len, reverse=True):  # longest first
            text = text.replace(normalize(name), " ")
        # a thesaurus word counts where it is whole words of the part (长跑了解 holds no 跑了)
        words = dictionary_words(text)
        bounds = word_bounds(words)
        for word, terms in entries():  # longest first; a word inside a longer entry found here is that entry's
            start = text.find(word)
            while start >= 0 and not (start in bounds and start + len(word) in bounds):
                start = text.find(word, start + 1)
            if start >= 0 and word not in out:
                text = text[:start] + " " * len(word) + text[start + len(word):]
                if _QUANTITY_TERM.search(word) or all(_QUANTITY_TERM.search(t) for t in terms):
                    continue  # a quantity (半个月 → 十五日) may be written in figures (15日), or another figure applies
                if word in story_words():
                    continue  # a story's word (跑路, 喝了酒): what happened, not what is asked about
                if not _used(word, known, together) and not any(_used(t, known, together) for t in terms):
                    out.append(word)
        # a statutory term asked by its own name (犯罪记录封存, 诉讼费用) that the library never uses: no clause on it
        for term in statutory_terms():  # longest first
            start = text.find(term)
            while start >= 0 and not (start in bounds and start + len(term) in bounds):
                start = text.find(term, start + 1)
            if start >= 0 and term not in out:
                text = text[:start] + " " * len(term) + text[start + len(term):]
                # (nor a term the library says another way the thesaurus gives beside it: 受害人 where it says 被侵权人 —
                # trial L)
                if not _used(term, known, together) and not any(_used(t, known, together) for t in _alternatives(term)):
                    out.append(term)
        # the subject of a national law the library lacks, asked by its name (专利权 of the 专利法, 个人所得税 of the
        # 个人所得税法) and never used by the library: no clause on it. Three characters or more: a two-character one is an
        # everyday word a story tells (在一家公司上班, 合同到期, 出去旅游 — 公司法, 合同法, 旅游法; review finding)
        for w in words:
            if (len(w) >= 3 and w not in out and w in text and re.fullmatch(r"[\u4e00-\u9fff]+", w)
                    and (w + "法" in laws or (w.endswith("权") and w[:-1] + "法" in laws)) and not _used(w, known)):
                out.append(w)
    return out


def _noun_with(before: str, word: str) -> bool:
    """Does ``word`` end a noun the dictionary knows with the word before it (营业 + 执照, 违法 + 所得)?"""
    from assistant.index.lexical import pos_tag

    return any((pos_tag(before[-k:] + word) or "") in ("n", "nz", "l", "i") for k in (2, 3, 4) if len(before) >= k)


# what receives the object of an act (移送人民检察院, 报送主管部门, 交给当事人)
_RECIPIENT = re.compile(r"人民检察院|人民法院|公安机关|(?:有关|主管|上级|登记|原|同级)?(?:机关|部门|机构)|当事人|申请人")
# the words naming an office after a verb-like modifier (经办机构, 登记机关, 主管部门)
_OFFICE = re.compile(r"机构|机关|部门|中心|委员会|单位")
# the last characters of a noun naming a person or an organ (驾驶员, 老百姓, 城里人, 个体户; 基金委, 派出所, 居委会): a story's
# actor, whatever the rule calls them (主管部门, 基金管理机构)
_PERSON_END = re.compile(r"[员人者户姓民委局厅办所会院部]$")


def absent_nouns(question: str, known: Callable[[str], bool], texts: list[str], strip: list[str] | None = None) -> list[str]:
    """The things the question's asking parts name by a dictionary noun (jieba's n / nz) of three characters or more that the
    library never uses, nor its last two characters — the kind of thing it is (航空器: 空器, 核电站: 电站, 国库券: 库券 — a 券,
    not the 国库 the library is about): no clause on it. Not a reader's shortening of words ``texts`` (the evidence) say
    whole (个体户 of 个体工商户, 职代会 of 职工代表大会), a person or an organ (驾驶员, 老百姓, 基金委: a story's actor,
    whatever the rule calls them), a thesaurus word (its statutory terms are judged, :func:`absent_terms`), a name in ``strip``, a latin or
    numbered word (4S店)."""
    from assistant.index.lexical import dictionary_words, pos_tag
    from assistant.retrieve.thesaurus import entries

    thesaurus = [w for word, terms in entries() for w in (word, *terms)]
    out: list[str] = []
    for text in _asking_parts(question, strip):
        for word in dictionary_words(text):
            if (len(word) >= 3 and word not in out and _HAN_WORD.fullmatch(word) and (pos_tag(word) or "") in ("n", "nz")
                    and not known(word) and not known(word[-2:]) and not _PERSON_END.search(word)
                    # (a money's or a card's name whose stem the library says: 补偿金 of 经济补偿 — review finding)
                    and not (word[-1] in _CLASS_ENDS and known(word[:-1]))
                    # (a place of an act whose act the library says: 采石场 of 禁止…采石 — trial Q)
                    and not (word[-1] in _PLACE_ENDS and known(word[:-1]))
                    and not any(word in t for t in thesaurus) and not _said_whole_in(word, texts)
                    # (a verb and its object the dictionary keeps as one word — 坐飞机, 打麻将: how a story went, not a thing)
                    # (…not 退税率: 退税 is a word, the noun is its 率)
                    and not (word[0] in "坐搭骑打玩" and (pos_tag(word[1:]) or "").startswith("n")
                             and not pos_tag(word[:2]))):  # (乘用车, 配货站, 助动车: things — second review)
                out.append(word)
    return out


# nouns of talk that name no topic (时候, 地方, 东西) or the document asked about itself (原文, 文号), and where one is (外地):
# never a legal topic the library lacks, however often statutes use them
_NO_TOPIC_NOUNS = frozenset({"时候", "地方", "东西", "事情", "情况", "问题", "方面", "原文", "全文", "文号", "内容", "外地", "本地",
                             "当地", "外面", "里面", "上面", "下面"})


@cache
def legal_nouns() -> dict[str, int]:
    """The two-character nouns of Chinese legislation and the number of statutes using each
    (``assistant/data/legal_nouns.txt``, made by ``scripts/build_legal_nouns.py`` from real legal files, no evaluated one)."""
    from importlib import resources

    out: dict[str, int] = {}
    for line in (resources.files("assistant") / "data" / "legal_nouns.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, n = line.split()
            out[word] = int(n)
    return out


def absent_legal_nouns(question: str, known: Callable[[str], bool], texts: list[str], min_statutes: int,
                       strip: list[str] | None = None) -> list[str]:
    """The two-character nouns of the question's asking parts that statutes use (in ``min_statutes`` of them or more:
    定金, 林地, 税率, 兽用) and the library never does: perhaps a legal topic it has no clause on, the clauses found sharing
    the question's other words (商品房, 合同; 疫苗, 企业) — or an everyday word for what the library says otherwise (公司 for
    用人单位, 房租 for 租金: a review found both), so the answer says it, it is not refused. An everyday word statutes do not use (楼盘, 小区) says nothing of the
    library, nor a word of talk (时候, 原文), a person or an office (司机, 庭长, 派出所), a thesaurus word (its statutory
    terms are judged, :func:`absent_terms`), a name in ``strip``, or a shortening ``texts`` (the evidence) says whole."""
    from assistant.index.lexical import dictionary_words, pos_tag
    from assistant.retrieve.thesaurus import entries

    if min_statutes <= 0:
        return []
    keys = {word for word, _terms in entries()}
    statutes = legal_nouns()
    out: list[str] = []
    for text in _asking_parts(question, strip):
        for w in dictionary_words(text):
            if (w not in out and re.fullmatch(r"[\u4e00-\u9fff]{2}", w) and (pos_tag(w) or "") in ("n", "nz", "vn")
                    and w not in _NO_TOPIC_NOUNS and w not in keys and statutes.get(w, 0) >= min_statutes
                    and not _PERSON_END.search(w) and not w.endswith(("长", "机", "方")) and not known(w)
                    and not _said_whole_in(w, texts)):
                out.append(w)
    return out


def _asking_parts(question: str, strip: list[str] | None) -> list[str]:
    """The question's asking parts (not a story's telling ones), normalised, without their asking words and the names in
    ``strip`` (longest first)."""
    out = []
    for part in segments(question):
        if ASKS.search(part):
            text = ASKING_WORDS.sub(" ", normalize(part))
            for name in sorted(strip or [], key=len, reverse=True):
                text = text.replace(normalize(name), " ")
            out.append(text)
    return out


# the last character naming the class of a thing (补偿金, 通讯费, 社保卡, 许可证, 年终奖) or the place where it is done (收购站,
# 服务点): its stem names the thing
_CLASS_ENDS = "费金卡证奖券款站点"
_PLACE_ENDS = "场厂站所点库"  # a place where an act is done (采石场, 屠宰厂, 加油站): the act names its topic


def _said_whole_in(word: str, texts: list[str]) -> bool:
    """Do the texts say the whole form a shortening stands for: its characters in order, a few apart (个体户 in 个体工商户)?"""
    pattern = re.compile("[^，,。；;：:]{0,4}?".join(re.escape(ch) for ch in word))
    return any(pattern.search(t) for t in texts)


def absent_kinds(question: str, known: Callable[[str], bool], titles: list[str], strip: list[str] | None = None) -> list[str]:
    """The kinds of a thing the question's asking parts name that the library has only other kinds of: a noun the library
    never uses (nor a statutory term of it) before a word it uses, where the titles of the documents found name that word
    after another noun (动物检疫 where the document is the 植物检疫条例; 国家社会科学基金 where it is the 国家自然科学基金条例)
    — the thing asked is another kind than the one those documents are about: no clause on it. ``titles``: the normalised
    titles of the documents of the best clauses (a general rule on the thing — 工伤保险条例 for 农民工工伤保险 — covers
    every kind of it). Not a person's or a place's name (nr / ns: 北京…), nor a story's words (the asking parts only)."""
    from assistant.index.lexical import dictionary_words, names_a_thing, pos_tag
    from assistant.retrieve.thesaurus import expand
    from assistant.text.abbrev import in_order

    out: list[str] = []
    for text in _asking_parts(question, strip):
        words = dictionary_words(text)
        for kind, head in zip(words, words[1:]):
            tag, head_tag = pos_tag(kind) or "", pos_tag(head) or "n"
            if (len(kind) < 2 or len(head) < 2 or not tag.startswith("n") or tag in ("nr", "ns", "nrt", "nrfg")
                    or not (head_tag.startswith("n") or head_tag == "vn")  # (a thing's kind: 开枪 is done, no thing)
                    or known(kind) or any(known(t) for t in expand(kind)) or not known(head)):
                continue
            # (the head's first word where the titles have no more of it: 基金 of 基金项目)
            before = [t[max(0, i - 8):i] for h in dict.fromkeys([head, head[:2]] if len(head) >= 4 else [head])
                      for t in titles for i in _finds(t, h)]
            if any(in_order(kind, b) for b in before):
                continue  # the same kind said in full (海关人员 in 海关工作人员开枪…)
            others = {(dictionary_words(b) or [""])[-1] for b in before}
            if any(len(o) >= 2 and o != kind and names_a_thing(o) and (pos_tag(o) or "") not in ("nr", "ns", "vn", "m")
                   for o in others):  # (a noun of another kind: not 管理/办理 of 管理工伤保险 — review finding)
                out.append(kind + head)
    return list(dict.fromkeys(out))


def _finds(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


_QUANTITY_TERM = re.compile(r"[一二三四五六七八九十百千两半双\d]+(?:个)?(?:日|天|月|年|倍|周岁|岁|审|星期|周)|^第")


@cache
def _alternatives(term: str) -> tuple[str, ...]:
    """The other statutory terms of the thesaurus entries listing ``term`` that end as it does (受害人: 被害人, 被侵权人 —
    one role, which statutes name in their own ways)."""
    from assistant.retrieve.thesaurus import entries

    # (of the same head — 人 of 受害人, 被侵权人 — not a related term of the entry: 消费 beside 限制民事行为能力人)
    return tuple(dict.fromkeys(t for _w, terms in entries() if term in terms for t in terms
                               if t != term and len(t) >= 3 and t[-1] == term[-1]))


@cache
def statutory_terms() -> tuple[str, ...]:
    """The statutory terms of the thesaurus (its targets) of three characters or more, longest first: words of the
    law, which a library on their topic uses as they are."""
    from assistant.retrieve.thesaurus import entries

    # (not a quantity: 十五日, 六个月 or 价款十倍 may be written 15日 by the library, or not at all where another figure applies)
    return tuple(sorted({t for _w, terms in entries() for t in terms if len(t) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", t)
                         and not _QUANTITY_TERM.search(t)},
                        key=lambda t: (-len(t), t)))


def _used(term: str, known: Callable[[str], bool], together: Callable[[list[str]], bool] | None = None) -> bool:
    """Might the library use ``term``: a word of its vocabulary, or each of its character pairs and (a term of several
    words) each of its words (解除婚姻关系 is not used by a library that has 解除 and 关系 but no 婚姻; 案件受理费 not by one with 案件, 受理 and
    理费 — in 管理费 — but no 受理费; 婚前医学检查 not by one with 婚前, 医学 and 检查 but no 前医). With ``together(words)``
    (does one clause hold them all), a term of several words one clause says apart (管制刀具: 管制范围内的刀具) is used."""
    from assistant.index.lexical import precise_words

    if known(term):
        return True
    words = [w for w in precise_words(term) if len(w.strip()) >= 2]  # (性 of 性|侵害 tells nothing)
    if together is not None and len(words) >= 2 and all(known(w) for w in words) and together(words):
        return True
    # (pairs of characters only: 饰、 of 掩饰、隐瞒 is no pair a library's index holds)
    grams = [g for g in (term[i:i + 2] for i in range(len(term) - 1)) if re.fullmatch(r"[\u4e00-\u9fff]{2}", g)]
    # (a term of one word the library splits otherwise in its sentences — 预防性|侵害 for 性侵害 — by its pairs alone)
    return bool(grams) and all(known(g) for g in grams) and (len(words) <= 1 or all(known(w) for w in words))


def decide(ev: Evidence, min_coverage: float) -> tuple[bool, str, bool]:
    """(answer?, reason, partial) from the evidence. ``partial``: the clauses are on the question's
    topic but do not give what it asks (a value, a place): an honest "未找到直接规定" with the clauses
    that may be relevant, rather than a flat 未找到依据."""
    if ev.absent_terms:
        return False, f"the library uses neither {'、'.join(ev.absent_terms)} nor its statutory terms", False
    if ev.coverage < min_coverage:
        return False, f"no question segment is covered by a retrieved clause (best {ev.coverage:.2f} < {min_coverage})", False
    if not ev.value_ok():
        asked = ev.values_missing()
        return False, f"the clauses do not give the value asked for: {asked[0]}", True
    if ev.places_missing:
        return False, f"no retrieved clause concerns {'、'.join(ev.places_missing)}", True
    if ev.split_ask:
        return False, f"only documents on other matters than the question's facts cover: {ev.split_ask}", True
    if ev.acts_missing and len(ev.acts_missing) >= ev.asking_parts:  # (a question of other parts too: those answered,
        # this one marked as not found)
        return False, f"no clause says the act asked of whom: {ev.acts_missing[0]}", True
    return True, "covered", False
