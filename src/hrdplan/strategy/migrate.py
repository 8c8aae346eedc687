"""Re-pinning a strategy to another version of its catalogue (`hrdplan migrate`).

Only scalar values change: the `catalogue:` pin, and objective codes and instrument ids the
versions between renamed. So instead of a round-trip through a YAML library, each changed value
is replaced in the original text at the position the reader recorded, after checking that the
text there is exactly that value (plain or quoted). Everything else — comments, key order,
quoting, blank lines, line endings, a byte-order mark — stays byte for byte as the author wrote
it, which no YAML emitter guarantees.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.registry import Registry
from hrdplan.catalogue.versions import Gone, Kind, require_valid_chain, translate, walk
from hrdplan.io.errors import ExitCode, HrdplanError, Problem, printable
from hrdplan.io.yamledit import Edit, replace_scalars
from hrdplan.io.yamlio import Document, KeyPath, describe
from hrdplan.strategy.model import PLACEHOLDER


@dataclass
class Plan:
    """What migrating one strategy would do."""

    doc: Document
    source: Catalogue
    target: Catalogue
    edits: list[Edit] = field(default_factory=list)
    refusals: list[Problem] = field(default_factory=list)

    def text(self) -> str:
        """The migrated file's text."""
        return replace_scalars(self.doc, self.edits)

    def refuse(self) -> HrdplanError:
        return HrdplanError(*self.refusals, exit_code=ExitCode.FINDINGS)


def target_ref(to: str | None, pinned: Catalogue, registry: Registry) -> str:
    """The catalogue to migrate to: --to VERSION (same id), ID@VERSION, or the newest."""
    if to is None:
        return registry.newest(pinned.id).ref
    ident, at, version = to.strip().partition("@")
    if not at:
        ident, version = pinned.id, ident
    if ident != pinned.id:
        raise HrdplanError(
            f"--to {to}: the strategy pins {pinned.ref}; migrate moves between versions of one "
            f"catalogue ({pinned.id}), a successor plan needs a new strategy"
        )
    return registry.entry(f"{ident}@{version}").ref


class Migrator:
    """Plans migrations for many files, resolving (and checking) each chain of versions once."""

    def __init__(self, registry: Registry, to: str | None) -> None:
        self.registry = registry
        self.to = to
        self._chains: dict[tuple[str, str], list[Catalogue]] = {}

    def chain(self, source: Catalogue, target: Catalogue) -> list[Catalogue]:
        key = (source.ref, target.ref)
        if key not in self._chains:
            found = walk(self.registry, source, target)
            if found is None:
                require_valid_chain(self.registry, [source, target])  # a broken link first
                raise HrdplanError(
                    f"{source.ref} and {target.ref} are not one chain of versions (no "
                    "`previous:` links them), so their renames are unknown"
                )
            require_valid_chain(self.registry, found)
            self._chains[key] = found
        return self._chains[key]

    def plan(self, doc: Document, source: Catalogue) -> Plan:
        """The edits for one sound strategy (one that lint finds no error of the file group
        in: `inputs.strategy`), pinned to `source`."""
        target = self.registry.load(target_ref(self.to, source, self.registry))
        plan = Plan(doc, source, target)
        if target.ref == source.ref:
            return plan
        chain = self.chain(source, target)
        data: dict[str, Any] = doc.data
        plan.edits.append(Edit(("catalogue",), data["catalogue"], target.ref))
        for index, priority in enumerate(data.get("priorities") or []):
            path: KeyPath = ("priorities", index)
            self._code(plan, doc, chain, "objective", (*path, "objective"), priority["objective"])
            for a, action in enumerate(priority.get("actions") or []):
                for i, ident in enumerate(action.get("instruments") or []):
                    self._code(
                        plan,
                        doc,
                        chain,
                        "instrument",
                        (*path, "actions", a, "instruments", i),
                        ident,
                    )
        return plan

    def _code(
        self,
        plan: Plan,
        doc: Document,
        chain: list[Catalogue],
        kind: Kind,
        path: KeyPath,
        value: Any,
    ) -> None:
        if not isinstance(value, str) or value.lstrip().startswith(PLACEHOLDER):
            return
        if kind == "objective":
            objective = plan.source.objective(value)
            code = objective.code if objective else None
        else:
            instrument = plan.source.instrument(value)
            code = instrument.id if instrument else None
        if code is None:
            return  # not a code of the pinned version: lint reports it (HRD101, HRD105)
        result = translate(code, kind, chain)
        if isinstance(result, Gone):
            pos = doc.position(path)
            plan.refusals.append(
                Problem(
                    doc.file,
                    f"{describe(path)}: {kind} {code} is {result.reason}; choose another "
                    f"{kind} before migrating to {plan.target.ref}",
                    pos.line,
                    pos.column,
                )
            )
        elif result != code:
            plan.edits.append(Edit(path, value, result))


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff (git's a/ b/ prefixes) that `git apply` and `patch -p1` accept. The
    lines are the file's own (a patch must match them byte for byte); a file name that holds
    control or bidi characters, a quote or a backslash is quoted as git quotes it."""
    lines = difflib.unified_diff(
        _lines(before),
        _lines(after),
        _diff_path(f"a/{name}"),
        _diff_path(f"b/{name}"),
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """The lines as patch tools count them, ended by LF only: str.splitlines also breaks at
    a lone CR, form feed, NEL or U+2028, which a YAML value may hold, and the patch would not
    apply."""
    parts = text.split("\n")
    lines = [f"{part}\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _diff_path(path: str) -> str:
    """A file name for a diff header, as git writes one: quoted with C escapes (octal bytes)
    when it holds a character that would act on a terminal, a quote or a backslash."""
    if path.isprintable() and '"' not in path and "\\" not in path:
        return path
    out = []
    for char in path:
        if char in '"\\':
            out.append(f"\\{char}")
        elif printable(char) != char:
            out.append("".join(f"\\{byte:03o}" for byte in _utf8(char)))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _utf8(char: str) -> bytes:
    """A character's bytes; a file name's byte that is not UTF-8 (decoded by Python as a lone
    surrogate) is that byte again."""
    try:
        return char.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return char.encode("utf-8", "surrogatepass")
