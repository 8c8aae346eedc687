"""Hostile usage errors: what was typed is quoted in the one line that reports it, shown
escaped (control and bidi characters), never acting on the terminal, and never a traceback."""

from __future__ import annotations

import pytest
from conftest import Run


@pytest.mark.parametrize(
    "args",
    [
        ("lint", "--\x1b[31mred"),  # an escape sequence as an option
        ("render", "x.yaml", "--format", "\u202eodt"),  # a bidi override as a choice
        ("catalogue", "show", "1", "\x07\x1b]0;title\x07"),  # a bell and a title change
        ("l\x1bnt",),  # as a command
    ],
    ids=["option", "choice", "extra-argument", "command"],
)
def test_what_was_typed_is_shown_escaped(cli: Run, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.code == 2, result
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ")
    assert not any(c in line for c in "\x1b\x07\u202e"), repr(line)
    assert "\\x1b" in line or "\\u202e" in line or "\\x07" in line, repr(line)


def test_a_very_long_option_is_one_line(cli: Run) -> None:
    result = cli("lint", "--" + "x" * 100_000)
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1
