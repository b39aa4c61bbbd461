"""The parser on small documents of each structure it must handle (not only the seeds)."""

from __future__ import annotations

import pytest

from assistant.parse.parser import parse_text


def _parse(text: str, source: str = "doc.txt", **kw):
    docs = parse_text(text, source, **kw)
    for d in docs:
        for c in d.clauses:
            assert text[c.start : c.end] == c.text, c.clause_id
            for s in c.subitems:
                assert c.start <= s.start < s.end <= c.end
    return docs


def _by_key(doc):
    return {c.clause_id.split(":", 1)[1]: c for c in doc.clauses}


ARTICLES = """关于印发《某市检察院 某市公安局协作办法》的通知

某检发〔2023〕7号

各区院、各分局：
现将《某市检察院 某市公安局协作办法》印发给你们，请认真贯彻落实。

某市人民检察院
某市公安局
2023年3月1日

## 某市检察院 某市公安局协作办法

为加强协作，制定本办法。

### 第一章 总 则

**第一条** 人民检察院、公安机关应当加强协作。

**第二条** 人民检察院应当依法履职，及时
发现和纠正违法行为。

公安机关应当积极配合。

### **第二章 协作配合**

**第三条** 公安机关商请介入侦查后，需配合做好以下工作：

（一）全面介绍案件情况；

(二) 根据意见建议收集证据，
完善证据体系；

（三）其他工作。

**第四条** 本办法自印发之日起施行。
"""


def test_articles_chapters_paragraphs_subitems_notice():
    docs = _parse(ARTICLES)
    assert len(docs) == 1
    d = docs[0]
    assert d.title == "某市检察院 某市公安局协作办法"
    assert d.doc_number == "某检发〔2023〕7号"
    assert d.date == "2023-03-01"
    assert "某市人民检察院" in d.issuers and "某市公安局" in d.issuers
    c = _by_key(d)
    assert set(c) == {"notice", "pre.p1", "a1", "a2.p1", "a2.p2", "a3", "a4"}
    assert c["notice"].kind == "notice" and c["notice"].label.endswith("印发通知")
    assert c["pre.p1"].label == "《某市检察院 某市公安局协作办法》前言"
    assert c["a1"].label == "《某市检察院 某市公安局协作办法》第一条"
    assert c["a1"].position == {"chapter": 1, "section": None, "item": None, "article": 1, "paragraph": None, "subitem": None,
                                "part": None, "subpart": None, "division": None, "article_suffix": None, "point": None}
    assert c["a1"].heading_path == ["第一章 总 则"]
    # 款: a broken line is joined (no newline in the normalised text); the second 款 is its own clause
    assert c["a2.p1"].label.endswith("第二条第一款") and c["a2.p1"].position["paragraph"] == 1
    assert "及时发现和纠正" in c["a2.p1"].text_normalized
    assert c["a2.p2"].label.endswith("第二条第二款") and c["a2.p2"].text == "公安机关应当积极配合。"
    # 项 inside an article: one clause, sub-spans with their own offsets and labels
    a3 = c["a3"]
    assert a3.position["chapter"] == 2 and a3.heading_path == ["第二章 协作配合"]
    assert [s.index for s in a3.subitems] == [1, 2, 3]
    second = a3.subitems[1]
    assert ARTICLES[second.start : second.end].startswith("(二)") and ARTICLES[second.start : second.end].endswith("完善证据体系；")
    assert second.label.endswith("第三条第（二）项")
    assert a3.position_at(second.start + 3)["subitem"] == 2
    # an article that says 本办法自…施行 is still an article, not closing lines
    assert c["a4"].kind == "article"


SECTIONS_CONTINUOUS = """北京市某检察院关于服务保障某区
高质量发展的工作意见
（2025年5月29日修订）

为服务保障某区高质量发展，提出如下意见。
一、总体要求
全市检察机关要提高站位。
二、主要任务
1.依法惩治犯罪。严厉打击各类犯罪。
2.加强民事检察监督。依法监督。
三、组织保障
3.加强组织领导。各级院要重视。
4.强化宣传。做好宣传。
"""


def test_sections_with_items_numbered_through_the_document_and_title_note():
    d = _parse(SECTIONS_CONTINUOUS)[0]
    assert d.title == "北京市某检察院关于服务保障某区高质量发展的工作意见"
    assert d.extra.get("title_note") == "2025年5月29日修订"
    c = _by_key(d)
    assert set(c) == {"pre.p1", "s1.p1", "s2.i1", "s2.i2", "s3.i3", "s3.i4"}
    assert c["s1.p1"].label.endswith("》第一部分") and c["s1.p1"].kind == "section_paragraph"
    assert c["s3.i4"].position["section"] == 3 and c["s3.i4"].position["item"] == 4
    assert c["s3.i4"].label.endswith("第三部分第4条")
    assert c["s2.i1"].heading_path == ["二、主要任务"]


RESTARTING = """某市“府检联动”实施方案

加强协作配合，制定本方案。

一、健全联动机制

1. 建立协调机制。由分管副市长任召集人。

2. 加强沟通协作。定期会商。

二、推进平安建设

1. 维护国家安全。依法严惩。

2. 守护金融安全。强化预警,加
强信息共享。

本方案自印发之日起施行。

抄送: 市纪委监委机关。

某市人民政府办公厅

2024年12月30日印发
"""


def test_items_restarting_per_section_and_closing_lines():
    d = _parse(RESTARTING)[0]
    c = _by_key(d)
    assert {"s1.i1", "s1.i2", "s2.i1", "s2.i2", "end"} <= set(c)
    assert c["s1.i1"].clause_id != c["s2.i1"].clause_id
    assert c["s2.i1"].label.endswith("第二部分第1条")
    assert "加强信息共享" in c["s2.i2"].text_normalized  # broken line across a blank line joined
    assert c["end"].kind == "closing" and c["end"].label.endswith("文末")
    assert c["end"].text.startswith("本方案自印发之日起施行") and c["end"].text.endswith("2024年12月30日印发")


PARAGRAPH_SECTIONS = """# 关于深入推进某项工作的意见

为推进工作，现提出如下意见。

## 一、总体要求

坚持以人民为中心，推进某项工作向纵深发
展。

## **二、重点任务**

在生态环境领域充分发挥职能作用。

积极、稳妥办理安全生产领域案件。

## **三、依法履职**

(一)规范案件办理。检察机关审慎行使职权。

**(二)注重办案质效。**检察机关坚持以事实为根据。
"""


def test_markdown_paragraph_sections_and_paren_items_under_sections():
    d = _parse(PARAGRAPH_SECTIONS, "x.md")[0]
    assert d.title == "关于深入推进某项工作的意见"
    c = _by_key(d)
    assert set(c) == {"pre.p1", "s1.p1", "s2.p1", "s2.p2", "s3.q1", "s3.q2"}
    assert c["s1.p1"].label.endswith("》第一部分")
    assert "纵深发展" in c["s1.p1"].text_normalized
    assert c["s2.p2"].label.endswith("第二部分第2段") and c["s2.p2"].position["paragraph"] == 2
    assert c["s3.q2"].label.endswith("第三部分第（二）项") and c["s3.q2"].position["item"] == 2
    assert "**" not in c["s3.q2"].text_normalized and c["s3.q2"].text.startswith("**(二)")
    assert c["s2.p1"].heading_path == ["二、重点任务"]


TRADITIONAL_WITH_HEADER = """政務公開 > 政策公開 > 政策文件
  1. [主題分類] 公安、安全、司法/司法
  2. [發文機構] 中共某市委
  5. [成文日期] 2021-12-22

中共某市委關於加強檢察工作的實施意見

列印
字號:

  為貫徹落實有關意見,提出如下實施意見。

  一、總體要求

  堅持黨的領導,全面加強法律監督。

  二、主要任務

  1.強化刑事立案監督。健全及時發現和糾正機制。

  完善派駐公安機關執法辦案管理中心檢察機制。

  2.加強民生司法保障。堅持為民司法。

分享:
相關解讀
"""


def test_traditional_script_metadata_header_and_multi_paragraph_items():
    d = _parse(TRADITIONAL_WITH_HEADER)[0]
    assert d.script == "traditional"
    assert d.title == "中共某市委关于加强检察工作的实施意见"
    assert d.issuers == ["中共某市委"] and d.date == "2021-12-22"
    c = _by_key(d)
    assert set(c) == {"pre.p1", "s1.p1", "s2.i1.p1", "s2.i1.p2", "s2.i2", "end"}
    p2 = c["s2.i1.p2"]
    assert p2.text == "完善派駐公安機關執法辦案管理中心檢察機制。"  # original script kept
    assert p2.text_normalized == "完善派驻公安机关执法办案管理中心检察机制。"  # Simplified for search
    assert p2.label.endswith("第二部分第1条第2段") and p2.position["paragraph"] == 2
    assert p2.heading_path[-1].startswith("1.強化刑事立案監督")


def test_cover_notice_and_several_documents_in_one_file():
    text = (
        " 各分院，各区院：\n为加强工作，现将修订后的《工作意见》印发给你们，请认真贯彻落实。\n"
        "某检察院关于服务保障甲区\n建设的工作意见\n（2025年5月29日修订）\n\n"
        "为服务甲区，提出如下意见。\n一、目标\n1.做好甲区工作。\n\n\n"
        "某检察院关于服务保障乙区\n发展的工作意见\n（2025年5月29日修订）\n\n"
        "为服务乙区，提出如下意见。\n一、目标\n1.做好乙区工作。\n"
    )
    docs = _parse(text, "multi.txt")
    assert [d.doc_id for d in docs] == ["multi-1", "multi-2"]
    assert [d.title for d in docs] == ["某检察院关于服务保障甲区建设的工作意见", "某检察院关于服务保障乙区发展的工作意见"]
    first = _by_key(docs[0])
    assert first["notice"].text.startswith("各分院") and "notice" not in _by_key(docs[1])
    assert _by_key(docs[1])["s1.i1"].text == "1.做好乙区工作。"


@pytest.mark.parametrize("info", ["某部发[2008]3号", "2008年1月3日 某某部第七次部务会议通过", "",
                                  "某部发[2008]3号\n\n2008年1月3日发布\n\n2008年2月1日施行"])  # (three lines: review)
def test_a_notice_of_its_own_keeps_its_information_block_as_metadata(info):
    """# …的通知, then its 文号 / 会议通过 ended by <!-- INFO END -->: metadata, never a clause's text (a trial: the marker
    and the 文号 were quoted in an answer and a plan)."""
    text = (f"# 关于某某工作时间折算问题的通知\n\n{info}\n\n<!-- INFO END -->\n\n各省、自治区、直辖市某某厅：\n\n"
            "根据某某办法的规定，现通知如下：\n\n## 一、工作时间的计算\n\n年工作日：250天\n\n## 二、工资的折算\n\n日工资：月工资收入÷21.75天\n")
    docs = _parse(text, "notice.md")
    assert [d.title for d in docs] == ["关于某某工作时间折算问题的通知"]
    texts = [c.text for c in docs[0].clauses]
    assert not any("INFO END" in t or (info and info in t) for t in texts)
    assert texts[0] == "各省、自治区、直辖市某某厅：" and any(t == "日工资：月工资收入÷21.75天" for t in texts)


@pytest.mark.parametrize("tail,issuers", [
    # a 落款: an organ, then the date
    ("某市人民检察院\n\n2021年12月22日\n", ["某市人民检察院"]),
    ("某市人民检察院\n\n某市公安局办公室\n\n2021年12月22日\n", ["某市人民检察院", "某市公安局办公室"]),
    # an appendix listing organs closes the text: no issuer of the document (a trial took the last two)
    ("附：名单\n\n甲市仲裁委员会\n\n乙市仲裁委员会\n\n丙市仲裁委员会\n\n丁市仲裁委员会\n", []),
    # (review findings) a date in Chinese numerals; four organs signing jointly, then the date
    ("某县人民政府\n\n二〇二三年五月六日\n", ["某县人民政府"]),
    ("甲市人民检察院\n\n甲市公安局办公室\n\n甲市司法局办公室\n\n甲市人民政府\n\n2023年5月6日\n",
     ["甲市人民检察院", "甲市公安局办公室", "甲市司法局办公室", "甲市人民政府"]),
])
def test_the_issuer_is_read_from_a_signature_not_from_a_list_of_organs_closing_the_text(tail, issuers):
    text = f"关于某某工作的意见\n\n一、总体要求\n\n做好某某工作。\n\n二、工作措施\n\n加强某某协作。\n\n{tail}"
    assert _parse(text, "yijian.txt")[0].issuers == issuers


def test_manifest_overrides_metadata():
    man = {1: {"doc_id": "abc", "title": "全称", "short_name": "简称", "issuers": ["甲"], "date": "2020-01-02",
               "doc_number": None, "script": "simplified"}}
    d = _parse(SECTIONS_CONTINUOUS, manifest=man)[0]
    assert d.doc_id == "abc" and d.title == "全称" and d.issuers == ["甲"]
    assert all(c.clause_id.startswith("abc:") for c in d.clauses)
    assert d.clauses[0].label.startswith("《简称》")


def test_clause_ids_come_from_structure_not_text():
    a = {c.clause_id for c in _parse(ARTICLES)[0].clauses}
    edited = ARTICLES.replace("人民检察院、公安机关应当加强协作。", "人民检察院、公安机关应当全面加强协作配合。")
    b = {c.clause_id for c in _parse(edited)[0].clauses}
    assert a == b
    assert [c.clause_id for c in _parse(ARTICLES)[0].clauses] == [c.clause_id for c in _parse(ARTICLES)[0].clauses]


def _count_chars(text: str) -> int:
    return len(text)


def test_unstructured_text_falls_back_to_paragraphs_split_by_token_budget():
    para1 = "这是第一段，没有任何编号。" * 3
    long_para = "".join(f"第{i}句话讲一件具体的事情。" for i in range(40))
    text = f"{para1}\n\n{long_para}\n"
    d = _parse(text, "notes.txt", max_tokens=100, count_tokens=_count_chars)[0]
    assert d.title == "notes"
    c = _by_key(d)
    assert "para1" in c and c["para1"].label == "《notes》第1段"
    pieces = [k for k in c if k.startswith("para2")]
    assert len(pieces) >= 5
    for k in pieces:
        assert len(c[k].text) <= 100 and c[k].text.endswith("。")
    assert "".join(c[k].text for k in sorted(pieces, key=lambda k: c[k].start)) == long_para
    assert c["para2.c2"].label == "《notes》第2段（续2）"


def test_a_joint_interpretation_names_both_its_issuers():
    """Both courts' committees of a 两高 interpretation's information line (a meeting numbered in Arabic numerals too),
    without the 第N届 of one of them (new-user trial: only 最高人民检察院第十四届检察委员会 was recorded)."""
    text = ("# 最高人民法院、最高人民检察院关于办理某类刑事案件适用法律若干问题的解释\n\n"
            "2024年1月8日 最高人民法院审判委员会第1911次会议、2024年2月22日最高人民检察院第十四届检察委员会第二十五次会议通过\n\n"
            "<!-- INFO END -->\n\n第一条 本解释所称某类行为，是指某某行为。\n")
    d = _parse(text, "jie.md")[0]
    assert d.issuers == ["最高人民法院审判委员会", "最高人民检察院检察委员会"]


@pytest.mark.parametrize("line, issuers", [
    ("2018年7月31日 由最高人民法院审判委员会第1746次会议通过", ["最高人民法院审判委员会"]),
    ("2015年1月5日 经国家工商行政管理总局局务会议审议通过", ["国家工商行政管理总局"]),
    ("2004年9月27日 由中华人民共和国国务院令第421号公布", ["国务院"]),
    # …not the 经 of a body's own name (review finding: 济贸易部), and 由 after a year too
    ("1993年11月4日 经济贸易部第三次部务会议通过", ["经济贸易部"]),
    ("2009年由经济和信息化委员会第五次主任会议通过", ["经济和信息化委员会"]),
    ("2018年7月31日 由最高人民法院审判委员会第1746次会议通过；2021年3月1日 最高人民法院审判委员会第1833次会议修正",
     ["最高人民法院审判委员会"]),
])
def test_the_word_by_before_a_body_is_not_part_of_its_name(line, issuers):
    """由/经 before the body an information line names is grammar, not the name (a real interpretation's docs line read
    由最高人民法院审判委员会、最高人民法院审判委员会)."""
    text = f"# 某某规定\n\n{line}\n\n<!-- INFO END -->\n\n第一条 本规定所称某类行为，是指某某行为。\n"
    assert _parse(text, "gui.md")[0].issuers == issuers


def test_the_masthead_set_again_before_the_first_article_is_metadata():
    """The title set again with spaces and the 文号 line of an interpretation are its masthead: the 文号 is the
    document's number (not one a closing clause cites), and neither becomes a 前言 paragraph (new-user trial: a plan
    used 法释〔2024〕4号 as its 指导思想)."""
    text = ("# 最高人民法院、最高人民检察院关于办理某类刑事案件适用法律若干问题的解释\n\n"
            "2024年1月8日 最高人民法院审判委员会第1911次会议通过\n\n<!-- INFO END -->\n\n"
            "最高人民法院 最高人民检察院 关于办理某类刑事案件适用法律 若干问题的解释\n\n法释〔2024〕4号\n\n"
            "为依法惩治某类犯罪，根据刑法的有关规定，现就若干问题解释如下：\n\n"
            "第一条 本解释所称某类行为，是指某某行为。\n\n"
            "第二条 本解释自2024年3月20日起施行。《关于某类案件的意见》（法发〔1996〕30号）同时废止。\n")
    d = _parse(text, "jie.md")[0]
    assert d.doc_number == "法释〔2024〕4号"
    assert not any("法释〔2024〕4号" in c.text or c.text.startswith("最高人民法院 最高人民检察院") for c in d.clauses)
    assert any(c.text.startswith("为依法惩治某类犯罪") for c in d.clauses)  # the real preamble stays a clause
    info = d.meta().get("info", [])
    assert "法释〔2024〕4号" in info and any(x.startswith("最高人民法院 最高人民检察院") for x in info)


def test_items_a_section_paragraph_leads_in_to_are_its_xiang():
    """四、…应当审查是否附有下列材料：（一）…（二）…: the 项 of that paragraph (the whole enumeration one clause), and a
    paragraph after them the section's again — not items of the section nor a paragraph of its last item (app trial);
    （一） under a section heading stays an item of the section."""
    text = ("# 某某规定\n\n一、总体要求\n\n（一）指导思想。坚持依法办案。\n\n（二）基本原则。依法、及时。\n\n"
            "二、对于移送的案件，应当审查是否附有下列材料：\n\n（一）案件移送书；\n\n（二）调查报告。\n\n"
            "人民检察院可以要求补充上述材料。\n")
    d = _parse(text, "guiding.md")[0]
    c = _by_key(d)
    assert [x.label.rsplit("》", 1)[1] for x in c["s2.p1"].subitems] == ["第二部分第1段第（一）项", "第二部分第1段第（二）项"]
    assert "（二）调查报告" in c["s2.p1"].text and not any(k.startswith("s2.q") for k in c)
    assert c["s2.p2"].text == "人民检察院可以要求补充上述材料。"
    assert "s1.q1" in c and "s1.q2" in c  # a heading's items stay the section's items


def test_sub_headings_after_a_lead_in_stay_items_of_the_section():
    """…围绕以下几个方面开展工作：（一）加强队伍建设。(a body of its own)…: sub-headings, each an item of the section,
    numbered one way (review finding: （一） became a 项 of the lead-in and （二） an item)."""
    text = ("# 某某方案\n\n一、主要任务\n\n围绕以下几个方面开展工作：\n\n（一）加强队伍建设。每年组织两次培训。\n\n"
            "每年组织一次考核。\n\n（二）完善机制。建立例会制度。\n\n"
            "二、对于移送的案件，应当审查是否附有：\n\n（一）案件移送书；\n\n（二）调查报告。\n\n人民检察院可以要求补充。\n")
    c = _by_key(_parse(text, "fangan.md")[0])
    assert "s1.q1" in c or "s1.q1.p1" in c
    assert "s1.q2" in c or "s1.q2.p1" in c
    assert not any(x.subitems for k, x in c.items() if k.startswith("s1."))
    # a lead-in without 下列 whose items are list phrases (…；) is still read as leading in to them
    assert [x.label.rsplit("》", 1)[1] for x in c["s2.p1"].subitems] == ["第二部分第1段第（一）项", "第二部分第1段第（二）项"]
    assert c["s2.p2"].text == "人民检察院可以要求补充。"


def test_a_table_over_budget_is_split_between_its_rows():
    """A Markdown table (no sentence ends) is cut at its rows, never inside one (new-user trial: a row of a 罪名 table was
    split across two clauses, its article number in one and its 罪名 in the next)."""
    rows = "".join(f"| 第{i}条之一 （修正案第{i}条） |某某罪{i} |\n" for i in range(1, 30))
    text = f"根据刑法修正案，现对罪名补充规定如下：\n\n| 刑法条文 |罪名 |\n|-----|-----|\n{rows}"
    d = _parse(text, "table.md", max_tokens=120, count_tokens=_count_chars)[0]
    pieces = [c for c in d.clauses if "|" in c.text]
    assert len(pieces) >= 5
    for c in pieces:
        assert len(c.text) <= 120
        assert c.text.startswith("|") and c.text.rstrip().endswith("|"), c.text  # whole rows only
    assert any("第17条之一 （修正案第17条） |某某罪17 |" in c.text for c in pieces)


def test_fallback_with_real_tiktoken_budget():
    text = "\n\n".join("这是一个没有结构的段落，用来检验按词元预算切分。" * 30 for _ in range(2))
    d = _parse(text, "plain.txt", max_tokens=120)[0]
    from assistant.text.tokens import count_tokens

    assert all(count_tokens(c.text) <= 120 for c in d.clauses)
    assert len(d.clauses) > 2


@pytest.mark.parametrize("text", ["", "\n\n  \n", "列印\n字號:\n"])
def test_nothing_to_parse(text):
    assert _parse(text) == []


def test_page_numbers_and_page_breaks_are_not_content():
    text = ("某市协作办法\n\n第一条 人民检察院、公安机关应当加强协作，\n\n— 1 —\n\f\n"
            "共同推进执法司法制约监督体系建设。\n\n第二条 公安机关应当积极配合。\n\n第 2 页 共 2 页\n")
    d = _parse(text, "pdfish.txt")[0]
    c = _by_key(d)
    assert set(c) == {"a1", "a2"}  # no bogus 款 made of a page number
    assert c["a1"].text_normalized == "第一条 人民检察院、公安机关应当加强协作,共同推进执法司法制约监督体系建设。"
    assert c["a2"].text_normalized == "第二条 公安机关应当积极配合。"


LAW = """# 中华人民共和国某某法

2001年2月3日 第九届全国人民代表大会常务委员会第二十次会议通过
2020年4月5日 第十三届全国人民代表大会常务委员会第十七次会议修正

<!-- INFO END -""" + """->

## 第一编 总则

## 第一章 一般规定

第一条 为了规范某事，制定本法。

第二条 本法适用于某事。

## 第二章 程序

### 第一节 一般规定

第三条 办理案件，应当遵守下列规定：

（一）依法进行；

（二）及时办理，具体包括：

1.登记；

2.告知。

第三条之一 本条是后来增加的条文。

本条第二款。

### 第二节 期限

第四条 期限以日计算。本规则由最高人民检察院负责解释。

第四条之二 审查逮捕的期限为七日。

​

## 第二编 分则

第五条 犯前款罪的，依照规定处罚。

第一百二十八 条 这一条的编号有一个多余的空格。

## 附则

第六条 本法自公布之日起施行。
"""


def test_a_law_in_markdown_with_parts_chapters_divisions_suffixes_and_points():
    docs = _parse(LAW, "某某法(2020-04-05).md")
    assert len(docs) == 1  # 第一节 一般规定 ends like a title, but is a heading
    d = docs[0]
    assert d.title == "中华人民共和国某某法" and d.short_name == "某某法"
    assert d.date == "2020-04-05" and [e["event"] for e in d.meta()["dates"]] == ["通过", "修正"]
    c = _by_key(d)
    assert not any(k.startswith("pre") for k in c)  # the information block is metadata, not a 前言 clause
    assert not any("INFO" in x.text or "会议通过" in x.text for x in d.clauses)
    assert c["a1"].heading_path == ["第一编 总则", "第一章 一般规定"] and c["a1"].position["part"] == 1
    assert c["a3"].heading_path == ["第一编 总则", "第二章 程序", "第一节 一般规定"]
    assert c["a3"].position["division"] == 1 and c["a3"].position["chapter"] == 2
    # 项 (一)(二); the 目 1. 2. belong to 项 (二), not new 项
    assert [s.label.rsplit("》", 1)[1] for s in c["a3"].subitems] == ["第三条第（一）项", "第三条第（二）项"]
    assert "2.告知" in c["a3"].text[c["a3"].subitems[1].start - c["a3"].start:]
    points = c["a3"].subitems[1].points
    assert [x.label.rsplit("》", 1)[1] for x in points] == ["第三条第（二）项第1目", "第三条第（二）项第2目"]
    assert LAW[points[1].start:points[1].end] == "2.告知。"
    assert c["a3"].position_at(points[1].start)["point"] == 2 and c["a3"].position_at(points[1].start)["subitem"] == 2
    assert d.issuers == ["全国人民代表大会常务委员会"]
    # 之一 / 之二 are articles of their own
    assert c["a3.x1.p1"].label == "《某某法》第三条之一第一款" and c["a3.x1.p2"].label == "《某某法》第三条之一第二款"
    assert c["a3.x1.p1"].position["article"] == 3 and c["a3.x1.p1"].position["article_suffix"] == 1
    assert c["a4.x2"].label == "《某某法》第四条之二" and c["a4.x2"].heading_path[-1] == "第二节 期限"
    # a closing-like sentence inside an article is part of it; the next articles are still articles
    assert "本规则由最高人民检察院负责解释" in c["a4"].text and "end" not in c
    # a new 编 resets 章 and 节; invisible characters do not hide an article; a stray blank in 第…条
    assert c["a5"].heading_path == ["第二编 分则"] and c["a5"].position["division"] is None
    assert c["a128"].label == "《某某法》第一百二十八条"
    # an unnumbered Markdown heading is a heading, not a 款 of the article before it
    assert c["a6"].heading_path == ["第二编 分则", "附则"] and "附则" not in c["a128"].text


@pytest.mark.slow
def test_cli_parse_prints_what_ingest_would_store_and_writes_nothing(tmp_path):
    import json
    import subprocess
    import sys

    lib = tmp_path / "lib" / "sub"
    lib.mkdir(parents=True)
    (lib / "某某法.md").write_text(LAW, encoding="utf-8")
    env = {"LVJU_STORE_PATH": str(tmp_path / "store"), "PATH": "/usr/bin:/bin"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "assistant.cli", *a], capture_output=True, text=True,  # noqa: E731
                                    env=env, cwd=tmp_path, timeout=300)
    parsed = run("parse", str(tmp_path / "lib"), "--json")
    assert parsed.returncode == 0, parsed.stderr
    assert not (tmp_path / "store").exists()  # nothing written
    outline = run("parse", str(tmp_path / "lib"))
    assert "《中华人民共和国某某法》" in outline.stdout and "第一编 总则 / 第二章 程序 / 第一节 一般规定" in outline.stdout
    assert "第三条之一第一款" in outline.stdout and "2001-02-03 通过" in outline.stdout
    assert run("ingest", str(tmp_path / "lib")).returncode == 0
    stored = json.loads(run("clauses", "--json").stdout)
    assert json.loads(parsed.stdout) == stored


@pytest.mark.parametrize("text,title,label_start", [
    ("中华人民共和国刑法\n\n第一条 为了惩罚犯罪，保护人民，制定本法。\n", "中华人民共和国刑法", "《刑法》第一条"),
    ("最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释\n\n第一条 人民法院直接受理的自诉案件包括下列案件。\n",
     "最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释", "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第一条"),
    ("最高人民法院、最高人民检察院关于办理非法生产、销售烟草专卖品等刑事案件具体应用法律若干问题的解释\n\n第一条 本解释适用于某类案件。\n",
     "最高人民法院、最高人民检察院关于办理非法生产、销售烟草专卖品等刑事案件具体应用法律若干问题的解释", None),
])
def test_titles_of_laws_long_titles_and_nested_title_marks(text, title, label_start):
    d = _parse(text, "x.txt")[0]
    assert d.title == title
    if label_start:
        assert d.clauses[0].label == label_start


def test_one_sentence_section_lines_are_content_not_headings():
    text = ("# 关于办理某类案件若干问题的规定\n\n"
            "一、对于行政执法机关移送的涉嫌犯罪案件，统一由人民检察院控告检察部门受理。\n\n"
            "二、将第一条修改为：\n\n“第一条 为了规范办案，制定本规定。”\n\n"
            "三、工作要求\n\n各级人民检察院应当认真执行。\n")
    d = _parse(text, "规定.md")[0]
    joined = "\n".join(c.text for c in d.clauses)
    assert "统一由人民检察院控告检察部门受理" in joined and "将第一条修改为" in joined
    c = _by_key(d)
    assert c["s1.p1"].heading_path == ["一、对于行政执法机关移送的涉嫌犯罪案件"]
    assert c["s3.p1"].heading_path == ["三、工作要求"] and "三、工作要求" not in c["s3.p1"].text  # a real heading stays one


def test_a_heading_that_ends_like_a_title_starts_no_document_without_evidence():
    text = ("某市协作办法\n\n第一条 为加强协作，制定本办法。\n\n第二条 应当加强协作。\n\n其他规定\n\n"
            "第三条 本办法由市检察院负责解释。\n\n第四条 各单位应当遵守。\n")
    docs = _parse(text, "x.txt")
    assert len(docs) == 1 and [c.position["article"] for c in docs[0].clauses][-1] == 4
    two = ("甲市协作办法\n\n第一条 甲市应当加强协作。\n\n第二条 甲市应当及时报告。\n\n"
           "乙市协作办法\n\n第一条 乙市应当加强协作。\n\n第二条 乙市应当及时报告。\n")
    assert [d.title for d in _parse(two, "y.txt")] == ["甲市协作办法", "乙市协作办法"]  # numbering restarts: evidence


def test_a_trial_version_keeps_its_version_in_the_citation_name():
    d = _parse("# 人民检察院刑事诉讼规则（试行）\n\n第一条 为了保证正确实施法律，制定本规则。\n", "r.md")[0]
    assert d.short_name.endswith("(试行)") or d.short_name.endswith("（试行）")
    assert "试行" in d.clauses[0].label


@pytest.mark.parametrize("title,name", [
    ("中华人民共和国刑法（节选）", "刑法"),  # an excerpt is cited by the instrument's name
    ("中华人民共和国刑法(摘录)", "刑法"),
    ("人民检察院刑事诉讼规则（试行）", "人民检察院刑事诉讼规则(试行)"),  # a version stays
    ("中华人民共和国行政诉讼法(2017年修正)", "行政诉讼法"),
])
def test_the_name_a_reader_cites_a_document_by(title, name):
    from assistant.parse.parser import citation_name
    from assistant.text.textnorm import width_normalize

    assert width_normalize(citation_name(width_normalize(title))) == width_normalize(name)


@pytest.mark.parametrize("line,issuer", [
    ("2010年8月28日 第十一届全国人民代表大会常务委员会第十六次会议通过", "全国人民代表大会常务委员会"),
    ("2007年4月5日 中华人民共和国国务院令第492号公布", "国务院"),  # an order that promulgates it
    ("２０１２年１２月１９日 中华人民共和国公安部令第１２５号发布，", "公安部"),
    ("2018年3月1日 国家市场监督管理总局令第3号公布", "国家市场监督管理总局"),
    ("2019年5月15日 施行", None),  # a date alone names no one
    ("1979年7月1日第五届全国人民代表大会第二次会议通过", "全国人民代表大会"),  # no blank after the date
])
def test_the_issuer_of_an_information_line(line, issuer):
    from assistant.parse.parser import Line, info_metadata
    from assistant.text.textnorm import width_normalize

    meta = info_metadata([Line(0, 0, len(line), line, width_normalize(line))])
    assert meta.get("issuers", [None])[0] == issuer


OFFICIAL = """中华人民共和国某某程序法

（1979年7月1日第五届全国人民代表大会第二次会议通过　根据1996年3月17日第八届全国人民代表大会第四次会议《关于修改〈中华人民共和国某某程序法〉的决定》第一次修正
根据2018年10月26日第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国某某程序法〉的决定》第二次修正）

目　　录

第一章　任务
第二章　期间

第一章　任务

第一条　为了规范办案程序，制定本法。

第二章　期间

第二条　期间以时、日、月计算。
"""


def test_the_legislative_history_under_an_official_title_is_metadata_not_a_clause():
    """Found by a new-user trial: the official text's （…通过　根据…修正） block became a citable 前言 and the document
    had no date, so the repealed version of a law was cited before the current one."""
    [d] = _parse(OFFICIAL, "某某程序法.txt")
    c = _by_key(d)
    assert list(c) == ["a1", "a2"]  # no 前言 from the history, none from the 目录 line
    assert d.date == "2018-10-26" and d.issuers[0] == "全国人民代表大会"
    assert "全国人民代表大会常务委员会" in d.issuers
    assert [e["event"] for e in d.extra["dates"]] == ["通过", "修正", "修正"]
    assert c["a2"].heading_path == ["第二章 期间"]


PDF_PAGES = """— 1 —
中华人民共和国某某协作法
中华人民共和国某某协作法
2000年12月28日 第九届全国人民代表大会常务委员会第十九次会议通过
第一章 总则
第一条 为了保障协作的正常进行，加强惩罚犯罪方面的国际合作，保护个人和组织的合法
权益，制定本法。
第二条 协作依照本法进行。
— 2 —
中华人民共和国某某协作法
第三条 协作请求应当书面提出。
"""


def test_a_pdf_s_running_header_and_its_information_line_are_not_clauses():
    """Found by a new-user trial: the page header (the law's name) doubled the title and became a 款 of the
    article it interrupted; the unbracketed 通过 line under the title became a 前言."""
    [d] = _parse(PDF_PAGES, "协作法.pdf")
    c = _by_key(d)
    assert d.title == "中华人民共和国某某协作法" and list(c) == ["a1", "a2", "a3"]
    assert d.date == "2000-12-28" and d.issuers == ["全国人民代表大会常务委员会"]
    assert "某某协作法" not in c["a2"].text and "某某协作法" not in c["a3"].text


def test_a_date_in_brackets_under_a_title_is_the_document_s_date():
    """Found by a new-user trial: （2024年3月1日） under a .docx 意见's title became 前言 text."""
    text = "某区人民检察院关于加强未成年人检察工作的实施意见\n（2024年3月1日）\n一、总体要求\n（一）坚持依法保护。加强未成年人司法保护。\n"
    [d] = _parse(text, "意见.txt")
    assert d.date == "2024-03-01"
    assert not any("2024年3月1日" in c.text for c in d.clauses)


def test_markdown_footnotes_close_the_document_and_their_markers_are_not_text():
    """Found by a new-user trial: footnote definitions became 款 of the last item and [^1] stayed in the text."""
    text = ("# 某市人民检察院关于规范评价指标适用的实施意见\n\n## 一、总体要求\n\n（一）各基层院应当按照本意见开展评价[^1]，不得自行增减指标。\n\n"
            "（二）不得以考核指标为由提起公诉[^2]。\n\n[^1]: 参见有关评价指标的意见。\n[^2]: 本项自2023年7月1日起执行。\n")
    [d] = _parse(text, "意见.md")
    items = [c for c in d.clauses if c.kind == "item"]
    assert [c.label.rsplit("》", 1)[1] for c in items] == ["第一部分第（一）项", "第一部分第（二）项"]
    assert "[^1]" not in items[0].text_normalized and "开展评价,不得" in items[0].text_normalized
    assert "参见" not in items[1].text
    notes = [c for c in d.clauses if c.kind == "closing"]
    assert notes and "参见有关评价指标的意见" in notes[0].text and notes[0].heading_path == []


@pytest.mark.parametrize("text,history", [
    # the legislative history wrapped over two lines, with brackets inside (修正案（十一）)
    ("中华人民共和国某某刑法\n（1979年7月1日第五届全国人民代表大会第二次会议通过　根据2020年12月26日第十三届全国人民代表大会常务委员会"
     "第二十四次会议通过的《中华人民共和国某某刑法修正案（十一）》\n修正）\n第一条 为了惩罚犯罪，保护人民，制定本法。\n", True),
    # an opening sentence that starts with a date is text, never metadata (review finding)
    ("某市人民检察院开展专项监督活动的实施方案\n2024年3月1日，最高人民检察院发布\n《关于加强专项监督的意见》。为贯彻落实该意见，制定本方案。\n"
     "一、总体要求\n（一）坚持依法监督。依法开展监督。\n", False),
    # a bracketed line with a full stop inside is a sentence of the document, not its history
    ("某市人民检察院关于加强某项工作的意见\n（2023年12月1日起施行。本意见适用于全市各级检察机关。）\n一、总体要求\n（一）坚持依法。依法办理。\n", False),
])
def test_only_a_real_legislative_history_is_taken_as_metadata(text, history):
    [d] = _parse(text, "x.txt")
    body = "".join(c.text for c in d.clauses)
    if history:
        assert d.date == "2020-12-26" and "第二次会议通过" not in body
    else:  # every sentence of the text is in a clause
        for piece in ("最高人民检察院发布", "本意见适用于全市各级检察机关"):
            if piece in text:
                assert piece in body


def test_a_footnote_in_the_middle_of_a_markdown_file_closes_nothing():
    """Review finding: a footnote definition before the last article turned every later article into 文末, and 第二条
    was then said not to exist."""
    text = ("# 某市人民检察院办案规定\n\n第一条 检察机关应当依法办案[^1]。\n\n[^1]: 参见刑事诉讼法。\n\n"
            "第二条 检察官应当客观公正，全面收集证据。\n\n第三条 本规定自印发之日起施行。\n")
    [d] = _parse(text, "规定.md")
    c = _by_key(d)
    assert {"a2", "a3"} <= set(c) and "客观公正" in c["a2"].text and not any(x.kind == "closing" for x in d.clauses)
    assert "参见刑事诉讼法" in "".join(x.text for x in d.clauses)  # not lost either


APPENDIX = """# 某某劳动保护规定

第一条 为了保护职工，制定本规定。

第二条 职工禁忌从事的劳动范围由本规定附录列示。

第三条 本规定自公布之日起施行。

附录：

职工禁忌从事的劳动范围

一、职工禁忌从事的劳动范围：

（一）矿山井下作业；

（二）高处作业。

二、职工在经期禁忌从事的劳动范围：

（一）冷水作业。
"""


def test_an_appendix_after_the_articles_is_a_part_of_its_own():
    """附录： ends the last article (its lines were that article's 款) and heads its own 一、二、, with its title line; a
    reference to 附录第二条 is to the appendix's 二、, never to the document's 第二条 — and one it lacks is said."""
    d = _parse(APPENDIX, "附录.md")[0]
    c = _by_key(d)
    assert c["a3"].text.startswith("第三条") and "附录" not in c["a3"].text and "a3.p2" not in c
    assert not any(k.startswith("pre") for k in c)  # the appendix's title is no 前言
    annex = [x for x in d.clauses if x.heading_path and x.heading_path[0].startswith("附录")]
    assert sorted({x.position["section"] for x in annex}) == [1, 2]
    assert annex[0].heading_path[:2] == ["附录：", "职工禁忌从事的劳动范围"]  # the source's lines, each recorded


def test_a_reference_to_an_appendix_is_to_its_own_numbering(tmp_path):
    from assistant.config import Settings
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import ingest_paths

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "附录.md").write_text(APPENDIX, encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [lib])
    r = open_assistant(s, chat=False).retriever
    res = r.search("某某劳动保护规定附录第二条是什么内容？", k=3)
    assert res.hits[0].match == "reference" and "经期" in res.hits[0].clause["text"]
    res = r.search("某某劳动保护规定第二条", k=3)
    assert res.hits[0].match == "reference" and res.hits[0].clause["text"].startswith("第二条")
    res = r.search("某某劳动保护规定附录第五条", k=3)
    assert any("附录没有第五条" in n for n in res.notes) and all(h.match != "reference" for h in res.hits)


@pytest.mark.parametrize("question,texts", [
    ("某某条例附件2第三条", ["三、乙表第三项。"]),  # that appendix's numbering, not 附件1's
    ("某某条例附件一第二条、第三条", ["二、甲表第二项。", "三、甲表第三项。"]),  # a list stays in its appendix
    ("某某条例附件2第一条至第二条", ["一、乙表第一项。", "二、乙表第二项。"]),  # and a range
    ("某某条例附件3第三条是怎么规定的？", ["第三条 细则第三条的内容。"]),  # an appendix with articles of its own
    ("某某条例第二条", ["第二条 本条例自公布之日起施行。"]),  # the document's own 第二条, not 附件3's
])
def test_references_into_appendices(tmp_path, question, texts):
    from assistant.config import Settings
    from assistant.generate.session import open_assistant
    from assistant.index.ingest import ingest_paths

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "条例.md").write_text(ANNEXES, encoding="utf-8")
    s = Settings(store_path=tmp_path / "store")
    ingest_paths(s, [lib])
    res = open_assistant(s, chat=False).retriever.search(question, k=5)
    assert [h.clause["text"] for h in res.hits if h.match == "reference"] == texts


@pytest.mark.parametrize("tail,kept,label,path", [
    # a paragraph of an unnumbered appendix, under its heading and title
    ("附件一\n\n某某税目税率表\n\n续表\n", ["续表"], "附件一第1段", ["附件一", "某某税目税率表"]),
    # a heading with nothing under it (the file lacks the table): kept as text, its title in its path
    ("附表\n\n某某税目税率表\n", ["附表"], "附表第1段", ["附表", "某某税目税率表"]),
])
def test_an_unnumbered_appendix_loses_no_line(tail, kept, label, path):
    text = "# 某某条例\n\n第一条 为了某事，制定本条例。\n\n第二条 本条例自公布之日起施行。\n\n" + tail
    d = _parse(text, "条例.md")[0]
    annex = [c for c in d.clauses if c.clause_id.split(":", 1)[1].startswith("x")]
    assert [c.text for c in annex] == kept
    assert annex[0].label == f"《某某条例》{label}" and annex[0].heading_path == path
    assert "附" not in _by_key(d)["a2"].text  # not a 款 of the last article


@pytest.mark.parametrize("body", [
    "一、总体要求\n\n做好某项工作。\n\n二、保障措施\n\n加强领导。\n\n",  # a 公文 numbered 一、二、
    "第一条 为了某事，制定本办法。\n\n第二条 本办法自公布之日起施行。\n\n",  # a document of articles
])
def test_a_closing_attachment_list_stays_the_closing(body):
    """附件： and the attachments' names (1.某某申请表) close a document: its 文末, not an appendix with 第1条, 第2条."""
    d = _parse("# 某某办法\n\n" + body + "附件：\n\n1.某某申请表\n\n2.某某登记表\n", "办法.md")[0]
    assert [c.label.split("》")[1] for c in d.clauses if "申请表" in c.text] == ["文末"]


@pytest.mark.parametrize("body,subitems,paras", [
    # 一、二、 for an article's 项 after its lead-in (older regulations): 项 of that article, a paragraph after them its 款
    ("第三条 主管部门负有下列职责：\n\n一、制定监督管理规章；\n\n二、监督、检查法规的执行情况。\n\n第四条 本办法自发布之日起施行。\n",
     {"a3": 2}, {"a3": 1}),
    ("第三条 主管部门负有下列职责：\n\n一、制定规章；\n\n二、派出督察员。\n\n派出督察员的具体办法另行制定。\n\n"
     "第四条 本办法自发布之日起施行。\n", {"a3.p1": 2}, {"a3": 2}),
    # a 项 written 一、 with its own （一） list (海洋倾废管理条例第二十条 — review finding: 二、 became a part), and a later 项
    # not ending its sentence
    ("第三条 处罚标准如下：\n\n一、凡有下列行为之一者，处以警告：\n\n（一）伪造检验单的；\n\n（二）不填报记录表的；\n\n"
     "二、凡擅自向海洋倾倒废弃物的，处以一万元以下的罚款\n\n第四条 本办法自发布之日起施行。\n", {"a3": 2}, {"a3": 1}),
    # a short heading after the list (三、罚则) opens a part, not a third 项 (review finding)
    ("第三条 主管部门负有下列职责：\n\n一、制定规章；\n\n二、派出督察员。\n\n三、罚则\n\n第四条 违反本办法的，予以警告。\n",
     {"a3": 2}, {"a3": 1}),
    # no lead-in: 一、 after an article is a part of the document (a 决定's items after its articles stay parts)
    ("第三条 主管部门负责监督管理。\n\n一、总则部分\n\n第四条 本办法自发布之日起施行。\n", {"a3": 0}, {"a3": 1}),
    # a heading after a lead-in (no sentence end) is no 项
    ("第三条 具体规定如下：\n\n一、总体要求\n\n做好某项工作。\n", {"a3": 0}, {"a3": 1}),
])
def test_an_article_with_its_items_numbered_like_parts(body, subitems, paras):
    d = _parse("# 某某暂行办法\n\n第一条 为了某事，制定本办法。\n\n" + body, "办法.md")[0]
    c = _by_key(d)
    for key, n in subitems.items():
        assert len(c[key].subitems) == n, key
    for art, n in paras.items():
        assert len([k for k in c if k == art or k.startswith(art + ".p")]) == n, art
    if any(subitems.values()) and "罚则" not in body:
        assert not any(k.startswith("s") for k in c)  # no 第一部分 beside the articles
        labels = [s.label for x in d.clauses for s in x.subitems]
        assert len(labels) == len(set(labels))  # (the （一） of a 项 are its 目, no second 第（一）项)
        key, n = next(iter(subitems.items()))
        assert [s.label.split("》")[1] for s in c[key].subitems][-1].endswith(f"第（{'一二'[n - 1]}）项")


_HEAD = "# 某某规定\n\n第一条 为了某事，制定本规定。\n\n第二条 本规定自公布之日起施行。\n\n施行前的规定与本规定不一致的，以本规定为准。\n\n"


@pytest.mark.parametrize("tail,labels,first_path", [
    # 附件：X after the last article — a form, its own 一、二、 inside it: the appendix, never 第二条's 款; the same heading
    # twice (the list of attachments, then over the attachment) is one appendix, its lines numbered on
    ("附件：主要文书参考样式\n\n附件：主要文书参考样式\n\n某某人民法院\n\n协助执行通知书\n\n一、对下列情况进行公示。\n\n"
     "二、冻结期间不得办理。\n\n抄送：某某局。\n",
     ["附件第1段", "附件第2段", "附件第3段", "附件第一部分", "附件第二部分第1段", "附件第二部分第2段"],
     ["附件：主要文书参考样式", "主要文书参考样式"]),
    # 附： (附件's short form) over a table: its title a heading, its rows the appendix's paragraphs
    ("附：\n\n某某税目税率表\n\n税目 税率\n\n续表\n", ["附件第1段", "附件第2段"], ["附：", "某某税目税率表"]),
    # a numbered list under 附： is the appendix's (附件第1条), not the document's own 第1条
    ("附：\n\n某某器具目录\n\n1．衡器\n\n2．传感器\n", ["附件第1条", "附件第2条"], ["附：", "某某器具目录"]),
])
def test_an_appendix_led_in_with_a_colon_after_the_last_article(tail, labels, first_path):
    d = _parse(_HEAD + tail, "规定.md")[0]
    c = _by_key(d)
    assert [k for k in c if k.startswith("a2")] == ["a2.p1", "a2.p2"]  # the last article keeps its two 款, no more
    tails = [x.label.split("》")[1] for x in d.clauses if not x.clause_id.split(":", 1)[1].startswith("a")]
    assert tails == labels
    assert d.clauses[3].heading_path == first_path
    body = tail.replace("\n\n", "\n").splitlines()
    kept = "".join(x.text for x in d.clauses) + "".join(h for x in d.clauses for h in x.heading_path)
    assert all(line in kept for line in body)  # every line of the appendix is kept, as text or as a heading


def test_sentences_numbered_like_parts_between_articles_do_not_head_the_articles_after_them():
    """第十一条 …分为三类。 / 一、禁止倾倒…。 二、… 三、…。 / 第十二条 …: the 三、 sentence is no part 第十二条 and every later
    article sit in (their heading path said 三、倾倒未列入… — a browser check); a part's heading (一、总则) still heads its
    articles."""
    text = ("# 某某管理条例\n\n第一条 为了某事，制定本条例。\n\n第二条 废弃物分为三类。\n\n一、禁止倾倒甲类废弃物。\n\n"
            "二、倾倒乙类废弃物，应当事先获得特别许可证。\n\n三、倾倒丙类废弃物，应当事先获得普通许可证。\n\n"
            "第三条 主管部门应当进行监视。\n\n第四条 本条例自发布之日起施行。\n")
    c = _by_key(_parse(text, "条例.md")[0])
    assert c["a3"].heading_path == [] and c["a4"].heading_path == []
    headed = _parse("# 某某办法\n\n一、总则\n\n第一条 为了某事，制定本办法。\n\n第二条 本办法自发布之日起施行。\n", "办法.md")[0]
    assert all(x.heading_path[:1] == ["一、总则"] for x in headed.clauses if x.kind == "article")


def test_a_document_naming_its_one_attachment_then_closing_keeps_its_closing():
    """附件：某某登记表 / 抄送：… — the 抄送 is the document's 文末, and the attachment's name is kept (review finding)."""
    d = _parse(_HEAD + "附件：某某登记表\n\n抄送：国务院办公厅。\n", "规定.md")[0]
    tails = {x.label.split("》")[1]: x.text for x in d.clauses}
    assert tails.get("文末") == "抄送：国务院办公厅。" and "附件：某某登记表" in tails.values()


def test_a_list_of_attachments_closes_and_the_numbered_attachments_after_it_are_appendices():
    tail = ("附件：1.甲申请表\n\n2.乙登记表\n\n附件1\n\n甲申请表\n\n一、甲表第一项。\n\n二、甲表第二项。\n\n"
            "附件2：乙登记表\n\n一、乙表第一项。\n")
    d = _parse(_HEAD + tail, "规定.md")[0]
    tails = [x.label.split("》")[1] for x in d.clauses]
    assert tails[3:] == ["文末", "附件1第一部分第1段", "附件1第二部分", "附件2第一部分第1段"]
    closing = _by_key(d)["end"]
    assert "1.甲申请表" in closing.text and "2.乙登记表" in closing.text and "甲表第一项" not in closing.text


ANNEXES = ("# 某某条例\n\n第一条 为了某事，制定本条例。\n\n第二条 本条例自公布之日起施行。\n\n"
           "附件1\n\n甲表\n\n一、甲表第一项。\n\n二、甲表第二项。\n\n三、甲表第三项。\n\n"
           "附件2\n\n乙表\n\n一、乙表第一项。\n\n二、乙表第二项。\n\n三、乙表第三项。\n\n"
           "附件3\n\n某某细则\n\n第一条 细则第一条的内容。\n\n第二条 细则第二条的内容。\n\n第三条 细则第三条的内容。\n\n"
           "附表一\n\n收费标准甲\n\n附表二\n\n收费标准乙\n")


def test_each_appendix_labels_its_parts_and_keeps_every_line():
    d = _parse(ANNEXES, "条例.md")[0]
    labels = [c.label.split("》")[1] for c in d.clauses]
    assert len(labels) == len(set(labels))  # 附件1第三部分 and 附件2第三部分 are told apart, as 附件3第三条 from 第三条
    assert {"附件1第三部分第1段", "附件2第三部分第1段", "附件3第三条", "第二条", "附表一第1段", "附表二第1段"} <= set(labels)
    tables = [c for c in d.clauses if c.label.endswith(("附表一第1段", "附表二第1段"))]
    assert [c.heading_path for c in tables] == [["附表一", "收费标准甲"], ["附表二", "收费标准乙"]]  # titles kept too


@pytest.mark.parametrize("text,issuers,date", [
    # a court's 规定 with no information block: its issuer from the title's head, its date from its commencement clause
    ("# 最高人民法院关于办理某某案件适用法律若干问题的规定\n\n<!-- INFO END -->\n\n法释〔2022〕17号\n\n第一条 某某。\n\n"
     "第二条 本规定自2022年8月1日起施行。\n", ["最高人民法院"], "2022-08-01"),
    ("# 最高人民法院、最高人民检察院关于办理某某刑事案件的解释\n\n第一条 某某。\n\n第二条 本解释自2013年9月10日起施行。\n",
     ["最高人民法院", "最高人民检察院"], "2013-09-10"),
    # a title whose head is no body, no commencement clause: nothing made up
    ("# 关于某某工作的规定\n\n第一条 某某。\n\n第二条 本规定由某某负责解释。\n", [], None),
    ("# 某某协作办法\n\n第一条 某某。\n\n第二条 应当自2020年1月1日起施行的合同，依照本办法。\n", [], None),  # not its own
])
def test_a_document_without_an_information_block_takes_its_issuer_from_its_title_and_its_date_from_its_commencement(
        text, issuers, date):
    doc = _parse(text, "doc.md")[0]
    assert doc.issuers == issuers and doc.date == date


@pytest.mark.parametrize("masthead", [
    "最高人民法院 最高人民检察院\n\n关于办理某某刑事案件适用法律\n\n若干问题的解释",
    "最高人民法院、最高人民检察院\n\n关于办理某某刑事案件适用法律若干问题的解释",
])
def test_the_title_set_again_over_several_lines_is_metadata_not_a_preamble(masthead):
    """New-user trial: a plan's 指导思想 was 最高人民法院 最高人民检察院 (the title set again, read as the preamble's first
    paragraph), and an answer quoted 关于办理…的解释（二） as a statement."""
    text = (f"# 最高人民法院、最高人民检察院关于办理某某刑事案件适用法律若干问题的解释\n\n<!-- INFO END -->\n\n{masthead}\n\n"
            "法释〔2023〕7号\n\n为依法惩治某某犯罪，制定本解释。\n\n第一条 某某行为应当认定为严重情节。\n")
    doc = _parse(text, "doc.md")[0]
    preamble = [c.text for c in doc.clauses if c.kind == "preamble"]
    assert preamble == ["为依法惩治某某犯罪，制定本解释。"]
    assert "若干问题的解释" in "".join(doc.extra.get("info", []))  # kept with the metadata, never dropped


def test_short_lines_that_are_not_the_title_stay_in_the_preamble():
    text = ("# 某某市关于加强某某工作的意见\n\n某某市人民政府\n\n关于加强工作\n\n为做好某某工作，提出如下意见。\n\n一、加强领导。\n")
    doc = _parse(text, "doc.md")[0]
    assert any("关于加强工作" in c.text for c in doc.clauses)


@pytest.mark.parametrize("text,number", [
    # the number of the document it repeals, quoted in its closing article, is not its own (second trial)
    ("# 最高人民法院关于适用某某法的解释\n\n第一条 某某。\n\n第二条 本解释自2018年2月8日起施行。\n\n"
     "本解释施行后，《最高人民法院关于执行某某法若干问题的解释》（法释〔2000〕8号）同时废止。\n", None),
    ("# 最高人民法院关于某某的规定\n\n法释〔2022〕17号\n\n第一条 某某。\n", "法释〔2022〕17号"),
])
def test_a_document_number_quoted_inside_a_provision_is_not_the_documents_own(text, number):
    assert _parse(text, "doc.md")[0].doc_number == number


@pytest.mark.parametrize("name,expected", [
    ("某某管理办法(2019-03-02).md", "2019-03-02"),  # the edition the name states, a revision the head left out
    ("某某管理办法(2010-12-28).md", "2010-12-20"),  # days later: 公布 after 通过, one edition — the head's date
    ("某某管理办法(2011-01-15).md", "2010-12-20"),  # …across a new year too (review finding)
    ("某某管理办法.md", "2010-12-20"),  # no date in the name
    ("某某管理办法(2019-13-02).md", "2010-12-20"),  # no date at all
])
def test_a_file_named_for_a_later_edition_than_its_head_states_takes_the_names_date(name, expected):
    text = ("# 某某管理办法\n\n1993年12月12日 国务院批准\n\n"
            "2010年12月20日 《国务院关于修改〈某某管理办法〉的决定》第一次修订\n\n<!-- INFO END -->\n\n"
            "第一条 为了加强某某管理，制定本办法。\n\n第二条 本办法自发布之日起施行。\n")
    assert _parse(text, name)[0].date == expected


def test_a_file_whose_head_states_no_date_takes_its_names():
    text = "# 某某规定\n\n第一条 为了规范某某工作，制定本规定。\n\n第二条 某某工作由某某部门负责。\n"
    assert _parse(text, "某某规定(2015-02-16).md")[0].date == "2015-02-16"
    assert not _parse(text, "某某规定.md")[0].date


_LAW_HEAD = "# 某某事项条例\n\n2005年1月5日国务院第76次常务会议通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n"


@pytest.mark.parametrize("body,kuan,items", [
    # a paragraph inside 项 (三), the list going on after it with (四): one 款 of 4 项, then the article's 第二款
    ("第二条 收到事项，按下列方式处理：\n\n(一)告知甲；\n\n(二)转送乙；\n\n(三)转送丙，并抄送丁。\n\n"
     "丁要定期通报转送情况。\n\n(四)需要反馈的，交由戊办理。\n\n按照前款第(二)项至第(四)项规定，应当在15日内决定。\n",
     ["第二条第一款", "第二条第二款"], [4, 0]),
    # several paragraphs inside 项 (一) before (二)
    ("第二条 下列行为是自首：\n\n(一)自动投案，是指主动投案。\n\n委托他人代为投案的，视为自动投案。\n\n"
     "投案后又逃跑的，不能认定为自首。\n\n(二)如实供述，是指交代主要犯罪事实。\n",
     ["第二条"], [2]),
    # a paragraph after the list, no 项 after it: a 款 of its own
    ("第二条 有下列情形之一的，不予受理：\n\n(一)甲；\n\n(二)乙。\n\n前款规定以外的，应当受理。\n",
     ["第二条第一款", "第二条第二款"], [2, 0]),
    # a new list after a paragraph starts again at (一): 款 of their own
    ("第二条 甲应当做到：\n\n(一)甲一；\n\n(二)甲二。\n\n乙应当做到：\n\n(一)乙一；\n\n(二)乙二。\n",
     ["第二条第一款", "第二条第二款"], [2, 2]),
])
def test_a_paragraph_inside_an_item_is_no_kuan_when_the_list_goes_on_after_it(body, kuan, items):
    doc = _parse(_LAW_HEAD + "第一条 为了规范某某事项，制定本条例。\n\n" + body, "条例.md")[0]
    second = [c for c in doc.clauses if c.position.get("article") == 2]
    assert [c.label.split("》")[1] for c in second] == kuan
    assert [len(c.subitems) for c in second] == items
    text = "".join(c.text for c in second)
    assert all(line.strip() in text for line in body.split("\n") if line.strip())  # nothing dropped


def test_a_chapter_named_without_its_number_is_a_heading_not_a_kuan():
    """附 则 alone on a line after the articles (no ## and no 第X章): the next chapter's heading, never 第X条第二款."""
    doc = _parse(_LAW_HEAD + "第一条 为了规范某某事项，制定本条例。\n\n## 第二章 法律责任\n\n"
                 "第二条 违反本条例规定，给他人造成损害的，依法承担民事责任。\n\n附 则\n\n第三条 本条例自2024年5月1日起施行。\n",
                 "条例.md")[0]
    by_article = {c.position.get("article"): c for c in doc.clauses}
    assert [c.label.split("》")[1] for c in doc.clauses] == ["第一条", "第二条", "第三条"]
    assert "附" not in by_article[2].text and by_article[3].heading_path == ["附 则"]


@pytest.mark.parametrize("line,article", [
    ("笫五十四条 清算组成员应当忠于职守。", "第五十四条"),  # 笫 (a bed), typed or scanned for 第
    ("笫五十四条\u3000清算组成员应当忠于职守。", "第五十四条"),  # (an ideographic space after it)
])
def test_an_article_headed_with_the_typo_of_di_is_an_article(line, article):
    """A real law's 笫五十四条 became the 款 of the article before it, and 第五十四条 was then said not to exist."""
    text = ("# 某某合作社法\n\n第五十三条 合作社解散的，应当成立清算组。\n\n" + line + "\n\n"
            "第五十五条 清算组应当通知债权人。\n")
    doc = _parse(text)[0]
    labels = [c.label for c in doc.clauses]
    assert any(x.endswith(article) for x in labels), labels
    got = [c for c in doc.clauses if c.label.endswith(article)][0]
    assert got.text.endswith("清算组成员应当忠于职守。") and "第五十三条" not in got.text
    assert not any("忠于职守" in c.text for c in doc.clauses if c.label.endswith("第五十三条"))


@pytest.mark.parametrize("line", ["笫一次会议应当在成立后召开。", "床笫之间"])
def test_the_character_alone_is_no_article(line):
    doc = _parse("# 某某办法\n\n第一条 为了规范管理，制定本办法。\n\n" + line + "\n")[0]
    assert [c.label for c in doc.clauses if "条" in c.label.split("》")[-1]].count("《某某办法》第一条") <= 1
    assert any(line in c.text for c in doc.clauses)  # (kept as text, never dropped)
