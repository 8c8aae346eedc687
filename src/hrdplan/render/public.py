"""What may be shared outside: the one place that decides what a public extract
(`render --public`) holds, and of which files there is none.

An extract is of an adopted strategy only (what is not adopted may change and is not the EU's
position), unless `--draft-extract` stamps every page of it; a progress report has none, its
narratives being internal. Of a strategy's document it keeps the title block, the priorities
with their titles, catalogue objectives, gender markers and GAP III areas (the catalogue's
words), the charts of those and the timeline. Everything else is internal: the context and
gender analysis, the consultations, each priority's rationale, gender approach, gender
objective, do-no-harm text, criteria met, actions and indicators, the progress section, the
revision history, a redline and the open points. The extract carries no marking of its own:
its title block names the strategy's (`markings.marking`).

The extract is built from the fields named public below, every other one left at its empty
value, so that a field added to the document later is internal until it is named here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdplan.io.errors import Problem
from hrdplan.render.documents import Priority, StrategyDocument, with_contents
from hrdplan.render.markings import marking

if TYPE_CHECKING:
    from hrdplan.strategy.model import Strategy

# Of a strategy's document: the title block, the priorities at a glance and the timeline.
DOCUMENT = frozenset(
    {
        "source",
        "lang",
        "text_lang",
        "text_language",
        "adopted",
        "reference",
        "plan",
        "title",
        "country_code",
        "country",
        "period_start",
        "period_end",
        "status",
        "classification",
        "catalogue_ref",
        "catalogue_title",
        "delegation",
        "member_states",
        "lines",
        "markers",
        "timeline",
        "measured",  # the format, for the layout (its indicators are not shown)
    }
)
# Of each priority: its heading, catalogue objective, gender marker and GAP III areas.
PRIORITY = frozenset(
    {
        "id",
        "anchor",
        "title",
        "objective_code",
        "objective_text",
        "section_title",
        "line_code",
        "line_title",
        "marker",
        "gap",
    }
)

PROGRESS_REFUSED = (
    "a progress report is internal (its narratives are not for publication): "
    "render it without --public"
)


@dataclass(frozen=True)
class Extract:
    """`render --public`: a document that may be shared outside."""

    draft: bool = False  # --draft-extract: of a strategy not yet adopted, stamped as such

    def refusal(self, name: str, strategy: Strategy | None) -> Problem | None:
        """Why the file `name` has no public extract, or None when it has one: `strategy` is
        the strategy to extract, None for a progress file (loaded or not)."""
        if strategy is None:
            return Problem(name, PROGRESS_REFUSED)
        if strategy.status == "adopted" or self.draft:
            return None
        said = {"draft": "a draft", "consultation": "in consultation"}.get(
            strategy.status, strategy.status
        )
        return Problem(
            name,
            f"a public extract is made only of an adopted strategy, and this one is {said}: "
            "render it without --public, or add --draft-extract for an extract stamped "
            "DRAFT – NOT FOR PUBLICATION",
        )

    def of(self, doc: StrategyDocument) -> StrategyDocument:
        """The public extract of a strategy's document."""
        priorities = [
            Priority(
                **_kept(p, PRIORITY),
                number="",  # numbered with the extract's own sections
                rationale=[],
                approach=[],
                actions=[],
                indicators=[],
            )
            for p in doc.priorities
        ]
        stamped = self.draft and doc.status != "adopted"
        extract = StrategyDocument(
            **_kept(doc, DOCUMENT),
            public=True,
            marking=marking(doc.classification, public=True, draft_extract=stamped),
            contents=[],
            priorities=priorities,
            context=[],
            gender_analysis=[],
            consultations=[],
            findings=[],
            findings_checked=False,
        )
        return with_contents(extract)


def _kept(view: object, names: frozenset[str]) -> dict[str, Any]:
    return {name: getattr(view, name) for name in names}
