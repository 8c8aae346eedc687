"""What changed between two catalogue versions, as data: objectives, instruments, tags and the
gender plan's areas added, removed, renamed, reworded or changed, and the catalogue's own fields
(the gender plan's among them, as `gender_plan...`).

What a change means for the version number is versions.py's (`required_bump`); how
`hrdplan catalogue diff` prints it is diff_output.py's."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from hrdplan.catalogue.lang import LANGS
from hrdplan.catalogue.model import (
    Bilingual,
    Catalogue,
    GenderArea,
    GenderPlan,
    Instrument,
    Objective,
)

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
    gender_areas: Changes = field(default_factory=Changes)
    linked: bool = True  # False: the versions are not one chain, renames are unknown

    def __bool__(self) -> bool:
        return bool(
            self.metadata or self.objectives or self.instruments or self.tags or self.gender_areas
        )


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
    out.gender_areas = _changes(_areas(old), _areas(new), {}, _area_changes)
    return out


def _areas(catalogue: Catalogue) -> dict[str, GenderArea]:
    plan = catalogue.gender_plan
    return {a.id: a for a in plan.areas} if plan is not None else {}


def _area_changes(old: GenderArea, new: GenderArea) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _texts(old.title, new.title), ()


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


def _texts(old: Bilingual, new: Bilingual) -> tuple[str, ...]:
    return tuple(lang for lang in LANGS if old[lang] != new[lang])


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


def _tag_changes(old: Bilingual, new: Bilingual) -> tuple[tuple[str, ...], tuple[str, ...]]:
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

    both = old.gender_plan is not None and new.gender_plan is not None
    before = values(old) | _plan_values(old.gender_plan, fields=both)
    after = values(new) | _plan_values(new.gender_plan, fields=both)
    return [FieldChange(k, before[k], after[k]) for k in before if before[k] != after[k]]


def _plan_values(plan: GenderPlan | None, *, fields: bool) -> dict[str, str]:
    """The gender plan's id and, when both versions have a plan (`fields`), its own fields
    (its areas are compared one by one): a plan added or removed is one change,
    `gender_plan: none -> gap-iii`, not one per field."""
    if plan is None or not fields:
        return {"gender_plan": plan.id if plan is not None else "none"}
    extension = plan.extension
    return {
        "gender_plan": plan.id,
        "gender_plan.title.en": plan.title.en,
        "gender_plan.title.nl": plan.title.nl,
        "gender_plan.source_document": plan.source_document,
        "gender_plan.adopted": plan.adopted.isoformat(),
        "gender_plan.period": f"{plan.period.start}-{plan.period.end}",
        "gender_plan.extension": str(extension.end) if extension else "none",
        "gender_plan.target": f"{plan.target}%"
        + (f" by {plan.target_year}" if plan.target_year else ""),
    }
