"""How `hrdplan catalogue diff` prints a diff: text for people, JSON for tools."""

from __future__ import annotations

from typing import Any, Literal

from hrdplan.catalogue.diff import CatalogueDiff, Changes
from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.versions import required_bump
from hrdplan.io.text import shorten

Kind = Literal["objectives", "instruments", "tags", "gender_areas"]
_HEADINGS = {"gender_areas": "gender plan areas"}  # the text's heading where not the JSON key


def text(result: CatalogueDiff) -> str:
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
    for kind, changes in _kinds(result):
        if not changes:
            continue
        lines.append(f"{_HEADINGS.get(kind, kind)}:")
        lines += [f"  added     {c}  {_label(result.new, kind, c)}" for c in changes.added]
        lines += [f"  removed   {c}  {_label(result.old, kind, c)}" for c in changes.removed]
        lines += [f"  renamed   {r.old} -> {r.new}" for r in changes.renamed]
        lines += [f"  reworded  {c.code} ({', '.join(c.fields)})" for c in changes.reworded]
        lines += [f"  changed   {c.code} ({', '.join(c.fields)})" for c in changes.changed]
    lines.append(f"needs at least a {required_bump(result)} version bump")
    return "\n".join(lines) + "\n"


def to_json(result: CatalogueDiff) -> dict[str, Any]:
    """The diff for tools (README, "Catalogue versions")."""
    return {
        "from": result.old.ref,
        "to": result.new.ref,
        "linked": result.linked,
        "metadata": [{"field": m.field, "from": m.old, "to": m.new} for m in result.metadata],
        **{kind: _changes_json(changes) for kind, changes in _kinds(result)},
        "bump": required_bump(result),
    }


def _kinds(result: CatalogueDiff) -> tuple[tuple[Kind, Changes], ...]:
    return (
        ("objectives", result.objectives),
        ("instruments", result.instruments),
        ("tags", result.tags),
        ("gender_areas", result.gender_areas),
    )


def _changes_json(changes: Changes) -> dict[str, Any]:
    return {
        "added": changes.added,
        "removed": changes.removed,
        "renamed": [{"from": r.old, "to": r.new} for r in changes.renamed],
        "reworded": [{"code": c.code, "languages": list(c.fields)} for c in changes.reworded],
        "changed": [{"code": c.code, "fields": list(c.fields)} for c in changes.changed],
    }


def _label(catalogue: Catalogue, kind: Kind, code: str) -> str:
    """The English text or title of an entry, shortened to one line."""
    if kind == "objectives":
        objective = catalogue.objective(code)
        text = objective.text.en if objective else ""
    elif kind == "instruments":
        instrument = catalogue.instrument(code)
        text = instrument.title.en if instrument else ""
    elif kind == "gender_areas":
        area = catalogue.gender_plan.area(code) if catalogue.gender_plan else None
        text = area.title.en if area else ""
    else:
        title = catalogue.tags.get(code)
        text = title.en if title else ""
    return shorten(text, 70)
