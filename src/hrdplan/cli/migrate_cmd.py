"""`hrdplan migrate`: re-pin strategies to another version of their catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hrdplan.cli.options import CatalogueDirOption

if TYPE_CHECKING:
    pass


def migrate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Strategy files, or folders searched for *.yaml and *.yml."
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="VERSION",
            help="Version to migrate to: 1.1.0 or ID@1.1.0 (default: the newest version of the "
            "catalogue each strategy pins). Older versions work too, by reversing the renames.",
        ),
    ] = None,
    file_format: Annotated[
        int | None,
        typer.Option(
            "--format",
            metavar="2",
            help="Upgrade format 1 strategies to file format 2 (measurable indicators). Alone, "
            "it keeps the catalogue pin; with --to, it re-pins too.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print the changes as a unified diff; write nothing."),
    ] = False,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Re-pin strategies to another catalogue version, applying its renamed codes; with
    --format 2, upgrade them to file format 2.

    Refuses (exit 1, file untouched) when a selected objective or instrument does not exist
    in that version."""
    from hrdplan.edits import migrate as migrate_files

    worst = migrate_files(
        paths,
        catalogue_dirs=catalogue_dir or (),
        to=to,
        file_format=file_format,
        dry_run=dry_run,
        say=_say,
        warn=_warn,
    )
    raise typer.Exit(int(worst))


def _say(text: str) -> None:
    typer.echo(text, nl=not text.endswith("\n"))


def _warn(line: str) -> None:
    typer.echo(line, err=True)
