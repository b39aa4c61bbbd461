"""Which clauses a supervision plan's 主要任务 draw on (constructed documents and requests, not the plan benchmark's).

A 专项检查 / 专项整治 / 监督 plan implements the document that governs its topic: what it checks (the duties on the
topic) and how its organ inspects and deals with what it finds (现场检查, 责令改正, 查封, 移送) — measures that say no
word of the topic.
"""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.generate.answering import Assistant
from assistant.generate.planning import make_plan
from assistant.generate.plans import build_offline, parse_request
from assistant.index.ingest import ingest_paths, open_store
from assistant.retrieve.retrieval import ClauseRetriever
from assistant.text.features import content_bigrams
from assistant.text.textnorm import normalize


def _library(tmp_path, files: dict[str, str], **settings) -> Assistant:
    """An offline assistant over a fresh store holding the constructed documents (file name -> text)."""
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    s = Settings(store_path=tmp_path / "store", **settings)
    ingest_paths(s, [docs])
    return Assistant(s, retriever=ClauseRetriever(open_store(s), s), chat=None)


def _task_texts(plan) -> list[str]:
    return [plan.clauses[c]["text_normalized"] for sec in plan.sections if "任务" in sec.heading for it in sec.items
            for c in it.citations if c in plan.clauses]


# a document governing one topic (甲乙 products) under a title that does not say it: duties on it, and its organ's
# inspection measures, which never say 甲乙
GOVERNING = ("# 某省商品流通秩序管理办法\n\n## 第一章 总则\n\n第一条 为了加强甲乙产品监督管理，制定本办法。\n\n"
             "## 第二章 生产经营\n\n第二条 甲乙产品生产者应当建立进货查验记录制度，如实记录甲乙产品的来源。\n\n"
             "第三条 甲乙产品经营者不得销售过期的甲乙产品。\n\n"
             "## 第三章 监督检查\n\n第四条 县级以上市场监督管理部门可以进入生产经营场所实施现场检查，查阅、复制有关合同和票据。\n\n"
             "第五条 市场监督管理部门发现违法行为的，应当责令改正；对有证据证明违法的场所，可以予以查封。\n\n"
             "第六条 市场监督管理部门发现涉嫌犯罪的，应当及时将案件移送公安机关。\n\n"
             "## 第四章 附则\n\n第七条 本办法自2020年1月1日起施行。\n")
# another document full of the generic words of supervision (监督检查, 安全, 责令改正), on another topic
OTHER = ("# 某省丙丁设备安全监督检查办法\n\n第一条 为了规范丙丁设备安全监督检查工作，制定本办法。\n\n"
         "第二条 市场监督管理部门对丙丁设备使用单位实施安全监督检查，可以进入现场检查。\n\n"
         "第三条 市场监督管理部门在安全监督检查中发现丙丁设备存在事故隐患的，应当责令改正。\n\n"
         "第四条 丙丁设备使用单位应当对丙丁设备进行定期检验，并配合安全监督检查。\n\n"
         "第五条 市场监督管理部门应当公布举报电话，受理丙丁设备安全的举报。\n")


def test_a_supervision_plan_draws_its_organs_measures_from_the_document_governing_its_topic(tmp_path):
    a = _library(tmp_path, {"doc1.md": GOVERNING, "doc2.md": OTHER})
    plan = make_plan(a, "县市场监管局要开展一次甲乙产品专项检查，请起草工作方案。")
    tasks = _task_texts(plan)
    assert any("进货查验记录" in t for t in tasks)  # the duties it checks
    # …and how it inspects and what it does with what it finds, which never say 甲乙 (before: these were no task)
    assert any("进入生产经营场所实施现场检查" in t for t in tasks) and any("予以查封" in t for t in tasks)
    assert any("移送公安机关" in t for t in tasks)
    # not the other document's measures, which share every word of them but the topic
    assert not any("丙丁" in t for t in tasks), tasks
    assert all(it.verified for sec in plan.sections for it in sec.items)


def test_a_policy_plan_takes_no_clause_of_its_document_that_misses_its_topic(tmp_path):
    """The measures are taken without the topic's words only for supervision (检查, 整治, 监督, 执法): a policy plan
    (甲乙产品质量提升) keeps to the clauses on its topic."""
    a = _library(tmp_path, {"doc1.md": GOVERNING, "doc2.md": OTHER})
    tasks = _task_texts(make_plan(a, "为县市场监管局起草甲乙产品质量提升工作方案"))
    assert tasks and all("甲乙" in t for t in tasks), tasks


def test_a_generic_stretch_of_one_title_does_not_confine_a_plan_to_that_document(tmp_path):
    """质量安全监督检查 is a stretch of 丙丁设备安全监督检查办法 only, yet names no document: the plan on 甲乙 is drawn from
    the 甲乙 document (a plan benchmark's 生猪 plan took all its tasks from a 特种设备 document)."""
    a = _library(tmp_path, {"doc1.md": GOVERNING, "doc2.md": OTHER})
    tasks = _task_texts(make_plan(a, "请帮县市场监管局写一份甲乙产品质量安全监督检查工作方案"))
    assert any("进货查验记录" in t for t in tasks) and any("过期的甲乙产品" in t for t in tasks), tasks
    # a request that does name the document by its stretch still implements it
    tasks = _task_texts(make_plan(a, "请为县市场监管局起草落实丙丁设备安全监督检查办法的工作方案"))
    assert tasks and all("甲乙" not in t for t in tasks), tasks


class _Hit:
    def __init__(self, clause: dict, rank: int):
        self.clause, self.rank = clause, rank


class _Names:
    def named_anywhere(self, request: str) -> list:
        return []


class _Library:
    """A retriever at the plan's seam: the library-wide search ranks another document's clauses, which share the
    generic words of supervision, above the governing document's measures; searched inside a document, its own come."""

    def __init__(self, clauses: list[dict]):
        self.clauses, self.asked = clauses, []

    def document_names(self):
        return _Names()

    def documents(self):
        return [{"doc_id": d, "title": d} for d in dict.fromkeys(c["doc_id"] for c in self.clauses)]

    def search(self, query: str, k: int, filters=None):
        self.asked.append((query, tuple(filters.doc_ids) if filters and filters.doc_ids else ()))
        if filters and filters.doc_ids:
            pool = [c for c in self.clauses if c["doc_id"] in filters.doc_ids]
        else:  # the governing document's clauses on the topic, then the others' generic measures, then its own measures
            pool = sorted(self.clauses, key=lambda c: (c["doc_id"] != "甲乙" or "甲乙" not in c["text"],
                                                       c["doc_id"] == "甲乙"))
        return type("R", (), {"hits": [_Hit(c, n) for n, c in enumerate(pool[:k], 1)]})()


def _clause(doc: str, n: int, text: str) -> dict:
    return {"clause_id": f"{doc}-{n}", "doc_id": doc, "label": f"《{doc}》第{n}条", "text": text,
            "text_normalized": normalize(text), "kind": "article", "heading_path": []}


@pytest.mark.parametrize("main_per_query", [24, 0])
def test_the_document_governing_the_topic_is_searched_on_its_own(main_per_query):
    """When most of the best clauses come from one document, the gathering queries are asked again inside it, so that its
    measures are gathered though other documents sharing their generic words outrank them library-wide (0: not)."""
    from assistant.generate.plans import gather_clauses

    own = [_clause("甲乙", 1, "甲乙产品经营者应当建立进货查验记录制度。"), _clause("甲乙", 2, "甲乙产品经营者不得销售过期的甲乙产品。"),
           _clause("甲乙", 3, "甲乙产品生产者应当标注甲乙产品的生产日期。"),
           _clause("甲乙", 4, "市场监督管理部门可以进入场所实施现场检查。"), _clause("甲乙", 5, "发现违法的，可以予以查封。")]
    others = [_clause(f"戊己{k}", 1, "市场监督管理部门实施监督检查，进入现场检查，责令改正，予以查封，移送，公布举报电话。")
              for k in range(4)]
    lib = _Library(own + others)
    got = gather_clauses(lib, "县市场监管局要开展甲乙产品专项检查，请起草工作方案。", "甲乙产品专项检查", [], per_query=3,
                         main_per_query=main_per_query, org="县市场监管局")
    ids = {r["clause_id"] for r in got}
    assert {"甲乙-1", "甲乙-2", "甲乙-3"} <= ids
    inside = [q for q, docs in lib.asked if docs == ("甲乙",)]
    assert (({"甲乙-4", "甲乙-5"} <= ids) and bool(inside)) == (main_per_query > 0), ids
    # the inspection facet is asked: how it inspects and what it does with what it finds
    assert any("现场检查" in q and "甲乙产品专项检查" in q for q, _d in lib.asked)


def _recs(texts: list[str], chapter: str = "第三章 经营") -> list[dict]:
    return [{"clause_id": f"c{n}", "doc_id": "d", "doc_title": "某省甲乙产品管理办法", "label": f"《某省甲乙产品管理办法》第{n}条",
             "text": t, "text_normalized": normalize(t), "heading_path": [chapter], "kind": "article", "start": n * 100}
            for n, t in enumerate(texts, 1)]


def test_a_topic_one_chapter_governs_fills_the_plan_from_that_chapter():
    """Not more than plan_per_group tasks of one chapter while other chapters have tasks; when none has, the plan is
    filled from it (a plan benchmark's 化妆品经营 plan had 4 tasks, its other on-topic duties left out)."""
    records = _recs([f"第{n}条 甲乙产品经营者应当{duty}。" for n, duty in enumerate(
        ["建立进货查验制度", "查验供货者的许可证明", "展示甲乙产品标签", "建立检查制度", "如实记录销售情况", "定期自查"], 1)])
    idf = {g: 1.0 for r in records for g in content_bigrams(r["text_normalized"])}
    sections = build_offline("起草甲乙产品经营专项检查工作方案", records, "县市场监管局", "甲乙产品经营专项检查", [], idf,
                             max_tasks=10, per_group_cap=3)[1]
    assert len(sections[2].items) == 6
    # …and never past max_tasks
    sections = build_offline("起草甲乙产品经营专项检查工作方案", records, "县市场监管局", "甲乙产品经营专项检查", [], idf,
                             max_tasks=4, per_group_cap=3)[1]
    assert len(sections[2].items) == 4
    # a policy plan keeps to the cap: a part's further items are its document's other topics
    sections = build_offline("起草甲乙产品经营工作方案", records, "县市场监管局", "甲乙产品经营", [], idf,
                             max_tasks=10, per_group_cap=3)[1]
    assert len(sections[2].items) < 6


def test_tasks_are_taken_in_the_order_gathered_not_by_how_often_they_repeat_the_topic():
    # (the second holds more of the topic's words: 甲乙, 产品, 检查)
    records = _recs(["第一条 市场监督管理部门应当对甲乙经营者开展现场检查，确定检查重点。",
                     "第二条 甲乙产品的标签应当标注甲乙产品名称、甲乙产品成分和检查合格标志。"])
    idf = {g: 1.0 for r in records for g in content_bigrams(r["text_normalized"])}
    sections = build_offline("起草甲乙产品专项检查工作方案", records, "县市场监管局", "甲乙产品专项检查", [], idf,
                             max_tasks=1)[1]
    assert [c for it in sections[2].items for c in it.citations] == ["c1"]


@pytest.mark.parametrize("text,org,topic,focus", [
    # the speaker's own organ, named in brackets inside what it intends, is the plan's organ
    ("今年要对我局（市某某管理局）许可的甲乙单位做一轮证后检查，请写个工作方案。", "市某某管理局", "许可的甲乙单位做一轮证后检查", []),
    # a drafting sentence naming one word of a subject (安全监督) after a story saying what it is for: the story is a focus
    ("下周体育馆要办一场预计一万人的甲乙活动，请为市某某局起草安全监督工作方案。", "市某某局", "安全监督",
     ["下周体育馆要办一场预计一万人的甲乙活动"]),
    # …not when the drafting sentence names its subject, nor from an instruction after it
    ("下周体育馆要办一场甲乙活动，请为市某某局起草丙丁设备安全检查工作方案。", "市某某局", "丙丁设备安全检查", []),
    ("为区某某局起草丙丁专项检查工作方案，把握好重点环节", "区某某局", "丙丁专项检查", []),
    # what to attend to (注意…, 顺带把…理一理) is a focus, not part of the topic
    ("县某某局想开展甲乙经营整治，注意查处和引导相结合，请起草工作方案", "县某某局", "甲乙经营整治", ["查处", "引导相结合"]),
    ("我院想对甲乙程序中的违法问题开展监督，顺带把丙丁线索移送机制理一理，请起草一个工作方案。", "", "甲乙程序中的违法问题开展监督",
     ["丙丁线索移送机制"]),
    # an organ or its unit by its office word right before what it intends, when it is to be done told first; 出个/拟…方案
    # as drafting (a plan trial's 海事局汛期前要…，帮忙出个工作方案 kept 海事局 and 帮忙出个 in its topic)
    ("某某局汛期前要对辖区甲乙开展安全专项检查，帮忙出个工作方案", "某某局", "辖区甲乙开展安全专项检查", []),
    ("县某某局丙丁大队要对辖区甲乙企业开展专项检查，请拟检查方案", "县某某局丙丁大队", "辖区甲乙企业开展专项检查", []),
    ("某某处今年准备开展甲乙整治，请拟工作方案", "某某处", "甲乙整治", []),
    # a second organ joined after what is intended (要联合…开展), and a policy verb kept in the topic (想推进…)
    ("市某某局要联合某某部门开展打击甲乙专项行动，请拟一份行动方案", "市某某局、某某部门", "打击甲乙专项行动", []),
    ("市某某局想推进甲乙信息公开建设，请拟一份实施方案", "市某某局", "推进甲乙信息公开建设", []),
    ("格局要优化，请拟工作方案", "", "格局要优化", []),  # (格局 is no office)
    # a focus term without the verb of looking at it (重点看…)
    ("请帮县某某局写一份甲乙检查工作方案，重点看进厂查验登记和丙丁检验", "县某某局", "甲乙检查", ["进厂查验登记", "丙丁检验"]),
])
def test_parse_a_supervision_request(text, org, topic, focus):
    assert parse_request(text) == (org, topic, focus)


def _doc_rec(cid: str, doc: str, text: str) -> dict:
    # (titles that do not say the topic: a document titled with it makes every clause of it on topic)
    title = {"甲乙": "某省商品流通秩序管理办法", "丙丁": "某省设备安全管理办法"}[doc]
    return {"clause_id": cid, "doc_id": doc, "doc_title": title, "label": f"《{title}》{cid}", "text": text,
            "text_normalized": normalize(text), "heading_path": [], "kind": "article"}


@pytest.mark.parametrize("request_text,measures_kept", [
    ("县市场监管局要开展甲乙产品专项检查，请起草工作方案", True),
    ("县市场监管局要开展打击假冒甲乙产品专项行动，请起草工作方案", True),
    ("为县市场监管局起草甲乙产品质量提升工作方案", False),  # no supervision: a policy plan keeps to its topic's words
])
def test_a_supervision_plan_keeps_its_organs_measures_among_many_tasks_on_its_topic(request_text, measures_kept):
    """However many duties say the topic's words, an inspection's measures (they never do) are among its tasks, in the order
    gathered — of the document giving most tasks, and only an authority's (…部门 应当责令改正), not a party's."""
    duties = [_doc_rec(f"d{n}", "甲乙", f"第{n}条 甲乙产品经营者应当{d}。") for n, d in enumerate(
        ["建立进货查验制度", "查验供货者的许可证明", "展示甲乙产品标签", "如实记录销售情况", "定期自查甲乙产品",
         "召回缺陷甲乙产品", "保存甲乙产品票据", "公示甲乙产品价格", "培训甲乙产品从业人员", "报告甲乙产品质量事故",
         "标注甲乙产品生产日期", "贮存甲乙产品于阴凉处"], 1)]
    measures = [_doc_rec("m1", "甲乙", "第二十条 市场监督管理部门发现违法行为的，应当责令改正，并可以予以查封。"),
                _doc_rec("m2", "甲乙", "第二十一条 市场监督管理部门发现涉嫌犯罪的，应当移送公安机关。")]
    party = _doc_rec("p1", "甲乙", "第二十二条 行业协会可以组织会员开展检查评比。")  # no authority's measure
    other = _doc_rec("o1", "丙丁", "第五条 市场监督管理部门在丙丁设备检查中发现隐患的，应当责令改正。")
    records = duties[:2] + measures + [party, other] + duties[2:]  # the order gathered
    idf = {g: 1.0 for r in records for g in content_bigrams(r["text_normalized"])}
    org, topic, focus = parse_request(request_text)
    sections = build_offline(request_text, records, org, topic, focus, idf, max_tasks=10)[1]
    cited = {c for it in sections[2].items for c in it.citations}
    assert ({"m1", "m2"} <= cited) == measures_kept, cited
    assert "p1" not in cited and "o1" not in cited
    assert len(sections[2].items) <= 10


def test_a_supervision_plans_tasks_come_from_the_document_governing_it_first():
    """Another document's clause naming the plan's organ (公安机关应当…) and sharing a focus word comes after the tasks of the
    document giving most of them (a plan trial's 网吧 inspection by the police opened with a 大型活动 regulation's 公安机关应当
    履行下列职责); a policy plan keeps the organ's clauses first."""
    other = _doc_rec("o1", "丙丁", "第十条 公安机关应当对丙丁设备的消防通道进行安全检查。")
    own = [_doc_rec(f"g{n}", "甲乙", f"第{n}条 甲乙产品经营者应当{d}。")
           for n, d in enumerate(["保持甲乙产品仓库消防通道畅通", "落实甲乙产品安全责任", "建立甲乙产品安全检查制度"], 1)]
    records = [other, *own]
    idf = {g: 1.0 for r in records for g in content_bigrams(r["text_normalized"])}
    request = "县公安局要对甲乙产品经营场所开展安全检查，重点查消防通道，请起草工作方案"
    org, topic, focus = parse_request(request)
    sections = build_offline(request, records, org, topic, focus, idf, max_tasks=3)[1]
    assert {c for it in sections[2].items for c in it.citations} == {"g1", "g2", "g3"}
