"""`hrdplan migrate`: re-pin strategies to another version of their catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hrdplan.cli.options import CatalogueDirOption
from hrdplan.io.errors import ExitCode, HrdplanError, printable

BOM = b"\xef\xbb\xbf"

if TYPE_CHECKING:
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
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print the changes as a unified diff; write nothing."),
    ] = False,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Re-pin strategies to another catalogue version, applying its renamed codes.

    Refuses (exit 1, file untouched) when a selected objective or instrument does not exist
    in that version."""
    from hrdplan.cli.paths import collect
    from hrdplan.lint.settings import build
    from hrdplan.strategy.migrate import Migrator

    settings = build(catalogue_dirs=catalogue_dir or ())
    files = collect([str(p) for p in paths], settings.found)  # folders searched as lint does
    migrator = Migrator(settings.registry, to)
    worst = ExitCode.OK
    for path, name in files:
        # Each file on its own: one that cannot be read, migrated or written is reported, and
        # the others are still migrated.
        try:
            _migrate(path, name, settings, migrator, dry_run=dry_run)
        except HrdplanError as err:
            for line in err.lines():
                typer.echo(line, err=True)
            worst = max(worst, err.exit_code)
    raise typer.Exit(int(worst))


def _migrate(
    path: Path, name: str, settings: Settings, migrator: Migrator, *, dry_run: bool
) -> None:
    from hrdplan.io.errors import InputError, Problem
    from hrdplan.io.files import CHANGED, atomic_write, current_bytes
    from hrdplan.io.yamlio import describe
    from hrdplan.lint.runner import lint_file
    from hrdplan.strategy.migrate import unified_diff

    loaded, _, source = lint_file(path, name, settings).sound()
    plan = migrator.plan(loaded.doc, source)
    if plan.refusals:
        raise plan.refuse()
    if not plan.edits:
        typer.echo(printable(f"{name}: already pinned to {plan.target.ref}"), err=True)
        return
    text = plan.text()
    changes = ", ".join(
        f"{describe(e.path)} {e.old} -> {e.new}" for e in plan.edits if e.path != ("catalogue",)
    )
    summary = f"{plan.source.ref} -> {plan.target.ref}" + (f" ({changes})" if changes else "")
    if dry_run:
        typer.echo(unified_diff(plan.doc.text, text, name), nl=False)
        typer.echo(printable(f"{name}: would migrate {summary}"), err=True)
        return
    # The file is rewritten in place on purpose, atomically; a byte-order mark is kept. It must
    # still hold what was read, now and just before the rename (expect): an edit made while
    # the catalogue chain was walked is not lost. The same text encodes back to the same bytes.
    read = plan.doc.text.encode("utf-8")
    now = current_bytes(path, len(read) + len(BOM))
    bom = BOM if now is not None and now.startswith(BOM) else b""
    if now is None or now[len(bom) :] != read:
        raise InputError(Problem(name, CHANGED))
    atomic_write(path, bom.decode("utf-8") + text, overwrite=True, expect=now)
    typer.echo(printable(f"{name}: migrated {summary}"))
