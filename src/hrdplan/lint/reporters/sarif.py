"""`--format sarif`: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule that ran with its documentation (what it checks, why the
Action Plan asks for it, a failing example and its fix), and each result points at the file
(relative to the repository root, `%SRCROOT%`) and the line and column of the offending value.
`partialFingerprints["hrdplan/v1"]` is the same fingerprint as in the JSON and GitLab reports.
"""

from __future__ import annotations

import inspect
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from hrdplan.io.text import json_text
from hrdplan.lint.reporters import Report
from hrdplan.lint.reporters.fingerprint import VERSION, fingerprints
from hrdplan.lint.reporters.json import loads
from hrdplan.lint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
# SARIF's levels: information is a `note`.
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
DRIVER = "hrdplan"


def written(text: str) -> bool:
    """Whether text is a SARIF log of hrdplan's: every run's `tool.driver.name` is "hrdplan"
    (a log of another tool is not)."""
    log = loads(text)
    if not isinstance(log, dict) or log.get("version") != "2.1.0":
        return False
    runs = log.get("runs")
    return (
        isinstance(runs, list)
        and bool(runs)
        and all(
            isinstance(run, dict)
            and isinstance(run.get("tool"), dict)
            and isinstance(run["tool"].get("driver"), dict)
            and run["tool"]["driver"].get("name") == DRIVER
            for run in runs
        )
    )


def _help_text(rule: Rule) -> str:
    return f"{rule.why}\n\nExample (fails):\n{rule.fail}\n\nFix:\n{rule.ok}"


def _help_markdown(rule: Rule) -> str:
    return (
        f"{rule.why}\n\n"
        f"Example (fails):\n\n```yaml\n{rule.fail}\n```\n\n"
        f"Fix:\n\n```yaml\n{rule.ok}\n```"
    )


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": inspect.cleandoc(rule.explanation) or rule.summary},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": LEVEL[str(rule.severity)]},
    }


def artifact_location(file: str) -> dict[str, str]:
    """A relative file as a URI reference under %SRCROOT%; an absolute one as a file: URI."""
    if PurePosixPath(file).is_absolute():
        return {"uri": PurePosixPath(file).as_uri()}
    if PureWindowsPath(file).is_absolute():
        return {"uri": PureWindowsPath(file).as_uri()}
    return {"uri": quote(file.replace("\\", "/"), safe="/"), "uriBaseId": SRCROOT}


def render(report: Report) -> str:
    descriptors = [_descriptor(rule) for rule in report.rules]
    index = {rule.code: i for i, rule in enumerate(report.rules)}
    for f in report.findings:
        # A finding from a rule the report does not list still needs a descriptor to point at.
        if f.code not in index:
            index[f.code] = len(descriptors)
            descriptors.append({"id": f.code, "name": f.name})
    driver: dict[str, Any] = {"name": DRIVER}
    if report.version:
        driver["version"] = report.version
    driver["rules"] = descriptors
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[str(f.severity)],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(f.file),
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
            "partialFingerprints": {VERSION: fp},
        }
        for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                # Columns count characters (YAML marks), not UTF-16 code units (SARIF's default).
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_text(log)
