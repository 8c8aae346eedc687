"""Scaffolding: a new strategy file with placeholders."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from hrdplan.catalogue.model import Catalogue, Objective
from hrdplan.io.errors import HrdplanError, quoted
from hrdplan.io.suggest import did_you_mean
from hrdplan.io.text import shorten, yaml_quoted
from hrdplan.strategy.countries import Country
from hrdplan.strategy.model import FORMAT_VERSION, PLACEHOLDER, Period
from hrdplan.strategy.repository import SCHEMA_FILE
from hrdplan.strategy.upgrade import GENDER_PLACEHOLDERS


def default_period(catalogue: Catalogue, today: date, *, named: str | None = None) -> Period:
    """The next full calendar years from today, as many as the catalogue's strategies cover
    (2027-2031 on any day of 2026): a strategy is written ahead of the years it plans. Never
    before the plan itself starts, for a plan adopted ahead of its period. `named`: how the
    day was set, for the message (`Settings.today_named`)."""
    start = max(today.year + 1, catalogue.plan_period.start)
    end = start + catalogue.strategy_years - 1
    try:
        return Period(start=start, end=end)
    except ValidationError as err:
        # Only a far-off day set for the run gets here: the system's date is no year 2196.
        raise HrdplanError(
            f"{named or quoted(today.isoformat())}: its default period {start}-{end} "
            f"{_year_bound(err)}; give --period"
        ) from None


def outside_plan(period: Period, catalogue: Catalogue) -> str | None:
    """Why lint will warn about this period (HRD305), or None."""
    plan = catalogue.plan_period
    if plan.start <= period.start <= plan.end:
        return None
    return (
        f"the period starts in {period.start}, outside the plan period {plan.start}-{plan.end} "
        f"of {catalogue.ref}; `hrdplan lint` will warn (HRD305)"
    )


def parse_period(text: str, catalogue: Catalogue) -> Period:
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", text)
    if not match:
        raise HrdplanError(f"--period must look like 2021-2025, not {quoted(text)}")
    start, end = int(match.group(1)), int(match.group(2))
    years = catalogue.strategy_years
    if end - start + 1 != years:
        raise HrdplanError(
            f"--period {start}-{end} is {end - start + 1} calendar years; a strategy covers "
            f"{years} (e.g. {start}-{start + years - 1})"
        )
    try:
        return Period(start=start, end=end)
    except ValidationError as err:
        raise HrdplanError(f"--period {text.strip()}: {_year_bound(err)}") from None


def _year_bound(err: ValidationError) -> str:
    """The model's bound on a year that a period broke, in words: "a year should be less than
    or equal to 2200"."""
    return "a year " + str(err.errors(include_url=False)[0]["msg"]).lower().removeprefix("input ")


def priority_codes(values: list[str]) -> list[str]:
    """The codes of repeated and comma-separated --priority values (`1.1.k,1.1.c`)."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def selected_objectives(codes: list[str], catalogue: Catalogue) -> list[Objective]:
    """The objectives for --priority codes; exit 2 with "did you mean" on a bad one."""
    out: list[Objective] = []
    problems: list[str] = []
    for code in codes:
        objective = catalogue.objective(code)
        if objective is None:
            close = catalogue.suggest_codes(code, selectable_only=True)
            problems.append(
                f"--priority {code}: not an objective of {catalogue.ref}{did_you_mean(close)}"
            )
        elif not objective.selectable:
            problems.append(
                f"--priority {code}: a monitoring milestone of section 5.2, not selectable as a "
                "country priority"
            )
        elif objective in out:
            problems.append(f"--priority {code}: given twice")
        else:
            out.append(objective)
    if problems:
        raise HrdplanError(*problems)
    return out


def file_name(country: Country, period: Period) -> str:
    # Built from the ISO code only: nothing a user typed ever becomes part of a path.
    return f"{country.alpha_2.lower()}-{period.start}-{period.end}.yaml"


def _todo(what: str) -> str:
    return yaml_quoted(f"{PLACEHOLDER} {what}")


def strategy_text(
    *,
    country: Country,
    period: Period,
    catalogue: Catalogue,
    objectives: list[Objective],
    schema_ref: str,
) -> str:
    """The scaffolded strategy: every field of the current format version (2), free text and
    the indicators' values as placeholders."""
    years = f"{period.start}-{period.end}"
    title = f"EU Human Rights and Democracy Country Strategy for {country.name} {years}"
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {title}",
        "# Fill in every TODO: `hrdplan lint` lists what is left; `hrdplan catalogue show CODE`",
        "# shows an objective's text.",
        f"hrdplan: {FORMAT_VERSION}",
        f"catalogue: {catalogue.ref}",
        f"country: {country.alpha_2}",
        f"title: {yaml_quoted(title)}",
        f"period: {{start: {period.start}, end: {period.end}}}",
        "status: draft  # draft | consultation | adopted",
        "classification: restricted  # public | limited | restricted",
        "language: en",
        f"delegation: {yaml_quoted(f'EU Delegation to {country.name}')}",
        "adopted:  # YYYY-MM-DD, when the heads of mission endorsed it (required once adopted)",
        "reference:  # the document's reference number, if any",
        "member_states: []  # embassies co-owning the strategy, e.g. [DE, FR, NL]",
        "consultations: []  # civil society consultations: - {date: 2021-02-10, participants: ...}",
        "context: "
        + _todo(
            "country situation analysis: the human rights and democracy situation,"
            " main actors, risks and opportunities."
        ),
        "gender_analysis: "
        + _todo(
            "country-level gender analysis: the situation of women and"
            " girls, and what the strategy does about it."
        ),
        "priorities:",
    ]
    priorities: list[Objective | None] = list(objectives) or [None]
    for number, objective in enumerate(priorities, start=1):
        lines += _priority(number, objective, catalogue)
    return "\n".join(lines) + "\n"


def _priority(number: int, objective: Objective | None, catalogue: Catalogue) -> list[str]:
    if objective is None:
        code = _todo("an objective code, e.g. 1.1.a (hrdplan catalogue list)")
        marker, about = 1, "no objective chosen yet"
        instruments, shown = "[]", "CODE"
    else:
        code = objective.code
        marker = 2 if objective.gender_equality else 1
        about = shorten(objective.text.en, 90)
        instruments = "[" + ", ".join(objective.instruments) + "]"
        shown = objective.code
    return [
        f"  - id: P{number}",
        f"    objective: {code}  # {_comment(about)}",
        f"    title: {_todo('a short title for this priority')}",
        f"    rationale: {_todo('why this objective, in this country, now.')}",
        "    gender:",
        f"      marker: {marker}  # OECD DAC gender marker: 1 significant, 2 principal",
        f"      approach: {_todo('how this priority is gender-responsive.')}",
        f"      objective: {yaml_quoted(GENDER_PLACEHOLDERS['objective'])}",
        f"      gap: [{yaml_quoted(GENDER_PLACEHOLDERS['gap'])}]{_areas(catalogue)}",
        f"      do_no_harm: {yaml_quoted(GENDER_PLACEHOLDERS['do_no_harm'])}",
        "    actions:",
        f"      - text: {_todo('what the delegation and embassies will do.')}",
        f"        instruments: {instruments}  # hrdplan catalogue show {shown}",
        "    indicators:",
        f"      - id: P{number}.1",
        f"        text: {_todo('what is measured.')}",
        f"        kind: {_todo('number, percent, yes-no or text')}",
        f"        direction: {_todo('increase, decrease or maintain (none for text)')}",
        f"        baseline: {_todo('{value: ..., year: ...} before the strategy')}",
        "        milestones: []  # intermediate targets: [{value: ..., year: ...}]",
        f"        target: {_todo('{value: ..., year: ...} within the period')}",
        f"        source: {_todo('where the figures come from.')}",
        "        disaggregation: [sex, age]",
        "        gender_specific: false  # true if it measures a gender equality result, not only"
        " by sex",
    ]


def _areas(catalogue: Catalogue) -> str:
    """The comment beside a scaffolded `gap:`: the ids of the gender plan's areas, when the
    catalogue names one."""
    plan = catalogue.gender_plan
    return "" if plan is None else "  # " + ", ".join(area.id for area in plan.areas)


def _comment(text: str) -> str:
    return " ".join(text.split()).replace("#", "")


def schema_ref(target_dir: Path, *, file: str = SCHEMA_FILE, fallback: str | None = None) -> str:
    """Where a scaffold's `$schema` comment points: the repository's schema `file` (by default
    strategy.schema.json, written by `hrdplan init`), found upwards from the scaffold's folder;
    else `fallback` (by default where `init` puts it, beside `strategies/`)."""
    folder = target_dir.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / file).is_file():
            return Path(os.path.relpath(candidate / file, folder)).as_posix()
        if (candidate / ".git").exists():
            break
    return fallback if fallback is not None else f"../{file}"
