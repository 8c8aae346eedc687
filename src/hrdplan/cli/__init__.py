"""The command line. It only parses options and wires the parts together; each command's work
lives in its own module, and errors become one line each on stderr with the contract's exit code.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from hrdplan import __version__
from hrdplan.codes import ExitCode
from hrdplan.errors import HrdplanError, printable


class _Group(TyperGroup):
    """Turns the errors users can fix into one line each and the contract's exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except HrdplanError as err:
            for line in err.lines():
                typer.echo(line, err=True)
            ctx.exit(int(err.exit_code))
        except LookupError as err:  # an unknown catalogue, code or country
            typer.echo(f"error: {printable(str(err.args[0] if err.args else err))}", err=True)
            ctx.exit(int(ExitCode.USAGE))
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except (TyperException, typer.Exit, typer.Abort):
            raise
        except Exception as err:
            # A bug, not the user's fault: one line unless the traceback is asked for.
            if os.environ.get("HRDPLAN_DEBUG"):
                raise
            name = type(err).__name__
            typer.echo(f"error: internal error ({name}): {printable(str(err))}", err=True)
            typer.echo("set HRDPLAN_DEBUG=1 to see the traceback", err=True)
            ctx.exit(int(ExitCode.USAGE))


app = typer.Typer(
    cls=_Group,
    name="hrdplan",
    help="Author, lint and render EU Human Rights and Democracy Country Strategies.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hrdplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Author, lint and render EU Human Rights and Democracy Country Strategies."""


def _register() -> None:
    from hrdplan.cli import catalogue_cmd, lint_cmd, render_cmd, scaffold_cmd, schema_cmd

    app.command("new-strategy")(scaffold_cmd.new_strategy)
    app.command("init")(scaffold_cmd.init)
    app.command("lint")(lint_cmd.lint)
    app.command("rule")(lint_cmd.rule)
    app.command("schema")(schema_cmd.schema)
    app.command("render")(render_cmd.render)
    app.command("report")(render_cmd.report)
    app.add_typer(catalogue_cmd.app, name="catalogue")


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="hrdplan")
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        sys.exit(0)
