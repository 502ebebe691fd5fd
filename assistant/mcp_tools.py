"""The tool registry as plain typed functions, for Gradio's API and MCP server, plus `ask`.

Gradio derives an MCP tool's name from a function's `__name__` and its schema from the signature
and the docstring's `Args:`, so each calculator gets a function whose parameters are its input
model's fields, and `ask` (the whole assistant) one with a question and a session id. The same
registry feeds the agent (`assistant/toolkit.py`): there is no second list of tools.
"""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from assistant.agent import Assistant
from tools import TOOLS, ToolSpec
from tools.catalog import Catalog
from tools.errors import MarginalError

__all__ = ["ask_function", "mcp_functions"]

API_SESSION_PREFIX = "api-"  # API and MCP conversations never continue a browser's


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    args = typing.get_args(annotation)
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in args for m in _models_in(a)]


def _plain(annotation: Any) -> Any:
    """The annotation Gradio can turn into JSON schema: nested models become JSON objects."""
    if not _models_in(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, tuple) or any(typing.get_origin(a) is list for a in typing.get_args(annotation)):
        return list[dict[str, Any]] | None
    return dict[str, Any] | None


def _describe(name: str, field: Any) -> str:
    text = " ".join((field.description or name.replace("_", " ")).split())
    for model in _models_in(field.annotation):
        text += f" Each item: {{{', '.join(model.model_fields)}}}."
    return f"    {name}: {text}"


def _default(field: Any) -> Any:
    if field.is_required():
        return inspect.Parameter.empty
    value = None if field.default is PydanticUndefined else field.default
    return value.value if isinstance(value, Enum) else value


def _function(spec: ToolSpec, catalog: Catalog) -> Callable[..., str]:
    fields = spec.input_model.model_fields
    params = [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=_default(f),
                                annotation=_plain(f.annotation))
              for name, f in fields.items()]
    params.sort(key=lambda p: p.default is not inspect.Parameter.empty)  # required first

    def run(*args: Any, **kwargs: Any) -> str:
        bound = dict(zip([p.name for p in params], args, strict=False)) | kwargs
        given = {k: v for k, v in bound.items() if v is not None and v != ""}
        try:
            return spec.run(given, catalog).model_dump_json()
        except MarginalError as exc:
            return json.dumps({"error": str(exc)})

    head = spec.description.split("\nArgs:")[0].strip()
    run.__name__ = spec.name
    run.__qualname__ = spec.name
    run.__doc__ = head + "\n\nArgs:\n" + "\n".join(_describe(n, f) for n, f in fields.items())
    run.__signature__ = inspect.Signature(params, return_annotation=str)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params} | {"return": str}
    return run


def mcp_functions(catalog: Catalog) -> list[Callable[..., str]]:
    """One typed function per calculator in the registry, returning the result (or error) as JSON text."""
    return [_function(spec, catalog) for spec in TOOLS]


def ask_function(assistant: Assistant) -> Callable[[str, str], str]:
    """`ask(question, session_id)` for the API and MCP: the assistant's answer as JSON text."""

    def ask(question: str, session_id: str = "") -> str:
        """Ask Marginal about the economics of an AI product: cost, margin, break-even, pricing, self-hosting.

        Every number in the answer comes from a calculator run for it (shown with its inputs, formula,
        assumptions and price sources) or from a cited passage of the knowledge base.

        Args:
            question: The question in plain words, e.g. "What does 100k users at 20 queries a day cost on
                gpt-4o-mini?" or "We pay 40% of revenue to OpenAI: what is our gross margin?".
            session_id: Any name for a conversation. Ask again with the same one for follow-ups ("and with
                30,000 users?"); leave it empty for a one-off question.

        Returns:
            JSON: answer (markdown), tool_calls (each calculator's name, args, result or error), citations,
            verified, unverified_numbers, model, usage and error.
        """
        session = f"{API_SESSION_PREFIX}{session_id.strip()}" if session_id and session_id.strip() else None
        return assistant.ask(str(question or ""), session_id=session).model_dump_json()

    return ask
