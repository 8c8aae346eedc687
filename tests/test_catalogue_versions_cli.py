"""`hrdplan catalogue versions` and `hrdplan catalogue diff` on fixture versions and on the
shipped catalogue, text and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import FIXTURES, Run

VERSIONS = FIXTURES / "catalogues" / "versions"
DIR = ("--catalogue-dir", VERSIONS)


def as_json(text: str) -> Any:
    return json.loads(text)


def test_versions_of_a_catalogue_dir(cli: Run) -> None:
    rows = as_json(cli("catalogue", "versions", *DIR, "--format", "json").stdout)
    mine = [r for r in rows if r["id"] == "test-plan"]
    assert [r["version"] for r in mine] == ["1.0.0", "1.1.0", "2.0.0", "3.0.0"]
    assert [r["newest"] for r in mine] == [False, False, False, True]
    assert [r["previous"] for r in mine] == [None, "1.0.0", "1.1.0", "2.0.0"]
    text = cli("catalogue", "versions", *DIR).stdout.splitlines()
    (newest,) = [line for line in text if "newest" in line and line.startswith("test-plan")]
    assert newest.startswith("test-plan@3.0.0 ") and "follows 2.0.0" in newest


def test_diff_text_lists_each_kind_of_change(cli: Run) -> None:
    result = cli("catalogue", "diff", "test-plan@1.0.0", "test-plan@3.0.0", *DIR)
    assert result.code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0] == "test-plan@1.0.0 -> test-plan@3.0.0"
    for expected in (
        "objectives:",
        "  added     1.3.a  End child labour.",
        "  renamed   1.1.b -> 1.3.b",
        "  reworded  1.1.a (en)",
        "instruments:",
        "  added     election-observation  Election observation",
        "  renamed   public-diplomacy -> strategic-communication",
        "  reworded  strategic-communication (en, nl)",
        "tags:",
        "  added     elections  Elections",
        "needs at least a major version bump",
    ):
        assert expected in lines, (expected, lines)
    # An instrument renamed inside an objective's list is not a change of the objective.
    assert not any(line.startswith("  changed   1.2.a") for line in lines)


def test_diff_text_shows_removals(cli: Run) -> None:
    lines = cli("catalogue", "diff", "test-plan@1.1.0", "test-plan@2.0.0", *DIR).stdout
    assert "  removed   1.2.b  Observe elections." in lines.splitlines()


def test_diff_json(cli: Run) -> None:
    result = cli(
        "catalogue", "diff", "test-plan@1.1.0", "test-plan@2.0.0", *DIR, "--format", "json"
    )
    assert result.code == 0, result
    data = as_json(result.stdout)
    assert (data["from"], data["to"], data["linked"]) == (
        "test-plan@1.1.0",
        "test-plan@2.0.0",
        True,
    )
    objectives = data["objectives"]
    assert objectives["removed"] == ["1.2.b"]
    assert objectives["renamed"] == [{"from": "1.1.b", "to": "1.3.a"}]
    assert objectives["added"] == []
    assert data["instruments"]["renamed"] == [
        {"from": "public-diplomacy", "to": "strategic-communication"}
    ]
    assert data["instruments"]["reworded"] == [
        {"code": "strategic-communication", "languages": ["en", "nl"]}
    ]
    assert data["bump"] == "major"
    reverse = as_json(
        cli(
            "catalogue", "diff", "test-plan@1.0.0", "test-plan@1.1.0", *DIR, "--format", "json"
        ).stdout
    )
    assert reverse["objectives"]["added"] == ["1.2.b"]
    assert reverse["objectives"]["reworded"] == [{"code": "1.1.a", "languages": ["en"]}]
    assert reverse["tags"]["added"] == ["elections"]
    assert reverse["bump"] == "minor"


def test_diff_of_the_shipped_versions(cli: Run) -> None:
    result = cli("catalogue", "diff", "1.0.0", "1.1.0")
    assert result.code == 0, result
    assert result.stdout.splitlines() == [
        "eu-hrd-2020-2024@1.0.0 -> eu-hrd-2020-2024@1.1.0",
        "metadata:",
        "  plan_period: 2020-2024 -> 2020-2027",
        "needs at least a minor version bump",
    ]
    data = as_json(cli("catalogue", "diff", "1.0.0", "1.1.0", "--format", "json").stdout)
    assert data["metadata"] == [{"field": "plan_period", "from": "2020-2024", "to": "2020-2027"}]


def test_diff_of_the_patch_release(cli: Run) -> None:
    result = cli("catalogue", "diff", "1.1.0", "1.1.1")
    assert result.code == 0, result
    assert result.stdout.splitlines() == [
        "eu-hrd-2020-2024@1.1.0 -> eu-hrd-2020-2024@1.1.1",
        "objectives:",
        "  reworded  1.6.f (nl)",
        "needs at least a patch version bump",
    ]
    data = as_json(cli("catalogue", "diff", "1.1.0", "1.1.1", "--format", "json").stdout)
    assert data["bump"] == "patch" and data["metadata"] == []


def test_diff_of_a_version_with_itself(cli: Run) -> None:
    result = cli("catalogue", "diff", "1.1.0", "eu-hrd-2020-2024@1.1.0")
    assert result.stdout.splitlines()[-1] == "no differences"


def test_diff_of_unknown_version_exits_2(cli: Run) -> None:
    result = cli("catalogue", "diff", "test-plan@1.0.0", "test-plan@4.0.0", *DIR)
    assert result.code == 2
    assert "test-plan has no version '4.0.0'" in result.stderr


def test_diff_checks_the_versioning_rules(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "catalogues" / "test-plan"
    folder.mkdir(parents=True)
    for version in ("1.0.0", "1.1.0"):
        text = (VERSIONS / "test-plan" / f"{version}.yaml").read_text(encoding="utf-8")
        (folder / f"{version}.yaml").write_text(
            text.replace("previous: 1.0.0", "previous: 0.1.0"), encoding="utf-8"
        )
    result = cli(
        "catalogue", "diff", "test-plan@1.0.0", "test-plan@1.1.0", "--catalogue-dir", folder.parent
    )
    assert result.code == 2
    assert result.stdout == ""
    line = next(
        n
        for n, text in enumerate((folder / "1.1.0.yaml").read_text("utf-8").splitlines(), 1)
        if text.startswith("previous:")
    )
    assert result.stderr == (
        f"catalogues/test-plan/1.1.0.yaml:{line}:11: error: previous: 0.1.0 is not a version of "
        "test-plan (available: 1.0.0, 1.1.0)\n"
    )


def test_diff_of_unlinked_versions_matches_by_code(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "catalogues" / "test-plan"
    folder.mkdir(parents=True)
    for version in ("1.1.0", "2.0.0"):
        text = (VERSIONS / "test-plan" / f"{version}.yaml").read_text(encoding="utf-8")
        # Each starts a chain of its own: no `previous:`, no renames.
        text = re.sub(r"previous: .*\n", "", text)
        text = re.sub(r"renamed:\n(?:.*\n)*?lines:\n", "lines:\n", text)
        (folder / f"{version}.yaml").write_text(text, encoding="utf-8")
    result = cli(
        "catalogue", "diff", "test-plan@1.1.0", "test-plan@2.0.0", "--catalogue-dir", folder.parent
    )
    assert result.code == 0, result
    assert "(the versions are not one chain: renames are not known)" in result.stdout
    assert "  removed   1.1.b  Protect the rights of girls and boys." in result.stdout


def test_readme_catalogue_table_is_generated_from_the_shipped_catalogues(run: Run) -> None:
    from conftest import ROOT

    from hrdplan.catalogue import browse
    from hrdplan.catalogue.registry import Registry

    table = browse.versions_table(Registry())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, "README catalogue table drifted from the shipped catalogues"
    # The version it marks newest is the one `catalogue versions` marks.
    newest = next(
        line for line in run("catalogue", "versions").stdout.splitlines() if "newest" in line
    )
    assert f"`{newest.split()[0]}` (newest)" in table
