"""The interactive objective picker of `hrdplan new-strategy` (only at a terminal).

Two halves: `Picker` is the picker's little command language (browse, search, add, remove,
show, help) working on plain strings, and `pick` runs it at a prompt_toolkit prompt, which
gives line editing, arrow keys, history and Tab completion. prompt_toolkit is imported inside
`pick` only: no other command pays for loading it.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from hrdplan.catalogue.model import Catalogue, LineOfAction, Objective, Section, fold
from hrdplan.io.errors import printable, printable_lines
from hrdplan.io.suggest import did_you_mean
from hrdplan.io.text import shorten

if TYPE_CHECKING:
    from prompt_toolkit.completion import Completer
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

HELP = """\
Choose the objectives this strategy makes its priorities:
  1.1.a 2.2.c     add objectives by code (Tab completes codes)
  -1.1.a          remove one (or: remove 1.1.a)
  1   1.1         browse a line of action, a section
  lines           the lines of action
  words           search the English and Dutch texts, codes and tags (or: /words)
  show 1.1.a      an objective's full text, English and Dutch (or: 1.1.a?)
  show 1.1        every objective of a section in full
  chosen          what you have chosen so far
  done            write the strategy (or: Enter on an empty line)
  ? or help       this help
  quit            cancel, nothing is written (or: Ctrl-C, Ctrl-D)
Up and Down recall what you typed before."""

COMMANDS = ("chosen", "done", "help", "lines", "quit", "remove", "show")
_CANCEL = frozenset({"quit", "exit", "cancel", "q"})
_CODE = re.compile(r"^[1-9](\.[1-9]\d*(\.[a-z])?)?$")
_YES = frozenset({"y", "yes", "j", "ja"})

Outcome = Literal["continue", "done"]


class Cancelled(Exception):
    """The user left the picker (Ctrl-C, Ctrl-D, `quit`): nothing is to be written."""


class Picker:
    """The picker's commands on plain text: one answer in, lines said back."""

    def __init__(
        self,
        catalogue: Catalogue,
        say: Callable[[str], None],
        width: int = 100,
        chosen: Iterable[Objective] = (),
    ) -> None:
        self.catalogue = catalogue
        self.say = say
        self.width = max(width, 40)
        self.chosen: list[Objective] = list(chosen)

    # -- the command language ---------------------------------------------------------------

    def handle(self, answer: str) -> Outcome:
        """Act on one answer; "done" when the user asks to finish."""
        answer = answer.strip()
        words = answer.split()
        if not words:
            return "done"
        head, rest = words[0].lower(), words[1:]
        if answer.startswith("/"):
            self.search(answer[1:])
        elif head in ("?", "help", "h") and not rest:
            self.say(HELP)
        elif head in _CANCEL and not rest:
            raise Cancelled
        elif head == "done" and not rest:
            return "done"
        elif head == "lines" and not rest:
            self.lines()
        elif head in ("chosen", "list") and not rest:
            self.show_chosen()
        elif head == "show" or (len(words) == 1 and head[-1] == "?" and _CODE.match(head[:-1])):
            codes = rest if head == "show" else [head[:-1]]
            if not codes:
                self.show_chosen(full=True)
            for code in codes:
                self.show(code)
        elif head in ("remove", "rm") and rest:
            for code in rest:
                self.remove(code)
        elif all(_CODE.match(w.removeprefix("-").lower()) for w in words):
            for word in words:
                if word.startswith("-"):
                    self.remove(word[1:])
                else:
                    self.choose(word)
        else:
            self.search(answer)
        return "continue"

    def choose(self, code: str) -> None:
        found = self._find(code)
        if isinstance(found, LineOfAction | Section):
            self.browse(found)
        elif isinstance(found, Objective):
            if not found.selectable:
                self.say(f"{found.code} is a monitoring milestone of 5.2, not a priority")
            elif found in self.chosen:
                self.say(f"{found.code} is already chosen (-{found.code} removes it)")
            else:
                self.chosen.append(found)
                self.say(f"added {self._row(found, marker=False).lstrip()}")

    def remove(self, code: str) -> None:
        found = self._find(code)
        if isinstance(found, Objective) and found in self.chosen:
            self.chosen.remove(found)
            self.say(f"removed {found.code}")
        elif found is not None:
            self.say(f"{found.code} is not chosen")

    def lines(self) -> None:
        self.say("Lines of action (type a number to browse it):")
        for line in self.catalogue.lines:
            self.say(f"  {line.code}  {line.title.en.capitalize()}{self._count(line.sections)}")

    def browse(self, found: LineOfAction | Section) -> None:
        if isinstance(found, LineOfAction):
            self.say(f"{found.code}  {found.title.en.capitalize()}")
            for section in found.sections:
                self.say(self._wrap(f"{section.code}  {section.title.en}{self._count([section])}"))
            return
        self.say(f"{found.code}  {found.title.en}")
        for objective in found.objectives:
            self.say(self._row(objective))
        self.say(f"(show {found.code} prints these in full; type codes to add them)")

    def search(self, query: str) -> None:
        hits = self.catalogue.search(query)
        if not hits:
            self.say(f"nothing matches {printable(query.strip())!r}; ? shows what you can type")
            return
        self.say(f"{len(hits)} objective{'s' if len(hits) != 1 else ''} match:")
        for objective in hits:
            self.say(self._row(objective, query=query))

    def show(self, code: str) -> None:
        found = self._find(code)
        if isinstance(found, LineOfAction):
            self.browse(found)
        elif isinstance(found, Section):
            self.say(f"{found.code}  {found.title.en}")
            for objective in found.objectives:
                self._full(objective)
        elif isinstance(found, Objective):
            self._full(found)

    def show_chosen(self, *, full: bool = False) -> None:
        if not self.chosen:
            self.say("nothing chosen yet")
        for objective in self.chosen:
            if full:
                self._full(objective)
            else:
                self.say(self._row(objective, marker=False))

    def prompt(self) -> str:
        codes = " ".join(o.code for o in self.chosen)
        return f"priorities [{codes or 'none'}]> "

    # -- helpers ------------------------------------------------------------------------------

    def _find(self, code: str) -> Objective | Section | LineOfAction | None:
        found = self.catalogue.find(code)
        if found is None:
            close = self.catalogue.suggest_codes(code)
            self.say(f"no objective, section or line {printable(code)!r}{did_you_mean(close)}")
        return found

    def _count(self, sections: Iterable[Section]) -> str:
        pool = [o for s in sections for o in s.objectives if o.selectable]
        picked = sum(o in self.chosen for o in pool)
        return f"  ({len(pool)} objectives{f', {picked} chosen' if picked else ''})"

    def _row(self, objective: Objective, *, marker: bool = True, query: str = "") -> str:
        """One objective on one line, cut to the terminal (`show CODE` gives it in full)."""
        text = objective.text.en
        if query and not all(w in fold(text) for w in fold(query).split()):
            text = objective.text.nl  # the hit is in the Dutch text: show that
        mark = ""
        if marker:
            mark = (
                "[x] " if objective in self.chosen else "[ ] " if objective.selectable else " -  "
            )
        if not objective.selectable:
            text = "(milestone) " + text
        head = f"  {mark}{objective.code}  "
        # A terminal row: "…" takes one column where "..." would take three.
        return head + shorten(text, self.width - len(head), ellipsis="…")

    def _full(self, objective: Objective) -> None:
        state = (
            "chosen"
            if objective in self.chosen
            else "not chosen"
            if objective.selectable
            else "a monitoring milestone, not selectable"
        )
        self.say(f"{objective.code}  ({state}; tags: {', '.join(objective.tags)})")
        for lang in ("en", "nl"):
            self.say(self._wrap(f"{lang}: {' '.join(objective.text[lang].split())}", "    "))

    def _wrap(self, text: str, indent: str = "  ") -> str:
        return "\n".join(
            textwrap.wrap(
                text,
                self.width,
                initial_indent=indent,
                subsequent_indent=indent + "    ",
                break_on_hyphens=False,  # "EU-beschermingsmechanismen" stays one word
            )
        )


def pick(
    catalogue: Catalogue,
    *,
    say: Callable[[str], None] = print,
    input: Input | None = None,
    output: Output | None = None,
    width: int | None = None,
) -> list[Objective]:
    """Ask for the strategy's priorities at the terminal; raise `Cancelled` if the user leaves.

    `input` and `output` default to the terminal; tests pass prompt_toolkit's pipe input.
    """
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory

    columns = width or min(shutil.get_terminal_size().columns, 110)
    # Everything the picker says quotes the catalogue, an organisation's own text perhaps:
    # controls shown escaped, line breaks kept.
    picker = Picker(catalogue, lambda text: say(printable_lines(text)), columns)
    session: PromptSession[str] = PromptSession(
        input=input,
        output=output,
        completer=_completer(picker),
        auto_suggest=AutoSuggestFromHistory(),
        bottom_toolbar=" ? help · Tab completes · Enter on an empty line: done · Ctrl-D: cancel",
    )
    say("Choose the priorities: type codes, words to search, a number to browse, ? for help.")
    picker.lines()
    while True:
        try:
            answer = session.prompt(picker.prompt())
            if picker.handle(answer) == "continue":
                continue
            if picker.chosen:
                say(f"priorities: {' '.join(o.code for o in picker.chosen)}")
                return picker.chosen
            # A session of its own: no completion of codes, and "y" stays out of the history.
            confirm = PromptSession[str](input=input, output=output).prompt(
                "Nothing chosen: write the strategy with placeholder priorities? [y/N] "
            )
            if confirm.strip().lower() in _YES:
                return []
            say("Then choose some: type codes, words to search, or ? for help.")
        except (KeyboardInterrupt, EOFError):
            raise Cancelled from None


def _completer(picker: Picker) -> Completer:
    """Tab completion of commands and codes (with the start of their text), built here so
    that prompt_toolkit is imported only when the picker runs."""
    from prompt_toolkit.completion import CompleteEvent, Completer, Completion
    from prompt_toolkit.document import Document

    class _Codes(Completer):
        def get_completions(
            self, document: Document, complete_event: CompleteEvent
        ) -> Iterator[Completion]:
            before = document.text_before_cursor
            word = before.split()[-1] if before and not before[-1].isspace() else ""
            first = not before[: len(before) - len(word)].strip()
            removing = word.startswith("-") or before.lstrip().lower().startswith(("remove", "rm "))
            stem = word.lstrip("-").lower()
            if first and not word.startswith("-"):
                for command in COMMANDS:
                    if command.startswith(stem):
                        yield Completion(command, -len(word))
            pool = picker.chosen if removing else picker.catalogue.objectives()
            for objective in pool:
                if objective.code.startswith(stem) and (removing or objective.selectable):
                    yield Completion(
                        objective.code,
                        -len(stem),
                        display_meta=printable(" ".join(objective.text.en.split())[:60]),
                    )

    return _Codes()
