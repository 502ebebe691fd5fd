"""Count roles: what a plain number in a question counts (users, queries, tokens, GPUs, months, ...)."""

from __future__ import annotations

import re

from assistant.planner.count_words import (
    BEFORE_LIVE,
    DAYS_BEFORE,
    GROUPS,
    IN_A_MONTH,
    IN_A_PERIOD,
    LEAD_ADVERBS,
    LEAD_PERIOD,
    MONTHS_TO_MAKE,
    PAID_BY_FIXED,
    STATUS,
    TO_VERBS,
    WORKDAYS,
    clause_before,
    each_sends,
    free_line,
    sentence_before,
    subject_noun,
    throughput_var,
    unit_of_work,
    worked_items,
)
from assistant.planner.each_of import a_container, calls_per_task, calls_said_per, counted_per, each_of, work_count
from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import cue, listed_class, noun_class
from assistant.planner.non_quantities import heavy_usage, ordinal
from assistant.planner.per_unit import antecedent, sentence_start
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, Given, Reading, noun_of, per_of, split_words
from assistant.planner.token_roles import cached_part
from assistant.planner.token_sides import (
    INPUT_SIDE,
    OTHER_SIDE,
    SIDE_VERBS,
    SIDE_WORDS,
    SPLIT_AFTER,
    keyed_size,
    side,
    side_word,
    token_symbol,
    unlinked,
)

__all__ = ["count"]

# Hours of people's time a tool gives back: "310 nurse-hours a month", "1,200 staff hours", "40 hours of work"
_HOURS_SAVED = re.compile(r"\s*([a-z]+[- ])?(?:hours?|hrs?)\b(\s+of\s+(?:\w+\s+)?(?:work|time|effort|labou?r))?",
                          re.I)
# What one person on the payroll costs at least: "500 employees at $30 a seat" are users, "4 engineers at $15k" staff
_A_SALARY = 1_000
_CALLING = ("call", "hit", "query", "queries", "ping", "invoke", "prompt", "use", "run", "search", "ask", "chat",
            "message", "generat", "summari", "open", "trigger")  # verbs of a request: "people search 10 times a day"
_A_GPU_HOUR = 100  # no GPU rents for $100 an hour or more
_CLAUSE_END = re.compile(r"\s*(?:[-–—,;:.!?)]|$)(?!\d)")  # the number ends its clause (not "500-1,000")


def count(n: Num, p: Parsed, r: Reading, nums: list[Num], i: int) -> Given | None:
    """The role of a plain number, the i-th of `nums` (users, queries, tokens, GPUs, months, ...), or None."""
    if n.before[-1:] in (["sigma"], ["σ"]) or n.before[-2:] in (["sigma", "of"], ["σ", "of"]):
        return Given("usage_sigma", n.value, n.text)  # "lognormal, sigma 1.0": the spread of usage
    after = split_words(n.after)
    if after[:1] in (["visible"], ["final"]) and after[1:2] in (["out"], ["output"], ["tokens"]):
        after = after[1:]  # "~800 visible out, reasoning roughly 3x that": the visible output
    pronoun = after[:2] in (["of", "these"], ["of", "those"])
    if after[:2] == ["of", "such"] or pronoun:
        after = after[2:]  # "1 million of such requests": the count's own noun follows
    if not n.money and not n.percent and n.before[-2:] in (["the", "other"], ["the", "remaining"]) and any(
            g.var in ("input_tokens", "cached_tokens") for g in r.givens):
        return Given("input_rest", n.value, n.text)  # "6,500 input tokens, of which 6,000 ...; the other 500 are ..."
    if not n.money and not n.percent and (hours := _HOURS_SAVED.match(p.norm, n.end)) is not None \
            and p.has("save", "saving", "free", "frees", "freeing", "reclaim", "give back", "gives back") \
            and not p.gpus and "gpu" not in p.words and (hours.group(1) or hours.group(2) or any(
                w.startswith(("sav", "free", "reclaim", "give")) for w in n.before[-3:])):  # people's hours, no rent
        period = next((x for x in per_of(re.findall(r"[a-z]+", p.norm[hours.end():hours.end() + 20].lower()))
                       if x in PERIOD_WORDS.values()), None)  # "310 nurse-hours a month"
        return Given("hours_saved", n.value, n.text, period=period)
    if not n.money and not n.percent and (p.gpus or "gpu" in p.words) and n.value < _A_GPU_HOUR \
            and cue("bare_hourly_rate").match(p.norm, n.end) \
            and (n.value != int(n.value) or "/" in p.norm[n.end:n.end + 3]):
        return Given("gpu_hourly", n.value, n.text)  # "1 H100 (2.69/h)": a GPU-hour's rent written without '$'
    if not n.money and not n.percent and cue("headcount").match(p.norm, n.end) and (
            p.has("fixed", "salar", "payroll", "loaded", "burn", "overhead", "headcount", "opex")
            or noun_class(after[0]) != "users" or (i + 1 < len(nums) and nums[i + 1].value >= _A_SALARY)):
        return Given("headcount", n.value, n.text)  # "4 engineers at $15k/month": people the fixed costs pay for
    if not n.money and not n.percent and PAID_BY_FIXED.search(p.norm, 0, n.start) \
            and noun_of(after)[0] == "users":
        return Given("team_size", n.value, n.text)  # "fixed burn (2 eng + infra): ~$38k/mo": whom the burn pays
    if not n.money and not n.percent and n.value <= 31 and DAYS_BEFORE.search(p.norm, 0, n.start) \
            and IN_A_MONTH.match(p.norm, n.end):
        return Given("active_days", n.value, n.text, period="month")  # "only on working days (22 in a month)"
    priced = p.has("token") or any(m.price_unit for m in nums) or bool(p.models)  # "2k in and 500 out on gpt-4o"
    if after[:1] in (["in"], ["out"]) and priced and side_word(p.norm, n):  # "8000 in 2000 out per call"
        return Given("input_tokens" if after[0] == "in" else "output_tokens", n.value, n.text)
    joined = re.match(r"\s*([a-z]+)\s*(?:\+|plus|and)\s*$", p.norm[n.end:nums[i + 1].start], re.I) \
        if i + 1 < len(nums) else None  # "1.6k prompt + 400 completion tok": one token noun for both sides
    if joined and joined.group(1).lower() in SIDE_WORDS \
            and noun_of(split_words(nums[i + 1].after)[1:])[0] == "tokens":
        return Given("input_tokens" if joined.group(1).lower() in INPUT_SIDE else "output_tokens", n.value, n.text)
    if not after and n.before[-1:] and n.before[-1] in SIDE_WORDS and any(  # "prompt 2.5k tok, completion 500"
            m is not n and noun_of(split_words(m.after))[0] == "tokens" for m in nums):
        return Given("input_tokens" if n.before[-1] in INPUT_SIDE else "output_tokens", n.value, n.text)
    verb = unlinked(n.before[-3:])[-1:]
    unit = noun_of(split_words(nums[i - 1].after))[0] if i else None  # the count before: "reads ~3,000 tokens"
    if not after and verb and verb[0] in SIDE_VERBS and i and nums[i - 1].end <= n.start \
            and unit in ("tokens", "words") \
            and not re.search(r"[.;?!]", p.norm[nums[i - 1].end:n.start]):  # "reads ~3,000 tokens and writes ~600"
        return Given(f"{'input' if verb[0] in (*INPUT_SIDE, 'takes') else 'output'}_{unit}", n.value, n.text)
    whole = nums[i - 1] if i else None  # "3,000 tokens, 2,500 of them input": one side of the count before
    if n.after[:2] in (["of", "them"], ["of", "those"], ["of", "these"], ["of", "which"]) and n.after[2:3] \
            and n.after[2] in SIDE_WORDS and whole is not None and noun_of(split_words(whole.after))[0] == "tokens":
        return Given(f"{'input' if n.after[2] in INPUT_SIDE else 'output'}_tokens", n.value, n.text)
    if n.after[:2] in (["of", "them"], ["of", "those"], ["of", "these"], ["of", "which"]) and whole is not None \
            and noun_of(split_words(whole.after))[0] == "tokens" \
            and not re.search(r"[.;?!]", p.norm[whole.end:n.start]) \
            and not cached_part(n, n.after, p.norm):
        # "7,500 input tokens (6,000 of them the fixed system prompt)": a part of that count, which is the
        # cached part when the question is about caching and says no share of its own (`token_roles.cached_once`)
        return Given("cached_tokens", n.value, n.text) if p.has("cach") else None
    cls, mods = noun_of(after)
    if cls is None and not n.percent and whole is not None and noun_of(split_words(whole.after))[0] == "tokens" \
            and re.fullmatch(r"[^.;?!()]*\(\s*(?:a|an|the|our)?\s*~?", p.norm[whole.end:n.start]) \
            and not (after[:1] and after[0] in SIDE_WORDS | INPUT_SIDE | set(OTHER_SIDE) | {"of"}) \
            and not cached_part(n, split_words(n.after), p.norm):  # "(4,000 of those come from the prompt cache)"
        return Given("input_breakdown", n.value, n.text)  # "34,000 input tokens per call (a 30k playbook + ...)"
    if cls == "users" and after[:1] and listed_class(after[0]) is None and calls_said_per(after[0], p.norm):
        cls = "queries"  # "one tender = 12 model calls ... ~30 tenders a month": the work, whatever it resembles
    if cls in ("parts", "options") and n.period is not None:
        cls = "queries"  # "2,000,000 items / month", "25,000 candidates a month": counted per period, work
    if cls is None and after[:2] == ["of", "them"] and not cached_part(n, after, p.norm):
        # "exchanges run 600 words ... 2,500 of them a day": the noun 'them' stands for
        cls, mods, after = antecedent(p.norm, n, sentence_only=False), [], after[2:]
    if cls is None and pronoun and after[:1] in (["a"], ["an"], ["per"], ["every"], ["each"]) \
            and after[1:2] and after[1] in PERIOD_WORDS:  # "fire 1,000 of those an hour": calls at a rate
        cls = antecedent(p.norm, n, sentence_only=False) or "queries"
    elif cls is None and after[:1] in (["a"], ["an"], ["per"], ["every"], ["each"]) and after[1:2] \
            and after[1] in PERIOD_WORDS and n.before[-1:] != ["is"] and antecedent(p.norm, n) == "queries" \
            and not re.search(r"\b(?:work|business|school)?days\b", sentence_before(p.norm, n)):  # not "business
        # days (call it 22 a month)"
        cls = "queries"  # "every wire story that comes in, roughly 12,000 a day": the noun said before the rate
    if cls is None and (not after or after[:1] in (["with"], ["and"], ["but"], ["while"], ["at"])
                        or _CLAUSE_END.match(p.norm, n.end)):  # "nurses go to 500 - same budget, ..."
        cls, said_per = subject_noun(n.before)  # "if seats go to 7,500 (with the same budget)": the verb's subject
        if said_per is not None:
            after = [*after, "per", said_per]  # "req/day doubles to 12": queries a day
    if cls is None and after[:1] in ([], ["and"]) and token_symbol(n.before):
        cls = "tokens"  # "T_in = 1500" (read "t in is 1500"): formula letters for a token count
    if cls is None and i and work_count(n) and each_of(p, nums[i - 1], n) \
            and noun_of(split_words(nums[i - 1].after))[0] in ("queries", "users"):
        cls, mods = "queries", mods[:-1]  # "800k sessions, each with 40 lines": the work done in each
    if cls is None and mods and unit_of_work(mods[-1], p.norm):
        cls, mods = "queries", mods[:-1]  # "5 pieces a week ... 1,500 words per piece": what users do
    elif each_sends(nums[i + 1:i + 2]) and "." not in p.norm[n.end:nums[i + 1].start] and (
            (cls is None and mods) or cls == "regions"  # "14 jurisdictions, each around 55 letters a week"
            or (cls == "queries" and not listed_class(after[len(mods)]))):
        cls = "users"  # "300 kiosks, each making ~20 requests an hour": whoever each sends the queries is a user
    if cls is None and len(n.before) >= 2 and n.before[-2] in ("quota", "allowance") and n.before[-1] in ("to", "of",
                                                                                                      "is", "at"):
        return Given("free_quota", n.value, n.text)  # "and if I cut the quota to 10?"
    if cls is None and after[:1] in (["today"], ["now"], ["currently"]) and n.before[-1:] in (["at"], ["have"]) \
            and r.has("price_per_user", "fixed_costs"):
        return Given("paying_users", n.value, n.text)  # "we're at 2,100 today": today's paying users
    key_line = sentence_start(p.norm, n)  # "included rewrite requests: 300/month", read "... requests is 300"
    if cls is None and key_line[-1:] == ["is"] and 2 <= len(key_line) <= 5 \
            and listed_class(key_line[-2]) == "queries" and after[:1] != ["of"] and not set(after[:1]) & SIDE_WORDS \
            and not {"per", "each", "every", "a", "an", "one"} & set(key_line):
        if {"included", "includes", "include", "free", "quota", "allowance"} & set(key_line):
            return Given("free_quota", n.value, n.text)  # "included rewrite requests: 300/month" (a key line)
        cls = "queries"  # "monthly requests: 30,000": the key names what the value counts
    if cls is None and worked_items(n, key_line):
        cls = "queries"  # "every night we generate 30k training plans", "bills explained per day: 85,000"
    if cls is None and (sized := keyed_size(n, key_line, after)) is not None:
        return Given(sized, n.value, n.text)  # "tokens per chat: ~1,800 all-in", "prompt tokens per call: 1,200"
    head = key_line[-3:-2] if key_line[-2:-1] and key_line[-2] in STATUS else key_line[-2:-1]  # "practices
    # subscribed: 1,150": the noun before its status
    if cls is None and key_line[-1:] == ["is"] and 2 <= len(key_line) <= 4 and head \
            and listed_class(head[0]) == "users" \
            and after[:1] != ["of"] and not ({"per", "each", "every", "a", "an", "one"} | set(GROUPS)) & set(key_line):
        cls = "users"  # "warehouses: 140", "seats: 2,000" (key lines)
    key = n.before[-6:-1]  # "avg queries per paying user: 400/month" (a key line, read "... user is 400")
    key_period, line = None, key_line[:-1] if key_line[-1:] == ["is"] else []
    if line[-2:-1] == ["per"] and line[-1] in PERIOD_WORDS:  # "summaries per property per month: 120"
        key_period, key = PERIOD_WORDS[line[-1]], line[:-2][-5:]
    elif line[-3:-2] == ["per"] and line[-2] in ("working", "work", "business") and line[-1] == "day":
        key_period, key = "day", line[:-3][-5:]  # "requests per seat per working day: 30"
    if cls in (None, "months") and n.before[-1:] == ["is"] and "per" in key[:-1] \
            and (noun_class(key[-1]) == "users" or key[-1] in p.customers) \
            and any(noun_class(w) == "queries" for w in key[:key.index("per")]) \
            and not heavy_usage(p.norm, n):
        per = per_of(after)
        return Given("queries_per_user", n.value, n.text, period=next((x for x in per if x in PERIOD_WORDS.values()),
                                                                     key_period))
    keyed = [w for w in n.before if w not in STATUS]  # "paying users today: 1,800": the key without its status
    named = keyed[:-2] if keyed[-2:-1] in (["customer"], ["customers"]) and keyed[-3:-2] \
        and keyed[-3] in p.customers else keyed[:-1]  # "paying sites: 600", read "paying site customers is"
    if cls is None and keyed[-2:-1] and keyed[-1] == "is" and noun_class(keyed[-2]) == "users" \
            and named[-2:-1] and named[-2] in GROUPS:  # "paying users: 3,000 on the $15 plan" (a key line)
        return Given("free_users" if named[-2] == "free" else "paying_users", n.value, n.text)
    group = next((w for w in (after[:1] or [""]) + n.before[-2:] if w in GROUPS), None)
    if cls is None and group is not None and (after[:1] == [group] or n.before[-1:] == [group]
                                              or n.before[-2:] == [group, "is"]):
        return Given("free_users" if group == "free" else "paying_users", n.value, n.text)  # "3,200 paying today"
    if cls is None and after[:1] == ["of"] and i + 1 < len(nums):
        nxt_cls, _ = noun_of(split_words(nums[i + 1].after))
        if nxt_cls == "users":  # "12,000 of our 90,000 customers": the part is the population that uses it
            return Given("users", n.value, n.text)
    per = per_of(after[after.index(mods[-1]) + 1 if mods else 0:] if cls else after)
    period = next((x for x in per if x in PERIOD_WORDS.values()), None)
    if period is None and cls == "queries" and key_period is not None:
        period, per = key_period, [*per, key_period]  # "bills explained per day: 85,000"
    if period is None and cls == "queries" and (span := IN_A_PERIOD.match(p.norm, n.end)) is not None:
        period = PERIOD_WORDS.get(span.group(1), span.group(1))  # "40k customer conversations in a normal month"
        per = [*per, period]
    if period is None and cls == "queries" and (lead := LEAD_PERIOD.match(clause_before(p.norm, n))
                                                or LEAD_PERIOD.match(sentence_before(p.norm, n))) is not None:
        word = lead.group(1)  # "every night we classify 400,000 tickets", "weekly, our desk answers ..."
        period = LEAD_ADVERBS.get(word) or PERIOD_WORDS.get(word, "day")
        per = [*per, period]
    if cls is None and period is not None and r.has("users") and not r.has("queries_per_user") \
            and {"each", "every"} & set(n.before[-3:]) and noun_of(after)[0] is None and not n.money:
        return Given("queries_per_user", n.value, n.text, period=period)  # "45 agents. Each drafts about 60
        # itineraries per working day": what each of the users does, whatever the noun
    if cls is None and after[:1] in (["back"], ["out"], ["generated"], ["returned"], ["produced"], ["written"]) \
            and r.has("input_tokens") and not r.has("output_tokens"):  # "900 prompt tokens + 120 generated"
        return Given("output_tokens", n.value, n.text)  # "sends about 3,000 tokens in and gets 600 back"
    if cls in ("queries", None) and calls_per_task(p, nums, i, r.has("queries_per_user")):
        return Given("calls_per_query", n.value, n.text)  # "every task = 5 LLM calls": the tokens are per call
    if cls == "users" and period in ("day", "week", "hour") and r.has("users"):
        return Given("queries_per_user", n.value, n.text, period=period)  # "450 clinicians each see 18 patients a day"
    if cls == "users":
        tier = re.search(r"\bfree (?:tier|plan|version)\b", " ".join(n.before[-4:]))  # "free tier: 50,000 users"
        based = len(n.before) - 1 - n.before[::-1].index("base") if "base" in n.before[-4:] else None
        said_of = n.before[-2:] + (n.before[max(0, based - 2):based] if based is not None else []) + (
            n.before[-5:-2] if TO_VERBS & set(n.before[-3:]) else [])  # "the free (user) base doubles to 80k",
        # "if free users grow to 60,000": the free users
        on_free_line = free_line(p.norm, n.start)  # "free for cardholders: 25 questions/month, 90,000 cardholders"
        kind = "free_users" if "free" in mods or "free" in said_of or tier or on_free_line else \
            "paying_users" if {"paying", "paid"} & set(mods + said_of) else "users"
        arrive = period if kind == "users" and period in ("day", "week", "month", "year") else None
        return Given(kind, n.value, n.text, period=arrive)  # "1.2 million applicants per year": users who arrive
    if cls == "queries" and not r.has("users") and a_container(p, nums, i):
        return Given("users", n.value, n.text)  # "0.8M sessions per week; each session has about 40 lines"
    if cls == "queries":
        overage = p.has("extra", "beyond", "overage", "additional", "on top", "average", "averaging")
        quota = {"free", "included", "include"} | (  # "includes 1,000 queries, then $4 per 1,000 extra": a quota
            {"includes", "including", "bundled", "bundles", "gets", "get", "comes", "covers"} if overage
            else set())
        if (quota & set(mods + n.before[-3:] + n.after[:4]) and not {"average", "avg"} & set(n.before[-3:])) \
                or {"quota", "allowance"} & set(n.after[:4]) \
                or free_line(p.norm, n.start):  # "each gets on average 6 letters" is usage;
            # "free for cardholders: 25 questions/month": the free line's allowance
            return Given("free_quota", n.value, n.text)
        if heavy_usage(p.norm, n):
            return Given("queries_p95", n.value, n.text, period=period)  # "the 95th-percentile user sends 40"
        return Given("queries_per_user", n.value, n.text, period=period or counted_per(p, nums, i))
    if cls in (None, "months") and n.value <= 31 and DAYS_BEFORE.search(p.norm, 0, n.start) and (
            period == "month" or re.search(r"\bmonth\s+(?:is|are|=)\s*$", p.norm[:n.start])):
        return Given("active_days", n.value, n.text, period="month")  # "on business days (call it 22 a month)"
    if cls == "days":  # "we count 22 workdays a month": the days on which daily usage happens
        if period is None and n.value <= 31 and WORKDAYS.match(" ".join(after)) and (
                not after[0].startswith("shift") or re.search(r"\b(?:per|a|each|every)\s+shift\b", p.norm, re.I)):
            period = "month"  # "25 queries per workday, 22 workdays": the working days of a month; shifts are days
            # only when the usage is per shift ("we run 3 shifts" is a day's)
        return Given("active_days", n.value, n.text, period=period) if period == "month" else None
    if cls == "tokens" and SPLIT_AFTER.match(p.norm, n.end):
        return Given("tokens_per_query", n.value, n.text)  # "1,000 token (700 input and 300 output)": the whole
    last = r.givens[-1] if r.givens else None
    if after[:1] and after[0] in OTHER_SIDE and last is not None and last.var == "input_tokens" and re.fullmatch(
            r"[^.;?!\d]{0,30}(?:/|\band\b|,)[^.;?!\d]{0,10}", p.norm[last.start:n.start].partition(last.text)[2]):
        return Given("output_tokens", n.value, n.text)  # "1.2k prompt tokens / 300 completion"
    cached = cls in ("tokens", None) and (cached_part(n, after, p.norm) or (pronoun and cached_part(
        n, split_words(n.after), p.norm)))  # "10,000 of those tokens are read from the prompt cache"
    if cls == "tokens" or cached:
        if cached or "cached" in mods:
            return Given("cached_tokens", n.value, n.text)  # "3,000 input tokens, of which 2,000 are cached"
        if n.value in (1e3, 1e6) and n.before[-1:] in (["a"], ["one"], ["per"], ["each"]) \
                and set(after[len(mods) + 1:len(mods) + 3]) & {"cost", "costs", "run", "come"}:
            return None  # "what does a million tokens cost?": the unit being priced, not a quantity
        if period == "second":
            return Given(throughput_var(n, p), n.value, n.text)
        if period in ("month", "day", "year", "week") and "queries" not in per:
            return Given("monthly_tokens", n.value, n.text, period=period)  # "2.5B tokens a day": the tool converts
        if {"reasoning", "thinking"} & set(mods):
            return Given("reasoning_tokens", n.value, n.text)  # "2,000 reasoning tokens on top (billed as output)"
        said = side(n, mods, after)
        return Given(f"{said}_tokens" if said else "tokens_per_query", n.value, n.text)
    if cls == "words":  # "a note going in is about 3,000 words and the summary coming out about 300"
        said = side(n, mods, after)
        return Given(f"{said}_words" if said else "words_per_query", n.value, n.text)
    if cls == "gpus":
        return Given("gpus", n.value, n.text)
    if cls == "regions":
        return Given("extra_regions", n.value, n.text)
    if cls == "months" and not n.money:
        build = p.has("build", "to develop", "take", "takes") or BEFORE_LIVE.match(p.norm, n.end) is not None \
            or MONTHS_TO_MAKE.match(p.norm, n.end) is not None \
            or cue("months_of_work").match(p.norm, n.end) is not None  # "(3 months of work)" before a payback
        return Given("build_months" if build else "months", n.value, n.text)
    if after[:1] in (["times"], ["uses"]) and period is not None and (r.has("users", "paying_users") or any(
            m.kind == "users" for m in nums if m is not n) or any(
            w.startswith(_CALLING) for w in n.before[-3:])):  # "using it about 10 times a day each", "we call
        return Given("queries_per_user", n.value, n.text, period=period)  # o4-mini 20,000 times a day"
    if after[:1] and after[0] in ("tokens/s", "tok/s", "tps"):
        return Given(throughput_var(n, p), n.value, n.text)
    if after[:1] and after[0] in ("input", "output") and priced:
        return Given("input_tokens" if after[0] in ("in", "input") else "output_tokens", n.value, n.text)
    if cls is None and period is not None and heavy_usage(p.norm, n) and (
            r.has("queries_per_user") or mods or any(noun_class(w) == "users" for w in n.before[-4:])):
        return Given("queries_p95", n.value, n.text, period=period)  # "... and the 95th-percentile user 40 a day"
    if cls is None and period in ("day", "week", "month", "hour") and after[:1] in (["a"], ["an"], ["per"], ["each"]) \
            and r.has("users") and not r.has("queries_per_user"):
        return Given("queries_per_user", n.value, n.text, period=period)  # "1000 users 10 a day": what each sends
    if cls is None and mods and "users" in per and period in ("day", "week", "month", "hour"):
        return Given("queries_per_user", n.value, n.text, period=period)  # "one plan per user per week": each's usage
    prev = next((m for m in reversed(nums[:i]) if not m.money and not m.percent and not ordinal(p.norm, m)), None)
    bare = not after or after[:2] in (["or", "more"], ["or", "so"], ["and", "up"]) or after[:1] == ["plus"]
    if bare and prev is not None and "." not in p.norm[prev.end:n.start] \
            and noun_of(split_words(prev.after))[0] == "queries":
        # "the median user sends 10 queries a day but the 95th-percentile user sends 40": the unit carries over
        per = per_of(split_words(prev.after))
        period = next((x for x in per if x in PERIOD_WORDS.values()), None)
        return Given("queries_p95" if heavy_usage(p.norm, n) else "queries_per_user", n.value, n.text, period=period)
    return None
