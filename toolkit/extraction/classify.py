"""Which discovered names are people, which are places and which are things: votes from the sentences.

A name that acts is a person, whatever a gazetteer says: the subject of a verb, a name with a title or a
role noun, one side of a relation, killed or killing, coordinated with a person. A name after a place
preposition, in a gazetteer of places, or quoted after a place noun ("der Nachtclub „Moka Efti“") is a
place; after an article or quoted after another noun ("der Spionagering „Topas“") a thing. A frequent given
name gives a prior. Where a name is both, the bible keeps the reading with more votes and the review says so.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from toolkit.extraction.document import Mention, Reading
from toolkit.extraction.grammar import describes_person, quoted
from toolkit.extraction.lexicon import Lexicon
from toolkit.model.names import fold
from toolkit.text import gazetteer, lexicons, tags
from toolkit.text.nlp import FINITE_VERB, is_common_word

if TYPE_CHECKING:
    from toolkit.extraction.discovery import NameGroup


@dataclass
class Votes:
    person: Counter = field(default_factory=Counter)
    place: Counter = field(default_factory=Counter)
    thing: Counter = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)  # key -> index of the first sentence naming it
    determined: set[str] = field(default_factory=set)  # keys written after an article at least once


def classify(groups: dict[str, NameGroup], readings: list[Reading], lex: Lexicon,
             unsupported: list[tuple[str, int]] | None = None
             ) -> tuple[list[str], list[str], list[str], list[tuple[str, int]]]:
    """People, places and things among the groups' keys, and the names read as people that are also
    places (key, sentence index) for the review. A word of the language with no sign of a person (it never
    acts, has no title, role, pronoun or performer) is none of them; it goes to `unsupported` when given."""
    votes = _votes(groups, readings, lex)
    people, places, things, doubtful = [], [], [], []
    known_places = gazetteer.place_names()
    for key in groups:
        words = key.split()
        kinds = lexicons.name_kinds(words[0])
        if len(words) > 1 and (gazetteer.is_first_name(words[0]) or any(k in kinds for k in "fmu")):
            votes.person[key] += 3
        elif any(k in kinds for k in "fm") or gazetteer.is_first_name(key):
            # a given name no place bears, never after an article, outweighs one place preposition ("help
            # from Ilka"; not "in the Garrison")
            votes.person[key] += 0.5 if key in known_places or key in votes.determined else 1.5
        if key in known_places:
            votes.place[key] += 2
        if groups[key].performer:
            votes.person[key] += 3  # "Ilka (Anna Lindqvist)": someone plays the part
        person, place, thing = votes.person[key], votes.place[key], votes.thing[key]
        if person > place and person >= thing:
            people.append(key)
            if place > 0 and key in known_places:
                doubtful.append((key, votes.first_seen.get(key, 0)))
        elif place >= thing and place > 0:
            places.append(key)
        elif thing > 0:
            things.append(key)
        elif person == 0 and _ordinary_word(groups[key], lex):
            if unsupported is not None:
                unsupported.append((key, votes.first_seen.get(key, 0)))
        else:
            people.append(key)
    for reading in readings:
        for prop in reading.props:
            if prop not in things and key_of(groups, prop) is None:
                things.append(prop)
    return people, places, things, doubtful


def _ordinary_word(group: NameGroup, lex: Lexicon) -> bool:
    """'Station', 'British': one word the language's dictionary knows, no given name, no performer."""
    word = group.key
    if " " in word or group.performer or group.addressed or gazetteer.is_first_name(word):
        return False
    if lex.language.nouns_capitalised:
        return lexicons.german_noun(word) is not None
    return is_common_word(word, lex.language.tagger_model)


def _votes(groups: dict[str, NameGroup], readings: list[Reading], lex: Lexicon) -> Votes:
    votes = Votes()
    for index, reading in enumerate(readings):
        coordination = _Coordination(reading, lex)
        for mention in reading.mentions:
            votes.first_seen.setdefault(mention.key, index)
            if mention.after_place_preposition and not mention.genitive:  # not "at Ilka's command"
                votes.place[mention.key] += 1
            if mention.role or mention.org:
                votes.person[mention.key] += 3
            acts = _acts(reading, mention, lex, coordination)
            votes.person[mention.key] += acts
            if mention.after_article:
                votes.determined.add(mention.key)
            if mention.after_article and not mention.role and not acts:
                votes.thing[mention.key] += 1
            votes.thing[mention.key] += _among_things(reading, mention, lex) + _named_by_a_thing_noun(reading, mention, lex) \
                + _numbered(reading, mention)
            votes.place[mention.key] += _named_by_a_place_noun(reading, mention, lex) + _beside_a_place(reading, mention, lex)
            named_thing = _quoted_after_noun(reading, mention, lex)
            if named_thing == "place":
                votes.place[mention.key] += 3
            elif named_thing == "person":
                votes.person[mention.key] += 3
            elif named_thing:
                votes.thing[mention.key] += 3
        for prop in reading.props:
            key = key_of(groups, prop)
            if key:
                votes.thing[key] += 3
        # a claim about a name the same sentence puts after a place preposition ("went to Lyon to kidnap")
        # is more likely misread than evidence of a person
        placed = {m.key for m in reading.mentions if m.after_place_preposition}
        for relation in reading.relations:
            for key in {relation.source, relation.target} - placed:
                votes.person[key] += 3
        for vote in reading.genders:
            votes.person[vote.key] += vote.weight
        for alias in reading.aliases:
            votes.person[alias.name] += 3
        for death in reading.deaths:
            for key in {death.character, death.by} - placed:
                votes.person[key] += 2
    return votes


class _Coordination:
    """Where a run of names joined by commas and 'and' ends ("Tess, Ivo and Mira go"), from any place in
    it. Each run is walked once, so a sentence of thousands of names costs no more than their number."""

    def __init__(self, reading: Reading, lex: Lexicon):
        self.tokens = reading.tokens
        self.coordinators = lex.function_words.name_coordinators
        self.by_start: dict[int, Mention] = {}
        for mention in reading.mentions:
            self.by_start.setdefault(mention.start, mention)
        self.ends: dict[int, int] = {}

    def end(self, k: int) -> int:
        walked = []
        while k not in self.ends and k < len(self.tokens) and (
                self.tokens[k].text.casefold() in self.coordinators or self.tokens[k].text == ","):
            following = self.by_start.get(k + 1)
            if following is None:
                break
            walked.append(k)
            k = following.end
        end = self.ends.get(k, k)
        self.ends.update(dict.fromkeys(walked, end))
        return end


def _acts(reading: Reading, mention: Mention, lex: Lexicon, coordination: _Coordination | None = None) -> int:
    """How strongly the words around a name say it is a person: a title or a person noun right before
    it ("Sgt. Rowan", "mobster Vasco", "Bombenbauer Olek"), a relative pronoun only people take
    ("Vasco, whom"), or a verb it is the subject of ("Tess tracks", "Mira belauscht"), also
    through a coordination ("Tess and Ivo go")."""
    tokens = reading.tokens
    if mention.genitive or mention.after_place_preposition:
        return 0
    if mention.start and describes_person(tokens[mention.start - 1], lex) or _apposed_to_person(tokens, mention, lex):
        return 2
    names = lex.language.section("names")
    if mention.end + 1 < len(tokens) and tokens[mention.end].text == "," \
            and tokens[mention.end + 1].text.casefold() in (names.get("personal_relatives") or ()):
        return 2
    k = mention.end
    apposition = _apposition_end(reading, mention, lex)
    if apposition is not None:
        # "Georgia, Moss's daughter, hides": the apposition says she is a person; a verb after it, that she acts
        verb = apposition < len(tokens) and FINITE_VERB.match(tokens[apposition].tag) is not None
        return 3 if verb else 2
    k = (coordination or _Coordination(reading, lex)).end(k)
    k = _after_cast_note(tokens, k)
    if k < len(tokens) and quoted(tokens, mention.start) and not tokens[k].word \
            and _quoted_after_noun(reading, mention, lex) in ("", "person"):
        k += 1  # 'known as "Falcon" meets': the closing quotation mark stands before the verb
    return 2 if k < len(tokens) and FINITE_VERB.match(tokens[k].tag) is not None else 0


def _apposed_to_person(tokens: list, mention: Mention, lex: Lexicon) -> bool:
    """'der Stellvertreter Brenners, Gerber,', 'his deputy, Gerber,': a name in commas right after a noun for a
    person (or after a noun for a person and a genitive)."""
    start, end = mention.start, mention.end
    if start < 2 or tokens[start - 1].text != "," or end >= len(tokens) or tokens[end].text not in (",", ".", ";"):
        return False
    k = start - 2
    genitive = tokens[k].capitalised and tokens[k].text.endswith(("s", "'", "’")) and tags.is_noun(tokens[k - 1].tag)
    if (tokens[k].tag in lex.language.proper_noun_tags or genitive) and k > 0:
        k -= 1  # "Stellvertreter Brenners,": the noun before a genitive name
    return describes_person(tokens[k], lex) and tags.is_noun(tokens[k].tag)


def _after_cast_note(tokens: list, k: int) -> int:
    """'Ilka (Anna Lindqvist) tests': the index after a parenthesis of capitalised words at `k`, else `k`."""
    if k >= len(tokens) or tokens[k].text != "(":
        return k
    close = next((q for q in range(k + 1, min(len(tokens), k + 7)) if tokens[q].text == ")"), None)
    if close is None or close == k + 1 or not all(t.word and t.capitalised for t in tokens[k + 1:close]):
        return k
    return close + 1


def _apposition_end(reading: Reading, mention: Mention, lex: Lexicon) -> int | None:
    """After 'Georgia, Moss's daughter,' or 'Tom, ein alter Freund,': the index after the closing comma of
    an apposition whose noun describes a person; None if there is none."""
    tokens = reading.tokens
    k = mention.end
    if k >= len(tokens) or tokens[k].text != ",":
        return None
    for j in range(k + 1, min(k + 6, len(tokens))):
        token = tokens[j]
        if token.text in (",", ".", ";") or FINITE_VERB.match(token.tag):
            return None
        if token.text.isupper() or token.text.rstrip(".") in lex.titles:
            return None  # "Washington, DC": an abbreviation, not a noun that describes someone
        person = token.text.casefold() in lex.relations or token.text.casefold() in lex.gender_nouns \
            or describes_person(token, lex)
        if person and j + 1 < len(tokens) and tokens[j + 1].text in (",", ".", ";"):
            return j + 2 if tokens[j + 1].text == "," else j + 1
    return None


def _among_things(reading: Reading, mention: Mention, lex: Lexicon) -> int:
    """'fine wines and Mozart', 'the Lees', 'die Müllers': listed with common nouns, or a plural name
    after a definite article (a family or a gang), the name is no one person."""
    tokens = reading.tokens
    if mention.start >= 2 and tokens[mention.start - 1].text.casefold() in lex.function_words.name_coordinators:
        before = tokens[mention.start - 2]
        if tags.is_counted_noun(before.tag) and not before.capitalised and not describes_person(before, lex):
            return 2
    article = tokens[mention.start - 1].text.casefold() if mention.start else ""
    plural = mention.surface.endswith("s") and not mention.genitive and mention.end - mention.start == 1
    return 3 if plural and article in lex.function_words.plural_articles and lexicons.given_name_gender(mention.surface) not in ("f", "m") else 0


def _named_by_a_thing_noun(reading: Reading, mention: Mention, lex: Lexicon) -> int:
    """'the petrochemical company Norvex', 'die Reederei Halvorsen': a name right after a noun of the dictionary
    that names no person, with an article before them, is the name of a thing (not after a given name)."""
    tokens = reading.tokens
    k = mention.start - 1
    if k < 1 or mention.end - mention.start > 1 or gazetteer.is_first_name(mention.surface) \
            or lexicons.name_kinds(mention.surface):
        return 0
    noun = tokens[k]
    folded = noun.text.casefold()
    if not noun.word or not tags.is_noun(noun.tag) or describes_person(noun, lex) or lex.is_vocabulary(noun.text) \
            or folded in lex.relations or folded in lex.gender_nouns or noun.text.isupper():
        return 0
    known = (lexicons.german_noun(noun.text) or lexicons.german_compound(noun.text)) is not None \
        if lex.language.nouns_capitalised else \
        not noun.capitalised and is_common_word(noun.text, lex.language.tagger_model)
    j = k - 1
    while j > 0 and tokens[j].word and (tags.is_adjective(tokens[j].tag) or not lex.language.nouns_capitalised
                                         and (tokens[j].capitalised or tags.is_noun(tokens[j].tag))):
        j -= 1
    return 1 if known and tokens[j].text.casefold() in lex.articles else 0


def _beside_a_place(reading: Reading, mention: Mention, lex: Lexicon) -> int:
    """'zwischen Kiel und Oslo', 'from Hull and Leeds': joined by "and" to a place that is no given name."""
    if mention.role:
        return 0
    coordinators = lex.function_words.name_coordinators
    tokens = reading.tokens
    for other in reading.mentions:
        joined = other.start == mention.end + 1 and mention.end < len(tokens) \
            and tokens[mention.end].text.casefold() in coordinators \
            or other.end == mention.start - 1 and tokens[other.end].text.casefold() in coordinators
        if joined and other.surface in gazetteer.place_names() and not gazetteer.is_first_name(other.surface):
            return 3
    return 0


def _numbered(reading: Reading, mention: Mention) -> int:
    """'Channel 5', 'Kanal 3', 'Gate 7': one word with a number after it names a thing, unless a role
    says a person ("Agent 47")."""
    k = mention.end
    return 2 if mention.end - mention.start == 1 and not mention.role and k < len(reading.tokens) \
        and reading.tokens[k].text.isdigit() else 0


def _named_by_a_place_noun(reading: Reading, mention: Mention, lex: Lexicon) -> int:
    """'her home town of Whitby', 'in die Stadt Bozen': a noun for a place, "of" in English, then the name."""
    tokens = reading.tokens
    k = mention.start - 1
    if k >= 1 and tokens[k].text.casefold() in lex.function_words.genitive_of and not lex.language.nouns_capitalised:
        k -= 1
    return 3 if k >= 0 and tokens[k].word and tags.is_noun(tokens[k].tag) \
        and lex.language.setting_of(tokens[k].text) is not None else 0


def _quoted_after_noun(reading: Reading, mention: Mention, lex: Lexicon) -> str:
    """'der Nachtclub „Moka Efti“' -> 'place', 'einem Spionagering namens „Topas“' -> 'thing', 'einem Chemiker mit dem
    Codenamen „Falke“' -> 'person', else ''."""
    tokens = reading.tokens
    if not quoted(tokens, mention.start):
        return ""
    k = mention.start - 2
    if k >= 0 and tokens[k].text.casefold() in lex.introducer_words:
        k -= 1
    if k < 0 or not tokens[k].word:
        return ""
    noun = tokens[k]
    cover_nouns = lex.language.section("names").get("cover_name_nouns") or ()
    if noun.text in cover_nouns or noun.text.casefold() in {p.casefold() for p in lex.language.prop_introducers} \
            and _of_a_person(tokens, k, lex):
        return "person"  # 'der Maulwurf mit dem Decknamen „Falke“', 'eines Chemikers mit dem Codenamen „Falke“'
    if lex.role(noun.text) is not None or noun.text.casefold() in lex.gender_nouns or noun.text.casefold() \
            in lex.relations or not tags.is_noun(noun.tag):
        return ""
    return "place" if lex.language.setting_of(noun.text) is not None else "thing"


def _of_a_person(tokens: list, k: int, lex: Lexicon) -> bool:
    """A noun for a person a few words before the code-name noun at `k` ('a chemist known by the codename')."""
    def person(token) -> bool:  # also in the genitive: "eines Chemikers"
        bare = replace(token, text=token.text[:-1]) if token.text.endswith("s") else token
        return tags.is_noun(token.tag) and (describes_person(token, lex) or describes_person(bare, lex))
    return any(person(tokens[j]) for j in range(max(0, k - 5), k))


def key_of(groups: dict[str, NameGroup], surface: str) -> str | None:
    """The group a written form belongs to."""
    folded = fold(surface)
    for key, group in groups.items():
        if folded in {fold(f) for f in [key, *group.forms]}:
            return key
    return None
