"""`hrdplan diff`'s comparison (hrdplan.review.diff): each kind of change in the strategy's
terms, rename-aware pairing across catalogue versions, format 1 against format 2, and a
property: a strategy compared with itself has no change, and every field mutated is listed."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdplan.catalogue.registry import Registry
from hrdplan.inputs import strategy_text
from hrdplan.review.diff import Comparison, compare, pair_by_text
from hrdplan.review.words import word_diff
from hrdplan.settings import Settings

REGISTRY = Registry()
VERSIONS = Registry([FIXTURES / "catalogues" / "versions"])
GHANA = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
TUNISIA = (EXAMPLES / "tn-2021-2025.yaml").read_text(encoding="utf-8")


def diff(old: str, new: str, registry: Registry = REGISTRY) -> Comparison:
    settings = Settings(registry=registry)
    before = strategy_text(old, "old.yaml", settings).loaded
    after = strategy_text(new, "new.yaml", settings).loaded
    return compare(before, after, registry, old_name="old.yaml", new_name="new.yaml")


def whats(comparison: Comparison) -> list[str]:
    return [c.what for c in comparison.changes]


def one(comparison: Comparison, what: str) -> Any:
    found = [c for c in comparison.changes if c.what == what]
    assert len(found) == 1, comparison.changes
    return found[0]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


def test_a_strategy_compared_with_itself_has_no_change() -> None:
    for text in (GHANA, TUNISIA):
        result = diff(text, text)
        assert result.changes == [] and result.status == "unchanged"


def test_status_classification_and_period() -> None:
    new = GHANA.replace("status: adopted ", "status: draft   ", 1)
    new = new.replace("classification: restricted", "classification: limited")
    new = new.replace("period: {start: 2021, end: 2025}", "period: {start: 2022, end: 2026}")
    result = diff(GHANA, new)
    status = one(result, "status")
    assert (status.old, status.new, status.kind) == ("adopted", "draft", "changed")
    assert status.line == line_of(new, "status:")
    assert (one(result, "classification").old, one(result, "classification").new) == (
        "restricted",
        "limited",
    )
    assert one(result, "period").new == "2022-2026"
    assert not any(c.commitment for c in result.changes)


def test_a_priority_added_removed_and_re_targeted() -> None:
    data = yaml.safe_load(GHANA)
    new = copy.deepcopy(data)
    new["priorities"][0]["objective"] = "1.1.c"  # P1 re-targeted
    removed = new["priorities"].pop(1)  # P2 removed
    added = copy.deepcopy(removed)
    added["id"] = "P9"
    new["priorities"].append(added)
    result = diff(GHANA, yaml.safe_dump(new, sort_keys=False, allow_unicode=True))
    retarget = one(result, "priority.objective")
    assert (retarget.subject, retarget.old, retarget.new) == ("priority P1", "1.1.j", "1.1.c")
    assert retarget.commitment and retarget.kind == "changed"
    kinds = {(c.subject, c.kind) for c in result.changes if c.what == "priority"}
    assert kinds == {("priority P2", "removed"), ("priority P9", "added")}
    assert all(c.commitment for c in result.changes if c.what == "priority")
    # Where it stands: the re-target at P1's objective in the new file, the removal at the old.
    assert retarget.old_line == line_of(GHANA, "objective: 1.1.j")


def test_gender_marker_objective_approach_and_gap_areas() -> None:
    new = GHANA.replace("      marker: 2\n", "      marker: 1\n", 1)
    new = new.replace("gap: [gbv]\n", "gap: [gbv, participation]\n", 1)
    result = diff(GHANA, new)
    marker = one(result, "priority.gender.marker")
    assert (marker.subject, marker.old, marker.new, marker.commitment) == (
        "priority P1",
        "2",
        "1",
        True,
    )
    assert marker.line == line_of(new, "marker: 1")
    gap = one(result, "priority.gender.gap")
    assert (gap.old, gap.new) == ("gbv", "gbv, participation")


def test_targets_baselines_and_milestones_with_their_years() -> None:
    new = GHANA.replace("target: {value: 6000, year: 2025}", "target: {value: 5000, year: 2025}")
    new = new.replace("baseline: {value: 4, year: 2021}", "baseline: {value: 5, year: 2020}")
    new = new.replace(
        "milestones: [{value: 28, year: 2023}]", "milestones: [{value: 30, year: 2024}]"
    )
    result = diff(GHANA, new)
    target = one(result, "indicator.target")
    assert (target.subject, target.old, target.new) == (
        "indicator P1.1",
        "6000 (2025)",
        "5000 (2025)",
    )
    baseline = one(result, "indicator.baseline")
    assert (baseline.subject, baseline.old, baseline.new) == (
        "indicator P1.2",
        "4 (2021)",
        "5 (2020)",
    )
    milestones = one(result, "indicator.milestones")
    assert (milestones.old, milestones.new) == ("28% (2023)", "30% (2024)")  # a percentage
    assert all(c.commitment for c in result.changes)
    assert target.line == line_of(new, "target: {value: 5000")


def test_actions_and_indicators_added_removed_or_reworded() -> None:
    data = yaml.safe_load(GHANA)
    new = copy.deepcopy(data)
    p1 = new["priorities"][0]
    p1["actions"][0]["text"] = p1["actions"][0]["text"].replace("Fund", "Fund and scale", 1)
    p1["actions"].pop(1)
    p1["actions"].append({"text": "Fund a national hotline for survivors."})
    p1["indicators"][0]["text"] += " each year"
    p1["indicators"].pop(2)  # P1.3
    extra = copy.deepcopy(p1["indicators"][1])
    extra["id"] = "P1.9"
    p1["indicators"].append(extra)
    result = diff(GHANA, yaml.safe_dump(new, sort_keys=False, allow_unicode=True))
    reworded = one(result, "action.text")
    assert reworded.subject == "action 1 of priority P1"
    assert [(s.op, s.text) for s in reworded.words if s.op != "equal"] == [("insert", "and scale ")]
    actions = sorted((c.kind, c.subject) for c in result.changes if c.what == "action")
    assert [kind for kind, _ in actions] == ["added", "removed"]
    indicators = {(c.subject, c.kind) for c in result.changes if c.what == "indicator"}
    assert indicators == {("indicator P1.3", "removed"), ("indicator P1.9", "added")}
    text = one(result, "indicator.text")
    assert text.subject == "indicator P1.1" and text.words[-1].op == "insert"


def test_free_text_is_a_word_level_diff() -> None:
    new = GHANA.replace("most stable democracies", "most resilient democracies", 1)
    change = one(diff(GHANA, new), "context")
    ops = [(s.op, s.text.strip()) for s in change.words if s.op != "equal"]
    assert ops == [("delete", "stable"), ("insert", "resilient")]
    # Joining the segments gives back each side (whitespace normalised).
    old = "".join(s.text for s in change.words if s.op != "insert")
    assert " ".join(old.split()) == " ".join(change.old.split())


def test_rewrapping_a_paragraph_is_no_change() -> None:
    new = GHANA.replace(
        "Ghana is one of the most stable democracies in West Africa. Since",
        "Ghana is one of the most stable democracies in West Africa.\n  Since",
        1,
    )
    assert new != GHANA
    assert diff(GHANA, new).changes == []


def test_word_diff_segments() -> None:
    segments = word_diff("a b c d", "a x c d e")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "a "),
        ("delete", "b "),
        ("insert", "x "),
        ("equal", "c d "),
        ("insert", "e"),
    ]


def test_pairing_by_text_reads_a_rewording_as_one_change() -> None:
    pairs = pair_by_text(
        ["Raise the moratorium in every dialogue", "Fund shelters"],
        ["Fund shelters", "Raise the moratorium in every political dialogue", "New one"],
    )
    assert (0, 1) in pairs and (1, 0) in pairs and (None, 2) in pairs


# -- format 1 against format 2 ------------------------------------------------------------------


def test_an_upgrade_to_format_2_is_a_change_of_format() -> None:
    from hrdplan.io.yamlio import parse
    from hrdplan.strategy.upgrade import upgrade

    upgraded = upgrade(parse(TUNISIA, "tn.yaml")).text
    result = diff(TUNISIA, upgraded)
    assert whats(result) == ["format"], result.changes
    change = result.changes[0]
    assert (change.old, change.new) == ("1", "2") and "migrate --format 2" in (change.note or "")


def test_format_1_against_format_2_still_sees_a_changed_target() -> None:
    from hrdplan.io.yamlio import parse
    from hrdplan.strategy.upgrade import upgrade

    upgraded = yaml.safe_load(upgrade(parse(TUNISIA, "tn.yaml")).text)
    indicator = upgraded["priorities"][0]["indicators"][0]
    target = indicator["target"]
    assert isinstance(target, dict), target
    target["value"] = target["value"] + 1 if not isinstance(target["value"], bool) else False
    result = diff(TUNISIA, yaml.safe_dump(upgraded, sort_keys=False, allow_unicode=True))
    assert sorted(whats(result)) == ["format", "indicator.target"], result.changes
    assert one(result, "indicator.target").subject == "indicator P1.1"


# -- catalogue versions: a rename is a re-pin ----------------------------------------------------

KENYA = """\
hrdplan: 1
catalogue: test-plan@1.0.0
country: KE
title: EU Human Rights and Democracy Country Strategy for Kenya 2021-2025
period: {start: 2021, end: 2025}
status: draft
classification: restricted
delegation: EU Delegation to Kenya
priorities:
  - id: P1
    objective: 1.1.b
    title: Children's rights
    actions:
      - text: Campaign
        instruments: [public-diplomacy, human-rights-dialogue]
  - id: P2
    objective: 1.2.a
    title: Digital rights
"""


def test_a_catalogue_rename_is_a_re_pin_not_a_priority_removed_and_added() -> None:
    new = KENYA.replace("test-plan@1.0.0", "test-plan@2.0.0").replace("1.1.b", "1.3.a")
    new = new.replace("[public-diplomacy,", "[strategic-communication,")
    result = diff(KENYA, new, VERSIONS)
    assert sorted(whats(result)) == ["catalogue", "priority.objective"], result.changes
    renamed = one(result, "priority.objective")
    assert (renamed.kind, renamed.old, renamed.new, renamed.commitment) == (
        "renamed",
        "1.1.b",
        "1.3.a",
        False,
    )
    assert "renamed by the catalogue from test-plan@1.0.0 to test-plan@2.0.0" in (
        renamed.note or ""
    )
    pin = one(result, "catalogue")
    assert (pin.old, pin.new) == ("test-plan@1.0.0", "test-plan@2.0.0")


def test_renames_compose_along_the_chain() -> None:
    new = KENYA.replace("test-plan@1.0.0", "test-plan@3.0.0").replace("1.1.b", "1.3.b")
    new = new.replace("[public-diplomacy,", "[strategic-communication,")
    renamed = one(diff(KENYA, new, VERSIONS), "priority.objective")
    assert renamed.kind == "renamed" and not renamed.commitment


def test_a_re_pin_that_also_re_targets_is_a_re_target() -> None:
    new = KENYA.replace("test-plan@1.0.0", "test-plan@2.0.0").replace("1.1.b", "1.1.a")
    new = new.replace("[public-diplomacy,", "[strategic-communication,")
    change = one(diff(KENYA, new, VERSIONS), "priority.objective")
    assert change.kind == "changed" and change.commitment


# -- the property -------------------------------------------------------------------------------

BASE = yaml.safe_load(GHANA)


def _p(data: dict[str, Any], i: int) -> dict[str, Any]:
    return data["priorities"][i % len(data["priorities"])]  # type: ignore[no-any-return]


def _i(data: dict[str, Any], i: int) -> dict[str, Any]:
    return _p(data, i)["indicators"][0]  # type: ignore[no-any-return]


def _other(value: Any, choices: list[Any]) -> Any:
    return next(c for c in choices if c != value)


MUTATIONS: dict[str, Any] = {
    "status": lambda d, i: d.update(status=_other(d["status"], ["draft", "consultation"])),
    "classification": lambda d, i: d.update(classification="public"),
    "title": lambda d, i: d.update(title=d["title"] + " (revised)"),
    "context": lambda d, i: d.update(context="A new analysis. " + d["context"]),
    "period": lambda d, i: d.update(period={"start": 2022, "end": 2026}),
    "reference": lambda d, i: d.update(reference="EEAS(2022) 0001"),
    "member_states": lambda d, i: d.update(member_states=[*d["member_states"], "SE"]),
    "priority.title": lambda d, i: _p(d, i).update(title=_p(d, i)["title"] + " now"),
    "priority.objective": lambda d, i: _p(d, i).update(objective="9.9.z"),
    "priority.gender.marker": lambda d, i: _p(d, i)["gender"].update(
        marker=_other(_p(d, i)["gender"]["marker"], [0, 1, 2])
    ),
    "priority.gender.gap": lambda d, i: _p(d, i)["gender"].update(gap=["new-area"]),
    "indicator.target": lambda d, i: _i(d, i)["target"].update(year=_i(d, i)["target"]["year"] - 1),
    "indicator.baseline": lambda d, i: _i(d, i)["baseline"].update(
        year=_i(d, i)["baseline"]["year"] - 1
    ),
    "indicator.source": lambda d, i: _i(d, i).update(source="a new survey"),
    "indicator.text": lambda d, i: _i(d, i).update(text=_i(d, i)["text"] + " (all regions)"),
}


def test_a_strategy_dumped_again_has_no_change() -> None:
    assert diff(GHANA, yaml.safe_dump(BASE, sort_keys=False, allow_unicode=True)).changes == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=5, unique=True),
    st.integers(min_value=0, max_value=20),
)
def test_every_mutated_field_is_listed(mutated: list[str], index: int) -> None:
    data = copy.deepcopy(BASE)
    for what in mutated:
        MUTATIONS[what](data, index)
    result = diff(GHANA, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert set(whats(result)) == set(mutated), result.changes


@pytest.mark.parametrize("text", [GHANA, TUNISIA])
def test_every_change_has_a_position_in_the_new_file(text: str) -> None:
    data = yaml.safe_load(text)
    data["priorities"].pop()
    data["status"] = "consultation"
    new = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    for change in diff(text, new).changes:
        assert 1 <= change.line <= len(new.splitlines()) and change.column >= 1
