"""`hrdplan render`: documents in HTML and Markdown, escaping, languages, sandbox, output."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, Run
from markdown_it import MarkdownIt

from hrdplan.catalogue.registry import Registry
from hrdplan.io import text as escaping
from hrdplan.io.locale import written_date
from hrdplan.render import text
from hrdplan.render.environment import labels
from hrdplan.render.markings import MARKINGS
from hrdplan.render.output import MARKER

GHANA = EXAMPLES / "gh-2021-2025.yaml"
HOSTILE_TITLE = "T <script>alert(1)</script> | `x` {{ 7*191 }} \x1b[31mred \u202eevil"
HOSTILE_PRIORITY = "A|B `code` <img src=x onerror=alert(1)> {% raw %} **bold** [l](http://x)"


@pytest.fixture(scope="module")
def catalogue() -> Any:
    return Registry().load("eu-hrd-2020-2024@1.0.0")


def example(path: Path = GHANA) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    data = example()
    data["title"] = HOSTILE_TITLE
    data["delegation"] = "EU Delegation </style><script>x()</script>"
    data["priorities"][0]["title"] = HOSTILE_PRIORITY
    data["priorities"][0]["indicators"][0]["source"] = "a | b | c\nnew line `tick`"
    data["priorities"][0]["rationale"] = "{{ ''.__class__.__mro__ }}\n\n# not a heading"
    return write(tmp_path, "hostile.yaml", data)


# -- escaping ---------------------------------------------------------------------------------


def test_html_escapes_every_user_string(run: Run, hostile: Path, tmp_path: Path) -> None:
    result = run("render", hostile, "--format", "html", "--out", tmp_path / "out")
    assert result.code == 0, result
    html = (tmp_path / "out" / "hostile.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("</style>") == 1  # only the stylesheet's own
    # Values are data, never templates.
    assert "{{ 7*191 }}" in html and "1337" not in html
    assert "{{ &#39;&#39;.__class__.__mro__ }}" in html
    # Terminal escapes and bidi overrides are shown, not obeyed.
    assert "\x1b" not in html and "\\x1b[31mred" in html
    assert "\u202e" not in html and "\\u202eevil" in html


def _gfm(markdown: str) -> str:
    """Markdown rendered as GitHub and GitLab do (CommonMark with tables; raw HTML allowed)."""
    html: str = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    return html


def test_markdown_escapes_every_user_string(cli: Run, hostile: Path, tmp_path: Path) -> None:
    result = cli("render", hostile, "--format", "md", "--out", tmp_path / "out")
    assert result.code == 0, result
    markdown = (tmp_path / "out" / "hostile.md").read_text(encoding="utf-8")
    assert "\x1b" not in markdown and "\u202e" not in markdown
    html = _gfm(markdown)
    # No markup from user text: the only tags are the ones Markdown itself makes, and the
    # template's own anchors and links to them.
    html = re.sub(r'<a id="[a-z0-9-]+"></a>|<a href="#[a-z0-9-]+">', "", html)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "A|B `code` &lt;img src=x onerror=alert(1)&gt; {% raw %} **bold** [l](http://x)" in html
    assert "{{ ''.__class__.__mro__ }}" in html.replace("&#x27;", "'")
    assert "<h1>not a heading" not in html and "# not a heading" in html
    # Every table keeps its columns: the header's cell count in every row.
    for table in re.findall(r"<table>.*?</table>", html, flags=re.S):
        header = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], flags=re.S):
            assert len(re.findall(r"<td[ >]", row)) == header, row
    assert "a | b | c new line `tick`" in html


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a|b", "a|b"),
        ("`x`", "`x`"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("*x* _y_ ~~z~~", "*x* _y_ ~~z~~"),
        ("- item", "- item"),
        ("1. first", "1. first"),
        ("# title", "# title"),
        ("&amp; &#42;", "&amp;amp; &amp;#42;"),
        ("back\\slash", "back\\slash"),
        ("line\nbreak", "line break"),
    ],
)
def test_markdown_escape_shows_text_literally(value: str, shown: str) -> None:
    html = _gfm(f"| h |\n|---|\n| {escaping.markdown(value)} |\n\n{escaping.markdown(value)}\n")
    assert f"<td>{shown}</td>" in html
    assert f"<p>{shown}</p>" in html


def test_markdown_escape_keeps_spaces_at_the_ends() -> None:
    assert escaping.markdown("; ") == "; "
    assert escaping.markdown(" a \n\n b ") == " a b "


def test_visible_shows_controls_and_bidi() -> None:
    assert (
        escaping.visible("a\x1b[0mb\u2066c\u202ed\u200fe") == "a\\x1b[0mb\\u2066c\\u202ed\\u200fe"
    )
    assert escaping.visible("Tunisie – Côte d'Ivoire\n") == "Tunisie – Côte d'Ivoire\n"


# -- determinism, languages -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_same_input_same_bytes(cli: Run, tmp_path: Path, fmt: str) -> None:
    for out in ("one", "two"):
        assert cli("render", EXAMPLES, "--format", fmt, "--out", tmp_path / out).code == 0
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    strategies = [f"{p.stem}.{fmt}" for p in EXAMPLES.glob("*.yaml")]
    reports = [
        f"{p.parent.name}-{p.stem}-progress.{fmt}" for p in EXAMPLES.glob("progress/*/*.yaml")
    ]
    assert reports and names == sorted(strategies + reports)
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_labels_and_objective_texts_in_the_chosen_language(
    cli: Run, tmp_path: Path, lang: str, catalogue: Any
) -> None:
    result = cli("render", GHANA, "--format", "html", "--lang", lang, "--out", tmp_path)
    assert result.code == 0, result
    html = (tmp_path / "gh-2021-2025.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    other = "nl" if lang == "en" else "en"
    for key in ("summary", "rationale", "indicators", "monitoring"):
        assert labels()[lang][key] in html
        assert labels()[other][key] not in html
    from markupsafe import escape

    for priority in example()["priorities"]:
        objective = catalogue.objective(priority["objective"])
        assert str(escape(objective.text[lang])) in html
        assert str(escape(objective.text[other])) not in html


def test_default_language_is_the_strategys(cli: Run, tmp_path: Path, catalogue: Any) -> None:
    data = example()
    data["language"] = "nl"
    dutch = write(tmp_path, "nl.yaml", data)
    data["language"] = "fr"
    french = write(tmp_path, "fr.yaml", data)
    assert cli("render", dutch, french, "--format", "md", "--out", tmp_path / "out").code == 0
    code = data["priorities"][0]["objective"]
    first_words = catalogue.objective(code).text["nl"].split()[:4]
    assert " ".join(first_words) in (tmp_path / "out" / "nl.md").read_text(encoding="utf-8")
    english = " ".join(catalogue.objective(code).text["en"].split()[:4])
    assert english in (tmp_path / "out" / "fr.md").read_text(encoding="utf-8")


def test_labels_exist_in_both_languages() -> None:
    def keys(value: Any, prefix: str = "") -> set[str]:
        if isinstance(value, dict):
            return {k for key, v in value.items() for k in keys(v, f"{prefix}{key}.")}
        if isinstance(value, list):
            return {f"{prefix}[{len(value)}]"}
        return {prefix}

    assert keys(labels()["en"]) == keys(labels()["nl"])


def test_every_severity_has_a_label() -> None:
    from hrdplan.findings import Severity

    for lang in ("en", "nl"):
        assert set(labels()[lang]["severity"]) == {s.value for s in Severity}


@pytest.mark.parametrize(
    ("fmt", "lang", "label"), [("html", "en", "note"), ("md", "nl", "opmerking")]
)
def test_an_outdated_pin_renders_with_its_note(
    cli: Run, tmp_path: Path, fmt: str, lang: str, label: str
) -> None:
    data = example()
    data["catalogue"] = "eu-hrd-2020-2024@1.0.0"  # HRD007, at the info level
    path = write(tmp_path, "old.yaml", data)
    result = cli("render", path, "--format", fmt, "--lang", lang, "--out", tmp_path / "out")
    assert result.code == 0, result
    document = (tmp_path / "out" / f"old.{fmt}").read_text(encoding="utf-8")
    from hrdplan.lint.rules import RULE_BY_CODE

    # In words, not as the rule's code.
    assert "HRD007" not in document and label in document
    said = RULE_BY_CODE["HRD007"].open_point[lang]
    assert said.replace("'", "&#39;" if fmt == "html" else "'") in document


# -- what the document holds ------------------------------------------------------------------


def test_document_holds_every_part(cli: Run, tmp_path: Path, catalogue: Any) -> None:
    # HRD008 (information: the example may be in format 1) is not an open point here.
    (tmp_path / "hrdplan.toml").write_text('ignore = ["HRD008"]\n', encoding="utf-8")
    assert cli("render", GHANA, "--format", "md", "--out", tmp_path).code == 0
    markdown = (tmp_path / "gh-2021-2025.md").read_text(encoding="utf-8")
    data = example()
    t = labels()["en"]
    assert MARKINGS[data["classification"]] in markdown.splitlines()[0]
    for priority in data["priorities"]:
        assert escaping.markdown(priority["title"]) in markdown
        for indicator in priority["indicators"]:
            assert escaping.markdown(indicator["text"]) in markdown
        for action in priority["actions"]:
            for ident in action["instruments"]:
                assert escaping.markdown(catalogue.instrument(ident).title["en"]) in markdown
    for consultation in data["consultations"]:
        assert written_date(consultation["date"], "en") in markdown
    # The plan's monitoring milestones with dates, and the strategy's years.
    for code in ("5.2.a", "5.2.b", "5.2.c"):
        assert escaping.markdown(catalogue.objective(code).milestone.title["en"]) in markdown
    start, end = data["period"]["start"], data["period"]["end"]
    assert all(f"**{year}**" in markdown for year in range(start, end + 1))
    assert t["no_open_points"] in markdown
    assert markdown.endswith(MARKER)


def test_a_draft_shows_its_open_points(cli: Run, tmp_path: Path) -> None:
    data = example()
    data["status"] = "draft"
    data["priorities"][1]["gender"]["approach"] = "TODO: say how"
    data["priorities"][2]["objective"] = "1.1.z"
    path = write(tmp_path, "draft.yaml", data)
    lint = cli("lint", path, "--format", "json")
    import json

    found = json.loads(lint.stdout)
    assert {f["code"] for f in found} >= {"HRD401", "HRD101"}
    assert cli("render", path, "--format", "md", "--out", tmp_path / "out").code == 0
    markdown = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    # One open point per finding, in words and linked to its place; no rule code.
    points = re.findall(r"^\d+\. .*$", markdown.split('<a id="open-points">')[1], flags=re.M)
    assert len(points) == len(found)
    assert "1. [P2](#priority-2): gender approach not yet written (warning)" in points
    assert "[P3](#priority-3): objective not in the Action Plan (error)" in markdown
    assert not re.search(r"HRD\d{3}", markdown)
    assert "not in the catalogue" in markdown


def test_public_omits_the_internal_parts(cli: Run, tmp_path: Path, catalogue: Any) -> None:
    assert cli("render", GHANA, "--public", "--format", "html", "--out", tmp_path).code == 0
    html = (tmp_path / "gh-2021-2025.html").read_text(encoding="utf-8")
    from markupsafe import escape

    def shown(value: str) -> bool:
        return str(escape(" ".join(value.split()[:8]))) in html

    data = example()
    assert shown(data["title"]) and shown(data["delegation"])
    for internal in (data["context"], data["gender_analysis"]):
        assert not shown(internal)
    for consultation in data["consultations"]:
        assert not shown(consultation["participants"])
    for priority in data["priorities"]:
        assert shown(priority["title"])
        assert shown(catalogue.objective(priority["objective"]).text["en"])
        assert not shown(priority["rationale"])
        assert not shown(priority["gender"]["approach"])
        assert not any(shown(a["text"]) for a in priority["actions"])
    assert labels()["en"]["extract_public"] in html
    assert labels()["en"]["open_points"] not in html


# -- templates: sandbox and strictness -------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "unsafe"),
        ("{{ doc.__init__.__globals__ }}", "unsafe"),
        ("{{ doc.no_such_field }}", "no_such_field"),
        ("{{ nothing_here }}", "'nothing_here' is undefined"),
        ("{% for x in %}", "Expected an expression"),
    ],
)
def test_custom_templates_are_sandboxed_and_strict(
    cli: Run, tmp_path: Path, template: str, message: str
) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "strategy.html.j2").write_text(f"<p>ok</p>\n<p>\n{template}\n</p>\n")
    result = cli("render", GHANA, "--template-dir", folder, "--out", tmp_path / "out")
    assert result.code == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("tpl/strategy.html.j2:3: error:"), lines
    assert message in lines[0]
    assert not (tmp_path / "out").exists()


def test_custom_template_replaces_the_shipped_one(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "strategy.md.j2").write_text(
        "# {{ doc.title }}\n{{ t.summary }}: {{ doc.country }}\n"
    )
    result = cli("render", GHANA, "--format", "md", "--template-dir", folder, "--out", tmp_path)
    assert result.code == 0, result
    body = (tmp_path / "gh-2021-2025.md").read_text(encoding="utf-8")
    assert body == f"# {example()['title']}\nPriorities at a glance: Ghana\n{MARKER}"


# -- files ------------------------------------------------------------------------------------


def test_rendering_again_replaces_only_our_own_files(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("render", GHANA, "--out", out).code == 0
    assert cli("render", GHANA, "--out", out).code == 0  # a generated file: replaced
    mine = out / "gh-2021-2025.html"
    mine.write_text("my own notes\n")
    result = cli("render", GHANA, "--out", out)
    assert result.code == 2
    assert "not generated by hrdplan; use --force" in result.stderr
    assert mine.read_text() == "my own notes\n"
    assert cli("render", GHANA, "--out", out, "--force").code == 0
    assert mine.read_text().endswith(MARKER)


def test_a_broken_strategy_is_reported_and_the_others_render(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "good.yaml", example())
    (folder / "bad.yaml").write_text("hrdplan: 1\ntitle: [unclosed\n")
    data = example()
    data["period"] = {"start": "soon", "end": 2025}
    write(folder, "invalid.yaml", data)
    result = run("render", folder, "--format", "md", "--out", tmp_path / "out")
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith("in/bad.yaml:") for line in lines), lines
    assert any(line.startswith("in/invalid.yaml:") and "period" in line for line in lines), lines
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.md"]


def test_output_names_come_from_the_file_name_only(cli: Run, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    write(a, "..x.yaml", example())
    write(b, "..x.yaml", example())
    result = cli("render", a / "..x.yaml", b / "..x.yaml", "--format", "md", "--out", "out")
    assert result.code == 2
    assert "same document name" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["_x.md"]


def test_missing_path_and_template_dir(cli: Run, tmp_path: Path) -> None:
    assert cli("render", "nowhere.yaml").code == 2
    result = cli("render", GHANA, "--template-dir", "nowhere")
    assert result.code == 2 and "template folder not found" in result.stderr


def test_many_files_render_in_parallel_to_the_same_bytes(tmp_path: Path) -> None:
    from hrdplan.io.parallel import PARALLEL_THRESHOLD
    from hrdplan.render.batch import Item, Renderer, render_all
    from hrdplan.render.environment import Templates
    from hrdplan.settings import Settings

    folder = tmp_path / "in"
    folder.mkdir()
    source = GHANA.read_text(encoding="utf-8")
    count = PARALLEL_THRESHOLD + 2
    for i in range(count):
        (folder / f"s{i:02d}.yaml").write_text(source, encoding="utf-8")
    (folder / "s07.yaml").write_text("hrdplan: [\n", encoding="utf-8")
    renderer = Renderer(
        Settings(Registry()), Templates("md"), fmt="md", lang=None, public=False, force=False
    )
    paths = sorted(folder.glob("*.yaml"))

    def items(out: str) -> list[Item]:
        return [Item(p, p.name, tmp_path / out / f"{p.stem}.md") for p in paths]

    parallel = list(render_all(items("par"), renderer, jobs=2))
    serial = list(render_all(items("ser"), renderer, jobs=1))
    assert [bool(o.lines) for _, o in parallel] == [p.name == "s07.yaml" for p in paths]
    assert [o.lines for _, o in parallel] == [o.lines for _, o in serial]
    assert len(list((tmp_path / "par").iterdir())) == count - 1
    for item, _ in serial:
        if item.destination.exists():
            twin = tmp_path / "par" / item.destination.name
            assert twin.read_bytes() == item.destination.read_bytes()


def test_open_points_follow_the_lint_configuration(cli: Run, tmp_path: Path) -> None:
    data = example()
    data["priorities"][0]["indicators"][0].pop("baseline")
    write(tmp_path, "s.yaml", data)
    assert cli("render", "s.yaml", "--format", "md", "--out", "a").code == 0
    assert "[P1, indicator 1](#priority-1): baseline or target missing" in (
        tmp_path / "a" / "s.md"
    ).read_text(encoding="utf-8")
    (tmp_path / "hrdplan.toml").write_text('ignore = ["HRD404", "HRD008"]\n')
    assert "HRD404" not in cli("lint", "s.yaml").stdout
    assert cli("render", "s.yaml", "--format", "md", "--out", "b").code == 0
    markdown = (tmp_path / "b" / "s.md").read_text(encoding="utf-8")
    assert "HRD404" not in markdown and labels()["en"]["no_open_points"] in markdown


def test_html_structure_is_accessible(cli: Run, tmp_path: Path) -> None:
    from html.parser import HTMLParser

    class Outline(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.headings: list[int] = []
            self.tables = 0
            self.header_cells_without_scope = 0
            self.tables_with_headers = 0
            self.lang = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "html":
                self.lang = dict(attrs).get("lang") or ""
            if re.fullmatch(r"h[1-6]", tag):
                self.headings.append(int(tag[1]))
            if tag == "table":
                self.tables += 1
            if tag == "th":
                self.header_cells_without_scope += "scope" not in dict(attrs)

    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert cli("render", path, "--lang", "nl", "--out", tmp_path).code == 0
        outline = Outline()
        html = (tmp_path / f"{path.stem}.html").read_text(encoding="utf-8")
        outline.feed(html)
        assert outline.lang == "nl"
        assert outline.headings[0] == 1 and outline.headings.count(1) == 1
        for before, after in zip(outline.headings, outline.headings[1:], strict=False):
            assert after <= before + 1, outline.headings
        assert outline.tables and outline.header_cells_without_scope == 0
        assert html.count("<thead>") == outline.tables


def test_nothing_to_render(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for command in ("render", "report"):
        result = cli(command, "empty")
        assert result.code == 2 and "no strategy files" in result.stderr


def test_catalogues_from_catalogue_dir_and_config(cli: Run, tmp_path: Path) -> None:
    import shutil

    from conftest import MINIMAL_CATALOGUE

    folder = tmp_path / "cats" / "test-plan"
    folder.mkdir(parents=True)
    shutil.copy(MINIMAL_CATALOGUE, folder / "1.0.0.yaml")
    data = example()
    data["catalogue"] = "test-plan@1.0.0"
    data["priorities"] = data["priorities"][:1]
    data["priorities"][0]["objective"] = "1.1.a"
    write(tmp_path, "s.yaml", data)
    assert cli("render", "s.yaml", "--format", "md", "--out", "a").code == 2  # not shipped
    result = cli("render", "s.yaml", "--format", "md", "--out", "a", "--catalogue-dir", "cats")
    assert result.code == 0, result
    document = (tmp_path / "a" / "s.md").read_text(encoding="utf-8")
    # The organisation's catalogue, by its title and version (the pin is tool language).
    title = yaml.safe_load(MINIMAL_CATALOGUE.read_text(encoding="utf-8"))["title"]["en"]
    assert title in document and "catalogue version 1.0.0" in document
    (tmp_path / "hrdplan.toml").write_text('catalogue-dirs = ["cats"]\n')
    assert cli("report", "s.yaml", "--format", "md").code == 0


def test_css_string_cannot_end_the_string_or_the_style() -> None:
    quoted = text.css_string('RESTRICTED"; } </style><script>')
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in quoted[1:-1] and "<" not in quoted and ";" not in quoted
    assert quoted.startswith('"RESTRICTED\\22 ')
