"""Rendering many strategies: one document each, on every core when there are many."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdplan.catalogue.model import Lang
from hrdplan.catalogue.registry import Registry
from hrdplan.io.errors import InputError
from hrdplan.lint.runner import Selection
from hrdplan.render.environment import Format, Templates

# Below this many files a second process costs more than it saves (as for lint).
PARALLEL_THRESHOLD = 48


@dataclass(frozen=True)
class Item:
    path: Path
    name: str  # as shown to users
    destination: Path


@dataclass(frozen=True)
class Outcome:
    lines: list[str]  # one per problem; empty when the document was written
    fatal: bool = False  # a template failure: the same for every file, so stop


class Renderer:
    """Renders one strategy file into its document."""

    def __init__(
        self,
        registry: Registry,
        templates: Templates,
        *,
        lang: Lang | None,
        public: bool,
        force: bool,
        rules: Selection | None = None,
    ) -> None:
        self.registry = registry
        self.rules = rules
        self.templates = templates
        self.lang = lang
        self.public = public
        self.force = force

    @property
    def fmt(self) -> Format:
        return self.templates.fmt

    def __call__(self, item: Item) -> Outcome:
        from hrdplan.render import documents, environment, output
        from hrdplan.render.pipeline import default_lang, load

        try:
            source = load(item.path, item.name, self.registry, self.rules)
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
        except InputError as err:
            return Outcome(err.lines(), fatal=True)
        try:
            output.write(item.destination, text, force=self.force)
        except InputError as err:
            return Outcome(err.lines())
        return Outcome([])


_worker: Renderer | None = None


def _init(renderer: Renderer) -> None:
    global _worker
    _worker = renderer


def _work(item: Item) -> Outcome:
    assert _worker is not None
    return _worker(item)


def render_all(
    items: Sequence[Item], renderer: Renderer, *, jobs: int = 0
) -> Iterator[tuple[Item, Outcome]]:
    """Each item with its outcome, in order; with many files, on every core."""
    import multiprocessing

    jobs = jobs or (os.cpu_count() or 1)
    # Forked workers inherit the loaded catalogues and templates instead of loading them again.
    forking = "fork" in multiprocessing.get_all_start_methods()
    if jobs < 2 or len(items) < PARALLEL_THRESHOLD or not forking:
        for item in items:
            yield item, renderer(item)
        return
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init, initargs=(renderer,)
    )
    try:
        yield from zip(items, pool.map(_work, items, chunksize=8), strict=True)
    finally:  # a caller that stops early (a template error) leaves the rest undone
        pool.shutdown(wait=True, cancel_futures=True)
