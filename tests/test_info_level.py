"""The `info` severity (HRD007): it never fails a run, not even with --strict, and every output
format carries it at its own level."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, Run

from hrdplan.findings import Finding, Severity
from hrdplan.lint.reporters import Report, render
from hrdplan.lint.rules import RULES

OUTDATED = (
    (EXAMPLES / "gh-2021-2025.yaml")
    .read_text(encoding="utf-8")
    .replace("catalogue: eu-hrd-2020-2024@1.2.0", "catalogue: eu-hrd-2020-2024@1.0.0")
)


def info(file: str = "s.yaml") -> Finding:
    return Finding(
        file,
        3,
        12,
        "HRD007",
        "outdated-catalogue",
        Severity.INFO,
        "a newer version",
        ("catalogue",),
    )


def warning(file: str = "s.yaml") -> Finding:
    return Finding(file, 9, 3, "HRD404", "indicator-incomplete", Severity.WARNING, "no target")


def report(*findings: Finding) -> Report:
    files = sorted({f.file for f in findings})
    return Report(findings=sorted(findings), files=files, rules=RULES, version="1")


def test_info_never_fails_even_with_strict(run: Run, tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(OUTDATED, encoding="utf-8")
    for args in ((), ("--strict",)):
        # HRD008 (information too) left out: the example may be in format 1 or 2.
        result = run("lint", "s.yaml", "--ignore", "HRD008", *args)
        assert result.code == 0, result
        assert "s.yaml:3:12: HRD007 " in result.stdout
        assert result.stdout.rstrip().endswith("Found 1 info in 1 file (1 file checked).")


def test_text_counts_each_severity() -> None:
    text = render("text", report(info(), warning(), info("t.yaml")))
    assert text.rstrip().endswith("Found 1 warning and 2 info in 2 files (2 files checked).")


def test_text_colours_information_cyan() -> None:
    colored = Report(findings=[info()], files=["s.yaml"], rules=RULES, color=True)
    assert "\x1b[36mHRD007\x1b[0m" in render("text", colored)


def test_github_notice() -> None:
    line = render("github", report(info())).strip()
    assert line.startswith("::notice file=s.yaml,line=3,col=12,title=HRD007 outdated-catalogue::")


def test_sarif_note() -> None:
    log = json.loads(render("sarif", report(info())))
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "note"
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["HRD007"]["defaultConfiguration"]["level"] == "note"


def test_gitlab_info() -> None:
    (issue,) = json.loads(render("gitlab", report(info())))
    assert issue["severity"] == "info"


def test_json_severity() -> None:
    (record,) = json.loads(render("json", report(info())))
    assert record["severity"] == "info"


@pytest.mark.parametrize("with_warning", [False, True])
def test_junit_information_is_output_not_a_failure(with_warning: bool) -> None:
    findings = [info(), warning()] if with_warning else [info()]
    root = ET.fromstring(render("junit", report(*findings)))
    (case,) = root.iter("testcase")
    assert [f.get("type") for f in case.iter("failure")] == (["HRD404"] if with_warning else [])
    assert root.get("failures") == ("1" if with_warning else "0")
    out = case.find("system-out")
    assert out is not None and out.text == "s.yaml:3:12: HRD007 a newer version"
