"""The sandbox templates run in, with bounds on what one document may cost.

Jinja's SandboxedEnvironment keeps templates away from Python's internals and limits range()
to MAX_RANGE (100,000) items, but a template can still ask for a number or a string larger than
the machine: `10 ** 100000000`, `'x' * 3000000000`, `'a'|center(10**9)`, `'%999999999s'|format(1)`.
Here each operation that can make a value much larger than its inputs is checked *before* it
runs (the operators through `intercepted_binops`, the filters and methods that pad or repeat by
a number), values returned by calls and stored in a namespace are checked after, and the
document as a whole has a size bound and a time bound (see `Deadline`).
"""

from __future__ import annotations

import math
import os
import re
import signal
import string
import time
from collections.abc import Callable, Generator, Iterator, Sized
from contextlib import contextmanager
from functools import wraps
from types import FrameType
from typing import Any

from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

from hrdplan.io.errors import HrdplanError, quoted

# The largest string or list an operation may produce: a whole document is a few hundred KB.
MAX_VALUE = 10_000_000
# The largest integer an operation may produce, in bits (about 30,000 digits).
MAX_INT_BITS = 100_000
# The largest document one template may write (characters).
MAX_OUTPUT = 50_000_000
# Seconds one document may take: the shipped templates take milliseconds. The variable lowers
# (or raises) it, as the test of the limit does to be quick.
TIME_LIMIT = 10.0
TIME_LIMIT_VARIABLE = "HRDPLAN_TEMPLATE_TIME_LIMIT"

# The numbers in a %-format specification (width, precision), and whether one comes from the
# arguments (`*`).
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_DIGITS = re.compile(r"\d+")
# str methods that pad to a width given as their first argument.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def time_limit() -> float:
    """Seconds one document may take: HRDPLAN_TEMPLATE_TIME_LIMIT when set, else TIME_LIMIT."""
    value = os.environ.get(TIME_LIMIT_VARIABLE, "").strip()
    if not value:
        return TIME_LIMIT
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < 1e6:  # setitimer's range; NaN fails the test too
        raise HrdplanError(
            f"{TIME_LIMIT_VARIABLE} must be a number of seconds such as 10, not {quoted(value)}"
        )
    return seconds


class TooLarge(Exception):
    """An operation whose result would be over a bound; `at` is the template file and line
    when the traceback cannot tell (the document as a whole)."""

    def __init__(self, message: str, at: tuple[str, int] | None = None) -> None:
        super().__init__(message)
        self.at = at


class TimeLimit(Exception):
    """The document took longer than its time limit."""


class Bounded(SandboxedEnvironment):
    """SandboxedEnvironment with the bounds above."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.deadline: float | None = None
        self.globals["namespace"] = BoundedNamespace
        for name, check in _FILTER_CHECKS.items():
            if name in self.filters:
                self.filters[name] = _checked(self.filters[name], check)
        lipsum = self.globals.get("lipsum")
        if callable(lipsum):
            self.globals["lipsum"] = _checked(lipsum, _lipsum)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "**":
            _power(left, right)
        elif operator == "*":
            _repeat(left, right)
        elif operator == "+" and isinstance(left, Sized) and isinstance(right, Sized):
            _size(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _percent_format(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.check_time()
        name = getattr(__obj, "__name__", "")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            if name in _WIDTH_METHODS and args:
                _number(args[0], f"{name}()")
            elif name == "replace" and len(args) >= 2:
                _replace(owner, args[0], args[1])
            elif name == "join" and args:
                _join(owner, args[0])
        for value in (*args, *kwargs.values()):
            _value(value)
        return _value(SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt: str = value.__self__

        @wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> str:
            _brace_format(fmt, args, kwargs)
            return wrapped(*args, **kwargs)

        return checked

    def check_time(self) -> None:
        """The time bound where no timer signal is available (another thread, Windows)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeLimit()

    @contextmanager
    def bounded(self, limit: float = TIME_LIMIT) -> Iterator[None]:
        """Run one document under the time bound: a timer signal where the platform has one
        (it interrupts any loop, even one that calls nothing), else the checks in the hooks."""
        self.deadline = time.monotonic() + limit
        armed = False
        previous: Any = None
        if hasattr(signal, "setitimer"):
            try:
                previous = signal.signal(signal.SIGALRM, _on_alarm)
                signal.setitimer(signal.ITIMER_REAL, limit)
                armed = True
            except ValueError:  # not the main thread: the hooks check the deadline instead
                pass
        try:
            yield
        finally:
            self.deadline = None
            if armed:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise TimeLimit()


def render_bounded(chunks: Iterator[str]) -> str:
    """The document from the template's chunks, refused once it is over MAX_OUTPUT."""
    out: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            at = _yielding(chunks)
            if isinstance(chunks, Generator):
                chunks.close()
            raise TooLarge(f"the document is over {MAX_OUTPUT:,} characters", at)
        out.append(chunk)
    return "".join(out)


def _yielding(gen: Any) -> tuple[str, int] | None:
    """The template file and line that wrote the last chunk: the innermost template frame
    of the suspended generators (Jinja keeps each compiled template in its module globals)."""
    found: tuple[str, int] | None = None
    while gen is not None and getattr(gen, "gi_frame", None) is not None:
        frame = gen.gi_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            found = (template.filename, template.get_corresponding_lineno(frame.f_lineno))
        gen = gen.gi_yieldfrom
    return found


class BoundedNamespace(Namespace):
    """namespace() whose attributes are bounded like every other value: `{% set ns.s = ns.s ~
    ns.s %}` in a loop would otherwise double a string without end."""

    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, _value(value))


# -- the checks ---------------------------------------------------------------------------------


def _size(n: int) -> None:
    if n > MAX_VALUE:
        raise TooLarge(f"a value of {n:,} items or characters is over the limit of {MAX_VALUE:,}")


def _value(value: Any) -> Any:
    if isinstance(value, str | list | tuple | dict | set):
        _size(len(value))
    elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TooLarge(f"a number of {value.bit_length():,} bits is over the limit")
    return value


def _number(value: Any, what: str) -> None:
    """A count or width: at most MAX_VALUE."""
    if isinstance(value, int) and value > MAX_VALUE:
        raise TooLarge(f"{what} of {value:,} is over the limit of {MAX_VALUE:,}")


def _power(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        bits = (abs(left).bit_length() - 1) * right
        if bits > MAX_INT_BITS:
            raise TooLarge(f"{left} ** {right} is over the limit of {MAX_INT_BITS:,} bits")


def _repeat(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TooLarge(f"a product over the limit of {MAX_INT_BITS:,} bits")
        return
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, Sized) and isinstance(times, int) and not isinstance(times, bool):
            _size(len(seq) * max(times, 0))


def _replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        _size(len(text) + count * max(len(new) - len(old), 0))


def _join(sep: Any, items: Any) -> None:
    if isinstance(sep, str) and isinstance(items, Sized):
        _size(len(sep) * len(items))
        if isinstance(items, list | tuple):
            _size(sum(len(i) for i in items if isinstance(i, str)) + len(sep) * len(items))


def _percent_format(fmt: str, args: Any) -> None:
    values = args if isinstance(args, tuple) else (args,)
    for match in _PERCENT_SPEC.finditer(fmt):
        for spec in match.groups():
            if spec == "*":
                for value in values:
                    _number(value, "a format width")
            elif spec is not None:
                _number(int(spec), "a format width")


def _brace_format(fmt: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will say what is wrong with it
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if "{" in spec:  # a width taken from the arguments
            for value in (*args, *kwargs.values()):
                _number(value, "a format width")
        for digits in _DIGITS.findall(spec):
            _number(int(digits), "a format width")


# Filters that pad, repeat or fill to a number given as an argument: checked before they run.
def _format_filter(value: Any, *args: Any, **kwargs: Any) -> None:
    if isinstance(value, str):
        _percent_format(value, tuple(kwargs.values()) or args)


def _width_first(value: Any, *args: Any, **kwargs: Any) -> None:
    for width in (*args[:1], kwargs.get("width"), kwargs.get("linecount"), kwargs.get("slices")):
        _number(width, "a width or count")
        if isinstance(width, str):
            _size(len(width) * (len(value) if isinstance(value, Sized) else 1))


def _replace_filter(value: Any, old: Any = "", new: Any = "", *args: Any, **kwargs: Any) -> None:
    _replace(str(value), old, new)


def _join_filter(value: Any, d: Any = "", *args: Any, **kwargs: Any) -> None:
    if isinstance(value, Sized):
        _join(d if isinstance(d, str) else "", list(value) if isinstance(value, list) else value)


def _lipsum(*args: Any, **kwargs: Any) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > 1000:
            raise TooLarge(f"lipsum() with {value:,} is over the limit of 1,000")


_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _width_first,
    "indent": _width_first,
    "batch": _width_first,
    "slice": _width_first,
    "wordwrap": _width_first,
    "format": _format_filter,
    "replace": _replace_filter,
    "join": _join_filter,
}


def _checked(function: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
    """`function` with `check` run on its arguments first, keeping Jinja's pass_context marks."""
    offset = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check(*args[offset:], **kwargs)
        return _value(function(*args, **kwargs))

    return checked
