"""`hrdplan lint` and `hrdplan rule`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hrdplan.cli import completion
from hrdplan.cli.options import ColorOption
from hrdplan.io.console import ColorChoice
from hrdplan.io.errors import (
    ExitCode,
    HrdplanError,
    did_you_mean,
    display_path,
    printable,
    quoted,
)


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
    force: Annotated[
        bool, typer.Option("--force", help="Let --output overwrite a file that is not a report.")
    ] = False,
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
    catalogue_dir: Annotated[
        list[Path] | None,
        typer.Option("--catalogue-dir", metavar="DIR", help="Extra catalogue folder (repeatable)."),
    ] = None,
    force_exclude: Annotated[
        bool,
        typer.Option(
            "--force-exclude",
            help="Skip files given by name that are outside the config's paths or excluded.",
        ),
    ] = False,
) -> None:
    """Check strategies against the catalogue and the plan's requirements."""
    from hrdplan.cli.paths import collect, roots, wanted
    from hrdplan.lint import runner
    from hrdplan.lint.reporters import FORMATS, Report, is_report, render
    from hrdplan.lint.rules import RULES
    from hrdplan.lint.settings import build

    if fmt not in FORMATS:
        raise HrdplanError(f"--format must be one of {', '.join(FORMATS)}, not {quoted(fmt)}")
    if color not in ("auto", "always", "never"):
        raise HrdplanError(f"--color must be auto, always or never, not {quoted(color)}")
    settings = build(
        config=config, catalogue_dirs=catalogue_dir or (), select=select, ignore=ignore
    )

    findings = []
    files: list[str] = []
    read: list[Path] = []  # the files linted, which --output never replaces
    targets = list(paths or [])
    if "-" in targets:
        targets.remove("-")
        name = stdin_filename or "<stdin>"
        # As a file given by name: an editor integration may pipe any YAML file it has open.
        if not (
            force_exclude and stdin_filename and not wanted(Path(stdin_filename), settings.found)
        ):
            files.append(name)
            findings += runner.lint_stream(sys.stdin.buffer, name, settings)
    if targets or "-" not in (paths or []):
        collected = collect(targets, settings.found, force_exclude=force_exclude)
        # Not an error (exit 0, as ruff does), but "0 files checked" alone reads like success;
        # files the hook named and --force-exclude left out were meant to be left out.
        if not collected and not (force_exclude and targets):
            searched = ", ".join(printable(display_path(r)) for r in roots(targets, settings.found))
            typer.echo(f"warning: no strategy files (*.yaml, *.yml) found in {searched}", err=True)
        files += [name for _, name in collected]
        read += [path for path, _ in collected]
        findings += runner.lint_paths(collected, settings)
    findings.sort(key=lambda f: f.sort_key())

    from hrdplan import __version__
    from hrdplan.io.console import use_color

    to_terminal = output is None and sys.stdout.isatty()
    report = Report(
        findings=findings,
        files=files,
        rules=RULES,
        color=fmt == "text" and use_color(_color(color), isatty=to_terminal),
        statistics=statistics,
        quiet=quiet,
        version=__version__,
    )
    text = render(fmt, report)
    if output is not None:
        from hrdplan.io.files import as_text, file_ids, write_output

        write_output(output, text, force=force, ours=as_text(is_report), inputs=file_ids(read))
    elif text:
        # color=True: keep the escapes the colour decision put there (echo would strip them).
        typer.echo(text, nl=not text.endswith("\n"), color=True)
    failed = any(f.severity == "error" or (strict and f.severity == "warning") for f in findings)
    raise typer.Exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))


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
