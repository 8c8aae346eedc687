"""The strategy file, format versions 1 and 2: its pydantic models, the single source of truth.

Format 2 (monitoring) adds measurable indicators (an id, a kind, a direction, baseline, milestones
and target as values with years) and the adoption date and reference; every other field is
format 1's. The two formats share their models except for the indicators and the top level.

These models check structure only (types, required fields, allowed values, unknown keys). What a
strategy means against the catalogue, the country lists and the plan's requirements is checked
by the lint rules, so that each problem is reported once, by the rule that explains it. That is
why fields a rule reports as missing (gender analysis, actions, indicators, ...) are optional
here.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from hrdplan.io.errors import quoted
from hrdplan.io.validate import Expect

FORMAT_VERSION = 2  # what new files are written in
SUPPORTED_FORMATS = (1, 2)


def unsupported_format(value: object, *, progress: bool = False) -> str | None:
    """Why a `hrdplan:` value is not a format version this release reads (for a progress
    file: format 2, which introduced them), or None."""
    supported = (2,) if progress else SUPPORTED_FORMATS
    if isinstance(value, bool) or value not in supported:
        listed = ", ".join(map(str, supported))
        return f"unsupported format version {quoted(value)} (supported: {listed})"
    return None


# Scaffolded text starts with this marker; the placeholder rule finds what is left unfilled.
PLACEHOLDER = "TODO:"
# A field that takes one of a few words or a structure may hold a placeholder instead, until
# written (what `migrate --format 2` could not work out); lint reports it (HRD401).
Placeholder = Annotated[
    str,
    StringConstraints(pattern=r"^\s*TODO:"),
    Expect("a placeholder starting with TODO:"),
]

Status = Literal["draft", "consultation", "adopted"]
Classification = Literal["public", "limited", "restricted"]
Marker = Literal[0, 1, 2]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
# Baselines and targets are free text ("12 (2020)"); a bare number is fine too.
Measure = Annotated[str | int | float, Field(description="A value and its year, e.g. '12 (2020)'.")]
Year = Annotated[int, Expect("a year such as 2021"), Field(ge=1900, le=2200)]
# Format 2: what an indicator measures, and which way is better.
Kind = Literal["number", "percent", "yes-no", "text"]
Direction = Literal["increase", "decrease", "maintain"]
# A measured value: a number (number, percent), true or false (yes-no), or text (text). Which
# fits is the indicator's kind, checked by lint (HRD505), so that the file still loads.
Value = Annotated[
    bool | int | float | str,
    Expect("a number, true or false, or text (as the indicator's kind says)"),
]
Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Language = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
    Expect("a language code such as en, nl or fr-BE"),
]


@functools.cache
def _date_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of a model that take a date (the validator above runs for every value of
    every file: this is worked out once per model)."""
    return frozenset(
        name
        for name, field in model.model_fields.items()
        if dt.date in (field.annotation, *get_args(field.annotation))
    )


class FileModel(BaseModel):
    # Validators built on first use: lint validates whole strategies only (see catalogue.model).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    # The fields where true and false are values (a yes-no indicator's).
    _booleans: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _no_yaml_booleans(cls, value: object, info: ValidationInfo) -> object:
        """No field of the format is a boolean, but pydantic's lax mode would turn one into 1
        or 0 where a number is allowed: an unquoted yes, no, on or off (YAML 1.1 booleans)
        would silently become a baseline of 0 or a gender marker of 1. A date given as a
        number would likewise become a day in 1970."""
        if isinstance(value, bool):
            if info.field_name not in cls._booleans:
                raise PydanticCustomError(
                    "yaml_boolean", "YAML reads the unquoted value as a boolean"
                )
        elif isinstance(value, (int, float)) and info.field_name in _date_fields(cls):
            raise PydanticCustomError("date_type", "expected a date")
        return value


class Period(FileModel):
    """The calendar years the strategy covers."""

    start: Year = Field(description="First calendar year.")
    end: Year = Field(description="Last calendar year (five years: end = start + 4).")


class Consultation(FileModel):
    """A civil society consultation held for the strategy."""

    date: dt.date = Field(description="When it was held (YYYY-MM-DD).")
    participants: Text = Field(description="Who took part.")


class Gender(FileModel):
    """How the priority is gender-responsive (the plan's cross-cutting requirement)."""

    marker: Marker | None = Field(
        default=None,
        description="OECD DAC gender equality marker: 0 not targeted, 1 significant, 2 principal.",
    )
    approach: Text | None = Field(
        default=None, description="How this priority is gender-responsive."
    )


class Gender2(Gender):
    """How the priority is gender-responsive (format 2): besides marker and approach, the OECD
    DAC marker's minimum criteria as fields (Handbook on the OECD-DAC Gender Equality Policy
    Marker, 2016) and the EU Gender Action Plan III areas it engages in."""

    objective: Text | None = Field(
        default=None,
        description="The explicit gender equality objective, in one or two sentences (DAC "
        "minimum criterion: at least one explicit gender equality objective).",
    )
    gap: list[str] = Field(
        default=[],
        description="GAP III thematic areas of engagement, by id (hrdplan catalogue gender).",
    )
    do_no_harm: Text | None = Field(
        default=None,
        description="The risks the priority could create for women, girls and LGBTI persons, "
        "and how they are avoided.",
    )


class Action(FileModel):
    """Something the delegation and embassies will do."""

    text: Text = Field(description="The action.")
    instruments: list[str] = Field(
        default=[], description="Catalogue instrument ids (hrdplan catalogue show ...)."
    )


class Indicator(FileModel):
    """How progress on the priority is measured (format 1: baseline and target as free text)."""

    text: Text = Field(description="What is measured.")
    baseline: Measure | None = None
    target: Measure | None = None
    source: Text | None = Field(default=None, description="Where the figures come from.")
    disaggregation: list[str] = Field(
        default=[], description="How figures are broken down: sex, age, disability, region, ..."
    )


class Measurement(FileModel):
    """A value of an indicator in a year (format 2)."""

    _booleans = frozenset({"value"})

    value: Value = Field(description="Typed by the indicator's kind: 12, 35.5, true, or text.")
    year: Year = Field(description="The year the value is (or is to be) measured.")


class MeasuredIndicator(FileModel):
    """How progress on the priority is measured (format 2): a kind, a direction, and values
    with years, as in the IATI standard's results (baseline, intermediate targets, target)."""

    _booleans = frozenset({"gender_specific"})

    id: Identifier = Field(description="Unique in the strategy, e.g. P1.1.")
    text: Text = Field(description="What is measured.")
    kind: Kind | Placeholder = Field(
        description="number, percent, yes-no, or text (qualitative, reported in words)."
    )
    direction: Direction | Placeholder | None = Field(
        default=None,
        description="Which way is progress: increase, decrease or maintain (not for text).",
    )
    baseline: Measurement | Placeholder | None = Field(
        default=None, description="The value before the strategy: {value, year}."
    )
    milestones: list[Measurement] = Field(
        default=[], description="Intermediate targets, in year order: [{value, year}, ...]."
    )
    target: Measurement | Placeholder | None = Field(
        default=None, description="The value to reach: {value, year}, within the period."
    )
    source: Text | None = Field(default=None, description="Where the figures come from.")
    disaggregation: list[str] = Field(
        default=[], description="How figures are broken down: sex, age, disability, region, ..."
    )
    gender_specific: bool = Field(
        default=False,
        description="true when it measures a gender equality result (not only disaggregated "
        "by sex).",
    )


class ChangeEntry(FileModel):
    """An entry of an adopted strategy's change log: a change to its commitments, and why."""

    date: dt.date = Field(description="When the change was agreed (YYYY-MM-DD).")
    what: Text = Field(description="What changed (a priority, a gender marker, a target, ...).")
    why: Text = Field(description="Why: the justification the heads of mission agreed to.")


class _PriorityBase(FileModel):
    """One of the strategy's priorities: a selected objective of the catalogue."""

    id: Identifier = Field(description="Unique within the strategy, e.g. P1.")
    objective: str = Field(description="A selectable objective code of the catalogue, e.g. 1.1.a.")
    title: Text = Field(description="A short title for the priority.")
    rationale: Text | None = Field(default=None, description="Why this objective, here, now.")
    gender: Gender | None = None
    actions: list[Action] = []


class Priority(_PriorityBase):
    """One of the strategy's priorities: a selected objective of the catalogue."""

    indicators: list[Indicator] = []


class Priority2(_PriorityBase):
    """One of the strategy's priorities: a selected objective of the catalogue."""

    gender: Gender2 | None = None
    indicators: list[MeasuredIndicator] = []


SCHEMA_TITLE = "hrdplan strategy"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _StrategyBase(FileModel):
    """The fields of every format."""

    catalogue: str = Field(
        description="The catalogue this strategy is checked against: <id>@<version>.",
        examples=["eu-hrd-2020-2024@1.2.0"],
    )
    country: str = Field(description="ISO 3166-1 alpha-2 code of the (non-EU) host country.")
    title: Text
    period: Period
    status: Status = Field(description="draft, consultation or adopted.")
    classification: Classification = Field(
        description="public, limited or restricted: printed on every rendered page."
    )
    language: Language = Field(
        default="en", description="Language the strategy is written in (en, nl, ...)."
    )
    delegation: Text = Field(description="The EU delegation, e.g. EU Delegation to Kenya.")
    member_states: list[str] = Field(
        default=[], description="EU member states' embassies co-owning the strategy (ISO alpha-2)."
    )
    consultations: list[Consultation] = []
    context: Text | None = Field(default=None, description="Country situation analysis.")
    gender_analysis: Text | None = Field(default=None, description="Country-level gender analysis.")


class StrategyV1(_StrategyBase):
    """An EU Human Rights and Democracy Country Strategy, format version 1 (indicators in free
    text; `hrdplan migrate --format 2` upgrades it)."""

    hrdplan: Literal[1] = Field(description="File format version.")
    priorities: list[Priority] = []


class StrategyV2(_StrategyBase):
    """An EU Human Rights and Democracy Country Strategy, format version 2 (measurable
    indicators, yearly progress files)."""

    hrdplan: Literal[2] = Field(description="File format version.")
    adopted: dt.date | None = Field(
        default=None,
        description="When the heads of mission endorsed it (YYYY-MM-DD); required once adopted.",
    )
    reference: Text | None = Field(
        default=None, description="The document's reference number, e.g. EEAS(2027) 1234."
    )
    priorities: list[Priority2] = []
    changes: list[ChangeEntry] = Field(
        default=[],
        description="Changes to the strategy's commitments since its adoption: [{date, what, "
        "why}, ...], oldest first (lint asks for one when an adopted strategy changes them).",
    )


Strategy = StrategyV1 | StrategyV2


def strategy_model(data: object) -> type[StrategyV1] | type[StrategyV2]:
    """The model a parsed file is read with: format 2's when it says `hrdplan: 2`, else format
    1's (an unsupported version is HRD004's to report; the rest is checked as format 1)."""
    version = data.get("hrdplan") if isinstance(data, dict) else None
    return StrategyV2 if version == 2 and not isinstance(version, bool) else StrategyV1


def schema_text() -> str:
    """The strategy JSON Schema (draft 2020-12), generated from the models, as committed in
    schemas/strategy.schema.json."""
    import json

    from pydantic import TypeAdapter

    formats: TypeAdapter[Strategy] = TypeAdapter(Strategy)
    schema = {
        "$schema": SCHEMA_DIALECT,
        "title": SCHEMA_TITLE,
        "description": "An EU Human Rights and Democracy Country Strategy (hrdplan format 1 or 2).",
        **formats.json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def is_schema_text(text: str, *, title: str = SCHEMA_TITLE) -> bool:
    """Whether text is a strategy schema hrdplan wrote (`schema`, `init`'s strategy.schema.json),
    of this version or another: a JSON object with this dialect and title (another `title`:
    another of its schemas). What `schema --output` may replace without --force."""
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(data, dict)
        and data.get("$schema") == SCHEMA_DIALECT
        and data.get("title") == title
    )
