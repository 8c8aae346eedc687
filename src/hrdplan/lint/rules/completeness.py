"""HRD4xx: completeness and monitoring — placeholders, actions, indicators, consultation,
democracy, priorities."""

from __future__ import annotations

from collections.abc import Iterator

from hrdplan.catalogue.model import Catalogue, Objective
from hrdplan.findings import Severity
from hrdplan.io.errors import quoted
from hrdplan.io.links import hidden
from hrdplan.io.text import shorten
from hrdplan.io.yamlio import describe, iter_scalars
from hrdplan.lint.context import Context, is_placeholder, priority_name, require
from hrdplan.lint.model import Hit
from hrdplan.lint.rule import BOTH_KINDS, rule
from hrdplan.lint.rules.examples import (
    DEATH_SENTENCES,
    MORATORIUM,
    a_priority,
    block,
    edit,
    priorities,
)

# Statuses from which a strategy counts as written: its placeholders are errors, and it must
# record its civil society consultations.
PAST_DRAFT = ("consultation", "adopted")


def _missing_list(ctx: Context, key: str, what: str, advice: str) -> Iterator[Hit]:
    """A finding for each priority whose `key` list is missing or empty."""
    for path, priority in ctx.priorities():
        name = priority_name(path, priority)
        yield from require(
            priority,
            key,
            at=path,
            missing=f"{name} has no {what}: add `{key}:` {advice}",
            empty=f"{name} has an empty `{key}` list: {advice}",
        )


@rule(
    "HRD401",
    "placeholder",
    Severity.WARNING,
    "Placeholder text left from scaffolding (`TODO: ...`).",
    why="""
        `hrdplan new-strategy` writes `TODO:` where the authors must write the strategy. Action
        Plan, introduction: the delegations adapt the plan's priorities 'to the local situation';
        a placeholder is a part of that adaptation not yet done. It is a warning while the
        strategy is a draft and an error once it goes to consultation or is adopted.""",
    fail="""
        context: "TODO: describe the human rights and democracy situation in the country"
        """,
    ok="""
        context: |
          Ghana is one of the most stable democracies in West Africa, with eight consecutive
          general elections since 1992.
        """,
    severity_note="warning while `status: draft`, error after (progress files: once submitted)",
    kinds=BOTH_KINDS,
    open_point={
        "en": "{field} not yet written",
        "nl": "{field} nog niet ingevuld",
    },
)
def placeholder(ctx: Context) -> Iterator[Hit]:
    """Reports every value anywhere in the file that starts with `TODO:`, at that value. Other
    rules leave such values alone, so a placeholder is reported once, here, rather than also as
    an empty gender approach or an unknown objective. The severity is `warning` while `status`
    is `draft` (or missing) and `error` otherwise: for a progress file, once it is
    `submitted`."""
    severity = None if ctx.status == "draft" else Severity.ERROR
    for path, value in iter_scalars(ctx.data):
        if is_placeholder(value):
            shown = quoted(shorten(value, 60), 60)
            yield Hit(path, f"placeholder left in {describe(path)}: {shown}", severity=severity)


@rule(
    "HRD402",
    "no-actions",
    Severity.ERROR,
    "A priority has no actions.",
    why="""
        Action Plan, introduction: the delegations 'set concrete priorities', and the plan is
        carried out through 'the full range of instruments' at the EU's disposal. A priority
        without actions says what the EU wants but not what the delegation and embassies will
        do about it.""",
    fail=priorities(a_priority("actions: []\n")),
    ok=priorities(a_priority(block("actions", MORATORIUM))),
    open_point={
        "en": "no actions",
        "nl": "geen acties",
    },
)
def no_actions(ctx: Context) -> Iterator[Hit]:
    """Reports a priority without `actions:` (at the priority) or with an empty list (at it)."""
    yield from _missing_list(
        ctx, "actions", "actions", "say what the delegation and embassies will do"
    )


@rule(
    "HRD403",
    "no-indicators",
    Severity.ERROR,
    "A priority has no indicators.",
    why="""
        Action Plan 5.2.a: progress is monitored every year through the EU Annual Report, whose
        structure reflects 'the implementation of priority actions' and provides 'a monitoring
        framework'; the mid-term and final evaluations (5.2.b, 5.2.c) build on it. A priority
        without indicators cannot report results.""",
    fail=priorities(a_priority("indicators: []\n")),
    ok=priorities(a_priority(block("indicators", DEATH_SENTENCES))),
    open_point={
        "en": "no indicators",
        "nl": "geen indicatoren",
    },
)
def no_indicators(ctx: Context) -> Iterator[Hit]:
    """Reports a priority without `indicators:` (at the priority) or with an empty list
    (at it)."""
    yield from _missing_list(ctx, "indicators", "indicators", "say how progress will be measured")


@rule(
    "HRD404",
    "indicator-incomplete",
    Severity.WARNING,
    "An indicator has no baseline or no target.",
    why="""
        Action Plan 5.2.a to 5.2.c: annual reporting and the mid-term (June 2023) and final
        (June 2025) evaluations measure progress. Progress is the distance from a baseline
        towards a target; an indicator without either measures nothing.""",
    fail=priorities(
        a_priority(block("indicators", edit(DEATH_SENTENCES, "  target: 0 (2025)\n", "")))
    ),
    ok=priorities(a_priority(block("indicators", DEATH_SENTENCES))),
    open_point={
        "en": "baseline or target missing",
        "nl": "uitgangswaarde of streefwaarde ontbreekt",
    },
)
def indicator_incomplete(ctx: Context) -> Iterator[Hit]:
    """Reports an indicator without `baseline` or without `target`, one finding for each
    missing field, at the indicator (at the field when it is there but empty). A placeholder
    baseline or target is reported by HRD401 alone."""
    for path, priority in ctx.priorities():
        for index, indicator in ctx.items(priority, "indicators"):
            where = (*path, "indicators", index)
            ident, text = indicator.get("id"), indicator.get("text")
            if (
                isinstance(ident, str)
                and ident.strip()
                and not is_placeholder(ident)
                and not hidden()
            ):
                label = f" {ident.strip()}"  # format 2: indicators have ids
            elif isinstance(text, str) and text.strip():
                label = " " + quoted(shorten(text, 40), 40)
            else:
                label = ""
            name = priority_name(path, priority)
            for field in ("baseline", "target"):
                yield from require(
                    indicator,
                    field,
                    at=where,
                    missing=f"indicator{label} of {name} has no {field}",
                    empty=f"indicator{label} of {name} has an empty {field}",
                )


@rule(
    "HRD405",
    "no-consultation",
    Severity.ERROR,
    "A strategy past `draft` records no civil society consultation.",
    why="""
        Council conclusions, point 8: civil society organisations 'will be important partners
        and will be consulted throughout the implementation of the Action Plan'; Action Plan
        5.2.h: 'engage regularly with civil society'. A strategy in consultation or adopted
        records when and with whom it was discussed.""",
    fail="""
        status: adopted
        consultations: []
        """,
    ok="""
        status: adopted
        consultations:
          - date: 2020-11-24
            participants: Twenty-two Ghanaian civil society organisations in Accra
        """,
    open_point={
        "en": "no civil society consultation recorded",
        "nl": "geen raadpleging van het maatschappelijk middenveld vastgelegd",
    },
)
def no_consultation(ctx: Context) -> Iterator[Hit]:
    """Reports a strategy whose `status` is `consultation` or `adopted` and whose
    `consultations` is missing (at `status`) or empty (at it)."""
    status = ctx.get("status")
    if status not in PAST_DRAFT:
        return
    yield from require(
        ctx.data,
        "consultations",
        at=(),
        missing_at=("status",),
        missing=f"status is {quoted(status)} but no civil society consultation is recorded: "
        f"add `consultations:` (date, participants)",
        empty=f"status is {quoted(status)} but `consultations` is empty: record the civil society "
        f"consultations held (date, participants)",
    )


@rule(
    "HRD406",
    "no-democracy-priority",
    Severity.WARNING,
    "No priority is under a line of action or section about democracy (line 2 of the plan).",
    why="""
        Action Plan, line of action 2, 'Building resilient, inclusive and democratic
        societies' (2.1 to 2.4): human rights and democracy are interdependent and mutually
        reinforcing, and the plan is one on human rights and democracy. A country strategy
        without a democracy priority covers only half of it. Which lines of action or sections
        are about democracy is catalogue data (`democracy: true`), so an organisation's own
        catalogue names its own; a catalogue that marks none has no such requirement.""",
    fail=priorities(a_priority()),
    ok=priorities(
        a_priority(),
        a_priority(
            ident="P2",
            objective="2.2.a",
            title="Women and young people in public and political life",
        ),
    ),
    needs_catalogue=True,
    open_point={
        "en": "no priority under democracy (line of action 2)",
        "nl": "geen prioriteit onder democratie (actielijn 2)",
    },
)
def no_democracy_priority(ctx: Context) -> Iterator[Hit]:
    """Reports a strategy none of whose priorities selects an objective under a line of action
    or section the pinned catalogue marks `democracy: true` (in the Action Plan, line 2; the
    versions 1.0.0 and 1.1.0, published before the mark, are read as marking line 2), at the
    `priorities` key. Not reported when the catalogue marks none, when there are no priorities
    (HRD407), or while a priority's objective is still a placeholder."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    democracy = catalogue.democracy_codes()
    priorities = list(ctx.priorities())
    if not democracy or not priorities:
        return
    for _, priority in priorities:
        if is_placeholder(priority.get("objective")):
            return
        code = ctx.objective_code(priority)
        # An unknown code (HRD101) still shows which line and section its author meant.
        if code is not None and catalogue.is_democracy(code):
            return
    names = " or ".join(_democracy_name(catalogue, code) for code in democracy)
    examples = " or ".join(f"{code}.x" if "." in code else f"{code}.x.y" for code in democracy)
    yield Hit(
        ("priorities",),
        f"no priority is under {names}: select an objective {examples}",
        key=True,
    )


def _democracy_name(catalogue: Catalogue, code: str) -> str:
    """'line of action 2 (Building resilient, ...)' or 'section 3.1 (...)'."""
    entry = catalogue.find(code)
    kind = "section" if "." in code else "line of action"
    if entry is None or isinstance(entry, Objective):
        return f"{kind} {code}"
    title = entry.title.en
    # Lines of action are titled in capitals, as in the plan.
    return f"{kind} {code} ({title.capitalize() if title.isupper() else title})"


@rule(
    "HRD407",
    "no-priorities",
    Severity.ERROR,
    "The strategy selects no priorities.",
    why="""
        Action Plan, introduction: the EU delegations, together with the member states, 'set
        concrete priorities for their respective country for a period of five years'. A
        strategy without priorities sets none.""",
    fail="""
        priorities: []
        """,
    ok="""
        priorities:
          - id: P1
            objective: 1.1.j
            title: Ending sexual and gender-based violence and harmful practices
        """,
    open_point={
        "en": "no priorities",
        "nl": "geen prioriteiten",
    },
)
def no_priorities(ctx: Context) -> Iterator[Hit]:
    """Reports a strategy without `priorities:` (at the top of the file) or with an empty list
    (at it). `hrdplan new-strategy --priority CODE` preselects objectives."""
    if not isinstance(ctx.doc.data, dict):
        return  # not a strategy at all (HRD003)
    yield from require(
        ctx.data,
        "priorities",
        at=(),
        missing="no `priorities:`: select at least one objective of the plan",
        empty="`priorities` is empty: select at least one objective",
    )
