"""What goes wrong with a scenario file, said with the file, line and field, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from tools.errors import InputError

__all__ = ["Problem", "ScenarioError"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is, and what to do about it."""

    message: str
    line: int | None = None
    field: str = ""
    scenario: str = ""

    def text(self, source: str) -> str:
        """`file:line: scenario 'x', field: message`, leaving out what is not known."""
        where = ":".join(p for p in (source, str(self.line) if self.line else "") if p)
        subject = ", ".join(p for p in (f"scenario {self.scenario!r}" if self.scenario else "", self.field) if p)
        body = f"{subject}: {self.message}" if subject else self.message
        return f"{where}: {body}" if where else body


class ScenarioError(InputError):
    """A scenario file that cannot be read, or a scenario that cannot be run; lists every problem found."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        first = problems[0]
        super().__init__("\n".join(p.text(source) for p in problems), field=first.field)
