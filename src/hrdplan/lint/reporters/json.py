"""`--format json`: one object per finding, for scripts and other tools.

```json
[
  {
    "code": "HRD101",
    "name": "unknown-objective",
    "severity": "error",
    "message": "...",
    "file": "strategies/ke-2021-2025.yaml",
    "line": 24,
    "column": 16,
    "path": "priorities[0].objective",
    "fingerprint": "3f1c..."
  }
]
```

`path` is the dotted key path of the offending value ("" for the document itself);
`fingerprint` is the same as in the SARIF and GitLab reports and survives moved lines.
"""

from __future__ import annotations

import json

from hrdplan.findings import Finding
from hrdplan.io.text import json_text
from hrdplan.lint.reporters import Report
from hrdplan.lint.reporters.fingerprint import fingerprints

__all__ = ["key_path", "render"]


def loads(text: str) -> object:
    """The JSON value of text, or None when it is not JSON (nesting too deep included)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def objects_with_keys(text: str, keys: tuple[str, ...]) -> bool:
    """Whether text is a JSON list of objects that each have exactly these keys, in order."""
    data = loads(text)
    return isinstance(data, list) and all(
        isinstance(item, dict) and tuple(item) == keys for item in data
    )


# The keys of each finding, in the order written: how `written` knows a report of this format.
KEYS = ("code", "name", "severity", "message", "file", "line", "column", "path", "fingerprint")


def written(text: str) -> bool:
    """Whether text is a report in this format (an empty list included)."""
    return objects_with_keys(text, KEYS)


def key_path(finding: Finding) -> str:
    """The dotted key path, empty for a finding about the whole document."""
    return finding.key_path if finding.path else ""


def render(report: Report) -> str:
    return json_text(
        [
            {
                "code": f.code,
                "name": f.name,
                "severity": str(f.severity),
                "message": f.message,
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "path": key_path(f),
                "fingerprint": fp,
            }
            for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)
        ]
    )
