"""Tokens, part-of-speech tags (HanTa) and clauses of a sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from toolkit.text import tags
from toolkit.text.language import Language

# words with inner hyphens or apostrophes, and a trailing apostrophe of a genitive ("Kroll‘ Truppen")
_TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*(?:[‘'’´](?=\s|$))?|[^\w\s]")
_CLAUSE_BREAKS = {",", ";", ":", "(", ")", "–", "—", "-"}
_RELATIVE_PRONOUNS = {"der", "die", "das", "dem", "den", "deren", "dessen"}
RELATIVE_PRONOUNS = frozenset(_RELATIVE_PRONOUNS)
_FINITE_VERB = re.compile(r"^(?:V[VAM]\(FIN\)|VV[ZDB]|VB[ZDB]|VH[ZDB]|VM0)$")
FINITE_VERB = _FINITE_VERB  # tags of finite verbs, German (STTS) and English (CLAWS)


@dataclass
class Token:
    text: str
    start: int
    end: int
    i: int
    tag: str = ""
    clause: int = 0
    main: bool = True  # in a main clause, not in a subordinate or reported one
    reported: bool = False  # in reported speech or an infinitive clause: said or meant, not shown
    model: str = ""  # the tagger model that gave `tag` in context; empty when the tag was not so given

    @property
    def lemma(self) -> str:
        """The dictionary form for the tag in context, worked out when first read (few are): '' untagged."""
        if not self.model:
            return ""
        if len(self.text) > LONGEST_WORD:
            return self.text
        return _lemma(self.text, self.tag, self.model)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


@cache
def _tagger(model: str):
    from toolkit.text.tagger import load_tagger

    return load_tagger(model)


# HanTa's morphology tries every split of a word, which grows with the cube of its length (a word of
# 2,000 letters took minutes). The longest words of German law run to about 65 letters; the tagger
# sees at most this many letters of a word, which leaves every real word as it is.
LONGEST_WORD = 80


# HanTa's Viterbi search drops every path once its log-probability sinks below -1e6, which a "sentence"
# of some tens of thousands of words (a text without full stops) reaches: it then fails with a KeyError.
# It is given at most this many words at a time.
TAGGER_SPAN = 500


def for_tagger(word: str) -> str:
    """A word as the tagger is given it: at most LONGEST_WORD letters."""
    return word[:LONGEST_WORD]


@cache
def _best_tag(word: str, model: str) -> tuple[str, float]:
    """The tagger's best tag for a word on its own, with its log-probability."""
    analyses = _tagger(model).tag_word(for_tagger(word))
    return (analyses[0][0], float(analyses[0][1])) if analyses else ("", -99.0)


@cache
def _lemma(word: str, tag: str, model: str) -> str:
    """The lemma HanTa gives a word with this tag: what its tag_sent(taglevel=1) would have said."""
    return _tagger(model).analyze(word, pos=tag, taglevel=1)[0]


def word_familiarity(word: str, model: str) -> float:
    """How well the tagger's lexicon knows a word on its own: log-probability of its best tag.

    Common nouns score above about -20, words the lexicon has never seen below about -25.
    """
    return _best_tag(word, model)[1]


def is_common_noun(word: str, model: str, threshold: float = -20.0) -> bool:
    tag, logprob = _best_tag(word, model)
    return tags.is_common_noun_tag(tag) and logprob > threshold


def is_common_word(word: str, model: str, threshold: float = -20.0) -> bool:
    """A common noun or an adjective on its own ('Induction', 'Conditioned'), not a proper noun."""
    tag, logprob = _best_tag(word, model)
    return (tags.is_common_noun_tag(tag) or tags.is_attributive_adjective(tag)) and logprob > threshold


def dictionary_form(word: str, language: Language) -> str:
    """'Agenten' -> 'Agent', 'Direktors' -> 'Direktor'; words the tagger cannot reduce stay as they are."""
    if len(word) > LONGEST_WORD:
        return word
    return _dictionary_form(word, language.nouns_capitalised, language.tagger_model)


@cache
def _dictionary_form(word: str, nouns_capitalised: bool, model: str) -> str:
    lemma = _tagger(model).analyze(word)[0]
    if nouns_capitalised and lemma[:1].isupper() and len(lemma) >= 3 and ("ß" in word or "ß" not in lemma):
        return lemma
    return word


_APOSTROPHES = "‘'’´"


def strip_genitive(word: str) -> tuple[str, bool]:
    """"Kroll‘" -> ("Kroll", True), "Crane's" -> ("Crane", True); other words as they are."""
    if word[-1:] in _APOSTROPHES:
        return word[:-1], True
    if word.endswith(("'s", "’s")):
        return word[:-2], True
    return word, False


def is_initial(tokens: list[Token], i: int) -> bool:
    """"J." in "J. Edgar": one capital letter followed by a full stop."""
    return (len(tokens[i].text) == 1 and tokens[i].text.isupper() and i + 1 < len(tokens)
            and tokens[i + 1].text == ".")


def find_phrase(lowered: str, phrase: str) -> int:
    """Where `phrase` starts as whole words in `lowered`, or -1."""
    match = _phrase_pattern(phrase).search(lowered)
    return match.start() if match else -1


@cache
def _phrase_pattern(phrase: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(phrase)}")


@cache
def whole_words_pattern(phrase: str) -> re.Pattern:
    """`phrase` as whole words: no word character right before or after it."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def find_whole_words(text: str, phrase: str) -> re.Match | None:
    """The first place `phrase` stands as whole words in `text`; the substring test first, as most phrases
    a pass looks for are absent from a sentence."""
    return whole_words_pattern(phrase).search(text) if phrase in text else None


def tokenize(text: str, hosts: frozenset[str] = frozenset()) -> list[Token]:
    """The words and marks of a text; a contraction of one of the `hosts` ("he's") is two tokens, "he" "'s"."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if hosts and word[-2:-1] in _APOSTROPHES and word[:-2].casefold() in hosts:
            tokens.append(Token(word[:-2], m.start(), m.end() - 2, len(tokens)))
            tokens.append(Token(word[-2:], m.end() - 2, m.end(), len(tokens)))
            continue
        tokens.append(Token(word, m.start(), m.end(), len(tokens)))
    return tokens


def _contraction_hosts(language: Language) -> frozenset[str]:
    """The words a clitic "'s" is cut from ("he's" is "he is"); a name's "'s" stays, a genitive."""
    return frozenset(w.casefold() for w in language.section("traits").get("contraction_hosts") or ())


def analyse(text: str, language: Language) -> list[Token]:
    """Tokens of one sentence with their tags and clause marks."""
    tokens = tokenize(text, _contraction_hosts(language))
    if not tokens:
        return tokens
    words = [for_tagger(t.text) for t in tokens]
    model = language.tagger_model
    tagger = _tagger(model)
    tagged = [tag for start in range(0, len(words), TAGGER_SPAN)
              for tag in tagger.tag_sent(words[start:start + TAGGER_SPAN], taglevel=0)]
    for token, tag in zip(tokens, tagged):
        token.tag, token.model = tag, model
    _mark_clauses(tokens, language)
    return tokens


def analyse_quick(text: str, language: Language) -> list[Token]:
    """Tokens of one sentence with clause marks, each word tagged on its own rather than in context.

    Many times faster than `analyse` (a word's tag is looked up once); when a tag is wrong, a clause
    tends to lose its finite verb and be read as subordinate, so a name in it counts as mentioned
    rather than present.
    """
    tokens = tokenize(text, _contraction_hosts(language))
    for token in tokens:
        token.tag = _best_tag(token.text, language.tagger_model)[0] if token.word else ""
    if tokens:
        _mark_clauses(tokens, language)
    return tokens


def _mark_clauses(tokens: list[Token], language: Language) -> None:
    """Number clauses and mark those that are subordinate or reported speech."""
    subordinators = language.lower_words("subordinators")
    reported = language.lower_words("reported_speech")
    clauses: list[list[Token]] = [[]]
    for token in tokens:
        if token.text in _CLAUSE_BREAKS and clauses[-1]:
            clauses.append([])
            continue
        clauses[-1].append(token)
    for number, clause in enumerate(clauses):
        words = [t for t in clause if t.word]
        first = words[0].text.casefold() if words else ""
        relative = first in _RELATIVE_PRONOUNS
        opener = first in subordinators or (number == 0 and first in ("als", "when", "while", "as"))
        # a sentence opens with an article, not a relative pronoun; "der Sohn des Direktors" after a
        # comma is an apposition: a relative clause has a finite verb
        if relative and (number == 0 or not any(_FINITE_VERB.match(t.tag) for t in words[1:])):
            opener = False
        # "Nadja zur Strecke zu bringen", "to find her": an infinitive clause says what is meant to happen;
        # where the marker opens it (not in "Reyes teams up with Ada to find her", whose verb the tagger missed)
        markers = [k for k, t in enumerate(words) if tags.is_infinitive_marker(t.tag)]
        infinitive = not any(_FINITE_VERB.match(t.tag) for t in words) and bool(markers) \
            and (language.verb_second or markers[0] <= 2)
        is_reported = infinitive or any(t.text.casefold() in reported for t in words)
        if number > 0 and not opener and words:
            previous = clauses[number - 1]
            apposition = first in _RELATIVE_PRONOUNS or not any(_FINITE_VERB.match(t.tag) for t in words)
            # German puts the finite verb first in a main clause after a subordinate one
            verb_final = language.verb_second and not _FINITE_VERB.match(words[0].tag)
            if previous and not previous[0].main and (apposition or verb_final):
                opener = True
                is_reported = is_reported or previous[0].reported
        for token in clause:
            token.clause = number
            token.main = not (opener or is_reported)
            token.reported = is_reported
