"""Planner v2, kinds found by first-sight sets BF and BG (and the GPU kinds left open before), in several wordings."""

from __future__ import annotations

import pytest

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("cheaper", ["it is cheaper?", "is it cheaper?", "would that be cheaper?",
                                     "does it beat the API?", "will renting win against the API?"])
@pytest.mark.parametrize("api", ["3B tokens per month on deepseek-chat", "3,000,000,000 tokens a month on gpt-4o-mini"])
def test_gpus_against_the_api_a_workload_runs_on(cheaper: str, api: str) -> None:
    plan = make_plan(f"We are burning around {api}. If we take 1 H100 at $2.69/h and serve our distilled 8B with "
                     f"12k tok/s at 60% utilization, {cheaper} where is the break-even?")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["monthly_tokens"] == 3e9 and step.args.get("model")
    assert {"api_monthly", "self_host_saving", "break_even_tokens"} <= set(step.asks)


@pytest.mark.parametrize("rate", ["1 H100 (2.69/h)", "one H100 at 2.69 per hour", "1x H100 @ 2.69/hr"])
def test_a_gpu_hour_written_without_a_dollar_sign_is_the_rent(rate: str) -> None:
    r = read(parse(f"If we take {rate} serving 12,000 tokens/s, what is the cost per 1M tokens?"))
    assert [g.value for g in r.givens if g.var == "gpu_hourly"] == [2.69] and not r.unused


@pytest.mark.parametrize("size", ["our distilled 8B", "a fine-tuned 8B", "our own 8B"])
def test_a_served_size_with_an_adjective_is_the_model_size(size: str) -> None:
    r = read(parse(f"We want to serve {size} on one H100 at 12k tok/s. Cost per 1M tokens?"))
    assert [g.value for g in r.givens if g.var == "model_size"] == [8] and not r.unused


@pytest.mark.parametrize("then", ["compare that with just paying for gpt-4o-mini. at what monthly volume does the "
                                  "L4 win?", "how does that compare with gpt-4o-mini, and at what volume does it win?"])
def test_a_follow_up_setting_the_gpus_against_a_named_api_model(then: str) -> None:
    first = make_plan("Running an 8B model on one L4: ~900 tokens/s at full load, 50% utilization. Cost per 1M tokens?")
    [step] = make_plan(then, first.steps).steps
    assert step.tool == "self_host" and step.args["model"] == "gpt-4o-mini" and step.args["tokens_per_second"] == 900
    assert "break_even_tokens" in step.asks


@pytest.mark.parametrize("docs", ["3 mln documents", "3 million documents", "3,000,000 documents", "3M documents",
                                  "3 mio documents"])
def test_million_spelled_every_way_is_one_count(docs: str) -> None:
    [step] = make_plan(f"we process {docs}/month, each 4k tokens in and 500 out, on gpt-4o. monthly cost?").steps
    assert step.args["users"] * step.args["queries_per_user"] == 3_000_000


@pytest.mark.parametrize("at", ["@ $15/mo", "at $15/mo", "@ 15 usd/mo", "@15 USD a month"])
def test_an_at_sign_before_a_price_is_the_price_they_pay(at: str) -> None:
    r = read(parse(f"8k paying users {at}, 10 queries/day each, gpt-4o-mini. margin?"))
    assert [g.value for g in r.givens if g.var == "price_per_user"] == [15]


@pytest.mark.parametrize("swing", ["+-20%", "+/-20%", "\u00b120%", "plus or minus 20%"])
def test_a_swing_written_any_way_is_positive(swing: str) -> None:
    [step] = make_plan(f"tornado pls: 25k users, 12 q/day, 1200 tok/q, USD 3/1M, fee 20/user/mo. {swing} on each "
                       "input. which one moves margin most").steps
    assert step.tool == "sensitivity" and step.args["swing"] == "20%" and step.args["metric"] == "gross_margin"


@pytest.mark.parametrize("usage", ["8 q/day/user", "8 queries/day/user", "8 req/day per user", "8 msgs/user/day"])
def test_queries_in_shorthand_feed_a_sweep(usage: str) -> None:
    [step] = make_plan(f"sweep users 1k -> 10k (10 steps): {usage}, 1000 tok/query, usd 1.2 per 1M, fee 5 usd/user/mo, "
                       "fixed 20k/mo. at what user count is profit zero?").steps
    assert step.tool == "sweep" and (step.args["queries_per_user"], step.args["query_period"]) == (8, "day")


@pytest.mark.parametrize("ask", ["model cost per month and profit?", "what's the monthly bill and our profit?",
                                 "profit, and the model cost?"])
@pytest.mark.parametrize("fixed", [", fixed costs 30k/mo", ""])
def test_a_bare_profit_is_after_fixed_costs_when_they_are_given(ask: str, fixed: str) -> None:
    plan = make_plan(f"8k paying users at $15/mo, 10 queries/day each, 1.5k tokens/query, gpt-4o-mini{fixed}. {ask}")
    assert ("profit" if fixed else "gross_profit") in plan.steps[-1].asks
    assert plan.steps[-1].tool == ("break_even" if fixed else "margin")


@pytest.mark.parametrize("overage", ["then $5 per extra 1,000 queries", "then $5 per additional 1,000 queries",
                                     "overage is $5 per 1,000 queries", "then $5 per 1k extra"])
@pytest.mark.parametrize("noun", ["queries", "drafts"])
def test_one_heavy_users_bill_with_overage_per_thousand(overage: str, noun: str) -> None:
    terms = overage.replace("queries", noun)
    plan = make_plan(f"Our $20/month plan includes 1,000 {noun}, {terms}. Each {noun[:-1]} costs "
                     f"us $0.006. One power user ran 6,000 {noun} last month: what did they pay, and our margin?")
    [step] = plan.steps
    assert (step.args["overage_price_per_1k_queries"], step.args["heavy_user_queries_per_month"]) == (5, 6_000)
    assert step.args["free_quota_queries"] == 1_000


@pytest.mark.parametrize("then", ["and if overage were $8 per 1k?", "what if we raise overage to $8 per 1,000?",
                                  "and with overage at $8 per 1k queries?"])
def test_a_follow_up_changing_the_overage_price(then: str) -> None:
    first = make_plan("Our $20/month tier includes 1,000 queries, then $5 per extra 1,000 queries. One power user ran "
                      "6,000 queries last month and each query costs us $0.006. What did they pay us, and our margin?")
    [step] = make_plan(then, first.steps).steps
    assert step.args["overage_price_per_1k_queries"] == 8 and step.args["heavy_user_queries_per_month"] == 6_000


@pytest.mark.parametrize(("fraction", "share"), [("0.35", "35%"), (".35", "35%"), ("35%", "35%")])
def test_a_share_of_revenue_written_as_a_fraction(fraction: str, share: str) -> None:
    [step] = make_plan(f"Our product pays roughly {fraction} of revenue to Anthropic, and another 0.1 of revenue goes "
                       "to hosting. What is our gross margin?").steps
    assert step.tool == "margin" and (step.args["provider_share"], step.args["other_cogs_share"]) == (share, "10%")


@pytest.mark.parametrize("level", ["expected utilization 0.6", "utilization of 0.6", "utilization: .6",
                                   "expected utilization 60%"])
def test_utilization_written_as_a_fraction(level: str) -> None:
    [step] = make_plan(f"4 H100s at $2.69/hr each, 9,000 tokens/s total at full load, {level}. Cost per 1M tokens?").steps
    assert step.args["utilization"] == "60%"


def test_a_fraction_that_is_a_price_stays_a_price() -> None:
    r = read(parse("Our margin is fine; we pay $0.6 per 1M tokens for 0.5 million requests a day."))
    assert not any(g.var in ("margin", "traffic_share") for g in r.givens)


@pytest.mark.parametrize("share", ["0.7 of the traffic could go", "70% of the traffic could go",
                                   "~70% of our queries are simple and could go"])
@pytest.mark.parametrize("bill", ["spends $95k a month on a single model", "runs a $95,000 monthly bill on one model"])
def test_a_share_moved_to_a_cheaper_model_cuts_todays_bill(share: str, bill: str) -> None:
    [step] = make_plan(f"Our client {bill}. If {share} to a model that's 12x cheaper, what would the monthly bill "
                       "be?").steps
    assert step.tool == "routing" and step.args == {"cheap_share": "70%", "cheap_price_ratio": 12,
                                                    "monthly_bill_usd": 95_000}


@pytest.mark.parametrize("today", ["Everything runs on claude-sonnet-4-5 today", "Today all traffic goes to "
                                   "claude-sonnet-4-5", "We're 100% on claude-sonnet-4-5 right now"])
@pytest.mark.parametrize("move", ["65% of requests would be fine on claude-haiku-4-5", "we could send 65% to "
                                  "claude-haiku-4-5"])
def test_a_share_moved_off_todays_model_leaves_the_rest_on_it(today: str, move: str) -> None:
    [step] = make_plan(f"{today} and the bill is $62k/month. Our eval says {move}. What's the new monthly "
                       "bill?").steps
    assert step.tool == "routing" and step.args["baseline_model"] == "claude-sonnet-4-5"
    assert step.args["routes"] == [{"model": "claude-haiku-4-5", "share": "65%"}, {"model": "claude-sonnet-4-5"}]
    assert step.args["monthly_bill_usd"] == 62_000


@pytest.mark.parametrize("lead", ["Three questions for our seed deck:", "3 quick questions:", "Two things - "])
@pytest.mark.parametrize("at_price", ["At that price", "Charging that", "With that price"])
def test_a_numbered_chain_of_cost_price_and_break_even(lead: str, at_price: str) -> None:
    plan = make_plan(f"{lead}\n1) On gpt-5-mini, what does one user cost us per month at 25 queries a day, 1,000 "
                     "tokens in and 250 out per query?\n2) What monthly price gives an 80% gross margin on that cost?\n"
                     f"3) {at_price}, with $30k/month fixed costs, how many paying users to break even?")
    assert [s.tool for s in plan.steps] == ["token_cost", "break_even", "break_even"]
    price, users = plan.steps[1].args, plan.steps[2].args
    assert price["mode"] == "price" and price["target_margin"] == "80%"
    assert users["mode"] == "users" and users["price_per_user_usd"] == {"$from": ["break_even",
                                                                                  "price_for_target_margin_usd"]}
    assert plan.steps[0].args["queries_per_user"] == 25 and not plan.unused


def test_the_chain_shows_each_figure_it_was_asked(tmp_path) -> None:
    answer = Assistant(Settings(data_dir=tmp_path)).ask(
        "1) On gpt-5-mini, one user at 25 queries a day, 1,000 tokens in and 250 out: cost per month?\n2) The monthly "
        "price for an 80% gross margin on that?\n3) At that price, with $30k a month of fixed costs, break-even users?")
    assert "**Price per user per month:** $2.81" in answer.answer and "13,334" in answer.answer and answer.verified


@pytest.mark.parametrize("cost", ["One query cost us $0.0008 all inclusive", "each query costs $0.0008 all-in",
                                  "we pay 0.08 cents per request"])
@pytest.mark.parametrize("cap", ["Our cap is $12k each month", "we have a $12,000 monthly budget"])
def test_users_within_a_budget_at_an_all_in_cost_per_query(cost: str, cap: str) -> None:
    [step] = make_plan(f"{cost}. {cap}. How many users can we support if every user makes 20 queries per day?").steps
    assert step.tool == "solve" and step.args["relation"] == "monthly_cost_per_query"
    assert step.args["unknown"] == "users" and step.args["knowns"] == {
        "monthly_cost": 12_000, "queries_per_user_per_day": 20, "cost_per_query": 0.0008}


@pytest.mark.parametrize("budget", ["has $120k a year for LLM spend", "our annual AI budget is $120,000",
                                    "can spend $120,000 per year on the model"])
@pytest.mark.parametrize("who", ["daily players", "daily active users", "players"])
def test_a_yearly_budget_supports_users(budget: str, who: str) -> None:
    [step] = make_plan(f"A gaming client {budget}. Each player makes 15 requests a day at ~600 tokens each, priced "
                       f"at $0.40 per million tokens. How many {who} can the budget support?").steps
    assert step.tool == "solve" and step.args["unknown"] == "users"
    assert step.args["knowns"]["monthly_cost"] == 120_000 and step.args["monthly_cost_period"] == "year"


@pytest.mark.parametrize("price", ["$0.0000006 per token", "$0.60 per 1M tokens", "$0.0006 per 1K tokens"])
def test_tokens_per_query_within_a_budget_in_any_price_unit(price: str) -> None:
    [step] = make_plan(f"Our annual AI budget is $120,000. 5,000 users x 20 queries a day, and the model is {price}. "
                       "How many tokens per query can we afford on average?").steps
    assert step.tool == "solve" and step.args["unknown"] == "tokens_per_query"


def test_a_per_token_price_solves_exactly(tmp_path) -> None:
    answer = Assistant(Settings(data_dir=tmp_path)).ask(
        "Our annual AI budget is $120,000. 5,000 users x 20 queries a day, and the model is $0.0000006 per token. "
        "How many tokens per query can we afford on average?")
    assert "5,555.6" in answer.answer and answer.verified


@pytest.mark.parametrize("gave", ["Finance gave us $8,000/month for the AI search feature",
                                  "We have $8,000 a month for AI search", "Budget: $8k/mo for the search feature"])
def test_an_amount_given_for_a_feature_is_its_budget(gave: str) -> None:
    [step] = make_plan(f"{gave}. 25k users, ~1,500 tokens per search, and we pay $0.40 per 1M tokens. How many "
                       "searches per user per day fit in that budget?").steps
    assert step.args["unknown"] == "queries_per_user_per_day" and step.args["knowns"]["monthly_cost"] == 8_000


@pytest.mark.parametrize("split", ["(60% input, 40% output)", "(60% input / 40% output)", "(60% in, 40% out)"])
def test_a_split_said_beside_a_total_prices_each_query(split: str) -> None:
    plan = make_plan(f"5k users on gpt-4o-mini ask 10 questions a day, and a question is ~1,000 tokens {split}. "
                     "Monthly cost?")
    [step] = plan.steps
    assert (step.args["tokens_per_query"], step.args["input_share"]) == (1_000, "60%") and not plan.unused


@pytest.mark.parametrize("hit", ["it answers 22% of queries", "it would answer 22% of incoming queries",
                                 "22% of queries hit the cache"])
@pytest.mark.parametrize("cost", ["a hit still costs ~5% of a normal call", "a cached answer costs roughly 5% of a "
                                  "fresh call", "each hit costs 5% of a full call"])
def test_a_semantic_cache_hit_that_still_costs_a_share_of_a_call(hit: str, cost: str) -> None:
    [step] = make_plan(f"Our OpenAI bill is about $48,000/month. If we put a semantic cache in front and {hit} "
                       f"({cost} for the lookup), what do we save per month and per year?").steps
    assert step.tool == "caching" and (step.args["hit_rate"], step.args["hit_cost_ratio"]) == ("22%", "5%")


@pytest.mark.parametrize("trim", ["trim the system prompt so input tokens drop 30%", "cut input tokens by 30% with a "
                                  "shorter prompt", "shrink the prompt: -30% input tokens"])
@pytest.mark.parametrize("bill", ["Cost-cutting plan for the LLM bill ($15k/mo today)", "Our LLM bill is $15k/mo."])
def test_a_prompt_trim_and_a_cache_in_one_plan(trim: str, bill: str) -> None:
    [step] = make_plan(f"{bill}\n1. {trim}\n2. add a response cache, expecting a 10% hit rate\nInput tokens are about "
                       "60% of the bill. What's the combined monthly saving and the new bill?").steps
    assert step.tool == "caching" and step.args == {"monthly_bill_usd": 15_000, "hit_rate": "10%",
                                                    "prompt_reduction": "30%", "input_share_of_bill": "60%"}


@pytest.mark.parametrize("budget", ["capped next year's inference budget at $600,000 for the year",
                                    "set an annual budget of $600k", "gave us $600,000 a year"])
@pytest.mark.parametrize("then", ["What if adoption lands at only 30,000 users?", "and at 30k users?"])
def test_a_follow_up_after_a_yearly_budget_seek_keeps_the_year(budget: str, then: str) -> None:
    first = make_plan(f"The board {budget}. We expect 40,000 users at 12 queries a day, ~1,250 tokens per query. "
                      "What's the highest blended price per 1M tokens we can afford?")
    assert first.steps[-1].args["monthly_cost_period"] == "year"
    [step] = make_plan(then, first.steps).steps
    assert step.args["knowns"]["users"] == 30_000 and step.args["monthly_cost_period"] == "year"


@pytest.mark.parametrize("mix", ["(75% input / 25% output)", "(60% input / 40% output)", ""])
def test_a_token_mix_beside_several_models_compares_their_blends(mix: str) -> None:
    plan = make_plan(f"Blended price per 1M tokens {mix} for gpt-4.1, gemini-2.5-pro and deepseek-chat?")
    [step] = plan.steps
    assert step.tool == "compare" and len(step.args["options"]) == 3 and not plan.unused
    if "60%" in mix:
        assert step.args["input_share"] == "60%"


@pytest.mark.parametrize("blend", ["Blend Haiku 75/25.", "Blend haiku at 75/25.", "Use a 75/25 blend for Haiku."])
def test_a_bare_family_name_after_its_versioned_model_is_that_model(blend: str) -> None:
    plan = make_plan("At what monthly token volume does self-hosting on 2x H200 beat claude-haiku-4-5's API pricing? "
                     f"Throughput is 7,000 tokens/s at full load at 50% utilization. {blend}")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["model"] == "claude-haiku-4-5" and not plan.unused


@pytest.mark.parametrize("then", ["what if the router could push 85% to haiku?", "and 85% on Haiku?",
                                  "what about 85% to claude-haiku-4-5?"])
def test_a_route_named_by_its_family_in_a_follow_up(then: str) -> None:
    first = make_plan("Today 100% of our traffic goes to claude-sonnet-4-5 and the bill is $52k/month. Proposal: route "
                      "70% of traffic to claude-haiku-4-5 and keep 30% on Sonnet. What's the new monthly bill?")
    assert first.steps[0].args["routes"] == [{"model": "claude-haiku-4-5", "share": "70%"},
                                             {"model": "claude-sonnet-4-5", "share": "30%"}]
    [step] = make_plan(then, first.steps).steps
    assert step.args["routes"][0] == {"model": "claude-haiku-4-5", "share": "85%"}


@pytest.mark.parametrize("tiers", ["Monthly cost at standard pricing vs running it through the Batch API, and the "
                                   "annual saving from switching?", "Standard vs Batch API: monthly cost of each and "
                                   "the yearly saving?"])
def test_standard_against_batch_for_a_job_of_records(tiers: str) -> None:
    [step] = make_plan(f"Nightly enrichment job on gpt-4.1, ~3M records a month, each 1,200 input + 300 output tokens. "
                       f"{tiers}").steps
    assert step.tool == "compare" and [s["service_tier"] for s in step.args["scenarios"]] == ["standard", "batch"]
    assert all(s["queries_per_user"] * s["users"] == 3_000_000 for s in step.args["scenarios"])


@pytest.mark.parametrize("calls", ["We call o4-mini 20,000 times a day", "We hit o4-mini 20,000 times a day",
                                   "Our service calls o4-mini 20k times per day"])
def test_a_count_of_times_a_day_is_the_traffic(calls: str) -> None:
    plan = make_plan(f"{calls}. Each call: ~2,000 input tokens and ~500 output tokens. Cost per call and per month?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"], step.args["query_period"]) == (1, 20_000, "day")
    assert not plan.unused


def test_a_context_window_after_a_model_name_is_still_part_of_the_name() -> None:
    r = read(parse("Compare GPT-4 8K and gpt-4-32k for 1,000 users at 5 queries a day."))
    assert [g.value for g in r.givens if g.var == "users"] == [1_000] and not r.unused


@pytest.mark.parametrize("orders", ["Every order (they do ~40,000 orders a day) triggers one LLM call",
                                    "They ship ~40,000 orders a day and each order gets one LLM call",
                                    "~40,000 bookings a day, one call per booking"])
def test_business_events_that_each_trigger_a_call_are_the_traffic(orders: str) -> None:
    [step] = make_plan(f"Client is an online retailer. {orders}: about 1,800 input tokens and 350 output tokens on "
                       "gpt-4o-mini. What's that per month?").steps
    assert step.args["users"] * step.args["queries_per_user"] == 40_000 and step.args["query_period"] == "day"


@pytest.mark.parametrize("team", ["Legal team wants contract review", "Our claims desk wants claim triage",
                                  "The finance department wants invoice checks"])
def test_a_teams_request_rate_is_its_whole_traffic(team: str) -> None:
    [step] = make_plan(f"{team} on gemini-2.5-pro. Each request is ~250,000 input tokens and gets ~4,000 tokens back. "
                       "Around 40 requests a day. Monthly cost?").steps
    assert (step.args["users"], step.args["queries_per_user"], step.args["query_period"]) == (1, 40, "day")


_FREEMIUM = ("Freemium plan: 200,000 free users, 40 free queries/month each; 15,000 paying users at $9/month, "
             "averaging 250 queries/month; cost per query $0.0025. What does the free tier cost us per month, and "
             "the overall gross margin?")


@pytest.mark.parametrize("then", ["What if the free user base doubles next year?", "and if free users double?",
                                  "what if we get twice as many free users?"])
def test_a_follow_up_scaling_the_free_users(then: str) -> None:
    first = make_plan(_FREEMIUM)
    change, plan = make_plan(then, first.steps).steps
    assert change.tool == "change" and (change.args["value"], change.args["factor"]) == (200_000, 2)
    assert plan.args["free_users"] == {"$from": ["change", "value"]} and plan.args["paying_users"] == 15_000


@pytest.mark.parametrize("active", ["about 70% are active", "roughly 70% of them are active users",
                                    "70% actively use it"])
def test_an_active_share_of_licensed_seats(active: str) -> None:
    change, cost = make_plan(f"We license 3,000 seats of our internal assistant; {active}. Each active seat makes ~40 "
                             "requests per workday, 22 workdays a month, and each request costs us 0.35 cents all-in. "
                             "Monthly spend and FY total?").steps
    assert (change.args["value"], change.args["share_percent"]) == (3_000, 70)
    assert cost.args["users"] == {"$from": ["change", "value"]} and "yearly_cost" in cost.asks


def test_follow_ups_keep_or_change_an_adoption_share(tmp_path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path))
    first = assistant.ask("Internal doc search: 12k employees, we assume 60% adoption, each active user does ~8 "
                          "searches a day, ~1,500 tokens per search at a flat $0.0008 per 1K tokens. Monthly cost?",
                          session_id="adoption")
    assert "$2,073.60" in first.answer
    doubled = assistant.ask("suppose usage doubled?", session_id="adoption")
    assert "$4,147.20" in doubled.answer  # 7,200 users x 16 searches, the adoption kept
    higher = assistant.ask("What if adoption climbs to 85% instead?", session_id="adoption")
    assert "10,200" in higher.answer and higher.verified  # 85% of the 12,000 employees


@pytest.mark.parametrize("who", ["People search maybe 10 times a day", "Each person asks it about 10 times a day",
                                 "users chat with it ~10 times a day"])
def test_a_rate_per_person_with_no_head_count_asks_for_it(who: str) -> None:
    plan = make_plan(f"Rough ballpark: what's the monthly bill if we put gpt-4o behind our search bar? {who}.")
    assert plan.kind == "clarify" and "how many users" in plan.text and "queries per user = 10" in plan.text


@pytest.mark.parametrize("ask", ["Should we move to our own GPUs?", "Could we switch to our own hardware instead?",
                                 "Should we self-host?"])
def test_a_self_hosting_decision_with_no_figures_asks_for_them(ask: str) -> None:
    plan = make_plan(f"{ask} We're spending a lot on Claude every month and the CTO keeps bringing it up.")
    assert plan.kind == "clarify" and "monthly token volume" in plan.text and not plan.steps


@pytest.mark.parametrize("prices", ["at $25/mo vs $35/mo", "at $25/mo or $35/mo", "at $25 a month versus $35 a month"])
def test_two_prices_weighed_give_a_break_even_for_each(prices: str) -> None:
    plan = make_plan(f"fixed burn is $60k/month. AI variable cost ~$7 per user per month. {prices}, how many paying "
                     "users do we need to break even?")
    assert [(s.tool, s.args["price_per_user_usd"]) for s in plan.steps] == [("break_even", 25), ("break_even", 35)]
    assert "Worked out once for each price per user given" in plan.notes[0] and not plan.unused


@pytest.mark.parametrize("margins", ["an 80% gross margin, vs a 70% one", "an 80% or a 70% gross margin",
                                     "an 80% gross margin versus 70%"])
def test_two_target_margins_weighed_give_a_price_for_each(margins: str) -> None:
    plan = make_plan(f"AI costs us $3.20 per seat per month. What would the seat price be for {margins}?")
    assert [s.args["target_margin"] for s in plan.steps] == ["80%", "70%"] and not plan.unused


def test_alternatives_answer_each_value_with_its_own_figure(tmp_path) -> None:
    answer = Assistant(Settings(data_dir=tmp_path)).ask(
        "Serving costs us $3.20 per seat a month. What seat price gives an 80% gross margin, vs a 70% one?")
    assert "$16" in answer.answer and "$10.67" in answer.answer and answer.verified


def test_a_list_of_three_users_is_still_a_sweep() -> None:
    [step] = make_plan("What does gpt-4o-mini cost at 5k, 20k and 80k users doing 10 queries a day?").steps
    assert step.tool == "sweep"


@pytest.mark.parametrize("ask", ["Some 18,000 people use our claude-haiku-4-5 bot; what gross margin do we make?",
                                 "25k seats on gpt-4o-mini, margin?", "Our 8,000 users run on gemini-2.5-flash: gross "
                                 "margin please"])
def test_a_margin_without_a_price_asks_for_it(ask: str) -> None:
    plan = make_plan(ask)
    assert plan.kind == "clarify" and "the price users pay" in plan.text and not plan.steps


@pytest.mark.parametrize("rise", ["Our provider just announced a 25% price increase", "The vendor raises prices 25%",
                                  "OpenAI is raising its prices by 25%"])
def test_a_price_rise_on_an_all_in_cost_shows_the_new_bill_beside_todays(rise: str) -> None:
    change, compare = make_plan(f"Each request costs us ~0.18 cents all-in, 12M requests a month. {rise}. The new "
                                "monthly bill, and how much extra per year?").steps
    assert change.tool == "change" and change.args["percent_change"] == 25
    after, today = compare.args["scenarios"]
    assert after["cost_per_query_usd"] == {"$from": ["change", "value"]} and today["cost_per_query_usd"] == 0.0018
    assert today["queries_per_user"] == 12_000_000  # a stream of more than 10M requests a month is in bounds


def test_a_price_rise_answers_both_bills_and_the_years_difference(tmp_path) -> None:
    answer = Assistant(Settings(data_dir=tmp_path)).ask(
        "Every call costs us 0.18 cents all-in; we make 12 million calls a month. Our provider is raising prices 25%: "
        "the new monthly bill, and how much more is that per year?")
    assert "$27,000" in answer.answer and "$64,800" in answer.answer and answer.verified
