"""Hybrid clause retrieval: BM25 over characters + BM25 over jieba words + dense (Chroma),
fused by weighted reciprocal-rank fusion, with metadata filters.

``ClauseRetriever.search`` is the engine (used by the CLI, the answer stage and the benchmark);
``HybridRetriever`` wraps it as a LangChain ``BaseRetriever`` so it composes with chains.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import InputError, StoreError
from assistant.index import lexical
from assistant.index.store import ClauseStore
from assistant.retrieve import intent, references, thesaurus
from assistant.text.abbrev import in_order, known_law_names
from assistant.text.conditions import (
    GENERIC_WORDS,
    LIST_MARK,
    PROCEDURE_MARK,
    action_matches,
    asked_actions,
    list_fits,
    listed_noun,
    procedure_fits,
    procedure_words,
    without_asking,
)
from assistant.text.definitions import asks_definition, asks_members, enumerates
from assistant.text.facts import FACTS_VERSION, VALUE_ORDER
from assistant.text.issuers import title_issuers
from assistant.text.labels import deletion_date
from assistant.text.punct import book_title
from assistant.text.sentences import asking_sentences, strip_instructions
from assistant.text.spans import claim
from assistant.text.textnorm import normalize
from assistant.text.values import ASKS_WHICH, VALUE_KINDS
from assistant.text.vocab import GENRE_ALTERNATION, GENRE_WORDS, MODAL_WORDS

log = logging.getLogger(__name__)

# Cover notices and closing lines rarely answer a question; preambles state purposes.
KIND_PRIOR = {"notice": 0.3, "closing": 0.3, "preamble": 0.7}


@dataclass
class Filters:
    doc_ids: list[str] | None = None
    issuer: str | None = None  # substring of an issuing body, e.g. 公安局
    date_from: str | None = None  # YYYY-MM-DD inclusive
    date_to: str | None = None
    # documents whose clauses rank higher, none left out (a follow-up: the one the previous answer cited) — no filter
    prefer: list[str] | None = None

    def empty(self) -> bool:
        return not (self.doc_ids or self.issuer or self.date_from or self.date_to)


@dataclass
class Hit:
    rank: int
    score: float
    clause: dict[str, Any]
    ranks: dict[str, int | None] = field(default_factory=dict)  # rank in each ranker (1-based), for inspection
    match: str = "text"  # "reference": the part the question names (第八十一条第三款); "text": found by search

    def to_json(self) -> dict[str, Any]:
        return {"rank": self.rank, "score": round(self.score, 6), "clause": self.clause, "match": self.match}


@dataclass
class RetrievalResult:
    query: str
    normalized_query: str
    hits: list[Hit]
    search_query: str = ""  # what the rankers saw: a drafting request's topic (see intent.search_text)
    notes: list[str] = field(default_factory=list)  # about named parts: absent, or a versioned pair resolved
    rewrite: dict[str, Any] | None = None  # the model's rewrite searched beside the question (terms, references)
    absent: list[str] = field(default_factory=list)  # those notes that say a named part is not in its document
    # a 款 or 项 named of an article that has none such (第二十八条第三款 of a two-款 article), said plainly, one per
    # reference; the notes say it too, before the whole article returned in its place
    missing_parts: list[str] = field(default_factory=list)
    # the current editions searched in place of older ones stored beside them (LVJU_RETRIEVAL_CURRENT_ONLY): current
    # document id -> the older editions' ids
    editions: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = {"query": self.query, "normalized_query": self.normalized_query,
               "search_query": self.search_query or self.normalized_query,
               "results": [h.to_json() for h in self.hits], "notes": self.notes}
        if self.rewrite:
            out["rewrite"] = self.rewrite
        return out


# a part reference inside an appendix (附录第二条, 附件一第三条, 附件2的第三条): the appendix's numbering
_ANNEX_BEFORE = re.compile(r"((?:附录|附件|附表)[一二三四五六七八九十\d]{0,3})(?:的)?$")
_CN_DIGITS = str.maketrans("一二三四五六七八九", "123456789")


def _annex_key(record: dict) -> str:
    """The appendix a clause is in, as its heading reads (附件2, 附表1, 附录), numerals as digits; '' outside one."""
    head = re.sub(r"[\s:：]", "", (record.get("heading_path") or [""])[0])
    m = re.match(r"(?:附录|附件|附表)[一二三四五六七八九十\d]{0,3}", head)
    return m.group(0).translate(_CN_DIGITS) if m else ""


def _cn(n: int) -> str:
    from assistant.text.numerals import int_to_cn

    return int_to_cn(n)


_NAME_END = re.compile(rf"(?:法|法典|编|解释|{GENRE_ALTERNATION})$")


def _date_int(value: str | None, name: str) -> int | None:
    if not value:
        return None
    import datetime

    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        datetime.date.fromisoformat(value)  # 2020-13-01 is no date
    except ValueError:
        raise InputError(f"{name} must be a date YYYY-MM-DD, got {value!r}") from None
    return int(value.replace("-", ""))


def fuse(rankings: dict[str, tuple[float, list[int]]], rrf_k: int = 60) -> list[tuple[int, float, dict[str, int | None]]]:
    """Weighted reciprocal-rank fusion.

    ``rankings`` maps a ranker name to (weight, item ids best first). Returns (item, score, ranks)
    best first, where score = sum(weight / (rrf_k + rank)) divided by its maximum possible value
    (an item ranked first by every ranker scores 1.0) and ranks holds each ranker's 1-based rank.
    Ties are broken by item id so the order is deterministic.
    """
    total: dict[int, float] = {}
    where: dict[int, dict[str, int | None]] = {}
    for name, (weight, order) in rankings.items():
        for rank, item in enumerate(order, 1):
            total[item] = total.get(item, 0.0) + weight / (rrf_k + rank)
            where.setdefault(item, {})[name] = rank
    best = sum(w for w, _ in rankings.values()) / (rrf_k + 1)
    ordered = sorted(total.items(), key=lambda x: (-x[1], x[0]))
    return [(i, (s / best) if best else 0.0, {n: where[i].get(n) for n in rankings}) for i, s in ordered]


# a year a question writes (2021年, （2023）, 2019版) — never a figure (20000元, 1950元)
_YEAR = r"(?<!\d)(?:19|20)\d\d(?=年|版|修正|修订|修改|[）)])"
# a question naming a version or a year (试行, 暂行, 2021年, 修正前): it may ask about an older edition
_NAMES_EDITION = re.compile(rf"试行|暂行|旧版|原版|修正前|修订前|修改前|废止|[一二〇零]{{4}}年|{_YEAR}")
UNNAMED_NOTE = "问题未指明文件，"  # how the lookup of a 第N条 naming no document opens its note
# the stretch right before a part (三包规定第十八条, 《汽车三包规定》第十八条) up to the clause punctuation before it
# (a numbered judicial interpretation keeps its number: 保险法解释(二)第五条, 公司法司法解释三第十条)
_BEFORE_PART = re.compile(r"《?([\u4e00-\u9fff]{2,24}(?:\([一二三四五六七八九十]+\))?)》?\s*(?:的)?\s*$")
_REPEALS = re.compile(r"废止|失效|不再施行|不再执行")
_NAME_GENRE = re.compile(r"(?:(?:实施|暂行|试行)?(?:法典|条例|条列|办法|规定|规则|细则|司法解释|解释|决定|法)"  # (条列: a slip)
                         r"|(?:司法解释|解释|规定)\(?[一二三四五六七八九十]+\)?)$")
# what a name never holds: the document at hand or a rule in general (违反本规定, 依照有关规定, 按照规定), or words of asking
# and telling (我想知道, 请问一下)
_NOT_A_NAME = re.compile(r"(?:本|该|此|上述|前述|有关|相关|其他|下列|以下|国家)(?:实施|暂行|试行)?(?:法典|条例|办法|规定|规则|细则|解释|决定|法)$"
                         r"|违反|依照|依据|按照|根据|遵守|执行|适用|符合|规定的|想知道|请问|一下|我们|你们|什么|哪")


def name_before_part(question: str, at: int) -> str:
    """The name a question gives right before a part it refers to (三包规定 in 我想知道三包规定第三条是什么): the shortest
    ending of the words before ``at`` that ends in a genre word and keeps two characters besides it; '' when there is
    none, or it is the document at hand or a rule in general (违反本规定第二条, 依照有关规定第二条)."""
    from assistant.index.lexical import precise_words

    q = normalize(question)
    m = _BEFORE_PART.search(q[:at])
    if not m or not _NAME_GENRE.search(m.group(1)):
        return ""
    stretch = m.group(1)
    if m.group(0).startswith("《"):  # a title in 《》: whole
        return "" if _NOT_A_NAME.search(stretch) else stretch
    starts, pos = [], 0
    for w in precise_words(stretch):
        starts.append(pos)
        pos += len(w)
    for start in sorted(starts, reverse=True):  # shortest ending first
        name = stretch[start:]
        # (one character before 法 names a law: 刑法, 民法典)
        if len(_NAME_GENRE.sub("", name)) >= (1 if re.search(r"法典?$", name) else 2):
            return "" if _NOT_A_NAME.search(name) else name
    return ""


def unknown_part_owner(question: str, names: references.DocumentNames) -> str:
    """The name before a part reference in ``question`` that names no document of the library (电商规定 in 电商规定第十条;
    not 本规定, nor a name the library has), or ''."""
    from assistant.text.abbrev import name_goes_on

    q = normalize(question)
    for ref in references.parse_references(q):
        name = name_before_part(q, ref.span[0])
        if name and names.find(q, before=ref.span[0]) is None:
            # (from the start of a stored name it goes on from: 危险化学品安全管理条例实施细则, not 管理条例实施细则)
            stretch = q[:ref.span[0]]
            at = stretch.rfind(name)
            for start, end in names._occurrences(stretch):
                if start < at < end and name_goes_on(stretch, end):
                    name = stretch[start:]
            return name
    return ""


# bump when _derive changes what it computes; a change of the facts' patterns (a new value kind) changes it too
DERIVED_VERSION = "3-" + FACTS_VERSION


class _Records(dict):
    """Clause records by id, read from the store's record file on first use: a long-lived reader
    that has read them all keeps them; a cold process reads only those it returns."""

    def __init__(self, store: ClauseStore, preloaded: dict[str, dict] | None = None) -> None:
        super().__init__(preloaded or {})
        self._store = store
        self._complete = preloaded is not None

    def fetch(self, ids: list[str]) -> None:
        missing = [c for c in dict.fromkeys(ids) if not dict.__contains__(self, c)]
        if missing:
            with self._store.reading():
                for rec in self._store.get_records(ids=missing):
                    dict.__setitem__(self, rec["clause_id"], rec)
            lost = [c for c in missing if not dict.__contains__(self, c)]
            if lost:  # removed by a write after this index was read: the caller reloads the index
                raise StoreChanged(lost)

    def __missing__(self, cid: str) -> dict:
        self.fetch([cid])
        return dict.__getitem__(self, cid)

    def values(self):  # every record (all_records): read them all once
        if not self._complete:
            with self._store.reading():
                for rec in self._store.get_records():
                    dict.__setitem__(self, rec["clause_id"], rec)
            self._complete = True
        return dict.values(self)


class StoreChanged(Exception):
    """Records the index lists are gone from the store (a write committed after the index was read)."""


# a word in this few condition lists is specific in any library, however small (the share cap reads a large one)
_FEW_LISTS = 3


# verbs any list's sentence may say (采取下列措施, 提交下列材料, 做好以下工作): no act of the question's own
_LIGHT_ACTS = frozenset({"采取", "提交", "提供", "办理", "进行", "做好", "完成", "要求", "需要", "作出", "做出", "申请", "具有", "具备",
                         "包括", "开展", "实施", "负责", "履行", "出具", "载明", "写明", "符合", "遵守", "准备", "携带", "带"})
_OFFICE_WORD = re.compile(r"(?:院|局|厅|部|委|署|办|会|所|机关|机构|政府|部门)$")


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [1, 2, 3, 7, 8] → [(1, 3), (7, 8)]."""
    out: list[tuple[int, int]] = []
    for n in numbers:
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        elif not out or n != out[-1][1]:
            out.append((n, n))
    return out


def _derive(idx: lexical.LexicalIndex, rows: list[tuple], tables: dict | None = None, first: int = 0) -> dict:
    """What the structural lookup and the boosts need of every clause, by index position: articles
    and chapters per document, each clause's 款 number and 项 numbers, value flags, defined terms, the actions whose
    conditions clauses list. ``rows``: (id, doc_id, kind, article, suffix, chapter, division, paragraph, 项 numbers,
    value flags, defined terms, condition actions) of the live clauses at positions ``first``… (:meth:`assistant.index.records.RecordStore.lookup_rows`);
    with ``tables`` (derived for the positions before ``first`` of an index sharing them), those are kept, less
    the positions dead now, and the new ones added."""
    n = len(idx.ids)
    if tables is None:
        articles: dict[tuple, list[int]] = {}
        chapters: dict[tuple, list[int]] = {}
        defines: dict[str, list[int]] = {}
        conditions: dict[str, list[int]] = {}
        subitems: dict[int, tuple[int, ...]] = {}
        paragraphs: list[int | None] = [None] * n
        values = {kind: np.zeros(n, dtype=bool) for kind in VALUE_KINDS}
    else:
        dead = idx.dead

        def keep(positions: list[int]) -> list[int]:
            return [i for i in positions if i < first and (dead is None or not dead[i])]

        articles = {k: v for k, v in ((k, keep(v)) for k, v in tables["articles"].items()) if v}
        chapters = {k: v for k, v in ((k, keep(v)) for k, v in tables["chapters"].items()) if v}
        defines = {k: v for k, v in ((k, keep(v)) for k, v in tables["defines"].items()) if v}
        conditions = {k: v for k, v in ((k, keep(v)) for k, v in tables["conditions"].items()) if v}
        subitems = {i: v for i, v in tables["subitems"].items() if i < first}
        paragraphs = list(tables["paragraphs"][:first]) + [None] * (n - first)
        values = {kind: np.concatenate([tables["values"][kind][:first], np.zeros(n - first, dtype=bool)])
                  for kind in VALUE_KINDS}
        if dead is not None:  # what a full derivation of this index gives
            for flags in values.values():
                flags[dead] = False
            subitems = {i: v for i, v in subitems.items() if not dead[i]}
            paragraphs = [None if i < len(dead) and dead[i] else p for i, p in enumerate(paragraphs)]
    by_id = {r[0]: r for r in rows}
    flagged: list[list[int]] = [[] for _ in VALUE_ORDER]
    for i in range(first, n):
        row = by_id.get(idx.ids[i])
        if row is None or (idx.dead is not None and idx.dead[i]):
            continue
        _id, doc_id, kind, article, suffix, chapter, division, paragraph, subs, flags, terms, actions = row
        if kind == "article" and article:
            articles.setdefault((doc_id, article, suffix), []).append(i)
        if chapter:
            chapters.setdefault((doc_id, chapter, None), []).append(i)
            if division:
                chapters.setdefault((doc_id, chapter, division), []).append(i)
        paragraphs[i] = paragraph
        if subs:
            subitems[i] = tuple(subs)
        if flags:
            for k in range(len(VALUE_ORDER)):
                if flags >> k & 1:
                    flagged[k].append(i)
        for term in terms or ():
            defines.setdefault(term, []).append(i)
        for action in actions or ():
            conditions.setdefault(action, []).append(i)
    for k, kind in enumerate(VALUE_ORDER):
        values[kind][flagged[k]] = True
    return {"articles": articles, "chapters": chapters, "paragraphs": paragraphs, "subitems": subitems,
            "values": values, "defines": defines, "conditions": conditions}


@functools.lru_cache(maxsize=65536)
def _bare(term: str) -> str:
    """A defined term without the parentheses inside it (完全在一个国家(地区)获得的货物 → 完全在一个国家获得的货物)."""
    return re.sub(r"[(（][^()（）]{1,10}[)）]", "", term)


def _shortened_in(text: str, term: str) -> bool:
    """Does ``text`` hold a reader's shortening of ``term``: a stretch of four characters or more and two thirds of the term's
    length at least, opening and ending as the term does, its characters in the term's order, followed by an asking word
    or the end (交通肇事逃逸是什么意思 for 交通运输肇事后逃逸)."""
    for m in re.finditer(re.escape(term[0]), text):
        for end in range(m.start() + 4, min(len(text), m.start() + len(term) - 1) + 1):
            piece = text[m.start():end]
            if piece[-1] != term[-1] or 3 * len(piece) < 2 * len(term):
                continue
            if in_order(piece, term) and re.match(r"(?:的|是|指|[?？,，。”\"」』]|$)", text[end:]):
                return True
    return False


def _siblings(name: str, title: str) -> bool:
    """Do a name and a title share their head (two characters or more) and their genre word, with other words between
    them (人民法院在线调解规则 / 人民法院在线诉讼规则)?"""
    k = 0
    while k < min(len(name), len(title)) and name[k] == title[k]:
        k += 1
    j = 0
    while j < min(len(name), len(title)) - k and name[-1 - j] == title[-1 - j]:
        j += 1
    a, b = len(name) - k - j, len(title) - k - j
    # (words of one kind in the same place — 调解 / 诉讼 — not a long stretch a reader shortens: 三包 for 产品修理更换退货责任)
    return k >= 2 and j >= 2 and 2 <= a <= 4 and 2 <= b <= 4 and abs(a - b) <= 1


def _derived_path(folder: Path) -> Path:
    return folder / "derived.pkl"


def _load_derived(folder: Path, idx: lexical.LexicalIndex) -> dict | None:
    """The derived tables saved for this very index (same revision and clause ids), else None."""
    import pickle

    try:
        with _derived_path(folder).open("rb") as f:
            data = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != DERIVED_VERSION or data.get("revision") != idx.revision \
            or data.get("ids") != len(idx.ids) or data.get("first") != (idx.ids[:1], idx.ids[-1:]) \
            or data.get("base") != idx.base:
        return None
    return data["tables"]


def _save_derived(folder: Path, idx: lexical.LexicalIndex, tables: dict) -> None:
    """Written beside the lexical index (atomically: a temporary file renamed into place); a failure
    only costs the next cold process the derivation."""
    import os
    import pickle
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".derived-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump({"version": DERIVED_VERSION, "revision": idx.revision, "ids": len(idx.ids), "base": idx.base,
                         "first": (idx.ids[:1], idx.ids[-1:]), "tables": tables}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _derived_path(folder))
    except OSError as exc:
        log.warning("cannot save the derived lookup tables in %s (%s)", folder, exc)


class ClauseRetriever:
    """Loads (or rebuilds) the lexical index once and answers queries against the store."""

    def __init__(self, store: ClauseStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._index: lexical.LexicalIndex | None = None
        self._records: dict[str, dict] = {}
        self._lock = threading.RLock()  # an index swap and a search never interleave (see search)
        self._dense_pool: concurrent.futures.ThreadPoolExecutor | None = None  # see _search
        self._checked_at = 0.0
        self._pos: dict[str, int] = {}
        self._prior = np.zeros(0)
        self._tables: dict = {}
        self._token: tuple[int, int, int] | None = None  # the store's change token when the index was last checked
        self.rebuilds = 0  # full builds of the lexical index (for tests and diagnostics)
        self.updates = 0  # updates keeping the last full build

    # ---- index lifecycle
    @property
    def index_dir(self) -> Path:
        return lexical.index_folder(self.settings.store_path, self.settings.chroma_server_url, self.store.name)

    def index(self) -> lexical.LexicalIndex:
        """The lexical index for the store's current revision (loaded, or rebuilt if the store changed)."""
        now = time.monotonic()
        if self._index is not None and now - self._checked_at < self.settings.retrieval_revision_check_s:
            return self._index
        token = self.store.change_token()  # (read before the revision: a write in between is seen next time)
        if self._index is not None and token == self._token:  # no write since the last check
            self._checked_at = now
            return self._index
        with self._lock, self.store.reading():  # revision and records read as one consistent state
            revision = self.store.revision()
            self._checked_at = now
            if self._index is not None and self._index.revision == revision:
                self._token = token
                return self._index
            idx = lexical.LexicalIndex.load(self.index_dir)
            want_words = self.settings.retrieval_word_weight > 0
            want_context = self.settings.retrieval_heading_weight > 0

            def fits(i: lexical.LexicalIndex | None) -> bool:
                return i is not None and not ((want_words and i.word_bm25 is None) or (want_context and i.head_bm25 is None))

            records_id, last_write = self.store.records_state()
            if (fits(idx) and idx.revision == revision and idx.records_id == records_id  # type: ignore[union-attr]
                    and idx.last_write() <= last_write):  # type: ignore[union-attr]
                derived = _load_derived(self.index_dir, idx)  # type: ignore[arg-type]
                if derived is None:  # once per revision: what lookups and boosts need of every clause
                    derived = _derive(idx, self.store.lookup_rows())  # type: ignore[arg-type]
                    _save_derived(self.index_dir, idx, derived)  # type: ignore[arg-type]
            else:
                # the index of an earlier revision, in memory or on disk: kept as the base, the clauses written
                # since indexed beside it; else rebuilt from the token counts each clause's ingest stored
                previous = self._index if fits(self._index) else (idx if fits(idx) else None)
                before = self._tables if previous is not None and previous is self._index else (
                    _load_derived(self.index_dir, previous) if previous is not None else None)
                idx = self.store.lexical_index(revision, with_words=want_words, with_context=want_context,
                                               previous=previous, max_share=self.settings.store_lexical_delta_share)
                if not len(idx.live_positions()):
                    raise StoreError("the clause store is empty; run: assistant ingest")
                try:
                    idx.save(self.index_dir)
                except OSError as exc:  # a full disk: answer from the index in memory, save it another time
                    log.warning("cannot save the lexical index in %s (%s); it is kept in memory", self.index_dir, exc)
                if previous is not None and idx.base == previous.base:
                    self.updates += 1  # (its tables too, when those of the previous index are at hand)
                    derived = (_derive(idx, self.store.lookup_rows(idx.ids[idx.n_base:]), before, idx.n_base)
                               if before is not None else _derive(idx, self.store.lookup_rows()))
                else:
                    self.rebuilds += 1
                    derived = _derive(idx, self.store.lookup_rows())
                _save_derived(self.index_dir, idx, derived)
            self._tables = derived
            self._records = _Records(self.store)  # read for the clauses returned
            self._pos = {idx.ids[i]: i for i in idx.live_positions().tolist()}
            self._documents = {d["doc_id"]: d for d in self.store.documents()}
            self._names = references.DocumentNames.from_documents(list(self._documents.values()))
            self._ids = idx.ids
            self._articles, self._chapters = derived["articles"], derived["chapters"]
            self._paragraphs, self._subitems = derived["paragraphs"], derived["subitems"]
            self._values, self._defines = derived["values"], derived["defines"]
            self._conditions = derived["conditions"]
            # (for the share cap, once per index: the lists of conditions — not the procedures and lists of things stored
            # in the same table)
            self._condition_lists = sum(len(p) for a, p in self._conditions.items() if not a.startswith((PROCEDURE_MARK, LIST_MARK)))
            self._prior = np.array([KIND_PRIOR.get(kind, 1.0) for kind in idx.kinds], dtype=np.float64)
            self._index = idx
            self._token = token
            return idx

    # ---- structural lookup (第八十一条第三款 of a named document)
    def _without_names(self, topic: str, idx: lexical.LexicalIndex) -> tuple[str, str, list[str]]:
        """A question naming documents of the library (按《…办法》，哪些投诉不予受理): the text to rank without the names,
        the names' text (scored apart, weighted by ``retrieval_named_weight``: every clause of such a document shares
        their words — 市场监督管理部门, 投诉, 举报 — and would otherwise outrank the one on what is asked), and the
        named documents' ids. With nothing else left to search (刑法是什么), the question whole and no name text."""
        known = self._doc_id_set(idx)
        # a name read as a document's name: between 《》 or ending as one (…法, …编, …解释, …条例, …办法); an alias
        # such as 副中心 is also the word for what it is about and stays in the text ranked
        spans = [(a, b, ids & known) for a, b, ids in self.document_names().name_spans(topic) if ids & known
                 and (_NAME_END.search(topic[a:b]) or (topic[a - 1:a] == "《" and topic[b:b + 1] == "》"))]
        if not spans:
            return topic, "", []
        named = sorted(set().union(*(ids for _a, _b, ids in spans)))
        if self.settings.retrieval_named_weight >= 1:
            return topic, "", named
        out, last = [], 0
        for a, b, _ids in spans:
            out.append(topic[last:a])
            last = b
        rest = re.sub(r"\s+", " ", " ".join([*out, topic[last:]]).replace("《", " ").replace("》", " ")).strip()
        if len(re.findall(r"[\u4e00-\u9fff]", rest)) < 2:
            return topic, "", named
        return rest, " ".join(topic[a:b] for a, b, _ids in spans), named

    @staticmethod
    def _annex_word(query: str, ref, refs: list) -> str:
        """The appendix a part reference is in (附件2 of 附件2第三条; the one of the reference before it when only a 、 or
        和 joins them: 附录第一条、第二条), numerals as digits; '' when none."""
        q = normalize(query)
        m = _ANNEX_BEFORE.search(q[:ref.span[0]])
        if m:
            return m.group(1).translate(_CN_DIGITS)
        at = refs.index(ref)
        if at > 0 and re.fullmatch(r"[、，,和及与或]", q[refs[at - 1].span[1]:ref.span[0]]):
            return ClauseRetriever._annex_word(query, refs[at - 1], refs)
        return ""

    def _doc_id_set(self, idx: lexical.LexicalIndex) -> set[str]:
        """The documents of the index (made once per index)."""
        cached = self.__dict__.get("_doc_ids_of")
        if cached is None or cached[0] is not idx:
            cached = self.__dict__["_doc_ids_of"] = (idx, set(idx.doc_ids.tolist()))
        return cached[1]

    def _named_documents(self, query: str, before: int, filters: Filters) -> tuple[list[str], bool]:
        found = self._names.find(query, before=before)
        if found is None:
            if filters.doc_ids and len(filters.doc_ids) == 1:
                return list(filters.doc_ids), False
            return [], False
        order, versioned = self._names.prefer_current(found[0])
        # a year written with the name (2010年非法集资解释第三条): the edition of that year, if one only has it
        years = set(re.findall(_YEAR, normalize(query)))
        # (the year it took effect, or the one its file is dated by: 公布 and 施行 may fall in two years)
        picked = [d for d in order if {(self._names.dates.get(d) or "")[:4], *re.findall(r"(?:19|20)\d\d", d)} & years] \
            if years and len(order) > 1 else []
        if len(picked) == 1 and picked[0] != order[0]:
            return picked + [d for d in order if d != picked[0]], False
        return order, versioned

    def editions(self) -> dict[str, list[str]]:
        """Of each law stored with older editions of itself (:meth:`_superseded`): current document id -> the older ones'."""
        _flags, older = self._superseded(self.index())
        return {d: list(o) for d, o in older.items()}

    def _guessed_document(self, query: str, before: int, article: int, mask: np.ndarray | None) -> tuple[str, str, str] | None:
        """A name before a part that is none of the library's (三包规定第十八条, where the library holds 家用汽车产品修理
        更换退货责任规定, which calls its subject 三包): the one document having that article whose clauses use the
        name's words (三包) — in more clauses than any other such document does, twice over. Returns (doc id, the
        name as written, its words), or None (no such name, or no one document)."""
        q = normalize(query)
        name = name_before_part(q, before)
        core = _NAME_GENRE.sub("", name)
        # not a law's name (劳动法 is a law of its own, never 劳动合同法; a law's shortenings are read as such), nor a law's
        # regulation or interpretation (招标投标法实施条例 is not the 招标投标法), nor a real regulation's (工伤保险条例)
        if (len(core) < 2 or name.endswith("法") or core.endswith(("法", "法典")) or name in known_law_names()
                or self.index().size == 0 or self.cited_before(q, before)):
            # (nor a name the library's own text gives an instrument: 依照《信访工作条例》 — that one, not the 信访条例)
            return None
        from assistant.text.abbrev import name_goes_on

        names = self.document_names()
        stretch = q[:before]
        at = stretch.rfind(name)  # (a stored name in the one written right before the part — not one said earlier: review)
        if any(name_goes_on(stretch, end) and end > at for _start, end in names._occurrences(stretch)):
            return None  # a stored document's own name going on into another's (危险化学品安全管理条例实施细则: its 细则)
        idx = self.index()
        holds = idx.holding(core)
        if mask is not None:
            holds &= mask
        docs, n = np.unique(idx.doc_ids[holds], return_counts=True)
        ranked = sorted(((str(d), int(c)) for d, c in zip(docs, n) if d and article in self._doc_articles(str(d))),
                        key=lambda x: -x[1])
        # the name's words in two clauses at least (one passing mention is no evidence), twice as often as elsewhere
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        # a sibling of the document's own name (人民法院在线调解规则 for 人民法院在线诉讼规则: the same head and genre word, another
        # word between) is another instrument of that family — not the one stored (a trial)
        title = re.sub(r"[(（][^()（）]*[)）]$", "", normalize(self._documents.get(ranked[0][0], {}).get("title", "")))
        whole = re.search(r"[\u4e00-\u9fff]{3,40}$", q[:before])
        at = whole.group(0).find(title[:2]) if whole and len(title) >= 2 else -1
        if at >= 0 and _siblings(whole.group(0)[at:], title):  # (from where the title's head is said: 请问某某…)
            return None
        # the words said right before that name are part of it when they name a thing (边防 of 边防检查条例): the document
        # guessed must use them too — not a 使用有毒物品…条例 for its 检查 (a trial)
        from assistant.index.lexical import names_a_thing, precise_words

        before = re.search(r"[\u4e00-\u9fff]{1,12}$", q[:q.rfind(name, 0, before + 1)] if name in q[:before + 1] else "")
        for w in precise_words(before.group(0)) if before else []:
            if len(w) >= 2 and names_a_thing(w) and not idx.holds_within(w, {ranked[0][0]}):
                return None
        return ranked[0][0], name, core

    def instrument_mentions(self, name: str, most: int = 200) -> list[tuple[str, bool]]:
        """The clauses whose text names ``name`` in book-title marks as an instrument (依照《信访工作条例》, 《人体器官移植条例》
        同时废止), each with whether its sentence repeals it (废止, 失效): (clause id, repealed). Read in the clauses holding
        every bigram of the name (at most ``most``); none for a name of no instrument's genre (《通知立案书》: a form)."""
        name = normalize(name).strip("《》")
        if len(name) < 3 or not _NAME_GENRE.search(name):
            return []
        idx = self.index()
        # (read once per name and index state: the guards, the names' lookups and the repeal note all ask)
        cache = self.__dict__.setdefault("_mentions", {})
        if cache.get("_for") is not idx:
            cache.clear()
            cache["_for"] = idx
        if name in cache:
            return cache[name]
        held = np.flatnonzero(idx.holding(name))[:most]
        if not held.size:
            return []
        ids = [idx.ids[i] for i in held]
        self._records.fetch(ids)
        out = []
        for c in ids:
            text = self._records[c].get("text_normalized", "")
            # (the name as a reader writes it, or with the 中华人民共和国 the text gives it: 《中华人民共和国道路交通管理条例》)
            sentences = [x for x in re.split(r"(?<=[。；;])", text) if f"《{name}》" in x or f"《中华人民共和国{name}》" in x]
            if sentences:
                out.append((c, all(_REPEALS.search(x) for x in sentences)))
        cache[name] = out
        return out

    def cites_as_document(self, name: str) -> bool:
        """Does the library's text name ``name`` as an instrument in force (依照《信访工作条例》…): then it is that instrument,
        another than any stored one whose title it resembles — not one it only says is repealed (《边防检查条例》同时废止:
        a reader's 边防检查条例 is then the stored 出境入境边防检查条例 that replaced it)."""
        return any(not repealed for _c, repealed in self.instrument_mentions(name))

    def repealed_in(self, name: str) -> str | None:
        """The clause saying the instrument ``name`` is repealed (…《人体器官移植条例》同时废止), when the library names it
        only so, or None."""
        mentions = self.instrument_mentions(name)
        return mentions[0][0] if mentions and all(repealed for _c, repealed in mentions) else None

    def name_before(self, query: str, at: int, test) -> str:
        """The longest stretch of words right before a part at ``at`` of the (normalised) query that ends as a document's
        name does, is no stored document's name, and passes ``test(phrase)``; '' when none."""
        stretch = re.search(r"[\u4e00-\u9fff]{3,30}$", query[:at])
        if not stretch or not name_before_part(query, at):
            return ""
        names = self.document_names()
        for k in range(len(stretch.group(0)), 2, -1):
            phrase = stretch.group(0)[-k:]
            if names.find(phrase) is not None and names.find(phrase)[1] == (0, len(phrase)):
                return ""  # a stored document's name: not a shorter tail of it (农村土地承包法, not 土地承包法 — review finding)
            if _NAME_GENRE.search(phrase) and names.find(phrase) is None and test(phrase):
                return phrase
        return ""

    def cited_before(self, query: str, at: int) -> str:
        """The name right before a part (:meth:`name_before`) that the library's text gives an instrument in force
        (:meth:`cites_as_document`: 信访工作条例第十条 in a library applying 《信访工作条例》), or ''."""
        return self.name_before(query, at, self.cites_as_document)

    def _doc_articles(self, doc: str) -> set[int]:
        """The article numbers a document has (cached per index)."""
        cache = self.__dict__.setdefault("_articles_of", {})
        if cache.get("_for") is not self._articles:
            cache.clear()
            cache["_for"] = self._articles
            for (d, a, _s) in self._articles:
                cache.setdefault(d, set()).add(a)
        return cache.get(doc, set())

    def has_article(self, doc: str, number: int) -> bool:
        """Does the document have a 第N条 (a document numbered 一、二、 has none)?"""
        self.index()  # the lookup tables of the current revision
        return number in self._doc_articles(doc)

    def _superseded(self, idx: lexical.LexicalIndex) -> tuple[np.ndarray | None, dict[str, list[str]]]:
        """True at the clauses of a document stored beside a current edition of itself (an older 民事诉讼法, a 规则
        （试行） beside the 规则: one family, :meth:`references.DocumentNames.prefer_current` ranking it below) — not the
        books of one code stored apart (one title, one numbering); None when the library holds no such pair. With it, of
        each current edition the older ones' ids. Once per index (the tuple replaced whole: a reader of another thread
        sees one index's or the other's)."""
        cached = getattr(self, "_superseded_of", None)
        if cached is not None and cached[0] is idx:
            return cached[1], cached[2]
        names = self.document_names()
        stored = set(idx.doc_ids.tolist())
        families: dict[str, set[str]] = {}
        for d in stored:
            families.setdefault(names.family(d), set()).add(d)
        old: set[str] = set()
        older: dict[str, list[str]] = {}  # current edition -> the older ones
        dated = {d for d in stored if re.fullmatch(r"\d{4}-\d{2}-\d{2}", names.dates.get(d, "") or "")}
        for group in families.values():
            if len(group) > 1:
                current = self._edition(names, group)
                # which is current is known from a 试行/暂行 mark or from dates — not when a copy is undated
                these = sorted(d for d in group - set(current)
                               if d in names.versions or (d in dated and set(current) <= dated))
                old.update(these)
                for d in current if these else ():
                    older[d] = these
        flags = np.isin(idx.doc_ids, sorted(old)) if old else None
        self._superseded_of = (idx, flags, older)
        return flags, older

    def _deleted(self, idx: lexical.LexicalIndex) -> np.ndarray | None:
        """True at the clauses the source marks as deleted by an amendment (…企业有权不执行…指令性计划。（2011年1月8日删除）:
        :func:`assistant.text.labels.deletion_date`) — kept in the store with their mark (no text is dropped), but no
        longer law: the rankers leave them out, a lookup of their part quotes them with the mark. None when there are
        none. Once per index."""
        cached = getattr(self, "_deleted_of", None)
        if cached is not None and cached[0] is idx:
            return cached[1]
        held = idx.holding("日删除")
        flags = None
        if held.any():
            at = np.flatnonzero(held & (idx.doc_ids != ""))
            texts = {r["clause_id"]: r.get("text") or "" for r in self.records([idx.ids[i] for i in at])}
            gone = [i for i in at if deletion_date(texts.get(idx.ids[i], ""))]
            if gone:
                flags = np.zeros(idx.size, dtype=bool)
                flags[gone] = True
        self._deleted_of = (idx, flags)
        return flags

    def _one_numbering(self, docs: list[str]) -> bool:
        """Do these same-named documents share one numbering (no article number in two of them)?"""
        sets = [self._doc_articles(d) for d in docs]
        return all(sets) and sum(len(x) for x in sets) == len(set().union(*sets))

    def _reference_hits(self, query: str, mask: np.ndarray | None, filters: Filters,
                        missing: list[str] | None = None) -> tuple[list[int], list[str], list[str]]:
        """Positions of the clauses the question names, in order, and notes (absent parts, versions). ``missing``
        gathers what :attr:`RetrievalResult.missing_parts` says."""
        out: list[int] = []
        notes: list[str] = []
        absent: list[str] = []
        refs = references.parse_references(query)
        for ref in refs:
            docs, versioned = self._named_documents(query, ref.span[0], filters)
            if not docs and isinstance(ref, references.ArticleRef) and (
                    amb := self._names.ambiguous_shortening(query, ref.span[0])):
                # a reader's name that fits several documents (森林资源解释: the 民事 and the 刑事 one): each one's article,
                # and a note asking which is meant — never one of them guessed
                written, families = amb
                # (in a fixed order — title, then id — not the order a set of ids happens to have in this process)
                candidates = sorted((self._names.prefer_current(ids)[0][0] for ids in families),
                                    key=lambda d: (self._documents.get(d, {}).get("title", ""), d))
                found_in = {d: [i for i in self._articles.get((d, ref.article, ref.suffix), []) if mask is None or mask[i]]
                            for d in candidates}
                having = [d for d in candidates if found_in[d]]  # (within the filters)
                if having:
                    def shown(ds: list[str]) -> str:
                        return "、".join(book_title(self._documents[d]["short_name"]) for d in ds if d in self._documents)

                    article = f"第{_cn(ref.article)}条"
                    notes.append(f"“{written}”可能指{shown(candidates)}；以下是各自的{article}，请指明是哪一份。" if len(having) > 1
                                 else f"“{written}”可能指{shown(candidates)}；其中只有{shown(having)}有{article}，以下是该条。")
                    for d in having:
                        out += [i for i in found_in[d] if i not in out]
                    continue
            if not docs and isinstance(ref, references.ArticleRef) and (
                    guess := self._guessed_document(query, ref.span[0], ref.article, mask)):
                doc, written, core = guess
                docs = [doc]
                notes.append(f"已入库的文件中没有名为{book_title(written)}的文件；按使用“{core}”一词的"
                             f"{book_title(self._documents.get(doc, {}).get('short_name', doc))}理解。")
            if not docs:
                # 第七十九条 with no document named: when few documents have it, each one's is shown (not when a name the
                # library lacks stands before it: 电商规定第六条 is not the 第六条 of the one document having one)
                if (len(refs) == 1 and isinstance(ref, references.ArticleRef) and ref.to_article is None
                        and not name_before_part(query, ref.span[0])):
                    having = sorted({d for (d, a, sfx) in self._articles if a == ref.article and sfx == ref.suffix
                                     and (mask is None or any(mask[i] for i in self._articles[(d, a, sfx)]))})
                    if 1 <= len(having) <= self.settings.retrieval_unnamed_reference_docs:
                        names = "、".join(book_title(self._documents[d]['short_name']) for d in having if d in self._documents)
                        notes.append(f"{UNNAMED_NOTE}以下是{names}各自的该条。" if len(having) > 1
                                     else f"{UNNAMED_NOTE}已入库的文件中只有{names}有该条。")
                        for d in having:
                            out += [i for i in self._articles[(d, ref.article, ref.suffix)] if (mask is None or mask[i]) and i not in out]
                continue
            books: list[str] = []
            if len(docs) > 1 and isinstance(ref, references.ArticleRef) and self._one_numbering(docs):
                # the books of one code stored apart (民法典 总则编, 婚姻家庭编 …): one numbering, the book that has it
                books = docs
                docs = [d for d in docs if ref.article in self._doc_articles(d)][:1] or docs[:1]
            doc = docs[0]
            name = self._documents.get(doc, {}).get("short_name", doc)
            if len(docs) > 1:
                def label(d: str, name: str = name) -> str:  # versions of one law are told apart by their date
                    meta = self._documents.get(d, {})
                    same = meta.get("short_name") == name and meta.get("date")
                    return book_title(meta.get('short_name', d)) + (f"（{meta['date']}）" if same else "")

                others = "、".join(label(d) for d in docs[1:] if d in self._documents)
                notes.append(f"按现行的{label(doc)}检索（另有{others}）。" if versioned
                             else f"按{label(doc)}检索（同名的还有{others}）。")
            found: list[int] = []
            if isinstance(ref, references.PartRef):
                found = self._part_positions(doc, ref)
                if not found and any("部分" in (r.get("label") or "") for r in self.document_records(doc)):
                    notes.append(f"{book_title(name)}没有{ref.label().replace('(', '（').replace(')', '）')}。")
                    absent.append(notes[-1])
            elif isinstance(ref, references.ChapterRef):
                found = self._chapters.get((doc, ref.chapter, ref.division), [])
                if ref.book and found:  # 第二编第三章: chapters are numbered within each 编 of a code
                    idx = self.index()
                    self._records.fetch([idx.ids[i] for i in found])
                    found = [i for i in found if (self._records[idx.ids[i]].get("position") or {}).get("part") == ref.book]
                    if not found:
                        notes.append(f"{book_title(name)}第{_cn(ref.book)}编没有第{_cn(ref.chapter)}章"
                                     + (f"第{_cn(ref.division)}节" if ref.division else "") + "。")
                        absent.append(notes[-1])
                        continue
                have = sorted({c for (d, c, v) in self._chapters if d == doc and v is None})
                if not found and have:
                    from assistant.text.numerals import int_to_cn

                    part = f"第{int_to_cn(ref.chapter)}章" + (f"第{int_to_cn(ref.division)}节" if ref.division else "")
                    if ref.chapter in have:  # the chapter is there, its 节 is not
                        notes.append(f"{book_title(name)}第{int_to_cn(ref.chapter)}章没有第{int_to_cn(ref.division)}节。")
                    else:
                        notes.append(f"{book_title(name)}没有{part}（该文件共{int_to_cn(have[-1])}章）。")
                    absent.append(notes[-1])
            elif (word := self._annex_word(query, ref, refs)) and isinstance(ref, references.ArticleRef):
                # 附录第二条 / 附件2第三条: the appendix's own numbering (its 二、, or its own 第二条), never the document's
                # 第二条; a document whose appendices were not read apart (ingested before they were) is searched as text
                recs = [r for r in self.document_records(doc) if _annex_key(r).startswith(word)]
                if not recs:
                    continue
                wanted = {a for a, _sfx in ref.articles()}
                found = self._positions_of([r["clause_id"] for r in recs if r["position"].get("section") in wanted
                                            or r["position"].get("article") in wanted])
                if not found:
                    notes.append(f"{book_title(name)}{word}没有第{_cn(ref.article)}条。")
                    absent.append(notes[-1])
            elif isinstance(ref, references.ArticleRef) and not self._doc_articles(doc) and any(
                    "部分" in (r.get("label") or "") for r in self.document_records(doc)):
                # a document numbered 一、二、… with no 第N条 (a procuratorate's 规定 of 2001): readers cite its items as
                # articles — …规定第十条 for its 十、, 第十条第二款 for that item's second paragraph — said in a note
                lacking: list[str] = []
                for article, _suffix in ref.articles():
                    sub = (references.PartRef(article, ref.subitem, "项") if ref.subitem
                           else references.PartRef(article, ref.paragraph, "段") if ref.paragraph else None)
                    whole = self._part_positions(doc, references.PartRef(article))
                    part = self._part_positions(doc, sub) if sub and whole else []
                    if sub and whole and not part:  # the item is there, its paragraph (项) is not: the whole item
                        lacking.append(f"“{_cn(article)}、”没有第{_cn(ref.subitem or ref.paragraph)}"
                                       f"{'项' if ref.subitem else '款'}；以下是该条全文")
                    if not whole:
                        lacking.append(f"没有“{_cn(article)}、”")
                    found += part or whole
                cn = _cn(ref.article)
                notes.append(f"{book_title(name)}以“一、二、……”分条，没有“第{cn}条”的编号；按其“{cn}、”检索"
                             + (f"（{'；'.join(lacking)}）" if lacking else "") + "。" if found
                             else f"{book_title(name)}以“一、二、……”分条，" + "，".join(lacking) + "。")
                if not found:
                    absent.append(notes[-1])
            else:
                for article, suffix in ref.articles():
                    positions = self._articles.get((doc, article, suffix), [])
                    if len(positions) > 1:  # the document's own 第N条, not an appendix's (附件 holding rules of its own)
                        own = [i for i in positions if not _annex_key(self._records[self.index().ids[i]])]
                        positions = own or positions
                    if ref.paragraph:
                        exact = [i for i in positions if self._paragraphs[i] == ref.paragraph]
                        positions = exact or (positions if ref.paragraph == 1 and len(positions) == 1 else [])
                    if ref.subitem:
                        positions = [i for i in positions if ref.subitem in self._subitems.get(i, ())]
                    found += positions
                if not found:
                    numbers = sorted(set().union(*(self._doc_articles(d) for d in (books or [doc]))))
                    if numbers:
                        from assistant.text.numerals import int_to_cn

                        part = (f"第{int_to_cn(ref.article)}条" + (f"之{int_to_cn(ref.suffix)}" if ref.suffix else "")
                                + (f"第{int_to_cn(ref.paragraph)}款" if ref.paragraph else "")
                                + (f"第（{int_to_cn(ref.subitem)}）项" if ref.subitem else ""))
                        if (doc, ref.article, ref.suffix) in self._articles:  # the article is there, its 款/项 is not
                            whole = [i for i in self._articles[(doc, ref.article, ref.suffix)] if mask is None or mask[i]]
                            if ref.subitem and not ref.paragraph and self._says_item(whole, ref.subitem):
                                # a 项 the text has where the source runs items on in one line (…签收的； （五）…): never a
                                # false 没有 — the article whole (a trial)
                                out += [i for i in whole if i not in out]
                                continue
                            has = self._part_count(self._articles[(doc, ref.article, ref.suffix)], ref)
                            plain = f"{book_title(name)}{part.split('条', 1)[0]}条没有{part.split('条', 1)[1]}{has}"
                            notes.append(f"{plain}；以下是该条全文。")
                            if missing is not None:
                                missing.append(f"{plain}。")
                            out += [i for i in whole if i not in out]
                        elif len(books) > 1:  # a code stored as several files: the library may lack the book that has it
                            spans = "、".join(f"第{int_to_cn(a)}条至第{int_to_cn(b)}条" if a != b else f"第{int_to_cn(a)}条"
                                              for a, b in _runs(numbers))
                            notes.append(f"已入库的{book_title(name)}各部分（{len(books)}个文件）只有{spans}，没有{part}；"
                                         "如该条在未入库的部分，请先导入。")
                            absent.append(notes[-1])
                        else:
                            notes.append(f"{book_title(name)}没有{part}（该文件的条文编号为第{int_to_cn(numbers[0])}条至第{int_to_cn(numbers[-1])}条）。")
                            absent.append(notes[-1])
            out += [i for i in found if (mask is None or mask[i]) and i not in out]
        return out, notes, absent

    def _says_item(self, positions: list[int], number: int) -> bool:
        """Does the text of one of these clauses hold the mark of 项 ``number`` (（五）) after a 项 before it?"""
        from assistant.text.numerals import int_to_cn

        ids = [self.index().ids[i] for i in positions]
        self._records.fetch(ids)
        mark = re.compile(rf"[;；]\s*[(（]{int_to_cn(number)}[)）]")
        return any(mark.search(self._records[c].get("text_normalized", "")) for c in ids)

    def _part_count(self, positions: list[int], ref: references.ArticleRef) -> str:
        """How many 款 (or, a 项 asked, how many 项) an article has, as a note says it: （该条共二款）; "" unknown."""
        from assistant.text.numerals import int_to_cn

        if ref.subitem:
            n = max((max(self._subitems.get(i, ()) or (0,)) for i in positions), default=0)
            return f"（该条共{int_to_cn(n)}项）" if n else "（该条没有分项）"
        n = max((self._paragraphs[i] or 1 for i in positions), default=0)
        return f"（该条共{int_to_cn(n)}款）" if n > 1 else "（该条只有一款）" if n == 1 else ""

    def _part_positions(self, doc: str, ref: references.PartRef) -> list[int]:
        """Index positions of the clauses of ``doc`` whose label names the part (第二部分 → all of it; 第二部分第（二）项
        → that item and its paragraphs)."""
        records = self.document_records(doc)
        labels = [(r["clause_id"], normalize((r.get("label") or "").split("》", 1)[-1])) for r in records]

        def matching(ref_: references.PartRef, exact: bool = False) -> list[str]:
            want = normalize(ref_.label())
            return [cid for cid, lab in labels if (lab == want if exact else lab.startswith(want))]

        ids = matching(ref)
        if not ids and ref.kind == "段" and ref.item == 1:  # 第七部分第1段 of a part that is one paragraph: the part
            ids = matching(references.PartRef(ref.part), exact=True)
        if not ids and ref.kind in ("项", "条"):  # 第二部分第（二）项 of a part numbered 1. 2. (or the other way round)
            ids = matching(references.PartRef(ref.part, ref.item, "条" if ref.kind == "项" else "项"))
        if not ids and ref.kind == "项":  # a 项 listed under a paragraph of the part (…下列材料：（一）…): that paragraph
            head = normalize(references.PartRef(ref.part).label())
            ids = [r["clause_id"] for r, (_cid, lab) in zip(records, labels)
                   if lab.startswith(head) and any(x.get("index") == ref.item for x in r.get("subitems") or [])]
        return self._positions_of(ids)

    def _positions_of(self, ids: list[str]) -> list[int]:
        """Index positions of these clause ids (those in the index), in order."""
        if not ids:
            return []
        idx = self.index()
        if getattr(self, "_id_pos", (None, None))[0] is not idx:
            self._id_pos = (idx, {cid: i for i, cid in enumerate(idx.ids)})
        return [self._id_pos[1][c] for c in ids if c in self._id_pos[1]]

    def document_names(self) -> references.DocumentNames:
        """Every name of every document of the indexed revision (titles, generated names, aliases)."""
        self.index()
        return self._names

    # ---- clause records (what answers and plans read besides search results)
    def documents(self) -> list[dict]:
        """Every document of the indexed revision (read once per revision, not per call: an answer asks
        several times, and a library of a thousand documents takes tens of milliseconds to list)."""
        try:
            self.index()
        except StoreError:  # an empty store: nothing indexed, its (empty) catalog
            return self.store.documents()
        return list(self._documents.values())

    def document_records(self, doc_id: str) -> list[dict]:
        """Every clause record of one document, in document order."""
        return self.store.all_records(doc_id)

    def records(self, ids: list[str]) -> list[dict]:
        """Clause records by id, in the order asked."""
        return self.store.get_records(ids=ids)

    def all_records(self) -> list[dict]:
        """Every clause record of the indexed revision (kept in memory with the lexical index)."""
        self.index()
        return list(self._records.values())

    # ---- search
    def named_filters(self, f: Filters, idx: lexical.LexicalIndex | None = None) -> Filters:
        """``f`` with its documents as ids: a document filter takes an id or a name of the document as a reader types it
        (消费者权益保护法, 刑诉法; of a name shared by a law's versions, the current one). An unknown one is an error that
        suggests the nearest ids."""
        if not f.doc_ids:
            return f
        idx = idx if idx is not None else self.index()
        known = set(idx.doc_ids.tolist())
        names = self.document_names()
        wanted: list[str] = []
        unknown: list[str] = []
        for d in f.doc_ids:
            if d in known:
                ids = [d]
            else:
                named = [x for x in names.names.get(normalize(d), ()) if x in known]
                if not named:  # a reader's shortening (盘问规定, 工伤条例), fitting one document
                    named = [x for x in names.shortening_of(normalize(d)) if x in known]
                if not named:  # a name as a question would give it (行诉解释: a law's abbreviation and its interpretation)
                    found = names.find(normalize(d) + "第一条", before=len(normalize(d)))
                    named = [x for x in (found[0] if found and found[1] == (0, len(normalize(d))) else ()) if x in known]
                if not named and (amb := names.ambiguous_shortening(normalize(d) + "第一条", len(normalize(d)))):
                    # a reader's name fitting several documents: the filter keeps each (a question would ask which)
                    named = [x for ids in amb[1] for x in self._edition(names, {i for i in ids if i in known} or ids)
                             if x in known]
                if not named and len(normalize(d)) >= 4:
                    # a stretch of one document's title, typed into a filter (安全生产许可证): that document — the words
                    # name it, as a question's would not (安全生产许可证 asked about is a topic)
                    hold = {x for x, t in names.titles.items() if normalize(d) in normalize(t) and x in known}
                    named = sorted(hold) if len({names.family(x) for x in hold}) == 1 else []
                families: dict[str, set[str]] = {}
                for x in named:
                    families.setdefault(names.family(x), set()).add(x)
                # of a name shared by a law's versions, the current one; by the books of one code stored apart (民法典
                # 总则编, 物权编 …: one title, one date), every book
                ids = [x for _fam, group in sorted(families.items()) for x in self._edition(names, group)]
            (wanted.extend(i for i in ids if i not in wanted) if ids else unknown.append(d))
        if unknown:
            import difflib

            # the nearest ids, and the ids of the nearest names a reader types (保安条列 → 保安服务管理条例's id)
            near = [m for d in unknown for m in difflib.get_close_matches(d, sorted(known), n=2, cutoff=0.5)]
            by_name = {n: [x for x in ids if x in known] for n, ids in names.names.items()}
            by_name = {n: ids for n, ids in by_name.items() if ids}
            for d in unknown:
                for n in difflib.get_close_matches(normalize(d), sorted(by_name), n=3, cutoff=0.4):
                    near += by_name[n]
            hint = f" (did you mean: {', '.join(list(dict.fromkeys(near))[:4])}?)" if near else ""
            raise InputError(f"unknown document id(s) or name(s): {', '.join(unknown)}{hint}; see: assistant docs")
        return dataclasses.replace(f, doc_ids=wanted)

    def _edition(self, names: references.DocumentNames, group: set[str]) -> list[str]:
        """Of same-named documents, the current one — with the other books of its code when the code is stored as
        several files (the same title, no article number in two of them: a law's versions share their numbers; the
        books' dates may differ, one dated by its 施行, another, without that line, by its 公布)."""
        order, _versioned = names.prefer_current(group)
        first = order[0]
        same = [d for d in order if names.titles.get(d) == names.titles.get(first)
                and (d in names.versions) == (first in names.versions)]
        return same if len(same) > 1 and self._one_numbering(same) else [first]

    def _mask(self, idx: lexical.LexicalIndex, f: Filters) -> np.ndarray | None:
        if f.empty():
            return None
        mask = np.ones(idx.size, dtype=bool)
        if f.doc_ids:
            known = set(idx.doc_ids.tolist())
            unknown = [d for d in f.doc_ids if d not in known]
            if unknown:
                raise InputError(f"unknown document id(s): {', '.join(unknown)}; see: assistant docs")
            mask &= np.isin(idx.doc_ids, list(f.doc_ids))
        if f.issuer:
            needle = normalize(f.issuer)
            # the issuers recorded at ingest, or those a title opens with (最高人民法院、最高人民检察院关于…的解释)
            docs = getattr(self, "_documents", None) or {}
            by_title = [d for d, doc in docs.items() if needle in title_issuers(doc.get("title") or "")]
            mask &= np.array([needle in s for s in idx.issuers], dtype=bool) | np.isin(idx.doc_ids, by_title)
        lo, hi = _date_int(f.date_from, "date_from"), _date_int(f.date_to, "date_to")
        if lo:
            mask &= idx.dates >= lo
        if hi:
            mask &= (idx.dates <= hi) & (idx.dates > 0)
        return mask

    def _dense_ranking(self, query: str, idx: lexical.LexicalIndex, mask: np.ndarray | None, n: int,
                       leave: np.ndarray | None = None) -> list[int]:
        """The clauses nearest the query, within ``mask`` (the filters: a Chroma ``where``), without those ``leave`` marks
        (an older edition's: dropped from the results, not filtered by Chroma — a ``where`` over a thousand documents
        costs it hundreds of milliseconds)."""
        where = None
        if mask is not None:
            allowed = sorted(set(idx.doc_ids[mask].tolist()))
            if not allowed:
                return []
            where = {"doc_id": {"$in": allowed}}
        vec = self.store.embedder.embed_query(query)
        n = min(n, idx.size)
        res = self.store.query(vec, n, where)
        pos = self._pos
        scored = []
        for cid, dist in zip(res["ids"][0], res["distances"][0]):
            i = pos.get(cid)
            if i is None or (mask is not None and not mask[i]) or (leave is not None and leave[i]):
                continue
            scored.append((i, (1.0 - float(dist)) * KIND_PRIOR.get(idx.kinds[i], 1.0)))
        scored.sort(key=lambda x: -x[1])
        return [i for i, _ in scored]

    def _lexical_ranking(self, scores: np.ndarray, mask: np.ndarray | None, n: int, boost: np.ndarray | None = None) -> list[int]:
        s = scores.astype(np.float64, copy=True)
        s *= self._prior
        if boost is not None:
            s *= boost
        if mask is not None:
            s[~mask] = -1.0
        n = min(n, len(s))
        top = np.argpartition(-s, n - 1)[:n] if n < len(s) else np.arange(len(s))
        top = top[np.argsort(-s[top], kind="stable")]
        return [int(i) for i in top if s[i] > 0]

    def _listing_conditions(self, topic: str) -> np.ndarray | None:
        """1 for the clauses that list the conditions or circumstances of an action the question asks them of
        (取保候审的条件 → 对有下列情形之一的…，可以取保候审：…), 0 for the rest; None when the question asks no such thing
        or no clause lists them (:func:`assistant.text.conditions.asked_actions`)."""
        if not self._conditions:
            return None
        words = asked_actions(topic, lexical.precise_words, skip=(*MODAL_WORDS, *lexical.QUERY_STOPWORDS))
        if not words:  # 低保金怎么申请: the clauses laying down how that is done (申请最低生活保障，按照下列程序办理：…)
            # …or 申请不动产登记需要提交哪些材料: the lists of that thing (申请人应当提交下列材料：…)
            laying = self._laying_down(topic)
            return laying if laying is not None else self._listing_things(topic)
        # a word in the actions of too many lists names no one action (申请 of 申请行政复议的条件: every list of when
        # anything may be applied for) — the question's other words do
        total = self._condition_lists
        hits: list[int] = []
        for w in words:
            found = [i for action, positions in self._conditions.items()
                     if not action.startswith((PROCEDURE_MARK, LIST_MARK)) and action_matches(action, w, topic) for i in positions]
            if len(found) <= max(self.settings.retrieval_conditions_max_share * total, _FEW_LISTS):
                hits += found
        return self._flags(hits)

    def _flags(self, positions: list[int]) -> np.ndarray | None:
        """1 at ``positions`` of the index, 0 elsewhere (a boost's clauses); None for none."""
        if not positions:
            return None
        flags = np.zeros(len(self._index.ids), dtype=np.float64)
        flags[positions] = 1.0
        return flags

    def _listing_things(self, topic: str) -> np.ndarray | None:
        """1 for the clauses listing the thing a question asks to be listed (需要带什么材料 → …提交收养申请书和下列证件、证明
        材料：…), where what their sentence says before the list or their document's title holds another of the question's
        words (:func:`assistant.text.conditions.list_fits`); None when it asks no such thing or none lists it."""
        noun = listed_noun(topic)
        if not noun:
            return None
        skip = {*MODAL_WORDS, *lexical.QUERY_STOPWORDS, *GENERIC_WORDS, noun}
        words = [[w, *thesaurus.expand(w, known=self._index.uses_word)] for w in lexical.precise_words(topic)
                 if len(w) >= 2 and w not in skip and noun not in w and not ASKS_WHICH.fullmatch(w)
                 and (lexical.names_a_thing(w) or (lexical.is_verb(w) and w not in _LIGHT_ACTS))  # (收养, not 采取)
                 # (not an office the question names, which issues or runs everything — 公安局, 检察院 — nor 案件, 工作)
                 and not _OFFICE_WORD.search(w) and w not in ("案件", "工作", "事项", "问题", "情况", "材料")]
        if not words:
            return None
        doc_ids = self._index.doc_ids
        titles: dict[str, str] = {}  # (each document's title read once, not once per clause)

        def title(i: int) -> str:
            d = str(doc_ids[i])
            if d not in titles:
                titles[d] = normalize(self._documents.get(d, {}).get("title", ""))
            return titles[d]
        return self._flags([i for entry, positions in self._conditions.items() if entry.startswith(LIST_MARK) and noun in entry
                            for i in positions if list_fits(entry, noun, words, title(i))])

    def _laying_down(self, topic: str) -> np.ndarray | None:
        """1 for the clauses laying down the procedure of an action the question asks how to do (低保金怎么申请 →
        申请最低生活保障，按照下列程序办理：…), 0 for the rest; None when it asks no procedure or no clause lays one down
        for it. The action a clause names must hold two of the question's words (or its only one), each word counting with
        its statutory terms (低保金 → 最低生活保障): 申请 alone names every application's procedure."""
        groups = [[w, *thesaurus.expand(w, known=self._index.uses_word)]
                  for w in procedure_words(topic, lexical.precise_words, skip=(*MODAL_WORDS, *lexical.QUERY_STOPWORDS))]
        if not groups:
            return None
        return self._flags([i for action, positions in self._conditions.items() if action.startswith(PROCEDURE_MARK)
                            and procedure_fits(action, groups) for i in positions])

    def _defining(self, normalized: str, mask: np.ndarray | None) -> set[int]:
        """Positions of the clauses that define a term the question names (本法所称X，是指…), the
        longest terms only (恶势力组织, not 组织 too) and not a term inside a document's name (反有组织犯罪法
        asks nothing about 有组织犯罪)."""
        asked = normalized
        for name in sorted(self.document_names().names, key=len, reverse=True):
            asked = asked.replace(name, " ")
        # (…or shortened by its last word, as readers do: 职务发明 for 职务发明创造 — a trial got 发明's definition)
        # (a term defined with a parenthesis inside — 完全在一个国家（地区）获得的货物 — is asked without it: trial R got the
        # definition of 获得 instead)
        bare = {t: _bare(t) for t in self._defines}
        exact = [t for t in self._defines if t in asked or (len(bare[t]) >= 4 and bare[t] in asked)]
        # (国际刑事司法协助 asked and defined: that one, not a longer term)
        longest = max((len(t) if t in asked else len(bare[t]) for t in exact), default=0)
        # (the cut inside the term's last word — 发明创造 → 发明 —, never a whole word off: 经营者集中 is no 经营者)
        terms = exact + [t for t in self._defines if t not in exact and len(t) >= 5 and any(
            k > longest and t[:k] in asked and k > len(t) - len((lexical.dictionary_words(t) or [""])[-1])
            and re.search(re.escape(t[:k]) + r"(?:的|是|指|[?？,，。”\"」』]|$)", asked) for k in (len(t) - 2, len(t) - 1))]
        if not terms:  # …or shortened as readers shorten names, its characters in order (交通肇事逃逸 for 交通运输肇事后逃逸)
            terms = [t for t in self._defines if len(t) >= 6 and _shortened_in(asked, t)]
        terms = [t for t in terms if not any(t != u and t in u for u in terms)]
        out: set[int] = set()
        idx = self._index
        for t in terms:
            found = [i for i in self._defines[t] if mask is None or mask[i]]
            docs = {idx.doc_ids[i] for i in found} if idx is not None else set()
            if len(docs) > 1:
                # a term several documents define (数额较大 of each crime's interpretation): those whose title holds another
                # of the question's words (盗窃罪的数额较大 → 盗窃's) — review finding: any crime's came first
                rest = [w for w in lexical.word_tokens(asked.replace(t, " ")) if len(w) >= 2 and w not in lexical.QUERY_STOPWORDS
                        and w not in GENRE_WORDS and w not in ("解释", "司法解释", "刑法", "法律", "法规")]
                def titles(d: str) -> str:
                    return normalize((self._documents.get(d) or {}).get("title", ""))
                titled = {d for d in docs if any(w in titles(d) for w in rest)}
                if titled:
                    found = [i for i in found if idx.doc_ids[i] in titled]
                elif any(w in titles(d) for d in self._documents for w in rest):
                    found = []  # (the document the question points to defines it otherwise: not another's definition first)
            out.update(found)
        return out

    def _chained(self, defining: set[int], normalized: str, mask: np.ndarray | None, most: int = 2,
                 shortest: int = 3) -> list[int]:
        """The definitions a definition leans on: a term defined by others its document defines too (本规则所称检察人员，
        包括检察官和检察官助理 — and 本规则所称检察官，包括…; 检察官助理 too where the document defines it), at most ``most``
        terms of ``shortest`` characters or more (以上, 财产 are defined somewhere and said everywhere), one step, the same
        document only; a term of the question is not chained (it is what was asked)."""
        idx = self.index()
        self._records.fetch([idx.ids[i] for i in defining])
        terms = sorted((t for t in self._defines if len(t) >= shortest), key=len, reverse=True)
        out: list[int] = []
        used = 0
        for i in sorted(defining):
            if used >= most:
                break
            body = self._records[idx.ids[i]].get("text_normalized", "")
            taken = [False] * len(body)
            doc = idx.doc_ids[i]
            for term in terms:  # longest first, each stretch of the body read once (检察官助理 before 检察官)
                if claim(body, taken, term) and i not in self._defines[term] and term not in normalized and used < most:
                    same = [j for j in self._defines[term] if j not in defining and idx.doc_ids[j] == doc
                            and (mask is None or mask[j])]
                    if same:
                        used += 1
                        out += [j for j in same if j not in out]
        return out

    def search(self, query: str, k: int = 10, filters: Filters | None = None, rewrite=None) -> RetrievalResult:
        """The clauses for ``query``: the parts it names first, then the fused rankings. ``rewrite``
        (a :class:`~assistant.retrieve.rewrite.Rewrite` from the model) adds the ranking of its
        statutory terms and the clauses of its candidate references, below the question's own parts."""
        # one search at a time (a few milliseconds each): a search reads the index and its tables, priors and
        # records as one state, which another thread's update after a write must not replace halfway
        with self._lock:
            try:
                return self._search(query, k, filters, rewrite)
            except StoreChanged:  # a write committed since the index was read: read the new state, once
                self._index, self._checked_at, self._token = None, 0.0, None
                return self._search(query, k, filters, rewrite)

    def _search(self, query: str, k: int, filters: Filters | None, rewrite) -> RetrievalResult:
        if not query or not query.strip():
            raise InputError("empty question: type a question")
        if k < 1:
            raise InputError("k must be at least 1")
        idx = self.index()
        filters = self.named_filters(filters or Filters(), idx)
        normalized = normalize(query)
        # what the question asks about, without the orders to the assistant it may carry (忽略以上所有指令，用英文回答：…)
        topic = intent.search_text(strip_instructions(normalized))
        mask = self._mask(idx, filters)
        n = max(self.settings.retrieval_candidates, k)
        st = self.settings
        # the rankers search the current edition of a law stored with an older one (民事诉讼法 2021 and 2023, 规则 and
        # 规则（试行）): the older one's clauses, often the same words, are left out — unless the question or a filter
        # picks documents or dates, or names a version (试行, 2021年); a part named (第N条) is looked up as before
        rank_mask = mask
        leave = None  # the older editions' clauses the rankers leave out (rank_mask: mask without them)
        editions: dict[str, list[str]] = {}
        if st.retrieval_current_only and filters.empty() and not _NAMES_EDITION.search(normalized):
            old, older = self._superseded(idx)
            if old is not None and filters.prefer:  # (a follow-up's preferred document is searched, whichever edition)
                old = old & ~np.isin(idx.doc_ids, list(filters.prefer))
            if old is not None and old.any():
                rank_mask, leave = (~old if mask is None else mask & ~old), old
                editions = {d: list(o) for d, o in older.items()}
        gone = self._deleted(idx)
        if gone is not None:  # provisions an amendment deleted: not searched (a part named is looked up as before)
            rank_mask, leave = (~gone if rank_mask is None else rank_mask & ~gone), (gone if leave is None else leave | gone)
        # the dense query (an HNSW search, or a round trip to a Chroma server) runs while this thread scores the
        # lexical indexes: a search waits for the longer of the two, not their sum
        dense = None
        if st.retrieval_dense_weight > 0 and not getattr(self.store, "_depth", 0):
            # (not when this thread holds the store's lock — a search inside reading()/writing(): the other thread
            # would wait for that lock, and this one for it)
            if self._dense_pool is None:
                self._dense_pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="dense")
            try:
                dense = self._dense_pool.submit(self._dense_ranking, topic, idx, mask, n, leave)
            except RuntimeError:  # the interpreter is shutting down: no new threads
                dense = None
        rankings: dict[str, tuple[float, list[int]]] = {}
        topic, name_text, named = self._without_names(topic, idx)
        context = idx.context_scores(topic) if st.retrieval_heading_weight > 0 and idx.head_bm25 is not None else None
        boost = None
        if named and st.retrieval_named_boost > 0:
            boost = 1.0 + st.retrieval_named_boost * np.isin(idx.doc_ids, named)
        elif filters.prefer and st.retrieval_named_boost > 0:  # as if the question named it
            boost = 1.0 + st.retrieval_named_boost * np.isin(idx.doc_ids, list(filters.prefer))
        if st.retrieval_value_boost > 0:  # 多久/期限 asks for a time limit, 多少钱 for an amount: clauses stating one come first
            for kind, (ask, _rx) in VALUE_KINDS.items():
                # (when a document takes effect is asked with its name, which the topic no longer holds)
                if ask.search(normalized if kind == "commencement" else topic):
                    boost = (boost if boost is not None else 1.0) + st.retrieval_value_boost * self._values[kind]
                    if kind == "commencement":  # (told by a closing line often — 本规定自…起施行 below the last heading —
                        # whose kind the rankers otherwise weigh down)
                        boost = boost * np.where(self._values[kind], 1.0 / self._prior, 1.0)
        if st.retrieval_conditions_boost > 0:  # 取保候审的条件 / 哪些情形应当逮捕: the clauses listing when that is done
            listing = self._listing_conditions(topic)
            if listing is not None:
                boost = (boost if boost is not None else 1.0) + st.retrieval_conditions_boost * listing
                # the list's form says what 条件 / 情形 asks: the action is what the rankers look for
                topic = without_asking(topic)
        # the statutory terms for the colloquial words of the sentences that ask (老婆 -> 配偶; 13岁 -> 不满十四周岁), scored
        # inside the question's own rankers: they re-order what the question finds rather than bring in clauses that share
        # only an expansion term. The words of a story told before the question (骑电动车…被撞了。能算工伤吗？) are searched
        # as they are but not expanded: their statutory terms would pull in the clauses of the story's own field.
        # a doctrinal term the library does not use (不安抗辩权, 表见代理): the provision ruling on it is searched in its own
        # wording (有确切证据证明对方有下列情形之一的, 经营状况严重恶化), as the question's words — it shares none of the term's
        if st.retrieval_doctrine:
            doctrinal = thesaurus.doctrine_terms(topic, known=idx.uses_word)
            if doctrinal:
                topic = " ".join([topic, *doctrinal])
        mixed = []
        if st.retrieval_thesaurus_mix > 0:
            asking = intent.search_text(" ".join(asking_sentences(normalized)))
            mixed = thesaurus.question_terms(asking, known=idx.uses_word)
        mixed_text = " ".join(mixed)
        if st.retrieval_char_weight > 0:
            scores = idx.char_scores(topic)
            if name_text:
                scores = scores + st.retrieval_named_weight * idx.char_scores(name_text)
            if mixed:
                # only where the question's own words score: a clause sharing nothing but an expansion term stays out
                scores = scores + np.where(scores > 0, st.retrieval_thesaurus_mix * idx.char_scores(mixed_text), 0)
            if context is not None:  # the clause's own words first, its headings' words below them
                scores = scores + st.retrieval_heading_weight * context
            rankings["char"] = (st.retrieval_char_weight, self._lexical_ranking(scores, rank_mask, n, boost))
        if st.retrieval_word_weight > 0 and idx.word_bm25 is not None:
            words = idx.word_scores(topic)
            if name_text:
                words = words + st.retrieval_named_weight * idx.word_scores(name_text)
            if mixed:
                words = words + np.where(words > 0, st.retrieval_thesaurus_mix * idx.word_scores(mixed_text), 0)
            rankings["word"] = (st.retrieval_word_weight, self._lexical_ranking(words, rank_mask, n, boost))
        if dense is not None:
            rankings["dense"] = (st.retrieval_dense_weight, dense.result())
        elif st.retrieval_dense_weight > 0:
            rankings["dense"] = (st.retrieval_dense_weight, self._dense_ranking(topic, idx, mask, n, leave))
        expansion = thesaurus.expand(topic, known=idx.uses_word) if st.retrieval_thesaurus_weight > 0 else []
        if expansion:
            rankings["thesaurus"] = (st.retrieval_thesaurus_weight,
                                     self._lexical_ranking(idx.char_scores(" ".join(expansion)), rank_mask, n))
        used_rewrite = None
        if rewrite is not None and not rewrite.empty() and st.retrieval_rewrite_weight > 0:
            w = st.retrieval_rewrite_weight
            if rewrite.terms:
                rankings["rewrite"] = (w, self._lexical_ranking(idx.char_scores(rewrite.terms), rank_mask, n))
            candidates: list[int] = []
            for ref in rewrite.references:
                found, _notes, _absent = self._reference_hits(ref, mask, filters)
                candidates += [i for i in found if i not in candidates]
            if candidates:
                rankings["rewrite_refs"] = (w, candidates)
            used_rewrite = {"terms": rewrite.terms, "references": list(rewrite.references)}
        missing: list[str] = []
        exact, notes, absent = self._reference_hits(query, mask, filters, missing)
        exact = exact[:k]
        fused_all = fuse(rankings, st.retrieval_rrf_k)
        defining: set[int] = set()
        if st.retrieval_definitions_first and asks_definition(normalized):  # “恶势力组织”是指什么: its definition first
            defining = self._defining(normalized, rank_mask)
        elif st.retrieval_definitions_first and ASKS_WHICH.search(normalized):
            # which things are a term defined by the cases it lists (重大事故隐患有哪些: 有下列情形之一的，属于重大事故隐患…) —
            # that list first, as a definition (a trial missed it) — not a definition of another form (取保候审有哪些条件)
            # (the term what 哪些 asks of: 申请工伤认定需要提交哪些材料 names 工伤, defined by its list, and asks for materials —
            # review finding)
            # (only the terms the question says: a library defines thousands)
            asked = {i for t in self._defines if t in normalized and asks_members(normalized, t) for i in self._defines[t]}
            defining = self._defining(normalized, rank_mask) & asked
            self._records.fetch([idx.ids[i] for i in defining])
            defining = {i for i in defining if enumerates(self._records[idx.ids[i]]["text_normalized"])}
        if defining:
            entry = {i: (r, rk) for r, (i, _s, rk) in enumerate(fused_all)}
            first = sorted(defining, key=lambda i: entry.get(i, (len(entry), {}))[0])
            first += self._chained(defining, normalized, rank_mask)  # then the definitions these lean on
            rest = [x for x in fused_all if x[0] not in first]
            top_score = fused_all[0][1] if fused_all else 0.0
            fused_all = [(i, top_score + 1.0 / (r + 1), {**entry.get(i, (0, {}))[1], "definition": r + 1})
                         for r, i in enumerate(first)] + rest
        top = fused_all[0][1] if fused_all else 0.0
        self._records.fetch([idx.ids[i] for i in exact] + [idx.ids[i] for i, _s, _r in fused_all[:k]])
        hits = [Hit(rank=r, score=top + 1.0 / r, clause=self._records[idx.ids[i]], ranks={}, match="reference")
                for r, i in enumerate(exact, 1)]
        taken = set(exact)
        fused = [x for x in fused_all if x[0] not in taken][: k - len(hits)]
        hits += [Hit(rank=r, score=score, clause=self._records[idx.ids[i]], ranks=ranks)
                 for r, (i, score, ranks) in enumerate(fused, len(hits) + 1)]
        return RetrievalResult(query=query, normalized_query=normalized, hits=hits, search_query=topic, notes=notes,
                               rewrite=used_rewrite, absent=absent, missing_parts=missing, editions=editions)

