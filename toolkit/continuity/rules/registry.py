"""The register of continuity rules: each a function with a code, a name, a default severity, its
documentation (its docstring) and the facts of the context it reads."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from toolkit.continuity.rules.context import FACTS, Context, Facts
from toolkit.model.diagnostics import Diagnostic

Report = Callable[..., Diagnostic]
Diagnostics = Iterator[Diagnostic]  # what a rule yields
Check = Callable[[Facts, Report], Iterable[Diagnostic]]
_SECTION = re.compile(r"^[ \t]*(What|Why|Example):[ \t]*$", re.MULTILINE)
FAMILIES = {  # the first digit of a code after "CB" -> the family of rules, and its module
    "0": "scripts", "1": "names", "2": "deaths", "3": "affiliations", "4": "appearance", "5": "bible", "6": "time",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    what: str
    why: str
    example: str
    check: Check
    needs: frozenset[str] = frozenset()  # the facts of the context the rule reads

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[2:3], "")

    def at(self, file: str, line: int, message: str, column: int = 1, **details: str) -> Diagnostic:
        """A diagnostic of this rule at its default severity; `details` are the message's parts."""
        return Diagnostic(file, line, column, self.code, self.name, self.severity, message,
                          tuple((key, str(value)) for key, value in details.items()))

    def run(self, context: Context) -> list[Diagnostic]:
        """The rule's diagnostics; it sees only the facts it declared."""
        return list(self.check(Facts(context, self.needs, self.code), self.at))


RULES: dict[str, Rule] = {}
INFERRED = "read_from"  # the detail that names the prose sentence a diagnostic rests on


def inferred(diagnostic: Diagnostic, sentence: str) -> Diagnostic:
    """A diagnostic that rests on a fact read from prose: a warning at most, saying what it read."""
    quoted = " ".join(sentence.split())
    quoted = quoted if len(quoted) <= 120 else quoted[:117] + "…"
    return diagnostic._replace(
        severity="warning" if diagnostic.severity == "error" else diagnostic.severity,
        message=f"{diagnostic.message} (read from '{quoted}')",
        details=(*diagnostic.details, (INFERRED, sentence)))


def rule(code: str, name: str, severity: str, *, needs: Iterable[str]):
    """Register a rule function; its docstring gives the summary, then What:, Why: and Example: sections.

    `needs` names the fields of `Context` the rule reads; it is given a view with those alone.
    """
    needs = frozenset(needs)
    unknown = needs - FACTS
    if unknown:
        raise ValueError(f"rule {code} needs facts the context does not have: {', '.join(sorted(unknown))}")
    if code in RULES:
        raise ValueError(f"rule {code} is registered twice")

    def register(check: Check) -> Check:
        text = (check.__doc__ or "").strip()
        parts = _SECTION.split(text)
        sections = {parts[i]: _dedent(parts[i + 1]) for i in range(1, len(parts) - 1, 2)}
        RULES[code] = Rule(code, name, severity, " ".join(parts[0].split()), sections.get("What", ""),
                           sections.get("Why", ""), sections.get("Example", ""), check, needs)
        return check

    return register


def in_code_order() -> None:
    """Order the register by code, whatever order the family modules were imported in."""
    ordered = sorted(RULES.items())
    RULES.clear()
    RULES.update(ordered)


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[indent:] for line in lines).strip()

