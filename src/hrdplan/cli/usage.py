"""Usage errors (an unknown option, a bad choice, a missing argument) as one line in the
README's words: `error: --format: 'odt' is not one of md, html, docx, pdf`, exit 2.

click (inside typer) raises them as exceptions carrying what went wrong (the parameter, the
option typed, click's suggestions); its own display is a box of several lines with typer's and
pydantic's wording. The entry point catches them and prints this module's line instead. The
exceptions are read by their documented attributes, not by their private classes.
"""

from __future__ import annotations

import re
from typing import Any

from hrdplan.io.errors import QUOTE_WIDTH, printable
from hrdplan.io.suggest import close_names, did_you_mean

# typer checks a choice with pydantic, whose wording comes through:
# "Value error, 'odt' is not one of 'md', 'html', 'docx', 'pdf'."
_PYDANTIC_PREFIXES = ("Value error, ", "Assertion failed, ")
_NOT_ONE_OF = re.compile(r"^(?P<value>.*) is not one of (?P<choices>'.*')$")
_CHOICE = re.compile(r"'((?:[^'\\]|\\.)*)'")
# pydantic's wording of a value that does not parse, in ours.
_TYPES = {
    "Input should be a valid integer": "expected a whole number",
    "Input should be a valid number": "expected a number",
    "Input should be a valid boolean": "expected true or false",
    "Input should be a valid date": "expected a date (YYYY-MM-DD)",
}
_NO_SUCH_COMMAND = re.compile(
    r"^No such command (?P<name>'.*?')\.(?: Did you mean (?P<close>.*)\?)?$"
)
_NEEDS_VALUE = re.compile(
    r"^Option '(?P<name>[^']+)' requires (?:an argument|(?P<count>\d+) arguments)"
)
_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)$")


def is_help_request(err: Exception) -> bool:
    """A group run without a command shows its help (click's no_args_is_help) by raising a
    usage error whose message is the help itself: not a problem to report."""
    # The class is click's private one; typer itself recognises it by its name.
    return type(err).__name__ == "NoArgsIsHelpError"


def usage_line(err: Exception) -> str:
    """The one line that reports a usage error, starting `error: ` and escaped for a terminal."""
    return f"error: {printable(_message(err))}"


def _message(err: Exception) -> str:
    format_message = getattr(err, "format_message", None)
    message = str(getattr(err, "message", "") or (format_message() if format_message else err))
    possibilities = getattr(err, "possibilities", None)
    option_name = getattr(err, "option_name", None)
    param = getattr(err, "param", None)
    if option_name is not None and possibilities is not None:  # an unknown option
        close = close_names(option_name, _option_names(err)) if _has_context(err) else possibilities
        return f"no such option: {option_name}{did_you_mean(sorted(close))}"
    if param is not None and hasattr(err, "param_type"):  # a required value not given
        kind = getattr(param, "param_type_name", "argument")
        said = f"missing {kind} {param_name(param)}"
        usage = _usage(err)
        return f"{said} (usage: {usage})" if usage and kind == "argument" else said
    if param is not None:  # a value that does not fit
        return f"{param_name(param)}: {_reworded(message)}"
    unknown = _NO_SUCH_COMMAND.match(message)
    if unknown:  # a sub-group's unknown command
        close = (
            close_names(_CHOICE.findall(unknown["name"])[0], _command_names(err))
            if _has_context(err) and _CHOICE.findall(unknown["name"])
            else _CHOICE.findall(unknown["close"] or "")
        )
        return f"no such command {unknown['name']}{did_you_mean(close)}"
    needs = _NEEDS_VALUE.match(message)
    if needs:  # an option given last, without its value
        values = f"{needs['count']} values" if needs["count"] else "a value"
        return f"{needs['name']} needs {values}"
    extra = _EXTRA.match(message)
    if extra:  # more arguments than the command takes
        usage = _usage(err)
        # typer has escaped the arguments already: quoted as they are, not repr'd again.
        said = "unexpected extra argument " + _short("'" + extra["extra"] + "'")
        return f"{said} (usage: {usage})" if usage else said
    return _plain(message)


def param_name(param: Any) -> str:
    """How a message names a parameter: an option by its long name, an argument by its
    metavar (as `--help` shows them)."""
    if getattr(param, "param_type_name", None) == "option":
        opts = list(getattr(param, "opts", ())) or [str(param.name)]
        return str(max(opts, key=len))
    return str(getattr(param, "metavar", None) or (param.name or "").upper())


def _reworded(message: str) -> str:
    for prefix in _PYDANTIC_PREFIXES:
        message = message.removeprefix(prefix)
    message = message.rstrip(".")
    choice = _NOT_ONE_OF.match(message)
    if choice:
        choices = ", ".join(_CHOICE.findall(choice["choices"]))
        return f"{_short(choice['value'])} is not one of {choices}"
    for pydantic, ours in _TYPES.items():
        if message.startswith(pydantic):
            return ours
    return _plain(message)


def _short(said: str) -> str:
    """A value as click quotes it ('odt'), cut as `quoted` cuts a value: at most QUOTE_WIDTH
    characters of it, then an ellipsis."""
    inner = said[1:-1] if len(said) >= 2 and said[0] == said[-1] == "'" else said
    return said if len(inner) <= QUOTE_WIDTH else f"'{inner[:QUOTE_WIDTH]}'…"


def _plain(message: str) -> str:
    """click's sentence as a clause of ours: no capital, no full stop."""
    message = " ".join(message.split()).rstrip(".")
    if message[:1].isupper() and not message[1:2].isupper():
        message = message[0].lower() + message[1:]
    return message


def _usage(err: Exception) -> str:
    ctx = getattr(err, "ctx", None)
    if ctx is None:
        return ""
    return " ".join(str(ctx.get_usage()).split()).removeprefix("Usage: ")


# click suggests with a cutoff of its own; the names it had to choose from go through the one
# did-you-mean of every message instead (`io.suggest`).
def _has_context(err: Exception) -> bool:
    return getattr(err, "ctx", None) is not None


def _option_names(err: Exception) -> list[str]:
    ctx: Any = getattr(err, "ctx", None)
    names: list[str] = []
    for param in ctx.command.get_params(ctx):
        names += [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]
    return [n for n in names if n.startswith("-")]


def _command_names(err: Exception) -> list[str]:
    ctx: Any = getattr(err, "ctx", None)
    list_commands = getattr(ctx.command, "list_commands", None)
    return list(list_commands(ctx)) if list_commands is not None else []
