"""The strategy format: models, JSON Schema, `new-strategy` and `init`, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, ROOT, Run

from hrdplan.catalogue.registry import Registry
from hrdplan.io.validate import check
from hrdplan.io.yamlio import load
from hrdplan.strategy.model import Strategy, schema_text

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
    assert "priorities" in schema["properties"]
    assert run("schema", "--output", "s.json").code == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == result.stdout


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_validate_against_committed_schema_and_models(example: Path) -> None:
    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(as_json(example))
    model, violations = check(Strategy, load(example))
    assert violations == [] and model is not None


def test_examples_are_substantial() -> None:
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 3
    for path in examples:
        model, _ = check(Strategy, load(path))
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
    _, violations = check(Strategy, doc)
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
    model, violations = check(Strategy, load(path))
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
    model, _ = check(Strategy, load(tmp_path / "strategies" / "ke-2021-2025.yaml"))
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


def test_scaffold_in_an_initialised_repository_points_at_its_schema(
    run: Run, tmp_path: Path
) -> None:
    assert run("init").code == 0
    assert run("new-strategy", "Ghana").code == 0
    first = (tmp_path / "strategies" / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    ref = first.splitlines()[0].split("$schema=")[1]
    assert (tmp_path / "strategies" / ref).resolve() == (tmp_path / "strategy.schema.json")
    assert (tmp_path / "strategies" / ref).exists()
