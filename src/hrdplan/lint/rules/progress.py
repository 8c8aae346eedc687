"""HRD506 to HRD514: the yearly progress files against their strategy (ids, year,
completeness, off-track indicators, where the file is, a year still to come), and the past years
of an adopted strategy with no progress file.

Progress rules read the progress file's parsed data against its strategy's model
(`ctx.loaded.measured`): when the strategy cannot be used, HRD506 says so, once, and the other
progress rules stay silent. Whether an indicator is on track is `strategy.measures`' to say. The
rules about what a format 2 strategy measures by (HRD501 to HRD505) are in progress_values.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from hrdplan.findings import Severity
from hrdplan.io.errors import display_path, quoted
from hrdplan.io.links import hidden
from hrdplan.io.suggest import close_names, did_you_mean
from hrdplan.io.yamlio import KeyPath, describe
from hrdplan.lint.context import Context, as_int, is_blank, require
from hrdplan.lint.model import Hit
from hrdplan.lint.rule import rule
from hrdplan.lint.rules.country import period_is_sound
from hrdplan.lint.rules.progress_values import (
    format_2,
    ident_of,
    is_progress,
    period_of,
    progress_indicators,
    strategy_indicators,
)
from hrdplan.strategy import measures
from hrdplan.strategy.model import StrategyV2

# -- progress files -----------------------------------------------------------------------------


def _strategy_of(ctx: Context) -> StrategyV2 | None:
    """A progress file's strategy in format 2, when it loads (else HRD506 says why)."""
    return ctx.loaded.measured if is_progress(ctx) and ctx.loaded is not None else None


def _suggest(ctx: Context, kind: str, name: str, known: list[str]) -> str:
    close = close_names(name, known) if ctx.may_suggest(kind) else []
    return did_you_mean(close)


def _year_of(ctx: Context) -> int | None:
    return as_int(ctx.get("year"))


@rule(
    "HRD506",
    "progress-strategy",
    Severity.ERROR,
    "A progress file's strategy is missing, cannot be read, or is not in format 2.",
    why="""
        Action Plan 5.2.a: the annual report says how the strategy's priorities and
        indicators progressed. A progress file is read against its strategy, the file its
        `strategy:` names, relative to itself: the ids, years and kinds it reports on are that
        strategy's, and only format 2 gives indicators ids and kinds
        (`hrdplan migrate --format 2`).""",
    fail="""
        strategy: ../../strategies/xx-2026-2030.yaml
        """,
    ok="""
        strategy: ../../strategies/xx-2027-2031.yaml
        """,
    kinds=("progress",),
    open_point={
        "en": "the strategy reported on cannot be read",
        "nl": "de strategie waarover gerapporteerd wordt, kan niet worden gelezen",
    },
)
def progress_strategy(ctx: Context) -> Iterator[Hit]:
    """Reports, at `strategy:`, a progress file whose strategy is not found, cannot be read or
    parsed, is itself a progress file, does not load (`hrdplan lint` on it says why), pins a
    catalogue that is not available, or is in format 1. The other progress rules need the
    strategy and do not run without it. A missing `strategy:` key is HRD003's."""
    loaded = ctx.loaded
    if loaded is None or not isinstance(ctx.get("strategy"), str):
        return
    problem = loaded.subject_problem
    subject = loaded.subject
    if problem is None and subject is not None:
        named = subject.doc.file
        if subject.strategy is None:
            problem = f"its strategy {named} does not load: `hrdplan lint {named}` says why"
        elif loaded.measured is None:
            problem = (
                f"its strategy {named} is in format 1, which has no indicator ids or kinds: "
                f"`hrdplan migrate --format 2 {named}` upgrades it"
            )
        else:
            problem = loaded.catalogue_problem
    if problem:
        yield Hit(("strategy",), problem)


@rule(
    "HRD507",
    "unknown-progress-id",
    Severity.ERROR,
    "A progress file names a priority or indicator its strategy does not have, or puts an "
    "indicator under another priority.",
    why="""
        Action Plan 5.2.a: the annual report follows the strategy's own priorities and
        indicators. A progress entry under an id the strategy does not have reports on
        nothing, and is missing from every view that follows the strategy over the years.""",
    fail="""
        priorities:
          - id: P1
            status: on-track
            indicators:
              - id: P1.3
                actual: 25
        """,
    ok="""
        priorities:
          - id: P1
            status: on-track
            indicators:
              - id: P1.1
                actual: 25
        """,
    kinds=("progress",),
    open_point={
        "en": "not a priority or indicator of the strategy, or under another priority",
        "nl": "geen prioriteit of indicator van de strategie, of onder een andere prioriteit",
    },
)
def unknown_progress_id(ctx: Context) -> Iterator[Hit]:
    """Reports, at the `id`, a priority or indicator id the strategy does not have (with the
    closest ids it does have), an indicator listed under a priority it does not belong to,
    and a priority or indicator listed a second time in the file."""
    strategy = _strategy_of(ctx)
    if strategy is None:
        return
    priority_ids = [p.id for p in strategy.priorities]
    indicators = strategy_indicators(strategy)
    seen: dict[str, KeyPath] = {}
    for path, priority in ctx.priorities():
        ident = ident_of(priority.get("id"))
        if ident is None:
            continue
        if ident not in priority_ids:
            hint = _suggest(ctx, "priority", ident, priority_ids)
            yield Hit((*path, "id"), f"priority {quoted(ident)} is not in the strategy{hint}")
        elif ident in seen:
            yield Hit((*path, "id"), _again("priority", ident, seen[ident], ctx))
        else:
            seen[ident] = path
        for index, entry in ctx.items(priority, "indicators"):
            where = (*path, "indicators", index)
            name = ident_of(entry.get("id"))
            if name is None:
                continue
            found = indicators.get(name)
            key = f"indicator {name}"
            if found is None:
                hint = _suggest(ctx, "indicator", name, list(indicators))
                yield Hit((*where, "id"), f"indicator {quoted(name)} is not in the strategy{hint}")
            elif key in seen:
                yield Hit((*where, "id"), _again("indicator", name, seen[key], ctx))
            else:
                seen[key] = where
                if found[0] != ident and ident in priority_ids:
                    yield Hit(
                        (*where, "id"),
                        f"indicator {name} belongs to priority {found[0]}, not {ident}: "
                        f"list it there",
                    )


def _again(what: str, ident: str, first: KeyPath, ctx: Context) -> str:
    line = ctx.doc.position((*first, "id")).line
    return f"{what} {ident} is listed a second time (first at line {line})"


@rule(
    "HRD508",
    "missing-progress-id",
    Severity.WARNING,
    "A priority or indicator of the strategy is missing from its progress file.",
    why="""
        Action Plan 5.2.a: the annual report covers the implementation of every priority
        action; 5.2.b and 5.2.c evaluate the whole strategy. A priority or indicator left out
        of a year's progress file is a gap in its record that the evaluations will find.""",
    fail="""
        priorities:
          - id: P1
            status: on-track
            indicators:
              - id: P1.1
                actual: 25
              - id: P1.2
                actual: no
        """,
    ok="""
        priorities:
          - id: P1
            status: on-track
            indicators:
              - id: P1.1
                actual: 25
              - id: P1.2
                actual: no
          - id: P2
            status: at-risk
            indicators:
              - id: P2.1
                actual: 1500
              - id: P2.2
                actual: Survivors in two counties now come through the police
        """,
    kinds=("progress",),
    open_point={
        "en": "a priority or indicator of the strategy not reported on",
        "nl": "een prioriteit of indicator van de strategie waarover niet gerapporteerd is",
    },
)
def missing_progress_id(ctx: Context) -> Iterator[Hit]:
    """Reports each priority of the strategy the progress file does not list (at
    `priorities`), and each indicator of a listed priority it lists nowhere (at that priority).
    The indicators of a missing priority are not reported again. `hrdplan progress new`
    writes every priority and indicator."""
    strategy = _strategy_of(ctx)
    if strategy is None:
        return
    listed: dict[str, KeyPath] = {}
    for path, priority in ctx.priorities():
        ident = ident_of(priority.get("id"))
        if ident is not None:
            listed.setdefault(ident, path)
    reported = {ident for _, ident, _ in progress_indicators(ctx) if ident}
    for wanted in strategy.priorities:
        where = listed.get(wanted.id)
        if where is None:
            yield Hit(
                ("priorities",),
                f"priority {wanted.id} of the strategy is not reported on: add "
                f"`- id: {wanted.id}` with its status",
                key="priorities" in ctx.data,
            )
            continue
        for indicator in wanted.indicators:
            if indicator.id not in reported:
                yield Hit(
                    where,
                    f"indicator {indicator.id} of priority {wanted.id} is not reported on: "
                    f"add it under the priority's `indicators` with its actual value",
                )


@rule(
    "HRD509",
    "progress-year",
    Severity.ERROR,
    "A progress file's year is outside its strategy's period.",
    why="""
        Action Plan 5.2.a: progress is reported every year of the strategy's five years. A
        year outside the period reports on a time the strategy does not cover.""",
    fail="""
        year: 2032
        """,
    ok="""
        year: 2028
        """,
    kinds=("progress",),
    open_point={
        "en": "the year is outside the strategy's period",
        "nl": "het jaar valt buiten de periode van de strategie",
    },
)
def progress_year(ctx: Context) -> Iterator[Hit]:
    """Reports, at `year`, a progress file's year before its strategy's first year or after
    its last, unless the strategy's period is itself wrong (HRD304, on the strategy)."""
    strategy = _strategy_of(ctx)
    year = _year_of(ctx)
    if strategy is None or year is None:
        return
    if _outside_period(ctx, strategy, year):
        first, last = strategy.period.start, strategy.period.end
        yield Hit(("year",), f"year {year} is outside the strategy's period {first}-{last}")


def _outside_period(ctx: Context, strategy: StrategyV2, year: int) -> bool:
    """Whether HRD509 reports the year. A period that is not five years is the strategy's
    finding (HRD304), not its files'."""
    first, last = strategy.period.start, strategy.period.end
    return period_is_sound(ctx, first, last) and not first <= year <= last


@rule(
    "HRD510",
    "progress-incomplete",
    Severity.ERROR,
    "A submitted progress file has a priority without status, or an indicator with neither an "
    "actual nor a note.",
    why="""
        Action Plan 5.2.a: the annual report gathers each delegation's account of the year.
        Once a progress file is `submitted`, it is that account: every priority has a status,
        and every indicator a value or a note saying why there is none (a survey not held
        that year, a qualitative indicator told in words). A figure may be missing, as the
        IATI standard allows; silence may not. While the file is a draft, nothing is missing
        yet.""",
    fail="""
        status: submitted
        priorities:
          - id: P1
            indicators:
              - id: P1.1
              - id: P1.2
                actual: no
        """,
    ok="""
        status: submitted
        priorities:
          - id: P1
            status: on-track
            indicators:
              - id: P1.1
                actual: 25
              - id: P1.2
                actual: no
        """,
    severity_note="only once `status: submitted`; nothing while `draft`",
    kinds=("progress",),
    open_point={
        "en": "status or actual missing, and no note says why",
        "nl": "status of meting ontbreekt, zonder toelichting waarom",
    },
)
def progress_incomplete(ctx: Context) -> Iterator[Hit]:
    """In a progress file with `status: submitted`, reports each priority without a `status`
    and each indicator with neither an `actual` nor a `note` saying why there is none, at the
    entry (at the key when it is empty). Placeholders are HRD401's, an error too once
    submitted."""
    if ctx.get("status") != "submitted":
        return
    for path, priority in ctx.priorities():
        ident = ident_of(priority.get("id"))
        name = f"priority {ident}" if ident and not hidden() else describe(path)
        yield from require(
            priority,
            "status",
            at=path,
            missing=f"{name} has no status in a submitted progress file: not-started, "
            f"on-track, at-risk, off-track or achieved",
            empty=f"{name}'s status is empty in a submitted progress file",
        )
    for path, ident, entry in progress_indicators(ctx):
        if not is_blank(entry.get("note")):
            continue  # no figure, and the note says why (or, for a text indicator, what)
        name = f"indicator {ident}" if ident and not hidden() else describe(path)
        yield from require(
            entry,
            "actual",
            at=path,
            missing=f"{name} has no actual value in a submitted progress file, and no note "
            "saying why",
            empty=f"{name}'s actual value is empty in a submitted progress file, and no note "
            "says why",
        )


@rule(
    "HRD511",
    "off-track-unexplained",
    Severity.WARNING,
    "An indicator is off track two years running, and nothing says why.",
    why="""
        Action Plan 5.2.a: the annual report is where a delegation explains how the strategy
        is going, and 5.2.b and 5.2.c evaluate it. An indicator behind its way to the target
        two years running is what an evaluation asks about first; the priority's narrative or
        the indicator's note is where the answer goes.""",
    fail="""
        # 2027.yaml has P2.1 at 1250: off track that year too
        priorities:
          - id: P2
            status: at-risk
            indicators:
              - id: P2.1
                actual: 1210
        """,
    ok="""
        priorities:
          - id: P2
            status: at-risk
            narrative: |
              Two centres opened; funding for the other four is late.
            indicators:
              - id: P2.1
                actual: 1210
        """,
    kinds=("progress",),
    open_point={
        "en": "off track two years running, and nothing says why",
        "nl": "twee jaar op rij niet op koers, zonder uitleg waarom",
    },
)
def off_track_unexplained(ctx: Context) -> Iterator[Hit]:
    """Reports, at the actual, an indicator whose standing (`strategy.measures`: the share of
    the way from baseline to target against the share expected by the year) is off track in
    this year and in the year before's progress file, when its priority has no `narrative`
    and it has no `note`."""
    strategy = _strategy_of(ctx)
    year = _year_of(ctx)
    if strategy is None or year is None or ctx.loaded is None:
        return
    known = strategy_indicators(strategy)
    unexplained = []  # off track this year, and nothing says why
    for path, priority in ctx.priorities():
        if not is_blank(priority.get("narrative")):
            continue
        for index, entry in ctx.items(priority, "indicators"):
            ident = ident_of(entry.get("id"))
            found = known.get(ident) if ident else None
            if found is None or not is_blank(entry.get("note")):
                continue
            if measures.standing(found[1], year, entry.get("actual")) == "off-track":
                unexplained.append((path, index, ident, found[1]))
    # The year before's file is read only now, when there is something to compare.
    previous = ctx.loaded.previous if unexplained else None
    if previous is None:
        return
    before = _actuals(previous.doc.data)
    for path, index, ident, indicator in unexplained:
        if ident in before:
            then = measures.standing(indicator, year - 1, before[ident])
            if then == "off-track":
                yield Hit(
                    (*path, "indicators", index, "actual"),
                    f"indicator {ident} is off track in {year - 1} and {year}: say why in the "
                    f"priority's narrative or the indicator's note",
                )


def _actuals(data: Any) -> dict[str, Any]:
    """A progress file's actuals by indicator id (the first of a repeated id)."""
    found: dict[str, Any] = {}
    priorities = data.get("priorities") if isinstance(data, dict) else None
    for priority in priorities if isinstance(priorities, list) else []:
        entries = priority.get("indicators") if isinstance(priority, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            ident = ident_of(entry.get("id")) if isinstance(entry, dict) else None
            if ident is not None:
                found.setdefault(ident, entry.get("actual"))
    return found


@rule(
    "HRD512",
    "progress-location",
    Severity.WARNING,
    "A progress file is not at `progress/<strategy file stem>/<year>.yaml`.",
    why="""
        Action Plan 5.2.a: progress is followed year after year. The commands that follow it
        (`progress show`, the strategy document's progress section, the portfolio, HRD511's
        year before, HRD513's missing years) find a strategy's progress files by where they
        are; a file elsewhere, or named for another year, is not found.""",
    fail="""
        # in progress/xx-2027-2031/2028.yaml
        year: 2029
        """,
    ok="""
        # in progress/xx-2027-2031/2028.yaml
        year: 2028
        """,
    kinds=("progress",),
    open_point={
        "en": "the report is not filed where it is looked for",
        "nl": "het rapport staat niet waar het gezocht wordt",
    },
)
def progress_location(ctx: Context) -> Iterator[Hit]:
    """Reports, at `year`, a progress file (read from disk) whose place is not its strategy's
    progress folder (`progress/<stem>/` beside the `strategies/` folder, or in the strategy's
    own folder when that is not called `strategies`) and its year's file name (`2028.yaml` or
    `2028.yml`)."""
    from hrdplan.strategy.progress import progress_dir

    loaded = ctx.loaded
    year = _year_of(ctx)
    if loaded is None or loaded.path is None or year is None or _strategy_of(ctx) is None:
        return
    subject = loaded.subject
    if subject is None or subject.path is None:
        return
    here = loaded.path
    folder = progress_dir(subject.path)
    if here.name in (f"{year}.yaml", f"{year}.yml") and _same(here.parent, folder):
        return
    yield Hit(
        ("year",),
        f"the progress file for {year} is found at "
        f"{display_path(folder / f'{year}.yaml')}, not {display_path(here)}",
    )


@rule(
    "HRD514",
    "progress-future-year",
    Severity.ERROR,
    "A progress file reports on a year that has not begun.",
    why="""
        Action Plan 5.2.a: implementation is reported on every year, once the year has
        happened. A file for a year still to come reports results no one can have measured
        yet (a typing error in `year:`, or a copy not yet renamed); submitted, the portfolio
        would count it as that year's report.""",
    fail="""
        # written in 2029
        year: 2030
        status: submitted
        """,
    ok="""
        # written in 2029
        year: 2028
        status: submitted
        """,
    severity_note="error once `status: submitted`; a warning while `draft`",
    kinds=("progress",),
    open_point={
        "en": "a progress report on a year that has not begun",
        "nl": "een voortgangsrapport over een jaar dat nog niet begonnen is",
    },
)
def progress_future_year(ctx: Context) -> Iterator[Hit]:
    """Reports, at `year`, a progress file whose year is after today's (`HRDPLAN_TODAY` sets
    today): an error once submitted, a warning in a draft, which may be prepared ahead. A
    year outside the strategy's period is HRD509's alone."""
    strategy = _strategy_of(ctx)
    year = _year_of(ctx)
    if strategy is None or year is None or year <= ctx.today.year:
        return
    if _outside_period(ctx, strategy, year):
        return
    submitted = ctx.get("status") == "submitted"
    said = ", but the file is submitted" if submitted else ""
    yield Hit(
        ("year",),
        f"year {year} has not begun yet (today is {ctx.today.isoformat()}){said}: check `year:`",
        severity=Severity.ERROR if submitted else Severity.WARNING,
    )


def _same(one: Path, other: Path) -> bool:
    try:
        return bool(one.resolve() == other.resolve())
    except OSError:
        return False


# -- strategies and their progress files ----------------------------------------------------------


@rule(
    "HRD513",
    "progress-missing",
    Severity.INFO,
    "A past year of an adopted strategy has no progress file.",
    why="""
        Action Plan 5.2.a: implementation is monitored every year (the annual report), and
        5.2.h asks for a yearly exchange with civil society; 5.2.b and 5.2.c evaluate the
        whole. Once a strategy is adopted, each year of its period that is over has a
        progress file. Information only: configure it away with `ignore = ["HRD513"]`.""",
    fail="""
        # in 2030, with progress files for 2027 and 2028 only
        status: adopted
        adopted: 2027-03-14
        """,
    ok="""
        status: consultation
        """,
    open_point={
        "en": "no progress report for a past year",
        "nl": "geen voortgangsrapport over een verstreken jaar",
    },
)
def progress_missing(ctx: Context) -> Iterator[Hit]:
    """Reports, at `adopted`, each year of an adopted format 2 strategy (read from disk) from
    the year it was adopted to last year, within the period, that has no progress file in
    `progress/<stem>/`, naming the command that writes it."""
    from hrdplan.strategy.progress import progress_file, progress_files

    loaded = ctx.loaded
    adopted = ctx.get("adopted")
    period = period_of(ctx)
    if (
        not format_2(ctx)
        or ctx.get("status") != "adopted"
        or not isinstance(adopted, date)
        or period is None
        or loaded is None
        or loaded.path is None
    ):
        return
    first = max(period[0], adopted.year)
    last = min(period[1], ctx.today.year - 1)
    if first > last:
        return
    found = progress_files(loaded.path)
    for year in range(first, last + 1):
        if year not in found:
            yield Hit(
                ("adopted",),
                f"no progress file for {year} ({display_path(progress_file(loaded.path, year))}):"
                f" `hrdplan progress new {ctx.doc.file} --year {year}` writes it",
            )
