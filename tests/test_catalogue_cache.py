"""The validated catalogue is cached as JSON; a change to the YAML or a damaged cache never
gives a stale or broken catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL_CATALOGUE

from hrdplan.catalogue.registry import Registry, _cache_file


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
