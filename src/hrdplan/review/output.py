"""The outputs of `hrdplan diff`: text for a terminal, JSON for scripts (documented in the
README, schema in schemas/diff.schema.json), Markdown for a pull-request comment."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from hrdplan.review.diff import ITEMS, LABELS, Change, Comparison
from hrdplan.review.words import Segment

if TYPE_CHECKING:
    from rich.console import Console

Format = Literal["text", "json", "markdown"]
JSON_VERSION = 1
# Words of unchanged text kept either side of a change in the text and Markdown outputs (the
# JSON keeps every word).
CONTEXT_WORDS = 8

Role = Literal["plain", "name", "old", "new", "note"]


def label(change: Change) -> str:
    return LABELS.get(change.what, change.what.rsplit(".", 1)[-1].replace("_", " "))


def pieces(change: Change) -> list[tuple[str, Role]]:
    """A change as a line of pieces: our words (plain) and the file's (the rest), which each
    output escapes in its own way."""
    name = label(change)
    out: list[tuple[str, Role]] = [(change.subject, "name")]
    old, new = _one_line(change.old), _one_line(change.new)
    if change.what in ITEMS:
        out.append((f" {change.kind}", "plain"))
        shown = new if change.kind == "added" else old
        if shown:
            out += [(": ", "plain"), (shown, "new" if change.kind == "added" else "old")]
    else:
        if name != change.subject:
            out.append((f" {name}", "plain"))
        if change.words:
            out.append((" reworded", "plain"))
        elif change.kind in ("changed", "renamed"):
            out += [(": ", "plain"), (old, "old"), (" -> ", "plain"), (new, "new")]
        elif change.kind == "added":
            out += [(" added: ", "plain"), (new, "new")]
        else:
            out += [(" removed: ", "plain"), (old, "old")]
    if change.note:
        out.append((f" ({change.note})", "note"))
    return out


def _one_line(value: str | None) -> str:
    """A value on the change's one line: the line breaks of a YAML block are the author's
    wrapping."""
    return " ".join((value or "").split())


def elided(segments: Sequence[Segment], context: int = CONTEXT_WORDS) -> list[Segment]:
    """The word diff with long unchanged runs cut to a few words either side of a change."""
    out: list[Segment] = []
    for index, segment in enumerate(segments):
        if segment.op != "equal":
            out.append(segment)
            continue
        words = segment.text.split(" ")
        first, last = index == 0, index == len(segments) - 1
        keep_head = 0 if first else context
        keep_tail = 0 if last else context
        if len(words) <= keep_head + keep_tail + 1:
            out.append(segment)
            continue
        head = " ".join(words[:keep_head])
        tail = " ".join(words[len(words) - keep_tail :]) if keep_tail else ""
        text = (head + " " if head else "") + "…" + (" " + tail if tail else " ")
        out.append(Segment("equal", text))
    return out


# -- text ---------------------------------------------------------------------------------------


def text(comparisons: Sequence[Comparison], console: Console) -> None:
    from rich.text import Text

    from hrdplan.io.errors import printable

    plain = console.color_system is None
    styles: dict[Role, str] = {"plain": "", "name": "bold", "old": "red", "new": "green"}
    styles["note"] = "dim"
    for comparison in comparisons:
        head = Text()
        head.append(printable(_title(comparison)), style="bold")
        head.append(f": {_counts(comparison)}")
        if (comparison.justification or "").startswith("not needed"):
            head.append(f"; justification {comparison.justification}")
        console.print(head, soft_wrap=True)
        for change in comparison.changes:
            line = Text(f"  {change.line}:{change.column}  ")
            if change.commitment:
                line.append("* ", style="yellow")
            for piece, role in pieces(change):
                line.append(printable(piece), style=styles[role])
            console.print(line, soft_wrap=True)
            if change.words:
                words = Text("      ")
                segments = elided(change.words)
                for index, segment in enumerate(segments):
                    shown = printable(segment.text)
                    following = segments[index + 1].op if index + 1 < len(segments) else None
                    if segment.op == "delete" and following == "insert":
                        shown = shown.rstrip()  # [-old-]{+new+}, as git's word diff
                    if segment.op == "equal":
                        words.append(shown)
                    elif segment.op == "delete":
                        words.append(f"[-{shown.rstrip()}-]" if plain else shown.rstrip(), "red")
                        words.append(shown[len(shown.rstrip()) :])
                    else:
                        words.append(
                            f"{{+{shown.rstrip()}+}}" if plain else shown.rstrip(), "green"
                        )
                        words.append(shown[len(shown.rstrip()) :])
                console.print(words, soft_wrap=True)
        if comparison.unjustified is not None:
            change = comparison.unjustified
            console.print(
                Text(
                    printable(
                        f"  {change.line}:{change.column}  no `changes:` entry justifies the "
                        "change of commitments (marked *)"
                    ),
                    style="bold red",
                ),
                soft_wrap=True,
            )


def _title(comparison: Comparison) -> str:
    if comparison.old_name == comparison.new_name:
        return comparison.new_name
    return f"{comparison.old_name} -> {comparison.new_name}"


def _counts(comparison: Comparison, mark: str = "*") -> str:
    status = comparison.status
    if status in ("added", "removed"):
        return f"strategy {status}"
    if status == "unchanged":
        return "no changes"
    n, c = len(comparison.changes), len(comparison.commitments)
    return f"{n} change{'s' * (n != 1)}" + (f", {c} to commitments ({mark})" if c else "")


# -- JSON ---------------------------------------------------------------------------------------


def json_data(
    comparisons: Sequence[Comparison], unjustified: Sequence[str | None]
) -> dict[str, Any]:
    """The JSON output (schemas/diff.schema.json); `unjustified` holds, per comparison, the
    message for a change that needs a `changes:` entry, or None."""
    files = []
    for comparison, message in zip(comparisons, unjustified, strict=True):
        missing = comparison.unjustified
        files.append(
            {
                "old": _side(comparison.old_name, comparison.old),
                "new": _side(comparison.new_name, comparison.new),
                "status": comparison.status,
                "changes": [_change(c) for c in comparison.changes],
                "justification": comparison.justification,
                "unjustified": None
                if missing is None or message is None
                else {"line": missing.line, "column": missing.column, "message": message},
            }
        )
    return {
        "version": JSON_VERSION,
        "files": files,
        "summary": {
            "files": sum(1 for c in comparisons if c.status != "unchanged"),
            "changes": sum(len(c.changes) for c in comparisons),
            "commitments": sum(len(c.commitments) for c in comparisons),
            "unjustified": sum(1 for c in comparisons if c.unjustified is not None),
        },
    }


def _side(name: str, loaded: Any) -> dict[str, Any] | None:
    if loaded is None:
        return None
    strategy = loaded.strategy
    return {
        "file": name,
        "format": strategy.hrdplan,
        "catalogue": strategy.catalogue.strip(),
        "status": strategy.status,
    }


def _path(path: tuple[str | int, ...] | None) -> str | None:
    from hrdplan.io.yamlio import describe

    return None if path is None else describe(path)


def _change(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "what": change.what,
        "subject": change.subject,
        "old": change.old,
        "new": change.new,
        "path": _path(change.path),
        "line": change.line,
        "column": change.column,
        "old_path": _path(change.old_path),
        "old_line": change.old_line,
        "old_column": change.old_column,
        "commitment": change.commitment,
        "note": change.note,
        "words": [{"op": s.op, "text": s.text} for s in change.words] if change.words else None,
    }


# -- Markdown -----------------------------------------------------------------------------------


def markdown(comparisons: Sequence[Comparison], unjustified: Sequence[str | None]) -> str:
    """A pull-request comment: a summary table, then each file's changes in a <details> block
    that folds. Every text from a file is escaped (io.text.markdown): it cannot make a
    link, break the table or close the block."""
    from hrdplan.io.text import code_span
    from hrdplan.io.text import markdown as md

    lines = ["## Strategy changes (hrdplan diff)", ""]
    shown = [c for c in comparisons if c.status != "unchanged"]
    if not shown:
        return "\n".join([*lines, "No strategy changed.", ""])
    lines += [
        "| strategy | status | changes | commitments | justification |",
        "|---|---|---|---|---|",
    ]
    for comparison, message in zip(comparisons, unjustified, strict=True):
        if comparison.status == "unchanged":
            continue
        missing, why = comparison.unjustified, comparison.justification or "—"
        if missing is not None:
            why = f"**missing** (line {missing.line})"
        del message
        lines.append(
            f"| {code_span(comparison.new_name)} | {comparison.status} | "
            f"{len(comparison.changes)} | {len(comparison.commitments)} | {why} |"
        )
    lines.append("")
    for comparison, message in zip(comparisons, unjustified, strict=True):
        if comparison.status == "unchanged":
            continue
        summary = html.escape(_title(comparison), quote=True)
        lines += ["<details>", f"<summary>{summary}: {_counts(comparison, '⚑')}</summary>", ""]
        if message is not None and comparison.unjustified is not None:
            where = comparison.unjustified
            lines += [f"> **Line {where.line}:{where.column}**: {md(message)}", ""]
        for change in comparison.changes:
            star = " ⚑" if change.commitment else ""
            body = "".join(_md_piece(p, role) for p, role in pieces(change))
            lines.append(f"- line {change.line}{star}: {body}")
            if change.words:
                lines.append(f"  > {_md_words(change.words)}")
        lines += ["", "</details>", ""]
    lines.append("⚑ a change of the strategy's commitments (a `changes:` entry justifies it)")
    return "\n".join(lines) + "\n"


def _md_piece(piece: str, role: Role) -> str:
    from hrdplan.io.text import markdown as md

    if role == "plain":
        return md(piece)
    if not piece.strip():
        return md(piece)
    text = md(piece.strip())
    if role == "old":
        return f"~~{text}~~"
    if role == "new":
        return f"**{text}**"
    if role == "name":
        return f"*{text}*"
    return md(piece)


def _md_words(segments: Sequence[Segment]) -> str:
    from hrdplan.io.text import markdown as md

    out = []
    for segment in elided(segments):
        body = segment.text.strip()
        if not body:
            out.append(" ")
            continue
        space = " " if segment.text != segment.text.rstrip() else ""
        if segment.op == "equal":
            out.append(md(segment.text))
        elif segment.op == "delete":
            out.append(f"~~{md(body)}~~{space}")
        else:
            out.append(f"**{md(body)}**{space}")
    return "".join(out).strip()
