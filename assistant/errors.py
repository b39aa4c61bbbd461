"""One base exception; the CLI turns any of them into a one-line message and exit code 1.

Set ``LVJU_DEBUG=1`` to get the traceback instead.
"""


class AssistantError(Exception):
    """Base class of every error the assistant reports to a user."""


class ConfigError(AssistantError):
    """A setting is missing or inconsistent."""


class InputError(AssistantError):
    """A file or question the user gave cannot be used (names the file and the problem)."""


class StoreError(AssistantError):
    """The clause store is missing, unreachable or was built with another identity."""


class EmbeddingError(AssistantError):
    """The embedder failed (endpoint unreachable, bad response)."""


class StoreBusy(StoreError):
    """Another process holds the store's write lock longer than the configured wait."""


class ModelError(AssistantError):
    """The chat model could not give an answer: unreachable, an error status, too slow for the
    answer's time limit, or a stream cut before its end."""


class ModelOutputError(ModelError):
    """The model answered, but its output cannot be used (no valid citation key, nothing at all)."""
