"""Progress files: one per strategy and year, what the delegation reports on the strategy's
results (Action Plan 5.2.a, the annual report; 5.2.h, the yearly civil society consultation).

`progress/<strategy file stem>/<year>.yaml`, holding `kind: progress` and the path of its
strategy relative to itself. Like the strategy's, these models check structure only; what a
progress file means against its strategy (ids, years, values typed by the indicator's kind) is
checked by the lint rules of group HRD5xx.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field

from hrdplan.strategy.model import (
    SCHEMA_DIALECT,
    Consultation,
    FileModel,
    Identifier,
    Text,
    Value,
    Year,
    is_schema_text,
)

PROGRESS_KIND = "progress"
PROGRESS_SCHEMA_TITLE = "hrdplan progress"
# The folder a strategy's progress files are in: `progress/` beside the `strategies/` folder of
# a strategy repository (as `hrdplan init` lays it out), or inside any other folder holding
# strategies (a flat folder such as examples/).
PROGRESS_FOLDER = "progress"
STRATEGIES_FOLDER = "strategies"
_YEAR_FILE = re.compile(r"^(\d{4})\.ya?ml$")

ReportStatus = Literal["draft", "submitted"]
PriorityStatus = Literal["not-started", "on-track", "at-risk", "off-track", "achieved"]
PRIORITY_STATUSES: tuple[PriorityStatus, ...] = (
    "not-started",
    "on-track",
    "at-risk",
    "off-track",
    "achieved",
)


class IndicatorProgress(FileModel):
    """What one indicator measured in the year."""

    _booleans = frozenset({"actual"})

    id: Identifier = Field(description="The indicator's id in the strategy, e.g. P1.1.")
    actual: Value | None = Field(
        default=None,
        description="The value measured this year, typed by the indicator's kind (a number, "
        "a percentage, true or false, or text).",
    )
    source: Text | None = Field(default=None, description="Where this year's figure comes from.")
    note: Text | None = Field(
        default=None, description="Qualitative progress, or what explains the figure."
    )


class PriorityProgress(FileModel):
    """How one priority went in the year."""

    id: Identifier = Field(description="The priority's id in the strategy, e.g. P1.")
    status: PriorityStatus | None = Field(
        default=None,
        description="not-started, on-track, at-risk, off-track or achieved.",
    )
    narrative: Text | None = Field(default=None, description="What happened, and why.")
    indicators: list[IndicatorProgress] = Field(default=[])


class Progress(FileModel):
    """The year's progress report on an EU Human Rights and Democracy Country Strategy."""

    hrdplan: Literal[2] = Field(description="File format version (2).")
    kind: Literal["progress"] = Field(description="What the file is: progress.")
    strategy: Text = Field(
        description="The strategy file, relative to this file, e.g. "
        "../../strategies/ke-2027-2031.yaml."
    )
    year: Year = Field(description="The calendar year reported on.")
    status: ReportStatus = Field(description="draft or submitted.")
    summary: Text | None = Field(default=None, description="The year in a few paragraphs.")
    consultations: list[Consultation] = Field(
        default=[], description="The civil society consultations held in the year."
    )
    gender_results: Text | None = Field(
        default=None, description="The gender equality results of the year."
    )
    priorities: list[PriorityProgress] = Field(default=[])


def is_progress(data: object) -> bool:
    """Whether parsed YAML says it is a progress file (`kind: progress`)."""
    return isinstance(data, dict) and data.get("kind") == PROGRESS_KIND


def progress_dir(strategy: Path) -> Path:
    """Where a strategy's progress files are: `progress/<stem>/` beside its `strategies/`
    folder, or in its own folder when that is not called `strategies`."""
    folder = strategy.parent
    root = folder.parent if folder.name == STRATEGIES_FOLDER else folder
    return root / PROGRESS_FOLDER / strategy.stem


def progress_file(strategy: Path, year: int) -> Path:
    return progress_dir(strategy) / f"{year}.yaml"


def progress_files(strategy: Path) -> dict[int, Path]:
    """The strategy's progress files by year (`2028.yaml`; `.yml` too), without reading them."""
    try:
        entries = sorted(progress_dir(strategy).iterdir())
    except OSError:
        return {}
    found: dict[int, Path] = {}
    for entry in entries:
        match = _YEAR_FILE.match(entry.name)
        if match:
            found.setdefault(int(match.group(1)), entry)
    return found


def strategy_path(progress: Path, strategy: str) -> Path:
    """The strategy file a progress file names (relative to the progress file's folder)."""
    return progress.parent / strategy


def schema_text() -> str:
    """The progress file's JSON Schema (draft 2020-12), generated from the models, as committed
    in schemas/progress.schema.json."""
    import json

    schema = {
        "$schema": SCHEMA_DIALECT,
        "title": PROGRESS_SCHEMA_TITLE,
        **Progress.model_json_schema(),
    }
    schema["title"] = PROGRESS_SCHEMA_TITLE
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def is_progress_schema_text(text: str) -> bool:
    """Whether text is a progress schema hrdplan wrote (`schema --kind progress`, `init`'s
    progress.schema.json), of this version or another: what `schema --output` may replace."""
    return is_schema_text(text, title=PROGRESS_SCHEMA_TITLE)
