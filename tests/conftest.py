from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "odesa-kharkiv-2025-06-20.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def corpus_articles() -> list[Path]:
    """The shared dev corpus, where the checkout has it beside it."""
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
