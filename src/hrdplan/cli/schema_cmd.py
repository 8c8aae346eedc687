"""`hrdplan schema`: the strategy JSON Schema, generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (replacing a schema hrdplan wrote there).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a file that is not a strategy schema.")
    ] = False,
) -> None:
    """Print the strategy JSON Schema (draft 2020-12), for editors and other tools."""
    from hrdplan.strategy.model import is_schema_text, schema_text

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    from hrdplan.io.files import write_output

    write_output(output, text, force=force, ours=is_schema_text)
    from hrdplan.io.errors import printable

    typer.echo(printable(f"wrote {output}"), err=True)
