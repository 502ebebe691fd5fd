"""Questions that give no figure at all: ask for the primary inputs instead of answering from passages.

"Should we move to our own GPUs?" or "what will our chat feature cost per month on gpt-4o-mini?" name what is
asked but nothing to compute it from; the knowledge base's worked examples hold other scenarios' figures, so the
planner asks for the inputs and says what it understood.
"""

from __future__ import annotations

from assistant.planner.asks import DECISION
from assistant.planner.inputs import PRIMARY
from assistant.planner.lexicon import cue
from assistant.planner.roles import Reading
from assistant.planner.steps import Plan

__all__ = ["ask_for_figures"]

_BILLS = ("daily_cost", "weekly_cost", "monthly_cost", "quarterly_cost", "yearly_cost")
_SELF_HOST = ("To weigh self-hosting against the API I need your monthly token volume (or your monthly API bill and "
              "its price per 1M tokens), the GPU and how many (or its hourly price), and the throughput you measured "
              "(e.g. '2,000 tokens per second') or the model's size for a published reference figure. Tell me and I "
              "will compute both bills and the break-even volume, with the formula and sources.")


def ask_for_figures(question: str, reading: Reading, asks: list[str]) -> Plan | None:
    """A clarification for a question with no figures whose ask a calculator answers, or None.

    A cost asked in the past tense ("what did SemiAnalysis estimate ChatGPT costs to run?") is a figure on record,
    which the knowledge base answers.
    """
    if set(DECISION) <= set(asks) and reading.gpu is None:  # "should we move to our own GPUs?"
        return Plan(kind="clarify", understood=False, text=_SELF_HOST)
    # "what will it cost per month on gpt-4o-mini?"
    if reading.models and any(a in _BILLS for a in asks) and not cue("past_ask").search(question):
        model = reading.models[0]
        need = "; ".join(PRIMARY[v] for v in ("users", "queries_per_user"))
        return Plan(kind="clarify", understood=False, text=f"I understood the model, {model}, but no traffic. To "
                    f"compute its bill I need {need}, and the tokens per query if you know them. Tell me and I "
                    "will compute it, with the formula and sources.")
    return None
