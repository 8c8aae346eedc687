"""The Jinja2 environment: one kind for shipped and user templates alike.

Every template runs sandboxed (a template from --template-dir is code someone else wrote), with
StrictUndefined (a misspelt variable is an error, not an empty string), and escapes every value
it prints: HTML through autoescape, Markdown through `finalize`. A template failure becomes one
line naming the template and its line (exit 2).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from hrdplan.io import text as escaping
from hrdplan.io.errors import InputError, Problem, display_path, quoted
from hrdplan.io.files import shipped_dir
from hrdplan.render import text

if TYPE_CHECKING:
    from markupsafe import Markup

Format = Literal["md", "html"]
LABELS_FILE = "labels.json"


@cache
def labels() -> dict[str, dict[str, Any]]:
    """The labels of the shipped templates, per language."""
    from hrdplan.io.locale import month_abbreviations

    data: dict[str, dict[str, Any]] = json.loads(
        (shipped_dir("templates") / LABELS_FILE).read_text(encoding="utf-8")
    )
    for lang, words in data.items():
        words["months"] = month_abbreviations(lang)  # CLDR's, as dates are written
    return data


class Templates:
    """Renders the templates of one format, from --template-dir first, then the shipped ones."""

    def __init__(self, fmt: Format, template_dir: Path | None = None) -> None:
        from jinja2 import StrictUndefined, pass_context

        from hrdplan.render.loader import FolderLoader
        from hrdplan.render.sandbox import Bounded

        folders = [shipped_dir("templates")]
        if template_dir is not None:
            if not template_dir.is_dir():
                raise InputError(Problem(display_path(template_dir), "template folder not found"))
            folders.insert(0, template_dir)
        self.fmt = fmt
        self.env = Bounded(
            loader=FolderLoader(folders),
            undefined=StrictUndefined,
            autoescape=fmt == "html",
            finalize=_markdown_finalize if fmt == "md" else None,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self.env.filters["number"] = _number
        self.env.filters["decimal"] = pass_context(_decimal)
        self.env.filters["percent"] = pass_context(_percent)
        self.env.filters["css_string"] = _css_string
        self.env.filters["marking"] = _marking
        self.env.filters["code"] = _markdown_code if fmt == "md" else _html_code
        self.env.filters["value"] = _markdown_value if fmt == "md" else _html_value

    def render(self, name: str, **context: Any) -> str:
        """Render `<name>.<fmt>.j2` within the sandbox's bounds; TemplateFailure naming the
        template and line on failure."""
        from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

        from hrdplan.render.loader import TemplateRefused
        from hrdplan.render.sandbox import TimeLimit, TooLarge, render_bounded, time_limit

        template_name = f"{name}.{self.fmt}.j2"
        shown = template_name  # the template's file once it is found
        limit = time_limit()  # before the try: a bad setting is not the template's failure
        try:
            with self.env.bounded(limit):
                template = self.env.get_template(template_name)
                shown = _template_file(template.filename, template_name)
                return render_bounded(template.generate(**context))
        except TemplateSyntaxError as exc:
            # Jinja's lexer reports an unclosed raw block or comment with the template's file
            # as its name and no file name: the file all the same.
            lexed = exc.name if exc.name and Path(exc.name).is_absolute() else None
            filename = exc.filename or lexed
            raise TemplateFailure(
                Problem(_template_file(filename, template_name), exc.message or "", exc.lineno)
            ) from None
        except TemplateRefused as exc:
            file, line = _where(exc.__traceback__, "")
            if not file:  # the template itself, not one it includes
                raise TemplateFailure(Problem(exc.path or template_name, exc.reason)) from None
            raise TemplateFailure(Problem(file, f"template error: {exc}", line)) from None
        except TemplateNotFound as exc:
            file, line = _where(exc.__traceback__, "")
            missing = str(exc.name or template_name)
            if not file:
                raise TemplateFailure(Problem(missing, "template not found")) from None
            raise TemplateFailure(
                Problem(file, f"template error: template {quoted(missing)} not found", line)
            ) from None
        except (TooLarge, TimeLimit, RecursionError, MemoryError) as exc:
            # Bounds that depend on how large the document is: the other documents may still
            # render, so this one fails alone.
            file, line = _where(exc.__traceback__, shown)
            if isinstance(exc, TooLarge) and exc.at is not None:
                file, line = display_path(exc.at[0]), exc.at[1]
            message = {
                TimeLimit: f"took longer than {limit:g} seconds",
                RecursionError: "calls nest too deeply (a macro that calls itself without end?)",
                MemoryError: "out of memory",
            }.get(type(exc), str(exc))
            raise TemplateFailure(
                Problem(file, f"template error: {message}", line), per_document=True
            ) from None
        except TemplateError as exc:  # undefined variable, sandbox refusal
            file, line = _where(exc.__traceback__, template_name)
            raise TemplateFailure(Problem(file, f"template error: {_said(exc)}", line)) from None
        except Exception as exc:  # whatever a user's template raises is its failure
            file, line = _where(exc.__traceback__, template_name)
            raise TemplateFailure(Problem(file, f"template error: {_said(exc)}", line)) from None


class TemplateFailure(InputError):
    """A template that failed: the same for every document (fatal for a batch), unless
    `per_document` (a bound that depends on the document's size)."""

    def __init__(self, problem: Problem, *, per_document: bool = False) -> None:
        super().__init__(problem)
        self.per_document = per_document


def _markdown_finalize(value: Any) -> Any:
    """Every value a Markdown template prints is literal text unless marked safe."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, bool | int | float):
        return value
    return escaping.markdown(value)


def _number(value: float) -> Markup:
    """`{{ share|number }}`: a share for CSS and SVG, whatever the language: a point, no
    grouping, no trailing .0 (85, 62.5); nothing to escape. For a reader: `decimal`."""
    from markupsafe import Markup

    return Markup(f"{float(value):.1f}".removesuffix(".0"))


def _decimal(context: Any, value: float, lang: str | None = None) -> Markup:
    """`{{ share|decimal }}`: a number for the reader, with the decimal mark of the labels'
    language (`number` is for CSS and SVG, which take a point). A macro of an imported
    template does not see the caller's `t`: it says the language, `decimal(t.lang)`."""
    from markupsafe import Markup

    from hrdplan.io.locale import decimal

    lang = lang or str(context.get("t", {}).get("lang", "en"))
    return Markup(decimal(value, lang))


def _percent(context: Any, value: float, lang: str | None = None) -> Markup:
    """`{{ share|percent }}`: a share given in percent (62.5) as the labels' language writes a
    percentage: 62.5% in English, 62,5% in Dutch, 62,5 % in French. Like `decimal`, a macro
    of an imported template says the language: `percent(t.lang)`."""
    from markupsafe import Markup

    from hrdplan.io.locale import percent

    lang = lang or str(context.get("t", {}).get("lang", "en"))
    return Markup(percent(value, lang))


def _marking(classification: Any) -> str:
    """`{{ classification|marking }}`: the EU marking of a classification (render/markings)."""
    from hrdplan.render.markings import marking_text

    return marking_text(str(classification))


def _css_string(value: Any) -> Markup:
    from markupsafe import Markup

    return Markup(text.css_string(value))


def _markdown_code(value: Any) -> Markup:
    """`{{ value|code }}` in Markdown: a code span that no backtick in the value can end."""
    from markupsafe import Markup

    return Markup(escaping.code_span(str(value)))


def _html_code(value: Any) -> Markup:
    """`{{ value|code }}` in HTML: the value, escaped, in a <code> element."""
    from markupsafe import Markup, escape

    return Markup("<code>%s</code>") % escape(escaping.inline(str(value)))


def value_text(value: Any, t: Any) -> str:
    """A format 2 value (`parts.Value`) in the labels' language: the value as measures
    writes it (with the language's decimal mark), yes or no, or "not yet written" for a
    placeholder; "" for none."""
    if getattr(value, "placeholder", False):
        return str(t["not_written"])
    flag = getattr(value, "flag", None)
    if flag is not None:
        return str(t["yes" if flag else "no"])
    from hrdplan.io.locale import local_number

    return local_number(str(getattr(value, "text", "")), str(t.get("lang", "en")))


def _value(value: Any, t: Any, with_year: bool, escape: Any) -> Markup:
    from markupsafe import Markup

    shown = value_text(value, t)
    year = getattr(value, "year", None)
    if not shown:
        return Markup("")
    suffix = f" ({int(year)})" if with_year and year is not None else ""
    return Markup(str(escape(shown)) + suffix)


def _markdown_value(value: Any, t: Any, with_year: bool = True) -> Markup:
    """`{{ v|value(t) }}` in Markdown: the value and its year, escaped."""
    return _value(value, t, with_year, escaping.markdown)


def _html_value(value: Any, t: Any, with_year: bool = True) -> Markup:
    """`{{ v|value(t) }}` in HTML: the value and its year, escaped."""
    from markupsafe import escape

    return _value(value, t, with_year, escape)


# The most of an exception's own words a template failure shows: they may quote whatever the
# template looked up (a strategy's text as a key), and a message is one line.
_SAID_WIDTH = 200


def _said(exc: BaseException) -> str:
    from hrdplan.io.text import shorten

    return shorten(str(exc), _SAID_WIDTH) or type(exc).__name__


def _template_file(filename: str | None, fallback: str) -> str:
    return display_path(filename) if filename else fallback


def _where(tb: TracebackType | None, fallback: str) -> tuple[str, int | None]:
    """The template file and line a failure happened at: Jinja rewrites the traceback so that
    its frames carry the template's file name and line."""
    found: tuple[str, int | None] = (fallback, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (display_path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found
