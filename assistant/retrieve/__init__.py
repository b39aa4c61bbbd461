"""Query understanding, follow-ups and hybrid retrieval over the store."""
