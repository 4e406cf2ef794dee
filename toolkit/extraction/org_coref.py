"""Organisations a later sentence refers to without naming them.

Once a noun has described an organisation ("das Whistleblower-Netzwerk „Hydra“", "the network 'Hydra'",
"einer Untergrundorganisation …: dem „Roten Bund“"), a later definite noun of that kind ("des Netzwerks",
"the network", "die Organisation") stands for it, and so does a demonstrative subject right after the
sentence that ends with it ("Dieser gehörte Tom Brandl an"), when exactly one organisation of the story so
far fits: two organisations described by the same noun leave the noun to neither. The organisations found
are added to the readings, so that the claim passes read the slots around them ("die ehemalige
Sprecherin des Netzwerks, Mara Venn") as they read a named organisation.
"""
from __future__ import annotations

from toolkit.extraction.document import OrgMention, Reading
from toolkit.extraction.grammar import OPENING_QUOTES, organisation_noun
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import tags
from toolkit.text.nlp import Token, strip_genitive


def refer_to_organisations(readings: list[Reading], lex: Lexicon) -> set[int]:
    """Add to each reading the organisations its definite organisation nouns and demonstratives stand for;
    returns the indices of the readings something was added to."""
    described: list[OrgMention] = []
    previous: Reading | None = None
    changed: set[int] = set()
    for index, reading in enumerate(readings):
        added = [org for org in (_demonstrative(reading, previous, lex),) if org is not None]
        bare = [o for o in reading.orgs if _bare_group(o, lex)]
        for token in reading.tokens:
            replaced = next((o for o in bare if o.start == token.i), None)
            if _inside([o for o in reading.orgs + added if o is not replaced], token.i):
                continue
            earlier = [*described, *(o for o in reading.orgs if o.noun and o.end <= token.i)]
            org = _definite_noun(reading, token, earlier, lex)
            if org is not None:
                added.append(org)
                reading.orgs = [o for o in reading.orgs if o is not replaced]
        described.extend(o for o in reading.orgs if o.noun)
        if added:
            reading.orgs = sorted([*reading.orgs, *added], key=lambda o: o.start)
            changed.add(index)
        previous = reading
    return changed


def _bare_group(org: OrgMention, lex: Lexicon) -> bool:
    """'the militia', 'der Miliz': a group noun alone, read as an organisation of its own, which a
    described organisation of that noun ("a militia …: the 'Grey Wolves'") takes the place of."""
    return org.end - org.start == 1 and not org.noun and org.key.casefold() in lex.group_nouns


def _inside(orgs: list[OrgMention], i: int) -> bool:
    return any(o.start <= i < o.end for o in orgs)


def _definite_noun(reading: Reading, token: Token, earlier: list[OrgMention], lex: Lexicon) -> OrgMention | None:
    """'des Netzwerks', 'the network', 'dieser Organisation': an organisation noun after a definite article or a
    demonstrative (adjectives between), with no name of its own after it, of which one organisation fits."""
    tokens = reading.tokens
    noun = organisation_noun(token.text, lex) if token.word else None
    if noun is None or strip_genitive(token.text.split("-")[-1])[0].casefold() not in _forms(noun[0]):
        return None  # a closed compound ("Polizeiorganisation") says more than the noun
    k = token.i - 1
    while k >= 0 and tokens[k].word and tags.is_adjective(tokens[k].tag) and not tokens[k].capitalised:
        k -= 1
    determiners = lex.language.section("organisation_references").get("determiners") or ()
    if k < 0 or tokens[k].text.casefold() not in {w.casefold() for w in determiners}:
        return None
    after = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
    if after is not None and (after.text in OPENING_QUOTES or after.capitalised and after.word
                              and not tags.is_verb(after.tag) or _inside(reading.orgs, after.i)):
        return None  # "das Netzwerk „Hydra“", "the network Hydra", "die Organisation der CIA" name their own
    fits = {o.key: o for o in earlier if o.noun.endswith(noun[0])}  # "der Zelle" after "die Terrorzelle „X“"
    if len(fits) != 1:
        return None
    org = next(iter(fits.values()))
    return OrgMention(org.key, org.name, token.i, token.i + 1, org.kind, org.abbreviation, noun=org.noun)


def _forms(noun: str) -> tuple[str, ...]:
    return noun, noun + "s", noun + "es"


def _demonstrative(reading: Reading, previous: Reading | None, lex: Lexicon) -> OrgMention | None:
    """'Dieser gehörte Tom Brandl an', 'It was run by Tom Brandl': a demonstrative pronoun that opens the
    sentence, a verb right after it, and a sentence before that ends with an organisation a noun described
    (no person named after it)."""
    words = [t for t in reading.tokens if t.word]
    demonstratives = lex.language.section("organisation_references").get("demonstratives") or ()
    if previous is None or len(words) < 2 or words[0].i != 0 \
            or words[0].text.casefold() not in {w.casefold() for w in demonstratives} or not tags.is_verb(words[1].tag):
        return None
    last = max(previous.orgs, key=lambda o: o.end, default=None)
    if last is None or not last.noun or any(t.word for t in previous.tokens[last.end:]) \
            or any(m.start >= last.start for m in previous.mentions):
        return None
    return OrgMention(last.key, last.name, 0, 1, last.kind, last.abbreviation, noun=last.noun)
