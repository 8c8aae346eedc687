"""Reporters turn findings into one output format each (`lint --format NAME`).

Each module has `format(report: Report) -> str`. Machine formats are uncoloured and go to stdout
or `--output`; the text format colours only when `report.color` says so.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Literal

from hrdplan.lint.model import Finding, Rule

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
    module = importlib.import_module(f"hrdplan.reporters.{name}_format")
    text: str = module.format(report)
    return text
