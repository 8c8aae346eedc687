"""The lint rules: each rule's own examples, then each rule on a small strategy, positions
included; the examples lint clean; one problem gets one finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lintutil import at, codes, drop, lint, only, overlay

from hrdplan.catalogue.registry import Registry
from hrdplan.findings import Finding, Severity
from hrdplan.lint.rule import Rule
from hrdplan.lint.rules import RULE_BY_CODE, RULES
from hrdplan.lint.runner import lint_text
from hrdplan.settings import Selection

NEWEST = Registry().newest("eu-hrd-2020-2024").version

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GHANA = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")

# A small strategy that lints clean: every test below changes one thing in it.
BASE = """\
hrdplan: 1
catalogue: eu-hrd-2020-2024@1.2.0
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
    actions:
      - text: Advocate the two-thirds gender rule with Parliament and the parties
        instruments: [political-dialogue, public-diplomacy]
    indicators:
      - text: Women among members of the National Assembly
        baseline: 76 of 349 (2021)
        target: 117 of 349 (2025)
        disaggregation: [sex, age]
"""

GENDER = """\
    gender:
      marker: 2
      approach: |
        Targets the barriers that keep women out of elected office: the cost of politics,
        violence against women candidates and party practices.
"""
ACTIONS = """\
    actions:
      - text: Advocate the two-thirds gender rule with Parliament and the parties
        instruments: [political-dialogue, public-diplomacy]
"""
INDICATORS = """\
    indicators:
      - text: Women among members of the National Assembly
        baseline: 76 of 349 (2021)
        target: 117 of 349 (2025)
        disaggregation: [sex, age]
"""


def priority(
    pid: str = "P1",
    objective: str = "2.2.a",
    *,
    gender: str | None = GENDER,
    actions: str | None = ACTIONS,
    indicators: str | None = INDICATORS,
) -> str:
    """One priority as a list item; a part given as None is left out."""
    head = f"  - id: {pid}\n    objective: {objective}\n    title: A priority\n"
    return head + "".join(part for part in (gender, actions, indicators) if part)


def with_priorities(*items: str, base: str = BASE) -> str:
    return overlay(base, "priorities:\n" + "".join(items))


def one(text: str, code: str) -> tuple[int, int, Severity, str]:
    """The one finding of this code: line, column, severity, message."""
    found = only(lint(text), code)
    assert len(found) == 1, found
    finding = found[0]
    return finding.line, finding.column, finding.severity, finding.message


def none_of(text: str, *rule_codes: str) -> None:
    found = [f for f in lint(text) if f.code in rule_codes]
    assert found == [], found


def test_base_is_clean() -> None:
    # Format 1: told about format 2 (HRD008, information), and nothing else.
    assert codes(lint(BASE)) == ["HRD008"]
    assert codes(lint(with_priorities(priority()))) == ["HRD008"]


# -- (1) every rule's own examples, laid over the Ghana example --------------------------------


# Progress files' rules, and HRD513 (which looks for a strategy's progress files on disk),
# run their examples over the format 2 fixtures (tests/test_lint_progress.py); HRD601 (which
# compares with the file at a Git revision) in a repository (tests/test_changes_rule.py).
GHANA_RULES = [r for r in RULES if "strategy" in r.kinds and r.code not in ("HRD513", "HRD601")]


@pytest.mark.parametrize("rule", GHANA_RULES, ids=lambda r: r.code)
def test_rule_examples(rule: Rule) -> None:
    assert rule.fail.strip() and rule.ok.strip()
    assert rule.code in codes(lint(overlay(GHANA, rule.fail))), rule.fail
    assert rule.code not in codes(lint(overlay(GHANA, rule.ok))), lint(overlay(GHANA, rule.ok))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.summary and rule.explanation and rule.why
    if rule.code >= "HRD100":
        why = " ".join(rule.why.split())
        assert "Action Plan" in why or "conclusions" in why


def test_registry_is_in_code_order() -> None:
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)
    assert len(RULE_BY_CODE) == len(RULES) == 52


def test_overlay_replaces_whole_blocks() -> None:
    text = overlay(BASE, "priorities: []\ncountry: GH\n")
    assert "objective: 2.2.a" not in text
    assert "country: KE" not in text
    assert text.endswith("priorities: []\ncountry: GH\n")
    assert "context: |" in text and "Kenya's 2010" in text


# -- (2) each rule on a small strategy ----------------------------------------------------------

# HRD007 outdated-catalogue


def test_outdated_catalogue() -> None:
    text = overlay(BASE, "catalogue: eu-hrd-2020-2024@1.0.0\n")
    line, column, severity, message = one(text, "HRD007")
    assert (line, column) == at(text, "eu-hrd-2020-2024@1.0.0", after="catalogue: ")
    assert severity is Severity.INFO
    assert message == (
        "eu-hrd-2020-2024@1.2.0 is the newest version of this catalogue; "
        "`hrdplan migrate s.yaml` re-pins the strategy to it"
    )


def test_newest_catalogue_passes() -> None:
    none_of(BASE, "HRD007")
    none_of(overlay(BASE, "catalogue: eu-hrd-2020-2024@9.9.9\n"), "HRD007")  # HRD005's


# HRD101 unknown-objective


def test_unknown_objective() -> None:
    text = with_priorities(priority(objective="1.1.z"))
    line, column, severity, message = one(text, "HRD101")
    assert (line, column) == at(text, "1.1.z", after="objective: ")
    assert severity is Severity.ERROR
    assert "objective '1.1.z' is not in eu-hrd-2020-2024@1.2.0; did you mean 1.1." in message


def test_unknown_objective_section_code() -> None:
    text = with_priorities(priority(objective="'1.3'"))
    line, column, _, message = one(text, "HRD101")
    assert (line, column) == at(text, "'1.3'", after="objective: ")
    assert "'1.3' is a section" in message and "1.3.a" in message


def test_known_objective_passes() -> None:
    none_of(with_priorities(priority(objective="1.1.a")), "HRD101", "HRD102")


# HRD102 objective-not-selectable


def test_objective_not_selectable() -> None:
    text = with_priorities(priority(), priority("P2", "5.2.h"))
    line, column, severity, message = one(text, "HRD102")
    assert (line, column) == at(text, "5.2.h", after="objective: ")
    assert severity is Severity.ERROR
    assert "5.2.h" in message and "monitoring milestone" in message
    assert "Consultation with civil society" in message
    assert "HRD101" not in codes(lint(text))


# HRD103 duplicate-objective


def test_duplicate_objective() -> None:
    text = with_priorities(priority(), priority("P2"))
    line, column, severity, message = one(text, "HRD103")
    assert (line, column) == at(text, "2.2.a", after="objective: ", occurrence=2)
    assert severity is Severity.WARNING
    assert message == "objective 2.2.a is already selected by priority P1"


def test_different_objectives_pass() -> None:
    none_of(with_priorities(priority(), priority("P2", "2.1.a")), "HRD103")


# HRD104 duplicate-priority-id


def test_duplicate_priority_id() -> None:
    text = with_priorities(priority(), priority("P1", "2.1.a"))
    line, column, severity, message = one(text, "HRD104")
    assert (line, column) == at(text, "P1", after="- id: ", occurrence=2)
    assert severity is Severity.ERROR
    assert "priority id 'P1' is already used by priorities[0]" in message


def test_distinct_priority_ids_pass() -> None:
    none_of(with_priorities(priority(), priority("P2", "2.1.a")), "HRD104")


# HRD105 unknown-instrument


def test_unknown_instrument() -> None:
    actions = """\
    actions:
      - text: Advocate the two-thirds gender rule
        instruments: [political-dialogue, publc-diplomacy]
"""
    text = with_priorities(priority(actions=actions))
    line, column, severity, message = one(text, "HRD105")
    assert (line, column) == at(text, "publc-diplomacy")
    assert severity is Severity.ERROR
    assert message == (
        "instrument 'publc-diplomacy' is not in eu-hrd-2020-2024@1.2.0; "
        "did you mean public-diplomacy?"
    )


# HRD201 not-gender-responsive


def test_marker_zero() -> None:
    gender = "    gender:\n      marker: 0\n      approach: " + "x" * 50 + "\n"
    text = with_priorities(priority(gender=gender))
    line, column, severity, message = one(text, "HRD201")
    assert (line, column) == at(text, "0", after="marker: ")
    assert severity is Severity.ERROR
    assert "priority P1 has gender marker 0 (not targeted)" in message


def test_no_gender_at_all() -> None:
    text = with_priorities(priority(), priority("P2", "2.1.a", gender=None))
    line, column, _, message = one(text, "HRD201")
    assert (line, column) == at(text, "id: P2")  # the priority itself
    assert "priority P2 has no gender marker" in message
    none_of(text, "HRD202")  # one problem: the missing `gender:`


def test_gender_without_marker() -> None:
    gender = "    gender:\n      approach: " + "x" * 50 + "\n"
    text = with_priorities(priority(gender=gender))
    line, column, _, message = one(text, "HRD201")
    assert (line, column) == at(text, "gender:")
    assert "has no gender marker" in message


def test_marker_one_passes() -> None:
    gender = "    gender:\n      marker: 1\n      approach: " + "x" * 50 + "\n"
    none_of(with_priorities(priority(gender=gender)), "HRD201")


# HRD202 gender-approach-missing


def test_gender_approach_too_short() -> None:
    gender = "    gender:\n      marker: 2\n      approach: Women too.\n"
    text = with_priorities(priority(gender=gender))
    line, column, severity, message = one(text, "HRD202")
    assert (line, column) == at(text, "Women too.")
    assert severity is Severity.ERROR
    assert "gender approach of priority P1 is too short (10 characters, at least 40)" in message


def test_gender_approach_missing() -> None:
    text = with_priorities(priority(gender="    gender:\n      marker: 2\n"))
    line, column, _, message = one(text, "HRD202")
    assert (line, column) == at(text, "gender:")
    assert "priority P1 has no gender approach" in message


def test_gender_approach_empty() -> None:
    text = with_priorities(priority(gender='    gender:\n      marker: 2\n      approach: ""\n'))
    line, column, _, message = one(text, "HRD202")
    assert (line, column) == at(text, '""', after="approach: ")
    assert "empty gender approach" in message


def test_gender_approach_of_forty_characters_passes() -> None:
    gender = "    gender:\n      marker: 2\n      approach: '  " + "x" * 40 + "  '\n"
    none_of(with_priorities(priority(gender=gender)), "HRD202")


# HRD203 gender-analysis-missing


def test_gender_analysis_missing() -> None:
    text = drop(BASE, "gender_analysis")
    line, column, severity, message = one(text, "HRD203")
    assert (line, column) == (1, 1)
    assert severity is Severity.ERROR
    assert "no `gender_analysis:`" in message


def test_gender_analysis_empty() -> None:
    text = overlay(BASE, "gender_analysis:   \n")
    line, column, _, message = one(text, "HRD203")
    assert (line, column) == at(text, "gender_analysis:")  # a null value: at its key
    assert "`gender_analysis` is empty" in message


# HRD204 no-sex-disaggregation


def test_no_sex_disaggregation() -> None:
    indicators = INDICATORS.replace("[sex, age]", "[age, region]")
    text = with_priorities(priority(indicators=indicators))
    line, column, severity, message = one(text, "HRD204")
    assert (line, column) == at(text, "indicators:")
    assert severity is Severity.WARNING
    assert "priority P1 has gender marker 2 but none of its 1 indicator(s)" in message


def test_sex_disaggregation_any_case_passes() -> None:
    indicators = INDICATORS.replace("[sex, age]", "[age, Sex]")
    none_of(with_priorities(priority(indicators=indicators)), "HRD204")


def test_no_indicators_is_not_a_disaggregation_problem() -> None:
    text = with_priorities(priority(indicators=None))
    assert "HRD403" in codes(lint(text))
    none_of(text, "HRD204")


# HRD205 no-gender-principal


def test_no_gender_principal() -> None:
    gender = GENDER.replace("marker: 2", "marker: 1")
    text = with_priorities(priority(objective="2.1.a", gender=gender))
    line, column, severity, message = one(text, "HRD205")
    assert (line, column) == at(text, "priorities:")
    assert severity is Severity.WARNING
    assert "no priority has gender marker 2" in message and "2.2.a" in message


def test_gender_equality_objective_passes() -> None:
    gender = GENDER.replace("marker: 2", "marker: 1")
    none_of(with_priorities(priority(objective="2.2.a", gender=gender)), "HRD205")


def test_no_priorities_is_not_a_gender_principal_problem() -> None:
    none_of(overlay(BASE, "priorities: []\n"), "HRD205", "HRD406")


# HRD301 unknown-country


def test_lower_case_country() -> None:
    text = overlay(BASE, "country: ke\n")
    line, column, severity, message = one(text, "HRD301")
    assert (line, column) == at(text, "ke", after="country: ")
    assert severity is Severity.ERROR
    assert "country 'ke' is not an ISO 3166-1 alpha-2 code; did you mean KE (Kenya)?" in message


def test_country_name_instead_of_code() -> None:
    _, _, _, message = one(overlay(BASE, "country: Kenya\n"), "HRD301")
    assert "did you mean KE (Kenya)?" in message


def test_country_without_suggestion() -> None:
    _, _, _, message = one(overlay(BASE, "country: QQ\n"), "HRD301")
    assert message == "country 'QQ' is not an ISO 3166-1 alpha-2 code"


def test_kosovo_passes() -> None:
    none_of(overlay(BASE, "country: XK\n"), "HRD301", "HRD302")


# HRD302 eu-member-host


def test_eu_member_host() -> None:
    text = overlay(BASE, "country: FR\n")
    line, column, severity, message = one(text, "HRD302")
    assert (line, column) == at(text, "FR", after="country: ")
    assert severity is Severity.ERROR
    assert "host country FR (France) is an EU member state" in message


# HRD303 member-state-not-eu


def test_member_state_not_eu() -> None:
    text = overlay(BASE, "member_states: [DE, GB, nl]\n")
    found = only(lint(text), "HRD303")
    assert [(f.line, f.column) for f in found] == [at(text, "GB"), at(text, "nl]")]
    assert all(f.severity is Severity.ERROR for f in found)
    assert found[0].message == "GB (United Kingdom) is not an EU member state"
    assert "did you mean NL (Netherlands)?" in found[1].message


def test_member_states_pass() -> None:
    none_of(overlay(BASE, "member_states: [AT, BE, CY]\n"), "HRD303")


# HRD304 period-length


def test_period_too_long() -> None:
    text = overlay(BASE, "period: {start: 2021, end: 2027}\n")
    line, column, severity, message = one(text, "HRD304")
    assert (line, column) == at(text, "2027")
    assert severity is Severity.ERROR
    assert message == "the period 2021-2027 covers 7 calendar years, not 5: end it in 2025"


def test_period_ends_before_it_starts() -> None:
    text = overlay(BASE, "period:\n  start: 2021\n  end: 2020\n")
    line, column, _, message = one(text, "HRD304")
    assert (line, column) == at(text, "2020", after="end: ")
    assert message == "the period ends in 2020, before it starts in 2021"


def test_period_length_without_catalogue() -> None:
    text = overlay(BASE, "catalogue: eu-hrd-2020-2024@9.9.9\nperiod: {start: 2021, end: 2024}\n")
    found = codes(lint(text))
    assert "HRD005" in found and "HRD304" in found


# HRD305 period-outside-plan


def test_period_outside_plan() -> None:
    text = overlay(BASE, "period: {start: 2028, end: 2032}\n")
    line, column, severity, message = one(text, "HRD305")
    assert (line, column) == at(text, "2028")
    assert severity is Severity.WARNING
    assert "starts in 2028, outside the plan period 2020-2027 of eu-hrd-2020-2024@1.2.0" in message
    none_of(text, "HRD304")


def test_period_outside_the_plan_period_of_the_pinned_version() -> None:
    # 1.0.0 ends the plan in 2024; the Council's extension (1.1.0) runs it to 2027.
    text = overlay(BASE, "catalogue: eu-hrd-2020-2024@1.0.0\nperiod: {start: 2026, end: 2030}\n")
    line, column, _, message = one(text, "HRD305")
    assert (line, column) == at(text, "2026")
    assert "outside the plan period 2020-2024 of eu-hrd-2020-2024@1.0.0" in message
    none_of(overlay(BASE, "period: {start: 2026, end: 2030}\n"), "HRD305")


def test_period_inside_plan_passes() -> None:
    none_of(overlay(BASE, "period: {start: 2024, end: 2028}\n"), "HRD304", "HRD305")
    none_of(overlay(BASE, "period: {start: 2027, end: 2031}\n"), "HRD304", "HRD305")


# HRD401 placeholder


def test_placeholder_in_draft_is_a_warning() -> None:
    text = overlay(BASE, 'context: "TODO: country situation analysis"\n')
    line, column, severity, message = one(text, "HRD401")
    assert (line, column) == at(text, '"TODO:')
    assert severity is Severity.WARNING
    assert message == "placeholder left in context: 'TODO: country situation analysis'"


def test_placeholder_after_draft_is_an_error() -> None:
    text = overlay(BASE, 'status: consultation\ncontext: "TODO: country situation"\n')
    _, _, severity, _ = one(text, "HRD401")
    assert severity is Severity.ERROR


def test_placeholder_rule_documents_its_severity() -> None:
    assert "draft" in RULE_BY_CODE["HRD401"].severity_note


def test_todo_inside_text_is_not_a_placeholder() -> None:
    none_of(overlay(BASE, "context: The mission noted a TODO: list of reforms.\n"), "HRD401")


# HRD402 no-actions


def test_priority_without_actions() -> None:
    text = with_priorities(priority(actions=None))
    line, column, severity, message = one(text, "HRD402")
    assert (line, column) == at(text, "id: P1")
    assert severity is Severity.ERROR
    assert "priority P1 has no actions: add `actions:`" in message


def test_priority_with_empty_actions() -> None:
    text = with_priorities(priority(actions="    actions: []\n"))
    line, column, _, message = one(text, "HRD402")
    assert (line, column) == at(text, "[]", after="actions: ")
    assert "priority P1 has an empty `actions` list" in message


# HRD403 no-indicators


def test_priority_without_indicators() -> None:
    text = with_priorities(priority(), priority("P2", "2.1.a", indicators=None))
    line, column, severity, message = one(text, "HRD403")
    assert (line, column) == at(text, "id: P2")
    assert severity is Severity.ERROR
    assert "priority P2 has no indicators" in message


def test_priority_with_null_indicators() -> None:
    text = with_priorities(priority(indicators="    indicators:\n"))
    line, column, _, message = one(text, "HRD403")
    assert (line, column) == at(text, "indicators:")
    assert "empty `indicators` list" in message


# HRD404 indicator-incomplete


def test_indicator_without_target() -> None:
    text = with_priorities(priority(indicators=INDICATORS.replace("target:", "source:")))
    line, column, severity, message = one(text, "HRD404")
    assert (line, column) == at(text, "text: Women among")
    assert severity is Severity.WARNING
    assert message == (
        "indicator 'Women among members of the National...' of priority P1 has no target"
    )


def test_indicator_without_baseline_and_target() -> None:
    indicators = "    indicators:\n      - text: Seats\n        disaggregation: [sex]\n"
    text = with_priorities(priority(indicators=indicators))
    found = only(lint(text), "HRD404")
    assert [(f.line, f.column) for f in found] == [at(text, "text: Seats")] * 2
    assert sorted(f.message.rsplit(" ", 1)[1] for f in found) == ["baseline", "target"]


def test_indicator_with_empty_baseline() -> None:
    text = with_priorities(priority(indicators=INDICATORS.replace("76 of 349 (2021)", "''")))
    line, column, _, message = one(text, "HRD404")
    assert (line, column) == at(text, "''", after="baseline: ")
    assert message.endswith("has an empty baseline")


def test_zero_baseline_passes() -> None:
    none_of(
        with_priorities(priority(indicators=INDICATORS.replace("76 of 349 (2021)", "0"))), "HRD404"
    )


# HRD405 no-consultation


def test_adopted_without_consultations() -> None:
    text = overlay(drop(BASE, "consultations"), "status: adopted\n")
    line, column, severity, message = one(text, "HRD405")
    assert (line, column) == at(text, "adopted")
    assert severity is Severity.ERROR
    assert "status is 'adopted' but no civil society consultation is recorded" in message


def test_consultation_with_empty_list() -> None:
    text = overlay(BASE, "status: consultation\nconsultations: []\n")
    line, column, _, message = one(text, "HRD405")
    assert (line, column) == at(text, "[]", after="consultations: ")
    assert "`consultations` is empty" in message


def test_draft_without_consultations_passes() -> None:
    none_of(overlay(BASE, "consultations: []\n"), "HRD405")


# HRD406 no-democracy-priority


def test_no_democracy_priority() -> None:
    text = with_priorities(priority(objective="1.1.j"))
    line, column, severity, message = one(text, "HRD406")
    assert (line, column) == at(text, "priorities:")
    assert severity is Severity.WARNING
    assert "no priority is under line of action 2 (Building resilient, inclusive" in message


def test_democracy_priority_passes() -> None:
    none_of(with_priorities(priority(objective="1.1.j"), priority("P2", "2.3.b")), "HRD406")


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_versions_published_before_the_democracy_mark_read_line_2(version: str) -> None:
    pinned = overlay(BASE, f"catalogue: eu-hrd-2020-2024@{version}\n")
    text = with_priorities(priority(objective="1.1.j"), base=pinned)
    *_, message = one(text, "HRD406")
    assert "no priority is under line of action 2 (Building resilient, inclusive" in message
    none_of(with_priorities(priority(objective="2.3.b"), base=pinned), "HRD406")


def test_an_unknown_code_under_the_democracy_line_counts() -> None:
    # HRD101 reports the code; HRD406 does not pile on, as the author meant line 2.
    text = with_priorities(priority(objective="2.9.z"))
    assert "HRD101" in codes(lint(text))
    none_of(text, "HRD406")


OWN = Path(__file__).parent / "fixtures" / "catalogues"
OWN_REGISTRY = Registry([OWN / "democracy", OWN / "versions"])


def lint_own(catalogue: str, *objectives: str) -> list[Finding]:
    """Lint the base strategy pinned to an organisation's own catalogue."""
    pinned = overlay(BASE, f"catalogue: {catalogue}\nperiod: {{start: 2022, end: 2026}}\n")
    items = [priority(f"P{n}", code, actions=None) for n, code in enumerate(objectives, 1)]
    text = with_priorities(*items, base=pinned)
    return lint_text(text, "s.yaml", OWN_REGISTRY, Selection(select=("HRD406",)))


def test_own_catalogue_names_its_democracy_line() -> None:
    # own-plan marks line 3 and section 1.2 `democracy: true`; its line 2 is monitoring.
    (finding,) = lint_own("own-plan@1.0.0", "1.1.a", "2.1.a")
    assert finding.code == "HRD406"
    assert finding.message == (
        "no priority is under section 1.2 (Parliaments and the EU) or line of action 3 "
        "(Democratic societies): select an objective 1.2.x or 3.x.y"
    )


@pytest.mark.parametrize("objective", ["3.1.a", "1.2.a"])
def test_own_catalogue_democracy_priority_passes(objective: str) -> None:
    assert lint_own("own-plan@1.0.0", "1.1.a", objective) == []


def test_catalogue_without_a_democracy_line_asks_for_none() -> None:
    # test-plan marks no line or section: its line 2 ("Delivering together") is no democracy.
    assert lint_own("test-plan@1.0.0", "1.1.a") == []


# HRD407 no-priorities


def test_no_priorities_key() -> None:
    text = drop(BASE, "priorities")
    line, column, severity, message = one(text, "HRD407")
    assert (line, column) == (1, 1)
    assert severity is Severity.ERROR
    assert "no `priorities:`" in message
    none_of(text, "HRD205", "HRD406")


def test_empty_priorities() -> None:
    text = overlay(BASE, "priorities: []\n")
    line, column, _, message = one(text, "HRD407")
    assert (line, column) == at(text, "[]", after="priorities: ")
    assert "`priorities` is empty" in message


# -- (3) the examples lint clean ----------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_example_is_clean(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    told = []
    if "\nhrdplan: 1\n" in text:
        # The format 1 example shows the upgrade path, kept as it was: told of format 2 and of
        # the newer catalogue (information only).
        told = sorted(["HRD008", *(["HRD007"] if f"@{NEWEST}\n" not in text else [])])
    assert sorted(codes(lint(text, path.name))) == told


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_example_pinned_to_the_previous_release_is_only_told(path: Path) -> None:
    # 1.2.0 adds the gender plan, 1.1.1 corrects a Dutch typing error: a strategy pinned to
    # 1.1.0 gets information only.
    text = re.sub(r"@1\.(2\.0|1\.1)\n", "@1.1.0\n", path.read_text(encoding="utf-8"), count=1)
    (finding,) = [f for f in lint(text, path.name) if f.code != "HRD008"]
    assert (finding.code, finding.severity) == ("HRD007", Severity.INFO)


# -- (4) one problem, one finding ---------------------------------------------------------------

SCAFFOLD = """\
# Fill in every TODO: `hrdplan lint` lists what is left.
hrdplan: 1
catalogue: eu-hrd-2020-2024@1.2.0
country: KE
title: EU Human Rights and Democracy Country Strategy for Kenya 2021-2025
period: {start: 2021, end: 2025}
status: draft
classification: restricted
language: en
delegation: EU Delegation to Kenya
member_states: []
consultations: []
context: "TODO: country situation analysis."
gender_analysis: "TODO: country-level gender analysis."
priorities:
  - id: P1
    objective: "TODO: an objective code, e.g. 1.1.a"
    title: "TODO: a short title for this priority"
    gender:
      marker: 1
      approach: "TODO: how this priority is gender-responsive."
    actions:
      - text: "TODO: what the delegation and embassies will do."
        instruments: []
    indicators:
      - text: "TODO: what is measured."
        baseline: "TODO: value (year)"
        target: "TODO: value (year)"
        disaggregation: [sex, age]
"""

SCAFFOLD_PLACEHOLDERS = [
    "context",
    "gender_analysis",
    "priorities[0].objective",
    "priorities[0].title",
    "priorities[0].gender.approach",
    "priorities[0].actions[0].text",
    "priorities[0].indicators[0].text",
    "priorities[0].indicators[0].baseline",
    "priorities[0].indicators[0].target",
]


def test_scaffold_placeholders_are_reported_once() -> None:
    findings = lint(SCAFFOLD)
    placeholders = only(findings, "HRD401")
    assert [f.key_path for f in placeholders] == SCAFFOLD_PLACEHOLDERS
    assert all(f.severity is Severity.WARNING for f in placeholders)
    assert [(f.line, f.column) for f in placeholders] == [
        at(SCAFFOLD, '"TODO:', occurrence=n) for n in range(1, len(SCAFFOLD_PLACEHOLDERS) + 1)
    ]
    # Nothing else: not as an empty approach, analysis or baseline, nor an unknown objective
    # (HRD008: the scaffold is in format 1).
    assert [f.code for f in findings if f.code != "HRD401"] == ["HRD008"]


def test_scaffold_placeholders_are_errors_once_adopted() -> None:
    consultations = "consultations:\n  - date: 2021-02-10\n    participants: CSOs\n"
    findings = lint(overlay(SCAFFOLD, "status: adopted\n" + consultations))
    placeholders = only(findings, "HRD401")
    assert len(placeholders) == len(SCAFFOLD_PLACEHOLDERS)
    assert all(f.severity is Severity.ERROR for f in placeholders)
    assert [f.code for f in findings if f.code != "HRD401"] == ["HRD008"]


# -- (5) a structural error does not hide other findings ----------------------------------------


def test_structural_errors_keep_other_findings() -> None:
    gender = "    gender:\n      marker: 7\n      approach: " + "x" * 50 + "\n"
    text = overlay(with_priorities(priority(gender=gender)), "status: finished\ncountry: FR\n")
    findings = lint(text)
    schema = only(findings, "HRD003")
    assert {f.key_path for f in schema} == {"status", "priorities[0].gender.marker"}
    assert [(f.line, f.column) for f in only(findings, "HRD302")] == [
        at(text, "FR", after="country: ")
    ]
    # A marker of the wrong value is the schema's finding, not also "not gender-responsive".
    assert "HRD201" not in codes(findings)


def test_wrong_types_are_left_to_the_schema() -> None:
    text = overlay(
        BASE,
        "country: 42\nmember_states: DE\nperiod: {start: soon, end: 2025}\n"
        "gender_analysis: [a, b]\nconsultations: {date: 2021-01-01}\n",
    )
    found = codes(lint(text))
    assert "HRD003" in found
    assert not set(found) & {"HRD203", "HRD301", "HRD302", "HRD303", "HRD304", "HRD305"}


@pytest.mark.parametrize("text", ["", "- a list\n", "just text\n"], ids=["empty", "list", "text"])
def test_not_a_mapping_gets_no_content_findings(text: str) -> None:
    found = set(codes(lint(text)))
    assert "HRD003" in found
    assert not {c for c in found if c >= "HRD100"}


def test_placeholders_in_place_of_whole_sections() -> None:
    text = overlay(
        BASE,
        'gender_analysis: "TODO: analysis"\npriorities: "TODO: choose objectives"\n'
        'consultations: "TODO: list them"\nstatus: adopted\n',
    )
    found = codes(lint(text))
    assert found.count("HRD401") == 3
    assert not set(found) & {"HRD203", "HRD405", "HRD407"}
