"""Citation keys and the mechanical citation checker."""
