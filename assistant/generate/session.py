"""Open the assistant from settings: the store, the retriever over it and the chat model (if any).
The one place that wires the stages together for the CLI, the app and the evaluation harness."""

from __future__ import annotations

from assistant.config import Settings
from assistant.generate.answering import Assistant
from assistant.index.ingest import open_store
from assistant.retrieve.retrieval import ClauseRetriever


def open_assistant(settings: Settings, *, chat=None, store=None) -> Assistant:
    """``chat``: None = the model the settings name (or none), True = the model the settings name (a ConfigError
    when none is configured), False = offline whatever the settings say, or a chat model object. ``store``: an open :class:`~assistant.index.store.ClauseStore` to use."""
    store = store if store is not None else open_store(settings)
    return Assistant(settings, retriever=ClauseRetriever(store, settings), chat=chat)
