"""What a user's text asks for, and which of its words to search with (pure functions).

A drafting request ("为通州区检察院起草一份服务保障城市副中心绿色发展的工作方案提纲，并标注每部分
的依据条款") mixes a topic with instructions to the assistant: who the plan is for, the verb,
the genre and how to cite.  Only the topic says which clauses are relevant, so the retriever
searches with :func:`search_text`; the plan builder uses :func:`parse_request` for its title.
"""

from __future__ import annotations

import re

from assistant.text.textnorm import normalize

# (拟个方案, 拟工作方案 — not 拟开展: an intent; 出个方案, not 出台)
_VERBS = ("起草|拟定|制定|草拟|编制|撰写|写|拟(?=一份|一个|个|份|[\u4e00-\u9fff]{0,6}?(?:方案|提纲|计划))"
          "|出(?=一份|一个|个|份)")
_PLAN_REQUEST = re.compile(r"(方案|提纲|计划|清单|安排)")
_ORG = re.compile(rf"为([^，,。；;]{{2,30}}?)(?:{_VERBS})"
                  # (帮/替/给 an organ 写/拟…: 帮劳动保障监察大队写个方案, 帮县医疗保障局拟一个…)
                  rf"|(?:^|(?<=[请你想要，,]))(?:帮|替|给)(?!付|予)([^，,。；;我你他她的]{{2,30}}?(?:院|局|厅|委|办|处|科|室|部门|单位|中心"
                  rf"|机关|政府|队|所))(?:{_VERBS})")
_TOPIC = re.compile(rf"(?:{_VERBS})(?:一份|一个|份|(?<=[写拟出])个)?(.*?)(?:的)?(?:年度)?(?:工作方案|实施方案|方案提纲|工作计划|任务清单|提纲|方案)")
# a request that opens with its organ (武汉市洪山区检察院未成年人综合保护工作方案, 请起草北京市朝阳区人民检察院…): the name up to
# the first organ word, with nothing that asks or drafts inside it
# (and the departments of a government by their field: 区市场监管局, 市生态环境局, 省自然资源厅, 卫健委, 网信办)
_DEPARTMENT = (r"(?:市场监督管理|市场监管|监督管理|应急管理|生态环境|自然资源|交通运输|农业农村|住房和城乡建设|人力资源和社会保障|卫生健康"
               r"|医疗保障|文化和旅游|退役军人事务|城市管理|综合执法|税务|民政|教育|财政|审计|统计|商务|水务|城管|人社|住建|司法|公安|信访"
               r"|医保|药监|药品监督管理|稽查|农业|林业|水利|文旅|体育|卫生)"
               r"(?:局|厅|委员会|委)(?![托派面势限长])|卫健委|发改委|网信办|信访办|交警(?:总队|支队|大队|中队)")  # (not 税务委托, 教育局面临)
# what may stand before a department in its name: an administrative level or a place (区, 市, 北京市朝阳区), nothing else
_DEPARTMENT_PREFIX = r"(?:[\u4e00-\u9fff]{0,10}?(?:省|市|区|县|州|盟|旗|镇|乡|自治区))?"
# any department named with its level or place (市知识产权局, 市文化执法支队, 省药品监督管理局): the level, a field of
# two characters or more, the office word
_LEVELLED = (r"(?:[\u4e00-\u9fff]{0,10}?(?:省|市|区|县|州))[\u4e00-\u9fff]{2,10}?"
             r"(?:(?<![布格大当结开僵骗赌])局|厅|委员会|办公室|总队|支队|大队|中队)(?![托派面势限长])")  # (not 布局, 格局)
_ORGAN = (r"(?:人民检察院|检察分院|检察院|检察机关|人民政府|政府|行政机关|公安分局|公安局|公安机关|人民法院|法院|审判机关|司法局|监察委员会"
          r"|委员会)")
# an organ named bare at the head of a request (检察院开展…, 区政府2025年…): the organs of justice by their own name, a
# government only with its level (政府信息公开 is a topic)
# (a court only with its level: 法院执行监督 is a topic; 检察院长 is a person)
_BARE_ORGAN = (r"(?:(?:[区市县省州](?:人民)?|人民)?检察院(?!长)|检察机关|[区市县省州](?:人民)?法院(?!长)|公安机关|[区市县]公安(?:分)?局"
               r"|[区市县省州乡镇](?:人民)?政府)")
_LEAD_ORG = re.compile(rf"^(?:请|麻烦)?(?:你)?(?:帮(?:我|忙)?)?(?:(?:{_VERBS})(?:一份|一个|份)?)?"
                       rf"((?:[^\s，,。；;“”《》]{{2,24}}?{_ORGAN}|{_DEPARTMENT_PREFIX}(?:{_DEPARTMENT})(?:{_DEPARTMENT})?|{_BARE_ORGAN}"
                       rf"|{_LEVELLED})"
                       rf"(?:[与和、][^\s，,。；;“”《》]{{0,16}}?(?:{_ORGAN}|{_DEPARTMENT}))?)(?:的|关于)?")
# words that open a topic, not an organ's name (关于法院执行监督…, 加强检察机关法律监督工作…)
_NOT_ORG = re.compile(r"^(?:关于|加强|推进|推动|深化|落实|贯彻|做好|开展|完善|健全|建立|服务|保障|提升|强化|规范|依法|支持|配合|对"
                      r"|与|和|同|跟)")
_GENRE_TAIL = re.compile(r"(?:的)?(?:年度)?(?:工作方案|实施方案|方案提纲|工作计划|任务清单|提纲|方案|计划)(?:提纲)?$")
_FOCUS = re.compile(r"(?:^|[，,；;])\s*(?:要求)?(?:突出|重点|聚焦|围绕|包括|涵盖)(?:于|在)?([^。；;，,]+(?:[，,][^。；;，,]+)*)")

# Instructions inside a drafting request that name no topic.
# "为…起草": the words between must end like a body (…检察院, …部门, …公安分局, 某区), so that
# "为落实府检联动起草…" keeps its topic.
_ADDRESSEE = re.compile(rf"(?:请|麻烦)?(?:你)?(?:帮(?:我|忙)?|替|给|为)[^，,。；;？?！!]{{0,40}}?"
                        rf"(?:院|局|厅|委|办|处|科|室|部|部门|单位|中心|机关|政府|法院|小组|组|队|所|区|市|县|镇|街道)"
                        rf"(?=(?:{_VERBS}))")
_SOURCE = r"(?:依据|条款|出处|来源|条文|文件|原文|文号)"
_CITING = re.compile(r"[，,；;、]?\s*(?:并|要求|同时|且|请)?\s*(?:在每部分|每部分|每项|逐项|分别)?\s*"
                     r"(?:标注|注明|列明|引用|写明|附上|标明|说明|列出)"
                     r"(?:每部分|每项|每条|各部分|相关|有关|所|的|其|对应|具体|政策|法律|法规|引用)*"
                     rf"{_SOURCE}(?:(?:的|和|及|与|、)?{_SOURCE})*")
_POLITE = re.compile(r"^(?:请|麻烦)?(?:你)?(?:帮(?:我|忙)?|替我|给我)")
_DRAFT_VERB = re.compile(r"(?:起草|拟定|草拟|编制|撰写)(?:一份|一个|份)?")
_GENRE = re.compile(r"(?:的)?(?:工作方案|实施方案|工作计划|方案)?(?:的)?提纲|(?:的)?(?:工作方案|实施方案|工作计划)(?=$|[\s，,。；;])")


_IMPLEMENTS = re.compile(rf"^(?:请)?(?:你)?(?:根据|按照|依据|依照|对照|贯彻落实|贯彻|落实)(《?[^，,。；;]{{2,60}}?》?)(?:的(?:要求|规定|部署))?"
                         rf"[，,]?\s*(?:为[^，,。]{{2,20}}?)?(?:{_VERBS})")


def is_plan_request(text: str) -> bool:
    t = normalize(text)
    return bool(_PLAN_REQUEST.search(t)) and bool(re.search(_VERBS, t))


def parse_request(text: str) -> tuple[str, str, list[str]]:
    """(organisation, topic, focus terms) of a request like 为通州区检察院起草…工作方案提纲，突出…"""
    t = normalize(text)
    t = _LABEL.sub("，", re.sub(r"[（(](?:含|包括|不含|不包括)[^（）()]{0,20}[）)]", "", t))  # (时间：…, 我局（含各分局）)
    # the speaker's own organ named in brackets (我局（县市场监督管理局，承担化妆品监管职责）准备…): the organ, and none of the topic
    own = _OWN_ORGAN.search(t)
    if own:  # (replaced by the organ's name, so that what it intends is read as after any organ named first)
        t = t[:own.start()] + own.group(1) + t[own.end():]
    org = ((m.group(1) or m.group(2)).strip() if (m := _ORG.search(t)) else "")
    topic = (m.group(1).strip(" ，,、") if (m := _TOPIC.search(t)) else _INTENT.sub("", t) or t)  # (我局拟开展…，请起草方案)
    topic = re.sub(r"^(?:一份|一个)", "", topic).strip()
    if not org and (m := _LEAD_ORG.match(topic)) and m.end() < len(topic) and not _NOT_ORG.match(m.group(1)):
        org, topic = m.group(1), topic[m.end():]  # 武汉市洪山区检察院 | 未成年人综合保护工作方案
        topic = _INTENDS.sub("", topic) or topic  # 省药监局 | 要组织 | 全省化妆品生产企业…专项检查
    if org and topic.startswith(org):
        topic = topic[len(org):]
    # the topic up to the instructions that follow it (，并注明依据 / ，突出… / ，要求…), not up to any comma
    topic = re.split(r"[，,。；;]\s*(?=(?:并|要求|请|同时|注明|标注|列明|写明|突出|重点|聚焦|围绕|包括|涵盖|字数|篇幅|注意|顺带|顺便))", topic)[0]
    topic = re.sub(r"^(?:的|关于)", "", _GENRE_TAIL.sub("", topic.strip(" ，,。；;"))).strip() or topic
    # 根据《X》起草（本院）落实工作方案: the document implemented is the topic when what follows the verb names none
    implemented = _IMPLEMENTS.match(t)
    if implemented and not re.sub(r"^(?:本院|我院|本单位|我单位)?(?:贯彻)?(?:落实)?(?:工作)?$", "", topic):
        topic = "落实" + implemented.group(1).strip("《》")
    if not _names_topic(topic) and (told := _told_topic(t)):
        # the topic told before the drafting sentence (市医保局要开展打击欺诈骗保专项检查，…请起草工作方案): what that
        # sentence names (工作, 专项检查) is no topic — and its organ, when none was found, the one that tells it
        (told_org, topic) = told
        org = org or told_org
    if (m := _INTENDING_ORG.match(topic)) and m.end() < len(topic) and not _NOT_ORG.match(m.group(1)):
        # an organ, or a unit of the one named (省民政厅 | 社会组织管理局准备…, 海事局汛期前要…), right before what it intends
        org, topic = org + m.group(1), _INTENDS.sub("", topic[m.end():]) or topic[m.end():]
    if org and (m := _JOINT.match(topic)):  # 联合生态环境分局开展…: a second organ, not the topic (a trial's plan title)
        org = f"{org}、{m.group(1)}" if org else m.group(1)
        topic = topic[m.end():] or topic
    focus = []
    if m := _FOCUS.search(t):
        focus = [f for f in (_focus_term(x) for x in re.split(r"[、，,和及与]", m.group(1)))
                 if len(f) >= 2 and not re.search(rf"注明|标注|列明|依据|条款|出处|{_VERBS}", f)]
    for part in re.split(r"[，,。；;]", t):
        # what the plan must say (写清再审检察建议和提请抗诉怎么把握, 要把各部门分工和举报受理写清楚, 也要兼顾电子发票): focus too
        if (m := _HOW.match(part.strip())) and not re.search(r"注明|标注|列明|依据|条款|出处", part):
            body = re.sub(r"(?:写清楚|写清|写明|说清楚|讲清楚|理一理|理清楚|理顺|梳理清楚|梳理一下)$", "", part.strip()[m.end():])
            body = re.sub(r"怎么|如何|怎样|是否|要不要", "", body)
            focus += [f for f in (_focus_term(x) for x in re.split(r"[、和及与]", body)) if len(f) >= 2 and f not in focus]
    if own and (not org or own.group(1) in org):
        # the speaker's own organ is the plan's (今年要对我局（市市场监督管理局）许可的…: not 今年要对市市场监督管理局)
        org = own.group(1)
    # (what is told in the parts before the drafting sentence's own: 下个月…演唱会，| 请为市公安局起草…)
    before = re.sub(r"[^，,。；;？?！!]*$", "", t[:d.start()]) if (d := _DRAFTING.search(t)) else ""
    if _names_topic(topic) and len(_subject_chars(topic)) <= 2 and (told := _told_topic(before)) and topic not in told[1]:
        # a drafting sentence naming one word of a subject (起草安全监督工作方案) after a story telling what it is for
        # (下个月体育中心要办一场…演唱会): the story is what the plan must cover — a focus, the title keeps the topic
        story = _focus_term(told[1])
        if len(story) >= 2 and story not in focus:
            focus.append(story)
    if focus and not _names_topic(re.sub(rf"请|{_VERBS}", "", topic)):  # (请起草方案，要求如下：聚焦校园周边食品安全: its focus)
        topic = focus[0]
    return org, topic, focus


_OWN_ORGAN = re.compile(r"(?:我|本)(?:院|局|厅|委|队|所|办|单位|部门)\s*[（(]\s*(?!含|包括|以下|下同|简称|不含)([^（）()，,]{1,28}?(?:院|局|厅|委员会|委|队|所|办公室|办|中心"
                        r"|机关|政府|部门))\s*(?:[，,][^（）()]{0,30})?[）)]")


# a plan's kind of work, which names no topic (专项检查, 执法检查, 综合治理)
_WORK_WORDS = re.compile(r"专项|执法|检查|整治|治理|监督|排查|工作|方案|提纲|计划|清单|开展|集中|综合|年度|重点|一次|行动|打击")


def _names_topic(topic: str) -> bool:
    """Does a topic read from a request name anything besides the kind of work (专项检查, 工作): two characters or more."""
    return len(re.sub(r"[^\u4e00-\u9fff]", "", _WORK_WORDS.sub("", topic))) >= 2


# the sentence that asks for the plan (请帮忙起草专项检查工作方案提纲, 请列出工作方案提纲), and what tells how to write it
_DRAFTING = re.compile(rf"(?:{_VERBS}|列出|列一份|列个|拟)[^，,。；;]*?(?:方案|提纲|计划|清单)")
_HOW = re.compile(r"^(?:并|同时|也|还)?(?:要|请)?(?:写明|写清楚|写清|注明|标注|列明|要把|(?:顺带|顺便)?把(?!握)|兼顾|说明|注意)")
# who asks and what they intend, before the topic (上级要求突出…, 市医保局要开展…, 农业农村局打算开展…)
# (an intent word only before what it intends: 计划生育, 要素 and 准备金 are words of a topic — review finding)
_INTENT_WORDS = r"(?:要求|准备|打算|计划|拟|要|想|需要|决定|将|正在|马上|牵头)"
_CAMPAIGN_START = r"(?=开展|组织|进行|搞|部署|启动|对|就|围绕|在|突出|重点|集中|联合|会同|推进|推动|加强|提升|完善|落实)"
# when the work is to be done, told before what is intended (今年要…, 汛期前要…, 下个月准备…)
_WHEN_INTENDED = r"(?:(?:今年|明年|近期|近日|本月|下个?月|年内|年底前|年前|节前|[\u4e00-\u9fff]{2}(?:前|期间))(?=[\u4e00-\u9fff]{0,2}?(?:要求|准备|打算|计划|拟|要|想|需要|决定|将)))?"
_INTENT = re.compile(rf"^(?:上级|领导|局里|院里|单位|我们|我院|本院|我局|本局|我队|本队|我所|本所)?{_WHEN_INTENDED}(?:{_INTENT_WORDS}+{_CAMPAIGN_START})?"
                     r"(?:突出|重点)?(?:在[^，,。；;]{1,12}?(?:前|后|期间|之际)[，,]?)?"
                     r"(?:对|就|围绕)?(?:开展|组织|进行|搞|部署|启动)?(?:一次|一轮|一场)?")


# an organ or one of its units named by its office word (海事局, 某内河海事处, 禁毒大队, 社会组织管理局) right before what it
# intends (要…, 准备…, 汛期前要…): no topic word, whatever its field
_INTENDING_ORG = re.compile(rf"^(?![我本该这那])((?:某)?[\u4e00-\u9fff]{{1,12}}?(?<![布格大当结开僵骗赌])(?:局|处|厅|委员会|委|办公室|中心|总队|支队|大队|中队|所|站))"
                            rf"(?={_WHEN_INTENDED}{_INTENT_WORDS})")


# …what an organ named first intends (要组织, 打算开展): its campaign verb goes with the intent (检察院开展…工作 keeps it)
_INTENDS = re.compile(rf"^{_WHEN_INTENDED}{_INTENT_WORDS}+{_CAMPAIGN_START}(?:对|就)?(?:开展|组织|进行|搞|部署|启动)?(?:一次|一轮|一场)?")


def _told_topic(t: str) -> tuple[str, str] | None:
    """(organ, topic) of a request that tells its topic before asking for the plan: its telling parts, without the organ
    that speaks (returned), what it intends and the campaign verb; None when nothing is told."""
    # (a colon ends the drafting sentence too: 写个方案：查用人单位违法使用童工，…; a field's label before one names nothing:
    # 时间：2024年6月至8月，内容：打击非法集资 — review finding)
    t = _LABEL.sub("，", t)
    t = re.sub(r"((?:方案|提纲|计划|清单))\s*[：:]", r"\1，", t)
    parts = [p.strip() for p in re.split(r"[，,。；;？?！!]", t) if p.strip() and not _ONLY_WHEN.fullmatch(strip_dates(p).strip(" ，,"))]
    told, org = [], ""
    for p in parts:
        if _DRAFTING.search(p) or _HOW.match(p) or _FOCUS.match("，" + p):
            continue
        intends = False
        if (m := _LEAD_ORG.match(p) or _INTENDING_ORG.match(p)) and m.end() < len(p) and not _NOT_ORG.match(m.group(1)):
            org, p, intends = org or m.group(1), p[m.end():], True
            if sub := _INTENDING_ORG.match(p):  # (县公安局 | 禁毒大队 | 要对…: the unit of the organ that intends)
                org, p = (org + sub.group(1) if org == m.group(1) else org), p[sub.end():]
        elif m := _INTENDED.search(p):  # (大队想搞一次…专项检查: who intends, then the campaign)
            p, intends = p[m.end():], True
        stripped = _INTENT.sub("", p).strip()
        if _names_topic(stripped):
            told.append((stripped, intends or stripped != p))
    # a part that says what is intended (…想搞一次执勤安全防护专项检查) is the topic, not the story told before it
    # (最近有民警在路上执勤时被过往车辆剐蹭)
    # (…and what follows it goes on telling the work: 并严查未经许可擅自举办的)
    first = next((k for k, (p, i) in enumerate(told) if i and _names_subject(p)), 0)
    told = told[first:]
    return (org, "，".join(p for p, _i in told[:2])) if told else None


# a field's label (时间：, 内容：, 要求如下：) and a part saying only when
_LABEL = re.compile(r"(?:^|(?<=[，,。；;]))\s*(?:时间|地点|内容|任务|要求(?:如下)?|背景|目标|范围|对象|重点|主题)\s*[：:]")
_ONLY_WHEN = re.compile(r"[\s\d年月日至到\-—~～]*")
# the kinds of work a campaign is, naming no subject of its own (集中宣传, 清查, 专项检查)
_KINDS_OF_WORK = re.compile(r"宣传|培训|教育|清查|巡查|督查|督导|检查|排查|整治|治理|监督|执法|专项|行动|活动|工作|集中|一次|一轮|综合|打击"
                            r"|清理|整顿|摸排|调研")


def _subject_chars(part: str) -> str:
    """The Chinese characters of a part besides the kinds of work (执勤安全防护专项检查 → 执勤安全防护)."""
    return re.sub(r"[^\u4e00-\u9fff]", "", _KINDS_OF_WORK.sub("", part))


def _names_subject(part: str) -> bool:
    """Does a told part name a subject besides the kinds of work (执勤安全防护专项检查: 执勤安全防护; 集中宣传: none)?"""
    return len(_subject_chars(part)) >= 2


# who intends what, inside a told part (大队想搞一次…, 我们打算开展…): the campaign follows
_INTENDED = re.compile(rf"^[\u4e00-\u9fff]{{0,12}}?{_INTENT_WORDS}+(?=搞|开展|组织|进行|部署|启动)")


# a second organ a request joins (区卫健委联合生态环境分局开展…, 会同市场监管局): an organ, then the campaign verb
_JOINT = re.compile(r"^(?:联合|会同|协同|协调)([^\s，,。；;]{2,20}?(?:办事处|办公室|分局|局|委员会|委|厅|办|部门|部|机关|支队|大队"
                    r"|中队|队|中心|所|站))(?=共同|一起|开展|组织|进行|部署|对|就)(?:共同|一起)?(?:开展|组织|进行|部署)?")


def _focus_term(text: str) -> str:
    """A focus term without the words around it (是定点医院分解住院 → 定点医院分解住院, 串换药品这些问题 → 串换药品)."""
    if _DRAFTING.search(text) or re.match(r"\s*请", text):  # (…，请列出工作方案提纲: the request itself)
        return ""
    f = re.sub(r"^(?:也|还|同时)?(?:要)?(?:兼顾|注意|包括)?(?:是|在|于|对|看)?", "", text.strip())
    return re.sub(r"(?:这些|这类|等)?(?:问题|方面|情况|工作)$", "", f).strip()


# a calendar date told in a question (2004年3月出生, 今年(2025年)10月, 3月1日交的申请): when things happened, matched by
# nothing but the dates of commencement clauses (本法自2024年1月1日起施行). Not a duration (3个月, 30日内).
_DATE = re.compile(r"\d{4}\s*年(?!修|度|版)(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?"
                   r"|(?<![\d个])\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
                   # a month alone only after a year or 今年/去年 … (试用期6月, 3年6月 are durations)
                   r"|(?<=[)）])\s*\d{1,2}\s*月(?![\d内以之])|(?<![\d个第])\d{1,2}\s*月(?=底|初|份|中旬|上旬|下旬)"
                   r"|(?<=[今去明前]年)\s*\d{1,2}\s*月(?![\d内以之])")


def strip_dates(text: str) -> str:
    """``text`` without the calendar dates it tells (see ``_DATE``), not those of a title it names in 《》; unchanged
    if nothing else would be asked about (2020年4月28日发生了什么？)."""
    parts = re.split(r"(《[^《》]*》)", text)
    out = "".join(p if p.startswith("《") else _DATE.sub(" ", p) for p in parts)
    out = re.sub(r"\s+", " ", out).strip()
    # a question about the date itself (2020年4月28日发生了什么？) keeps it: without it, nothing is asked about
    rest = re.sub(r"什么|哪些|怎么|如何|怎样|吗|呢|了|的|是|有|在|发生|情况|事情|事|[^\u4e00-\u9fff]", "", out)
    return out if len(rest) >= 2 else text


# an amount of money a story tells in Arabic numerals (借了10万, 拖欠工资15000元): a fact of the case, which clauses share
# only by chance (处2万元以上5万元以下罚款); read only in the sentences that tell, not in those that ask. Not a distance, a
# count or an age (开了3万公里, 修了5次, 15岁): statutes state such thresholds in the same figures (3000公里, 5次)
_TOLD_NUMBER = re.compile(r"(?<![第\d.])\d+(?:\.\d+)?\s*(?:万|千)?(?:余|多)?(?:块钱|块|元)"
                          r"|(?<![第\d.])\d+(?:\.\d+)?\s*(?:万|千)(?:余|多)?(?=[，,。；;？?！!\s]|$)")


def strip_told_numbers(text: str) -> str:
    """``text`` without the Arabic-numeral amounts of money of its telling sentences (a question with question marks asks in the
    sentences they end, :func:`assistant.text.sentences.asking_sentences`); unchanged if nothing else would be left."""
    from assistant.text.sentences import asking_sentences

    asking = asking_sentences(text)
    if len(asking) == len([p for p in re.split(r"(?<=[。？?！!\n])", text) if p.strip()]):
        return text  # every sentence asks
    parts = re.split(r"(?<=[。？?！!\n])", text)
    out = "".join(p if p in asking or not p.strip() else _TOLD_NUMBER.sub(" ", p) for p in parts)
    out = re.sub(r"\s+", " ", out).strip()
    return out if re.search(r"[\u4e00-\u9fff]", out) else text


def search_text(text: str) -> str:
    """The words of ``text`` to search with: without the calendar dates it tells (:func:`strip_dates`); a drafting
    request also loses whom it is for, the drafting verb, the genre word 提纲 and its citation instructions.
    Never returns an empty string for non-empty input."""
    t = strip_told_numbers(strip_dates(normalize(text).strip()))
    if not t or not is_plan_request(t):
        return t
    out = _POLITE.sub(" ", _ADDRESSEE.sub(" ", t, count=1))
    out = _CITING.sub(" ", out)
    out = _DRAFT_VERB.sub(" ", out)
    out = _GENRE.sub(" ", out)
    out = re.sub(r"\s+", " ", re.sub(r"[。！!？?]+$", "", out)).strip(" ，,、；;")
    return out or t
