"""Places and settings a sentence names: a setting noun ("Privatinsel" -> EXT) or a place in the gazetteer."""
from __future__ import annotations

from toolkit.extraction.document import Pass, Reading
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import gazetteer, tags
from toolkit.text.nlp import strip_genitive


def find_places(reading: Reading, lex: Lexicon) -> None:
    """Settings as written with INT/EXT, and gazetteer places that are not part of a person's name."""
    named = {i for m in reading.mentions for i in range(m.start, m.end)}
    for i, token in enumerate(reading.tokens):
        if not token.word:
            continue
        setting = lex.setting_of(token)
        if setting:
            reading.settings.append((token.text, setting[1]))
        if token.capitalised:
            bare = strip_genitive(token.text)[0]
            if bare in gazetteer.place_names() and i not in named and not _acted_on(reading.tokens, i):
                reading.places.append((bare, ""))


def _acted_on(tokens, i: int) -> bool:
    """'die USA schützen', 'to protect the USA': a place with an article and no preposition before it is
    what a verb acts on, not where the sentence happens."""
    return i > 0 and tags.is_article(tokens[i - 1].tag) and not (i > 1 and tags.is_preposition(tokens[i - 2].tag))


PASS = Pass("places", find_places, reads=("tokens", "mentions"), writes=("settings", "places"))
