"""Token counting with the vendored tiktoken encodings (works offline)."""

from __future__ import annotations

from functools import lru_cache

import tiktoken

from assistant import offline  # noqa: F401


@lru_cache(maxsize=4)
def encoding(name: str = "o200k_base") -> tiktoken.Encoding:
    return tiktoken.get_encoding(name)


def count_tokens(text: str, name: str = "o200k_base") -> int:
    return len(encoding(name).encode(text, disallowed_special=()))
