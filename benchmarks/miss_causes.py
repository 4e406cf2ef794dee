"""The differences between a bible and its reference, each put under a cause of issue 19 by a heuristic.

Used by miss_report.py. Characters are matched as score_bible.py matches them (name or alias against
name or variant); the differences counted are those its measures count.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CAUSES = {
    1: "1 organisation not recognised",
    2: "2 membership through another member",
    3: "3 apposition or copula",
    4: "4 question/suspicion/accusation taken",
    5: "5 capitalised word taken for a person",
    6: "6 outsider (performer, author) kept",
    7: "7 name as written",
    8: "8 deaths",
    9: "9 relations",
    0: "0 other (read the sample)",
}
NO_DEATH = {"alive", "unknown", ""}
THROUGH = re.compile(
    r"\b(sein(e[rnms]?)?|ihr(e[rnms]?)?|his|her|their|its)\s+(\w+\s+){0,2}"
    r"(\w*agent\w*|mitarbeiter\w*|kolleg\w*|rechte\w* hand|right[- ]hand\w*|handler|stellvertreter\w*|deputy|"
    r"team|leute|men|people|colleague\w*|partner\w*|boss|chef\w*|vorgesetzt\w*|superior|protégé|schützling|"
    r"mentor|officer|operative\w*|spion\w*|spy|spies|informant\w*)\b|\beine[rs]? seiner\b|\bone of (his|her)\b",
    re.IGNORECASE)
APPOSITION = re.compile(
    r",\s*(der|die|das|den|dem|the|a|an|ein|eine|einen|einem|his|her|sein\w*|ihr\w*)\s+[\w-]+"
    r"|\b(is|was|are|were|ist|war|sind|waren|becomes|wird|also|auch)\s+(also\s+|auch\s+)?(a|an|the|ein|eine)?\b"
    r"|\bals\s+\w+\b|\bas\s+(a|an|the)\b|\b\w+'s\s+[\w-]+,",
    re.IGNORECASE)
ACCUSED = re.compile(r"\?|beschuldig|verdächtig|verdacht|vermeintlich|angeblich|accus|suspect|allegedly|claims?\b|"
                     r"behauptet|maulwurf|\bmole\b|framed|glaubt|believes|think", re.IGNORECASE)
PARTICLE = re.compile(r"(^|\s)(al-|el-|bin\s|ibn\s|de\s|del\s|da\s|van\s|von\s|zu\s|le\s|la\s|du\s|o'|mc|mac)"
                      r"|[\"„“”()]", re.IGNORECASE)
QUOTED = r"([\"'„“‚‘«»]|codename\s+|code name\s+|deckname:?\s+|known as\s+)"
DEATH_KINDS = [("ordered", r"\blassen\b|\bließ\b|\bhas (his|her|their) \w+ kill|\bhad \w+ killed|\border"),
               ("apparent", r"scheinbar|tot geglaubt|not dead|presumed|apparently|für tot|thought dead|fake"),
               ("relative clause", r"\b(who|whom|der|die|den)\b[^.]*\b(killed|murdered|getötet|ermordet|erschossen)"),
               ("shown by an event", r"found dead|tot aufgefunden|leiche|\bbody\b|bomb|explo|shot \w+ dead|fired"),
               ("natural", r"\bstirbt\b|\bstarb\b|\bdies\b|\bdied\b|ums leben"),
               ("passive or pronoun", r"\b(is|was|he's|she's|wird|wurde)\b[^.]*\b(murdered|killed|ermordet|getötet)")]
GENERIC_ORG = {"behörde", "armee", "geheimdienst", "polizei", "intelligence", "police", "army", "government",
               "regierung", "dienst", "agency", "service"}


@dataclass
class Miss:
    text: str
    kind: str
    what: str
    sentence: str
    cause: int


def norm(s) -> str:
    s = unicodedata.normalize("NFC", str(s or "")).replace("’", "'").replace("‘", "'")
    return " ".join(s.split()).casefold()


def forms(name, more) -> set[str]:
    return {norm(x) for x in [name, *(more or [])] if x}


def match(bible: dict, gold: dict) -> dict[int, int]:
    """Reference index -> bible index, as score_bible.py matches."""
    preds, golds = bible.get("characters") or [], gold.get("characters") or []
    gforms = [forms(g["name"], g.get("variants")) for g in golds]
    out: dict[int, int] = {}
    for pi, p in enumerate(preds):
        pf = forms(p.get("name"), p.get("aliases"))
        hits = sorted((gi for gi, gf in enumerate(gforms) if pf & gf),
                      key=lambda gi: norm(golds[gi]["name"]) != norm(p.get("name")))
        free = [gi for gi in hits if gi not in out]
        if free:
            out[free[0]] = pi
    return out


def find_sentence(split: list[str], *needles: str) -> str:
    """The first sentence holding all needles (case-folded), else the first holding the first needle."""
    wanted = [norm(n) for n in needles if n]
    for candidates in (wanted, wanted[:1]):
        for s in split:
            if candidates and all(n in norm(s) for n in candidates):
                return s
    return ""


def _name_forms(char: dict, *, gold: bool) -> list[str]:
    names = [char.get("name"), *(char.get("variants" if gold else "aliases") or [])]
    return sorted((n for n in names if n), key=len, reverse=True)


def _sentence_for(split, char, gold: bool, *extra: str) -> str:
    for name in _name_forms(char, gold=gold):
        found = find_sentence(split, name, *extra)
        if found and (not extra or all(norm(e) in norm(found) for e in extra)):
            return found
    return find_sentence(split, *_name_forms(char, gold=gold)[:1])


def _org_names(bible: dict) -> dict[str, set[str]]:
    return {o.get("id"): {norm(n) for n in [o.get("id"), o.get("name"), o.get("abbreviation"),
                                              *(o.get("aliases") or [])] if n}
            for o in bible.get("organisations") or []}


def _gold_org_names(gold: dict, org: str) -> set[str]:
    for o in gold.get("organisations") or []:
        names = forms(o["name"], o.get("variants"))
        if norm(org) in names:
            return names
    return {norm(org)}


def classify_missed_affiliation(sentence: str, org_known: bool) -> int:
    if THROUGH.search(sentence):
        return 2 if org_known else 1
    if not org_known:
        return 1
    return 3 if APPOSITION.search(sentence) else 0


def classify_invented_affiliation(sentence: str, org_id: str, org_names: set[str]) -> int:
    if ACCUSED.search(sentence):
        return 4
    if org_names & GENERIC_ORG or norm(org_id) in GENERIC_ORG:
        return 1
    return 3 if APPOSITION.search(sentence) else 0


def affiliation_misses(name, golds, preds, pairs, bible, gold, split) -> list[Miss]:
    porgs = _org_names(bible)
    known = set().union(*porgs.values()) if porgs else set()
    out = []
    for gi, pi in pairs.items():
        g, p = golds[gi], preds[pi]
        gnames_all: set[str] = set()
        for ga in g.get("affiliations") or []:
            gnames = _gold_org_names(gold, ga["org"])
            gnames_all |= gnames
            if any(porgs.get(pa.get("org"), {norm(pa.get("org"))}) & gnames for pa in p.get("affiliations") or []):
                continue
            sentence = find_sentence(split, ga.get("evidence") or "") or _sentence_for(split, g, True, ga["org"])
            cause = classify_missed_affiliation(sentence, bool(gnames & known))
            out.append(Miss(name, "affiliation missed", f"{g['name']} — {ga['org']} ({ga.get('status')})",
                            sentence, cause))
        for pa in p.get("affiliations") or []:
            onames = porgs.get(pa.get("org"), {norm(pa.get("org"))})
            if onames & gnames_all:
                continue
            sentence = find_sentence(split, pa.get("evidence") or "") or _sentence_for(split, p, False)
            cause = classify_invented_affiliation(sentence, pa.get("org") or "", onames)
            out.append(Miss(name, "affiliation invented", f"{p.get('name')} — {pa.get('org')} ({pa.get('status')})",
                            sentence, cause))
    return out


def _fate(p: dict) -> str:
    fate = p.get("fate") or {}
    return norm(fate if isinstance(fate, str) else fate.get("status") or "alive")


DEATH_WORDS = ("tot", "tötet", "stirb", "starb", "leiche", "erschie", "ermord", "umgebracht", "kill", "dies",
               "died", "dead", "death", "murder", "shot", "body", "bomb", "explo")


def death_misses(name, golds, preds, pairs, split) -> list[Miss]:
    out = []
    for gi, pi in pairs.items():
        g, p = golds[gi], preds[pi]
        want, got = norm(g.get("fate") or "alive"), _fate(p)
        if want == got or (want in NO_DEATH and got in NO_DEATH):
            continue
        if want not in NO_DEATH:
            sentence = find_sentence(split, g.get("fate_evidence") or "") or _sentence_for(split, g, True)
            how = next((k for k, pattern in DEATH_KINDS if re.search(pattern, sentence, re.IGNORECASE)), "other")
            kind = f"death missed: {how}" if got in NO_DEATH else "death wrong kind"
            out.append(Miss(name, kind, f"{g['name']}: {want} (bible: {got})", sentence, 8))
        else:
            sentence = next((s for n in _name_forms(p, gold=False) for s in split
                             if norm(n) in norm(s) and any(w in norm(s) for w in DEATH_WORDS)), "")
            out.append(Miss(name, "death invented", f"{p.get('name')}: {got} (reference: {want})", sentence, 8))
    return out


def relation_misses(name, golds, preds, pairs, split) -> list[Miss]:
    ids = {p.get("id"): p for p in preds}
    gold_of = {preds[pi].get("id"): golds[gi] for gi, pi in pairs.items()}
    pred_of = {norm(golds[gi]["name"]): preds[pi] for gi, pi in pairs.items()}
    stated = {(p.get("id"), r.get("type"), r.get("target")) for p in preds for r in p.get("relations") or []
              if isinstance(r, dict)}
    gold_rel = {(norm(g["name"]), r.get("type"), norm(r.get("target"))) for g in golds
                for r in g.get("relations") or []}
    out = []
    for gi, pi in pairs.items():
        g = golds[gi]
        for r in g.get("relations") or []:
            target = pred_of.get(norm(r.get("target")))
            source = preds[pi].get("id")
            if target and any(t == r.get("type") and tg == target.get("id") and s == source
                              or s == target.get("id") and tg == source for s, t, tg in stated):
                continue
            sentence = _sentence_for(split, g, True, r.get("target") or "")
            out.append(Miss(name, f"relation missed: {r.get('type')}", f"{g['name']} {r.get('type')} {r.get('target')}", sentence, 9))
    for src, typ, tgt in stated:
        gs, gt = gold_of.get(src), gold_of.get(tgt)
        if gs and gt and ((norm(gs["name"]), typ, norm(gt["name"])) in gold_rel
                          or any(a == norm(gt["name"]) and b == norm(gs["name"]) for a, _, b in gold_rel)):
            continue
        p = ids.get(src) or {}
        sentence = _sentence_for(split, p, False, (ids.get(tgt) or {}).get("name") or "")
        out.append(Miss(name, f"relation invented: {typ}", f"{p.get('name')} {typ} {tgt}", sentence, 9))
    return out


def character_misses(name, golds, preds, pairs, gold, split) -> list[Miss]:
    outsiders = {norm(n.get("name")) for n in gold.get("non_character_persons") or [] if isinstance(n, dict)}
    gold_tokens = {t for g in golds for f in forms(g["name"], g.get("variants")) for t in f.split()}
    matched = set(pairs.values())
    out = []
    for gi, g in enumerate(golds):
        if gi in pairs:
            continue
        sentence = _sentence_for(split, g, True)
        quoted = any(re.search(QUOTED + re.escape(f), sentence, re.IGNORECASE) for f in _name_forms(g, gold=True))
        written = quoted or any(PARTICLE.search(f) or len(f) <= 2 for f in _name_forms(g, gold=True))
        out.append(Miss(name, "character missed", g["name"], sentence, 7 if written else 0))
    for pi, p in enumerate(preds):
        if pi in matched:
            continue
        pf = forms(p.get("name"), p.get("aliases"))
        if pf & outsiders:
            cause, kind = 6, "outsider kept"
        elif any(t in gold_tokens for f in pf for t in f.split()):
            cause, kind = 7, "false character"
        else:
            cause, kind = 5, "false character"
        out.append(Miss(name, kind, p.get("name") or "", _sentence_for(split, p, False), cause))
    return out


def differences(name: str, bible: dict, gold: dict, split: list[str]) -> list[Miss]:
    """Every difference between one bible and its reference, each with a cause and a sentence."""
    preds, golds = bible.get("characters") or [], gold.get("characters") or []
    pairs = match(bible, gold)
    return (character_misses(name, golds, preds, pairs, gold, split)
            + affiliation_misses(name, golds, preds, pairs, bible, gold, split)
            + death_misses(name, golds, preds, pairs, split)
            + relation_misses(name, golds, preds, pairs, split))
