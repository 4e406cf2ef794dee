"""The command line: a thin layer that parses options, calls the library and prints."""
from __future__ import annotations

import sys

import click

from toolkit.errors import ExitStatus, StorybibleError


class _Group(click.Group):
    """Turns the toolkit's own errors into one line on stderr and exit status 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StorybibleError as error:
            click.echo(f"storybible: {error}", err=True)
            ctx.exit(ExitStatus.BAD_INPUT)


@click.group(cls=_Group)
@click.version_option(package_name="storybible")
def cli() -> None:
    """Expand synopses into Fountain outlines and story bibles, check continuity, render PDFs."""


# -- expand and build commands --

# -- check commands --

# -- render command --


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    try:
        return cli.main(args=argv, prog_name="storybible", standalone_mode=True) or 0
    except SystemExit as leaving:
        return leaving.code if isinstance(leaving.code, int) else ExitStatus.BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
