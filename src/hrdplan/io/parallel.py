"""Many items on every core: the one way lint and render spread work over processes."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

# Below this many items a second process costs more than it saves (a worker's start-up is worth
# about as much as linting or rendering a few dozen strategies).
PARALLEL_THRESHOLD = 48

_job: tuple[Callable[[Any, Any], Any], Any] | None = None  # (work, state) in a worker


def _install(work: Callable[[Any, Any], Any], state: Any) -> None:
    global _job
    _job = (work, state)


def _call(item: Any) -> Any:
    assert _job is not None
    work, state = _job
    return work(state, item)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def on_every_core(
    work: Callable[[S, T], R], state: S, items: Sequence[T], *, jobs: int = 0
) -> Generator[R, None, None]:
    """work(state, item) for each item, in order. With many items, on every core: forked
    workers inherit `state` (a registry with its loaded catalogues, compiled templates) instead
    of building it again, and only items and results cross between processes. `work` must be a
    module-level function. Where processes cannot be forked (Windows), or for few items, the
    items run here, one after another.

    The results come as they are ready, so a caller can show progress; a caller that stops early
    leaves the items not yet started undone."""
    jobs = jobs or (os.cpu_count() or 1)
    # multiprocessing is imported only when it may be used: one file is the pre-commit case.
    if jobs < 2 or len(items) < PARALLEL_THRESHOLD or not _can_fork():
        for item in items:
            yield work(state, item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_install,
        initargs=(work, state),
    )
    try:
        # A few chunks per worker: few round trips, and the cores finish together.
        yield from pool.map(_call, items, chunksize=max(1, len(items) // (jobs * 4)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
