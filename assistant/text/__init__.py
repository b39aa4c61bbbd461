"""Text features shared by every stage: normalisation, numerals, tokens, labels, inert Markdown."""
