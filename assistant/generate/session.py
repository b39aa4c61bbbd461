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


def conversation_history(turns: list[tuple[str, dict]]) -> tuple[list[str], list[list[str]]]:
    """The history a follow-up is read against, from the questions answered so far, each with its answer's JSON (a
    refusal too; a question that failed — ``{"error": …}`` — is left out): the questions as they were searched (the
    resolved question where one was resolved), and for each, the clauses its answer cited by their labels (《诽谤解释》第七条)
    — the statements' own order first, a 相关规定见… list's last: 本解释第七条呢？ then knows which document is at hand,
    第二款呢？ which article. Pure; the app and ``assistant chat`` alike."""
    questions: list[str] = []
    documents: list[list[str]] = []
    for question, result in turns:
        if result.get("error"):
            continue
        questions.append(result.get("resolved_question") or question)
        labels: list[str] = []
        clauses = result.get("clauses", {})
        statements = result.get("statements", []) if not result.get("refused") else []
        for st in sorted(statements, key=lambda x: x.get("text", "").startswith("相关规定见")):
            for c in st.get("citations", []):
                label = (clauses.get(c) or {}).get("label", "")
                if label.startswith("《") and label not in labels:
                    labels.append(label)
        documents.append(labels)
    return questions, documents
