"""Retrieval quality on the built-in fact sheets: the expected sheet in the top 3 for >= 90%."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import knowledge
from knowledge.store import DEFAULT_CORPUS_DIR

QUESTIONS = Path(__file__).parent / "data" / "retrieval_questions.yaml"


def _cases() -> list[tuple[str, list[str]]]:
    data = yaml.safe_load(QUESTIONS.read_text())["questions"]
    return [(c["question"], [c["expected"]] if isinstance(c["expected"], str) else c["expected"])
            for c in data]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> knowledge.KnowledgeStore:
    root = tmp_path_factory.mktemp("quality")
    shutil.copytree(DEFAULT_CORPUS_DIR, root / "docs")
    return knowledge.open_store(root / "data", corpus_dir=root / "docs")


def test_the_question_set_is_sound() -> None:
    cases = _cases()
    assert len(cases) >= 30
    sheets = {p.name for p in DEFAULT_CORPUS_DIR.glob("*.md")}
    missing = {name for _, expected in cases for name in expected} - sheets
    assert not missing, f"questions expect sheets that do not exist: {sorted(missing)}"


def test_top3_hit_rate(store: knowledge.KnowledgeStore) -> None:
    cases = _cases()
    top1 = top3 = 0
    misses = []
    for question, expected in cases:
        sources = [Path(p.source).name for p in knowledge.search(store, question, k=3)]
        top1 += sources[0] in expected
        if set(sources) & set(expected):
            top3 += 1
        else:
            misses.append(f"  {question!r}: expected {expected}, got {sources}")
    rate = top3 / len(cases)
    print(f"\nretrieval: top-3 hit rate {rate:.1%} ({top3}/{len(cases)}), "
          f"top-1 {top1 / len(cases):.1%}")
    print("\n".join(misses))
    assert rate >= 0.90
