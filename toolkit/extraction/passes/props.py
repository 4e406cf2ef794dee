"""Props a sentence introduces: a capitalised word after a prop introducer, a named device ("M60-Maschinengewehr")."""
from __future__ import annotations

from toolkit.extraction.document import Pass, Reading
from toolkit.extraction.lexicon import Lexicon


def find_props(reading: Reading, lex: Lexicon) -> None:
    """Names of props, in the order the sentence gives them."""
    tokens = reading.tokens
    introducers = [p.casefold() for p in lex.language.prop_introducers]
    for i, token in enumerate(tokens[:-1]):
        if token.text.casefold() in introducers and tokens[i + 1].capitalised:
            reading.props.append(tokens[i + 1].text)
        # "M60-Maschinengewehr": a named weapon or device
        parts = token.text.split("-")
        if len(parts) == 2 and parts[1].casefold() in lex.prop_nouns and any(ch.isdigit() for ch in parts[0]):
            reading.props.append(parts[0])


PASS = Pass("props", find_props, reads=("tokens",), writes=("props",))
