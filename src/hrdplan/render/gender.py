"""Gender equality in the documents and the portfolio: which of the OECD DAC marker's minimum
criteria each priority meets, and the Gender Action Plan areas it names.

"Criteria met" is computed here once, from the strategy's lint findings (what render already
has: `inputs.StrategyInput.findings`), so that a document, the portfolio and `hrdplan lint` agree
under the same configuration: a criterion is not met at a priority when one of its rules has a
finding at that priority's key path (`priorities[i]...`), or anywhere for a strategy-wide rule
(the gender analysis). Criteria are named in words (`inputs.dac_criteria`); the
templates translate them, and no rule code reaches a document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hrdplan.catalogue.model import Catalogue, Lang
from hrdplan.findings import Finding
from hrdplan.inputs import dac_criteria
from hrdplan.io.text import inline
from hrdplan.strategy.model import PLACEHOLDER, Priority2, Strategy, StrategyV2

# Rules about the strategy as a whole: a finding anywhere fails the criterion at every priority.
STRATEGY_WIDE = frozenset({"HRD203"})
# The criteria apply to a priority that claims gender equality as an objective (OECD DAC).
MARKED = (1, 2)
# Where a criterion's text is written: a placeholder there (reported by HRD401 alone, not by
# the criterion's rule) means it is not written yet, so not met. Relative to the priority,
# except the strategy-wide gender analysis.
WRITTEN_AT: dict[str, tuple[str, ...]] = {
    "gender analysis": ("gender_analysis",),
    "do no harm": ("gender", "do_no_harm"),
    "gender equality objective": ("gender", "objective"),
}
PLACEHOLDER_RULE = "HRD401"


@dataclass(frozen=True)
class Criteria:
    """The DAC minimum criteria of one priority at marker 1 or 2, in DAC_CRITERIA's order."""

    met: list[str]
    not_met: list[str]

    @property
    def all_met(self) -> bool:
        return not self.not_met


@dataclass(frozen=True)
class Area:
    """A Gender Action Plan thematic area named by a priority."""

    id: str
    title: str  # in the document's language; the id as written when the plan has no such area
    known: bool  # False: no gender plan in the catalogue, or not one of its areas


def is_marked(priority: Priority2) -> bool:
    return priority.gender is not None and priority.gender.marker in MARKED


def criteria(strategy: Strategy, findings: Sequence[Finding]) -> dict[int, Criteria]:
    """Per format 2 priority at marker 1 or 2 (by its index), the criteria it meets and does
    not. Format 1 has none of the fields the criteria read: an empty dict."""
    if not isinstance(strategy, StrategyV2):
        return {}
    anywhere = {f.code for f in findings}
    at: dict[int, set[str]] = {}
    placeholders = {f.path for f in findings if f.code == PLACEHOLDER_RULE}
    for finding in findings:
        path = finding.path
        if len(path) >= 2 and path[0] == "priorities" and isinstance(path[1], int):
            at.setdefault(path[1], set()).add(finding.code)
    out: dict[int, Criteria] = {}
    for index, priority in enumerate(strategy.priorities):
        if not is_marked(priority):
            continue
        codes = at.get(index, set())
        met: list[str] = []
        not_met: list[str] = []
        for name, rule_codes in dac_criteria():
            failing = any(
                code in codes or (code in STRATEGY_WIDE and code in anywhere) for code in rule_codes
            )
            written = WRITTEN_AT.get(name)
            if written is not None:
                where = (
                    written if written == ("gender_analysis",) else ("priorities", index, *written)
                )
                failing = failing or where in placeholders
            (not_met if failing else met).append(name)
        out[index] = Criteria(met, not_met)
    return out


def areas(ids: Sequence[str], catalogue: Catalogue, lang: Lang) -> list[Area]:
    """The areas a priority names, with their titles from the catalogue's gender plan; without
    a plan (or for an id it does not have) the id as written. A scaffold placeholder is not
    yet an area: left out."""
    plan = catalogue.gender_plan
    out = []
    for ident in dict.fromkeys(ids):
        if ident.lstrip().startswith(PLACEHOLDER):
            continue
        area = plan.area(ident.strip()) if plan is not None else None
        if area is not None:
            out.append(Area(area.id, inline(area.title[lang]), True))
        else:
            out.append(Area(inline(ident), inline(ident), False))
    return out
