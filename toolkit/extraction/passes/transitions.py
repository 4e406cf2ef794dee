"""Whether a sentence holds a transition phrase of the language ("Später", "Meanwhile")."""
from __future__ import annotations

import re

from toolkit.extraction.document import Pass, Reading
from toolkit.extraction.lexicon import Lexicon


def find_transition(reading: Reading, lex: Lexicon) -> None:
    """Marks the reading when a transition phrase stands in it as whole words."""
    reading.transition = any(t in reading.text and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", reading.text)
                             for t in lex.transitions)


PASS = Pass("transitions", find_transition, reads=("text",), writes=("transition",))
