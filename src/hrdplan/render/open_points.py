"""The open points of a document in words: what `hrdplan lint` reports, as its readers say it.

A document is read by people who never run the tool: they see "P1, indicator 1: baseline not
yet written", linked to the place, never a rule code, a key path, a YAML field name or a file
path. The wording is built here, and only here, from each finding's rule code and key path: the
words of each rule, the field a placeholder stands in (HRD401), and a plain fallback for a code
it does not know (a rule added later), which still names the place and never the code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hrdplan.io.yamlio import KeyPath
from hrdplan.lint.model import Finding

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "indicator": "indicator",
        "action": "action",
        "title_block": "Title block",
        "document": "The document",
        "not_written": "{field} not yet written",
        "fallback": "a point still to settle",
        "HRD001": "the file cannot be read",
        "HRD002": "a value given twice",
        "HRD003": "a value not in the expected form",
        "HRD004": "written in a format this version cannot read",
        "HRD005": "the version of the Action Plan it refers to is not available",
        "HRD006": "an exemption from a check that exempts nothing",
        "HRD007": "refers to an older version of the Action Plan's catalogue",
        "HRD008": "indicators not yet measurable (the earlier format)",
        "HRD101": "objective not in the Action Plan",
        "HRD102": "not an objective a country strategy can select",
        "HRD103": "the same objective as another priority",
        "HRD104": "the same id as another priority",
        "HRD105": "an instrument the Action Plan does not name",
        "HRD106": "the same id as another indicator",
        "HRD201": "no gender marker 1 or 2",
        "HRD202": "gender approach missing or too short",
        "HRD203": "no gender analysis",
        "HRD204": "no sex-disaggregated indicator",
        "HRD205": "no priority with gender equality as its principal objective",
        "HRD206": "no gender equality objective",
        "HRD207": "no gender-specific indicator",
        "HRD208": "do no harm not yet described",
        "HRD209": "gender marker 2, but gender equality is not said to be the main objective",
        "HRD210": "gender marker 2 without a Gender Action Plan area",
        "HRD211": "an area the Gender Action Plan does not have",
        "HRD301": "country not recognised",
        "HRD302": "the host country is an EU member state",
        "HRD303": "not an EU member state",
        "HRD304": "the period is not five calendar years",
        "HRD305": "the period starts outside the Action Plan's period",
        "HRD402": "no actions",
        "HRD403": "no indicators",
        "HRD404": "baseline or target missing",
        "HRD405": "no civil society consultation recorded",
        "HRD406": "no priority under democracy (line of action 2)",
        "HRD407": "no priorities",
        "HRD501": "adoption date not given",
        "HRD502": "direction missing, or given for a qualitative indicator",
        "HRD503": "the target goes against the indicator's direction",
        "HRD504": "years that do not fit the period",
        "HRD505": "a value that does not fit the kind of indicator",
        "HRD506": "the strategy reported on cannot be read",
        "HRD507": "not a priority or indicator of the strategy, or under another priority",
        "HRD508": "a priority or indicator of the strategy not reported on",
        "HRD509": "the year is outside the strategy's period",
        "HRD510": "status or actual missing, and no note says why",
        "HRD511": "off track two years running, and nothing says why",
        "HRD512": "the report is not filed where it is looked for",
        "HRD513": "no progress report for a past year",
        "HRD514": "a progress report on a year that has not begun",
        "HRD601": "a change to the adopted strategy's commitments not yet recorded in its "
        "revision history",
    },
    "nl": {
        "indicator": "indicator",
        "action": "actie",
        "title_block": "Titelblok",
        "document": "Het document",
        "not_written": "{field} nog niet ingevuld",
        "fallback": "een punt dat nog geregeld moet worden",
        "HRD001": "het bestand kan niet worden gelezen",
        "HRD002": "een waarde die twee keer is gegeven",
        "HRD003": "een waarde niet in de verwachte vorm",
        "HRD004": "in een formaat dat deze versie niet kan lezen",
        "HRD005": "de versie van het actieplan waarnaar verwezen wordt, is niet beschikbaar",
        "HRD006": "een uitzondering op een controle die niets uitzondert",
        "HRD007": "verwijst naar een oudere versie van de catalogus van het actieplan",
        "HRD008": "indicatoren nog niet meetbaar (het eerdere formaat)",
        "HRD101": "doelstelling niet in het actieplan",
        "HRD102": "geen doelstelling die een landenstrategie kan kiezen",
        "HRD103": "dezelfde doelstelling als een andere prioriteit",
        "HRD104": "dezelfde aanduiding als een andere prioriteit",
        "HRD105": "een instrument dat het actieplan niet noemt",
        "HRD106": "dezelfde aanduiding als een andere indicator",
        "HRD201": "geen gendermarker 1 of 2",
        "HRD202": "genderaanpak ontbreekt of is te kort",
        "HRD203": "geen genderanalyse",
        "HRD204": "geen naar geslacht uitgesplitste indicator",
        "HRD205": "geen prioriteit met gendergelijkheid als hoofddoel",
        "HRD206": "geen doelstelling voor gendergelijkheid",
        "HRD207": "geen genderspecifieke indicator",
        "HRD208": "geen schade berokkenen nog niet beschreven",
        "HRD209": "gendermarker 2, maar gendergelijkheid wordt niet als hoofddoel genoemd",
        "HRD210": "gendermarker 2 zonder terrein van het genderactieplan",
        "HRD211": "een terrein dat het genderactieplan niet kent",
        "HRD301": "land niet herkend",
        "HRD302": "het gastland is een EU-lidstaat",
        "HRD303": "geen EU-lidstaat",
        "HRD304": "de periode is geen vijf kalenderjaren",
        "HRD305": "de periode begint buiten de periode van het actieplan",
        "HRD402": "geen acties",
        "HRD403": "geen indicatoren",
        "HRD404": "uitgangswaarde of streefwaarde ontbreekt",
        "HRD405": "geen raadpleging van het maatschappelijk middenveld vastgelegd",
        "HRD406": "geen prioriteit onder democratie (actielijn 2)",
        "HRD407": "geen prioriteiten",
        "HRD501": "datum van vaststelling ontbreekt",
        "HRD502": "richting ontbreekt, of is gegeven voor een kwalitatieve indicator",
        "HRD503": "de streefwaarde gaat tegen de richting van de indicator in",
        "HRD504": "jaren die niet in de periode passen",
        "HRD505": "een waarde die niet bij de soort indicator past",
        "HRD506": "de strategie waarover gerapporteerd wordt, kan niet worden gelezen",
        "HRD507": "geen prioriteit of indicator van de strategie, of onder een andere prioriteit",
        "HRD508": "een prioriteit of indicator van de strategie waarover niet gerapporteerd is",
        "HRD509": "het jaar valt buiten de periode van de strategie",
        "HRD510": "status of meting ontbreekt, zonder toelichting waarom",
        "HRD511": "twee jaar op rij niet op koers, zonder uitleg waarom",
        "HRD512": "het rapport staat niet waar het gezocht wordt",
        "HRD513": "geen voortgangsrapport over een verstreken jaar",
        "HRD514": "een voortgangsrapport over een jaar dat nog niet begonnen is",
        "HRD601": "een wijziging van de toezeggingen van de vastgestelde strategie nog niet "
        "vastgelegd in de wijzigingsgeschiedenis",
    },
}

# What a field is called, for "... not yet written" (HRD401, a scaffold's placeholder).
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
    """What is open, in words: the rule family's wording, else a plain sentence that names
    neither the code nor the path."""
    words = WORDS.get(lang, WORDS["en"])
    if finding.code == "HRD401":  # a placeholder: which field is still to write
        return words["not_written"].format(field=_field(finding.path, lang))
    return words.get(finding.code, words["fallback"])


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
