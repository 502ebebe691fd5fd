"""An eval case as data: the turns of a conversation and what each answer must (and must not) hold."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tools.errors import ConfigError

__all__ = ["Case", "Expect", "Number", "Turn", "load_cases"]

CASES_DIR = Path(__file__).parent / "cases"
Forbidden = Literal["calculator", "any_tool", "number", "error", "unverified"]


class Number(BaseModel):
    """A figure the answer text must show, within a tolerance."""

    model_config = ConfigDict(extra="forbid")

    value: float
    rel: float = Field(0.005, ge=0, description="Relative tolerance (default 0.5%).")
    abs: float | None = Field(None, ge=0, description="Absolute tolerance, instead of `rel`.")
    percent: bool = Field(False, description="A percentage: 70 and 0.70 are the same figure.")
    in_results: bool = Field(False, description="Also accept the figure inside the tool results (by default "
                                                "it must be written in the answer text).")
    label: str = ""


class Expect(BaseModel):
    """What one answer must hold."""

    model_config = ConfigDict(extra="forbid")

    numbers: list[Number] = Field(default_factory=list)
    tools: list[str] | None = Field(None, description="Tools that must be called (a set, or in order).")
    tools_in_order: bool = False
    only_tools: bool = Field(False, description="No tool outside `tools` may be called.")
    args: dict[str, dict[str, Any]] = Field(default_factory=dict, description="tool -> argument -> value.")
    sources: list[str] = Field(default_factory=list, description="Cited sources must include these (suffixes).")
    text: list[str] = Field(default_factory=list, description="Phrases the answer must contain (case-insensitive).")
    forbid: list[Forbidden] = Field(default_factory=list)
    forbid_numbers: list[float] = Field(default_factory=list, description="Figures the answer must not show (a "
                                        "guess on a missing input, a sign slip), within 0.5%.")
    verified: bool | None = True
    error: bool | None = Field(None, description="True: the answer must report an error; False: must not.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict) and "numbers" in data:  # `numbers: [15750, {value: 0.6, percent: true}]`
            data = {**data, "numbers": [n if isinstance(n, dict) else {"value": n} for n in data["numbers"]]}
        return data


class Turn(BaseModel):
    """A question and its expectations."""

    model_config = ConfigDict(extra="forbid")

    ask: str
    expect: Expect = Field(default_factory=Expect)


class Case(BaseModel):
    """One eval case: a conversation of one or more turns."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    category: str
    turns: list[Turn] = Field(min_length=1)
    derivation: str = Field(min_length=3, description="How the expected figures were worked out, by hand.")
    file: str = ""


def load_cases(pattern: str | None = None) -> list[Case]:
    """Cases from the YAML files matching `pattern` (default: every file in evals/cases)."""
    paths = sorted(Path(p) for p in glob.glob(pattern)) if pattern else sorted(CASES_DIR.glob("*.yaml"))
    if not paths:
        raise ConfigError(f"no eval case files match {pattern or CASES_DIR}.",
                          hint="Pass --cases with a glob such as 'evals/cases/*.yaml'.")
    cases: list[Case] = []
    for path in paths:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            cases += [Case.model_validate({**item, "file": path.name}) for item in raw]
        except (yaml.YAMLError, ValidationError, TypeError) as exc:
            raise ConfigError(f"invalid eval case file {path}: {str(exc).splitlines()[0]}",
                              hint="Each file is a YAML list of cases: id, category, turns, derivation.") from None
    ids = [c.id for c in cases]
    if dupes := sorted({i for i in ids if ids.count(i) > 1}):
        raise ConfigError(f"duplicate eval case ids: {', '.join(dupes)}.", hint="Give every case its own id.")
    return cases
