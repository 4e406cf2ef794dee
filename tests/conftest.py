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


def load_module(path: Path):
    """A script that is no package module (a benchmark, the reference scorer), loaded from its file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scorer():
    return load_module(FIXTURES / "gold" / "score_bible.py")


@pytest.fixture(scope="session")
def scorer():
    return load_scorer()


def read_passage(sentences: list[str], language: str, genders: dict[str, str], roles: dict[str, str] | None = None):
    """Sentences read as a synopsis would be: names looked up by full name, given name or surname, then
    coreference over the passage and the claim passes again. Returns the readings and the ambiguities."""
    from toolkit.extraction.coref import Person, role_keys
    from toolkit.extraction.lexicon import lexicon_for
    from toolkit.extraction.pipeline import read_sentence, resolve_passage
    from toolkit.text.language import load_language

    lang = load_language(language)
    lex = lexicon_for(lang)
    forms = {}
    for key in genders:
        for form in (key, key.split()[0], key.split()[-1]):
            forms.setdefault(form, key)

    def lookup(surface: str) -> str | None:
        for ending in ("", "'s", "’s", "s", "'"):
            if surface.endswith(ending) and surface[:len(surface) - len(ending)] in forms:
                return forms[surface[:len(surface) - len(ending)]]
        return None

    people = {key: Person(gender, role_keys((roles or {}).get(key, ""), lex)) for key, gender in genders.items()}
    readings = [read_sentence(text, lang, lookup) for text in sentences]
    return readings, resolve_passage(readings, people, lex)
