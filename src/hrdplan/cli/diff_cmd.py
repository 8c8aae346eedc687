"""`hrdplan diff`: what changed in a strategy, in the strategy's terms."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hrdplan.cli.options import CatalogueDirOption, ColorOption
from hrdplan.io.errors import ExitCode, HrdplanError, quoted

if TYPE_CHECKING:
    from hrdplan.review.diff import Comparison


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def diff(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="OLD NEW; or one PATH with --rev; or, with --base, the files and folders to "
            "look in (default: the whole repository).",
            show_default=False,
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev", metavar="REV", help="Compare PATH as it was at this Git revision with now."
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REV",
            help="Every strategy changed since this Git revision (its merge base with HEAD): "
            "what a pull request holds.",
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", metavar="FORMAT", help="text, json or markdown."),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when there are changes (as `git diff --exit-code`)."
        ),
    ] = False,
    color: ColorOption = "auto",
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Show what changed between two versions of a strategy, in the strategy's terms:
    priorities, gender markers, indicators and their targets, free text word by word.

    Exit 0 (with --exit-code: 1 when something changed); 2 when a side does not load, or
    when Git cannot answer."""
    from hrdplan.review.sides import compare_at_revision, compare_files, compare_since
    from hrdplan.settings import build

    if color not in ("auto", "always", "never"):
        raise HrdplanError(f"--color must be auto, always or never, not {quoted(color)}")
    if rev is not None and base is not None:
        raise HrdplanError("--rev and --base: give one of them")
    targets = list(paths or [])
    settings = build(catalogue_dirs=catalogue_dir or ())
    if base is not None:
        comparisons = compare_since(base, targets, settings)
        label = base
    elif rev is not None:
        if len(targets) != 1:
            raise HrdplanError("--rev REV compares one PATH with its version at REV")
        comparisons = [compare_at_revision(rev, targets[0], settings)]
        label = rev
    else:
        if len(targets) != 2:
            raise HrdplanError("give OLD and NEW, or PATH --rev REV, or --base REV")
        comparisons = [compare_files(targets[0], targets[1], settings)]
        label = comparisons[0].old_name
    _show(comparisons, fmt, color, label)
    changed = any(c.status != "unchanged" for c in comparisons)
    raise typer.Exit(int(ExitCode.FINDINGS if exit_code and changed else ExitCode.OK))


def _show(comparisons: list[Comparison], fmt: DiffFormat, color: str, base: str) -> None:
    from hrdplan.review import output
    from hrdplan.review.diff import justification_message

    messages = [
        justification_message(c, base) if c.unjustified is not None else None for c in comparisons
    ]
    if fmt is DiffFormat.json:
        from hrdplan.io.text import json_text

        typer.echo(json_text(output.json_data(comparisons, messages)), nl=False)
    elif fmt is DiffFormat.markdown:
        typer.echo(output.markdown(comparisons, messages), nl=False)
    else:
        from hrdplan.io.console import ColorChoice, make_console

        choice: ColorChoice = (
            "always" if color == "always" else "never" if color == "never" else "auto"
        )
        output.text(comparisons, make_console(choice))
    # Where CI shows it, as lint shows a finding: `file:line:col: error: ...`.
    for comparison, message in zip(comparisons, messages, strict=True):
        if message is not None and comparison.unjustified is not None:
            from hrdplan.io.errors import Problem

            where = comparison.unjustified
            line = Problem(comparison.new_name, message, where.line, where.column)
            print(str(line).replace(": error: ", ": warning: ", 1), file=sys.stderr)
