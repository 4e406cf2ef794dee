"""Presence in prose: who a sentence of action or synopsis puts in the scene, capitals or not."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from toolkit.extraction.document import Mention
from toolkit.extraction.lexicon import lexicon_for
from toolkit.extraction.pipeline import read_presence
from toolkit.extraction.scene_claims import _story_names
from toolkit.model.names import fold
from toolkit.model.story import Story
from toolkit.text.language import Language, language_for, load_language
from toolkit.text.nlp import RELATIVE_PRONOUNS, Token, analyse_quick


def _clause_before(tokens: list[Token], mention: Mention) -> str:
    """The folded words before a name in its clause, spaced, with a space either side."""
    clause = tokens[mention.start].clause
    return " " + " ".join(fold(t.text) for t in tokens[:mention.start] if t.clause == clause) + " "


def _shown_only(text: str, tokens: list[Token], mention: Mention, phrases: tuple[tuple[str, str], ...]) -> bool:
    """'ein Foto von Lisa', 'a picture of the young Lisa', 'fragt Lenz nach Harder': the name after
    words that show or speak of a person without putting them in the scene. Each phrase is (an
    earlier word anywhere before it in the clause or "", the words right before the name)."""
    k = mention.start
    clause = _clause_before(tokens, mention)
    for _ in range(3):  # the phrase, then up to two words such as an article and an adjective
        before = fold(text[:tokens[k].start]).rstrip()
        for earlier, phrase in phrases:
            if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum()) \
                    and (not earlier or f" {earlier} " in clause):
                return True
        k -= 1
        if k < 0 or not tokens[k].word or tokens[k].capitalised or tokens[k].clause != tokens[mention.start].clause:
            return False
    return False


def _followed_by(text: str, tokens: list[Token], mention: Mention, phrases: tuple[str, ...]) -> bool:
    """'Nina sieht Harder auf einem Foto': the name right before words that show them elsewhere."""
    after = fold(text[tokens[mention.end - 1].end:]).lstrip()
    return any(after.startswith(phrase) and not after[len(phrase):len(phrase) + 1].isalnum() for phrase in phrases)


def scene_presence(text: str, story: Story, wanted: Collection[str] | None = None) -> list[tuple[str, str, int]]:
    """The story's characters a sentence of action or synopsis puts in the scene: id, name as written
    and offset of each.

    A character is present when named as subject or object of a main clause, in capitals or not;
    a genitive ("Lisas Grab"), reported speech ("er sagt, Lisa sei …"), a subordinate clause or a
    picture, grave, file or memory of them ("ein Foto von Lisa") is no presence. Only the characters
    `wanted` are looked for (default: all). Clauses are told apart with word-by-word tags
    (`analyse_quick`), which err towards "mentioned", never towards "present".
    """
    if not text.strip():
        return []
    names = _story_names(story)
    language = language_for(story.language)
    rules = _PresenceRules.of(language)
    tokens = analyse_quick(text, language)
    reading = read_presence(text, tokens, names, language, wanted)
    # "die Organisation Agent X" names a group, not its namesake
    inside = {k for org in reading.orgs for k in range(org.start, org.end)}
    mentions = [m for m in reading.mentions if m.start not in inside]
    present: list[tuple[str, str, int]] = []
    for mention in mentions:
        token = tokens[mention.start]
        # the presence pass has the last word where the name's phrase decides ("sucht X", "ihr verstorbener X")
        shown = mention.on_screen if mention.on_screen is not None else token.main or rules.speaker(tokens, mention)
        if rules.may_be_present(text, tokens, mention) and shown and all(key != mention.key for key, _, _ in present):
            present.append((mention.key, mention.surface, token.start))
    return present


@dataclass(frozen=True)
class _PresenceRules:
    """The words of a language that keep a named person out of a scene (`presence_exemptions:` and
    `not_presence:` of its data)."""

    shown: tuple[tuple[str, str], ...]  # (an earlier word of the clause or "", words right before the name)
    after: tuple[str, ...]  # words right after the name: "auf einem Foto", "in a dream"
    clause: frozenset[str]  # words anywhere in the name's clause: "beigesetzt", "buried"
    subordinators: frozenset[str]
    reported: frozenset[str]

    @staticmethod
    def of(language: Language) -> _PresenceRules:
        return _presence_rules(language.code)

    def _before(self, tokens: list[Token], mention: Mention) -> set[str]:
        """The words before a name in its clause."""
        clause = tokens[mention.start].clause
        return {t.text.casefold() for t in tokens[:mention.start] if t.clause == clause}

    def may_be_present(self, text: str, tokens: list[Token], mention: Mention) -> bool:
        """No genitive, no subordinating word before it in its clause, no picture, grave, funeral or
        talk of them."""
        clause = tokens[mention.start].clause
        return not (mention.genitive or self.subordinators.intersection(self._before(tokens, mention))
                    or _shown_only(text, tokens, mention, self.shown)
                    or _followed_by(text, tokens, mention, self.after)
                    or any(t.clause == clause and fold(t.text) in self.clause for t in tokens))

    def speaker(self, tokens: list[Token], mention: Mention) -> bool:
        """'Anna claims …': the one who speaks is there; what follows the verb is only said."""
        token = tokens[mention.start]
        return token.reported and token.clause == 0 and not self.reported.intersection(self._before(tokens, mention))


def exemptions(language: Language) -> dict[str, dict[str, list[str]]]:
    """A language's presence exemptions by occasion (funeral, photo, talks_about …): before, after, clause."""
    return {kind: {where: [fold(p) for p in phrases or ()] for where, phrases in (places or {}).items()}
            for kind, places in (language.data.get("presence_exemptions") or {}).items()}


def _split(phrase: str) -> tuple[str, str]:
    earlier, _, last = phrase.rpartition("…")
    return " ".join(earlier.split()), " ".join(last.split())


@cache
def _presence_rules(code: str) -> _PresenceRules:
    language = load_language(code)
    kinds = exemptions(language).values()
    before = [*(fold(p) for p in language.data.get("not_presence") or []),
              *(p for places in kinds for p in places.get("before", ()))]
    return _PresenceRules(
        tuple(dict.fromkeys(_split(p) for p in before)),
        tuple(p for places in kinds for p in places.get("after", ())),
        frozenset(p for places in kinds for p in places.get("clause", ())),
        language.lower_words("subordinators") - (lexicon_for(language).articles & RELATIVE_PRONOUNS),
        language.lower_words("reported_speech"))


def pronoun_presence(sentences: list[str], story: Story, wanted: Collection[str],
                     cast: Collection[str] = ()) -> list[tuple[int, str, str, int]]:
    """Who a pronoun of a paragraph's sentences puts in the scene, among the characters `wanted`:
    (sentence index, id, pronoun as written, offset in its sentence).

    The extractor's coreference resolves each pronoun; one is taken only when it stands in a main
    clause, no exemption keeps it out, and its character is the one person of its gender (or of no
    stated gender) named so far in the paragraph or in the scene's `cast`: when two fit, nothing is
    claimed.
    """
    from toolkit.extraction.coref import resolve_references
    from toolkit.extraction.pipeline import read_sentence

    names = _story_names(story)
    language = names.language
    lex = lexicon_for(language)
    # word-by-word tags, as for names: a wrong tag loses a clause's verb, and its pronoun then counts as mentioned
    readings = [read_sentence(sentence, language, names, tokens=analyse_quick(sentence, language))
                for sentence in sentences]
    resolve_references(readings, names.people, lex)
    rules = _PresenceRules.of(language)
    genders = {c.id: c.gender for c in story.characters}
    found, named = [], set(cast)
    for index, reading in enumerate(readings):
        named |= {m.key for m in reading.mentions if m.key in genders and m.via != "pronoun"}
        for mention in reading.mentions:
            if mention.via != "pronoun" or mention.uncertain or mention.key not in wanted or mention.genitive:
                continue
            gender = genders[mention.key]
            fitting = {ident for ident in named if genders[ident] in (gender, "unknown") or gender == "unknown"}
            token = reading.tokens[mention.start]
            if fitting == {mention.key} and token.main and rules.may_be_present(reading.text, reading.tokens, mention):
                found.append((index, mention.key, mention.surface, token.start))
    return found
