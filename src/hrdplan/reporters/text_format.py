"""`--format text` (the default): findings grouped by file, then a summary.

```
strategies/ke-2021-2025.yaml:8:7: HRD002 duplicate key 'context': the first occurrence is used
strategies/ke-2021-2025.yaml:24:16: HRD101 unknown objective ...

strategies/tn-2021-2025.yaml:3:8: HRD003 ...

Found 2 errors and 1 warning in 2 files (5 files checked).
```

`file:line:col:` is what editors and terminals turn into links. Codes are red for errors and
yellow for warnings when colour is on. File names and messages quote the strategy's own text,
so control and bidi characters in them are shown escaped, never sent to the terminal.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import TYPE_CHECKING

from hrdplan.errors import printable
from hrdplan.lint.model import Finding
from hrdplan.reporters import Report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

STYLE = {"error": "bold red", "warning": "yellow"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report) -> str:
    checked = _plural(len(report.files), "file")
    if not report.findings:
        return f"All checked: {checked}, no findings."
    errors = sum(1 for f in report.findings if f.severity == "error")
    warnings = len(report.findings) - errors
    counts = [_plural(errors, "error")] if errors else []
    if warnings:
        counts.append(_plural(warnings, "warning"))
    files = _plural(len({f.file for f in report.findings}), "file")
    return f"Found {' and '.join(counts)} in {files} ({checked} checked)."


def _finding_line(finding: Finding) -> Text:
    from rich.text import Text

    return Text.assemble(
        f"{printable(finding.file)}:{finding.line}:{finding.column}: ",
        (finding.code, STYLE.get(str(finding.severity), "")),
        f" {printable(finding.message)}",
    )


def _statistics(console: Console, findings: list[Finding]) -> None:
    """Count, code, name and severity per rule, most frequent first, in aligned columns."""
    from rich.text import Text

    counts = Counter(f.code for f in findings)
    names = {f.code: f.name for f in findings}
    severities: dict[str, set[str]] = {}
    for f in findings:
        severities.setdefault(f.code, set()).add(str(f.severity))
    rows = [
        # A rule may report at either severity (placeholders: a warning only in drafts).
        (str(count), code, names[code], ", ".join(sorted(severities[code])))
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    header = ("count", "code", "name", "severity")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    console.print(
        Text(
            f"{header[0]:>{widths[0]}}  {header[1]:<{widths[1]}}  {header[2]:<{widths[2]}}  "
            f"{header[3]}",
            style="bold",
        )
    )
    for count, code, name, levels in rows:
        style = STYLE["error"] if "error" in levels else STYLE["warning"]
        console.print(
            Text.assemble(
                f"{count:>{widths[0]}}  ",
                (code, style),
                f"{'':<{widths[1] - len(code)}}  {name:<{widths[2]}}  {levels}",
            )
        )


def format(report: Report) -> str:
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=report.color,
        no_color=not report.color,
        # Fixed so that `--color always` colours under TERM=dumb as well.
        color_system="standard" if report.color else None,
        width=200,
        highlight=False,
        soft_wrap=True,
    )
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    for number, findings in enumerate(by_file.values()):
        if number:
            console.print()
        for f in findings:
            console.print(_finding_line(f))
    if report.statistics and report.findings:
        console.print()
        _statistics(console, report.findings)
    if not report.quiet:
        if report.findings:
            console.print()
        style = "bold" if report.findings else "green"
        console.print(Text(summary(report), style=style))
    return buffer.getvalue()
