"""Kinds found by first-sight sets EJ and EK (and the eleventh session's open ones), each with metamorphic variants.

The level GPUs are run at, said with a verb or after a key's framing; where traffic runs today ("we're all on X"); a
share said twice; the cached part of the input said in an aside; input parts listed beside the answer; a break-even
asked with only its price; a cost per a trade's unit said of hosting.
"""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from assistant.planner.model import plan_for
from assistant.planner.plan import Plan, make_plan
from assistant.planner.steps import Step


def _step(question: str, tool: str, history: list[Step] | None = None) -> Step:
    plan = make_plan(question, history or [])
    found = [s for s in plan.steps if s.tool == tool]
    assert found, (plan.kind, plan.text, [s.tool for s in plan.steps])
    return found[0]


def _then(first: str, reply: str) -> Plan:
    """The plan for `reply` after the offline planner's own turn on `first` (a clarification or an answer)."""
    before = make_plan(first)
    said = AIMessage(content=before.text or "answered",
                     response_metadata={"planner": before.kind or "answer", "missing": before.missing},
                     tool_calls=[{"name": s.tool, "args": s.args, "id": f"c{i}"} for i, s in enumerate(before.steps)])
    return plan_for([HumanMessage(first), said, HumanMessage(reply)])


# -- utilization: "we'd run them at 70%", "utilization: we plan for 70%" ------------------------------------------

@pytest.mark.parametrize("said", [
    "we'd run them at {u}%", "we would keep the cards at {u}%", "we plan to run each GPU at {u}%",
    "we'll be running them at {u}%",
])
@pytest.mark.parametrize("util", [60, 70])
def test_the_level_gpus_are_run_at_is_their_utilization(said: str, util: int) -> None:
    question = (f"we must serve about 9B tokens a month. one H100 does ~2,400 tok/s at full load and "
                f"{said.format(u=util)}. how many H100s, and the monthly rent?")
    step = _step(question, "self_host")
    assert step.args["utilization"] == f"{util}%"
    assert step.args["monthly_tokens"] == 9e9


@pytest.mark.parametrize("framing", ["we plan for", "we expect", "targeting", "we'd assume", "planning for"])
def test_a_key_lines_framing_says_nothing_of_its_value(framing: str) -> None:
    question = ("GPU plan for the summariser:\nworkload: 12B tokens a month\nGPU: H100 at $2.49/h\n"
                f"throughput: ~2,000 tok/s per GPU at full load\nutilization: {framing} 65%\n"
                "GPUs needed and monthly rent?")
    step = _step(question, "self_host")
    assert step.args["utilization"] == "65%"


# -- routing: where traffic runs today, and a share said twice ----------------------------------------------------

@pytest.mark.parametrize("today", [
    "we're all on gpt-4o today", "the bot is all on gpt-4o right now", "we are all on gpt-4o",
    "everything runs on gpt-4o today",
])
@pytest.mark.parametrize("rest", ["rest stays on gpt-4o", "the remainder stays on gpt-4o", "keep the rest on gpt-4o"])
def test_all_on_a_model_today_is_the_baseline_the_rest_stays_on(today: str, rest: str) -> None:
    question = f"{today}, about $12,000 a month. plan: send 75% to gpt-4o-mini, {rest}. new monthly bill?"
    step = _step(question, "routing")
    assert step.args["routes"] == [{"model": "gpt-4o-mini", "share": "75%"}, {"model": "gpt-4o"}]
    assert step.args["baseline_model"] == "gpt-4o"
    assert step.args["monthly_bill_usd"] == 12000


@pytest.mark.parametrize("context", [
    "evals say mini handles the simple tickets, roughly {s}% of them.",
    "about {s}% of requests are easy ones.",
])
@pytest.mark.parametrize("share", [60, 70])
def test_a_share_said_again_with_its_model_is_one_share(context: str, share: int) -> None:
    question = (f"the summariser is all on gpt-4o, about $20k a month. {context.format(s=share)} "
                f"if we route {share}% of requests to gpt-4o-mini and keep the rest on gpt-4o, new monthly bill?")
    step = _step(question, "routing")
    assert step.args["routes"] == [{"model": "gpt-4o-mini", "share": f"{share}%"}, {"model": "gpt-4o"}]


# -- caching said in an aside, and input parts listed beside the answer -------------------------------------------

@pytest.mark.parametrize("aside", [
    "({c} of those come from the prompt cache)", "({c} of these are served from the cache)",
    "({c} of those are cache reads)",
])
def test_the_cached_part_said_in_an_aside(aside: str) -> None:
    question = (f"Help bot on claude-haiku-4-5, per chat: instructions + policy docs 6,000 tokens "
                f"{aside.format(c='5,000')}, user message ~400 tokens, reply ~300 tokens. 900k chats a month. "
                "Monthly cost?")
    step = _step(question, "token_cost")
    assert step.args["cached_input_tokens_per_query"] == 5000
    assert step.args["input_token_parts"] == [6000, 400]
    assert step.args["output_tokens_per_query"] == 300


@pytest.mark.parametrize("listed", ["customer message ~{n} tokens", "the user's question about {n} tokens",
                                    "ticket text {n} tokens"])
def test_a_part_listed_after_the_input_beside_the_answer_is_more_input(listed: str) -> None:
    question = (f"per call: system prompt 3,000 tokens, {listed.format(n=500)}, answer ~200 tokens. "
                "40k calls a day on gpt-4.1-mini. monthly cost?")
    step = _step(question, "token_cost")
    assert step.args["input_token_parts"] == [3000, 500]
    assert step.args["output_tokens_per_query"] == 200


def test_a_count_as_large_as_the_whole_call_is_no_input_part() -> None:
    question = ("per call: 3,000 input tokens, 4,000 tokens, answer ~200 tokens. 40k calls a day on gpt-4.1-mini. "
                "monthly cost?")
    plan = make_plan(question)
    assert not any(s.args.get("input_token_parts") for s in plan.steps)


@pytest.mark.parametrize("said", ["fully cached", "entirely cached", "always cached", "fully prompt-cached"])
def test_a_prefix_said_fully_cached_is_the_cached_part(said: str) -> None:
    question = (f"triage on gpt-4.1-mini: every call = 5,000-token system prompt (rules + examples, {said}) + ~700 "
                "tokens of the ticket, ~200 tokens out. ~10k tickets/day. monthly bill?")
    step = _step(question, "token_cost")
    assert step.args["cached_input_tokens_per_query"] == 5000


# -- break-even: only the price given, then the rest ---------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "How many sites do we need to break even? we charge $35/site/month.",
    "we charge $35 per clinic a month. how many clinics to break even?",
    "break-even number of stores at $35/store/month?",
])
def test_a_break_even_asked_with_only_its_price_asks_for_the_rest(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "clarify"
    assert "fixed costs" in plan.text and "cost to serve one" in plan.text


@pytest.mark.parametrize("cost", ["model + hosting per site $7", "hosting per site is $7",
                                  "model and hosting per site: $7"])
def test_a_cost_per_site_said_of_hosting_is_the_cost_per_user(cost: str) -> None:
    first = "How many sites do we need to break even? we charge $35/site/month."
    assert make_plan(first).kind == "clarify"
    [step] = _then(first, f"fixed costs are $28k a month, {cost}").steps
    assert step.tool == "break_even"
    assert (step.args["variable_cost_per_user_usd"], step.args["fixed_costs_usd"]) == (7, 28000)


# -- customers by a trade's noun, and a fixed cost named after its amount -----------------------------------------

@pytest.mark.parametrize("noun", ["riders", "rooftops", "wards", "depots"])
@pytest.mark.parametrize("usage", ["3 questions a day", "about 3 requests a day", "~3 queries/day"])
def test_a_count_listed_right_before_what_each_asks_is_the_users(noun: str, usage: str) -> None:
    question = f"rider app: 20k {noun}, {usage}, ~1,200 tokens each, $0.5 per M. what's the monthly cost?"
    step = _step(question, "token_cost")
    assert (step.args["users"], step.args["queries_per_user"]) == (20000, 3)


@pytest.mark.parametrize("fixed", ["plus $2k/month fixed platform cost", "plus $2,000 a month fixed costs",
                                   "and $2k per month in fixed hosting"])
def test_a_fixed_cost_named_after_its_amount(fixed: str) -> None:
    question = (f"20k users, 3 questions a day, ~1,200 tokens each, $0.5 per M, {fixed}. if each input swings "
                "+/-20%, which one moves the monthly cost most?")
    step = _step(question, "sensitivity")
    assert step.args["fixed_cost_month"] == 2000


# -- sets EL and EM: working days in an aside, chat shorthand, a provider's cents, a cost per call ----------------

@pytest.mark.parametrize("said", ["only on working days (22 in a month)", "on business days only (22 a month)",
                                  "working days (say 22 per month)"])
def test_working_days_said_in_an_aside(said: str) -> None:
    question = (f"We have 90 nurses, each drafting around 40 notes per day, {said}. Every note is 1,500 tokens in "
                "and 300 tokens out on gpt-4.1-mini. Monthly cost?")
    step = _step(question, "token_cost")
    assert step.args["active_days_per_month"] == 22
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (1500, 300)


@pytest.mark.parametrize("ask", ["whats one request cost us", "what's one request cost us", "whats a single request cost us"])
def test_one_requests_cost_in_chat_shorthand(ask: str) -> None:
    step = _step(f"{ask} if we pay $0.6/M blended and a request is ~2.2k tokens all in?", "token_cost")
    assert (step.args["users"], step.args["queries_per_user"]) == (1, 1)


def test_an_apostrophe_is_not_added_to_a_possessive() -> None:
    from assistant.planner.normalize import with_apostrophes
    assert with_apostrophes("its price is $2 and whats the bill") == "its price is $2 and what's the bill"


@pytest.mark.parametrize("share", ["40 cents of every revenue dollar goes to OpenAI",
                                   "40 cents out of each sales dollar go to the model vendor"])
def test_a_providers_cents_of_every_dollar_is_its_share(share: str) -> None:
    step = _step(f"ARR is $12M and roughly {share}. gross margin and gross profit a year?", "margin")
    assert step.args["provider_share"] == "40%"


@pytest.mark.parametrize("item,calls", [("claim", "triage requests"), ("order", "lookup calls"),
                                        ("ticket", "classification requests")])
def test_a_known_cost_per_call_times_the_calls_per_item(item: str, calls: str) -> None:
    noun = calls.split()[-1][:-1]
    question = (f"each {calls.split()[0]} {noun} costs us about 1.8 cents all-in. we see 14k {item}s a month and "
                f"every {item} needs ~3 {calls}. monthly spend?")
    step = _step(question, "token_cost")
    assert step.args["cost_per_query_usd"] == 0.018 and step.args["calls_per_query"] == 3


def test_a_known_cost_per_task_is_not_multiplied_by_its_calls() -> None:
    step = _step("each task costs us about 5 cents all-in. we run 14k tasks a month and every task makes 3 model "
                 "calls. monthly spend?", "token_cost")
    assert step.args["cost_per_query_usd"] == 0.05 and "calls_per_query" not in step.args


@pytest.mark.parametrize("payer", ["dealers are paying", "clinics pay", "our tenants would pay"])
@pytest.mark.parametrize("unit", ["$149/month for each rooftop", "$149 per rooftop a month"])
def test_what_customers_pay_is_a_price_and_the_live_count_gives_the_monthly_profit(payer: str, unit: str) -> None:
    question = (f"{payer} {unit}, model plus hosting is costing us about $41 per rooftop monthly, 310 rooftops are "
                "live. gross margin and the monthly gross profit?")
    plan = make_plan(question)
    [step] = plan.steps
    assert (step.args["price_per_user_usd"], step.args["cost_per_user_usd"], step.args["users"]) == (149, 41, 310)
    assert any(a.field == "monthly_gross_profit_usd" for a in plan.asks)


# -- sets EN and EO: what a plan can include, a cap, a heavy client under an overage plan --------------------------

@pytest.mark.parametrize("name", ['an "explain my statement" add-on', "a statement-explainer add-on",
                                  'a "why is my bill high" add-on'])
@pytest.mark.parametrize("item", ["explanations", "summaries", "rewrites"])
def test_how_many_items_a_plan_can_include_at_a_margin(name: str, item: str) -> None:
    question = (f"Thinking about {name} at $25/month. Each {item[:-1] if item != 'summaries' else 'summary'} costs "
                f"us ~0.6 cents in model fees. If we want to hold an 80% gross margin, how many {item} can we "
                "include per month?")
    plan = make_plan(question)
    assert [a.field for a in plan.asks] == ["max_queries_at_target_margin"]
    assert plan.steps[0].args["cost_per_query_usd"] == 0.006


@pytest.mark.parametrize("cap", ["CFO caps the client-letter assistant at $6k/month",
                                 "finance limits the letter tool to $6,000 a month",
                                 "the CFO capped the assistant at about $6k a month"])
@pytest.mark.parametrize("who", ["advisers", "brokers", "bankers"])
def test_a_cap_on_a_product_is_a_budget_and_its_users_are_sought(cap: str, who: str) -> None:
    question = (f"{cap}. Each draft is ~3,000 tokens, we pay $2 per 1M blended, and one of our {who} drafts about "
                f"25 a day. How many {who} can we roll it out to?")
    step = _step(question, "solve")
    assert step.args["unknown"] == "users" and step.args["knowns"]["monthly_cost"] == 6000


@pytest.mark.parametrize("heavy", ["Our biggest client ran 9,500 last month", "our largest firm did 9,500 in May",
                                   "One firm ran 9,500 last month"])
def test_a_heavy_client_under_an_overage_plan_priced_per_unit_of_work(heavy: str) -> None:
    question = ("Our close-automation plan is $199/month per firm, includes 2,000 reconciliations, then $40 per "
                f"1,000 extra. Model cost is ~3 cents per reconciliation. {heavy}. What did they pay, and what "
                "margin did we make on them?")
    step = _step(question, "pricing_plan")
    assert step.args["heavy_user_queries_per_month"] == 9500 and step.args["cost_per_query_usd"] == 0.03
    assert step.args["free_quota_queries"] == 2000


# -- tier tables and bullets -----------------------------------------------------------------------------------------

_TIER_TABLE = """{lead}

| tier | {who}  | price  | queries / month      |
|------|--------|--------|----------------------|
| free | 40,000 | $0     | {quota}              |
| pro  | 6,000  | $15/mo | ~300 on average      |

each query costs us ~$0.004. what's the free tier costing us per month and what's the overall gross margin?"""


@pytest.mark.parametrize("lead", ["freemium math check pls", "Numbers from the pricing doc", "quick sanity check"])
@pytest.mark.parametrize("who", ["users", "drivers", "members"])
@pytest.mark.parametrize("quota", ["capped at 25", "25 (hard quota)", "25 (quota, all used)"])
def test_a_tier_table_under_a_line_of_prose(lead: str, who: str, quota: str) -> None:
    step = _step(_TIER_TABLE.format(lead=lead, who=who, quota=quota), "pricing_plan")
    assert (step.args["free_users"], step.args["free_quota_queries"]) == (40000, 25)
    assert (step.args["paying_users"], step.args["queries_per_user_per_month"]) == (6000, 300)


@pytest.mark.parametrize("aside", ["(3 pilots x 400)", "(2 x 600)", "(800 + 400)"])
def test_an_aside_that_works_out_the_count_before_it_is_no_input(aside: str) -> None:
    question = (f"Pilot setup:\n- 1,200 trial agents {aside}, 300 free summaries/month each\n- 2,100 paying seats at "
                "$9/month, avg 1,100 summaries per seat per month\n- cost per summary: $0.0024\nwhat does the free "
                "tier cost us per month and what's the overall gross margin?")
    plan = make_plan(question)
    [step] = plan.steps
    assert (step.args["free_users"], step.args["paying_users"]) == (1200, 2100) and plan.understood


def test_an_aside_splitting_tokens_into_sides_is_still_read() -> None:
    step = _step("8 thousand users, 25 questions per day each, each question is 1,000 tokens (700 input + 300 "
                 "output) on deepseek-chat. monthly cost?", "token_cost")
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (700, 300)


@pytest.mark.parametrize("item", ["wrap-ups", "call summaries", "scorecards"])
def test_how_many_items_per_seat_a_plan_can_include(item: str) -> None:
    question = (f"Plan is $15 per seat, cost per {item[:-1]} $0.0018, we want 75% margin. How many {item} per seat "
                "can the plan include?")
    plan = make_plan(question)
    assert [a.field for a in plan.asks] == ["max_queries_at_target_margin"]


# -- sets ER and ES: a day's burn at a cost per conversation, routing a bill, the total of its parts, profit today ----

@pytest.mark.parametrize("burn", ["burning ~$694,444 a day", "spending about $694,444 per day", "burns $694,444 a day"])
def test_a_days_burn_at_a_cost_per_conversation_is_a_bill_not_a_plan(burn: str) -> None:
    plan = make_plan(f"ChatGPT {burn} at ~36 cents per conversation. how many conversations a day does that imply?")
    assert [s.tool for s in plan.steps][:1] == ["solve"]
    assert plan.steps[0].args["unknown"] == "queries_per_user_per_day"
    assert plan.steps[0].args["knowns"]["monthly_cost"] == 694444


@pytest.mark.parametrize("bill", ["spends $42k a month on one model", "pays $42,000 a month on a single model",
                                  "spends $42k/month on the API"])
@pytest.mark.parametrize("move", ["route 70% of the easy disputes to a model that is 12x cheaper",
                                  "push 70% of citation checks to a model that's 12x cheaper"])
def test_a_bill_routed_in_part_to_a_cheaper_model(bill: str, move: str) -> None:
    step = _step(f"The review team {bill}. If we {move}, what does the monthly bill become?", "routing")
    assert (step.args["cheap_share"], step.args["cheap_price_ratio"], step.args["monthly_bill_usd"]) == (
        "70%", 12, 42000)


def test_a_share_of_revenue_to_the_model_vendor_is_no_routing_share() -> None:
    step = _step("our product sends about a third of its revenue to the model vendor, and hosting eats another 7%. "
                 "gross margin?", "margin")
    assert "provider_share" in step.args


@pytest.mark.parametrize("total", ["call it $42k/month all in", "so $42k a month in total", "$42k/month all-in"])
def test_the_total_said_after_its_parts_is_the_figure(total: str) -> None:
    question = (f"fixed: 2 engineers (~$38k/mo together) + infra, {total}\nprice: $19/mo\nvariable AI cost: $4.50 per "
                "user/mo\nhow many paying users until we break even?")
    step = _step(question, "break_even")
    assert step.args["fixed_costs_usd"] == 42000


@pytest.mark.parametrize("ask", ["are we making or losing money each month, and how much?",
                                 "how much do we make or lose a month?", "are we profitable, and by how much?"])
def test_the_monthly_profit_at_todays_users(ask: str) -> None:
    question = ("Our AI team + infra runs $1.08M a year. Seats are $40/month and each seat burns about $6 of tokens. "
                f"We have 2,100 paying today: {ask}")
    plan = make_plan(question)
    assert "profit" in [a.var for a in plan.asks]
    [step] = [s for s in plan.steps if s.tool == "break_even"]
    assert step.args["paying_users"] == 2100


def test_usage_before_a_loss_on_each_user_is_still_break_even_usage() -> None:
    plan = make_plan("Our $9.99/mo plan: a query costs us $0.00625. How many queries a month can a subscriber make "
                     "before we lose money on them?")
    assert "profit" not in [a.var for a in plan.asks]


# -- sets ET and EU: a trade's customers per unit, key lines with a total, paybacks from a bill, sides of a count ----

@pytest.mark.parametrize("noun", ["attendee", "exhibitor", "delegate"])
@pytest.mark.parametrize("key", ["questions per {n}: ~6/day", "questions per {n} per day: 6"])
def test_a_key_line_of_work_per_a_trades_unit_makes_it_the_users(noun: str, key: str) -> None:
    question = (f"chatbot numbers for next month:\n{noun}s: 18k (across all events)\n{key.format(n=noun)}\n"
                "tokens per question: 1,200 total\nmodel: gpt-4o-mini\nwhat's the monthly bill?")
    step = _step(question, "token_cost")
    assert (step.args["users"], step.args["queries_per_user"], step.args["tokens_per_query"]) == (18000, 6, 1200)


@pytest.mark.parametrize("key", ["tokens per msg (in+out): ~1,600", "tokens per question: 1,600 total",
                                 "tokens per query: about 1,600"])
def test_a_token_key_with_an_aside_a_hedge_or_a_total(key: str) -> None:
    step = _step(f"18k users, 6 queries a day. {key}. model: gpt-4o-mini. monthly bill?", "token_cost")
    assert step.args["tokens_per_query"] == 1600


@pytest.mark.parametrize("drop", ["would drop to about $50k/month after the fine-tune",
                                  "falls to $50k a month once it is live", "would come down to ~$50k a month"])
def test_a_bill_that_drops_to_another_is_a_saving_for_a_payback(drop: str) -> None:
    question = (f"a $500k fine-tune that takes two months. Our API bill is $95k/month today and {drop}. How long "
                "until it pays back?")
    plan = make_plan(question)
    [pay] = [s for s in plan.steps if s.tool == "break_even"]
    assert pay.args["upfront_investment_usd"] == 500000 and pay.args["build_months"] == 2


@pytest.mark.parametrize("lump", ["fine-tune of our reviewer-matching model: $500k, two months of work",
                                  "Eng wants $500k and two months to fine-tune our own model"])
def test_the_one_lump_sum_beside_a_bill_from_to_is_the_investment(lump: str) -> None:
    question = f"{lump}. it cuts our API spend from $95k to $38k a month afterwards. How long until it pays for itself?"
    plan = make_plan(question)
    [pay] = [s for s in plan.steps if s.tool == "break_even"]
    assert pay.args["upfront_investment_usd"] == 500000 and pay.args["build_months"] == 2


@pytest.mark.parametrize("said", ["800 tok in / 60 tok out", "800 tokens in, 60 tokens out", "800 in / 60 out"])
def test_the_side_said_after_a_count_wins_over_the_last_counts(said: str) -> None:
    step = _step(f"1,200 engineers, ~150 completions per week each. {said} per completion, $0.10/M in, $0.40/M out. "
                 "cost per week?", "token_cost")
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (800, 60)


@pytest.mark.parametrize("made", ["generates articles of about 1,200 words", "writes posts of ~1,200 words",
                                  "produces reports of 1,200 words"])
def test_what_a_tool_makes_of_n_words_is_its_output(made: str) -> None:
    question = (f"Our writer {made}; the prompt we send is around 300 words. 5,000 customers, each makes 12 a month. "
                "$2.50/M input tokens and $10/M output. monthly cost?")
    step = _step(question, "token_cost")
    assert (step.args["input_words_per_query"], step.args["output_words_per_query"]) == (300, 1200)


def test_a_translation_is_what_comes_out() -> None:
    step = _step("1,500 abstracts a month, each abstract is ~250 words and the translation is also ~250 words. "
                 "gpt-4o, cost per month?", "token_cost")
    assert (step.args["input_words_per_query"], step.args["output_words_per_query"]) == (250, 250)


# -- sets EV and EW: a team's stream denied per agent, vendor fees, key lines of a break-even, a status key -----------

@pytest.mark.parametrize("aside", ["(whole team, not per agent)", "(across the team)", "(team-wide)"])
def test_a_stream_said_of_the_whole_team_is_not_multiplied_by_its_agents(aside: str) -> None:
    question = (f"cost per ticket and per day?\nteam: 45 agents\ntickets/day: 3,400 {aside}\nprompt per ticket: "
                "~2,200 tokens\nreply: ~350 tokens\nmodel: gpt-4.1-mini")
    step = _step(question, "token_cost")
    assert (step.args["users"], step.args["queries_per_user"]) == (1, 3400)


@pytest.mark.parametrize("fees", ["API fees are about $3.80 per user per month", "model fees run $3.80 per user a month",
                                  "OpenAI fees are ~$3.80 per user per month"])
def test_fees_a_vendor_charges_per_user_are_a_cost(fees: str) -> None:
    step = _step(f"{fees}. What do we need to charge to hit a 75% gross margin?", "break_even")
    assert step.args["variable_cost_per_user_usd"] == 3.8 and step.args["mode"] == "price"


@pytest.mark.parametrize("fixed", ["fixed: $42k/mo (5 ppl + infra)", "fixed costs: $42k a month (5 people + infra)"])
@pytest.mark.parametrize("variable", ["variable (tokens, per user): ~$7/mo", "variable: $7/mo"])
def test_break_even_key_lines_with_asides(fixed: str, variable: str) -> None:
    step = _step(f"{fixed}\nprice: $29/mo\n{variable}\n\nhow many paying users to break even?", "break_even")
    assert (step.args["fixed_costs_usd"], step.args["price_per_user_usd"],
            step.args["variable_cost_per_user_usd"]) == (42000, 29, 7)


@pytest.mark.parametrize("status", ["practices subscribed: 1,150", "clinics live: 1,150", "practices active: 1,150"])
def test_a_count_of_customers_keyed_with_their_status(status: str) -> None:
    question = (f"add-on numbers:\n- list price: $14 per practice per month\n- model + hosting cost: $3.92 per practice "
                f"per month\n- {status}\n\nWhat's our gross margin on it, and the gross profit per month?")
    [step] = make_plan(question).steps
    assert step.args["users"] == 1150


# -- sets EX and EY: the seed's burn with a comma, a status key of paying users, a price after a price seek, once a week

@pytest.mark.parametrize("said", ["ChatGPT at roughly $694,444 a day, ~36 cents per conversation",
                                  "ChatGPT costs ~$694,444 per day and ~$0.36 a conversation"])
def test_a_days_spend_beside_a_cost_per_conversation_in_any_wording(said: str) -> None:
    plan = make_plan(f"{said}. How many conversations a day does that imply?")
    [seek] = [s for s in plan.steps if s.tool == "solve"]
    assert seek.args["knowns"]["monthly_cost"] == 694444


@pytest.mark.parametrize("key", ["paying users today: 1,800", "paying users now: 1,800"])
def test_paying_users_keyed_with_a_status_and_a_years_fixed_cost(key: str) -> None:
    question = (f"fixed (team + tools): $540k per year\nplan: $25 / user / month\nvariable cost: $5 / user / month\n"
                f"{key}\n-> break-even users? and are we making or losing money each month right now?")
    step = _step(question, "break_even")
    assert (step.args["paying_users"], step.args["fixed_costs_period"]) == (1800, "year")


@pytest.mark.parametrize("again", ["ok, at $45 a seat?", "and if we charge $45?", "what about $45 per seat?"])
def test_a_price_after_a_price_for_a_margin_asks_that_prices_margin(again: str) -> None:
    first = "AI + infra costs us $6.40 per coach per month. What do we need to charge per seat for a 75% gross margin?"
    assert make_plan(first).steps[0].args["mode"] == "price"
    plan = _then(first, again)
    [step] = plan.steps
    assert step.tool == "margin" and step.args["price_per_user_usd"] == 45


@pytest.mark.parametrize("often,per_week", [("once a week", 1), ("twice a week", 2)])
def test_once_or_twice_a_period_is_a_usage(often: str, per_week: int) -> None:
    question = (f"every paying member gets a fresh plan {often}. Prompt is ~2,500 tokens, the plan coming back is "
                "~3,000 tokens. 8,000 paying members, model claude-haiku-4-5. monthly cost?")
    step = _step(question, "token_cost")
    assert (step.args["queries_per_user"], step.args["query_period"]) == (per_week, "week")


# -- sets EZ and FA: a key line of two sides above another key, compliance bullets with commas, a service's number ---

@pytest.mark.parametrize("line", ["prompt ~3,000 tokens, response ~600", "input ~3,000 tokens, output ~600"])
def test_a_line_of_two_sides_above_a_model_key(line: str) -> None:
    question = (f"context:\nseats: 2,400\nreviews per seat per day: 15\n{line}\nmodel: gpt-4.1-mini\nwhat does this "
                "run us per month, and per seat?")
    step = _step(question, "token_cost")
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (3000, 600)


@pytest.mark.parametrize("first", ["StateRAMP docs, audits, legal: $210k", "audits, legal: $210k",
                                   "regulatory docs, audits: $210k"])
def test_a_compliance_bullet_whose_key_lists_several_things(first: str) -> None:
    question = (f"Compliance costs so far:\n- {first}\n- output monitoring + PII filters: $65k\n- caseworker training: "
                "$40k\nDevelopment cost was $180k. Compliance as a multiple of dev, and as a share of the total?")
    step = _step(question, "compliance_overhead")
    assert (step.args["regulatory_compliance_usd"], step.args["response_verification_usd"],
            step.args["user_training_usd"]) == (210000, 65000, 40000)


@pytest.mark.parametrize("name", ["the 311 assistant", "our 911 line", "the 211 hotline"])
def test_a_services_number_is_its_name(name: str) -> None:
    plan = make_plan(f"How much will {name} cost us per month on gpt-4o-mini? Requests run about 1,800 tokens.")
    assert plan.kind == "clarify" and plan.understood is False
    assert name.split()[1] not in plan.text


def test_a_bill_said_in_dollars_without_a_sign_is_routed() -> None:
    step = _step("in dollars: 250k a month today, all traffic on one big model. If 60% of requests go to a model that "
                 "is 10x cheaper, what does the bill become?", "routing")
    assert step.args["monthly_bill_usd"] == 250000
