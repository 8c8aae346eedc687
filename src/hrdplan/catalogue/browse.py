"""Browsing the catalogue at a terminal: records for JSON and rich renderables for text.

An organisation's own catalogue is someone else's text: every string of it reaches the terminal
through `printable` (control and bidi characters shown escaped) inside rich `Text` objects, so
that neither escape sequences nor rich markup (`[bold]`) in a title act; they show literally.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hrdplan.catalogue.model import (
    Catalogue,
    GenderArea,
    GenderPlan,
    Instrument,
    Lang,
    LineOfAction,
    Objective,
    Section,
)
from hrdplan.io.errors import printable, printable_lines

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    from hrdplan.catalogue.registry import Registry


def objective_record(catalogue: Catalogue, objective: Objective, lang: Lang) -> dict[str, Any]:
    """An objective as `catalogue list --format json` prints it."""
    record: dict[str, Any] = {
        "code": objective.code,
        "line": objective.line_code,
        "section": objective.section_code,
        "text": objective.text[lang],
        "tags": list(objective.tags),
        "gender_equality": objective.gender_equality,
        "selectable": objective.selectable,
        "instruments": list(objective.instruments),
    }
    if objective.milestone is not None:
        record["milestone"] = {
            "title": objective.milestone.title[lang],
            "planning": objective.milestone.planning[lang],
            "when": objective.milestone.when,
            "every_year": objective.milestone.every_year,
        }
    return record


def entry_record(
    catalogue: Catalogue, item: Objective | Section | LineOfAction, lang: Lang
) -> dict[str, Any]:
    """An objective, a section or a line of action as `catalogue show --format json` prints it."""
    if isinstance(item, Objective):
        record = objective_record(catalogue, item, lang)
        record["kind"] = "objective"
        return record
    if isinstance(item, Section):
        return {
            "kind": "section",
            "code": item.code,
            "line": item.code.split(".")[0],
            "title": item.title[lang],
            "democracy": catalogue.is_democracy(item.code),
            "objectives": [objective_record(catalogue, o, lang) for o in item.objectives],
        }
    return {
        "kind": "line",
        "code": item.code,
        "title": item.title[lang],
        "intro": item.intro[lang] if item.intro else None,
        "democracy": catalogue.is_democracy(item.code),
        "sections": [{"code": s.code, "title": s.title[lang]} for s in item.sections],
    }


def objectives_table(objectives: list[Objective], lang: Lang, title: str | None = None) -> Table:
    from rich.table import Table

    table = Table(
        title=_text(title) if title else None, show_lines=False, expand=False, title_justify="left"
    )
    table.add_column("Code", no_wrap=True, style="bold")
    table.add_column("Objective", ratio=1)
    table.add_column("Tags", style="dim", max_width=28)
    for objective in objectives:
        cell = _text(objective.text[lang])
        if objective.gender_equality:
            cell.append("\ngender equality", style="magenta")
        if not objective.selectable:
            cell.append("\nnot selectable (monitoring milestone)", style="yellow")
        table.add_row(_text(objective.code), cell, _text(" ".join(objective.tags)))
    return table


def objective_lines(objectives: list[Objective], lang: Lang) -> list[Text]:
    """One line an objective: its code, what marks it (gender equality, a milestone not to
    select) and its text, on one line, to be printed cut with an ellipsis at the terminal's
    width (`print_lines`). `objectives_table` shows the whole texts and the tags."""
    lines = []
    for objective in objectives:
        line = _one_line(objective.code, style="bold")
        line.append("  ")
        if objective.gender_equality:
            line.append("(gender equality) ", style="magenta")
        if not objective.selectable:
            line.append("(not selectable: monitoring milestone) ", style="yellow")
        line.append(" ".join(printable(objective.text[lang]).split()))
        lines.append(line)
    return lines


def _one_line(text: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(" ".join(printable(text).split()), style=style)


def show(
    catalogue: Catalogue, item: Objective | Section | LineOfAction, lang: Lang
) -> list[RenderableType]:
    """What `catalogue show CODE` prints for an objective, a section or a line of action."""
    from rich.panel import Panel

    if isinstance(item, LineOfAction):
        body = _text(item.intro[lang] if item.intro else "")
        sections = [printable(f"{s.code}  {s.title[lang]}") for s in item.sections]
        return [
            Panel(body, title=_text(f"{item.code}  {item.title[lang]}"), title_align="left"),
            _text("\n".join(sections)),
            _democracy_fact(catalogue, item.code),
        ]
    if isinstance(item, Section):
        return [
            objectives_table(item.objectives, lang, title=f"{item.code}  {item.title[lang]}"),
            _democracy_fact(catalogue, item.code),
        ]
    section = catalogue.section(item.section_code)
    line = catalogue.line(item.line_code)
    assert section is not None and line is not None  # the model guarantees both parents
    facts = [
        f"line of action {line.code}: {line.title[lang]}",
        f"section {section.code}: {section.title[lang]}",
        f"tags: {', '.join(item.tags)}",
        f"about gender equality: {'yes' if item.gender_equality else 'no'}",
        f"selectable as a priority: {'yes' if item.selectable else 'no (monitoring milestone)'}",
    ]
    if item.instruments:
        # The ids, as a strategy's `instruments:` names them, and what each one is.
        facts.append("instruments:")
        facts += [f"  {line}" for line in instrument_lines(catalogue, item.instruments, lang)]
    if item.milestone is not None:
        facts.append(f"milestone: {item.milestone.title[lang]} ({item.milestone.planning[lang]})")
    return [
        Panel(_text(item.text[lang]), title=_text(item.code), title_align="left"),
        _text("\n".join(printable(fact) for fact in facts), style="dim"),
    ]


def _text(text: str, style: str = "") -> Text:
    """Catalogue text as a rich Text: never parsed as markup, controls shown escaped (line
    breaks kept)."""
    from rich.text import Text

    return Text(printable_lines(text), style=style)


def _democracy_fact(catalogue: Catalogue, code: str) -> RenderableType:
    """Whether rule HRD406 counts a priority under this line or section as democracy."""
    from rich.text import Text

    answer = "yes" if catalogue.is_democracy(code) else "no"
    return Text(f"about democracy (HRD406): {answer}", style="dim")


def instrument_record(catalogue: Catalogue, instrument: Instrument, lang: Lang) -> dict[str, Any]:
    """An instrument as `catalogue instruments --format json` prints it: its id, its title and
    the objectives whose text names it."""
    return {
        "id": instrument.id,
        "title": instrument.title[lang],
        "objectives": [o.code for o in catalogue.objectives() if instrument.id in o.instruments],
    }


def instrument_lines(catalogue: Catalogue, idents: list[str], lang: Lang) -> list[str]:
    """`id  title` per instrument, the ids aligned in a column."""
    found = [i for i in (catalogue.instrument(ident) for ident in idents) if i is not None]
    width = max((len(i.id) for i in found), default=0)
    return [f"{i.id.ljust(width)}  {i.title[lang]}" for i in found]


def gender_plan_record(plan: GenderPlan, areas: list[GenderArea], lang: Lang) -> dict[str, Any]:
    """A catalogue's gender action plan as `catalogue gender --format json` prints it."""
    return {
        "id": plan.id,
        "title": plan.title[lang],
        "source_document": plan.source_document,
        "adopted": plan.adopted.isoformat(),
        "period": {"start": plan.period.start, "end": plan.period.end},
        "extension": (
            {"end": plan.extension.end, "source": plan.extension.source}
            if plan.extension is not None
            else None
        ),
        "in_force_until": plan.last_year,
        "target": {"percent": plan.target, "by": plan.target_year},
        "areas": [{"id": a.id, "title": a.title[lang]} for a in areas],
    }


def gender_plan(
    catalogue: Catalogue, plan: GenderPlan, areas: list[GenderArea], lang: Lang
) -> list[RenderableType]:
    """What `catalogue gender` prints: the plan's title, source, period and target, then its
    thematic areas with the ids a priority's `gender.gap` names them by."""
    from rich.panel import Panel

    period = f"{plan.period.start}-{plan.period.end}"
    if plan.extension is not None:
        period += f", extended to {plan.extension.end}"
    target = f"{plan.target}% of new actions at gender marker 1 or 2"
    if plan.target_year is not None:
        target += f" by {plan.target_year}"
    facts = [
        f"source: {plan.source_document} of {plan.adopted.isoformat()}",
        f"period: {period}",
        f"target: {target}",
    ]
    if plan.extension is not None:
        facts.append(f"extension: {plan.extension.source}")
    from rich.table import Table

    body = _text(plan.title[lang], style="bold")
    body.append("\n\n")
    body.append(_text("\n".join(facts), style="dim"))
    # A table, not lines: a long title wraps within its column, under the title, not the id.
    heading = _text(f"thematic areas of engagement ({len(areas)}); `gender.gap` names them by id:")
    table = Table(
        show_header=False,
        box=None,
        expand=False,
    )
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("title", ratio=1)
    for area in areas:
        table.add_row(_text(area.id), _text(area.title[lang]))
    panel = Panel(body, title=_text(f"{plan.id} ({catalogue.ref})"), title_align="left")
    return [panel, heading, table]


def versions_table(registry: Registry) -> str:
    """The README's table of the catalogue versions (a test keeps the two in step): newest
    first within each id, each with its plan period and what its own changelog entry says."""
    rows = ["| version | plan period | what it is |", "|---|---|---|"]
    for ident in registry.ids():
        newest = registry.newest(ident).version
        for entry in reversed([e for e in registry.entries() if e.id == ident]):
            catalogue = registry.load(entry.ref)
            said = [c.text for c in catalogue.changelog if c.version == catalogue.version]
            mark = " (newest)" if entry.version == newest else ""
            period = catalogue.plan_period
            cells = [f"`{entry.ref}`{mark}", f"{period.start}-{period.end}", " ".join(said)]
            rows.append(
                "| " + " | ".join(" ".join(c.split()).replace("|", "\\|") for c in cells) + " |"
            )
    return "\n".join(rows)


def print_lines(title: str, lines: list[Text]) -> None:
    """The title (wrapped, as any text), then each line on one line of the terminal, cut with
    an ellipsis where it would wrap (rich measures in terminal cells: a wide character counts
    for two)."""
    from hrdplan.io.console import make_console

    console = make_console()
    console.print(_text(title))
    for line in lines:
        console.print(line, no_wrap=True, overflow="ellipsis", crop=True)
