"""The characters' relations from the claims; kinship, marriage and partnership on both sides."""
from __future__ import annotations

from toolkit.extraction.document import (
    Reading,
    Relation,
)
from toolkit.extraction.grammar import (
    latest_of_gender,
)
from toolkit.extraction.passes.relations import PREVIOUS
from toolkit.model.story import (
    Character,
)
from toolkit.model.story import Relation as RelationRecord

# the relation types a bible records, and what each says of the other side
BIBLE_TYPES = ("son_of", "daughter_of", "parent_of", "wife_of", "husband_of", "sibling_of", "mentor_of",
               "partner_of", "enemy_of", "works_for")


_INVERSE = {"wife_of": {"m": "husband_of", "f": "wife_of", "unknown": "husband_of"},
            "husband_of": {"m": "husband_of", "f": "wife_of", "unknown": "wife_of"},
            "son_of": {"m": "parent_of", "f": "parent_of", "unknown": "parent_of"},
            "daughter_of": {"m": "parent_of", "f": "parent_of", "unknown": "parent_of"},
            "parent_of": {"m": "son_of", "f": "daughter_of"},
            "sibling_of": {"m": "sibling_of", "f": "sibling_of", "unknown": "sibling_of"},
            "partner_of": {"m": "partner_of", "f": "partner_of", "unknown": "partner_of"}}


def fill_relations(by_key: dict[str, Character], ids: dict[str, str], readings: list[Reading]) -> None:
    """Relations of the characters; kinship, marriage and partnership are written on both sides."""
    genders = {key: character.gender for key, character in by_key.items()}
    for index, reading in enumerate(readings):
        for relation in reading.relations:
            if relation.type == "spouse_of":
                relation = _spouse(relation, genders)
            if relation is None or relation.type not in BIBLE_TYPES:
                continue
            source, target = relation.source, relation.target
            if target == PREVIOUS:
                target = _only_person(readings[index - 1], by_key, exclude=source) if index > 0 else None
            position = reading.text.find(relation.evidence) if relation.evidence else -1
            before = position if position >= 0 else None
            if target and target.startswith("pronoun:"):
                target = _owner_before(target, relation.evidence, reading, genders, exclude=source) \
                    or latest_of_gender(target, readings, index, genders, exclude=source, before=before)
            if source.startswith("pronoun:"):
                source = _owner_before(source, relation.evidence, reading, genders, exclude=target or "") \
                    or latest_of_gender(source, readings, index, genders, exclude=target or "", before=before)
            if not source or not target or source == target or source not in by_key or target not in by_key:
                continue
            _add(by_key[source], RelationRecord(relation.type, ids[target]))
            inverse = _INVERSE.get(relation.type, {}).get(genders[target])
            if inverse:
                _add(by_key[target], RelationRecord(inverse, ids[source]))


def _owner_before(reference: str, evidence: str, reading: Reading, genders: dict[str, str], exclude: str) -> str | None:
    """'Ottings neuer Kollege Brück …, und ihr Vorgesetzter Pohl': the owner a possessive stands for is
    the nearest person of its gender named before it in the sentence, a genitive name included; None when
    the sentence names none before it."""
    gender = reference.split(":", 1)[1]
    position = reading.text.find(evidence) if evidence else -1
    if position < 0:
        return None
    before = [m for m in reading.mentions if reading.tokens[m.start].start < position and not m.uncertain]
    return next((m.key for m in reversed(before) if m.key != exclude and genders.get(m.key) == gender), None)


def _only_person(reading: Reading, by_key: dict[str, Character], exclude: str) -> str | None:
    """The one character a sentence names (none when it names two or more)."""
    keys = {m.key for m in reading.mentions if m.key in by_key and m.key != exclude and not m.uncertain}
    return next(iter(keys)) if len(keys) == 1 else None


def _spouse(relation: Relation, genders: dict[str, str]) -> Relation | None:
    """'X ist mit Y verheiratet': wife or husband by X's gender, or else by Y's."""
    own, other = genders.get(relation.source, "unknown"), genders.get(relation.target, "unknown")
    gender = own if own != "unknown" else {"m": "f", "f": "m"}.get(other)
    if gender is None:
        return None
    return Relation(relation.source, "wife_of" if gender == "f" else "husband_of", relation.target, relation.evidence)


def _add(character: Character, record: RelationRecord) -> None:
    if record not in character.relations:
        character.relations.append(record)
