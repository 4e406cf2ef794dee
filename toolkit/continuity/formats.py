"""Writing check results as text, JSON, GitHub workflow annotations or SARIF 2.1.0."""
from __future__ import annotations

import io
import json
from pathlib import Path

from toolkit.continuity.check import CheckResult
from toolkit.continuity.rules import RULES
from toolkit.errors import one_line
from toolkit.files.csv_cells import safe_writer
from toolkit.model.diagnostics import Diagnostic

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def format_text(result: CheckResult) -> str:
    """One line a diagnostic, as a compiler writes them: `path:line:col: severity CODE message [rule]`.

    A line break or control character in a file name or message is shown escaped (see one_line)."""
    return "".join(one_line(f"{d.file}:{d.line}:{d.column}: {d.severity} {d.code} {d.message} [{d.rule}]") + "\n"
                   for d in result.diagnostics)


def summary_line(result: CheckResult) -> str:
    """`2 errors, 1 warning in 3 files (40 scenes)`; notes (infos) are counted when there are some."""
    def counted(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    notes = f", {counted(result.infos, 'note')}" if result.infos else ""
    return (f"{counted(result.errors, 'error')}, {counted(result.warnings, 'warning')}{notes} in "
            f"{counted(len(result.files), 'file')} ({counted(len(result.scenes), 'scene')})")


def format_json(result: CheckResult) -> str:
    """The JSON of DESIGN.md: {"diagnostics": [...], "summary": {...}}."""
    data = {"diagnostics": [d.as_dict() for d in result.diagnostics], "summary": result.summary()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`."""
    return "".join(
        f"::{_GITHUB_LEVELS[d.severity]} file={_escape_property(d.file)},line={d.line},col={d.column},"
        f"title={_escape_property(d.code)}::{_escape_data(f'{d.message} [{d.rule}]')}\n"
        for d in result.diagnostics)


def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # only SARIF asks; the import costs 20 ms

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


def bibles_line(result: CheckResult) -> str:
    """Which bible the check read: `checked against bibles/x/bible.yaml`, or that it read none."""
    used = list(dict.fromkeys(result.bibles))
    named = [path for path in used if path]
    parts = [f"checked against {', '.join(named)}"] if named else []
    if "" in used:
        parts.append("without a bible (the cast is read from the cues and notes)")
    return "; ".join(parts) or "nothing checked"


def presence(result: CheckResult) -> dict:
    """Who is in which scene, as plain data: the scenes in story order and each character's scenes.

    A scene is named by its scene number; one without is named by its position, as "@7".
    """
    scenes = []
    appearances: dict[str, list[str]] = {ident: [] for ident in result.characters}
    for scene in result.scenes:
        scenes.append({"scene": scene.scene_number or None, "position": scene.number,
                       "file": scene.file, "line": scene.line, "heading": scene.heading,
                       "flashback": scene.flashback,
                       "characters": [result.characters.get(i, i) for i in scene.cast],
                       "unknown": list(scene.unknown_cast)})
        for ident in scene.cast:
            appearances.setdefault(ident, []).append(scene.scene_number or f"@{scene.number}")
    characters = [{"id": ident, "name": result.characters.get(ident, ident), "scenes": labels,
                   "first": labels[0] if labels else None, "last": labels[-1] if labels else None,
                   "count": len(labels)}
                  for ident, labels in appearances.items()]
    characters.sort(key=lambda c: -c["count"])
    return {"scenes": scenes, "characters": characters}


def _stats_text(data: dict) -> str:
    lines = []
    for scene in data["scenes"]:
        names = scene["characters"] + [f"{n}?" for n in scene["unknown"]]
        mark = " (flashback)" if scene["flashback"] else ""
        lines.append(one_line(f"{scene['scene'] or '@' + str(scene['position']):>4}  {scene['file']}:{scene['line']}  "
                              f"{scene['heading'] or '(before the first heading)'}{mark}: {', '.join(names) or '-'}"))
    lines.append("")
    width = max((len(c["name"]) for c in data["characters"]), default=4)
    for character in data["characters"]:
        span = f"scenes {character['first']}–{character['last']}" if character["count"] else "in no scene"
        lines.append(one_line(f"{character['name']:<{width}}  {character['count']:>4}  {span}"))
    return "\n".join(lines) + "\n"


def _stats_csv(data: dict) -> str:
    """Two tables, a blank line apart: a row per scene, then a row per character."""
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(["scene", "position", "file", "line", "heading", "flashback", "characters"])
    for scene in data["scenes"]:
        writer.writerow([scene["scene"] or "", scene["position"], scene["file"], scene["line"], scene["heading"],
                         "yes" if scene["flashback"] else "", "; ".join(scene["characters"])])
    out.write("\n")
    writer.writerow(["character", "id", "count", "first", "last", "scenes"])
    for character in data["characters"]:
        writer.writerow([character["name"], character["id"], character["count"], character["first"] or "",
                         character["last"] or "", "; ".join(character["scenes"])])
    return out.getvalue()


def format_stats(result: CheckResult, name: str = "text") -> str:
    """Who is in which scene, as text, CSV or JSON: a record a scene, then one a character with the
    scenes they are in, the first, the last and how many."""
    data = presence(result)
    if name == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if name == "csv":
        return _stats_csv(data)
    return _stats_text(data)


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
