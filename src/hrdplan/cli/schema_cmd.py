"""`hrdplan schema`: the JSON Schema of strategies or of progress files, generated from the
models."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hrdplan.cli.options import ForceOption


class SchemaKind(StrEnum):
    strategy = "strategy"
    progress = "progress"


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Which file's schema: strategy or progress (the yearly progress files).",
        ),
    ] = SchemaKind.strategy,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (replacing a schema of this kind hrdplan wrote there).",
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Print the strategy JSON Schema (draft 2020-12), for editors and other tools.

    With `--kind progress`, the schema of the yearly progress files instead."""
    if kind is SchemaKind.progress:
        from hrdplan.strategy.progress import is_progress_schema_text as ours
        from hrdplan.strategy.progress import schema_text
    else:
        from hrdplan.strategy.model import is_schema_text as ours
        from hrdplan.strategy.model import schema_text

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    from hrdplan.io.files import as_text, write_output

    write_output(output, text, force=force, ours=as_text(ours))
    from hrdplan.io.errors import printable

    typer.echo(printable(f"wrote {output}"), err=True)
