"""HanTa loaded by toolkit.text.tagger (no numpy, a plain copy of the model) tags as HanTa loaded as it loads itself."""
from __future__ import annotations

import json
import marshal
import os
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


def test_a_model_file_other_than_the_shipped_copys_source_is_loaded_by_hanta(monkeypatch):
    from toolkit.text import tables

    real = tables.sources()
    monkeypatch.setattr(toolkit_tagger, "sources", lambda: {**real, "hanta_ger": {"model_crc32": 1}})
    monkeypatch.setattr(toolkit_tagger, "plain_tagger", lambda *a, **k: pytest.fail("the shipped copy was used"))
    tagger = toolkit_tagger.load_tagger(MODELS["de"])
    assert tagger.tag_sent(["Die", "Agentin", "flieht", "."], taglevel=0) == ["ART", "NN", "VV(FIN)", "$."]


PLANTED = "import pathlib; pathlib.Path({marker!r}).write_text('ran')"


def test_nothing_in_the_cache_folder_is_executed_or_written(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    marker = tmp_path / "planted-code-ran"
    code = marshal.dumps(compile(PLANTED.format(marker=str(marker)), "planted", "exec"))
    import zlib

    planted = [cache / f"hanta-code-{n:08x}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
               for n in range(4)] + [cache / "hanta-morphmodel_ger-planted-py311.marshal"]
    hanta_source = Path(toolkit_tagger.hanta_model_path("HanoverTagger.py")).read_text("utf-8")
    key = zlib.crc32(hanta_source.replace("from numpy import logaddexp\n", "").encode())  # where it was once read
    planted.append(cache / f"hanta-code-{key:08x}-py{sys.version_info[0]}{sys.version_info[1]}.marshal")
    for path in planted:
        path.write_bytes(code)
    before = sorted(p.name for p in cache.iterdir())
    run = subprocess.run([sys.executable, "-c", TAG_EVERYTHING, MODELS["de"]], input=json.dumps([["Die", "Agentin"]]),
                         capture_output=True, text=True, cwd=ROOT, check=True,
                         env={**os.environ, "STORYBIBLE_CACHE_DIR": str(cache), "XDG_CACHE_HOME": str(cache)})
    assert json.loads(run.stdout)["tags"]
    assert not marker.exists()
    assert sorted(p.name for p in cache.iterdir()) == before
