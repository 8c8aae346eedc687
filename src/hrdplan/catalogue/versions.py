"""Catalogue versions: the chain of `previous:` links, the rules a version must follow, and what a
strategy's codes become from one version to another.

The rules (README, "Catalogue versions"): a version that names `previous:` follows that version
of the same id; its `renamed:` and `removed:` (and `renamed_instruments:`, `removed_instruments:`)
are relative to it and must name codes that existed there (and, for a rename, exist here); every
code of the previous version that is gone must be declared renamed or removed; and the version
number must say what changed: patch for texts and translations, minor for additions (objectives,
instruments, tags, gender plan areas, a longer plan period) and other changes to what strategies
are checked against (an objective's tags or gender equality, the lines and sections marked
`democracy:`, the gender plan: which one, its period, extension and target), major for removals
and renames (a gender plan area a strategy's `gender.gap` may name included). A version without
`previous:` starts a chain of its own (the first version of an id, or a successor plan).

They are checked whenever a chain is used (`migrate`, `catalogue diff`) and, for the shipped
catalogues, by a test; a violation is one line naming the catalogue file and position, exit 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from hrdplan.catalogue.diff import CatalogueDiff, FieldChange, diff
from hrdplan.catalogue.model import Catalogue, version_key
from hrdplan.catalogue.registry import Registry
from hrdplan.io.errors import InputError, NotFound, Problem
from hrdplan.io.yamlio import KeyPath

Kind = Literal["objective", "instrument"]
Bump = Literal["major", "minor", "patch"]
BUMPS: tuple[Bump, ...] = ("patch", "minor", "major")  # in increasing order


@dataclass(frozen=True)
class Gone:
    """Why a code has no counterpart in the target version."""

    reason: str


# -- the chain ----------------------------------------------------------------------------------


def lineage(
    registry: Registry, catalogue: Catalogue, *, until: str | None = None
) -> list[Catalogue]:
    """The catalogue and the versions it follows, newest first, as far as `previous:` leads
    (or down to version `until`). Linear: each version is loaded once and looked up in a set.
    InputError at the `previous:` that closes a loop (1.0.0 -> 2.0.0 -> 1.0.0)."""
    out = [catalogue]
    seen = {catalogue.version}
    available = set(registry.versions(catalogue.id))
    # A previous version that does not exist is reported by check().
    while (previous := out[-1].previous) in available and out[-1].version != until:
        if previous in seen:
            loop = " -> ".join([*(c.version for c in out), previous])
            raise InputError(
                _problem(
                    registry,
                    out[-1],
                    ("previous",),
                    f"previous: {previous} makes the versions a loop ({loop}); a version "
                    "must follow an older one",
                )
            )
        seen.add(previous)
        out.append(registry.load(f"{catalogue.id}@{previous}"))
    return out


def walk(registry: Registry, source: Catalogue, target: Catalogue) -> list[Catalogue] | None:
    """The versions from source to target along `previous:` links, both included, in the order
    to go through them (upwards or downwards); None when they are not one chain. Each walk
    stops at the other end: the versions before it are neither loaded nor checked."""
    if source.id != target.id:
        return None
    up = lineage(registry, target, until=source.version)
    if up[-1].version == source.version:
        return list(reversed(up))
    down = lineage(registry, source, until=target.version)
    if down[-1].version == target.version:
        return down
    return None


def require_valid_chain(registry: Registry, chain: list[Catalogue]) -> None:
    """InputError listing every rule a version of the chain breaks (see the module docstring)."""
    problems = [p for c in chain if c.previous is not None for p in check(registry, c)]
    if problems:
        raise InputError(*problems)


# -- what codes become --------------------------------------------------------------------------


def _renames(catalogue: Catalogue, kind: Kind) -> dict[str, str]:
    return dict(catalogue.renamed if kind == "objective" else catalogue.renamed_instruments)


def _removed(catalogue: Catalogue, kind: Kind) -> set[str]:
    return set(catalogue.removed if kind == "objective" else catalogue.removed_instruments)


def _has(catalogue: Catalogue, kind: Kind, code: str) -> bool:
    if kind == "objective":
        return catalogue.objective(code) is not None
    return catalogue.instrument(code) is not None


def translate(code: str, kind: Kind, chain: list[Catalogue]) -> str | Gone:
    """What a code of chain[0] is in chain[-1]: renames composed step by step; going down the
    chain, renames are reversed. Gone when a step removed it, or (going down) added it."""
    for current, step in pairwise(chain):
        if step.previous == current.version:  # upwards: step follows the current version
            if code in _removed(step, kind):
                return Gone(f"removed in {step.ref}")
            code = _renames(step, kind).get(code, code)
            if not _has(step, kind, code):
                return Gone(f"not in {step.ref}")
        else:  # downwards: the current version follows step
            back = [old for old, new in _renames(current, kind).items() if new == code]
            if len(back) > 1:
                return Gone(f"{current.ref} merged {', '.join(sorted(back))} into it")
            if back:
                code = back[0]
            elif (
                not _has(step, kind, code)
                or code in _renames(current, kind)
                or code in _removed(current, kind)
            ):
                return Gone(f"added in {current.ref}, not in {step.ref}")
    return code


def mapping(source: Catalogue, kind: Kind, chain: list[Catalogue] | None) -> dict[str, str | None]:
    """Every code of source and what it is in the chain's last version (None: gone). Without a
    chain, a code stays itself where the target has it."""
    codes = (
        [o.code for o in source.objectives()]
        if kind == "objective"
        else [i.id for i in source.instruments]
    )
    if chain is None:
        return {code: code for code in codes}
    out: dict[str, str | None] = {}
    for code in codes:
        result = translate(code, kind, chain)
        out[code] = None if isinstance(result, Gone) else result
    return out


# -- the version number -------------------------------------------------------------------------

# Metadata that strategies are checked against: changing it needs at least a minor version.
CHECKED_METADATA = (
    "plan_period",
    "strategy_years",
    "democracy",
    # The gender action plan a strategy's gender-responsiveness is read against (its areas are
    # compared one by one: see required_bump); its title and source are texts.
    "gender_plan",
    "gender_plan.period",
    "gender_plan.extension",
    "gender_plan.target",
)


def required_bump(changes: CatalogueDiff) -> Bump | None:
    """The smallest version bump that says what changed (None: nothing changed).

    major: something a strategy may select or name is gone or renamed (a gender plan area
    too), or fewer strategies fit (a shorter plan period, another strategy length); minor:
    additions and other changes to what strategies are checked against (an objective's tags
    or gender equality, the lines and sections about democracy, the gender plan); patch:
    texts and translations."""
    breaking = (
        changes.objectives.removed
        or changes.objectives.renamed
        or changes.instruments.removed
        or changes.instruments.renamed
        or changes.tags.removed
        or changes.gender_areas.removed
        or any("selectable: no longer" in c.fields for c in changes.objectives.changed)
        or any(_narrower(m) for m in changes.metadata)
    )
    if breaking:
        return "major"
    if (
        changes.objectives.added
        or changes.objectives.changed
        or changes.instruments.added
        or changes.tags.added
        or changes.gender_areas.added
        or any(m.field in CHECKED_METADATA for m in changes.metadata)
    ):
        return "minor"
    return "patch" if changes else None


def _narrower(change: FieldChange) -> bool:
    """Whether a metadata change can make a strategy that fitted the old version wrong."""
    if change.field == "strategy_years":
        return True  # every strategy's length is judged anew
    if change.field != "plan_period":
        return False
    old_start, old_end = (int(y) for y in change.old.split("-"))
    new_start, new_end = (int(y) for y in change.new.split("-"))
    return new_start > old_start or new_end < old_end


def bump_of(old: str, new: str) -> Bump | None:
    """The kind of bump from version old to new; None if new is not greater."""
    a, b = version_key(old), version_key(new)
    if b <= a:
        return None
    return "major" if b[0] != a[0] else "minor" if b[1] != a[1] else "patch"


# -- the rules ----------------------------------------------------------------------------------


def check(registry: Registry, catalogue: Catalogue) -> list[Problem]:
    """Every versioning rule this catalogue version breaks, at its place in the file."""
    found = list(_breaches(registry, catalogue))
    if not found:
        return []
    from hrdplan.io import yamlio

    entry = registry.entry(catalogue.ref)
    doc = yamlio.load(entry.path)
    problems = []
    for path, key, message in found:
        pos = doc.position(path, key=key)
        problems.append(Problem(doc.file, message, pos.line, pos.column))
    return problems


def _problem(registry: Registry, catalogue: Catalogue, path: KeyPath, message: str) -> Problem:
    """A problem at the value at path in the catalogue's file."""
    from hrdplan.io import yamlio

    doc = yamlio.load(registry.entry(catalogue.ref).path)
    pos = doc.position(path)
    return Problem(doc.file, message, pos.line, pos.column)


# A versioning rule broken: the key path, whether to point at the key (else its value), message.
Breach = tuple[KeyPath, bool, str]


def _breaches(registry: Registry, new: Catalogue) -> Iterator[Breach]:
    declared = any((new.renamed, new.removed, new.renamed_instruments, new.removed_instruments))
    if new.previous is None:
        if declared:
            yield (
                ("renamed",),
                True,
                "renamed/removed codes need `previous:`, the version they follow",
            )
        return
    try:  # not `in registry.versions()`: that sorts every version, once per link checked
        registry.entry(f"{new.id}@{new.previous}")
    except NotFound:
        known = registry.versions(new.id)
        yield (
            ("previous",),
            False,
            f"previous: {new.previous} is not a version of {new.id} "
            f"(available: {', '.join(known)})",
        )
        return
    actual = bump_of(new.previous, new.version)
    if actual is None:
        yield (
            ("version",),
            False,
            f"version {new.version} must be greater than previous {new.previous}",
        )
        return
    old = registry.load(f"{new.id}@{new.previous}")
    yield from _declared(old, new, "objective", "renamed", "removed")
    yield from _declared(old, new, "instrument", "renamed_instruments", "removed_instruments")
    changes = diff(
        old,
        new,
        renamed=mapping(old, "objective", [old, new]),
        renamed_instruments=mapping(old, "instrument", [old, new]),
    )
    needed = required_bump(changes)
    if needed is not None and BUMPS.index(needed) > BUMPS.index(actual):
        yield (
            ("version",),
            False,
            f"version {new.version} after {new.previous} is a {actual} release, but the changes "
            f"need a {needed} one ({_why(changes, needed)})",
        )


def _declared(
    old: Catalogue, new: Catalogue, kind: Kind, renamed: str, removed: str
) -> Iterator[Breach]:
    renames = _renames(new, kind)
    gone = _removed(new, kind)
    for code, target in renames.items():
        if not _has(old, kind, code):
            yield (renamed, code), True, f"renamed {kind} {code} is not in {old.ref}"
        if not _has(new, kind, target):
            yield (
                (renamed, code),
                False,
                f"{kind} {code} is renamed to {target}, which is not in {new.ref}",
            )
    for index, code in enumerate(new.removed if kind == "objective" else new.removed_instruments):
        if not _has(old, kind, code):
            yield (removed, index), False, f"removed {kind} {code} is not in {old.ref}"
        elif code in renames:
            yield (removed, index), False, f"{kind} {code} is both renamed and removed"
    codes = (
        [o.code for o in old.objectives()]
        if kind == "objective"
        else [i.id for i in old.instruments]
    )
    for code in codes:
        if code not in renames and code not in gone and not _has(new, kind, code):
            yield (
                ("version",),
                False,
                f"{kind} {code} of {old.ref} is missing: declare it under `{renamed}:` or "
                f"`{removed}:`",
            )


def _why(changes: CatalogueDiff, needed: Bump) -> str:
    parts = []
    for kind, entries in (("objectives", changes.objectives), ("instruments", changes.instruments)):
        if entries.removed:
            parts.append(f"{kind} removed: {', '.join(entries.removed)}")
        if entries.renamed:
            parts.append(f"{kind} renamed: {', '.join(r.old for r in entries.renamed)}")
        if needed == "minor" and entries.added:
            parts.append(f"{kind} added: {', '.join(entries.added)}")
    if changes.tags.removed:
        parts.append(f"tags removed: {', '.join(changes.tags.removed)}")
    if needed == "minor" and changes.tags.added:
        parts.append(f"tags added: {', '.join(changes.tags.added)}")
    if changes.gender_areas.removed:
        parts.append(f"gender plan areas removed: {', '.join(changes.gender_areas.removed)}")
    if needed == "minor" and changes.gender_areas.added:
        parts.append(f"gender plan areas added: {', '.join(changes.gender_areas.added)}")
    parts += [
        f"{m.field} {m.old} -> {m.new}" for m in changes.metadata if m.field in CHECKED_METADATA
    ]
    return "; ".join(parts) or "see `hrdplan catalogue diff`"
