"""The construction catalogue: load its cases, expand each one and list where the result breaks a claim.

Shared by tests/test_constructions.py and benchmarks/constructions.py.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from toolkit.expansion.expand import expand_story

HERE = Path(__file__).resolve().parent
LANGUAGES = ("de", "en")
NO_DEATH = {"alive", "unknown", ""}
INVERSE = {"son_of": ["parent_of"], "daughter_of": ["parent_of"], "parent_of": ["son_of", "daughter_of"],
           "wife_of": ["husband_of", "wife_of"], "husband_of": ["wife_of", "husband_of"],
           "sibling_of": ["sibling_of"], "partner_of": ["partner_of"], "enemy_of": ["enemy_of"]}
CAST_NOTE = re.compile(r"\[\[\s*(?:cast|figuren)\s*:(.*?)\]\]", re.IGNORECASE | re.DOTALL)


def norm(text) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).replace("’", "'")
    return " ".join(text.split()).casefold()


def load_cases() -> list[dict]:
    """Every case of every language, each with its `language`."""
    cases = []
    for language in LANGUAGES:
        data = yaml.safe_load((HERE / f"{language}.yaml").read_text(encoding="utf-8"))
        cases += [{**case, "language": language} for case in data["cases"]]
    return cases


def expand_case(case: dict, folder: Path) -> tuple[dict, str]:
    """Write the case's text as a synopsis, expand it, return its bible and outline."""
    seed = folder / f"{case['id']}.{case['language']}.txt"
    seed.write_text(case["text"] + "\n", encoding="utf-8")
    expansion = expand_story(seed, folder / "story", language=case["language"], force=True)
    bible = yaml.safe_load((expansion.folder / "bible.yaml").read_text(encoding="utf-8")) or {}
    return bible, (expansion.folder / "outline.fountain").read_text(encoding="utf-8")


class Result:
    """A bible looked up by the names a case uses."""

    def __init__(self, bible: dict, outline: str):
        self.characters = bible.get("characters") or []
        self.orgs = {o.get("id"): {norm(n) for n in [o.get("id"), o.get("name"), o.get("abbreviation"),
                                                     *(o.get("aliases") or [])] if n}
                     for o in bible.get("organisations") or []}
        self.outline = outline

    def forms(self, character: dict) -> set[str]:
        return {norm(n) for n in [character.get("name"), *(character.get("aliases") or [])] if n}

    def find(self, name: str) -> dict | None:
        """The character called `name`, preferring the one whose main name it is."""
        hits = [c for c in self.characters if norm(name) in self.forms(c)]
        hits.sort(key=lambda c: norm(c.get("name")) != norm(name))
        return hits[0] if hits else None

    def org_matches(self, affiliation: dict, org: str) -> bool:
        names = self.orgs.get(affiliation.get("org"), {norm(affiliation.get("org"))})
        wanted = norm(org)
        return any(wanted == n or wanted in n.split() or n in wanted.split() or wanted.replace(" ", "-") == n
                   for n in names)

    def affiliations(self, name: str, org: str | None = None) -> list[dict]:
        character = self.find(name) or {}
        return [a for a in character.get("affiliations") or [] if org is None or self.org_matches(a, org)]

    def related(self, name: str, target: str, types: list[str]) -> bool:
        source, other = self.find(name), self.find(target)
        if not source or not other:
            return False
        for a, b, kinds in ((source, other, types), (other, source, [i for t in types for i in INVERSE.get(t, [])])):
            if any(r.get("target") == b.get("id") and (not kinds or r.get("type") in kinds)
                   for r in a.get("relations") or [] if isinstance(r, dict)):
                return True
        return False

    def cast_of(self, sentence: str) -> set[str] | None:
        """Canonical names in the cast note of the scene that holds `sentence`, or None if no scene does."""
        for block in re.split(r"\n(?=\.[^.]|(?:INT|EXT|INNEN|AUSSEN)[. ])", self.outline):
            synopsis = " ".join(line.strip()[1:] for line in block.splitlines() if line.strip().startswith("="))
            if norm(sentence) in norm(synopsis):
                names = [n.strip() for m in CAST_NOTE.finditer(block) for n in m.group(1).split(",")]
                return {(self.find(n) or {}).get("name") or n for n in names if n}
        return None


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _character_failures(case: dict, result: Result) -> list[str]:
    out = [f"no character {n!r}" for n in case.get("characters") or [] if not result.find(n)]
    expected = [result.find(n) for n in case.get("characters") or []]
    for trap in case.get("not_characters") or []:
        hit = next((c for c in result.characters if norm(trap) in result.forms(c) and c not in expected), None)
        if hit:
            out.append(f"{trap!r} taken for a character ({hit.get('name')})")
    for alias in case.get("aliases") or []:
        if norm(alias["alias"]) not in result.forms(result.find(alias["who"]) or {}):
            out.append(f"{alias['who']} lacks alias {alias['alias']!r}")
    for want in case.get("genders") or []:
        gender = (result.find(want["who"]) or {}).get("gender")
        if gender != want["gender"]:
            out.append(f"{want['who']} taken as {gender}, not {want['gender']}")
    for performer in case.get("performers") or []:
        if norm((result.find(performer["who"]) or {}).get("performer")) != norm(performer["performer"]):
            out.append(f"{performer['who']} lacks performer {performer['performer']!r}")
    return out


def _affiliation_failures(case: dict, result: Result) -> list[str]:
    out = []
    for want in case.get("affiliations") or []:
        found = result.affiliations(want["who"], want["org"])
        if not found:
            out.append(f"{want['who']} not linked to {want['org']}")
        elif want.get("status") and all(a.get("status") != want["status"] for a in found):
            out.append(f"{want['who']} in {want['org']} as {[a.get('status') for a in found]}, not {want['status']}")
    for trap in case.get("not_affiliations") or []:
        found = result.affiliations(trap["who"], trap.get("org"))
        found = [a for a in found if not trap.get("status") or a.get("status") == trap["status"]]
        if found:
            out.append(f"{trap['who']} wrongly in {[(a.get('org'), a.get('status')) for a in found]}")
    return out


def _relation_failures(case: dict, result: Result) -> list[str]:
    out = [f"no {r['type']} between {r['who']} and {r['target']}" for r in case.get("relations") or []
           if not result.related(r["who"], r["target"], _as_list(r["type"]))]
    out += [f"wrong {r.get('type') or 'relation'} between {r['who']} and {r['target']}"
            for r in case.get("not_relations") or []
            if result.related(r["who"], r["target"], _as_list(r.get("type") or []))]
    return out


def _fate(character: dict | None) -> dict:
    fate = (character or {}).get("fate") or {}
    return {"status": fate} if isinstance(fate, str) else fate


def _death_failures(case: dict, result: Result) -> list[str]:
    out = []
    for want in case.get("deaths") or []:
        fate = _fate(result.find(want["who"]))
        if fate.get("status") not in _as_list(want["fate"]):
            out.append(f"{want['who']}: fate {fate.get('status')}, not {want['fate']}")
        elif want.get("by") and fate.get("by") != (result.find(want["by"]) or {}).get("id"):
            out.append(f"{want['who']}: killed by {fate.get('by')}, not {want['by']}")
    for who in case.get("not_deaths") or []:
        status = _fate(result.find(who)).get("status") or ""
        if status not in NO_DEATH:
            out.append(f"{who} given the fate {status}")
    return out


def _presence_failures(case: dict, result: Result) -> list[str]:
    out = []
    for want in case.get("presence") or []:
        cast = result.cast_of(want["sentence"])
        if cast is None:
            out.append(f"no scene holds {want['sentence']!r}")
            continue
        out += [f"{n} not in the cast of {want['sentence']!r}" for n in want.get("present") or [] if n not in cast]
        out += [f"{n} cast in {want['sentence']!r} but only mentioned" for n in want.get("absent") or []
                if n in cast]
    return out


def failures(case: dict, bible: dict, outline: str) -> list[str]:
    """Every claim of the case the expanded bible and outline break (empty when it passes)."""
    result = Result(bible, outline)
    return (_character_failures(case, result) + _affiliation_failures(case, result)
            + _relation_failures(case, result) + _death_failures(case, result)
            + _presence_failures(case, result))
