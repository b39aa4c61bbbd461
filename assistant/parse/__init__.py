"""Files → documents → clause records (loaders, parser, body structure, corpus)."""
