"""Lint of format 2 strategies and progress files (HRD5xx, HRD106, HRD008): each rule's own
examples laid over a format 2 strategy or a progress file, each rule on small changes with its
position, and lint as users call it on a folder holding both kinds."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES, Run
from lintutil import REGISTRY, SELECTION, at, codes, only, overlay

from hrdplan.findings import Finding, Severity
from hrdplan.lint.rule import Rule
from hrdplan.lint.rules import RULE_BY_CODE, RULES
from hrdplan.lint.runner import lint_text
from hrdplan.settings import Selection

FORMAT2 = Path(__file__).parent / "fixtures" / "format2"
STRATEGY = FORMAT2 / "strategies" / "xx-2027-2031.yaml"
PROGRESS = FORMAT2 / "progress" / "xx-2027-2031" / "2028.yaml"
STRATEGY_TEXT = STRATEGY.read_text(encoding="utf-8")
PROGRESS_TEXT = PROGRESS.read_text(encoding="utf-8")
# The fixture has progress files for 2027 and 2028: in mid-2029 nothing is missing.
TODAY = date(2029, 6, 1)

NEW_CODES = ["HRD008", "HRD106", *(f"HRD5{n:02}" for n in range(1, 15))]


def lint_at(
    text: str,
    path: Path,
    *,
    today: date = TODAY,
    selection: Selection = SELECTION,
) -> list[Finding]:
    """Every finding for `text` read as if it were the file at `path` (which places a progress
    file's strategy and year before, and a strategy's progress files)."""
    return lint_text(text, path.name, REGISTRY, selection, today=today, path=path)


def strategy(fragment: str = "") -> list[Finding]:
    return lint_at(overlay(STRATEGY_TEXT, fragment) if fragment else STRATEGY_TEXT, STRATEGY)


def progress(fragment: str = "", path: Path = PROGRESS) -> list[Finding]:
    return lint_at(overlay(PROGRESS_TEXT, fragment) if fragment else PROGRESS_TEXT, path)


def progress_text(text: str, path: Path = PROGRESS) -> list[Finding]:
    return lint_at(text, path)


def one(findings: list[Finding], code: str) -> Finding:
    found = only(findings, code)
    assert len(found) == 1, findings
    return found[0]


def copy_fixtures(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FORMAT2, root)
    return root


def test_fixtures_lint_clean() -> None:
    assert strategy() == []
    assert progress() == []
    year_before = PROGRESS.with_name("2027.yaml")
    assert lint_at(year_before.read_text(encoding="utf-8"), year_before) == []


# -- (1) every rule's own examples ---------------------------------------------------------------

PROGRESS_RULES = [r for r in RULES if "strategy" not in r.kinds]
# HRD601 compares with a Git revision: its examples run in a repository (test_changes_rule.py).
STRATEGY_RULES = [r for r in RULES if "strategy" in r.kinds and r.code != "HRD601"]


def test_the_new_rules_are_registered() -> None:
    registered = [r.code for r in RULES]
    assert all(code in registered for code in NEW_CODES)
    assert [r.code for r in PROGRESS_RULES] == [*(f"HRD5{n:02}" for n in range(6, 13)), "HRD514"]


@pytest.mark.parametrize("rule", PROGRESS_RULES, ids=lambda r: r.code)
def test_progress_rule_examples_over_a_progress_file(rule: Rule) -> None:
    assert rule.code in codes(progress(rule.fail)), rule.fail
    assert rule.code not in codes(progress(rule.ok)), progress(rule.ok)


@pytest.mark.parametrize("rule", STRATEGY_RULES, ids=lambda r: r.code)
def test_strategy_rule_examples_over_a_format_2_strategy(rule: Rule) -> None:
    # 2030: the fixture's 2029 is past and has no progress file (HRD513's example).
    later = date(2030, 1, 15)
    failing = lint_at(overlay(STRATEGY_TEXT, rule.fail), STRATEGY, today=later)
    passing = lint_at(overlay(STRATEGY_TEXT, rule.ok), STRATEGY, today=later)
    assert rule.code in codes(failing), rule.fail
    assert rule.code not in codes(passing), passing


@pytest.mark.parametrize("code", NEW_CODES)
def test_new_rules_are_documented_with_the_plan(code: str) -> None:
    found = RULE_BY_CODE[code]
    why = " ".join(found.why.split())
    assert "Action Plan 5.2." in why
    assert found.explanation and found.summary


def test_hrdplan_rule_explains_a_progress_rule(run: Run) -> None:
    result = run("rule", "HRD511")
    assert result.code == 0
    assert "off-track-unexplained" in result.stdout and "5.2.a" in result.stdout


# -- (2) format 1 is as before, plus HRD008 ------------------------------------------------------

FORMAT_1_EXAMPLES = [
    p for p in sorted(EXAMPLES.glob("*.yaml")) if "\nhrdplan: 1\n" in p.read_text("utf-8")
]


def test_a_format_1_example_is_kept() -> None:
    assert FORMAT_1_EXAMPLES


@pytest.mark.parametrize("path", FORMAT_1_EXAMPLES, ids=lambda p: p.name)
def test_format_1_lints_as_before_apart_from_hrd008(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    # HRD007 (a newer catalogue than the pin: the format 1 example keeps its pin) is not about
    # the format.
    findings = [f for f in lint_at(text, path, today=date(2026, 11, 29)) if f.code != "HRD007"]
    assert [(f.code, f.severity) for f in findings] == [("HRD008", Severity.INFO)]
    finding = findings[0]
    assert (finding.line, finding.column) == at(text, "1", after="\nhrdplan: ")
    assert f"hrdplan migrate --format 2 {path.name}" in finding.message


def test_format_1_gets_none_of_the_format_2_rules() -> None:
    # What would be wrong in format 2 (no adoption date, no ids, no kinds, no directions) is
    # not asked of format 1, nor are progress files.
    text = (FORMAT_1_EXAMPLES[0]).read_text(encoding="utf-8")
    adopted = overlay(text, "status: adopted\n")
    found = codes(lint_at(adopted, EXAMPLES / "gh-2021-2025.yaml", today=date(2030, 1, 1)))
    assert [c for c in found if c.startswith("HRD5") or c == "HRD106"] == []


def test_hrd008_is_information_only(run: Run, tmp_path: Path) -> None:
    shutil.copy(FORMAT_1_EXAMPLES[0], tmp_path / "s.yaml")
    result = run("lint", "--strict", "s.yaml")
    assert result.code == 0, result
    assert "HRD008" in result.stdout
    assert run("lint", "--ignore", "HRD008", "s.yaml").stdout.count("HRD008") == 0


# -- (3) format 2 strategies ---------------------------------------------------------------------

INDICATOR = """\
priorities:
  - id: P1
    objective: 2.2.a
    title: Women in public and political life
    indicators:
      - id: P1.1
        text: Share of women among members of the National Assembly
        kind: percent
{rest}"""


def indicator(rest: str) -> str:
    return INDICATOR.format(rest="".join(f"        {line}\n" for line in rest.splitlines()))


def test_duplicate_indicator_id_at_the_repeat() -> None:
    text = overlay(STRATEGY_TEXT, "")
    text = text.replace("      - id: P2.1\n", "      - id: P1.1\n")
    finding = one(lint_at(text, STRATEGY), "HRD106")
    assert (finding.line, finding.column) == at(text, "P1.1", after="- id: ", occurrence=2)
    assert "already used by priorities[0].indicators[0]" in finding.message
    assert finding.severity is Severity.ERROR


def test_adoption_date_missing_at_status() -> None:
    text = STRATEGY_TEXT.replace("adopted: 2027-03-14\n", "")
    finding = one(lint_at(text, STRATEGY), "HRD501")
    assert (finding.line, finding.column) == at(text, "adopted", after="status: ")
    assert "adopted: YYYY-MM-DD" in finding.message


def test_adoption_date_not_asked_of_a_draft() -> None:
    text = STRATEGY_TEXT.replace("adopted: 2027-03-14\n", "").replace(
        "status: adopted", "status: draft"
    )
    assert only(lint_at(text, STRATEGY), "HRD501") == []


def test_direction_missing_and_direction_for_text() -> None:
    text = STRATEGY_TEXT.replace(
        "        direction: increase\n        baseline: {value: 23",
        ("        baseline: {value: 23"),
    )
    text = text.replace("        kind: text\n", "        kind: text\n        direction: increase\n")
    findings = only(lint_at(text, STRATEGY), "HRD502")
    assert [(f.line, f.column) for f in findings] == [
        at(text, "id: P1.1", after="      - "),
        at(text, "increase", after="kind: text\n        direction: "),
    ]
    assert "indicator P1.1 has no direction" in findings[0].message
    assert "indicator P2.2 is qualitative" in findings[1].message


def test_placeholder_direction_is_the_placeholder_rule_s() -> None:
    text = overlay(
        STRATEGY_TEXT,
        indicator(
            "direction: 'TODO: increase, decrease or maintain'\n"
            "baseline: {value: 23, year: 2026}\ntarget: {value: 33, year: 2031}"
        ),
    )
    found = codes(lint_at(text, STRATEGY))
    assert "HRD401" in found and "HRD502" not in found


@pytest.mark.parametrize(
    ("kind", "direction", "baseline", "target", "fires"),
    [
        ("percent", "increase", "23", "33", False),
        ("percent", "increase", "23", "23", True),
        ("percent", "increase", "23", "20", True),
        ("number", "decrease", "12", "0", False),
        ("number", "decrease", "12", "15", True),
        ("number", "maintain", "100", "104", False),
        ("number", "maintain", "100", "110", True),
        ("yes-no", "increase", "no", "yes", False),
        ("yes-no", "increase", "yes", "no", True),
        ("yes-no", "maintain", "yes", "yes", False),
        ("yes-no", "decrease", "no", "no", True),
        ("percent", "increase", "23", "300", False),  # HRD505's
    ],
)
def test_target_against_direction(
    kind: str, direction: str, baseline: str, target: str, fires: bool
) -> None:
    fragment = indicator(
        f"direction: {direction}\nbaseline: {{value: {baseline}, year: 2026}}\n"
        f"target: {{value: {target}, year: 2031}}"
    ).replace("kind: percent", f"kind: {kind}")
    text = overlay(STRATEGY_TEXT, fragment)
    found = only(lint_at(text, STRATEGY), "HRD503")
    assert bool(found) is fires, found
    if fires:
        assert (found[0].line, found[0].column) == at(text, target, after="target: {value: ")


def test_indicator_years() -> None:
    text = overlay(
        STRATEGY_TEXT,
        indicator(
            "direction: increase\nbaseline: {value: 23, year: 2028}\n"
            "milestones: [{value: 27, year: 2030}, {value: 26, year: 2029}, "
            "{value: 33, year: 2033}]\ntarget: {value: 33, year: 2033}"
        ),
    )
    findings = only(lint_at(text, STRATEGY), "HRD504")
    assert [(f.line, f.column, f.severity) for f in findings] == [
        (*at(text, "2028", after="baseline: {value: 23, year: "), Severity.WARNING),
        (*at(text, "2029", after="26, year: "), Severity.ERROR),
        (*at(text, "2033", after="{value: 33, year: "), Severity.ERROR),
        (*at(text, "2033", after="target: {value: 33, year: "), Severity.ERROR),
    ]
    messages = [f.message for f in findings]
    assert "after the period's start 2027" in messages[0]
    assert "not after the milestone before it (2030)" in messages[1]
    assert "not before the target's (2033)" in messages[2]
    assert "outside the period 2027-2031" in messages[3]


def test_baseline_in_the_year_before_or_the_first_year_is_fine() -> None:
    for year in (2026, 2027):
        text = STRATEGY_TEXT.replace("{value: 23, year: 2026}", f"{{value: 23, year: {year}}}")
        assert only(lint_at(text, STRATEGY), "HRD504") == []


@pytest.mark.parametrize(
    ("kind", "value", "target", "message"),
    [
        ("percent", "140", "33", "a percentage is between 0 and 100, not 140"),
        ("number", "many", "33", "a number indicator's value is a number, not 'many'"),
        ("yes-no", "3", "yes", "a yes-no indicator's value is true or false"),
        ("text", "3", "Most", "a text indicator's value is words, not 3"),
    ],
)
def test_strategy_value_does_not_fit_kind(kind: str, value: str, target: str, message: str) -> None:
    direction = "" if kind == "text" else "direction: increase\n"
    fragment = indicator(
        f"{direction}baseline: {{value: {value}, year: 2026}}\n"
        f"target: {{value: {target}, year: 2031}}"
    ).replace("kind: percent", f"kind: {kind}")
    text = overlay(STRATEGY_TEXT, fragment)
    finding = one(lint_at(text, STRATEGY), "HRD505")
    assert (finding.line, finding.column) == at(text, value, after="baseline: {value: ")
    assert message in finding.message and "indicator P1.1's baseline" in finding.message


def test_a_placeholder_value_is_the_placeholder_rule_s_alone() -> None:
    text = STRATEGY_TEXT.replace(
        "target: {value: 2400, year: 2031}", "target: 'TODO: value and year'"
    ).replace("baseline: {value: 1200, year: 2026}", "baseline: {value: 'TODO: count', year: 2026}")
    findings = lint_at(text, STRATEGY)
    assert sorted(codes(findings)) == ["HRD401", "HRD401"], findings


def test_indicator_incomplete_names_the_format_2_id() -> None:
    text = STRATEGY_TEXT.replace("        target: {value: 2400, year: 2031}\n", "")
    finding = one(lint_at(text, STRATEGY), "HRD404")
    assert "indicator P2.1 of priority P2 has no target" in finding.message
    assert (finding.line, finding.column) == at(text, "id: P2.1", after="      - ")


# -- (4) progress files ------------------------------------------------------------------------


def test_strategy_not_found() -> None:
    text = PROGRESS_TEXT.replace("xx-2027-2031.yaml", "ke-2027-2031.yaml")
    findings = progress_text(text)
    finding = one(findings, "HRD506")
    assert (finding.line, finding.column) == at(text, "../../", after="strategy: ")
    assert "ke-2027-2031.yaml is not found" in finding.message
    # Nothing else can be said without the strategy: one problem, one finding.
    assert codes(findings) == ["HRD506"]


def test_strategy_in_format_1(tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    shutil.copy(FORMAT_1_EXAMPLES[0], root / "strategies" / "xx-2027-2031.yaml")
    path = root / "progress" / "xx-2027-2031" / "2028.yaml"
    finding = one(lint_at(PROGRESS_TEXT, path), "HRD506")
    assert "is in format 1" in finding.message
    assert "hrdplan migrate --format 2" in finding.message


def test_strategy_that_does_not_load_or_is_a_progress_file(tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    target = root / "strategies" / "xx-2027-2031.yaml"
    target.write_text(STRATEGY_TEXT.replace("status: adopted", "status: finished"), "utf-8")
    path = root / "progress" / "xx-2027-2031" / "2028.yaml"
    assert "does not load" in one(lint_at(PROGRESS_TEXT, path), "HRD506").message
    text = PROGRESS_TEXT.replace("../../strategies/xx-2027-2031.yaml", "2027.yaml")
    assert "is a progress file, not a strategy" in one(lint_at(text, path), "HRD506").message
    target.write_text("title: [unclosed\n", "utf-8")
    assert "xx-2027-2031.yaml:" in one(lint_at(PROGRESS_TEXT, path), "HRD506").message


def test_unknown_ids_with_suggestions_and_wrong_priority() -> None:
    text = PROGRESS_TEXT.replace("  - id: P2\n", "  - id: P3\n").replace(
        "      - id: P1.2\n", "      - id: P1.20\n      - id: P2.1\n        actual: 3\n"
    )
    findings = only(progress_text(text), "HRD507")
    messages = [(f.line, f.column, f.message) for f in findings]
    assert messages == [
        (
            *at(text, "P1.20", after="- id: "),
            "indicator 'P1.20' is not in the strategy; did you mean P1.2, P2.2, P1.1?",
        ),
        (
            *at(text, "P2.1", after="- id: "),
            "indicator P2.1 belongs to priority P2, not P1: list it there",
        ),
        (
            *at(text, "P3", after="- id: "),
            "priority 'P3' is not in the strategy; did you mean P2, P1?",
        ),
        (
            *at(text, "P2.1", after="- id: ", occurrence=2),
            "indicator P2.1 is listed a second time (first at line "
            f"{at(text, 'P2.1', after='- id: ')[0]})",
        ),
    ]


def test_missing_priority_and_indicator() -> None:
    text = overlay(
        PROGRESS_TEXT,
        "priorities:\n  - id: P1\n    status: on-track\n    indicators:\n"
        "      - id: P1.1\n        actual: 25\n",
    )
    findings = only(progress_text(text), "HRD508")
    assert [(f.line, f.column, f.severity) for f in findings] == [
        (*at(text, "priorities:"), Severity.WARNING),
        (*at(text, "id: P1", after="  - "), Severity.WARNING),
    ]
    assert "priority P2 of the strategy is not reported on" in findings[0].message
    assert "indicator P1.2 of priority P1 is not reported on" in findings[1].message
    # The indicators of the missing priority are not reported again.
    assert not any("P2.1" in f.message for f in findings)


def test_year_outside_the_period() -> None:
    text = PROGRESS_TEXT.replace("year: 2028", "year: 2026")
    finding = one(progress_text(text), "HRD509")
    assert (finding.line, finding.column) == at(text, "2026", after="year: ")
    assert finding.message == "year 2026 is outside the strategy's period 2027-2031"


def test_a_wrong_period_is_one_finding() -> None:
    # Four years: every target in 2031 is outside it, but the period is what is wrong.
    text = STRATEGY_TEXT.replace(
        "period: {start: 2027, end: 2031}", "period: {start: 2027, end: 2030}"
    )
    findings = lint_at(text, STRATEGY)
    assert one(findings, "HRD304").message.endswith("end it in 2031")
    assert only(findings, "HRD504") == []
    # Once the period is right, a target outside it is reported again.
    assert only(strategy("period: {start: 2027, end: 2031}\n"), "HRD504") == []


def test_a_progress_year_against_a_wrong_period_is_the_strategy_s_finding(tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    strategy_file = root / "strategies" / "xx-2027-2031.yaml"
    strategy_file.write_text(
        STRATEGY_TEXT.replace(
            "period: {start: 2027, end: 2031}", "period: {start: 2027, end: 2030}"
        ),
        "utf-8",
    )
    path = root / "progress" / "xx-2027-2031" / "2031.yaml"
    text = PROGRESS_TEXT.replace("year: 2028", "year: 2031")
    assert only(lint_at(text, path), "HRD509") == []
    # A year outside a sound period is still the progress file's.
    strategy_file.write_text(STRATEGY_TEXT, "utf-8")
    assert len(only(lint_at(text.replace("year: 2031", "year: 2032"), path), "HRD509")) == 1


@pytest.mark.parametrize(
    ("status", "severity"), [("submitted", Severity.ERROR), ("draft", Severity.WARNING)]
)
def test_a_year_still_to_come(tmp_path: Path, status: str, severity: Severity) -> None:
    # Written on 7 December 2026 for 2027, both in the period 2027-2031.
    root = copy_fixtures(tmp_path)
    path = root / "progress" / "xx-2027-2031" / "2027.yaml"
    text = PROGRESS_TEXT.replace("year: 2028", "year: 2027").replace(
        "status: submitted", f"status: {status}"
    )
    finding = one(lint_at(text, path, today=date(2026, 12, 7)), "HRD514")
    assert (finding.line, finding.column) == at(text, "2027", after="year: ")
    assert finding.severity is severity
    assert finding.message.startswith("year 2027 has not begun yet (today is 2026-12-07)")
    # The year itself, and the years before, are not to come.
    for today in (date(2027, 1, 1), date(2027, 12, 31), date(2029, 6, 1)):
        assert only(lint_at(text, path, today=today), "HRD514") == []


def test_a_year_still_to_come_and_outside_the_period_is_one_finding() -> None:
    text = PROGRESS_TEXT.replace("year: 2028", "year: 2032")
    findings = progress_text(text)
    assert len(only(findings, "HRD509")) == 1
    assert only(findings, "HRD514") == []


def test_hrdplan_today_sets_today_for_a_year_still_to_come(run: Run, tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    later = run("lint", ".", cwd=root, env={"HRDPLAN_TODAY": "2027-12-07"})
    assert later.code == 1 and "HRD514 year 2028 has not begun yet" in later.stdout
    assert run("lint", ".", cwd=root, env={"HRDPLAN_TODAY": "2029-06-01"}).code == 0


@pytest.mark.parametrize(
    ("indicator_id", "value", "message"),
    [
        ("P1.1", "140", "a percentage is between 0 and 100, not 140"),
        ("P2.1", "a few more", "a number indicator's value is a number, not 'a few more'"),
        ("P1.2", "2", "a yes-no indicator's value is true or false"),
    ],
)
def test_actual_does_not_fit_kind(indicator_id: str, value: str, message: str) -> None:
    old = {"P1.1": "actual: 25", "P2.1": "actual: 1500", "P1.2": "actual: no"}[indicator_id]
    text = PROGRESS_TEXT.replace(old, f"actual: {value}")
    finding = one(progress_text(text), "HRD505")
    assert (finding.line, finding.column) == at(text, f"{value}\n", after="actual: ")
    assert message in finding.message and indicator_id in finding.message


def test_submitted_with_placeholders_is_an_error_and_a_draft_is_warned() -> None:
    text = PROGRESS_TEXT.replace("actual: 1500", "actual: 'TODO: the count of the year'")
    finding = one(progress_text(text), "HRD401")
    assert finding.severity is Severity.ERROR
    assert (finding.line, finding.column) == at(text, "'TODO", after="actual: ")
    draft = one(progress_text(text.replace("status: submitted", "status: draft")), "HRD401")
    assert draft.severity is Severity.WARNING
    # A placeholder actual is the placeholder rule's alone.
    assert codes(progress_text(text)) == ["HRD401"]


def test_submitted_without_status_or_actual() -> None:
    text = PROGRESS_TEXT.replace("    status: at-risk\n", "").replace("        actual: 1500\n", "")
    findings = only(progress_text(text), "HRD510")
    assert [(f.line, f.column) for f in findings] == [
        at(text, "id: P2", after="  - "),
        at(text, "id: P2.1", after="      - "),
    ]
    assert all(f.severity is Severity.ERROR for f in findings)
    draft = text.replace("status: submitted", "status: draft")
    assert only(progress_text(draft), "HRD510") == []


def test_a_qualitative_indicator_may_report_in_its_note() -> None:
    text = PROGRESS_TEXT.replace(
        "        actual: Survivors in two counties now come through the police\n", ""
    )
    assert only(progress_text(text), "HRD510") == []
    without_note = text.replace("        note: The centres are known where they have opened.\n", "")
    assert len(only(progress_text(without_note), "HRD510")) == 1


OFF_TRACK = """\
priorities:
  - id: P1
    status: on-track
    narrative: The bill passed its first reading.
    indicators:
      - id: P1.1
        actual: 25
      - id: P1.2
        actual: no
  - id: P2
    status: at-risk
    indicators:
      - id: P2.1
        actual: 1210
      - id: P2.2
        actual: Survivors in two counties now come through the police
"""


def test_off_track_two_years_running_without_a_word() -> None:
    text = overlay(PROGRESS_TEXT, OFF_TRACK)
    finding = one(progress_text(text), "HRD511")
    assert (finding.line, finding.column) == at(text, "1210", after="actual: ")
    assert "indicator P2.1 is off track in 2027 and 2028" in finding.message
    assert finding.severity is Severity.WARNING


def test_off_track_explained_or_not_two_years_is_not_reported(tmp_path: Path) -> None:
    noted = OFF_TRACK.replace("actual: 1210\n", "actual: 1210\n        note: Courts closed.\n")
    assert only(progress_text(overlay(PROGRESS_TEXT, noted)), "HRD511") == []
    narrated = OFF_TRACK.replace("status: at-risk\n", "status: at-risk\n    narrative: Late.\n")
    assert only(progress_text(overlay(PROGRESS_TEXT, narrated)), "HRD511") == []
    # On track the year before (1500 in 2027), or no year before at all: nothing to say.
    root = copy_fixtures(tmp_path)
    before = root / "progress" / "xx-2027-2031" / "2027.yaml"
    before.write_text(before.read_text("utf-8").replace("actual: 1250", "actual: 1500"), "utf-8")
    path = root / "progress" / "xx-2027-2031" / "2028.yaml"
    assert only(lint_at(overlay(PROGRESS_TEXT, OFF_TRACK), path), "HRD511") == []
    before.unlink()
    assert only(lint_at(overlay(PROGRESS_TEXT, OFF_TRACK), path), "HRD511") == []


def test_progress_file_in_the_wrong_place(tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    elsewhere = root / "progress" / "2028.yaml"
    text = PROGRESS_TEXT.replace("../../strategies", "../strategies")
    elsewhere.write_text(text, "utf-8")
    finding = one(lint_at(text, elsewhere), "HRD512")
    assert (finding.line, finding.column) == at(text, "2028", after="year: ")
    assert "progress/xx-2027-2031/2028.yaml" in finding.message
    assert finding.severity is Severity.WARNING
    # Named for another year than it reports on.
    wrong_year = root / "progress" / "xx-2027-2031" / "2029.yaml"
    shutil.copy(PROGRESS, wrong_year)
    assert len(only(lint_at(PROGRESS_TEXT, wrong_year), "HRD512")) == 1
    # `.yml` is found too.
    yml = root / "progress" / "xx-2027-2031" / "2028.yml"
    shutil.copy(PROGRESS, yml)
    assert only(lint_at(PROGRESS_TEXT, yml), "HRD512") == []


def test_progress_rules_do_not_run_on_strategies() -> None:
    assert not any(c in ("HRD506", "HRD507", "HRD510") for c in codes(strategy("status: draft")))


# -- (5) strategies and their progress files ---------------------------------------------------


def test_missing_progress_files_of_past_years() -> None:
    findings = lint_at(STRATEGY_TEXT, STRATEGY, today=date(2031, 2, 1))
    missing = only(findings, "HRD513")
    assert [f.message.split(" (")[0] for f in missing] == [
        "no progress file for 2029",
        "no progress file for 2030",
    ]
    assert all(f.severity is Severity.INFO for f in missing)
    assert {(f.line, f.column) for f in missing} == {at(STRATEGY_TEXT, "2027-03-14")}
    assert "hrdplan progress new xx-2027-2031.yaml --year 2029" in missing[0].message


@pytest.mark.parametrize(
    ("change", "today"),
    [
        ("", date(2029, 6, 1)),  # 2027 and 2028 have theirs; 2029 is not over
        ("status: consultation\n", date(2031, 2, 1)),  # not adopted
        ("adopted: 2030-02-01\n", date(2030, 12, 1)),  # 2029 was before its adoption
    ],
)
def test_no_missing_progress_file(change: str, today: date) -> None:
    text = overlay(STRATEGY_TEXT, change) if change else STRATEGY_TEXT
    assert only(lint_at(text, STRATEGY, today=today), "HRD513") == []


def test_missing_progress_needs_a_file_on_disk() -> None:
    findings = lint_text(STRATEGY_TEXT, "-", REGISTRY, SELECTION, today=date(2031, 2, 1))
    assert only(findings, "HRD513") == []


# -- (6) lint as users call it -----------------------------------------------------------------


def test_lint_a_folder_of_both_kinds_clean(run: Run, tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    result = run("lint", ".", cwd=root, env={"HRDPLAN_TODAY": "2029-06-01"})
    assert result.code == 0, result
    assert "3 files" in result.stdout and "no findings" in result.stdout


def test_lint_a_folder_finds_problems_in_both_kinds(run: Run, tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    strategy_file = root / "strategies" / "xx-2027-2031.yaml"
    strategy_file.write_text(
        STRATEGY_TEXT.replace(
            "target: {value: 2400, year: 2031}", "target: {value: 900, year: 2031}"
        ),
        "utf-8",
    )
    progress_file = root / "progress" / "xx-2027-2031" / "2028.yaml"
    progress_file.write_text(PROGRESS_TEXT.replace("actual: 25", "actual: 125"), "utf-8")
    result = run("lint", ".", "--format", "json", cwd=root, env={"HRDPLAN_TODAY": "2031-02-01"})
    assert result.code == 1, result
    import json

    found = {(f["file"], f["code"]) for f in json.loads(result.stdout)}
    assert ("strategies/xx-2027-2031.yaml", "HRD503") in found
    assert ("strategies/xx-2027-2031.yaml", "HRD513") in found
    assert ("progress/xx-2027-2031/2028.yaml", "HRD505") in found
    text = run("lint", ".", cwd=root, env={"HRDPLAN_TODAY": "2031-02-01"}).stdout
    line, column = at(progress_file.read_text("utf-8"), "125", after="actual: ")
    assert f"progress/xx-2027-2031/2028.yaml:{line}:{column}: HRD505" in text


def test_missing_progress_files_configured_away(run: Run, tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    env = {"HRDPLAN_TODAY": "2031-02-01"}
    result = run("lint", "--strict", ".", cwd=root, env=env)
    assert result.code == 0 and "HRD513" in result.stdout, result
    (root / "hrdplan.toml").write_text('ignore = ["HRD513"]\n', "utf-8")
    result = run("lint", ".", cwd=root, env=env)
    assert result.code == 0 and "HRD513" not in result.stdout, result


def test_a_progress_file_alone_with_its_strategy_gone(run: Run, tmp_path: Path) -> None:
    root = copy_fixtures(tmp_path)
    (root / "strategies" / "xx-2027-2031.yaml").unlink()
    result = run("lint", "progress/xx-2027-2031/2028.yaml", cwd=root)
    assert result.code == 1, result
    line, column = at(PROGRESS_TEXT, "../../", after="strategy: ")
    assert f"progress/xx-2027-2031/2028.yaml:{line}:{column}: HRD506" in result.stdout


def test_a_figure_may_be_missing_when_the_note_says_why() -> None:
    text = PROGRESS_TEXT.replace("        actual: 1500\n", "")
    assert len(only(progress_text(text), "HRD510")) == 1
    explained = text.replace(
        "      - id: P2.1\n", "      - id: P2.1\n        note: No survey was held this year.\n"
    )
    assert explained != text
    assert only(progress_text(explained), "HRD510") == []
