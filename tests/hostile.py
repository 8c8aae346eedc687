"""A corpus of hostile and malformed YAML, generated here rather than committed, for every
command that reads YAML. Each case is a file's bytes; the tests decide what each command must do.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

from conftest import EXAMPLES

VALID = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")


def _swap(old: str, new: str) -> bytes:
    """The valid example with one line changed: odd values where real strategies have theirs."""
    assert old in VALID, old
    return VALID.replace(old, new, 1).encode()


def _billion_laughs(levels: int = 10, width: int = 10) -> bytes:
    text = 'a: &a "lol"\n'
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]\n"
    return text.encode()


def _alias_chain(length: int = 3000) -> bytes:
    """Each anchor wraps the previous one: nesting that grows through aliases, not brackets."""
    lines = ["n0: &n0 leaf"] + [f"n{i}: &n{i} [*n{i - 1}]" for i in range(1, length)]
    return ("\n".join(lines) + "\n").encode()


def _block_nesting(depth: int = 1000) -> bytes:
    keys = "".join(f"{'  ' * level}k:\n" for level in range(depth))
    return (keys + "  " * depth + "x\n").encode()


# name -> bytes of a file that is not a usable strategy. None of them may crash a command.
BROKEN: dict[str, bytes] = {
    "empty": b"",
    "only-comment": b"# nothing here\n",
    "top-level-scalar": b"just a sentence\n",
    "top-level-list": b"- a\n- b\n",
    "top-level-null": b"null\n",
    "unclosed-flow": b"priorities: [1, 2\n",
    "bad-indentation": b"a:\n  b: 1\n c: 2\n",
    "tab-indentation": b"a:\n\tb: 1\n",
    "unclosed-quote": b'title: "never closed\n',
    "undefined-alias": b"title: *nowhere\n",
    "colon-in-plain": b"title: a: b\n",
    "reserved-indicator": b"title: @home\n",
    "duplicate-keys": VALID.encode() + b"country: GH\n",
    "several-documents": VALID.encode() + b"---\nhrdplan: 2\n",
    "billion-laughs": _billion_laughs(),
    "alias-chain": _alias_chain(),
    "flow-nesting": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "block-nesting": _block_nesting(),
    "long-line": _swap("context: |", 'context: "' + "x" * 150_000 + '"\nunused: |'),
    "latin-1": _swap("title: ", "title: caf\xe9 ").replace("caf\xe9".encode(), b"caf\xe9"),
    "nul-byte": _swap("title: ", "title: a\x00b "),
    "utf-16": VALID.encode("utf-16"),
    "utf-16-be-bom": b"\xfe\xff" + VALID.encode("utf-16-be"),
    "python-object": b"title: !!python/object/apply:os.system ['echo owned > owned.txt']\n",
    "python-name": b"title: !!python/name:os.system\n",
    "unknown-tag": b"title: !secret value\n",
    "merge-key": b"base: &b {x: 1}\nother:\n  <<: *b\n",
    "complex-key": b"? [a, b]\n: c\n",
    "huge-float": _swap("hrdplan: 2", "hrdplan: 1.0e+999"),
    "nan": _swap("hrdplan: 2", "hrdplan: .nan"),
    # A number no float holds, where figures are compared (tests/test_hostile_numbers.py has
    # more, in progress files too).
    "huge-integer": _swap(
        "baseline: {value: 0, year: 2021}", f"baseline: {{value: {'9' * 4000}, year: 2021}}"
    ),
    "infinite-target": _swap(
        "target: {value: 6000, year: 2025}", "target: {value: .inf, year: 2025}"
    ),
    "yes-no": _swap("country: GH", "country: NO"),
    "octal": _swap("hrdplan: 2", "hrdplan: 010"),
    "invalid-date": _swap("- date: 2021-", "- date: 2021-02-30\n    old: 2021-"),
    "integer-keys": b"1: one\n2: two\n",
    "wrong-types": b"hrdplan: [1]\ncatalogue: {a: b}\npriorities: text\n",
}

# Valid strategies in forms a reader must accept.
ACCEPTED: dict[str, bytes] = {
    "utf-8-bom": b"\xef\xbb\xbf" + VALID.encode(),
    "crlf": VALID.replace("\n", "\r\n").encode(),
}


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write every case to folder/<name>.yaml, plus the files that are not files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in {**BROKEN, **ACCEPTED}.items():
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_bytes(data)
    paths["directory"] = folder / "directory.yaml"
    paths["directory"].mkdir()
    if hasattr(os, "mkfifo"):
        paths["fifo"] = folder / "fifo.yaml"
        os.mkfifo(paths["fifo"])
    # Sparse: over the size limit without writing megabytes.
    paths["huge"] = folder / "huge.yaml"
    with paths["huge"].open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    return paths


def not_files() -> list[str]:
    return ["directory", "huge", *(["fifo"] if hasattr(os, "mkfifo") else [])]


MEMORY_LIMIT = 1024**3  # bytes of address space for one command


def limited() -> None:
    """A subprocess's preexec_fn: the memory limit every hostile case runs under."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
