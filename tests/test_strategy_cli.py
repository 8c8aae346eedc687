"""The strategy format: models, JSON Schema, `new-strategy` and `init`, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, ROOT, Run

from hrdplan.catalogue.registry import Registry
from hrdplan.io.validate import Violation, check
from hrdplan.io.yamlio import Document as YamlDocument
from hrdplan.io.yamlio import load
from hrdplan.strategy.model import Strategy, schema_text, strategy_model

COMMITTED_SCHEMA = ROOT / "schemas" / "strategy.schema.json"


def as_json(path: Path) -> object:
    """The YAML file as JSON would carry it (dates become strings), for jsonschema."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_committed_schema_matches_the_models() -> None:
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "schemas/strategy.schema.json drifted: run `hrdplan schema -o schemas/strategy.schema.json`"
    )


def test_schema_command_prints_the_schema(run: Run, tmp_path: Path) -> None:
    result = run("schema")
    assert result.code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # One schema for both format versions, told apart by `hrdplan:`.
    formats = [schema["$defs"][ref["$ref"].rpartition("/")[2]] for ref in schema["anyOf"]]
    assert [f["properties"]["hrdplan"]["const"] for f in formats] == [1, 2]
    assert all("priorities" in f["properties"] for f in formats)
    assert "adopted" in formats[1]["properties"] and "adopted" not in formats[0]["properties"]
    assert run("schema", "--output", "s.json").code == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == result.stdout


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_validate_against_committed_schema_and_models(example: Path) -> None:
    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(as_json(example))
    model, violations = check_strategy(load(example))
    assert violations == [] and model is not None


def test_examples_are_substantial() -> None:
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 3
    for path in examples:
        model, _ = check_strategy(load(path))
        assert model is not None
        assert 4 <= len(model.priorities) <= 7
        assert len({p.objective.split(".")[0] for p in model.priorities}) >= 3


def test_models_reject_unknown_keys_and_bad_values() -> None:
    from hrdplan.io.yamlio import parse

    text = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    text = text.replace("status: adopted", "status: finished").replace(
        "classification: restricted", "classification: restricted\ncolour: blue"
    )
    doc = parse(text, "x.yaml")
    _, violations = check_strategy(doc)
    messages = {v.message for v in violations}
    assert any("status" in m and "draft" in m for m in messages)
    assert any(m.startswith("colour: unknown key 'colour' (allowed here: ") for m in messages)
    unknown = next(v for v in violations if v.type == "extra_forbidden")
    assert doc.position(unknown.path, key=True).line == text.splitlines().index("colour: blue") + 1


# -- new-strategy -------------------------------------------------------------------------------


def test_new_strategy_writes_a_valid_pinned_scaffold(run: Run, tmp_path: Path) -> None:
    result = run("new-strategy", "Kenya", "--priority", "1.1.c", "--priority", "2.2.a")
    assert result.code == 0, result
    assert result.stdout.strip() == "strategies/ke-2021-2025.yaml"
    path = tmp_path / "strategies" / "ke-2021-2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    model, violations = check_strategy(load(path))
    assert violations == [] and model is not None
    newest = Registry().newest()
    assert model.catalogue == newest.ref
    assert [p.objective for p in model.priorities] == ["1.1.c", "2.2.a"]
    assert model.classification == "restricted" and model.status == "draft"
    assert (model.period.start, model.period.end) == (2021, 2025)
    assert model.priorities[1].gender and model.priorities[1].gender.marker == 2  # about gender
    assert "TODO:" in (model.context or "") and "TODO:" in (model.gender_analysis or "")
    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(as_json(path))


@pytest.mark.parametrize("query", ["Kenya", "kenya", "KE", "KEN", "ke"])
def test_country_by_name_or_code(run: Run, tmp_path: Path, query: str) -> None:
    assert run("new-strategy", query).code == 0
    assert (tmp_path / "strategies" / "ke-2021-2025.yaml").is_file()


@pytest.mark.parametrize(
    ("query", "code"),
    [("Ivory Coast", "ci"), ("Congo", "cg"), ("DR Congo", "cd"), ("Bolivia", "bo")],
)
def test_common_names(run: Run, tmp_path: Path, query: str, code: str) -> None:
    assert run("new-strategy", query).code == 0
    assert (tmp_path / "strategies" / f"{code}-2021-2025.yaml").is_file()


def test_existing_file_is_never_overwritten_without_force(run: Run, tmp_path: Path) -> None:
    assert run("new-strategy", "Kenya").code == 0
    path = tmp_path / "strategies" / "ke-2021-2025.yaml"
    path.write_text("# my weeks of work\n", encoding="utf-8")
    before = path.read_bytes()
    again = run("new-strategy", "Kenya")
    assert again.code == 2
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert path.read_bytes() == before
    assert run("new-strategy", "Kenya", "--force").code == 0
    assert path.read_bytes() != before
    assert [p.name for p in path.parent.iterdir()] == ["ke-2021-2025.yaml"]  # no temp files


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("France", "EU member state"),
        ("DE", "EU member state"),
        ("Atlantis", "unknown country"),
        ("Kenyaa", "did you mean Kenya (KE)"),
        ("../../etc/passwd", "not a country name"),
        ("Ke/nya", "not a country name"),
    ],
)
def test_refused_countries(run: Run, tmp_path: Path, query: str, expected: str) -> None:
    result = run("new-strategy", query)
    assert result.code == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "strategies").exists()


def test_period_and_dir_options(run: Run, tmp_path: Path) -> None:
    result = run("new-strategy", "Peru", "--period", "2022-2026", "--dir", "out/strats")
    assert result.code == 0
    assert (tmp_path / "out" / "strats" / "pe-2022-2026.yaml").is_file()
    bad = run("new-strategy", "Peru", "--period", "2022-2030")
    assert bad.code == 2 and "5" in bad.stderr
    assert run("new-strategy", "Peru", "--period", "soon").code == 2


@pytest.mark.parametrize(("period", "bound"), [("0001-0005", "1900"), ("9000-9004", "2200")])
def test_period_years_out_of_range_are_one_line(
    run: Run, tmp_path: Path, period: str, bound: str
) -> None:
    # The years a strategy's period may hold are the strategy model's; the scaffold uses it.
    result = run("new-strategy", "Peru", "--period", period)
    assert result.code == 2
    assert result.stderr.splitlines() == [result.stderr.strip()] and result.stderr.startswith(
        f"error: --period {period}: a year should be"
    )
    assert bound in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "strategies").exists()


@pytest.mark.parametrize(
    ("code", "expected"), [("1.1.z", "did you mean"), ("5.2.a", "not selectable"), ("9", "not an")]
)
def test_priority_codes_are_validated(run: Run, tmp_path: Path, code: str, expected: str) -> None:
    result = run("new-strategy", "Kenya", "--priority", code)
    assert result.code == 2 and expected in result.stderr
    assert not (tmp_path / "strategies").exists()


def test_no_prompt_when_stdin_is_not_a_terminal(run: Run, tmp_path: Path) -> None:
    # stdin is a pipe holding an answer: a prompt would consume it and select 1.1.a.
    result = run("new-strategy", "Kenya", stdin="1.1.a\n\n")
    assert result.code == 0
    model, _ = check_strategy(load(tmp_path / "strategies" / "ke-2021-2025.yaml"))
    assert model is not None
    assert [p.objective for p in model.priorities] == [
        p.objective for p in model.priorities if p.objective.startswith("TODO:")
    ]


# -- init ---------------------------------------------------------------------------------------


def test_init_creates_a_repository_and_never_overwrites(run: Run, tmp_path: Path) -> None:
    result = run("init", "repo")
    assert result.code == 0
    repo = tmp_path / "repo"
    for name in [
        "strategies",
        "hrdplan.toml",
        ".pre-commit-config.yaml",
        ".github/workflows/hrdplan.yml",
        ".gitlab-ci.yml",
        "strategy.schema.json",
        ".gitignore",
    ]:
        assert (repo / name).exists(), name
        assert f"created  repo/{name}" in result.stdout
    for name in [".pre-commit-config.yaml", ".github/workflows/hrdplan.yml", ".gitlab-ci.yml"]:
        assert yaml.safe_load((repo / name).read_text(encoding="utf-8"))
    assert "--format github" in (repo / ".github/workflows/hrdplan.yml").read_text(encoding="utf-8")
    assert "junit" in (repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    (repo / "hrdplan.toml").write_text("# mine\n", encoding="utf-8")
    again = run("init", "repo")
    assert again.code == 0
    assert "kept     repo/hrdplan.toml (exists)" in again.stdout
    assert (repo / "hrdplan.toml").read_text(encoding="utf-8") == "# mine\n"


def test_init_writes_a_gitignore_for_what_hrdplan_writes(run: Run, tmp_path: Path) -> None:
    assert run("init").code == 0
    ignored = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/build/" in ignored
    for report in ("hrdplan.sarif", "gl-code-quality.json", "hrdplan-junit.xml"):
        assert f"/{report}" in ignored
        # Each report the CI workflows write is one the .gitignore names.
        workflows = (tmp_path / ".github/workflows/hrdplan.yml").read_text(encoding="utf-8")
        workflows += (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8")
        assert report in workflows


def test_init_keeps_a_gitignore_and_says_what_it_lacks(run: Run, tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("build\n*.pyc\n", encoding="utf-8")
    result = run("init")
    assert result.code == 0
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "build\n*.pyc\n"
    line = next(line for line in result.stdout.splitlines() if ".gitignore" in line)
    assert line.startswith("kept     .gitignore (exists; add /hrdplan.sarif, ")
    assert "/build/" not in line  # `build` covers it


def test_render_without_out_writes_into_the_repository_s_build_folder(
    run: Run, tmp_path: Path
) -> None:
    assert run("init", "repo").code == 0
    repo = tmp_path / "repo"
    strategy = repo / "strategies" / "gh-2021-2025.yaml"
    strategy.write_bytes((EXAMPLES / "gh-2021-2025.yaml").read_bytes())
    assert run("render", "--format", "md", cwd=repo).code == 0
    assert (repo / "build" / "gh-2021-2025.md").is_file()
    assert not (repo / "gh-2021-2025.md").exists()
    # From a folder inside the repository too: beside hrdplan.toml, not where it is run.
    result = run("render", "gh-2021-2025.yaml", "--format", "html", cwd=repo / "strategies")
    assert result.code == 0, result
    assert (repo / "build" / "gh-2021-2025.html").is_file()
    # Outside a repository, and with --out, as before.
    assert run("render", strategy, "--format", "md").code == 0
    assert (tmp_path / "gh-2021-2025.md").is_file()
    assert run("render", strategy, "--format", "md", "--out", "docs", cwd=repo).code == 0
    assert (repo / "docs" / "gh-2021-2025.md").is_file()


def test_render_without_out_never_writes_through_a_linked_build_folder(
    cli: Run, tmp_path: Path
) -> None:
    assert cli("init").code == 0
    (tmp_path / "strategies" / "gh-2021-2025.yaml").write_bytes(
        (EXAMPLES / "gh-2021-2025.yaml").read_bytes()
    )
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (tmp_path / "build").symlink_to(outside)
    result = cli("render", "--format", "md")
    assert result.code == 2, result
    assert "build is a symbolic link" in result.stderr
    assert list(outside.iterdir()) == []
    # A folder named with --out is the user's own choice, a link or not.
    assert cli("render", "--format", "md", "--out", "build").code == 0
    assert (outside / "gh-2021-2025.md").is_file()


def test_scaffold_in_an_initialised_repository_points_at_its_schema(
    run: Run, tmp_path: Path
) -> None:
    assert run("init").code == 0
    assert run("new-strategy", "Ghana").code == 0
    first = (tmp_path / "strategies" / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    ref = first.splitlines()[0].split("$schema=")[1]
    assert (tmp_path / "strategies" / ref).resolve() == (tmp_path / "strategy.schema.json")
    assert (tmp_path / "strategies" / ref).exists()


# -- the default period ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected", "outside"),
    [
        ("2026-11-29", "2027-2031", False),
        ("2027-01-01", "2028-2032", True),  # the plan period of 1.1.0 is 2020-2027
        ("2020-11-17", "2021-2025", False),
    ],
)
def test_default_period_is_the_next_five_calendar_years(
    run: Run, tmp_path: Path, today: str, expected: str, outside: bool
) -> None:
    result = run("new-strategy", "Kenya", "--priority", "1.1.c", env={"HRDPLAN_TODAY": today})
    assert result.code == 0, result
    assert result.stdout.strip() == f"strategies/ke-{expected}.yaml"
    assert ("warning:" in result.stderr and "HRD305" in result.stderr) is outside


def test_default_period_counts_from_the_system_date(run: Run, tmp_path: Path) -> None:
    from datetime import date

    start = date.today().year + 1
    result = run("new-strategy", "Kenya", env={"HRDPLAN_TODAY": ""})
    assert result.code == 0, result
    assert result.stdout.strip() == f"strategies/ke-{start}-{start + 4}.yaml"


def test_default_period_unit() -> None:
    from datetime import date

    from hrdplan.catalogue.model import PlanPeriod
    from hrdplan.strategy.model import Period
    from hrdplan.strategy.scaffold import default_period

    catalogue = Registry().load()
    assert default_period(catalogue, date(2030, 6, 1)) == Period(start=2031, end=2035)
    assert default_period(catalogue, date(2030, 12, 31)) == Period(start=2031, end=2035)
    later = catalogue.model_copy(update={"plan_period": PlanPeriod(start=2029, end=2033)})
    # Never before the plan starts.
    assert default_period(later, date(2026, 11, 29)) == Period(start=2029, end=2033)


def test_a_period_outside_the_plan_is_written_with_a_warning(run: Run, tmp_path: Path) -> None:
    result = run(
        "new-strategy", "Kenya", "--priority", "1.1.c", env={"HRDPLAN_TODAY": "2030-03-01"}
    )
    assert result.code == 0, result
    assert result.stdout.strip() == "strategies/ke-2031-2035.yaml"
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("strategies/ke-2031-2035.yaml: warning: the period starts in 2031")
    assert "2020-2027" in line and "HRD305" in line
    lint = run("lint", "--format", "json")
    assert lint.code == 0, lint  # a warning: the draft still passes
    (finding,) = [d for d in json.loads(lint.stdout) if d["code"] == "HRD305"]
    assert finding["severity"] == "warning" and finding["path"] == "period.start"
    # An explicit --period outside the plan is told the same way.
    explicit = run("new-strategy", "Peru", "--period", "2028-2032")
    assert explicit.code == 0 and "warning:" in explicit.stderr and "HRD305" in explicit.stderr


def test_a_bad_clock_setting_is_one_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("new-strategy", "Kenya", env={"HRDPLAN_TODAY": "next year"})
    assert result.code == 2
    assert result.stderr.strip() == (
        "error: HRDPLAN_TODAY='next year': not a date such as 2026-01-31"
    )
    assert not (tmp_path / "strategies").exists()


# -- --priority -----------------------------------------------------------------------------------


def test_priority_takes_comma_separated_and_repeated_codes(run: Run, tmp_path: Path) -> None:
    result = run("new-strategy", "Kenya", "--priority", "1.1.k,1.1.c", "--priority", " 2.2.a ,")
    assert result.code == 0, result
    model, _ = check_strategy(load(tmp_path / "strategies" / "ke-2021-2025.yaml"))
    assert model is not None
    assert [p.objective for p in model.priorities] == ["1.1.k", "1.1.c", "2.2.a"]


def test_comma_separated_priorities_are_each_validated(run: Run, tmp_path: Path) -> None:
    result = run("new-strategy", "Kenya", "--priority", "1.1.c,1.1.z,1.1.c")
    assert result.code == 2
    assert "--priority 1.1.z: not an objective" in result.stderr
    assert "--priority 1.1.c: given twice" in result.stderr
    assert not (tmp_path / "strategies").exists()


# -- countries by official name -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Republic of Korea", "kr"),
        ("republic of korea", "kr"),
        ("Korea, Republic of", "kr"),
        ("Democratic People's Republic of Korea", "kp"),
        ("Plurinational State of Bolivia", "bo"),
        ("Kingdom of Morocco", "ma"),
        ("KINGDOM OF MOROCCO", "ma"),
        ("United Republic of Tanzania", "tz"),
        ("The Democratic Republic of the Congo", "cd"),
        ("Côte d'Ivoire", "ci"),
        ("Cote d’Ivoire", "ci"),
        ("Türkiye", "tr"),
        ("turkiye", "tr"),
        ("Bolivarian Republic of Venezuela", "ve"),
        ("Syria", "sy"),
    ],
)
def test_official_and_common_names(run: Run, tmp_path: Path, query: str, code: str) -> None:
    result = run("new-strategy", query)
    assert result.code == 0, result
    assert result.stdout.strip() == f"strategies/{code}-2021-2025.yaml"


def test_official_name_of_a_member_state_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("new-strategy", "Kingdom of the Netherlands")
    assert result.code == 2 and "EU member state" in result.stderr


def test_a_misspelt_official_name_gets_did_you_mean(run: Run, tmp_path: Path) -> None:
    result = run("new-strategy", "Republik of Korea")
    assert result.code == 2
    assert "did you mean South Korea (KR)" in result.stderr


# -- init --install-spec --------------------------------------------------------------------------


def _pip_installs(repo: Path) -> list[list[str]]:
    """The install command of each CI workflow, split as a shell would."""
    import shlex

    github = yaml.safe_load((repo / ".github/workflows/hrdplan.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    commands = [s["run"] for s in github["jobs"]["lint"]["steps"] if "pip" in s.get("run", "")]
    commands += [c for c in gitlab["hrdplan"]["script"] if "pip" in c]
    assert len(commands) == 2
    return [shlex.split(c) for c in commands]


def test_init_pins_the_running_version_in_ci(run: Run, tmp_path: Path) -> None:
    from hrdplan import __version__

    assert run("init").code == 0
    for argv in _pip_installs(tmp_path):
        assert argv == ["pip", "install", f"hrdplan=={__version__}"]
    pre_commit = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"pip install hrdplan=={__version__}" in pre_commit


@pytest.mark.parametrize(
    "spec",
    [
        "hrdplan @ git+https://code.example.org/hrd/hrdplan.git@v0.1.0",
        "hrdplan>=0.1,<0.2",
        "hrdplan[extra] @ https://example.org/it's $HOME `id` #x.whl",
    ],
)
def test_init_install_spec_is_quoted_for_yaml_and_shell(
    run: Run, tmp_path: Path, spec: str
) -> None:
    assert run("init", "--install-spec", spec).code == 0
    for argv in _pip_installs(tmp_path):
        assert argv == ["pip", "install", spec]


@pytest.mark.parametrize("spec", ["", "  ", "hrdplan\nrm -rf /", "hrdplan\x1b[2J"])
def test_init_refuses_an_unusable_install_spec(run: Run, tmp_path: Path, spec: str) -> None:
    result = run("init", "repo", "--install-spec", spec)
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--install-spec" in result.stderr
    assert "\x1b" not in result.stderr
    assert not (tmp_path / "repo").exists()


def check_strategy(doc: YamlDocument) -> tuple[Strategy | None, list[Violation]]:
    """The strategy validated with the model of its format version."""
    return check(strategy_model(doc.data), doc)
