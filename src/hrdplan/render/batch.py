"""Rendering many strategies: one document each, on every core when there are many."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdplan.catalogue.model import Lang
from hrdplan.io.errors import InputError
from hrdplan.io.files import FileIds
from hrdplan.lint.settings import Settings
from hrdplan.render.environment import Format, Templates


@dataclass(frozen=True)
class Item:
    path: Path
    name: str  # as shown to users
    destination: Path


@dataclass(frozen=True)
class Outcome:
    lines: list[str]  # one per problem; empty when the document was written
    fatal: bool = False  # a template failure that is the same for every file, so stop


class Renderer:
    """Renders one strategy file into its document."""

    def __init__(
        self,
        settings: Settings,
        templates: Templates,
        *,
        lang: Lang | None,
        public: bool,
        force: bool,
        inputs: FileIds = frozenset(),
    ) -> None:
        self.settings = settings
        self.templates = templates
        self.lang = lang
        self.public = public
        self.force = force
        self.inputs = inputs  # the strategies being rendered: no document replaces one

    @property
    def fmt(self) -> Format:
        return self.templates.fmt

    def __call__(self, item: Item) -> Outcome:
        from hrdplan.render import documents, environment, output
        from hrdplan.render.pipeline import default_lang, load

        try:
            source = load(item.path, item.name, self.settings)
        except InputError as err:
            return Outcome(err.lines())
        lang = self.lang or default_lang(source.strategy)
        doc = documents.build(
            source.strategy,
            source.catalogue,
            source=item.path.name,
            lang=lang,
            findings=source.findings,
            public=self.public,
        )
        try:
            text = self.templates.render("strategy", doc=doc, t=environment.labels()[lang])
        except environment.TemplateFailure as err:
            return Outcome(err.lines(), fatal=not err.per_document)
        try:
            output.write(item.destination, text, force=self.force, inputs=self.inputs)
        except InputError as err:
            return Outcome(err.lines())
        return Outcome([])


def _render(renderer: Renderer, item: Item) -> Outcome:
    return renderer(item)


def render_all(
    items: Sequence[Item], renderer: Renderer, *, jobs: int = 0
) -> Iterator[tuple[Item, Outcome]]:
    """Each item with its outcome, in order; with many files, on every core."""
    from hrdplan.io.parallel import on_every_core

    outcomes = on_every_core(_render, renderer, items, jobs=jobs)
    try:
        yield from zip(items, outcomes, strict=True)
    finally:  # a caller that stops early (a template error) leaves the rest undone
        outcomes.close()
