"""From a question (and the conversation's earlier tool calls) to a plan of tool calls.

The plan is re-derived deterministically at every model call, so the planner needs no hidden
state: the conversation itself (kept by the session checkpointer) is the scenario state.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from typing import Any

from assistant.planner import intents
from assistant.planner.asks import asked
from assistant.planner.grammar import Parsed, parse
from assistant.planner.normalize import LARGEST, TOO_LARGE
from assistant.planner.refs import is_ref, ref
from assistant.planner.roles import read
from assistant.planner.slot_fill import Slots
from assistant.planner.slots import BUILDERS
from assistant.planner.steps import Plan, Step
from assistant.planner.v2 import plan_v2

__all__ = ["CAPABILITIES", "MAX_QUESTION_CHARS", "Plan", "Step", "make_plan"]

MAX_QUESTION_CHARS = 4_000
CAPABILITIES = (
    "I answer the economics of AI products with exact numbers: the cost of a usage level "
    "(users x queries x tokens x price or a model name), gross margin, break-even and payback, "
    "price for a target margin, compliance overhead, self-hosting on GPUs vs an API, routing "
    "between models, pricing plans with free quotas, caching savings, goal-seek ('what price "
    "keeps us under a budget?'), side-by-side comparisons, scenario sweeps ('users from 10k to 1M'), "
    "sensitivity (which input matters most) and Monte Carlo simulations (P5 / P50 / P95); and I explain "
    "the facts behind them from my knowledge base (ChatGPT's running cost, open vs closed models, startup margins, "
    "pricing strategies, compliance costs) with sources."
)
_FOLLOWUP_CUES = re.compile(
    r"^\s*(and|what if|what about|how about|instead|same|now|then|ok|okay|also|but|switch|"
    r"double|triple|halve|twice|with|at|if we|suppose|assume|make it|change|use|try|go with)\b",
    re.I,
)
_UNCLASSIFIED = {"pct", "money", "count"}
_PRICE_ARGS = ("price", "input_price", "output_price", "cached_input_price", "price_unit", "model", "api_model",
               "api_price_per_1m")
_DIFFERENCE = re.compile(r"\b(how much (more|less|extra|cheaper)|sav(e|es|ing|ings)|difference|delta|"
                         r"cheaper|dearer|more expensive|costlier|increase|decrease|compared?)\b", re.I)


def _clarify(tool: str, slots: Slots) -> Plan:
    need = "; ".join(slots.missing)
    label = tool.replace("_", " ")
    return Plan(kind="clarify", text=(f"To work out the {label} I need {need}. Tell me and I will "
                                      "compute it, with the formula and sources."))


_CURRENCY = re.compile(r"[€£¥₹]\s*\d[\d,.]*|\d[\d,.]*\s*[€£¥₹]|\b(?:EUR|GBP|JPY|INR|CHF|CAD|AUD|SEK|NOK|DKK|CNY|RMB)"
                       r"\s*\d[\d,.]*|"
                       r"\d[\d,.]*\s*(?:k|m)?\s*(?:EUR|GBP|JPY|INR|CHF|CAD|AUD|euros?|yen|rupees)\b", re.I)


def _out_of_range(question: str, p: Parsed) -> Plan | None:
    """Figures no economics here can take, and amounts in another currency: refused or asked, never guessed."""
    if TOO_LARGE in p.norm or any(abs(n.value) > LARGEST for n in p.nums):
        return Plan(kind="invalid", text=f"A figure in the question is too large to be a real quantity (above "
                    f"{int(LARGEST):,}). Check it and give it in plain digits or with k / M / B, e.g. "
                    "'1.2M users'.")
    if (m := _CURRENCY.search(question)) is not None:
        return Plan(kind="clarify", text=f"I compute in US dollars, and the question gives an amount in another "
                    f"currency ('{m.group(0).strip()}'). I don't convert currencies, so no exchange rate is assumed: "
                    "give the amounts in USD (e.g. '$33 per seat') and I will compute it.")
    return None


def _invalid(question: str) -> Plan | None:
    if not question.strip():
        return Plan(kind="invalid", text="The question is empty. Ask about the cost, margin or "
                    "pricing of an AI product, e.g. 'What do 100k users at 20 queries a day cost "
                    "on gpt-4o-mini?'")
    if len(question) > MAX_QUESTION_CHARS:
        return Plan(kind="invalid", text="The question is longer than I read. Shorten it to the "
                    "figures that matter: users, queries, tokens and prices.")
    letters = sum(c.isalpha() for c in question)
    if letters < 0.4 * len(question.replace(" ", "")) and (len(question) > 40 or letters < 3):
        return Plan(kind="invalid", text="I could not read a question in that text. Ask in words, "
                    "e.g. 'What does 100k users at 20 queries a day cost on gpt-4o-mini?'")
    return None


def _with_knowledge(plan: Plan, p: Parsed, scores: dict[str, float]) -> Plan:
    """Add passages to a knowledge plan, or to a calculation that also asks why."""
    if plan.kind == "knowledge" or (scores[intents.KNOWLEDGE] >= 2.0 and intents.asks_to_explain(p)):
        plan.steps.append(Step(intents.KNOWLEDGE, {"query": p.text, "k": 3}))
    return plan


def _standalone(p: Parsed, scores: dict[str, float]) -> Plan:
    calc = {t: s for t, s in scores.items() if t in BUILDERS}
    best = max(calc, key=lambda t: calc[t])
    if p.nums and calc[best] < 1.0 and all(n.kind in _UNCLASSIFIED for n in p.nums) \
            and scores[intents.OUT_OF_SCOPE] < 3.0:
        return Plan(kind="invalid", text=(f"I read '{p.nums[0].text}' but not what it measures. Say what "
                                          "it is, e.g. '45% gross margin', '$10 per user a month' or "
                                          "'100k users at 20 queries a day'."))
    if calc[best] < 1.0 or (scores[intents.KNOWLEDGE] > calc[best] and not p.nums):
        if scores[intents.OUT_OF_SCOPE] >= 1.0 and scores[intents.KNOWLEDGE] < 1.0:
            # The user's own documents may still answer it: look, and answer only from a close match.
            return Plan(kind="out_of_scope", text=f"That is outside what I do. {CAPABILITIES}",
                        steps=[Step(intents.KNOWLEDGE, {"query": p.text, "k": 3})])
        return _with_knowledge(Plan(kind="knowledge"), p, scores)
    slots = BUILDERS[best](p)
    if not slots.complete:
        # A runner-up whose slots the question fills answers better than a clarification.
        for tool in sorted(calc, key=lambda t: -calc[t])[1:4]:
            alt = BUILDERS[tool](p)
            if calc[tool] >= max(1.0, calc[best] / 3) and alt.complete and not alt.defaulted:
                best, slots = tool, alt
                break
        else:
            if intents.asks_to_explain(p) and scores[intents.KNOWLEDGE] > 0:
                return _with_knowledge(Plan(kind="knowledge"), p, scores)
            return _clarify(best, slots)
    plan = Plan(notes=list(slots.defaults))
    if _needs_cost_first(slots):
        cost = BUILDERS["token_cost"](p)
        if not cost.complete:
            return _clarify("token_cost", cost)
        plan.steps.append(Step("token_cost", cost.args))
        plan.notes = [*cost.defaults, *plan.notes]
    plan.steps.append(Step(best, slots.args))
    _add_second_tool(p, plan, best, calc)
    if unused := _unused_figures(p, plan.steps):
        plan.notes.append(f"Not used in this calculation: {', '.join(unused)}. If it should change the result, "
                          "give the figure it leads to (e.g. the price after a discount) or say what it measures.")
    return _with_knowledge(plan, p, scores)


_OWN_PERCENT_WORDS = {"draft_memo", "monte_carlo"}  # a brief is read whole; "the heaviest 5%" names a percentile


def _unused_figures(p: Parsed, steps: list[Step]) -> list[str]:
    """Amounts and percentages of the question that no step takes, so a dropped figure is never silent."""
    used: list[float] = []
    stack: list[Any] = [s.args for s in steps if s.tool != "draft_memo"]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack += value.values()
        elif isinstance(value, list | tuple):
            stack += value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            used.append(float(value))
        elif isinstance(value, str):
            used += [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", value.replace(",", ""))]
    if any(s.tool in _OWN_PERCENT_WORDS for s in steps):
        return []
    wanted = [n for n in p.nums if (n.money or n.percent) and any(c.isdigit() for c in n.text)]
    return [n.text for n in wanted
            if not any(abs(abs(v) - abs(u)) <= 1e-9 * max(1.0, abs(u)) for u in used
                       for v in ((n.value, n.value / 100) if n.percent else (n.value,)))]


def _needs_cost_first(slots: Slots) -> bool:
    return any(is_ref(v) for v in slots.args.values())


def _add_second_tool(p: Parsed, plan: Plan, best: str, calc: dict[str, float]) -> None:
    """'...cost on gpt-4o-mini, and what if we self-host Llama?': a second, explicit ask."""
    if best == "token_cost" and intents.mentions(p, "self_host") >= 1:
        slots = BUILDERS["self_host"](p)
        slots.args.setdefault("monthly_tokens", ref("token_cost", "tokens_per_month"))
        plan.steps.append(Step("self_host", slots.args))
        plan.notes.extend(slots.defaults)


def _followup(p: Parsed, previous: list[Step], scores: dict[str, float]) -> Plan | None:
    # Scenarios the user stated; a compare of two earlier scenarios is derived, not one of them.
    calc_steps = [s for s in previous if s.tool in BUILDERS and "scenarios" not in s.args]
    if not calc_steps:
        return None
    last = calc_steps[-1]
    question = p.text.lower()
    short = len(p.text.split()) <= 14
    if not (_FOLLOWUP_CUES.search(p.text) or short):
        return None
    if last.tool == "draft_memo":  # "what about at $15?": the same memo with the change (a cue and a figure)
        if not (_FOLLOWUP_CUES.search(p.text) and p.nums):
            return None
        changes = [*last.args.get("changes", []), p.text]
        return Plan(steps=[Step(last.tool, {"brief": last.args["brief"], "changes": changes})], followup="changed")
    if _DIFFERENCE.search(question) and not p.nums and len(calc_steps) >= 2 \
            and calc_steps[-2].tool == last.tool == "token_cost":
        before, after = calc_steps[-2].args, last.args
        labels = (f"{before.get('model', 'earlier scenario')} (before)",
                  f"{after.get('model', 'latest scenario')} (after)")
        return Plan(steps=[Step("compare", {"scenarios": [
            {"label": labels[0], **before}, {"label": labels[1], **after}]})], followup="saving")
    built = BUILDERS[last.tool](p)
    explicit = {k: v for k, v in built.args.items() if k not in built.defaulted
                and not is_ref(v)}
    args = dict(last.args)
    if any(k in explicit for k in _PRICE_ARGS):
        for k in _PRICE_ARGS:
            args.pop(k, None)
    args.update(explicit)
    if args == last.args:
        return None
    return Plan(steps=[Step(last.tool, args)], followup="changed")  # scale words are v2 `change` steps


def make_plan(question: str, previous: list[Step] | None = None) -> Plan:
    """The plan for `question`, given the tool calls of the conversation so far."""
    key = (question, json.dumps([[s.tool, s.args, s.asks] for s in previous or []], sort_keys=True, default=str))
    if (plan := _PLANS.get(key)) is None:
        plan = _make_plan(question, previous)
        with _PLANS_LOCK:  # one agent turn plans the same question several times: remember a few
            _PLANS[key] = plan
            while len(_PLANS) > _PLAN_CACHE:
                _PLANS.pop(next(iter(_PLANS)))
    return copy.deepcopy(plan)


_PLANS: dict[tuple[str, str], Plan] = {}
_PLANS_LOCK = threading.Lock()
_PLAN_CACHE = 256


def clear_plan_cache() -> None:
    """Forget remembered plans (benchmarks time planning from scratch)."""
    with _PLANS_LOCK:
        _PLANS.clear()


def _period_columns(plan: Plan, question: str) -> None:
    """'Cost per night and per month, and how much cheaper than the sync API?': a comparison shows each period asked."""
    tables = [a for a in plan.asks if a.var in ("compare_table", "compare_yearly", "compare_per_query")]
    wanted = asked(question) if tables else []  # read again only when a comparison is planned
    extra = [column for column, var in (("day", "daily_cost"), ("week", "weekly_cost")) if var in wanted]
    for a in tables if extra else ():
        a.var = "+".join([a.var, *extra])


def _make_plan(question: str, previous: list[Step] | None) -> Plan:
    if (bad := _invalid(question)) is not None:
        return bad
    p = parse(question)
    if (refusal := _out_of_range(question, p)) is not None:
        return refusal
    scores = intents.score(p)
    reading = read(p)
    if (v2 := plan_v2(question, reading, previous, scores)) is not None:
        _period_columns(v2, question)
        for step in v2.steps:
            step.asks = list(dict.fromkeys(a.var for a in v2.asks))
        return v2
    plan = _followup(p, previous, scores) if previous else None
    plan = plan or _standalone(p, scores)
    if plan.kind == "calc" and (unread := reading.unused):
        plan.understood, plan.unused = False, unread  # the v1 rules answered; say what had no role
    return plan
