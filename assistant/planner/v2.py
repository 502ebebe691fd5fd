"""Planner v2: read the question's quantities and asks, then chain calculators over the variable graph.

It answers the questions it understands in full (every ask reachable, every figure with a role) and
refuses impossible values with the reason; it hands a question back (None) when another part of
the planner is better placed: knowledge questions, scenario tools, routing, memos and comparisons.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.planner import before_after, intents, options, routes, scenario_tools
from assistant.planner.alternatives import alternatives
from assistant.planner.asked_roles import bill_of_the_work, break_even_inputs, lone_population
from assistant.planner.asks import DECISION, asked, asked_price_unit, asking_text
from assistant.planner.budget_fit import models_within_budget
from assistant.planner.chain import chain, scenario_of
from assistant.planner.graph import GOALS, PRODUCERS
from assistant.planner.inputs import PRIMARY
from assistant.planner.lexicon import cue, tiers_named
from assistant.planner.names import api_beside_gpus
from assistant.planner.no_figures import ask_for_figures
from assistant.planner.roles import Reading
from assistant.planner.scenario_fit import place_in_scenario
from assistant.planner.seek import SYMBOL_VARS
from assistant.planner.segments import segments_chain
from assistant.planner.steps import Chain, Plan, Step
from assistant.planner.unused import as_plan, not_used, understood, unused_givens
from tools.units import CONVENTION_QUARTER

__all__ = ["plan_v2"]

_ANAPHOR = re.compile(r"\b(?:that|this|it|those|these)\b", re.I)
_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]{1,60}[\"\u201d]")  # a product's name in quotes
_EXPLAIN = re.compile(r"^\s*why\b|\bexplain\b|\b(?:where|what)\b[^?.]{0,80}\bcomes? from\b|\bis it true\b", re.I)
_FOLLOWUP = re.compile(r"^\s*(and|what if|what about|how about|instead|same|now|then|ok|okay|also|but|so|switch|"
                       r"drop|remove|scrap|kill|without|disable|turn off|get rid of|"
                       r"double|triple|halve|twice|with|at|if we|if our|if the|suppose|assume|make it|change|use|"
                       r"try|go with|what price|what would|(?:what(?:'s| is| does| would)|how much(?: is| does)?) "
                       r"(?:that|it|this)(?! (?:mean|stand))|"
                       r"per (?:year|quarter|month|week|day|user|seat|query))\b", re.I)


def plan_v2(question: str, reading: Reading, previous: list[Step] | None,
            scores: dict[str, float]) -> Plan | None:
    """A plan from the variable graph, or None to let the rest of the planner answer."""
    calc = {t: s for t, s in scores.items() if t not in (intents.KNOWLEDGE, intents.OUT_OF_SCOPE)}
    best = max(calc, key=lambda t: calc[t])
    asks = asked(question, reading.customers)
    said = tuple(asks)  # what the question asks, before the asks below are fitted to the calculators
    # The scenario is used only when the question does not stand alone; with no figure or name of its own,
    # only when it reads as a follow-up ("and what if ...?"), so "what drives AI costs?" stays a question.
    bare = not reading.givens and not reading.models and not reading.unplaced and reading.gpu is None \
        and reading.tier is None
    prev = [(s.tool, s.args) for s in previous or []]
    followup = bool(previous) and (not bare or bool(_FOLLOWUP.search(question))
                                   or bool(asks and _ANAPHOR.search(question))  # "annualize that for me"
                                   or options.about_its_cache(question, prev))
    scenario, last_asks = scenario_of(prev) if followup else ({}, [])
    if scenario and (asked_last := _graph_vars(previous[-1].asks if previous else [])):
        last_asks = asked_last  # all the last turn asked, not only its tool's main result
    if followup and (routed := routes.routing_followup(reading, list(said), prev)) is not None:
        return as_plan(routed)  # "what if we push the cheap share to 85%?"
    if followup and prev and prev[-1][0] == "token_cost" and scenario.get("model") \
            and routes.share_to_another_model(reading, scenario["model"]):  # "route 80% of that to haiku?" after a bill
        return as_plan(routes.routing_chain(reading, list(said), question, scenario), reading)
    if followup and (switched := options.switch_followup(reading, list(said), prev)) is not None:
        return as_plan(switched)  # "how much cheaper is that than on the normal synchronous API?"
    if followup and (fitted := models_within_budget(reading, prev)) is not None:
        return as_plan(fitted)  # "would gpt-4o-mini or gemini-2.5-flash fit in that budget?" after a seek
    if followup and (compared := options.compare_followup(reading, list(said), prev)) is not None:
        return as_plan(compared)  # "and for 1,000 users at 100 queries a day?" after a comparison
    if followup and previous and previous[-1].tool in scenario_tools.TOOLS \
            and (_FOLLOWUP.search(question) or not said or _ANAPHOR.search(question)) \
            and (again := scenario_tools.rerun(previous[-1].tool, previous[-1].args, reading, list(said))):
        return as_plan(again, reading)  # "and with a $12 fee, the median margin?" after a Monte Carlo
    if not scenario and not reading.has("paying_users", "price_per_user") \
            and (segments := as_plan(segments_chain(question) or Chain(), reading)) is not None:
        return segments  # "| segment | users | queries/day |": each row, and their total (a free tier is a plan's)
    if not scenario and len(parts := options.labelled_parts(question)) >= 2 and \
            (labelled := as_plan(options.options_chain(parts, options.shared_part(question)))) is not None:
        return labelled  # options that lack usage of their own may share it after the labels: read on
    changes = scenario and any(g.var in ("factor", "percent_change") for g in reading.givens)
    # Memos are the v1 rules' job (a document asked for, or a brief that asks nothing else); two prices beside other
    # asks are not a comparison.
    # "Pricing proposal: ... What's the cost per query and the margin?" names a document but asks for figures
    if best == "draft_memo" and asks and not reading.givens and not scenario \
            and not intents.requests_document(question):
        # "For the pricing memo background: what margin do SaaS companies run at?": facts for a memo, not the memo
        return Plan(kind="knowledge", steps=[Step(intents.KNOWLEDGE, {"query": question, "k": 3})])
    elsewhere = best == "draft_memo" and (intents.requests_document(question) or not asks)
    if not changes and elsewhere and calc[best] >= 1.0 and not ("compare" in asks and reading.givens):
        return None
    if _EXPLAIN.search(_QUOTED.sub(" ", asking_text(question))) and (not scenario or not reading.givens):
        # not "a $25/month "explain my statement" add-on ... how many explanations can we include?": a name
        return None
    past = cue("past_ask").search(question) and cue("history").search(question)
    on_record = past or cue("recalled").search(question)
    units = all(g.var == "tokens_per_query" and g.value in (1e3, 1e6) for g in reading.givens)  # "1K tokens" as a unit
    if on_record and units and not scenario:  # the knowledge base holds the record
        return Plan(kind="knowledge", steps=[Step(intents.KNOWLEDGE, {"query": question, "k": 3})])
    if reading.bad and (asks or reading.givens):
        return Plan(kind="invalid", text="I can't compute that: " + " ".join(reading.bad))
    named = len(set(reading.models)) >= 2 and not scenario and not routes.is_routing(reading, asks) \
        and not reading.has("traffic_share") and api_beside_gpus(reading) is None  # "gpt-4o or claude sonnet?"
    if not reading.givens and not (followup and scenario) and not (named and "compare" in asks):
        return ask_for_figures(question, reading, asks)
    if named and "compare" not in asks:
        asks = ["compare", *asks]
    if "compare" in asks and not scenario and not routes.is_routing(reading, asks):
        api = api_beside_gpus(reading)  # "Llama 3.1 8B on H100s ... how does it compare with gpt-4.1-mini?"
        deployment = (reading.has("tokens_per_second") or (reading.has("model_size") and reading.gpu is not None)) \
            and (reading.has("gpu_hourly") or reading.gpu is not None) and (reading.has("token_price") or bool(api))
        compared = options.shared_options_chain(reading, asks) if api is None and not deployment else None
        if compared is not None and compared.steps:
            return as_plan(compared, reading)
        # "rent GPUs or stay on the API: which is cheaper, by how much?": both bills and the gap; else "how many
        # times R&D" is a ratio another calculator gives
        versus = ("self_host_monthly", "api_monthly", "self_host_saving") if reading.has("monthly_tokens") else (
            "self_host_per_1m", "break_even_tokens")  # no workload: the price per 1M and the volume it wins at
        asks = list(dict.fromkeys(x for a in asks for x in (versus if a == "compare" and deployment else ()
                                                            if a == "compare" else (a,))))
    if "compare" in asks and scenario and {"gpu", "gpu_hourly"} & set(scenario) \
            and (reading.has("token_price") or bool(reading.models) or {"token_price", "model"} & set(scenario)):
        # after a GPU deployment, "the hosted API is $0.88 per 1M: which is cheaper?": both bills, or where it wins
        versus = ("self_host_monthly", "api_monthly", "self_host_saving") if reading.has("monthly_tokens") \
            or "monthly_tokens" in scenario else ("self_host_per_1m", "break_even_tokens")
        asks = list(dict.fromkeys(x for a in asks for x in (versus if a == "compare" else (a,))
                                  if not (x == "monthly_cost" and "self_host_monthly" in versus)))  # both bills
    asks = _in_context(reading, asks, scenario)
    if "profit" in asks and not reading.has("fixed_costs") and "fixed_costs" not in scenario:
        asks = list(dict.fromkeys("gross_profit" if a == "profit" else a for a in asks))  # no fixed costs to take
    if "break_even_users" in asks and _deployment_versus_api(reading, scenario):
        # "1 H100 ... serving our 8B, vs 3B tokens a month on deepseek-chat: where is the break-even?": a volume
        asks = list(dict.fromkeys("break_even_tokens" if a == "break_even_users" else a for a in asks))
    if "break_even_throughput" in asks and not (reading.has("tokens_per_second", "tokens_per_second_per_gpu")
                                                or (reading.has("model_size") and reading.gpu)):
        asks = ["tokens_per_second" if a == "break_even_throughput" else a for a in asks]  # no throughput: sought
    if (scenario or (reading.has("percent_change") and not reading.has("monthly_cost", "yearly_cost")
                     and not routes.is_routing(reading, asks))) and not reading.has("hit_rate", "prompt_reduction"):
        # "switch to $3 in / $15 out - new monthly cost?", "a 25% price increase: the new monthly bill?": the bill
        asks = ["monthly_cost" if a == "new_monthly_cost" else a for a in asks]  # of the changed scenario
    break_even_inputs(reading, asks)
    bill_of_the_work(reading, asks)
    lone_population(reading, asks)
    if not asks and not (followup and last_asks) and (scenario or not routes.is_routing(reading, asks)):
        return None  # "what if we route 80% of traffic to haiku?" asks for the routed figures
    if (asks == ["self_host_per_1m"] or (asks in (["cost"], ["cost_per_query"]) and reading.has("tokens_per_query"))) \
            and not scenario and (priced := options.million_tokens(reading)) is not None:
        return as_plan(priced, reading)  # "what does a million tokens cost on gpt-4.1-mini?": a model's price
    if not scenario and (special := _special_tool(question, reading, asks)) is not None:
        return as_plan(special, reading)
    api_priced = reading.has("token_price") or (api_beside_gpus(reading) is not None and reading.has("monthly_tokens"))
    if "monthly_cost" in asks and (reading.has("tokens_per_second", "tokens_per_second_per_gpu") or (
            reading.has("model_size") and reading.gpu)) and (reading.has("gpu_hourly") or reading.gpu) \
            and not reading.has("users"):
        at = asks.index("monthly_cost")  # a GPU deployment's monthly bill (the rent); beside an API price, each bill
        workload = reading.has("monthly_tokens")  # a workload's, else the GPUs' ("fixed": rent and the other costs)
        fixed = cue("fixed_cost").search(question) is not None
        bill = "self_host_monthly" if workload else "self_host_fixed" if fixed else "gpu_rent"
        api_priced = api_priced and workload  # without a workload there is no API bill to set beside it
        asks = [*asks[:at], bill, *(("api_monthly", "self_host_saving") if api_priced else ()), *asks[at + 1:]]
        if api_priced:  # "how much does the cheaper one save": the gap between the two bills
            asks = list(dict.fromkeys("self_host_saving" if a == "saving" else a for a in asks))
    saved = {"saving", "yearly_saving"} & set(asks)  # "what would moving it to the Batch API save?": both bills
    tiers = tiers_named(question)  # "at standard pricing vs through the Batch API": both bills
    moved_to = next((t for t in tiers if t != "standard"), None) if len(tiers) == 2 else reading.tier
    tier_saving = bool(saved) and moved_to not in (None, "standard") and not scenario \
        and not reading.has("hit_rate", "prompt_reduction", "monthly_cost")
    if tier_saving:
        asks = list(dict.fromkeys("monthly_cost" if a in (*saved, "compare") else a for a in asks))
    if not scenario and before_after.with_and_without(question) and reading.has("cached_tokens", "cached_share") \
            and not reading.has("hit_rate", "monthly_cost"):  # "the bill with caching, and what does caching save?"
        asks = list(dict.fromkeys("monthly_cost" if a in (*saved, "compare") else a for a in asks))
    unit = asked_price_unit(question)
    # "at $25/mo vs $35/mo, break-even users?": once for each value; a question that stands alone is not merged
    # with the last one
    weighed = None if scenario else alternatives(reading, lambda one: chain(one, asks, {}, [], unit))
    result = weighed or chain(reading, asks, {}, [], unit)
    if scenario and not (result.asks and not result.unanswered and not _FOLLOWUP.search(question)):
        place_in_scenario(reading, scenario, last_asks)
        result = chain(reading, asks, scenario, last_asks, unit)
    else:
        scenario = {}
    if result.asks and not result.unanswered:
        if not scenario:  # "the bill with the cache, and what would it be without caching?"
            before_after.with_and_without_cache(question, result)
            before_after.with_and_without_change(question, result)
            before_after.before_and_after_a_change(list(said), result)  # "how much extra is that?"
            options.both_tiers(question, result, moved_to if tier_saving else None, "yearly_saving" in saved)
        unused = [*reading.unused, *unused_givens(reading, result.used), *result.repeated]
        notes = [*result.notes, *dict.fromkeys(reading.conventions)]
        if any(a.var == "quarterly_cost" for a in result.asks):
            notes.append(CONVENTION_QUARTER)
        if unused:
            notes.append(not_used(unused))
        return Plan(steps=[Step(t, a) for t, a in result.steps], notes=notes, asks=result.asks,
                    understood=not unused, unused=unused, followup="changed" if scenario else None)
    usage = {"users", "queries_per_user", "tokens_per_query", "token_price", "input_price", "words_per_query",
             "input_tokens", "output_tokens"}
    # a calculation with its inputs but one (a cost per user for break-even, a throughput for self-hosting):
    # ask for it, saying what was understood, rather than let another part guess or answer from passages
    one_short = len(result.missing) == 1 and not reading.unused  # "we charge $29 a seat; our gross margin?"
    one_input = _an_input_given(reading, asks)  # "break-even sites? we charge $35/site/month": one of its inputs
    calculation = bool(usage & reading.givens_vars()) or one_short or one_input
    quota = "max_queries" in asks and set(result.missing) <= {PRIMARY["price_per_user"], PRIMARY["cost_per_user"]}
    deployed = reading.gpu is not None or reading.has("tokens_per_second", "tokens_per_second_per_gpu", "gpus",
                                                      "utilization", "gpu_hourly")
    primary = _primary_only(result.missing) and (deployed or PRIMARY["gpu_or_rate"] not in result.missing)
    if result.missing and not result.asks and (primary or quota) and calculation \
            and (len(reading.givens) + bool(reading.models) >= 2 or one_short or one_input):  # a named model is its
        # price
        heard = understood(reading) + (f"I could not tell what {', '.join(reading.unused)} measures. "
                                        if reading.unused else "")  # "$12/month, overage ...": say it, never drop it
        need = "the plan's price (e.g. 'a $10/month plan')" if quota else "; ".join(dict.fromkeys(result.missing))
        return Plan(kind="clarify", text=f"{heard}To answer I still need {need}. Tell me and I will compute it, "
                                         "with the formula and sources.", understood=False,
                    missing=[var for var, said in PRIMARY.items() if said in result.missing])
    return None


def _an_input_given(reading: Reading, asks: list[str]) -> bool:
    """The question gives an input of the calculator its one asked figure comes from, and says nothing else."""
    if len(asks) != 1 or reading.unused or not reading.givens:
        return False
    needs = {v for producer in PRODUCERS.get(asks[0], []) for need in producer.needs for v in need}
    return reading.givens_vars() <= needs


def _graph_vars(asks: list[str]) -> list[str]:
    """A turn's asks as variables of the graph (a goal-seek's symbol as its variable); others are dropped."""
    found = [a if a in PRODUCERS else SYMBOL_VARS.get(a, a) for a in asks]
    return [a for a in dict.fromkeys(found) if a in PRODUCERS or any(a in seekable for seekable in GOALS.values())]


def _special_tool(question: str, reading: Reading, asks: list[str]) -> Chain | None:
    """Scenario tools (sweep, sensitivity, Monte Carlo) and routing, which read lists, ranges and shares."""
    tool = next((t for t in scenario_tools.TOOLS if t in asks), None)
    if tool is None and any(len(v) >= 3 or reading.ranged.get(k) for k, v in reading.series.items()):
        tool = "sweep"  # "monthly cost at 5k, 20k and 80k seats": a table over the list
    if tool is None and routes.is_routing(reading, asks):
        return routes.routing_chain(reading, asks, question)
    return scenario_tools.scenario_chain(tool, reading, asks, {}) if tool else None


def _primary_only(missing: list[str]) -> bool:
    """Only primary inputs are missing (users, usage, price, a unit cost, fixed costs, a throughput, a payback): ask."""
    return all(m in _USAGE_ASKS for m in missing)


_USAGE_ASKS = {PRIMARY[v] for v in ("users", "queries_per_user", "price", "price_per_user", "cost_per_user",
                                     "tokens_per_second", "fixed_costs", "saving", "investment", "gpu_or_rate",
                                     "budget")}


_SELF_HOST_ASKS = (*DECISION, "gpus_needed", "break_even_tokens", "break_even_throughput")


def _deployment_versus_api(reading: Reading, scenario: dict) -> bool:
    """GPUs with a throughput set against an API's price, and no per-user economics to break even on."""
    here = set(reading.givens_vars()) | set(scenario)
    deployed = bool(here & {"tokens_per_second", "tokens_per_second_per_gpu"}) or (
        "model_size" in here and (reading.gpu is not None or "gpu" in scenario))
    api = api_beside_gpus(reading) is not None or bool(reading.models) or "token_price" in here or "model" in scenario
    return deployed and api and not here & {"users", "price_per_user", "cost_per_user", "paying_users"}  # fixed
    # costs beside GPUs and an API are the deployment's own ("mlops contractor: $6,000/month")


def _in_context(reading: Reading, asks: list[str], scenario: dict[str, Any]) -> list[str]:
    """Asks whose calculator the question gives nothing for yield to the others.

    "The highest blended price per million we can pay" asks a token price, not a routing mix or a self-hosted
    price, when neither is described.
    """
    gpu = reading.gpu is not None or reading.has("tokens_per_second", "gpu_hourly", "gpus") \
        or bool({"gpu", "gpu_hourly", "tokens_per_second"} & set(scenario))  # "vs just paying gpt-4o?" after GPUs
    out = [a for a in asks if (gpu or a not in _SELF_HOST_ASKS)
           and (a != "blended_price" or routes.is_routing(reading, asks))]
    if reading.has("budget") and not reading.has("fixed_costs", "price_per_user", "investment", "revenue"):
        # "how many users can we afford before we blow it?" beside a budget: the users the budget holds
        out = list(dict.fromkeys("users" if a == "break_even_users" else a for a in out))
        if not reading.has("margin", "plan_price"):  # "how many requests per account per day does that allow?"
            out = list(dict.fromkeys("queries_per_user" if a == "max_queries" else a for a in out))
    return out or asks

