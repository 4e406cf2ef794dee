"""A story's own templates are data from someone else: they run no code, read no file outside their
folder, and every mistake in them is one line naming the template file and line."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.errors import InputError
from toolkit.model.story import Character, Story
from toolkit.pdf.render import TEMPLATE_BASE_URL, build_html, load_labels, template_url_fetcher
from toolkit.pdf.template_folders import template_environment

STORY = Story(title="Probe", language="en", characters=[Character(id="ada", name="Ada Quill")])


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the story that no template may read."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text("TOP-SECRET-CONTENT", "utf-8")
    return path


@pytest.fixture
def templates(tmp_path) -> Path:
    folder = tmp_path / "story" / "templates"
    folder.mkdir(parents=True)
    return folder


def render_with(templates: Path, cover: str) -> str:
    (templates / "cover.html").write_text(cover, "utf-8")
    return build_html(STORY, [], [], template_dirs=[templates])


ESCAPES = [
    "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
    "{{ lipsum.__globals__.os.popen('touch MARKER').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ bible.unit_name.__globals__['Path']('SECRET').read_text() }}",
    "{{ bible.date.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}",
    "{{ story.__dict__ }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(story) }}",
    "{{ story.characters.append(1) }}",
    "{{ 'x' * 100000000 }}",
    "{{ [1] * 100000000 }}",
    "{{ 9 ** 99999999 }}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_story_templates_cannot_escape(templates, secret, tmp_path, monkeypatch, payload):
    monkeypatch.chdir(tmp_path)
    payload = payload.replace("SECRET", str(secret))
    with pytest.raises(InputError) as caught:
        render_with(templates, f"<section class='cover'>\n{payload}\n</section>")
    message = str(caught.value)
    assert message.startswith(f"{templates / 'cover.html'}:2: template: "), message
    assert "\n" not in message
    assert not (tmp_path / "MARKER").exists()


def test_objects_that_are_not_plain_data_are_closed_to_templates(secret):
    environment = template_environment()
    template = environment.from_string("{{ path.read_text() }}")
    with pytest.raises(InputError, match="unsafe"):
        template.render(path=secret)


def test_plain_data_stays_usable(templates):
    html = render_with(templates, "<section class='cover'>{{ story.title|upper }} {{ story.characters|length }}"
                                  " {{ 'a,b'.split(',')|join('+') }} {{ bible.unit_name(2) }}</section>")
    assert "PROBE 1 a+b" in html


def test_a_link_out_of_the_templates_folder_is_refused(templates, secret):
    os.symlink(secret, templates / "cover.html")
    with pytest.raises(InputError, match="leads out of the templates folder") as caught:
        build_html(STORY, [], [], template_dirs=[templates])
    assert "TOP-SECRET" not in str(caught.value)


def test_an_include_through_a_link_out_of_the_folder_is_refused(templates, secret):
    os.symlink(secret.parent, templates / "parts")
    with pytest.raises(InputError, match="leads out of the templates folder"):
        render_with(templates, "{% include 'parts/secret.txt' %}")


def test_a_link_inside_the_templates_folder_is_followed(templates):
    (templates / "mine.html").write_text("<section class='cover'>OUR OWN COVER</section>", "utf-8")
    os.symlink("mine.html", templates / "cover.html")
    assert "OUR OWN COVER" in build_html(STORY, [], [], template_dirs=[templates])


def test_labels_through_a_link_out_of_the_folder_are_refused(templates, secret):
    os.symlink(secret, templates / "labels.yaml")
    with pytest.raises(InputError, match="leads out of the templates folder"):
        load_labels("en", [templates])


def test_the_pdf_cannot_load_a_file_through_a_link_out_of_the_folder(templates, secret):
    os.symlink(secret, templates / "logo.png")
    with pytest.raises(InputError, match="leads out of the templates folder"):
        template_url_fetcher([templates]).fetch(TEMPLATE_BASE_URL + "logo.png")


def test_a_named_pipe_among_the_templates_is_not_waited_for(templates):
    os.mkfifo(templates / "cover.html")
    signal.alarm(20)  # a read that waits for a writer would hang the suite
    try:
        html = build_html(STORY, [], [], template_dirs=[templates])
    finally:
        signal.alarm(0)
    assert "Probe" in html  # the built-in cover


# -- mistakes in templates and labels: one line with file and line --------------------------------

def _story_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "s"
    (folder / "templates").mkdir(parents=True)
    (folder / "bible.yaml").write_text("format: storybible/1\ntitle: Probe\nlanguage: en\ncharacters: []\n", "utf-8")
    (folder / "scenes.fountain").write_text("INT. ROOM - DAY\n\nSomething happens.\n", "utf-8")
    return folder


@pytest.mark.parametrize("name, content, expected", [
    ("cover.html", b"<p>\n{{ 1/0 }}\n</p>", "{path}:2: template: ZeroDivisionError: division by zero"),
    ("cover.html", b"<p>\n{{ story.nothing.more }}\n</p>", "{path}:2: template: 'toolkit.model.story.Story object' "
                                                            "has no attribute 'nothing'"),
    ("cover.html", "<p>\nKöln\n</p>".encode("cp1252"), "{path}:2: template is not UTF-8 text; save it as UTF-8"),
    ("labels.yaml", b"en: [unclosed\n", "{path}:2: labels do not parse: did not find expected ',' or ']'"),
    ("labels.yaml", "en:\n  outline: Übersicht\n".encode("cp1252"),
     "{path}:2: template is not UTF-8 text; save it as UTF-8"),
    ("labels.yaml", b"- a list\n", "{path}: labels must be a mapping of languages to mappings of labels (en: \u2026)"),
])
def test_template_mistakes_are_one_line(tmp_path, name, content, expected):
    folder = _story_folder(tmp_path)
    path = folder / "templates" / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["render", str(folder)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output == "storybible: " + expected.format(path=path.resolve() if name.endswith(".html")
                                                             else path) + "\n"
