"""The breakdown as text to read, CSV for spreadsheets and scheduling software, or JSON."""
from __future__ import annotations

import csv
import io
import json

from toolkit.continuity.breakdown import Breakdown, Row
from toolkit.continuity.page_length import format_eighths

CSV_COLUMNS = ("scene", "file", "line", "int_ext", "set", "time", "story_day", "day_source", "day_gap",
               "eighths", "flashback", "cast_numbers", "cast", "mentioned")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe
    (OWASP's CSV injection advice)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def day_label(row: Row) -> str:
    """The story day as the text table writes it: "3", "4 (inferred)", "5 (+?)", "-" in a flashback."""
    if row.story_day is None:
        return "-"
    if row.day_source == "inferred":
        return f"{row.story_day} (inferred)"
    if row.day_gap == "unknown":
        return f"{row.story_day} (+?)"
    return str(row.story_day)


def _csv(data: Breakdown) -> str:
    """A header row, then a row a scene; the length as a whole number of eighths, since a spreadsheet
    reads "3/8" as the 3rd of August."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in data.rows:
        cells = (row.scene, row.file, row.line, row.int_ext, row.set, row.time or "",
                 "" if row.story_day is None else row.story_day, row.day_source or "", row.day_gap or "",
                 row.eighths, "yes" if row.flashback else "",
                 ", ".join(str(n) for n, _ in row.cast), "; ".join(name for _, name in row.cast),
                 "; ".join(row.mentioned))
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return "\ufeff" + out.getvalue()


def _text(data: Breakdown) -> str:
    table = [("SCENE", "WHERE", "I/E", "SET", "TIME", "DAY", "PAGES", "CAST")]
    for row in data.rows:
        cast = ", ".join(str(n) for n, _ in row.cast)
        if row.mentioned:
            cast += f" (mentioned: {', '.join(row.mentioned)})"
        table.append((row.scene, f"{row.file}:{row.line}", row.int_ext or "-", row.set or "-",
                      (row.time or "-") + (" (flashback)" if row.flashback else ""), day_label(row),
                      format_eighths(row.eighths), cast.strip() or "-"))
    widths = [max(len(r[k]) for r in table) for k in range(len(table[0]) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)) + "  " + r[-1] for r in table]
    total = sum(r.eighths for r in data.rows)
    days = len({r.story_day for r in data.rows} - {None})
    lines += ["", (f"{len(data.rows)} scenes, {format_eighths(total)} pages ({data.paper.name}, "
                   f"{data.paper.lines} lines a page), {days} story days")]
    if data.cast:
        lines += ["", "cast: " + "  ".join(f"{n} {name}" for n, name in data.cast)]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def format_breakdown(data: Breakdown, name: str = "text") -> str:
    """The breakdown as `text`, `csv` (a header row, UTF-8 with a byte-order mark) or `json`."""
    if name == "json":
        return json.dumps({"scenes": [row.as_json() for row in data.rows]}, ensure_ascii=False, indent=2) + "\n"
    if name == "csv":
        return _csv(data)
    return _text(data)
