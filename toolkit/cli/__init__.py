"""The command line: a thin layer that parses options, calls the library and prints."""
from __future__ import annotations

import contextlib
import sys

import click

from toolkit.cli.output import say
from toolkit.errors import ExitStatus, StorybibleError, one_line

# Commands that write nothing, so never wait for a story's lock: they start without the logging module.
_READ_ONLY = frozenset({"check", "stats", "rules", "breakdown"})


def _print_notices() -> None:
    """The library's notices (such as waiting for a story's lock) as one line each on stderr."""
    import logging

    class Notice(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            say(f"storybible: {record.getMessage()}", err=True)

    logger = logging.getLogger("storybible")
    if not any(type(handler).__name__ == "Notice" for handler in logger.handlers):
        logger.addHandler(Notice())
        logger.propagate = False


class _Group(click.Group):
    """Turns the toolkit's own errors into one line on stderr and exit status 2."""

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        if name not in _READ_ONLY:
            _print_notices()
        return name, command, rest

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StorybibleError as error:
            say(f"storybible: {error}", err=True)
            ctx.exit(ExitStatus.BAD_INPUT)
        except OSError as error:
            if error.filename is None:  # not about a path the writer gave: a fault of the toolkit's
                raise
            # a path the system cannot take (a name over 255 bytes, too many links) wherever it was looked at
            say(f"storybible: {error.filename}: {error.strerror or error}; check the path", err=True)
            ctx.exit(ExitStatus.BAD_INPUT)


@click.group(cls=_Group)
@click.version_option(package_name="storybible")
def cli() -> None:
    """Expand synopses into Fountain outlines and story bibles, check continuity, render PDFs."""


# -- expand and build commands --

@cli.command()
@click.argument("seed", type=click.Path(path_type=str))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=str),
              help="The story folder to write (default: bibles/<slug>/).")
@click.option("--lang", "language", type=click.Choice(["auto", "de", "en"]), default="auto", show_default=True,
              help="The synopsis's language.")
@click.option("--units", type=click.Choice(["auto", "acts", "episodes", "sequences"]), default="auto",
              show_default=True, help="What the synopsis's paragraphs are.")
@click.option("--force", is_flag=True, help="Replace files you changed; a dated backup is kept.")
def expand(seed: str, out: str | None, language: str, units: str, force: bool) -> None:
    """Expand a synopsis into bible.yaml and outline.fountain."""
    from toolkit.expansion.expand import expand_story

    result = expand_story(seed, out, language=language, units=units, force=force)
    story = result.story
    for backup in result.backups:
        say(f"kept your version as {backup}")
    say(f"{result.folder}: {len(story.characters)} characters, {len(story.organisations)} organisations, "
               f"{len(story.scenes)} scenes, {len(story.review)} items to review")


@cli.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=str))
@click.option("--no-render", is_flag=True, help="Expand and check only.")
@click.option("--force", is_flag=True, help="Replace a bible.pdf storybible did not write; a dated backup is kept.")
def build(targets: tuple[str, ...], no_render: bool, force: bool) -> None:
    """Expand every new seed (default: seeds/*.txt), then check and render every story."""
    from toolkit.expansion.build import build as build_stories

    progress = _build_progress if sys.stderr.isatty() else None
    result = build_stories(list(targets), render=not no_render, progress=progress, force=force)
    for entry in result.stories:
        done = "expanded, " if entry.expanded else ""
        unchanged = ", unchanged" if entry.unchanged else ""
        pdf = f", {entry.pdf} ({entry.pages} pages{unchanged})" if entry.pdf else ""
        say(f"{entry.folder}: {done}{entry.errors} errors, {entry.warnings} warnings{pdf}")
    sys.exit(ExitStatus.CONTINUITY_ERRORS if result.errors else ExitStatus.OK)


def _build_progress(folder, step: str, outcome: str) -> None:
    """One line per story and step on the terminal: the step as it starts, then what came of it."""
    if outcome:
        click.echo(f"\r\033[K{one_line(f'{folder}: {step}: {outcome}')}", err=True)
    else:
        click.echo(f"\r\033[K{one_line(f'{folder}: {step}')} …", err=True, nl=False)

# -- check commands --

def _one_bible_option(bible: str | None, no_bible: bool) -> None:
    if bible is not None and no_bible:
        raise click.UsageError("give --bible FILE or --no-bible, not both")


_BIBLE_HELP = "The bible.yaml to use (default: the story folder's, or the nearest one above a file)."


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--bible", "bible", type=click.Path(path_type=str), help=_BIBLE_HELP)
@click.option("--no-bible", is_flag=True, help="Check against the cues alone, without a bible.")
@click.option("--format", "output", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help="How to write the diagnostics.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(paths: tuple[str, ...], bible: str | None, no_bible: bool, output: str, strict: bool) -> None:
    """Check the continuity of story folders or Fountain files against the story's bible."""
    from toolkit.continuity.check import check as check_story
    from toolkit.continuity.formats import bibles_line, format_result, summary_line

    _one_bible_option(bible, no_bible)
    result = check_story(paths, bible=bible, use_bible=not no_bible)
    say(format_result(result, output), nl=False, form="json" if output in ("json", "sarif") else "lines")
    if output == "text":
        say(bibles_line(result), err=True)
        say(summary_line(result), err=True)
    sys.exit(result.exit_status(strict))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--bible", "bible", type=click.Path(path_type=str), help=_BIBLE_HELP)
@click.option("--no-bible", is_flag=True, help="Count the cues alone, without a bible.")
@click.option("--format", "output", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True,
              help="text to read; csv or json for scheduling software (scenes, then characters).")
def stats(paths: tuple[str, ...], bible: str | None, no_bible: bool, output: str) -> None:
    """Show who is in which scene of a story."""
    from toolkit.continuity.check import check as check_story
    from toolkit.continuity.formats import bibles_line, format_stats, format_text

    _one_bible_option(bible, no_bible)
    result = check_story(paths, bible=bible, use_bible=not no_bible, every_presence=True)
    say(format_stats(result, output), nl=False, form={"json": "json", "csv": "csv"}.get(output, "lines"))
    if output == "text":
        say(bibles_line(result), err=True)
    # the counts rest on the bible; say when it breaks the schema
    broken = [d for d in result.diagnostics if d.rule == "bible-schema"]
    if broken:
        say(format_text(type(result)(diagnostics=broken)), err=True, nl=False, form="lines")


@cli.command()
@click.argument("story", type=click.Path(path_type=str))
@click.option("--format", "output", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True,
              help="text to read; csv (UTF-8 with BOM, for spreadsheets) or json for scheduling software.")
def breakdown(story: str, output: str) -> None:
    """One row per scene: set, day or night, story day, eighths of a page, cast numbers."""
    from toolkit.continuity.breakdown import breakdown as build_breakdown
    from toolkit.continuity.breakdown_formats import format_breakdown

    click.echo(format_breakdown(build_breakdown(story), output), nl=False)


@cli.command()
@click.argument("story_dir", type=click.Path(path_type=str))
@click.argument("old")
@click.argument("new")
@click.option("--dry-run", is_flag=True, help="Print the changes as a unified diff; write nothing.")
def rename(story_dir: str, old: str, new: str, dry_run: bool) -> None:
    """Rename a character everywhere: bible.yaml (OLD stays an alias), cues, notes and mentions."""
    from toolkit.editor.rename import apply_rename, plan_rename

    plan = plan_rename(story_dir, old, new)
    if dry_run:
        say(plan.diff(), nl=False, form="lines")
        for line in plan.left_as_is():
            say(line)
        return
    for backup in apply_rename(plan):
        say(f"kept your version as {backup}")
    say(f"renamed {plan.old} to {plan.new}: {plan.count} changes in {len(plan.edits)} files")


@cli.command()
def rules() -> None:
    """List the continuity rules with a short explanation and an example each."""
    from toolkit.continuity.formats import format_rules

    say(format_rules(), nl=False, form="lines")


# -- editor commands --

@cli.command()
def lsp() -> None:
    """Run the language server on stdin and stdout, for editors (see the README)."""
    from toolkit.editor.serve import serve

    serve()


@cli.command()
@click.argument("story_dir", type=click.Path(path_type=str))
@click.option("--no-render", is_flag=True, help="Check only; leave the PDF as it is.")
def watch(story_dir: str, no_render: bool) -> None:
    """Check STORY_DIR on every save (and render its PDF again); Ctrl-C stops."""
    from toolkit.editor.watch import watch_story
    from toolkit.errors import Interrupted

    # Ctrl-C is how watching ends; a PDF being written is whole or not written at all
    with contextlib.suppress(Interrupted, KeyboardInterrupt):
        watch_story(story_dir, render=not no_render, echo=say)


# -- render command --

@cli.command("render")
@click.argument("story_dir", type=click.Path(path_type=str))
@click.option("-o", "--output", "pdf_path", type=click.Path(dir_okay=False, path_type=str),
              help="Where to write the PDF (default: STORY_DIR/bible.pdf).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=str),
              help="Also write the HTML the PDF is made from.")
@click.option("--force", is_flag=True, help="Replace an existing file storybible did not write; a dated backup is kept.")
def render_command(story_dir: str, pdf_path: str | None, html_path: str | None, force: bool) -> None:
    """Render STORY_DIR/bible.yaml as a PDF story bible."""
    from toolkit.pdf.render import render_story_dir

    result = render_story_dir(story_dir, pdf_path, html_path=html_path, force=force)
    for backup in result.backups:
        say(f"kept the file that was there as {backup}")
    say(f"{result.pdf_path}: {result.pages} pages in {result.seconds:.1f} s")


def main(argv: list[str] | None = None) -> int:
    """Run the command line (the console script goes through toolkit.cli.entry, which handles Ctrl-C)."""
    try:
        return cli.main(args=argv, prog_name="storybible", standalone_mode=True) or 0
    except SystemExit as leaving:
        return leaving.code if isinstance(leaving.code, int) else ExitStatus.BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
