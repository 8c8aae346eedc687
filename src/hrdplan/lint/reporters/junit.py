"""`--format junit`: JUnit XML, for GitLab test reports and Jenkins.

Each checked file is a test case named after the file; each finding (warnings too) is a
`<failure>` in it, so a file with findings is one failed test:

```xml
<testsuites name="hrdplan" tests="2" failures="1" errors="0">
  <testsuite name="hrdplan lint" tests="2" failures="1" errors="0" skipped="0">
    <testcase classname="hrdplan" name="strategies/ke-2021-2025.yaml" file="...">
      <failure type="HRD101" message="HRD101 unknown objective ...">strategies/ke-...</failure>
    </testcase>
    <testcase classname="hrdplan" name="strategies/tn-2021-2025.yaml" file="..." />
  </testsuite>
</testsuites>
```

`tests` counts files, `failures` the files with findings. Information (severity `info`, which
never fails a run) is not a failure: it is listed in the test case's `<system-out>`. Control and
bidi characters (U+202E, DEL, C1 controls such as U+0085 and U+009B) are shown escaped (`\u202e`),
as in the text report, rather than reaching the CI page that shows the report; anything else
XML 1.0 cannot carry (lone surrogates, U+FFFE) is dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hrdplan.findings import Finding
from hrdplan.io.errors import printable
from hrdplan.lint.reporters import Report

# Everything outside XML 1.0's Char production.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# The root element as written (its name attribute first): how `written` knows this format.
ROOT = '<testsuites name="hrdplan" '


def written(text: str) -> bool:
    """Whether text is a JUnit report of hrdplan's: the declaration, then `<testsuites
    name="hrdplan" ...>`, through its closing tag at the end. Known by those bytes, without
    parsing XML a contributor may have committed."""
    return text.startswith(DECLARATION + ROOT) and text.endswith("</testsuites>\n")


def clean(text: str) -> str:
    """The text with control and bidi characters escaped and nothing XML 1.0 forbids."""
    return _FORBIDDEN.sub("", printable(text))


def render(report: Report) -> str:
    by_file: dict[str, list[Finding]] = {file: [] for file in report.files}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)  # a finding's file is always reported
    tests = len(by_file)
    failures = sum(
        1 for findings in by_file.values() if any(f.severity != "info" for f in findings)
    )
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0"}

    root = ET.Element("testsuites", {"name": "hrdplan", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "hrdplan lint", **counts, "skipped": "0"})
    for file, findings in by_file.items():
        name = clean(file)
        case = ET.SubElement(
            suite, "testcase", {"classname": "hrdplan", "name": name, "file": name}
        )
        notes = []
        for f in findings:
            summary = clean(f"{f.code} {f.message}")
            if f.severity == "info":
                notes.append(f"{name}:{f.line}:{f.column}: {summary}")
                continue
            failure = ET.SubElement(case, "failure", {"type": clean(f.code), "message": summary})
            failure.text = f"{name}:{f.line}:{f.column}: {summary}"
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f"{DECLARATION}{body}\n"
