"""What a sentence only asks, alleges or supposes states nothing: 'Gibt es einen Maulwurf des KGB?', 'Volkov
beschuldigt Stahl, für den KGB zu arbeiten', 'if he chose to work with the CIA' make nobody a member."""
from __future__ import annotations

from toolkit.extraction.document import Pass, Reading
from toolkit.extraction.lexicon import Lexicon
from toolkit.text.nlp import Token

_STRETCH_ENDS = (".", ";", ":", "!")


def drop_unstated(reading: Reading, lex: Lexicon) -> None:
    """Removes the affiliations and relations whose evidence lies in a question, after a verb of accusing
    or suspecting (in its clause or the one it opens), or in a conditional clause."""
    reading.affiliations[:] = [a for a in reading.affiliations if not _unstated(reading, a.evidence, a.offset, lex)]
    reading.relations[:] = [r for r in reading.relations if not _unstated(reading, r.evidence, -1, lex)]


def unstated(reading: Reading, evidence: str, offset: int, lex: Lexicon) -> bool:
    """Whether the evidence (found from `offset` on) lies in a question, an accusation or a condition."""
    return _unstated(reading, evidence, offset, lex)


def _unstated(reading: Reading, evidence: str, offset: int, lex: Lexicon) -> bool:
    start = reading.text.find(evidence, max(0, offset)) if evidence else -1
    if start < 0:
        start = reading.text.find(evidence) if evidence else -1
    if start < 0:
        return False
    end = start + len(evidence)
    tokens = [t for t in reading.tokens if start <= t.start < end]
    if not tokens:
        return False
    return _asked(reading.tokens, tokens[-1]) or _alleged(reading.tokens, tokens, lex)


def _asked(tokens: list[Token], last: Token) -> bool:
    """The stretch the evidence ends in closes with a question mark."""
    for token in tokens[last.i + 1:]:
        if token.text == "?":
            return True
        if token.text in _STRETCH_ENDS:
            return False
    return False


def _alleged(tokens: list[Token], evidence: list[Token], lex: Lexicon) -> bool:
    """A verb of accusing ahead of the evidence's end, in its clause or in the clause before it when the
    evidence's clause has no finite verb ("beschuldigt Stahl, für den KGB zu arbeiten"); or a conditional in
    the evidence's clause."""
    words = lex.unstated_words
    last = evidence[-1]
    finite = lex.membership_words.finite_tags
    infinitive = not any(t.clause == last.clause and t.tag in finite for t in tokens)
    clauses = {last.clause, last.clause - 1} if infinitive else {last.clause}
    for token in tokens[:last.i]:
        if token.clause not in clauses:
            continue
        folded, lemma = token.text.casefold(), token.lemma.casefold()
        if folded in words.accusing_verbs or lemma in words.accusing_verbs:
            return True
        if token.clause == last.clause and folded in words.conditionals:
            return True
    return False


PASS = Pass("unstated", drop_unstated, reads=("text", "tokens", "affiliations", "relations"),
            writes=("affiliations", "relations"))
