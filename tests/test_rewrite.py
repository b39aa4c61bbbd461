"""The optional model rewrite of a question (statutory terms + candidate references) searched beside it."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.errors import ModelError
from assistant.generate.session import open_assistant
from assistant.index.ingest import ingest_paths, open_store
from assistant.retrieve.retrieval import ClauseRetriever
from assistant.retrieve.rewrite import Rewrite, parse_rewrite, rewrite_question
from tests.conftest import ScriptedChat

LAW = """# 某某程序法

第一条 为了规范办案程序，保障当事人合法权益，制定本法。
第二条 犯罪嫌疑人、被告人可以申请取保候审。决定取保候审的，责令其提出保证人或者交纳保证金。
第三条 拘留后，应当在二十四小时以内通知被拘留人的家属。
第四条 人民法院审判案件，除本法另有规定的以外，一律公开进行。
第五条 未成年人案件的审理，不公开进行。
"""


@pytest.mark.parametrize("reply,terms,refs", [
    ("检索词：取保候审 保证金\n可能条文：某某程序法第二条；刑事诉讼法第六十七条", "取保候审 保证金", ["某某程序法第二条", "刑事诉讼法第六十七条"]),
    ("好的，改写如下。\n检索词： 公开审判 \n可能条文：无\n以上。", "公开审判", []),
    ("检索词：无\n可能条文：无", "", []),
    ("我不知道", "", []),
    ("检索词：" + "证据" * 200, "证据" * 60, []),  # bounded
    ("可能条文：甲法第一条、乙法第二条、丙法第三条、丁法第四条", "", ["甲法第一条", "乙法第二条", "丙法第三条"]),
])
def test_parse_rewrite_reads_two_labelled_lines_only(reply, terms, refs):
    got = parse_rewrite(reply)
    assert got.terms == terms and got.references == refs


@pytest.fixture(scope="module")
def law_settings(tmp_path_factory):
    root = tmp_path_factory.mktemp("rewrite")
    (root / "docs").mkdir()
    (root / "docs" / "某某程序法.md").write_text(LAW, encoding="utf-8")
    s = Settings(store_path=root / "store", retrieval_rewrite=True)
    ingest_paths(s, [root / "docs"])
    return s


def _labels(result):
    return [h.clause["label"] for h in result.hits]


def test_a_rewrite_adds_statutory_terms_and_candidate_references(law_settings):
    r = ClauseRetriever(open_store(law_settings), law_settings)
    question = "家里人被关起来了，能不能先出来？"

    def rank(result, article):
        labels = _labels(result)
        return next((n for n, x in enumerate(labels) if article in x), len(labels))

    plain = r.search(question, k=5)
    terms = r.search(question, k=5, rewrite=Rewrite("取保候审 保证金", []))
    assert rank(terms, "第二条") == 0 < rank(plain, "第二条")
    helped = r.search(question, k=5, rewrite=Rewrite("", ["某某程序法第四条"]))
    assert rank(helped, "第四条") < rank(plain, "第四条")
    assert helped.to_json()["rewrite"] == {"terms": "", "references": ["某某程序法第四条"]}
    assert "rewrite" not in plain.to_json()


def test_a_candidate_reference_never_outranks_the_part_the_question_names(law_settings):
    r = ClauseRetriever(open_store(law_settings), law_settings)
    res = r.search("某某程序法第一条是什么？", k=3, rewrite=Rewrite("", ["某某程序法第五条", "不存在的法第九条"]))
    assert "第一条" in _labels(res)[0] and res.hits[0].match == "reference"
    assert any("第五条" in x for x in _labels(res)) and not res.notes  # an unknown document in a candidate: ignored


def test_the_answer_stage_rewrites_before_retrieval_and_survives_a_failing_rewrite(law_settings):
    chat = ScriptedChat("检索词：取保候审 保证金\n可能条文：某某程序法第二条",
                        "根据规定，可以申请取保候审，交纳保证金。[C1]")
    a = open_assistant(law_settings, store=open_store(law_settings), chat=chat)
    res = a.ask("家里人被关起来了，能不能先出来？", k=3)
    assert "家里人被关起来了" in chat.prompts[0] and "检索词" in chat.prompts[0]
    assert res.to_json()["rewrite"] == {"terms": "取保候审 保证金", "references": ["某某程序法第二条"]}  # ask --json shows it
    assert any("第二条" in c["label"] for c in res.clauses.values())
    assert not res.model_failures

    failing = ScriptedChat(ModelError("connection refused"), "可以申请取保候审。[C1]")
    b = open_assistant(law_settings, store=open_store(law_settings), chat=failing)
    res2 = b.ask("取保候审怎么申请？", k=3)
    assert [f["stage"] for f in res2.model_failures] == ["rewrite"] and res2.clauses
    assert len(failing.prompts) == 2  # the answer was still asked of the model


def test_rewrite_is_off_unless_asked(law_settings):
    off = law_settings.model_copy(update={"retrieval_rewrite": False})
    chat = ScriptedChat("取保候审可以申请。[C1]")
    res = open_assistant(off, store=open_store(off), chat=chat).ask("取保候审怎么申请？", k=3)
    assert len(chat.prompts) == 1 and "检索词" not in chat.prompts[0] and res.to_json()["rewrite"] is None


def test_a_rewrite_that_gives_the_prompt_back_is_no_rewrite():
    """Found with a real small model: its 检索词 line was the prompt's own instruction, searched as if it were terms."""
    from assistant.prompts import load_prompt

    instruction = next(line for line in load_prompt("rewrite").render(question="问题").splitlines() if len(line.strip()) > 12)
    failures: list[dict] = []
    got = rewrite_question("保释最长能保多久", ScriptedChat(f"检索词：{instruction.strip()}\n可能条文：无"), failures=failures)
    assert got.empty() and failures[0]["stage"] == "rewrite"


def test_rewrite_question_records_an_unusable_reply():
    failures: list[dict] = []
    got = rewrite_question("问题", ScriptedChat("好的"), failures=failures)
    assert got.empty() and failures and failures[0]["stage"] == "rewrite"


def test_the_cli_retrieve_searches_the_rewrite_beside_the_question_and_shows_it(law_settings, monkeypatch, capsys):
    import json

    from assistant import cli
    from assistant.generate import models

    chat = ScriptedChat("检索词：取保候审 保证金\n可能条文：某某程序法第二条")
    monkeypatch.setattr(models, "build_chat_model", lambda settings: chat)  # the factory seam
    monkeypatch.setenv("LVJU_STORE_PATH", str(law_settings.store_path))
    monkeypatch.setenv("LVJU_RETRIEVAL_REWRITE", "true")
    assert cli.main(["retrieve", "--json", "--k", "3", "家里人被关起来了，能不能先出来？"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rewrite"] == {"terms": "取保候审 保证金", "references": ["某某程序法第二条"]}
    assert "第二条" in out["results"][0]["clause"]["label"] and len(chat.prompts) == 1
    assert out["model_failures"] == []
    down = ScriptedChat(ModelError("model call failed (APIConnectionError: refused)"))
    monkeypatch.setattr(models, "build_chat_model", lambda settings: down)
    assert cli.main(["retrieve", "--json", "--k", "3", "家里人被关起来了，能不能先出来？"]) == 0
    failed = json.loads(capsys.readouterr().out)  # searched alone, the failure said
    assert "rewrite" not in failed and [f["stage"] for f in failed["model_failures"]] == ["rewrite"]
    monkeypatch.setattr(models, "build_chat_model", lambda settings: chat)
    monkeypatch.setenv("LVJU_RETRIEVAL_REWRITE", "false")  # off: no model call, no rewrite shown
    assert cli.main(["retrieve", "--json", "--k", "3", "家里人被关起来了，能不能先出来？"]) == 0
    assert "rewrite" not in json.loads(capsys.readouterr().out) and len(chat.prompts) == 1
