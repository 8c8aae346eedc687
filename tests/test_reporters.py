"""`hrdplan lint --format`: text, json, github, sarif, junit and gitlab reports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import SCHEMAS

from hrdplan.catalogue.registry import Registry
from hrdplan.findings import Finding, Severity
from hrdplan.io.errors import printable
from hrdplan.lint.reporters import FORMATS, FormatName, Report, render
from hrdplan.lint.reporters.fingerprint import VERSION, fingerprint, fingerprints
from hrdplan.lint.rules import RULES
from hrdplan.lint.runner import lint_text
from hrdplan.settings import Selection

FILE = "strategies/fr-2021-2025.yaml"

# A small strategy with a few problems: an EU member state as host country, an unknown key,
# a key given three times, a suppression that suppresses nothing, missing fields.
STRATEGY = """\
hrdplan: 1
catalogue: eu-hrd-2020-2024@1.2.0
country: FR
title: EU Human Rights and Democracy Country Strategy 2021-2025
colour: blue
period: {start: 2021, end: 2025}
status: draft
language: en
language: nl
language: fr
priorities:
  - id: P1
    objective: 1.1.a  # hrdplan: ignore[HRD999]
    title: Towards abolition of the death penalty
"""

HOSTILE = "\x1b[31mred\u202eevil <script>alert(1)</script> ]]> [bold]not markup[/bold] & 100%"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+$")


def finding(
    file: str = "strategies/ke-2021-2025.yaml",
    line: int = 3,
    column: int = 10,
    code: str = "HRD101",
    *,
    severity: Severity = Severity.ERROR,
    message: str = "unknown objective '1.1.z' (did you mean 1.1.a?)",
    path: tuple[str | int, ...] = ("priorities", 0, "objective"),
    name: str = "unknown-objective",
) -> Finding:
    return Finding(file, line, column, code, name, severity, message, path)


def report(findings: list[Finding], files: list[str] | None = None, **options: Any) -> Report:
    files = files if files is not None else sorted({f.file for f in findings})
    return Report(findings=sorted(findings), files=files, rules=RULES, version="1.2.3", **options)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry()


def lint(text: str, registry: Registry, file: str = FILE) -> list[Finding]:
    # Errors and warnings only: HRD008 (information: the strategy above is in format 1) has
    # its own tests (tests/test_info_level.py for information findings in every format).
    return lint_text(text, file, registry, Selection(ignore=("HRD008",)))


@pytest.fixture(scope="module")
def linted(registry: Registry) -> Report:
    """Real findings in two files, with a third file that has none."""
    findings = lint(STRATEGY, registry) + lint("title: [unclosed\n", registry, "strategies/x.yaml")
    return report(findings, files=[FILE, "strategies/ok.yaml", "strategies/x.yaml"])


@pytest.fixture(scope="module")
def handmade() -> Report:
    """Both severities, two files, and two findings with the same file, code and key path."""
    return report(
        [
            finding(),
            finding(line=9, message="unknown objective '9.9.z'", path=("priorities", 1, "x")),
            finding(
                line=7,
                code="HRD006",
                severity=Severity.WARNING,
                name="unused-suppression",
                message="unused suppression of HRD404",
                path=(),
            ),
            finding(
                line=8,
                code="HRD006",
                severity=Severity.WARNING,
                name="unused-suppression",
                message="unused suppression of HRD405",
                path=(),
            ),
            finding(
                file="strategies/tn-2021-2025.yaml",
                line=1,
                column=1,
                code="HRD001",
                name="yaml-syntax",
                message="YAML syntax: bad",
                path=(),
            ),
        ],
        files=[
            "strategies/ke-2021-2025.yaml",
            "strategies/ok-2021-2025.yaml",
            "strategies/tn-2021-2025.yaml",
        ],
    )


@pytest.fixture(scope="module")
def hostile() -> Report:
    return report([finding(file=f"strategies/{HOSTILE}.yaml", message=f"bad value {HOSTILE!s}")])


def test_real_linting_gives_findings_at_both_severities(linted: Report) -> None:
    # Guards the other tests: they check formats on real findings, so there must be some.
    codes = {f.code for f in linted.findings}
    assert {"HRD001", "HRD002", "HRD003", "HRD006"} <= codes
    assert {f.severity for f in linted.findings} == {Severity.ERROR, Severity.WARNING}


# -- fingerprints -----------------------------------------------------------------------------


def test_fingerprint_ignores_the_line_but_not_file_code_path_or_occurrence() -> None:
    base = fingerprint(finding())
    assert re.fullmatch(r"[0-9a-f]{64}", base)
    assert fingerprint(finding(line=40, column=2, message="moved")) == base
    assert fingerprint(finding(file="strategies/other.yaml")) != base
    assert fingerprint(finding(code="HRD105")) != base
    assert fingerprint(finding(path=("priorities", 1, "objective"))) != base
    assert fingerprint(finding(), occurrence=1) != base


def test_fingerprints_tell_repeated_findings_apart(handmade: Report) -> None:
    prints = fingerprints(handmade.findings)
    assert len(set(prints)) == len(prints)
    twins = [f for f in handmade.findings if f.code == "HRD006"]
    assert fingerprints(twins) == [fingerprint(twins[0], 0), fingerprint(twins[1], 1)]


Reported = tuple[str, str, int, str]  # code, file, line, message


def _github_unescape(value: str, *, prop: bool = False) -> str:
    if prop:
        value = value.replace("%3A", ":").replace("%2C", ",")
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _from_text(text: str) -> list[Reported]:
    found = (re.match(r"^(.+):(\d+):\d+: (HRD\d{3}) (.*)$", x) for x in text.splitlines())
    return [(m[3], m[1], int(m[2]), m[4]) for m in found if m]


def _from_json(text: str) -> list[Reported]:
    return [(i["code"], i["file"], i["line"], i["message"]) for i in json.loads(text)]


def _from_github(text: str) -> list[Reported]:
    command = re.compile(
        r"^::(?:error|warning|notice) file=(.*?),line=(\d+),col=\d+,title=(HRD\d{3}) [^:]*::(.*)$"
    )
    out = []
    for line in text.splitlines():
        m = command.match(line)
        assert m, line
        out.append((m[3], _github_unescape(m[1], prop=True), int(m[2]), _github_unescape(m[4])))
    return out


def _from_sarif(text: str) -> list[Reported]:
    from urllib.parse import unquote

    out = []
    for result in json.loads(text)["runs"][0]["results"]:
        where = result["locations"][0]["physicalLocation"]
        uri = unquote(where["artifactLocation"]["uri"])
        out.append((result["ruleId"], uri, where["region"]["startLine"], result["message"]["text"]))
    return out


def _from_junit(text: str) -> list[Reported]:
    out = []
    for case in ET.fromstring(text).iter("testcase"):
        for failure in case.iter("failure"):
            code = failure.get("type", "")
            message = failure.get("message", "").removeprefix(f"{code} ")
            where = re.match(r"^(.+):(\d+):\d+: ", failure.text or "")
            assert where and where[1] == case.get("file") == case.get("name"), failure.text
            out.append((code, where[1], int(where[2]), message))
    return out


def _from_gitlab(text: str) -> list[Reported]:
    return [
        (
            i["check_name"],
            i["location"]["path"],
            i["location"]["lines"]["begin"],
            i["description"].removeprefix(f"{i['check_name']} "),
        )
        for i in json.loads(text)
    ]


READ_BACK = {
    "text": _from_text,
    "json": _from_json,
    "github": _from_github,
    "sarif": _from_sarif,
    "junit": _from_junit,
    "gitlab": _from_gitlab,
}


def test_every_format_is_read_back() -> None:
    assert set(READ_BACK) == set(FORMATS)


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("which", ["handmade", "linted", "empty"])
def test_every_format_renders(name: str, which: str, request: pytest.FixtureRequest) -> None:
    """Each finding's code, file, line and message, read back from the format's own structure
    (JSON, SARIF and Code Quality parsed, JUnit as XML, workflow commands and text lines)."""
    subject = report([], files=["a.yaml"]) if which == "empty" else request.getfixturevalue(which)
    text = render(name, subject)  # type: ignore[arg-type]
    assert text == "" or text.endswith("\n")
    expected = sorted((f.code, f.file, f.line, f.message) for f in subject.findings)
    assert sorted(READ_BACK[name](text)) == expected
    if which == "empty":
        assert expected == []


# -- json -------------------------------------------------------------------------------------


def test_json_has_one_object_per_finding(linted: Report, handmade: Report) -> None:
    for subject in (linted, handmade):
        data = json.loads(render("json", subject))
        assert len(data) == len(subject.findings)
        for item, f, fp in zip(data, subject.findings, fingerprints(subject.findings), strict=True):
            assert set(item) == {
                "code",
                "name",
                "severity",
                "message",
                "file",
                "line",
                "column",
                "path",
                "fingerprint",
            }
            assert (item["code"], item["name"], item["severity"]) == (f.code, f.name, f.severity)
            assert (item["file"], item["line"], item["column"]) == (f.file, f.line, f.column)
            assert item["message"] == f.message
            assert item["path"] == (f.key_path if f.path else "")
            assert item["fingerprint"] == fp
    assert json.loads(render("json", report([]))) == []


def test_json_path_is_the_dotted_key_path(handmade: Report) -> None:
    data = json.loads(render("json", handmade))
    assert "priorities[0].objective" in {item["path"] for item in data}


# -- sarif ------------------------------------------------------------------------------------


def sarif_validator() -> Any:
    schema_file = Path(SCHEMAS) / "sarif-2.1.0.schema.json"
    if not schema_file.is_file():
        pytest.skip(f"SARIF schema not available at {schema_file}")
    from jsonschema.validators import validator_for

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("which", ["linted", "handmade", "hostile"])
def test_sarif_validates_against_the_official_schema(
    which: str, request: pytest.FixtureRequest
) -> None:
    subject: Report = request.getfixturevalue(which)
    log = json.loads(render("sarif", subject))
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"


def test_sarif_lists_every_rule_with_its_documentation(linted: Report) -> None:
    (run,) = json.loads(render("sarif", linted))["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "hrdplan"
    assert driver["version"] == "1.2.3"
    assert "informationUri" not in driver
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    for descriptor, rule in zip(driver["rules"], RULES, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        # SARIF has no "info" level: information is a note.
        level = "note" if rule.severity is Severity.INFO else str(rule.severity)
        assert descriptor["defaultConfiguration"]["level"] == level
        assert descriptor["help"]["text"].startswith(rule.why)
        assert rule.fail in descriptor["help"]["text"]
        assert f"```yaml\n{rule.fail}\n```" in descriptor["help"]["markdown"]
        assert f"```yaml\n{rule.ok}\n```" in descriptor["help"]["markdown"]


def test_sarif_results_point_at_file_line_and_column(linted: Report) -> None:
    (run,) = json.loads(render("sarif", linted))["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(linted.findings)
    for result, f in zip(run["results"], linted.findings, strict=True):
        assert result["ruleId"] == f.code
        assert rules[result["ruleIndex"]]["id"] == f.code
        assert result["level"] == f.severity
        assert result["message"]["text"] == f.message
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": f.file, "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": f.line, "startColumn": f.column}


def test_sarif_uris_are_relative_forward_slashed_and_encoded() -> None:
    subject = report(
        [
            finding(file="strategies\\windows style.yaml"),
            finding(file="/abs/ke.yaml"),
        ]
    )
    (run,) = json.loads(render("sarif", subject))["runs"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {"uri": "file:///abs/ke.yaml"} in locations
    assert {"uri": "strategies/windows%20style.yaml", "uriBaseId": "%SRCROOT%"} in locations


def test_sarif_and_gitlab_share_fingerprints(linted: Report) -> None:
    (run,) = json.loads(render("sarif", linted))["runs"]
    gitlab = json.loads(render("gitlab", linted))
    sarif_prints = [r["partialFingerprints"][VERSION] for r in run["results"]]
    assert sarif_prints == [issue["fingerprint"] for issue in gitlab]
    assert sarif_prints == [item["fingerprint"] for item in json.loads(render("json", linted))]


# -- junit ------------------------------------------------------------------------------------


def test_junit_has_one_testcase_per_file_and_one_failure_per_finding(linted: Report) -> None:
    root = ET.fromstring(render("junit", linted))
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "hrdplan", "tests": "3", "failures": "2", "errors": "0"}
    (suite,) = root
    assert suite.get("name") == "hrdplan lint"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "0")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == linted.files
    assert {c.get("classname") for c in cases} == {"hrdplan"}
    assert [c.get("file") for c in cases] == linted.files
    by_name = {c.get("name"): c.findall("failure") for c in cases}
    assert by_name["strategies/ok.yaml"] == []
    failures = by_name[FILE]
    expected = [f for f in linted.findings if f.file == FILE]
    assert len(failures) == len(expected)
    for failure, f in zip(failures, expected, strict=True):
        assert failure.get("type") == f.code
        assert failure.get("message") == f"{f.code} {f.message}"
        assert failure.text == f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}"


def test_junit_without_findings_passes() -> None:
    root = ET.fromstring(render("junit", report([], files=["a.yaml", "b.yaml"])))
    assert (root.get("tests"), root.get("failures")) == ("2", "0")
    assert not list(root.iter("failure"))


def test_junit_reports_a_finding_in_a_file_not_listed() -> None:
    root = ET.fromstring(render("junit", report([finding()], files=[])))
    assert (root.get("tests"), root.get("failures")) == ("1", "1")


@pytest.mark.parametrize("which", ["linted", "handmade", "hostile"])
def test_junit_validates_against_the_xsd(which: str, request: pytest.FixtureRequest) -> None:
    etree = pytest.importorskip("lxml.etree", reason="lxml is not installed")
    xsd = Path(SCHEMAS) / "junit.xsd"
    if not xsd.is_file():
        pytest.skip(f"JUnit schema not available at {xsd}")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    document = etree.fromstring(render("junit", request.getfixturevalue(which)).encode())
    # The Surefire schema predates the testcase `file` attribute that GitLab reads (and
    # Jenkins ignores); everything else must conform.
    for case in document.iter("testcase"):
        case.attrib.pop("file", None)
    assert schema.validate(document), schema.error_log


# -- github -----------------------------------------------------------------------------------


def test_github_one_workflow_command_per_finding(linted: Report, handmade: Report) -> None:
    for subject in (linted, handmade):
        lines = render("github", subject).splitlines()
        assert len(lines) == len(subject.findings)
        for line, f in zip(lines, subject.findings, strict=True):
            assert GITHUB_LINE.match(line), line
            where = f"file={f.file},line={f.line},col={f.column}"
            assert line.startswith(f"::{f.severity} {where},title={f.code} {f.name}::")
    assert render("github", report([])) == ""


def test_github_escapes_data_and_properties() -> None:
    subject = report([finding(file="a,b:c%.yaml", message="100% sure: a, b\nnext\rline")])
    (line,) = render("github", subject).splitlines()
    assert GITHUB_LINE.match(line), line
    assert "file=a%2Cb%3Ac%25.yaml," in line
    assert line.endswith("::100%25 sure: a, b%0Anext%0Dline")


# -- gitlab -----------------------------------------------------------------------------------


def test_gitlab_code_quality_issues(handmade: Report) -> None:
    issues = json.loads(render("gitlab", handmade))
    assert len(issues) == len(handmade.findings)
    for issue, f in zip(issues, handmade.findings, strict=True):
        assert issue["description"] == f"{f.code} {f.message}"
        assert issue["check_name"] == f.code
        assert issue["severity"] == {"error": "major", "warning": "minor"}[f.severity]
        assert issue["location"] == {"path": f.file, "lines": {"begin": f.line}}
    prints = [issue["fingerprint"] for issue in issues]
    assert len(set(prints)) == len(prints)


def test_gitlab_fingerprints_survive_a_line_inserted_at_the_top(registry: Registry) -> None:
    before = lint(STRATEGY, registry)
    after = lint("# comment\n" + STRATEGY, registry)
    assert [f.code for f in before] == [f.code for f in after]
    assert [f.line + 1 for f in before] == [f.line for f in after]
    old = json.loads(render("gitlab", report(before)))
    new = json.loads(render("gitlab", report(after)))
    assert [i["fingerprint"] for i in old] == [i["fingerprint"] for i in new]
    assert [i["location"]["lines"]["begin"] for i in old] != [
        i["location"]["lines"]["begin"] for i in new
    ]
    prints = [i["fingerprint"] for i in old]
    assert len(set(prints)) == len(prints)


# -- text -------------------------------------------------------------------------------------


def test_text_groups_findings_by_file_then_summarises(handmade: Report) -> None:
    text = render("text", handmade)
    groups = text.rstrip("\n").split("\n\n")
    ke, tn, summary = groups
    assert ke.splitlines() == [
        f"strategies/ke-2021-2025.yaml:{f.line}:{f.column}: {f.code} {f.message}"
        for f in handmade.findings
        if f.file == "strategies/ke-2021-2025.yaml"
    ]
    assert tn == "strategies/tn-2021-2025.yaml:1:1: HRD001 YAML syntax: bad"
    assert summary == "Found 3 errors and 2 warnings in 2 files (3 files checked)."
    assert not ANSI.search(text)


def test_text_real_findings(linted: Report) -> None:
    text = render("text", linted)
    for f in linted.findings:
        assert f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}\n" in text
    assert text.index("strategies/x.yaml:") > text.rindex(f"{FILE}:")
    assert re.search(
        r"^Found \d+ errors and \d+ warnings? in 2 files \(3 files checked\)\.$", text, re.M
    )


@pytest.mark.parametrize(
    ("findings", "files", "expected"),
    [
        ([], ["a.yaml"] * 5, "All checked: 5 files, no findings."),
        ([], ["a.yaml"], "All checked: 1 file, no findings."),
        ([finding()], ["a.yaml", "b.yaml"], "Found 1 error in 1 file (2 files checked)."),
        (
            [finding(severity=Severity.WARNING), finding(file="b", severity=Severity.WARNING)],
            ["a.yaml", "b.yaml"],
            "Found 2 warnings in 2 files (2 files checked).",
        ),
    ],
)
def test_text_summary(findings: list[Finding], files: list[str], expected: str) -> None:
    assert render("text", report(findings, files=files)).splitlines()[-1] == expected


def test_text_quiet_prints_findings_only(handmade: Report) -> None:
    subject = report(handmade.findings, files=handmade.files, quiet=True)
    lines = [line for line in render("text", subject).splitlines() if line]
    assert len(lines) == len(handmade.findings)
    assert render("text", report([], files=["a.yaml"], quiet=True)) == ""


def test_text_statistics_count_per_rule(handmade: Report) -> None:
    subject = report(handmade.findings, files=handmade.files, statistics=True)
    text = render("text", subject)
    table = text.rstrip("\n").split("\n\n")[-2].splitlines()
    assert table[0].split() == ["count", "code", "name", "severity"]
    assert [row.split() for row in table[1:]] == [
        ["2", "HRD006", "unused-suppression", "warning"],
        ["2", "HRD101", "unknown-objective", "error"],
        ["1", "HRD001", "yaml-syntax", "error"],
    ]
    assert text.splitlines()[-1] == "Found 3 errors and 2 warnings in 2 files (3 files checked)."


def test_text_colours_codes_only_when_asked(handmade: Report) -> None:
    plain = render("text", handmade)
    coloured = render("text", report(handmade.findings, files=handmade.files, color=True))
    assert "\x1b" not in plain
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == plain
    assert re.search(r"\x1b\[[0-9;]*31m" + "HRD101", coloured)  # errors red
    assert re.search(r"\x1b\[[0-9;]*33m" + "HRD006", coloured)  # warnings yellow


# -- hostile text -----------------------------------------------------------------------------


@pytest.mark.parametrize("color", [False, True])
def test_text_never_prints_control_or_bidi_characters(hostile: Report, color: bool) -> None:
    text = render("text", report(hostile.findings, files=hostile.files, color=color))
    visible = ANSI.sub("", text)  # what rich added, when colouring
    assert "\x1b" not in visible
    assert "\u202e" not in text
    assert "\\x1b[31mred\\u202eevil" in visible
    # Square brackets are the strategy's text, not rich markup.
    assert "[bold]not markup[/bold]" in visible
    assert "<script>alert(1)</script> ]]>" in visible


def test_json_sarif_gitlab_escape_and_round_trip_hostile_text(hostile: Report) -> None:
    (f,) = hostile.findings
    names: tuple[FormatName, ...] = ("json", "sarif", "gitlab")
    for name in names:
        raw = render(name, hostile)
        assert "\x1b" not in raw
        assert "\u202e" not in raw
        data = json.loads(raw)
        if name == "json":
            assert (data[0]["message"], data[0]["file"]) == (f.message, f.file)
        elif name == "gitlab":
            assert data[0]["description"] == f"{f.code} {f.message}"
            assert data[0]["location"]["path"] == f.file
        else:
            assert data["runs"][0]["results"][0]["message"]["text"] == f.message


def test_json_keeps_readable_non_ascii_text() -> None:
    message = "Ontwerp: één priorité — 😀"
    raw = render("json", report([finding(message=message)]))
    assert message in raw
    astral = "tag \U000e0041 char"  # a Cf character outside the BMP
    raw = render("json", report([finding(message=astral)]))
    assert "\U000e0041" not in raw
    assert json.loads(raw)[0]["message"] == astral


def test_junit_escapes_markup_and_shows_control_characters_escaped(hostile: Report) -> None:
    (f,) = hostile.findings
    raw = render("junit", hostile)
    assert "<script>" not in raw
    assert "\x1b" not in raw and "\u202e" not in raw
    root = ET.fromstring(raw)
    # As the text report shows them: escaped, not dropped (and never raw).
    clean = printable(f"{f.code} {f.message}")
    assert "\\x1b[31mred\\u202eevil" in clean
    (failure,) = root.iter("failure")
    assert failure.get("message") == clean
    assert failure.text == f"{printable(f.file)}:{f.line}:{f.column}: {clean}"
    (case,) = root.iter("testcase")
    assert case.get("name") == printable(f.file)


def test_github_never_prints_control_or_bidi_characters(hostile: Report) -> None:
    text = render("github", hostile)
    assert "\x1b" not in text
    assert "\u202e" not in text
    (line,) = text.splitlines()
    assert GITHUB_LINE.match(line)
