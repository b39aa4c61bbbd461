"""Facts of a document asked by its name (why it was made; which edition answers), and time limits of acts named with an
ordinal (第一审判决) or a kind of case (行政案件) — constructed documents, not the eval sets' questions."""

from __future__ import annotations

import pytest

from assistant.generate import decide

LAW = ("# 某某程序法\n\n<!-- INFO END -->\n\n第一条 为了保证某某案件的公正审理，保护当事人的合法权益，根据宪法，制定本法。\n\n"
       "第二条 某某案件的审理，适用本法。\n\n第三条 为了便利当事人，人民法院可以巡回审理。\n\n"
       "第四条 当事人申请复核的，应当在收到决定书之日起十日内提出。\n\n第五条 本法自2001年1月1日起施行。\n")


@pytest.mark.parametrize("question", ["某某程序法的立法目的是什么？", "制定某某程序法的目的是什么", "某某程序法是为什么制定的？",
                                      "某某程序法的宗旨", "某某程序法是为了解决什么问题制定的？", "国家为什么要制定某某程序法？",
                                      "出台某某程序法是出于什么考虑？", "我想问一下，某某程序法的立法目的是什么？"])
def test_why_a_named_document_was_made_is_its_purpose_clause(one_document, question):
    """The purpose clause says 为了… and shares no word with 立法目的 (a CLI check refused 行政诉讼法的立法目的是什么); a
    later 为了… sentence (第三条) is no purpose of the document."""
    a = one_document("程序法.md", LAW)
    ans = a.ask(question)
    assert not ans.refused, ans.refusal_reason
    assert len(ans.statements) == 1 and "为了保证某某案件的公正审理" in ans.statements[0]["text"], ans.statements


def test_a_law_stating_its_basis_and_tasks_answers_with_both(one_document):
    """民事诉讼法 states no 为了…: its 第一条 says what it was made on, its 第二条 its tasks."""
    text = ("# 某某诉讼法\n\n<!-- INFO END -->\n\n第一条 某某诉讼法以宪法为根据，结合审判工作的经验和实际情况制定。\n\n"
            "第二条 某某诉讼法的任务，是保护当事人行使诉讼权利，保证人民法院查明事实。\n\n第三条 人民法院审理案件，应当公开进行。\n")
    ans = one_document("诉讼法.md", text).ask("某某诉讼法的立法宗旨是什么")
    said = [st["text"] for st in ans.statements]
    assert not ans.refused and len(said) == 2, said
    assert "以宪法为根据" in said[0] and "的任务，是保护当事人" in said[1], said


@pytest.mark.parametrize("question", ["某某程序法的立法目的是什么？什么时候施行？", "某某程序法为什么要制定？另外它是从什么时候开始施行的？",
                                      "某某程序法的立法宗旨是什么，自哪天起施行？"])
def test_why_and_when_asked_together_are_both_looked_up(one_document, question):
    ans = one_document("程序法.md", LAW).ask(question)
    said = " ".join(st["text"] for st in ans.statements)
    assert "为了保证某某案件的公正审理" in said and "2001年1月1日起施行" in said, ans.statements
    assert "便利当事人" not in said


def test_why_asked_with_another_matter_is_not_the_purpose_lookup_alone(one_document):
    """…的立法宗旨是什么，当事人申请复核的期限是多久？: the other matter is searched as any question, not dropped for the lookup."""
    ans = one_document("程序法.md", LAW).ask("某某程序法的立法宗旨是什么，当事人申请复核的期限是多久？")
    assert any("十日内" in st["text"] for st in ans.statements), ans.statements


def test_a_law_named_in_two_editions_is_answered_from_the_current_one(one_document):
    """民事诉讼法 stored in its 2021 and 2023 editions, named without a year: the answer comes from the current edition, said
    so — not from the library at large (a CLI check's 申请再审的期限 opened with another law's sentence)."""
    old = ("# 某某程序法\n\n<!-- INFO END -->\n\n第一条 为了保证审理，制定本法。\n\n"
           "第九条 当事人申请复核的，应当在收到决定书之日起十日内提出。\n")
    new = ("# 某某程序法\n\n<!-- INFO END -->\n\n第一条 为了保证审理，制定本法。\n\n"
           "第九条 当事人申请复核的，应当在收到决定书之日起十五日内提出。\n")
    other = ("# 另一审查办法\n\n<!-- INFO END -->\n\n第一条 当事人申请复核的期限是多久，依照本办法确定：申请复核的期限为三十日。\n")
    one_document("某某程序法(2017-06-27).md", old)
    one_document("另一审查办法(2020-01-01).md", other)
    a = one_document("某某程序法(2023-09-01).md", new)
    ans = a.ask("某某程序法规定当事人申请复核的期限是多久")
    said = " ".join(st["text"] for st in ans.statements)
    assert not ans.refused and "十五日内" in said and "三十日" not in said and "十日内提出" not in said.replace("十五日内", ""), said
    assert {c["doc_id"] for c in ans.clauses.values()} == {next(d["doc_id"] for d in a.documents if "2023" in d["doc_id"])}
    assert any("现行" in n for n in ans.notes), ans.notes
    # a year named picks that edition, as before
    dated = a.ask("2017年某某程序法第九条")
    assert any("十日内提出" in st["text"] and "十五日" not in st["text"] for st in dated.statements), dated.statements


@pytest.mark.parametrize("part,sentence,gives", [
    # an ordinal making a term (第一审, 第二审) is a word of the act, not a value to ignore
    ("应当在多长时间内作出第一审判决", "人民法院应当在立案之日起六个月内作出第一审判决。", True),
    ("应当在多长时间内作出第二审判决", "人民法院应当在立案之日起六个月内作出第一审判决。", False),
    ("多长时间内作出第一审判决", "人民法院审理上诉案件，应当在第二审立案之日起三个月内审结。", False),
])
def test_an_ordinal_term_is_part_of_the_act_asked(part, sentence, gives):
    assert decide.gives_value(part, sentence, known=lambda w: True) is gives


@pytest.mark.parametrize("action,verb", [
    ("作出行政案件第一审判决", "一审判决"),  # the kind of case qualifies what is made
    ("作出刑事案件的判决", "判决"),
    ("作出第一审判决", "一审判决"),
    ("作出行政复议决定", "行政复议"),  # (unchanged: the object's first word)
    ("作出是否立案的决定", "立案"),
])
def test_what_is_made_of_a_kind_of_case(action, verb):
    assert decide._asked_verb(action) == [verb]


def test_why_asked_beside_another_matter_is_answered_first_then_the_matter(one_document):
    """…是为什么制定的？另外，…期限是多久？: the purpose first, then the other matter (trials S and T got the other matter alone,
    the purpose dropped unsaid)."""
    ans = one_document("程序法.md", LAW).ask("某某程序法是为什么制定的？另外，当事人申请复核的期限是多久？")
    said = [st["text"] for st in ans.statements]
    assert not ans.refused and "为了保证某某案件的公正审理" in said[0], said
    assert any("十日内" in t for t in said[1:]), said
    # …and a matter the library has nothing on is said to be unanswered, the purpose still given
    ans = one_document("程序法.md", LAW).ask("某某程序法是为什么制定的？另外，火星移民签证怎么办理？")
    assert not ans.refused and "为了保证某某案件的公正审理" in ans.statements[0]["text"], ans.statements
    assert any("未找到" in n or "没有" in n for n in ans.notes), ans.notes


def test_with_a_model_the_fact_is_looked_up_without_another_model_call(tmp_path):
    """The model answers the question once; the purpose beside it is the clause quoted, not a second model call."""
    import re

    from assistant.config import Settings
    from assistant.generate.answering import Assistant
    from assistant.index.ingest import ingest_paths, open_store
    from assistant.retrieve.retrieval import ClauseRetriever
    from tests.conftest import ScriptedChat

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "程序法.md").write_text(LAW, encoding="utf-8")
    s = Settings(store_path=tmp_path / "store", retrieval_rewrite=False)
    ingest_paths(s, [lib])

    def reply(prompt):  # the sentence of the clause on 复核, cited by its key
        key = re.search(r"\[(C\d+)\][^\[]*申请复核", prompt).group(1)
        return f"当事人申请复核的，应当在收到决定书之日起十日内提出。[{key}]"

    chat = ScriptedChat(reply)
    a = Assistant(s, retriever=ClauseRetriever(open_store(s), s), chat=chat)
    ans = a.ask("某某程序法是为什么制定的？另外，当事人申请复核的期限是多久？")
    assert len(chat.prompts) == 1
    said = [st["text"] for st in ans.statements]
    assert "为了保证某某案件的公正审理" in said[0] and any("十日内" in t for t in said[1:]), said
    assert all(st["verified"] for st in ans.statements)


def test_a_fact_joined_to_another_matter_in_one_phrase_is_no_lookup_alone(one_document):
    """…的立法目的和复核期限: the other matter is not dropped for the purpose clause (a review found 起诉期限 dropped)."""
    ans = one_document("程序法.md", LAW).ask("某某程序法的立法目的和当事人申请复核的期限")
    assert any("十日内" in st["text"] for st in ans.statements), ans.statements
