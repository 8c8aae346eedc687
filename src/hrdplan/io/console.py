"""The one colour decision (`--color`, then NO_COLOR, then is-a-terminal) and the consoles."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console

ColorChoice = Literal["auto", "always", "never"]


def use_color(choice: ColorChoice, *, isatty: bool) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return isatty


def make_console(choice: ColorChoice = "auto", *, stderr: bool = False) -> Console:
    """A rich console for human-readable output (stdout) or status and errors (stderr)."""
    import sys

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = use_color(choice, isatty=stream.isatty())
    return Console(
        file=stream,
        force_terminal=color if choice == "always" else None,
        no_color=not color,
        highlight=False,
        soft_wrap=False,
    )
