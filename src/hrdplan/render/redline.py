"""A redline: the changes of review/diff.py's Comparison as the document of the new version
shows them, each at its place (deleted words struck, inserted ones underlined).

Nothing here compares anything: the Comparison says what changed, and this module says where
in the document each change is shown and what pieces of text it is made of. The template marks
pieces up (<del>/<ins> in HTML; Word's tracked changes in DOCX, made from that HTML).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from hrdplan.io.text import inline, visible
from hrdplan.review.diff import Change, Comparison
from hrdplan.strategy.loader import Loaded

Op = Literal["equal", "delete", "insert"]

# The changes the strategy template shows in their place, by `Change.what`: the summary links
# to each of them; any other change links to the nearest section or priority holding it.
PLACED = frozenset(
    {
        "title",
        "status",
        "period",
        "adopted",
        "reference",
        "delegation",
        "member_states",
        "context",
        "gender_analysis",
        "consultation",
        "consultation.participants",
        "changes",
        "priority",
        "priority.title",
        "priority.objective",
        "priority.gender.marker",
        "priority.rationale",
        "priority.gender.approach",
        "priority.gender.objective",
        "priority.gender.do_no_harm",
        "action",
        "action.text",
        "indicator",
        "indicator.text",
        "indicator.baseline",
        "indicator.target",
        "indicator.milestones",
        "indicator.source",
    }
)
# The label (templates/labels.json) naming each field in the summary of changes.
FIELD_LABELS = {
    "format": "redline_format",
    "catalogue": "catalogue",
    "status": "status",
    "classification": "classification",
    "country": "country",
    "language": "lang",
    "period": "period",
    "adopted": "adopted_on",
    "reference": "reference",
    "title": "redline_title",
    "delegation": "delegation",
    "member_states": "member_states",
    "consultation": "consultations",
    "consultation.participants": "participants",
    "context": "context",
    "gender_analysis": "gender_analysis",
    "changes": "revision_history",
    "priority": "priority",
    "priority.title": "redline_title",
    "priority.objective": "objective",
    "priority.rationale": "rationale",
    "priority.gender.marker": "gender_marker",
    "priority.gender.approach": "gender_approach",
    "priority.gender.objective": "gender_objective",
    "priority.gender.gap": "gap_areas",
    "priority.gender.do_no_harm": "do_no_harm",
    "action": "action",
    "action.text": "action",
    "action.instruments": "instruments",
    "indicator": "indicator",
    "indicator.text": "indicator",
    "indicator.baseline": "baseline",
    "indicator.target": "target",
    "indicator.milestones": "milestones",
    "indicator.source": "source",
    "indicator.disaggregation": "disaggregation",
    "indicator.kind": "kind",
    "indicator.direction": "direction",
    "indicator.gender_specific": "gender_specific",
}
_SECTIONS = {"context": "context", "gender_analysis": "gender-analysis"}
_SECTIONS.update({"consultations": "consultations", "changes": "revisions"})


@dataclass(frozen=True)
class Piece:
    """A run of text the two versions share, or that one of them has alone (visible-safe)."""

    op: Op
    text: str


@dataclass(frozen=True)
class Marked:
    """One change as the document shows it."""

    anchor: str  # the id of its place in the document (change-1, change-2, ...)
    link: str  # where the summary links to: its own anchor, or the place holding it
    kind: str  # added, removed, changed, renamed
    field: str  # the key of its name in the labels
    where: str  # the priority it is in ("P1 · title"), or "" for the strategy as a whole
    pieces: list[Piece]  # the text or value as marked: deleted, then inserted
    commitment: bool  # alters what an adopted strategy commits to


@dataclass(frozen=True)
class Redline:
    """What the document of the new version needs to show the changes: the summary's list,
    and each change by its place (`fields`: a field changed or an item added, by the dotted
    key path in the new file; `removed`: items removed, by the key path of their list)."""

    against: str  # the old version's name (a file, or file@revision)
    changes: list[Marked]
    commitments: int
    fields: dict[str, Marked]
    removed: dict[str, list[Marked]]

    @property
    def empty(self) -> bool:
        return not self.changes


def key(path: tuple[str | int, ...]) -> str:
    """A key path as the template looks it up: `priorities.0.indicators.1.target`."""
    return ".".join(str(part) for part in path)


def build(comparison: Comparison, anchors: list[str]) -> Redline:
    """The redline of a comparison; `anchors` are the document's priority anchors, in the new
    file's order."""
    new = comparison.new
    titles = _titles(new)
    changes: list[Marked] = []
    fields: dict[str, Marked] = {}
    removed: dict[str, list[Marked]] = {}
    for number, change in enumerate(comparison.changes, start=1):
        anchor = f"change-{number}"
        place = _place(change, anchors)
        where = ""
        if len(change.path) >= 2 and change.path[0] == "priorities":
            where = titles.get(int(change.path[1]), "")
        if change.what == "priority" and change.kind == "removed":
            where = inline(change.subject.removeprefix("priority "))
        marked = Marked(
            anchor=anchor,
            link=anchor if _placed(change) else place,
            kind=change.kind,
            field=FIELD_LABELS.get(change.what, "redline_other"),
            where=where,
            pieces=pieces(change),
            commitment=change.commitment,
        )
        changes.append(marked)
        if change.kind == "removed" and change.what in {"priority", "action", "indicator"}:
            removed.setdefault(key(change.path), []).append(marked)
        elif change.kind == "removed" and change.what in {"consultation", "changes"}:
            continue  # shown in the summary only: the new document has no place for it
        else:
            fields.setdefault(key(change.path), marked)
    commitments = sum(1 for c in comparison.changes if c.commitment)
    # The file name at most (a document carries no paths), with its revision.
    against = inline(PurePath(comparison.old_name).name)
    return Redline(against, changes, commitments, fields, removed)


def pieces(change: Change) -> list[Piece]:
    """A change as runs of text: a text's word diff, or the old value struck and the new one
    inserted."""
    if change.words:
        return [Piece(s.op, visible(s.text)) for s in change.words]
    out: list[Piece] = []
    if change.old is not None:
        out.append(Piece("delete", inline(change.old)))
    if change.new is not None:
        out.append(Piece("insert", inline(change.new)))
    return out


def _placed(change: Change) -> bool:
    """Whether the document shows the change where it is (a consultation or a log entry
    removed has no place left in the new version: it is in the summary only)."""
    if change.kind == "removed" and change.what in {"consultation", "changes"}:
        return False
    return change.what in PLACED


def _place(change: Change, anchors: list[str]) -> str:
    """The anchor of the document's place nearest a change: its priority, its section, or the
    title block."""
    path = change.path
    index = path[1] if len(path) >= 2 and path[0] == "priorities" else None
    if isinstance(index, int) and 0 <= index < len(anchors):
        return anchors[index]
    if path and path[0] == "priorities":
        return "priorities"
    return _SECTIONS.get(str(path[0]) if path else "", "title-block")


def _titles(new: Loaded | None) -> dict[int, str]:
    if new is None or new.strategy is None:
        return {}
    return {i: inline(f"{p.id} · {p.title}") for i, p in enumerate(new.strategy.priorities)}
