"""HanTa's part-of-speech tagger, loaded without numpy and from a plain copy of its model.

HanTa imports numpy for one function (logaddexp), and its pickled models hold a few hundred numpy
numbers among some 600,000 Python ones, so loading a model costs a numpy import and a gzip
decompression: 0.15–0.3 s CPU on every run that reads a sentence. Here HanTa's own code runs with a
logaddexp of numpy's arithmetic in pure Python, and each model is kept once in the cache folder as
marshal data with its numpy numbers as Python floats (the same values). Tags, lemmas and scores are
those of HanTa loaded as it loads itself; a test compares them on the seeds and the dev synopses.
Where HanTa's code is not as expected, or nothing can be cached, HanTa is loaded as it is. The tagger
remembers the morphology of each word it analysed, which HanTa does only for words of its lexicon.
"""
from __future__ import annotations

import marshal
import math
import os
import sys
import types
import zlib
from functools import cache, lru_cache

from toolkit.files.cache import cache_folder, mark_in_use, remove_stale

_NUMPY_IMPORT = "from numpy import logaddexp\n"
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
    kept = _kept_model(module, model)
    tagger = None
    if kept is not None:
        try:
            tagger = _tagger_of(module, *kept)
        except Exception:
            tagger = None
    if tagger is None:
        tagger = module.HanoverTagger(model)
    # the analysis of a word depends on the model alone; HanTa only reads the list it returns
    tagger.analyze_forward = lru_cache(maxsize=_ANALYSES_KEPT)(tagger.analyze_forward)
    return tagger


def _tagger_of(module: types.ModuleType, model: tuple, reachability: dict | None):
    """HanTa's tagger of a model's plain data; with the states reachable from each tag when they are known
    (HanTa works them out anew on every load, a tenth of a second)."""

    class KeptTagger(module.HanoverTagger):
        def reachable(self):
            if reachability is None:
                super().reachable()
            else:
                self.reachability = reachability

    tagger = KeptTagger(None, model=model)
    tagger.strict = False  # as HanTa sets it for a model read from a file
    return tagger


@cache
def _hanta_module() -> types.ModuleType:
    """HanTa.HanoverTagger, run from its source with the pure-Python logaddexp instead of numpy's."""
    from importlib.util import find_spec

    spec = find_spec("HanTa.HanoverTagger")
    source = spec.loader.get_source(spec.name) if spec and spec.loader else None
    if "numpy" in sys.modules or source is None or source.count(_NUMPY_IMPORT) != 1:
        from HanTa import HanoverTagger

        return HanoverTagger
    module = types.ModuleType(spec.name)
    module.__file__ = spec.origin
    module.logaddexp = logaddexp
    exec(_compiled(source.replace(_NUMPY_IMPORT, ""), spec.origin), module.__dict__)
    return module


def _kept(name: str) -> str | None:
    """Where a marshal file of this Python is kept in the cache folder, or None when there is none."""
    folder = cache_folder()
    return str(folder / f"{name}-py{sys.version_info[0]}{sys.version_info[1]}.marshal") if folder else None


def _compiled(source: str, origin: str) -> types.CodeType:
    path = _kept(f"hanta-code-{zlib.crc32(source.encode()):08x}")
    try:
        code = marshal.loads(_read(path)) if path else None
        if isinstance(code, types.CodeType):
            mark_in_use(path)
            return code
    except (OSError, ValueError, EOFError, TypeError):
        pass
    code = compile(source, origin, "exec")
    _write(path, marshal.dumps(code), "hanta-code-")
    return code


def _kept_model(module: types.ModuleType, model: str) -> tuple[tuple, dict] | None:
    """The model's data with numpy numbers as Python floats, and the states reachable from each tag, from
    the cache folder (made there once)."""
    origin = os.path.join(os.path.dirname(module.__file__), model)
    try:
        stat = os.stat(origin)
    except OSError:
        return None
    name = f"hanta-{model.split('.')[0]}-"
    path = _kept(f"{name}{stat.st_size}-{stat.st_mtime_ns}")
    if path is None:
        return None
    try:
        kept = marshal.loads(_read(path))
        if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], tuple) \
                and len(kept[0]) == _MODEL_FIELDS and isinstance(kept[1], dict):
            mark_in_use(path)
            return kept
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import gzip
    import pickle

    with gzip.open(origin, "rb") as packed:
        data = _plain(pickle.load(packed))
    if not (isinstance(data, tuple) and len(data) == _MODEL_FIELDS):
        return None
    frozen = marshal.dumps(data)  # before a tagger changes the model's tables
    reachability = _tagger_of(module, marshal.loads(frozen), None).reachability
    _write(path, marshal.dumps((data, reachability)), name)
    return data, reachability


def _plain(value):
    """Containers rebuilt with numpy scalars turned into the Python numbers of the same value."""
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_plain(item) for item in value)
    if type(value).__module__ == "numpy":
        return value.item()
    return value


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _write(path: str | None, data: bytes, stale: str) -> None:
    """Keep the data at path, and remove what other versions of it (names beginning `stale`) left unread."""
    if path is None:
        return
    try:
        from toolkit.files.textio import write_atomic

        write_atomic(path, data)
        remove_stale(path, stale)
    except Exception:
        pass
