"""`--help` of every command at the terminal's width: a description's paragraphs wrap where
the line is full, not where the docstring's source line ended."""

from __future__ import annotations

import inspect
import itertools
from typing import Any

import pytest
from clitree import TREE, ids
from conftest import Run

from hrdplan.cli.help import reflow

# Left and right margin of typer's rich help.
MARGIN = 2


def description(stdout: str) -> list[list[str]]:
    """The paragraphs of the text between the usage line and the first box, as lines."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Usage:")) + 1
    end = next((i for i, line in enumerate(lines) if line.startswith("╭")), len(lines))
    paragraphs: list[list[str]] = [[]]
    for line in lines[start:end]:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("words", "command"), TREE, ids=[ids(w) for w, _ in TREE])
def test_help_wraps_at_the_terminal_s_width(
    cli: Run, monkeypatch: pytest.MonkeyPatch, words: tuple[str, ...], command: Any, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(*words, "--help")
    assert result.code == 0, result
    paragraphs = description(result.stdout)
    assert paragraphs, result.stdout
    for paragraph in paragraphs:
        for line, after in itertools.pairwise(paragraph):
            # A line ends early only when the next word would not have fitted on it.
            assert len(line) + 1 + len(after.split()[0]) > width - MARGIN, (line, after)
    # Every word of the docstring is there, in order.
    source = " ".join(inspect.cleandoc(command.help or "").split())
    assert " ".join(" ".join(p) for p in paragraphs) == source
    # An option's or argument's help is one sentence or two, wrapped by the table it is in:
    # a line break written into it would be kept there.
    ctx: Any = command.make_context("hrdplan", ["--help"], resilient_parsing=True)
    for param in command.get_params(ctx):
        assert "\n" not in (getattr(param, "help", None) or ""), param.name


def test_reflow_joins_a_paragraph_s_lines_and_keeps_marked_ones() -> None:
    text = "First line\nof the first.\n\nSecond\nparagraph.\n\n\bkept\nas is"
    assert reflow(text) == "First line of the first.\n\nSecond paragraph.\n\n\bkept\nas is"
    assert reflow(None) is None
