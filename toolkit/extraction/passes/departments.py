"""A named unit followed by the agency it belongs to is that agency: 'die Anti-Terror-Abteilung des MI5'."""
from __future__ import annotations

from toolkit.extraction.document import (
    OrgMention,
    Pass,
    Reading,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text.nlp import (
    Token,
)


def drop_departments(orgs: list[OrgMention], tokens: list[Token], lex: Lexicon) -> list[OrgMention]:
    """'die Anti-Terror-Abteilung des MI5' is the MI5: a named unit followed by the agency it belongs to."""
    kept = []
    for org in orgs:
        owner = next((o for o in orgs if o is not org and o.kind == "agency" and org.kind == "other"
                      and 0 < o.start - org.end <= 1
                      and tokens[org.end].text.casefold() in lex.function_words.department_of), None)
        # "der russische Geheimdienst FSB": the common noun names the agency right after it
        named = next((o for o in orgs if o is not org and o.start == org.end and o.abbreviation
                      and not org.abbreviation), None)
        if owner is None and named is None:
            kept.append(org)
    return kept


def drop_department_mentions(reading: Reading, lex: Lexicon) -> None:
    """Removes the organisations that are departments of, or common nouns for, the agency named right after."""
    reading.orgs = drop_departments(reading.orgs, reading.tokens, lex)


PASS = Pass("departments", drop_department_mentions, reads=("orgs", "tokens"), writes=("orgs",))
