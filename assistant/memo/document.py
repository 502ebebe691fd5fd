"""The memo as data: sections (paragraphs, bullets, a table, charts), its audit trail and its verification."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from assistant.answer import Citation, ToolCall
from assistant.charts import Chart
from assistant.memo.brief import MemoBrief
from assistant.scenarios.dump import dump_scenarios
from assistant.scenarios.model import Scenario

__all__ = ["CORE_INPUTS", "Memo", "Section", "Table", "not_understood_sentence", "section"]

CORE_INPUTS = ("fee", "users", "queries per user", "tokens per query", "model", "price per 1m", "free queries",
               "free users", "overage per 1k", "fixed cost month", "target margin")


class Table(BaseModel):
    """A table: header and rows of display strings."""

    header: list[str]
    rows: list[list[str]]


class Section(BaseModel):
    """One section of the memo."""

    title: str
    paragraphs: list[str] = Field(default_factory=list)
    bullets: list[str] = Field(default_factory=list)
    table: Table | None = None
    charts: list[Chart] = Field(default_factory=list)


def section(title: str, paragraphs: list[str] | None = None, table: tuple[list[str], list[list[str]]] | None = None,
            charts: list[Chart] | None = None) -> Section:
    """A memo section (table given as header and rows)."""
    return Section(title=title, paragraphs=paragraphs or [], charts=charts or [],
                   table=None if table is None else Table(header=table[0], rows=table[1]))


def not_understood_sentence(items: list[str], bold: bool = False) -> str:
    """The figures of a brief (or parts of a scenario) a memo does not use, and how to have them used."""
    head = "Not understood, so not used in this memo:"
    return (f"{f'**{head}**' if bold else head} {', '.join(items)}. Say in the brief what each one measures and the "
            "memo is redrafted with it.")


class Memo(BaseModel):
    """The memo, the scenario it rendered, its audit trail and its verification."""

    title: str
    date: str
    sections: list[Section]
    brief: MemoBrief
    scenario: Scenario = Field(description="The scenario the memo rendered, with the usage spread its simulation "
                                           "drew: save it (`scenario_yaml`) to edit the memo and redraft it.")
    tool_calls: list[ToolCall]
    citations: list[Citation]
    figures: dict[str, Any] = Field(default_factory=dict, description="Key figures, copied from tool results.")
    verified: bool = True
    unverified_numbers: list[str] = Field(default_factory=list)

    @property
    def not_understood(self) -> list[str]:
        """Figures of the brief the memo does not use."""
        return self.brief.not_understood

    def scenario_yaml(self) -> str:
        """The memo's scenario as a scenario file (`marginal memo --scenario FILE` redrafts the same memo)."""
        return dump_scenarios({self.brief.name: self.scenario})

    def brief_note(self) -> str:
        """One line naming what the memo read from the brief (or the scenario), with how each figure was read."""
        given = [f"{name} {value} ({origin.split(': ', 1)[1]})" if ": " in origin else f"{name} {value}"
                 for name, value, origin in self.brief.rows() if not origin.startswith("default")]
        return "Read from the brief: " + ("; ".join(given) or "no figures") + "."

    def not_understood_note(self) -> str | None:
        """One line naming the figures of the brief the memo does not use, if any."""
        return not_understood_sentence(self.not_understood) if self.not_understood else None

    def defaults_note(self) -> str:
        """One line naming the stated defaults the memo used (its Assumptions table lists each with its reason)."""
        defaulted = [(name, value) for name, value, origin in self.brief.rows() if origin.startswith("default")]
        core = [f"{name} {value}" for name, value in defaulted if name in CORE_INPUTS]
        rest = len(defaulted) - len(core)
        text = "Stated defaults (see the memo's Assumptions): " + ("; ".join(core) or "none of the core inputs")
        if rest:
            text += (f"; and {rest} modelling defaults (usage spread, regions, price changes, premium model, GPU, "
                     "compliance costs)")
        return text + "."
