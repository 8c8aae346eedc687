"""`--format gitlab`: a GitLab Code Quality report (`artifacts: reports: codequality`).

```json
[
  {
    "description": "HRD101 unknown objective '1.1.z' (did you mean 1.1.a?)",
    "check_name": "HRD101",
    "fingerprint": "3f1c...",
    "severity": "major",
    "location": {"path": "strategies/ke-2021-2025.yaml", "lines": {"begin": 24}}
  }
]
```

Errors are `major`, warnings `minor`, information `info`. The fingerprint does not depend on
the line, so GitLab keeps matching a finding to the base branch's after lines are inserted above
it.
"""

from __future__ import annotations

from hrdplan.io.text import json_text
from hrdplan.lint.reporters import Report
from hrdplan.lint.reporters.fingerprint import fingerprints
from hrdplan.lint.reporters.json import objects_with_keys

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
# The keys of each finding, in the order written: how `written` knows a report of this format.
KEYS = ("description", "check_name", "fingerprint", "severity", "location")


def written(text: str) -> bool:
    """Whether text is a Code Quality report in this format (an empty list included)."""
    return objects_with_keys(text, KEYS)


def render(report: Report) -> str:
    return json_text(
        [
            {
                "description": f"{f.code} {f.message}",
                "check_name": f.code,
                "fingerprint": fp,
                "severity": SEVERITY.get(str(f.severity), "minor"),
                "location": {"path": f.file, "lines": {"begin": f.line}},
            }
            for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)
        ]
    )
