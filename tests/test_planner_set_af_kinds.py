"""Planner v2, the kinds set_af found at first sight, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("queries", ["requests per user per day: 12", "queries/user/day: 12",
                                     "messages per user per day: 12"])
@pytest.mark.parametrize("cached", [" (4,000 of them are the same system prompt, served from the prompt cache)",
                                    " (4,000 of them cached)"])
def test_pasted_keys_that_are_unit_phrases(queries: str, cached: str) -> None:
    brief = "\n".join(["model: gpt-4.1", "users: 5,000", queries, f"input tokens per request: 6,000{cached}",
                       "output tokens per request: 500", "monthly bill?"])
    [step] = make_plan(brief).steps
    args = step.args
    assert (args["users"], args["queries_per_user"], args["query_period"]) == (5000, 12, "day")
    assert (args["input_tokens_per_query"], args["output_tokens_per_query"]) == (6000, 500)
    assert args["cached_input_tokens_per_query"] == 4000
    assert not read(parse(brief)).unused


_CACHED_BILL = ("Agent on claude-sonnet-4-5: every call sends 10,000 input tokens, 90% of them read from the prompt "
                "cache and 5% written to the 5-minute cache, and gets 800 tokens back; 3,000 calls a day. Monthly cost?")


@pytest.mark.parametrize("follow", ["and what with no prompt caching at all?", "and without caching?",
                                    "and if we turn off the cache?"])
def test_no_caching_takes_away_the_cache_writes_too(follow: str) -> None:
    [step] = make_plan(follow, make_plan(_CACHED_BILL).steps).steps
    assert step.args["cached_input_share"] == "0%" and step.args["cache_write_share"] == "0%"


@pytest.mark.parametrize("regions", ["each adds 40% of the compliance cost", "each one adds 40% of compliance cost",
                                     "40% extra overhead each"])
def test_the_share_each_extra_region_adds(regions: str) -> None:
    first = "Compliance spend $90k vs $600k development: the ratio?"
    [step] = make_plan(f"and if we expand into 3 more regions and {regions}?", make_plan(first).steps).steps
    assert step.args["extra_regions"] == 3 and step.args["region_multiplier"] == "40%"


@pytest.mark.parametrize("ask", ["the monthly profit after fixed costs", "our net profit a month",
                                 "what's left after fixed costs", "the operating profit"])
@pytest.mark.parametrize("users", ["25k paying users at $14/mo", "25,000 subscribers paying $14 a month"])
def test_the_profit_after_fixed_costs_beside_the_break_even_users(users: str, ask: str) -> None:
    plan = make_plan(f"* {users}\n* each user ~12 queries a day\n* 1,800 input + 400 output tokens per query on "
                     f"gpt-4.1-mini\n* fixed costs $60k/month\nGive me the monthly model cost, {ask}, and the "
                     "break-even users.")
    assert [s.tool for s in plan.steps] == ["token_cost", "break_even"]
    assert plan.steps[1].args["paying_users"] == 25_000
    assert [a.var for a in plan.asks] == ["monthly_cost", "profit", "break_even_users"]


@pytest.mark.parametrize("wrap", [" ", "\n"])
@pytest.mark.parametrize("cap", ["what's the most queries we can include and still keep an 80% margin?",
                                 "how many queries can we include at an 80% margin?",
                                 "max queries we can bundle while keeping 80% margin?"])
def test_a_plans_break_even_queries_and_its_cap_in_a_wrapped_email(wrap: str, cap: str) -> None:
    plan = make_plan(f"Plan is $20/month, model cost per query is $0.006. Above how many queries a month does a "
                     f"subscriber cost{wrap}more than they pay? And {cap}")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and step.args["target_margin"] == "80%"
    assert [a.var for a in plan.asks] == ["break_even_queries", "max_queries"]


@pytest.mark.parametrize("team", ["(3 engineers + infra)", "(2 devs and hosting)", "(about 4 people plus cloud)"])
@pytest.mark.parametrize("wrap", [" ", "\n"])
def test_a_headcount_a_cost_pays_for_is_no_user_count_and_a_wrapped_line_is_one_sentence(team: str, wrap: str) -> None:
    question = (f"ok so thinking out loud: fixed burn is about $38k/month {team}, we charge $29/mo and each{wrap}"
                "paying user costs us ~$6.50 in AI spend. how many paying users until we break even?")
    [step] = make_plan(question).steps
    assert step.tool == "break_even" and step.args["variable_cost_per_user_usd"] == 6.5
    assert not read(parse(question)).has("users", "paying_users")


def test_key_lines_stay_sentences_when_the_next_line_is_a_key() -> None:
    brief = "users: 5,000\nrequests per user per day: 12 (a long explanation of how we measured this, from the logs)\n" \
            "output tokens per request: 500\ninput tokens per request: 1,500\nmodel: gpt-4.1\nmonthly bill?"
    [step] = make_plan(brief).steps
    assert (step.args["output_tokens_per_query"], step.args["input_tokens_per_query"]) == (500, 1500)


@pytest.mark.parametrize("said", ["One ticket is around 1500 words, the summary we produce is about 150 words",
                                  "the summary that we write is ~150 words; one ticket runs about 1,500 words",
                                  "A ticket has 1.5k words. The summary it gets is 150 words"])
def test_the_text_a_summary_is_made_from_goes_in(said: str) -> None:
    [step] = make_plan(f"We summarize support tickets. {said}. 8000 tickets per week on claude-haiku-4-5. Cost per "
                       "week?").steps
    assert (step.args["input_words_per_query"], step.args["output_words_per_query"]) == (1500, 150)


def test_a_summary_job_said_whole_stays_whole() -> None:
    [step] = make_plan("1,200 attorneys run 5 contract summaries a day each; one summary job is roughly 3,000 words, "
                       "in and out combined. At $0.002 per 1K tokens, the monthly cost?").steps
    assert step.args["words_per_query"] == 3000


@pytest.mark.parametrize("ask", [
    "what did the GPT-3.5 Turbo API cost per 1K tokens when it launched in 2023?",
    "What was GPT-4's output price back in 2023, and how many times GPT-3.5 was it?",
    "I remember an estimate of what ChatGPT cost OpenAI per day to run in early 2023. What were those figures?",
    "I recall a figure for ChatGPT's cost per conversation - what was it back then?",
    "Back in 2023, what did the ChatGPT API cost per 1K tokens at launch?",
    "How much was GPT-4 per 1K output tokens originally?",
    "when GPT-3.5 Turbo launched in 2023, what did it cost per 1K tokens, and how many words is 1K tokens?"])
def test_a_figure_on_record_asked_as_history_goes_to_the_knowledge_base(ask: str) -> None:
    plan = make_plan(ask)
    assert plan.kind == "knowledge" and [s.tool for s in plan.steps] == ["search_knowledge"]


def test_a_past_bill_with_the_users_own_figures_is_still_computed() -> None:
    plan = make_plan("What was our monthly bill in 2024 with 10,000 users at 20 queries a day on gpt-4o-mini?")
    assert [s.tool for s in plan.steps] == ["token_cost"]
