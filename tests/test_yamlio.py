"""The one YAML reader (hrdplan.io.yamlio) and the file helpers under it (hrdplan.io.files).

Every refusal is an InputError whose text starts with the file's name, and names the line and
column wherever the text has one.
"""

from __future__ import annotations

import concurrent.futures
import os
from pathlib import Path
from typing import Any

import pytest

from hrdplan.io import files, yamlio
from hrdplan.io.errors import InputError
from hrdplan.io.yamlio import Position

NAME = "strategy.yaml"

STRATEGY = """\
hrdplan: 1
country: KE
period: {start: 2021, end: 2025}
priorities:
  - id: P1
    objective: 1.1.a
    gender:
      marker: 2
  - id: P2
    objective:   2.1.b
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Files are named relative to the current folder: work where the test files are.
    monkeypatch.chdir(tmp_path)


def parse_error(text: str, name: str = NAME) -> InputError:
    with pytest.raises(InputError) as info:
        yamlio.parse(text, name)
    assert str(info.value).startswith(name), str(info.value)
    return info.value


def load_error(path: Path, **kwargs: int) -> InputError:
    with pytest.raises(InputError) as info:
        yamlio.load(path, **kwargs)
    assert str(info.value).startswith(path.name), str(info.value)
    assert len(info.value.problems) == 1
    return info.value


def where(err: InputError) -> tuple[int | None, int | None]:
    (problem,) = err.problems
    return problem.line, problem.column


# -- positions ----------------------------------------------------------------------------------


def test_parse_gives_plain_data() -> None:
    doc = yamlio.parse(STRATEGY, NAME)
    assert doc.file == NAME
    assert doc.data == {
        "hrdplan": 1,
        "country": "KE",
        "period": {"start": 2021, "end": 2025},
        "priorities": [
            {"id": "P1", "objective": "1.1.a", "gender": {"marker": 2}},
            {"id": "P2", "objective": "2.1.b"},
        ],
    }


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        (("hrdplan",), (1, 10), (1, 1)),
        (("period", "end"), (3, 28), (3, 23)),
        (("priorities", 0, "objective"), (6, 16), (6, 5)),
        (("priorities", 0, "gender", "marker"), (8, 15), (8, 7)),
        (("priorities", 1, "id"), (9, 9), (9, 5)),
        (("priorities", 1, "objective"), (10, 18), (10, 5)),
    ],
)
def test_values_and_keys_have_1_based_line_and_column(
    path: yamlio.KeyPath, value: tuple[int, int], key: tuple[int, int]
) -> None:
    doc = yamlio.parse(STRATEGY, NAME)
    assert doc.position(path) == Position(*value)
    assert doc.position(path, key=True) == Position(*key)


def test_list_items_have_positions() -> None:
    doc = yamlio.parse(STRATEGY, NAME)
    assert doc.position(("priorities", 0)) == Position(5, 5)
    assert doc.position(("priorities", 1)) == Position(9, 5)


def test_position_of_an_absent_path_is_its_nearest_parent() -> None:
    doc = yamlio.parse(STRATEGY, NAME)
    assert doc.position(("priorities", 1, "gender", "marker")) == Position(9, 5)
    assert doc.position(("priorities", 7)) == doc.position(("priorities",))
    assert doc.position(("nothing", "here")) == Position(1, 1)
    # An absent key falls back to where its parent's key stands.
    assert doc.position(("period", "middle"), key=True) == Position(3, 1)


def test_position_in_an_empty_document_is_the_start() -> None:
    doc = yamlio.parse("", NAME)
    assert doc.position(("priorities", 0)) == Position(1, 1)


def test_duplicate_keys_are_recorded_at_the_repeat() -> None:
    doc = yamlio.parse("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", NAME)
    assert doc.data == {"a": 1, "b": {"c": 2}}  # the first occurrence stands
    assert doc.duplicate_keys == [(("b", "c"), Position(4, 3)), (("a",), Position(5, 1))]
    assert doc.position(("a",), key=True) == Position(1, 1)


def test_a_file_without_duplicates_records_none() -> None:
    assert yamlio.parse(STRATEGY, NAME).duplicate_keys == []


# -- refusals with line:column ------------------------------------------------------------------


def test_several_documents_are_refused_at_the_second() -> None:
    err = parse_error("a: 1\n---\nb: 2\n")
    assert "more than one YAML document" in str(err)
    assert where(err) == (2, 1)
    assert f"{NAME}:2:1:" in str(err)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: [1, 2\nb: 3\n", 2),
        ("a: 1\nb: c: d\n", 2),
        ("a: 1\n  b: 2\n", 2),
        ("a: 'unclosed\n", 2),
        ("\ta: 1\n", 1),
    ],
)
def test_syntax_error_names_line_and_column(text: str, line: int) -> None:
    err = parse_error(text)
    got_line, column = where(err)
    assert got_line == line
    assert column is not None and column >= 1
    assert "YAML syntax" in str(err)
    assert f"{NAME}:{line}:{column}: error:" in str(err)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system x\n",
        "a: !!python/object/apply:os.system ['echo unsafe']\n",
        "a: !!python/name:os.system\n",
        "a: !custom x\n",
        "a: !custom {b: 1}\n",
        "a: !custom [1, 2]\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
    ],
)
def test_unsupported_tags_are_refused(text: str) -> None:
    err = parse_error(text)
    assert "unsupported tag" in str(err)
    assert where(err) == (1, 4)


def test_core_tags_are_accepted() -> None:
    doc = yamlio.parse("a: !!str 1\nb: !!int '2'\n", NAME)
    assert doc.data == {"a": "1", "b": 2}


def test_merge_keys_are_refused() -> None:
    err = parse_error("base: &base {marker: 1}\nother:\n  <<: *base\n  id: P2\n")
    assert "merge keys" in str(err)
    assert where(err) == (3, 3)


@pytest.mark.parametrize(
    ("text", "position"),
    [("? [a, b]\n: 1\n", (1, 3)), ("? {a: 1}\n: 1\n", (1, 3)), ("{[a]: 1}\n", (1, 2))],
)
def test_collection_keys_are_refused(text: str, position: tuple[int, int]) -> None:
    err = parse_error(text)
    assert "mapping key must be a plain value" in str(err)
    assert where(err) == position


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    text = "a: &a [" + ", ".join(['"lol"'] * width) + "]\n"
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]\n"
    return text


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A counter of the nodes the reader builds, keys and values (each is counted by tick)."""
    built = [0]
    tick = yamlio._Builder.tick

    def counting(self: Any, node: Any) -> None:
        built[0] += 1
        tick(self, node)

    monkeypatch.setattr(yamlio._Builder, "tick", counting)
    return built


def test_alias_bomb_is_refused_after_bounded_work(monkeypatch: pytest.MonkeyPatch) -> None:
    built = count_builds(monkeypatch)
    err = parse_error(billion_laughs())  # 9**9 values once expanded
    # The reader stops at the value past its bound, not after expanding the aliases.
    assert built[0] == yamlio.MAX_NODES + 1
    assert "alias bomb" in str(err)
    line, column = where(err)
    assert line is not None and column is not None


def test_a_few_aliases_are_fine() -> None:
    doc = yamlio.parse("a: &x [1, 2]\nb: *x\nc: *x\n", NAME)
    assert doc.data == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n"])
def test_recursive_alias_is_refused(text: str) -> None:
    parse_error(text)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000 + "]" * 10_000,
        "[" * 10_000,
        "{a: " * 10_000 + "1" + "}" * 10_000,
        "- " * 10_000 + "x\n",
    ],
    ids=["flow-sequences", "unclosed", "flow-mappings", "block-sequences"],
)
def test_deep_nesting_is_refused_without_crash(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Refused on the parser's events, before libyaml's composer (which recurses in C) runs.
    def refuse(self: object) -> None:
        raise AssertionError("the text reached the YAML composer")

    monkeypatch.setattr(yamlio._Loader, "get_single_node", refuse)
    built = count_builds(monkeypatch)
    err = parse_error(text)
    assert "nested more than" in str(err)
    assert built[0] == 0


def test_moderate_nesting_is_fine() -> None:
    doc = yamlio.parse("a: " + "[" * 20 + "]" * 20 + "\n", NAME)
    value = doc.data["a"]
    for _ in range(19):
        (value,) = value
    assert value == []


@pytest.mark.parametrize("value", [".inf", "-.inf", "+.INF", ".nan", "1.0e+999", "-1.5e+400"])
def test_non_finite_numbers_are_refused(value: str) -> None:
    err = parse_error(f"hrdplan: 1\nmarker: {value}\n")
    assert "not a finite number" in str(err)
    assert where(err) == (2, 9)


def test_exponent_without_dot_is_a_string_as_in_yaml_1_1() -> None:
    # YAML 1.1 reads a float only with a dot; the schema then rejects the string where a
    # number is expected, so nothing overflows.
    assert yamlio.parse("marker: 1e999\n", NAME).data == {"marker": "1e999"}


def test_invalid_date_is_refused_at_its_position() -> None:
    err = parse_error("consultations:\n  - date: 2021-02-30\n")
    assert "2021-02-30" in str(err)
    assert where(err) == (2, 11)


def test_valid_date_is_a_date() -> None:
    import datetime as dt

    doc = yamlio.parse("date: 2021-02-10\n", NAME)
    assert doc.data == {"date": dt.date(2021, 2, 10)}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_document_is_none(text: str) -> None:
    doc = yamlio.parse(text, NAME)
    assert doc.data is None
    assert doc.duplicate_keys == []


def test_control_character_is_refused_at_its_position() -> None:
    err = parse_error("a: 1\nb: x\x0by\n")
    assert where(err) == (2, 5)
    assert "unicode string" not in str(err)


# -- reading files ------------------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = NAME) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_load_reads_a_file(tmp_path: Path) -> None:
    doc = yamlio.load(write(tmp_path, STRATEGY.encode()))
    assert doc.file == NAME  # relative to the current folder
    assert doc.data["priorities"][1]["objective"] == "2.1.b"
    assert doc.position(("priorities", 1, "objective")) == Position(10, 18)


def test_load_errors_start_with_the_file_name(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, b"a: 1\na: [\n"))
    assert str(err).startswith(f"{NAME}:")


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffcountry: KE\ntitle: Vrijheid van meningsuiting é\n".encode())
    doc = yamlio.load(path)
    assert doc.data == {"country": "KE", "title": "Vrijheid van meningsuiting é"}
    assert doc.position(("country",), key=True) == Position(1, 1)
    assert files.read_text(path).startswith("country")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_refused(tmp_path: Path, encoding: str) -> None:
    data = "country: KE\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    err = load_error(write(tmp_path, data))
    assert "UTF-16" in str(err)
    assert "UTF-8" in str(err)


def test_non_utf8_byte_is_located(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, b"country: KE\ntitle: caf\xe9 culture\n"))
    assert "not valid UTF-8" in str(err)
    assert "0xe9" in str(err)
    assert where(err) == (2, 11)
    assert str(err).startswith(f"{NAME}:2:11: error:")


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, b"country: KE\nti\x00tle: x\n"))
    assert "NUL" in str(err)
    assert where(err) == (2, 3)


def test_empty_file_has_no_data(tmp_path: Path) -> None:
    assert yamlio.load(write(tmp_path, b"")).data is None


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "strategies"
    folder.mkdir()
    err = load_error(folder)
    assert "is a directory" in str(err)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    err = load_error(tmp_path / "absent.yaml")
    assert "no such file" in str(err)
    assert str(err).startswith("absent.yaml: error:")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    future = pool.submit(yamlio.load, fifo)
    try:
        with pytest.raises(InputError) as info:
            future.result(timeout=5)
    finally:
        if not future.done():  # it blocked in open(): give it a writer so the thread ends
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        pool.shutdown(wait=True)
    assert str(info.value).startswith("pipe.yaml")
    assert "not a regular file" in str(info.value)


def test_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"context: " + b"x" * 200 + b"\n")
    err = load_error(path, max_bytes=100)
    assert "over the limit" in str(err)
    assert "100" in str(err)
    # the same file within a larger limit is fine
    assert yamlio.load(path, max_bytes=1000).data == {"context": "x" * 200}


def test_read_text_errors_start_with_the_file_name(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        files.read_text(tmp_path / "sub" / "gone.yaml")
    assert str(info.value).startswith("sub/gone.yaml: error:")


# -- writing files ------------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_creates_a_file(tmp_path: Path) -> None:
    target = tmp_path / "strategies" / "ke-2021-2025.yaml"
    files.atomic_write(target, "country: KE\ntitle: Kenya — 2021\n")
    assert target.read_text(encoding="utf-8") == "country: KE\ntitle: Kenya — 2021\n"
    assert leftovers(target.parent) == ["ke-2021-2025.yaml"]


def test_atomic_write_refuses_to_overwrite_and_keeps_the_original(tmp_path: Path) -> None:
    target = tmp_path / NAME
    original = b"# mine\r\ncountry: KE\r\n\xe2\x80\x94\n"
    target.write_bytes(original)
    with pytest.raises(InputError) as info:
        files.atomic_write(target, "country: FR\n")
    assert str(info.value).startswith(NAME)
    assert "already exists" in str(info.value)
    assert target.read_bytes() == original
    assert leftovers(tmp_path) == [NAME]


def test_atomic_write_overwrites_when_asked(tmp_path: Path) -> None:
    target = tmp_path / NAME
    target.write_text("country: KE\n" * 50, encoding="utf-8")
    files.atomic_write(target, "country: TZ\n", overwrite=True)
    assert target.read_text(encoding="utf-8") == "country: TZ\n"
    assert leftovers(tmp_path) == [NAME]


def test_atomic_write_where_a_folder_cannot_be_made_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "strategies").write_text("not a folder\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        files.atomic_write(tmp_path / "strategies" / NAME, "x: 1\n")
    assert str(info.value).startswith(f"strategies/{NAME}: error: cannot write")
    assert (tmp_path / "strategies").read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_do_not_shift_line_numbers(separator: str) -> None:
    # YAML counts NEL, LS and PS as line breaks; editors and CI annotations do not.
    doc = yamlio.parse(f'a: "x{separator}y"\nb: 1\n', "f.yaml")
    assert doc.position(("b",)) == Position(2, 4)


def test_an_error_at_the_end_of_a_file_without_newline_is_on_its_last_line() -> None:
    err = parse_error("a: [1, 2")
    assert where(err) == (1, 9)
