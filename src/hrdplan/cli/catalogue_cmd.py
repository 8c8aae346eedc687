"""`hrdplan catalogue ...`: browse the Action Plan's objectives."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hrdplan.cli import completion
from hrdplan.cli.options import (
    CatalogueDirOption,
    CatalogueOption,
    FormatOption,
    LangOption,
    TextOrJson,
)
from hrdplan.io.errors import NotFound, printable, printable_lines, quoted
from hrdplan.io.suggest import did_you_mean

if TYPE_CHECKING:
    # Only for annotations: pydantic and the catalogue load when a command runs, not at start-up.
    from hrdplan.catalogue.model import Catalogue
    from hrdplan.catalogue.registry import Registry

app = typer.Typer(
    help="Browse the catalogue of the Action Plan's objectives.",
    no_args_is_help=True,
    add_completion=False,  # completion is the root command's (`hrdplan --install-completion`)
)


def _registry(dirs: list[Path] | None) -> Registry:
    """The catalogues this run may use, from the run's settings (the configuration checked as
    every command checks it)."""
    from hrdplan.settings import build

    return build(catalogue_dirs=dirs or ()).registry


def _open(ref: str | None, dirs: list[Path] | None) -> tuple[Registry, Catalogue]:
    registry = _registry(dirs)
    return registry, registry.load(ref) if ref else registry.load()


def _print_json(data: Any) -> None:
    from hrdplan.io.text import json_text

    typer.echo(json_text(data), nl=False)


def _print(*renderables: Any) -> None:
    from hrdplan.io.console import make_console

    console = make_console()
    for renderable in renderables:
        console.print(renderable)


@app.command("list")
def list_(
    line: Annotated[
        str | None,
        typer.Option(
            "--line",
            metavar="N",
            help="Only this line of action.",
            autocompletion=completion.line_codes,
        ),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            metavar="N.N",
            help="Only this section.",
            autocompletion=completion.section_codes,
        ),
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag",
            metavar="TAG",
            help="Only objectives with this tag.",
            autocompletion=completion.tags,
        ),
    ] = None,
    wrap: Annotated[
        bool,
        typer.Option(
            "--wrap", help="Each objective's whole text, wrapped, with its tags (a table)."
        ),
    ] = False,
    lang: LangOption = None,
    fmt: FormatOption = TextOrJson.text,
    catalogue_ref: CatalogueOption = None,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """List objectives, optionally of one line of action, section or tag: one line each, cut
    at the terminal's width (--wrap or --format json for the whole texts)."""
    lang = lang or "en"
    from hrdplan.catalogue import browse

    _, catalogue = _open(catalogue_ref, catalogue_dir)
    objectives = list(catalogue.objectives())
    if line is not None:
        if catalogue.line(line) is None:
            raise NotFound(_unknown(catalogue, "line of action", line))
        objectives = [o for o in objectives if o.line_code == line.strip()]
    if section is not None:
        if catalogue.section(section) is None:
            raise NotFound(_unknown(catalogue, "section", section))
        objectives = [o for o in objectives if o.section_code == section.strip()]
    if tag is not None:
        if tag not in catalogue.known_tags():
            raise NotFound(f"unknown tag {quoted(tag)}{did_you_mean(catalogue.suggest_tags(tag))}")
        objectives = [o for o in objectives if tag in o.tags]
    if fmt is TextOrJson.json:
        _print_json([browse.objective_record(catalogue, o, lang) for o in objectives])
        return
    title = f"{catalogue.title[lang]} ({catalogue.ref}): {len(objectives)} objectives"
    if wrap:
        _print(browse.objectives_table(objectives, lang, title=title))
    else:
        browse.print_lines(title, browse.objective_lines(objectives, lang))


@app.command()
def show(
    code: Annotated[
        str,
        typer.Argument(
            metavar="CODE",
            help="An objective (1.1.a), section (1.1) or line (1).",
            autocompletion=completion.catalogue_codes,
        ),
    ],
    lang: LangOption = None,
    fmt: FormatOption = TextOrJson.text,
    catalogue_ref: CatalogueOption = None,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Show one objective (with the ids of the instruments it names), section or line of action."""
    lang = lang or "en"
    from hrdplan.catalogue import browse

    _, catalogue = _open(catalogue_ref, catalogue_dir)
    item = catalogue.find(code)
    if item is None:
        raise NotFound(_unknown(catalogue, "code", code))
    if fmt is TextOrJson.json:
        _print_json(browse.entry_record(catalogue, item, lang))
        return
    _print(*browse.show(catalogue, item, lang))


@app.command()
def search(
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="Words to find, in English or Dutch.")
    ],
    lang: LangOption = None,
    fmt: FormatOption = TextOrJson.text,
    catalogue_ref: CatalogueOption = None,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Find objectives by words in either language (ignoring case and accents)."""
    lang = lang or "en"
    from hrdplan.catalogue import browse

    _, catalogue = _open(catalogue_ref, catalogue_dir)
    hits = catalogue.search(text)
    if fmt is TextOrJson.json:
        _print_json([browse.objective_record(catalogue, o, lang) for o in hits])
        return
    if not hits:
        typer.echo(f"no objective matches {quoted(text)}", err=True)
        return
    _print(browse.objectives_table(hits, lang, title=f"{len(hits)} objectives"))


@app.command()
def instruments(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID",
            help="Only these instruments (default: all).",
            show_default=False,
            autocompletion=completion.instrument_ids,
        ),
    ] = None,
    lang: LangOption = None,
    fmt: FormatOption = TextOrJson.text,
    catalogue_ref: CatalogueOption = None,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """List the instrument ids an action's `instruments:` may name, with their titles."""
    lang = lang or "en"
    from hrdplan.catalogue import browse

    _, catalogue = _open(catalogue_ref, catalogue_dir)
    for ident in ids or []:
        if catalogue.instrument(ident) is None:
            close = catalogue.suggest_instruments(ident)
            raise NotFound(
                f"unknown instrument {quoted(ident)} in {catalogue.ref}{did_you_mean(close)}"
            )
    chosen = [i for i in catalogue.instruments if not ids or i.id in ids]
    if fmt is TextOrJson.json:
        _print_json([browse.instrument_record(catalogue, i, lang) for i in chosen])
        return
    lines = browse.instrument_lines(catalogue, [i.id for i in chosen], lang)
    typer.echo(printable_lines("\n".join(lines)))


@app.command()
def gender(
    areas: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="AREA",
            help="Only these thematic areas, by id (default: all).",
            show_default=False,
            autocompletion=completion.gender_areas,
        ),
    ] = None,
    lang: LangOption = None,
    fmt: FormatOption = TextOrJson.text,
    catalogue_ref: CatalogueOption = None,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Show the gender action plan the catalogue names (GAP III from eu-hrd-2020-2024@1.2.0).

    Its title, source, period, target (the share of new actions at gender marker 1 or 2) and
    thematic areas of engagement, with the ids a priority's `gender.gap` names them by. A
    catalogue that names no gender plan says so (exit 0; JSON: null)."""
    lang = lang or "en"
    from hrdplan.catalogue import browse

    _, catalogue = _open(catalogue_ref, catalogue_dir)
    plan = catalogue.gender_plan
    if plan is None:
        # Not an error: versions before 1.2.0, and an organisation's catalogue, may name none
        # (the rules about gender plan areas then do not run). A name the user typed that is
        # absent (an AREA) is one, below.
        if areas:
            raise NotFound(
                f"{catalogue.ref} names no gender action plan, so no area {quoted(areas[0])}"
            )
        if fmt is TextOrJson.json:
            _print_json(None)
            return
        typer.echo(printable(f"{catalogue.ref} names no gender action plan"), err=True)
        return
    for ident in areas or []:
        if plan.area(ident) is None:
            close = plan.suggest(ident)
            raise NotFound(
                f"unknown gender plan area {quoted(ident)} in {catalogue.ref} ({plan.id})"
                f"{did_you_mean(close)}"
            )
    chosen = [a for a in plan.areas if not areas or a.id in areas]
    if fmt is TextOrJson.json:
        _print_json(browse.gender_plan_record(plan, chosen, lang))
        return
    _print(*browse.gender_plan(catalogue, plan, chosen, lang))


@app.command()
def versions(
    fmt: FormatOption = TextOrJson.text,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """List the catalogue ids and versions available, marking the newest of each."""
    registry = _registry(catalogue_dir)
    newest = {ident: registry.newest(ident).version for ident in registry.ids()}
    found = [(entry, registry.load(entry.ref)) for entry in registry.entries()]
    if fmt is TextOrJson.json:
        _print_json(
            [
                {
                    "id": entry.id,
                    "version": entry.version,
                    "newest": entry.version == newest[entry.id],
                    "previous": catalogue.previous,
                    "title": catalogue.title.en,
                    "plan_period": {
                        "start": catalogue.plan_period.start,
                        "end": catalogue.plan_period.end,
                    },
                    "path": str(entry.path),
                }
                for entry, catalogue in found
            ]
        )
        return
    width = max((len(entry.ref) for entry, _ in found), default=0)
    for entry, catalogue in found:
        period = catalogue.plan_period
        marks = [f"plan {period.start}-{period.end}"]
        if catalogue.previous:
            marks.append(f"follows {catalogue.previous}")
        if entry.version == newest[entry.id]:
            marks.append("newest")
        line = f"{entry.ref.ljust(width)}  {catalogue.title.en}  ({', '.join(marks)})"
        typer.echo(printable(line))


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="A",
            help="ID@VERSION, ID (its newest) or VERSION.",
            autocompletion=completion.catalogue_refs,
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="B",
            help="ID@VERSION, ID (its newest) or VERSION.",
            autocompletion=completion.catalogue_refs,
        ),
    ],
    fmt: FormatOption = TextOrJson.text,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Show what changed from catalogue A to B.

    Objectives and instruments added, removed, renamed or reworded; tags; the plan period and
    other metadata; and the version bump the change needs."""
    from hrdplan.catalogue import diff as catalogue_diff
    from hrdplan.catalogue import diff_output, versions
    from hrdplan.catalogue.registry import DEFAULT_ID

    registry = _registry(catalogue_dir)

    def resolve(ref: str, other: str) -> Catalogue:
        # A bare version belongs to the other side's id (or the shipped catalogue's).
        if "@" not in ref and ref[:1].isdigit():
            ident = other.partition("@")[0] if other[:1].isalpha() else DEFAULT_ID
            ref = f"{ident}@{ref}"
        return registry.load(ref)

    a, b = resolve(old, new), resolve(new, old)
    chain = versions.walk(registry, a, b)
    # A broken link (a `previous:` that does not exist) is an error, not an unlinked pair.
    versions.require_valid_chain(registry, chain or [a, b])
    result = catalogue_diff.diff(
        a,
        b,
        renamed=versions.mapping(a, "objective", chain) if chain else None,
        renamed_instruments=versions.mapping(a, "instrument", chain) if chain else None,
    )
    if fmt is TextOrJson.json:
        _print_json(diff_output.to_json(result))
        return
    typer.echo(printable_lines(diff_output.text(result)), nl=False)


def _unknown(catalogue: Catalogue, kind: str, code: str) -> str:
    close = catalogue.suggest_codes(code)
    return f"unknown {kind} {quoted(code)} in {catalogue.ref}{did_you_mean(close)}"
