"""How `--help` shows options and arguments: as ruff and most Unix tools do, a flag has no value
placeholder and a value has a metavar in capitals (FILE, DIR, CODE, FORMAT), arguments read
`COUNTRY`, `[DIR]`, `[PATH]...` — never typer's Python types (`<bool>`, `<list[str]>`) or
`{country}`.

typer builds its own parameter objects; the commands here hand each one, as the command's
parameters are asked for (parsing, usage line, help), to a subclass that only changes how it is
displayed.

A command's description is its docstring, wrapped at 100 columns in the source: its paragraphs
are joined into one line each (`reflow`), so that `--help` wraps them at the terminal's width
rather than keeping the source's line breaks in mid-sentence, as typer's rich help does."""

from __future__ import annotations

import inspect
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


class _Argument(TyperArgument):
    @property
    def display_name_raw(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return f"{name}..." if self.nargs != 1 else name

    def _usage_display_name(self) -> str:
        name = self.metavar or (self.name or "").upper()
        name = name if self.required else f"[{name}]"
        return f"{name}..." if self.nargs != 1 else name

    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the name column already holds the metavar


class _Option(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag:
            return None
        return self.metavar or metavar_of(self)


def metavar_of(option: TyperOption) -> str:
    """A metavar from the option's long name, for an option declared without one."""
    longest = max(option.opts, key=len)
    return longest.lstrip("-").replace("-", "_").upper()


def tidy(params: list[Any]) -> list[Any]:
    """The parameters, each displayed the way this module describes (in place, idempotent)."""
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Option
    return params


def reflow(text: str | None) -> str | None:
    """Help text with each paragraph on one line: a single line break in a docstring is where
    the source wrapped, not one a reader should see. A paragraph marked with click's `\b`
    keeps its lines."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith("\b") else " ".join(paragraph.split())
        for paragraph in paragraphs
    )


class HelpCommand(TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = reflow(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return tidy(super().get_params(ctx))


class HelpGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = reflow(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return tidy(super().get_params(ctx))
