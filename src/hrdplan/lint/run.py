"""The work of `hrdplan lint`, from the paths a command line gave to its report: the files
found (`inputs.paths`), stdin read as a file, every file linted once (`runner`), the report
made in the format asked for and written to `--output` or returned for stdout."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from hrdplan.io.errors import display_path, printable

if TYPE_CHECKING:
    from hrdplan.io.console import ColorChoice
    from hrdplan.lint.reporters import FormatName
    from hrdplan.settings import Settings


@dataclass(frozen=True)
class Done:
    """The report's text (None when it was written to `--output`) and whether the run fails
    (an error, or with `strict` a warning)."""

    text: str | None
    failed: bool


def lint(
    paths: Sequence[str],
    settings: Settings,
    *,
    fmt: FormatName,
    stdin: BinaryIO,
    stdin_filename: str | None,
    force_exclude: bool,
    output: Path | None,
    force: bool,
    strict: bool,
    statistics: bool,
    quiet: bool,
    color: ColorChoice,
    to_terminal: bool,
    warn: Callable[[str], None],
) -> Done:
    """Lint the files under paths (`-`: stdin, named `stdin_filename`); the report."""
    from hrdplan import __version__
    from hrdplan.inputs.paths import collect, roots, wanted
    from hrdplan.io.console import use_color
    from hrdplan.lint import runner
    from hrdplan.lint.reporters import Report, is_report, render
    from hrdplan.lint.rules import RULES

    findings = []
    files: list[str] = []
    read: list[Path] = []  # the files linted, which --output never replaces
    targets = list(paths)
    if "-" in targets:
        targets.remove("-")
        name = stdin_filename or "<stdin>"
        # As a file given by name: an editor integration may pipe any YAML file it has open.
        if not (
            force_exclude and stdin_filename and not wanted(Path(stdin_filename), settings.found)
        ):
            files.append(name)
            findings += runner.lint_stream(stdin, name, settings)
    if targets or "-" not in paths:
        collected = collect(targets, settings.found, force_exclude=force_exclude)
        # Not an error (exit 0, as ruff does), but "0 files checked" alone reads like success;
        # files the hook named and --force-exclude left out were meant to be left out.
        if not collected and not (force_exclude and targets):
            searched = ", ".join(printable(display_path(r)) for r in roots(targets, settings.found))
            warn(f"warning: no strategy files (*.yaml, *.yml) found in {searched}")
        files += [name for _, name in collected]
        read += [path for path, _ in collected]
        findings += runner.lint_paths(collected, settings)
    findings.sort(key=lambda f: f.sort_key())

    report = Report(
        findings=findings,
        files=files,
        rules=RULES,
        color=fmt == "text" and use_color(color, isatty=to_terminal and output is None),
        statistics=statistics,
        quiet=quiet,
        version=__version__,
    )
    text = render(fmt, report)
    if output is not None:
        from hrdplan.io.files import as_text, file_ids, write_output

        write_output(output, text, force=force, ours=as_text(is_report), inputs=file_ids(read))
    failed = any(f.severity == "error" or (strict and f.severity == "warning") for f in findings)
    return Done(text if output is None else None, failed)
