"""The command line. It only parses options and wires the parts together; each command's work
lives in its own module, and errors become one line each on stderr with the contract's exit code.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperCommand
from typer.exceptions import TyperException

from hrdplan import __version__
from hrdplan.cli.help import HelpCommand, HelpGroup
from hrdplan.cli.usage import is_help_request, usage_line
from hrdplan.io.errors import (
    ExitCode,
    HrdplanError,
    os_error,
    os_error_line,
    printable,
)
from hrdplan.io.suggest import close_names, did_you_mean

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
    "progress": ("progress_cmd", "app"),
    "diff": ("diff_cmd", "diff"),
}

_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _build(name: str) -> Any:
    module, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(f"hrdplan.cli.{module}"), attribute)
    if not isinstance(target, typer.Typer):
        function = target
        target = typer.Typer(add_completion=False)
        target.command(name)(function)
    # Every command and group shows its options the same way (see hrdplan.cli.help).
    if not isinstance(target.info.cls, type):  # typer's default placeholder
        target.info.cls = HelpGroup
    for info in target.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = HelpCommand
    command = typer.main.get_command(target)
    command.name = name
    return command


def _reader_gone() -> None:
    """stdout's reader went away (`hrdplan rule | head -1`). Point stdout at devnull, so that
    nothing written or flushed later (the final flush included) raises again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _flush_or_drop_stdout() -> None:
    """Deliver what is pending on stdout, or, when stdout itself is what failed (a full disk
    behind `> file`), drop it, so that the final flush does not report the same error again."""
    try:
        sys.stdout.flush()
    except OSError:
        _reader_gone()
    except ValueError:  # already closed
        pass


def _prepare_completion(prog_name: str, complete_var: str | None) -> None:
    """Ready a Tab-completion request (the `_HRDPLAN_COMPLETE` variable) for typer, which
    answers it when the command starts, before any argument is parsed."""
    var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
    if not os.environ.get(var):
        return  # a normal start: nothing of completion is loaded
    # Click documents the instruction as `bash_source`, typer as `source_bash`: take both.
    shell, _, instruction = os.environ[var].partition("_")
    if shell in _SHELLS:
        os.environ[var] = f"{instruction}_{shell}"
    from typer import completion

    # Registers typer's bash, zsh, fish and PowerShell formats (add_completion=False
    # skipped that); the parameters it returns are not needed.
    completion.get_completion_inspect_parameters()


class _Group(HelpGroup):
    """Builds commands on demand, completes them in the shell, and turns the errors users can
    fix into one line each and the contract's exit code: the one error boundary of the CLI."""

    # Contexts and commands are typed loosely here: their classes live in click or, in newer
    # typer, in typer's private copy of it.
    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            if cmd_name in COMMANDS:
                self.commands[cmd_name] = _build(cmd_name)
            elif not ctx.resilient_parsing:
                close = close_names(cmd_name, COMMANDS)
                ctx.fail(f"no such command {printable(cmd_name)!r}{did_you_mean(close)}")
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        # The root's own eager options (--version, --help) write before any command runs.
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            _reader_gone()
            raise typer.Exit(int(ExitCode.OK)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        _prepare_completion(prog_name or Path(sys.argv[0]).name, complete_var)
        # click's standalone mode would print a usage error in typer's box of several lines:
        # run without it, report the error as one line, and exit as standalone mode does.
        run = functools.partial(
            super().main,
            args,
            prog_name,
            complete_var,
            standalone_mode=False,
            windows_expand_args=windows_expand_args,
            **extra,
        )
        if not standalone_mode:
            return run()
        try:
            done = run()
        except TyperException as err:  # click's usage errors and the like
            if is_help_request(err):
                if err.message:  # without rich, the help is the message (rich printed it)
                    typer.echo(err.message)
            else:
                typer.echo(usage_line(err), err=True)
            sys.exit(int(getattr(err, "exit_code", ExitCode.USAGE)))
        except typer.Abort:  # a prompt ended by end of input or Ctrl-C
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        sys.exit(done if isinstance(done, int) else 0)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from hrdplan.io.files import forget_reads

        forget_reads()  # each command starts clean, the first in its process or not
        try:
            return super().invoke(ctx)
        except HrdplanError as err:
            for line in err.lines():
                typer.echo(line, err=True)
            ctx.exit(int(err.exit_code))
        except BrokenPipeError:
            # The reader stopped reading (`| head`): as ruff and ripgrep do, end quietly with
            # exit 0; what the command would have said next has no one to read it.
            _reader_gone()
            ctx.exit(int(ExitCode.OK))
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except TyperException:  # a usage error: main() reports it
            raise
        except (typer.Exit, typer.Abort):
            raise
        except Exception as err:
            refusal = os_error(err)
            if refusal is not None:
                # The system refused a path the user gave or that their files lead to (a
                # link loop, a name over 255 bytes, no permission, a full disk), wherever in
                # the command it came up: theirs to fix, like any bad input.
                _flush_or_drop_stdout()
                typer.echo(os_error_line(refusal), err=True)
                ctx.exit(int(ExitCode.USAGE))
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
    add_completion=False,  # declared in _root instead, see _completion
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hrdplan {__version__}")
        raise typer.Exit()


def _completion(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> None:
    # typer's own --install-completion/--show-completion, declared here so that building them
    # (typer inspects its callbacks' annotations, ~8 ms) is not paid on every start.
    if value and not ctx.resilient_parsing:
        from typer import completion

        if param.name == "install_completion":
            completion.install_callback(ctx, param, value)
        else:
            completion.show_callback(ctx, param, value)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_completion,
            is_eager=True,
            expose_value=False,
            help="Install Tab completion for the current shell (bash, zsh or fish).",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_completion,
            is_eager=True,
            expose_value=False,
            help="Print the current shell's completion script, to install it yourself.",
        ),
    ] = False,
) -> None:
    """Author, lint and render EU Human Rights and Democracy Country Strategies."""


def main() -> None:
    """Console-script entry point."""
    # Our models use no pydantic plugins: skip the scan of every installed package's entry
    # points that pydantic otherwise makes on the first model (unless the user asked for it).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    to_devnull = _stdout_is_devnull()
    _skip_plugin_loader()
    try:
        app(prog_name="hrdplan")
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    except BrokenPipeError:  # output piped into `head` outside a command: not an error
        _reader_gone()
        code = 0
    except Exception as err:  # outside a command (parsing, completion): as in _Group.invoke
        refusal = os_error(err)
        if refusal is None:
            raise
        _say(os_error_line(refusal))
        code = int(ExitCode.USAGE)
    # Every command has written, flushed and closed its files by now (writes are atomic), and
    # no worker process is left. Python's own teardown, freeing each of the many objects
    # typer and pydantic created, would take a seventh of a one-file lint: skip it.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader is gone: nothing left to deliver, not an error
            code = 0
        except ValueError:  # a stream already closed
            pass
        except OSError as err:  # output that cannot be written (`> /dev/full`)
            _reader_gone()
            _say(os_error_line(err))
            code = int(ExitCode.USAGE)
    if not to_devnull and _stdout_is_devnull():
        # rich met the broken pipe (in a table, or typer's help) and, as it documents, pointed
        # stdout at devnull and exited 1: the same event, the same exit as everywhere else.
        code = 0
    os._exit(code)


def _say(line: str) -> None:
    """A last line on stderr, when stderr itself may be the stream that failed."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def _stdout_is_devnull() -> bool:
    with contextlib.suppress(OSError, ValueError):
        return os.path.samestat(os.fstat(sys.stdout.fileno()), Path(os.devnull).stat())
    return False


def _skip_plugin_loader() -> None:
    """With plugins off, stand in for pydantic's plugin loader: importing it imports
    importlib.metadata, a fifteenth of a one-file lint's time, and it would answer "no plugins"
    all the same. Anything else asked of the stand-in (a newer pydantic may ask more) comes
    from the real loader, imported then."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    import types

    def real(attribute: str) -> Any:
        if attribute.startswith("__"):  # the import system probing (__path__, ...)
            raise AttributeError(attribute)
        import importlib

        del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    loader = types.ModuleType(name, "No pydantic plugins (PYDANTIC_DISABLE_PLUGINS).")
    setattr(loader, "get_plugins", lambda: ())  # noqa: B010 (a module, not a class)
    setattr(loader, "__getattr__", real)  # noqa: B010
    sys.modules[name] = loader


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message"): printed, as Python would
    return 1
