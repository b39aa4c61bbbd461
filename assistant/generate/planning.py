"""工作方案 outlines for a drafting request: gather the clauses, draft (the model when configured,
else the offline builder), check every item."""

from __future__ import annotations

import logging

from assistant.errors import ModelError, ModelOutputError
from assistant.generate import plans
from assistant.generate.answering import Assistant, clause_block
from assistant.generate.models import Deadline, failure_zh
from assistant.generate.plans import PlanResult
from assistant.prompts import load_prompt
from assistant.retrieve.retrieval import Filters
from assistant.verify import checker as chk

log = logging.getLogger(__name__)


def _make_plan(assistant: Assistant, request: str, filters: Filters | None = None) -> PlanResult:
    """A 工作方案 outline for ``request`` (LLM when configured, else offline), every item checked."""
    deadline = Deadline(assistant.settings.llm_deadline_s)
    org, topic, focus = plans.parse_request(request)
    records = plans.gather_clauses(assistant.retriever, request, topic, focus, filters,
                                   limit=assistant.settings.plan_gather_limit, per_query=assistant.settings.plan_gather_per_query,
                                   whole_doc_limit=assistant.settings.plan_whole_document_limit,
                                   main_per_query=assistant.settings.plan_main_per_query, org=org)
    docs_index = chk.DocIndex.from_documents(assistant.documents)
    if not records:
        return plans.PlanResult(request, plans.plan_title(org, topic), [], {}, assistant.generator_name, refused=True)
    used, absent = plans.absent_topic_words(topic, focus, assistant.retriever.index().uses_word)
    absent_note = f"已入库的文件中没有关于“{'、'.join(absent)}”的规定。" if absent else ""
    own_used, own_absent = plans.absent_topic_words(topic, [], assistant.retriever.index().uses_word)
    if (absent and not used) or (len(own_absent) >= 2 and not own_used):
        # no word of the topic is in the library: clauses sharing only 安全 or 工作 are no basis — nor those sharing a
        # focus term's 工资 when the topic itself (根治欠薪…) has none of its two or more words there (a second trial)
        return plans.PlanResult(request, plans.plan_title(org, topic), [], {}, assistant.generator_name, refused=True,
                                notes=[absent_note])
    fallback = None
    if assistant.chat is not None:
        keys, block = clause_block(records[: assistant.settings.plan_gather_limit])  # the best ones: a prompt's worth
        try:
            raw = assistant.chat.complete(load_prompt("plan").render(clauses=block, request=request), deadline)
            title, sections = plans.parse_llm_outline(raw, keys)
            if not any(sec.items for sec in sections):
                raise ModelOutputError("the model returned no outline items")
            plans.verify_items(sections, keys, docs_index)
            items = [i for sec in sections for i in sec.items]
            verified = sum(1 for i in items if i.verified)
            tasks = [i for sec in sections if "任务" in sec.heading for i in sec.items if i.verified]
            if not tasks or verified < assistant.settings.llm_min_verified_share * len(items):
                # an outline without verified tasks, or mostly unverified: the offline outline, with the reason said
                raise ModelOutputError(f"大模型的提纲中只有 {verified} / {len(items)} 项通过引用核对"
                                       + ("，且没有通过核对的主要任务" if not tasks else ""))
            if assistant.settings.unverified == "drop":
                for sec in sections:
                    sec.items = [i for i in sec.items if i.verified]
            plans.note_empty_sections(sections)
            used = {c for sec in sections for i in sec.items for c in i.citations}
            return plans.PlanResult(request, title or plans.plan_title(org, topic), sections,
                                    {r["clause_id"]: r for r in records if r["clause_id"] in used}, "llm", raw=raw,
                                    notes=[absent_note] if absent_note else [])
        except ModelError as exc:
            log.warning("model plan failed, building the offline outline: %s", exc)
            fallback = failure_zh(exc)
    title, sections = plans.build_offline(request, records, org, topic, focus, assistant.corpus_idf(),
                                          max_tasks=assistant.settings.plan_max_tasks, per_group_cap=assistant.settings.plan_per_group,
                                          restatement_share=assistant.settings.plan_restatement_share,
                                          penalty_tasks=assistant.settings.plan_penalty_tasks)
    if not sections[2].items:  # no task on the request's topic: the library has no basis for this plan
        return plans.PlanResult(request, title, [], {}, "offline", refused=True, fallback_reason=fallback,
                                notes=[absent_note] if absent_note else [])
    by_id = {r["clause_id"]: r for r in records}
    if not sections[0].items:  # 指导思想: the purpose statement (preamble) of the document that gives most of the tasks
        pre = []
        task_docs = [by_id[c]["doc_id"] for it in sections[2].items for c in it.citations if c in by_id]
        if task_docs:
            main = max(dict.fromkeys(task_docs), key=task_docs.count)
            records_of_main = assistant.retriever.document_records(main)
            pre = [r for r in records_of_main if r.get("kind") == "preamble"]
            if not pre:  # a law states its purpose in its first article (第一条 为了…，制定本条例。)
                pre = [r for r in records_of_main if (r.get("position") or {}).get("article") == 1
                       and plans.PURPOSE.match(plans.strip_article_number(r["text_normalized"]))][:1]
        if pre:
            by_id[pre[0]["clause_id"]] = pre[0]
            first = plans.sentences(pre[0]["text_normalized"])
            purpose = plans.without_enacting_tail(first[0] if first else pre[0]["text_normalized"])
            sections[0].items.append(plans.PlanItem(plans.source_form(pre[0], purpose),
                                                    [pre[0]["clause_id"]]))
            # the purpose guides the plan: no task of it too (trial: 第一条 was 指导思想 and 主要任务（一）)
            kept = [it for it in sections[2].items if pre[0]["clause_id"] not in it.citations]
            if kept and len(kept) < len(sections[2].items):
                sections[2].items = plans.renumbered(kept)
    for sec in sections:
        for it in sec.items:
            it.checks = {"keys": list(it.citations)}
    plans.verify_items(sections, by_id, docs_index)
    plans.note_empty_sections(sections)
    used = {c for sec in sections for i in sec.items for c in i.citations}
    return plans.PlanResult(request, title, sections, {c: by_id[c] for c in by_id if c in used}, "offline",
                            fallback_reason=fallback, notes=[absent_note] if absent_note else [])


def make_plan(assistant: Assistant, request: str, filters: Filters | None = None) -> PlanResult:
    """A 工作方案 outline for ``request`` (LLM when configured, else offline), every item checked,
    stamped with what produced it."""
    plan = _make_plan(assistant, request, filters)
    plan.provenance = {**assistant.provenance(), "generator": plan.generator}  # offline after a fallback
    return plan
