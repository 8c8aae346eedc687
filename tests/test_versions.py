"""Catalogue versions: the chain of `previous:` links, what codes become along it, the
versioning rules (on fixture versions and on every shipped catalogue), and the diff."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from hrdplan.catalogue import diff_output
from hrdplan.catalogue.diff import diff
from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.registry import Registry
from hrdplan.catalogue.versions import (
    Gone,
    bump_of,
    check,
    lineage,
    mapping,
    required_bump,
    translate,
    walk,
)

VERSIONS = FIXTURES / "catalogues" / "versions"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry([VERSIONS])


def load(registry: Registry, version: str) -> Catalogue:
    return registry.load(f"test-plan@{version}")


def chain(registry: Registry, a: str, b: str) -> list[Catalogue]:
    found = walk(registry, load(registry, a), load(registry, b))
    assert found is not None
    return found


# -- the chain ----------------------------------------------------------------------------------


def test_lineage_follows_previous(registry: Registry) -> None:
    assert [c.version for c in lineage(registry, load(registry, "3.0.0"))] == [
        "3.0.0",
        "2.0.0",
        "1.1.0",
        "1.0.0",
    ]


def test_walk_up_and_down(registry: Registry) -> None:
    assert [c.version for c in chain(registry, "1.0.0", "2.0.0")] == ["1.0.0", "1.1.0", "2.0.0"]
    assert [c.version for c in chain(registry, "3.0.0", "1.1.0")] == ["3.0.0", "2.0.0", "1.1.0"]


def test_versions_without_a_link_are_not_one_chain(tmp_path: Path, registry: Registry) -> None:
    folder = tmp_path / "test-plan"
    folder.mkdir()
    text = (VERSIONS / "test-plan" / "1.0.0.yaml").read_text(encoding="utf-8")
    (folder / "1.0.0.yaml").write_text(text, encoding="utf-8")
    (folder / "1.5.0.yaml").write_text(text.replace("version: 1.0.0", "version: 1.5.0"), "utf-8")
    unlinked = Registry([tmp_path])
    assert walk(unlinked, load(unlinked, "1.0.0"), load(unlinked, "1.5.0")) is None
    assert walk(registry, load(registry, "1.0.0"), Registry().load()) is None  # another id


# -- what codes become --------------------------------------------------------------------------


def test_renames_compose_along_the_chain(registry: Registry) -> None:
    # 1.1.b became 1.3.a in 2.0.0, and 1.3.a became 1.3.b in 3.0.0.
    assert translate("1.1.b", "objective", chain(registry, "1.0.0", "2.0.0")) == "1.3.a"
    assert translate("1.1.b", "objective", chain(registry, "1.0.0", "3.0.0")) == "1.3.b"
    assert translate("1.2.a", "objective", chain(registry, "1.0.0", "3.0.0")) == "1.2.a"
    assert (
        translate("public-diplomacy", "instrument", chain(registry, "1.0.0", "3.0.0"))
        == "strategic-communication"
    )


def test_removed_code_is_gone_naming_the_version(registry: Registry) -> None:
    result = translate("1.2.b", "objective", chain(registry, "1.1.0", "3.0.0"))
    assert result == Gone("removed in test-plan@2.0.0")


def test_going_down_reverses_renames(registry: Registry) -> None:
    down = chain(registry, "3.0.0", "1.0.0")
    assert translate("1.3.b", "objective", down) == "1.1.b"
    assert translate("strategic-communication", "instrument", down) == "public-diplomacy"
    # 3.0.0's 1.3.a is a new objective, not 2.0.0's 1.3.a (which became 1.3.b).
    assert translate("1.3.a", "objective", down) == Gone(
        "added in test-plan@3.0.0, not in test-plan@2.0.0"
    )
    assert translate("1.2.b", "objective", chain(registry, "1.1.0", "1.0.0")) == Gone(
        "added in test-plan@1.1.0, not in test-plan@1.0.0"
    )


def test_mapping_of_every_code(registry: Registry) -> None:
    old = load(registry, "1.1.0")
    assert mapping(old, "objective", chain(registry, "1.1.0", "2.0.0")) == {
        "1.1.a": "1.1.a",
        "1.1.b": "1.3.a",
        "1.2.a": "1.2.a",
        "1.2.b": None,
        "2.1.a": "2.1.a",
    }


# -- the rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [("1.0.0", "1.0.1", "patch"), ("1.0.9", "1.1.0", "minor"), ("1.9.0", "2.0.0", "major")],
)
def test_bump_of(old: str, new: str, bump: str) -> None:
    assert bump_of(old, new) == bump
    assert bump_of(new, old) is None
    assert bump_of(old, old) is None


def test_fixture_versions_follow_the_rules(registry: Registry) -> None:
    for version in registry.versions("test-plan"):
        assert check(registry, load(registry, version)) == [], version


def test_every_shipped_catalogue_follows_the_rules() -> None:
    shipped = Registry()
    checked = 0
    for entry in shipped.entries():
        catalogue = shipped.load(entry.ref)
        assert check(shipped, catalogue) == [], entry.ref
        checked += catalogue.previous is not None
    assert checked >= 2  # 1.1.0 follows 1.0.0, 1.1.1 follows 1.1.0


def variant(tmp_path: Path, version: str, edit: dict[str, str]) -> tuple[Registry, Path]:
    """The fixture versions, with one version's text edited (old -> new, each must occur)."""
    shutil.copytree(VERSIONS, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "test-plan" / f"{version}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in edit.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    target = path.with_name(f"{version}.yaml")
    target.write_text(text, encoding="utf-8")
    return Registry([tmp_path]), target


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize(
    ("version", "edit", "needle", "message"),
    [
        (
            "2.0.0",
            {"version: 2.0.0\nprevious: 1.1.0": "version: 2.0.0\nprevious: 1.7.0"},
            "previous: 1.7.0",
            "previous: 1.7.0 is not a version of test-plan (available: 1.0.0, 1.1.0, 2.0.0, 3.0.0)",
        ),
        (
            "2.0.0",
            {"  1.1.b: 1.3.a": "  1.1.z: 1.3.a"},
            "1.1.z: 1.3.a",
            "renamed objective 1.1.z is not in test-plan@1.1.0",
        ),
        (
            "2.0.0",
            {"  1.1.b: 1.3.a": "  1.1.b: 1.3.q"},
            "1.1.b: 1.3.q",
            "objective 1.1.b is renamed to 1.3.q, which is not in test-plan@2.0.0",
        ),
        (
            "2.0.0",
            {"removed: [1.2.b]": "removed: [1.2.b, 1.9.a]"},
            "removed: [1.2.b, 1.9.a]",
            "removed objective 1.9.a is not in test-plan@1.1.0",
        ),
        (
            "2.0.0",
            {"removed: [1.2.b]": "removed: []"},
            "version: 2.0.0",
            "objective 1.2.b of test-plan@1.1.0 is missing: declare it under `renamed:` or "
            "`removed:`",
        ),
        (
            "2.0.0",
            {"  public-diplomacy: strategic-communication\n": "  {}\n"},
            "version: 2.0.0",
            "instrument public-diplomacy of test-plan@1.1.0 is missing",
        ),
    ],
    ids=[
        "unknown-previous",
        "renamed-from-unknown",
        "renamed-to-unknown",
        "removed-unknown",
        "undeclared-removal",
        "undeclared-instrument-removal",
    ],
)
def test_version_rule_violations_name_the_file_and_position(
    tmp_path: Path, version: str, edit: dict[str, str], needle: str, message: str
) -> None:
    registry, path = variant(tmp_path, version, edit)
    problems = check(registry, registry.load(f"test-plan@{version}"))
    matching = [p for p in problems if message in p.message]
    assert matching, problems
    problem = matching[0]
    assert problem.file.endswith(f"test-plan/{version}.yaml")
    assert problem.line == line_of(path, needle)
    assert problem.column is not None and problem.column >= 1


def renumbered(tmp_path: Path, version: str, new_version: str) -> tuple[Registry, Path]:
    """The fixture versions with one version published under another number."""
    edit = {f"version: {version}\n": f"version: {new_version}\n"}
    _, path = variant(tmp_path, version, edit)
    order = ["1.0.0", "1.1.0", "2.0.0", "3.0.0"]
    for later in order[order.index(version) + 1 :]:
        (tmp_path / "test-plan" / f"{later}.yaml").unlink()  # they follow the renumbered one
    moved = path.rename(path.with_name(f"{new_version}.yaml"))
    return Registry([tmp_path]), moved


def test_removal_in_a_minor_release_needs_a_major_bump(tmp_path: Path) -> None:
    registry, path = renumbered(tmp_path, "2.0.0", "1.2.0")
    (problem,) = check(registry, registry.load("test-plan@1.2.0"))
    assert "version 1.2.0 after 1.1.0 is a minor release, but the changes need a major one" in (
        problem.message
    )
    assert "objectives removed: 1.2.b" in problem.message
    assert "objectives renamed: 1.1.b" in problem.message
    assert problem.line == line_of(path, "version: 1.2.0")


def test_additions_in_a_patch_release_need_a_minor_bump(tmp_path: Path) -> None:
    registry, path = renumbered(tmp_path, "1.1.0", "1.0.1")
    (problem,) = check(registry, registry.load("test-plan@1.0.1"))
    assert problem.message == (
        "version 1.0.1 after 1.0.0 is a patch release, but the changes need a minor one "
        "(objectives added: 1.2.b; instruments added: election-observation; tags added: elections)"
    )
    assert (problem.line, problem.column) == (line_of(path, "version: 1.0.1"), 10)


def test_marking_a_democracy_line_needs_a_minor_bump(tmp_path: Path) -> None:
    # What HRD406 asks of a strategy changes: more than a text correction.
    folder = tmp_path / "test-plan"
    folder.mkdir()
    text = (VERSIONS / "test-plan" / "1.0.0.yaml").read_text(encoding="utf-8")
    (folder / "1.0.0.yaml").write_text(text, encoding="utf-8")
    patch = text.replace("version: 1.0.0\n", "version: 1.0.1\nprevious: 1.0.0\n").replace(
        "  - code: '2'\n", "  - code: '2'\n    democracy: true\n"
    )
    (folder / "1.0.1.yaml").write_text(patch, encoding="utf-8")
    registry = Registry([tmp_path])
    old, new = load(registry, "1.0.0"), load(registry, "1.0.1")
    result = diff(old, new, renamed=mapping(old, "objective", [old, new]))
    assert [(m.field, m.old, m.new) for m in result.metadata] == [("democracy", "none", "2")]
    assert required_bump(result) == "minor"
    (problem,) = check(registry, new)
    assert problem.message == (
        "version 1.0.1 after 1.0.0 is a patch release, but the changes need a minor one "
        "(democracy none -> 2)"
    )


def test_version_must_be_greater_than_previous(tmp_path: Path) -> None:
    registry, path = renumbered(tmp_path, "1.1.0", "0.9.0")
    assert path.name == "0.9.0.yaml"
    (problem,) = check(registry, registry.load("test-plan@0.9.0"))
    assert problem.message == "version 0.9.0 must be greater than previous 1.0.0"


# -- the diff -----------------------------------------------------------------------------------


def test_diff_of_the_shipped_versions_is_the_plan_period() -> None:
    shipped = Registry()
    old, new = shipped.load("eu-hrd-2020-2024@1.0.0"), shipped.load("eu-hrd-2020-2024@1.1.0")
    result = diff(old, new, renamed=mapping(old, "objective", [old, new]))
    assert [(m.field, m.old, m.new) for m in result.metadata] == [
        ("plan_period", "2020-2024", "2020-2027")
    ]
    assert not result.objectives and not result.instruments and not result.tags
    assert required_bump(result) == "minor"


def test_diff_of_the_patch_release_is_the_correction() -> None:
    # 1.1.1 corrects a typing error in 1.6.f and marks line 2 `democracy: true`, which
    # 1.1.0 was already read as marking: a patch release.
    shipped = Registry()
    old, new = shipped.load("eu-hrd-2020-2024@1.1.0"), shipped.load("eu-hrd-2020-2024@1.1.1")
    assert new.previous == "1.1.0"
    result = diff(old, new, renamed=mapping(old, "objective", [old, new]))
    assert result.metadata == []
    assert [(c.code, c.fields) for c in result.objectives.reworded] == [("1.6.f", ("nl",))]
    assert not result.objectives.changed and not result.instruments and not result.tags
    assert required_bump(result) == "patch"
    assert check(shipped, new) == []


def test_diff_without_a_chain_matches_codes_only(registry: Registry) -> None:
    old, new = load(registry, "1.1.0"), load(registry, "2.0.0")
    result = diff(old, new)
    assert not result.linked
    assert result.objectives.renamed == []
    assert result.objectives.removed == ["1.1.b", "1.2.b"]
    assert result.objectives.added == ["1.3.a"]


def test_diff_reports_other_changes_of_an_objective(tmp_path: Path) -> None:
    edit = {"tags: [elections]": "tags: [elections, digital]"}
    registry, _ = variant(tmp_path, "1.1.0", edit)
    old = load(Registry([VERSIONS]), "1.1.0")
    new = load(registry, "1.1.0")
    result = diff(old, new, renamed=mapping(old, "objective", [old, old]))
    assert [(c.code, c.fields) for c in result.objectives.changed] == [("1.2.b", ("tags",))]
    assert required_bump(result) == "minor"
    json = diff_output.to_json(result)["objectives"]
    assert json["changed"] == [{"code": "1.2.b", "fields": ["tags"]}]


def test_a_shorter_plan_period_needs_a_major_bump(tmp_path: Path) -> None:
    edit = {"plan_period: {start: 2021, end: 2025}": "plan_period: {start: 2021, end: 2024}"}
    registry, _ = variant(tmp_path, "1.1.0", edit)
    old, new = load(Registry([VERSIONS]), "1.1.0"), load(registry, "1.1.0")
    assert required_bump(diff(old, new)) == "major"
    assert required_bump(diff(new, old)) == "minor"
