"""The one error hierarchy of Marginal: every message says what is wrong and how to fix it.

Input the user (or a model) can fix raises `InputError` or a subclass; the agent turns it into
an error result it can act on, the CLI and app into a readable message. A bug in our code raises
anything else and is never shown to a user as a traceback.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EmbeddingMismatchError",
    "IngestError",
    "InputError",
    "KnowledgeError",
    "LLMUnavailableError",
    "MarginalError",
    "SessionStoreError",
    "UnknownModelError",
]


class MarginalError(Exception):
    """Base class of every error Marginal reports to a user."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}".strip())


class InputError(MarginalError, ValueError):
    """A value the user or model supplied is invalid; the message names field, value and fix."""

    def __init__(self, message: str, *, field: str = "", value: object = None, hint: str = ""):
        self.field = field
        self.value = value
        super().__init__(message, hint=hint)


class UnknownModelError(InputError):
    """A model or GPU name that is not in the price catalog."""

    def __init__(self, name: str, suggestions: list[str], *, kind: str = "model") -> None:
        self.suggestions = suggestions
        near = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        hint = (
            f"Give a catalog name, or the price itself (e.g. '$0.15 per 1M input tokens'), "
            f"or add it to your prices file (MARGINAL_PRICES_FILE).{near}"
        )
        super().__init__(f"unknown {kind} '{name}'.", field=kind, value=name, hint=hint)


class ConfigError(MarginalError):
    """A setting (environment variable or .env) is invalid."""


class KnowledgeError(MarginalError):
    """The knowledge store could not answer."""


class EmbeddingMismatchError(KnowledgeError):
    """A store built with one embedding was opened with another."""


class IngestError(KnowledgeError):
    """A document could not be ingested (unsupported, corrupt or too large)."""


class LLMUnavailableError(MarginalError):
    """The configured LLM could not be reached after retries."""


class SessionStoreError(MarginalError):
    """The conversation store (SQLite file or PostgreSQL server) could not be read or written."""
