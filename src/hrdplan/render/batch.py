"""Rendering many strategies: one document each, on every core when there are many."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.catalogue.model import Lang
from hrdplan.io.errors import InputError, Problem
from hrdplan.io.files import FileIds
from hrdplan.render.environment import Templates
from hrdplan.render.formats import DocumentFormat
from hrdplan.settings import Settings

if TYPE_CHECKING:
    from hrdplan.inputs import ProgressInput, StrategyInput
    from hrdplan.render.public import Extract
    from hrdplan.review.diff import Comparison
    from hrdplan.strategy.model import Strategy


@dataclass(frozen=True)
class Item:
    path: Path
    name: str  # as shown to users
    destination: Path  # a strategy's document; a progress report goes to the same folder


@dataclass(frozen=True)
class Outcome:
    lines: list[str]  # one per problem; empty when the document was made
    fatal: bool = False  # a template failure that is the same for every file, so stop
    # Where the document goes (a progress report is named after its strategy and year, known
    # once the file is read) and, until it is written, its content (text, or a Word or PDF
    # file's bytes).
    destination: Path | None = None
    content: str | bytes | None = None


class Renderer:
    """Renders one strategy or progress file into its document."""

    def __init__(
        self,
        settings: Settings,
        templates: Templates,
        *,
        fmt: DocumentFormat,
        lang: Lang | None,
        public: bool,
        draft_extract: bool = False,
        force: bool,
        inputs: FileIds = frozenset(),
        within: Path | None = None,
        reference: bytes | None = None,
        compared: Comparison | None = None,
    ) -> None:
        self.settings = settings
        self.templates = templates  # HTML ones for Word and PDF
        self.fmt = fmt
        self.reference = reference  # --reference-doc: a Word template's bytes
        self.lang = lang
        from hrdplan.render.public import Extract

        # --public: what the documents may hold and which files have none (public.py); with
        # --draft-extract, of a strategy not adopted too, stamped.
        self.extract: Extract | None = Extract(draft=draft_extract) if public else None
        self.force = force
        self.inputs = inputs  # the files being rendered: no document replaces one
        self.within = within  # the folder named (--out), below which no folder is a link
        # --compare-to: the one strategy's changes since an earlier version (a redline).
        self.compared = compared

    def __call__(self, item: Item) -> Outcome:
        """Make the document and write it."""
        return self.write(self.make(item))

    def write(self, outcome: Outcome) -> Outcome:
        """Write a made document (an outcome with problems is returned as it is)."""
        from hrdplan.render import output

        if outcome.content is None or outcome.destination is None:
            return outcome
        try:
            output.write(
                outcome.destination,
                outcome.content,
                force=self.force,
                inputs=self.inputs,
                within=self.within,
            )
        except InputError as err:
            return Outcome(err.lines(), destination=outcome.destination)
        return Outcome([], destination=outcome.destination)

    def make(self, item: Item) -> Outcome:
        """The document's content and where it goes, or the problems."""
        from hrdplan import inputs
        from hrdplan.render import environment, output
        from hrdplan.render.formats import convert

        try:
            source = inputs.read(item.path, item.name, self.settings)
        except inputs.UnsoundProgress as err:
            # A progress report is never public, whatever else is wrong with the file.
            return self._refused(item, None) or Outcome(err.lines())
        except InputError as err:
            return Outcome(err.lines())
        refused = self._refused(
            item, None if isinstance(source, inputs.ProgressInput) else source.strategy
        )
        if refused is not None:
            return refused
        if isinstance(source, inputs.ProgressInput) and self.compared is not None:
            problem = Problem(item.name, "a progress file: --compare-to compares strategies")
            return Outcome(InputError(problem).lines())
        lang = self.lang or default_lang(source.strategy)
        if isinstance(source, inputs.ProgressInput):
            destination = output.progress_target(
                item.destination.parent, source.strategy_path, source.progress.year, self.fmt
            )
            name, context = "progress", self._progress(source, lang)
        else:
            destination = item.destination
            name, context = "strategy", self._strategy(source, item, lang)
        try:
            text = self.templates.render(name, t=environment.labels()[lang], **context)
            content = convert(self.fmt, text, reference=self.reference)
        except environment.TemplateFailure as err:
            return Outcome(err.lines(), fatal=not err.per_document)
        except InputError as err:
            return Outcome(err.lines(), destination=destination)
        return Outcome([], destination=destination, content=content)

    def _refused(self, item: Item, strategy: Strategy | None) -> Outcome | None:
        """With --public, a file that has no public extract (`strategy` None: a progress
        file): its one line, and nothing written for it."""
        problem = self.extract.refusal(item.name, strategy) if self.extract else None
        return None if problem is None else Outcome(InputError(problem).lines())

    def _strategy(self, source: StrategyInput, item: Item, lang: Lang) -> dict[str, object]:
        from hrdplan.inputs import progress_reports
        from hrdplan.render import documents, progress
        from hrdplan.strategy.model import StrategyV2

        section = None
        # An extract has no progress section: the progress files are not read for it.
        if isinstance(source.strategy, StrategyV2) and self.extract is None:
            reports = list(progress_reports(item.path, self.settings).loaded.values())
            section = progress.section(source.strategy, reports)
        doc = documents.build(
            source.strategy,
            source.catalogue,
            source=item.path.name,
            lang=lang,
            findings=source.findings,
            progress=section,
            compared=self.compared,
        )
        return {"doc": doc if self.extract is None else self.extract.of(doc)}

    def _progress(self, source: ProgressInput, lang: Lang) -> dict[str, object]:
        from hrdplan.render import progress

        report = progress.build_report(
            source.progress,
            source.strategy,
            source=source.path.name,
            strategy_source=source.strategy_path.name,
            catalogue_ref=source.catalogue.ref,
            lang=lang,
            findings=source.findings,
        )
        return {"doc": report}


def default_lang(strategy: Strategy) -> Lang:
    """The strategy's own language when labels exist for it (en, nl), else English."""
    primary = strategy.language.split("-")[0].lower()
    return "nl" if primary == "nl" else "en"


def _render(renderer: Renderer, item: Item) -> Outcome:
    return renderer(item)


def _make(renderer: Renderer, item: Item) -> Outcome:
    return renderer.make(item)


def render_all(
    items: Sequence[Item], renderer: Renderer, *, jobs: int = 0, write: bool = True
) -> Iterator[tuple[Item, Outcome]]:
    """Each item with its outcome, in order; with many files, on every core. Without `write`
    the outcomes carry the documents' text for the caller to write (`Renderer.write`), once it
    has seen that no two documents go to the same place."""
    from hrdplan.io.parallel import on_every_core

    outcomes = on_every_core(_render if write else _make, renderer, items, jobs=jobs)
    try:
        yield from zip(items, outcomes, strict=True)
    finally:  # a caller that stops early (a template error) leaves the rest undone
        outcomes.close()
