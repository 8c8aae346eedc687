"""The catalogue of the Action Plan's objectives: its models, and every look-up into it.

Rendering, linting and scaffolding all ask this module (through `Catalogue`) for objectives,
sections, instruments and suggestions; none of them walks the catalogue data on its own.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)

from hrdplan.catalogue.lang import Lang as Lang  # re-exported: the models speak of it
from hrdplan.io.errors import quoted
from hrdplan.io.suggest import close_names, did_you_mean

Kebab = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SemVer = Annotated[str, StringConstraints(pattern=r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")]
LineCode = Annotated[str, StringConstraints(pattern=r"^[1-9]$")]
SectionCode = Annotated[str, StringConstraints(pattern=r"^[1-9]\.[1-9]\d*$")]
ObjectiveCode = Annotated[str, StringConstraints(pattern=r"^[1-9]\.[1-9]\d*\.[a-z]$")]


@dataclass(frozen=True)
class _Known:
    """The instrument ids and tags a catalogue declares, while it is being validated, so that
    each reference is checked where it stands (and reported at its line)."""

    instruments: frozenset[str]
    tags: frozenset[str] | None  # None: the catalogue declares no tags, any is accepted


_KNOWN: ContextVar[_Known | None] = ContextVar("catalogue_known", default=None)


def _check_refs(values: list[str], kind: str, declared: frozenset[str] | None) -> list[str]:
    if declared is not None:
        for value in values:
            if value not in declared:
                close = close_names(value, sorted(declared))
                raise ValueError(f"{kind} {quoted(value)}{did_you_mean(close)}")
    return values


class _Strict(BaseModel):
    # defer_build: a model's validator is built when first used, not when the class is made.
    # Linting validates whole catalogues only, so the nested models' own validators, which
    # nothing uses, are never built (a few per cent of a one-file lint).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Bilingual(_Strict):
    """One text in every catalogue language (en, nl)."""

    en: NonEmpty
    nl: NonEmpty

    def __getitem__(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.nl


class PlanPeriod(_Strict):
    """The calendar years the Action Plan covers. Unlike a strategy's period (checked by a lint
    rule), a catalogue is validated whole, so the order of its years is checked here."""

    start: int = Field(ge=1900, le=2200)
    end: int = Field(ge=1900, le=2200)

    @model_validator(mode="after")
    def _ordered(self) -> PlanPeriod:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class Milestone(_Strict):
    """A monitoring milestone of section 5.2, with its planning."""

    title: Bilingual
    planning: Bilingual
    when: Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$")] | None = None
    every_year: bool = False

    @property
    def first_year(self) -> int | None:
        return int(self.when[:4]) if self.when else None


class Objective(_Strict):
    code: ObjectiveCode
    text: Bilingual
    tags: list[Kebab] = Field(min_length=1)
    gender_equality: bool
    instruments: list[Kebab] = []
    selectable: bool = True
    milestone: Milestone | None = None
    references: list[NonEmpty] = []

    @field_validator("instruments")
    @classmethod
    def _known_instruments(cls, values: list[str], info: ValidationInfo) -> list[str]:
        known = _KNOWN.get()
        kind = f"objective {info.data.get('code', '?')}: unknown instrument"
        return _check_refs(values, kind, known.instruments if known else None)

    @field_validator("tags")
    @classmethod
    def _declared_tags(cls, values: list[str], info: ValidationInfo) -> list[str]:
        known = _KNOWN.get()
        kind = f"objective {info.data.get('code', '?')}: undeclared tag"
        return _check_refs(values, kind, known.tags if known else None)

    @model_validator(mode="after")
    def _milestones_are_not_priorities(self) -> Objective:
        if self.milestone is not None and self.selectable:
            raise ValueError(f"objective {self.code}: a milestone must not be selectable")
        return self

    @property
    def section_code(self) -> str:
        return self.code.rsplit(".", 1)[0]

    @property
    def line_code(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def letter(self) -> str:
        return self.code.rsplit(".", 1)[1]


class Section(_Strict):
    code: SectionCode
    title: Bilingual
    # The section is about democracy (HRD406 asks every strategy for a priority under one);
    # see Catalogue.democracy_codes.
    democracy: bool = False
    objectives: list[Objective] = Field(min_length=1)

    @model_validator(mode="after")
    def _children_match(self) -> Section:
        _no_duplicates("objective", [o.code for o in self.objectives])
        for objective in self.objectives:
            if objective.section_code != self.code:
                raise ValueError(
                    f"objective {objective.code} does not belong to section {self.code}"
                )
        return self


class LineOfAction(_Strict):
    code: LineCode
    title: Bilingual
    intro: Bilingual | None = None
    democracy: bool = False  # every section of the line is about democracy (see Section)
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _children_match(self) -> LineOfAction:
        _no_duplicates("section", [s.code for s in self.sections])
        for section in self.sections:
            if section.code.split(".")[0] != self.code:
                raise ValueError(f"section {section.code} does not belong to line {self.code}")
        return self


class Instrument(_Strict):
    id: Kebab
    title: Bilingual


class CrossCutting(_Strict):
    id: Kebab
    title: Bilingual
    text: Bilingual
    objectives: list[ObjectiveCode] = []


class GenderArea(_Strict):
    """A thematic area of engagement of the EU Gender Action Plan (GAP III's six), by the id a
    priority's `gender.gap` names it with and its title as the plan words it."""

    id: Kebab
    title: Bilingual


class PlanExtension(_Strict):
    """A later decision that the plan stays in force beyond its period, and where it is said:
    the plan's own period (what it was adopted for) stays as adopted."""

    end: int = Field(ge=1900, le=2200)
    source: NonEmpty


class GenderPlan(_Strict):
    """The EU Gender Action Plan a strategy's gender-responsiveness is read against: its
    thematic areas of engagement (a priority's `gender.gap` names them) and its target share
    of new actions at gender marker 1 or 2 (by `target_year`)."""

    id: Kebab
    title: Bilingual
    source_document: NonEmpty
    adopted: dt.date
    period: PlanPeriod
    extension: PlanExtension | None = None
    target: int = Field(ge=0, le=100, description="Percent of new actions at marker 1 or 2.")
    target_year: int | None = Field(default=None, ge=1900, le=2200)
    areas: list[GenderArea] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> GenderPlan:
        _no_duplicates("gender area", [a.id for a in self.areas])
        if self.extension is not None and self.extension.end <= self.period.end:
            raise ValueError(
                f"gender plan {self.id}: the extension ends ({self.extension.end}) no later "
                f"than the period ({self.period.end})"
            )
        return self

    @property
    def last_year(self) -> int:
        """The last year the plan is in force: its period's, or its extension's."""
        return self.extension.end if self.extension is not None else self.period.end

    def area(self, ident: str) -> GenderArea | None:
        return next((a for a in self.areas if a.id == ident), None)

    def suggest(self, ident: str, n: int = 3) -> list[str]:
        return close_names(ident, [a.id for a in self.areas], n)


class Erratum(_Strict):
    """A typing error of the source text, corrected in the catalogue's Dutch text."""

    code: NonEmpty  # an objective or section code, or "<line>:intro"
    wrong: NonEmpty
    right: NonEmpty


class Change(_Strict):
    version: SemVer
    text: NonEmpty


class Catalogue(_Strict):
    """One version of one catalogue: the plan's lines of action, sections and objectives."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    id: Kebab
    edition: NonEmpty
    version: SemVer
    previous: SemVer | None = None
    title: Bilingual
    source_document: NonEmpty
    adopted: dt.date
    plan_period: PlanPeriod
    strategy_years: int = Field(default=5, ge=1, le=20)
    changelog: list[Change] = []
    introduction: Bilingual | None = None
    cross_cutting: list[CrossCutting] = []
    instruments: list[Instrument] = Field(min_length=1)
    implementation_means: list[Kebab] = []
    tags: dict[Kebab, Bilingual] = {}
    lines: list[LineOfAction] = Field(min_length=1)
    # Relative to `previous` (see versions.py): what migrate applies to a strategy's codes.
    renamed: dict[ObjectiveCode, ObjectiveCode] = {}
    removed: list[ObjectiveCode] = []
    renamed_instruments: dict[Kebab, Kebab] = {}
    removed_instruments: list[Kebab] = []
    errata: list[Erratum] = []
    # The gender action plan in force for the plan's strategies; None in catalogues before 1.2.0
    # (and an organisation's that names none): the rules about its areas then do not run.
    gender_plan: GenderPlan | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _with_known_references(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        token = _KNOWN.set(_declared(data))
        try:
            return handler(data)
        finally:
            _KNOWN.reset(token)

    @field_validator("implementation_means")
    @classmethod
    def _known_means(cls, values: list[str]) -> list[str]:
        known = _KNOWN.get()
        return _check_refs(values, "unknown instrument", known.instruments if known else None)

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        _no_duplicates("line", [line.code for line in self.lines])
        _no_duplicates("instrument", [i.id for i in self.instruments])
        codes = {o.code for o in self.objectives()}
        for item in self.cross_cutting:
            for code in item.objectives:
                if code not in codes:
                    raise ValueError(f"cross_cutting {item.id}: unknown objective {code}")
        return self

    # -- look-ups ---------------------------------------------------------------------------

    @property
    def ref(self) -> str:
        """How a strategy pins this catalogue: id@version."""
        return f"{self.id}@{self.version}"

    def sections(self) -> Iterator[Section]:
        for line in self.lines:
            yield from line.sections

    def objectives(self) -> Iterator[Objective]:
        for section in self.sections():
            yield from section.objectives

    @cached_property
    def _by_code(self) -> dict[str, Objective | Section | LineOfAction]:
        table: dict[str, Objective | Section | LineOfAction] = {}
        for line in self.lines:
            table[line.code] = line
            for section in line.sections:
                table[section.code] = section
                for objective in section.objectives:
                    table[objective.code] = objective
        return table

    @cached_property
    def _instruments(self) -> dict[str, Instrument]:
        return {i.id: i for i in self.instruments}

    def find(self, code: str) -> Objective | Section | LineOfAction | None:
        """The objective, section or line of action with this code, if any."""
        return self._by_code.get(code.strip().lower())

    def objective(self, code: str) -> Objective | None:
        found = self.find(code)
        return found if isinstance(found, Objective) else None

    def section(self, code: str) -> Section | None:
        found = self.find(code)
        return found if isinstance(found, Section) else None

    def line(self, code: str) -> LineOfAction | None:
        found = self.find(code)
        return found if isinstance(found, LineOfAction) else None

    def instrument(self, ident: str) -> Instrument | None:
        return self._instruments.get(ident)

    @cached_property
    def _democracy(self) -> tuple[str, ...]:
        marked: list[str] = []
        for line in self.lines:
            if line.democracy:
                marked.append(line.code)
            else:
                marked += [s.code for s in line.sections if s.democracy]
        return tuple(marked) or DEMOCRACY_BEFORE_MARKED.get(self.ref, ())

    def democracy_codes(self) -> tuple[str, ...]:
        """The lines of action and sections about democracy (`democracy: true`), in catalogue
        order; a section of a marked line is not repeated. Empty: the catalogue marks none.
        The versions of the shipped plan published before the mark existed have their line 2
        (see DEMOCRACY_BEFORE_MARKED)."""
        return self._democracy

    def is_democracy(self, code: str) -> bool:
        """Whether the objective, section or line with this code is under a democracy line of
        action or section. The code need not exist: an unknown objective code (`2.9.z`) still
        says which section and line its author meant."""
        parts = code.strip().lower().split(".")
        enclosing = (parts[0], ".".join(parts[:2]))  # its line of action, its section
        return any(c in self._democracy for c in enclosing)

    def selectable(self) -> Iterator[Objective]:
        return (o for o in self.objectives() if o.selectable)

    def suggest_codes(self, code: str, *, selectable_only: bool = False, n: int = 3) -> list[str]:
        """The closest codes to a mistyped one ("1.1.z" -> 1.1.a ...), best first."""
        pool = [o.code for o in self.objectives() if o.selectable or not selectable_only]
        if not selectable_only:
            pool += [s.code for s in self.sections()] + [line.code for line in self.lines]
        return close_names(code.strip().lower(), pool, n)

    def known_tags(self) -> set[str]:
        """Declared tags, and those objectives use (a catalogue may declare none)."""
        return set(self.tags) | {t for o in self.objectives() for t in o.tags}

    def suggest_tags(self, tag: str, n: int = 3) -> list[str]:
        return close_names(tag, sorted(self.known_tags()), n)

    def suggest_instruments(self, ident: str, n: int = 3) -> list[str]:
        return close_names(ident, self._instruments, n)

    def search(self, query: str) -> list[Objective]:
        """Objectives whose text (either language), code or tags contain every word of the
        query, ignoring case and accents ("technologieen" finds "technologieën")."""
        words = fold(query).split()
        if not words:
            return []
        hits = []
        for objective in self.objectives():
            haystack = fold(
                " ".join([objective.code, objective.text.en, objective.text.nl, *objective.tags])
            )
            if all(word in haystack for word in words):
                hits.append(objective)
        return hits


# Versions of the shipped plan published before a line of action could be marked `democracy:`
# (README, "The catalogue"): they are read as marking line 2, "Building resilient, inclusive and
# democratic societies", as HRD406 always read them, so that a strategy pinned to one keeps
# being checked as it was. Later versions mark it themselves; any other catalogue that marks
# nothing has no democracy line (HRD406 then does not apply).
DEMOCRACY_BEFORE_MARKED: dict[str, tuple[str, ...]] = {
    "eu-hrd-2020-2024@1.0.0": ("2",),
    "eu-hrd-2020-2024@1.1.0": ("2",),
}


def _declared(data: Any) -> _Known | None:
    """What the raw catalogue data declares (before validation, which needs it)."""
    if not isinstance(data, dict):
        return None
    instruments = data.get("instruments")
    ids = (
        frozenset(
            i["id"]
            for i in instruments or []
            if isinstance(i, dict) and isinstance(i.get("id"), str)
        )
        if isinstance(instruments, list)
        else frozenset()
    )
    tags = data.get("tags")
    return _Known(ids, frozenset(str(t) for t in tags) if isinstance(tags, dict) and tags else None)


def fold(text: str) -> str:
    """Lower case without accents, for matching what people type."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _no_duplicates(kind: str, codes: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise ValueError(f"duplicate {kind} code {code}")
        seen.add(code)


_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def version_key(version: str) -> tuple[int, int, int]:
    """Sort key of a semantic version ("1.10.0" after "1.9.0")."""
    match = _SEMVER.match(version)
    if not match:
        raise ValueError(f"not a semantic version: {quoted(version)}")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch
