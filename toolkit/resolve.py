"""Resolving a story from a synopsis: who the names are, what they belong to, how they end."""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from toolkit import gazetteer
from toolkit.coref import Person, resolve_references, role_keys
from toolkit.extract import Reading, lexicon_for, read_claims, read_sentence
from toolkit.language import Language, load_language
from toolkit.mentions import NAME_PARTICLES, discover_names, name_surface
from toolkit.names import fold, slugify
from toolkit.nlp import Token, analyse, dictionary_form
from toolkit.organisations import find_orgs
from toolkit.story import (
    Affiliation, Character, Fate, Location, Organisation, Prop, Relation, ReviewItem, Story,
)
from toolkit.synopsis import Sentence, Synopsis

_STATUS_RANK = {"unknown": 0, "current": 1, "undercover": 2, "leader": 3, "former": 4}


@dataclass
class NameGroup:
    """The written forms that stand for one person (or, until classified, one thing)."""

    key: str
    forms: Counter = field(default_factory=Counter)  # surface -> count
    variants: list[str] = field(default_factory=list)  # spelling drift folded in


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


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _genitive_base(surface: str, known: set[str]) -> str | None:
    """'Pamelas' -> 'Pamela' when 'Pamela' is known; "Kroll‘" -> 'Kroll'."""
    if surface[-1:] in "‘'’´":
        return surface[:-1]
    if surface.endswith(("'s", "’s")):
        return surface[:-2]
    if surface.endswith("s") and surface[:-1] in known:
        return surface[:-1]
    return None


class _Discovery:
    """Pass one: candidate names in every sentence, grouped into people."""

    def __init__(self, synopsis: Synopsis, language: Language):
        self.language = language
        self.tokens: list[list[Token]] = []
        self.candidates: Counter = Counter()
        seen_alone: set[str] = set()
        seen_parts: set[str] = set()
        for sentence in synopsis.sentences:
            tokens = analyse(sentence.text, language)
            self.tokens.append(tokens)
            lex = lexicon_for(language)
            inside_orgs = frozenset(k for org in find_orgs(tokens, sentence.text, lex) for k in range(org.start, org.end))
            for start, end in discover_names(tokens, sentence.text, lex, inside_orgs):
                words = [t.text for t in tokens[start:end] if t.word]
                # "Brandt Nadjas Familie": a genitive after a known name is a second person
                if len(words) > 1 and words[-1].endswith("s") and end < len(tokens) \
                        and tokens[end].capitalised and " ".join(words[:-1]) in seen_alone:
                    self.candidates[" ".join(words[:-1])] += 1
                    self.candidates[words[-1]] += 1
                    continue
                # "teilt Nadja Koenig mit": two people met before, side by side, are not one new name
                if len(words) > 1 and all(w.rstrip("‘'’") in seen_alone | seen_parts for w in words):
                    for word in words:
                        self.candidates[word] += 1
                    continue
                surface = name_surface(tokens, sentence.text, start, end)
                self.candidates[surface] += 1
                if len(words) == 1:
                    seen_alone.add(words[0].rstrip("‘'’"))
                else:
                    seen_parts.update(w.rstrip("‘'’") for w in words)

    def groups(self, review: list[ReviewItem], source: str) -> dict[str, NameGroup]:
        words = {w for s in self.candidates for w in s.split()}
        known = words | set(self.candidates)
        bases: Counter = Counter()
        surface_base: dict[str, str] = {}
        for surface, count in self.candidates.items():
            base = _genitive_base(surface, known) or surface
            surface_base[surface] = base
            bases[base] += count
        full = sorted((b for b in bases if len(b.replace(".", " ").split()) > 1),
                      key=lambda b: -len(b.split()))
        groups: dict[str, NameGroup] = {}
        component_owner: dict[str, list[str]] = defaultdict(list)
        for name in full:
            if any(name in other for other in groups):
                continue
            groups[name] = NameGroup(name)
            parts = [p for p in name.replace(".", " ").split() if len(p) > 1]
            if not parts:
                continue
            words = name.split()
            # "Pieter de Groot" is also "de Groot"
            surname = next((" ".join(words[k:]) for k in range(1, len(words)) if words[k] in NAME_PARTICLES),
                           parts[-1])
            for part in dict.fromkeys((parts[0], surname, parts[-1])):
                if part.casefold() not in NAME_PARTICLES:
                    component_owner[part].append(name)
        for base in sorted(bases, key=lambda b: -bases[b]):
            if base in groups:
                continue
            owners = component_owner.get(base, [])
            if not owners and base.endswith("s") and base[:-1] in component_owner:
                owners = component_owner[base[:-1]]
            if len(owners) == 1:
                groups[owners[0]].forms[base] += 0
            elif len(owners) > 1:
                owner = self._owner_of_shared(base, owners, bases)
                groups[owner].forms[base] += 0
                review.append(ReviewItem("ambiguous_name", f"'{base}' could be {' or '.join(owners)}; "
                                         f"taken as {owner}", source))
            else:
                groups[base] = NameGroup(base)
        # the parts of a full name stand for it where the text uses them alone ("Koenig", "Lee")
        for part, owners in component_owner.items():
            if len(owners) == 1 and owners[0] in groups and part not in groups and not any(
                    part in g.forms for g in groups.values()):
                groups[owners[0]].forms[part] += 0
        self._fold_variants(groups, bases, review, source)
        return groups

    @staticmethod
    def _owner_of_shared(part: str, owners: list[str], bases: Counter) -> str:
        """A shared surname belongs to the one whose given name is used least on its own."""
        def own_first_name_uses(owner: str) -> int:
            first = owner.split()[0]
            return bases.get(first, 0) if first != part else 99
        return min(owners, key=own_first_name_uses)

    def _fold_variants(self, groups: dict[str, NameGroup], bases: Counter, review: list, source: str) -> None:
        """'Nádjas', 'Nadjas' for 'Nadja': rare single names close to a frequent one are spelling drift."""
        def uses(group: NameGroup) -> int:
            return sum(bases.get(f, 0) for f in [group.key, *group.forms])

        singles = [k for k in groups if " " not in k]
        # only a name used at least three times can take in a variant; the list changes only on a merge
        frequent = [(target, group) for target, group in groups.items() if uses(group) >= 3]
        for variant in sorted(singles, key=lambda k: bases.get(k, 0)):
            if variant not in groups or bases.get(variant, 0) > 2:
                continue
            stem = variant[:-1] if variant.endswith("s") else variant
            for target, group in frequent:
                if target == variant or target not in groups:
                    continue
                forms = [target, *group.forms]
                target_count = uses(group)
                close = any(
                    _strip_accents(stem) == _strip_accents(f) or (
                        len(stem) >= 4 and fuzz.ratio(stem.casefold(), f.casefold()) >= 80
                        and stem[0].casefold() == f[0].casefold())
                    for f in forms)
                if close and bases.get(variant, 0) <= 2 and target_count >= 3 * max(1, bases.get(variant, 0)) \
                        and not gazetteer.is_first_name(stem):
                    group.forms[variant] += 0
                    group.variants.append(variant)
                    for form in groups[variant].forms:
                        group.forms[form] += 0
                    del groups[variant]
                    review.append(ReviewItem("spelling_variant",
                                             f"'{variant}' looks like a misspelling of '{target}'", source))
                    frequent = [(t, g) for t, g in groups.items() if uses(g) >= 3]
                    break


class _FormLookup:
    """Maps what the synopsis writes to the group it belongs to."""

    def __init__(self, groups: dict[str, NameGroup]):
        self.forms: dict[str, str] = {}
        for key, group in groups.items():
            for form in [key, *group.forms]:
                self.forms.setdefault(fold(form), key)
        self.exact_forms = set(self.forms)

    def __call__(self, surface: str) -> str | None:
        folded = fold(surface)
        if folded in self.forms:
            return self.forms[folded]
        base = _genitive_base(folded, set(self.forms))
        if base is not None and base in self.forms:
            return self.forms[base]
        return None

    def exact(self, surface: str) -> bool:
        folded = fold(surface)
        return folded in self.exact_forms and not (folded.endswith("s") and folded[:-1] in self.exact_forms)


def resolve(synopsis: Synopsis) -> Resolution:
    """Read every sentence of a synopsis and resolve the story it tells."""
    language = load_language(synopsis.language)
    review: list[ReviewItem] = []
    discovery = _Discovery(synopsis, language)
    source = str(synopsis.path)
    groups = discovery.groups(review, source)
    lookup = _FormLookup(groups)
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

    # which names are people
    def classify(self) -> tuple[list[str], list[str], list[str]]:
        place_votes: Counter = Counter()
        prop_votes: Counter = Counter()
        person_votes: Counter = Counter()
        for _, reading in self.readings:
            for mention in reading.mentions:
                if mention.after_place_preposition:
                    place_votes[mention.key] += 1
                elif mention.after_article and not mention.role:
                    prop_votes[mention.key] += 1
                if mention.role or mention.org:
                    person_votes[mention.key] += 3
            for prop in reading.props:
                key = self._key_of(prop)
                if key:
                    prop_votes[key] += 3
            for relation in reading.relations:
                person_votes[relation.source] += 3
                person_votes[relation.target] += 3
            for vote in reading.genders:
                person_votes[vote.key] += vote.weight
            for alias in reading.aliases:
                person_votes[alias.name] += 3
            for death in reading.deaths:
                person_votes[death.character] += 2
                person_votes[death.by] += 2
        people, places, props = [], [], []
        known_places = gazetteer.place_names()
        for key in self.groups:
            first = key.split()[0]
            if len(key.split()) > 1 and gazetteer.is_first_name(first):
                person_votes[key] += 3
            if key in known_places:
                place_votes[key] += 2
            if person_votes[key] > place_votes[key] and person_votes[key] >= prop_votes[key]:
                people.append(key)
            elif place_votes[key] >= prop_votes[key] and place_votes[key] > 0:
                places.append(key)
            elif prop_votes[key] > 0:
                props.append(key)
            else:
                people.append(key)
        for _, reading in self.readings:
            for prop in reading.props:
                if prop not in props and self._key_of(prop) is None:
                    props.append(prop)
        return people, places, props

    def _key_of(self, surface: str) -> str | None:
        folded = fold(surface)
        for key, group in self.groups.items():
            if folded in {fold(f) for f in [key, *group.forms]}:
                return key
        return None

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
            forms = list(group.forms) if group else []
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
        for sentence, reading in self.readings:
            for vote in reading.genders:
                votes[vote.key][vote.gender] += vote.weight
                evidence[vote.key].setdefault(vote.gender, f"{vote.evidence}' ({self.here(sentence)})")
        for key, character in by_key.items():
            first = key.split()[0]
            given = gazetteer.first_name_gender(first) if not first.endswith(".") else "unknown"
            if given != "unknown":
                votes[key][given] += 2 if len(key.split()) > 1 else 1.5
            tally = votes.get(key, Counter())
            if not tally:
                continue
            gender, weight = tally.most_common(1)[0]
            other = "m" if gender == "f" else "f"
            if tally[other] == weight:
                continue
            character.gender = gender
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
            character.summary = _bounded(" ".join(mentioned.get(key, [])[:2]), SUMMARY_LIMIT)

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
