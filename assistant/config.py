"""The one typed settings object. Only this module reads the environment.

Every field can be set with an environment variable ``LVJU_<FIELD>`` (upper case),
or from a ``.env`` file in the working directory.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


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

    # --- Chroma client/server
    chroma_server_url: str | None = Field(
        default=None,
        description="If set (e.g. http://127.0.0.1:8000), use chromadb.HttpClient against that server instead of the local folder.",
    )

    # --- embedder seam
    embedder: Literal["hashing", "openai"] = Field(
        default="hashing",
        description="`hashing`: offline character n-gram embedder (no download). `openai`: any OpenAI-compatible /embeddings endpoint.",
    )
    embedding_dim: int = Field(default=512, ge=32, le=8192, description="Dimension of the offline hashing embedder.")
    embedding_base_url: str | None = Field(default=None, description="Base URL of the embeddings endpoint (vLLM, Ollama, Xinference…).")
    embedding_api_key: SecretStr | None = Field(default=None, description="API key for the embeddings endpoint.")
    embedding_model: str = Field(default="text-embedding-3-small", description="Embedding model name at that endpoint.")
    embedding_batch_size: int = Field(default=64, ge=1, le=2048, description="Texts per embeddings request.")
    embedding_timeout_s: float = Field(default=60.0, gt=0, description="Timeout of one embeddings request.")

    # --- parsing
    chunk_max_tokens: int = Field(
        default=400, ge=50, le=8000,
        description="Token budget (tiktoken) of a fallback paragraph clause in documents without recognised structure.",
    )
    tiktoken_encoding: str = Field(default="o200k_base", description="Encoding used to count tokens (vendored: o200k_base, cl100k_base).")

    # --- diagnostics
    debug: bool = Field(default=False, description="Show tracebacks instead of one-line errors in the CLI.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
