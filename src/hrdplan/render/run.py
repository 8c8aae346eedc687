"""The work of `hrdplan render` and `hrdplan report`, from the paths and options a command line
gave to documents written: the options' combinations checked, the settings built once, the
files found, the documents made (`batch`), names claimed once, and the writes. What is said on
the way goes through `say` (the CLI prints it on stderr); what was written is returned."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from hrdplan.io.errors import HrdplanError, InputError, printable

if TYPE_CHECKING:
    from hrdplan.catalogue.model import Lang
    from hrdplan.inputs import StrategyInput
    from hrdplan.render.batch import Item, Outcome
    from hrdplan.render.formats import DocumentFormat
    from hrdplan.review.diff import Comparison
    from hrdplan.settings import Settings

T = TypeVar("T")
Files = Sequence[tuple[Path, str]]  # (path, display name)
Track = Callable[[Iterator[T], int, str], Iterator[T]]
Say = Callable[[str], None]


def untracked(items: Iterator[T], total: int, verb: str) -> Iterator[T]:
    """No progress shown (the CLI shows a bar on a terminal)."""
    return items


@dataclass
class Done:
    """What a command wrote, and whether a file failed (exit 2 once the rest is done)."""

    written: list[Path] = field(default_factory=list)
    failed: bool = False
    # A template failure that is the same for every file: the batch stopped, nothing said of
    # what was written before it.
    fatal: bool = False
    # A portfolio sent to stdout: its text or bytes, for the CLI to print.
    content: str | bytes | None = None


def documents(
    paths: Sequence[str],
    *,
    catalogue_dirs: Sequence[Path],
    fmt: DocumentFormat,
    lang: Lang | None,
    out: Path | None,
    template_dir: Path | None,
    public: bool,
    draft_extract: bool,
    reference_doc: Path | None,
    compare_to: str | None,
    force: bool,
    say: Say,
    track: Track[tuple[Item, Outcome]] = untracked,
) -> Done:
    """One document per file (a redline with `compare_to`), each written unless an earlier
    one took its name."""
    from hrdplan.inputs.paths import collect
    from hrdplan.io.files import file_ids
    from hrdplan.render import environment, output
    from hrdplan.render.batch import Item, Renderer, render_all
    from hrdplan.render.formats import template_format
    from hrdplan.settings import build

    _usable_folders(out, template_dir)
    if draft_extract and not public:
        raise HrdplanError("--draft-extract goes with --public")
    if compare_to is not None:
        _redline_usable(fmt, public=public)
    reference = _reference(fmt, reference_doc, say)
    settings = build(catalogue_dirs=catalogue_dirs)
    # A folder named is used as named; below it (below the repository's root for the default
    # build/) every folder must be a real one.
    within = out
    if out is None:
        from hrdplan.strategy.repository import documents_dir

        out = documents_dir(settings.found.path)
        within = out.parent
    files = collect(list(paths), settings.found)
    if not files:
        raise HrdplanError("no strategy files (*.yaml, *.yml) to render")
    compared = _compared(compare_to, files, settings) if compare_to is not None else None
    templates = environment.Templates(template_format(fmt), template_dir)
    renderer = Renderer(
        settings,
        templates,
        fmt=fmt,
        lang=lang,
        public=public,
        draft_extract=draft_extract,
        force=force,
        inputs=file_ids(path for path, _ in files),
        within=within,
        reference=reference,
        compared=compared,
    )
    # A progress report's name comes from its strategy and year, known once it is read: the
    # documents are made first, then each written unless an earlier one took its name.
    target = output.target if compared is None else output.redline_target
    items = [Item(path, name, target(out, path, fmt)) for path, name in files]
    claimed: dict[Path, str] = {}
    done = Done()
    for item, made in track(render_all(items, renderer, write=False), len(items), "rendering"):
        for line in made.lines:
            say(line)
        if made.fatal:
            done.fatal = done.failed = True
            return done
        if made.lines or made.destination is None:
            done.failed = True
            continue
        destination = made.destination
        if destination in claimed:
            say(
                printable(
                    f"{item.name}: error: same document name as {claimed[destination]} "
                    f"({destination.name}); rename one of them"
                )
            )
            done.failed = True
            continue
        claimed[destination] = item.name
        outcome = renderer.write(made)
        for line in outcome.lines:
            say(line)
        if outcome.lines:
            done.failed = True
        else:
            done.written.append(destination)
    return done


def portfolio(
    paths: Sequence[str],
    *,
    catalogue_dirs: Sequence[Path],
    fmt: DocumentFormat,
    lang: Lang,
    out: Path | None,
    template_dir: Path | None,
    reference_doc: Path | None,
    force: bool,
    to_terminal: bool,
    say: Say,
    track: Track[tuple[Path, str]] = untracked,
) -> Done:
    """The portfolio over the files' strategies (progress files are read as their
    strategies'), written to `out`, else returned as `content` (a Word or PDF file only when
    it does not go `to_terminal`)."""
    from hrdplan import inputs
    from hrdplan.inputs.paths import collect
    from hrdplan.io.files import file_ids
    from hrdplan.render import environment, output
    from hrdplan.render import portfolio as view
    from hrdplan.render.formats import BINARY, convert, template_format
    from hrdplan.settings import build
    from hrdplan.strategy.model import StrategyV2

    _usable_folders(template_dir)
    if out is None and fmt in BINARY and to_terminal:
        raise HrdplanError(f"a {fmt.upper()} report goes to a file: give --out FILE")
    reference = _reference(fmt, reference_doc, say)
    settings = build(catalogue_dirs=catalogue_dirs)
    files = collect(list(paths), settings.found)
    templates = environment.Templates(template_format(fmt), template_dir)
    sources: list[StrategyInput] = []
    done = Done()
    for path, name in track(iter(files), len(files), "reading"):
        try:
            source = inputs.read(path, name, settings)
        except inputs.UnsoundProgress:
            continue  # read as its strategy's progress; `hrdplan lint` says what is wrong
        except InputError as err:
            done.failed = True
            for line in err.lines():
                say(line)
            continue
        if isinstance(source, inputs.StrategyInput):
            sources.append(source)
    if not sources:
        if done.failed:
            return done
        raise HrdplanError("no strategy files (*.yaml, *.yml) to report on")
    progress = {
        s.path: list(inputs.progress_reports(s.path, settings).loaded.values())
        for s in sources
        if isinstance(s.strategy, StrategyV2)
    }
    built = view.build(
        sources, settings.registry, lang=lang, progress=progress, today=settings.today
    )
    text = templates.render("report", report=built, t=environment.labels()[lang])
    content = convert(fmt, text, reference=reference)
    if out is None:
        done.content = content if isinstance(content, bytes) else output.with_marker(content)
        return done
    output.write(out, content, force=force, inputs=file_ids(path for path, _ in files))
    done.written.append(out)
    return done


def _usable_folders(*folders: Path | None) -> None:
    from hrdplan.inputs.paths import usable_folder

    for folder in folders:
        if folder is not None:
            usable_folder(folder)


def _redline_usable(fmt: DocumentFormat, *, public: bool) -> None:
    """What a redline is made as: an internal document (it shows what was negotiated away),
    in a format that can mark deleted and inserted words."""
    if public:
        raise HrdplanError("--compare-to makes a redline, an internal document: not with --public")
    if fmt == "md":
        raise HrdplanError(
            "a redline is made as html, docx or pdf; for Markdown, `hrdplan diff --format "
            "markdown` says what changed"
        )


def _compared(compare_to: str, files: Files, settings: Settings) -> Comparison:
    """The one strategy compared with its earlier version: a file when one of that name
    exists, else a Git revision of the strategy's own file."""
    from hrdplan.io.errors import display_path
    from hrdplan.review.sides import compare_at_revision, compare_files

    if len(files) != 1:
        raise HrdplanError("--compare-to makes the redline of one strategy: give one PATH")
    path, _ = files[0]
    earlier = Path(compare_to)
    if earlier.is_file():
        return compare_files(earlier, path, settings)
    if earlier.exists():
        raise HrdplanError(f"{display_path(earlier)}: not a file (--compare-to FILE or REV)")
    return compare_at_revision(compare_to, path, settings)


def _reference(fmt: DocumentFormat, reference_doc: Path | None, say: Say) -> bytes | None:
    """The --reference-doc's bytes, read and checked once; PDF's extra checked before any
    document is made."""
    if fmt == "pdf":
        from hrdplan.render import pdf

        pdf.check_available()
    if reference_doc is None:
        return None
    if fmt != "docx":
        raise HrdplanError("--reference-doc goes with --format docx")
    from hrdplan.render import reference

    found = reference.read(reference_doc)
    if found.warning:  # once per command: what the documents leave out of the template
        say(found.warning)
    return found.data
