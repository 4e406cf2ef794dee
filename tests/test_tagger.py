"""HanTa loaded by toolkit.text.tagger (no numpy, a plain copy of the model) tags as HanTa loaded as it loads itself."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from HanTa import HanoverTagger

from toolkit.text import tagger as toolkit_tagger

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}

TAG_EVERYTHING = """
import json, sys
from toolkit.text.tagger import load_tagger
sentences = json.loads(sys.stdin.read())
tagger = load_tagger(sys.argv[1])
tags = [tagger.tag_sent(words, taglevel=1) for words in sentences]
scores = [tagger.tag_word(word) for words in sentences for word in words]
print(json.dumps({"numpy": "numpy" in sys.modules, "tags": tags, "scores": scores}))
"""


def sentences(language: str) -> list[list[str]]:
    """The sentences of the seeds and dev synopses of a language, as words."""
    texts = sorted((ROOT / "seeds").glob(f"*.{language}.txt")) + \
        sorted((SHARED / "dev" / "synopses").glob(f"*.{language}.txt"))
    found = []
    for path in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", path.read_text("utf-8")):
            words = re.findall(r"\w+(?:[-']\w+)*|[^\w\s]", sentence)
            if words:
                found.append(words)
    return found


@pytest.mark.skipif(not (SHARED / "dev" / "synopses").is_dir(), reason="../shared/dev/synopses is not present")
@pytest.mark.parametrize("language", ["de", "en"])
def test_tags_lemmas_and_scores_are_hantas(language):
    model = MODELS[language]
    toolkit_tagger.load_tagger(model)  # the plain copy of the model is made here, if it is not there yet
    words = sentences(language)
    assert sum(map(len, words)) > 1000
    run = subprocess.run([sys.executable, "-c", TAG_EVERYTHING, model], input=json.dumps(words),
                         capture_output=True, text=True, cwd=ROOT, check=True)
    ours = json.loads(run.stdout)
    assert ours["numpy"] is False
    original = HanoverTagger.HanoverTagger(model)
    assert ours["tags"] == [[list(t) for t in original.tag_sent(w, taglevel=1)] for w in words]
    assert ours["scores"] == [[[tag, float(score)] for tag, score in original.tag_word(word)]
                              for w in words for word in w]


def test_logaddexp_is_numpys():
    import numpy

    values = [-1e6, -700.5, -30.25, -3.0, -1e-9, 0.0, 2.5, float("-inf"), float("inf")]
    for x in values:
        for y in values:
            expected = numpy.logaddexp(x, y)
            assert toolkit_tagger.logaddexp(x, y) == expected or numpy.isnan(expected), (x, y)


def test_a_damaged_copy_of_the_model_is_made_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYBIBLE_CACHE_DIR", str(tmp_path))
    toolkit_tagger.load_tagger(MODELS["de"])
    (kept,) = tmp_path.glob("hanta-morphmodel_ger-*.marshal")
    kept.write_bytes(b"\x00damaged")
    tagger = toolkit_tagger.load_tagger(MODELS["de"])
    assert tagger.tag_sent(["Die", "Agentin", "flieht", "."], taglevel=0) == ["ART", "NN", "VV(FIN)", "$."]
    assert kept.read_bytes() != b"\x00damaged"
