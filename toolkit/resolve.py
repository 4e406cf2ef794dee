"""Resolving a story from a synopsis: who the names are, what they belong to, how they end."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from toolkit.classify import classify, key_of
from toolkit.coref import Person, resolve_references, role_keys
from toolkit.discovery import Discovery, FormLookup, NameGroup
from toolkit.extract import Reading, lexicon_for, read_claims, read_sentence
from toolkit.genders import decide, discourse_votes
from toolkit.language import Language, load_language
from toolkit.names import fold, slugify
from toolkit.nlp import dictionary_form
from toolkit.story import (
    Affiliation, Character, Fate, Location, Organisation, Prop, Relation, ReviewItem, Story,
)
from toolkit.synopsis import Sentence, Synopsis

_STATUS_RANK = {"unknown": 0, "current": 1, "undercover": 2, "leader": 3, "former": 4}


@dataclass
class Resolution:
    story: Story
    readings: list[tuple[Sentence, Reading]]
    groups: dict[str, NameGroup]


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
        story.organisations = self.organisations(ids)
        org_names = {fold(n): o.id for o in story.organisations for n in o.names}
        for key in people:
            story.characters.append(Character(id=ids[key], name=key))
        by_key = {key: story.characters[i] for i, key in enumerate(people)}
        self.fill_aliases(by_key, aliases)
        self.fill_genders(by_key)
        self.resolve_references(by_key)
        self.fill_affiliations(by_key, ids, org_names, story)
        self.fill_relations(by_key, ids)
        self.fill_fates(by_key, ids)
        self.fill_roles_and_summaries(by_key)
        story.locations = self.locations(places)
        story.props = [Prop(id=slugify(p), name=p) for p in props]
        story.review = self.review
        return story

    def classify(self) -> tuple[list[str], list[str], list[str]]:
        """Which names are people, places and things; names of people that are also places go to review."""
        people, places, props, doubtful = classify(self.groups, [r for _, r in self.readings], self.lex)
        for key, index in doubtful:
            self.review.append(ReviewItem("person_or_place", f"'{key}' is also a place; taken as a person because "
                                          "the text has it act or gives it a title", self.here(self.readings[index][0])))
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

    def organisations(self, ids: dict[str, str]) -> list[Organisation]:
        found: dict[str, Organisation] = {}
        for _, reading in self.readings:
            for org in reading.orgs:
                ident = slugify(org.key)
                surface = reading.span(org.start, org.end)
                record = found.get(ident)
                if record is None:
                    record = Organisation(id=ident, name=org.name, abbreviation=org.abbreviation, kind=org.kind)
                    found[ident] = record
                if surface not in record.names and surface not in record.aliases:
                    record.aliases.append(surface)
        return list(found.values())

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
            for form in [*aliases.get(key, []), *forms]:
                if fold(form) not in seen:
                    seen.add(fold(form))
                    character.aliases.append(form)

    def fill_genders(self, by_key: dict[str, Character]) -> None:
        votes: dict[str, Counter] = defaultdict(Counter)
        evidence: dict[str, dict[str, str]] = defaultdict(dict)
        sentence_votes = [(i, vote) for i, (_, reading) in enumerate(self.readings) for vote in reading.genders]
        discourse = discourse_votes([reading for _, reading in self.readings], self.lex, set(by_key))
        for index, vote in [*sentence_votes, *discourse]:
            votes[vote.key][vote.gender] += vote.weight
            evidence[vote.key].setdefault(vote.gender, f"{vote.evidence}' ({self.here(self.readings[index][0])})")
        for key, character in by_key.items():
            tally = votes.get(key, Counter())
            gender = decide(tally, key)
            if gender == "unknown":
                continue
            character.gender = gender
            other = "m" if gender == "f" else "f"
            if tally[other] >= 1 and other in evidence[key]:
                self.review.append(ReviewItem(
                    "gender_conflict",
                    f"{key} is taken as {gender}, but the text also says '{evidence[key][other]}",
                    evidence[key].get(gender, "").rsplit("(", 1)[-1].rstrip(")")))

    def resolve_references(self, by_key: dict[str, Character]) -> None:
        """Pronouns and descriptions become mentions of the people they stand for; claims are read again."""
        roles: dict[str, set[str]] = defaultdict(set)
        for _, reading in self.readings:
            for mention in reading.mentions:
                roles[mention.key] |= role_keys(mention.role, self.lex)
        people = {key: Person(character.gender, frozenset(roles[key])) for key, character in by_key.items()}
        for ambiguity in resolve_references([reading for _, reading in self.readings], people, self.lex):
            self.review.append(ReviewItem(
                "ambiguous_reference", f"'{ambiguity.surface}' could be {' or '.join(ambiguity.candidates)}; "
                "nothing is read from it", self.here(self.readings[ambiguity.sentence][0])))
        for _, reading in self.readings:
            read_claims(reading, self.lex)

    def fill_affiliations(self, by_key: dict[str, Character], ids: dict[str, str], org_names: dict[str, str],
                          story: Story) -> None:
        last_affiliated: list[str] = []
        for sentence, reading in self.readings:
            for claim in reading.affiliations:
                character = by_key.get(claim.character)
                if character is None:
                    continue
                org = org_names.get(fold(claim.org)) or (slugify(claim.org) if claim.org else "")
                if not org:
                    # "seine Eliteagenten unter der Leitung von X": the group of the one they answer to
                    boss = next((by_key[k] for k in reversed(last_affiliated) if k != claim.character
                                 and by_key[k].affiliations), None)
                    if boss is None:
                        continue
                    org = boss.affiliations[0].org
                title = dictionary_form(claim.title, self.language) if claim.title else ""
                self._add_affiliation(character, Affiliation(org, claim.status, title, claim.evidence))
            for mention in reading.mentions:
                if mention.key in by_key:
                    last_affiliated.append(mention.key)
        # a cover name that is an organisation's name: "John Reed, alias Agent X"
        for character in by_key.values():
            for alias in character.aliases:
                org = org_names.get(fold(alias))
                if org and not any(a.org == org for a in character.affiliations):
                    self._add_affiliation(character, Affiliation(org, "current", "", f"alias {alias}"))

    @staticmethod
    def _add_affiliation(character: Character, affiliation: Affiliation) -> None:
        for i, existing in enumerate(character.affiliations):
            if existing.org == affiliation.org:
                if _STATUS_RANK[affiliation.status] > _STATUS_RANK[existing.status]:
                    character.affiliations[i] = Affiliation(affiliation.org, affiliation.status,
                                                            existing.title or affiliation.title,
                                                            affiliation.evidence or existing.evidence)
                return
        character.affiliations.append(affiliation)

    def _resolve_pronoun(self, reference: str, index: int, by_key: dict[str, Character],
                         exclude: str = "") -> str | None:
        """'pronoun:m' in sentence `index`: the latest person of that gender named before it."""
        gender = reference.split(":", 1)[1]
        for sentence_index in range(index, max(-1, index - 3), -1):
            _, reading = self.readings[sentence_index]
            for mention in reversed(reading.mentions):
                character = by_key.get(mention.key)
                if character and mention.key != exclude and character.gender == gender and not mention.genitive \
                        and not mention.via:
                    return mention.key
        return None

    def fill_relations(self, by_key: dict[str, Character], ids: dict[str, str]) -> None:
        for index, (sentence, reading) in enumerate(self.readings):
            for relation in reading.relations:
                source, target = relation.source, relation.target
                if target.startswith("pronoun:"):
                    target = self._resolve_pronoun(target, index, by_key, exclude=source)
                if source.startswith("pronoun:"):
                    source = self._resolve_pronoun(source, index, by_key, exclude=target or "")
                if not source or not target or source == target or source not in by_key or target not in by_key:
                    continue
                character = by_key[source]
                record = Relation(relation.type, ids[target])
                if record not in character.relations:
                    character.relations.append(record)

    def fill_fates(self, by_key: dict[str, Character], ids: dict[str, str]) -> None:
        for index, (sentence, reading) in enumerate(self.readings):
            for death in reading.deaths:
                who = death.character
                if who.startswith("pronoun:"):
                    who = self._resolve_pronoun(who, index, by_key)
                character = by_key.get(who or "")
                if character is None:
                    continue
                fate = character.fate
                if death.status in ("faked_death", "presumed_dead_alive"):
                    character.fate = Fate(death.status)
                elif fate.status in ("alive", "unknown") or (fate.status == death.status == "killed" and not fate.by):
                    by = death.by
                    if by.startswith("pronoun:"):
                        by = self._resolve_pronoun(by, index, by_key, exclude=who or "") or ""
                    character.fate = Fate(death.status, ids.get(by, "") if by in by_key else "")

    def fill_roles_and_summaries(self, by_key: dict[str, Character]) -> None:
        mentioned: dict[str, list[str]] = defaultdict(list)
        for sentence, reading in self.readings:
            for mention in reading.mentions:
                character = by_key.get(mention.key)
                if character is None or mention.via:
                    continue
                if mention.role and not character.role:
                    character.role = self._role_text(reading, mention)
                if sentence.text not in mentioned[mention.key]:
                    mentioned[mention.key].append(sentence.text)
        for key, character in by_key.items():
            character.summary = " ".join(mentioned.get(key, [])[:2])

    def _role_text(self, reading: Reading, mention) -> str:
        """'ehemalige DIA-Agent', 'Direktor': the role word in its dictionary form, with its organisation."""
        token = next((t for t in reversed(reading.tokens[:mention.start]) if mention.role in t.text), None)
        word = dictionary_form(mention.role, self.language)
        orgs = [o for o in reading.orgs if o.key == mention.org]
        org = next((o for o in orgs if o.role == mention.role), orgs[0] if orgs else None)
        if org is not None and (org.role or org.end == getattr(token, "i", -1)):
            prefix = org.abbreviation or org.name
            word = f"{prefix}-{word}" if self.language.code == "de" else f"{prefix} {word}"
        former = self.lex.status_former[0] if self.lex.status_former else ""
        return f"{former} {word}" if mention.status == "former" and former else word

    def locations(self, places: list[str]) -> list[Location]:
        found: dict[str, Location] = {}
        for name in places:
            found.setdefault(slugify(name), Location(id=slugify(name), name=name, setting="EXT"))
        for _, reading in self.readings:
            for name, _ in reading.places:
                ident = slugify(name)
                found.setdefault(ident, Location(id=ident, name=name, setting="EXT"))
            for noun, setting in reading.settings:
                canonical = self.language.setting_of(noun)
                name = noun if canonical is None else noun
                ident = slugify(name)
                if ident not in found:
                    found[ident] = Location(id=ident, name=name, setting=setting)
        return list(found.values())
