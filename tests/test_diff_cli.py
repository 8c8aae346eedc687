"""`hrdplan diff OLD NEW` as users call it: the three formats, exit codes, the JSON Schema,
and hostile text in every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import EXAMPLES, ROOT, Run

GHANA = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
SCHEMA = json.loads((ROOT / "schemas" / "diff.schema.json").read_text(encoding="utf-8"))

# Everything a file's text could try: close the <details> block, break the table, make a
# link or a heading, run a script, colour or clear the terminal, reverse the text.
HOSTILE = (
    "a | b </details></summary> <script>alert(1)</script> **bold** ~~gone~~ [x](http://e.org) "
    "`code` \x1b[31mred\x1b[2J \u202eevil\n# heading"
)


def write_pair(tmp_path: Path, new: str) -> tuple[Path, Path]:
    old_path, new_path = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old_path.write_text(GHANA, encoding="utf-8")
    new_path.write_text(new, encoding="utf-8")
    return old_path, new_path


def changed_ghana() -> str:
    new = GHANA.replace("status: adopted ", "status: adopted ", 1)
    new = new.replace("most stable democracies", "most resilient democracies", 1)
    new = new.replace("target: {value: 6000, year: 2025}", "target: {value: 5000, year: 2025}")
    return new.replace("      marker: 2\n", "      marker: 1\n", 1)


def hostile_ghana() -> str:
    quoted = json.dumps(HOSTILE)  # a YAML double-quoted scalar
    new = GHANA.replace(
        "title: EU Human Rights and Democracy Country Strategy for Ghana 2021-2025",
        f"title: {quoted}",
    )
    return new.replace("  - id: P1\n", f"  - id: {json.dumps('P1 | </details>')}\n", 1)


def test_text_output(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, changed_ghana())
    result = run("diff", "old.yaml", "new.yaml")
    assert result.code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0] == "old.yaml -> new.yaml: 3 changes, 2 to commitments (*)"
    assert any("* priority P1 gender marker: 2 -> 1" in line for line in lines)
    assert any("* indicator P1.1 target: 6000 (2025) -> 5000 (2025)" in line for line in lines)
    assert any("[-stable-]{+resilient+}" in line for line in lines), result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR and not a terminal


def test_exit_code_flag(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, changed_ghana())
    assert run("diff", "old.yaml", "new.yaml", "--exit-code").code == 1
    assert run("diff", "old.yaml", "old.yaml", "--exit-code").code == 0
    same = run("diff", "old.yaml", "old.yaml")
    assert same.code == 0 and "no changes" in same.stdout


def test_colour_only_when_asked_or_at_a_terminal(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, changed_ghana())
    coloured = run("diff", "old.yaml", "new.yaml", "--color", "always")
    assert "\x1b[" in coloured.stdout and "[-stable-]" not in coloured.stdout


def test_json_output_follows_its_schema(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, changed_ghana())
    result = run("diff", "old.yaml", "new.yaml", "--format", "json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "changes": 3, "commitments": 2, "unjustified": 1}
    target = next(c for c in data["files"][0]["changes"] if c["what"] == "indicator.target")
    assert target["old"] == "6000 (2025)" and target["path"] == "priorities[0].indicators[0].target"
    context = next(c for c in data["files"][0]["changes"] if c["what"] == "context")
    assert {"op": "delete", "text": "stable "} in context["words"]


def test_markdown_output(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, changed_ghana())
    result = run("diff", "old.yaml", "new.yaml", "--format", "markdown")
    out = result.stdout
    assert "| strategy | status | changes | commitments | justification |" in out
    assert "| `new.yaml` | changed | 3 | 2 | **missing** (line " in out
    assert out.count("<details>") == out.count("</details>") == 1
    assert "~~stable~~ **resilient**" in out


def test_unusable_input_is_one_line(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, GHANA.replace("classification: restricted", "classification: secret"))
    result = run("diff", "old.yaml", "new.yaml")
    assert result.code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("new.yaml:") and ": error: " in result.stderr
    missing = run("diff", "old.yaml", "nowhere.yaml")
    assert missing.code == 2 and "nowhere.yaml" in missing.stderr
    assert run("diff", "old.yaml").code == 2
    (tmp_path / "progress.yaml").write_text("hrdplan: 2\nkind: progress\nstrategy: old.yaml\n")
    progress = run("diff", "old.yaml", "progress.yaml")
    assert progress.code == 2 and "a progress file, not a strategy" in progress.stderr


# -- hostile text in every format ---------------------------------------------------------------


def test_hostile_text_at_the_terminal(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, hostile_ghana())
    for args in ((), ("--color", "always")):
        result = run("diff", "old.yaml", "new.yaml", *args)
        assert result.code == 0, result
        assert "\x1b[31mred" not in result.stdout and "\x1b[2J" not in result.stdout
        assert "\u202e" not in result.stdout
        assert "\\x1b[31mred" in result.stdout


def test_hostile_text_round_trips_in_json(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, hostile_ghana())
    result = run("diff", "old.yaml", "new.yaml", "--format", "json")
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    title = next(c for c in data["files"][0]["changes"] if c["what"] == "title")
    assert title["new"] == HOSTILE
    assert "".join(w["text"] for w in title["words"] if w["op"] != "delete") == " ".join(
        HOSTILE.split()
    )


def test_hostile_text_cannot_break_the_markdown(run: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, hostile_ghana())
    out = run("diff", "old.yaml", "new.yaml", "--format", "markdown").stdout
    assert out.count("<details>") == 1 and out.count("</details>") == 1
    assert out.count("</summary>") == 1
    assert "<script>" not in out and "\x1b" not in out and "\u202e" not in out
    assert "[x](http" not in out and "\\[x\\](http\\://" in out  # no link made
    # Every line of the list is one item: no line of user text starts a heading or a block.
    body = out.split("<details>", 1)[1]
    assert not any(line.startswith("#") for line in body.splitlines())
    # The table has its five columns in every row.
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert all(line.replace("\\|", "").count("|") == 6 for line in rows), rows


@pytest.mark.parametrize("name", ["a | b.yaml", "x<b>.yaml"])
def test_hostile_file_names_in_markdown(run: Run, tmp_path: Path, name: str) -> None:
    (tmp_path / "old.yaml").write_text(GHANA, encoding="utf-8")
    (tmp_path / name).write_text(changed_ghana(), encoding="utf-8")
    out = run("diff", "old.yaml", name, "--format", "markdown").stdout
    summary = next(line for line in out.splitlines() if line.startswith("<summary>"))
    assert out.count("</summary>") == 1 and "<b>" not in summary
    # In the table the name is a code span (no HTML there); in <summary>, HTML-escaped.
    assert "<b>" not in name or "x&lt;b&gt;.yaml" in summary
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert all(line.replace("\\|", "").count("|") == 6 for line in rows), rows


def test_a_removed_block_text_is_one_line_of_words(run: Run, tmp_path: Path) -> None:
    """A YAML block's line breaks are the author's wrapping: the change line shows words, not
    an escaped line break."""
    removed = (
        "      - text: |\n"
        "          Run the 16 Days of Activism campaign each year jointly with member state "
        "embassies,\n"
        "          in English, Twi, Ewe and Dagbani, featuring Ghanaian women and men who "
        "champion change.\n"
        "        instruments: [public-diplomacy]\n"
    )
    assert removed in GHANA
    write_pair(tmp_path, GHANA.replace(removed, "", 1))
    result = run("diff", "old.yaml", "new.yaml")
    assert result.code == 0, result
    line = next(line for line in result.stdout.splitlines() if "removed:" in line)
    assert "embassies, in English, Twi" in line and "\\n" not in line, line


@pytest.mark.parametrize("status", ["draft", "consultation"])
def test_a_draft_needs_no_justification_in_every_format(
    cli: Run, tmp_path: Path, status: str
) -> None:
    """Drafts change freely: a raised target with no `changes:` entry is neither missing one
    nor said to have one recorded."""
    old = GHANA.replace("status: adopted ", f"status: {status} ", 1)
    new = old.replace("target: {value: 6000, year: 2025}", "target: {value: 7500, year: 2025}")
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    said = f"not needed ({status})"
    markdown = cli("diff", "old.yaml", "new.yaml", "--format", "markdown").stdout
    assert f"| `new.yaml` | changed | 1 | 1 | {said} |" in markdown
    assert "recorded" not in markdown and "missing" not in markdown
    data = json.loads(cli("diff", "old.yaml", "new.yaml", "--format", "json").stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["files"][0]["justification"] == said and data["files"][0]["unjustified"] is None
    text = cli("diff", "old.yaml", "new.yaml").stdout
    assert text.splitlines()[0] == (
        f"old.yaml -> new.yaml: 1 change, 1 to commitments (*); justification {said}"
    )


def test_the_justification_of_an_adopted_strategy_in_json(cli: Run, tmp_path: Path) -> None:
    write_pair(tmp_path, changed_ghana())
    data = json.loads(cli("diff", "old.yaml", "new.yaml", "--format", "json").stdout)
    assert data["files"][0]["justification"] == "missing"
    entry = "changes:\n  - date: 2099-01-01\n    what: P1's target\n    why: a review\n"
    old_path, new_path = write_pair(tmp_path, changed_ghana())
    text = new_path.read_text(encoding="utf-8")
    assert "\nchanges:" not in text
    new_path.write_text(text + entry, encoding="utf-8")
    data = json.loads(cli("diff", old_path, new_path, "--format", "json").stdout)
    assert data["files"][0]["justification"] == "recorded"
    unchanged = json.loads(cli("diff", old_path, old_path, "--format", "json").stdout)
    assert unchanged["files"][0]["justification"] is None
