"""YAML mistakes in plain words, at the line to fix: booleans where numbers or text belong,
nesting measured on the parser's events, stdin under the same contract as files, and
libyaml's and pydantic's messages translated for the people who write strategies."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, HRDPLAN, Run
from lintutil import at, lint, only

from hrdplan.io import yamlio
from hrdplan.io.errors import InputError

GHANA = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
# Format 1 (free-text baselines): the example kept in format 1.
TUNISIA = (EXAMPLES / "tn-2021-2025.yaml").read_text(encoding="utf-8")


def swap(old: str, new: str, text: str = GHANA) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def parse_problem(text: str) -> tuple[str, int | None, int | None]:
    with pytest.raises(InputError) as info:
        yamlio.parse(text, "s.yaml")
    (problem,) = info.value.problems
    assert not isinstance(problem, str)
    return problem.message, problem.line, problem.column


# -- booleans where a number, a date or text is expected ----------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "quote"),
    [
        ("baseline: {value: 0, year: 2021}", "baseline: no", "no", True),
        ("target: ", "target: yes #", "yes", True),
        ("start: 2021", "start: yes", "yes", False),
        ("end: 2025", "end: off", "off", False),
        ("marker: 2", "marker: yes", "yes", False),
        ("- date: 2021-", "- date: on\n    old: 2021-", "on", False),
        ("member_states: [DE,", "member_states: [NO, DE,", "NO", True),
        ("disaggregation: [sex", "disaggregation: [no, sex", "no", True),
        ("instruments: [", "instruments: [yes, ", "yes", True),
        ("title: ", "title: yes #", "yes", True),
        ("gender:\n", "gender: no\n    unused:\n", "no", False),
    ],
    ids=[
        "baseline",
        "target",
        "period.start",
        "period.end",
        "gender.marker",
        "consultation date",
        "member_states",
        "disaggregation",
        "instruments",
        "title",
        "gender",
    ],
)
def test_a_yaml_boolean_is_a_schema_finding_wherever_a_value_is_expected(
    old: str, new: str, needle: str, quote: bool
) -> None:
    text = swap(old, new)
    schema = [f for f in only(lint(text), "HRD003") if "boolean" in f.message]
    assert len(schema) == 1, [f.message for f in only(lint(text), "HRD003")]
    (finding,) = schema
    assert "YAML reads the unquoted value as the boolean" in finding.message
    assert ("put it in quotes" in finding.message) is quote
    assert (finding.line, finding.column) == at(text, needle, after=new.split(needle)[0])


def test_the_format_version_as_a_boolean_is_the_format_rule_finding() -> None:
    findings = lint(swap("hrdplan: 2", "hrdplan: yes"))
    assert [f.code for f in findings if f.line == 2] == ["HRD004"]


def test_a_boolean_baseline_is_not_rendered_as_a_number(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "gh.yaml"
    path.write_text(swap("baseline: 14 (2021)", "baseline: no", TUNISIA), encoding="utf-8")
    result = run("render", path, "--format", "md", "--out", tmp_path / "out")
    assert result.code == 2
    assert "baseline: expected text or a number, but YAML reads" in result.stderr


def test_a_date_written_as_a_number_is_refused() -> None:
    text = swap("- date: 2021-", "- date: 0\n    old: 2021-")
    (finding,) = [f for f in only(lint(text), "HRD003") if f.key_path.endswith("date")]
    assert "expected a date as YYYY-MM-DD, e.g. 2021-02-10, got the number 0" in finding.message


def test_a_boolean_gender_marker_is_not_also_reported_as_missing() -> None:
    findings = lint(swap("marker: 2", "marker: no"))
    assert [f.code for f in findings if f.key_path.endswith("gender.marker")] == ["HRD003"]


# -- nesting depth, on the parser's events ------------------------------------------------------


def test_brackets_in_a_comment_are_not_nesting() -> None:
    assert yamlio.parse("# " + "[" * 101 + "\na: 1\n", "s.yaml").data == {"a": 1}


def test_a_deeply_indented_line_of_a_block_scalar_is_not_nesting() -> None:
    doc = yamlio.parse("context: |\n  start\n" + " " * 210 + "indented\n", "s.yaml")
    assert doc.data["context"].endswith(" " * 208 + "indented\n")


def test_brackets_inside_quoted_text_are_not_nesting() -> None:
    assert yamlio.parse(f"title: '{'{' * 150}'\n", "s.yaml").data == {"title": "{" * 150}


def test_too_deep_flow_nesting_is_refused_at_the_first_node_too_deep() -> None:
    # The top-level mapping is level 1, so the 100th bracket (column 103) is level 101.
    message, line, column = parse_problem("a: " + "[" * 150 + "]" * 150 + "\n")
    assert message == "nested more than 100 levels deep"
    assert (line, column) == (1, 103)


def test_too_deep_block_nesting_is_refused_at_its_line() -> None:
    text = "".join(f"{' ' * level}k:\n" for level in range(150)) + " " * 150 + "x\n"
    message, line, column = parse_problem(text)
    assert message == "nested more than 100 levels deep"
    assert (line, column) == (101, 101)


@pytest.mark.parametrize(
    "text",
    ["[" * 10_000, "- " * 10_000 + "x\n", "? " * 10_000 + "x\n", "{a: " * 10_000],
    ids=["flow", "block-sequences", "complex-keys", "flow-mappings"],
)
def test_hostile_nesting_is_still_refused_with_a_position(text: str) -> None:
    message, line, column = parse_problem(text)
    assert message == "nested more than 100 levels deep"
    assert line == 1 and column is not None and column > 1


# -- stdin, under the same contract as files ----------------------------------------------------


def lint_stdin(data: bytes, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(HRDPLAN), "lint", "--format", "json", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **env},
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


@pytest.mark.process
def test_stdin_over_the_size_limit_is_a_finding_under_its_name(tmp_path: Path) -> None:
    proc = lint_stdin(
        GHANA.encode(),
        "-",
        "--stdin-filename",
        "strategies/gh.yaml",
        cwd=tmp_path,
        HRDPLAN_MAX_FILE_SIZE="1KB",
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    (finding,) = json.loads(proc.stdout)
    assert finding["file"] == "strategies/gh.yaml" and finding["code"] == "HRD001"
    assert "over the limit of 1,024 bytes" in finding["message"]


@pytest.mark.process
def test_stdin_that_is_not_utf8_is_a_finding_and_other_files_are_still_linted(
    tmp_path: Path,
) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(swap("country: GH", "country: FR"), encoding="utf-8")
    data = swap("title: ", "title: caf\xe9 ").encode("latin-1")
    proc = lint_stdin(data, "-", "other.yaml", "--stdin-filename", "in.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "<stdin>" not in proc.stdout + proc.stderr
    findings = json.loads(proc.stdout)
    (bad,) = [f for f in findings if f["file"] == "in.yaml"]
    assert bad["code"] == "HRD001" and "not valid UTF-8 (byte 0xe9)" in bad["message"]
    assert (
        bad["line"]
        == GHANA.splitlines().index(next(x for x in GHANA.splitlines() if x.startswith("title: ")))
        + 1
    )
    assert any(f["file"] == "other.yaml" and f["code"] == "HRD302" for f in findings)


# -- libyaml's messages in plain words, at the line to fix --------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "position"),
    [
        ("a:\n\tb: 1\n", "a tab cannot indent YAML; indent with spaces", (2, 1)),
        ("a: x\n\tb: 1\n", "a tab cannot indent YAML; indent with spaces", (2, 1)),
        ("title: Rights: a review\n", "put the value in quotes", (1, 14)),
        ("title: @home\n", "cannot start with '@'", (1, 8)),
        (
            "p:\n  - id: 1\n    x: 2\n   y: 3\n",
            "align it with its sibling keys",
            (4, 4),
        ),
        # libyaml notices the missing colon only at the next token, a line (or more) later.
        (
            "p:\n  - id: 1\n    x: 2\n  y\n",
            "indent it further to continue the text above",
            (4, 3),
        ),
        (
            "p:\n  - id: P1\n    rationale: some text\n  continued text\n\n\n  title: x\n",
            "indent it further to continue the text above",
            (4, 3),
        ),
    ],
    ids=["tab", "tab-after-a-value", "colon", "reserved", "under-indented-key", "no-colon", "late"],
)
def test_syntax_errors_in_plain_words(text: str, words: str, position: tuple[int, int]) -> None:
    message, line, column = parse_problem(text)
    assert message.startswith("YAML syntax: ") and words in message, message
    assert "cannot start any token" not in message
    assert (line, column) == position


def test_lint_on_a_file_shows_the_plain_words(tmp_path: Path, run: Run) -> None:
    (tmp_path / "s.yaml").write_text(swap("title: ", "title: Rights: "), encoding="utf-8")
    result = run("lint", "s.yaml")
    assert result.code == 1
    assert "HRD001 YAML syntax: ': ' inside an unquoted value; put the value in quotes" in (
        result.stdout
    )


# -- pydantic's messages in plain words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    title: ",
            "    titel: ",
            "priorities[0].titel: unknown key 'titel' (allowed here: id, objective, title, "
            "rationale, gender, actions, indicators); did you mean title?",
        ),
        (
            "language: en",
            "language: English",
            "language: expected a language code such as en, nl or fr-BE, got 'English'",
        ),
        (
            "- date: 2021-",
            "- date: '20x1-02-10'\n    old: 2021-",
            "consultations[1].date: expected a date as YYYY-MM-DD, e.g. 2021-02-10, "
            "got '20x1-02-10'",
        ),
        (
            "status: ",
            "status: finished #",
            "status: expected draft, consultation or adopted, got 'finished'",
        ),
        ("status: ", "status: adoptd #", "did you mean adopted?"),
        ("marker: 2", "marker: 5", "gender.marker: expected 0, 1 or 2, got the number 5"),
        (
            "start: 2021",
            "start: 2021.5",
            "period.start: expected a year such as 2021, got the number 2021.5",
        ),
        ("start: 2021", "start: soon", "period.start: expected a year such as 2021, got 'soon'"),
        ("start: 2021", "start: 1066", "period.start: must be at least 1900, got the number 1066"),
        ("- id: P1", "- id: ''", "priorities[0].id: must not be empty"),
        (
            "baseline: {value: 0, year: 2021}",
            "baseline: [0]",
            "priorities[0].indicators[0].baseline: "
            "expected a mapping of keys to values or text, got a list",
        ),
    ],
    ids=[
        "unknown-key",
        "language",
        "date",
        "literal",
        "literal-did-you-mean",
        "marker",
        "int-from-float",
        "int-parsing",
        "greater-than-equal",
        "too-short",
        "union",
    ],
)
def test_schema_messages_in_plain_words(old: str, new: str, expected: str) -> None:
    text = swap(old, new)
    messages = [f.message for f in only(lint(text), "HRD003")]
    assert any(expected in m for m in messages), messages
    jargon = ("Input should", "String should", "pattern", "Extra inputs", "[a-z]", "valid integer")
    assert not any(j in m for m in messages for j in jargon), messages
