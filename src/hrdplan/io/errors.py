"""Errors that reach the user as one line each, never as a traceback, and the exit codes
shared by every command (see DESIGN.md, "The commands")."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # lint found errors (or warnings with --strict); migrate refused
    USAGE = 2  # bad usage, missing path, bad config, unreadable or unparseable input


@dataclass(frozen=True)
class Problem:
    """One problem in one input file, at a 1-based line and column when known."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = printable(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: error: {printable(self.message)}"


class HrdplanError(Exception):
    """A failure the user can fix; the CLI prints each problem on its own line and exits."""

    def __init__(self, *problems: Problem | str, exit_code: ExitCode = ExitCode.USAGE) -> None:
        self.problems = tuple(problems)
        self.exit_code = exit_code
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        """One line per problem, as printed to the user."""
        return [
            str(p) if isinstance(p, Problem) else f"error: {printable(p)}" for p in self.problems
        ]


class InputError(HrdplanError):
    """An input file that cannot be read, parsed or validated: every problem names the file."""

    problems: tuple[Problem, ...]

    def __init__(self, *problems: Problem, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(*problems, exit_code=exit_code)


class NotFound(HrdplanError, LookupError):
    """A name the user gave that does not exist: a catalogue or version, an objective code,
    a country. Still a LookupError for code that tries a name and falls back; the CLI reports
    it like any HrdplanError (exit 2), while a KeyError of a bug stays an internal error."""


def display_path(path: Path | str) -> str:
    """The path as users should see it: relative to the current folder when below it."""
    p = Path(path)
    try:
        try:
            full = p.resolve()
        except RuntimeError:  # a symbolic-link loop: its folder resolved, its own name kept
            full = p.absolute().parent.resolve() / p.name
        return full.relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return p.as_posix()


def printable(text: str) -> str:
    """Text safe to print to a terminal: control and bidi characters (a file's hostile
    content, quoted in a message) are shown escaped instead of acting on the terminal."""
    if text.isprintable():
        return text
    return "".join(
        c
        if c.isprintable() or unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")
        else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def did_you_mean(suggestions: list[str]) -> str:
    """The hint appended to an "unknown ..." message: "; did you mean a, b?" or nothing."""
    return f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
