"""What changed between two catalogue versions: `hrdplan catalogue diff`, and the kind of version
bump a change needs (versions.py checks that a version's number says what it changed)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from hrdplan.catalogue.model import Catalogue, Instrument, Objective, Text

Bump = Literal["major", "minor", "patch"]
# Metadata that strategies are checked against: changing it needs at least a minor version.
CHECKED_METADATA = ("plan_period", "strategy_years", "democracy")
BUMPS: tuple[Bump, ...] = ("patch", "minor", "major")  # in increasing order

T = TypeVar("T")


@dataclass(frozen=True)
class Renamed:
    old: str
    new: str


@dataclass(frozen=True)
class Changed:
    """An entry kept under the same (or a renamed) code whose content changed."""

    code: str  # in the newer version
    fields: tuple[str, ...]  # reworded: the languages; changed: the fields


@dataclass
class Changes:
    """The changes to one kind of entry (objectives, instruments or tags)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[Renamed] = field(default_factory=list)
    reworded: list[Changed] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.renamed, self.reworded, self.changed))

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "renamed": [{"from": r.old, "to": r.new} for r in self.renamed],
            "reworded": [{"code": c.code, "languages": list(c.fields)} for c in self.reworded],
            "changed": [{"code": c.code, "fields": list(c.fields)} for c in self.changed],
        }


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class CatalogueDiff:
    old: Catalogue
    new: Catalogue
    metadata: list[FieldChange] = field(default_factory=list)
    objectives: Changes = field(default_factory=Changes)
    instruments: Changes = field(default_factory=Changes)
    tags: Changes = field(default_factory=Changes)
    linked: bool = True  # False: the versions are not one chain, renames are unknown

    def __bool__(self) -> bool:
        return bool(self.metadata or self.objectives or self.instruments or self.tags)

    def required_bump(self) -> Bump | None:
        """The smallest version bump that says what changed (None: nothing changed).

        major: something a strategy may select or name is gone or renamed, or fewer strategies
        fit (a shorter plan period, another strategy length); minor: additions and other
        changes to what strategies are checked against (an objective's tags or gender equality,
        the lines and sections about democracy); patch: texts and translations."""
        breaking = (
            self.objectives.removed
            or self.objectives.renamed
            or self.instruments.removed
            or self.instruments.renamed
            or self.tags.removed
            or any("selectable: no longer" in c.fields for c in self.objectives.changed)
            or any(_narrower(m) for m in self.metadata)
        )
        if breaking:
            return "major"
        if (
            self.objectives.added
            or self.objectives.changed
            or self.instruments.added
            or self.tags.added
            or any(m.field in CHECKED_METADATA for m in self.metadata)
        ):
            return "minor"
        return "patch" if self else None

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.old.ref,
            "to": self.new.ref,
            "linked": self.linked,
            "metadata": [{"field": m.field, "from": m.old, "to": m.new} for m in self.metadata],
            "objectives": self.objectives.to_json(),
            "instruments": self.instruments.to_json(),
            "tags": self.tags.to_json(),
            "bump": self.required_bump(),
        }


def _narrower(change: FieldChange) -> bool:
    """Whether a metadata change can make a strategy that fitted the old version wrong."""
    if change.field == "strategy_years":
        return True  # every strategy's length is judged anew
    if change.field != "plan_period":
        return False
    old_start, old_end = (int(y) for y in change.old.split("-"))
    new_start, new_end = (int(y) for y in change.new.split("-"))
    return new_start > old_start or new_end < old_end


def diff(
    old: Catalogue,
    new: Catalogue,
    *,
    renamed: Mapping[str, str | None] | None = None,
    renamed_instruments: Mapping[str, str | None] | None = None,
) -> CatalogueDiff:
    """The changes from old to new. `renamed` maps each old objective code to its code in new,
    or to None when it is gone (versions.mapping composes them along the chain of versions);
    None: the versions are not one chain, so an entry is matched by its code alone."""
    out = CatalogueDiff(old, new, linked=renamed is not None)
    out.metadata = _metadata(old, new)
    old_objectives = {o.code: o for o in old.objectives()}
    new_objectives = {o.code: o for o in new.objectives()}
    instrument_ids = renamed_instruments or {}

    def objective_changes(a: Objective, b: Objective) -> tuple[tuple[str, ...], tuple[str, ...]]:
        # An instrument renamed between the versions is not a change of the objective.
        same = [instrument_ids.get(i, i) for i in a.instruments] == b.instruments
        return _objective_changes(
            a.model_copy(update={"instruments": b.instruments}) if same else a, b
        )

    out.objectives = _changes(old_objectives, new_objectives, renamed or {}, objective_changes)
    old_instruments = {i.id: i for i in old.instruments}
    new_instruments = {i.id: i for i in new.instruments}
    out.instruments = _changes(
        old_instruments, new_instruments, renamed_instruments or {}, _instrument_changes
    )
    out.tags = _changes(old.tags, new.tags, {}, _tag_changes)
    return out


def _changes(
    old: Mapping[str, T],
    new: Mapping[str, T],
    renamed: Mapping[str, str | None],
    compare: Callable[[T, T], tuple[tuple[str, ...], tuple[str, ...]]],
) -> Changes:
    changes = Changes()
    matched: set[str] = set()
    for code, entry in old.items():
        target = renamed.get(code, code)
        if target is None or target not in new:
            changes.removed.append(code)
            continue
        matched.add(target)
        if target != code:
            changes.renamed.append(Renamed(code, target))
        reworded, changed = compare(entry, new[target])
        if reworded:
            changes.reworded.append(Changed(target, reworded))
        if changed:
            changes.changed.append(Changed(target, changed))
    changes.added = [code for code in new if code not in matched]
    return changes


def _texts(old: Text, new: Text) -> tuple[str, ...]:
    return tuple(lang for lang in ("en", "nl") if getattr(old, lang) != getattr(new, lang))


def _objective_changes(old: Objective, new: Objective) -> tuple[tuple[str, ...], tuple[str, ...]]:
    changed = [
        name
        for name in ("tags", "instruments", "gender_equality", "references", "milestone")
        if getattr(old, name) != getattr(new, name)
    ]
    if old.selectable != new.selectable:
        changed.append("selectable: no longer" if old.selectable else "selectable: now")
    return _texts(old.text, new.text), tuple(changed)


def _instrument_changes(
    old: Instrument, new: Instrument
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _texts(old.title, new.title), ()


def _tag_changes(old: Text, new: Text) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _texts(old, new), ()


def _metadata(old: Catalogue, new: Catalogue) -> list[FieldChange]:
    def values(c: Catalogue) -> dict[str, str]:
        return {
            "id": c.id,
            "edition": c.edition,
            "title.en": c.title.en,
            "title.nl": c.title.nl,
            "source_document": c.source_document,
            "adopted": c.adopted.isoformat(),
            "plan_period": f"{c.plan_period.start}-{c.plan_period.end}",
            "strategy_years": str(c.strategy_years),
            # As HRD406 reads it: the versions published before the mark existed read as
            # marking line 2, so marking it in a later version is no change.
            "democracy": ", ".join(c.democracy_codes()) or "none",
        }

    before, after = values(old), values(new)
    return [FieldChange(k, before[k], after[k]) for k in before if before[k] != after[k]]


# -- text ---------------------------------------------------------------------------------------


def render_text(result: CatalogueDiff) -> str:
    """The diff for people: one line per change, added and removed entries with their text."""
    lines = [f"{result.old.ref} -> {result.new.ref}"]
    if not result.linked:
        lines.append("(the versions are not one chain: renames are not known)")
    if not result:
        lines.append("no differences")
        return "\n".join(lines) + "\n"
    if result.metadata:
        lines.append("metadata:")
        lines += [f"  {m.field}: {m.old} -> {m.new}" for m in result.metadata]
    for kind, changes in (
        ("objectives", result.objectives),
        ("instruments", result.instruments),
        ("tags", result.tags),
    ):
        if not changes:
            continue
        lines.append(f"{kind}:")
        lines += [f"  added     {c}  {_label(result.new, kind, c)}" for c in changes.added]
        lines += [f"  removed   {c}  {_label(result.old, kind, c)}" for c in changes.removed]
        lines += [f"  renamed   {r.old} -> {r.new}" for r in changes.renamed]
        lines += [f"  reworded  {c.code} ({', '.join(c.fields)})" for c in changes.reworded]
        lines += [f"  changed   {c.code} ({', '.join(c.fields)})" for c in changes.changed]
    lines.append(f"needs at least a {result.required_bump()} version bump")
    return "\n".join(lines) + "\n"


def _label(catalogue: Catalogue, kind: str, code: str, width: int = 70) -> str:
    """The English text or title of an entry, shortened to one line."""
    if kind == "objectives":
        objective = catalogue.objective(code)
        text = objective.text.en if objective else ""
    elif kind == "instruments":
        instrument = catalogue.instrument(code)
        text = instrument.title.en if instrument else ""
    else:
        title = catalogue.tags.get(code)
        text = title.en if title else ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."
