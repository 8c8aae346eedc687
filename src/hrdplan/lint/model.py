"""What linting produces: findings and their severities (the rules that produce them are
declared in `lint.rule`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from hrdplan.io.yamlio import KeyPath, Position

# The most findings of one rule shown for one file; the runner counts the rest in one more
# finding. Past a few hundred, more of the same says nothing new, and a hostile file (100,000
# repeated keys) would otherwise make a report of hundreds of megabytes.
MAX_FINDINGS_PER_RULE = 1000


class Severity(StrEnum):
    ERROR = "error"  # fails the run (exit 1)
    WARNING = "warning"  # fails the run with --strict
    INFO = "info"  # never fails the run, not even with --strict: something to know


@dataclass(frozen=True)
class Hit:
    """What a rule reports: the key path of the offending value, and why."""

    path: KeyPath
    message: str
    severity: Severity | None = None  # None: the rule's default
    key: bool = False  # point at the key rather than its value (an unknown or missing key)
    at: Position | None = None  # an exact position where the path cannot tell (a repeated key)


@dataclass(frozen=True, order=True)
class Finding:
    """One finding in one file, at the 1-based line and column of the offending YAML node."""

    file: str
    line: int
    column: int
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = ""
    path: KeyPath = field(default=(), compare=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """The order of the compared fields, as a key: sorting by it compares tuples in C, many
        times faster than the generated __lt__ (which matters for a file with 100,000 findings)."""
        return (self.file, self.line, self.column, self.code, self.message)

    @property
    def key_path(self) -> str:
        from hrdplan.io.yamlio import describe

        return describe(self.path)
