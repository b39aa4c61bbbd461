"""Settings grouped by concern, the thresholds that were literals, and the provenance stamp."""

from __future__ import annotations

import pytest

from assistant.config import Settings


def test_groups_are_views_of_the_flat_settings(monkeypatch):
    monkeypatch.setenv("LVJU_LLM_DEADLINE_S", "7")
    monkeypatch.setenv("LVJU_PLAN_MAX_TASKS", "4")
    s = Settings()
    assert s.llm.deadline_s == 7 and s.llm["llm_deadline_s"] == 7
    assert s.plan.max_tasks == 4 and s.store.store_path == s.store_path
    assert set(s.retrieval) == {n for n in Settings.model_fields if n.startswith("retrieval_")}
    with pytest.raises(TypeError):
        s.llm["llm_deadline_s"] = 1
    with pytest.raises(AttributeError):
        _ = s.llm.no_such_setting


@pytest.mark.parametrize("name,hint", [
    ("LVJU_LLM_MODLE", "LVJU_LLM_MODEL"),  # a typo would leave the model unset: the app silently offline
    ("lvju_plan_max_task", "LVJU_PLAN_MAX_TASKS"),
    ("LVJU_NOTHING_LIKE_IT_AT_ALL", "no such setting; the README"),
])
def test_an_environment_variable_with_our_prefix_must_name_a_setting(monkeypatch, name, hint):
    monkeypatch.setenv(name, "1")
    with pytest.raises(ValueError, match=f"{name}.*{hint}"):
        Settings()
    monkeypatch.delenv(name)
    monkeypatch.setenv("LVJU_PLAN_MAX_TASKS", "4")  # a real setting is taken
    assert Settings().plan_max_tasks == 4


@pytest.mark.parametrize("change,changes_hash", [
    ({"answer_support_high": 0.9}, True),
    ({"retrieval_dense_weight": 0.3}, True),
    ({"llm_model": "qwen"}, True),
    ({"store_path": "/elsewhere"}, False),  # where the store lives does not change a result
    ({"log_level": "DEBUG"}, False),
    ({"llm_api_key": "sk-secret"}, False),  # secrets are never part of it
])
def test_config_hash_table(change, changes_hash):
    assert (Settings(**change).config_hash() != Settings().config_hash()) == changes_hash


def test_results_and_plans_carry_their_provenance(seeded_store):
    from assistant.generate.planning import make_plan
    from assistant.generate.session import open_assistant
    from assistant.prompts import prompt_versions

    s = Settings(store_path=seeded_store)
    a = open_assistant(s, chat=False)
    res = a.ask("府检联动协调机制的召集人是谁？").to_json()
    prov = res["provenance"]
    assert prov["config"] == s.config_hash() and prov["prompts"] == prompt_versions() and prov["prompts"]["answer"]
    assert prov["store_revision"] == a.retriever.store.revision() > 0
    plan = make_plan(a, "为某区检察院起草未成年人综合司法保护工作方案提纲").to_json()
    assert plan["provenance"]["config"] == s.config_hash()


def test_offline_judge_thresholds_come_from_settings(seeded_store):
    from assistant.generate.session import open_assistant

    strict = open_assistant(Settings(store_path=seeded_store, answer_support_high=1.0, answer_support_low=1.0), chat=False)
    judge = strict.judge(None)
    verdict = judge.judge("召集人由市政府分管领导担任", "协调机制召集人由市政府分管副市长和市检察院检察长共同担任。")
    assert verdict.label != "supported"


def test_what_kubernetes_and_docker_links_put_into_the_environment_is_not_a_misspelt_setting(monkeypatch):
    """Review finding: a Kubernetes Service named lvju adds LVJU_SERVICE_HOST, LVJU_PORT… to every pod."""
    for name, value in (("LVJU_SERVICE_HOST", "10.0.0.1"), ("LVJU_SERVICE_PORT", "8501"), ("LVJU_PORT", "tcp://10.0.0.1:8501"),
                        ("LVJU_PORT_8501_TCP_ADDR", "10.0.0.1"), ("LVJU_PORT_8501_TCP_PORT", "8501")):
        monkeypatch.setenv(name, value)
    Settings()  # starts: none of them is refused
    monkeypatch.setenv("LVJU_LLM_MODLE", "x")
    monkeypatch.setenv("LVJU_STORE_PAHT", "/x")
    with pytest.raises(ValueError, match="LVJU_LLM_MODLE \\(did you mean LVJU_LLM_MODEL\\?\\).*LVJU_STORE_PAHT"):
        Settings()  # every unknown name, each with its nearest setting
