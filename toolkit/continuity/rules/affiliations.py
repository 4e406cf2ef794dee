"""CB3xx: affiliations: a scene ties a character to the organisations, and at the times, the bible does."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from toolkit.continuity.rules.context import Claimed, Facts
from toolkit.continuity.rules.registry import Diagnostics, Report, inferred, rule
from toolkit.continuity.rules.wording import pronoun
from toolkit.continuity.script import ScriptScene
from toolkit.extraction.claims import AffiliationClaim
from toolkit.model.org_identity import compatible, identify, org_words
from toolkit.model.story import Affiliation, Character


def _affiliations(facts: Facts) -> Iterator[tuple[ScriptScene, Claimed, Character]]:
    for scene in facts.scenes:
        for claimed in facts.claims.get(scene.number, []):
            claim = claimed.claim
            if isinstance(claim, AffiliationClaim):
                character = facts.story.character(claim.character)
                if character is not None:
                    yield scene, claimed, character


def _org_name(facts: Facts, ident: str) -> str:
    organisation = facts.story.organisation(ident) or identify(
        ident, facts.story.organisations, org_words(facts.story.language))
    return (organisation.abbreviation or organisation.name) if organisation else ident


def _same(facts: Facts, affiliation: Affiliation, mention: str) -> bool:
    """Whether an organisation named in a scene may be the one of a bible affiliation."""
    if affiliation.org == mention:
        return True
    org = facts.story.organisation(affiliation.org)
    return org is not None and compatible(mention, org, facts.story.organisations, org_words(facts.story.language))


def _matching(facts: Facts, character: Character, claim: AffiliationClaim) -> list[Affiliation]:
    return [a for a in character.affiliations if _same(facts, a, claim.org)]


@rule("CB301", "affiliation-conflict", "warning", needs=("scenes", "claims", "story"))
def affiliation_conflict(facts: Facts, at: Report) -> Diagnostics:
    """A scene ties a character to an organisation that the bible does not list for them.

    What:
        Affiliations read from action and synopsis ("Die BND-Agentin Nadja", "MI6 officer Kroll") are
        compared with the character's `affiliations` in bible.yaml. Dialogue is not read: characters lie.
        An organisation the bible lists under another name, a unit of it ("Sonderkommission des BKA") or
        a generic term of its kind ("die Polizei" for "Polizei Bremen") is the same. Read from prose,
        a finding is a warning that quotes the sentence.
    Why:
        An agent who changes agency between scenes confuses readers, unless the bible records it.
    Example:
        Die BND-Agentin NADJA betritt den Raum.   (bible: Nadja, DIA)
        -> the scene makes NADJA a member of BND; the bible lists her with DIA
    """
    for scene, claimed, character in _affiliations(facts):
        claim = claimed.claim
        if _matching(facts, character, claim):
            continue
        listed = ", ".join(_org_name(facts, a.org) for a in character.affiliations) or "no organisation"
        yield _read(claimed, at(scene.file, claimed.line,
                 f"the scene makes {character.name.upper()} a member of {_org_name(facts, claim.org)}; the bible "
                 f"lists {pronoun(character, possessive=False)} with {listed}: "
                 "fix the scene or add the affiliation to bible.yaml",
                 character=character.id, org=claim.org, listed=",".join(a.org for a in character.affiliations)))


@rule("CB302", "former-as-current", "warning", needs=("scenes", "claims", "story"))
def former_as_current(facts: Facts, at: Report) -> Diagnostics:
    """A scene calls a character a current member where the bible says former.

    What:
        An affiliation read from action or synopsis without "former", "ehemalige", "Ex-" for an
        organisation the bible lists as `status: former`. Flashback scenes are not checked.
    Why:
        "The DIA agent Nadja" after she left the DIA tells the reader she is back.
    Example:
        Die DIA-Agentin NADJA betritt den Raum.   (bible: Nadja, DIA, former)
        -> NADJA is a former member of DIA in the bible; write "die ehemalige DIA-Agentin"
    """
    for scene, claimed, character in _affiliations(facts):
        claim = claimed.claim
        if scene.flashback or claim.status != "current":
            continue
        affiliations = _matching(facts, character, claim)
        if any(a.status == "former" and not a.until_scene for a in affiliations) and not any(
                _bounded(a) for a in affiliations):
            yield _read(claimed, at(
                scene.file, claimed.line,
                f"{character.name.upper()} is a former member of {_org_name(facts, claim.org)} in the bible, "
                "but the scene calls them a current one; say 'former' here or mark the scene as a flashback",
                character=character.id, org=claim.org))


_MEMBER = ("current", "leader", "undercover")


def _read(claimed: Claimed, diagnostic):
    """Every affiliation a scene claims is read from its prose: a warning that quotes the sentence."""
    return inferred(diagnostic, claimed.sentence or claimed.claim.evidence)


def _bounded(affiliation: Affiliation) -> bool:
    return bool(affiliation.from_scene or affiliation.until_scene)


def _membership_change(facts: Facts, affiliation: Affiliation, scene: ScriptScene,
                       status: str) -> tuple[str, ScriptScene] | None:
    """Where the bible says a membership begins or ends, when the scene lies on the wrong side of it."""
    start = facts.scene_of.get(affiliation.from_scene) if affiliation.from_scene else None
    end = facts.scene_of.get(affiliation.until_scene) if affiliation.until_scene else None
    if start is not None and scene.number < start.number and status in _MEMBER:
        return "from", start
    if end is not None and scene.number > end.number and status in ("current", "leader"):
        return "until", end
    return None


@rule("CB303", "affiliation-out-of-time", "warning", needs=("scenes", "claims", "story", "scene_of"))
def affiliation_out_of_time(facts: Facts, at: Report) -> Diagnostics:
    """A scene calls a character a member before the bible's `from:` or after its `until:`.

    What:
        An affiliation in bible.yaml may hold for part of the story: `{org: cia, status: current,
        from: "14"}` is a member from scene 14 on, `{org: bnd, status: former, until: "9"}` a member
        until scene 9 and a former one after it. Affiliations read from action and synopsis are compared
        with these scenes in story order (the files in `scripts:` order, then the scenes of each file).
        Flashbacks are not checked.
    Why:
        Agents change sides; the reader follows the change only when the scenes keep to it.
    Example:
        Die CIA-Agentin NADJA wartet.      (scene 8; bible: {org: cia, status: current, from: "14"})
        -> the bible makes NADJA a member of CIA from scene 14 on (outline.fountain:52)
    """
    for scene, claimed, character in _affiliations(facts):
        claim = claimed.claim
        if scene.flashback:
            continue
        affiliations = _matching(facts, character, claim)
        if any(not _bounded(a) and a.status in _MEMBER for a in affiliations):
            continue
        changes = [_membership_change(facts, a, scene, claim.status) for a in affiliations if _bounded(a)]
        if not changes or not all(changes):
            continue
        side, change = changes[0]
        org = _org_name(facts, claim.org)
        where = f"scene {change.label} ({Path(change.file).name}:{change.line})"
        if side == "from":
            message = (f"the bible makes {character.name.upper()} a member of {org} from {where} on; this scene "
                       "comes before it: fix the scene, mark it as a flashback or move `from:`")
        else:
            message = (f"the bible has {character.name.upper()} leave {org} after {where}; this scene calls "
                       f"{pronoun(character, possessive=False)} a current member: say 'former' here, mark the "
                       "scene as a flashback or move `until:`")
        yield _read(claimed, at(scene.file, claimed.line, message, case=side, character=character.id,
                                org=claim.org, scene=change.label, where=f"{Path(change.file).name}:{change.line}"))
