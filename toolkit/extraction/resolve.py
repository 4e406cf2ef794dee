"""Resolving a story from a synopsis: who the names are, what they belong to, how they end."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from toolkit.extraction.classify import classify, key_of
from toolkit.extraction.coref import Person, role_keys
from toolkit.extraction.discovery import Discovery, FormLookup, NameGroup
from toolkit.extraction.document import Reading
from toolkit.extraction.lexicon import lexicon_for
from toolkit.extraction.pipeline import read_sentence, resolve_passage
from toolkit.extraction.story.affiliations import (
    fill_affiliations,
    implied_memberships,
)
from toolkit.extraction.story.fates import fill_fates
from toolkit.extraction.story.genders import decide, discourse_votes
from toolkit.extraction.story.organisations import find_organisations
from toolkit.extraction.story.relations import fill_relations
from toolkit.model.names import fold, slugify
from toolkit.model.story import (
    Character,
    Location,
    Prop,
    ReviewItem,
    Story,
)
from toolkit.text.language import Language, load_language
from toolkit.text.nlp import dictionary_form, strip_genitive
from toolkit.text.synopsis import Sentence, Synopsis


@dataclass
class Resolution:
    story: Story
    readings: list[tuple[Sentence, Reading]]
    groups: dict[str, NameGroup]


# A summary is one or two sentences; a sentence that names thousands of people is cut, so a bible
# grows with the synopsis, not with its square.
SUMMARY_LIMIT = 1000


def _bounded(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit] + " …"


def resolve(synopsis: Synopsis) -> Resolution:
    """Read every sentence of a synopsis and resolve the story it tells."""
    language = load_language(synopsis.language)
    review: list[ReviewItem] = []
    discovery = Discovery(synopsis, language)
    source = str(synopsis.path)
    groups = discovery.groups(review, source)
    lookup = FormLookup(groups)
    readings = [(sentence, read_sentence(sentence.text, language, lookup, tokens=tokens))
                for sentence, tokens in zip(synopsis.sentences, discovery.tokens)]
    builder = _StoryBuilder(synopsis, language, groups, readings, review)
    return Resolution(builder.build(), readings, groups)


class _StoryBuilder:
    def __init__(self, synopsis: Synopsis, language: Language, groups: dict[str, NameGroup],
                 readings: list[tuple[Sentence, Reading]], review: list[ReviewItem]):
        self.synopsis = synopsis
        self.language = language
        self.lex = lexicon_for(language)
        self.groups = groups
        self.readings = readings
        self.review = review

    def here(self, sentence: Sentence) -> str:
        return f"{self.synopsis.path}:{sentence.line}"

    def build(self) -> Story:
        story = Story(title=self.synopsis.title, language=self.synopsis.language, source=str(self.synopsis.path),
                      units=self.synopsis.unit_kind, unit_texts=[u.text for u in self.synopsis.units],
                      logline=str(self.synopsis.front_matter.get("logline") or ""),
                      year=str(self.synopsis.front_matter.get("year") or ""))
        people, places, props = self.classify()
        first_seen = {}
        for index, (_, reading) in enumerate(self.readings):
            for mention in reading.mentions:
                first_seen.setdefault(mention.key, (index, mention.start))
        people.sort(key=lambda key: first_seen.get(key, (len(self.readings), 0)))
        aliases = self.cover_names(people)
        ids = self.assign_ids(people)
        story.organisations = find_organisations([reading for _, reading in self.readings])
        for key in people:
            story.characters.append(Character(id=ids[key], name=key))
        by_key = {key: story.characters[i] for i, key in enumerate(people)}
        self.fill_aliases(by_key, aliases)
        self.fill_genders(by_key)
        self.resolve_references(by_key)
        fill_affiliations(by_key, self.readings, story, self.language)
        self.review.extend(implied_memberships(by_key, self.readings, story, self.lex, self.here))
        fill_relations(by_key, ids, [reading for _, reading in self.readings])
        fill_fates(by_key, ids, [reading for _, reading in self.readings],
                   tuple(self.language.deaths.get("apparent") or ()))
        self.fill_roles_and_summaries(by_key)
        story.locations = self.locations(places)
        story.props = [Prop(id=slugify(p), name=p) for p in props]
        story.review = self.review
        return story

    def classify(self) -> tuple[list[str], list[str], list[str]]:
        """Which names are people, places and things; names of people that are also places go to review."""
        unsupported: list[tuple[str, int]] = []
        people, places, props, doubtful = classify(self.groups, [r for _, r in self.readings], self.lex, unsupported)
        for key, index in doubtful:
            self.review.append(ReviewItem.of("person_or_place", self.here(self.readings[index][0]), name=key))
        for key, index in unsupported:
            self.review.append(ReviewItem.of("not_a_character", self.here(self.readings[index][0]), name=key, case="word"))
        return people, places, props

    def _key_of(self, surface: str) -> str | None:
        return key_of(self.groups, surface)

    def cover_names(self, people: list[str]) -> dict[str, list[str]]:
        """'alias Agent X', 'unter dem Namen Mara': fold a cover name into its bearer."""
        out: dict[str, list[str]] = defaultdict(list)
        for _, reading in self.readings:
            for alias in reading.aliases:
                owner = alias.name
                if owner not in people:
                    continue
                covered = self._key_of(alias.alias)
                if covered and covered != owner and covered in people:
                    people.remove(covered)
                    group = self.groups[covered]
                    out[owner].extend([covered, *group.forms])
                    self._rekey(covered, owner)
                elif alias.alias not in out[owner]:
                    out[owner].append(alias.alias)
        return out

    def _rekey(self, old: str, new: str) -> None:
        """Every claim about `old` is now about `new`."""
        for _, reading in self.readings:
            for mention in reading.mentions:
                if mention.key == old:
                    mention.key = new
            reading.affiliations = [replace(a, character=new) if a.character == old else a
                                    for a in reading.affiliations]
            reading.deaths = [replace(d, character=new) if d.character == old else d for d in reading.deaths]
            reading.genders = [replace(g, key=new) if g.key == old else g for g in reading.genders]

    def assign_ids(self, people: list[str]) -> dict[str, str]:
        ids: dict[str, str] = {}
        for key in people:
            base = slugify(key)
            ident, n = base, 2
            while ident in ids.values():
                ident, n = f"{base}-{n}", n + 1
            ids[key] = ident
        return ids

    def fill_aliases(self, by_key: dict[str, Character], aliases: dict[str, list[str]]) -> None:
        for key, character in by_key.items():
            group = self.groups.get(key)
            seen = {fold(character.name)}
            forms = [*group.forms, *group.addressed] if group else []
            character.performer = group.performer if group else ""
            # every form the text uses, genitives included, so a scene using them resolves
            for _, reading in self.readings:
                for mention in reading.mentions:
                    if mention.key == key:
                        forms.append(mention.surface)
            apart = self._named_apart(key)
            for form in [*aliases.get(key, []), *forms]:
                if fold(form) not in seen and fold(form) not in apart:
                    seen.add(fold(form))
                    character.aliases.append(form)

    def _named_apart(self, key: str) -> set[str]:
        """Short forms of `key` that a sentence names beside the full name, as someone else: "rescues
        Varga's driver from Joel Varga" (Varga is a relative). The bible does not give them to `key`, so
        no reader takes that relative for this character."""
        apart: set[str] = set()
        if len(key.split()) < 2:
            return apart
        for _, reading in self.readings:
            mentions = [m for m in reading.mentions if m.key == key and not m.via]
            if any(fold(m.surface) == fold(key) for m in mentions):
                apart |= {fold(strip_genitive(m.surface)[0]) for m in mentions if fold(m.surface) != fold(key)
                          and fold(strip_genitive(m.surface)[0]) == fold(key.split()[-1])}
        return apart | {form + suffix for form in apart for suffix in ("'s", "’s")} if apart else apart

    def fill_genders(self, by_key: dict[str, Character]) -> None:
        votes: dict[str, Counter] = defaultdict(Counter)
        evidence: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # key -> gender -> (words, where)
        sentence_votes = [(i, vote) for i, (_, reading) in enumerate(self.readings) for vote in reading.genders]
        discourse = discourse_votes([reading for _, reading in self.readings], self.lex, set(by_key))
        for index, vote in [*sentence_votes, *discourse]:
            votes[vote.key][vote.gender] += vote.weight
            evidence[vote.key].setdefault(vote.gender, (vote.evidence, self.here(self.readings[index][0])))
        for key, character in by_key.items():
            tally = votes.get(key, Counter())
            gender = decide(tally, key)
            if gender == "unknown":
                continue
            character.gender = gender
            other = "m" if gender == "f" else "f"
            if tally[other] >= 1 and other in evidence[key]:
                words, at = evidence[key][other]
                self.review.append(ReviewItem.of("gender_conflict", evidence[key].get(gender, ("", ""))[1], name=key,
                                                 gender=gender, evidence=words, evidence_at=at))

    def resolve_references(self, by_key: dict[str, Character]) -> None:
        """Pronouns and descriptions become mentions of the people they stand for; claims are read again."""
        roles: dict[str, set[str]] = defaultdict(set)
        for _, reading in self.readings:
            for mention in reading.mentions:
                roles[mention.key] |= role_keys(mention.role, self.lex)
        people = {key: Person(character.gender, frozenset(roles[key])) for key, character in by_key.items()}
        for ambiguity in resolve_passage([reading for _, reading in self.readings], people, self.lex):
            self.review.append(ReviewItem.of("ambiguous_reference", self.here(self.readings[ambiguity.sentence][0]),
                                             name=ambiguity.surface, owners=list(ambiguity.candidates)))

    def fill_roles_and_summaries(self, by_key: dict[str, Character]) -> None:
        mentioned: dict[str, list[str]] = defaultdict(list)
        for sentence, reading in self.readings:
            for mention in reading.mentions:
                character = by_key.get(mention.key)
                if character is None or mention.via:
                    continue
                if mention.role and not character.role:
                    character.role = self._role_text(reading, mention, character.gender)
                if sentence.text not in mentioned[mention.key]:
                    mentioned[mention.key].append(sentence.text)
        for key, character in by_key.items():
            character.summary = _bounded(" ".join(mentioned.get(key, [])[:2]), SUMMARY_LIMIT)

    def _role_text(self, reading: Reading, mention, gender: str = "unknown") -> str:
        """'ehemalige DIA-Agentin', 'Direktor': the role word in its dictionary form, with its organisation,
        agreeing with the character's gender where the language marks it."""
        token = next((t for t in reversed(reading.tokens[:mention.start]) if mention.role in t.text), None)
        word = self._agreeing(dictionary_form(mention.role, self.language), gender)
        orgs = [o for o in reading.orgs if o.key == mention.org]
        org = next((o for o in orgs if o.role == mention.role), orgs[0] if orgs else None)
        if org is not None and (org.role or org.end == getattr(token, "i", -1)):
            prefix = org.abbreviation or org.name
            word = f"{prefix}{self.language.compound_joiner}{word}"
        status = self.language.section("status_words")
        former = (status.get("former_by_gender") or {}).get(gender) or (
            self.lex.status_former[0] if self.lex.status_former else "")
        return f"{former} {word}" if mention.status == "former" and former else word

    def _agreeing(self, word: str, gender: str) -> str:
        """'Agent' said of a woman is 'Agentin' where the language has that role noun."""
        suffix = self.language.section("status_words").get("feminine_role_suffix") or ""
        last = word.split("-")[-1]
        if gender != "f" or not suffix or last.endswith(suffix) or self.lex.role(last + suffix) is None:
            return word
        return word + suffix

    def locations(self, places: list[str]) -> list[Location]:
        found: dict[str, Location] = {}
        for name in places:
            found.setdefault(slugify(name), Location(id=slugify(name), name=name, setting="EXT"))
        for _, reading in self.readings:
            for name, _ in reading.places:
                ident = slugify(name)
                found.setdefault(ident, Location(id=ident, name=name, setting="EXT"))
            for noun, setting in reading.settings:
                ident = slugify(noun)
                if ident not in found:
                    found[ident] = Location(id=ident, name=noun, setting=setting)
        return list(found.values())
