"""Sound inputs of the progress commands, through the one path from a file to findings
(`runner.lint_file`): a format 2 strategy, and the progress files of it that load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hrdplan.io.errors import InputError, Problem, display_path
from hrdplan.lint.runner import lint_file
from hrdplan.lint.settings import Settings
from hrdplan.strategy.loader import Loaded
from hrdplan.strategy.model import StrategyV2
from hrdplan.strategy.progress import Progress, progress_files


def measured_strategy(path: Path, settings: Settings) -> tuple[Loaded, StrategyV2]:
    """The strategy at path, sound and in format 2; else an InputError (exit 2) naming the
    file: its blocking findings, or the upgrade to run for a format 1 strategy."""
    name = display_path(path)
    loaded, strategy, _ = lint_file(path, name, settings).sound()
    if not isinstance(strategy, StrategyV2):
        raise InputError(
            Problem(
                name,
                "a format 1 strategy; progress files need format 2: "
                f"`hrdplan migrate --format 2 {name}`",
            )
        )
    return loaded, strategy


@dataclass(frozen=True)
class Reports:
    """A strategy's progress files: those that load, by year, and a problem for each other."""

    loaded: dict[int, Progress]
    problems: list[Problem]


def progress_reports(strategy_file: Path, settings: Settings) -> Reports:
    """Every progress file of the strategy (`progress_files`), each loaded soundly with it
    (`Linted.sound_progress`). One that does not load, names another strategy, or says
    another year than its name is a problem, and the others are still read."""
    loaded: dict[int, Progress] = {}
    problems: list[Problem] = []
    for year, path in sorted(progress_files(strategy_file).items()):
        name = display_path(path)
        try:
            found, progress, _, _ = lint_file(path, name, settings).sound_progress()
        except InputError as err:
            problems += err.problems
            continue
        subject = found.subject.path if found.subject is not None else None
        if subject is None or not _same_file(subject, strategy_file):
            problems.append(
                Problem(name, f"names the strategy {progress.strategy}, not {strategy_file.name}")
            )
        elif progress.year != year:
            problems.append(Problem(name, f"says year {progress.year}, not {year} as its name"))
        else:
            loaded[year] = progress
    return Reports(loaded, problems)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
