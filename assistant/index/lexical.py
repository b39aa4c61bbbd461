"""Chinese lexical ranking: BM25 (bm25s) over character 1–2-grams and over jieba words.

The index is built from the store's clause records and persisted next to the store
(``<store>/lexical/<collection>/``), stamped with the store's revision; :func:`load_or_build`
rebuilds it only when the store has changed since (never stale, never rebuilt per query).
"""

from __future__ import annotations

import gzip
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

TOKENIZER_VERSION = "2"  # 2: a context index (title + heading path) besides the clause text
RECORDS = "records.json.gz"
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


@dataclass
class LexicalIndex:
    ids: list[str]
    doc_ids: np.ndarray  # str per clause
    kinds: np.ndarray  # str per clause
    dates: np.ndarray  # int yyyymmdd (0 unknown)
    issuers: list[str]  # "|A|B|" per clause
    char_bm25: object
    word_bm25: object | None
    revision: int
    head_bm25: object | None = None

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
    def save(self, folder: Path, records: list[dict] | None = None) -> None:
        """Write the index (and, given, the clause records it was built from: a cold process then reads
        them here instead of from Chroma) atomically, stamped with its revision."""
        # a private temporary folder: several readers (processes or threads) may rebuild at once
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
        try:
            self.char_bm25.save(str(tmp / "char"), show_progress=False)
            if self.word_bm25 is not None:
                self.word_bm25.save(str(tmp / "word"), show_progress=False)
            if self.head_bm25 is not None:
                self.head_bm25.save(str(tmp / "head"), show_progress=False)
            np.save(tmp / "dates.npy", self.dates)
            (tmp / "meta.json").write_text(json.dumps({
                "revision": self.revision, "tokenizer": TOKENIZER_VERSION, "ids": self.ids,
                "doc_ids": self.doc_ids.tolist(), "kinds": self.kinds.tolist(), "issuers": self.issuers,
                "has_word": self.word_bm25 is not None, "has_head": self.head_bm25 is not None,
            }, ensure_ascii=False), encoding="utf-8")
            if records is not None:
                with gzip.open(tmp / RECORDS, "wt", encoding="utf-8", compresslevel=1) as fh:
                    json.dump({"revision": self.revision, "records": records}, fh, ensure_ascii=False)
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
        import bm25s

        meta_path = folder / "meta.json"
        if not meta_path.is_file():
            return None
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("tokenizer") != TOKENIZER_VERSION:
                return None
            char = bm25s.BM25.load(str(folder / "char"), show_progress=False)
            word = bm25s.BM25.load(str(folder / "word"), show_progress=False) if meta.get("has_word") else None
            head = bm25s.BM25.load(str(folder / "head"), show_progress=False) if meta.get("has_head") else None
            return cls(ids=meta["ids"], doc_ids=np.array(meta["doc_ids"], dtype=object),
                       kinds=np.array(meta["kinds"], dtype=object), dates=np.load(folder / "dates.npy"),
                       issuers=meta["issuers"], char_bm25=char, word_bm25=word, revision=int(meta["revision"]),
                       head_bm25=head)
        except (OSError, ValueError, KeyError, json.JSONDecodeError):
            return None  # damaged: rebuilt by the caller


def load_records(folder: Path, index: LexicalIndex) -> list[dict] | None:
    """The clause records saved with ``index``: there, of its revision, and exactly its clauses."""
    try:
        with gzip.open(folder / RECORDS, "rt", encoding="utf-8") as fh:
            saved = json.load(fh)
        records = saved["records"]
        if saved["revision"] != index.revision or [r["clause_id"] for r in records] != index.ids:
            return None
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None
    return records


def index_folder(store_path: Path, server_url: str | None, collection: str) -> Path:
    """Where the lexical index of a store's collection lives (beside a local store; for a Chroma
    server, under the local store path too, one folder per server)."""
    slug = re.sub(r"[^a-zA-Z0-9]+", "_", server_url or "local").strip("_")
    return Path(store_path) / "lexical" / f"{slug}__{collection}"


def build(records: list[dict], documents: list[dict], revision: int, *, with_words: bool = True,
          with_context: bool = True) -> LexicalIndex:
    import bm25s

    docs = {d["doc_id"]: d for d in documents}
    texts = [index_text(r, docs.get(r["doc_id"], {}).get("short_name", "")) for r in records]
    char = bm25s.BM25()
    char.index([char_tokens(t, normalized=True) for t in texts], show_progress=False)
    word = None
    if with_words:
        word = bm25s.BM25()
        word.index([word_tokens(t, normalized=True) for t in texts], show_progress=False)
    head = None
    if with_context:
        head = bm25s.BM25()
        head.index([char_tokens(context_text(r, docs.get(r["doc_id"], {}).get("title", "")), normalized=True) for r in records],
                   show_progress=False)
    dates = np.array([int((docs.get(r["doc_id"], {}).get("date") or "0").replace("-", "") or 0) for r in records], dtype=np.int64)
    issuers = ["|" + "|".join(docs.get(r["doc_id"], {}).get("issuers") or []) + "|" for r in records]
    return LexicalIndex(
        ids=[r["clause_id"] for r in records], doc_ids=np.array([r["doc_id"] for r in records], dtype=object),
        kinds=np.array([r.get("kind", "") for r in records], dtype=object), dates=dates, issuers=issuers,
        char_bm25=char, word_bm25=word, revision=revision, head_bm25=head,
    )
