"""Which written names stand for one person: candidates from every sentence, grouped, spelling drift folded."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz

from toolkit.extraction.grammar import NAME_PARTICLES, name_surface
from toolkit.extraction.lexicon import Lexicon, lexicon_for
from toolkit.extraction.mentions import discover_names
from toolkit.extraction.outsiders import find_outsiders, in_titles
from toolkit.extraction.passes.organisation_slots import find_slot_orgs
from toolkit.extraction.passes.organisations import find_orgs
from toolkit.model.names import fold
from toolkit.model.story import ReviewItem
from toolkit.text import gazetteer
from toolkit.text.alias_phrases import in_epithets
from toolkit.text.language import Language
from toolkit.text.nlp import Token, analyse
from toolkit.text.synopsis import Synopsis

_NICKNAME = re.compile(r"(?P<given>\S+)\s*\(\s*(?P<nick>[^()]+?)\s*\)\s*(?P<rest>.+)")


@dataclass
class NameGroup:
    """The written forms that stand for one person (or, until classified, one thing)."""

    key: str
    forms: Counter = field(default_factory=Counter)  # surface -> count
    variants: list[str] = field(default_factory=list)  # spelling drift folded in
    addressed: list[str] = field(default_factory=list)  # "Frau Wenzel": a form of address with the name
    performer: str = ""  # "Lena Berg (Anna Lindqvist)": who plays the part



def _name_spans(tokens: list[Token], text: str, lex, epithets: set[str]) -> list[tuple[int, int]]:
    """The spans of names in a sentence, none inside an organisation's name, a quoted title or an epithet."""
    skip = _inside_orgs(tokens, text, lex) | in_titles(tokens, lex.language)
    in_epithet = [(m.start(), m.end()) for e in epithets for m in re.finditer(re.escape(e), text)]
    return [(start, end) for start, end in discover_names(tokens, text, lex, skip)
            if not any(a <= tokens[start].start < b for a, b in in_epithet)]


def _shorter_form(name: str, longer: str) -> bool:
    """The words of `name` are those of `longer` with some middle ones left out."""
    words, others = name.split(), longer.split()
    if len(words) >= len(others) or words[0] != others[0] or words[-1] != others[-1]:
        return False
    rest = iter(others)
    return all(word in rest for word in words)


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


class Discovery:
    """Pass one: candidate names in every sentence, grouped into people."""

    def __init__(self, synopsis: Synopsis, language: Language):
        self.language = language
        self.tokens: list[list[Token]] = []
        self.candidates: Counter = Counter()
        self.outsiders: dict[str, tuple[str, int]] = {}  # name -> (performer | maker | comparison, line)
        self.performers: dict[str, str] = {}  # character's name as written -> performer's name
        self.addressed: dict[str, str] = {}  # "Wenzel" -> "Frau Wenzel"
        self.nicknames: dict[str, str] = {}  # "Tobias Lanz" -> "Tobi"
        self.together: set[tuple[str, str]] = set()  # single names that share a sentence
        lex = lexicon_for(language)
        address_forms = frozenset(language.section("names").get("address_forms") or ())
        seen_alone: set[str] = set()
        seen_parts: set[str] = set()
        # "known as the Butcher of Lyon": wherever the epithet recurs, its words name no one of their own
        epithets = {s.text[a:b] for s in synopsis.sentences for a, b in in_epithets(s.text, language)}
        for sentence in synopsis.sentences:
            text = sentence.text
            tokens = analyse(text, language)
            self.tokens.append(tokens)
            spans = _name_spans(tokens, text, lex, epithets)
            outsiders = find_outsiders(tokens, text, spans, language)
            spans = [s for s in spans if not any(o.start <= s[0] < o.end for o in outsiders)]
            for outsider in outsiders:
                name = name_surface(tokens, text, outsider.start, outsider.end)
                self.outsiders.setdefault(name, (outsider.kind, sentence.line))
                if outsider.plays:
                    self.performers.setdefault(name_surface(tokens, text, *outsider.plays), name)
            self._coordinated(tokens, text, spans, lex)
            for start, end in spans:
                words = [t.text for t in tokens[start:end] if t.word]
                # "Brandt Nadjas Familie": a genitive after a known name is a second person
                if len(words) > 1 and words[-1].endswith("s") and end < len(tokens) \
                        and tokens[end].capitalised and " ".join(words[:-1]) in seen_alone:
                    self.candidates[" ".join(words[:-1])] += 1
                    self.candidates[words[-1]] += 1
                    continue
                # "teilt Nadja Koenig mit": two people met before, side by side, are not one new name
                # (but "Eva Berg" after "Eva Maria Berg" is a shorter form of that one)
                if len(words) > 1 and all(w.rstrip("‘'’") in seen_alone | seen_parts for w in words) \
                        and not any(_shorter_form(" ".join(words), full) for full in self.candidates):
                    for word in words:
                        self.candidates[word] += 1
                    continue
                surface = self._without_nickname(name_surface(tokens, text, start, end))
                self.candidates[surface] += 1
                # "Frau Wenzel", "Aunt Bea": how the text addresses someone is a name for them too
                title = start - 2 if start >= 2 and tokens[start - 1].text == "." else start - 1
                # not "seine Frau Lisa", "Toms Frau Lisa", "her aunt": a possessive, an article or a genitive
                # makes the word a noun
                before = tokens[title - 1].text if title > 0 else ""
                determined = before.casefold() in lex.possessives or before.casefold() in lex.articles or (
                    before[:1].isupper() and before.endswith(("s", "'", "’")))
                if title >= 0 and tokens[title].text in address_forms and not determined:
                    self.addressed.setdefault(surface, text[tokens[title].start:tokens[end - 1].end])
                if len(words) == 1:
                    seen_alone.add(words[0].rstrip("‘'’"))
                else:
                    seen_parts.update(w.rstrip("‘'’") for w in words)

    def _coordinated(self, tokens: list[Token], text: str, spans: list[tuple[int, int]], lex) -> None:
        """'Tobi und Tobias', 'Mags, Magsie': names side by side in a list are different people."""
        joiners = {",", *lex.function_words.name_coordinators}
        for first, second in pairwise(spans):
            if second[0] == first[1] + 1 and tokens[first[1]].text.casefold() in joiners:
                a, b = (name_surface(tokens, text, *span) for span in (first, second))
                self.together.update({(a, b), (b, a)})

    def _without_nickname(self, surface: str) -> str:
        """'Tobias (Tobi) Lanz' is Tobias Lanz, also called Tobi."""
        nickname = _NICKNAME.fullmatch(surface)
        if nickname is None:
            return surface
        name = f"{nickname['given']} {nickname['rest']}"
        self.nicknames.setdefault(name, nickname["nick"])
        return name

    def groups(self, review: list[ReviewItem], source: str) -> dict[str, NameGroup]:
        """The candidates grouped by person; what was set aside or merged is said in `review`."""
        self._review_outsiders(review, source)
        words = {w for s in self.candidates for w in s.split()}
        bases: Counter = Counter()
        surface_base: dict[str, str] = {}
        known = words | set(self.candidates)
        for surface, count in self.candidates.items():
            base = _genitive_base(surface, known) or surface
            surface_base[surface] = base
            bases[base] += count
        full = sorted((b for b in bases if len(b.replace(".", " ").split()) > 1),
                      key=lambda b: -len(b.split()))
        groups: dict[str, NameGroup] = {}
        component_owner: dict[str, list[str]] = defaultdict(list)
        for name in full:
            # "Eva Berg" is a shorter form of "Eva Maria Berg"
            longer = next((other for other in groups if name in other or _shorter_form(name, other)), None)
            if longer is not None:
                groups[longer].forms[name] += 0
                continue
            groups[name] = NameGroup(name)
            parts = [p for p in name.replace(".", " ").split() if len(p) > 1]
            if not parts:
                continue
            words = name.split()
            # "Pieter de Groot" is also "de Groot"
            surname = next((" ".join(words[k:]) for k in range(1, len(words)) if words[k] in NAME_PARTICLES),
                           parts[-1])
            for part in dict.fromkeys((parts[0], surname, *parts[1:])):
                if part.casefold() not in NAME_PARTICLES:
                    component_owner[part].append(name)
        for base in sorted(bases, key=lambda b: -bases[b]):
            if base in groups or any(base in group.forms for group in groups.values()):
                continue
            owners = component_owner.get(base, [])
            if not owners and base.endswith("s") and base[:-1] in component_owner:
                owners = component_owner[base[:-1]]
            if len(owners) == 1:
                groups[owners[0]].forms[base] += 0
            elif len(owners) > 1:
                owner = self._owner_of_shared(base, owners, bases)
                groups[owner].forms[base] += 0
                review.append(ReviewItem.of("ambiguous_name", source, name=base, owners=list(owners), owner=owner))
            else:
                groups[base] = NameGroup(base)
        # the parts of a full name stand for it where the text uses them alone ("Koenig", "Lee")
        for part, owners in component_owner.items():
            if len(owners) == 1 and owners[0] in groups and part not in groups and not any(
                    part in g.forms for g in groups.values()):
                groups[owners[0]].forms[part] += 0
        self._fold_variants(groups, bases, review, source)
        _fold_short_forms(groups, bases, self.together)
        self._attach_addresses_and_performers(groups)
        return groups

    def _review_outsiders(self, review: list[ReviewItem], source: str) -> None:
        """Names taken for someone outside the story (an actor, an author) go to review."""
        for name, (kind, line) in self.outsiders.items():
            if name not in self.candidates:
                review.append(ReviewItem.of("not_a_character", f"{source}:{line}", name=name, case=kind))

    def _attach_addresses_and_performers(self, groups: dict[str, NameGroup]) -> None:
        """How the text addresses a person ("Mr. Reed") and who plays them, on the person's group."""
        for name, addressed in self.addressed.items():
            owner = _owner(groups, name)
            if owner is not None:
                groups[owner].addressed.append(addressed)
        for name, nickname in self.nicknames.items():
            owner = _owner(groups, name)
            if owner is not None:
                groups[owner].forms[nickname] += 0
        for name, performer in self.performers.items():
            owner = _owner(groups, name)
            if owner is not None and not groups[owner].performer:
                groups[owner].performer = performer

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
            stem = variant.removesuffix("s")
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
                    review.append(ReviewItem.of("spelling_variant", source, variant=variant, name=target))
                    frequent = [(t, g) for t, g in groups.items() if uses(g) >= 3]
                    break


def _fold_short_forms(groups: dict[str, NameGroup], bases: Counter, together: set[tuple[str, str]]) -> None:
    """'Mags' for 'Magsie', 'Tobi' for 'Tobias': a rare single name that begins one frequent single name, and
    no other, and is never listed beside it, is its short form."""
    singles = [k for k in groups if " " not in k]
    for short in sorted(singles, key=len):
        if len(short) < 3 or bases.get(short, 0) > 2 or groups[short].performer:
            continue
        longer = [k for k in singles if k != short and k in groups and k.startswith(short)
                  and len(k) - len(short) >= 2 and k[len(short)].islower()]
        if len(longer) == 1 and bases.get(longer[0], 0) >= 3 * max(1, bases.get(short, 0)) \
                and (short, longer[0]) not in together:
            group = groups[longer[0]]
            for form in (short, *groups[short].forms):
                group.forms[form] += 0
            del groups[short]


class FormLookup:
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


def _owner(groups: dict[str, NameGroup], name: str) -> str | None:
    """The group whose key or one of whose forms is `name`."""
    return next((k for k, g in groups.items() if name == k or name in g.forms), None)


def _inside_orgs(tokens: list[Token], text: str, lex: Lexicon) -> frozenset[int]:
    """The token indices inside an organisation a form or a slot names: no name is discovered there."""
    orgs = find_orgs(tokens, text, lex)
    orgs += find_slot_orgs(tokens, lex, orgs)
    return frozenset(k for org in orgs for k in range(org.start, org.end))
