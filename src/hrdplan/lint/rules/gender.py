"""HRD2xx: gender-responsiveness, the plan's cross-cutting requirement.

HRD201 to HRD205 read every strategy. HRD206 to HRD211 read format 2 strategies only (format 1
has no such fields): the OECD DAC gender equality marker's minimum criteria for a marker of 1 or 2
(Handbook on the OECD-DAC Gender Equality Policy Marker, OECD-DAC Network on Gender Equality
(GENDERNET), December 2016, section III "How does the scoring system of the gender marker
work?", "Scoring system and minimum criteria"; GENDERNET, "Definition and minimum recommended
criteria for the DAC gender equality policy marker", 2016) and the EU Gender Action Plan III's
thematic areas of engagement (JOIN(2020) 17 final, 25 November 2020). DAC_CRITERIA says which
findings mean a priority does not meet which minimum criterion: documents and the portfolio
count "criteria met" with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from hrdplan.findings import Severity
from hrdplan.io.errors import quoted
from hrdplan.io.suggest import did_you_mean
from hrdplan.io.yamlio import KeyPath
from hrdplan.lint.context import Context, as_int, is_blank, is_placeholder, priority_name, require
from hrdplan.lint.model import Hit
from hrdplan.lint.rule import rule
from hrdplan.lint.rules.examples import a_priority, block, district_assemblies, edit, priorities

# The one test of "format 2" the HRD5xx rules use too.
from hrdplan.lint.rules.progress_values import format_2

# The death penalty priority's indicator, as the sex-disaggregation examples give it.
_DISAGGREGATED = """\
- text: Death sentences handed down per year
  disaggregation: [sex, age]
"""

# Fewer characters than this say nothing about how a priority is gender-responsive.
MIN_APPROACH = 40

_INTRODUCTION = (
    "Action Plan, introduction: 'gender mainstreaming will be applied to ensure that all "
    "measures of this Action Plan are gender-responsive'."
)
_HANDBOOK = (
    "Handbook on the OECD-DAC Gender Equality Policy Marker (OECD-DAC Network on Gender "
    "Equality, GENDERNET, December 2016), section III, 'Scoring system and minimum criteria'"
)
_GAP = (
    "EU Gender Action Plan III (JOIN(2020) 17 final, 25 November 2020), which carries the "
    "Action Plan's gender commitment (1.1.i) into all external action"
)

# The DAC minimum criteria for a marker of 1 or 2, each with the rule codes whose finding means
# a priority does not meet it: a finding of one of these codes whose key path lies within the
# priority (`priorities[i]...`), or, for HRD203 (the strategy's gender analysis), anywhere in
# the file, since one analysis serves every priority. Monitoring and reporting: a format 2
# strategy reports on every indicator each year (progress files); what stands in the way is an
# indicator of the priority without a baseline or target to report against (HRD404).
# Format 2 only: format 1 has none of the fields HRD206 to HRD208 read, so they never run on it.
DAC_CRITERIA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gender analysis", ("HRD203",)),
    ("do no harm", ("HRD208",)),
    ("gender equality objective", ("HRD206",)),
    ("gender-specific indicator", ("HRD207",)),
    ("sex-disaggregated data", ("HRD204",)),
    ("monitoring and reporting", ("HRD404",)),
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
    fail=priorities(a_priority(block("gender", "marker: 0\n"))),
    ok=priorities(a_priority(block("gender", "marker: 1\n"))),
    open_point={
        "en": "no gender marker 1 or 2",
        "nl": "geen gendermarker 1 of 2",
    },
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
    fail=priorities(a_priority(block("gender", "marker: 1\n", "approach: Women too.\n"))),
    ok=priorities(
        a_priority(
            block(
                "gender",
                "marker: 1\n",
                "approach: |\n"
                "  Women sentenced to death were often convicted of killing an abusive partner;\n"
                "  dialogue and trial monitoring will cover gender-based violence as a mitigating\n"
                "  circumstance.\n",
            )
        )
    ),
    open_point={
        "en": "gender approach missing or too short",
        "nl": "genderaanpak ontbreekt of is te kort",
    },
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
    open_point={
        "en": "no gender analysis",
        "nl": "geen genderanalyse",
    },
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


# "Data and indicators are disaggregated by sex where applicable" (the Handbook): an indicator
# that counts laws, policies or institutions is not about people, and has no sex to break down.
# In a format 2 strategy an indicator is taken to be about people unless its kind is yes-no or
# text (a law passed, a mechanism in place), or it is a number or percent whose text counts one
# of NOT_PEOPLE: the name of what it counts is its text up to the first of PHRASE_ENDS (after a
# leading "number of", "share of", ...), and what it counts is that name's last word, not
# counting trailing words in -ed or -ing ("National action plans adopted": plans; "Women among
# members of Parliament": women; "District assembly members": members). Simple on purpose: when
# it cannot tell, it asks for sex, as before.
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text))


NOT_PEOPLE = _words(
    """
    law laws legislation bill bills by-law by-laws decree decrees regulation regulations
    policy policies plan plans strategy strategies budget budgets protocol protocols
    institution institutions mechanism mechanisms court courts tribunal tribunals
    ministry ministries agency agencies office offices commission commissions committee
    committees council councils parliament parliaments assembly assemblies municipality
    municipalities district districts
    """
)
PHRASE_ENDS = _words(
    """
    of in at on by with without for from to under among within between through against about
    per that which where who whose whom
    """
)
_LEADING = _words("number share percentage percent proportion total of the a an")


def about_people(indicator: dict[Any, Any]) -> bool:
    """Whether a format 2 indicator measures something about people, so that sex
    disaggregation applies to it (see NOT_PEOPLE)."""
    kind = indicator.get("kind")
    if kind in ("yes-no", "text"):
        return False
    text = indicator.get("text")
    if kind not in ("number", "percent") or not isinstance(text, str):
        return True  # unknown: HRD003's or HRD401's to report; ask for sex, as before
    words = _WORD.findall(text.lower())
    while words and words[0] in _LEADING:
        words.pop(0)
    name: list[str] = []
    for word in words:
        if word in PHRASE_ENDS:
            break
        name.append(word)
    while name and name[-1].endswith(("ed", "ing")):
        name.pop()
    return not name or name[-1] not in NOT_PEOPLE


@rule(
    "HRD204",
    "no-sex-disaggregation",
    Severity.WARNING,
    "A priority with gender marker 1 or 2 has no indicator disaggregated by sex.",
    why=f"""
        {_INTRODUCTION} A priority marked gender-responsive must be able to show results for
        women and men separately; Action Plan 5.2.a asks for a monitoring framework, and an
        indicator that is not broken down by sex cannot show them. The {_HANDBOOK} makes it a
        minimum criterion of a marker of 1 or 2: 'data and indicators are disaggregated by sex
        where applicable'. In format 2 it applies where an indicator is about people: not to
        one that counts laws, policies or institutions.""",
    fail=priorities(
        a_priority(
            block("gender", "marker: 1\n"),
            block("indicators", edit(_DISAGGREGATED, "sex, age", "age")),
        )
    ),
    ok=priorities(a_priority(block("gender", "marker: 1\n"), block("indicators", _DISAGGREGATED))),
    open_point={
        "en": "no sex-disaggregated indicator",
        "nl": "geen naar geslacht uitgesplitste indicator",
    },
)
def no_sex_disaggregation(ctx: Context) -> Iterator[Hit]:
    """Reports a priority with `gender.marker` 1 or 2 none of whose indicators lists `sex` in
    `disaggregation` (in any case), at its `indicators` key. A priority without indicators is
    reported by HRD403 instead; one with a placeholder disaggregation is left to HRD401.

    Format 2 applies the Handbook's "where applicable": only the indicators about people need
    sex, and a priority none of whose indicators is about people is not reported. An indicator
    is about people unless its kind is `yes-no` or `text`, or it is a `number` or `percent`
    whose text counts laws, bills, decrees, regulations, policies, plans, strategies, budgets,
    protocols, institutions, mechanisms, courts, tribunals, ministries, agencies, offices,
    commissions, committees, councils, parliaments, assemblies, municipalities or districts:
    the last word of its text before the first "of", "in", "with", "that", ... (leaving out a
    leading "number of", "share of", ... and trailing words in -ed or -ing). "Courts with a
    gender desk" and "National action plans adopted" count institutions and policies; "Women
    in parliament" and "District assembly members" count people."""
    measured = format_2(ctx)
    for path, priority in ctx.priorities():
        marker = ctx.marker(priority)
        if marker not in (1, 2):
            continue
        indicators = list(ctx.items(priority, "indicators"))
        if not indicators:
            continue
        if measured:
            indicators = [(i, indicator) for i, indicator in indicators if about_people(indicator)]
            if not indicators:
                continue  # nothing to break down by sex
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
        people = " about people" if measured else ""
        yield Hit(
            (*path, "indicators"),
            f"{priority_name(path, priority)} has gender marker {marker} but none of its "
            f"{len(indicators)} indicator(s){people} is disaggregated by sex: add `sex` to a "
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
    fail=priorities(a_priority(block("gender", "marker: 1\n"))),
    ok=priorities(a_priority(block("gender", "marker: 2\n"))),
    needs_catalogue=True,
    open_point={
        "en": "no priority with gender equality as its principal objective",
        "nl": "geen prioriteit met gendergelijkheid als hoofddoel",
    },
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


# -- format 2: the DAC minimum criteria and GAP III ----------------------------------------------


def _targeted(ctx: Context, *markers: int) -> Iterator[tuple[KeyPath, dict[Any, Any], Any]]:
    """Each priority of a format 2 strategy whose gender marker is one of `markers` and whose
    `gender:` is a mapping, with its key path and its marker."""
    if not format_2(ctx):
        return
    for path, priority in ctx.priorities():
        marker = ctx.marker(priority)
        if marker in markers and isinstance(priority.get("gender"), dict):
            yield path, priority, marker


@rule(
    "HRD206",
    "gender-objective-missing",
    Severity.ERROR,
    "A priority with gender marker 1 or 2 has no `gender.objective` (format 2).",
    why=f"""
        {_INTRODUCTION} The {_HANDBOOK}, makes it a minimum criterion of a marker of 1
        (significant) or 2 (principal): 'at least one explicit gender equality objective
        backed by at least one gender-specific indicator'. An approach says how a priority
        takes gender into account; the objective says what it will change for gender
        equality, and is what its results are measured against.""",
    fail=district_assemblies(objective=None),
    ok=district_assemblies(),
    open_point={
        "en": "no gender equality objective",
        "nl": "geen doelstelling voor gendergelijkheid",
    },
)
def gender_objective_missing(ctx: Context) -> Iterator[Hit]:
    """Reports a priority of a format 2 strategy with `gender.marker` 1 or 2 whose `gender:`
    has no `objective` (at the `gender` key) or an empty one (at it). A placeholder is
    reported by HRD401 alone."""
    for path, priority, marker in _targeted(ctx, 1, 2):
        name = priority_name(path, priority)
        yield from require(
            priority["gender"],
            "objective",
            at=(*path, "gender"),
            missing_key=True,
            missing=f"{name} has gender marker {marker} but no gender equality objective: add "
            "`objective:` under `gender:`, what it will change for gender equality",
            empty=f"{name} has an empty gender equality objective: say what it will change "
            "for gender equality",
        )


def _gender_specific(indicator: dict[Any, Any]) -> bool | None:
    """An indicator's `gender_specific` (False when absent); None when it is not a boolean
    (HRD003's to report)."""
    value = indicator.get("gender_specific", False)
    return value if isinstance(value, bool) else None


@rule(
    "HRD207",
    "no-gender-specific-indicator",
    Severity.ERROR,
    "A priority with gender marker 1 or 2 has no indicator `gender_specific: true` (format 2).",
    why=f"""
        {_INTRODUCTION} The {_HANDBOOK}, makes it a minimum criterion of a marker of 1 or 2:
        'at least one explicit gender equality objective backed by at least one
        gender-specific indicator'. An indicator disaggregated by sex shows who benefited; a
        gender-specific one measures the gender equality result itself (women elected,
        survivors served, a gap closed), so that it can be monitored and reported
        (Action Plan 5.2.a).""",
    fail=district_assemblies(specific=False),
    ok=district_assemblies(),
    open_point={
        "en": "no gender-specific indicator",
        "nl": "geen genderspecifieke indicator",
    },
)
def no_gender_specific_indicator(ctx: Context) -> Iterator[Hit]:
    """Reports a priority of a format 2 strategy with `gender.marker` 1 or 2 none of whose
    indicators says `gender_specific: true`, at its `indicators` key. A priority without
    indicators is reported by HRD403 instead; an indicator whose `gender_specific` is not
    true or false by HRD003; one whose text or kind is still a placeholder (a scaffold's) by
    HRD401, and the priority not until it is written."""
    for path, priority, marker in _targeted(ctx, 1, 2):
        indicators = [indicator for _, indicator in ctx.items(priority, "indicators")]
        if not indicators:
            continue
        if any(is_placeholder(i.get("text")) or is_placeholder(i.get("kind")) for i in indicators):
            continue  # an indicator still to be written (a scaffold's): HRD401's to report
        flags = [_gender_specific(indicator) for indicator in indicators]
        if any(flag is not False for flag in flags):
            continue  # one is gender-specific, or one's flag is the schema's to report
        yield Hit(
            (*path, "indicators"),
            f"{priority_name(path, priority)} has gender marker {marker} but none of its "
            f"{len(indicators)} indicator(s) measures a gender equality result: mark the one "
            "that does `gender_specific: true`, or add one",
            key=True,
        )


@rule(
    "HRD208",
    "do-no-harm-missing",
    Severity.ERROR,
    "A priority with gender marker 1 or 2 has no `gender.do_no_harm` (format 2).",
    why=f"""
        {_INTRODUCTION} The {_HANDBOOK}: 'a gender analysis and a "do no harm" approach' are
        needed for every activity, 'to ensure at minimum that the project/programme does not
        perpetuate or exacerbate gender inequalities'; for a marker of 1 or 2 the findings of
        the gender analysis inform the design with a 'do no harm' approach. Say which risks
        the priority could create for women, girls and LGBTI persons (backlash, exposure,
        extra unpaid work) and how they are avoided.""",
    fail=district_assemblies(do_no_harm=None),
    ok=district_assemblies(),
    open_point={
        "en": "do no harm not yet described",
        "nl": "geen schade berokkenen nog niet beschreven",
    },
)
def do_no_harm_missing(ctx: Context) -> Iterator[Hit]:
    """Reports a priority of a format 2 strategy with `gender.marker` 1 or 2 whose `gender:`
    has no `do_no_harm` (at the `gender` key) or an empty one (at it). A placeholder is
    reported by HRD401 alone."""
    for path, priority, marker in _targeted(ctx, 1, 2):
        name = priority_name(path, priority)
        yield from require(
            priority["gender"],
            "do_no_harm",
            at=(*path, "gender"),
            missing_key=True,
            missing=f"{name} has gender marker {marker} but no do-no-harm: add `do_no_harm:` "
            "under `gender:`, the risks it could create for women, girls and LGBTI persons "
            "and how they are avoided",
            empty=f"{name} has an empty do-no-harm: say which risks it could create for women, "
            "girls and LGBTI persons and how they are avoided",
        )


# How a gender objective says that gender equality is the main objective (HRD209), in the
# languages strategies are written in: the DAC definition's words ("main objective", "would not
# have been undertaken without"), their usual synonyms, and Dutch ("hoofddoel", "voornaamste
# doel", "belangrijkste doel"). A test of words, not of meaning: it asks the author to say it.
MAIN_OBJECTIVE = re.compile(
    r"\b(?:main|principal|primary)\s+(?:objective|aim|goal|purpose)\b"
    r"|\bwould\s+not\s+(?:have\s+been|be)\s+undertaken\s+without\b"
    r"|\bhoofddoel(?:stelling)?\b"
    r"|\b(?:voornaamste|belangrijkste)\s+doel(?:stelling)?\b",
    re.IGNORECASE,
)


@rule(
    "HRD209",
    "principal-not-main-objective",
    Severity.WARNING,
    "Gender marker 2 on a priority whose objective is not about gender equality, and whose "
    "gender objective does not say it is the main objective (format 2).",
    why=f"""
        {_INTRODUCTION} The {_HANDBOOK}: a marker of 2 (principal) means 'gender equality is
        the main objective of the project/programme and is fundamental in its design and
        expected results. The project/programme would not have been undertaken without this
        gender equality objective.' A priority under an objective the catalogue does not mark
        as about gender equality can still be principal, but the strategy should say so; if
        it is not, marker 1 is the right score: 'a principal score is not by definition
        better than a significant score'.""",
    fail=district_assemblies(marker=2, code="2.2.b"),
    ok=district_assemblies(
        marker=2,
        code="2.2.b",
        objective="Gender equality is the main objective: more women stand for, and win, "
        "seats in the 2023 district level elections.",
    ),
    needs_catalogue=True,
    open_point={
        "en": "gender marker 2, but gender equality is not said to be the main objective",
        "nl": "gendermarker 2, maar gendergelijkheid wordt niet als hoofddoel genoemd",
    },
)
def principal_not_main_objective(ctx: Context) -> Iterator[Hit]:
    """Reports, at its marker, a priority of a format 2 strategy with `gender.marker` 2 whose
    catalogue objective is not marked as about gender equality and whose `gender.objective`
    does not say that gender equality is the main objective: none of the words "main
    objective" (or "principal", "primary" with "objective", "aim", "goal", "purpose"), "would
    not have been undertaken without", or in Dutch "hoofddoel", "voornaamste doel",
    "belangrijkste doel". A warning asking to confirm: say it in the gender objective, or use
    marker 1. Not reported for an unknown objective (HRD101) or while the gender objective is
    missing (HRD206) or a placeholder (HRD401)."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    for path, priority, _ in _targeted(ctx, 2):
        code = ctx.objective_code(priority)
        objective = catalogue.objective(code) if code is not None else None
        if objective is None or objective.gender_equality:
            continue
        said = priority["gender"].get("objective")
        if not isinstance(said, str) or is_blank(said) or is_placeholder(said):
            continue
        if MAIN_OBJECTIVE.search(said):
            continue
        yield Hit(
            (*path, "gender", "marker"),
            f"{priority_name(path, priority)} has gender marker 2 (principal), but objective "
            f"{code} is not about gender equality and its gender objective does not say that "
            "gender equality is the main objective: confirm it there ('Gender equality is the "
            "main objective: ...') or use marker 1 (significant), which is not a lesser score",
        )


def _areas(ctx: Context) -> str:
    plan = ctx.catalogue.gender_plan if ctx.catalogue is not None else None
    return ", ".join(area.id for area in plan.areas) if plan is not None else ""


@rule(
    "HRD210",
    "principal-without-gap-area",
    Severity.WARNING,
    "A priority with gender marker 2 names no GAP III thematic area in `gender.gap` (format 2).",
    why=f"""
        The {_GAP}, steps up action in its 'key thematic areas of engagement' (freedom from
        gender-based violence; sexual and reproductive health and rights; economic and social
        rights and empowerment; equal participation and leadership; women, peace and security;
        the green and digital transformations), which delegations select for their
        country-level implementation plans. A priority whose main objective is gender equality
        should say which of them it serves, so that the EU's engagement can be counted per
        area. A warning, not an error: the areas are the EU's way of organising its
        engagement, not one of the DAC minimum criteria that make a marker of 2 valid.""",
    fail=district_assemblies(marker=2, gap=None),
    ok=district_assemblies(marker=2),
    open_point={
        "en": "gender marker 2 without a Gender Action Plan area",
        "nl": "gendermarker 2 zonder terrein van het genderactieplan",
    },
)
def principal_without_gap_area(ctx: Context) -> Iterator[Hit]:
    """Reports a priority of a format 2 strategy with `gender.marker` 2 whose `gender:` has no
    `gap` (at the `gender` key) or an empty one (at it); the message lists the areas of the
    pinned catalogue's gender plan when it has one. A placeholder is reported by HRD401
    alone."""
    areas = _areas(ctx)
    listed = f" (one or more of: {areas})" if areas else ""
    for path, priority, _ in _targeted(ctx, 2):
        name = priority_name(path, priority)
        yield from require(
            priority["gender"],
            "gap",
            at=(*path, "gender"),
            missing_key=True,
            missing=f"{name} has gender marker 2 but names no GAP III thematic area: add "
            f"`gap:` under `gender:`{listed}",
            empty=f"{name} has gender marker 2 but its `gap` names no GAP III thematic "
            f"area{listed}",
        )


@rule(
    "HRD211",
    "unknown-gap-area",
    Severity.ERROR,
    "An id in `gender.gap` is not a thematic area of the pinned catalogue's gender plan "
    "(format 2).",
    why=f"""
        The {_GAP}, names six thematic areas of engagement; the catalogue's gender plan gives
        them ids. An id that is not one of them is a typing error, and the priority's
        engagement would count for no area.""",
    fail=district_assemblies(marker=2, gap="[participaton]", catalogue="1.2.0"),
    ok=district_assemblies(marker=2, gap="[participation]", catalogue="1.2.0"),
    needs_catalogue=True,
    open_point={
        "en": "an area the Gender Action Plan does not have",
        "nl": "een terrein dat het genderactieplan niet kent",
    },
)
def unknown_gap_area(ctx: Context) -> Iterator[Hit]:
    """Reports, at it, each id in a priority's `gender.gap` (whatever its marker) that is not
    an area of the gender plan of the pinned catalogue, with the closest ids. Not checked
    against a catalogue without a gender plan (before eu-hrd-2020-2024 1.2.0); placeholders
    are reported by HRD401 alone."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    plan = catalogue.gender_plan
    if plan is None or not format_2(ctx):
        return
    for path, priority in ctx.priorities():
        gender = priority.get("gender")
        gap = gender.get("gap") if isinstance(gender, dict) else None
        if not isinstance(gap, list):
            continue
        for index, ident in enumerate(gap):
            if not isinstance(ident, str) or is_placeholder(ident) or plan.area(ident.strip()):
                continue
            if ctx.may_suggest("gender area"):
                hint = did_you_mean(plan.suggest(ident.strip().lower()))
            else:
                hint = ""
            known = "" if hint else f"; its areas: {_areas(ctx)}"
            yield Hit(
                (*path, "gender", "gap", index),
                f"GAP III area {quoted(ident)} is not in the gender plan of "
                f"{catalogue.id}@{catalogue.version}{hint}{known}",
            )
