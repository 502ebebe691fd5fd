"""Pricing memos: a brief in plain words -> calculators -> a verified memo in markdown and docx."""

from assistant.memo.brief import MemoBrief, parse_brief
from assistant.memo.build import Memo, build_memo

__all__ = ["Memo", "MemoBrief", "build_memo", "parse_brief"]
