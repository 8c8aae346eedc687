"""`hrdplan migrate`: re-pinning strategies along a chain of fixture catalogue versions
(tests/fixtures/catalogues/versions/test-plan: 1.0.0 -> 1.1.0 -> 2.0.0 -> 3.0.0)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, Run

VERSIONS = FIXTURES / "catalogues" / "versions"
DIR = ("--catalogue-dir", VERSIONS)

# Comments, blank lines, both kinds of quotes, flow and block lists: all must survive.
STRATEGY = """\
# yaml-language-server: $schema=../strategy.schema.json
# Kenya: comments and blank lines must survive a migration.
hrdplan: 1
catalogue: test-plan@1.0.0   # pinned when drafted

country: KE
title: "EU Human Rights and Democracy Country Strategy for Kenya 2021-2025"
period: {start: 2021, end: 2025}
status: draft  # draft | consultation | adopted
classification: restricted
delegation: EU Delegation to Kenya
priorities:
  # the first priority
  - id: P1
    objective: '1.1.b'   # quoted on purpose
    title: Children's rights
    actions:
      - text: Campaign
        instruments: [public-diplomacy, human-rights-dialogue]

  - id: P2
    objective: 1.2.a
    title: Digital rights
    actions:
      - text: Dialogue
        instruments:
          - "public-diplomacy"   # double-quoted
"""


def write(folder: Path, text: str = STRATEGY, name: str = "ke-2021-2025.yaml") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def pinned(version: str, *objectives: str) -> str:
    """The strategy pinned to another version, with other objective codes for P1, P2."""
    text = STRATEGY.replace("test-plan@1.0.0", f"test-plan@{version}")
    for old, new in zip(("'1.1.b'", "1.2.a"), objectives, strict=False):
        text = text.replace(f"objective: {old}", f"objective: {new}", 1)
    return text


def changed_lines(before: str, after: str) -> dict[int, tuple[str, str]]:
    """Line number -> (before, after) for every line that differs; same number of lines."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return {n: (a, b) for n, (a, b) in enumerate(zip(old, new, strict=True), start=1) if a != b}


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


# -- renames ------------------------------------------------------------------------------------


def test_renames_along_the_chain_keep_everything_else(run: Run, cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path)
    outdated = cli("lint", path.name, "--select", "HRD007", *DIR)
    assert "HRD007 test-plan@3.0.0 is the newest version" in outdated.stdout, outdated
    result = run("migrate", path.name, "--to", "3.0.0", *DIR)
    assert result.code == 0, result
    after = path.read_text(encoding="utf-8")
    # Only the pin, P1's objective (1.1.b -> 1.3.a in 2.0.0 -> 1.3.b in 3.0.0) and the two uses
    # of the renamed instrument change, each in place, quotes and comments kept.
    assert changed_lines(STRATEGY, after) == {
        line_of(STRATEGY, "catalogue:"): (
            "catalogue: test-plan@1.0.0   # pinned when drafted\n",
            "catalogue: test-plan@3.0.0   # pinned when drafted\n",
        ),
        line_of(STRATEGY, "'1.1.b'"): (
            "    objective: '1.1.b'   # quoted on purpose\n",
            "    objective: '1.3.b'   # quoted on purpose\n",
        ),
        line_of(STRATEGY, "[public-diplomacy"): (
            "        instruments: [public-diplomacy, human-rights-dialogue]\n",
            "        instruments: [strategic-communication, human-rights-dialogue]\n",
        ),
        line_of(STRATEGY, '"public-diplomacy"'): (
            '          - "public-diplomacy"   # double-quoted\n',
            '          - "strategic-communication"   # double-quoted\n',
        ),
    }
    assert "ke-2021-2025.yaml: migrated test-plan@1.0.0 -> test-plan@3.0.0" in result.stdout
    assert "priorities[0].objective 1.1.b -> 1.3.b" in result.stdout
    # Every code now exists in 3.0.0, and the pin is the newest: nothing left for the catalogue
    # rules and HRD007 (before, HRD007 informed about 3.0.0).
    lint = cli("lint", path.name, "--select", "HRD0,HRD1", "--ignore", "HRD008", *DIR)
    assert lint.code == 0 and "All checked" in lint.stdout, lint


def test_default_target_is_the_newest_version(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path)
    assert cli("migrate", path.name, *DIR).code == 0
    assert "catalogue: test-plan@3.0.0" in path.read_text(encoding="utf-8")


def test_to_accepts_id_at_version(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path)
    result = cli("migrate", path.name, "--to", "test-plan@2.0.0", *DIR)
    assert result.code == 0, result
    text = path.read_text(encoding="utf-8")
    assert "catalogue: test-plan@2.0.0" in text and "objective: '1.3.a'" in text


def test_migrating_down_reverses_the_renames(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, pinned("3.0.0", "'1.3.b'"))
    result = cli("migrate", path.name, "--to", "1.0.0", *DIR)
    assert result.code == 0, result
    text = path.read_text(encoding="utf-8")
    assert "catalogue: test-plan@1.0.0" in text and "objective: '1.1.b'" in text


def test_already_pinned_is_nothing_to_do(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, pinned("3.0.0", "'1.3.b'"))
    before = path.stat().st_mtime_ns
    result = cli("migrate", path.name, *DIR)
    assert result.code == 0
    assert "already pinned to test-plan@3.0.0" in result.stderr
    assert path.stat().st_mtime_ns == before


# -- refusals -----------------------------------------------------------------------------------


def test_removed_objective_refuses_and_leaves_the_file_alone(run: Run, tmp_path: Path) -> None:
    text = pinned("1.1.0", "'1.1.a'", "1.2.b")
    path = write(tmp_path, text)
    before = path.read_bytes()
    result = run("migrate", path.name, "--to", "2.0.0", *DIR)
    assert result.code == 1, result
    assert path.read_bytes() == before
    line = line_of(text, "objective: 1.2.b")
    column = text.splitlines()[line - 1].index("1.2.b") + 1
    assert result.stderr.splitlines() == [
        f"ke-2021-2025.yaml:{line}:{column}: error: priorities[1].objective: objective 1.2.b is "
        "removed in test-plan@2.0.0; choose another objective before migrating to test-plan@2.0.0"
    ]
    assert result.stdout == ""


def test_objective_added_later_refuses_going_down(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, pinned("3.0.0", "1.3.a"))
    before = path.read_bytes()
    result = cli("migrate", path.name, "--to", "2.0.0", *DIR)
    assert result.code == 1
    assert "objective 1.3.a is added in test-plan@3.0.0, not in test-plan@2.0.0" in result.stderr
    assert path.read_bytes() == before


def test_one_refused_file_does_not_stop_the_others(cli: Run, tmp_path: Path) -> None:
    refused = write(tmp_path, pinned("1.1.0", "'1.1.a'", "1.2.b"), "a.yaml")
    migrated = write(tmp_path, STRATEGY, "b.yaml")
    result = cli("migrate", ".", "--to", "2.0.0", *DIR)
    assert result.code == 1
    assert "test-plan@1.1.0" in refused.read_text(encoding="utf-8")
    assert "catalogue: test-plan@2.0.0" in migrated.read_text(encoding="utf-8")


# -- --dry-run ----------------------------------------------------------------------------------


def test_dry_run_prints_a_diff_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path)
    before = path.read_bytes()
    result = run("migrate", path.name, "--dry-run", *DIR)
    assert result.code == 0, result
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left
    diff = result.stdout.splitlines()
    assert diff[:2] == ["--- a/ke-2021-2025.yaml", "+++ b/ke-2021-2025.yaml"]
    assert "-catalogue: test-plan@1.0.0   # pinned when drafted" in diff
    assert "+catalogue: test-plan@3.0.0   # pinned when drafted" in diff
    assert "+    objective: '1.3.b'   # quoted on purpose" in diff
    assert len([d for d in diff if d.startswith("+") and not d.startswith("+++")]) == 4
    assert "would migrate test-plan@1.0.0 -> test-plan@3.0.0" in result.stderr


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("to", "message"),
    [
        (
            "9.9.9",
            "catalogue test-plan has no version '9.9.9' (available: 1.0.0, 1.1.0, 2.0.0, 3.0.0)",
        ),
        ("eu-hrd-2020-2024@1.1.0", "migrate moves between versions of one catalogue (test-plan)"),
    ],
)
def test_bad_target_exits_2(cli: Run, tmp_path: Path, to: str, message: str) -> None:
    path = write(tmp_path)
    before = path.read_bytes()
    result = cli("migrate", path.name, "--to", to, *DIR)
    assert result.code == 2
    assert message in result.stderr
    assert path.read_bytes() == before


def test_unparseable_strategy_exits_2_with_its_position(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, STRATEGY.replace("country: KE", "country: [KE"))
    result = cli("migrate", path.name, *DIR)
    assert result.code == 2
    assert re.match(r"^ke-2021-2025\.yaml:\d+:\d+: error: YAML syntax", result.stderr), result


def test_missing_file_exits_2(cli: Run) -> None:
    result = cli("migrate", "nowhere.yaml", *DIR)
    assert result.code == 2
    assert "nowhere.yaml: no such file or directory" in result.stderr


def test_broken_chain_exits_2_naming_the_catalogue_file(cli: Run, tmp_path: Path) -> None:
    catalogues = tmp_path / "catalogues"
    for version in ("1.0.0", "1.1.0", "2.0.0"):
        source = (VERSIONS / "test-plan" / f"{version}.yaml").read_text(encoding="utf-8")
        if version == "2.0.0":
            source = source.replace("removed: [1.2.b]", "removed: []")
        target = catalogues / "test-plan" / f"{version}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    path = write(tmp_path)
    before = path.read_bytes()
    result = cli("migrate", path.name, "--catalogue-dir", catalogues)
    assert result.code == 2
    assert re.match(
        r"^catalogues/test-plan/2\.0\.0\.yaml:\d+:\d+: error: objective 1\.2\.b of "
        r"test-plan@1\.1\.0 is missing",
        result.stderr,
    ), result.stderr
    assert path.read_bytes() == before


# -- bytes kept ---------------------------------------------------------------------------------


def test_line_endings_byte_order_mark_and_mode_are_kept(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "ke.yaml"
    original = ("\ufeff" + STRATEGY.replace("\n", "\r\n")).encode("utf-8")
    path.write_bytes(original)
    path.chmod(0o640)
    assert cli("migrate", path.name, "--to", "2.0.0", *DIR).code == 0
    expected = original.replace(b"test-plan@1.0.0", b"test-plan@2.0.0")
    expected = expected.replace(b"'1.1.b'", b"'1.3.a'").replace(
        b"public-diplomacy", b"strategic-communication"
    )
    assert path.read_bytes() == expected
    assert path.stat().st_mode & 0o777 == 0o640


def test_shipped_examples_are_pinned_to_the_newest_catalogue(cli: Run, tmp_path: Path) -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        text = example.read_text(encoding="utf-8")
        if "\nhrdplan: 1\n" in text:
            continue  # the format 1 example (tn) shows the upgrade path as it was, pin included
        copy = write(tmp_path, text, example.name)
        result = cli("migrate", copy.name)
        assert result.code == 0
        assert "already pinned to eu-hrd-2020-2024@1.2.0" in result.stderr


def test_unlinked_versions_exit_2(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "catalogues" / "test-plan"
    folder.mkdir(parents=True)
    text = (VERSIONS / "test-plan" / "1.0.0.yaml").read_text(encoding="utf-8")
    (folder / "1.0.0.yaml").write_text(text, encoding="utf-8")
    (folder / "1.5.0.yaml").write_text(text.replace("version: 1.0.0", "version: 1.5.0"), "utf-8")
    path = write(tmp_path)
    before = path.read_bytes()
    result = cli("migrate", path.name, "--catalogue-dir", folder.parent)
    assert result.code == 2
    assert "test-plan@1.0.0 and test-plan@1.5.0 are not one chain of versions" in result.stderr
    assert path.read_bytes() == before


def test_a_value_written_as_a_block_scalar_is_not_rewritten(cli: Run, tmp_path: Path) -> None:
    text = STRATEGY.replace(
        "objective: '1.1.b'   # quoted on purpose", "objective: >-\n      1.1.b"
    )
    path = write(tmp_path, text)
    before = path.read_bytes()
    result = cli("migrate", path.name, *DIR)
    assert result.code == 2
    line = line_of(text, "objective: >-")
    assert result.stderr.startswith(
        f"ke-2021-2025.yaml:{line}:16: error: priorities[0].objective: cannot rewrite '1.1.b'"
    ), result.stderr
    assert path.read_bytes() == before


def test_values_after_non_ascii_text_on_the_same_line(cli: Run, tmp_path: Path) -> None:
    # Columns count characters (an emoji is one), not bytes: the replacement lands exactly.
    flow = (
        '  - {id: P1, title: "Droits de l’enfant – 😀", objective: 1.1.b, '
        "actions: [{text: é, instruments: [public-diplomacy]}]}\n"
    )
    text = STRATEGY.split("priorities:\n")[0] + "priorities:\n" + flow
    path = write(tmp_path, text)
    assert cli("migrate", path.name, *DIR).code == 0
    assert path.read_text(encoding="utf-8").splitlines()[-1] == (
        '  - {id: P1, title: "Droits de l’enfant – 😀", objective: 1.3.b, '
        "actions: [{text: é, instruments: [strategic-communication]}]}"
    )


def test_unicode_line_separators_before_a_value(cli: Run, tmp_path: Path) -> None:
    # NEL, LS and PS are characters to an editor, not line breaks: offsets must agree.
    text = STRATEGY.replace(
        'title: "EU Human', 'title: "EU\u2028Human\x85Rights\u2029and', 1
    ).replace("Rights and Democracy Country", "Democracy Country", 1)
    path = write(tmp_path, text)
    assert cli("migrate", path.name, *DIR).code == 0
    after = path.read_text(encoding="utf-8")
    assert after == text.replace("test-plan@1.0.0", "test-plan@3.0.0").replace(
        "'1.1.b'", "'1.3.b'"
    ).replace(
        "[public-diplomacy, human-rights-dialogue]",
        "[strategic-communication, human-rights-dialogue]",
    ).replace('"public-diplomacy"', '"strategic-communication"')


# -- one file at a time -------------------------------------------------------------------------


def test_a_failed_write_does_not_stop_the_others(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hrdplan.io.files

    first, second = write(tmp_path, name="a.yaml"), write(tmp_path, name="b.yaml")
    write_file = hrdplan.io.files.atomic_write

    def failing(path: Path, text: str, *, overwrite: bool = False, expect: bytes | None) -> None:
        if path.name == "a.yaml":
            from hrdplan.io.errors import InputError, Problem

            raise InputError(Problem("a.yaml", "cannot write: Read-only file system"))
        write_file(path, text, overwrite=overwrite, expect=expect)

    monkeypatch.setattr(hrdplan.io.files, "atomic_write", failing)
    result = cli("migrate", "a.yaml", "b.yaml", *DIR)
    assert result.code == 2, result
    assert result.stderr.splitlines() == ["a.yaml: error: cannot write: Read-only file system"]
    assert first.read_text(encoding="utf-8") == STRATEGY
    assert "catalogue: test-plan@3.0.0" in second.read_text(encoding="utf-8")
    (migrated,) = result.stdout.splitlines()
    assert migrated.startswith("b.yaml: migrated test-plan@1.0.0 -> test-plan@3.0.0 ")


def test_an_unparseable_file_among_good_ones(cli: Run, tmp_path: Path) -> None:
    good = [write(tmp_path, name=f"{n}.yaml") for n in ("a", "c")]
    bad = write(tmp_path, STRATEGY.replace("country: KE", "country: [KE"), name="b.yaml")
    refused = write(tmp_path, pinned("1.1.0", "'1.1.a'", "1.2.b"), "d.yaml")  # 1.2.b: removed
    before = bad.read_bytes(), refused.read_bytes()
    result = cli("migrate", tmp_path, *DIR)
    assert result.code == 2, result  # bad input outranks a refusal
    for path in good:
        assert "catalogue: test-plan@3.0.0" in path.read_text(encoding="utf-8")
    assert (bad.read_bytes(), refused.read_bytes()) == before
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert re.match(r"^b\.yaml:\d+:\d+: error: YAML syntax", errors[0]), errors
    assert re.match(r"^d\.yaml:\d+:\d+: error: .*1\.2\.b", errors[1]), errors
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["a.yaml", "c.yaml"]
