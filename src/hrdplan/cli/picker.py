"""The interactive objective picker of `hrdplan new-strategy` (only at a terminal)."""

from __future__ import annotations

from collections.abc import Callable

from hrdplan.catalogue.model import Catalogue, Objective
from hrdplan.io.errors import did_you_mean

HELP = (
    "Type an objective code to add it (1.1.a), a line (1) or section (1.1) to browse,\n"
    "words to search, '-CODE' to remove one, or press Enter when done."
)


def pick(
    catalogue: Catalogue, ask: Callable[[str], str], say: Callable[[str], None]
) -> list[Objective]:
    chosen: list[Objective] = []
    say(HELP)
    for line in catalogue.lines:
        say(f"  {line.code}  {line.title.en.capitalize()}")
    while True:
        answer = ask(f"priorities [{', '.join(o.code for o in chosen) or 'none'}]> ").strip()
        if not answer:
            return chosen
        if answer.startswith("-"):
            chosen = [o for o in chosen if o.code != answer[1:].strip().lower()]
            continue
        found = catalogue.find(answer)
        if found is None:
            hits = [o for o in catalogue.search(answer) if o.selectable]
            if not hits:
                close = catalogue.suggest_codes(answer, selectable_only=True)
                say(f"nothing matches {answer!r}" + did_you_mean(close))
            for objective in hits[:15]:
                say(f"  {objective.code}  {_short(objective.text.en)}")
            continue
        if isinstance(found, Objective):
            if not found.selectable:
                say(f"{found.code} is a monitoring milestone, not selectable")
            elif found not in chosen:
                chosen.append(found)
                say(f"added {found.code}: {_short(found.text.en)}")
            continue
        if hasattr(found, "objectives"):
            for objective in found.objectives:
                if objective.selectable:
                    say(f"  {objective.code}  {_short(objective.text.en)}")
        else:
            for section in found.sections:
                say(f"  {section.code}  {section.title.en}")


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."
