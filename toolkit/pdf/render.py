"""Rendering a story bible as a PDF: Jinja2 templates to HTML, WeasyPrint to PDF.

The templates ship in the package ``toolkit.templates``; a story may override any of them (and
``labels.yaml``) in its own ``templates/`` folder. Everything from the bible and the scripts is
escaped, and WeasyPrint may load nothing but files from the template folders.
"""
from __future__ import annotations

import datetime
import gc
import logging
import mimetypes
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup

from toolkit.continuity.breakdown import Breakdown, Row, breakdown_of_scenes
from toolkit.errors import InputError
from toolkit.files.safety import OutputFiles, story_folders, story_sources
from toolkit.model.bible import load_story
from toolkit.model.diagnostics import SEVERITIES, Diagnostic
from toolkit.model.names import fold
from toolkit.model.story import Affiliation, Character, Location, Scene, Story
from toolkit.pdf.character_sheet import CharacterSheet, agreeing_affiliation, character_sheets
from toolkit.pdf.font_dates import QUIET_FALLBACK, font_timestamps
from toolkit.pdf.html_tree import weasyprint_html
from toolkit.pdf.label_files import format_label
from toolkit.pdf.presence_chart import ChartPage, ChartWords, presence_chart, presence_legend, presence_swatch_css
from toolkit.pdf.relation_graph import RelationPage, relation_pages
from toolkit.pdf.report_text import ReviewLine, diagnostic_message, review_line, rule_name, short_where
from toolkit.pdf.source_date import source_date
from toolkit.pdf.story_inputs import generator_name, story_inputs, synopsis_lines
from toolkit.pdf.stripboard import STRIP_LEGEND, DayGroup, day_starts, days_span, strip_css, stripboard
from toolkit.pdf.template_folders import load_labels, resource_in, template_environment, template_folders
from toolkit.pdf.template_sandbox import read_confined, refuse_linked_folder
from toolkit.pdf.wording import questions_to_settle

MAIN_TEMPLATE = "bible.html"
# WeasyPrint resolves relative URLs in templates against this base; the fetcher maps it to the folders.
TEMPLATE_BASE_URL = "file:///storybible-templates/"
# Members of an organisation are listed by status in this order (see story.AFFILIATION_STATUSES).
MEMBER_ORDER = ("leader", "current", "undercover", "former", "unknown")


@dataclass(frozen=True)
class RenderResult:
    """What render_story wrote and how long it took."""

    pdf_path: Path
    html_path: Path | None
    pages: int
    seconds: float
    backups: tuple[Path, ...] = ()  # existing files replaced with --force, kept here

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


# -- templates and labels --

# -- what the templates show --

@dataclass
class Episode:
    """One episode of a series for the guide: its synopsis, its scenes, who comes in and who dies."""

    name: str
    synopsis: str
    scenes: list[Scene]
    introduced: list[Character]
    deaths: list[tuple[Character, Scene]]


def episode_guide(story: Story, units: Sequence[tuple[str, list[Scene]]]) -> list[Episode]:
    """The episodes in story order; the synopsis of the n-th unit goes with the n-th run of scenes."""
    characters = {c.id: c for c in story.characters}
    seen: set[str] = set()
    episodes = []
    for index, (name, scenes) in enumerate(units):
        introduced = []
        for scene in scenes:
            for ident in (*scene.cast, *scene.deaths):
                if ident in characters and ident not in seen:
                    seen.add(ident)
                    introduced.append(characters[ident])
        deaths = [(characters[ident], scene) for scene in scenes for ident in scene.deaths if ident in characters]
        text = story.unit_texts[index] if index < len(story.unit_texts) else ""
        episodes.append(Episode(name, text, scenes, introduced, deaths))
    return episodes


@dataclass
class BibleView:
    """The story arranged for the templates: lookups, groupings and the pictures."""

    story: Story
    scenes: list[Scene]
    labels: dict
    today: datetime.datetime | None  # the sources' date; None leaves the date out
    generator: str
    characters: dict[str, Character] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)  # id → name
    sheets: list[CharacterSheet] = field(default_factory=list)
    members: dict[str, list[tuple[str, list[tuple[Character, Affiliation]]]]] = field(default_factory=dict)
    scenes_at: dict[str, list[Scene]] = field(default_factory=dict)
    review: list[ReviewLine] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)  # for a series
    source_lines: list[str] = field(default_factory=list)
    units: list[tuple[str, list[Scene]]] = field(default_factory=list)
    diagnostics: list[tuple[str, list[Diagnostic]]] = field(default_factory=list)
    chart_pages: list[ChartPage] = field(default_factory=list)
    chart_legend: Markup = field(default_factory=Markup)
    chart_swatches: Markup = field(default_factory=Markup)  # the stylesheet's rules for the legend's colours
    relation_pages: list[RelationPage] = field(default_factory=list)
    breakdown: Breakdown | None = None  # the story's scenes with their sets, times and story days
    day_of: dict[int, Row] = field(default_factory=dict)  # scene position → its breakdown row
    strip_days: list[DayGroup] = field(default_factory=list)
    strip_legend: tuple[str, ...] = STRIP_LEGEND
    strip_swatches: Markup = field(default_factory=Markup)

    def days_of(self, scenes: Sequence[Scene]) -> str:
        return days_span(self.day_of, scenes)

    @property
    def date(self) -> str:
        if self.today is None:
            return ""
        months = self.labels["months"]
        return format_label(self.labels["date_format"], day=self.today.day, month=months[self.today.month - 1],
                                                 year=self.today.year)

    @staticmethod
    def by_section(scenes: Sequence[Scene]) -> list[tuple[str, list[Scene]]]:
        """Scenes in runs of the same section (act, episode), in story order."""
        return [(section, list(run)) for section, run in groupby(scenes, key=lambda s: s.section)]

    def unit_name(self, index: int) -> str:
        return f"{self.labels['units'][self.story.units]} {index}"

    @property
    def source_name(self) -> str:
        """The synopsis the story came from, by file name (the path is the writer's business)."""
        return Path(self.story.source).name if self.story.source else ""

    @property
    def logline(self) -> str:
        """The front matter's logline, else the synopsis's first sentence."""
        if self.story.logline or not self.story.unit_texts:
            return self.story.logline
        from toolkit.text.language import load_language
        from toolkit.text.synopsis import SentenceSplitter

        sentences = SentenceSplitter(load_language(self.story.language)).split(self.story.unit_texts[0])
        return sentences[0][0] if sentences else ""

    @property
    def format_line(self) -> str:
        """"Film in 4 Akten", "Serie mit 10 Folgen"."""
        count = len(self.story.unit_texts) or len(self.units)
        formats = self.labels["formats_one" if count == 1 else "formats"]
        return format_label(formats[self.story.units], count=count)

    @staticmethod
    def scene_labels(scenes: Sequence[Scene]) -> str:
        """Scene numbers as plain text, "3, 5, 12": a link each costs WeasyPrint a box each."""
        return ", ".join(str(s.scene_number or s.number) for s in scenes)

    def message(self, diagnostic: Diagnostic) -> str:
        return diagnostic_message(diagnostic, self.story, self.labels)

    def rule_name(self, diagnostic: Diagnostic) -> str:
        return rule_name(diagnostic, self.labels)

    @staticmethod
    def where(diagnostic: Diagnostic) -> str:
        return short_where(f"{diagnostic.file}:{diagnostic.line}")


def _scenes_at(location: Location, scenes: Sequence[Scene]) -> list[Scene]:
    """The scenes whose heading names the location (any of its names) or that the checker placed there."""
    names = [n for n in (location.name, *location.aliases) if n]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(n)) for n in names) + r")(?!\w)") if names else None
    return [s for s in scenes if s.location == location.id or (pattern and pattern.search(fold(s.heading)))]


def bible_view(story: Story, scenes: Sequence[Scene], diagnostics: Sequence[Diagnostic], labels: dict,
               *, today: datetime.datetime | None = None, source_lines: Sequence[str] = ()) -> BibleView:
    """Arrange a story, its scenes (in story order) and its diagnostics for the templates."""
    scenes = list(scenes)
    view = BibleView(story=story, scenes=scenes, labels=labels, today=today, generator=generator_name())
    view.characters = {c.id: c for c in story.characters}
    view.organisations = {o.id: o.name for o in story.organisations}
    view.sheets = character_sheets(story, scenes, labels)
    for org in story.organisations:
        by_status = {status: [] for status in MEMBER_ORDER}
        for character in story.characters:
            for affiliation in character.affiliations:
                if affiliation.org == org.id:
                    by_status.setdefault(affiliation.status, []).append(
                        (character, agreeing_affiliation(affiliation, character, story.language)))
        view.members[org.id] = [(status, members) for status, members in by_status.items() if members]
    view.scenes_at = {loc.id: _scenes_at(loc, scenes) for loc in story.locations}
    view.review = [review_line(item, story, labels, list(source_lines)) for item in story.review] + \
        questions_to_settle(story, scenes, labels, "bible.yaml")
    view.units = view.by_section(scenes)
    if story.units == "episodes":
        view.episodes = episode_guide(story, view.units)
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    view.diagnostics = [(severity, [d for d in ordered if d.severity == severity]) for severity in SEVERITIES]
    view.diagnostics = [(severity, found) for severity, found in view.diagnostics if found]
    chart_words = ChartWords(labels["total"], labels["chart_marks"]["first"], labels["chart_marks"]["last"],
                             labels["units_short"][story.units])
    view.breakdown = breakdown_of_scenes(story, [s for s in scenes if s.heading])
    view.day_of = {row.position: row for row in view.breakdown.rows}
    view.strip_days, view.strip_swatches = stripboard(view.breakdown, labels), Markup(strip_css())
    starts = day_starts(view.breakdown)
    view.chart_pages = presence_chart(story.characters, scenes, words=chart_words, day_starts=starts)
    view.chart_legend = presence_legend({k: v for k, v in labels["legend"].items() if starts or k != "new_day"},
                                        chart_words)
    view.chart_swatches = presence_swatch_css()
    view.relation_pages = relation_pages(story, labels["relation_types"], labels["legend"], labels["no_organisation"])
    return view


def build_html(story: Story, scenes: Sequence[Scene], diagnostics: Sequence[Diagnostic], *,
               template_dirs: Iterable[str | Path] = (), today: datetime.datetime | None = None,
               source_lines: Sequence[str] = ()) -> str:
    """The bible as one HTML document (stylesheet included), ready for WeasyPrint or a browser."""
    template_dirs = list(template_dirs)
    labels = load_labels(story.language, template_dirs)
    view = bible_view(story, scenes, diagnostics, labels, today=today, source_lines=source_lines)
    environment = template_environment(template_dirs)
    try:
        environment.deadline.start()
        return _without_unlinked_anchors(environment.get_template(MAIN_TEMPLATE).render(bible=view, story=story,
                                                                                       t=labels))
    except jinja2.TemplateError as error:
        name = getattr(error, "filename", None) or getattr(error, "name", None) or MAIN_TEMPLATE
        raise InputError(f"template: {error.message}", path=name, line=getattr(error, "lineno", None)) from None


# An id the `anchor` filter made, and a link within the document.
_ANCHOR_ID = re.compile(r' id="((?:character|organisation|location|scene)-[\w-]*)"')
_INTERNAL_LINK = re.compile(r'href="#([^"]*)"')


def _without_unlinked_anchors(html: str) -> str:
    """The document without the anchors no link points to (most scenes, the places): an element with
    an id shares its style with no other, nor do the elements inside it, so WeasyPrint works out each
    one's own."""
    linked = set(_INTERNAL_LINK.findall(html))
    return _ANCHOR_ID.sub(lambda match: match.group(0) if match.group(1) in linked else "", html)


# -- PDF --

def template_url_fetcher(template_dirs: Iterable[str | Path] = ()):
    """A WeasyPrint URL fetcher that serves files of the template folders and refuses all else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    folders = template_folders(template_dirs)

    class TemplateFolderFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(TEMPLATE_BASE_URL):
                raise ValueError(f"only files from the template folders are loaded, not {url}")
            name = unquote(urlsplit(url).path)[len(urlsplit(TEMPLATE_BASE_URL).path):]
            for folder in folders:
                resource = resource_in(folder, name)
                if resource is not None:
                    mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                    data = read_confined(resource) if isinstance(resource, Path) else resource.read_bytes()
                    return URLFetcherResponse(url, data, {"Content-Type": mime_type})
            raise ValueError(f"no template file {name}")

    return TemplateFolderFetcher()


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while WeasyPrint works: it makes hundreds of thousands of objects
    and few cycles, and every full collection walks all of them and all the process holds besides
    (the tagger's model, after a check): a tenth of the time of a large bible, for 3% more memory."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _story_html_templates(template_dirs: Iterable[str | Path]) -> bool:
    """Whether a story's template folders hold HTML templates of their own (not only a stylesheet or images)."""
    return any(next(folder.rglob("*.html"), None) is not None for folder in template_folders(template_dirs)[:-1])


def write_pdf(html: str, pdf_path: str | Path, *, template_dirs: Iterable[str | Path] = (),
              outputs: OutputFiles | None = None, today: datetime.datetime | None = None) -> int:
    """Lay out the HTML with WeasyPrint, write the PDF atomically and return its page count.

    ``outputs`` says where writing is allowed (by default: a new file or one storybible wrote);
    ``today`` dates the embedded fonts (see font_timestamps)."""
    logging.getLogger("weasyprint").addFilter(QUIET_FALLBACK)  # a filter is added once, however often
    template_dirs = list(template_dirs)
    with without_cycle_collection(), font_timestamps(today):
        document = weasyprint_html(html, base_url=TEMPLATE_BASE_URL, url_fetcher=template_url_fetcher(template_dirs),
                                   package_templates=not _story_html_templates(template_dirs)).render()
        pdf, pages = document.write_pdf(), len(document.pages)
        del document  # freed while the collector still rests, it need not walk the laid-out pages once more
    (outputs or OutputFiles()).write(pdf_path, pdf)
    return pages


def render_story(story: Story, scenes: Sequence[Scene], diagnostics: Sequence[Diagnostic],
                 pdf_path: str | Path, *, html_path: str | Path | None = None,
                 template_dirs: Iterable[str | Path] = (), today: datetime.datetime | None = None,
                 source_lines: Sequence[str] = (), outputs: OutputFiles | None = None) -> RenderResult:
    """Render the bible of a story to a PDF (and the HTML it came from, when html_path is given).

    `today` is the date the bible shows and its metadata carry (see source_date); the same story,
    scenes and date give the same bytes. `source_lines` are the synopsis's lines, for review items.
    `outputs` says where writing is allowed; the paths are checked before the work starts.
    """
    started = time.perf_counter()
    outputs = outputs or OutputFiles()
    for path in (pdf_path, html_path):
        if path is not None:
            outputs.check(path)
    template_dirs = list(template_dirs)
    html = build_html(story, scenes, diagnostics, template_dirs=template_dirs, today=today,
                      source_lines=source_lines)
    if html_path is not None:
        outputs.write(html_path, html)
    pages = write_pdf(html, pdf_path, template_dirs=template_dirs, outputs=outputs, today=today)
    return RenderResult(Path(pdf_path), Path(html_path) if html_path else None, pages,
                        time.perf_counter() - started, tuple(outputs.backups))


def _scenes_and_diagnostics(story_dir: Path) -> tuple[list[Scene], list[Diagnostic]]:
    """The scenes of a story's scripts and the checker's diagnostics for them."""
    from toolkit.continuity.check import check_folder, find_scripts
    from toolkit.model.bible import read_bible

    if not find_scripts(story_dir, read_bible(story_dir / "bible.yaml")):
        return [], []
    result = check_folder(story_dir, every_presence=True)
    return result.scenes, result.diagnostics


def render_story_dir(story_dir: str | Path, pdf_path: str | Path | None = None, *,
                     html_path: str | Path | None = None, checked=None, force: bool = False) -> RenderResult:
    """Render STORY_DIR/bible.yaml to STORY_DIR/bible.pdf (or pdf_path), using STORY_DIR/templates/.

    `checked` is the story's CheckResult when the caller has one already. The outputs never replace
    the story's own files; an existing file storybible did not write is replaced only with `force`,
    keeping a backup.
    """
    story_dir = Path(story_dir)
    if not story_dir.is_dir():
        raise InputError("no such story folder", path=story_dir)
    refuse_linked_folder(story_dir / "templates")
    story = load_story(story_dir / "bible.yaml")
    scenes, diagnostics = (checked.scenes, checked.diagnostics) if checked is not None \
        else _scenes_and_diagnostics(story_dir)
    sources = story_sources(story_dir, story_dir / "bible.yaml",
                            [story_dir / name for name in story.scripts], story.source)
    return render_story(story, scenes, diagnostics, pdf_path or story_dir / "bible.pdf",
                        html_path=html_path, template_dirs=[story_dir / "templates"],
                        today=source_date(story_inputs(story_dir)), source_lines=synopsis_lines(story, story_dir),
                        outputs=OutputFiles(sources, force=force, folders=story_folders(story_dir)))
