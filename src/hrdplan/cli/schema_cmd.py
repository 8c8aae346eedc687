"""`hrdplan schema`: the strategy JSON Schema, generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file (replacing it)."),
    ] = None,
) -> None:
    """Print the strategy JSON Schema (draft 2020-12), for editors and other tools."""
    from hrdplan.strategy.model import schema_text

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    from hrdplan.io.files import atomic_write

    atomic_write(output, text, overwrite=True)
    from hrdplan.io.errors import printable

    typer.echo(printable(f"wrote {output}"), err=True)
