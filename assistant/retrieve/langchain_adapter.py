"""LangChain adapter of the clause retriever (imported only by code that uses LangChain)."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.retrieve.retrieval import ClauseRetriever, Filters


class HybridRetriever(BaseRetriever):
    """LangChain adapter: each Document's page_content is the clause text, metadata the record."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    engine: ClauseRetriever
    k: int = 10
    filters: Filters | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.engine.search(query, k=self.k, filters=self.filters)
        return [
            Document(page_content=h.clause["text"], metadata={**h.clause, "rank": h.rank, "score": h.score},
                     id=h.clause["clause_id"])
            for h in result.hits
        ]
