"""Planner v2, the kinds set_ae found at first sight, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("rate", ["5,000 requests/day", "5k calls a day", "150,000 requests a month"])
@pytest.mark.parametrize("who", ["a planning agent", "our support agents"])
def test_a_rate_beyond_one_person_is_the_whole_traffic_even_beside_a_person_noun(who: str, rate: str) -> None:
    [step] = make_plan(f"o4-mini for {who}: 2,000 input tokens and 500 output tokens per request, {rate}. "
                       "Monthly cost?").steps
    assert step.tool == "token_cost" and step.args["users"] == 1


def test_a_rate_said_per_person_stays_per_person() -> None:
    plan = make_plan("o4-mini: 2,000 input and 500 output tokens per request, 5,000 requests a day per agent. "
                     "Monthly cost?")
    assert plan.kind == "clarify" and "users" in plan.text


@pytest.mark.parametrize("said", ["gets ~4,000 tokens of findings back", "returns about 4k tokens of summary",
                                  "4,000 tokens of output come back"])
def test_a_side_named_after_tokens_of(said: str) -> None:
    [step] = make_plan(f"Our pipeline on gemini-2.5-pro: each call sends a 250,000-token bundle and {said}. 300 calls a day. "
                       "Monthly cost?").steps
    assert step.args["input_tokens_per_query"] == 250_000 and step.args["output_tokens_per_query"] == 4_000


@pytest.mark.parametrize("bullet", ["", "- ", "* "])
@pytest.mark.parametrize("sep", [": ", " = "])
def test_keys_written_as_identifiers(bullet: str, sep: str) -> None:
    lines = [f"{bullet}monthly_llm_bill{sep}$20,000", f"{bullet}input_tokens_share_of_bill{sep}60%",
             f"{bullet}cache_hit_rate{sep}20%"]
    [step] = make_plan("\n".join([*lines, "what do we save per month?"])).steps
    assert step.tool == "caching" and step.args["input_share_of_bill"] == "60%" and step.args["hit_rate"] == "20%"
    assert not read(parse("\n".join(lines))).unused


_CACHED_BILL = ("RAG bot on gpt-4.1: each query sends 6,000 input tokens, 5,000 of them from the prompt cache, and gets "
                "250 tokens back; 50,000 queries a day. Monthly cost?")


@pytest.mark.parametrize("follow", ["how much is caching saving us a month vs no cache at all?",
                                    "what does the cache save us?", "and what's caching worth vs not caching?"])
def test_the_saving_of_a_cache_after_a_cached_bill(follow: str) -> None:
    [step] = make_plan(follow, make_plan(_CACHED_BILL).steps).steps
    assert step.tool == "compare"
    with_cache, without = step.args["scenarios"]
    assert with_cache["cached_input_tokens_per_query"] == 5_000 and "cached_input_tokens_per_query" not in without


_BREAK_EVEN = ("Fixed costs are $38,000 a month, the plan is $19 a month and the AI cost per user is $4.50 a month. "
               "How many paying users to break even?")


@pytest.mark.parametrize("follow", ["what if usage doubles and the AI cost per user goes to $9 then?",
                                    "usage doubles, so the cost per user climbs to $9: break-even?",
                                    "if usage doubled and cost per user rose to ~$9?"])
def test_a_change_beside_the_level_it_leads_to_is_not_applied_again(follow: str) -> None:
    plan = make_plan(follow, make_plan(_BREAK_EVEN).steps)
    assert [s.tool for s in plan.steps] == ["break_even"]
    assert plan.steps[0].args["variable_cost_per_user_usd"] == 9


def test_a_change_of_a_stated_level_still_applies() -> None:
    plan = make_plan("Fixed costs are $38,000 a month, the plan is $19 and the AI cost per user is $4.50. What if "
                     "the cost per user doubles: how many users to break even?")
    assert [s.tool for s in plan.steps] == ["change", "break_even"]


@pytest.mark.parametrize("who", ["2,000 paying users", "2k paying customers", "2,000 users"])
def test_the_price_that_breaks_even_at_a_count_of_paying_users(who: str) -> None:
    first = "Plan $8 a month, each user costs $9.20 a month in tokens, fixed costs $12k a month. Break-even users?"
    for plan in (make_plan(f"at what monthly price would we break even with {who}?", make_plan(first).steps),
                 make_plan(f"Fixed costs $12k a month and each user costs $9.20. What price breaks even with {who}?")):
        [step] = plan.steps
        assert step.tool == "solve" and step.args["unknown"] == "price_per_user"
        assert step.args["knowns"]["break_even_users"] == 2000


@pytest.mark.parametrize("unit", ["per 1K tokens", "per thousand tokens", "/1K tok"])
@pytest.mark.parametrize("follow", ["and if the users grow to 120k?", "what about at 120,000 users?"])
def test_a_sought_price_keeps_its_unit_in_a_follow_up(unit: str, follow: str) -> None:
    first = (f"What's the highest blended price {unit} we can pay and still keep 80k users x 15 queries/day x 900 "
             "tokens under $30k a month?")
    [step] = make_plan(follow, make_plan(first).steps).steps
    assert step.tool == "solve" and step.args["unknown"] == "price_per_1k"
    assert step.args["knowns"]["users"] == 120_000


@pytest.mark.parametrize("batch", ["gpt-4.1-mini through the Batch API", "gpt-4.1-mini via batch",
                                   "gpt-4.1-mini (batch API)"])
def test_one_model_named_again_with_a_service_tier_is_its_own_option(batch: str) -> None:
    [step] = make_plan(f"3,000,000 docs a month, 1,800 input / 200 output tokens each. Compare gpt-4.1-mini "
                       f"(standard), {batch}, and gemini-2.5-flash-lite.").steps
    assert step.tool == "compare"
    assert step.args["options"] == [{"model": "gpt-4.1-mini"}, {"model": "gpt-4.1-mini", "service_tier": "batch"},
                                    {"model": "gemini-2.5-flash-lite"}]


@pytest.mark.parametrize("rule", ["|---|---|---|---|", "| --- | :---: | ---: | --- |"])
@pytest.mark.parametrize("order", [("users", "queries/user/day", "input tokens", "output tokens"),
                                   ("input tokens", "output tokens", "users", "queries/user/day")])
def test_a_one_row_table_of_usage_under_its_header(rule: str, order: tuple[str, ...]) -> None:
    value = {"users": "15,000", "queries/user/day": "12", "input tokens": "1,000", "output tokens": "400"}
    table = "\n".join(["| " + " | ".join(order) + " |", rule, "| " + " | ".join(value[c] for c in order) + " |"])
    [step] = make_plan(f"Compare monthly cost for this workload:\n{table}\nModels: gpt-5-mini, claude-haiku-4-5.").steps
    assert step.tool == "compare"
    assert (step.args["users"], step.args["queries_per_user"], step.args["input_tokens_per_query"],
            step.args["output_tokens_per_query"]) == (15_000, 12, 1_000, 400)


@pytest.mark.parametrize("free", ["50,000 free users, 30 free queries/month each", "50k free users get 30 free "
                                  "queries a month"])
@pytest.mark.parametrize("paid", ["4,000 paying users at $15/month, 500 queries included, then $2 per 1,000 extra "
                                  "queries", "4,000 subscribers pay $15 a month with 500 queries included; beyond "
                                  "that, $2 per 1,000 queries"])
def test_a_freemium_plan_with_its_own_included_queries(free: str, paid: str) -> None:
    plan = make_plan(f"- {free}\n- {paid}\n- cost per query: 0.3 cents\n- paying users average 400 queries/month\n"
                     "What does the free tier cost us per month, and what's our total monthly model cost?")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and step.args["plan_price_usd"] == 15
    assert (step.args["free_quota_queries"], step.args["included_queries"]) == (30, 500)
    assert [a.var for a in plan.asks] == ["free_tier_cost", "plan_model_cost"]


@pytest.mark.parametrize("mix", ["", " (75/25 mix)", " (80/20 mix)"])
@pytest.mark.parametrize("gpus", ["2x H100", "2 H100s", "two H100 GPUs"])
def test_an_open_model_on_gpus_is_weighed_against_the_api_model_named(gpus: str, mix: str) -> None:
    plan = make_plan(f"Self-hosting check for Llama 3.3 70B:\n1) {gpus} on RunPod, we measured 3,000 tokens/s total "
                     "throughput, and expect ~60% utilization. What's our $ per 1M tokens?\n2) What's the fixed "
                     f"monthly GPU bill running 24/7?\n3) Compared with gpt-4o{mix}, above what monthly token "
                     "volume does self-hosting win?")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model"] == "gpt-4o" and step.args["gpus"] == 2
    assert step.args.get("api_input_share", "75%") == (mix[2:4] + "%" if mix else "75%")
    assert [a.var for a in plan.asks] == ["self_host_per_1m", "gpu_rent", "break_even_tokens"]
    assert plan.understood


@pytest.mark.parametrize("api", ["how does it compare with gpt-4.1-mini?", "and what would gpt-4.1-mini cost for "
                                 "the same volume?"])
def test_gpus_needed_for_a_volume_beside_an_api_model(api: str) -> None:
    plan = make_plan("We want to serve 100 billion tokens a month with Llama 3.1 8B on H100s, using a published "
                     f"reference throughput at 50% utilization. How many GPUs do we need, what does that cost per "
                     f"month, and {api}")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model"] == "gpt-4.1-mini" and step.args["model_params_b"] == 8
    assert [a.var for a in plan.asks][:2] == ["gpus_needed", "self_host_monthly"]
    assert "api_monthly" in [a.var for a in plan.asks]
