"""The tool registry as plain typed functions, for Gradio's API and MCP server.

Gradio derives an MCP tool's schema from a function's signature and its docstring's `Args:`, so
each calculator gets a function whose parameters are its input model's fields. The same registry
feeds the agent (`assistant/toolkit.py`): there is no second list of tools.
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

from tools import TOOLS, ToolSpec
from tools.catalog import Catalog
from tools.errors import MarginalError

__all__ = ["mcp_functions"]


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
