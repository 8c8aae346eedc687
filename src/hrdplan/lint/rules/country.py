"""HRD3xx: the host country, the member states' embassies, and the strategy's period."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hrdplan.findings import Severity
from hrdplan.io.errors import quoted
from hrdplan.io.suggest import did_you_mean
from hrdplan.lint.context import Context, as_int, is_placeholder
from hrdplan.lint.model import Hit
from hrdplan.lint.rule import rule
from hrdplan.strategy import countries

# Without a usable catalogue (HRD005), the plan's own "period of five years".
DEFAULT_STRATEGY_YEARS = 5


def _code(value: Any) -> str | None:
    """A country code as written, if it is a real (non-placeholder, non-empty) string."""
    if isinstance(value, str) and value.strip() and not is_placeholder(value):
        return value
    return None


def _iso(code: str) -> countries.Country | None:
    """The country whose alpha-2 code this is, written exactly (upper case, no spaces)."""
    country = countries.by_code(code)
    # pycountry matches codes in any case; a strategy file must use the canonical form.
    return country if country is not None and country.alpha_2 == code else None


def _named(code: str) -> str:
    country = countries.by_code(code)
    return f"{code} ({country.name})" if country is not None else code


def _suggestion(text: str) -> str:
    """What the author probably meant by a value that is not an alpha-2 code."""
    upper = text.strip().upper()
    if _iso(upper) is not None:
        return f"{did_you_mean([_named(upper)])} (codes are upper case)"
    try:
        country = countries.resolve(text)
    except LookupError:
        return ""
    return did_you_mean([_named(country.alpha_2)])


@rule(
    "HRD301",
    "unknown-country",
    Severity.ERROR,
    "`country` is not an ISO 3166-1 alpha-2 code.",
    why="""
        Action Plan, introduction: the delegations 'set concrete priorities for their respective
        country'. The country is how a strategy is filed, named (`gh-2021-2025.yaml`) and
        counted in the portfolio view of 5.2.a; only the exact ISO 3166-1 alpha-2 code (upper
        case; XK for Kosovo) identifies it without ambiguity.""",
    fail="""
        country: gh
        """,
    ok="""
        country: GH
        """,
    open_point={
        "en": "country not recognised",
        "nl": "land niet herkend",
    },
)
def unknown_country(ctx: Context) -> Iterator[Hit]:
    """Reports a `country` that is not an ISO 3166-1 alpha-2 code written in upper case (`XK`,
    Kosovo, is accepted), suggesting the code when upper-casing or the country's name gives one.
    """
    code = _code(ctx.get("country"))
    if code is None or _iso(code) is not None:
        return
    yield Hit(
        ("country",),
        f"country {quoted(code)} is not an ISO 3166-1 alpha-2 code{_suggestion(code)}",
    )


@rule(
    "HRD302",
    "eu-member-host",
    Severity.ERROR,
    "The host country is an EU member state.",
    why="""
        Action Plan, introduction: the plan sets out the priorities the EU and its member
        states pursue 'in their relations with all third countries', and a country strategy
        is set by an EU delegation for its host country. Human rights within the Union are
        outside its scope.""",
    fail="""
        country: FR
        """,
    ok="""
        country: GH
        """,
    open_point={
        "en": "the host country is an EU member state",
        "nl": "het gastland is een EU-lidstaat",
    },
)
def eu_member_host(ctx: Context) -> Iterator[Hit]:
    """Reports a `country` that is one of the 27 EU member states."""
    code = _code(ctx.get("country"))
    if code is not None and code in countries.EU_MEMBER_STATES:
        yield Hit(
            ("country",),
            f"host country {_named(code)} is an EU member state: a country strategy is for a "
            f"third country",
        )


@rule(
    "HRD303",
    "member-state-not-eu",
    Severity.ERROR,
    "A `member_states` entry is not an EU member state.",
    why="""
        Action Plan, introduction: the EU delegations set the strategy's priorities 'together
        with the Member States'; Council conclusions, point 8: the delegations, together with
        the member states' embassies, are at the forefront of implementing the plan. Only the
        embassies of the 27 member states co-own a strategy; other partners, such as the United
        Kingdom or Norway, are consulted, not listed.""",
    fail="""
        member_states: [DE, GB]
        """,
    ok="""
        member_states: [DE, FR]
        """,
    open_point={
        "en": "not an EU member state",
        "nl": "geen EU-lidstaat",
    },
)
def member_state_not_eu(ctx: Context) -> Iterator[Hit]:
    """Reports each entry of `member_states` that is not the upper-case ISO alpha-2 code of an
    EU member state, at that entry."""
    entries = ctx.get("member_states")
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        code = _code(entry)
        if code is None or code in countries.EU_MEMBER_STATES:
            continue
        upper = code.strip().upper()
        if upper in countries.EU_MEMBER_STATES:
            message = (
                f"{quoted(code)} is not an EU member state code{did_you_mean([_named(upper)])}"
            )
        elif _iso(code) is None:
            message = (
                f"{quoted(code)} is not an EU member state: not an ISO 3166-1 alpha-2 code"
                f"{_suggestion(code)}"
            )
        else:
            message = f"{_named(code)} is not an EU member state"
        yield Hit(("member_states", index), message)


def strategy_years(ctx: Context) -> int:
    """How many calendar years a strategy covers: the pinned catalogue's strategy_years."""
    return ctx.catalogue.strategy_years if ctx.catalogue else DEFAULT_STRATEGY_YEARS


def period_is_sound(ctx: Context, start: int, end: int) -> bool:
    """Whether HRD304 accepts a period. The rules that measure years against the period do so
    only against a sound one: a wrong period is one finding (HRD304), not one more for every
    year measured against it."""
    return start <= end and end - start + 1 == strategy_years(ctx)


@rule(
    "HRD304",
    "period-length",
    Severity.ERROR,
    "The period is not five calendar years.",
    why="""
        Action Plan, introduction: the delegations set 'concrete priorities for their respective
        country for a period of five years'. The catalogue states the length (strategy_years);
        a period of 2021-2025 is five calendar years.""",
    fail="""
        period: {start: 2021, end: 2027}
        """,
    ok="""
        period: {start: 2021, end: 2025}
        """,
    open_point={
        "en": "the period is not five calendar years",
        "nl": "de periode is geen vijf kalenderjaren",
    },
)
def period_length(ctx: Context) -> Iterator[Hit]:
    """Reports a `period` whose `end` is not `start` + 4 (five calendar years; the pinned
    catalogue's `strategy_years` when it says otherwise), or that ends before it starts, at
    `period.end`."""
    period = ctx.get("period")
    if not isinstance(period, dict):
        return
    start, end = as_int(period.get("start")), as_int(period.get("end"))
    if start is None or end is None or period_is_sound(ctx, start, end):
        return
    years = strategy_years(ctx)
    if end < start:
        yield Hit(("period", "end"), f"the period ends in {end}, before it starts in {start}")
    else:
        count = end - start + 1
        yield Hit(
            ("period", "end"),
            f"the period {start}-{end} covers {count} calendar year{'s' * (count != 1)}, "
            f"not {years}: end it in {start + years - 1}",
        )


@rule(
    "HRD305",
    "period-outside-plan",
    Severity.WARNING,
    "The period starts outside the plan period of the pinned catalogue.",
    why="""
        Action Plan 5.2.f: country strategies are aligned with the priority actions of this
        Action Plan (2020-2024, extended by the Council to 2027: catalogue 1.1.0), planned for
        early 2021. A strategy starting after the plan has ended belongs to its successor and
        should pin that plan's catalogue.""",
    fail="""
        period: {start: 2028, end: 2032}
        """,
    ok="""
        period: {start: 2021, end: 2025}
        """,
    needs_catalogue=True,
    open_point={
        "en": "the period starts outside the Action Plan's period",
        "nl": "de periode begint buiten de periode van het actieplan",
    },
)
def period_outside_plan(ctx: Context) -> Iterator[Hit]:
    """Reports a `period.start` before the first or after the last year of the pinned
    catalogue's plan period, at `period.start`."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    period = ctx.get("period")
    start = as_int(period.get("start")) if isinstance(period, dict) else None
    if start is None:
        return
    plan = catalogue.plan_period
    if not plan.start <= start <= plan.end:
        yield Hit(
            ("period", "start"),
            f"the period starts in {start}, outside the plan period {plan.start}-{plan.end} "
            f"of {catalogue.ref}",
        )
