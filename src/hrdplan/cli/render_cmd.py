"""`hrdplan render` and `hrdplan report`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from hrdplan.cli.options import CatalogueDirOption, ForceOption, LangOption
from hrdplan.io.errors import ExitCode, printable

if TYPE_CHECKING:
    from collections.abc import Iterator


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


def render(
    paths: PathsArgument = None,
    fmt: DocFormatOption = DocFormat.html,
    lang: LangOption = None,
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
    from hrdplan.render import run

    done = run.documents(
        paths or [],
        catalogue_dirs=catalogue_dir or (),
        fmt=fmt.value,
        lang=lang,
        out=out,
        template_dir=template_dir,
        public=public,
        draft_extract=draft_extract,
        reference_doc=reference_doc,
        compare_to=compare_to,
        force=force,
        say=_say,
        track=_progress,
    )
    if not done.fatal:
        for destination in done.written:
            typer.echo(printable(str(destination)))
    if done.failed:
        raise typer.Exit(int(ExitCode.USAGE))


def report(
    paths: PathsArgument = None,
    fmt: DocFormatOption = DocFormat.html,
    lang: LangOption = None,
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
    from hrdplan.render import run

    done = run.portfolio(
        paths or [],
        catalogue_dirs=catalogue_dir or (),
        fmt=fmt.value,
        lang=lang or "en",
        out=out,
        template_dir=template_dir,
        reference_doc=reference_doc,
        force=force,
        to_terminal=sys.stdout.isatty(),
        say=_say,
        track=_progress,
    )
    for written in done.written:
        typer.echo(printable(str(written)))
    if isinstance(done.content, bytes):
        sys.stdout.buffer.write(done.content)
        sys.stdout.buffer.flush()
    elif done.content is not None:
        typer.echo(done.content, nl=False)
    if done.failed:
        raise typer.Exit(int(ExitCode.USAGE))


def _say(line: str) -> None:
    typer.echo(line, err=True)


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
