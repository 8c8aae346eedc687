"""Every command line of the CLI (`lint`, `catalogue list`, the root itself) with its click
command, for tests that check each one (usage errors, help)."""

from __future__ import annotations

from typing import Any

import typer.main

from hrdplan.cli import app


def _tree() -> list[tuple[tuple[str, ...], Any]]:
    root: Any = typer.main.get_command(app)
    found: list[tuple[tuple[str, ...], Any]] = [((), root)]

    def walk(words: tuple[str, ...], group: Any) -> None:
        ctx: Any = group.make_context("hrdplan", ["--help"], resilient_parsing=True)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            found.append(((*words, name), command))
            if hasattr(command, "list_commands"):
                walk((*words, name), command)

    walk((), root)
    return found


TREE = _tree()


def ids(words: tuple[str, ...]) -> str:
    """A command line as a test id: `catalogue list`, `hrdplan` for the root."""
    return " ".join(words) or "hrdplan"
