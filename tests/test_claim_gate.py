"""The checker reads a scene sentence for claims only when a word in it may claim something: every part of
a language's `deaths:` data is either a word of dying or only shapes a reading, and only the first open
the gate."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit.continuity.facts import DEATH_SHAPING, DEATH_SIGNALS, death_signals
from toolkit.text import language

LANG_DIR = Path(language.__file__).parent / "lang"


def _parts(deaths: dict) -> set[str]:
    return {f"{key}/{part}" if isinstance(value, dict) and key != "separable" else key
            for key, value in deaths.items() for part in (value if isinstance(value, dict) else [None])}


@pytest.mark.parametrize("code", ["de", "en"])
def test_every_part_of_deaths_is_a_signal_or_shaping(code):
    deaths = yaml.safe_load((LANG_DIR / f"{code}.yaml").read_text(encoding="utf-8"))["deaths"]
    unsorted = _parts(deaths) - DEATH_SIGNALS - DEATH_SHAPING
    assert not unsorted, f"{code}.yaml deaths: say whether these open the checker's claim gate: {sorted(unsorted)}"


@pytest.mark.parametrize("code", ["de", "en"])
def test_common_words_do_not_open_the_gate(code):
    deaths = yaml.safe_load((LANG_DIR / f"{code}.yaml").read_text(encoding="utf-8"))["deaths"]
    signals = {phrase.casefold() for phrase in death_signals(deaths)}
    assert {"hat", "an", "von", "has", "of", "car", "auto"}.isdisjoint(signals)
    assert signals & {"stirbt", "dies", "tötet", "kills"}
