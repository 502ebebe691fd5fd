"""Imports run one way: tools <- knowledge <- assistant <- evals, with no cycle between packages, none inside
assistant/scenarios or assistant/memo, and `marginal eval` registered by evals through an entry point rather than
imported."""

import ast
from pathlib import Path

import pytest

from assistant.cli import COMMANDS_GROUP, build_parser, plugin_commands

ROOT = Path(__file__).parent.parent
PACKAGES = ("tools", "knowledge", "assistant", "evals")
ALLOWED = {"tools": set(), "knowledge": {"tools"}, "assistant": {"tools", "knowledge"},
           "evals": {"tools", "knowledge", "assistant"}}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module this file imports, at module level or inside a function (both are arrows)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


GRAPH = {_module(p): _imports(p) for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of `graph` as a path, or None."""
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_packages_import_one_way() -> None:
    edges: dict[str, set[str]] = {pkg: set() for pkg in PACKAGES}
    for module, imported in GRAPH.items():
        top = module.split(".")[0]
        edges[top] |= {name.split(".")[0] for name in imported} & set(PACKAGES) - {top}
    assert edges == {pkg: edges[pkg] & ALLOWED[pkg] for pkg in PACKAGES}, edges
    assert _cycle(edges) is None
    assert "evals" not in edges["assistant"]


def test_no_import_cycle_inside_the_scenarios_package() -> None:
    inside = {m: {i for i in imported if i in GRAPH and i.startswith("assistant.scenarios.")}
              for m, imported in GRAPH.items() if m.startswith("assistant.scenarios.")}
    assert len(inside) >= 15
    assert _cycle(inside) is None


def test_no_import_cycle_inside_the_memo_package() -> None:
    memo = {m for m in GRAPH if m == "assistant.memo" or m.startswith("assistant.memo.")}
    inside = {m: {i for i in GRAPH[m] if i in memo} for m in memo}
    assert len(inside) >= 15
    assert _cycle(inside) is None, _cycle(inside)
    assert not any(i.startswith("assistant.memo") for m, imported in GRAPH.items()  # the scenarios know no memo
                   if m.startswith("assistant.scenarios") for i in imported)


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_eval_is_an_entry_point_of_evals() -> None:
    assert plugin_commands()["eval"] == "evals.cli:register"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'[project.entry-points."{COMMANDS_GROUP}"]\neval = "evals.cli:register"' in pyproject
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["eval", "--help"])
    assert done.value.code == 0
