"""Writing check results as text, JSON, GitHub workflow annotations or SARIF 2.1.0."""
from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from toolkit.check import CheckResult
from toolkit.diagnostics import Diagnostic
from toolkit.rules import RULES

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def format_text(result: CheckResult) -> str:
    """One line a diagnostic, as a compiler writes them: `path:line:col: severity CODE message [rule]`."""
    return "".join(f"{d.file}:{d.line}:{d.column}: {d.severity} {d.code} {d.message} [{d.rule}]\n"
                   for d in result.diagnostics)


def summary_line(result: CheckResult) -> str:
    """`2 errors, 1 warning in 3 files (40 scenes)`."""
    def counted(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (f"{counted(result.errors, 'error')}, {counted(result.warnings, 'warning')} in "
            f"{counted(len(result.files), 'file')} ({counted(len(result.scenes), 'scene')})")


def format_json(result: CheckResult) -> str:
    """The JSON of DESIGN.md: {"diagnostics": [...], "summary": {...}}."""
    data = {"diagnostics": [d.as_dict() for d in result.diagnostics], "summary": result.summary()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`."""
    return "".join(
        f"::{_GITHUB_LEVELS[d.severity]} file={_escape_property(d.file)},line={d.line},col={d.column},"
        f"title={_escape_property(d.code)}::{_escape_data(f'{d.message} [{d.rule}]')}\n"
        for d in result.diagnostics)


def _tool_version() -> str:
    try:
        return version("storybible")
    except PackageNotFoundError:
        return "0"


def _sarif_result(diagnostic: Diagnostic, rule_index: dict[str, int]) -> dict:
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index[diagnostic.code],
        "level": _SARIF_LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": Path(diagnostic.file).as_posix()},
            "region": {"startLine": diagnostic.line, "startColumn": diagnostic.column},
        }}],
    }


def format_sarif(result: CheckResult) -> str:
    """A SARIF 2.1.0 log with one run, every registered rule and one result a diagnostic."""
    rules = list(RULES.values())
    rule_index = {rule.code: i for i, rule in enumerate(rules)}
    driver = {
        "name": "storybible",
        "version": _tool_version(),
        "rules": [{
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.what or rule.summary},
            "help": {"text": f"{rule.what}\n\nWhy: {rule.why}\n\nExample:\n{rule.example}"},
            "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        } for rule in rules],
    }
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver},
                  "results": [_sarif_result(d, rule_index) for d in result.diagnostics]}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def format_result(result: CheckResult, name: str = "text") -> str:
    """The result in one of FORMATS."""
    writers = {"text": format_text, "json": format_json, "github": format_github, "sarif": format_sarif}
    return writers[name](result)


def format_stats(result: CheckResult) -> str:
    """Who is in which scene: one line a scene, then a line a character with their scene count."""
    lines = []
    appearances: dict[str, list[int]] = {}
    for scene in result.scenes:
        names = [result.characters.get(i, i) for i in scene.cast] + [f"{n}?" for n in scene.unknown_cast]
        mark = " (flashback)" if scene.flashback else ""
        lines.append(f"{scene.number:>4}  {scene.file}:{scene.line}  {scene.heading or '(before the first heading)'}"
                     f"{mark}: {', '.join(names) or '-'}")
        for ident in scene.cast:
            appearances.setdefault(ident, []).append(scene.number)
    lines.append("")
    width = max((len(n) for n in result.characters.values()), default=4)
    for ident, name in sorted(result.characters.items(), key=lambda item: -len(appearances.get(item[0], []))):
        numbers = appearances.get(ident, [])
        span = f"scenes {numbers[0]}–{numbers[-1]}" if numbers else "in no scene"
        lines.append(f"{name:<{width}}  {len(numbers):>4}  {span}")
    return "\n".join(lines) + "\n"


def format_rules() -> str:
    """Every rule with its code, name, default severity, summary, explanation and example."""
    out = []
    for rule in RULES.values():
        out.append(f"{rule.code} {rule.name} ({rule.severity})\n  {rule.summary}\n")
        for heading, text in (("What", rule.what), ("Why", rule.why), ("Example", rule.example)):
            if text:
                body = "\n".join(f"    {line}" for line in text.splitlines())
                out.append(f"  {heading}:\n{body}\n")
        out.append("\n")
    return "".join(out)
