"""The command line. It only parses options and wires the parts together; each command's work
lives in its own module, and errors become one line each on stderr with the contract's exit code.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import os
import sys
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup
from typer.exceptions import TyperException

from hrdplan import __version__
from hrdplan.io.errors import ExitCode, HrdplanError, did_you_mean, printable

# Every command, in the order `--help` lists them: name -> (module in hrdplan.cli, attribute).
# An attribute that is a Typer app is a command group. Only the command being run is imported
# and turned into a click command: building all of them would cost every run, the pre-commit
# lint included, about 15 ms.
COMMANDS: dict[str, tuple[str, str]] = {
    "new-strategy": ("scaffold_cmd", "new_strategy"),
    "init": ("scaffold_cmd", "init"),
    "lint": ("lint_cmd", "lint"),
    "rule": ("lint_cmd", "rule"),
    "render": ("render_cmd", "render"),
    "report": ("render_cmd", "report"),
    "schema": ("schema_cmd", "schema"),
    "migrate": ("migrate_cmd", "migrate"),
    "catalogue": ("catalogue_cmd", "app"),
}


def _build(name: str) -> Any:
    module, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(f"hrdplan.cli.{module}"), attribute)
    if not isinstance(target, typer.Typer):
        function = target
        target = typer.Typer(add_completion=False)
        target.command(name)(function)
    command = typer.main.get_command(target)
    command.name = name
    return command


class _Group(TyperGroup):
    """Builds commands on demand, and turns the errors users can fix into one line each and the
    contract's exit code."""

    # Contexts and commands are typed loosely here: their classes live in click or, in newer
    # typer, in typer's private copy of it.
    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            if cmd_name in COMMANDS:
                self.commands[cmd_name] = _build(cmd_name)
            elif not ctx.resilient_parsing:
                close = difflib.get_close_matches(cmd_name, list(COMMANDS))
                ctx.fail(f"no such command {printable(cmd_name)!r}{did_you_mean(close)}")
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

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


def main() -> None:
    """Console-script entry point."""
    # Our models use no pydantic plugins: skip the scan of every installed package's entry
    # points that pydantic otherwise makes on the first model (unless the user asked for it).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _skip_plugin_loader()
    try:
        app(prog_name="hrdplan")
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    except BrokenPipeError:  # output piped into `head`: not an error
        code = 0
    # Every command has written, flushed and closed its files by now (writes are atomic), and
    # no worker process is left. Python's own teardown, freeing each of the many objects
    # typer and pydantic created, would take a seventh of a one-file lint: skip it.
    for stream in (sys.stdout, sys.stderr):
        # A reader gone (`| head`), or a stream already closed: nothing left to deliver.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)


def _skip_plugin_loader() -> None:
    """With plugins off, stand in for pydantic's plugin loader: importing it imports
    importlib.metadata, a fifteenth of a one-file lint's time, and it would answer "no plugins"
    all the same."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        import types

        loader = types.ModuleType(name, "No pydantic plugins (PYDANTIC_DISABLE_PLUGINS).")
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules[name] = loader


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message"): printed, as Python would
    return 1
