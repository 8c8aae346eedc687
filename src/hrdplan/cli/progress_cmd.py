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
    from hrdplan.edits import new_progress

    target = new_progress(strategy, year, catalogue_dirs=catalogue_dir or ())
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
    from hrdplan import inputs
    from hrdplan.settings import build
    from hrdplan.strategy.trajectory import to_json

    track, problems = inputs.trajectory(strategy, build(catalogue_dirs=catalogue_dir or ()))
    if fmt is TextOrJson.json:
        from hrdplan.io.text import json_text

        typer.echo(json_text(to_json(track)), nl=False)
    else:
        from hrdplan.io.console import make_console
        from hrdplan.render.progress_show import renderables

        console = make_console()
        for renderable in renderables(track):
            console.print(renderable)
    for problem in problems:
        typer.echo(str(problem), err=True)
    if problems:
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
    from hrdplan.edits import record as record_in

    line = record_in(
        file,
        ident,
        value,
        catalogue_dirs=catalogue_dir or (),
        source=source,
        note=note,
        status=status,
        narrative=narrative,
    )
    typer.echo(line)


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
    from hrdplan.edits import submit as submit_file

    done = submit_file(file, catalogue_dirs=catalogue_dir or ())
    if done.errors is not None:
        typer.echo(done.errors, err=True, nl=False)
        typer.echo(done.line, err=True)
        raise typer.Exit(int(ExitCode.FINDINGS))
    typer.echo(done.line)
