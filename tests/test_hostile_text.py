"""Hostile text stays text: file names and an organisation's catalogue text that hold escape
sequences, bidi controls, rich markup, URLs or backticks reach the terminal escaped, and reach
documents escaped and never as links (GitHub's own Markdown renderer is the judge)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from conftest import EXAMPLES, FIXTURES, MINIMAL_CATALOGUE, Run

from hrdplan.io.text import code_span, markdown

VERSIONS = FIXTURES / "catalogues" / "versions"
# What must never reach a terminal or a document raw: ESC, BEL, DEL, the C1 controls CSI and
# NEL, and the bidi override and isolate.
RAW = re.compile("[\x07\x1b\x7f\x85\x9b\u202e\u2066]")
# A title as a YAML double-quoted scalar: its escapes make the raw characters.
HOSTILE = (
    r"\e]0;PWNED\a [bold]B[/bold] \u202e \x9b31m \x7f \N \u2066 "
    r"https://evil.example www.evil.example a@b.example"
)
# The same as printed: each raw character written as its escape.
SHOWN = r"\x1b]0;PWNED\x07 [bold]B[/bold] \u202e \x9b31m \x7f \x85 \u2066"
NAME = "x\x1b]0;PWNED\x07\u202e"  # a file name's stem


def strings(data: object) -> str:
    """Every string in parsed JSON, joined: what the JSON says, its escapes undone."""
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        return " ".join(strings(v) for v in data.values())
    if isinstance(data, list):
        return " ".join(strings(v) for v in data)
    return ""


def assert_clean(*texts: str) -> None:
    for text in texts:
        found = RAW.search(text)
        assert found is None, f"raw {found.group()!r} in {text[:2000]!r}"


def gfm(source: str) -> str:
    """HTML as GitHub renders Markdown (cmark-gfm with its extensions, autolink included)."""
    html: str = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
    return html


def assert_no_links(markdown_text: str) -> None:
    """No link from a value: the only ones are the template's own anchors and the fragment
    links to them (the contents list, the open points)."""
    html = re.sub(r'<a id="[a-z0-9-]+"></a>|<a href="#[a-z0-9-]+">', "", gfm(markdown_text))
    assert "<a " not in html, re.findall(r"<a [^>]*>[^<]*</a>", html)


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue folder: the small test catalogue, and a copy of it (`hostile-plan`) whose
    titles, texts and milestone hold hostile text."""
    root = tmp_path_factory.mktemp("catalogues")
    shutil.copytree(VERSIONS / "test-plan", root / "test-plan")
    text = MINIMAL_CATALOGUE.read_text(encoding="utf-8").replace(
        "id: test-plan", "id: hostile-plan"
    )
    for old in (
        "Test Action Plan",
        "Human rights dialogues",
        "PROTECTING INDIVIDUALS",
        "Protecting people",
        "Work towards the abolition of the death penalty.",
        "Death penalty",
        "Mid-term review",
        "June 2023",
    ):
        assert f"en: {old}" in text, old
        text = text.replace(f"en: {old}", f'en: "{old} {HOSTILE}"')
    (root / "hostile-plan").mkdir()
    (root / "hostile-plan" / "1.0.0.yaml").write_text(text, encoding="utf-8")
    return root


STRATEGY = """\
hrdplan: 1
catalogue: {catalogue}
country: GH
title: "Title https://evil.example/t www.evil.example a@b.example"
period: {{start: 2021, end: 2025}}
status: draft
classification: restricted
language: en
delegation: EU Delegation to Ghana
priorities:
  - id: P1
    objective: 1.1.a
    title: Abolition
    gender: {{marker: 0}}
    actions:
      - text: "Write to a_b@evil.example or see http://evil.example"
        instruments: [human-rights-dialogue, "bo`gus|id\\u202e"]
"""


def strategy(folder: Path, catalogue: str = "hostile-plan@1.0.0", suffix: str = ".yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{NAME}{suffix}"
    path.write_text(STRATEGY.format(catalogue=catalogue), encoding="utf-8")
    return path


# -- catalogue commands ---------------------------------------------------------------------

TEXT_COMMANDS = {
    "versions": ["versions"],
    "list": ["list", "--catalogue", "hostile-plan"],
    "show objective": ["show", "1.1.a", "--catalogue", "hostile-plan"],
    "show section": ["show", "1.1", "--catalogue", "hostile-plan"],
    "show line": ["show", "1", "--catalogue", "hostile-plan"],
    "instruments": ["instruments", "--catalogue", "hostile-plan"],
    "search": ["search", "abolition", "--catalogue", "hostile-plan"],
    "diff": ["diff", "test-plan@1.0.0", "hostile-plan@1.0.0"],
}


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=list(TEXT_COMMANDS))
def test_catalogue_text_is_printed_escaped_and_never_as_markup(
    run: Run, catalogues: Path, command: str
) -> None:
    result = run("catalogue", *TEXT_COMMANDS[command], "--catalogue-dir", catalogues)
    assert result.code == 0, result
    assert_clean(result.stdout, result.stderr)
    # Shown, escaped (a table may wrap a long title, so one piece of it at a time), and rich
    # markup in it printed as written.
    flat = " ".join(re.sub(r"[│┃|]", " ", result.stdout).split())
    assert r"\x1b]0;PWNED\x07" in flat, result.stdout
    assert "[bold]B[/bold]" in flat


def test_catalogue_text_in_a_diff_of_added_and_removed_entries_is_escaped(
    run: Run, catalogues: Path, tmp_path: Path
) -> None:
    # Objectives and instruments added: the diff quotes their texts.
    text = (catalogues / "hostile-plan" / "1.0.0.yaml").read_text(encoding="utf-8")
    other = tmp_path / "other"
    (other / "other-plan").mkdir(parents=True)
    added = text.replace("id: hostile-plan", "id: other-plan").replace("code: 1.1.a", "code: 1.1.z")
    added = added.replace("id: human-rights-dialogue", "id: new-dialogue")
    added = added.replace("[human-rights-dialogue]", "[new-dialogue]").replace(
        "public-diplomacy, human-rights-dialogue", "public-diplomacy, new-dialogue"
    )
    (other / "other-plan" / "1.0.0.yaml").write_text(added, encoding="utf-8")
    result = run(
        "catalogue",
        "diff",
        "hostile-plan@1.0.0",
        "other-plan@1.0.0",
        "--catalogue-dir",
        catalogues,
        "--catalogue-dir",
        other,
    )
    assert result.code == 0, result
    assert "added     1.1.z" in result.stdout and "added     new-dialogue" in result.stdout
    assert_clean(result.stdout, result.stderr)
    assert r"\x1b]0;PWNED\x07" in result.stdout


JSON_COMMANDS = {
    "versions": ["versions"],
    "list": ["list", "--catalogue", "hostile-plan"],
    "show": ["show", "1.1.a", "--catalogue", "hostile-plan"],
    "instruments": ["instruments", "--catalogue", "hostile-plan"],
    "diff": ["diff", "test-plan@1.0.0", "hostile-plan@1.0.0"],
}


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=list(JSON_COMMANDS))
def test_catalogue_json_escapes_controls_and_keeps_the_text(
    run: Run, catalogues: Path, command: str
) -> None:
    result = run(
        "catalogue", *JSON_COMMANDS[command], "--format", "json", "--catalogue-dir", catalogues
    )
    assert result.code == 0, result
    assert_clean(result.stdout)
    # The data itself is intact: JSON's \u escapes give back the raw characters.
    raw = strings(json.loads(result.stdout))
    assert "\x1b]0;PWNED\x07" in raw and "\u202e" in raw and "\x9b31m" in raw


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_completion_descriptions_escape_catalogue_text(
    catalogues: Path, tmp_path: Path, shell: str
) -> None:
    from test_completion import complete

    line = f"hrdplan catalogue show --catalogue-dir {catalogues} --catalogue hostile-plan 1.1"
    result = complete(shell, line, cwd=tmp_path)
    assert result.returncode == 0, result
    assert "1.1.a" in result.stdout
    assert_clean(result.stdout, result.stderr)
    assert r"\x1b]0;PWNED" in result.stdout


# -- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_escapes_catalogue_text_and_file_names(
    run: Run, catalogues: Path, tmp_path: Path, fmt: str
) -> None:
    path = strategy(tmp_path / "strategies")
    out = tmp_path / "out"
    result = run("render", path, "--format", fmt, "-o", out, "--catalogue-dir", catalogues)
    assert result.code == 0, result
    assert_clean(result.stdout, result.stderr)
    assert result.stdout.strip() == rf"{tmp_path}/out/x\x1b]0;PWNED\x07\u202e.{fmt}"
    (document,) = out.iterdir()
    text = document.read_text(encoding="utf-8")
    assert_clean(text)
    # Every catalogue text the document shows: catalogue title, line, section, objective,
    # instrument, milestone.
    for title in ("Test Action Plan", "PROTECTING INDIVIDUALS", "Protecting people", "Abolition"):
        assert title in text
    assert text.count("PWNED") >= 6
    if fmt == "md":
        assert_no_links(text)
        rendered = gfm(text)
        assert_clean(rendered)
        assert "[bold]B[/bold]" in unescape(rendered)
        assert "a_b@evil.example" in unescape(re.sub("<[^>]*>", "", rendered))
    else:
        assert "\\x1b]0;PWNED\\x07 [bold]B[/bold] \\u202e" in text
        # The template's own links are fragments; none comes from a value.
        assert set(re.findall(r'href="([^"#]?)', text)) == {""}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_escapes_catalogue_text_and_keeps_an_instrument_id_in_its_code_span(
    run: Run, catalogues: Path, tmp_path: Path, fmt: str
) -> None:
    path = strategy(tmp_path / "strategies")
    out = tmp_path / f"report.{fmt}"
    result = run("report", path, "--format", fmt, "-o", out, "--catalogue-dir", catalogues)
    assert result.code == 0, result
    assert_clean(result.stdout, result.stderr)
    assert result.stdout.strip() == str(out)
    text = out.read_text(encoding="utf-8")
    assert_clean(text)
    assert "PWNED" in text
    if fmt == "md":
        html = gfm(text)
        # The only links are the contents list's, to the report's own headings.
        assert set(re.findall(r'<a href="([^"]*)"', html)) == set(
            re.findall(r"\]\((#[0-9a-z-]+)\)", text)
        )
        assert_no_links(re.sub(r"\[([^]]*)\]\(#[0-9a-z-]+\)", r"\1", text))
        # The unknown id, backtick, pipe and all, is one code span in its table cell; a known
        # instrument is named by its title, not its id.
        assert "<code>bo`gus|id\\u202e</code>" in html
        assert "<code>human-rights-dialogue</code>" not in html
    else:
        assert "bo`gus|id\\u202e" in text


# -- file names ------------------------------------------------------------------------------


def test_render_name_clash_names_both_files_escaped(
    run: Run, catalogues: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "strategies"
    strategy(folder)
    strategy(folder, suffix=".yml")
    result = run("render", folder, "-o", tmp_path / "out", "--catalogue-dir", catalogues)
    assert result.code == 2, result
    assert_clean(result.stdout, result.stderr)
    assert r"x\x1b]0;PWNED\x07\u202e.yml: error: same document name as" in result.stderr


def test_migrate_messages_and_diff_headers_escape_the_file_name(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    strategy(folder, catalogue="test-plan@1.0.0")
    dry = run("migrate", ".", "--to", "2.0.0", "--dry-run", "--catalogue-dir", VERSIONS, cwd=folder)
    assert dry.code == 0, dry
    assert_clean(dry.stdout, dry.stderr)
    assert r"x\x1b]0;PWNED\x07\u202e.yaml: would migrate" in dry.stderr
    # The header is quoted as git quotes names (octal bytes), so the patch still applies.
    assert '--- "a/x\\033]0;PWNED\\007\\342\\200\\256.yaml"' in dry.stdout
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
        subprocess.run(
            ["git", "apply", "--check", "-"], input=dry.stdout, text=True, cwd=folder, check=True
        )
    done = run("migrate", ".", "--to", "2.0.0", "--catalogue-dir", VERSIONS, cwd=folder)
    assert done.code == 0, done
    assert_clean(done.stdout, done.stderr)
    assert r"x\x1b]0;PWNED\x07\u202e.yaml: migrated" in done.stdout
    again = run("migrate", ".", "--to", "2.0.0", "--catalogue-dir", VERSIONS, cwd=folder)
    assert_clean(again.stdout, again.stderr)
    assert r"\u202e.yaml: already pinned" in again.stderr


def test_scaffolding_commands_print_paths_escaped(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / NAME
    new = run("new-strategy", "Ghana", "--priority", "1.1.a", "--dir", folder)
    assert new.code == 0, new
    assert_clean(new.stdout, new.stderr)
    assert r"x\x1b]0;PWNED\x07\u202e/gh-" in new.stdout
    init = run("init", tmp_path / f"init-{NAME}")
    assert init.code == 0, init
    assert_clean(init.stdout, init.stderr)
    assert r"created  init-x\x1b]0;PWNED\x07\u202e/strategies" in init.stdout
    schema = run("schema", "-o", tmp_path / f"{NAME}.json")
    assert schema.code == 0, schema
    assert_clean(schema.stdout, schema.stderr)
    assert r"\u202e.json" in schema.stderr


# -- lint reports ----------------------------------------------------------------------------

LINTED = '"bogus\\u202e\\x85\\x9b\\u2066\\x7f": 1\n'


@pytest.mark.parametrize("fmt", ["text", "junit", "github", "json", "sarif", "gitlab"])
def test_lint_reports_hold_no_raw_control_or_bidi_character(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    (tmp_path / f"{NAME}.yaml").write_text(
        (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8") + LINTED, encoding="utf-8"
    )
    result = run("lint", ".", "--format", fmt)
    assert result.code == 1, result
    assert "bogus" in result.stdout
    assert_clean(result.stdout, result.stderr)
    if fmt == "junit":
        root = ET.fromstring(result.stdout)
        messages = [f.get("message", "") for f in root.iter("failure")]
        assert any("bogus\\u202e\\x85\\x9b\\u2066\\x7f" in m for m in messages), messages
        names = {case.get("name") for case in root.iter("testcase")}
        assert names == {r"x\x1b]0;PWNED\x07\u202e.yaml"}
    elif fmt in ("json", "sarif", "gitlab"):
        assert "bogus\u202e\x85\x9b\u2066\x7f" in strings(json.loads(result.stdout))


# -- Markdown units --------------------------------------------------------------------------

NOT_LINKS = [
    "see https://evil.example/path?q=1 now",
    "HTTPS://EVIL.EXAMPLE",
    "ftp://evil.example",
    "x_https://evil.example",
    "(https://evil.example)",
    "www.evil.example",
    "*www.evil.example*",
    "(WWW.evil.example)",
    "mail a@b.example",
    "a_b@evil.example",
    "first.last+tag@evil.example.",
    "mailto:a@b.example",
    "xmpp:a@b.example/home",
    "<https://evil.example>",
    "[a](https://evil.example)",
    "![i](https://evil.example/i.png)",
]


@pytest.mark.parametrize("value", NOT_LINKS)
def test_markdown_values_never_become_links_and_read_as_written(value: str) -> None:
    for source in (markdown(value), f"| {markdown(value)} |\n|---|\n", f"# {markdown(value)}"):
        html = gfm(source)
        assert "<a " not in html and "<img" not in html, html
        assert unescape(re.sub("<[^>]*>", "", html)).strip() == value


@pytest.mark.parametrize(
    "value", ["bo`gus", "`start", "end`", "a``b```c", "pipe|in", "``", "a \\| b", "plain-id"]
)
def test_code_span_holds_any_text_in_a_table_cell(value: str) -> None:
    html = gfm(f"| h |\n|---|\n| {code_span(value)} |\n")
    (inside,) = re.findall(r"<td><code>(.*?)</code></td>", html, re.S)
    assert unescape(inside) == value


@pytest.mark.parametrize(
    "args",
    [
        ("catalogue", "list", "--lang", NAME),  # a choice
        ("lint", f"--{NAME}"),  # an unknown option
        (NAME,),  # an unknown command
        ("catalogue", NAME),  # an unknown subcommand
    ],
    ids=["bad-choice", "unknown-option", "unknown-command", "unknown-subcommand"],
)
def test_usage_errors_quote_what_was_typed_escaped(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.code == 2, result
    assert_clean(result.stdout, result.stderr)
    assert "PWNED" in result.stderr
