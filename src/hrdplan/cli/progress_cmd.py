"""`hrdplan progress ...`: the yearly progress files of a format 2 strategy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hrdplan.cli import completion
from hrdplan.cli.options import CatalogueDirOption, FormatOption, TextOrJson
from hrdplan.io.errors import ExitCode, display_path, printable

app = typer.Typer(
    help="Yearly progress files of a strategy: scaffold one, record in it, submit it, show the "
    "trajectory.",
    no_args_is_help=True,
    add_completion=False,  # completion is the root command's (`hrdplan --install-completion`)
)

StrategyArgument = Annotated[
    Path, typer.Argument(metavar="STRATEGY", help="A strategy file in format 2.")
]


@app.command()
def new(
    strategy: StrategyArgument,
    year: Annotated[
        int,
        typer.Option(
            "--year",
            metavar="YYYY",
            help="The year reported on, within the strategy's period.",
            autocompletion=completion.strategy_years,
        ),
    ],
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Scaffold the year's progress file of a strategy, with every priority and indicator.

    Writes progress/STEM/YYYY.yaml (STEM: the strategy's file name without .yaml; beside a
    strategies/ folder, else in the strategy's own folder) and prints its path. Never
    overwrites an existing progress file."""
    from hrdplan.io.errors import InputError, Problem
    from hrdplan.io.files import atomic_write, refuse_existing
    from hrdplan.lint.settings import build
    from hrdplan.lint.sound import measured_strategy
    from hrdplan.strategy import progress_scaffold
    from hrdplan.strategy.progress import progress_dir, progress_file

    settings = build(catalogue_dirs=catalogue_dir or ())
    _, measured = measured_strategy(strategy, settings)
    outside = progress_scaffold.outside_period(measured, year)
    if outside:
        raise InputError(Problem(display_path(strategy), outside))
    target = progress_file(strategy, year)
    # No --force on purpose: a year's report is never worth replacing by a blank one.
    exists = (
        "already exists: record in it with `hrdplan progress record FILE ID ...`, "
        "or remove the file to start the year again"
    )
    refuse_existing(target, exists)
    text = progress_scaffold.progress_text(measured, strategy, year)
    # progress/ and progress/STEM/ are hrdplan's choice, below the folder the strategy is in
    # (or the one holding its strategies/ folder): real folders, never links.
    within = progress_dir(strategy).parents[1]
    atomic_write(target, text, overwrite=False, within=within, exists=exists)
    typer.echo(printable(display_path(target)))


@app.command()
def show(
    strategy: StrategyArgument,
    fmt: FormatOption = TextOrJson.text,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Show every indicator's trajectory and each priority's status per year.

    Per indicator: baseline, the actual of each year, milestones and target, and how far
    along it is. A progress file that does not load is one line on stderr; the others are
    still shown, and the exit code is 2."""
    from hrdplan.lint.settings import build
    from hrdplan.lint.sound import measured_strategy, progress_reports
    from hrdplan.strategy.trajectory import to_json, trajectory

    settings = build(catalogue_dirs=catalogue_dir or ())
    _, measured = measured_strategy(strategy, settings)
    reports = progress_reports(strategy, settings)
    track = trajectory(measured, display_path(strategy), reports.loaded)
    if fmt is TextOrJson.json:
        from hrdplan.io.text import json_text

        typer.echo(json_text(to_json(track)), nl=False)
    else:
        from hrdplan.io.console import make_console
        from hrdplan.render.progress_show import renderables

        console = make_console()
        for renderable in renderables(track):
            console.print(renderable)
    for problem in reports.problems:
        typer.echo(str(problem), err=True)
    if reports.problems:
        raise typer.Exit(int(ExitCode.USAGE))


@app.command("record")
def record(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="The progress file, e.g. progress/ke-2027-2031/2028.yaml."
        ),
    ],
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An indicator's id in the strategy (P1.1), or a priority's (P1).",
        ),
    ],
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="VALUE",
            help="An indicator's value, as its kind takes it: 17, 35% (or 35), yes or no, or "
            "text. Not for a priority.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="TEXT", help="Where this year's figure comes from."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="What explains the figure."),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="A priority's status: not-started, on-track, at-risk, off-track or achieved.",
        ),
    ] = None,
    narrative: Annotated[
        str | None,
        typer.Option("--narrative", metavar="TEXT", help="What happened for a priority, and why."),
    ] = None,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Record an indicator's actual value, or a priority's status and narrative.

    FILE INDICATOR VALUE [--source TEXT] [--note TEXT]: the value must fit the indicator's kind.
    FILE PRIORITY [--status STATUS] [--narrative TEXT]: no value. A wrong form or a value that
    does not fit is exit 2, file untouched. The entry is added under its priority when the file
    lacks it; comments and layout are kept."""
    from hrdplan.io.files import updating
    from hrdplan.io.yamledit import write_back
    from hrdplan.lint.runner import lint_file
    from hrdplan.lint.settings import build
    from hrdplan.strategy.record import check_status, record_entry

    check_status(status)
    settings = build(catalogue_dirs=catalogue_dir or ())
    name = display_path(file)
    # Held from the read to the rename: parallel records into one file take turns.
    with updating(file) as held:
        loaded, _, strategy, _ = lint_file(file, name, settings).sound_progress()
        subject = loaded.subject.doc.file if loaded.subject is not None else "its strategy"
        done = record_entry(
            loaded.doc,
            strategy,
            subject,
            ident,
            value,
            source=source,
            note=note,
            status=status,
            narrative=narrative,
        )
        write_back(held, name, loaded.doc.text, done.text)
    typer.echo(printable(f"{name}: {done.summary()}"))


@app.command()
def submit(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="The progress file, e.g. progress/ke-2027-2031/2028.yaml."
        ),
    ],
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Mark a progress file `status: submitted`, if lint finds no error in it as submitted.

    The file is linted as `hrdplan lint` would lint it once submitted (placeholders left and
    priorities without a status are errors then). Any error: listed as lint lists it, exit 1,
    the file left a draft. Already submitted: said, exit 0."""
    from hrdplan.io.files import updating
    from hrdplan.io.yamledit import write_back
    from hrdplan.lint.model import Severity
    from hrdplan.lint.reporters import Report, render
    from hrdplan.lint.rules import RULES
    from hrdplan.lint.runner import lint_file, lint_text
    from hrdplan.lint.settings import build
    from hrdplan.strategy.record import submitted_text

    settings = build(catalogue_dirs=catalogue_dir or ())
    name = display_path(file)
    with updating(file) as held:
        loaded, progress, _, _ = lint_file(file, name, settings).sound_progress()
        if progress.status == "submitted":
            typer.echo(printable(f"{name}: already submitted"))
            return
        text = submitted_text(loaded.doc)
        findings = lint_text(
            text, name, settings.registry, settings.selection, today=settings.today, path=file
        )
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            report = Report(errors, [name], RULES, quiet=True)
            typer.echo(render("text", report), err=True, nl=False)
            count = f"{len(errors)} error{'' if len(errors) == 1 else 's'}"
            typer.echo(
                printable(f"{name}: error: not submitted: {count} once submitted; still a draft"),
                err=True,
            )
            raise typer.Exit(int(ExitCode.FINDINGS))
        write_back(held, name, loaded.doc.text, text)
    typer.echo(printable(f"{name}: submitted"))
