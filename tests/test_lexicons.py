"""The cached word tables give the answers of the libraries they are made from."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from toolkit.text.lexicons import ORDINARY_ZIPF, is_ordinary_word

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((SHARED / "dev" / "synopses").glob("*.txt")) + \
    sorted((SHARED / "corpora" / "fountain").rglob("*.fountain"))[:40]


def words_of(language: str) -> set[str]:
    """Every word of the seeds, the dev synopses and some scripts, as written and capitalised."""
    found: set[str] = set()
    for path in TEXTS:
        if path.name.endswith((".de.txt", ".en.txt")) and not path.name.endswith(f".{language}.txt"):
            continue
        found |= set(re.findall(r"[\w'’-]+", path.read_text("utf-8", errors="replace")))
    return found | {w.capitalize() for w in found} | {"Straße", "STRASSE", "Über", "İstanbul", "Jean-Luc", "R2D2"}


@pytest.mark.skipif(not (SHARED / "dev" / "synopses").is_dir(), reason="../shared/dev/synopses is not present")
@pytest.mark.parametrize("language", ["de", "en"])
def test_ordinary_words_are_those_wordfreq_rates_common(language):
    words = sorted(words_of(language))
    assert len(words) > 2000
    expected = {w for w in words if zipf_frequency(w, language) >= ORDINARY_ZIPF}
    assert {w for w in words if is_ordinary_word(w, language)} == expected
    assert len(expected) > 500 and len(words) - len(expected) > 200  # both answers occur often


def test_ordinary_words_by_example():
    assert is_ordinary_word("Adler", "de") and is_ordinary_word("Straße", "de")
    assert is_ordinary_word("Hunter", "en") and not is_ordinary_word("Sorokn", "de")
