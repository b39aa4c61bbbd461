"""The clause store: embedder seam, Chroma store, lexical index, the store lock, ingest."""
