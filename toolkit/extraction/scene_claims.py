"""Claims that the prose of a scene makes about a known story: affiliations and deaths, by character id."""
from __future__ import annotations

from functools import cached_property

from toolkit.extraction.coref import Person, role_keys
from toolkit.extraction.document import AffiliationClaim, DeathClaim, Reading
from toolkit.extraction.lexicon import lexicon_for
from toolkit.extraction.pipeline import read_sentence, resolve_passage
from toolkit.model.names import NameIndex, base_forms, fold
from toolkit.model.story import Story
from toolkit.text.language import language_for


class StoryNames:
    """Looks up names of a story's characters, for reading scenes against a bible."""

    def __init__(self, story: Story):
        self.index = NameIndex.from_story(story)
        # an alias that is another of the character's names with a genitive ending ("Johns" beside
        # "John") still reads as a genitive
        self.exact_names = {fold(n) for c in story.characters for n in c.names
                            if n and not any(form != fold(n) and form in {fold(m) for m in c.names}
                                             for form in base_forms(n))}
        self.org_ids = {fold(n): o.id for o in story.organisations for n in (o.id, *o.names)}
        self.story = story
        self.language = language_for(story.language)

    @cached_property
    def people(self) -> dict[str, Person]:
        """What coreference knows of each character, by id."""
        lex = lexicon_for(self.language)
        return {c.id: Person(c.gender, role_keys(c.role.split()[-1] if c.role else "", lex))
                for c in self.story.characters}

    def __call__(self, surface: str) -> str | None:
        return self.index.lookup(surface)

    def exact(self, surface: str) -> bool:
        return fold(surface) in self.exact_names

    def org_id(self, key: str) -> str:
        return self.org_ids.get(fold(key), key)


_STORY_NAMES: dict[int, tuple[Story, StoryNames]] = {}


def _story_names(story: Story) -> StoryNames:
    cached = _STORY_NAMES.get(id(story))
    if cached is None or cached[0] is not story:
        cached = (story, StoryNames(story))
        _STORY_NAMES.clear()
        _STORY_NAMES[id(story)] = cached
    return cached[1]


def read_scene_text(text: str, story: Story) -> Reading:
    """A scene's action or synopsis text read against the story: names and pronouns resolved to ids."""
    names = _story_names(story)
    reading = read_sentence(text, names.language, names)
    resolve_passage([reading], names.people, lexicon_for(names.language), only_where_added=True)
    return reading


def scene_claims(text: str, story: Story) -> list[AffiliationClaim | DeathClaim]:
    """Claims that action or synopsis text of a scene makes about the story's characters.

    Characters are given by id and organisations by id where the story knows them.
    """
    if not text.strip():
        return []
    names = _story_names(story)
    reading = read_scene_text(text, story)
    claims: list[AffiliationClaim | DeathClaim] = []
    for claim in reading.affiliations:
        if claim.org:
            claims.append(AffiliationClaim(claim.character, names.org_id(claim.org), claim.status, claim.evidence,
                                           claim.title, claim.offset))
    for death in reading.deaths:
        if not death.character.startswith("pronoun:") and not death.before_story:
            claims.append(death)
    return claims
