"""What changed between two versions of a strategy, in the strategy's terms.

Both versions are loaded through the one loader (strategy.loader) and compared on their
models: priorities paired by id; indicators by id when both are in format 2, else by position
and wording; actions by position and wording. A catalogue re-pin is read through the
catalogue's renames (catalogue.versions), so that an objective renamed by the catalogue is a
re-pin, not a priority removed and another added; an upgrade from format 1 to 2 is a change of
format, not every indicator rewritten.

Each change carries its position in the new file (and in the old one), the old and new value
as a reader writes it, and for texts a word-level diff: what the text, JSON and Markdown
outputs show, and what a redline document is made from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from hrdplan.catalogue.registry import Registry
from hrdplan.io.yamlio import KeyPath
from hrdplan.review.words import Segment, normal, similarity, word_diff
from hrdplan.strategy.loader import Loaded
from hrdplan.strategy.model import (
    PLACEHOLDER,
    Action,
    Gender2,
    Indicator,
    MeasuredIndicator,
    Measurement,
    Strategy,
    StrategyV2,
)

Kind = Literal["added", "removed", "changed", "renamed"]
# How alike two texts must be (word by word) to be read as one reworded, not one removed and
# another added.
REWORDED = 0.5


@dataclass(frozen=True)
class Change:
    """One change. `what` names the field the way the JSON output does (`priority`,
    `priority.objective`, `indicator.target`, ...); `subject` is what a reader calls it."""

    kind: Kind
    what: str
    subject: str
    old: str | None
    new: str | None
    path: KeyPath  # in the new file; for what was removed, the nearest place that is left
    line: int
    column: int
    old_path: KeyPath | None = None
    old_line: int | None = None
    old_column: int | None = None
    words: tuple[Segment, ...] = ()  # a text's word-level diff
    commitment: bool = False  # alters what an adopted strategy commits to
    note: str | None = None


@dataclass
class Comparison:
    """Two versions of one strategy file and what changed between them. A side is None when
    the file did not exist there (a strategy added or removed)."""

    old_name: str
    new_name: str
    old: Loaded | None
    new: Loaded | None
    changes: list[Change] = field(default_factory=list)
    # A change of an adopted strategy's commitments with no `changes:` entry for it.
    unjustified: Change | None = None

    @property
    def status(self) -> Literal["added", "removed", "changed", "unchanged"]:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.changes else "unchanged"

    @property
    def commitments(self) -> list[Change]:
        return [c for c in self.changes if c.commitment]

    @property
    def justification(self) -> str | None:
        """What justifies the changes of commitments, in every output's words: `missing` (no
        `changes:` entry), `recorded` (an entry), `not needed (draft)` or `not needed
        (consultation)` (the old version was not adopted: drafts change freely); None when no
        commitment changed."""
        if not self.commitments or self.old is None or self.old.strategy is None:
            return None
        if self.unjustified is not None:
            return "missing"
        status = self.old.strategy.status
        return "recorded" if status == "adopted" else f"not needed ({status})"


def compare(
    old: Loaded | None,
    new: Loaded | None,
    registry: Registry,
    *,
    old_name: str,
    new_name: str,
) -> Comparison:
    """What changed from old to new (both loaded strategies, with a model: the caller
    refuses a side that does not load)."""
    result = Comparison(old_name, new_name, old, new)
    if old is not None and new is not None:
        assert old.strategy is not None and new.strategy is not None
        result.changes = _Comparer(old, new, registry).run()
        result.unjustified = unjustified(old.strategy, new.strategy, result.changes)
    return result


def unjustified(old: Strategy, new: Strategy, changes: Sequence[Change]) -> Change | None:
    """The first change of an adopted strategy's commitments when the new version has no
    `changes:` entry dated after the old version's last one; None when there is one, or
    nothing to justify (the old version was not adopted: drafts change freely)."""
    if old.status != "adopted":
        return None
    first = next((c for c in changes if c.commitment), None)
    if first is None:
        return None
    last = max((e.date for e in old.changes), default=None) if isinstance(old, StrategyV2) else None
    if isinstance(new, StrategyV2) and any(last is None or e.date > last for e in new.changes):
        return None
    return first


def last_entry(strategy: Strategy) -> str | None:
    """The date of a strategy's last `changes:` entry, as written, or None."""
    if not isinstance(strategy, StrategyV2) or not strategy.changes:
        return None
    return max(e.date for e in strategy.changes).isoformat()


# -- values as a reader writes them -------------------------------------------------------------


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER)


def _value(value: object, *, text: bool) -> str | None:
    """A field's value as shown: a text as written (its word diff needs it), anything else
    on one line; empty is absent."""
    if value is None:
        return None
    shown = str(value).strip() if text else " ".join(_shown(value).split())
    return shown or None


def _measure(value: object, kind: str | None) -> str | None:
    """A baseline, milestone or target: `12 (2020)`, `35% (2025)`, or the text written."""
    if value is None:
        return None
    if isinstance(value, Measurement):
        shown = _shown(value.value)
        if kind == "percent" and not isinstance(value.value, (bool, str)):
            shown += "%"
        return f"{shown} ({value.year})"
    return " ".join(_shown(value).split())


def _measure_key(value: object) -> object:
    """What two measures are compared on, across formats: `12 (2020)` in format 1 and
    {value: 12, year: 2020} in format 2 are the same commitment; a placeholder that keeps what
    format 1 said (`TODO: 1 in 5 (2021)`, as `migrate --format 2` writes it) is too."""
    from hrdplan.strategy.upgrade import read_measure

    if value is None:
        return None
    if isinstance(value, Measurement):
        number = value.value
        if isinstance(number, (int, float)) and not isinstance(number, bool):
            return (float(number), value.year)
        return (number if isinstance(number, bool) else normal(str(number)), value.year)
    text = normal(_shown(value))
    if text.startswith(PLACEHOLDER):
        text = normal(text[len(PLACEHOLDER) :])
    reading = read_measure(value if not isinstance(value, str) else text)
    if reading is None:
        return text
    number = reading.value
    return (number if isinstance(number, bool) else float(number), reading.year)


def _listed(values: Sequence[object]) -> str:
    return ", ".join(_shown(v) for v in values)


# -- the comparison -----------------------------------------------------------------------------


class _Comparer:
    def __init__(self, old: Loaded, new: Loaded, registry: Registry) -> None:
        assert old.strategy is not None and new.strategy is not None
        self.old, self.new = old.strategy, new.strategy
        self.old_doc, self.new_doc = old.doc, new.doc
        self.changes: list[Change] = []
        self.renames, self.instrument_renames, self.repin_note = _renames(old, new, registry)
        self.both_v2 = isinstance(self.old, StrategyV2) and isinstance(self.new, StrategyV2)

    def run(self) -> list[Change]:
        self._top()
        self._priorities()
        self._log()
        return self.changes

    def add(
        self,
        kind: Kind,
        what: str,
        subject: str,
        old: str | None,
        new: str | None,
        path: KeyPath,
        old_path: KeyPath | None,
        *,
        text: bool = False,
        commitment: bool = False,
        note: str | None = None,
    ) -> None:
        pos = self.new_doc.position(path)
        before = self.old_doc.position(old_path) if old_path is not None else None
        words = tuple(word_diff(old, new)) if text and old is not None and new is not None else ()
        self.changes.append(
            Change(
                kind=kind,
                what=what,
                subject=subject,
                old=old,
                new=new,
                path=path,
                line=pos.line,
                column=pos.column,
                old_path=old_path,
                old_line=before.line if before else None,
                old_column=before.column if before else None,
                words=words,
                commitment=commitment,
                note=note,
            )
        )

    def field(
        self,
        what: str,
        subject: str,
        old: object,
        new: object,
        path: KeyPath,
        old_path: KeyPath,
        *,
        text: bool = False,
        commitment: bool = False,
    ) -> None:
        """A value that may have changed, been added or removed."""
        before, after = _value(old, text=text), _value(new, text=text)
        same = normal(before) == normal(after) if before and after else before == after
        if same:
            return
        kind: Kind = "added" if before is None else "removed" if after is None else "changed"
        self.add(
            kind, what, subject, before, after, path, old_path, text=text, commitment=commitment
        )

    # -- the strategy as a whole --

    def _top(self) -> None:
        old, new = self.old, self.new
        if old.hrdplan != new.hrdplan:
            note = "upgraded (hrdplan migrate --format 2)" if new.hrdplan == 2 else None
            self.add(
                "changed", "format", "format", str(old.hrdplan), str(new.hrdplan),
                ("hrdplan",), ("hrdplan",), note=note,
            )  # fmt: skip
        if old.catalogue.strip() != new.catalogue.strip():
            self.add(
                "changed", "catalogue", "catalogue pin", old.catalogue.strip(),
                new.catalogue.strip(), ("catalogue",), ("catalogue",), note=self.repin_note,
            )  # fmt: skip
        for key in ("status", "classification", "country", "language"):
            self.field(key, key, getattr(old, key), getattr(new, key), (key,), (key,))
        period = (f"{old.period.start}-{old.period.end}", f"{new.period.start}-{new.period.end}")
        self.field("period", "period", *period, ("period",), ("period",))
        for key in ("adopted", "reference"):
            self.field(key, key, getattr(old, key, None), getattr(new, key, None), (key,), (key,))
        for key in ("title", "delegation"):
            self.field(key, key, getattr(old, key), getattr(new, key), (key,), (key,), text=True)
        members = (_listed(old.member_states) or None, _listed(new.member_states) or None)
        if sorted(old.member_states) != sorted(new.member_states):
            path = ("member_states",)
            self.field("member_states", "member states", *members, path, path)
        self._consultations()
        for key in ("context", "gender_analysis"):
            subject = key.replace("_", " ")
            self.field(
                key, subject, getattr(old, key), getattr(new, key), (key,), (key,), text=True
            )

    def _consultations(self) -> None:
        old = {c.date: i for i, c in enumerate(self.old.consultations)}
        new = {c.date: i for i, c in enumerate(self.new.consultations)}
        for date, i in new.items():
            path: KeyPath = ("consultations", i)
            subject = f"consultation of {date.isoformat()}"
            after = self.new.consultations[i].participants
            if date not in old:
                self.add("added", "consultation", subject, None, after, path, None)
            else:
                j = old[date]
                before = self.old.consultations[j].participants
                self.field(
                    "consultation.participants", subject, before, after,
                    (*path, "participants"), ("consultations", j, "participants"), text=True,
                )  # fmt: skip
        for date, j in old.items():
            if date not in new:
                subject = f"consultation of {date.isoformat()}"
                before = self.old.consultations[j].participants
                self.add(
                    "removed", "consultation", subject, before, None, ("consultations",),
                    ("consultations", j),
                )  # fmt: skip

    def _log(self) -> None:
        """Entries of the `changes:` log added or removed (what a revision history shows)."""
        old = self.old.changes if isinstance(self.old, StrategyV2) else []
        new = self.new.changes if isinstance(self.new, StrategyV2) else []
        seen = {(e.date, normal(e.what), normal(e.why)) for e in old}
        kept = {(e.date, normal(e.what), normal(e.why)) for e in new}
        for i, entry in enumerate(new):
            if (entry.date, normal(entry.what), normal(entry.why)) not in seen:
                shown = f"{normal(entry.what)} ({normal(entry.why)})"
                subject = f"change log entry of {entry.date.isoformat()}"
                self.add("added", "changes", subject, None, shown, ("changes", i), None)
        for j, entry in enumerate(old):
            if (entry.date, normal(entry.what), normal(entry.why)) not in kept:
                shown = f"{normal(entry.what)} ({normal(entry.why)})"
                subject = f"change log entry of {entry.date.isoformat()}"
                self.add("removed", "changes", subject, shown, None, ("changes",), ("changes", j))

    # -- priorities --

    def _priorities(self) -> None:
        old_by_id: dict[str, int] = {}
        for j, p in enumerate(self.old.priorities):
            old_by_id.setdefault(p.id.strip(), j)
        new_ids: set[str] = set()
        for i, priority in enumerate(self.new.priorities):
            ident = priority.id.strip()
            if ident in new_ids:
                continue  # an id given twice is lint's to report (HRD104)
            new_ids.add(ident)
            path: KeyPath = ("priorities", i)
            if ident not in old_by_id:
                shown = f"{priority.objective} {priority.title}"
                self.add(
                    "added", "priority", f"priority {ident}", None, shown, path, None,
                    commitment=True,
                )  # fmt: skip
                continue
            j = old_by_id[ident]
            self._priority(ident, self.old.priorities[j], priority, ("priorities", j), path)
        for ident, j in old_by_id.items():
            if ident not in new_ids:
                before = self.old.priorities[j]
                self.add(
                    "removed", "priority", f"priority {ident}",
                    f"{before.objective} {before.title}", None, ("priorities",),
                    ("priorities", j), commitment=True,
                )  # fmt: skip

    def _priority(self, ident: str, old: Any, new: Any, old_path: KeyPath, path: KeyPath) -> None:
        subject = f"priority {ident}"
        was, now = old.objective.strip(), new.objective.strip()
        if was != now:
            renamed = self.renames.get(was)
            if renamed == now:
                self.add(
                    "renamed", "priority.objective", subject, was, now, (*path, "objective"),
                    (*old_path, "objective"), note=self.repin_note,
                )  # fmt: skip
            else:
                self.add(
                    "changed", "priority.objective", subject, was, now, (*path, "objective"),
                    (*old_path, "objective"), commitment=True, note="re-targeted",
                )  # fmt: skip
        for key in ("title", "rationale"):
            self.field(
                f"priority.{key}", subject, getattr(old, key), getattr(new, key),
                (*path, key), (*old_path, key), text=True,
            )  # fmt: skip
        self._gender(subject, old.gender, new.gender, (*path, "gender"), (*old_path, "gender"))
        self._actions(subject, old.actions, new.actions, path, old_path)
        self._indicators(subject, old.indicators, new.indicators, path, old_path)

    def _gender(self, subject: str, old: Any, new: Any, path: KeyPath, old_path: KeyPath) -> None:
        def get(gender: Any, key: str) -> Any:
            return getattr(gender, key, None) if gender is not None else None

        self.field(
            "priority.gender.marker", subject, get(old, "marker"), get(new, "marker"),
            (*path, "marker"), (*old_path, "marker"), commitment=True,
        )  # fmt: skip
        upgraded = not isinstance(old, Gender2) and isinstance(new, Gender2)
        for key in ("approach", "objective", "do_no_harm"):
            if upgraded and get(old, key) is None and _is_placeholder(get(new, key)):
                continue  # written by the upgrade (migrate --format 2), to be filled
            self.field(
                f"priority.gender.{key}", subject, get(old, key), get(new, key),
                (*path, key), (*old_path, key), text=True,
            )  # fmt: skip
        gap_old = get(old, "gap") or [] if isinstance(old, Gender2) else []
        gap_new = get(new, "gap") or [] if isinstance(new, Gender2) else []
        if upgraded and all(_is_placeholder(g) for g in gap_new):
            gap_new = []
        if sorted(gap_old) != sorted(gap_new):
            self.field(
                "priority.gender.gap", subject, _listed(gap_old) or None,
                _listed(gap_new) or None, (*path, "gap"), (*old_path, "gap"),
            )  # fmt: skip

    def _actions(
        self, subject: str, old: list[Action], new: list[Action], path: KeyPath, old_path: KeyPath
    ) -> None:
        pairs = pair_by_text([a.text for a in old], [a.text for a in new])
        for j, i in pairs:
            if i is None:
                assert j is not None
                self.add(
                    "removed", "action", f"action of {subject}", old[j].text, None,
                    (*path, "actions"), (*old_path, "actions", j),
                )  # fmt: skip
                continue
            here: KeyPath = (*path, "actions", i)
            name = f"action {i + 1} of {subject}"
            if j is None:
                self.add("added", "action", name, None, new[i].text, here, None)
                continue
            there: KeyPath = (*old_path, "actions", j)
            self.field(
                "action.text", name, old[j].text, new[i].text, (*here, "text"), (*there, "text"),
                text=True,
            )  # fmt: skip
            was = [self.instrument_renames.get(x, x) for x in old[j].instruments]
            if sorted(was) != sorted(new[i].instruments):
                self.field(
                    "action.instruments", name, _listed(old[j].instruments) or None,
                    _listed(new[i].instruments) or None, (*here, "instruments"),
                    (*there, "instruments"),
                )  # fmt: skip

    def _indicators(
        self,
        subject: str,
        old: Sequence[Indicator | MeasuredIndicator],
        new: Sequence[Indicator | MeasuredIndicator],
        path: KeyPath,
        old_path: KeyPath,
    ) -> None:
        if self.both_v2:
            pairs = pair_by_id(
                [getattr(x, "id", "").strip() for x in old],
                [getattr(x, "id", "").strip() for x in new],
            )
        else:
            pairs = pair_by_text([x.text for x in old], [x.text for x in new])
        for j, i in pairs:
            if i is None:
                assert j is not None
                self.add(
                    "removed", "indicator", _indicator_name(old[j], j, subject), old[j].text,
                    None, (*path, "indicators"), (*old_path, "indicators", j),
                )  # fmt: skip
                continue
            here: KeyPath = (*path, "indicators", i)
            name = _indicator_name(new[i], i, subject)
            if j is None:
                self.add("added", "indicator", name, None, new[i].text, here, None)
                continue
            self._indicator(name, old[j], new[i], here, (*old_path, "indicators", j))

    def _indicator(
        self,
        name: str,
        old: Indicator | MeasuredIndicator,
        new: Indicator | MeasuredIndicator,
        path: KeyPath,
        old_path: KeyPath,
    ) -> None:
        self.field(
            "indicator.text", name, old.text, new.text, (*path, "text"), (*old_path, "text"),
            text=True,
        )  # fmt: skip
        old_kind = getattr(old, "kind", None)
        new_kind = getattr(new, "kind", None)
        for key in ("baseline", "target"):
            before, after = getattr(old, key), getattr(new, key)
            if _measure_key(before) != _measure_key(after):
                self.field(
                    f"indicator.{key}", name, _measure(before, old_kind),
                    _measure(after, new_kind), (*path, key), (*old_path, key), commitment=True,
                )  # fmt: skip
        self.field(
            "indicator.source", name, old.source, new.source, (*path, "source"),
            (*old_path, "source"), text=True,
        )  # fmt: skip
        if sorted(old.disaggregation) != sorted(new.disaggregation):
            self.field(
                "indicator.disaggregation", name, _listed(old.disaggregation) or None,
                _listed(new.disaggregation) or None, (*path, "disaggregation"),
                (*old_path, "disaggregation"),
            )  # fmt: skip
        if not (isinstance(old, MeasuredIndicator) and isinstance(new, MeasuredIndicator)):
            return  # format 1 has none of the rest: an upgrade adds them, it does not change them
        for key in ("kind", "direction"):
            self.field(
                f"indicator.{key}", name, getattr(old, key), getattr(new, key), (*path, key),
                (*old_path, key),
            )  # fmt: skip
        if [_measure_key(m) for m in old.milestones] != [_measure_key(m) for m in new.milestones]:
            self.field(
                "indicator.milestones", name,
                "; ".join(str(_measure(m, old.kind)) for m in old.milestones) or None,
                "; ".join(str(_measure(m, new.kind)) for m in new.milestones) or None,
                (*path, "milestones"), (*old_path, "milestones"), commitment=True,
            )  # fmt: skip
        if old.gender_specific != new.gender_specific:
            self.field(
                "indicator.gender_specific", name, old.gender_specific, new.gender_specific,
                (*path, "gender_specific"), (*old_path, "gender_specific"),
            )  # fmt: skip


def _indicator_name(indicator: Indicator | MeasuredIndicator, index: int, subject: str) -> str:
    ident = getattr(indicator, "id", None)
    return f"indicator {ident.strip()}" if ident else f"indicator {index + 1} of {subject}"


def _renames(
    old: Loaded, new: Loaded, registry: Registry
) -> tuple[dict[str, str], dict[str, str], str | None]:
    """The objective and instrument codes the catalogue renamed between the two pins (old
    code -> new code), and a note naming the versions; nothing when the pins are one, or are
    not one chain of versions."""
    from hrdplan.catalogue.versions import mapping, walk

    source, target = old.catalogue, new.catalogue
    if source is None or target is None or source.ref == target.ref:
        return {}, {}, None
    chain = walk(registry, source, target)
    if chain is None:
        return {}, {}, None
    renamed, instruments = (
        {
            code: now
            for code, now in mapping(source, kind, chain).items()
            if now is not None and now != code
        }
        for kind in ("objective", "instrument")
    )
    note = f"renamed by the catalogue from {source.ref} to {target.ref}"
    return renamed, instruments, note if renamed or instruments else None


def pair_by_id(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """(old index, new index) pairs by equal id, in the new order, the removed after; the
    second of an id given twice is paired by nothing (lint reports it: HRD106)."""
    first_old: dict[str, int] = {}
    for j, ident in enumerate(old):
        first_old.setdefault(ident, j)
    used: set[int] = set()
    out: list[tuple[int | None, int | None]] = []
    for i, ident in enumerate(new):
        found = first_old.get(ident)
        if found is not None and found not in used:
            used.add(found)
            out.append((found, i))
        else:
            out.append((None, i))
    out += [(j, None) for j in range(len(old)) if j not in used]
    return out


def pair_by_text(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """(old index, new index) pairs for items without ids, in the new order, the removed
    after: the same texts in order first (difflib), then, among the texts left, the most alike
    that are alike enough (REWORDED), so that a reworded action is one change, not two."""
    import difflib

    matcher = difflib.SequenceMatcher(
        None, [normal(t) for t in old], [normal(t) for t in new], autojunk=False
    )
    by_new: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            by_new.update(zip(range(j1, j2), range(i1, i2), strict=True))
    left = [a for a in range(len(old)) if a not in by_new.values()]
    right = [b for b in range(len(new)) if b not in by_new]
    scored = sorted(
        ((similarity(old[a], new[b]), a, b) for a in left for b in right),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    taken: set[int] = set()
    for score, a, b in scored:
        if score < REWORDED:
            break
        if a not in taken and b not in by_new:
            taken.add(a)
            by_new[b] = a
    paired = set(by_new.values())
    return [(by_new.get(b), b) for b in range(len(new))] + [
        (a, None) for a in range(len(old)) if a not in paired
    ]


def summary(change: Change) -> str:
    """A change in a few words, for a message: `priority P3 added`, `priority P1 gender
    marker 1 -> 2`."""
    label = LABELS.get(change.what, change.what.rsplit(".", 1)[-1].replace("_", " "))
    if change.what in ITEMS:
        return f"{change.subject} {change.kind}"
    what = label if change.subject == label else f"{change.subject} {label}"
    if change.kind == "changed" or change.kind == "renamed":
        return f"{what} {change.old} -> {change.new}"
    return f"{what} {change.kind}"


def justification_message(comparison: Comparison, base: str) -> str:
    """What lint (HRD601) and `diff --base` say of an unjustified change."""
    assert comparison.unjustified is not None and comparison.old is not None
    assert comparison.old.strategy is not None
    listed = [summary(c) for c in comparison.commitments]
    shown = "; ".join(listed[:3]) + (f"; and {len(listed) - 3} more" if len(listed) > 3 else "")
    last = last_entry(comparison.old.strategy)
    after = f" dated after {last}" if last else ""
    return (
        f"the adopted strategy's commitments changed since {base} ({shown}): add a `changes:` "
        f"entry{after} saying what changed and why (date, what, why)"
    )


# What a reader calls a field (the rest: the last part of `what`).
LABELS = {
    "format": "file format",
    "catalogue": "catalogue pin",
    "member_states": "member states",
    "gender_analysis": "gender analysis",
    "priority.objective": "objective",
    "priority.gender.marker": "gender marker",
    "priority.gender.approach": "gender approach",
    "priority.gender.objective": "gender equality objective",
    "priority.gender.gap": "GAP III areas",
    "priority.gender.do_no_harm": "do no harm",
    "indicator.gender_specific": "gender-specific",
    "consultation.participants": "participants",
    "action.text": "text",
    "indicator.text": "text",
}
# Whole items added or removed: the subject names them.
ITEMS = frozenset({"priority", "action", "indicator", "consultation", "changes"})
