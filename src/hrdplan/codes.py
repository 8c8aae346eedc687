"""Exit codes shared by every command (see DESIGN.md, "The commands")."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # lint found errors (or warnings with --strict); migrate refused
    USAGE = 2  # bad usage, missing path, bad config, unreadable or unparseable input
