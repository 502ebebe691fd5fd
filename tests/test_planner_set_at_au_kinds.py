"""Planner v2, kinds found by first-sight sets AS, AT and AU, each checked in several wordings."""

from __future__ import annotations

import pytest

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.planner.asks import asked
from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("part", ["6,000 of them are the fixed system prompt + docs", "of which 6,000 are the static "
                                  "instructions", "6,000 of those being our shared preamble"])
def test_a_part_of_the_input_beside_a_cached_share_is_said_once(part: str) -> None:
    plan = make_plan(f"RAG bot on claude-sonnet-4-5. Per call: 7,500 input tokens ({part}) and 500 output tokens. "
                     "80,000 calls a month. Monthly bill without caching, and with 80% of input tokens billed as "
                     "cache reads?")
    [step] = plan.steps
    with_cache, without = step.args["scenarios"]
    assert with_cache["cached_input_share"] == "80%" and "cached_input_tokens_per_query" not in with_cache
    assert (with_cache["users"], with_cache["queries_per_user"]) == (1, 80_000) and "cached_input_share" not in without


@pytest.mark.parametrize("who", ["The desk runs ~40 of these a day", "Our team fires about 40 of those per day",
                                 "the research department sends 40 such requests a day"])
def test_a_team_running_requests_is_the_whole_traffic(who: str) -> None:
    plan = make_plan(f"Each request stuffs a full 10-K into gemini-2.5-pro, about 300,000 input tokens, and gets "
                     f"~2,000 tokens back. {who}. Monthly and quarterly cost?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"], step.args["query_period"]) == (1, 40, "day")


@pytest.mark.parametrize("form", ["10-K", "8-K filing", "10-Q"])
def test_a_form_name_is_no_quantity(form: str) -> None:
    r = read(parse(f"We summarize every {form} with gpt-4o-mini, 20,000 input tokens and 1,000 output, 300 requests a day."))
    assert not r.unused and all(g.value not in (10, 8) for g in r.givens)


@pytest.mark.parametrize("staff", ["4 engineers at $15k/month fully loaded each (so $180k a year per head) plus about "
                                   "$6,000 a month of infra and tools",
                                   "$6,000 a month of infra plus 4 engineers at $15,000 a month each",
                                   "4 FTEs @ $15k/mo each, plus $6k/mo infra"])
def test_headcount_times_a_salary_is_a_fixed_cost(staff: str) -> None:
    plan = make_plan(f"Fixed costs: {staff}. Seat price $29/month, model cost ~$4.50 per seat per month. How many "
                     "seats to break even?")
    assert [s.tool for s in plan.steps] == ["change", "change", "break_even"]
    staff_cost, combined, _ = (s.args for s in plan.steps)
    assert (staff_cost["value"], staff_cost["factor"], combined["plus"]) == (15_000, 4, 6_000)


def test_headcount_times_a_salary_chains_into_the_break_even_figure(tmp_path) -> None:
    answer = Assistant(Settings(data_dir=tmp_path)).ask("Fixed costs: 4 engineers at $15k/month each plus $6,000 a month of infra. "
                                           "Seat price $29/month, model cost $4.50 per seat per month. Break-even "
                                           "seats?")
    assert "2,694" in answer.answer and "$66,000" in answer.answer and answer.verified


@pytest.mark.parametrize("q", ["500 employees at $30 a seat, $4 of model cost each. Margin?",
                               "30 developers at $19/month per seat. What's our monthly bill?"])
def test_people_at_a_seat_price_stay_users(q: str) -> None:
    assert "headcount" not in read(parse(q)).givens_vars()


@pytest.mark.parametrize("lead", ["Trying to figure out how many seats we need to break even.",
                                  "We want to work out how many seats we need to break even.",
                                  "I'm wondering how many seats it takes to break even."])
def test_an_ask_embedded_in_a_statement(lead: str) -> None:
    assert asked(f"{lead} Fixed costs $50k a month. Seat price $29/month.") == ["break_even_users"]


@pytest.mark.parametrize("salary", ["$15k/month fully loaded", "$180k fully loaded cost", "fully loaded $15k a month"])
def test_a_fully_loaded_salary_is_no_utilization(salary: str) -> None:
    assert "utilization" not in read(parse(f"Fixed: 4 engineers at {salary}. Price $20/user.")).givens_vars()


def test_a_busy_gpu_still_reads_fully_loaded() -> None:
    assert read(parse("4 H100s fully loaded serve 9,000 tokens/s at $2.10 an hour.")).get("utilization") is not None


@pytest.mark.parametrize("goal", ["need 70% GM.", "GM target is 70%.", "we want a 70% gross margin."])
def test_gm_is_the_gross_margin(goal: str) -> None:
    plan = make_plan(f"{goal} the avg user does 300 q/mo on gpt-5, 1.5k in / 700 out. min seat price?")
    assert [s.tool for s in plan.steps] == ["token_cost", "break_even"]
    assert plan.steps[1].args["target_margin"] == "70%" and plan.steps[0].args["queries_per_user"] == 300


@pytest.mark.parametrize(("q", "count"), [("internal copilot: 1,800 engs, ~40 completions per workday", 1_800),
                                          ("1,800 engineers, ~40 completions each per workday", 1_800)])
def test_shorthand_people_nouns(q: str, count: int) -> None:
    plan = make_plan(f"{q}, 22 workdays/mo, 2.5k in / 150 out, gpt-4.1-mini. per month + per year?")
    [step] = plan.steps
    assert step.args["users"] == count and [a.var for a in plan.asks] == ["monthly_cost", "yearly_cost"]


@pytest.mark.parametrize("ask", ["monthly + per PR?", "monthly and per PR?", "per month + per PR?"])
def test_a_bare_period_and_a_unit_ask_the_bill_and_the_cost_per_item(ask: str) -> None:
    plan = make_plan(f"PR review bot on o4-mini, ~6k in, ~800 out, ~1.2k PRs/day. {ask}")
    [step] = plan.steps
    assert step.args["queries_per_user"] == 1_200 and {a.var for a in plan.asks} == {"cost_per_query", "monthly_cost"}


@pytest.mark.parametrize("q", ["How many Pro users until we cover the burn?", "How many pro seats cover the burn?"])
def test_a_short_noun_stem_does_not_swallow_longer_words(q: str) -> None:
    assert asked(q) == ["break_even_users"]


@pytest.mark.parametrize("util", ["util more like 55%", "utilization closer to 55%", "we run at 55% util"])
def test_a_hedged_utilization(util: str) -> None:
    plan = make_plan(f"8x H100 serving a 70B model, measured ~28k tok/s aggregate, {util}. $/1M?")
    [step] = plan.steps
    assert step.args["utilization"] == "55%"


@pytest.mark.parametrize("fixed", ["~$15k/mo oncall/mlops", "~$15k/mo of on-call and mlops", "$15k a month ops/support"])
def test_two_fixed_costs_joined_by_a_slash(fixed: str) -> None:
    plan = make_plan(f"8x H100, measured ~28k tok/s, util 55%, plus {fixed}. $/1M and break-even monthly volume vs "
                     "claude-sonnet-4-5?")
    [step] = plan.steps
    assert step.args["fixed_monthly_usd"] == 15_000 and {a.var for a in plan.asks} == {"self_host_per_1m",
                                                                                       "break_even_tokens"}


@pytest.mark.parametrize("size", ["8x H100 running 70B in vLLM", "70B on 8x H100", "8x H100 serving 70B via vLLM"])
def test_a_served_model_size_is_no_count(size: str) -> None:
    r = read(parse(f"{size}, ~28k tok/s aggregate. $/1M?"))
    assert r.get("model_size") is not None and r.get("model_size").value == 70
    assert not any(g.value >= 1e9 for g in r.givens) and not r.unused


@pytest.mark.parametrize("tail", ["but we're only at ~25% util lol. $/M?", "we're at 25% util. $/1M?"])
def test_a_symbol_ask_after_a_sentence(tail: str) -> None:
    plan = make_plan(f"L40S @ $0.79/h, llama 8B measured ~2.5k tok/s, {tail}")
    [step] = plan.steps
    assert step.args["utilization"] == "25%" and [a.var for a in plan.asks] == ["self_host_per_1m"]


@pytest.mark.parametrize("then", ["and if power users push that avg to 500 q/mo?", "what if heavy users bring the "
                                  "average to 500 q/mo?"])
def test_an_average_pushed_by_heavy_users_is_the_mean(then: str) -> None:
    first = make_plan("we need 70% GM. avg user does 300 q/mo on gpt-5, 1.5k in / 700 out. min seat price?")
    plan = make_plan(then, list(first.steps))
    assert plan.steps[0].args["queries_per_user"] == 500 and plan.steps[-1].tool == "break_even"


@pytest.mark.parametrize("reasoning", ["reasoning tokens roughly 3x the visible output", "thinking ~3x the output",
                                       "reasoning about 3x visible output"])
def test_reasoning_as_a_multiple_of_the_output(reasoning: str) -> None:
    plan = make_plan(f"o4-mini PR bot, ~6k in, ~800 visible out, {reasoning}. ~1.2k PRs/day. monthly?")
    [step] = plan.steps
    assert step.args["reasoning_per_output"] == 3 and step.args["output_tokens_per_query"] == 800


@pytest.mark.parametrize(("ask", "var"), [("what do I accrue for the quarter?", "quarterly_cost"),
                                          ("what should we budget for the quarter?", "quarterly_cost"),
                                          ("what does the quarter look like then?", "quarterly_cost"),
                                          ("What's our weekly burn?", "weekly_cost"), ("daily burn?", "daily_cost")])
def test_finance_words_for_a_period_bill(ask: str, var: str) -> None:
    assert var in asked(ask)


@pytest.mark.parametrize("hit", ["they expect 35% of queries to hit it", "35% of requests would hit the cache",
                                 "a 35% hit rate"])
def test_a_semantic_cache_hit_rate_beside_a_hit_cost(hit: str) -> None:
    plan = make_plan(f"Our LLM invoice is running at $64,000 a month. A semantic cache: {hit}, and a hit costs about "
                     "5% of a normal call. What do we save per month?")
    [step] = plan.steps
    assert (step.args["monthly_bill_usd"], step.args["hit_rate"], step.args["hit_cost_ratio"]) == (64_000, "35%", "5%")


@pytest.mark.parametrize("lead", ["Two cost initiatives for next quarter, want the combined monthly saving:",
                                  "We want the combined monthly saving of two levers:"])
def test_a_request_without_a_question_mark_over_a_numbered_plan(lead: str) -> None:
    plan = make_plan(f"{lead}\n1. response cache, expected hit rate 20% (hits are free)\n2. trimming prompts by 30% of "
                     "input tokens\nCurrent bill $40k/month, and input tokens are about 60% of that bill.\nAlso give "
                     "me the annualized figure.")
    [step] = plan.steps
    assert step.args["input_share_of_bill"] == "60%" and [a.var for a in plan.asks] == ["saving", "yearly_saving"]


@pytest.mark.parametrize("trim", ["trim sys prompt -> -30% input tokens", "trim the system prompt by 30%",
                                  "cut prompts by 30%"])
def test_a_prompt_trim_written_as_a_negative_share(trim: str) -> None:
    plan = make_plan(f"current spend $18.5k/mo, input tokens ≈ 60% of the bill. plan: (a) response cache, ~15% hits "
                     f"(b) {trim}. combined saving + new monthly bill?")
    [step] = plan.steps
    assert (step.args["prompt_reduction"], step.args["input_share_of_bill"]) == ("30%", "60%")


@pytest.mark.parametrize("q", ["We expect 200,000 free users with 50 AI queries a month each. A query costs us 0.3 cents. "
                               "Worst case (everyone burns the whole quota), what does the free tier cost us per month?",
                               "200k free users, 50 free queries/mo each, $0.003 per query. What's the free tier cost?",
                               "Free tier: 200,000 users x 50 queries a month at 0.3 cents a query. Cost of the free "
                               "tier per month?"])
def test_a_free_tier_costed_alone(q: str) -> None:
    plan = make_plan(q)
    [step] = plan.steps
    assert step.tool == "token_cost" and (step.args["users"], step.args["queries_per_user"]) == (200_000, 50)
    assert step.args["query_period"] == "month" and step.args["cost_per_query_usd"] == 0.003
    then = make_plan("What if we cut that free quota to 20 queries?", list(plan.steps))
    assert then.steps[0].args["queries_per_user"] == 20


@pytest.mark.parametrize("keys", ["paying users: 3,000 on the $15/month plan, averaging 400 queries each per month\n"
                                  "free users: 25,000 with a 30-query monthly quota",
                                  "3,000 paying users on the $15/month plan averaging 400 queries a month; 25,000 free "
                                  "users with a 30-query monthly quota"])
def test_paying_and_free_users_as_key_lines(keys: str) -> None:
    plan = make_plan(f"Pricing memo numbers, need a check:\n{keys}\ncost per query: $0.005\nWhat's the total monthly "
                     "model cost and our blended gross margin once the free tier is counted?")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and (step.args["paying_users"], step.args["free_users"]) == (3_000, 25_000)


@pytest.mark.parametrize("ask", ["blended monthly GM incl. free tier?", "blended monthly GM, i.e. with the free tier?",
                                 "blended monthly gross margin incl. the free tier?"])
def test_an_abbreviation_does_not_end_the_ask(ask: str) -> None:
    assert "margin" in asked(f"freemium math: 50k free users w/ 30 q/mo quota, 4k paying $9/mo. {ask}")


@pytest.mark.parametrize("unit", ["One lesson-plan generation costs us about 0.9 cents.",
                                  "A single generation costs us 0.9 cents.", "Each generation costs us $0.009."])
def test_the_cost_of_one_item_is_per_query(unit: str) -> None:
    plan = make_plan(f"We charge $8 per teacher per month. {unit} If we want to keep a 75% gross margin, how many "
                     "generations can the plan include each month?")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and step.args["cost_per_query_usd"] == 0.009
    assert [a.var for a in plan.asks] == ["max_queries"]


@pytest.mark.parametrize("agents", ["2,000 call-center agents", "2,000 help-desk agents", "2,000 agents"])
def test_a_hyphened_compound_before_the_counted_noun(agents: str) -> None:
    r = read(parse(f"Budget is USD 5k a month. {agents}, ~40 AI-assisted tickets per agent per day, model at $0.15 "
                   "per million tokens. How many tokens per ticket can we afford?"))
    assert r.get("users").value == 2_000 and r.get("queries_per_user").value == 40


@pytest.mark.parametrize("q", ["Our school district (31 schools) is piloting a writing tutor for 18,000 students. Each "
                               "student uses it about 3 times per school day.",
                               "We have 31 schools and 18,000 students. Every student uses the tutor 3 times per "
                               "school day."])
def test_the_users_are_the_count_the_usage_names(q: str) -> None:
    r = read(parse(f"{q} 600 words in and 300 out on gpt-4.1-mini. Monthly cost?"))
    assert [g.value for g in r.all("users")] == [18_000] and "31" in r.unused


@pytest.mark.parametrize("team", ["team is 14 agents if that matters.", "We have 14 agents on the team.",
                                  "(14 agents)"])
def test_our_traffic_is_a_total_beside_a_headcount(team: str) -> None:
    plan = make_plan(f"we get roughly twelve hundred tickets a day and want gpt-4o-mini to draft every reply. prompt is "
                     f"~1,800 tokens, the draft comes back ~350 tokens. {team} monthly cost?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"]) == (1, 1_200)


def test_a_rate_said_per_agent_stays_per_agent() -> None:
    plan = make_plan("We have 14 agents. We get 80 tickets a day per agent on gpt-4o-mini, 1,800 tokens in and 350 "
                     "out. Monthly cost?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"]) == (14, 80)


@pytest.mark.parametrize("fixed", ["Our AI team and tooling run $540k a year.", "Team and tooling cost $540k a year.",
                                   "Our AI team runs $540k a year."])
def test_fixed_costs_named_by_what_they_pay_for(fixed: str) -> None:
    plan = make_plan(f"{fixed} The plan is $18/month per user and model usage is $3/user/month. Break-even paying "
                     "users?")
    [step] = plan.steps
    assert (step.args["fixed_costs_usd"], step.args["fixed_costs_period"]) == (540_000, "year")


@pytest.mark.parametrize("saving", ["it saves ~$22k/mo of API spend", "it saves us $22k a month of inference cost",
                                    "a saving of $22k/mo"])
def test_a_saving_named_by_what_it_saves(saving: str) -> None:
    plan = make_plan(f"distill-our-own-model project: ~$180k upfront, 3 months to build, after that {saving}. payback?")
    [step] = plan.steps
    assert (step.args["monthly_saving_usd"], step.args["build_months"]) == (22_000, 3)


@pytest.mark.parametrize("hours", ["it frees up about 310 nurse-hours a month, which we value at $58 an hour",
                                   "it saves 310 staff hours a month, worth $58 an hour",
                                   "it gives back 310 hours of work a month at $58 an hour"])
def test_a_saving_valued_from_hours(hours: str) -> None:
    plan = make_plan(f"The tool costs a one-off $180,000 and takes 3 months to build. After that {hours}. How long "
                     "until it pays back?")
    change, payback = plan.steps
    assert (change.args["value"], change.args["factor"]) == (58, 310) and payback.tool == "break_even"


@pytest.mark.parametrize("ask", ["How many paying users do we need to break even on the AI tier at $25/month each?",
                                 "Break-even users for the AI tier at $25 a month?"])
def test_break_even_without_fixed_costs_asks_for_them(ask: str) -> None:
    plan = make_plan(f"{ask} Model cost is about $4 a user.")
    assert plan.kind == "clarify" and "fixed costs" in plan.text


@pytest.mark.parametrize("ask", ["Monthly add-on revenue, model cost and gross margin?",
                                 "What's the total revenue, model cost and margin a month?"])
def test_an_adoption_share_with_the_month_s_totals(ask: str) -> None:
    plan = make_plan(f"We have 120,000 seats. The AI add-on would be $8/seat/month and we expect 12% of seats to buy "
                     f"it. Model cost per buyer is about $1.40 a month. {ask}")
    change, margin = plan.steps
    assert change.args["share_percent"] == 12 and margin.args["users"] == {"$from": ["change", "value"]}
    assert [a.var for a in plan.asks][:2] == ["monthly_revenue", "monthly_cost"]


def test_a_headcount_beside_revenue_and_cogs_is_no_user_count_for_totals() -> None:
    plan = make_plan("pasting from our P&L:\nmonthly_revenue: 480,000\ncogs (openai + gpu): 168,000\nheadcount: 23\n"
                     "what's the gross margin?")
    [step] = plan.steps
    assert step.tool == "margin" and "users" not in step.args


@pytest.mark.parametrize("size", ["each question is approx 1 200 tokens", "every request is about 1,200 tokens",
                                  "~1.2k tokens per question"])
def test_each_query_s_size_is_the_whole_query(size: str) -> None:
    plan = make_plan(f"We have 3 500 clients, every client make about 40 question per month, {size}. We use "
                     "deepseek-chat. How much it cost per month?")
    [step] = plan.steps
    assert step.args["tokens_per_query"] == 1_200 and "input_tokens_per_query" not in step.args


@pytest.mark.parametrize("build", ["(3 months of work)", "(3 months of engineering)", "and 3 months of development"])
def test_months_of_work_are_build_months(build: str) -> None:
    plan = make_plan(f"Proposal: spend $240,000 fine-tuning a smaller model {build}. Once live it should cut our API "
                     "bill by $18k a month. Payback period, and how many months from kickoff until we're even?")
    [step] = plan.steps
    assert (step.args["build_months"], step.args["monthly_saving_usd"]) == (3, 18_000)


@pytest.mark.parametrize("cogs", ["Blended COGS for it (API + hosting) came out at $7.25 per seat last month.",
                                  "COGS per seat came to $7.25 last month.", "Our COGS is $7.25 per seat."])
def test_cogs_per_seat_is_a_cost(cogs: str) -> None:
    plan = make_plan(f"Our AI assistant tier is priced at $29 per seat per month. {cogs} What is our gross margin?")
    [step] = plan.steps
    assert (step.args["price_per_user_usd"], step.args["cost_per_user_usd"]) == (29, 7.25)


@pytest.mark.parametrize("q", ["Q3 AI revenue was $1.8M; API plus GPU hosting came to $630k for the quarter. Gross "
                               "margin?", "Q3 numbers: revenue 1.8M USD, COGS 630k (OpenAI is 400k of that). gross "
                               "margin?"])
def test_a_quarter_s_revenue_and_cogs(q: str) -> None:
    plan = make_plan(q)
    [step] = plan.steps
    assert (step.args["revenue_usd"], step.args["cogs_usd"]) == (1_800_000, 630_000)


@pytest.mark.parametrize("lines", ["agents: 2,400\ncalls_per_agent_per_workday: 35\nworkdays_per_month: 22\n"
                                   "input_tokens_per_call: 3,000 (transcript)\noutput_tokens_per_call: 400",
                                   "- agents: 2,400\n- calls per agent per workday: 35\n- workdays per month: 22\n"
                                   "- input tokens per call: 3,000\n- output tokens per call: 400"])
def test_identifier_keys_on_every_line(lines: str) -> None:
    plan = make_plan(f"RFP section 4.2 - cost estimate:\nmodel: gpt-4.1-mini\n{lines}\nrequired: monthly cost and "
                     "annual cost")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"], step.args["active_days_per_month"]) == (2_400, 35, 22)
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (3_000, 400)


@pytest.mark.parametrize("key", ["requests_per_user_month: 60", "requests per user per month: 60"])
def test_a_rate_key_with_its_period_glued_on(key: str) -> None:
    plan = make_plan(f"need the full-year cost for this line:\nMAU: 45,000\n{key}\ninput_tokens: 900\n"
                     "output_tokens: 300\nmodel: gemini-2.5-flash")
    [step] = plan.steps
    assert (step.args["queries_per_user"], step.args["query_period"]) == (60, "month")


@pytest.mark.parametrize("fixed", ["Fixed run cost of our regulated tier (dedicated compliance team, SOC 2 audits, "
                                   "on-call) is $84,000 a month.",
                                   "We pay an annual platform license of 1,008,000 USD per year (fixed).",
                                   "Fixed costs (ISO 27001 upkeep and the compliance team) are $84k a month."])
def test_fixed_costs_named_by_the_sentence_or_a_bracket(fixed: str) -> None:
    plan = make_plan(f"{fixed} We charge $60 per seat, variable cost is $18 per seat. Break-even seats?")
    [step] = plan.steps
    assert step.tool == "break_even" and step.args["fixed_costs_usd"] in (84_000, 1_008_000)


@pytest.mark.parametrize(("budget", "period"), [("The annual budget for the assistant is $360,000.", "year"),
                                                ("Quarterly budget for the underwriting copilot: $90,000.",
                                                 "quarter"),
                                                ("We can spend $30,000 a month.", None)])
def test_a_budget_for_a_year_or_a_quarter_is_made_monthly_by_the_solver(budget: str, period: str | None) -> None:
    plan = make_plan(f"{budget} 5,000 employees, 1,500 tokens per query, $0.002 per 1K tokens. How many queries per "
                     "employee per day can we afford?")
    [step] = plan.steps
    assert step.tool == "solve" and step.args.get("monthly_cost_period") == period


@pytest.mark.parametrize("usage", ["each one gets on average 6 AI-drafted letters per year",
                                   "each policyholder receives about 6 letters a year"])
def test_usage_said_on_average_is_no_quota(usage: str) -> None:
    plan = make_plan(f"We have 90,000 policyholders and {usage}. A letter is ~2,000 tokens. Our price is $0.0025 per "
                     "1K tokens, blended. What is the annual cost?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"], step.args["query_period"]) == (90_000, 6, "year")


@pytest.mark.parametrize("back", ["gets ~900 words of redline commentary back", "~900 words of commentary come back",
                                  "returns ~900 words of comments"])
def test_words_of_something_back_are_the_output(back: str) -> None:
    r = read(parse(f"A review sends roughly 6,000 words of contract in and {back}."))
    assert (r.get("input_words").value, r.get("output_words").value) == (6_000, 900)


@pytest.mark.parametrize("ask", ["is deepseek-chat or gpt-4.1-mini cheaper per million tokens, and by what factor?",
                                 "would deepseek-chat or gpt-4.1-mini be cheaper per 1M tokens?"])
def test_is_x_or_y_cheaper_compares(ask: str) -> None:
    plan = make_plan(f"On list price alone: {ask}")
    [step] = plan.steps
    assert step.tool == "compare" and len(step.args["options"]) == 2


@pytest.mark.parametrize(("first", "then", "var", "value"), [
    ("freemium writing tool. 3,000 free users, 20 free generations/month each, every generation costs me $0.003. what "
     "does the free tier cost me per month?", "and if I cut the quota to 12?", "queries_per_user", 12),
    ("recipe chatbot on gpt-4o-mini. ~300 users, each sends maybe 5 messages a day, 800 input tokens + 200 output. "
     "what's that per month?", "ok and on claude-haiku-4-5, back at 8 a day?", "queries_per_user", 8)])
def test_a_bare_figure_in_a_follow_up_takes_its_scenario_variable(first: str, then: str, var: str,
                                                                  value: float) -> None:
    plan = make_plan(then, list(make_plan(first).steps))
    assert plan.steps[0].args[var] == value


@pytest.mark.parametrize("cache", ["if the system prompt is served from the prompt cache (cache reads)",
                                   "with the system prompt read from the cache", "if the system prompt is cached"])
def test_the_input_part_named_as_cached(cache: str) -> None:
    plan = make_plan(f"claude-sonnet-4-5. every request = 8,000-token system prompt + ~400-token user message, ~300 "
                     f"tokens out. 20k requests/day. {cache}, what's the monthly cost vs no cache?")
    [step] = plan.steps
    with_cache, without = step.args["scenarios"]
    assert with_cache["cached_input_tokens_per_query"] == 8_000 and with_cache["input_token_parts"] == [8_000, 400]
    assert "cached_input_tokens_per_query" not in without


@pytest.mark.parametrize("guide", ["the firm's 12,000-token style guide as the system prompt plus a ~500-token question",
                                   "a 12,000 token style guide plus a 500 token question"])
def test_a_named_prefix_is_an_input_part(guide: str) -> None:
    r = read(parse(f"Every request carries {guide}, and the answer is ~700 tokens. If the style guide is served from "
                   "the prompt cache, what is the monthly cost?"))
    assert [g.value for g in r.all("input_token_part")] == [12_000, 500] and r.get("cached_tokens").value == 12_000


@pytest.mark.parametrize("ask", ["monthly w/ caching vs w/o?", "monthly with caching vs without?"])
def test_with_and_without_caching_in_shorthand(ask: str) -> None:
    plan = make_plan("claude-sonnet-4-5: 400 agents x ~25 tickets/day. each call = 8k-token system prompt (cached, read "
                     f"at the cache-read rate) + ~500 tok of ticket text, ~400 out. {ask}")
    [step] = plan.steps
    assert step.tool == "compare" and len(step.args["scenarios"]) == 2


@pytest.mark.parametrize("rest", ["the other 500 are the customer's message", "the remaining 500 are the question"])
def test_the_rest_of_the_input_is_no_count(rest: str) -> None:
    plan = make_plan(f"Support bot on claude-haiku-4-5. Every reply sends 6,500 input tokens, of which 6,000 are the "
                     f"system prompt that we read from the prompt cache; {rest}. Replies are ~300 tokens. We send "
                     "40,000 replies a month. What's the monthly cost with caching?")
    [step] = plan.steps
    assert (step.args["users"], step.args["queries_per_user"]) == (1, 40_000)
    assert step.args["cached_input_tokens_per_query"] == 6_000


@pytest.mark.parametrize("spend", ["spend $90,000 building a fine-tuned ticket-triage model",
                                   "put $90,000 into fine-tuning a triage model"])
def test_an_amount_spent_building_is_the_investment(spend: str) -> None:
    plan = make_plan(f"Proposal: {spend}. Build takes 3 months, then it saves about $7,500 a month in API spend. How "
                     "long until it pays back?")
    [step] = plan.steps
    assert (step.args["upfront_investment_usd"], step.args["monthly_saving_usd"]) == (90_000, 7_500)


@pytest.mark.parametrize("seat", ["an $18 seat", "a $18 seat", "$18 per seat"])
def test_the_most_cost_per_seat_at_a_margin(seat: str) -> None:
    plan = make_plan(f"We want to hold a 65% gross margin on {seat}. What's the max AI cost per seat we can afford?")
    assert plan.kind == "calc" and plan.steps[-1].tool in ("solve", "break_even", "margin")
    assert any(a.var == "cost_per_user" for a in plan.asks)


@pytest.mark.parametrize("today", ["Also show today's cost for reference.", "What is it before and after?",
                                   "Compare with the current bill."])
def test_a_price_rise_beside_today_s_bill(today: str) -> None:
    plan = make_plan("If OpenAI raised gpt-4o prices by 20%, what would our summarizer cost per month? 2,000 agents x "
                     f"25 summaries per day, 1,200 input and 200 output tokens per summary. {today}")
    [step] = plan.steps
    raised, now = step.args["scenarios"]
    assert raised["price_change"] == "20%" and "price_change" not in now


@pytest.mark.parametrize("ask", ["how much pricier is claude-sonnet-4-5 than gpt-5?",
                                 "how much more expensive is claude-sonnet-4-5 than gpt-5 per 1M tokens?"])
def test_how_much_pricier_compares(ask: str) -> None:
    plan = make_plan(f"Per million tokens (usual 75/25 input/output mix), {ask}")
    [step] = plan.steps
    assert step.tool == "compare"


@pytest.mark.parametrize("budget", ["Our annual AI budget is $216k. At $0.0005 per 1K tokens,",
                                    "Annual AI budget: $216k. Price $0.0005 per 1K tokens;"])
def test_a_denominator_is_not_shared_across_sentences(budget: str) -> None:
    plan = make_plan(f"{budget} 15 queries per user per day and 800 tokens each, how many users can we support?")
    [step] = plan.steps
    assert step.tool == "solve" and step.args["knowns"]["price_per_1k"] == 0.0005


@pytest.mark.parametrize("q", ["what did the ChatGPT API (gpt-3.5-turbo) cost per 1K tokens at its 2023 launch?",
                               "what did OpenAI charge for GPT-3.5 Turbo per 1K tokens when the ChatGPT API launched?"])
def test_a_launch_price_on_record_is_knowledge(q: str) -> None:
    assert make_plan(q).kind == "knowledge"


def test_rented_gpu_hours_are_no_time_saved() -> None:
    r = read(parse("We rent an H100 for 720 hours a month at $2.69 an hour, 3,000 tokens/s. Does it save money vs the "
                   "API at $0.50 per 1M?"))
    assert "hours_saved" not in r.givens_vars() and r.get("gpu_hourly").value == 2.69


def test_staff_a_year_beside_infra_a_month_is_not_summed() -> None:
    plan = make_plan("Fixed costs are $6,000 a month of infra plus 2 engineers at $150k a year each. We charge $25 per "
                     "seat and the model costs $5 per seat. Break-even seats?")
    assert not any(s.tool == "change" and s.args.get("plus") for s in plan.steps)


@pytest.mark.parametrize("heavy", ["A power user makes 3,000 queries in a month",
                                   "Our heaviest accounts run about 3,000 queries a month",
                                   "The top user sends 3,000 queries a month"])
def test_one_heavy_user_s_bill_with_overage(heavy: str) -> None:
    plan = make_plan(f"Plan: $12/month includes 500 queries, then $3 per 1,000 queries overage. A query costs us "
                     f"$0.006. {heavy}. What do they pay us, what do they cost us, and our margin on them?")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and step.args["heavy_user_queries_per_month"] == 3_000
    assert "heavy_user_margin" in [a.var for a in plan.asks]


@pytest.mark.parametrize("ask", ["what util do we need to get to $0.40 per 1M tok?",
                                 "what utilization do we need for $0.40 per 1M tokens?"])
def test_utilization_as_the_unknown(ask: str) -> None:
    plan = make_plan(f"4x A100 (the $1.39/hr ones), ~6k tok/s total across the 4. {ask}")
    [step] = plan.steps
    assert step.tool == "solve" and step.args["unknown"] == "utilization"
