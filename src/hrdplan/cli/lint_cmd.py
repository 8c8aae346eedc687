"""`hrdplan lint` and `hrdplan rule`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hrdplan.io.console import ColorChoice
from hrdplan.io.errors import ExitCode, HrdplanError, did_you_mean, display_path


def lint(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or folders (default: config paths, else ./strategies); - is stdin.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="text, json, github, sarif, junit or gitlab.", metavar="FORMAT"
        ),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    select: Annotated[
        str | None, typer.Option("--select", help="Only these codes or prefixes (HRD2,HRD401).")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="Skip these codes or prefixes.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Count findings per rule.")] = (
        False
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Findings only, no summary.")] = (
        False
    ),
    color: Annotated[
        str, typer.Option("--color", help="auto, always or never.", metavar="WHEN")
    ] = "auto",
    stdin_filename: Annotated[
        str | None, typer.Option("--stdin-filename", help="Name of the file read from stdin.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Use this config file instead of discovery.")
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
    from hrdplan.catalogue.registry import Registry
    from hrdplan.cli.paths import collect, wanted
    from hrdplan.io import config as configuration
    from hrdplan.io.files import size_limit
    from hrdplan.lint import runner
    from hrdplan.lint.reporters import FORMATS, Report, render
    from hrdplan.lint.rules import RULE_BY_CODE, RULES

    if fmt not in FORMATS:
        raise HrdplanError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if color not in ("auto", "always", "never"):
        raise HrdplanError(f"--color must be auto, always or never, not {color!r}")
    codes = list(RULE_BY_CODE)
    if config is not None and not config.is_file():
        raise HrdplanError(f"{display_path(config)}: config file not found")
    found = configuration.load(config or configuration.discover(), known_codes=codes)
    cli_select = _codes("--select", select, codes)
    cli_ignore = _codes("--ignore", ignore, codes)
    selection = runner.Selection(
        select=tuple(cli_select or (c.upper() for c in found.config.select)),
        ignore=(*(c.upper() for c in found.config.ignore), *cli_ignore),
        per_file_ignores=tuple(
            (pattern, tuple(c.upper() for c in values))
            for pattern, values in found.config.per_file_ignores.items()
        ),
    )
    dirs = (*found.catalogue_dirs(), *(catalogue_dir or []))
    registry = Registry(dirs)
    # The size limit is read once, so that a bad setting is one usage error, not a finding per file.
    options = runner.Options(selection=selection, catalogue_dirs=dirs, max_bytes=size_limit())

    findings = []
    files: list[str] = []
    targets = list(paths or [])
    if "-" in targets:
        targets.remove("-")
        name = stdin_filename or "<stdin>"
        text = _stdin()
        # As a file given by name: an editor integration may pipe any YAML file it has open.
        if not (force_exclude and stdin_filename and not wanted(Path(stdin_filename), found)):
            files.append(name)
            findings += runner.lint_text(text, name, registry, selection)
    if targets or "-" not in (paths or []):
        collected = collect(targets, found, force_exclude=force_exclude)
        files += [name for _, name in collected]
        findings += runner.lint_paths(collected, registry, options)
    findings.sort()

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
        from hrdplan.io.files import atomic_write

        atomic_write(output, text, overwrite=True)
    elif text:
        # color=True: keep the escapes the colour decision put there (echo would strip them).
        typer.echo(text, nl=not text.endswith("\n"), color=True)
    failed = any(f.severity == "error" or (strict and f.severity == "warning") for f in findings)
    raise typer.Exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))


def _color(value: str) -> ColorChoice:
    return "always" if value == "always" else "never" if value == "never" else "auto"


def _codes(option: str, value: str | None, codes: list[str]) -> list[str]:
    if not value:
        return []
    out = [v.strip().upper() for v in value.split(",") if v.strip()]
    bad = [v for v in out if not any(c.startswith(v) for c in codes)]
    if bad:
        raise HrdplanError(f"{option}: unknown rule code {', '.join(bad)} (see `hrdplan rule`)")
    return out


def _stdin() -> str:
    from hrdplan.io.files import decode

    return decode(sys.stdin.buffer.read(), "<stdin>")


def rule(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. HRD201.")] = None,
) -> None:
    """List the lint rules, or explain one: what it checks, why, and an example."""
    from hrdplan.lint import explain
    from hrdplan.lint.rules import RULE_BY_CODE

    if code is None:
        typer.echo(explain.table())
        return
    found = RULE_BY_CODE.get(code.strip().upper())
    if found is None:
        import difflib

        close = difflib.get_close_matches(code.upper(), list(RULE_BY_CODE), n=3)
        raise HrdplanError(f"unknown rule {code!r}{did_you_mean(close)}")
    typer.echo(explain.explain(found))
