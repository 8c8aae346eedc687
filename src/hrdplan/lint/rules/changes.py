"""HRD6xx: changes to an adopted strategy — what its Git history says about the file, where
every other group reads the file alone. Git runs only for an adopted strategy inside a
repository (`ignore = ["HRD6"]` turns the group off)."""

from __future__ import annotations

from collections.abc import Iterator

from hrdplan.findings import Severity
from hrdplan.io.errors import quoted
from hrdplan.lint.context import Context
from hrdplan.lint.model import Hit
from hrdplan.lint.rule import rule


@rule(
    "HRD601",
    "unjustified-change",
    Severity.ERROR,
    "An adopted strategy's commitments changed with no `changes:` entry saying why.",
    why="""
        Once the heads of mission have endorsed a strategy, its priorities, gender markers,
        baselines and targets are what the EU and the member states committed to; Action Plan
        5.2 asks for results against them every year. A change to an adopted strategy is
        legitimate, but must say what changed and why, as the EU's results framework asks
        of an approved logframe that is edited: the `changes:` log (format 2: date, what,
        why), which the documents show as the revision history. The base is Git's HEAD (the
        last commit: what a pre-commit hook checks); set `changes-base` in hrdplan.toml
        (`origin/main` in CI) to compare with another revision.""",
    fail="""
        # since HEAD: priority P2's gender marker went from 2 to 1, and no entry says why
        changes: []
        """,
    ok="""
        changes:
          - date: 2022-03-01
            what: P2's gender marker lowered from 2 to 1.
            why: Parliament passed the Affirmative Action Bill; gender equality is no longer
              the priority's main objective, but stays a significant one.
        """,
    severity_note="only for a strategy `status: adopted` at the base revision, in a Git repository",
    open_point={
        "en": "a change to the adopted strategy's commitments not yet recorded in its revision "
        "history",
        "nl": "een wijziging van de toezeggingen van de vastgestelde strategie nog niet "
        "vastgelegd in de wijzigingsgeschiedenis",
    },
)
def unjustified_change(ctx: Context) -> Iterator[Hit]:
    """Compares an adopted strategy with its version at the base revision (`changes-base`,
    default HEAD) as `hrdplan diff` does. When a priority was added, removed or re-targeted to
    another objective, or a gender marker, a baseline, a milestone or a target changed (a
    catalogue rename applied by `migrate` is not a change of commitments), the file needs a
    `changes:` entry dated after the last entry of the base version; the finding stands at
    the first such change. Silent outside a Git repository, for a file new since the base,
    and when the base version was not adopted (drafts change freely); a repository git
    refuses (one owned by another user, not in `safe.directory`) is a finding. A format 1
    strategy has no `changes:` log: upgrade it first (`hrdplan migrate --format 2`)."""
    loaded = ctx.loaded
    if ctx.status != "adopted" or loaded is None or loaded.path is None or ctx.registry is None:
        return
    from hrdplan.review.justify import GitRefused, UnknownBase, unjustified

    try:
        found = unjustified(loaded, ctx.registry, ctx.changes_base)
    except UnknownBase:
        yield Hit(
            ("status",),
            f"changes-base {quoted(ctx.changes_base)} is not a revision of this repository: set "
            "`changes-base` in hrdplan.toml to a branch, tag or commit",
        )
        return
    except GitRefused as refusal:
        # Not silence, as outside a repository: in CI that would pass what was not checked.
        yield Hit(("status",), f"git refuses the repository ({refusal}): it cannot be compared")
        return
    if found is not None:
        change, message = found
        if ctx.get("hrdplan") == 1:
            message += "; format 1 has no `changes:` log: hrdplan migrate --format 2 first"
        yield Hit(change.path, message)
