"""HRD2xx: gender-responsiveness, the plan's cross-cutting requirement."""

from __future__ import annotations

from collections.abc import Iterator

from hrdplan.lint.context import Context, as_int, is_placeholder, priority_name, require
from hrdplan.lint.model import Hit, Severity, rule

# Fewer characters than this say nothing about how a priority is gender-responsive.
MIN_APPROACH = 40

_INTRODUCTION = (
    "Action Plan, introduction: 'gender mainstreaming will be applied to ensure that all "
    "measures of this Action Plan are gender-responsive'."
)


@rule(
    "HRD201",
    "not-gender-responsive",
    Severity.ERROR,
    "A priority has gender marker 0 or no gender marker.",
    why=f"""
        {_INTRODUCTION} The Council conclusions (point 6) add that the EU and its member
        states will integrate the rights of women and girls, gender equality and their
        empowerment 'as a priority in all parts of their action'. A priority marked 0 (not
        targeted, on the OECD DAC gender equality marker) or not marked at all is not
        gender-responsive: give it marker 1 (significant) or 2 (principal) and say how.""",
    fail="""
        priorities:
          - id: P1
            objective: 1.1.a
            title: Towards abolition of the death penalty
            gender:
              marker: 0
        """,
    ok="""
        priorities:
          - id: P1
            objective: 1.1.a
            title: Towards abolition of the death penalty
            gender:
              marker: 1
        """,
)
def not_gender_responsive(ctx: Context) -> Iterator[Hit]:
    """Reports a priority whose `gender.marker` is 0 (at the marker), or that has no marker:
    no `gender:` at all (at the priority), `gender:` without `marker:` (at the `gender` key) or
    an empty marker (at it). A marker other than 0, 1 or 2 is a schema error (HRD003)."""
    for path, priority in ctx.priorities():
        name = priority_name(path, priority)
        gender = priority.get("gender")
        if gender is None:
            where = (*path, "gender") if "gender" in priority else path
            yield Hit(
                where,
                f"{name} has no gender marker: add `gender:` with marker 1 or 2 and its approach",
                key="gender" in priority,
            )
            continue
        if not isinstance(gender, dict):
            continue  # a placeholder (HRD401) or a wrong type (HRD003)
        marker = gender.get("marker")
        if "marker" not in gender:
            yield Hit(
                (*path, "gender"),
                f"{name} has no gender marker: add `marker: 1` (significant) or "
                f"`marker: 2` (principal)",
                key=True,
            )
        elif marker is None:
            yield Hit(
                (*path, "gender", "marker"),
                f"{name} has an empty gender marker: use 1 (significant) or 2 (principal)",
                key=True,
            )
        elif as_int(marker) == 0:
            yield Hit(
                (*path, "gender", "marker"),
                f"{name} has gender marker 0 (not targeted): every priority must be "
                f"gender-responsive (marker 1 or 2)",
            )


@rule(
    "HRD202",
    "gender-approach-missing",
    Severity.ERROR,
    "A priority's `gender.approach` is missing, empty or trivially short.",
    why=f"""
        {_INTRODUCTION} A marker is a claim; the approach is what makes it true: how women and
        men, girls and boys are affected differently, and what the actions do about it
        (1.1.i: 'using a gender-responsive approach').""",
    fail="""
        priorities:
          - id: P1
            objective: 1.1.a
            title: Towards abolition of the death penalty
            gender:
              marker: 1
              approach: Women too.
        """,
    ok="""
        priorities:
          - id: P1
            objective: 1.1.a
            title: Towards abolition of the death penalty
            gender:
              marker: 1
              approach: |
                Women sentenced to death were often convicted of killing an abusive partner;
                dialogue and trial monitoring will cover gender-based violence as a mitigating
                circumstance.
        """,
)
def gender_approach_missing(ctx: Context) -> Iterator[Hit]:
    """Reports a priority whose `gender:` has no `approach` (at the `gender` key), an empty
    one, or one shorter than 40 characters (at the approach). Scaffold placeholders
    are reported by HRD401 alone; a priority without `gender:` at all by HRD201."""
    for path, priority in ctx.priorities():
        gender = priority.get("gender")
        if not isinstance(gender, dict):
            continue
        name = priority_name(path, priority)
        approach = gender.get("approach")
        missing = list(
            require(
                gender,
                "approach",
                at=(*path, "gender"),
                missing_key=True,
                missing=f"{name} has no gender approach: add `approach:` saying how it is "
                "gender-responsive",
                empty=f"{name} has an empty gender approach: say how it is gender-responsive",
            )
        )
        yield from missing
        if not missing and isinstance(approach, str) and not is_placeholder(approach):
            length = len(approach.strip())
            if length < MIN_APPROACH:
                yield Hit(
                    (*path, "gender", "approach"),
                    f"gender approach of {name} is too short ({length} characters, at least "
                    f"{MIN_APPROACH}): say who is affected how, and what the actions do about it",
                )


@rule(
    "HRD203",
    "gender-analysis-missing",
    Severity.ERROR,
    "The strategy has no `gender_analysis`.",
    why=f"""
        {_INTRODUCTION} Gender-responsive priorities start from an analysis of the country's
        gender situation: 1.1.i commits the EU to 'the implementation of all EU Gender Action
        Plans', and Gender Action Plan III asks for a gender analysis in every partner country.
        Without it the priorities' gender approaches have nothing to rest on.""",
    fail="""
        gender_analysis: ""
        """,
    ok="""
        gender_analysis: |
          Women hold fewer than one in six seats in Parliament; gender-based violence is
          widespread and under-reported, and child marriage is most prevalent in the north.
        """,
)
def gender_analysis_missing(ctx: Context) -> Iterator[Hit]:
    """Reports a strategy without a `gender_analysis:` (at the top of the file) or with an empty
    one (at it). A scaffold placeholder is reported by HRD401 alone."""
    if not isinstance(ctx.doc.data, dict):
        return  # not a strategy at all (HRD003)
    yield from require(
        ctx.data,
        "gender_analysis",
        at=(),
        missing="no `gender_analysis:`: add the country-level gender analysis",
        empty="`gender_analysis` is empty: add the country-level gender analysis",
    )


@rule(
    "HRD204",
    "no-sex-disaggregation",
    Severity.WARNING,
    "A priority with gender marker 1 or 2 has no indicator disaggregated by sex.",
    why=f"""
        {_INTRODUCTION} A priority marked gender-responsive must be able to show results for
        women and men separately; Action Plan 5.2.a asks for a monitoring framework, and an
        indicator that is not broken down by sex cannot show them.""",
    fail="""
        priorities:
          - id: P1
            objective: 1.1.a
            title: Towards abolition of the death penalty
            gender:
              marker: 1
            indicators:
              - text: Death sentences handed down per year
                disaggregation: [age]
        """,
    ok="""
        priorities:
          - id: P1
            objective: 1.1.a
            title: Towards abolition of the death penalty
            gender:
              marker: 1
            indicators:
              - text: Death sentences handed down per year
                disaggregation: [sex, age]
        """,
)
def no_sex_disaggregation(ctx: Context) -> Iterator[Hit]:
    """Reports a priority with `gender.marker` 1 or 2 none of whose indicators lists `sex` in
    `disaggregation` (in any case), at its `indicators` key. A priority without indicators is
    reported by HRD403 instead; one with a placeholder disaggregation is left to HRD401."""
    for path, priority in ctx.priorities():
        marker = ctx.marker(priority)
        if marker not in (1, 2):
            continue
        indicators = list(ctx.items(priority, "indicators"))
        if not indicators:
            continue
        unsettled = False
        by_sex = False
        for _, indicator in indicators:
            breakdown = indicator.get("disaggregation")
            if is_placeholder(breakdown):
                unsettled = True
            elif isinstance(breakdown, list):
                for entry in breakdown:
                    if is_placeholder(entry):
                        unsettled = True
                    elif isinstance(entry, str) and entry.strip().lower() == "sex":
                        by_sex = True
        if by_sex or unsettled:
            continue
        yield Hit(
            (*path, "indicators"),
            f"{priority_name(path, priority)} has gender marker {marker} but none of its "
            f"{len(indicators)} indicator(s) is disaggregated by sex: add `sex` to a "
            f"`disaggregation`",
            key=True,
        )


@rule(
    "HRD205",
    "no-gender-principal",
    Severity.WARNING,
    "No priority has gender marker 2 and none selects a gender-equality objective.",
    why=f"""
        {_INTRODUCTION} Beyond mainstreaming, the plan makes gender equality an objective of
        its own (1.1.i, 1.1.j, 1.1.k, 1.2.a, 2.2.a, 2.4.d). A strategy in which gender equality
        is nowhere the principal aim leaves those objectives to no one in the country.""",
    fail="""
        priorities:
          - id: P1
            objective: 1.1.a
            title: Towards abolition of the death penalty
            gender:
              marker: 1
        """,
    ok="""
        priorities:
          - id: P1
            objective: 1.1.a
            title: Towards abolition of the death penalty
            gender:
              marker: 2
        """,
    needs_catalogue=True,
)
def no_gender_principal(ctx: Context) -> Iterator[Hit]:
    """Reports a strategy in which no priority has `gender.marker` 2 and no priority selects an
    objective the catalogue marks as about gender equality, at the `priorities` key. Not
    reported when there are no priorities (HRD407), or while a priority's objective or marker
    is still a placeholder."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    priorities = list(ctx.priorities())
    if not priorities:
        return
    for _, priority in priorities:
        gender = priority.get("gender")
        marker = gender.get("marker") if isinstance(gender, dict) else None
        if is_placeholder(priority.get("objective")) or is_placeholder(marker):
            return
        if ctx.marker(priority) == 2:
            return
        code = ctx.objective_code(priority)
        objective = catalogue.objective(code) if code is not None else None
        if objective is not None and objective.gender_equality:
            return
    codes = ", ".join(o.code for o in catalogue.selectable() if o.gender_equality)
    yield Hit(
        ("priorities",),
        "no priority has gender marker 2 and none selects a gender-equality objective "
        f"({codes}): make gender equality the principal aim of at least one",
        key=True,
    )


# The OECD DAC marker's minimum criteria (Handbook on the OECD-DAC Gender Equality Policy
# Marker, 2016), in words, with the codes whose finding at a priority means it is not met
# (HRD203 is strategy-wide). The documents and the portfolio read them, so that they agree
# with lint under the same configuration.
DAC_CRITERIA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gender analysis", ("HRD203",)),
    ("do no harm", ("HRD208",)),
    ("gender equality objective", ("HRD206",)),
    ("gender-specific indicator", ("HRD207",)),
    ("sex-disaggregated data", ("HRD204",)),
)
