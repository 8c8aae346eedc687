"""The registry of lint rules, in code order. Adding a rule: one function in its group's module
(declared with @rule) and one line here."""

from __future__ import annotations

from hrdplan.lint.rule import Rule
from hrdplan.lint.rules import (
    changes,
    completeness,
    country,
    file,
    gender,
    progress,
    references,
)

RULES: tuple[Rule, ...] = (
    file.yaml_syntax,
    file.duplicate_key,
    file.schema,
    file.format_version,
    file.unknown_catalogue,
    file.unused_suppression,
    file.outdated_catalogue,
    file.format_upgrade,
    references.unknown_objective,
    references.objective_not_selectable,
    references.duplicate_objective,
    references.duplicate_priority_id,
    references.unknown_instrument,
    references.duplicate_indicator_id,
    gender.not_gender_responsive,
    gender.gender_approach_missing,
    gender.gender_analysis_missing,
    gender.no_sex_disaggregation,
    gender.no_gender_principal,
    gender.gender_objective_missing,
    gender.no_gender_specific_indicator,
    gender.do_no_harm_missing,
    gender.principal_not_main_objective,
    gender.principal_without_gap_area,
    gender.unknown_gap_area,
    country.unknown_country,
    country.eu_member_host,
    country.member_state_not_eu,
    country.period_length,
    country.period_outside_plan,
    completeness.placeholder,
    completeness.no_actions,
    completeness.no_indicators,
    completeness.indicator_incomplete,
    completeness.no_consultation,
    completeness.no_democracy_priority,
    completeness.no_priorities,
    progress.adoption_date,
    progress.indicator_direction,
    progress.target_against_direction,
    progress.indicator_years,
    progress.value_kind,
    progress.progress_strategy,
    progress.unknown_progress_id,
    progress.missing_progress_id,
    progress.progress_year,
    progress.progress_incomplete,
    progress.off_track_unexplained,
    progress.progress_location,
    progress.progress_missing,
    progress.progress_future_year,
    changes.unjustified_change,
)

RULE_BY_CODE = {r.code: r for r in RULES}

__all__ = [
    "RULES",
    "RULE_BY_CODE",
    "changes",
    "completeness",
    "country",
    "gender",
    "progress",
    "references",
]
