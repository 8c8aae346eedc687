"""HRD1xx: references into the catalogue — objectives, priority and indicator ids,
instruments."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from hrdplan.findings import Severity
from hrdplan.io.errors import quoted
from hrdplan.io.suggest import did_you_mean
from hrdplan.io.yamlio import KeyPath, describe
from hrdplan.lint.context import Context, is_placeholder, priority_name
from hrdplan.lint.model import Hit
from hrdplan.lint.rule import rule
from hrdplan.lint.rules.examples import (
    COUNTED_SENTENCES,
    MORATORIUM,
    a_priority,
    block,
    edit,
    priorities,
)

# A second indicator of the death penalty priority, for the examples of repeated ids.
_DEATH_ROW = edit(COUNTED_SENTENCES, "Death sentences handed down per year", "People on death row")


@rule(
    "HRD101",
    "unknown-objective",
    Severity.ERROR,
    "A priority's `objective` is not a code of the pinned catalogue.",
    why="""
        Action Plan, introduction: the delegations "will implement this plan by adapting the
        priorities and objectives to the local situation", and 5.2.f asks that country
        strategies be "aligned with the priority actions of the Action Plan". A priority that
        names no objective of the plan cannot be aligned with it, nor counted in the portfolio
        view headquarters reports from.""",
    fail=priorities(a_priority(objective="1.1.z")),
    ok=priorities(a_priority()),
    needs_catalogue=True,
    open_point={
        "en": "objective not in the Action Plan",
        "nl": "doelstelling niet in het actieplan",
    },
)
def unknown_objective(ctx: Context) -> Iterator[Hit]:
    """Reports a priority whose `objective` is not the code of an objective (`<section>.<letter>`,
    e.g. `1.1.a`) in the catalogue version the strategy pins, with the closest selectable codes.
    A section or line of action code (`1.1`, `2`) is reported as such. `hrdplan catalogue list`
    shows the codes."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    for path, priority in ctx.priorities():
        code = ctx.objective_code(priority)
        if code is None or catalogue.objective(code) is not None:
            continue
        where = (*path, "objective")
        found = catalogue.find(code)
        if found is not None:
            kind = "a section" if "." in found.code else "a line of action"
            pool = [o.code for o in catalogue.selectable() if o.code.startswith(f"{found.code}.")]
            example = f" such as {', '.join(pool[:3])}" if pool else ""
            yield Hit(
                where,
                f"objective {quoted(code)} is {kind} of {catalogue.ref}, not an objective: "
                f"choose one of its lettered objectives{example}",
            )
            continue
        suggestions = (
            catalogue.suggest_codes(code, selectable_only=True)
            if ctx.may_suggest("objective")
            else []
        )
        yield Hit(
            where,
            f"objective {quoted(code)} is not in {catalogue.ref}{did_you_mean(suggestions)}",
        )


@rule(
    "HRD102",
    "objective-not-selectable",
    Severity.ERROR,
    "A priority selects a catalogue entry that is not a country priority (a 5.2 milestone).",
    why="""
        Action Plan, 5.2 (implementation, monitoring and evaluation): items a to i are the
        plan's own monitoring milestones — the annual report, the mid-term and final
        evaluations, the review of the guidelines, the country strategies themselves (5.2.f),
        ... They say how the plan as a whole is implemented and evaluated, not what the EU
        will do in a host country, so they cannot be selected as a country priority.""",
    fail=priorities(a_priority(objective="5.2.h", title="Consulting civil society")),
    ok=priorities(
        a_priority(
            objective="3.4.a",
            title="Engaging with an independent and pluralistic civil society",
        )
    ),
    needs_catalogue=True,
    open_point={
        "en": "not an objective a country strategy can select",
        "nl": "geen doelstelling die een landenstrategie kan kiezen",
    },
)
def objective_not_selectable(ctx: Context) -> Iterator[Hit]:
    """Reports a priority whose objective exists in the catalogue but is marked as not
    selectable, naming what it is (for the 5.2 milestones: the milestone and its planning)."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    for path, priority in ctx.priorities():
        code = ctx.objective_code(priority)
        objective = catalogue.objective(code) if code is not None else None
        if objective is None or objective.selectable:
            continue
        if objective.milestone is not None:
            what = (
                f"the monitoring milestone {quoted(objective.milestone.title.en)} of section "
                f"{objective.section_code} (planning: {objective.milestone.planning.en})"
            )
        else:
            what = f"an objective of section {objective.section_code}"
        yield Hit(
            (*path, "objective"),
            f"objective {objective.code} is {what}, not selectable as a country priority",
        )


@rule(
    "HRD103",
    "duplicate-objective",
    Severity.WARNING,
    "Two priorities select the same objective.",
    why="""
        Action Plan, introduction: the delegations "set concrete priorities for their
        respective country". Two priorities under one objective split one priority in two:
        merge their actions and indicators, or choose the objective that fits the second one
        better, so that the portfolio view counts each objective once.""",
    fail="""
        priorities:
          - id: P1
            objective: 1.1.j
            title: Ending gender-based violence
          - id: P2
            objective: 1.1.j
            title: Ending child marriage
        """,
    ok="""
        priorities:
          - id: P1
            objective: 1.1.j
            title: Ending gender-based violence and child marriage
          - id: P2
            objective: 1.1.m
            title: Child protection systems
        """,
    open_point={
        "en": "the same objective as another priority",
        "nl": "dezelfde doelstelling als een andere prioriteit",
    },
)
def duplicate_objective(ctx: Context) -> Iterator[Hit]:
    """Reports each priority that selects an objective an earlier priority already selects,
    at its `objective`, naming the earlier priority."""
    seen: dict[str, str] = {}
    for path, priority in ctx.priorities():
        code = ctx.objective_code(priority)
        if code is None:
            continue
        key = code.lower()
        if key in seen:
            yield Hit(
                (*path, "objective"),
                f"objective {code} is already selected by {seen[key]}",
            )
        else:
            seen[key] = priority_name(path, priority)


@rule(
    "HRD104",
    "duplicate-priority-id",
    Severity.ERROR,
    "Two priorities share an `id`.",
    why="""
        Action Plan 5.2.a: progress is reported every year. Reports, rendered strategies and
        the portfolio view refer to a strategy's priorities by their ids; an id that names two
        priorities makes every such reference ambiguous.""",
    fail="""
        priorities:
          - id: P1
            objective: 1.1.j
            title: Ending gender-based violence
          - id: P1
            objective: 2.2.a
            title: Women in public and political life
        """,
    ok="""
        priorities:
          - id: P1
            objective: 1.1.j
            title: Ending gender-based violence
          - id: P2
            objective: 2.2.a
            title: Women in public and political life
        """,
    open_point={
        "en": "the same id as another priority",
        "nl": "dezelfde aanduiding als een andere prioriteit",
    },
)
def duplicate_priority_id(ctx: Context) -> Iterator[Hit]:
    """Reports each priority whose `id` an earlier priority already uses, at its `id`.
    Ids are compared as written, after stripping spaces."""
    yield from _repeated_ids(ctx, ctx.priorities(), "priority")


def _repeated_ids(
    ctx: Context, items: Iterable[tuple[KeyPath, dict[Any, Any]]], what: str
) -> Iterator[Hit]:
    """A finding at the `id` of each item whose id an earlier item already uses (ids compared
    as written, after stripping spaces; placeholders left to HRD401)."""
    seen: dict[str, KeyPath] = {}
    for path, item in items:
        ident = item.get("id")
        if not isinstance(ident, str) or not ident.strip() or is_placeholder(ident):
            continue
        ident = ident.strip()
        if ident in seen:
            first = seen[ident]
            yield Hit(
                (*path, "id"),
                f"{what} id {quoted(ident)} is already used by {describe(first)} "
                f"(line {ctx.doc.position((*first, 'id')).line})",
            )
        else:
            seen[ident] = path


@rule(
    "HRD105",
    "unknown-instrument",
    Severity.ERROR,
    "An action names an instrument id the catalogue does not have.",
    why="""
        Action Plan, introduction: the plan is carried out through "systematic and coordinated
        use of the full range of instruments at the EU's disposal", listed there and in 5.2
        (political and human rights dialogues, funding programmes, public diplomacy, trial
        monitoring, ...). Naming them by their catalogue ids lets headquarters see which
        instruments each strategy uses; an unknown id is a typo or an instrument the plan
        does not list.""",
    fail=priorities(
        a_priority(
            block("actions", edit(MORATORIUM, "human-rights-dialogue", "human-rights-dialog"))
        )
    ),
    ok=priorities(a_priority(block("actions", MORATORIUM))),
    needs_catalogue=True,
    open_point={
        "en": "an instrument the Action Plan does not name",
        "nl": "een instrument dat het actieplan niet noemt",
    },
)
def unknown_instrument(ctx: Context) -> Iterator[Hit]:
    """Reports each entry of an action's `instruments` that is not an instrument id of the
    pinned catalogue, at that entry, with the closest ids. `hrdplan catalogue instruments`
    lists every id with its title (`--catalogue ID@VERSION` for the version a strategy pins);
    `hrdplan catalogue show CODE` gives the ids of the instruments the plan itself mentions
    for an objective."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    for path, priority in ctx.priorities():
        for index, action in ctx.items(priority, "actions"):
            instruments = action.get("instruments")
            if not isinstance(instruments, list):
                continue
            for position, ident in enumerate(instruments):
                if not isinstance(ident, str) or is_placeholder(ident) or not ident.strip():
                    continue
                if catalogue.instrument(ident.strip()) is not None:
                    continue
                suggestions = (
                    catalogue.suggest_instruments(ident.strip().lower())
                    if ctx.may_suggest("instrument")
                    else []
                )
                yield Hit(
                    (*path, "actions", index, "instruments", position),
                    f"instrument {quoted(ident)} is not in {catalogue.ref}"
                    f"{did_you_mean(suggestions)}",
                )


@rule(
    "HRD106",
    "duplicate-indicator-id",
    Severity.ERROR,
    "Two indicators share an `id` (format 2).",
    why="""
        Action Plan 5.2.a: progress is reported every year, and 5.2.b and 5.2.c evaluate it.
        A progress file records each indicator's actual value under the indicator's id; an id
        that names two indicators makes the value recorded under it belong to either.""",
    fail=priorities(
        a_priority(block("indicators", COUNTED_SENTENCES, _DEATH_ROW)), top="hrdplan: 2\n"
    ),
    ok=priorities(
        a_priority(block("indicators", COUNTED_SENTENCES, edit(_DEATH_ROW, "P1.1", "P1.2"))),
        top="hrdplan: 2\n",
    ),
    open_point={
        "en": "the same id as another indicator",
        "nl": "dezelfde aanduiding als een andere indicator",
    },
)
def duplicate_indicator_id(ctx: Context) -> Iterator[Hit]:
    """Reports each indicator whose `id` an earlier indicator of the strategy already uses
    (in any priority), at its `id`. Ids are compared as written, after stripping spaces."""
    indicators = (
        ((*path, "indicators", index), indicator)
        for path, priority in ctx.priorities()
        for index, indicator in ctx.items(priority, "indicators")
    )
    yield from _repeated_ids(ctx, indicators, "indicator")
