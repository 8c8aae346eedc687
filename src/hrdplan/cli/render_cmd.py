"""`hrdplan render` and `hrdplan report`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from hrdplan.catalogue.lang import Lang
from hrdplan.cli.options import CatalogueDirOption
from hrdplan.io.errors import ExitCode, HrdplanError, printable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hrdplan.lint.settings import Settings
    from hrdplan.review.diff import Comparison

T = TypeVar("T")


class DocFormat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"


PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help="Strategy or progress files, or folders (default: config paths, else ./strategies).",
        show_default=False,
    ),
]
DocFormatOption = Annotated[
    DocFormat,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="html, md, docx or pdf (pdf needs the optional pdf extra).",
    ),
]
ReferenceDocOption = Annotated[
    Path | None,
    typer.Option(
        "--reference-doc",
        metavar="FILE",
        help="A Word document whose styles, page setup, headers and footers the DOCX takes "
        "(with --format docx).",
    ),
]
TemplateDirOption = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        metavar="DIR",
        help="Templates that replace the shipped ones of the same name (run sandboxed).",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite a file that hrdplan did not generate.")
]


def render(
    paths: PathsArgument = None,
    fmt: DocFormatOption = DocFormat.html,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="Labels and objective texts, en or nl (default: the strategy's language "
            "if en or nl, else en).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder for the documents (default: build/ beside the hrdplan.toml found "
            "upwards, else the current folder).",
        ),
    ] = None,
    template_dir: TemplateDirOption = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="Only what may be shared outside, of adopted strategies: the title block, "
            "the priorities and the timeline; no context, analyses, rationale, consultations, "
            "actions, indicators, progress or open points, and no marking of its own. Progress "
            "files are refused: a progress report is internal.",
        ),
    ] = False,
    draft_extract: Annotated[
        bool,
        typer.Option(
            "--draft-extract",
            help="With --public: allow the extract of a strategy not yet adopted, every page "
            "stamped as a draft not for publication.",
        ),
    ] = False,
    reference_doc: ReferenceDocOption = None,
    compare_to: Annotated[
        str | None,
        typer.Option(
            "--compare-to",
            metavar="OLD_OR_REV",
            help="A redline of the one strategy PATH: its changes since an earlier version, "
            "a strategy file (an existing file is read as one) or else a Git revision of "
            "PATH's own file. Written as STEM-redline.FORMAT (html, docx or pdf).",
        ),
    ] = None,
    force: ForceOption = False,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """Render strategies as documents (one per strategy file, named after it) and progress
    files as the year's progress report (named STRATEGY-YEAR-progress)."""
    from hrdplan.io.files import file_ids
    from hrdplan.lint.settings import build
    from hrdplan.render import environment, output
    from hrdplan.render.batch import Item, Renderer, render_all
    from hrdplan.render.formats import template_format

    _usable_folders(out, template_dir)
    if draft_extract and not public:
        raise HrdplanError("--draft-extract goes with --public")
    if compare_to is not None:
        _redline_usable(fmt, public=public)
    reference = _reference(fmt, reference_doc)
    settings = build(catalogue_dirs=catalogue_dir or ())
    # A folder named is used as named; below it (below the repository's root for the default
    # build/) every folder must be a real one.
    within = out
    if out is None:
        from hrdplan.strategy.repository import documents_dir

        out = documents_dir(settings.found.path)
        within = out.parent
    files = _files(paths, settings)
    if not files:
        raise HrdplanError("no strategy files (*.yaml, *.yml) to render")
    compared = None
    if compare_to is not None:
        compared = _compared(compare_to, files, settings)
    templates = environment.Templates(template_format(fmt.value), template_dir)
    inputs = file_ids(path for path, _ in files)
    renderer = Renderer(
        settings,
        templates,
        fmt=fmt.value,
        lang=lang,
        public=public,
        draft_extract=draft_extract,
        force=force,
        inputs=inputs,
        within=within,
        reference=reference,
        compared=compared,
    )
    # A progress report's name comes from its strategy and year, known once it is read: the
    # documents are made first, then each written unless an earlier one took its name.
    target = output.target if compared is None else output.redline_target
    items = [Item(path, name, target(out, path, fmt.value)) for path, name in files]
    claimed: dict[Path, str] = {}
    written: list[Path] = []
    failed = False
    for item, made in _progress(render_all(items, renderer, write=False), len(items), "rendering"):
        for line in made.lines:
            typer.echo(line, err=True)
        if made.fatal:
            raise typer.Exit(int(ExitCode.USAGE))
        if made.lines or made.destination is None:
            failed = True
            continue
        destination = made.destination
        if destination in claimed:
            typer.echo(
                printable(
                    f"{item.name}: error: same document name as {claimed[destination]} "
                    f"({destination.name}); rename one of them"
                ),
                err=True,
            )
            failed = True
            continue
        claimed[destination] = item.name
        outcome = renderer.write(made)
        for line in outcome.lines:
            typer.echo(line, err=True)
        if outcome.lines:
            failed = True
        else:
            written.append(destination)
    for destination in written:
        typer.echo(printable(str(destination)))
    if failed:
        raise typer.Exit(int(ExitCode.USAGE))


def report(
    paths: PathsArgument = None,
    fmt: DocFormatOption = DocFormat.html,
    lang: Annotated[
        Lang, typer.Option("--lang", metavar="LANG", help="Labels and objective texts: en or nl.")
    ] = "en",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write the report here (else stdout)."),
    ] = None,
    template_dir: TemplateDirOption = None,
    reference_doc: ReferenceDocOption = None,
    force: ForceOption = False,
    catalogue_dir: CatalogueDirOption = None,
) -> None:
    """The portfolio over many strategies: coverage, gender markers, instruments, open points."""
    from hrdplan.io.errors import InputError
    from hrdplan.io.files import file_ids
    from hrdplan.lint.settings import build
    from hrdplan.lint.sound import progress_reports
    from hrdplan.render import environment, output
    from hrdplan.render import report as portfolio
    from hrdplan.render.formats import BINARY, convert, template_format
    from hrdplan.render.pipeline import Source, UnsoundProgress, load_any
    from hrdplan.strategy.model import StrategyV2

    _usable_folders(template_dir)
    if out is None and fmt.value in BINARY and sys.stdout.isatty():
        raise HrdplanError(f"a {fmt.value.upper()} report goes to a file: give --out FILE")
    reference = _reference(fmt, reference_doc)
    settings = build(catalogue_dirs=catalogue_dir or ())
    files = _files(paths, settings)
    templates = environment.Templates(template_format(fmt.value), template_dir)
    sources: list[Source] = []
    failed = False
    for path, name in _progress(iter(files), len(files), "reading"):
        try:
            source = load_any(path, name, settings)
        except UnsoundProgress:
            continue  # read as its strategy's progress; `hrdplan lint` says what is wrong
        except InputError as err:
            failed = True
            for line in err.lines():
                typer.echo(line, err=True)
            continue
        if isinstance(source, Source):  # progress files are read as their strategies'
            sources.append(source)
    if not sources:
        if failed:
            raise typer.Exit(int(ExitCode.USAGE))
        raise HrdplanError("no strategy files (*.yaml, *.yml) to report on")
    progress = {
        s.path: list(progress_reports(s.path, settings).loaded.values())
        for s in sources
        if isinstance(s.strategy, StrategyV2)
    }
    view = portfolio.build(
        sources, settings.registry, lang=lang, progress=progress, today=settings.today
    )
    text = templates.render("report", report=view, t=environment.labels()[lang])
    content = convert(fmt.value, text, reference=reference)
    if out is not None:
        output.write(out, content, force=force, inputs=file_ids(path for path, _ in files))
        typer.echo(printable(str(out)))
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        typer.echo(output.with_marker(content), nl=False)
    if failed:
        raise typer.Exit(int(ExitCode.USAGE))


def _redline_usable(fmt: DocFormat, *, public: bool) -> None:
    """What a redline is made as: an internal document (it shows what was negotiated away),
    in a format that can mark deleted and inserted words."""
    if public:
        raise HrdplanError("--compare-to makes a redline, an internal document: not with --public")
    if fmt is DocFormat.md:
        raise HrdplanError(
            "a redline is made as html, docx or pdf; for Markdown, `hrdplan diff --format "
            "markdown` says what changed"
        )


def _compared(compare_to: str, files: list[tuple[Path, str]], settings: Settings) -> Comparison:
    """The one strategy compared with its earlier version: a file when one of that name
    exists, else a Git revision of the strategy's own file."""
    from hrdplan.io.errors import display_path
    from hrdplan.review.sides import compare_at_revision, compare_files

    if len(files) != 1:
        raise HrdplanError("--compare-to makes the redline of one strategy: give one PATH")
    path, _ = files[0]
    earlier = Path(compare_to)
    if earlier.is_file():
        return compare_files(earlier, path, settings.registry, settings.max_bytes)
    if earlier.exists():
        raise HrdplanError(f"{display_path(earlier)}: not a file (--compare-to FILE or REV)")
    return compare_at_revision(compare_to, path, settings.registry, settings.max_bytes)


def _reference(fmt: DocFormat, reference_doc: Path | None) -> bytes | None:
    """The --reference-doc's bytes, read and checked once; PDF's extra checked before any
    document is made."""
    if fmt is DocFormat.pdf:
        from hrdplan.render import pdf

        pdf.check_available()
    if reference_doc is None:
        return None
    if fmt is not DocFormat.docx:
        raise HrdplanError("--reference-doc goes with --format docx")
    from hrdplan.render import reference

    found = reference.read(reference_doc)
    if found.warning:  # once per command: what the documents leave out of the template
        typer.echo(found.warning, err=True)
    return found.data


def _files(paths: list[str] | None, settings: Settings) -> list[tuple[Path, str]]:
    from hrdplan.cli.paths import collect

    return collect(list(paths or []), settings.found)


def _usable_folders(*folders: Path | None) -> None:
    from hrdplan.cli.paths import usable_folder

    for folder in folders:
        if folder is not None:
            usable_folder(folder)


def _progress(items: Iterator[T], total: int, verb: str) -> Iterator[T]:
    """The items, with a progress bar on stderr when it is a terminal and there are many."""
    if total < 2 or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from hrdplan.io.console import make_console

    with Progress(
        TextColumn(f"{verb} strategies"),
        BarColumn(),
        MofNCompleteColumn(),
        console=make_console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(verb, total=total)
        for item in items:
            yield item
            progress.advance(task)
