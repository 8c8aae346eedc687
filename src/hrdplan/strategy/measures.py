"""Measured values of format 2 indicators: whether a value fits the indicator's kind, and how
far along an indicator is in a year.

One definition of "on track" for every command (`progress show`, the documents, the portfolio,
lint's HRD511), from the indicator alone, so that a delegation is never told one thing by one
command and another by the next:

- `number` and `percent`, `increase` or `decrease`: the share of the way from the baseline to
  the target the actual has come (for `decrease` the way down), against the share expected by
  that year on the straight lines through baseline, milestones and target. `achieved` at 100%
  or more; `off-track` when the actual moved away from the target or has come less than half
  the expected way; else `on-track`.
- `maintain`: `on-track` while the actual stays within 5% of the level to keep (the target's
  value, else the baseline's); else `off-track`.
- `yes-no`: `achieved` when the actual is the target's value; `off-track` once the target's
  year has come without it; else `on-track`.
- `text` (qualitative), a placeholder, or no actual: no standing; the narrative says it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from hrdplan.io.errors import quoted
from hrdplan.strategy.model import MeasuredIndicator, Measurement

Standing = Literal["achieved", "on-track", "off-track"]
STANDINGS: tuple[Standing, ...] = ("achieved", "on-track", "off-track")

# Below this share of the expected way, an indicator is off track.
BEHIND = 0.5
# How far a maintained value may move from its level and still be on track.
MAINTAIN_TOLERANCE = 0.05


def number(value: object) -> float | None:
    """The value as a number, if it is one (true and false are not)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def misfit(value: object, kind: str) -> str | None:
    """Why a value does not fit an indicator's kind ("a percentage is at most 100, not 140"),
    or None when it fits (a kind that is not one of the four fits nothing's check: None)."""
    if kind in ("number", "percent"):
        if number(value) is None:
            got = "true or false" if isinstance(value, bool) else quoted(value)
            return f"a {kind} indicator's value is a number, not {got}"
        amount = float(value)  # type: ignore[arg-type]
        if amount != amount or amount in (float("inf"), float("-inf")):
            return f"a {kind} indicator's value is a finite number, not {quoted(value)}"
        if kind == "percent" and not 0 <= amount <= 100:
            return f"a percentage is between 0 and 100, not {quoted(value)}"
        return None
    if kind == "yes-no" and not isinstance(value, bool):
        return f"a yes-no indicator's value is true or false (yes or no), not {quoted(value)}"
    if kind == "text" and not isinstance(value, str):
        return f"a text indicator's value is words, not {quoted(value)}"
    return None


@dataclass(frozen=True)
class Point:
    year: int
    value: object


def points(indicator: MeasuredIndicator) -> list[Point]:
    """Baseline, milestones and target, as far as they are written (not placeholders)."""
    out = []
    for measurement in (indicator.baseline, *indicator.milestones, indicator.target):
        if isinstance(measurement, Measurement):
            out.append(Point(measurement.year, measurement.value))
    return out


def share(indicator: MeasuredIndicator, actual: object) -> float | None:
    """The share of the way from baseline to target the actual has come (0.0 at the baseline,
    1.0 at the target; negative when it moved away), for a number or percent indicator that
    goes up or down; else None."""
    if indicator.kind not in ("number", "percent") or indicator.direction not in (
        "increase",
        "decrease",
    ):
        return None
    if not isinstance(indicator.baseline, Measurement) or not isinstance(
        indicator.target, Measurement
    ):
        return None
    start, end, now = (
        number(indicator.baseline.value),
        number(indicator.target.value),
        number(actual),
    )
    if start is None or end is None or now is None or start == end:
        return None
    return (now - start) / (end - start)


def expected_share(indicator: MeasuredIndicator, year: int) -> float | None:
    """The share of the way expected by `year`, on the straight lines through the baseline,
    the milestones and the target (0 up to the baseline's year, 1 from the target's)."""
    if not isinstance(indicator.baseline, Measurement) or not isinstance(
        indicator.target, Measurement
    ):
        return None
    base, goal = number(indicator.baseline.value), number(indicator.target.value)
    if base is None or goal is None or base == goal:
        return None
    path: list[tuple[int, float]] = []
    for point in points(indicator):
        value = number(point.value)
        if value is not None:
            path.append((point.year, (value - base) / (goal - base)))
    path.sort()
    if not path or year <= path[0][0]:
        return 0.0
    for (y0, s0), (y1, s1) in itertools.pairwise(path):
        if y0 <= year <= y1:
            return s0 if y1 == y0 else s0 + (s1 - s0) * (year - y0) / (y1 - y0)
    return path[-1][1]


def standing(indicator: MeasuredIndicator, year: int, actual: object) -> Standing | None:
    """Whether the indicator is achieved, on track or off track in `year` with this actual
    (see the module's description); None when that cannot be said from figures."""
    if actual is None or indicator.kind == "text" or misfit(actual, str(indicator.kind)):
        return None
    if indicator.kind == "yes-no":
        if not isinstance(indicator.target, Measurement):
            return None
        if actual == indicator.target.value:
            return "achieved"
        return "off-track" if year >= indicator.target.year else "on-track"
    if indicator.direction == "maintain":
        level = next(
            (
                number(m.value)
                for m in (indicator.target, indicator.baseline)
                if isinstance(m, Measurement) and number(m.value) is not None
            ),
            None,
        )
        now = number(actual)
        if level is None or now is None:
            return None
        within = abs(now - level) <= abs(level) * MAINTAIN_TOLERANCE
        return "on-track" if within else "off-track"
    done = share(indicator, actual)
    expected = expected_share(indicator, year)
    if done is None or expected is None:
        return None
    if done >= 1:
        return "achieved"
    if done < 0 or (expected > 0 and done < expected * BEHIND):
        return "off-track"
    return "on-track"


def shown(value: object, kind: str) -> str:
    """A value as a reader writes it: 12, 12.5, 35%, yes, or the text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    amount = number(value)
    if amount is not None:
        text = f"{amount:,.2f}".rstrip("0").rstrip(".")
        return f"{text}%" if kind == "percent" else text
    return "" if value is None else str(value)
