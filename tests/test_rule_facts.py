"""Each rule declares the facts of the context it reads, is shown those alone, and reads all it declares."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.continuity.check import check
from toolkit.continuity.rules import RULES, Context, Facts, Rule, UndeclaredFact, registry, rule
from toolkit.continuity.rules.context import FACTS
from toolkit.model.names import NameIndex
from toolkit.model.story import Story

FIXTURES = Path(__file__).parent / "fixtures" / "check"
# Facts a rule reads only on a branch the fixture stories do not take (a fate.scene no script has).
BRANCH_ONLY = {"CB202": {"whole_story"}}


def _empty_context() -> Context:
    story = Story(title="")
    return Context([], [], story, NameIndex.from_story(story))


def test_a_rule_sees_the_facts_it_declares_and_no_other():
    facts = Facts(_empty_context(), frozenset({"scenes", "story"}), "CB999")
    assert facts.scenes == []
    assert facts.story.title == ""
    with pytest.raises(UndeclaredFact, match="CB999 reads 'claims'"):
        _ = facts.claims
    with pytest.raises(UndeclaredFact, match="'scripts'"):
        facts.source_line("a.fountain", 1)
    with pytest.raises(AttributeError):
        _ = facts.no_such_fact


def test_a_rule_that_reads_an_undeclared_fact_fails_when_run():
    def sneaky(facts, at):
        yield at("x.fountain", 1, f"{len(facts.claims)} claims")

    reading = Rule("CB998", "sneaky", "info", "", "", "", "", sneaky, frozenset({"scenes"}))
    with pytest.raises(UndeclaredFact, match="CB998 reads 'claims'"):
        reading.run(_empty_context())
    declared = Rule("CB998", "sneaky", "info", "", "", "", "", sneaky, frozenset({"claims"}))
    assert [d.message for d in declared.run(_empty_context())] == ["0 claims"]


def test_the_register_refuses_an_unknown_fact_and_a_code_twice():
    with pytest.raises(ValueError, match="no_such_fact"):
        rule("CB997", "unknown-fact", "info", needs=("no_such_fact",))
    with pytest.raises(ValueError, match="CB101 is registered twice"):
        rule("CB101", "again", "info", needs=())
    assert "CB997" not in RULES


def test_every_rule_declares_facts_of_the_context_and_lives_in_its_family_module():
    assert list(RULES) == sorted(RULES)
    for code, registered in RULES.items():
        assert registered.needs and registered.needs <= FACTS, code
        assert registered.check.__module__ == f"toolkit.continuity.rules.{registered.family}", code


def test_every_rule_reads_exactly_the_facts_it_declares_on_the_fixture_stories(monkeypatch):
    read: dict[str, set[str]] = {code: set() for code in RULES}

    class Recording(Facts):
        __slots__ = ()

        def __getattr__(self, name):
            value = super().__getattr__(name)
            read[self._code].add(name)
            return value

    monkeypatch.setattr(registry, "Facts", Recording)
    diagnostics = check(sorted(p for p in FIXTURES.iterdir() if p.is_dir())).diagnostics
    assert {d.code for d in diagnostics} == set(RULES)
    unread = {code: registered.needs - read[code] for code, registered in RULES.items()}
    assert {code: facts for code, facts in unread.items() if facts} == BRANCH_ONLY
