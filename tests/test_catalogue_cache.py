"""The validated catalogue is cached as JSON; a change to the YAML or a damaged cache never
gives a stale or broken catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL_CATALOGUE

from hrdplan.catalogue.registry import Entry, Registry, _cache_digest, _cache_name, _cache_root
from hrdplan.io.errors import InputError


def _cache_file(path: Path) -> Path | None:
    """Where the entry for the catalogue file at path, as it is now, is kept."""
    root = _cache_root()
    if root is None:
        return None
    entry = Entry(path.parent.name, path.stem, path)
    return root / _cache_name(_cache_digest(entry, path.read_bytes()))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HRDPLAN_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "catalogues" / "test-plan"
    target.mkdir(parents=True)
    shutil.copy(MINIMAL_CATALOGUE, target / "1.0.0.yaml")
    return target / "1.0.0.yaml"


def test_second_load_reads_the_cache(folder: Path) -> None:
    first = Registry([folder.parents[1]]).load("test-plan@1.0.0")
    cache = _cache_file(folder)
    assert cache is not None and cache.is_file()
    assert Registry([folder.parents[1]]).load("test-plan@1.0.0") == first


def test_changed_yaml_is_read_again(folder: Path) -> None:
    Registry([folder.parents[1]]).load("test-plan@1.0.0")
    text = folder.read_text(encoding="utf-8")
    folder.write_text(text.replace("Test Action Plan", "Renamed Action Plan"), encoding="utf-8")
    assert "Test Action Plan" in text
    reloaded = Registry([folder.parents[1]]).load("test-plan@1.0.0")
    assert "Renamed Action Plan" in reloaded.title.en


def test_damaged_cache_falls_back_to_the_yaml(folder: Path) -> None:
    good = Registry([folder.parents[1]]).load("test-plan@1.0.0")
    cache = _cache_file(folder)
    assert cache is not None
    cache.write_text('{"id": "broken"', encoding="utf-8")
    assert Registry([folder.parents[1]]).load("test-plan@1.0.0") == good


def test_cache_can_be_turned_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRDPLAN_NO_CACHE", "1")
    Registry([folder.parents[1]]).load("test-plan@1.0.0")
    assert _cache_file(folder) is None
    assert not (folder.parents[2] / "cache").exists()


def test_an_entry_is_the_digest_then_the_json(folder: Path) -> None:
    Registry([folder.parents[1]]).load("test-plan@1.0.0")
    cache = _cache_file(folder)
    assert cache is not None
    header, _, body = cache.read_bytes().partition(b"\n")
    entry = Entry("test-plan", "1.0.0", folder)
    assert header.endswith(_cache_digest(entry, folder.read_bytes()).encode())
    assert body.startswith(b'{"id":"test-plan"')


def test_the_same_bytes_in_another_place_are_another_entry(folder: Path) -> None:
    # Validation checks the id and version against the file's place: they are part of the key.
    data = folder.read_bytes()
    here = _cache_digest(Entry("test-plan", "1.0.0", folder), data)
    assert here != _cache_digest(Entry("other-plan", "1.0.0", folder), data)
    assert here != _cache_digest(Entry("test-plan", "1.0.1", folder), data)


def test_a_bad_size_limit_is_still_reported_with_a_cache(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Registry([folder.parents[1]]).load("test-plan@1.0.0")
    monkeypatch.setenv("HRDPLAN_MAX_FILE_SIZE", "100")
    with pytest.raises(InputError, match="over the limit"):
        Registry([folder.parents[1]]).load("test-plan@1.0.0")
