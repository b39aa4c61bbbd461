"""Chinese lexical ranking: BM25 over character 1–2-grams, over jieba words and over each clause's context.

Tokens are computed once per clause, at ingest (:func:`clause_tokens`), and kept with the clause's
record in the store's record file (:mod:`assistant.index.records`) as (token id, count) pairs. The
index is a BM25 score matrix per field, rebuilt from those counts in seconds whenever the store's
revision changes (an added or removed document never re-tokenises the library), and persisted next to
the store (``<store>/lexical/<collection>/``) as arrays a cold process maps from disk, stamped with
the store's revision (never stale, never rebuilt per query).

The scores are bm25s's (``method="lucene"``, k1 = 1.5, b = 0.75, float32), to float32 rounding: the same
formula on the same numbers in the same order, except that the term-frequency part is stored and the idf
applied per query (``tests/test_retrieval.py`` compares them). That split is what lets a write update the
index without rebuilding it: a later part holds the clauses written since the last full build, and the idf
follows the live clauses of every part (:func:`update`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from assistant.text.textnorm import normalize

TOKENIZER_VERSION = "4"  # 2: a context index (title + heading path) besides the clause text; 3: score matrices from stored counts; 4: tf parts + idf from live document frequencies, base and delta parts
FIELDS = ("char", "word", "head")
K1, B = 1.5, 0.75  # bm25s's defaults (lucene variant), which the index used before
_RUN = re.compile(r"[0-9a-z\u3400-\u9fff]+")
# Words that carry no topic in a question (asking, hedging, request boilerplate).
# (A drafting request's frame — verb, genre, citation instructions — is removed before, by
# ``retrieve.intent.search_text``.)
QUERY_STOPWORDS = (
    "什么", "哪些", "哪个", "如何", "怎么", "怎样", "是否", "请问", "根据", "哪里", "分别", "有哪", "多少",
    "请", "吗", "呢", "谁",
    # determiners: they pick no topic (各种活动 shares its 各种 with 各种物料不得露天存放 — trial R); not 所有 (所有权)
    # nor 其他 (其他组织)
    "各种", "各类", "各项", "一切", "任何", "一些", "这些", "那些", "某些", "每个",
)
# a story's connective (…买菜，结果被车撞了): no 结果 of anything (根据验证结果 shares it — trial R)
_CONNECTIVE = re.compile(r"(?:(?<=[，,。；;！!])|^)\s*(?:结果|谁知|没想到|不料)(?=[\u4e00-\u9fff])(?!的)")
_TERMS = Path(str(resources.files("assistant") / "data" / "legal_terms.txt"))
_jieba_lock = threading.Lock()
_jieba_ready = False
# Characters segmented through the mapped dictionary before it is swapped for a dict (its lookups are a few
# times slower than a dict's: past this much text — a large import — loading the dict pays for itself).
MAPPED_DICTIONARY_BUDGET = 100_000
_mapped_chars = 0


def _dictionary_key(jieba) -> bytes:
    """What the segmenting dictionary is made from: jieba's version and dictionary, the legal terms."""
    import hashlib

    h = hashlib.sha256(b"lvju-jieba-1\0")
    h.update(str(getattr(jieba, "__version__", "")).encode() + b"\0")
    dictionary = jieba.dt.dictionary or os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    try:
        h.update(f"{dictionary}\0{os.path.getsize(dictionary)}\0{os.path.getmtime(dictionary)}\0".encode())
    except OSError:
        h.update(b"?\0")
    h.update(_TERMS.read_bytes())
    return h.digest()


def _dictionary_table_path(jieba, key: bytes) -> Path:
    """Where the table is kept: beside jieba's own cache, one file per user (a shared temporary folder holds another
    user's files, which one may not replace)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(jieba.dt.tmp_dir or tempfile.gettempdir()) / f"lvju-jieba-{key.hex()[:16]}-{uid}.freq"


def _jieba():
    """jieba, its dictionary ready: the legal terms added, and the whole prefix dictionary mapped from a table
    file (:mod:`assistant.index.wordfreq`, written at the first use on this machine) instead of loaded — the
    same words and frequencies, so the same segmentation, without ≈ 0.7 s of loading per process."""
    global _jieba_ready
    import jieba

    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(60)
            if not _map_dictionary(jieba):
                jieba.initialize()
                jieba.load_userdict(str(_TERMS))
                _save_dictionary(jieba)
            _jieba_ready = True
    return jieba


def _map_dictionary(jieba) -> bool:
    """Install the table file as jieba's dictionary (with the legal terms' tags); False when there is none."""
    from jieba import finalseg, re_userdict

    from assistant.index.wordfreq import open_table

    key = _dictionary_key(jieba)
    table = open_table(_dictionary_table_path(jieba, key), key)
    if table is None:
        return False
    dt = jieba.dt
    dt.FREQ, dt.total, dt.initialized = table, table.total, True
    for line in _TERMS.read_text(encoding="utf-8").splitlines():  # what load_userdict records besides FREQ
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        word, freq, tag = re_userdict.match(line).groups()
        if tag and tag.strip():
            dt.user_word_tag_tab[word] = tag.strip()
        if freq is not None and freq.strip() and int(freq) == 0:
            finalseg.add_force_split(word)
    return True


def _save_dictionary(jieba) -> None:
    """Write the loaded dictionary as the table file (best effort: without it, every process loads)."""
    from assistant.index.wordfreq import write_table

    key = _dictionary_key(jieba)
    path = _dictionary_table_path(jieba, key)
    try:
        write_table(path, jieba.dt.FREQ, jieba.dt.total, key)
    except (OSError, ValueError):
        return
    for old in path.parent.glob("lvju-jieba-*" + path.name[len("lvju-jieba-") + 16:]):  # this user's of other inputs
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass


def full_dictionary() -> None:
    """Hold jieba's dictionary as a dict (faster lookups), for segmenting a great deal of text."""
    from assistant.index.wordfreq import FrozenFreq

    jieba = _jieba()
    with _jieba_lock:
        if isinstance(jieba.dt.FREQ, FrozenFreq):
            jieba.dt.FREQ = jieba.dt.FREQ.to_dict()


def _segmenting(text: str):
    """jieba, about to segment ``text``: past :data:`MAPPED_DICTIONARY_BUDGET` characters, with its dict."""
    global _mapped_chars
    jieba = _jieba()
    if _mapped_chars <= MAPPED_DICTIONARY_BUDGET:
        _mapped_chars += len(text)
        if _mapped_chars > MAPPED_DICTIONARY_BUDGET:
            full_dictionary()
    return jieba


_tags: dict[str, str] | None = None


# words of manner or extent the dictionary tags as nouns (全面检查, 依法处理, 全部退还, 定期报告): they say how, never what
_MANNER_WORDS = frozenset({"全面", "依法", "全部", "专门", "统一", "定期", "全体"})


def names_a_thing(word: str) -> bool:
    """Can ``word`` name a thing (商标, 公积金, 工资, 每满 …): a noun, verbal noun, abbreviation or idiom in jieba's
    dictionary (tags n / nz / nt / vn / j / l / i) or a word the dictionary does not know (unless it opens with a negation:
    不办) — not a verb (接到, whose
    synonym 收到 a clause may use), an adverb or the like, nor a person's or a place's name (nr / ns). The
    dictionary's tags are loaded on first use (≈ 0.3 s)."""
    global _tags
    if _tags is None:
        jieba = _jieba()  # the dictionary with the legal terms loaded
        from jieba import posseg

        with _jieba_lock:
            if _tags is None:
                tags = dict(posseg.dt.word_tag_tab)
                tags.update(getattr(jieba.dt, "user_word_tag_tab", {}) or {})
                _tags = tags
    tag = _tags.get(normalize(word).lower())
    if normalize(word) in _MANNER_WORDS:
        return False
    if tag is None and len(word) == 2 and word[:1] in ("不", "没", "未"):
        return False  # a negated act the dictionary does not know (不办, 没交, 未报): no thing's name (未成年子女 may be)
    return tag is None or tag in ("n", "nz", "nt", "vn", "j", "l", "i")


def pos_tag(word: str) -> str | None:
    """jieba's part-of-speech tag of ``word`` (n, v, t, m, d …), or None for a word its dictionary does not know."""
    names_a_thing(word)  # loads the tags
    return (_tags or {}).get(normalize(word).lower())


def is_verb(word: str) -> bool:
    """Is ``word`` a verb in jieba's dictionary (tags v / vd / vi; 送达, 提出 — not 立案's verbal noun vn)?"""
    names_a_thing(word)  # loads the tags
    return (_tags or {}).get(normalize(word).lower()) in ("v", "vd", "vi")


def clean_query(text: str) -> str:
    """Normalise a question and blank out words that carry no topic."""
    q = _CONNECTIVE.sub(" ", normalize(text).lower())
    for w in QUERY_STOPWORDS:
        q = q.replace(w, " ")
    return q


def char_tokens(text: str, *, normalized: bool = False) -> list[str]:
    """Character unigrams + bigrams inside runs of CJK/alphanumerics (ASCII words stay whole)."""
    t = text if normalized else normalize(text).lower()
    out: list[str] = []
    for run in _RUN.findall(t):
        if run.isascii():
            out.append(run)
            continue
        out.extend(run)
        out.extend(map(str.__add__, run[:-1], run[1:]))  # bigrams, in order
    return out


def word_tokens(text: str, *, normalized: bool = False) -> list[str]:
    """jieba search-mode words (with the legal-term dictionary)."""
    t = text if normalized else normalize(text).lower()
    return [w for w in _segmenting(t).lcut_for_search(t) if _RUN.fullmatch(w)]


def precise_words(text: str) -> list[str]:
    """jieba's precise-mode segmentation (with the legal-term dictionary): each character in one word, so a word
    found here is a whole word of the text (社会保障 stays one word; 保障 inside it is not found)."""
    t = normalize(text).lower()
    return _segmenting(t).lcut(t)


def word_bounds(words: list[str]) -> set[int]:
    """The offsets where the words of a segmentation of a text start and end (0 and the text's length included): a
    phrase found at ``i`` is whole words of the text when ``i`` and ``i + len(phrase)`` are both in it."""
    bounds, at = {0}, 0
    for w in words:
        at += len(w)
        bounds.add(at)
    return bounds


def dictionary_words(text: str) -> list[str]:
    """:func:`precise_words` without jieba's guesses at words its dictionary lacks (酒驾会被 → 酒|驾|会|被, not 酒|驾会|被):
    where a dictionary word of the text ends is sure; a guessed word may swallow the end of one."""
    t = normalize(text).lower()
    return _segmenting(t).lcut(t, HMM=False)


def index_text(record: dict, short_name: str) -> str:
    """What the lexical index sees: document short name, nearest heading, clause text (normalised apart:
    no conversion entry spans a blank, so this is the normalised whole, and the clause's lines are the
    ones its embedding normalises too)."""
    head = record["heading_path"][-1] if record.get("heading_path") else ""
    return " ".join(x for x in (normalize(f"{short_name} {head}"), normalize(record["text_normalized"])) if x).lower()


def context_text(record: dict, title: str) -> str:
    """A clause's context: its document's title and every heading above it (编/章/节 names)."""
    return normalize(" ".join([title, *(record.get("heading_path") or [])])).lower()


def clause_tokens(record: dict, short_name: str, title: str, *, with_words: bool = True,
                  cache: dict | None = None, text: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """A clause's tokens for each field: character tokens and jieba words of its index text (``text``, when
    the caller has it), character tokens of its context (``cache``: context tokens by title and heading path,
    shared by the clauses of a heading)."""
    text = text if text is not None else index_text(record, short_name)
    key = (title, *(record.get("heading_path") or []))
    head = cache.get(key) if cache is not None else None
    if head is None:
        head = char_tokens(context_text(record, title), normalized=True)
        if cache is not None:
            cache[key] = head
    return char_tokens(text, normalized=True), (word_tokens(text, normalized=True) if with_words else []), head


def count_ids(tokens: list[str], vocab: dict[str, int]) -> bytes:
    """(token id, count) pairs of one clause's tokens, as int32 bytes; new tokens get the next ids."""
    from collections import Counter

    counts = Counter(tokens)
    get = vocab.get
    ids = [get(tok) for tok in counts]
    if None in ids:
        for k, tok in enumerate(counts):
            if ids[k] is None:
                ids[k] = vocab[tok] = len(vocab)
    out = np.empty((len(ids), 2), dtype=np.int32)
    out[:, 0] = ids
    out[:, 1] = list(counts.values())
    return out.tobytes()


def _token_order(ids: np.ndarray, n_vocab: int) -> np.ndarray:
    """The stable order of ``ids`` by value: numpy's radix sort on 16-bit keys, twice when the
    vocabulary needs more (low half, then high half: least significant digit first)."""
    if n_vocab <= 1 << 16:
        return np.argsort(ids.astype(np.uint16), kind="stable")
    order = np.argsort((ids & 0xFFFF).astype(np.uint16), kind="stable")
    high = ids[order] >> 16
    return order[np.argsort(high.astype(np.uint8 if n_vocab <= 1 << 24 else np.uint16), kind="stable")]


def tf_part(pairs: np.ndarray, per_doc: np.ndarray, n_vocab: int, offset: int = 0,
            avgdl: float | None = None) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], np.ndarray, float]:
    """A token-major part over ``len(per_doc)`` clauses at positions ``offset``… from their (token id, count)
    ``pairs`` (``per_doc[i]`` pairs for clause i): (data, indices, indptr) with data the term-frequency part
    of BM25, tf/(tf + k1·(1 − b + b·dl/avgdl)) in float64 rounded to float32 (``avgdl``: this part's own
    mean clause length unless given); also the part's document frequency per token and the avgdl used."""
    n_docs = len(per_doc)
    ids = pairs[:, 0] if len(pairs) else np.zeros(0, dtype=np.int32)
    tf = pairs[:, 1].astype(np.float64) if len(pairs) else np.zeros(0)
    doc = np.repeat(np.arange(n_docs, dtype=np.int32), per_doc)
    running = np.zeros(len(tf) + 1, dtype=np.int64)  # a clause's pairs are contiguous: its length is a difference
    np.cumsum(pairs[:, 1] if len(pairs) else np.zeros(0, np.int64), out=running[1:])
    ends = np.cumsum(per_doc)
    doc_len = running[ends] - running[ends - per_doc]
    if avgdl is None:
        avgdl = float(doc_len.mean()) if n_docs else 1.0
    df = np.bincount(ids, minlength=n_vocab)
    norm = K1 * ((1 - B) + B * doc_len / avgdl)
    data = (tf / (norm[doc] + tf)).astype(np.float32)
    order = _token_order(ids, n_vocab)
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    return (data[order], (doc[order] + offset).astype(np.int32), indptr), df, avgdl


def tf_part_from_blobs(blobs: list[bytes], n_vocab: int, offset: int = 0, avgdl: float | None = None,
                       block: int = 4096) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], np.ndarray, float]:
    """:func:`tf_part` of the clauses whose (token id, count) pairs are ``blobs`` (one bytes string per clause,
    see :func:`count_ids`), read a block of clauses at a time: lengths and document frequencies first, then
    each block's postings sorted by token and put at their place in the whole (the same arrays, with only a
    block's temporaries held: a library's field holds tens of millions of postings; small blocks also sort
    in cache — 4,096 clauses a block builds a 72,000-clause field about twice as fast as one sort of all)."""
    n_docs = len(blobs)
    per_doc = np.fromiter((len(b) // 8 for b in blobs), dtype=np.int64, count=n_docs)
    doc_len = np.zeros(n_docs, dtype=np.int64)
    df = np.zeros(n_vocab, dtype=np.int64)

    def pairs_of(a: int) -> np.ndarray:
        return np.frombuffer(b"".join(blobs[a : a + block]), dtype=np.int32).reshape(-1, 2)

    for a in range(0, n_docs, block):
        pairs, counts = pairs_of(a), per_doc[a : a + block]
        if len(pairs):
            running = np.zeros(len(pairs) + 1, dtype=np.int64)  # a clause's pairs are contiguous
            np.cumsum(pairs[:, 1], out=running[1:])
            ends = np.cumsum(counts)
            doc_len[a : a + len(counts)] = running[ends] - running[ends - counts]
            df += np.bincount(pairs[:, 0], minlength=n_vocab)
    if avgdl is None:
        avgdl = float(doc_len.mean()) if n_docs else 1.0
    norm = K1 * ((1 - B) + B * doc_len / avgdl)
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    data = np.empty(int(indptr[-1]), dtype=np.float32)
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    cursor = indptr[:-1].copy()  # where each token's next postings go
    for a in range(0, n_docs, block):
        pairs, counts = pairs_of(a), per_doc[a : a + block]
        if not len(pairs):
            continue
        ids = pairs[:, 0]
        doc = np.repeat(np.arange(a, a + len(counts), dtype=np.int32), counts)
        tf = pairs[:, 1].astype(np.float64)
        order = _token_order(ids, n_vocab)
        sorted_ids = ids[order]
        block_df = np.bincount(ids, minlength=n_vocab)
        first = np.cumsum(block_df) - block_df  # each token's first posting in this block, sorted
        dest = cursor[sorted_ids] + (np.arange(len(order)) - first[sorted_ids])
        data[dest] = (tf / (norm[doc] + tf)).astype(np.float32)[order]
        indices[dest] = doc[order] + offset
        cursor += block_df
    return (data, indices, indptr), df, avgdl


class Bm25Matrix:
    """One field's BM25 scores over the index positions. Token-major parts (data, indices, indptr, as bm25s
    keeps its matrix) hold the term-frequency part of each posting; the idf of a token comes from its
    document frequency among the live clauses (lucene: log(1 + (N − df + .5)/(df + .5)), float32), so a part
    added or a clause retired changes only these counts, never the stored parts. Positions in ``dead`` (clauses
    removed or rewritten since their part was built) score 0. On an index of one part with no dead position
    this is bm25s's ``get_scores`` (``method="lucene"``, k1 1.5, b 0.75) to float32 rounding."""

    def __init__(self, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], df: np.ndarray, num_docs: int,
                 vocab: _Vocab, dead: np.ndarray | None = None) -> None:
        self.parts, self.df, self.num_docs, self.dead = parts, df, num_docs, dead
        self.live = num_docs - (int(dead.sum()) if dead is not None else 0)
        self._vocab = vocab
        self._dict: dict[str, int] | None = None
        self._idf: np.ndarray | None = None

    @property
    def idf(self) -> np.ndarray:
        if self._idf is None:
            df = np.asarray(self.df, dtype=np.float64)
            idf = np.log(1 + (self.live - df + 0.5) / (df + 0.5))
            self._idf = np.where(df > 0, idf, 0.0).astype(np.float32)
        return self._idf

    @property
    def vocab_dict(self) -> dict[str, int]:
        """The tokens some live clause of this field has (id per token)."""
        if self._dict is None:
            tokens = self._vocab.tokens
            self._dict = {tokens[i]: int(i) for i in np.flatnonzero(np.asarray(self.df) > 0).tolist()}
        return self._dict

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        vocab = self.vocab_dict
        idf = self.idf
        scores = np.zeros(self.num_docs, dtype=np.float32)
        for tok in tokens:  # in query order, repeats counted, as bm25s adds them
            tid = vocab.get(tok)
            if tid is None:
                continue
            weight = idf[tid]
            for data, indices, indptr in self.parts:
                if tid + 1 >= len(indptr):
                    continue
                start, end = int(indptr[tid]), int(indptr[tid + 1])
                if end > start:
                    np.add.at(scores, np.asarray(indices[start:end]), np.asarray(data[start:end]) * weight)
        if self.dead is not None:
            scores[self.dead] = 0.0
        return scores

    def save(self, folder: Path, name: str, base: str, base_from: Path | None = None) -> None:
        """The parts (the first, named by its build ``base``, linked from ``base_from`` when that folder has it:
        a base part never changes) and the document frequencies."""
        for k, part in enumerate(self.parts):
            for field, array in zip(("data", "indices", "indptr"), part):
                target = folder / _part_file(name, k, base, field)
                if k == 0 and base_from is not None:
                    try:
                        os.link(base_from / target.name, target)
                        continue
                    except OSError:  # another file system, or that folder replaced meanwhile: written
                        pass
                np.save(target, np.asarray(array))
        np.save(folder / f"{name}.df.npy", np.asarray(self.df))

    @classmethod
    def load(cls, folder: Path, name: str, num_docs: int, vocab: _Vocab, n_parts: int, base: str,
             dead: np.ndarray | None) -> Bm25Matrix:
        parts = [tuple(np.load(folder / _part_file(name, k, base, field), mmap_mode="r") for field in ("data", "indices", "indptr"))
                 for k in range(n_parts)]
        return cls(parts, np.load(folder / f"{name}.df.npy"), num_docs, vocab, dead)  # type: ignore[arg-type]


def _part_file(name: str, k: int, base: str, field: str) -> str:
    return f"{name}.base-{base}.{field}.npy" if k == 0 else f"{name}.delta.{field}.npy"


class _Vocab:
    """Token strings by id (shared by a build's fields), read from disk when first needed — from the file
    opened with the arrays, so an index folder replaced meanwhile by another process is never mixed in."""

    def __init__(self, tokens: list[str] | None = None, path: Path | None = None) -> None:
        self._tokens, self.path = tokens, path
        self._file = open(path, "rb") if tokens is None and path is not None else None  # noqa: SIM115

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            with self._file:  # type: ignore[union-attr]
                self._tokens = json.loads(self._file.read().decode("utf-8"))  # type: ignore[union-attr]
        return self._tokens


@dataclass
class LexicalIndex:
    """The lexical index of a store revision. Positions ``0…n_base`` are the clauses of the last full build
    (the base part of each field), those after them the clauses written since (the delta part, rebuilt at
    each update); ``dead`` marks base positions whose clause was removed or rewritten since. ``seqs`` is each
    position's write number in the record file: (clause id, seq) names the state of the clause indexed."""

    ids: list[str]
    doc_ids: np.ndarray  # str per clause ("" at a dead position)
    kinds: np.ndarray  # str per clause
    dates: np.ndarray  # int yyyymmdd (0 unknown)
    issuers: list[str]  # "|A|B|" per clause
    char_bm25: Bm25Matrix
    word_bm25: Bm25Matrix | None
    revision: int
    head_bm25: Bm25Matrix | None = None
    seqs: np.ndarray | None = None
    dead: np.ndarray | None = None  # bool per position, None when none is
    n_base: int = -1
    avgdl: dict | None = None  # per field, of the base: the length normalisation of every part
    base: str = ""  # names the full build the base part comes from
    folder: Path | None = None  # where it was loaded from (its base files are linked, not copied, on save)
    records_id: str = ""  # the record file it was built from (its write numbers mean nothing in another)

    def __post_init__(self) -> None:
        if self.n_base < 0:
            self.n_base = len(self.ids)
        if self.seqs is None:
            self.seqs = np.zeros(len(self.ids), dtype=np.int64)
        if not self.base:
            self.base = os.urandom(8).hex()
        if self.dead is not None and self.dead.any():
            self.doc_ids = self.doc_ids.copy()
            self.doc_ids[self.dead] = ""
        else:
            self.dead = None

    @property
    def size(self) -> int:
        return len(self.ids)

    def last_write(self) -> int:
        """The highest write number of the clauses it indexes."""
        return int(np.max(self.seqs)) if self.seqs is not None and len(self.seqs) else 0

    def live_positions(self) -> np.ndarray:
        return np.arange(self.size) if self.dead is None else np.flatnonzero(~self.dead)
    def _scores(self, bm25, tokens: list[str]) -> np.ndarray:
        vocab = bm25.vocab_dict
        toks = [t for t in tokens if t in vocab]
        if not toks:
            return np.zeros(self.size, dtype=np.float32)
        return bm25.get_scores(toks)

    def char_scores(self, query: str) -> np.ndarray:
        return self._scores(self.char_bm25, char_tokens(clean_query(query), normalized=True))

    def uses_word(self, word: str) -> bool:
        """Does the library use ``word``: a jieba word of some clause, or (a two-character word) a
        character bigram of some clause."""
        w = normalize(word).lower()
        if self.word_bm25 is not None and w in self.word_bm25.vocab_dict:
            return True
        return len(w) == 2 and w in self.char_bm25.vocab_dict

    def word_df(self, word: str) -> int:
        """In how many live clauses ``word`` is a jieba word (a two-character word: a character bigram); 0 if none."""
        w = normalize(word).lower()
        for bm25 in (self.word_bm25, self.char_bm25 if len(w) == 2 else None):
            if bm25 is not None and (tid := bm25.vocab_dict.get(w)) is not None:
                return int(bm25.df[tid])
        return 0

    def holding(self, phrase: str) -> np.ndarray:
        """Which clauses hold every character bigram of ``phrase`` (a two-character phrase: exactly those that use it)."""
        t = normalize(phrase).lower()
        grams = [a + b for a, b in zip(t, t[1:])]
        out = np.ones(self.size, dtype=bool) if grams else np.zeros(self.size, dtype=bool)
        for g in grams:
            if g not in self.char_bm25.vocab_dict:
                return np.zeros(self.size, dtype=bool)
            out &= self.char_bm25.get_scores([g]) > 0
        return out

    def holds_outside(self, phrase: str, docs: set[str]) -> bool:
        """Does a clause of a document not in ``docs`` hold every character bigram of ``phrase``."""
        held = self.holding(phrase)
        return bool((held & (self.doc_ids != "") & ~np.isin(self.doc_ids, sorted(docs))).any()) if held.any() else False

    def holds_within(self, phrase: str, docs: set[str]) -> bool:
        """Does a clause of one of ``docs`` hold every character bigram of ``phrase``."""
        held = self.holding(phrase)
        return bool((held & np.isin(self.doc_ids, sorted(docs))).any()) if held.any() else False

    def context_scores(self, query: str) -> np.ndarray:
        if self.head_bm25 is None:
            return np.zeros(self.size, dtype=np.float32)
        return self._scores(self.head_bm25, char_tokens(clean_query(query), normalized=True))

    def word_scores(self, query: str) -> np.ndarray:
        if self.word_bm25 is None:
            return np.zeros(self.size, dtype=np.float32)
        return self._scores(self.word_bm25, word_tokens(clean_query(query), normalized=True))

    # ---- persistence
    def save(self, folder: Path) -> None:
        """Write the index atomically (a private temporary folder renamed into place), stamped with its revision.
        The base part's files of an index loaded from ``folder`` are linked into the new folder, not rewritten."""
        # a private temporary folder: several readers (processes or threads) may rebuild at once
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
        try:
            for name in FIELDS:
                matrix = getattr(self, f"{name}_bm25")
                if matrix is not None:
                    matrix.save(tmp, name, self.base, base_from=self.folder)
            (tmp / "vocab.json").write_text(json.dumps(self.char_bm25._vocab.tokens, ensure_ascii=False), encoding="utf-8")
            np.save(tmp / "dates.npy", self.dates)
            (tmp / "meta.json").write_text(json.dumps({
                "revision": self.revision, "tokenizer": TOKENIZER_VERSION, "ids": self.ids,
                "doc_ids": self.doc_ids.tolist(), "kinds": self.kinds.tolist(), "issuers": self.issuers,
                "has_word": self.word_bm25 is not None, "has_head": self.head_bm25 is not None,
                "seqs": np.asarray(self.seqs).tolist(), "n_base": self.n_base, "base": self.base, "avgdl": self.avgdl,
                "records_id": self.records_id,
                "parts": len(self.char_bm25.parts),
                "dead": [] if self.dead is None else np.flatnonzero(self.dead).tolist(),
            }, ensure_ascii=False), encoding="utf-8")
        except BaseException:  # a full disk: no half-written folder left behind
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        old = folder.with_name(f"{folder.name}.old-{os.getpid()}-{threading.get_ident()}")
        try:
            if folder.exists():
                folder.rename(old)  # readers never see a half-written index
            tmp.rename(folder)
        except OSError:  # another process put its (equally current) index there first
            shutil.rmtree(tmp, ignore_errors=True)
        finally:
            shutil.rmtree(old, ignore_errors=True)
        self.folder = folder

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        """The saved index (its score arrays mapped from disk, its vocabulary read when first needed),
        or None when there is none, it is of another tokenizer version, or it is damaged."""
        meta_path = folder / "meta.json"
        if not meta_path.is_file():
            return None
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("tokenizer") != TOKENIZER_VERSION:
                return None
            n = len(meta["ids"])
            if not (folder / "vocab.json").is_file():
                return None
            vocab = _Vocab(path=folder / "vocab.json")
            dead = None
            if meta.get("dead"):
                dead = np.zeros(n, dtype=bool)
                dead[np.asarray(meta["dead"], dtype=np.int64)] = True
            parts = int(meta["parts"])
            char = Bm25Matrix.load(folder, "char", n, vocab, parts, meta["base"], dead)
            word = Bm25Matrix.load(folder, "word", n, vocab, parts, meta["base"], dead) if meta.get("has_word") else None
            head = Bm25Matrix.load(folder, "head", n, vocab, parts, meta["base"], dead) if meta.get("has_head") else None
            return cls(ids=meta["ids"], doc_ids=np.array(meta["doc_ids"], dtype=object),
                       kinds=np.array(meta["kinds"], dtype=object), dates=np.load(folder / "dates.npy"),
                       issuers=meta["issuers"], char_bm25=char, word_bm25=word, revision=int(meta["revision"]),
                       head_bm25=head, seqs=np.asarray(meta["seqs"], dtype=np.int64), dead=dead,
                       n_base=int(meta["n_base"]), avgdl=meta["avgdl"], base=meta["base"], folder=folder,
                       records_id=str(meta.get("records_id") or ""))
        except (OSError, ValueError, KeyError, TypeError, IndexError, json.JSONDecodeError) as exc:
            import logging

            logging.getLogger(__name__).warning("the lexical index in %s cannot be read (%s): rebuilt", folder, exc)
            return None  # damaged: rebuilt by the caller


def index_folder(store_path: Path, server_url: str | None, collection: str) -> Path:
    """Where the lexical index of a store's collection lives (beside a local store; for a Chroma
    server, under the local store path too, one folder per server)."""
    slug = re.sub(r"[^a-zA-Z0-9]+", "_", server_url or "local").strip("_")
    return Path(store_path) / "lexical" / f"{slug}__{collection}"


def _doc_fields(documents: list[dict], doc_ids: list[str]) -> tuple[np.ndarray, list[str]]:
    docs = {d["doc_id"]: d for d in documents}
    dates = np.array([int((docs.get(d, {}).get("date") or "0").replace("-", "") or 0) for d in doc_ids], dtype=np.int64)
    issuers = ["|" + "|".join(docs.get(d, {}).get("issuers") or []) + "|" for d in doc_ids]
    return dates, issuers


def _pairs(blobs: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    per_doc = np.fromiter((len(b) // 8 for b in blobs), dtype=np.int64, count=len(blobs))
    return np.frombuffer(b"".join(blobs), dtype=np.int32).reshape(-1, 2), per_doc


def build_from_counts(ids: list[str], doc_ids: list[str], kinds: list[str], counts: dict,
                      tokens: list[str], documents: list[dict], revision: int, *, with_words: bool = True,
                      with_context: bool = True, seqs: list[int] | None = None) -> LexicalIndex:
    """The index of clauses given (in index order) by their (token id, count) pairs per field (``counts``:
    field -> one bytes string per clause, see :func:`count_ids`, or a function returning them, called when
    that field is built: one field's counts held at a time) over the vocabulary ``tokens``: one part."""
    vocab = _Vocab(tokens)
    avgdl: dict[str, float] = {}

    def matrix(name: str) -> Bm25Matrix:
        blobs = counts[name]() if callable(counts[name]) else counts[name]
        part, df, avgdl[name] = tf_part_from_blobs(blobs, len(tokens))
        del blobs
        return Bm25Matrix([part], df, len(ids), vocab)

    dates, issuers = _doc_fields(documents, doc_ids)
    char = matrix("char")
    word = matrix("word") if with_words else None
    head = matrix("head") if with_context else None
    return LexicalIndex(
        ids=list(ids), doc_ids=np.array(doc_ids, dtype=object), kinds=np.array(kinds, dtype=object), dates=dates,
        issuers=issuers, char_bm25=char, word_bm25=word, revision=revision, head_bm25=head,
        seqs=np.asarray(seqs if seqs is not None else [0] * len(ids), dtype=np.int64), avgdl=avgdl,
    )


def _live_df(part: tuple[np.ndarray, np.ndarray, np.ndarray], live: np.ndarray, n_vocab: int,
             chunk: int = 1 << 20) -> np.ndarray:
    """Document frequency per token id among the live positions of a part (its postings read a chunk of
    tokens at a time: a library's part holds millions)."""
    _data, indices, indptr = part
    indptr = np.asarray(indptr)
    out = np.zeros(n_vocab, dtype=np.int64)
    n_tokens = len(indptr) - 1
    t0 = 0
    while t0 < n_tokens:
        t1 = int(np.searchsorted(indptr, indptr[t0] + chunk, side="right")) - 1
        t1 = min(n_tokens, max(t1, t0 + 1))
        lo, hi = int(indptr[t0]), int(indptr[t1])
        running = np.zeros(hi - lo + 1, dtype=np.int32)
        np.cumsum(live[np.asarray(indices[lo:hi])], out=running[1:])
        bounds = indptr[t0 : t1 + 1] - lo
        out[t0:t1] = running[bounds[1:]] - running[bounds[:-1]]
        t0 = t1
    return out


def stale_share(old: LexicalIndex, written: dict[str, int]) -> tuple[np.ndarray, list[str]]:
    """Against the record file's (clause id -> write number): which base positions of ``old`` still hold a
    current clause, and the ids of the clauses the base lacks (new or rewritten since its build)."""
    live = np.fromiter((written.get(c) == s for c, s in zip(old.ids[: old.n_base], np.asarray(old.seqs[: old.n_base]).tolist())),
                       dtype=bool, count=old.n_base)
    held = {c for c, ok in zip(old.ids[: old.n_base], live.tolist()) if ok}
    return live, [c for c in written if c not in held]


def update(old: LexicalIndex, live: np.ndarray, rows: list[tuple], tokens: list[str], documents: list[dict],
           revision: int) -> LexicalIndex:
    """``old``'s base (the clauses in ``live`` kept, the others dead) and, after it, a delta part of ``rows``
    — (id, doc_id, kind, start, seq, char, word, head) in index order: every current clause the base lacks —
    scored with the base's length normalisation; idf from the live clauses of both."""
    vocab = _Vocab(tokens)
    n_base, n_vocab = old.n_base, len(tokens)
    n = n_base + len(rows)
    dead = np.zeros(n, dtype=bool)
    dead[:n_base] = ~live
    live_all = ~dead
    fields: dict[str, Bm25Matrix | None] = {}
    for k, name in enumerate(FIELDS):
        before = getattr(old, f"{name}_bm25")
        if before is None:
            fields[name] = None
            continue
        base = before.parts[0]
        part, df, _avg = tf_part_from_blobs([r[5 + k] or b"" for r in rows], n_vocab, offset=n_base,
                                            avgdl=float((old.avgdl or {})[name]))
        fields[name] = Bm25Matrix([base, part], _live_df(base, live_all[:n_base], n_vocab) + df, n, vocab, dead)
    ids = old.ids[:n_base] + [r[0] for r in rows]
    doc_ids = list(old.doc_ids[:n_base]) + [r[1] for r in rows]
    dates, issuers = _doc_fields(documents, doc_ids)
    return LexicalIndex(
        ids=ids, doc_ids=np.array(doc_ids, dtype=object), kinds=np.array(list(old.kinds[:n_base]) + [r[2] or "" for r in rows],
                                                                            dtype=object),
        dates=dates, issuers=issuers, char_bm25=fields["char"], word_bm25=fields["word"], revision=revision,  # type: ignore[arg-type]
        head_bm25=fields["head"], seqs=np.concatenate([np.asarray(old.seqs[:n_base], dtype=np.int64),
                                                       np.asarray([r[4] or 0 for r in rows], dtype=np.int64)]),
        dead=dead, n_base=n_base, avgdl=old.avgdl, base=old.base, folder=old.folder, records_id=old.records_id,
    )


def build(records: list[dict], documents: list[dict], revision: int, *, with_words: bool = True,
          with_context: bool = True) -> LexicalIndex:
    """The index of clause records, tokenised here (the store keeps each clause's counts from its ingest
    instead: :meth:`assistant.index.records.RecordStore.lexical_index`)."""
    docs = {d["doc_id"]: d for d in documents}
    vocab: dict[str, int] = {}
    counts: dict[str, list[bytes]] = {name: [] for name in FIELDS}
    cache: dict = {}
    for r in records:
        d = docs.get(r["doc_id"], {})
        for name, toks in zip(FIELDS, clause_tokens(r, d.get("short_name", ""), d.get("title", ""), with_words=with_words,
                                                    cache=cache)):
            counts[name].append(count_ids(toks, vocab))
    return build_from_counts([r["clause_id"] for r in records], [r["doc_id"] for r in records],
                             [r.get("kind", "") for r in records], counts, list(vocab), documents, revision,
                             with_words=with_words, with_context=with_context)
