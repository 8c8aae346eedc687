"""`hrdplan progress ...`: yearly progress files on a strategy's results."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from hrdplan.cli.options import CatalogueDirOption
from hrdplan.io.errors import printable

app = typer.Typer(
    help="Yearly progress files: record what each indicator measured.",
    no_args_is_help=True,
    add_completion=False,  # completion is the root command's (`hrdplan --install-completion`)
)


@app.callback()
def progress() -> None:
    """Yearly progress files: record what each indicator measured."""
    # A callback keeps `progress` a group of commands even while it holds one: typer runs a
    # lone command directly, and `hrdplan progress record ...` would not parse.


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
    from hrdplan.io.errors import display_path
    from hrdplan.io.yamledit import write_back
    from hrdplan.lint.runner import lint_file
    from hrdplan.lint.settings import build
    from hrdplan.strategy.record import record as record_value

    settings = build(catalogue_dirs=catalogue_dir or ())
    name = display_path(file)
    loaded, _, strategy, _ = lint_file(file, name, settings).sound_progress()
    # The strategy as the user finds it (progress/x/../../strategies/x.yaml is strategies/x.yaml).
    subject = (
        display_path(os.path.normpath(loaded.subject.doc.file))
        if loaded.subject is not None
        else "its strategy"
    )
    done = record_value(loaded.doc, strategy, subject, indicator, value, source=source, note=note)
    write_back(file, name, loaded.doc.text, done.text)
    typer.echo(printable(f"{name}: {done.summary()}"))
