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
import math
from dataclasses import dataclass
from typing import Literal

from hrdplan.io import locale
from hrdplan.io.errors import quoted
from hrdplan.strategy.model import MeasuredIndicator, Measurement, unholdable

Standing = Literal["achieved", "on-track", "off-track"]
STANDINGS: tuple[Standing, ...] = ("achieved", "on-track", "off-track")

# What a negative share of the way is called where people read it (JSON keeps the number).
MOVED_AWAY = "moved away from the target"
# From a million billion on, a value is shown with an exponent (more digits say nothing).
LARGE = 1e15
# Below this share of the expected way, an indicator is off track.
BEHIND = 0.5
# How far a maintained value may move from its level and still be on track.
MAINTAIN_TOLERANCE = 0.05


def number(value: object) -> float | None:
    """The value as a number, if it is one a float holds (true and false are not; a number
    beyond a float, refused where a file is read, is none either)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or unholdable(value):
        return None
    return float(value)


def misfit(value: object, kind: str) -> str | None:
    """Why a value does not fit an indicator's kind ("a percentage is at most 100, not 140"),
    or None when it fits (a kind that is not one of the four fits nothing's check: None)."""
    if kind in ("number", "percent"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            got = "true or false" if isinstance(value, bool) else quoted(value)
            return f"a {kind} indicator's value is a number, not {got}"
        amount = number(value)
        if amount is None:
            return None  # a number no float holds: refused where read (model.finite), once
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


def _way(indicator: MeasuredIndicator) -> tuple[float, float] | None:
    """The baseline's value and the span to the target's, for a number or percent indicator
    that goes up or down with both written; None otherwise, or when the span is no number a
    float holds (baseline -1.0e+308, target 1.0e+308)."""
    if indicator.kind not in ("number", "percent") or indicator.direction not in (
        "increase",
        "decrease",
    ):
        return None
    if not isinstance(indicator.baseline, Measurement) or not isinstance(
        indicator.target, Measurement
    ):
        return None
    start, end = number(indicator.baseline.value), number(indicator.target.value)
    if start is None or end is None or start == end or not math.isfinite(end - start):
        return None
    return start, end - start


def _along(way: tuple[float, float], value: float) -> float | None:
    """The share of the way a value has come; None when it is no number a float holds."""
    start, span = way
    done = (value - start) / span
    return done if math.isfinite(done) else None


def share(indicator: MeasuredIndicator, actual: object) -> float | None:
    """The share of the way from baseline to target the actual has come (0.0 at the baseline,
    1.0 at the target; negative when it moved away), for a number or percent indicator that
    goes up or down; else None, and None too where the figures are too far apart for a float
    to hold the share (`no_share` says so)."""
    way, now = _way(indicator), number(actual)
    return None if way is None or now is None else _along(way, now)


def no_share(indicator: MeasuredIndicator, actual: object = None) -> str | None:
    """Why an indicator that has a way from baseline to target has no share of it (with this
    actual), in words; None when it has one, or no way at all (text, yes-no, maintain, not
    written)."""
    if indicator.kind not in ("number", "percent") or indicator.direction not in (
        "increase",
        "decrease",
    ):
        return None
    if _way(indicator) is not None:
        if number(actual) is not None and share(indicator, actual) is None:
            return "no share of the way: the actual is too far from the baseline to compute one"
        return None
    values = [m.value for m in (indicator.baseline, indicator.target) if isinstance(m, Measurement)]
    numbers = [number(v) for v in values]
    if len(numbers) == 2 and None not in numbers and numbers[0] != numbers[1]:
        return "no share of the way: baseline and target too far apart to compute one"
    return None


def expected_share(indicator: MeasuredIndicator, year: int) -> float | None:
    """The share of the way expected by `year`, on the straight lines through the baseline,
    the milestones and the target (0 up to the baseline's year, 1 from the target's)."""
    way = _way(indicator)
    if way is None:
        return None
    path: list[tuple[int, float]] = []
    for point in points(indicator):
        value = number(point.value)
        along = None if value is None else _along(way, value)
        if along is not None:
            path.append((point.year, along))
    path.sort()
    if not path or year <= path[0][0]:
        return 0.0
    expected = path[-1][1]
    for (y0, s0), (y1, s1) in itertools.pairwise(path):
        if y0 <= year <= y1:
            expected = s0 if y1 == y0 else s0 + (s1 - s0) * (year - y0) / (y1 - y0)
            break
    return expected if math.isfinite(expected) else None


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
        if abs(amount) >= LARGE:  # 1e+308, not 309 digits
            return f"{amount:.6g}%" if kind == "percent" else f"{amount:.6g}"
        # -0.0 and -0.004 are 0 to a reader, not "-0" (adding 0.0 drops the sign of zero).
        amount = round(amount, 2) + 0.0
        written = locale.percent if kind == "percent" else locale.decimal
        return written(amount, "en", 2)
    return "" if value is None else str(value)
