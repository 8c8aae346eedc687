"""What a rule sees of one strategy file.

Rules read the parsed data rather than the validated model, so that a file with a structural
error still gets every other finding that can be computed. The accessors here skip values of the
wrong shape (the schema rule reports those) and placeholders (the placeholder rule reports those),
so that one problem gets one finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.registry import Registry
from hrdplan.io.links import hidden
from hrdplan.io.validate import Violation
from hrdplan.io.yamlio import Document, KeyPath, describe
from hrdplan.lint.model import MAX_FINDINGS_PER_RULE, Hit
from hrdplan.strategy.model import PLACEHOLDER

if TYPE_CHECKING:
    from hrdplan.strategy.loader import Loaded


def as_int(value: Any) -> int | None:
    """The value if it is a whole number. YAML reads an unquoted yes or no as a boolean, which
    Python counts as an int; here, as in the models, it is not a number."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER)


def is_blank(value: Any) -> bool:
    """Absent or empty (placeholders are not blank: they are reported as placeholders)."""
    return value is None or (isinstance(value, (str, list, dict)) and not str(value).strip("[]{} "))


def priority_name(path: KeyPath, priority: dict[Any, Any]) -> str:
    """How a message names a priority: "priority P1", or its place when it has no usable id."""
    ident = priority.get("id")
    # Not by its id when the file's text is not shown (reached through a link out of its folder).
    if isinstance(ident, str) and ident.strip() and not is_placeholder(ident) and not hidden():
        return f"priority {ident.strip()}"
    return describe(path)


def require(
    mapping: dict[Any, Any],
    key: str,
    *,
    at: KeyPath,
    missing: str,
    empty: str,
    missing_at: KeyPath | None = None,
    missing_key: bool = False,
) -> Iterator[Hit]:
    """The finding for `key` of the mapping at path `at` when it is absent (at `missing_at`,
    default the mapping) or empty (at the value, or at its key when it is null)."""
    if key not in mapping:
        yield Hit(at if missing_at is None else missing_at, missing, key=missing_key)
    elif is_blank(mapping[key]):
        yield Hit((*at, key), empty, key=mapping[key] is None)


@dataclass
class Context:
    doc: Document
    catalogue: Catalogue | None  # None when the pin is unusable (reported by HRD005)
    violations: list[Violation]  # structural problems found by the models (HRD003)
    catalogue_problem: str | None = None  # why the pin is unusable
    newest: str | None = None  # the newest version of the pinned catalogue id
    suggested: Counter[str] = field(default_factory=Counter)  # close matches looked for, by kind
    # The file as loaded: for a progress file, its strategy and the year before's file too.
    loaded: Loaded | None = None
    today: date = field(default_factory=date.today)  # which years of a strategy are past
    # What HRD601 needs to load the strategy's version at a Git revision.
    registry: Registry | None = None
    changes_base: str = "HEAD"

    def may_suggest(self, kind: str) -> bool:
        """Whether to look for close matches to an unknown name of a kind: for the first
        MAX_FINDINGS_PER_RULE of them only, since only that many findings of a rule are shown,
        and looking costs a millisecond a name (a file of 30,000 unknown codes took a minute)."""
        self.suggested[kind] += 1
        return self.suggested[kind] <= MAX_FINDINGS_PER_RULE

    @property
    def data(self) -> dict[Any, Any]:
        return self.doc.data if isinstance(self.doc.data, dict) else {}

    def get(self, key: str) -> Any:
        return self.data.get(key)

    @property
    def status(self) -> str:
        status = self.get("status")
        return status if isinstance(status, str) else "draft"

    def priorities(self) -> Iterator[tuple[KeyPath, dict[Any, Any]]]:
        """Each priority that is a mapping, with its key path."""
        priorities = self.get("priorities")
        if isinstance(priorities, list):
            for index, priority in enumerate(priorities):
                if isinstance(priority, dict):
                    yield ("priorities", index), priority

    def items(self, priority: dict[Any, Any], key: str) -> Iterator[tuple[int, dict[Any, Any]]]:
        """The mappings in one of a priority's lists (actions, indicators)."""
        values = priority.get(key)
        if isinstance(values, list):
            for index, value in enumerate(values):
                if isinstance(value, dict):
                    yield index, value

    def objective_code(self, priority: dict[Any, Any]) -> str | None:
        """The priority's objective code, if it is a real (non-placeholder) string."""
        code = priority.get("objective")
        if isinstance(code, str) and code.strip() and not is_placeholder(code):
            return code.strip()
        return None

    def marker(self, priority: dict[Any, Any]) -> int | None:
        gender = priority.get("gender")
        marker = gender.get("marker") if isinstance(gender, dict) else None
        return as_int(marker)
