"""HanTa's part-of-speech tagger, loaded without numpy and from a plain copy of its model.

HanTa imports numpy for one function (logaddexp), and its pickled models hold a few hundred numpy
numbers among some 600,000 Python ones, so loading a model costs a numpy import and a gzip
decompression: 0.15–0.3 s CPU on every run that reads a sentence. Here HanTa's own module is imported
with a logaddexp of numpy's arithmetic in pure Python standing in for numpy's during the import, and
each model is read from the copy the package ships (toolkit.text.tables: plain data, its numpy numbers
as Python floats of the same values, with the states reachable from each tag), when the installed model
file is the one the copy was made from (by CRC-32). Tags, lemmas and scores are those of HanTa loaded as
it loads itself; a test compares them on the seeds and the dev synopses. Otherwise HanTa is loaded as it
is. Nothing is written or executed from a cache folder. The tagger remembers the morphology of each
word it analysed, which HanTa does only for words of its lexicon.
"""
from __future__ import annotations

import math
import os
import sys
import types
import zlib
from functools import cache, lru_cache

from toolkit.text.tables import load_table, sources

_MODEL_FIELDS = 16  # what HanoverTagger.__init__ unpacks a model into


def logaddexp(x: float, y: float) -> float:
    """log(exp(x) + exp(y)) as numpy computes it for two floats (npymath's npy_logaddexp)."""
    if x == y:
        return x + math.log(2)  # infinities of one sign stay themselves
    difference = x - y
    if difference > 0:
        return x + math.log1p(math.exp(-difference))
    if difference <= 0:
        return y + math.log1p(math.exp(difference))
    return difference  # a NaN


# Words whose morphology the tagger keeps analysed: a name it does not know is analysed anew at each
# occurrence otherwise, which is most of the tagger's time on a long synopsis.
_ANALYSES_KEPT = 100_000


def load_tagger(model: str):
    """A HanoverTagger for one of HanTa's models ('morphmodel_ger.pgz', 'morphmodel_en.pgz')."""
    module = _hanta_module()
    shipped = _shipped_model(model)
    tagger = None
    if shipped is not None:
        try:
            tagger = plain_tagger(*shipped, module=module)
        except Exception:
            tagger = None
    if tagger is None:
        tagger = module.HanoverTagger(model)
    # the analysis of a word depends on the model alone; HanTa only reads the list it returns
    tagger.analyze_forward = lru_cache(maxsize=_ANALYSES_KEPT)(tagger.analyze_forward)
    return tagger


def plain_tagger(model: tuple, reachability: dict | None, *, module: types.ModuleType | None = None):
    """HanTa's tagger of a model's plain data; with the states reachable from each tag when they are known
    (HanTa works them out anew on every load, a tenth of a second)."""
    module = module or _hanta_module()

    class PlainTagger(module.HanoverTagger):
        def reachable(self):
            if reachability is None:
                super().reachable()
            else:
                self.reachability = reachability

    tagger = PlainTagger(None, model=model)
    tagger.strict = False  # as HanTa sets it for a model read from a file
    return tagger


class _NumpyStandIn(types.ModuleType):
    """What HanTa's module imports from numpy, while it is imported: logaddexp alone."""

    logaddexp = staticmethod(logaddexp)


@cache
def _hanta_module() -> types.ModuleType:
    """HanTa.HanoverTagger, imported with the pure-Python logaddexp in place of numpy's when numpy is not
    loaded yet (the stand-in is gone from sys.modules once HanTa has its function)."""
    if "numpy" in sys.modules or "HanTa.HanoverTagger" in sys.modules:
        from HanTa import HanoverTagger

        return HanoverTagger
    sys.modules["numpy"] = _NumpyStandIn("numpy")
    try:
        from HanTa import HanoverTagger
    finally:
        del sys.modules["numpy"]
    return HanoverTagger


def hanta_model_path(model: str) -> str:
    """Where the installed HanTa keeps one of its model files."""
    from importlib.util import find_spec

    spec = find_spec("HanTa")
    return os.path.join(os.path.dirname(spec.origin), model)


def _shipped_model(model: str) -> tuple[tuple, dict] | None:
    """The package's plain copy of a model and its reachability, when the installed model file is the one
    it was made from."""
    name = "hanta_" + model.split("_")[1].split(".")[0]
    expected = sources().get(name, {}).get("model_crc32")
    try:
        with open(hanta_model_path(model), "rb") as source:
            if expected is None or zlib.crc32(source.read()) != expected:
                return None
    except (OSError, AttributeError, TypeError):
        return None
    kept = load_table(name)
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], tuple) \
            and len(kept[0]) == _MODEL_FIELDS and isinstance(kept[1], dict):
        return kept
    return None
