"""Scaffolding a year's progress file (`hrdplan progress new`): every priority and indicator of
a format 2 strategy, with placeholders where the delegation writes and empty values where it
records figures (`hrdplan progress record`)."""

from __future__ import annotations

import os
from pathlib import Path

from hrdplan.io.errors import InputError, Problem, display_path, printable
from hrdplan.io.text import is_utf8, shorten, yaml_quoted
from hrdplan.strategy.measures import shown
from hrdplan.strategy.model import (
    FORMAT_VERSION,
    PLACEHOLDER,
    MeasuredIndicator,
    Measurement,
    StrategyV2,
)
from hrdplan.strategy.progress import PRIORITY_STATUSES, PROGRESS_KIND, progress_file
from hrdplan.strategy.repository import PROGRESS_SCHEMA_FILE
from hrdplan.strategy.scaffold import schema_ref

# How a comment describes what an indicator's `actual` takes, by kind.
_TAKES = {
    "number": "a number",
    "percent": "a percentage, 0 to 100",
    "yes-no": "true or false",
    "text": "words; say the progress in note",
}
# A comment is one line and never long enough to wrap in an editor.
_COMMENT_WIDTH = 100


def outside_period(strategy: StrategyV2, year: int) -> str | None:
    """Why a strategy has no progress file for `year` (outside its period), or None."""
    period = strategy.period
    if period.start <= year <= period.end:
        return None
    return (
        f"--year {year} is outside the strategy's period {period.start}-{period.end}; "
        "a progress file reports on a year of it"
    )


def progress_schema_ref(strategy_file: Path, year: int) -> str:
    """Where the progress file's `$schema` comment points: the repository's
    progress.schema.json (written by `hrdplan init` beside strategy.schema.json), found
    upwards from the progress file's folder; else where `init` would put it."""
    folder = progress_file(strategy_file, year).parent
    return schema_ref(folder, file=PROGRESS_SCHEMA_FILE, fallback=f"../../{PROGRESS_SCHEMA_FILE}")


def relative_strategy(strategy_file: Path, target: Path) -> str:
    """The strategy's path as the progress file names it: relative to the progress file's
    folder, with forward slashes whatever the system."""
    folder = target.parent
    relative = os.path.relpath(strategy_file.absolute(), folder.absolute())
    if not is_utf8(relative):
        # The progress file is UTF-8 text: it could not name this file, nor be written.
        raise InputError(
            Problem(
                display_path(strategy_file),
                "the file's name is not UTF-8: a progress file cannot name it; rename it",
            )
        )
    return Path(relative).as_posix()


def progress_text(
    strategy: StrategyV2, strategy_file: Path, year: int, *, schema: str | None = None
) -> str:
    """The scaffolded progress file of `strategy` (read from `strategy_file`) for `year`."""
    target = progress_file(strategy_file, year)
    ref = schema if schema is not None else progress_schema_ref(strategy_file, year)
    statuses = " | ".join(PRIORITY_STATUSES)
    lines = [
        f"# yaml-language-server: $schema={ref}",
        f"# Progress in {year} on {_comment(strategy.title)}",
        "# Fill in every TODO, record each indicator's actual and each priority's status:",
        "#   hrdplan progress record FILE INDICATOR VALUE",
        "#   hrdplan progress record FILE PRIORITY --status STATUS --narrative TEXT",
        "# then `hrdplan progress submit FILE` (it lists what is still missing).",
        f"hrdplan: {FORMAT_VERSION}",
        f"kind: {PROGRESS_KIND}",
        f"strategy: {yaml_quoted(relative_strategy(strategy_file, target))}",
        f"year: {year}",
        "status: draft  # draft | submitted",
        "summary: " + _todo(f"the year {year} in a few paragraphs: what changed, and why."),
        "consultations: []  # civil society consultations: - {date: YYYY-MM-DD, participants: ...}",
        "gender_results: " + _todo("the gender equality results of the year."),
    ]
    if not strategy.priorities:
        lines.append("priorities: []")
        return "\n".join(lines) + "\n"
    lines.append("priorities:")
    for priority in strategy.priorities:
        lines += [
            f"  - id: {yaml_quoted(priority.id)}  # {_comment(priority.title)}",
            f"    status:  # {statuses}",
            f"    narrative: {_todo('what happened for this priority, and why.')}",
        ]
        if not priority.indicators:
            lines.append("    indicators: []")
            continue
        lines.append("    indicators:")
        for indicator in priority.indicators:
            lines += [
                f"      - id: {yaml_quoted(indicator.id)}  # {_comment(indicator.text)}",
                f"        actual:  # {_expects(indicator)}",
                "        source:  # where this year's figure comes from",
                "        note:  # qualitative progress, or what explains the figure",
            ]
    return "\n".join(lines) + "\n"


def _expects(indicator: MeasuredIndicator) -> str:
    """What the indicator's actual takes, and the way it is to go: kind, unit, direction,
    baseline, milestones, target."""
    kind = str(indicator.kind)
    parts = [f"{kind}: {_TAKES[kind]}" if kind in _TAKES else "the strategy gives no kind yet"]
    if kind != "text" and isinstance(indicator.direction, str):
        parts.append(indicator.direction)
    for label, measurement in (
        ("baseline", indicator.baseline),
        *(("milestone", m) for m in indicator.milestones),
        ("target", indicator.target),
    ):
        if isinstance(measurement, Measurement):
            parts.append(f"{label} {shown(measurement.value, kind)} ({measurement.year})")
    return _comment("; ".join(parts))


def _todo(what: str) -> str:
    return yaml_quoted(f"{PLACEHOLDER} {what}")


def _comment(text: str) -> str:
    """User text as (part of) a one-line YAML comment: one line, controls escaped (a YAML
    comment may not hold them), short."""
    return shorten(printable(" ".join(text.split())), _COMMENT_WIDTH)
