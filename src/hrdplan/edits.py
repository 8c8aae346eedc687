"""Edits of a user's files made from checked inputs (`hrdplan.inputs`): `migrate`, and
`progress new`, `record` and `submit`. Each file is held from the read to the atomic rename
(`files.updating`), so that edits of one file take turns, and is rewritten only if it still
holds what was read. Each builds the command's settings once (`settings.build`) from the
catalogue folders given. What is done is said through `say` (stdout, a newline added unless the
text ends with one) and `warn` (stderr); a file that cannot be edited is an HrdplanError naming
it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hrdplan.io.errors import ExitCode, HrdplanError, InputError, Problem, display_path, printable

if TYPE_CHECKING:
    from hrdplan.io.files import Held
    from hrdplan.settings import Settings
    from hrdplan.strategy.migrate import Migrator

Say = Callable[[str], None]

# -- progress files ---------------------------------------------------------------------------


def new_progress(strategy: Path, year: int, *, catalogue_dirs: Sequence[Path]) -> Path:
    """The year's progress file of a sound format 2 strategy, scaffolded and written; never
    over an existing one."""
    from hrdplan import inputs
    from hrdplan.io.files import atomic_write, refuse_existing
    from hrdplan.settings import build
    from hrdplan.strategy import progress_scaffold
    from hrdplan.strategy.progress import progress_dir, progress_file

    settings = build(catalogue_dirs=catalogue_dirs)
    _, measured = inputs.measured(strategy, settings)
    outside = progress_scaffold.outside_period(measured, year)
    if outside:
        raise InputError(Problem(display_path(strategy), outside))
    target = progress_file(strategy, year)
    # No --force on purpose: a year's report is never worth replacing by a blank one.
    exists = (
        "already exists: record in it with `hrdplan progress record FILE ID ...`, "
        "or remove the file to start the year again"
    )
    refuse_existing(target, exists)
    text = progress_scaffold.progress_text(measured, strategy, year)
    # progress/ and progress/STEM/ are hrdplan's choice, below the folder the strategy is in
    # (or the one holding its strategies/ folder): real folders, never links.
    within = progress_dir(strategy).parents[1]
    atomic_write(target, text, overwrite=False, within=within, exists=exists)
    return target


def record(
    file: Path,
    ident: str,
    value: str | None,
    *,
    catalogue_dirs: Sequence[Path],
    source: str | None,
    note: str | None,
    status: str | None,
    narrative: str | None,
) -> str:
    """An indicator's value or a priority's status recorded in a progress file; the line
    saying what was done."""
    from hrdplan import inputs
    from hrdplan.io.files import updating
    from hrdplan.io.yamledit import write_back
    from hrdplan.settings import build
    from hrdplan.strategy.record import check_status, record_entry

    check_status(status)
    settings = build(catalogue_dirs=catalogue_dirs)
    name = display_path(file)
    # Held from the read to the rename: parallel records into one file take turns.
    with updating(file) as held:
        found = inputs.progress(file, name, settings)
        loaded = found.loaded
        subject = loaded.subject.doc.file if loaded.subject is not None else "its strategy"
        done = record_entry(
            loaded.doc,
            found.strategy,
            subject,
            ident,
            value,
            source=source,
            note=note,
            status=status,
            narrative=narrative,
        )
        write_back(held, name, loaded.doc.text, done.text)
    return printable(f"{name}: {done.summary()}")


@dataclass(frozen=True)
class Submitted:
    """What `progress submit` says: a line, and, when the file was not submitted, lint's
    report of the errors it would have once submitted (exit 1)."""

    line: str
    errors: str | None = None


def submit(file: Path, *, catalogue_dirs: Sequence[Path]) -> Submitted:
    """A progress file marked `status: submitted`, if lint finds no error in it as submitted."""
    from hrdplan import inputs
    from hrdplan.findings import Severity
    from hrdplan.io.files import updating
    from hrdplan.io.yamledit import write_back
    from hrdplan.lint.reporters import Report, render
    from hrdplan.lint.rules import RULES
    from hrdplan.lint.runner import lint_source
    from hrdplan.settings import build
    from hrdplan.strategy.record import submitted_text

    settings = build(catalogue_dirs=catalogue_dirs)
    name = display_path(file)
    with updating(file) as held:
        found = inputs.progress(file, name, settings)
        if found.progress.status == "submitted":
            return Submitted(printable(f"{name}: already submitted"))
        text = submitted_text(found.loaded.doc)
        findings = lint_source(text, name, settings, path=file).findings
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            report = render("text", Report(errors, [name], RULES, quiet=True))
            count = f"{len(errors)} error{'' if len(errors) == 1 else 's'}"
            line = f"{name}: error: not submitted: {count} once submitted; still a draft"
            return Submitted(printable(line), report)
        write_back(held, name, found.loaded.doc.text, text)
    return Submitted(printable(f"{name}: submitted"))


# -- migrate ----------------------------------------------------------------------------------


def migrate(
    paths: Sequence[Path],
    *,
    catalogue_dirs: Sequence[Path],
    to: str | None,
    file_format: int | None,
    dry_run: bool,
    say: Say,
    warn: Say,
) -> ExitCode:
    """Each file under paths (folders searched as lint searches them) re-pinned (`to`, or the
    newest version of its catalogue) and, with `file_format`, upgraded; one that cannot be
    read, migrated or written is reported, and the others are still migrated. The worst exit
    code."""
    from hrdplan.inputs.paths import collect
    from hrdplan.io.files import updating
    from hrdplan.settings import build
    from hrdplan.strategy.migrate import Migrator
    from hrdplan.strategy.upgrade import FORMAT

    if file_format is not None and file_format != FORMAT:
        raise HrdplanError(
            f"--format {file_format}: migrate upgrades to format {FORMAT} only "
            "(there is no going back to format 1)"
        )
    settings = build(catalogue_dirs=catalogue_dirs)
    files = collect([str(p) for p in paths], settings.found)
    # --format alone changes the format only; without it, or with --to, the pin moves too.
    migrator = Migrator(settings.registry, to) if to is not None or file_format is None else None
    worst = ExitCode.OK
    for path, name in files:
        try:
            # Held from the read to the rename: another command updating the file waits.
            with updating(path) as held:
                _migrate(
                    held,
                    name,
                    settings,
                    migrator,
                    upgrade=file_format is not None,
                    dry_run=dry_run,
                    say=say,
                    warn=warn,
                )
        except HrdplanError as err:
            for line in err.lines():
                warn(line)
            worst = max(worst, err.exit_code)
    return worst


def _migrate(
    held: Held,
    name: str,
    settings: Settings,
    migrator: Migrator | None,
    *,
    upgrade: bool,
    dry_run: bool,
    say: Say,
    warn: Say,
) -> None:
    from hrdplan import inputs
    from hrdplan.io.yamledit import write_back
    from hrdplan.io.yamlio import describe, parse
    from hrdplan.strategy.migrate import unified_diff
    from hrdplan.strategy.upgrade import FORMAT
    from hrdplan.strategy.upgrade import upgrade as upgraded

    found = inputs.strategy(held.path, name, settings)
    loaded = found.loaded
    doc = loaded.doc
    done: list[str] = []
    notes: list[str] = []
    if migrator is not None:
        plan = migrator.plan(doc, found.catalogue)
        if plan.refusals:
            raise plan.refuse()
        if not plan.edits:
            warn(printable(f"{name}: already pinned to {plan.target.ref}"))
        else:
            changes = ", ".join(
                f"{describe(e.path)} {e.old} -> {e.new}"
                for e in plan.edits
                if e.path != ("catalogue",)
            )
            done.append(
                f"{plan.source.ref} -> {plan.target.ref}" + (f" ({changes})" if changes else "")
            )
            doc = parse(plan.text(), name)
    if upgrade:
        if doc.data.get("hrdplan") == FORMAT:
            warn(printable(f"{name}: already in format {FORMAT}"))
        else:
            result = upgraded(doc)
            todo = result.placeholders
            done.append(
                f"format 1 -> {FORMAT} ({len(result.indicators)} indicators"
                + (f", {todo} placeholders to fill: hrdplan lint {name}" if todo else "")
                + ")"
            )
            doc = parse(result.text, name)
            notes.extend(result.notes)
            if not result.faithful:
                notes.append(
                    "its layout was normalised beyond the indicators (indentation, spacing); "
                    "check the diff"
                )
    if not done:
        return
    summary = ", ".join(done)
    if dry_run:
        diff = unified_diff(loaded.doc.text, doc.text, name)
        if diff:
            say(diff)
        warn(printable(f"{name}: would migrate {summary}"))
    else:
        # The file is rewritten in place on purpose, atomically, only if it still holds what
        # was read: an edit made while the catalogue chain was walked is not lost.
        write_back(held, name, loaded.doc.text, doc.text)
        say(printable(f"{name}: migrated {summary}"))
    for note in notes:
        warn(printable(f"{name}: note: {note}"))
