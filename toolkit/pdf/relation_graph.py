"""The relationship picture: who is what to whom, as SVG pages drawn in Python.

Only characters with a relation are drawn, each in the frame of their organisation (the one they
lead or belong to now, else the one they left; "no organisation" otherwise). A relation is an arrow
from its subject to its object, so "A son of B" points from A to B; its words carry an arrow that
points the same way, so they read in the arrow's direction whichever way the line runs. Relations
that say the same thing both ways (enemies, siblings, partners; parent and child; spouses) are one
line. Organisations are packed onto landscape pages of at most PAGE_NODES characters; a relation to
a character on another page ends at a dashed box of that character. Each label goes to the first
place along its line where it overlaps no box, title or other label (see `overlaps`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from toolkit.model.story import Character, Story
from toolkit.pdf.picture_text import PictureText, text_layer
from toolkit.pdf.presence_chart import abbreviate

WIDTH, HEIGHT = 770.0, 430.0  # the drawing area of a landscape A4 page, legend included
LEGEND_HEIGHT = 16.0
CROP_MARGIN = 24.0  # room above and below the frames for the labels of lines that bend out
NAME_SIZE, LABEL_SIZE, TITLE_SIZE = 7.5, 6.0, 7.0
CHAR_WIDTH = 0.62  # a generous average advance of a DejaVu Sans glyph, in ems: boxes hold their text
NODE_HEIGHT = NAME_SIZE + 9
COLUMN_GAP, ROW_GAP = 46.0, 40.0  # least room between boxes of a frame, for the labels of short lines
SPREADS = (2.6, 2.0, 1.6, 1.3, 1.0)  # small pictures spread their boxes wider, to fill the page
BEND = 22.0  # how far a line bends round a box in its way, per try
FRAME_PAD, FRAME_TITLE, FRAME_GAP = 8.0, 12.0, 26.0
PAGE_NODES = 24
RELATION_COLOURS = {"family": "#2f5f9f", "enemy": "#b22222", "work": "#2e7d32"}
RELATION_KINDS = {
    "son_of": "family", "daughter_of": "family", "parent_of": "family", "wife_of": "family",
    "husband_of": "family", "sibling_of": "family", "enemy_of": "enemy",
    "mentor_of": "work", "partner_of": "work", "works_for": "work",
}
SYMMETRIC = {"sibling_of", "partner_of", "enemy_of"}
# A relation and its converse: one of them says all.
CONVERSES = {"son_of": {"parent_of"}, "daughter_of": {"parent_of"}, "parent_of": {"son_of", "daughter_of"},
             "wife_of": {"husband_of"}, "husband_of": {"wife_of"}}
MEMBERSHIP_ORDER = ("leader", "current", "undercover", "unknown", "former")
# Arrows by the direction a line runs, counter-clockwise from east in steps of 45°; the page's y runs down.
ARROWS = ("→", "↗", "↑", "↖", "←", "↙", "↓", "↘")


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle by its centre and size, in pt."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        return (abs(self.x - other.x) * 2 < self.width + other.width + 2 * margin
                and abs(self.y - other.y) * 2 < self.height + other.height + 2 * margin)

    def inside(self, width: float, height: float) -> bool:
        return (self.x - self.width / 2 >= 0 and self.y - self.height / 2 >= 0
                and self.x + self.width / 2 <= width and self.y + self.height / 2 <= height)


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


@dataclass
class _Node:
    key: str
    label: str
    ghost: bool = False  # a character of another page
    x: float = 0.0
    y: float = 0.0

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, _text_width(self.label, NAME_SIZE) + 12, NODE_HEIGHT)


@dataclass
class _Edge:
    source: str
    target: str
    kind: str
    words: list[str]
    both_ways: bool = False
    offset: float = 0.0  # sideways shift, for a pair joined both ways by different relations


@dataclass
class _Frame:
    title: str
    members: list[str]
    ghost: bool = False
    box: Box | None = None


@dataclass
class RelationPage:
    """One page of the picture: its SVG with the words laid over it, the organisations on it, and the
    boxes drawn (for tests)."""

    html: Markup
    titles: list[str]
    node_boxes: list[Box] = field(default_factory=list)
    label_boxes: list[Box] = field(default_factory=list)
    title_boxes: list[Box] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # the line kinds drawn (family, enemy, work)
    ghosts: bool = False


def _words(words: Mapping, kind: str, gender: str) -> str:
    """A relation's words for a subject of this gender (the labels give them by gender, or one for all)."""
    entry = words.get(kind)
    if isinstance(entry, Mapping):
        entry = entry.get(gender) or entry.get("unknown")
    return str(entry) if entry else kind.replace("_", " ")


def _edges(story: Story, words: Mapping) -> list[_Edge]:
    """One edge per pair and direction; converse and symmetric relations folded into one."""
    known = {c.id for c in story.characters}
    genders = {c.id: c.gender for c in story.characters}
    said: dict[tuple[str, str], list[str]] = {}
    for character in story.characters:
        for relation in character.relations:
            if relation.target in known and relation.target != character.id:
                said.setdefault((character.id, relation.target), [])
                if relation.type not in said[(character.id, relation.target)]:
                    said[(character.id, relation.target)].append(relation.type)
    edges: dict[tuple[str, str], _Edge] = {}
    for (source, target), types in said.items():
        back = said.get((target, source), [])
        for kind in types:
            said_back = (kind in SYMMETRIC and kind in back) or bool(CONVERSES.get(kind, set()) & set(back))
            if said_back and (target, source) in edges:
                continue  # the line the other way says it already
            edge = edges.get((source, target))
            text = _words(words, kind, genders.get(source, "unknown"))
            if edge is None:
                edges[(source, target)] = _Edge(source, target, RELATION_KINDS.get(kind, "work"), [text],
                                                both_ways=kind in SYMMETRIC and kind in back)
            elif text not in edge.words:
                edge.words.append(text)
    for (source, target), edge in edges.items():
        if (target, source) in edges:
            edge.offset = 9.0
    return list(edges.values())


def _home(character: Character, organisations: Mapping[str, str]) -> str:
    """The organisation a character is drawn in: the one they lead or belong to, else one they left."""
    ranked = sorted((a for a in character.affiliations if a.org in organisations),
                    key=lambda a: MEMBERSHIP_ORDER.index(a.status) if a.status in MEMBERSHIP_ORDER else 9)
    return ranked[0].org if ranked else ""


def _frames(story: Story, drawn: set[str], no_organisation: str) -> list[_Frame]:
    """The organisations' frames, in bible order, with their drawn members; no organisation last."""
    organisations = {o.id: o.name for o in story.organisations}
    members: dict[str, list[str]] = {}
    for character in story.characters:
        if character.id in drawn:
            members.setdefault(_home(character, organisations), []).append(character.id)
    frames = [_Frame(organisations[o], members[o]) for o in organisations if o in members]
    if "" in members:
        frames.append(_Frame(no_organisation, members[""]))
    return frames


def _pages(frames: list[_Frame]) -> list[list[_Frame]]:
    """Frames packed onto pages of at most PAGE_NODES characters; a larger frame is split."""
    pieces = []
    for frame in frames:
        for start in range(0, len(frame.members), PAGE_NODES):
            pieces.append(_Frame(frame.title, frame.members[start:start + PAGE_NODES]))
    pages: list[list[_Frame]] = []
    count = PAGE_NODES + 1
    for piece in pieces:
        if count + len(piece.members) > PAGE_NODES:
            pages.append([])
            count = 0
        pages[-1].append(piece)
        count += len(piece.members)
    return pages


def _order(members: list[str], edges: Sequence[_Edge]) -> list[str]:
    """Members in an order that puts related characters side by side: breadth first from the busiest."""
    inside = set(members)
    neighbours: dict[str, list[str]] = {m: [] for m in members}
    for edge in edges:
        if edge.source in inside and edge.target in inside:
            neighbours[edge.source].append(edge.target)
            neighbours[edge.target].append(edge.source)
    ordered: list[str] = []
    for start in sorted(members, key=lambda m: (-len(neighbours[m]), members.index(m))):
        queue = [start]
        while queue:
            key = queue.pop(0)
            if key not in ordered:
                ordered.append(key)
                queue += [n for n in neighbours[key] if n not in ordered]
    return ordered


def _place(frames: list[_Frame], nodes: dict[str, _Node], edges: Sequence[_Edge], height: float) -> bool:
    """Lay each frame's members on a grid and the frames in rows, as wide apart as the page allows;
    False when they do not fit."""
    return any(_place_spread(frames, nodes, edges, height, spread) for spread in SPREADS)


def _place_spread(frames: list[_Frame], nodes: dict[str, _Node], edges: Sequence[_Edge], height: float,
                  spread: float) -> bool:
    column_gap, row_gap = COLUMN_GAP * spread, ROW_GAP * spread
    x = y = row_height = 0.0
    for frame in frames:
        members = _order(frame.members, edges)
        cell_width = max(nodes[m].box.width for m in members) + column_gap
        columns = max(1, min(len(members), math.ceil(math.sqrt(len(members) * 2)),
                             int((WIDTH - 2 * FRAME_PAD) // cell_width)))
        rows = math.ceil(len(members) / columns)
        title_width = _text_width(frame.title, TITLE_SIZE) + 2 * FRAME_PAD
        width = max(columns * cell_width - column_gap + 2 * FRAME_PAD, title_width)
        frame_height = FRAME_TITLE + rows * (NODE_HEIGHT + row_gap) - row_gap + 2 * FRAME_PAD
        if x and x + width > WIDTH:
            x, y, row_height = 0.0, y + row_height + FRAME_GAP * spread, 0.0
        left = x + (width - (columns * cell_width - column_gap)) / 2
        for index, key in enumerate(members):
            row, column = divmod(index, columns)
            if row % 2:  # snake, so the next in order sits below the last of the row above
                column = columns - 1 - column
            nodes[key].x = left + column * cell_width + (cell_width - column_gap) / 2
            nodes[key].y = y + FRAME_PAD + FRAME_TITLE + row * (NODE_HEIGHT + row_gap) + NODE_HEIGHT / 2
        frame.box = Box(x + width / 2, y + frame_height / 2, width, frame_height)
        x += width + FRAME_GAP * spread
        row_height = max(row_height, frame_height)
    used = y + row_height
    if used + 2 * CROP_MARGIN > height or x > WIDTH + FRAME_GAP * spread:
        return False
    shift_x = (WIDTH - max(f.box.x + f.box.width / 2 for f in frames)) / 2
    shift_y = CROP_MARGIN  # at the top: the picture is cut to what it uses, so it can share its page
    for frame in frames:
        frame.box = Box(frame.box.x + shift_x, frame.box.y + shift_y, frame.box.width, frame.box.height)
        for key in frame.members:
            nodes[key].x += shift_x
            nodes[key].y += shift_y
    return True


def _title_box(frame: _Frame) -> Box:
    box = frame.box
    width = _text_width(frame.title, TITLE_SIZE) + 4
    return Box(box.x - box.width / 2 + FRAME_PAD + width / 2 - 2, box.y - box.height / 2 + 8, width, TITLE_SIZE + 4)


def _border_point(box: Box, towards_x: float, towards_y: float) -> tuple[float, float]:
    """Where the line from a box's centre towards a point leaves the box."""
    dx, dy = towards_x - box.x, towards_y - box.y
    t = min(box.width / 2 / abs(dx) if dx else math.inf, box.height / 2 / abs(dy) if dy else math.inf, 1.0)
    return box.x + dx * t, box.y + dy * t


Curve = tuple[float, float, float, float, float, float]  # start, control point, end of a quadratic Bézier


def _point(curve: Curve, t: float) -> tuple[float, float]:
    x1, y1, cx, cy, x2, y2 = curve
    u = 1 - t
    return u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2


def _normal(curve: Curve, t: float) -> tuple[float, float]:
    x1, y1, cx, cy, x2, y2 = curve
    dx = 2 * (1 - t) * (cx - x1) + 2 * t * (x2 - cx)
    dy = 2 * (1 - t) * (cy - y1) + 2 * t * (y2 - cy)
    length = math.hypot(dx, dy) or 1.0
    return -dy / length, dx / length


def _route(edge: _Edge, nodes: Mapping[str, _Node]) -> Curve:
    """The line of a relation: straight when that passes no other box, else bent round the boxes;
    a pair related both ways by different relations gets two lines bent apart."""
    a, b = nodes[edge.source].box, nodes[edge.target].box
    others = [n.box for key, n in nodes.items() if key not in (edge.source, edge.target)]
    length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
    nx, ny = -(b.y - a.y) / length, (b.x - a.x) / length
    curve: Curve | None = None
    for bend in (0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 4.0, -4.0):
        shift = bend * BEND + edge.offset
        cx, cy = (a.x + b.x) / 2 + nx * shift, (a.y + b.y) / 2 + ny * shift
        x1, y1 = _border_point(a, cx, cy)
        x2, y2 = _border_point(b, cx, cy)
        candidate = (x1, y1, cx, cy, x2, y2)
        curve = curve or candidate
        samples = [_point(candidate, step / 20) for step in range(1, 20)]
        if not any(abs(x - box.x) * 2 < box.width + 4 and abs(y - box.y) * 2 < box.height + 4
                   for x, y in samples for box in others):
            return candidate
    return curve


def _label_text(edge: _Edge, x1: float, y1: float, x2: float, y2: float) -> str:
    """The relation's words with an arrow pointing where the line points."""
    words = " / ".join(edge.words)
    if edge.both_ways:
        return words
    angle = math.degrees(math.atan2(y1 - y2, x2 - x1)) % 360
    arrow = ARROWS[round(angle / 45) % 8]
    return f"{arrow} {words}" if 90 < angle < 270 else f"{words} {arrow}"


def _label_box(text: str, x: float, y: float) -> Box:
    return Box(x, y, _text_width(text, LABEL_SIZE) + 4, LABEL_SIZE + 4)


def _free_spot(text: str, curve: Curve, taken: list[Box], height: float) -> Box | None:
    """The first place along the line, then beside it, where the label overlaps nothing taken."""
    for side in (0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0):
        for share in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
            (px, py), (nx, ny) = _point(curve, share), _normal(curve, share)
            x, y = px + nx * side * (LABEL_SIZE + 4), py + ny * side * (LABEL_SIZE + 4)
            box = _label_box(text, x, y)
            if box.inside(WIDTH, height) and not any(box.overlaps(other, 1.0) for other in taken):
                return box
    return None


def _page_html(frames: list[_Frame], nodes: dict[str, _Node], labels: list[tuple[_Edge, str, Box, tuple]],
               legend: tuple[list[str], list[PictureText]], height: float) -> str:
    """The page's lines and boxes as SVG, its words laid over it (see toolkit.pdf.picture_text)."""
    total = height + LEGEND_HEIGHT
    parts = [f'<div class="picture" style="width: {WIDTH}pt; height: {total}pt">'
             f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}pt" height="{total}pt" '
             f'viewBox="0 0 {WIDTH} {total}">']
    texts = []
    for frame in frames:
        box = frame.box
        dash = ' stroke-dasharray="3 2"' if frame.ghost else ""
        parts.append(f'<rect x="{box.x - box.width / 2:.1f}" y="{box.y - box.height / 2:.1f}" '
                     f'width="{box.width:.1f}" height="{box.height:.1f}" rx="4" fill="#f4f6f8" '
                     f'stroke="#c8cdd2" stroke-width="0.6"{dash}/>')
        title = _title_box(frame)
        texts.append(PictureText(round(title.x - title.width / 2 + 2, 1), round(title.y + TITLE_SIZE / 2 - 1, 1),
                                 frame.title, TITLE_SIZE, "#555", bold=True))
    for edge, _, _, curve in labels:
        x1, y1, cx, cy, x2, y2 = curve
        colour = RELATION_COLOURS[edge.kind]
        parts.append(f'<path d="M{x1:.1f} {y1:.1f}Q{cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}" fill="none" '
                     f'stroke="{colour}" stroke-width="0.9"/>')
        parts.append(_arrowhead(cx, cy, x2, y2, colour))
        if edge.both_ways:
            parts.append(_arrowhead(cx, cy, x1, y1, colour))
    for node in nodes.values():
        box = node.box
        stroke, dash = ("#8a9199", ' stroke-dasharray="2.5 1.5"') if node.ghost else ("#2f4f6f", "")
        fill = "#555555" if node.ghost else "#1a1a1a"
        parts.append(f'<rect x="{box.x - box.width / 2:.1f}" y="{box.y - box.height / 2:.1f}" '
                     f'width="{box.width:.1f}" height="{box.height:.1f}" rx="5" fill="#ffffff" '
                     f'stroke="{stroke}" stroke-width="0.9"{dash}/>')
        texts.append(PictureText(round(box.x, 1), round(box.y + NAME_SIZE / 2 - 1, 1), node.label, NAME_SIZE, fill,
                                 "middle", room=box.width))
    for edge, text, box, _ in labels:
        parts.append(f'<rect x="{box.x - box.width / 2:.1f}" y="{box.y - box.height / 2:.1f}" '
                     f'width="{box.width:.1f}" height="{box.height:.1f}" fill="#ffffff" fill-opacity="0.9"/>')
        texts.append(PictureText(round(box.x, 1), round(box.y + LABEL_SIZE / 2 - 0.8, 1), text, LABEL_SIZE,
                                 RELATION_COLOURS[edge.kind], "middle", room=box.width))
    shapes, words = legend
    parts += shapes
    parts.append("</svg>")
    parts.append(text_layer([*texts, *words]))
    parts.append("</div>")
    return "".join(parts)


def _arrowhead(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    size, half = 6.0, 2.6
    bx, by = x2 - ux * size, y2 - uy * size
    return (f'<path d="M{x2:.1f} {y2:.1f}L{bx - uy * half:.1f} {by + ux * half:.1f}'
            f'L{bx + uy * half:.1f} {by - ux * half:.1f}z" fill="{colour}"/>')


def _legend(kinds: Sequence[str], ghosts: bool, words: Mapping[str, str],
            y: float) -> tuple[list[str], list[PictureText]]:
    """The legend's lines and boxes (SVG) and its words."""
    parts, texts, x = [], [], 0.0
    for kind in kinds:
        colour = RELATION_COLOURS[kind]
        parts.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 16:.1f}" y2="{y:.1f}" stroke="{colour}" '
                     f'stroke-width="1.2"/>{_arrowhead(x, y, x + 18, y, colour)}')
        text = words.get(kind, kind)
        texts.append(PictureText(round(x + 22, 1), round(y + 2.5, 1), text, 7, "#000000"))
        x += 34 + _text_width(text, 7)
    if ghosts:
        text = words.get("elsewhere", "elsewhere")
        parts.append(f'<rect x="{x:.1f}" y="{y - 4:.1f}" width="16" height="8" rx="3" fill="#ffffff" '
                     f'stroke="#8a9199" stroke-width="0.8" stroke-dasharray="2.5 1.5"/>')
        texts.append(PictureText(round(x + 22, 1), round(y + 2.5, 1), text, 7, "#000000"))
    return parts, texts


def _draw(page_frames: list[_Frame], story_nodes: dict[str, _Node], edges: list[_Edge], home: dict[str, int],
          words: Mapping[str, str], *, force: bool = False) -> RelationPage | None:
    """The page of these frames, or None when its boxes or labels do not fit (unless forced: then a
    label with no free place sits on its line's middle)."""
    height = HEIGHT - LEGEND_HEIGHT
    members = [key for frame in page_frames for key in frame.members]  # a list: the drawing order is fixed
    drawn = [e for e in edges if e.source in members or e.target in members]
    ghosts = sorted({k for e in drawn for k in (e.source, e.target) if k not in members},
                    key=lambda k: (home[k], list(story_nodes).index(k)))
    nodes = {key: _Node(key, story_nodes[key].label) for key in members}
    nodes.update({key: _Node(key, story_nodes[key].label, ghost=True) for key in ghosts})
    frames = [_Frame(f.title, list(f.members)) for f in page_frames]
    if ghosts:
        frames.append(_Frame(words.get("elsewhere", "elsewhere"), ghosts, ghost=True))
    if not _place(frames, nodes, drawn, height) and not force:
        return None
    height = min(height, max(f.box.y + f.box.height / 2 for f in frames) + CROP_MARGIN)
    taken = [node.box for node in nodes.values()] + [_title_box(frame) for frame in frames]
    placed = []
    for edge in drawn:
        curve = _route(edge, nodes)
        text = _label_text(edge, curve[0], curve[1], curve[4], curve[5])
        box = _free_spot(text, curve, taken, height)
        if box is None and not force:
            return None
        box = box or _label_box(text, *_point(curve, 0.5))
        taken.append(box)
        placed.append((edge, text, box, curve))
    kinds = [k for k in RELATION_COLOURS if any(e.kind == k for e in drawn)]
    legend = _legend(kinds, bool(ghosts), words, height + LEGEND_HEIGHT / 2 + 2)
    return RelationPage(
        html=Markup(_page_html(frames, nodes, placed, legend, height)),
        titles=[f.title for f in page_frames], node_boxes=[n.box for n in nodes.values()],
        label_boxes=[box for _, _, box, _ in placed], title_boxes=[_title_box(f) for f in frames],
        kinds=kinds, ghosts=bool(ghosts))


def relation_pages(story: Story, relation_words: Mapping[str, str], legend_words: Mapping[str, str],
                   no_organisation: str = "–") -> list[RelationPage]:
    """The picture's pages; none when no character has a relation to another.

    ``relation_words`` name the relation types (son_of → "Sohn von"); ``legend_words`` name the line
    kinds (family, enemy, work) and the boxes of characters drawn on another page (elsewhere).
    """
    edges = _edges(story, relation_words)
    drawn = {k for e in edges for k in (e.source, e.target)}
    if not drawn:
        return []
    frames = _frames(story, drawn, no_organisation)
    story_nodes = {c.id: _Node(c.id, abbreviate(c.name, 26)) for c in story.characters if c.id in drawn}
    pending = _pages(frames)
    pages: list[RelationPage] = []
    while pending:
        page_frames = pending.pop(0)
        home = {key: index for index, frame in enumerate(frames) for key in frame.members}
        members = [(f.title, m) for f in page_frames for m in f.members]
        page = _draw(page_frames, story_nodes, edges, home, legend_words, force=len(members) <= 1)
        if page is not None:
            pages.append(page)
            continue
        half = len(members) // 2
        pending[:0] = [_regroup(members[:half]), _regroup(members[half:])]
    return pages


def _regroup(members: list[tuple[str, str]]) -> list[_Frame]:
    frames: list[_Frame] = []
    for title, key in members:
        if not frames or frames[-1].title != title:
            frames.append(_Frame(title, []))
        frames[-1].members.append(key)
    return frames
