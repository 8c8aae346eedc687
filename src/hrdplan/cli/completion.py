"""Shell completion of values: objective codes, instrument ids, rule codes, formats, catalogues.

Each function is a typer `autocompletion` callback, run only when the shell asks (Tab), never
on a normal start; what it needs (the catalogue, the rules) is imported inside it. A completion
must never print an error into the user's command line: anything that fails completes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hrdplan.io.text import shorten

if TYPE_CHECKING:
    from hrdplan.catalogue.model import Catalogue
    from hrdplan.catalogue.registry import Registry

Items = list[tuple[str, str]]  # (value, help shown by zsh and fish)


def _quietly(produce: Callable[[], Items]) -> Items:
    with contextlib.suppress(Exception):  # a Tab must never end in an error message
        return produce()
    return []


def _short(text: str, width: int = 60) -> str:
    """A description the shell shows beside a word: catalogue text, so controls escaped."""
    from hrdplan.io.errors import printable

    return printable(shorten(text, width, ellipsis="…"))


def _registry(params: dict[str, Any]) -> Registry:
    """The catalogues the command line sees so far: the configuration's and --catalogue-dir."""
    from hrdplan.settings import build

    return build(catalogue_dirs=[Path(p) for p in params.get("catalogue_dir") or []]).registry


def _catalogue(ctx: typer.Context) -> Catalogue:
    """The catalogue the command line names so far (--catalogue, --catalogue-dir), else the
    newest shipped one."""
    params: dict[str, Any] = ctx.params or {}
    registry = _registry(params)
    ref = params.get("catalogue_ref")
    return registry.load(ref) if ref else registry.load()


def _codes(ctx: typer.Context, *, selectable_only: bool) -> Iterator[tuple[str, str]]:
    catalogue = _catalogue(ctx)
    if not selectable_only:
        for line in catalogue.lines:
            yield line.code, _short(line.title.en)
        for section in catalogue.sections():
            yield section.code, _short(section.title.en)
    for objective in catalogue.objectives():
        if objective.selectable or not selectable_only:
            yield objective.code, _short(objective.text.en)


def catalogue_codes(ctx: typer.Context, incomplete: str) -> Items:
    """Objective, section and line codes (`catalogue show CODE`)."""
    return _quietly(lambda: list(_codes(ctx, selectable_only=False)))


def objective_codes(ctx: typer.Context, incomplete: str) -> Items:
    """Codes a priority may select (`new-strategy --priority`)."""
    return _quietly(lambda: list(_codes(ctx, selectable_only=True)))


def section_codes(ctx: typer.Context, incomplete: str) -> Items:
    return _quietly(lambda: [(s.code, _short(s.title.en)) for s in _catalogue(ctx).sections()])


def line_codes(ctx: typer.Context, incomplete: str) -> Items:
    return _quietly(lambda: [(x.code, _short(x.title.en)) for x in _catalogue(ctx).lines])


def tags(ctx: typer.Context, incomplete: str) -> Items:
    return _quietly(lambda: [(t, _short(title.en)) for t, title in _catalogue(ctx).tags.items()])


def instrument_ids(ctx: typer.Context, incomplete: str) -> Items:
    return _quietly(lambda: [(i.id, _short(i.title.en)) for i in _catalogue(ctx).instruments])


def gender_areas(ctx: typer.Context, incomplete: str) -> Items:
    """The thematic area ids of the catalogue's gender plan (none when it names no plan)."""

    def produce() -> Items:
        plan = _catalogue(ctx).gender_plan
        return [(a.id, _short(a.title.en)) for a in plan.areas] if plan else []

    return _quietly(produce)


def catalogue_refs(ctx: typer.Context, incomplete: str) -> Items:
    """Catalogue ids and id@version (`--catalogue`)."""

    def produce() -> Items:
        registry = _registry(ctx.params or {})
        refs = [(ident, "newest version") for ident in registry.ids()]
        return refs + [(entry.ref, "") for entry in registry.entries()]

    return _quietly(produce)


def _rules() -> Items:
    from hrdplan.lint.rules import RULES

    return [(r.code, f"{r.name}: {_short(r.summary)}") for r in RULES]


def rule_codes(incomplete: str) -> Items:
    """Rule codes (`hrdplan rule CODE`), in either case."""
    return _quietly(lambda: [(c.lower() if incomplete.islower() else c, h) for c, h in _rules()])


def rule_code_list(incomplete: str) -> Items:
    """The next code of a comma-separated list (`--select HRD1,HRD2<Tab>`)."""

    def produce() -> Items:
        done, comma, _ = incomplete.rpartition(",")
        prefix = done + comma
        return [(prefix + code, h) for code, h in rule_codes(incomplete[len(prefix) :])]

    return _quietly(produce)


def lint_formats(incomplete: str) -> Items:
    from hrdplan.lint.reporters import FORMATS

    return [(f, "") for f in FORMATS]


def colors(incomplete: str) -> list[str]:
    return ["auto", "always", "never"]


def strategy_years(ctx: typer.Context, incomplete: str) -> Items:
    """The years of the period of the strategy named so far (`progress new STRATEGY --year`),
    saying which have a progress file already."""

    def produce() -> Items:
        from hrdplan.io.yamlio import load
        from hrdplan.strategy.progress import progress_files

        # Before the option's value is typed, click leaves the arguments unparsed in ctx.args.
        named = (ctx.params or {}).get("strategy") or next(iter(ctx.args), None)
        if named is None:
            return []
        path = Path(named)
        period = load(path).data["period"]
        have = progress_files(path)
        return [
            (str(y), "has a progress file" if y in have else "")
            for y in range(int(period["start"]), int(period["end"]) + 1)
        ]

    return _quietly(produce)
