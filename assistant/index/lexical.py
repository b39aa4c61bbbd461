"""Chinese lexical ranking: BM25 over character 1–2-grams, over jieba words and over each clause's context.

Tokens are computed once per clause, at ingest (:func:`clause_tokens`), and kept with the clause's
record in the store's record file (:mod:`assistant.index.records`) as (token id, count) pairs. The
index is a BM25 score matrix per field, rebuilt from those counts in seconds whenever the store's
revision changes (an added or removed document never re-tokenises the library), and persisted next to
the store (``<store>/lexical/<collection>/``) as arrays a cold process maps from disk, stamped with
the store's revision (never stale, never rebuilt per query).

The scores are exactly bm25s's (``method="lucene"``, k1 = 1.5, b = 0.75, float32): the same
formula, computed on the same numbers in the same order (``tests/test_retrieval.py`` compares them).
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

TOKENIZER_VERSION = "3"  # 2: a context index (title + heading path) besides the clause text; 3: score matrices from stored counts
FIELDS = ("char", "word", "head")
K1, B = 1.5, 0.75  # bm25s's defaults (lucene variant), which the index used before
_RUN = re.compile(r"[0-9a-z\u3400-\u9fff]+")
# Words that carry no topic in a question (asking, hedging, request boilerplate).
# (A drafting request's frame — verb, genre, citation instructions — is removed before, by
# ``retrieve.intent.search_text``.)
QUERY_STOPWORDS = (
    "什么", "哪些", "哪个", "如何", "怎么", "怎样", "是否", "请问", "根据", "哪里", "分别", "有哪", "多少",
    "请", "吗", "呢", "谁",
)
_TERMS = Path(str(resources.files("assistant") / "data" / "legal_terms.txt"))
_jieba_lock = threading.Lock()
_jieba_ready = False


def _jieba():
    global _jieba_ready
    import jieba

    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(60)
            jieba.initialize()
            jieba.load_userdict(str(_TERMS))
            _jieba_ready = True
    return jieba


def clean_query(text: str) -> str:
    """Normalise a question and blank out words that carry no topic."""
    q = normalize(text).lower()
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
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def word_tokens(text: str, *, normalized: bool = False) -> list[str]:
    """jieba search-mode words (with the legal-term dictionary)."""
    t = text if normalized else normalize(text).lower()
    return [w for w in _jieba().lcut_for_search(t) if _RUN.fullmatch(w)]


def index_text(record: dict, short_name: str) -> str:
    """What the lexical index sees: document short name, nearest heading, clause text."""
    head = record["heading_path"][-1] if record.get("heading_path") else ""
    return normalize(f"{short_name} {head} {record['text_normalized']}").lower()


def context_text(record: dict, title: str) -> str:
    """A clause's context: its document's title and every heading above it (编/章/节 names)."""
    return normalize(" ".join([title, *(record.get("heading_path") or [])])).lower()


def clause_tokens(record: dict, short_name: str, title: str, *, with_words: bool = True,
                  cache: dict | None = None) -> tuple[list[str], list[str], list[str]]:
    """A clause's tokens for each field: character tokens and jieba words of its index text, character
    tokens of its context (``cache``: context tokens by context, shared by the clauses of a heading)."""
    text = index_text(record, short_name)
    ctx = context_text(record, title)
    head = cache.get(ctx) if cache is not None else None
    if head is None:
        head = char_tokens(ctx, normalized=True)
        if cache is not None:
            cache[ctx] = head
    return char_tokens(text, normalized=True), (word_tokens(text, normalized=True) if with_words else []), head


def count_ids(tokens: list[str], vocab: dict[str, int]) -> bytes:
    """(token id, count) pairs of one clause's tokens, as int32 bytes; new tokens get the next ids."""
    from collections import Counter

    counts = Counter(tokens)
    out = np.empty((len(counts), 2), dtype=np.int32)
    for k, (tok, n) in enumerate(counts.items()):
        tid = vocab.get(tok)
        if tid is None:
            tid = vocab[tok] = len(vocab)
        out[k, 0], out[k, 1] = tid, n
    return out.tobytes()


class Bm25Matrix:
    """One field's BM25 scores, token-major (what bm25s keeps: data, indices, indptr), over a vocabulary
    shared by the fields; answers ``get_scores`` exactly as ``bm25s.BM25.get_scores`` does."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, num_docs: int, vocab: _Vocab) -> None:
        self.data, self.indices, self.indptr, self.num_docs = data, indices, indptr, num_docs
        self._vocab = vocab
        self._dict: dict[str, int] | None = None

    @property
    def vocab_dict(self) -> dict[str, int]:
        """The tokens some clause of this field has (id per token)."""
        if self._dict is None:
            present = np.flatnonzero(np.diff(self.indptr) > 0)
            tokens = self._vocab.tokens
            self._dict = {tokens[i]: int(i) for i in present.tolist()}
        return self._dict

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        vocab = self.vocab_dict
        scores = np.zeros(self.num_docs, dtype=np.float32)
        for tok in tokens:  # in query order, repeats counted, as bm25s adds them
            tid = vocab.get(tok)
            if tid is None:
                continue
            start, end = int(self.indptr[tid]), int(self.indptr[tid + 1])
            np.add.at(scores, np.asarray(self.indices[start:end]), np.asarray(self.data[start:end]))
        return scores

    @classmethod
    def from_counts(cls, pairs: np.ndarray, per_doc: np.ndarray, vocab: _Vocab) -> Bm25Matrix:
        """The matrix of ``len(per_doc)`` clauses from their (token id, count) ``pairs``, clause after
        clause (``per_doc[i]`` pairs for clause i). Same numbers as bm25s: lucene idf
        log(1 + (N − df + .5)/(df + .5)) in float64 rounded to float32, tf/(k1·(1 − b + b·dl/avgdl) + tf)
        in float64, their product rounded to float32."""
        import math

        n_docs = len(per_doc)
        n_vocab = len(vocab.tokens)
        ids = pairs[:, 0] if len(pairs) else np.zeros(0, dtype=np.int32)
        tf = pairs[:, 1].astype(np.float64) if len(pairs) else np.zeros(0)
        doc = np.repeat(np.arange(n_docs, dtype=np.int32), per_doc)
        doc_len = np.bincount(doc, weights=tf, minlength=n_docs).astype(np.int64) if n_docs else np.zeros(0, np.int64)
        avg = doc_len.mean() if n_docs else 1.0
        df = np.bincount(ids, minlength=n_vocab)
        idf = np.zeros(n_vocab, dtype=np.float32)
        present = np.flatnonzero(df)
        values, which = np.unique(df[present], return_inverse=True)
        logs = np.array([math.log(1 + (n_docs - v + 0.5) / (v + 0.5)) for v in values.tolist()])  # as bm25s: math.log
        idf[present] = logs[which].astype(np.float32)
        norm = K1 * ((1 - B) + B * doc_len / avg)
        scores = (idf[ids].astype(np.float64) * (tf / (norm[doc] + tf))).astype(np.float32)
        order = np.argsort(ids, kind="stable")
        indptr = np.zeros(n_vocab + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        return cls(scores[order], doc[order], indptr, n_docs, vocab)

    def save(self, folder: Path, name: str) -> None:
        for part in ("data", "indices", "indptr"):
            np.save(folder / f"{name}.{part}.npy", getattr(self, part))

    @classmethod
    def load(cls, folder: Path, name: str, num_docs: int, vocab: _Vocab) -> Bm25Matrix:
        parts = [np.load(folder / f"{name}.{part}.npy", mmap_mode="r") for part in ("data", "indices", "indptr")]
        return cls(*parts, num_docs, vocab)


class _Vocab:
    """Token strings by id (shared by a build's fields), read from disk when first needed."""

    def __init__(self, tokens: list[str] | None = None, path: Path | None = None) -> None:
        self._tokens, self.path = tokens, path

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = json.loads(self.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
        return self._tokens


@dataclass
class LexicalIndex:
    ids: list[str]
    doc_ids: np.ndarray  # str per clause
    kinds: np.ndarray  # str per clause
    dates: np.ndarray  # int yyyymmdd (0 unknown)
    issuers: list[str]  # "|A|B|" per clause
    char_bm25: Bm25Matrix
    word_bm25: Bm25Matrix | None
    revision: int
    head_bm25: Bm25Matrix | None = None

    @property
    def size(self) -> int:
        return len(self.ids)

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
        """Write the index atomically (a private temporary folder renamed into place), stamped with its revision."""
        # a private temporary folder: several readers (processes or threads) may rebuild at once
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
        try:
            for name in FIELDS:
                matrix = getattr(self, f"{name}_bm25")
                if matrix is not None:
                    matrix.save(tmp, name)
            (tmp / "vocab.json").write_text(json.dumps(self.char_bm25._vocab.tokens, ensure_ascii=False), encoding="utf-8")
            np.save(tmp / "dates.npy", self.dates)
            (tmp / "meta.json").write_text(json.dumps({
                "revision": self.revision, "tokenizer": TOKENIZER_VERSION, "ids": self.ids,
                "doc_ids": self.doc_ids.tolist(), "kinds": self.kinds.tolist(), "issuers": self.issuers,
                "has_word": self.word_bm25 is not None, "has_head": self.head_bm25 is not None,
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
            vocab = _Vocab(path=folder / "vocab.json")
            if not vocab.path.is_file():
                return None
            char = Bm25Matrix.load(folder, "char", n, vocab)
            word = Bm25Matrix.load(folder, "word", n, vocab) if meta.get("has_word") else None
            head = Bm25Matrix.load(folder, "head", n, vocab) if meta.get("has_head") else None
            return cls(ids=meta["ids"], doc_ids=np.array(meta["doc_ids"], dtype=object),
                       kinds=np.array(meta["kinds"], dtype=object), dates=np.load(folder / "dates.npy"),
                       issuers=meta["issuers"], char_bm25=char, word_bm25=word, revision=int(meta["revision"]),
                       head_bm25=head)
        except (OSError, ValueError, KeyError, json.JSONDecodeError):
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


def build_from_counts(ids: list[str], doc_ids: list[str], kinds: list[str], counts: dict[str, list[bytes]],
                      tokens: list[str], documents: list[dict], revision: int, *, with_words: bool = True,
                      with_context: bool = True) -> LexicalIndex:
    """The index of clauses given (in index order) by their (token id, count) pairs per field (``counts``:
    field -> one bytes string per clause, see :func:`count_ids`) over the vocabulary ``tokens``."""
    vocab = _Vocab(tokens)

    def matrix(name: str) -> Bm25Matrix:
        blobs = counts[name]
        per_doc = np.fromiter((len(b) // 8 for b in blobs), dtype=np.int64, count=len(blobs))
        pairs = np.frombuffer(b"".join(blobs), dtype=np.int32).reshape(-1, 2)
        return Bm25Matrix.from_counts(pairs, per_doc, vocab)

    dates, issuers = _doc_fields(documents, doc_ids)
    return LexicalIndex(
        ids=list(ids), doc_ids=np.array(doc_ids, dtype=object), kinds=np.array(kinds, dtype=object), dates=dates,
        issuers=issuers, char_bm25=matrix("char"), word_bm25=matrix("word") if with_words else None,
        revision=revision, head_bm25=matrix("head") if with_context else None,
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
