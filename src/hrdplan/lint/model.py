"""What a rule reports (a hit, made a finding by the runner) and how many of one rule a file
shows; findings themselves are `hrdplan.findings`, and rules are declared in `lint.rule`."""

from __future__ import annotations

from dataclasses import dataclass

from hrdplan.findings import Severity
from hrdplan.io.yamlio import KeyPath, Position

# The most findings of one rule shown for one file; the runner counts the rest in one more
# finding. Past a few hundred, more of the same says nothing new, and a hostile file (100,000
# repeated keys) would otherwise make a report of hundreds of megabytes.
MAX_FINDINGS_PER_RULE = 1000


@dataclass(frozen=True)
class Hit:
    """What a rule reports: the key path of the offending value, and why."""

    path: KeyPath
    message: str
    severity: Severity | None = None  # None: the rule's default
    key: bool = False  # point at the key rather than its value (an unknown or missing key)
    at: Position | None = None  # an exact position where the path cannot tell (a repeated key)
