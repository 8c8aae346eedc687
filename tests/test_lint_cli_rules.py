"""The HRD1xx-HRD4xx rules through the installed `hrdplan lint`: exit codes and finding lines."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import EXAMPLES, Run
from lintutil import at, drop, overlay

GHANA = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<code>HRD\d{3}) (?P<msg>.+)$")


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def lines(stdout: str) -> list[tuple[str, int, int, str, str]]:
    """The finding lines, but HRD008 (a format 1 strategy is told of format 2; the Ghana
    example may be in either format: tests/test_lint_progress.py)."""
    return [
        (m["file"], int(m["line"]), int(m["col"]), m["code"], m["msg"])
        for m in map(LINE.match, stdout.splitlines())
        if m and m["code"] != "HRD008"
    ]


def test_error_exits_1_with_the_finding_line(run: Run, tmp_path: Path) -> None:
    text = overlay(GHANA, "country: FR\n")
    write(tmp_path, text)
    result = run("lint", "s.yaml")
    assert result.code == 1, result
    line, column = at(text, "FR", after="country: ")
    assert lines(result.stdout) == [
        (
            "s.yaml",
            line,
            column,
            "HRD302",
            "host country FR (France) is an EU member state: a country strategy is for a "
            "third country",
        )
    ]


def test_warnings_only_exit_0(run: Run, tmp_path: Path) -> None:
    text = overlay(GHANA, "period: {start: 2028, end: 2032}\n")
    write(tmp_path, text)
    # The indicators' years now fall outside the period (HRD504, errors): not this test's case.
    result = run("lint", "s.yaml", "--ignore", "HRD504")
    assert result.code == 0, result
    line, column = at(text, "2028")
    assert [(f[1], f[2], f[3]) for f in lines(result.stdout)] == [(line, column, "HRD305")]
    assert run("lint", "--strict", "s.yaml", "--ignore", "HRD504").code == 1


def test_placeholder_fails_only_after_draft(run: Run, tmp_path: Path) -> None:
    todo = 'context: "TODO: country situation analysis"\n'
    write(tmp_path, overlay(GHANA, "status: draft\n" + todo), "draft.yaml")
    write(tmp_path, overlay(GHANA, todo), "adopted.yaml")
    draft = run("lint", "draft.yaml")
    assert draft.code == 0, draft
    assert [f[3] for f in lines(draft.stdout)] == ["HRD401"]
    adopted = run("lint", "adopted.yaml")
    assert adopted.code == 1, adopted
    assert [f[3] for f in lines(adopted.stdout)] == ["HRD401"]


def test_catalogue_references_with_suggestions(run: Run, tmp_path: Path) -> None:
    text = GHANA.replace("objective: 1.4.c", "objective: 1.4.z", 1).replace(
        "[public-diplomacy]", "[public-diplomcy]", 1
    )
    write(tmp_path, text)
    result = run("lint", "--select", "HRD1", "s.yaml")
    assert result.code == 1, result
    found = lines(result.stdout)
    assert sorted(f[3] for f in found) == ["HRD101", "HRD105"]
    by_code = {f[3]: f for f in found}
    assert by_code["HRD101"][1:3] == at(text, "1.4.z", after="objective: ")
    assert "did you mean 1.4." in by_code["HRD101"][4]
    assert by_code["HRD105"][1:3] == at(text, "public-diplomcy")
    assert "did you mean public-diplomacy" in by_code["HRD105"][4]


def test_gender_rules_in_one_run(run: Run, tmp_path: Path) -> None:
    text = drop(GHANA.replace("marker: 1", "marker: 0", 1), "gender_analysis")
    write(tmp_path, text)
    result = run("lint", "s.yaml")
    assert result.code == 1, result
    found = lines(result.stdout)
    assert {f[3] for f in found} == {"HRD201", "HRD203"}
    (marker,) = [f for f in found if f[3] == "HRD201"]
    assert marker[1:3] == at(text, "0", after="marker: ")
    assert "priority P3 has gender marker 0" in marker[4]
