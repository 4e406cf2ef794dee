"""The relationship picture: characters and organisations as an SVG drawn in Python.

Characters and organisations are boxes; relations between characters and affiliations with
organisations are lines. Each connected group is laid out force-directed (Fruchterman and Reingold)
from positions derived from the bible order and the ids, so the same bible always gives the same
picture; the groups are packed side by side, boxes with no line go in rows along the bottom, and a
last pass pushes overlapping boxes apart.
"""
from __future__ import annotations

import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from toolkit.presence_chart import abbreviate
from toolkit.story import Story

FONT = "DejaVu Sans, sans-serif"
WIDTH, HEIGHT = 770.0, 440.0
LEGEND_HEIGHT = 18.0
MARGIN = 8.0
NAME_SIZE, LABEL_SIZE = 7.5, 6.0
CHAR_WIDTH = 0.6  # average advance of a DejaVu Sans glyph, in ems
RELATION_COLOURS = {"family": "#2f5f9f", "enemy": "#b22222", "work": "#2e7d32"}
RELATION_KINDS = {
    "son_of": "family", "daughter_of": "family", "parent_of": "family", "wife_of": "family",
    "husband_of": "family", "sibling_of": "family", "enemy_of": "enemy",
    "mentor_of": "work", "partner_of": "work", "works_for": "work",
}
AFFILIATION_STROKES = {  # status: (width, dash pattern)
    "leader": (2.2, ""), "current": (1.0, ""), "former": (1.0, "5 3"),
    "undercover": (1.1, "1 2.5"), "unknown": (0.7, "2 2"),
}
AFFILIATION_COLOUR = "#7a7f87"
IDEAL_EDGE = 90.0  # pt between linked boxes before the layout is scaled to the page
MAX_SCALE = 2.0
MAX_STRETCH = 1.8  # how much wider than tall (or taller than wide) the layout may be stretched


@dataclass
class _Node:
    key: str
    label: str
    organisation: bool
    x: float = 0.0
    y: float = 0.0

    @property
    def width(self) -> float:
        return len(self.label) * NAME_SIZE * CHAR_WIDTH + 12

    @property
    def height(self) -> float:
        return NAME_SIZE + 9


@dataclass
class _Edge:
    source: str
    target: str
    colour: str
    width: float = 1.0
    dash: str = ""
    labels: list[tuple[str, str]] = field(default_factory=list)  # (subject key, words)


def _graph(story: Story, relation_words: Mapping[str, str]) -> tuple[dict[str, _Node], list[_Edge]]:
    nodes = {f"c:{c.id}": _Node(f"c:{c.id}", abbreviate(c.name, 26), False) for c in story.characters}
    for org in story.organisations:
        nodes[f"o:{org.id}"] = _Node(f"o:{org.id}", abbreviate(org.abbreviation or org.name, 26), True)
    edges: dict[tuple[str, str], _Edge] = {}
    for character in story.characters:
        source = f"c:{character.id}"
        for relation in character.relations:
            target = f"c:{relation.target}"
            if target not in nodes or target == source:
                continue
            pair = tuple(sorted((source, target)))
            colour = RELATION_COLOURS[RELATION_KINDS.get(relation.type, "work")]
            edge = edges.setdefault(pair, _Edge(pair[0], pair[1], colour))
            edge.labels.append((source, relation_words.get(relation.type, relation.type)))
        for affiliation in character.affiliations:
            target = f"o:{affiliation.org}"
            if target in nodes:
                width, dash = AFFILIATION_STROKES.get(affiliation.status, AFFILIATION_STROKES["unknown"])
                edges.setdefault((source, target), _Edge(source, target, AFFILIATION_COLOUR, width, dash))
    return nodes, list(edges.values())


def _components(nodes: dict[str, _Node], edges: list[_Edge]) -> list[list[_Node]]:
    """The connected groups of nodes, largest first, each in bible order."""
    group = {key: key for key in nodes}

    def root(key: str) -> str:
        while group[key] != key:
            group[key] = group[group[key]]
            key = group[key]
        return key

    for edge in edges:
        group[root(edge.source)] = root(edge.target)
    members: dict[str, list[_Node]] = {}
    for key, node in nodes.items():
        members.setdefault(root(key), []).append(node)
    return sorted(members.values(), key=len, reverse=True)


def _force_layout(items: list[_Node], edges: list[_Edge], nodes: dict[str, _Node]) -> None:
    """Fruchterman-Reingold around (0, 0), started on a circle in bible order; a hash of each key
    nudges it off the circle, so no symmetry traps the layout and the same bible gives the same picture."""
    count = len(items)
    radius = IDEAL_EDGE * math.sqrt(count) / 2
    for index, node in enumerate(items):
        angle = 2 * math.pi * index / count
        nudge = 1 + ((zlib.crc32(node.key.encode()) % 1000) / 1000 - 0.5) * 0.3
        node.x, node.y = radius * nudge * math.cos(angle) * 1.5, radius * nudge * math.sin(angle)
    iterations = 200 if count <= 30 else 100
    for step in range(iterations):
        moves = {node.key: [0.0, 0.0] for node in items}
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                dx, dy = a.x - b.x, a.y - b.y
                distance = math.hypot(dx, dy) or 0.01
                push = IDEAL_EDGE * IDEAL_EDGE / distance
                moves[a.key][0] += dx / distance * push
                moves[a.key][1] += dy / distance * push
                moves[b.key][0] -= dx / distance * push
                moves[b.key][1] -= dy / distance * push
        for edge in edges:
            a, b = nodes[edge.source], nodes[edge.target]
            dx, dy = a.x - b.x, a.y - b.y
            distance = math.hypot(dx, dy) or 0.01
            pull = distance * distance / IDEAL_EDGE
            moves[a.key][0] -= dx / distance * pull
            moves[a.key][1] -= dy / distance * pull
            moves[b.key][0] += dx / distance * pull
            moves[b.key][1] += dy / distance * pull
        limit = (radius + IDEAL_EDGE) * (1 - step / iterations) + 1
        for node in items:
            mx, my = moves[node.key][0] - node.x * 0.05, (moves[node.key][1] - node.y * 0.05) * 1.3
            length = math.hypot(mx, my) or 1.0
            node.x += mx / length * min(length, limit)
            node.y += my / length * min(length, limit)


def _bounds(items: list[_Node]) -> tuple[float, float, float, float]:
    return (min(n.x - n.width / 2 for n in items), min(n.y - n.height / 2 for n in items),
            max(n.x + n.width / 2 for n in items), max(n.y + n.height / 2 for n in items))


def _pack(groups: list[list[_Node]], height: float) -> None:
    """Set the laid-out groups side by side in rows, then scale and centre them in the drawing area."""
    gap, x, y, row_height = 24.0, 0.0, 0.0, 0.0
    row_width = max(WIDTH - 2 * MARGIN, *(_bounds(g)[2] - _bounds(g)[0] for g in groups))
    for group in groups:
        left, top, right, bottom = _bounds(group)
        if x and x + right - left > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node in group:
            node.x, node.y = node.x - left + x, node.y - top + y
        x += right - left + gap
        row_height = max(row_height, bottom - top)
    items = [node for group in groups for node in group]
    widest, tallest = max(n.width for n in items), max(n.height for n in items)
    spread_x = max(n.x for n in items) - min(n.x for n in items)
    spread_y = max(n.y for n in items) - min(n.y for n in items)
    scale_x = min((WIDTH - 2 * MARGIN - widest) / max(spread_x, 1.0), MAX_SCALE)
    scale_y = min((height - 2 * MARGIN - tallest) / max(spread_y, 1.0), MAX_SCALE)
    scale_x, scale_y = min(scale_x, scale_y * MAX_STRETCH), min(scale_y, scale_x * MAX_STRETCH)
    centre_x = (max(n.x for n in items) + min(n.x for n in items)) / 2
    centre_y = (max(n.y for n in items) + min(n.y for n in items)) / 2
    for node in items:
        node.x = WIDTH / 2 + (node.x - centre_x) * scale_x
        node.y = height / 2 + (node.y - centre_y) * scale_y
    _clamp(items, height)


def _clamp(items: list[_Node], height: float) -> None:
    for node in items:
        node.x = min(max(node.x, MARGIN + node.width / 2), WIDTH - MARGIN - node.width / 2)
        node.y = min(max(node.y, MARGIN + node.height / 2), height - MARGIN - node.height / 2)


def _separate(nodes: dict[str, _Node], height: float, rounds: int = 60) -> None:
    """Push overlapping boxes apart along the axis where they overlap least."""
    items = list(nodes.values())
    gap = 6.0
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                overlap_x = (a.width + b.width) / 2 + gap - abs(a.x - b.x)
                overlap_y = (a.height + b.height) / 2 + gap - abs(a.y - b.y)
                if overlap_x <= 0 or overlap_y <= 0:
                    continue
                moved = True
                if overlap_x < overlap_y * 2:
                    shift = overlap_x / 2 * (1 if a.x >= b.x else -1)
                    a.x, b.x = a.x + shift, b.x - shift
                else:
                    shift = overlap_y / 2 * (1 if a.y >= b.y else -1)
                    a.y, b.y = a.y + shift, b.y - shift
        _clamp(items, height)
        if not moved:
            break


def _place_loose(loose: list[_Node]) -> float:
    """Nodes without any line in rows along the bottom of the drawing; returns the height they take."""
    if not loose:
        return 0.0
    row_height = loose[0].height + 6
    rows: list[list[_Node]] = [[]]
    x = MARGIN
    for node in loose:
        if rows[-1] and x + node.width > WIDTH - MARGIN:
            rows.append([])
            x = MARGIN
        node.x = x + node.width / 2
        rows[-1].append(node)
        x += node.width + 8
    top = HEIGHT - MARGIN - len(rows) * row_height
    for index, row in enumerate(rows):
        for node in row:
            node.y = top + index * row_height + row_height / 2
    return len(rows) * row_height + MARGIN


def _svg_edge(edge: _Edge, nodes: dict[str, _Node]) -> str:
    a, b = nodes[edge.source], nodes[edge.target]
    dash = f' stroke-dasharray="{edge.dash}"' if edge.dash else ""
    return (f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}" stroke="{edge.colour}" '
            f'stroke-width="{edge.width}"{dash}/>')


def _border_point(node: _Node, towards: _Node) -> tuple[float, float]:
    """Where the line from a node's centre towards another node leaves the node's box."""
    dx, dy = towards.x - node.x, towards.y - node.y
    t = min(node.width / 2 / abs(dx) if dx else math.inf, node.height / 2 / abs(dy) if dy else math.inf, 1.0)
    return node.x + dx * t, node.y + dy * t


def _svg_edge_labels(edge: _Edge, nodes: dict[str, _Node]) -> list[str]:
    """Each relation's words on the visible part of the line, nearer its subject: "Jonas — son of — Hanna"."""
    parts = []
    for subject, words in edge.labels:
        a = nodes[subject]
        b = nodes[edge.target if subject == edge.source else edge.source]
        (ax, ay), (bx, by) = _border_point(a, b), _border_point(b, a)
        share = 0.5 if len(edge.labels) == 1 else 0.28
        x, y = ax + (bx - ax) * share, ay + (by - ay) * share
        width = len(words) * LABEL_SIZE * CHAR_WIDTH + 4
        parts.append(f'<rect x="{x - width / 2:.1f}" y="{y - LABEL_SIZE / 2 - 1.5:.1f}" width="{width:.1f}" '
                     f'height="{LABEL_SIZE + 3:.1f}" fill="#ffffff" fill-opacity="0.85"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + LABEL_SIZE / 2 - 1:.1f}" font-size="{LABEL_SIZE}" '
                     f'font-family="{FONT}" text-anchor="middle" fill="{edge.colour}">{escape(words)}</text>')
    return parts


def _svg_node(node: _Node) -> str:
    fill, stroke, radius = ("#e9e2d0", "#8a6d3b", 1.5) if node.organisation else ("#ffffff", "#2f4f6f", 6)
    weight = "bold" if node.organisation else "normal"
    return (f'<rect x="{node.x - node.width / 2:.1f}" y="{node.y - node.height / 2:.1f}" '
            f'width="{node.width:.1f}" height="{node.height:.1f}" rx="{radius}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="0.9"/>'
            f'<text x="{node.x:.1f}" y="{node.y + NAME_SIZE / 2 - 1:.1f}" font-size="{NAME_SIZE}" '
            f'font-family="{FONT}" text-anchor="middle" font-weight="{weight}">{escape(node.label)}</text>')


def _svg_legend(words: Mapping[str, str], y: float) -> list[str]:
    parts, x = [], MARGIN
    entries = [(RELATION_COLOURS[k], "", words.get(k, k)) for k in ("family", "enemy", "work")]
    entries.append((AFFILIATION_COLOUR, "5 3", words.get("affiliation", "affiliation")))
    for colour, dash, text in entries:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 18:.1f}" y2="{y:.1f}" stroke="{colour}" '
                     f'stroke-width="1.4"{dash_attr}/>')
        parts.append(f'<text x="{x + 22:.1f}" y="{y + 2.5:.1f}" font-size="7" font-family="{FONT}">'
                     f'{escape(text)}</text>')
        x += 34 + len(text) * 7 * CHAR_WIDTH
    return parts


def relation_graph(story: Story, relation_words: Mapping[str, str],
                   legend_words: Mapping[str, str]) -> Markup:
    """The picture as an SVG element sized for a landscape page; empty Markup for an empty story.

    ``relation_words`` names each relation type (son_of → "Sohn von"); ``legend_words`` names the
    line kinds (family, enemy, work, affiliation).
    """
    nodes, edges = _graph(story, relation_words)
    if not nodes:
        return Markup("")
    connected = {edge.source for edge in edges} | {edge.target for edge in edges}
    linked = {key: node for key, node in nodes.items() if key in connected}
    area = HEIGHT - _place_loose([node for key, node in nodes.items() if key not in connected])
    if linked:
        groups = _components(linked, edges)
        for group in groups:
            keys = {node.key for node in group}
            _force_layout(group, [edge for edge in edges if edge.source in keys], nodes)
        _pack(groups, area)
        _separate(linked, area)
    total = HEIGHT + LEGEND_HEIGHT
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}pt" height="{total}pt" '
             f'viewBox="0 0 {WIDTH} {total}">']
    parts += [_svg_edge(edge, nodes) for edge in edges]
    for edge in edges:
        parts += _svg_edge_labels(edge, nodes)
    parts += [_svg_node(node) for node in nodes.values()]
    parts += _svg_legend(legend_words, HEIGHT + LEGEND_HEIGHT / 2)
    parts.append("</svg>")
    return Markup("".join(parts))
