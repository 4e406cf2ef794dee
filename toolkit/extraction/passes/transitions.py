"""Whether a sentence holds a transition phrase of the language ("Später", "Meanwhile")."""
from __future__ import annotations

from toolkit.extraction.document import Pass, Reading
from toolkit.extraction.lexicon import Lexicon
from toolkit.text.nlp import find_whole_words


def find_transition(reading: Reading, lex: Lexicon) -> None:
    """Marks the reading when a transition phrase stands in it as whole words."""
    reading.transition = any(find_whole_words(reading.text, t) for t in lex.transitions)


PASS = Pass("transitions", find_transition, reads=("text",), writes=("transition",))
