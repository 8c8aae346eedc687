"""`hrdplan progress ...`: the yearly progress files of a format 2 strategy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hrdplan.cli import completion
from hrdplan.cli.options import CatalogueDirOption, FormatOption, TextOrJson
from hrdplan.io.errors import ExitCode, display_path, printable

app = typer.Typer(
    help="Yearly progress files of a strategy: scaffold one, record actuals, show the trajectory.",
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
    refuse_existing(target)
    text = progress_scaffold.progress_text(measured, strategy, year)
    # progress/ and progress/STEM/ are hrdplan's choice, below the folder the strategy is in
    # (or the one holding its strategies/ folder): real folders, never links.
    within = progress_dir(strategy).parents[1]
    atomic_write(target, text, overwrite=False, within=within)
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
    indicator: Annotated[
        str,
        typer.Argument(metavar="INDICATOR", help="The indicator's id in the strategy, e.g. P1.1."),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="What it measured, as its kind takes it: 17, 35% (or 35), yes or no, or text.",
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="TEXT", help="Where this year's figure comes from."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="What explains the figure."),
    ] = None,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Record an indicator's actual value in a progress file.

    The value must fit the indicator's kind (exit 2, file untouched, if not). The indicator's
    entry is added under its priority when the file lacks it; comments and layout are kept."""
    from hrdplan.io.files import updating
    from hrdplan.io.yamledit import write_back
    from hrdplan.lint.runner import lint_file
    from hrdplan.lint.settings import build
    from hrdplan.strategy.record import record as record_value

    settings = build(catalogue_dirs=catalogue_dir or ())
    name = display_path(file)
    # Held from the read to the rename: parallel records into one file take turns.
    with updating(file) as held:
        loaded, _, strategy, _ = lint_file(file, name, settings).sound_progress()
        subject = loaded.subject.doc.file if loaded.subject is not None else "its strategy"
        done = record_value(
            loaded.doc, strategy, subject, indicator, value, source=source, note=note
        )
        write_back(held, name, loaded.doc.text, done.text)
    typer.echo(printable(f"{name}: {done.summary()}"))
