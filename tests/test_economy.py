"""The LLM path's tool selection reads a question with the offline planner's reading (one understanding)."""

from __future__ import annotations

from assistant.economy import select_tools
from tools.registry import TOOLS

NAMES = [*(t.name for t in TOOLS), "search_knowledge"]


def test_the_tools_sent_are_the_ones_the_plan_calls() -> None:
    chosen = select_tools("Our $9.99/mo plan: a query is 1,800 input tokens + 400 output tokens at $1.25/M in and $10/M "
                          "out. How many queries can a subscriber make before we lose money?", [], NAMES)
    assert chosen == [t for t in NAMES if t in ("token_cost", "pricing_plan", "search_knowledge")]


def test_a_question_without_a_calculator_plan_falls_back_to_the_intent_scores() -> None:
    chosen = select_tools("How do you think about margins for an AI add-on?", [], NAMES)
    assert "search_knowledge" in chosen and len(chosen) < len(NAMES)
