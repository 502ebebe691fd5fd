"""Planner v2, kinds found by first-sight sets CF to CI, each in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.asks import asked
from assistant.planner.plan import make_plan


@pytest.mark.parametrize("prompt", ["our 5,000-token tutoring prompt (served from the prompt cache as cache reads)",
                                    "the same 5,000-token system prompt, which is served from the prompt cache "
                                    "(cache reads; ignore writes),"])
@pytest.mark.parametrize("message", ["~300 tokens of learner message", "~300 tokens of chat history"])
def test_an_uncached_message_beside_a_cached_prompt_is_added(prompt: str, message: str) -> None:
    [step] = make_plan(f"On claude-sonnet-4-5 each turn sends {prompt} plus {message}, and gets ~200 tokens back. "
                       "8,000 learners, 6 turns a day. Monthly bill?").steps
    assert step.args["input_token_parts"] == [5_000, 300] and step.args["cached_input_tokens_per_query"] == 5_000
    assert step.args["output_tokens_per_query"] == 200


@pytest.mark.parametrize("back", ["gets ~700 tokens of flashcards back", "receives about 700 tokens of questions back"])
def test_tokens_of_anything_back_are_the_output(back: str) -> None:
    [step] = make_plan(f"300 teachers each make 90 quiz sets a month. Each one sends 2,500 tokens of notes to "
                       f"gpt-4.1-mini and {back}. Yearly cost?").steps
    assert step.args["input_tokens_per_query"] == 2_500 and step.args["output_tokens_per_query"] == 700


@pytest.mark.parametrize("said", ["one question is about 1.2k tokens", "a question is roughly 1,200 tokens",
                                  "the average question is ~1200 tokens"])
def test_one_query_said_by_its_noun_is_the_whole_query(said: str) -> None:
    [step] = make_plan(f"200 users, each asks 30 questions a week, {said}, on claude-haiku-4-5. Monthly cost?").steps
    assert step.args["tokens_per_query"] == 1_200 and "input_tokens_per_query" not in step.args


@pytest.mark.parametrize("budget", ["on a $60k annual budget", "with $60,000 a year to spend",
                                    "within a yearly budget of $60k"])
def test_a_yearly_budget_is_no_yearly_ask(budget: str) -> None:
    question = f"At $0.50 per million tokens, 1,500 tokens per query and 8 queries per user per day, how many users " \
               f"can we serve {budget}?"
    assert asked(question) == ["users"]
    [step] = make_plan(question).steps
    assert step.tool == "solve" and step.args["monthly_cost_period"] == "year"


@pytest.mark.parametrize("then", ["Finance now says it is $36,000 for the whole year instead. How many then?",
                                  "and if the budget is $36k a year?"])
def test_a_follow_up_budget_keeps_its_own_period(then: str) -> None:
    first = make_plan("Budget is $4,000 a month. 20,000 students, ~1,000 tokens per question, $0.0005 per 1K tokens. "
                      "How many questions per student per day can we afford?")
    [step] = make_plan(then, first.steps).steps
    assert step.args["knowns"]["monthly_cost"] == 36_000 and step.args["monthly_cost_period"] == "year"


def test_a_follow_up_budget_without_a_period_keeps_the_year() -> None:
    first = make_plan("At $0.30 per million tokens, 1,800 tokens per query and 12 queries per user per day, how many "
                      "users can we support on a $40k annual budget?")
    [step] = make_plan("and with $70k?", first.steps).steps
    assert step.args["knowns"]["monthly_cost"] == 70_000 and step.args["monthly_cost_period"] == "year"


@pytest.mark.parametrize("more", ["what if we hire 35 more agents?", "and with another 35 agents?",
                                  "what if we add 35 agents?", "and 35 extra agents?"])
def test_a_follow_up_count_added_to_the_scenario(more: str) -> None:
    first = make_plan("We have 85 agents using a copilot, each calls it 120 times per workday, 22 workdays a month, "
                      "about 2,000 tokens per call at a blended $2 per million tokens. What's that a month?")
    steps = make_plan(more, first.steps).steps
    assert steps[0].tool == "change" and steps[0].args["value"] == 85 and steps[0].args["plus"] == 35
    assert steps[1].tool == "token_cost" and steps[1].args["users"] == {"$from": ["change", "value"]}


def test_a_count_added_to_nothing_is_the_count() -> None:
    [step] = make_plan("We're adding 500 users to the pilot, each makes 10 queries a day on gpt-4o-mini. Monthly "
                       "cost?").steps
    assert step.args["users"] == 500


@pytest.mark.parametrize("sentence", [
    "revenue for the quarter came in at $1.8M and our model/hosting bill (OpenAI plus Azure) was $630k",
    "Q3 revenue landed at $1.8M, and the inference bill (API and GPUs) was $630k"])
def test_a_bill_after_revenue_in_one_sentence_is_the_cost(sentence: str) -> None:
    [step] = make_plan(f"Board prep: {sentence}. What gross margin does that give us?").steps
    assert step.tool == "margin" and step.args["revenue_usd"] == 1_800_000 and step.args["cogs_usd"] == 630_000


@pytest.mark.parametrize("then", ["If engineering gets that bill down to $450k on the same revenue, where do we land?",
                                  "and if the team brings the bill down to $450k, same revenue?"])
def test_a_bill_moved_down_keeps_the_revenue(then: str) -> None:
    first = make_plan("Revenue this quarter was $1.8M and our model bill was $630k. Gross margin?")
    [step] = make_plan(then, first.steps).steps
    assert step.args["revenue_usd"] == 1_800_000 and step.args["cogs_usd"] == 450_000


def test_a_whole_input_after_input_parts_replaces_them() -> None:
    first = make_plan("Bot on claude-sonnet-4-5: the same 6,000-token system prompt, served from the prompt cache (cache "
                      "reads), plus ~300 tokens of user message; ~250 tokens of output. 4k conversations a day. Monthly?")
    [step] = make_plan("and without prompt caching, all 6,300 input tokens at the full price?", first.steps).steps
    assert step.args["input_tokens_per_query"] == 6_300 and "input_token_parts" not in step.args


@pytest.mark.parametrize("once", ["classify 2 million old tickets once", "run 2 million archived tickets through it "
                                  "just once"])
def test_a_job_done_once_is_one_run(once: str) -> None:
    [step] = make_plan(f"What would it cost to {once} on gpt-4o-mini? About 500 input and 30 output tokens per "
                       "ticket.").steps
    assert step.args["users"] == 1 and step.args["queries_per_user"] == 2_000_000
    assert step.args["query_period"] == "month"


@pytest.mark.parametrize("volume", ["- volume: 1,500,000 items / month", "- volume: 1.5M items per month"])
def test_items_metered_per_period_are_the_work(volume: str) -> None:
    [step] = make_plan(f"- job: catalog enrichment\n{volume}\n- model: gpt-4o-mini\n- tokens: 500 in / 100 out per "
                       "item\nmonthly cost?").steps
    assert step.args["queries_per_user"] == 1_500_000 and step.args["users"] == 1


@pytest.mark.parametrize("rate", ["~250 outages/day", "about 250 outages a day"])
def test_an_unlisted_work_noun_per_day_is_the_whole_traffic(rate: str) -> None:
    [step] = make_plan(f"Triage agent on o4-mini: {rate}, 4,000 input tokens each, 600 output tokens. What's that per "
                       "outage and per month?").steps
    assert step.args["users"] == 1 and step.args["queries_per_user"] == 250 and step.args["query_period"] == "day"


@pytest.mark.parametrize("ask", ["what's the total to generate the whole catalog once?",
                                 "what is the total for the whole catalog, once?"])
def test_the_total_of_a_job_asks_its_cost(ask: str) -> None:
    assert "cost" in asked(ask)


@pytest.mark.parametrize("said", [("The prompt per SKU is about 400 tokens", "each description comes out at ~150 words"),
                                  ("The prompt per SKU is ~400 tokens", "the model answers with about 150 words")])
def test_sides_said_by_their_noun_per_unit_or_their_verb(said: tuple[str, str]) -> None:
    [step] = make_plan(f"12,000 SKUs need descriptions. {said[0]} and {said[1]}. On gpt-4.1-mini, what's the cost of "
                       "the whole catalog once?").steps
    assert step.args["input_tokens_per_query"] == 400 and step.args["output_words_per_query"] == 150


@pytest.mark.parametrize("one", ["One kid did 2,500 sessions last month.", "One big merchant ran 2,500 sessions last "
                                 "month.", "A single account racked up 2,500 sessions last month."])
def test_one_user_who_did_a_count_is_the_heavy_user(one: str) -> None:
    [step] = make_plan(f"Premium is $12/month with 400 sessions included, then $5 per 1,000 extra sessions. A session "
                       f"costs us 0.4 cents. {one} What did they pay, and our margin on them?").steps
    assert step.args["heavy_user_queries_per_month"] == 2_500 and "queries_per_user_per_month" not in step.args
    assert {"heavy_user_bill", "heavy_user_margin"} <= set(step.asks)


def test_a_follow_up_count_replaces_the_heavy_users() -> None:
    first = make_plan("Our plan: $25/mo, includes 800 chats, overage $6 per 1,000 chats. A chat costs us $0.01. One "
                      "big merchant did 5,000 chats last month. What did they pay and our margin on them?")
    [step] = make_plan("And a merchant doing 2,000 chats?", first.steps).steps
    assert step.args["heavy_user_queries_per_month"] == 2_000


@pytest.mark.parametrize("until", ["How many queries per seat until we lose money on the flat fee?",
                                   "how many requests a seat before we start losing money?"])
def test_usage_until_a_loss_is_break_even_usage(until: str) -> None:
    assert asked(until) == ["break_even_queries"]


@pytest.mark.parametrize("usage", ["the AI usage per store runs about $47/mo", "AI usage is about $47 per store a "
                                   "month"])
def test_usage_per_unit_sold_is_its_variable_cost(usage: str) -> None:
    [step] = make_plan(f"Agency: fixed costs are $18k/month (two part-time devs + infra). We charge each store "
                       f"$299/mo and {usage}. How many stores do we need to break even?").steps
    assert step.args == {"fixed_costs_usd": 18_000, "price_per_user_usd": 299, "variable_cost_per_user_usd": 47,
                         "mode": "users"}


@pytest.mark.parametrize("trade", [("hotels", "hotel", "summaries"), ("venues", "venue", "reports")])
def test_an_unlisted_customer_counted_and_worked_per_is_the_users(trade: tuple[str, str, str]) -> None:
    many, one, work = trade
    [step] = make_plan(f"We run summaries for 1,500 {many}, ~30 {work} per {one} per day. Each one reads 2,000 tokens "
                       "and writes 200 on gpt-4o-mini. Monthly cost?").steps
    assert step.args["users"] == 1_500 and step.args["queries_per_user"] == 30


@pytest.mark.parametrize("unit", [("itineraries", "itinerary"), ("playlists", "playlist")])
def test_an_unlisted_unit_of_work_counted_and_sized_is_the_queries(unit: tuple[str, str]) -> None:
    many, one = unit
    [step] = make_plan(f"planner app, gemini-2.5-flash. 10k weekly actives, each generates ~4 {many} a week. one {one} "
                       "= 5,000 tokens in, 2,000 out. whats that per week?").steps
    assert step.args["users"] == 10_000 and step.args["queries_per_user"] == 4 and step.args["query_period"] == "week"


@pytest.mark.parametrize("bill", ["the AI bill per premium user runs $2.40", "the model bill per subscriber is $2.40"])
def test_a_bill_per_user_is_the_cost_per_user(bill: str) -> None:
    [step] = make_plan(f"Fixed costs are $38,000/month. Premium is $12/month and {bill}. How many premium subscribers "
                       "until we break even?").steps
    assert step.args["variable_cost_per_user_usd"] == 2.4


@pytest.mark.parametrize("approved", ["our CFO approved $9,000 per quarter", "finance signed off $9,000 a quarter"])
def test_an_approved_amount_is_a_budget(approved: str) -> None:
    [step] = make_plan(f"Dear team, {approved} for the concierge AI. Each guest asks 2 questions per day, 1,000 tokens "
                       "per question, at $0.0005 per 1K tokens. How many guests can we support inside this budget?").steps
    assert step.tool == "solve" and step.args["monthly_cost_period"] == "quarter"


@pytest.mark.parametrize("serves", ["If prompt caching serves the 5,000-token prefix from cache",
                                    "If the 5,000-token prefix is served from the prompt cache"])
def test_a_prefix_served_from_the_cache_in_a_later_sentence(serves: str) -> None:
    [step] = make_plan(f"Agent on gpt-4.1-mini, ~100k calls a day. Every call has the same 5,000-token system prompt "
                       f"prefix, plus ~300 tokens of passenger message, and ~200 output tokens. {serves}, what's the "
                       "monthly cost?").steps
    assert step.args["input_token_parts"] == [5_000, 300] and step.args["cached_input_tokens_per_query"] == 5_000


@pytest.mark.parametrize("ask", ["What should we charge per seat?", "what price per seat gets us there?"])
def test_a_price_for_a_margin_with_no_cost_asks_for_it(ask: str) -> None:
    plan = make_plan(f"We want a 70% gross margin on our new AI add-on. {ask}")
    assert plan.kind == "clarify" and "cost to serve one user" in (plan.text or "")


@pytest.mark.parametrize("cost", ["Our API plus hosting cost comes out at $6.30 per seat.",
                                  "API and hosting cost lands at $6.30 per seat."])
def test_a_cost_that_comes_out_at_an_amount_per_seat(cost: str) -> None:
    [step] = make_plan(f"We charge the business units $18 per seat per month. {cost} What margin are we running?").steps
    assert step.args["price_per_user_usd"] == 18 and step.args["cost_per_user_usd"] == 6.3


@pytest.mark.parametrize("product", ["the sales copilot", "the revenue assistant"])
def test_a_cost_named_before_a_tail_for_a_product(product: str) -> None:
    [step] = make_plan(f"our model cost per seat for {product} is $9.40/month. to keep a 70% margin, what do we charge "
                       "per seat?").steps
    assert step.args == {"variable_cost_per_user_usd": 9.4, "target_margin": "70%", "mode": "price"}


@pytest.mark.parametrize("fleet", ["900 trucks, ~30 calls/truck/day", "900 trucks, ~30 calls per truck per day"])
def test_customers_worked_per_with_a_slash_are_the_users(fleet: str) -> None:
    [step] = make_plan(f"dispatch copilot, one seat per truck. {fleet}, each call ~1.2k tokens in + 200 out. on "
                       "gpt-4o-mini what's the monthly bill?").steps
    assert step.args["users"] == 900 and step.args["queries_per_user"] == 30


def test_customers_in_key_lines_are_the_users() -> None:
    [step] = make_plan("summary generator, what does it cost per year?\nwarehouses: 120\nsummaries: 2 per warehouse "
                       "per day\ninput: 5,000 tokens per summary\noutput: 600 tokens per summary\nprice: $0.0004/1K "
                       "input, $0.0016/1K output").steps
    assert step.args["users"] == 120 and step.args["queries_per_user"] == 2


@pytest.mark.parametrize("each", ["and each one triggers ~6 questions", "and each one needs about 6 questions"])
def test_questions_each_work_item_triggers(each: str) -> None:
    [step] = make_plan(f"We close about 2,000 work orders a week {each}. A question sends ~3,000 tokens and gets ~300 "
                       "tokens back. On gpt-4.1, what's that per week?").steps
    assert step.args["users"] * step.args["queries_per_user"] == 12_000 and step.args["query_period"] == "week"


@pytest.mark.parametrize("cached", ["what if 55% of those input tokens come from the prompt cache?",
                                    "and if 55% of the input tokens are read from the cache?"])
def test_a_share_of_input_from_the_cache_is_the_cached_share(cached: str) -> None:
    first = make_plan("2,000 work orders a week, each one triggers ~6 questions; a question is 3,000 tokens in and 300 "
                      "out on gpt-4.1. Weekly cost?")
    [step] = make_plan(cached, first.steps).steps
    assert step.args["cached_input_share"] == "55%"


@pytest.mark.parametrize("old", ["instead of $8", "rather than $8"])
def test_the_amount_a_new_price_replaces_is_no_input(old: str) -> None:
    first = make_plan("users: 10,000 paying\nqueries: 40 per user per month\ntokens: 1,500 in / 500 out per query\n"
                      "model: gpt-5-mini\nprice: $8/month\nfixed costs: $30k/month\n-> gross margin, break-even users?")
    steps = make_plan(f"what if we charge $6 {old}?", first.steps).steps
    assert all(s.args.get("fixed_costs_usd", 30_000) == 30_000 for s in steps)
    assert any(s.args.get("price_per_user_usd") == 6 for s in steps)


@pytest.mark.parametrize("paid", ["- paid tier: 3,000 users at $9/month, averaging 150 queries/month",
                                  "- premium: 3,000 users at $9/month, averaging 150 queries/month"])
def test_a_free_tier_line_beside_a_paid_tier_line_of_users(paid: str) -> None:
    [step] = make_plan(f"Freemium check:\n- free tier: 40,000 users, 25 queries/month each\n{paid}\n- model cost per "
                       "query: $0.004\nWhat's the total monthly model cost and our gross margin?").steps
    assert step.args["free_users"] == 40_000 and step.args["free_quota_queries"] == 25
    assert step.args["paying_users"] == 3_000 and step.args["queries_per_user_per_month"] == 150


@pytest.mark.parametrize("second", ["and AWS $150,000 for inference hosting", "and Azure another $150,000 for GPUs"])
def test_a_second_vendor_bill_in_the_sentence_is_added(second: str) -> None:
    steps = make_plan(f"Q3 revenue was $1.8M. Same quarter we paid OpenAI $612,000 {second}. What was the gross "
                      "margin?").steps
    assert steps[0].tool == "change" and steps[0].args["plus"] == 150_000 and steps[1].tool == "margin"


@pytest.mark.parametrize("work", ["every wire story that comes in, roughly 9,000 a day",
                                  "each incoming wire story, about 9,000 a day"])
def test_a_rate_after_its_noun_is_the_work(work: str) -> None:
    [step] = make_plan(f"We auto-summarise {work}. A story averages about 900 words and the summary is ~150 words. On "
                       "gpt-4o-mini, what does that cost a month?").steps
    assert step.args["queries_per_user"] == 9_000 and step.args["users"] == 1 and step.args["query_period"] == "day"


def test_a_verb_near_users_in_the_embeddings_is_no_sender() -> None:
    [step] = make_plan("Our network publishes about 80 episodes a week. We feed the full transcript (avg 8,000 words) "
                       "to claude-sonnet-4-5 and get back roughly 500 words. What's that per episode and per week?"
                       ).steps
    assert step.args["users"] == 1 and step.args["input_words_per_query"] == 8_000


@pytest.mark.parametrize("sells", ["Our SEO tool bills $0.40 per keyword report", "We charge $0.40 per report"])
def test_a_query_sold_at_a_price_is_the_unit(sells: str) -> None:
    [step] = make_plan(f"{sells}. All-in model cost per report is about 6 cents. We sold 50,000 reports last month. "
                       "What's our gross margin and gross profit on that?").steps
    assert step.args == {"price_per_user_usd": 0.4, "cost_per_user_usd": 0.06, "users": 50_000}


@pytest.mark.parametrize("night", ["250k documents every night", "250k documents a night"])
def test_a_nightly_volume_is_per_day(night: str) -> None:
    [step] = make_plan(f"we run a nightly classification job: {night}, ~1,600 input tokens and 50 output tokens each, "
                       "gpt-4o-mini through the Batch API. monthly bill?").steps
    assert step.args["queries_per_user"] == 250_000 and step.args["query_period"] == "day" and step.args["users"] == 1


@pytest.mark.parametrize("one", ["One kid did 1,800 sessions last month.", "One account ran 1,800 sessions in May."])
def test_the_one_of_one_user_who_did_a_count_is_no_user_count(one: str) -> None:
    plan = make_plan(f"Premium is $10/month with 300 sessions included, then $5 per 1,000 extra sessions. A session "
                     f"costs us 0.4 cents. {one} What did they pay?")
    assert plan.understood and plan.steps[0].args["heavy_user_queries_per_month"] == 1_800
