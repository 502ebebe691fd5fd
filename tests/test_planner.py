"""The offline planner across phrasings: which tool, which arguments, what it asks back."""

import pytest

from assistant.planner.grammar import parse
from assistant.planner.plan import Step, make_plan
from tools.units import PriceUnit


def _only(question: str, previous: list[Step] | None = None) -> Step:
    plan = make_plan(question, previous)
    calcs = [s for s in plan.steps if s.tool != "search_knowledge"]
    assert len(calcs) == 1, (plan.kind, plan.steps, plan.text)
    return calcs[0]


@pytest.mark.parametrize(
    "question",
    [
        "What does 100k users at 20 queries a day cost per month at $0.002 per 1K tokens with 1,000 tokens per query?",
        "100,000 users, each sending 20 requests daily, 1000 tokens per request, priced at $2 per million tokens. Monthly bill?",
        "How much would we spend monthly: one hundred thousand subscribers x twenty prompts/day x 1k tokens @ $0.002/1K",
        "at $0.002 per thousand tokens and 1,000 tokens a query, what do 20 queries per day for 100k MAU cost?",
    ],
)
def test_token_cost_phrasings_fill_the_same_slots(question: str) -> None:
    step = _only(question)
    assert step.tool == "token_cost"
    assert step.args["users"] == 100_000
    assert step.args["queries_per_user"] == 20
    assert step.args["tokens_per_query"] == 1_000
    assert step.args["price"] in (0.002, 2)


@pytest.mark.parametrize(
    ("text", "value"),
    [("twenty thousand users", 20_000), ("twelve hundred users", 1_200), ("1.2 million users", 1_200_000),
     ("2k users", 2_000), ("half a million users", 500_000), ("3.5M users", 3_500_000)],
)
def test_quantity_words(text: str, value: float) -> None:
    assert parse(text).first("users").value == value


def test_units_and_periods() -> None:
    p = parse("5k seats making 300 prompts a month, 2k tokens each, $2/M, 45% margin, around the clock")
    assert p.first("users").value == 5_000
    q = p.first("queries")
    assert q.value == 300 and q.period.value == "month"
    assert p.first("tokens").value == 2_000
    price = p.first("token_price")
    assert price.value == 2 and price.price_unit.value == "per_1m"
    assert p.first("margin").value == 45


def test_weekly_rates_keep_their_period_for_the_calculator() -> None:
    q = parse("5,000 users at 70 queries a week").first("queries")
    assert q.value == 70 and q.period.value == "week"


def test_model_names_are_not_numbers() -> None:
    p = parse("50k users at 10 queries a day on gpt-4o mini vs llama 3 70b")
    assert p.models == ["gpt-4o mini", "llama 3 70b"]
    assert [n.value for n in p.nums] == [50_000, 10]


@pytest.mark.parametrize(
    ("question", "tool", "expected"),
    [
        ("Our provider takes 40% of revenue - what gross margin does that leave us?", "margin",
         {"provider_share": "40%"}),
        ("We invest $500k in a fine-tune that saves $50,000 a month. How long is the payback?",
         "break_even", {"upfront_investment_usd": 500_000, "monthly_saving_usd": 50_000}),
        ("Fixed costs are $20k a month, we charge $10 per user and the cost per user is $4. How many users to break even?",
         "break_even", {"fixed_costs_usd": 20_000, "price_per_user_usd": 10, "variable_cost_per_user_usd": 4}),
        ("We spent $344,000 on compliance against $150,000 of R&D. What's the overhead?",
         "compliance_overhead", {"compliance_cost_usd": 344_000, "development_cost_usd": 150_000}),
        ("Renting 8 H100s at $2.50/hour doing 1,500 tokens per second at 60% utilization: cost per million tokens?",
         "self_host", {"gpu_hourly_usd": 2.5, "gpus": 8, "tokens_per_second": 1_500}),
        ("If we route 70% of traffic to a model that is 10x cheaper, how much do we save?", "routing",
         {"cheap_share": "70%", "cheap_price_ratio": 10}),
        ("Our monthly LLM bill is $12,000; what does a 30% cache hit rate save?", "caching",
         {"monthly_bill_usd": 12_000, "hit_rate": "30%"}),
        ("What price per 1K tokens keeps 100k users at 20 queries a day under $60k a month?", "solve",
         {"unknown": "price_per_1k"}),
    ],
)
def test_intent_and_slots(question: str, tool: str, expected: dict) -> None:
    step = _only(question)
    assert step.tool == tool
    for key, value in expected.items():
        assert step.args[key] == value


@pytest.mark.parametrize(
    ("question", "tool", "expected"),
    [
        ("Our app has 250,000 monthly active users, each sends about 8 messages per day, roughly 600 tokens per message. We use Claude Haiku. Monthly spend?",
         "token_cost", {"users": 250_000, "queries_per_user": 8, "tokens_per_query": 600}),
        ("If gpt-4o costs $2.50 per million input tokens and $10 per million output, what does 1,000 input and 300 output tokens per request cost for 40k users doing 5 requests daily?",
         "token_cost", {"input_tokens_per_query": 1_000, "output_tokens_per_query": 300, "input_price": 2.5,
                        "output_price": 10, "users": 40_000}),
        ("We sell a $29/mo plan and each customer burns about $6 of inference a month. Gross margin?",
         "margin", {"price_per_user_usd": 29, "cost_per_user_usd": 6}),
        ("How many subscribers do we need to cover $85,000 of monthly fixed costs if we charge $15 and it costs $3 per subscriber to serve?",
         "break_even", {"fixed_costs_usd": 85_000, "price_per_user_usd": 15, "variable_cost_per_user_usd": 3}),
        ("What should we charge per user to keep a 75% margin if each user costs us $2.40 a month?",
         "break_even", {"target_margin": "75%", "variable_cost_per_user_usd": 2.4}),
        ("Fine-tuning our own model would cost $250k upfront and cut our API bill by $30k per month. Payback period?",
         "break_even", {"upfront_investment_usd": 250_000, "monthly_saving_usd": 30_000}),
        ("Our legal and compliance spend was $120k while engineering cost $400k. What if we add two more regions?",
         "compliance_overhead", {"compliance_cost_usd": 120_000, "development_cost_usd": 400_000, "extra_regions": 2}),
        ("What does it cost per million tokens to run Llama 3 70B on 4 A100s at 2,000 tokens/sec with 40% utilization?",
         "self_host", {"gpus": 4, "tokens_per_second": 2_000, "utilization": "40%"}),
        ("We send 80% of queries to gpt-4o-mini and 20% to gpt-4o. What's our blended price per 1M tokens?",
         "routing", {"routes": [{"model": "gpt-4o-mini", "share": "80%"}, {"model": "gpt-4o", "share": "20%"}]}),
        ("Our OpenAI bill is $45,000 a month. If half our prompts hit a semantic cache, how much do we save?",
         "caching", {"monthly_bill_usd": 45_000, "hit_rate": "50%"}),
        ("If we trim prompts by 25%, what do we save on a $20k/month bill?", "caching",
         {"monthly_bill_usd": 20_000, "prompt_reduction": "25%"}),
        ("Notion-style: $10 add-on, free users get 20 queries a month, each query costs $0.004. How many queries can the paid plan include at a 70% margin?",
         "pricing_plan", {"plan_price_usd": 10, "cost_per_query_usd": 0.004, "free_quota_queries": 20}),
        ("How many users can we afford at 15 queries a day, 800 tokens each, $0.5 per 1M tokens, with a $10k monthly budget?",
         "solve", {"relation": "monthly_cost_per_1m", "unknown": "users"}),
        ("How many times more expensive is GPT-4 than GPT-3.5?", "compare",
         {"options": [{"model": "GPT-4"}, {"model": "GPT-3.5"}]}),
        ("PerceptIn-like: regulatory work cost us $344k, the R&D itself $150k. Ratio?", "compliance_overhead",
         {"compliance_cost_usd": 344_000, "development_cost_usd": 150_000}),
        ("We budget $50,000 for response verification and $20,000 for user training against a development cost of $300,000. What's the compliance share?",
         "compliance_overhead", {"response_verification_usd": 50_000, "user_training_usd": 20_000,
                                 "development_cost_usd": 300_000}),
        ("Self-hosting: 2 L4 GPUs rented at $0.70/h each, serving 600 tok/s total, running at 70% load. What is our cost per 1M tokens?",
         "self_host", {"gpu_hourly_usd": 0.7, "gpus": 2, "tokens_per_second": 600, "utilization": "70%"}),
        ("is it cheaper to self host on one H100 doing 2500 tokens per second than paying $0.60 per million tokens? we process 2 billion tokens a month",
         "self_host", {"tokens_per_second": 2_500, "monthly_tokens": 2e9, "price": 0.6, "price_unit": "per_1m"}),
        ("Flat fee of $20 per seat per month, median user makes 400 queries a month, each query costs $0.01. What share of seats lose us money?",
         "pricing_plan", {"plan_price_usd": 20, "cost_per_query_usd": 0.01, "median_queries_per_user_per_month": 400}),
        ("For a $15 subscription with a 60% target margin, how many queries can we include if a query costs $0.003?",
         "pricing_plan", {"plan_price_usd": 15, "cost_per_query_usd": 0.003, "target_margin": "60%"}),
        ("What's the max price per 1K tokens we can pay so that 50k users making 10 requests a day with 2,000 tokens each stay under a $30,000 monthly budget?",
         "solve", {"unknown": "price_per_1k", "knowns": {"monthly_cost": 30_000, "users": 50_000,
                                                         "queries_per_user_per_day": 10, "tokens_per_query": 2_000}}),
        ("How many queries per user per day can 20k users make at 1k tokens and $0.002/1K before we blow through $24k a month?",
         "solve", {"unknown": "queries_per_user_per_day"}),
        ("gpt-4o-mini vs claude haiku vs gemini flash for 5k users at 40 queries/day, 1500 tokens each", "compare",
         {"options": [{"model": "gpt-4o-mini"}, {"model": "claude haiku"}, {"model": "gemini flash"}], "users": 5_000}),
        ("compare $0.50 per 1M tokens against $3 per 1M tokens for 1 million users doing 3 queries daily", "compare",
         {"users": 1_000_000, "options": [{"price": 0.5, "price_unit": "per_1m"}, {"price": 3, "price_unit": "per_1m"}]}),
    ],
)
def test_questions_written_by_others(question: str, tool: str, expected: dict) -> None:
    step = _only(question)
    assert step.tool == tool
    for key, value in expected.items():
        assert step.args[key] == value


def test_a_fact_check_goes_to_the_knowledge_base() -> None:
    plan = make_plan("Is it true that Jasper had 60% margins?")
    assert plan.kind == "knowledge"


def test_missing_essentials_get_a_clarifying_question() -> None:
    plan = make_plan("How much will my chatbot cost?")
    assert plan.kind == "clarify" and not plan.steps
    assert "how many users" in plan.text and "price or a model" in plan.text


def test_knowledge_and_out_of_scope() -> None:
    knowledge = make_plan("Why can self-hosting Llama end up costing more than an API?")
    assert knowledge.kind == "knowledge" and knowledge.steps[0].tool == "search_knowledge"
    out = make_plan("Can you recommend a good pizza place in Rome?")
    assert out.kind == "out_of_scope" and "economics" in out.text
    assert [s.tool for s in out.steps] == ["search_knowledge"], "only the user's documents are checked"


def test_out_of_scope_is_answered_only_from_a_close_passage() -> None:
    from assistant.planner.compose import answers_question

    passage = [{"text": "The Acme pilot contract caps inference spend, negotiated with Zorblax Cloud.",
                "title": "Acme pilot", "source": "acme.md"}]
    found = [("search_knowledge", {}, passage, None)]
    assert answers_question("Which cloud did we negotiate the Acme pilot contract with?", found)
    assert not answers_question("Can you recommend a good pizza place in Rome?", found)
    assert not answers_question("Who runs Acme?", found), "one shared word is not a match"
    assert not answers_question("Which cloud did we negotiate the Acme contract with?",
                                [("search_knowledge", {}, None, "store offline")])


@pytest.mark.parametrize("question", ["", "   ", "x" * 10_000, "%$#@! 12 ^^ 99 ?? ## 7 $$ 1 ~~ 3 %% 8"])
def test_bad_input_gets_a_message_not_a_plan(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "invalid" and not plan.steps and plan.text


PREVIOUS = [Step("token_cost", {"users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000,
                                "model": "gpt-4o-mini"})]


def test_followups_edit_the_last_scenario() -> None:
    assert _only("and with 30,000 users?", PREVIOUS).args["users"] == 30_000
    switched = _only("what if we switch to gpt-4o?", PREVIOUS).args
    assert switched["model"] == "gpt-4o" and switched["users"] == 100_000
    change, step = make_plan("double the queries", PREVIOUS).steps
    assert (change.args["value"], change.args["factor"]) == (20, 2) and step.args["queries_per_user"] == {
        "$from": ["change", "value"]}


def test_saving_followup_compares_the_last_two_scenarios() -> None:
    history = [*PREVIOUS, Step("token_cost", {**PREVIOUS[0].args, "model": "gpt-4o"})]
    step = _only("how much would we save per year?", history)
    assert _only("how much more is that a year?", history).tool == "compare"
    assert step.tool == "compare"
    assert [s["model"] for s in step.args["scenarios"]] == ["gpt-4o-mini", "gpt-4o"]


def test_a_followup_after_a_saving_edits_the_scenario_not_the_comparison() -> None:
    history = [*PREVIOUS, Step("token_cost", {**PREVIOUS[0].args, "model": "gpt-4o"}),
               Step("compare", {"scenarios": []})]
    plan = make_plan("halve the users", history)
    change, step = plan.steps
    assert change.tool == "change" and change.args["value"] == 100_000 and change.args["factor"] == 0.5
    assert step.tool == "token_cost" and step.args["users"] == {"$from": ["change", "value"]}
    assert step.args["model"] == "gpt-4o"


@pytest.mark.parametrize("question", ["a trillion percent", "about 5000 dollars please"])
def test_a_number_alone_asks_what_it_measures(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "invalid" and "what it measures" in plan.text


@pytest.mark.parametrize("question", ["$5000", "42"])
def test_bare_figures_are_not_questions(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "invalid" and not plan.steps


def test_a_split_across_named_models_is_routing() -> None:
    step = _only("route 70% to gpt-4o-mini and 30% to gpt-4o")
    assert step.tool == "routing" and [r["share"] for r in step.args["routes"]] == ["70%", "30%"]


def test_a_model_bill_beside_revenue_is_the_cost_of_revenue() -> None:
    plan = make_plan("Our AI feature brings in $200k of revenue a month and the model bill is $50k. Gross margin?")
    assert plan.steps[0].tool == "margin"
    assert plan.steps[0].args["revenue_usd"] == 200_000 and plan.steps[0].args["cogs_usd"] == 50_000


def test_a_second_share_of_revenue_is_other_cogs() -> None:
    plan = make_plan("About 35% of our revenue goes to the LLM provider and another 10% to hosting. Margin?")
    assert plan.steps[0].args == {"provider_share": "35%", "other_cogs_share": "10%"}


def test_fully_utilized_means_100_percent() -> None:
    plan = make_plan("A single L4 at $0.80/hour generating 300 tokens per second, fully utilized: price per 1M?")
    assert plan.steps[0].tool == "self_host" and plan.steps[0].args["utilization"] == "100%"


def test_shares_paired_with_prices_are_routes() -> None:
    plan = make_plan("Send 70% of traffic to a model at $0.50 per 1M tokens and 30% to one at $10 per 1M.")
    assert plan.steps[0].tool == "routing"
    assert plan.steps[0].args["routes"] == [{"price_per_1m": 0.5, "share": "70%"},
                                            {"price_per_1m": 10.0, "share": "30%"}]


@pytest.mark.parametrize("question", [
    "gpt-4o vs gpt-4o-mini: monthly cost for 50k users doing 5 queries a day at 1,000 tokens?",
    "Which costs less for 3,000 users at 40 queries a day of 1,000 tokens, gpt-4o or gpt-4o-mini?",
])
def test_the_cost_of_two_named_options_is_a_comparison(question: str) -> None:
    plan = make_plan(question)
    assert plan.steps[0].tool == "compare" and len(plan.steps[0].args["options"]) == 2


@pytest.mark.parametrize("question", ["Route half of our queries to a model that's five times cheaper. Savings?",
                                      "Route 50% of our queries to a model that is 5 times cheaper."])
def test_n_times_cheaper_is_a_multiplier(question: str) -> None:
    plan = make_plan(question)
    assert plan.steps[0].args == {"cheap_share": "50%", "cheap_price_ratio": 5.0}


def test_a_range_of_users_is_a_sweep() -> None:
    plan = make_plan("How does our monthly cost change as users grow from 10k to 1M at 20 queries a day on gpt-4o-mini?")
    step = plan.steps[0]
    assert step.tool == "sweep"
    assert (step.args["variable"], step.args["start"], step.args["stop"], step.args["scale"]) == \
        ("users", 10_000, 1_000_000, "log")


def test_which_input_matters_most_is_sensitivity() -> None:
    plan = make_plan("Which input matters most for our margin? 50k users, 20 queries a day, $2 per 1M tokens, "
                     "$10 a month per user.")
    assert plan.steps[0].tool == "sensitivity"
    assert plan.steps[0].args["metric"] == "gross_margin" and plan.steps[0].args["fee_per_user_month"] == 10


def test_uncertainty_and_percentiles_are_monte_carlo() -> None:
    plan = make_plan("What's the P95 monthly bill for 50k users at 10 queries a day at $3 per 1M tokens if "
                     "prices could drop 50% or rise 20%?")
    args = plan.steps[0].args
    assert plan.steps[0].tool == "monte_carlo" and args["users"] == 50_000
    assert (args["price_change_low"], args["price_change_high"]) == ("-50%", "20%")


def test_a_number_glued_to_letters_is_not_a_quantity() -> None:
    from assistant.planner.grammar import parse

    assert [n.value for n in parse("the P95 bill for 50k users").nums] == [50_000]


def test_a_price_unit_is_not_shared_across_a_list_of_other_figures() -> None:
    from assistant.planner.grammar import parse

    p = parse("with a $10 plan, 20 queries a day and $2 per 1M tokens")
    assert [(n.text, n.kind) for n in p.nums if n.money] == [("$10", "price_per_user"), ("$2", "token_price")]
    listed = parse("Compare $1, $3 and $15 per 1M tokens")
    assert [n.price_unit.value for n in listed.nums] == ["per_1m"] * 3


def test_a_follow_up_can_change_a_price_alone() -> None:
    first = make_plan("We charge $20 per user and each user costs us $8. Gross margin?")
    plan = make_plan("and if we charged $40?", first.steps)
    assert plan.steps[0].tool == "margin"
    assert plan.steps[0].args == {"cost_per_user_usd": 8.0, "price_per_user_usd": 40.0}


def test_scenario_words_without_figures_do_not_hijack_a_fact_question() -> None:
    plan = make_plan("What drives AI costs?")
    assert plan.kind == "knowledge"


@pytest.mark.parametrize(("question", "cost"), [
    ("At $50 per seat with $20 of model costs per seat and $200k of monthly overhead, how many seats to break even?", 20),
    ("Fixed costs of $60,000 a month, a $50 plan, and API costs of $15 per user: break-even users?", 15),
])
def test_a_per_user_amount_in_a_clause_about_costs_is_a_cost(question: str, cost: float) -> None:
    plan = make_plan(question)
    assert plan.steps[0].tool == "break_even"
    assert plan.steps[0].args["variable_cost_per_user_usd"] == cost


@pytest.mark.parametrize("question", [
    "We have fixed costs of 50k a month, charge 20 per user and each user costs 5. How many users to break even?",
    "Team and hosting are 50k a month in fixed costs; users pay 20 and cost us 5 each. When do we break even?",
])
def test_bare_amounts_named_by_money_words_are_money(question: str) -> None:
    step = _only(question)
    assert step.tool == "break_even"
    assert {k: v for k, v in step.args.items() if k != "mode"} == {
        "fixed_costs_usd": 50_000, "price_per_user_usd": 20, "variable_cost_per_user_usd": 5}


def test_a_bare_number_followed_by_a_unit_stays_a_count() -> None:
    p = parse("each query costs 1,000 tokens and we pay 3 engineers")
    assert not p.nums[0].money and p.nums[0].kind == "tokens"


def test_a_plan_fee_never_takes_a_token_price_unit() -> None:
    p = parse("a $10 plan at $2 per 1M tokens")
    assert [(n.kind, n.price_unit) for n in p.nums] == [("price_per_user", None), ("token_price", PriceUnit.per_1m)]


def test_the_subject_of_a_clause_names_an_amount() -> None:
    p = parse("Revenue from our AI assistant is $90k a month and we pay $30k for the model")
    assert [n.kind for n in p.nums] == ["revenue", "bill"]


@pytest.mark.parametrize(("question", "variable", "ends", "extra"), [
    ("How does spend move as tokens per query go from 200 to 2,000 for 5k users at 4 queries a day at $1 per 1M tokens?",
     "tokens_per_query", (200, 2_000), {"users": 5_000}),
    ("Graph cost as the price per 1M tokens goes from $0.50 to $20 for 10k users at 3 queries a day.",
     "price_per_1m", (0.5, 20), {"users": 10_000}),
    ("Plot our bill as queries per user go from 10 to 100 a week for 2,000 users on gpt-4o-mini.",
     "queries_per_user", (10, 100), {"query_period": "week"}),
])
def test_a_range_takes_the_kind_its_subject_names(question: str, variable: str, ends: tuple, extra: dict) -> None:
    step = _only(question)
    assert step.tool == "sweep" and step.args["variable"] == variable
    assert (step.args["start"], step.args["stop"]) == ends
    assert extra.items() <= step.args.items()
    assert "fee_per_user_month" not in step.args  # a range's other end is not a plan fee


def test_monte_carlo_reads_ranges_and_the_heavy_tail_from_the_text() -> None:
    step = _only("Simulate cost for 10 queries a day, the heaviest 5% send 60 queries a day, between 1k and 4k users, "
                 "300 to 900 tokens a query, $1 per 1M tokens.")
    assert step.tool == "monte_carlo"
    assert (step.args["users_low"], step.args["users_high"]) == (1_000, 4_000)
    assert (step.args["tokens_low"], step.args["tokens_high"]) == (300, 900)
    assert step.args["queries_p95"] == 60 and step.args["queries_per_user"] == 10


def test_a_bare_one_off_cost_and_a_saving_are_a_payback() -> None:
    step = _only("Retraining costs 240k one-off and saves 20k each month. When does it pay back?")
    assert step.tool == "break_even"
    assert step.args == {"upfront_investment_usd": 240_000, "monthly_saving_usd": 20_000, "mode": "payback"}


def test_a_cost_word_beyond_a_clause_boundary_does_not_make_a_price_a_cost() -> None:
    p = parse("We list the pro tier at $25 a seat and inference runs $7 per seat")
    assert [n.kind for n in p.nums] == ["price_per_user", "cost_per_user"]


@pytest.mark.parametrize("question", [
    "Each request costs us $0.004 and the plan is $12 a month",
    "The plan is $12 a month; a single call costs us $0.004",
])
def test_a_cost_counted_per_query_is_a_cost_per_query(question: str) -> None:
    assert {n.kind for n in parse(question).nums} == {"price_per_user", "cost_per_query"}


def test_an_amount_we_pay_with_no_user_or_query_in_its_clause_is_a_bill() -> None:
    assert parse("Each month we pay $9,000 for inference").nums[0].kind == "bill"
    assert parse("We spend $2 per user on inference").nums[0].kind != "bill"


def test_a_paid_plans_own_allowance_is_usage_not_a_free_quota() -> None:
    step, margin = make_plan("A $25 plan includes 400 queries at $0.02 per query. Margin for someone who uses them "
                             "all?").steps  # the plan's cost per user (400 x $0.02) feeds the margin
    assert step.tool == "pricing_plan" and step.args["queries_per_user_per_month"] == 400
    assert "free_quota_queries" not in step.args
    assert margin.tool == "margin" and margin.args["cost_per_user_usd"] == {"$from": ["pricing_plan",
                                                                                     "cost_per_paying_user_usd"]}
    free = _only("A $25 plan, plus a free tier that includes 40 queries, at $0.02 per query: what can the plan include?")
    assert free.args["free_quota_queries"] == 40


@pytest.mark.parametrize("question", ["Where does the idea that 1,000 tokens are about 750 words come from?",
                                      "Is 4 characters per token a good rule of thumb?"])
def test_questions_about_where_a_figure_comes_from_are_knowledge(question: str) -> None:
    assert make_plan(question).kind == "knowledge"


def test_a_budget_to_spend_is_a_goal_seek_target() -> None:
    step = _only("With $8,000 a month to spend on 4 queries a day of 500 tokens at $2 per 1M tokens, how many users fit?")
    assert step.tool == "solve" and step.args["knowns"]["monthly_cost"] == 8_000
    assert step.args["unknown"] == "users"


@pytest.mark.parametrize(("follow", "field", "value"), [
    ("what if traffic doubles?", "users", 2_000), ("and if the query volume tripled?", "queries_per_user", 15),
    ("suppose each user sends twice as many prompts", "queries_per_user", 10),
    ("what about halving the tokens?", "tokens_per_query", 250),
    ("and if messages per user tripled?", "queries_per_user", 15),
    ("say each customer had twice as many conversations", "queries_per_user", 10),
])
def test_scaling_words_in_any_form_and_order_scale_the_last_scenario(follow: str, field: str, value: float) -> None:
    first = make_plan("1,000 users at 5 queries a day of 500 tokens at $1 per 1M tokens: monthly cost?")
    change, step = make_plan(follow, first.steps).steps  # the planner does no arithmetic: `change` scales
    assert change.tool == "change" and change.args["value"] * change.args["factor"] == value
    assert step.tool == "token_cost" and step.args[field] == {"$from": ["change", "value"]}


def test_an_explicit_figure_in_a_follow_up_is_not_scaled_again() -> None:
    first = make_plan("1,000 users at 5 queries a day of 500 tokens at $1 per 1M tokens: monthly cost?")
    assert _only("what about half a million users?", first.steps).args["users"] == 500_000


def test_writers_and_articles_are_users_and_queries() -> None:
    p = parse("300 editors publishing 4 posts a day of 800 words")
    assert [(n.kind, n.value) for n in p.nums] == [("users", 300), ("queries", 4), ("words", 800)]


@pytest.mark.parametrize("question", ["Which team took the 1998 league title?", "How do I bake bread with 2 eggs?"])
def test_plain_counts_in_a_question_with_no_economics_are_out_of_scope(question: str) -> None:
    plan = make_plan(question)
    assert plan.kind == "out_of_scope" and all(s.tool == "search_knowledge" for s in plan.steps)


def test_a_cost_per_user_question_without_a_user_count_is_worked_out_for_one_user() -> None:
    plan = make_plan("What does each user cost a month at 8 queries a day of 900 tokens on gpt-4o-mini?")
    step = plan.steps[0]
    assert step.tool == "token_cost" and step.args["users"] == 1 and step.args["queries_per_user"] == 8
    assert any("one user" in note for note in plan.notes)
    assert make_plan("What does it cost at 8 queries a day of 900 tokens on gpt-4o-mini?").kind == "clarify"


def test_engineers_and_agents_are_users() -> None:
    assert [n.kind for n in parse("120 support agents and 40 engineers").nums] == ["users", "users"]


def test_an_amount_or_percentage_no_calculator_takes_is_named_not_dropped() -> None:
    plan = make_plan("With 30% VAT on top, what do 5k users at 8 queries a day on gpt-4o-mini cost?")
    assert plan.steps[0].tool == "token_cost"
    assert any(note.startswith("Not used in this calculation: 30%") for note in plan.notes)
    discounted = make_plan("With a 30% volume discount, what do 5k users at 8 queries a day on gpt-4o-mini cost?")
    assert discounted.steps[0].args["price_change"] == "-30%"  # a discount the calculator takes
    used = make_plan("5k users at 8 queries a day at $2 per 1M tokens with a 30% cache hit rate: monthly cost?")
    assert not any(note.startswith("Not used") for note in used.notes)
