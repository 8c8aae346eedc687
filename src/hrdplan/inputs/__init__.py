"""Checked inputs: from a file (or its text) to a sound model with its catalogue, the run's
settings and its lint findings, for every command and for the language server.

A file is read and linted once, by the rules engine (`lint.runner`); it is sound when no error
of the rules about the file itself (HRD0xx) stands, whatever the selection. Every refusal is
worded here, once: one line per problem, `file:line:col: error: message`, in the rules' own
words where a rule found it, so that render, report, migrate, progress and diff say the same
thing of the same file as `hrdplan lint` does. Which files a command works on, from the paths
it was given and the configuration, is `inputs.paths`.

Importing this package loads no model: a command's start-up stays light until it reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.io.errors import InputError, Problem, display_path

if TYPE_CHECKING:
    from hrdplan.catalogue.model import Catalogue
    from hrdplan.findings import Finding
    from hrdplan.lint.runner import Linted
    from hrdplan.settings import Settings
    from hrdplan.strategy.loader import Loaded
    from hrdplan.strategy.model import Strategy, StrategyV2
    from hrdplan.strategy.progress import Progress
    from hrdplan.strategy.trajectory import Trajectory

__all__ = [
    "ProgressInput",
    "Reports",
    "StrategyInput",
    "UnsoundProgress",
    "measured",
    "progress",
    "progress_reports",
    "read",
    "read_text",
    "strategy",
    "strategy_text",
    "trajectory",
]


@dataclass(frozen=True)
class StrategyInput:
    """A strategy that loaded soundly, with its catalogue and its lint findings."""

    name: str  # as shown to users
    # The file; for a text given with no path (a Git revision), its name, as the loader places
    # it.
    path: Path
    loaded: Loaded
    strategy: Strategy
    catalogue: Catalogue
    findings: list[Finding]


@dataclass(frozen=True)
class ProgressInput:
    """A progress file that loaded soundly, with its strategy (format 2), that strategy's file
    and catalogue, and the progress file's lint findings."""

    name: str  # as shown to users
    path: Path
    loaded: Loaded
    progress: Progress
    strategy: StrategyV2
    strategy_path: Path
    catalogue: Catalogue
    findings: list[Finding]


class UnsoundProgress(InputError):
    """A progress file that cannot be used (its own problems or its strategy's)."""


# -- one file ---------------------------------------------------------------------------------


def read(path: Path, name: str, settings: Settings) -> StrategyInput | ProgressInput:
    """A strategy or a progress file (told apart by `kind`), read and linted once; InputError
    when it is not sound (UnsoundProgress for a progress file)."""
    from hrdplan.lint.runner import lint_file

    return _either(lint_file(path, name, settings), name, path)


def read_text(
    text: str, name: str, settings: Settings, *, path: Path | None = None
) -> StrategyInput | ProgressInput:
    """As `read`, for a text not read from disk (an editor's buffer); `path` places it, so
    that a progress file finds its strategy."""
    from hrdplan.lint.runner import lint_source

    return _either(lint_source(text, name, settings, path=path), name, path)


def strategy(path: Path, name: str, settings: Settings, *, history: bool = True) -> StrategyInput:
    """A sound strategy; InputError saying what stands in the way (a progress file, or the
    file group's errors). Without `history`, HRD601 does not compare it with its version at a
    Git revision (one side of a comparison: the comparison is the command's work)."""
    from hrdplan.lint.runner import lint_file

    return _strategy(lint_file(path, name, settings, history=history), name, path)


def strategy_text(
    text: str, name: str, settings: Settings, *, path: Path | None = None
) -> StrategyInput:
    """As `strategy`, for a text not read from disk (a strategy at a Git revision, named
    FILE@REV; an editor's buffer)."""
    from hrdplan.lint.runner import lint_source

    return _strategy(lint_source(text, name, settings, path=path), name, path)


def progress(path: Path, name: str, settings: Settings) -> ProgressInput:
    """A sound progress file with its strategy; UnsoundProgress saying what stands in the way
    (a strategy, its own errors, its strategy missing, unsound or in format 1)."""
    from hrdplan.lint.runner import lint_file

    return _progress(lint_file(path, name, settings), name, path)


def measured(path: Path, settings: Settings) -> tuple[StrategyInput, StrategyV2]:
    """The strategy at path, sound and in format 2 (what progress files are written for)."""
    from hrdplan.strategy.model import StrategyV2

    name = display_path(path)
    found = strategy(path, name, settings)
    if not isinstance(found.strategy, StrategyV2):
        raise InputError(Problem(name, _FORMAT_1.format(name=name)))
    return found, found.strategy


# -- a strategy's progress files --------------------------------------------------------------


@dataclass(frozen=True)
class Reports:
    """A strategy's progress files: those that load, by year, and a problem for each other."""

    loaded: dict[int, Progress]
    problems: list[Problem]


def progress_reports(strategy_file: Path, settings: Settings) -> Reports:
    """Every progress file of the strategy (`progress_files`), each loaded soundly with it.
    One that does not load, names another strategy, or says another year than its name is a
    problem, and the others are still read."""
    from hrdplan.strategy.progress import progress_files

    loaded: dict[int, Progress] = {}
    problems: list[Problem] = []
    for year, path in sorted(progress_files(strategy_file).items()):
        name = display_path(path)
        try:
            found = progress(path, name, settings)
        except InputError as err:
            problems += err.problems
            continue
        if not _same_file(found.strategy_path, strategy_file):
            problems.append(
                Problem(
                    name, f"names the strategy {found.progress.strategy}, not {strategy_file.name}"
                )
            )
        elif found.progress.year != year:
            problems.append(
                Problem(name, f"says year {found.progress.year}, not {year} as its name")
            )
        else:
            loaded[year] = found.progress
    return Reports(loaded, problems)


def trajectory(path: Path, settings: Settings) -> tuple[Trajectory, list[Problem]]:
    """A sound format 2 strategy's trajectory over its progress files that load (`progress
    show`), and a problem for each one that does not."""
    from hrdplan.strategy.trajectory import trajectory as track

    _, strategy = measured(path, settings)
    reports = progress_reports(path, settings)
    return track(strategy, display_path(path), reports.loaded), reports.problems


# -- the refusals, worded once ----------------------------------------------------------------

_FORMAT_1 = "a format 1 strategy; progress files need format 2: `hrdplan migrate --format 2 {name}`"
_ITS_FORMAT_1 = "{name} is in format 1: `hrdplan migrate --format 2 {name}`"


def dac_criteria() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The OECD DAC minimum criteria in the order documents list them, each with the rules
    whose findings say it is not met (`lint.rules.gender.DAC_CRITERIA`)."""
    from hrdplan.lint.rules.gender import DAC_CRITERIA

    return DAC_CRITERIA


def _blocking(linted: Linted) -> list[Problem]:
    """The file group's errors, one line each, as lint reports them (a file that cannot be
    read at all, HRD001, at 1:1)."""
    return [Problem(f.file, f.message, f.line, f.column) for f in linted.blocking]


def _either(linted: Linted, name: str, path: Path | None) -> StrategyInput | ProgressInput:
    if linted.loaded is not None and linted.loaded.kind == "progress":
        return _progress(linted, name, path)
    return _strategy(linted, name, path)


def _strategy(linted: Linted, name: str, path: Path | None) -> StrategyInput:
    from hrdplan.strategy.loader import NOT_A_STRATEGY

    loaded = linted.loaded
    # The kind first: a progress file given for a strategy is that, whatever else is wrong.
    if loaded is not None and loaded.kind == "progress":
        raise InputError(Problem(name, NOT_A_STRATEGY))
    if linted.blocking:
        raise InputError(*_blocking(linted))
    # The file group's rules report every way a file can fail the models or its pin.
    assert loaded is not None and loaded.strategy is not None and loaded.catalogue is not None
    return StrategyInput(
        name, path or Path(name), loaded, loaded.strategy, loaded.catalogue, linted.findings
    )


def _progress(linted: Linted, name: str, path: Path | None) -> ProgressInput:
    from hrdplan.strategy.loader import NOT_PROGRESS

    loaded = linted.loaded
    if loaded is not None and loaded.kind != "progress":
        raise UnsoundProgress(Problem(name, NOT_PROGRESS))
    if linted.blocking:
        raise UnsoundProgress(*_blocking(linted))
    assert loaded is not None and loaded.progress is not None
    if loaded.catalogue_problem is not None or loaded.catalogue is None:
        raise UnsoundProgress(
            Problem(name, loaded.catalogue_problem or "its strategy does not load")
        )
    measured = loaded.measured
    if measured is None:
        subject = loaded.subject.doc.file if loaded.subject else "its strategy"
        raise UnsoundProgress(Problem(name, _ITS_FORMAT_1.format(name=subject)))
    assert loaded.subject is not None and loaded.subject.path is not None
    return ProgressInput(
        name,
        path or Path(name),
        loaded,
        loaded.progress,
        measured,
        loaded.subject.path,
        loaded.catalogue,
        linted.findings,
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
