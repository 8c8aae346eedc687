"""How a rule is declared: its identity and documentation beside its check."""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from hrdplan.findings import Severity
from hrdplan.lint.model import Hit

if TYPE_CHECKING:
    from hrdplan.lint.context import Context


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
