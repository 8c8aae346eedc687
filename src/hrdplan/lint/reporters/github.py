"""`--format github`: GitHub Actions workflow commands, shown as annotations on the diff.

```
::error file=strategies/ke-2021-2025.yaml,line=24,col=16,title=HRD101 unknown-objective::...
```

Values are escaped as the Actions runner expects (`%`, CR and LF in the message; also `:` and
`,` in properties), and control and bidi characters are shown escaped rather than acting on the
job log.
"""

from __future__ import annotations

import re

from hrdplan.io.errors import printable
from hrdplan.lint.reporters import Report

# Workflow commands by severity: information shows as a notice annotation.
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


# A line as `render` writes it (property values cannot hold `:` or `,`, escaped): how `written`
# knows this format.
_LINE = re.compile(r"::(?:error|warning|notice) file=[^:,]*,line=\d+,col=\d+,title=[^:,]*::.*")


def written(text: str) -> bool:
    """Whether every line of text is a workflow command in this format (an empty report, no
    findings, included)."""
    return all(_LINE.fullmatch(line) for line in text.splitlines())


def escape_data(text: str) -> str:
    """A workflow command's message: one line, `%` escapes undone by the runner."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        command = COMMAND[str(f.severity)]
        properties = ",".join(
            f"{key}={escape_property(value)}"
            for key, value in (
                ("file", f.file),
                ("line", str(f.line)),
                ("col", str(f.column)),
                ("title", f"{f.code} {f.name}"),
            )
        )
        lines.append(f"::{command} {properties}::{escape_data(f.message)}\n")
    return "".join(lines)
