"""Pricing memos: a brief in plain words or a scenario -> calculators -> a verified memo in markdown and docx."""

from assistant.memo.brief import MemoBrief
from assistant.memo.build import build_memo
from assistant.memo.document import Memo
from assistant.memo.from_scenario import brief_from_scenario
from assistant.memo.inputs import parse_brief

__all__ = ["Memo", "MemoBrief", "brief_from_scenario", "build_memo", "parse_brief"]
