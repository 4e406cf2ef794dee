"""Extraction of claims from prose (placeholder API; the full extractor replaces this module)."""
from __future__ import annotations

from toolkit.claims import AffiliationClaim, DeathClaim
from toolkit.story import Story


def scene_claims(text: str, story: Story) -> list[AffiliationClaim | DeathClaim]:
    """Claims that action or synopsis text of a scene makes about the story's characters.

    Characters are given by id and organisations by id where the story knows them. Reads the
    language from `story.language`.
    """
    return []
