"""Errors that reach the user as one line each, never as a traceback, and the exit codes
shared by every command (see DESIGN.md, "The commands")."""

from __future__ import annotations

import contextlib
import errno
import os
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from hrdplan.io.links import NOT_SHOWN, hidden


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
        cwd = os.path.realpath(Path.cwd())
        # A file is named as it was reached (a linked strategy by the link's own name), else
        # with links resolved (the current folder reached through a link). realpath, unlike
        # Path.resolve before Python 3.13, does not raise on a link loop.
        for candidate in (p.absolute(), Path(os.path.realpath(p))):
            with contextlib.suppress(ValueError):
                return candidate.relative_to(cwd).as_posix()
    except (ValueError, OSError):
        pass
    return p.as_posix()


def os_error(err: BaseException) -> OSError | None:
    """The operating system's refusal behind an exception, if that is what it is: an OSError
    (a link loop, a name too long, no permission, a full disk), or the RuntimeError that
    Path.resolve raised for a link loop before Python 3.13, from the OSError it caught."""
    if isinstance(err, OSError):
        return err
    context = err.__context__
    if (
        isinstance(err, RuntimeError)
        and isinstance(context, OSError)
        and context.errno == errno.ELOOP
        and str(err).startswith("Symlink loop")
    ):
        return context
    return None


def os_error_line(err: OSError) -> str:
    """One line for an OSError: `path: error: reason` when it names a file, else
    `error: reason`."""
    reason = err.strerror or str(err) or type(err).__name__
    filename = err.filename if err.filename is not None else err.filename2
    if isinstance(filename, bytes | os.PathLike):
        filename = os.fsdecode(filename)
    if isinstance(filename, str):
        return str(Problem(display_path(filename), reason))
    return f"error: {printable(reason)}"


def os_reason(err: OSError) -> str:
    """Why the system refused a path, in words: a link loop and a name too long said as such,
    anything else as the system says it."""
    if err.errno == errno.ELOOP:
        return "a symbolic link loop"
    if err.errno == errno.ENAMETOOLONG:
        return "its name is too long for the system"
    return (err.strerror or str(err) or type(err).__name__).lower()


def printable(text: str) -> str:
    """Text safe to print to a terminal: control and bidi characters (a file's hostile
    content, quoted in a message) are shown escaped instead of acting on the terminal; so are
    lone surrogates (a file name's bytes that are not UTF-8), which no terminal could be sent."""
    if text.isprintable():
        return text
    return "".join(
        c
        if c.isprintable() or unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp", "Cs")
        else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


# The longest excerpt of a value a message quotes: enough to recognise it, never a whole file.
QUOTE_WIDTH = 40


def quoted(value: object, width: int = QUOTE_WIDTH) -> str:
    """A value read from a file as a message quotes it: in quotes, escaped as Python's repr
    escapes it (controls, bidi characters, lone surrogates), at most `width` characters of it
    with an ellipsis after. While a file reached through a link out of its folder is read
    (`links.hiding`), no value at all: only that it is not shown."""
    if hidden():
        return f"({NOT_SHOWN})"
    if isinstance(value, str):
        return repr(value[:width]) + ("…" if len(value) > width else "")
    text = repr(value)
    return text if len(text) <= width else text[:width] + "…"


def printable_lines(text: str) -> str:
    """Text of several lines safe to print: each line as `printable` shows it, the line
    breaks kept (a listing or a diff, where `printable` alone would join them into one)."""
    return "\n".join(printable(line) for line in text.split("\n"))
