"""`hrdplan lint` and `hrdplan rule`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hrdplan.cli import completion
from hrdplan.cli.options import CatalogueDirOption, ColorOption, ForceOption
from hrdplan.io.console import ColorChoice
from hrdplan.io.errors import (
    ExitCode,
    HrdplanError,
    quoted,
)
from hrdplan.io.suggest import did_you_mean


def lint(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders (default: config paths, else ./strategies); - is stdin.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="text, json, github, sarif, junit or gitlab.",
            metavar="FORMAT",
            autocompletion=completion.lint_formats,
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file (replacing a report hrdplan wrote there).",
        ),
    ] = None,
    force: ForceOption = False,
    select: Annotated[
        str | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these codes or prefixes, comma-separated (HRD2,HRD401).",
            autocompletion=completion.rule_code_list,
        ),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Skip these codes or prefixes, comma-separated.",
            autocompletion=completion.rule_code_list,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Count findings per rule.")] = (
        False
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Findings only, no summary.")] = (
        False
    ),
    color: ColorOption = "auto",
    stdin_filename: Annotated[
        str | None,
        typer.Option("--stdin-filename", metavar="PATH", help="Name of the file read from stdin."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", metavar="FILE", help="Use this config file instead of discovery."),
    ] = None,
    catalogue_dir: CatalogueDirOption = None,
    force_exclude: Annotated[
        bool,
        typer.Option(
            "--force-exclude",
            help="Skip files given by name that are outside the config's paths or excluded.",
        ),
    ] = False,
) -> None:
    """Check strategies against the catalogue and the plan's requirements."""
    from hrdplan.lint.reporters import FORMATS
    from hrdplan.lint.run import lint as lint_files
    from hrdplan.settings import build

    if fmt not in FORMATS:
        raise HrdplanError(f"--format must be one of {', '.join(FORMATS)}, not {quoted(fmt)}")
    if color not in ("auto", "always", "never"):
        raise HrdplanError(f"--color must be auto, always or never, not {quoted(color)}")
    settings = build(
        config=config, catalogue_dirs=catalogue_dir or (), select=select, ignore=ignore
    )
    done = lint_files(
        paths or [],
        settings,
        fmt=fmt,
        stdin=sys.stdin.buffer,
        stdin_filename=stdin_filename,
        force_exclude=force_exclude,
        output=output,
        force=force,
        strict=strict,
        statistics=statistics,
        quiet=quiet,
        color=_color(color),
        to_terminal=sys.stdout.isatty(),
        warn=lambda line: typer.echo(line, err=True),
    )
    if done.text:
        # color=True: keep the escapes the colour decision put there (echo would strip them).
        typer.echo(done.text, nl=not done.text.endswith("\n"), color=True)
    raise typer.Exit(int(ExitCode.FINDINGS if done.failed else ExitCode.OK))


def _color(value: str) -> ColorChoice:
    return "always" if value == "always" else "never" if value == "never" else "auto"


def rule(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            help="A rule code, e.g. HRD201.",
            autocompletion=completion.rule_codes,
        ),
    ] = None,
) -> None:
    """List the lint rules, or explain one: what it checks, why, and an example."""
    from hrdplan.lint import explain
    from hrdplan.lint.rules import RULE_BY_CODE

    if code is None:
        typer.echo(explain.table())
        return
    found = RULE_BY_CODE.get(code.strip().upper())
    if found is None:
        from hrdplan.io.suggest import close_names

        # A letter O, I or l typed for a digit is the usual slip; read it as the digit first,
        # so that the code meant comes first among the many that differ by one digit.
        typed = code.strip().upper()
        digits = typed[:3] + typed[3:].translate(str.maketrans("OIL", "011"))
        close = close_names(digits, RULE_BY_CODE)
        raise HrdplanError(f"unknown rule {quoted(code)}{did_you_mean(close)}")
    typer.echo(explain.explain(found))
