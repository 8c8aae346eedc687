"""Recording in a year's progress file (`hrdplan progress record`): an indicator's actual
value, or a priority's status and narrative; and marking the file submitted (`progress submit`).

The value is read from the command line by the indicator's kind (a number, a percentage with
or without its % sign, yes/no/true/false, or words) and must fit it (`measures.misfit`, the
one definition). The progress file is edited through the round trip of io.yamledit: the
indicator's entry is found under its priority, or added in the strategy's order (the priority's
entry too), and its `actual` set, with `source` and `note` when given; comments and layout
stay as written. A priority's entry is found or added the same way, its `status` and
`narrative` set.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from typing import Any

from hrdplan.io.errors import HrdplanError, InputError, Problem, quoted
from hrdplan.io.suggest import close_names, did_you_mean
from hrdplan.io.text import is_utf8, shorten
from hrdplan.io.validate import validate
from hrdplan.io.yamlio import Document, parse
from hrdplan.strategy.measures import misfit, shown
from hrdplan.strategy.model import PLACEHOLDER, MeasuredIndicator, StrategyV2
from hrdplan.strategy.progress import PRIORITY_STATUSES, Progress

# Decimal, with an exponent or not (1e3, 2.5E-1), as YAML writes a number in a file.
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$")
_YES_NO = {"yes": True, "true": True, "no": False, "false": False}
_ORDER = ("id", "actual", "source", "note")  # an indicator entry's keys, as the design shows
_PRIORITY_ORDER = ("id", "status", "narrative", "indicators")  # a priority entry's keys
STATUSES = ", ".join(PRIORITY_STATUSES[:-1]) + f" or {PRIORITY_STATUSES[-1]}"


def read_value(text: str, kind: str) -> bool | int | float | str:
    """A value typed on the command line, read as the indicator's kind takes it: a number for
    number and percent ("35%" too for percent), true or false for yes-no (yes, no, true,
    false), the text for text. What does not read so stays text, for `misfit` to refuse. A
    number larger than a float holds (about 1.8e308) is a ValueError saying so: it could be
    neither compared nor shown."""
    text = text.strip()
    if kind in ("number", "percent"):
        digits = text.removesuffix("%").rstrip() if kind == "percent" else text
        if _NUMBER.match(digits):
            amount = float(digits)  # a float from text never fails: inf when it is too large
            if not math.isfinite(amount):
                raise ValueError(
                    f"{shorten(digits, 24)} ({len(digits):,} characters) is larger than a "
                    f"number can be here (about {sys.float_info.max:.1e})"
                )
            if "." in digits or "e" in digits.lower():
                return amount
            # Leading zeros dropped: they count towards Python's limit on the digits int()
            # reads, a limit no number that fits in a float comes near.
            sign = digits[0] if digits[0] in "+-" else ""
            return int(sign + (digits.lstrip("+-").lstrip("0") or "0"))
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
        close = close_names(ident.strip(), ids)
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
    try:
        value = read_value(typed, kind)
    except ValueError as exc:
        raise InputError(Problem(doc.file, f"{indicator.id}: {exc}")) from None
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


def record_entry(
    doc: Document,
    strategy: StrategyV2,
    strategy_name: str,
    ident: str,
    typed: str | None,
    *,
    source: str | None = None,
    note: str | None = None,
    status: str | None = None,
    narrative: str | None = None,
) -> Recorded | PriorityRecorded:
    """What `progress record FILE ID ...` does, by what ID is in the strategy: an indicator's
    VALUE (with --source, --note), or a priority's --status and --narrative. The wrong form
    for the id is an InputError saying which form it takes."""
    name = ident.strip()
    found = find_indicator(strategy, name)
    priority = next((p for p in strategy.priorities if p.id == name), None)
    if found is not None:
        if status is not None or narrative is not None:
            raise InputError(
                Problem(
                    doc.file,
                    f"{name} is an indicator: --status and --narrative are its priority's "
                    f"(`progress record FILE {found[0]} --status STATUS`); give {name} a VALUE",
                )
            )
        if typed is None:
            raise InputError(
                Problem(doc.file, f"{name} is an indicator: give its VALUE after the id")
            )
        return record(doc, strategy, strategy_name, name, typed, source=source, note=note)
    if priority is None:
        if typed is not None:  # the indicator form: record says there is no such indicator
            return record(doc, strategy, strategy_name, name, typed, source=source, note=note)
        ids = [p.id for p in strategy.priorities]
        ids += [i.id for p in strategy.priorities for i in p.indicators]
        close = close_names(name, ids)
        raise InputError(
            Problem(
                doc.file,
                f"{strategy_name} has no priority or indicator {quoted(ident)}"
                f"{did_you_mean(close)}",
            )
        )
    if typed is not None:
        raise InputError(
            Problem(
                doc.file,
                f"{name} is a priority: it takes --status ({STATUSES}) and --narrative TEXT, "
                "not a VALUE",
            )
        )
    if source is not None or note is not None:
        raise InputError(
            Problem(
                doc.file,
                f"{name} is a priority: --source and --note are an indicator's; "
                "say what happened with --narrative",
            )
        )
    if status is None and narrative is None:
        raise InputError(
            Problem(
                doc.file,
                f"{name} is a priority: give its --status ({STATUSES}) or --narrative TEXT",
            )
        )
    return record_priority(doc, strategy, name, status=status, narrative=narrative)


def check_status(status: str | None) -> None:
    """A HrdplanError unless status is None or one of a priority's statuses."""
    if status is not None and status not in PRIORITY_STATUSES:
        raise HrdplanError(f"--status must be {STATUSES}, not {quoted(status)}")


@dataclass(frozen=True)
class PriorityRecorded:
    text: str  # the progress file's new text
    ident: str
    status: str | None  # as given (None: not changed)
    narrative: bool  # the narrative was set
    previous: Any  # the status recorded before, if any
    added: bool  # the priority's entry was added

    def summary(self) -> str:
        parts = []
        if self.status is not None:
            said = f"status = {self.status}"
            if not self.added and self.previous is not None and self.previous != self.status:
                said += f" (was {self.previous})"
            parts.append(said)
        if self.narrative:
            parts.append("narrative")
        return f"recorded {self.ident} {', '.join(parts)}" + (" (new entry)" if self.added else "")


def record_priority(
    doc: Document,
    strategy: StrategyV2,
    ident: str,
    *,
    status: str | None = None,
    narrative: str | None = None,
) -> PriorityRecorded:
    """The progress file `doc` with the priority's status and narrative (those given) set;
    the priority's entry is added, in the strategy's order, when the file lacks it."""
    from hrdplan.io.yamledit import RoundTrip, block_map, block_seq, text_scalar

    check_status(status)
    edit = RoundTrip(doc)
    fields = {"status": status, "narrative": narrative}
    given = {k: text_scalar(v) for k, v in fields.items() if v is not None}
    priorities = _sequence(edit.data, "priorities")
    previous, added = None, True
    if priorities is None:
        _add_key(edit.data, "priorities", block_seq(block_map(id=ident, **given)))
    else:
        entry = _find(priorities, ident)
        if entry is None:
            order = [p.id for p in strategy.priorities]
            _insert_in_order(priorities, block_map(id=ident, **given), ident, order)
        else:
            previous, added = entry.get("status"), False
            for key, v in given.items():
                _set(entry, key, v, _PRIORITY_ORDER)
    text = edit.text()
    written = validate(Progress, parse(text, doc.file))
    got = next((p for p in written.priorities if p.id == ident), None)
    if got is None or (status is not None and got.status != status):
        raise InputError(Problem(doc.file, f"cannot write {ident}'s status so that it reads back"))
    if narrative is not None and got.narrative != narrative.strip():
        raise InputError(
            Problem(doc.file, f"cannot write {ident}'s narrative so that it reads back")
        )
    return PriorityRecorded(text, ident, status, narrative is not None, previous, added)


def submitted_text(doc: Document) -> str:
    """The progress file `doc` with `status: submitted`, comments and layout kept."""
    from hrdplan.io.yamledit import RoundTrip

    edit = RoundTrip(doc)
    edit.data["status"] = "submitted"  # the model requires the key: it is there, its comment kept
    text = edit.text()
    if validate(Progress, parse(text, doc.file)).status != "submitted":
        raise InputError(
            Problem(doc.file, "cannot write `status: submitted` so that it reads back")
        )
    return text


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


def _set(mapping: Any, key: str, value: Any, order: tuple[str, ...] = _ORDER) -> None:
    """Set `key` (its comment kept), or add it after the keys that come before it in the
    progress file's order (an indicator's: id, actual, source, note)."""
    from hrdplan.io.yamledit import insert_key

    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    before = order[: order.index(key)]
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
