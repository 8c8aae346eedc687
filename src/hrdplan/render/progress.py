"""What a progress report shows, and the "Progress" section of a strategy document, as plain
data (templates lay it out).

Every figure comes from `strategy.measures`, the one definition of how far along an indicator
is: the share of the way from baseline to target (`share`), the share expected by the year
(`expected_share`) and the standing (`standing`). Here they are only turned into percentages
for a chart. User text is made visible-safe (`text.visible`); escaping is the templates'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from hrdplan.catalogue.model import Lang
from hrdplan.findings import Finding
from hrdplan.io.locale import written_date
from hrdplan.io.text import inline
from hrdplan.render.markings import Marking, marking
from hrdplan.render.names import country_name, language_name
from hrdplan.render.open_points import OpenPoint, Place, open_points
from hrdplan.render.parts import (
    Consultation,
    Entry,
    Measured,
    Value,
    measured,
    numbered,
    value,
)
from hrdplan.render.text import paragraphs
from hrdplan.strategy import measures
from hrdplan.strategy.model import MeasuredIndicator, Measurement, StrategyV2
from hrdplan.strategy.progress import IndicatorProgress, PriorityProgress, Progress
from hrdplan.strategy.trajectory import trajectory


@dataclass(frozen=True)
class Chart:
    """An indicator's way from baseline (0) to target (100), in percent of that way: where the
    actual is (`share`, None without one; may be below 0 or above 100), the bar's drawn length
    (`fill`, within 0-100), where it was expected by the year, and where the milestones are."""

    share: float | None
    fill: float
    expected: float | None
    milestones: list[float]


@dataclass(frozen=True)
class IndicatorReport:
    text: str
    measured: Measured  # id, kind, direction, baseline, milestones, target
    actual: Value
    source: str
    note: list[str]
    standing: str  # achieved, on-track, off-track, or "" when figures cannot say
    chart: Chart | None  # None: not a number or percent going up or down
    # It goes up or down, but its figures are too far apart for a share (`measures.no_share`).
    no_share: bool = False
    gender_specific: bool = False  # it measures a gender equality result


@dataclass(frozen=True)
class GenderResult:
    """A gender-specific indicator in the "Gender equality results" part: where it stands in
    the year (the same figures as its row under its priority)."""

    priority: str
    id: str
    text: str
    actual: Value
    share: float | None  # percent of the way from baseline to target; None when not a way
    standing: str  # as IndicatorReport.standing


@dataclass(frozen=True)
class PriorityReport:
    id: str
    anchor: str
    number: str  # its heading's number, "2.1"
    title: str
    status: str  # a priority status, or "" when the year's file gives none
    narrative: list[str]
    indicators: list[IndicatorReport]


@dataclass(frozen=True)
class ProgressDocument:
    source: str  # the progress file's name (not shown in the document)
    strategy_source: str  # the strategy file's name (not shown either)
    lang: Lang
    text_lang: str
    marking: Marking  # the strategy's classification as the EU marks it (markings.py)
    text_language: str  # the text's language in the labels' language; "" when the same
    adopted: str  # the strategy's adoption date written out; "" when not given
    contents: list[Entry]
    title: str  # the strategy's
    country_code: str
    country: str
    year: int
    status: str  # draft or submitted
    classification: str  # the strategy's
    period_start: int
    period_end: int
    reference: str
    catalogue_ref: str
    summary: list[str]
    priorities: list[PriorityReport]
    consultations: list[Consultation]
    gender_results: list[str]
    findings: list[OpenPoint]
    gender_indicators: list[GenderResult] = field(default_factory=list)

    @property
    def numbers(self) -> dict[str, str]:
        """Each section's number by its anchor, for the headings."""
        return {e.anchor: e.number for e in self.contents}


def percent(fraction: float | None) -> float | None:
    """A share of the way (1.0 at the target) in percent, to one decimal."""
    return None if fraction is None else round(100 * fraction, 1)


def chart(indicator: MeasuredIndicator, year: int, actual: object) -> Chart | None:
    """The chart of one indicator in one year, or None when it has no way to draw (text,
    yes-no, maintain, or baseline and target not both numbers)."""
    target = indicator.target
    if not isinstance(target, Measurement) or measures.share(indicator, target.value) is None:
        return None
    done = percent(measures.share(indicator, actual)) if actual is not None else None
    marks = []
    for milestone in indicator.milestones:
        at = percent(measures.share(indicator, milestone.value))
        if at is not None:
            marks.append(_within(at))
    return Chart(
        share=done,
        fill=0.0 if done is None else _within(done),
        expected=percent(measures.expected_share(indicator, year)),
        milestones=marks,
    )


def _within(share: float) -> float:
    return min(100.0, max(0.0, share))


def _reported(
    progress: Progress,
) -> tuple[dict[str, PriorityProgress], dict[str, IndicatorProgress]]:
    """The year's entries by id (the first of a duplicated id: lint reports the rest)."""
    priorities: dict[str, PriorityProgress] = {}
    indicators: dict[str, IndicatorProgress] = {}
    for priority in progress.priorities:
        priorities.setdefault(priority.id, priority)
        for indicator in priority.indicators:
            indicators.setdefault(indicator.id, indicator)
    return priorities, indicators


def _standing(indicator: MeasuredIndicator, year: int, actual: object) -> str:
    return measures.standing(indicator, year, actual) or ""


def build_report(
    progress: Progress,
    strategy: StrategyV2,
    *,
    source: str,
    strategy_source: str,
    catalogue_ref: str,
    lang: Lang,
    findings: Sequence[Finding] = (),
) -> ProgressDocument:
    """The year's progress report: the strategy's priorities in its order, each with what the
    year's file says of it and of its indicators (a priority or indicator the file leaves out
    shows as not reported; an id the strategy does not have is lint's to report)."""
    by_priority, by_indicator = _reported(progress)
    year = progress.year
    priorities = []
    for index, priority in enumerate(strategy.priorities):
        entry = by_priority.get(priority.id)
        indicators = []
        for indicator in priority.indicators:
            got = by_indicator.get(indicator.id)
            actual = got.actual if got is not None else None
            shown = measured(indicator)
            indicators.append(
                IndicatorReport(
                    text=inline(indicator.text),
                    measured=shown,
                    actual=value(actual, shown.kind, year),
                    source=inline(got.source or "") if got is not None else "",
                    note=paragraphs(got.note) if got is not None else [],
                    standing=_standing(indicator, year, actual),
                    chart=chart(indicator, year, actual),
                    gender_specific=indicator.gender_specific,
                    no_share=measures.no_share(indicator, actual) is not None,
                )
            )
        priorities.append(
            PriorityReport(
                id=inline(priority.id),
                anchor=f"priority-{index + 1}",
                number="",  # set once the sections are numbered
                title=inline(priority.title),
                status=(entry.status or "") if entry is not None else "",
                narrative=paragraphs(entry.narrative) if entry is not None else [],
                indicators=indicators,
            )
        )
    summary = paragraphs(progress.summary)
    consultations = [
        Consultation(written_date(c.date, lang), inline(c.participants))
        for c in progress.consultations
    ]
    gender_text = paragraphs(progress.gender_results)
    gender_indicators = gender_results(priorities)
    contents = numbered(
        [
            ("summary", "year_summary", bool(summary)),
            ("priorities", "priorities", True),
            ("consultations", "consultations", bool(consultations)),
            ("gender-results", "gender_results", bool(gender_text or gender_indicators)),
            ("open-points", "open_points", True),
        ]
    )
    section = next(e.number for e in contents if e.anchor == "priorities")
    priorities = [replace(p, number=f"{section}.{i + 1}") for i, p in enumerate(priorities)]
    anchors = {p.id: p.anchor for p in priorities}
    places = [Place(inline(p.id), anchors.get(inline(p.id), "")) for p in progress.priorities]
    return ProgressDocument(
        source=inline(source),
        strategy_source=inline(strategy_source),
        lang=lang,
        text_lang=strategy.language,
        marking=marking(strategy.classification),
        text_language=language_name(strategy.language, lang),
        adopted=written_date(strategy.adopted, lang) if strategy.adopted is not None else "",
        contents=contents,
        title=inline(strategy.title),
        country_code=inline(strategy.country),
        country=inline(country_name(strategy.country, lang)),
        year=year,
        status=progress.status,
        classification=strategy.classification,
        period_start=strategy.period.start,
        period_end=strategy.period.end,
        reference=inline(strategy.reference or ""),
        catalogue_ref=catalogue_ref,
        summary=summary,
        priorities=priorities,
        consultations=consultations,
        gender_results=gender_text,
        findings=open_points(findings, places, lang),
        gender_indicators=gender_indicators,
    )


def gender_results(priorities: Sequence[PriorityReport]) -> list[GenderResult]:
    """The gender-specific indicators of the year, in the strategy's order, singled out."""
    return [
        GenderResult(
            priority=p.id,
            id=i.measured.id,
            text=i.text,
            actual=i.actual,
            share=i.chart.share if i.chart is not None else None,
            standing=i.standing,
        )
        for p in priorities
        for i in p.indicators
        if i.gender_specific
    ]


# The strategy document's "Progress" section.


@dataclass(frozen=True)
class LatestStatus:
    id: str
    title: str
    status: str  # "" when no year gives one
    year: int | None  # the year of that status


@dataclass(frozen=True)
class TrajectoryRow:
    """One indicator's line in the Progress section."""

    id: str
    text: str
    kind: str
    baseline: Value
    actuals: list[Value]  # one per year shown (an empty Value when none)
    target: Value
    standing: str  # in the latest year with an actual; "" when figures cannot say
    standing_year: int | None
    gender_specific: bool = False


@dataclass(frozen=True)
class ProgressSection:
    years: list[int]  # the years whose progress files are shown, in order
    drafts: list[int]  # those still a draft
    priorities: list[LatestStatus]
    indicators: list[TrajectoryRow]


def section(strategy: StrategyV2, reports: Sequence[Progress]) -> ProgressSection | None:
    """The strategy's progress over the years of the reports given (None without any), from
    its trajectory (what `hrdplan progress show` prints)."""
    if not reports:
        return None
    track = trajectory(strategy, "", {r.year: r for r in reports})
    latest = []
    for priority in track.priorities:
        status, when = "", None
        for year, said in sorted(priority.statuses.items()):
            if said:
                status, when = said, year
        latest.append(
            LatestStatus(
                inline(priority.priority.id), inline(priority.priority.title), status, when
            )
        )
    rows = []
    for priority in track.priorities:
        for item in priority.indicators:
            shown = measured(item.indicator)
            standing = item.standing() or ""
            rows.append(
                TrajectoryRow(
                    id=shown.id,
                    text=inline(item.indicator.text),
                    kind=shown.kind,
                    baseline=shown.baseline,
                    actuals=[value(item.actuals.get(y), shown.kind, y) for y in track.years],
                    target=shown.target,
                    standing=standing,
                    standing_year=item.as_of if standing else None,
                    gender_specific=item.indicator.gender_specific,
                )
            )
    return ProgressSection(
        years=track.years,
        drafts=[r.year for r in sorted(reports, key=lambda r: r.year) if r.status == "draft"],
        priorities=latest,
        indicators=rows,
    )
