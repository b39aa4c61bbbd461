"""Make the package work on an isolated network, before any library is used.

* tiktoken normally downloads its BPE files; we vendor them (``assistant/data/tiktoken``,
  named by the sha1 of their download URL, which is what tiktoken's cache expects) and
  point ``TIKTOKEN_CACHE_DIR`` at them.  tiktoken checks each file's sha256 when it
  reads the cache; :func:`verify_vendored_encodings` checks them again for our tests.
* Library telemetry (Chroma, LangChain tracing, Hugging Face) is switched off.
"""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path

TIKTOKEN_DIR = Path(str(resources.files("assistant") / "data" / "tiktoken"))

# encoding name -> (cache file name = sha1 of download URL, sha256 of contents)
VENDORED_ENCODINGS: dict[str, tuple[str, str]] = {
    "cl100k_base": (
        "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "fb374d419588a4632f3f557e76b4b70aebbca790",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}

_TELEMETRY_OFF = {
    "ANONYMIZED_TELEMETRY": "False",  # chromadb
    "CHROMA_TELEMETRY": "False",
    "LANGCHAIN_TRACING_V2": "false",
    "LANGSMITH_TRACING": "false",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
}


def verify_vendored_encodings() -> dict[str, str]:
    """Return {encoding: sha256} after checking every vendored file; raise if one is wrong."""
    seen = {}
    for name, (fname, expected) in VENDORED_ENCODINGS.items():
        path = TIKTOKEN_DIR / fname
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != expected:
            raise RuntimeError(f"vendored tiktoken file for {name} is corrupt: {path} sha256 {digest}")
        seen[name] = digest
    return seen


def configure() -> None:
    # A user who set their own cache keeps it, unless it lacks our files.
    cache = os.environ.get("TIKTOKEN_CACHE_DIR")
    if not cache or not all((Path(cache) / f).is_file() for f, _ in VENDORED_ENCODINGS.values()):
        os.environ["TIKTOKEN_CACHE_DIR"] = str(TIKTOKEN_DIR)
    for key, value in _TELEMETRY_OFF.items():
        os.environ.setdefault(key, value)


configure()
