"""The portfolio over many strategies, for headquarters and the annual report (5.2.a).

Gender markers count actions: each action carries its priority's marker, as the EU Gender Action
Plan III sets its target on actions (at least 85% of new actions with gender equality as a
significant or principal objective, marker 1 or 2, by 2025). A strategy may not mark a priority
0 (a lint error: the Action Plan asks every measure to be gender-responsive), so every clean
strategy meets that target by construction and its share says nothing; the report shows what
does vary: actions per marker, and the share with gender equality as the principal objective
(marker 2), and says in a note what the target counts. Against the target it counts a marker 1
or 2 only where the priority meets the OECD DAC minimum criteria (format 2; the Handbook asks
that a marker be given only then), and lists the strategies below it. For format 2 strategies it
shows what a
marker is worth: the share of priorities at marker 1 or 2 meeting all the OECD DAC minimum
criteria (computed from each strategy's lint findings, `render.gender`, as its document shows
them), the share of priorities at marker 2, the Gender Action Plan areas each country engages
in, and from the progress files the gender-specific indicators on track. Coverage and untaken
objectives are read against one reference catalogue: the newest version pinned of the
catalogue most strategies pin; the gender plan is that catalogue's (else the first a strategy's
catalogue carries). Every list of strategies is in the order of the country names shown, in the
report's language (`sort_key`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from hrdplan.catalogue.model import Catalogue, GenderPlan, Lang, version_key
from hrdplan.catalogue.registry import Registry
from hrdplan.findings import Severity
from hrdplan.inputs import StrategyInput
from hrdplan.io.locale import written_date
from hrdplan.io.text import inline, shorten
from hrdplan.render.documents import extended_to, percent
from hrdplan.render.gender import PLACEHOLDER_RULE, criteria
from hrdplan.render.markings import marking_text
from hrdplan.render.names import country_name
from hrdplan.render.parts import is_placeholder
from hrdplan.render.text import heading_case
from hrdplan.strategy import measures
from hrdplan.strategy.model import StrategyV2
from hrdplan.strategy.progress import Progress

CLASSIFICATIONS = ("public", "limited", "restricted")  # from least to most restricted
# The markings of the EU's rules on classified and sensitive non-classified information, never
# translated: `limited` is the distribution marking LIMITE, `restricted` the classification
# RESTREINT UE/EU RESTRICTED, and public information carries none. The strategy documents print
# the same mapping (render/markings.py); the portfolio quotes its strategies, so it carries the
# highest of theirs.
# How much of an objective's text the list of objectives no strategy takes up shows.
OBJECTIVE_WIDTH = 110
# Without a gender plan in any catalogue: GAP III's target (percent of new actions with gender
# marker 1 or 2) and year, the plan in force when the catalogues before 1.2.0 were written.
GAP_TARGET = 85
GAP_YEAR = 2025


@dataclass(frozen=True)
class Row:
    """One strategy in the portfolio."""

    file: str  # the strategy's file name, never its folder
    country_code: str
    country: str
    period_start: int
    period_end: int
    status: str
    classification: str
    marking: str  # as the EU writes it; "" for public
    catalogue_ref: str
    priorities: int
    actions: int
    errors: int  # open points to resolve (lint errors under the configuration)
    warnings: int  # open points to review
    unwritten: int  # of those, text not yet written (placeholders)

    @property
    def open_points(self) -> int:
        return self.errors + self.warnings

    @property
    def source(self) -> str:
        """The file name, under the name templates written before it was one used."""
        return self.file


@dataclass(frozen=True)
class Cell:
    count: int
    heat: int  # 0-4, for the heat map's shade


@dataclass(frozen=True)
class Column:
    """A section of the catalogue, a column of the coverage matrix."""

    code: str
    title: str


@dataclass(frozen=True)
class ColumnGroup:
    """A line of action: the sections under it."""

    code: str
    title: str
    columns: list[Column]


@dataclass(frozen=True)
class CoverageRow:
    """One strategy's priorities per section (None for the totals row)."""

    country_code: str
    country: str
    cells: list[Cell]  # one per column, in the order of the groups
    total: int


@dataclass(frozen=True)
class LineTable:
    """The coverage of one line of action: its sections as columns (Markdown shows one such
    table per line, so that each fits a page's width)."""

    code: str
    title: str
    columns: list[Column]
    rows: list[CoverageRow]  # every strategy, its cells in this line's sections
    totals: list[Cell]  # priorities per section
    total: int  # priorities in the line
    countries: list[int]  # countries with at least one priority in each section
    countries_total: int  # countries with at least one priority in the line


@dataclass(frozen=True)
class Coverage:
    groups: list[ColumnGroup]
    rows: list[CoverageRow]
    totals: list[Cell]  # priorities per section over all strategies: a country counts each
    total: int
    countries: list[Cell]  # countries with at least one priority per section: each counts once
    countries_total: int  # countries in the portfolio
    lines: list[LineTable]


@dataclass(frozen=True)
class Objective:
    code: str
    text: str  # the objective's text in the report's language, shortened to a line or two


@dataclass(frozen=True)
class Uncovered:
    section_code: str
    section_title: str
    codes: list[str]  # objective codes no strategy selects
    selectable: int  # how many the section offers
    line_code: str = ""
    line_title: str = ""
    objectives: list[Objective] = field(default_factory=list)  # the codes, with their text


@dataclass(frozen=True)
class GenderShare:
    """Actions per gender marker of their priority, for one strategy or the whole portfolio."""

    label: str  # the country code, or "" for the whole portfolio
    name: str  # the country's name, or "" for the whole portfolio
    actions: int
    principal: int  # marker 2
    significant: int  # marker 1
    not_targeted: int  # marker 0 (an error in a strategy, counted all the same)
    unmarked: int  # no marker (likewise)
    share_principal: float  # percent of the actions at marker 2
    # Actions counting towards the gender plan's target: at marker 1 or 2 and, in format 2,
    # with a priority meeting the DAC minimum criteria (the Handbook: a marker that does not
    # meet them should not be given); format 1 records nothing to check, so its markers count.
    counted: int = 0
    share_counted: float = 0.0
    below_target: bool = False


@dataclass(frozen=True)
class GenderCriteria:
    """The OECD DAC minimum criteria over one strategy's priorities (or the portfolio's)."""

    label: str  # the country code, or "" for the whole portfolio
    name: str
    assessed: bool  # False: format 1 only, which records none of what the criteria read
    priorities: int
    marked: int  # format 2 priorities at marker 1 or 2
    meeting: int  # of those, meeting every criterion
    share_meeting: float  # percent of `marked`
    principal: int  # priorities at marker 2
    share_principal: float  # percent of `priorities`


@dataclass(frozen=True)
class AreaColumn:
    id: str
    title: str  # the plan's title in the report's language, else the id as written
    key: str = ""  # the column's heading: a letter for the plan's areas, else the id as written


@dataclass(frozen=True)
class AreaCoverage:
    """Priorities per format 2 strategy (rows) naming each Gender Action Plan area (columns):
    the plan's areas in its order, then any other id a strategy names, as written."""

    plan: str  # the plan's title in the report's language; "" without a plan
    columns: list[AreaColumn]
    rows: list[CoverageRow]
    totals: list[Cell]
    total: int


@dataclass(frozen=True)
class InstrumentUse:
    id: str
    title: str  # the catalogue's title; the id as written when the catalogue has no such
    actions: int
    strategies: int
    known: bool = True  # False: an id the catalogue lacks, shown as written (in code)


@dataclass(frozen=True)
class OffTrack:
    id: str
    text: str


@dataclass(frozen=True)
class ProgressRow:
    """One format 2 strategy's progress, as of the latest year it reported on."""

    file: str  # the strategy's file name
    country_code: str
    country: str
    period_start: int
    period_end: int
    latest_year: int | None  # None: no progress file yet
    latest_status: str  # that year's file: draft or submitted ("" without one)
    on_track: int  # priorities on track or achieved that year
    priorities: int
    share_on_track: float  # percent of the strategy's priorities
    off_track: list[OffTrack]  # indicators off track that year (strategy.measures.standing)
    gender_specific: int = 0  # indicators measuring a gender equality result
    gender_on_track: int = 0  # of those, on track or achieved that year

    @property
    def source(self) -> str:
        """The file name, under the name templates written before it was one used."""
        return self.file


@dataclass(frozen=True)
class Due:
    """An adopted strategy whose progress file for last year is missing or still a draft."""

    file: str  # the strategy's file name
    country_code: str
    country: str
    state: str  # missing or draft

    @property
    def source(self) -> str:
        """The file name, under the name templates written before it was one used."""
        return self.file


@dataclass(frozen=True)
class ProgressView:
    rows: list[ProgressRow]
    year: int  # last year: the year whose progress files are due
    due: list[Due]
    as_of: str = ""  # the day the report counts from, written out in its language


ON_TRACK = ("on-track", "achieved")


@dataclass(frozen=True)
class Heading:
    """A numbered section of the report, as its contents list names it."""

    number: int
    key: str  # the section's label, and its anchor in HTML and Markdown
    title: str  # without its number


@dataclass(frozen=True)
class Portfolio:
    lang: Lang
    classification: str  # the highest of its strategies': the report quotes them all
    catalogue_ref: str
    catalogue_title: str
    rows: list[Row]
    coverage: Coverage
    uncovered: list[Uncovered]
    uncovered_total: int
    selectable_total: int
    gender: list[GenderShare]
    overall: GenderShare
    target: int  # the gender plan's target, quoted in the report's note
    instruments: list[InstrumentUse]
    progress: ProgressView | None = None  # None without a format 2 strategy (or not asked)
    target_year: int = GAP_YEAR  # the year the target is for
    plan: str = ""  # the gender plan's title; "" without one (the labels name GAP III)
    criteria: list[GenderCriteria] = field(default_factory=list)
    criteria_overall: GenderCriteria | None = None  # None: no format 2 strategy
    areas: AreaCoverage | None = None  # None: no format 2 strategy
    marking: str = ""  # the page marking: the highest classification's, "" when all are public
    catalogue_version: str = ""
    plan_extended_to: int | None = None  # the plan period's end, when past the title's years
    below_target: list[GenderShare] = field(default_factory=list)  # in name order
    contents: list[Heading] = field(default_factory=list)


def reference_catalogue(sources: Sequence[StrategyInput], registry: Registry) -> Catalogue:
    """The newest pinned version of the catalogue id most strategies pin."""
    ids = Counter(s.catalogue.id for s in sources)
    ident = sorted(ids, key=lambda i: (-ids[i], i))[0]
    newest = max(
        (s.catalogue for s in sources if s.catalogue.id == ident),
        key=lambda c: version_key(c.version),
    )
    return registry.load(newest.ref)


def build(
    sources: Sequence[StrategyInput],
    registry: Registry,
    *,
    lang: Lang,
    progress: Mapping[Path, Sequence[Progress]] | None = None,
    today: date | None = None,
) -> Portfolio:
    """The portfolio; with `progress` (each strategy's sound progress files, by the strategy's
    path), its progress as of `today` (Settings.today). Every list of strategies is in the
    order of the country names shown (`sort_key`), then by period."""
    ordered = sorted(
        sources,
        key=lambda s: (
            sort_key(country_name(s.strategy.country, lang)),
            s.strategy.country,
            s.strategy.period.start,
            s.name,
        ),
    )
    catalogue = reference_catalogue(ordered, registry)
    rows = [_row(s, lang) for s in ordered]
    coverage = _coverage(ordered, catalogue, lang)
    uncovered = _uncovered(ordered, catalogue, lang)
    plan = _gender_plan(ordered, catalogue)
    target = plan.target if plan else GAP_TARGET
    gender = [
        _gender(
            inline(s.strategy.country),
            [s],
            inline(country_name(s.strategy.country, lang)),
            target=target,
        )
        for s in ordered
    ]
    assessed = [s for s in ordered if isinstance(s.strategy, StrategyV2)]
    classification = max((s.strategy.classification for s in ordered), key=CLASSIFICATIONS.index)
    portfolio = Portfolio(
        lang=lang,
        classification=classification,
        catalogue_ref=catalogue.ref,
        catalogue_title=inline(catalogue.title[lang]),
        rows=rows,
        coverage=coverage,
        uncovered=uncovered,
        uncovered_total=sum(len(u.codes) for u in uncovered),
        selectable_total=sum(1 for _ in catalogue.selectable()),
        gender=gender,
        overall=_gender("", ordered, target=target),
        target=target,
        instruments=_instruments(ordered, catalogue, lang),
        progress=None
        if progress is None
        else progress_view(ordered, progress, today or date.today(), lang),
        target_year=(plan.target_year or plan.period.end) if plan else GAP_YEAR,
        plan=inline(plan.title[lang]) if plan else "",
        criteria=[
            _criteria(
                inline(s.strategy.country), [s], inline(country_name(s.strategy.country, lang))
            )
            for s in ordered
        ],
        criteria_overall=_criteria("", ordered) if assessed else None,
        areas=_areas(assessed, plan, lang) if assessed else None,
        marking=marking_text(classification),
        catalogue_version=catalogue.version,
        plan_extended_to=extended_to(catalogue),
        below_target=[g for g in gender if g.below_target],
    )
    return replace(portfolio, contents=contents(portfolio))


def sort_key(name: str) -> tuple[str, str]:
    """Country names in the order their readers look them up in, in English and in Dutch:
    letters without their accents (Côte d'Ivoire between Colombia and Cuba, Oekraïne among the
    O's), case ignored, punctuation and spaces as one separator that sorts before any letter
    (Guinee before Guinee-Bissau before Guinee Equatoriaal... as words); the name as written
    breaks ties. Dutch dictionaries sort the IJ as I followed by J (IJsland after Ierland), as
    this does; neither language needs more than that for the names pycountry gives."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).casefold()
    words = " ".join(re.sub(r"[\W_]+", " ", folded).split())
    return words, name


def contents(portfolio: Portfolio) -> list[Heading]:
    """The report's numbered sections, in their order, as its contents list and headings name
    them (titles from the labels of the report's language, with the counts they show)."""
    from hrdplan.render.environment import labels

    t = labels()[portfolio.lang]
    sections = [
        ("strategies", f"{t['strategies']} ({len(portfolio.rows)})"),
        ("coverage", t["coverage"]),
        (
            "uncovered",
            f"{t['uncovered']} ({portfolio.uncovered_total} / {portfolio.selectable_total})",
        ),
        ("gender", t["gender_shares"]),
    ]
    if portfolio.criteria_overall is not None:
        sections += [("criteria", t["criteria_title"]), ("areas", t["areas_title"])]
    if portfolio.progress is not None:
        sections.append(("progress", t["progress_title"]))
    sections.append(("instruments", t["instruments_used"]))
    return [Heading(n, key, title) for n, (key, title) in enumerate(sections, start=1)]


def _gender_plan(sources: Sequence[StrategyInput], catalogue: Catalogue) -> GenderPlan | None:
    """The reference catalogue's gender plan, else the first a strategy's catalogue carries."""
    if catalogue.gender_plan is not None:
        return catalogue.gender_plan
    plans = (s.catalogue.gender_plan for s in sorted(sources, key=lambda s: s.catalogue.ref))
    return next((p for p in plans if p is not None), None)


def _criteria(label: str, sources: Sequence[StrategyInput], name: str = "") -> GenderCriteria:
    """The criteria over these strategies' priorities: met as their documents show them."""
    priorities = marked = meeting = principal = 0
    assessed = False
    for source in sources:
        strategy = source.strategy
        priorities += len(strategy.priorities)
        principal += sum(1 for p in strategy.priorities if p.gender and p.gender.marker == 2)
        if isinstance(strategy, StrategyV2):
            assessed = True
            met = criteria(strategy, source.findings)
            marked += len(met)
            meeting += sum(1 for c in met.values() if c.all_met)
    return GenderCriteria(
        label=label,
        name=name,
        assessed=assessed,
        priorities=priorities,
        marked=marked,
        meeting=meeting,
        share_meeting=percent(meeting, marked),
        principal=principal,
        share_principal=percent(principal, priorities),
    )


def _areas(sources: Sequence[StrategyInput], plan: GenderPlan | None, lang: Lang) -> AreaCoverage:
    """Per format 2 strategy, how many of its priorities name each area."""
    named: list[list[str]] = []
    for source in sources:
        strategy = source.strategy
        assert isinstance(strategy, StrategyV2)
        ids: list[str] = []
        for priority in strategy.priorities:
            gap = priority.gender.gap if priority.gender is not None else []
            ids += [i.strip() for i in dict.fromkeys(gap) if not is_placeholder(i)]
        named.append(ids)
    known = [a.id for a in plan.areas] if plan else []
    others = sorted({i for ids in named for i in ids} - set(known))
    # The plan's areas are headed by letters (A, B, ...) explained below the table, not by the
    # ids a strategy file names them by; an id the plan lacks is shown as written.
    columns = (
        [
            AreaColumn(a.id, inline(a.title[lang]), chr(ord("A") + n))
            for n, a in enumerate(plan.areas)
        ]
        if plan
        else []
    )
    columns += [AreaColumn(inline(i), inline(i), inline(i)) for i in others]
    order = known + others
    counts = [[ids.count(i) for i in order] for ids in named]
    rows, totals = _matrix(sources, counts, len(order), lang)
    return AreaCoverage(
        plan=inline(plan.title[lang]) if plan else "",
        columns=columns,
        rows=rows,
        totals=totals,
        total=sum(c.count for c in totals),
    )


def _matrix(
    sources: Sequence[StrategyInput], counts: list[list[int]], columns: int, lang: Lang
) -> tuple[list[CoverageRow], list[Cell]]:
    """A coverage matrix's rows (one per strategy, shaded against the highest count) and its
    column totals (shaded against the highest total)."""
    highest = max((n for row in counts for n in row), default=0)
    rows = [
        CoverageRow(
            inline(s.strategy.country),
            inline(country_name(s.strategy.country, lang)),
            [Cell(n, heat(n, highest)) for n in row],
            sum(row),
        )
        for s, row in zip(sources, counts, strict=True)
    ]
    sums = [sum(row[i] for row in counts) for i in range(columns)]
    top = max(sums, default=0)
    return rows, [Cell(n, heat(n, top)) for n in sums]


def progress_view(
    sources: Sequence[StrategyInput],
    progress: Mapping[Path, Sequence[Progress]],
    today: date,
    lang: Lang,
) -> ProgressView | None:
    """Per format 2 strategy its latest year reported, the share of its priorities on track or
    achieved that year, its indicators off track that year; and the adopted ones whose file
    for last year (within their period) is missing or a draft. None without a format 2
    strategy (format 1 has no progress files)."""
    year = today.year - 1
    rows, due = [], []
    for source in sources:
        strategy = source.strategy
        if not isinstance(strategy, StrategyV2):
            continue
        # A year still to come is not reported on yet, whatever its file says (HRD514).
        reports = {r.year: r for r in progress.get(source.path, ()) if r.year <= today.year}
        rows.append(_progress_row(source, strategy, reports, lang))
        within = strategy.period.start <= year <= strategy.period.end
        if strategy.status == "adopted" and within:
            last = reports.get(year)
            if last is None or last.status == "draft":
                due.append(
                    Due(
                        file_name(source.name),
                        inline(strategy.country),
                        inline(country_name(strategy.country, lang)),
                        "missing" if last is None else "draft",
                    )
                )
    if not rows:
        return None
    return ProgressView(rows, year, due, written_date(today, lang))


def _progress_row(
    source: StrategyInput, strategy: StrategyV2, reports: Mapping[int, Progress], lang: Lang
) -> ProgressRow:
    latest = reports[max(reports)] if reports else None
    on_track = gender_on_track = 0
    off_track: list[OffTrack] = []
    if latest is not None:
        statuses = {p.id: p.status for p in latest.priorities}
        actuals = {i.id: i.actual for p in latest.priorities for i in p.indicators}
        on_track = sum(1 for p in strategy.priorities if statuses.get(p.id) in ON_TRACK)
        for priority in strategy.priorities:
            for indicator in priority.indicators:
                actual = actuals.get(indicator.id)
                standing = measures.standing(indicator, latest.year, actual)
                if standing == "off-track":
                    off_track.append(OffTrack(inline(indicator.id), inline(indicator.text)))
                if indicator.gender_specific and standing in ON_TRACK:
                    gender_on_track += 1
    return ProgressRow(
        file=file_name(source.name),
        country_code=inline(strategy.country),
        country=inline(country_name(strategy.country, lang)),
        period_start=strategy.period.start,
        period_end=strategy.period.end,
        latest_year=latest.year if latest else None,
        latest_status=latest.status if latest else "",
        on_track=on_track,
        priorities=len(strategy.priorities),
        share_on_track=percent(on_track, len(strategy.priorities)),
        off_track=off_track,
        gender_specific=sum(
            1 for p in strategy.priorities for i in p.indicators if i.gender_specific
        ),
        gender_on_track=gender_on_track,
    )


def file_name(name: str) -> str:
    """A strategy's file name without its folders: a document travels, a path on the machine
    that made it says nothing to its readers (and may say too much)."""
    return inline(name.replace("\\", "/").rsplit("/", 1)[-1])


def _row(source: StrategyInput, lang: Lang) -> Row:
    strategy = source.strategy
    # Open points are the findings still to act on: errors and warnings under the
    # configuration, as `hrdplan lint` counts them; information findings are not open points.
    open_points = [f for f in source.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    return Row(
        file=file_name(source.name),
        country_code=inline(strategy.country),
        country=inline(country_name(strategy.country, lang)),
        period_start=strategy.period.start,
        period_end=strategy.period.end,
        status=strategy.status,
        classification=strategy.classification,
        marking=marking_text(strategy.classification),
        catalogue_ref=source.catalogue.ref,
        priorities=len(strategy.priorities),
        actions=sum(len(p.actions) for p in strategy.priorities),
        errors=sum(1 for f in open_points if f.severity is Severity.ERROR),
        warnings=sum(1 for f in open_points if f.severity is Severity.WARNING),
        unwritten=sum(1 for f in open_points if f.code == PLACEHOLDER_RULE),
    )


def _selected(source: StrategyInput) -> list[str]:
    return [p.objective.strip().lower() for p in source.strategy.priorities]


def heat(count: int, highest: int) -> int:
    """The shade of a heat map cell: 0 for none, else 1-4 by its share of the highest count."""
    if count <= 0 or highest <= 0:
        return 0
    return min(4, 1 + (4 * count - 1) // highest) if highest > 1 else 4


def _coverage(sources: Sequence[StrategyInput], catalogue: Catalogue, lang: Lang) -> Coverage:
    """Priorities per strategy (rows) and section (columns, grouped by line of action); a
    portfolio grows in rows, so the matrix stays as wide as the catalogue."""
    groups = [
        ColumnGroup(
            line.code,
            inline(heading_case(line.title[lang])),
            [
                Column(section.code, inline(section.title[lang]))
                for section in line.sections
                # 5.2 lists milestones, never a country priority.
                if any(o.selectable for o in section.objectives)
            ],
        )
        for line in catalogue.lines
    ]
    prefixes = [column.code + "." for group in groups for column in group.columns]
    counts = [
        [sum(1 for code in _selected(s) if code.startswith(prefix)) for prefix in prefixes]
        for s in sources
    ]
    rows, totals = _matrix(sources, counts, len(prefixes), lang)
    # Countries, not strategies: two strategies of one country (successive periods) cover a
    # section for one country.
    covering = [
        {s.strategy.country for s, row in zip(sources, counts, strict=True) if row[i]}
        for i in range(len(prefixes))
    ]
    countries_total = len({s.strategy.country for s in sources})
    lines, start = [], 0
    for group in groups:
        end = start + len(group.columns)
        cells = [
            CoverageRow(
                r.country_code,
                r.country,
                r.cells[start:end],
                sum(c.count for c in r.cells[start:end]),
            )
            for r in rows
        ]
        line_countries: set[str] = set().union(*covering[start:end])
        lines.append(
            LineTable(
                group.code,
                group.title,
                group.columns,
                cells,
                totals[start:end],
                sum(c.count for c in totals[start:end]),
                [len(c) for c in covering[start:end]],
                len(line_countries),
            )
        )
        start = end
    top = max((len(c) for c in covering), default=0)
    return Coverage(
        groups,
        rows,
        totals,
        sum(c.count for c in totals),
        [Cell(len(c), heat(len(c), top)) for c in covering],
        countries_total,
        lines,
    )


def _uncovered(
    sources: Sequence[StrategyInput], catalogue: Catalogue, lang: Lang
) -> list[Uncovered]:
    """Per section (with its line of action), the selectable objectives no strategy selects,
    with the start of their text: a code alone says nothing to a reader without the plan."""
    taken = {code for s in sources for code in _selected(s)}
    out = []
    for line in catalogue.lines:
        for section in line.sections:
            selectable = [o for o in section.objectives if o.selectable]
            left = [o for o in selectable if o.code not in taken]
            if left:
                out.append(
                    Uncovered(
                        section.code,
                        inline(section.title[lang]),
                        [o.code for o in left],
                        len(selectable),
                        line.code,
                        inline(heading_case(line.title[lang])),
                        [
                            Objective(
                                o.code, shorten(inline(o.text[lang]), OBJECTIVE_WIDTH, ellipsis="…")
                            )
                            for o in left
                        ],
                    )
                )
    return out


def _gender(
    label: str, sources: Sequence[StrategyInput], name: str = "", *, target: int = GAP_TARGET
) -> GenderShare:
    by_marker: Counter[int | None] = Counter()
    counted = 0
    for source in sources:
        strategy = source.strategy
        met = criteria(strategy, source.findings) if isinstance(strategy, StrategyV2) else None
        for index, priority in enumerate(strategy.priorities):
            marker = priority.gender.marker if priority.gender else None
            by_marker[marker] += len(priority.actions)
            if marker in (1, 2) and (met is None or (index in met and met[index].all_met)):
                counted += len(priority.actions)
    actions = sum(by_marker.values())
    share_counted = percent(counted, actions)
    return GenderShare(
        label=label,
        name=name,
        actions=actions,
        principal=by_marker[2],
        significant=by_marker[1],
        not_targeted=by_marker[0],
        unmarked=by_marker[None],
        share_principal=percent(by_marker[2], actions),
        counted=counted,
        share_counted=share_counted,
        below_target=100 * counted < target * actions,
    )


def _instruments(
    sources: Sequence[StrategyInput], catalogue: Catalogue, lang: Lang
) -> list[InstrumentUse]:
    """Every instrument named by at least one action, most used first."""
    actions: Counter[str] = Counter()
    strategies: Counter[str] = Counter()
    for source in sources:
        used: set[str] = set()
        for priority in source.strategy.priorities:
            for action in priority.actions:
                for ident in dict.fromkeys(action.instruments):
                    actions[ident] += 1
                    used.add(ident)
        strategies.update(used)
    out = []
    for ident, count in actions.items():
        instrument = catalogue.instrument(ident)
        title = inline(instrument.title[lang] if instrument else ident)
        out.append(
            InstrumentUse(inline(ident), title, count, strategies[ident], instrument is not None)
        )
    return sorted(out, key=lambda u: (-u.actions, -u.strategies, u.id))
