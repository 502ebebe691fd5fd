"""Planner v2, kinds found by first-sight sets CZ and DA, each in several wordings."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from assistant.planner.asks import asked
from assistant.planner.compose import compose
from assistant.planner.model import plan_for
from assistant.planner.plan import make_plan
from assistant.planner.steps import Ask
from tools.compare import compare


def _after_clarification(question: str, reply: str) -> list:
    first = make_plan(question)
    assert first.kind == "clarify"
    asked_back = AIMessage(content=first.text or "")
    asked_back.response_metadata["planner"] = "clarify"
    return plan_for([SystemMessage("system"), HumanMessage(question), asked_back, HumanMessage(reply)]).steps


@pytest.mark.parametrize("gpus", ["4 A100s", "four A100 GPUs", "4x A100"])
@pytest.mark.parametrize("reply", ["we measured 1,800 tokens/s across the four, at ~60% busy",
                                   "throughput is 1,800 tok/s in total and utilization about 60%"])
def test_a_reply_to_a_clarification_keeps_the_first_questions_figures(gpus: str, reply: str) -> None:
    [step] = _after_clarification(f"What does self-hosting on {gpus} cost per million tokens?", reply)
    assert step.tool == "self_host" and step.args["gpu"] == "A100" and step.args["gpus"] == 4
    assert step.args["tokens_per_second"] == 1800


@pytest.mark.parametrize("reply", ["sorry: $0.15 in and $0.60 out per 1M", "$0.15/M input, $0.60/M output"])
def test_split_prices_given_after_a_clarification_price_the_question(reply: str) -> None:
    [step] = _after_clarification("40k users, 6 queries a day, 1,200 tokens each: what is the monthly bill?", reply)
    assert step.tool == "token_cost" and step.args["users"] == 40_000
    assert step.args["input_price"] == 0.15 and step.args["output_price"] == 0.6


def test_a_reply_that_asks_its_own_question_is_a_new_question() -> None:
    [step] = _after_clarification("What would our chatbot cost per month on gpt-4o?",
                                  "Forget that: 2,000 users at 5 queries a day, 800 tokens each on gpt-4o-mini, "
                                  "what is the monthly bill?")
    assert step.args["model"] == "gpt-4o-mini" and step.args["users"] == 2000


@pytest.mark.parametrize("note", ["one product blurb a day, ~300 words", "one blurb a day of about 300 words"])
@pytest.mark.parametrize("prompt", ["The prompt is ~1,200 tokens", "Prompt: about 1,200 tokens",
                                    "We send ~1,200 input tokens"])
def test_a_size_smaller_than_the_side_said_is_the_other_side(note: str, prompt: str) -> None:
    [step] = make_plan(f"Our assistant emails each of our 5k sellers {note}. {prompt}. $0.40/M in, $1.60/M out. "
                       "Monthly cost?").steps
    assert step.args.get("output_words_per_query") == 300 and step.args.get("input_tokens_per_query") == 1200


def test_a_whole_said_in_total_stays_a_whole_even_when_smaller() -> None:
    [step] = make_plan("800 users, 4 queries a day, input of 3,000 tokens and 500 tokens per query in total on "
                       "gpt-4o-mini. Monthly bill?").steps
    assert step.args.get("output_tokens_per_query") != 500


@pytest.mark.parametrize("key", ["tokens per chat: ~2,400 all-in", "tokens per conversation: 2,400",
                                 "avg tokens / chat: 2.4k"])
def test_a_key_line_naming_the_size_gives_the_tokens(key: str) -> None:
    [step] = make_plan(f"Numbers for the review:\nMAU: 90k\nchats per user: 2 / week\n{key}\nprice: $0.5/M blended\n"
                       "Monthly spend?").steps
    assert step.args["tokens_per_query"] == 2400 and step.args["users"] == 90_000


@pytest.mark.parametrize(("question", "expected"), [
    ("What does a day of that cost, and a whole week?", ["daily_cost", "weekly_cost"]),
    ("how much would a full day of this cost us?", ["daily_cost"]),
    ("what does one week of that traffic cost", ["weekly_cost"]),
    ("What would an entire week cost?", ["weekly_cost"]),
])
def test_a_day_or_a_week_of_something_costed_is_asked(question: str, expected: list[str]) -> None:
    assert [a for a in asked(question) if a in ("daily_cost", "weekly_cost")] == expected


@pytest.mark.parametrize(("work", "when"), [("180k listing titles", "every night"),
                                            ("180,000 product captions", "each night"),
                                            ("180k captions", "a day")])
def test_the_one_noun_counted_per_period_beside_token_sizes_is_the_work(work: str, when: str) -> None:
    [step] = make_plan(f"We regenerate {work} {when} on gpt-4o-mini, ~250 tokens in and 50 out each. "
                       "Monthly cost?").steps
    assert step.args["queries_per_user"] == 180_000 and step.args["query_period"] == "day"
    assert step.args["users"] == 1


def test_a_noun_counted_per_customer_is_not_taken_for_work() -> None:
    plan = make_plan("2,000 shops, 30 assistant queries per shop per day, 900 tokens a query, $0.80 per 1M tokens, "
                     "and we bill $15 per shop per month. Gross margin?")
    assert all(s.args.get("queries_per_user") != 2000 for s in plan.steps)


@pytest.mark.parametrize("ask", ["Cost per night and per month vs the normal API?",
                                 "What's the nightly and the monthly bill, and the saving against the sync API?"])
def test_a_comparison_shows_the_day_it_was_asked_for(ask: str) -> None:
    plan = make_plan(f"We caption 100k images every night via the Batch API on gpt-4o-mini, 400 in and 80 out each. "
                     f"{ask}")
    assert any(a.var.startswith("compare_") and a.var.endswith("+day") for a in plan.asks)


def test_a_compare_table_takes_the_asked_periods_as_columns() -> None:
    result = compare({"users": 1, "queries_per_user": 1000, "tokens_per_query": 1000,
                      "options": [{"model": "gpt-4o-mini"}, {"model": "gpt-4o"}]}).model_dump()
    text = compose([("compare", {}, result, None)], [], [Ask("compare_table+day+week", "compare", "rows")])
    assert "| option | cost per day | cost per week | cost per month | x cheapest |" in text
    assert "| gpt-4o-mini | $0.2625 | $1.84 | $7.88 | 1x |" in text  # 1,000 x (750 x 0.15 + 250 x 0.60) / 1e6 a day


@pytest.mark.parametrize("ask", ["how many users can we afford before we blow it?",
                                 "How many users before we go over?", "how many users can we support?"])
def test_users_within_a_budget_are_sought_not_a_break_even(ask: str) -> None:
    plan = make_plan(f"We have $8k a month for the gift helper. Each user ~5 queries/day, 1,000 tokens a query, "
                     f"$0.003 per 1K tokens. {ask}")
    [step] = plan.steps
    assert step.tool == "solve" and step.args["unknown"] == "users" and step.args["knowns"]["monthly_cost"] == 8000


@pytest.mark.parametrize("fee", ["plus the web search tool at $0.004 per request",
                                 "and a search call at $0.004 per query on top",
                                 "plus a $0.004 lookup fee per request"])
def test_a_fee_per_request_beside_token_prices_is_billed(fee: str) -> None:
    [step] = make_plan(f"Each query is ~1,200 input + 300 output tokens at $0.40 / $1.60 per M, {fee}. 20,000 "
                       "queries a day. Monthly cost?").steps
    assert step.args["request_price_usd"] == 0.004


@pytest.mark.parametrize("places", [("UK and Switzerland", 2), ("Canada, Mexico and Brazil", 3),
                                    ("Norway & Iceland", 2)])
def test_regions_named_in_a_list_are_counted(places: tuple[str, int]) -> None:
    named, count = places
    [step] = make_plan(f"Development $180k, compliance $240k. Compliance as a multiple of development? We also want "
                       f"{named} as separate versions, each extra region about 25% more compliance.").steps
    assert step.tool == "compliance_overhead" and step.args["extra_regions"] == count


@pytest.mark.parametrize("bill", ["$1,500 a day", "~$1,500/day", "1.5k USD per day"])
@pytest.mark.parametrize("ask", ["How many chats a day is that?", "how many conversations per day does that pay for?"])
def test_a_daily_bill_and_a_cost_per_query_give_the_total_count(bill: str, ask: str) -> None:
    [step] = make_plan(f"The assistant costs {bill} to run at about $0.03 per chat. {ask}").steps
    assert step.tool == "solve" and step.args["knowns"]["users"] == 1
    assert step.args["monthly_cost_period"] == "day" and step.args["knowns"]["monthly_cost"] == 1500


@pytest.mark.parametrize("free", ["30,000 free sellers get 20 listings/mo", "30,000 free sellers with 20 listings a month each"])
def test_the_quota_beside_the_free_users_is_theirs_and_the_included_one_is_the_plans(free: str) -> None:
    [step] = make_plan(f"Pro plan: $25 / month, includes 500 AI listings, then $5 per 1,000 extra. Our cost per listing "
                       f"is $0.004. 6,000 paying sellers average 350 listings/mo. {free}. Free tier cost and blended "
                       "gross margin?").steps
    assert step.args["included_queries"] == 500 and step.args["free_quota_queries"] == 20


@pytest.mark.parametrize("unit", ["clinic", "store", "venue"])
@pytest.mark.parametrize("cost", ["Our AI cost per {u} is $7.20/month.", "The model costs us $7.20 per {u} per month."])
def test_a_unit_priced_per_month_is_a_customer(unit: str, cost: str) -> None:
    [step] = make_plan(f"What should we charge per {unit} per month for a 70% gross margin? {cost.format(u=unit)}").steps
    assert step.tool == "break_even" and step.args["variable_cost_per_user_usd"] == 7.2


@pytest.mark.parametrize("who", ["Revenue manager here", "Finance analyst here", "Quick one from the ops lead"])
def test_a_job_title_is_no_user_count_for_a_total(who: str) -> None:
    [step] = make_plan(f"{who}: the bot costs about $3,000 a day to run, at roughly 5 cents per conversation. How many "
                       "conversations a day is that?").steps
    assert step.tool == "solve" and step.args["knowns"]["users"] == 1


@pytest.mark.parametrize("ours", ["Ours: $80k compliance, $200k development.",
                                  "For us it is $80k of compliance and $200k of development.",
                                  "Our own numbers are $80k compliance and $200k development."])
def test_our_figures_said_after_another_companys_are_the_inputs(ours: str) -> None:
    [step] = make_plan(f"PerceptIn spent $344k on compliance vs $150k of R&D. {ours} Our compliance ratio?").steps
    assert step.args["compliance_cost_usd"] == 80_000 and step.args["development_cost_usd"] == 200_000


@pytest.mark.parametrize("key", ["summaries per property per month: 90", "summaries per property / month: 90"])
def test_a_key_per_customer_per_month_gives_the_usage(key: str) -> None:
    [step] = make_plan(f"Numbers:\nproperties: 400\n{key}\ninput per summary: 5,000 tokens\noutput per summary: "
                       "200 tokens\nmodel: gpt-4o-mini\nmonthly cost?").steps
    assert step.args["users"] == 400 and step.args["queries_per_user"] == 90 and step.args["query_period"] == "month"


@pytest.mark.parametrize("each", ["Each drafts about 40 itineraries per working day",
                                  "Every one of them writes ~40 quotes a working day"])
def test_what_each_user_does_per_day_is_their_usage_whatever_the_noun(each: str) -> None:
    [step] = make_plan(f"Agency with 30 agents. {each}, 21 working days a month. ~1,000 tokens in / 400 out per "
                       "draft, on gpt-4o. Monthly bill?").steps
    assert step.args["users"] == 30 and step.args["queries_per_user"] == 40 and step.args["active_days_per_month"] == 21


@pytest.mark.parametrize("sale", ["we sell at $29 per seat", "we charge $29 per seat", "seats are priced at $29"])
def test_a_sale_said_after_fixed_costs_is_the_price(sale: str) -> None:
    [step] = make_plan(f"fixed costs ~38k/month (2 engineers + infra), {sale} and the variable cost is about $4.20 per "
                       "seat. how many seats do we need?").steps
    assert step.args["price_per_user_usd"] == 29 and step.args["variable_cost_per_user_usd"] == 4.2


@pytest.mark.parametrize("ask", ["how many tokens a month before self-hosting wins?",
                                 "how many tokens per month until our own box beats the API?"])
def test_the_volume_where_self_hosting_wins_is_the_break_even(ask: str) -> None:
    assert "break_even_tokens" in asked(f"What's our cost per 1M, and {ask}")


@pytest.mark.parametrize("again", ["and same thing at 45%?", "same again with 45%?", "Redo it at 45%."])
def test_a_figure_asked_again_is_an_alternative(again: str) -> None:
    plan = make_plan(f"Our API bill is $60k/month. If 25% of requests hit a response cache, what is the monthly "
                     f"saving? {again}")
    assert [s.args["hit_rate"] for s in plan.steps] == ["25%", "45%"]


@pytest.mark.parametrize("plan", ["We also plan 2 extra regions", "We plan to add 2 extra regions",
                                  "We're planning 2 extra regions"])
def test_a_count_after_the_verb_plan_is_no_price(plan: str) -> None:
    [step] = make_plan(f"Dev $300k, compliance $200k. {plan}. Compliance then?").steps
    assert step.args["extra_regions"] == 2


@pytest.mark.parametrize("ask", ["where are we today, profit or loss per month?", "are we making a loss today?",
                                 "loss or profit each month right now?"])
def test_profit_or_loss_today_is_asked_beside_break_even(ask: str) -> None:
    plan = make_plan(f"fixed $20k/mo, we charge $18 per seat, variable cost $14 per seat, 3,200 paying seats. "
                     f"break-even seats? and {ask}")
    assert "profit" in [a.var for a in plan.asks] and plan.steps[0].args["paying_users"] == 3200


@pytest.mark.parametrize("faq", ["Around 30% of guest questions are the same FAQs that a response cache could answer",
                                 "about 30% of requests are repeats we could serve from a cache"])
def test_a_share_of_questions_a_cache_could_answer_is_the_hit_rate(faq: str) -> None:
    [step] = make_plan(f"Concierge bot bill is $12,000/month. {faq}. Monthly saving and the new bill?").steps
    assert step.tool == "caching" and step.args["hit_rate"] == "30%"


def test_without_caching_after_a_cache_and_a_trim_keeps_only_the_trim() -> None:
    first = make_plan("A semantic cache (20% hit rate) and trimming the system prompt by 30%. Bill $6,000 a month; "
                      "input tokens are half of it. Combined saving?")
    [step] = make_plan("so without the cache, just the trim?", first.steps).steps
    assert step.args["hit_rate"] == "0%" and step.args["prompt_reduction"] == "30%"


@pytest.mark.parametrize("back", ["~250 tokens come back", "about 250 tokens go out", "~250 tokens comes back"])
def test_tokens_that_come_back_are_the_output(back: str) -> None:
    [step] = make_plan(f"5,000 messages a day on gpt-4o-mini. Each call = a 2,000-token system prompt + a ~400-token "
                       f"message, and {back}. Monthly cost?").steps
    assert step.args["output_tokens_per_query"] == 250 and step.args["input_token_parts"] == [2000, 400]


@pytest.mark.parametrize("heavy", ["One big agency does 4,000 plans a month", "One large client runs 4,000 plans a month"])
def test_one_big_customers_usage_with_an_included_quota_is_a_heavy_users_bill(heavy: str) -> None:
    [step] = make_plan(f"Our plan: $12/month includes 250 trip plans, then $6 per 1,000 plans over that. One plan costs "
                       f"us $0.005. {heavy}: what do they pay us and what is the margin on them?").steps
    assert step.args["included_queries"] == 250 and step.args["heavy_user_queries_per_month"] == 4000


def test_each_one_making_a_count_is_every_user_not_a_heavy_one() -> None:
    [step] = make_plan("We have 1,200 users, each one makes 6 summaries per day, 1,000 tokens each at $0.002 per 1K "
                       "tokens. Monthly cost?").steps
    assert step.args["queries_per_user"] == 6


@pytest.mark.parametrize("turns", ["Each phone call is about 6 LLM turns", "every call takes ~6 model turns",
                                   "one support call = 6 LLM turns"])
def test_model_turns_said_of_a_call_are_calls_per_query(turns: str) -> None:
    [step] = make_plan(f"{turns}, each turn ~1,500 input tokens and 100 output tokens at $0.40/M in, $1.60/M out. We "
                       "have 700 clinics, each gets ~25 calls a day. Yearly spend?").steps
    assert step.args["calls_per_query"] == 6 and step.args["queries_per_user"] == 25 and step.args["users"] == 700


@pytest.mark.parametrize("heavy", ["and if the heavy users are more like 50 a day?", "what if the p95 users do 50 a day?"])
def test_a_heavy_users_usage_in_a_monte_carlo_follow_up(heavy: str) -> None:
    first = make_plan("Monte Carlo please: 8k users, the median user does 5 queries a day, the heavy ones (p95) about 25 "
                      "a day. 1,000 tokens per query, $0.50 per 1M. P50 and P95 of the monthly cost?")
    [step] = make_plan(heavy, first.steps).steps
    assert step.args["queries_p95"] == 50 and step.args["users"] == 8000


@pytest.mark.parametrize("each", ["reps send ~30 AI emails a day each", "agents draft about 30 replies a day apiece"])
def test_usage_said_per_person_with_no_count_of_people_asks_for_it(each: str) -> None:
    plan = make_plan(f"Our sales assistant: {each}, ~1,000 tokens per email, on gpt-4o-mini. Monthly bill?")
    assert plan.kind == "clarify" and not plan.steps


@pytest.mark.parametrize(("words", "value"), [("one thousand five hundred", 1500), ("a thousand two hundred", 1200),
                                              ("two thousand and fifty", 2050)])
def test_a_number_in_words_with_several_magnitudes_is_one_number(words: str, value: int) -> None:
    [step] = make_plan(f"Twelve thousand users ask eight questions a day, roughly {words} tokens a question, at two "
                       "dollars per million tokens. Monthly cost?").steps
    assert step.args["tokens_per_query"] == value and step.args["users"] == 12_000


@pytest.mark.parametrize("budget", ["We can put $12k a month into the LLM side", "We could put $12k/month into it",
                                    "We set aside $12,000 a month for it"])
def test_money_put_into_the_product_is_a_budget_and_usage_is_sought(budget: str) -> None:
    [step] = make_plan(f"{budget}. 3,000 accounts, each request ~2,500 tokens at $1.20/M blended. How many requests per "
                       "account per day does that allow?").steps
    assert step.tool == "solve" and step.args["unknown"] == "queries_per_user_per_day"
    assert step.args["knowns"]["monthly_cost"] == 12_000


def test_an_aside_after_a_budget_gives_it_no_period_or_role() -> None:
    [step] = make_plan("Annual AI budget for the email product: $240,000 (the board approved it last week). 15 queries "
                       "per user per day, 800 tokens per query, $0.002 per 1K tokens. How many users can we support?").steps
    assert step.args["knowns"]["monthly_cost"] == 240_000 and step.args["monthly_cost_period"] == "year"


@pytest.mark.parametrize("send", ["for each one we send ~2,000 tokens", "we send about 2,000 tokens per claim"])
def test_what_we_send_is_the_input(send: str) -> None:
    [step] = make_plan(f"~10k claims/day come in, {send} and get back ~300 tokens. gpt-4o-mini. Monthly?").steps
    assert step.args["input_tokens_per_query"] == 2000 and step.args["output_tokens_per_query"] == 300


def test_a_two_column_table_of_prompt_parts_is_one_querys_input() -> None:
    [step] = make_plan("per query:\n\n| part | tokens |\n|---|---|\n| system prompt | 1,800 |\n| retrieved chunks | "
                       "2,500 |\n| user message | 120 |\n| answer (output) | 350 |\n\n$0.15/M in, $0.60/M out. 5k users x "
                       "10 queries a day. Monthly cost?").steps
    assert step.args["input_token_parts"] == [1800, 2500, 120] and step.args["output_tokens_per_query"] == 350


@pytest.mark.parametrize("box", ["Our box does ~5,000 tokens/s in total and we'd keep it about 60% busy",
                                 "we measured 5,000 tokens/s total on our 4-GPU inference box at ~60% utilization",
                                 "We could self-host a Llama 8B instead, we measured about 5,000 tokens/s"])
def test_self_hosting_with_no_gpu_and_no_rent_asks_for_the_gpu(box: str) -> None:
    plan = make_plan(f"{box}. What is the cost per million tokens?")
    assert plan.kind == "clarify" and "GPU" in (plan.text or "") and not plan.steps


def test_a_knowledge_question_naming_tokens_is_no_self_hosting_clarification() -> None:
    plan = make_plan("For a slide: about how many words are in 1,000 tokens, and what did GPT-3.5 Turbo cost per 1K "
                     "tokens at launch?")
    assert plan.kind != "clarify"


@pytest.mark.parametrize("baseline", ["sending everything to sonnet", "keeping it all on Sonnet"])
def test_a_bare_family_name_as_the_baseline_is_the_model_named_before(baseline: str) -> None:
    [step] = make_plan(f"Routing: 70% of messages to gpt-4o-mini, the hard 30% to claude-sonnet-4-5. Blended $/1M, and "
                       f"how much cheaper than {baseline}?").steps
    assert step.args["baseline_model"] == "claude-sonnet-4-5"


@pytest.mark.parametrize("pricing", ["Pricing the drafting add-on for clinics at $29/mo per provider",
                                     "We're pricing the add-on at $29/mo per provider"])
def test_pricing_something_at_an_amount_is_its_price(pricing: str) -> None:
    [step] = make_plan(f"{pricing}. Each draft costs us about 0.4 cents all-in. To keep an 80% gross margin, how many "
                       "drafts per provider per month can the plan include?").steps
    assert step.args["plan_price_usd"] == 29 and step.args["cost_per_query_usd"] == 0.004


def test_compliance_lines_with_long_asides_and_a_training_line_for_users() -> None:
    [step] = make_plan("GxP cost rollup for the writing copilot (FY):\ntechnology (GPUs, data pipelines, cloud): $200k\n"
                       "regulatory (CSV/GxP validation, audits, documentation): $120k\nresponse verification (human "
                       "QC): $80k\nuser training for medical writers: $40k\nHow large is the compliance overhead next to "
                       "technology, and as a share of the total?").steps
    assert (step.args["regulatory_compliance_usd"], step.args["user_training_usd"]) == (120_000, 40_000)


@pytest.mark.parametrize("summary", ["an average note summary is ~2,000 tokens", "the typical summary is ~2,000 tokens"])
def test_the_size_of_an_average_summary_is_the_whole_call(summary: str) -> None:
    [step] = make_plan(f"900 hospitalists, 10 summaries each a day on gpt-4o-mini; {summary}. Monthly cost?").steps
    assert step.args["tokens_per_query"] == 2000


def test_one_big_group_three_words_long_ran_a_heavy_month() -> None:
    [step] = make_plan("Plan: $49/month per clinic incl. 2,000 drafts, overage $8 per 1k drafts. A draft costs us "
                       "$0.011. One big ortho group ran 6,500 drafts last month. What did they pay?").steps
    assert step.args["heavy_user_queries_per_month"] == 6500


@pytest.mark.parametrize(("amount", "var"), [("we've got 10k/month for the AI bill", "budget"),
                                             ("Platform costs are 540k per year, fixed", "fixed_costs"),
                                             ("fixed cost of the platform is 60k a month", "fixed_costs")])
def test_an_amount_per_period_without_a_dollar_sign_is_money_in_a_money_clause(amount: str, var: str) -> None:
    from assistant.planner.grammar import parse
    from assistant.planner.roles import read
    assert var in {g.var for g in read(parse(f"{amount}. 8 queries per user per day.")).givens}


def test_a_count_of_queries_without_money_words_stays_a_count() -> None:
    [step] = make_plan("We handle 20k requests per month, 1,000 tokens each, on gpt-4o-mini. Monthly cost?").steps
    assert step.args["queries_per_user"] == 20_000


@pytest.mark.parametrize("back", ["sends about 3,000 tokens in and gets 600 back", "sends ~3,000 tokens in, 600 out"])
def test_a_count_coming_back_after_input_tokens_is_the_output(back: str) -> None:
    [step] = make_plan(f"350 technicians each open ~14 work orders a day, and every work order {back}. gpt-4o-mini. "
                       "Monthly bill?").steps
    assert step.args["output_tokens_per_query"] == 600 and step.args["users"] == 350


@pytest.mark.parametrize("product", ["12 production lines x 3 shifts = 36 summaries a day",
                                     "12 lines * 3 shifts is 36 summaries a day"])
def test_the_factors_of_a_product_are_not_counts(product: str) -> None:
    [step] = make_plan(f"Ops here: {product}. Each summary reads ~8k tokens and writes ~700 tokens on "
                       "claude-haiku-4-5. Monthly cost?").steps
    assert step.args["queries_per_user"] == 36 and "active_days_per_month" not in step.args


@pytest.mark.parametrize("month", ["in a normal month", "in a typical month", "during an average month"])
def test_a_count_in_a_normal_month_is_monthly(month: str) -> None:
    [step] = make_plan(f"Our outage bot handles roughly 40k conversations {month}, ~1.8k tokens each, on gpt-4.1-mini. "
                       "Monthly cost?").steps
    assert step.args["query_period"] == "month" and step.args["queries_per_user"] == 40_000


@pytest.mark.parametrize("typed", ["A technician types about 450 words", "The user pastes ~450 words"])
def test_words_typed_or_pasted_are_the_input(typed: str) -> None:
    [step] = make_plan(f"{typed} and the assistant answers with about 300 words. 200 techs do ~10 of these a day on "
                       "gpt-4o. Monthly cost?").steps
    assert step.args["input_words_per_query"] == 450 and step.args["users"] == 200


@pytest.mark.parametrize(("said", "var"), [("We charge each plant 1,800 USD a month", "price_per_user"),
                                           ("token spend per plant is about $340/month", "cost_per_user"),
                                           ("we resell it to 14 co-ops at $2,500/month each", "price_per_user")])
def test_amounts_per_plant_or_co_op_are_per_customer(said: str, var: str) -> None:
    from assistant.planner.grammar import parse
    from assistant.planner.roles import read
    assert var in {g.var for g in read(parse(f"{said} for the maintenance copilot. Gross margin?")).givens}


@pytest.mark.parametrize("cost", ["tokens + hosting come to ~$520 per plant per month",
                                  "model and hosting cost us ~$520 per plant a month"])
def test_a_cost_per_plant_given_after_a_clarification_prices_the_margin(cost: str) -> None:
    [step] = _after_clarification("We charge each plant $1,800 a month for the copilot. What is our gross margin?", cost)
    assert step.tool == "margin" and step.args["cost_per_user_usd"] == 520 and step.args["price_per_user_usd"] == 1800


@pytest.mark.parametrize(("key", "arg"), [("prompt tokens per call: 1,200", "input_tokens_per_query"),
                                          ("tokens per chat: 1,200", "tokens_per_query")])
def test_a_key_line_naming_a_side_of_the_size_gives_that_side(key: str, arg: str) -> None:
    [step] = make_plan(f"Numbers:\nusers: 4,000\nchats per user: 5 / day\n{key}\nmodel: gpt-4o-mini\nMonthly cost?").steps
    assert step.args[arg] == 1200
