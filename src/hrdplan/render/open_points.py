"""The open points of a document in words: what `hrdplan lint` reports, as its readers say it.

A document is read by people who never run the tool: they see "P1, indicator 1: baseline not
yet written", linked to the place, never a rule code, a key path, a YAML field name or a file
path. The wording is built here from each finding's rule and key path: the words each rule
declares for documents (its `open_point`), the field a finding is at where those words name it
(HRD401: which field a placeholder stands in), and a plain fallback for a code without words,
which still names the place and never the code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hrdplan.findings import Finding
from hrdplan.io.yamlio import KeyPath

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "indicator": "indicator",
        "action": "action",
        "title_block": "Title block",
        "document": "The document",
        "fallback": "a point still to settle",
    },
    "nl": {
        "indicator": "indicator",
        "action": "actie",
        "title_block": "Titelblok",
        "document": "Het document",
        "fallback": "een punt dat nog geregeld moet worden",
    },
}

# What a field is called, where a rule's words name the field ("{field} not yet written").
FIELDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "title",
        "rationale": "rationale",
        "approach": "gender approach",
        "objective": "gender equality objective",
        "do_no_harm": "do no harm",
        "gap": "Gender Action Plan area",
        "text": "text",
        "baseline": "baseline",
        "target": "target",
        "milestones": "milestone",
        "kind": "kind",
        "direction": "direction",
        "unit": "unit",
        "source": "source",
        "disaggregation": "disaggregation",
        "context": "context",
        "gender_analysis": "gender analysis",
        "delegation": "delegation",
        "participants": "participants",
        "narrative": "narrative",
        "summary": "summary of the year",
        "gender_results": "gender equality results",
        "actual": "actual",
        "note": "note",
        "status": "status",
        "reference": "reference",
        "": "text",
    },
    "nl": {
        "title": "titel",
        "rationale": "motivering",
        "approach": "genderaanpak",
        "objective": "doelstelling voor gendergelijkheid",
        "do_no_harm": "geen schade berokkenen",
        "gap": "terrein van het genderactieplan",
        "text": "tekst",
        "baseline": "uitgangswaarde",
        "target": "streefwaarde",
        "milestones": "tussendoel",
        "kind": "soort",
        "direction": "richting",
        "unit": "eenheid",
        "source": "bron",
        "disaggregation": "uitsplitsing",
        "context": "context",
        "gender_analysis": "genderanalyse",
        "delegation": "delegatie",
        "participants": "deelnemers",
        "narrative": "toelichting",
        "summary": "samenvatting van het jaar",
        "gender_results": "resultaten voor gendergelijkheid",
        "actual": "meting",
        "note": "toelichting",
        "status": "status",
        "reference": "referentie",
        "": "tekst",
    },
}

# Top-level fields that belong to a section of the document (its anchor and the label key of its
# name); any other top-level field is the title block's.
SECTIONS: dict[str, tuple[str, str]] = {
    "context": ("context", "context"),
    "gender_analysis": ("gender-analysis", "gender_analysis"),
    "consultations": ("consultations", "consultations"),
    "priorities": ("priorities", "priorities"),
    "summary": ("summary", "year_summary"),
    "gender_results": ("gender-results", "gender_results"),
}
TITLE_BLOCK = "title-block"
# Fields about the file as a whole (its format, its catalogue, the strategy a progress file
# reports on): the document's, not a place in it.
WHOLE = frozenset({"hrdplan", "catalogue", "strategy", "kind"})


@dataclass(frozen=True)
class OpenPoint:
    """One open point: where (a priority, an indicator, a section), linked to its anchor ("" for
    no link), and what is open, both in the document's language."""

    where: str
    anchor: str
    what: str
    severity: str  # error, warning, info

    @property
    def text(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(frozen=True)
class Place:
    """A priority of the file as the document names it and the anchor it has there."""

    id: str
    anchor: str


def _field(path: KeyPath, lang: str) -> str:
    """The field a path ends in, in words (a value or year of a baseline is the baseline's)."""
    names = FIELDS.get(lang, FIELDS["en"])
    for part in reversed(path):
        if isinstance(part, str) and part in names:
            return names[part]
    return names[""]


def what(finding: Finding, lang: str) -> str:
    """What is open, in words: the words the rule declares for documents, else a plain
    sentence that names neither the code nor the path."""
    lang = lang if lang in WORDS else "en"
    said = finding.open_point.get(lang)
    if not said:
        return WORDS[lang]["fallback"]
    return said.format(field=_field(finding.path, lang)) if "{field}" in said else said


def where(path: KeyPath, places: Sequence[Place], lang: str) -> tuple[str, str]:
    """The place a key path points at, named as the document names it, and its anchor."""
    from hrdplan.render.environment import labels

    t = labels().get(lang, labels()["en"])
    words = WORDS.get(lang, WORDS["en"])
    if not path:
        return words["document"], ""
    head = path[0]
    if head == "priorities" and len(path) > 1 and isinstance(path[1], int):
        index = path[1]
        place = places[index] if 0 <= index < len(places) else Place(str(index + 1), "")
        named = place.id
        if len(path) > 3 and isinstance(path[3], int) and path[2] in ("indicators", "actions"):
            noun = words["indicator" if path[2] == "indicators" else "action"]
            named = f"{named}, {noun} {path[3] + 1}"
        return named, place.anchor
    if head in WHOLE:
        return words["document"], ""
    if isinstance(head, str) and head in SECTIONS:
        anchor, label = SECTIONS[head]
        return str(t.get(label, words["title_block"])), anchor
    return words["title_block"], TITLE_BLOCK


def open_points(findings: Sequence[Finding], places: Sequence[Place], lang: str) -> list[OpenPoint]:
    """The findings of a file as open points, in the order lint reports them."""
    out = []
    for finding in findings:
        named, anchor = where(finding.path, places, lang)
        out.append(OpenPoint(named, anchor, what(finding, lang), finding.severity.value))
    return out
