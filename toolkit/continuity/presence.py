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


def _shown_only(text: str, tokens: list[Token], mention: Mention, phrases: list[str]) -> bool:
    """'ein Foto von Lisa', 'a picture of the young Lisa': the name after words that show a person
    (a picture, a grave, a file, a memory) without putting them in the scene."""
    k = mention.start
    for _ in range(3):  # the phrase, then up to two words such as an article and an adjective
        before = fold(text[:tokens[k].start]).rstrip()
        if any(before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum())
               for phrase in phrases):
            return True
        k -= 1
        if k < 0 or not tokens[k].word or tokens[k].capitalised or tokens[k].clause != tokens[mention.start].clause:
            return False
    return False


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
    """The words of a language that keep a named person out of a scene."""

    shown: tuple[str, ...]  # "Foto von", "picture of"
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
        """No genitive, no subordinating word before it in its clause, no picture or grave of them."""
        return not (mention.genitive or self.subordinators.intersection(self._before(tokens, mention))
                    or _shown_only(text, tokens, mention, self.shown))

    def speaker(self, tokens: list[Token], mention: Mention) -> bool:
        """'Anna claims …': the one who speaks is there; what follows the verb is only said."""
        token = tokens[mention.start]
        return token.reported and token.clause == 0 and not self.reported.intersection(self._before(tokens, mention))


@cache
def _presence_rules(code: str) -> _PresenceRules:
    language = load_language(code)
    return _PresenceRules(
        tuple(fold(p) for p in language.data.get("not_presence") or []),
        language.lower_words("subordinators") - (lexicon_for(language).articles & RELATIVE_PRONOUNS),
        language.lower_words("reported_speech"))
