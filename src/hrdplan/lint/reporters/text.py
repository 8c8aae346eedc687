"""`--format text` (the default): findings grouped by file, then a summary.

```
strategies/ke-2021-2025.yaml:8:7: HRD002 duplicate key 'context': the first occurrence is used
strategies/ke-2021-2025.yaml:24:16: HRD101 unknown objective ...

strategies/tn-2021-2025.yaml:3:8: HRD003 ...

Found 2 errors and 1 warning in 2 files (5 files checked).
```

`file:line:col:` is what editors and terminals turn into links. Codes are red for errors,
yellow for warnings and cyan for information when colour is on. File names and messages quote
the strategy's own text, so control and bidi characters in them are shown escaped, never sent to
the terminal.
"""

from __future__ import annotations

import re
from collections import Counter

from hrdplan.findings import Finding
from hrdplan.io.errors import printable
from hrdplan.lint.reporters import Report

# Plain SGR codes rather than rich: this output is on the path of every pre-commit run, and the
# few colours it needs do not justify importing a rendering library.
STYLE = {"error": "1;31", "warning": "33", "info": "36", "bold": "1", "ok": "32"}


# The lines `render` writes, colour codes taken out: a finding, the statistics table's header and
# rows, the summary; and blank lines between them. How `written` knows this format.
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_LINES = re.compile(
    r"|.+:\d+:\d+: [A-Z]+\d+ .*"
    r"| *count  code +name +severity"
    r"| *\d+  [A-Z]+\d+ +\S+ +(?:error|warning|info)(?:, (?:error|warning|info))*"
    r"|All checked: \d+ files?, no findings\."
    r"|Found .+ in \d+ files? \(\d+ files? checked\)\."
)


def written(text: str) -> bool:
    """Whether every line of text is one this format writes (an empty report included)."""
    return all(_LINES.fullmatch(line) for line in _COLOUR.sub("", text).splitlines())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report) -> str:
    checked = _plural(len(report.files), "file")
    if not report.findings:
        return f"All checked: {checked}, no findings."
    counts = []
    for severity in ("error", "warning", "info"):
        number = sum(1 for f in report.findings if f.severity == severity)
        if number:
            counts.append(_plural(number, severity) if severity != "info" else f"{number} info")
    files = _plural(len({f.file for f in report.findings}), "file")
    return f"Found {' and '.join(counts)} in {files} ({checked} checked)."


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{STYLE[style]}m{text}\x1b[0m" if self.color else text


def _finding_line(finding: Finding, paint: _Painter) -> str:
    return (
        f"{printable(finding.file)}:{finding.line}:{finding.column}: "
        f"{paint(finding.code, str(finding.severity))} {printable(finding.message)}"
    )


def _statistics(findings: list[Finding], paint: _Painter) -> list[str]:
    """Count, code, name and severity per rule, most frequent first, in aligned columns."""
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
    out = [
        paint(
            f"{header[0]:>{widths[0]}}  {header[1]:<{widths[1]}}  {header[2]:<{widths[2]}}  "
            f"{header[3]}",
            "bold",
        )
    ]
    for count, code, name, levels in rows:
        style = next(s for s in ("error", "warning", "info") if s in levels)
        out.append(
            f"{count:>{widths[0]}}  {paint(code, style)}"
            f"{'':<{widths[1] - len(code)}}  {name:<{widths[2]}}  {levels}"
        )
    return out


def render(report: Report) -> str:
    paint = _Painter(report.color)
    lines: list[str] = []
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    for number, findings in enumerate(by_file.values()):
        if number:
            lines.append("")
        lines.extend(_finding_line(f, paint) for f in findings)
    if report.statistics and report.findings:
        lines.append("")
        lines.extend(_statistics(report.findings, paint))
    if not report.quiet:
        if report.findings:
            lines.append("")
        lines.append(paint(summary(report), "bold" if report.findings else "ok"))
    return "".join(f"{line}\n" for line in lines)
