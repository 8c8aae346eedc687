"""What linting produces: findings, and the rules that produce them."""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from hrdplan.io.yamlio import KeyPath, Position

if TYPE_CHECKING:
    from hrdplan.lint.context import Context


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


Check = Callable[["Context"], Iterator[Hit]]
FileKind = Literal["strategy", "progress"]
BOTH_KINDS: tuple[FileKind, ...] = ("strategy", "progress")


@dataclass(frozen=True)
class Rule:
    """A lint rule: its identity and documentation beside its check.

    `why` cites the Action Plan; `fail` and `ok` are YAML fragments that, laid over a valid
    strategy, make the rule fire and not fire (the tests run them). `open_point` is what a
    document says is open where the rule finds something, by language, in its readers' words
    (never a code, key or path); "{field}" in it stands for the field the finding is at."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fail: str
    ok: str
    check: Check
    needs_catalogue: bool = False
    severity_note: str = ""
    # The kinds of file the rule reads: strategies, progress files (`kind: progress`), or both.
    kinds: tuple[FileKind, ...] = ("strategy",)
    open_point: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def explanation(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    why: str,
    fail: str,
    ok: str,
    needs_catalogue: bool = False,
    severity_note: str = "",
    kinds: tuple[FileKind, ...] = ("strategy",),
    open_point: Mapping[str, str] | None = None,
) -> Callable[[Check], Rule]:
    """Declare a rule; the decorated function's docstring says what it checks."""

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            why=textwrap.dedent(why).strip(),
            fail=textwrap.dedent(fail).strip("\n"),
            ok=textwrap.dedent(ok).strip("\n"),
            check=check,
            needs_catalogue=needs_catalogue,
            severity_note=severity_note,
            kinds=kinds,
            open_point=dict(open_point or {}),
        )

    return wrap
