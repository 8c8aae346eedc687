"""`hrdplan migrate`: re-pin strategies to another version of their catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hrdplan.cli.options import CatalogueDirOption
from hrdplan.io.errors import ExitCode, HrdplanError, printable

# The file format `--format` upgrades to (strategy.upgrade.FORMAT; not imported at start-up).
FORMAT = 2

if TYPE_CHECKING:
    from hrdplan.io.files import Held
    from hrdplan.lint.settings import Settings
    from hrdplan.strategy.migrate import Migrator


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
    from hrdplan.cli.paths import collect
    from hrdplan.lint.settings import build
    from hrdplan.strategy.migrate import Migrator

    if file_format is not None and file_format != FORMAT:
        raise HrdplanError(
            f"--format {file_format}: migrate upgrades to format {FORMAT} only "
            "(there is no going back to format 1)"
        )
    settings = build(catalogue_dirs=catalogue_dir or ())
    files = collect([str(p) for p in paths], settings.found)  # folders searched as lint does
    # --format alone changes the format only; without it, or with --to, the pin moves too.
    migrator = Migrator(settings.registry, to) if to is not None or file_format is None else None
    worst = ExitCode.OK
    for path, name in files:
        # Each file on its own: one that cannot be read, migrated or written is reported, and
        # the others are still migrated.
        try:
            _migrate(
                path, name, settings, migrator, upgrade=file_format is not None, dry_run=dry_run
            )
        except HrdplanError as err:
            for line in err.lines():
                typer.echo(line, err=True)
            worst = max(worst, err.exit_code)
    raise typer.Exit(int(worst))


def _migrate(
    path: Path,
    name: str,
    settings: Settings,
    migrator: Migrator | None,
    *,
    upgrade: bool,
    dry_run: bool,
) -> None:
    from hrdplan.io.files import updating

    # Held from the read to the rename: another command updating the file waits its turn.
    with updating(path) as held:
        _migrate_held(held, name, settings, migrator, upgrade=upgrade, dry_run=dry_run)


def _migrate_held(
    held: Held,
    name: str,
    settings: Settings,
    migrator: Migrator | None,
    *,
    upgrade: bool,
    dry_run: bool,
) -> None:
    from hrdplan.io.yamledit import write_back
    from hrdplan.io.yamlio import describe, parse
    from hrdplan.lint.runner import lint_file
    from hrdplan.strategy.migrate import unified_diff
    from hrdplan.strategy.upgrade import upgrade as upgraded

    loaded, _, source = lint_file(held.path, name, settings).sound()
    doc = loaded.doc
    done: list[str] = []
    notes: list[str] = []
    if migrator is not None:
        plan = migrator.plan(doc, source)
        if plan.refusals:
            raise plan.refuse()
        if not plan.edits:
            typer.echo(printable(f"{name}: already pinned to {plan.target.ref}"), err=True)
        else:
            changes = ", ".join(
                f"{describe(e.path)} {e.old} -> {e.new}"
                for e in plan.edits
                if e.path != ("catalogue",)
            )
            done.append(
                f"{plan.source.ref} -> {plan.target.ref}" + (f" ({changes})" if changes else "")
            )
            doc = parse(plan.text(), name)
    if upgrade:
        if doc.data.get("hrdplan") == FORMAT:
            typer.echo(printable(f"{name}: already in format {FORMAT}"), err=True)
        else:
            result = upgraded(doc)
            todo = result.placeholders
            done.append(
                f"format 1 -> {FORMAT} ({len(result.indicators)} indicators"
                + (f", {todo} placeholders to fill: hrdplan lint {name}" if todo else "")
                + ")"
            )
            doc = parse(result.text, name)
            notes.extend(result.notes)
            if not result.faithful:
                notes.append(
                    "its layout was normalised beyond the indicators (indentation, spacing); "
                    "check the diff"
                )
    if not done:
        return
    summary = ", ".join(done)
    if dry_run:
        typer.echo(unified_diff(loaded.doc.text, doc.text, name), nl=False)
        typer.echo(printable(f"{name}: would migrate {summary}"), err=True)
    else:
        # The file is rewritten in place on purpose, atomically, only if it still holds what
        # was read: an edit made while the catalogue chain was walked is not lost.
        write_back(held, name, loaded.doc.text, doc.text)
        typer.echo(printable(f"{name}: migrated {summary}"))
    for note in notes:
        typer.echo(printable(f"{name}: note: {note}"), err=True)
