"""A strategy's trajectory over its progress files (`hrdplan progress show`): each priority's
status per year, and each indicator's baseline, milestones, target and actual per year with how
far along it is. Computed here, from `measures` (the one definition of share and standing);
`render.progress_show` only lays it out, and `to_json` gives what scripts read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from hrdplan.strategy.measures import Standing, share, standing
from hrdplan.strategy.model import (
    Direction,
    Kind,
    MeasuredIndicator,
    Measurement,
    Priority2,
    StrategyV2,
)
from hrdplan.strategy.progress import IndicatorProgress, PriorityStatus, Progress

# Decimals a share keeps in JSON: a hundredth of a percent, stable across platforms.
SHARE_DECIMALS = 4

RowLabel = Literal["baseline", "milestone", "target", "actual"]
# In a year holding several, the way to go comes before what was reached.
_ORDER: dict[RowLabel, int] = {"baseline": 0, "milestone": 1, "target": 2, "actual": 3}


@dataclass(frozen=True)
class Row:
    """One line of an indicator's trajectory: a value in a year, and for an actual how far
    along it is then."""

    year: int
    label: RowLabel
    value: object
    share: float | None = None
    standing: Standing | None = None
    note: str | None = None


@dataclass(frozen=True)
class IndicatorTrack:
    priority: str
    indicator: MeasuredIndicator
    reported: dict[int, IndicatorProgress]  # by year, as each progress file has it

    @property
    def kind(self) -> Kind | None:
        kind = self.indicator.kind
        return kind if kind in ("number", "percent", "yes-no", "text") else None  # type: ignore[return-value]

    @property
    def direction(self) -> Direction | None:
        direction = self.indicator.direction
        if direction in ("increase", "decrease", "maintain"):
            return direction  # type: ignore[return-value]
        return None

    @property
    def actuals(self) -> dict[int, object]:
        """The values recorded, by year (a year without one is left out)."""
        return {y: p.actual for y, p in self.reported.items() if p.actual is not None}

    @property
    def notes(self) -> dict[int, str]:
        return {y: p.note for y, p in self.reported.items() if p.note}

    @property
    def as_of(self) -> int | None:
        """The latest year with an actual: the one `share` and `standing` are of."""
        return max(self.actuals, default=None)

    def share(self, year: int | None = None) -> float | None:
        """The share of the way from baseline to target in `year` (default: as_of)."""
        year = self.as_of if year is None else year
        if year is None or year not in self.actuals:
            return None
        return share(self.indicator, self.actuals[year])

    def standing(self, year: int | None = None) -> Standing | None:
        year = self.as_of if year is None else year
        if year is None or year not in self.actuals:
            return None
        return standing(self.indicator, year, self.actuals[year])

    def rows(self) -> list[Row]:
        """Baseline, milestones, target and the actuals, in year order (a text indicator's
        years with only a note too, as its notes are its progress)."""
        rows: list[Row] = []
        ind = self.indicator
        for label, measurement in (
            ("baseline", ind.baseline),
            *(("milestone", m) for m in ind.milestones),
            ("target", ind.target),
        ):
            if isinstance(measurement, Measurement):
                rows.append(Row(measurement.year, label, measurement.value))  # type: ignore[arg-type]
        for year, reported in self.reported.items():
            if reported.actual is None and not (self.kind == "text" and reported.note):
                continue
            rows.append(
                Row(
                    year,
                    "actual",
                    reported.actual,
                    share=self.share(year),
                    standing=self.standing(year),
                    note=reported.note,
                )
            )
        return sorted(rows, key=lambda r: (r.year, _ORDER[r.label]))


@dataclass(frozen=True)
class PriorityTrack:
    priority: Priority2
    statuses: dict[int, PriorityStatus | None]  # by year with a progress file
    indicators: list[IndicatorTrack]


@dataclass(frozen=True)
class Trajectory:
    strategy_file: str  # as the user named it
    strategy: StrategyV2
    years: list[int]  # the years with a progress file shown
    priorities: list[PriorityTrack]
    # Each year's `gender_results` text, by year (a year without one left out).
    gender_results: dict[int, str] = field(default_factory=dict)

    def gender_specific(self) -> list[IndicatorTrack]:
        """The indicators that measure a gender equality result, in the strategy's order."""
        return [i for p in self.priorities for i in p.indicators if i.indicator.gender_specific]


def trajectory(
    strategy: StrategyV2, strategy_file: str, reports: dict[int, Progress]
) -> Trajectory:
    """The strategy's trajectory over its progress files by year. Priorities and indicators
    are the strategy's, in its order; what a progress file says of ids the strategy does not
    have is lint's to report (HRD5xx), not shown."""
    years = sorted(reports)
    priorities = []
    for priority in strategy.priorities:
        statuses: dict[int, PriorityStatus | None] = {}
        reported: dict[str, dict[int, IndicatorProgress]] = {}
        for year in years:
            found = next((p for p in reports[year].priorities if p.id == priority.id), None)
            statuses[year] = found.status if found is not None else None
            for item in found.indicators if found is not None else []:
                reported.setdefault(item.id, {}).setdefault(year, item)
        tracks = [
            IndicatorTrack(priority.id, indicator, reported.get(indicator.id, {}))
            for indicator in priority.indicators
        ]
        priorities.append(PriorityTrack(priority, statuses, tracks))
    results: dict[int, str] = {}
    for year in years:
        said = reports[year].gender_results
        if said:
            results[year] = said
    return Trajectory(strategy_file, strategy, years, priorities, results)


def _measurement(value: object) -> dict[str, Any] | None:
    if isinstance(value, Measurement):
        return {"value": value.value, "year": value.year}
    return None  # not written, or a placeholder


def to_json(track: Trajectory) -> dict[str, Any]:
    """What `progress show --format json` prints (documented in the README; scripts depend
    on these names). Years are JSON object keys, so strings ("2028"). `gender_specific` says
    an indicator measures a gender equality result; `gender_results` is each year's text on
    gender equality (a year without one left out)."""
    indicators = []
    for priority in track.priorities:
        for item in priority.indicators:
            ind = item.indicator
            found = item.share()
            indicators.append(
                {
                    "id": ind.id,
                    "priority": item.priority,
                    "text": ind.text,
                    "kind": item.kind,
                    "direction": item.direction,
                    "baseline": _measurement(ind.baseline),
                    "milestones": [_measurement(m) for m in ind.milestones],
                    "target": _measurement(ind.target),
                    "actuals": {str(y): v for y, v in sorted(item.actuals.items())},
                    "notes": {str(y): n for y, n in sorted(item.notes.items())},
                    "as_of": item.as_of,
                    "share": None if found is None else round(found, SHARE_DECIMALS),
                    "standing": item.standing(),
                    "gender_specific": ind.gender_specific,
                }
            )
    return {
        "strategy": track.strategy_file,
        "years": track.years,
        "priorities": [
            {
                "id": p.priority.id,
                "title": p.priority.title,
                "statuses": {str(y): s for y, s in p.statuses.items()},
            }
            for p in track.priorities
        ],
        "indicators": indicators,
        "gender_results": {str(y): text for y, text in track.gender_results.items()},
    }
