"""WeasyPrint's user-agent stylesheet without the rules for pseudo-elements a bible never makes.

The stylesheet gives every element a ::marker, ::footnote-call, ::footnote-marker, ::note-call,
::note-marker and ::note-callback, and WeasyPrint matches those rules against each element and works out
six styles for it that no element of a bible uses: a tenth of the time of a large bible (36,000 styles for
6,000 elements), which no style sharing saves. A document whose own CSS has no footnotes or notes and
no list items but <li> gets the stylesheet with the note rules left out and the ::marker rule tried on
<li> elements only; its PDF is byte-identical (tests/test_html_tree.py). The stylesheet is the one
WeasyPrint parsed, its matcher copied and filtered: parsing it again would cost 70 ms.
"""
from __future__ import annotations

import copy
import re
from functools import cache

NOTE_PSEUDO_ELEMENTS = frozenset(("footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"))
# what in a document's CSS asks for the left-out rules: footnotes, notes, list items other than <li>, markers
WANTS_FULL = re.compile(r"note|list-item|marker", re.I)
STYLESHEETS = re.compile(r"<style\b[^<>]*>(.*?)</style>|\sstyle=\"([^\"]*)\"|<link\b", re.S)


def needs_full_stylesheet(html: str) -> bool:
    """Whether the document's CSS (its <style> elements and style attributes) may use the left-out rules;
    a stylesheet it links to is not read, so a link counts as yes."""
    return any(match.group(0).startswith("<link") or WANTS_FULL.search(match.group(1) or match.group(2) or "")
               for match in STYLESHEETS.finditer(html))


@cache
def lean_stylesheet():
    """The user-agent stylesheet without the note rules, ::marker for <li> only; None when WeasyPrint's or
    cssselect2's insides are not as this expects (then the document keeps the whole stylesheet)."""
    from weasyprint.html import UA_STYLESHEET

    matcher = getattr(UA_STYLESHEET, "matcher", None)
    others = getattr(matcher, "other_selectors", None)
    by_name = getattr(matcher, "lower_local_name_selectors", None)
    if not isinstance(others, list) or not isinstance(by_name, dict) or \
            not all(isinstance(entry, tuple) and len(entry) == 5 for entry in others):
        return None
    pseudo_elements = [entry[3] for entry in others]  # (test, specificity, order, pseudo-element, payload)
    if pseudo_elements.count("marker") != 1 or not set(pseudo_elements) >= NOTE_PSEUDO_ELEMENTS:
        return None
    lean = copy.copy(matcher)
    lean.other_selectors = [e for e in others if e[3] != "marker" and e[3] not in NOTE_PSEUDO_ELEMENTS]
    lean.lower_local_name_selectors = {**by_name, "li": [*by_name.get("li", ()), *(e for e in others if e[3] == "marker")]}
    sheet = copy.copy(UA_STYLESHEET)
    sheet.matcher = lean
    return sheet
