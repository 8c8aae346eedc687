"""Reporters turn findings into one output format each (`lint --format NAME`).

Each module has `render(report: Report) -> str`. Machine formats are uncoloured and go to stdout
or `--output`; the text format colours only when `report.color` says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from hrdplan.findings import Finding
from hrdplan.lint.rule import Rule

FormatName = Literal["text", "json", "github", "sarif", "junit", "gitlab"]
FORMATS: tuple[FormatName, ...] = ("text", "json", "github", "sarif", "junit", "gitlab")


@dataclass(frozen=True)
class Report:
    findings: list[Finding]  # sorted by file, line, column, code
    files: list[str]  # every file linted, as displayed (relative, no ./)
    rules: tuple[Rule, ...]  # every rule that ran (SARIF lists them)
    color: bool = False
    statistics: bool = False  # text: add counts per rule
    quiet: bool = False  # text: findings only, no summary
    version: str = field(default="")


def render(name: FormatName, report: Report) -> str:
    """The report in one format. Only that format's module is imported: a pre-commit run
    should not pay for the XML and JSON writers it does not use."""
    if name == "text":
        from hrdplan.lint.reporters.text import render as text_report

        return text_report(report)
    elif name == "json":
        from hrdplan.lint.reporters.json import render as json_report

        return json_report(report)
    elif name == "github":
        from hrdplan.lint.reporters.github import render as github_report

        return github_report(report)
    elif name == "sarif":
        from hrdplan.lint.reporters.sarif import render as sarif_report

        return sarif_report(report)
    elif name == "junit":
        from hrdplan.lint.reporters.junit import render as junit_report

        return junit_report(report)
    from hrdplan.lint.reporters.gitlab import render as gitlab_report

    return gitlab_report(report)


def is_report(text: str) -> bool:
    """Whether text is a report `hrdplan lint` wrote, in any format: what `lint --output` may
    replace without --force (a CI job writes the same file on every run). Each format knows its
    own shape (`written` in its module): SARIF's driver name, JUnit's testsuites name, the exact
    keys of the JSON and GitLab objects, the line forms of the text and github formats."""
    from hrdplan.lint.reporters import github, gitlab, json, junit, sarif
    from hrdplan.lint.reporters import text as plain

    return any(m.written(text) for m in (sarif, json, gitlab, junit, github, plain))
