"""Part-of-speech tags and the named tests of them.

The tagger gives STTS tags for German ("ADJ(A)", "ART", "APPR", "NN", "NE", "VV(FIN)") and CLAWS C5 tags
for English ("AJ0", "AT0", "PRP", "NN1", "NP0", "VVZ"). Each tag set is written here once; the passes ask
these predicates, never a tag literal. Where a test names one tag set only (`is_german_adjective`), the
other set has no such tag or the test does not apply to it.
"""
from __future__ import annotations

# STTS (German)
STTS_ADJECTIVE = "ADJ"  # ADJ(A) attributive, ADJ(D) adverbial
STTS_ATTRIBUTIVE_ADJECTIVE = "ADJ(A)"
STTS_ARTICLE = "ART"
STTS_PREPOSITION = "APPR"  # APPR, APPRART
STTS_CARDINAL = "CARD"
STTS_PRONOUN = "PP"  # PPER personal, PPOSAT possessive
STTS_INFINITIVE = "VV(INF)"
STTS_INFINITIVE_MARKER = "PTKZU"  # "zu"
STTS_ADJECTIVAL_NOUN = "NA"
STTS_PROPER_NOUN = "NE"
STTS_ADVERB = "ADV"  # "ebenfalls", "auch"
STTS_VERB_PARTICLE = "PTKVZ"  # "an" of "gehört … an"

# CLAWS C5 (English)
CLAWS_ADJECTIVE = "AJ"  # AJ0, AJC, AJS
CLAWS_ATTRIBUTIVE_ADJECTIVE = "AJ0"
CLAWS_ARTICLE = "AT"
CLAWS_DETERMINER = "DT"
CLAWS_POSSESSIVE_DETERMINER = "DPS"
CLAWS_ADVERB = "AV"
CLAWS_ORDINAL = "ORD"
CLAWS_CARDINAL = "CRD"
CLAWS_PREPOSITION = "PRP"
CLAWS_PROPER_NOUN = "NP"  # NP0
CLAWS_INFINITIVE_MARKER = "TO0"  # "to"
CLAWS_VERB_PARTICLE = "AVP"  # "up" of "shows up"

# both sets
NOUN = "NN"  # STTS NN; CLAWS NN0, NN1, NN2
NOMINAL = "N"  # nouns and names of both sets
VERB = "V"  # STTS VV(FIN), VA…, VM…; CLAWS VVZ, VBD, VM0 …
COMMON_NOUNS = frozenset({"NN", "NNA", "NN1", "NN2", "NN0"})
COUNTED_NOUNS = frozenset({"NN", "NN1", "NN2"})  # a noun with a number: not CLAWS NN0 ("aircraft")


def is_adjective(tag: str) -> bool:
    return tag.startswith((STTS_ADJECTIVE, CLAWS_ADJECTIVE))


def is_german_adjective(tag: str) -> bool:
    return tag.startswith(STTS_ADJECTIVE)


def is_english_adjective(tag: str) -> bool:
    return tag.startswith(CLAWS_ADJECTIVE)


def is_attributive_adjective(tag: str) -> bool:
    return tag in (STTS_ATTRIBUTIVE_ADJECTIVE, CLAWS_ATTRIBUTIVE_ADJECTIVE)


def is_article(tag: str) -> bool:
    return tag.startswith((STTS_ARTICLE, CLAWS_ARTICLE))


def is_reflexive_pronoun(tag: str) -> bool:
    """'sich': a German reflexive pronoun (STTS PRF)."""
    return tag == "PRF"


def is_preposition_with_article(tag: str) -> bool:
    """'vom', 'beim', 'zur': a German preposition fused with its article."""
    return tag == STTS_PREPOSITION + "ART"


def is_determiner(tag: str) -> bool:
    return tag.startswith(CLAWS_DETERMINER)


def is_possessive_determiner(tag: str) -> bool:
    return tag.startswith(CLAWS_POSSESSIVE_DETERMINER)


def is_adverb(tag: str) -> bool:
    return tag.startswith(CLAWS_ADVERB)


def is_adverb_of_either(tag: str) -> bool:
    """An adverb of German (STTS) or English (CLAWS)."""
    return tag == STTS_ADVERB or tag.startswith(CLAWS_ADVERB)


def is_ordinal(tag: str) -> bool:
    return tag.startswith(CLAWS_ORDINAL)


def is_cardinal(tag: str) -> bool:
    return tag.startswith((STTS_CARDINAL, CLAWS_CARDINAL))


def is_preposition(tag: str) -> bool:
    return tag.startswith((STTS_PREPOSITION, CLAWS_PREPOSITION))


def is_german_preposition(tag: str) -> bool:
    return tag.startswith(STTS_PREPOSITION)


def is_german_pronoun(tag: str) -> bool:
    """A personal or possessive pronoun (STTS PPER, PPOSAT)."""
    return tag.startswith(STTS_PRONOUN)


def is_common_noun(tag: str) -> bool:
    return tag.startswith(NOUN)


def is_noun(tag: str) -> bool:
    """A common noun, or a German adjectival noun."""
    return tag.startswith((NOUN, STTS_ADJECTIVAL_NOUN))


def is_common_noun_tag(tag: str) -> bool:
    """Exactly one of the common noun tags (not a compound tag that only begins like one)."""
    return tag in COMMON_NOUNS


def is_counted_noun(tag: str) -> bool:
    return tag in COUNTED_NOUNS


def is_nominal(tag: str) -> bool:
    """A noun or a name."""
    return tag.startswith(NOMINAL)


def is_english_proper_noun(tag: str) -> bool:
    return tag.startswith(CLAWS_PROPER_NOUN)


def is_german_proper_noun(tag: str) -> bool:
    return tag.startswith(STTS_PROPER_NOUN)


def is_verb(tag: str) -> bool:
    return tag.startswith(VERB)


def is_infinitive(tag: str) -> bool:
    return tag.startswith(STTS_INFINITIVE)


def is_any_infinitive(tag: str) -> bool:
    """'fangen', 'stop' (after "to"): STTS V?(INF), CLAWS V?I."""
    return tag.endswith("(INF)") or len(tag) == 3 and tag[0] == "V" and tag[2] == "I"


def is_infinitive_marker(tag: str) -> bool:
    return tag in (STTS_INFINITIVE_MARKER, CLAWS_INFINITIVE_MARKER)


def is_past_participle(tag: str) -> bool:
    """'implantiert', 'built': STTS V?(PP), CLAWS V?N."""
    return tag.endswith("(PP)") or len(tag) == 3 and tag[0] == "V" and tag[2] == "N"


def is_verb_particle(tag: str) -> bool:
    """The separated particle of a verb: 'an' of 'gehört ihm an', 'up' of 'shows up'."""
    return tag in (STTS_VERB_PARTICLE, CLAWS_VERB_PARTICLE)
