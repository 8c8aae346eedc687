"""Usage errors, for every command and subcommand of the tree: an unknown option, a value that
is not one of an option's choices, a missing argument or option. Each is one line on stderr in
the README's words, starting `error: `, and exit 2."""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal, get_args, get_origin

import pytest
from clitree import TREE, ids
from conftest import Run


def _params(command: Any) -> list[Any]:
    ctx: Any = command.make_context("hrdplan", ["--help"], resilient_parsing=True)
    return list(command.get_params(ctx))


def _required_arguments(command: Any) -> list[str]:
    """A value for each required argument, so that an option's error is the one reported."""
    return ["x" for p in _params(command) if p.param_type_name == "argument" and p.required]


def _choices(param: Any) -> list[str]:
    annotation = param.type_descriptor.annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    if get_origin(annotation) is Literal:
        return [str(value) for value in get_args(annotation)]
    return []


CHOICES = [
    (words, max(param.opts, key=len), _choices(param))
    for words, command in TREE
    if not hasattr(command, "list_commands")
    for param in _params(command)
    if param.param_type_name == "option" and _choices(param)
]
MISSING = [
    (words, param)
    for words, command in TREE
    if not hasattr(command, "list_commands")
    for param in _params(command)
    if param.required
]


def one_line(result: Any) -> str:
    assert result.code == 2, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Usage:" not in result.stdout and "╭" not in result.stderr
    return str(lines[0])


def test_the_tree_is_walked() -> None:
    assert {ids(w) for w, _ in TREE} >= {"hrdplan", "lint", "catalogue list", "progress new"}
    assert any(option == "--format" for _, option, _ in CHOICES)
    assert any(words == ("new-strategy",) for words, _ in MISSING)


@pytest.mark.parametrize(("words", "command"), TREE, ids=[ids(w) for w, _ in TREE])
def test_an_unknown_option(cli: Run, words: tuple[str, ...], command: Any) -> None:
    line = one_line(cli(*words, "--zzz", *_required_arguments(command)))
    assert line == "error: no such option: --zzz"


@pytest.mark.parametrize(
    ("words", "option", "choices"), CHOICES, ids=[f"{ids(w)} {o}" for w, o, _ in CHOICES]
)
def test_a_bad_choice(cli: Run, words: tuple[str, ...], option: str, choices: list[str]) -> None:
    command = dict(TREE)[words]
    line = one_line(cli(*words, *_required_arguments(command), option, "odt"))
    assert line == f"error: {option}: 'odt' is not one of {', '.join(choices)}"


@pytest.mark.parametrize(
    ("words", "param"), MISSING, ids=[f"{ids(w)} {p.name}" for w, p in MISSING]
)
def test_a_missing_argument_or_option(cli: Run, words: tuple[str, ...], param: Any) -> None:
    # Every other required option is given, and the arguments before this one (arguments are
    # positional: one given after it would take its place).
    given: list[str] = []
    params = _params(dict(TREE)[words])
    for index, other in enumerate(params):
        if other is param or not other.required:
            continue
        if other.param_type_name == "option":
            given += [max(other.opts, key=len), "1"]
        elif index < params.index(param):
            given.append("x")
    line = one_line(cli(*words, *given))
    if param.param_type_name == "argument":
        assert line.startswith(f"error: missing argument {param.metavar or param.name.upper()}")
        assert f"(usage: hrdplan {' '.join(words)} [OPTIONS]" in line
    else:
        assert line == f"error: missing option {max(param.opts, key=len)}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("lint", "--fromat", "json"), "error: no such option: --fromat; did you mean --format?"),
        (("lnt",), "error: no such command 'lnt'; did you mean lint?"),
        (("catalogue", "lsit"), "error: no such command 'lsit'; did you mean list?"),
        (("lint", "--color"), "error: --color needs a value"),
        (("progress", "new", "x.yaml", "--year", "abc"), "error: --year: expected a whole number"),
        (("rule", "HRD101", "HRD102"), "error: unexpected extra argument 'HRD102'"),
    ],
)
def test_in_our_words(cli: Run, args: tuple[str, ...], expected: str) -> None:
    assert one_line(cli(*args)).startswith(expected)


def test_a_group_without_a_command_shows_its_help(cli: Run) -> None:
    result = cli("catalogue")
    assert result.code == 2
    assert "list" in result.stdout and "error" not in result.stderr


def test_the_console_script_says_the_same(run: Run) -> None:
    result = run("render", "x.yaml", "--format", "odt")
    assert result.code == 2
    assert result.stderr.startswith("error: --format: 'odt' is not one of md, html, ")
    assert result.stderr.count("\n") == 1


def test_an_unknown_option_is_suggested_as_every_other_name(cli: Run) -> None:
    # Half alike (difflib's ratio 0.5) is close enough for every did-you-mean of hrdplan's
    # (`io.suggest`); click's own cutoff (0.6) offered nothing here.
    result = cli("lint", "--sxyzwt", "x.yaml")
    assert result.code == 2
    assert (
        result.stderr.strip() == "error: no such option: --sxyzwt; did you mean --select, --strict?"
    )
