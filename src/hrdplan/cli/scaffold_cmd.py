"""`hrdplan new-strategy` and `hrdplan init`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hrdplan.cli import completion
from hrdplan.cli.options import CatalogueDirOption, CatalogueOption, ForceOption
from hrdplan.inputs.paths import DEFAULT_FOLDER, usable_folder
from hrdplan.io.errors import HrdplanError, display_path, printable


def new_strategy(
    country: Annotated[
        str, typer.Argument(metavar="COUNTRY", help="Country name or ISO code: Kenya, KE, KEN.")
    ],
    period: Annotated[
        str | None,
        typer.Option("--period", metavar="YYYY-YYYY", help="Five years (default: the next five)."),
    ] = None,
    priority: Annotated[
        list[str] | None,
        typer.Option(
            "--priority",
            metavar="CODE",
            help="Preselect CODE[,CODE...] (repeatable).",
            autocompletion=completion.objective_codes,
        ),
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            metavar="DIR",
            help="Folder to write into (default: strategies).",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
    catalogue_dir: CatalogueDirOption = None,
    catalogue_ref: CatalogueOption = None,
) -> None:
    """Scaffold a strategy for a third country, pinned to the newest catalogue version."""
    from hrdplan.catalogue.registry import DEFAULT_ID
    from hrdplan.io.files import atomic_write, refuse_existing, refuse_link
    from hrdplan.settings import build
    from hrdplan.strategy import countries, scaffold

    # The folder named with --dir is used as named, a link to a folder included; the default,
    # ./strategies, is hrdplan's choice: a real folder, never a link (atomic_write's `within`).
    within = directory if directory is not None else Path()
    directory = directory if directory is not None else DEFAULT_FOLDER
    usable_folder(directory)
    resolved = countries.resolve(country)
    if resolved.is_eu_member:
        raise HrdplanError(
            f"{resolved.name} ({resolved.alpha_2}) is an EU member state; country strategies are "
            "for third countries, the plan's subject"
        )
    settings = build(catalogue_dirs=catalogue_dir or ())
    registry = settings.registry
    catalogue = registry.load(catalogue_ref or DEFAULT_ID)
    years = (
        scaffold.parse_period(period, catalogue)
        if period
        else scaffold.default_period(catalogue, settings.today, named=settings.today_named)
    )
    codes = scaffold.priority_codes(priority or [])
    objectives = scaffold.selected_objectives(codes, catalogue)
    target = directory / scaffold.file_name(resolved, years)
    # Said before the picker asks anything, not once the choosing is done. A link is never
    # written through, --force or not: it may point anywhere.
    refuse_link(target)
    if not force:
        refuse_existing(target)
    if not priority and sys.stdin.isatty() and sys.stdout.isatty():
        from hrdplan.cli.picker import Cancelled, pick

        try:
            objectives = pick(catalogue, say=typer.echo)
        except Cancelled:
            typer.echo("cancelled, nothing written", err=True)
            raise typer.Exit(130) from None
    text = scaffold.strategy_text(
        country=resolved,
        period=years,
        catalogue=catalogue,
        objectives=objectives,
        schema_ref=scaffold.schema_ref(directory),
    )
    atomic_write(target, text, overwrite=force, follow_link=False, within=within)
    typer.echo(printable(display_path(target)))
    outside = scaffold.outside_plan(years, catalogue)
    if outside:
        typer.echo(printable(f"{display_path(target)}: warning: {outside}"), err=True)


def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="The repository folder.")
    ] = Path(),
    install_spec: Annotated[
        str | None,
        typer.Option(
            "--install-spec",
            metavar="REQUIREMENT",
            help="What CI pip-installs (default: hrdplan==this version).",
        ),
    ] = None,
) -> None:
    """Set up a strategy repository: strategies/, hrdplan.toml, pre-commit hook, CI workflows."""
    from hrdplan.io.files import atomic_write
    from hrdplan.strategy import progress, repository
    from hrdplan.strategy.model import schema_text

    usable_folder(directory)
    # Built (and the spec checked) before anything is written.
    spec = install_spec if install_spec is not None else repository.default_install_spec()
    files = repository.repository_files(schema_text(), spec, progress.schema_text())
    created: list[Path] = []
    kept: list[tuple[Path, str]] = []
    for relative in ["strategies", *files]:
        path = directory / relative
        # Nothing is written through a symbolic link in the repository, at the file or on the
        # way to it: a committed link (dangling or not) may point outside it.
        link = _first_link(directory, relative)
        if link is not None:
            where = "" if link == path else f"{display_path(link)} is "
            kept.append((path, f"{where}a symbolic link, not followed"))
        elif path.exists():
            kept.append((path, _kept(path, relative)))
        elif relative == "strategies":
            path.mkdir(parents=True)
            created.append(path)
        else:
            atomic_write(path, files[relative], within=directory)
            created.append(path)
    for path in created:
        typer.echo(printable(f"created  {display_path(path)}"))
    for path, why in kept:
        typer.echo(printable(f"kept     {display_path(path)} ({why})"))
    if directory / ".pre-commit-config.yaml" in created:
        typer.echo(
            "pre-commit: the hook runs the `hrdplan` on PATH; enable it with `pre-commit install`"
        )


def _kept(path: Path, relative: str) -> str:
    """Why a file init would write was left alone, and, for a .gitignore of the user's own,
    which of hrdplan's lines it lacks: init never changes it, the user adds them."""
    if relative != ".gitignore":
        return "exists"
    from hrdplan.io.files import read_text
    from hrdplan.strategy.repository import missing_ignores

    try:
        missing = missing_ignores(read_text(path))
    except (HrdplanError, OSError, UnicodeError):
        return "exists"
    return f"exists; add {', '.join(missing)} to it" if missing else "exists"


def _first_link(directory: Path, relative: str) -> Path | None:
    """The first symbolic link on the way from directory (taken as named) to relative in it."""
    path = directory
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            return path
    return None
