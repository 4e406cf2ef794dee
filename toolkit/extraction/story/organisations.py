"""The story's organisations: every one the sentences name, once."""
from __future__ import annotations

from toolkit.extraction.document import (
    Reading,
)
from toolkit.model.names import slugify
from toolkit.model.story import (
    Organisation,
)


def find_organisations(readings: list[Reading]) -> list[Organisation]:
    """Every organisation the sentences name, once, with the forms the text writes it in."""
    found: dict[str, Organisation] = {}
    for reading in readings:
        for org in reading.orgs:
            ident = slugify(org.key)
            surface = reading.span(org.start, org.end)
            record = found.get(ident)
            if record is None:
                record = Organisation(id=ident, name=as_heading(org.name), abbreviation=org.abbreviation, kind=org.kind)
                found[ident] = record
            if surface.casefold() not in {n.casefold() for n in [*record.names, *record.aliases]}:
                record.aliases.append(surface)
    return list(found.values())


def as_heading(name: str) -> str:
    """'französischer Geheimdienst' -> 'Französischer Geheimdienst': a name the text writes after an article
    opens with a capital where it stands alone; 'iDrone' keeps its own spelling."""
    return name[:1].upper() + name[1:] if name[:1].islower() and not name[1:2].isupper() else name
