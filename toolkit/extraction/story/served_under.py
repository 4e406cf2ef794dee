"""The one a member serves under, and the one put under another's command: both work at one organisation.

"Er war MI6-Agent unter Vera", "Hale served in the Rivers Unit under Dana Kett": the one served under
works at the organisation the member's words name. "Mara is put under the command of field officer Dan
Rusk", "Vera arbeitet unter dem Kommando von Lutz Berg", "Ned reports to Ada Quist": the two work at the
organisation one of them belongs to, when that one belongs to one place only and the other to none.
Readings by implication, each put up for review.
"""
from __future__ import annotations

from collections.abc import Callable

from toolkit.extraction.document import Mention, OrgMention, Reading
from toolkit.extraction.grammar import commanded, role_of
from toolkit.extraction.lexicon import Lexicon
from toolkit.extraction.passes.unstated import unstated
from toolkit.model.names import fold, slugify
from toolkit.model.story import Affiliation, Character, ReviewItem, Story
from toolkit.text.nlp import Token, find_whole_words
from toolkit.text.synopsis import Sentence


def served_under(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], story: Story,
                 lex: Lexicon, where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """The affiliations 'under' and a command phrase imply, for those who have none (put up for review)."""
    under = lex.language.lower_words("served_under")
    commands = [p.casefold() for p in lex.language.phrases("commanded_by", "phrases")]
    org_names = {fold(n): o.id for o in story.organisations for n in (o.id, *o.names)}
    review = []
    for sentence, reading in readings:
        review += _under_the_one_served(by_key, sentence, reading, lex, under, org_names, where)
        lowered = reading.text.casefold()
        for phrase in commands:
            match = find_whole_words(lowered, phrase)
            if match is None or unstated(reading, reading.text[match.start():match.end()], match.start(), lex):
                continue
            pair = commanded(reading, match.start(), match.end(), lex)
            if pair is not None:
                review += _shared(by_key, sentence, reading, *pair, where)
    return review


def _shared(by_key: dict[str, Character], sentence: Sentence, reading: Reading, member: Mention, boss: Mention,
            where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """The organisation one of the two belongs to, given to the other when that one belongs nowhere; or,
    to the one put under command, the commander's that the sentence names ("seeks the aid of the real CIA
    and is put under the command of officer Rusk"), wherever else that one belongs, unless the sentence
    names that too ("The CIA agent Ray Dunn reports to Gerd Mahler, an officer of the BND")."""
    one, other = by_key.get(member.key), by_key.get(boss.key)
    if one is None or other is None:
        return []
    evidence = reading.span(min(member.start, boss.start), max(member.end, boss.end))
    named = {slugify(o.key) for o in reading.orgs} | {o.key for o in reading.orgs}
    for giver, taker, key in ((other, one, member.key), (one, other, boss.key)):
        held = [a for a in giver.affiliations if a.status != "former"]
        joins = taker is one and len(held) == 1 and held[0].org in named \
            and all(a.org != held[0].org and a.org not in named for a in taker.affiliations)
        if len(held) != 1 or taker.affiliations and not joins:
            continue
        taker.affiliations.append(Affiliation(held[0].org, "current", "", evidence))
        return [ReviewItem.of("implied_affiliation", where(sentence), case="shared", member=key, org=held[0].org,
                              other=member.key if key == boss.key else boss.key, evidence=evidence)]
    return []


def _under_the_one_served(by_key: dict[str, Character], sentence: Sentence, reading: Reading, lex: Lexicon,
                          under: frozenset[str], org_names: dict[str, str],
                          where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """'Er war MI6-Agent unter Vera', 'a CIA officer under Colonel Lutz Hahn': the one a member served under
    works at that organisation too, when the name follows the word (and a title) and the organisation,
    claimed or joined to a member's noun, stands next to it."""
    review = []
    claimed = {claim.org: claim.character for claim in reading.affiliations}
    for org in reading.orgs:
        ident = org_names.get(fold(org.key))
        if not ident or org.key not in claimed and not _joined_to_a_member(reading, org, lex):
            continue
        member = claimed.get(org.key, "")
        for token in reading.tokens:
            boss = _served_under(reading, token, org, under, lex)
            if boss is None or boss.key == member or boss.key not in by_key or by_key[boss.key].affiliations:
                continue
            by_key[boss.key].affiliations.append(Affiliation(ident, "current", "", reading.span(org.start, boss.end)))
            review.append(ReviewItem.of("implied_affiliation", where(sentence), case="shared",
                                        member=boss.key, org=ident, other=member,
                                        evidence=reading.span(token.i, boss.end)))
    return review


def _joined_to_a_member(reading: Reading, org: OrgMention, lex: Lexicon) -> bool:
    """'MI6-Agent', 'a CIA officer': an organisation with a member's noun joined to it or right after it."""
    if org.role:
        return bool((role_of(org.role, lex) or {}).get("member"))
    after = reading.tokens[org.end] if org.end < len(reading.tokens) else None
    return after is not None and bool((role_of(after.text, lex) or {}).get("member"))


def _served_under(reading: Reading, token: Token, org: OrgMention, under: frozenset[str],
                  lex: Lexicon) -> Mention | None:
    """The name after an 'unter'/'under' (and a title or rank) that stands next to `org` (no comma or full
    stop between): "MI6-Agent unter Vera", "under Colonel Vera Roe", "unter Vera beim Amt 9"."""
    tokens = reading.tokens
    if token.text.casefold() not in under:
        return None
    k = token.i + 1
    while k < len(tokens) and (tokens[k].text.rstrip(".") in lex.titles or role_of(tokens[k].text, lex)):
        k += 1
    boss = next((m for m in reading.mentions if token.i < m.start <= k and not m.via and not m.genitive), None)
    if boss is None:
        return None
    between = tokens[org.end:token.i] if org.end <= token.i else tokens[boss.end:org.start]
    beside = len(between) <= 3 and (org.end <= token.i or org.start >= boss.end) \
        and not any(t.text in (",", ";", ".", ":", "(", ")") for t in between)
    return boss if beside else None
