"""律据助手 — answers and 工作方案 outlines from the clauses of official policy documents,
with a mechanically verified clause citation on every sentence."""

from assistant import offline as _offline  # noqa: F401  (must run before tiktoken/chromadb are used)

__version__ = "0.1.0"
