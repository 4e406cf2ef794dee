"""Memberships the story implies, decided over the whole story and put up for review with file:line: through
a colleague, a deputy or a team, passed on until nothing changes; through a role noun the story binds."""
from __future__ import annotations

from toolkit.expansion.expand import expand_story


def _story(tmp_path, name: str, text: str):
    synopsis = tmp_path / name
    synopsis.write_text(text + "\n", encoding="utf-8")
    return expand_story(synopsis, tmp_path / "out").story


def _orgs(story, name: str) -> list[tuple[str, str]]:
    return [(a.org, a.status) for c in story.characters if c.name == name for a in c.affiliations]


def _implied(story) -> list:
    return [item for item in story.review if item.kind == "implied_affiliation"]


def test_a_bound_role_noun_gives_the_latest_binding_and_says_where(tmp_path):
    story = _story(tmp_path, "hafen.de.txt", "Drei CIA-Agenten warten in Rom.\nSpäter treffen die Agenten des Mossad "
                   "ein.\nDie Agentin Dana Levi übernimmt den Fall.")
    assert _orgs(story, "Dana Levi") == [("mossad", "unknown")]
    item = next(i for i in _implied(story) if i.args.get("member") == "Dana Levi")
    assert item.args["case"] == "role" and item.where.endswith("hafen.de.txt:3")


def test_a_leader_noun_bound_by_the_story_makes_a_leader(tmp_path):
    story = _story(tmp_path, "amt.en.txt", "FBI director Paula Stone resigns. The new director Mark Ellery cleans house.")
    assert _orgs(story, "Mark Ellery") == [("fbi", "leader")]


def test_an_ambiguous_binding_gives_nothing_and_is_put_up_for_review(tmp_path):
    story = _story(tmp_path, "genf.de.txt", "Die CIA-Agenten und die BND-Agenten treffen sich in Genf. "
                   "Der Agent Tom Kessel verschwindet.")
    assert _orgs(story, "Tom Kessel") == []
    item = next(i for i in _implied(story) if i.args.get("member") == "Tom Kessel")
    assert item.args["case"] == "role_either" and item.args["orgs"] == ["bnd", "cia"]


def test_a_binding_through_a_former_member_binds_nothing(tmp_path):
    story = _story(tmp_path, "alt.de.txt", "Der ehemalige Agent Ole Brandt vom MAD trinkt. "
                   "Mithilfe der Agentin Lea Sander stellt er eine Falle.")
    assert _orgs(story, "Lea Sander") == []


def test_an_organisation_passes_on_through_a_chain_of_implied_memberships(tmp_path):
    story = _story(tmp_path, "kette.en.txt", "The agents of the NSA are to stop the deal. But the operation around "
                   "the agent Tim Brand fails. At the safe house Tim meets his colleague Lea Sander. "
                   "Lea Sander's deputy, Olaf Kern, waits in the car.")
    assert _orgs(story, "Tim Brand") == [("nsa", "unknown")]
    assert _orgs(story, "Lea Sander") == [("nsa", "current")]
    assert _orgs(story, "Olaf Kern") == [("nsa", "current")]
    members = [i.args.get("member") for i in _implied(story)]
    assert sorted(members) == ["Lea Sander", "Olaf Kern", "Tim Brand"]  # each put up once


def test_nothing_passes_on_from_someone_with_two_organisations(tmp_path):
    story = _story(tmp_path, "zwei.de.txt", "Vera Albers arbeitet für die CIA und für den BND. "
                   "Ihr Kollege Ben Stahl bleibt in Bonn.")
    assert _orgs(story, "Ben Stahl") == []
