"""Upgrading a format 1 strategy to format 2 (`hrdplan migrate --format 2`).

`hrdplan: 1` becomes `hrdplan: 2`, and every indicator gets what format 2 measures by: an
`id` (`P1.1`, `P1.2`, ... from its priority's id, unique in the strategy), a `kind`, a
`direction`, and its `baseline` and `target` as `{value, year}`, read from the free text where
that text says one thing only: `12 (2020)`, `35% (2025)`, `62.5 % (2020)`, `yes (2021)`.

- kind: `percent` when a value has a % sign (a bare number beside it is read as a percentage
  too), `number` for numbers, `yes-no` for yes, no, true or false; it is read only when every
  value the indicator has can be read, and they agree.
- direction: from the baseline to the target: up `increase`, down `decrease`, equal
  `maintain`.

Whatever cannot be read so (`at least 55 of 275 (2025)`, `12` without a year, `1,200 (2020)`)
becomes a placeholder holding the original text, `baseline: "TODO: 12"`, which the model
accepts and lint reports (HRD401) until the authors write it; nothing written is lost.

Each priority's `gender:` mapping gets format 2's gender fields as placeholders, after its
`approach:` (or `marker:`): `objective`, `gap` (a list holding one placeholder) and
`do_no_harm`, the OECD DAC marker's minimum criteria no text of format 1 says. Nothing else is
added: `adopted:` (a date) cannot be guessed, and lint says when it is missing; an indicator's
`gender_specific` is false unless written (lint says when a priority has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hrdplan.io.validate import validate
from hrdplan.io.yamlio import Document, KeyPath, parse
from hrdplan.strategy.measures import misfit
from hrdplan.strategy.model import PLACEHOLDER, Kind, StrategyV2, unholdable

FORMAT = 2
KIND_PLACEHOLDER = f"{PLACEHOLDER} number, percent, yes-no or text"
DIRECTION_PLACEHOLDER = f"{PLACEHOLDER} increase, decrease or maintain"
MEASURES = ("baseline", "target")
# Format 2's gender fields as `new-strategy` and `migrate --format 2` write them, in order: each
# a placeholder (for `gap`, a list of one), reported once by HRD401 until written.
GENDER_PLACEHOLDERS: dict[str, str] = {
    "objective": f"{PLACEHOLDER} the gender equality objective, in one or two sentences.",
    "gap": f"{PLACEHOLDER} GAP III areas it engages in, by id (hrdplan catalogue gender)",
    "do_no_harm": f"{PLACEHOLDER} the risks for women, girls and LGBTI persons, and how they "
    "are avoided.",
}
GENDER_AFTER = ("approach", "marker")  # where they go: after the first of these present

_WITH_YEAR = re.compile(r"^(?P<value>.*?)\s*\(\s*(?P<year>\d{4})\s*\)$", re.DOTALL)
_NUMBER = r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)"
_PLAIN_NUMBER = re.compile(rf"^{_NUMBER}$")
_PERCENT = re.compile(rf"^(?P<number>{_NUMBER})\s*%$")
_YES_NO = {"yes": True, "true": True, "no": False, "false": False}
_FIRST_YEAR, _LAST_YEAR = 1900, 2200  # the model's years


@dataclass(frozen=True)
class Reading:
    """A baseline or target as read from format 1 text: its value, kind, and year (None when
    the text gives none)."""

    value: bool | int | float
    kind: Kind
    year: int | None


def read_value(text: str) -> tuple[bool | int | float, Kind] | None:
    """A value written alone: 12, 62.5, 35%, 62.5 %, yes, no, true, false; else None."""
    text = text.strip()
    if text.lower() in _YES_NO:
        return _YES_NO[text.lower()], "yes-no"
    percent = _PERCENT.match(text)
    found = _number(percent.group("number")) if percent else None
    if found is not None:
        return found, "percent"
    found = _number(text) if _PLAIN_NUMBER.match(text) else None
    return None if found is None else (found, "number")


def read_measure(raw: object) -> Reading | None:
    """A format 1 baseline or target read as a value and a year: `12 (2020)`; a value alone
    (`12`, or a YAML number) has no year. None when the text is anything else, or its number is
    none a float holds (4,000 digits are words here, kept as written)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return Reading(raw, "number", None) if raw == raw and not unholdable(raw) else None
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    dated = _WITH_YEAR.match(text)
    year = int(dated.group("year")) if dated else None
    if dated:
        text = dated.group("value")
        if not _FIRST_YEAR <= int(dated.group("year")) <= _LAST_YEAR:
            return None
    found = read_value(text)
    return Reading(found[0], found[1], year) if found else None


def _number(text: str) -> int | float | None:
    """The number written, or None for one no float holds (words, then: 5,000 digits, which
    Python will not even convert)."""
    try:
        value = float(text) if "." in text else int(text)
    except ValueError:
        return None
    return None if unholdable(value) else value


def infer_kind(readings: list[Reading | None]) -> Kind | None:
    """The kind every value of an indicator agrees on; None if one cannot be read, there is
    none, or they disagree (a bare number beside a percentage is a percentage)."""
    if not readings or any(r is None for r in readings):
        return None
    kinds = {r.kind for r in readings if r is not None}
    if kinds == {"number", "percent"}:
        return "percent"
    return kinds.pop() if len(kinds) == 1 else None


def infer_direction(baseline: Reading | None, target: Reading | None) -> str | None:
    """increase, decrease or maintain, from the baseline's value to the target's."""
    if baseline is None or target is None:
        return None
    start, end = float(baseline.value), float(target.value)
    return "increase" if end > start else "decrease" if end < start else "maintain"


def placeholder(raw: object) -> str:
    """A placeholder keeping what was written, on one line."""
    return f"{PLACEHOLDER} {' '.join(str(raw).split())}"


@dataclass
class IndicatorPlan:
    """What one indicator becomes."""

    path: KeyPath
    id: str
    kind: str  # a kind, or a placeholder
    direction: str  # a direction, or a placeholder
    measures: dict[str, Any] = field(default_factory=dict)  # {value, year}, or a placeholder


def plan_indicators(data: dict[str, Any]) -> list[IndicatorPlan]:
    """The format 2 fields of every indicator of a format 1 strategy's data."""
    used: set[str] = set()
    counters: dict[str, int] = {}
    plans = []
    for p, priority in enumerate(data.get("priorities") or []):
        prefix = str(priority.get("id", f"P{p + 1}")).strip()
        for i, indicator in enumerate(priority.get("indicators") or []):
            number = counters.get(prefix, 0) + 1
            while f"{prefix}.{number}" in used:
                number += 1
            counters[prefix] = number
            ident = f"{prefix}.{number}"
            used.add(ident)
            plans.append(_plan_one(("priorities", p, "indicators", i), ident, indicator))
    return plans


def _plan_one(path: KeyPath, ident: str, indicator: dict[str, Any]) -> IndicatorPlan:
    present = [key for key in MEASURES if indicator.get(key) is not None]
    readings = {key: read_measure(indicator[key]) for key in present}
    kind = infer_kind(list(readings.values()))
    plan = IndicatorPlan(path, ident, kind or KIND_PLACEHOLDER, DIRECTION_PLACEHOLDER)
    dated: dict[str, Reading] = {}
    for key in present:
        reading = readings[key]
        fits = reading is not None and (kind is None or misfit(reading.value, kind) is None)
        if reading is not None and reading.year is not None and fits:
            plan.measures[key] = {"value": reading.value, "year": reading.year}
            dated[key] = reading
        else:
            plan.measures[key] = placeholder(indicator[key])
    if kind is not None:
        plan.direction = (
            infer_direction(dated.get("baseline"), dated.get("target")) or DIRECTION_PLACEHOLDER
        )
    return plan


def gender_targets(data: dict[str, Any]) -> list[int]:
    """The priorities (by index) whose `gender:` mapping lacks a format 2 gender field."""
    return [
        p
        for p, priority in enumerate(data.get("priorities") or [])
        if isinstance(priority, dict)
        and isinstance(priority.get("gender"), dict)
        and any(key not in priority["gender"] for key in GENDER_PLACEHOLDERS)
    ]


def add_gender_fields(gender: Any) -> int:
    """Add the format 2 gender fields missing from a round-trip `gender:` mapping, as
    placeholders after its approach (or marker; else at its end); how many were added."""
    from hrdplan.io.yamledit import flow_seq, insert_key

    keys = list(gender)
    at = next((keys.index(k) + 1 for k in GENDER_AFTER if k in keys), len(keys))
    added = 0
    for key, text in GENDER_PLACEHOLDERS.items():
        if key in gender:
            continue
        insert_key(gender, at, key, flow_seq(text) if key == "gap" else text)
        at += 1
        added += 1
    return added


@dataclass
class Upgrade:
    """A strategy upgraded to format 2."""

    text: str
    indicators: list[IndicatorPlan]
    faithful: bool  # False: the write also normalises layout outside the indicators
    notes: list[str] = field(default_factory=list)
    gender_placeholders: int = 0  # the gender fields added as placeholders

    @property
    def placeholders(self) -> int:
        count = self.gender_placeholders
        for plan in self.indicators:
            values = [plan.kind, plan.direction, *plan.measures.values()]
            count += sum(isinstance(v, str) and v.startswith(PLACEHOLDER) for v in values)
        return count


def upgrade(doc: Document) -> Upgrade:
    """The format 2 text of a sound format 1 strategy (`inputs.strategy`), everything
    outside the `hrdplan:` line, the indicators and the new gender fields kept as written (see
    io.yamledit)."""
    from hrdplan.io.yamledit import RoundTrip, flow_map, insert_key

    plans = plan_indicators(doc.data)
    edit = RoundTrip(doc)
    data = edit.data
    data["hrdplan"] = FORMAT
    for plan in plans:
        _, p, _, i = plan.path
        indicator = data["priorities"][p]["indicators"][i]
        insert_key(indicator, 0, "id", plan.id)
        after = list(indicator).index("text") + 1
        insert_key(indicator, after, "kind", plan.kind)
        insert_key(indicator, after + 1, "direction", plan.direction)
        for key, value in plan.measures.items():
            indicator[key] = flow_map(**value) if isinstance(value, dict) else value
    gender_placeholders = sum(
        add_gender_fields(data["priorities"][p]["gender"]) for p in gender_targets(doc.data)
    )
    text = edit.text()
    # The result must be a format 2 strategy; a file the two YAML libraries read differently
    # would show here, before anything is written.
    validate(StrategyV2, parse(text, doc.file))
    result = Upgrade(text, plans, edit.faithful(), gender_placeholders=gender_placeholders)
    if doc.data.get("status") == "adopted" and "adopted" not in doc.data:
        result.notes.append(
            "status is adopted: add `adopted: YYYY-MM-DD`, the date the heads of mission "
            "endorsed it"
        )
    return result
