"""Which side of a query a token or word count is: 'prompt ~3,000', '2k in / 500 out', 'answers ~600', 'T_out = 500'.

`side` reads the side from the count's modifiers, the word after it or its subject; the word lists say what goes in
(prompts, documents, history) and what comes out (answers, summaries, replies).
"""

from __future__ import annotations

import itertools
import re

from assistant.planner.lexicon import noun_class
from assistant.planner.quantities import Num

__all__ = ["INPUT_SIDE", "OTHER_SIDE", "SIDE_VERBS", "SIDE_WORDS", "SPLIT_AFTER", "keyed_size", "side", "side_word",
           "token_symbol", "unlinked"]

_WHOLE = (["total"], ["all"], ["sum"], ["aggregate"])  # "1,800 tokens in total": the whole query, no side


_NOT_A_SIDE = re.compile(r"\s*(?:in\s+(?:the\s+|our\s+)?[A-Z]|out\s+of\b|in\s+(?:(?:a|an|every|each)\s+)?\d[\d,.]*k?\s+"
                         r"(?!out\b|output\b|tok))")


def side_word(norm: str, n: Num) -> bool:
    """'2k in / 500 out', '8k in and 2k out': 'in' names the input side; 'one in Manila', '1 in 5 users' do not."""
    return _NOT_A_SIDE.match(norm, n.end) is None


SPLIT_AFTER = re.compile(r"\s*tokens?\s*\(\s*~?[\d,.]+(?:k|\s*%)?\s*(?:input|in|prompt)\b[^)]*\b"
                         r"(?:output|out|completion)\b", re.I)  # "1,000 tokens (75% input, 25% output)": the whole


OTHER_SIDE = ("completion", "completions", "output", "out", "response", "responses", "answer", "reply")


SIDE_WORDS = {"prompt", "input", "completion", "output", "answer", "response", "reply"}


INPUT_SIDE = {"input", "inputs", "prompt", "prompts", "context", "in", "question", "questions", "system", "document",
               "documents", "reads", "read", "ingests", "consumes", "sends", "send", "sent", "types", "typed", "pastes",
               "pasted", "uploads", "uploaded", "submits", "submitted", "contract", "contracts",
               "report",
               "reports", "transcript", "transcripts", "article", "articles", "paper", "papers", "pdf", "pdfs", "book",
               "manuscript", "filing", "doc", "docs", "user", "history", "retrieved", "instructions", "guide",
              "excerpt", "excerpts", "snippets", "preamble", "prefix", "handbook", "manual", "source"}  # what goes in


_OUTPUT_SIDE = {"output", "outputs", "completion", "completions", "generated", "response", "responses", "out",
                "answer", "answers", "reply", "replies", "visible",
                "back", "returns", "return", "returning", "returned", "generates", "generating", "produces", "produced",
                "writes", "summary", "summaries", "translation", "translations"}


_SIDE_NOUNS = {"summary", "summaries", "answer", "answers", "reply", "replies", "response", "responses", "completion",
               "completions", "output", "prompt", "prompts", "input", "context", "document", "documents"}


_INPUT_NOUNS = {"prompt", "prompts", "input", "inputs", "context", "system", "question", "questions", "instructions",
                "history"}
_MAKES = {"generate", "write", "produce", "return", "create", "draft", "get", "gets", "receive", "receives"}  # what
# is made and comes back: "we generate a draft of ~1,200 words"
_ANSWERS = {"answers", "replies", "responds", "returns", "outputs", "generates", "produces", "writes"}  # "it answers
# with about 300 words": the verb of what comes out
_MESSAGES = {"message", "messages", "msg", "msgs", "chat", "conversation"}  # what a user sends, in "N tokens of X"


_RELATIVE = (["we"], ["i"], ["they"], ["you"], ["that"], ["which"], ["it"])


SIDE_VERBS = {"reads", "read", "ingests", "consumes", "takes", "sends", "writes", "returns", "generates", "produces",
               "outputs", "emits"}  # a side said by its verb, the count's noun left out ("and writes ~600")


_WANTED = {"want", "wants", "need", "needs", "get", "gets", "generate", "generates", "produce", "produces", "write",
           "writes", "return", "returns", "receive", "receives", "expect", "draft", "drafts"}
_NOT_A_NOUN = {"if", "and", "or", "but", "so", "per", "a", "an", "each", "every", "for", "is", "are", "was", "of", "in",
               "on", "to", "with", "we", "i", "it", "that", "which", "the", "total", "in/out", "all"}  # "600 token. If"


_LINKING = {"are", "is", "was", "were", "run", "runs", "average", "averages", "avg", "about", "around", "roughly", "~",
            "approximately", "approx", "typically", "usually", "each", "of", "=", "a", "an", "also"}


def side(n: Num, mods: list[str], after: list[str]) -> str | None:
    """'input' or 'output' when a token or word count is said of one side of a query, else None (the whole)."""
    noun_at = len(mods)
    said_after = [] if after[noun_at + 2:noun_at + 3] in _WHOLE else after[noun_at + 1:noun_at + 2]
    if after[noun_at:noun_at + 1] in (["token"], ["word"]) and n.value > 1:
        said_after = after[noun_at + 1:noun_at + 3]  # "a 12,000-token style guide": the noun the count describes
        if said_after and said_after[0] not in _NOT_A_NOUN and not set(said_after) & _OUTPUT_SIDE \
                and not set(said_after) & {"query", "request", "call", "message"}:
            # "a 6,000-token scoring rubric": a document sized in tokens is read, not written, unless it is what the
            # clause wants back ("for each we want a ~50-word privilege tag")
            if said_after[0] in _INPUT_NOUNS:
                return "input"  # "each one gets a ~3,000-token prompt": a prompt is read, whoever gets it
            return "output" if set(n.before[-4:]) & _WANTED else "input"
    if said_after in (["each"], ["apiece"]) and after[noun_at + 2:noun_at + 3] in (["going"], ["coming"], ["in"],
                                                                                 ["out"]):
        noun_at += 1  # "1,500 tokens each going in": the side after the distributive word
        said_after = after[noun_at + 1:noun_at + 2]
    if said_after and said_after[0] in ("going", "coming", "fed", "sent", "passed", "flowing", "come", "comes", "came",
                                        "go", "goes"):
        said_after = after[noun_at + 2:noun_at + 3]  # "1,200 words going in", "300 tokens coming out"
    elif said_after == ["of"]:
        said_after = list(itertools.takewhile(lambda w: w not in ("per", "a", "each", "for", "and"),
                                              after[noun_at + 2:noun_at + 5]))  # "4,000 tokens of findings back",
        # "900 words of redline commentary back", "6,000 tokens of context" (not "of output per question")
        if "back" in said_after:
            return "output"  # "~800 tokens of questions back": what comes back, whatever it holds
        if set(said_after) & _MESSAGES:
            return "input"  # "~500 tokens of student message and history"
    if n.before[-1:] == ["of"] and n.before[-3:-2] in (["a"], ["an"], ["the"], ["their"], ["our"]) \
            and n.before[-2] not in ("day", "week", "month", "year", "night", "hour") and (verb := n.before[-4:-3]):
        # "pastes a brief of ~300 words", "we generate a draft of ~1,200 words"
        if verb[0] in INPUT_SIDE:
            return "input"
        if verb[0] in _OUTPUT_SIDE or verb[0] in _MAKES:
            return "output"
    made = [w for w in n.before[-6:] if w not in ("about", "around", "roughly", "approx", "approximately", "~", "some")]
    if made[-1:] == ["of"] and len(made) >= 3 and n.before[-3:-2] not in (["day"], ["week"], ["month"], ["year"]) \
            and not set(said_after) & (INPUT_SIDE | _OUTPUT_SIDE):  # not "a brief of 300 words in"
        doing = made[-3]  # "generates articles of about 1,200 words", "reads contracts of ~9,000 words"
        if doing in _OUTPUT_SIDE or doing in _MAKES or doing.startswith(("generat", "writ", "produc", "creat")):
            return "output"
        if doing in INPUT_SIDE:
            return "input"
    said = unlinked(n.before)
    while said[-1:] and said[-1] in ("at", "to", "as", "with"):
        said = said[:-1]  # "each description comes out at ~150 words", "it answers with about 300 words"
    comes_out = said[-1:] in (["out"], ["back"]) and said[-2:-1] != [] and said[-2].startswith(("com", "came"))
    if comes_out or (said[-1:] != [] and said[-1] in _ANSWERS and n.before[-2:-1] != ["the"]):
        return "output"
    for side in (set(mods), set(said_after), set(n.before[-1:]), _subject(n.before, after)):  # "800 tok in / 60 tok
        # out": the side said after the count is its own, the word before it the last count's
        if side & INPUT_SIDE:
            return "input"
        if side & _OUTPUT_SIDE:
            return "output"
    return None


def unlinked(words: list[str]) -> list[str]:
    """The words before a number without the linking words that end them ('prompts are ~' -> 'prompts')."""
    end = len(words)
    while end and words[end - 1] in _LINKING:
        end -= 1
    return words[:end]


def token_symbol(before: list[str]) -> bool:
    """'T_in = 1500', 'tokens_out: 500': a token count written as a formula variable."""
    words = unlinked(before)
    return words[-2:-1] in (["t"], ["tok"], ["tokens"]) and words[-1:] in (["in"], ["out"], ["input"], ["output"])


def _subject(before: list[str], after: list[str]) -> set[str]:
    """The side a token count is said of: 'prompts are ~3,000', 'answers ~600', 'T_out = 500'.

    Only a subject right before the number counts, after the last token noun or 'and'; 'a prompt plus its
    completion averages 1,400' and '2,500 tokens all-in' are the whole query.
    """
    cut = max((i + 1 for i, w in enumerate(before) if w in ("and", "tokens", "token", "tok", "with")), default=0)
    words = unlinked(before[cut:])
    whole = {"all-in", "total", "combined", "together"} & set(after[:3]) or "all in" in " ".join(after[:4]) \
        or {"plus", "+"} & set(words + after[:6])  # "2,000 tokens all in (prompt plus answer)"
    if not words or whole:
        return set()
    if words[-2:-1] == ["per"] and words[-3:-2] and words[-3] in INPUT_SIDE | _OUTPUT_SIDE:
        return {words[-3]}  # "the prompt per SKU is about 400 tokens": the prompt's side, per unit of work
    if noun_class(words[-1]) == "queries" and (words[-2:-1] in (["each"], ["every"], ["per"]) or (
            words[-2:-1] in (["one"], ["a"], ["an"], ["average"], ["avg"], ["typical"])
            and words[-1] not in (INPUT_SIDE | _OUTPUT_SIDE) - {"question", "questions"})):
        return set()  # "each question is approx 1,200 tokens", "one question is about 1.5k": the whole query
        # ("a document averages 4,500 words" is what goes in, "a reply of ~150 words" what comes out)
    head = {words[-1], *words[-1].split("_")[1:]}  # "t_in", "p_out"
    both = bool(set(words) & INPUT_SIDE) and bool(set(words) & _OUTPUT_SIDE)
    if both:
        return set()
    if not head & (INPUT_SIDE | _OUTPUT_SIDE) and words[-2:-1] and words[-2] in INPUT_SIDE | _OUTPUT_SIDE \
            and (words[-2].endswith("ed") or words[-2] in ("input", "output", "user")):
        return {words[-2]}  # "the generated email is ~150 words", "the retrieved context": the side said of the noun
    if not head & (INPUT_SIDE | _OUTPUT_SIDE):  # "the summary we produce is about 150 words": the side's noun
        # heading its own phrase, before a relative clause; "one summary job" is a job, not a summary
        nouns = {w for j, w in enumerate(words) if w in _SIDE_NOUNS and words[j + 1:j + 2] in _RELATIVE}
        return nouns if len(nouns) == 1 else set()
    return head


def keyed_size(n: Num, key_line: list[str], after: list[str]) -> str | None:
    """The variable a key line's size is, or None when the key names no token or word count.

    'tokens per chat: ~1,800 all-in' (read '... is 1,800') is a whole query; 'prompt tokens per call: 1,200' its input.
    """
    if key_line[-1:] != ["is"] or not 2 <= len(key_line) <= 6 or after[:1] == ["of"] or n.period is not None \
            or set(after[:2]) & SIDE_WORDS or set(key_line) & {"month", "day", "monthly", "daily"}:
        return None
    sized = next((j for j, w in enumerate(key_line[:-1]) if noun_class(w) in ("tokens", "words")), None)
    if sized is None:
        return None
    unit, key = noun_class(key_line[sized]), set(key_line[:sized])
    said = "input" if key & INPUT_SIDE else "output" if key & set(OTHER_SIDE) else None
    return f"{said}_{unit}" if said else f"{unit}_per_query"

