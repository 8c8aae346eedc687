"""HRD501 to HRD505: what a format 2 strategy commits to measure progress by (its adoption
date, each indicator's direction, target, years and values typed by kind), and the readers of
format 2 strategies and progress files that the HRD5xx rules and the gender rules share.

The rules read the parsed data, so that a file with a structural error still gets them; a
progress file's values are read against its strategy's model (`ctx.loaded.measured`). Whether a
value fits its kind is `strategy.measures`' to say.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

from hrdplan.findings import Severity
from hrdplan.io.links import hidden
from hrdplan.io.yamlio import KeyPath, describe
from hrdplan.lint.context import Context, as_int, is_placeholder, require
from hrdplan.lint.model import Hit
from hrdplan.lint.rule import BOTH_KINDS, rule
from hrdplan.lint.rules.country import period_is_sound
from hrdplan.lint.rules.examples import (
    COUNTED_SENTENCES,
    MEASURED_SENTENCES,
    a_priority,
    block,
    edit,
    priorities,
)
from hrdplan.strategy import measures
from hrdplan.strategy.model import Kind, MeasuredIndicator, StrategyV2

KINDS: tuple[str, ...] = get_args(Kind)
# The values of an indicator in the strategy, in the order they are written.
MEASUREMENTS = ("baseline", "milestones", "target")


# The top of the examples' strategy: its format, and its period (HRD504's).
_FORMAT_2 = "hrdplan: 2\n"
_PERIOD = _FORMAT_2 + "period: {start: 2021, end: 2025}\n"
# The death penalty indicator with its direction only, and a milestone.
_UNMEASURED = COUNTED_SENTENCES + "  direction: decrease\n"
_MILESTONE = "  milestones: [{value: 6, year: 2023}]\n"

# -- reading a format 2 strategy ----------------------------------------------------------------


def format_2(ctx: Context) -> bool:
    """Whether the data says `hrdplan: 2`: read from the data, not the model, so that a file
    with a structural error still gets the findings of the rules that ask."""
    version = ctx.get("hrdplan")
    return version == 2 and not isinstance(version, bool)


def ident_of(value: Any) -> str | None:
    """An id as written (stripped), unless it is missing, blank or a placeholder."""
    if isinstance(value, str) and value.strip() and not is_placeholder(value):
        return value.strip()
    return None


def _indicators(ctx: Context) -> Iterator[tuple[KeyPath, dict[Any, Any]]]:
    """Each indicator of a format 2 strategy that is a mapping, with its key path."""
    if not format_2(ctx):
        return
    for path, priority in ctx.priorities():
        for index, indicator in ctx.items(priority, "indicators"):
            yield (*path, "indicators", index), indicator


def _name(path: KeyPath, indicator: dict[Any, Any]) -> str:
    """How a message names an indicator: "indicator P1.1", or its place."""
    ident = ident_of(indicator.get("id"))
    return f"indicator {ident}" if ident and not hidden() else describe(path)


def _kind(indicator: dict[Any, Any]) -> str | None:
    kind = indicator.get("kind")
    return kind if isinstance(kind, str) and kind in KINDS else None


def _measurements(
    path: KeyPath, indicator: dict[Any, Any]
) -> Iterator[tuple[KeyPath, str, dict[Any, Any]]]:
    """The baseline, each milestone and the target that are mappings, with their key path and
    what they are ("baseline", "milestone", "target")."""
    for key in MEASUREMENTS:
        value = indicator.get(key)
        if key == "milestones":
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        yield (*path, key, index), "milestone", item
        elif isinstance(value, dict):
            yield (*path, key), key, value


def _year(measurement: dict[Any, Any] | Any) -> int | None:
    return as_int(measurement.get("year")) if isinstance(measurement, dict) else None


def period_of(ctx: Context) -> tuple[int, int] | None:
    period = ctx.get("period")
    if not isinstance(period, dict):
        return None
    start, end = as_int(period.get("start")), as_int(period.get("end"))
    return (start, end) if start is not None and end is not None else None


# -- reading a progress file ---------------------------------------------------------------------


def is_progress(ctx: Context) -> bool:
    return ctx.loaded is not None and ctx.loaded.kind == "progress"


def strategy_indicators(strategy: StrategyV2) -> dict[str, tuple[str, MeasuredIndicator]]:
    """The strategy's indicators by id, each with its priority's id (the first of a repeated
    id: HRD106)."""
    found: dict[str, tuple[str, MeasuredIndicator]] = {}
    for priority in strategy.priorities:
        for indicator in priority.indicators:
            found.setdefault(indicator.id, (priority.id, indicator))
    return found


def progress_indicators(
    ctx: Context,
) -> Iterator[tuple[KeyPath, str | None, dict[Any, Any]]]:
    """Each indicator entry of a progress file, with its key path and id."""
    for path, priority in ctx.priorities():
        for index, entry in ctx.items(priority, "indicators"):
            yield (*path, "indicators", index), ident_of(entry.get("id")), entry


# -- format 2 strategies --------------------------------------------------------------------------


@rule(
    "HRD501",
    "adoption-date",
    Severity.ERROR,
    "An adopted format 2 strategy does not say when it was adopted (`adopted:`).",
    why="""
        Action Plan 5.2.a: implementation is reported on every year, and 5.2.b and 5.2.c
        evaluate it at mid-term and at the end. The date the heads of mission endorsed the
        strategy is where its monitoring starts: the first year a progress file is due
        (HRD513) and what an evaluation measures from.""",
    fail="""
        hrdplan: 2
        status: adopted
        adopted:
        """,
    ok="""
        hrdplan: 2
        status: adopted
        adopted: 2021-04-14
        """,
    open_point={
        "en": "adoption date not given",
        "nl": "datum van vaststelling ontbreekt",
    },
)
def adoption_date(ctx: Context) -> Iterator[Hit]:
    """Reports a format 2 strategy whose `status` is `adopted` and that has no `adopted:` date
    (at `status`) or an empty one (at it)."""
    if not format_2(ctx) or ctx.get("status") != "adopted":
        return
    yield from require(
        ctx.data,
        "adopted",
        at=(),
        missing_at=("status",),
        missing="status is 'adopted' but the date is not recorded: add `adopted: YYYY-MM-DD`, "
        "the day the heads of mission endorsed it",
        empty="`adopted` is empty: write the day the heads of mission endorsed the strategy "
        "(YYYY-MM-DD)",
    )


@rule(
    "HRD502",
    "indicator-direction",
    Severity.ERROR,
    "An indicator's `direction` is missing (number, percent, yes-no) or given for a `text` one.",
    why="""
        Action Plan 5.2.a to 5.2.c: annual reporting and the evaluations measure progress, and
        progress has a direction: fewer death sentences, more women in parliament, the same
        level of media freedom kept. Without it no tool can say whether a figure is good news;
        a qualitative (`text`) indicator is reported in words, where a direction means
        nothing.""",
    fail=priorities(
        a_priority(block("indicators", edit(_UNMEASURED, "  direction: decrease\n", ""))),
        top=_FORMAT_2,
    ),
    ok=priorities(a_priority(block("indicators", _UNMEASURED)), top=_FORMAT_2),
    open_point={
        "en": "direction missing, or given for a qualitative indicator",
        "nl": "richting ontbreekt, of is gegeven voor een kwalitatieve indicator",
    },
)
def indicator_direction(ctx: Context) -> Iterator[Hit]:
    """Reports a format 2 indicator of kind `number`, `percent` or `yes-no` without a
    `direction` (at the indicator), and one of kind `text` with a direction (at it). Not
    reported while the kind or the direction is a placeholder (HRD401)."""
    for path, indicator in _indicators(ctx):
        kind = _kind(indicator)
        direction = indicator.get("direction")
        if kind is None or is_placeholder(direction):
            continue
        name = _name(path, indicator)
        if kind == "text" and direction is not None:
            yield Hit(
                (*path, "direction"),
                f"{name} is qualitative (kind: text), reported in words: remove `direction`",
            )
        elif kind != "text" and direction is None:
            yield Hit(
                path,
                f"{name} has no direction: add `direction: increase`, `decrease` or "
                f"`maintain` (which way is progress)",
            )


def _level(value: Any, kind: str) -> float | None:
    """A baseline's or target's value as a level to compare (yes-no: no 0, yes 1), if it fits
    its kind."""
    if measures.misfit(value, kind) is not None:
        return None
    if kind == "yes-no":
        return 1.0 if value else 0.0
    return measures.number(value)


@rule(
    "HRD503",
    "target-against-direction",
    Severity.ERROR,
    "An indicator's target contradicts its direction (`increase` and not above the baseline).",
    why="""
        Action Plan 5.2.a to 5.2.c: progress is the way from a baseline to a target, reported
        every year and evaluated at mid-term and at the end. A target on the wrong side of the
        baseline for its direction is a typo in one or the other, and would show every year's
        progress the wrong way round.""",
    fail=priorities(
        a_priority(block("indicators", edit(MEASURED_SENTENCES, "value: 0,", "value: 15,"))),
        top=_FORMAT_2,
    ),
    ok=priorities(a_priority(block("indicators", MEASURED_SENTENCES)), top=_FORMAT_2),
    open_point={
        "en": "the target goes against the indicator's direction",
        "nl": "de streefwaarde gaat tegen de richting van de indicator in",
    },
)
def target_against_direction(ctx: Context) -> Iterator[Hit]:
    """Reports, at the target's value, a format 2 indicator whose target is not above its
    baseline with `direction: increase`, not below it with `decrease`, or (for `maintain`, the
    level to keep) further from the baseline than `strategy.measures` counts as kept: 5% for a
    number or percent, the same answer for yes-no (no is below yes). Values that do not fit
    the kind are HRD505's; qualitative (`text`) indicators have no direction."""
    for path, indicator in _indicators(ctx):
        kind = _kind(indicator)
        direction = indicator.get("direction")
        baseline, target = indicator.get("baseline"), indicator.get("target")
        if kind is None or kind == "text":
            continue
        if not isinstance(baseline, dict) or not isinstance(target, dict):
            continue
        start, end = _level(baseline.get("value"), kind), _level(target.get("value"), kind)
        if start is None or end is None:
            continue
        if direction == "increase" and end <= start:
            said = "{name} is to increase, but its target {goal} is not above its baseline {was}"
        elif direction == "decrease" and end >= start:
            said = "{name} is to decrease, but its target {goal} is not below its baseline {was}"
        elif (
            direction == "maintain" and abs(end - start) > abs(start) * measures.MAINTAIN_TOLERANCE
        ):
            said = (
                "{name} is to be maintained, but its target {goal} is not its baseline's "
                "level {was}: say `increase` or `decrease`, or keep the level"
            )
        else:
            continue
        # Written only for a message: writing a number loads the locale data (Babel).
        was = measures.shown(baseline.get("value"), kind)
        goal = measures.shown(target.get("value"), kind)
        name = _name(path, indicator)
        yield Hit((*path, "target", "value"), said.format(name=name, goal=goal, was=was))


@rule(
    "HRD504",
    "indicator-years",
    Severity.ERROR,
    "An indicator's years do not fit the period: target outside it, baseline after its start, "
    "milestones out of order.",
    why="""
        Action Plan 5.2.a: progress is reported every year of the strategy, and 5.2.b and
        5.2.c evaluate it at mid-term and at the end. A target is reached within the strategy's
        period, the baseline says where things stood before it began, and the milestones mark
        the way in between, year after year.""",
    fail=priorities(
        a_priority(block("indicators", edit(MEASURED_SENTENCES, "year: 2025", "year: 2027"))),
        top=_PERIOD,
    ),
    ok=priorities(
        a_priority(
            block("indicators", edit(MEASURED_SENTENCES, "  target:", _MILESTONE + "  target:"))
        ),
        top=_PERIOD,
    ),
    severity_note="error; a warning for a baseline year after the period's start",
    open_point={
        "en": "years that do not fit the period",
        "nl": "jaren die niet in de periode passen",
    },
)
def indicator_years(ctx: Context) -> Iterator[Hit]:
    """Reports, at the year, a format 2 indicator's target year outside the strategy's period
    (error), a baseline year after the period's first year (warning: the baseline is where
    things stood when the strategy began; the year before or the first year), and a milestone
    year not after the one before it (baseline and earlier milestones) or not before the
    target's (error). Target years are not measured against a period HRD304 reports."""
    period = period_of(ctx)
    for path, indicator in _indicators(ctx):
        name = _name(path, indicator)
        baseline, target = indicator.get("baseline"), indicator.get("target")
        start_year, end_year = _year(baseline), _year(target)
        if period is not None:
            first, last = period
            if start_year is not None and start_year > first:
                yield Hit(
                    (*path, "baseline", "year"),
                    f"{name}'s baseline year {start_year} is after the period's start {first}: "
                    f"the baseline is where things stood when the strategy began",
                    severity=Severity.WARNING,
                )
            # Against a period HRD304 reports, every target would be reported again.
            sound = period_is_sound(ctx, first, last)
            if sound and end_year is not None and not first <= end_year <= last:
                yield Hit(
                    (*path, "target", "year"),
                    f"{name}'s target year {end_year} is outside the period {first}-{last}",
                )
        before, before_what = start_year, "the baseline's"
        for where, what, measurement in _measurements(path, indicator):
            year = _year(measurement)
            if what != "milestone" or year is None:
                continue
            if before is not None and year <= before:
                yield Hit(
                    (*where, "year"),
                    f"{name}'s milestone year {year} is not after {before_what} ({before}): "
                    f"milestones go in year order, between the baseline and the target",
                )
            elif end_year is not None and year >= end_year:
                yield Hit(
                    (*where, "year"),
                    f"{name}'s milestone year {year} is not before the target's ({end_year})",
                )
            before, before_what = year, "the milestone before it"


# HRD505's example: a percentage indicator whose target is over 100.
_PERCENT_OVER_100 = """
        hrdplan: 2
        priorities:
          - id: P1
            objective: 2.2.a
            title: Women in public and political life
            indicators:
              - id: P1.1
                text: Share of women among members of parliament
                kind: percent
                direction: increase
                baseline: {value: 14.6, year: 2020}
                target: {value: 146, year: 2025}
"""


@rule(
    "HRD505",
    "value-kind",
    Severity.ERROR,
    "A value does not fit its indicator's kind (a percentage over 100, text for a number).",
    why="""
        Action Plan 5.2.a: progress is reported every year, as figures where the indicator is
        measured. A `number` is a number, a `percent` a number from 0 to 100, a `yes-no` true or
        false, and a `text` indicator is reported in words: a value of another kind cannot be
        compared with the baseline, milestones and target, so the year's progress cannot be
        told.""",
    fail=_PERCENT_OVER_100,
    ok=edit(_PERCENT_OVER_100, "{value: 146,", "{value: 30,"),
    kinds=BOTH_KINDS,
    open_point={
        "en": "a value that does not fit the kind of indicator",
        "nl": "een waarde die niet bij de soort indicator past",
    },
)
def value_kind(ctx: Context) -> Iterator[Hit]:
    """Reports, at the value, a format 2 indicator's baseline, milestone or target value, or
    a progress file's `actual`, that does not fit the indicator's `kind`. Placeholders are
    HRD401's; an actual under an unknown indicator id is HRD507's."""
    if is_progress(ctx):
        strategy = ctx.loaded.measured if ctx.loaded is not None else None
        if strategy is None:
            return
        known = strategy_indicators(strategy)
        for path, ident, entry in progress_indicators(ctx):
            found = known.get(ident) if ident else None
            actual = entry.get("actual")
            if found is None or actual is None or is_placeholder(actual):
                continue
            problem = measures.misfit(actual, str(found[1].kind))
            if problem:
                yield Hit((*path, "actual"), f"indicator {ident}'s actual: {problem}")
        return
    for path, indicator in _indicators(ctx):
        kind = _kind(indicator)
        if kind is None:
            continue
        for where, what, measurement in _measurements(path, indicator):
            value = measurement.get("value")
            if value is None or is_placeholder(value):
                continue
            problem = measures.misfit(value, kind)
            if problem:
                yield Hit((*where, "value"), f"{_name(path, indicator)}'s {what}: {problem}")
