"""Conditions in legal text: which action a clause lists the conditions of, whether a question asks for them, and
the retriever and offline drafter putting that list first (constructed cases)."""

from __future__ import annotations

import pytest

from assistant.text.conditions import action_matches, asked_actions, asks_conditions, condition_actions, lists_conditions_of
from assistant.text.textnorm import normalize


@pytest.mark.parametrize("text,actions", [
    ("第六十七条 人民法院、人民检察院和公安机关对有下列情形之一的犯罪嫌疑人、被告人，可以取保候审：（一）可能判处管制的；",
     ["可以取保候审"]),
    ("对有证据证明有犯罪事实的犯罪嫌疑人，采取取保候审尚不足以防止发生下列社会危险性的，应当予以逮捕：", ["应当予以逮捕"]),
    ("有下列情形之一的，不予受理：", ["不予受理"]),
    # the first consequence opening with a modal or 不, and the last one before the colon
    ("有下列情形之一的，不追究刑事责任，已经追究的，应当撤销案件，或者不起诉：", ["不追究刑事责任", "或者不起诉"]),
    ("在诉讼时效期间的最后六个月内，因下列障碍，不能行使请求权的，诉讼时效中止：（一）不可抗力；", ["诉讼时效中止"]),
    ("有下列情形之一，确需征收房屋的，由市、县级人民政府作出房屋征收决定：", ["由市、县级人民政府作出房屋征收决定"]),
    ("第二十三条 设立有限责任公司，应当具备下列条件：", ["设立有限责任公司"]),
    ("企业取得安全生产许可证，应当具备下列安全生产条件：", ["企业取得安全生产许可证"]),
    ("申请人申请行政复议，应当符合下列规定：", ["申请人申请行政复议"]),
    ("有下列情形之一的，经检察长批准，可以延长一个月：", ["可以延长一个月"]),
    # no list of conditions: a definition, a classification, a penalty, a rule with its condition in the sentence
    ("本法所称近亲属，是指夫、妻、父、母、子、女。", []),
    ("下列财产属于夫妻共同财产：", []),
    # a penalty's list names what it is imposed for
    ("有下列行为之一的，由市场监督管理部门责令改正，处五千元以上罚款：", ["由市场监督管理部门责令改正", "处五千元以上罚款"]),
    ("符合起诉条件，但有悔罪表现的，人民检察院可以作出附条件不起诉的决定。", []),
])
def test_the_action_a_clause_lists_conditions_of(text, actions):
    assert condition_actions(normalize(text)) == actions


@pytest.mark.parametrize("question,asks", [
    ("取保候审的条件是什么？", True),
    ("取保候审的条件", True),
    ("应当逮捕的情形有哪些？", True),
    ("什么情况下可以不起诉？", True),
    ("设立有限责任公司需要什么条件？", True),
    ("职工在哪几种情况下可以提取住房公积金？", True),
    ("受理条件有哪些？", True),
    ("诉讼时效中止的事由有哪些？", True),
    # a premise, not the thing asked
    ("符合速裁程序适用条件的，应当在多长时间内作出决定？", False),
    ("这种情况还能给她办法律援助吗？", False),
    # a condition of something else named: 附条件不起诉, 条件成就
    ("附条件不起诉的考验期多长？", False),
    ("条件成就时合同生效吗？", False),
    ("取保候审的期限是多久？", False),
    ("取保候审的适用条件", True),
    ("企业取得安全生产许可证应当具备哪些安全生产条件？", True),
    # what follows from them is another question
    ("取保候审期间违反规定的情形有哪些后果？", False),
    ("被告人在审理期间患病的情形如何处理？", False),
    ("那这种情况呢？", False),
])
def test_a_question_asking_for_conditions(question, asks):
    assert asks_conditions(normalize(question)) is asks


@pytest.mark.parametrize("action,word,question,matches", [
    ("应当予以逮捕", "逮捕", "应当逮捕的情形有哪些", True),
    ("应当作出不批准逮捕的决定", "逮捕", "应当逮捕的情形有哪些", False),  # 不批准逮捕 lists no condition of 逮捕
    ("应当作出不批准逮捕的决定", "逮捕", "哪些情形不批准逮捕", True),
    ("可以取保候审", "取保候审", "取保候审的条件是什么", True),
    ("不予受理", "受理", "受理条件有哪些", False),
    ("不予受理", "受理", "哪些情形不予受理", True),
    ("可以取保候审", "逮捕", "逮捕的条件", False),
    # the subject first: the negation after it still negates what is asked
    ("用人单位可以与劳动者解除劳动合同", "用人单位", "哪些情形下用人单位不得解除劳动合同", False),
    ("用人单位可以与劳动者解除劳动合同", "用人单位", "哪些情形下用人单位可以解除劳动合同", True),
    # the 不 of a word is no negation (不满十八周岁, 不动产, 不服)
    ("可以取保候审", "取保候审", "不满十八周岁的犯罪嫌疑人在什么情况下可以取保候审", True),
    ("可以办理不动产登记", "登记", "不动产登记的条件", True),
    # a negation in another part of the question is not this part's
    ("当事人应当立即报警", "报警", "哪些情况下当事人必须报警，不能私下协商？", True),
])
def test_the_asked_action_matches_negated_in_both_or_neither(action, word, question, matches):
    assert action_matches(action, word, question) is matches


def _split(text: str) -> list[str]:
    return [w for w in text.replace("的", " 的 ").split() if w]


def test_asked_actions_leave_out_asking_modal_and_light_words():
    assert asked_actions("取保候审 的条件是什么", _split, skip=("什么",)) == ["取保候审"]
    assert asked_actions("应当 逮捕 的情形有哪些", _split, skip=("应当", "哪些", "有")) == ["逮捕"]
    assert asked_actions("作出 决定 征收 的条件", _split) == ["征收"]  # (作出, 决定: light verbs)
    assert asked_actions("取保候审 的期限", _split) == []  # no conditions asked
    assert lists_conditions_of(normalize("对有下列情形之一的犯罪嫌疑人，可以取保候审："), ["取保候审"], "取保候审的条件")
    assert not lists_conditions_of(normalize("对有下列情形之一的犯罪嫌疑人，可以监视居住："), ["取保候审"], "取保候审的条件")
    assert not lists_conditions_of(normalize("可以取保候审。"), ["取保候审"], "取保候审的条件")


LAW = (
    "# 中华人民共和国辛法\n\n"
    "第一条 为了规范辛事，制定本法。\n\n"
    "第二条 对有下列情形之一的辛事人，可以辛审：\n\n（一）可能判处管制、拘役的；\n\n（二）患有严重疾病、生活不能自理的；\n\n"
    "（三）羁押期限届满，案件尚未办结的。\n\n"
    "第三条 经审查不符合辛审条件的，应当告知申请人，并说明不同意的理由；申请人不服的，可以在收到告知后五日以内申请复核一次。\n\n"
    "第四条 辛审由辛事机关决定，辛事机关应当制作决定书，载明开始的时间、方式和应当遵守的规定。\n\n"
    "第五条 辛审的期限最长不得超过十二个月；期限届满的，辛事机关应当及时解除，并通知被辛审人和有关单位。\n\n"
    "第六条 辛审期间，不得中断对案件的审查；被辛审人违反规定的，辛事机关可以责令其具结悔过或者重新作出决定。\n"
)


@pytest.fixture
def assistant(one_document):
    return lambda **settings: one_document("辛法.md", LAW, **settings)


def test_the_list_of_an_actions_conditions_ranks_first_and_opens_the_answer(assistant):
    """辛审的条件是什么: the article listing when 辛审 may be ordered says neither 条件 nor 的条件 — the sentence that does
    (第三条) mentions the conditions without stating them, and shorter articles say 辛审 as often. The list ranks first and is the answer's first
    statement, whole; without the boost it is not first."""
    a = assistant()
    res = a.retriever.search("辛审的条件是什么？", k=5)
    assert res.hits[0].clause["label"].endswith("第二条")
    ans = a.ask("辛审的条件是什么？")
    assert not ans.refused
    first = next(st for st in ans.statements if not st["text"].startswith("相关规定见"))
    assert "下列情形之一" in first["text"] and "羁押期限届满" in first["text"] and first["verified"]
    off = assistant(retrieval_conditions_boost=0.0)
    assert not off.retriever.search("辛审的条件是什么？", k=5).hits[0].clause["label"].endswith("第二条")


def test_a_question_on_another_matter_is_not_steered_to_the_list(assistant):
    a = assistant()
    res = a.retriever.search("辛审的期限最长是多久？", k=3)
    assert res.hits[0].clause["label"].endswith("第五条")


def test_a_word_in_the_actions_of_most_lists_names_no_action(tmp_path):
    """申请行政复议的条件: 申请 is in every list's action here — only the list of 行政复议 is boosted."""
    from assistant.config import Settings
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import ingest_paths, open_store

    lib = tmp_path / "lib"
    lib.mkdir()
    lists = "".join(f"第{n}条 有下列情形之一的，可以申请{x}：\n\n（一）甲；\n\n（二）乙。\n\n"
                    for n, x in zip("二三四五六", ("调解", "仲裁", "复核", "补偿", "救助")))
    (lib / "癸法.md").write_text("# 中华人民共和国癸法\n\n第一条 为了癸事，制定本法。\n\n" + lists
                                + "第七条 有下列情形之一的，可以申请行政复议：\n\n（一）丙；\n\n（二）丁。\n", encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [lib])
    r = open_assistant(s, store=open_store(s), chat=False).retriever
    r.index()
    listing = r._listing_conditions("申请行政复议的条件有哪些")
    assert listing is not None
    assert [r._index.ids[i] for i in listing.nonzero()[0]] == ["癸法:a7"]
    assert r.search("申请行政复议的条件有哪些？", k=1).hits[0].clause["label"].endswith("第七条")


# ---- procedures: how an action is done (低保金怎么申请 → 申请最低生活保障，按照下列程序办理：…)

@pytest.mark.parametrize("text,actions", [
    ("第十一条 申请最低生活保障，按照下列程序办理：（一）由共同生活的家庭成员提出书面申请；", ["申请最低生活保障"]),
    ("第二十条 土地承包应当按照以下程序进行：", ["土地承包"]),
    ("第三十八条 当场处罚，应当按照下列程序实施：", ["当场处罚"]),
    ("复核的程序如下：", ["复核"]),
    ("当事人申请复核的，应当按照以下步骤：", ["当事人申请复核"]),
    # the condition first names the action, whatever the sentence says between (a trial: 简易程序's five steps)
    ("适用简易程序处罚的，可以由一名交通警察作出，并应当按照下列程序实施：（一）口头告知违法行为人…", ["适用简易程序处罚"]),
    ("对车辆驾驶人进行体内酒精含量检验的，应当按照下列程序实施：", ["对车辆驾驶人进行体内酒精含量检验"]),
    # a procedure named as a thing, a list of conditions, no procedure
    ("适用简易程序审理的案件，由审判员一人独任审判。", []),
    ("有下列情形之一的，不予受理：", []),
    ("申请人应当提交下列材料：", []),
])
def test_the_action_a_clause_lays_down_the_procedure_of(text, actions):
    from assistant.text.conditions import PROCEDURE_MARK, procedure_actions

    assert procedure_actions(normalize(text)) == [PROCEDURE_MARK + a for a in actions]
    assert condition_actions(normalize(text)) == [] or not actions  # (no condition list is read into a procedure)


@pytest.mark.parametrize("question,asks", [
    ("低保金怎么申请？", True),
    ("如何办理营业执照？", True),
    ("申请复核的程序是什么？", True),
    ("起诉的流程是怎样的？", True),
    ("要办哪些手续？", True),
    ("按法律规定要走哪些步骤？", True),
    # not how something is done: what to do about a story, a procedure named as a thing, a condition
    ("邻居占了我家的地怎么办？", False),
    ("简易程序适用于哪些案件？", False),
    ("申请低保的条件是什么？", False),
    ("低保金是多少？", False),
])
def test_a_question_asking_how_an_action_is_done(question, asks):
    from assistant.text.conditions import asks_procedure

    assert asks_procedure(normalize(question)) is asks


@pytest.mark.parametrize("action,groups,fits", [
    ("〔程序〕申请最低生活保障", [["低保金", "最低生活保障金", "最低生活保障"], ["申请"]], True),
    ("〔程序〕申请复核", [["低保金", "最低生活保障金", "最低生活保障"], ["申请"]], False),  # (申请 alone: every application)
    ("〔程序〕土地承包", [["土地"], ["承包"], ["村里"]], True),
    ("〔程序〕当场处罚", [["处罚"]], True),  # (the question's only word)
    ("〔程序〕当场处罚", [], False),
])
def test_a_procedure_fits_two_of_the_questions_words(action, groups, fits):
    from assistant.text.conditions import procedure_fits

    assert procedure_fits(action, groups) is fits


PROCEDURES = (
    "# 某某救助办法\n\n"
    "第一条 为了保障困难群众的基本生活，制定本办法。\n\n"
    "第二条 对批准获得最低生活保障的家庭，民政部门按照家庭成员人均收入低于当地最低生活保障标准的差额，按月发给最低生活保障金。\n\n"
    "第三条 最低生活保障家庭的人口状况、收入状况发生变化的，应当及时告知乡镇人民政府。\n\n"
    "第四条 申请最低生活保障，按照下列程序办理：\n\n（一）由共同生活的家庭成员向户籍所在地的乡镇人民政府提出书面申请；\n\n"
    "（二）乡镇人民政府对申请人的家庭收入状况、财产状况进行调查核实，提出初审意见，在申请人所在村公示后报民政部门审批；\n\n"
    "（三）民政部门经审查，对符合条件的申请予以批准，并在申请人所在村公布；对不符合条件的申请不予批准，并书面向申请人说明理由。\n\n"
    "第五条 申请临时救助，应当向乡镇人民政府提出，经审核、公示后，由民政部门审批。\n\n"
    "第六条 最低生活保障金按照家庭成员人均收入与最低生活保障标准的差额发放。\n"
)


def test_the_procedure_asked_ranks_first_and_is_the_answer_whole(one_document):
    """Trial H: 低保金怎么申请？ answered with how much is paid and when it changes; the article laying down how to apply
    (申请最低生活保障，按照下列程序办理：…) was sixth. It ranks first and is the answer, its steps whole; without the boost
    it is not first; a question on another matter is not steered to it."""
    a = one_document("某某救助办法.md", PROCEDURES)
    for q in ("怎么申请低保？", "申请最低生活保障的流程是怎样的？", "低保金怎么申请？"):
        labels = [h.clause["label"] for h in a.retriever.search(q, k=3).hits]
        # (低保金 says 最低生活保障金 as 第二条 and 第六条 do: there the procedure is third, and still the answer)
        assert labels[0].endswith("第四条") if "金" not in q else any(x.endswith("第四条") for x in labels), (q, labels)
        ans = a.ask(q)
        content = [st for st in ans.statements if not st["text"].startswith("相关规定见")]
        assert not ans.refused and "按照下列程序办理" in content[0]["text"], [st["text"] for st in content]
        assert "不予批准" in content[0]["text"] and content[0]["verified"]  # (its last step: the steps whole)
    off = one_document("某某救助办法.md", PROCEDURES, retrieval_conditions_boost=0.0)
    assert not off.retriever.search("怎么申请低保？", k=3).hits[0].clause["label"].endswith("第四条")
    assert not a.retriever.search("最低生活保障金按什么标准发放？", k=1).hits[0].clause["label"].endswith("第四条")


# ---- lists of things: 需要带什么材料 → …提交收养申请书和下列证件、证明材料：…

@pytest.mark.parametrize("text,entries", [
    ("第六条 收养人应当向收养登记机关提交收养申请书和下列证件、证明材料：（一）收养人的居民户口簿",
     ["证件、证明材料｜收养人应当向收养登记机关提交收养申请书和"]),
    ("申请人应当提交下列材料，并对申请材料的真实性负责：（一）登记申请书", ["材料｜申请人应当提交"]),
    ("拍卖公告应当载明下列事项：", ["事项｜拍卖公告应当载明"]),
    # conditions and procedures are read as such; no list
    ("有下列情形之一的，不予受理：", []),
    ("申请最低生活保障，按照下列程序办理：", []),
    ("下列财产为夫妻共同财产，归夫妻共同所有。", []),
])
def test_the_things_a_clause_lists(text, entries):
    from assistant.text.conditions import LIST_MARK, listed_things

    assert listed_things(normalize(text)) == [LIST_MARK + e for e in entries]


@pytest.mark.parametrize("entry,noun,words,title,fits", [
    ("〔列〕证件、证明材料｜收养人应当向收养登记机关提交收养申请书和", "材料", [["收养"], ["登记"]], "", True),
    ("〔列〕材料｜申请人应当提交", "材料", [["不动产"], ["登记"]], "不动产登记暂行条例", True),  # (two words of the title)
    ("〔列〕材料｜申请人应当提交", "材料", [["机制"], ["救助"]], "协作配合机制实施办法", False),  # (one: every list of it)
    ("〔列〕事项｜拍卖公告应当载明", "材料", [["拍卖公告"]], "", False),  # (another thing listed)
    ("〔列〕材料｜申请人应当提交", "材料", [], "不动产登记暂行条例", False),
])
def test_a_list_fits_the_thing_asked_and_another_word_of_the_question(entry, noun, words, title, fits):
    from assistant.text.conditions import list_fits

    assert list_fits(entry, noun, words, title) is fits


LISTS = (
    "# 某某收养登记办法\n\n"
    "第一条 为了规范收养登记行为，制定本办法。\n\n"
    "第二条 办理收养登记的机关是县级人民政府民政部门。\n\n"
    "第三条 收养登记机关收到收养登记申请书及有关材料后，应当自次日起30日内进行审查。\n\n"
    "第四条 收养人应当向收养登记机关提交收养申请书和下列证件、证明材料：\n\n（一）收养人的居民户口簿和居民身份证；\n\n"
    "（二）收养人所在单位出具的本人婚姻状况证明。\n\n"
    "第五条 为收养关系当事人出具证明材料的组织，应当如实出具有关证明材料。\n\n"
    "第六条 收养登记机关应当做好下列工作：\n\n（一）审查收养登记申请书及有关材料；\n\n（二）发给收养登记证。\n"
)


def test_the_list_of_the_thing_asked_ranks_first(one_document):
    """Trial I: 收养登记需要带什么材料？ — the article listing the 证件、证明材料 (第四条) shares fewer words with the question
    than articles mentioning 材料 in passing; as the list of the thing asked it ranks first, and without the boost it
    does not. A question asking another thing listed (哪些工作) gets that list, not this one."""
    a = one_document("某某收养登记办法.md", LISTS)
    assert a.retriever.search("收养登记需要带什么材料？", k=3).hits[0].clause["label"].endswith("第四条")
    off = one_document("某某收养登记办法.md", LISTS, retrieval_conditions_boost=0.0)
    assert not off.retriever.search("收养登记需要带什么材料？", k=3).hits[0].clause["label"].endswith("第四条")
    r = a.retriever
    r.index()
    listing = r._listing_conditions("收养登记需要带什么材料?")
    assert [r._index.ids[i] for i in listing.nonzero()[0]] == ["某某收养登记办法:a4"]
    other = r._listing_conditions("收养登记机关要做好哪些工作?")
    assert [r._index.ids[i] for i in other.nonzero()[0]] == ["某某收养登记办法:a6"]
