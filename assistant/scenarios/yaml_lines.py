"""YAML read with the line of every key, so an error can point at the line a user wrote."""

from __future__ import annotations

from typing import Any

import yaml

from assistant.scenarios.errors import Problem, ScenarioError

__all__ = ["Lines", "read_yaml"]

Lines = dict[tuple[str | int, ...], int]
"""Line (1-based) of each path: ('scenarios', 'base', 'usage', 'users') -> 7."""


def read_yaml(text: str, source: str) -> tuple[Any, Lines]:
    """The document's data and the line of every mapping key and list item; YAML errors and duplicate keys raise."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: Lines = {}
        if node is not None:
            _walk(node, (), lines, source)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        where = f" (column {mark.column + 1})" if mark is not None else ""
        raise ScenarioError([Problem(f"not valid YAML: {problem}{where}.",
                                     line=mark.line + 1 if mark is not None else None)], source) from None
    finally:
        loader.dispose()
    return data, lines


def _walk(node: yaml.Node, path: tuple[str | int, ...], lines: Lines, source: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            line = key.start_mark.line + 1
            if name in seen and name != "<<":
                raise ScenarioError([Problem(f"{name!r} is given twice (first on line {seen[name]}); keep one.",
                                             line=line, field=".".join(map(str, (*path, name))))], source)
            seen[name] = line
            lines[(*path, name)] = line
            _walk(value, (*path, name), lines, source)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*path, i)] = item.start_mark.line + 1
            _walk(item, (*path, i), lines, source)
