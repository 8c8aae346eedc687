"""The gender rules of format 2 (HRD206 to HRD211: the OECD DAC marker's minimum criteria and
GAP III's thematic areas), HRD204's "where applicable", format 1 unaffected, and DAC_CRITERIA."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import Run
from lintutil import at, codes, only, overlay
from lintutil import lint as lint_all

from hrdplan.catalogue.registry import Registry
from hrdplan.findings import Finding, Severity
from hrdplan.lint.rules import RULE_BY_CODE
from hrdplan.lint.rules.gender import DAC_CRITERIA, about_people
from hrdplan.lint.runner import lint_text
from hrdplan.settings import Selection

GENDER_CATALOGUES = Path(__file__).parent / "fixtures" / "catalogues" / "gender"
GENDER_REGISTRY = Registry([GENDER_CATALOGUES])

# A small format 2 strategy that lints clean: every test below changes one thing in it.
BASE = """\
hrdplan: 2
catalogue: eu-hrd-2020-2024@1.1.1
country: KE
title: EU Human Rights and Democracy Country Strategy for Kenya 2021-2025
period: {start: 2021, end: 2025}
status: draft
classification: restricted
language: en
delegation: EU Delegation to Kenya
member_states: [DE, FR, NL]
consultations:
  - date: 2021-02-10
    participants: Kenyan human rights defenders' network, women's rights organisations
context: |
  Kenya's 2010 Constitution has a strong bill of rights; implementation lags behind.
gender_analysis: |
  Women hold fewer than a quarter of the seats in the National Assembly, short of the
  Constitution's two-thirds gender rule.
priorities:
  - id: P1
    objective: 2.2.a
    title: Women in public and political life
    gender:
      marker: 2
      approach: |
        Targets the barriers that keep women out of elected office: the cost of politics,
        violence against women candidates and party practices.
      objective: |
        More women elected to the National Assembly, towards the two-thirds gender rule.
      gap: [participation]
      do_no_harm: |
        Women candidates who speak out face online abuse; the programme funds a
        confidential reporting line and agrees a response protocol with the police.
    actions:
      - text: Advocate the two-thirds gender rule with Parliament and the parties
        instruments: [political-dialogue, public-diplomacy]
    indicators:
      - id: P1.1
        text: Women among members of the National Assembly
        kind: number
        direction: increase
        baseline: {value: 76, year: 2021}
        target: {value: 117, year: 2025}
        disaggregation: [sex, age]
        gender_specific: true
"""

OBJECTIVE = """\
      objective: |
        More women elected to the National Assembly, towards the two-thirds gender rule.
"""
GAP = "      gap: [participation]\n"
DO_NO_HARM = """\
      do_no_harm: |
        Women candidates who speak out face online abuse; the programme funds a
        confidential reporting line and agrees a response protocol with the police.
"""
INDICATOR = """\
      - id: P1.1
        text: Women among members of the National Assembly
        kind: number
        direction: increase
        baseline: {value: 76, year: 2021}
        target: {value: 117, year: 2025}
        disaggregation: [sex, age]
        gender_specific: true
"""


def edit(*changes: tuple[str, str], base: str = BASE) -> str:
    """The base with each (old, new) replaced once; an old text missing is a broken test."""
    text = base
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def lint(text: str) -> list[Finding]:
    """Lint as lintutil does, without HRD007: BASE pins 1.1.1 on purpose, a catalogue version
    without a gender plan, and HRD007 only says that a newer version exists."""
    return [f for f in lint_all(text) if f.code != "HRD007"]


def marker(value: int) -> tuple[str, str]:
    return ("marker: 2", f"marker: {value}")


def one(text: str, code: str, findings: list[Finding] | None = None) -> Finding:
    found = only(lint(text) if findings is None else findings, code)
    assert len(found) == 1, found
    return found[0]


def none_of(text: str, *rule_codes: str) -> None:
    found = [f for f in lint(text) if f.code in rule_codes]
    assert found == [], found


def pinned(text: str) -> str:
    """The strategy pinned to the fixture catalogue that carries a gender plan (gender-plan),
    with the objective and instruments it has."""
    text = text.replace("objective: 2.2.a", "objective: 1.1.b")
    text = text.replace("[political-dialogue, public-diplomacy]", "[political-dialogue]")
    return overlay(text, "catalogue: gender-plan@1.0.0\n")


def lint_gender_plan(text: str) -> list[Finding]:
    """Lint a strategy given as text with the fixture catalogues (see `pinned`)."""
    return lint_text(text, "s.yaml", GENDER_REGISTRY, Selection())


def test_pinned_base_is_clean() -> None:
    assert lint_gender_plan(pinned(BASE)) == []


def test_base_is_clean() -> None:
    assert lint(BASE) == []


# HRD206 gender-objective-missing


@pytest.mark.parametrize("value", [1, 2])
def test_gender_objective_missing(value: int) -> None:
    text = edit(marker(value), (OBJECTIVE, ""))
    finding = one(text, "HRD206")
    assert (finding.line, finding.column) == at(text, "gender:")
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        f"priority P1 has gender marker {value} but no gender equality objective: add "
        "`objective:` under `gender:`, what it will change for gender equality"
    )


def test_gender_objective_empty() -> None:
    text = edit((OBJECTIVE, '      objective: ""\n'))
    finding = one(text, "HRD206")
    assert (finding.line, finding.column) == at(text, '""', after="objective: ")
    assert "priority P1 has an empty gender equality objective" in finding.message


def test_gender_objective_placeholder_is_left_to_hrd401() -> None:
    text = edit((OBJECTIVE, '      objective: "TODO: the gender equality objective."\n'))
    assert "HRD401" in codes(lint(text))
    none_of(text, "HRD206", "HRD209")


def test_marker_zero_needs_no_gender_objective() -> None:
    text = edit(marker(0), (OBJECTIVE, ""), (DO_NO_HARM, ""), ("gender_specific: true", ""))
    assert "HRD201" in codes(lint(text))
    none_of(text, "HRD206", "HRD207", "HRD208")


def test_gender_objective_present_passes() -> None:
    none_of(BASE, "HRD206")
    none_of(edit(marker(1)), "HRD206")


# HRD207 no-gender-specific-indicator


@pytest.mark.parametrize("flag", ["gender_specific: false", ""])
def test_no_gender_specific_indicator(flag: str) -> None:
    text = edit(marker(1), ("gender_specific: true", flag))
    finding = one(text, "HRD207")
    assert (finding.line, finding.column) == at(text, "indicators:")
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "priority P1 has gender marker 1 but none of its 1 indicator(s) measures a gender "
        "equality result: mark the one that does `gender_specific: true`, or add one"
    )


def test_one_gender_specific_indicator_of_several_passes() -> None:
    second = INDICATOR.replace("P1.1", "P1.2").replace("gender_specific: true", "")
    text = edit((INDICATOR, second + INDICATOR))
    none_of(text, "HRD207")


def test_no_indicators_is_hrd403s() -> None:
    text = edit(("    indicators:\n" + INDICATOR, ""))
    assert "HRD403" in codes(lint(text))
    none_of(text, "HRD207", "HRD204")


def test_indicators_still_to_be_written_are_hrd401s() -> None:
    text = edit(
        ("gender_specific: true", ""),
        ("text: Women among members", 'text: "TODO: what is measured."\n        # members'),
    )
    assert "HRD401" in codes(lint(text))
    none_of(text, "HRD207")


def test_gender_specific_of_the_wrong_type_is_the_schemas() -> None:
    text = edit(("gender_specific: true", "gender_specific: often"))
    assert "HRD003" in codes(lint(text))
    none_of(text, "HRD207")


# HRD208 do-no-harm-missing


def test_do_no_harm_missing() -> None:
    text = edit(marker(1), (DO_NO_HARM, ""))
    finding = one(text, "HRD208")
    assert (finding.line, finding.column) == at(text, "gender:")
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("priority P1 has gender marker 1 but no do-no-harm: add")


def test_do_no_harm_empty() -> None:
    text = edit((DO_NO_HARM, "      do_no_harm:\n"))
    finding = one(text, "HRD208")
    assert (finding.line, finding.column) == at(text, "do_no_harm:")  # null: at its key
    assert "priority P1 has an empty do-no-harm" in finding.message


# HRD209 principal-not-main-objective

NOT_GENDER = ("objective: 2.2.a", "objective: 2.2.b")  # party systems: not a gender objective


def test_principal_not_main_objective() -> None:
    text = edit(NOT_GENDER)
    finding = one(text, "HRD209")
    assert (finding.line, finding.column) == at(text, "2", after="marker: ")
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith(
        "priority P1 has gender marker 2 (principal), but objective 2.2.b is not about gender "
        "equality and its gender objective does not say that gender equality is the main "
        "objective: confirm it there"
    )
    assert "or use marker 1 (significant), which is not a lesser score" in finding.message


@pytest.mark.parametrize(
    "said",
    [
        "Gender equality is the main objective: more women elected.",
        "Its principal aim is more women elected.",
        "The action would not have been undertaken without this gender equality objective.",
        "Hoofddoel: meer vrouwen verkozen.",
        "Het voornaamste doel is dat meer vrouwen worden verkozen.",
    ],
)
def test_principal_saying_so_passes(said: str) -> None:
    text = edit(NOT_GENDER, (OBJECTIVE, f"      objective: {said}\n"))
    none_of(text, "HRD209")


def test_principal_on_a_gender_objective_or_significant_passes() -> None:
    none_of(BASE, "HRD209")  # 2.2.a is about gender equality
    none_of(edit(NOT_GENDER, marker(1)), "HRD209")


def test_principal_without_gender_objective_is_hrd206s_alone() -> None:
    text = edit(NOT_GENDER, (OBJECTIVE, ""))
    assert "HRD206" in codes(lint(text))
    none_of(text, "HRD209")


def test_principal_on_an_unknown_objective_is_hrd101s_alone() -> None:
    text = edit(("objective: 2.2.a", "objective: 2.2.z"))
    assert "HRD101" in codes(lint(text))
    none_of(text, "HRD209")


def test_principal_in_an_own_catalogue_reads_its_gender_flags() -> None:
    # gender-plan: 1.1.b is about gender equality, 2.1.a is not.
    assert "HRD209" not in codes(lint_gender_plan(pinned(BASE)))
    text = pinned(BASE).replace("objective: 1.1.b", "objective: 2.1.a")
    assert "HRD209" in codes(lint_gender_plan(text))


# HRD210 principal-without-gap-area


def test_principal_without_gap_area() -> None:
    text = edit((GAP, ""))
    finding = one(text, "HRD210")
    assert (finding.line, finding.column) == at(text, "gender:")
    assert finding.severity is Severity.WARNING
    # eu-hrd-2020-2024@1.1.1 carries no gender plan: no ids to list
    assert finding.message == (
        "priority P1 has gender marker 2 but names no GAP III thematic area: add `gap:` under "
        "`gender:`"
    )


def test_principal_with_empty_gap_lists_the_plans_areas() -> None:
    text = pinned(edit((GAP, "      gap: []\n")))
    finding = one(text, "HRD210", lint_gender_plan(text))
    assert (finding.line, finding.column) == at(text, "[]", after="gap: ")
    assert finding.message == (
        "priority P1 has gender marker 2 but its `gap` names no GAP III thematic area (one or "
        "more of: gbv, srhr, economic-social, participation, wps, green-digital)"
    )


def test_significant_without_gap_area_passes() -> None:
    none_of(edit(marker(1), (GAP, "")), "HRD210")


# HRD211 unknown-gap-area


def test_unknown_gap_area_with_suggestion() -> None:
    text = pinned(edit((GAP, "      gap: [participation, gvb]\n")))
    finding = one(text, "HRD211", lint_gender_plan(text))
    assert (finding.line, finding.column) == at(text, "gvb")
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "GAP III area 'gvb' is not in the gender plan of gender-plan@1.0.0; did you mean gbv?"
    )


def test_unknown_gap_area_in_capitals_is_suggested_in_lower_case() -> None:
    text = pinned(edit((GAP, "      gap: [WPS]\n")))
    assert one(text, "HRD211", lint_gender_plan(text)).message.endswith("did you mean wps?")


def test_unknown_gap_area_without_suggestion_lists_the_areas() -> None:
    text = pinned(edit(marker(1), (GAP, "      gap: [climate]\n")))  # checked whatever the marker
    assert one(text, "HRD211", lint_gender_plan(text)).message == (
        "GAP III area 'climate' is not in the gender plan of gender-plan@1.0.0; its areas: "
        "gbv, srhr, economic-social, participation, wps, green-digital"
    )


def test_known_gap_areas_pass() -> None:
    text = pinned(edit((GAP, "      gap: [participation, gbv, ' wps ']\n")))
    assert "HRD211" not in codes(lint_gender_plan(text))


def test_gap_areas_are_not_checked_without_a_gender_plan() -> None:
    none_of(edit((GAP, "      gap: [climate]\n")), "HRD211")  # 1.1.1 has no gender plan


def test_unknown_gap_area_from_the_command_line(run: Run, tmp_path: Path) -> None:
    # An organisation's catalogue with a gender plan, found through hrdplan.toml.
    shutil.copytree(GENDER_CATALOGUES, tmp_path / "own-catalogues")
    (tmp_path / "hrdplan.toml").write_text('catalogue-dirs = ["own-catalogues"]\n', "utf-8")
    text = pinned(edit((GAP, "      gap: [gvb]\n")))
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    result = run("lint", "s.yaml")
    assert result.code == 1, result
    line, column = at(text, "gvb")
    assert (
        f"s.yaml:{line}:{column}: HRD211 GAP III area 'gvb' is not in the gender plan of "
        "gender-plan@1.0.0; did you mean gbv?\n"
    ) in result.stdout
    assert "Found 1 error in 1 file" in result.stdout


# HRD204 no-sex-disaggregation: "where applicable"


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("yes-no", "Affirmative Action Bill passed by Parliament"),
        ("text", "A national mechanism for the safety of journalists"),
        ("number", "Laws amended to comply with CEDAW"),
        ("number", "Number of national action plans adopted"),
        ("number", "Regional offices of the commission registering complaints"),
        ("percent", "Share of courts with a gender desk"),
        ("number", "Districts in the north where a by-law against child marriage is in force"),
        ("number", "Domestic violence law adopted"),
    ],
)
def test_indicators_not_about_people(kind: str, text: str) -> None:
    assert not about_people({"kind": kind, "text": text})


@pytest.mark.parametrize(
    "text",
    [
        "Women among members of Parliament",
        "Share of elected district assembly members who are women",
        "Women judges in the High Court",
        "Survivors of gender-based violence receiving services",
        "Parliament seats held by women",
        "Cases in specialised courts decided within 12 months",
    ],
)
def test_indicators_about_people(text: str) -> None:
    assert about_people({"kind": "number", "text": text})


LAW = """\
      - id: P1.2
        text: Laws amended to remove discrimination against women
        kind: number
        direction: increase
        baseline: {value: 0, year: 2021}
        target: {value: 3, year: 2025}
        gender_specific: true
"""
BILL = """\
      - id: P1.3
        text: Two-thirds gender rule bill passed by the National Assembly
        kind: yes-no
        direction: increase
        baseline: {value: false, year: 2021}
        target: {value: true, year: 2025}
"""


def test_priority_whose_indicators_are_not_about_people_needs_no_sex() -> None:
    text = edit((INDICATOR, LAW + BILL))
    assert lint(text) == []


def test_an_indicator_about_people_still_needs_sex() -> None:
    people = INDICATOR.replace("[sex, age]", "[age]")
    text = edit((INDICATOR, people + LAW + BILL))
    finding = one(text, "HRD204")
    assert (finding.line, finding.column) == at(text, "indicators:")
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "priority P1 has gender marker 2 but none of its 1 indicator(s) about people is "
        "disaggregated by sex: add `sex` to a `disaggregation`"
    )


# Format 1 keeps exactly today's findings

FORMAT_1 = """\
hrdplan: 1
catalogue: eu-hrd-2020-2024@1.1.1
country: KE
title: EU Human Rights and Democracy Country Strategy for Kenya 2021-2025
period: {start: 2021, end: 2025}
status: draft
classification: restricted
language: en
delegation: EU Delegation to Kenya
member_states: [DE, FR, NL]
consultations:
  - date: 2021-02-10
    participants: Kenyan human rights defenders' network, women's rights organisations
context: |
  Kenya's 2010 Constitution has a strong bill of rights; implementation lags behind.
gender_analysis: |
  Women hold fewer than a quarter of the seats in the National Assembly, short of the
  Constitution's two-thirds gender rule.
priorities:
  - id: P1
    objective: 2.2.a
    title: Women in public and political life
    gender:
      marker: 1
      approach: Women candidates face higher costs; parity rules.
    actions:
      - text: Advocate inclusive candidate selection with the parties
        instruments: [political-dialogue]
    indicators:
      - text: Women among members of the National Assembly
        baseline: 76 of 349 (2021)
        target: 117 of 349 (2025)
        disaggregation: [sex, age]
"""


def test_format_1_is_told_of_format_2_and_nothing_else() -> None:
    assert codes(lint(FORMAT_1)) == ["HRD008"]
    principal = FORMAT_1.replace("marker: 1", "marker: 2").replace("2.2.a", "2.2.b")
    assert codes(lint(principal)) == ["HRD008"]  # HRD209 reads format 2 only


def test_format_1_laws_still_need_sex() -> None:
    # "where applicable" reads format 2's kinds: format 1's HRD204 is as it was.
    text = FORMAT_1.replace("Women among members of the National Assembly", "Laws amended")
    text = text.replace("[sex, age]", "[age]")
    finding = one(text, "HRD204")
    assert finding.message == (
        "priority P1 has gender marker 1 but none of its 1 indicator(s) is disaggregated by "
        "sex: add `sex` to a `disaggregation`"
    )


# What the old checks let through


OLD_PASS = """\
  - id: P1
    objective: 2.2.a
    title: Women in public and political life
    gender:
      marker: 1
      approach: Women candidates face higher costs; parity rules.
    actions:
      - text: Advocate inclusive candidate selection with the parties
        instruments: [political-dialogue]
    indicators:
      - id: P1.1
        text: Members of the National Assembly
        kind: number
        direction: maintain
        baseline: {value: 349, year: 2021}
        target: {value: 349, year: 2025}
        disaggregation: [sex, age]
"""


def test_what_passed_the_old_checks_fails_the_dac_criteria() -> None:
    # Marker 1, an approach of 40 characters and more, a sex-disaggregated indicator: the old
    # checks (HRD201 to HRD204) pass it, in format 1 as in format 2.
    approach = "Women candidates face higher costs; parity rules."
    assert len(approach) >= 40
    assert codes(lint(FORMAT_1)) == ["HRD008"]
    text = overlay(BASE, "priorities:\n" + OLD_PASS)
    findings = lint(text)
    assert not {"HRD201", "HRD202", "HRD203", "HRD204"} & set(codes(findings))
    # Nothing says what it will change for gender equality, what harm it could do, or how
    # a gender equality result would be measured (an indicator disaggregated by sex is not
    # one): three of the DAC minimum criteria are not met.
    assert [(f.code, f.line) for f in findings] == [
        ("HRD206", at(text, "gender:")[0]),
        ("HRD208", at(text, "gender:")[0]),
        ("HRD207", at(text, "indicators:")[0]),
    ]


# DAC_CRITERIA


def test_dac_criteria_name_each_minimum_criterion_with_existing_rules() -> None:
    names = [name for name, _ in DAC_CRITERIA]
    assert names == [
        "gender analysis",
        "do no harm",
        "gender equality objective",
        "gender-specific indicator",
        "sex-disaggregated data",
        "monitoring and reporting",
    ]
    for _, rule_codes in DAC_CRITERIA:
        assert rule_codes and all(code in RULE_BY_CODE for code in rule_codes)
    assert dict(DAC_CRITERIA)["gender equality objective"] == ("HRD206",)


# Documentation: the sources


@pytest.mark.parametrize("code", ["HRD204", "HRD206", "HRD207", "HRD208", "HRD209"])
def test_dac_rules_cite_the_handbook(code: str) -> None:
    why = " ".join(RULE_BY_CODE[code].why.split())
    assert "Handbook on the OECD-DAC Gender Equality Policy Marker" in why
    assert "December 2016" in why and "section III" in why


@pytest.mark.parametrize("code", ["HRD210", "HRD211"])
def test_gap_rules_cite_gap_iii(code: str) -> None:
    why = " ".join(RULE_BY_CODE[code].why.split())
    assert "Gender Action Plan III (JOIN(2020) 17 final, 25 November 2020)" in why


def test_rule_command_explains_a_dac_rule(run: Run) -> None:
    result = run("rule", "HRD209")
    assert result.code == 0, result
    out = " ".join(result.stdout.split())
    assert "a principal score is not by definition better than a significant score" in out
    assert "Gender equality is the main objective" in out  # the passing example
