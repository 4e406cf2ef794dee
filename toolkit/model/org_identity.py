"""Whether an organisation named in a scene is one the bible lists: the same agency under another
name, a unit of it, or a generic term ("die Polizei") for a descriptive entry ("Polizei Bremen")."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from toolkit.model.names import fold
from toolkit.model.story import Organisation

_WORD = re.compile(r"[^\W_][\w&]*")


@dataclass(frozen=True)
class OrgWords:
    """The words of a language that organisation identity needs (from `generic_organisations:`)."""

    articles: frozenset[str]
    endings: tuple[str, ...]  # inflectional endings of names: "des Verfassungsschutzes"
    units: frozenset[str]  # a part of an organisation: directorate, Sonderkommission
    kinds: dict[str, frozenset[str]]  # kind -> generic terms for an organisation of that kind


@cache
def org_words(code: str) -> OrgWords:
    """The organisation words of a language (de or en)."""
    from toolkit.text.language import language_for

    language = language_for(code)
    generic = language.data.get("generic_organisations") or {}
    return OrgWords(language.lower_words("articles") | {"'s", "s"},
                    tuple(sorted(language.phrases("inflections", "names"), key=len, reverse=True)),
                    frozenset(fold(w) for w in generic.get("units") or ()),
                    {kind: frozenset(fold(w) for w in terms) for kind, terms in (generic.get("kinds") or {}).items()})


def _words(text: str, words: OrgWords) -> list[str]:
    return [w for w in _WORD.findall(fold(text).replace("’", "'")) if w not in words.articles]


def _key(text: str, words: OrgWords) -> str:
    return " ".join(_words(text, words))


def _forms(word: str, words: OrgWords) -> set[str]:
    """A word and its forms without an inflectional ending (its dictionary form among them)."""
    return {word} | {word[:-len(e)] for e in words.endings if word.endswith(e) and len(word) - len(e) >= 2}


def _names(org: Organisation, words: OrgWords) -> set[str]:
    return {key for key in (_key(n, words) for n in (org.id, *org.names)) if key}


def _contains(mention: list[str], name: str, words: OrgWords) -> bool:
    """Whether a name's words stand together in the mention's words (inflected or not)."""
    parts = name.split()
    return any(all(parts[j] in _forms(mention[i + j], words) for j in range(len(parts)))
               for i in range(len(mention) - len(parts) + 1))


def identify(mention: str, organisations: Sequence[Organisation], words: OrgWords) -> Organisation | None:
    """The organisation a mention names by id, name, abbreviation or alias (articles and endings aside)."""
    key = _key(mention, words)
    forms = {" ".join([*key.split()[:-1], form]) for form in _forms(key.split()[-1], words)} if key else set()
    return next((org for org in organisations if forms & _names(org, words)), None)


def compatible(mention: str, org: Organisation, organisations: Sequence[Organisation], words: OrgWords) -> bool:
    """Whether an organisation named in prose may be `org`, one of the bible's `organisations`.

    It may when it is `org` by id, name, abbreviation or alias; when it holds one of `org`'s names and
    no other organisation's ("NSA intelligence", "the NSA's signals directorate", "Sonderkommission des
    BKA"); or when it names no organisation of the bible and is a generic term of `org`'s kind
    ("Polizei" for "Polizei Bremen", "the London police" for the Metropolitan Police).
    """
    named = identify(mention, organisations, words)
    if named is not None:
        return named.id == org.id
    found = _words(mention, words)
    holding = [other for other in organisations if any(_contains(found, n, words) for n in _names(other, words))]
    if holding:
        return all(other.id == org.id for other in holding)
    generic = words.kinds.get(org.kind, frozenset())
    others = frozenset().union(*(terms for kind, terms in words.kinds.items() if kind != org.kind)) - generic
    return any(word in generic for word in found) and not any(word in others for word in found)
