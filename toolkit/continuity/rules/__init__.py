"""The continuity rules, one module per family of codes, each rule registered with the facts it reads.

    registry      the @rule decorator and RULES (code -> Rule)
    context       Context (the facts of one story) and the Facts view a rule is given
    scripts       CB0xx  the Fountain files: markup, place in the story order
    names         CB1xx  unknown and misspelt names
    deaths        CB2xx  the dead after their death; script and bible on where they die
    affiliations  CB3xx  memberships the scenes claim against the bible's
    appearance    CB4xx  bible characters in no scene
    bible         CB5xx  the bible's references, names and schema
    time          CB6xx  story time and sets

A new family takes the next hundred and is imported below.
"""
from __future__ import annotations

from toolkit.continuity.rules import affiliations, appearance, bible, deaths, names, scripts, time  # noqa: F401 (registers)
from toolkit.continuity.rules.context import Claimed, Context, Facts, UndeclaredFact, death_scenes
from toolkit.continuity.rules.registry import RULES, Rule, in_code_order, rule

in_code_order()

__all__ = ["RULES", "Claimed", "Context", "Facts", "Rule", "UndeclaredFact", "death_scenes", "rule"]
