"""Affiliations stated in passing, read over a scene's sentence: "Yuri, now with the SVR,", "Brandauer,
inzwischen beim BND,", "Ray, who has been with the Agency since …": a name, a comma, a phrase of
membership (`membership_phrases:` and `passing_memberships:` of the language's data) and a comma.

Only an apposition right after a character's name is read, so a question ("asks whether Ray worked
for the Agency") or someone else's membership ("Tim, dessen Vater beim BND war,") gives nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.extraction.claims import AffiliationClaim
from toolkit.model.names import fold
from toolkit.model.story import Story

_GAP = r"(?:\w[\w'’-]*\s+){0,4}?"  # "…" in a phrase: up to four words


@dataclass(frozen=True)
class PassingReader:
    """The appositions of one story's names that state a membership."""

    apposition: re.Pattern  # a character's name, a comma, a short phrase and a comma (or the end)
    phrases: tuple[tuple[re.Pattern, str], ...]  # membership phrase with (?P<org>…) -> status
    names: dict[str, str]  # folded name -> character id
    orgs: dict[str, str]  # folded organisation name -> id

    def claims(self, sentence: str) -> list[AffiliationClaim]:
        """The memberships a sentence states in passing, one a name."""
        found = []
        for match in self.apposition.finditer(sentence):
            ident = self.names.get(fold(match["name"]))
            body = fold(match["body"])
            for pattern, status in self.phrases:
                hit = pattern.match(body)
                if ident and hit:
                    found.append(AffiliationClaim(ident, self.orgs[hit["org"]], status,
                                                  match.group(0).rstrip(", "), offset=match.start()))
                    break
        return found


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _phrase(template: str, articles: str, orgs: str, adverbs: str) -> re.Pattern:
    """A membership phrase as a pattern over a folded text: adverbs may lead, an article may stand
    before the organisation, "…" stands for a few words, and anything may follow."""
    words = fold(template).split()
    text = ""
    for i, word in enumerate(words):
        if word == "…":
            text += _GAP
            continue
        text += rf"(?:(?:{articles})\s+)?(?P<org>{orgs})(?!\w)" if word == "{org}" else re.escape(word)
        text += r"\s+" if i < len(words) - 1 else ""
    return re.compile(rf"(?:(?:{adverbs})\s+)*{text}" if adverbs else text)


_READERS: dict[int, tuple[Story, PassingReader | None]] = {}


def _reader(story: Story) -> PassingReader | None:
    """The story's reader, made once for the story object."""
    cached = _READERS.get(id(story))
    if cached is None or cached[0] is not story:
        _READERS.clear()
        cached = _READERS[id(story)] = (story, _make_reader(story))
    return cached[1]


def _make_reader(story: Story) -> PassingReader | None:
    from toolkit.text.language import language_for

    language = language_for(story.language)
    articles = language.lower_words("articles")
    orgs = {}
    for org in story.organisations:
        for name in org.names:
            words = fold(name).split()
            while len(words) > 1 and words[0] in articles:
                words = words[1:]
            if words:
                orgs[" ".join(words)] = org.id
    names = {fold(name): c.id for c in story.characters for name in c.names if name}
    if not orgs or not names:
        return None
    data = [language.data.get("membership_phrases") or {}, language.data.get("passing_memberships") or {}]
    adverbs = _alternatives(fold(a) for a in data[0].get("adverbs") or ())
    org_names = _alternatives(orgs)
    phrases = tuple((_phrase(template, _alternatives(articles), org_names, adverbs), status)
                    for part in data for status in ("current", "former") for template in part.get(status) or ())
    written = {form for c in story.characters for name in c.names if name for form in (name, name.upper())}
    apposition = re.compile(rf"(?<![\w-])(?P<name>{_alternatives(written)})\s*,\s*"
                            r"(?P<body>[^,;:.!?()]{3,120}?)\s*(?:,|$)")
    return PassingReader(apposition, phrases, names, orgs)


def passing_claims(sentence: str, story: Story) -> list[AffiliationClaim]:
    """The memberships a sentence of action or synopsis states in passing about the story's characters."""
    if "," not in sentence:
        return []
    reader = _reader(story)
    return reader.claims(sentence) if reader else []
