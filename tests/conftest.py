"""Shared test helpers: the project's folders and the reference scorer."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SEED_NAMES = ["ballistic-ecks-vs-sever", "agent-x", "mi5-the-greater-good"]


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_bible", FIXTURES / "gold" / "score_bible.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scorer():
    return load_scorer()
