"""Hostile text in a strategy never reaches a terminal or a report raw: terminal control
sequences, bidi overrides and markup in values come out escaped in every lint format."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES, Run

# Written as YAML double-quoted escapes, so the file itself is plain ASCII.
ESC, BIDI, BEL = r"\e", r"\u202E", r"\a"
HOSTILE = {
    "objective: 1.1.j": f'objective: "1.1.z{ESC}[2J{BIDI}<script>alert(1)</script>"',
    "[eu-funding-programmes, civil-society-dialogue]": (
        f'["evil{ESC}]0;owned{BEL}", "x{{{{ 7*7 }}}}|`md`</testcase>"]'
    ),
    "country: GH": f'country: "G{BIDI}H"',
}
RAW = re.compile("[\x1b\x07\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit", "gitlab"])
def test_no_format_lets_control_or_bidi_characters_through(
    fmt: str, hostile: Path, run: Run
) -> None:
    result = run("lint", "--format", fmt, hostile.name)
    assert result.code == 1
    assert not RAW.search(result.stdout), fmt
    assert not RAW.search(result.stderr)
    # The value is still shown, escaped, so the author can find it.
    assert "1.1.z" in result.stdout
    assert re.search(r"\\(x1b|u001b|e)", result.stdout), result.stdout


def test_json_reports_parse_back_to_the_escaped_messages(hostile: Path, run: Run) -> None:
    findings = json.loads(run("lint", "--format", "json", hostile.name).stdout)
    codes = {f["code"] for f in findings}
    assert {"HRD101", "HRD105", "HRD301"} <= codes
    for finding in findings:
        assert not RAW.search(finding["message"]), finding


def test_junit_keeps_markup_in_values_as_text(hostile: Path, run: Run) -> None:
    root = ET.fromstring(run("lint", "--format", "junit", hostile.name).stdout)
    assert not root.findall(".//script")
    assert len(root.findall(".//testcase")) == 1  # `</testcase>` in a value closed nothing
    failures = " ".join((f.get("message") or "") + (f.text or "") for f in root.iter("failure"))
    assert "<script>" in failures and "</testcase>" in failures


def test_github_annotations_stay_on_one_line(hostile: Path, run: Run) -> None:
    # HRD008 (a notice: the example may be in format 1) left out.
    lines = run(
        "lint", "--format", "github", "--ignore", "HRD008", hostile.name
    ).stdout.splitlines()
    assert lines
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
