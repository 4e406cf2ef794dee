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
                record = Organisation(id=ident, name=org.name, abbreviation=org.abbreviation, kind=org.kind)
                found[ident] = record
            if surface not in record.names and surface not in record.aliases:
                record.aliases.append(surface)
    return list(found.values())
