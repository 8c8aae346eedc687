"""Recording an indicator's actual value in a year's progress file (`hrdplan progress record`).

The value is read from the command line by the indicator's kind (a number, a percentage with
or without its % sign, yes/no/true/false, or words) and must fit it (`measures.misfit`, the
one definition). The progress file is edited through the round trip of io.yamledit: the
indicator's entry is found under its priority, or added in the strategy's order (the priority's
entry too), and its `actual` set, with `source` and `note` when given; comments and layout
stay as written.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from hrdplan.io.errors import HrdplanError, InputError, Problem, did_you_mean, quoted
from hrdplan.io.text import is_utf8
from hrdplan.io.validate import validate
from hrdplan.io.yamlio import Document, parse
from hrdplan.strategy.measures import misfit, shown
from hrdplan.strategy.model import PLACEHOLDER, MeasuredIndicator, StrategyV2
from hrdplan.strategy.progress import Progress

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$")
_YES_NO = {"yes": True, "true": True, "no": False, "false": False}
_ORDER = ("id", "actual", "source", "note")  # an indicator entry's keys, as the design shows


def read_value(text: str, kind: str) -> bool | int | float | str:
    """A value typed on the command line, read as the indicator's kind takes it: a number for
    number and percent ("35%" too for percent), true or false for yes-no (yes, no, true,
    false), the text for text. What does not read so stays text, for `misfit` to refuse."""
    text = text.strip()
    if kind in ("number", "percent"):
        digits = text.removesuffix("%").rstrip() if kind == "percent" else text
        if _NUMBER.match(digits):
            return float(digits) if "." in digits else int(digits)
    elif kind == "yes-no" and text.lower() in _YES_NO:
        return _YES_NO[text.lower()]
    return text


def find_indicator(strategy: StrategyV2, ident: str) -> tuple[str, MeasuredIndicator] | None:
    """The id of the priority holding the indicator, and the indicator."""
    for priority in strategy.priorities:
        for indicator in priority.indicators:
            if indicator.id == ident:
                return priority.id, indicator
    return None


@dataclass(frozen=True)
class Recorded:
    text: str  # the progress file's new text
    indicator: MeasuredIndicator
    value: bool | int | float | str
    previous: Any  # the actual recorded before, if any
    added: bool  # the indicator's entry was added

    def summary(self) -> str:
        kind = str(self.indicator.kind)
        said = f"recorded {self.indicator.id} = {shown(self.value, kind)}"
        if self.added:
            said += " (new entry)"
        elif self.previous is not None and self.previous != self.value:
            said += f" (was {shown(self.previous, kind)})"
        return said


def record(
    doc: Document,
    strategy: StrategyV2,
    strategy_name: str,
    ident: str,
    typed: str,
    *,
    source: str | None = None,
    note: str | None = None,
) -> Recorded:
    """The progress file `doc` with the indicator's actual set to `typed`; an InputError (the
    file left alone) when the strategy has no such indicator or the value does not fit."""
    from hrdplan.io.yamledit import RoundTrip

    for what, given in (
        ("INDICATOR", ident),
        ("VALUE", typed),
        ("--source", source),
        ("--note", note),
    ):
        if given is not None and not is_utf8(given):
            # Written as it is, the file would not read back: say so, not blame the file.
            raise HrdplanError(
                f"{what} {quoted(given)} is not UTF-8 text (bytes the terminal sent in another "
                "encoding); type it again as UTF-8"
            )
    found = find_indicator(strategy, ident.strip())
    if found is None:
        ids = [i.id for p in strategy.priorities for i in p.indicators]
        close = difflib.get_close_matches(ident.strip(), ids, n=3, cutoff=0.5)
        raise InputError(
            Problem(
                doc.file, f"{strategy_name} has no indicator {quoted(ident)}{did_you_mean(close)}"
            )
        )
    priority_id, indicator = found
    kind = str(indicator.kind)
    if kind.lstrip().startswith(PLACEHOLDER):
        raise InputError(
            Problem(
                doc.file,
                f"indicator {indicator.id} has no kind yet ({quoted(kind)}): write its `kind:` in "
                f"{strategy_name} first",
            )
        )
    value = read_value(typed, kind)
    wrong = misfit(value, kind)
    if wrong is not None:
        raise InputError(Problem(doc.file, f"{indicator.id}: {wrong}"))
    edit = RoundTrip(doc)
    fields = {"actual": value, "source": source, "note": note}
    previous, added = _record(edit.data, strategy, priority_id, indicator.id, fields)
    text = edit.text()
    # What is written must read back as a progress file with this value (the two YAML
    # libraries agree on it), before anything is written.
    written = validate(Progress, parse(text, doc.file))
    _check_written(written, priority_id, indicator.id, value, doc.file)
    return Recorded(text, indicator, value, previous, added)


def _record(
    data: Any, strategy: StrategyV2, priority_id: str, ident: str, fields: dict[str, Any]
) -> tuple[Any, bool]:
    """Set the fields (those not None) of the indicator's entry; the actual it had, and
    whether the entry was added. A new entry is made whole before it is inserted, so that the
    comment lines it is inserted before stay below it."""
    from hrdplan.io.yamledit import block_map, block_seq, text_scalar

    given = {
        key: text_scalar(v) if isinstance(v, str) else v
        for key, v in fields.items()
        if v is not None
    }
    item = block_map(id=ident, **given)
    priorities = _sequence(data, "priorities")
    if priorities is None:
        _add_key(
            data, "priorities", block_seq(block_map(id=priority_id, indicators=block_seq(item)))
        )
        return None, True
    order = [p.id for p in strategy.priorities]
    entry = _find(priorities, priority_id)
    if entry is None:
        new = block_map(id=priority_id, indicators=block_seq(item))
        _insert_in_order(priorities, new, priority_id, order)
        return None, True
    indicators = _sequence(entry, "indicators")
    if indicators is None:
        _add_key(entry, "indicators", block_seq(item))
        return None, True
    existing = _find(indicators, ident)
    if existing is None:
        siblings = [i.id for p in strategy.priorities if p.id == priority_id for i in p.indicators]
        _insert_in_order(indicators, item, ident, siblings)
        return None, True
    previous = existing.get("actual")
    for key, v in given.items():
        _set(existing, key, v)
    return previous, False


def _sequence(mapping: Any, key: str) -> Any:
    """The non-empty sequence under `key`, or None when there is none to add to (missing,
    null, or empty: an empty `[]` is replaced, so that entries are added in block style)."""
    value = mapping.get(key)
    return value if isinstance(value, list) and len(value) else None


def _add_key(mapping: Any, key: str, value: Any) -> None:
    from hrdplan.io.yamledit import insert_key

    if key in mapping:
        mapping[key] = value  # null or [] before: its comment stays
    else:
        insert_key(mapping, len(mapping), key, value)


def _find(entries: Any, ident: str) -> Any:
    return next((e for e in entries if isinstance(e, dict) and e.get("id") == ident), None)


def _insert_in_order(entries: Any, new: Any, ident: str, order: list[str]) -> None:
    """Insert before the first entry that comes after `ident` in the strategy's order."""
    from hrdplan.io.yamledit import insert_item

    later = set(order[order.index(ident) + 1 :])
    at = next(
        (n for n, e in enumerate(entries) if isinstance(e, dict) and e.get("id") in later),
        len(entries),
    )
    insert_item(entries, at, new)


def _set(mapping: Any, key: str, value: Any) -> None:
    """Set `key` (its comment kept), or add it after the keys that come before it in the
    progress file's order (id, actual, source, note)."""
    from hrdplan.io.yamledit import insert_key

    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    before = _ORDER[: _ORDER.index(key)]
    at = max((keys.index(k) + 1 for k in before if k in keys), default=len(keys))
    insert_key(mapping, at, key, value)


def _check_written(
    progress: Progress, priority_id: str, ident: str, value: object, file: str
) -> None:
    for priority in progress.priorities:
        for indicator in priority.indicators if priority.id == priority_id else []:
            actual = indicator.actual
            if indicator.id == ident and actual == value and type(actual) is type(value):
                return
    raise InputError(
        Problem(file, f"cannot write {ident}'s value {quoted(value)} so that it reads back")
    )
