"""Planner v2, kinds found by first-sight sets CR and CS, each in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.normalize import normalize
from assistant.planner.plan import make_plan


@pytest.mark.parametrize("volume", ["25,000 candidates a month", "25k candidates per month",
                                    "about 25 000 candidates / month"])
@pytest.mark.parametrize("ask", ["Cost per candidate and per month?", "What is the monthly cost, and per candidate?"])
def test_a_noun_listed_as_options_but_counted_per_period_is_work(volume: str, ask: str) -> None:
    [step] = make_plan(f"Fit scoring on gpt-4.1-mini, 2,000 input and 300 output tokens. {volume}. {ask}").steps
    assert step.tool == "token_cost" and step.args["users"] == 1 and step.args["queries_per_user"] == 25_000
    assert step.args["query_period"] == "month"


@pytest.mark.parametrize("night", ["every night", "each night", "nightly", "a night"])
def test_a_count_done_every_night_is_done_daily(night: str) -> None:
    [step] = make_plan(f"We re-score 180,000 candidate profiles {night} on gpt-4o-mini, ~1,200 input and ~150 output "
                       "tokens per profile. Cost per month?").steps
    assert step.args["queries_per_user"] == 180_000 and step.args["query_period"] == "day"


@pytest.mark.parametrize("adjective", ["personalised", "personalized", "tailored"])
def test_a_guessed_adjective_before_a_listed_noun_does_not_head_it(adjective: str) -> None:
    [step] = make_plan(f"Our team sends about 12,000 {adjective} outreach emails per week on gpt-4o-mini, 800 input and "
                       "200 output tokens each. Monthly cost?").steps
    assert step.args["users"] == 1 and step.args["queries_per_user"] == 12_000 and step.args["query_period"] == "week"


@pytest.mark.parametrize(("said", "side"), [("the generated email is ~150 words", "output"),
                                            ("the produced summary is ~150 words", "output"),
                                            ("the retrieved context is ~150 words", "input")])
def test_a_side_said_by_the_participle_before_the_noun(said: str, side: str) -> None:
    other = "output" if side == "input" else "input"
    [step] = make_plan(f"500 users, 4 queries a day each. The {other} is ~600 words and {said}. $2 per million input "
                       "tokens and $8 per million output tokens. Monthly cost?").steps
    assert step.args[f"{side}_words_per_query"] == 150 and step.args[f"{other}_words_per_query"] == 600


@pytest.mark.parametrize(("arrive", "period"), [("1.2 million applicants per year", "year"),
                                                ("100,000 applicants a month", "month"),
                                                ("about 3,000 new sign-ups a week", "week")])
@pytest.mark.parametrize("each", ["(one call each)", ", each screened with one call,"])
def test_users_who_arrive_per_period_use_it_once_per_arrival(arrive: str, period: str, each: str) -> None:
    [step] = make_plan(f"Each screening call costs us about 0.6 cents all-in, and we expect {arrive} {each}. "
                       "What's that per month?").steps
    assert step.args["queries_per_user"] == 1 and step.args["query_period"] == period


@pytest.mark.parametrize("share", ["expect roughly 30% of them to use the bot", "think 30% of those will try it",
                                   "guess that 30% of them would use it"])
def test_a_share_of_the_users_said_before_is_who_uses_it(share: str) -> None:
    steps = make_plan(f"We have 4,000 employees and {share}. Each asks 2 questions a day, 1,000 tokens each, on "
                      "gpt-4o-mini. Monthly cost?").steps
    assert [s.tool for s in steps] == ["change", "token_cost"]
    assert steps[0].args["value"] == 4_000 and steps[0].args["share_percent"] == 30


@pytest.mark.parametrize("count", ["-2,000 applicants", "-150 interviews", "-3,000 resumes"])
def test_a_negative_count_of_any_noun_is_refused(count: str) -> None:
    plan = make_plan(f"Screening cost for {count} a month on gpt-4o-mini at 3,000 tokens each?")
    assert plan.kind == "invalid" and "must be positive (got -" in plan.text and not plan.steps


@pytest.mark.parametrize("when", ["this month", "yet", "currently", "this quarter"])
def test_are_we_profitable_asks_the_profit_at_todays_users(when: str) -> None:
    [step] = make_plan(f"Fixed costs $1.2M per year, price $49 per user per month, variable cost $9 per user per "
                       f"month, 3,200 paying users today. Break-even users, and are we profitable {when}?").steps
    assert step.tool == "break_even" and step.args["paying_users"] == 3_200


@pytest.mark.parametrize("document", ["scoring rubric", "policy handbook", "brand brief"])
@pytest.mark.parametrize("cached", ["with the {noun} served from the prompt cache", "if the {noun} is read from the "
                                    "cache", "when the {noun} is cached"])
def test_a_document_sized_in_tokens_is_input_and_cached_by_its_own_name(document: str, cached: str) -> None:
    noun = document.split()[-1]
    plan = make_plan(f"On claude-sonnet-4-5 each call sends a 6,000-token {document} plus ~1,500 tokens of resume, "
                     f"~250 output tokens. 60,000 calls a month. Monthly bill {cached.format(noun=noun)}?")
    args = plan.steps[0].args if plan.steps[0].tool == "token_cost" else plan.steps[0].args["scenarios"][0]
    assert args["input_token_parts"] == [6_000, 1_500] and args["cached_input_tokens_per_query"] == 6_000


@pytest.mark.parametrize("then", ["what if they hit 10,000 screens this month?", "and if the customer does 10,000?",
                                  "what if she uses 10,000 next month?"])
def test_a_pronouns_usage_in_a_follow_up_is_the_heavy_users(then: str) -> None:
    first = make_plan("Plan: $199 a month, includes 1,000 screens, overage $50 per 1,000 screens, our cost per screen "
                      "is $0.0071. One customer did 4,500 screens last month. What did they pay?")
    [step] = make_plan(then, first.steps).steps
    assert step.args["heavy_user_queries_per_month"] == 10_000


@pytest.mark.parametrize("today", ["is 100% on gpt-4o today, $5,200/month", "runs on gpt-4o today at $5,200 a month",
                                   "is on gpt-4o now ($5,200 per month)"])
@pytest.mark.parametrize("ask", ["New monthly bill and saving?", "What's the saving?"])
def test_routing_applies_to_the_one_monthly_amount_when_a_new_bill_is_asked(today: str, ask: str) -> None:
    plan = make_plan(f"Our helpdesk bot {today}. Plan: send the 80% simple questions to gpt-4o-mini and keep the 20% "
                     f"complex ones on gpt-4o. {ask}")
    [step] = plan.steps
    assert step.tool == "routing" and step.args["monthly_bill_usd"] == 5_200 and not plan.unused


@pytest.mark.parametrize("ones", ["the 20% complex ones", "the hard ones", "the remaining ones"])
def test_ones_is_a_pronoun_never_the_number_one(ones: str) -> None:
    assert "1" not in normalize(f"keep {ones} on gpt-4o").replace("20%", "")


@pytest.mark.parametrize("verb", ["Sweep the add-on fee", "Vary the fee per employer", "Tabulate the fee"])
def test_a_swept_money_range_is_a_range_not_a_change(verb: str) -> None:
    [step] = make_plan(f"2,000 employers, each generates 150 postings per month, ~6,000 tokens per posting on gpt-4o, "
                       f"plus $4,000/month fixed. {verb} from $2 to $20 per employer per month: where does profit "
                       "cross zero?").steps
    assert step.tool == "sweep" and step.args["variable"] == "fee_per_user_month"
    assert (step.args["start"], step.args["stop"]) == (2, 20) and step.args["fixed_cost_month"] == 4_000


@pytest.mark.parametrize("each", ["Each enhancement costs us 4 cents all-in", "every enhancement costs about $0.04",
                                  "Each rewrite costs us 4 cents"])
def test_each_of_an_unlisted_noun_costs_is_a_cost_per_query(each: str) -> None:
    steps = make_plan(f"Our plan is $79/month, 1,200 paying employers averaging 40 enhanced postings a month. {each}. "
                      "What is our gross margin?").steps
    assert [s.args["cost_per_query_usd"] for s in steps if "cost_per_query_usd" in s.args] == [0.04]
    assert steps[-1].asks == ["margin"]


@pytest.mark.parametrize("change", ["from $62,000 to about $19,000 a month", "from ~$62k to roughly $19k a month",
                                    "from around $62,000 to $19,000 a month"])
def test_a_bill_from_one_amount_to_about_another_is_a_saving(change: str) -> None:
    first = make_plan(f"We could spend $300,000 on a fine-tuned model that would take our API bill {change}. Build "
                      "takes 2 months. How long until it pays for itself?")
    saving, payback = first.steps
    assert (saving.args["value"], saving.args["minus"]) == (62_000, 19_000)
    assert payback.args["upfront_investment_usd"] == 300_000 and payback.args["build_months"] == 2
    [again, _] = make_plan("and what if the bill only drops to $35,000?", first.steps).steps
    assert (again.args["value"], again.args["minus"]) == (62_000, 35_000)


@pytest.mark.parametrize("cached", ["27k of the input tokens per call are cache reads",
                                    "27,000 of the input tokens are served from the prompt cache"])
def test_input_after_a_model_name_with_its_breakdown_and_a_cached_part(cached: str) -> None:
    plan = make_plan(f"Our agent sends claude-sonnet-4-5 34,000 input tokens per call (a 30k playbook + the clause) "
                     f"and gets 500 tokens out, 50,000 calls a month. With prompt caching, {cached}. Monthly cost?")
    [step] = plan.steps
    assert step.args["input_tokens_per_query"] == 34_000 and step.args["cached_input_tokens_per_query"] == 27_000
    assert not plan.unused


@pytest.mark.parametrize("verb", ["is running at", "comes in at", "is sitting at", "is currently at"])
def test_a_cost_per_seat_at_a_linking_verb_is_read(verb: str) -> None:
    [step] = make_plan(f"Our Pro tier is $29/seat/month. Model + infra cost per seat {verb} $7.25 a month. We have "
                       "4,200 paid seats. Gross margin and monthly gross profit?").steps
    assert step.tool == "margin" and step.args["cost_per_user_usd"] == 7.25 and step.args["price_per_user_usd"] == 29


@pytest.mark.parametrize("lines", ["(OpenAI $410k, GPUs $200k, vector DB + misc $80k)", "(API $410k + hosting $280k)"])
def test_amounts_in_parentheses_after_a_total_are_its_lines(lines: str) -> None:
    [step] = make_plan(f"Q3 numbers: revenue $1.8M, COGS $690k {lines}. Gross margin?").steps
    assert step.tool == "margin" and step.args["cogs_usd"] == 690_000


@pytest.mark.parametrize("sizes", ["avg 1,500 tokens each going in, about 50 tokens out",
                                   "1,500 tokens apiece going in and 50 tokens coming out"])
def test_a_side_said_after_each(sizes: str) -> None:
    [step] = make_plan(f"One-off job: 1,000,000 documents, {sizes}, on gemini-2.5-flash. Total cost?").steps
    assert step.args["input_tokens_per_query"] == 1_500 and step.args["output_tokens_per_query"] == 50


@pytest.mark.parametrize("item", ["emails, average 400 words each", "contracts of about 400 words each"])
@pytest.mark.parametrize("want", ["For each we want a ~50-word tag + reason", "We need a 50-word summary for each"])
def test_the_item_counted_is_read_and_what_is_wanted_is_written(item: str, want: str) -> None:
    [step] = make_plan(f"One-time review of 1.2 million {item}. {want}. claude-haiku-4-5: total cost?").steps
    assert step.args["input_words_per_query"] == 400 and step.args["output_words_per_query"] == 50
    assert step.args["users"] == 1 and step.args["queries_per_user"] == 1_200_000


@pytest.mark.parametrize("lead", ["We have 1,800 clients and every quarter we summarize",
                                  "We have 1,800 clients; each quarter we summarize",
                                  "We have 1,800 clients, and quarterly we summarize"])
def test_a_period_opening_the_clause_is_the_usage_period(lead: str) -> None:
    [step] = make_plan(f"{lead} 3 statements per client, 6,000 tokens in and 700 out on claude-sonnet-4-5. Cost per "
                       "quarter?").steps
    assert step.args["queries_per_user"] == 3 and step.args["query_period"] == "quarter"


@pytest.mark.parametrize("hit", ["35% of questions to be answered from it", "35% of queries to be served from it"])
def test_a_share_of_queries_answered_from_the_cache_is_a_hit_rate(hit: str) -> None:
    [step] = make_plan(f"Our bill is $38,000/month. A semantic cache: we expect {hit}, and a hit costs 5% of a normal "
                       "call. Also trim the system prompt by 25%; input is 60% of the bill. Monthly saving?").steps
    assert step.tool == "caching" and step.args["hit_rate"] == "35%" and step.args["prompt_reduction"] == "25%"


def test_a_comparison_keeps_the_working_days() -> None:
    [step] = make_plan("40 lawyers, 15 memos per lawyer per working day, 21 working days a month, 8,000 input and "
                       "1,500 output tokens each. Compare claude-sonnet-4-5, gpt-4.1 and gemini-2.5-pro on monthly "
                       "cost.").steps
    assert step.tool == "compare" and step.args["active_days_per_month"] == 21 and len(step.args["options"]) == 3


@pytest.mark.parametrize("who", ["20k paying players", "20,000 paying subscribers", "20k paying cardholders"])
def test_a_comparison_costs_the_paying_users(who: str) -> None:
    [step] = make_plan(f"{who}, ~4 support chats each per month, 1,500 input + 250 output tokens per chat. Compare "
                       "gpt-4o-mini and claude-haiku-4-5 on monthly cost.").steps
    assert step.tool == "compare" and step.args["users"] == 20_000


@pytest.mark.parametrize("line", ["training the community team: $25k", "community team training: $25k",
                                  "training for the support team: $25k",
                                  "change management for the ops team: $25k"])
def test_a_compliance_line_is_named_by_its_category(line: str) -> None:
    [step] = make_plan(f"Costs: development $420k; regulatory work and audits $310k; response verification $95k; "
                       f"{line}. How big is the compliance overhead compared to development?").steps
    assert step.tool == "compliance_overhead" and step.args["user_training_usd"] == 25_000


@pytest.mark.parametrize("heavy", ["A whale doing 6,000 turns a month", "One whale did 6,000 turns last month"])
def test_a_whale_is_the_heavy_user(heavy: str) -> None:
    [step] = make_plan(f"Plan: $4.99/mo, includes 1,000 chat turns, overage $1.50 per 1,000 turns, our cost per turn "
                       f"is $0.00096. {heavy}: what do they pay us?").steps
    assert step.args["heavy_user_queries_per_month"] == 6_000


@pytest.mark.parametrize("then", ["And if caching were off?", "what if caching gets disabled?"])
def test_caching_switched_off_in_a_follow_up(then: str) -> None:
    first = make_plan("claude-haiku-4-5: 5,000 input tokens per request, 4,000 of which are read from the prompt "
                      "cache, 300 output tokens, 50k requests a day. Monthly bill?")
    [step] = make_plan(then, first.steps).steps
    assert not step.args.get("cached_input_tokens_per_query")


@pytest.mark.parametrize("ask", ["Nightly and monthly cost?", "What is the nightly cost?"])
def test_a_nightly_cost_is_a_daily_cost(ask: str) -> None:
    [step] = make_plan(f"Every night we describe ~50,000 levels on gpt-4o, 2,000 input + 500 output tokens per level. "
                       f"{ask}").steps
    assert "daily_cost" in step.asks


@pytest.mark.parametrize("quote", ["> ", ">> ", "  > "])
def test_lines_quoted_from_a_thread_read_as_themselves(quote: str) -> None:
    [step] = make_plan(f"pasting from our #finance thread:\n{quote}fixed burn (2 eng + infra): ~$38k/mo\n{quote}price: "
                       f"$29/seat/mo\n{quote}AI cost: ~$4.50/seat/mo\nhow many seats till we break even?").steps
    assert step.args["fixed_costs_usd"] == 38_000 and step.args["price_per_user_usd"] == 29
    assert step.args["variable_cost_per_user_usd"] == 4.5


@pytest.mark.parametrize("word", ["annual appropriation", "yearly allocation", "annual budget"])
def test_a_yearly_amount_in_a_follow_up_is_never_a_unit_price(word: str) -> None:
    first = make_plan(f"Our {word} for the citizen chatbot is $90,000. Pricing is $0.002 per 1K tokens, ~1,200 tokens "
                      "per query, 3 queries per user per day. How many daily users can we support within budget?")
    [step] = first.steps
    assert step.tool == "solve" and step.args["knowns"]["monthly_cost"] == 90_000
    [again] = make_plan("The council may cut it to $60,000 for the year. Then?", first.steps).steps
    assert again.args["knowns"]["monthly_cost"] == 60_000 and again.args["knowns"]["price_per_1k"] == 0.002


@pytest.mark.parametrize("pronoun", ["those", "these"])
def test_a_cached_part_said_of_those_tokens(pronoun: str) -> None:
    [step] = make_plan(f"On claude-haiku-4-5 each request sends the 12,000-token policy manual + question; 10,000 of "
                       f"{pronoun} tokens are read from the prompt cache. Answers ~500 tokens. 2,500 caseworkers x 16 "
                       "requests per workday. Monthly bill?").steps
    assert step.args["cached_input_tokens_per_query"] == 10_000 and step.args["input_tokens_per_query"] == 12_000


@pytest.mark.parametrize("unit", ["one million token", "1M tokens", "a million tokens"])
def test_the_million_tokens_a_price_is_asked_for_is_no_volume(unit: str) -> None:
    [step] = make_plan(f"60% of requests go to claude-haiku-4-5 and 40% to claude-sonnet-4-5. What is the blended price "
                       f"for {unit}, and how much we pay in month for 2 billion tokens?").steps
    assert step.tool == "routing" and step.args["monthly_tokens"] == 2e9


@pytest.mark.parametrize("who", ["filers", "callers", "requesters"])
def test_the_people_who_do_the_work_are_users(who: str) -> None:
    cost, margin = make_plan(f"Premium: 30,000 {who} at $19/month, they average 400 questions a month, our cost per "
                             "question is 1.2 cents. Gross margin?").steps
    assert cost.args["users"] == 30_000 and cost.args["queries_per_user"] == 400
    assert margin.tool == "margin" and margin.args["price_per_user_usd"] == 19


@pytest.mark.parametrize("free", ["free for cardholders: 25 questions/month, 90,000 cardholders",
                                  "free tier: 25 questions/month, 90,000 cardholders"])
@pytest.mark.parametrize("paid", ["family pass: $5/month, 1,200 pass holders, avg 120 questions/month",
                                  "family pass holders: 1,200 @ $5/mo, avg 120 questions/month"])
def test_a_free_line_and_a_paid_line_in_key_form(free: str, paid: str) -> None:
    [step] = make_plan(f"Plan:\n{free}\n{paid}\ncost per question: $0.0015\nWhat does the free tier cost us a month if "
                       "everyone uses their full quota, and what's the overall gross margin?").steps
    assert step.tool == "pricing_plan" and step.args["free_users"] == 90_000 and step.args["free_quota_queries"] == 25
    assert step.args["plan_price_usd"] == 5 and step.args["paying_users"] == 1_200


@pytest.mark.parametrize("line", ["mlops contractor: $6,000/month", "MLOps engineer: $6,000 a month",
                                  "ops contractor costs $6,000/month"])
def test_a_deployments_own_fixed_cost_beside_gpus_and_an_api(line: str) -> None:
    [step] = make_plan(f"gpu: 2x H200 @ $3.59/h\nthroughput: 6,000 tok/s total (measured)\nutilization: 40%\n{line}\n"
                       "workload: 1.2B tokens/month\ncurrent: claude-haiku-4-5 API\nis self-hosting cheaper at this "
                       "volume, and where is the break-even?").steps
    assert step.tool == "self_host" and step.args["fixed_monthly_usd"] == 6_000
    assert step.args["monthly_tokens"] == 1.2e9 and "break_even_tokens" in step.asks
