"""The parts of a document that the strategy document and the progress report both show: a
value with its year, an indicator's measure, a consultation, a numbered section. User text is
made visible-safe (`io.text.inline`); escaping is the templates'."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hrdplan.io.text import inline
from hrdplan.strategy.measures import shown
from hrdplan.strategy.model import PLACEHOLDER, MeasuredIndicator, Measurement


@dataclass(frozen=True)
class Value:
    """A format 2 value with its year, as `strategy.measures.shown` writes it; the template
    says in its language what words cannot be computed here (yes or no, "not yet written")."""

    text: str  # "" when there is none
    year: int | None
    flag: bool | None = None  # a yes-no value
    placeholder: bool = False  # a TODO: left to write

    @property
    def empty(self) -> bool:
        return not self.text and not self.placeholder and self.flag is None


@dataclass(frozen=True)
class Measured:
    id: str
    kind: str  # number, percent, yes-no, text, or "?" for a placeholder
    direction: str  # increase, decrease, maintain, "" (none) or "?" (a placeholder)
    baseline: Value
    milestones: list[Value]
    target: Value


@dataclass(frozen=True)
class Consultation:
    date: str
    participants: str


@dataclass(frozen=True)
class Entry:
    """A numbered section of a document, as its heading and the contents list show it."""

    number: str
    anchor: str
    label: str  # the key of its name in the labels


def numbered(sections: Sequence[tuple[str, str, bool]]) -> list[Entry]:
    """The sections a document shows (anchor, label key, shown?), numbered 1, 2, 3 in order."""
    shown = [(anchor, label) for anchor, label, present in sections if present]
    return [Entry(str(i + 1), anchor, label) for i, (anchor, label) in enumerate(shown)]


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER)


def value(raw: object, kind: str, year: int | None = None) -> Value:
    """A value of an indicator of this kind as a document shows it."""
    if raw is None:
        return Value("", year)
    if is_placeholder(raw):
        return Value("", year, placeholder=True)
    if isinstance(raw, bool):
        return Value(shown(raw, kind), year, flag=raw)
    return Value(inline(shown(raw, kind)), year)


def measurement(raw: Measurement | str | None, kind: str) -> Value:
    if isinstance(raw, Measurement):
        return value(raw.value, kind, raw.year)
    return value(raw, kind)


def measured(indicator: MeasuredIndicator) -> Measured:
    kind = "?" if is_placeholder(indicator.kind) else str(indicator.kind)
    direction = indicator.direction or ""
    return Measured(
        id=inline(indicator.id),
        kind=kind,
        direction="?" if is_placeholder(direction) else direction,
        baseline=measurement(indicator.baseline, kind),
        milestones=[measurement(m, kind) for m in indicator.milestones],
        target=measurement(indicator.target, kind),
    )
