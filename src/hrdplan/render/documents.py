"""What a strategy document shows, computed from the Strategy and its Catalogue as plain data.

Templates only lay this out: every figure, share and position is computed (and tested) here.
User text is made visible-safe (`text.visible`) here, the catalogue's as well as the
strategy's (an organisation's own catalogue is someone else's text too); escaping for HTML or
Markdown is the template environment's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from hrdplan.catalogue.model import Catalogue, Lang
from hrdplan.findings import Finding
from hrdplan.io.locale import written_date
from hrdplan.io.text import inline
from hrdplan.render.gender import Area, Criteria, areas, criteria
from hrdplan.render.markings import Marking, marking
from hrdplan.render.names import country_name, language_name
from hrdplan.render.open_points import OpenPoint, Place, open_points
from hrdplan.render.parts import Consultation, Entry, Measured, is_placeholder, measured, numbered
from hrdplan.render.text import heading_case, paragraphs
from hrdplan.strategy.countries import protocol_order
from hrdplan.strategy.model import (
    MeasuredIndicator,
    Measurement,
    Priority2,
    Strategy,
    StrategyV2,
)

if TYPE_CHECKING:
    from hrdplan.render.progress import ProgressSection
    from hrdplan.render.redline import Redline
    from hrdplan.review.diff import Comparison
from hrdplan.strategy.model import Priority as PriorityModel


@dataclass(frozen=True)
class Action:
    text: str
    instruments: list[str]  # titles in the document's language (an unknown id as written)


@dataclass(frozen=True)
class Indicator:
    text: str
    baseline: str  # format 1: as written; format 2: see `measured`
    target: str
    source: str
    disaggregation: list[str]
    # Format 2 only (None in format 1): id, kind and direction ("" when none; placeholder:
    # "?"), and the values with their years.
    measured: Measured | None = None
    gender_specific: bool = False  # format 2: it measures a gender equality result


@dataclass(frozen=True)
class Priority:
    id: str
    anchor: str  # a fragment id made only of safe characters
    number: str  # its heading's number, "2.1": the second section's first
    title: str
    objective_code: str
    objective_text: str | None  # None: not an objective of the catalogue
    section_title: str
    line_code: str
    line_title: str
    marker: str  # "0", "1", "2", or "" when none is given
    rationale: list[str]
    approach: list[str]
    actions: list[Action]
    indicators: list[Indicator]
    # Format 2 only (empty or None in format 1): the explicit gender equality objective, the
    # Gender Action Plan areas, the do-no-harm text, and for a priority at marker 1 or 2 the
    # OECD DAC minimum criteria it meets (None: not at marker 1 or 2, or a public extract).
    gender_objective: list[str] = field(default_factory=list)
    gap: list[Area] = field(default_factory=list)
    do_no_harm: list[str] = field(default_factory=list)
    criteria: Criteria | None = None


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a label, its count and its share of the whole (0-100)."""

    key: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class Year:
    year: int
    in_plan: bool
    in_strategy: bool


@dataclass(frozen=True)
class Mark:
    """A milestone's occurrence in one year: month (1-12) or 0 when only the year is known."""

    year: int
    month: int | None  # None: nothing that year


@dataclass(frozen=True)
class MilestoneRow:
    code: str
    title: str
    planning: str
    marks: list[Mark]  # one per year of the timeline
    in_strategy: int  # how many occurrences fall within the strategy's years


@dataclass(frozen=True)
class Undated:
    code: str
    title: str
    planning: str


@dataclass(frozen=True)
class Timeline:
    years: list[Year]
    rows: list[MilestoneRow]
    undated: list[Undated]


@dataclass(frozen=True)
class Revision:
    """An entry of the strategy's `changes:` log, as its revision history shows it."""

    date: str  # written out in the document's language
    what: str
    why: str
    index: int  # its place in the file's log (a redline marks an entry added there)


@dataclass(frozen=True)
class PlanName:
    """The Action Plan's name, and the year it was extended to where the document runs past
    the years its name gives (None: no extension to mention)."""

    title: str
    extended_to: int | None


@dataclass(frozen=True)
class StrategyDocument:
    """A strategy's document; what a public extract keeps of it is `public.py`'s to say."""

    source: str  # the strategy file's name (not shown in the document)
    lang: Lang
    text_lang: str  # the language the strategy's own text is written in
    public: bool  # a public extract (public.py)
    marking: Marking  # what the banner and page margins carry (markings.py)
    text_language: str  # the text's language named in the labels' language; "" when the same
    adopted: str  # the adoption date written out; "" when not given
    reference: str
    plan: PlanName
    contents: list[Entry]
    title: str
    country_code: str
    country: str
    period_start: int
    period_end: int
    status: str
    classification: str
    catalogue_ref: str
    catalogue_title: str
    delegation: str
    member_states: list[str]
    priorities: list[Priority]
    lines: list[Bar]  # priorities per line of action
    markers: list[Bar]  # priorities per gender marker (key "" for none)
    context: list[str]
    gender_analysis: list[str]
    consultations: list[Consultation]
    timeline: Timeline
    findings: list[OpenPoint]
    findings_checked: bool  # whether the open points section is there (not in an extract)
    measured: bool = False  # format 2: indicators with kind, direction and values with years
    progress: ProgressSection | None = None  # from the progress files; never in an extract
    # The `changes:` log, oldest first (format 2); internal: never in an extract.
    revisions: list[Revision] = field(default_factory=list)
    # `render --compare-to`: the changes from an earlier version, shown in their places.
    redline: Redline | None = None

    @property
    def numbers(self) -> dict[str, str]:
        """Each section's number by its anchor, for the headings."""
        return {e.anchor: e.number for e in self.contents}


def build(
    strategy: Strategy,
    catalogue: Catalogue,
    *,
    source: str,
    lang: Lang,
    findings: Sequence[Finding] = (),
    progress: ProgressSection | None = None,
    compared: Comparison | None = None,
) -> StrategyDocument:
    """The document for one strategy, internal: everything it says, with its progress, its
    revision history and its open points (`public.Extract` keeps what may be shared outside).
    `compared`, the comparison with an earlier version of the strategy, makes it a
    redline."""
    chosen: Sequence[PriorityModel | Priority2] = strategy.priorities
    met = criteria(strategy, findings)
    priorities = [_priority(p, i, catalogue, lang, met.get(i)) for i, p in enumerate(chosen)]
    redline = None
    if compared is not None:
        from hrdplan.render.redline import build as redlined

        redline = redlined(compared, [p.anchor for p in priorities])
    adopted = getattr(strategy, "adopted", None)
    doc = StrategyDocument(
        source=inline(source),
        lang=lang,
        text_lang=strategy.language,
        public=False,
        marking=marking(strategy.classification),
        text_language=language_name(strategy.language, lang),
        adopted=written_date(adopted, lang) if adopted is not None else "",
        reference=inline(getattr(strategy, "reference", None) or ""),
        plan=plan_name(catalogue, lang, strategy.period.end),
        contents=[],  # numbered below, from the sections it has
        title=inline(strategy.title),
        country_code=inline(strategy.country),
        country=inline(country_name(strategy.country, lang)),
        period_start=strategy.period.start,
        period_end=strategy.period.end,
        status=strategy.status,
        classification=strategy.classification,
        catalogue_ref=catalogue.ref,
        catalogue_title=inline(catalogue.title[lang]),
        delegation=inline(strategy.delegation),
        member_states=[
            inline(country_name(code, lang)) for code in protocol_order(strategy.member_states)
        ],
        priorities=priorities,
        lines=lines_chart(priorities, catalogue, lang),
        markers=markers_chart(priorities),
        context=paragraphs(strategy.context),
        gender_analysis=paragraphs(strategy.gender_analysis),
        consultations=[
            Consultation(written_date(c.date, lang), inline(c.participants))
            for c in strategy.consultations
        ],
        timeline=timeline(catalogue, strategy.period.start, strategy.period.end, lang),
        findings=open_points(findings, [Place(p.id, p.anchor) for p in priorities], lang),
        findings_checked=True,
        measured=isinstance(strategy, StrategyV2),
        progress=progress,
        revisions=revision_history(strategy, lang),
        redline=redline,
    )
    return with_contents(doc)


def with_contents(doc: StrategyDocument) -> StrategyDocument:
    """The document with its sections numbered, those it has (its contents list), and its
    priorities numbered within theirs."""
    # A text the new version no longer has keeps its section in a redline, struck.
    gone = set(doc.redline.fields) if doc.redline is not None else set()
    contents = numbered(
        [
            ("summary", "summary", True),
            ("priorities", "priorities", True),
            ("context", "context", bool(doc.context) or "context" in gone),
            (
                "gender-analysis",
                "gender_analysis",
                bool(doc.gender_analysis) or "gender_analysis" in gone,
            ),
            ("consultations", "consultations", bool(doc.consultations)),
            ("monitoring", "monitoring", True),
            ("progress", "progress", doc.progress is not None),
            ("revisions", "revision_history", bool(doc.revisions)),
            ("open-points", "open_points", doc.findings_checked),
        ]
    )
    section = next(e.number for e in contents if e.anchor == "priorities")
    priorities = [replace(p, number=f"{section}.{i + 1}") for i, p in enumerate(doc.priorities)]
    return replace(doc, contents=contents, priorities=priorities)


def revision_history(strategy: Strategy, lang: Lang) -> list[Revision]:
    """The `changes:` log, oldest first (as written when two share a date)."""
    if not isinstance(strategy, StrategyV2):
        return []
    entries = sorted(enumerate(strategy.changes), key=lambda pair: pair[1].date)
    return [
        Revision(written_date(e.date, lang), inline(e.what), inline(e.why), i) for i, e in entries
    ]


def named_end(catalogue: Catalogue) -> int | None:
    """The last year the plan's name gives (its edition, "2020-2024"), if any."""
    named = re.findall(r"(?:19|20)\d\d", catalogue.edition)
    return int(named[-1]) if named else None


def extended_to(catalogue: Catalogue) -> int | None:
    """The last year of the plan period when it runs past the years in the plan's name
    (the Action Plan 2020-2024, extended to 2027); None otherwise."""
    last = named_end(catalogue)
    return catalogue.plan_period.end if last and catalogue.plan_period.end > last else None


def plan_name(catalogue: Catalogue, lang: Lang, end: int) -> PlanName:
    """The plan's name in lang, with its extension where the plan period runs past the years
    its name gives and the document (ending in `end`) runs past them too."""
    title = inline(catalogue.title[lang])
    extended = extended_to(catalogue)
    last = named_end(catalogue)
    return PlanName(title, extended if extended and last and end > last else None)


def _priority(
    p: PriorityModel | Priority2,
    index: int,
    catalogue: Catalogue,
    lang: Lang,
    met: Criteria | None = None,
) -> Priority:
    objective = catalogue.objective(p.objective)
    section = catalogue.section(objective.section_code) if objective else None
    line = catalogue.line(objective.line_code) if objective else None
    marker = "" if p.gender is None or p.gender.marker is None else str(p.gender.marker)
    actions = [
        Action(
            text=inline(a.text),
            instruments=[_instrument_title(catalogue, i, lang) for i in a.instruments],
        )
        for a in p.actions
    ]
    indicators = [
        Indicator(
            text=inline(i.text),
            baseline=_measure(i.baseline),
            target=_measure(i.target),
            source=inline(i.source or ""),
            disaggregation=[inline(d) for d in i.disaggregation],
            measured=measured(i) if isinstance(i, MeasuredIndicator) else None,
            gender_specific=isinstance(i, MeasuredIndicator) and i.gender_specific,
        )
        for i in p.indicators
    ]
    gender = p.gender if isinstance(p, Priority2) else None
    return Priority(
        id=inline(p.id),
        anchor=f"priority-{index + 1}",
        number="",  # set once the sections are numbered
        title=inline(p.title),
        objective_code=inline(p.objective),
        objective_text=inline(objective.text[lang]) if objective else None,
        section_title=inline(section.title[lang]) if section else "",
        line_code=line.code if line else "",
        line_title=inline(heading_case(line.title[lang])) if line else "",
        marker=marker,
        rationale=paragraphs(p.rationale),
        approach=[] if p.gender is None else paragraphs(p.gender.approach),
        actions=actions,
        indicators=indicators,
        gender_objective=[] if gender is None else _text(gender.objective),
        gap=[] if gender is None else areas(gender.gap, catalogue, lang),
        do_no_harm=[] if gender is None else _text(gender.do_no_harm),
        criteria=met,
    )


def _text(value: str | None) -> list[str]:
    """A gender field's paragraphs; a scaffold placeholder is not yet written (nothing)."""
    return [] if is_placeholder(value) else paragraphs(value)


def _instrument_title(catalogue: Catalogue, ident: str, lang: Lang) -> str:
    instrument = catalogue.instrument(ident)
    return inline(instrument.title[lang] if instrument else ident)


def _measure(value: Measurement | str | int | float | None) -> str:
    if isinstance(value, Measurement):
        return f"{inline(value.value)} ({value.year})"
    return "" if value is None else inline(value)


def percent(part: int, whole: int) -> float:
    """A share in percent, rounded to one decimal (0 when there is no whole)."""
    return round(100 * part / whole, 1) if whole else 0.0


def lines_chart(priorities: Sequence[Priority], catalogue: Catalogue, lang: Lang) -> list[Bar]:
    """Every line of action with the number of priorities under it (a share of all)."""
    total = len(priorities)
    bars = []
    for line in catalogue.lines:
        count = sum(1 for p in priorities if p.line_code == line.code)
        label = inline(heading_case(line.title[lang]))
        bars.append(Bar(line.code, label, count, percent(count, total)))
    return bars


def markers_chart(priorities: Sequence[Priority]) -> list[Bar]:
    """Priorities per gender marker 2, 1, 0 (and "" for none, only when there are such)."""
    total = len(priorities)
    bars = []
    for marker in ("2", "1", "0", ""):
        count = sum(1 for p in priorities if p.marker == marker)
        if marker or count:
            bars.append(Bar(marker, marker, count, percent(count, total)))
    return bars


def timeline(catalogue: Catalogue, start: int, end: int, lang: Lang) -> Timeline:
    """The strategy's years beside the plan period and the dated monitoring milestones of the
    catalogue (a yearly one recurs every year from its first)."""
    milestones = [(o, o.milestone) for o in catalogue.objectives() if o.milestone is not None]
    dated = [(o, m) for o, m in milestones if m.first_year is not None]
    plan = catalogue.plan_period
    first = min(plan.start, start)
    last = max(end, plan.end, *(m.first_year or 0 for _, m in dated if not m.every_year))
    years = [
        Year(y, plan.start <= y <= plan.end, start <= y <= end) for y in range(first, last + 1)
    ]
    rows = []
    for objective, milestone in dated:
        assert milestone.first_year is not None
        month = int(milestone.when[5:7]) if milestone.when and len(milestone.when) == 7 else 0
        marks = []
        for year in years:
            due = year.year == milestone.first_year or (
                milestone.every_year and year.year > milestone.first_year
            )
            marks.append(Mark(year.year, month if due else None))
        within = sum(1 for m in marks if m.month is not None and start <= m.year <= end)
        rows.append(
            MilestoneRow(
                objective.code,
                inline(milestone.title[lang]),
                inline(milestone.planning[lang]),
                marks,
                within,
            )
        )
    undated = [
        Undated(o.code, inline(m.title[lang]), inline(m.planning[lang]))
        for o, m in milestones
        if m.first_year is None
    ]
    return Timeline(years, rows, undated)
