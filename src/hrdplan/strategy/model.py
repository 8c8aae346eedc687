"""The strategy file, format version 1: its pydantic models, the single source of truth.

These models check structure only (types, required fields, allowed values, unknown keys). What a
strategy means against the catalogue, the country lists and the plan's requirements is checked
by the lint rules, so that each problem is reported once, by the rule that explains it. That is
why fields a rule reports as missing (gender analysis, actions, indicators, ...) are optional
here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from hrdplan.io.validate import Expect

FORMAT_VERSION = 1
SUPPORTED_FORMATS = (1,)


def unsupported_format(value: object) -> str | None:
    """Why a `hrdplan:` value is not a format version this release reads, or None."""
    if isinstance(value, bool) or value not in SUPPORTED_FORMATS:
        supported = ", ".join(map(str, SUPPORTED_FORMATS))
        return f"unsupported format version {value!r} (supported: {supported})"
    return None


# Scaffolded text starts with this marker; the placeholder rule finds what is left unfilled.
PLACEHOLDER = "TODO:"

Status = Literal["draft", "consultation", "adopted"]
Classification = Literal["public", "limited", "restricted"]
Marker = Literal[0, 1, 2]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
# Baselines and targets are free text ("12 (2020)"); a bare number is fine too.
Measure = Annotated[str | int | float, Field(description="A value and its year, e.g. '12 (2020)'.")]
Year = Annotated[int, Expect("a year such as 2021")]
Language = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
    Expect("a language code such as en, nl or fr-BE"),
]


class _Model(BaseModel):
    # Validators built on first use: lint validates whole strategies only (see catalogue.model).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_yaml_booleans(cls, value: object, info: ValidationInfo) -> object:
        """No field of the format is a boolean, but pydantic's lax mode would turn one into 1
        or 0 where a number is allowed: an unquoted yes, no, on or off (YAML 1.1 booleans)
        would silently become a baseline of 0 or a gender marker of 1. A date given as a
        number would likewise become a day in 1970."""
        if isinstance(value, bool):
            raise PydanticCustomError("yaml_boolean", "YAML reads the unquoted value as a boolean")
        field = cls.model_fields.get(info.field_name or "")
        if isinstance(value, (int, float)) and field is not None and field.annotation is dt.date:
            raise PydanticCustomError("date_type", "expected a date")
        return value


class Period(_Model):
    """The calendar years the strategy covers."""

    start: Year = Field(description="First calendar year.", ge=1900, le=2200)
    end: Year = Field(
        description="Last calendar year (five years: end = start + 4).", ge=1900, le=2200
    )


class Consultation(_Model):
    """A civil society consultation held for the strategy."""

    date: dt.date = Field(description="When it was held (YYYY-MM-DD).")
    participants: Text = Field(description="Who took part.")


class Gender(_Model):
    """How the priority is gender-responsive (the plan's cross-cutting requirement)."""

    marker: Marker | None = Field(
        default=None,
        description="OECD DAC gender equality marker: 0 not targeted, 1 significant, 2 principal.",
    )
    approach: Text | None = Field(
        default=None, description="How this priority is gender-responsive."
    )


class Action(_Model):
    """Something the delegation and embassies will do."""

    text: Text = Field(description="The action.")
    instruments: list[str] = Field(
        default=[], description="Catalogue instrument ids (hrdplan catalogue show ...)."
    )


class Indicator(_Model):
    """How progress on the priority is measured."""

    text: Text = Field(description="What is measured.")
    baseline: Measure | None = None
    target: Measure | None = None
    source: Text | None = Field(default=None, description="Where the figures come from.")
    disaggregation: list[str] = Field(
        default=[], description="How figures are broken down: sex, age, disability, region, ..."
    )


class Priority(_Model):
    """One of the strategy's priorities: a selected objective of the catalogue."""

    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = Field(
        description="Unique within the strategy, e.g. P1."
    )
    objective: str = Field(description="A selectable objective code of the catalogue, e.g. 1.1.a.")
    title: Text = Field(description="A short title for the priority.")
    rationale: Text | None = Field(default=None, description="Why this objective, here, now.")
    gender: Gender | None = None
    actions: list[Action] = []
    indicators: list[Indicator] = []


SCHEMA_TITLE = "hrdplan strategy"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Strategy(_Model):
    """An EU Human Rights and Democracy Country Strategy (hrdplan format version 1)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title=SCHEMA_TITLE,
        json_schema_extra={"$schema": SCHEMA_DIALECT},
    )

    hrdplan: int = Field(description="File format version (1).")
    catalogue: str = Field(
        description="The catalogue this strategy is checked against: <id>@<version>.",
        examples=["eu-hrd-2020-2024@1.0.0"],
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
    priorities: list[Priority] = []


def schema_text() -> str:
    """The strategy JSON Schema (draft 2020-12), generated from the models, as committed in
    schemas/strategy.schema.json."""
    import json

    return json.dumps(Strategy.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def is_schema_text(text: str) -> bool:
    """Whether text is a strategy schema hrdplan wrote (`schema`, `init`'s strategy.schema.json),
    of this version or another: a JSON object with this dialect and title. What `schema
    --output` may replace without --force."""
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(data, dict)
        and data.get("$schema") == SCHEMA_DIALECT
        and data.get("title") == SCHEMA_TITLE
    )
