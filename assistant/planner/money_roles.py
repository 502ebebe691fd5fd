"""Money roles: what an amount of money in a question is (a price, a cost per query or user, a bill, ...)."""

from __future__ import annotations

import re

from assistant.planner.cost_parts import COST_PARTS, another_cost_line, names_a_cost_line, next_line, second_part
from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, cue, cue_distance, noun_class
from assistant.planner.non_quantities import priced_one
from assistant.planner.overage_roles import overage_per_thousand, overage_price
from assistant.planner.per_unit import antecedent, clause_counts, each_one, each_unit, leading_unit, sentence_start
from assistant.planner.quantities import Num, price_unit_of
from assistant.planner.reading import PERIOD_WORDS, Given, Reading, nearest_cue, noun_of, own_phrase, split_words

__all__ = ["money", "one_hour"]

_CLAUSE_WORDS = {"and", "but", "while", "whereas"}
_LINK_VERBS = {"cost", "costs", "came", "come", "was", "were", "is", "are", "totaled", "totalled", "ran", "runs", "run",
               "hit", "reached", "amounted", "amounts", "and", "at"}
_TOPICAL = ["funding", "saving", "contribution", "compliance", "verification", "training", "investment", "budget",
            "revenue", "fixed", "technology", "development", "gpu"]
_GENERIC = ["price", "bill", "cost", "allowance"]


def _token_price(n: Num, norm: str) -> str:
    _, after = own_phrase(n)
    if "in" in after[:3] and re.match(r"[^.;?]{0,24}?\bin\s+\d", norm[n.end:]):
        after = after[:after.index("in")]  # "up to $2/M in 8 even steps": 'in' before a number is no input side
    for side in (set(after[:5]), set(n.before[-2:])):  # "$15 per 1M output" names its own kind after it
        writes = side & {"write", "writes", "written", "writing", "creation"}
        if writes and (side & {"cache", "cached", "caching"} or "cache" in norm):
            return "cache_write_1h_price" if one_hour(n, norm) else "cache_write_price"  # "cache writes $3.75/M"
        if side & {"cached", "cache", "hits"}:
            return "cached_price"
        if side & {"input", "prompt", "in"}:
            return "input_price"
        if side & {"output", "completion", "out", "generated"}:
            return "output_price"
    return "token_price"


def one_hour(n: Num, norm: str) -> bool:
    """A cache figure for the 1-hour cache ("1-hour cache writes $6/M", "written to the 1h cache")."""
    near = re.split(r"[;,!?]|\.\s", norm[max(0, n.start - 30):n.start])[-1] + \
        re.split(r"[;,!?]|\.\s", norm[n.end:n.end + 50])[0]
    return re.search(r"\b(?:1|one)[ -]?(?:h|hr|hour)\b|\b60[ -]?min", near) is not None


def _request_fee(n: Num, p: Parsed) -> bool:
    """A fee per request beside token prices ("a $0.005 search fee per call", "$0.01 per request on top")."""
    token_priced = any(m.price_unit for m in p.nums if m is not n)
    return token_priced and cue_distance(*own_phrase(n), LEXICON["request_fee_cues"]) is not None


_SOLD_VERBS = set(LEXICON["sold_unit"]["verbs"])
_OURS = set(LEXICON["sold_unit"]["ours"])


_TIERS = ("pro", "premium", "starter", "basic", "enterprise")  # "pro is 49 a month": a plan sold by its name


def _sold_unit(n: Num, subject: list[str]) -> bool:
    """'A seat is $25/mo', 'each license goes for $40': a customer unit priced with no 'us' or 'we' paying."""
    words = [w for w in subject if w not in ("for", "at")]
    return len(words) >= 2 and words[-1] in _SOLD_VERBS and (noun_class(words[-2]) == "users" or words[-2] in _TIERS) \
        and not _OURS & set(words[:-1]) and not _OURS & set(own_phrase(n)[1][:4])


# A token price whose unit comes before it: "the per-1K price drops to $0.0015", "our per-million rate is $0.40".
_UNIT_BEFORE = re.compile(r"\bper[- ](1000|1,000|1k|thousand|1000000|1,000,000|1m|million|tokens?)[- ](?:tokens?\s+)?"
                          r"(?:price|rate|cost)s?\b[^.;?!$\d]{0,30}$", re.I)


def money(n: Num, p: Parsed, per: list[str], r: Reading) -> Given | None:
    """The role of an amount of money (a price, a cost per query or user, a bill, a funding, ...), or None."""
    period = next((x for x in per if x in PERIOD_WORDS.values()), None) or _span(n)
    subject = own_phrase(n)[0]
    one = next((m for m in reversed(p.nums) if m.end <= n.start), None)
    if one is not None and priced_one(p.norm, one) and subject and re.match(
            rf"\s*{re.escape(subject[0])}\b", p.norm[one.end:n.start], re.I):
        subject = ["one", *subject]  # "One lesson-plan generation costs us 0.9 cents": the amount is per generation
    serve = any(w.startswith(("serve", "run", "host")) for w in own_phrase(n)[1][:5])  # "each user is $4 to serve"
    costed = any(w.startswith(("cost", "pric", "spend", "cogs", "expense", "burn", "inference", "compute"))
                 for w in subject)
    # "every seat eats $3 of API cost": each one of a unit, one verb, the amount: the amount is per that unit
    each_verb = (len(subject) >= 3 and subject[-3] in ("each", "every") and noun_of(subject[-2:-1])[0] in (
        "users", "queries")) or (len(subject) >= 2 and subject[-2] in ("each", "every") and noun_of(
            subject[-1:])[0] in ("users", "queries"))  # "each query ~$0.0025 of model cost"
    # "gets a run down to 2.5 cents", "brings each seat down to $3": an amount one unit is moved to
    moved = n.before[-1:] == ["to"] and bool({"down", "up", "cut", "cuts", "reduce", "reduces", "drop", "drops",
                                              "lower", "lowers"} & set(subject))
    # "a gaming client can spend $120k a year": a budget said of one client, not an amount per client
    one_of = ("every", "each", "per") if nearest_cue(n, LEXICON["money_cues"], _TOPICAL) == "budget" else (
        "every", "each", "one", "a", "an", "per")
    if not {"users", "queries"} & set(per) and (serve or costed or each_verb or moved):
        # "the per-query cost drops to $0.003", "serving each seat costs $3 a month"
        per += [c for w in subject if w.startswith("per-") and (c := noun_class(w[4:]))] or \
            [c for i, w in reversed(list(enumerate(subject))) if (w in one_of or (
                w in ("the", "an", "a") and subject[i + 1:i + 2] in (["avg"], ["average"], ["typical"], ["median"],
                                                                      ["mean"])))
             and (c := noun_of(subject[i + 1:i + 4], compound=True)[0]) in ("queries", "users")][:1]  # the nearest
    if not {"users", "queries"} & set(per) and (lead := leading_unit(p.norm, n)) is not None:
        per.append(lead)  # "Per query we pay $0.004 for the model": the sentence opens with what it is per
    last = r.givens[-1] if r.givens else None
    if last is not None and last.var == "headcount" and re.fullmatch(r"[^.;?!$\d]*", p.norm[last.start:n.start]
                                                                     .partition(last.text)[2]):
        return Given("staff_cost", n.value, n.text, period=period)  # "4 engineers at $15k/month": what each costs
    if not {"users", "queries"} & set(per) and subject[:1] == ["and"] and len(subject) <= 3 and last is not None \
            and subject[1:2] and subject[1].startswith(("cost", "pay", "run", "bring", "generat", "spend")) \
            and last.var in ("price_per_user", "cost_per_user") \
            and not re.search(r"[.;?!]\s", p.norm[last.start:n.start]):
        per.append("users")  # "seats pay $20 and cost us $5": the verb shares the amount before it's subject
    if not {"users", "queries"} & set(per) and n.before[-1:] == ["each"] and len(subject) == 1 \
            and (c := antecedent(p.norm, n)) is not None:
        per.append(c)  # "900 queries/month, each ~$0.0025": each of the count just named
    if not {"users", "queries"} & set(per) and each_one(subject) and (c := antecedent(p.norm, n)) is not None:
        per.append(c)  # "users pay $8 and each one costs us $3": 'one' is the user
    # "a seat is $25/mo" is a price; "salaries are $1.2M a year" names a cost, whatever its noun resembles
    sold = _sold_unit(n, subject) and all(cue_distance(subject[-2:], own_phrase(n)[1], LEXICON["money_cues"][c])
                                          is None for c in _TOPICAL)  # "Legal research seat is $120/month": the seat
    # sold, whatever names the product before it ("a seat is $13 in compliance cost" is not)
    if sold:
        per.append("users")  # "a seat is $25/mo", "each license goes for $40": what a buyer pays for one
    if period is None and cue("spent_building").match(p.norm, n.end):  # "spend $90,000 building a triage model";
        compliance = p.has("complian", "regulat", "audit")  # "$420k building the model and $630k on compliance"
        return Given("development_cost" if compliance else "investment", n.value, n.text)
    if n.after[:1] and noun_class(n.after[0]) == "users" and not n.after[0].endswith("s") \
            and n.before[-1:] in (["a"], ["an"], ["one"]):
        per.append("users")  # "a 65% margin on an $18 seat": the seat's price
    if n.price_unit is not None and (overage := overage_per_thousand(n, p.norm, sentence_start(p.norm, n))) is not None:
        return overage  # "then $5 per 1,000 extra": per 1,000 of the plan's queries, not of tokens
    if n.price_unit is not None:
        return Given(_token_price(n, p.norm), n.value, n.text, unit=n.price_unit.value)
    if (unit_said := _UNIT_BEFORE.search(p.norm, 0, n.start)) is not None:  # "the per-1K price drops to $0.0015"
        return Given("token_price", n.value, n.text, unit=price_unit_of(unit_said.group(1)).value)
    option = next((g for g in r.all("token_price") if g.value == n.value), None)
    if option is not None and n.after[:1] in (["model"], ["one"], ["models"], ["option"], ["tier"], ["llm"]):
        return Given("token_price", n.value, n.text, unit=option.unit)  # "10% stays on the $5 model" named before
    joined = n.before[-1:] == ["and"] and n.after[:1] in (["on"], ["for"], ["in"]) and last is not None \
        and not re.search(r"[.;?!]\s", p.norm[last.start:n.start])  # "$6.40 on API calls and $2.10 on hosting"
    filler = 2 if n.before[-1:] in (["about"], ["around"], ["roughly"], ["some"]) else 1  # "plus about $6,000"
    added = n.before[-filler:][:1] in (["another"], ["plus"], ["additional"]) \
        or p.norm[:n.start].rstrip().endswith("+")
    if (added or joined) and last is not None \
            and last.var in (*COST_PARTS, "staff_cost"):  # "API invoices $512k and hosting another $177k"
        return Given("cost_part", n.value, n.text, target="fixed_costs" if last.var == "staff_cost" else last.var)
    if (overage := overage_price(n, p.nums, sentence_start(p.norm, n))) is not None:
        return overage
    each = each_unit(n, p.norm, per, period)
    if "queries" in per or each == "queries":
        if _request_fee(n, p):
            return Given("request_price", n.value, n.text)  # "a flat $0.005 per request on top of tokens"
        return second_part(n, p, last, Given("cost_per_query", n.value, n.text))
    if period == "hour" and r.has("hours_saved"):
        return Given("hourly_value", n.value, n.text)  # "310 nurse-hours a month, which we value at $58 an hour"
    gpu_context = bool(p.gpus) or "gpu" in p.words or any(w.startswith("gpu") for w in p.words)
    if period == "hour" and gpu_context:
        return Given("gpu_hourly", n.value, n.text)
    cat = nearest_cue(n, LEXICON["money_cues"], _TOPICAL) or nearest_cue(n, LEXICON["money_cues"], _GENERIC)
    if re.match(r"\s*\(", p.norm[n.end:]) and (said := nearest_cue(n, LEXICON["money_cues"], [*_TOPICAL, *_GENERIC],
                                                                    before=own_phrase(n)[0])) is not None:
        cat = said  # "Upfront: $240,000 (GPUs, labeling, 2 contractors)": the aside lists what it buys, not its role
    later_clause = subject[:1] != [] and subject[0] in _CLAUSE_WORDS and (  # "... and cost of goods was $420k"
        subject[0] != "and" or re.search(r"\d", " ".join(sentence_start(p.norm, n))) is not None)  # not "team and
    # tooling run $540k", whose 'and' joins the subject's nouns
    cogs = bool({"cogs", "goods"} & set(n.before[-3:]))  # "Revenue $2M, COGS $900k": the cost of goods sold itself
    if cogs and cat not in ("cost", "bill"):
        cat = "cost"  # "what if COGS climbs to $720k on the same revenue?": the cost named before it, not a later cue
    if (cat is None or (cat in ("bill", "cost") and per == [] and not cogs)) and not later_clause:
        # "Dev spend (GPUs) came to $200,000": the sentence's subject; a list item's own when it names one
        item = sentence_start(p.norm, n, item=True)  # "revenue $1.8M, inference bill $540k" (not "..., cost $7k")
        start = item if cat is not None and item and item[0] not in _LINK_VERBS else sentence_start(p.norm, n)
        cat = nearest_cue(n, LEXICON["money_cues"], _TOPICAL, before=start) or cat
        said = nearest_cue(n, LEXICON["money_cues"], _GENERIC, before=start)
        if cat is None and (said in ("price", "bill") or (said == "cost" and "cogs" in start)):
            cat = said  # "we sell an AI tool at $12 a month", "our LLM invoice is running at $64k", "COGS came out at"
    if cat is None and n.before[-1:] == ["to"] and {"raise", "raising", "bump", "bumping", "hike", "hiking", "lift",
                                                    "lower", "lowering", "drop", "dropping", "move", "moving"} \
            & set(n.before[-4:-1]):
        cat = "price"  # "what if we raise pro to $39?": a plan (named or not) set to a new price
    if cat is None and n.before[-1:] in (["at"], ["for"]) and n.before[-2:-1] \
            and n.before[-2].startswith(("pric", "charg", "sell", "sold", "list")):
        cat = "price"  # "what margin would we get if we priced at $25 instead?": the verb before 'at' names it
    if cat is None and n.before[-1:] == ["at"] and period == "month" and p.has("paying", "break even", "break-even",
                                                                                "breakeven", "subscriber"):
        cat = "price"  # "at $25/mo vs $35/mo, how many paying users to break even?": what the users pay
    if cat in (None, "bill", "cost") and {"capped", "cap", "caps", "limited", "ceiling", "keep", "keeping", "stay",
                                          "stays", "hold"} & set(n.before[-5:]):
        cat = "budget"  # "the CFO capped the model bill at $7,200/month": a ceiling on the bill
    before_words = own_phrase(n)[0]
    plan_at = max((i for i, w in enumerate(before_words)
                   if w.startswith(("plan", "subscription", "tier", "add-on", "addon", "licen"))), default=-1)
    bill_at = max((i for i, w in enumerate(before_words) if w.startswith(("bill", "invoice", "spend"))), default=-1)
    if cat == "budget" and "fixed" in before_words[-4:]:
        cat = "fixed"  # "the AI unit's fixed budget is $1.8M per year": its fixed costs
    if cat in ("cost", "bill") and not {"us", "we"} & set(before_words + n.after[:2]) and plan_at > bill_at:
        cat = "price"  # "our plan costs $25/mo": what the plan costs its buyers ("a plan for the bill ($15k)" is not)
    if cat == "fixed" and plan_at >= 1 and before_words[plan_at - 1].startswith(tuple(LEXICON["money_cues"]["fixed"])) \
            and before_words[plan_at + 1:] in ([], ["is"], ["at"], ["costs"]):
        cat = "price"  # "Team plan is $12/seat/month": the cue word names the plan
    if _names_a_product(n) or sold:
        cat = "price"  # "a $15/month add-on", "the $20 plan", "a seat is $25": the product's price
    if (cat in ("compliance", "verification", "training", "technology", "development") and re.match(
            r"(?:our |the |total |monthly )?fixed\b", " ".join(sentence_start(p.norm, n)))) \
            or re.match(r"\s*(?:(?:usd|per|a|an|year|month|annual)\s+){0,3}\(\s*fixed\s*\)", p.norm[n.end:], re.I):
        cat = "fixed"  # "Fixed run cost of our regulated tier (...) is $84,000", "a license of 1.2M USD a year (fixed)"
    if (named := _of_what(n, cat, p.norm)) is not None:
        cat = named  # "we have $25k of fixed costs a month", "$6,000/mo of MLOps": the 'of' phrase names it
    if cat == "allowance" and _named_after(n) in ("cost", "fixed"):
        cat = "cost"  # "with $4/month variable cost each": what follows the amount names it, not 'with'
    if cat in ("cost", "bill") and "each" in n.after[:6] and each is None and any(
            noun_of(split_words(m.after))[0] == "users" for m in p.nums
            if m.end <= n.start and not re.search(r"[.;?!]\s", p.norm[m.end:n.start])):
        each = "users"  # "1,500 users ... $4 cost each", "2,000 users at $20, with $8 a month of variable cost each"
    if n.before[-1:] == ["by"] and _REDUCED.intersection(n.before[-5:-1]) and cat not in ("price", "budget"):
        cat = "saving"  # "a caching layer that reduces opex by $7,500 a month": what is cut is saved
    if cat == "saving" and _named_after(n, ["bill"]) == "bill":
        cat = "bill"  # "what do we save on a $12k/month bill?": the bill the saving comes out of
    if cat == "saving" and n.before[-1:] == ["to"] and "from" not in own_phrase(n)[0]:
        cat = nearest_cue(n, LEXICON["money_cues"], _GENERIC)  # "cut the price to $20": the new price, not a saving
    if n.before[-1:] in (["to"], ["at"], ["of"]) and n.before[-2:-1] in (["price"], ["pricing"], ["fee"]) \
            and cat not in ("budget", "saving"):
        cat = "price"  # "if sales wants to drop the price to $39": the noun right before names it
    if cat == "fixed" and n.before[-2:] in (["fixed", "at"], ["set", "at"], ["locked", "at"]) \
            and any(w.startswith(("pric", "charg", "fee", "plan")) for w in n.before[-6:-2]):
        cat = "price"  # "pricing is fixed at $12/user/month": set at, not a fixed cost
    if cat in ("cost", "bill") and not per and re.search(r"\bvariable costs?\b(?:\s+per\s+\w+)?(?:\s*\([^)]*\))?\s*"
                                                      r"(?:is|are|of|at|runs?|=)?\s*(?:about|around|roughly)?\s*~?$",
                                                      p.norm[max(0, n.start - 90):n.start], re.I):
        per = ["users"]  # "variable cost per truck (LLM calls + telematics) is ~$12": what one unit sold costs
    if "users" in per or each == "users":
        # a per-user amount named by a cost word ("each seat burns $9") is what a user costs, never a fixed cost
        return second_part(n, p, last, Given("cost_per_user" if cat in ("cost", "bill", "gpu", "fixed")
                                              else "price_per_user", n.value, n.text, period=period))
    role = {"funding": "funding", "saving": "saving", "contribution": "contribution", "investment": "investment",
            "budget": "budget", "revenue": "revenue",
            "fixed": "fixed_costs", "compliance": "compliance_cost", "verification": "verification_cost",
            "training": "training_cost", "development": "development_cost",
            "technology": "technology_cost", "price": "price_per_user",
            "bill": "monthly_cost", "cost": "monthly_cost", "gpu": "gpu_hourly",
            "allowance": "budget"}.get(cat or "", "")
    payers = clause_counts(n) == "users" or (last is not None and last.var in ("adoption", "paying_users")
                                             and last.start >= 0  # "paying: 4,000 at $8/month"
                                             and not re.search(r"[.;?!]\s", p.norm[last.start:n.start]))
    right_after = n.before[-2:-1] != [] and noun_class(n.before[-2]) == "users"  # "1,500 paying users at $20"
    if payers and n.before[-1:] in (["at"], ["paying"], ["pay"], ["pays"]) \
            and (cat not in _TOPICAL or cat == "revenue" or right_after) and not {"users", "queries"} & set(per):
        role = "price_per_user"  # "4,000 paying users at $9/month", "subscribers paying $8 a month"
    if role == "budget" and any(w.startswith(("r&d", "dev")) for w in own_phrase(n)[0]):
        role = "development_cost"  # "the R&D budget is $800k"
    elif role == "budget" and re.search(r"\bfixed\b[^.;?!]{0,40}\bbudgeted\s+(?:at|to|for)\s*~?\s*$", p.norm[:n.start],
                                        re.I):
        role = "fixed_costs"  # "fixed costs for next year are budgeted at $1.2 million": the amount planned
    if role in ("monthly_cost", "revenue", "fixed_costs", "budget") and period is None and n.after[:1] != ["in"]:
        before, _ = own_phrase(n)
        if {"arr", "annual", "yearly"} & set(before + n.after[:3]) or {"fiscal", "fy"} & set(before) \
                or re.search(r"\b(?:last|this|per|a|the|that) year\b", " ".join(before)):
            period = "year"  # "last fiscal year we booked $4.8 million"
        elif {"quarter", "quarterly", "qtr", "q1", "q2", "q3", "q4"} & set(before):
            period = "quarter"  # "Q3 revenue came in at $1.8M", "COGS for the quarter (...) was $648k"
    if role == "monthly_cost" and period == "year":
        role = "yearly_cost"
    if role == "compliance_cost" and n.after[:1] == ["to"] and "build" in n.after[:3]:
        role = "development_cost"
    if role == "gpu_hourly" and period != "hour":  # "model API + GPU hosting costs $630k for the quarter": a bill
        role = "monthly_cost" if period in ("month", "quarter", "year") or (costed and period is None) else ""
    if role == "monthly_cost" and last is not None and last.period == period and (
            last.var == "monthly_cost" or (last.var == "cost_part" and last.target == "monthly_cost")) \
            and (another_cost_line(p.norm, last.start, n) or next_line(p.norm, last.start, n.start)):
        return Given("cost_part", n.value, n.text, target="monthly_cost")  # "inference (API) 540k, GPU hosting 126k"
    part_of = last.target if last is not None and last.var == "cost_part" else last.var if last is not None else None
    if not role and (cat in ("gpu", "cost", "bill") or names_a_cost_line(n)) and last is not None \
            and part_of in COST_PARTS \
            and (not re.search(r"[.;?!]\s", p.norm[last.start:n.start]) or next_line(p.norm, last.start, n.start)):
        return Given("cost_part", n.value, n.text, target=part_of)  # "API spend was $540k and GPU hosting $126k",
        # "vector DB: $40k" on the next line
    if role == "fixed_costs" and last is None and (added or {"extra", "more", "additional", "another"}
                                                   & set(n.after[:4])):
        return Given("cost_part", n.value, n.text, target="fixed_costs")  # "+$9,500 a month fixed": on top of it
    if not role and period == "month" and len(own_phrase(n)[0]) == 2 and own_phrase(n)[0][1] == "is" \
            and p.has("free", "overage", "included") and re.search(r"(?:^|[.;!?]\s+)[a-z]+ is\s*$",
                                                                   p.norm[:n.start], re.I):
        role = "price_per_user"  # "Free: 20 a month ... Plus: $7.99/mo": a tier's name keys its monthly price
    return Given(role, n.value, n.text, period=period) if role else None


_RATE_WORDS = {"per", "a", "an", "each", "every", "/", "month", "mo", "year", "week", "day", "user", "seat", "head"}


def _named_after(n: Num, cues: list[str] | None = None) -> str | None:
    """The money cue right after an amount and its rate ('$4/month variable cost': cost), else None."""
    words = list(n.after)
    while words and words[0] in _RATE_WORDS:
        words = words[1:]
    return nearest_cue(Num(value=n.value, text=n.text, start=n.start, end=n.end, after=words[:2]),
                       LEXICON["money_cues"], cues or ["fixed", "cost"]) if words else None


def _span(n: Num) -> str | None:
    """'$630k for the quarter', '$2.1M over the year', '$40k this month': the span an amount covers."""
    after = split_words(n.after)[:4]
    if after[:1] not in (["for"], ["over"], ["during"], ["in"], ["this"], ["that"], ["last"], ["the"]):
        return None
    word = next((w for w in after[1:3] if w in ("quarter", "year", "month")), None)
    return PERIOD_WORDS.get(word) if word else None


_SPENT_ON = {"costs", "cost", "fees", "fee", "spend", "charges", "usage", "inference", "tokens", "compute", "hosting"}
_REDUCED = {"reduce", "reduces", "reducing", "cut", "cuts", "cutting", "lower", "lowers", "lowering", "trim", "trims",
            "shave", "shaves", "slash", "slashes", "shrink", "shrinks", "decrease", "decreases", "drop", "drops",
            "fall", "falls", "down"}
_PRODUCTS = tuple(LEXICON["products"])


def _names_a_product(n: Num) -> bool:
    """'a $15/month add-on', 'the $20 plan', 'subscriptions at $24': an amount beside a product noun is its price."""
    if n.before[-1:] in (["at"], ["for"], ["of"]) and n.before[-2:-1] and n.before[-2].startswith(_PRODUCTS):
        return True
    after, said = split_words(n.after), ""
    while after[:1] and (after[0] in ("per", "a", "/") or after[0] in PERIOD_WORDS
                         or (said == "per" and noun_class(after[0]) == "users")):  # "a $19/user/month plan"
        said, after = after[0], after[1:]
    rated = len(after) < len(split_words(n.after))  # "a $12/month writing assistant": one word may describe it
    return bool(after[:1]) and (after[0].startswith(_PRODUCTS) or (rated and after[1:2] != []
                                                                    and after[1].startswith(_PRODUCTS)))


def _of_what(n: Num, cat: str | None, norm: str) -> str | None:
    """The cue category an amount's own 'of' or 'in' phrase names ("$25k of fixed costs", "$3 in API costs")."""
    after, said = split_words(n.after), ""
    while after[:1] and (after[0] in ("per", "a", "/") or after[0] in PERIOD_WORDS
                         or (said == "per" and noun_class(after[0]) == "users")):  # "$4 per dev": past the unit
        said, after = after[0], after[1:]  # "$400k/month of revenue": past the period
        if after[1:2] in (["in"], ["of"]) and noun_class(after[0]) in ("users", "queries"):
            after = after[1:]  # "6 per user in API costs": past the unit it is per
    cues = LEXICON["money_cues"]
    if after[:1] == ["in"]:  # "$60k a month in fixed costs", "$6 per seat in API fees": what the amount is spent on
        if cat in ("saving", "revenue", "funding", "contribution"):
            return None  # "saves us $40k a month in API fees": the saving it is, on those fees
        topical = [c for c in _TOPICAL if c not in ("budget", "saving", "revenue", "contribution", "funding")]
        named = next((c for c in topical if cue_distance([], after[1:4], cues[c]) is not None), None)
        return named or ("cost" if set(after[1:4]) & _SPENT_ON else None)
    if after[:1] != ["of"]:  # "$10k/month fixed costs": a noun phrase naming the amount right after it (an aside in
        if re.match(r"\s*\(", norm[n.end:]):  # parentheses lists what it
            return None  # buys: "$240,000 (GPUs, labeling)")
        return next((cat for cat in _TOPICAL if cat not in ("budget", "saving", "revenue")
                     and cue_distance([], after[:2], cues[cat]) == 0), None)
    if cat == "saving":
        return None  # "saves ~$22k/mo of API spend": the saving it is, on that spend
    return next((cat for cat in [*_TOPICAL, *_GENERIC] if cat != "budget"  # "$400k a month of our budget": spend
                 and cue_distance([], after[1:4], cues[cat]) is not None), None)
