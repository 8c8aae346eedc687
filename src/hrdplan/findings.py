"""What checking an input produces: findings and their severities. Every command reads them
(lint reports them, documents list them as open points), so they live below lint, which
produces them, and render, which shows them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from hrdplan.io.yamlio import KeyPath


class Severity(StrEnum):
    ERROR = "error"  # fails the run (exit 1)
    WARNING = "warning"  # fails the run with --strict
    INFO = "info"  # never fails the run, not even with --strict: something to know


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
    # What a document says is open here, by language: the rule's own words (`Rule.open_point`).
    open_point: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """The order of the compared fields, as a key: sorting by it compares tuples in C, many
        times faster than the generated __lt__ (which matters for a file with 100,000 findings)."""
        return (self.file, self.line, self.column, self.code, self.message)

    @property
    def key_path(self) -> str:
        from hrdplan.io.yamlio import describe

        return describe(self.path)
