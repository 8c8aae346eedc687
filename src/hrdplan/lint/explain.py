"""Rule documentation for people: `hrdplan rule`, `hrdplan rule CODE`, and the README's table,
all generated from the rules' own metadata."""

from __future__ import annotations

import textwrap

from hrdplan.lint.rule import Rule
from hrdplan.lint.rules import RULES


def _severity(rule: Rule) -> str:
    return rule.severity_note or rule.severity.value


def table() -> str:
    width = max(len(r.name) for r in RULES)
    return "\n".join(
        f"{r.code}  {r.name.ljust(width)}  {r.severity.value.ljust(7)}  {r.summary}" for r in RULES
    )


def explain(rule: Rule) -> str:
    def block(text: str) -> str:
        return textwrap.indent(text, "    ")

    def para(text: str) -> str:
        return "\n".join(
            textwrap.fill(p, width=92, initial_indent="    ", subsequent_indent="    ")
            for p in text.split("\n\n")
        )

    return "\n".join(
        [
            f"{rule.code} {rule.name} ({_severity(rule)})",
            "",
            rule.summary,
            "",
            "What it checks:",
            para(" ".join(rule.explanation.split())),
            "",
            "Why:",
            para(" ".join(rule.why.split())),
            "",
            "Fails:",
            block(rule.fail),
            "",
            "Passes:",
            block(rule.ok),
            "",
            f"Suppress one finding with `# hrdplan: ignore[{rule.code}]` on its line or the line"
            " above.",
        ]
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table() -> str:
    """The rule table of the README (a test keeps the two in step)."""
    rows = ["| code | name | severity | checks |", "|---|---|---|---|"]
    rows += [f"| {r.code} | {r.name} | {_severity(r)} | {_cell(r.summary)} |" for r in RULES]
    return "\n".join(rows)
