"""Money roles: what an amount of money in a question is (a price, a cost per query or user, a bill, ...)."""

from __future__ import annotations

import re

from assistant.planner.cost_parts import COST_PARTS, another_cost_line, names_a_cost_line, next_line, second_part
from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, cue, cue_distance, noun_class
from assistant.planner.money_words import (
    A_UNIT_OF_WORK_AT_MOST,
    CAPPED_AT,
    FIXED_AFTER,
    GENERIC,
    REDUCED,
    TOPICAL,
    VARIABLE_BEFORE,
    VENDOR_FEES,
    cogs_aside,
    customers_pay,
    named_after,
    names_a_product,
    of_what,
    per_unit_key,
    request_fee,
    sold_unit,
    span_of,
    spent_on_a_model,
    token_price_role,
    unit_class,
    unlisted_each,
)
from assistant.planner.non_quantities import priced_one
from assistant.planner.overage_roles import overage_per_thousand, overage_price
from assistant.planner.per_unit import antecedent, clause_counts, each_one, each_unit, leading_unit, sentence_start
from assistant.planner.quantities import Num, price_unit_of
from assistant.planner.reading import PERIOD_WORDS, Given, Reading, nearest_cue, noun_of, own_phrase, split_words

__all__ = ["money"]

_CLAUSE_WORDS = {"and", "but", "while", "whereas"}
_LINK_VERBS = {"cost", "costs", "came", "come", "was", "were", "is", "are", "totaled", "totalled", "ran", "runs", "run",
               "hit", "reached", "amounted", "amounts", "and", "at"}
# A token price whose unit comes before it: "the per-1K price drops to $0.0015", "our per-million rate is $0.40".
_UNIT_BEFORE = re.compile(r"\bper[- ](1000|1,000|1k|thousand|1000000|1,000,000|1m|million|tokens?)[- ](?:tokens?\s+)?"
                          r"(?:price|rate|cost)s?\b[^.;?!$\d]{0,30}$", re.I)


_SELLS = {"bills", "bill", "charges", "charge", "charging", "sells", "sell", "selling", "resells", "resell"}


_CATEGORY_TOTALS = ("verification", "training", "technology", "development", "compliance")  # a compliance sheet
_OPERATING = ("opex", "overhead", "salar", "payroll", "headcount", "office")  # costs of running the company, not COGS

def money(n: Num, p: Parsed, per: list[str], r: Reading) -> Given | None:
    """The role of an amount of money (a price, a cost per query or user, a bill, a funding, ...), or None."""
    period = next((x for x in per if x in PERIOD_WORDS.values()), None) or span_of(n, p.norm)
    subject = own_phrase(n)[0]
    one = next((m for m in reversed(p.nums) if m.end <= n.start), None)
    if one is not None and priced_one(p.norm, one) and subject and re.match(
            rf"\s*{re.escape(subject[0])}\b", p.norm[one.end:n.start], re.I):
        subject = ["one", *subject]  # "One lesson-plan generation costs us 0.9 cents": the amount is per generation
    serve = any(w.startswith(("serve", "run", "host")) for w in own_phrase(n)[1][:5])  # "each user is $4 to serve"
    costed = any(w.startswith(("cost", "pric", "spend", "cogs", "expense", "burn", "inference", "compute", "usage",
                               "bill")) for w in subject)
    hosted = any(w.startswith("hosting") for w in subject)  # "model + hosting per site $7": a cost per that unit
    # "every seat eats $3 of API cost": each one of a unit, one verb, the amount: the amount is per that unit
    each_verb = (len(subject) >= 3 and subject[-3] in ("each", "every") and noun_of(subject[-2:-1])[0] in (
        "users", "queries")) or (len(subject) >= 2 and subject[-2] in ("each", "every") and noun_of(
            subject[-1:])[0] in ("users", "queries"))  # "each query ~$0.0025 of model cost"
    # "gets a run down to 2.5 cents", "brings each seat down to $3": an amount one unit is moved to
    moved = n.before[-1:] == ["to"] and bool({"down", "up", "cut", "cuts", "reduce", "reduces", "drop", "drops",
                                              "lower", "lowers"} & set(subject))
    # "a gaming client can spend $120k a year": a budget said of one client, not an amount per client
    one_of = ("every", "each", "per") if nearest_cue(n, LEXICON["money_cues"], TOPICAL) == "budget" else (
        "every", "each", "one", "a", "an", "per")
    if not {"users", "queries"} & set(per) and (serve or costed or hosted or each_verb or moved):
        # "the per-query cost drops to $0.003", "serving each seat costs $3 a month"
        per += [c for w in subject if w.startswith("per-") and (c := noun_class(w[4:]))] or \
            [c for i, w in reversed(list(enumerate(subject))) if (w in one_of or (
                w in ("the", "an", "a") and subject[i + 1:i + 2] in (["avg"], ["average"], ["typical"], ["median"],
                                                                      ["mean"])))
             and (c := unit_class(subject[i + 1:i + 4], w)) in ("queries", "users")][:1]  # the nearest
    if not {"users", "queries"} & set(per) and (var := per_unit_key(p.norm, n.start)) is not None:
        return Given(var, n.value, n.text, period=period)  # "AI cost per subscriber of our ... assistant is $1.20"
    if not {"users", "queries"} & set(per) and (lead := leading_unit(p.norm, n)) is not None:
        per.append(lead)  # "Per query we pay $0.004 for the model": the sentence opens with what it is per
    if not {"users", "queries"} & set(per) and costed and period is None and n.value < A_UNIT_OF_WORK_AT_MOST \
            and unlisted_each(subject):
        per.append("queries")  # "Each enhancement costs us 4 cents all-in": one of the work the question counts
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
    sold = sold_unit(n, subject) and not costed \
        and all(cue_distance(subject[-2:], own_phrase(n)[1], LEXICON["money_cues"][c]) is None for c in TOPICAL) \
        and cue_distance(subject[-3:], [], LEXICON["money_cues"]["fixed"]) is None \
        and not ({"for", "of"} & set(subject) and any(cue_distance(subject[:subject.index(
            next(w for w in subject if w in ("for", "of")))], [], LEXICON["money_cues"][c]) is not None
            for c in ("training", "compliance", "verification", "technology")))  # "user training for writers is"
    # ... "Legal research seat is
    # $120/month": the seat sold, whatever names the product before it ("a seat is $13 in compliance cost" is not, nor
    # is "mlops contractor: $6,000/month", a fixed cost)
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
        return Given(token_price_role(n, p.norm), n.value, n.text, unit=n.price_unit.value)
    if period is None and (unit_said := _UNIT_BEFORE.search(p.norm, 0, n.start)) is not None:  # "the per-1K price
        # drops to $0.0015"; not "the highest per-1M price we can pay and stay under $9,000/month", a bill
        return Given("token_price", n.value, n.text, unit=price_unit_of(unit_said.group(1)).value)
    option = next((g for g in r.all("token_price") if g.value == n.value), None)
    if option is not None and n.after[:1] in (["model"], ["one"], ["models"], ["option"], ["tier"], ["llm"]):
        return Given("token_price", n.value, n.text, unit=option.unit)  # "10% stays on the $5 model" named before
    joined = n.before[-1:] == ["and"] and n.after[:1] in (["on"], ["for"], ["in"]) and last is not None \
        and not re.search(r"[.;?!]\s", p.norm[last.start:n.start])  # "$6.40 on API calls and $2.10 on hosting"
    filler = 2 if n.before[-1:] in (["about"], ["around"], ["roughly"], ["some"]) else 1  # "plus about $6,000"
    added = n.before[-filler:][:1] in (["another"], ["plus"], ["additional"]) \
        or p.norm[:n.start].rstrip().endswith("+")
    across = last is not None and re.search(r"[.;?!]\s", p.norm[last.start:n.start]) is not None
    if across and last is not None and last.var not in ("fixed_costs", "staff_cost") \
            and any(w.startswith(_OPERATING) for w in own_phrase(n)[0]):
        added = joined = False  # "We paid OpenAI $540k ... Opex was another $900k": another kind of cost
    if (added or joined) and last is not None and (last.var in (*COST_PARTS, "staff_cost") or (
            last.var == "cost_part" and not across)):
        # "API invoices $512k and hosting another $177k"; a third part in the same sentence adds to the same cost
        target = "fixed_costs" if last.var == "staff_cost" else last.target if last.var == "cost_part" else last.var
        return Given("cost_part", n.value, n.text, target=target)
    if (overage := overage_price(n, p.nums, sentence_start(p.norm, n))) is not None:
        return overage
    each = each_unit(n, p.norm, per, period)
    if "queries" in per or each == "queries":
        if request_fee(n, p):
            return Given("request_price", n.value, n.text)  # "a flat $0.005 per request on top of tokens"
        if n.before[-1:] and n.before[-1] in _SELLS:
            return Given("price_per_query", n.value, n.text)  # "Our SEO tool bills $0.50 per keyword report"
        return second_part(n, p, last, Given("cost_per_query", n.value, n.text))
    if period == "hour" and r.has("hours_saved"):
        return Given("hourly_value", n.value, n.text)  # "310 nurse-hours a month, which we value at $58 an hour"
    gpu_context = bool(p.gpus) or "gpu" in p.words or any(w.startswith("gpu") for w in p.words)
    if period == "hour" and gpu_context:
        return Given("gpu_hourly", n.value, n.text)
    cat = nearest_cue(n, LEXICON["money_cues"], TOPICAL) or nearest_cue(n, LEXICON["money_cues"], GENERIC)
    moved_noun = nearest_cue(n, LEXICON["money_cues"], [*TOPICAL, *GENERIC], before=n.before[-3:-2]) \
        if n.before[-2:] in (["down", "to"], ["up", "to"]) else None
    cat = moved_noun or cat  # "engineering gets that bill down to $450k": the noun moved names the amount
    if len(before := own_phrase(n)[0]) <= 2 and before[-1:] in (["is"], ["costs"], ["at"]) and before[0].isalpha() \
            and re.search(rf"\b{re.escape(before[0])}\s+(?:plan|tier|package|edition)\b", p.norm, re.I):
        cat = "price"  # "the Team plan ... Team is $18 per seat per month": a plan's name keys what it sells for
    if cat in _CATEGORY_TOTALS and "users" in per and costed:
        cat = "cost"  # "model + review costs run ~$1,100 per study": a cost per customer, not a compliance line
    before = own_phrase(n)[0]
    if before[-1:] in (["is"], ["are"], ["runs"]) and (tail := next((i for i, w in enumerate(before) if w in (
            "for", "on", "across", "from")), None)) is not None and (head := nearest_cue(
                n, LEXICON["money_cues"], TOPICAL, before=before[:tail]) or nearest_cue(
                n, LEXICON["money_cues"], GENERIC, before=before[:tail])) is not None:
        cat = head  # "our model cost per seat for the sales copilot is $9.40": the subject's head, not its tail
    subject_head = own_phrase(n)[0]  # "Annual AI budget for the sales-email product is": the head before 'for'
    subject_head = subject_head[:next((i for i, w in enumerate(subject_head) if w in ("for", "on", "of")),
                                      len(subject_head))] or subject_head
    if re.match(r"\s*\(", p.norm[n.end:]) and (said := nearest_cue(n, LEXICON["money_cues"], [*TOPICAL, *GENERIC],
                                                                    before=subject_head)) is not None:
        cat = said  # "Upfront: $240,000 (GPUs, labeling, 2 contractors)": the aside lists what it buys, not its role
    later_clause = subject[:1] != [] and subject[0] in _CLAUSE_WORDS and (  # "... and cost of goods was $420k"
        subject[0] != "and" or re.search(r"\d", " ".join(sentence_start(p.norm, n))) is not None)  # not "team and
    # tooling run $540k", whose 'and' joins the subject's nouns
    cogs = bool({"cogs", "goods"} & set(n.before[-3:])) or cogs_aside(p.norm, n.start)
    # "Revenue $2M, COGS $900k": the cost of goods sold itself; "model + inference infra (our COGS) was $310k"
    if cogs and cat not in ("cost", "bill"):
        cat = "cost"  # "what if COGS climbs to $720k on the same revenue?": the cost named before it, not a later cue
    if (cat is None or (cat in ("bill", "cost") and per == [] and not cogs)) and not later_clause and not moved_noun:
        # "Dev spend (GPUs) came to $200,000": the sentence's subject; a list item's own when it names one
        # the words since the amount before ("revenue was $1.8M and our bill was"), of its own list item
        # ("revenue $1.8M, inference bill $540k", not "..., cost $7k")
        item = sentence_start(p.norm, n, item=True, own=True)
        start = item if cat is not None and item and item[0] not in _LINK_VERBS else sentence_start(p.norm, n, own=True)
        cat = nearest_cue(n, LEXICON["money_cues"], TOPICAL, before=start) or cat
        said = nearest_cue(n, LEXICON["money_cues"], GENERIC, before=start)
        if cat is None and (said in ("price", "bill") or (said == "cost" and "cogs" in start)):
            cat = said  # "we sell an AI tool at $12 a month", "our LLM invoice is running at $64k", "COGS came out at"
    if cat is None and n.before[-1:] == ["to"] and {"raise", "raising", "bump", "bumping", "hike", "hiking", "lift",
                                                    "lower", "lowering", "drop", "dropping", "move", "moving"} \
            & set(n.before[-4:-1]):
        cat = "price"  # "what if we raise pro to $39?": a plan (named or not) set to a new price
    sold_at = bool(n.before[-2:-1]) and n.before[-2].startswith(("pric", "charg", "sell", "sold", "list"))
    if cat in (None, "cost", "bill", "fixed") and n.before[-1:] in (["at"], ["for"]) and (
            sold_at or sentence_start(p.norm, n)[:1] in (["pricing"], ["priced"])):  # "..., we sell at $29 per seat",
        # "Pricing the add-on for clinics at $29/mo per provider"
        cat = "price"  # "what margin would we get if we priced at $25 instead?": the verb before 'at' names it
    if cat is None and n.before[-1:] == ["at"] and period == "month" and p.has("paying", "break even", "break-even",
                                                                                "breakeven", "subscriber"):
        cat = "price"  # "at $25/mo vs $35/mo, how many paying users to break even?": what the users pay
    if cat in (None, "bill", "cost") and {"capped", "cap", "caps", "limited", "ceiling", "keep", "keeping", "stay",
                                          "stays", "hold"} & set(n.before[-5:]):
        cat = "budget"  # "the CFO capped the model bill at $7,200/month": a ceiling on the bill
    before_words = own_phrase(n)[0]
    plan_at = max((i for i, w in enumerate(before_words) if w in ("plan", "plans")  # "plant" is no plan
                   or w.startswith(("subscription", "tier", "add-on", "addon", "licen", "pass"))), default=-1)
    bill_at = max((i for i, w in enumerate(before_words) if w.startswith(("bill", "invoice", "spend"))), default=-1)
    if cat == "budget" and "fixed" in before_words[-4:]:
        cat = "fixed"  # "the AI unit's fixed budget is $1.8M per year": its fixed costs
    if cat == "price" and VENDOR_FEES.search(" ".join(before_words)):
        cat = "cost"  # "API fees are about $3.80 per user per month": what the model vendor charges us
    if cat in ("cost", "bill") and customers_pay(before_words):
        cat = "price"  # "dealers are paying $149/month for each rooftop": what customers pay is a price
    if cat in ("cost", "bill") and not {"us", "we"} & set(before_words + n.after[:2]) and plan_at > bill_at:
        cat = "price"  # "our plan costs $25/mo": what the plan costs its buyers ("a plan for the bill ($15k)" is not)
    if cat == "fixed" and plan_at >= 1 and before_words[plan_at - 1].startswith(tuple(LEXICON["money_cues"]["fixed"])) \
            and before_words[plan_at + 1:] in ([], ["is"], ["at"], ["costs"]):
        cat = "price"  # "Team plan is $12/seat/month": the cue word names the plan
    if cat is None and plan_at >= 0 and before_words[plan_at + 1:] in ([], ["is"], ["at"], ["costs"]):
        cat = "price"  # "non-resident family pass: $5/month": what the plan (or pass) it names costs its buyers
    if names_a_product(n) or sold:
        cat = "price"  # "a $15/month add-on", "the $20 plan", "a seat is $25": the product's price
    if cat in ("fixed", "price") and spent_on_a_model(n, p.norm) and not customers_pay(own_phrase(n)[0]):
        cat = "bill"  # "Chargeback team spends $42k a month on one model": the model's bill, whoever spends it
    if cat in ("price", "bill", "cost", None) and CAPPED_AT.search(p.norm, 0, n.start):
        cat = "budget"  # "CFO caps the client-letter assistant at $6k/month": a ceiling on what it may cost
    if (cat in ("compliance", "verification", "training", "technology", "development") and re.match(
            r"(?:our |the |total |monthly )?fixed\b", " ".join(sentence_start(p.norm, n)))) \
            or re.match(r"\s*(?:(?:usd|per|a|an|year|month|annual)\b\s*){0,3}(?:\(\s*fixed\s*\)|"
                        r",\s*fixed\s*(?:[.;,)]|$))", p.norm[n.end:], re.I):
        cat = "fixed"  # "Fixed run cost of our regulated tier (...) is $84,000", "a license of 1.2M USD a year (fixed)"
    if (named := of_what(n, cat, p.norm)) is not None:
        cat = named  # "we have $25k of fixed costs a month", "$6,000/mo of MLOps": the 'of' phrase names it
    if cat == "allowance" and named_after(n) in ("cost", "fixed"):
        cat = "cost"  # "with $4/month variable cost each": what follows the amount names it, not 'with'
    if cat in (None, "cost", "bill") and not {"users", "queries"} & set(per) and FIXED_AFTER.match(p.norm, n.end):
        cat = "fixed"  # "plus $2k/month fixed platform cost": the words after the amount name it
    if cat in ("cost", "bill") and "each" in n.after[:6] and each is None and any(
            noun_of(split_words(m.after))[0] == "users" for m in p.nums
            if m.end <= n.start and not re.search(r"[.;?!]\s", p.norm[m.end:n.start])):
        each = "users"  # "1,500 users ... $4 cost each", "2,000 users at $20, with $8 a month of variable cost each"
    if n.before[-1:] == ["by"] and REDUCED.intersection(n.before[-5:-1]) and cat not in ("price", "budget"):
        cat = "saving"  # "a caching layer that reduces opex by $7,500 a month": what is cut is saved
    if cat == "saving" and named_after(n, ["bill"]) == "bill":
        cat = "bill"  # "what do we save on a $12k/month bill?": the bill the saving comes out of
    if cat == "saving" and n.before[-1:] == ["to"] and "from" not in own_phrase(n)[0]:
        cat = nearest_cue(n, LEXICON["money_cues"], GENERIC)  # "cut the price to $20": the new price, not a saving
    if n.before[-1:] in (["to"], ["at"], ["of"]) and n.before[-2:-1] in (["price"], ["pricing"], ["fee"]) \
            and cat not in ("budget", "saving"):
        cat = "price"  # "if sales wants to drop the price to $39": the noun right before names it
    if cat == "fixed" and n.before[-2:] in (["fixed", "at"], ["set", "at"], ["locked", "at"]) \
            and any(w.startswith(("pric", "charg", "fee", "plan")) for w in n.before[-6:-2]):
        cat = "price"  # "pricing is fixed at $12/user/month": set at, not a fixed cost
    if cat in ("cost", "bill") and not {"users", "queries"} & set(per) and VARIABLE_BEFORE.search(
            p.norm[max(0, n.start - 90):n.start]):
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
                                             and not re.search(r"[.;?!]\s", p.norm[last.start:n.start])) or (
        last is not None and last.var == "users" and last.start >= 0  # "battle pass holders: 40,000 @ $7.99/mo"
        and re.fullmatch(r"\s*[\d,.]+\s*(?:k|m)?\s+at\s*", p.norm[last.start:n.start], re.I) is not None)
    right_after = n.before[-2:-1] != [] and noun_class(n.before[-2]) == "users"  # "1,500 paying users at $20"
    if payers and n.before[-1:] in (["at"], ["paying"], ["pay"], ["pays"]) \
            and (cat not in TOPICAL or cat == "revenue" or right_after) and not {"users", "queries"} & set(per) \
            and not spent_on_a_model(n, p.norm):  # not "the review team pays $42k a month on one model"
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
    if role == "monthly_cost" and last is not None and (last.period == period or period is None) and (
            last.var == "monthly_cost" or (last.var == "cost_part" and last.target == "monthly_cost")) \
            and (another_cost_line(p.norm, last.start, n) or next_line(p.norm, last.start, n.start)):
        # "inference (API) 540k, GPU hosting 126k"; "we paid OpenAI $612,000 and AWS $150,000": the first one's period
        return Given("cost_part", n.value, n.text, period=last.period, target="monthly_cost")
    part_of = last.target if last is not None and last.var == "cost_part" else last.var if last is not None else None
    if not role and (cat in ("gpu", "cost", "bill") or names_a_cost_line(n)) and last is not None \
            and part_of in COST_PARTS \
            and (not re.search(r"[.;?!]\s", p.norm[last.start:n.start]) or next_line(p.norm, last.start, n.start)):
        return Given("cost_part", n.value, n.text, target=part_of)  # "API spend was $540k and GPU hosting $126k",
        # "vector DB: $40k" on the next line
    if role == "fixed_costs" and last is None and (added or {"extra", "more", "additional", "another"}
                                                   & set(n.after[:4])):
        return Given("cost_part", n.value, n.text, target="fixed_costs")  # "+$9,500 a month fixed": on top of it
    if not role and period == "month" and not own_phrase(n)[0] and p.has("overage", "included") \
            and re.search(r"(?:^|[.;:!?]\s+)$", p.norm[:n.start]):
        role = "price_per_user"  # "- $20/mo, 1,000 queries included": a plan's line opening with its monthly price
    if not role and period == "month" and len(own_phrase(n)[0]) == 2 and own_phrase(n)[0][1] == "is" \
            and p.has("free", "overage", "included") and re.search(r"(?:^|[.;!?]\s+)[a-z]+ is\s*$",
                                                                   p.norm[:n.start], re.I):
        role = "price_per_user"  # "Free: 20 a month ... Plus: $7.99/mo": a tier's name keys its monthly price
    return Given(role, n.value, n.text, period=period) if role else None
