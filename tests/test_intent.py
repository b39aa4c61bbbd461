"""Drafting requests: what the retriever searches with (table of cases)."""

from __future__ import annotations

import pytest

from assistant.retrieve.intent import is_plan_request, search_text


@pytest.mark.parametrize("text,expected", [
    # addressee, verb, genre and citation instructions go; the topic stays
    ("为通州区检察院起草一份服务保障城市副中心绿色发展的工作方案提纲，并标注每部分的依据条款。", "服务保障城市副中心绿色发展"),
    ("为北京某区检察院起草一份未成年人综合司法保护工作方案提纲，要求引用相关文件条款。", "未成年人综合司法保护"),
    ("为北京市检察院金融检察部门起草一份防范化解数字金融风险、服务金融安全的工作方案提纲，列明依据。",
     "防范化解数字金融风险、服务金融安全"),
    # content words of the request (年度重点工作任务清单, the focus list) are kept
    ("请为武汉市某区人民政府和区检察院起草一份“府检联动”年度重点工作任务清单的提纲，突出行刑衔接、公益协同和数据共享，并注明依据。",
     "“府检联动”年度重点工作任务清单 ,突出行刑衔接、公益协同和数据共享"),
    ("帮我拟定一个扫黑除恶专项斗争的实施方案，注明出处", "扫黑除恶专项斗争"),
    # 为 not followed by a drafting verb, or not naming a body, is not an addressee
    ("为落实府检联动起草一份数据共享工作方案", "为落实府检联动 数据共享"),
    ("帮我为市局法制支队起草一个执法监督衔接方案提纲", "执法监督衔接"),
    ("起草一份以生态环境保护为重点的工作方案提纲", "以生态环境保护为重点"),
    # not drafting requests: only normalised
    ("实施办法第十五条规定了什么？", "实施办法第十五条规定了什么?"),
    ("为加强副中心的行政检察，通州区检察院专门设立了什么机构？", "为加强副中心的行政检察,通州区检察院专门设立了什么机构?"),
    ("檢察機關與監察機關辦案銜接", "检察机关与监察机关办案衔接"),
    # a request that is nothing but instructions keeps its text rather than becoming empty
    ("起草一份提纲", "起草一份提纲"),
])
def test_search_text(text, expected):
    assert search_text(text) == expected


def test_plan_request_detection():
    assert is_plan_request("请为某区检察院起草一份工作方案")
    assert not is_plan_request("公益诉讼线索移送有哪些要求？")


def test_search_text_never_empties_a_request():
    import random

    rng = random.Random(7)
    pieces = ["为", "某区检察院", "起草", "一份", "工作方案", "提纲", "，", "并注明依据", "条款", "。", "帮我", "清单",
              "公益诉讼", "数据共享", "的", "要求引用相关文件条款", "？", " "]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if not text.strip():
            assert search_text(text) == ""
            continue
        out = search_text(text)
        assert out.strip(), text
        # topic words are never removed
        for word in ("公益诉讼", "数据共享"):
            if word in text:
                assert word in out, text


@pytest.mark.parametrize("text,expected", [
    # the calendar dates a question tells are left out: only commencement clauses share them
    ("我是2004年3月出生的，今年(2025年)10月去领结婚证，年龄够不够？", "我是 出生的,今年( ) 去领结婚证,年龄够不够?"),
    ("我3月1日交的仲裁申请，到现在5月底了还没裁决", "我 交的仲裁申请,到现在 底了还没裁决"),
    ("2020年8月20日之后受理的案件", "之后受理的案件"),
    # durations and article numbers stay
    ("拘留后3个月内应当怎么办", "拘留后3个月内应当怎么办"),
    ("应当在30日内作出决定", "应当在30日内作出决定"),
    ("第12月的考核", "第12月的考核"),
    ("2024", "2024"),  # nothing else left: unchanged
    ("判处有期徒刑3年6月", "判处有期徒刑3年6月"),  # a duration, not a date
    ("试用期6月是否合法", "试用期6月是否合法"),
    ("《国务院关于2024年部分节假日安排的通知》", "《国务院关于2024年部分节假日安排的通知》"),  # a title's own year
    ("劳动合同法(2012年修正)第三条", "劳动合同法(2012年修正)第三条"),
    ("去年8月借的钱，到5月底还没还", "去年 借的钱,到 底还没还"),
    ("2020年4月28日发生了什么？", "2020年4月28日发生了什么?"),  # the date is what is asked about (new-user trial)
    ("3月1日的事情是怎么回事", "3月1日的事情是怎么回事"),
])
def test_the_dates_a_question_tells_are_not_searched(text, expected):
    assert search_text(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an amount of money a story tells (its telling sentences) is a fact of the case, not searched
    ("我找老板借了10万，他先扣下利息1万。本金按多少算？", "我找老板借了 ,他先扣下利息 。本金按多少算?"),
    ("被拖欠工资15000元，月最低工资2000块钱。能一裁终局吗？", "被拖欠工资 ,月最低工资 。能一裁终局吗?"),
    # … but an amount asked about stays, as do distances, counts and ages (statutes state 3000公里, 5次 alike)
    ("罚款5万元以上的要不要听证？", "罚款5万元以上的要不要听证?"),
    ("车开了3万公里，修了5次。能退车吗？", "车开了3万公里,修了5次。能退车吗?"),
    ("他今年15岁。能判刑吗？", "他今年15岁。能判刑吗?"),
    ("第10万条", "第10万条"),  # no telling sentence: unchanged
    ("借了10万。", "借了10万。"),  # nothing asks with a question mark: every sentence may ask
    # weights and areas are statutes' thresholds, not amounts of money (review finding)
    ("我运输了3千克冰毒。会判几年？", "我运输了3千克冰毒。会判几年?"),
    ("占用耕地5万平方米。构成犯罪吗？", "占用耕地5万平方米。构成犯罪吗?"),
    ("我借给朋友10万元。他不还怎么办？", "我借给朋友 。他不还怎么办?"),
])
def test_the_amounts_a_story_tells_are_not_searched(text, expected):
    assert search_text(text) == expected
